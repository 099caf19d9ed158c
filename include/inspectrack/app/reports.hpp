#pragma once
// The reports: list, show, overdue, due, summary. Each checks its filter against the
// store, reads through storage::ReportQueries and measures through report; the
// caller renders what it returns (or what it streams, row by row).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "inspectrack/calendar/registry.hpp"
#include "inspectrack/model/date.hpp"
#include "inspectrack/model/event.hpp"
#include "inspectrack/model/finding.hpp"
#include "inspectrack/model/inspection.hpp"
#include "inspectrack/model/unit.hpp"
#include "inspectrack/render/views.hpp"
#include "inspectrack/report/summary.hpp"
#include "inspectrack/report/task_report.hpp"
#include "inspectrack/storage/report_queries.hpp"
#include "inspectrack/storage/store.hpp"

namespace inspectrack::app {

// The order of a task report's rows (--sort). Ties are broken by unit, then key.
enum class Sort {
  unit,        // the unit's name as the language sorts it, then the deadline (the default)
  key,         // the unit's key, then the deadline: an order no language changes, for scripts
  deadline,    // the last allowed day, none last
  days_late,   // the most days late first (the earliest deadline among the late), the others by unit
  inspection,  // the inspection's key
};

// What a report selects, and on which day; tasks.sort is set from `sort`, and
// tasks.group by overdue and due from grouping().
struct ReportRequest {
  model::Date as_of;
  storage::TaskFilter tasks;
  storage::FindingFilter findings;
  Sort sort = Sort::unit;
  // overdue and due (--by): the groups their rows come in, sorted within each by
  // `sort`; nullopt: the report's own (see grouping()).
  std::optional<storage::TaskGroup> by;
};

// How the rows of `view` come together: `by` when given; else overdue's by unit when
// they are sorted by unit (by name or key), and none otherwise (due, list).
storage::TaskGroup grouping(const ReportRequest& request, render::TaskView view);

// Throws UsageError when `filter` names a unit (unit, report_to) or an inspection the
// store does not have, with the nearest key: a typo, not an empty report.
void check_filter(storage::ReportQueries& store, const storage::TaskFilter& filter);

// What `filter` selects, as a report's title names it: units by their names (their
// keys when they have none). Call after check_filter.
render::Scope scope_of(storage::ReportQueries& store, const storage::TaskFilter& filter);

enum class Listing { tasks, findings, inspections, units };

// What `list` shows: only the member `what` names is filled.
struct ListResult {
  std::vector<report::TaskRow> tasks;  // with their lateness on as_of
  std::vector<model::Finding> findings;
  std::vector<model::Inspection> inspections;  // all, or those the filter names (key, dates)
  std::vector<model::Unit> units;              // all, or the filter's unit and its children
};

// The rows of `list WHAT` after check_filter.
ListResult list(storage::ReportQueries& store, const calendar::CalendarRegistry& calendars,
                Listing what, const ReportRequest& request);

// What `show ID` found, and its history (oldest first).
struct ShowResult {
  enum class Kind { task, finding, inspection, unit };
  Kind kind = Kind::task;
  std::optional<report::TaskRow> task;  // the one of `kind` is set
  std::optional<model::Finding> finding;
  std::optional<model::Inspection> inspection;
  std::optional<model::Unit> unit;
  // An inspection or a unit: what it holds on as_of, counted as `summary` counts.
  std::optional<render::Contents> contents;
  std::vector<model::Event> events;
};

// The task (id, key or unique prefix), else INSPECTION/FINDING, for an id that looks
// like a task; otherwise the inspection, else the unit, of that key, with its contents
// (the counts those of `summary` with the filter --inspection or --unit). Throws
// InputError (66) naming what may be given when nothing is called `id`.
ShowResult show(storage::Store& store, const calendar::CalendarRegistry& calendars,
                const std::string& id, model::Date as_of);

// Whether any task of the filter is overdue on as_of, after check_filter: one indexed
// probe, whatever the size of the database.
bool any_overdue(storage::ReportQueries& store, const ReportRequest& request);

// The overdue report after check_filter, one row at a time (report::each_overdue):
// nothing but the current row is held. Returns the number of rows.
std::size_t overdue(storage::ReportQueries& store, const calendar::CalendarRegistry& calendars,
                    const ReportRequest& request, const report::RowSink& sink);

// Tasks due within `days` days of as_of after check_filter, one row at a time
// (report::each_due_within). Returns the number of rows.
std::size_t due(storage::ReportQueries& store, const calendar::CalendarRegistry& calendars,
                const ReportRequest& request, int days, const report::RowSink& sink);

// The summary rows after check_filter. By unit or inspection each task is counted as
// it is read; by area the tasks and findings are read whole (a task counts for each
// area of its findings).
std::vector<report::SummaryRow> summary(storage::ReportQueries& store, report::GroupBy by,
                                        const ReportRequest& request);

}  // namespace inspectrack::app
