#include "inspectrack/report/reminders.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>

namespace inspectrack::report {
namespace {

// A recurring task's rule is not owed itself; its occurrences (with a period) are.
bool is_series_rule(const model::Task& task) { return task.repeat && task.period.empty(); }

// A task as a reminder lists it, with its deadline (none: undated).
using Listed = std::pair<std::int64_t, std::optional<model::Date>>;

// The (task, deadline) pairs a digest lists: what "the same reminder" means.
std::set<Listed> listed(const Digest& digest) {
  std::set<Listed> out;
  for (const auto* rows : {&digest.overdue, &digest.due_soon}) {
    for (const auto& r : *rows) out.emplace(r.task.id, *r.task.last_day);
  }
  for (const auto& r : digest.undated) out.emplace(r.task.id, std::nullopt);
  return out;
}

// Whether a reminder counts as sent (decide()'s rule): sent, or in flight.
bool counts(const model::Reminder& r, const InFlight& in_flight) {
  return r.status != model::Reminder::Status::sending || in_flight(r);
}

}  // namespace

int lateness(const TaskRow& row, const ReminderRules& rules) {
  return rules.working_days ? row.working_days_late : row.days_late;
}

model::Date window_end(model::Date as_of, int within, const calendar::WorkCalendar& calendar) {
  return within <= 0 ? as_of : calendar.add_working_days(as_of, within);
}

model::Date widest_window_end(model::Date as_of, int within,
                              const calendar::CalendarRegistry& calendars) {
  model::Date widest = window_end(as_of, within, calendar::weekends_only());
  for (const auto& key : calendars.keys()) {
    if (const calendar::WorkCalendar* cal = calendars.find(key)) {
      widest = std::max(widest, window_end(as_of, within, *cal));
    }
  }
  return widest;
}

namespace {

using UnitsByKey = std::map<std::string, const model::Unit*, std::less<>>;

// The digest of `task`'s assignee in `by_unit`, made when it has none yet.
Digest& digest_of(std::map<std::string, Digest, std::less<>>& by_unit, const model::Task& task,
                  const UnitsByKey& unit_by_key) {
  Digest& digest = by_unit[task.assignee];
  if (digest.unit.key.empty()) {
    const auto found = unit_by_key.find(task.assignee);
    if (found != unit_by_key.end()) {
      digest.unit = *found->second;
    } else {
      digest.unit.key = task.assignee;
      digest.unit.name = task.assignee_name;
    }
  }
  return digest;
}

// The tasks owed by `as_of` plus the window, one digest per assignee; a unit missing
// from `units` is named as the task names it.
std::map<std::string, Digest, std::less<>> group_by_unit(const std::vector<model::Task>& open_tasks,
                                                         const UnitsByKey& unit_by_key, model::Date as_of,
                                                         const ReminderRules& rules,
                                                         const calendar::CalendarRegistry& calendars) {
  std::map<std::string, Digest, std::less<>> by_unit;
  std::set<std::int64_t> seen;
  for (const auto& task : open_tasks) {
    if (!task.is_open() || !task.last_day || is_series_rule(task)) continue;
    if (!seen.insert(task.id).second) continue;
    const bool overdue = *task.last_day < as_of;
    if (!overdue && *task.last_day > window_end(as_of, rules.within, calendar_of(task, calendars))) {
      continue;
    }
    Digest& digest = digest_of(by_unit, task, unit_by_key);
    (overdue ? digest.overdue : digest.due_soon).push_back(measure(task, as_of, calendars));
  }
  return by_unit;
}

// The latest first among overdue rows, the soonest first among the others.
void sort_rows(Digest& digest) {
  std::stable_sort(digest.overdue.begin(), digest.overdue.end(), [](const TaskRow& a, const TaskRow& b) {
    return std::forward_as_tuple(b.days_late, a.task.inspection, a.task.key, a.task.period) <
           std::forward_as_tuple(a.days_late, b.task.inspection, b.task.key, b.task.period);
  });
  std::stable_sort(digest.due_soon.begin(), digest.due_soon.end(), [](const TaskRow& a, const TaskRow& b) {
    return std::forward_as_tuple(*a.task.last_day, a.task.inspection, a.task.key, a.task.period) <
           std::forward_as_tuple(*b.task.last_day, b.task.inspection, b.task.key, b.task.period);
  });
  std::stable_sort(
      digest.undated.begin(), digest.undated.end(), [](const UndatedRow& a, const UndatedRow& b) {
        return std::forward_as_tuple(b.working_days, a.task.inspection, a.task.key, a.task.period) <
               std::forward_as_tuple(a.working_days, b.task.inspection, b.task.key, b.task.period);
      });
}

// Who is copied: each unit a task reports to, and the parent for a task late beyond
// the limit. Kept by key, so a unit copied for both reasons appears once.
void add_copies(Digest& digest, const UnitsByKey& unit_by_key, const ReminderRules& rules) {
  std::map<std::string, CopiedUnit> copies;
  std::set<std::string> without_address;
  const auto copy = [&](const std::string& unit_key, bool report_to, bool escalation) {
    if (unit_key == digest.unit.key) return;
    const auto found = unit_by_key.find(unit_key);
    if (found == unit_by_key.end() || found->second->emails.empty()) {
      without_address.insert(unit_key);
      return;
    }
    CopiedUnit& c = copies[unit_key];
    c.unit = *found->second;
    c.report_to = c.report_to || report_to;
    c.escalation = c.escalation || escalation;
  };
  if (rules.cc_report_to) {
    for (const auto* rows : {&digest.overdue, &digest.due_soon}) {
      for (const auto& r : *rows) {
        if (r.task.report_to) copy(*r.task.report_to, true, false);
      }
    }
    for (const auto& r : digest.undated) {
      if (r.task.report_to) copy(*r.task.report_to, true, false);
    }
  }
  if (rules.escalate_after) {
    for (const auto& r : digest.overdue) {
      if (lateness(r, rules) > *rules.escalate_after) digest.escalated.push_back(r.task.id);
    }
    if (!digest.escalated.empty()) {
      if (digest.unit.parent) {
        copy(*digest.unit.parent, false, true);
      } else {
        digest.escalation_without_parent = true;
      }
    }
  }
  for (auto& [k, c] : copies) digest.copies.push_back(std::move(c));
  digest.copies_without_address.assign(without_address.begin(), without_address.end());
}

}  // namespace

std::optional<UndatedRow> undated_owed(const UndatedTask& undated, model::Date as_of,
                                       const ReminderRules& rules,
                                       const calendar::CalendarRegistry& calendars,
                                       const std::vector<model::Reminder>& earlier,
                                       const InFlight& in_flight) {
  const model::Task& task = undated.task;
  if (rules.undated_after <= 0 || !task.is_open() || task.last_day || is_series_rule(task))
    return std::nullopt;
  if (!(undated.since < as_of)) return std::nullopt;
  const int open = calendar_of(task, calendars).working_days_between(undated.since, as_of);
  if (open <= rules.undated_after) return std::nullopt;
  const model::Date week_start = as_of.plus_days(1 - kUndatedEveryDays);
  for (const auto& r : earlier) {
    if (r.day < week_start || !(r.day < as_of) || !counts(r, in_flight)) continue;
    for (const auto& t : r.tasks) {
      if (t.task_id == task.id) return std::nullopt;
    }
  }
  return UndatedRow{task, undated.since, open};
}

std::vector<Digest> plan_reminders(const std::vector<model::Task>& open_tasks,
                                   const std::vector<model::Unit>& units,
                                   const std::vector<model::Reminder>& earlier, model::Date as_of,
                                   const ReminderRules& rules,
                                   const calendar::CalendarRegistry& calendars, const InFlight& in_flight) {
  return plan_reminders(open_tasks, {}, units, earlier, as_of, rules, calendars, in_flight);
}

std::vector<Digest> plan_reminders(const std::vector<model::Task>& open_tasks,
                                   const std::vector<UndatedTask>& undated,
                                   const std::vector<model::Unit>& units,
                                   const std::vector<model::Reminder>& earlier, model::Date as_of,
                                   const ReminderRules& rules, const calendar::CalendarRegistry& calendars,
                                   const InFlight& in_flight) {
  UnitsByKey unit_by_key;
  for (const auto& u : units) unit_by_key[u.key] = &u;

  std::map<std::string, Digest, std::less<>> by_unit =
      group_by_unit(open_tasks, unit_by_key, as_of, rules, calendars);
  for (const auto& u : undated) {
    if (auto row = undated_owed(u, as_of, rules, calendars, earlier, in_flight)) {
      digest_of(by_unit, u.task, unit_by_key).undated.push_back(std::move(*row));
    }
  }
  std::vector<Digest> out;
  out.reserve(by_unit.size());
  for (auto& [key, digest] : by_unit) {
    sort_rows(digest);
    add_copies(digest, unit_by_key, rules);
    if (digest.unit.emails.empty()) {
      digest.decision = Digest::Decision::no_address;
    } else {
      digest.decision = decide(digest, earlier, as_of, rules.force, in_flight, &digest.later_day);
    }
    out.push_back(std::move(digest));
  }
  std::stable_sort(out.begin(), out.end(), [](const Digest& a, const Digest& b) {
    return std::tie(a.unit.name, a.unit.key) < std::tie(b.unit.name, b.unit.key);
  });
  return out;
}

Digest::Decision decide(const Digest& digest, const std::vector<model::Reminder>& earlier,
                        model::Date as_of, bool force, const InFlight& in_flight,
                        std::optional<model::Date>* later_day) {
  if (force) return Digest::Decision::send;
  std::set<Listed> covered;
  std::optional<model::Date> latest;
  for (const auto& r : earlier) {
    if (r.unit != digest.unit.key) continue;
    // An unconfirmed reminder may never have gone out: it says nothing was sent.
    if (!counts(r, in_flight)) continue;
    if (as_of < r.day && (!latest || *latest < r.day)) latest = r.day;
    if (r.day != as_of) continue;
    for (const auto& t : r.tasks) {
      if (t.task_id) covered.emplace(*t.task_id, t.last_day);
    }
  }
  if (latest) {
    if (later_day != nullptr) *later_day = latest;
    return Digest::Decision::later_day;
  }
  const auto wanted = listed(digest);
  const bool all_covered = std::all_of(wanted.begin(), wanted.end(),
                                       [&](const auto& item) { return covered.contains(item); });
  return all_covered ? Digest::Decision::already_sent : Digest::Decision::send;
}

std::vector<model::RemindedTask> reminded_tasks(const Digest& digest, const ReminderRules& rules) {
  std::vector<model::RemindedTask> out;
  for (const auto* rows : {&digest.overdue, &digest.due_soon}) {
    for (const auto& r : *rows) {
      model::RemindedTask t;
      t.task_id = r.task.id;
      t.task_key = r.task.full_key();
      t.state =
          rows == &digest.overdue ? model::RemindedTask::State::overdue : model::RemindedTask::State::due;
      t.last_day = *r.task.last_day;
      t.days_late = lateness(r, rules);
      t.escalated = std::find(digest.escalated.begin(), digest.escalated.end(), r.task.id) !=
                    digest.escalated.end();
      out.push_back(std::move(t));
    }
  }
  for (const auto& r : digest.undated) {
    model::RemindedTask t;
    t.task_id = r.task.id;
    t.task_key = r.task.full_key();
    t.state = model::RemindedTask::State::undated;
    out.push_back(std::move(t));
  }
  return out;
}

std::string_view to_string(ReminderResult::Result result) {
  switch (result) {
    case ReminderResult::Result::sent: return "sent";
    case ReminderResult::Result::resent: return "resent";
    case ReminderResult::Result::dry_run: return "dry-run";
    case ReminderResult::Result::resend: return "resend";
    case ReminderResult::Result::already_sent: return "already-sent";
    case ReminderResult::Result::later_day: return "later-day";
    case ReminderResult::Result::no_address: return "no-address";
    case ReminderResult::Result::failed: return "failed";
  }
  return "failed";
}

}  // namespace inspectrack::report
