#pragma once
// `remind`: one digest per assignee unit with overdue tasks or tasks due soon,
// delivered through a notify::Transport and recorded so that a second run the same
// day sends nothing. The rules are report::plan_reminders, the words notify::digest_*,
// the message notify::render_message; this use case puts them in order and keeps the
// ledger (storage::ReminderStore).
//
// Delivery is at least once: a reminder is claimed (recorded 'sending', with its
// message and this process as its claimant) before it goes out and confirmed ('sent')
// after. A run killed or failed in between leaves it unconfirmed, and the next run
// delivers the kept message again, Message-ID and all, before it plans anything.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "inspectrack/calendar/registry.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/model/date.hpp"
#include "inspectrack/notify/message.hpp"
#include "inspectrack/notify/transport.hpp"
#include "inspectrack/report/reminders.hpp"
#include "inspectrack/storage/store.hpp"
#include "inspectrack/text/lang.hpp"
#include "inspectrack/text/message.hpp"

namespace inspectrack::app {

// What remind needs of a store: the tasks and units it reads, the reminders it
// records, and the occurrences of recurring tasks come due that a real run makes.
struct RemindStores {
  explicit RemindStores(storage::Store& store) : reads(store), ledger(store), occurrences(store) {}
  RemindStores(storage::ReportQueries& r, storage::ReminderStore& l, storage::TaskChanges& o)
      : reads(r), ledger(l), occurrences(o) {}
  storage::ReportQueries& reads;
  storage::ReminderStore& ledger;
  storage::TaskChanges& occurrences;
};

// One run: the day, who runs it, the rules, and where the messages go.
struct RemindRequest {
  model::Date as_of;
  std::string now;    // UTC, 2021-07-26T01:00:00Z: recorded, and the messages' Date
  std::string actor;  // recorded with each reminder and each occurrence made
  text::Lang lang = text::Lang::en;  // the language the messages are written in
  report::ReminderRules rules;
  std::string unit;             // only this assignee (key), when not empty
  std::string office_calendar;  // the calendar whose days off send nothing (unless rules.force)
  notify::Mailbox sender;       // checked (notify::format_mailbox)
  bool dry_run = false;         // plan and compose, record and send nothing
  notify::Transport* transport = nullptr;  // where the messages go; unused in a dry run
};

// Something the user is told while the run goes on, in the order it happens.
struct RemindNotice {
  enum class Kind { note, warning, error };
  Kind kind = Kind::note;
  text::Message message;
};

// What the caller hears as the run goes, so that it can show it at once.
struct RemindObserver {
  std::function<void(const RemindNotice&)> notice;
  // A dry run: each message it would send, as an mbox entry ("From " line and all).
  std::function<void(const std::string& mbox_entry)> preview;
};

// What a run did.
struct RemindResult {
  bool day_off = false;  // nothing was planned: a day off in the office calendar
  std::vector<report::ReminderResult> reminders;  // a row per reminder, in run order
  bool temporary = false;  // a delivery failed for now (the next run sends it)
  bool permanent = false;  // a delivery failed until someone fixes the way out
  bool invalid = false;    // a unit's addresses in the database are not addresses
  int not_tried = 0;       // left for the next run after a failure of the way out
  // 73 a permanent failure, 75 a temporary one, 65 an invalid address, else 0.
  ExitCode exit_code() const;
};

// Runs remind: delivers again what stopped runs left unconfirmed, plans the digests
// of request.as_of, claims, delivers and records each. Throws UsageError when
// request.unit names no unit, before anything is written.
RemindResult remind(const RemindStores& stores, const calendar::CalendarRegistry& calendars,
                    const RemindRequest& request, const RemindObserver& observer = {});

}  // namespace inspectrack::app
