#pragma once
// The occurrences of recurring tasks: which periods are due and not made yet. It
// only reads: a report asks whether any is pending without preparing a writer.

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "inspectrack/model/inspection.hpp"
#include "inspectrack/model/task.hpp"
#include "inspectrack/storage/store.hpp"

namespace inspectrack::storage::detail {

class OccurrencePlanner {
 public:
  // Occurrences are counted with options.calendars, due by `until`, and limited by
  // options.max_occurrences and options.max_occurrence_text over the planner's life.
  OccurrencePlanner(SQLite::Database& db, const ImportOptions& options,
                    std::optional<model::Date> until);
  // The occurrences of `series` to keep: those due by the limit, and any up to
  // `latest` (its latest period made, "" when none), so that an import with an
  // earlier as-of date does not call them missing. Throws StorageError(data_error)
  // when the new ones pass the limits.
  std::vector<model::Task> occurrences_of(const model::Task& series,
                                          const model::Inspection& inspection,
                                          const std::string& latest);
  // The occurrences of a stored series not made yet.
  std::vector<model::Task> pending(const model::Task& series);
  // The latest of `periods` that is of the series' current kind; "" when none.
  static std::string latest_period(const model::Task& series, const std::vector<std::string>& periods);

 private:
  void count_new(const model::Task& series);

  SQLite::Database& db_;
  const ImportOptions& options_;
  std::optional<model::Date> until_;
  std::size_t new_occurrences_ = 0;  // new occurrences of this run, so far
  std::size_t occurrence_text_ = 0;  // the bytes of action and target text they hold
  std::optional<SQLite::Statement> periods_, inspection_;  // prepared when first needed
};

}  // namespace inspectrack::storage::detail
