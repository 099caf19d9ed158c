#include "inspectrack/model/inspection.hpp"

#include "enum_names.hpp"

namespace inspectrack::model {

const std::vector<std::string>& inspection_kind_names() {
  static const std::vector<std::string> kNames = {"visit", "assessment", "directive"};
  return kNames;
}

std::string_view to_string(InspectionKind kind) {
  return detail::enum_name(kind, inspection_kind_names());
}

std::optional<InspectionKind> parse_inspection_kind(std::string_view s) {
  return detail::parse_enum<InspectionKind>(s, inspection_kind_names());
}

}  // namespace inspectrack::model
