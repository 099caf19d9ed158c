#pragma once
// One remediation action owed by one unit (nhiệm vụ khắc phục). A task written for
// several assignees is tracked as one Task per assignee.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inspectrack/model/date.hpp"
#include "inspectrack/model/due.hpp"
#include "inspectrack/model/repeat.hpp"

namespace inspectrack::model {

enum class Status { open, done, verified, cancelled };

std::string_view to_string(Status s);
std::optional<Status> parse_status(std::string_view s);
const std::vector<std::string>& status_names();

struct Task {
  std::int64_t id = 0;                   // short id for the command line; 0 before storage
  std::string inspection;                // inspection key
  std::string key;                       // task key within the inspection
  std::string assignee;                  // unit key
  std::string action;                    // NFC
  std::optional<std::string> report_to;  // unit key
  std::vector<std::string> findings;     // finding keys (same inspection), sorted
  std::string target;                    // "more than 50% of dossiers …"; "" when none
  Due due;
  std::optional<Date> last_day;          // last allowed day; nullopt for Due::Form::none
  bool due_provisional = false;          // last_day relied on a provisional (unannounced)
                                         // day of the calendar
  std::string calendar;                  // key of the working-day calendar the deadline uses
  // A recurring task: its rule. Set on the series (period "") and on each occurrence.
  std::optional<Repeat> repeat;
  std::string period;                    // an occurrence: its period label, e.g. "2021-Q3"
  Status status = Status::open;
  std::optional<Date> done_on;
  // The lifecycle. last_day above is the deadline in force: the later of
  // the deadline as written and the latest extension.
  std::optional<Date> original_last_day;  // the last allowed day as written (before extensions)
  int extensions = 0;                     // how many times the deadline was extended
  std::optional<Date> done_deadline;      // done/verified: the deadline in force that day
  std::optional<Date> verified_on;        // verified: the day the fix was checked

  // Display fields filled in by storage for reports; not part of identity.
  std::string assignee_name;
  std::string report_to_name;
  std::string inspection_title;

  // INSPECTION/TASK@ASSIGNEE, and #PERIOD for an occurrence of a recurring task.
  std::string full_key() const;
  // Open means neither done, verified nor cancelled.
  bool is_open() const { return status == Status::open; }
};

// Splits "INSPECTION/TASK@ASSIGNEE[#PERIOD]"; nullopt when it is not of that shape.
struct TaskKey {
  std::string inspection, task, assignee;
  std::string period;  // "" when none
};
std::optional<TaskKey> parse_task_key(std::string_view s);

}  // namespace inspectrack::model
