// The occurrences of recurring tasks (src/storage/import_occurrences.cpp): what is
// pending is found by reading only.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <sqlite3.h>

#include "../../src/storage/importer.hpp"
#include "import_plan.hpp"
#include "inspectrack/calendar/registry.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/import/shipped_calendar.hpp"
#include "storage_import_support.hpp"
#include "temp_dir.hpp"

using namespace test_support;
using inspectrack::storage::OccurrenceOptions;

namespace {

const inspectrack::calendar::CalendarRegistry& shipped() {
  static const inspectrack::calendar::CalendarRegistry registry = [] {
    inspectrack::calendar::CalendarRegistry r;
    r.add(inspectrack::import::shipped_calendar());
    return r;
  }();
  return registry;
}

// small_plan() with a monthly report from July 2021, due on the 10th of each month.
inspectrack::import::ImportPlan monthly_plan() {
  auto plan = small_plan();
  auto series = make_task("bao-cao", "xa-b");
  series.due = {};
  series.due.form = inspectrack::model::Due::Form::day;
  series.due.day = 10;
  series.due.text = "day: 10";
  series.last_day = std::nullopt;
  series.calendar = "vn";
  series.repeat = inspectrack::model::Repeat{inspectrack::model::Repeat::Every::monthly,
                                             ymd(2021, 7, 1), std::nullopt};
  plan.inspections[0].series = {series};
  return plan;
}

// Refuses every statement that would write: preparing one fails.
int read_only_authorizer(void*, int action, const char*, const char*, const char*, const char*) {
  switch (action) {
    case SQLITE_INSERT:
    case SQLITE_UPDATE:
    case SQLITE_DELETE:
      return SQLITE_DENY;
    default:
      return SQLITE_OK;
  }
}

}  // namespace

TEST_CASE("whether occurrences are pending is found without preparing a single write") {
  TempDir dir;
  const std::string path = dir.file("db.sqlite");
  {
    inspectrack::storage::OpenOptions rw;
    rw.mode = inspectrack::storage::OpenMode::read_write;
    auto store = inspectrack::storage::open_sqlite(path, rw);
    auto options = at("2021-07-20T08:00:00Z");
    options.calendars = &shipped();
    options.occurrences_until = ymd(2021, 7, 20);
    import_plan(*store, monthly_plan(), options);
  }
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  sqlite3_set_authorizer(db.getHandle(), read_only_authorizer, nullptr);
  CHECK_THROWS_AS(SQLite::Statement(db, "DELETE FROM events"), SQLite::Exception);

  const auto pending = [&](inspectrack::model::Date until) {
    const OccurrenceOptions options{until, &shipped(), "", ""};
    return inspectrack::storage::detail::occurrences_pending(db, options);
  };
  CHECK_FALSE(pending(ymd(2021, 8, 9)));  // July's is made; August's is due on 10/8
  CHECK(pending(ymd(2021, 8, 10)));
}

TEST_CASE("occurrences are made once each, then none is pending") {
  auto store = memory_store();
  auto options = at("2021-07-20T08:00:00Z");
  options.calendars = &shipped();
  options.occurrences_until = ymd(2021, 7, 20);
  import_plan(*store, monthly_plan(), options);
  const OccurrenceOptions until_september{ymd(2021, 9, 30), &shipped(), "clerk", "2021-09-30T08:00:00Z"};
  CHECK(store->occurrences_pending(until_september));
  const auto made = store->make_occurrences(until_september);
  REQUIRE(made.size() == 2);
  CHECK(made[0].key == "k/bao-cao@xa-b#2021-08");
  CHECK(made[1].key == "k/bao-cao@xa-b#2021-09");
  CHECK(made[0].kind == Change::Kind::added);
  CHECK_FALSE(store->occurrences_pending(until_september));
  CHECK(store->make_occurrences(until_september).empty());
  const auto occurrence = store->task_by_key("k/bao-cao@xa-b#2021-09");
  REQUIRE(occurrence);
  CHECK(occurrence->last_day == ymd(2021, 9, 10));
  const auto events = store->events(occurrence->id);
  REQUIRE(events.size() == 1);
  CHECK(events[0].action == "repeat");
  CHECK(events[0].actor == "clerk");
}

TEST_CASE("more new occurrences at once than the limit are refused") {
  auto store = memory_store();
  auto options = at("2021-07-20T08:00:00Z");
  options.calendars = &shipped();
  options.occurrences_until = ymd(2021, 12, 31);
  options.max_occurrences = 5;  // July to December is six
  CHECK_THROWS_AS(import_plan(*store, monthly_plan(), options), inspectrack::StorageError);
  CHECK(store->tasks({}).empty());
  options.max_occurrences = 6;
  import_plan(*store, monthly_plan(), options);
  CHECK(store->tasks({}).size() == 1 + 6);
}
