#include "inspectrack/model/unit.hpp"

#include "enum_names.hpp"

namespace inspectrack::model {

const std::vector<std::string>& unit_kind_names() {
  static const std::vector<std::string> kNames = {"province", "district", "commune", "ward",
                                                  "town",     "department", "agency"};
  return kNames;
}

std::string_view to_string(UnitKind kind) { return detail::enum_name(kind, unit_kind_names()); }

std::optional<UnitKind> parse_unit_kind(std::string_view s) {
  return detail::parse_enum<UnitKind>(s, unit_kind_names());
}

}  // namespace inspectrack::model
