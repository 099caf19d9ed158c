#include "inspectrack/notify/digest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "inspectrack/calendar/deadline.hpp"
#include "inspectrack/render/views.hpp"
#include "inspectrack/render/words.hpp"
#include "inspectrack/text/message.hpp"
#include "inspectrack/text/utf8.hpp"
#include "inspectrack/text/visible.hpp"

namespace inspectrack::notify {
namespace {

using text::Lang;
using text::Message;

constexpr std::size_t kWidth = 76;
constexpr std::size_t kIndent = 3;  // under "1. "

using render::day_of;
using render::days_count;

// "Thông báo số 72/TB-UBND ngày 15/07/2021: Kết luận …", as much as is known.
std::string conclusion_text(const model::Conclusion& c, Lang lang) {
  std::string out;
  if (!c.number.empty()) out = text::translate(lang, Message("No. {0}", text::single_line(c.number)));
  if (c.date) {
    if (!out.empty()) out += ' ';
    out += text::translate(lang, out.empty() ? Message("Dated {0}", day_of(*c.date))
                                             : Message("of {0}", day_of(*c.date)));
  }
  if (!c.title.empty()) out += (out.empty() ? "" : ": ") + text::single_line(c.title);
  return out;
}

// "2 remediation tasks overdue and 1 due within the next 5 working days".
Message task_counts(int overdue, int soon, const Message& window) {
  auto late = overdue == 1 ? Message("{0} remediation task overdue", overdue)
                           : Message("{0} remediation tasks overdue", overdue);
  auto coming = overdue > 0    ? Message("{0} due within the next {1}", soon, window)
                : soon == 1    ? Message("{0} remediation task due within the next {1}", soon, window)
                               : Message("{0} remediation tasks due within the next {1}", soon, window);
  if (overdue > 0 && soon > 0) return Message("{0} and {1}", std::move(late), std::move(coming));
  if (overdue > 0) return late;
  if (soon > 0) return coming;
  return Message();
}

// task_counts(), then the tasks open without a deadline for more than `after`.
Message all_counts(int overdue, int soon, int undated, const Message& window, const Message& after) {
  Message dated = task_counts(overdue, soon, window);
  if (undated == 0) return dated;
  auto open = overdue + soon > 0 ? Message("{0} with no deadline, open for more than {1}", undated, after)
              : undated == 1
                  ? Message("{0} remediation task with no deadline, open for more than {1}", undated, after)
                  : Message("{0} remediation tasks with no deadline, open for more than {1}", undated, after);
  if (overdue + soon == 0) return open;
  return Message("{0}; and {1}", std::move(dated), std::move(open));
}

class BodyWriter {
 public:
  BodyWriter(const report::Digest& digest, const DigestContext& context)
      : digest_(digest), ctx_(context), lang_(context.lang) {}

  std::string write() {
    line(wrap(say(Message("To: ")), digest_.unit.name, kWidth, kIndent));
    blank();
    opening();
    section(Message("OVERDUE"), digest_.overdue, true);
    section(Message("DUE SOON"), digest_.due_soon, false);
    undated();
    answer();
    closing();
    return out_;
  }

 private:
  std::string say(const Message& m) const { return text::translate(lang_, m); }
  // Texts are made visible as they are wrapped; this also covers the lines that are
  // not (the task's key), so that no control character reaches the mail.
  void line(const std::string& s) { out_ += text::visible(s) + "\n"; }
  void blank() { out_ += "\n"; }
  void field(const Message& label, const std::string& value) {
    if (value.empty()) return;
    line(wrap(fmt::format("{:{}}{}: ", "", kIndent, say(label)), value, kWidth, kIndent + 2));
  }
  void field(const Message& label, const Message& value) { field(label, say(value)); }

  void opening() {
    const int overdue = static_cast<int>(digest_.overdue.size());
    const int soon = static_cast<int>(digest_.due_soon.size());
    const Message counts =
        all_counts(overdue, soon, static_cast<int>(digest_.undated.size()),
                   days_count(ctx_.rules.within, true), days_count(ctx_.rules.undated_after, true));
    line(wrap("",
              say(Message("As of {0}, your unit has {1}. Please complete each task and report the results by its "
                          "deadline.",
                          day_of(ctx_.as_of), counts)),
              kWidth, 0));
  }

  void section(const Message& heading, const std::vector<report::TaskRow>& rows, bool overdue) {
    if (rows.empty()) return;
    blank();
    line(say(heading));
    int n = 0;
    for (const auto& row : rows) {
      blank();
      task(++n, row, overdue);
    }
  }

  void task(int n, const report::TaskRow& row, bool overdue) {
    const model::Task& t = row.task;
    line(wrap(fmt::format("{}. ", n), t.action, kWidth, kIndent));
    about(t);
    deadline(t);
    if (overdue) {
      field(Message("Late by"), days_count(report::lateness(row, ctx_.rules), ctx_.rules.working_days));
    } else {
      field(Message("Time left"), time_left(t));
    }
    reported_to(t);
    if (std::find(digest_.escalated.begin(), digest_.escalated.end(), t.id) != digest_.escalated.end()) {
      field(Message("Escalated"),
            Message("more than {0} late, so the parent unit receives a copy",
                    days_count(*ctx_.rules.escalate_after, ctx_.rules.working_days)));
    }
    // The key stays whole on its line, to be copied as it is into the answer.
    line(fmt::format("{:{}}{}", "", kIndent, say(Message("Task: {0} (id {1})", t.full_key(), t.id))));
  }

  // The inspection and the conclusion that set the task.
  void about(const model::Task& t) {
    if (ctx_.inspections == nullptr) return;
    if (const auto found = ctx_.inspections->find(t.inspection); found != ctx_.inspections->end()) {
      field(Message("Inspection"), text::single_line(found->second.title));
      field(Message("Conclusion"), conclusion_text(found->second.conclusion, lang_));
    }
  }

  void reported_to(const model::Task& t) {
    if (t.report_to) {
      field(Message("Report to"),
            text::single_line(t.report_to_name.empty() ? *t.report_to : t.report_to_name));
    }
  }

  // The tasks with no deadline ("khẩn trương") left open too long: when they were set
  // and for how long, in place of a deadline.
  void undated() {
    if (digest_.undated.empty()) return;
    blank();
    line(say(Message("OPEN WITH NO DEADLINE FOR MORE THAN {0}", days_count(ctx_.rules.undated_after, true))));
    int n = 0;
    for (const auto& row : digest_.undated) {
      blank();
      const model::Task& t = row.task;
      line(wrap(fmt::format("{}. ", ++n), t.action, kWidth, kIndent));
      about(t);
      field(Message("Deadline"), Message("none was set"));
      field(Message("Set on"), lang_ == Lang::vi ? row.since.vn() : row.since.iso());
      field(Message("Open for"), days_count(row.working_days, true));
      reported_to(t);
      line(fmt::format("{:{}}{}", "", kIndent, say(Message("Task: {0} (id {1})", t.full_key(), t.id))));
    }
  }

  // The unit answers the office by mail or by letter: it does not run inspectrack,
  // the office records what it reports.
  void answer() {
    blank();
    line(say(Message("HOW TO ANSWER")));
    blank();
    const Message office = ctx_.office.empty() ? Message("the office that sent this reminder")
                                               : Message::verbatim(text::single_line(ctx_.office));
    line(wrap("",
              say(Message("When a task is done, reply to this message, to {0}, with the task's code and the "
                          "number and date of the report of its completion ({1}).",
                          office, Message("report no. … of …"))),
              kWidth, 0));
    const auto reports_to = [](const std::vector<report::TaskRow>& rows) {
      return std::any_of(rows.begin(), rows.end(),
                         [](const report::TaskRow& r) { return r.task.report_to.has_value(); });
    };
    const bool undated_reports =
        std::any_of(digest_.undated.begin(), digest_.undated.end(),
                    [](const report::UndatedRow& r) { return r.task.report_to.has_value(); });
    if (reports_to(digest_.overdue) || reports_to(digest_.due_soon) || undated_reports) {
      line(wrap("", say(Message("Send the report itself to the unit under \"{0}\".", Message("Report to"))),
                kWidth, 0));
    }
  }

  // The last day as computed, its weekday, the deadline as written and, once
  // extended, the first one.
  void deadline(const model::Task& t) {
    const std::string last = lang_ == Lang::vi ? t.last_day->vn() : t.last_day->iso();
    std::string deadline = fmt::format("{} ({})", last, render::weekday_name(*t.last_day, lang_));
    if (const std::string written = say(render::due_words(t.due)); !written.empty()) {
      deadline += " — " + say(Message("as written: {0}", written));
    }
    field(Message("Deadline"), deadline);
    if (t.extensions > 0 && t.original_last_day) {
      const text::Day first = day_of(*t.original_last_day);
      field(Message("Extended"), t.extensions == 1
                                     ? Message("{0} time; the original deadline was {1}", t.extensions, first)
                                     : Message("{0} times; the original deadline was {1}", t.extensions, first));
    }
  }

  Message time_left(const model::Task& t) const {
    if (*t.last_day == ctx_.as_of) return Message("the deadline is today");
    const calendar::WorkCalendar& cal =
        ctx_.calendars != nullptr ? report::calendar_of(t, *ctx_.calendars) : calendar::weekends_only();
    const int working = cal.working_days_between(ctx_.as_of, *t.last_day);
    if (working > 0) return days_count(working, true);
    // A deadline written on a day off, with no working day before it.
    return Message("{0} (the deadline is a day off)", days_count(calendar::days_late(ctx_.as_of, *t.last_day), false));
  }

  void closing() {
    blank();
    line("-- ");
    if (!digest_.copies.empty()) {
      std::vector<std::string> copies;
      for (const auto& c : digest_.copies) {
        std::vector<std::string> why;
        if (c.report_to) why.emplace_back(say(Message("tasks report to it")));
        if (c.escalation) why.emplace_back(say(Message("parent unit, for tasks long overdue")));
        copies.push_back(fmt::format("{} ({})", text::single_line(c.unit.name), fmt::join(why, "; ")));
      }
      line(wrap(say(Message("Copies: ")), fmt::format("{}", fmt::join(copies, ", ")), kWidth, 2));
    }
    line(wrap("",
              say(Message("An automatic reminder from inspectrack for {0}. A unit receives at most one reminder a "
                          "day; tasks done, cancelled or extended beyond the next {1} are left out of the next one.",
                          day_of(ctx_.as_of), days_count(ctx_.rules.within, true))),
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
  if (overdue > 0) {
    parts.push_back(text::translate(
        lang, overdue == 1 ? Message("{0} task overdue", overdue) : Message("{0} tasks overdue", overdue)));
  }
  if (soon > 0) {
    parts.push_back(text::translate(lang, overdue > 0 ? Message("{0} due soon", soon)
                                          : soon == 1 ? Message("{0} task due soon", soon)
                                                      : Message("{0} tasks due soon", soon)));
  }
  if (const int undated = static_cast<int>(digest.undated.size()); undated > 0) {
    parts.push_back(text::translate(lang, overdue + soon > 0 ? Message("{0} with no deadline", undated)
                                          : undated == 1     ? Message("{0} task with no deadline", undated)
                                                         : Message("{0} tasks with no deadline", undated)));
  }
  return text::translate(lang, Message("[Reminder] {0}: {1}", text::single_line(digest.unit.name),
                                       fmt::format("{}", fmt::join(parts, ", "))));
}

std::string digest_body(const report::Digest& digest, const DigestContext& context) {
  return BodyWriter(digest, context).write();
}

}  // namespace inspectrack::notify
