#include "inspectrack/io/files.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace inspectrack::io {

Fd::Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

Fd& Fd::operator=(Fd&& other) noexcept {
  if (this != &other) {
    reset();
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

void Fd::reset() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

int Fd::close() {
  const int fd = std::exchange(fd_, -1);
  return fd >= 0 && ::close(fd) != 0 ? errno : 0;
}

namespace {

Opened refused(Refusal refusal, const std::string& path, int error = 0) {
  Opened out;
  out.failure = Failure{refusal, error, path};
  return out;
}

std::optional<Failure> failure(Refusal refusal, const std::string& path, int error = 0) {
  return Failure{refusal, error, path};
}

int dir_or_cwd(int at) { return at < 0 ? AT_FDCWD : at; }

// What is at `path` (relative to `at`), without following a link: the refusal for a
// file that is to be written there, nothing for a regular file; ENOENT as a system
// failure when nothing is there.
std::optional<Failure> classify_file(int at, const std::string& path) {
  struct stat info {};
  if (::fstatat(dir_or_cwd(at), path.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
    return failure(Refusal::system, path, errno);
  }
  if (S_ISLNK(info.st_mode)) return failure(Refusal::link, path);
  if (S_ISDIR(info.st_mode)) return failure(Refusal::directory, path);
  if (!S_ISREG(info.st_mode)) return failure(Refusal::special, path);
  return std::nullopt;
}

}  // namespace

unsigned folder_mode(unsigned file_mode) {
  const unsigned mode = file_mode & 0777u;
  return mode | ((mode & 0444u) >> 2);
}

Opened create_new(const std::string& path, unsigned mode, int at) {
  // O_NOFOLLOW with O_EXCL: a link of any kind is "there", and never followed.
  const int fd = ::openat(dir_or_cwd(at), path.c_str(),
                          O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, mode & 0777u);
  if (fd < 0) {
    const int error = errno;
    if (error == EEXIST) {
      const auto what = classify_file(at, path);
      return refused(what && what->refusal == Refusal::link ? Refusal::link : Refusal::exists, path);
    }
    return refused(Refusal::system, path, error);
  }
  Opened out;
  out.fd = Fd(fd);
  out.created = true;
  // open() narrows the mode by the umask; the mode asked for is the one wanted.
  if (::fchmod(fd, mode & 0777u) != 0) {
    const int error = errno;
    ::unlinkat(dir_or_cwd(at), path.c_str(), 0);
    return refused(Refusal::system, path, error);
  }
  return out;
}

Opened open_append(const std::string& path, unsigned mode) {
  // A few tries: another program may create or remove the file between the checks.
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (auto what = classify_file(-1, path)) {
      if (what->refusal != Refusal::system || what->error != ENOENT) return refused(what->refusal, path, what->error);
      Opened made = create_new(path, mode);
      if (!made && made.failure->refusal == Refusal::exists) continue;
      if (made && ::fcntl(made.fd.get(), F_SETFL, O_APPEND) != 0) return refused(Refusal::system, path, errno);
      return made;
    }
    // O_NONBLOCK: a FIFO put there since the check must not block the open; fstat
    // then refuses it.
    const int fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
      if (errno == ENOENT) continue;
      if (errno == ELOOP) return refused(Refusal::link, path);
      return refused(Refusal::system, path, errno);
    }
    Opened out;
    out.fd = Fd(fd);
    struct stat info {};
    if (::fstat(fd, &info) != 0) return refused(Refusal::system, path, errno);
    if (S_ISDIR(info.st_mode)) return refused(Refusal::directory, path);
    if (!S_ISREG(info.st_mode)) return refused(Refusal::special, path);
    if (::fcntl(fd, F_SETFL, O_APPEND) != 0) return refused(Refusal::system, path, errno);
    return out;
  }
  return refused(Refusal::system, path, EAGAIN);
}

std::optional<Failure> make_folders(const std::string& path, unsigned mode) {
  // One folder of the path: used when it is one (through a link too), made when missing.
  const auto make = [mode](const std::string& prefix) -> std::optional<Failure> {
    struct stat info {};
    if (::stat(prefix.c_str(), &info) == 0) {
      if (!S_ISDIR(info.st_mode)) return failure(Refusal::not_folder, prefix);
      return std::nullopt;
    }
    if (errno != ENOENT) return failure(Refusal::system, prefix, errno);
    struct stat link {};
    if (::lstat(prefix.c_str(), &link) == 0) {
      return failure(S_ISLNK(link.st_mode) ? Refusal::link : Refusal::not_folder, prefix);
    }
    if (::mkdir(prefix.c_str(), mode & 0777u) != 0 && errno != EEXIST) {
      return failure(Refusal::system, prefix, errno);
    }
    // mkdir narrows the mode by the umask; set it exactly, on the folder itself (not
    // a link put there meanwhile).
    const int fd = ::open(prefix.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return failure(errno == ELOOP ? Refusal::link : Refusal::system, prefix, errno);
    const int error = ::fchmod(fd, mode & 0777u) == 0 ? 0 : errno;
    ::close(fd);
    if (error != 0) return failure(Refusal::system, prefix, error);
    return std::nullopt;
  };
  // Each prefix that ends before a '/', then the whole path.
  for (std::size_t pos = 0;;) {
    pos = path.find('/', pos + 1);
    const std::string prefix = path.substr(0, pos);
    if (prefix.find_first_not_of('/') != std::string::npos) {
      if (auto problem = make(prefix)) return problem;
    }
    if (pos == std::string::npos) return std::nullopt;
  }
}

Opened open_folder(int parent, const std::string& name, unsigned mode) {
  const int at = dir_or_cwd(parent);
  bool created = false;
  for (int attempt = 0; attempt < 2; ++attempt) {
    const int fd = ::openat(at, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) {
      Opened out;
      out.fd = Fd(fd);
      out.created = created;
      if (created && ::fchmod(fd, mode & 0777u) != 0) return refused(Refusal::system, name, errno);
      return out;
    }
    const int error = errno;
    if (error != ENOENT) {
      struct stat info {};
      if (::fstatat(at, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0) {
        if (S_ISLNK(info.st_mode)) return refused(Refusal::link, name);
        if (!S_ISDIR(info.st_mode)) return refused(Refusal::not_folder, name);
      }
      return refused(Refusal::system, name, error);
    }
    if (::mkdirat(at, name.c_str(), mode & 0777u) == 0) {
      created = true;
    } else if (errno != EEXIST) {
      return refused(Refusal::system, name, errno);
    }
  }
  return refused(Refusal::system, name, ENOENT);
}

std::optional<Failure> check_regular_or_absent(const std::string& path) {
  auto what = classify_file(-1, path);
  // Absent, or not ours to judge (a folder that cannot be searched): the open that
  // follows reports that itself.
  if (what && what->refusal == Refusal::system) return std::nullopt;
  return what;
}

namespace {

// The folder a path is in ("." for a bare name) and its last part.
std::pair<std::string, std::string> split_path(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return {".", path};
  return {slash == 0 ? "/" : path.substr(0, slash), path.substr(slash + 1)};
}

// A folder made by mkdtemp, removed with what is in it (the files of one writer: no
// subfolders) when it goes.
class PrivateFolder {
 public:
  explicit PrivateFolder(std::string path) : path_(std::move(path)) {}
  ~PrivateFolder() {
    if (const Fd dir(::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)); dir.valid()) {
      for (const std::string& name : names(dir.get())) ::unlinkat(dir.get(), name.c_str(), 0);
    }
    ::rmdir(path_.c_str());
  }
  PrivateFolder(const PrivateFolder&) = delete;
  PrivateFolder& operator=(const PrivateFolder&) = delete;

 private:
  static std::vector<std::string> names(int fd);
  std::string path_;
};

std::vector<std::string> PrivateFolder::names(int fd) {
  std::vector<std::string> out;
  const int copy = ::dup(fd);
  if (copy < 0) return out;
  DIR* dir = ::fdopendir(copy);
  if (dir == nullptr) {
    ::close(copy);
    return out;
  }
  while (const dirent* entry = ::readdir(dir)) {
    const std::string name = entry->d_name;
    if (name != "." && name != "..") out.push_back(name);
  }
  ::closedir(dir);
  return out;
}

std::optional<Failure> write_all(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return failure(Refusal::system, path, n < 0 ? errno : EIO);
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return std::nullopt;
}

// The file `temporary`, written for `path`, given `mode` and synced to disk.
std::optional<Failure> settle(const std::string& temporary, const std::string& path, unsigned mode) {
  const Fd fd(::open(temporary.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY));
  if (!fd.valid()) return failure(Refusal::system, path, errno);
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) return failure(Refusal::system, path, errno);
  if (!S_ISREG(info.st_mode)) return failure(Refusal::special, path);
  if (::fchmod(fd.get(), mode & 0777u) != 0 || ::fsync(fd.get()) != 0) {
    return failure(Refusal::system, path, errno);
  }
  return std::nullopt;
}

// Gives `temporary` the name `path` unless something has it: a hard link, else (a
// filesystem without them, such as FAT) a rename that never replaces.
std::optional<Failure> link_into_place(const std::string& temporary, const std::string& path) {
  if (::link(temporary.c_str(), path.c_str()) == 0) return std::nullopt;
  int error = errno;
  if (error == EPERM || error == EXDEV || error == ENOSYS || error == EOPNOTSUPP) {
    if (::renameat2(AT_FDCWD, temporary.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) == 0) {
      return std::nullopt;
    }
    error = errno;
  }
  if (error == EEXIST) return classify_file(-1, path).value_or(Failure{Refusal::exists, 0, path});
  return failure(Refusal::system, path, error);
}

}  // namespace

std::optional<Failure> create_whole(const std::string& path, unsigned mode,
                                    const std::function<std::optional<Failure>(const std::string&)>& write) {
  // Said before the work of writing it: what is there already.
  if (auto what = classify_file(-1, path); !what) {
    return Failure{Refusal::exists, 0, path};
  } else if (what->refusal != Refusal::system || what->error != ENOENT) {
    return what;
  }
  const auto [folder, name] = split_path(path);
  if (name.empty()) return failure(Refusal::directory, path);
  std::string scratch = (folder == "/" ? "" : folder) + "/." + name + ".XXXXXX";
  if (::mkdtemp(scratch.data()) == nullptr) return failure(Refusal::system, folder, errno);
  const PrivateFolder cleanup(scratch);
  const std::string temporary = scratch + "/" + name;
  if (auto problem = write(temporary)) return problem;
  if (auto problem = settle(temporary, path, mode)) return problem;
  if (auto problem = link_into_place(temporary, path)) return problem;
  // The new name is on disk once its folder is; EINVAL: a filesystem that cannot sync one.
  if (const Fd dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)); dir.valid()) {
    if (::fsync(dir.get()) != 0 && errno != EINVAL) return failure(Refusal::system, folder, errno);
  }
  return std::nullopt;
}

std::optional<Failure> create_whole(const std::string& path, unsigned mode, std::string_view bytes) {
  return create_whole(path, mode, [&](const std::string& temporary) -> std::optional<Failure> {
    Opened made = create_new(temporary, mode);
    if (!made) return made.failure;
    if (auto problem = write_all(made.fd.get(), bytes, path)) return problem;
    if (const int error = made.fd.close(); error != 0) return failure(Refusal::system, path, error);
    return std::nullopt;
  });
}

text::Message describe(const Failure& f, std::string_view about) {
  const bool it = f.path == about;
  if (f.refusal == Refusal::system) {
    return text::Message::verbatim(it ? std::string(std::strerror(f.error))
                                      : fmt::format("'{}': {}", f.path, std::strerror(f.error)));
  }
  // The subject: "'PATH'", or "it" when the sentence is about that path already.
  const text::Message subject = it ? text::Message::with_context("a file already named", "it")
                                   : text::Message::verbatim(fmt::format("'{}'", f.path));
  switch (f.refusal) {
    case Refusal::link:
      return text::Message(
          "{0} is a symbolic link; inspectrack does not write through links: give the real path", subject);
    case Refusal::directory:
      return text::Message("{0} is a folder, not a file", subject);
    case Refusal::special:
      return text::Message("{0} is not a regular file (a FIFO, a device or a socket)", subject);
    case Refusal::not_folder:
      return text::Message("{0} is not a folder", subject);
    case Refusal::exists:
      return text::Message("{0} already exists; inspectrack never overwrites a file", subject);
    case Refusal::system:
      break;
  }
  return text::Message::verbatim("");
}

}  // namespace inspectrack::io
