#include <doctest/doctest.h>

#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "inspectrack/notify/claimant.hpp"
#include "temp_dir.hpp"

using inspectrack::model::Claimant;
using inspectrack::notify::is_running;
using inspectrack::notify::process_start_time;
using inspectrack::notify::this_process;
using test_support::TempDir;

namespace {

void write_file(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  REQUIRE(out);
  out << text;
}

// A stat line as Linux writes it, with the state and start time given.
std::string stat_line(int pid, const std::string& name, char state, unsigned long long start) {
  std::string s = std::to_string(pid) + " (" + name + ") " + state + " 1 " + std::to_string(pid) + " " +
                  std::to_string(pid) + " 0 -1 4194560 120 0 0 0 1 2 0 0 20 0 1 0 " + std::to_string(start) +
                  " 12345678 200 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n";
  return s;
}

}  // namespace

TEST_CASE("process_start_time reads field 22 of PROC/PID/stat") {
  const TempDir proc;
  write_file(proc.file("101/stat"), stat_line(101, "inspectrack", 'S', 998877));
  // A command name may hold spaces and parentheses: the fields start after the last ')'.
  write_file(proc.file("102/stat"), stat_line(102, "sh -c (x) y", 'R', 42));
  write_file(proc.file("103/stat"), stat_line(103, "inspectrack", 'Z', 5555));
  write_file(proc.file("104/stat"), "104 (short) S 1 2 3\n");
  CHECK(process_start_time(101, proc.path().string()) == 998877u);
  CHECK(process_start_time(102, proc.path().string()) == 42u);
  CHECK_FALSE(process_start_time(103, proc.path().string()));  // ended, not yet reaped
  CHECK_FALSE(process_start_time(104, proc.path().string()));  // not a stat line
  CHECK_FALSE(process_start_time(105, proc.path().string()));  // no such process
  CHECK_FALSE(process_start_time(0, proc.path().string()));
  CHECK_FALSE(process_start_time(-1, proc.path().string()));
}

TEST_CASE("a stat file that opens but cannot be read is no process, not an internal error") {
  // /proc/PID/stat of a process that ends between the open and the read fails with
  // ESRCH; a folder in its place fails the read the same way (EISDIR), every time.
  const TempDir proc;
  std::filesystem::create_directories(proc.file("106/stat"));
  CHECK_FALSE(process_start_time(106, proc.path().string()));
}

TEST_CASE("this_process: the host, pid, start time and boot id") {
  SUBCASE("from a folder shaped like /proc") {
    const TempDir proc;
    write_file(proc.file("self/stat"), stat_line(static_cast<int>(::getpid()), "unit_notify", 'R', 777));
    write_file(proc.file("sys/kernel/random/boot_id"), "2f0c9b8e-8a71-4a54-9a53-0d64a3c0f1d2\n");
    const Claimant self = this_process(proc.path().string());
    CHECK(self.pid == ::getpid());
    CHECK(self.start == 777u);
    CHECK(self.boot_id == "2f0c9b8e-8a71-4a54-9a53-0d64a3c0f1d2");
    CHECK_FALSE(self.host.empty());
    CHECK(self.host.find(' ') == std::string::npos);
  }
  SUBCASE("without /proc: no start time and no boot id, so nothing is ever seen running") {
    const TempDir proc;
    const Claimant self = this_process(proc.path().string());
    CHECK(self.start == 0u);
    CHECK(self.boot_id.empty());
    CHECK_FALSE(is_running(self, self, proc.path().string()));
  }
  SUBCASE("from the real /proc: this process runs, one that ended does not") {
    const Claimant self = this_process();
    REQUIRE(self.start > 0u);
    REQUIRE_FALSE(self.boot_id.empty());
    CHECK(process_start_time(self.pid) == self.start);
    CHECK(is_running(self, self));
    Claimant later = self;
    ++later.start;  // the same pid, a later process: not this claimant
    CHECK_FALSE(is_running(later, self));

    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) ::_exit(0);
    Claimant claimant = self;
    claimant.pid = child;
    // Until it exits it runs; exited and not reaped (a zombie), or reaped, it does not.
    for (int n = 0; n < 500; ++n) {
      const auto start = process_start_time(child);
      if (!start) break;
      claimant.start = *start;
      ::usleep(1000);
    }
    CHECK_FALSE(process_start_time(child));
    CHECK_FALSE(is_running(claimant, self));
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK_FALSE(is_running(claimant, self));
  }
}
