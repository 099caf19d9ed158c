// The reports read from the store one row at a time (each_overdue, each_due_within,
// summarize from the store) give exactly what the reports over every task loaded
// give: the same rows, in the same order, with the same counts. The store is the fake
// one, which answers these queries as SqliteStore does (fake_store_test.cpp).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "fake_store.hpp"
#include "inspectrack/report/summary.hpp"
#include "inspectrack/report/task_report.hpp"
#include "report_sample.hpp"

using namespace inspectrack;
using model::Date;
using model::Status;
using test_support::report_sample::d;
using test_support::report_sample::filters;

namespace {

struct Fixture {
  test_support::FakeStore fake;
  test_support::FakeStore* store = &fake;
  calendar::CalendarRegistry calendars;

  Fixture() {
    test_support::report_sample::fill(fake);
    calendar::CalendarSpec vn;
    vn.key = "vn";
    calendars.add(vn);
  }
};

std::vector<std::string> keys(const std::vector<report::TaskRow>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.task.full_key() + " " + std::to_string(r.days_late));
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
            f.store->due_between(as_of, as_of.plus_days(3 * days), filter), as_of, days, f.calendars);
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
      ff.concluded = filter.concluded;
      ff.dated = filter.dated;
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
