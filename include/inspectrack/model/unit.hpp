#pragma once
// An inspected or responsible body (đơn vị).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace inspectrack::model {

enum class UnitKind { province, district, commune, ward, town, department, agency };

// "commune" etc.; stable, used in files, JSON and the database.
std::string_view to_string(UnitKind kind);
std::optional<UnitKind> parse_unit_kind(std::string_view s);
// Every kind's name, in declaration order (for messages and suggestions).
const std::vector<std::string>& unit_kind_names();

struct Unit {
  std::string key;
  std::string name;                   // NFC
  UnitKind kind = UnitKind::agency;
  std::optional<std::string> parent;  // key of the parent unit
  std::vector<std::string> emails;
  std::string head;                   // người đứng đầu; "" when not given

  bool operator==(const Unit&) const = default;
};

}  // namespace inspectrack::model
