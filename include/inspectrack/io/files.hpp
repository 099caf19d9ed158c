#pragma once
// The one way inspectrack creates or appends to a file, or makes a folder: never
// through a symbolic link, never into a FIFO, a device or a directory, with the mode
// asked for whatever the process umask. The database, its backups, the mbox and the
// maildir all go through here, so the rule holds for every file the tool writes.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "inspectrack/text/message.hpp"

namespace inspectrack::io {

// Why a path was not used.
enum class Refusal {
  link,       // a symbolic link (dangling or not) where a file or folder is created or written
  directory,  // a folder where a file belongs
  special,    // a FIFO, a device or a socket where a file belongs
  not_folder, // a file (or FIFO, device…) where a folder belongs
  exists,     // create_new(): something is already there
  system,     // the system refused: `error` says why
};

struct Failure {
  Refusal refusal = Refusal::system;
  int error = 0;     // errno, for Refusal::system
  std::string path;  // the path refused: the one given, or the folder on the way to it
};

// Owns one file descriptor; closed when destroyed.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd(Fd&& other) noexcept;
  Fd& operator=(Fd&& other) noexcept;

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  void reset();
  // Closes it: 0, or the errno of a failed close (NFS reports write errors there).
  int close();

 private:
  int fd_ = -1;
};

// A descriptor, or why there is none.
struct Opened {
  Fd fd;
  std::optional<Failure> failure;
  bool created = false;  // the file did not exist before
  explicit operator bool() const { return !failure.has_value(); }
};

// The mode of a folder made for files of `file_mode`: searchable where readable
// (0600 → 0700, 0640 → 0750).
unsigned folder_mode(unsigned file_mode);

// Creates the regular file `path`, which must not exist (not even as a dangling
// link: Refusal::exists, or Refusal::link for a link), with exactly `mode`, opened
// for reading and writing. `at` is a folder descriptor `path` is relative to, or -1.
Opened create_new(const std::string& path, unsigned mode, int at = -1);

// Opens `path` for appending (and reading): an existing regular file that is not a
// link, or a new one created as create_new() does with `mode`. Refuses a link, a
// folder, a FIFO, a device or a socket without opening it.
Opened open_append(const std::string& path, unsigned mode);

// Makes the folders of `path` that are missing (all of it: mkdir -p), each with
// exactly `mode`. Folders that exist are used as they are, links to folders included
// (they are the user's path); a dangling link or a file on the way is refused.
std::optional<Failure> make_folders(const std::string& path, unsigned mode);

// Opens the folder `name` inside the open folder `parent` (or `name` itself when
// `parent` is -1), making it with exactly `mode` when missing. A link is refused
// (O_NOFOLLOW: also one made between the check and the open), so is anything that
// is not a folder.
Opened open_folder(int parent, const std::string& name, unsigned mode);

// A file SQLite (or a later step) may create or write beside one of ours, such as a
// database's -wal: nothing when it is absent or a regular file that is not a link.
std::optional<Failure> check_regular_or_absent(const std::string& path);

// Makes the new file `path` whole or not at all, for a file another program writes
// by name (a workbook): `write` is given a path in a private folder (0700) made beside
// `path`, creates the file there and returns why it could not; the file is then given
// exactly `mode`, synced, and linked to `path`, which fails when anything is there
// (nothing is ever replaced, not even by a file put there meanwhile). A reader never
// sees it half written; the private folder and what is in it are removed whatever
// happens, what `write` throws included (kill -9 may leave a ".NAME.XXXXXX" folder).
std::optional<Failure> create_whole(const std::string& path, unsigned mode,
                                    const std::function<std::optional<Failure>(const std::string&)>& write);

// create_whole() of a file holding `bytes`.
std::optional<Failure> create_whole(const std::string& path, unsigned mode, std::string_view bytes);

// What went wrong, as a sentence part: "'x.mbox' is a symbolic link; inspectrack
// does not write through links: give the real path". When the failure is about the
// path `about` (one the sentence has named already), "it is a symbolic link; …", and a
// system error is only its description ("No such file or directory").
text::Message describe(const Failure& failure, std::string_view about = {});

}  // namespace inspectrack::io
