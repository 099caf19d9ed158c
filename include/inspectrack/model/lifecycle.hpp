#pragma once
// The task lifecycle: done, extend, cancel, reopen, verify, note.
// Pure rules: whether a change is allowed, and what it does to a task. Storage applies
// the result and records one event per changed field.
//
//   open ──done──▶ done ──verify──▶ verified
//    │  ◀──reopen── (done, verified, cancelled)
//    ├──extend──▶ open (later deadline)
//    └──cancel──▶ cancelled
//   note: any status, changes nothing but the history

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inspectrack/model/date.hpp"
#include "inspectrack/model/task.hpp"
#include "inspectrack/text/message.hpp"

namespace inspectrack::model {

// The status as a predicate: "the task is {0}" ("done", "đã hoàn thành").
text::Message status_phrase(Status s);

struct TaskChange {
  enum class Kind { done, extend, cancel, reopen, verify, note };

  Kind kind = Kind::note;
  std::optional<Date> on;    // done, verify: the day it happened (default: the as-of day)
  std::optional<Date> to;    // extend: the new last allowed day
  std::string text;          // done: evidence; extend, cancel, reopen: reason;
                             // verify: note; note: the note itself (NFC, trimmed)
  std::string approved_by;   // extend: who approved it (optional)

  bool operator==(const TaskChange&) const = default;
};

// "done", "extend", "cancel", "reopen", "verify", "note": the event's action.
std::string_view to_string(TaskChange::Kind kind);
std::optional<TaskChange::Kind> parse_change_kind(std::string_view s);

// What the rules say about a change.
struct ChangeCheck {
  enum class Outcome {
    apply,      // allowed: `after` is the task changed
    unchanged,  // already so (the same done day, the same extension, …): nothing to
                // write; repeating a progress file changes nothing
    refused,    // not allowed: `reason` says why and what to do
  };
  // What a refusal is about, so that a file's error points at it: the change itself
  // (the task's state does not allow it), its day (on, to), or its text (a reason).
  enum class Part { change, date, text };

  Outcome outcome = Outcome::refused;
  Task after;          // apply: the task with the change made
  Date effective;      // the day the change takes effect (recorded in the event)
  text::Message reason;      // refused: lowercase, no final period
  Part part = Part::change;  // refused: what `reason` is about
};

// The context a change is judged in.
struct ChangeContext {
  Date as_of;                        // today, or --as-of
  std::optional<Date> began;         // the inspection's first day (from, else to, else the
                                     // conclusion date): nothing is done before it
  std::vector<std::string> notes;    // the notes the task already has (for `note`)
};

// The rules:
// - done: an open task; the day (on, else as_of) neither after as_of nor before `began`;
//   done_on = that day, done_deadline = last_day. A done task with the same day is
//   unchanged; another day is refused (reopen first). A cancelled task is refused.
// - verify: a done task (verified_on = on, else as_of; not after as_of, not before
//   done_on). Verified on the same day: unchanged. Open or cancelled: refused.
// - extend: an open task; `to` must be later than the deadline in force (any day when
//   there is none); last_day = to, extensions + 1. An extension to the deadline already
//   in force after an extension is unchanged. Needs a reason.
// - cancel: an open task (cancelled: unchanged; done/verified: refused, reopen first).
//   Needs a reason.
// - reopen: a done, verified or cancelled task back to open (clears done_on,
//   done_deadline, verified_on); an open task is unchanged. Needs a reason.
// - note: any task; a note the task already has is unchanged; an empty note refused.
ChangeCheck check_change(const Task& task, const TaskChange& change, const ChangeContext& context);

}  // namespace inspectrack::model
