#pragma once
// The `office:` document: the office that issues documents, as printed at their
// head, who signs for it and to whom they go. Private to the import module.

#include <optional>

#include "field_reader.hpp"
#include "inspectrack/import/document.hpp"
#include "inspectrack/import/tree.hpp"

namespace inspectrack::import {

// Reads the value of `office:`; every problem goes to the reader's diagnostics.
// nullopt when nothing usable was found (no valid key).
std::optional<OfficeDocument> parse_office(FieldReader& r, const Node& value);

}  // namespace inspectrack::import
