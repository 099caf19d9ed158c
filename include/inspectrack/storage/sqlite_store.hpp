#pragma once
// The embedded SQLite backend: foreign keys on, WAL, a busy timeout,
// writes in BEGIN IMMEDIATE transactions, a versioned schema that migrates forward.
// Opening never writes: a migration, the schema of a new database and the switch to
// WAL are written with a command's first change, or not at all.

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "inspectrack/storage/store.hpp"

namespace inspectrack::storage {

// A comparison of two UTF-8 texts: negative, zero or positive.
using NameOrder = std::function<int(std::string_view, std::string_view)>;

enum class OpenMode {
  read_only,  // the file must exist (else StorageError, ExitCode::no_input, naming the path)
              // and hold a database: a 0-byte file is refused as empty (no_input)
  read_write, // the file and its parent directories are created when missing; an
              // existing 0-byte file becomes a database (import)
  update,     // read_write on a database that must exist (else as read_only): for
              // commands that change what is there, so that a mistyped path is not a
              // new database
  scratch,    // a private copy in memory of the file, which must exist (as read_only;
              // a 0-byte file is copied as an empty database), upgraded to the current
              // schema: what is written goes to the copy, never to the file (import
              // --dry-run, a report on an older database)
};

struct OpenOptions {
  OpenMode mode = OpenMode::read_only;
  int busy_timeout_ms = 10'000;  // how long to wait for another process's write lock
  // The permission bits of a file this store creates (a new database, a backup); the
  // process umask does not narrow them. -wal and -shm files take the database's.
  unsigned file_mode = 0600;
  // How the names of units compare where a query orders by them (TaskSort::unit,
  // units(), group_names()): negative, zero or positive, as memcmp. The caller
  // chooses it (a language's collation); empty: by bytes. Called by SQLite as the
  // collation `name_order`, so it must be a total order that does not change while
  // the store is open. Only its first call may throw (a library that cannot be
  // loaded): the store makes it before a query that orders by names, outside SQLite.
  NameOrder name_order;
};

// Opens the database at `path`, always a plain file path: a name SQLite would read as
// a URI ("file:…") or a special name (":memory:") is the file of that name. Opening
// writes nothing (SQLite may still roll back the hot -journal of a writer that
// stopped halfway). A database older than the current schema — or new, or a 0-byte
// file — opened for writing is migrated inside a write transaction taken at once
// and left uncommitted: the first write method that changes something commits the
// migration with its change; the store rolls it back when destroyed without one, and
// removes a file it created itself. A database not in WAL mode is switched to it after
// its first commit. A database whose schema version is newer than this program knows,
// or that is not ours, is refused with StorageError(ExitCode::no_input) and left
// untouched. Busy beyond the timeout throws StorageError with ExitCode::temp_fail;
// other SQLite failures ExitCode::io_error.
std::unique_ptr<Store> open_sqlite(const std::string& path, const OpenOptions& options);

// A new, private database in memory at the current schema (options.mode is ignored):
// for tests, and for a dry run against no database. Nothing reaches a file.
std::unique_ptr<Store> open_memory(const OpenOptions& options);

// The schema version this program writes.
int current_schema_version();

}  // namespace inspectrack::storage
