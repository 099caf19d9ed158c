#include "import_writer.hpp"

#include <fmt/format.h>

#include <utility>

#include "inspectrack/error.hpp"
#include "inspectrack/text/message.hpp"
#include "rows.hpp"

namespace inspectrack::storage::detail {

Field field(const char* name, std::string text) {
  Field f{name, std::move(text), {}};
  f.identity = f.text;
  return f;
}

std::vector<std::size_t> changed(const Fields& before, const Fields& after) {
  std::vector<std::size_t> out;
  for (std::size_t n = 0; n < before.size(); ++n) {
    if (before[n].identity != after[n].identity) out.push_back(n);
  }
  return out;
}

std::string insert_sql(std::string_view table, std::initializer_list<const char*> keys,
                       std::span<const char* const> values) {
  std::string columns;
  std::string names;
  const auto add = [&](const char* column) {
    columns += fmt::format("{}{}", columns.empty() ? "" : ", ", column);
    names += fmt::format("{}:{}", names.empty() ? "" : ", ", column);
  };
  for (const char* column : keys) add(column);
  for (const char* column : values) add(column);
  return fmt::format("INSERT INTO {} ({}) VALUES ({})", table, columns, names);
}

std::string update_sql(std::string_view table, std::span<const char* const> values) {
  std::string sets;
  for (const char* column : values) sets += fmt::format("{}{} = :{}", sets.empty() ? "" : ", ", column, column);
  return fmt::format("UPDATE {} SET {} WHERE id = :id", table, sets);
}

// Statements are prepared once per import and run many times.
void exec_reset(SQLite::Statement& q) {
  q.exec();
  q.reset();
}

ImportContext::ImportContext(SQLite::Database& db, const ImportOptions& options,
                             std::function<void(const Change&)> sink)
    : db_(db),
      options_(options),
      sink_(std::move(sink)),
      event_insert_(db,
                    "INSERT INTO events (at, actor, action, entity, key, task_id, field,"
                    " before, after) VALUES (:at, :actor, :action, :entity, :key, :task_id,"
                    " :field, :before, :after)") {
  SQLite::Statement q(db, "SELECT key, id FROM units");
  while (q.executeStep()) unit_ids_.emplace(q.getColumn(0).getString(), q.getColumn(1).getInt64());
}

void ImportContext::emit(Change change) {
  if (sink_) {
    sink_(change);
  } else {
    outcome_.changes.push_back(std::move(change));
  }
}

void ImportContext::event(const char* action, const char* entity, const std::string& key,
                          std::optional<std::int64_t> task_id, const std::string& field,
                          const std::string& before, const std::string& after) {
  event_insert_.bind(":at", options_.now);
  event_insert_.bind(":actor", options_.actor);
  event_insert_.bind(":action", action);
  event_insert_.bind(":entity", entity);
  event_insert_.bind(":key", key);
  bind_int(event_insert_, ":task_id", task_id);
  bind_text(event_insert_, ":field", field);
  bind_text(event_insert_, ":before", before);
  bind_text(event_insert_, ":after", after);
  exec_reset(event_insert_);
}

void ImportContext::record_update(Change& change, const char* entity, const std::string& key,
                                  std::optional<std::int64_t> task_id, const Fields& before,
                                  const Fields& after, const std::vector<std::size_t>& diff) {
  change.kind = Change::Kind::changed;
  for (const auto n : diff) {
    change.fields.emplace_back(after[n].name);
    event("update", entity, key, task_id, after[n].name, before[n].text, after[n].text);
  }
}

std::int64_t ImportContext::unit_id(const std::string& key) const {
  const auto it = unit_ids_.find(key);
  if (it == unit_ids_.end()) {
    throw StorageError(text::Message("unit '{0}' is not registered", key), ExitCode::data_error);
  }
  return it->second;
}

std::optional<std::int64_t> ImportContext::unit_id(const std::optional<std::string>& key) const {
  if (!key) return std::nullopt;
  return unit_id(*key);
}

}  // namespace inspectrack::storage::detail
