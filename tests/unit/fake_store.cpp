#include "fake_store.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace test_support {

using inspectrack::calendar::CalendarSpec;
using inspectrack::model::Date;
using inspectrack::model::Event;
using inspectrack::model::Finding;
using inspectrack::model::Inspection;
using inspectrack::model::Task;
using inspectrack::model::Unit;
using inspectrack::storage::DateRange;
using inspectrack::storage::FindingFilter;
using inspectrack::storage::Grouping;
using inspectrack::storage::GroupName;
using inspectrack::storage::TaskFilter;
using inspectrack::storage::TaskGroup;
using inspectrack::storage::TaskSink;
using inspectrack::storage::TaskSort;
using inspectrack::storage::TaskTally;

namespace {

// An area filter takes the area itself and those under it ('tthc' takes 'tthc.x'),
// as the store's substr() comparison does.
bool area_within(const std::optional<std::string>& area, const std::string& wanted) {
  return area && (*area == wanted || area->rfind(wanted + ".", 0) == 0);
}

// The series row of a recurring task is its rule, not a task anyone owes.
bool is_series(const Task& t) { return t.repeat.has_value() && t.period.empty(); }

template <class Row>
std::optional<Row> first_where(const std::vector<Row>& rows, const std::function<bool(const Row&)>& pick) {
  const auto it = std::find_if(rows.begin(), rows.end(), pick);
  if (it == rows.end()) return std::nullopt;
  return *it;
}

}  // namespace

void FakeStore::add(Unit unit) { units_.push_back(std::move(unit)); }
void FakeStore::add(Inspection inspection) { inspections_.push_back(std::move(inspection)); }
void FakeStore::add(Finding finding) { findings_.push_back(std::move(finding)); }
void FakeStore::add(Event event) { events_.push_back(std::move(event)); }
void FakeStore::add(CalendarSpec calendar) { calendars_.push_back(std::move(calendar)); }

void FakeStore::add(Task task) {
  if (task.id == 0) task.id = static_cast<std::int64_t>(tasks_.size()) + 1;
  std::sort(task.findings.begin(), task.findings.end());
  tasks_.push_back(std::move(task));
}

std::int64_t FakeStore::unit_id(const std::string& key) const {
  for (std::size_t n = 0; n < units_.size(); ++n) {
    if (units_[n].key == key) return static_cast<std::int64_t>(n) + 1;
  }
  return 0;
}

std::int64_t FakeStore::inspection_id(const std::string& key) const {
  for (std::size_t n = 0; n < inspections_.size(); ++n) {
    if (inspections_[n].key == key) return static_cast<std::int64_t>(n) + 1;
  }
  return 0;
}

Task FakeStore::shown(const Task& task) const {
  const auto unit_named = [&](const std::string& key) {
    return first_where<Unit>(units_, [&](const Unit& u) { return u.key == key; });
  };
  Task t = task;
  if (const auto u = unit_named(t.assignee)) t.assignee_name = u->name;
  t.report_to_name.clear();
  if (t.report_to) {
    if (const auto r = unit_named(*t.report_to)) t.report_to_name = r->name;
  }
  const auto i =
      first_where<Inspection>(inspections_, [&](const Inspection& n) { return n.key == t.inspection; });
  if (i) t.inspection_title = i->title;
  return t;
}

bool FakeStore::area_matches(const Task& task, const std::string& area) const {
  return std::any_of(findings_.begin(), findings_.end(), [&](const Finding& f) {
    return f.inspection == task.inspection &&
           std::find(task.findings.begin(), task.findings.end(), f.key) != task.findings.end() &&
           area_within(f.area, area);
  });
}

bool FakeStore::matches(const Task& t, const TaskFilter& filter, const Selection& s) const {
  switch (s.range) {
    case Range::all:
      if (is_series(t)) return false;
      break;
    case Range::overdue:
      if (!t.is_open() || !t.last_day || !(*t.last_day < *s.to)) return false;
      break;
    case Range::due_between:
      if (!t.is_open() || !t.last_day || *t.last_day < *s.from || *s.to < *t.last_day) return false;
      break;
  }
  if (filter.unit && t.assignee != *filter.unit) return false;
  if (filter.inspection && t.inspection != *filter.inspection) return false;
  if (filter.report_to && t.report_to != filter.report_to) return false;
  if (filter.status && t.status != *filter.status) return false;
  if (filter.deadline.given() && !filter.deadline.contains(t.last_day)) return false;
  if (!inspection_in_ranges(t.inspection, filter.concluded, filter.dated)) return false;
  return !filter.area || area_matches(t, *filter.area);
}

bool FakeStore::inspection_in_ranges(const std::string& key, const DateRange& concluded,
                                     const DateRange& dated) const {
  if (!concluded.given() && !dated.given()) return true;
  const auto i = first_where<Inspection>(inspections_, [&](const Inspection& n) { return n.key == key; });
  return i && (!concluded.given() || concluded.contains(i->conclusion.date)) &&
         (!dated.given() || dated.contains(i->dated()));
}

std::vector<Task> FakeStore::select(const TaskFilter& filter, const Selection& s) const {
  std::vector<Task> out;
  for (const Task& t : tasks_) {
    if (matches(t, filter, s)) out.push_back(shown(t));
  }
  // The store's ORDER BY clauses; texts compare as bytes there (with no name order
  // given) and here.
  const auto last = [](const Task& t) { return std::make_pair(!t.last_day, t.last_day.value_or(Date{})); };
  const auto order = [&](const Task& t) {
    const auto tail = std::make_tuple(t.inspection, t.key, t.period);
    switch (filter.sort) {
      case TaskSort::key:
        return std::tuple_cat(std::make_tuple(std::string(), t.assignee, last(t), std::string()), tail);
      case TaskSort::deadline:
        return std::tuple_cat(
            std::make_tuple(std::string(), std::string(), last(t), t.assignee_name + '\0' + t.assignee),
            tail);
      case TaskSort::inspection:
        return std::tuple_cat(
            std::make_tuple(t.inspection, t.assignee_name + '\0' + t.assignee, last(t), std::string()), tail);
      case TaskSort::unit: break;
    }
    return std::tuple_cat(
        std::make_tuple(std::string(), t.assignee_name + '\0' + t.assignee, last(t), std::string()), tail);
  };
  // The group's terms lead.
  const auto key = [&](const Task& t) { return std::make_pair(group_order(t, filter), order(t)); };
  std::sort(out.begin(), out.end(), [&](const Task& a, const Task& b) { return key(a) < key(b); });
  return out;
}

// The store's group_order(): empty where the sort already brings a group together.
FakeStore::GroupKey FakeStore::group_order(const Task& t, const TaskFilter& filter) const {
  const bool by_key = filter.sort == TaskSort::key;
  switch (filter.group) {
    case TaskGroup::none: break;
    case TaskGroup::unit:
      if (by_key || filter.sort == TaskSort::unit) break;
      return {false, "", t.assignee_name, t.assignee};
    case TaskGroup::inspection: {
      if (by_key) return {false, "", "", t.inspection};
      const auto i =
          first_where<Inspection>(inspections_, [&](const Inspection& n) { return n.key == t.inspection; });
      const auto day = i ? i->conclusion.date : std::nullopt;
      return {!day, day ? day->iso() : "", t.inspection_title, t.inspection};
    }
    case TaskGroup::report_to:
      if (by_key) return {!t.report_to, "", "", t.report_to.value_or("")};
      return {!t.report_to, "", t.report_to_name, t.report_to.value_or("")};
  }
  return {};
}

std::vector<CalendarSpec> FakeStore::calendars() {
  std::vector<CalendarSpec> out = calendars_;
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  return out;
}

void FakeStore::add(inspectrack::model::Office office) { offices_.push_back(std::move(office)); }

std::vector<inspectrack::model::Office> FakeStore::offices() {
  std::vector<inspectrack::model::Office> out = offices_;
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  return out;
}

std::vector<Unit> FakeStore::units() {
  std::vector<Unit> out = units_;
  std::sort(out.begin(), out.end(),
            [](const Unit& a, const Unit& b) { return std::tie(a.name, a.key) < std::tie(b.name, b.key); });
  return out;
}

std::vector<Inspection> FakeStore::inspections() {
  std::vector<Inspection> out = inspections_;
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  return out;
}

bool FakeStore::finding_matches(const Finding& f, const FindingFilter& filter) const {
  return (!filter.unit || f.unit == *filter.unit) &&
         (!filter.inspection || f.inspection == *filter.inspection) &&
         (!filter.area || area_within(f.area, *filter.area)) &&
         inspection_in_ranges(f.inspection, filter.concluded, filter.dated);
}

std::vector<Finding> FakeStore::findings(const FindingFilter& filter) {
  std::vector<Finding> out;
  for (const Finding& f : findings_) {
    if (finding_matches(f, filter)) out.push_back(f);
  }
  std::sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.inspection, a.key) < std::tie(b.inspection, b.key);
  });
  return out;
}

std::vector<Task> FakeStore::tasks(const TaskFilter& filter) { return select(filter, {}); }

std::vector<Task> FakeStore::overdue(Date as_of, const TaskFilter& filter) {
  return select(filter, {Range::overdue, std::nullopt, as_of});
}

void FakeStore::each_overdue(Date as_of, const TaskFilter& filter, const TaskSink& sink) {
  for (const Task& t : select(filter, {Range::overdue, std::nullopt, as_of})) sink(t);
}

void FakeStore::each_due_between(Date from, Date to, const TaskFilter& filter, const TaskSink& sink) {
  for (const Task& t : select(filter, {Range::due_between, from, to})) sink(t);
}

void FakeStore::each_tally(Grouping by, const TaskFilter& filter,
                           const std::function<void(const TaskTally&)>& sink) {
  for (const Task& t : select(filter, {})) {
    const std::int64_t group = by == Grouping::unit ? unit_id(t.assignee) : inspection_id(t.inspection);
    sink(TaskTally{group, t.status, t.last_day, t.done_on, t.done_deadline});
  }
}

std::vector<std::pair<std::int64_t, std::int64_t>> FakeStore::finding_counts(
    Grouping by, const FindingFilter& filter) {
  std::map<std::int64_t, std::int64_t> counts;
  for (const Finding& f : findings_) {
    if (finding_matches(f, filter)) {
      ++counts[by == Grouping::unit ? unit_id(f.unit) : inspection_id(f.inspection)];
    }
  }
  return {counts.begin(), counts.end()};
}

std::vector<GroupName> FakeStore::group_names(Grouping by) {
  std::vector<GroupName> out;
  if (by == Grouping::unit) {
    for (const Unit& u : units()) out.push_back({unit_id(u.key), u.key, u.name});
  } else {
    for (const Inspection& i : inspections()) out.push_back({inspection_id(i.key), i.key, i.title});
  }
  return out;
}

bool FakeStore::any_overdue(Date as_of, const TaskFilter& filter) {
  return !overdue(as_of, filter).empty();
}

std::vector<Task> FakeStore::due_between(Date from, Date to, const TaskFilter& filter) {
  return select(filter, {Range::due_between, from, to});
}

std::optional<Task> FakeStore::task(std::int64_t id) {
  const auto found = first_where<Task>(tasks_, [&](const Task& t) { return t.id == id; });
  if (!found) return std::nullopt;
  return shown(*found);
}

std::optional<Task> FakeStore::task_by_key(const std::string& key_or_prefix) {
  for (const Task& t : tasks_) {
    if (t.full_key() == key_or_prefix) return shown(t);
  }
  if (key_or_prefix.empty()) return std::nullopt;
  std::vector<Task> found;
  for (const Task& t : tasks_) {
    if (!is_series(t) && t.full_key().rfind(key_or_prefix, 0) == 0) found.push_back(t);
  }
  if (found.size() != 1) return std::nullopt;
  return shown(found.front());
}

FakeStore::KeyMatches FakeStore::task_keys_with_prefix(const std::string& prefix, std::size_t limit) {
  std::vector<std::string> keys;
  for (const Task& t : tasks_) {
    if (!is_series(t) && t.full_key().rfind(prefix, 0) == 0) keys.push_back(t.full_key());
  }
  std::sort(keys.begin(), keys.end());
  KeyMatches matches;
  matches.count = keys.size();
  keys.resize(std::min(keys.size(), limit));
  matches.keys = std::move(keys);
  return matches;
}

std::optional<Unit> FakeStore::unit(const std::string& key) {
  return first_where<Unit>(units_, [&](const Unit& u) { return u.key == key; });
}

std::optional<Inspection> FakeStore::inspection(const std::string& key) {
  return first_where<Inspection>(inspections_, [&](const Inspection& i) { return i.key == key; });
}

std::optional<Finding> FakeStore::finding(const std::string& inspection, const std::string& key) {
  return first_where<Finding>(
      findings_, [&](const Finding& f) { return f.inspection == inspection && f.key == key; });
}

std::vector<Event> FakeStore::events(std::optional<std::int64_t> task_id) {
  std::vector<Event> out;
  for (const Event& e : events_) {
    if (!task_id || e.task_id == *task_id) out.push_back(e);
  }
  return out;
}

std::vector<Event> FakeStore::events_for(const std::string& entity, const std::string& key) {
  std::vector<Event> out;
  for (const Event& e : events_) {
    if (e.entity == entity && e.key == key && e.task_id == 0) out.push_back(e);
  }
  return out;
}

}  // namespace test_support
