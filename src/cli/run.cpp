#include "inspectrack/cli/run.hpp"

#include <algorithm>
#include <array>
#include <map>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "command_table.hpp"
#include "context.hpp"
#include "help.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/text/message.hpp"
#include "inspectrack/text/suggest.hpp"
#include "inspectrack/version.hpp"
#include "visible_stream.hpp"

namespace inspectrack::cli {
namespace {

const std::map<std::string, ColorMode, std::less<>> kColors = {
    {"auto", ColorMode::automatic}, {"always", ColorMode::always}, {"never", ColorMode::never}};

// An option given before the command, always with a value: declared here once, for
// CLI11 and for finding the command word and --lang before the parse.
struct GlobalOption {
  std::string_view name;
  void (*add)(CLI::App& app, const std::string& name, GlobalOptions& global);
};

constexpr std::string_view kLangOption = "--lang";

const std::array<GlobalOption, 7> kGlobalOptions = {{
    {"--db",
     [](CLI::App& app, const std::string& name, GlobalOptions& global) {
       app.add_option(name, global.db,
                      say(global, text::Message("Database file (else $INSPECTRACK_DB, else "
                                                "$XDG_DATA_HOME/inspectrack/inspectrack.db)")));
     }},
    {kLangOption,
     [](CLI::App& app, const std::string& name, GlobalOptions& global) {
       app.add_option(
              name, global.lang,
              say(global, text::Message("Language of messages and headings: vi or en (else from LC_ALL, "
                                        "LC_MESSAGES, LANG)")))
           ->check(one_of(global.usage_lang, {"vi", "en"}, true));
     }},
    {"--as-of",
     [](CLI::App& app, const std::string& name, GlobalOptions& global) {
       app.add_option(
           name, global.as_of,
           say(global, text::Message("The day the report is made for (2021-07-26 or 26/7/2021; default "
                                     "today)")));
     }},
    {"--color",
     [](CLI::App& app, const std::string& name, GlobalOptions& global) {
       choice_option(app, name, global.color, kColors,
                     say(global, text::Message("Colour: auto, always or never (auto honours NO_COLOR)")),
                     global);
     }},
    {"--calendar",
     [](CLI::App& app, const std::string& name, GlobalOptions& global) {
       app.add_option(
           name, global.calendar,
           say(global, text::Message("Working-day calendar (key) for tasks and inspections that name "
                                     "none, and for calendar, workdays and deadline (default: vn, the "
                                     "shipped Vietnamese one)")));
     }},
    {"--busy-timeout",
     [](CLI::App& app, const std::string& name, GlobalOptions& global) {
       app.add_option(
              name, global.busy_timeout_ms,
              say(global, text::Message("Milliseconds to wait for another process's write to the database "
                                        "before giving up with exit 75 (default 10000)")))
           ->check(number_from(global.usage_lang, 0, 3'600'000));
     }},
    {"--umask",
     [](CLI::App& app, const std::string& name, GlobalOptions& global) {
       app.add_option(
           name, global.umask,
           say(global, text::Message("Octal umask for a new database, backup or --output file (default: mode "
                                     "0600, owner only; 027 gives 0640)")));
     }},
}};

// The first word on the command line that is not a global option or its value.
std::optional<std::string> command_word(const std::vector<std::string>& args) {
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (std::any_of(kGlobalOptions.begin(), kGlobalOptions.end(),
                    [&](const GlobalOption& option) { return option.name == a; })) {
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
  const std::string prefix = std::string(kLangOption) + "=";
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == kLangOption && i + 1 < args.size()) return args[i + 1];
    if (args[i].starts_with(prefix)) return args[i].substr(prefix.size());
  }
  return {};
}

std::pair<CLI::App*, Handler> add_command(CLI::App& app, const Command& command, GlobalOptions& global) {
  CLI::App* cmd = app.add_subcommand(std::string(command.name), say(global, command.help));
  // CLI11 makes a command's --help before it copies the group its options go in.
  cmd->set_help_flag("-h,--help", app.get_help_ptr()->get_description());
  return {cmd, command.bind(*cmd, global)};
}

// Only the command on the command line is built, with its options; every command
// for help, or when the word is not a command (for the message that names the
// nearest): building them all costs more than a report on an empty database does.
std::vector<std::pair<CLI::App*, Handler>> add_commands(CLI::App& app, const std::vector<std::string>& args,
                                                        GlobalOptions& global) {
  const std::optional<std::string> word = command_word(args);
  const auto given = [&](std::string_view flag) {
    return std::find(args.begin() + (args.empty() ? 0 : 1), args.end(), flag) != args.end();
  };
  const bool help = given("-h") || given("--help");
  // `--version` alone needs no command at all.
  if (!word && !help && given("--version")) return {};
  const auto table = commands();
  const bool known =
      word && std::any_of(table.begin(), table.end(), [&](const Command& c) { return c.name == *word; });
  std::vector<std::pair<CLI::App*, Handler>> added;
  for (const Command& command : table) {
    if (known && !help && command.name != *word) continue;
    added.push_back(add_command(app, command, global));
  }
  return added;
}

// A usage error, said as ours are, not as CLI11's: lowercase, in the user's language;
// an unknown command with the nearest one.
int usage_error(const CLI::ParseError& e, const CLI::App& app, const std::vector<std::string>& args,
                text::Lang lang, std::ostream& err) {
  std::string message = parse_error_message(e, app, lang);
  std::vector<std::string> names;
  for (const Command& command : commands()) names.emplace_back(command.name);
  const auto word = command_word(args);
  if (word && std::find(names.begin(), names.end(), *word) == names.end()) {
    message = text::translate(lang, text::Message("unknown command '{0}'", *word));
    if (const auto near = text::nearest(*word, names)) {
      message += text::translate(lang, text::Message("; did you mean '{0}'?", *near));
    }
  }
  err << "inspectrack: " << text::translate(lang, text::Message("error")) << ": " << message << "\n"
      << text::translate(
             lang, text::Message("Run 'inspectrack --help' (or 'inspectrack COMMAND --help') for usage.\n"));
  return static_cast<int>(ExitCode::usage);
}

// Parses `args` into `app`: the exit status when that was all (help, version, a usage
// error), else nothing.
std::optional<int> parse(CLI::App& app, const std::vector<std::string>& args, text::Lang lang,
                         std::ostream& out, std::ostream& err) {
  std::vector<const char*> argv;
  argv.reserve(args.size());
  for (const auto& a : args) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::Success& e) {  // --help, --help-all, --version
    app.exit(e, out, err);
    return static_cast<int>(ExitCode::ok);
  } catch (const CLI::ParseError& e) {
    return usage_error(e, app, args, lang, err);
  }
  return std::nullopt;
}

}  // namespace

void add_program(CLI::App& app, GlobalOptions& global) {
  app.description(
      say(global, text::Message("inspectrack: track inspection findings and the remediation tasks "
                                "that follow them")));
  speak(app, global.usage_lang);
  app.set_version_flag("--version", std::string("inspectrack ") + kVersion,
                       say(global, text::Message("Print the version and exit")));
  app.require_subcommand(1);
  app.fallthrough();
  for (const GlobalOption& option : kGlobalOptions) option.add(app, std::string(option.name), global);
}

void add_every_command(CLI::App& app, GlobalOptions& global) {
  add_program(app, global);
  for (const Command& command : commands()) add_command(app, command, global);
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& raw_err,
        const Environment& env) {
  // Every message, whoever writes it, reaches the user through this one filter.
  VisibleStreambuf visible_err(raw_err);
  std::ostream err(&visible_err);
  // The language of the help and of error messages, worked out even when the context
  // cannot be built.
  const text::Lang lang = text::parse_lang(lang_argument(args)).value_or(locale_lang(env));
  GlobalOptions global;
  global.usage_lang = lang;
  CLI::App app{"", "inspectrack"};
  add_program(app, global);
  const std::vector<std::pair<CLI::App*, Handler>> handlers = add_commands(app, args, global);
  if (const std::optional<int> status = parse(app, args, lang, out, err)) return *status;
  const std::string error_word = text::translate(lang, text::Message("error"));
  try {
    const Context ctx = make_context(global, env, out, err);
    for (const auto& [cmd, handler] : handlers) {
      if (cmd->parsed()) return handler(ctx);
    }
    err << "inspectrack: " << error_word << ": "
        << text::translate(lang, text::Message("a command is required")) << "\n";
    return static_cast<int>(ExitCode::usage);
  } catch (const Error& e) {
    err << "inspectrack: " << error_word << ": " << text::translate(lang, e.message()) << "\n";
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    err << "inspectrack: " << text::translate(lang, text::Message("internal error")) << ": " << e.what()
        << "\n";
    return static_cast<int>(ExitCode::software);
  }
}

}  // namespace inspectrack::cli
