#include "import_calendars.hpp"

#include <fmt/format.h>

#include <optional>

#include "calendars.hpp"
#include "inspectrack/calendar/deadline.hpp"
#include "inspectrack/calendar/recurrence.hpp"
#include "inspectrack/calendar/registry.hpp"
#include "rows.hpp"
#include "schema.hpp"

namespace inspectrack::storage::detail {
namespace {

const char* rules_text(calendar::Rules rules) {
  return rules == calendar::Rules::vietnam ? "vietnam" : "none";
}

const calendar::YearSpec* find_year(const calendar::CalendarSpec& spec, int year) {
  for (const auto& y : spec.years) {
    if (y.year == year) return &y;
  }
  return nullptr;
}

// The fields of a stored calendar that `spec` changes, each with its event.
void record_calendar_update(ImportContext& context, Change& change,
                            const calendar::CalendarSpec& before, const calendar::CalendarSpec& spec) {
  const auto update = [&](const std::string& name, const std::string& old_value,
                          const std::string& new_value) {
    change.fields.push_back(name);
    context.event("update", "calendar", spec.key, std::nullopt, name, old_value, new_value);
  };
  if (before.name != spec.name) update("name", before.name, spec.name);
  if (before.weekend != spec.weekend) {
    update("weekend", weekend_text(before.weekend), weekend_text(spec.weekend));
  }
  if (before.rules != spec.rules) update("rules", rules_text(before.rules), rules_text(spec.rules));
  std::set<int> years;
  for (const auto& y : before.years) years.insert(y.year);
  for (const auto& y : spec.years) years.insert(y.year);
  for (const int year : years) {
    const auto* a = find_year(before, year);
    const auto* b = find_year(spec, year);
    if (a != nullptr && b != nullptr && *a == *b) continue;
    update(fmt::format("year {}", year), year_summary(before, year), year_summary(spec, year));
  }
}

// Stores one calendar; adds its key to `changed_keys` when a stored one changed.
void write_calendar_of(ImportContext& context, const calendar::CalendarSpec& spec, bool builtin,
                       const std::string& source, std::set<std::string>& changed_keys) {
  const auto stored = read_calendar(context.db(), spec.key);
  Change change{Change::Kind::unchanged, "calendar", spec.key, {}};
  if (stored && builtin && !stored->builtin) return;  // an imported one replaces it
  if (stored && stored->spec == spec && stored->builtin == builtin) {
    if (!builtin) context.emit(std::move(change));
    return;
  }
  write_calendar(context.db(), spec, builtin, source);
  if (!stored) {
    change.kind = Change::Kind::added;
    context.event("import", "calendar", spec.key, std::nullopt, "", "", spec.name);
  } else {
    change.kind = Change::Kind::changed;
    changed_keys.insert(spec.key);
    record_calendar_update(context, change, stored->spec, spec);
    if (stored->builtin != builtin) change.fields.emplace_back("source");
  }
  if (!builtin || change.kind != Change::Kind::unchanged) context.emit(std::move(change));
}

}  // namespace

std::set<std::string> write_calendars(ImportContext& context,
                                      const std::vector<import::CalendarPlan>& calendars) {
  std::set<std::string> changed_keys;
  for (const auto& c : calendars) write_calendar_of(context, c.spec, false, c.source, changed_keys);
  if (context.options().shipped != nullptr) {
    write_calendar_of(context, *context.options().shipped, true, "", changed_keys);
  }
  return changed_keys;
}

void recompute_deadlines(ImportContext& context, const std::set<std::string>& keys,
                         InspectionWriter& inspections, FindingWriter& findings, TaskWriter& tasks) {
  const calendar::CalendarRegistry* registry = context.options().calendars;
  if (registry == nullptr) return;
  SQLite::Statement q(context.db(), std::string(task_select_sql()) +
                                        " WHERE t.due_form = 'within' AND t.calendar = :calendar"
                                        " AND (t.repeat_every IS NULL OR t.period <> '') ORDER BY t.id");
  for (const std::string& key : keys) {
    const calendar::WorkCalendar* cal = registry->find(key);
    if (cal == nullptr) continue;
    q.bind(":calendar", key);
    std::vector<model::Task> stored_tasks;
    while (q.executeStep()) stored_tasks.push_back(read_task(q));
    q.reset();
    for (const model::Task& stored : stored_tasks) {
      const auto inspection = inspections.by_key(stored.inspection);
      calendar::Anchors anchors{inspection.to, inspection.conclusion.date, std::nullopt};
      if (!stored.period.empty() && stored.repeat) {
        if (auto period = calendar::parse_period_label(stored.repeat->every, stored.period)) {
          anchors.period_end = period->end;
        }
      }
      const auto result = calendar::last_allowed_day(stored.due, anchors, *cal);
      if (result.error != calendar::DeadlineError::none) continue;
      model::Task task = stored;
      task.last_day = result.last_day;
      task.due_provisional = result.provisional;
      const std::int64_t inspection_id = inspections.id_of(stored.inspection);
      Change change = tasks.write(inspection_id, stored.inspection, task, &stored,
                                  findings.ids_of(inspection_id));
      if (change.kind != Change::Kind::unchanged) context.emit(std::move(change));
    }
  }
}

}  // namespace inspectrack::storage::detail
