#pragma once
// What the SqliteStore tests share: a sample plan (Chư Prông's units, one inspection,
// its findings and tasks), options, and small readers of files and outcomes.

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "inspectrack/calendar/registry.hpp"
#include "inspectrack/calendar/work_calendar.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/import/resolve.hpp"
#include "inspectrack/model/date.hpp"
#include "inspectrack/model/reminder.hpp"
#include "inspectrack/storage/sqlite_store.hpp"
#include "schema_fixture.hpp"
#include "temp_dir.hpp"

namespace storage_test {

using namespace inspectrack::storage;
using inspectrack::ExitCode;
using inspectrack::StorageError;
using inspectrack::calendar::CalendarRegistry;
using inspectrack::calendar::CalendarSpec;
using inspectrack::calendar::DayKind;
using inspectrack::calendar::SpecialDay;
using inspectrack::calendar::YearSpec;
using inspectrack::model::Date;
using inspectrack::model::Due;
using inspectrack::model::Status;

inline Date day(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

using test_support::TempDir;
using test_support::schema_objects;
using test_support::schema_objects_unquoted;

inline std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

inline OpenOptions read_write() {
  OpenOptions o;
  o.mode = OpenMode::read_write;
  return o;
}

inline OpenOptions read_only() {
  OpenOptions o;
  o.mode = OpenMode::read_only;
  return o;
}

inline std::unique_ptr<Store> memory() { return open_memory({}); }

inline ImportOptions at(const std::string& now) {
  ImportOptions o;
  o.actor = "tester";
  o.now = now;
  return o;
}

inline inspectrack::model::Unit unit(const std::string& key, const std::string& name,
                              inspectrack::model::UnitKind kind,
                              std::optional<std::string> parent = std::nullopt) {
  inspectrack::model::Unit u;
  u.key = key;
  u.name = name;
  u.kind = kind;
  u.parent = std::move(parent);
  return u;
}

inline Due due_before(Date d, const std::string& text) {
  Due due;
  due.form = Due::Form::before;
  due.date = d;
  due.text = text;
  return due;
}

inline Due due_on(Date d, const std::string& text) {
  Due due;
  due.form = Due::Form::date;
  due.date = d;
  due.text = text;
  return due;
}

inline Due due_none() {
  Due due;
  due.form = Due::Form::none;
  due.text = "none";
  return due;
}

inline Due due_within(int days, const std::string& text) {
  Due due;
  due.form = Due::Form::within;
  due.period = days;
  due.counting = Due::Counting::working_days;
  due.anchor = Due::Anchor::conclusion_date;
  due.text = text;
  return due;
}

inline inspectrack::model::Task task(const std::string& key, const std::string& assignee,
                              const std::string& action, Due due, std::optional<Date> last_day) {
  inspectrack::model::Task t;
  t.inspection = "cp";
  t.key = key;
  t.assignee = assignee;
  t.action = action;
  t.due = std::move(due);
  t.last_day = last_day;
  return t;
}

// A district with a department and three communes; one inspection with two findings
// and four written tasks, one of them for two assignees.
inline inspectrack::import::ImportPlan sample_plan() {
  using inspectrack::model::UnitKind;
  inspectrack::import::ImportPlan plan;
  plan.units.push_back(unit("chu-prong", "UBND huyện Chư Prông", UnitKind::district));
  plan.units.back().emails = {"ubnd@example.vn", "vanthu@example.vn"};
  plan.units.back().head = "Chủ tịch";
  plan.units.push_back(unit("noi-vu", "Phòng Nội vụ", UnitKind::department, "chu-prong"));
  plan.units.push_back(unit("bau-can", "UBND xã Bàu Cạn", UnitKind::commune, "chu-prong"));
  plan.units.push_back(unit("binh-giao", "UBND xã Bình Giáo", UnitKind::commune, "chu-prong"));
  plan.units.push_back(unit("ia-me", "UBND xã Ia Me", UnitKind::commune, "chu-prong"));

  inspectrack::import::InspectionPlan ip;
  ip.source = "cp.yaml";
  ip.inspection.key = "cp";
  ip.inspection.title = "Kiểm tra CCHC tại huyện Chư Prông";
  ip.inspection.authority = "UBND tỉnh Gia Lai";
  ip.inspection.scope = "chu-prong";
  ip.inspection.from = day(2021, 6, 30);
  ip.inspection.to = day(2021, 7, 1);
  ip.inspection.conclusion.number = "TB-UBND";
  ip.inspection.conclusion.date = day(2021, 7, 15);

  inspectrack::model::Finding f1;
  f1.inspection = "cp";
  f1.key = "niem-yet";
  f1.unit = "chu-prong";
  f1.area = "tthc.cong-khai";
  f1.severity = inspectrack::model::Severity::medium;
  f1.text = "Việc niêm yết thủ tục hành chính chưa đúng quy định.";
  inspectrack::model::Finding f2;
  f2.inspection = "cp";
  f2.key = "mot-cua";
  f2.unit = "bau-can";
  f2.area = "hien-dai-hoa.mot-cua";
  f2.text = "Hồ sơ không kết thúc trên Hệ thống Một cửa điện tử.";
  f2.indicator = inspectrack::model::Indicator{"hồ sơ trực tuyến", 12.5, 50.0, "%"};
  ip.findings = {f1, f2};

  auto bc1 = task("bao-cao", "bau-can", "Báo cáo kết quả khắc phục",
                  due_before(day(2021, 7, 22), "before: 22/7/2021"), day(2021, 7, 21));
  bc1.report_to = "noi-vu";
  bc1.findings = {"niem-yet", "mot-cua"};
  auto bc2 = bc1;
  bc2.assignee = "binh-giao";
  auto kt = task("ket-thuc", "chu-prong", "Kết thúc hồ sơ trên Hệ thống Một cửa điện tử",
                 due_on(day(2021, 7, 31), "31/7/2021"), day(2021, 7, 31));
  kt.findings = {"mot-cua"};
  kt.target = "hơn 50% hồ sơ";
  auto qc = task("quy-che", "ia-me", "Ban hành Quy chế làm việc", due_none(), std::nullopt);
  auto th =
      task("tu-kiem-tra", "ia-me", "Báo cáo tự kiểm tra",
           due_within(10, "within: 10 working days, from: conclusion.date"), day(2021, 7, 29));
  ip.tasks = {bc1, bc2, kt, qc, th};
  plan.inspections.push_back(ip);
  return plan;
}

inline std::vector<std::string> keys_of(const std::vector<inspectrack::model::Task>& tasks) {
  std::vector<std::string> out;
  for (const auto& t : tasks) out.push_back(t.full_key());
  return out;
}

inline const Change* find_change(const ImportOutcome& o, const std::string& entity,
                          const std::string& key) {
  for (const auto& c : o.changes) {
    if (c.entity == entity && c.key == key) return &c;
  }
  return nullptr;
}

inline std::string schema_file() { return read_bytes(INSPECTRACK_SOURCE_DIR "/schemas/database.sql"); }

inline int event_count(Store& store) { return static_cast<int>(store.events(std::nullopt).size()); }



// Key `key`, Saturday and Sunday off, 2021 announced with `days_off` (each "Nghỉ").
inline inspectrack::calendar::CalendarSpec calendar_spec(const std::string& key, const std::vector<Date>& days_off) {
  inspectrack::calendar::CalendarSpec spec;
  spec.key = key;
  spec.name = "Lịch " + key;
  inspectrack::calendar::YearSpec y;
  y.year = 2021;
  y.source = "TB " + key;
  for (const Date d : days_off) y.days_off.push_back({d, inspectrack::calendar::DayKind::holiday, "Nghỉ", false});
  spec.years.push_back(y);
  return spec;
}

inline inspectrack::import::ImportPlan calendars_plan(const std::vector<inspectrack::calendar::CalendarSpec>& specs) {
  inspectrack::import::ImportPlan plan;
  for (const auto& spec : specs) plan.calendars.push_back({spec, spec.key + ".yaml"});
  return plan;
}

inline const std::vector<Date> kNewYear{Date::from_ymd(2021, 1, 1).value()};

inline inspectrack::model::Reminder reminder_for(const inspectrack::model::Task& task, const char* day_iso) {
  inspectrack::model::Reminder r;
  r.unit = task.assignee;
  r.day = *inspectrack::model::parse_date(day_iso).date;
  r.sent_at = "2021-07-23T00:00:00Z";
  r.transport = "mbox";
  r.target = "out.mbox";
  r.message_id = std::string("id-") + day_iso + "-" + task.assignee + "@example.vn";
  r.to = {"baucan@example.vn"};
  r.cc = {"noivu@example.vn", "ubnd@example.vn"};
  r.actor = "tester";
  r.claimant = inspectrack::model::Claimant{"huyen", 4242, 987654, "0d1c-boot"};
  r.message = std::string("Message-ID: <") + r.message_id + ">\r\n\r\nNhắc việc\r\n";
  inspectrack::model::RemindedTask t;
  t.task_id = task.id;
  t.task_key = task.full_key();
  t.state = inspectrack::model::RemindedTask::State::overdue;
  t.last_day = *task.last_day;
  t.days_late = 1;
  t.escalated = true;
  r.tasks = {t};
  return r;
}

// Every row of a table, in rowid order, as text.
inline std::vector<std::string> rows_of(SQLite::Database& db, const std::string& select) {
  std::vector<std::string> out;
  SQLite::Statement q(db, select);
  while (q.executeStep()) {
    std::string row;
    for (int n = 0; n < q.getColumnCount(); ++n) {
      row += (n == 0 ? "" : "|") + (q.getColumn(n).isNull() ? "NULL" : q.getColumn(n).getString());
    }
    out.push_back(row);
  }
  return out;
}

}  // namespace storage_test
