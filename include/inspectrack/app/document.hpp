#pragma once
// The official documents' use cases: what the follow-up report (báo cáo) and the
// reminder letter (công văn đôn đốc) say, gathered from the store as the reports
// gather theirs (the data of render/document.hpp, which words it).

#include <optional>
#include <string>

#include "inspectrack/app/reports.hpp"
#include "inspectrack/calendar/registry.hpp"
#include "inspectrack/model/office.hpp"
#include "inspectrack/render/document.hpp"
#include "inspectrack/storage/report_queries.hpp"

namespace inspectrack::app {

// The office a document is issued by: the one `key` names, else the only one stored.
// Throws InputError (66) when none is stored (import an office file), UsageError when
// several are and `key` is none (listing their keys), or `key` names none (with the
// nearest key).
model::Office office_for(storage::ReportQueries& store, const std::optional<std::string>& key);

// The report's data after check_filter; the counts are app::summary's by unit for the
// same request. Throws InputError (66) when the request selects no task.
render::ReportDocumentData report_document(storage::ReportQueries& store,
                                           const calendar::CalendarRegistry& calendars,
                                           const ReportRequest& request,
                                           const std::optional<std::string>& office);

// The letter's data after check_filter: app::overdue's rows by unit. Throws InputError
// (66) when no task of the request is overdue.
render::LetterDocumentData letter_document(storage::ReportQueries& store,
                                           const calendar::CalendarRegistry& calendars,
                                           const ReportRequest& request,
                                           const std::optional<std::string>& office);

}  // namespace inspectrack::app
