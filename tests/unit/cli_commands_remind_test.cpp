// `remind`, run in-process: its happy path and its usage errors.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cli_test_support.hpp"

using test_support::Cli;
using test_support::example;
using test_support::Ran;
using test_support::as_of;
using test_support::check_usage_error;

TEST_CASE("command table: remind") {
  Cli cli;
  cli.import_chu_prong();
  const std::vector<std::string> remind = {"remind", "--dry-run", "--unit", "ia-me", "--as-of", "2021-07-23"};
  SUBCASE("--from") {
    std::vector<std::string> words = remind;
    words.insert(words.end(), {"--from", "Văn phòng <vanphong@example.vn>"});
    const Ran ran = cli.ok(words);
    CHECK(ran.out.starts_with("From vanphong@example.vn "));
  }
  SUBCASE("the sender from the environment given") {
    cli.env.inspectrack_from = "vanphong@example.vn";
    const Ran ran = cli.ok(remind);
    CHECK(ran.out.starts_with("From vanphong@example.vn "));
    cli.env.inspectrack_from = "not an address";
    CHECK(cli.run(remind).err.starts_with("inspectrack: error: INSPECTRACK_FROM 'not an address'"));
  }
  SUBCASE("usage errors") {
    CHECK(cli.run(remind).err == "inspectrack: error: remind needs a sender: give --from ADDRESS or set "
                                 "INSPECTRACK_FROM (e.g. \"Văn phòng UBND huyện <vanphong@example.vn>\")\n");
    check_usage_error(cli.run(as_of({"remind", "--within", "366", "--dry-run"})),
                      "--within: '366' is not a whole number from 0 to 365");
    check_usage_error(cli.run(as_of({"remind", "--undated-after", "-1", "--dry-run"})),
                      "--undated-after: '-1' is not a whole number from 0 to 3650");
    const Ran nowhere = cli.run(as_of({"remind", "--from", "vanphong@example.vn"}));
    CHECK(nowhere.status == 64);
    CHECK(nowhere.err.starts_with("inspectrack: error: remind needs to know where the messages go"));
  }
}
