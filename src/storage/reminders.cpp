#include "reminders.hpp"

#include <functional>
#include <map>

#include "rows.hpp"

namespace inspectrack::storage::detail {
namespace {

// How the tasks of the reminders read are found: the rows of reminder_tasks from the
// first reminder's id on (reminders of recent days, whose ids are contiguous), or by
// each reminder's id (a few, scattered over the table's history).
enum class TaskLookup { from_first, each };

// The reminders `where` selects (a condition on r and u), in the order they were
// recorded, each with its tasks; `bind` binds the condition's parameters.
std::vector<model::Reminder> read_where(SQLite::Database& db, int version, const std::string& where,
                                        const std::function<void(SQLite::Statement&)>& bind,
                                        TaskLookup lookup = TaskLookup::from_first) {
  std::vector<model::Reminder> out;
  std::map<std::int64_t, std::size_t> index;
  {
    SQLite::Statement q(db, "SELECT " + reminder_columns(version) + " WHERE " + where + " ORDER BY r.id");
    bind(q);
    while (q.executeStep()) {
      index[q.getColumn(0).getInt64()] = out.size();
      out.push_back(read_reminder(q));
    }
  }
  if (out.empty()) return out;
  if (lookup == TaskLookup::each) {
    SQLite::Statement q(db, std::string("SELECT ") + kRemindedTaskColumns +
                                " WHERE reminder_id = ? ORDER BY rowid");
    for (auto& reminder : out) {
      q.bind(1, reminder.id);
      while (q.executeStep()) reminder.tasks.push_back(read_reminded_task(q, 1));
      q.reset();
    }
    return out;
  }
  SQLite::Statement q(db, std::string("SELECT ") + kRemindedTaskColumns +
                              " WHERE reminder_id >= ? ORDER BY reminder_id, rowid");
  q.bind(1, out.front().id);
  while (q.executeStep()) {
    const auto found = index.find(q.getColumn(0).getInt64());
    if (found != index.end()) out[found->second].tasks.push_back(read_reminded_task(q, 1));
  }
  return out;
}

}  // namespace

std::vector<model::Reminder> read_reminders(SQLite::Database& db, int version, model::Date from,
                                            const std::optional<std::string>& unit) {
  return read_where(db, version, std::string("r.day >= :from") + (unit ? " AND u.key = :unit" : ""),
                    [&](SQLite::Statement& q) {
                      q.bind(":from", from.iso());
                      if (unit) q.bind(":unit", *unit);
                    });
}

std::vector<model::Reminder> read_sending(SQLite::Database& db, int version,
                                          const std::optional<std::string>& unit) {
  // `status = 'sending'` as written in the partial index reminders_sending.
  return read_where(
      db, version, std::string("r.status = 'sending'") + (unit ? " AND u.key = :unit" : ""),
      [&](SQLite::Statement& q) {
        if (unit) q.bind(":unit", *unit);
      },
      TaskLookup::each);
}

std::optional<model::Reminder> read_reminder_by_id(SQLite::Database& db, int version, std::int64_t id) {
  auto found = read_where(db, version, "r.id = :id", [&](SQLite::Statement& q) { q.bind(":id", id); },
                          TaskLookup::each);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::optional<std::int64_t> insert_reminder(SQLite::Database& db, int version,
                                            const model::Reminder& reminder) {
  SQLite::Statement unit(db, "SELECT id FROM units WHERE key = ?");
  unit.bind(1, reminder.unit);
  if (!unit.executeStep()) return std::nullopt;
  const std::int64_t unit_id = unit.getColumn(0).getInt64();

  SQLite::Statement q(db, version >= 5
                              ? "INSERT INTO reminders (unit_id, day, sent_at, status, transport, target,"
                                " message_id, to_addrs, cc_addrs, actor, claimant, message)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                              : "INSERT INTO reminders (unit_id, day, sent_at, status, transport, target,"
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
  if (version >= 5) {
    bind_text(q, 11, reminder.claimant ? std::optional(model::to_string(*reminder.claimant)) : std::nullopt);
    bind_text(q, 12, reminder.message);
  }
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

void mark_reminder_sent(SQLite::Database& db, int version, std::int64_t id, const std::string& sent_at) {
  // Delivered: the kept copy of the message is not needed any more, and the table
  // does not grow by a message a day per unit.
  SQLite::Statement q(db, version >= 5 ? "UPDATE reminders SET status = 'sent', sent_at = ?,"
                                         " claimant = NULL, message = NULL WHERE id = ?"
                                       : "UPDATE reminders SET status = 'sent', sent_at = ? WHERE id = ?");
  q.bind(1, sent_at);
  q.bind(2, id);
  q.exec();
}

void set_claimant(SQLite::Database& db, std::int64_t id, const std::optional<model::Claimant>& claimant) {
  SQLite::Statement q(db, "UPDATE reminders SET claimant = ? WHERE id = ?");
  bind_text(q, 1, claimant ? std::optional(model::to_string(*claimant)) : std::nullopt);
  q.bind(2, id);
  q.exec();
}

void set_delivery(SQLite::Database& db, std::int64_t id, const std::string& transport,
                  const std::string& target) {
  SQLite::Statement q(db, "UPDATE reminders SET transport = ?, target = ? WHERE id = ?");
  q.bind(1, transport);
  q.bind(2, target);
  q.bind(3, id);
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
