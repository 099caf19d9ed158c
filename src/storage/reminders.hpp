#pragma once
// The reminders `remind` sent, in the tables reminders and reminder_tasks.

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "inspectrack/model/reminder.hpp"
#include "inspectrack/storage/reminder_store.hpp"

namespace inspectrack::storage::detail {

// Reminders whose day is on or after `from` (of one unit when `unit` is given), in
// the order they were recorded, with their tasks, in a database at schema `version`.
std::vector<model::Reminder> read_reminders(SQLite::Database& db, int version, model::Date from,
                                            const std::optional<std::string>& unit);

// The open tasks with no deadline, of one assignee when `unit` is given, each with the
// day it was set (ReminderStore::undated_open).
std::vector<UndatedOpen> read_undated_open(SQLite::Database& db, const std::optional<std::string>& unit);

// Reminders with status 'sending', of any day (of one unit when `unit` is given), in
// the order they were recorded, with their tasks.
std::vector<model::Reminder> read_sending(SQLite::Database& db, int version,
                                          const std::optional<std::string>& unit);

// The reminder with this id, with its tasks; nullopt when there is none.
std::optional<model::Reminder> read_reminder_by_id(SQLite::Database& db, int version, std::int64_t id);

// Inserts the reminder and its tasks (its claimant and message from version 5 on);
// returns its id. Nullopt when its unit is not in the database.
std::optional<std::int64_t> insert_reminder(SQLite::Database& db, int version,
                                            const model::Reminder& reminder);

// Status 'sent' at `sent_at`; from version 5 on without a claimant or a message.
void mark_reminder_sent(SQLite::Database& db, int version, std::int64_t id, const std::string& sent_at);

// The claimant of a 'sending' reminder (none: unconfirmed), and how it goes out.
void set_claimant(SQLite::Database& db, std::int64_t id, const std::optional<model::Claimant>& claimant);
void set_delivery(SQLite::Database& db, std::int64_t id, const std::string& transport,
                  const std::string& target);

// Removes the reminder and (by cascade) its tasks.
void delete_reminder(SQLite::Database& db, std::int64_t id);

}  // namespace inspectrack::storage::detail
