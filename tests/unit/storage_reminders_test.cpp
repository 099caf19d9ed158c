// The reminders ledger: claimed with message and claimant, confirmed or left unconfirmed.

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "import_plan.hpp"
#include "inspectrack/import/shipped_calendar.hpp"
#include "storage_sqlite_support.hpp"

using namespace storage_test;

TEST_CASE("reminders are claimed with their message and claimant, then confirmed or left unconfirmed") {
  using inspectrack::model::Reminder;
  TempDir dir;
  const std::string path = dir.file("db");
  auto store = open_sqlite(path, read_write());
  test_support::import_plan(*store, sample_plan(), at("2021-07-20T08:00:00Z"));
  const auto task = *store->task_by_key("cp/bao-cao@bau-can");
  const Date day23 = *inspectrack::model::parse_date("2021-07-23").date;
  const auto always = [](const std::vector<Reminder>&) { return true; };

  const auto id = store->claim_reminder(reminder_for(task, "2021-07-23"), always);
  REQUIRE(id);
  auto stored = store->reminders(day23);
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].id == *id);
  CHECK(stored[0].status == Reminder::Status::sending);
  CHECK(stored[0].unit == "bau-can");
  CHECK(stored[0].to == std::vector<std::string>{"baucan@example.vn"});
  CHECK(stored[0].cc == std::vector<std::string>{"noivu@example.vn", "ubnd@example.vn"});
  REQUIRE(stored[0].tasks.size() == 1);
  CHECK(stored[0].tasks[0] == reminder_for(task, "2021-07-23").tasks[0]);
  CHECK(stored[0].claimant == reminder_for(task, "2021-07-23").claimant);
  CHECK(stored[0].message == reminder_for(task, "2021-07-23").message);
  CHECK(store->sending_reminders(std::nullopt) == stored);
  CHECK(store->sending_reminders("bau-can") == stored);
  CHECK(store->sending_reminders("binh-giao").empty());

  SUBCASE("sent: the kept message and the claimant are cleared") {
    store->reminder_sent(*id, "2021-07-23T00:00:05Z");
    stored = store->reminders(day23);
    CHECK(stored[0].status == Reminder::Status::sent);
    CHECK(stored[0].sent_at == "2021-07-23T00:00:05Z");
    CHECK_FALSE(stored[0].claimant);
    CHECK_FALSE(stored[0].message);
    CHECK(store->sending_reminders(std::nullopt).empty());
    CHECK(store->reminders(*inspectrack::model::parse_date("2021-07-24").date).empty());
    CHECK(store->reminders(*inspectrack::model::parse_date("2021-07-01").date).size() == 1);
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("SELECT count(*) FROM reminders WHERE claimant IS NULL AND message IS NULL").getInt() == 1);
  }
  SUBCASE("failed: kept, unconfirmed (no claimant), with its message and tasks, for the next run") {
    store->reminder_failed(*id);
    stored = store->reminders(day23);
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].status == Reminder::Status::sending);
    CHECK_FALSE(stored[0].claimant);
    CHECK(stored[0].message == reminder_for(task, "2021-07-23").message);
    CHECK(stored[0].tasks.size() == 1);
    CHECK(store->sending_reminders(std::nullopt) == stored);
  }
  SUBCASE("taken over under the write lock, by one run only") {
    store->reminder_failed(*id);
    const inspectrack::model::Claimant next{"huyen", 5151, 1000, "0d1c-boot"};
    std::vector<Reminder> seen;
    const auto unconfirmed = [&](const Reminder& now) {
      seen.push_back(now);
      return !now.claimant;
    };
    const auto taken = store->take_over_reminder(*id, next, "sendmail", "sendmail -t", unconfirmed);
    REQUIRE(taken);
    CHECK(taken->message == reminder_for(task, "2021-07-23").message);
    CHECK(taken->message_id == reminder_for(task, "2021-07-23").message_id);
    REQUIRE(seen.size() == 1);
    CHECK_FALSE(seen[0].claimant);
    stored = store->reminders(day23);
    CHECK(stored[0].claimant == next);
    CHECK(stored[0].transport == "sendmail");
    CHECK(stored[0].target == "sendmail -t");
    CHECK(stored[0].status == Reminder::Status::sending);
    // A second run finds it claimed: not taken.
    const inspectrack::model::Claimant other{"huyen", 6262, 2000, "0d1c-boot"};
    CHECK_FALSE(store->take_over_reminder(*id, other, "mbox", "x.mbox", unconfirmed));
    CHECK(store->reminders(day23)[0].claimant == next);
    // Sent meanwhile, or gone: not taken either, and `wanted` is not asked.
    store->reminder_sent(*id, "2021-07-23T00:00:09Z");
    seen.clear();
    CHECK_FALSE(store->take_over_reminder(*id, other, "mbox", "x.mbox", [](const Reminder&) { return true; }));
    CHECK_FALSE(store->take_over_reminder(*id + 100, other, "mbox", "x.mbox", [](const Reminder&) { return true; }));
    CHECK(store->reminders(day23)[0].status == Reminder::Status::sent);
  }
  SUBCASE("dropped only when still 'sending' and wanted") {
    CHECK_FALSE(store->drop_reminder(*id, [](const Reminder&) { return false; }));
    CHECK(store->reminders(day23).size() == 1);
    CHECK(store->drop_reminder(*id, [](const Reminder&) { return true; }));
    CHECK(store->reminders(day23).empty());
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("SELECT count(*) FROM reminder_tasks").getInt() == 0);
    CHECK_FALSE(store->drop_reminder(*id, [](const Reminder&) { return true; }));
  }
  SUBCASE("the claim asks under the write lock, with the unit's reminders of that day on") {
    std::vector<Reminder> seen;
    const auto second = store->claim_reminder(reminder_for(task, "2021-07-23"), [&](const std::vector<Reminder>& earlier) {
      seen = earlier;
      return false;
    });
    CHECK_FALSE(second);
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].id == *id);
    CHECK(store->reminders(day23).size() == 1);
    // Another unit's reminders are not given.
    const auto other = *store->task_by_key("cp/bao-cao@binh-giao");
    seen.clear();
    auto r = reminder_for(other, "2021-07-23");
    CHECK(store->claim_reminder(r, [&](const std::vector<Reminder>& earlier) {
      seen = earlier;
      return true;
    }));
    CHECK(seen.empty());
  }
  SUBCASE("a reminder of an unknown unit is refused") {
    auto r = reminder_for(task, "2021-07-24");
    r.unit = "nowhere";
    CHECK_THROWS_AS(store->claim_reminder(r, always), StorageError);
  }
  SUBCASE("a pruned task leaves the record, without its id") {
    auto plan = sample_plan();
    plan.inspections[0].tasks.erase(plan.inspections[0].tasks.begin());  // bao-cao@bau-can
    ImportOptions options = at("2021-07-24T08:00:00Z");
    options.prune = true;
    test_support::import_plan(*store, plan, options);
    CHECK_FALSE(store->task(task.id));
    stored = store->reminders(day23);
    REQUIRE(stored[0].tasks.size() == 1);
    CHECK_FALSE(stored[0].tasks[0].task_id);
    CHECK(stored[0].tasks[0].task_key == "cp/bao-cao@bau-can");
  }
}

TEST_CASE("open tasks with no deadline are read with the day each was set, and recorded undated") {
  using inspectrack::model::RemindedTask;
  using inspectrack::model::Reminder;
  TempDir dir;
  const std::string path = dir.file("db");
  auto store = open_sqlite(path, read_write());
  auto plan = sample_plan();
  SUBCASE("set on the conclusion's day") {
    test_support::import_plan(*store, plan, at("2021-07-20T08:00:00Z"));
    const auto undated = store->undated_open(std::nullopt);
    REQUIRE(undated.size() == 1);
    CHECK(undated[0].task.full_key() == "cp/quy-che@ia-me");
    CHECK(undated[0].since == day(2021, 7, 15));
    CHECK(store->undated_open("ia-me").size() == 1);
    CHECK(store->undated_open("bau-can").empty());

    // Recorded in a reminder: undated, with no deadline.
    Reminder r = reminder_for(*store->task_by_key("cp/bao-cao@bau-can"), "2021-07-23");
    r.unit = "ia-me";
    RemindedTask t;
    t.task_id = undated[0].task.id;
    t.task_key = undated[0].task.full_key();
    t.state = RemindedTask::State::undated;
    r.tasks = {t};
    REQUIRE(store->claim_reminder(r, [](const std::vector<Reminder>&) { return true; }));
    const auto stored = store->reminders(day(2021, 7, 23));
    REQUIRE(stored.size() == 1);
    REQUIRE(stored[0].tasks.size() == 1);
    CHECK(stored[0].tasks[0] == t);

    // The schema ties the state to the deadline: undated has none, the others one.
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    const std::string id = std::to_string(stored[0].id);
    CHECK_THROWS(
        raw.exec("INSERT INTO reminder_tasks (reminder_id, task_key, state, last_day, days_late)"
                 " VALUES (" +
                 id + ", 'k', 'undated', '2021-07-23', 0)"));
    CHECK_THROWS(
        raw.exec("INSERT INTO reminder_tasks (reminder_id, task_key, state, last_day, days_late)"
                 " VALUES (" +
                 id + ", 'k', 'due', NULL, 0)"));
  }
  SUBCASE("with no conclusion date, set on the day it was first imported") {
    plan.inspections[0].inspection.conclusion.date.reset();
    test_support::import_plan(*store, plan, at("2021-07-20T08:00:00Z"));
    const auto undated = store->undated_open(std::nullopt);
    REQUIRE(undated.size() == 1);
    CHECK(undated[0].since == day(2021, 7, 20));
  }
}
