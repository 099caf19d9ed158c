#pragma once
// The Vietnamese state-agency calendar shipped with inspectrack (key "vn"): the
// announced days off and swapped working days of each year, each year citing its
// announcement, and Rules::vietnam for the years not yet announced.

#include <string_view>

#include "inspectrack/calendar/work_calendar.hpp"

namespace inspectrack::import {

// The YAML as embedded at build time (src/calendar/data/vn.yaml).
std::string_view shipped_calendar_yaml();

// Parsed once, on first use. A shipped file that does not parse is a bug of the
// build: it throws Error with exit code software (70).
const calendar::CalendarSpec& shipped_calendar();

}  // namespace inspectrack::import
