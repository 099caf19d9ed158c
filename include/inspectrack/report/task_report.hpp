#pragma once
// Task reports: overdue, due soon, listings. Pure functions over stored tasks; the
// store already selected the rows (by index), these classify, order and measure.

#include <map>
#include <string>
#include <vector>

#include "inspectrack/model/date.hpp"
#include "inspectrack/model/task.hpp"

namespace inspectrack::report {

struct TaskRow {
  model::Task task;
  int days_late = 0;  // calendar days past the last allowed day on as_of; 0 when not late
};

// True when the task is open and its last allowed day is before `as_of`.
bool is_overdue(const model::Task& task, model::Date as_of);

// Open tasks past their deadline on `as_of`, grouped by assignee (by assignee name,
// then key), most days late first within a unit, then by full key.
std::vector<TaskRow> overdue(const std::vector<model::Task>& tasks, model::Date as_of);

// Open tasks whose last allowed day is within [as_of, as_of + days]; soonest first.
std::vector<TaskRow> due_within(const std::vector<model::Task>& tasks, model::Date as_of, int days);

// Every task with its days late on `as_of`, in the order given.
std::vector<TaskRow> with_lateness(const std::vector<model::Task>& tasks, model::Date as_of);

}  // namespace inspectrack::report
