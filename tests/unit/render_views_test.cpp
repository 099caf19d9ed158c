#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "inspectrack/render/dataset.hpp"
#include "inspectrack/render/views.hpp"
#include "inspectrack/report/summary.hpp"

using inspectrack::render::Dataset;
using inspectrack::render::summary_dataset;
using inspectrack::render::TableStyle;
using inspectrack::report::GroupBy;
using inspectrack::report::SummaryRow;
using inspectrack::text::Lang;

namespace {

// A unit with every bucket different, so that a value in the wrong column shows.
SummaryRow bau_can() {
  SummaryRow r;
  r.group = "bau-can";
  r.name = "UBND xã Bàu Cạn";
  r.findings = 5;
  r.tasks = 21;
  r.done_on_time = 2;
  r.done_late = 1;
  r.open_in_time = 3;
  r.overdue = 10;
  r.no_deadline = 4;
  r.open = 17;
  r.cancelled = 1;
  r.verified = 2;
  r.on_time_rate = 2.0 / 3.0;
  r.overdue_1_7 = 1;
  r.overdue_8_30 = 2;
  r.overdue_31_90 = 3;
  r.overdue_over_90 = 4;
  return r;
}

// Bàu Cạn's report of what it fixed: task `id` of `inspection`.
inspectrack::report::TaskRow bau_can_task(std::int64_t id, const std::string& inspection) {
  inspectrack::report::TaskRow row;
  row.task.id = id;
  row.task.inspection = inspection;
  row.task.key = "bao-cao";
  row.task.assignee = "bau-can";
  row.task.assignee_name = "UBND xã Bàu Cạn";
  row.task.action = "Báo cáo kết quả khắc phục";
  return row;
}

SummaryRow no_area() {
  SummaryRow r;
  r.tasks = 1;
  r.open = 1;
  r.no_deadline = 1;
  return r;
}

std::vector<std::string> machine_keys(const Dataset& data) {
  std::vector<std::string> keys;
  for (const auto& c : data.columns) {
    if (c.machine) keys.push_back(c.key);
  }
  return keys;
}

// The headings of the columns people see, in the order they see them.
std::vector<std::string> human_headings(const Dataset& data) {
  std::vector<std::size_t> order = data.people_order;
  if (order.empty()) {
    for (std::size_t i = 0; i < data.columns.size(); ++i) order.push_back(i);
  }
  std::vector<std::string> headings;
  for (const std::size_t i : order) {
    if (data.columns[i].human) headings.push_back(data.columns[i].heading);
  }
  return headings;
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("summary_dataset keeps the machine columns in place and adds the new ones last") {
  const Dataset data = summary_dataset({bau_can()}, GroupBy::unit, Lang::vi);
  const std::vector<std::string> expected = {
      "group",        "name",          "findings",    "tasks",        "open",
      "overdue",      "done_on_time",  "done_late",   "no_deadline",  "on_time_rate",
      "cancelled",    "open_in_time",  "verified",    "overdue_1_7",  "overdue_8_30",
      "overdue_31_90", "overdue_over_90"};
  CHECK(machine_keys(data) == expected);
  for (const auto& row : data.rows) CHECK(row.size() == data.columns.size());

  SUBCASE("json carries each count under its own name") {
    const std::string json = to_json(data);
    CHECK(json ==
          "[\n"
          "  {\"group\": \"bau-can\", \"name\": \"UBND xã Bàu Cạn\", \"findings\": 5, \"tasks\": 21, "
          "\"open\": 17, \"overdue\": 10, \"done_on_time\": 2, \"done_late\": 1, \"no_deadline\": 4, "
          "\"on_time_rate\": 0.6666666666666666, \"cancelled\": 1, \"open_in_time\": 3, "
          "\"verified\": 2, \"overdue_1_7\": 1, \"overdue_8_30\": 2, \"overdue_31_90\": 3, "
          "\"overdue_over_90\": 4}\n"
          "]\n");
  }
  SUBCASE("csv: the old header first, the new fields after it") {
    const auto lines = lines_of(to_csv(data, false));
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] ==
          "Đơn vị,Tên,Tồn tại,Nhiệm vụ,Chưa hoàn thành,Quá hạn,Hoàn thành đúng hạn,Hoàn thành quá hạn,Không "
          "có hạn,"
          "Tỷ lệ đúng hạn,Đã hủy,Đang thực hiện trong hạn,Đã xác minh,Quá hạn 1–7 ngày,8–30,31–90,> 90\r");
    CHECK(lines[1] == "bau-can,UBND xã Bàu Cạn,5,21,17,10,2,1,4,\"66,7%\",1,3,2,1,2,3,4\r");
  }
  SUBCASE("nothing done: the rate is null") {
    const std::string json = to_json(summary_dataset({no_area()}, GroupBy::unit, Lang::en));
    CHECK(json.find("\"on_time_rate\": null") != std::string::npos);
  }
}

TEST_CASE("summary_dataset shows people the four provincial buckets first") {
  SUBCASE("in Vietnamese") {
    const Dataset data = summary_dataset({bau_can()}, GroupBy::unit, Lang::vi);
    const std::vector<std::string> expected = {
        "Đơn vị",           "Tên",          "Tồn tại",         "Nhiệm vụ",
        "Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Đang thực hiện trong hạn", "Quá hạn",
        "Không có hạn",     "Đã hủy",       "Chưa hoàn thành", "Đã xác minh",
        "Tỷ lệ đúng hạn",   "Quá hạn 1–7 ngày", "8–30",        "31–90",
        "> 90"};
    CHECK(human_headings(data) == expected);
    const auto lines = lines_of(to_table(data, TableStyle{Lang::vi, std::nullopt, false}));
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].rfind("Đơn vị   Tên              Tồn tại  Nhiệm vụ  Hoàn thành đúng hạn", 0) == 0);
    // The values in the order of the headings, the rate as a percentage.
    std::istringstream values(lines[2].substr(lines[2].find("Cạn") + std::string("Cạn").size()));
    std::vector<std::string> cells;
    for (std::string cell; values >> cell;) cells.push_back(cell);
    CHECK(cells == std::vector<std::string>{"5", "21", "2", "1", "3", "10", "4", "1", "17", "2", "66,7%",
                                            "1", "2", "3", "4"});
  }
  SUBCASE("in English") {
    const Dataset data = summary_dataset({bau_can()}, GroupBy::unit, Lang::en);
    const std::vector<std::string> expected = {
        "Unit",          "Name",      "Findings", "Tasks",    "Done on time",     "Done late",
        "Open, in time", "Overdue",   "No deadline", "Cancelled", "Open",          "Verified",
        "On-time rate",  "Overdue 1–7 days", "8–30", "31–90",   "> 90"};
    CHECK(human_headings(data) == expected);
    SummaryRow r = bau_can();
    r.on_time_rate = 0.75;
    const std::string table = to_table(summary_dataset({r}, GroupBy::unit, Lang::en), TableStyle{});
    CHECK(table.find(" 75% ") != std::string::npos);
  }
  SUBCASE("overdue counts and the ageing bands are red when colour is on") {
    const Dataset data = summary_dataset({bau_can()}, GroupBy::unit, Lang::en);
    std::vector<std::string> alerts;
    for (const auto& c : data.columns) {
      if (c.alert && c.human) alerts.push_back(c.heading);
    }
    CHECK(alerts == std::vector<std::string>{"Overdue", "Overdue 1–7 days", "8–30", "31–90", "> 90"});
  }
}

TEST_CASE("summary_dataset by area: no name column for people, the no-area row last") {
  SummaryRow tthc;
  tthc.group = "tthc";
  tthc.name = "tthc";
  tthc.tasks = 1;
  tthc.done_on_time = 1;
  tthc.on_time_rate = 1.0;
  const Dataset data = summary_dataset({tthc, no_area()}, GroupBy::area, Lang::vi);
  const auto headings = human_headings(data);
  REQUIRE(headings.size() >= 2);
  CHECK(headings[0] == "Lĩnh vực");
  CHECK(headings[1] == "Tồn tại");
  const auto lines = lines_of(to_table(data, TableStyle{Lang::vi, std::nullopt, false}));
  REQUIRE(lines.size() == 4);
  CHECK(lines[2].rfind("tthc ", 0) == 0);
  CHECK(lines[2].find("100%") != std::string::npos);
  CHECK(lines[3].rfind("(không gắn lĩnh vực) ", 0) == 0);  // people see what the row is
  const std::string json = to_json(data);
  CHECK(json.find("{\"group\": null, \"name\": \"(không gắn lĩnh vực)\"") != std::string::npos);
}

TEST_CASE("summary_dataset with no rows says so") {
  CHECK(to_table(summary_dataset({}, GroupBy::unit, Lang::vi), TableStyle{Lang::vi, std::nullopt, false}) ==
        "Chưa có dữ liệu.\n");
}

TEST_CASE("a task's cells are the same whatever the cells held before") {
  using inspectrack::model::Task;
  inspectrack::report::TaskRow a = bau_can_task(7, "cp");
  a.task.report_to = "noi-vu";
  a.task.report_to_name = "Phòng Nội vụ";
  a.task.findings = {"f1", "f2"};
  a.task.last_day = inspectrack::model::Date::from_ymd(2021, 7, 21);
  a.task.due.form = inspectrack::model::Due::Form::before;
  a.task.due.text = "before: 22/7/2021";
  a.task.target = "> 50%";
  a.task.period = "2021-Q3";
  a.days_late = 5;
  a.working_days_late = 3;
  inspectrack::report::TaskRow b;
  b.task.id = 8;
  b.task.inspection = "x";
  b.task.key = "y";
  b.task.assignee = "z";
  b.task.status = inspectrack::model::Status::done;
  b.task.done_on = inspectrack::model::Date::from_ymd(2021, 8, 1);
  const auto columns = inspectrack::render::task_columns(inspectrack::render::TaskView::list, Lang::vi);
  std::vector<inspectrack::render::Value> cells;
  for (const bool people : {true, false}) {
    for (const auto* row : {&a, &b, &a}) {
      columns.fill(cells, *row, people);
      CHECK(cells == columns.row(*row, people));
    }
  }
  const Dataset header = columns.header();
  CHECK(cells.size() == header.columns.size());
  // JSON and CSV see the same cells whether the people's cells were made or not.
  const auto machine = [&](const std::vector<inspectrack::render::Value>& row) {
    std::vector<inspectrack::render::Value> out;
    for (std::size_t i = 0; i < header.columns.size(); ++i) {
      if (header.columns[i].machine) out.push_back(row[i]);
    }
    return out;
  };
  CHECK(machine(columns.row(a, true)) == machine(columns.row(a, false)));
}

TEST_CASE("every report names each of its columns once") {
  const auto keys = [](const Dataset& header) {
    std::vector<std::string> out;
    // A value in words is two columns of one key: the raw one only JSON carries.
    for (const auto& c : header.columns) {
      if (!c.raw) out.push_back(c.key);
    }
    return out;
  };
  using namespace inspectrack::render;
  const std::vector<std::vector<std::string>> reports = {
      keys(task_columns(TaskView::overdue, Lang::en).header()),
      keys(summary_columns(GroupBy::unit, Lang::en).header()),
      keys(calendar_columns(Lang::en).header()),
      keys(finding_columns(Lang::en).header()),
      keys(inspection_columns(Lang::en).header()),
      keys(unit_columns(Lang::en).header()),
      keys(event_columns(Lang::en, std::nullopt).header()),
      keys(reminder_columns(Lang::en).header()),
      keys(check_columns(Lang::en).header()),
  };
  for (auto report : reports) {
    CHECK(std::all_of(report.begin(), report.end(), [](const std::string& k) { return !k.empty(); }));
    std::sort(report.begin(), report.end());
    CHECK(std::adjacent_find(report.begin(), report.end()) == report.end());
  }
}

TEST_CASE("task_frame: what the report is, its filters, the day, numbers and the count line") {
  using inspectrack::render::Scope;
  using inspectrack::render::task_frame;
  using inspectrack::render::TaskView;
  const auto as_of = *inspectrack::model::Date::from_ymd(2021, 7, 26);
  Scope scope;
  scope.unit = "UBND xã Ia Púch";
  const auto overdue = task_frame(TaskView::overdue, scope, as_of, Lang::vi);
  CHECK(overdue.title == "Nhiệm vụ quá hạn — đơn vị: UBND xã Ia Púch");
  CHECK(overdue.as_of == as_of);
  CHECK(overdue.number_heading == "STT");
  CHECK(overdue.group_counts);
  CHECK(overdue.count_line(12) == "Tổng số: 12 nhiệm vụ quá hạn");
  CHECK(task_frame(TaskView::overdue, scope, as_of, Lang::en).title ==
        "Overdue tasks — unit: UBND xã Ia Púch");
  CHECK(task_frame(TaskView::overdue, {}, as_of, Lang::en).count_line(1) == "Total: 1 overdue task");
  CHECK(task_frame(TaskView::overdue, {}, as_of, Lang::en).count_line(2) == "Total: 2 overdue tasks");
  scope.report_to = "Phòng Nội vụ";
  scope.status = inspectrack::model::Status::done;
  const auto list = task_frame(TaskView::list, scope, as_of, Lang::en);
  CHECK(list.title == "List of tasks — unit: UBND xã Ia Púch, report to: Phòng Nội vụ, status: done");
  CHECK_FALSE(list.group_counts);
  CHECK(list.count_line(3) == "Total: 3 tasks");
  CHECK(task_frame(TaskView::due, {}, as_of, Lang::vi, 7).title == "Nhiệm vụ đến hạn trong 7 ngày làm việc tới");
  CHECK(task_frame(TaskView::due, {}, as_of, Lang::en, 0).title == "Tasks due today");
  CHECK(task_frame(TaskView::due, {}, as_of, Lang::en, 7).count_line(2) == "Total: 2 tasks due");
  const auto units = inspectrack::render::listing_frame(inspectrack::render::Listed::units, {}, Lang::vi);
  CHECK(units.title == "Danh sách đơn vị");
  CHECK_FALSE(units.as_of);  // a list of units is the same whatever the day
  CHECK(units.count_line(4) == "Tổng số: 4 đơn vị");
}

TEST_CASE("task_frame: the date ranges and the year in the title, in both languages") {
  using inspectrack::render::Scope;
  using inspectrack::render::task_frame;
  using inspectrack::render::TaskView;
  const auto day = [](int y, int m, int d) { return *inspectrack::model::Date::from_ymd(y, m, d); };
  Scope scope;
  scope.deadline = {day(2021, 7, 1), day(2021, 12, 31)};
  scope.year = 2021;
  CHECK(task_frame(TaskView::overdue, scope, day(2021, 7, 26), Lang::vi).title ==
        "Nhiệm vụ quá hạn — hạn cuối từ ngày 01/07/2021 đến ngày 31/12/2021, năm 2021");
  CHECK(task_frame(TaskView::overdue, scope, day(2021, 7, 26), Lang::en).title ==
        "Overdue tasks — deadline from 2021-07-01 to 2021-12-31, year 2021");
  scope = {};
  scope.deadline.to = day(2021, 7, 21);
  scope.concluded.from = day(2021, 4, 12);
  CHECK(task_frame(TaskView::list, scope, day(2021, 7, 26), Lang::vi).title ==
        "Danh sách nhiệm vụ — hạn cuối đến ngày 21/07/2021, kết luận từ ngày 12/04/2021");
  CHECK(task_frame(TaskView::list, scope, day(2021, 7, 26), Lang::en).title ==
        "List of tasks — deadline until 2021-07-21, concluded from 2021-04-12");
  scope = {};
  scope.deadline.from = day(2021, 7, 22);
  scope.concluded = {day(2021, 1, 1), day(2021, 6, 30)};
  CHECK(
      task_frame(TaskView::due, scope, day(2021, 7, 26), Lang::en, 5).title ==
      "Tasks due within 5 working days — deadline from 2021-07-22, concluded from 2021-01-01 to 2021-06-30");
  CHECK(task_frame(TaskView::due, scope, day(2021, 7, 26), Lang::vi, 5)
            .title.find("hạn cuối từ ngày 22/07/2021, kết luận từ ngày 01/01/2021 đến ngày 30/06/2021") !=
        std::string::npos);
}

TEST_CASE("DateRange: a whole year, and what is in a range") {
  using inspectrack::storage::DateRange;
  const auto day = [](int y, int m, int d) { return *inspectrack::model::Date::from_ymd(y, m, d); };
  CHECK(DateRange::year(2021).whole_year() == 2021);
  CHECK_FALSE(DateRange{day(2021, 1, 1), day(2021, 12, 30)}.whole_year());
  CHECK_FALSE(DateRange{day(2021, 1, 1), std::nullopt}.whole_year());
  CHECK_FALSE(DateRange{}.given());
  const DateRange july{day(2021, 7, 1), day(2021, 7, 31)};
  CHECK(july.contains(day(2021, 7, 1)));
  CHECK(july.contains(day(2021, 7, 31)));
  CHECK_FALSE(july.contains(day(2021, 8, 1)));
  CHECK_FALSE(july.contains(std::nullopt));
  CHECK(DateRange{std::nullopt, day(2021, 7, 1)}.contains(day(1900, 1, 1)));
}

TEST_CASE("summary_frame: a Total row of the sums, the rate of the sums") {
  SummaryRow other;
  other.group = "ia-puch";
  other.name = "UBND xã Ia Púch";
  other.tasks = 3;
  other.done_on_time = 1;
  other.done_late = 3;
  other.on_time_rate = 0.25;
  const std::vector<SummaryRow> rows{bau_can(), other};
  const auto as_of = *inspectrack::model::Date::from_ymd(2021, 7, 26);
  Dataset data = summary_dataset(rows, GroupBy::unit, Lang::vi);
  data.frame = inspectrack::render::summary_frame(GroupBy::unit, rows, {}, as_of, Lang::vi);
  CHECK(data.frame.title == "Tổng hợp theo đơn vị");
  const std::string out = to_table(data, TableStyle{Lang::vi, std::nullopt, false});
  const auto lines = lines_of(out);
  REQUIRE(lines.size() >= 3);
  // 2 + 1 done on time of 3 + 4 done: 3/7, not the mean of 2/3 and 1/4.
  CHECK(lines.back().starts_with("     Tổng cộng"));
  CHECK(lines.back().find("42,9%") != std::string::npos);
  CHECK(lines.back().find(" 24 ") != std::string::npos);  // 21 + 3 tasks
  CHECK(inspectrack::render::summary_frame(GroupBy::unit, {}, {}, as_of, Lang::vi).totals.empty());
}

TEST_CASE(
    "task outcome: done in time or N days late against the deadline in force, no lateness shown when "
    "finished") {
  using namespace inspectrack::render;
  namespace model = inspectrack::model;
  inspectrack::report::TaskRow late;
  late.task.id = 5;
  late.task.status = model::Status::done;
  late.task.done_on = model::Date::from_ymd(2021, 7, 27);
  late.task.done_deadline = model::Date::from_ymd(2021, 7, 21);
  late.days_late = 30;
  inspectrack::report::TaskRow in_time = late;
  in_time.task.done_on = model::Date::from_ymd(2021, 7, 21);
  const Dataset vi = task_dataset({late, in_time}, TaskView::list, Lang::vi, DaysCount::calendar);
  const std::string table = to_table(vi, TableStyle{Lang::vi, std::nullopt, false});
  CHECK(table.find("quá hạn 6 ngày") != std::string::npos);
  CHECK(table.find("đúng hạn") != std::string::npos);
  CHECK(table.find("30") == std::string::npos);
  const std::string json =
      to_json(task_dataset({late, in_time}, TaskView::list, Lang::en, DaysCount::calendar));
  CHECK(json.find("\"days_late\": 30,") != std::string::npos);
  CHECK(json.find("\"due_when_done\": \"2021-07-21\", \"outcome\": \"late\"}") != std::string::npos);
  CHECK(json.find("\"outcome\": \"on_time\"}") != std::string::npos);
  const std::string csv = to_csv(task_dataset({late}, TaskView::list, Lang::en, DaysCount::calendar), false);
  CHECK(csv.find(",2021-07-21,6 days late\r\n") != std::string::npos);
}

TEST_CASE("overdue by inspection or by the unit reported to: rows under its heading, its column left out") {
  using namespace inspectrack::render;
  namespace model = inspectrack::model;
  using inspectrack::storage::TaskGroup;
  // Two tasks of one inspection, one reported to Phòng Nội vụ, the other to no unit.
  inspectrack::report::TaskRow reported;
  model::Task& t = reported.task;
  std::tie(t.id, t.key, t.action, t.last_day) =
      std::tuple(3, "bao-cao", "Báo cáo", model::Date::from_ymd(2021, 7, 21));
  std::tie(t.inspection, t.inspection_title) = std::pair("cchc-2021", "Kiểm tra CCHC năm 2021");
  std::tie(t.assignee, t.assignee_name) = std::pair("ia-me", "UBND xã Ia Me");
  std::tie(t.report_to, t.report_to_name) = std::pair("noi-vu", "Phòng Nội vụ");
  reported.working_days_late = 3;
  inspectrack::report::TaskRow unreported = reported;
  unreported.task.id = 4;
  unreported.task.report_to.reset();
  unreported.task.report_to_name.clear();
  const std::vector<inspectrack::report::TaskRow> rows{reported, unreported};

  const auto by_inspection =
      task_columns(TaskView::overdue, Lang::vi, DaysCount::working, TaskGroup::inspection);
  const Dataset inspections = by_inspection.dataset(rows);
  const auto table = lines_of(to_table(inspections, TableStyle{Lang::vi, std::nullopt, false}));
  REQUIRE(table.size() > 2);
  CHECK(table[0] == "Kiểm tra CCHC năm 2021 (cchc-2021)");
  // The unit is a column now; the inspection, which the heading says, is not.
  CHECK(table[1].find("Đơn vị") != std::string::npos);
  CHECK(table[1].find("Đợt kiểm tra") == std::string::npos);
  CHECK(table[1].find("Báo cáo về") != std::string::npos);

  const Dataset report_to =
      task_columns(TaskView::overdue, Lang::vi, DaysCount::working, TaskGroup::report_to).dataset(rows);
  const std::string markdown = to_markdown(report_to, Lang::vi);
  CHECK(markdown.find("### Phòng Nội vụ (noi-vu)\n") != std::string::npos);
  CHECK(markdown.find("### Không báo cáo về đơn vị nào\n") != std::string::npos);
  CHECK(markdown.find("| Báo cáo về |") == std::string::npos);
  CHECK(markdown.find("| Đơn vị | Đợt kiểm tra |") != std::string::npos);
  const Dataset en =
      task_columns(TaskView::overdue, Lang::en, DaysCount::working, TaskGroup::report_to).dataset(rows);
  CHECK(to_table(en, TableStyle{}).find("\nNo unit to report to\n") != std::string::npos);

  // Scripts read the same fields, whatever the grouping; people's group columns are theirs only.
  const Dataset flat = task_columns(TaskView::overdue, Lang::vi).dataset(rows);
  CHECK_FALSE(flat.group_by);
  CHECK(to_json(inspections) == to_json(flat));
  CHECK(to_csv(report_to, false) == to_csv(flat, false));
  CHECK(to_table(task_columns(TaskView::overdue, Lang::vi, DaysCount::working, TaskGroup::unit).dataset(rows),
                 TableStyle{Lang::vi, std::nullopt, false})
            .starts_with("UBND xã Ia Me (ia-me)\n"));
}

TEST_CASE("task_frame: the title says a grouping by inspection or by the unit reported to") {
  using inspectrack::render::task_frame;
  using inspectrack::render::TaskView;
  using inspectrack::storage::TaskGroup;
  const auto as_of = *inspectrack::model::Date::from_ymd(2021, 7, 26);
  inspectrack::render::Scope scope;
  scope.area = "tthc";
  CHECK(task_frame(TaskView::overdue, {}, as_of, Lang::vi, 0, TaskGroup::inspection).title ==
        "Nhiệm vụ quá hạn theo đợt kiểm tra");
  CHECK(task_frame(TaskView::overdue, scope, as_of, Lang::en, 0, TaskGroup::report_to).title ==
        "Overdue tasks by unit reported to — area: tthc");
  CHECK(task_frame(TaskView::overdue, {}, as_of, Lang::vi, 0, TaskGroup::report_to).title ==
        "Nhiệm vụ quá hạn theo đơn vị nhận báo cáo");
  CHECK(task_frame(TaskView::due, {}, as_of, Lang::en, 7, TaskGroup::inspection).title ==
        "Tasks due within 7 working days by inspection");
  // By unit, as overdue always came: no word added.
  CHECK(task_frame(TaskView::overdue, {}, as_of, Lang::en, 0, TaskGroup::unit).title == "Overdue tasks");
  CHECK(task_frame(TaskView::due, {}, as_of, Lang::en, 7, TaskGroup::unit).group_counts);
}

namespace {

// Bàu Cạn's record with what it holds: one child unit, no one reporting to it, one
// finding, one task.
std::string shown_unit(inspectrack::render::Format format, Lang lang, bool reported) {
  namespace render = inspectrack::render;
  namespace model = inspectrack::model;
  render::Contents contents;
  contents.counts = bau_can();
  if (reported) contents.reported = bau_can();
  model::Unit child;
  child.key = "bau-can.thon-1";
  child.name = "Thôn 1";
  child.parent = "bau-can";
  contents.children.push_back(child);
  model::Finding finding;
  finding.inspection = "chu-prong-2021";
  finding.key = "ky-so";
  finding.unit = "bau-can";
  finding.text = "Việc ký số còn hạn chế.";
  contents.findings.push_back(finding);
  contents.tasks.push_back(bau_can_task(4, "chu-prong-2021"));
  model::Unit unit;
  unit.key = "bau-can";
  unit.name = "UBND xã Bàu Cạn";
  const auto as_of = *model::Date::from_ymd(2021, 7, 26);
  TableStyle style;
  style.lang = lang;
  return render::render_record(render::units_dataset({unit}, lang), render::events_dataset({}, lang, inspectrack::model::in_utc), format,
                               style, false,
                               render::contents_parts(contents, render::Holder::unit, as_of, lang));
}

}  // namespace

namespace {

using inspectrack::model::Event;
using inspectrack::model::LocalTime;
using inspectrack::render::events_dataset;
using inspectrack::render::Format;

Event extension_at(const char* at) {
  Event e;
  e.id = 106;
  e.at = at;
  e.actor = "vanthu";
  e.action = "extend";
  e.entity = "task";
  e.key = "gia-lai-cchc-2021-chu-prong/tu-kiem-tra@ia-o";
  e.task_id = 15;
  e.field = "last_day";
  e.before = "2021-07-24";
  e.after = "2021-08-06";
  e.effective = "2021-08-06";
  return e;
}

// A zone always 7 hours ahead of UTC, as Việt Nam is.
LocalTime vietnam(std::int64_t utc) {
  LocalTime t = inspectrack::model::in_utc(utc + 7 * 3600);
  t.offset_seconds = 7 * 3600;
  return t;
}

// A zone with summer time: UTC+01:00, UTC+02:00 from 2026-03-29T01:00:00Z on.
LocalTime berlin_2026(std::int64_t utc) {
  const int offset = utc < *inspectrack::model::parse_utc_timestamp("2026-03-29T01:00:00Z") ? 3600 : 7200;
  LocalTime t = inspectrack::model::in_utc(utc + offset);
  t.offset_seconds = offset;
  return t;
}

std::string rendered(const Dataset& d, Format format, Lang lang) {
  TableStyle style;
  style.lang = lang;
  return inspectrack::render::render(d, format, style, false);
}

}  // namespace

TEST_CASE("show of a unit: its children, its counts, its findings and its tasks, in every format") {
  using inspectrack::render::Format;
  const std::string table = shown_unit(Format::table, Lang::vi, false);
  for (const char* line :
       {"Đơn vị trực thuộc\n", "Số liệu tính đến ngày 26/07/2021\n", "Tồn tại:             5\n",
        "Hoàn thành quá hạn:  1\n", "Quá hạn:             10\n", "Đã hủy:              1\n", "\nTồn tại\nSTT",
        "\nNhiệm vụ\nSTT", "\nLịch sử\n"}) {
    CAPTURE(line);
    CHECK(table.find(line) != std::string::npos);
  }
  // The counts of nothing reporting to it are not said to people; the units under it are.
  CHECK(table.find("báo cáo về đơn vị này") == std::string::npos);
  CHECK(shown_unit(Format::table, Lang::vi, true).find("Nhiệm vụ phải báo cáo về đơn vị này") !=
        std::string::npos);
  CHECK(table.find("Thôn 1") != std::string::npos);
  CHECK(table.find("Báo cáo kết quả khắc phục") != std::string::npos);
  // Its own unit is not a column of its tasks: every row would say it.
  CHECK(table.find("UBND xã Bàu Cạn (bau-can)") == std::string::npos);

  const std::string markdown = shown_unit(Format::markdown, Lang::en, false);
  CHECK(markdown.find("\n## Counts as of 2021-07-26\n\n- **Findings**: 5\n- **Tasks**: 21\n") !=
        std::string::npos);
  CHECK(markdown.find("\n## Tasks\n\n| No. |") != std::string::npos);

  const std::string json = shown_unit(Format::json, Lang::vi, false);
  CHECK(json.starts_with("{\"key\": \"bau-can\", \"name\": \"UBND xã Bàu Cạn\""));
  for (const char* key :
       {", \"children\": [\n    {\"key\": \"bau-can.thon-1\"",
        ", \"counts\": {\"group\": \"bau-can\", \"name\": \"UBND xã Bàu Cạn\", \"findings\": 5, \"tasks\": "
        "21",
        ", \"report_counts\": {", ", \"findings\": [\n    {\"inspection\": \"chu-prong-2021\"",
        ", \"tasks\": [\n    {\"id\": 4, \"key\": \"chu-prong-2021/bao-cao@bau-can\"",
        ", \"events\": []}\n"}) {
    CAPTURE(std::string(key));
    CHECK(json.find(key) != std::string::npos);
  }
  // CSV holds one table: the record's row, as before.
  CHECK(shown_unit(Format::csv, Lang::en, false) ==
        "Unit,Name,Kind,Parent,E-mail,Head\r\nbau-can,UBND xã Bàu Cạn,agency,,,\r\n");
}

TEST_CASE("events_dataset: times on the reader's clock, the offset in the heading, JSON keeps UTC") {
  const std::vector<Event> events = {extension_at("2026-12-07T18:29:03Z")};
  const Dataset vi = events_dataset(events, Lang::vi, vietnam);
  const std::string table_vi = rendered(vi, Format::table, Lang::vi);
  CHECK(table_vi.find("Thời điểm (UTC+07:00)") != std::string::npos);
  CHECK(table_vi.find("08/12/2026 01:29 ") != std::string::npos);
  CHECK(table_vi.find("06/08/2021") != std::string::npos);  // the day it takes effect
  CHECK(table_vi.find("2026-12-07T18:29:03Z") == std::string::npos);
  CHECK(rendered(vi, Format::markdown, Lang::vi).find("| 08/12/2026 01:29 |") != std::string::npos);

  const Dataset en = events_dataset(events, Lang::en, vietnam);
  const std::string table_en = rendered(en, Format::table, Lang::en);
  CHECK(table_en.find("When (UTC+07:00)") != std::string::npos);
  CHECK(table_en.find("2026-12-08 01:29 ") != std::string::npos);

  // CSV: ISO as its dates, to the second, in local time under the heading's offset.
  const std::string csv = rendered(vi, Format::csv, Lang::vi);
  CHECK(csv.find(",Thời điểm (UTC+07:00),") != std::string::npos);
  CHECK(csv.find("106,2026-12-08 01:29:03,vanthu,") != std::string::npos);
  CHECK(csv.find(",2021-08-06\r\n") != std::string::npos);

  // JSON: the stored UTC time and ISO dates, the same keys as before.
  const std::string json = rendered(vi, Format::json, Lang::vi);
  CHECK(json.find("\"at\": \"2026-12-07T18:29:03Z\"") != std::string::npos);
  CHECK(json.find("\"effective\": \"2021-08-06\"") != std::string::npos);
  CHECK(json.find("when") == std::string::npos);
  CHECK(json.find("2026-12-08") == std::string::npos);
}

TEST_CASE("events_dataset: in UTC the heading says UTC and the time is the stored one") {
  const Dataset d =
      events_dataset({extension_at("2026-12-07T18:29:03Z")}, Lang::en, inspectrack::model::in_utc);
  const std::string table = rendered(d, Format::table, Lang::en);
  CHECK(table.find("When (UTC) ") != std::string::npos);
  CHECK(table.find("2026-12-07 18:29 ") != std::string::npos);
}

TEST_CASE("events_dataset: times at different offsets each say theirs, the heading none") {
  const std::vector<Event> events = {extension_at("2026-03-29T00:59:00Z"),
                                     extension_at("2026-03-29T01:00:00Z")};
  const Dataset vi = events_dataset(events, Lang::vi, berlin_2026);
  const std::string table = rendered(vi, Format::table, Lang::vi);
  CHECK(table.find("Thời điểm ") != std::string::npos);
  CHECK(table.find("Thời điểm (") == std::string::npos);
  CHECK(table.find("29/03/2026 01:59 (UTC+01:00)") != std::string::npos);
  CHECK(table.find("29/03/2026 03:00 (UTC+02:00)") != std::string::npos);
  const std::string csv = rendered(vi, Format::csv, Lang::vi);
  CHECK(csv.find("106,2026-03-29 01:59:00+01:00,") != std::string::npos);
  CHECK(csv.find("106,2026-03-29 03:00:00+02:00,") != std::string::npos);
}

TEST_CASE("events_dataset: a time or a day stored in another form is shown as stored") {
  Event e = extension_at("yesterday");
  e.effective = "6/8/2021";
  const Dataset d = events_dataset({e}, Lang::vi, vietnam);
  const std::string table = rendered(d, Format::table, Lang::vi);
  CHECK(table.find("yesterday") != std::string::npos);
  CHECK(table.find("6/8/2021") != std::string::npos);
  CHECK(rendered(d, Format::json, Lang::vi).find("\"at\": \"yesterday\"") != std::string::npos);
}
