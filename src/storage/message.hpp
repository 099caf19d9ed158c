#pragma once
// The storage module's messages: English or Vietnamese, values filled in.

#include <fmt/format.h>

#include <string>

#include "inspectrack/text/lang.hpp"

namespace inspectrack::storage::detail {

// The wording for `lang`, formatted with `args` (fmt syntax).
template <typename... Args>
std::string say(text::Lang lang, const char* en, const char* vi, const Args&... args) {
  return fmt::format(fmt::runtime(text::tr(lang, en, vi)), args...);
}

}  // namespace inspectrack::storage::detail
