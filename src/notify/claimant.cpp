#include "inspectrack/notify/claimant.hpp"

#include <limits.h>
#include <unistd.h>

#include <charconv>
#include <fstream>
#include <iterator>
#include <sstream>

namespace inspectrack::notify {
namespace {

// A process that ends between the open and the read of its /proc file fails the read
// (ESRCH), which libstdc++'s filebuf throws as ios_base::failure whatever the stream's
// exception mask: that is a process that is gone, not an internal error.
std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  try {
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return std::nullopt;
    return text;
  } catch (const std::ios_base::failure&) {
    return std::nullopt;
  }
}

// The text of a stat file after the command name: "(sh) S 1 …" holds any byte in
// the name, parentheses included, so the fields start after the last ')'.
std::optional<std::uint64_t> start_time_in_stat(const std::string& stat) {
  const std::size_t close = stat.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(stat.substr(close + 1));
  std::string field;
  // Field 3 is the state, field 22 the start time.
  for (int n = 3; n <= 22; ++n) {
    if (!(fields >> field)) return std::nullopt;
    if (n == 3 && (field == "Z" || field == "X" || field == "x")) return std::nullopt;
  }
  std::uint64_t start = 0;
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), start);
  if (error != std::errc() || end != field.data() + field.size()) return std::nullopt;
  return start;
}

std::string host_name() {
  char buffer[HOST_NAME_MAX + 1] = {};
  if (::gethostname(buffer, sizeof buffer - 1) != 0 || buffer[0] == '\0') return "localhost";
  std::string host = buffer;
  for (char& c : host) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '\x7f') c = '_';
  }
  return host;
}

}  // namespace

model::Claimant this_process(const std::string& proc) {
  model::Claimant self;
  self.host = host_name();
  self.pid = static_cast<std::int64_t>(::getpid());
  if (const auto stat = read_file(proc + "/self/stat")) {
    if (const auto start = start_time_in_stat(*stat)) self.start = *start;
  }
  if (auto boot_id = read_file(proc + "/sys/kernel/random/boot_id")) {
    while (!boot_id->empty() && (boot_id->back() == '\n' || boot_id->back() == ' ')) boot_id->pop_back();
    // A boot id is a UUID; anything else is not one.
    if (boot_id->find_first_of(" \t\r\n") == std::string::npos) self.boot_id = *boot_id;
  }
  // A start time of 0 could not be told from a later process with the same pid.
  if (self.start == 0) self.boot_id.clear();
  return self;
}

std::optional<std::uint64_t> process_start_time(std::int64_t pid, const std::string& proc) {
  if (pid <= 0) return std::nullopt;
  const auto stat = read_file(proc + "/" + std::to_string(pid) + "/stat");
  if (!stat) return std::nullopt;
  return start_time_in_stat(*stat);
}

bool is_running(const model::Claimant& claimant, const model::Claimant& here, const std::string& proc) {
  return model::is_running(claimant, here,
                           [&proc](std::int64_t pid) { return process_start_time(pid, proc); });
}

}  // namespace inspectrack::notify
