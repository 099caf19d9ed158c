#pragma once
// The `progress:` document: changes to tasks reported back in bulk. Only the
// shape is checked here; storage finds the tasks and judges the changes. Private to
// the import module.

#include <optional>
#include <vector>

#include "field_reader.hpp"
#include "inspectrack/import/document.hpp"
#include "inspectrack/import/tree.hpp"

namespace inspectrack::import {

// Reads the value of `progress:`, a list of entries, each one task key and exactly one
// change (done, extend, cancel, reopen, verify or note). Every problem goes to the
// reader's diagnostics and its entry is left out; nullopt when the value is not a list
// or the list is empty.
std::optional<std::vector<ProgressEntry>> parse_progress(FieldReader& r, const Node& value);

}  // namespace inspectrack::import
