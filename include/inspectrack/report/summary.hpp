#pragma once
// summary --by unit|inspection|area: the counts the leadership asks for.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "inspectrack/model/date.hpp"
#include "inspectrack/model/finding.hpp"
#include "inspectrack/model/inspection.hpp"
#include "inspectrack/model/task.hpp"
#include "inspectrack/model/unit.hpp"
#include "inspectrack/storage/report_queries.hpp"

namespace inspectrack::report {

enum class GroupBy { unit, inspection, area };

struct SummaryRow {
  std::optional<std::string> group;  // unit, inspection or area key; nullopt = "no area"
  std::string name;                  // unit name, inspection title, or the area again
  int findings = 0;
  int tasks = 0;         // all, cancelled included
  int open = 0;          // not done and not cancelled, overdue included
  int overdue = 0;       // open and past the deadline in force (quá hạn)
  int open_in_time = 0;  // open, with a deadline not yet passed (đang thực hiện trong hạn)
  int done_on_time = 0;  // done/verified on or before the deadline in force the day it was
                         // done, or with no deadline (hoàn thành đúng hạn)
  int done_late = 0;     // done/verified after it (hoàn thành quá hạn)
  int no_deadline = 0;   // open with no deadline
  int cancelled = 0;
  int verified = 0;      // verified (also counted as done on time or late)
  std::optional<double> on_time_rate;  // done_on_time / (done_on_time + done_late); nullopt when none done
  // Overdue tasks by calendar days late: 1–7, 8–30, 31–90, over 90.
  int overdue_1_7 = 0;
  int overdue_8_30 = 0;
  int overdue_31_90 = 0;
  int overdue_over_90 = 0;
};

// Groups and counts. By unit: a finding counts for its unit, a task for its assignee.
// By inspection: for their inspection. By area: a finding for its area; a task for
// each distinct area of the findings it is linked to, or the "no area" group (nullopt)
// when it has none. Rows ordered by group key, "no area" last, units by name (as
// bytes) then key. Groups with neither findings nor tasks are left out.
std::vector<SummaryRow> summarize(const std::vector<model::Task>& tasks,
                                  const std::vector<model::Finding>& findings,
                                  const std::vector<model::Unit>& units,
                                  const std::vector<model::Inspection>& inspections,
                                  GroupBy by, model::Date as_of);

// Counts one task into its group's row (row.tasks and the buckets): cancelled; done
// or verified, on time or late against the deadline in force the day it was done (no
// deadline or no recorded day: on time); open with no deadline, in time, or overdue
// with its ageing band.
void count_task(SummaryRow& row, const storage::TaskTally& task, model::Date as_of);
// The on-time rate of a row whose counts are complete.
void finish_row(SummaryRow& row);

// The totals of `rows`: each count summed, the on-time rate of the sums (not an
// average of the rates); no group, no name.
SummaryRow total(const std::vector<SummaryRow>& rows);

// summarize() by unit or by inspection, straight from the store: each task is counted
// as it is read (storage::ReportQueries::each_tally), so memory holds one row per
// group, not the tasks. The same rows as summarize() of store.tasks(tasks) and
// store.findings(findings), in the order of store.group_names(): units by name in the
// store's name order, inspections by key. `by` must not be GroupBy::area.
std::vector<SummaryRow> summarize(storage::ReportQueries& store, GroupBy by,
                                  const storage::TaskFilter& tasks,
                                  const storage::FindingFilter& findings, model::Date as_of);

}  // namespace inspectrack::report
