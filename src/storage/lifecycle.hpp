#pragma once
// Task changes (done, extend, cancel, reopen, verify, note) written to the tables:
// the lifecycle columns of the task and one event per changed field. Private to the
// storage module; the rules themselves are model::check_change.

#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <string>
#include <vector>

#include "inspectrack/model/lifecycle.hpp"
#include "inspectrack/model/task.hpp"

namespace inspectrack::storage::detail {

// The context check_change needs for a stored task: when its inspection began and
// the notes it already has.
model::ChangeContext change_context(SQLite::Database& db, const model::Task& task, model::Date as_of);

// Writes an applied change: the task's lifecycle columns and the events (who, when,
// effective day, before → after for each field, and the evidence, reason, approver or
// note as their own rows). Returns the names of the fields that changed.
std::vector<std::string> write_change(SQLite::Database& db, const model::Task& before,
                                      const model::ChangeCheck& check,
                                      const model::TaskChange& change, const std::string& actor,
                                      const std::string& now);

// True when the task's history already holds this change: the same action and what
// was said with it, and for done, verify and extend the same effective day. Importing
// a progress file again thus changes nothing, even when later entries moved the task
// on (an extension to 5/8 followed by one to 20/8).
// Only events with ids up to `recorded_until` count.
bool already_recorded(SQLite::Database& db, std::int64_t task_id, const model::TaskChange& change,
                      model::Date effective, std::int64_t recorded_until);

// The task with this full key (INSPECTION/TASK@UNIT[#PERIOD]) exactly; nullopt when none.
std::optional<model::Task> task_with_key(SQLite::Database& db, const std::string& key);

}  // namespace inspectrack::storage::detail
