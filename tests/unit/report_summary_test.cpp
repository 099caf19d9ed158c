#include <doctest/doctest.h>

#include "inspectrack/report/summary.hpp"

using namespace inspectrack;
using model::Date;
using model::Status;
using model::Task;

namespace {
Date d(const char* s) { return *model::parse_date(s).date; }

Task task(const char* insp, const char* assignee, std::optional<Date> last_day, Status status,
          std::optional<Date> done_on = std::nullopt, std::vector<std::string> findings = {}) {
  Task t;
  t.inspection = insp;
  t.key = "t";
  t.assignee = assignee;
  t.last_day = last_day;
  t.original_last_day = last_day;
  t.status = status;
  t.done_on = done_on;
  if (status == Status::done || status == Status::verified) t.done_deadline = last_day;
  if (status == Status::verified) t.verified_on = done_on;
  t.findings = std::move(findings);
  return t;
}

// A task whose deadline `original` was extended to `extended`.
Task extended(Date original, Date extended, Status status, std::optional<Date> done_on = std::nullopt) {
  Task t = task("i", "u", extended, status, done_on);
  t.original_last_day = original;
  t.extensions = 1;
  return t;
}

model::Finding finding(const char* insp, const char* key, const char* unit, const char* area) {
  model::Finding f;
  f.inspection = insp;
  f.key = key;
  f.unit = unit;
  f.area = area;
  return f;
}

// The one row of a summary of `tasks`, all for unit "u".
report::SummaryRow summarize_one(const std::vector<Task>& tasks, Date as_of) {
  const auto rows = report::summarize(tasks, {}, {}, {}, report::GroupBy::unit, as_of);
  REQUIRE(rows.size() == 1);
  return rows[0];
}

// Open tasks are overdue, in time or without deadline; every task is open, done
// (on time or late) or cancelled; the ageing bands split the overdue ones.
void check_invariants(const report::SummaryRow& r) {
  CAPTURE(r.group.value_or("(no area)"));
  CHECK(r.open == r.overdue + r.open_in_time + r.no_deadline);
  CHECK(r.tasks == r.open + r.done_on_time + r.done_late + r.cancelled);
  CHECK(r.overdue == r.overdue_1_7 + r.overdue_8_30 + r.overdue_31_90 + r.overdue_over_90);
  CHECK(r.verified <= r.done_on_time + r.done_late);
  if (r.done_on_time + r.done_late == 0) {
    CHECK_FALSE(r.on_time_rate);
  } else {
    REQUIRE(r.on_time_rate);
    CHECK(*r.on_time_rate ==
          doctest::Approx(static_cast<double>(r.done_on_time) / (r.done_on_time + r.done_late)));
  }
}

// Every kind of task, spread over two inspections, three units and two areas.
std::vector<Task> mixed_tasks() {
  return {
      task("i", "a", d("2021-07-21"), Status::done, d("2021-07-20"), {"f1"}),      // early
      task("i", "a", d("2021-07-21"), Status::verified, d("2021-07-21"), {"f1"}),  // on the day
      task("i", "a", d("2021-07-21"), Status::done, d("2021-07-23"), {"f2"}),      // late
      task("i", "a", d("2021-07-21"), Status::open, std::nullopt, {"f1", "f2"}),  // 8 days late
      task("i", "a", d("2021-07-30"), Status::open, std::nullopt, {"f3"}),        // in time
      task("i", "a", std::nullopt, Status::open),                                // no deadline
      task("i", "a", std::nullopt, Status::done, d("2021-07-29")),               // on time
      task("i", "a", d("2021-07-01"), Status::cancelled, std::nullopt, {"f2"}),
      task("j", "b", d("2021-07-21"), Status::open),
      task("j", "b", d("2021-01-01"), Status::open, std::nullopt, {"f4"}),       // 209 days late
      task("j", "b", d("2021-07-01"), Status::verified, d("2021-07-05"), {"f4"}),  // late
      task("j", "c", d("2021-07-29"), Status::open),                               // due today
  };
}

std::vector<model::Finding> mixed_findings() {
  return {finding("i", "f1", "a", "x"), finding("i", "f2", "a", "y"), finding("i", "f3", "c", "y"),
          finding("j", "f4", "b", "")};
}
}  // namespace

TEST_CASE("summary by unit counts every bucket") {
  const Date as_of = d("2021-07-29");
  const std::vector<model::Unit> units = {{"a", "UBND xã A", model::UnitKind::commune, {}, {}, ""}};
  const auto rows =
      report::summarize(mixed_tasks(), mixed_findings(), units, {}, report::GroupBy::unit, as_of);
  REQUIRE(rows.size() == 3);
  const auto& a = rows[0];
  CHECK(*a.group == "a");
  CHECK(a.name == "UBND xã A");
  CHECK(a.findings == 2);
  CHECK(a.tasks == 8);
  CHECK(a.open == 3);
  CHECK(a.overdue == 1);
  CHECK(a.open_in_time == 1);
  CHECK(a.no_deadline == 1);
  CHECK(a.done_on_time == 3);
  CHECK(a.done_late == 1);
  CHECK(a.cancelled == 1);
  CHECK(a.verified == 1);
  CHECK(a.overdue_1_7 == 0);
  CHECK(a.overdue_8_30 == 1);
  CHECK(a.overdue_31_90 == 0);
  CHECK(a.overdue_over_90 == 0);
  REQUIRE(a.on_time_rate);
  CHECK(*a.on_time_rate == doctest::Approx(0.75));

  const auto& b = rows[1];
  CHECK(*b.group == "b");
  CHECK(b.name == "b");  // not registered: the key stands in
  CHECK(b.findings == 1);
  CHECK(b.tasks == 3);
  CHECK(b.overdue == 2);
  CHECK(b.overdue_8_30 == 1);
  CHECK(b.overdue_over_90 == 1);
  CHECK(b.done_late == 1);
  CHECK(b.verified == 1);
  REQUIRE(b.on_time_rate);
  CHECK(*b.on_time_rate == doctest::Approx(0.0));

  const auto& c = rows[2];
  CHECK(*c.group == "c");
  CHECK(c.findings == 1);
  CHECK(c.tasks == 1);
  CHECK(c.open_in_time == 1);  // the last day itself is still in time
  CHECK(c.overdue == 0);
  CHECK_FALSE(c.on_time_rate);  // nothing done yet

  for (const auto& r : rows) check_invariants(r);
}

TEST_CASE("summary invariants hold whatever the grouping") {
  const auto tasks = mixed_tasks();
  const auto findings = mixed_findings();
  for (const auto by : {report::GroupBy::unit, report::GroupBy::inspection, report::GroupBy::area}) {
    CAPTURE(static_cast<int>(by));
    const auto rows = report::summarize(tasks, findings, {}, {}, by, d("2021-07-29"));
    REQUIRE_FALSE(rows.empty());
    for (const auto& r : rows) check_invariants(r);
  }
}

TEST_CASE("summary by inspection counts the buckets per inspection") {
  const auto rows = report::summarize(mixed_tasks(), mixed_findings(), {}, {},
                                      report::GroupBy::inspection, d("2021-07-29"));
  REQUIRE(rows.size() == 2);
  CHECK(*rows[0].group == "i");
  CHECK(rows[0].findings == 3);
  CHECK(rows[0].tasks == 8);
  CHECK(rows[0].done_on_time == 3);
  CHECK(rows[0].verified == 1);
  CHECK(*rows[1].group == "j");
  CHECK(rows[1].findings == 1);
  CHECK(rows[1].tasks == 4);
  CHECK(rows[1].overdue == 2);
  CHECK(rows[1].open_in_time == 1);
  CHECK(rows[1].done_late == 1);
  CHECK(rows[1].verified == 1);
  CHECK(rows[1].overdue_over_90 == 1);
}

TEST_CASE("summary by area counts a task in each of its areas") {
  const auto rows = report::summarize(mixed_tasks(), mixed_findings(), {}, {}, report::GroupBy::area,
                                      d("2021-07-29"));
  REQUIRE(rows.size() == 3);
  const auto& x = rows[0];  // f1: early, on the day, the overdue one
  CHECK(*x.group == "x");
  CHECK(x.findings == 1);
  CHECK(x.tasks == 3);
  CHECK(x.done_on_time == 2);
  CHECK(x.verified == 1);
  CHECK(x.overdue == 1);
  CHECK(x.overdue_8_30 == 1);
  const auto& y = rows[1];  // f2, f3: late, the overdue one again, in time, cancelled
  CHECK(*y.group == "y");
  CHECK(y.findings == 2);
  CHECK(y.tasks == 4);
  CHECK(y.done_late == 1);
  CHECK(y.overdue == 1);
  CHECK(y.open_in_time == 1);
  CHECK(y.cancelled == 1);
  const auto& none = rows[2];  // f4 has no area; and the tasks linked to no finding
  CHECK_FALSE(none.group);
  CHECK(none.findings == 1);
  CHECK(none.tasks == 6);
  CHECK(none.no_deadline == 1);
  CHECK(none.done_on_time == 1);
  CHECK(none.done_late == 1);
  CHECK(none.overdue == 2);
  CHECK(none.open_in_time == 1);
}

TEST_CASE("summary by area: a task counts once per distinct area, unlinked tasks last") {
  const std::vector<model::Finding> findings = {finding("i", "f1", "u", "tthc"), finding("i", "f2", "u", "tthc"),
                                                finding("i", "f3", "u", "mot-cua"), finding("i", "f4", "u", "")};
  const std::vector<Task> tasks = {
      task("i", "u", std::nullopt, Status::open, std::nullopt, {"f1", "f2", "f3"}),
      task("i", "u", std::nullopt, Status::open, std::nullopt, {}),
      task("i", "u", std::nullopt, Status::open, std::nullopt, {"f4"}),
  };
  const auto rows = report::summarize(tasks, findings, {}, {}, report::GroupBy::area, d("2021-07-29"));
  REQUIRE(rows.size() == 3);
  CHECK(*rows[0].group == "mot-cua");
  CHECK(rows[0].tasks == 1);
  CHECK(*rows[1].group == "tthc");
  CHECK(rows[1].findings == 2);
  CHECK(rows[1].tasks == 1);
  CHECK_FALSE(rows[2].group);
  CHECK(rows[2].findings == 1);
  CHECK(rows[2].tasks == 2);
}

TEST_CASE("summary by inspection names groups by title") {
  model::Inspection insp;
  insp.key = "i";
  insp.title = "Kiểm tra CCHC";
  const std::vector<Task> tasks = {task("i", "u", d("2021-07-21"), Status::open)};
  const auto rows = report::summarize(tasks, {}, {}, {insp}, report::GroupBy::inspection, d("2021-07-22"));
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].name == "Kiểm tra CCHC");
  CHECK(rows[0].overdue == 1);
  CHECK(rows[0].overdue_1_7 == 1);
}

TEST_CASE("done tasks are judged against the deadline in force the day they were done") {
  const Date as_of = d("2021-08-31");
  const Date original = d("2021-07-21");
  const Date later = d("2021-08-05");

  SUBCASE("done early, on the day: on time; a day after: late") {
    const auto r = summarize_one({task("i", "u", original, Status::done, d("2021-07-20")),
                                  task("i", "u", original, Status::done, original),
                                  task("i", "u", original, Status::done, d("2021-07-22"))},
                                 as_of);
    CHECK(r.done_on_time == 2);
    CHECK(r.done_late == 1);
    REQUIRE(r.on_time_rate);
    CHECK(*r.on_time_rate == doctest::Approx(2.0 / 3.0));
  }
  SUBCASE("extended, then done within the extension: on time") {
    const auto r = summarize_one({extended(original, later, Status::done, d("2021-08-01")),
                                  extended(original, later, Status::done, later)},
                                 as_of);
    CHECK(r.done_on_time == 2);
    CHECK(r.done_late == 0);
    CHECK(*r.on_time_rate == doctest::Approx(1.0));
  }
  SUBCASE("extended, then done after the extension: late") {
    const auto r = summarize_one({extended(original, later, Status::done, d("2021-08-06"))}, as_of);
    CHECK(r.done_on_time == 0);
    CHECK(r.done_late == 1);
    CHECK(*r.on_time_rate == doctest::Approx(0.0));
  }
  SUBCASE("the deadline recorded on the day it was done wins over the one in force now") {
    // Done late against 21/07; the deadline was pushed to 05/08 afterwards (an edited
    // inspection file): still late. And the other way round: still on time.
    Task late = task("i", "u", later, Status::done, d("2021-07-25"));
    late.done_deadline = original;
    Task in_time = task("i", "u", original, Status::verified, d("2021-07-25"));
    in_time.done_deadline = later;
    const auto r = summarize_one({late, in_time}, as_of);
    CHECK(r.done_late == 1);
    CHECK(r.done_on_time == 1);
    CHECK(r.verified == 1);
  }
  SUBCASE("done before the deadline of that day was recorded: the last day stands in") {
    Task on_time = task("i", "u", original, Status::done, original);
    Task late = task("i", "u", original, Status::done, d("2021-07-22"));
    on_time.done_deadline.reset();
    late.done_deadline.reset();
    const auto r = summarize_one({on_time, late}, as_of);
    CHECK(r.done_on_time == 1);
    CHECK(r.done_late == 1);
  }
  SUBCASE("no deadline, or no recorded day: on time") {
    Task no_day = task("i", "u", original, Status::done);
    const auto r = summarize_one({task("i", "u", std::nullopt, Status::done, d("2021-08-30")), no_day},
                                 as_of);
    CHECK(r.done_on_time == 2);
    CHECK(r.done_late == 0);
    CHECK(r.no_deadline == 0);  // only open tasks are without deadline
  }
  SUBCASE("verified tasks count as done, on time or late, and as verified") {
    const auto r = summarize_one({task("i", "u", original, Status::verified, d("2021-07-20")),
                                  task("i", "u", original, Status::verified, d("2021-07-30")),
                                  task("i", "u", original, Status::done, d("2021-07-20"))},
                                 as_of);
    CHECK(r.verified == 2);
    CHECK(r.done_on_time == 2);
    CHECK(r.done_late == 1);
    CHECK(r.open == 0);
  }
  SUBCASE("cancelled tasks are neither open nor done, whatever their deadline") {
    const auto r = summarize_one({task("i", "u", original, Status::cancelled),
                                  task("i", "u", std::nullopt, Status::cancelled)},
                                 as_of);
    CHECK(r.tasks == 2);
    CHECK(r.cancelled == 2);
    CHECK(r.open == 0);
    CHECK(r.overdue == 0);
    CHECK(r.no_deadline == 0);
    CHECK(r.done_on_time + r.done_late == 0);
    CHECK_FALSE(r.on_time_rate);
  }
}

TEST_CASE("open tasks are overdue against the deadline in force, extensions included") {
  const Date as_of = d("2021-07-29");
  SUBCASE("extended past as-of: in time, though the original deadline has passed") {
    const auto r = summarize_one({extended(d("2021-07-21"), d("2021-08-05"), Status::open)}, as_of);
    CHECK(r.open == 1);
    CHECK(r.open_in_time == 1);
    CHECK(r.overdue == 0);
  }
  SUBCASE("late against the extension: aged from the extended deadline") {
    const auto r = summarize_one({extended(d("2021-06-01"), d("2021-07-25"), Status::open)}, as_of);
    CHECK(r.overdue == 1);
    CHECK(r.overdue_1_7 == 1);  // 4 days after 25/07, not 58 after 01/06
    CHECK(r.overdue_31_90 == 0);
  }
  SUBCASE("no deadline is neither in time nor overdue") {
    const auto r = summarize_one({task("i", "u", std::nullopt, Status::open)}, as_of);
    CHECK(r.no_deadline == 1);
    CHECK(r.open_in_time == 0);
    CHECK(r.overdue == 0);
  }
}

TEST_CASE("overdue tasks are aged in calendar days late: 1–7, 8–30, 31–90, over 90") {
  const Date as_of = d("2021-12-31");
  struct Case {
    int days_late;
    int band;  // -1: not overdue; 0: 1–7; 1: 8–30; 2: 31–90; 3: over 90
  };
  const Case cases[] = {{-1, -1}, {0, -1}, {1, 0}, {7, 0},  {8, 1},    {30, 1},
                        {31, 2},  {90, 2}, {91, 3}, {365, 3}};
  for (const auto& c : cases) {
    CAPTURE(c.days_late);
    const auto r = summarize_one({task("i", "u", as_of.plus_days(-c.days_late), Status::open)}, as_of);
    CHECK(r.overdue == (c.band >= 0 ? 1 : 0));
    CHECK(r.open_in_time == (c.band >= 0 ? 0 : 1));
    CHECK(r.overdue_1_7 == (c.band == 0 ? 1 : 0));
    CHECK(r.overdue_8_30 == (c.band == 1 ? 1 : 0));
    CHECK(r.overdue_31_90 == (c.band == 2 ? 1 : 0));
    CHECK(r.overdue_over_90 == (c.band == 3 ? 1 : 0));
  }
}

TEST_CASE("done and cancelled tasks past their deadline are not aged") {
  const Date as_of = d("2021-12-31");
  const Date long_ago = as_of.plus_days(-200);
  const auto r = summarize_one({task("i", "u", long_ago, Status::done, as_of),
                                task("i", "u", long_ago, Status::cancelled)},
                               as_of);
  CHECK(r.overdue == 0);
  CHECK(r.overdue_over_90 == 0);
  CHECK(r.done_late == 1);
  CHECK(r.cancelled == 1);
}

TEST_CASE("summary total: the counts summed, the rate of the sums, not the mean of the rates") {
  report::SummaryRow a;
  a.group = "a";
  a.name = "A";
  a.findings = 2;
  a.tasks = 5;
  a.done_on_time = 1;
  a.done_late = 0;  // rate 1
  a.overdue = 4;
  a.overdue_over_90 = 4;
  report::finish_row(a);
  report::SummaryRow b;
  b.group = "b";
  b.tasks = 3;
  b.done_on_time = 1;
  b.done_late = 2;  // rate 1/3
  b.verified = 1;
  report::finish_row(b);
  const report::SummaryRow t = report::total({a, b});
  CHECK_FALSE(t.group);
  CHECK(t.name.empty());
  CHECK(t.findings == 2);
  CHECK(t.tasks == 8);
  CHECK(t.done_on_time == 2);
  CHECK(t.done_late == 2);
  CHECK(t.overdue == 4);
  CHECK(t.overdue_over_90 == 4);
  CHECK(t.verified == 1);
  REQUIRE(t.on_time_rate);
  CHECK(*t.on_time_rate == doctest::Approx(0.5));  // 2 of 4, where the mean of the rates is 2/3
  CHECK_FALSE(report::total({}).on_time_rate);
}
