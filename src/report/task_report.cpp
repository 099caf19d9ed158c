#include "inspectrack/report/task_report.hpp"

#include <algorithm>
#include <tuple>

#include "inspectrack/calendar/deadline.hpp"
#include "inspectrack/report/reminders.hpp"

namespace inspectrack::report {

namespace {

// Open, and due from as_of to `days` working days after it in the task's calendar:
// the window remind reminds of, so that due and remind --within agree.
bool due_in_window(const model::Task& task, model::Date as_of, int days,
                   const calendar::CalendarRegistry& calendars) {
  return task.is_open() && task.last_day && *task.last_day >= as_of &&
         *task.last_day <= window_end(as_of, days, calendar_of(task, calendars));
}

bool explicit_form(model::Due::Form form) {
  return form == model::Due::Form::date || form == model::Due::Form::by ||
         form == model::Due::Form::before || form == model::Due::Form::day;
}

}  // namespace

const calendar::WorkCalendar& calendar_of(const model::Task& task,
                                          const calendar::CalendarRegistry& calendars) {
  const calendar::WorkCalendar* found = calendars.find(
      task.calendar.empty() ? std::string(calendar::kDefaultCalendar) : task.calendar);
  return found != nullptr ? *found : calendar::weekends_only();
}

namespace {

// The lateness and marks of row.task (already set) on `as_of`.
void mark(TaskRow& row, model::Date as_of, const calendar::CalendarRegistry& calendars) {
  const model::Task& task = row.task;
  const calendar::WorkCalendar& cal = calendar_of(task, calendars);
  row.days_late = 0;
  row.working_days_late = 0;
  row.due_on_day_off = false;
  row.provisional = task.due_provisional;
  if (task.last_day && explicit_form(task.due.form)) {
    row.due_on_day_off = !cal.is_working_day(*task.last_day);
    row.provisional = row.provisional || cal.is_provisional(*task.last_day);
  }
  if (task.is_open() && task.last_day && *task.last_day < as_of) {
    row.days_late = calendar::days_late(task.last_day, as_of);
    row.working_days_late = calendar::working_days_late(task.last_day, as_of, cal);
    row.provisional = row.provisional || cal.any_provisional(*task.last_day, as_of);
  }
}

}  // namespace

TaskRow measure(const model::Task& task, model::Date as_of,
                const calendar::CalendarRegistry& calendars) {
  TaskRow row{task, 0, 0, false, false};
  mark(row, as_of, calendars);
  return row;
}

void each_overdue(storage::ReportQueries& store, model::Date as_of,
                  const storage::TaskFilter& filter, const calendar::CalendarRegistry& calendars,
                  const RowSink& sink) {
  // Nothing overdue is the common answer (a cron check, a new database): one indexed
  // probe gives it without preparing the report's query, which costs more than the rest
  // of a report on an empty database.
  if (!store.any_overdue(as_of, filter)) return;
  TaskRow row;  // one row, its strings' buffers reused from task to task
  store.each_overdue(as_of, filter, [&](const model::Task& task) {
    if (!is_overdue(task, as_of)) return;
    row.task = task;
    mark(row, as_of, calendars);
    sink(row);
  });
}

void each_due_within(storage::ReportQueries& store, model::Date as_of, int days,
                     const storage::TaskFilter& filter, const calendar::CalendarRegistry& calendars,
                     const RowSink& sink) {
  TaskRow row;
  store.each_due_between(as_of, widest_window_end(as_of, days, calendars), filter,
                         [&](const model::Task& task) {
                           if (!due_in_window(task, as_of, days, calendars)) return;
                           row.task = task;
                           mark(row, as_of, calendars);
                           sink(row);
                         });
}

bool is_overdue(const model::Task& task, model::Date as_of) {
  return task.is_open() && task.last_day && *task.last_day < as_of;
}

std::vector<TaskRow> with_lateness(const std::vector<model::Task>& tasks, model::Date as_of,
                                   const calendar::CalendarRegistry& calendars) {
  std::vector<TaskRow> rows;
  rows.reserve(tasks.size());
  for (const auto& t : tasks) rows.push_back(measure(t, as_of, calendars));
  return rows;
}

std::vector<TaskRow> overdue(const std::vector<model::Task>& tasks, model::Date as_of,
                             const calendar::CalendarRegistry& calendars) {
  std::vector<TaskRow> rows;
  for (const auto& t : tasks) {
    if (is_overdue(t, as_of)) rows.push_back(measure(t, as_of, calendars));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const TaskRow& a, const TaskRow& b) {
    return std::forward_as_tuple(a.task.assignee_name, a.task.assignee, b.days_late, a.task.inspection,
                                 a.task.key, a.task.period) <
           std::forward_as_tuple(b.task.assignee_name, b.task.assignee, a.days_late, b.task.inspection,
                                 b.task.key, b.task.period);
  });
  return rows;
}

std::vector<TaskRow> due_within(const std::vector<model::Task>& tasks, model::Date as_of, int days,
                                const calendar::CalendarRegistry& calendars) {
  std::vector<TaskRow> rows;
  for (const auto& t : tasks) {
    if (due_in_window(t, as_of, days, calendars)) {
      rows.push_back(measure(t, as_of, calendars));
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const TaskRow& a, const TaskRow& b) {
    return std::forward_as_tuple(a.task.assignee_name, a.task.assignee, *a.task.last_day, a.task.inspection,
                                 a.task.key, a.task.period) <
           std::forward_as_tuple(b.task.assignee_name, b.task.assignee, *b.task.last_day, b.task.inspection,
                                 b.task.key, b.task.period);
  });
  return rows;
}

}  // namespace inspectrack::report
