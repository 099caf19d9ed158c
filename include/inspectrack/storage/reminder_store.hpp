#pragma once
// The reminders `remind` records: read, claimed under the write lock, taken over,
// dropped, marked sent or failed.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "inspectrack/model/date.hpp"
#include "inspectrack/model/reminder.hpp"
#include "inspectrack/model/task.hpp"

namespace inspectrack::storage {

// An open task with no deadline, and the day it was set: its inspection's conclusion
// date, else the day it was first imported (UTC).
struct UndatedOpen {
  model::Task task;
  model::Date since;
};

// What `remind` needs of a store, besides the report queries.
class ReminderStore {
 public:
  virtual ~ReminderStore() = default;

  // The open tasks with no deadline in force (recurring rules aside), of the assignee
  // `unit` when given, by assignee key, inspection, task key and period (uses the index
  // of open tasks).
  virtual std::vector<UndatedOpen> undated_open(const std::optional<std::string>& unit) = 0;

  // Reminders whose day is on or after `from`, every status, in the order they were
  // recorded, each with its tasks (and, from schema version 5, its claimant and kept
  // message). Empty on a database older than the reminders.
  virtual std::vector<model::Reminder> reminders(model::Date from) = 0;
  // The reminders not known to be delivered (status `sending`: in flight or
  // unconfirmed), of every day, of one unit when `unit` is given, in the order they
  // were recorded, with their tasks, claimant and message. Reads an index, not the table.
  virtual std::vector<model::Reminder> sending_reminders(const std::optional<std::string>& unit) = 0;
  // Records `reminder` (its unit, day, tasks, claimant, message…; id ignored) with
  // status `sending`, in one write transaction, unless `wanted` says no: it is given
  // the unit's reminders on or after reminder.day as they are under the write lock, so
  // two runs at once cannot both claim the same reminder. Returns the new id, or
  // nullopt when not wanted. Throws StorageError(no_input) when the unit does not exist.
  virtual std::optional<std::int64_t> claim_reminder(
      const model::Reminder& reminder,
      const std::function<bool(const std::vector<model::Reminder>& earlier)>& wanted) = 0;
  // Takes over the `sending` reminder `id` for `claimant`, in one write transaction:
  // when it is still `sending` and `wanted` (given it as it is under the write lock)
  // says yes, `claimant` becomes its claimant and `transport` and `target` how it goes
  // out. Returns the reminder as it was, or nullopt when it was not taken: gone, sent,
  // or not wanted (another run took it first). Of several runs at once, one takes it.
  virtual std::optional<model::Reminder> take_over_reminder(
      std::int64_t id, const model::Claimant& claimant, const std::string& transport,
      const std::string& target, const std::function<bool(const model::Reminder&)>& wanted) = 0;
  // Removes the `sending` reminder `id` and its tasks, in one write transaction, when it
  // is still `sending` and `wanted` (given it under the write lock) says yes. True when
  // it was removed.
  virtual bool drop_reminder(std::int64_t id,
                             const std::function<bool(const model::Reminder&)>& wanted) = 0;
  // A claimed reminder was delivered: its status becomes `sent`, at `sent_at`, and its
  // claimant and kept message are cleared.
  virtual void reminder_sent(std::int64_t id, const std::string& sent_at) = 0;
  // A claimed reminder could not be delivered: it stays `sending` with its message and
  // loses its claimant (unconfirmed), so that the next run delivers the same message
  // again. (Before schema version 5, which keeps no message, its record is removed.)
  virtual void reminder_failed(std::int64_t id) = 0;
};

}  // namespace inspectrack::storage
