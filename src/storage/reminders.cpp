#include "reminders.hpp"

#include <map>

#include "rows.hpp"

namespace inspectrack::storage::detail {

std::vector<model::Reminder> read_reminders(SQLite::Database& db, model::Date from,
                                            const std::optional<std::string>& unit) {
  std::vector<model::Reminder> out;
  std::map<std::int64_t, std::size_t> index;
  {
    SQLite::Statement q(db, std::string("SELECT ") + kReminderColumns + " WHERE r.day >= :from" +
                                (unit ? " AND u.key = :unit" : "") + " ORDER BY r.id");
    q.bind(":from", from.iso());
    if (unit) q.bind(":unit", *unit);
    while (q.executeStep()) {
      index[q.getColumn(0).getInt64()] = out.size();
      out.push_back(read_reminder(q));
    }
  }
  if (out.empty()) return out;
  SQLite::Statement q(db, std::string("SELECT ") + kRemindedTaskColumns +
                              " WHERE reminder_id >= ? ORDER BY reminder_id, rowid");
  q.bind(1, out.front().id);
  while (q.executeStep()) {
    const auto found = index.find(q.getColumn(0).getInt64());
    if (found != index.end()) out[found->second].tasks.push_back(read_reminded_task(q, 1));
  }
  return out;
}

std::optional<std::int64_t> insert_reminder(SQLite::Database& db, const model::Reminder& reminder) {
  SQLite::Statement unit(db, "SELECT id FROM units WHERE key = ?");
  unit.bind(1, reminder.unit);
  if (!unit.executeStep()) return std::nullopt;
  const std::int64_t unit_id = unit.getColumn(0).getInt64();

  SQLite::Statement q(db,
                      "INSERT INTO reminders (unit_id, day, sent_at, status, transport, target,"
                      " message_id, to_addrs, cc_addrs, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, unit_id);
  q.bind(2, reminder.day.iso());
  q.bind(3, reminder.sent_at);
  q.bind(4, std::string(model::to_string(reminder.status)));
  q.bind(5, reminder.transport);
  q.bind(6, reminder.target);
  q.bind(7, reminder.message_id);
  q.bind(8, join(reminder.to, ", "));
  bind_text(q, 9, join(reminder.cc, ", "));
  q.bind(10, reminder.actor);
  q.exec();
  const std::int64_t id = db.getLastInsertRowid();

  SQLite::Statement t(db,
                      "INSERT INTO reminder_tasks (reminder_id, task_id, task_key, state, last_day,"
                      " days_late, escalated) VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (const auto& task : reminder.tasks) {
    t.bind(1, id);
    bind_id(t, 2, task.task_id);
    t.bind(3, task.task_key);
    t.bind(4, task.overdue ? "overdue" : "due");
    t.bind(5, task.last_day.iso());
    t.bind(6, task.days_late);
    t.bind(7, task.escalated ? 1 : 0);
    t.exec();
    t.reset();
  }
  return id;
}

void mark_reminder_sent(SQLite::Database& db, std::int64_t id, const std::string& sent_at) {
  SQLite::Statement q(db, "UPDATE reminders SET status = 'sent', sent_at = ? WHERE id = ?");
  q.bind(1, sent_at);
  q.bind(2, id);
  q.exec();
}

void delete_reminder(SQLite::Database& db, std::int64_t id) {
  // Its tasks first, by hand: the cascade of the foreign key does not run while an
  // upgrade is pending (foreign keys are off then).
  for (const char* sql : {"DELETE FROM reminder_tasks WHERE reminder_id = ?", "DELETE FROM reminders WHERE id = ?"}) {
    SQLite::Statement q(db, sql);
    q.bind(1, id);
    q.exec();
  }
}

}  // namespace inspectrack::storage::detail
