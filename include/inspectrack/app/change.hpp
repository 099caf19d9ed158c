#pragma once
// The task changes: done, extend, cancel, reopen, verify, note. Finding the task an
// ID names, then making the change in one write transaction; the rules are
// model::check_change, the writing is storage's.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "inspectrack/model/lifecycle.hpp"
#include "inspectrack/model/task.hpp"
#include "inspectrack/storage/store.hpp"

namespace inspectrack::app {

// The task an ID names: its short integer id, else its full key
// INSPECTION/TASK@UNIT[#PERIOD] or a prefix of keys that names only one task.
std::optional<model::Task> lookup_task(storage::Store& store, const std::string& id);

// Throws UsageError (64) when `id` is a prefix of two or more task keys: the message
// lists them (the first ten, then how many more). Does nothing otherwise.
void refuse_ambiguous(storage::ReportQueries& store, const std::string& id);

// True when `id` is a task id or has a task key's '/': what `show` tries as a task first.
bool looks_like_task(const std::string& id);

// The task `id` names (lookup_task), to be changed. Throws UsageError when it is an
// ambiguous prefix (refuse_ambiguous); InputError: 66 when it names none, 65 when it
// names a recurring task's rule (only its periods change); the message says what to
// give instead.
model::Task task_to_change(storage::Store& store, const std::string& id);

// A change to make: to the task task_to_change found (found first, so that a wrong
// ID is said before anything about who makes the change), recorded as `options` say.
struct ChangeRequest {
  model::Task task;
  model::TaskChange change;
  storage::ChangeOptions options;  // the as-of day, who, the time of the history
};

// What a change did to a task.
struct ChangeResult {
  model::ChangeCheck::Outcome outcome = model::ChangeCheck::Outcome::unchanged;  // apply or unchanged
  std::int64_t id = 0;
  std::string key;                  // the task's full key
  std::vector<std::string> fields;  // applied: the fields that changed
};

// Makes the change in one write transaction. Throws InputError (65) "KEY (ID): why"
// when the rules refuse it; writes nothing then.
ChangeResult change_task(storage::Store& store, const ChangeRequest& request);

}  // namespace inspectrack::app
