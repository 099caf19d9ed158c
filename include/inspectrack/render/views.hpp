#pragma once
// Reports as column sets: the columns each report shows, in the user's language for
// people and with stable names for scripts, and the Datasets they make of the rows.

#include <optional>
#include <string>
#include <vector>

#include "inspectrack/calendar/work_calendar.hpp"
#include "inspectrack/model/event.hpp"
#include "inspectrack/model/local_time.hpp"
#include "inspectrack/model/finding.hpp"
#include "inspectrack/model/inspection.hpp"
#include "inspectrack/model/unit.hpp"
#include "inspectrack/render/column.hpp"
#include "inspectrack/render/dataset.hpp"
#include "inspectrack/report/reminders.hpp"
#include "inspectrack/report/summary.hpp"
#include "inspectrack/report/task_report.hpp"
#include "inspectrack/storage/maintenance.hpp"
#include "inspectrack/storage/report_queries.hpp"
#include "inspectrack/text/lang.hpp"

namespace inspectrack::render {

enum class TaskView {
  overdue,  // days late shown
  due,      // no days late column for people
  list,     // every task with its status
};

// Which lateness the table shows (`--days`); JSON and CSV always have both.
enum class DaysCount { working, calendar };

// Machine columns (JSON/CSV, in this order): id, key, inspection, task, assignee,
// assignee_name, action, status, due, due_text, days_late, report_to, findings,
// done_on, report_to_name, due_form, target, calendar, due_on_day_off, provisional,
// period, repeat, working_days_late, original_due, extensions, verified_on (fields
// added later go last: CSV keeps its places).
// The table's last day carries "(day off)" for an explicit deadline on a
// non-working day and "(provisional)" when it depends on an unannounced day.
// People read the rows under a heading per `group` (rows ordered by it: the store's
// TaskFilter::group): the unit ("UBND xã Ia Me (ia-me)"), the inspection ("its title
// (its key)", the inspection column then left out) or the unit reported to (its name
// and key, or "No unit to report to"; the report-to column left out). A RowStream
// writes a report of these columns one row at a time: header(), then fill() per row.
ColumnSet<report::TaskRow> task_columns(TaskView view, text::Lang lang, DaysCount days = DaysCount::working,
                                        storage::TaskGroup group = storage::TaskGroup::none);
Dataset task_dataset(const std::vector<report::TaskRow>& rows, TaskView view, text::Lang lang,
                     DaysCount days = DaysCount::working);

// What a report covers, as its title names it: the filters given (empty: not given),
// units by their names.
struct Scope {
  std::string unit;
  std::string inspection;
  std::string area;
  std::string report_to;
  std::optional<model::Status> status;
  storage::DateRange deadline;   // "deadline from 1/7/2021 to 31/12/2021"
  storage::DateRange concluded;  // "concluded from …"
  int year = 0;                  // the inspections of a year (TaskFilter::dated): "year 2021"; 0: none
};

// The frame of a report on tasks on `as_of`: "Overdue tasks — unit: …", "Tasks due
// within 7 days", "List of tasks", which says a grouping by inspection or by the unit
// reported to ("Overdue tasks by inspection"); the day; row numbers; in `overdue` and
// `due` the count of each group's tasks; and the count line ("Total: 12 overdue tasks").
Frame task_frame(TaskView view, const Scope& scope, model::Date as_of, text::Lang lang, int within_days = 0,
                 storage::TaskGroup group = storage::TaskGroup::none);

// What `list` lists besides tasks.
enum class Listed { findings, inspections, units };
// The frame of `list findings|inspections|units`: title, row numbers, count line (no
// day: what they list does not depend on it).
Frame listing_frame(Listed what, const Scope& scope, text::Lang lang);

// Machine columns: group, name, findings, tasks, open, overdue, done_on_time,
// done_late, no_deadline, on_time_rate, cancelled, open_in_time, verified,
// overdue_1_7, overdue_8_30, overdue_31_90, overdue_over_90 (fields added later go
// last). People see the four provincial buckets first (done on time, done late, open
// in time, overdue), then no deadline, cancelled, open, verified, the on-time rate as
// a percentage and the ageing bands.
ColumnSet<report::SummaryRow> summary_columns(report::GroupBy by, text::Lang lang);
Dataset summary_dataset(const std::vector<report::SummaryRow>& rows, report::GroupBy by,
                        text::Lang lang);
// The frame of a summary of `rows`: title, day, row numbers and a Total row
// (report::total: the sums of the counts, the rate of the sums; by area a task of two
// areas counts in both, as in the rows).
Frame summary_frame(report::GroupBy by, const std::vector<report::SummaryRow>& rows, const Scope& scope,
                    model::Date as_of, text::Lang lang);

// The special days of a calendar year (`calendar YEAR`). Machine columns: date,
// kind ("holiday": a day off; "workday": a rest day worked instead), name,
// provisional. People also see the weekday.
ColumnSet<calendar::SpecialDay> calendar_columns(text::Lang lang);
Dataset calendar_dataset(const std::vector<calendar::SpecialDay>& days, text::Lang lang);

// "thứ Hai" … "Chủ nhật" / "Monday" … "Sunday".
std::string weekday_name(model::Date day, text::Lang lang);

// Findings, inspections, units and history (`list`, `show`): machine columns named
// as the fields of inspectrack(5); people see the main ones.
ColumnSet<model::Finding> finding_columns(text::Lang lang);
Dataset findings_dataset(const std::vector<model::Finding>& findings, text::Lang lang);
ColumnSet<model::Inspection> inspection_columns(text::Lang lang);
Dataset inspections_dataset(const std::vector<model::Inspection>& inspections, text::Lang lang);
ColumnSet<model::Unit> unit_columns(text::Lang lang);
Dataset units_dataset(const std::vector<model::Unit>& units, text::Lang lang);
// An entry of the history with its time where the reader is.
struct HistoryRow {
  model::Event event;
  std::optional<model::LocalTime> at;  // nullopt when the stored time is not in the history's form
  bool own_offset = false;             // the entries' offsets differ: each time says its own
};
// The history: JSON keeps the stored UTC time ("at"); CSV the local time in ISO form
// (2026-12-08 01:29:03), table and markdown as the language writes dates (08/12/2026
// 01:29, 2026-12-08 01:29), under a heading naming `heading_offset` ("When
// (UTC+07:00)"), or with each time's own offset when it is nullopt; the day a change
// takes effect is a date.
ColumnSet<HistoryRow> event_columns(text::Lang lang, std::optional<int> heading_offset);
// The history with its times in `zone`: one offset in the heading when every entry
// has it, else one per time (none for an empty history).
Dataset events_dataset(const std::vector<model::Event>& events, text::Lang lang, const model::Zone& zone);

// What a `remind` run did, one row per unit, and first one per unconfirmed reminder
// it delivered again: unit, name, result (sent, resent, dry-run, resend, already-sent,
// later-day, no-address, failed), overdue, due_soon (counts), tasks (full keys), to,
// cc, message_id (null when none), detail (why it failed; the later day; the day an
// unconfirmed reminder was for; null when none). People see the result in their
// language.
ColumnSet<report::ReminderResult> reminder_columns(text::Lang lang);
Dataset reminders_dataset(const std::vector<report::ReminderResult>& results, text::Lang lang);

// `check`: one row per check: check (its name), ok, problems (the count), description,
// details (the first problems). People see the result as "ok" or the count.
ColumnSet<storage::CheckResult> check_columns(text::Lang lang);
Dataset checks_dataset(const std::vector<storage::CheckResult>& checks, text::Lang lang);

// What an inspection or a unit holds, as `show` lists it under its fields.
struct Contents {
  report::SummaryRow counts;                   // its tasks (a unit: those assigned to it) and findings
  std::optional<report::SummaryRow> reported;  // a unit: the tasks that report to it (no findings)
  std::vector<model::Unit> children;           // a unit: the units whose parent it is
  std::vector<model::Finding> findings;
  std::vector<report::TaskRow> tasks;  // with their lateness on the counts' day
};

// A part of a record between its fields and its history.
struct RecordPart {
  std::string key;    // JSON: the record's key that holds it
  std::string title;  // table and markdown: the heading it is written under
  Dataset data;
  bool one = false;    // one row: "Heading: value" lines and a JSON object; else a table and an array
  bool people = true;  // false: JSON only (a part with nothing to say to people)
};

enum class Holder { inspection, unit };

// The parts of an inspection's or a unit's record on `as_of`, in every format: a
// unit's "children" (rows of `list units`), "counts" (the keys of a summary row; people
// see findings, tasks, done on time, done late, open, overdue and cancelled), a unit's
// "report_counts" (the tasks that report to it, counted alike), "findings" (rows of
// `list findings`) and "tasks" (rows of `list tasks`, people's columns but the one
// the holder makes the same on every row). People do not see an empty list of
// children, nor the counts of no task reporting.
std::vector<RecordPart> contents_parts(const Contents& contents, Holder holder, model::Date as_of,
                                       text::Lang lang, DaysCount days = DaysCount::working);

// One record in full followed by its parts and its history: `record` has exactly one row.
// Table/markdown: "Heading: value" lines, in the order of the machine columns, then
// each part under its title, then a history table. JSON: the record's object with each
// part's key and an "events" array added. CSV: the record as a one-row CSV (the parts
// and the history are left out: CSV holds one table).
std::string render_record(const Dataset& record, const Dataset& history, Format format,
                          const TableStyle& style, bool bom, const std::vector<RecordPart>& parts = {});

}  // namespace inspectrack::render
