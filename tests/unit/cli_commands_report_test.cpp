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
  check_usage_error(cli.run(as_of({"overdue", "--format", "xml"})),
                    "--format: xml not in {csv,json,markdown,table,xlsx}");
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

TEST_CASE("command table: log") {
  Cli cli;
  cli.import_chu_prong();
  const Ran ran = cli.ok(as_of({"log", "--format", "json"}));
  CHECK(ran.out.starts_with("[\n"));
  check_usage_error(cli.run(as_of({"log", "1", "2"})), "the following argument was not expected: 2");
}
