// Imported calendars stored and read back, and the deadlines their days move.

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

TEST_CASE("imported calendars are stored and read back") {
  auto store = memory();
  CalendarSpec x = calendar_spec("x", kNewYear);
  x.years[0].workdays.push_back({day(2021, 5, 8), DayKind::workday, "Làm bù", false});
  x.years.push_back(calendar_spec("x", {day(2022, 1, 3)}).years[0]);
  x.years[1].year = 2022;
  x.years[1].source = "TB 2022";
  CalendarSpec y = calendar_spec("y", {day(2021, 4, 30), day(2021, 5, 1)});
  y.weekend = 0b1000000;  // Sunday only
  y.rules = inspectrack::calendar::Rules::vietnam;

  const auto first = test_support::import_plan(*store, calendars_plan({y, x}), at("2021-07-20T08:00:00Z"));
  REQUIRE(first.changes.size() == 2);
  CHECK(first.changes[0].entity == "calendar");
  CHECK(first.changes[0].key == "y");
  CHECK(first.changes[0].kind == Change::Kind::added);
  CHECK(first.changes[1].key == "x");
  CHECK(first.count(Change::Kind::added) == 2);
  const auto history = store->events_for("calendar", "x");
  REQUIRE(history.size() == 1);
  CHECK(history[0].action == "import");
  CHECK(history[0].after == "Lịch x");
  CHECK(history[0].task_id == 0);

  // By key, equal to what was imported.
  CHECK(store->calendars() == std::vector<CalendarSpec>{x, y});

  SUBCASE("the same calendars again: unchanged, no history") {
    const auto again = test_support::import_plan(*store, calendars_plan({y, x}), at("2021-07-21T08:00:00Z"));
    CHECK(again.changes.size() == 2);
    CHECK(again.count(Change::Kind::unchanged) == 2);
    CHECK(event_count(*store) == 2);
  }
  SUBCASE("an edited year is a change of that year, with an event") {
    CalendarSpec edited = x;
    edited.years[0].days_off.push_back({day(2021, 7, 16), DayKind::holiday, "Nghỉ", false});
    const auto outcome = test_support::import_plan(*store, calendars_plan({edited}), at("2021-07-21T08:00:00Z"));
    REQUIRE(outcome.changes.size() == 1);
    CHECK(outcome.changes[0].kind == Change::Kind::changed);
    CHECK(outcome.changes[0].fields == std::vector<std::string>{"year 2021"});
    const auto events = store->events_for("calendar", "x");
    REQUIRE(events.size() == 2);
    CHECK(events[1].action == "update");
    CHECK(events[1].field == "year 2021");
    CHECK(events[1].before == "1 days off, 1 working days; TB x");
    CHECK(events[1].after == "2 days off, 1 working days; TB x");
    CHECK(events[1].at == "2021-07-21T08:00:00Z");
    CHECK(store->calendars() == std::vector<CalendarSpec>{edited, y});
  }
  SUBCASE("name, weekend, rules and a new year") {
    CalendarSpec edited = y;
    edited.name = "Lịch mới";
    edited.weekend = inspectrack::calendar::kSaturdaySunday;
    edited.rules = inspectrack::calendar::Rules::none;
    edited.years.push_back(calendar_spec("y", {}).years[0]);
    edited.years[1].year = 2023;
    const auto outcome = test_support::import_plan(*store, calendars_plan({edited}), at("2021-07-21T08:00:00Z"));
    REQUIRE(outcome.changes.size() == 1);
    CHECK(outcome.changes[0].fields ==
          std::vector<std::string>{"name", "weekend", "rules", "year 2023"});
    const auto events = store->events_for("calendar", "y");
    REQUIRE(events.size() == 5);
    CHECK(events[2].field == "weekend");
    CHECK(events[2].before == "sunday");
    CHECK(events[2].after == "saturday,sunday");
    CHECK(events[3].before == "vietnam");
    CHECK(events[3].after == "none");
    CHECK(events[4].before == "");
    CHECK(events[4].after == "0 days off, 0 working days; TB y");
    CHECK(store->calendars()[1] == edited);
  }
  SUBCASE("a dry run stores nothing") {
    ImportOptions dry = at("2021-07-21T08:00:00Z");
    dry.dry_run = true;
    CalendarSpec z = calendar_spec("z", {});
    CHECK(test_support::import_plan(*store, calendars_plan({z}), dry).count(Change::Kind::added) == 1);
    CHECK(store->calendars().size() == 2);
  }
}

TEST_CASE("deadlines counted in working days move when their calendar's days change") {
  auto store = memory();
  CalendarRegistry calendars;
  calendars.add(inspectrack::import::shipped_calendar());
  calendars.add(calendar_spec("x", kNewYear));

  // Conclusion on Thursday 15/7/2021: 10 working days end on 29/7, or on 30/7 when
  // Friday 16/7 is a day off.
  auto plan = sample_plan();
  plan.calendars.push_back({calendar_spec("x", kNewYear), "x.yaml"});
  auto& tasks = plan.inspections[0].tasks;
  tasks[4].calendar = "x";  // tu-kiem-tra@ia-me: within 10 working days, last day 29/7
  tasks[2].calendar = "x";  // ket-thuc@chu-prong: a date, whatever the calendar
  ImportOptions options = at("2021-07-20T08:00:00Z");
  options.calendars = &calendars;
  const auto first = test_support::import_plan(*store, plan, options);
  CHECK(first.count(Change::Kind::added) == 14);
  REQUIRE(store->task_by_key("cp/tu-kiem-tra@ia-me")->last_day == day(2021, 7, 29));
  const auto id = store->task_by_key("cp/tu-kiem-tra@ia-me")->id;

  // The calendar alone, with 16/7 off, as `import x.yaml` brings it.
  const CalendarSpec edited = calendar_spec("x", {day(2021, 1, 1), day(2021, 7, 16)});
  calendars.add(edited);
  ImportOptions later = at("2021-07-21T08:00:00Z");
  later.calendars = &calendars;
  const auto outcome = test_support::import_plan(*store, calendars_plan({edited}), later);
  REQUIRE(outcome.changes.size() == 2);
  CHECK(outcome.changes[0].entity == "calendar");
  CHECK(outcome.changes[0].fields == std::vector<std::string>{"year 2021"});
  CHECK(outcome.changes[1].entity == "task");
  CHECK(outcome.changes[1].key == "cp/tu-kiem-tra@ia-me");
  CHECK(outcome.changes[1].kind == Change::Kind::changed);
  CHECK(outcome.changes[1].fields == std::vector<std::string>{"last_day"});

  const auto t = store->task(id);
  REQUIRE(t);
  CHECK(t->last_day == day(2021, 7, 30));
  CHECK(t->calendar == "x");
  const auto history = store->events(id);
  REQUIRE(history.size() == 2);
  CHECK(history[1].action == "update");
  CHECK(history[1].field == "last_day");
  CHECK(history[1].before == "2021-07-29");
  CHECK(history[1].after == "2021-07-30");
  CHECK(history[1].at == "2021-07-21T08:00:00Z");
  // Tasks of other calendars and explicit dates stay as they were.
  CHECK(store->task_by_key("cp/ket-thuc@chu-prong")->last_day == day(2021, 7, 31));
  CHECK(store->events(store->task_by_key("cp/ket-thuc@chu-prong")->id).size() == 1);

  SUBCASE("importing the calendar again moves nothing") {
    CHECK(test_support::import_plan(*store, calendars_plan({edited}), later).count(Change::Kind::unchanged) == 1);
    CHECK(store->events(id).size() == 2);
  }
}

TEST_CASE("the shipped calendar is recorded, and an imported calendar vn replaces it") {
  TempDir dir;
  const std::string path = dir.file("db");
  auto store = open_sqlite(path, read_write());
  const CalendarSpec& shipped = inspectrack::import::shipped_calendar();
  ImportOptions options = at("2021-07-20T08:00:00Z");
  options.shipped = &shipped;
  const auto builtin = [&] {
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    return rows_of(raw,
                   "SELECT key, builtin, source_file, (SELECT count(*) FROM calendar_years y"
                   " WHERE y.calendar_id = c.id) FROM calendars c ORDER BY key");
  };
  const std::string years = std::to_string(shipped.years.size());

  const auto first = test_support::import_plan(*store, sample_plan(), options);
  CHECK(first.count(Change::Kind::added) == 14);
  const Change* vn = find_change(first, "calendar", "vn");
  REQUIRE(vn);
  CHECK(vn->kind == Change::Kind::added);
  CHECK(first.changes.front().entity == "calendar");
  CHECK(builtin() == std::vector<std::string>{"vn|1|NULL|" + years});
  // Only imported calendars are listed.
  CHECK(store->calendars().empty());
  CHECK(store->events_for("calendar", "vn").size() == 1);

  SUBCASE("the same shipped calendar again is not even mentioned") {
    const auto again = test_support::import_plan(*store, sample_plan(), options);
    CHECK(find_change(again, "calendar", "vn") == nullptr);
    CHECK(again.changes.size() == 13);
    CHECK(store->events_for("calendar", "vn").size() == 1);
  }
  SUBCASE("a later inspectrack's shipped calendar updates the record") {
    CalendarSpec newer = shipped;
    newer.years.push_back(calendar_spec("vn", {day(2021, 1, 1)}).years[0]);
    newer.years.back().year = 2099;
    newer.years.back().days_off[0].date = day(2099, 1, 1);
    ImportOptions next = options;
    next.shipped = &newer;
    const auto outcome = test_support::import_plan(*store, sample_plan(), next);
    const Change* change = find_change(outcome, "calendar", "vn");
    REQUIRE(change);
    CHECK(change->kind == Change::Kind::changed);
    CHECK(change->fields == std::vector<std::string>{"year 2099"});
    CHECK(builtin() ==
          std::vector<std::string>{"vn|1|NULL|" + std::to_string(shipped.years.size() + 1)});
    CHECK(store->calendars().empty());
  }
  SUBCASE("an imported calendar with the key vn replaces it") {
    const CalendarSpec own = calendar_spec("vn", kNewYear);
    const auto outcome = test_support::import_plan(*store, calendars_plan({own}), options);
    const Change* change = find_change(outcome, "calendar", "vn");
    REQUIRE(change);
    CHECK(change->kind == Change::Kind::changed);
    CHECK(std::find(change->fields.begin(), change->fields.end(), "source") !=
          change->fields.end());
    CHECK(builtin() == std::vector<std::string>{"vn|0|vn.yaml|1"});
    CHECK(store->calendars() == std::vector<CalendarSpec>{own});
    // The shipped one does not come back with later imports.
    const auto later = test_support::import_plan(*store, sample_plan(), options);
    CHECK(find_change(later, "calendar", "vn") == nullptr);
    CHECK(builtin() == std::vector<std::string>{"vn|0|vn.yaml|1"});
    CHECK(store->calendars() == std::vector<CalendarSpec>{own});
  }
}

