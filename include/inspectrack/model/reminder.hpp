#pragma once
// A reminder e-mail as recorded after `remind` sent it (SPEC §5): to whom, for which
// day, about which tasks, under which Message-ID. The record is what makes a second
// run on the same day send nothing.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inspectrack/model/date.hpp"

namespace inspectrack::model {

// One task a reminder listed, as it stood when the reminder was sent.
struct RemindedTask {
  std::optional<std::int64_t> task_id;  // none once the task was pruned
  std::string task_key;                 // full key INSPECTION/TASK@UNIT[#PERIOD]
  bool overdue = false;                 // overdue, else due soon
  Date last_day;                        // the deadline in force then
  int days_late = 0;                    // as the message said (working or calendar days)
  bool escalated = false;               // the parent unit was copied for it

  bool operator==(const RemindedTask&) const = default;
};

struct Reminder {
  // `sending` while a run delivers it: another run the same day must not send it too.
  // A run that fails to deliver removes its record, so the next run tries again.
  enum class Status { sending, sent };

  std::int64_t id = 0;
  std::string unit;        // the assignee reminded (unit key)
  Date day;                // the day the reminder is for (--as-of)
  std::string sent_at;     // UTC timestamp
  Status status = Status::sending;
  std::string transport;   // "mbox", "maildir" or "sendmail"
  std::string target;      // the file, directory or command
  std::string message_id;  // without angle brackets
  std::vector<std::string> to, cc;
  std::string actor;
  std::vector<RemindedTask> tasks;

  bool operator==(const Reminder&) const = default;
};

std::string_view to_string(Reminder::Status status);
std::optional<Reminder::Status> parse_reminder_status(std::string_view s);

}  // namespace inspectrack::model
