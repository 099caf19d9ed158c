#pragma once
// Task reports: overdue, due soon, listings. Pure functions over stored tasks; the
// store already selected the rows (by index), these classify, order and measure.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "inspectrack/calendar/registry.hpp"
#include "inspectrack/model/date.hpp"
#include "inspectrack/model/task.hpp"
#include "inspectrack/storage/report_queries.hpp"

namespace inspectrack::report {

struct TaskRow {
  model::Task task;
  int days_late = 0;          // calendar days past the last allowed day on as_of; 0 when not late
  int working_days_late = 0;  // working days of the task's calendar in (last day, as_of]
  // An explicit deadline (a date, by, before, a recurring `day`) whose last allowed
  // day is not a working day: taken literally, but worth a mark.
  bool due_on_day_off = false;
  // The row depends on a provisional (not yet announced) day: the deadline's
  // computation, the day-off mark or the working days counted.
  bool provisional = false;
};

// The calendar a task is counted with: its own, else the shipped default; a key
// `calendars` does not know counts weekends only (Saturday and Sunday).
const calendar::WorkCalendar& calendar_of(const model::Task& task,
                                          const calendar::CalendarRegistry& calendars);

// Lateness and marks of one task on `as_of`, with its calendar from `calendars`
// (an unknown calendar counts weekends only: Saturday and Sunday).
TaskRow measure(const model::Task& task, model::Date as_of,
                const calendar::CalendarRegistry& calendars);

// True when the task is open and its last allowed day is before `as_of`.
bool is_overdue(const model::Task& task, model::Date as_of);

// Open tasks past their deadline on `as_of`, grouped by assignee (by assignee name,
// then key; names as bytes), most days late first within a unit, then by full key:
// the order of storage::TaskSort::unit in a store with no name order.
std::vector<TaskRow> overdue(const std::vector<model::Task>& tasks, model::Date as_of,
                             const calendar::CalendarRegistry& calendars);

// Open tasks whose last allowed day is from as_of to `days` working days after it in
// the task's calendar (remind's window, report::window_end): by assignee, soonest
// first within a unit.
std::vector<TaskRow> due_within(const std::vector<model::Task>& tasks, model::Date as_of, int days,
                                const calendar::CalendarRegistry& calendars);

// overdue() and due_within() of the store's tasks, one row at a time, in the order
// filter.sort names (with TaskSort::unit and no name order, the same order as
// theirs): `sink` gets each row as the store reads it, and nothing is held but that
// row (the row is valid only for the call).
using RowSink = std::function<void(const TaskRow&)>;
void each_overdue(storage::ReportQueries& store, model::Date as_of,
                  const storage::TaskFilter& filter, const calendar::CalendarRegistry& calendars,
                  const RowSink& sink);
void each_due_within(storage::ReportQueries& store, model::Date as_of, int days,
                     const storage::TaskFilter& filter, const calendar::CalendarRegistry& calendars,
                     const RowSink& sink);

// Every task with its days late on `as_of`, in the order given.
std::vector<TaskRow> with_lateness(const std::vector<model::Task>& tasks, model::Date as_of,
                                   const calendar::CalendarRegistry& calendars);

}  // namespace inspectrack::report
