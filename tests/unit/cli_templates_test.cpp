// `template`, run in-process: its happy path and its usage errors.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cli_test_support.hpp"

using test_support::Cli;
using test_support::Ran;
using test_support::check_usage_error;
using test_support::has;

TEST_CASE("command table: template") {
  const Cli cli;
  const Ran ran = cli.ok({"template", "units"});
  CHECK(has(ran.out, "units:"));
  CHECK(has(cli.ok({"template", "office"}).out, "office:"));
  check_usage_error(cli.run({"template"}), "kind is required");
  check_usage_error(cli.run({"template", "unit"}),
                    "kind: 'unit' is not one of 'inspection', 'units', 'progress', 'office', 'calendar'; did "
                    "you mean 'units'?");
}
