// The calendars an import writes (src/storage/import_calendars.cpp), through the
// Store API.
#include <doctest/doctest.h>

#include "import_plan.hpp"
#include "inspectrack/import/shipped_calendar.hpp"
#include "storage_import_support.hpp"

using namespace test_support;

TEST_CASE("the shipped calendar is recorded once, silently, and a file's copy of it changes only its source") {
  auto store = memory_store();
  const auto& vn = inspectrack::import::shipped_calendar();
  auto options = at("2021-07-20T08:00:00Z");
  options.shipped = &vn;
  inspectrack::import::ImportPlan plan;
  const auto first = import_plan(*store, plan, options);
  REQUIRE(first.changes.size() == 1);
  CHECK(first.changes[0].kind == Change::Kind::added);
  CHECK(import_plan(*store, plan, options).changes.empty());  // recorded, unchanged: not reported

  plan.calendars = {inspectrack::import::CalendarPlan{vn, "vn.yaml"}};
  const auto copied = import_plan(*store, plan, options);
  REQUIRE(copied.changes.size() == 1);
  CHECK(copied.changes[0].kind == Change::Kind::changed);
  CHECK(copied.changes[0].fields == std::vector<std::string>{"source"});
  CHECK(store->calendars().size() == 1);  // now an imported calendar
  CHECK(history(*store, "calendar", vn.key).size() == 1);
}
