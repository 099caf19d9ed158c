#pragma once
// What every command handler is given: the streams and the settings the CLI worked
// out from options, environment and clock. Private to the cli module.

#include <cstddef>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "inspectrack/app/reports.hpp"
#include "inspectrack/calendar/registry.hpp"
#include "inspectrack/cli/run.hpp"
#include "inspectrack/import/source.hpp"
#include "inspectrack/model/date.hpp"
#include "inspectrack/render/dataset.hpp"
#include "inspectrack/render/views.hpp"
#include "inspectrack/storage/sqlite_store.hpp"
#include "inspectrack/storage/store.hpp"
#include "inspectrack/text/gate.hpp"
#include "inspectrack/text/lang.hpp"

namespace inspectrack::cli {

struct Context {
  Context(std::ostream& out_stream, std::ostream& err_stream) : out(out_stream), err(err_stream) {}

  std::ostream& out;
  std::ostream& err;
  text::Lang lang = text::Lang::en;
  std::string db_path;        // "" when none could be worked out: see db_path_error
  std::string db_path_error;  // why, said when a command opens the database
  bool db_path_refused = false;  // --db or INSPECTRACK_DB names no file: even commands
                                 // that can do without a database refuse it
  model::Date as_of;
  std::string now;    // UTC timestamp for events
  model::Zone zone = model::in_utc;  // the history's times are shown in it
  std::string actor;  // --by, else $USER: read it through recorded_actor()
  std::string actor_error;  // why $USER cannot be recorded, said when something is
  render::TableStyle style;
  import::Limits limits;
  std::string calendar;  // --calendar: for tasks and commands that name none; "" for "vn"
  std::optional<std::string> sender;  // $INSPECTRACK_FROM: remind's sender when --from is not given
  int busy_timeout_ms = storage::OpenOptions{}.busy_timeout_ms;
  unsigned file_mode = storage::OpenOptions{}.file_mode;  // of a new database or backup
};

enum class ColorMode { automatic, always, never };

// Settings given on the command line before they are resolved against the environment.
struct GlobalOptions {
  std::optional<std::string> db;  // --db as given (none when not given)
  std::string lang;
  std::optional<std::string> as_of;  // none: today; "" is an error, not today
  ColorMode color = ColorMode::automatic;
  std::optional<std::string> by;  // --by; "" is an error, not $USER
  std::string calendar;
  std::size_t max_file_size = import::Limits{}.max_file_size;
  int busy_timeout_ms = storage::OpenOptions{}.busy_timeout_ms;
  std::optional<std::string> umask;  // --umask as typed (octal); none: the default mode 0600
  // The language of the help and of usage errors, known before the parse: --lang as
  // typed, else the locale's.
  text::Lang usage_lang = text::Lang::en;
};

// The database path: --db, else $INSPECTRACK_DB, else
// $XDG_DATA_HOME/inspectrack/inspectrack.db, else ~/.local/share/inspectrack/inspectrack.db.
// Always a plain file path. Throws UsageError when none can be worked out, and when
// --db or $INSPECTRACK_DB is "" or ":memory:" (naming the option or the variable).
std::string resolve_db_path(const std::optional<std::string>& option, const Environment& env);

// The language LC_ALL, LC_MESSAGES or LANG (the first one set) names.
text::Lang locale_lang(const Environment& env);

// An octal umask as typed after --umask ("027", "0077"); nullopt when it is not one.
std::optional<unsigned> parse_umask(std::string_view word);

// `value`, given as the option or environment variable `name` (e.g. "--reason"),
// through text::admit: its stored form, "" when it is only spaces. Throws UsageError
// "NAME: what is wrong" when it is refused.
std::string admit_option(text::Lang lang, std::string_view name, std::string_view value,
                         text::Shape shape);

// True when `s` is a UTC timestamp YYYY-MM-DDTHH:MM:SSZ naming a real day and time.
bool is_utc_timestamp(std::string_view s);

// Builds the context; throws UsageError for a bad --as-of, --lang, --by or
// INSPECTRACK_NOW. A $USER that cannot be recorded is an error only when something
// is (recorded_actor).
Context make_context(const GlobalOptions& options, const Environment& env, std::ostream& out,
                     std::ostream& err);

// Who is recorded as making a change: --by, else $USER, else the account's name.
// Throws UsageError when $USER is not one line of UTF-8 text and --by is not given.
const std::string& recorded_actor(const Context& ctx);

// Which report options a command takes. A command's options struct with a `report`
// member declares `static constexpr Reports kReports` too (command_table.cpp's
// WithReport gives both), and its entry binds them: one without the other does not
// compile.
enum class Reports {
  plain,          // --format table|csv|json|markdown, --bom
  lateness,       // the same, and --days working|calendar
  table_or_json,  // --format table|json
};

// How a report is written: --format, --bom, --days, --output, set while parsing by
// the options its command's entry binds.
struct ReportOptions {
  render::Format format = render::Format::table;
  bool bom = false;
  render::DaysCount days = render::DaysCount::working;
  bool no_header = false;  // --no-header: the rows only, for scripts
  char separator = ',';               // --sep: CSV's field separator
  bool workbook = false;              // --format xlsx: a workbook written to `output`
  std::optional<std::string> output;  // --output FILE: a new file instead of standard output
  // The command and what it reports on ("overdue", "list tasks", "summary unit"): a
  // workbook's sheet name and title.
  std::string name;
};

// ctx.style with what `report` says of the head and foot.
render::TableStyle report_style(const Context& ctx, const ReportOptions& report);

// Runs `handle` as `report` asks: CSV with its --sep; with --output, what it writes to
// ctx.out goes to a new file (never over an existing one, as io::create_whole writes
// it), with tables as wide as their text. Throws UsageError for --format xlsx without
// --output and for --sep without --format csv, and an Error (73) when the file cannot
// be created.
int run_report(const Context& ctx, const ReportOptions& report,
               const std::function<int(const Context&)>& handle);

// ctx.db_path; throws the UsageError of a path that could not be worked out.
const std::string& database_path(const Context& ctx);

// Opens the database at ctx.db_path with messages in the user's language.
std::unique_ptr<storage::Store> open_store(const Context& ctx, storage::OpenMode mode);

// The calendars a command can use: the shipped one, then those stored in `store`
// (when given), which replace it by key. Throws UsageError when --calendar names
// none of them nor one of `also_known` (the calendars of the files being imported).
calendar::CalendarRegistry load_calendars(const Context& ctx, storage::Store* store,
                                          const std::vector<std::string>& also_known = {});
// --calendar, else the shipped default.
std::string default_calendar(const Context& ctx);

// A store for a report, with its calendars; recurring tasks' occurrences due by
// `until` are made first (the one write a report may cause; skipped with a warning
// when the database cannot be written). On a database older than the current schema
// they are made in a scratch copy, and the file is left as it is.
struct ReportStore {
  std::unique_ptr<storage::Store> store;
  calendar::CalendarRegistry calendars;
};
ReportStore open_for_report(const Context& ctx, model::Date until);

// Writes a dataset in the chosen format to ctx.out, or a workbook to --output.
void emit(const Context& ctx, const render::Dataset& data, const ReportOptions& report);

// Makes the new file `path` (never over an existing one, as io::create_whole makes it):
// `write` writes the temporary file that then takes its name. Throws the Error (73) of
// a file that could not be made, naming it, with what `write` threw as the reason.
void create_file(const Context& ctx, const std::string& path,
                 const std::function<void(const std::string& temporary)>& write);
// Throws the Error (73) create_file() gives when something is called `path`: for a
// command that has work to do before it writes, said before that work.
void refuse_existing(const std::string& path);

// Task filters shared by list tasks, overdue, due, summary, and the order of their rows.
struct FilterOptions {
  std::string unit, inspection, area, status, report_to;
  // --deadline-from, --deadline-to, --concluded-from, --concluded-to as typed ("": not given).
  std::string deadline_from, deadline_to, concluded_from, concluded_to;
  int year = 0;  // --year; 0: not given
  app::Sort sort = app::Sort::unit;
};
// The day typed after `option`; none when nothing was typed. Throws UsageError (naming
// the option) when it is not a date.
std::optional<model::Date> day_option(const char* option, const std::string& typed);

// Throw UsageError for a date that is not one, and for a range whose start is after
// its end (naming both options and values).
storage::TaskFilter to_task_filter(const FilterOptions& f);
storage::FindingFilter to_finding_filter(const FilterOptions& f);

}  // namespace inspectrack::cli
