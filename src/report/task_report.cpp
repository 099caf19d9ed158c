#include "inspectrack/report/task_report.hpp"

#include <algorithm>
#include <tuple>

#include "inspectrack/calendar/deadline.hpp"

namespace inspectrack::report {

namespace {

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

TaskRow measure(const model::Task& task, model::Date as_of,
                const calendar::CalendarRegistry& calendars) {
  const calendar::WorkCalendar& cal = calendar_of(task, calendars);
  TaskRow row{task, 0, 0, false, task.due_provisional};
  if (task.last_day && explicit_form(task.due.form)) {
    row.due_on_day_off = !cal.is_working_day(*task.last_day);
    row.provisional = row.provisional || cal.is_provisional(*task.last_day);
  }
  if (task.is_open() && task.last_day && *task.last_day < as_of) {
    row.days_late = calendar::days_late(task.last_day, as_of);
    row.working_days_late = calendar::working_days_late(task.last_day, as_of, cal);
    row.provisional = row.provisional || cal.any_provisional(*task.last_day, as_of);
  }
  return row;
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
  const model::Date horizon = as_of.plus_days(days);
  std::vector<TaskRow> rows;
  for (const auto& t : tasks) {
    if (t.is_open() && t.last_day && *t.last_day >= as_of && *t.last_day <= horizon) {
      rows.push_back(measure(t, as_of, calendars));
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const TaskRow& a, const TaskRow& b) {
    return std::forward_as_tuple(*a.task.last_day, a.task.assignee_name, a.task.assignee,
                                 a.task.inspection, a.task.key) <
           std::forward_as_tuple(*b.task.last_day, b.task.assignee_name, b.task.assignee,
                                 b.task.inspection, b.task.key);
  });
  return rows;
}

}  // namespace inspectrack::report
