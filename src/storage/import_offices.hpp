#pragma once
// The offices of an import: added, changed or left as they are.

#include <SQLiteCpp/SQLiteCpp.h>

#include <vector>

#include "import_writer.hpp"
#include "inspectrack/model/office.hpp"

namespace inspectrack::storage::detail {

class OfficeWriter {
 public:
  explicit OfficeWriter(ImportContext& context);
  // Stores each of `offices` by key and emits a change per office, in list order.
  // Throws StorageError(data_error) for an office whose unit is not registered.
  void write(const std::vector<model::Office>& offices);

 private:
  Change write_one(const model::Office& office);

  ImportContext& context_;
  SQLite::Statement get_, insert_, update_;
};

}  // namespace inspectrack::storage::detail
