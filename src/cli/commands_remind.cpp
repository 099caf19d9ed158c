// `remind`: the options checked, the store opened, app::remind run, and what it
// says shown: its notices on stderr as they come, a dry run's messages on stdout (an
// mbox), the report of the run.

#include <chrono>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "commands.hpp"
#include "inspectrack/app/remind.hpp"
#include "inspectrack/calendar/recurrence.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/notify/message.hpp"
#include "inspectrack/notify/transport.hpp"
#include "inspectrack/render/views.hpp"
#include "inspectrack/text/gate.hpp"
#include "inspectrack/text/message.hpp"

namespace inspectrack::cli {
namespace {


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
    throw UsageError(text::Message("{0} '{1}' is not a sender; write an address such as vanphong@example.vn, "
                                   "or \"Văn phòng UBND huyện <vanphong@example.vn>\"",
                                   option, written));
  }
  return box;
}

std::unique_ptr<notify::Transport> make_transport(const RemindOptions& options) {
  if (!options.mbox.empty()) return notify::mbox_transport(options.mbox);
  if (!options.maildir.empty()) return notify::maildir_transport(options.maildir);
  if (!options.sendmail.empty()) {
    return notify::sendmail_transport(options.sendmail, std::chrono::seconds(options.sendmail_timeout));
  }
  return nullptr;
}

void say(const Context& ctx, const app::RemindNotice& notice) {
  ctx.err << "inspectrack: ";
  if (notice.kind == app::RemindNotice::Kind::warning)
    ctx.err << text::translate(ctx.lang, text::Message("warning")) << ": ";
  if (notice.kind == app::RemindNotice::Kind::error)
    ctx.err << text::translate(ctx.lang, text::Message("error")) << ": ";
  ctx.err << text::translate(ctx.lang, notice.message) << "\n";
}

app::RemindRequest request_of(const Context& ctx, const RemindOptions& options, notify::Mailbox sender) {
  app::RemindRequest request;
  request.as_of = ctx.as_of;
  request.now = ctx.now;
  request.actor = recorded_actor(ctx);
  request.lang = ctx.lang;
  request.rules.within = options.within;
  request.rules.undated_after = options.undated_after;
  request.rules.working_days = options.report.days == render::DaysCount::working;
  request.rules.cc_report_to = options.cc_report_to;
  request.rules.escalate_after = options.escalate_after;
  request.rules.force = options.force;
  request.unit = options.unit;
  request.office_calendar = default_calendar(ctx);
  request.sender = std::move(sender);
  request.dry_run = options.dry_run;
  return request;
}

// A dry run is a report: it may record recurring tasks that have come due, nothing
// else. A real run records what it sends, so it opens the database for writing,
// and never creates one: a cron line with a mistyped --db must fail (66), not
// report that nobody owes anything.
int run_remind(const Context& ctx, const RemindOptions& options, app::RemindRequest request) {
  std::unique_ptr<storage::Store> store;
  calendar::CalendarRegistry calendars;
  if (options.dry_run) {
    auto opened = open_for_report(ctx, ctx.as_of.plus_days(calendar::kOccurrenceHorizonDays));
    store = std::move(opened.store);
    calendars = std::move(opened.calendars);
  } else {
    store = open_store(ctx, storage::OpenMode::update);
    calendars = load_calendars(ctx, store.get());
  }
  const auto transport = make_transport(options);
  request.transport = transport.get();
  const bool show_messages = options.report.format == render::Format::table;
  app::RemindObserver observer;
  observer.notice = [&ctx](const app::RemindNotice& notice) { say(ctx, notice); };
  observer.preview = [&ctx, show_messages](const std::string& entry) {
    if (show_messages) ctx.out << entry;
  };
  const app::RemindResult result = app::remind(app::RemindStores(*store), calendars, request, observer);
  if (result.day_off) return static_cast<int>(ExitCode::ok);
  const render::Dataset report = render::reminders_dataset(result.reminders, ctx.lang);
  if (!options.dry_run || !show_messages) {
    emit(ctx, report, options.report);
  } else if (result.reminders.empty()) {
    // stdout holds the messages, an mbox: the sentence goes to stderr.
    ctx.err << "inspectrack: " << report.empty_message << "\n";
  }
  return static_cast<int>(result.exit_code());
}

}  // namespace

int cmd_remind(const Context& ctx, const RemindOptions& options) {
  const int targets = static_cast<int>(!options.mbox.empty()) + static_cast<int>(!options.maildir.empty()) +
                      static_cast<int>(!options.sendmail.empty());
  if (targets > 1) {
    throw UsageError(text::Message("give only one of --mbox, --maildir and --sendmail"));
  }
  if (targets == 0 && !options.dry_run) {
    throw UsageError(
        text::Message("remind needs to know where the messages go: --mbox FILE, --maildir DIR or --sendmail "
                      "\"/usr/sbin/sendmail -t -i\" (or --dry-run to print them)"));
  }
  if (options.sendmail_timeout <= 0) {
    throw UsageError(
        text::Message("--sendmail-timeout {0}: give a number of seconds greater than 0, such as 60",
                      options.sendmail_timeout));
  }
  if (options.from.empty()) {
    throw UsageError(
        text::Message("remind needs a sender: give --from ADDRESS or set INSPECTRACK_FROM (e.g. \"Văn phòng "
                      "UBND huyện <vanphong@example.vn>\")"));
  }
  const char* from = options.from_environment ? "INSPECTRACK_FROM" : "--from";
  return run_remind(ctx, options, request_of(ctx, options, parse_sender(ctx, from, options.from)));
}

}  // namespace inspectrack::cli
