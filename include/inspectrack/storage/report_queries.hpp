#pragma once
// Reading for reports: units, inspections, findings, tasks (whole, streamed or
// tallied, selected by index), calendars and the history. Reads only.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "inspectrack/calendar/work_calendar.hpp"
#include "inspectrack/model/date.hpp"
#include "inspectrack/model/event.hpp"
#include "inspectrack/model/finding.hpp"
#include "inspectrack/model/office.hpp"
#include "inspectrack/model/inspection.hpp"
#include "inspectrack/model/task.hpp"
#include "inspectrack/model/office.hpp"
#include "inspectrack/model/unit.hpp"

namespace inspectrack::storage {

// The order of the tasks a query returns. Names compare in the store's name order
// (OpenOptions::name_order); every order ends with the inspection key, the task key
// and the occurrence, so that it is total.
enum class TaskSort {
  unit,        // assignee name, assignee key, last day (none last)
  key,         // assignee key, last day (none last): an order that no language changes
  deadline,    // last day (none last), assignee name, assignee key
  inspection,  // inspection key, assignee name, assignee key, last day (none last)
};

// The days from `from` to `to`, both included; an end not given is open. A row with no
// date to compare never falls in a range that is given.
struct DateRange {
  std::optional<model::Date> from;
  std::optional<model::Date> to;

  // The days of one year, 1/1 to 31/12.
  static DateRange year(int y) { return {model::Date::from_ymd(y, 1, 1), model::Date::from_ymd(y, 12, 31)}; }
  // The year when the range is one whole year, else nullopt.
  std::optional<int> whole_year() const {
    if (!from || *this != year(from->year())) return std::nullopt;
    return from->year();
  }
  bool operator==(const DateRange&) const = default;

  bool given() const { return from.has_value() || to.has_value(); }
  bool contains(const std::optional<model::Date>& day) const {
    return day && !(from && *day < *from) && !(to && *to < *day);
  }
};

// What a report's rows come together by, ahead of the sort, which orders the rows
// within each group. The groups in the store's name order: the assignee by its name;
// the inspection by its conclusion's date (the oldest order first, undated last), then
// its title; the unit reported to by its name, tasks with none last; ties by key.
// Under TaskSort::key the groups follow their keys: an order no language changes.
enum class TaskGroup { none, unit, inspection, report_to };

struct TaskFilter {
  std::optional<std::string> unit;        // assignee key
  std::optional<std::string> inspection;  // inspection key
  std::optional<std::string> area;        // a linked finding has this area (prefix match on '.')
  std::optional<std::string> report_to;   // unit key
  std::optional<model::Status> status;
  DateRange deadline;              // the deadline in force (last_day); a task with none never matches
  DateRange concluded;             // the inspection's conclusion date; one with none never matches
  DateRange dated;                 // the inspection's date (model::Inspection::dated): --year's range
  TaskSort sort = TaskSort::unit;  // not a condition: the order of the rows
  TaskGroup group = TaskGroup::none;  // not a condition either: the order of the groups
};

// What a summary counts of one task (series rows of recurring tasks are never given).
struct TaskTally {
  std::int64_t group = 0;  // the row id of the task's group: its assignee or inspection
  model::Status status = model::Status::open;
  std::optional<model::Date> last_day;       // the deadline in force; nullopt: none
  std::optional<model::Date> done_on;
  std::optional<model::Date> done_deadline;  // done/verified: the deadline in force that day
};

// How a summary groups tasks and findings: by assignee (a finding: its unit) or by
// inspection.
enum class Grouping { unit, inspection };

// A group's row id, with its key and name (a unit's name, an inspection's title).
struct GroupName {
  std::int64_t id = 0;
  std::string key;
  std::string name;
};

// Called with each task of a report, one at a time; the task is valid only for the call.
using TaskSink = std::function<void(const model::Task&)>;

struct FindingFilter {
  std::optional<std::string> unit;
  std::optional<std::string> inspection;
  std::optional<std::string> area;        // exact, or a prefix ending at '.'
  DateRange concluded;                    // as TaskFilter's: of the finding's inspection
  DateRange dated;
};

// What the reports (and the lookups of the commands) need of a store.
class ReportQueries {
 public:
  virtual ~ReportQueries() = default;

  // Calendars imported from files (not the shipped one as recorded), by key.
  virtual std::vector<calendar::CalendarSpec> calendars() = 0;

  // Every unit, by name in the store's name order, then key.
  virtual std::vector<model::Unit> units() = 0;
  // Every office that issues documents, by key.
  virtual std::vector<model::Office> offices() = 0;
  virtual std::vector<model::Inspection> inspections() = 0;
  virtual std::vector<model::Finding> findings(const FindingFilter& filter) = 0;
  // Tasks matching the filter, in the order filter.sort names (so are those below).
  virtual std::vector<model::Task> tasks(const TaskFilter& filter) = 0;
  // Open tasks whose last allowed day is before `as_of` (uses an index).
  virtual std::vector<model::Task> overdue(model::Date as_of, const TaskFilter& filter) = 0;
  // overdue(), one task at a time. Holds one task in memory, not all of them.
  virtual void each_overdue(model::Date as_of, const TaskFilter& filter, const TaskSink& sink) = 0;
  // due_between(), one task at a time.
  virtual void each_due_between(model::Date from, model::Date to, const TaskFilter& filter,
                                const TaskSink& sink) = 0;
  // The tasks tasks(filter) would return, as tallies for a summary, in no particular
  // order; a full scan of the tasks, with no join per task.
  virtual void each_tally(Grouping by, const TaskFilter& filter,
                          const std::function<void(const TaskTally&)>& sink) = 0;
  // How many of findings(filter) each group has, by the group's row id (groups with
  // none left out).
  virtual std::vector<std::pair<std::int64_t, std::int64_t>> finding_counts(
      Grouping by, const FindingFilter& filter) = 0;
  // The key and name of every unit (Grouping::unit: by name in the store's name
  // order, then key) or inspection (by key).
  virtual std::vector<GroupName> group_names(Grouping by) = 0;
  // Whether overdue() would return any task; reads at most one row (uses an index).
  virtual bool any_overdue(model::Date as_of, const TaskFilter& filter) = 0;
  // Open tasks whose last allowed day is in [from, to] (uses an index).
  virtual std::vector<model::Task> due_between(model::Date from, model::Date to,
                                               const TaskFilter& filter) = 0;

  virtual std::optional<model::Task> task(std::int64_t id) = 0;
  // Exact full key, else a unique prefix of one; nullopt when none or ambiguous.
  virtual std::optional<model::Task> task_by_key(const std::string& key_or_prefix) = 0;
  // The full keys of the tasks (recurring rules aside) that start with `prefix`, in
  // key order, at most `limit` of them, and how many there are in all: the candidates
  // of a prefix task_by_key found ambiguous.
  struct KeyMatches {
    std::vector<std::string> keys;
    std::size_t count = 0;
  };
  virtual KeyMatches task_keys_with_prefix(const std::string& prefix, std::size_t limit) = 0;
  virtual std::optional<model::Unit> unit(const std::string& key) = 0;
  virtual std::optional<model::Inspection> inspection(const std::string& key) = 0;
  // Finding by "INSPECTION/FINDING".
  virtual std::optional<model::Finding> finding(const std::string& inspection,
                                                const std::string& key) = 0;

  // The history, oldest first; of one task when task_id is given, else all.
  virtual std::vector<model::Event> events(std::optional<std::int64_t> task_id) = 0;
  // Events about one entity ("unit", "inspection", "finding" or "calendar", and its key);
  // a task's are events(task_id).
  virtual std::vector<model::Event> events_for(const std::string& entity, const std::string& key) = 0;
};

}  // namespace inspectrack::storage
