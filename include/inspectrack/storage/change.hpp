#pragma once
// What a write did to one stored entity: a line of an import's report, or an
// occurrence of a recurring task made.

#include <string>
#include <vector>

namespace inspectrack::storage {

// One line of an import's report.
struct Change {
  enum class Kind { added, changed, unchanged, missing, pruned };
  Kind kind = Kind::unchanged;
  std::string entity;               // "calendar", "unit", "inspection", "finding", "task"
  std::string key;                  // the entity's key (a task's full key)
  std::vector<std::string> fields;  // Kind::changed: the fields that changed
};

}  // namespace inspectrack::storage
