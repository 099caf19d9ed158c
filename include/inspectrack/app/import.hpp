#pragma once
// The import and validate use cases: YAML files in, resolved against the database,
// stored in one write transaction (all or nothing), or only checked.
//
// One path: the files are read on a second thread and go through the resolver into
// a staged import session (storage::ImportSession). Into an existing database each
// file is stored as it comes (import::Scope::as_read), so that memory holds a few
// files, never all of them. The whole set is taken in first (import::Scope::whole_set)
// when it must be: a new database (a refused import must not leave one behind),
// a default calendar named (it may be one the files define), a file that changes a
// unit or calendar after an inspection was stored (the import starts again), and
// validate.

#include <array>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "inspectrack/calendar/registry.hpp"
#include "inspectrack/import/diagnostic.hpp"
#include "inspectrack/import/source.hpp"
#include "inspectrack/model/date.hpp"
#include "inspectrack/storage/sqlite_store.hpp"
#include "inspectrack/storage/store.hpp"
#include "inspectrack/text/message.hpp"

namespace inspectrack::app {

// What an import needs from where it runs, asked for only when needed, so that its
// errors come in the order the command has always given them.
struct ImportServices {
  // Opens the database in `mode`; throws as storage::open_sqlite does.
  std::function<std::unique_ptr<storage::Store>(storage::OpenMode)> open_store;
  // The calendars known: the shipped one, then those of `store` (null: none). Throws
  // UsageError when the default calendar is none of them nor of `defined` (the keys of
  // the calendars the files define).
  std::function<calendar::CalendarRegistry(storage::Store* store, const std::vector<std::string>& defined)>
      calendars;
  // Who is recorded as making the changes; may throw UsageError.
  std::function<std::string()> actor;
};

struct ImportRequest {
  std::vector<std::string> files;  // in the order given; progress files apply last
  bool dry_run = false;            // everything is done, then rolled back
  bool prune = false;              // remove what a re-imported inspection no longer has
  std::string db_path;             // whether it exists decides the path; named in errors
  import::Limits limits;
  std::string calendar;            // for tasks that name none; "" for the shipped default
  model::Date as_of;               // progress is judged on it; occurrences are made from it
  std::string now;                 // UTC timestamp recorded in events
};

// How many changes of each kind, by storage::Change::Kind.
using ChangeCounts = std::array<std::size_t, 5>;

struct ImportResult {
  // Not empty: the import was refused and nothing was written.
  import::Diagnostics diagnostics;
  ChangeCounts counts{};
  // Changes to check (a re-imported task with progress), then --prune refusals.
  std::vector<text::Message> warnings;
};

// Where the changes of an import go as they are made: an import of a million tasks
// makes a million changes, which are not held.
class ChangeSink {
 public:
  virtual ~ChangeSink() = default;
  virtual void change(const storage::Change& change) = 0;
  // The changes given so far were rolled back and the import starts again from the
  // first file: forget them.
  virtual void restart() = 0;
};

// Imports request.files; each change goes to `sink` in the order storage makes it. A
// refused import (diagnostics) may have given changes to `sink` before it was
// refused: they were rolled back. Throws InputError (a file that cannot be read),
// StorageError (the database, busy; progress files with no database) and what the
// services throw.
ImportResult import_files(const ImportRequest& request, const ImportServices& services,
                          ChangeSink& sink);

struct ValidateResult {
  import::Diagnostics diagnostics;  // not empty: the files are not valid
  std::size_t calendars = 0, units = 0, inspections = 0;
  std::size_t tasks = 0;  // after fan-out, a recurring task's series once
  std::size_t progress = 0;  // progress entries
};

// Reads and resolves request.files as import_files() does, against the database when
// it exists (opened read-only), and writes nothing. Every problem is listed at once:
// those of each file and those of what it names. Progress entries are checked as
// import checks them (the task exists, its history allows the change on
// request.as_of), on a copy in memory of the database, when there is a database or
// the files bring inspections.
ValidateResult validate_files(const ImportRequest& request, const ImportServices& services);

}  // namespace inspectrack::app
