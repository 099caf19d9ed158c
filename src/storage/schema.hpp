#pragma once
// The SQL text of the storage module: the schema documented in schemas/database.sql,
// the steps that migrate older databases, and the task selections whose WHERE
// clauses must match the schema's partial index.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "inspectrack/storage/sqlite_store.hpp"
#include "inspectrack/storage/store.hpp"

struct sqlite3;
namespace SQLite {
class Database;
class Statement;
}

namespace inspectrack::storage::detail {

// 'INSP' in PRAGMA application_id marks a database as ours.
inline constexpr std::int32_t kApplicationId = 0x494E5350;

// The statements that create the current schema: schemas/database.sql, embedded at
// build time (comments included), ending with the application_id and user_version
// pragmas.
std::string_view schema_sql();

// One step of the migration: run on a database at version `to_version - 1`, it leaves
// the database at `to_version`. Every step an upgrade needs runs in one transaction,
// the one of the first change written after it, with foreign keys off.
struct Migration {
  int to_version = 0;
  std::string_view sql;
  // Run after `sql`, when set: what SQL text alone cannot do.
  void (*apply)(SQLite::Database& db) = nullptr;
};

// Every step, in order, from version 1 (the oldest released schema) to version 2 up
// to the current one: step i migrates version i+1 to i+2. The last step's version is
// current_schema_version().
std::span<const Migration> migrations();

// Brings `db`, inside the caller's transaction, from schema version `from` to the
// current one: an empty database (0) gets schema_sql(), an older one each step after
// its version. Steps may rebuild tables: foreign keys must be off.
void upgrade(SQLite::Database& db, int from);

// The oldest schema version the current code can read without migrating it: every
// step after it only adds tables that reports do not read (the reminders), rewrites
// constraints (version 4), adds columns that are read as NULL where they are missing
// (version 5), allows more values in the reminders' tasks (version 6) or adds the
// offices, read as none where the table is missing (version 7), so a report need not
// write to upgrade the file. Writing commands
// migrate it with their first change.
inline constexpr int kOldestReadableVersion = 2;

enum class TaskRange {
  all,          // every task
  overdue,      // open, last_day < :as_of
  due_between,  // open, last_day in [:from, :to]
};

// "SELECT … FROM tasks t JOIN …": the columns read_task() expects; callers add a
// WHERE clause on t, i (inspection), a (assignee) and r (report_to).
std::string_view task_select_sql();

// The collation that orders names (the store's OpenOptions::name_order), registered
// on every connection of a store.
inline constexpr const char* kNameOrder = "name_order";
// Registers kNameOrder on `handle`: `order`, or bytes when it is empty. SQLite keeps a
// copy and deletes it with the connection. Throws SQLite::Exception (out of memory).
void register_name_order(sqlite3* handle, const NameOrder& order);

// The whole selection for a report: task_select_sql(), the filter's conditions
// (parameters :unit, :inspection, :area, :report_to, :status, and :deadline_from,
// :deadline_to, :concluded_from, … of its ranges (ISO dates), bound only when the
// filter has them: bind_ranges), the range's (:as_of, or :from and :to) and filter.sort's order.
std::string task_query_sql(const TaskFilter& filter, TaskRange range);

// The tallies of TaskRange::all for a summary (columns: group row id, status,
// last_day, done_on, done_deadline), with the filter's conditions written so that no
// task is joined to its units or inspection: one scan of the table.
std::string task_tally_sql(Grouping by, const TaskFilter& filter);
// (group row id, count) of the findings a FindingFilter selects (parameters :unit,
// :inspection, :area and its ranges').
std::string finding_count_sql(Grouping by, const FindingFilter& filter);

// " AND `inspection_id` IN (the inspections in range)", or "" when neither range is
// given (parameters :concluded_from, :concluded_to, :dated_from, :dated_to).
std::string inspection_ranges_sql(std::string_view inspection_id, const DateRange& concluded,
                                  const DateRange& dated);

// Binds the parameters of the ranges the conditions above name.
void bind_ranges(SQLite::Statement& q, const DateRange& deadline, const DateRange& concluded,
                 const DateRange& dated);

// "SELECT 1 … LIMIT 1" with the same conditions as task_query_sql(): a row when any
// task is selected.
std::string task_exists_sql(const TaskFilter& filter, TaskRange range);

}  // namespace inspectrack::storage::detail
