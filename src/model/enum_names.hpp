#pragma once
// Shared helper for the enums' string conversions: one table per enum.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace inspectrack::model::detail {

template <typename E>
std::optional<E> parse_enum(std::string_view s, const std::vector<std::string>& names) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == s) return static_cast<E>(i);
  }
  return std::nullopt;
}

template <typename E>
std::string_view enum_name(E e, const std::vector<std::string>& names) {
  return names.at(static_cast<std::size_t>(e));
}

}  // namespace inspectrack::model::detail
