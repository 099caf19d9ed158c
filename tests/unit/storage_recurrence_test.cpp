#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include "import_plan.hpp"
#include "storage_import_support.hpp"
#include "temp_dir.hpp"
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "inspectrack/calendar/registry.hpp"
#include "inspectrack/import/shipped_calendar.hpp"
#include "inspectrack/storage/sqlite_store.hpp"

namespace fs = std::filesystem;
using inspectrack::calendar::CalendarRegistry;
using inspectrack::calendar::CalendarSpec;
using inspectrack::calendar::DayKind;
using inspectrack::calendar::YearSpec;
using inspectrack::import::ImportPlan;
using inspectrack::import::InspectionPlan;
using inspectrack::model::Date;
using inspectrack::model::Due;
using inspectrack::model::Repeat;
using inspectrack::model::Status;
using inspectrack::model::Task;
using namespace inspectrack::storage;

namespace {

Date day(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

using test_support::make_unit;
using test_support::TempDir;

std::unique_ptr<Store> open_file(const std::string& path) {
  OpenOptions o;
  o.mode = OpenMode::read_write;
  return open_sqlite(path, o);
}

// The shipped calendar: announced 2021–2022, no holiday in September or mid-December
// 2021, and none from 1/10 to 14/10/2021.
const CalendarRegistry& shipped() {
  static const CalendarRegistry registry = [] {
    CalendarRegistry r;
    r.add(inspectrack::import::shipped_calendar());
    return r;
  }();
  return registry;
}

ImportOptions at(const std::string& now, std::optional<Date> until,
                 const CalendarRegistry& calendars = shipped()) {
  ImportOptions o = test_support::at(now);
  o.calendars = &calendars;
  o.occurrences_until = until;
  return o;
}

OccurrenceOptions up_to(Date until, const CalendarRegistry& calendars = shipped()) {
  return OccurrenceOptions{until, &calendars, "clerk", "2022-01-20T08:00:00Z"};
}

Due day_rule(int d) {
  Due due;
  due.form = Due::Form::day;
  due.day = d;
  due.text = "day: " + std::to_string(d);
  return due;
}

Due within_period(int n) {
  Due due;
  due.form = Due::Form::within;
  due.period = n;
  due.counting = Due::Counting::working_days;
  due.anchor = Due::Anchor::period_end;
  due.text = "within: " + std::to_string(n) + " working days";
  return due;
}

// A quarterly report owed by commune u from Q3/2021, due on the 15th of each
// quarter's last month, linked to finding f; and a plain task beside it.
ImportPlan quarterly_plan() {
  using inspectrack::model::UnitKind;
  ImportPlan plan;
  plan.units = {make_unit("d", UnitKind::district), make_unit("u", UnitKind::commune, "d")};
  InspectionPlan ip;
  ip.source = "bc.yaml";
  ip.inspection.key = "bc";
  ip.inspection.kind = inspectrack::model::InspectionKind::directive;
  ip.inspection.title = "Chế độ báo cáo CCHC";
  ip.inspection.conclusion.date = day(2021, 7, 2);
  inspectrack::model::Finding f;
  f.inspection = "bc";
  f.key = "f";
  f.unit = "u";
  f.text = "Báo cáo chậm.";
  ip.findings = {f};

  Task series;
  series.inspection = "bc";
  series.key = "bao-cao";
  series.assignee = "u";
  series.action = "Báo cáo CCHC hằng quý";
  series.report_to = "d";
  series.findings = {"f"};
  series.due = day_rule(15);
  series.calendar = "vn";
  series.repeat = Repeat{Repeat::Every::quarterly, day(2021, 7, 1), std::nullopt};
  ip.series = {series};

  Task once;
  once.inspection = "bc";
  once.key = "mot-lan";
  once.assignee = "u";
  once.action = "Báo cáo một lần";
  once.due.form = Due::Form::date;
  once.due.date = day(2021, 7, 31);
  once.due.text = "31/7/2021";
  once.last_day = day(2021, 7, 31);
  once.calendar = "vn";
  ip.tasks = {once};
  plan.inspections.push_back(ip);
  return plan;
}

std::vector<std::string> keys_of(const std::vector<Task>& tasks) {
  std::vector<std::string> out;
  for (const auto& t : tasks) out.push_back(t.full_key());
  return out;
}

const Change* find_change(const std::vector<Change>& changes, const std::string& key) {
  for (const auto& c : changes) {
    if (c.entity == "task" && c.key == key) return &c;
  }
  return nullptr;
}

const Change* find_change(const ImportOutcome& o, const std::string& key) {
  return find_change(o.changes, key);
}

const std::string kSeries = "bc/bao-cao@u";
const std::string kQ3 = "bc/bao-cao@u#2021-Q3";
const std::string kQ4 = "bc/bao-cao@u#2021-Q4";
const std::string kQ1 = "bc/bao-cao@u#2022-Q1";
const std::string kOnce = "bc/mot-lan@u";

}  // namespace

TEST_CASE("an import makes the occurrences due by the day given, never the series as a task") {
  auto store = open_memory({});
  const auto outcome =
      test_support::import_plan(*store, quarterly_plan(), at("2021-07-20T08:00:00Z", day(2021, 10, 1)));

  const Change* series = find_change(outcome, kSeries);
  REQUIRE(series);
  CHECK(series->kind == Change::Kind::added);
  REQUIRE(find_change(outcome, kQ3));
  CHECK(find_change(outcome, kQ3)->kind == Change::Kind::added);
  // Q4's deadline, 15/12/2021, is after the day given.
  CHECK(find_change(outcome, kQ4) == nullptr);

  const auto tasks = store->tasks({});
  CHECK(keys_of(tasks) == std::vector<std::string>{kOnce, kQ3});
  const Task& q3 = tasks[1];
  CHECK(q3.period == "2021-Q3");
  CHECK(q3.last_day == day(2021, 9, 15));
  CHECK_FALSE(q3.due_provisional);
  CHECK(q3.status == Status::open);
  CHECK(q3.due == day_rule(15));
  CHECK(q3.calendar == "vn");
  REQUIRE(q3.repeat.has_value());
  CHECK(*q3.repeat == Repeat{Repeat::Every::quarterly, day(2021, 7, 1), std::nullopt});
  CHECK(q3.action == "Báo cáo CCHC hằng quý");
  CHECK(q3.report_to == std::optional<std::string>("d"));
  CHECK(q3.findings == std::vector<std::string>{"f"});

  SUBCASE("by its full key, with the period") {
    const auto found = store->task_by_key(kQ3);
    REQUIRE(found);
    CHECK(found->id == q3.id);
    CHECK(store->task(q3.id)->full_key() == kQ3);
  }
  SUBCASE("by a prefix: the series is never a match") {
    CHECK(store->task_by_key("bc/bao")->full_key() == kQ3);
    CHECK(store->task_by_key("bc/bao-cao@u#")->full_key() == kQ3);
    CHECK_FALSE(store->task_by_key("bc/bao-cao@u#2021-Q4"));
  }
  SUBCASE("its history: made by the series' rule") {
    const auto history = store->events(q3.id);
    REQUIRE(history.size() == 1);
    CHECK(history[0].action == "repeat");
    CHECK(history[0].key == kQ3);
    CHECK(history[0].actor == "tester");
  }
  SUBCASE("the same import again changes nothing") {
    const auto again =
        test_support::import_plan(*store, quarterly_plan(), at("2021-07-21T08:00:00Z", day(2021, 10, 1)));
    CHECK(again.count(Change::Kind::added) == 0);
    CHECK(again.count(Change::Kind::changed) == 0);
    CHECK(again.count(Change::Kind::missing) == 0);
    CHECK(find_change(again, kQ3)->kind == Change::Kind::unchanged);
  }
  SUBCASE("without a day to make them by, only the series is stored") {
    auto other = open_memory({});
    const auto first = test_support::import_plan(*other, quarterly_plan(), at("2021-07-20T08:00:00Z", std::nullopt));
    CHECK(find_change(first, kSeries)->kind == Change::Kind::added);
    CHECK(keys_of(other->tasks({})) == std::vector<std::string>{kOnce});
  }
}

TEST_CASE("occurrences come due: pending, made once each, with an event 'repeat'") {
  auto store = open_memory({});
  test_support::import_plan(*store, quarterly_plan(), at("2021-07-20T08:00:00Z", day(2021, 10, 1)));

  CHECK_FALSE(store->occurrences_pending(up_to(day(2021, 12, 14))));
  CHECK(store->occurrences_pending(up_to(day(2021, 12, 15))));
  CHECK(store->occurrences_pending(up_to(day(2022, 1, 27))));
  // Checking writes nothing.
  CHECK(store->tasks({}).size() == 2);

  const auto made = store->make_occurrences(up_to(day(2022, 1, 27)));
  REQUIRE(made.size() == 1);
  CHECK(made[0].kind == Change::Kind::added);
  CHECK(made[0].entity == "task");
  CHECK(made[0].key == kQ4);

  const auto q4 = store->task_by_key(kQ4);
  REQUIRE(q4);
  CHECK(q4->last_day == day(2021, 12, 15));
  CHECK(q4->findings == std::vector<std::string>{"f"});
  const auto history = store->events(q4->id);
  REQUIRE(history.size() == 1);
  CHECK(history[0].action == "repeat");
  CHECK(history[0].entity == "task");
  CHECK(history[0].key == kQ4);
  CHECK(history[0].actor == "clerk");
  CHECK(history[0].at == "2022-01-20T08:00:00Z");
  CHECK(history[0].after == "Báo cáo CCHC hằng quý");

  CHECK_FALSE(store->occurrences_pending(up_to(day(2022, 1, 27))));
  CHECK(store->make_occurrences(up_to(day(2022, 1, 27))).empty());
  CHECK(keys_of(store->tasks({})) == std::vector<std::string>{kOnce, kQ3, kQ4});
  CHECK_FALSE(store->task_by_key("bc/bao-cao@u#"));  // Q3 or Q4

  SUBCASE("a re-import with an earlier day does not call the later occurrence missing") {
    const auto outcome =
        test_support::import_plan(*store, quarterly_plan(), at("2022-01-21T08:00:00Z", day(2021, 10, 1)));
    CHECK(outcome.count(Change::Kind::missing) == 0);
    CHECK(outcome.count(Change::Kind::added) == 0);
    REQUIRE(find_change(outcome, kQ4));
    CHECK(find_change(outcome, kQ4)->kind == Change::Kind::unchanged);
    ImportOptions prune = at("2022-01-21T08:00:00Z", day(2021, 10, 1));
    prune.prune = true;
    CHECK(test_support::import_plan(*store, quarterly_plan(), prune).count(Change::Kind::pruned) == 0);
    CHECK(store->task_by_key(kQ4));
  }
  SUBCASE("an edited series updates its occurrences, each with events") {
    auto plan = quarterly_plan();
    plan.inspections[0].series[0].action = "Báo cáo kết quả CCHC hằng quý";
    const auto outcome = test_support::import_plan(*store, plan, at("2022-01-21T08:00:00Z", day(2022, 1, 27)));
    CHECK(find_change(outcome, kSeries)->fields == std::vector<std::string>{"action"});
    CHECK(find_change(outcome, kQ3)->fields == std::vector<std::string>{"action"});
    CHECK(find_change(outcome, kQ4)->fields == std::vector<std::string>{"action"});
    const auto q4_history = store->events(q4->id);
    REQUIRE(q4_history.size() == 2);
    CHECK(q4_history[1].action == "update");
    CHECK(q4_history[1].field == "action");
    CHECK(q4_history[1].before == "Báo cáo CCHC hằng quý");
    CHECK(q4_history[1].after == "Báo cáo kết quả CCHC hằng quý");
    CHECK(store->task_by_key(kQ3)->action == "Báo cáo kết quả CCHC hằng quý");
  }
  SUBCASE("an edited day of the month moves each occurrence's deadline") {
    auto plan = quarterly_plan();
    plan.inspections[0].series[0].due = day_rule(31);
    const auto outcome = test_support::import_plan(*store, plan, at("2022-01-21T08:00:00Z", day(2022, 1, 27)));
    CHECK(find_change(outcome, kQ3)->fields == std::vector<std::string>{"due", "last_day"});
    // September has 30 days: its last day stands for the 31st.
    CHECK(store->task_by_key(kQ3)->last_day == day(2021, 9, 30));
    CHECK(store->task_by_key(kQ4)->last_day == day(2021, 12, 31));
  }
}

TEST_CASE("reports never list the series row") {
  TempDir dir;
  const std::string path = dir.file("db");
  auto store = open_file(path);
  test_support::import_plan(*store, quarterly_plan(), at("2021-07-20T08:00:00Z", day(2022, 1, 20)));
  const auto series_id = [&] {
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    return raw.execAndGet("SELECT id FROM tasks WHERE key = 'bao-cao' AND period = ''").getInt64();
  }();
  REQUIRE(series_id > 0);

  CHECK(keys_of(store->overdue(day(2022, 6, 1), {})) ==
        std::vector<std::string>{kOnce, kQ3, kQ4});
  CHECK(keys_of(store->overdue(day(2021, 12, 16), {})) ==
        std::vector<std::string>{kOnce, kQ3, kQ4});
  CHECK(keys_of(store->due_between(day(2021, 1, 1), day(2099, 1, 1), {})) ==
        std::vector<std::string>{kOnce, kQ3, kQ4});
  TaskFilter mine;
  mine.unit = "u";
  mine.status = Status::open;
  for (const auto& t : store->tasks(mine)) CHECK(t.id != series_id);
  CHECK(store->tasks(mine).size() == 3);

  SUBCASE("an occurrence done is no longer overdue; the others are") {
    {
      SQLite::Database raw(path, SQLite::OPEN_READWRITE);
      raw.exec("UPDATE tasks SET status = 'done', done_on = '2021-09-10' WHERE period = '2021-Q3'");
    }
    CHECK(keys_of(store->overdue(day(2022, 6, 1), {})) == std::vector<std::string>{kOnce, kQ4});
  }
}

TEST_CASE("occurrences go forward from the latest one: deleted ones are not made again") {
  TempDir dir;
  const std::string path = dir.file("db");
  auto store = open_file(path);
  test_support::import_plan(*store, quarterly_plan(), at("2021-07-20T08:00:00Z", day(2022, 1, 20)));
  REQUIRE(keys_of(store->tasks({})) == std::vector<std::string>{kOnce, kQ3, kQ4});

  SUBCASE("an older occurrence deleted") {
    {
      SQLite::Database raw(path, SQLite::OPEN_READWRITE);
      raw.exec("PRAGMA foreign_keys = ON");
      raw.exec("DELETE FROM tasks WHERE period = '2021-Q3'");
    }
    CHECK_FALSE(store->occurrences_pending(up_to(day(2022, 1, 27))));
    CHECK(store->make_occurrences(up_to(day(2022, 1, 27))).empty());
    CHECK(store->occurrences_pending(up_to(day(2022, 3, 15))));
    const auto made = store->make_occurrences(up_to(day(2022, 4, 20)));
    REQUIRE(made.size() == 1);
    CHECK(made[0].key == kQ1);
    CHECK(keys_of(store->tasks({})) == std::vector<std::string>{kOnce, kQ4, kQ1});
  }
  SUBCASE("an occurrence pruned when the series starts later") {
    auto plan = quarterly_plan();
    plan.inspections[0].series[0].repeat->from = day(2021, 10, 1);
    ImportOptions prune = at("2022-01-21T08:00:00Z", day(2022, 1, 27));
    prune.prune = true;
    const auto outcome = test_support::import_plan(*store, plan, prune);
    CHECK(find_change(outcome, kQ3)->kind == Change::Kind::pruned);
    CHECK(find_change(outcome, kQ4)->kind == Change::Kind::changed);  // its repeat.from
    CHECK(store->make_occurrences(up_to(day(2022, 4, 20))).size() == 1);
    CHECK(keys_of(store->tasks({})) == std::vector<std::string>{kOnce, kQ4, kQ1});
  }
  SUBCASE("nothing after the series' last period") {
    auto plan = quarterly_plan();
    plan.inspections[0].series[0].repeat->until = day(2021, 12, 31);
    test_support::import_plan(*store, plan, at("2022-01-21T08:00:00Z", day(2022, 1, 27)));
    CHECK_FALSE(store->occurrences_pending(up_to(day(2023, 1, 1))));
    CHECK(store->make_occurrences(up_to(day(2023, 1, 1))).empty());
  }
  SUBCASE("a long absence makes each period since, once") {
    const auto made = store->make_occurrences(up_to(day(2022, 12, 31)));
    std::vector<std::string> keys;
    for (const auto& c : made) keys.push_back(c.key);
    CHECK(keys == std::vector<std::string>{kQ1, "bc/bao-cao@u#2022-Q2", "bc/bao-cao@u#2022-Q3",
                                           "bc/bao-cao@u#2022-Q4"});
  }
}

TEST_CASE("occurrences due within working days of their period's end follow the calendar") {
  // Q3/2021 ends on Thursday 30/9. Ten working days later: 14/10, or 15/10 when
  // Friday 1/10 is a day off.
  CalendarSpec x;
  x.key = "x";
  x.name = "Lịch x";
  YearSpec y2021;
  y2021.year = 2021;
  y2021.source = "TB";
  y2021.days_off = {{day(2021, 10, 1), DayKind::holiday, "Nghỉ", false}};
  x.years = {y2021};
  CalendarRegistry calendars;
  calendars.add(inspectrack::import::shipped_calendar());
  calendars.add(x);

  auto plan = quarterly_plan();
  plan.calendars.push_back({x, "x.yaml"});
  auto& series = plan.inspections[0].series[0];
  series.due = within_period(10);
  series.calendar = "x";
  auto store = open_memory({});
  SUBCASE("not due the day before") {
    test_support::import_plan(*store, plan, at("2021-10-14T08:00:00Z", day(2021, 10, 14), calendars));
    CHECK(keys_of(store->tasks({})) == std::vector<std::string>{kOnce});
    CHECK(store->occurrences_pending(up_to(day(2021, 10, 15), calendars)));
  }
  SUBCASE("due on the tenth working day") {
    test_support::import_plan(*store, plan, at("2021-10-15T08:00:00Z", day(2021, 10, 15), calendars));
    const auto q3 = store->task_by_key(kQ3);
    REQUIRE(q3);
    CHECK(q3->last_day == day(2021, 10, 15));
    CHECK(q3->calendar == "x");
    CHECK(q3->due.anchor == Due::Anchor::period_end);

    // The calendar changes: 1/10 is worked after all. The occurrence moves, with an
    // event; the series row has no deadline to move.
    CalendarSpec edited = x;
    edited.years[0].days_off.clear();
    calendars.add(edited);
    ImportPlan calendar_only;
    calendar_only.calendars.push_back({edited, "x.yaml"});
    const auto outcome =
        test_support::import_plan(*store, calendar_only, at("2021-10-16T08:00:00Z", day(2021, 10, 16), calendars));
    REQUIRE(outcome.changes.size() == 2);
    CHECK(outcome.changes[0].entity == "calendar");
    CHECK(outcome.changes[1].key == kQ3);
    CHECK(outcome.changes[1].fields == std::vector<std::string>{"last_day"});
    CHECK(store->task_by_key(kQ3)->last_day == day(2021, 10, 14));
    const auto history = store->events(q3->id);
    REQUIRE(history.size() == 2);
    CHECK(history[1].field == "last_day");
    CHECK(history[1].before == "2021-10-15");
    CHECK(history[1].after == "2021-10-14");
  }
}

TEST_CASE("occurrences of each assignee of a series are their own tasks") {
  auto plan = quarterly_plan();
  plan.units.push_back(make_unit("v", inspectrack::model::UnitKind::commune, "d"));
  Task other = plan.inspections[0].series[0];
  other.assignee = "v";
  plan.inspections[0].series.push_back(other);
  auto store = open_memory({});
  test_support::import_plan(*store, plan, at("2021-07-20T08:00:00Z", day(2021, 10, 1)));
  CHECK(keys_of(store->tasks({})) ==
        std::vector<std::string>{kOnce, kQ3, "bc/bao-cao@v#2021-Q3"});
  const auto made = store->make_occurrences(up_to(day(2022, 1, 27)));
  REQUIRE(made.size() == 2);
  CHECK(made[0].key == kQ4);
  CHECK(made[1].key == "bc/bao-cao@v#2021-Q4");
}

TEST_CASE("a series that changes its period makes every new period") {
  // Quarterly with Q3/2021 made, then monthly from July: the months due by 20/10
  // come with the import, November and December when they come due.
  auto store = open_memory({});
  test_support::import_plan(*store, quarterly_plan(), at("2021-07-20T08:00:00Z", day(2021, 10, 1)));
  REQUIRE(store->task_by_key(kQ3));

  auto plan = quarterly_plan();
  plan.inspections[0].series[0].repeat->every = Repeat::Every::monthly;
  const auto outcome = test_support::import_plan(*store, plan, at("2021-10-20T08:00:00Z", day(2021, 10, 20)));
  CHECK(find_change(outcome, kQ3)->kind == Change::Kind::missing);
  for (const char* month : {"2021-07", "2021-08", "2021-09", "2021-10"}) {
    CAPTURE(month);
    REQUIRE(find_change(outcome, "bc/bao-cao@u#" + std::string(month)));
    CHECK(find_change(outcome, "bc/bao-cao@u#" + std::string(month))->kind ==
          Change::Kind::added);
  }

  CHECK(store->occurrences_pending(up_to(day(2021, 11, 20))));
  const auto made = store->make_occurrences(up_to(day(2021, 12, 20)));
  std::vector<std::string> keys;
  for (const auto& c : made) keys.push_back(c.key);
  CHECK(keys == std::vector<std::string>{"bc/bao-cao@u#2021-11", "bc/bao-cao@u#2021-12"});
}
