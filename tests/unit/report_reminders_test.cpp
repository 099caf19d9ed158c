#include <doctest/doctest.h>

#include "inspectrack/report/reminders.hpp"

using namespace inspectrack;
using model::Date;
using model::Status;
using model::Task;
using model::Unit;
using report::Digest;
using Decision = report::Digest::Decision;

namespace {
Date d(const char* s) { return *model::parse_date(s).date; }

// "vn" with weekends only, and "tet" with 10-16/2/2021 off.
const calendar::CalendarRegistry& calendars() {
  static const calendar::CalendarRegistry registry = [] {
    calendar::CalendarRegistry r;
    calendar::CalendarSpec vn;
    vn.key = "vn";
    r.add(vn);
    calendar::CalendarSpec tet;
    tet.key = "tet";
    calendar::YearSpec y;
    y.year = 2021;
    y.source = "test";
    for (int day = 10; day <= 16; ++day) {
      y.days_off.push_back({*Date::from_ymd(2021, 2, day), calendar::DayKind::holiday, "Tết", false});
    }
    tet.years.push_back(y);
    r.add(tet);
    return r;
  }();
  return registry;
}

std::int64_t next_id = 1;

// No reminder recorded 'sending' is in flight: each is unconfirmed.
const report::InFlight kNoneInFlight = [](const model::Reminder&) { return false; };

Task task(const char* key, const char* assignee, std::optional<Date> last_day,
          Status status = Status::open) {
  Task t;
  t.id = next_id++;
  t.inspection = "insp";
  t.key = key;
  t.assignee = assignee;
  t.assignee_name = std::string("UBND xã ") + assignee;
  t.last_day = last_day;
  t.status = status;
  return t;
}

Unit unit(const char* key, const char* name, std::vector<std::string> emails,
          std::optional<std::string> parent = "chu-prong") {
  Unit u;
  u.key = key;
  u.name = name;
  u.kind = model::UnitKind::commune;
  u.emails = std::move(emails);
  u.parent = std::move(parent);
  return u;
}

std::vector<Unit> units() {
  return {unit("bau-can", "UBND xã Bàu Cạn", {"baucan@example.vn"}),
          unit("ia-me", "UBND xã Ia Me", {"iame@example.vn"}),
          unit("ia-o", "UBND xã Ia O", {}),
          unit("chu-prong", "UBND huyện Chư Prông", {"chuprong@example.vn"}, "gia-lai"),
          unit("noi-vu", "Phòng Nội vụ", {"noivu@example.vn"}, "chu-prong"),
          unit("van-phong", "Văn phòng", {}, "chu-prong"),
          unit("gia-lai", "UBND tỉnh Gia Lai", {"gialai@example.vn"}, std::nullopt)};
}

std::vector<std::string> keys_of(const std::vector<report::TaskRow>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.task.key);
  return out;
}

model::Reminder sent(const char* unit_key, Date day, const std::vector<const Task*>& tasks) {
  model::Reminder r;
  r.unit = unit_key;
  r.day = day;
  r.status = model::Reminder::Status::sent;
  for (const Task* t : tasks) {
    model::RemindedTask rt;
    rt.task_id = t->id;
    rt.task_key = t->full_key();
    rt.last_day = *t->last_day;
    r.tasks.push_back(rt);
  }
  return r;
}

}  // namespace

TEST_CASE("window_end: the within-th working day after as_of") {
  const auto& vn = *calendars().find("vn");
  CHECK(report::window_end(d("2021-07-23"), 3, vn) == d("2021-07-28"));  // Fri → Wed
  CHECK(report::window_end(d("2021-07-23"), 0, vn) == d("2021-07-23"));
  CHECK(report::window_end(d("2021-02-08"), 3, *calendars().find("tet")) == d("2021-02-18"));
  CHECK(report::widest_window_end(d("2021-02-08"), 3, calendars()) == d("2021-02-18"));
  CHECK(report::widest_window_end(d("2021-07-23"), 3, calendars()) == d("2021-07-28"));
}

TEST_CASE("plan_reminders: one digest per unit, overdue and due soon, nothing else") {
  const Date as_of = d("2021-07-23");  // a Friday
  const std::vector<Task> tasks = {
      task("late-1", "bau-can", d("2021-07-22")),                    // 1 day late
      task("late-5", "bau-can", d("2021-07-16")),                    // 5 working days late
      task("today", "bau-can", d("2021-07-23")),                     // due today: due soon
      task("wed", "bau-can", d("2021-07-28")),                       // 3rd working day: due soon
      task("thu", "bau-can", d("2021-07-29")),                       // 4th: not yet
      task("done", "bau-can", d("2021-07-01"), Status::done),        // done: never
      task("cancelled", "ia-me", d("2021-07-01"), Status::cancelled),
      task("none", "ia-me", std::nullopt),                           // no deadline: never
      task("me", "ia-me", d("2021-07-26")),                          // Monday: due soon
  };
  const auto digests = report::plan_reminders(tasks, units(), {}, as_of, {}, calendars(), kNoneInFlight);
  REQUIRE(digests.size() == 2);
  CHECK(digests[0].unit.key == "bau-can");  // ordered by name: Bàu Cạn, Ia Me
  CHECK(keys_of(digests[0].overdue) == std::vector<std::string>{"late-5", "late-1"});
  CHECK(keys_of(digests[0].due_soon) == std::vector<std::string>{"today", "wed"});
  CHECK(digests[0].decision == Decision::send);
  CHECK(digests[0].copies.empty());
  CHECK(digests[1].unit.key == "ia-me");
  CHECK(digests[1].overdue.empty());
  CHECK(keys_of(digests[1].due_soon) == std::vector<std::string>{"me"});

  SUBCASE("--within 0: due today only") {
    report::ReminderRules rules;
    rules.within = 0;
    const auto only_today = report::plan_reminders(tasks, units(), {}, as_of, rules, calendars(), kNoneInFlight);
    REQUIRE(only_today.size() == 1);
    CHECK(keys_of(only_today[0].due_soon) == std::vector<std::string>{"today"});
  }
}

TEST_CASE("plan_reminders: the window follows each task's calendar") {
  Task tet = task("tet", "bau-can", d("2021-02-18"));
  tet.calendar = "tet";
  Task plain = task("plain", "ia-me", d("2021-02-18"));  // vn: weekends only
  const auto digests = report::plan_reminders({tet, plain}, units(), {}, d("2021-02-08"), {}, calendars(), kNoneInFlight);
  REQUIRE(digests.size() == 1);
  CHECK(digests[0].unit.key == "bau-can");
}

TEST_CASE("plan_reminders: a recurring task's rule is not reminded of, its occurrences are") {
  Task rule = task("quarterly", "bau-can", d("2021-07-20"));
  rule.repeat = model::Repeat{};
  Task occurrence = rule;
  occurrence.id = next_id++;
  occurrence.period = "2021-Q3";
  const auto digests = report::plan_reminders({rule, occurrence}, units(), {}, d("2021-07-23"), {}, calendars(), kNoneInFlight);
  REQUIRE(digests.size() == 1);
  REQUIRE(digests[0].overdue.size() == 1);
  CHECK(digests[0].overdue[0].task.period == "2021-Q3");
}

TEST_CASE("plan_reminders: a unit without an address is reported, not skipped") {
  const auto digests = report::plan_reminders({task("x", "ia-o", d("2021-07-20"))}, units(), {},
                                              d("2021-07-23"), {}, calendars(), kNoneInFlight);
  REQUIRE(digests.size() == 1);
  CHECK(digests[0].decision == Decision::no_address);
  CHECK(digests[0].overdue.size() == 1);

  SUBCASE("an assignee missing from the registry too") {
    const auto missing = report::plan_reminders({task("x", "ghost", d("2021-07-20"))}, units(), {},
                                                d("2021-07-23"), {}, calendars(), kNoneInFlight);
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].unit.key == "ghost");
    CHECK(missing[0].unit.name == "UBND xã ghost");
    CHECK(missing[0].decision == Decision::no_address);
  }
}

TEST_CASE("plan_reminders: copies to the report-to unit and escalation to the parent") {
  Task a = task("a", "bau-can", d("2021-07-22"));  // 1 working day late on 23/7
  a.report_to = "noi-vu";
  Task b = task("b", "bau-can", d("2021-07-12"));  // 9 working days late
  b.report_to = "van-phong";                       // no address
  Task c = task("c", "bau-can", d("2021-07-26"));  // due soon, reports to the assignee itself
  c.report_to = "bau-can";
  const std::vector<Task> tasks{a, b, c};
  const Date as_of = d("2021-07-23");

  SUBCASE("without the options nobody is copied") {
    const auto digests = report::plan_reminders(tasks, units(), {}, as_of, {}, calendars(), kNoneInFlight);
    REQUIRE(digests.size() == 1);
    CHECK(digests[0].copies.empty());
    CHECK(digests[0].copies_without_address.empty());
    CHECK(digests[0].escalated.empty());
  }
  SUBCASE("--cc-report-to") {
    report::ReminderRules rules;
    rules.cc_report_to = true;
    const auto digests = report::plan_reminders(tasks, units(), {}, as_of, rules, calendars(), kNoneInFlight);
    REQUIRE(digests[0].copies.size() == 1);
    CHECK(digests[0].copies[0].unit.key == "noi-vu");
    CHECK(digests[0].copies[0].report_to);
    CHECK_FALSE(digests[0].copies[0].escalation);
    CHECK(digests[0].copies_without_address == std::vector<std::string>{"van-phong"});
  }
  SUBCASE("--escalate-after 5: working days by default, more than N") {
    report::ReminderRules rules;
    rules.escalate_after = 5;
    const auto digests = report::plan_reminders(tasks, units(), {}, as_of, rules, calendars(), kNoneInFlight);
    REQUIRE(digests[0].copies.size() == 1);
    CHECK(digests[0].copies[0].unit.key == "chu-prong");
    CHECK(digests[0].copies[0].escalation);
    CHECK(digests[0].escalated == std::vector<std::int64_t>{b.id});

    rules.escalate_after = 9;  // 9 is not more than 9
    CHECK(report::plan_reminders(tasks, units(), {}, as_of, rules, calendars(), kNoneInFlight)[0].copies.empty());
    rules.working_days = false;  // 11 calendar days
    CHECK(report::plan_reminders(tasks, units(), {}, as_of, rules, calendars(), kNoneInFlight)[0].copies.size() == 1);
  }
  SUBCASE("a unit copied for both reasons appears once") {
    Task late = task("late", "noi-vu", d("2021-07-01"));
    late.report_to = "chu-prong";
    report::ReminderRules rules;
    rules.cc_report_to = true;
    rules.escalate_after = 3;
    const auto digests = report::plan_reminders({late}, units(), {}, as_of, rules, calendars(), kNoneInFlight);
    REQUIRE(digests[0].copies.size() == 1);
    CHECK(digests[0].copies[0].report_to);
    CHECK(digests[0].copies[0].escalation);
  }
  SUBCASE("escalation without a parent is said") {
    Task late = task("late", "gia-lai", d("2021-07-01"));
    report::ReminderRules rules;
    rules.escalate_after = 3;
    const auto digests = report::plan_reminders({late}, units(), {}, as_of, rules, calendars(), kNoneInFlight);
    CHECK(digests[0].escalation_without_parent);
    CHECK(digests[0].copies.empty());
  }
}

TEST_CASE("the once-a-day rule") {
  const Date as_of = d("2021-07-23");
  const Task a = task("a", "bau-can", d("2021-07-22"));
  const Task b = task("b", "bau-can", d("2021-07-26"));
  const auto plan = [&](const std::vector<Task>& tasks, const std::vector<model::Reminder>& earlier,
                        bool force = false, const report::InFlight& in_flight = kNoneInFlight) {
    report::ReminderRules rules;
    rules.force = force;
    return report::plan_reminders(tasks, units(), earlier, as_of, rules, calendars(), in_flight);
  };

  SUBCASE("the same tasks the same day: already sent; --force sends") {
    const std::vector<model::Reminder> earlier{sent("bau-can", as_of, {&a, &b})};
    CHECK(plan({a, b}, earlier)[0].decision == Decision::already_sent);
    CHECK(plan({a, b}, earlier, true)[0].decision == Decision::send);
  }
  SUBCASE("a reminder being sent by another run counts too") {
    auto earlier = sent("bau-can", as_of, {&a, &b});
    earlier.status = model::Reminder::Status::sending;
    const auto running = [](const model::Reminder&) { return true; };
    CHECK(plan({a, b}, {earlier}, false, running)[0].decision == Decision::already_sent);
  }
  SUBCASE("one left unconfirmed by a run that stopped does not: it may never have gone out") {
    auto earlier = sent("bau-can", as_of, {&a, &b});
    earlier.status = model::Reminder::Status::sending;
    CHECK(plan({a, b}, {earlier})[0].decision == Decision::send);
    // in_flight is asked about that reminder, and only about 'sending' ones.
    std::vector<std::int64_t> asked;
    auto confirmed = sent("bau-can", as_of, {&a});
    confirmed.id = 7;
    earlier.id = 8;
    const auto ask = [&](const model::Reminder& r) {
      asked.push_back(r.id);
      return false;
    };
    CHECK(plan({a, b}, {confirmed, earlier}, false, ask)[0].decision == Decision::send);
    CHECK(asked == std::vector<std::int64_t>{8});
    // The sent one alone still covers what it listed.
    CHECK(plan({a}, {confirmed, earlier})[0].decision == Decision::already_sent);
  }
  SUBCASE("an unconfirmed reminder for a later day does not make this day past") {
    auto later = sent("bau-can", d("2021-07-26"), {&a});
    later.status = model::Reminder::Status::sending;
    CHECK(plan({a, b}, {later})[0].decision == Decision::send);
    const auto running = [](const model::Reminder&) { return true; };
    CHECK(plan({a, b}, {later}, false, running)[0].decision == Decision::later_day);
  }
  SUBCASE("decide, as a claim asks it under the write lock") {
    const auto digests = plan({a, b}, {});
    REQUIRE(digests.size() == 1);
    auto claimed = sent("bau-can", as_of, {&a, &b});
    claimed.status = model::Reminder::Status::sending;
    const auto running = [](const model::Reminder&) { return true; };
    CHECK(report::decide(digests[0], {claimed}, as_of, false, running) == Decision::already_sent);
    CHECK(report::decide(digests[0], {claimed}, as_of, false, kNoneInFlight) == Decision::send);
    CHECK(report::decide(digests[0], {claimed}, as_of, true, running) == Decision::send);
  }
  SUBCASE("a task dropped out since (done or extended away): still nothing new to say") {
    CHECK(plan({a}, {sent("bau-can", as_of, {&a, &b})})[0].decision == Decision::already_sent);
  }
  SUBCASE("a new task, or a new deadline, the same day: a new digest") {
    CHECK(plan({a, b}, {sent("bau-can", as_of, {&a})})[0].decision == Decision::send);
    Task moved = b;
    moved.last_day = d("2021-07-27");
    CHECK(plan({a, moved}, {sent("bau-can", as_of, {&a, &b})})[0].decision == Decision::send);
  }
  SUBCASE("yesterday's reminder does not stop today's") {
    CHECK(plan({a, b}, {sent("bau-can", d("2021-07-22"), {&a, &b})})[0].decision == Decision::send);
  }
  SUBCASE("another unit's reminder does not count") {
    CHECK(plan({a, b}, {sent("ia-me", as_of, {&a, &b})})[0].decision == Decision::send);
  }
  SUBCASE("a reminder for a later day: this day is past, no pile of catch-up mail") {
    const auto digests = plan({a, b}, {sent("bau-can", d("2021-07-26"), {&a})});
    CHECK(digests[0].decision == Decision::later_day);
    CHECK(digests[0].later_day == d("2021-07-26"));
    CHECK(plan({a, b}, {sent("bau-can", d("2021-07-26"), {&a})}, true)[0].decision == Decision::send);
  }
}

TEST_CASE("undated_owed: open with no deadline more than N working days, at most once a week") {
  // Set on Thursday 1 July 2021; 10 working days later is Thursday 15 July.
  const report::UndatedTask open{task("khan-truong", "bau-can", std::nullopt), d("2021-07-01")};
  report::ReminderRules rules;  // undated_after 10
  const auto owed = [&](const report::UndatedTask& u, const char* day,
                        const std::vector<model::Reminder>& earlier = {},
                        const report::InFlight& in_flight = kNoneInFlight) {
    return report::undated_owed(u, d(day), rules, calendars(), earlier, in_flight);
  };
  SUBCASE("more than N working days since it was set, not N") {
    CHECK_FALSE(owed(open, "2021-07-15").has_value());
    const auto row = owed(open, "2021-07-16");
    REQUIRE(row.has_value());
    CHECK(row->working_days == 11);
    CHECK(row->since == d("2021-07-01"));
  }
  SUBCASE("counted in the task's calendar") {
    report::UndatedTask tet = open;
    tet.task.calendar = "tet";
    tet.since = d("2021-02-05");                       // a Friday; 10-16 February off
    CHECK_FALSE(owed(tet, "2021-02-26").has_value());  // 10 working days
    CHECK(owed(tet, "2021-03-01").has_value());        // 11
  }
  SUBCASE("0 turns it off; a task done, with a deadline, or a recurring rule is not owed") {
    rules.undated_after = 0;
    CHECK_FALSE(owed(open, "2021-12-31").has_value());
    rules.undated_after = 10;
    report::UndatedTask other = open;
    other.task.status = Status::done;
    CHECK_FALSE(owed(other, "2021-12-31").has_value());
    other = open;
    other.task.last_day = d("2021-12-31");
    CHECK_FALSE(owed(other, "2021-12-01").has_value());
    other = open;
    other.task.repeat = model::Repeat{};
    CHECK_FALSE(owed(other, "2021-12-01").has_value());
  }
  SUBCASE("a reminder that listed it in the 6 days before keeps it out; on the 7th it is owed again") {
    model::Reminder listed;
    listed.unit = "bau-can";
    listed.day = d("2021-07-16");
    listed.status = model::Reminder::Status::sent;
    model::RemindedTask rt;
    rt.task_id = open.task.id;
    rt.task_key = open.task.full_key();
    rt.state = model::RemindedTask::State::undated;
    listed.tasks.push_back(rt);
    CHECK_FALSE(owed(open, "2021-07-19", {listed}).has_value());
    CHECK_FALSE(owed(open, "2021-07-22", {listed}).has_value());
    CHECK(owed(open, "2021-07-23", {listed}).has_value());
    // An unconfirmed reminder may never have gone out; one in flight counts.
    listed.status = model::Reminder::Status::sending;
    CHECK(owed(open, "2021-07-19", {listed}).has_value());
    CHECK_FALSE(owed(open, "2021-07-19", {listed}, [](const model::Reminder&) { return true; }).has_value());
  }
}

TEST_CASE(
    "plan_reminders: undated tasks owed a reminder go in their unit's digest, a digest of their own if need "
    "be") {
  const Date as_of = d("2021-07-23");
  const Task late = task("late", "bau-can", d("2021-07-20"));
  const report::UndatedTask a{task("a", "bau-can", std::nullopt), d("2021-07-01")};
  const report::UndatedTask b{task("b", "bau-can", std::nullopt), d("2021-06-01")};
  report::UndatedTask alone{task("alone", "ia-me", std::nullopt), d("2021-07-01")};
  alone.task.report_to = "noi-vu";
  const report::UndatedTask recent{task("recent", "ia-me", std::nullopt), d("2021-07-20")};
  report::ReminderRules rules;
  rules.cc_report_to = true;
  const auto digests = report::plan_reminders({late}, {a, b, alone, recent}, units(), {}, as_of, rules,
                                              calendars(), kNoneInFlight);
  REQUIRE(digests.size() == 2);
  CHECK(digests[0].unit.key == "bau-can");
  CHECK(keys_of(digests[0].overdue) == std::vector<std::string>{"late"});
  REQUIRE(digests[0].undated.size() == 2);
  CHECK(digests[0].undated[0].task.key == "b");  // the longest open first
  CHECK(digests[1].unit.key == "ia-me");
  REQUIRE(digests[1].undated.size() == 1);
  CHECK(digests[1].undated[0].task.key == "alone");
  CHECK(digests[1].overdue.empty());
  REQUIRE(digests[1].copies.size() == 1);
  CHECK(digests[1].copies[0].unit.key == "noi-vu");
  // The same day again: the reminder that listed them counts for the once-a-day rule.
  model::Reminder today;
  today.unit = "ia-me";
  today.day = as_of;
  today.status = model::Reminder::Status::sent;
  model::RemindedTask rt;
  rt.task_id = alone.task.id;
  rt.state = model::RemindedTask::State::undated;
  today.tasks.push_back(rt);
  const auto again =
      report::plan_reminders({}, {alone}, units(), {today}, as_of, rules, calendars(), kNoneInFlight);
  REQUIRE(again.size() == 1);
  CHECK(again[0].decision == Decision::already_sent);
}

TEST_CASE("reminded_tasks: what the database keeps") {
  Task a = task("a", "bau-can", d("2021-07-12"));
  a.period = "";
  const Task b = task("b", "bau-can", d("2021-07-26"));
  report::ReminderRules rules;
  rules.escalate_after = 5;
  const auto digests = report::plan_reminders({a, b}, units(), {}, d("2021-07-23"), rules, calendars(), kNoneInFlight);
  const auto record = report::reminded_tasks(digests[0], rules);
  REQUIRE(record.size() == 2);
  CHECK(record[0].task_id == a.id);
  CHECK(record[0].task_key == "insp/a@bau-can");
  CHECK(record[0].state == model::RemindedTask::State::overdue);
  CHECK(record[0].days_late == 9);
  CHECK(record[0].escalated);
  CHECK(record[0].last_day == d("2021-07-12"));
  CHECK(record[1].state == model::RemindedTask::State::due);
  CHECK(record[1].days_late == 0);
  CHECK_FALSE(record[1].escalated);
}

TEST_CASE("reminded_tasks: an undated task is kept with no deadline, so that its week can be counted") {
  const Task late = task("late", "bau-can", d("2021-07-20"));
  const report::UndatedTask open{task("khan-truong", "bau-can", std::nullopt), d("2021-07-01")};
  const report::ReminderRules rules;
  const auto digests =
      report::plan_reminders({late}, {open}, units(), {}, d("2021-07-23"), rules, calendars(), kNoneInFlight);
  REQUIRE(digests.size() == 1);
  const auto record = report::reminded_tasks(digests[0], rules);
  REQUIRE(record.size() == 2);
  CHECK(record[1].task_id == open.task.id);
  CHECK(record[1].task_key == "insp/khan-truong@bau-can");
  CHECK(record[1].state == model::RemindedTask::State::undated);
  CHECK_FALSE(record[1].last_day.has_value());
  CHECK(record[1].days_late == 0);
  CHECK_FALSE(record[1].escalated);
  // What it records keeps it out of the next 6 days' reminders, and out of today's again.
  model::Reminder kept;
  kept.unit = "bau-can";
  kept.day = d("2021-07-23");
  kept.status = model::Reminder::Status::sent;
  kept.tasks = record;
  CHECK_FALSE(report::undated_owed(open, d("2021-07-29"), rules, calendars(), {kept}, kNoneInFlight));
  CHECK(report::undated_owed(open, d("2021-07-30"), rules, calendars(), {kept}, kNoneInFlight));
  const auto again = report::plan_reminders({late}, {open}, units(), {kept}, d("2021-07-23"), rules,
                                            calendars(), kNoneInFlight);
  CHECK(again[0].decision == Decision::already_sent);
}

TEST_CASE("ReminderResult names are stable") {
  using R = report::ReminderResult::Result;
  CHECK(report::to_string(R::sent) == "sent");
  CHECK(report::to_string(R::dry_run) == "dry-run");
  CHECK(report::to_string(R::already_sent) == "already-sent");
  CHECK(report::to_string(R::later_day) == "later-day");
  CHECK(report::to_string(R::no_address) == "no-address");
  CHECK(report::to_string(R::failed) == "failed");
}
