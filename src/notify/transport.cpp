#include "inspectrack/notify/transport.hpp"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <optional>
#include <thread>
#include <utility>

#include <fmt/format.h>

#include "inspectrack/io/files.hpp"
#include "inspectrack/notify/message.hpp"

extern char** environ;

namespace inspectrack::notify {

namespace {

using Outcome = Delivery::Outcome;

constexpr std::chrono::milliseconds kLockRetry{100};
// Tries of a new maildir name when the one made up exists already.
constexpr int kNameTries = 10;

// Deliveries into maildirs by this process: the Q<n> of a unique name.
std::atomic<unsigned long> maildir_deliveries{0};

Delivery delivered(int exit_status = -1) {
  Delivery delivery;
  delivery.outcome = Outcome::delivered;
  delivery.exit_status = exit_status;
  return delivery;
}

Delivery failed(Outcome outcome, std::string detail, int exit_status = -1) {
  Delivery delivery;
  delivery.outcome = outcome;
  delivery.detail = std::move(detail);
  delivery.exit_status = exit_status;
  return delivery;
}

std::string path_error(const std::string& path, int error) {
  return fmt::format("{}: {}", path, std::strerror(error));
}

std::string join(const std::string& dir, const std::string& name) {
  return (std::filesystem::path(dir) / name).string();
}

using io::Fd;

// Writes all of `data` despite short writes and signals: 0, or the errno.
int write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (n == 0) return EIO;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

int sync_fd(int fd) {
  while (::fsync(fd) != 0) {
    if (errno != EINTR) return errno;
  }
  return 0;
}

// The message as it is stored or piped on a Unix system: CRLF becomes LF.
std::string to_lf(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    out += text[i];
  }
  return out;
}

// What every transport here keeps, fixed when it is made: its kind, the place it
// delivers to and how long one delivery may wait (for the mbox lock, for the sendmail
// command; a maildir never waits).
class PlacedTransport : public Transport {
 public:
  std::string_view kind() const final { return kind_; }
  const std::string& target() const final { return target_; }

 protected:
  PlacedTransport(std::string_view kind, std::string target, std::chrono::milliseconds wait = {})
      : kind_(kind), target_(std::move(target)), wait_(wait) {}
  std::chrono::milliseconds wait() const { return wait_; }

 private:
  std::string_view kind_;
  std::string target_;
  std::chrono::milliseconds wait_;
};

// ---------------------------------------------------------------------------- mbox

class MboxTransport final : public PlacedTransport {
 public:
  MboxTransport(std::string path, std::chrono::milliseconds lock_wait)
      : PlacedTransport("mbox", std::move(path), lock_wait) {}

  Delivery deliver(const Envelope& envelope) override;

 private:
  // Takes the write lock on the whole file, retrying while another program holds
  // it: nothing on success, else the failure.
  std::optional<Delivery> lock(int fd) const;
};

std::optional<Delivery> MboxTransport::lock(int fd) const {
  const auto deadline = std::chrono::steady_clock::now() + wait();
  for (;;) {
    struct flock whole_file {};
    whole_file.l_type = F_WRLCK;
    whole_file.l_whence = SEEK_SET;
    whole_file.l_start = 0;
    whole_file.l_len = 0;
    if (::fcntl(fd, F_SETLK, &whole_file) == 0) return std::nullopt;
    const int error = errno;
    if (error == EINTR) continue;
    if (error != EACCES && error != EAGAIN) {
      return failed(Outcome::permanent, path_error(target(), error));
    }
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      return failed(Outcome::temporary, fmt::format("{}: locked by another program", target()));
    }
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(kLockRetry, deadline - now));
  }
}

Delivery MboxTransport::deliver(const Envelope& envelope) {
  // Built first: a bad sender is the caller's bug and must not touch the file.
  const std::string entry =
      mbox_entry(std::string(envelope.rendered), envelope.sender, envelope.asctime_date);

  // Read access too, for the last byte of the file. Only a regular file that is not a
  // link: a FIFO or a device could not be truncated back after a failed write, and a
  // link could point anywhere.
  io::Opened opened = io::open_append(target(), 0600);
  if (!opened) return failed(Outcome::permanent, io::describe(*opened.failure).english());
  const Fd fd = std::move(opened.fd);
  struct stat info {};
  if (auto failure = lock(fd.get())) return *failure;

  // The size under the lock: another program may have appended while we waited.
  if (::fstat(fd.get(), &info) != 0) return failed(Outcome::permanent, path_error(target(), errno));
  const off_t size_before = info.st_size;

  // "From " only starts an entry at the start of a line; a foreign file may lack its
  // final newline.
  std::string data;
  if (size_before > 0) {
    char last = '\n';
    ssize_t n = 0;
    do {
      n = ::pread(fd.get(), &last, 1, size_before - 1);
    } while (n < 0 && errno == EINTR);
    if (n < 0) return failed(Outcome::permanent, path_error(target(), errno));
    if (n == 1 && last != '\n') data.push_back('\n');
  }
  data += entry;

  int error = write_all(fd.get(), data);
  if (error == 0) error = sync_fd(fd.get());
  if (error != 0) {
    std::string detail = path_error(target(), error);
    if (::ftruncate(fd.get(), size_before) == 0) {
      sync_fd(fd.get());
    } else {
      detail += fmt::format("; the partial message could not be removed: {}",
                            std::strerror(errno));
    }
    return failed(Outcome::permanent, std::move(detail));
  }
  // Closing the descriptor releases the lock, after the fsync.
  return delivered();
}

// ------------------------------------------------------------------------- maildir

class MaildirTransport final : public PlacedTransport {
 public:
  explicit MaildirTransport(std::string dir) : PlacedTransport("maildir", std::move(dir)) {}

  Delivery deliver(const Envelope& envelope) override;

 private:
  // Opens DIR (made when missing) and its tmp/, new/ and cur/ into `folders`: nothing
  // on success, else the failure.
  std::optional<Delivery> open_folders(Fd (&folders)[3]) const;
  // Creates a file under a new unique name in the folder `tmp`: nothing on success,
  // else the failure.
  std::optional<Delivery> create_in_tmp(int tmp, std::string& name, Fd& fd) const;
};

Delivery refused(const io::Failure& failure) {
  return failed(Outcome::permanent, io::describe(failure).english());
}

// The host name as a maildir file name holds it: '/' and ':' written in octal.
std::string maildir_host() {
  char buffer[HOST_NAME_MAX + 1] = {};
  std::string_view host = "localhost";
  if (::gethostname(buffer, sizeof buffer - 1) == 0 && buffer[0] != '\0') host = buffer;
  std::string out;
  for (const char c : host) {
    if (c == '/') {
      out += "\\057";
    } else if (c == ':') {
      out += "\\072";
    } else {
      out += c;
    }
  }
  return out;
}

// SECONDS.M<micro>P<pid>Q<n>.HOST: unique across processes (the pid), across
// deliveries of one process (n), and across pids reused (the time).
std::string unique_name() {
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  const unsigned long n = maildir_deliveries.fetch_add(1) + 1;
  return fmt::format("{}.M{}P{}Q{}.{}", static_cast<long long>(now.tv_sec),
                     static_cast<long>(now.tv_nsec / 1000), static_cast<long>(::getpid()), n,
                     maildir_host());
}

std::optional<Delivery> MaildirTransport::open_folders(Fd (&folders)[3]) const {
  // DIR is the user's path (a link to a maildir is followed, as mail software does);
  // tmp/, new/ and cur/ are opened without following links, and every later step works
  // in the folders opened, so that no link put anywhere inside sends a file elsewhere.
  // DIR itself is made when missing (its parent must exist: a mistyped path is an
  // error, not a new tree of folders).
  if (::mkdir(target().c_str(), 0700) != 0 && errno != EEXIST) return refused({io::Refusal::system, errno, target()});
  const Fd root(::open(target().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!root.valid()) {
    const int error = errno;
    struct stat link {};
    if (::lstat(target().c_str(), &link) == 0) {
      return refused({S_ISLNK(link.st_mode) ? io::Refusal::link : io::Refusal::not_folder, 0, target()});
    }
    return refused({io::Refusal::system, error, target()});
  }
  const char* names[3] = {"tmp", "new", "cur"};
  for (int i = 0; i < 3; ++i) {
    io::Opened sub = io::open_folder(root.get(), names[i], 0700);
    if (!sub) {
      io::Failure f = *sub.failure;
      f.path = join(target(), names[i]);
      return refused(f);
    }
    folders[i] = std::move(sub.fd);
  }
  return std::nullopt;
}

std::optional<Delivery> MaildirTransport::create_in_tmp(int tmp, std::string& name, Fd& fd) const {
  for (int attempt = 1;; ++attempt) {
    name = unique_name();
    io::Opened made = io::create_new(name, 0600, tmp);
    if (made) {
      fd = std::move(made.fd);
      return std::nullopt;
    }
    if (made.failure->refusal != io::Refusal::exists || attempt == kNameTries) {
      io::Failure f = *made.failure;
      f.path = join(join(target(), "tmp"), name);
      return refused(f);
    }
  }
}

Delivery MaildirTransport::deliver(const Envelope& envelope) {
  Fd folders[3];
  if (auto failure = open_folders(folders)) return *failure;
  const int tmp = folders[0].get();
  const int fresh = folders[1].get();

  std::string name;
  Fd fd;
  if (auto failure = create_in_tmp(tmp, name, fd)) return *failure;
  const std::string tmp_path = join(join(target(), "tmp"), name);

  int error = write_all(fd.get(), to_lf(envelope.rendered));
  if (error == 0) error = sync_fd(fd.get());
  const int close_error = fd.close();
  if (error == 0) error = close_error;
  if (error != 0) {
    ::unlinkat(tmp, name.c_str(), 0);
    return failed(Outcome::permanent, path_error(tmp_path, error));
  }

  const std::string new_path = join(join(target(), "new"), name);
  if (::linkat(tmp, name.c_str(), fresh, name.c_str(), 0) == 0) {
    // Delivered already; a file left in tmp/ is cleaned up by mail readers.
    ::unlinkat(tmp, name.c_str(), 0);
  } else {
    error = errno;
    const bool no_hard_links =
        error == EPERM || error == EXDEV || error == ENOSYS || error == EOPNOTSUPP;
    if (!no_hard_links || ::renameat(tmp, name.c_str(), fresh, name.c_str()) != 0) {
      if (no_hard_links) error = errno;
      ::unlinkat(tmp, name.c_str(), 0);
      return failed(Outcome::permanent, path_error(new_path, error));
    }
  }

  // The new name is on disk only once new/ is. When that fails the message is taken
  // back, so that a retry does not deliver it twice. EINVAL: a filesystem that
  // cannot sync a directory.
  error = sync_fd(fresh);
  if (error != 0 && error != EINVAL) {
    ::unlinkat(fresh, name.c_str(), 0);
    return failed(Outcome::permanent, path_error(join(target(), "new"), error));
  }
  return delivered();
}

// ------------------------------------------------------------------------ sendmail

class SendmailTransport final : public PlacedTransport {
 public:
  SendmailTransport(std::string command, std::chrono::milliseconds timeout)
      : PlacedTransport("sendmail", std::move(command), timeout) {}

  Delivery deliver(const Envelope& envelope) override;
};

using Clock = std::chrono::steady_clock;

// How long a command that timed out gets between SIGTERM and SIGKILL: time to remove
// what it queued half.
constexpr std::chrono::milliseconds kTermGrace{1000};

// Milliseconds from now to `deadline` for poll(), rounded up; 0 once it is past.
int millis_left(Clock::time_point deadline) {
  const auto left = deadline - Clock::now();
  if (left <= Clock::duration::zero()) return 0;
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(left).count();
  return static_cast<int>(std::min<long long>(ms, INT_MAX));
}

// Writes all of `data` to the non-blocking `fd`, waiting for room until `deadline`:
// 0, ETIMEDOUT at the deadline, or the errno (EPIPE: the reader is gone).
int write_until(int fd, std::string_view data, Clock::time_point deadline) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n > 0) {
      data.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (n == 0) return EIO;
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return errno;
    const int left = millis_left(deadline);
    if (left == 0) return ETIMEDOUT;
    pollfd out{fd, POLLOUT, 0};
    // POLLERR (the reader closed its end) shows as EPIPE on the next write.
    if (::poll(&out, 1, left) < 0 && errno != EINTR) return errno;
  }
  return 0;
}

// What waiting for a child until a deadline found.
struct Waited {
  bool ended = false;  // it ended: `status` is its wait status (when it was reaped)
  int status = 0;
  int error = 0;       // waiting failed with this errno
};

// Waits for the child `pid` to end, until `deadline`; reaps it when `reap`, else
// leaves it a zombie (its pid, the group's id, then cannot be reused). Polled, with
// pauses growing from 1 to 5 ms: a wait with a timeout needs a pidfd (not on every
// kernel, nor under valgrind) or a SIGCHLD handler, which a library must not install;
// a few milliseconds are little next to a mail command's run.
Waited wait_until(pid_t pid, Clock::time_point deadline, bool reap = true) {
  auto pause = std::chrono::milliseconds(1);
  for (;;) {
    Waited w;
    siginfo_t info{};
    const int r = reap ? ::waitpid(pid, &w.status, WNOHANG)
                       : ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT);
    if (r < 0 && errno != EINTR) {
      w.error = errno;
      return w;
    }
    if (reap ? r == pid : (r == 0 && info.si_pid == pid)) {
      w.ended = true;
      return w;
    }
    const auto now = Clock::now();
    if (now >= deadline) return w;
    std::this_thread::sleep_for(std::min<Clock::duration>(pause, deadline - now));
    pause = std::min(pause * 2, std::chrono::milliseconds(5));
  }
}

// Ends the command's whole process group (the shell and what it started): SIGTERM,
// SIGKILL after the grace (to what is left of the group, the shell's descendants
// too), then reaps the child. It is reaped last, so that the group's id cannot have
// been taken by another process when SIGKILL is sent.
void end_group(pid_t pid) {
  ::kill(-pid, SIGTERM);
  wait_until(pid, Clock::now() + kTermGrace, false);
  ::kill(-pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

std::string duration_text(std::chrono::milliseconds d) {
  if (d.count() % 1000 == 0) return fmt::format("{} s", d.count() / 1000);
  return fmt::format("{} ms", d.count());
}

// Keeps SIGPIPE off this thread while it writes to a command that may have exited:
// the signal is blocked, and one that our writes raised is taken off before the old
// mask comes back. Unlike SIG_IGN, this leaves other threads alone.
class SigpipeBlock {
 public:
  SigpipeBlock() {
    sigemptyset(&sigpipe_);
    sigaddset(&sigpipe_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &sigpipe_, &old_mask_);
    sigset_t pending;
    sigemptyset(&pending);
    sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
  }
  ~SigpipeBlock() {
    if (raised_ && !was_pending_) {
      const timespec no_wait{};
      while (sigtimedwait(&sigpipe_, nullptr, &no_wait) < 0 && errno == EINTR) {
      }
    }
    pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
  }
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;

  // A write failed with EPIPE, so a SIGPIPE is pending.
  void raised() { raised_ = true; }

 private:
  sigset_t sigpipe_;
  sigset_t old_mask_;
  bool was_pending_ = false;
  bool raised_ = false;
};

// posix_spawn's settings for the child, freed on every path.
struct SpawnSetup {
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;

  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attributes;
};

std::string exit_detail(int status) {
  switch (status) {
    case 126:
      return "exit status 126: the command could not be run";
    case 127:
      return "exit status 127: the command was not found";
    default:
      return fmt::format("exit status {}", status);
  }
}

// A pipe to the command, its write end (ours) non-blocking: nothing on success, else
// the failure.
std::optional<Delivery> open_pipe(Fd& read_end, Fd& write_end) {
  const auto refused = [] {
    return failed(Outcome::permanent,
                  fmt::format("cannot make a pipe to the command: {}", std::strerror(errno)));
  };
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) return refused();
  read_end = Fd(ends[0]);
  write_end = Fd(ends[1]);
  // Our end only (its own open file description): a command that never reads must not
  // hold us past the deadline once the pipe is full. The child's end stays blocking.
  if (::fcntl(write_end.get(), F_SETFL, O_NONBLOCK) != 0) return refused();
  return std::nullopt;
}

// Starts `/bin/sh -c command` in a process group of its own, reading `input` and
// writing to our stderr: 0 with `pid` set, else posix_spawn's error.
int spawn_shell(const std::string& command, int input, pid_t& pid) {
  SpawnSetup setup;
  // The child gets the read end as stdin and our stderr as its stdout; dup2 clears
  // close-on-exec on the copies only.
  posix_spawn_file_actions_adddup2(&setup.actions, input, STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&setup.actions, STDERR_FILENO, STDOUT_FILENO);
  // A caller that ignores or blocks SIGPIPE must not pass that on: mail commands
  // and shell pipelines expect the default.
  sigset_t default_signals;
  sigemptyset(&default_signals);
  sigaddset(&default_signals, SIGPIPE);
  posix_spawnattr_setsigdefault(&setup.attributes, &default_signals);
  sigset_t no_signals;
  sigemptyset(&no_signals);
  posix_spawnattr_setsigmask(&setup.attributes, &no_signals);
  // A group of its own, so that a timeout ends the shell and whatever it started.
  posix_spawnattr_setpgroup(&setup.attributes, 0);
  posix_spawnattr_setflags(&setup.attributes, static_cast<short>(POSIX_SPAWN_SETSIGDEF |
                                                                 POSIX_SPAWN_SETSIGMASK |
                                                                 POSIX_SPAWN_SETPGROUP));

  std::string arg0 = "sh";
  std::string arg1 = "-c";
  std::string arg2 = command;
  char* argv[] = {arg0.data(), arg1.data(), arg2.data(), nullptr};
  return posix_spawn(&pid, "/bin/sh", &setup.actions, &setup.attributes, argv, environ);
}

// The delivery as the command's wait `status` and our write of the message
// (`write_error`, 0 when all was written) tell it.
Delivery exit_outcome(int status, int write_error) {
  if (WIFSIGNALED(status)) {
    return failed(Outcome::temporary, fmt::format("killed by signal {}", WTERMSIG(status)));
  }
  if (!WIFEXITED(status)) {
    return failed(Outcome::permanent, fmt::format("ended with wait status {}", status));
  }
  const int exit_status = WEXITSTATUS(status);
  if (exit_status == 75) return failed(Outcome::temporary, exit_detail(75), 75);
  if (exit_status != 0) return failed(Outcome::permanent, exit_detail(exit_status), exit_status);
  if (write_error == EPIPE) {
    return failed(Outcome::permanent, "the command exited without reading the whole message", 0);
  }
  if (write_error != 0) {
    return failed(Outcome::permanent,
                  fmt::format("writing to the command: {}", std::strerror(write_error)), 0);
  }
  return delivered(0);
}

Delivery SendmailTransport::deliver(const Envelope& envelope) {
  const std::string text = to_lf(envelope.rendered);
  const Clock::time_point deadline = Clock::now() + wait();
  const auto timed_out = [&] {
    return failed(Outcome::temporary, fmt::format("timed out after {}", duration_text(wait())));
  };

  Fd read_end;
  Fd write_end;
  if (auto failure = open_pipe(read_end, write_end)) return *failure;
  pid_t pid = -1;
  const int spawn_error = spawn_shell(target(), read_end.get(), pid);
  if (spawn_error != 0) {
    return failed(Outcome::permanent,
                  fmt::format("cannot run /bin/sh: {}", std::strerror(spawn_error)));
  }
  // Only the child may hold the read end, or a command that stops reading would
  // leave us waiting instead of failing with EPIPE.
  read_end.reset();

  int write_error = 0;
  {
    SigpipeBlock block;
    write_error = write_until(write_end.get(), text, deadline);
    if (write_error == EPIPE) block.raised();
  }
  // End of input: the command may be waiting for it before it exits.
  write_end.reset();
  if (write_error == ETIMEDOUT) {
    end_group(pid);
    return timed_out();
  }

  const Waited waited = wait_until(pid, deadline);
  if (waited.error != 0) {
    return failed(Outcome::permanent,
                  fmt::format("cannot wait for the command: {}", std::strerror(waited.error)));
  }
  if (!waited.ended) {
    end_group(pid);
    return timed_out();
  }
  return exit_outcome(waited.status, write_error);
}

}  // namespace

std::unique_ptr<Transport> mbox_transport(std::string path,
                                          std::chrono::milliseconds lock_wait) {
  return std::make_unique<MboxTransport>(std::move(path), lock_wait);
}

std::unique_ptr<Transport> maildir_transport(std::string dir) {
  return std::make_unique<MaildirTransport>(std::move(dir));
}

std::unique_ptr<Transport> sendmail_transport(std::string command, std::chrono::milliseconds timeout) {
  return std::make_unique<SendmailTransport>(std::move(command), timeout);
}

}  // namespace inspectrack::notify
