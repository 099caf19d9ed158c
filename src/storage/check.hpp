#pragma once
// `inspectrack check`: SQLite's integrity and foreign-key checks and the invariants the
// tool keeps, each a query that lists what breaks it.

#include <SQLiteCpp/SQLiteCpp.h>

#include <string>
#include <vector>

#include "inspectrack/storage/maintenance.hpp"

namespace inspectrack::storage::detail {

// Every check, in order, on a database at schema version `version` (the reminder
// checks need 3). Reads only.
std::vector<CheckResult> run_checks(SQLite::Database& db, int version);

}  // namespace inspectrack::storage::detail
