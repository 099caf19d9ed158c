// `validate` and `import`, run in-process: their happy paths and their usage errors.

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "cli_test_support.hpp"

using test_support::Cli;
using test_support::example;
using test_support::Ran;
using test_support::as_of;
using test_support::check_usage_error;
using test_support::has;

TEST_CASE("command table: validate") {
  const Cli cli;
  const Ran ran = cli.ok({"validate", example("units-chu-prong.yaml"), example("chu-prong-2021.yaml")});
  CHECK(ran.out.starts_with("ok: 2 file(s), 0 calendar(s), "));
  CHECK_FALSE(std::filesystem::exists(cli.dir.file("test.db")));
  check_usage_error(cli.run({"validate"}), "files is required");
  check_usage_error(cli.run({"validate", "--max-file-size", "0", example("units-chu-prong.yaml")}),
                    "--max-file-size: '0' is not a number of bytes from 1 to 1073741824 (1 GiB)");
}

TEST_CASE("command table: import") {
  const Cli cli;
  Ran ran = cli.ok(as_of({"import", "--dry-run", example("units-chu-prong.yaml")}));
  CHECK_FALSE(std::filesystem::exists(cli.dir.file("test.db")));
  ran = cli.ok(as_of({"import", "--by", "Phòng Nội vụ", example("units-chu-prong.yaml"),
                       example("chu-prong-2021.yaml")}));
  CHECK(has(ran.out, " added, 0 changed, 0 unchanged"));
  CHECK(has(cli.run(as_of({"log", "1"})).out, "Phòng Nội vụ"));
  check_usage_error(cli.run({"import"}), "files is required");
  check_usage_error(cli.run({"import", "--max-file-size", "-1", example("units-chu-prong.yaml")}),
                    "--max-file-size: '-1' is not a number of bytes from 1 to 1073741824 (1 GiB)");
}
