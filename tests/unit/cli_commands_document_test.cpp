// document report|reminder-letter on the command line: the refusals a user meets before
// any document is written (the office, the file, the options of the other
// subcommand), each with its exit status and message.
#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "cli_test_support.hpp"

using test_support::Cli;
using test_support::Ran;
using test_support::usage_error;

TEST_CASE("document: with no office stored, the error says to import an office file (66)") {
  Cli cli;
  cli.import_chu_prong();
  for (const char* kind : {"report", "reminder-letter"}) {
    const Ran ran = cli.run({"document", kind, "--as-of", "29/7/2021", "--output", cli.dir.file("a.pdf")});
    CHECK(ran.status == 66);
    CHECK(ran.err ==
          "inspectrack: error: no office is stored to issue the document: import an office file (start one "
          "with "
          "'inspectrack template office')\n");
  }
}

TEST_CASE("document: the file's extension names the format, .docx or .pdf") {
  Cli cli;
  cli.import_chu_prong();
  const Ran ran = cli.run({"document", "report", "--output", cli.dir.file("a.odt")});
  CHECK(ran.status == 64);
  CHECK(ran.err == "inspectrack: error: --output '" + cli.dir.file("a.odt") +
                       "': a document is written as .docx or .pdf: end the file's name with one of them\n");
  CHECK(!std::ifstream(cli.dir.file("a.odt")).good());
}

TEST_CASE("document: an existing file is never written over (73), before any other work") {
  Cli cli;
  const std::string path = cli.dir.file("bao-cao.DOCX");
  std::ofstream(path) << "the clerk's draft";
  const Ran ran = cli.run({"document", "report", "--output", path});
  CHECK(ran.status == 73);
  CHECK(ran.err == "inspectrack: error: cannot create '" + path +
                       "': it already exists; inspectrack never overwrites a file\n");
  std::ifstream in(path);
  std::string kept;
  std::getline(in, kept);
  CHECK(kept == "the clerk's draft");
}

TEST_CASE("document: an option of the other subcommand, a bad date, a missing --output are usage errors") {
  Cli cli;
  cli.import_chu_prong();
  const std::string out = cli.dir.file("a.pdf");
  CHECK(cli.run({"document", "report", "--per-unit", "--output", out}).err ==
        usage_error("unknown option '--per-unit'"));
  CHECK(cli.run({"document", "reminder-letter", "--chart", "--output", out}).err ==
        usage_error("unknown option '--chart'"));
  for (const char* option : {"--date", "--reply-by"}) {
    const Ran ran = cli.run({"document", "reminder-letter", option, "31/2/2021", "--output", out});
    CHECK(ran.status == 64);
    CHECK(ran.err == std::string("inspectrack: error: ") + option +
                         " '31/2/2021' is not a date; write 2021-02-05 or 5/2/2021\n");
  }
  CHECK(cli.run({"document", "report"}).status == 64);
  CHECK(cli.run({"document"}).status == 64);
  CHECK(cli.run({"document", "memo", "--output", out}).status == 64);
}

TEST_CASE("document: a mistyped filter is the filter's usage error, with the nearest key") {
  Cli cli;
  cli.import_chu_prong();
  for (const char* kind : {"report", "reminder-letter"}) {
    const Ran ran = cli.run({"document", kind, "--inspection", "gia-lai-cchc-2021-chu-prongg", "--output",
                             cli.dir.file("a.pdf")});
    CHECK(ran.status == 64);
    CHECK(ran.err ==
          "inspectrack: error: --inspection 'gia-lai-cchc-2021-chu-prongg': no such key; did you mean "
          "'gia-lai-cchc-2021-chu-prong'?\n");
  }
}

TEST_CASE("document: its help lists both documents, and each its own options") {
  Cli cli;
  const Ran ran = cli.ok({"document", "--help"});
  CHECK(ran.out.find("report") != std::string::npos);
  CHECK(ran.out.find("reminder-letter") != std::string::npos);
  const Ran report = cli.ok({"document", "report", "--help"});
  CHECK(report.out.find("--chart") != std::string::npos);
  CHECK(report.out.find("--per-unit") == std::string::npos);
  const Ran letter = cli.ok({"document", "reminder-letter", "--help"});
  CHECK(letter.out.find("--reply-by") != std::string::npos);
  CHECK(letter.out.find("--chart") == std::string::npos);
}
