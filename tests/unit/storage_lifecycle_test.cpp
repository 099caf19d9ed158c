// A task's changes as storage writes them (src/storage/lifecycle.cpp), through the
// Store API: the lifecycle columns, one event per field changed, what was said with
// the change as its own row, and nothing written for a change already recorded.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include "import_plan.hpp"
#include "storage_import_support.hpp"

using namespace test_support;
using inspectrack::model::ChangeCheck;
using inspectrack::model::Status;
using inspectrack::model::TaskChange;

namespace {

// The small plan imported; the id of its task k/t1@xa-a.
std::int64_t imported(inspectrack::storage::Store& store) {
  import_plan(store, small_plan(), at("2021-07-20T08:00:00Z"));
  return store.task_by_key("k/t1@xa-a")->id;
}

inspectrack::storage::ChangeOptions on_day(int day) {
  return {ymd(2021, 7, day), "tester", fmt::format("2021-07-{:02}T08:00:00Z", day)};
}

TaskChange change(TaskChange::Kind kind, std::optional<inspectrack::model::Date> on, std::string text = {}) {
  TaskChange c;
  c.kind = kind;
  if (kind == TaskChange::Kind::extend) {
    c.to = on;
  } else {
    c.on = on;
  }
  c.text = std::move(text);
  return c;
}

}  // namespace

TEST_CASE("done writes the state and the day, one event per field and the evidence as its own row") {
  auto store = memory_store();
  const auto id = imported(*store);
  const auto out =
      store->change_task(id, change(TaskChange::Kind::done, ymd(2021, 7, 24), "Báo cáo số 12"), on_day(25));
  REQUIRE(out.outcome == ChangeCheck::Outcome::apply);
  CHECK(out.before.status == Status::open);
  CHECK(out.after.status == Status::done);
  CHECK(store->task(id)->status == Status::done);
  CHECK(store->task(id)->done_on == ymd(2021, 7, 24));
  CHECK(lines(store->events(id)) ==
        std::vector<std::string>{"import :  -> Khắc phục t1", "done status: open -> done",
                                 "done done_on:  -> 2021-07-24", "done evidence:  -> Báo cáo số 12"});
  CHECK(store->events(id).back().actor == "tester");
}

TEST_CASE("a change already so writes nothing, and says so") {
  auto store = memory_store();
  const auto id = imported(*store);
  const auto done = change(TaskChange::Kind::done, ymd(2021, 7, 24));
  REQUIRE(store->change_task(id, done, on_day(25)).outcome == ChangeCheck::Outcome::apply);
  const auto events = store->events(id).size();
  CHECK(store->change_task(id, done, on_day(26)).outcome == ChangeCheck::Outcome::unchanged);
  CHECK(store->events(id).size() == events);
}

TEST_CASE("an extension moves the last day and keeps the first deadline, a refused change writes nothing") {
  auto store = memory_store();
  const auto id = imported(*store);
  const auto out = store->change_task(
      id, change(TaskChange::Kind::extend, ymd(2021, 9, 15), "Chờ hướng dẫn của Sở"), on_day(25));
  REQUIRE(out.outcome == ChangeCheck::Outcome::apply);
  CHECK(store->task(id)->last_day == ymd(2021, 9, 15));
  CHECK(store->task(id)->original_last_day == ymd(2021, 8, 31));
  const auto events = store->events(id).size();
  // A task not done cannot be verified.
  const auto refused = store->change_task(id, change(TaskChange::Kind::verify, ymd(2021, 7, 26)), on_day(26));
  CHECK(refused.outcome == ChangeCheck::Outcome::refused);
  CHECK_FALSE(refused.reason.english().empty());
  CHECK(store->events(id).size() == events);
  CHECK(store->task(id)->status == Status::open);
}
