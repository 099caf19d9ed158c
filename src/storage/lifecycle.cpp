#include "lifecycle.hpp"

#include <fmt/format.h>

#include "rows.hpp"
#include "schema.hpp"

namespace inspectrack::storage::detail {
model::ChangeContext change_context(SQLite::Database& db, const model::Task& task, model::Date as_of) {
  model::ChangeContext context;
  context.as_of = as_of;
  SQLite::Statement q(db, "SELECT coalesce(from_date, to_date, conclusion_date) FROM inspections WHERE key = ?");
  q.bind(1, task.inspection);
  if (q.executeStep() && !q.getColumn(0).isNull()) {
    context.began = model::parse_date(q.getColumn(0).getString()).date;
  }
  SQLite::Statement notes(db,
                          "SELECT after FROM events WHERE task_id = ? AND action = 'note'"
                          " AND field = 'note' ORDER BY id");
  notes.bind(1, task.id);
  while (notes.executeStep()) context.notes.push_back(text_of(notes.getColumn(0)));
  return context;
}

std::vector<std::string> write_change(SQLite::Database& db, const model::Task& before,
                                      const model::ChangeCheck& check,
                                      const model::TaskChange& change, const std::string& actor,
                                      const std::string& now) {
  const model::Task& after = check.after;
  SQLite::Statement update(db,
                           "UPDATE tasks SET status = ?, done_on = ?, done_deadline = ?,"
                           " verified_on = ?, last_day = ?, extensions = ?, updated_at = ?"
                           " WHERE id = ?");
  update.bind(1, std::string(model::to_string(after.status)));
  bind_date(update, 2, after.done_on);
  bind_date(update, 3, after.done_deadline);
  bind_date(update, 4, after.verified_on);
  bind_date(update, 5, after.last_day);
  update.bind(6, after.extensions);
  update.bind(7, now);
  update.bind(8, before.id);
  update.exec();

  SQLite::Statement insert(db,
                           "INSERT INTO events (at, actor, action, entity, key, task_id, field,"
                           " before, after, effective) VALUES (?, ?, ?, 'task', ?, ?, ?, ?, ?, ?)");
  const std::string action(model::to_string(change.kind));
  const std::string key = before.full_key();
  std::vector<std::string> fields;
  const auto event = [&](const char* field, const std::string& old_value, const std::string& new_value) {
    insert.bind(1, now);
    insert.bind(2, actor);
    insert.bind(3, action);
    insert.bind(4, key);
    insert.bind(5, static_cast<std::int64_t>(before.id));
    insert.bind(6, field);
    bind_text(insert, 7, old_value);
    bind_text(insert, 8, new_value);
    insert.bind(9, check.effective.iso());
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
      "SELECT 1 FROM events e WHERE e.task_id = ? AND e.action = ? AND e.id <= :until";
  if (dated) sql += " AND e.effective = :effective";
  if (!change.text.empty()) {
    sql += " AND e.field IN ('evidence', 'reason', 'note') AND e.after = :text";
  }
  sql += " LIMIT 1";
  SQLite::Statement q(db, sql);
  q.bind(1, task_id);
  q.bind(2, std::string(model::to_string(change.kind)));
  q.bind(":until", static_cast<std::int64_t>(recorded_until));
  if (dated) q.bind(":effective", effective.iso());
  if (!change.text.empty()) q.bind(":text", change.text);
  return q.executeStep();
}

std::optional<model::Task> task_with_key(SQLite::Database& db, const std::string& key) {
  const auto parts = model::parse_task_key(key);
  if (!parts) return std::nullopt;
  SQLite::Statement q(db, std::string(task_select_sql()) +
                              " WHERE i.key = ? AND t.key = ? AND a.key = ? AND t.period = ?");
  q.bind(1, parts->inspection);
  q.bind(2, parts->task);
  q.bind(3, parts->assignee);
  q.bind(4, parts->period);
  if (!q.executeStep()) return std::nullopt;
  return read_task(q);
}

}  // namespace inspectrack::storage::detail
