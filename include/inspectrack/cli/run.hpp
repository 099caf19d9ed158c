#pragma once
// The command line: parses arguments, runs one command, maps errors to exit codes.

#include <ostream>
#include <string>
#include <vector>

namespace inspectrack::cli {

// Runs the command in `args` (args[0] is the program name). Writes results to `out`
// and messages to `err`, every control character in them shown as an escape
// (text::visible); returns the exit code. Never calls exit().
// Reads the environment (INSPECTRACK_DB, XDG_DATA_HOME, HOME, LC_*, LANG, NO_COLOR,
// USER, COLUMNS, INSPECTRACK_NOW, INSPECTRACK_FROM) and the clock (today's local date
// when --as-of is absent).
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace inspectrack::cli
