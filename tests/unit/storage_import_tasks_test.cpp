// The tasks an import writes (src/storage/import_tasks.cpp), through the Store API.
#include <doctest/doctest.h>

#include "import_plan.hpp"
#include "inspectrack/error.hpp"
#include "storage_import_support.hpp"

using namespace test_support;
using inspectrack::model::TaskChange;

namespace {

void record(inspectrack::storage::Store& store, const std::string& key, TaskChange change) {
  const auto id = store.task_by_key(key)->id;
  const auto out = store.change_task(id, change, {ymd(2021, 7, 25), "tester", "2021-07-25T08:00:00Z"});
  REQUIRE(out.outcome == inspectrack::model::ChangeCheck::Outcome::apply);
}

}  // namespace

TEST_CASE("a task is added with its links and an import event, then left unchanged") {
  auto store = memory_store();
  auto plan = small_plan();
  const auto first = import_plan(*store, plan, at("2021-07-20T08:00:00Z"));
  CHECK(change_of(first, "task", "k/t1@xa-a").kind == Change::Kind::added);
  const auto t = store->task_by_key("k/t1@xa-a");
  REQUIRE(t);
  CHECK(t->findings == std::vector<std::string>{"f1"});
  CHECK(t->calendar == "vn");  // the default when the plan names none
  CHECK(t->original_last_day == ymd(2021, 8, 31));
  const auto events = store->events(t->id);
  REQUIRE(events.size() == 1);
  CHECK(events[0].action == "import");
  CHECK(events[0].after == "Khắc phục t1");
  CHECK(change_of(import_plan(*store, plan, at("2021-07-21T08:00:00Z")), "task", "k/t1@xa-a").kind ==
        Change::Kind::unchanged);
  CHECK(store->events(t->id).size() == 1);
}

TEST_CASE("a changed task is updated field by field, its links replaced when its findings change") {
  auto store = memory_store();
  auto plan = small_plan();
  import_plan(*store, plan, at("2021-07-20T08:00:00Z"));
  auto& task = plan.inspections[0].tasks[0];
  task.findings.clear();
  task.target = "100%";
  task.due.date = ymd(2021, 9, 30);
  task.due.text = "30/9/2021";
  task.last_day = ymd(2021, 9, 30);
  const Change c = change_of(import_plan(*store, plan, at("2021-07-21T08:00:00Z")), "task", "k/t1@xa-a");
  CHECK(c.kind == Change::Kind::changed);
  CHECK(c.fields == std::vector<std::string>{"findings", "target", "due", "last_day"});
  const auto t = store->task_by_key("k/t1@xa-a");
  CHECK(t->findings.empty());
  CHECK(t->target == "100%");
  CHECK(t->last_day == ymd(2021, 9, 30));
  CHECK(lines(store->events(t->id)) ==
        std::vector<std::string>{"import :  -> Khắc phục t1", "update findings: f1 -> ",
                                 "update target:  -> 100%", "update due: 31/8/2021 -> 30/9/2021",
                                 "update last_day: 2021-08-31 -> 2021-09-30"});
}

TEST_CASE("an extension stays in force over a re-imported earlier deadline, with a warning") {
  auto store = memory_store();
  auto plan = small_plan();
  import_plan(*store, plan, at("2021-07-20T08:00:00Z"));
  TaskChange extend;
  extend.kind = TaskChange::Kind::extend;
  extend.to = ymd(2021, 10, 15);
  extend.text = "chờ kinh phí";
  record(*store, "k/t1@xa-a", extend);
  auto& task = plan.inspections[0].tasks[0];
  task.due.date = ymd(2021, 9, 30);
  task.due.text = "30/9/2021";
  task.last_day = ymd(2021, 9, 30);
  const auto outcome = import_plan(*store, plan, at("2021-07-26T08:00:00Z"));
  CHECK(change_of(outcome, "task", "k/t1@xa-a").kind == Change::Kind::changed);
  CHECK(english(outcome.warnings) ==
        std::vector<std::string>{"task 'k/t1@xa-a' has progress (extended); the file changed its Deadline, "
                                 "Last day; its progress is kept"});
  const auto t = store->task_by_key("k/t1@xa-a");
  CHECK(t->last_day == ymd(2021, 10, 15));
  CHECK(t->original_last_day == ymd(2021, 9, 30));
  CHECK(t->extensions == 1);
}

TEST_CASE("a missing task is pruned unless it has progress") {
  auto store = memory_store();
  auto plan = small_plan();
  plan.inspections[0].tasks.push_back(make_task("t2", "xa-b"));
  import_plan(*store, plan, at("2021-07-20T08:00:00Z"));
  TaskChange note;
  note.kind = TaskChange::Kind::note;
  note.text = "đã nhắc";
  record(*store, "k/t2@xa-b", note);
  auto without = small_plan();
  without.inspections[0].findings.clear();
  without.inspections[0].tasks.clear();
  const auto outcome = import_plan(*store, without, at("2021-07-26T08:00:00Z", true));
  CHECK(change_of(outcome, "task", "k/t1@xa-a").kind == Change::Kind::pruned);
  CHECK(change_of(outcome, "task", "k/t2@xa-b").kind == Change::Kind::missing);
  CHECK(english(outcome.refusals) ==
        std::vector<std::string>{"task 'k/t2@xa-b' has progress (note in its history); kept, not pruned"});
  CHECK_FALSE(store->task_by_key("k/t1@xa-a"));
  CHECK(store->task_by_key("k/t2@xa-b"));
  // Its finding is free once the task is gone.
  CHECK(change_of(outcome, "finding", "k/f1").kind == Change::Kind::pruned);
}

TEST_CASE("a task naming a finding its inspection does not have is refused and nothing is written") {
  auto store = memory_store();
  auto plan = small_plan();
  plan.inspections[0].tasks[0].findings = {"f9"};
  CHECK_THROWS_WITH_AS(import_plan(*store, plan, at("2021-07-20T08:00:00Z")),
                       "task 'k/t1@xa-a' refers to finding 'f9', which inspection 'k' does not have",
                       inspectrack::StorageError);
  CHECK(store->units().empty());
}
