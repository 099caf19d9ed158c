#include "inspectrack/model/reminder.hpp"

#include "enum_names.hpp"

namespace inspectrack::model {
namespace {

const std::vector<std::string>& reminder_status_names() {
  static const std::vector<std::string> kNames = {"sending", "sent"};
  return kNames;
}

}  // namespace

std::string_view to_string(Reminder::Status status) {
  return detail::enum_name(status, reminder_status_names());
}

std::optional<Reminder::Status> parse_reminder_status(std::string_view s) {
  return detail::parse_enum<Reminder::Status>(s, reminder_status_names());
}

}  // namespace inspectrack::model
