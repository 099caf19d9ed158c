#include "import_progress.hpp"

#include <fmt/format.h>

#include "inspectrack/text/message.hpp"
#include "lifecycle.hpp"

namespace inspectrack::storage::detail {

void ProgressWriter::write(const std::vector<import::ProgressEntry>& entries) {
  if (entries.empty()) return;
  const ImportOptions& options = context_.options();
  const model::Date as_of = options.as_of.value_or(options.occurrences_until.value_or(model::Date{}));
  // Only what was recorded before this import counts as "already recorded": a file
  // may do, reopen and do again on the same day.
  if (!recorded_until_) {
    SQLite::Statement last_event(context_.db(), "SELECT coalesce(max(id), 0) FROM events");
    last_event.executeStep();
    recorded_until_ = last_event.getColumn(0).getInt64();
  }
  for (const import::ProgressEntry& entry : entries) apply(entry, as_of, *recorded_until_);
}

void ProgressWriter::apply(const import::ProgressEntry& entry, model::Date as_of,
                           std::int64_t recorded_until) {
  auto& errors = context_.outcome().progress_errors;
  const std::string& key = entry.task.key;
  auto task = task_with_key(context_.db(), key);
  if (!task) {
    errors.push_back(
        {entry.task.pos, text::Message("no task '{0}'; check the key with: inspectrack list tasks", key)});
    return;
  }
  if (task->repeat && task->period.empty()) {
    errors.push_back({entry.task.pos,
                      text::Message("'{0}' is a recurring task's rule; record progress on one of its periods, "
                                    "e.g. '{0}#…' (see: inspectrack list tasks --inspection {1})",
                                    key, task->inspection)});
    return;
  }
  const model::ChangeContext change_ctx = change_context(context_.db(), *task, as_of);
  model::ChangeCheck check = model::check_change(*task, entry.change, change_ctx);
  if (check.outcome != model::ChangeCheck::Outcome::unchanged &&
      already_recorded(context_.db(), task->id, entry.change, check.effective, recorded_until)) {
    check.outcome = model::ChangeCheck::Outcome::unchanged;
  }
  if (check.outcome == model::ChangeCheck::Outcome::refused) {
    const import::Position& where = check.part == model::ChangeCheck::Part::date   ? entry.date_pos
                                    : check.part == model::ChangeCheck::Part::text ? entry.text_pos
                                                                                    : entry.change_pos;
    errors.push_back({where.line > 0 ? where : entry.pos, text::Message("{0}: {1}", key, check.reason)});
    return;
  }
  auto [it, inserted] = index_.try_emplace(task->full_key(), changes_.size());
  if (inserted) changes_.push_back({Change::Kind::unchanged, "task", task->full_key(), {}});
  if (check.outcome == model::ChangeCheck::Outcome::unchanged) return;
  const std::string actor = entry.by.empty() ? context_.options().actor : entry.by;
  write_change(context_.db(), *task, check, entry.change, actor, context_.options().now);
  Change& change = changes_[it->second];
  change.kind = Change::Kind::changed;
  change.fields.emplace_back(model::to_string(entry.change.kind));
}

void ProgressWriter::finish() {
  for (auto& c : changes_) context_.emit(std::move(c));
  changes_.clear();
}

}  // namespace inspectrack::storage::detail
