#include "inspectrack/model/due.hpp"

#include "enum_names.hpp"

namespace inspectrack::model {
namespace {

const std::vector<std::string>& due_form_names() {
  static const std::vector<std::string> kNames = {"date", "by", "before", "within", "none", "day"};
  return kNames;
}

}  // namespace

std::string_view to_string(Due::Form form) { return detail::enum_name(form, due_form_names()); }

std::optional<Due::Form> parse_due_form(std::string_view s) {
  return detail::parse_enum<Due::Form>(s, due_form_names());
}

}  // namespace inspectrack::model
