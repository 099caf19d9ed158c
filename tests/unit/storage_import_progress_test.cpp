// The progress entries an import applies (src/storage/import_progress.cpp), through
// the Store API.
#include <doctest/doctest.h>

#include "import_plan.hpp"
#include "storage_import_support.hpp"

using namespace test_support;
using inspectrack::model::TaskChange;

namespace {

inspectrack::import::ProgressEntry entry(const std::string& key, TaskChange::Kind kind,
                                         std::optional<inspectrack::model::Date> on, int line) {
  inspectrack::import::ProgressEntry e;
  e.task.key = key;
  e.task.pos.line = line;
  e.pos.line = line;
  e.change.kind = kind;
  e.change.on = on;
  e.change.text = "công văn 12";
  return e;
}

ImportOptions as_of(const std::string& now) {
  ImportOptions o = at(now);
  o.as_of = ymd(2021, 8, 10);
  return o;
}

}  // namespace

TEST_CASE("progress entries are applied in order, one change per task, merged") {
  auto store = memory_store();
  auto plan = small_plan();
  plan.progress = {entry("k/t1@xa-a", TaskChange::Kind::done, ymd(2021, 8, 2), 3),
                   entry("k/t1@xa-a", TaskChange::Kind::verify, ymd(2021, 8, 5), 7)};
  const auto outcome = import_plan(*store, plan, as_of("2021-08-10T08:00:00Z"));
  CHECK(outcome.progress_errors.empty());
  // The task's progress change comes last, after the task's own.
  REQUIRE_FALSE(outcome.changes.empty());
  const Change& last = outcome.changes.back();
  CHECK(last.entity == "task");
  CHECK(last.kind == Change::Kind::changed);
  CHECK(last.fields == std::vector<std::string>{"done", "verify"});
  const auto t = store->task_by_key("k/t1@xa-a");
  CHECK(t->status == inspectrack::model::Status::verified);
  CHECK(t->done_on == ymd(2021, 8, 2));
  CHECK(t->verified_on == ymd(2021, 8, 5));
  CHECK(store->events(t->id).back().actor == "tester");

  SUBCASE("the same file again records nothing more") {
    const auto events = store->events(t->id).size();
    const auto again = import_plan(*store, plan, as_of("2021-08-11T08:00:00Z"));
    CHECK(again.progress_errors.empty());
    CHECK(again.changes.back().kind == Change::Kind::unchanged);
    CHECK(store->events(t->id).size() == events);
  }
}

TEST_CASE("a progress entry for no task, or for a series' rule, is an error at its place") {
  auto store = memory_store();
  auto plan = small_plan();
  plan.progress = {entry("k/t9@xa-a", TaskChange::Kind::done, ymd(2021, 8, 2), 4)};
  const auto outcome = import_plan(*store, plan, as_of("2021-08-10T08:00:00Z"));
  REQUIRE(outcome.progress_errors.size() == 1);
  CHECK(outcome.progress_errors[0].where.line == 4);
  CHECK(outcome.progress_errors[0].message.english() ==
        "no task 'k/t9@xa-a'; check the key with: inspectrack list tasks");
  // The session does not commit when an entry was refused.
  CHECK(store->units().empty());
}
