// `calendar`, `workdays` and `deadline`, run in-process: their happy paths and their usage errors.

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "cli_test_support.hpp"

using test_support::Cli;
using test_support::Ran;
using test_support::as_of;
using test_support::check_usage_error;
using test_support::has;

TEST_CASE("command table: calendar, workdays, deadline need no database") {
  const Cli cli;
  Ran ran = cli.ok(as_of({"calendar", "2021", "--format", "csv"}));
  CHECK(has(ran.out, "2021-02-10"));
  ran = cli.ok({"workdays", "2021-07-01", "2021-07-31"});
  CHECK(ran.out.starts_with("22 working days from 2021-07-01 to 2021-07-31"));
  ran = cli.ok({"deadline", "2021-02-05", "10 working days", "--format", "json"});
  CHECK(has(ran.out, "\"last_day\": \"2021-02-26\""));
  CHECK_FALSE(std::filesystem::exists(cli.dir.file("test.db")));
  check_usage_error(cli.run({"calendar", "0"}), "year: '0' is not a whole number from 1 to 9999");
  check_usage_error(cli.run({"workdays", "2021-07-01"}), "to is required");
  check_usage_error(cli.run({"workdays", "2021-07-01", "2021-07-31", "--format", "csv"}),
                    "--format: 'csv' is not one of 'table', 'json'");
  check_usage_error(cli.run({"deadline", "2021-02-05"}), "period is required");
}
