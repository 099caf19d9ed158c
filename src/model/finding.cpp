#include "inspectrack/model/finding.hpp"

#include "enum_names.hpp"

namespace inspectrack::model {

const std::vector<std::string>& severity_names() {
  static const std::vector<std::string> kNames = {"low", "medium", "high"};
  return kNames;
}

std::string_view to_string(Severity s) { return detail::enum_name(s, severity_names()); }

std::optional<Severity> parse_severity(std::string_view s) {
  return detail::parse_enum<Severity>(s, severity_names());
}

}  // namespace inspectrack::model
