#include "command_table.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <map>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.hpp"

namespace inspectrack::cli {
namespace {

using Kind = model::TaskChange::Kind;

const std::map<std::string, render::Format, std::less<>> kFormats = {{"table", render::Format::table},
                                                                    {"csv", render::Format::csv},
                                                                    {"json", render::Format::json},
                                                                    {"markdown", render::Format::markdown}};

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

void add_max_file_size(CLI::App& cmd, GlobalOptions& global) {
  cmd.add_option("--max-file-size", global.max_file_size, "Refuse files larger than this many bytes (at most 1 GiB)")
      ->check(kByteCount);
}

// --format and the others `reports` names, each setting `report` while parsing; a
// report that fits a sheet (`workbook`) can also be written as one, and to a file.
void bind_report(CLI::App& cmd, ReportOptions& report, Reports reports, bool workbook) {
  report.name = cmd.get_name();
  if (reports == Reports::table_or_json) {
    choice_option(cmd, "--format", report.format, kFormats, "Output format: table or json",
                  CLI::IsMember({"table", "json"}));
    return;
  }
  if (workbook) {
    cmd.add_option_function<std::string>(
           "--format",
           [&report](const std::string& word) {
             report.workbook = word == "xlsx";
             if (!report.workbook) report.format = kFormats.find(word)->second;
           },
           "Output format: table, csv, json, markdown or xlsx (an Excel workbook: needs --output)")
        ->check(CLI::IsMember({"csv", "json", "markdown", "table", "xlsx"}));
    cmd.add_option(
        "--output", report.output,
        "Write the report to this new file instead of standard output (never over an existing one)");
  } else {
    choice_option(cmd, "--format", report.format, kFormats, "Output format: table, csv, json or markdown");
  }
  cmd.add_flag("--bom", report.bom, "Start CSV with a UTF-8 byte order mark (for Excel)");
  cmd.add_option_function<std::string>(
         "--sep", [&report](const std::string& word) { report.separator = word.front(); },
         "CSV's field separator: , (default) or ; (for Excel set to a language that writes 0,5: "
         "decimals then have a comma)")
      ->check(CLI::IsMember({",", ";"}));
  if (reports == Reports::lateness) {
    choice_option(cmd, "--days", report.days, kDays,
                  "Days late in the table: working (default) or calendar (JSON and CSV have both)");
  }
}

// The report options of a command's options struct, of the kind `R`: its entry binds
// them; `Workbook`: the report fits a sheet (--format xlsx, --output).
template <Reports R, bool Workbook = true>
struct WithReport {
  ReportOptions report;
  static constexpr Reports kReports = R;
  static constexpr bool kWorkbook = Workbook;
};

// A command's options struct made, its own options bound by `Add`, then its report
// options when it has any; `Handle` runs it with them.
template <typename Options, void (*Add)(CLI::App&, Options&, GlobalOptions&),
          int (*Handle)(const Context&, const Options&)>
Handler bind(CLI::App& cmd, GlobalOptions& global) {
  static_assert(requires(Options o) { o.report; } == requires { Options::kReports; },
                "a command's report options and its kReports come together");
  auto options = std::make_shared<Options>();
  Add(cmd, *options, global);
  if constexpr (requires { options->report; }) {
    constexpr bool kWorkbook = [] {
      if constexpr (requires { Options::kWorkbook; }) return Options::kWorkbook;
      return false;
    }();
    bind_report(cmd, options->report, Options::kReports, kWorkbook);
    return [options](const Context& ctx) {
      return run_report(ctx, options->report, [&](const Context& c) { return Handle(c, *options); });
    };
  } else {
    return [options](const Context& ctx) { return Handle(ctx, *options); };
  }
}

void add_filter_options(CLI::App& cmd, FilterOptions& filter, bool tasks) {
  cmd.add_option("--unit", filter.unit, "Only this unit (key): the assignee, or the finding's unit");
  cmd.add_option("--inspection", filter.inspection, "Only this inspection (key)");
  cmd.add_option("--area", filter.area, "Only this area code (or an area under it: tthc matches tthc.cong-khai)");
  if (tasks) {
    cmd.add_option("--status", filter.status, "Only tasks with this status")
        ->check(CLI::IsMember({"open", "done", "verified", "cancelled"}));
  }
}

void add_report_to(CLI::App& cmd, FilterOptions& filter) {
  cmd.add_option("--report-to", filter.report_to, "Only tasks reported to this unit (key)");
}

// --- template, validate, import ------------------------------------------------

struct TemplateOptions {
  std::string kind;
};
void add_template(CLI::App& cmd, TemplateOptions& o, GlobalOptions&) {
  cmd.add_option("kind", o.kind, "inspection, units, progress or calendar (the shipped Vietnamese calendar, to start a local one from)")
      ->required()
      ->check(CLI::IsMember({"inspection", "units", "progress", "calendar"}));
}
int handle_template(const Context& ctx, const TemplateOptions& o) { return cmd_template(ctx, o.kind); }

struct ValidateOptions {
  std::vector<std::string> files;
};
void add_validate(CLI::App& cmd, ValidateOptions& o, GlobalOptions& global) {
  cmd.add_option("files", o.files, "YAML files")->required();
  add_max_file_size(cmd, global);
}
int handle_validate(const Context& ctx, const ValidateOptions& o) { return cmd_validate(ctx, o.files); }

void add_import(CLI::App& cmd, ImportOptions& o, GlobalOptions& global) {
  cmd.add_option("files", o.files, "YAML files")->required();
  cmd.add_flag("--dry-run", o.dry_run, "Show what would change; write nothing");
  cmd.add_flag("--prune", o.prune,
               "Remove findings and tasks no longer in a re-imported file (never a task with progress)");
  cmd.add_option("--by", global.by, "Who is importing (recorded in the history; else $USER)");
  add_max_file_size(cmd, global);
}

// --- list, show, overdue, due, summary, log, check ------------------------------

// A report on tasks: which, and how it is written.
struct TaskReport : WithReport<Reports::lateness> {
  FilterOptions filter;
};

// overdue and due take the task filters but --status (theirs are open).
void add_open_task_filters(CLI::App& cmd, FilterOptions& filter) {
  add_filter_options(cmd, filter, false);
  add_report_to(cmd, filter);
}

struct ListOptions : TaskReport {
  std::string what;
};
void add_list(CLI::App& cmd, ListOptions& o, GlobalOptions&) {
  cmd.add_option("what", o.what, "tasks, findings, inspections or units")
      ->required()
      ->check(CLI::IsMember({"tasks", "findings", "inspections", "units"}));
  add_filter_options(cmd, o.filter, true);
  add_report_to(cmd, o.filter);
}
int handle_list(const Context& ctx, const ListOptions& o) { return cmd_list(ctx, o.what, o.filter, o.report); }

// A record and its history: two tables, not one sheet.
struct ShowOptions : WithReport<Reports::lateness, false> {
  std::string id;
};
void add_show(CLI::App& cmd, ShowOptions& o, GlobalOptions&) {
  cmd.add_option("id", o.id,
                 "Task id or INSPECTION/TASK@ASSIGNEE (or a unique prefix), INSPECTION/FINDING, "
                 "inspection key or unit key")
      ->required();
}
int handle_show(const Context& ctx, const ShowOptions& o) { return cmd_show(ctx, o.id, o.report); }

struct OverdueOptions : TaskReport {
  bool exit_code = false;
  bool quiet = false;
};
void add_overdue(CLI::App& cmd, OverdueOptions& o, GlobalOptions&) {
  add_open_task_filters(cmd, o.filter);
  cmd.add_flag("--exit-code", o.exit_code, "Exit 1 when any task is overdue");
  cmd.add_flag("-q,--quiet", o.quiet,
               "Print nothing, exit 1 when any task is overdue (implies --exit-code; stops at the first)");
}
int handle_overdue(const Context& ctx, const OverdueOptions& o) {
  return cmd_overdue(ctx, o.filter, o.report, o.exit_code, o.quiet);
}

struct DueOptions : TaskReport {
  int within = 0;
};
void add_due(CLI::App& cmd, DueOptions& o, GlobalOptions&) {
  cmd.add_option("--within", o.within, "Number of days ahead (0 = today only)")
      ->required()
      ->check(CLI::Range(0, 3650));
  add_open_task_filters(cmd, o.filter);
}
int handle_due(const Context& ctx, const DueOptions& o) { return cmd_due(ctx, o.within, o.filter, o.report); }

struct SummaryOptions : WithReport<Reports::plain> {
  report::GroupBy by = report::GroupBy::unit;
  FilterOptions filter;
};
void add_summary(CLI::App& cmd, SummaryOptions& o, GlobalOptions&) {
  choice_option(cmd, "--by", o.by, kGroups, "Group by unit, inspection or area")->required();
  cmd.add_option("--inspection", o.filter.inspection, "Only this inspection (key)");
}
int handle_summary(const Context& ctx, const SummaryOptions& o) {
  return cmd_summary(ctx, o.by, o.filter, o.report);
}

struct LogOptions : WithReport<Reports::plain> {
  std::string id;
};
void add_log(CLI::App& cmd, LogOptions& o, GlobalOptions&) {
  cmd.add_option("id", o.id, "Task id or INSPECTION/TASK@UNIT (else all)");
}
int handle_log(const Context& ctx, const LogOptions& o) { return cmd_log(ctx, o.id, o.report); }

using CheckOptions = WithReport<Reports::plain>;
void add_check(CLI::App&, CheckOptions&, GlobalOptions&) {}
int handle_check(const Context& ctx, const CheckOptions& o) { return cmd_check(ctx, o.report); }

struct BackupOptions {
  std::string path;
};
void add_backup(CLI::App& cmd, BackupOptions& o, GlobalOptions&) {
  cmd.add_option("file", o.path, "The new file (an existing one is never overwritten)")->required();
}
int handle_backup(const Context& ctx, const BackupOptions& o) { return cmd_backup(ctx, o.path); }

// --- calendar, workdays, deadline ------------------------------------------------

struct CalendarOptions : WithReport<Reports::plain> {
  int year = 0;
};
void add_calendar(CLI::App& cmd, CalendarOptions& o, GlobalOptions&) {
  cmd.add_option("year", o.year, "The year (default: the year of --as-of)")->check(CLI::Range(1, 9999));
}
int handle_calendar(const Context& ctx, const CalendarOptions& o) {
  return cmd_calendar(ctx, o.year > 0 ? std::optional<int>(o.year) : std::nullopt, o.report);
}

struct WorkdaysOptions : WithReport<Reports::table_or_json, false> {
  std::string from, to;
};
void add_workdays(CLI::App& cmd, WorkdaysOptions& o, GlobalOptions&) {
  cmd.add_option("from", o.from, "First day (2021-02-01 or 1/2/2021)")->required();
  cmd.add_option("to", o.to, "Last day")->required();
}
int handle_workdays(const Context& ctx, const WorkdaysOptions& o) {
  return cmd_workdays(ctx, o.from, o.to, o.report);
}

struct DeadlineOptions : WithReport<Reports::table_or_json, false> {
  std::string from, period;
};
void add_deadline(CLI::App& cmd, DeadlineOptions& o, GlobalOptions&) {
  cmd.add_option("from", o.from, "The day the period runs from (not counted)")->required();
  cmd.add_option("period", o.period, "\"N days\" or \"N working days\" (\"N ngày\", \"N ngày làm việc\")")
      ->required();
}
int handle_deadline(const Context& ctx, const DeadlineOptions& o) {
  return cmd_deadline(ctx, o.from, o.period, o.report);
}

// --- done, extend, cancel, reopen, verify, note ----------------------------------

// The task ID and --by of every change, then the change's own options (`Own`).
template <Kind K, void (*Own)(CLI::App&, ChangeOptions&)>
void add_change(CLI::App& cmd, ChangeOptions& o, GlobalOptions& global) {
  o.kind = K;
  cmd.add_option("id", o.id, "Task id, or INSPECTION/TASK@UNIT (a unique prefix is enough)")->required();
  cmd.add_option("--by", global.by, "Who makes the change (recorded in the history; else $USER)");
  Own(cmd, o);
}
template <Kind K, void (*Own)(CLI::App&, ChangeOptions&)>
constexpr auto kBindChange = bind<ChangeOptions, add_change<K, Own>, cmd_change>;

void add_reason(CLI::App& cmd, ChangeOptions& o) { cmd.add_option("--reason", o.text, "Why")->required(); }
void add_done(CLI::App& cmd, ChangeOptions& o) {
  cmd.add_option("--on", o.on, "The day it was done (default: the as-of day)");
  cmd.add_option("--evidence", o.text, "What shows it, e.g. \"Báo cáo số 45/BC-UBND ngày 21/7/2021\"");
}
void add_extend(CLI::App& cmd, ChangeOptions& o) {
  cmd.add_option("--to", o.to, "The new last allowed day")->required();
  add_reason(cmd, o);
  cmd.add_option("--approved-by", o.approved_by, "Who approved the extension");
}
void add_verify(CLI::App& cmd, ChangeOptions& o) {
  cmd.add_option("--on", o.on, "The day it was checked (default: the as-of day)");
  cmd.add_option("--note", o.text, "What was found");
}
void add_note(CLI::App& cmd, ChangeOptions& o) { cmd.add_option("text", o.text, "The note")->required(); }

// --- remind ------------------------------------------------------------------------

void add_remind_delivery(CLI::App& cmd, RemindOptions& o) {
  cmd.add_option("--mbox", o.mbox, "Append the messages to this mbox file");
  cmd.add_option("--maildir", o.maildir, "Deliver the messages into this maildir");
  cmd.add_option("--sendmail", o.sendmail, "Pipe each message to this command, e.g. \"/usr/sbin/sendmail -t -i\"");
  cmd.add_option("--sendmail-timeout", o.sendmail_timeout,
                 "Seconds the sendmail command may take for a message, then it is killed "
                 "and the run exits 75 (default 60)");
  cmd.add_flag("--dry-run", o.dry_run, "Print the messages (an mbox) instead of sending them; record nothing");
  cmd.add_option("--from", o.from, "Sender: an address, or \"Name <address>\" (else $INSPECTRACK_FROM)");
}
void add_remind(CLI::App& cmd, RemindOptions& o, GlobalOptions& global) {
  add_remind_delivery(cmd, o);
  cmd.add_option("--within", o.within, "Also remind of tasks due within this many working days (default 3)")
      ->check(CLI::Range(0, 365));
  cmd.add_flag("--cc-report-to", o.cc_report_to, "Copy each message to the units its tasks report to");
  cmd.add_option("--escalate-after", o.escalate_after,
                 "Copy the unit's parent when a task is more than N days late (as --days counts)")
      ->check(CLI::Range(0, 3650));
  cmd.add_flag("--force", o.force, "Send even if today's reminder was sent, or on a day off");
  cmd.add_option("--unit", o.unit, "Only this unit (key)");
  cmd.add_option("--by", global.by, "Who sends (recorded with the reminders; else $USER)");
}
int handle_remind(const Context& ctx, const RemindOptions& o) {
  if (!o.from.empty() || !ctx.sender) return cmd_remind(ctx, o);
  RemindOptions from_environment = o;
  from_environment.from = *ctx.sender;
  from_environment.from_environment = true;
  return cmd_remind(ctx, from_environment);
}

const std::array kCommands = {
    Command{"template", "Print a commented starter file", bind<TemplateOptions, add_template, handle_template>},
    Command{"validate", "Check files; write nothing", bind<ValidateOptions, add_validate, handle_validate>},
    Command{"import", "Import inspection, units, calendar and progress files (all or nothing)",
            bind<ImportOptions, add_import, cmd_import>},
    Command{"list", "List tasks, findings, inspections or units", bind<ListOptions, add_list, handle_list>},
    Command{"show", "Show one task, finding, inspection or unit in full, with its history",
            bind<ShowOptions, add_show, handle_show>},
    Command{"overdue", "Open tasks past their deadline, grouped by unit",
            bind<OverdueOptions, add_overdue, handle_overdue>},
    Command{"due", "Open tasks whose deadline falls in the next N days", bind<DueOptions, add_due, handle_due>},
    Command{"summary", "Counts per unit, inspection or area", bind<SummaryOptions, add_summary, handle_summary>},
    Command{"calendar", "List a year's days off and swapped working days (weekends not listed)",
            bind<CalendarOptions, add_calendar, handle_calendar>},
    Command{"workdays", "Count the working days from one date to another, both included",
            bind<WorkdaysOptions, add_workdays, handle_workdays>},
    Command{"deadline",
            "The last allowed day of a period: \"10 working days\" from a date (Civil Code art. 147-148)",
            bind<DeadlineOptions, add_deadline, handle_deadline>},
    Command{"done", "Mark a task done", kBindChange<Kind::done, add_done>},
    Command{"extend", "Grant a task a later deadline", kBindChange<Kind::extend, add_extend>},
    Command{"cancel", "Cancel a task that is no longer owed", kBindChange<Kind::cancel, add_reason>},
    Command{"reopen", "Open a done, verified or cancelled task again", kBindChange<Kind::reopen, add_reason>},
    Command{"verify", "Record that the inspection team checked a done task", kBindChange<Kind::verify, add_verify>},
    Command{"note", "Add a note to a task's history", kBindChange<Kind::note, add_note>},
    Command{"log", "The history: every change, oldest first (of one task with ID)", bind<LogOptions, add_log, handle_log>},
    Command{"remind", "Mail each unit one digest of its overdue tasks and tasks due soon (for cron)",
            bind<RemindOptions, add_remind, handle_remind>},
    Command{"check", "Check the database: SQLite's integrity and references, and the tool's own rules",
            bind<CheckOptions, add_check, handle_check>},
    Command{"backup", "Copy the database to FILE while others may use it (SQLite's online backup)",
            bind<BackupOptions, add_backup, handle_backup>},
};

}  // namespace

std::span<const Command> commands() { return kCommands; }

}  // namespace inspectrack::cli
