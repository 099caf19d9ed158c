// The fake store answers the report queries as SqliteStore does: the same sample in
// both (imported into one, added to the other), every query with each filter,
// compared row by row, so that tests fed by the fake hold for the real store.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "fake_store.hpp"
#include "import_plan.hpp"
#include "inspectrack/storage/sqlite_store.hpp"
#include "report_sample.hpp"
#include "temp_dir.hpp"

using namespace inspectrack;
using model::Date;
namespace sample = test_support::report_sample;

namespace {

struct Both {
  test_support::TempDir dir;
  std::unique_ptr<storage::Store> sqlite;
  test_support::FakeStore fake;

  Both() {
    import::ImportPlan plan;
    plan.units = sample::units();
    for (const auto& rows : sample::inspections()) {
      import::InspectionPlan& ip = plan.inspections.emplace_back();
      ip.source = rows.inspection.key + ".yaml";
      ip.inspection = rows.inspection;
      ip.findings = rows.findings;
      ip.tasks = rows.tasks;
    }
    storage::OpenOptions o;
    o.mode = storage::OpenMode::read_write;
    const std::string path = dir.file("db");
    sqlite = storage::open_sqlite(path, o);
    storage::ImportOptions io;
    io.actor = "tester";
    io.now = "2021-07-01T00:00:00Z";
    test_support::import_plan(*sqlite, plan, io);
    SQLite::Database(path, SQLite::OPEN_READWRITE).exec(sample::progress_sql());
    sample::fill(fake);
  }
};

std::string opt(const std::optional<Date>& day) { return day ? day->iso() : "-"; }

// Every field a report reads of a task, the display names included.
std::string shown(const model::Task& t) {
  std::string findings;
  for (const auto& f : t.findings) findings += f + ",";
  return std::to_string(t.id) + " " + t.full_key() + " " + t.action + " " + t.report_to.value_or("-") +
         " " + t.target + " " + t.due.text + " " + opt(t.last_day) + " " + opt(t.original_last_day) +
         " " + std::string(model::to_string(t.status)) + " " + opt(t.done_on) + " " +
         opt(t.done_deadline) + " " + opt(t.verified_on) + " " + std::to_string(t.extensions) + " " +
         findings + " " + t.calendar + " " + t.assignee_name + "|" + t.report_to_name + "|" +
         t.inspection_title;
}

std::vector<std::string> shown(const std::vector<model::Task>& tasks) {
  std::vector<std::string> out;
  for (const auto& t : tasks) out.push_back(shown(t));
  return out;
}

template <class Each>
std::vector<std::string> streamed(Each each) {
  std::vector<std::string> out;
  each([&](const model::Task& t) { out.push_back(shown(t)); });
  return out;
}

// Group row ids differ in meaning between stores only if the ids do: compare by key.
std::vector<std::string> tallies(storage::ReportQueries& store, storage::Grouping by,
                                 const storage::TaskFilter& filter) {
  std::map<std::int64_t, std::string> key_of;
  for (const auto& g : store.group_names(by)) key_of[g.id] = g.key + " " + g.name;
  std::vector<std::string> out;
  store.each_tally(by, filter, [&](const storage::TaskTally& t) {
    out.push_back(key_of[t.group] + " " + std::string(model::to_string(t.status)) + " " +
                  opt(t.last_day) + " " + opt(t.done_on) + " " + opt(t.done_deadline));
  });
  std::sort(out.begin(), out.end());
  for (const auto& [group, count] : store.finding_counts(by, {})) {
    out.push_back(key_of[group] + " findings " + std::to_string(count));
  }
  return out;
}

// Every filter, in every order: each sort, under each grouping.
std::vector<storage::TaskFilter> ordered_filters() {
  std::vector<storage::TaskFilter> out;
  for (auto filter : sample::filters()) {
    for (const auto group : {storage::TaskGroup::none, storage::TaskGroup::unit,
                             storage::TaskGroup::inspection, storage::TaskGroup::report_to}) {
      for (const auto sort : {storage::TaskSort::unit, storage::TaskSort::key, storage::TaskSort::deadline,
                              storage::TaskSort::inspection}) {
        filter.group = group;
        filter.sort = sort;
        out.push_back(filter);
      }
    }
  }
  return out;
}

}  // namespace

TEST_CASE("the fake store selects and orders tasks as SqliteStore does") {
  Both b;
  for (const auto& filter : ordered_filters()) {
    CAPTURE(filter.unit.value_or(filter.area.value_or(filter.inspection.value_or("-"))));
    CAPTURE(opt(filter.deadline.from) + ".." + opt(filter.deadline.to) + " " + opt(filter.concluded.from) +
            ".." + opt(filter.concluded.to) + " " + opt(filter.dated.from) + ".." + opt(filter.dated.to));
    CAPTURE(static_cast<int>(filter.sort));
    CAPTURE(static_cast<int>(filter.group));
    CHECK(shown(b.fake.tasks(filter)) == shown(b.sqlite->tasks(filter)));
    for (const Date as_of :
         {sample::d(2021, 7, 10), sample::d(2021, 7, 21), sample::d(2021, 8, 6), sample::d(2022, 1, 1)}) {
      CHECK(shown(b.fake.overdue(as_of, filter)) == shown(b.sqlite->overdue(as_of, filter)));
      CHECK(b.fake.any_overdue(as_of, filter) == b.sqlite->any_overdue(as_of, filter));
      CHECK(streamed([&](auto sink) { b.fake.each_overdue(as_of, filter, sink); }) ==
            streamed([&](auto sink) { b.sqlite->each_overdue(as_of, filter, sink); }));
      const Date to = as_of.plus_days(20);
      CHECK(shown(b.fake.due_between(as_of, to, filter)) == shown(b.sqlite->due_between(as_of, to, filter)));
      CHECK(streamed([&](auto sink) { b.fake.each_due_between(as_of, to, filter, sink); }) ==
            streamed([&](auto sink) { b.sqlite->each_due_between(as_of, to, filter, sink); }));
    }
    for (const auto by : {storage::Grouping::unit, storage::Grouping::inspection}) {
      CHECK(tallies(b.fake, by, filter) == tallies(*b.sqlite, by, filter));
    }
  }
  // Not vacuous: the sample has rows for each kind of query.
  CHECK(b.sqlite->tasks({}).size() == 48);
  CHECK(b.sqlite->overdue(sample::d(2021, 8, 6), {}).size() > 10);
  // Nor are the ranges: each selects some of the tasks, and but for 2021 not all.
  for (const auto& filter : sample::filters()) {
    if (!filter.deadline.given() && !filter.concluded.given() && !filter.dated.given()) continue;
    CAPTURE(opt(filter.deadline.from) + ".." + opt(filter.deadline.to));
    CHECK(!b.sqlite->tasks(filter).empty());
    // Both inspections are of 2021: that year alone selects every task.
    if (filter.dated != storage::DateRange::year(2021) || filter.unit)
      CHECK(b.sqlite->tasks(filter).size() < 48);
  }
}

TEST_CASE("the fake store finds units, inspections, findings and tasks as SqliteStore does") {
  Both b;
  const auto unit_keys = [](const std::vector<model::Unit>& units) {
    std::vector<std::string> out;
    for (const auto& u : units) out.push_back(u.key + " " + u.name + " " + u.parent.value_or("-"));
    return out;
  };
  CHECK(unit_keys(b.fake.units()) == unit_keys(b.sqlite->units()));
  std::vector<std::string> fake_groups, sqlite_groups;
  for (const auto& g : b.fake.group_names(storage::Grouping::unit)) fake_groups.push_back(g.key);
  for (const auto& g : b.sqlite->group_names(storage::Grouping::unit)) sqlite_groups.push_back(g.key);
  CHECK(fake_groups == sqlite_groups);
  REQUIRE(b.fake.inspections().size() == b.sqlite->inspections().size());
  for (std::size_t n = 0; n < b.fake.inspections().size(); ++n) {
    CHECK(b.fake.inspections()[n].key == b.sqlite->inspections()[n].key);
    CHECK(b.fake.inspections()[n].title == b.sqlite->inspections()[n].title);
  }
  for (const auto& filter : sample::filters()) {
    storage::FindingFilter ff;
    ff.unit = filter.unit;
    ff.inspection = filter.inspection;
    ff.area = filter.area;
    ff.concluded = filter.concluded;
    ff.dated = filter.dated;
    CHECK(b.fake.findings(ff) == b.sqlite->findings(ff));
  }
  CHECK(b.fake.finding("i1", "f-mc") == b.sqlite->finding("i1", "f-mc"));
  CHECK_FALSE(b.fake.finding("i1", "nothing").has_value());
  CHECK(b.fake.unit("a-xa")->name == b.sqlite->unit("a-xa")->name);
  CHECK_FALSE(b.fake.unit("nobody").has_value());
  CHECK(b.fake.inspection("i2")->title == b.sqlite->inspection("i2")->title);
  for (std::int64_t id = 0; id <= 50; ++id) {
    const auto fake = b.fake.task(id);
    const auto real = b.sqlite->task(id);
    REQUIRE(fake.has_value() == real.has_value());
    if (real) CHECK(shown(*fake) == shown(*real));
  }
  // An exact key, a unique prefix, an ambiguous one and none.
  for (const std::string key : {"i1/t3@m-xa", "i1/t3@m", "i1/t3@", "i1/t9", ""}) {
    CAPTURE(key);
    const auto fake = b.fake.task_by_key(key);
    const auto real = b.sqlite->task_by_key(key);
    REQUIRE(fake.has_value() == real.has_value());
    if (real) CHECK(shown(*fake) == shown(*real));
  }
  for (const std::string prefix : {"i1/t3@", "i1/", "i", "i1/t9", ""}) {
    CAPTURE(prefix);
    for (const std::size_t limit : {1u, 2u, 100u}) {
      const auto fake = b.fake.task_keys_with_prefix(prefix, limit);
      const auto real = b.sqlite->task_keys_with_prefix(prefix, limit);
      CHECK(fake.keys == real.keys);
      CHECK(fake.count == real.count);
    }
  }
}
