#include <pwd.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <optional>
#include <string_view>

#include <fmt/format.h>

#include "context.hpp"
#include "zone.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/import/shipped_calendar.hpp"
#include "inspectrack/model/local_time.hpp"
#include "inspectrack/text/collate.hpp"
#include "inspectrack/text/message.hpp"
#include "inspectrack/text/suggest.hpp"
#include "inspectrack/text/slug.hpp"

namespace inspectrack::cli {
namespace {

std::optional<std::string> getenv_nonempty(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return std::nullopt;
  return std::string(v);
}

model::Date local_today() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return *model::Date::from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

}  // namespace

std::string admit_option(text::Lang lang, std::string_view name, std::string_view value,
                         text::Shape shape) {
  text::Admitted admitted = text::admit(value, shape);
  if (admitted.refusal) {
    throw UsageError(
        fmt::format("{}: {}", name, text::translate(lang, text::refusal_reason(*admitted.refusal))));
  }
  return std::move(admitted.text);
}

bool is_utc_timestamp(std::string_view s) { return model::parse_utc_timestamp(s).has_value(); }

const std::string& recorded_actor(const Context& ctx) {
  if (!ctx.actor_error.empty()) throw UsageError(ctx.actor_error);
  return ctx.actor;
}

Environment read_environment() {
  Environment env;
  if (const char* db = std::getenv("INSPECTRACK_DB"); db != nullptr) env.inspectrack_db = std::string(db);
  env.xdg_data_home = getenv_nonempty("XDG_DATA_HOME");
  env.home = getenv_nonempty("HOME");
  env.user = getenv_nonempty("USER");
  if (const char* nc = std::getenv("NO_COLOR"); nc != nullptr) env.no_color = std::string(nc);
  env.columns = getenv_nonempty("COLUMNS");
  env.now = getenv_nonempty("INSPECTRACK_NOW");
  env.inspectrack_from = getenv_nonempty("INSPECTRACK_FROM");
  env.lc_all = getenv_nonempty("LC_ALL");
  env.lc_messages = getenv_nonempty("LC_MESSAGES");
  env.lang = getenv_nonempty("LANG");
  env.term = getenv_nonempty("TERM");
  ::tzset();
  env.zone = machine_local_time;
  env.stdout_is_terminal = isatty(STDOUT_FILENO) == 1;
  if (env.stdout_is_terminal) {
    winsize ws{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) env.terminal_width = ws.ws_col;
  }
  return env;
}

text::Lang locale_lang(const Environment& env) {
  return text::lang_from_environment(env.lc_all ? env.lc_all->c_str() : nullptr,
                                     env.lc_messages ? env.lc_messages->c_str() : nullptr,
                                     env.lang ? env.lang->c_str() : nullptr);
}

std::optional<unsigned> parse_umask(std::string_view word) {
  if (word.empty() || word.size() > 4) return std::nullopt;
  unsigned mask = 0;
  for (const char c : word) {
    if (c < '0' || c > '7') return std::nullopt;
    mask = mask * 8 + static_cast<unsigned>(c - '0');
  }
  return mask & 0777u;
}

namespace {

// A path given with --db or $INSPECTRACK_DB (`where`), refused when it names no file:
// storage opens ":memory:" as the file of that name, but the user surely meant
// SQLite's private database, which would keep nothing.
const std::string& plain_path(const std::string& path, const char* where) {
  if (path.empty()) {
    throw UsageError(text::Message("{0} is empty; give the path of the database file", where));
  }
  if (path == ":memory:") {
    throw UsageError(
        text::Message("{0} ':memory:': the database is a file, which keeps what is written; give its path "
                      "(./:memory: for a file of that name)",
                      where));
  }
  return path;
}

}  // namespace

std::string resolve_db_path(const std::optional<std::string>& option, const Environment& env) {
  if (option) return plain_path(*option, "--db");
  if (env.inspectrack_db) return plain_path(*env.inspectrack_db, "INSPECTRACK_DB");
  if (env.xdg_data_home) return *env.xdg_data_home + "/inspectrack/inspectrack.db";
  if (env.home) return *env.home + "/.local/share/inspectrack/inspectrack.db";
  throw UsageError(text::Message("no database: give --db PATH or set INSPECTRACK_DB (HOME is not set)"));
}

namespace {

text::Lang context_lang(const GlobalOptions& options, const Environment& env) {
  if (options.lang.empty()) return locale_lang(env);
  const auto lang = text::parse_lang(options.lang);
  if (!lang) throw UsageError(fmt::format("unknown language '{}'; expected vi or en", options.lang));
  return *lang;
}

model::Date context_as_of(const GlobalOptions& options) {
  if (!options.as_of) return local_today();
  const auto parsed = model::parse_date(*options.as_of);
  if (!parsed.date) {
    throw UsageError(
        text::Message("--as-of '{0}' is not a date; write 2021-07-26 or 26/7/2021", *options.as_of));
  }
  return *parsed.date;
}

std::string context_now(const Environment& env) {
  if (!env.now) return utc_now();
  if (!is_utc_timestamp(*env.now)) {
    // It is the clock recorded in the history: a wrong one would be kept for good.
    throw UsageError(
        text::Message("INSPECTRACK_NOW '{0}' is not a UTC time; write it as YYYY-MM-DDTHH:MM:SSZ, e.g. "
                      "2021-07-26T01:00:00Z, or unset it",
                      *env.now));
  }
  return *env.now;
}

// Sets ctx.actor, or ctx.actor_error when $USER cannot be recorded.
void set_actor(Context& ctx, const GlobalOptions& options, const Environment& env) {
  if (options.by) {
    ctx.actor = admit_option(ctx.lang, "--by", *options.by, text::Shape::one_line);
    if (ctx.actor.empty()) {
      throw UsageError(text::Message("--by is empty; give a name"));
    }
  } else if (env.user) {
    // Commands that record nothing work with any $USER: only those that record fail.
    try {
      ctx.actor = admit_option(ctx.lang, "USER", *env.user, text::Shape::one_line);
    } catch (const UsageError& e) {
      ctx.actor_error =
          text::translate(ctx.lang, e.message()) +
          std::string(text::translate(ctx.lang, text::Message("; set USER to your name or give --by NAME")));
    }
    if (ctx.actor.empty() && ctx.actor_error.empty()) ctx.actor = "unknown";
  } else {
    // cron and fresh root shells often have no $USER: the account name says who.
    ctx.actor = "unknown";
    if (const passwd* pw = ::getpwuid(::getuid()); pw != nullptr && pw->pw_name != nullptr) {
      if (text::Admitted name = text::admit(pw->pw_name, text::Shape::one_line);
          !name.refusal && !name.text.empty()) {
        ctx.actor = std::move(name.text);
      }
    }
  }
}

render::TableStyle context_style(const GlobalOptions& options, const Environment& env, text::Lang lang) {
  render::TableStyle style;
  style.lang = lang;
  switch (options.color) {
    case ColorMode::always: style.color = true; break;
    case ColorMode::never: style.color = false; break;
    case ColorMode::automatic:
      style.color = env.stdout_is_terminal && !env.no_color.has_value() &&
                    (!env.term || *env.term != "dumb");
      break;
  }
  // Tables fit the terminal only when there is one; redirected output is never cut.
  if (env.stdout_is_terminal) {
    if (env.terminal_width) {
      style.width = env.terminal_width;
    } else if (env.columns) {
      const long cols = std::strtol(env.columns->c_str(), nullptr, 10);
      if (cols > 0) style.width = static_cast<std::size_t>(cols);
    }
  }
  return style;
}

// The mode of a new database or backup file under --umask.
unsigned context_file_mode(const GlobalOptions& options) {
  if (!options.umask) return storage::OpenOptions{}.file_mode;
  const auto mask = parse_umask(*options.umask);
  if (!mask) {
    throw UsageError(
        text::Message("--umask '{0}' is not an octal mask; write e.g. 027 (files 0640)", *options.umask));
  }
  return 0666u & ~*mask;
}

}  // namespace

Context make_context(const GlobalOptions& options, const Environment& env, std::ostream& out,
                     std::ostream& err) {
  Context ctx{out, err};
  ctx.lang = context_lang(options, env);
  ctx.as_of = context_as_of(options);
  ctx.now = context_now(env);
  ctx.zone = env.zone;
  set_actor(ctx, options, env);
  ctx.style = context_style(options, env, ctx.lang);
  ctx.limits.max_file_size = options.max_file_size;
  ctx.calendar = options.calendar;
  ctx.sender = env.inspectrack_from;
  ctx.busy_timeout_ms = options.busy_timeout_ms;
  ctx.file_mode = context_file_mode(options);
  // Commands that need no database (template, calendar, …) run without one; the
  // others meet this error when they open it.
  try {
    ctx.db_path = resolve_db_path(options.db, env);
  } catch (const UsageError& e) {
    ctx.db_path_error = text::translate(ctx.lang, e.message());
    ctx.db_path_refused = options.db.has_value() || env.inspectrack_db.has_value();
  }
  return ctx;
}

const std::string& database_path(const Context& ctx) {
  if (ctx.db_path.empty()) throw UsageError(ctx.db_path_error);
  return ctx.db_path;
}

std::unique_ptr<storage::Store> open_store(const Context& ctx, storage::OpenMode mode) {
  database_path(ctx);
  storage::OpenOptions options;
  options.mode = mode;
  options.busy_timeout_ms = ctx.busy_timeout_ms;
  options.file_mode = ctx.file_mode;
  // Names ordered as the chosen language orders them; storage sees only a comparison.
  // The collator is made at the first comparison: most commands order no names.
  struct LazyCollator {
    text::Lang lang;
    std::optional<text::Collator> collator;
  };
  options.name_order = [state = std::make_shared<LazyCollator>(LazyCollator{ctx.lang, {}})](
                           std::string_view a, std::string_view b) {
    if (!state->collator) state->collator.emplace(state->lang);
    return state->collator->compare(a, b);
  };
  return storage::open_sqlite(ctx.db_path, options);
}

std::string default_calendar(const Context& ctx) {
  return ctx.calendar.empty() ? std::string(calendar::kDefaultCalendar) : ctx.calendar;
}

calendar::CalendarRegistry load_calendars(const Context& ctx, storage::Store* store,
                                          const std::vector<std::string>& also_known) {
  calendar::CalendarRegistry registry;
  registry.add_lazy(std::string(calendar::kDefaultCalendar), [] { return import::shipped_calendar(); });
  if (store != nullptr) {
    for (auto& spec : store->calendars()) registry.add(std::move(spec));
  }
  const std::string key = default_calendar(ctx);
  if (!registry.contains(key) &&
      std::find(also_known.begin(), also_known.end(), key) == also_known.end()) {
    const auto keys = registry.keys();
    std::string message = text::translate(
        ctx.lang,
        text::Message("--calendar '{0}': no such calendar; known: {1}", key, fmt::join(keys, ", ")));
    if (const auto near = text::nearest(key, keys)) {
      message += text::translate(
          ctx.lang, text::Message::with_context("after a calendar", " (did you mean '{0}'?)", *near));
    }
    throw UsageError(message);
  }
  return registry;
}

ReportStore open_for_report(const Context& ctx, model::Date until) {
  ReportStore out;
  out.store = open_store(ctx, storage::OpenMode::read_only);
  out.calendars = load_calendars(ctx, out.store.get());
  storage::OccurrenceOptions occurrences{until, &out.calendars, ctx.actor, ctx.now};
  if (!out.store->occurrences_pending(occurrences)) return out;
  try {
    occurrences.actor = recorded_actor(ctx);
    // A report never upgrades a database: on an older one the occurrences are made in
    // a copy in memory, for this report only.
    auto writer = open_store(ctx, out.store->older_schema() ? storage::OpenMode::scratch
                                                            : storage::OpenMode::update);
    writer->make_occurrences(occurrences);
    out.store = std::move(writer);
  } catch (const Error& e) {
    if (e.code() == ExitCode::temp_fail) throw;
    ctx.err << "inspectrack: " << text::translate(ctx.lang, text::Message("warning")) << ": "
            << text::translate(ctx.lang, text::Message("recurring tasks that have come due could not be "
                                                       "recorded, so they are not in this report: "))
            << text::translate(ctx.lang, e.message()) << "\n";
  }
  return out;
}

render::TableStyle report_style(const Context& ctx, const ReportOptions& report) {
  render::TableStyle style = ctx.style;
  style.header = !report.no_header;
  return style;
}

namespace {

// The dates typed after `from_option` and `to_option`, as a range.
storage::DateRange date_range(const char* from_option, const std::string& from, const char* to_option,
                              const std::string& to) {
  storage::DateRange range{day_option(from_option, from), day_option(to_option, to)};
  // Compared through value_or, never through an empty optional: GCC -O2 tested the
  // days of two optionals before their flags, which valgrind saw as a jump on
  // uninitialised memory when a bound was not given.
  const bool both = range.from.has_value() && range.to.has_value();
  if (both && range.to.value_or(model::Date{}) < range.from.value_or(model::Date{})) {
    throw UsageError(text::Message("{0} '{1}' is after {2} '{3}'", from_option, from, to_option, to));
  }
  return range;
}

// The ranges of the inspection's dates, which findings have too.
void set_inspection_ranges(const FilterOptions& f, storage::DateRange& concluded, storage::DateRange& dated) {
  concluded = date_range("--concluded-from", f.concluded_from, "--concluded-to", f.concluded_to);
  if (f.year != 0) dated = storage::DateRange::year(f.year);
}

}  // namespace

std::optional<model::Date> day_option(const char* option, const std::string& typed) {
  if (typed.empty()) return std::nullopt;
  const auto parsed = model::parse_date(typed);
  if (!parsed.date) {
    throw UsageError(text::Message("{0} '{1}' is not a date; write 2021-02-05 or 5/2/2021", option, typed));
  }
  return parsed.date;
}

storage::TaskFilter to_task_filter(const FilterOptions& f) {
  storage::TaskFilter filter;
  filter.deadline = date_range("--deadline-from", f.deadline_from, "--deadline-to", f.deadline_to);
  set_inspection_ranges(f, filter.concluded, filter.dated);
  if (!f.unit.empty()) filter.unit = f.unit;
  if (!f.inspection.empty()) filter.inspection = f.inspection;
  if (!f.area.empty()) filter.area = f.area;
  if (!f.report_to.empty()) filter.report_to = f.report_to;
  if (!f.status.empty()) filter.status = model::parse_status(f.status);
  return filter;
}

storage::FindingFilter to_finding_filter(const FilterOptions& f) {
  storage::FindingFilter filter;
  if (!f.unit.empty()) filter.unit = f.unit;
  if (!f.inspection.empty()) filter.inspection = f.inspection;
  if (!f.area.empty()) filter.area = f.area;
  set_inspection_ranges(f, filter.concluded, filter.dated);
  return filter;
}

}  // namespace inspectrack::cli
