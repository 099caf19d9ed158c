#include "inspectrack/storage/store.hpp"

#include <algorithm>

namespace inspectrack::storage {

int ImportOutcome::count(Change::Kind kind) const {
  return static_cast<int>(std::count_if(changes.begin(), changes.end(),
                                        [kind](const Change& c) { return c.kind == kind; }));
}

}  // namespace inspectrack::storage
