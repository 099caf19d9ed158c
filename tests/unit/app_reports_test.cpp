// The report use cases: the filter is checked before anything is read, and each report
// gives what the report module gives of the rows the store selects. Run on the fake
// store of report queries; `show`, which finds a task the way the task changes do, on
// the examples.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "app_examples.hpp"
#include "app_report_fixture.hpp"
#include "fake_store.hpp"
#include "inspectrack/app/change.hpp"
#include "inspectrack/app/reports.hpp"
#include "inspectrack/error.hpp"
#include "report_sample.hpp"

using namespace inspectrack;
using model::Date;
using test_support::report_sample::d;

namespace {

using test_support::app_reports::Fixture;
using test_support::app_reports::request;

std::vector<std::string> keys(const std::vector<report::TaskRow>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.task.full_key() + " " + std::to_string(r.days_late));
  return out;
}

// The sample's filters but the one check_filter refuses (an area no finding has).
std::vector<storage::TaskFilter> accepted_filters() {
  auto filters = test_support::report_sample::filters();
  std::erase_if(filters, [](const storage::TaskFilter& f) { return f.area == "tth"; });
  return filters;
}

std::string refusal(Fixture& f, const storage::TaskFilter& filter, text::Lang lang = text::Lang::en) {
  try {
    app::check_filter(f.store, filter);
  } catch (const UsageError& e) {
    return text::translate(lang, e.message());
  }
  return "";
}

}  // namespace

TEST_CASE("check_filter: a unit, inspection or area nothing has is refused, with the nearest key or code") {
  Fixture f;
  storage::TaskFilter filter;
  filter.unit = "a-xb";
  CHECK(refusal(f, filter) == "--unit 'a-xb': no such key; did you mean 'a-xa'?");
  CHECK(refusal(f, filter, text::Lang::vi) == "--unit 'a-xb': không có khóa này; có phải là 'a-xa'?");
  filter = {};
  filter.report_to = "nowhere";
  CHECK(refusal(f, filter).starts_with("--report-to 'nowhere': no such key"));
  filter = {};
  filter.inspection = "i3";
  CHECK(refusal(f, filter).starts_with("--inspection 'i3': no such key"));
  // An area no finding has, nor one under it, is refused too, with the nearest code.
  filter = {};
  filter.area = "tthc.cong-kai";
  CHECK(refusal(f, filter) == "--area 'tthc.cong-kai': no such key; did you mean 'tthc.cong-khai'?");
  filter.area = "tth";
  CHECK(refusal(f, filter) == "--area 'tth': no such key; did you mean 'tthc'?");
  // Known keys and areas (an area above a finding's) pass; a status is not checked against the store.
  filter = {};
  filter.unit = "idle";
  filter.report_to = "noi-vu";
  filter.inspection = "i1";
  filter.area = "tthc";
  CHECK(refusal(f, filter).empty());
}

TEST_CASE("scope_of: the filter as a title names it, units by their names") {
  Fixture f;
  CHECK(app::scope_of(f.store, {}).unit.empty());
  storage::TaskFilter filter;
  filter.unit = "z-xa";
  filter.report_to = "noi-vu";
  filter.inspection = "i1";
  filter.area = "tthc";
  filter.status = model::Status::done;
  const render::Scope scope = app::scope_of(f.store, filter);
  CHECK(scope.unit == "UBND xã An");
  CHECK(scope.report_to == "Phòng Nội vụ");
  CHECK(scope.inspection == "i1");
  CHECK(scope.area == "tthc");
  CHECK(scope.status == model::Status::done);
}

TEST_CASE("every report checks its filter first") {
  Fixture f;
  storage::TaskFilter filter;
  filter.unit = "a-xb";
  const auto req = request(d(2021, 8, 6), filter);
  int rows = 0;
  const report::RowSink count = [&](const report::TaskRow&) { ++rows; };
  CHECK_THROWS_AS(app::list(f.store, f.calendars, app::Listing::units, req), UsageError);
  CHECK_THROWS_AS(app::any_overdue(f.store, req), UsageError);
  CHECK_THROWS_AS(app::overdue(f.store, f.calendars, req, count), UsageError);
  CHECK_THROWS_AS(app::due(f.store, f.calendars, req, 30, count), UsageError);
  CHECK_THROWS_AS(app::summary(f.store, report::GroupBy::area, req), UsageError);
  CHECK(rows == 0);
}

TEST_CASE("list: tasks with their lateness, findings, and the inspection or units the filter names") {
  Fixture f;
  const Date as_of = d(2021, 8, 6);
  for (const auto& filter : accepted_filters()) {
    const auto req = request(as_of, filter);
    const auto tasks = app::list(f.store, f.calendars, app::Listing::tasks, req);
    CHECK(keys(tasks.tasks) == keys(report::with_lateness(f.store.tasks(filter), as_of, f.calendars)));
    CHECK(tasks.findings.empty());
    CHECK(app::list(f.store, f.calendars, app::Listing::findings, req).findings.size() ==
          f.store.findings(req.findings).size());
  }
  storage::TaskFilter filter;
  filter.inspection = "i1";
  const auto inspections = app::list(f.store, f.calendars, app::Listing::inspections, request(as_of, filter));
  REQUIRE(inspections.inspections.size() == 1);
  CHECK(inspections.inspections[0].key == "i1");
  CHECK(app::list(f.store, f.calendars, app::Listing::inspections, request(as_of)).inspections.size() == 2);
  // A unit and the units under it.
  filter = {};
  filter.unit = "huyen";
  CHECK(app::list(f.store, f.calendars, app::Listing::units, request(as_of, filter)).units.size() == 6);
  filter.unit = "noi-vu";
  const auto units = app::list(f.store, f.calendars, app::Listing::units, request(as_of, filter)).units;
  REQUIRE(units.size() == 1);
  CHECK(units[0].key == "noi-vu");
}

TEST_CASE("overdue and due: the rows of the report module, one at a time, and their number") {
  Fixture f;
  for (const Date as_of : {d(2021, 7, 10), d(2021, 8, 6), d(2022, 1, 1)}) {
    for (const auto& filter : accepted_filters()) {
      CAPTURE(as_of.iso());
      const auto req = request(as_of, filter);
      std::vector<report::TaskRow> rows;
      const report::RowSink keep = [&](const report::TaskRow& r) { rows.push_back(r); };
      const std::size_t late = app::overdue(f.store, f.calendars, req, keep);
      CHECK(late == rows.size());
      CHECK(keys(rows) == keys(report::overdue(f.store.overdue(as_of, filter), as_of, f.calendars)));
      CHECK(app::any_overdue(f.store, req) == !rows.empty());
      rows.clear();
      const std::size_t due = app::due(f.store, f.calendars, req, 30, keep);
      CHECK(due == rows.size());
      CHECK(keys(rows) == keys(report::due_within(f.store.due_between(as_of, as_of.plus_days(90), filter),
                                                  as_of, 30, f.calendars)));
    }
  }
  std::size_t late = 0;
  app::overdue(f.store, f.calendars, request(d(2021, 8, 6)), [&](const report::TaskRow&) { ++late; });
  CHECK(late > 10);  // not vacuous
}

TEST_CASE("summary: by area from the tasks loaded, by unit or inspection from the store") {
  Fixture f;
  const Date as_of = d(2021, 8, 6);
  const auto groups = [](const std::vector<report::SummaryRow>& rows) {
    std::vector<std::string> out;
    for (const auto& r : rows) {
      out.push_back(r.group.value_or("-") + " " + std::to_string(r.tasks) + " " + std::to_string(r.overdue) +
                    " " + std::to_string(r.findings));
    }
    return out;
  };
  for (const auto& filter : accepted_filters()) {
    const auto req = request(as_of, filter);
    const auto tasks = f.store.tasks(req.tasks);
    const auto findings = f.store.findings(req.findings);
    for (const auto by : {report::GroupBy::unit, report::GroupBy::inspection, report::GroupBy::area}) {
      CHECK(groups(app::summary(f.store, by, req)) ==
            groups(report::summarize(tasks, findings, f.store.units(), f.store.inspections(), by, as_of)));
    }
  }
}

TEST_CASE("show: a task, a finding, an inspection or a unit, with its history") {
  const auto store = test_support::chu_prong();
  calendar::CalendarRegistry calendars;
  const Date as_of = d(2021, 7, 26);
  auto found = app::show(*store, calendars, "4", as_of);
  CHECK(found.kind == app::ShowResult::Kind::task);
  REQUIRE(found.task);
  CHECK(found.task->task.full_key() == "gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@bau-can");
  CHECK(!found.events.empty());
  found = app::show(*store, calendars, "gia-lai-cchc-2021-chu-prong/niem-yet-tthc", as_of);
  CHECK(found.kind == app::ShowResult::Kind::finding);
  REQUIRE(found.finding);
  CHECK(found.finding->key == "niem-yet-tthc");
  found = app::show(*store, calendars, "gia-lai-cchc-2021-chu-prong", as_of);
  CHECK(found.kind == app::ShowResult::Kind::inspection);
  CHECK(found.inspection);
  found = app::show(*store, calendars, "chu-prong.noi-vu", as_of);
  CHECK(found.kind == app::ShowResult::Kind::unit);
  CHECK(found.unit);
  for (const char* nothing : {"999", "gia-lai-cchc-2021-chu-prong/nothing", "nothing"}) {
    CAPTURE(nothing);
    try {
      app::show(*store, calendars, nothing, as_of);
      FAIL("no error");
    } catch (const InputError& e) {
      CHECK(e.code() == ExitCode::no_input);
      CHECK(std::string(e.what()).starts_with("nothing is called '" + std::string(nothing) + "'"));
    }
  }
}

TEST_CASE("--sort: each order of list and overdue, ties broken by unit then key") {
  Fixture f;
  const Date as_of = d(2021, 8, 6);
  const auto listed = [&](app::Sort sort) {
    auto r = request(as_of);
    r.sort = sort;
    return app::list(f.store, f.calendars, app::Listing::tasks, r).tasks;
  };
  const auto unit = listed(app::Sort::unit);
  REQUIRE(unit.size() > 10);
  // The same rows in every order.
  for (const auto sort : {app::Sort::key, app::Sort::deadline, app::Sort::days_late, app::Sort::inspection}) {
    auto a = keys(listed(sort));
    auto b = keys(unit);
    CHECK(a != b);
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    CHECK(a == b);
  }
  SUBCASE("unit: by the assignee's name, then the deadline (none last)") {
    for (std::size_t i = 1; i < unit.size(); ++i) {
      const auto& a = unit[i - 1].task;
      const auto& b = unit[i].task;
      CHECK(a.assignee_name <= b.assignee_name);
      if (a.assignee == b.assignee && b.last_day) CHECK((a.last_day && *a.last_day <= *b.last_day));
    }
  }
  SUBCASE("days-late: the late first, most days late first; then the others in the unit order") {
    const auto rows = listed(app::Sort::days_late);
    std::size_t late = 0;
    while (late < rows.size() && rows[late].days_late > 0) ++late;
    REQUIRE(late > 2);
    for (std::size_t i = 1; i < rows.size(); ++i) CHECK(rows[i - 1].days_late >= rows[i].days_late);
    std::vector<std::string> rest, in_unit_order;
    for (std::size_t i = late; i < rows.size(); ++i) rest.push_back(rows[i].task.full_key());
    for (const auto& r : unit) {
      if (r.days_late == 0) in_unit_order.push_back(r.task.full_key());
    }
    CHECK(rest == in_unit_order);
  }
  SUBCASE("overdue by days late is overdue by deadline: the oldest deadline first") {
    std::vector<std::string> by_days, by_deadline;
    auto r = request(as_of);
    r.sort = app::Sort::days_late;
    app::overdue(f.store, f.calendars, r, [&](const report::TaskRow& row) {
      by_days.push_back(row.task.full_key() + " " + std::to_string(row.days_late));
    });
    r.sort = app::Sort::deadline;
    app::overdue(f.store, f.calendars, r, [&](const report::TaskRow& row) {
      by_deadline.push_back(row.task.full_key() + " " + std::to_string(row.days_late));
    });
    CHECK(by_days == by_deadline);
    REQUIRE(by_days.size() > 2);
  }
}

TEST_CASE("grouping (--by): overdue and due under groups, --sort within each, overdue by unit by default") {
  using render::TaskView;
  using storage::TaskGroup;
  Fixture f;
  const Date as_of = d(2021, 8, 6);
  auto r = request(as_of);
  // Without --by: overdue's units when its rows come by unit, no groups otherwise.
  CHECK(app::grouping(r, TaskView::overdue) == TaskGroup::unit);
  CHECK(app::grouping(r, TaskView::due) == TaskGroup::none);
  CHECK(app::grouping(r, TaskView::list) == TaskGroup::none);
  for (const auto sort : {app::Sort::deadline, app::Sort::days_late, app::Sort::inspection}) {
    r.sort = sort;
    CHECK(app::grouping(r, TaskView::overdue) == TaskGroup::none);
  }
  r.sort = app::Sort::key;
  CHECK(app::grouping(r, TaskView::overdue) == TaskGroup::unit);
  r.by = TaskGroup::report_to;
  CHECK(app::grouping(r, TaskView::due) == TaskGroup::report_to);

  const auto overdue = [&](TaskGroup by, app::Sort sort) {
    auto req = request(as_of);
    req.by = by;
    req.sort = sort;
    std::vector<report::TaskRow> rows;
    app::overdue(f.store, f.calendars, req, [&](const report::TaskRow& row) { rows.push_back(row); });
    return rows;
  };
  SUBCASE("by inspection, oldest conclusion first, most days late first within") {
    const auto rows = overdue(TaskGroup::inspection, app::Sort::days_late);
    REQUIRE(rows.size() > 4);
    // i1 was concluded on 1/6/2021, i2 has no date: i1's rows, then i2's.
    CHECK(rows.front().task.inspection == "i1");
    CHECK(rows.back().task.inspection == "i2");
    for (std::size_t i = 1; i < rows.size(); ++i) {
      const bool same = rows[i - 1].task.inspection == rows[i].task.inspection;
      CHECK((same || rows[i].task.inspection == "i2"));
      if (same) CHECK(rows[i - 1].days_late >= rows[i].days_late);
    }
  }
  SUBCASE("by the unit reported to, those reported to no unit last, by unit within") {
    const auto rows = overdue(TaskGroup::report_to, app::Sort::unit);
    std::size_t reported = 0;
    while (reported < rows.size() && rows[reported].task.report_to) ++reported;
    REQUIRE(reported > 1);
    REQUIRE(reported < rows.size());
    for (std::size_t i = reported; i < rows.size(); ++i) CHECK_FALSE(rows[i].task.report_to);
    for (std::size_t i = 1; i < reported; ++i) {
      CHECK(rows[i - 1].task.assignee_name <= rows[i].task.assignee_name);
    }
  }
  SUBCASE("by unit whatever the sort: the deadline order within each unit") {
    const auto rows = overdue(TaskGroup::unit, app::Sort::deadline);
    for (std::size_t i = 1; i < rows.size(); ++i) {
      const auto& a = rows[i - 1].task;
      const auto& b = rows[i].task;
      CHECK(a.assignee_name <= b.assignee_name);
      if (a.assignee == b.assignee) CHECK(*a.last_day <= *b.last_day);
    }
  }
  SUBCASE("due groups as overdue does") {
    auto req = request(d(2021, 7, 1));
    req.by = TaskGroup::inspection;
    std::vector<std::string> inspections;
    app::due(f.store, f.calendars, req, 60, [&](const report::TaskRow& row) {
      if (inspections.empty() || inspections.back() != row.task.inspection) {
        inspections.push_back(row.task.inspection);
      }
    });
    CHECK(inspections == std::vector<std::string>{"i1", "i2"});
  }
}

namespace {

// The examples with task 4 (Bàu Cạn, before 22/7) done late and task 3 (Phòng Nội vụ)
// cancelled: every count of a summary has something to count.
std::unique_ptr<storage::Store> chu_prong_in_progress() {
  auto store = test_support::chu_prong();
  const auto change = [&](const char* id, model::TaskChange::Kind kind) {
    model::TaskChange c;
    c.kind = kind;
    c.on = d(2021, 7, 23);
    c.text = "merged into another task";
    app::change_task(
        *store, {app::task_to_change(*store, id), c, {d(2021, 7, 26), "tester", "2021-07-26T01:00:00Z"}});
  };
  change("4", model::TaskChange::Kind::done);
  change("3", model::TaskChange::Kind::cancel);
  return store;
}

// The counts people and scripts compare: those of a summary row.
std::vector<int> counts(const report::SummaryRow& r) {
  return {r.findings,  r.tasks,       r.open,         r.overdue,  r.done_on_time, r.done_late,
          r.cancelled, r.no_deadline, r.open_in_time, r.verified, r.overdue_1_7};
}

}  // namespace

TEST_CASE("show: an inspection's counts are its summary row's, its findings and tasks are listed") {
  const auto store = chu_prong_in_progress();
  calendar::CalendarRegistry calendars;
  const Date as_of = d(2021, 7, 26);
  const auto found = app::show(*store, calendars, "gia-lai-cchc-2021-chu-prong", as_of);
  REQUIRE(found.contents);
  storage::TaskFilter filter;
  filter.inspection = "gia-lai-cchc-2021-chu-prong";
  const auto rows = app::summary(*store, report::GroupBy::inspection, request(as_of, filter));
  REQUIRE(rows.size() == 1);
  CHECK(counts(found.contents->counts) == counts(rows[0]));
  CHECK(found.contents->counts.done_late == 1);
  CHECK(found.contents->counts.cancelled == 1);
  CHECK(found.contents->counts.name == rows[0].name);
  CHECK(found.contents->findings.size() == static_cast<std::size_t>(rows[0].findings));
  CHECK(found.contents->tasks.size() == static_cast<std::size_t>(rows[0].tasks));
  CHECK(!found.contents->reported);
  CHECK(found.contents->children.empty());
}

TEST_CASE("show: a unit's counts are its row of the summary by unit, those reporting to it, of --report-to") {
  const auto store = chu_prong_in_progress();
  calendar::CalendarRegistry calendars;
  const Date as_of = d(2021, 7, 26);
  const auto row_of = [&](const std::string& unit, const storage::TaskFilter& filter) {
    for (const auto& r : app::summary(*store, report::GroupBy::unit, request(as_of, filter))) {
      if (r.group == unit) return r;
    }
    return report::SummaryRow{};
  };
  for (const char* key : {"bau-can", "chu-prong.noi-vu", "chu-prong"}) {
    CAPTURE(key);
    const auto found = app::show(*store, calendars, key, as_of);
    REQUIRE(found.contents);
    const report::SummaryRow own = row_of(key, {});
    CHECK(counts(found.contents->counts) == counts(own));
    CHECK(found.contents->tasks.size() == static_cast<std::size_t>(own.tasks));
    for (const auto& t : found.contents->tasks) CHECK(t.task.assignee == key);
    storage::TaskFilter reporting;
    reporting.report_to = key;
    report::SummaryRow reported =
        report::total(app::summary(*store, report::GroupBy::unit, request(as_of, reporting)));
    reported.findings = 0;  // findings are a unit's own, not of whom it hears from
    REQUIRE(found.contents->reported);
    CHECK(counts(*found.contents->reported) == counts(reported));
  }
  const auto noi_vu = app::show(*store, calendars, "chu-prong.noi-vu", as_of);
  CHECK(noi_vu.contents->reported->tasks > 0);
  CHECK(noi_vu.contents->counts.cancelled == 1);
  const auto district = app::show(*store, calendars, "chu-prong", as_of);
  CHECK(district.contents->findings.size() == 10);
  std::size_t children = 0;
  for (const auto& u : store->units()) children += u.parent == "chu-prong" ? 1 : 0;
  CHECK(children > 0);
  CHECK(district.contents->children.size() == children);
  for (const auto& u : district.contents->children) CHECK(u.parent == "chu-prong");
}
