#pragma once
// One shortcoming (tồn tại, hạn chế) found at one unit during one inspection.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace inspectrack::model {

enum class Severity { low, medium, high };

std::string_view to_string(Severity s);
std::optional<Severity> parse_severity(std::string_view s);
const std::vector<std::string>& severity_names();

// A measured indicator: "80.11 of 100 points", "12% of dossiers online, target 50%".
struct Indicator {
  std::string name;              // "" when not given
  std::optional<double> value;
  std::optional<double> target;
  std::string unit;              // "%", "điểm", … ; "" when not given

  bool operator==(const Indicator&) const = default;
};

struct Finding {
  std::string inspection;        // inspection key
  std::string key;               // unique within the inspection
  std::string unit;              // unit key
  std::string area;              // area/criterion code, e.g. "tthc.cong-khai"; may be ""
  std::optional<Severity> severity;
  std::string text;              // NFC
  std::string legal_basis;       // căn cứ; "" when not given
  std::optional<Indicator> indicator;

  bool operator==(const Finding&) const = default;
};

}  // namespace inspectrack::model
