#pragma once
// Where reminder messages go: appended to an mbox file, delivered into a
// maildir, or piped to a sendmail-compatible command. The I/O half of the notify
// module; the messages themselves are built by message.hpp.

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace inspectrack::notify {

struct Delivery {
  enum class Outcome {
    delivered,  // the message is in the mailbox, or the command accepted it (exit 0)
    temporary,  // try again later: the command exited 75 (EX_TEMPFAIL), was killed by
                // a signal, or did not finish in time; the mailbox was locked by
                // another program past the wait
    permanent,  // needs a person: the command failed otherwise (or could not be run),
                // the mailbox or maildir cannot be created or written (disk full too)
  };
  Outcome outcome = Outcome::permanent;
  // Says what happened, for a message to the user: "exit status 68", "killed by
  // signal 9", "timed out after 60 s", "/var/mail/x: No space left on device". Empty
  // when delivered.
  std::string detail;
  // The command's exit status when it ran and exited; -1 otherwise.
  int exit_status = -1;
};

// One message as a transport needs it.
struct Envelope {
  std::string_view rendered;      // render_message(): the whole message, CRLF line ends
  std::string_view sender;        // the envelope sender address, e.g. vanphong@example.vn
  std::string_view asctime_date;  // for an mbox "From " line: "Fri Jul 23 07:00:00 2021"
};

class Transport {
 public:
  virtual ~Transport() = default;
  // Delivers one message; never throws for a delivery failure (it is the outcome).
  virtual Delivery deliver(const Envelope& envelope) = 0;
  // "mbox", "maildir" or "sendmail": what the database records.
  virtual std::string_view kind() const = 0;
  // The file, directory or command, for messages to the user.
  virtual const std::string& target() const = 0;
};

// Appends each message to the mbox file at `path` (created with mode 0600 when
// missing) as an mboxrd entry, holding an fcntl write lock on the file while writing
// and fsync-ing before the lock is released; a lock held by another program is
// waited for up to `lock_wait` (then: temporary). A failed or short write truncates
// the file back to its size before the entry, so the mailbox never holds half a
// message. An entry always starts on a line of its own. Only a regular file is
// accepted (a FIFO or device cannot be truncated back).
std::unique_ptr<Transport> mbox_transport(
    std::string path, std::chrono::milliseconds lock_wait = std::chrono::seconds(10));

// Delivers each message into the maildir `dir` (dir, dir/tmp, dir/new and dir/cur are
// created with mode 0700 when missing): written to tmp/ under a unique name
// (SECONDS.M<micro>P<pid>Q<n>.HOST), fsync-ed, then linked into new/ and removed from
// tmp/ (rename when the filesystem has no hard links), so a reader never sees a
// partial file. Line ends in the file are LF.
std::unique_ptr<Transport> maildir_transport(std::string dir);

// Pipes each message, with LF line ends, to `/bin/sh -c COMMAND` (e.g.
// "/usr/sbin/sendmail -t -i"), run in a process group of its own. The command's
// standard output goes to our standard error (so it never mixes with a report); its
// standard error is inherited. Exit 0 is delivered, 75 temporary, a signal temporary,
// anything else permanent (126/127: the command could not be run). A command that
// exits 0 without reading the whole message is a failure when that can be seen, i.e.
// when the pipe breaks while we write (a message larger than the pipe's buffer, 64 KiB
// on Linux); a shorter one is already in the buffer. SIGPIPE never kills the caller.
// The message must be written and the command must exit within `timeout` (writes
// never block past it, even to a command that reads nothing); else its process group
// gets SIGTERM, SIGKILL a second later, and the outcome is temporary, "timed out after
// N s". `timeout` must be positive.
std::unique_ptr<Transport> sendmail_transport(
    std::string command, std::chrono::milliseconds timeout = std::chrono::seconds(60));

}  // namespace inspectrack::notify
