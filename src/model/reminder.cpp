#include "inspectrack/model/reminder.hpp"

#include <charconv>

#include "enum_names.hpp"

namespace inspectrack::model {
namespace {

const std::vector<std::string>& reminder_status_names() {
  static const std::vector<std::string> kNames = {"sending", "sent"};
  return kNames;
}

// The next space-separated field of `text`, taken off its front.
std::string_view next_field(std::string_view& text) {
  const std::size_t end = text.find(' ');
  const std::string_view field = text.substr(0, end);
  text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  return field;
}

template <typename Int>
std::optional<Int> parse_int(std::string_view s) {
  Int value{};
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || error != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

}  // namespace

std::string_view to_string(Reminder::Status status) {
  return detail::enum_name(status, reminder_status_names());
}

std::optional<Reminder::Status> parse_reminder_status(std::string_view s) {
  return detail::parse_enum<Reminder::Status>(s, reminder_status_names());
}

std::string to_string(const Claimant& claimant) {
  std::string host = claimant.host.empty() ? std::string("localhost") : claimant.host;
  for (char& c : host) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '\x7f') c = '_';
  }
  std::string boot_id = claimant.boot_id.empty() ? std::string("-") : claimant.boot_id;
  for (char& c : boot_id) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '\x7f') c = '_';
  }
  return host + ' ' + std::to_string(claimant.pid) + ' ' + std::to_string(claimant.start) + ' ' + boot_id;
}

std::optional<Claimant> parse_claimant(std::string_view text) {
  Claimant c;
  c.host = std::string(next_field(text));
  const auto pid = parse_int<std::int64_t>(next_field(text));
  const auto start = parse_int<std::uint64_t>(next_field(text));
  c.boot_id = std::string(next_field(text));
  if (c.host.empty() || !pid || *pid <= 0 || !start || c.boot_id.empty() || !text.empty()) {
    return std::nullopt;
  }
  c.pid = *pid;
  c.start = *start;
  if (c.boot_id == "-") c.boot_id.clear();
  return c;
}

bool is_running(const Claimant& claimant, const Claimant& here, const StartTimeOf& start_time_of) {
  // Without a boot id (no /proc) nothing tells a process from a later one with its pid.
  if (claimant.host != here.host || claimant.boot_id.empty() || claimant.boot_id != here.boot_id) {
    return false;
  }
  if (claimant.pid <= 0) return false;
  const std::optional<std::uint64_t> start = start_time_of(claimant.pid);
  return start && *start == claimant.start;
}

}  // namespace inspectrack::model
