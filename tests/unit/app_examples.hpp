#pragma once
// The examples of Chư Prông (its units and its 2021 inspection) in a database in
// memory: what the unit tests of the app use cases run on.

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "import_plan.hpp"
#include "inspectrack/import/document.hpp"
#include "inspectrack/import/resolve.hpp"
#include "inspectrack/import/shipped_calendar.hpp"
#include "inspectrack/storage/sqlite_store.hpp"

namespace test_support {

inline std::unique_ptr<inspectrack::storage::Store> chu_prong() {
  using namespace inspectrack;
  import::Diagnostics diags;
  std::vector<import::Document> documents;
  for (const char* name : {"units-chu-prong.yaml", "chu-prong-2021.yaml"}) {
    auto document = import::load_document(std::string(INSPECTRACK_SOURCE_DIR "/examples/") + name,
                                          import::Limits{}, diags);
    REQUIRE(document);
    documents.push_back(std::move(*document));
  }
  import::ResolveContext known;
  known.calendars.add(import::shipped_calendar());
  const auto plan = import::resolve(documents, known, diags);
  REQUIRE(plan);
  storage::ImportOptions options;
  options.actor = "tester";
  options.now = "2021-07-26T01:00:00Z";
  options.calendars = &known.calendars;
  auto store = storage::open_memory({});
  import_plan(*store, *plan, options);
  return store;
}

}  // namespace test_support
