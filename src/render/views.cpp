#include "inspectrack/render/views.hpp"

#include <algorithm>
#include <variant>

#include <fmt/format.h>

#include "cell.hpp"
#include "inspectrack/render/words.hpp"
#include "inspectrack/text/message.hpp"
#include "inspectrack/text/utf8.hpp"
#include "inspectrack/text/visible.hpp"

namespace inspectrack::render {
namespace {

using text::Lang;
using text::Message;
using text::translate;
using report::TaskRow;
using report::SummaryRow;

constexpr Audience kPeople = Audience::people;
constexpr Audience kScripts = Audience::scripts;
constexpr Audience kBoth = Audience::both;

template <class Row>
void append(std::vector<ColumnDef<Row>>& columns, std::vector<ColumnDef<Row>> more) {
  for (auto& c : more) columns.push_back(std::move(c));
}

// A cell with `words` in the row's language.
void set_words(Value& cell, const Message& words, Lang lang) { set_text(cell, translate(lang, words)); }

std::string status_text(model::Status s, Lang lang) { return translate(lang, status_words(s)); }

std::string unit_label(const std::string& name, const std::string& key) {
  return name.empty() || name == key ? key : fmt::format("{} ({})", name, key);
}

// The last day as a table shows it, with its marks.
std::string last_day_text(const TaskRow& row, Lang lang) {
  if (!row.task.last_day) return {};
  std::string s = lang == Lang::vi ? row.task.last_day->vn() : row.task.last_day->iso();
  if (row.task.extensions > 0) {
    const auto& was = row.task.original_last_day;
    const std::string original = !was               ? translate(lang, Message("no deadline"))
                                 : lang == Lang::vi ? was->vn()
                                                    : was->iso();
    s += translate(lang, Message(" (extended ×{0}, was {1})", row.task.extensions, original));
  }
  if (row.due_on_day_off) s += translate(lang, Message(" (day off)"));
  if (row.provisional) s += translate(lang, Message(" (provisional)"));
  return s;
}

// INSPECTION/TASK@UNIT, and #PERIOD for an occurrence of a recurring task.
void fill_full_key(Value& cell, const TaskRow& row, Lang /*lang*/) {
  const model::Task& t = row.task;
  set_text(cell, t.inspection);
  std::string& key = std::get<std::string>(cell);
  key.append("/").append(t.key).append("@").append(t.assignee);
  if (!t.period.empty()) key.append("#").append(t.period);
}

// An occurrence of a recurring task says which period it is for.
void fill_action_shown(Value& cell, const TaskRow& row, Lang /*lang*/) {
  if (row.task.period.empty()) {
    set_text(cell, row.task.action);
  } else {
    set_text(cell, fmt::format("[{}] {}", row.task.period, row.task.action));
  }
}

void fill_report_to_name(Value& cell, const TaskRow& row, Lang /*lang*/) {
  if (row.task.report_to) {
    set_text(cell, row.task.report_to_name);
  } else {
    set_null(cell);
  }
}

void fill_report_to_shown(Value& cell, const TaskRow& row, Lang /*lang*/) {
  if (row.task.report_to) {
    set_text(cell, unit_label(row.task.report_to_name, *row.task.report_to));
  } else {
    set_null(cell);
  }
}

// People read no lateness for a finished task: its outcome says whether it was late.
template <int TaskRow::*Days>
void open_lateness(Value& cell, const TaskRow& row, Lang /*lang*/) {
  if (row.task.is_open()) {
    set_count(cell, row.*Days);
  } else {
    set_null(cell);
  }
}

// Done in time or late against the deadline in force that day: "on_time", "late".
void fill_outcome(Value& cell, const TaskRow& row, Lang /*lang*/) {
  const auto& t = row.task;
  if (!t.done_on || !t.done_deadline) return set_null(cell);
  set_text(cell, *t.done_on <= *t.done_deadline ? "on_time" : "late");
}

// "đúng hạn", "quá hạn 3 ngày" / "on time", "3 days late".
void fill_outcome_words(Value& cell, const TaskRow& row, Lang lang) {
  const auto& t = row.task;
  if (!t.done_on || !t.done_deadline) return set_null(cell);
  const int late = t.done_on->days_since(*t.done_deadline);
  if (late <= 0) return set_words(cell, Message("on time"), lang);
  set_words(cell, late == 1 ? Message("{0} day late", late) : Message("{0} days late", late), lang);
}

// Who the task is for and what it asks: the columns a task's row starts with. People
// read the inspection in its own column unless its rows come under its heading.
std::vector<ColumnDef<TaskRow>> task_identity(TaskView view, storage::TaskGroup group, Lang lang) {
  const Audience status_shown = view == TaskView::list ? kPeople : Audience::none;
  const bool inspection_shown = view != TaskView::due && group != storage::TaskGroup::inspection;
  return {
      {"id", "ID", Type::count, kBoth, field<&TaskRow::task, &model::Task::id>},
      {"assignee_shown", translate(lang, Message("Unit")), Type::text, kPeople,
       [](Value& c, const TaskRow& r, Lang) {
         set_text(c, unit_label(r.task.assignee_name, r.task.assignee));
       }},
      {"status_shown", translate(lang, Message("Status")), Type::text, status_shown,
       [](Value& c, const TaskRow& r, Lang l) { set_text(c, status_text(r.task.status, l)); }},
      {"key", translate(lang, Message("Key")), Type::text, kScripts, fill_full_key},
      {"inspection", translate(lang, Message("Inspection")), Type::text, inspection_shown ? kBoth : kScripts,
       field<&TaskRow::task, &model::Task::inspection>},
      {"task", translate(lang, Message("Task")), Type::text, kScripts,
       field<&TaskRow::task, &model::Task::key>},
      {"assignee", translate(lang, Message("Assignee")), Type::text, kScripts,
       field<&TaskRow::task, &model::Task::assignee>},
      {"assignee_name", translate(lang, Message("Assignee name")), Type::text, kScripts,
       field<&TaskRow::task, &model::Task::assignee_name>},
      {"action", translate(lang, Message("Action")), Type::text, kScripts,
       field<&TaskRow::task, &model::Task::action>},
      {"action_shown", translate(lang, Message("Action")), Type::text, kPeople, fill_action_shown,
       Mark::wrap},
      {"status", translate(lang, Message("Status")), Type::text, kScripts,
       named<&TaskRow::task, &model::Task::status>, Mark::none,
       [](Value& c, const TaskRow& r, Lang l) { set_words(c, status_words(r.task.status), l); }},
  };
}

// The deadline, its lateness and whom to report to. People see the lateness `days`
// counts, except in the `due` view, where nothing is late yet, and whom to report to
// unless the rows come under its heading.
std::vector<ColumnDef<TaskRow>> task_deadline(TaskView view, DaysCount days, storage::TaskGroup group,
                                              Lang lang) {
  const bool lateness = view != TaskView::due;
  const Audience report_to_shown = group == storage::TaskGroup::report_to ? Audience::none : kPeople;
  const Audience calendar_late = lateness && days == DaysCount::calendar ? kBoth : kScripts;
  return {
      {"due", translate(lang, Message("Last day")), Type::date, kScripts,
       field<&TaskRow::task, &model::Task::last_day>},
      {"due_shown", translate(lang, Message("Last day")), Type::text, kPeople,
       [](Value& c, const TaskRow& r, Lang l) { set_nonempty_text(c, last_day_text(r, l)); }},
      {"due_text", translate(lang, Message("Deadline as written")), Type::text, kBoth,
       field<&TaskRow::task, &model::Task::due, &model::Due::text>, Mark::none,
       [](Value& c, const TaskRow& r, Lang l) { set_words(c, due_words(r.task.due), l); }},
      {"days_late", translate(lang, Message("Days late")), Type::count, calendar_late,
       field<&TaskRow::days_late>, Mark::alert, open_lateness<&TaskRow::days_late>},
      {"report_to", translate(lang, Message("Report to")), Type::text, kScripts,
       field<&TaskRow::task, &model::Task::report_to>},
      {"findings", translate(lang, Message("Findings")), Type::list, kScripts,
       field<&TaskRow::task, &model::Task::findings>},
      {"done_on", translate(lang, Message("Done on")), Type::date, view == TaskView::list ? kBoth : kScripts,
       field<&TaskRow::task, &model::Task::done_on>},
      {"report_to_name", translate(lang, Message("Report to (name)")), Type::text, kScripts,
       fill_report_to_name},
      {"due_form", translate(lang, Message("Deadline form")), Type::text, kScripts,
       named<&TaskRow::task, &model::Task::due, &model::Due::form>, Mark::none,
       [](Value& c, const TaskRow& r, Lang l) { set_words(c, due_form_words(r.task.due.form), l); }},
      {"target", translate(lang, Message("Target")), Type::text, kScripts,
       nonempty<&TaskRow::task, &model::Task::target>},
      {"report_to_shown", translate(lang, Message("Report to")), Type::text, report_to_shown,
       fill_report_to_shown},
  };
}

// The calendar the deadline counts in, recurrence, and the fields added after the
// first release: these go last, so that CSV columns keep their places.
std::vector<ColumnDef<TaskRow>> task_later(TaskView view, DaysCount days, Lang lang) {
  const Audience working_late = view != TaskView::due && days == DaysCount::working ? kBoth : kScripts;
  // Only a list holds finished tasks: people see when each was done and whether in time.
  const Audience done_shown = view == TaskView::list ? kBoth : kScripts;
  return {
      {"calendar", translate(lang, Message("Calendar")), Type::text, kScripts,
       field<&TaskRow::task, &model::Task::calendar>},
      {"due_on_day_off", translate(lang, Message("Last day is a day off")), Type::flag, kScripts,
       field<&TaskRow::due_on_day_off>},
      {"provisional", translate(lang, Message("Provisional")), Type::flag, kScripts,
       field<&TaskRow::provisional>},
      {"period", translate(lang, Message("Period")), Type::text, kScripts,
       nonempty<&TaskRow::task, &model::Task::period>},
      {"repeat", translate(lang, Message("Repeats")), Type::text, kScripts,
       [](Value& c, const TaskRow& r, Lang) {
         if (r.task.repeat) {
           set_text(c, model::describe(*r.task.repeat));
         } else {
           set_null(c);
         }
       },
       Mark::none,
       [](Value& c, const TaskRow& r, Lang l) {
         if (r.task.repeat) {
           set_words(c, repeat_words(*r.task.repeat), l);
         } else {
           set_null(c);
         }
       }},
      {"working_days_late", translate(lang, Message("Working days late")), Type::count, working_late,
       field<&TaskRow::working_days_late>, Mark::alert, open_lateness<&TaskRow::working_days_late>},
      {"original_due", translate(lang, Message("Last day as written")), Type::date, kScripts,
       [](Value& c, const TaskRow& r, Lang) {
         set_date(c, r.task.original_last_day ? r.task.original_last_day : r.task.last_day);
       }},
      {"extensions", translate(lang, Message("Extensions")), Type::count, kScripts,
       field<&TaskRow::task, &model::Task::extensions>},
      {"verified_on", translate(lang, Message("Verified on")), Type::date, kScripts,
       field<&TaskRow::task, &model::Task::verified_on>},
      {"due_when_done", translate(lang, Message("Deadline when done")), Type::date, done_shown,
       field<&TaskRow::task, &model::Task::done_deadline>},
      {"outcome", translate(lang, Message("Outcome")), Type::text, done_shown, fill_outcome, Mark::none,
       fill_outcome_words},
  };
}

// The headings the rows of a grouping by inspection or by the unit reported to come
// under (people's columns, which a workbook shows as its first after the ID). A
// heading needs a text: tasks reported to no unit come under words that say so.
std::vector<ColumnDef<TaskRow>> task_groups(storage::TaskGroup group, Lang lang) {
  const auto shown_when = [&](storage::TaskGroup g) { return group == g ? kPeople : Audience::none; };
  return {
      {"inspection_group", translate(lang, Message("Inspection")), Type::text,
       shown_when(storage::TaskGroup::inspection),
       [](Value& c, const TaskRow& r, Lang) {
         set_text(c, unit_label(r.task.inspection_title, r.task.inspection));
       }},
      {"report_to_group", translate(lang, Message("Report to")), Type::text,
       shown_when(storage::TaskGroup::report_to),
       [](Value& c, const TaskRow& r, Lang l) {
         if (r.task.report_to) return fill_report_to_shown(c, r, l);
         set_words(c, Message("No unit to report to"), l);
       }},
  };
}

// The column whose values head the groups of `group`; none when the rows are not grouped.
std::optional<std::string> group_column(storage::TaskGroup group) {
  switch (group) {
    case storage::TaskGroup::none: break;
    case storage::TaskGroup::unit: return "assignee_shown";
    case storage::TaskGroup::inspection: return "inspection_group";
    case storage::TaskGroup::report_to: return "report_to_group";
  }
  return std::nullopt;
}

std::string task_empty_message(TaskView view, Lang lang) {
  switch (view) {
    case TaskView::overdue: return translate(lang, Message("No overdue tasks."));
    case TaskView::due:
      return translate(lang, Message("No tasks due in this period."));
    case TaskView::list: break;
  }
  return translate(lang, Message("No tasks."));
}

}  // namespace

ColumnSet<TaskRow> task_columns(TaskView view, Lang lang, DaysCount days, storage::TaskGroup group) {
  std::vector<ColumnDef<TaskRow>> columns = task_identity(view, group, lang);
  append(columns, task_deadline(view, days, group, lang));
  append(columns, task_later(view, days, lang));
  append(columns, task_groups(group, lang));
  ColumnSet<TaskRow> set(lang, std::move(columns), task_empty_message(view, lang));
  // People read the lateness before whom to report to.
  set.people_first({"id", "inspection_group", "report_to_group", "assignee_shown", "inspection",
                    "status_shown", "action_shown", "due_shown", "due_text", "days_late", "working_days_late",
                    "done_on", "due_when_done", "outcome"});
  if (const auto column = group_column(group)) set.group_by(*column);
  set.in_workbook("due_shown", "due");
  return set;
}

Dataset task_dataset(const std::vector<TaskRow>& rows, TaskView view, Lang lang, DaysCount days) {
  return task_columns(view, lang, days).dataset(rows);
}

namespace {

Message deadline_words(const storage::DateRange& r) {
  if (r.from && r.to) return Message("deadline from {0} to {1}", day_of(*r.from), day_of(*r.to));
  if (r.from) return Message("deadline from {0}", day_of(*r.from));
  return Message("deadline until {0}", day_of(*r.to));
}

Message concluded_words(const storage::DateRange& r) {
  if (r.from && r.to) return Message("concluded from {0} to {1}", day_of(*r.from), day_of(*r.to));
  if (r.from) return Message("concluded from {0}", day_of(*r.from));
  return Message("concluded until {0}", day_of(*r.to));
}

// "Overdue tasks — unit: UBND xã Ia Púch, status: open": the filters in the order
// of the command line's help.
std::string titled(std::string what, const Scope& scope, Lang lang) {
  std::vector<std::string> filters;
  if (!scope.unit.empty()) filters.push_back(translate(lang, Message("unit: {0}", scope.unit)));
  if (!scope.inspection.empty())
    filters.push_back(translate(lang, Message("inspection: {0}", scope.inspection)));
  if (!scope.area.empty()) filters.push_back(translate(lang, Message("area: {0}", scope.area)));
  if (!scope.report_to.empty())
    filters.push_back(translate(lang, Message("report to: {0}", scope.report_to)));
  if (scope.status)
    filters.push_back(translate(lang, Message("status: {0}", status_text(*scope.status, lang))));
  if (scope.deadline.given()) filters.push_back(translate(lang, deadline_words(scope.deadline)));
  if (scope.concluded.given()) filters.push_back(translate(lang, concluded_words(scope.concluded)));
  if (scope.year != 0) filters.push_back(translate(lang, Message("year {0}", scope.year)));
  if (!filters.empty()) what += " \u2014 " + detail::join(filters, ", ");
  return what;
}

Frame numbered_frame(std::string title, std::optional<model::Date> as_of, Lang lang) {
  Frame frame;
  frame.title = std::move(title);
  frame.as_of = as_of;
  frame.number_heading = translate(lang, Message("No."));
  return frame;
}

std::string task_title(TaskView view, int within_days, Lang lang) {
  switch (view) {
    case TaskView::overdue: return translate(lang, Message("Overdue tasks"));
    case TaskView::due:
      if (within_days == 0) return translate(lang, Message("Tasks due today"));
      return within_days == 1 ? translate(lang, Message("Tasks due within {0} working day", within_days))
                              : translate(lang, Message("Tasks due within {0} working days", within_days));
    case TaskView::list: break;
  }
  return translate(lang, Message("List of tasks"));
}

// "Overdue tasks by inspection". Under units the title adds nothing: overdue comes so
// by default, and `overdue --by unit` prints what `overdue` does.
std::string grouped_title(std::string title, storage::TaskGroup group, Lang lang) {
  switch (group) {
    case storage::TaskGroup::none:
    case storage::TaskGroup::unit: break;
    case storage::TaskGroup::inspection: return translate(lang, Message("{0} by inspection", title));
    case storage::TaskGroup::report_to: return translate(lang, Message("{0} by unit reported to", title));
  }
  return title;
}

// English counts a task, or tasks; Vietnamese has one word for both.
std::string task_count(TaskView view, std::size_t n, Lang lang) {
  const bool one = n == 1;
  switch (view) {
    case TaskView::overdue:
      return one ? translate(lang, Message("Total: {0} overdue task", n))
                 : translate(lang, Message("Total: {0} overdue tasks", n));
    case TaskView::due:
      return one ? translate(lang, Message("Total: {0} task due", n))
                 : translate(lang, Message("Total: {0} tasks due", n));
    case TaskView::list: break;
  }
  return one ? translate(lang, Message("Total: {0} task", n))
             : translate(lang, Message("Total: {0} tasks", n));
}

std::string listed_count(Listed what, std::size_t n, Lang lang) {
  const bool one = n == 1;
  switch (what) {
    case Listed::findings:
      return one ? translate(lang, Message("Total: {0} finding", n))
                 : translate(lang, Message("Total: {0} findings", n));
    case Listed::inspections:
      return one ? translate(lang, Message("Total: {0} inspection", n))
                 : translate(lang, Message("Total: {0} inspections", n));
    case Listed::units: break;
  }
  return one ? translate(lang, Message("Total: {0} unit", n))
             : translate(lang, Message("Total: {0} units", n));
}

std::string listed_title(Listed what, Lang lang) {
  switch (what) {
    case Listed::findings: return translate(lang, Message("List of findings"));
    case Listed::inspections: return translate(lang, Message("List of inspections"));
    case Listed::units: break;
  }
  return translate(lang, Message("List of units"));
}

}  // namespace

Frame task_frame(TaskView view, const Scope& scope, model::Date as_of, Lang lang, int within_days,
                 storage::TaskGroup group) {
  Frame frame = numbered_frame(
      titled(grouped_title(task_title(view, within_days, lang), group, lang), scope, lang), as_of, lang);
  frame.group_counts = view != TaskView::list;
  frame.count_line = [view, lang](std::size_t n) { return task_count(view, n, lang); };
  return frame;
}

Frame listing_frame(Listed what, const Scope& scope, Lang lang) {
  Frame frame = numbered_frame(titled(listed_title(what, lang), scope, lang), std::nullopt, lang);
  frame.count_line = [what, lang](std::size_t n) { return listed_count(what, n, lang); };
  return frame;
}

namespace {

void fill_summary_name(Value& cell, const SummaryRow& row, Lang lang) {
  set_text(cell, row.group ? std::string_view(row.name) : translate(lang, Message("(no area)")));
}

// What a group is called: scripts read null for "no area", people the group's name.
void fill_group_shown(Value& cell, const SummaryRow& row, Lang lang) {
  if (row.group) {
    set_text(cell, *row.group);
  } else {
    fill_summary_name(cell, row, lang);
  }
}

std::string group_heading(report::GroupBy by, Lang lang) {
  switch (by) {
    case report::GroupBy::unit: return translate(lang, Message("Unit"));
    case report::GroupBy::inspection: return translate(lang, Message("Inspection"));
    case report::GroupBy::area: break;
  }
  return translate(lang, Message("Area"));
}

// In the order scripts read them: fields added after the first release go last, so
// that CSV columns keep their places. An area's name is its key: people see it once.
// The ageing bands are red for people when not 0.
std::vector<ColumnDef<SummaryRow>> summary_list(report::GroupBy by, Lang lang) {
  const std::string group = group_heading(by, lang);
  return {
      {"group", group, Type::text, kScripts, field<&SummaryRow::group>},
      {"name", translate(lang, Message("Name")), Type::text, by == report::GroupBy::area ? kScripts : kBoth,
       fill_summary_name, Mark::wrap},
      {"findings", translate(lang, Message::with_context("a count of findings", "Findings")), Type::count, kBoth,
       field<&SummaryRow::findings>},
      {"tasks", translate(lang, Message("Tasks")), Type::count, kBoth, field<&SummaryRow::tasks>},
      {"open", translate(lang, Message("Open")), Type::count, kBoth, field<&SummaryRow::open>},
      {"overdue", translate(lang, Message("Overdue")), Type::count, kBoth, field<&SummaryRow::overdue>, Mark::alert},
      {"done_on_time", translate(lang, Message("Done on time")), Type::count, kBoth,
       field<&SummaryRow::done_on_time>},
      {"done_late", translate(lang, Message("Done late")), Type::count, kBoth, field<&SummaryRow::done_late>},
      {"no_deadline", translate(lang, Message("No deadline")), Type::count, kBoth,
       field<&SummaryRow::no_deadline>},
      {"on_time_rate", translate(lang, Message("On-time rate")), Type::rate, kBoth,
       field<&SummaryRow::on_time_rate>},
      {"cancelled", translate(lang, Message("Cancelled")), Type::count, kBoth, field<&SummaryRow::cancelled>},
      {"open_in_time", translate(lang, Message("Open, in time")), Type::count, kBoth,
       field<&SummaryRow::open_in_time>},
      {"verified", translate(lang, Message("Verified")), Type::count, kBoth, field<&SummaryRow::verified>},
      {"overdue_1_7", translate(lang, Message("Overdue 1–7 days")), Type::count, kBoth,
       field<&SummaryRow::overdue_1_7>, Mark::alert},
      {"overdue_8_30", "8–30", Type::count, kBoth, field<&SummaryRow::overdue_8_30>, Mark::alert},
      {"overdue_31_90", "31–90", Type::count, kBoth, field<&SummaryRow::overdue_31_90>, Mark::alert},
      {"overdue_over_90", "> 90", Type::count, kBoth, field<&SummaryRow::overdue_over_90>, Mark::alert},
      {"group_shown", group, Type::text, kPeople, fill_group_shown},
  };
}

}  // namespace

ColumnSet<SummaryRow> summary_columns(report::GroupBy by, Lang lang) {
  ColumnSet<SummaryRow> set(lang, summary_list(by, lang), translate(lang, Message("Nothing recorded yet.")));
  // People read the four buckets first; with no deadline and cancelled they add up to
  // the tasks. Then the open total, verified, the rate and the ageing bands.
  set.people_first({"group_shown", "name", "findings", "tasks", "done_on_time", "done_late", "open_in_time",
                    "overdue", "no_deadline", "cancelled", "open", "verified", "on_time_rate"});
  // A task linked to findings of two areas counts in both: areas do not add up.
  if (by != report::GroupBy::area) {
    set.totals({{"on_time_rate", "done_on_time", {"done_on_time", "done_late"}}});
  }
  return set;
}

Dataset summary_dataset(const std::vector<SummaryRow>& rows, report::GroupBy by, Lang lang) {
  return summary_columns(by, lang).dataset(rows);
}

Frame summary_frame(report::GroupBy by, const std::vector<SummaryRow>& rows, const Scope& scope,
                    model::Date as_of, Lang lang) {
  std::string title;
  switch (by) {
    case report::GroupBy::unit: title = translate(lang, Message("Summary by unit")); break;
    case report::GroupBy::inspection: title = translate(lang, Message("Summary by inspection")); break;
    case report::GroupBy::area: title = translate(lang, Message("Summary by area")); break;
  }
  Frame frame = numbered_frame(titled(std::move(title), scope, lang), as_of, lang);
  if (rows.empty()) return frame;
  SummaryRow total = report::total(rows);
  total.group = translate(lang, Message("Total"));
  frame.totals = summary_columns(by, lang).row(total);
  return frame;
}

std::string weekday_name(model::Date day, Lang lang) {
  static const Message kNames[] = {
      Message("Monday"), Message("Tuesday"),  Message("Wednesday"), Message("Thursday"),
      Message("Friday"), Message("Saturday"), Message("Sunday")};
  return translate(lang, kNames[day.iso_weekday() - 1]);
}

ColumnSet<calendar::SpecialDay> calendar_columns(Lang lang) {
  using Day = calendar::SpecialDay;
  return ColumnSet<Day>(
      lang,
      {
          {"date", translate(lang, Message("Date")), Type::date, kBoth, field<&Day::date>},
          {"weekday", translate(lang, Message("Weekday")), Type::text, kPeople,
           [](Value& c, const Day& d, Lang l) { set_text(c, weekday_name(d.date, l)); }},
          {"kind", translate(lang, Message("Kind")), Type::text, kBoth,
           [](Value& c, const Day& d, Lang) {
             set_text(c, d.kind == calendar::DayKind::holiday ? "holiday" : "workday");
           },
           Mark::none,
           [](Value& c, const Day& d, Lang l) {
             set_text(c, d.kind == calendar::DayKind::holiday ? translate(l, Message("day off"))
                                                              : translate(l, Message("working day (swapped)")));
           }},
          {"name", translate(lang, Message("Name")), Type::text, kBoth, field<&Day::name>},
          {"provisional", translate(lang, Message("Provisional")), Type::flag, kScripts,
           field<&Day::provisional>},
          // People see "yes" only: a provisional day is the exception.
          {"provisional_shown", translate(lang, Message("Provisional")), Type::flag, kPeople,
           [](Value& c, const Day& d, Lang) {
             if (d.provisional) {
               set_flag(c, true);
             } else {
               set_null(c);
             }
           }},
      },
      translate(lang, Message("No days off besides the weekends.")));
}

Dataset calendar_dataset(const std::vector<calendar::SpecialDay>& days, Lang lang) {
  return calendar_columns(lang).dataset(days);
}

namespace {

// An indicator's part, null when the finding has no indicator.
template <std::optional<double> model::Indicator::*Field>
void fill_indicator(Value& cell, const model::Finding& f, Lang /*lang*/) {
  set_real(cell, f.indicator ? (*f.indicator).*Field : std::nullopt);
}

}  // namespace

ColumnSet<model::Finding> finding_columns(Lang lang) {
  using model::Finding;
  return ColumnSet<Finding>(
      lang,
      {
          {"inspection", translate(lang, Message("Inspection")), Type::text, kBoth,
           field<&Finding::inspection>},
          {"key", translate(lang, Message("Finding")), Type::text, kBoth, field<&Finding::key>},
          {"unit", translate(lang, Message("Unit")), Type::text, kBoth, field<&Finding::unit>},
          {"area", translate(lang, Message("Area")), Type::text, kBoth, nonempty<&Finding::area>},
          {"severity", translate(lang, Message("Severity")), Type::text, kBoth,
           [](Value& c, const Finding& f, Lang) {
             if (f.severity) {
               set_text(c, model::to_string(*f.severity));
             } else {
               set_null(c);
             }
           },
           Mark::none,
           [](Value& c, const Finding& f, Lang l) {
             if (f.severity) {
               set_words(c, severity_words(*f.severity), l);
             } else {
               set_null(c);
             }
           }},
          {"text", translate(lang, Message("Text")), Type::text, kBoth, field<&Finding::text>, Mark::wrap},
          {"legal_basis", translate(lang, Message("Legal basis")), Type::text, kScripts,
           nonempty<&Finding::legal_basis>},
          {"indicator_value", translate(lang, Message("Indicator value")), Type::real, kScripts,
           fill_indicator<&model::Indicator::value>},
          {"indicator_target", translate(lang, Message("Indicator target")), Type::real, kScripts,
           fill_indicator<&model::Indicator::target>},
          {"indicator_unit", translate(lang, Message("Indicator unit")), Type::text, kScripts,
           [](Value& c, const Finding& f, Lang) {
             set_nonempty_text(c, f.indicator ? std::string_view(f.indicator->unit) : std::string_view());
           }},
      },
      translate(lang, Message("No findings.")));
}

Dataset findings_dataset(const std::vector<model::Finding>& findings, Lang lang) {
  return finding_columns(lang).dataset(findings);
}

ColumnSet<model::Inspection> inspection_columns(Lang lang) {
  using model::Inspection;
  return ColumnSet<Inspection>(
      lang,
      {
          {"key", translate(lang, Message("Inspection")), Type::text, kBoth, field<&Inspection::key>},
          {"kind", translate(lang, Message("Kind")), Type::text, kBoth, named<&Inspection::kind>, Mark::none,
           [](Value& c, const Inspection& i, Lang l) { set_words(c, inspection_kind_words(i.kind), l); }},
          {"title", translate(lang, Message("Title")), Type::text, kBoth, field<&Inspection::title>,
           Mark::wrap},
          {"from", translate(lang, Message("From")), Type::date, kBoth, field<&Inspection::from>},
          {"to", translate(lang, Message("To")), Type::date, kBoth, field<&Inspection::to>},
          {"authority", translate(lang, Message("Authority")), Type::text, kScripts,
           nonempty<&Inspection::authority>},
          {"team", translate(lang, Message("Team")), Type::text, kScripts, nonempty<&Inspection::team>},
          {"scope", translate(lang, Message("Scope")), Type::text, kScripts, field<&Inspection::scope>},
          {"conclusion_number", translate(lang, Message("Document")), Type::text, kBoth,
           nonempty<&Inspection::conclusion, &model::Conclusion::number>},
          {"conclusion_date", translate(lang, Message("Dated")), Type::date, kBoth,
           field<&Inspection::conclusion, &model::Conclusion::date>},
          {"conclusion_title", translate(lang, Message("Document title")), Type::text, kScripts,
           nonempty<&Inspection::conclusion, &model::Conclusion::title>},
          {"signed_by", translate(lang, Message("Signed by")), Type::text, kScripts,
           nonempty<&Inspection::conclusion, &model::Conclusion::signed_by>},
      },
      translate(lang, Message("No inspections.")));
}

Dataset inspections_dataset(const std::vector<model::Inspection>& inspections, Lang lang) {
  return inspection_columns(lang).dataset(inspections);
}

ColumnSet<model::Unit> unit_columns(Lang lang) {
  using model::Unit;
  return ColumnSet<Unit>(
      lang,
      {
          {"key", translate(lang, Message("Unit")), Type::text, kBoth, field<&Unit::key>},
          {"name", translate(lang, Message("Name")), Type::text, kBoth, field<&Unit::name>, Mark::wrap},
          {"kind", translate(lang, Message("Kind")), Type::text, kBoth, named<&Unit::kind>, Mark::none,
           [](Value& c, const Unit& u, Lang l) { set_words(c, unit_kind_words(u.kind), l); }},
          {"parent", translate(lang, Message("Parent")), Type::text, kBoth, field<&Unit::parent>},
          {"email", translate(lang, Message("E-mail")), Type::list, kBoth, field<&Unit::emails>},
          {"head", translate(lang, Message("Head")), Type::text, kScripts, nonempty<&Unit::head>},
      },
      translate(lang, Message("No units.")));
}

Dataset units_dataset(const std::vector<model::Unit>& units, Lang lang) {
  return unit_columns(lang).dataset(units);
}

namespace {

using report::ReminderResult;

std::string reminder_said(ReminderResult::Result r, Lang lang) {
  using Result = ReminderResult::Result;
  switch (r) {
    case Result::sent: return translate(lang, Message("sent"));
    case Result::resent: return translate(lang, Message("sent again (unconfirmed)"));
    case Result::dry_run: return translate(lang, Message("not sent (dry run)"));
    case Result::resend: return translate(lang, Message("to send again (unconfirmed; dry run)"));
    case Result::already_sent: return translate(lang, Message("already sent today"));
    case Result::later_day: return translate(lang, Message("a later day's was sent"));
    case Result::no_address: return translate(lang, Message("no e-mail address"));
    case Result::failed: return translate(lang, Message("failed"));
  }
  return {};
}

void fill_reminder_shown(Value& cell, const ReminderResult& r, Lang lang) {
  std::string shown = reminder_said(r.result, lang);
  if (!r.detail.empty()) shown += ": " + r.detail;
  set_text(cell, shown);
}

}  // namespace

ColumnSet<ReminderResult> reminder_columns(Lang lang) {
  using R = ReminderResult;
  return ColumnSet<R>(
      lang,
      {
          {"unit", translate(lang, Message("Unit")), Type::text, kBoth, field<&R::unit>},
          {"name", translate(lang, Message("Name")), Type::text, kBoth, field<&R::name>, Mark::wrap},
          {"result", translate(lang, Message("Result")), Type::text, kScripts, named<&R::result>, Mark::none,
           [](Value& c, const R& r, Lang l) { set_text(c, reminder_said(r.result, l)); }},
          {"overdue", translate(lang, Message("Overdue")), Type::count, kBoth, field<&R::overdue>},
          {"due_soon", translate(lang, Message("Due soon")), Type::count, kBoth, field<&R::due_soon>},
          {"tasks", translate(lang, Message("Tasks")), Type::list, kScripts, field<&R::tasks>},
          {"to", translate(lang, Message::with_context("whom a reminder went to", "To")), Type::list, kBoth,
           field<&R::to>},
          {"cc", translate(lang, Message("Cc")), Type::list, kBoth, field<&R::cc>},
          {"message_id", "Message-ID", Type::text, kScripts, nonempty<&R::message_id>},
          {"detail", translate(lang, Message("Detail")), Type::text, kScripts, nonempty<&R::detail>},
          {"result_text", translate(lang, Message("Result")), Type::text, kPeople, fill_reminder_shown},
      },
      translate(lang, Message("No unit has overdue tasks or tasks due soon: no reminder to send.")));
}

Dataset reminders_dataset(const std::vector<ReminderResult>& results, Lang lang) {
  return reminder_columns(lang).dataset(results);
}

ColumnSet<storage::CheckResult> check_columns(Lang lang) {
  using Check = storage::CheckResult;
  return ColumnSet<Check>(
      lang,
      {
          {"check", translate(lang, Message("Check")), Type::text, kBoth, field<&Check::name>},
          {"ok", translate(lang, Message("Passed")), Type::flag, kScripts,
           [](Value& c, const Check& k, Lang) { set_flag(c, k.count == 0); }},
          {"problems", translate(lang, Message("Problems")), Type::count, kScripts, field<&Check::count>},
          {"result", translate(lang, Message("Result")), Type::text, kPeople,
           [](Value& c, const Check& k, Lang l) {
             set_text(c, k.count == 0 ? translate(l, Message::with_context("a check passed", "ok"))
                                      : translate(l, Message("{0} problems", k.count)));
           }},
          {"description", translate(lang, Message("What must hold")), Type::text, kBoth,
           [](Value& c, const Check& k, Lang l) { set_text(c, translate(l, k.description)); }, Mark::wrap},
          {"details", translate(lang, Message("Details")), Type::list, kBoth, field<&Check::problems>},
      });
}

Dataset checks_dataset(const std::vector<storage::CheckResult>& checks, Lang lang) {
  return check_columns(lang).dataset(checks);
}

namespace {

// "08/12/2026 01:29" in Vietnamese, "2026-12-08 01:29" in English (dates as the
// language's tables write them), "(UTC+01:00)" after it when the heading names no offset.
void set_local_time(Value& cell, const HistoryRow& r, Lang lang) {
  if (!r.at) {
    set_text(cell, r.event.at);
    return;
  }
  const model::LocalTime& t = *r.at;
  std::string shown =
      fmt::format("{} {:02}:{:02}", lang == Lang::vi ? t.date.vn() : t.date.iso(), t.hour, t.minute);
  if (r.own_offset) shown += fmt::format(" ({})", model::utc_offset_text(t.offset_seconds));
  set_text(cell, shown);
}

// CSV: the local time as ISO writes it, to the second, "+01:00" after it when the
// heading names no offset.
void set_local_iso(Value& cell, const HistoryRow& r, Lang /*lang*/) {
  if (!r.at) {
    set_text(cell, r.event.at);
    return;
  }
  const model::LocalTime& t = *r.at;
  std::string shown = fmt::format("{} {:02}:{:02}:{:02}", t.date.iso(), t.hour, t.minute, t.second);
  if (r.own_offset) shown += model::utc_offset_text(t.offset_seconds).substr(3);
  set_text(cell, shown);
}

}  // namespace

ColumnSet<HistoryRow> event_columns(Lang lang, std::optional<int> heading_offset) {
  using model::Event;
  using Row = HistoryRow;
  const std::string when =
      heading_offset ? translate(lang, Message("When ({0})", model::utc_offset_text(*heading_offset)))
                     : translate(lang, Message("When"));
  return ColumnSet<Row>(
      lang,
      {
          {"id", "#", Type::count, kBoth, field<&Row::event, &Event::id>},
          {"at", when, Type::text, kScripts, field<&Row::event, &Event::at>, Mark::none, set_local_iso},
          {"when", when, Type::text, kPeople, set_local_time},
          {"actor", translate(lang, Message("Who")), Type::text, kBoth, field<&Row::event, &Event::actor>},
          {"action", translate(lang, Message::with_context("what a change did", "Action")), Type::text, kBoth,
           field<&Row::event, &Event::action>, Mark::none,
           [](Value& c, const Row& r, Lang l) { set_words(c, event_action_words(r.event.action), l); }},
          {"entity", translate(lang, Message("Entity")), Type::text, kScripts,
           field<&Row::event, &Event::entity>, Mark::none,
           [](Value& c, const Row& r, Lang l) { set_words(c, model::entity_words(r.event.entity), l); }},
          {"key", translate(lang, Message("Item")), Type::text, kBoth, field<&Row::event, &Event::key>},
          {"task_id", translate(lang, Message("Task id")), Type::count, kScripts,
           [](Value& c, const Row& r, Lang) {
             if (r.event.task_id != 0) {
               set_count(c, r.event.task_id);
             } else {
               set_null(c);
             }
           }},
          {"field", translate(lang, Message("Field")), Type::text, kBoth,
           nonempty<&Row::event, &Event::field>, Mark::none,
           [](Value& c, const Row& r, Lang l) {
             set_nonempty_text(
                 c, r.event.field.empty() ? std::string() : translate(l, event_field_words(r.event.field)));
           }},
          {"before", translate(lang, Message("Before")), Type::text, kBoth,
           nonempty<&Row::event, &Event::before>, Mark::none,
           [](Value& c, const Row& r, Lang l) {
             set_nonempty_text(c, event_value_words(r.event.field, r.event.before, l));
           }},
          {"after", translate(lang, Message("After")), Type::text, kBoth,
           nonempty<&Row::event, &Event::after>, Mark::wrap,
           [](Value& c, const Row& r, Lang l) {
             set_nonempty_text(c, event_value_words(r.event.field, r.event.after, l));
           }},
          // A date, as every date of the reports: JSON and CSV keep ISO; a day stored
          // in another form (by other means) is kept as text.
          {"effective", translate(lang, Message("Effective")), Type::date, kBoth,
           [](Value& c, const Row& r, Lang) {
             const std::string& day = r.event.effective;
             if (const auto date = model::parse_date(day); date.date && day.size() == 10 && day[4] == '-') {
               set_date(c, date.date);
             } else {
               set_nonempty_text(c, day);
             }
           }},
      },
      translate(lang, Message("No history.")));
}

Dataset events_dataset(const std::vector<model::Event>& events, Lang lang, const model::Zone& zone) {
  std::vector<HistoryRow> rows;
  rows.reserve(events.size());
  std::optional<int> shared;
  bool differ = false;
  for (const auto& e : events) {
    HistoryRow row{e, std::nullopt, false};
    if (const auto utc = model::parse_utc_timestamp(e.at)) {
      row.at = zone(*utc);
      if (shared && *shared != row.at->offset_seconds) differ = true;
      if (!shared) shared = row.at->offset_seconds;
    }
    rows.push_back(std::move(row));
  }
  if (differ) {
    for (auto& r : rows) r.own_offset = true;
    shared.reset();
  }
  return event_columns(lang, shared).dataset(rows);
}

namespace {

// The columns of `data` whose key is `key` hidden from people.
void hide(Dataset& data, std::string_view key) {
  for (auto& c : data.columns) {
    if (c.key == key) c.human = false;
  }
}

// People see the columns `keys` of `data`, in that order, and no other.
void show_only(Dataset& data, const std::vector<std::string_view>& keys) {
  data.people_order.clear();
  for (auto& c : data.columns) c.human = false;
  for (const auto key : keys) {
    for (std::size_t i = 0; i < data.columns.size(); ++i) {
      if (data.columns[i].key == key && !data.columns[i].raw) {
        data.columns[i].human = true;
        data.people_order.push_back(i);
      }
    }
  }
}

// A list under a record's fields: its rows numbered, no title of its own.
RecordPart listed_part(std::string key, const Message& title, Dataset data, Lang lang) {
  data.frame = Frame{};
  data.frame.number_heading = translate(lang, Message("No."));
  return RecordPart{std::move(key), translate(lang, title), std::move(data), false, true};
}

// Counts of tasks (and findings) as a summary row has them; people read the buckets.
RecordPart counts_part(std::string key, const Message& title, const SummaryRow& row, report::GroupBy by,
                       bool findings, Lang lang) {
  Dataset data = summary_dataset({row}, by, lang);
  std::vector<std::string_view> shown = {"tasks", "done_on_time", "done_late",
                                         "open",  "overdue",      "cancelled"};
  if (findings) shown.insert(shown.begin(), "findings");
  show_only(data, shown);
  return RecordPart{std::move(key), translate(lang, title), std::move(data), true, true};
}

}  // namespace

std::vector<RecordPart> contents_parts(const Contents& contents, Holder holder, model::Date as_of, Lang lang,
                                       DaysCount days) {
  const bool unit = holder == Holder::unit;
  const text::Day day = day_of(as_of);
  std::vector<RecordPart> parts;
  if (unit) {
    parts.push_back(
        listed_part("children", Message("Units under it"), units_dataset(contents.children, lang), lang));
    parts.back().people = !contents.children.empty();
  }
  const auto by = unit ? report::GroupBy::unit : report::GroupBy::inspection;
  parts.push_back(counts_part("counts", Message("Counts as of {0}", day), contents.counts, by, true, lang));
  if (unit) {
    const SummaryRow reported = contents.reported.value_or(SummaryRow{});
    parts.push_back(counts_part("report_counts", Message("Tasks that report to it, as of {0}", day), reported,
                                by, false, lang));
    parts.back().people = reported.tasks > 0;
  }
  Dataset findings = findings_dataset(contents.findings, lang);
  hide(findings, unit ? "unit" : "inspection");
  parts.push_back(listed_part("findings", Message::with_context("a part of a record", "Findings"),
                              std::move(findings), lang));
  Dataset tasks = task_dataset(contents.tasks, TaskView::list, lang, days);
  hide(tasks, unit ? "assignee_shown" : "inspection");
  parts.push_back(
      listed_part("tasks", Message::with_context("a part of a record", "Tasks"), std::move(tasks), lang));
  return parts;
}

namespace {

// Row 0 of `record` as "Heading: value" lines, the columns `columns` in that order,
// headings padded to one width. A value of several lines goes on under itself (in
// markdown, on with <br>), so that no line of it can pass for a heading of its own.
std::string field_lines(const Dataset& record, const std::vector<std::size_t>& columns, bool markdown,
                        Lang lang) {
  std::size_t width = 0;
  for (auto c : columns) width = std::max(width, text::display_width(record.columns[c].heading));
  const std::string continuation = "\n" + std::string(width + 2, ' ');
  std::string out;
  if (record.rows.empty()) return out;
  for (auto c : columns) {
    const auto& heading = record.columns[c].heading;
    std::string value = detail::human_text(detail::cell(record.rows[0], c), record.columns[c].type, lang);
    if (value.empty()) value = "-";
    if (markdown) {
      out += fmt::format("- **{}**: {}\n", heading, text::visible_lines(value, "<br>"));
    } else {
      out += heading + ":" + std::string(width - text::display_width(heading) + 1, ' ') +
             text::visible_lines(value, continuation) + "\n";
    }
  }
  return out;
}

// `data` in a record's JSON object: its first row as an object (null when none), or
// every row, an object a line, in an array.
std::string json_value(const Dataset& data, bool one) {
  if (one) return data.rows.empty() ? std::string("null") : to_json_object(data, 0);
  std::string items;
  for (std::size_t i = 0; i < data.rows.size(); ++i) {
    items += (i == 0 ? "\n    " : ",\n    ") + to_json_object(data, i);
  }
  return "[" + items + (items.empty() ? "]" : "\n  ]");
}

// {"key": "x", …, "counts": {…}, "tasks": [{…}], "events": [{…}, {…}]}
std::string record_json(const Dataset& record, const std::vector<RecordPart>& parts, const Dataset& history) {
  std::string object = record.rows.empty() ? std::string("{}") : to_json_object(record, 0);
  object.pop_back();  // the closing brace
  for (const auto& part : parts) {
    if (object.size() > 1) object += ", ";
    object += json_quote(part.key) + ": " + json_value(part.data, part.one);
  }
  if (object.size() > 1) object += ", ";
  return object + "\"events\": " + json_value(history, false) + "}\n";
}

}  // namespace

std::string render_record(const Dataset& record, const Dataset& history, Format format,
                          const TableStyle& style, bool bom, const std::vector<RecordPart>& parts) {
  switch (format) {
    case Format::json: return record_json(record, parts, history);
    case Format::csv: return to_csv(record, bom, style.header, style.separator);
    case Format::table:
    case Format::markdown:
      break;
  }
  const bool markdown = format == Format::markdown;
  // Every field, in the order scripts read them, not the table's.
  std::vector<std::size_t> columns;
  for (const std::size_t c : detail::csv_columns(record)) {
    if (record.columns[c].human) columns.push_back(c);
  }
  std::string out = field_lines(record, columns, markdown, style.lang);
  const auto section = [&](const std::string& title) {
    out += markdown ? "\n## " + title + "\n\n" : "\n" + title + "\n";
  };
  for (const auto& part : parts) {
    if (!part.people) continue;
    section(part.title);
    if (part.one) {
      out += field_lines(part.data, detail::human_columns(part.data), markdown, style.lang);
    } else {
      out += markdown ? to_markdown(part.data, style.lang) : to_table(part.data, style);
    }
  }
  section(translate(style.lang, Message("History")));
  out += markdown ? to_markdown(history, style.lang) : to_table(history, style);
  return out;
}

}  // namespace inspectrack::render
