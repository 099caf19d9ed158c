#include "inspectrack/app/reports.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "inspectrack/app/change.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/text/suggest.hpp"

namespace inspectrack::app {
namespace {

using text::tr;

// The refusal of a filter value no key matches, with the keys it may have meant.
[[noreturn]] void refuse(text::Lang lang, const char* option, const std::string& value,
                         const std::vector<std::string>& keys) {
  std::string message =
      fmt::format(fmt::runtime(tr(lang, "{} '{}': no such key", "{} '{}': không có khóa này")), option, value);
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
      list += (list.empty() ? "'" : tr(lang, "' or '", "' hoặc '")) + c;
    }
    message += fmt::format(fmt::runtime(tr(lang, "; did you mean {}'?", "; có phải là {}'?")), list);
  }
  throw UsageError(message);
}

}  // namespace

void check_filter(storage::ReportQueries& store, const storage::TaskFilter& filter, text::Lang lang) {
  std::vector<std::string> unit_keys;
  if (filter.unit || filter.report_to) {
    for (const auto& u : store.units()) unit_keys.push_back(u.key);
  }
  const auto known = [&](const std::string& key) {
    return std::find(unit_keys.begin(), unit_keys.end(), key) != unit_keys.end();
  };
  if (filter.unit && !known(*filter.unit)) refuse(lang, "--unit", *filter.unit, unit_keys);
  if (filter.report_to && !known(*filter.report_to)) refuse(lang, "--report-to", *filter.report_to, unit_keys);
  if (filter.inspection && !store.inspection(*filter.inspection)) {
    std::vector<std::string> keys;
    for (const auto& i : store.inspections()) keys.push_back(i.key);
    refuse(lang, "--inspection", *filter.inspection, keys);
  }
}

ListResult list(storage::ReportQueries& store, const calendar::CalendarRegistry& calendars,
                Listing what, const ReportRequest& request) {
  check_filter(store, request.tasks, request.lang);
  ListResult result;
  switch (what) {
    case Listing::tasks:
      result.tasks = report::with_lateness(store.tasks(request.tasks), request.as_of, calendars);
      break;
    case Listing::findings:
      result.findings = store.findings(request.findings);
      break;
    case Listing::inspections:
      result.inspections = store.inspections();
      if (const auto& key = request.tasks.inspection) {
        std::erase_if(result.inspections, [&](const auto& i) { return i.key != *key; });
      }
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
                const std::string& id, model::Date as_of, text::Lang lang) {
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
    result.events = store.events_for("inspection", id);
    return result;
  } else if ((result.unit = store.unit(id))) {
    result.kind = ShowResult::Kind::unit;
    result.events = store.events_for("unit", id);
    return result;
  }
  throw InputError(fmt::format(
      fmt::runtime(tr(lang,
                      "nothing is called '{}': give a task id or key (INSPECTION/TASK@UNIT), "
                      "INSPECTION/FINDING, an inspection key or a unit key",
                      "không tìm thấy '{}': hãy cho số hiệu hoặc khóa nhiệm vụ (ĐỢT/NHIỆM-VỤ@ĐƠN-VỊ), "
                      "ĐỢT/TỒN-TẠI, khóa đợt kiểm tra hoặc khóa đơn vị")),
      id),
      ExitCode::no_input);
}

bool any_overdue(storage::ReportQueries& store, const ReportRequest& request) {
  check_filter(store, request.tasks, request.lang);
  return store.any_overdue(request.as_of, request.tasks);
}

std::size_t overdue(storage::ReportQueries& store, const calendar::CalendarRegistry& calendars,
                    const ReportRequest& request, const report::RowSink& sink) {
  check_filter(store, request.tasks, request.lang);
  std::size_t rows = 0;
  report::each_overdue(store, request.as_of, request.tasks, calendars, [&](const report::TaskRow& row) {
    ++rows;
    sink(row);
  });
  return rows;
}

std::size_t due(storage::ReportQueries& store, const calendar::CalendarRegistry& calendars,
                const ReportRequest& request, int days, const report::RowSink& sink) {
  check_filter(store, request.tasks, request.lang);
  std::size_t rows = 0;
  report::each_due_within(store, request.as_of, days, request.tasks, calendars, [&](const report::TaskRow& row) {
    ++rows;
    sink(row);
  });
  return rows;
}

std::vector<report::SummaryRow> summary(storage::ReportQueries& store, report::GroupBy by,
                                        const ReportRequest& request) {
  check_filter(store, request.tasks, request.lang);
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
