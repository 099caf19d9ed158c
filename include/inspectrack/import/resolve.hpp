#pragma once
// Everything named in one import call, checked as a whole and made ready to store.

#include <optional>
#include <string>
#include <vector>

#include "inspectrack/import/diagnostic.hpp"
#include "inspectrack/import/document.hpp"
#include "inspectrack/model/finding.hpp"
#include "inspectrack/model/inspection.hpp"
#include "inspectrack/model/task.hpp"
#include "inspectrack/model/unit.hpp"
#include "inspectrack/text/lang.hpp"

namespace inspectrack::import {

struct InspectionPlan {
  model::Inspection inspection;
  std::string source;                    // the file it came from
  std::vector<model::Finding> findings;  // in file order
  std::vector<model::Task> tasks;        // one per assignee, in file order, last_day computed
};

struct ImportPlan {
  std::vector<model::Unit> units;  // units defined in the files, parents before children
  std::vector<InspectionPlan> inspections;
};

// Checks references across all documents and the units already registered
// (`known_units`, from the database; may be empty): unit parents, scopes, finding
// units, assignees, report_to, fan-out parents and excepts, finding references; the
// same key defined twice with different content across files; parent cycles.
// Expands fan-outs (units of those kinds anywhere under the parent — default the
// inspection's scope —, minus
// except, in key order; an empty selection is an error) and computes every task's
// last allowed day. Errors go to `diags` with their positions; nullopt when any.
std::optional<ImportPlan> resolve(const std::vector<Document>& documents,
                                  const std::vector<model::Unit>& known_units,
                                  text::Lang lang, Diagnostics& diags);

}  // namespace inspectrack::import
