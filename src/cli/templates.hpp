#pragma once
// The commented starter files printed by `inspectrack template`, embedded at build
// time from src/cli/templates/*.yaml.

#include <string_view>

#include "inspectrack/text/lang.hpp"

namespace inspectrack::cli {

// kind is "inspection", "units", "progress", "office" or "calendar"; the comments are in `lang`.
std::string_view template_text(std::string_view kind, text::Lang lang);

}  // namespace inspectrack::cli
