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
  t.status = status;
  t.done_on = done_on;
  t.findings = std::move(findings);
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
}  // namespace

TEST_CASE("summary by unit counts every bucket") {
  const Date as_of = d("2021-07-29");
  const std::vector<Task> tasks = {
      task("i", "a", d("2021-07-21"), Status::done, d("2021-07-20")),      // done early
      task("i", "a", d("2021-07-21"), Status::verified, d("2021-07-21")),  // on the day
      task("i", "a", d("2021-07-21"), Status::done, d("2021-07-23")),      // late
      task("i", "a", d("2021-07-21"), Status::open),                       // overdue
      task("i", "a", d("2021-07-30"), Status::open),                       // open, in time
      task("i", "a", std::nullopt, Status::open),                          // no deadline
      task("i", "a", std::nullopt, Status::done, d("2021-07-29")),         // done, no deadline: on time
      task("i", "a", d("2021-07-01"), Status::cancelled),                  // cancelled
      task("i", "b", d("2021-07-21"), Status::open),
  };
  const std::vector<model::Finding> findings = {finding("i", "f1", "a", "x"), finding("i", "f2", "a", "y"),
                                                finding("i", "f3", "c", "y")};
  const std::vector<model::Unit> units = {{"a", "UBND xã A", model::UnitKind::commune, {}, {}, ""}};
  const auto rows = report::summarize(tasks, findings, units, {}, report::GroupBy::unit, as_of);
  REQUIRE(rows.size() == 3);
  const auto& a = rows[0];
  CHECK(*a.group == "a");
  CHECK(a.name == "UBND xã A");
  CHECK(a.findings == 2);
  CHECK(a.tasks == 8);
  CHECK(a.open == 3);
  CHECK(a.overdue == 1);
  CHECK(a.done_on_time == 3);
  CHECK(a.done_late == 1);
  CHECK(a.no_deadline == 1);
  CHECK(a.cancelled == 1);
  REQUIRE(a.on_time_rate);
  CHECK(*a.on_time_rate == doctest::Approx(0.75));

  const auto& b = rows[1];
  CHECK(*b.group == "b");
  CHECK(b.name == "b");  // not registered: the key stands in
  CHECK(b.findings == 0);
  CHECK(b.overdue == 1);
  CHECK_FALSE(b.on_time_rate);  // nothing done yet

  CHECK(*rows[2].group == "c");
  CHECK(rows[2].findings == 1);
  CHECK(rows[2].tasks == 0);
}

TEST_CASE("summary by area: a task counts once per distinct area; unlinked tasks last") {
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
}
