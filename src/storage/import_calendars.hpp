#pragma once
// The calendars of an import (and the shipped one), and the deadlines that move
// when the days off of a stored calendar change.

#include <set>
#include <string>
#include <vector>

#include "import_inspections.hpp"
#include "import_tasks.hpp"
#include "import_writer.hpp"
#include "inspectrack/import/resolve.hpp"

namespace inspectrack::storage::detail {

// Stores the plan's calendars, then options().shipped unless an imported one has its
// key; emits a change per imported calendar (and per changed shipped one). Returns
// the keys of stored calendars that changed, so that deadlines counted with them
// move too.
std::set<std::string> write_calendars(ImportContext& context,
                                      const std::vector<import::CalendarPlan>& calendars);

// Deadlines counted with a calendar of `keys` (periods, `within`, including
// recurring occurrences) counted again with options().calendars; each task whose
// last day moved is updated and its change emitted.
void recompute_deadlines(ImportContext& context, const std::set<std::string>& keys,
                         InspectionWriter& inspections, FindingWriter& findings, TaskWriter& tasks);

}  // namespace inspectrack::storage::detail
