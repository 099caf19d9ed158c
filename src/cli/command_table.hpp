#pragma once
// The command table: every command once, with what it takes on the command line and
// how it runs. Private to the cli module.

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "context.hpp"
#include "help.hpp"
#include "inspectrack/text/message.hpp"

namespace inspectrack::cli {

// Runs a command with the options parsed for it.
using Handler = std::function<int(const Context&)>;

// One command: its name and help line, and `bind`, which adds its arguments and
// options to `cmd` (those every command shares to `global`) and returns the handler
// that runs it with what the parse put there.
struct Command {
  std::string_view name;
  text::Message help;
  Handler (*bind)(CLI::App& cmd, GlobalOptions& global);
};

// `message` in the language of the help and of usage errors.
inline std::string say(const GlobalOptions& global, const text::Message& message) {
  return text::translate(global.usage_lang, message);
}

// The program as CLI11 holds it, before its commands: description, --help and
// --version, the global options, in the language of `global`. Defined in run.cpp.
void add_program(CLI::App& app, GlobalOptions& global);
// The same, with every command and its options (for a completion script).
void add_every_command(CLI::App& app, GlobalOptions& global);

// Every command, in the order --help lists them.
std::span<const Command> commands();

// An option that takes one of the words of `words` and sets `target` to its value
// while parsing: a word not among them is a usage error that names them (or that
// `check` gives, when it allows fewer), in the language of `global`. Nothing past the
// parse sees the word.
template <typename E>
CLI::Option* choice_option(CLI::App& cmd, const std::string& name, E& target,
                           const std::map<std::string, E, std::less<>>& words, const std::string& help,
                           const GlobalOptions& global, std::optional<CLI::Validator> check = std::nullopt) {
  if (!check) {
    std::vector<std::string> keys;
    for (const auto& [word, value] : words) keys.push_back(word);
    check = one_of(global.usage_lang, keys);
  }
  return cmd
      .add_option_function<std::string>(
          name, [&target, &words](const std::string& word) { target = words.find(word)->second; }, help)
      ->check(*check);
}

}  // namespace inspectrack::cli
