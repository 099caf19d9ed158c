#include "inspectrack/import/resolve.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "field_reader.hpp"
#include "inspectrack/calendar/deadline.hpp"
#include "inspectrack/text/slug.hpp"
#include "inspectrack/text/suggest.hpp"
#include "inspectrack/text/utf8.hpp"
#include "inspectrack/text/visible.hpp"

namespace inspectrack::import {

namespace {

// The file a record came from, as the database keeps it: the path as given, but never
// refused for its bytes (the file was read fine), so a name that is not UTF-8 or holds
// control characters, a line feed included, is kept with them shown as escapes.
std::string stored_path(std::string_view path) { return text::visible(path, text::Lf::escape); }

// A unit defined in one of the files: the first definition of its key.
struct FileUnit {
  UnitEntry entry;
  std::string path;      // of its file
  std::size_t doc = 0;   // which document of the import (0, 1, …)
};

// An office defined in one of the files.
struct FileOffice {
  OfficeDocument doc;
  std::string path;      // of its file
  bool partial = false;  // its file had an error: it may differ for that error alone
};

// Where an inspection or calendar was first defined.
struct Definition {
  std::string path;
  int line = 0;
  std::size_t index = 0;  // calendars: its place in calendar_plans_
};

}  // namespace

// Resolves one document at a time; the problems of each stage are kept apart and
// reported in the order resolve() has always reported them: units defined twice,
// unknown parents and cycles, calendars defined twice, then each inspection's.
class StreamResolver::Impl {
 public:
  Impl(const ResolveContext& context, Scope scope)
      : scope_(scope),
        limits_(context.limits),
        calendars_(context.calendars),
        default_calendar_(context.default_calendar) {
    // Storage gives them in key order: each goes in at the end, without a search.
    for (const model::Unit& unit : context.known_units) units_.emplace_hint(units_.end(), unit.key, unit);
    for (const model::Office& office : context.known_offices) known_offices_.emplace(office.key, office);
  }

  bool changes_definitions(const Document& doc) const;
  void define(const Document& doc);
  Step next(const Document& doc);
  std::optional<Definitions> remaining();
  void report(Diagnostics& diags) const;
  bool failed() const {
    return !unit_diags_.empty() || !parent_diags_.empty() || !calendar_diags_.empty() ||
           !office_diags_.empty() || !inspection_diags_.empty();
  }

 private:
  // Problems found while resolving inspections (unknown units, findings, calendars…).
  void error(const Position& where, text::Message message) {
    inspection_diags_.error(where, std::move(message));
  }
  // For problems parse_document already reports: added only when not there yet.
  void error_once(const Position& where, const text::Message& message);

  Definitions definitions();
  std::optional<InspectionPlan> inspection(const Document& doc);
  // The units `doc` defines that were not given to store yet (each unit is stored
  // once, as when every file is resolved at once).
  std::vector<model::Unit> new_units(const Document& doc);
  void check_parents();
  void check_cycles();
  // Takes in the office `doc` defines, when it defines one.
  void define_office(const Document& doc);
  // The offices of the files, their units checked.
  std::vector<model::Office> checked_offices();
  // The office `doc` defines when it was not given to store yet.
  std::vector<model::Office> new_offices(const Document& doc);
  std::vector<model::Unit> units_parents_first() const;
  InspectionPlan resolve_inspection(const Document& doc, const InspectionDocument& insp);
  void resolve_task(const TaskEntry& entry, const InspectionDocument& insp,
                    const std::set<std::string>& findings, InspectionPlan& plan);
  std::optional<std::vector<std::string>> assignees(const Assignees& a,
                                                    const InspectionDocument& insp);
  std::optional<std::vector<std::string>> fan_out(const Assignees& a,
                                                  const InspectionDocument& insp);
  std::optional<std::vector<std::string>> task_findings(const TaskEntry& entry,
                                                        const InspectionDocument& insp,
                                                        const std::set<std::string>& findings);
  // The calendar a task uses, after checking that it exists; nullptr after an error.
  const calendar::WorkCalendar* task_calendar(const TaskEntry& entry,
                                              const InspectionDocument& insp);
  calendar::DeadlineResult last_day(const TaskEntry& entry, const model::Inspection& insp,
                                    const calendar::WorkCalendar& cal);

  // True when `ref` names a registered unit; otherwise reports why not.
  bool check_unit(const Ref& ref);
  // The units anywhere below `ancestor` (not itself), in no particular order.
  std::vector<const std::string*> below(const std::string& ancestor);
  // The indexes over units_ built when first needed after units_ changed.
  void index_children();
  void index_names();
  // Whether `count` more tracked tasks holding `text` bytes each stay within the
  // limits of one inspection; reports the task that goes over (once) when not.
  bool within_task_limits(const TaskEntry& entry, std::size_t count, std::size_t text);

  Scope scope_;
  Limits limits_;
  calendar::CalendarRegistry calendars_;
  std::string default_calendar_;
  Diagnostics unit_diags_, parent_diags_, calendar_diags_, office_diags_, inspection_diags_;

  std::size_t docs_ = 0;              // documents defined so far
  std::vector<FileUnit> file_units_;  // first definition of each key, file order
  std::map<std::string, std::size_t> file_unit_index_;
  std::map<std::string, model::Unit> units_;        // known units, edited by the files
  // Each unit's children, by key: a fan-out walks its parent's subtree, not every unit
  // (a national registry has some 14,000 units, a district's subtree a few dozen).
  std::unordered_map<std::string, std::vector<const std::string*>> children_;
  bool children_stale_ = true;
  // Only for messages: NFC name → key, and every key for suggestions.
  std::map<std::string, std::string> key_by_name_;
  std::vector<std::string> unit_keys_;
  bool names_stale_ = true;
  std::vector<CalendarPlan> calendar_plans_;
  std::map<std::string, Definition> calendars_seen_;
  std::map<std::string, Definition> inspections_seen_;
  std::size_t tracked_tasks_ = 0;   // tracked tasks of this inspection, series counted once
  std::size_t tracked_text_ = 0;    // the bytes of text they hold
  bool over_task_limits_ = false;   // reported: plan no more tasks
  // The inspection's file had errors (Document::partial): a date or scope it wrote
  // may be missing, and what they would decide is left unjudged rather than wrong.
  bool partial_ = false;
  bool defined_ = false;             // the definitions were given: inspections follow
  std::set<std::string> given_units_;  // the keys of the units given to store
  std::map<std::string, model::Office> known_offices_;  // from the database
  std::vector<FileOffice> file_offices_;                // first definition of each key, file order
  std::set<std::string> given_offices_;                 // the keys of the offices given to store
};

namespace {

bool same_place(const Diagnostic& d, const Position& where, const text::Message& message) {
  return d.where.file == where.file && d.where.line == where.line &&
         d.where.column == where.column && d.message == message;
}

}  // namespace

void StreamResolver::Impl::error_once(const Position& where, const text::Message& message) {
  for (const Diagnostics* list :
       {&unit_diags_, &parent_diags_, &calendar_diags_, &office_diags_, &inspection_diags_}) {
    for (const Diagnostic& d : list->list()) {
      if (same_place(d, where, message)) return;
    }
  }
  error(where, message);
}

bool StreamResolver::Impl::changes_definitions(const Document& doc) const {
  for (const UnitEntry& entry : doc.units) {
    if (entry.unit.key.empty()) continue;
    const auto it = units_.find(entry.unit.key);
    if (it == units_.end() || !(it->second == entry.unit)) return true;
  }
  if (doc.calendar) {
    const auto it = calendars_seen_.find(doc.calendar->spec.key);
    if (it == calendars_seen_.end() || !(calendar_plans_[it->second.index].spec == doc.calendar->spec)) {
      return true;
    }
  }
  if (doc.office) {
    const model::Office& office = doc.office->office;
    const auto it = known_offices_.find(office.key);
    if (it == known_offices_.end() || !(it->second == office)) return true;
  }
  return false;
}

void StreamResolver::Impl::define_office(const Document& doc) {
  if (!doc.office) return;
  const model::Office& office = doc.office->office;
  const auto first = std::find_if(file_offices_.begin(), file_offices_.end(),
                                  [&](const FileOffice& f) { return f.doc.office.key == office.key; });
  if (first != file_offices_.end() && !first->partial && !doc.partial && !(first->doc.office == office)) {
    office_diags_.error(doc.office->pos,
                        text::Message("office '{0}' is also defined, differently, in '{1}'; define it once",
                                      office.key, first->path));
  }
  // A later document is judged against the first as against the database's.
  if (first == file_offices_.end()) known_offices_[office.key] = office;
  // Each is kept, so that the unit of every one is checked; the first is stored.
  file_offices_.push_back({*doc.office, doc.path, doc.partial});
}

std::vector<model::Office> StreamResolver::Impl::checked_offices() {
  std::vector<model::Office> out;
  for (const FileOffice& fo : file_offices_) {
    if (fo.doc.unit) {
      // Reported with the offices, whatever error() would do with them.
      Diagnostics found;
      std::swap(found, inspection_diags_);
      check_unit(*fo.doc.unit);
      std::swap(found, inspection_diags_);
      office_diags_.append(found);
    }
    if (given_offices_.insert(fo.doc.office.key).second) out.push_back(fo.doc.office);
  }
  return out;
}

std::vector<model::Office> StreamResolver::Impl::new_offices(const Document& doc) {
  if (!doc.office || !given_offices_.insert(doc.office->office.key).second) return {};
  return {doc.office->office};
}

void StreamResolver::Impl::define(const Document& doc) {
  const std::size_t index = docs_++;
  for (const UnitEntry& entry : doc.units) {
    if (entry.unit.key.empty()) continue;
    const auto it = file_unit_index_.find(entry.unit.key);
    if (it == file_unit_index_.end()) {
      file_unit_index_.emplace(entry.unit.key, file_units_.size());
      file_units_.push_back({entry, doc.path, index});
      model::Unit& known = units_[entry.unit.key];
      if (!(known == entry.unit)) {
        known = entry.unit;
        children_stale_ = names_stale_ = true;
      }
      continue;
    }
    const FileUnit& first = file_units_[it->second];
    // Twice in one file was reported by parse_document; the same content twice is harmless;
    // an entry with an error of its own differs for that error, already reported.
    if (first.doc == index || first.entry.unit == entry.unit || first.entry.partial || entry.partial)
      continue;
    unit_diags_.error(entry.pos, text::Message("unit '{0}' is defined differently in '{1}' (line {2}); "
                                               "define it once, or the same way in both files",
                                               entry.unit.key, first.path, first.entry.pos.line));
  }
  define_office(doc);
  if (!doc.calendar) return;
  const calendar::CalendarSpec& spec = doc.calendar->spec;
  const auto it = calendars_seen_.find(spec.key);
  if (it != calendars_seen_.end()) {
    if (calendar_plans_[it->second.index].spec == spec) return;
    calendar_diags_.error(
        doc.calendar->pos,
        text::Message("calendar '{0}' is also defined, differently, in '{1}'; define it once", spec.key,
                      it->second.path));
    return;
  }
  calendars_seen_.emplace(spec.key, Definition{doc.path, doc.calendar->pos.line, calendar_plans_.size()});
  calendar_plans_.push_back(CalendarPlan{spec, stored_path(doc.path)});
  calendars_.add(spec);
}

Definitions StreamResolver::Impl::definitions() {
  parent_diags_ = Diagnostics();
  check_parents();
  check_cycles();
  defined_ = true;
  Definitions out{calendar_plans_, units_parents_first(), checked_offices()};
  for (const model::Unit& unit : out.units) given_units_.insert(unit.key);
  return out;
}

std::vector<model::Unit> StreamResolver::Impl::new_units(const Document& doc) {
  std::vector<model::Unit> out;
  for (const UnitEntry& entry : doc.units) {
    if (!entry.unit.key.empty() && given_units_.insert(entry.unit.key).second) out.push_back(entry.unit);
  }
  return out;
}

Step StreamResolver::Impl::next(const Document& doc) {
  Step step;
  if (scope_ == Scope::as_read) {
    if (defined_ && changes_definitions(doc)) {
      step.restart = true;
      return step;
    }
    define(doc);
  }
  if (doc.inspection && !defined_) {
    step.definitions = definitions();
  } else if (defined_) {
    step.units = new_units(doc);  // known already, the same: stored unchanged
    step.offices = new_offices(doc);
  }
  step.inspection = inspection(doc);
  return step;
}

std::optional<Definitions> StreamResolver::Impl::remaining() {
  if (defined_) return std::nullopt;
  return definitions();
}

void StreamResolver::Impl::report(Diagnostics& diags) const {
  for (const Diagnostics* list :
       {&unit_diags_, &parent_diags_, &calendar_diags_, &office_diags_, &inspection_diags_}) {
    diags.append(*list);
  }
}

void StreamResolver::Impl::index_children() {
  if (!children_stale_) return;
  children_.clear();
  for (const auto& [key, unit] : units_) {
    if (unit.parent) children_[*unit.parent].push_back(&key);
  }
  children_stale_ = false;
}

void StreamResolver::Impl::index_names() {
  if (!names_stale_) return;
  key_by_name_.clear();
  unit_keys_.clear();
  for (const auto& [key, unit] : units_) {
    unit_keys_.push_back(key);
    key_by_name_.emplace(text::nfc(unit.name), key);
  }
  names_stale_ = false;
}

bool StreamResolver::Impl::check_unit(const Ref& ref) {
  if (units_.count(ref.key) != 0) return true;
  if (inspection_diags_.full(ref.pos.file)) {
    // Not shown: spare the suggestions, which compare with every unit.
    error(ref.pos, text::Message("unknown unit '{0}'", ref.key));
    return false;
  }
  index_names();
  if (const auto it = key_by_name_.find(text::nfc(ref.key)); it != key_by_name_.end()) {
    error(ref.pos, text::Message("'{0}' is a unit's name; write its key '{1}'", ref.key, it->second));
    return false;
  }
  if (!text::is_slug(ref.key)) {
    std::string suggestion = text::slugify(ref.key);
    if (!suggestion.empty() && units_.count(suggestion) == 0) {
      if (auto near = text::nearest(suggestion, unit_keys_)) suggestion = std::move(*near);
    }
    error(ref.pos, not_a_key_message(ref.key, suggestion));
    return false;
  }
  if (const auto near = text::nearest(ref.key, unit_keys_)) {
    error(ref.pos, text::Message("unknown unit '{0}'; did you mean '{1}'?", ref.key, *near));
  } else {
    error(ref.pos, text::Message("unknown unit '{0}'; define it under units: or import the units file first",
                                 ref.key));
  }
  return false;
}

void StreamResolver::Impl::check_parents() {
  // Reported with the definitions, whatever error() would do with them.
  for (const FileUnit& fu : file_units_) {
    if (!fu.entry.unit.parent) continue;
    Diagnostics found;
    std::swap(found, inspection_diags_);
    check_unit(Ref{*fu.entry.unit.parent, fu.entry.parent_pos});
    std::swap(found, inspection_diags_);
    parent_diags_.append(found);
  }
}

void StreamResolver::Impl::check_cycles() {
  // Each unit is walked over once (a chain of 20,000 units must not cost 20,000²
  // steps): a walk up the parents stops at a unit an earlier walk went through, and
  // a cycle is a walk that comes back to a unit of its own.
  std::map<std::string, int> state;  // 1: on the current walk; 2: walked over before
  struct Cycle {
    std::size_t first;  // the member defined first in the files: where it is reported
    std::vector<std::string> path;
  };
  std::vector<Cycle> cycles;
  for (const FileUnit& fu : file_units_) {
    std::vector<std::string> walk;
    std::string current = fu.entry.unit.key;
    for (;;) {
      const auto [seen, inserted] = state.emplace(current, 1);
      if (!inserted) {
        if (seen->second == 1) {
          std::vector<std::string> members(std::find(walk.begin(), walk.end(), current),
                                           walk.end());
          std::optional<std::size_t> first;
          std::size_t at = 0;
          for (std::size_t n = 0; n < members.size(); ++n) {
            const auto it = file_unit_index_.find(members[n]);
            if (it != file_unit_index_.end() && (!first || it->second < *first)) {
              first = it->second;
              at = n;
            }
          }
          if (first) {
            std::rotate(members.begin(), members.begin() + static_cast<std::ptrdiff_t>(at),
                        members.end());
            members.push_back(members.front());
            cycles.push_back({*first, std::move(members)});
          }
        }
        break;
      }
      walk.push_back(current);
      const auto it = units_.find(current);
      if (it == units_.end() || !it->second.parent) break;
      current = *it->second.parent;
    }
    for (const std::string& key : walk) state[key] = 2;
  }
  for (const Cycle& cycle : cycles) {
    const FileUnit& fu = file_units_[cycle.first];
    parent_diags_.error(fu.entry.parent_pos,
                        text::Message("unit '{0}' is its own ancestor ({1}); fix its parent",
                                      fu.entry.unit.key, fmt::join(cycle.path, " → ")));
  }
}

std::vector<model::Unit> StreamResolver::Impl::units_parents_first() const {
  // Without recursion: units listed children first could nest as deep as the file
  // is long.
  std::vector<model::Unit> out;
  std::vector<char> placed(file_units_.size(), 0);
  for (std::size_t i = 0; i < file_units_.size(); ++i) {
    std::vector<std::size_t> chain;  // i and its ancestors defined in the files, not placed yet
    for (std::size_t j = i; placed[j] == 0;) {
      placed[j] = 1;
      chain.push_back(j);
      const model::Unit& unit = file_units_[j].entry.unit;
      if (!unit.parent) break;
      const auto it = file_unit_index_.find(*unit.parent);
      if (it == file_unit_index_.end()) break;
      j = it->second;
    }
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      out.push_back(file_units_[*it].entry.unit);
    }
  }
  return out;
}

std::vector<const std::string*> StreamResolver::Impl::below(const std::string& ancestor) {
  index_children();
  std::vector<const std::string*> out;
  std::unordered_set<std::string_view> seen{ancestor};  // parents in a cycle are reported elsewhere
  std::vector<const std::string*> stack{&ancestor};
  while (!stack.empty()) {
    const std::string* key = stack.back();
    stack.pop_back();
    const auto it = children_.find(*key);
    if (it == children_.end()) continue;
    for (const std::string* child : it->second) {
      if (!seen.insert(*child).second) continue;
      out.push_back(child);
      stack.push_back(child);
    }
  }
  return out;
}

std::optional<std::vector<std::string>> StreamResolver::Impl::assignees(const Assignees& a,
                                                            const InspectionDocument& insp) {
  if (a.fan_out) return fan_out(a, insp);
  bool ok = !a.keys.empty();
  std::vector<std::string> out;
  for (const Ref& ref : a.keys) {
    // The finding's unit, reported at the finding when unknown.
    ok = (a.finding_unit ? units_.count(ref.key) != 0 : check_unit(ref)) && ok;
    out.push_back(ref.key);
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::vector<std::string>> StreamResolver::Impl::fan_out(const Assignees& a,
                                                          const InspectionDocument& insp) {
  std::string parent;
  bool ok = !a.kinds.empty();
  if (a.parent) {
    parent = a.parent->key;
    ok = check_unit(*a.parent) && ok;
  } else if (insp.scope) {
    parent = insp.scope->key;
    ok = units_.count(parent) != 0 && ok;  // a bad scope is reported once, at the scope
  } else {
    // A scope written wrong, or none, was reported by parse_document.
    if (!partial_) error_once(a.pos, fan_out_without_parent_message());
    ok = false;
  }
  std::set<std::string> except;
  for (const Ref& ref : a.except) {
    ok = check_unit(ref) && ok;
    except.insert(ref.key);
  }
  if (!ok) return std::nullopt;

  std::vector<std::string> out;
  for (const std::string* key : below(parent)) {
    if (except.count(*key) != 0) continue;
    const model::UnitKind kind = units_.at(*key).kind;
    if (std::find(a.kinds.begin(), a.kinds.end(), kind) != a.kinds.end()) out.push_back(*key);
  }
  std::sort(out.begin(), out.end());  // key order
  if (!out.empty()) return out;

  std::vector<std::string> kinds;
  for (const model::UnitKind kind : a.kinds) kinds.emplace_back(model::to_string(kind));
  std::string shown =
      kinds.size() == 1 ? kinds.front() : fmt::format("[{}]", fmt::join(kinds, ", "));
  shown = fmt::format("{{kind: {}, parent: {}", shown, parent);
  if (!a.except.empty()) {
    std::vector<std::string> keys;
    for (const Ref& ref : a.except) keys.push_back(ref.key);
    shown += fmt::format(", except: [{}]", fmt::join(keys, ", "));
  }
  shown += "}";
  error(a.pos, text::Message(
                   "the fan-out {0} selects no registered unit; register the units first (units: …)", shown));
  return std::nullopt;
}

std::optional<std::vector<std::string>> StreamResolver::Impl::task_findings(
    const TaskEntry& entry, const InspectionDocument& insp, const std::set<std::string>& findings) {
  std::set<std::string> out;
  bool ok = true;
  for (const Ref& ref : entry.findings) {
    if (findings.count(ref.key) != 0) {
      out.insert(ref.key);
      continue;
    }
    ok = false;
    // A finding of this file refused for its form is missing here: not an unknown one.
    if (insp.findings_partial) continue;
    // Only for the message: copying every key for each task would make a file of
    // thousands of findings cost their square.
    const std::vector<std::string> candidates(findings.begin(), findings.end());
    if (!text::is_slug(ref.key)) {
      std::string suggestion = text::slugify(ref.key);
      if (auto near = text::nearest(suggestion, candidates)) suggestion = std::move(*near);
      error(ref.pos, not_a_key_message(ref.key, suggestion));
    } else if (const auto near = text::nearest(ref.key, candidates)) {
      error(ref.pos, text::Message("unknown finding '{0}' in inspection '{1}'; did you mean '{2}'?", ref.key,
                                   insp.inspection.key, *near));
    } else {
      error(ref.pos,
            text::Message(
                "unknown finding '{0}' in inspection '{1}'; a task links to the findings: of its own file",
                ref.key, insp.inspection.key));
    }
  }
  if (!ok) return std::nullopt;
  return std::vector<std::string>(out.begin(), out.end());
}

calendar::DeadlineResult StreamResolver::Impl::last_day(const TaskEntry& entry, const model::Inspection& insp,
                                            const calendar::WorkCalendar& cal) {
  calendar::DeadlineResult result = calendar::last_allowed_day(
      entry.due, calendar::Anchors{insp.to, insp.conclusion.date, std::nullopt}, cal);
  // A date the file wrote wrong is missing here: its error was reported where it is.
  if (partial_) return result;
  switch (result.error) {
    case calendar::DeadlineError::none:
    case calendar::DeadlineError::needs_period:  // a repeating task: per occurrence
      break;
    case calendar::DeadlineError::missing_anchor:
      if (entry.due.anchor == model::Due::Anchor::conclusion_date) {
        error(entry.due_pos,
              text::Message("'from: conclusion.date' but the inspection has no conclusion date"));
      } else {
        error(entry.due_pos, text::Message("'from: inspection.to' but the inspection has no 'to' date"));
      }
      break;
    case calendar::DeadlineError::out_of_range:
      error(entry.due_pos,
            text::Message("the deadline of task '{0}' falls outside the years 1 to 9999", entry.key));
      break;
  }
  return result;
}

const calendar::WorkCalendar* StreamResolver::Impl::task_calendar(const TaskEntry& entry,
                                                      const InspectionDocument& insp) {
  const Ref* named = entry.calendar ? &*entry.calendar : insp.calendar ? &*insp.calendar : nullptr;
  const std::string key = named != nullptr ? named->key : default_calendar_;
  if (const calendar::WorkCalendar* cal = calendars_.find(key)) return cal;
  const Position where = named != nullptr ? named->pos : entry.due_pos;
  const std::vector<std::string> keys = calendars_.keys();
  if (const auto near = text::nearest(key, keys)) {
    error_once(where, text::Message("unknown calendar '{0}'; did you mean '{1}'?", key, *near));
  } else {
    error_once(where, text::Message(
                          "unknown calendar '{0}'; known calendars: {1}; import a calendar: file to add one",
                          key, fmt::join(keys, ", ")));
  }
  return nullptr;
}

void StreamResolver::Impl::resolve_task(const TaskEntry& entry, const InspectionDocument& insp,
                            const std::set<std::string>& findings, InspectionPlan& plan) {
  const auto who = assignees(entry.assignees, insp);
  const bool report_to_ok = !entry.report_to || check_unit(*entry.report_to);
  const auto linked = task_findings(entry, insp, findings);
  const std::size_t errors = inspection_diags_.size();
  const calendar::WorkCalendar* cal = task_calendar(entry, insp);
  calendar::DeadlineResult deadline;
  // A repeating task's deadline is computed per occurrence, from each period.
  if (cal != nullptr && !entry.repeat) deadline = last_day(entry, insp.inspection, *cal);
  const model::Inspection& inspection = insp.inspection;
  if (entry.repeat && !entry.repeat->from && !inspection.conclusion.date && !inspection.to &&
      !inspection.from && !partial_) {
    error(entry.repeat_pos, text::Message("a repeating task needs a first period: write repeat: {{every: …, "
                                          "from: DATE}}, or give the inspection a conclusion date"));
  }
  if (!who || !report_to_ok || !linked || cal == nullptr || inspection_diags_.size() != errors) return;
  if (!within_task_limits(entry, who->size(), entry.action.size() + entry.target.size())) return;

  for (const std::string& assignee : *who) {
    model::Task task;
    task.inspection = insp.inspection.key;
    task.key = entry.key;
    task.assignee = assignee;
    task.action = entry.action;
    if (entry.report_to) task.report_to = entry.report_to->key;
    task.findings = *linked;
    task.target = entry.target;
    task.due = entry.due;
    task.calendar = cal->key();
    if (entry.repeat) {
      task.repeat = entry.repeat;
      if (!task.repeat->from) {
        // The first period is the one the order was given in.
        task.repeat->from = inspection.conclusion.date ? inspection.conclusion.date
                            : inspection.to            ? inspection.to
                                                       : inspection.from;
      }
      plan.series.push_back(std::move(task));
      continue;
    }
    task.last_day = deadline.last_day;
    task.due_provisional = deadline.provisional;
    plan.tasks.push_back(std::move(task));
  }
}

bool StreamResolver::Impl::within_task_limits(const TaskEntry& entry, std::size_t count,
                                              std::size_t text) {
  if (over_task_limits_) return false;
  tracked_tasks_ += count;
  tracked_text_ += count * text;
  if (tracked_tasks_ > limits_.max_tasks) {
    error(entry.assignees.pos,
          text::Message(
              "task '{0}' ({1} assignee(s)) brings this inspection to more than {2} tracked tasks, the limit "
              "for one inspection; narrow the fan-out, or split the orders into inspections of their own",
              entry.key, count, limits_.max_tasks));
    over_task_limits_ = true;
  } else if (tracked_text_ > limits_.max_task_text) {
    error(entry.assignees.pos,
          text::Message("task '{0}' ({1} assignee(s), each with its own copy of its {2} bytes of action and "
                        "target) brings the text of this inspection's tracked tasks to more than {3} bytes, "
                        "the limit for one inspection; shorten the action or narrow the fan-out",
                        entry.key, count, text, limits_.max_task_text));
    over_task_limits_ = true;
  }
  return !over_task_limits_;
}

InspectionPlan StreamResolver::Impl::resolve_inspection(const Document& doc, const InspectionDocument& insp) {
  // The task limits are per inspection (one file): a consolidation of many files is
  // as large as its files make it, and each file is checked on its own.
  tracked_tasks_ = 0;
  tracked_text_ = 0;
  over_task_limits_ = false;
  partial_ = doc.partial;
  InspectionPlan plan;
  plan.inspection = insp.inspection;
  plan.source = stored_path(doc.path);
  if (insp.scope) check_unit(*insp.scope);

  std::set<std::string> finding_keys;
  for (const FindingEntry& entry : insp.findings) {
    if (!entry.finding.unit.empty()) check_unit(Ref{entry.finding.unit, entry.unit_pos});
    finding_keys.insert(entry.finding.key);
    plan.findings.push_back(entry.finding);
  }
  for (const TaskEntry& entry : insp.tasks) resolve_task(entry, insp, finding_keys, plan);
  return plan;
}

std::optional<InspectionPlan> StreamResolver::Impl::inspection(const Document& doc) {
  if (!doc.inspection) return std::nullopt;
  const InspectionDocument& insp = *doc.inspection;
  const auto [it, inserted] =
      inspections_seen_.emplace(insp.inspection.key, Definition{doc.path, insp.pos.line, 0});
  if (!inserted) {
    error(insp.pos,
          text::Message("inspection '{0}' is also defined in '{1}' (line {2}); each inspection has one file",
                        insp.inspection.key, it->second.path, it->second.line));
    return std::nullopt;
  }
  const std::size_t errors = inspection_diags_.size();
  InspectionPlan plan = resolve_inspection(doc, insp);
  if (inspection_diags_.size() != errors) return std::nullopt;
  return plan;
}

StreamResolver::StreamResolver(const ResolveContext& context, Scope scope)
    : impl_(std::make_unique<Impl>(context, scope)) {}
StreamResolver::~StreamResolver() = default;
bool StreamResolver::changes_definitions(const Document& doc) const { return impl_->changes_definitions(doc); }
void StreamResolver::define(const Document& doc) { impl_->define(doc); }
Step StreamResolver::next(const Document& doc) { return impl_->next(doc); }
std::optional<Definitions> StreamResolver::remaining() { return impl_->remaining(); }
void StreamResolver::report(Diagnostics& diags) const { impl_->report(diags); }
bool StreamResolver::failed() const { return impl_->failed(); }

namespace {

void add_definitions(Definitions&& definitions, ImportPlan& plan) {
  plan.calendars = std::move(definitions.calendars);
  plan.units = std::move(definitions.units);
  plan.offices = std::move(definitions.offices);
}

}  // namespace

std::optional<ImportPlan> resolve(const std::vector<Document>& documents, const ResolveContext& context,
                                  Diagnostics& diags) {
  StreamResolver resolver(context, Scope::whole_set);
  for (const Document& doc : documents) resolver.define(doc);
  ImportPlan plan;
  for (const Document& doc : documents) {
    Step step = resolver.next(doc);
    if (step.definitions) add_definitions(std::move(*step.definitions), plan);
    // Every unit was among the definitions: step.units is empty.
    if (step.inspection) plan.inspections.push_back(std::move(*step.inspection));
  }
  if (auto definitions = resolver.remaining()) add_definitions(std::move(*definitions), plan);
  for (const Document& doc : documents) {
    plan.progress.insert(plan.progress.end(), doc.progress.begin(), doc.progress.end());
  }
  resolver.report(diags);
  // A plan is only made from input without any error, including those found
  // before resolve() by parse_document.
  if (!diags.empty()) return std::nullopt;
  return plan;
}

}  // namespace inspectrack::import
