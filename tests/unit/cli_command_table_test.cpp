// Every command of the table, run in-process: its happy path and its usage errors.

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "cli_test_support.hpp"

using test_support::Cli;
using test_support::example;
using test_support::Ran;
using test_support::usage_error;

namespace {

const std::vector<std::string> kAsOf = {"--as-of", "2021-07-26"};

// `words` then --as-of 2021-07-26.
std::vector<std::string> as_of(std::vector<std::string> words) {
  words.insert(words.end(), kAsOf.begin(), kAsOf.end());
  return words;
}

void check_usage_error(const Ran& ran, const std::string& message) {
  CHECK(ran.status == 64);
  CHECK(ran.out.empty());
  CHECK(ran.err == usage_error(message));
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("command table: every command has its own --help, with the report options it binds") {
  struct Group {
    std::vector<std::string> commands;
    std::vector<std::string> present, absent;  // in their --help
  };
  const std::string formats = "--format TEXT:{csv,json,markdown,table}";
  const std::vector<Group> groups = {
      {{"list", "show", "overdue", "due", "remind"}, {formats, "--bom", "--days TEXT:{calendar,working}"}, {}},
      {{"summary", "calendar", "log", "check"}, {formats, "--bom"}, {"--days"}},
      {{"workdays", "deadline"}, {"--format TEXT:{table,json}"}, {"--bom", "--days"}},
      {{"template", "validate", "import", "done", "extend", "cancel", "reopen", "verify", "note", "backup"},
       {},
       {"--format", "--bom", "--days"}},
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

TEST_CASE("command table: template") {
  const Cli cli;
  const Ran ran = cli.ok({"template", "units"});
  CHECK(has(ran.out, "units:"));
  check_usage_error(cli.run({"template"}), "kind is required");
  check_usage_error(cli.run({"template", "unit"}), "kind: unit not in {inspection,units,progress,calendar}");
}

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

TEST_CASE("command table: list") {
  Cli cli;
  cli.import_chu_prong();
  Ran ran = cli.ok(as_of({"list", "units", "--format", "csv"}));
  CHECK(has(ran.out, "ia-me,"));
  ran = cli.ok(as_of({"list", "tasks", "--unit", "ia-me", "--status", "open", "--format", "json", "--days",
                       "calendar"}));
  CHECK(ran.out.starts_with("[\n"));
  check_usage_error(cli.run(as_of({"list"})), "what is required");
  check_usage_error(cli.run(as_of({"list", "task"})), "what: task not in {tasks,findings,inspections,units}");
  check_usage_error(cli.run(as_of({"list", "tasks", "--status", "late"})),
                    "--status: late not in {open,done,verified,cancelled}");
  const Ran typo = cli.run(as_of({"list", "tasks", "--unit", "ia-mee"}));
  CHECK(typo.status == 64);
  CHECK(typo.err == "inspectrack: error: --unit 'ia-mee': no such key; did you mean 'ia-me'?\n");
}

TEST_CASE("command table: show") {
  Cli cli;
  cli.import_chu_prong();
  const Ran ran = cli.ok(as_of({"show", "1", "--format", "json"}));
  CHECK(has(ran.out, "thong-bao-ket-qua@chu-prong.noi-vu"));
  check_usage_error(cli.run(as_of({"show"})), "id is required");
  check_usage_error(cli.run(as_of({"show", "1", "--days", "some"})), "--days: some not in {calendar,working}");
}

TEST_CASE("command table: overdue") {
  Cli cli;
  cli.import_chu_prong();
  Ran ran = cli.ok(as_of({"overdue", "--format", "csv", "--bom"}));
  CHECK(ran.out.starts_with("\xEF\xBB\xBF"));
  CHECK(cli.run(as_of({"overdue", "--exit-code"})).status == 1);
  ran = cli.run(as_of({"overdue", "-q"}));
  CHECK(ran.status == 1);
  CHECK(ran.out.empty());
  check_usage_error(cli.run(as_of({"overdue", "--format", "xml"})), "--format: xml not in {csv,json,markdown,table}");
  check_usage_error(cli.run(as_of({"overdue", "--status", "open"})), "the following arguments were not expected: open --status");
}

TEST_CASE("command table: due") {
  Cli cli;
  cli.import_chu_prong();
  const Ran ran = cli.ok(as_of({"due", "--within", "30", "--format", "markdown"}));
  CHECK(ran.out.starts_with("| ID | Unit | Action |"));
  check_usage_error(cli.run(as_of({"due"})), "--within is required");
  check_usage_error(cli.run(as_of({"due", "--within", "-1"})), "--within: Value -1 not in range 0 to 3650");
}

TEST_CASE("command table: summary") {
  Cli cli;
  cli.import_chu_prong();
  const Ran ran = cli.ok(as_of({"summary", "--by", "inspection", "--format", "json"}));
  CHECK(has(ran.out, "{\"group\": \"gia-lai-cchc-2021-chu-prong\""));
  check_usage_error(cli.run(as_of({"summary"})), "--by is required");
  check_usage_error(cli.run(as_of({"summary", "--by", "year"})), "--by: year not in {area,inspection,unit}");
  check_usage_error(cli.run(as_of({"summary", "--by", "unit", "--days", "calendar"})),
                    "the following arguments were not expected: calendar --days");
}

TEST_CASE("command table: calendar, workdays, deadline need no database") {
  const Cli cli;
  Ran ran = cli.ok(as_of({"calendar", "2021", "--format", "csv"}));
  CHECK(has(ran.out, "2021-02-10"));
  ran = cli.ok({"workdays", "2021-07-01", "2021-07-31"});
  CHECK(ran.out.starts_with("22 working days from 2021-07-01 to 2021-07-31"));
  ran = cli.ok({"deadline", "2021-02-05", "10 working days", "--format", "json"});
  CHECK(has(ran.out, "\"last_day\": \"2021-02-26\""));
  CHECK_FALSE(std::filesystem::exists(cli.dir.file("test.db")));
  check_usage_error(cli.run({"calendar", "0"}), "year: Value 0 not in range 1 to 9999");
  check_usage_error(cli.run({"workdays", "2021-07-01"}), "to is required");
  check_usage_error(cli.run({"workdays", "2021-07-01", "2021-07-31", "--format", "csv"}),
                    "--format: csv not in {table,json}");
  check_usage_error(cli.run({"deadline", "2021-02-05"}), "period is required");
}

TEST_CASE("command table: done, extend, cancel, reopen, verify, note") {
  Cli cli;
  cli.import_chu_prong();
  Ran ran = cli.ok(as_of({"done", "4", "--on", "21/7/2021", "--evidence", "Báo cáo số 45", "--by", "Nguyễn Văn A"}));
  CHECK(ran.out == "gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@bau-can (4): done — status, done_on\n");
  ran = cli.ok({"verify", "4", "--on", "28/7/2021", "--note", "Đã kiểm tra", "--as-of", "2021-07-29"});
  CHECK(ran.out == "gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@bau-can (4): verify — status, verified_on\n");
  ran = cli.ok({"reopen", "4", "--reason", "Chưa đủ", "--as-of", "2021-07-29"});
  CHECK(has(ran.out, "(4): reopen"));
  ran = cli.ok(as_of({"extend", "6", "--to", "5/8/2021", "--reason", "Chờ", "--approved-by", "Phó Chủ tịch"}));
  CHECK(ran.out == "gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@ia-me (6): extend — last_day, extensions\n");
  ran = cli.ok(as_of({"cancel", "23", "--reason", "Không còn phải làm"}));
  CHECK(ran.out == "gia-lai-cchc-2021-chu-prong/tu-kiem-tra@tt-chu-prong (23): cancel — status\n");
  ran = cli.ok(as_of({"note", "6", "Đã nhắc qua điện thoại"}));
  CHECK(ran.out == "gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@ia-me (6): note\n");
  const Ran log = cli.ok(as_of({"log", "4", "--format", "csv"}));
  CHECK(has(log.out, "Nguyễn Văn A"));
  CHECK(has(log.out, "tester"));

  check_usage_error(cli.run(as_of({"done"})), "id is required");
  check_usage_error(cli.run(as_of({"extend", "6", "--reason", "Chờ"})), "--to is required");
  check_usage_error(cli.run(as_of({"cancel", "23"})), "--reason is required");
  check_usage_error(cli.run(as_of({"reopen", "4"})), "--reason is required");
  check_usage_error(cli.run(as_of({"verify", "4", "--evidence", "x"})),
                    "the following arguments were not expected: x --evidence");
  check_usage_error(cli.run(as_of({"note", "6"})), "text is required");
}

TEST_CASE("command table: log") {
  Cli cli;
  cli.import_chu_prong();
  const Ran ran = cli.ok(as_of({"log", "--format", "json"}));
  CHECK(ran.out.starts_with("[\n"));
  check_usage_error(cli.run(as_of({"log", "1", "2"})), "the following argument was not expected: 2");
}

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
                      "--within: Value 366 not in range 0 to 365");
    const Ran nowhere = cli.run(as_of({"remind", "--from", "vanphong@example.vn"}));
    CHECK(nowhere.status == 64);
    CHECK(nowhere.err.starts_with("inspectrack: error: remind needs to know where the messages go"));
  }
}

TEST_CASE("command table: check, backup") {
  Cli cli;
  cli.import_chu_prong();
  Ran ran = cli.ok({"check", "--format", "csv"});
  CHECK(ran.out.starts_with("check,ok,problems,description,details\r\n"));
  const std::string copy = cli.dir.file("copy.db");
  ran = cli.ok({"backup", copy});
  CHECK(ran.out == "backed up '" + cli.dir.file("test.db") + "' to '" + copy + "' (integrity checked)\n");
  CHECK(std::filesystem::exists(copy));
  check_usage_error(cli.run({"check", "--format", "xml"}), "--format: xml not in {csv,json,markdown,table}");
  check_usage_error(cli.run({"backup"}), "file is required");
}
