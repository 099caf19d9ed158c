// The inspections and findings an import writes (src/storage/import_inspections.cpp),
// through the Store API.
#include <doctest/doctest.h>

#include "import_plan.hpp"
#include "storage_import_support.hpp"

using namespace test_support;

TEST_CASE("an inspection is added, left unchanged, and updated with an event per field") {
  auto store = memory_store();
  auto plan = small_plan();
  CHECK(change_of(import_plan(*store, plan, at("2021-07-20T08:00:00Z")), "inspection", "k").kind ==
        Change::Kind::added);
  CHECK(change_of(import_plan(*store, plan, at("2021-07-21T08:00:00Z")), "inspection", "k").kind ==
        Change::Kind::unchanged);
  plan.inspections[0].inspection.title = "Kiểm tra CCHC huyện";
  plan.inspections[0].inspection.conclusion.date = ymd(2021, 7, 16);
  const Change c = change_of(import_plan(*store, plan, at("2021-07-22T08:00:00Z")), "inspection", "k");
  CHECK(c.kind == Change::Kind::changed);
  CHECK(c.fields == std::vector<std::string>{"title", "conclusion.date"});
  CHECK(history(*store, "inspection", "k") ==
        std::vector<std::string>{"import :  -> Kiểm tra huyện",
                                 "update title: Kiểm tra huyện -> Kiểm tra CCHC huyện",
                                 "update conclusion.date: 2021-07-15 -> 2021-07-16"});
  CHECK(*store->inspection("k") == plan.inspections[0].inspection);
}

TEST_CASE("an inspection read from another file is unchanged and leaves no event") {
  auto store = memory_store();
  auto plan = small_plan();
  import_plan(*store, plan, at("2021-07-20T08:00:00Z"));
  plan.inspections[0].source = "moved/k.yaml";
  CHECK(change_of(import_plan(*store, plan, at("2021-07-21T08:00:00Z")), "inspection", "k").kind ==
        Change::Kind::unchanged);
  CHECK(history(*store, "inspection", "k").size() == 1);
}

TEST_CASE("a finding is added and updated, its indicator compares by value, not by wording") {
  auto store = memory_store();
  auto plan = small_plan();
  auto& finding = plan.inspections[0].findings[0];
  finding.indicator = inspectrack::model::Indicator{"hồ sơ trực tuyến", 12.5, 50.0, "%"};
  CHECK(change_of(import_plan(*store, plan, at("2021-07-20T08:00:00Z")), "finding", "k/f1").kind ==
        Change::Kind::added);
  finding.indicator->value = 12.50;  // the same number
  CHECK(change_of(import_plan(*store, plan, at("2021-07-21T08:00:00Z")), "finding", "k/f1").kind ==
        Change::Kind::unchanged);
  finding.indicator->value = 20.0;
  finding.area = "tthc";
  const Change c = change_of(import_plan(*store, plan, at("2021-07-22T08:00:00Z")), "finding", "k/f1");
  CHECK(c.fields == std::vector<std::string>{"area", "indicator"});
  CHECK(history(*store, "finding", "k/f1").back() ==
        "update indicator: hồ sơ trực tuyến: 12.5 / 50 % -> hồ sơ trực tuyến: 20 / 50 %");
  CHECK(*store->finding("k", "f1") == finding);
}

TEST_CASE("a missing finding is kept unless pruned, and never while a kept task links it") {
  auto store = memory_store();
  auto plan = small_plan();
  import_plan(*store, plan, at("2021-07-20T08:00:00Z"));
  auto without = plan;
  without.inspections[0].findings.clear();
  without.inspections[0].tasks.clear();
  SUBCASE("not pruned") {
    const auto outcome = import_plan(*store, without, at("2021-07-21T08:00:00Z"));
    CHECK(change_of(outcome, "finding", "k/f1").kind == Change::Kind::missing);
    CHECK(store->finding("k", "f1"));
  }
  SUBCASE("pruned, with its task") {
    const auto outcome = import_plan(*store, without, at("2021-07-21T08:00:00Z", true));
    CHECK(change_of(outcome, "finding", "k/f1").kind == Change::Kind::pruned);
    CHECK_FALSE(store->finding("k", "f1"));
    CHECK(history(*store, "finding", "k/f1").back() == "prune : Chưa niêm yết thủ tục. -> ");
  }
  SUBCASE("linked to a task with progress, which is kept") {
    const auto id = store->task_by_key("k/t1@xa-a")->id;
    inspectrack::model::TaskChange done;
    done.kind = inspectrack::model::TaskChange::Kind::done;
    done.on = ymd(2021, 7, 25);
    store->change_task(id, done, {ymd(2021, 7, 25), "tester", "2021-07-25T08:00:00Z"});
    const auto outcome = import_plan(*store, without, at("2021-07-26T08:00:00Z", true));
    CHECK(change_of(outcome, "finding", "k/f1").kind == Change::Kind::missing);
    CHECK(
        english(outcome.refusals) ==
        std::vector<std::string>{"task 'k/t1@xa-a' has progress (done); kept, not pruned",
                                 "finding 'k/f1' is linked to task 'k/t1@xa-a', which is kept; not pruned"});
    CHECK(store->finding("k", "f1"));
  }
}
