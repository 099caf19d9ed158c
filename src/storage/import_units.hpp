#pragma once
// The units of an import: added, changed or left as they are.

#include <SQLiteCpp/SQLiteCpp.h>

#include <vector>

#include "import_writer.hpp"
#include "inspectrack/model/unit.hpp"

namespace inspectrack::storage::detail {

class UnitWriter {
 public:
  explicit UnitWriter(ImportContext& context);
  // Stores `units`, each parent before its children wherever it stands in the list,
  // and emits a change per unit in list order. Throws StorageError(data_error) for a
  // unit among its own parents or a parent that is not registered.
  void write(const std::vector<model::Unit>& units);

 private:
  Change write_one(const model::Unit& unit);

  ImportContext& context_;
  SQLite::Statement get_, insert_, update_;
};

}  // namespace inspectrack::storage::detail
