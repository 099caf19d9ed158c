#include <doctest/doctest.h>

#include <string>

#include "cli_test_support.hpp"
#include "inspectrack/version.hpp"

using test_support::Cli;
using test_support::Ran;
using test_support::usage_error;

TEST_CASE("run: --help lists the global options and every command, exit 0") {
  const Cli cli;
  const Ran ran = cli.run({"--help"});
  CHECK(ran.status == 0);
  CHECK(ran.err.empty());
  for (const char* word : {"--db",    "--lang",   "--as-of",  "--color",  "--calendar", "--busy-timeout",
                           "--umask", "template", "validate", "import",   "list",       "show",
                           "overdue", "due",      "summary",  "calendar", "workdays",   "deadline",
                           "done",    "extend",   "cancel",   "reopen",   "verify",     "note",
                           "log",     "remind",   "check",    "backup",   "completion"}) {
    CAPTURE(word);
    CHECK(ran.out.find(std::string("  ") + word + " ") != std::string::npos);
  }
}

TEST_CASE("run: --version alone needs no command") {
  const Cli cli;
  const Ran ran = cli.run({"--version"});
  CHECK(ran.status == 0);
  CHECK(ran.out == std::string("inspectrack ") + inspectrack::kVersion + "\n");
}

TEST_CASE("run: no command, an unknown one and a typo are usage errors (64)") {
  const Cli cli;
  SUBCASE("none") {
    const Ran ran = cli.run({"--as-of", "2021-07-26"});
    CHECK(ran.status == 64);
    CHECK(ran.err == usage_error("a command is required"));
  }
  SUBCASE("a typo names the nearest command") {
    const Ran ran = cli.run({"--db", "x.db", "lisst", "tasks"});
    CHECK(ran.status == 64);
    CHECK(ran.err == usage_error("unknown command 'lisst'; did you mean 'list'?"));
  }
  SUBCASE("a global option's value is not taken for the command") {
    const Ran ran = cli.run({"--calendar", "list", "frobnicate"});
    CHECK(ran.status == 64);
    CHECK(ran.err == usage_error("unknown command 'frobnicate'"));
  }
}

TEST_CASE("run: a usage error is in the language of --lang, else of the locale") {
  Cli cli;
  const std::string vi = "inspectrack: lỗi: không có lệnh 'lisst'; có phải là 'list'?\n"
                         "Xem 'inspectrack --help' (hoặc 'inspectrack LỆNH --help') để biết cách dùng.\n";
  SUBCASE("--lang vi") { CHECK(cli.run({"--lang", "vi", "lisst"}).err == vi); }
  SUBCASE("--lang=vi") { CHECK(cli.run({"--lang=vi", "lisst"}).err == vi); }
  SUBCASE("LANG") {
    cli.env.lang = "vi_VN.UTF-8";
    CHECK(cli.run({"lisst"}).err == vi);
  }
  SUBCASE("--lang en over the locale") {
    cli.env.lc_all = "vi_VN.UTF-8";
    CHECK(cli.run({"--lang", "en", "lisst"}).err == usage_error("unknown command 'lisst'; did you mean 'list'?"));
  }
}

TEST_CASE("run: errors past the parse are mapped to their exit codes") {
  Cli cli;
  SUBCASE("a bad --as-of is a usage error") {
    const Ran ran = cli.run({"--as-of", "yesterday", "overdue"});
    CHECK(ran.status == 64);
    CHECK(ran.err == "inspectrack: error: --as-of 'yesterday' is not a date; write 2021-07-26 or 26/7/2021\n");
  }
  SUBCASE("a bad INSPECTRACK_NOW comes from the environment given, not the process's") {
    cli.env.now = "now";
    const Ran ran = cli.run({"--as-of", "2021-07-26", "overdue"});
    CHECK(ran.status == 64);
    CHECK(ran.err.starts_with("inspectrack: error: INSPECTRACK_NOW 'now' is not a UTC time"));
  }
  SUBCASE("a missing database is no input (66)") {
    const Ran ran = cli.run({"--as-of", "2021-07-26", "overdue"});
    CHECK(ran.status == 66);
    CHECK(ran.out.empty());
  }
}

TEST_CASE("run: messages are shown through text::visible") {
  const Cli cli;
  const Ran ran = cli.run({"--as-of", "\x1b[2J", "overdue"});
  CHECK(ran.status == 64);
  CHECK(ran.err == "inspectrack: error: --as-of '\\e[2J' is not a date; write 2021-07-26 or 26/7/2021\n");
}

TEST_CASE("run: colour and the table's width come from the terminal the caller describes") {
  Cli cli;
  cli.import_chu_prong();
  const std::vector<std::string> overdue = {"overdue", "--as-of", "2021-07-23", "--unit", "ia-me"};
  const std::string bold = "\x1b[1m";
  SUBCASE("not a terminal: no colour, nothing cut") {
    const Ran ran = cli.run(overdue);
    CHECK(ran.status == 0);
    CHECK(ran.out.find(bold) == std::string::npos);
    CHECK(ran.out.find("gửi về UBND huyện") != std::string::npos);
  }
  SUBCASE("a terminal: colour") {
    cli.env.stdout_is_terminal = true;
    const Ran ran = cli.run(overdue);
    CHECK(ran.status == 0);
    CHECK(ran.out.find(bold) != std::string::npos);
  }
  SUBCASE("a terminal with NO_COLOR, or TERM=dumb: none") {
    cli.env.stdout_is_terminal = true;
    cli.env.no_color = "";
    CHECK(cli.run(overdue).out.find(bold) == std::string::npos);
    cli.env.no_color.reset();
    cli.env.term = "dumb";
    CHECK(cli.run(overdue).out.find(bold) == std::string::npos);
  }
  SUBCASE("a terminal 80 columns wide: the table fits it") {
    cli.env.stdout_is_terminal = true;
    cli.env.no_color = "";
    cli.env.terminal_width = 80;
    const Ran wide = cli.run(overdue);
    CHECK(wide.status == 0);
    CHECK(wide.out.find("gửi về UBND huyện") == std::string::npos);
    cli.env.terminal_width.reset();
    cli.env.columns = "80";
    CHECK(cli.run(overdue).out == wide.out);
  }
}
