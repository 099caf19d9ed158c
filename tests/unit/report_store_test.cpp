// The reports read from the store one row at a time (each_overdue, each_due_within,
// summarize from the store) give exactly what the reports over every task loaded
// give: the same rows, in the same order, with the same counts.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "inspectrack/report/summary.hpp"
#include "inspectrack/report/task_report.hpp"
#include "inspectrack/storage/sqlite_store.hpp"
#include "temp_dir.hpp"

using namespace inspectrack;
using model::Date;
using model::Due;
using model::Status;
using model::UnitKind;

namespace {

Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

model::Unit unit(const std::string& key, const std::string& name, UnitKind kind,
                 std::optional<std::string> parent = std::nullopt) {
  model::Unit u;
  u.key = key;
  u.name = name;
  u.kind = kind;
  u.parent = std::move(parent);
  return u;
}

model::Task task(const std::string& insp, const std::string& key, const std::string& assignee,
                 std::optional<Date> last_day, std::vector<std::string> findings = {}) {
  model::Task t;
  t.inspection = insp;
  t.key = key;
  t.assignee = assignee;
  t.action = "Khắc phục " + key;
  if (last_day) {
    t.due.form = Due::Form::date;
    t.due.date = last_day;
    t.due.text = last_day->vn();
  } else {
    t.due.form = Due::Form::none;
    t.due.text = "none";
  }
  t.last_day = last_day;
  t.findings = std::move(findings);
  t.calendar = "vn";
  return t;
}

// Names sort differently from keys (z-xa is "UBND xã An"), several tasks share a last
// day and an assignee, two inspections, findings with areas, a unit with no task.
import::ImportPlan plan() {
  import::ImportPlan p;
  p.units = {unit("huyen", "UBND huyện", UnitKind::district),
             unit("noi-vu", "Phòng Nội vụ", UnitKind::department, "huyen"),
             unit("z-xa", "UBND xã An", UnitKind::commune, "huyen"),
             unit("a-xa", "UBND xã Yên", UnitKind::commune, "huyen"),
             unit("m-xa", "UBND xã Yên", UnitKind::commune, "huyen"),
             unit("idle", "UBND xã Nghỉ", UnitKind::commune, "huyen")};
  for (const std::string insp : {"i2", "i1"}) {
    import::InspectionPlan ip;
    ip.source = insp + ".yaml";
    ip.inspection.key = insp;
    ip.inspection.title = insp == "i1" ? "Đợt Z" : "Đợt A";
    ip.inspection.scope = "huyen";
    model::Finding f;
    f.inspection = insp;
    f.key = "f-tthc";
    f.unit = "z-xa";
    f.area = "tthc.cong-khai";
    f.text = "Niêm yết";
    ip.findings.push_back(f);
    f.key = "f-mc";
    f.unit = "a-xa";
    f.area = "mot-cua";
    ip.findings.push_back(f);
    const std::vector<std::optional<Date>> days = {d(2021, 7, 10), d(2021, 7, 10), d(2021, 7, 20),
                                                   d(2021, 8, 2),  d(2021, 8, 5),  std::nullopt};
    int n = 0;
    for (const std::string assignee : {"z-xa", "a-xa", "m-xa", "noi-vu"}) {
      for (const auto& day : days) {
        std::vector<std::string> linked;
        if (n % 3 == 0) linked = {"f-tthc"};
        if (n % 3 == 1) linked = {"f-mc", "f-tthc"};
        ip.tasks.push_back(task(insp, "t" + std::to_string(n++ % 7), assignee, day, linked));
        if (n % 2 == 0) ip.tasks.back().report_to = "noi-vu";
      }
    }
    p.inspections.push_back(ip);
  }
  return p;
}

struct Fixture {
  test_support::TempDir dir;
  std::string path = dir.file("db");
  std::unique_ptr<storage::Store> store;
  calendar::CalendarRegistry calendars;

  Fixture() {
    storage::OpenOptions o;
    o.mode = storage::OpenMode::read_write;
    store = storage::open_sqlite(path, o);
    storage::ImportOptions io;
    io.actor = "tester";
    io.now = "2021-07-01T00:00:00Z";
    store->import(plan(), io);
    calendar::CalendarSpec vn;
    vn.key = "vn";
    calendars.add(vn);
    // Progress of every kind, written as the lifecycle writes it.
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    raw.exec("UPDATE tasks SET status = 'done', done_on = '2021-07-09', done_deadline = last_day"
             " WHERE id % 5 = 1");
    raw.exec("UPDATE tasks SET status = 'done', done_on = '2021-07-25', done_deadline = last_day"
             " WHERE id % 5 = 2");
    raw.exec("UPDATE tasks SET status = 'verified', done_on = '2021-07-01', verified_on = '2021-07-03',"
             " done_deadline = NULL WHERE id % 7 = 3");
    raw.exec("UPDATE tasks SET status = 'cancelled' WHERE id % 11 = 4");
    raw.exec("UPDATE tasks SET last_day = '2021-09-01', extensions = 1 WHERE id % 13 = 5 AND status = 'open'"
             " AND last_day IS NOT NULL");
  }
};

std::vector<std::string> keys(const std::vector<report::TaskRow>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.task.full_key() + " " + std::to_string(r.days_late));
  return out;
}

std::vector<storage::TaskFilter> filters() {
  std::vector<storage::TaskFilter> out(1);
  out.emplace_back().unit = "a-xa";
  out.emplace_back().inspection = "i1";
  out.emplace_back().report_to = "noi-vu";
  out.emplace_back().area = "tthc";
  out.emplace_back().status = Status::done;
  return out;
}

}  // namespace

TEST_CASE("each_overdue and each_due_within give overdue() and due_within(), row by row") {
  Fixture f;
  for (const Date as_of : {d(2021, 7, 10), d(2021, 7, 21), d(2021, 8, 6), d(2022, 1, 1)}) {
    for (const auto& filter : filters()) {
      CAPTURE(as_of.iso());
      std::vector<report::TaskRow> streamed;
      report::each_overdue(*f.store, as_of, filter, f.calendars,
                           [&](const report::TaskRow& r) { streamed.push_back(r); });
      const auto loaded = report::overdue(f.store->overdue(as_of, filter), as_of, f.calendars);
      CHECK(keys(streamed) == keys(loaded));
      for (const int days : {0, 3, 30}) {
        std::vector<report::TaskRow> due;
        report::each_due_within(*f.store, as_of, days, filter, f.calendars,
                                [&](const report::TaskRow& r) { due.push_back(r); });
        const auto due_loaded = report::due_within(
            f.store->due_between(as_of, as_of.plus_days(days), filter), as_of, days, f.calendars);
        CHECK(keys(due) == keys(due_loaded));
      }
    }
  }
  // Not vacuous: the sample has overdue rows whose names and keys sort differently.
  std::vector<report::TaskRow> all;
  report::each_overdue(*f.store, d(2021, 8, 6), {}, f.calendars,
                       [&](const report::TaskRow& r) { all.push_back(r); });
  REQUIRE(all.size() > 10);
  std::vector<std::string> assignees;
  for (const auto& r : all) {
    if (assignees.empty() || assignees.back() != r.task.assignee) assignees.push_back(r.task.assignee);
  }
  // By name ("Phòng Nội vụ", "UBND xã An", "UBND xã Yên" twice), then key.
  CHECK(assignees == std::vector<std::string>{"noi-vu", "z-xa", "a-xa", "m-xa"});
}

TEST_CASE("summarize from the store counts what summarize of the loaded tasks counts") {
  Fixture f;
  const auto units = f.store->units();
  const auto inspections = f.store->inspections();
  for (const auto by : {report::GroupBy::unit, report::GroupBy::inspection}) {
    for (const auto& filter : filters()) {
      storage::FindingFilter ff;
      ff.unit = filter.unit;
      ff.inspection = filter.inspection;
      ff.area = filter.area;
      for (const Date as_of : {d(2021, 7, 10), d(2021, 8, 3), d(2021, 12, 31)}) {
        const auto streamed = report::summarize(*f.store, by, filter, ff, as_of);
        const auto loaded = report::summarize(f.store->tasks(filter), f.store->findings(ff), units,
                                              inspections, by, as_of);
        REQUIRE(streamed.size() == loaded.size());
        for (std::size_t i = 0; i < loaded.size(); ++i) {
          const auto& a = streamed[i];
          const auto& b = loaded[i];
          CAPTURE(*b.group);
          CHECK(a.group == b.group);
          CHECK(a.name == b.name);
          CHECK(a.findings == b.findings);
          CHECK(a.tasks == b.tasks);
          CHECK(a.open == b.open);
          CHECK(a.overdue == b.overdue);
          CHECK(a.open_in_time == b.open_in_time);
          CHECK(a.done_on_time == b.done_on_time);
          CHECK(a.done_late == b.done_late);
          CHECK(a.no_deadline == b.no_deadline);
          CHECK(a.cancelled == b.cancelled);
          CHECK(a.verified == b.verified);
          CHECK(a.on_time_rate == b.on_time_rate);
          CHECK(a.overdue_1_7 == b.overdue_1_7);
          CHECK(a.overdue_8_30 == b.overdue_8_30);
          CHECK(a.overdue_31_90 == b.overdue_31_90);
          CHECK(a.overdue_over_90 == b.overdue_over_90);
        }
      }
    }
  }
  // Every bucket is exercised by the sample.
  const auto rows = report::summarize(*f.store, report::GroupBy::unit, {}, {}, d(2021, 8, 3));
  report::SummaryRow total;
  for (const auto& r : rows) {
    total.done_late += r.done_late;
    total.done_on_time += r.done_on_time;
    total.cancelled += r.cancelled;
    total.verified += r.verified;
    total.overdue += r.overdue;
    total.no_deadline += r.no_deadline;
    total.open_in_time += r.open_in_time;
  }
  CHECK(total.done_late > 0);
  CHECK(total.done_on_time > 0);
  CHECK(total.cancelled > 0);
  CHECK(total.verified > 0);
  CHECK(total.overdue > 0);
  CHECK(total.no_deadline > 0);
  CHECK(total.open_in_time > 0);
  CHECK(rows.size() == 4);  // "idle" has neither findings nor tasks
}

TEST_CASE("count_task: the buckets of one task") {
  const Date as_of = d(2021, 8, 1);
  const auto counted = [&](storage::TaskTally t) {
    report::SummaryRow row;
    report::count_task(row, t, as_of);
    report::finish_row(row);
    return row;
  };
  storage::TaskTally t;
  t.last_day = d(2021, 7, 31);
  CHECK(counted(t).open_in_time == 0);
  CHECK(counted(t).overdue == 1);
  CHECK(counted(t).overdue_1_7 == 1);
  t.last_day = as_of;
  CHECK(counted(t).open_in_time == 1);
  t.last_day.reset();
  CHECK(counted(t).no_deadline == 1);
  t.status = Status::done;
  t.done_on = d(2021, 7, 20);
  t.last_day = d(2021, 7, 10);
  t.done_deadline = d(2021, 7, 25);  // extended before it was done
  CHECK(counted(t).done_on_time == 1);
  CHECK(counted(t).on_time_rate == 1.0);
  t.done_deadline.reset();  // done before deadlines in force were recorded: today's
  CHECK(counted(t).done_late == 1);
  CHECK(counted(t).on_time_rate == 0.0);
  t.status = Status::verified;
  CHECK(counted(t).verified == 1);
  t.status = Status::cancelled;
  CHECK(counted(t).cancelled == 1);
  CHECK_FALSE(counted(t).on_time_rate.has_value());
}
