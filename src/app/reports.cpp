#include "inspectrack/app/reports.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "inspectrack/app/change.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/text/suggest.hpp"

namespace inspectrack::app {
namespace {

// The refusal of a filter value no key matches, with the keys it may have meant.
[[noreturn]] void refuse(const char* option, const std::string& value, const std::vector<std::string>& keys) {
  std::vector<std::string> candidates;
  if (const auto near = text::nearest(value, keys)) {
    candidates.push_back(*near);
  } else {
    // "noi-vu" for "chu-prong.noi-vu": keys are often qualified by their district.
    for (const auto& key : keys) {
      if (key.size() > value.size() && key.ends_with("." + value)) candidates.push_back(key);
    }
  }
  if (candidates.empty() || candidates.size() > 5) {
    throw UsageError(text::Message("{0} '{1}': no such key", option, value));
  }
  auto list = text::Message("'{0}'", candidates.front());
  for (std::size_t i = 1; i < candidates.size(); ++i) {
    list = text::Message("{0} or '{1}'", std::move(list), candidates[i]);
  }
  throw UsageError(text::Message("{0} '{1}': no such key; did you mean {2}?", option, value, std::move(list)));
}

// Whether some finding has the area `code`, or an area under it (as the filter matches).
bool area_known(storage::ReportQueries& store, const std::string& code) {
  storage::FindingFilter filter;
  filter.area = code;
  return !store.finding_counts(storage::Grouping::inspection, filter).empty();
}

// The area codes of the findings, and the codes above them ("tthc" of "tthc.cong-khai").
std::vector<std::string> area_codes(storage::ReportQueries& store) {
  std::vector<std::string> codes;
  for (const auto& finding : store.findings({})) {
    for (auto dot = finding.area.find('.'); dot != std::string::npos; dot = finding.area.find('.', dot + 1)) {
      codes.push_back(finding.area.substr(0, dot));
    }
    if (!finding.area.empty()) codes.push_back(finding.area);
  }
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  return codes;
}

// The store's order for `sort` within the groups of `view`: days late is the
// deadline's order among late tasks (all of them, in overdue), the unit's among the others.
storage::TaskFilter sorted(const ReportRequest& request, render::TaskView view) {
  const bool all_late = view == render::TaskView::overdue;
  storage::TaskFilter filter = request.tasks;
  filter.group = grouping(request, view);
  switch (request.sort) {
    case Sort::unit: filter.sort = storage::TaskSort::unit; break;
    case Sort::key: filter.sort = storage::TaskSort::key; break;
    case Sort::deadline: filter.sort = storage::TaskSort::deadline; break;
    case Sort::inspection: filter.sort = storage::TaskSort::inspection; break;
    case Sort::days_late:
      filter.sort = all_late ? storage::TaskSort::deadline : storage::TaskSort::unit;
      break;
  }
  return filter;
}

// The tasks `tasks` selects counted as a summary counts them (report::count_task), in
// one row; its findings are left to the caller.
report::SummaryRow counted(storage::ReportQueries& store, const storage::TaskFilter& tasks,
                           model::Date as_of) {
  report::SummaryRow row;
  store.each_tally(storage::Grouping::unit, tasks,
                   [&](const storage::TaskTally& t) { report::count_task(row, t, as_of); });
  report::finish_row(row);
  return row;
}

// What the tasks `tasks` and the findings `findings` select, counted and listed.
render::Contents contents_of(storage::ReportQueries& store, const calendar::CalendarRegistry& calendars,
                             const storage::TaskFilter& tasks, const storage::FindingFilter& findings,
                             model::Date as_of) {
  render::Contents contents;
  contents.counts = counted(store, tasks, as_of);
  contents.findings = store.findings(findings);
  contents.counts.findings = static_cast<int>(contents.findings.size());
  contents.tasks = report::with_lateness(store.tasks(tasks), as_of, calendars);
  return contents;
}

render::Contents inspection_contents(storage::ReportQueries& store,
                                     const calendar::CalendarRegistry& calendars,
                                     const model::Inspection& inspection, model::Date as_of) {
  storage::TaskFilter tasks;
  tasks.inspection = inspection.key;
  storage::FindingFilter findings;
  findings.inspection = inspection.key;
  render::Contents contents = contents_of(store, calendars, tasks, findings, as_of);
  contents.counts.group = inspection.key;
  contents.counts.name = inspection.title;
  return contents;
}

// A unit's own tasks and findings, those it must receive reports of, and the units under it.
render::Contents unit_contents(storage::ReportQueries& store, const calendar::CalendarRegistry& calendars,
                               const model::Unit& unit, model::Date as_of) {
  storage::TaskFilter tasks;
  tasks.unit = unit.key;
  tasks.sort = storage::TaskSort::inspection;
  storage::FindingFilter findings;
  findings.unit = unit.key;
  render::Contents contents = contents_of(store, calendars, tasks, findings, as_of);
  storage::TaskFilter reporting;
  reporting.report_to = unit.key;
  contents.reported = counted(store, reporting, as_of);
  for (auto* row : {&contents.counts, &*contents.reported}) {
    row->group = unit.key;
    row->name = unit.name;
  }
  for (auto& u : store.units()) {
    if (u.parent == unit.key) contents.children.push_back(std::move(u));
  }
  return contents;
}

}  // namespace

storage::TaskGroup grouping(const ReportRequest& request, render::TaskView view) {
  if (request.by) return *request.by;
  const bool by_unit = request.sort == Sort::unit || request.sort == Sort::key;
  return view == render::TaskView::overdue && by_unit ? storage::TaskGroup::unit : storage::TaskGroup::none;
}

void check_filter(storage::ReportQueries& store, const storage::TaskFilter& filter) {
  std::vector<std::string> unit_keys;
  if (filter.unit || filter.report_to) {
    for (const auto& u : store.units()) unit_keys.push_back(u.key);
  }
  const auto known = [&](const std::string& key) {
    return std::find(unit_keys.begin(), unit_keys.end(), key) != unit_keys.end();
  };
  if (filter.unit && !known(*filter.unit)) refuse("--unit", *filter.unit, unit_keys);
  if (filter.report_to && !known(*filter.report_to)) refuse("--report-to", *filter.report_to, unit_keys);
  if (filter.inspection && !store.inspection(*filter.inspection)) {
    std::vector<std::string> keys;
    for (const auto& i : store.inspections()) keys.push_back(i.key);
    refuse("--inspection", *filter.inspection, keys);
  }
  // A mistyped area would select nothing, and "no overdue tasks" would hide the typo.
  if (filter.area && !area_known(store, *filter.area)) refuse("--area", *filter.area, area_codes(store));
}

render::Scope scope_of(storage::ReportQueries& store, const storage::TaskFilter& filter) {
  const auto name = [&](const std::optional<std::string>& key) {
    if (!key) return std::string();
    const auto unit = store.unit(*key);
    return unit && !unit->name.empty() ? unit->name : *key;
  };
  render::Scope scope;
  scope.unit = name(filter.unit);
  scope.inspection = filter.inspection.value_or("");
  scope.area = filter.area.value_or("");
  scope.report_to = name(filter.report_to);
  scope.status = filter.status;
  scope.deadline = filter.deadline;
  scope.concluded = filter.concluded;
  scope.year = filter.dated.whole_year().value_or(0);
  return scope;
}

ListResult list(storage::ReportQueries& store, const calendar::CalendarRegistry& calendars,
                Listing what, const ReportRequest& request) {
  check_filter(store, request.tasks);
  ListResult result;
  switch (what) {
    case Listing::tasks:
      result.tasks = report::with_lateness(store.tasks(sorted(request, render::TaskView::list)),
                                           request.as_of, calendars);
      if (request.sort == Sort::days_late) {
        std::stable_sort(
            result.tasks.begin(), result.tasks.end(),
            [](const report::TaskRow& a, const report::TaskRow& b) { return a.days_late > b.days_late; });
      }
      break;
    case Listing::findings:
      result.findings = store.findings(request.findings);
      break;
    case Listing::inspections:
      result.inspections = store.inspections();
      std::erase_if(result.inspections, [&](const model::Inspection& i) {
        const auto& f = request.tasks;
        return (f.inspection && i.key != *f.inspection) ||
               (f.concluded.given() && !f.concluded.contains(i.conclusion.date)) ||
               (f.dated.given() && !f.dated.contains(i.dated()));
      });
      break;
    case Listing::units:
      result.units = store.units();
      if (const auto& key = request.tasks.unit) {
        std::erase_if(result.units, [&](const auto& u) { return u.key != *key && u.parent != *key; });
      }
      break;
  }
  return result;
}

ShowResult show(storage::Store& store, const calendar::CalendarRegistry& calendars,
                const std::string& id, model::Date as_of) {
  ShowResult result;
  if (looks_like_task(id)) {
    if (const auto task = lookup_task(store, id)) {
      result.task = report::with_lateness({*task}, as_of, calendars).front();
      result.events = store.events(task->id);
      return result;
    }
    if (const auto slash = id.find('/'); slash != std::string::npos && id.find('@') == std::string::npos) {
      if ((result.finding = store.finding(id.substr(0, slash), id.substr(slash + 1)))) {
        result.kind = ShowResult::Kind::finding;
        result.events = store.events_for("finding", id);
        return result;
      }
    }
  } else if ((result.inspection = store.inspection(id))) {
    result.kind = ShowResult::Kind::inspection;
    result.contents = inspection_contents(store, calendars, *result.inspection, as_of);
    result.events = store.events_for("inspection", id);
    return result;
  } else if ((result.unit = store.unit(id))) {
    result.kind = ShowResult::Kind::unit;
    result.contents = unit_contents(store, calendars, *result.unit, as_of);
    result.events = store.events_for("unit", id);
    return result;
  }
  if (looks_like_task(id)) refuse_ambiguous(store, id);
  throw InputError(text::Message("nothing is called '{0}': give a task id or key (INSPECTION/TASK@UNIT), "
                                 "INSPECTION/FINDING, an inspection key or a unit key",
                                 id),
                   ExitCode::no_input);
}

bool any_overdue(storage::ReportQueries& store, const ReportRequest& request) {
  check_filter(store, request.tasks);
  return store.any_overdue(request.as_of, request.tasks);
}

std::size_t overdue(storage::ReportQueries& store, const calendar::CalendarRegistry& calendars,
                    const ReportRequest& request, const report::RowSink& sink) {
  check_filter(store, request.tasks);
  std::size_t rows = 0;
  report::each_overdue(store, request.as_of, sorted(request, render::TaskView::overdue), calendars,
                       [&](const report::TaskRow& row) {
                         ++rows;
                         sink(row);
                       });
  return rows;
}

std::size_t due(storage::ReportQueries& store, const calendar::CalendarRegistry& calendars,
                const ReportRequest& request, int days, const report::RowSink& sink) {
  check_filter(store, request.tasks);
  std::size_t rows = 0;
  report::each_due_within(store, request.as_of, days, sorted(request, render::TaskView::due), calendars,
                          [&](const report::TaskRow& row) {
                            ++rows;
                            sink(row);
                          });
  return rows;
}

std::vector<report::SummaryRow> summary(storage::ReportQueries& store, report::GroupBy by,
                                        const ReportRequest& request) {
  check_filter(store, request.tasks);
  if (by == report::GroupBy::area) {
    // A task counts for each area of its findings: read with its finding keys.
    const auto tasks = store.tasks(request.tasks);
    const auto findings = store.findings(request.findings);
    return report::summarize(tasks, findings, store.units(), store.inspections(), by, request.as_of);
  }
  // One task at a time, one row per group in memory.
  return report::summarize(store, by, request.tasks, request.findings, request.as_of);
}

}  // namespace inspectrack::app
