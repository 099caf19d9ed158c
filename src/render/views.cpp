#include "inspectrack/render/views.hpp"

#include <algorithm>
#include <variant>

#include <fmt/format.h>

#include "cell.hpp"
#include "inspectrack/text/message.hpp"
#include "inspectrack/text/utf8.hpp"
#include "inspectrack/text/visible.hpp"

namespace inspectrack::render {
namespace {

using text::Lang;
using text::tr;
using report::TaskRow;
using report::SummaryRow;

constexpr Audience kPeople = Audience::people;
constexpr Audience kScripts = Audience::scripts;
constexpr Audience kBoth = Audience::both;

template <class Row>
void append(std::vector<ColumnDef<Row>>& columns, std::vector<ColumnDef<Row>> more) {
  for (auto& c : more) columns.push_back(std::move(c));
}

std::string status_text(model::Status s, Lang lang) {
  switch (s) {
    case model::Status::open: return tr(lang, "open", "đang thực hiện");
    case model::Status::done: return tr(lang, "done", "hoàn thành");
    case model::Status::verified: return tr(lang, "verified", "đã xác minh");
    case model::Status::cancelled: return tr(lang, "cancelled", "đã hủy");
  }
  return {};
}

std::string unit_label(const std::string& name, const std::string& key) {
  return name.empty() || name == key ? key : fmt::format("{} ({})", name, key);
}

// The last day as a table shows it, with its marks.
std::string last_day_text(const TaskRow& row, Lang lang) {
  if (!row.task.last_day) return {};
  std::string s = lang == Lang::vi ? row.task.last_day->vn() : row.task.last_day->iso();
  if (row.task.extensions > 0) {
    const auto& was = row.task.original_last_day;
    const std::string original = !was ? tr(lang, "none", "không có")
                                 : lang == Lang::vi ? was->vn()
                                                    : was->iso();
    s += fmt::format(fmt::runtime(tr(lang, " (extended ×{}, was {})", " (gia hạn {} lần, hạn gốc {})")),
                     row.task.extensions, original);
  }
  if (row.due_on_day_off) s += tr(lang, " (day off)", " (ngày nghỉ)");
  if (row.provisional) s += tr(lang, " (provisional)", " (tạm tính)");
  return s;
}

// INSPECTION/TASK@UNIT, and #PERIOD for an occurrence of a recurring task.
void fill_full_key(Value& cell, const TaskRow& row, Lang /*lang*/) {
  const model::Task& t = row.task;
  set_text(cell, t.inspection);
  std::string& key = std::get<std::string>(cell);
  key.append("/").append(t.key).append("@").append(t.assignee);
  if (!t.period.empty()) key.append("#").append(t.period);
}

// An occurrence of a recurring task says which period it is for.
void fill_action_shown(Value& cell, const TaskRow& row, Lang /*lang*/) {
  if (row.task.period.empty()) {
    set_text(cell, row.task.action);
  } else {
    set_text(cell, fmt::format("[{}] {}", row.task.period, row.task.action));
  }
}

void fill_report_to_name(Value& cell, const TaskRow& row, Lang /*lang*/) {
  if (row.task.report_to) {
    set_text(cell, row.task.report_to_name);
  } else {
    set_null(cell);
  }
}

void fill_report_to_shown(Value& cell, const TaskRow& row, Lang /*lang*/) {
  if (row.task.report_to) {
    set_text(cell, unit_label(row.task.report_to_name, *row.task.report_to));
  } else {
    set_null(cell);
  }
}

// Who the task is for and what it asks: the columns a task's row starts with.
std::vector<ColumnDef<TaskRow>> task_identity(TaskView view, Lang lang) {
  const Audience status_shown = view == TaskView::list ? kPeople : Audience::none;
  return {
      {"id", "ID", Type::count, kBoth, field<&TaskRow::task, &model::Task::id>},
      {"assignee_shown", tr(lang, "Unit", "Đơn vị"), Type::text, kPeople,
       [](Value& c, const TaskRow& r, Lang) { set_text(c, unit_label(r.task.assignee_name, r.task.assignee)); }},
      {"status_shown", tr(lang, "Status", "Trạng thái"), Type::text, status_shown,
       [](Value& c, const TaskRow& r, Lang l) { set_text(c, status_text(r.task.status, l)); }},
      {"key", tr(lang, "Key", "Khóa"), Type::text, kScripts, fill_full_key},
      {"inspection", tr(lang, "Inspection", "Đợt kiểm tra"), Type::text, kScripts,
       field<&TaskRow::task, &model::Task::inspection>},
      {"task", tr(lang, "Task", "Nhiệm vụ (khóa)"), Type::text, kScripts,
       field<&TaskRow::task, &model::Task::key>},
      {"assignee", tr(lang, "Assignee", "Đơn vị thực hiện"), Type::text, kScripts,
       field<&TaskRow::task, &model::Task::assignee>},
      {"assignee_name", tr(lang, "Assignee name", "Tên đơn vị thực hiện"), Type::text, kScripts,
       field<&TaskRow::task, &model::Task::assignee_name>},
      {"action", tr(lang, "Action", "Nhiệm vụ"), Type::text, kScripts,
       field<&TaskRow::task, &model::Task::action>},
      {"action_shown", tr(lang, "Action", "Nhiệm vụ"), Type::text, kPeople, fill_action_shown, Mark::wrap},
      {"status", tr(lang, "Status", "Trạng thái"), Type::text, kScripts,
       named<&TaskRow::task, &model::Task::status>},
  };
}

// The deadline, its lateness and whom to report to. People see the lateness `days`
// counts, except in the `due` view, where nothing is late yet.
std::vector<ColumnDef<TaskRow>> task_deadline(TaskView view, DaysCount days, Lang lang) {
  const bool lateness = view != TaskView::due;
  const Audience calendar_late = lateness && days == DaysCount::calendar ? kBoth : kScripts;
  return {
      {"due", tr(lang, "Last day", "Hạn cuối"), Type::date, kScripts,
       field<&TaskRow::task, &model::Task::last_day>},
      {"due_shown", tr(lang, "Last day", "Hạn cuối"), Type::text, kPeople,
       [](Value& c, const TaskRow& r, Lang l) { set_nonempty_text(c, last_day_text(r, l)); }},
      {"due_text", tr(lang, "Deadline as written", "Thời hạn theo văn bản"), Type::text, kBoth,
       field<&TaskRow::task, &model::Task::due, &model::Due::text>},
      {"days_late", tr(lang, "Days late", "Số ngày trễ"), Type::count, calendar_late,
       field<&TaskRow::days_late>, Mark::alert},
      {"report_to", tr(lang, "Report to", "Báo cáo về"), Type::text, kScripts,
       field<&TaskRow::task, &model::Task::report_to>},
      {"findings", tr(lang, "Findings", "Tồn tại liên quan"), Type::list, kScripts,
       field<&TaskRow::task, &model::Task::findings>},
      {"done_on", tr(lang, "Done on", "Ngày hoàn thành"), Type::date, kScripts,
       field<&TaskRow::task, &model::Task::done_on>},
      {"report_to_name", tr(lang, "Report to (name)", "Tên đơn vị nhận báo cáo"), Type::text, kScripts,
       fill_report_to_name},
      {"due_form", tr(lang, "Deadline form", "Dạng thời hạn"), Type::text, kScripts,
       named<&TaskRow::task, &model::Task::due, &model::Due::form>},
      {"target", tr(lang, "Target", "Chỉ tiêu"), Type::text, kScripts,
       nonempty<&TaskRow::task, &model::Task::target>},
      {"report_to_shown", tr(lang, "Report to", "Báo cáo về"), Type::text, kPeople, fill_report_to_shown},
  };
}

// The calendar the deadline counts in, recurrence, and the fields added after the
// first release: these go last, so that CSV columns keep their places.
std::vector<ColumnDef<TaskRow>> task_later(TaskView view, DaysCount days, Lang lang) {
  const Audience working_late = view != TaskView::due && days == DaysCount::working ? kBoth : kScripts;
  return {
      {"calendar", tr(lang, "Calendar", "Lịch làm việc"), Type::text, kScripts,
       field<&TaskRow::task, &model::Task::calendar>},
      {"due_on_day_off", tr(lang, "Last day is a day off", "Hạn cuối rơi vào ngày nghỉ"), Type::flag, kScripts,
       field<&TaskRow::due_on_day_off>},
      {"provisional", tr(lang, "Provisional", "Tạm tính"), Type::flag, kScripts, field<&TaskRow::provisional>},
      {"period", tr(lang, "Period", "Kỳ"), Type::text, kScripts,
       nonempty<&TaskRow::task, &model::Task::period>},
      {"repeat", tr(lang, "Repeats", "Lặp lại"), Type::text, kScripts,
       [](Value& c, const TaskRow& r, Lang) {
         if (r.task.repeat) {
           set_text(c, model::describe(*r.task.repeat));
         } else {
           set_null(c);
         }
       }},
      {"working_days_late", tr(lang, "Working days late", "Số ngày làm việc trễ"), Type::count, working_late,
       field<&TaskRow::working_days_late>, Mark::alert},
      {"original_due", tr(lang, "Last day as written", "Hạn cuối ban đầu"), Type::date, kScripts,
       [](Value& c, const TaskRow& r, Lang) {
         set_date(c, r.task.original_last_day ? r.task.original_last_day : r.task.last_day);
       }},
      {"extensions", tr(lang, "Extensions", "Số lần gia hạn"), Type::count, kScripts,
       field<&TaskRow::task, &model::Task::extensions>},
      {"verified_on", tr(lang, "Verified on", "Ngày xác minh"), Type::date, kScripts,
       field<&TaskRow::task, &model::Task::verified_on>},
  };
}

std::string task_empty_message(TaskView view, Lang lang) {
  switch (view) {
    case TaskView::overdue: return tr(lang, "No overdue tasks.", "Không có nhiệm vụ quá hạn.");
    case TaskView::due:
      return tr(lang, "No tasks due in this period.", "Không có nhiệm vụ đến hạn trong khoảng này.");
    case TaskView::list: break;
  }
  return tr(lang, "No tasks.", "Không có nhiệm vụ nào.");
}

}  // namespace

ColumnSet<TaskRow> task_columns(TaskView view, Lang lang, DaysCount days) {
  std::vector<ColumnDef<TaskRow>> columns = task_identity(view, lang);
  append(columns, task_deadline(view, days, lang));
  append(columns, task_later(view, days, lang));
  ColumnSet<TaskRow> set(lang, std::move(columns), task_empty_message(view, lang));
  // People read the lateness before whom to report to.
  set.people_first({"id", "assignee_shown", "status_shown", "action_shown", "due_shown", "due_text", "days_late",
                    "working_days_late"});
  if (view == TaskView::overdue) set.group_by("assignee_shown");
  return set;
}

Dataset task_dataset(const std::vector<TaskRow>& rows, TaskView view, Lang lang, DaysCount days) {
  return task_columns(view, lang, days).dataset(rows);
}

namespace {

void fill_summary_name(Value& cell, const SummaryRow& row, Lang lang) {
  set_text(cell, row.group ? std::string_view(row.name) : tr(lang, "(no area)", "(không gắn lĩnh vực)"));
}

// What a group is called: scripts read null for "no area", people the group's name.
void fill_group_shown(Value& cell, const SummaryRow& row, Lang lang) {
  if (row.group) {
    set_text(cell, *row.group);
  } else {
    fill_summary_name(cell, row, lang);
  }
}

std::string group_heading(report::GroupBy by, Lang lang) {
  switch (by) {
    case report::GroupBy::unit: return tr(lang, "Unit", "Đơn vị");
    case report::GroupBy::inspection: return tr(lang, "Inspection", "Đợt kiểm tra");
    case report::GroupBy::area: break;
  }
  return tr(lang, "Area", "Lĩnh vực");
}

// In the order scripts read them: fields added after the first release go last, so
// that CSV columns keep their places. An area's name is its key: people see it once.
// The ageing bands are red for people when not 0.
std::vector<ColumnDef<SummaryRow>> summary_list(report::GroupBy by, Lang lang) {
  const std::string group = group_heading(by, lang);
  return {
      {"group", group, Type::text, kScripts, field<&SummaryRow::group>},
      {"name", tr(lang, "Name", "Tên"), Type::text, by == report::GroupBy::area ? kScripts : kBoth,
       fill_summary_name, Mark::wrap},
      {"findings", tr(lang, "Findings", "Tồn tại"), Type::count, kBoth, field<&SummaryRow::findings>},
      {"tasks", tr(lang, "Tasks", "Nhiệm vụ"), Type::count, kBoth, field<&SummaryRow::tasks>},
      {"open", tr(lang, "Open", "Chưa hoàn thành"), Type::count, kBoth, field<&SummaryRow::open>},
      {"overdue", tr(lang, "Overdue", "Quá hạn"), Type::count, kBoth, field<&SummaryRow::overdue>, Mark::alert},
      {"done_on_time", tr(lang, "Done on time", "Hoàn thành đúng hạn"), Type::count, kBoth,
       field<&SummaryRow::done_on_time>},
      {"done_late", tr(lang, "Done late", "Hoàn thành quá hạn"), Type::count, kBoth, field<&SummaryRow::done_late>},
      {"no_deadline", tr(lang, "No deadline", "Không có hạn"), Type::count, kBoth,
       field<&SummaryRow::no_deadline>},
      {"on_time_rate", tr(lang, "On-time rate", "Tỷ lệ đúng hạn"), Type::rate, kBoth,
       field<&SummaryRow::on_time_rate>},
      {"cancelled", tr(lang, "Cancelled", "Đã hủy"), Type::count, kBoth, field<&SummaryRow::cancelled>},
      {"open_in_time", tr(lang, "Open, in time", "Đang thực hiện trong hạn"), Type::count, kBoth,
       field<&SummaryRow::open_in_time>},
      {"verified", tr(lang, "Verified", "Đã xác minh"), Type::count, kBoth, field<&SummaryRow::verified>},
      {"overdue_1_7", tr(lang, "Overdue 1–7 days", "Quá hạn 1–7 ngày"), Type::count, kBoth,
       field<&SummaryRow::overdue_1_7>, Mark::alert},
      {"overdue_8_30", "8–30", Type::count, kBoth, field<&SummaryRow::overdue_8_30>, Mark::alert},
      {"overdue_31_90", "31–90", Type::count, kBoth, field<&SummaryRow::overdue_31_90>, Mark::alert},
      {"overdue_over_90", "> 90", Type::count, kBoth, field<&SummaryRow::overdue_over_90>, Mark::alert},
      {"group_shown", group, Type::text, kPeople, fill_group_shown},
  };
}

}  // namespace

ColumnSet<SummaryRow> summary_columns(report::GroupBy by, Lang lang) {
  ColumnSet<SummaryRow> set(lang, summary_list(by, lang), tr(lang, "Nothing recorded yet.", "Chưa có dữ liệu."));
  // People read the four buckets first; with no deadline and cancelled they add up to
  // the tasks. Then the open total, verified, the rate and the ageing bands.
  set.people_first({"group_shown", "name", "findings", "tasks", "done_on_time", "done_late", "open_in_time",
                    "overdue", "no_deadline", "cancelled", "open", "verified", "on_time_rate"});
  return set;
}

Dataset summary_dataset(const std::vector<SummaryRow>& rows, report::GroupBy by, Lang lang) {
  return summary_columns(by, lang).dataset(rows);
}

std::string weekday_name(model::Date day, Lang lang) {
  static const char* const kEn[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                    "Friday", "Saturday", "Sunday"};
  static const char* const kVi[] = {"thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm",
                                    "thứ Sáu", "thứ Bảy", "Chủ nhật"};
  const int n = day.iso_weekday() - 1;
  return lang == Lang::vi ? kVi[n] : kEn[n];
}

ColumnSet<calendar::SpecialDay> calendar_columns(Lang lang) {
  using Day = calendar::SpecialDay;
  return ColumnSet<Day>(
      lang,
      {
          {"date", tr(lang, "Date", "Ngày"), Type::date, kBoth, field<&Day::date>},
          {"weekday", tr(lang, "Weekday", "Thứ"), Type::text, kPeople,
           [](Value& c, const Day& d, Lang l) { set_text(c, weekday_name(d.date, l)); }},
          {"kind", tr(lang, "Kind", "Loại"), Type::text, kScripts,
           [](Value& c, const Day& d, Lang) {
             set_text(c, d.kind == calendar::DayKind::holiday ? "holiday" : "workday");
           }},
          {"kind_shown", tr(lang, "Kind", "Loại"), Type::text, kPeople,
           [](Value& c, const Day& d, Lang l) {
             set_text(c, d.kind == calendar::DayKind::holiday ? tr(l, "day off", "ngày nghỉ")
                                                              : tr(l, "working day (swapped)", "ngày làm bù"));
           }},
          {"name", tr(lang, "Name", "Tên"), Type::text, kBoth, field<&Day::name>},
          {"provisional", tr(lang, "Provisional", "Tạm tính"), Type::flag, kScripts, field<&Day::provisional>},
          // People see "yes" only: a provisional day is the exception.
          {"provisional_shown", tr(lang, "Provisional", "Tạm tính"), Type::flag, kPeople,
           [](Value& c, const Day& d, Lang) {
             if (d.provisional) {
               set_flag(c, true);
             } else {
               set_null(c);
             }
           }},
      },
      tr(lang, "No days off besides the weekends.", "Không có ngày nghỉ nào ngoài các ngày cuối tuần."));
}

Dataset calendar_dataset(const std::vector<calendar::SpecialDay>& days, Lang lang) {
  return calendar_columns(lang).dataset(days);
}

namespace {

// An indicator's part, null when the finding has no indicator.
template <std::optional<double> model::Indicator::*Field>
void fill_indicator(Value& cell, const model::Finding& f, Lang /*lang*/) {
  set_real(cell, f.indicator ? (*f.indicator).*Field : std::nullopt);
}

}  // namespace

ColumnSet<model::Finding> finding_columns(Lang lang) {
  using model::Finding;
  return ColumnSet<Finding>(
      lang,
      {
          {"inspection", tr(lang, "Inspection", "Đợt kiểm tra"), Type::text, kBoth,
           field<&Finding::inspection>},
          {"key", tr(lang, "Finding", "Tồn tại"), Type::text, kBoth, field<&Finding::key>},
          {"unit", tr(lang, "Unit", "Đơn vị"), Type::text, kBoth, field<&Finding::unit>},
          {"area", tr(lang, "Area", "Lĩnh vực"), Type::text, kBoth, nonempty<&Finding::area>},
          {"severity", tr(lang, "Severity", "Mức độ"), Type::text, kBoth,
           [](Value& c, const Finding& f, Lang) {
             if (f.severity) {
               set_text(c, model::to_string(*f.severity));
             } else {
               set_null(c);
             }
           }},
          {"text", tr(lang, "Text", "Nội dung"), Type::text, kBoth, field<&Finding::text>, Mark::wrap},
          {"legal_basis", tr(lang, "Legal basis", "Căn cứ"), Type::text, kScripts,
           nonempty<&Finding::legal_basis>},
          {"indicator_value", tr(lang, "Indicator value", "Giá trị chỉ số"), Type::real, kScripts,
           fill_indicator<&model::Indicator::value>},
          {"indicator_target", tr(lang, "Indicator target", "Mục tiêu chỉ số"), Type::real, kScripts,
           fill_indicator<&model::Indicator::target>},
          {"indicator_unit", tr(lang, "Indicator unit", "Đơn vị đo"), Type::text, kScripts,
           [](Value& c, const Finding& f, Lang) {
             set_nonempty_text(c, f.indicator ? std::string_view(f.indicator->unit) : std::string_view());
           }},
      },
      tr(lang, "No findings.", "Không có tồn tại nào."));
}

Dataset findings_dataset(const std::vector<model::Finding>& findings, Lang lang) {
  return finding_columns(lang).dataset(findings);
}

ColumnSet<model::Inspection> inspection_columns(Lang lang) {
  using model::Inspection;
  return ColumnSet<Inspection>(
      lang,
      {
          {"key", tr(lang, "Inspection", "Đợt kiểm tra"), Type::text, kBoth, field<&Inspection::key>},
          {"kind", tr(lang, "Kind", "Loại"), Type::text, kBoth, named<&Inspection::kind>},
          {"title", tr(lang, "Title", "Tên"), Type::text, kBoth, field<&Inspection::title>, Mark::wrap},
          {"from", tr(lang, "From", "Từ ngày"), Type::date, kBoth, field<&Inspection::from>},
          {"to", tr(lang, "To", "Đến ngày"), Type::date, kBoth, field<&Inspection::to>},
          {"authority", tr(lang, "Authority", "Cơ quan chủ trì"), Type::text, kScripts,
           nonempty<&Inspection::authority>},
          {"team", tr(lang, "Team", "Đoàn kiểm tra"), Type::text, kScripts, nonempty<&Inspection::team>},
          {"scope", tr(lang, "Scope", "Phạm vi"), Type::text, kScripts, field<&Inspection::scope>},
          {"conclusion_number", tr(lang, "Document", "Số văn bản"), Type::text, kBoth,
           nonempty<&Inspection::conclusion, &model::Conclusion::number>},
          {"conclusion_date", tr(lang, "Dated", "Ngày văn bản"), Type::date, kBoth,
           field<&Inspection::conclusion, &model::Conclusion::date>},
          {"conclusion_title", tr(lang, "Document title", "Trích yếu"), Type::text, kScripts,
           nonempty<&Inspection::conclusion, &model::Conclusion::title>},
          {"signed_by", tr(lang, "Signed by", "Người ký"), Type::text, kScripts,
           nonempty<&Inspection::conclusion, &model::Conclusion::signed_by>},
      },
      tr(lang, "No inspections.", "Chưa có đợt kiểm tra nào."));
}

Dataset inspections_dataset(const std::vector<model::Inspection>& inspections, Lang lang) {
  return inspection_columns(lang).dataset(inspections);
}

ColumnSet<model::Unit> unit_columns(Lang lang) {
  using model::Unit;
  return ColumnSet<Unit>(
      lang,
      {
          {"key", tr(lang, "Unit", "Đơn vị"), Type::text, kBoth, field<&Unit::key>},
          {"name", tr(lang, "Name", "Tên"), Type::text, kBoth, field<&Unit::name>, Mark::wrap},
          {"kind", tr(lang, "Kind", "Loại"), Type::text, kBoth, named<&Unit::kind>},
          {"parent", tr(lang, "Parent", "Trực thuộc"), Type::text, kBoth, field<&Unit::parent>},
          {"email", tr(lang, "E-mail", "Thư điện tử"), Type::list, kBoth, field<&Unit::emails>},
          {"head", tr(lang, "Head", "Người đứng đầu"), Type::text, kScripts, nonempty<&Unit::head>},
      },
      tr(lang, "No units.", "Chưa có đơn vị nào."));
}

Dataset units_dataset(const std::vector<model::Unit>& units, Lang lang) {
  return unit_columns(lang).dataset(units);
}

namespace {

using report::ReminderResult;

std::string reminder_said(ReminderResult::Result r, Lang lang) {
  using Result = ReminderResult::Result;
  switch (r) {
    case Result::sent: return tr(lang, "sent", "đã gửi");
    case Result::resent: return tr(lang, "sent again (unconfirmed)", "đã gửi lại (chưa xác nhận)");
    case Result::dry_run: return tr(lang, "not sent (dry run)", "chưa gửi (chạy thử)");
    case Result::resend: return tr(lang, "to send again (unconfirmed; dry run)",
                                   "sẽ gửi lại (chưa xác nhận; chạy thử)");
    case Result::already_sent: return tr(lang, "already sent today", "đã gửi hôm nay");
    case Result::later_day: return tr(lang, "a later day's was sent", "đã gửi thư của ngày sau");
    case Result::no_address: return tr(lang, "no e-mail address", "không có địa chỉ thư");
    case Result::failed: return tr(lang, "failed", "lỗi");
  }
  return {};
}

void fill_reminder_shown(Value& cell, const ReminderResult& r, Lang lang) {
  std::string shown = reminder_said(r.result, lang);
  if (!r.detail.empty()) shown += ": " + r.detail;
  set_text(cell, shown);
}

}  // namespace

ColumnSet<ReminderResult> reminder_columns(Lang lang) {
  using R = ReminderResult;
  return ColumnSet<R>(
      lang,
      {
          {"unit", tr(lang, "Unit", "Đơn vị"), Type::text, kBoth, field<&R::unit>},
          {"name", tr(lang, "Name", "Tên"), Type::text, kBoth, field<&R::name>, Mark::wrap},
          {"result", tr(lang, "Result", "Kết quả"), Type::text, kScripts, named<&R::result>},
          {"overdue", tr(lang, "Overdue", "Quá hạn"), Type::count, kBoth, field<&R::overdue>},
          {"due_soon", tr(lang, "Due soon", "Sắp đến hạn"), Type::count, kBoth, field<&R::due_soon>},
          {"tasks", tr(lang, "Tasks", "Nhiệm vụ"), Type::list, kScripts, field<&R::tasks>},
          {"to", tr(lang, "To", "Gửi đến"), Type::list, kBoth, field<&R::to>},
          {"cc", tr(lang, "Cc", "Đồng gửi"), Type::list, kBoth, field<&R::cc>},
          {"message_id", "Message-ID", Type::text, kScripts, nonempty<&R::message_id>},
          {"detail", tr(lang, "Detail", "Chi tiết"), Type::text, kScripts, nonempty<&R::detail>},
          {"result_text", tr(lang, "Result", "Kết quả"), Type::text, kPeople, fill_reminder_shown},
      },
      tr(lang, "No unit has overdue tasks or tasks due soon: no reminder to send.",
         "Không đơn vị nào có nhiệm vụ quá hạn hoặc sắp đến hạn: không có thư nhắc nào."));
}

Dataset reminders_dataset(const std::vector<ReminderResult>& results, Lang lang) {
  return reminder_columns(lang).dataset(results);
}

ColumnSet<storage::CheckResult> check_columns(Lang lang) {
  using Check = storage::CheckResult;
  return ColumnSet<Check>(
      lang, {
                {"check", tr(lang, "Check", "Kiểm tra"), Type::text, kBoth, field<&Check::name>},
                {"ok", "ok", Type::flag, kScripts, [](Value& c, const Check& k, Lang) { set_flag(c, k.count == 0); }},
                {"problems", tr(lang, "Problems", "Số lỗi"), Type::count, kScripts, field<&Check::count>},
                {"result", tr(lang, "Result", "Kết quả"), Type::text, kPeople,
                 [](Value& c, const Check& k, Lang l) {
                   set_text(c, k.count == 0 ? std::string("ok")
                                            : fmt::format(fmt::runtime(tr(l, "{} problems", "{} lỗi")), k.count));
                 }},
                {"description", tr(lang, "What must hold", "Điều phải đúng"), Type::text, kBoth,
                 [](Value& c, const Check& k, Lang l) { set_text(c, text::translate(l, k.description)); },
                 Mark::wrap},
                {"details", tr(lang, "Details", "Chi tiết"), Type::list, kBoth, field<&Check::problems>},
            });
}

Dataset checks_dataset(const std::vector<storage::CheckResult>& checks, Lang lang) {
  return check_columns(lang).dataset(checks);
}

ColumnSet<model::Event> event_columns(Lang lang) {
  using model::Event;
  return ColumnSet<Event>(
      lang,
      {
          {"id", "#", Type::count, kBoth, field<&Event::id>},
          {"at", tr(lang, "When (UTC)", "Thời điểm (UTC)"), Type::text, kBoth, field<&Event::at>},
          {"actor", tr(lang, "Who", "Người thực hiện"), Type::text, kBoth, field<&Event::actor>},
          {"action", tr(lang, "Action", "Thao tác"), Type::text, kBoth, field<&Event::action>},
          {"entity", tr(lang, "Entity", "Loại đối tượng"), Type::text, kScripts, field<&Event::entity>},
          {"key", tr(lang, "Item", "Đối tượng"), Type::text, kBoth, field<&Event::key>},
          {"task_id", tr(lang, "Task id", "Số hiệu nhiệm vụ"), Type::count, kScripts,
           [](Value& c, const Event& e, Lang) {
             if (e.task_id != 0) {
               set_count(c, e.task_id);
             } else {
               set_null(c);
             }
           }},
          {"field", tr(lang, "Field", "Trường"), Type::text, kBoth, nonempty<&Event::field>},
          {"before", tr(lang, "Before", "Trước"), Type::text, kBoth, nonempty<&Event::before>},
          {"after", tr(lang, "After", "Sau"), Type::text, kBoth, nonempty<&Event::after>, Mark::wrap},
          {"effective", tr(lang, "Effective", "Ngày hiệu lực"), Type::text, kBoth, nonempty<&Event::effective>},
      },
      tr(lang, "No history.", "Chưa có lịch sử."));
}

Dataset events_dataset(const std::vector<model::Event>& events, Lang lang) {
  return event_columns(lang).dataset(events);
}

std::string render_record(const Dataset& record, const Dataset& history, Format format,
                          const TableStyle& style, bool bom) {
  switch (format) {
    case Format::json: {
      // {"id": 3, …, "events": [{…}, {…}]}
      std::string object = record.rows.empty() ? std::string("{}") : to_json_object(record, 0);
      std::string events;
      for (std::size_t i = 0; i < history.rows.size(); ++i) {
        events += (i == 0 ? "\n    " : ",\n    ") + to_json_object(history, i);
      }
      object.pop_back();  // the closing brace
      if (object.size() > 1) object += ", ";
      object += "\"events\": [" + events + (events.empty() ? "]}" : "\n  ]}");
      return object + "\n";
    }
    case Format::csv:
      return to_csv(record, bom);
    case Format::table:
    case Format::markdown:
      break;
  }
  // Heading: value lines, headings padded to one width, then the history. A value of
  // several lines goes on under itself (in markdown, on with <br>), so that no line of
  // it can pass for a heading of its own.
  const bool markdown = format == Format::markdown;
  // Every field, in the order scripts read them, not the table's.
  std::vector<std::size_t> columns;
  for (const std::size_t c : detail::machine_columns(record)) {
    if (record.columns[c].human) columns.push_back(c);
  }
  std::size_t width = 0;
  for (auto c : columns) width = std::max(width, text::display_width(record.columns[c].heading));
  const std::string continuation = "\n" + std::string(width + 2, ' ');
  std::string out;
  if (!record.rows.empty()) {
    for (auto c : columns) {
      const auto& heading = record.columns[c].heading;
      std::string value = detail::human_text(detail::cell(record.rows[0], c), record.columns[c].type, style.lang);
      if (value.empty()) value = "-";
      if (markdown) {
        out += fmt::format("- **{}**: {}\n", heading, text::visible_lines(value, "<br>"));
      } else {
        out += heading + ":" + std::string(width - text::display_width(heading) + 1, ' ') +
               text::visible_lines(value, continuation) + "\n";
      }
    }
  }
  const std::string title = text::tr(style.lang, "History", "Lịch sử");
  out += markdown ? "\n## " + title + "\n\n" : "\n" + title + "\n";
  out += markdown ? to_markdown(history, style.lang) : to_table(history, style);
  return out;
}

}  // namespace inspectrack::render
