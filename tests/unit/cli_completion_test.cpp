// The completion scripts, generated from the command table, run in the shells they
// are for.

#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "cli_test_support.hpp"

using test_support::Cli;
using test_support::has;
using test_support::Ran;

namespace {

// What `command` (run by sh) prints on standard output.
std::string output_of(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  ::pclose(pipe);
  return out;
}

// The words bash's completion offers for the command line `words`, the last one being
// completed, with the script in `script` loaded.
std::string bash_completes(const std::string& script, std::string words) {
  if (words.ends_with(' ')) words += "\"\"";  // the word being typed is still empty
  return output_of("bash --norc --noprofile -c '. \"$0\"; COMP_WORDS=(" + words +
                   "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _inspectrack; echo \"${COMPREPLY[*]}\"' " +
                   script);
}

}  // namespace

TEST_CASE("completion: bash completes commands, options, choices and file arguments") {
  const Cli cli;
  const Ran ran = cli.ok({"completion", "bash"});
  const std::string script = cli.dir.file("inspectrack.bash");
  std::ofstream(script) << ran.out;
  CHECK(bash_completes(script, "inspectrack ov") == "overdue\n");
  CHECK(bash_completes(script, "inspectrack overdue --for") == "--format\n");
  CHECK(bash_completes(script, "inspectrack --db x.db overdue --format m") == "markdown\n");
  CHECK(bash_completes(script, "inspectrack workdays --format ") == "table json\n");
  CHECK(bash_completes(script, "inspectrack --lang ") == "vi en\n");
  CHECK(bash_completes(script, "inspectrack list t") == "tasks\n");
  CHECK(bash_completes(script, "inspectrack summary --by ") == "area inspection unit\n");
  CHECK(bash_completes(script, "inspectrack overdue --by ") == "inspection report-to unit\n");
  // Files for import and validate: the script itself is one.
  CHECK(
      has(bash_completes(script, "inspectrack import " + cli.dir.file("inspectrack.b")), "inspectrack.bash"));
  // A global option after the command, as the command line takes it.
  CHECK(bash_completes(script, "inspectrack due --as") == "--as-of\n");
}

TEST_CASE("completion: bash completes a command of commands (document) and their options") {
  const Cli cli;
  const Ran ran = cli.ok({"completion", "bash"});
  const std::string script = cli.dir.file("inspectrack.bash");
  std::ofstream(script) << ran.out;
  CHECK(bash_completes(script, "inspectrack document ") == "report reminder-letter\n");
  CHECK(bash_completes(script, "inspectrack document report --ch") == "--chart\n");
  CHECK(bash_completes(script, "inspectrack document reminder-letter --per") == "--per-unit\n");
  CHECK(bash_completes(script, "inspectrack document report --off") == "--office\n");
}

TEST_CASE("completion: zsh parses the zsh script, which names every command and its options") {
  const Cli cli;
  const Ran ran = cli.ok({"completion", "zsh"});
  CHECK(ran.out.starts_with("#compdef inspectrack\n"));
  for (const char* word : {"'overdue:", "'--format[", "(csv json markdown table)", "'*:YAML files:_files'",
                           "'--maildir[Deliver the messages into this maildir]:value:_files -/'"}) {
    CAPTURE(word);
    CHECK(has(ran.out, word));
  }
  const std::string script = cli.dir.file("_inspectrack");
  std::ofstream(script) << ran.out;
  CHECK(output_of("zsh -n " + script + " 2>&1; echo $?") == "0\n");
}

TEST_CASE("completion: a shell it does not know is a usage error") {
  test_support::check_usage_error(Cli().run({"completion", "fish"}), "shell: 'fish' is not one of 'bash', 'zsh'");
}
