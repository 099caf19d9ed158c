#pragma once
// The progress files of an import: task changes (done, extend, …) applied in file
// order, each to the task as the entries before it left it.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "import_writer.hpp"
#include "inspectrack/import/resolve.hpp"

namespace inspectrack::storage::detail {

class ProgressWriter {
 public:
  explicit ProgressWriter(ImportContext& context) : context_(context) {}
  // Applies `entries`; a refused one is a progress error in the outcome, at its
  // place (the caller then writes nothing). A change already recorded before this
  // import is not recorded again.
  void write(const std::vector<import::ProgressEntry>& entries);
  // Emits one change per task an entry named, merged, in the order first named.
  void finish();

 private:
  void apply(const import::ProgressEntry& entry, model::Date as_of, std::int64_t recorded_until);

  ImportContext& context_;
  std::vector<Change> changes_;                   // one per task an entry named
  std::map<std::string, std::size_t> index_;      // task key → its change
  std::optional<std::int64_t> recorded_until_;    // the last event before the first entry
};

}  // namespace inspectrack::storage::detail
