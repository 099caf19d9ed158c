#pragma once
// The narrow interface every storage backend implements. SQLite is the embedded
// default (sqlite_store.hpp); a server database can implement the same interface.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "inspectrack/calendar/registry.hpp"
#include "inspectrack/calendar/work_calendar.hpp"
#include "inspectrack/import/resolve.hpp"
#include "inspectrack/model/date.hpp"
#include "inspectrack/model/event.hpp"
#include "inspectrack/model/finding.hpp"
#include "inspectrack/model/inspection.hpp"
#include "inspectrack/model/lifecycle.hpp"
#include "inspectrack/model/reminder.hpp"
#include "inspectrack/model/task.hpp"
#include "inspectrack/model/unit.hpp"

namespace inspectrack::storage {

struct ImportOptions {
  bool dry_run = false;  // compute and report, then roll back
  bool prune = false;    // delete findings/tasks missing from a re-imported inspection
  std::string actor;     // recorded in events
  std::string now;       // UTC timestamp recorded in events, e.g. 2021-07-21T08:30:00Z
  // Every calendar by key (shipped, stored, and the plan's): deadlines of recurring
  // occurrences, and of stored tasks whose calendar changed, are computed with them.
  const calendar::CalendarRegistry* calendars = nullptr;
  // The shipped calendar, recorded in the database (unless one imported with its key
  // replaces it) so that a later version's changes to it can be applied.
  const calendar::CalendarSpec* shipped = nullptr;
  // Recurring tasks get their occurrences whose deadline is on or before this day.
  std::optional<model::Date> occurrences_until;
  // The day progress entries are judged on (nothing done after it).
  std::optional<model::Date> as_of;
  // The new occurrences of recurring tasks one run may make, and the bytes of their
  // action and target text; more is refused (exit 65) and nothing is written.
  std::size_t max_occurrences = import::Limits{}.max_occurrences;
  std::size_t max_occurrence_text = import::Limits{}.max_occurrence_text;
};

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
  std::string reason;                // refused: why
};

// Creating the occurrences of recurring tasks that have come due, outside an import.
struct OccurrenceOptions {
  model::Date until;  // occurrences whose last allowed day is on or before this day
  const calendar::CalendarRegistry* calendars = nullptr;
  std::string actor;
  std::string now;
};

// One line of an import's report.
struct Change {
  enum class Kind { added, changed, unchanged, missing, pruned };
  Kind kind = Kind::unchanged;
  std::string entity;               // "calendar", "unit", "inspection", "finding", "task"
  std::string key;                  // the entity's key (a task's full key)
  std::vector<std::string> fields;  // Kind::changed: the fields that changed
};

struct ImportOutcome {
  // Calendars, units, then per inspection: itself, findings, tasks; then tasks of
  // other inspections whose deadline moved with a changed calendar.
  std::vector<Change> changes;
  std::vector<std::string> refusals;  // --prune refused (a task with progress): what and why
  // A re-import changed a task that has progress (its status, extensions or notes are
  // kept): what changed, for the user to check.
  std::vector<std::string> warnings;
  // Progress entries that were refused, at their place in the file. When there is any,
  // nothing was written.
  std::vector<import::Diagnostic> progress_errors;
  int count(Change::Kind kind) const;
};

// One check of `inspectrack check`: SQLite's own, or one of the tool's invariants.
struct CheckResult {
  std::string name;                   // stable: "integrity", "foreign_keys", "task_status", …
  std::string description;            // what it checks, in the store's language
  std::int64_t count = 0;             // problems found; 0 when it passed
  std::vector<std::string> problems;  // the first ones, one line each (at most 20)
};

struct TaskFilter {
  std::optional<std::string> unit;        // assignee key
  std::optional<std::string> inspection;  // inspection key
  std::optional<std::string> area;        // a linked finding has this area (prefix match on '.')
  std::optional<std::string> report_to;   // unit key
  std::optional<model::Status> status;
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
};

// An import stored one file at a time, in one write transaction taken when it
// begins: what Store::import does with a whole plan, for imports too large to hold in
// memory. Call definitions() once, before the first inspection(); units() for the
// units files define after that (already known, unchanged); progress() per
// progress file, after every inspection; then finish(). Destroyed before finish(),
// it rolls everything back.
class ImportSession {
 public:
  virtual ~ImportSession() = default;
  virtual void definitions(const std::vector<import::CalendarPlan>& calendars,
                           const std::vector<model::Unit>& units) = 0;
  virtual void units(const std::vector<model::Unit>& units) = 0;
  virtual void inspection(const import::InspectionPlan& plan) = 0;
  virtual void progress(const std::vector<import::ProgressEntry>& entries) = 0;
  // Ends the import: commits, unless a dry run or a progress entry was refused (then
  // nothing is written). The outcome has no changes: each went to the session's sink.
  virtual ImportOutcome finish() = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Applies a resolved import in one write transaction (all or nothing) and says
  // what changed. Rows are identified by keys, so a repeated import changes nothing.
  // Texts and deadlines update in place, each with an event; status and done dates
  // are never touched by an import.
  virtual ImportOutcome import(const import::ImportPlan& plan, const ImportOptions& options) = 0;
  // The same import given a file at a time: `sink` gets each change as it is made.
  // Takes the write lock at once (StorageError temp_fail when busy beyond the timeout).
  virtual std::unique_ptr<ImportSession> begin_import(const ImportOptions& options,
                                                      std::function<void(const Change&)> sink) = 0;

  // Applies one change to the task with this id in one write transaction, after
  // model::check_change; refused or unchanged changes write nothing. Throws
  // StorageError(no_input) when there is no such task.
  virtual ChangeOutcome change_task(std::int64_t id, const model::TaskChange& change,
                                    const ChangeOptions& options) = 0;

  // True when the database is at an older schema version than this program writes:
  // reports read it as it is, and the first change a writing command commits upgrades
  // it. What a report would have to write there (occurrences come due) it makes in a
  // scratch copy instead (OpenMode::scratch).
  virtual bool older_schema() = 0;

  // Calendars imported from files (not the shipped one as recorded), by key.
  virtual std::vector<calendar::CalendarSpec> calendars() = 0;

  // True when a recurring task has an occurrence not made yet whose deadline is on
  // or before options.until. Reads only.
  virtual bool occurrences_pending(const OccurrenceOptions& options) = 0;
  // Makes those occurrences (each with an event 'repeat'), in one write transaction,
  // going forward from each series' latest occurrence: never a pile of past copies
  // of deleted ones. Returns the changes (all Change::Kind::added).
  virtual std::vector<Change> make_occurrences(const OccurrenceOptions& options) = 0;

  virtual std::vector<model::Unit> units() = 0;
  virtual std::vector<model::Inspection> inspections() = 0;
  virtual std::vector<model::Finding> findings(const FindingFilter& filter) = 0;
  // Tasks matching the filter, ordered by assignee key, last day (none last), full key.
  virtual std::vector<model::Task> tasks(const TaskFilter& filter) = 0;
  // Open tasks whose last allowed day is before `as_of` (uses an index).
  virtual std::vector<model::Task> overdue(model::Date as_of, const TaskFilter& filter) = 0;
  // overdue(), one task at a time in the order of the overdue report: assignee name,
  // assignee key, last day, full key. Holds one task in memory, not all of them.
  virtual void each_overdue(model::Date as_of, const TaskFilter& filter, const TaskSink& sink) = 0;
  // due_between(), one task at a time in the order of the due report: last day,
  // assignee name, assignee key, full key.
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
  // The key and name of every unit (Grouping::unit) or inspection, by row id.
  virtual std::vector<GroupName> group_names(Grouping by) = 0;
  // Whether overdue() would return any task; reads at most one row (uses an index).
  virtual bool any_overdue(model::Date as_of, const TaskFilter& filter) = 0;
  // Open tasks whose last allowed day is in [from, to] (uses an index).
  virtual std::vector<model::Task> due_between(model::Date from, model::Date to,
                                               const TaskFilter& filter) = 0;

  virtual std::optional<model::Task> task(std::int64_t id) = 0;
  // Exact full key, else a unique prefix of one; nullopt when none or ambiguous.
  virtual std::optional<model::Task> task_by_key(const std::string& key_or_prefix) = 0;
  virtual std::optional<model::Unit> unit(const std::string& key) = 0;
  virtual std::optional<model::Inspection> inspection(const std::string& key) = 0;
  // Finding by "INSPECTION/FINDING".
  virtual std::optional<model::Finding> finding(const std::string& inspection,
                                                const std::string& key) = 0;

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

  // Runs every check, reading only: SQLite's integrity and foreign-key checks, then the
  // tool's invariants (see storage/check.cpp), in a fixed order.
  virtual std::vector<CheckResult> check() = 0;
  // Copies the database to `path` with SQLite's online backup API (others may write
  // meanwhile: the copy is one consistent state), creating it with mode 0600, then
  // checks the copy's integrity. Throws StorageError(cant_create) when `path` exists
  // (nothing is overwritten) or cannot be written, and removes a partial copy.
  virtual void backup(const std::string& path) = 0;

  // The history, oldest first; of one task when task_id is given, else all.
  virtual std::vector<model::Event> events(std::optional<std::int64_t> task_id) = 0;
  // Events about one entity ("unit", "inspection", "finding" or "calendar", and its key);
  // a task's are events(task_id).
  virtual std::vector<model::Event> events_for(const std::string& entity, const std::string& key) = 0;
};

}  // namespace inspectrack::storage
