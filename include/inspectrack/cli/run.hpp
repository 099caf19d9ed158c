#pragma once
// The command line: parses arguments, runs one command, maps errors to exit codes.

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "inspectrack/model/local_time.hpp"

namespace inspectrack::cli {

// What the command line reads from its process besides the arguments: the
// environment variables it honours, and whether `out` is a terminal (colour, tables
// fitted to its width). main() fills it from the process; tests fill it themselves.
struct Environment {
  std::optional<std::string> inspectrack_db;  // set, even to "" (which is refused)
  std::optional<std::string> xdg_data_home, home, user, no_color, columns;
  std::optional<std::string> now;               // INSPECTRACK_NOW: the clock of the history
  std::optional<std::string> inspectrack_from;  // remind's sender when --from is not given
  std::optional<std::string> lc_all, lc_messages, lang, term;
  bool stdout_is_terminal = false;            // the `out` given to run() is a terminal
  std::optional<std::size_t> terminal_width;  // its width in columns, when known
  // The zone the history's times are shown in: the machine's (TZ) from
  // read_environment(), UTC unless a test sets another.
  model::Zone zone = model::in_utc;
};

// The process's environment variables above ("" counts as unset, except for
// INSPECTRACK_DB and NO_COLOR), whether standard output is a terminal, and how wide;
// the machine's time zone (TZ, else the system's), read once here with tzset().
Environment read_environment();

// Runs the command in `args` (args[0] is the program name). Writes results to `out`
// and messages to `err`, every control character in them shown as an escape
// (text::visible); returns the exit code. Never calls exit(). Reads no environment
// variable: only `env`; reads the clock (today's local date when --as-of is absent,
// the time of the history when env.now is not set) and the account's name when
// neither --by nor env.user says who.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        const Environment& env);

}  // namespace inspectrack::cli
