#include "command_table.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <map>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.hpp"
#include "completion.hpp"
#include "inspectrack/error.hpp"

namespace inspectrack::cli {
namespace {

using Kind = model::TaskChange::Kind;
using text::Message;

const std::map<std::string, render::Format, std::less<>> kFormats = {{"table", render::Format::table},
                                                                    {"csv", render::Format::csv},
                                                                    {"json", render::Format::json},
                                                                    {"markdown", render::Format::markdown}};

const std::map<std::string, report::GroupBy, std::less<>> kGroups = {
    {"unit", report::GroupBy::unit},
    {"inspection", report::GroupBy::inspection},
    {"area", report::GroupBy::area}};

const std::map<std::string, app::Sort, std::less<>> kSorts = {{"unit", app::Sort::unit},
                                                              {"key", app::Sort::key},
                                                              {"deadline", app::Sort::deadline},
                                                              {"days-late", app::Sort::days_late},
                                                              {"inspection", app::Sort::inspection}};

// overdue and due --by: the headings their rows come under.
const std::map<std::string, std::optional<storage::TaskGroup>, std::less<>> kTaskGroups = {
    {"unit", storage::TaskGroup::unit},
    {"inspection", storage::TaskGroup::inspection},
    {"report-to", storage::TaskGroup::report_to}};

const std::map<std::string, render::DaysCount, std::less<>> kDays = {
    {"working", render::DaysCount::working}, {"calendar", render::DaysCount::calendar}};

// --max-file-size: a whole number of bytes from 1 to 1 GiB. Checked here, as written:
// CLI11 reads "-1" into an unsigned type as the largest value, which would lift the
// limit altogether (and an import of /dev/zero would read until memory runs out).
constexpr std::uint64_t kMaxFileSizeCeiling = std::uint64_t{1} << 30;
CLI::Validator byte_count(text::Lang lang) {
  return CLI::Validator(
      [lang](std::string& word) -> std::string {
        std::uint64_t n = 0;
        const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), n);
        if (word.empty() || ec != std::errc() || end != word.data() + word.size() || n == 0 ||
            n > kMaxFileSizeCeiling) {
          return text::translate(lang, Message("'{0}' is not a number of bytes from 1 to {1} (1 GiB)", word,
                                               kMaxFileSizeCeiling));
        }
        return {};
      },
      "");
}

void add_max_file_size(CLI::App& cmd, GlobalOptions& global) {
  cmd.add_option("--max-file-size", global.max_file_size,
                 say(global, Message("Refuse files larger than this many bytes (at most 1 GiB)")))
      ->check(byte_count(global.usage_lang));
}

// --format and the others `reports` names, each setting `report` while parsing; a
// report that fits a sheet (`workbook`) can also be written as one, and to a file.
void bind_report(CLI::App& cmd, ReportOptions& report, Reports reports, bool workbook, const GlobalOptions& g) {
  report.name = cmd.get_name();
  cmd.add_flag("--no-header", report.no_header,
               say(g, Message("Only the rows, for scripts: no title, as-of line, column headings, totals nor count line "
                              "(CSV: no header row)")));
  if (reports == Reports::table_or_json) {
    choice_option(cmd, "--format", report.format, kFormats, say(g, Message("Output format: table or json")),
                  g, one_of(g.usage_lang, {"table", "json"}));
    return;
  }
  if (workbook) {
    cmd.add_option_function<std::string>(
           "--format",
           [&report](const std::string& word) {
             report.workbook = word == "xlsx";
             if (!report.workbook) report.format = kFormats.find(word)->second;
           },
           say(g, Message("Output format: table, csv, json, markdown or xlsx (an Excel workbook: needs --output)")))
        ->check(one_of(g.usage_lang, {"csv", "json", "markdown", "table", "xlsx"}));
    cmd.add_option(
        "--output", report.output,
        say(g, Message("Write the report to this new file instead of standard output (never over an existing one)")));
  } else {
    choice_option(cmd, "--format", report.format, kFormats,
                  say(g, Message("Output format: table, csv, json or markdown")), g);
  }
  cmd.add_flag("--bom", report.bom, say(g, Message("Start CSV with a UTF-8 byte order mark (for Excel)")));
  cmd.add_option_function<std::string>(
         "--sep", [&report](const std::string& word) { report.separator = word.front(); },
         say(g, Message("CSV's field separator: , (default) or ; (for Excel set to a language that writes 0,5: "
                        "decimals then have a comma)")))
      ->check(one_of(g.usage_lang, {",", ";"}));
  if (reports == Reports::lateness) {
    choice_option(
        cmd, "--days", report.days, kDays,
        say(g, Message("Days late in the table: working (default) or calendar (JSON and CSV have both)")), g);
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
    bind_report(cmd, options->report, Options::kReports, kWorkbook, global);
    return [options](const Context& ctx) {
      return run_report(ctx, options->report, [&](const Context& c) { return Handle(c, *options); });
    };
  } else {
    return [options](const Context& ctx) { return Handle(ctx, *options); };
  }
}

// A positional argument's name as --help and usage errors show it.
std::string argument(const GlobalOptions& g, const Message& name) { return say(g, name); }

void add_filter_options(CLI::App& cmd, FilterOptions& filter, bool tasks, const GlobalOptions& g) {
  cmd.add_option("--unit", filter.unit,
                 say(g, Message("Only this unit (key): the assignee, or the finding's unit")));
  cmd.add_option("--inspection", filter.inspection, say(g, Message("Only this inspection (key)")));
  cmd.add_option("--area", filter.area,
                 say(g, Message("Only this area code (or an area under it: tthc matches tthc.cong-khai)")));
  if (tasks) {
    cmd.add_option("--status", filter.status, say(g, Message("Only tasks with this status")))
        ->check(one_of(g.usage_lang, {"open", "done", "verified", "cancelled"}));
  }
}

// The date ranges: of the deadline in force, of the inspection's conclusion, its year.
void add_date_filters(CLI::App& cmd, FilterOptions& filter, const GlobalOptions& g) {
  cmd.add_option("--deadline-from", filter.deadline_from,
                 say(g, Message("Only tasks whose deadline in force is this day or later (26/7/2021 or "
                                "2021-07-26); never a task with no deadline")));
  cmd.add_option("--deadline-to", filter.deadline_to,
                 say(g, Message("Only tasks whose deadline in force is this day or earlier")));
  cmd.add_option("--concluded-from", filter.concluded_from,
                 say(g, Message("Only inspections whose conclusion is dated this day or later; never one "
                                "with no conclusion date")));
  cmd.add_option("--concluded-to", filter.concluded_to,
                 say(g, Message("Only inspections whose conclusion is dated this day or earlier")));
  cmd.add_option("--year", filter.year,
                 say(g, Message("Only the inspections of this year: concluded in it, or with no conclusion "
                                "date, visited from a day of it")))
      ->check(number_from(g.usage_lang, 1900, 2100));
}

// --report-to and --sort: options of the commands that list tasks.
void add_task_options(CLI::App& cmd, FilterOptions& filter, const GlobalOptions& g) {
  cmd.add_option("--report-to", filter.report_to, say(g, Message("Only tasks reported to this unit (key)")));
  choice_option(cmd, "--sort", filter.sort, kSorts,
                say(g, Message("Order of the tasks (default: by the unit's name, in the language's alphabetical order)")),
                g);
}

// --- template, validate, import ------------------------------------------------

struct TemplateOptions {
  std::string kind;
};
void add_template(CLI::App& cmd, TemplateOptions& o, GlobalOptions& g) {
  cmd.add_option(argument(g, Message::with_context("an argument's name", "kind")), o.kind,
                 say(g, Message("inspection, units, progress, office or calendar (the shipped Vietnamese "
                                "calendar, to start a local one from)")))
      ->required()
      ->check(one_of(g.usage_lang, {"inspection", "units", "progress", "office", "calendar"}));
}
int handle_template(const Context& ctx, const TemplateOptions& o) { return cmd_template(ctx, o.kind); }

struct ValidateOptions {
  std::vector<std::string> files;
};
void add_validate(CLI::App& cmd, ValidateOptions& o, GlobalOptions& global) {
  cmd.add_option(argument(global, Message::with_context("an argument's name", "files")), o.files,
                 say(global, Message("YAML files")))
      ->required();
  add_max_file_size(cmd, global);
}
int handle_validate(const Context& ctx, const ValidateOptions& o) { return cmd_validate(ctx, o.files); }

void add_import(CLI::App& cmd, ImportOptions& o, GlobalOptions& global) {
  cmd.add_option(argument(global, Message::with_context("an argument's name", "files")), o.files,
                 say(global, Message("YAML files")))
      ->required();
  cmd.add_flag("--dry-run", o.dry_run, say(global, Message("Show what would change; write nothing")));
  cmd.add_flag("--prune", o.prune,
               say(global, Message("Remove findings and tasks no longer in a re-imported file (never a task "
                                   "with progress)")));
  cmd.add_option("--by", global.by,
                 say(global, Message("Who is importing (recorded in the history; else $USER)")));
  add_max_file_size(cmd, global);
}

// --- list, show, overdue, due, summary, log, check ------------------------------

// A report on tasks: which, and how it is written.
struct TaskReport : WithReport<Reports::lateness> {
  FilterOptions filter;
};

// overdue and due take the task filters but --status (theirs are open), and --by.
struct OpenTaskReport : TaskReport {
  std::optional<storage::TaskGroup> by;  // nullopt: the report's own grouping
};
void add_open_task_filters(CLI::App& cmd, OpenTaskReport& o, const GlobalOptions& g, const Message& by_help) {
  add_filter_options(cmd, o.filter, false, g);
  add_task_options(cmd, o.filter, g);
  add_date_filters(cmd, o.filter, g);
  choice_option(cmd, "--by", o.by, kTaskGroups, say(g, by_help), g);
}

struct ListOptions : TaskReport {
  std::string what;
};
void add_list(CLI::App& cmd, ListOptions& o, GlobalOptions& g) {
  cmd.add_option(argument(g, Message::with_context("an argument's name", "what")), o.what,
                 say(g, Message("tasks, findings, inspections or units")))
      ->required()
      ->check(one_of(g.usage_lang, {"tasks", "findings", "inspections", "units"}));
  add_filter_options(cmd, o.filter, true, g);
  add_task_options(cmd, o.filter, g);
  add_date_filters(cmd, o.filter, g);
}
int handle_list(const Context& ctx, const ListOptions& o) { return cmd_list(ctx, o.what, o.filter, o.report); }

// A record and its history: two tables, not one sheet.
struct ShowOptions : WithReport<Reports::lateness, false> {
  std::string id;
};
void add_show(CLI::App& cmd, ShowOptions& o, GlobalOptions& g) {
  cmd.add_option(
         argument(g, Message::with_context("an argument's name", "id")), o.id,
         say(g, Message("Task id or INSPECTION/TASK@ASSIGNEE (or a unique prefix), INSPECTION/FINDING, "
                        "inspection key or unit key")))
      ->required();
}
int handle_show(const Context& ctx, const ShowOptions& o) { return cmd_show(ctx, o.id, o.report); }

struct OverdueOptions : OpenTaskReport {
  bool exit_code = false;
  bool quiet = false;
};
void add_overdue(CLI::App& cmd, OverdueOptions& o, GlobalOptions& g) {
  add_open_task_filters(
      cmd, o, g,
      Message("Group the tasks by \"unit\" (the default, when sorted by unit or key), \"inspection\" or "
              "\"report-to\" (the unit each reports to); --sort orders them within each group"));
  cmd.add_flag("--exit-code", o.exit_code, say(g, Message("Exit 1 when any task is overdue")));
  cmd.add_flag("-q,--quiet", o.quiet,
               say(g, Message("Print nothing, exit 1 when any task is overdue (implies --exit-code; stops at "
                              "the first)")));
}
int handle_overdue(const Context& ctx, const OverdueOptions& o) {
  return cmd_overdue(ctx, o.filter, o.by, o.report, o.exit_code, o.quiet);
}

struct DueOptions : OpenTaskReport {
  int within = 5;  // a working week: what falls due before the same day next week
};
void add_due(CLI::App& cmd, DueOptions& o, GlobalOptions& g) {
  cmd.add_option("--within", o.within,
                 say(g, Message("Number of working days ahead, as remind counts them (default 5, a working "
                                "week; 0 = today only)")))
      ->check(number_from(g.usage_lang, 0, 3650));
  add_open_task_filters(
      cmd, o, g,
      Message("Group the tasks by \"unit\", \"inspection\" or \"report-to\" (the unit each reports to); "
              "--sort orders them within each group (default: no groups)"));
}
int handle_due(const Context& ctx, const DueOptions& o) {
  return cmd_due(ctx, o.within, o.filter, o.by, o.report);
}

struct SummaryOptions : WithReport<Reports::plain> {
  report::GroupBy by = report::GroupBy::unit;
  FilterOptions filter;
};
void add_summary(CLI::App& cmd, SummaryOptions& o, GlobalOptions& g) {
  choice_option(cmd, "--by", o.by, kGroups, say(g, Message("Group by unit (default), inspection or area")),
                g);
  cmd.add_option("--inspection", o.filter.inspection, say(g, Message("Only this inspection (key)")));
  add_date_filters(cmd, o.filter, g);
}
int handle_summary(const Context& ctx, const SummaryOptions& o) {
  return cmd_summary(ctx, o.by, o.filter, o.report);
}

struct LogOptions : WithReport<Reports::plain> {
  std::string id;
};
void add_log(CLI::App& cmd, LogOptions& o, GlobalOptions& g) {
  cmd.add_option(argument(g, Message::with_context("an argument's name", "id")), o.id,
                 say(g, Message("Task id or INSPECTION/TASK@UNIT (else all)")));
}
int handle_log(const Context& ctx, const LogOptions& o) { return cmd_log(ctx, o.id, o.report); }

using CheckOptions = WithReport<Reports::plain>;
void add_check(CLI::App&, CheckOptions&, GlobalOptions&) {}
int handle_check(const Context& ctx, const CheckOptions& o) { return cmd_check(ctx, o.report); }

struct BackupOptions {
  std::string path;
};
void add_backup(CLI::App& cmd, BackupOptions& o, GlobalOptions& g) {
  cmd.add_option(argument(g, Message::with_context("an argument's name", "file")), o.path,
                 say(g, Message("The new file (an existing one is never overwritten)")))
      ->required();
}
int handle_backup(const Context& ctx, const BackupOptions& o) { return cmd_backup(ctx, o.path); }

// --- calendar, workdays, deadline ------------------------------------------------

struct CalendarOptions : WithReport<Reports::plain> {
  int year = 0;
};
void add_calendar(CLI::App& cmd, CalendarOptions& o, GlobalOptions& g) {
  cmd.add_option(argument(g, Message::with_context("an argument's name", "year")), o.year,
                 say(g, Message("The year (default: the year of --as-of)")))
      ->check(number_from(g.usage_lang, 1, 9999));
}
int handle_calendar(const Context& ctx, const CalendarOptions& o) {
  return cmd_calendar(ctx, o.year > 0 ? std::optional<int>(o.year) : std::nullopt, o.report);
}

struct WorkdaysOptions : WithReport<Reports::table_or_json, false> {
  std::string from, to;
};
void add_workdays(CLI::App& cmd, WorkdaysOptions& o, GlobalOptions& g) {
  cmd.add_option(argument(g, Message::with_context("an argument's name", "from")), o.from,
                 say(g, Message("First day (2021-02-01 or 1/2/2021)")))
      ->required();
  cmd.add_option(argument(g, Message::with_context("an argument's name", "to")), o.to,
                 say(g, Message("Last day")))
      ->required();
}
int handle_workdays(const Context& ctx, const WorkdaysOptions& o) {
  return cmd_workdays(ctx, o.from, o.to, o.report);
}

struct DeadlineOptions : WithReport<Reports::table_or_json, false> {
  std::string from, period;
};
void add_deadline(CLI::App& cmd, DeadlineOptions& o, GlobalOptions& g) {
  cmd.add_option(argument(g, Message::with_context("an argument's name", "from")), o.from,
                 say(g, Message("The day the period runs from (not counted)")))
      ->required();
  cmd.add_option(argument(g, Message::with_context("an argument's name", "period")), o.period,
                 say(g, Message("\"N days\" or \"N working days\" (\"N ngày\", \"N ngày làm việc\")")))
      ->required();
}
int handle_deadline(const Context& ctx, const DeadlineOptions& o) {
  return cmd_deadline(ctx, o.from, o.period, o.report);
}

// --- done, extend, cancel, reopen, verify, note ----------------------------------

// The task ID and --by of every change, then the change's own options (`Own`).
template <Kind K, void (*Own)(CLI::App&, ChangeOptions&, const GlobalOptions&)>
void add_change(CLI::App& cmd, ChangeOptions& o, GlobalOptions& global) {
  o.kind = K;
  cmd.add_option(argument(global, Message::with_context("an argument's name", "id")), o.id,
                 say(global, Message("Task id, or INSPECTION/TASK@UNIT (a unique prefix is enough)")))
      ->required();
  cmd.add_option("--by", global.by,
                 say(global, Message("Who makes the change (recorded in the history; else $USER)")));
  Own(cmd, o, global);
}
template <Kind K, void (*Own)(CLI::App&, ChangeOptions&, const GlobalOptions&)>
constexpr auto kBindChange = bind<ChangeOptions, add_change<K, Own>, cmd_change>;

void add_reason(CLI::App& cmd, ChangeOptions& o, const GlobalOptions& g) {
  cmd.add_option("--reason", o.text, say(g, Message("Why")))->required();
}
void add_done(CLI::App& cmd, ChangeOptions& o, const GlobalOptions& g) {
  cmd.add_option("--on", o.on, say(g, Message("The day it was done (default: the as-of day)")));
  cmd.add_option("--evidence", o.text,
                 say(g, Message("What shows it, e.g. \"Báo cáo số 45/BC-UBND ngày 21/7/2021\"")));
}
void add_extend(CLI::App& cmd, ChangeOptions& o, const GlobalOptions& g) {
  cmd.add_option("--to", o.to, say(g, Message("The new last allowed day")))->required();
  add_reason(cmd, o, g);
  cmd.add_option("--approved-by", o.approved_by, say(g, Message("Who approved the extension")));
}
void add_verify(CLI::App& cmd, ChangeOptions& o, const GlobalOptions& g) {
  cmd.add_option("--on", o.on, say(g, Message("The day it was checked (default: the as-of day)")));
  cmd.add_option("--note", o.text, say(g, Message("What was found")));
}
void add_note(CLI::App& cmd, ChangeOptions& o, const GlobalOptions& g) {
  cmd.add_option(argument(g, Message::with_context("an argument's name", "text")), o.text,
                 say(g, Message("The note")))
      ->required();
}

// --- remind ------------------------------------------------------------------------

void add_remind_delivery(CLI::App& cmd, RemindOptions& o, const GlobalOptions& g) {
  cmd.add_option("--mbox", o.mbox, say(g, Message("Append the messages to this mbox file")));
  cmd.add_option("--maildir", o.maildir, say(g, Message("Deliver the messages into this maildir")));
  cmd.add_option("--sendmail", o.sendmail,
                 say(g, Message("Pipe each message to this command, e.g. \"/usr/sbin/sendmail -t -i\"")));
  cmd.add_option("--sendmail-timeout", o.sendmail_timeout,
                 say(g, Message("Seconds the sendmail command may take for a message, then it is killed "
                                "and the run exits 75 (default 60)")));
  cmd.add_flag("--dry-run", o.dry_run,
               say(g, Message("Print the messages (an mbox) instead of sending them; record nothing")));
  cmd.add_option("--from", o.from,
                 say(g, Message("Sender: an address, or \"Name <address>\" (else $INSPECTRACK_FROM)")));
}
void add_remind(CLI::App& cmd, RemindOptions& o, GlobalOptions& global) {
  add_remind_delivery(cmd, o, global);
  cmd.add_option("--within", o.within,
                 say(global, Message("Also remind of tasks due within this many working days (default 3)")))
      ->check(number_from(global.usage_lang, 0, 365));
  cmd.add_option("--undated-after", o.undated_after,
                 say(global, Message("Also remind, at most once a week, of tasks with no deadline open "
                                     "more than this many working days (default 10; 0: never)")))
      ->check(number_from(global.usage_lang, 0, 3650));
  cmd.add_flag("--cc-report-to", o.cc_report_to,
               say(global, Message("Copy each message to the units its tasks report to")));
  cmd.add_option("--escalate-after", o.escalate_after,
                 say(global, Message("Copy the unit's parent when a task is more than N days late (as --days "
                                     "counts)")))
      ->check(number_from(global.usage_lang, 0, 3650));
  cmd.add_flag("--force", o.force,
               say(global, Message("Send even if today's reminder was sent, or on a day off")));
  cmd.add_option("--unit", o.unit, say(global, Message("Only this unit (key)")));
  cmd.add_option("--by", global.by,
                 say(global, Message("Who sends (recorded with the reminders; else $USER)")));
}
int handle_remind(const Context& ctx, const RemindOptions& o) {
  if (!o.from.empty() || !ctx.sender) return cmd_remind(ctx, o);
  RemindOptions from_environment = o;
  from_environment.from = *ctx.sender;
  from_environment.from_environment = true;
  return cmd_remind(ctx, from_environment);
}

// --- document ------------------------------------------------------------------

// What both documents take: the office, the report filters (summary's and the unit
// ones), the date line's day and the file.
void add_document_options(CLI::App& cmd, DocumentOptions& o, const GlobalOptions& g) {
  cmd.set_help_flag("-h,--help", cmd.get_parent()->get_help_ptr()->get_description());
  cmd.add_option(
      "--office", o.office,
      say(g, Message("The office that issues it (key; may be left out when one office is stored)")));
  add_filter_options(cmd, o.filter, false, g);
  cmd.add_option("--report-to", o.filter.report_to,
                 say(g, Message("Only tasks reported to this unit (key)")));
  add_date_filters(cmd, o.filter, g);
  cmd.add_option("--date", o.date, say(g, Message("The day on the date line (default: the as-of day)")));
  cmd.add_option("--output", o.output,
                 say(g, Message("The new file, .docx (to edit) or .pdf (to sign and send); never over an "
                                "existing one")))
      ->required();
}

void add_document(CLI::App& cmd, DocumentOptions& o, GlobalOptions& g) {
  cmd.require_subcommand(1);
  CLI::App* report = cmd.add_subcommand(
      "report", say(g, Message("The follow-up report (báo cáo) of the selected tasks, as of the as-of day")));
  add_document_options(*report, o, g);
  report->add_flag("--chart", o.chart, say(g, Message("Add the bar chart of each unit's tasks by outcome")));
  report->parse_complete_callback([&o] { o.kind = DocumentOptions::Kind::report; });
  CLI::App* letter = cmd.add_subcommand(
      "reminder-letter", say(g, Message("The letter (công văn) urging the units with overdue tasks")));
  add_document_options(*letter, o, g);
  letter->add_flag("--per-unit", o.per_unit,
                   say(g, Message("One letter per unit, each from a new page, in the one file")));
  letter->add_option(
      "--reply-by", o.reply_by,
      say(g, Message("The day by which the units must report (default: \"promptly\", no day)")));
  letter->parse_complete_callback([&o] { o.kind = DocumentOptions::Kind::reminder_letter; });
}

// --- completion ----------------------------------------------------------------

struct CompletionOptions {
  std::string shell;
};
void add_completion(CLI::App& cmd, CompletionOptions& o, GlobalOptions& g) {
  cmd.add_option(argument(g, Message::with_context("an argument's name", "shell")), o.shell,
                 say(g, Message("bash or zsh")))
      ->required()
      ->check(one_of(g.usage_lang, {"bash", "zsh"}));
}
int handle_completion(const Context& ctx, const CompletionOptions& o) {
  // In English whatever the language: the names it matches (files, file) are English.
  GlobalOptions english;
  CLI::App program;
  add_every_command(program, english);
  ctx.out << completion_script(o.shell == "zsh" ? Shell::zsh : Shell::bash, program);
  return static_cast<int>(ExitCode::ok);
}

const std::array kCommands = {
    Command{"template", Message("Print a commented starter file"),
            bind<TemplateOptions, add_template, handle_template>},
    Command{"validate", Message("Check files; write nothing"),
            bind<ValidateOptions, add_validate, handle_validate>},
    Command{"import", Message("Import inspection, units, calendar and progress files (all or nothing)"),
            bind<ImportOptions, add_import, cmd_import>},
    Command{"list", Message("List tasks, findings, inspections or units"),
            bind<ListOptions, add_list, handle_list>},
    Command{"show",
            Message("Show a task or finding in full, an inspection or unit with its counts, findings and "
                    "tasks; each with its history"),
            bind<ShowOptions, add_show, handle_show>},
    Command{"overdue", Message("Open tasks past their deadline, grouped by unit"),
            bind<OverdueOptions, add_overdue, handle_overdue>},
    Command{"due", Message("Open tasks whose deadline falls in the next N days"),
            bind<DueOptions, add_due, handle_due>},
    Command{"summary", Message("Counts per unit, inspection or area"),
            bind<SummaryOptions, add_summary, handle_summary>},
    Command{
        "document",
        Message("Write an official document, the follow-up report or the reminder letter, as .docx or PDF"),
        bind<DocumentOptions, add_document, cmd_document>},
    Command{"calendar", Message("List a year's days off and swapped working days (weekends not listed)"),
            bind<CalendarOptions, add_calendar, handle_calendar>},
    Command{"workdays", Message("Count the working days from one date to another, both included"),
            bind<WorkdaysOptions, add_workdays, handle_workdays>},
    Command{
        "deadline",
        Message(
            "The last allowed day of a period: \"10 working days\" from a date (Civil Code art. 147-148)"),
        bind<DeadlineOptions, add_deadline, handle_deadline>},
    Command{"done", Message("Mark a task done"), kBindChange<Kind::done, add_done>},
    Command{"extend", Message("Grant a task a later deadline"), kBindChange<Kind::extend, add_extend>},
    Command{"cancel", Message("Cancel a task that is no longer owed"), kBindChange<Kind::cancel, add_reason>},
    Command{"reopen", Message("Open a done, verified or cancelled task again"),
            kBindChange<Kind::reopen, add_reason>},
    Command{"verify", Message("Record that the inspection team checked a done task"),
            kBindChange<Kind::verify, add_verify>},
    Command{"note", Message("Add a note to a task's history"), kBindChange<Kind::note, add_note>},
    Command{"log", Message("The history: every change, oldest first (of one task with ID)"),
            bind<LogOptions, add_log, handle_log>},
    Command{"remind", Message("Mail each unit one digest of its overdue tasks and tasks due soon (for cron)"),
            bind<RemindOptions, add_remind, handle_remind>},
    Command{"check",
            Message("Check the database: SQLite's integrity and references, and the tool's own rules"),
            bind<CheckOptions, add_check, handle_check>},
    Command{"backup", Message("Copy the database to FILE while others may use it (SQLite's online backup)"),
            bind<BackupOptions, add_backup, handle_backup>},
    Command{"completion", Message("Print the shell completion script for bash or zsh"),
            bind<CompletionOptions, add_completion, handle_completion>},
};

}  // namespace

std::span<const Command> commands() { return kCommands; }

}  // namespace inspectrack::cli
