// The task changes (done, extend, cancel, reopen, verify, note), run in-process: their happy paths and their usage errors.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cli_test_support.hpp"

using test_support::Cli;
using test_support::Ran;
using test_support::as_of;
using test_support::check_usage_error;
using test_support::has;

TEST_CASE("command table: done, extend, cancel, reopen, verify, note") {
  Cli cli;
  cli.import_chu_prong();
  Ran ran = cli.ok(as_of({"done", "4", "--on", "21/7/2021", "--evidence", "Báo cáo số 45", "--by", "Nguyễn Văn A"}));
  CHECK(ran.out == "gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@bau-can (4): done — Status, Done on\n");
  ran = cli.ok({"verify", "4", "--on", "28/7/2021", "--note", "Đã kiểm tra", "--as-of", "2021-07-29"});
  CHECK(ran.out ==
        "gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@bau-can (4): verified — Status, Verified on\n");
  ran = cli.ok({"reopen", "4", "--reason", "Chưa đủ", "--as-of", "2021-07-29"});
  CHECK(has(ran.out, "(4): reopen"));
  ran = cli.ok(as_of({"extend", "6", "--to", "5/8/2021", "--reason", "Chờ", "--approved-by", "Phó Chủ tịch"}));
  CHECK(ran.out ==
        "gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@ia-me (6): extended — Last day, Extensions\n");
  ran = cli.ok(as_of({"cancel", "23", "--reason", "Không còn phải làm"}));
  CHECK(ran.out == "gia-lai-cchc-2021-chu-prong/tu-kiem-tra@tt-chu-prong (23): cancelled — Status\n");
  ran = cli.ok(as_of({"note", "6", "Đã nhắc qua điện thoại"}));
  CHECK(ran.out == "gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@ia-me (6): note\n");
  const Ran log = cli.ok(as_of({"log", "4", "--format", "csv"}));
  CHECK(has(log.out, "Nguyễn Văn A"));
  CHECK(has(log.out, "tester"));

  check_usage_error(cli.run(as_of({"done"})), "id is required");
  check_usage_error(cli.run(as_of({"extend", "6", "--reason", "Chờ"})), "--to is required");
  check_usage_error(cli.run(as_of({"cancel", "23"})), "--reason is required");
  check_usage_error(cli.run(as_of({"reopen", "4"})), "--reason is required");
  check_usage_error(cli.run(as_of({"verify", "4", "--evidence", "x"})), "unknown option '--evidence'");
  check_usage_error(cli.run(as_of({"note", "6"})), "text is required");
}

TEST_CASE("command table: a prefix of several task keys lists them, in done, show and log") {
  Cli cli;
  cli.import_chu_prong();
  const std::string two =
      "'gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@b' is the start of 2 task keys: "
      "gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@bau-can, "
      "gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@binh-giao; give more of the key";
  for (const std::string command : {"done", "show", "log"}) {
    CAPTURE(command);
    const Ran ran = cli.run(as_of({command, "gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@b"}));
    CHECK(ran.status == 64);
    CHECK(ran.err == "inspectrack: error: " + two + "\n");
  }
  // Ten of them, then how many more; in Vietnamese too.
  const Ran many = cli.run(as_of({"--lang", "vi", "show", "gia-lai-cchc-2021-chu-prong/"}));
  CHECK(many.status == 64);
  CHECK(has(many.err, "'gia-lai-cchc-2021-chu-prong/' là phần đầu của "));
  CHECK(has(many.err, "khóa khác; hãy gõ thêm phần sau của khóa"));
  // A unique prefix still names its task.
  CHECK(cli.run(as_of({"show", "gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@bau"})).status == 0);
}
