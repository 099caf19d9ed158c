#include "inspectrack/app/document.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "inspectrack/error.hpp"
#include "inspectrack/text/suggest.hpp"

namespace inspectrack::app {
namespace {

using render::DocumentSource;
using render::DocumentTask;
using render::LetterDocumentData;
using render::ReportDocumentData;

// The latest note of a task's history: what a reader of the document may need beside
// its outcome ("" when none).
std::string latest_note(storage::ReportQueries& store, const model::Task& task) {
  std::string note;
  for (const auto& e : store.events(task.id)) {
    if (e.action == "note" && e.field == "note") note = e.after;
  }
  return note;
}

// One task counted as summary counts it: the document says of each row what its
// figures count it as.
report::SummaryRow outcome_of(const model::Task& task, model::Date as_of) {
  report::SummaryRow row;
  report::count_task(row, {0, task.status, task.last_day, task.done_on, task.done_deadline}, as_of);
  report::finish_row(row);
  return row;
}

DocumentTask document_task(storage::ReportQueries& store, report::TaskRow row, model::Date as_of) {
  DocumentTask t;
  t.note = latest_note(store, row.task);
  t.outcome = outcome_of(row.task, as_of);
  t.row = std::move(row);
  return t;
}

// The inspections of `keys`, and the one the filter names, by key.
std::vector<model::Inspection> inspections_of(storage::ReportQueries& store, std::vector<std::string> keys,
                                              const storage::TaskFilter& filter) {
  if (filter.inspection) keys.push_back(*filter.inspection);
  std::vector<model::Inspection> out;
  for (auto& inspection : store.inspections()) {
    if (std::find(keys.begin(), keys.end(), inspection.key) != keys.end())
      out.push_back(std::move(inspection));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  return out;
}

DocumentSource source_of(storage::ReportQueries& store, const ReportRequest& request,
                         const std::optional<std::string>& office,
                         const std::vector<std::string>& inspections) {
  DocumentSource source;
  source.office = office_for(store, office);
  if (source.office.unit) {
    if (const auto unit = store.unit(*source.office.unit)) source.office_name = unit->name;
  }
  source.as_of = request.as_of;
  source.inspections = inspections_of(store, inspections, request.tasks);
  return source;
}

model::Unit unit_of(const std::vector<model::Unit>& units, const std::string& key, const std::string& name) {
  const auto it =
      std::find_if(units.begin(), units.end(), [&](const model::Unit& u) { return u.key == key; });
  if (it != units.end()) return *it;
  model::Unit unit;
  unit.key = key;
  unit.name = name;
  return unit;
}

std::string display_name(const model::Unit& unit) { return unit.name.empty() ? unit.key : unit.name; }

}  // namespace

model::Office office_for(storage::ReportQueries& store, const std::optional<std::string>& key) {
  auto offices = store.offices();
  if (offices.empty()) {
    throw InputError(text::Message("no office is stored to issue the document: import an office file "
                                   "(start one with 'inspectrack template office')"),
                     ExitCode::no_input);
  }
  std::vector<std::string> keys;
  for (const auto& o : offices) keys.push_back(o.key);
  if (!key) {
    if (offices.size() == 1) return offices.front();
    throw UsageError(text::Message("several offices are stored: choose one with --office ({0})",
                                   fmt::format("{}", fmt::join(keys, ", "))));
  }
  for (auto& o : offices) {
    if (o.key == *key) return o;
  }
  if (const auto near = text::nearest(*key, keys)) {
    throw UsageError(text::Message("--office '{0}': no such office; did you mean '{1}'?", *key, *near));
  }
  throw UsageError(text::Message("--office '{0}': no such office (the offices: {1})", *key,
                                 fmt::format("{}", fmt::join(keys, ", "))));
}

ReportDocumentData report_document(storage::ReportQueries& store, const calendar::CalendarRegistry& calendars,
                                   const ReportRequest& request, const std::optional<std::string>& office) {
  // The same rows as `summary --by unit` of the request, in its order.
  const auto rows = summary(store, report::GroupBy::unit, request);
  storage::TaskFilter filter = request.tasks;
  filter.sort = storage::TaskSort::key;
  std::map<std::string, std::vector<DocumentTask>> by_unit;
  std::vector<std::string> inspections;
  for (auto& row : report::with_lateness(store.tasks(filter), request.as_of, calendars)) {
    inspections.push_back(row.task.inspection);
    const std::string assignee = row.task.assignee;
    by_unit[assignee].push_back(document_task(store, std::move(row), request.as_of));
  }
  ReportDocumentData data;
  data.source = source_of(store, request, office, inspections);
  const auto units = store.units();
  for (const auto& row : rows) {
    if (row.tasks == 0 || !row.group) continue;
    auto& tasks = by_unit[*row.group];
    std::sort(tasks.begin(), tasks.end(), [](const DocumentTask& a, const DocumentTask& b) {
      return std::tie(a.row.task.inspection, a.row.task.key, a.row.task.period) <
             std::tie(b.row.task.inspection, b.row.task.key, b.row.task.period);
    });
    data.units.push_back({unit_of(units, *row.group, row.name), row, std::move(tasks)});
  }
  std::vector<report::SummaryRow> counted;
  for (const auto& u : data.units) counted.push_back(u.counts);
  data.total = report::total(counted);
  for (auto& u : data.units) u.unit.name = display_name(u.unit);
  if (data.total.tasks == 0) {
    throw InputError(
        text::Message("no task is selected: a document needs at least one (see 'inspectrack list "
                      "tasks' with the same filters)"),
        ExitCode::no_input);
  }
  return data;
}

LetterDocumentData letter_document(storage::ReportQueries& store, const calendar::CalendarRegistry& calendars,
                                   const ReportRequest& request, const std::optional<std::string>& office) {
  ReportRequest by_unit = request;
  by_unit.sort = Sort::unit;
  by_unit.by = storage::TaskGroup::unit;
  LetterDocumentData data;
  // A typo in a filter first, as in the report; then the office, before the rows: its
  // own tasks stay out of its letter.
  check_filter(store, request.tasks);
  const model::Office issuer = office_for(store, office);
  const auto units = store.units();
  std::vector<std::string> inspections;
  overdue(store, calendars, by_unit, [&](const report::TaskRow& row) {
    if (issuer.unit && row.task.assignee == *issuer.unit) return;
    if (data.units.empty() || data.units.back().unit.key != row.task.assignee) {
      data.units.push_back({unit_of(units, row.task.assignee, row.task.assignee_name), {}, {}});
    }
    inspections.push_back(row.task.inspection);
    data.units.back().tasks.push_back(document_task(store, row, request.as_of));
    ++data.overdue;
  });
  if (data.overdue == 0) {
    throw InputError(
        text::Message("no task of the selection is overdue on {0}: there is nobody to remind",
                      text::Day{request.as_of.year(), request.as_of.month(), request.as_of.day()}),
        ExitCode::no_input);
  }
  data.source = source_of(store, request, issuer.key, inspections);
  for (auto& u : data.units) u.unit.name = display_name(u.unit);
  return data;
}

}  // namespace inspectrack::app
