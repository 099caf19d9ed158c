#pragma once
// The inspections of an import and their findings: added, changed, left as they
// are, or pruned when a re-imported inspection no longer has them.

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>

#include "import_writer.hpp"
#include "inspectrack/import/resolve.hpp"

namespace inspectrack::storage::detail {

class InspectionWriter {
 public:
  explicit InspectionWriter(ImportContext& context);
  // Stores the inspection of `plan` (not its findings or tasks), emits its change and
  // returns its id. Its source file follows silently, without an event.
  std::int64_t write(const import::InspectionPlan& plan);
  // The stored inspection with `key`; an empty one when there is none.
  model::Inspection by_key(const std::string& key);
  // Its id; 0 when there is none.
  std::int64_t id_of(const std::string& key);

 private:
  ImportContext& context_;
  SQLite::Statement get_, insert_, update_;
};

// Finding ids by finding key, for one inspection.
using FindingIds = std::unordered_map<std::string, std::int64_t>;

class FindingWriter {
 public:
  struct Stored {
    std::int64_t id = 0;
    model::Finding finding;
  };

  explicit FindingWriter(ImportContext& context);
  // The findings stored for an inspection, by key.
  std::map<std::string, Stored> stored(std::int64_t inspection_id);
  // Adds or updates `finding` (`stored` is what the database has, or null); a new
  // one's id goes into `ids`. Returns its change, not emitted.
  Change write(std::int64_t inspection_id, const std::string& inspection_key,
               const model::Finding& finding, const Stored* stored, FindingIds& ids);
  // A finding its inspection no longer has: deleted when pruning and no kept task
  // is linked to it (else a refusal in the outcome). Returns its change, not emitted.
  Change prune(const std::string& inspection_key, const Stored& stored);
  // The ids of an inspection's stored findings, read once per inspection.
  const FindingIds& ids_of(std::int64_t inspection_id);

 private:
  ImportContext& context_;
  SQLite::Statement get_, insert_, update_, linked_, delete_;
  std::optional<SQLite::Statement> links_delete_;  // prepared when pruning
  std::map<std::int64_t, FindingIds> ids_cache_;
};

}  // namespace inspectrack::storage::detail
