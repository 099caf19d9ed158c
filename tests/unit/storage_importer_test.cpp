// One import, in stages (src/storage/importer.cpp), through the Store API.
#include <doctest/doctest.h>

#include "import_plan.hpp"
#include "storage_import_support.hpp"

using namespace test_support;

namespace {

std::vector<std::string> listing(const std::vector<Change>& changes) {
  std::vector<std::string> out;
  for (const auto& c : changes) out.push_back(c.entity + " " + c.key);
  return out;
}

}  // namespace

TEST_CASE("an import's changes come units first, then per inspection itself, its findings, its tasks") {
  auto store = memory_store();
  auto plan = small_plan();
  plan.inspections[0].tasks.push_back(make_task("t2", "xa-b"));
  const auto outcome = import_plan(*store, plan, at("2021-07-20T08:00:00Z"));
  CHECK(listing(outcome.changes) ==
        std::vector<std::string>{"unit huyen", "unit xa-a", "unit xa-b", "inspection k", "finding k/f1",
                                 "task k/t1@xa-a", "task k/t2@xa-b"});
}

TEST_CASE("an import session without a sink keeps the changes in its outcome, in the order a sink gets them") {
  auto plan = small_plan();
  plan.inspections[0].tasks.push_back(make_task("t2", "xa-b"));
  auto second = plan.inspections[0];
  second.inspection.key = "k2";
  second.source = "k2.yaml";
  for (auto& f : second.findings) f.inspection = "k2";
  for (auto& t : second.tasks) t.inspection = "k2";
  plan.inspections.push_back(second);

  auto sunk = memory_store();
  const auto expected = import_plan(*sunk, plan, at("2021-07-20T08:00:00Z"));

  auto kept = memory_store();
  auto session = kept->begin_import(at("2021-07-20T08:00:00Z"), {});
  session->definitions(plan.calendars, plan.units);
  for (const auto& inspection : plan.inspections) session->inspection(inspection);
  session->progress(plan.progress);
  const auto outcome = session->finish();
  CHECK(listing(outcome.changes) == listing(expected.changes));
  CHECK_FALSE(outcome.changes.empty());
  CHECK(kept->events(std::nullopt).size() == sunk->events(std::nullopt).size());
}

TEST_CASE("a dry run reports what it would change and writes nothing") {
  auto store = memory_store();
  auto options = at("2021-07-20T08:00:00Z");
  options.dry_run = true;
  const auto outcome = import_plan(*store, small_plan(), options);
  CHECK(outcome.count(Change::Kind::added) == 6);
  CHECK(store->units().empty());
  CHECK(store->events(std::nullopt).empty());
}
