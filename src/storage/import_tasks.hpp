#pragma once
// The tasks of an import, with their links to findings: added, changed, left as
// they are, or pruned when a re-imported inspection no longer has them. Status,
// done dates and extensions (progress) are never written here.

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "import_inspections.hpp"
#include "import_writer.hpp"
#include "inspectrack/model/task.hpp"
#include "inspectrack/text/message.hpp"

namespace inspectrack::storage::detail {

class TaskWriter {
 public:
  explicit TaskWriter(ImportContext& context);
  // The tasks stored for an inspection, by slot().
  std::map<std::string, model::Task> stored(std::int64_t inspection_id);
  // TASK@ASSIGNEE#PERIOD: what identifies a task within its inspection.
  static std::string slot(const model::Task& t);
  // Adds or updates `task` (`stored` is what the database has, or null), linked to
  // the findings `findings` names; an extension's later last day stays in force.
  // Returns its change, not emitted; a changed task with progress leaves a warning
  // in the outcome. Throws StorageError(data_error) for a finding not in `findings`.
  Change write(std::int64_t inspection_id, const std::string& inspection_key,
               const model::Task& task, const model::Task* stored, const FindingIds& findings);
  // A task its inspection no longer has: deleted when pruning and it has no
  // progress (else a refusal in the outcome). Returns its change, not emitted.
  Change prune(const model::Task& task);

 private:
  std::vector<std::int64_t> links_of(const model::Task& task, const std::string& inspection_key,
                                     const FindingIds& findings) const;
  void write_links(std::int64_t task_id, const std::vector<std::int64_t>& links, bool replace);
  void bind_values(SQLite::Statement& q, const model::Task& task,
                   const std::optional<model::Date>& in_force);
  Change update(const model::Task& task, const model::Task& stored,
                const std::vector<std::int64_t>& links, const std::optional<model::Date>& in_force);
  // The first action of its history that is progress, not import; nullopt when none.
  std::optional<std::string> first_progress(std::int64_t task_id);
  // What progress a stored task has, in words; nullopt when none.
  std::optional<text::Message> progress_of(const model::Task& task);

  ImportContext& context_;
  SQLite::Statement get_, insert_, update_, links_delete_, link_insert_, progress_, delete_;
  std::optional<SQLite::Statement> reminded_unlink_;  // prepared when pruning
};

}  // namespace inspectrack::storage::detail
