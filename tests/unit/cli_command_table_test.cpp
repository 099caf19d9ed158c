// The command table as a whole: every command has its own --help and the report options it binds.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cli_test_support.hpp"

using test_support::Cli;
using test_support::Ran;
using test_support::has;

TEST_CASE("command table: every command has its own --help, with the report options it binds") {
  struct Group {
    std::vector<std::string> commands;
    std::vector<std::string> present, absent;  // in their --help
  };
  const std::string formats = "--format TEXT:{csv,json,markdown,table}";
  const std::string workbook = "--format TEXT:{csv,json,markdown,table,xlsx}";
  const std::vector<Group> groups = {
      {{"show", "remind"}, {formats, "--bom", "--days TEXT:{calendar,working}"}, {"xlsx", "--output"}},
      {{"list", "overdue", "due"}, {workbook, "--output", "--bom", "--days TEXT:{calendar,working}"}, {}},
      {{"summary", "calendar", "log", "check"}, {workbook, "--output", "--bom"}, {"--days"}},
      {{"workdays", "deadline"}, {"--format TEXT:{table,json}"}, {"--bom", "--days"}},
      {{"template", "validate", "import", "done", "extend", "cancel", "reopen", "verify", "note", "backup"},
       {},
       {"--format", "--bom", "--days", "--output"}},
  };
  const Cli cli;
  for (const Group& group : groups) {
    for (const std::string& name : group.commands) {
      CAPTURE(name);
      const Ran ran = cli.ok({name, "--help"});
      CHECK(has(ran.out, "Usage: inspectrack " + name));
      for (const auto& option : group.present) CHECK(has(ran.out, option));
      for (const auto& option : group.absent) CHECK_FALSE(has(ran.out, option));
    }
  }
}
