#pragma once
// One entry of the history (nhật ký): every change to a stored row leaves one.

#include <cstdint>
#include <string>
#include <string_view>

#include "inspectrack/text/message.hpp"

namespace inspectrack::model {

struct Event {
  std::int64_t id = 0;
  std::string at;        // UTC, ISO 8601 with seconds: 2021-07-21T08:30:00Z
  std::string actor;     // --by, else $USER
  std::string action;    // "import", "update", "prune", "repeat", "done", "extend", "cancel",
                         // "reopen", "verify", "note"
  std::string entity;    // "unit", "inspection", "finding", "task"
  std::string key;       // the entity's key (a task's full key)
  std::int64_t task_id = 0;  // 0 when the event is not about a task
  std::string field;     // the changed field for "update"; "" otherwise
  std::string before;    // old value as text; "" when none
  std::string after;     // new value as text; "" when none
  std::string effective; // a task change: the day it takes effect (ISO); "" otherwise
};

// What an entry is about ("unit", "task"…) in words; an unknown one as stored.
text::Message entity_words(std::string_view entity);
// An entry's action ("import", "done"…) in words, as a change of the history; an
// unknown one as stored.
text::Message event_action_words(std::string_view action);
// A changed field ("status", "last_day"…) under the heading its column has in the
// reports; an unknown one as stored.
text::Message event_field_words(std::string_view field);

}  // namespace inspectrack::model
