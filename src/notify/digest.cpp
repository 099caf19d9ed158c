#include "inspectrack/notify/digest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "inspectrack/calendar/deadline.hpp"
#include "inspectrack/render/views.hpp"
#include "inspectrack/text/utf8.hpp"
#include "inspectrack/text/visible.hpp"

namespace inspectrack::notify {
namespace {

using text::Lang;
using text::tr;

constexpr std::size_t kWidth = 76;
constexpr std::size_t kIndent = 3;  // under "1. "

std::string day_text(model::Date d, Lang lang) { return lang == Lang::vi ? d.vn() : d.iso(); }

// "1 task" / "2 tasks"; Vietnamese has one form.
std::string count_of(int n, Lang lang, const char* en_one, const char* en_many, const char* vi) {
  if (lang == Lang::vi) return fmt::format("{} {}", n, vi);
  return fmt::format("{} {}", n, n == 1 ? en_one : en_many);
}

std::string days_text(int n, bool working, Lang lang) {
  return working ? count_of(n, lang, "working day", "working days", "ngày làm việc")
                 : count_of(n, lang, "day", "days", "ngày");
}

// "Thông báo số 72/TB-UBND ngày 15/07/2021: Kết luận …", as much as is known.
std::string conclusion_text(const model::Conclusion& c, Lang lang) {
  std::string out;
  if (!c.number.empty()) out = fmt::format("{} {}", tr(lang, "No.", "Số"), text::single_line(c.number));
  if (c.date) {
    if (!out.empty()) out += ' ';
    out += fmt::format("{} {}", out.empty() ? tr(lang, "Dated", "Ngày") : tr(lang, "of", "ngày"),
                       day_text(*c.date, lang));
  }
  if (!c.title.empty()) out += (out.empty() ? "" : ": ") + text::single_line(c.title);
  return out;
}

// The deadline as the order wrote it, in words: "trước ngày 22/07/2021", "within 15
// working days from the conclusion"; the text as written when the form is unknown.
std::string written_due(const model::Due& due, Lang lang) {
  using Form = model::Due::Form;
  using Anchor = model::Due::Anchor;
  const auto on = [&](const char* en, const char* vi) {
    return due.date ? fmt::format("{} {}", tr(lang, en, vi), day_text(*due.date, lang)) : std::string();
  };
  switch (due.form) {
    case Form::date: return on("on", "ngày");
    case Form::by: return on("by", "đến hết ngày");
    case Form::before: return on("before", "trước ngày");
    case Form::day:
      return lang == Lang::vi ? fmt::format("ngày {} tháng cuối mỗi kỳ", due.day)
                              : fmt::format("day {} of each period's last month", due.day);
    case Form::within: {
      const bool working = due.counting == model::Due::Counting::working_days;
      std::string from;
      switch (due.anchor) {
        case Anchor::date:
          from = due.anchor_date ? fmt::format("{} {}", tr(lang, "from", "kể từ ngày"),
                                               day_text(*due.anchor_date, lang))
                                 : std::string();
          break;
        case Anchor::inspection_to:
          from = tr(lang, "from the end of the inspection", "kể từ ngày kết thúc kiểm tra");
          break;
        case Anchor::conclusion_date:
          from = tr(lang, "from the date of the conclusion", "kể từ ngày ban hành kết luận");
          break;
        case Anchor::period_end: from = tr(lang, "from the end of the period", "kể từ ngày kết thúc kỳ"); break;
      }
      return fmt::format("{} {} {}", tr(lang, "within", "trong"), days_text(due.period, working, lang), from);
    }
    case Form::none: break;
  }
  return text::single_line(due.text);
}

class BodyWriter {
 public:
  BodyWriter(const report::Digest& digest, const DigestContext& context)
      : digest_(digest), ctx_(context), lang_(context.lang) {}

  std::string write() {
    line(wrap(tr(lang_, "To: ", "Kính gửi: "), digest_.unit.name, kWidth, kIndent));
    blank();
    opening();
    section(tr(lang_, "OVERDUE", "NHIỆM VỤ QUÁ HẠN"), digest_.overdue, true);
    section(tr(lang_, "DUE SOON", "NHIỆM VỤ SẮP ĐẾN HẠN"), digest_.due_soon, false);
    closing();
    return out_;
  }

 private:
  // Texts are made visible as they are wrapped; this also covers the lines that are
  // not (the task's key), so that no control character reaches the mail.
  void line(const std::string& s) { out_ += text::visible(s) + "\n"; }
  void blank() { out_ += "\n"; }
  void field(const char* label_en, const char* label_vi, const std::string& value) {
    if (value.empty()) return;
    line(wrap(fmt::format("{:{}}{}: ", "", kIndent, tr(lang_, label_en, label_vi)), value, kWidth,
              kIndent + 2));
  }

  void opening() {
    const int overdue = static_cast<int>(digest_.overdue.size());
    const int soon = static_cast<int>(digest_.due_soon.size());
    const std::string window = days_text(ctx_.rules.within, true, lang_);
    std::string text;
    if (lang_ == Lang::vi) {
      text = fmt::format("Tính đến ngày {}, đơn vị có ", day_text(ctx_.as_of, lang_));
      if (overdue > 0) text += fmt::format("{} nhiệm vụ khắc phục quá hạn", overdue);
      if (overdue > 0 && soon > 0) text += " và ";
      if (soon > 0) {
        text += fmt::format("{} nhiệm vụ {}đến hạn trong {} tới", soon, overdue > 0 ? "" : "khắc phục ",
                            window);
      }
      text += ". Đề nghị đơn vị khẩn trương thực hiện và báo cáo kết quả theo đúng thời hạn.";
    } else {
      text = fmt::format("As of {}, your unit has ", day_text(ctx_.as_of, lang_));
      if (overdue > 0) text += count_of(overdue, lang_, "remediation task", "remediation tasks", "") + " overdue";
      if (overdue > 0 && soon > 0) text += " and ";
      if (soon > 0) {
        text += (overdue > 0 ? std::to_string(soon) : count_of(soon, lang_, "remediation task", "remediation tasks", "")) +
                fmt::format(" due within the next {}", window);
      }
      text += ". Please complete each task and report the results by its deadline.";
    }
    line(wrap("", text, kWidth, 0));
  }

  void section(const char* heading, const std::vector<report::TaskRow>& rows, bool overdue) {
    if (rows.empty()) return;
    blank();
    line(heading);
    int n = 0;
    for (const auto& row : rows) {
      blank();
      task(++n, row, overdue);
    }
  }

  void task(int n, const report::TaskRow& row, bool overdue) {
    const model::Task& t = row.task;
    line(wrap(fmt::format("{}. ", n), t.action, kWidth, kIndent));
    if (ctx_.inspections != nullptr) {
      if (const auto found = ctx_.inspections->find(t.inspection); found != ctx_.inspections->end()) {
        field("Inspection", "Đợt kiểm tra", text::single_line(found->second.title));
        field("Conclusion", "Văn bản kết luận", conclusion_text(found->second.conclusion, lang_));
      }
    }
    std::string deadline = fmt::format("{} ({})", day_text(*t.last_day, lang_),
                                       render::weekday_name(*t.last_day, lang_));
    if (const std::string written = written_due(t.due, lang_); !written.empty()) {
      deadline += fmt::format(" — {} {}", tr(lang_, "as written:", "theo văn bản:"), written);
    }
    field("Deadline", "Thời hạn", deadline);
    if (t.extensions > 0 && t.original_last_day) {
      field("Extended", "Đã gia hạn",
            lang_ == Lang::vi
                ? fmt::format("{} lần; thời hạn ban đầu {}", t.extensions, day_text(*t.original_last_day, lang_))
                : fmt::format("{}; the original deadline was {}",
                              count_of(t.extensions, lang_, "time", "times", ""),
                              day_text(*t.original_last_day, lang_)));
    }
    if (overdue) {
      const int late = report::lateness(row, ctx_.rules);
      field("Late by", "Quá hạn", days_text(late, ctx_.rules.working_days, lang_));
    } else {
      field("Time left", "Còn lại", time_left(t));
    }
    if (t.report_to) {
      field("Report to", "Báo cáo về", text::single_line(t.report_to_name.empty() ? *t.report_to : t.report_to_name));
    }
    if (std::find(digest_.escalated.begin(), digest_.escalated.end(), t.id) != digest_.escalated.end()) {
      const std::string limit = days_text(*ctx_.rules.escalate_after, ctx_.rules.working_days, lang_);
      field("Escalated", "Báo cáo cấp trên",
            lang_ == Lang::vi ? fmt::format("quá hạn trên {}, thư được gửi đồng thời đến đơn vị cấp trên", limit)
                              : fmt::format("more than {} late, so the parent unit receives a copy", limit));
    }
    // Keys and the command stay whole on their lines, to be copied as they are.
    line(fmt::format("{:{}}{}: {} (id {})", "", kIndent, tr(lang_, "Task", "Mã nhiệm vụ"), t.full_key(), t.id));
    line(fmt::format("{:{}}{}", "", kIndent, tr(lang_, "When done, record it with:", "Khi hoàn thành, ghi nhận bằng lệnh:")));
    line(fmt::format("{:{}}inspectrack done {} --evidence \"{}\"", "", kIndent + 2, t.full_key(),
                     tr(lang_, "report no. … of …", "Báo cáo số … ngày …")));
  }

  std::string time_left(const model::Task& t) const {
    if (*t.last_day == ctx_.as_of) return tr(lang_, "the deadline is today", "hôm nay là hạn cuối");
    const calendar::WorkCalendar& cal =
        ctx_.calendars != nullptr ? report::calendar_of(t, *ctx_.calendars) : calendar::weekends_only();
    const int working = cal.working_days_between(ctx_.as_of, *t.last_day);
    if (working > 0) return days_text(working, true, lang_);
    // A deadline written on a day off, with no working day before it.
    return fmt::format("{} ({})", days_text(calendar::days_late(ctx_.as_of, *t.last_day), false, lang_),
                       tr(lang_, "the deadline is a day off", "hạn cuối là ngày nghỉ"));
  }

  void closing() {
    blank();
    line("-- ");
    if (!digest_.copies.empty()) {
      std::vector<std::string> copies;
      for (const auto& c : digest_.copies) {
        std::vector<std::string> why;
        if (c.report_to) why.emplace_back(tr(lang_, "tasks report to it", "đơn vị nhận báo cáo"));
        if (c.escalation) why.emplace_back(tr(lang_, "parent unit, for tasks long overdue", "đơn vị cấp trên, do nhiệm vụ quá hạn lâu"));
        copies.push_back(fmt::format("{} ({})", text::single_line(c.unit.name), fmt::join(why, "; ")));
      }
      line(wrap(tr(lang_, "Copies: ", "Đồng gửi: "), fmt::format("{}", fmt::join(copies, ", ")), kWidth, 2));
    }
    line(wrap("",
              lang_ == Lang::vi
                  ? fmt::format("Thư nhắc việc tự động của inspectrack, lập ngày {}. Mỗi ngày đơn vị nhận "
                                "nhiều nhất một thư nhắc; nhiệm vụ đã hoàn thành, đã hủy hoặc được gia "
                                "hạn ra ngoài {} tới sẽ không có trong thư sau.",
                                day_text(ctx_.as_of, lang_), days_text(ctx_.rules.within, true, lang_))
                  : fmt::format("An automatic reminder from inspectrack for {}. A unit receives at most "
                                "one reminder a day; tasks done, cancelled or extended beyond the next {} "
                                "are left out of the next one.",
                                day_text(ctx_.as_of, lang_), days_text(ctx_.rules.within, true, lang_)),
              kWidth, 0));
  }

  const report::Digest& digest_;
  const DigestContext& ctx_;
  Lang lang_;
  std::string out_;
};

}  // namespace

std::string wrap(std::string_view prefix, std::string_view text_as_stored, std::size_t width,
                 std::size_t indent) {
  // Escaped before it is measured, so that an escape counts the columns it takes.
  const std::string shown = text::visible_lines(text_as_stored, " ");
  const std::string_view text = shown;
  std::string out(prefix);
  std::size_t column = text::display_width(prefix);
  const std::string pad(indent, ' ');
  bool line_has_word = false;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (i < text.size() && is_space(text[i])) ++i;
    if (i == text.size()) break;
    std::size_t end = i;
    while (end < text.size() && !is_space(text[end])) ++end;
    std::string_view word = text.substr(i, end - i);
    i = end;
    std::size_t w = text::display_width(word);
    // A word that does not fit goes to the next line (after the prefix too, when it
    // fits there whole); one wider than any line is cut below.
    const bool after_prefix = !line_has_word && column > indent && indent + w <= width;
    if ((line_has_word || after_prefix) && column + (line_has_word ? 1 : 0) + w > width) {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      out += "\n" + pad;
      column = indent;
      line_has_word = false;
    }
    if (line_has_word) {
      out += ' ';
      ++column;
    }
    // A word wider than a whole line is cut between characters.
    while (column + w > width && width > column) {
      const std::string_view head = text::truncate_to_width(word, width - column);
      if (head.empty()) break;
      out += head;
      out += "\n" + pad;
      column = indent;
      word.remove_prefix(head.size());
      w = text::display_width(word);
    }
    out += word;
    column += w;
    line_has_word = true;
  }
  return out;
}

std::string digest_subject(const report::Digest& digest, text::Lang lang) {
  std::vector<std::string> parts;
  const int overdue = static_cast<int>(digest.overdue.size());
  const int soon = static_cast<int>(digest.due_soon.size());
  if (lang == Lang::vi) {
    if (overdue > 0) parts.push_back(fmt::format("{} nhiệm vụ quá hạn", overdue));
    if (soon > 0) parts.push_back(fmt::format(fmt::runtime(overdue > 0 ? "{} sắp đến hạn" : "{} nhiệm vụ sắp đến hạn"), soon));
  } else {
    if (overdue > 0) parts.push_back(count_of(overdue, lang, "task", "tasks", "") + " overdue");
    if (soon > 0) {
      parts.push_back((overdue > 0 ? std::to_string(soon) : count_of(soon, lang, "task", "tasks", "")) + " due soon");
    }
  }
  return fmt::format("{} {}: {}", tr(lang, "[Reminder]", "[Nhắc việc]"), text::single_line(digest.unit.name),
                     fmt::join(parts, ", "));
}

std::string digest_body(const report::Digest& digest, const DigestContext& context) {
  return BodyWriter(digest, context).write();
}

}  // namespace inspectrack::notify
