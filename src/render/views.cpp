#include "inspectrack/render/views.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "cell.hpp"
#include "inspectrack/text/utf8.hpp"
#include "inspectrack/text/visible.hpp"

namespace inspectrack::render {
namespace {

using text::Lang;
using text::tr;

Value optional_text(const std::optional<std::string>& s) {
  return s ? Value(*s) : Value(std::monostate{});
}

Value optional_text(const std::string& s) { return s.empty() ? Value(std::monostate{}) : Value(s); }

Value optional_date(const std::optional<model::Date>& d) {
  return d ? Value(*d) : Value(std::monostate{});
}

// A column for scripts only; its heading is used when a record is shown in full.
Column machine(std::string key, std::string heading) {
  Column c;
  c.key = std::move(key);
  c.heading = std::move(heading);
  c.human = false;
  return c;
}

Column both(std::string key, std::string heading, Align align = Align::left) {
  Column c;
  c.key = std::move(key);
  c.heading = std::move(heading);
  c.align = align;
  return c;
}

Column human(std::string heading, Align align = Align::left) {
  Column c;
  c.heading = std::move(heading);
  c.align = align;
  c.machine = false;
  return c;
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
std::string last_day_text(const report::TaskRow& row, Lang lang) {
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

}  // namespace

Dataset task_dataset(const std::vector<report::TaskRow>& rows, TaskView view, Lang lang,
                     DaysCount days) {
  Dataset data = task_columns(view, lang, days);
  data.rows.reserve(rows.size());
  for (const auto& row : rows) data.rows.push_back(task_row(row, lang));
  return data;
}

Dataset task_columns(TaskView view, Lang lang, DaysCount days) {
  Dataset data;
  const bool grouped = view == TaskView::overdue;
  data.columns = {
      both("id", "ID", Align::right),
      human(tr(lang, "Unit", "Đơn vị")),
      human(tr(lang, "Status", "Trạng thái")),
      machine("key", tr(lang, "Key", "Khóa")),
      machine("inspection", tr(lang, "Inspection", "Đợt kiểm tra")),
      machine("task", tr(lang, "Task", "Nhiệm vụ (khóa)")),
      machine("assignee", tr(lang, "Assignee", "Đơn vị thực hiện")),
      machine("assignee_name", tr(lang, "Assignee name", "Tên đơn vị thực hiện")),
      machine("action", tr(lang, "Action", "Nhiệm vụ")),
      human(tr(lang, "Action", "Nhiệm vụ")),
      machine("status", tr(lang, "Status", "Trạng thái")),
      machine("due", tr(lang, "Last day", "Hạn cuối")),
      human(tr(lang, "Last day", "Hạn cuối")),
      both("due_text", tr(lang, "Deadline as written", "Thời hạn theo văn bản")),
      both("days_late", tr(lang, "Days late", "Số ngày trễ"), Align::right),
      human(tr(lang, "Working days late", "Số ngày làm việc trễ"), Align::right),
      machine("report_to", tr(lang, "Report to", "Báo cáo về")),
      machine("findings", tr(lang, "Findings", "Tồn tại liên quan")),
      machine("done_on", tr(lang, "Done on", "Ngày hoàn thành")),
      machine("report_to_name", tr(lang, "Report to (name)", "Tên đơn vị nhận báo cáo")),
      machine("due_form", tr(lang, "Deadline form", "Dạng thời hạn")),
      machine("target", tr(lang, "Target", "Chỉ tiêu")),
      human(tr(lang, "Report to", "Báo cáo về")),
      machine("calendar", tr(lang, "Calendar", "Lịch làm việc")),
      machine("due_on_day_off", tr(lang, "Last day is a day off", "Hạn cuối rơi vào ngày nghỉ")),
      machine("provisional", tr(lang, "Provisional", "Tạm tính")),
      machine("period", tr(lang, "Period", "Kỳ")),
      machine("repeat", tr(lang, "Repeats", "Lặp lại")),
      // Fields added after the first release go last, so that CSV columns keep their places.
      machine("working_days_late", tr(lang, "Working days late", "Số ngày làm việc trễ")),
      machine("original_due", tr(lang, "Last day as written", "Hạn cuối ban đầu")),
      machine("extensions", tr(lang, "Extensions", "Số lần gia hạn")),
      machine("verified_on", tr(lang, "Verified on", "Ngày xác minh")),
  };
  enum { kUnit = 1, kStatus = 2, kAction = 9, kDaysLate = 14, kWorkingDaysLate = 15 };
  data.columns[kAction].wrap = true;
  data.columns[kDaysLate].alert = true;
  data.columns[kWorkingDaysLate].alert = true;
  data.columns[days == DaysCount::working ? kDaysLate : kWorkingDaysLate].human = false;
  if (view == TaskView::due) {
    data.columns[kDaysLate].human = false;
    data.columns[kWorkingDaysLate].human = false;
  }
  if (view != TaskView::list) data.columns[kStatus].human = false;
  if (grouped) data.group_by = kUnit;
  switch (view) {
    case TaskView::overdue:
      data.empty_message = tr(lang, "No overdue tasks.", "Không có nhiệm vụ quá hạn.");
      break;
    case TaskView::due:
      data.empty_message = tr(lang, "No tasks due in this period.", "Không có nhiệm vụ đến hạn trong khoảng này.");
      break;
    case TaskView::list:
      data.empty_message = tr(lang, "No tasks.", "Không có nhiệm vụ nào.");
      break;
  }
  return data;
}

namespace {

// Cells overwritten in place: a string cell keeps its buffer from row to row.
void set_null(Value& v) { v = std::monostate{}; }
void set_int(Value& v, std::int64_t n) { v = n; }
void set_bool(Value& v, bool b) { v = b; }
void set_date(Value& v, const std::optional<model::Date>& d) {
  if (d) {
    v = *d;
  } else {
    set_null(v);
  }
}
std::string& text_cell(Value& v) {
  if (!std::holds_alternative<std::string>(v)) v.emplace<std::string>();
  return std::get<std::string>(v);
}
void set_text(Value& v, std::string_view s) { text_cell(v).assign(s); }
// NULL for "" (a value not given).
void set_optional_text(Value& v, std::string_view s) {
  if (s.empty()) {
    set_null(v);
  } else {
    set_text(v, s);
  }
}
void set_list(Value& v, const std::vector<std::string>& items) {
  if (!std::holds_alternative<std::vector<std::string>>(v)) v.emplace<std::vector<std::string>>();
  std::get<std::vector<std::string>>(v) = items;
}

}  // namespace

std::vector<Value> task_row(const report::TaskRow& row, Lang lang, bool for_people) {
  std::vector<Value> cells;
  fill_task_row(cells, row, lang, for_people);
  return cells;
}

void fill_task_row(std::vector<Value>& cells, const report::TaskRow& row, Lang lang, bool for_people) {
  const model::Task& t = row.task;
  cells.resize(32);
  set_int(cells[0], t.id);
  // JSON and CSV never show the cells for people: not worth formatting for them.
  if (for_people) {
    set_text(cells[1], unit_label(t.assignee_name, t.assignee));
    set_text(cells[2], status_text(t.status, lang));
  } else {
    set_null(cells[1]);
    set_null(cells[2]);
  }
  std::string& key = text_cell(cells[3]);
  key.assign(t.inspection).append("/").append(t.key).append("@").append(t.assignee);
  if (!t.period.empty()) key.append("#").append(t.period);
  set_text(cells[4], t.inspection);
  set_text(cells[5], t.key);
  set_text(cells[6], t.assignee);
  set_text(cells[7], t.assignee_name);
  set_text(cells[8], t.action);
  // An occurrence of a recurring task says which period it is for.
  if (!for_people) {
    set_null(cells[9]);
  } else if (t.period.empty()) {
    set_text(cells[9], t.action);
  } else {
    set_text(cells[9], fmt::format("[{}] {}", t.period, t.action));
  }
  set_text(cells[10], model::to_string(t.status));
  set_date(cells[11], t.last_day);
  if (for_people) {
    set_optional_text(cells[12], last_day_text(row, lang));
  } else {
    set_null(cells[12]);
  }
  set_text(cells[13], t.due.text);
  set_int(cells[14], row.days_late);
  set_int(cells[15], row.working_days_late);
  if (t.report_to) {
    set_text(cells[16], *t.report_to);
  } else {
    set_null(cells[16]);
  }
  set_list(cells[17], t.findings);
  set_date(cells[18], t.done_on);
  if (t.report_to) {
    set_text(cells[19], t.report_to_name);
  } else {
    set_null(cells[19]);
  }
  set_text(cells[20], model::to_string(t.due.form));
  set_optional_text(cells[21], t.target);
  if (t.report_to && for_people) {
    set_text(cells[22], unit_label(t.report_to_name, *t.report_to));
  } else {
    set_null(cells[22]);
  }
  set_text(cells[23], t.calendar);
  set_bool(cells[24], row.due_on_day_off);
  set_bool(cells[25], row.provisional);
  set_optional_text(cells[26], t.period);
  if (t.repeat) {
    set_text(cells[27], model::describe(*t.repeat));
  } else {
    set_null(cells[27]);
  }
  set_int(cells[28], row.working_days_late);
  set_date(cells[29], t.original_last_day ? t.original_last_day : t.last_day);
  set_int(cells[30], t.extensions);
  set_date(cells[31], t.verified_on);
}

Dataset summary_dataset(const std::vector<report::SummaryRow>& rows, report::GroupBy by, Lang lang) {
  Dataset data;
  std::string group_heading;
  switch (by) {
    case report::GroupBy::unit: group_heading = tr(lang, "Unit", "Đơn vị"); break;
    case report::GroupBy::inspection: group_heading = tr(lang, "Inspection", "Đợt kiểm tra"); break;
    case report::GroupBy::area: group_heading = tr(lang, "Area", "Lĩnh vực"); break;
  }
  const std::string done_on_time = tr(lang, "Done on time", "Hoàn thành đúng hạn");
  const std::string done_late = tr(lang, "Done late", "Hoàn thành quá hạn");
  const std::string open_in_time = tr(lang, "Open, in time", "Đang thực hiện trong hạn");
  const std::string overdue = tr(lang, "Overdue", "Quá hạn");
  const std::string no_deadline = tr(lang, "No deadline", "Không có hạn");
  const std::string cancelled = tr(lang, "Cancelled", "Đã hủy");
  const std::string open = tr(lang, "Open", "Chưa hoàn thành");
  const std::string verified = tr(lang, "Verified", "Đã xác minh");
  const std::string rate = tr(lang, "On-time rate", "Tỷ lệ đúng hạn");
  const std::string overdue_1_7 = tr(lang, "Overdue 1–7 days", "Quá hạn 1–7 ngày");
  // Table columns red when positive, and the name that gives up width.
  const auto alert = [](Column c) {
    c.alert = true;
    return c;
  };
  Column name_column = human(tr(lang, "Name", "Tên"));
  name_column.wrap = true;
  name_column.human = by != report::GroupBy::area;  // an area's name is its key
  data.columns = {
      machine("group", group_heading),
      machine("name", tr(lang, "Name", "Tên")),
      human(group_heading),
      name_column,
      both("findings", tr(lang, "Findings", "Tồn tại"), Align::right),
      both("tasks", tr(lang, "Tasks", "Nhiệm vụ"), Align::right),
      machine("open", open),
      machine("overdue", overdue),
      machine("done_on_time", done_on_time),
      machine("done_late", done_late),
      machine("no_deadline", no_deadline),
      machine("on_time_rate", rate),
      machine("cancelled", cancelled),
      // Fields added after the first release go last, so that CSV columns keep their places.
      machine("open_in_time", open_in_time),
      machine("verified", verified),
      machine("overdue_1_7", overdue_1_7),
      machine("overdue_8_30", tr(lang, "Overdue 8–30 days", "Quá hạn 8–30 ngày")),
      machine("overdue_31_90", tr(lang, "Overdue 31–90 days", "Quá hạn 31–90 ngày")),
      machine("overdue_over_90", tr(lang, "Overdue over 90 days", "Quá hạn trên 90 ngày")),
      // People read the four buckets first; with no deadline and cancelled they add
      // up to the tasks. Then the open total, verified, the rate and the ageing bands.
      human(done_on_time, Align::right),
      human(done_late, Align::right),
      human(open_in_time, Align::right),
      alert(human(overdue, Align::right)),
      human(no_deadline, Align::right),
      human(cancelled, Align::right),
      human(open, Align::right),
      human(verified, Align::right),
      human(rate, Align::right),
      alert(human(overdue_1_7, Align::right)),
      alert(human("8–30", Align::right)),
      alert(human("31–90", Align::right)),
      alert(human("> 90", Align::right)),
  };
  const auto count = [](int n) { return Value(std::int64_t{n}); };
  for (const auto& r : rows) {
    const std::string name = r.group ? r.name : tr(lang, "(no area)", "(không gắn lĩnh vực)");
    Value rate_value;
    Value rate_text;  // "75%", "66,7%": as the provinces write the rate
    if (r.on_time_rate) {
      rate_value = *r.on_time_rate;
      rate_text = detail::format_decimal(*r.on_time_rate * 100, 1, lang == Lang::vi ? ',' : '.') + "%";
    }
    data.rows.push_back({
        r.group ? Value(*r.group) : Value(std::monostate{}),
        Value(name),
        Value(r.group ? *r.group : name),
        Value(name),
        count(r.findings),
        count(r.tasks),
        count(r.open),
        count(r.overdue),
        count(r.done_on_time),
        count(r.done_late),
        count(r.no_deadline),
        rate_value,
        count(r.cancelled),
        count(r.open_in_time),
        count(r.verified),
        count(r.overdue_1_7),
        count(r.overdue_8_30),
        count(r.overdue_31_90),
        count(r.overdue_over_90),
        count(r.done_on_time),
        count(r.done_late),
        count(r.open_in_time),
        count(r.overdue),
        count(r.no_deadline),
        count(r.cancelled),
        count(r.open),
        count(r.verified),
        rate_text,
        count(r.overdue_1_7),
        count(r.overdue_8_30),
        count(r.overdue_31_90),
        count(r.overdue_over_90),
    });
  }
  data.empty_message = tr(lang, "Nothing recorded yet.", "Chưa có dữ liệu.");
  return data;
}

std::string weekday_name(model::Date day, Lang lang) {
  static const char* const kEn[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                    "Friday", "Saturday", "Sunday"};
  static const char* const kVi[] = {"thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm",
                                    "thứ Sáu", "thứ Bảy", "Chủ nhật"};
  const int n = day.iso_weekday() - 1;
  return lang == Lang::vi ? kVi[n] : kEn[n];
}

Dataset calendar_dataset(const std::vector<calendar::SpecialDay>& days, Lang lang) {
  Dataset data;
  data.columns = {
      both("date", tr(lang, "Date", "Ngày")),
      human(tr(lang, "Weekday", "Thứ")),
      machine("kind", tr(lang, "Kind", "Loại")),
      human(tr(lang, "Kind", "Loại")),
      both("name", tr(lang, "Name", "Tên")),
      machine("provisional", tr(lang, "Provisional", "Tạm tính")),
      human(tr(lang, "Provisional", "Tạm tính")),
  };
  for (const auto& day : days) {
    const bool off = day.kind == calendar::DayKind::holiday;
    data.rows.push_back({
        Value(day.date),
        Value(weekday_name(day.date, lang)),
        Value(std::string(off ? "holiday" : "workday")),
        Value(std::string(off ? tr(lang, "day off", "ngày nghỉ")
                              : tr(lang, "working day (swapped)", "ngày làm bù"))),
        Value(day.name),
        Value(day.provisional),
        day.provisional ? Value(std::string(tr(lang, "yes", "có"))) : Value(std::monostate{}),
    });
  }
  data.empty_message = tr(lang, "No days off besides the weekends.",
                          "Không có ngày nghỉ nào ngoài các ngày cuối tuần.");
  return data;
}

Dataset findings_dataset(const std::vector<model::Finding>& findings, Lang lang) {
  Dataset data;
  data.columns = {
      both("inspection", tr(lang, "Inspection", "Đợt kiểm tra")),
      both("key", tr(lang, "Finding", "Tồn tại")),
      both("unit", tr(lang, "Unit", "Đơn vị")),
      both("area", tr(lang, "Area", "Lĩnh vực")),
      both("severity", tr(lang, "Severity", "Mức độ")),
      both("text", tr(lang, "Text", "Nội dung")),
      machine("legal_basis", tr(lang, "Legal basis", "Căn cứ")),
      machine("indicator_value", tr(lang, "Indicator value", "Giá trị chỉ số")),
      machine("indicator_target", tr(lang, "Indicator target", "Mục tiêu chỉ số")),
      machine("indicator_unit", tr(lang, "Indicator unit", "Đơn vị đo")),
  };
  data.columns[5].wrap = true;
  for (const auto& f : findings) {
    data.rows.push_back({
        Value(f.inspection), Value(f.key), Value(f.unit), optional_text(f.area),
        f.severity ? Value(std::string(model::to_string(*f.severity))) : Value(std::monostate{}),
        Value(f.text), optional_text(f.legal_basis),
        f.indicator && f.indicator->value ? Value(*f.indicator->value) : Value(std::monostate{}),
        f.indicator && f.indicator->target ? Value(*f.indicator->target) : Value(std::monostate{}),
        f.indicator ? optional_text(f.indicator->unit) : Value(std::monostate{}),
    });
  }
  data.empty_message = tr(lang, "No findings.", "Không có tồn tại nào.");
  return data;
}

Dataset inspections_dataset(const std::vector<model::Inspection>& inspections, Lang lang) {
  Dataset data;
  data.columns = {
      both("key", tr(lang, "Inspection", "Đợt kiểm tra")),
      both("kind", tr(lang, "Kind", "Loại")),
      both("title", tr(lang, "Title", "Tên")),
      both("from", tr(lang, "From", "Từ ngày")),
      both("to", tr(lang, "To", "Đến ngày")),
      machine("authority", tr(lang, "Authority", "Cơ quan chủ trì")),
      machine("team", tr(lang, "Team", "Đoàn kiểm tra")),
      machine("scope", tr(lang, "Scope", "Phạm vi")),
      both("conclusion_number", tr(lang, "Document", "Số văn bản")),
      both("conclusion_date", tr(lang, "Dated", "Ngày văn bản")),
      machine("conclusion_title", tr(lang, "Document title", "Trích yếu")),
      machine("signed_by", tr(lang, "Signed by", "Người ký")),
  };
  data.columns[2].wrap = true;
  for (const auto& i : inspections) {
    data.rows.push_back({
        Value(i.key), Value(std::string(model::to_string(i.kind))), Value(i.title),
        optional_date(i.from), optional_date(i.to), optional_text(i.authority), optional_text(i.team),
        optional_text(i.scope), optional_text(i.conclusion.number), optional_date(i.conclusion.date),
        optional_text(i.conclusion.title), optional_text(i.conclusion.signed_by),
    });
  }
  data.empty_message = tr(lang, "No inspections.", "Chưa có đợt kiểm tra nào.");
  return data;
}

Dataset units_dataset(const std::vector<model::Unit>& units, Lang lang) {
  Dataset data;
  data.columns = {
      both("key", tr(lang, "Unit", "Đơn vị")),
      both("name", tr(lang, "Name", "Tên")),
      both("kind", tr(lang, "Kind", "Loại")),
      both("parent", tr(lang, "Parent", "Trực thuộc")),
      both("email", tr(lang, "E-mail", "Thư điện tử")),
      machine("head", tr(lang, "Head", "Người đứng đầu")),
  };
  data.columns[1].wrap = true;
  for (const auto& u : units) {
    data.rows.push_back({Value(u.key), Value(u.name), Value(std::string(model::to_string(u.kind))),
                         optional_text(u.parent), Value(u.emails), optional_text(u.head)});
  }
  data.empty_message = tr(lang, "No units.", "Chưa có đơn vị nào.");
  return data;
}

Dataset reminders_dataset(const std::vector<report::ReminderResult>& results, Lang lang) {
  using Result = report::ReminderResult::Result;
  const auto said = [lang](Result r) -> std::string {
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
  };
  Dataset data;
  data.columns = {
      both("unit", tr(lang, "Unit", "Đơn vị")),
      both("name", tr(lang, "Name", "Tên")),
      machine("result", tr(lang, "Result", "Kết quả")),
      both("overdue", tr(lang, "Overdue", "Quá hạn"), Align::right),
      both("due_soon", tr(lang, "Due soon", "Sắp đến hạn"), Align::right),
      machine("tasks", tr(lang, "Tasks", "Nhiệm vụ")),
      both("to", tr(lang, "To", "Gửi đến")),
      both("cc", tr(lang, "Cc", "Đồng gửi")),
      machine("message_id", "Message-ID"),
      machine("detail", tr(lang, "Detail", "Chi tiết")),
      {"result_text", tr(lang, "Result", "Kết quả"), Align::left, true, false},
  };
  data.columns[1].wrap = true;
  for (const auto& r : results) {
    std::string shown = said(r.result);
    if (!r.detail.empty()) shown += ": " + r.detail;
    data.rows.push_back({Value(r.unit), Value(r.name), Value(std::string(report::to_string(r.result))),
                         Value(static_cast<std::int64_t>(r.overdue)),
                         Value(static_cast<std::int64_t>(r.due_soon)), Value(r.tasks), Value(r.to),
                         Value(r.cc), optional_text(r.message_id), optional_text(r.detail),
                         Value(shown)});
  }
  data.empty_message = tr(lang, "No unit has overdue tasks or tasks due soon: no reminder to send.",
                          "Không đơn vị nào có nhiệm vụ quá hạn hoặc sắp đến hạn: không có thư nhắc nào.");
  return data;
}

Dataset checks_dataset(const std::vector<storage::CheckResult>& checks, Lang lang) {
  Dataset data;
  data.columns = {
      both("check", tr(lang, "Check", "Kiểm tra")),
      machine("ok", "ok"),
      machine("problems", tr(lang, "Problems", "Số lỗi")),
      {"result", tr(lang, "Result", "Kết quả"), Align::left, true, false},
      both("description", tr(lang, "What must hold", "Điều phải đúng")),
      both("details", tr(lang, "Details", "Chi tiết")),
  };
  data.columns[4].wrap = true;
  for (const auto& c : checks) {
    const std::string result =
        c.count == 0 ? std::string("ok")
                     : fmt::format(fmt::runtime(tr(lang, "{} problems", "{} lỗi")), c.count);
    data.rows.push_back({Value(c.name), Value(c.count == 0), Value(static_cast<std::int64_t>(c.count)),
                         Value(result), Value(c.description), Value(c.problems)});
  }
  return data;
}

Dataset events_dataset(const std::vector<model::Event>& events, Lang lang) {
  Dataset data;
  data.columns = {
      both("id", "#", Align::right),
      both("at", tr(lang, "When (UTC)", "Thời điểm (UTC)")),
      both("actor", tr(lang, "Who", "Người thực hiện")),
      both("action", tr(lang, "Action", "Thao tác")),
      machine("entity", tr(lang, "Entity", "Loại đối tượng")),
      both("key", tr(lang, "Item", "Đối tượng")),
      machine("task_id", tr(lang, "Task id", "Số hiệu nhiệm vụ")),
      both("field", tr(lang, "Field", "Trường")),
      both("before", tr(lang, "Before", "Trước")),
      both("after", tr(lang, "After", "Sau")),
      both("effective", tr(lang, "Effective", "Ngày hiệu lực")),
  };
  data.columns[9].wrap = true;
  for (const auto& e : events) {
    data.rows.push_back({
        Value(static_cast<std::int64_t>(e.id)), Value(e.at), Value(e.actor), Value(e.action),
        Value(e.entity), Value(e.key),
        e.task_id ? Value(static_cast<std::int64_t>(e.task_id)) : Value(std::monostate{}),
        optional_text(e.field), optional_text(e.before), optional_text(e.after),
        optional_text(e.effective),
    });
  }
  data.empty_message = tr(lang, "No history.", "Chưa có lịch sử.");
  return data;
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
  const auto columns = detail::human_columns(record);
  std::size_t width = 0;
  for (auto c : columns) width = std::max(width, text::display_width(record.columns[c].heading));
  const std::string continuation = "\n" + std::string(width + 2, ' ');
  std::string out;
  if (!record.rows.empty()) {
    for (auto c : columns) {
      const auto& heading = record.columns[c].heading;
      std::string value = detail::human_text(detail::cell(record.rows[0], c), style.lang);
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
