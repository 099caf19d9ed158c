#pragma once
// A reminder e-mail as recorded after `remind` sent it: to whom, for which
// day, about which tasks, under which Message-ID. The record is what makes a second
// run on the same day send nothing.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inspectrack/model/date.hpp"

namespace inspectrack::model {

// One task a reminder listed, as it stood when the reminder was sent.
struct RemindedTask {
  // Overdue, due soon, or open with no deadline for too long.
  enum class State { overdue, due, undated };

  std::optional<std::int64_t> task_id;  // none once the task was pruned
  std::string task_key;                 // full key INSPECTION/TASK@UNIT[#PERIOD]
  State state = State::due;
  std::optional<Date> last_day;         // the deadline in force then; none when undated
  int days_late = 0;                    // as the message said (working or calendar days); 0 undated
  bool escalated = false;               // the parent unit was copied for it

  bool operator==(const RemindedTask&) const = default;
};

// The run that delivers a reminder: a process on a host, told apart from a later
// process with the same pid by its start time and from one of an earlier boot by the
// boot id.
struct Claimant {
  std::string host;          // the host name
  std::int64_t pid = 0;
  std::uint64_t start = 0;   // the process's start time: clock ticks after boot
  std::string boot_id;       // /proc/sys/kernel/random/boot_id

  bool operator==(const Claimant&) const = default;
};

// "HOST PID START BOOT_ID", as the database keeps it; a host name's spaces and
// control characters become '_'.
std::string to_string(const Claimant& claimant);
// The inverse of to_string; nullopt for any other text.
std::optional<Claimant> parse_claimant(std::string_view text);

// The start time of the running process `pid` (field 22 of /proc/PID/stat); nullopt
// when there is no such process, or it has ended (a zombie).
using StartTimeOf = std::function<std::optional<std::uint64_t>(std::int64_t pid)>;

// Whether `claimant` is a process still running, as seen from `here` (this process):
// the same host and boot, and a process with its pid and start time. A claimant on
// another host or of an earlier boot cannot be seen, and is taken as stopped.
// `start_time_of` is asked only about a claimant of this host and boot.
bool is_running(const Claimant& claimant, const Claimant& here, const StartTimeOf& start_time_of);

struct Reminder {
  // `sending` from the claim until it is known to be delivered: while its claimant
  // runs, it is in flight (another run the same day must not send it too); once the
  // claimant stopped (killed, or its delivery failed) it is unconfirmed, and the next
  // run delivers `message` again. `sent` once delivered.
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
  // sending: the run delivering it; none when unconfirmed (and once sent). A text that
  // is not a claimant (written by hand) is none too.
  std::optional<Claimant> claimant;
  // sending: the message as rendered (CRLF line ends, its Message-ID), kept until it is
  // delivered; none once sent, and for a reminder recorded before it was kept.
  std::optional<std::string> message;

  bool operator==(const Reminder&) const = default;
};

std::string_view to_string(Reminder::Status status);
std::optional<Reminder::Status> parse_reminder_status(std::string_view s);

}  // namespace inspectrack::model
