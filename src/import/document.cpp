#include "inspectrack/import/document.hpp"

#include <map>
#include <string_view>
#include <utility>

#include "calendar_document.hpp"
#include "field_reader.hpp"
#include "office_document.hpp"
#include "progress_document.hpp"
#include "inspectrack/calendar/deadline.hpp"
#include "inspectrack/import/loader.hpp"
#include "inspectrack/text/slug.hpp"
#include "inspectrack/text/suggest.hpp"
#include "inspectrack/text/utf8.hpp"

namespace inspectrack::import {

namespace {

const std::vector<std::string> kTopKeys{"inspection", "units",    "findings", "tasks",
                                        "progress",   "calendar", "office"};
const std::vector<std::string> kInspectionKeys{"key",  "kind",       "title",   "authority",
                                               "team", "scope",      "from",    "to",
                                               "conclusion", "calendar"};
const std::vector<std::string> kConclusionKeys{"number", "date", "title", "signed_by"};
const std::vector<std::string> kUnitKeys{"key", "name", "kind", "parent", "email", "head"};
const std::vector<std::string> kFindingKeys{"key",  "unit",        "area",      "severity",
                                            "text", "legal_basis", "indicator", "tasks"};
const std::vector<std::string> kIndicatorKeys{"name", "value", "target", "unit"};
const std::vector<std::string> kTaskKeys{"key",    "action", "assignees", "report_to", "findings",
                                         "target", "due",    "calendar",  "repeat"};
const std::vector<std::string> kRepeatKeys{"every", "from", "until"};
const std::vector<std::string> kFanOutKeys{"kind", "parent", "except"};
const std::vector<std::string> kDueKeys{"by", "before", "within", "from", "day"};
const std::vector<std::string> kAnchors{"inspection.to", "conclusion.date", "period.end"};

const auto kInInspection = text::Message("in the inspection");
const auto kInConclusion = text::Message("in the conclusion");
const auto kInUnit = text::Message("in a unit");
const auto kInFinding = text::Message("in a finding");
const auto kInIndicator = text::Message("in an indicator");
const auto kInTask = text::Message("in a task");
const auto kInFanOut = text::Message("in a fan-out");
const auto kInDue = text::Message("in a due");
const auto kInRepeat = text::Message("in a repeat");
const auto kRepeatShape =
    text::Message("monthly, quarterly, half-yearly, yearly or {{every: …, from: …, until: …}}");

const auto kUnitWord = text::Message("unit");
const auto kFindingWord = text::Message("finding");
const auto kTaskWord = text::Message("task");

const auto kInspectionShape = text::Message("a mapping (key: …, title: …)");
const auto kConclusionShape = text::Message("a mapping (number: …, date: …, title: …, signed_by: …)");
const auto kUnitsShape = text::Message("a list of units (- key: …, name: …, kind: …)");
const auto kUnitShape = text::Message("a mapping ({{key: …, name: …, kind: …}})");
const auto kFindingsShape = text::Message("a list of findings (- key: …)");
const auto kFindingShape = text::Message("a mapping (key: …, unit: …, text: …)");
const auto kIndicatorShape = text::Message("a mapping (name: …, value: …, target: …, unit: …)");
const auto kTasksShape = text::Message("a list of tasks (- key: …)");
const auto kTaskShape = text::Message("a mapping (key: …, action: …, due: …)");
const auto kKeyList = text::Message("a key or a list of keys ([a, b])");
const auto kKindList = text::Message("a kind or a list of kinds ([commune, town])");
const auto kEmails = text::Message("an address or a list of addresses");
const auto kEmail = text::Message("an address (name@example.vn)");
const auto kDueShape = text::Message("a date, {{before: DATE}}, {{within: …, from: …}} or none");
const auto kPeriod = text::Message("a period ('10 days', '10 working days', '10 {0}' or '10 {1}')",
                                   calendar::kDaysWord, calendar::kWorkingDaysWord);

bool equals_ascii_lower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = (s[i] >= 'A' && s[i] <= 'Z') ? static_cast<char>(s[i] - 'A' + 'a') : s[i];
    if (c != lower[i]) return false;
  }
  return true;
}

// `due: none` (or the Vietnamese `không`), as a plain scalar.
bool is_none_word(std::string_view s) {
  const std::string word = text::nfc(s);
  return equals_ascii_lower(word, "none") || word == "không" || word == "Không" || word == "KHÔNG";
}

// local@domain.tld in printable ASCII, without anything that could end a mail header
// or start a second address.
bool is_email(std::string_view s) {
  const auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20U || u >= 0x7FU) return false;
    if (std::string_view("<>,;\"()[]\\").find(c) != std::string_view::npos) return false;
  }
  const std::string_view domain = s.substr(at + 1);
  const auto dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == domain.size()) return false;
  return domain.front() != '.' && domain.find("..") == std::string_view::npos;
}

// The addresses of a string holding several ("a@x.vn, b@x.vn"), or empty.
std::vector<std::string> split_addresses(std::string_view s) {
  std::vector<std::string> parts;
  std::string current;
  for (const char c : s) {
    if (c == ',' || c == ';' || c == ' ' || c == '\t') {
      if (!current.empty()) parts.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) parts.push_back(std::move(current));
  if (parts.size() < 2) return {};
  for (const std::string& part : parts) {
    if (!is_email(part)) return {};
  }
  return parts;
}

class DocumentParser {
 public:
  DocumentParser(const std::string& path, Diagnostics& diags) : r_(path, diags) {}

  std::optional<Document> parse(const Node& root);

 private:
  bool check_top_level(const Node& root);
  void parse_inspection(const Node& value, InspectionDocument& out);
  void parse_conclusion(const Node& value, model::Conclusion& out);
  void parse_units(const Node& value, std::vector<UnitEntry>& out);
  std::optional<UnitEntry> parse_unit(const Node& value);
  std::vector<std::string> parse_emails(const Node& value);
  void parse_findings(const Node& value, InspectionDocument& doc);
  // nullopt when `value` is not a mapping; the key is "" when it is not usable.
  std::optional<FindingEntry> parse_finding(const Node& value, const std::string& inspection);
  // The area code, or "" after reporting it.
  std::string parse_area(const Node& value);
  std::optional<model::Indicator> parse_indicator(const Node& value);
  void parse_tasks(const Node& value, const FindingEntry* finding, std::vector<TaskEntry>& out);
  std::optional<TaskEntry> parse_task(const Node& value, const FindingEntry* finding);
  std::optional<Assignees> parse_assignees(const Node& value);
  std::optional<Assignees> parse_fan_out(const Node& value);
  std::optional<model::Due> parse_due(const Node& value);
  std::optional<model::Due> parse_due_mapping(const Node& value);
  bool parse_within(const Node& map, const Node& within, model::Due& due);
  std::optional<model::Repeat> parse_repeat(const Node& value);
  // Checks a due rule against the task being recurring or not.
  void check_due_with_repeat(TaskEntry& task, const Node& due);
  void report_no_due(const Node& where, const std::string& task);

  FieldReader r_;
  bool scope_given_ = false;
  bool repeating_ = false;  // the task being read has `repeat:`
  std::map<std::string, Position> unit_keys_;
  std::map<std::string, Position> finding_keys_;
  std::map<std::string, Position> task_keys_;
  std::vector<TaskEntry> inline_tasks_;
};

// The root is a mapping of known keys; each unknown one is reported. False when the
// file has nothing to read.
bool DocumentParser::check_top_level(const Node& root) {
  const Position start{r_.path(), 1, 1};
  if (root.is_null() || (root.is_mapping() && root.entries.empty())) {
    r_.error(
        start,
        text::Message(
            "the file is empty; an inspection file starts with 'inspection:', a units file with 'units:'"));
    return false;
  }
  if (!root.is_mapping()) {
    r_.error(start,
             text::Message("a file must start with a key: 'inspection:' for an inspection file, 'units:' for "
                           "a units file; this one starts with a {0}",
                           root.is_sequence() ? text::Message("list") : text::Message("single value")));
    return false;
  }

  for (const auto& [key, value] : root.entries) {
    bool known = false;
    for (const std::string& k : kTopKeys) known = known || k == key.scalar;
    if (known) continue;
    const auto near = text::nearest(key.scalar, kTopKeys);
    r_.error(
        key,
        text::Message(
            "unknown top-level key '{0}'; expected inspection, units, calendar, progress or office{1}",
            key.scalar, near ? text::Message(" (did you mean '{0}'?)", *near) : text::Message::verbatim("")));
  }
  return true;
}

std::optional<Document> DocumentParser::parse(const Node& root) {
  if (!check_top_level(root)) return std::nullopt;
  Document doc;
  doc.path = r_.path();
  const Node* inspection = root.find("inspection");
  const Node* units = root.find("units");
  if (const Node* cal = root.find("calendar")) {
    doc.kind = DocumentKind::calendar;
    for (const char* other : {"inspection", "units", "findings", "tasks", "progress", "office"}) {
      if (const Node* k = root.find_key(other)) {
        r_.error(*k,
                 text::Message("a calendar goes in a file of its own; move '{0}' to another file", other));
      }
    }
    if (auto c = parse_calendar(r_, *cal)) doc.calendar = std::move(*c);
    return doc;
  }
  if (const Node* office = root.find("office")) {
    doc.kind = DocumentKind::office;
    for (const char* other : {"inspection", "units", "findings", "tasks", "progress"}) {
      if (const Node* k = root.find_key(other)) {
        r_.error(*k, text::Message("an office goes in a file of its own; move '{0}' to another file", other));
      }
    }
    if (auto o = parse_office(r_, *office)) doc.office = std::move(*o);
    return doc;
  }
  if (const Node* progress = root.find("progress")) {
    doc.kind = DocumentKind::progress;
    for (const char* other : {"inspection", "units", "findings", "tasks"}) {
      if (const Node* k = root.find_key(other)) {
        r_.error(*k, text::Message("progress goes in a file of its own; move '{0}' to another file", other));
      }
    }
    if (auto p = parse_progress(r_, *progress)) doc.progress = std::move(*p);
    return doc;
  }
  if (inspection != nullptr) {
    doc.kind = DocumentKind::inspection;
    doc.inspection.emplace();
    doc.inspection->pos = r_.at(*inspection);
    parse_inspection(*inspection, *doc.inspection);
  } else if (units != nullptr) {
    doc.kind = DocumentKind::units;
  } else if (root.find("findings") == nullptr && root.find("tasks") == nullptr) {
    return std::nullopt;  // nothing usable; every key was reported above
  }

  for (const auto& [key, value] : root.entries) {
    if (key.scalar == "units") {
      parse_units(value, doc.units);
    } else if (key.scalar == "findings" || key.scalar == "tasks") {
      if (!doc.inspection) {
        r_.error(key, text::Message(
                          "'{0}' belongs to an inspection; add inspection: (key: …, title: …) to this file",
                          key.scalar));
      } else if (key.scalar == "findings") {
        const std::size_t before = r_.errors();
        parse_findings(value, *doc.inspection);
        doc.inspection->findings_partial = r_.errors() != before;
      } else {
        parse_tasks(value, nullptr, doc.inspection->tasks);
      }
    }
  }
  if (doc.inspection) {
    for (TaskEntry& task : inline_tasks_) doc.inspection->tasks.push_back(std::move(task));
  }
  return doc;
}

void DocumentParser::parse_inspection(const Node& value, InspectionDocument& out) {
  if (!r_.expect_mapping(value, "inspection", kInspectionShape)) return;
  r_.reject_unknown_keys(value, kInspectionKeys, kInInspection);
  model::Inspection& insp = out.inspection;

  if (const Node* key = r_.require(value, "key", kInInspection)) {
    if (auto k = r_.key(*key, "key")) insp.key = std::move(*k);
  }
  if (const Node* kind = value.find("kind"); kind != nullptr && !kind->is_null()) {
    if (auto name = r_.choice(*kind, text::Message("inspection kind"), model::inspection_kind_names())) {
      insp.kind = *model::parse_inspection_kind(*name);
    }
  }
  if (const Node* title = r_.require(value, "title", kInInspection)) {
    if (auto t = r_.text(*title, "title", true)) insp.title = std::move(*t);
  }
  if (const Node* authority = value.find("authority")) {
    if (auto t = r_.line(*authority, "authority", false)) insp.authority = std::move(*t);
  }
  if (const Node* team = value.find("team")) {
    if (auto t = r_.line(*team, "team", false)) insp.team = std::move(*t);
  }
  if (const Node* scope = value.find("scope")) {
    scope_given_ = true;
    if (auto ref = r_.ref(*scope, "scope")) {
      insp.scope = ref->key;
      out.scope = std::move(*ref);
    }
  }
  if (const Node* from = value.find("from")) insp.from = r_.date(*from, "from");
  if (const Node* to = value.find("to")) {
    insp.to = r_.date(*to, "to");
    if (insp.from && insp.to && *insp.to < *insp.from) {
      r_.error(*to, text::Message("'to' ({0}) is before 'from' ({1})", trim(to->scalar),
                                  trim(value.find("from")->scalar)));
    }
  }
  if (const Node* conclusion = value.find("conclusion")) {
    if (!conclusion->is_null()) parse_conclusion(*conclusion, insp.conclusion);
  }
  if (const Node* cal = value.find("calendar"); cal != nullptr && !cal->is_null()) {
    out.calendar = r_.ref(*cal, "calendar");
  }
}

void DocumentParser::parse_conclusion(const Node& value, model::Conclusion& out) {
  if (!r_.expect_mapping(value, "conclusion", kConclusionShape)) return;
  r_.reject_unknown_keys(value, kConclusionKeys, kInConclusion);
  if (const Node* number = value.find("number")) {
    if (auto t = r_.line(*number, "number", false)) out.number = std::move(*t);
  }
  if (const Node* date = value.find("date")) out.date = r_.date(*date, "date");
  if (const Node* title = value.find("title")) {
    if (auto t = r_.text(*title, "title", false)) out.title = std::move(*t);
  }
  if (const Node* signed_by = value.find("signed_by")) {
    if (auto t = r_.line(*signed_by, "signed_by", false)) out.signed_by = std::move(*t);
  }
}

void DocumentParser::parse_units(const Node& value, std::vector<UnitEntry>& out) {
  if (value.is_null()) return;
  if (!r_.expect_list(value, "units", kUnitsShape)) return;
  for (const Node& item : value.items) {
    const std::size_t before = r_.errors();
    if (auto unit = parse_unit(item)) {
      unit->partial = r_.errors() != before;
      out.push_back(std::move(*unit));
    }
  }
}

std::optional<UnitEntry> DocumentParser::parse_unit(const Node& value) {
  if (!r_.expect_entry(value, "units", kUnitShape)) return std::nullopt;
  r_.reject_unknown_keys(value, kUnitKeys, kInUnit);
  UnitEntry entry;
  entry.pos = r_.at(value);
  model::Unit& unit = entry.unit;

  const Node* key = r_.require(value, "key", kInUnit);
  std::optional<std::string> k = key != nullptr ? r_.key(*key, "key") : std::nullopt;
  if (const Node* name = r_.require(value, "name", kInUnit)) {
    if (auto t = r_.line(*name, "name", true, true)) unit.name = std::move(*t);
  }
  if (const Node* kind = r_.require(value, "kind", kInUnit)) {
    if (auto name = r_.choice(*kind, text::Message("unit kind"), model::unit_kind_names())) {
      unit.kind = *model::parse_unit_kind(*name);
    }
  }
  if (const Node* parent = value.find("parent"); parent != nullptr && !parent->is_null()) {
    if (auto ref = r_.ref(*parent, "parent")) {
      unit.parent = ref->key;
      entry.parent_pos = ref->pos;
    }
  }
  if (const Node* email = value.find("email")) unit.emails = parse_emails(*email);
  if (const Node* head = value.find("head")) {
    if (auto t = r_.line(*head, "head", false)) unit.head = std::move(*t);
  }
  if (!k || !r_.check_unique(unit_keys_, *k, r_.at(*key), kUnitWord)) return std::nullopt;
  unit.key = std::move(*k);
  return entry;
}

std::vector<std::string> DocumentParser::parse_emails(const Node& value) {
  std::vector<const Node*> items;
  if (value.is_null()) return {};
  if (value.is_scalar()) {
    items.push_back(&value);
  } else if (r_.expect_list(value, "email", kEmails)) {
    for (const Node& item : value.items) items.push_back(&item);
  }
  std::vector<std::string> out;
  for (const Node* item : items) {
    if (!r_.expect_scalar(*item, "email", kEmail)) continue;
    const std::string_view address = trim(item->scalar);
    if (is_email(address)) {
      out.emplace_back(address);
    } else if (const auto several = split_addresses(address); !several.empty()) {
      r_.error(*item, text::Message("'{0}' holds several addresses; write them as a list: [{1}]", address,
                                    fmt::join(several, ", ")));
    } else {
      r_.error(*item, text::Message("'{0}' is not an e-mail address; write one address like name@example.vn",
                                    address));
    }
  }
  return out;
}

void DocumentParser::parse_findings(const Node& value, InspectionDocument& doc) {
  if (value.is_null()) return;
  if (!r_.expect_list(value, "findings", kFindingsShape)) return;
  for (const Node& item : value.items) {
    auto finding = parse_finding(item, doc.inspection.key);
    if (!finding) continue;
    // Inline tasks are checked even when the finding's key is not usable.
    if (const Node* tasks = item.find("tasks")) parse_tasks(*tasks, &*finding, inline_tasks_);
    if (!finding->finding.key.empty()) doc.findings.push_back(std::move(*finding));
  }
}

std::optional<FindingEntry> DocumentParser::parse_finding(const Node& value,
                                                          const std::string& inspection) {
  if (!r_.expect_entry(value, "findings", kFindingShape)) return std::nullopt;
  r_.reject_unknown_keys(value, kFindingKeys, kInFinding);
  FindingEntry entry;
  entry.pos = r_.at(value);
  model::Finding& finding = entry.finding;
  finding.inspection = inspection;

  const Node* key = r_.require(value, "key", kInFinding);
  std::optional<std::string> k = key != nullptr ? r_.key(*key, "key") : std::nullopt;
  if (const Node* unit = r_.require(value, "unit", kInFinding)) {
    if (auto ref = r_.ref(*unit, "unit")) {
      finding.unit = ref->key;
      entry.unit_pos = ref->pos;
    }
  }
  if (const Node* area = value.find("area"); area != nullptr && !area->is_null()) {
    finding.area = parse_area(*area);
  }
  if (const Node* severity = value.find("severity"); severity != nullptr && !severity->is_null()) {
    if (auto name = r_.choice(*severity, text::Message("severity"), model::severity_names())) {
      finding.severity = model::parse_severity(*name);
    }
  }
  if (const Node* t = r_.require(value, "text", kInFinding)) {
    if (auto s = r_.text(*t, "text", true)) finding.text = std::move(*s);
  }
  if (const Node* legal = value.find("legal_basis")) {
    if (auto s = r_.text(*legal, "legal_basis", false)) finding.legal_basis = std::move(*s);
  }
  if (const Node* indicator = value.find("indicator");
      indicator != nullptr && !indicator->is_null()) {
    finding.indicator = parse_indicator(*indicator);
  }
  if (k && r_.check_unique(finding_keys_, *k, r_.at(*key), kFindingWord)) {
    finding.key = std::move(*k);
  }
  return entry;
}

std::string DocumentParser::parse_area(const Node& value) {
  if (!r_.expect_scalar(value, "area", text::Message("an area code (tthc.cong-khai)"))) {
    return {};
  }
  const std::string_view written = trim(value.scalar);
  if (text::is_slug(written)) return std::string(written);
  const std::string slug = text::slugify(written);
  r_.error(value,
           text::Message(
               "'{0}' is not an area code; codes are lowercase ASCII like tthc.cong-khai{1}", written,
               slug.empty() ? text::Message::verbatim("") : text::Message(": did you mean '{0}'?", slug)));
  return {};
}

std::optional<model::Indicator> DocumentParser::parse_indicator(const Node& value) {
  if (!r_.expect_mapping(value, "indicator", kIndicatorShape)) return std::nullopt;
  r_.reject_unknown_keys(value, kIndicatorKeys, kInIndicator);
  model::Indicator indicator;
  if (const Node* name = value.find("name")) {
    if (auto t = r_.line(*name, "name", false)) indicator.name = std::move(*t);
  }
  if (const Node* v = value.find("value"); v != nullptr && !v->is_null()) {
    indicator.value = r_.number(*v, "value");
  }
  if (const Node* t = value.find("target"); t != nullptr && !t->is_null()) {
    indicator.target = r_.number(*t, "target");
  }
  if (const Node* unit = value.find("unit")) {
    if (auto t = r_.line(*unit, "unit", false)) indicator.unit = std::move(*t);
  }
  return indicator;
}

void DocumentParser::parse_tasks(const Node& value, const FindingEntry* finding,
                                 std::vector<TaskEntry>& out) {
  if (value.is_null()) return;
  if (!r_.expect_list(value, "tasks", kTasksShape)) return;
  for (const Node& item : value.items) {
    if (auto task = parse_task(item, finding)) out.push_back(std::move(*task));
  }
}

std::optional<TaskEntry> DocumentParser::parse_task(const Node& value,
                                                    const FindingEntry* finding) {
  if (!r_.expect_entry(value, "tasks", kTaskShape)) return std::nullopt;
  r_.reject_unknown_keys(value, kTaskKeys, kInTask);
  TaskEntry task;
  task.pos = r_.at(value);

  const Node* key = r_.require(value, "key", kInTask);
  std::optional<std::string> k = key != nullptr ? r_.key(*key, "key") : std::nullopt;
  if (k && r_.check_unique(task_keys_, *k, r_.at(*key), kTaskWord)) task.key = *k;
  if (const Node* action = r_.require(value, "action", kInTask)) {
    if (auto t = r_.text(*action, "action", true)) task.action = std::move(*t);
  }

  const Node* assignees =
      finding != nullptr ? value.find("assignees") : r_.require(value, "assignees", kInTask);
  if (assignees != nullptr) {
    if (auto a = parse_assignees(*assignees)) task.assignees = std::move(*a);
  } else if (finding != nullptr) {
    // An inline task is for the finding's unit unless it says otherwise.
    task.assignees.pos = task.pos;
    task.assignees.finding_unit = true;
    if (!finding->finding.unit.empty()) {
      task.assignees.keys.push_back(Ref{finding->finding.unit, finding->unit_pos});
    }
  }

  if (const Node* report_to = value.find("report_to");
      report_to != nullptr && !report_to->is_null()) {
    task.report_to = r_.ref(*report_to, "report_to");
  }
  if (const Node* findings = value.find("findings"); findings != nullptr && !findings->is_null()) {
    if (auto refs = r_.refs(*findings, "findings", kKeyList)) task.findings = std::move(*refs);
  }
  if (finding != nullptr && !finding->finding.key.empty()) {
    task.findings.push_back(Ref{finding->finding.key, task.pos});
  }
  if (const Node* target = value.find("target")) {
    if (auto t = r_.text(*target, "target", false)) task.target = std::move(*t);
  }

  if (const Node* cal = value.find("calendar"); cal != nullptr && !cal->is_null()) {
    task.calendar = r_.ref(*cal, "calendar");
  }
  const Node* repeat = value.find("repeat");
  repeating_ = repeat != nullptr && !repeat->is_null();
  if (repeating_) {
    task.repeat_pos = r_.at(*repeat);
    task.repeat = parse_repeat(*repeat);
  }

  const Node* due = value.find("due");
  if (due == nullptr || due->is_null()) {
    report_no_due(due != nullptr ? *due : value, k.value_or(""));
  } else {
    task.due_pos = r_.at(*due);
    if (auto d = parse_due(*due)) {
      task.due = std::move(*d);
      check_due_with_repeat(task, *due);
    }
  }
  if (task.key.empty()) return std::nullopt;
  return task;
}

std::optional<Assignees> DocumentParser::parse_assignees(const Node& value) {
  if (value.is_mapping()) return parse_fan_out(value);
  if (value.is_sequence() && value.items.empty()) {
    r_.error(value, text::Message("'assignees' is an empty list; name at least one unit"));
    return std::nullopt;
  }
  auto keys =
      r_.refs(value, "assignees", text::Message("a unit key, a list of unit keys or a fan-out {{kind: …}}"));
  if (!keys) return std::nullopt;
  Assignees out;
  out.pos = r_.at(value);
  out.keys = std::move(*keys);
  return out;
}

std::optional<Assignees> DocumentParser::parse_fan_out(const Node& value) {
  r_.reject_unknown_keys(value, kFanOutKeys, kInFanOut);
  Assignees out;
  out.fan_out = true;
  out.pos = r_.at(value);
  bool ok = true;
  if (const Node* kind = r_.require(value, "kind", kInFanOut)) {
    std::vector<const Node*> items;
    if (kind->is_sequence()) {
      for (const Node& item : kind->items) items.push_back(&item);
      if (items.empty()) {
        r_.error(*kind, text::Message("'kind' is an empty list; name at least one unit kind"));
        ok = false;
      }
    } else if (r_.expect_scalar(*kind, "kind", kKindList)) {
      items.push_back(kind);
    } else {
      ok = false;
    }
    for (const Node* item : items) {
      auto name = r_.choice(*item, text::Message("unit kind"), model::unit_kind_names());
      if (name) {
        out.kinds.push_back(*model::parse_unit_kind(*name));
      } else {
        ok = false;
      }
    }
  } else {
    ok = false;
  }
  if (const Node* parent = value.find("parent")) {
    out.parent = r_.ref(*parent, "parent");
    ok = ok && out.parent.has_value();
  }
  if (const Node* except = value.find("except"); except != nullptr && !except->is_null()) {
    auto refs = r_.refs(*except, "except", kKeyList);
    if (refs) {
      out.except = std::move(*refs);
    } else {
      ok = false;
    }
  }
  if (value.find("parent") == nullptr && !scope_given_) {
    r_.error(value, fan_out_without_parent_message());
    ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

void DocumentParser::report_no_due(const Node& where, const std::string& task) {
  if (task.empty()) {
    r_.error(where,
             text::Message("a task has no due; write a date, {{before: DATE}}, {{within: …}} or none"));
    return;
  }
  r_.error(where, text::Message(
                      "task '{0}' has no due; write a date, {{before: DATE}}, {{within: …}} or none", task));
}

std::optional<model::Due> DocumentParser::parse_due(const Node& value) {
  if (value.is_mapping()) return parse_due_mapping(value);
  if (!r_.expect_scalar(value, "due", kDueShape)) return std::nullopt;
  const std::string_view written = trim(value.scalar);
  model::Due due;
  due.text = text::nfc(written);
  if (is_none_word(written)) {
    if (value.quoted) {
      r_.error(value, text::Message("'{0}' in quotes is text, not a deadline; write due: {0} without quotes",
                                    written));
      return std::nullopt;
    }
    due.form = model::Due::Form::none;
    return due;
  }
  due.date = r_.date_scalar(value);
  if (!due.date) return std::nullopt;
  due.form = model::Due::Form::date;
  return due;
}

std::optional<model::Due> DocumentParser::parse_due_mapping(const Node& value) {
  r_.reject_unknown_keys(value, kDueKeys, kInDue);
  model::Due due;
  for (const auto& [key, v] : value.entries) {
    if (!due.text.empty()) due.text += ", ";
    due.text += key.scalar + ": " + (v.is_scalar() ? text::nfc(trim(v.scalar)) : std::string("…"));
  }

  // The first of by/before/within decides the form; a second one is an error at its key.
  const Node* form_key = nullptr;
  bool ok = true;
  for (const auto& [key, v] : value.entries) {
    if (key.scalar != "by" && key.scalar != "before" && key.scalar != "within" &&
        key.scalar != "day") {
      continue;
    }
    if (form_key != nullptr) {
      r_.error(key, text::Message("a due has both '{0}' and '{1}'; write only one of them", form_key->scalar,
                                  key.scalar));
      ok = false;
      continue;
    }
    form_key = &key;
  }
  const Node* from_key = value.find_key("from");
  if (form_key == nullptr) {
    if (from_key != nullptr) {
      r_.error(*from_key, text::Message("'from' goes with 'within'; write {{within: \"10 days\", from: …}}"));
    } else if (value.entries.empty()) {
      r_.error(value, text::Message("'due' is empty; write {0}", kDueShape));
    }
    return std::nullopt;
  }
  const Node& form_value = *value.find(form_key->scalar);
  if (form_key->scalar == "within") {
    ok = parse_within(value, form_value, due) && ok;
  } else if (form_key->scalar == "day") {
    due.form = model::Due::Form::day;
    if (from_key != nullptr) {
      r_.error(*from_key, text::Message("'from' goes with 'within', not with 'day'"));
      ok = false;
    }
    const auto n = r_.number(form_value, "day");
    const auto whole = n ? whole_number_in(*n, 1, 31) : std::nullopt;
    if (n && !whole) {
      r_.error(form_value, text::Message("'day' must be a day of the month, 1 to 31, not '{0}'",
                                         trim(form_value.scalar)));
      ok = false;
    } else if (whole) {
      due.day = *whole;
    } else {
      ok = false;
    }
  } else {
    if (from_key != nullptr) {
      r_.error(*from_key, text::Message("'from' goes with 'within', not with '{0}'", form_key->scalar));
      ok = false;
    }
    due.form = form_key->scalar == "by" ? model::Due::Form::by : model::Due::Form::before;
    due.date = r_.date(form_value, form_key->scalar);
    ok = ok && due.date.has_value();
  }
  if (!ok) return std::nullopt;
  return due;
}

bool DocumentParser::parse_within(const Node& map, const Node& within, model::Due& due) {
  due.form = model::Due::Form::within;
  bool ok = true;
  if (r_.expect_scalar(within, "within", kPeriod)) {
    const std::string phrase = text::nfc(trim(within.scalar));
    if (const auto period = calendar::parse_period(phrase)) {
      due.period = period->count;
      due.counting = period->counting;
    } else {
      r_.error(within, text::Message(
                           "'{0}' is not a period; write '10 days' or '10 working days' ('10 {1}', '10 {2}')",
                           phrase, calendar::kDaysWord, calendar::kWorkingDaysWord));
      ok = false;
    }
  } else {
    ok = false;
  }

  const Node* from = map.find("from");
  if ((from == nullptr || from->is_null()) && repeating_) {
    due.anchor = model::Due::Anchor::period_end;  // each period's last day
    return ok;
  }
  if (from == nullptr || from->is_null()) {
    r_.error(from != nullptr ? *from : map,
             text::Message("'within' needs 'from:', the day the period runs from: a date, inspection.to or "
                           "conclusion.date (e.g. from: conclusion.date)"));
    return false;
  }
  if (!r_.expect_scalar(*from, "from", text::Message("a date, inspection.to or conclusion.date"))) {
    return false;
  }
  const std::string_view anchor = trim(from->scalar);
  if (anchor == "inspection.to") {
    due.anchor = model::Due::Anchor::inspection_to;
  } else if (anchor == "conclusion.date") {
    due.anchor = model::Due::Anchor::conclusion_date;
  } else if (anchor == "period.end") {
    due.anchor = model::Due::Anchor::period_end;
    if (!repeating_) {
      r_.error(*from, text::Message("'period.end' is for a repeating task; add repeat: … to the task or "
                                    "write a date, inspection.to or conclusion.date"));
      ok = false;
    }
  } else if (const auto near = text::nearest(anchor, kAnchors)) {
    r_.error(*from,
             text::Message("'{0}' is not a date nor inspection.to or conclusion.date; did you mean '{1}'?",
                           anchor, *near));
    ok = false;
  } else {
    due.anchor = model::Due::Anchor::date;
    due.anchor_date = r_.date_scalar(*from);
    ok = ok && due.anchor_date.has_value();
  }
  return ok;
}


std::optional<model::Repeat> DocumentParser::parse_repeat(const Node& value) {
  model::Repeat repeat;
  const Node* every = &value;
  if (value.is_mapping()) {
    r_.reject_unknown_keys(value, kRepeatKeys, kInRepeat);
    every = r_.require(value, "every", kInRepeat);
    if (every == nullptr) return std::nullopt;
  }
  if (!r_.expect_scalar(*every, "repeat", kRepeatShape)) return std::nullopt;
  const std::string_view word = trim(every->scalar);
  if (const auto e = model::parse_repeat_every(word)) {
    repeat.every = *e;
  } else {
    r_.choice(*every, text::Message("repetition"), model::repeat_every_names());
    return std::nullopt;
  }
  bool ok = true;
  if (value.is_mapping()) {
    if (const Node* from = value.find("from")) {
      repeat.from = r_.date(*from, "from");
      ok = ok && repeat.from.has_value();
    }
    if (const Node* until = value.find("until")) {
      repeat.until = r_.date(*until, "until");
      ok = ok && repeat.until.has_value();
      if (repeat.from && repeat.until && *repeat.until < *repeat.from) {
        r_.error(*until, text::Message("'until' ({0}) is before 'from' ({1})", trim(until->scalar),
                                       trim(value.find("from")->scalar)));
        ok = false;
      }
    }
  }
  if (!ok) return std::nullopt;
  return repeat;
}

void DocumentParser::check_due_with_repeat(TaskEntry& task, const Node& due) {
  using Form = model::Due::Form;
  const Form form = task.due.form;
  if (!repeating_) {
    if (form == Form::day) {
      r_.error(due, text::Message("'day' is for a repeating task; add repeat: quarterly (or monthly, "
                                  "half-yearly, yearly), or write the date"));
    }
    return;
  }
  if (form == Form::day ||
      (form == Form::within && task.due.anchor == model::Due::Anchor::period_end)) {
    return;
  }
  if (form == Form::within) {
    r_.error(due,
             text::Message("on a repeating task, 'within' runs from the end of each period; remove 'from'"));
    return;
  }
  r_.error(due,
           text::Message("a repeating task needs a deadline for each period: {{day: 15}} (that day of the "
                         "period's last month) or {{within: \"10 working days\"}} (after the period ends)"));
}

}  // namespace

std::optional<Document> parse_document(const Node& root, const std::string& path, Diagnostics& diags) {
  const std::size_t before = diags.size();
  auto doc = DocumentParser(path, diags).parse(root);
  if (doc) doc->partial = diags.size() != before;
  return doc;
}

std::optional<Document> load_document(const std::string& path, const Limits& limits, Diagnostics& diags) {
  const auto source = read_source(path, limits, diags);
  if (!source) return std::nullopt;
  const auto root = load_yaml(*source, limits, diags);
  if (!root) return std::nullopt;
  return parse_document(*root, path, diags);
}

}  // namespace inspectrack::import
