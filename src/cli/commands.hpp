#pragma once
// One handler per command: validate its options, open the store, call the core,
// render, write. Each returns an exit code; errors it cannot handle are thrown as
// inspectrack::Error and mapped by run(). Private to the cli module.

#include <optional>
#include <string>
#include <vector>

#include "context.hpp"
#include "inspectrack/model/lifecycle.hpp"
#include "inspectrack/report/summary.hpp"

namespace inspectrack::cli {

struct ImportOptions {
  std::vector<std::string> files;
  bool dry_run = false;
  bool prune = false;
};

// done, extend, cancel, reopen, verify, note: the options as typed.
struct ChangeOptions {
  model::TaskChange::Kind kind = model::TaskChange::Kind::note;
  std::string id;
  std::optional<std::string> on, to;  // dates as typed; "" is an error, not "not given"
  std::string text;          // evidence, reason, note
  std::string approved_by;
};

// remind: the options as typed (checked by cmd_remind).
struct RemindOptions {
  std::string mbox, maildir, sendmail;  // where the messages go: exactly one, unless dry_run
  int sendmail_timeout = 60;            // seconds the sendmail command may take per message
  bool dry_run = false;
  std::string from;                     // --from, else $INSPECTRACK_FROM
  bool from_environment = false;        // `from` is $INSPECTRACK_FROM
  int within = 3;                       // working days ahead
  int undated_after = 10;               // working days open with no deadline; 0: never
  bool cc_report_to = false;
  std::optional<int> escalate_after;
  bool force = false;
  std::string unit;                     // only this assignee (key)
  ReportOptions report;                 // the run's report; --days counts days late
  static constexpr Reports kReports = Reports::lateness;
};

// document report|reminder-letter: the options as typed (checked by cmd_document).
struct DocumentOptions {
  enum class Kind { report, reminder_letter };
  Kind kind = Kind::report;
  std::string office;     // --office; "": the only office stored
  FilterOptions filter;   // the report filters, as summary's
  std::string date;       // --date as typed; "": the as-of day
  std::string output;     // --output FILE: .docx or .pdf
  bool chart = false;     // report: the bar chart
  bool per_unit = false;  // reminder-letter: one letter per unit
  std::string reply_by;   // reminder-letter: --reply-by as typed; "": promptly
};

int cmd_change(const Context& ctx, const ChangeOptions& options);
int cmd_document(const Context& ctx, const DocumentOptions& options);
int cmd_remind(const Context& ctx, const RemindOptions& options);
int cmd_log(const Context& ctx, const std::string& id, const ReportOptions& report);

int cmd_template(const Context& ctx, const std::string& kind);
int cmd_validate(const Context& ctx, const std::vector<std::string>& files);
int cmd_import(const Context& ctx, const ImportOptions& options);

int cmd_list(const Context& ctx, const std::string& what, const FilterOptions& filter,
             const ReportOptions& report);
int cmd_show(const Context& ctx, const std::string& id, const ReportOptions& report);
// `quiet`: nothing is printed and the exit status says whether any task is overdue.
// `by`: the groups of the rows (--by); nullopt: the report's own (app::grouping).
int cmd_overdue(const Context& ctx, const FilterOptions& filter, std::optional<storage::TaskGroup> by,
                const ReportOptions& report, bool exit_code, bool quiet);
int cmd_due(const Context& ctx, int within_days, const FilterOptions& filter,
            std::optional<storage::TaskGroup> by, const ReportOptions& report);
int cmd_calendar(const Context& ctx, std::optional<int> year, const ReportOptions& report);
int cmd_workdays(const Context& ctx, const std::string& from, const std::string& to,
                 const ReportOptions& report);
int cmd_deadline(const Context& ctx, const std::string& from, const std::string& period,
                 const ReportOptions& report);
int cmd_summary(const Context& ctx, report::GroupBy by, const FilterOptions& filter,
                const ReportOptions& report);
int cmd_check(const Context& ctx, const ReportOptions& report);
int cmd_backup(const Context& ctx, const std::string& path);

}  // namespace inspectrack::cli
