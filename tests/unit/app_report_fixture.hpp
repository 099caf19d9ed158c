#pragma once
// The report sample in a fake store with the calendar its tasks name, and a report
// request of a filter (its findings selected as its tasks are): what the tests of the
// report use cases and of the documents' share.

#include <utility>

#include "fake_store.hpp"
#include "inspectrack/app/reports.hpp"
#include "inspectrack/calendar/registry.hpp"
#include "report_sample.hpp"

namespace test_support::app_reports {

struct Fixture {
  FakeStore store;
  inspectrack::calendar::CalendarRegistry calendars;

  Fixture() {
    report_sample::fill(store);
    inspectrack::calendar::CalendarSpec vn;
    vn.key = "vn";
    calendars.add(vn);
  }
};

inline inspectrack::app::ReportRequest request(inspectrack::model::Date as_of,
                                               inspectrack::storage::TaskFilter tasks = {}) {
  inspectrack::app::ReportRequest r;
  r.as_of = as_of;
  r.findings.unit = tasks.unit;
  r.findings.inspection = tasks.inspection;
  r.findings.area = tasks.area;
  r.findings.concluded = tasks.concluded;
  r.findings.dated = tasks.dated;
  r.tasks = std::move(tasks);
  return r;
}

}  // namespace test_support::app_reports
