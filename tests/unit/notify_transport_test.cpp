#include <doctest/doctest.h>

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>
#include <regex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "inspectrack/notify/message.hpp"
#include "inspectrack/notify/transport.hpp"
#include "temp_dir.hpp"

using inspectrack::notify::Delivery;
using inspectrack::notify::Envelope;
using inspectrack::notify::maildir_transport;
using inspectrack::notify::mbox_entry;
using inspectrack::notify::mbox_transport;
using inspectrack::notify::sendmail_transport;
using inspectrack::notify::Transport;
using test_support::TempDir;
using Outcome = inspectrack::notify::Delivery::Outcome;

namespace {

// What render_message() produces: CRLF line ends, a body line that mbox must quote.
const std::string kMessage =
    "From: =?UTF-8?B?VsSDbiBwaMOybmc=?= <vanphong@example.vn>\r\n"
    "To: bau-can@example.vn\r\n"
    "Subject: overdue tasks\r\n"
    "Date: Mon, 26 Jul 2021 07:00:00 +0700\r\n"
    "Message-ID: <20210726070000.bau-can@example.vn>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=UTF-8\r\n"
    "Content-Transfer-Encoding: 8bit\r\n"
    "\r\n"
    "Nh\u1EAFc vi\u1EC7c: 2 nhi\u1EC7m v\u1EE5 qu\u00E1 h\u1EA1n\r\n"
    "From here on, the list:\r\n"
    "- task 1\r\n";
const std::string kMessageLf =
    "From: =?UTF-8?B?VsSDbiBwaMOybmc=?= <vanphong@example.vn>\n"
    "To: bau-can@example.vn\n"
    "Subject: overdue tasks\n"
    "Date: Mon, 26 Jul 2021 07:00:00 +0700\n"
    "Message-ID: <20210726070000.bau-can@example.vn>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "\n"
    "Nh\u1EAFc vi\u1EC7c: 2 nhi\u1EC7m v\u1EE5 qu\u00E1 h\u1EA1n\n"
    "From here on, the list:\n"
    "- task 1\n";
const std::string kFromLine = "From vanphong@example.vn Mon Jul 26 07:00:00 2021\n";

Envelope envelope_of(const std::string& rendered) {
  return Envelope{rendered, "vanphong@example.vn", "Mon Jul 26 07:00:00 2021"};
}

// A message too big for a pipe's buffer, so a command that does not read it makes
// our writes fail.
std::string big_message() {
  std::string message = kMessage;
  const std::string line(99, 'x');
  while (message.size() < (1u << 20)) message += line + "\r\n";
  return message;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_file(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  REQUIRE(out);
  out << content;
}

bool exists(const std::string& path) {
  struct stat info {};
  return ::lstat(path.c_str(), &info) == 0;
}

mode_t mode_of(const std::string& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode;
}

std::vector<std::string> entries(const std::string& dir) {
  std::vector<std::string> names;
  DIR* d = ::opendir(dir.c_str());
  REQUIRE(d != nullptr);
  while (const dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  ::closedir(d);
  return names;
}

// Lines that start an mbox entry: "From " at the start of the file or after a blank
// line.
int count_entries(const std::string& mbox) {
  int count = 0;
  for (std::size_t at = 0; (at = mbox.find("From ", at)) != std::string::npos; ++at) {
    if (at == 0 || (at >= 2 && mbox.compare(at - 2, 2, "\n\n") == 0)) ++count;
  }
  return count;
}

// Sets the file mode mask for one test, so "created with 0600" is checkable.
class Umask {
 public:
  explicit Umask(mode_t mask) : old_(::umask(mask)) {}
  ~Umask() { ::umask(old_); }
  Umask(const Umask&) = delete;
  Umask& operator=(const Umask&) = delete;

 private:
  mode_t old_;
};

// A child process holding an fcntl write lock on `path` for `hold` (fcntl locks
// belong to a process: one taken by the test itself would not block the transport).
class LockHolder {
 public:
  LockHolder(const std::string& path, std::chrono::milliseconds hold) {
    int ready[2];
    REQUIRE(::pipe(ready) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::close(ready[0]);
      const int fd = ::open(path.c_str(), O_RDWR | O_CREAT, 0600);
      struct flock whole_file {};
      whole_file.l_type = F_WRLCK;
      whole_file.l_whence = SEEK_SET;
      if (fd < 0 || ::fcntl(fd, F_SETLK, &whole_file) != 0) ::_exit(1);
      if (::write(ready[1], "L", 1) != 1) ::_exit(1);
      std::this_thread::sleep_for(hold);
      ::_exit(0);
    }
    ::close(ready[1]);
    char c = 0;
    locked_ = ::read(ready[0], &c, 1) == 1;
    ::close(ready[0]);
  }
  ~LockHolder() {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  LockHolder(const LockHolder&) = delete;
  LockHolder& operator=(const LockHolder&) = delete;

  bool locked() const { return locked_; }

 private:
  pid_t pid_ = -1;
  bool locked_ = false;
};

// One delivery in a child process whose files may not grow past `limit` bytes, so
// that writes fail (EFBIG) as on a full disk without the limit reaching the test
// runner.
Delivery deliver_with_file_limit(Transport& transport, const Envelope& envelope,
                                 rlim_t limit) {
  int result[2];
  REQUIRE(::pipe(result) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(result[0]);
    ::signal(SIGXFSZ, SIG_IGN);
    const rlimit file_limit{limit, limit};
    if (::setrlimit(RLIMIT_FSIZE, &file_limit) != 0) ::_exit(1);
    const Delivery delivery = transport.deliver(envelope);
    const std::string report =
        std::to_string(static_cast<int>(delivery.outcome)) + "\n" + delivery.detail;
    if (::write(result[1], report.data(), report.size()) !=
        static_cast<ssize_t>(report.size())) {
      ::_exit(1);
    }
    ::_exit(0);
  }
  ::close(result[1]);
  std::string report;
  char buffer[512];
  ssize_t n = 0;
  while ((n = ::read(result[0], buffer, sizeof buffer)) > 0) {
    report.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(result[0]);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  const std::size_t newline = report.find('\n');
  REQUIRE(newline != std::string::npos);
  Delivery delivery;
  delivery.outcome = static_cast<Outcome>(std::stoi(report.substr(0, newline)));
  delivery.detail = report.substr(newline + 1);
  return delivery;
}

// Runs `deliver` with our stdout and stderr going to files, restoring both after.
template <class Deliver>
Delivery with_output_to(const std::string& out_path, const std::string& err_path,
                        Deliver deliver) {
  std::cout.flush();
  std::cerr.flush();
  std::fflush(stdout);
  std::fflush(stderr);
  const int saved_out = ::dup(STDOUT_FILENO);
  const int saved_err = ::dup(STDERR_FILENO);
  const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  REQUIRE(saved_out >= 0);
  REQUIRE(saved_err >= 0);
  REQUIRE(out >= 0);
  REQUIRE(err >= 0);
  ::dup2(out, STDOUT_FILENO);
  ::dup2(err, STDERR_FILENO);
  ::close(out);
  ::close(err);
  const Delivery delivery = deliver();
  ::dup2(saved_out, STDOUT_FILENO);
  ::dup2(saved_err, STDERR_FILENO);
  ::close(saved_out);
  ::close(saved_err);
  return delivery;
}

bool sigpipe_blocked() {
  sigset_t mask;
  sigemptyset(&mask);
  REQUIRE(::pthread_sigmask(SIG_BLOCK, nullptr, &mask) == 0);
  return sigismember(&mask, SIGPIPE) == 1;
}

bool sigpipe_pending() {
  sigset_t pending;
  sigemptyset(&pending);
  REQUIRE(::sigpending(&pending) == 0);
  return sigismember(&pending, SIGPIPE) == 1;
}

// The hex mask of a "SigXxx:" line of /proc/PID/status.
unsigned long long status_mask(const std::string& status, const std::string& field) {
  const std::size_t at = status.find(field + ":");
  REQUIRE(at != std::string::npos);
  return std::stoull(status.substr(at + field.size() + 1), nullptr, 16);
}

std::string maildir_host() {
  char buffer[HOST_NAME_MAX + 1] = {};
  REQUIRE(::gethostname(buffer, sizeof buffer - 1) == 0);
  std::string host;
  for (const char c : std::string(buffer)) {
    if (c == '/') {
      host += "\\057";
    } else if (c == ':') {
      host += "\\072";
    } else {
      host += c;
    }
  }
  return host;
}

}  // namespace

// ---------------------------------------------------------------------------- mbox

TEST_CASE("mbox: each delivery appends one mboxrd entry to a 0600 file") {
  const Umask umask(022);
  const TempDir dir;
  const std::string path = dir.file("inbox");
  const auto transport = mbox_transport(path);
  CHECK(transport->kind() == "mbox");
  CHECK(transport->target() == path);

  const Delivery first = transport->deliver(envelope_of(kMessage));
  CHECK(first.outcome == Outcome::delivered);
  CHECK(first.detail.empty());
  CHECK(first.exit_status == -1);
  CHECK((mode_of(path) & 07777) == 0600);
  const std::string entry = kFromLine + kMessageLf + "\n";
  const std::string quoted = "\nFrom here on, the list:\n";
  REQUIRE(entry.find(quoted) != std::string::npos);
  const std::string expected =
      std::string(entry).replace(entry.find(quoted), quoted.size(), "\n>From here on, the list:\n");
  CHECK(read_file(path) == expected);

  const Delivery second = transport->deliver(envelope_of(kMessage));
  CHECK(second.outcome == Outcome::delivered);
  const std::string mbox = read_file(path);
  CHECK(mbox == expected + expected);
  CHECK(count_entries(mbox) == 2);
  CHECK(mbox.find('\r') == std::string::npos);
}

TEST_CASE("mbox: an entry starts on a line of its own") {
  const TempDir dir;
  const std::string path = dir.file("inbox");
  const std::string entry = mbox_entry(kMessage, "vanphong@example.vn", "Mon Jul 26 07:00:00 2021");

  SUBCASE("a file without a final newline gets one") {
    const std::string foreign = "From someone@example.vn Sun Jul 25 10:00:00 2021\nSubject: x\n\nhi";
    write_file(path, foreign);
    CHECK(mbox_transport(path)->deliver(envelope_of(kMessage)).outcome == Outcome::delivered);
    const std::string mbox = read_file(path);
    CHECK(mbox == foreign + "\n" + entry);
  }
  SUBCASE("a file ending in a newline is appended to as it is") {
    const std::string foreign = "From someone@example.vn Sun Jul 25 10:00:00 2021\nSubject: x\n\nhi\n\n";
    write_file(path, foreign);
    CHECK(mbox_transport(path)->deliver(envelope_of(kMessage)).outcome == Outcome::delivered);
    const std::string mbox = read_file(path);
    CHECK(mbox == foreign + entry);
    CHECK(count_entries(mbox) == 2);
  }
  SUBCASE("an existing file keeps its mode") {
    write_file(path, "");
    REQUIRE(::chmod(path.c_str(), 0640) == 0);
    CHECK(mbox_transport(path)->deliver(envelope_of(kMessage)).outcome == Outcome::delivered);
    CHECK(read_file(path) == entry);
    CHECK((mode_of(path) & 07777) == 0640);
  }
}

TEST_CASE("mbox: a file that cannot be opened or is no regular file fails permanently") {
  const TempDir dir;

  SUBCASE("missing directory") {
    const std::string path = dir.file("missing/inbox");
    const Delivery delivery = mbox_transport(path)->deliver(envelope_of(kMessage));
    CHECK(delivery.outcome == Outcome::permanent);
    CHECK(delivery.detail == "'" + path + "': " + std::strerror(ENOENT));
    CHECK(delivery.exit_status == -1);
  }
  SUBCASE("a directory") {
    const std::string path = dir.path().string();
    const Delivery delivery = mbox_transport(path)->deliver(envelope_of(kMessage));
    CHECK(delivery.outcome == Outcome::permanent);
    CHECK(delivery.detail == "'" + path + "' is a folder, not a file");
  }
  SUBCASE("a FIFO") {
    const std::string path = dir.file("fifo");
    REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
    const Delivery delivery = mbox_transport(path)->deliver(envelope_of(kMessage));
    CHECK(delivery.outcome == Outcome::permanent);
    CHECK(delivery.detail == "'" + path + "' is not a regular file (a FIFO, a device or a socket)");
  }
  SUBCASE("a dangling symbolic link: nothing is created where it points") {
    const std::string path = dir.file("inbox");
    const std::string target = dir.file("elsewhere");
    REQUIRE(::symlink(target.c_str(), path.c_str()) == 0);
    const Delivery delivery = mbox_transport(path)->deliver(envelope_of(kMessage));
    CHECK(delivery.outcome == Outcome::permanent);
    CHECK(delivery.detail ==
          "'" + path + "' is a symbolic link; inspectrack does not write through links: give the real path");
    CHECK(::access(target.c_str(), F_OK) != 0);
  }
  SUBCASE("a symbolic link to a regular file: the file is left as it is") {
    const std::string path = dir.file("inbox");
    const std::string target = dir.file("real.mbox");
    write_file(target, "kept\n");
    REQUIRE(::symlink(target.c_str(), path.c_str()) == 0);
    CHECK(mbox_transport(path)->deliver(envelope_of(kMessage)).outcome == Outcome::permanent);
    CHECK(read_file(target) == "kept\n");
  }
}

TEST_CASE("mbox: a failed write leaves the file as it was") {
  const TempDir dir;
  const std::string path = dir.file("inbox");
  const std::string before = mbox_entry(kMessage, "a@example.vn", "Sun Jul 25 10:00:00 2021");
  write_file(path, before);
  const auto transport = mbox_transport(path);
  // Room for part of the entry only: the first write is short, the next one fails.
  const Delivery delivery = deliver_with_file_limit(*transport, envelope_of(kMessage),
                                                    static_cast<rlim_t>(before.size() + 100));
  CHECK(delivery.outcome == Outcome::permanent);
  CHECK(delivery.detail == path + ": " + std::strerror(EFBIG));
  CHECK(read_file(path) == before);
}

TEST_CASE("mbox: a sender with a space is the caller's bug and touches no file") {
  const TempDir dir;
  const std::string path = dir.file("inbox");
  const Envelope envelope{kMessage, "van phong@example.vn", "Mon Jul 26 07:00:00 2021"};
  CHECK_THROWS_AS(mbox_transport(path)->deliver(envelope), std::invalid_argument);
  CHECK_FALSE(exists(path));
}

TEST_CASE("mbox: another program's lock is waited for") {
  using std::chrono::milliseconds;
  const TempDir dir;
  const std::string path = dir.file("inbox");

  SUBCASE("held past the wait: temporary, the file untouched") {
    const LockHolder holder(path, milliseconds(30000));
    REQUIRE(holder.locked());
    const auto start = std::chrono::steady_clock::now();
    const Delivery delivery = mbox_transport(path, milliseconds(300))->deliver(envelope_of(kMessage));
    const auto waited = std::chrono::steady_clock::now() - start;
    CHECK(delivery.outcome == Outcome::temporary);
    CHECK(delivery.detail == path + ": locked by another program");
    CHECK(waited >= milliseconds(300));
    CHECK(waited < milliseconds(5000));
    CHECK(read_file(path).empty());
  }
  SUBCASE("released during the wait: delivered") {
    const LockHolder holder(path, milliseconds(400));
    REQUIRE(holder.locked());
    const auto start = std::chrono::steady_clock::now();
    const Delivery delivery = mbox_transport(path, milliseconds(10000))->deliver(envelope_of(kMessage));
    const auto waited = std::chrono::steady_clock::now() - start;
    CHECK(delivery.outcome == Outcome::delivered);
    CHECK(waited >= milliseconds(200));
    CHECK(count_entries(read_file(path)) == 1);
  }
}

// ------------------------------------------------------------------------- maildir

TEST_CASE("maildir: a message goes through tmp/ into new/ with LF line ends") {
  const Umask umask(022);
  const TempDir dir;
  const std::string maildir = dir.file("Maildir");
  const auto transport = maildir_transport(maildir);
  CHECK(transport->kind() == "maildir");
  CHECK(transport->target() == maildir);

  const std::time_t before = std::time(nullptr);
  const Delivery first = transport->deliver(envelope_of(kMessage));
  CHECK(first.outcome == Outcome::delivered);
  CHECK(first.detail.empty());
  CHECK(first.exit_status == -1);
  for (const std::string sub : {"", "/tmp", "/new", "/cur"}) {
    CAPTURE(sub);
    const mode_t mode = mode_of(maildir + sub);
    CHECK(S_ISDIR(mode));
    CHECK((mode & 07777) == 0700);
  }
  CHECK(entries(maildir + "/tmp").empty());
  CHECK(entries(maildir + "/cur").empty());
  const std::vector<std::string> one = entries(maildir + "/new");
  REQUIRE(one.size() == 1);
  const std::string file = maildir + "/new/" + one[0];
  CHECK(read_file(file) == kMessageLf);
  CHECK((mode_of(file) & 07777) == 0600);

  // SECONDS.M<micro>P<pid>Q<n>.HOST
  const std::regex pattern(R"(^([0-9]+)\.M([0-9]{1,6})P([0-9]+)Q([0-9]+)\.(.+)$)");
  std::smatch parts;
  REQUIRE(std::regex_match(one[0], parts, pattern));
  const long long seconds = std::stoll(parts[1]);
  CHECK(seconds >= before);
  CHECK(seconds <= std::time(nullptr));
  CHECK(std::stol(parts[3]) == static_cast<long>(::getpid()));
  CHECK(parts[5] == maildir_host());

  const Delivery second = transport->deliver(envelope_of(kMessage));
  CHECK(second.outcome == Outcome::delivered);
  const std::vector<std::string> two = entries(maildir + "/new");
  REQUIRE(two.size() == 2);
  CHECK(two[0] != two[1]);
  CHECK(entries(maildir + "/tmp").empty());
  for (const std::string& name : two) CHECK(read_file(maildir + "/new/" + name) == kMessageLf);
}

TEST_CASE("maildir: an existing maildir is used as it is") {
  const TempDir dir;
  const std::string maildir = dir.file("Maildir");
  for (const std::string sub : {"", "/tmp", "/new", "/cur"}) {
    REQUIRE(::mkdir((maildir + sub).c_str(), 0750) == 0);
  }
  write_file(maildir + "/cur/1.old:2,S", "old message\n");
  CHECK(maildir_transport(maildir + "/")->deliver(envelope_of(kMessage)).outcome ==
        Outcome::delivered);
  CHECK(entries(maildir + "/new").size() == 1);
  CHECK(read_file(maildir + "/cur/1.old:2,S") == "old message\n");
  CHECK((mode_of(maildir) & 07777) == 0750);
}

TEST_CASE("maildir: a path that is no directory fails permanently") {
  const TempDir dir;
  const std::string maildir = dir.file("Maildir");

  SUBCASE("the maildir is a regular file") {
    write_file(maildir, "not a maildir\n");
    const Delivery delivery = maildir_transport(maildir)->deliver(envelope_of(kMessage));
    CHECK(delivery.outcome == Outcome::permanent);
    CHECK(delivery.detail == "'" + maildir + "' is not a folder");
    CHECK(read_file(maildir) == "not a maildir\n");
  }
  SUBCASE("new/ is a regular file") {
    REQUIRE(::mkdir(maildir.c_str(), 0700) == 0);
    write_file(maildir + "/new", "");
    const Delivery delivery = maildir_transport(maildir)->deliver(envelope_of(kMessage));
    CHECK(delivery.outcome == Outcome::permanent);
    CHECK(delivery.detail == "'" + maildir + "/new' is not a folder");
    CHECK(entries(maildir + "/tmp").empty());
  }
  SUBCASE("the parent is missing") {
    const std::string deep = dir.file("missing/Maildir");
    const Delivery delivery = maildir_transport(deep)->deliver(envelope_of(kMessage));
    CHECK(delivery.outcome == Outcome::permanent);
    CHECK(delivery.detail == "'" + deep + "': " + std::strerror(ENOENT));
  }
  for (const char* sub : {"tmp", "new", "cur"}) {
    SUBCASE((std::string(sub) + "/ is a symbolic link to another folder: nothing is written there").c_str()) {
      const std::string elsewhere = dir.file("elsewhere");
      REQUIRE(::mkdir(maildir.c_str(), 0700) == 0);
      REQUIRE(::mkdir(elsewhere.c_str(), 0700) == 0);
      REQUIRE(::symlink(elsewhere.c_str(), (maildir + "/" + sub).c_str()) == 0);
      const Delivery delivery = maildir_transport(maildir)->deliver(envelope_of(kMessage));
      CHECK(delivery.outcome == Outcome::permanent);
      CHECK(delivery.detail == "'" + maildir + "/" + sub +
                                   "' is a symbolic link; inspectrack does not write through links: give the real path");
      CHECK(entries(elsewhere).empty());
    }
  }
  SUBCASE("tmp/ a dangling symbolic link: its target is not created") {
    REQUIRE(::mkdir(maildir.c_str(), 0700) == 0);
    const std::string target = dir.file("nowhere");
    REQUIRE(::symlink(target.c_str(), (maildir + "/tmp").c_str()) == 0);
    CHECK(maildir_transport(maildir)->deliver(envelope_of(kMessage)).outcome == Outcome::permanent);
    CHECK(::access(target.c_str(), F_OK) != 0);
  }
}

TEST_CASE("maildir: a failed write leaves no file behind") {
  const TempDir dir;
  const std::string maildir = dir.file("Maildir");
  const auto transport = maildir_transport(maildir);
  const Delivery delivery = deliver_with_file_limit(*transport, envelope_of(kMessage), 100);
  CHECK(delivery.outcome == Outcome::permanent);
  CHECK(delivery.detail.starts_with(maildir + "/tmp/"));
  CHECK(delivery.detail.ends_with(std::string(": ") + std::strerror(EFBIG)));
  CHECK(entries(maildir + "/tmp").empty());
  CHECK(entries(maildir + "/new").empty());
}

// ------------------------------------------------------------------------ sendmail

TEST_CASE("sendmail: the command gets the message with LF line ends") {
  const TempDir dir;
  const std::string out = dir.file("received");
  const std::string command = "cat > '" + out + "'";
  const auto transport = sendmail_transport(command);
  CHECK(transport->kind() == "sendmail");
  CHECK(transport->target() == command);

  const Delivery delivery = transport->deliver(envelope_of(kMessage));
  CHECK(delivery.outcome == Outcome::delivered);
  CHECK(delivery.detail.empty());
  CHECK(delivery.exit_status == 0);
  CHECK(read_file(out) == kMessageLf);
}

TEST_CASE("sendmail: the exit status decides the outcome") {
  struct Case {
    std::string command;
    Outcome outcome;
    int exit_status;
    std::string detail;
  };
  const TempDir dir;
  const std::string not_executable = dir.file("not-executable");
  write_file(not_executable, "#!/bin/sh\nexit 0\n");
  REQUIRE(::chmod(not_executable.c_str(), 0644) == 0);
  const std::vector<Case> cases = {
      {"cat > /dev/null; exit 75", Outcome::temporary, 75, "exit status 75"},
      {"cat > /dev/null; exit 68", Outcome::permanent, 68, "exit status 68"},
      {"cat > /dev/null; exit 1", Outcome::permanent, 1, "exit status 1"},
      {"kill -9 $$", Outcome::temporary, -1, "killed by signal 9"},
      {"cat > /dev/null; kill -TERM $$", Outcome::temporary, -1, "killed by signal 15"},
      {"inspectrack-no-such-command 2> /dev/null", Outcome::permanent, 127,
       "exit status 127: the command was not found"},
      {"'" + not_executable + "' 2> /dev/null", Outcome::permanent, 126,
       "exit status 126: the command could not be run"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.command);
    const Delivery delivery = sendmail_transport(c.command)->deliver(envelope_of(kMessage));
    CHECK(delivery.outcome == c.outcome);
    CHECK(delivery.exit_status == c.exit_status);
    CHECK(delivery.detail == c.detail);
  }
}

TEST_CASE("sendmail: a command that does not read the whole message is a failure") {
  const std::string message = big_message();

  SUBCASE("exit 0 is not delivered, and SIGPIPE does not kill us") {
    REQUIRE_FALSE(sigpipe_blocked());
    const Delivery delivery = sendmail_transport("true")->deliver(envelope_of(message));
    CHECK(delivery.outcome == Outcome::permanent);
    CHECK(delivery.exit_status == 0);
    CHECK(delivery.detail == "the command exited without reading the whole message");
    CHECK_FALSE(sigpipe_blocked());
    CHECK_FALSE(sigpipe_pending());
  }
  SUBCASE("exit 75 is still temporary") {
    const Delivery delivery = sendmail_transport("exit 75")->deliver(envelope_of(message));
    CHECK(delivery.outcome == Outcome::temporary);
    CHECK(delivery.exit_status == 75);
  }
  SUBCASE("a caller that blocks SIGPIPE finds it blocked and not pending after") {
    sigset_t sigpipe;
    sigemptyset(&sigpipe);
    sigaddset(&sigpipe, SIGPIPE);
    sigset_t old_mask;
    REQUIRE(::pthread_sigmask(SIG_BLOCK, &sigpipe, &old_mask) == 0);
    const Delivery delivery = sendmail_transport("head -c 10 > /dev/null")->deliver(envelope_of(message));
    const bool blocked = sigpipe_blocked();
    const bool pending = sigpipe_pending();
    REQUIRE(::pthread_sigmask(SIG_SETMASK, &old_mask, nullptr) == 0);
    CHECK(delivery.outcome == Outcome::permanent);
    CHECK(delivery.exit_status == 0);
    CHECK(blocked);
    CHECK_FALSE(pending);
  }
}

TEST_CASE("sendmail: the command's output goes to our stderr and never to our stdout") {
  const TempDir dir;
  const std::string out = dir.file("stdout");
  const std::string err = dir.file("stderr");
  const Delivery delivery = with_output_to(out, err, [] {
    return sendmail_transport("cat > /dev/null; echo child-stdout; echo child-stderr >&2")
        ->deliver(envelope_of(kMessage));
  });
  CHECK(delivery.outcome == Outcome::delivered);
  CHECK(read_file(out).empty());
  CHECK(read_file(err) == "child-stdout\nchild-stderr\n");
}

// What the command inherits is read by the process the shell becomes (exec): the
// shell's own mask changes for a moment each time it forks.
TEST_CASE("sendmail: the command starts with SIGPIPE at its default") {
  const TempDir dir;
  const std::string status_path = dir.file("status");
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  struct sigaction old_action {};
  REQUIRE(::sigaction(SIGPIPE, &ignore, &old_action) == 0);
  sigset_t sigpipe;
  sigemptyset(&sigpipe);
  sigaddset(&sigpipe, SIGPIPE);
  sigset_t old_mask;
  REQUIRE(::pthread_sigmask(SIG_BLOCK, &sigpipe, &old_mask) == 0);

  const Delivery delivery =
      sendmail_transport("cat > /dev/null; exec cat /proc/self/status > '" + status_path + "'")
          ->deliver(envelope_of(kMessage));

  REQUIRE(::pthread_sigmask(SIG_SETMASK, &old_mask, nullptr) == 0);
  REQUIRE(::sigaction(SIGPIPE, &old_action, nullptr) == 0);
  CHECK(delivery.outcome == Outcome::delivered);
  const std::string status = read_file(status_path);
  const unsigned long long bit = 1ULL << (SIGPIPE - 1);
  CHECK((status_mask(status, "SigIgn") & bit) == 0);
  CHECK((status_mask(status, "SigBlk") & bit) == 0);
}

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Whether process `pid` is gone (reaped, by us or by init) or at least dead (a zombie).
bool process_ended(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  if (!in) return true;
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto close = stat.rfind(')');
  return close != std::string::npos && close + 2 < stat.size() &&
         (stat[close + 2] == 'Z' || stat[close + 2] == 'X');
}

}  // namespace

// The upper bounds are loose (a loaded machine is slow to start a shell); what they
// tell apart is the command's own 30 s.
TEST_CASE("sendmail: a command that does not finish in time is ended, and the outcome is temporary") {
  using std::chrono::milliseconds;
  using std::chrono::seconds;
  const auto start = std::chrono::steady_clock::now();

  SUBCASE("a command that hangs after reading: timed out after the timeout, not its 30 s") {
    const Delivery delivery =
        sendmail_transport("cat > /dev/null; sleep 30", seconds(1))->deliver(envelope_of(kMessage));
    CHECK(delivery.outcome == Outcome::temporary);
    CHECK(delivery.detail == "timed out after 1 s");
    CHECK(delivery.exit_status == -1);
    const double took = seconds_since(start);
    CHECK(took >= 0.9);
    CHECK(took < 10);
    CHECK(sendmail_transport("sleep 30", milliseconds(300))->deliver(envelope_of(kMessage)).detail ==
          "timed out after 300 ms");
  }
  SUBCASE("a command that reads nothing, with a message larger than the pipe: no write blocks past it") {
    const std::string message = big_message();
    REQUIRE(message.size() > 64 * 1024);
    const Delivery delivery = sendmail_transport("sleep 30", seconds(1))->deliver(envelope_of(message));
    CHECK(delivery.outcome == Outcome::temporary);
    CHECK(delivery.detail == "timed out after 1 s");
    CHECK(seconds_since(start) < 10);
  }
  SUBCASE("the whole process group ends, what the shell started too, also when it ignores SIGTERM") {
    const TempDir dir;
    const std::string pid_file = dir.file("pid");
    const Delivery delivery =
        sendmail_transport("trap '' TERM; sleep 30 & echo $! > '" + pid_file + "'; cat > /dev/null; wait",
                           milliseconds(1000))
            ->deliver(envelope_of(kMessage));
    CHECK(delivery.outcome == Outcome::temporary);
    CHECK(delivery.detail == "timed out after 1 s");
    const double took = seconds_since(start);
    CHECK(took < 10);
    // A machine so slow that the shell had not started sleep within the second proves
    // nothing here.
    if (std::ifstream(pid_file).good()) {
      // SIGTERM is ignored (by the shell and by sleep, which inherits that): SIGKILL
      // follows a second later.
      CHECK(took >= 1.9);
      const pid_t background = static_cast<pid_t>(std::stol(read_file(pid_file)));
      bool ended = false;
      for (int n = 0; n < 500 && !ended; ++n) {
        ended = process_ended(background);
        if (!ended) std::this_thread::sleep_for(milliseconds(10));
      }
      CHECK(ended);
    }
  }
  SUBCASE("a command that finishes in time is not disturbed") {
    const TempDir dir;
    const std::string out = dir.file("received");
    CHECK(sendmail_transport("cat > /dev/null; exit 0", seconds(1))->deliver(envelope_of(kMessage)).outcome ==
          Outcome::delivered);
    const Delivery delivery =
        sendmail_transport("sleep 0.2; cat > '" + out + "'", seconds(1))->deliver(envelope_of(big_message()));
    CHECK(delivery.outcome == Outcome::delivered);
    CHECK(read_file(out).size() > 64 * 1024);
    CHECK(sendmail_transport("cat > /dev/null; exit 75", seconds(1))->deliver(envelope_of(kMessage)).detail ==
          "exit status 75");
  }
}
