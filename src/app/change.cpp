#include "inspectrack/app/change.hpp"

#include <charconv>

#include <fmt/format.h>

#include "inspectrack/error.hpp"
#include "inspectrack/text/visible.hpp"

namespace inspectrack::app {
namespace {

std::optional<std::int64_t> parse_task_id(const std::string& s) {
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (ec != std::errc() || end != s.data() + s.size() || id <= 0) return std::nullopt;
  return id;
}

}  // namespace

std::optional<model::Task> lookup_task(storage::Store& store, const std::string& id) {
  if (const auto number = parse_task_id(id)) return store.task(*number);
  return store.task_by_key(id);
}

void refuse_ambiguous(storage::ReportQueries& store, const std::string& id) {
  constexpr std::size_t kShown = 10;
  if (id.empty()) return;
  const auto matches = store.task_keys_with_prefix(id, kShown);
  if (matches.count < 2) return;
  const std::string keys = fmt::format("{}", fmt::join(matches.keys, ", "));
  if (matches.count <= matches.keys.size()) {
    throw UsageError(text::Message("'{0}' is the start of {1} task keys: {2}; give more of the key", id,
                                   matches.count, keys));
  }
  throw UsageError(
      text::Message("'{0}' is the start of {1} task keys: {2} and {3} more; give more of the key", id,
                    matches.count, keys, matches.count - matches.keys.size()));
}

bool looks_like_task(const std::string& id) {
  return parse_task_id(id).has_value() || id.find('/') != std::string::npos;
}

model::Task task_to_change(storage::Store& store, const std::string& id) {
  const std::optional<model::Task> task = lookup_task(store, id);
  if (task && task->repeat && task->period.empty()) {
    throw InputError(text::Message("'{0}' is a recurring task's rule; change one of its periods, e.g. '{0}#…' "
                                   "(see: inspectrack list tasks --inspection {1})",
                                   task->full_key(), task->inspection));
  }
  if (task) return *task;
  refuse_ambiguous(store, id);
  throw InputError(text::Message("no task '{0}': give its id or its key INSPECTION/TASK@UNIT (a prefix that "
                                 "names only one task is enough); see: inspectrack list tasks",
                                 id),
                   ExitCode::no_input);
}

ChangeResult change_task(storage::Store& store, const ChangeRequest& request) {
  const std::int64_t id = request.task.id;
  storage::ChangeOutcome outcome = store.change_task(id, request.change, request.options);
  std::string key = outcome.before.full_key();
  if (outcome.outcome == model::ChangeCheck::Outcome::refused) {
    // A key written into the database by hand may hold a line break: one line still.
    throw InputError(
        text::Message("{0} ({1}): {2}", text::visible(key, text::Lf::escape), id, outcome.reason));
  }
  return ChangeResult{outcome.outcome, id, std::move(key), std::move(outcome.fields)};
}

}  // namespace inspectrack::app
