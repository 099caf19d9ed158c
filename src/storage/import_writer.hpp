#pragma once
// What the writers of one import share: the connection and options, the history
// they write to, the registered units, and where their changes go. Each writer
// (import_units.hpp, import_inspections.hpp, import_tasks.hpp, …) owns the
// statements of the rows it writes.

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "inspectrack/storage/store.hpp"

namespace inspectrack::storage::detail {

// One compared field of a row: its name in the history, its value as the history
// shows it (dates ISO, "" for none), and what decides whether it changed.
struct Field {
  const char* name;
  std::string text;
  std::string identity;
};
using Fields = std::vector<Field>;

// A field whose identity is its text.
Field field(const char* name, std::string text);
// Indexes of the fields whose identity differs.
std::vector<std::size_t> changed(const Fields& before, const Fields& after);

// A writer's insert into `table`: its `keys` columns, then its `values` ones, each
// bound by its name (":key").
std::string insert_sql(std::string_view table, std::initializer_list<const char*> keys,
                       std::span<const char* const> values);
// A writer's update of the row :id of `table`: its `values` columns, bound by name.
std::string update_sql(std::string_view table, std::span<const char* const> values);

// Runs a prepared statement once and makes it ready for the next values.
void exec_reset(SQLite::Statement& q);

class ImportContext {
 public:
  // An empty `sink` keeps the changes in the outcome (finish()).
  ImportContext(SQLite::Database& db, const ImportOptions& options,
                std::function<void(const Change&)> sink);

  SQLite::Database& db() { return db_; }
  const ImportOptions& options() const { return options_; }
  // Warnings, refusals and progress errors gathered so far.
  ImportOutcome& outcome() { return outcome_; }

  // Gives a change to the sink, or keeps it in the outcome.
  void emit(Change change);
  // The outcome, with the changes kept; the context is spent.
  ImportOutcome finish() { return std::move(outcome_); }

  // Records one row of the history (events) at options().now by options().actor.
  void event(const char* action, const char* entity, const std::string& key,
             std::optional<std::int64_t> task_id, const std::string& field,
             const std::string& before, const std::string& after);
  // Marks `change` changed, with an "update" event per field of `diff`.
  void record_update(Change& change, const char* entity, const std::string& key,
                     std::optional<std::int64_t> task_id, const Fields& before,
                     const Fields& after, const std::vector<std::size_t>& diff);

  // The id of a registered unit; throws StorageError(data_error) when there is none.
  std::int64_t unit_id(const std::string& key) const;
  std::optional<std::int64_t> unit_id(const std::optional<std::string>& key) const;
  void add_unit(const std::string& key, std::int64_t id) { unit_ids_[key] = id; }

  std::int64_t last_insert_id() const { return db_.getLastInsertRowid(); }

 private:
  SQLite::Database& db_;
  const ImportOptions& options_;
  ImportOutcome outcome_;
  std::function<void(const Change&)> sink_;
  std::unordered_map<std::string, std::int64_t> unit_ids_;
  SQLite::Statement event_insert_;
};

}  // namespace inspectrack::storage::detail
