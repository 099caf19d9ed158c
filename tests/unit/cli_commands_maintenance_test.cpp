// `check` and `backup`, run in-process: their happy paths and their usage errors.

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "cli_test_support.hpp"

using test_support::Cli;
using test_support::Ran;
using test_support::check_usage_error;

TEST_CASE("command table: check, backup") {
  Cli cli;
  cli.import_chu_prong();
  Ran ran = cli.ok({"check", "--format", "csv"});
  CHECK(ran.out.starts_with("Check,Passed,Problems,What must hold,Details\r\n"));
  const std::string copy = cli.dir.file("copy.db");
  ran = cli.ok({"backup", copy});
  CHECK(ran.out == "backed up '" + cli.dir.file("test.db") + "' to '" + copy + "' (integrity checked)\n");
  CHECK(std::filesystem::exists(copy));
  check_usage_error(cli.run({"check", "--format", "xml"}),
                    "--format: 'xml' is not one of 'csv', 'json', 'markdown', 'table', 'xlsx'");
  check_usage_error(cli.run({"backup"}), "file is required");
}
