#pragma once
// The import of a resolved plan into the tables.

#include <SQLiteCpp/SQLiteCpp.h>

#include <functional>
#include <memory>
#include <vector>

#include "inspectrack/import/resolve.hpp"
#include "inspectrack/storage/store.hpp"

namespace inspectrack::storage::detail {

// The import in stages, inside the caller's write transaction (which commits, or
// rolls back for a dry run): definitions() once, then units() and inspection() as
// the files come, offices() after the units they name, progress() per progress file,
// finish(). Units first, parents before children; then per inspection: itself, its findings, its tasks, matched by
// key with what is stored; every add, change and prune leaves events. Status and
// done dates are never written. Each change is given to `sink` as it is made (none
// is kept); an empty `sink` keeps them in the outcome instead. Throws
// StorageError(data_error) when a plan names a unit that is not registered or a
// finding its inspection does not have, SQLite::Exception on database errors.
class StagedImport {
 public:
  StagedImport(SQLite::Database& db, const ImportOptions& options,
               std::function<void(const Change&)> sink);
  ~StagedImport();
  void definitions(const std::vector<import::CalendarPlan>& calendars, const std::vector<model::Unit>& units);
  void units(const std::vector<model::Unit>& units);
  void offices(const std::vector<model::Office>& offices);
  void inspection(const import::InspectionPlan& plan);
  void progress(const std::vector<import::ProgressEntry>& entries);
  ImportOutcome finish();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Whether a recurring task has an occurrence due by options.until not made yet.
bool occurrences_pending(SQLite::Database& db, const OccurrenceOptions& options);
// Makes them, inside the caller's write transaction.
std::vector<Change> make_occurrences(SQLite::Database& db, const OccurrenceOptions& options);

}  // namespace inspectrack::storage::detail
