#include "reminders.hpp"

#include <functional>
#include <map>

#include "rows.hpp"
#include "schema.hpp"

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
                                " WHERE reminder_id = :id ORDER BY rowid");
    for (auto& reminder : out) {
      q.bind(":id", reminder.id);
      while (q.executeStep()) reminder.tasks.push_back(read_reminded_task(q, 1));
      q.reset();
    }
    return out;
  }
  SQLite::Statement q(db, std::string("SELECT ") + kRemindedTaskColumns +
                              " WHERE reminder_id >= :first ORDER BY reminder_id, rowid");
  q.bind(":first", out.front().id);
  while (q.executeStep()) {
    const auto found = index.find(q.getColumn(0).getInt64());
    if (found != index.end()) out[found->second].tasks.push_back(read_reminded_task(q, 1));
  }
  return out;
}

// reminder_tasks.state.
const char* state_name(model::RemindedTask::State state) {
  switch (state) {
    case model::RemindedTask::State::overdue: return "overdue";
    case model::RemindedTask::State::due: return "due";
    case model::RemindedTask::State::undated: return "undated";
  }
  return "due";
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

std::vector<UndatedOpen> read_undated_open(SQLite::Database& db, const std::optional<std::string>& unit) {
  // `status = 'open'` and `last_day IS NULL` as the partial index tasks_open_last_day
  // reads them; date() of created_at, a UTC timestamp, is its day.
  std::string sql(task_select_sql());
  sql += " WHERE t.status = 'open' AND t.last_day IS NULL AND (t.repeat_every IS NULL OR t.period <> '')";
  if (unit) sql += " AND a.key = :unit";
  sql += " ORDER BY a.key, i.key, t.key, t.period";
  const std::size_t from = sql.find(" FROM tasks t");
  sql.insert(from, ", coalesce(i.conclusion_date, date(t.created_at))");
  SQLite::Statement q(db, sql);
  if (unit) q.bind(":unit", *unit);
  std::vector<UndatedOpen> out;
  while (q.executeStep()) {
    UndatedOpen u{read_task(q), *date_of(q.getColumn(q.getColumnCount() - 1))};
    out.push_back(std::move(u));
  }
  return out;
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
  SQLite::Statement unit(db, "SELECT id FROM units WHERE key = :key");
  unit.bind(":key", reminder.unit);
  if (!unit.executeStep()) return std::nullopt;
  const std::int64_t unit_id = unit.getColumn(0).getInt64();

  SQLite::Statement q(db, version >= 5
                              ? "INSERT INTO reminders (unit_id, day, sent_at, status, transport, target,"
                                " message_id, to_addrs, cc_addrs, actor, claimant, message)"
                                " VALUES (:unit_id, :day, :sent_at, :status, :transport, :target, :message_id,"
                                " :to, :cc, :actor, :claimant, :message)"
                              : "INSERT INTO reminders (unit_id, day, sent_at, status, transport, target,"
                                " message_id, to_addrs, cc_addrs, actor) VALUES (:unit_id, :day, :sent_at, :status,"
                                " :transport, :target, :message_id, :to, :cc, :actor)");
  q.bind(":unit_id", unit_id);
  q.bind(":day", reminder.day.iso());
  q.bind(":sent_at", reminder.sent_at);
  q.bind(":status", std::string(model::to_string(reminder.status)));
  q.bind(":transport", reminder.transport);
  q.bind(":target", reminder.target);
  q.bind(":message_id", reminder.message_id);
  q.bind(":to", join(reminder.to, ", "));
  bind_text(q, ":cc", join(reminder.cc, ", "));
  q.bind(":actor", reminder.actor);
  if (version >= 5) {
    bind_text(q, ":claimant", reminder.claimant ? std::optional(model::to_string(*reminder.claimant)) : std::nullopt);
    bind_text(q, ":message", reminder.message);
  }
  q.exec();
  const std::int64_t id = db.getLastInsertRowid();

  SQLite::Statement t(db,
                      "INSERT INTO reminder_tasks (reminder_id, task_id, task_key, state, last_day,"
                      " days_late, escalated) VALUES (:reminder_id, :task_id, :task_key, :state, :last_day,"
                      " :days_late, :escalated)");
  for (const auto& task : reminder.tasks) {
    t.bind(":reminder_id", id);
    bind_int(t, ":task_id", task.task_id);
    t.bind(":task_key", task.task_key);
    t.bind(":state", state_name(task.state));
    bind_text(t, ":last_day", task.last_day ? std::optional(task.last_day->iso()) : std::nullopt);
    t.bind(":days_late", task.days_late);
    t.bind(":escalated", task.escalated ? 1 : 0);
    t.exec();
    t.reset();
  }
  return id;
}

void mark_reminder_sent(SQLite::Database& db, int version, std::int64_t id, const std::string& sent_at) {
  // Delivered: the kept copy of the message is not needed any more, and the table
  // does not grow by a message a day per unit.
  SQLite::Statement q(db, version >= 5 ? "UPDATE reminders SET status = 'sent', sent_at = :sent_at,"
                                         " claimant = NULL, message = NULL WHERE id = :id"
                                       : "UPDATE reminders SET status = 'sent', sent_at = :sent_at"
                                         " WHERE id = :id");
  q.bind(":sent_at", sent_at);
  q.bind(":id", id);
  q.exec();
}

void set_claimant(SQLite::Database& db, std::int64_t id, const std::optional<model::Claimant>& claimant) {
  SQLite::Statement q(db, "UPDATE reminders SET claimant = :claimant WHERE id = :id");
  bind_text(q, ":claimant", claimant ? std::optional(model::to_string(*claimant)) : std::nullopt);
  q.bind(":id", id);
  q.exec();
}

void set_delivery(SQLite::Database& db, std::int64_t id, const std::string& transport,
                  const std::string& target) {
  SQLite::Statement q(db, "UPDATE reminders SET transport = :transport, target = :target WHERE id = :id");
  q.bind(":transport", transport);
  q.bind(":target", target);
  q.bind(":id", id);
  q.exec();
}

void delete_reminder(SQLite::Database& db, std::int64_t id) {
  // Its tasks first, by hand: the cascade of the foreign key does not run while an
  // upgrade is pending (foreign keys are off then).
  for (const char* sql : {"DELETE FROM reminder_tasks WHERE reminder_id = :id", "DELETE FROM reminders WHERE id = :id"}) {
    SQLite::Statement q(db, sql);
    q.bind(":id", id);
    q.exec();
  }
}

}  // namespace inspectrack::storage::detail
