// What an import outcome says of its changes.

#include <doctest/doctest.h>

#include "inspectrack/storage/store.hpp"

using namespace inspectrack::storage;

TEST_CASE("ImportOutcome::count counts changes of one kind") {
  ImportOutcome o;
  o.changes = {{Change::Kind::added, "unit", "a", {}},
               {Change::Kind::added, "task", "b", {}},
               {Change::Kind::missing, "task", "c", {}}};
  CHECK(o.count(Change::Kind::added) == 2);
  CHECK(o.count(Change::Kind::missing) == 1);
  CHECK(o.count(Change::Kind::pruned) == 0);
}
