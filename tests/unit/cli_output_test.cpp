// --output and --format xlsx, run in-process: a report written to a new file, never
// over one, and a workbook never to a terminal.

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "cli_test_support.hpp"

using test_support::as_of;
using test_support::Cli;
using test_support::has;
using test_support::Ran;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

unsigned mode_of(const std::string& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 0777u;
}

}  // namespace

TEST_CASE("--output: the report in a new file, standard output empty") {
  Cli cli;
  cli.import_chu_prong();
  const std::string path = cli.dir.file("overdue.csv");
  const Ran printed = cli.ok(as_of({"overdue", "--format", "csv"}));
  const Ran ran = cli.ok(as_of({"overdue", "--format", "csv", "--output", path}));
  CHECK(ran.out.empty());
  CHECK(read_file(path) == printed.out);
  CHECK(mode_of(path) == 0600);

  SUBCASE("an existing file is never overwritten") {
    const Ran again = cli.run(as_of({"overdue", "--format", "json", "--output", path}));
    CHECK(again.status == 73);
    CHECK(again.out.empty());
    CHECK(again.err == "inspectrack: error: cannot create '" + path +
                           "': it already exists; inspectrack never overwrites a file\n");
    CHECK(read_file(path) == printed.out);
  }
  SUBCASE("a table in a file is as wide as its text, without colour") {
    cli.env.stdout_is_terminal = true;
    cli.env.terminal_width = 40;
    const std::string table = cli.dir.file("summary.txt");
    cli.ok(as_of({"--color", "always", "summary", "--by", "unit", "--output", table}));
    CHECK(has(read_file(table), "UBND huyện Chư Prông"));
    CHECK_FALSE(has(read_file(table), "\x1b["));
  }
  SUBCASE("the report's own exit status is kept") {
    const std::string found = cli.dir.file("found.txt");
    CHECK(cli.run(as_of({"overdue", "--exit-code", "--output", found})).status == 1);
    CHECK(has(read_file(found), "Ia Me"));
  }
  SUBCASE("a folder that does not exist: 73, nothing made") {
    const Ran missing = cli.run(as_of({"list", "units", "--output", cli.dir.file("no/units.txt")}));
    CHECK(missing.status == 73);
    CHECK(has(missing.err, "no/units.txt"));
  }
}

TEST_CASE("--format xlsx: a workbook, only to a file") {
  Cli cli;
  cli.import_chu_prong();
  SUBCASE("never to a terminal") {
    const Ran ran = cli.run(as_of({"overdue", "--format", "xlsx"}));
    CHECK(ran.status == 64);
    CHECK(ran.out.empty());
    CHECK(has(ran.err, "--format xlsx needs --output FILE: a workbook is never written to a terminal"));
  }
  SUBCASE("every report that fits a sheet") {
    const std::vector<std::vector<std::string>> reports = {{"list", "tasks"},
                                                           {"list", "findings"},
                                                           {"list", "inspections"},
                                                           {"list", "units"},
                                                           {"overdue"},
                                                           {"due", "--within", "30"},
                                                           {"summary", "--by", "unit"},
                                                           {"summary", "--by", "area"},
                                                           {"calendar"},
                                                           {"check"},
                                                           {"log"}};
    for (std::size_t i = 0; i < reports.size(); ++i) {
      const std::string path = cli.dir.file("report" + std::to_string(i) + ".xlsx");
      std::vector<std::string> words = reports[i];
      words.insert(words.end(), {"--format", "xlsx", "--output", path});
      INFO(words.front());
      const Ran ran = cli.ok(as_of(words));
      CHECK(ran.out.empty());
      CHECK(read_file(path).substr(0, 4) == "PK\x03\x04");
      CHECK(mode_of(path) == 0600);
    }
  }
  SUBCASE("not show (a record and its history are two tables) nor remind") {
    CHECK(cli.run(as_of({"show", "1", "--format", "xlsx"})).status == 64);
    CHECK(cli.run(as_of({"show", "1", "--output", cli.dir.file("x")})).status == 64);
    CHECK(cli.run(as_of({"remind", "--dry-run", "--format", "xlsx"})).status == 64);
  }
  SUBCASE("an existing file is never overwritten") {
    const std::string path = cli.dir.file("summary.xlsx");
    std::ofstream(path) << "mine";
    const Ran ran = cli.run(as_of({"summary", "--by", "unit", "--format", "xlsx", "--output", path}));
    CHECK(ran.status == 73);
    CHECK(read_file(path) == "mine");
  }
}

TEST_CASE("--sep: CSV's separator, for CSV only") {
  Cli cli;
  cli.import_chu_prong();
  const Ran ran = cli.ok(as_of({"summary", "--by", "unit", "--format", "csv", "--sep", ";"}));
  CHECK(ran.out.starts_with("Unit;Name;Findings;Tasks;"));
  CHECK(has(ran.out, "\r\nia-me;UBND xã Ia Me;0;3;"));
  const Ran streamed = cli.ok(as_of({"overdue", "--format", "csv", "--sep", ";", "--bom"}));
  CHECK(streamed.out.starts_with("\xEF\xBB\xBFID;Key;Inspection;"));
  CHECK(cli.ok(as_of({"overdue", "--format", "csv", "--sep", ","})).out ==
        cli.ok(as_of({"overdue", "--format", "csv"})).out);
  for (const auto& words : std::vector<std::vector<std::string>>{
           {"overdue", "--sep", ";"}, {"list", "units", "--format", "json", "--sep", ";"}}) {
    const Ran refused = cli.run(as_of(words));
    CHECK(refused.status == 64);
    CHECK(refused.out.empty());
    CHECK(refused.err == "inspectrack: error: --sep is CSV's separator: give --format csv too\n");
  }
  test_support::check_usage_error(
      cli.run(as_of({"summary", "--by", "unit", "--sep", "|", "--format", "csv"})), "--sep: '|' is not one of ',', ';'; did you mean ','?");
}
