#include "inspectrack/model/repeat.hpp"

#include "enum_names.hpp"
#include "inspectrack/text/utf8.hpp"

namespace inspectrack::model {

const std::vector<std::string>& repeat_every_names() {
  static const std::vector<std::string> kNames = {"monthly", "quarterly", "half-yearly", "yearly"};
  return kNames;
}

std::string_view to_string(Repeat::Every every) {
  return detail::enum_name(every, repeat_every_names());
}

std::string describe(const Repeat& repeat) {
  std::string s(to_string(repeat.every));
  if (repeat.from) s += " from " + repeat.from->iso();
  if (repeat.until) s += " until " + repeat.until->iso();
  return s;
}

std::optional<Repeat::Every> parse_repeat_every(std::string_view s) {
  if (auto every = detail::parse_enum<Repeat::Every>(s, repeat_every_names())) return every;
  const std::string folded = text::lowercase(text::nfc(s));
  if (folded == "hằng tháng" || folded == "hàng tháng") return Repeat::Every::monthly;
  if (folded == "hằng quý" || folded == "hàng quý") return Repeat::Every::quarterly;
  if (folded == "6 tháng" || folded == "sáu tháng") return Repeat::Every::half_yearly;
  if (folded == "hằng năm" || folded == "hàng năm") return Repeat::Every::yearly;
  return std::nullopt;
}

}  // namespace inspectrack::model
