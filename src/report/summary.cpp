#include "inspectrack/report/summary.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include "inspectrack/report/task_report.hpp"

namespace inspectrack::report {
namespace {

// Ordered so that the "no area" group (nullopt) sorts last.
struct GroupLess {
  bool operator()(const std::optional<std::string>& a, const std::optional<std::string>& b) const {
    if (a && b) return *a < *b;
    return a.has_value() && !b.has_value();
  }
};

using Rows = std::map<std::optional<std::string>, SummaryRow, GroupLess>;

SummaryRow& row_for(Rows& rows, const std::optional<std::string>& group) {
  auto [it, inserted] = rows.try_emplace(group);
  if (inserted) it->second.group = group;
  return it->second;
}

// The band of an overdue task `days` calendar days late (at least 1).
void count_ageing(SummaryRow& row, int days) {
  if (days <= 7) {
    ++row.overdue_1_7;
  } else if (days <= 30) {
    ++row.overdue_8_30;
  } else if (days <= 90) {
    ++row.overdue_31_90;
  } else {
    ++row.overdue_over_90;
  }
}

void count_task(SummaryRow& row, const model::Task& task, model::Date as_of) {
  report::count_task(row, storage::TaskTally{0, task.status, task.last_day, task.done_on, task.done_deadline},
             as_of);
}

}  // namespace

void count_task(SummaryRow& row, const storage::TaskTally& task, model::Date as_of) {
  ++row.tasks;
  switch (task.status) {
    case model::Status::cancelled:
      ++row.cancelled;
      break;
    case model::Status::verified:
      ++row.verified;
      [[fallthrough]];
    case model::Status::done: {
      // Judged against the deadline in force on the day it was done (a task done
      // before that was recorded: the deadline in force now). No deadline, or no
      // recorded day, counts as on time.
      const std::optional<model::Date> deadline = task.done_deadline ? task.done_deadline : task.last_day;
      if (deadline && task.done_on && *task.done_on > *deadline) {
        ++row.done_late;
      } else {
        ++row.done_on_time;
      }
      break;
    }
    case model::Status::open:
      ++row.open;
      if (!task.last_day) {
        ++row.no_deadline;
      } else if (*task.last_day < as_of) {
        ++row.overdue;
        count_ageing(row, as_of.days_since(*task.last_day));
      } else {
        ++row.open_in_time;
      }
      break;
  }
}

void finish_row(SummaryRow& row) {
  const int done = row.done_on_time + row.done_late;
  row.on_time_rate.reset();
  if (done > 0) row.on_time_rate = static_cast<double>(row.done_on_time) / done;
}

SummaryRow total(const std::vector<SummaryRow>& rows) {
  SummaryRow sum;
  for (const auto& r : rows) {
    for (int SummaryRow::*count :
         {&SummaryRow::findings, &SummaryRow::tasks, &SummaryRow::open, &SummaryRow::overdue,
          &SummaryRow::open_in_time, &SummaryRow::done_on_time, &SummaryRow::done_late,
          &SummaryRow::no_deadline, &SummaryRow::cancelled, &SummaryRow::verified, &SummaryRow::overdue_1_7,
          &SummaryRow::overdue_8_30, &SummaryRow::overdue_31_90, &SummaryRow::overdue_over_90}) {
      sum.*count += r.*count;
    }
  }
  finish_row(sum);
  return sum;
}

std::vector<SummaryRow> summarize(storage::ReportQueries& store, GroupBy by,
                                  const storage::TaskFilter& tasks,
                                  const storage::FindingFilter& findings, model::Date as_of) {
  const storage::Grouping grouping =
      by == GroupBy::inspection ? storage::Grouping::inspection : storage::Grouping::unit;
  std::unordered_map<std::int64_t, SummaryRow> rows;
  store.each_tally(grouping, tasks,
                   [&](const storage::TaskTally& t) { count_task(rows[t.group], t, as_of); });
  for (const auto& [group, count] : store.finding_counts(grouping, findings)) {
    rows[group].findings = static_cast<int>(count);
  }
  std::vector<SummaryRow> result;
  result.reserve(rows.size());
  for (auto& name : store.group_names(grouping)) {
    const auto it = rows.find(name.id);
    if (it == rows.end()) continue;
    SummaryRow& row = it->second;
    row.group = std::move(name.key);
    row.name = std::move(name.name);
    finish_row(row);
    result.push_back(std::move(row));
  }
  return result;
}

std::vector<SummaryRow> summarize(const std::vector<model::Task>& tasks,
                                  const std::vector<model::Finding>& findings,
                                  const std::vector<model::Unit>& units,
                                  const std::vector<model::Inspection>& inspections, GroupBy by,
                                  model::Date as_of) {
  Rows rows;
  switch (by) {
    case GroupBy::unit:
      for (const auto& f : findings) ++row_for(rows, f.unit).findings;
      for (const auto& t : tasks) count_task(row_for(rows, t.assignee), t, as_of);
      break;
    case GroupBy::inspection:
      for (const auto& f : findings) ++row_for(rows, f.inspection).findings;
      for (const auto& t : tasks) count_task(row_for(rows, t.inspection), t, as_of);
      break;
    case GroupBy::area: {
      // A task counts once for each distinct area of the findings it is linked to.
      std::map<std::pair<std::string, std::string>, std::string> area_of;  // (inspection, finding) → area
      for (const auto& f : findings) {
        std::optional<std::string> area;
        if (!f.area.empty()) area = f.area;
        ++row_for(rows, area).findings;
        area_of[{f.inspection, f.key}] = f.area;
      }
      for (const auto& t : tasks) {
        std::set<std::string> areas;
        for (const auto& key : t.findings) {
          const auto it = area_of.find({t.inspection, key});
          if (it != area_of.end() && !it->second.empty()) areas.insert(it->second);
        }
        if (areas.empty()) {
          count_task(row_for(rows, std::nullopt), t, as_of);
        } else {
          for (const auto& area : areas) count_task(row_for(rows, area), t, as_of);
        }
      }
      break;
    }
  }

  std::map<std::string, std::string> names;
  if (by == GroupBy::unit) {
    for (const auto& u : units) names[u.key] = u.name;
  } else if (by == GroupBy::inspection) {
    for (const auto& i : inspections) names[i.key] = i.title;
  }

  std::vector<SummaryRow> result;
  result.reserve(rows.size());
  for (auto& [group, row] : rows) {
    if (group) {
      const auto it = names.find(*group);
      row.name = it != names.end() ? it->second : *group;
    }
    finish_row(row);
    result.push_back(std::move(row));
  }
  // Units by name, as a store with no name order gives them (group_names).
  if (by == GroupBy::unit) {
    std::stable_sort(result.begin(), result.end(), [](const SummaryRow& a, const SummaryRow& b) {
      return std::tie(a.name, a.group) < std::tie(b.name, b.group);
    });
  }
  return result;
}

}  // namespace inspectrack::report
