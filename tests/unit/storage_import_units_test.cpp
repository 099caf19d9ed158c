// The units an import writes (src/storage/import_units.cpp), through the Store API.
#include <doctest/doctest.h>

#include "import_plan.hpp"
#include "inspectrack/error.hpp"
#include "storage_import_support.hpp"

using namespace test_support;
using inspectrack::model::UnitKind;

TEST_CASE("a unit is added, then left unchanged, then updated field by field") {
  auto store = memory_store();
  auto plan = small_plan();
  auto first = import_plan(*store, plan, at("2021-07-20T08:00:00Z"));
  CHECK(change_of(first, "unit", "xa-a").kind == Change::Kind::added);
  CHECK(history(*store, "unit", "xa-a") == std::vector<std::string>{"import :  -> UBND xa-a"});

  auto again = import_plan(*store, plan, at("2021-07-21T08:00:00Z"));
  CHECK(change_of(again, "unit", "xa-a").kind == Change::Kind::unchanged);

  plan.units[1].name = "UBND xã A";
  plan.units[1].parent = std::nullopt;
  plan.units[1].emails = {"a@example.vn", "b@example.vn"};
  auto edited = import_plan(*store, plan, at("2021-07-22T08:00:00Z"));
  const Change c = change_of(edited, "unit", "xa-a");
  CHECK(c.kind == Change::Kind::changed);
  CHECK(c.fields == std::vector<std::string>{"name", "parent", "emails"});
  CHECK(history(*store, "unit", "xa-a") ==
        std::vector<std::string>{"import :  -> UBND xa-a", "update name: UBND xa-a -> UBND xã A",
                                 "update parent: huyen -> ", "update emails:  -> a@example.vn, b@example.vn"});
  const auto stored = store->unit("xa-a");
  REQUIRE(stored);
  CHECK(*stored == plan.units[1]);
}

TEST_CASE("a parent listed after its child is stored first, changes keep the plan's order") {
  auto store = memory_store();
  auto plan = small_plan();
  std::swap(plan.units[0], plan.units[2]);  // xa-b, xa-a, huyen
  const auto outcome = import_plan(*store, plan, at("2021-07-20T08:00:00Z"));
  REQUIRE(outcome.changes.size() >= 3);
  CHECK(outcome.changes[0].key == "xa-b");
  CHECK(outcome.changes[1].key == "xa-a");
  CHECK(outcome.changes[2].key == "huyen");
  CHECK(store->unit("xa-b")->parent == "huyen");
}

TEST_CASE("a unit among its own parents, or under an unregistered one, is refused and nothing is written") {
  auto store = memory_store();
  auto plan = small_plan();
  SUBCASE("a cycle") {
    plan.units[0].parent = "xa-a";
    CHECK_THROWS_AS(import_plan(*store, plan, at("2021-07-20T08:00:00Z")), inspectrack::StorageError);
  }
  SUBCASE("a parent that is nowhere") {
    plan.units[2].parent = "tinh";
    CHECK_THROWS_AS(import_plan(*store, plan, at("2021-07-20T08:00:00Z")), inspectrack::StorageError);
  }
  CHECK(store->units().empty());
}
