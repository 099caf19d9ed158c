// What the import writers share (src/storage/import_writer.cpp): the history they
// write and the registered units they refer to, through the Store API.
#include <doctest/doctest.h>

#include "import_plan.hpp"
#include "inspectrack/error.hpp"
#include "storage_import_support.hpp"

using namespace test_support;

TEST_CASE("every event of an import carries its actor and time, and a task's id only for a task") {
  auto store = memory_store();
  import_plan(*store, small_plan(), at("2021-07-20T08:00:00Z"));
  const auto events = store->events(std::nullopt);
  REQUIRE(events.size() == 6);
  for (const auto& e : events) {
    CHECK(e.actor == "tester");
    CHECK(e.at == "2021-07-20T08:00:00Z");
    CHECK(e.action == "import");
    CHECK(e.field.empty());
    CHECK(e.effective.empty());
    CHECK((e.task_id != 0) == (e.entity == "task"));
  }
}

TEST_CASE("a row naming a unit that is not registered is refused and nothing is written") {
  auto store = memory_store();
  auto plan = small_plan();
  SUBCASE("an inspection's scope") { plan.inspections[0].inspection.scope = "tinh"; }
  SUBCASE("a finding's unit") { plan.inspections[0].findings[0].unit = "tinh"; }
  SUBCASE("a task's assignee") { plan.inspections[0].tasks[0].assignee = "tinh"; }
  SUBCASE("a task's report_to") { plan.inspections[0].tasks[0].report_to = "tinh"; }
  CHECK_THROWS_WITH_AS(import_plan(*store, plan, at("2021-07-20T08:00:00Z")), "unit 'tinh' is not registered",
                       inspectrack::StorageError);
  CHECK(store->units().empty());
}
