#include "inspectrack/report/task_report.hpp"

#include <algorithm>
#include <tuple>

#include "inspectrack/calendar/deadline.hpp"

namespace inspectrack::report {

bool is_overdue(const model::Task& task, model::Date as_of) {
  return task.is_open() && task.last_day && *task.last_day < as_of;
}

std::vector<TaskRow> with_lateness(const std::vector<model::Task>& tasks, model::Date as_of) {
  std::vector<TaskRow> rows;
  rows.reserve(tasks.size());
  for (const auto& t : tasks) {
    rows.push_back({t, t.is_open() ? calendar::days_late(t.last_day, as_of) : 0});
  }
  return rows;
}

std::vector<TaskRow> overdue(const std::vector<model::Task>& tasks, model::Date as_of) {
  std::vector<TaskRow> rows;
  for (const auto& t : tasks) {
    if (is_overdue(t, as_of)) rows.push_back({t, calendar::days_late(t.last_day, as_of)});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const TaskRow& a, const TaskRow& b) {
    return std::forward_as_tuple(a.task.assignee_name, a.task.assignee, b.days_late, a.task.inspection,
                                 a.task.key) <
           std::forward_as_tuple(b.task.assignee_name, b.task.assignee, a.days_late, b.task.inspection,
                                 b.task.key);
  });
  return rows;
}

std::vector<TaskRow> due_within(const std::vector<model::Task>& tasks, model::Date as_of, int days) {
  const model::Date horizon = as_of.plus_days(days);
  std::vector<TaskRow> rows;
  for (const auto& t : tasks) {
    if (t.is_open() && t.last_day && *t.last_day >= as_of && *t.last_day <= horizon) {
      rows.push_back({t, 0});
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
