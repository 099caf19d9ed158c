#include "lifecycle.hpp"

#include <fmt/format.h>

#include "rows.hpp"
#include "schema.hpp"

namespace inspectrack::storage::detail {
model::ChangeContext change_context(SQLite::Database& db, const model::Task& task, model::Date as_of) {
  model::ChangeContext context;
  context.as_of = as_of;
  SQLite::Statement q(db, "SELECT coalesce(from_date, to_date, conclusion_date) FROM inspections WHERE key = :key");
  q.bind(":key", task.inspection);
  if (q.executeStep() && !q.getColumn(0).isNull()) {
    context.began = model::parse_date(q.getColumn(0).getString()).date;
  }
  SQLite::Statement notes(db,
                          "SELECT after FROM events WHERE task_id = :id AND action = 'note'"
                          " AND field = 'note' ORDER BY id");
  notes.bind(":id", task.id);
  while (notes.executeStep()) context.notes.push_back(text_of(notes.getColumn(0)));
  return context;
}

std::vector<std::string> write_change(SQLite::Database& db, const model::Task& before,
                                      const model::ChangeCheck& check,
                                      const model::TaskChange& change, const std::string& actor,
                                      const std::string& now) {
  const model::Task& after = check.after;
  SQLite::Statement update(db,
                           "UPDATE tasks SET status = :status, done_on = :done_on,"
                           " done_deadline = :done_deadline, verified_on = :verified_on,"
                           " last_day = :last_day, extensions = :extensions,"
                           " updated_at = :now WHERE id = :id");
  update.bind(":status", std::string(model::to_string(after.status)));
  bind_date(update, ":done_on", after.done_on);
  bind_date(update, ":done_deadline", after.done_deadline);
  bind_date(update, ":verified_on", after.verified_on);
  bind_date(update, ":last_day", after.last_day);
  update.bind(":extensions", after.extensions);
  update.bind(":now", now);
  update.bind(":id", before.id);
  update.exec();

  SQLite::Statement insert(db,
                           "INSERT INTO events (at, actor, action, entity, key, task_id, field,"
                           " before, after, effective) VALUES (:at, :actor, :action, 'task', :key, :task_id,"
                           " :field, :before, :after, :effective)");
  const std::string action(model::to_string(change.kind));
  const std::string key = before.full_key();
  std::vector<std::string> fields;
  const auto event = [&](const char* field, const std::string& old_value, const std::string& new_value) {
    insert.bind(":at", now);
    insert.bind(":actor", actor);
    insert.bind(":action", action);
    insert.bind(":key", key);
    insert.bind(":task_id", static_cast<std::int64_t>(before.id));
    insert.bind(":field", field);
    bind_text(insert, ":before", old_value);
    bind_text(insert, ":after", new_value);
    insert.bind(":effective", check.effective.iso());
    insert.exec();
    insert.reset();
  };
  const auto field = [&](const char* name, const std::string& old_value, const std::string& new_value) {
    if (old_value == new_value) return;
    fields.emplace_back(name);
    event(name, old_value, new_value);
  };
  field("status", std::string(model::to_string(before.status)), std::string(model::to_string(after.status)));
  field("done_on", iso_or_empty(before.done_on), iso_or_empty(after.done_on));
  field("verified_on", iso_or_empty(before.verified_on), iso_or_empty(after.verified_on));
  field("last_day", iso_or_empty(before.last_day), iso_or_empty(after.last_day));
  field("extensions", std::to_string(before.extensions), std::to_string(after.extensions));
  // What was said with the change, each as its own row.
  const char* text_field = nullptr;
  switch (change.kind) {
    case model::TaskChange::Kind::done: text_field = "evidence"; break;
    case model::TaskChange::Kind::extend:
    case model::TaskChange::Kind::cancel:
    case model::TaskChange::Kind::reopen: text_field = "reason"; break;
    case model::TaskChange::Kind::verify:
    case model::TaskChange::Kind::note: text_field = "note"; break;
  }
  if (!change.text.empty()) event(text_field, "", change.text);
  if (!change.approved_by.empty()) event("approved_by", "", change.approved_by);
  if (fields.empty() && change.text.empty()) event(text_field, "", "");
  return fields;
}

bool already_recorded(SQLite::Database& db, std::int64_t task_id, const model::TaskChange& change,
                      model::Date effective, std::int64_t recorded_until) {
  using Kind = model::TaskChange::Kind;
  const bool dated = change.kind == Kind::done || change.kind == Kind::verify || change.kind == Kind::extend;
  // One event row of the change carries its text (or the change's first field when
  // there is no text); rows of one change share at, action and effective.
  std::string sql =
      "SELECT 1 FROM events e WHERE e.task_id = :task_id AND e.action = :action"
      " AND e.id <= :until";
  if (dated) sql += " AND e.effective = :effective";
  if (!change.text.empty()) {
    sql += " AND e.field IN ('evidence', 'reason', 'note') AND e.after = :text";
  }
  sql += " LIMIT 1";
  SQLite::Statement q(db, sql);
  q.bind(":task_id", task_id);
  q.bind(":action", std::string(model::to_string(change.kind)));
  q.bind(":until", static_cast<std::int64_t>(recorded_until));
  if (dated) q.bind(":effective", effective.iso());
  if (!change.text.empty()) q.bind(":text", change.text);
  return q.executeStep();
}

std::optional<model::Task> task_with_key(SQLite::Database& db, const std::string& key) {
  const auto parts = model::parse_task_key(key);
  if (!parts) return std::nullopt;
  SQLite::Statement q(db, std::string(task_select_sql()) +
                              " WHERE i.key = :inspection AND t.key = :task AND a.key = :assignee"
                              " AND t.period = :period");
  q.bind(":inspection", parts->inspection);
  q.bind(":task", parts->task);
  q.bind(":assignee", parts->assignee);
  q.bind(":period", parts->period);
  if (!q.executeStep()) return std::nullopt;
  return read_task(q);
}

}  // namespace inspectrack::storage::detail
