// `remind`: one digest per assignee unit with overdue tasks or tasks
// due soon, delivered to an mbox, a maildir or a sendmail command, and recorded so that
// a second run the same day sends nothing. The rules are report::plan_reminders, the
// words notify::digest_*, the message notify::render_message, the delivery
// notify::Transport; this file puts them in order and talks to the user.
//
// Delivery is at least once: a reminder is claimed (recorded 'sending', with its
// message and this process as its claimant) before it goes out and confirmed ('sent')
// after. A run killed or failed in between leaves it unconfirmed, and the next run
// delivers the kept message again, Message-ID and all, before it plans anything.

#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <set>

#include <fmt/format.h>

#include "commands.hpp"
#include "inspectrack/calendar/recurrence.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/notify/claimant.hpp"
#include "inspectrack/notify/digest.hpp"
#include "inspectrack/notify/message.hpp"
#include "inspectrack/notify/transport.hpp"
#include "inspectrack/report/reminders.hpp"
#include "inspectrack/render/views.hpp"
#include "inspectrack/text/gate.hpp"
#include "inspectrack/text/visible.hpp"

namespace inspectrack::cli {
namespace {

using text::tr;
using Decision = report::Digest::Decision;
using Result = report::ReminderResult::Result;

void warn(const Context& ctx, const std::string& message) {
  ctx.err << "inspectrack: " << tr(ctx.lang, "warning", "cảnh báo") << ": " << message << "\n";
}

// --from "Văn phòng UBND huyện <vanphong@example.vn>" or a bare address (or the same
// in $INSPECTRACK_FROM, named `option`): the whole through the text gate as one line,
// then checked the way every header is (one well-formed address).
notify::Mailbox parse_sender(const Context& ctx, const char* option, const std::string& written) {
  notify::Mailbox box;
  const std::string s = admit_option(ctx.lang, option, written, text::Shape::one_line);
  const auto open = s.rfind('<');
  if (open != std::string::npos && !s.empty() && s.back() == '>') {
    box.address = s.substr(open + 1, s.size() - open - 2);
    std::string name = s.substr(0, open);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
    box.name = name;
  } else {
    box.address = s;
  }
  try {
    (void)notify::format_mailbox(box);
  } catch (const std::invalid_argument&) {
    throw UsageError(fmt::format(
        fmt::runtime(tr(ctx.lang,
                        "{} '{}' is not a sender; write an address such as "
                        "vanphong@example.vn, or \"Văn phòng UBND huyện <vanphong@example.vn>\"",
                        "{} '{}' không phải là địa chỉ người gửi; hãy viết một địa chỉ như "
                        "vanphong@example.vn, hoặc \"Văn phòng UBND huyện <vanphong@example.vn>\"")),
        option, written));
  }
  return box;
}

// The send time, from the clock the context recorded (INSPECTRACK_NOW in tests).
std::time_t send_time(const Context& ctx) {
  std::tm tm{};
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (std::sscanf(ctx.now.c_str(), "%d-%d-%dT%d:%d:%dZ", &year, &month, &day, &hour, &minute, &second) == 6) {
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    return timegm(&tm);
  }
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
  r.to = digest.unit.emails;
  for (const auto& c : digest.copies) r.cc.insert(r.cc.end(), c.unit.emails.begin(), c.unit.emails.end());
  return r;
}

// What the user is told on stderr about one digest besides its row in the report.
void warn_about(const Context& ctx, const report::Digest& digest, const report::ReminderRules& rules) {
  const std::string who = fmt::format("{} ({})", digest.unit.name, digest.unit.key);
  if (digest.decision == Decision::no_address) {
    warn(ctx, fmt::format(
                  fmt::runtime(tr(ctx.lang,
                                  "{} has {} overdue and {} due soon but no e-mail address, so it "
                                  "gets no reminder; add 'email:' to '{}' in the units file and "
                                  "import it",
                                  "{} có {} nhiệm vụ quá hạn và {} sắp đến hạn nhưng không có địa "
                                  "chỉ thư điện tử, nên không nhận được thư nhắc; hãy thêm 'email:' "
                                  "cho '{}' trong tệp đơn vị rồi nhập lại")),
                  who, digest.overdue.size(), digest.due_soon.size(), digest.unit.key));
    return;
  }
  for (const auto& key : digest.copies_without_address) {
    warn(ctx, fmt::format(fmt::runtime(tr(ctx.lang,
                                          "{}: '{}' should get a copy but has no e-mail address; "
                                          "add 'email:' to it in the units file",
                                          "{}: '{}' cần nhận bản sao nhưng không có địa chỉ thư "
                                          "điện tử; hãy thêm 'email:' cho đơn vị này trong tệp "
                                          "đơn vị")),
                          who, key));
  }
  if (digest.escalation_without_parent) {
    warn(ctx, fmt::format(fmt::runtime(tr(ctx.lang,
                                          "{}: tasks are more than {} days late but the unit has "
                                          "no parent to copy; add 'parent:' to it in the units file",
                                          "{}: có nhiệm vụ quá hạn trên {} ngày nhưng đơn vị không "
                                          "có đơn vị cấp trên để gửi bản sao; hãy thêm 'parent:' "
                                          "trong tệp đơn vị")),
                          who, *rules.escalate_after));
  }
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

std::unique_ptr<notify::Transport> make_transport(const RemindOptions& options) {
  if (!options.mbox.empty()) return notify::mbox_transport(options.mbox);
  if (!options.maildir.empty()) return notify::maildir_transport(options.maildir);
  if (!options.sendmail.empty()) {
    return notify::sendmail_transport(options.sendmail, std::chrono::seconds(options.sendmail_timeout));
  }
  return nullptr;
}

// One run of remind: its settings, the open store, and what happened so far.
class RemindRun {
 public:
  RemindRun(const Context& ctx, const RemindOptions& options, notify::Mailbox sender)
      : ctx_(ctx), options_(options), sender_(std::move(sender)) {
    rules_.within = options.within;
    rules_.working_days = options.report.days == render::DaysCount::working;
    rules_.cc_report_to = options.cc_report_to;
    rules_.escalate_after = options.escalate_after;
    rules_.force = options.force;
    const std::time_t now = send_time(ctx);
    std::tm local{};
    localtime_r(&now, &local);
    now_ = now;
    date_ = notify::rfc5322_date(local, local.tm_gmtoff);
    asctime_ = notify::asctime_date(local);
  }

  int run() {
    open();
    if (day_off()) return static_cast<int>(ExitCode::ok);
    here_ = notify::this_process();
    transport_ = make_transport(options_);
    units_ = store_->units();
    resolve();
    for (auto& i : store_->inspections()) inspections_.emplace(i.key, std::move(i));
    words_ = {ctx_.lang, ctx_.as_of, rules_, &inspections_, &calendars_};
    for (const auto& digest : plan()) {
      warn_about(ctx_, digest, rules_);
      results_.push_back(handle(digest));
    }
    return finish();
  }

 private:
  // A dry run is a report: it may record recurring tasks that have come due, nothing
  // else. A real run records what it sends, so it opens the database for writing,
  // and never creates one: a cron line with a mistyped --db must fail (66), not
  // report that nobody owes anything.
  void open() {
    if (options_.dry_run) {
      auto opened = open_for_report(ctx_, ctx_.as_of.plus_days(calendar::kOccurrenceHorizonDays));
      store_ = std::move(opened.store);
      calendars_ = std::move(opened.calendars);
    } else {
      store_ = open_store(ctx_, storage::OpenMode::update);
      calendars_ = load_calendars(ctx_, store_.get());
    }
    // Before anything is written: a mistyped --unit changes nothing.
    if (!options_.unit.empty() && !store_->unit(options_.unit)) {
      throw UsageError(fmt::format(
          fmt::runtime(tr(ctx_.lang, "--unit '{}': no such key", "--unit '{}': không có khóa này")),
          options_.unit));
    }
    window_end_ = report::widest_window_end(ctx_.as_of, rules_.within, calendars_);
    if (!options_.dry_run) {
      storage::OccurrenceOptions occurrences{
          std::max(*window_end_, ctx_.as_of.plus_days(calendar::kOccurrenceHorizonDays)), &calendars_,
          recorded_actor(ctx_), ctx_.now};
      if (store_->occurrences_pending(occurrences)) store_->make_occurrences(occurrences);
    }
  }

  // cron runs on weekdays; public holidays and Tết are the calendar's to know.
  bool day_off() const {
    const calendar::WorkCalendar* office = calendars_.find(default_calendar(ctx_));
    if (office == nullptr || office->is_working_day(ctx_.as_of) || options_.force) return false;
    const auto special = office->special_day(ctx_.as_of);
    ctx_.err << "inspectrack: "
             << fmt::format(fmt::runtime(tr(ctx_.lang,
                                            "{} is not a working day in calendar '{}'{}: no "
                                            "reminders are sent on days off; the next working "
                                            "day's run includes everything (--force sends anyway)",
                                            "{} không phải là ngày làm việc theo lịch '{}'{}: không "
                                            "gửi thư nhắc vào ngày nghỉ; lần chạy vào ngày làm "
                                            "việc tiếp theo sẽ nhắc đủ mọi việc (--force để vẫn "
                                            "gửi)")),
                            ctx_.lang == text::Lang::vi ? ctx_.as_of.vn() : ctx_.as_of.iso(),
                            office->key(), special ? " (" + special->name + ")" : std::string())
             << "\n";
    return true;
  }

  // Whether a reminder recorded 'sending' counts as sent (report::InFlight): one this
  // run took, or whose claimant still runs. A dry run counts those a real run would
  // deliver again first, as this run reports them.
  bool in_flight(const model::Reminder& reminder) const {
    if (handled_.contains(reminder.id)) return true;
    return reminder.claimant && notify::is_running(*reminder.claimant, here_);
  }

  // The reminders a stopped run left unconfirmed (of --unit's unit alone, when given)
  // are delivered again, each as it was kept, before anything new is planned: they are
  // owed, and what they listed then counts as sent today.
  void resolve() {
    const std::optional<std::string> unit =
        options_.unit.empty() ? std::nullopt : std::optional<std::string>(options_.unit);
    for (const auto& reminder : store_->sending_reminders(unit)) {
      if (in_flight(reminder)) continue;
      if (!reminder.message) {
        forget(reminder);
      } else if (auto result = resend(reminder)) {
        results_.push_back(std::move(*result));
      }
    }
  }

  // Neither delivered nor running nor kept (a run of a version before the messages
  // were kept stopped while delivering it): nothing to deliver again, so its record
  // goes and its tasks are planned anew, under a new Message-ID.
  void forget(const model::Reminder& reminder) {
    if (options_.dry_run) return;
    const bool removed = store_->drop_reminder(reminder.id, [&](const model::Reminder& now) {
      return !now.message && !in_flight(now);
    });
    if (!removed) return;
    warn(ctx_, fmt::format(
                   fmt::runtime(tr(ctx_.lang,
                                   "the reminder of {} to {} ({}), Message-ID <{}>, was being sent "
                                   "when an earlier inspectrack stopped, and no copy of it was "
                                   "kept: its record is removed and its tasks are reminded of "
                                   "again in a new message",
                                   "thư nhắc ngày {} gửi {} ({}), Message-ID <{}>, đang được gửi thì "
                                   "phiên bản inspectrack trước đó dừng lại, và không giữ bản sao "
                                   "của thư: bản ghi của nó được xóa và các nhiệm vụ trong thư sẽ "
                                   "được nhắc lại trong một thư mới")),
                   reminder.day.iso(), text::single_line(unit_name(reminder.unit)), reminder.unit,
                   reminder.message_id));
  }

  std::string unit_name(const std::string& key) const {
    for (const auto& u : units_) {
      if (u.key == key) return u.name;
    }
    return key;
  }

  // An unconfirmed reminder delivered again, byte for byte; nullopt when another run
  // took it over first.
  std::optional<report::ReminderResult> resend(const model::Reminder& reminder) {
    report::ReminderResult result;
    result.unit = reminder.unit;
    result.name = unit_name(reminder.unit);
    for (const auto& t : reminder.tasks) {
      ++(t.overdue ? result.overdue : result.due_soon);
      result.tasks.push_back(t.task_key);
    }
    result.to = reminder.to;
    result.cc = reminder.cc;
    result.message_id = reminder.message_id;
    result.detail = reminder.day.iso();

    if (options_.dry_run) {
      handled_.insert(reminder.id);
      result.result = Result::resend;
      if (options_.report.format == render::Format::table) {
        ctx_.out << notify::mbox_entry(*reminder.message, sender_.address, asctime_);
      }
      return result;
    }
    if (stopped_) {
      // Still unconfirmed, and untouched: the next run delivers it.
      result.result = Result::failed;
      result.detail = "not tried after an earlier failure";
      ++not_tried_;
      return result;
    }
    // Under the write lock: of several runs at once, only one takes it over.
    const auto taken = store_->take_over_reminder(
        reminder.id, here_, std::string(transport_->kind()), transport_->target(),
        [&](const model::Reminder& now) { return now.message && !in_flight(now); });
    if (!taken) return std::nullopt;
    handled_.insert(reminder.id);
    const notify::Delivery delivery = transport_->deliver({*taken->message, sender_.address, asctime_});
    if (delivery.outcome == notify::Delivery::Outcome::delivered) {
      store_->reminder_sent(reminder.id, ctx_.now);
      result.result = Result::resent;
      return result;
    }
    store_->reminder_failed(reminder.id);
    failed(result.name, reminder.unit, delivery, result);
    return result;
  }

  std::vector<report::Digest> plan() {
    storage::TaskFilter filter;
    if (!options_.unit.empty()) filter.unit = options_.unit;
    std::vector<model::Task> tasks = store_->overdue(ctx_.as_of, filter);
    for (auto& t : store_->due_between(ctx_.as_of, *window_end_, filter)) tasks.push_back(std::move(t));
    return report::plan_reminders(tasks, units_, store_->reminders(ctx_.as_of), ctx_.as_of, rules_,
                                  calendars_, [this](const model::Reminder& r) { return in_flight(r); });
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
    message.from = sender_;
    address(digest, message);
    message.subject = notify::digest_subject(digest, ctx_.lang);
    message.date = date_;
    message.message_id = new_message_id(sender_.address, now_);
    message.body = notify::digest_body(digest, words_);
    std::string rendered;
    try {
      rendered = notify::render_message(message);
    } catch (const std::invalid_argument& e) {
      // Import checks every address; one written into the database by other means
      // stops this unit's reminder, never the others'.
      invalid_ = true;
      result.result = Result::failed;
      result.detail = e.what();
      ctx_.err << "inspectrack: " << tr(ctx_.lang, "error", "lỗi") << ": "
               << fmt::format(fmt::runtime(tr(ctx_.lang,
                                              "no reminder to {} ({}): {}; correct its e-mail "
                                              "addresses in the units file and import it",
                                              "không gửi được thư nhắc cho {} ({}): {}; hãy sửa "
                                              "địa chỉ thư điện tử trong tệp đơn vị rồi nhập lại")),
                              text::single_line(digest.unit.name), digest.unit.key, e.what())
               << "\n";
      return result;
    }
    result.to = addresses(message.to);
    result.cc = addresses(message.cc);
    result.message_id = message.message_id;

    if (options_.dry_run) {
      result.result = Result::dry_run;
      if (options_.report.format == render::Format::table) {
        ctx_.out << notify::mbox_entry(rendered, sender_.address, asctime_);
      }
      return result;
    }
    if (stopped_) {  // the way out itself failed: the next run sends these
      result.result = Result::failed;
      result.detail = "not tried after an earlier failure";
      result.message_id.clear();
      ++not_tried_;
      return result;
    }
    deliver(digest, message, rendered, result);
    return result;
  }

  // Claims the reminder under the write lock (another run may have sent it since the
  // plan was made), with the message kept in the claim, delivers it, and records the
  // outcome.
  void deliver(const report::Digest& digest, const notify::Message& message, const std::string& rendered,
               report::ReminderResult& result) {
    model::Reminder record;
    record.unit = digest.unit.key;
    record.day = ctx_.as_of;
    record.sent_at = ctx_.now;
    record.transport = std::string(transport_->kind());
    record.target = transport_->target();
    record.message_id = message.message_id;
    record.to = result.to;
    record.cc = result.cc;
    record.actor = recorded_actor(ctx_);
    record.tasks = report::reminded_tasks(digest, rules_);
    record.claimant = here_;
    record.message = rendered;
    const auto claimed = store_->claim_reminder(record, [&](const std::vector<model::Reminder>& earlier) {
      return report::decide(digest, earlier, ctx_.as_of, rules_.force,
                            [this](const model::Reminder& r) { return in_flight(r); }) == Decision::send;
    });
    if (!claimed) {
      result.result = Result::already_sent;
      result.message_id.clear();
      return;
    }
    handled_.insert(*claimed);
    const notify::Delivery delivery = transport_->deliver({rendered, sender_.address, asctime_});
    if (delivery.outcome == notify::Delivery::Outcome::delivered) {
      store_->reminder_sent(*claimed, ctx_.now);
      result.result = Result::sent;
      return;
    }
    // Kept, unconfirmed: the next run delivers this message again.
    store_->reminder_failed(*claimed);
    failed(digest.unit.name, digest.unit.key, delivery, result);
  }

  // A delivery failed: the result, the exit status, and what the user is told.
  void failed(const std::string& name, const std::string& key, const notify::Delivery& delivery,
              report::ReminderResult& result) {
    result.result = Result::failed;
    result.detail = delivery.detail;
    const bool later = delivery.outcome == notify::Delivery::Outcome::temporary;
    (later ? temporary_ : permanent_) = true;
    stopped_ = stops_the_run(*transport_, delivery);
    ctx_.err << "inspectrack: " << tr(ctx_.lang, "error", "lỗi") << ": "
             << fmt::format(fmt::runtime(tr(ctx_.lang,
                                            "the reminder to {} ({}) was not delivered by {} "
                                            "'{}': {}; {}",
                                            "thư nhắc gửi {} ({}) chưa được chuyển qua {} '{}': "
                                            "{}; {}")),
                            name, key, transport_->kind(), transport_->target(), delivery.detail,
                            later ? tr(ctx_.lang, "it is sent by the next run", "lần chạy sau sẽ gửi lại")
                                  : tr(ctx_.lang,
                                       "fix it and run remind again; what was delivered is not "
                                       "sent twice",
                                       "hãy sửa lỗi rồi chạy lại remind; thư đã gửi sẽ không bị "
                                       "gửi lại"))
             << "\n";
  }

  int finish() {
    if (not_tried_ > 0) {
      ctx_.err << "inspectrack: "
               << fmt::format(fmt::runtime(tr(ctx_.lang,
                                              "{} more reminders were not tried after that "
                                              "failure; the next run sends them",
                                              "{} thư nhắc khác chưa được gửi sau lỗi trên; lần "
                                              "chạy sau sẽ gửi")),
                              not_tried_)
               << "\n";
    }
    const render::Dataset report = render::reminders_dataset(results_, ctx_.lang);
    if (!options_.dry_run || options_.report.format != render::Format::table) {
      emit(ctx_, report, options_.report);
    } else if (results_.empty()) {
      // stdout holds the messages, an mbox: the sentence goes to stderr.
      ctx_.err << "inspectrack: " << report.empty_message << "\n";
    }
    if (permanent_) return static_cast<int>(ExitCode::cant_create);
    if (temporary_) return static_cast<int>(ExitCode::temp_fail);
    if (invalid_) return static_cast<int>(ExitCode::data_error);
    return static_cast<int>(ExitCode::ok);
  }

  const Context& ctx_;
  const RemindOptions& options_;
  const notify::Mailbox sender_;
  report::ReminderRules rules_;
  std::time_t now_ = 0;
  std::string date_, asctime_;  // of the messages and of their mbox "From " lines

  std::unique_ptr<storage::Store> store_;
  std::vector<model::Unit> units_;
  calendar::CalendarRegistry calendars_;
  std::optional<model::Date> window_end_;  // the last day "due soon" reaches, any calendar
  std::map<std::string, model::Inspection, std::less<>> inspections_;  // by key, for the bodies
  notify::DigestContext words_;
  std::unique_ptr<notify::Transport> transport_;  // none in a dry run
  model::Claimant here_;                          // this process, as the claimant it records
  std::set<std::int64_t> handled_;                // reminders this run took, claimed or reports

  std::vector<report::ReminderResult> results_;
  bool temporary_ = false, permanent_ = false;
  bool invalid_ = false;  // a unit's addresses in the database are not addresses
  bool stopped_ = false;  // a failure of the way out: the rest is not tried
  int not_tried_ = 0;
};

}  // namespace

int cmd_remind(const Context& ctx, const RemindOptions& options) {
  const int targets = static_cast<int>(!options.mbox.empty()) + static_cast<int>(!options.maildir.empty()) +
                      static_cast<int>(!options.sendmail.empty());
  if (targets > 1) {
    throw UsageError(tr(ctx.lang, "give only one of --mbox, --maildir and --sendmail",
                        "chỉ dùng một trong --mbox, --maildir và --sendmail"));
  }
  if (targets == 0 && !options.dry_run) {
    throw UsageError(tr(ctx.lang,
                        "remind needs to know where the messages go: --mbox FILE, --maildir DIR or "
                        "--sendmail \"/usr/sbin/sendmail -t -i\" (or --dry-run to print them)",
                        "remind cần biết gửi thư đi đâu: --mbox TỆP, --maildir THƯ-MỤC hoặc "
                        "--sendmail \"/usr/sbin/sendmail -t -i\" (hoặc --dry-run để in thư ra)"));
  }
  if (options.sendmail_timeout <= 0) {
    throw UsageError(fmt::format(
        fmt::runtime(tr(ctx.lang,
                        "--sendmail-timeout {}: give a number of seconds greater than 0, such as 60",
                        "--sendmail-timeout {}: hãy cho một số giây lớn hơn 0, ví dụ 60")),
        options.sendmail_timeout));
  }
  if (options.from.empty()) {
    throw UsageError(tr(ctx.lang,
                        "remind needs a sender: give --from ADDRESS or set INSPECTRACK_FROM (e.g. "
                        "\"Văn phòng UBND huyện <vanphong@example.vn>\")",
                        "remind cần địa chỉ người gửi: hãy cho --from ĐỊA-CHỈ hoặc đặt biến "
                        "INSPECTRACK_FROM (ví dụ \"Văn phòng UBND huyện <vanphong@example.vn>\")"));
  }
  const char* from = options.from_environment ? "INSPECTRACK_FROM" : "--from";
  return RemindRun(ctx, options, parse_sender(ctx, from, options.from)).run();
}

}  // namespace inspectrack::cli
