#pragma once
// Storing an import: a session given one file at a time. The only storage interface
// that knows the import module's plan types.

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "inspectrack/calendar/registry.hpp"
#include "inspectrack/calendar/work_calendar.hpp"
#include "inspectrack/import/diagnostic.hpp"
#include "inspectrack/import/resolve.hpp"
#include "inspectrack/model/date.hpp"
#include "inspectrack/model/office.hpp"
#include "inspectrack/model/unit.hpp"
#include "inspectrack/storage/change.hpp"
#include "inspectrack/text/message.hpp"

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

struct ImportOutcome {
  // Calendars, units, then per inspection: itself, findings, tasks; then tasks of
  // other inspections whose deadline moved with a changed calendar.
  std::vector<Change> changes;
  std::vector<text::Message> refusals;  // --prune refused (a task with progress): what and why
  // A re-import changed a task that has progress (its status, extensions or notes are
  // kept): what changed, for the user to check.
  std::vector<text::Message> warnings;
  // Progress entries that were refused, at their place in the file. When there is any,
  // nothing was written.
  std::vector<import::Diagnostic> progress_errors;
  int count(Change::Kind kind) const;
};

// An import stored one file at a time, in one write transaction taken when it
// begins (all or nothing), so that an import too large to hold in memory is never
// held whole. Rows are identified by keys, so a repeated import changes nothing.
// Texts and deadlines update in place, each with an event; status and done dates
// are never touched by an import. Call definitions() once, before the first inspection(); units() for the
// units files define after that (already known, unchanged); offices() after the units
// that offices name; progress() per
// progress file, after every inspection; then finish(). Destroyed before finish(),
// it rolls everything back.
class ImportSession {
 public:
  virtual ~ImportSession() = default;
  virtual void definitions(const std::vector<import::CalendarPlan>& calendars,
                           const std::vector<model::Unit>& units) = 0;
  virtual void units(const std::vector<model::Unit>& units) = 0;
  // Stores each office by key (added, changed with an event per field, or unchanged).
  // Throws StorageError(data_error) for an office whose unit is not registered.
  virtual void offices(const std::vector<model::Office>& offices) = 0;
  virtual void inspection(const import::InspectionPlan& plan) = 0;
  virtual void progress(const std::vector<import::ProgressEntry>& entries) = 0;
  // Ends the import: commits, unless a dry run or a progress entry was refused (then
  // nothing is written). The outcome has no changes: each went to the session's sink.
  virtual ImportOutcome finish() = 0;
};

// What `import` needs of a store.
class ImportStore {
 public:
  virtual ~ImportStore() = default;

  // Begins an import (ImportSession): `sink` gets each change as it is made; an
  // empty `sink` keeps them in the outcome instead. Takes the write lock at once
  // (StorageError temp_fail when busy beyond the timeout).
  virtual std::unique_ptr<ImportSession> begin_import(const ImportOptions& options,
                                                      std::function<void(const Change&)> sink) = 0;
};

}  // namespace inspectrack::storage
