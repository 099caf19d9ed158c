#pragma once
// The reminders `remind` sent, in the tables reminders and reminder_tasks.

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "inspectrack/model/reminder.hpp"

namespace inspectrack::storage::detail {

// Reminders whose day is on or after `from` (of one unit when `unit` is given), in
// the order they were recorded, with their tasks.
std::vector<model::Reminder> read_reminders(SQLite::Database& db, model::Date from,
                                            const std::optional<std::string>& unit);

// Inserts the reminder and its tasks; returns its id. Nullopt when its unit is not
// in the database.
std::optional<std::int64_t> insert_reminder(SQLite::Database& db, const model::Reminder& reminder);

void mark_reminder_sent(SQLite::Database& db, std::int64_t id, const std::string& sent_at);

// Removes the reminder and (by cascade) its tasks.
void delete_reminder(SQLite::Database& db, std::int64_t id);

}  // namespace inspectrack::storage::detail
