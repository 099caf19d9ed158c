#include "inspectrack/cli/run.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <iostream>
#include <map>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.hpp"
#include "context.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/text/suggest.hpp"
#include "inspectrack/version.hpp"
#include "visible_stream.hpp"

namespace inspectrack::cli {
namespace {

const std::map<std::string, render::Format, std::less<>> kFormats = {{"table", render::Format::table},
                                                        {"csv", render::Format::csv},
                                                        {"json", render::Format::json},
                                                        {"markdown", render::Format::markdown}};

// Option words are checked by CLI11 (a typo is a usage error that names the
// choices) and turned into enums right after parsing, so nothing past here sees them.
template <typename E>
CLI::IsMember one_of(const std::map<std::string, E, std::less<>>& words) {
  std::vector<std::string> keys;
  for (const auto& [word, value] : words) keys.push_back(word);
  return CLI::IsMember(keys);
}

const std::map<std::string, ColorMode, std::less<>> kColors = {
    {"auto", ColorMode::automatic}, {"always", ColorMode::always}, {"never", ColorMode::never}};

const std::map<std::string, report::GroupBy, std::less<>> kGroups = {
    {"unit", report::GroupBy::unit},
    {"inspection", report::GroupBy::inspection},
    {"area", report::GroupBy::area}};

const std::map<std::string, render::DaysCount, std::less<>> kDays = {
    {"working", render::DaysCount::working}, {"calendar", render::DaysCount::calendar}};

// --max-file-size: a whole number of bytes from 1 to 1 GiB. Checked here, as written:
// CLI11 reads "-1" into an unsigned type as the largest value, which would lift the
// limit altogether (and an import of /dev/zero would read until memory runs out).
constexpr std::uint64_t kMaxFileSizeCeiling = std::uint64_t{1} << 30;
const CLI::Validator kByteCount(
    [](std::string& word) -> std::string {
      std::uint64_t n = 0;
      const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), n);
      if (word.empty() || ec != std::errc() || end != word.data() + word.size() || n == 0 ||
          n > kMaxFileSizeCeiling) {
        return fmt::format("'{}' is not a number of bytes from 1 to {} (1 GiB)", word, kMaxFileSizeCeiling);
      }
      return {};
    },
    "BYTES");

void add_report_options(CLI::App* cmd, ReportOptions& report, bool lateness = false) {
  cmd->add_option("--format", report.format_word, "Output format: table, csv, json or markdown")
      ->check(one_of(kFormats));
  cmd->add_flag("--bom", report.bom, "Start CSV with a UTF-8 byte order mark (for Excel)");
  if (lateness) {
    cmd->add_option("--days", report.days_word,
                    "Days late in the table: working (default) or calendar (JSON and CSV have both)")
        ->check(one_of(kDays));
  }
}

void add_filter_options(CLI::App* cmd, FilterOptions& filter, bool tasks) {
  cmd->add_option("--unit", filter.unit, "Only this unit (key): the assignee, or the finding's unit");
  cmd->add_option("--inspection", filter.inspection, "Only this inspection (key)");
  cmd->add_option("--area", filter.area, "Only this area code (or an area under it: tthc matches tthc.cong-khai)");
  if (tasks) {
    cmd->add_option("--status", filter.status, "Only tasks with this status")
        ->check(CLI::IsMember({"open", "done", "verified", "cancelled"}));
    cmd->add_option("--report-to", filter.report_to, "Only tasks reported to this unit (key)");
  }
}

// The first word on the command line that is not a global option or its value.
std::optional<std::string> command_word(const std::vector<std::string>& args) {
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--db" || a == "--lang" || a == "--as-of" || a == "--color" || a == "--calendar" ||
        a == "--busy-timeout" || a == "--umask") {
      ++i;
    } else if (a.empty() || a[0] != '-') {
      return a;
    }
  }
  return std::nullopt;
}

// The value of --lang on the command line, read directly so that even a usage
// error can be reported in the chosen language.
std::string lang_argument(const std::vector<std::string>& args) {
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--lang" && i + 1 < args.size()) return args[i + 1];
    if (args[i].starts_with("--lang=")) return args[i].substr(7);
  }
  return {};
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& raw_err) {
  // Every message, whoever writes it, reaches the user through this one filter.
  VisibleStreambuf visible_err(raw_err);
  std::ostream err(&visible_err);
  CLI::App app{"inspectrack: track inspection findings and the remediation tasks that follow them",
               "inspectrack"};
  app.set_version_flag("--version", std::string("inspectrack ") + kVersion);
  app.require_subcommand(1);
  app.fallthrough();

  // Only the command on the command line is built, with its options; every command
  // for help, or when the word is not a command (for the message that names the
  // nearest): building them all costs more than a report on an empty database does.
  static constexpr std::array<std::string_view, 21> kCommands = {
      "template", "validate", "import", "list",   "show",   "overdue", "due",
      "summary",  "calendar", "workdays", "deadline", "done", "extend",  "cancel",
      "reopen",   "verify",   "note",   "log",    "remind", "check",   "backup"};
  const std::optional<std::string> word = command_word(args);
  const auto given = [&](std::string_view flag) {
    return std::find(args.begin() + (args.empty() ? 0 : 1), args.end(), flag) != args.end();
  };
  const bool help = given("-h") || given("--help");
  // `--version` alone needs no command at all.
  const bool none = !word && !help && given("--version");
  const bool every =
      !none && (!word || help || std::find(kCommands.begin(), kCommands.end(), *word) == kCommands.end());
  const auto wanted = [&](std::string_view name) { return every || (word && *word == name); };
  // The command, or nullptr when another one was asked for.
  const auto command = [&](const char* name, const std::string& help) -> CLI::App* {
    return wanted(name) ? app.add_subcommand(name, help) : nullptr;
  };
  const auto parsed = [](const CLI::App* cmd) { return cmd != nullptr && cmd->parsed(); };

  GlobalOptions global;
  app.add_option("--db", global.db, "Database file (else $INSPECTRACK_DB, else $XDG_DATA_HOME/inspectrack/inspectrack.db)");
  app.add_option("--lang", global.lang, "Language of messages and headings: vi or en (else from LC_ALL, LC_MESSAGES, LANG)")
      ->check(CLI::IsMember({"vi", "en"}, CLI::ignore_case));
  app.add_option("--as-of", global.as_of, "The day the report is made for (2021-07-26 or 26/7/2021; default today)");
  app.add_option("--color", global.color_word, "Colour: auto, always or never (auto honours NO_COLOR)")
      ->check(one_of(kColors));
  app.add_option("--calendar", global.calendar,
                 "Working-day calendar (key) for tasks and inspections that name none, and for "
                 "calendar, workdays and deadline (default: vn, the shipped Vietnamese one)");
  app.add_option("--busy-timeout", global.busy_timeout_ms,
                 "Milliseconds to wait for another process's write to the database before "
                 "giving up with exit 75 (default 10000)")
      ->check(CLI::Range(0, 3'600'000));
  app.add_option("--umask", global.umask,
                 "Octal umask for a new database or backup file (default: mode 0600, owner "
                 "only; 027 gives 0640)");

  // template
  std::string template_kind;
  auto* tmpl = command("template", "Print a commented starter file");
  if (wanted("template")) {
    tmpl->add_option("kind", template_kind, "inspection, units, progress or calendar (the shipped Vietnamese calendar, to start a local one from)")
        ->required()
        ->check(CLI::IsMember({"inspection", "units", "progress", "calendar"}));
  }

  // validate
  std::vector<std::string> validate_files;
  auto* validate = command("validate", "Check files; write nothing");
  if (wanted("validate")) {
    validate->add_option("files", validate_files, "YAML files")->required();
    validate->add_option("--max-file-size", global.max_file_size, "Refuse files larger than this many bytes (at most 1 GiB)")
        ->check(kByteCount);
  }

  // import
  ImportOptions import_options;
  auto* import = command("import", "Import inspection, units, calendar and progress files (all or nothing)");
  if (wanted("import")) {
    import->add_option("files", import_options.files, "YAML files")->required();
    import->add_flag("--dry-run", import_options.dry_run, "Show what would change; write nothing");
    import->add_flag("--prune", import_options.prune,
                     "Remove findings and tasks no longer in a re-imported file (never a task with progress)");
    import->add_option("--by", global.by, "Who is importing (recorded in the history; else $USER)");
    import->add_option("--max-file-size", global.max_file_size, "Refuse files larger than this many bytes (at most 1 GiB)")
        ->check(kByteCount);
  }

  // list
  std::string list_what;
  FilterOptions list_filter;
  ReportOptions list_report;
  auto* list = command("list", "List tasks, findings, inspections or units");
  if (wanted("list")) {
    list->add_option("what", list_what, "tasks, findings, inspections or units")
        ->required()
        ->check(CLI::IsMember({"tasks", "findings", "inspections", "units"}));
    add_filter_options(list, list_filter, true);
    add_report_options(list, list_report, true);
  }

  // show
  std::string show_id;
  ReportOptions show_report;
  auto* show = command("show", "Show one task, finding, inspection or unit in full, with its history");
  if (wanted("show")) {
    show->add_option("id", show_id,
                     "Task id or INSPECTION/TASK@ASSIGNEE (or a unique prefix), INSPECTION/FINDING, "
                     "inspection key or unit key")
        ->required();
    add_report_options(show, show_report, true);
  }

  // overdue
  FilterOptions overdue_filter;
  ReportOptions overdue_report;
  bool overdue_exit_code = false;
  bool overdue_quiet = false;
  auto* overdue = command("overdue", "Open tasks past their deadline, grouped by unit");
  if (wanted("overdue")) {
    add_filter_options(overdue, overdue_filter, false);
    overdue->add_option("--report-to", overdue_filter.report_to, "Only tasks reported to this unit (key)");
    overdue->add_flag("--exit-code", overdue_exit_code, "Exit 1 when any task is overdue");
    overdue->add_flag("-q,--quiet", overdue_quiet,
                      "Print nothing, exit 1 when any task is overdue (implies --exit-code; stops at the first)");
    add_report_options(overdue, overdue_report, true);
  }

  // due
  int due_within = 0;
  FilterOptions due_filter;
  ReportOptions due_report;
  auto* due = command("due", "Open tasks whose deadline falls in the next N days");
  if (wanted("due")) {
    due->add_option("--within", due_within, "Number of days ahead (0 = today only)")
        ->required()
        ->check(CLI::Range(0, 3650));
    add_filter_options(due, due_filter, false);
    due->add_option("--report-to", due_filter.report_to, "Only tasks reported to this unit (key)");
    add_report_options(due, due_report, true);
  }

  // summary
  std::string summary_by = "unit";
  FilterOptions summary_filter;
  ReportOptions summary_report;
  auto* summary = command("summary", "Counts per unit, inspection or area");
  if (wanted("summary")) {
    summary->add_option("--by", summary_by, "Group by unit, inspection or area")
        ->required()
        ->check(one_of(kGroups));
    summary->add_option("--inspection", summary_filter.inspection, "Only this inspection (key)");
    add_report_options(summary, summary_report);
  }

  // calendar
  int calendar_year = 0;
  ReportOptions calendar_report;
  auto* calendar_cmd = command(
      "calendar", "List a year's days off and swapped working days (weekends not listed)");
  if (wanted("calendar")) {
    calendar_cmd->add_option("year", calendar_year, "The year (default: the year of --as-of)")
        ->check(CLI::Range(1, 9999));
    add_report_options(calendar_cmd, calendar_report);
  }

  // workdays
  std::string workdays_from, workdays_to;
  ReportOptions workdays_report;
  auto* workdays = command(
      "workdays", "Count the working days from one date to another, both included");
  if (wanted("workdays")) {
    workdays->add_option("from", workdays_from, "First day (2021-02-01 or 1/2/2021)")->required();
    workdays->add_option("to", workdays_to, "Last day")->required();
    workdays->add_option("--format", workdays_report.format_word, "Output format: table or json")
        ->check(CLI::IsMember({"table", "json"}));
  }

  // deadline
  std::string deadline_from, deadline_period;
  ReportOptions deadline_report;
  auto* deadline = command(
      "deadline", "The last allowed day of a period: \"10 working days\" from a date (Civil Code art. 147-148)");
  if (wanted("deadline")) {
    deadline->add_option("from", deadline_from, "The day the period runs from (not counted)")->required();
    deadline->add_option("period", deadline_period,
                         "\"N days\" or \"N working days\" (\"N ngày\", \"N ngày làm việc\")")
        ->required();
    deadline->add_option("--format", deadline_report.format_word, "Output format: table or json")
        ->check(CLI::IsMember({"table", "json"}));
  }

  // done, extend, cancel, reopen, verify, note
  using Kind = model::TaskChange::Kind;
  std::map<Kind, ChangeOptions> changes;
  std::map<Kind, CLI::App*> change_cmds;
  const auto add_change = [&](Kind kind, const char* name, const char* help) {
    ChangeOptions& o = changes[kind];
    o.kind = kind;
    CLI::App* cmd = command(name, help);
    change_cmds[kind] = cmd;
    if (cmd == nullptr) return std::pair<CLI::App*, ChangeOptions*>{nullptr, &o};
    cmd->add_option("id", o.id, "Task id, or INSPECTION/TASK@UNIT (a unique prefix is enough)")->required();
    cmd->add_option("--by", global.by, "Who makes the change (recorded in the history; else $USER)");
    return std::pair<CLI::App*, ChangeOptions*>{cmd, &o};
  };
  {
    auto [cmd, o] = add_change(Kind::done, "done", "Mark a task done");
    if (cmd != nullptr) {
      cmd->add_option("--on", o->on, "The day it was done (default: the as-of day)");
      cmd->add_option("--evidence", o->text, "What shows it, e.g. \"Báo cáo số 45/BC-UBND ngày 21/7/2021\"");
    }
  }
  {
    auto [cmd, o] = add_change(Kind::extend, "extend", "Grant a task a later deadline");
    if (cmd != nullptr) {
      cmd->add_option("--to", o->to, "The new last allowed day")->required();
      cmd->add_option("--reason", o->text, "Why")->required();
      cmd->add_option("--approved-by", o->approved_by, "Who approved the extension");
    }
  }
  {
    auto [cmd, o] = add_change(Kind::cancel, "cancel", "Cancel a task that is no longer owed");
    if (cmd != nullptr) {
      cmd->add_option("--reason", o->text, "Why")->required();
    }
  }
  {
    auto [cmd, o] = add_change(Kind::reopen, "reopen", "Open a done, verified or cancelled task again");
    if (cmd != nullptr) {
      cmd->add_option("--reason", o->text, "Why")->required();
    }
  }
  {
    auto [cmd, o] = add_change(Kind::verify, "verify", "Record that the inspection team checked a done task");
    if (cmd != nullptr) {
      cmd->add_option("--on", o->on, "The day it was checked (default: the as-of day)");
      cmd->add_option("--note", o->text, "What was found");
    }
  }
  {
    auto [cmd, o] = add_change(Kind::note, "note", "Add a note to a task's history");
    if (cmd != nullptr) {
      cmd->add_option("text", o->text, "The note")->required();
    }
  }

  // log
  std::string log_id;
  ReportOptions log_report;
  auto* log = command("log", "The history: every change, oldest first (of one task with ID)");
  if (wanted("log")) {
    log->add_option("id", log_id, "Task id or INSPECTION/TASK@UNIT (else all)");
    add_report_options(log, log_report);
  }

  // remind
  RemindOptions remind_options;
  auto* remind = command(
      "remind", "Mail each unit one digest of its overdue tasks and tasks due soon (for cron)");
  if (wanted("remind")) {
    remind->add_option("--mbox", remind_options.mbox, "Append the messages to this mbox file");
    remind->add_option("--maildir", remind_options.maildir, "Deliver the messages into this maildir");
    remind->add_option("--sendmail", remind_options.sendmail,
                       "Pipe each message to this command, e.g. \"/usr/sbin/sendmail -t -i\"");
    remind->add_option("--sendmail-timeout", remind_options.sendmail_timeout,
                       "Seconds the sendmail command may take for a message, then it is killed "
                       "and the run exits 75 (default 60)");
    remind->add_flag("--dry-run", remind_options.dry_run,
                     "Print the messages (an mbox) instead of sending them; record nothing");
    remind->add_option("--from", remind_options.from,
                       "Sender: an address, or \"Name <address>\" (else $INSPECTRACK_FROM)");
    remind->add_option("--within", remind_options.within,
                       "Also remind of tasks due within this many working days (default 3)")
        ->check(CLI::Range(0, 365));
    remind->add_flag("--cc-report-to", remind_options.cc_report_to,
                     "Copy each message to the units its tasks report to");
    remind->add_option("--escalate-after", remind_options.escalate_after,
                       "Copy the unit's parent when a task is more than N days late (as --days counts)")
        ->check(CLI::Range(0, 3650));
    remind->add_flag("--force", remind_options.force,
                     "Send even if today's reminder was sent, or on a day off");
    remind->add_option("--unit", remind_options.unit, "Only this unit (key)");
    remind->add_option("--by", global.by, "Who sends (recorded with the reminders; else $USER)");
    add_report_options(remind, remind_options.report, true);
  }

  // check, backup
  ReportOptions check_report;
  auto* check = command(
      "check", "Check the database: SQLite's integrity and references, and the tool's own rules");
  if (wanted("check")) add_report_options(check, check_report);
  std::string backup_path;
  auto* backup = command(
      "backup", "Copy the database to FILE while others may use it (SQLite's online backup)");
  if (wanted("backup")) {
    backup->add_option("file", backup_path, "The new file (an existing one is never overwritten)")->required();
  }

  const Environment env = read_environment(&out == &std::cout);
  // The language of error messages, worked out even when the context cannot be built.
  text::Lang lang = text::lang_from_environment(env.lc_all ? env.lc_all->c_str() : nullptr,
                                                env.lc_messages ? env.lc_messages->c_str() : nullptr,
                                                env.lang ? env.lang->c_str() : nullptr);
  if (const auto chosen = text::parse_lang(lang_argument(args))) lang = *chosen;
  const char* error_word = text::tr(lang, "error", "lỗi");

  std::vector<const char*> argv;
  argv.reserve(args.size());
  for (const auto& a : args) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::CallForHelp& e) {
    app.exit(e, out, err);
    return static_cast<int>(ExitCode::ok);
  } catch (const CLI::CallForAllHelp& e) {
    app.exit(e, out, err);
    return static_cast<int>(ExitCode::ok);
  } catch (const CLI::CallForVersion& e) {
    app.exit(e, out, err);
    return static_cast<int>(ExitCode::ok);
  } catch (const CLI::ParseError& e) {
    std::string message = e.what();
    std::vector<std::string> names;
    for (const auto* sub : app.get_subcommands({})) names.push_back(sub->get_name());
    const auto word = command_word(args);
    if (word && std::find(names.begin(), names.end(), *word) == names.end()) {
      message = fmt::format(fmt::runtime(text::tr(lang, "unknown command '{}'", "không có lệnh '{}'")), *word);
      if (const auto near = text::nearest(*word, names)) {
        message += fmt::format(fmt::runtime(text::tr(lang, "; did you mean '{}'?", "; có phải là '{}'?")), *near);
      }
    }
    if (message == "A subcommand is required") message = text::tr(lang, "a command is required", "cần một lệnh");
    // CLI11's own messages are English and capitalized; ours are lowercase.
    if (!message.empty() && message[0] >= 'A' && message[0] <= 'Z') {
      message[0] = static_cast<char>(message[0] - 'A' + 'a');
    }
    err << "inspectrack: " << error_word << ": " << message << "\n"
        << text::tr(lang, "Run 'inspectrack --help' (or 'inspectrack COMMAND --help') for usage.\n",
                    "Xem 'inspectrack --help' (hoặc 'inspectrack LỆNH --help') để biết cách dùng.\n");
    return static_cast<int>(ExitCode::usage);
  }

  try {
    global.color = kColors.find(global.color_word)->second;
    for (ReportOptions* r : {&list_report, &show_report, &overdue_report, &due_report, &summary_report,
                             &calendar_report, &workdays_report, &deadline_report, &log_report,
                             &remind_options.report, &check_report}) {
      r->format = kFormats.find(r->format_word)->second;
      r->days = kDays.find(r->days_word)->second;
    }
    const Context ctx = make_context(global, env, out, err);
    if (parsed(tmpl)) return cmd_template(ctx, template_kind);
    if (parsed(validate)) return cmd_validate(ctx, validate_files);
    if (parsed(import)) return cmd_import(ctx, import_options);
    if (parsed(list)) return cmd_list(ctx, list_what, list_filter, list_report);
    if (parsed(show)) return cmd_show(ctx, show_id, show_report);
    if (parsed(overdue)) return cmd_overdue(ctx, overdue_filter, overdue_report, overdue_exit_code, overdue_quiet);
    if (parsed(due)) return cmd_due(ctx, due_within, due_filter, due_report);
    for (const auto& [kind, cmd] : change_cmds) {
      if (parsed(cmd)) return cmd_change(ctx, changes[kind]);
    }
    if (parsed(log)) return cmd_log(ctx, log_id, log_report);
    if (parsed(check)) return cmd_check(ctx, check_report);
    if (parsed(backup)) return cmd_backup(ctx, backup_path);
    if (parsed(remind)) {
      if (remind_options.from.empty() && env.inspectrack_from) {
        remind_options.from = *env.inspectrack_from;
        remind_options.from_environment = true;
      }
      return cmd_remind(ctx, remind_options);
    }
    if (parsed(calendar_cmd)) {
      return cmd_calendar(ctx, calendar_year > 0 ? std::optional<int>(calendar_year) : std::nullopt,
                          calendar_report);
    }
    if (parsed(workdays)) return cmd_workdays(ctx, workdays_from, workdays_to, workdays_report);
    if (parsed(deadline)) return cmd_deadline(ctx, deadline_from, deadline_period, deadline_report);
    if (parsed(summary)) {
      return cmd_summary(ctx, kGroups.find(summary_by)->second, summary_filter, summary_report);
    }
    err << "inspectrack: " << error_word << ": no command given\n";
    return static_cast<int>(ExitCode::usage);
  } catch (const Error& e) {
    err << "inspectrack: " << error_word << ": " << text::translate(lang, e.message()) << "\n";
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    err << "inspectrack: " << text::tr(lang, "internal error", "lỗi nội bộ") << ": " << e.what() << "\n";
    return static_cast<int>(ExitCode::software);
  }
}

}  // namespace inspectrack::cli
