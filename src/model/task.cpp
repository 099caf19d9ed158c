#include "inspectrack/model/task.hpp"

#include <utility>

#include "enum_names.hpp"

namespace inspectrack::model {

const std::vector<std::string>& status_names() {
  static const std::vector<std::string> kNames = {"open", "done", "verified", "cancelled"};
  return kNames;
}

std::string_view to_string(Status s) { return detail::enum_name(s, status_names()); }

std::optional<Status> parse_status(std::string_view s) {
  return detail::parse_enum<Status>(s, status_names());
}

std::string Task::full_key() const {
  std::string out = inspection + "/" + key + "@" + assignee;
  if (!period.empty()) out += "#" + period;
  return out;
}

std::optional<TaskKey> parse_task_key(std::string_view s) {
  std::string period;
  if (const auto hash = s.find('#'); hash != std::string_view::npos) {
    period = std::string(s.substr(hash + 1));
    s = s.substr(0, hash);
    if (period.empty()) return std::nullopt;
  }
  const auto slash = s.find('/');
  const auto at = s.rfind('@');
  if (slash == std::string_view::npos || at == std::string_view::npos || at < slash ||
      slash == 0 || at == slash + 1 || at + 1 == s.size()) {
    return std::nullopt;
  }
  return TaskKey{std::string(s.substr(0, slash)), std::string(s.substr(slash + 1, at - slash - 1)),
                 std::string(s.substr(at + 1)), std::move(period)};
}

}  // namespace inspectrack::model
