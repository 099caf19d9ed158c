#include "import_occurrences.hpp"

#include <algorithm>

#include "inspectrack/calendar/deadline.hpp"
#include "inspectrack/calendar/recurrence.hpp"
#include "inspectrack/calendar/registry.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/text/message.hpp"
#include "rows.hpp"

namespace inspectrack::storage::detail {

OccurrencePlanner::OccurrencePlanner(SQLite::Database& db, const ImportOptions& options,
                                     std::optional<model::Date> until)
    : db_(db), options_(options), until_(until) {}

std::vector<model::Task> OccurrencePlanner::occurrences_of(const model::Task& series,
                                                           const model::Inspection& inspection,
                                                           const std::string& latest) {
  std::vector<model::Task> out;
  if (!series.repeat || !series.repeat->from || options_.calendars == nullptr) return out;
  const calendar::WorkCalendar* cal = options_.calendars->find(series.calendar);
  if (cal == nullptr) return out;
  std::optional<model::Date> limit = until_;
  if (!latest.empty()) {
    if (const auto p = calendar::parse_period_label(series.repeat->every, latest)) {
      // Deadlines fall within a year and a half of their period's end.
      const model::Date reach = p->end.plus_days(550);
      if (!limit || *limit < reach) limit = reach;
    }
  }
  if (!limit) return out;
  const calendar::Anchors anchors{inspection.to, inspection.conclusion.date, std::nullopt};
  const auto all = calendar::occurrences(*series.repeat, *series.repeat->from, series.due,
                                         anchors, *cal, *limit);
  out.reserve(all.size());  // no doubling of a series' copies while they are made
  for (const auto& occ : all) {
    // Nothing is owed before the series begins: a monthly report ordered on 26/4
    // with `day: 10` first falls due on 10/5.
    if (occ.last_day < *series.repeat->from) continue;
    const bool due = until_ && occ.last_day <= *until_;
    if (!due && occ.period.label > latest) continue;
    if (occ.period.label > latest) count_new(series);
    model::Task task = series;
    task.id = 0;
    task.period = occ.period.label;
    task.last_day = occ.last_day;
    task.due_provisional = occ.provisional;
    out.push_back(std::move(task));
  }
  return out;
}

std::vector<model::Task> OccurrencePlanner::pending(const model::Task& series) {
  if (!periods_) {
    periods_.emplace(db_,
                     "SELECT period FROM tasks WHERE inspection_id ="
                     " (SELECT id FROM inspections WHERE key = :inspection) AND key = :task AND"
                     " assignee_id = (SELECT id FROM units WHERE key = :assignee) AND period <> ''");
    inspection_.emplace(db_, std::string("SELECT ") + kInspectionColumns + " WHERE n.key = :key");
  }
  periods_->bind(":inspection", series.inspection);
  periods_->bind(":task", series.key);
  periods_->bind(":assignee", series.assignee);
  std::vector<std::string> periods;
  while (periods_->executeStep()) periods.push_back(periods_->getColumn(0).getString());
  periods_->reset();
  const std::string latest = latest_period(series, periods);
  inspection_->bind(":key", series.inspection);
  model::Inspection inspection;
  if (inspection_->executeStep()) inspection = read_inspection(*inspection_, 0);
  inspection_->reset();
  // Filtered in place: a series from the year 1 has some 24,000 periods.
  std::vector<model::Task> out = occurrences_of(series, inspection, latest);
  std::erase_if(out, [&](const model::Task& occurrence) { return occurrence.period <= latest; });
  return out;
}

// Occurrences copy their series' text: a monthly series from the year 1 fanned out
// to a province's communes would make millions of rows at once. The new ones of one
// run are counted before each copy is made (those made before were allowed then, and
// a database grows by a period at a time).
void OccurrencePlanner::count_new(const model::Task& series) {
  ++new_occurrences_;
  occurrence_text_ += series.action.size() + series.target.size();
  if (new_occurrences_ <= options_.max_occurrences &&
      occurrence_text_ <= options_.max_occurrence_text) {
    return;
  }
  throw StorageError(
      text::Message("the recurring task '{0}' and the others would make more than {1} new tracked tasks, "
                    "or more than {2} bytes of their text, at once (one task per period and assignee), "
                    "the limit for one run; give their repeat: a later from: or an until:",
                    series.inspection + "/" + series.key, options_.max_occurrences,
                    options_.max_occurrence_text),
      ExitCode::data_error);
}

// "2021-Q3" and "2021-12" do not compare as text once a series changes from quarterly
// to monthly: only labels of its current kind count.
std::string OccurrencePlanner::latest_period(const model::Task& series,
                                             const std::vector<std::string>& periods) {
  std::string latest;
  std::optional<calendar::ReportPeriod> best;
  if (!series.repeat) return latest;
  for (const std::string& label : periods) {
    const auto p = calendar::parse_period_label(series.repeat->every, label);
    if (p && (!best || best->start < p->start)) {
      best = p;
      latest = label;
    }
  }
  return latest;
}

}  // namespace inspectrack::storage::detail
