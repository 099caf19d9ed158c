// The documents' use cases on the fake store: the office chosen or refused, the
// report's figures those of `summary` for the same request, one row per task, the
// letter's overdue tasks by unit (never the office's own), and nothing selected refused.
#include <doctest/doctest.h>

#include <string>
#include <variant>
#include <vector>

#include "app_report_fixture.hpp"
#include "fake_store.hpp"
#include "inspectrack/app/document.hpp"
#include "inspectrack/error.hpp"
#include "report_sample.hpp"

using namespace inspectrack;
using model::Date;
using test_support::report_sample::d;

namespace {

model::Office office(const std::string& key) {
  model::Office o;
  o.key = key;
  o.body = "PHÒNG NỘI VỤ";
  o.place = "Chư Prông";
  o.report_symbol = "BC-NV";
  o.letter_symbol = "NV";
  o.archive = "VT, NV";
  return o;
}

using test_support::app_reports::Fixture;
using test_support::app_reports::request;

// What an Error says and its exit status.
template <typename F>
std::pair<int, std::string> refusal(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return {static_cast<int>(e.code()), e.what()};
  }
  return {0, ""};
}

void same_counts(const report::SummaryRow& a, const report::SummaryRow& b) {
  CHECK(a.tasks == b.tasks);
  CHECK(a.done_on_time == b.done_on_time);
  CHECK(a.done_late == b.done_late);
  CHECK(a.open_in_time == b.open_in_time);
  CHECK(a.overdue == b.overdue);
  CHECK(a.no_deadline == b.no_deadline);
  CHECK(a.cancelled == b.cancelled);
  CHECK(a.on_time_rate == b.on_time_rate);
}

}  // namespace

TEST_CASE("the office: the only one stored, the one named, else a refusal that helps") {
  test_support::FakeStore store;
  CHECK(refusal([&] { app::office_for(store, std::nullopt); }) ==
        std::pair<int, std::string>{66,
                                    "no office is stored to issue the document: import an office file (start "
                                    "one with 'inspectrack template office')"});
  store.add(office("chu-prong.noi-vu"));
  CHECK(app::office_for(store, std::nullopt).key == "chu-prong.noi-vu");
  CHECK(app::office_for(store, "chu-prong.noi-vu").key == "chu-prong.noi-vu");
  store.add(office("chu-prong.ubnd"));
  CHECK(refusal([&] { app::office_for(store, std::nullopt); }) ==
        std::pair<int, std::string>{
            64, "several offices are stored: choose one with --office (chu-prong.noi-vu, chu-prong.ubnd)"});
  CHECK(app::office_for(store, "chu-prong.ubnd").key == "chu-prong.ubnd");
  CHECK(refusal([&] { app::office_for(store, "chu-prong.ubdn"); }) ==
        std::pair<int, std::string>{
            64, "--office 'chu-prong.ubdn': no such office; did you mean 'chu-prong.ubnd'?"});
  CHECK(refusal([&] { app::office_for(store, "xyz"); }) ==
        std::pair<int, std::string>{
            64, "--office 'xyz': no such office (the offices: chu-prong.noi-vu, chu-prong.ubnd)"});
}

TEST_CASE("the report's figures are summary's, in all and by unit, for every filter") {
  Fixture f;
  f.store.add(office("noi-vu"));
  for (const auto& filter : test_support::report_sample::filters()) {
    if (filter.area == "tth") continue;  // check_filter refuses it, as summary does
    const auto r = request(d(2021, 7, 29), filter);
    const auto rows = app::summary(f.store, report::GroupBy::unit, r);
    std::vector<report::SummaryRow> with_tasks;
    for (const auto& row : rows) {
      if (row.tasks > 0) with_tasks.push_back(row);
    }
    if (with_tasks.empty()) {
      CHECK(refusal([&] { app::report_document(f.store, f.calendars, r, std::nullopt); }).first == 66);
      continue;
    }
    const auto data = app::report_document(f.store, f.calendars, r, std::nullopt);
    same_counts(data.total, report::total(rows));
    REQUIRE(data.units.size() == with_tasks.size());
    std::size_t tasks = 0;
    for (std::size_t i = 0; i < data.units.size(); ++i) {
      CHECK(data.units[i].unit.key == *with_tasks[i].group);
      same_counts(data.units[i].counts, with_tasks[i]);
      CHECK(data.units[i].tasks.size() == static_cast<std::size_t>(with_tasks[i].tasks));
      tasks += data.units[i].tasks.size();
      // Each row's outcome is counted as the figures count it.
      report::SummaryRow summed;
      for (const auto& t : data.units[i].tasks) {
        CHECK(t.row.task.assignee == data.units[i].unit.key);
        summed.overdue += t.outcome.overdue;
        summed.done_on_time += t.outcome.done_on_time;
      }
      CHECK(summed.overdue == with_tasks[i].overdue);
      CHECK(summed.done_on_time == with_tasks[i].done_on_time);
    }
    CHECK(tasks == f.store.tasks(r.tasks).size());
  }
}

TEST_CASE("the report's rows: units by name, tasks by key within a unit, and the inspections of the rows") {
  Fixture f;
  f.store.add(office("noi-vu"));
  const auto data = app::report_document(f.store, f.calendars, request(d(2021, 7, 29)), std::nullopt);
  std::vector<std::string> units;
  for (const auto& u : data.units) units.push_back(u.unit.name + " " + u.unit.key);
  // "UBND xã An" (z-xa) before "UBND xã Yên" (a-xa, m-xa): by name, then key.
  CHECK(units == std::vector<std::string>{"Phòng Nội vụ noi-vu", "UBND xã An z-xa", "UBND xã Yên a-xa",
                                          "UBND xã Yên m-xa"});
  const auto& tasks = data.units.front().tasks;
  for (std::size_t i = 1; i < tasks.size(); ++i) {
    CHECK(std::tie(tasks[i - 1].row.task.inspection, tasks[i - 1].row.task.key) <
          std::tie(tasks[i].row.task.inspection, tasks[i].row.task.key));
  }
  REQUIRE(data.source.inspections.size() == 2);
  CHECK(data.source.inspections[0].key == "i1");
  CHECK(data.source.office.key == "noi-vu");
  CHECK(data.source.office_name.empty());
}

TEST_CASE("the report's figures in words are those summary gives") {
  Fixture f;
  f.store.add(office("noi-vu"));
  const auto r = request(d(2021, 7, 29), [] {
    storage::TaskFilter filter;
    filter.inspection = "i1";
    return filter;
  }());
  const auto total = report::total(app::summary(f.store, report::GroupBy::unit, r));
  const auto docs = render::report_document(app::report_document(f.store, f.calendars, r, std::nullopt), {},
                                            text::Lang::en);
  const auto& figures = std::get<typeset::Paragraph>(docs.front().body[2]).runs.front().text;
  CHECK(figures.starts_with("Tasks in all: " + std::to_string(total.tasks) +
                            "; done on time: " + std::to_string(total.done_on_time) +
                            "; done late: " + std::to_string(total.done_late) +
                            "; open within their deadline: " + std::to_string(total.open_in_time) +
                            "; overdue and not done: " + std::to_string(total.overdue) + ";"));
  std::size_t rows = 0;
  for (const auto& block : docs.front().body) {
    if (const auto* table = std::get_if<typeset::Table>(&block)) rows += table->rows.size();
  }
  CHECK(rows == static_cast<std::size_t>(total.tasks));
}

TEST_CASE("the letter: the overdue tasks by unit, as overdue gives them, without the office's own") {
  Fixture f;
  auto noi_vu = office("noi-vu");
  noi_vu.unit = "noi-vu";
  f.store.add(noi_vu);
  const auto r = request(d(2021, 7, 29));
  std::vector<std::string> expected;
  app::ReportRequest by_unit = r;
  by_unit.by = storage::TaskGroup::unit;
  app::overdue(f.store, f.calendars, by_unit, [&](const report::TaskRow& row) {
    if (row.task.assignee != "noi-vu") expected.push_back(row.task.full_key());
  });
  REQUIRE(!expected.empty());
  const auto data = app::letter_document(f.store, f.calendars, r, std::nullopt);
  std::vector<std::string> got;
  for (const auto& u : data.units) {
    CHECK(u.unit.key != "noi-vu");
    for (const auto& t : u.tasks) {
      CHECK(t.row.task.assignee == u.unit.key);
      CHECK(t.row.days_late > 0);
      got.push_back(t.row.task.full_key());
    }
  }
  CHECK(got == expected);
  CHECK(data.overdue == expected.size());
  CHECK(data.source.office_name == "Phòng Nội vụ");
}

TEST_CASE("a letter with no overdue task, and a report with no task, are refused") {
  Fixture f;
  f.store.add(office("noi-vu"));
  CHECK(refusal([&] { app::letter_document(f.store, f.calendars, request(d(2021, 7, 1)), std::nullopt); }) ==
        std::pair<int, std::string>{
            66, "no task of the selection is overdue on 2021-07-01: there is nobody to remind"});
  storage::TaskFilter idle;
  idle.unit = "idle";
  CHECK(refusal([&] {
          app::report_document(f.store, f.calendars, request(d(2021, 7, 29), idle), std::nullopt);
        }).first == 66);
  // A typo in a filter is the filter's usage error, as in summary.
  storage::TaskFilter typo;
  typo.unit = "a-xaa";
  CHECK(refusal([&] {
          app::report_document(f.store, f.calendars, request(d(2021, 7, 29), typo), std::nullopt);
        }).first == 64);
}
