#pragma once
// A whole resolved plan stored through an import session, the way the app's import
// drives one: the definitions (calendars, units, offices) first, then each inspection, then the progress
// entries, the changes taken from the session's sink. Returns the outcome with those changes, in the order
// they were made.

#include <utility>
#include <vector>

#include "inspectrack/import/resolve.hpp"
#include "inspectrack/storage/import_store.hpp"

namespace test_support {

inline inspectrack::storage::ImportOutcome import_plan(inspectrack::storage::ImportStore& store,
                                                       const inspectrack::import::ImportPlan& plan,
                                                       const inspectrack::storage::ImportOptions& options) {
  std::vector<inspectrack::storage::Change> changes;
  auto session =
      store.begin_import(options, [&changes](const inspectrack::storage::Change& c) { changes.push_back(c); });
  session->definitions(plan.calendars, plan.units);
  session->offices(plan.offices);
  for (const auto& inspection : plan.inspections) session->inspection(inspection);
  session->progress(plan.progress);
  auto outcome = session->finish();
  outcome.changes = std::move(changes);
  return outcome;
}

}  // namespace test_support
