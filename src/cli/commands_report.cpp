// Read-only commands: list, show, overdue, due, summary. They open the database for
// a report, let app select and measure the rows, and render them.

#include <algorithm>
#include <functional>

#include <fmt/format.h>

#include "commands.hpp"
#include "inspectrack/report/reminders.hpp"
#include "inspectrack/app/reports.hpp"
#include "inspectrack/calendar/recurrence.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/render/views.hpp"

namespace inspectrack::cli {
namespace {


// Reports see the occurrences of recurring tasks due within the usual horizon.
ReportStore open_for_reading(const Context& ctx, int horizon_days = calendar::kOccurrenceHorizonDays) {
  return open_for_report(ctx, ctx.as_of.plus_days(std::max(horizon_days, calendar::kOccurrenceHorizonDays)));
}

// In `show`, every field is shown to people too, under its heading or its name.
render::Dataset all_fields(render::Dataset data) {
  for (auto& c : data.columns) {
    if (!c.machine || c.raw) {
      c.human = false;
      continue;
    }
    c.human = true;
    if (c.heading.empty()) c.heading = c.key;
  }
  data.group_by.reset();
  return data;
}

app::ReportRequest request_of(const Context& ctx, const FilterOptions& filter) {
  return {ctx.as_of, to_task_filter(filter), to_finding_filter(filter), filter.sort, std::nullopt};
}

app::Listing listing(const std::string& what) {
  if (what == "tasks") return app::Listing::tasks;
  if (what == "findings") return app::Listing::findings;
  if (what == "inspections") return app::Listing::inspections;
  return app::Listing::units;
}

// The record `show` found, as a dataset of all its fields.
render::Dataset record_of(const Context& ctx, const app::ShowResult& found, render::DaysCount days) {
  switch (found.kind) {
    case app::ShowResult::Kind::task:
      return render::task_dataset({*found.task}, render::TaskView::list, ctx.lang, days);
    case app::ShowResult::Kind::finding:
      return render::findings_dataset({*found.finding}, ctx.lang);
    case app::ShowResult::Kind::inspection:
      return render::inspections_dataset({*found.inspection}, ctx.lang);
    case app::ShowResult::Kind::unit:
      break;
  }
  return render::units_dataset({*found.unit}, ctx.lang);
}

// overdue and due: the rows of `view`, under the headings of `group`, written as the
// use case gives them.
void stream_tasks(const Context& ctx, render::TaskView view, storage::TaskGroup group, render::Frame frame,
                  const ReportOptions& report,
                  const std::function<std::size_t(const report::RowSink&)>& run) {
  const bool for_people =
      report.workbook || report.format == render::Format::table || report.format == render::Format::markdown;
  auto columns = render::task_columns(view, ctx.lang, report.days, group);
  columns.frame(std::move(frame));
  render::Dataset header = columns.header();
  if (report.workbook) {
    render::Dataset data = std::move(header);
    run([&](const report::TaskRow& row) { data.rows.push_back(columns.row(row, for_people)); });
    emit(ctx, data, report);
    return;
  }
  render::RowStream out(ctx.out, std::move(header), report.format, report_style(ctx, report), report.bom);
  std::vector<render::Value> cells;
  run([&](const report::TaskRow& row) {
    columns.fill(cells, row, for_people);
    out.add(cells);
  });
  out.finish();
}

}  // namespace

int cmd_list(const Context& ctx, const std::string& what, const FilterOptions& filter,
             const ReportOptions& options) {
  auto [store, calendars] = open_for_reading(ctx);
  const app::ReportRequest request = request_of(ctx, filter);
  const app::ListResult rows = app::list(*store, calendars, listing(what), request);
  const render::Scope scope = app::scope_of(*store, request.tasks);
  ReportOptions report = options;
  report.name += " " + what;
  const auto listed = [&](render::Dataset data, render::Listed kind) {
    data.frame = render::listing_frame(kind, scope, ctx.lang);
    emit(ctx, data, report);
  };
  switch (listing(what)) {
    case app::Listing::tasks: {
      render::Dataset data = render::task_dataset(rows.tasks, render::TaskView::list, ctx.lang, report.days);
      data.frame = render::task_frame(render::TaskView::list, scope, ctx.as_of, ctx.lang);
      emit(ctx, data, report);
      break;
    }
    case app::Listing::findings:
      listed(render::findings_dataset(rows.findings, ctx.lang), render::Listed::findings);
      break;
    case app::Listing::inspections:
      listed(render::inspections_dataset(rows.inspections, ctx.lang), render::Listed::inspections);
      break;
    case app::Listing::units:
      listed(render::units_dataset(rows.units, ctx.lang), render::Listed::units);
      break;
  }
  return static_cast<int>(ExitCode::ok);
}

int cmd_show(const Context& ctx, const std::string& id, const ReportOptions& report) {
  auto [store, calendars] = open_for_reading(ctx);
  const app::ShowResult found = app::show(*store, calendars, id, ctx.as_of);
  std::vector<render::RecordPart> parts;
  if (found.contents) {
    const auto holder =
        found.kind == app::ShowResult::Kind::unit ? render::Holder::unit : render::Holder::inspection;
    parts = render::contents_parts(*found.contents, holder, ctx.as_of, ctx.lang, report.days);
  }
  ctx.out << render::render_record(all_fields(record_of(ctx, found, report.days)),
                                   render::events_dataset(found.events, ctx.lang, ctx.zone), report.format,
                                   ctx.style, report.bom, parts);
  return static_cast<int>(ExitCode::ok);
}

int cmd_overdue(const Context& ctx, const FilterOptions& filter, std::optional<storage::TaskGroup> by,
                const ReportOptions& report, bool exit_code, bool quiet) {
  auto [store, calendars] = open_for_reading(ctx);
  app::ReportRequest request = request_of(ctx, filter);
  request.by = by;
  if (quiet) {
    return static_cast<int>(app::any_overdue(*store, request) ? ExitCode::found : ExitCode::ok);
  }
  // Row by row: a report of a million rows is written as it is read.
  std::size_t rows = 0;
  const auto group = app::grouping(request, render::TaskView::overdue);
  auto frame = render::task_frame(render::TaskView::overdue, app::scope_of(*store, request.tasks), ctx.as_of,
                                  ctx.lang, 0, group);
  stream_tasks(
      ctx, render::TaskView::overdue, group, std::move(frame), report,
      [&](const report::RowSink& sink) { return rows = app::overdue(*store, calendars, request, sink); });
  return static_cast<int>(exit_code && rows > 0 ? ExitCode::found : ExitCode::ok);
}

int cmd_due(const Context& ctx, int within_days, const FilterOptions& filter,
            std::optional<storage::TaskGroup> by, const ReportOptions& report) {
  // The occurrences made reach the last day the window ends on in any calendar (N
  // working days), and no further: a report writes nothing it does not show.
  model::Date until = ctx.as_of.plus_days(calendar::kOccurrenceHorizonDays);
  {
    const auto reader = open_store(ctx, storage::OpenMode::read_only);
    until =
        std::max(until, report::widest_window_end(ctx.as_of, within_days, load_calendars(ctx, reader.get())));
  }
  auto [store, calendars] = open_for_report(ctx, until);
  app::ReportRequest request = request_of(ctx, filter);
  request.by = by;
  const auto group = app::grouping(request, render::TaskView::due);
  auto frame = render::task_frame(render::TaskView::due, app::scope_of(*store, request.tasks), ctx.as_of,
                                  ctx.lang, within_days, group);
  stream_tasks(ctx, render::TaskView::due, group, std::move(frame), report, [&](const report::RowSink& sink) {
    return app::due(*store, calendars, request, within_days, sink);
  });
  return static_cast<int>(ExitCode::ok);
}

int cmd_summary(const Context& ctx, report::GroupBy by, const FilterOptions& filter,
                const ReportOptions& options) {
  auto [store, calendars] = open_for_reading(ctx);
  const app::ReportRequest request = request_of(ctx, filter);
  const auto rows = app::summary(*store, by, request);
  render::Dataset data = render::summary_dataset(rows, by, ctx.lang);
  data.frame = render::summary_frame(by, rows, app::scope_of(*store, request.tasks), ctx.as_of, ctx.lang);
  ReportOptions named = options;
  named.name += by == report::GroupBy::unit         ? " unit"
                : by == report::GroupBy::inspection ? " inspection"
                                                    : " area";
  emit(ctx, data, named);
  return static_cast<int>(ExitCode::ok);
}

}  // namespace inspectrack::cli
