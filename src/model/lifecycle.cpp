#include "inspectrack/model/lifecycle.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "enum_names.hpp"

namespace inspectrack::model {
namespace {

using Outcome = ChangeCheck::Outcome;
using text::Lang;

const std::vector<std::string>& change_kind_names() {
  static const std::vector<std::string> kNames = {"done", "extend", "cancel", "reopen", "verify", "note"};
  return kNames;
}

// The wording for `lang`, formatted with `args`.
template <typename... Args>
std::string say(Lang lang, const char* en, const char* vi, const Args&... args) {
  return fmt::format(fmt::runtime(text::tr(lang, en, vi)), args...);
}

// Dates as each language's readers write them.
std::string show(Lang lang, Date d) { return lang == Lang::vi ? d.vn() : d.iso(); }

// The status as a predicate: "the task is {}" / "nhiệm vụ {}".
const char* status_phrase(Lang lang, Status s) {
  switch (s) {
    case Status::open: return text::tr(lang, "open", "đang thực hiện");
    case Status::done: return text::tr(lang, "done", "đã hoàn thành");
    case Status::verified: return text::tr(lang, "verified", "đã được xác minh");
    case Status::cancelled: return text::tr(lang, "cancelled", "đã bị hủy");
  }
  return "";
}

// Texts arrive trimmed; a text of spaces alone is still no text.
bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

ChangeCheck apply(Task after, Date effective) {
  ChangeCheck c;
  c.outcome = Outcome::apply;
  c.after = std::move(after);
  c.effective = effective;
  return c;
}

ChangeCheck unchanged(const Task& task, Date effective) {
  ChangeCheck c;
  c.outcome = Outcome::unchanged;
  c.after = task;
  c.effective = effective;
  return c;
}

using Part = ChangeCheck::Part;

ChangeCheck refuse(const Task& task, Date effective, std::string reason, Part part = Part::change) {
  ChangeCheck c;
  c.outcome = Outcome::refused;
  c.after = task;
  c.effective = effective;
  c.reason = std::move(reason);
  c.part = part;
  return c;
}

ChangeCheck check_done(const Task& task, const TaskChange& change, const ChangeContext& ctx) {
  const Lang lang = ctx.lang;
  const Date day = change.on.value_or(ctx.as_of);
  switch (task.status) {
    case Status::cancelled:
      return refuse(task, day,
                    say(lang, "the task is cancelled; reopen it before marking it done",
                        "nhiệm vụ đã bị hủy; hãy mở lại trước khi đánh dấu hoàn thành"));
    case Status::done:
    case Status::verified:
      if (task.done_on == day) return unchanged(task, day);
      if (!task.done_on) {
        return refuse(
            task, day,
            say(lang, "the task is already {}; reopen it before recording a done day",
                "nhiệm vụ {}; hãy mở lại trước khi ghi ngày hoàn thành", status_phrase(lang, task.status)));
      }
      return refuse(task, day,
                    say(lang, "the task was already done on {}; reopen it before recording another day",
                        "nhiệm vụ đã hoàn thành ngày {}; hãy mở lại trước khi ghi ngày hoàn thành khác",
                        show(lang, *task.done_on)));
    case Status::open: break;
  }
  if (day > ctx.as_of) {
    return refuse(task, day,
                  say(lang, "done on {} is after the as-of day {}; a task cannot be done in the future",
                      "ngày hoàn thành {} sau ngày tính đến {}; không thể hoàn thành trong tương lai",
                      show(lang, day), show(lang, ctx.as_of)),
                  Part::date);
  }
  if (ctx.began && day < *ctx.began) {
    return refuse(
        task, day,
        say(lang, "done on {} is before the inspection began ({})",
            "ngày hoàn thành {} trước ngày bắt đầu đợt kiểm tra ({})", show(lang, day), show(lang, *ctx.began)),
        Part::date);
  }
  Task after = task;
  after.status = Status::done;
  after.done_on = day;
  after.done_deadline = task.last_day;
  after.verified_on.reset();
  return apply(std::move(after), day);
}

ChangeCheck check_verify(const Task& task, const TaskChange& change, const ChangeContext& ctx) {
  const Lang lang = ctx.lang;
  const Date day = change.on.value_or(ctx.as_of);
  switch (task.status) {
    case Status::open:
    case Status::cancelled:
      return refuse(task, day,
                    say(lang, "only a done task can be verified; this one is {}",
                        "chỉ nhiệm vụ đã hoàn thành mới được xác minh; nhiệm vụ này {}",
                        status_phrase(lang, task.status)));
    case Status::verified:
      if (task.verified_on == day) return unchanged(task, day);
      if (task.verified_on) {
        return refuse(task, day,
                      say(lang,
                          "the task was already verified on {}; to verify it on another day, "
                          "reopen it and mark it done again",
                          "nhiệm vụ đã được xác minh ngày {}; muốn xác minh ngày khác, hãy mở lại "
                          "và đánh dấu hoàn thành lại",
                          show(lang, *task.verified_on)));
      }
      break;
    case Status::done: break;
  }
  if (day > ctx.as_of) {
    return refuse(
        task, day,
        say(lang, "verified on {} is after the as-of day {}; a fix cannot be verified in the future",
            "ngày xác minh {} sau ngày tính đến {}; không thể xác minh trong tương lai", show(lang, day),
            show(lang, ctx.as_of)),
        Part::date);
  }
  if (task.done_on && day < *task.done_on) {
    return refuse(
        task, day,
        say(lang, "verified on {} is before the task was done ({})",
            "ngày xác minh {} trước ngày hoàn thành ({})", show(lang, day), show(lang, *task.done_on)),
        Part::date);
  }
  if (ctx.began && day < *ctx.began) {
    return refuse(
        task, day,
        say(lang, "verified on {} is before the inspection began ({})",
            "ngày xác minh {} trước ngày bắt đầu đợt kiểm tra ({})", show(lang, day), show(lang, *ctx.began)),
        Part::date);
  }
  Task after = task;
  after.status = Status::verified;
  after.verified_on = day;
  return apply(std::move(after), day);
}

ChangeCheck check_extend(const Task& task, const TaskChange& change, const ChangeContext& ctx) {
  const Lang lang = ctx.lang;
  if (!change.to) {
    return refuse(
        task, ctx.as_of,
        say(lang, "an extension needs the new last day (--to)", "gia hạn phải có ngày hạn mới (--to)"),
        Part::date);
  }
  const Date to = *change.to;
  if (blank(change.text)) {
    return refuse(task, to,
                  say(lang, "an extension needs a reason (--reason)", "gia hạn phải có lý do (--reason)"),
                  Part::text);
  }
  if (!task.is_open()) {
    return refuse(task, to,
                  say(lang, "the task is {}; only an open task can be extended, reopen it first",
                      "nhiệm vụ {}; chỉ nhiệm vụ đang thực hiện mới được gia hạn, hãy mở lại trước",
                      status_phrase(lang, task.status)));
  }
  if (task.last_day) {
    if (to == *task.last_day && task.extensions > 0) return unchanged(task, to);
    if (to <= *task.last_day) {
      return refuse(task, to,
                    say(lang, "the extension to {} is not later than the deadline in force, {}",
                        "ngày gia hạn {} không sau thời hạn đang áp dụng, {}", show(lang, to),
                        show(lang, *task.last_day)),
                    Part::date);
    }
  }
  Task after = task;
  after.last_day = to;
  after.extensions = task.extensions + 1;
  return apply(std::move(after), to);
}

ChangeCheck check_cancel(const Task& task, const TaskChange& change, const ChangeContext& ctx) {
  const Lang lang = ctx.lang;
  if (blank(change.text)) {
    return refuse(
        task, ctx.as_of,
        say(lang, "cancelling a task needs a reason (--reason)", "hủy nhiệm vụ phải có lý do (--reason)"),
        Part::text);
  }
  switch (task.status) {
    case Status::cancelled: return unchanged(task, ctx.as_of);
    case Status::done:
    case Status::verified:
      return refuse(task, ctx.as_of,
                    say(lang, "the task is {}; reopen it before cancelling it",
                        "nhiệm vụ {}; hãy mở lại trước khi hủy", status_phrase(lang, task.status)));
    case Status::open: break;
  }
  Task after = task;
  after.status = Status::cancelled;
  return apply(std::move(after), ctx.as_of);
}

ChangeCheck check_reopen(const Task& task, const TaskChange& change, const ChangeContext& ctx) {
  const Lang lang = ctx.lang;
  if (blank(change.text)) {
    return refuse(
        task, ctx.as_of,
        say(lang, "reopening a task needs a reason (--reason)", "mở lại nhiệm vụ phải có lý do (--reason)"),
        Part::text);
  }
  if (task.is_open()) return unchanged(task, ctx.as_of);
  Task after = task;
  after.status = Status::open;
  after.done_on.reset();
  after.done_deadline.reset();
  after.verified_on.reset();
  return apply(std::move(after), ctx.as_of);
}

ChangeCheck check_note(const Task& task, const TaskChange& change, const ChangeContext& ctx) {
  if (blank(change.text)) {
    return refuse(task, ctx.as_of,
                  say(ctx.lang, "a note cannot be empty; write its text",
                      "ghi chú không được để trống; hãy ghi nội dung"),
                  Part::text);
  }
  if (std::find(ctx.notes.begin(), ctx.notes.end(), change.text) != ctx.notes.end()) {
    return unchanged(task, ctx.as_of);
  }
  return apply(task, ctx.as_of);
}

}  // namespace

std::string_view to_string(TaskChange::Kind kind) { return detail::enum_name(kind, change_kind_names()); }

std::optional<TaskChange::Kind> parse_change_kind(std::string_view s) {
  return detail::parse_enum<TaskChange::Kind>(s, change_kind_names());
}

ChangeCheck check_change(const Task& task, const TaskChange& change, const ChangeContext& context) {
  switch (change.kind) {
    case TaskChange::Kind::done: return check_done(task, change, context);
    case TaskChange::Kind::extend: return check_extend(task, change, context);
    case TaskChange::Kind::cancel: return check_cancel(task, change, context);
    case TaskChange::Kind::reopen: return check_reopen(task, change, context);
    case TaskChange::Kind::verify: return check_verify(task, change, context);
    case TaskChange::Kind::note: return check_note(task, change, context);
  }
  return refuse(task, context.as_of, "unknown change");
}

}  // namespace inspectrack::model
