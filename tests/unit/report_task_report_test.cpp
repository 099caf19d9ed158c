#include <doctest/doctest.h>

#include "inspectrack/report/task_report.hpp"

using namespace inspectrack;
using model::Date;
using model::Status;
using model::Task;

namespace {
Date d(const char* s) { return *model::parse_date(s).date; }

// A registry whose default calendar "vn" has weekends only, and one with a break.
const calendar::CalendarRegistry& weekends() {
  static const calendar::CalendarRegistry registry = [] {
    calendar::CalendarRegistry r;
    calendar::CalendarSpec vn;
    vn.key = "vn";
    r.add(vn);
    calendar::CalendarSpec tet;
    tet.key = "tet";
    calendar::YearSpec y;
    y.year = 2021;
    y.source = "test";
    for (int day = 10; day <= 16; ++day) {
      y.days_off.push_back({*Date::from_ymd(2021, 2, day), calendar::DayKind::holiday, "Tết", false});
    }
    tet.years.push_back(y);
    r.add(tet);
    calendar::CalendarSpec future;
    future.key = "future";
    future.rules = calendar::Rules::vietnam;
    r.add(future);
    return r;
  }();
  return registry;
}

Task task(const char* key, const char* assignee, std::optional<Date> last_day,
          Status status = Status::open) {
  Task t;
  t.inspection = "insp";
  t.key = key;
  t.assignee = assignee;
  t.assignee_name = std::string("UBND xã ") + assignee;
  t.last_day = last_day;
  t.status = status;
  return t;
}
}  // namespace

TEST_CASE("overdue: open tasks whose last allowed day is before as_of") {
  const std::vector<Task> tasks = {
      task("a", "ia-me", d("2021-07-21")),                   // 5 days late on 26/7
      task("b", "ia-me", d("2021-07-25")),                   // 1 day late
      task("c", "ia-me", d("2021-07-26")),                   // due today: not late
      task("d", "bau-can", d("2021-07-21"), Status::done),   // done: never overdue
      task("e", "bau-can", d("2021-07-01"), Status::cancelled),
      task("f", "bau-can", std::nullopt),                    // no deadline: never overdue
      task("g", "binh-giao", d("2021-07-24")),               // 2 days late
  };
  const auto rows = report::overdue(tasks, d("2021-07-26"), weekends());
  REQUIRE(rows.size() == 3);
  SUBCASE("grouped by assignee name, most days late first") {
    CHECK(rows[0].task.key == "g");
    CHECK(rows[0].days_late == 2);
    CHECK(rows[1].task.key == "a");
    CHECK(rows[1].days_late == 5);
    CHECK(rows[2].task.key == "b");
    CHECK(rows[2].days_late == 1);
  }
  CHECK(report::is_overdue(tasks[0], d("2021-07-22")));
  CHECK_FALSE(report::is_overdue(tasks[0], d("2021-07-21")));
}

TEST_CASE("due_within: open tasks due from as_of to N working days after it, by unit, soonest first within one") {
  // Wednesday 21/7/2021: 7 working days later is Friday 30/7, as remind --within counts.
  const std::vector<Task> tasks = {
      task("late", "x", d("2021-07-20")),
      task("today", "x", d("2021-07-21")),
      task("edge", "y", d("2021-07-30")),
      task("beyond", "y", d("2021-08-02")),
      task("done", "y", d("2021-07-22"), Status::done),
      task("none", "y", std::nullopt),
      task("soon", "z", d("2021-07-23")),
  };
  const auto rows = report::due_within(tasks, d("2021-07-21"), 7, weekends());
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].task.key == "today");
  CHECK(rows[1].task.key == "edge");
  CHECK(rows[2].task.key == "soon");
  CHECK(report::due_within(tasks, d("2021-07-21"), 0, weekends()).size() == 1);
}

TEST_CASE("with_lateness: only open tasks are late") {
  const std::vector<Task> tasks = {task("a", "x", d("2021-07-21")),
                                   task("b", "x", d("2021-07-21"), Status::done)};
  const auto rows = report::with_lateness(tasks, d("2021-07-31"), weekends());
  CHECK(rows[0].days_late == 10);
  CHECK(rows[1].days_late == 0);
}

TEST_CASE("lateness in working days, day-off marks and provisional days") {
  SUBCASE("a task due on Friday is 3 calendar days but 1 working day late on Monday") {
    const auto rows = report::overdue({task("a", "ia-me", d("2021-07-23"))}, d("2021-07-26"), weekends());
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].days_late == 3);
    CHECK(rows[0].working_days_late == 1);
    CHECK_FALSE(rows[0].provisional);
  }
  SUBCASE("the Tết break does not count as working days late") {
    Task t = task("a", "ia-me", d("2021-02-09"));
    t.calendar = "tet";
    const auto rows = report::overdue({t}, d("2021-02-17"), weekends());
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].days_late == 8);
    CHECK(rows[0].working_days_late == 1);
  }
  SUBCASE("an explicit deadline on a Sunday is marked, a computed one is not") {
    Task t = task("a", "ia-me", d("2021-07-25"));
    t.due.form = model::Due::Form::date;
    CHECK(report::measure(t, d("2021-07-20"), weekends()).due_on_day_off);
    t.last_day = d("2021-07-26");
    CHECK_FALSE(report::measure(t, d("2021-07-20"), weekends()).due_on_day_off);
    t.last_day = d("2021-07-25");
    t.due.form = model::Due::Form::within;
    CHECK_FALSE(report::measure(t, d("2021-07-20"), weekends()).due_on_day_off);
  }
  SUBCASE("lateness counted over an unannounced year is provisional") {
    Task t = task("a", "ia-me", d("2031-01-31"));
    t.calendar = "future";
    const auto row = report::measure(t, d("2031-02-20"), weekends());
    CHECK(row.days_late == 20);
    CHECK(row.provisional);
    t.due_provisional = true;
    t.last_day = d("2031-03-31");
    CHECK(report::measure(t, d("2031-02-20"), weekends()).provisional);
  }
  SUBCASE("a done task is not late") {
    const auto row = report::measure(task("a", "ia-me", d("2021-07-01"), Status::done), d("2021-07-26"), weekends());
    CHECK(row.days_late == 0);
    CHECK(row.working_days_late == 0);
  }
}
