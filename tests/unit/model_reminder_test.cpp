#include <doctest/doctest.h>

#include <map>

#include "inspectrack/model/reminder.hpp"

using namespace inspectrack::model;

namespace {

const Claimant kHere{"huyen-server", 4100, 55000, "2f0c9b8e-8a71-4a54-9a53-0d64a3c0f1d2"};

// A fake process table: pid → start time.
StartTimeOf table(std::map<std::int64_t, std::uint64_t> processes, int* asked = nullptr) {
  return [processes, asked](std::int64_t pid) -> std::optional<std::uint64_t> {
    if (asked != nullptr) ++*asked;
    const auto found = processes.find(pid);
    if (found == processes.end()) return std::nullopt;
    return found->second;
  };
}

}  // namespace

TEST_CASE("a claimant is kept as 'HOST PID START BOOT_ID' and read back") {
  const Claimant c{"huyen-server", 31337, 123456789, "2f0c9b8e-8a71-4a54-9a53-0d64a3c0f1d2"};
  CHECK(to_string(c) == "huyen-server 31337 123456789 2f0c9b8e-8a71-4a54-9a53-0d64a3c0f1d2");
  CHECK(parse_claimant(to_string(c)) == c);

  SUBCASE("a host name cannot break the fields; no boot id is kept as '-'") {
    const Claimant odd{"may chu\tmot", 7, 8, ""};
    CHECK(to_string(odd) == "may_chu_mot 7 8 -");
    const auto back = parse_claimant(to_string(odd));
    REQUIRE(back);
    CHECK(back->host == "may_chu_mot");
    CHECK(back->boot_id.empty());
  }
  SUBCASE("any other text is no claimant") {
    for (const char* s : {"", "huyen", "huyen 1 2", "huyen 1 2 b extra", "huyen x 2 b", "huyen 1 -2 b",
                          "huyen 0 2 b", "huyen -5 2 b", "huyen 1 2x b", " 1 2 b", "huyen  1 2 b"}) {
      CAPTURE(s);
      CHECK_FALSE(parse_claimant(s));
    }
  }
}

TEST_CASE("is_running: a claimant runs when this host and boot have its pid with its start time") {
  Claimant c = kHere;
  c.pid = 2222;
  c.start = 60000;

  SUBCASE("the process is there, started when the claim says: in flight") {
    CHECK(is_running(c, kHere, table({{2222, 60000}})));
  }
  SUBCASE("no such process (killed, crashed, or its run ended): stopped") {
    CHECK_FALSE(is_running(c, kHere, table({{2223, 60000}})));
  }
  SUBCASE("the pid was reused by a later process: stopped") {
    CHECK_FALSE(is_running(c, kHere, table({{2222, 61234}})));
  }
  SUBCASE("another boot, or another host: cannot be seen, so stopped, and no process is asked about") {
    int asked = 0;
    Claimant rebooted = c;
    rebooted.boot_id = "7d7e4c1a-0000-4000-8000-000000000000";
    CHECK_FALSE(is_running(rebooted, kHere, table({{2222, 60000}}, &asked)));
    Claimant elsewhere = c;
    elsewhere.host = "xa-bau-can";
    CHECK_FALSE(is_running(elsewhere, kHere, table({{2222, 60000}}, &asked)));
    CHECK(asked == 0);
  }
  SUBCASE("without a boot id (no /proc) nothing is seen running, not even this process") {
    Claimant blind = kHere;
    blind.boot_id.clear();
    CHECK_FALSE(is_running(blind, blind, table({{kHere.pid, kHere.start}})));
  }
  SUBCASE("this process itself runs") {
    CHECK(is_running(kHere, kHere, table({{kHere.pid, kHere.start}})));
  }
}
