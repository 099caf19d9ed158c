#pragma once
// How the command line speaks before a command runs: CLI11's help with its own words
// (Usage, Options, REQUIRED, TEXT…) in the user's language, the checks of option
// values, and CLI11's parse errors said as our messages. Private to the cli module.

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "inspectrack/text/lang.hpp"

namespace inspectrack::cli {

// CLI11's formatter with its labels in `lang`. The descriptions are translated where
// the options are declared; option names and the words of a choice are kept as typed.
class HelpFormatter : public CLI::Formatter {
 public:
  explicit HelpFormatter(text::Lang lang);
  // The value's kind (TEXT, INT…) in the chosen language, then the words of a choice
  // or the range a check allows, and REQUIRED.
  std::string make_option_opts(const CLI::Option* opt) const override;
  // One option: its name and value in the first column, padded by display width
  // (CLI11 counts bytes, which a Vietnamese label would misalign), then its description.
  std::string make_option(const CLI::Option* opt, bool is_positional) const override;
};

// Sets up `app` (the root, before its options and commands are added) to write its
// help in `lang`: the formatter, the group names, the --help flag.
void speak(CLI::App& app, text::Lang lang);

// A check that a value is one of `words` (compared ignoring case when `ignore_case`);
// its error, in `lang`, names them and the nearest to what was typed.
CLI::Validator one_of(text::Lang lang, const std::vector<std::string>& words, bool ignore_case = false);

// A check that a value is a whole number from `min` to `max`; its error is in `lang`.
CLI::Validator number_from(text::Lang lang, long long min, long long max);

// A parse error of CLI11 (an unexpected argument, a missing value, a required option
// not given…) as our message in `lang`: lowercase, user values quoted. An unknown
// option names the nearest of those `app` and its parsed command take. A kind of
// error not foreseen keeps CLI11's English, lowercased.
std::string parse_error_message(const CLI::ParseError& error, const CLI::App& app, text::Lang lang);

}  // namespace inspectrack::cli
