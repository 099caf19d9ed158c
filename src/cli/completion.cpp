#include "completion.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <vector>

namespace inspectrack::cli {
namespace {

// One option or argument, as completion needs it.
struct Spec {
  std::vector<std::string> names;  // "-q", "--quiet"; empty for an argument
  std::string help;
  bool takes_value = false;
  std::vector<std::string> choices;  // the words a choice takes
  enum class Value { any, file, folder } value = Value::any;
};

struct CommandSpec {
  std::string name, help;
  std::vector<Spec> options;
  std::vector<Spec> arguments;
};

// Options whose value is a path.
const std::set<std::string, std::less<>> kFileOptions = {"--db", "--mbox"};
const std::set<std::string, std::less<>> kFolderOptions = {"--maildir"};
// Arguments that are paths (by their English names).
const std::set<std::string, std::less<>> kFileArguments = {"files", "file"};

// The words between { and } of a type name "TEXT:{csv,json}".
std::vector<std::string> choices_of(const std::string& type) {
  std::vector<std::string> words;
  const auto open = type.find('{');
  const auto close = type.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return words;
  std::string word;
  for (const char c : type.substr(open + 1, close - open - 1)) {
    if (c == ',') {
      words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

Spec spec_of(const CLI::Option& opt) {
  Spec spec;
  for (const auto& s : opt.get_snames()) spec.names.push_back("-" + s);
  for (const auto& l : opt.get_lnames()) spec.names.push_back("--" + l);
  spec.help = opt.get_description();
  spec.takes_value = opt.get_type_size() != 0;
  if (spec.takes_value) spec.choices = choices_of(opt.get_type_name());
  const std::string name = opt.get_positional() ? opt.get_name(true, false) : opt.get_name(false, true);
  for (const auto& n : spec.names) {
    if (kFileOptions.contains(n)) spec.value = Spec::Value::file;
    if (kFolderOptions.contains(n)) spec.value = Spec::Value::folder;
  }
  if (opt.get_positional() && kFileArguments.contains(name)) spec.value = Spec::Value::file;
  return spec;
}

std::vector<std::string> all_names(const std::vector<Spec>& specs) {
  std::vector<std::string> names;
  for (const auto& s : specs) names.insert(names.end(), s.names.begin(), s.names.end());
  return names;
}

CommandSpec describe(const CLI::App& app) {
  CommandSpec command{app.get_name(), app.get_description(), {}, {}};
  for (const CLI::Option* opt : app.get_options()) {
    (opt->get_positional() ? command.arguments : command.options).push_back(spec_of(*opt));
  }
  return command;
}

// A command as describe() gives it; one of commands (document report|reminder-letter)
// with their names as its first argument, and the options of each, once.
CommandSpec describe_command(const CLI::App& app) {
  CommandSpec command = describe(app);
  Spec nested;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    nested.choices.push_back(sub->get_name());
    for (Spec& option : describe(*sub).options) {
      const auto known = all_names(command.options);
      if (std::find(known.begin(), known.end(), option.names.front()) == known.end()) {
        command.options.push_back(std::move(option));
      }
    }
  }
  if (!nested.choices.empty()) command.arguments.insert(command.arguments.begin(), std::move(nested));
  return command;
}

std::string words(const std::vector<std::string>& list) { return fmt::format("{}", fmt::join(list, " ")); }

// --- bash ------------------------------------------------------------------------

// The `case "$prev"` arms of one command: what follows an option that takes a value.
std::string bash_values(const std::vector<Spec>& options) {
  std::string out;
  for (const Spec& o : options) {
    if (!o.takes_value) continue;
    std::string reply = "return 0";  // a value nothing can guess: no words offered
    if (!o.choices.empty()) {
      reply = fmt::format("COMPREPLY=($(compgen -W \"{}\" -- \"$cur\")); return 0", words(o.choices));
    } else if (o.value == Spec::Value::file) {
      reply = "COMPREPLY=($(compgen -f -- \"$cur\")); return 0";
    } else if (o.value == Spec::Value::folder) {
      reply = "COMPREPLY=($(compgen -d -- \"$cur\")); return 0";
    }
    out += fmt::format("        {}) {} ;;\n", fmt::join(o.names, "|"), reply);
  }
  return out;
}

// What an argument (not an option) completes to.
std::string bash_arguments(const CommandSpec& c) {
  for (const Spec& a : c.arguments) {
    if (a.value == Spec::Value::file) return "COMPREPLY=($(compgen -f -- \"$cur\"))";
    if (!a.choices.empty())
      return fmt::format("COMPREPLY=($(compgen -W \"{}\" -- \"$cur\"))", words(a.choices));
  }
  return "COMPREPLY=()";
}

std::string bash_script(const CommandSpec& root, const std::vector<CommandSpec>& commands) {
  std::string value_options;  // the global options that take a value, skipped with it
  for (const Spec& o : root.options) {
    if (o.takes_value)
      value_options += (value_options.empty() ? "" : "|") + fmt::format("{}", fmt::join(o.names, "|"));
  }
  std::vector<std::string> names;
  for (const auto& c : commands) names.push_back(c.name);
  std::string arms;
  for (const CommandSpec& c : commands) {
    arms += fmt::format(
        "    {0})\n      case \"$prev\" in\n{1}{2}      esac\n"
        "      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W \"{3}\" -- \"$cur\")); else {4}; fi ;;\n",
        c.name, bash_values(c.options), bash_values(root.options),
        words(all_names(c.options)) + " " + words(all_names(root.options)), bash_arguments(c));
  }
  return fmt::format(R"(# bash completion for inspectrack, generated by `inspectrack completion bash`
_inspectrack() {{
  local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}} command="" i
  COMPREPLY=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${{COMP_WORDS[i]}} in
      {0}) ((i++)) ;;
      -*) ;;
      *) command=${{COMP_WORDS[i]}}; break ;;
    esac
  done
  case $command in
    "")
      case "$prev" in
{1}      esac
      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "{2}" -- "$cur"));
      else COMPREPLY=($(compgen -W "{3}" -- "$cur")); fi ;;
{4}  esac
}}
complete -F _inspectrack inspectrack
)",
                     value_options, bash_values(root.options), words(all_names(root.options)), words(names),
                     arms);
}

// --- zsh -------------------------------------------------------------------------

// `text` inside a single-quoted _arguments spec or _describe item.
std::string zsh_quote(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else if (c == '[' || c == ']' || c == ':' || c == '\\') {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

std::string zsh_action(const Spec& s) {
  if (!s.choices.empty()) return fmt::format("({})", words(s.choices));
  if (s.value == Spec::Value::file) return "_files";
  if (s.value == Spec::Value::folder) return "_files -/";
  return " ";
}

std::string zsh_specs(const std::vector<Spec>& options, const std::vector<Spec>& arguments) {
  std::string out;
  for (const Spec& o : options) {
    for (const auto& name : o.names) {
      out += fmt::format(" \\\n      '{}[{}]{}'", name, zsh_quote(o.help),
                         o.takes_value ? ":value:" + zsh_action(o) : "");
    }
  }
  for (const Spec& a : arguments) {
    const bool many = a.value == Spec::Value::file;  // files: any number of them
    out += fmt::format(" \\\n      '{}:{}:{}'", many ? "*" : "1", zsh_quote(a.help), zsh_action(a));
  }
  return out;
}

std::string zsh_script(const CommandSpec& root, const std::vector<CommandSpec>& commands) {
  std::string described, arms;
  for (const CommandSpec& c : commands) {
    described += fmt::format("\n    '{}:{}'", c.name, zsh_quote(c.help));
    arms += fmt::format("      {})\n        _arguments{} ;;\n", c.name, zsh_specs(c.options, c.arguments));
  }
  return fmt::format(R"(#compdef inspectrack
# zsh completion for inspectrack, generated by `inspectrack completion zsh`
_inspectrack() {{
  local curcontext="$curcontext" state line
  local -a commands
  commands=({0}
  )
  _arguments -C{1} \
      '1:command:->command' \
      '*::argument:->argument'
  case $state in
    command) _describe -t commands 'inspectrack command' commands ;;
    argument)
      case $line[1] in
{2}      esac ;;
  esac
}}
_inspectrack "$@"
)",
                     described, zsh_specs(root.options, {}), arms);
}

}  // namespace

std::string completion_script(Shell shell, const CLI::App& root) {
  const CommandSpec program = describe(root);
  std::vector<CommandSpec> commands;
  for (const CLI::App* sub : root.get_subcommands([](const CLI::App*) { return true; })) {
    commands.push_back(describe_command(*sub));
  }
  return shell == Shell::bash ? bash_script(program, commands) : zsh_script(program, commands);
}

}  // namespace inspectrack::cli
