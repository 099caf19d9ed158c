#include "inspectrack/model/lifecycle.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "enum_names.hpp"

namespace inspectrack::model {
namespace {

using Outcome = ChangeCheck::Outcome;

const std::vector<std::string>& change_kind_names() {
  static const std::vector<std::string> kNames = {"done", "extend", "cancel", "reopen", "verify", "note"};
  return kNames;
}

// A day in a message, shown as the reader's language writes dates.
text::Day show(Date d) { return text::Day{d.year(), d.month(), d.day()}; }

}  // namespace

text::Message status_phrase(Status s) {
  switch (s) {
    case Status::open:
      return text::Message::with_context("a task's state in a sentence", "open");
    case Status::done:
      return text::Message::with_context("a task's state in a sentence", "done");
    case Status::verified:
      return text::Message::with_context("a task's state in a sentence", "verified");
    case Status::cancelled:
      return text::Message::with_context("a task's state in a sentence", "cancelled");
  }
  return text::Message::verbatim("");
}

namespace {

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

ChangeCheck refuse(const Task& task, Date effective, text::Message reason, Part part = Part::change) {
  ChangeCheck c;
  c.outcome = Outcome::refused;
  c.after = task;
  c.effective = effective;
  c.reason = std::move(reason);
  c.part = part;
  return c;
}

ChangeCheck check_done(const Task& task, const TaskChange& change, const ChangeContext& ctx) {
  const Date day = change.on.value_or(ctx.as_of);
  switch (task.status) {
    case Status::cancelled:
      return refuse(task, day, text::Message("the task is cancelled; reopen it before marking it done"));
    case Status::done:
    case Status::verified:
      if (task.done_on == day) return unchanged(task, day);
      if (!task.done_on) {
        return refuse(task, day,
                      text::Message("the task is already {0}; reopen it before recording a done day",
                                    status_phrase(task.status)));
      }
      return refuse(task, day,
                    text::Message("the task was already done on {0}; reopen it before recording another day",
                                  show(*task.done_on)));
    case Status::open: break;
  }
  if (day > ctx.as_of) {
    return refuse(task, day,
                  text::Message("done on {0} is after the as-of day {1}; a task cannot be done in the future",
                                show(day), show(ctx.as_of)),
                  Part::date);
  }
  if (ctx.began && day < *ctx.began) {
    return refuse(
        task, day,
        text::Message("done on {0} is before the inspection began ({1})", show(day), show(*ctx.began)),
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
  const Date day = change.on.value_or(ctx.as_of);
  switch (task.status) {
    case Status::open:
    case Status::cancelled:
      return refuse(
          task, day,
          text::Message("only a done task can be verified; this one is {0}", status_phrase(task.status)));
    case Status::verified:
      if (task.verified_on == day) return unchanged(task, day);
      if (task.verified_on) {
        return refuse(task, day,
                      text::Message("the task was already verified on {0}; to verify it on another day, "
                                    "reopen it and mark it done again",
                                    show(*task.verified_on)));
      }
      break;
    case Status::done: break;
  }
  if (day > ctx.as_of) {
    return refuse(
        task, day,
        text::Message("verified on {0} is after the as-of day {1}; a fix cannot be verified in the future",
                      show(day), show(ctx.as_of)),
        Part::date);
  }
  if (task.done_on && day < *task.done_on) {
    return refuse(
        task, day,
        text::Message("verified on {0} is before the task was done ({1})", show(day), show(*task.done_on)),
        Part::date);
  }
  if (ctx.began && day < *ctx.began) {
    return refuse(
        task, day,
        text::Message("verified on {0} is before the inspection began ({1})", show(day), show(*ctx.began)),
        Part::date);
  }
  Task after = task;
  after.status = Status::verified;
  after.verified_on = day;
  return apply(std::move(after), day);
}

ChangeCheck check_extend(const Task& task, const TaskChange& change, const ChangeContext& ctx) {
  if (!change.to) {
    return refuse(task, ctx.as_of, text::Message("an extension needs the new last day (--to)"), Part::date);
  }
  const Date to = *change.to;
  if (blank(change.text)) {
    return refuse(task, to, text::Message("an extension needs a reason (--reason)"), Part::text);
  }
  if (!task.is_open()) {
    return refuse(task, to,
                  text::Message("the task is {0}; only an open task can be extended, reopen it first",
                                status_phrase(task.status)));
  }
  if (task.last_day) {
    if (to == *task.last_day && task.extensions > 0) return unchanged(task, to);
    if (to <= *task.last_day) {
      return refuse(task, to,
                    text::Message("the extension to {0} is not later than the deadline in force, {1}",
                                  show(to), show(*task.last_day)),
                    Part::date);
    }
  }
  Task after = task;
  after.last_day = to;
  after.extensions = task.extensions + 1;
  return apply(std::move(after), to);
}

ChangeCheck check_cancel(const Task& task, const TaskChange& change, const ChangeContext& ctx) {
  if (blank(change.text)) {
    return refuse(task, ctx.as_of, text::Message("cancelling a task needs a reason (--reason)"), Part::text);
  }
  switch (task.status) {
    case Status::cancelled: return unchanged(task, ctx.as_of);
    case Status::done:
    case Status::verified:
      return refuse(
          task, ctx.as_of,
          text::Message("the task is {0}; reopen it before cancelling it", status_phrase(task.status)));
    case Status::open: break;
  }
  Task after = task;
  after.status = Status::cancelled;
  return apply(std::move(after), ctx.as_of);
}

ChangeCheck check_reopen(const Task& task, const TaskChange& change, const ChangeContext& ctx) {
  if (blank(change.text)) {
    return refuse(task, ctx.as_of, text::Message("reopening a task needs a reason (--reason)"), Part::text);
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
    return refuse(task, ctx.as_of, text::Message("a note cannot be empty; write its text"), Part::text);
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
  return refuse(task, context.as_of, text::Message::verbatim("unknown change"));
}

}  // namespace inspectrack::model
