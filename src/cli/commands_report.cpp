// Read-only commands: list, show, overdue, due, summary. They open the database
// read-only, let storage select the rows, let report classify them, and render.

#include <algorithm>

#include <fmt/format.h>

#include "commands.hpp"
#include "inspectrack/app/change.hpp"
#include "inspectrack/calendar/recurrence.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/render/views.hpp"
#include "inspectrack/report/summary.hpp"
#include "inspectrack/report/task_report.hpp"
#include "inspectrack/storage/sqlite_store.hpp"
#include "inspectrack/text/suggest.hpp"

namespace inspectrack::cli {
namespace {

using text::tr;

// Reports see the occurrences of recurring tasks due within the usual horizon.
ReportStore open_for_reading(const Context& ctx, int horizon_days = calendar::kOccurrenceHorizonDays) {
  return open_for_report(ctx, ctx.as_of.plus_days(std::max(horizon_days, calendar::kOccurrenceHorizonDays)));
}

// A filter naming a unit or inspection that does not exist is a typo, not an empty
// report: say so, with the nearest key.
void check_filter(const Context& ctx, storage::Store& store, const FilterOptions& filter) {
  const auto refuse = [&](const char* option, const std::string& value, const std::vector<std::string>& keys) {
    std::string message = fmt::format(
        fmt::runtime(tr(ctx.lang, "{} '{}': no such key", "{} '{}': không có khóa này")), option, value);
    std::vector<std::string> candidates;
    if (const auto near = text::nearest(value, keys)) {
      candidates.push_back(*near);
    } else {
      // "noi-vu" for "chu-prong.noi-vu": keys are often qualified by their district.
      for (const auto& key : keys) {
        if (key.size() > value.size() && key.ends_with("." + value)) candidates.push_back(key);
      }
    }
    if (!candidates.empty() && candidates.size() <= 5) {
      std::string list;
      for (const auto& c : candidates) {
        list += (list.empty() ? "'" : tr(ctx.lang, "' or '", "' hoặc '")) + c;
      }
      message += fmt::format(fmt::runtime(tr(ctx.lang, "; did you mean {}'?", "; có phải là {}'?")), list);
    }
    throw UsageError(message);
  };
  std::vector<std::string> unit_keys;
  if (!filter.unit.empty() || !filter.report_to.empty()) {
    for (const auto& u : store.units()) unit_keys.push_back(u.key);
  }
  const auto known = [&](const std::string& key) {
    return std::find(unit_keys.begin(), unit_keys.end(), key) != unit_keys.end();
  };
  if (!filter.unit.empty() && !known(filter.unit)) refuse("--unit", filter.unit, unit_keys);
  if (!filter.report_to.empty() && !known(filter.report_to)) refuse("--report-to", filter.report_to, unit_keys);
  if (!filter.inspection.empty() && !store.inspection(filter.inspection)) {
    std::vector<std::string> keys;
    for (const auto& i : store.inspections()) keys.push_back(i.key);
    refuse("--inspection", filter.inspection, keys);
  }
}

// In `show`, every field is shown to people too, under its heading or its name.
render::Dataset all_fields(render::Dataset data) {
  for (auto& c : data.columns) {
    if (!c.machine) {
      c.human = false;
      continue;
    }
    c.human = true;
    if (c.heading.empty()) c.heading = c.key;
  }
  data.group_by.reset();
  return data;
}

}  // namespace

int cmd_list(const Context& ctx, const std::string& what, const FilterOptions& filter,
             const ReportOptions& report) {
  auto [store, calendars] = open_for_reading(ctx);
  check_filter(ctx, *store, filter);
  if (what == "tasks") {
    const auto rows = report::with_lateness(store->tasks(to_task_filter(filter)), ctx.as_of, calendars);
    emit(ctx, render::task_dataset(rows, render::TaskView::list, ctx.lang, report.days), report);
  } else if (what == "findings") {
    emit(ctx, render::findings_dataset(store->findings(to_finding_filter(filter)), ctx.lang), report);
  } else if (what == "inspections") {
    std::vector<model::Inspection> inspections = store->inspections();
    if (!filter.inspection.empty()) {
      std::erase_if(inspections, [&](const auto& i) { return i.key != filter.inspection; });
    }
    emit(ctx, render::inspections_dataset(inspections, ctx.lang), report);
  } else {
    std::vector<model::Unit> units = store->units();
    if (!filter.unit.empty()) {
      std::erase_if(units, [&](const auto& u) { return u.key != filter.unit && u.parent != filter.unit; });
    }
    emit(ctx, render::units_dataset(units, ctx.lang), report);
  }
  return static_cast<int>(ExitCode::ok);
}

int cmd_show(const Context& ctx, const std::string& id, const ReportOptions& report) {
  auto [store, calendars] = open_for_reading(ctx);
  const auto show = [&](const render::Dataset& record, const std::vector<model::Event>& events) {
    ctx.out << render::render_record(all_fields(record), render::events_dataset(events, ctx.lang),
                                     report.format, ctx.style, report.bom);
    return static_cast<int>(ExitCode::ok);
  };

  std::optional<model::Task> task;
  if (app::looks_like_task(id)) {
    task = app::lookup_task(*store, id);
    if (!task && id.find('/') != std::string::npos && id.find('@') == std::string::npos) {
      const auto slash = id.find('/');
      if (auto finding = store->finding(id.substr(0, slash), id.substr(slash + 1))) {
        return show(render::findings_dataset({*finding}, ctx.lang),
                    store->events_for("finding", id));
      }
    }
  } else {
    if (auto inspection = store->inspection(id)) {
      return show(render::inspections_dataset({*inspection}, ctx.lang), store->events_for("inspection", id));
    }
    if (auto unit = store->unit(id)) {
      return show(render::units_dataset({*unit}, ctx.lang), store->events_for("unit", id));
    }
  }
  if (task) {
    return show(render::task_dataset(report::with_lateness({*task}, ctx.as_of, calendars),
                                     render::TaskView::list, ctx.lang, report.days),
                store->events(task->id));
  }
  throw InputError(fmt::format(
      fmt::runtime(tr(ctx.lang,
                      "nothing is called '{}': give a task id or key (INSPECTION/TASK@UNIT), "
                      "INSPECTION/FINDING, an inspection key or a unit key",
                      "không tìm thấy '{}': hãy cho số hiệu hoặc khóa nhiệm vụ (ĐỢT/NHIỆM-VỤ@ĐƠN-VỊ), "
                      "ĐỢT/TỒN-TẠI, khóa đợt kiểm tra hoặc khóa đơn vị")),
      id),
      ExitCode::no_input);
}

int cmd_overdue(const Context& ctx, const FilterOptions& filter, const ReportOptions& report,
                bool exit_code, bool quiet) {
  auto [store, calendars] = open_for_reading(ctx);
  check_filter(ctx, *store, filter);
  if (quiet) {
    // For cron: one indexed probe, whatever the size of the database.
    return static_cast<int>(store->any_overdue(ctx.as_of, to_task_filter(filter)) ? ExitCode::found
                                                                                  : ExitCode::ok);
  }
  // Row by row: a report of a million rows is written as it is read.
  const bool for_people = report.format == render::Format::table || report.format == render::Format::markdown;
  const auto columns = render::task_columns(render::TaskView::overdue, ctx.lang, report.days);
  render::RowStream out(ctx.out, columns.header(), report.format, ctx.style, report.bom);
  std::vector<render::Value> cells;
  report::each_overdue(*store, ctx.as_of, to_task_filter(filter), calendars, [&](const report::TaskRow& row) {
    columns.fill(cells, row, for_people);
    out.add(cells);
  });
  out.finish();
  return static_cast<int>(exit_code && out.rows() > 0 ? ExitCode::found : ExitCode::ok);
}

int cmd_due(const Context& ctx, int within_days, const FilterOptions& filter,
            const ReportOptions& report) {
  auto [store, calendars] = open_for_reading(ctx, within_days);
  check_filter(ctx, *store, filter);
  const bool for_people = report.format == render::Format::table || report.format == render::Format::markdown;
  const auto columns = render::task_columns(render::TaskView::due, ctx.lang, report.days);
  render::RowStream out(ctx.out, columns.header(), report.format, ctx.style, report.bom);
  std::vector<render::Value> cells;
  report::each_due_within(*store, ctx.as_of, within_days, to_task_filter(filter), calendars,
                          [&](const report::TaskRow& row) {
                            columns.fill(cells, row, for_people);
                            out.add(cells);
                          });
  out.finish();
  return static_cast<int>(ExitCode::ok);
}

int cmd_summary(const Context& ctx, report::GroupBy by, const FilterOptions& filter,
                const ReportOptions& report) {
  auto [store, calendars] = open_for_reading(ctx);
  check_filter(ctx, *store, filter);
  std::vector<report::SummaryRow> rows;
  if (by == report::GroupBy::area) {
    // A task counts for each area of its findings: read with its finding keys.
    const auto tasks = store->tasks(to_task_filter(filter));
    const auto findings = store->findings(to_finding_filter(filter));
    rows = report::summarize(tasks, findings, store->units(), store->inspections(), by, ctx.as_of);
  } else {
    // One task at a time, one row per group in memory.
    rows = report::summarize(*store, by, to_task_filter(filter), to_finding_filter(filter), ctx.as_of);
  }
  emit(ctx, render::summary_dataset(rows, by, ctx.lang), report);
  return static_cast<int>(ExitCode::ok);
}

}  // namespace inspectrack::cli
