// The reports (list, show, overdue, due, summary, log), run in-process: their happy paths and their usage errors.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cli_test_support.hpp"

using test_support::Cli;
using test_support::Ran;
using test_support::as_of;
using test_support::check_usage_error;
using test_support::has;

TEST_CASE("command table: list") {
  Cli cli;
  cli.import_chu_prong();
  Ran ran = cli.ok(as_of({"list", "units", "--format", "csv"}));
  CHECK(has(ran.out, "ia-me,"));
  ran = cli.ok(as_of({"list", "tasks", "--unit", "ia-me", "--status", "open", "--format", "json", "--days",
                       "calendar"}));
  CHECK(ran.out.starts_with("[\n"));
  check_usage_error(cli.run(as_of({"list"})), "what is required");
  check_usage_error(cli.run(as_of({"list", "task"})),
                    "what: 'task' is not one of 'tasks', 'findings', 'inspections', 'units'; did you mean 'tasks'?");
  check_usage_error(cli.run(as_of({"list", "tasks", "--status", "late"})),
                    "--status: 'late' is not one of 'open', 'done', 'verified', 'cancelled'");
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
  check_usage_error(cli.run(as_of({"show", "1", "--days", "some"})),
                    "--days: 'some' is not one of 'calendar', 'working'");
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
  check_usage_error(cli.run(as_of({"overdue", "--format", "xml"})),
                    "--format: 'xml' is not one of 'csv', 'json', 'markdown', 'table', 'xlsx'");
  check_usage_error(cli.run(as_of({"overdue", "--status", "open"})), "unknown option '--status'");
}

TEST_CASE("command table: overdue and due --by") {
  Cli cli;
  cli.import_chu_prong();
  const Ran by_inspection = cli.ok(as_of({"overdue", "--by", "inspection", "--format", "markdown"}));
  CHECK(by_inspection.out.starts_with("## Overdue tasks by inspection\n"));
  CHECK(has(by_inspection.out,
            "\n### Kiểm tra công tác cải cách hành chính tại huyện Chư Prông "
            "(gia-lai-cchc-2021-chu-prong) ("));
  CHECK(has(by_inspection.out, "| No. | ID | Unit | Action |"));
  // The default is by unit, as without --by.
  CHECK(cli.ok(as_of({"overdue", "--by", "unit"})).out == cli.ok(as_of({"overdue"})).out);
  const Ran due =
      cli.ok(as_of({"--lang", "vi", "due", "--within", "30", "--by", "report-to", "--format", "markdown"}));
  CHECK(due.out.starts_with("## Nhiệm vụ đến hạn trong 30 ngày làm việc tới theo đơn vị nhận báo cáo\n"));
  CHECK(has(due.out, "\n### Sở Nội vụ tỉnh Gia Lai (gia-lai.so-noi-vu) (1)\n"));
  check_usage_error(cli.run(as_of({"overdue", "--by", "area"})),
                    "--by: 'area' is not one of 'inspection', 'report-to', 'unit'");
  check_usage_error(
      cli.run(as_of({"due", "--by", "inspections"})),
      "--by: 'inspections' is not one of 'inspection', 'report-to', 'unit'; did you mean 'inspection'?");
}

TEST_CASE("command table: due") {
  Cli cli;
  cli.import_chu_prong();
  const Ran ran = cli.ok(as_of({"due", "--within", "30", "--format", "markdown"}));
  CHECK(ran.out.starts_with("## Tasks due within 30 working days\n"));
  CHECK(has(ran.out, "| No. | ID | Unit | Action |"));
  CHECK(cli.ok(as_of({"due", "--within", "30", "--format", "markdown", "--no-header"})).out.starts_with("| No. |"));
  // Without --within, a working week ahead: from Tuesday 20/7/2021 to Tuesday 27/7,
  // when a task is due (--within 4 ends on Monday 26/7 and has none).
  const auto due = [&](std::vector<std::string> words) {
    words.insert(words.begin(), {"due", "--as-of", "2021-07-20", "--format", "json"});
    return cli.ok(words).out;
  };
  CHECK(due({}) == due({"--within", "5"}));
  CHECK(has(due({}), "\"due\": \"2021-07-27\""));
  CHECK_FALSE(has(due({"--within", "4"}), "2021-07-27"));
  check_usage_error(cli.run(as_of({"due", "--within", "-1"})),
                    "--within: '-1' is not a whole number from 0 to 3650");
}

TEST_CASE("command table: summary") {
  Cli cli;
  cli.import_chu_prong();
  Ran ran = cli.ok(as_of({"summary", "--by", "inspection", "--format", "json"}));
  CHECK(has(ran.out, "{\"group\": \"gia-lai-cchc-2021-chu-prong\""));
  ran = cli.ok(as_of({"summary", "--by", "inspection", "--inspection", "gia-lai-cchc-2021-chu-prong"}));
  CHECK(ran.out.starts_with("Summary by inspection \u2014 inspection: gia-lai-cchc-2021-chu-prong\nAs of "));
  CHECK(has(ran.out, "\n     Total "));
  ran = cli.ok(as_of({"summary", "--by", "inspection", "--format", "csv", "--no-header"}));
  CHECK(ran.out.starts_with("gia-lai-cchc-2021-chu-prong,"));
  CHECK(cli.ok(as_of({"summary"})).out == cli.ok(as_of({"summary", "--by", "unit"})).out);
  check_usage_error(cli.run(as_of({"summary", "--by", "year"})),
                    "--by: 'year' is not one of 'area', 'inspection', 'unit'");
  check_usage_error(cli.run(as_of({"summary", "--by", "unit", "--days", "calendar"})),
                    "unknown option '--days'");
}

TEST_CASE("command table: log") {
  Cli cli;
  cli.import_chu_prong();
  const Ran ran = cli.ok(as_of({"log", "--format", "json"}));
  CHECK(ran.out.starts_with("[\n"));
  check_usage_error(cli.run(as_of({"log", "1", "2"})), "unexpected argument '2'");
}
