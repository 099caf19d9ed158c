#pragma once
// The embedded SQLite backend (SPEC §7): foreign keys on, WAL, a busy timeout,
// writes in BEGIN IMMEDIATE transactions, a versioned schema that migrates forward.

#include <memory>
#include <string>

#include "inspectrack/storage/store.hpp"
#include "inspectrack/text/lang.hpp"

namespace inspectrack::storage {

enum class OpenMode {
  read_only,  // the file must exist (else StorageError, ExitCode::no_input, naming the path)
  read_write, // the file and its parent directories are created when missing
  update,     // read_write on a file that must exist (else as read_only): for commands
              // that change what is there, so that a mistyped path is not a new database
  scratch,    // a private copy in memory of the file, which must exist (as read_only),
              // upgraded to the current schema: what is written goes to the copy, never
              // to the file (import --dry-run)
};

struct OpenOptions {
  OpenMode mode = OpenMode::read_only;
  int busy_timeout_ms = 10'000;  // how long to wait for another process's write lock
  // The permission bits of a file this store creates (a new database, a backup); the
  // process umask does not narrow them. -wal and -shm files take the database's.
  unsigned file_mode = 0600;
  text::Lang lang = text::Lang::en;  // of error messages and import refusals
};

// Opens (and, read_write, creates or migrates) the database at `path` (":memory:"
// for tests). A database whose schema version is newer than this program knows is
// refused with StorageError(ExitCode::no_input) and left untouched. Busy beyond the
// timeout throws StorageError with ExitCode::temp_fail; other SQLite failures
// ExitCode::io_error.
std::unique_ptr<Store> open_sqlite(const std::string& path, const OpenOptions& options);

// The schema version this program writes.
int current_schema_version();

}  // namespace inspectrack::storage
