#pragma once
// The official documents in words: the follow-up report (báo cáo) and the reminder
// letter (công văn đôn đốc) as typeset::Documents, in the layout of Nghị định
// 30/2020/NĐ-CP, Phụ lục I, in the reader's language (the layout stays the Vietnamese
// official one in English too).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "inspectrack/model/date.hpp"
#include "inspectrack/model/inspection.hpp"
#include "inspectrack/model/office.hpp"
#include "inspectrack/model/unit.hpp"
#include "inspectrack/report/summary.hpp"
#include "inspectrack/report/task_report.hpp"
#include "inspectrack/text/lang.hpp"
#include "inspectrack/typeset/document.hpp"

namespace inspectrack::render {

// A task as a document's row: its lateness on the day, the latest note of its
// history ("" when none), and its outcome counted as `summary` counts it.
struct DocumentTask {
  report::TaskRow row;
  std::string note;
  report::SummaryRow outcome;  // one task: exactly one of its buckets is 1
};

// A unit and its tasks in a document, with their counts as `summary --by unit` gives them.
struct UnitTasks {
  model::Unit unit;
  report::SummaryRow counts;
  std::vector<DocumentTask> tasks;  // by key (inspection, task, occurrence)
};

// What a document is about and from whom, common to both kinds.
struct DocumentSource {
  model::Office office;
  // The office's own name in a sentence ("Phòng Nội vụ"): the name of its unit when it
  // is a registered one; "" when it is not (its printed body is upper case).
  std::string office_name;
  model::Date as_of;
  // The inspections of the selected tasks (the one --inspection names, even without
  // tasks), by key.
  std::vector<model::Inspection> inspections;
};

// The follow-up report: the selection's counts in all and by unit, and each task.
struct ReportDocumentData {
  DocumentSource source;
  report::SummaryRow total;      // report::total of `units`' counts: summary's totals
  std::vector<UnitTasks> units;  // units with tasks, by name in the store's name order, then key
};

// The reminder letter: the overdue tasks by unit (the office's own unit left out: a
// letter is not addressed to its sender).
struct LetterDocumentData {
  DocumentSource source;
  std::vector<UnitTasks> units;  // counts unset; tasks most days late first, as `overdue` orders them
  std::size_t overdue = 0;       // the tasks of all the units
};

// The date line (ô 4): "Chư Prông, ngày 05 tháng 02 năm 2021" (a day below 10 and the
// months 1 and 2 with a leading zero), "Chư Prông, 5 February 2021" in English.
std::string place_date(const std::string& place, model::Date date, text::Lang lang);

// The number line (ô 3) with the number left blank for the clerk: "Số:      /BC-NV".
std::string number_line(const std::string& symbol, text::Lang lang);

// The signature block's title lines as the Signing's comment shows them.
std::vector<std::string> signing_lines(const model::Signing& signing);

// What the report holds beyond the data: the chart.
struct ReportDocumentOptions {
  bool chart = false;
  std::optional<model::Date> date;  // the date line's day; none: the as-of day
};

// The follow-up report: one document.
typeset::Documents report_document(const ReportDocumentData& data, const ReportDocumentOptions& options,
                                   text::Lang lang);

struct LetterDocumentOptions {
  bool per_unit = false;                // one letter per unit, each addressed to it
  std::optional<model::Date> reply_by;  // the day the units must report by; none: promptly
  std::optional<model::Date> date;      // the date line's day; none: the as-of day
};

// The reminder letter: one document, or one per unit.
typeset::Documents letter_document(const LetterDocumentData& data, const LetterDocumentOptions& options,
                                   text::Lang lang);

}  // namespace inspectrack::render
