#pragma once
// Looking after the database file: check and backup. Both only read the database;
// backup writes a new file.

#include <string>
#include <vector>

#include "inspectrack/storage/maintenance.hpp"

namespace inspectrack::app {

// What `check` found: every check, in a fixed order, and whether all passed.
struct CheckReport {
  std::vector<storage::CheckResult> checks;
  bool clean = true;  // no check found a problem
};

// Runs every check of the store, reading only.
CheckReport check(storage::Maintenance& store);

// Copies the database to `path` (a new file, mode 0600) and checks the copy's
// integrity. Throws StorageError(cant_create) when `path` exists or cannot be written.
void backup(storage::Maintenance& store, const std::string& path);

}  // namespace inspectrack::app
