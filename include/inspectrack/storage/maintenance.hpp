#pragma once
// Looking after the database: its checks, a backup, its schema version.

#include <cstdint>
#include <string>
#include <vector>

#include "inspectrack/text/message.hpp"

namespace inspectrack::storage {

// One check of `inspectrack check`: SQLite's own, or one of the tool's invariants.
struct CheckResult {
  std::string name;                   // stable: "integrity", "foreign_keys", "task_status", …
  text::Message description;          // what it checks
  std::int64_t count = 0;             // problems found; 0 when it passed
  std::vector<std::string> problems;  // the first ones, one line each (at most 20)
};

// What `check` and `backup` need of a store, and whether it is at an older schema.
class Maintenance {
 public:
  virtual ~Maintenance() = default;

  // True when the database is at an older schema version than this program writes:
  // reports read it as it is, and the first change a writing command commits upgrades
  // it. What a report would have to write there (occurrences come due) it makes in a
  // scratch copy instead (OpenMode::scratch).
  virtual bool older_schema() = 0;

  // Runs every check, reading only: SQLite's integrity and foreign-key checks, then the
  // tool's invariants (see storage/check.cpp), in a fixed order.
  virtual std::vector<CheckResult> check() = 0;
  // Copies the database to `path` with SQLite's online backup API (others may write
  // meanwhile: the copy is one consistent state), creating it with mode 0600, then
  // checks the copy's integrity. Throws StorageError(cant_create) when `path` exists
  // (nothing is overwritten) or cannot be written, and removes a partial copy.
  virtual void backup(const std::string& path) = 0;
};

}  // namespace inspectrack::storage
