#pragma once
// Writing tasks outside an import: one change from the command line (done, extend,
// cancel, reopen, verify, note), and the occurrences of recurring tasks come due.

#include <cstdint>
#include <string>
#include <vector>

#include "inspectrack/calendar/registry.hpp"
#include "inspectrack/model/date.hpp"
#include "inspectrack/model/lifecycle.hpp"
#include "inspectrack/model/task.hpp"
#include "inspectrack/storage/change.hpp"
#include "inspectrack/text/message.hpp"

namespace inspectrack::storage {

// One task change from the command line.
struct ChangeOptions {
  model::Date as_of;
  std::string actor;
  std::string now;
};

struct ChangeOutcome {
  model::ChangeCheck::Outcome outcome = model::ChangeCheck::Outcome::refused;
  model::Task before;                // the task as it was
  model::Task after;                 // as it is now (before, when not applied)
  std::vector<std::string> fields;   // applied: the fields that changed
  text::Message reason;              // refused: why
};

// Creating the occurrences of recurring tasks that have come due, outside an import.
struct OccurrenceOptions {
  model::Date until;  // occurrences whose last allowed day is on or before this day
  const calendar::CalendarRegistry* calendars = nullptr;
  std::string actor;
  std::string now;
};

// What the task changes, and a report that makes occurrences first, need of a store.
class TaskChanges {
 public:
  virtual ~TaskChanges() = default;

  // Applies one change to the task with this id in one write transaction, after
  // model::check_change; refused or unchanged changes write nothing. Throws
  // StorageError(no_input) when there is no such task.
  virtual ChangeOutcome change_task(std::int64_t id, const model::TaskChange& change,
                                    const ChangeOptions& options) = 0;

  // True when a recurring task has an occurrence not made yet whose deadline is on
  // or before options.until. Reads only.
  virtual bool occurrences_pending(const OccurrenceOptions& options) = 0;
  // Makes those occurrences (each with an event 'repeat'), in one write transaction,
  // going forward from each series' latest occurrence: never a pile of past copies
  // of deleted ones. Returns the changes (all Change::Kind::added).
  virtual std::vector<Change> make_occurrences(const OccurrenceOptions& options) = 0;
};

}  // namespace inspectrack::storage
