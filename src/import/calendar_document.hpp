#pragma once
// The `calendar:` document: weekly rest days, announced years with their
// days off and swapped working days. Private to the import module.

#include <optional>

#include "field_reader.hpp"
#include "inspectrack/import/document.hpp"
#include "inspectrack/import/tree.hpp"

namespace inspectrack::import {

// Reads the value of `calendar:`; every problem goes to the reader's diagnostics.
// nullopt when nothing usable was found.
std::optional<CalendarDocument> parse_calendar(FieldReader& r, const Node& value);

}  // namespace inspectrack::import
