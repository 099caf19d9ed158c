#pragma once
// Which reminders `remind` sends on a day: one digest per assignee unit that
// has overdue tasks or tasks due soon, who is copied, and whether it was already sent.
// Pure functions: the store supplies tasks, units and the reminders recorded so far.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inspectrack/calendar/registry.hpp"
#include "inspectrack/model/date.hpp"
#include "inspectrack/model/reminder.hpp"
#include "inspectrack/model/task.hpp"
#include "inspectrack/model/unit.hpp"
#include "inspectrack/report/task_report.hpp"

namespace inspectrack::report {

struct ReminderRules {
  int within = 3;                     // "due soon": within this many working days ahead
  bool working_days = true;           // days late counted in working days, else calendar days
  bool cc_report_to = false;          // copy the unit each task reports to
  std::optional<int> escalate_after;  // copy the parent when a task is more than N days late
  bool force = false;                 // send even when the once-a-day rule says no
  // Open tasks with no deadline are reminded of once open more than this many working
  // days since they were set, at most once a week each; 0: never.
  int undated_after = 10;
};

// An open task with no deadline (due: none, "khẩn trương") and the day it was set: the
// conclusion's date, else the day it was first imported.
struct UndatedTask {
  model::Task task;
  model::Date since;
};

// An undated task a digest lists, and how long it has been open.
struct UndatedRow {
  model::Task task;
  model::Date since;
  int working_days = 0;  // working days of its calendar in (since, as_of]
};

// Days a reminded undated task is left out of the next reminders: it comes back on the
// seventh day after the one that listed it.
inline constexpr int kUndatedEveryDays = 7;

// A unit copied on a digest, and why.
struct CopiedUnit {
  model::Unit unit;
  bool report_to = false;   // a task in the digest reports to it
  bool escalation = false;  // the assignee's parent, for a task late beyond the limit
};

struct Digest {
  enum class Decision {
    send,
    already_sent,  // a reminder for the same day (sent, or in flight) already listed
                   // each of these tasks
    later_day,     // a reminder for a later day was sent: this day is past
    no_address,    // the unit has no e-mail address
  };

  model::Unit unit;                     // the assignee
  std::vector<TaskRow> overdue;         // most days late first, then by key
  std::vector<TaskRow> due_soon;        // soonest first, then by key
  std::vector<UndatedRow> undated;      // open without a deadline too long: longest first, then by key
  std::vector<std::int64_t> escalated;  // ids of the tasks late beyond escalate_after
  std::vector<CopiedUnit> copies;       // units copied that have an address, by key
  // Units that would be copied but have no address (or are not in the database), by key.
  std::vector<std::string> copies_without_address;
  bool escalation_without_parent = false;  // a task is late beyond the limit, no parent unit
  Decision decision = Decision::send;
  std::optional<model::Date> later_day;  // Decision::later_day: the day of that reminder
};

// Days late as the rules count them.
int lateness(const TaskRow& row, const ReminderRules& rules);

// The last day that is "due soon" on `as_of` for a task counted with `calendar`: the
// `within`-th working day after as_of (as_of itself for 0).
model::Date window_end(model::Date as_of, int within, const calendar::WorkCalendar& calendar);
// The latest window_end over every calendar in `calendars` and the weekends-only
// fallback: a bound for selecting the candidate tasks.
model::Date widest_window_end(model::Date as_of, int within,
                              const calendar::CalendarRegistry& calendars);

// Whether a reminder recorded `sending` counts as sent: yes while it is in flight (the
// run delivering it is at work), no once it is unconfirmed (that run stopped, and
// nobody knows whether it went out: the next run delivers it again). Asked only
// about reminders with status `sending`.
using InFlight = std::function<bool(const model::Reminder&)>;

// The digests of day `as_of`, ordered by unit name then key, from `open_tasks` (at
// least every open task due on or before widest_window_end(); others are ignored),
// the unit registry and the reminders recorded on or after as_of, whose `sending`
// ones count when `in_flight` says so. Recurring rules (tasks with a repeat and no
// period) are never reminded of; their occurrences are.
std::vector<Digest> plan_reminders(const std::vector<model::Task>& open_tasks,
                                   const std::vector<model::Unit>& units,
                                   const std::vector<model::Reminder>& earlier, model::Date as_of,
                                   const ReminderRules& rules,
                                   const calendar::CalendarRegistry& calendars, const InFlight& in_flight);
// The same, with the undated open tasks (`undated`) that undated_owed() selects in
// their units' digests; `earlier` then holds the reminders of the kUndatedEveryDays - 1
// days before as_of too.
std::vector<Digest> plan_reminders(const std::vector<model::Task>& open_tasks,
                                   const std::vector<UndatedTask>& undated,
                                   const std::vector<model::Unit>& units,
                                   const std::vector<model::Reminder>& earlier, model::Date as_of,
                                   const ReminderRules& rules, const calendar::CalendarRegistry& calendars,
                                   const InFlight& in_flight);

// The undated task as a digest lists it on as_of, or nullopt when it is not owed a
// reminder: rules.undated_after is 0; it is not open, has a deadline, or is a
// recurring task's rule; it has been open rules.undated_after working days or fewer
// since it was set; or a reminder for one of the kUndatedEveryDays - 1 days before
// as_of listed it (sent, or `sending` and in flight: an unconfirmed one is delivered
// again, and counts then).
std::optional<UndatedRow> undated_owed(const UndatedTask& undated, model::Date as_of,
                                       const ReminderRules& rules,
                                       const calendar::CalendarRegistry& calendars,
                                       const std::vector<model::Reminder>& earlier,
                                       const InFlight& in_flight);

// The once-a-day rule, for a digest with tasks and an address: `later_day` when a
// reminder of the unit for a day after `as_of` exists, `already_sent` when one for
// `as_of` listed every task of the digest with the same deadline, else `send`. A
// reminder counts when it was sent, or is `sending` and `in_flight` says so; an
// unconfirmed one counts for neither rule. `force` always sends. `earlier` may hold
// other units' reminders and other days; they are ignored.
Digest::Decision decide(const Digest& digest, const std::vector<model::Reminder>& earlier,
                        model::Date as_of, bool force, const InFlight& in_flight,
                        std::optional<model::Date>* later_day = nullptr);

// What happened to one digest in a `remind` run, for its report.
struct ReminderResult {
  enum class Result {
    sent,
    resent,  // an unconfirmed reminder (its run stopped) delivered again, the same message
    dry_run,
    resend,  // dry run: an unconfirmed reminder a real run would deliver again
    already_sent,
    later_day,
    no_address,
    failed,
  };
  std::string unit;  // key
  std::string name;
  Result result = Result::sent;
  int overdue = 0;
  int due_soon = 0;
  std::vector<std::string> tasks;  // full keys
  std::vector<std::string> to, cc;
  std::string message_id;           // sent, resent, dry_run, resend, failed
  std::string detail;               // failed: why; later_day, resent, resend: that day (ISO)
};

std::string_view to_string(ReminderResult::Result result);

// The record of a digest's tasks, as they stood: what the database keeps of it.
std::vector<model::RemindedTask> reminded_tasks(const Digest& digest, const ReminderRules& rules);

}  // namespace inspectrack::report
