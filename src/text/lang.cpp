#include "inspectrack/text/lang.hpp"

namespace inspectrack::text {

namespace {

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

}  // namespace

std::optional<Lang> parse_lang(std::string_view s) {
  if (iequals(s, "vi")) return Lang::vi;
  if (iequals(s, "en")) return Lang::en;
  return std::nullopt;
}

Lang lang_from_locale(std::string_view locale_value) {
  return iequals(locale_value.substr(0, 2), "vi") ? Lang::vi : Lang::en;
}

Lang lang_from_environment(const char* lc_all, const char* lc_messages, const char* lang) {
  for (const char* value : {lc_all, lc_messages, lang}) {
    if (value != nullptr && *value != '\0') return lang_from_locale(value);
  }
  return Lang::en;
}

}  // namespace inspectrack::text
