#pragma once
// The sample the store-fed report tests and the fake store's own test share: names
// that sort differently from keys (z-xa is "UBND xã An"), several tasks sharing a last
// day and an assignee, two inspections, findings with areas, a unit with no task, and
// progress of every kind (done on time and late, verified, cancelled, extended).

#include <optional>
#include <string>
#include <vector>

#include "fake_store.hpp"
#include "inspectrack/model/date.hpp"
#include "inspectrack/model/finding.hpp"
#include "inspectrack/model/inspection.hpp"
#include "inspectrack/model/task.hpp"
#include "inspectrack/model/unit.hpp"
#include "inspectrack/storage/report_queries.hpp"

namespace test_support::report_sample {

using inspectrack::model::Date;

inline Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

// A district, its department and four communes; every unit but the district is in it.
inline std::vector<inspectrack::model::Unit> units() {
  using inspectrack::model::UnitKind;
  struct Row {
    const char* key;
    const char* name;
    UnitKind kind;
  };
  const Row rows[] = {{"huyen", "UBND huyện", UnitKind::district},
                      {"noi-vu", "Phòng Nội vụ", UnitKind::department},
                      {"z-xa", "UBND xã An", UnitKind::commune},
                      {"a-xa", "UBND xã Yên", UnitKind::commune},
                      {"m-xa", "UBND xã Yên", UnitKind::commune},
                      {"idle", "UBND xã Nghỉ", UnitKind::commune}};
  std::vector<inspectrack::model::Unit> out;
  for (const Row& row : rows) {
    auto& u = out.emplace_back();
    u.key = row.key;
    u.name = row.name;
    u.kind = row.kind;
    if (u.key != "huyen") u.parent = "huyen";
  }
  return out;
}

// An inspection with its findings and tasks, as an import plan holds them.
struct InspectionRows {
  inspectrack::model::Inspection inspection;
  std::vector<inspectrack::model::Finding> findings;
  std::vector<inspectrack::model::Task> tasks;
};

inline inspectrack::model::Task task(const std::string& insp, const std::string& key,
                                     const std::string& assignee, std::optional<Date> last_day,
                                     std::vector<std::string> findings) {
  inspectrack::model::Task t;
  t.inspection = insp;
  t.key = key;
  t.assignee = assignee;
  t.action = "Khắc phục " + key;
  if (last_day) {
    t.due.form = inspectrack::model::Due::Form::date;
    t.due.date = last_day;
    t.due.text = last_day->vn();
  } else {
    t.due.form = inspectrack::model::Due::Form::none;
    t.due.text = "none";
  }
  t.last_day = last_day;
  t.original_last_day = last_day;
  t.findings = std::move(findings);
  t.calendar = "vn";
  return t;
}

// i2 then i1: the order they are imported in, so that row ids are not in key order.
inline std::vector<InspectionRows> inspections() {
  std::vector<InspectionRows> out;
  for (const std::string insp : {"i2", "i1"}) {
    InspectionRows rows;
    rows.inspection.key = insp;
    rows.inspection.title = insp == "i1" ? "Đợt Z" : "Đợt A";
    // By conclusion date the groups go i1, i2 (undated); by title i2, i1.
    if (insp == "i1") rows.inspection.conclusion.date = d(2021, 6, 1);
    rows.inspection.scope = "huyen";
    // i1 is dated by its conclusion, i2 (no conclusion date) by its visit.
    if (insp == "i1") rows.inspection.conclusion.date = d(2021, 7, 2);
    rows.inspection.from = d(2021, 6, 30);
    inspectrack::model::Finding f;
    f.inspection = insp;
    f.key = "f-tthc";
    f.unit = "z-xa";
    f.area = "tthc.cong-khai";
    f.text = "Niêm yết";
    rows.findings.push_back(f);
    f.key = "f-mc";
    f.unit = "a-xa";
    f.area = "mot-cua";
    rows.findings.push_back(f);
    const std::vector<std::optional<Date>> days = {d(2021, 7, 10), d(2021, 7, 10), d(2021, 7, 20),
                                                   d(2021, 8, 2),  d(2021, 8, 5),  std::nullopt};
    int n = 0;
    for (const std::string assignee : {"z-xa", "a-xa", "m-xa", "noi-vu"}) {
      for (const auto& day : days) {
        std::vector<std::string> linked;
        if (n % 3 == 0) linked = {"f-tthc"};
        if (n % 3 == 1) linked = {"f-mc", "f-tthc"};
        rows.tasks.push_back(task(insp, "t" + std::to_string(n++ % 7), assignee, day, linked));
        if (n % 2 == 0) rows.tasks.back().report_to = "noi-vu";
      }
    }
    out.push_back(rows);
  }
  return out;
}

// The progress of the task with row `id`, as the SQL of progress_sql() writes it.
inline void progress(inspectrack::model::Task& t) {
  using inspectrack::model::Status;
  if (t.id % 5 == 1 || t.id % 5 == 2) {
    t.status = Status::done;
    t.done_on = t.id % 5 == 1 ? d(2021, 7, 9) : d(2021, 7, 25);
    t.done_deadline = t.last_day;
  }
  if (t.id % 7 == 3) {
    t.status = Status::verified;
    t.done_on = d(2021, 7, 1);
    t.verified_on = d(2021, 7, 3);
    t.done_deadline.reset();
  }
  if (t.id % 11 == 4) t.status = Status::cancelled;
  if (t.id % 13 == 5 && t.status == Status::open && t.last_day) {
    t.last_day = d(2021, 9, 1);
    t.extensions = 1;
  }
}

// progress() in SQL, for a database the sample was imported into.
inline const char* progress_sql() {
  return "UPDATE tasks SET status = 'done', done_on = '2021-07-09', done_deadline = last_day"
         " WHERE id % 5 = 1;"
         "UPDATE tasks SET status = 'done', done_on = '2021-07-25', done_deadline = last_day"
         " WHERE id % 5 = 2;"
         "UPDATE tasks SET status = 'verified', done_on = '2021-07-01', verified_on = '2021-07-03',"
         " done_deadline = NULL WHERE id % 7 = 3;"
         "UPDATE tasks SET status = 'cancelled' WHERE id % 11 = 4;"
         "UPDATE tasks SET last_day = '2021-09-01', extensions = 1 WHERE id % 13 = 5"
         " AND status = 'open' AND last_day IS NOT NULL;";
}

// The sample in a fake store, with its progress; ids as an import gives them.
inline void fill(FakeStore& store) {
  for (auto& u : units()) store.add(u);
  std::int64_t id = 0;
  for (auto& rows : inspections()) {
    store.add(rows.inspection);
    for (auto& f : rows.findings) store.add(f);
    for (auto& t : rows.tasks) {
      t.id = ++id;
      progress(t);
      store.add(t);
    }
  }
}

// Filters of every kind: none, each field, an area with the areas under it, an area
// exactly, a prefix that is no area, a unit with no task, date ranges with both ends,
// one end, and ends on the dates the sample has (they are included).
inline std::vector<inspectrack::storage::TaskFilter> filters() {
  std::vector<inspectrack::storage::TaskFilter> out(1);
  out.emplace_back().unit = "a-xa";
  out.emplace_back().inspection = "i1";
  out.emplace_back().report_to = "noi-vu";
  out.emplace_back().area = "tthc";
  out.emplace_back().area = "tthc.cong-khai";
  out.emplace_back().area = "tth";
  out.emplace_back().status = inspectrack::model::Status::done;
  out.emplace_back().unit = "idle";
  out.emplace_back().deadline = {d(2021, 7, 10), d(2021, 7, 20)};
  out.emplace_back().deadline = {std::nullopt, d(2021, 7, 10)};
  out.emplace_back().deadline = {d(2021, 8, 5), std::nullopt};
  out.emplace_back().concluded = {d(2021, 7, 2), d(2021, 7, 2)};
  out.emplace_back().concluded = {std::nullopt, d(2021, 12, 31)};
  out.emplace_back().dated = {d(2021, 6, 30), d(2021, 7, 1)};
  out.emplace_back().dated = {d(2021, 1, 1), d(2021, 12, 31)};
  auto& both = out.emplace_back();
  both.dated = {d(2021, 1, 1), d(2021, 12, 31)};
  both.deadline = {d(2021, 8, 2), d(2021, 8, 2)};
  both.unit = "z-xa";
  return out;
}

}  // namespace test_support::report_sample
