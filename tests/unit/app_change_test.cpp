#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "app_examples.hpp"
#include "inspectrack/app/change.hpp"
#include "inspectrack/error.hpp"

using namespace inspectrack;
using model::ChangeCheck;
using model::Date;
using model::TaskChange;
using text::Lang;

namespace {

Date day(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

using test_support::chu_prong;

// `kind` on `on` to `task`, as of 2021-07-26 by Phòng Nội vụ.
app::ChangeRequest request(const model::Task& task, TaskChange::Kind kind, Date on) {
  TaskChange change;
  change.kind = kind;
  change.on = on;
  return {task, change, {day(2021, 7, 26), "Phòng Nội vụ", "2021-07-26T01:00:00Z"}};
}

}  // namespace

TEST_CASE("change: a task is named by its id, its key or a prefix of the key naming only it") {
  const auto store = chu_prong();
  CHECK(app::lookup_task(*store, "4")->full_key() == "gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@bau-can");
  CHECK(app::lookup_task(*store, "gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@bau-can")->id == 4);
  CHECK(app::lookup_task(*store, "gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@bau")->id == 4);
  CHECK_FALSE(app::lookup_task(*store, "0"));
  CHECK_FALSE(app::lookup_task(*store, "9999"));
  CHECK(app::looks_like_task("12"));
  CHECK(app::looks_like_task("a/b"));
  CHECK_FALSE(app::looks_like_task("ia-me"));
  CHECK_FALSE(app::looks_like_task("-3"));
}

TEST_CASE("change: a task to change that does not exist is no input (66), said in the language asked") {
  const auto store = chu_prong();
  try {
    app::task_to_change(*store, "gia-lai/none");
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.code() == ExitCode::no_input);
    CHECK(text::translate(Lang::vi, e.message()).starts_with("không có nhiệm vụ 'gia-lai/none'"));
  }
}

TEST_CASE("change: applied, then already so, then refused") {
  const auto store = chu_prong();
  const auto task = app::task_to_change(*store, "4");

  const app::ChangeResult applied = app::change_task(*store, request(task, TaskChange::Kind::done, day(2021, 7, 21)));
  CHECK(applied.outcome == ChangeCheck::Outcome::apply);
  CHECK(applied.id == 4);
  CHECK(applied.key == "gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@bau-can");
  CHECK(applied.fields == std::vector<std::string>{"status", "done_on"});
  CHECK(store->task(4)->status == model::Status::done);
  CHECK(store->events(4).back().actor == "Phòng Nội vụ");

  const app::ChangeResult again = app::change_task(*store, request(task, TaskChange::Kind::done, day(2021, 7, 21)));
  CHECK(again.outcome == ChangeCheck::Outcome::unchanged);
  CHECK(again.fields.empty());

  try {
    app::change_task(*store, request(task, TaskChange::Kind::verify, day(2021, 7, 1)));
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.code() == ExitCode::data_error);
    CHECK(std::string(e.what()).starts_with("gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@bau-can (4): "));
  }
  CHECK(store->task(4)->status == model::Status::done);
}
