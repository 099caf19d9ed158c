#include "inspectrack/import/source.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

#include "inspectrack/error.hpp"
#include "inspectrack/text/utf8.hpp"

namespace inspectrack::import {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool starts_with_bom(std::string_view bytes) { return bytes.substr(0, kBom.size()) == kBom; }

// Line and column of a byte offset in the file as an editor shows it: CRLF and a
// lone CR each end a line, and a leading BOM takes no column.
Position position_of(const std::string& path, std::string_view bytes, std::size_t offset) {
  std::size_t line_start = starts_with_bom(bytes) ? kBom.size() : 0;
  int line = 1;
  for (std::size_t i = line_start; i < offset; ++i) {
    const char c = bytes[i];
    const bool crlf = c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n';
    if (c == '\n' || (c == '\r' && !crlf)) {
      ++line;
      line_start = i + 1;
    }
  }
  const std::size_t chars = text::count_code_points(bytes.substr(line_start, offset - line_start));
  return Position{path, line, static_cast<int>(chars) + 1};
}

void size_error(const std::string& path, const Limits& limits, Diagnostics& diags) {
  diags.error(Position{path, 0, 0}, text::Message("the file is larger than the limit of {0} bytes; if it is "
                                                  "right, raise the limit with --max-file-size",
                                                  limits.max_file_size));
}

std::string lower_first(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

[[noreturn]] void throw_unreadable(const std::string& path, int err) {
  text::Message reason = text::Message::verbatim("");
  switch (err) {
    case ENOENT:
      reason = text::Message("no such file");
      break;
    case EISDIR:
      reason = text::Message("it is a directory");
      break;
    case EACCES:
      reason = text::Message("permission denied");
      break;
    default:
      reason = text::Message::verbatim(lower_first(std::strerror(err)));
      break;
  }
  throw InputError(text::Message("cannot read '{0}': {1}", path, reason), ExitCode::no_input);
}

// Closes the descriptor on every path out of read_source.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

// check_source on bytes the caller gives up: the text is made from them in place, so
// that a 16 MiB file is held once, not twice.
std::optional<SourceFile> check_owned(const std::string& path, std::string&& owned, const Limits& limits,
                                      Diagnostics& diags) {
  std::string_view bytes = owned;
  if (bytes.size() > limits.max_file_size) {
    size_error(path, limits, diags);
    return std::nullopt;
  }

  if (const auto nul = bytes.find('\0'); nul != std::string_view::npos) {
    diags.error(position_of(path, bytes, nul),
                text::Message("the file contains a NUL byte, so it is not UTF-8 text (it may have been saved "
                              "as UTF-16 or \"Unicode\"); re-save it as \"UTF-8\" in the editor (Notepad: "
                              "File › Save As › Encoding: UTF-8)"));
    return std::nullopt;
  }

  if (const auto bad = text::find_invalid_utf8(bytes)) {
    const auto byte = static_cast<unsigned char>(bytes[*bad]);
    diags.error(position_of(path, bytes, *bad),
                text::Message("the file is not UTF-8 (byte 0x{0:02X} here): it looks like it was saved in a "
                              "legacy encoding such as Windows-1258 or TCVN3; re-save it as \"UTF-8\" in the "
                              "editor (Notepad: File › Save As › Encoding: UTF-8)",
                              byte));
    return std::nullopt;
  }

  // CR LF and a lone CR become LF, the BOM goes: the result is never longer, so it
  // is written over the bytes it is read from.
  std::string& text = owned;
  std::size_t from = starts_with_bom(text) ? kBom.size() : 0;
  std::size_t to = 0;
  for (; from < text.size(); ++from) {
    if (text[from] == '\r') {
      text[to++] = '\n';
      if (from + 1 < text.size() && text[from + 1] == '\n') ++from;
    } else {
      text[to++] = text[from];
    }
  }
  text.resize(to);
  SourceFile out;
  out.path = path;
  out.text = std::move(text);
  return out;
}

}  // namespace

std::optional<SourceFile> check_source(const std::string& path, std::string_view bytes, const Limits& limits,
                                       Diagnostics& diags) {
  if (bytes.size() > limits.max_file_size) {
    size_error(path, limits, diags);
    return std::nullopt;
  }
  return check_owned(path, std::string(bytes), limits, diags);
}

std::optional<SourceFile> read_source(const std::string& path, const Limits& limits, Diagnostics& diags) {
  const FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) throw_unreadable(path, errno);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) throw_unreadable(path, errno);
  if (S_ISDIR(st.st_mode)) throw_unreadable(path, EISDIR);
  if (S_ISREG(st.st_mode) && static_cast<std::uintmax_t>(st.st_size) > limits.max_file_size) {
    size_error(path, limits, diags);
    return std::nullopt;
  }

  // Read at most one byte past the limit: enough for check_source to refuse a
  // pipe or device that turns out too long, without reading all of it.
  std::string bytes;
  if (S_ISREG(st.st_mode)) bytes.reserve(static_cast<std::size_t>(st.st_size) + 1);
  char buffer[64 * 1024];
  while (bytes.size() <= limits.max_file_size) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_unreadable(path, errno);
    }
    if (n == 0) break;
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
  return check_owned(path, std::move(bytes), limits, diags);
}

}  // namespace inspectrack::import
