#include "importer.hpp"

#include <map>
#include <set>
#include <string>
#include <utility>

#include "import_calendars.hpp"
#include "import_inspections.hpp"
#include "import_occurrences.hpp"
#include "import_offices.hpp"
#include "import_progress.hpp"
#include "import_tasks.hpp"
#include "import_units.hpp"
#include "import_writer.hpp"
#include "rows.hpp"
#include "schema.hpp"

namespace inspectrack::storage::detail {
namespace {

// One import's writers, composed: units first, then per inspection itself, its
// findings and its tasks (with their occurrences), then progress.
class ImportWriter {
 public:
  ImportWriter(SQLite::Database& db, const ImportOptions& options, std::function<void(const Change&)> sink,
               std::optional<model::Date> until)
      : context_(db, options, std::move(sink)),
        units_(context_),
        offices_(context_),
        inspections_(context_),
        findings_(context_),
        tasks_(context_),
        progress_(context_),
        occurrences_(db, options, until) {}

  void definitions(const std::vector<import::CalendarPlan>& calendars,
                   const std::vector<model::Unit>& units) {
    changed_calendars_ = write_calendars(context_, calendars);
    units_.write(units);
  }
  void units(const std::vector<model::Unit>& units) { units_.write(units); }
  void offices(const std::vector<model::Office>& offices) { offices_.write(offices); }
  void inspection(const import::InspectionPlan& plan);
  void progress(const std::vector<import::ProgressEntry>& entries) {
    if (entries.empty()) return;
    end_inspections();
    progress_.write(entries);
  }
  // What is left once the inspections are stored (deadlines of tasks whose calendar
  // changed, before any progress is judged), and the outcome.
  ImportOutcome finish() {
    end_inspections();
    progress_.finish();
    return context_.finish();
  }
  // Occurrences of every series that have come due since the latest one made.
  std::vector<Change> make_occurrences();

 private:
  using StoredTasks = std::map<std::string, model::Task>;
  // Each task of `plan` and each occurrence of its series written; their slots go
  // into `seen`.
  void write_tasks(const import::InspectionPlan& plan, std::int64_t id, const StoredTasks& stored,
                   const FindingIds& finding_ids, std::set<std::string>& seen,
                   std::vector<Change>& changes);
  // Once, between the last inspection and the first progress entry: tasks counted
  // with a calendar the import changed get their new deadlines.
  void end_inspections() {
    if (inspections_ended_) return;
    inspections_ended_ = true;
    if (!changed_calendars_.empty()) {
      recompute_deadlines(context_, changed_calendars_, inspections_, findings_, tasks_);
    }
  }

  ImportContext context_;
  UnitWriter units_;
  OfficeWriter offices_;
  InspectionWriter inspections_;
  FindingWriter findings_;
  TaskWriter tasks_;
  ProgressWriter progress_;
  OccurrencePlanner occurrences_;
  std::set<std::string> changed_calendars_;
  bool inspections_ended_ = false;
};

void ImportWriter::inspection(const import::InspectionPlan& plan) {
  const std::int64_t id = inspections_.write(plan);
  const std::string& key = plan.inspection.key;

  std::vector<Change> finding_changes;
  std::vector<Change> task_changes;
  const std::map<std::string, FindingWriter::Stored> findings = findings_.stored(id);
  FindingIds finding_ids;
  for (const auto& [fkey, f] : findings) finding_ids.emplace(fkey, f.id);
  std::set<std::string> seen_findings;
  for (const auto& finding : plan.findings) {
    seen_findings.insert(finding.key);
    const auto it = findings.find(finding.key);
    finding_changes.push_back(
        findings_.write(id, key, finding, it == findings.end() ? nullptr : &it->second, finding_ids));
  }

  const StoredTasks tasks = tasks_.stored(id);
  std::set<std::string> seen_tasks;
  write_tasks(plan, id, tasks, finding_ids, seen_tasks, task_changes);

  // Tasks first: deleting one releases its links to the findings pruned next.
  for (const auto& [tkey, task] : tasks) {
    if (!seen_tasks.count(tkey)) task_changes.push_back(tasks_.prune(task));
  }
  for (const auto& [fkey, stored_finding] : findings) {
    if (!seen_findings.count(fkey)) finding_changes.push_back(findings_.prune(key, stored_finding));
  }
  for (auto& c : finding_changes) context_.emit(std::move(c));
  for (auto& c : task_changes) context_.emit(std::move(c));
}

void ImportWriter::write_tasks(const import::InspectionPlan& plan, std::int64_t id,
                               const StoredTasks& stored, const FindingIds& finding_ids,
                               std::set<std::string>& seen, std::vector<Change>& changes) {
  const auto upsert = [&](const model::Task& task) {
    const std::string slot = TaskWriter::slot(task);
    seen.insert(slot);
    const auto it = stored.find(slot);
    changes.push_back(tasks_.write(id, plan.inspection.key, task,
                                   it == stored.end() ? nullptr : &it->second, finding_ids));
  };
  for (const auto& task : plan.tasks) upsert(task);
  for (const auto& series : plan.series) {
    upsert(series);
    std::vector<std::string> periods;
    const std::string prefix = series.key + "@" + series.assignee + "#";
    for (auto it = stored.lower_bound(prefix);
         it != stored.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
      periods.push_back(it->second.period);
    }
    const std::string latest = OccurrencePlanner::latest_period(series, periods);
    for (const model::Task& occurrence : occurrences_.occurrences_of(series, plan.inspection, latest)) {
      upsert(occurrence);
    }
  }
}

std::vector<Change> ImportWriter::make_occurrences() {
  SQLite::Statement series_q(context_.db(), std::string(task_select_sql()) +
                                                " WHERE t.repeat_every IS NOT NULL AND t.period = ''"
                                                " ORDER BY t.id");
  std::vector<model::Task> all_series;
  while (series_q.executeStep()) all_series.push_back(read_task(series_q));
  std::vector<Change> out;
  for (const model::Task& series : all_series) {
    for (const model::Task& occurrence : occurrences_.pending(series)) {
      const std::int64_t inspection_id = inspections_.id_of(series.inspection);
      out.push_back(tasks_.write(inspection_id, series.inspection, occurrence, nullptr,
                                 findings_.ids_of(inspection_id)));
    }
  }
  return out;
}

}  // namespace

class StagedImport::Impl : public ImportWriter {
 public:
  using ImportWriter::ImportWriter;
};

StagedImport::StagedImport(SQLite::Database& db, const ImportOptions& options,
                           std::function<void(const Change&)> sink)
    : impl_(std::make_unique<Impl>(db, options, std::move(sink), options.occurrences_until)) {}
StagedImport::~StagedImport() = default;
void StagedImport::definitions(const std::vector<import::CalendarPlan>& calendars,
                               const std::vector<model::Unit>& units) {
  impl_->definitions(calendars, units);
}
void StagedImport::units(const std::vector<model::Unit>& units) { impl_->units(units); }
void StagedImport::offices(const std::vector<model::Office>& offices) { impl_->offices(offices); }
void StagedImport::inspection(const import::InspectionPlan& plan) { impl_->inspection(plan); }
void StagedImport::progress(const std::vector<import::ProgressEntry>& entries) { impl_->progress(entries); }
ImportOutcome StagedImport::finish() { return impl_->finish(); }

bool occurrences_pending(SQLite::Database& db, const OccurrenceOptions& options) {
  // Every report asks; most databases have no recurring task, and the index
  // tasks_series answers that at once.
  SQLite::Statement any(db, "SELECT 1 FROM tasks WHERE repeat_every IS NOT NULL AND period = '' LIMIT 1");
  if (!any.executeStep()) return false;
  ImportOptions limits;
  limits.calendars = options.calendars;
  OccurrencePlanner planner(db, limits, options.until);
  SQLite::Statement q(db, std::string(task_select_sql()) +
                              " WHERE t.repeat_every IS NOT NULL AND t.period = ''");
  while (q.executeStep()) {
    if (!planner.pending(read_task(q)).empty()) return true;
  }
  return false;
}

std::vector<Change> make_occurrences(SQLite::Database& db, const OccurrenceOptions& options) {
  ImportOptions import_options;
  import_options.calendars = options.calendars;
  import_options.actor = options.actor;
  import_options.now = options.now;
  return ImportWriter(db, import_options, nullptr, options.until).make_occurrences();
}

}  // namespace inspectrack::storage::detail
