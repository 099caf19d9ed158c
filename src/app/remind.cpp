#include "inspectrack/app/remind.hpp"

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "inspectrack/calendar/recurrence.hpp"
#include "inspectrack/notify/claimant.hpp"
#include "inspectrack/model/local_time.hpp"
#include "inspectrack/notify/digest.hpp"
#include "inspectrack/render/words.hpp"
#include "inspectrack/text/visible.hpp"

namespace inspectrack::app {
namespace {

using Decision = report::Digest::Decision;
using Result = report::ReminderResult::Result;
using Kind = RemindNotice::Kind;

// The send time, from the run's clock (INSPECTRACK_NOW in tests).
std::time_t send_time(const std::string& now) {
  if (const auto utc = model::parse_utc_timestamp(now)) return static_cast<std::time_t>(*utc);
  return std::time(nullptr);
}

// <20210723T000000.3f9c0e1a5b7d2c48.inspectrack@DOMAIN>, DOMAIN the sender's: unique
// without asking the host for its name.
std::string new_message_id(const std::string& sender_address, std::time_t when) {
  static std::mt19937_64 random{std::random_device{}()};
  std::tm utc{};
  gmtime_r(&when, &utc);
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}.{:016x}.inspectrack@{}", utc.tm_year + 1900,
                     utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, random(),
                     sender_address.substr(sender_address.find('@') + 1));
}

std::string lower_ascii(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// To: the unit's addresses; Cc: the copied units' addresses, each address once.
void address(const report::Digest& digest, notify::Message& message) {
  std::set<std::string> used;
  // Names are checked at import; one written into the database otherwise is still
  // kept to one line, so that it can never end a header.
  for (const auto& a : digest.unit.emails) {
    if (used.insert(lower_ascii(a)).second) message.to.push_back({text::single_line(digest.unit.name), a});
  }
  for (const auto& copy : digest.copies) {
    for (const auto& a : copy.unit.emails) {
      if (used.insert(lower_ascii(a)).second) message.cc.push_back({text::single_line(copy.unit.name), a});
    }
  }
}

std::vector<std::string> addresses(const std::vector<notify::Mailbox>& boxes) {
  std::vector<std::string> out;
  for (const auto& b : boxes) out.push_back(b.address);
  return out;
}

report::ReminderResult result_of(const report::Digest& digest) {
  report::ReminderResult r;
  r.unit = digest.unit.key;
  r.name = digest.unit.name;
  r.overdue = static_cast<int>(digest.overdue.size());
  r.due_soon = static_cast<int>(digest.due_soon.size());
  for (const auto* rows : {&digest.overdue, &digest.due_soon}) {
    for (const auto& row : *rows) r.tasks.push_back(row.task.full_key());
  }
  for (const auto& row : digest.undated) r.tasks.push_back(row.task.full_key());
  r.to = digest.unit.emails;
  for (const auto& c : digest.copies) r.cc.insert(r.cc.end(), c.unit.emails.begin(), c.unit.emails.end());
  return r;
}

// A reminder a stopped run left unconfirmed, as a row of the report.
report::ReminderResult result_of(const model::Reminder& reminder, std::string name) {
  report::ReminderResult result;
  result.unit = reminder.unit;
  result.name = std::move(name);
  for (const auto& t : reminder.tasks) {
    if (t.state == model::RemindedTask::State::overdue) ++result.overdue;
    if (t.state == model::RemindedTask::State::due) ++result.due_soon;
    result.tasks.push_back(t.task_key);
  }
  result.to = reminder.to;
  result.cc = reminder.cc;
  result.message_id = reminder.message_id;
  result.detail = reminder.day.iso();
  return result;
}

// A failure that says nothing about one message but about the way out: an mbox or
// maildir that cannot be written, a command that cannot be run, or a temporary failure
// (a mail server out of reach would make every later message wait for its timeout).
// A sendmail command that ran and refused one message (a rejected recipient) may
// still take the others.
bool stops_the_run(const notify::Transport& transport, const notify::Delivery& delivery) {
  if (delivery.outcome == notify::Delivery::Outcome::temporary) return true;
  if (transport.kind() != "sendmail") return true;
  return delivery.exit_status < 0 || delivery.exit_status == 126 || delivery.exit_status == 127;
}

using render::day_of;

// One run of remind: its settings, the store, and what happened so far.
class RemindRun {
 public:
  RemindRun(const RemindStores& stores, const calendar::CalendarRegistry& calendars,
            const RemindRequest& request, const RemindObserver& observer)
      : stores_(stores), calendars_(calendars), request_(request), observer_(observer),
        rules_(request.rules), now_(send_time(request.now)) {
    std::tm local{};
    localtime_r(&now_, &local);
    date_ = notify::rfc5322_date(local, local.tm_gmtoff);
    asctime_ = notify::asctime_date(local);
  }

  RemindResult run() {
    prepare();
    if (day_off()) {
      outcome_.day_off = true;
      return std::move(outcome_);
    }
    here_ = notify::this_process();
    units_ = stores_.reads.units();
    resolve();
    for (auto& i : stores_.reads.inspections()) inspections_.emplace(i.key, std::move(i));
    words_ = {request_.lang, request_.as_of, rules_, &inspections_, &calendars_, office()};
    for (const auto& digest : plan()) {
      warn_about(digest);
      outcome_.reminders.push_back(handle(digest));
    }
    if (outcome_.not_tried > 0) {
      tell(Kind::note, text::Message("{0} more reminders were not tried after that failure; the next run "
                                     "sends them",
                                     outcome_.not_tried));
    }
    return std::move(outcome_);
  }

 private:
  void tell(Kind kind, text::Message message) const {
    if (observer_.notice) observer_.notice(RemindNotice{kind, std::move(message)});
  }

  // A dry run writes nothing here (its caller opened the store for a report, which
  // made the occurrences come due); a real run makes them up to the widest window.
  void prepare() {
    // Before anything is written: a mistyped --unit changes nothing.
    if (!request_.unit.empty() && !stores_.reads.unit(request_.unit)) {
      throw UsageError(text::Message("{0} '{1}': no such key", "--unit", request_.unit));
    }
    window_end_ = report::widest_window_end(request_.as_of, rules_.within, calendars_);
    if (!request_.dry_run) {
      storage::OccurrenceOptions occurrences{
          std::max(*window_end_, request_.as_of.plus_days(calendar::kOccurrenceHorizonDays)), &calendars_,
          request_.actor, request_.now};
      if (stores_.occurrences.occurrences_pending(occurrences)) stores_.occurrences.make_occurrences(occurrences);
    }
  }

  // cron runs on weekdays; public holidays and Tết are the calendar's to know.
  bool day_off() const {
    const calendar::WorkCalendar* office = calendars_.find(request_.office_calendar);
    if (office == nullptr || office->is_working_day(request_.as_of) || rules_.force) return false;
    const auto special = office->special_day(request_.as_of);
    tell(Kind::note,
         text::Message("{0} is not a working day in calendar '{1}'{2}: no reminders are sent on days off; "
                       "the next working day's run includes everything (--force sends anyway)",
                       day_of(request_.as_of), office->key(),
                       special ? " (" + special->name + ")" : std::string()));
    return true;
  }

  // Whom the units answer, as the reminders name it: the sender's name, else its address.
  std::string office() const {
    const notify::Mailbox& sender = request_.sender;
    return sender.name.empty() ? sender.address : sender.name;
  }

  // What the user is told about one digest besides its row in the report.
  void warn_about(const report::Digest& digest) const {
    const std::string who = fmt::format("{} ({})", digest.unit.name, digest.unit.key);
    if (digest.decision == Decision::no_address) {
      tell(Kind::warning,
           text::Message("{0} has {1} overdue and {2} due soon but no e-mail address, so it gets no "
                         "reminder; add 'email:' to '{3}' in the units file and import it",
                         who, digest.overdue.size(), digest.due_soon.size(), digest.unit.key));
      return;
    }
    for (const auto& key : digest.copies_without_address) {
      tell(Kind::warning, text::Message("{0}: '{1}' should get a copy but has no e-mail address; add "
                                        "'email:' to it in the units file",
                                        who, key));
    }
    if (digest.escalation_without_parent) {
      tell(Kind::warning, text::Message("{0}: tasks are more than {1} days late but the unit has no parent "
                                        "to copy; add 'parent:' to it in the units file",
                                        who, *rules_.escalate_after));
    }
  }

  // Whether a reminder recorded 'sending' counts as sent (report::InFlight): one this
  // run took, or whose claimant still runs. A dry run counts those a real run would
  // deliver again first, as this run reports them.
  bool in_flight(const model::Reminder& reminder) const {
    if (handled_.contains(reminder.id)) return true;
    return reminder.claimant && notify::is_running(*reminder.claimant, here_);
  }

  // The reminders a stopped run left unconfirmed (of request.unit alone, when given)
  // are delivered again, each as it was kept, before anything new is planned: they are
  // owed, and what they listed then counts as sent today.
  void resolve() {
    const std::optional<std::string> unit =
        request_.unit.empty() ? std::nullopt : std::optional<std::string>(request_.unit);
    for (const auto& reminder : stores_.ledger.sending_reminders(unit)) {
      if (in_flight(reminder)) continue;
      if (!reminder.message) {
        forget(reminder);
      } else if (auto result = resend(reminder)) {
        outcome_.reminders.push_back(std::move(*result));
      }
    }
  }

  // Neither delivered nor running nor kept (a run of a version before the messages
  // were kept stopped while delivering it): nothing to deliver again, so its record
  // goes and its tasks are planned anew, under a new Message-ID.
  void forget(const model::Reminder& reminder) {
    if (request_.dry_run) return;
    const bool removed = stores_.ledger.drop_reminder(reminder.id, [&](const model::Reminder& now) {
      return !now.message && !in_flight(now);
    });
    if (!removed) return;
    tell(Kind::warning,
         text::Message("the reminder of {0} to {1} ({2}), Message-ID <{3}>, was being sent when an earlier "
                       "inspectrack stopped, and no copy of it was kept: its record is removed and its "
                       "tasks are reminded of again in a new message",
                       reminder.day.iso(), text::single_line(unit_name(reminder.unit)), reminder.unit,
                       reminder.message_id));
  }

  std::string unit_name(const std::string& key) const {
    for (const auto& u : units_) {
      if (u.key == key) return u.name;
    }
    return key;
  }

  // A dry run's message: shown, not sent.
  void preview(const std::string& rendered) const {
    if (observer_.preview) observer_.preview(notify::mbox_entry(rendered, request_.sender.address, asctime_));
  }

  // After a failure of the way out nothing more is tried: the next run sends it.
  bool left_for_next_run(report::ReminderResult& result) {
    if (!stopped_) return false;
    result.result = Result::failed;
    result.detail = "not tried after an earlier failure";
    ++outcome_.not_tried;
    return true;
  }

  // An unconfirmed reminder delivered again, byte for byte; nullopt when another run
  // took it over first.
  std::optional<report::ReminderResult> resend(const model::Reminder& reminder) {
    report::ReminderResult result = result_of(reminder, unit_name(reminder.unit));
    if (request_.dry_run) {
      handled_.insert(reminder.id);
      result.result = Result::resend;
      preview(*reminder.message);
      return result;
    }
    // Still unconfirmed, and untouched.
    if (left_for_next_run(result)) return result;
    // Under the write lock: of several runs at once, only one takes it over.
    notify::Transport& transport = *request_.transport;
    const auto taken = stores_.ledger.take_over_reminder(
        reminder.id, here_, std::string(transport.kind()), transport.target(),
        [&](const model::Reminder& now) { return now.message && !in_flight(now); });
    if (!taken) return std::nullopt;
    handled_.insert(reminder.id);
    const notify::Delivery delivery = transport.deliver({*taken->message, request_.sender.address, asctime_});
    if (delivery.outcome == notify::Delivery::Outcome::delivered) {
      stores_.ledger.reminder_sent(reminder.id, request_.now);
      result.result = Result::resent;
      return result;
    }
    stores_.ledger.reminder_failed(reminder.id);
    failed(result.name, reminder.unit, delivery, result);
    return result;
  }

  std::vector<report::Digest> plan() {
    storage::TaskFilter filter;
    if (!request_.unit.empty()) filter.unit = request_.unit;
    std::vector<model::Task> tasks = stores_.reads.overdue(request_.as_of, filter);
    for (auto& t : stores_.reads.due_between(request_.as_of, *window_end_, filter)) tasks.push_back(std::move(t));
    std::vector<report::UndatedTask> undated;
    model::Date earliest = request_.as_of;
    if (rules_.undated_after > 0) {
      for (auto& u : stores_.ledger.undated_open(filter.unit))
        undated.push_back({std::move(u.task), u.since});
      // The reminders of the week before: an undated task one of them listed waits.
      earliest = request_.as_of.plus_days(1 - report::kUndatedEveryDays);
    }
    return report::plan_reminders(tasks, undated, units_, stores_.ledger.reminders(earliest), request_.as_of,
                                  rules_, calendars_,
                                  [this](const model::Reminder& r) { return in_flight(r); });
  }

  // The message of a digest to send, rendered; nullopt (and the result failed) when
  // the unit's addresses in the database are not addresses.
  std::optional<std::string> compose(const report::Digest& digest, notify::Message& message,
                                     report::ReminderResult& result) {
    message.from = request_.sender;
    address(digest, message);
    message.subject = notify::digest_subject(digest, request_.lang);
    message.date = date_;
    message.message_id = new_message_id(request_.sender.address, now_);
    message.body = notify::digest_body(digest, words_);
    try {
      return notify::render_message(message);
    } catch (const std::invalid_argument& e) {
      // Import checks every address; one written into the database by other means
      // stops this unit's reminder, never the others'.
      outcome_.invalid = true;
      result.result = Result::failed;
      result.detail = e.what();
      tell(Kind::error, text::Message("no reminder to {0} ({1}): {2}; correct its e-mail addresses in the "
                                      "units file and import it",
                                      text::single_line(digest.unit.name), digest.unit.key,
                                      std::string(e.what())));
      return std::nullopt;
    }
  }

  report::ReminderResult handle(const report::Digest& digest) {
    report::ReminderResult result = result_of(digest);
    switch (digest.decision) {
      case Decision::no_address: result.result = Result::no_address; return result;
      case Decision::already_sent: result.result = Result::already_sent; return result;
      case Decision::later_day:
        result.result = Result::later_day;
        result.detail = digest.later_day ? digest.later_day->iso() : std::string();
        return result;
      case Decision::send: break;
    }
    notify::Message message;
    const auto rendered = compose(digest, message, result);
    if (!rendered) return result;
    result.to = addresses(message.to);
    result.cc = addresses(message.cc);
    result.message_id = message.message_id;
    if (request_.dry_run) {
      result.result = Result::dry_run;
      preview(*rendered);
      return result;
    }
    if (left_for_next_run(result)) {  // the way out itself failed
      result.message_id.clear();
      return result;
    }
    deliver(digest, message, *rendered, result);
    return result;
  }

  model::Reminder record_of(const report::Digest& digest, const notify::Message& message,
                            const std::string& rendered, const report::ReminderResult& result) const {
    model::Reminder record;
    record.unit = digest.unit.key;
    record.day = request_.as_of;
    record.sent_at = request_.now;
    record.transport = std::string(request_.transport->kind());
    record.target = request_.transport->target();
    record.message_id = message.message_id;
    record.to = result.to;
    record.cc = result.cc;
    record.actor = request_.actor;
    record.tasks = report::reminded_tasks(digest, rules_);
    record.claimant = here_;
    record.message = rendered;
    return record;
  }

  // Claims the reminder under the write lock (another run may have sent it since the
  // plan was made), with the message kept in the claim, delivers it, and records the
  // outcome.
  void deliver(const report::Digest& digest, const notify::Message& message, const std::string& rendered,
               report::ReminderResult& result) {
    const auto claimed = stores_.ledger.claim_reminder(
        record_of(digest, message, rendered, result), [&](const std::vector<model::Reminder>& earlier) {
          return report::decide(digest, earlier, request_.as_of, rules_.force,
                                [this](const model::Reminder& r) { return in_flight(r); }) == Decision::send;
        });
    if (!claimed) {
      result.result = Result::already_sent;
      result.message_id.clear();
      return;
    }
    handled_.insert(*claimed);
    const notify::Delivery delivery = request_.transport->deliver({rendered, request_.sender.address, asctime_});
    if (delivery.outcome == notify::Delivery::Outcome::delivered) {
      stores_.ledger.reminder_sent(*claimed, request_.now);
      result.result = Result::sent;
      return;
    }
    // Kept, unconfirmed: the next run delivers this message again.
    stores_.ledger.reminder_failed(*claimed);
    failed(digest.unit.name, digest.unit.key, delivery, result);
  }

  // A delivery failed: the result, the exit status, and what the user is told.
  void failed(const std::string& name, const std::string& key, const notify::Delivery& delivery,
              report::ReminderResult& result) {
    result.result = Result::failed;
    result.detail = delivery.detail;
    const bool later = delivery.outcome == notify::Delivery::Outcome::temporary;
    (later ? outcome_.temporary : outcome_.permanent) = true;
    const notify::Transport& transport = *request_.transport;
    stopped_ = stops_the_run(transport, delivery);
    auto next = later ? text::Message("it is sent by the next run")
                      : text::Message("fix it and run remind again; what was delivered is not sent twice");
    tell(Kind::error, text::Message("the reminder to {0} ({1}) was not delivered by {2} '{3}': {4}; {5}", name,
                                    key, std::string(transport.kind()), transport.target(), delivery.detail,
                                    std::move(next)));
  }

  const RemindStores& stores_;
  const calendar::CalendarRegistry& calendars_;
  const RemindRequest& request_;
  const RemindObserver& observer_;
  const report::ReminderRules rules_;
  std::time_t now_ = 0;
  std::string date_, asctime_;  // of the messages and of their mbox "From " lines

  std::vector<model::Unit> units_;
  std::optional<model::Date> window_end_;  // the last day "due soon" reaches, any calendar
  std::map<std::string, model::Inspection, std::less<>> inspections_;  // by key, for the bodies
  notify::DigestContext words_;
  model::Claimant here_;            // this process, as the claimant it records
  std::set<std::int64_t> handled_;  // reminders this run took, claimed or reported

  RemindResult outcome_;
  bool stopped_ = false;  // a failure of the way out: the rest is not tried
};

}  // namespace

ExitCode RemindResult::exit_code() const {
  if (permanent) return ExitCode::cant_create;
  if (temporary) return ExitCode::temp_fail;
  if (invalid) return ExitCode::data_error;
  return ExitCode::ok;
}

RemindResult remind(const RemindStores& stores, const calendar::CalendarRegistry& calendars,
                    const RemindRequest& request, const RemindObserver& observer) {
  return RemindRun(stores, calendars, request, observer).run();
}

}  // namespace inspectrack::app
