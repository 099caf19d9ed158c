#include "importer.hpp"

#include <fmt/format.h>

#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>

#include "calendars.hpp"
#include "lifecycle.hpp"
#include "inspectrack/calendar/recurrence.hpp"
#include "inspectrack/error.hpp"
#include "message.hpp"
#include "rows.hpp"
#include "schema.hpp"

namespace inspectrack::storage::detail {
namespace {

using text::Lang;

// ---------------------------------------------------------------------------
// Comparing a stored row with the imported one, field by field.

// What decides whether a deadline changed: every column, unambiguously joined.
std::string due_identity(const model::Due& due) {
  const DueColumns c = due_columns(due);
  const auto part = [](const std::optional<std::string>& s) { return s ? "=" + *s : "-"; };
  return fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", c.form, c.text, part(c.date),
                     c.period ? "=" + std::to_string(*c.period) : "-", part(c.counting),
                     part(c.anchor), part(c.anchor_date),
                     c.day ? "=" + std::to_string(*c.day) : "-");
}

// How a deadline reads in the history: the wording as written.
std::string due_display(const model::Due& due) {
  if (!due.text.empty()) return due.text;
  const DueColumns c = due_columns(due);
  if (c.date) return fmt::format("{}: {}", c.form, *c.date);
  if (c.period) {
    return fmt::format("within {} {} from {}", *c.period, c.counting.value_or(""),
                       c.anchor_date.value_or(c.anchor.value_or("")));
  }
  return c.form;
}

std::string indicator_display(const std::optional<model::Indicator>& ind) {
  if (!ind) return {};
  std::string s = ind->name;
  if (ind->value) s += fmt::format("{}{}", s.empty() ? "" : ": ", *ind->value);
  if (ind->target) s += fmt::format("{}/ {}", s.empty() ? "" : " ", *ind->target);
  if (!ind->unit.empty()) s += (s.empty() ? "" : " ") + ind->unit;
  return s;
}

std::string indicator_identity(const std::optional<model::Indicator>& ind) {
  if (!ind) return "-\x1f-\x1f-\x1f-";
  const auto num = [](const std::optional<double>& d) {
    return d ? fmt::format("={}", *d) : std::string("-");
  };
  return fmt::format("{}\x1f{}\x1f{}\x1f{}", ind->name, num(ind->value), num(ind->target),
                     ind->unit);
}

struct Field {
  const char* name;
  std::string text;      // as the history shows it (dates ISO, "" for none)
  std::string identity;  // what decides "changed"
};
using Fields = std::vector<Field>;

Field field(const char* name, std::string text) {
  Field f{name, std::move(text), {}};
  f.identity = f.text;
  return f;
}

Fields unit_fields(const model::Unit& u) {
  return {field("name", u.name), field("kind", std::string(model::to_string(u.kind))),
          field("parent", u.parent.value_or("")), field("head", u.head),
          field("emails", join(u.emails, ", "))};
}

Fields inspection_fields(const model::Inspection& n) {
  return {field("kind", std::string(model::to_string(n.kind))),
          field("title", n.title),
          field("authority", n.authority),
          field("team", n.team),
          field("scope", n.scope.value_or("")),
          field("from", iso_or_empty(n.from)),
          field("to", iso_or_empty(n.to)),
          field("conclusion.number", n.conclusion.number),
          field("conclusion.date", iso_or_empty(n.conclusion.date)),
          field("conclusion.title", n.conclusion.title),
          field("conclusion.signed_by", n.conclusion.signed_by)};
}

Fields finding_fields(const model::Finding& f) {
  Fields fields = {field("unit", f.unit),
                   field("area", f.area),
                   field("severity", f.severity ? std::string(model::to_string(*f.severity)) : ""),
                   field("text", f.text),
                   field("legal_basis", f.legal_basis),
                   field("indicator", indicator_display(f.indicator))};
  fields.back().identity = indicator_identity(f.indicator);
  return fields;
}

// The fields an import compares and the history names. Keep kFindingsField and the
// identity set on fields[4] (due) in step with the order.
constexpr std::size_t kFindingsField = 2;
Fields task_fields(const model::Task& t) {
  Fields fields = {field("action", t.action),
                   field("report_to", t.report_to.value_or("")),
                   field("findings", join(sorted_unique(t.findings), ", ")),
                   field("target", t.target),
                   field("due", due_display(t.due)),
                   field("calendar", t.calendar),
                   field("repeat", t.repeat ? model::describe(*t.repeat) : std::string()),
                   field("last_day", iso_or_empty(t.last_day)),
                   field("provisional", t.due_provisional ? "yes" : "no")};
  fields[4].identity = due_identity(t.due);
  return fields;
}

// Indexes of the fields whose identity differs.
std::vector<std::size_t> changed(const Fields& before, const Fields& after) {
  std::vector<std::size_t> out;
  for (std::size_t n = 0; n < before.size(); ++n) {
    if (before[n].identity != after[n].identity) out.push_back(n);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Import

// Statements are prepared once per import and run many times.
void exec_reset(SQLite::Statement& q) {
  q.exec();
  q.reset();
}

class Importer {
 public:
  Importer(SQLite::Database& db, const ImportOptions& options, Lang lang)
      : db_(db),
        options_(options),
        lang_(lang),
        unit_get_(db, std::string("SELECT u.id, ") + kUnitColumns + " WHERE u.key = ?"),
        unit_insert_(db,
                     "INSERT INTO units (key, name, kind, parent_id, head, emails)"
                     " VALUES (?, ?, ?, ?, ?, ?)"),
        unit_update_(db,
                     "UPDATE units SET name = ?, kind = ?, parent_id = ?, head = ?, emails = ?"
                     " WHERE id = ?"),
        inspection_get_(db, std::string("SELECT n.id, n.source_file, ") + kInspectionColumns +
                                " WHERE n.key = ?"),
        inspection_insert_(db,
                           "INSERT INTO inspections (key, kind, title, authority, team, scope_id,"
                           " from_date, to_date, conclusion_number, conclusion_date,"
                           " conclusion_title, conclusion_signed_by, source_file)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        inspection_update_(db,
                           "UPDATE inspections SET kind = ?, title = ?, authority = ?, team = ?,"
                           " scope_id = ?, from_date = ?, to_date = ?, conclusion_number = ?,"
                           " conclusion_date = ?, conclusion_title = ?, conclusion_signed_by = ?,"
                           " source_file = ? WHERE id = ?"),
        findings_get_(
            db, std::string("SELECT f.id, ") + kFindingColumns + " WHERE f.inspection_id = ?"),
        finding_insert_(db,
                        "INSERT INTO findings (inspection_id, key, unit_id, area, severity, text,"
                        " legal_basis, indicator_name, indicator_value, indicator_target,"
                        " indicator_unit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        finding_update_(db,
                        "UPDATE findings SET unit_id = ?, area = ?, severity = ?, text = ?,"
                        " legal_basis = ?, indicator_name = ?, indicator_value = ?,"
                        " indicator_target = ?, indicator_unit = ? WHERE id = ?"),
        tasks_get_(db, std::string(task_select_sql()) + " WHERE t.inspection_id = ?"),
        task_insert_(db,
                     "INSERT INTO tasks (inspection_id, key, assignee_id, period, action,"
                     " report_to_id, target, due_form, due_text, due_date, due_period,"
                     " due_counting, due_anchor, due_anchor_date, due_day, calendar, repeat_every,"
                     " repeat_from, repeat_until, last_day, due_provisional, original_last_day,"
                     " created_at, updated_at)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        task_update_(db,
                     "UPDATE tasks SET action = ?, report_to_id = ?, target = ?, due_form = ?,"
                     " due_text = ?, due_date = ?, due_period = ?, due_counting = ?,"
                     " due_anchor = ?, due_anchor_date = ?, due_day = ?, calendar = ?,"
                     " repeat_every = ?, repeat_from = ?, repeat_until = ?, last_day = ?,"
                     " due_provisional = ?, original_last_day = ?, updated_at = ? WHERE id = ?"),
        links_delete_(db, "DELETE FROM task_findings WHERE task_id = ?"),
        link_insert_(db, "INSERT INTO task_findings (task_id, finding_id) VALUES (?, ?)"),
        event_insert_(db,
                      "INSERT INTO events (at, actor, action, entity, key, task_id, field,"
                      " before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        task_progress_(db,
                       "SELECT action FROM events WHERE task_id = ?"
                       " AND action NOT IN ('import', 'update', 'repeat') ORDER BY id LIMIT 1"),
        task_delete_(db, "DELETE FROM tasks WHERE id = ?"),
        finding_linked_(db,
                        "SELECT i.key || '/' || t.key || '@' || a.key FROM task_findings tf"
                        " JOIN tasks t ON t.id = tf.task_id"
                        " JOIN inspections i ON i.id = t.inspection_id"
                        " JOIN units a ON a.id = t.assignee_id"
                        " WHERE tf.finding_id = ? ORDER BY 1 LIMIT 1"),
        finding_delete_(db, "DELETE FROM findings WHERE id = ?") {
    SQLite::Statement q(db, "SELECT key, id FROM units");
    while (q.executeStep())
      unit_ids_.emplace(q.getColumn(0).getString(), q.getColumn(1).getInt64());
  }

  ImportOutcome run(const import::ImportPlan& plan) {
    definitions(plan.calendars, plan.units);
    for (const auto& inspection : plan.inspections) import_inspection(inspection);
    import_progress(plan.progress);
    return finish();
  }

  // The stages of run(), for an import given one inspection at a time (ImportSession).
  // Changes go to `sink` as they are made when one is set, else into the outcome.
  void set_sink(std::function<void(const Change&)> sink) { sink_ = std::move(sink); }
  void definitions(const std::vector<import::CalendarPlan>& calendars, const std::vector<model::Unit>& units) {
    changed_calendars_ = import_calendars(calendars);
    import_units(units);
  }
  void units(const std::vector<model::Unit>& units) { import_units(units); }
  void inspection(const import::InspectionPlan& plan) { import_inspection(plan); }
  void progress(const std::vector<import::ProgressEntry>& entries) { import_progress(entries); }
  // What is left once the inspections are stored (deadlines of tasks whose calendar
  // changed, before any progress is judged), and the outcome.
  ImportOutcome finish() {
    end_inspections();
    for (auto& c : progress_changes_) emit(std::move(c));
    progress_changes_.clear();
    return std::move(outcome_);
  }

  // Occurrences of every series that have come due since the latest one made.
  std::vector<Change> make_occurrences(model::Date until) {
    until_ = until;
    SQLite::Statement series_q(db_, std::string(task_select_sql()) +
                                        " WHERE t.repeat_every IS NOT NULL AND t.period = ''"
                                        " ORDER BY t.id");
    std::vector<model::Task> all_series;
    while (series_q.executeStep()) all_series.push_back(read_task(series_q));
    std::vector<Change> out;
    for (const model::Task& series : all_series) {
      for (const model::Task& occurrence : pending_occurrences(series)) {
        const std::int64_t inspection_id = inspection_id_of(series.inspection);
        out.push_back(import_task(inspection_id, series.inspection, occurrence, nullptr,
                                  finding_ids_of(inspection_id)));
      }
    }
    return out;
  }

  // The occurrences make_occurrences() would make for one series.
  std::vector<model::Task> pending_occurrences(const model::Task& series) {
    SQLite::Statement periods_q(db_,
                                "SELECT period FROM tasks WHERE inspection_id ="
                                " (SELECT id FROM inspections WHERE key = ?) AND key = ? AND"
                                " assignee_id = (SELECT id FROM units WHERE key = ?) AND period <> ''");
    periods_q.bind(1, series.inspection);
    periods_q.bind(2, series.key);
    periods_q.bind(3, series.assignee);
    std::vector<std::string> periods;
    while (periods_q.executeStep()) periods.push_back(periods_q.getColumn(0).getString());
    const std::string latest = latest_period(series, periods);
    const auto inspection = inspection_by_key(series.inspection);
    // Filtered in place: a series from the year 1 has some 24,000 periods.
    std::vector<model::Task> out = occurrences_of(series, inspection, latest);
    std::erase_if(out, [&](const model::Task& occurrence) { return occurrence.period <= latest; });
    return out;
  }

  void set_until(std::optional<model::Date> until) { until_ = until; }

 private:
  struct StoredFinding {
    std::int64_t id = 0;
    model::Finding finding;
  };

  // --- units --------------------------------------------------------------

  void import_units(const std::vector<model::Unit>& units) {
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t n = 0; n < units.size(); ++n) index.emplace(units[n].key, n);
    std::vector<int> state(units.size(), 0);  // 0 to do, 1 in progress, 2 done
    std::vector<Change> changes(units.size());

    // Parents come first in a plan; should one come later, it is stored first anyway.
    const auto visit = [&](auto&& self, std::size_t n) -> void {
      if (state[n] == 2) return;
      if (state[n] == 1) {
        throw StorageError(say(lang_, "unit '{}' is among its own parents",
                               "đơn vị '{}' nằm trong chính các cấp trên của nó", units[n].key),
                           ExitCode::data_error);
      }
      state[n] = 1;
      if (units[n].parent) {
        if (auto it = index.find(*units[n].parent); it != index.end()) self(self, it->second);
      }
      changes[n] = import_unit(units[n]);
      state[n] = 2;
    };
    for (std::size_t n = 0; n < units.size(); ++n) visit(visit, n);
    for (auto& c : changes) emit(std::move(c));
  }

  Change import_unit(const model::Unit& unit) {
    Change change{Change::Kind::unchanged, "unit", unit.key, {}};
    unit_get_.bind(1, unit.key);
    std::optional<std::int64_t> id;
    std::optional<model::Unit> stored;
    if (unit_get_.executeStep()) {
      id = unit_get_.getColumn(0).getInt64();
      stored = read_unit(unit_get_, 1);
    }
    unit_get_.reset();

    const auto bind_values = [&](SQLite::Statement& q, int first) {
      q.bind(first, unit.name);
      q.bind(first + 1, std::string(model::to_string(unit.kind)));
      bind_id(q, first + 2, unit_id(unit.parent));
      bind_text(q, first + 3, unit.head);
      bind_text(q, first + 4, join(unit.emails, ", "));
    };
    if (!stored) {
      unit_insert_.bind(1, unit.key);
      bind_values(unit_insert_, 2);
      exec_reset(unit_insert_);
      unit_ids_[unit.key] = last_insert_id();
      change.kind = Change::Kind::added;
      event("import", "unit", unit.key, std::nullopt, "", "", unit.name);
      return change;
    }
    const Fields before = unit_fields(*stored);
    const Fields after = unit_fields(unit);
    const auto diff = changed(before, after);
    if (diff.empty()) return change;
    bind_values(unit_update_, 1);
    unit_update_.bind(6, static_cast<std::int64_t>(*id));
    exec_reset(unit_update_);
    record_update(change, "unit", unit.key, std::nullopt, before, after, diff);
    return change;
  }

  // --- one inspection -----------------------------------------------------

  void import_inspection(const import::InspectionPlan& plan) {
    const model::Inspection& inspection = plan.inspection;
    const std::string& key = inspection.key;
    Change change{Change::Kind::unchanged, "inspection", key, {}};

    inspection_get_.bind(1, key);
    std::optional<std::int64_t> id;
    std::optional<model::Inspection> stored;
    std::optional<std::string> stored_source;
    if (inspection_get_.executeStep()) {
      id = inspection_get_.getColumn(0).getInt64();
      stored_source = opt_text(inspection_get_.getColumn(1));
      stored = read_inspection(inspection_get_, 2);
    }
    inspection_get_.reset();

    const auto bind_values = [&](SQLite::Statement& q, int first) {
      q.bind(first, std::string(model::to_string(inspection.kind)));
      q.bind(first + 1, inspection.title);
      bind_text(q, first + 2, inspection.authority);
      bind_text(q, first + 3, inspection.team);
      bind_id(q, first + 4, unit_id(inspection.scope));
      bind_date(q, first + 5, inspection.from);
      bind_date(q, first + 6, inspection.to);
      bind_text(q, first + 7, inspection.conclusion.number);
      bind_date(q, first + 8, inspection.conclusion.date);
      bind_text(q, first + 9, inspection.conclusion.title);
      bind_text(q, first + 10, inspection.conclusion.signed_by);
      bind_text(q, first + 11, plan.source);
    };
    if (!stored) {
      inspection_insert_.bind(1, key);
      bind_values(inspection_insert_, 2);
      exec_reset(inspection_insert_);
      id = last_insert_id();
      change.kind = Change::Kind::added;
      event("import", "inspection", key, std::nullopt, "", "", inspection.title);
    } else {
      const Fields before = inspection_fields(*stored);
      const Fields after = inspection_fields(inspection);
      const auto diff = changed(before, after);
      // The source file is where the inspection was last read from, not its content:
      // it follows silently, without an event.
      if (!diff.empty() || stored_source.value_or("") != plan.source) {
        bind_values(inspection_update_, 1);
        inspection_update_.bind(13, static_cast<std::int64_t>(*id));
        exec_reset(inspection_update_);
      }
      if (!diff.empty())
        record_update(change, "inspection", key, std::nullopt, before, after, diff);
    }
    emit(std::move(change));

    std::vector<Change> finding_changes;
    std::vector<Change> task_changes;
    std::map<std::string, StoredFinding> findings = stored_findings(*id);
    std::unordered_map<std::string, std::int64_t> finding_ids;
    for (const auto& [fkey, f] : findings) finding_ids.emplace(fkey, f.id);

    std::set<std::string> seen_findings;
    for (const auto& finding : plan.findings) {
      seen_findings.insert(finding.key);
      const auto it = findings.find(finding.key);
      finding_changes.push_back(import_finding(
          *id, key, finding, it == findings.end() ? nullptr : &it->second, finding_ids));
    }

    std::map<std::string, model::Task> tasks = stored_tasks(*id);
    std::set<std::string> seen_tasks;
    const auto upsert = [&](const model::Task& task) {
      const std::string tkey = task_slot(task);
      seen_tasks.insert(tkey);
      const auto it = tasks.find(tkey);
      task_changes.push_back(
          import_task(*id, key, task, it == tasks.end() ? nullptr : &it->second, finding_ids));
    };
    for (const auto& task : plan.tasks) upsert(task);
    for (const auto& series : plan.series) {
      upsert(series);
      std::vector<std::string> periods;
      const std::string prefix = series.key + "@" + series.assignee + "#";
      for (auto it = tasks.lower_bound(prefix);
           it != tasks.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
        periods.push_back(it->second.period);
      }
      const std::string latest = latest_period(series, periods);
      for (const model::Task& occurrence : occurrences_of(series, inspection, latest)) {
        upsert(occurrence);
      }
    }

    // Tasks first: deleting one releases its links to the findings pruned next.
    for (const auto& [tkey, task] : tasks) {
      if (!seen_tasks.count(tkey)) task_changes.push_back(missing_task(task));
    }
    for (const auto& [fkey, stored_finding] : findings) {
      if (!seen_findings.count(fkey)) {
        finding_changes.push_back(missing_finding(key, stored_finding));
      }
    }
    for (auto& c : finding_changes) emit(std::move(c));
    for (auto& c : task_changes) emit(std::move(c));
  }

  std::map<std::string, StoredFinding> stored_findings(std::int64_t inspection_id) {
    std::map<std::string, StoredFinding> out;
    findings_get_.bind(1, inspection_id);
    while (findings_get_.executeStep()) {
      StoredFinding f{findings_get_.getColumn(0).getInt64(), read_finding(findings_get_, 1)};
      out.emplace(f.finding.key, std::move(f));
    }
    findings_get_.reset();
    return out;
  }

  // Keyed by TASK@ASSIGNEE#PERIOD (task_slot).
  std::map<std::string, model::Task> stored_tasks(std::int64_t inspection_id) {
    std::map<std::string, model::Task> out;
    tasks_get_.bind(1, inspection_id);
    while (tasks_get_.executeStep()) {
      model::Task t = read_task(tasks_get_);
      out.emplace(task_slot(t), std::move(t));
    }
    tasks_get_.reset();
    return out;
  }

  Change import_finding(std::int64_t inspection_id, const std::string& inspection_key,
                        const model::Finding& finding, const StoredFinding* stored,
                        std::unordered_map<std::string, std::int64_t>& finding_ids) {
    const std::string key = inspection_key + "/" + finding.key;
    Change change{Change::Kind::unchanged, "finding", key, {}};
    const auto bind_values = [&](SQLite::Statement& q, int first) {
      q.bind(first, unit_id(finding.unit));
      bind_text(q, first + 1, finding.area);
      bind_text(q, first + 2,
                finding.severity ? std::string(model::to_string(*finding.severity)) : "");
      q.bind(first + 3, finding.text);
      bind_text(q, first + 4, finding.legal_basis);
      const auto& ind = finding.indicator;
      bind_text(q, first + 5, ind ? ind->name : "");
      bind_real(q, first + 6, ind ? ind->value : std::nullopt);
      bind_real(q, first + 7, ind ? ind->target : std::nullopt);
      bind_text(q, first + 8, ind ? ind->unit : "");
    };
    if (!stored) {
      finding_insert_.bind(1, inspection_id);
      finding_insert_.bind(2, finding.key);
      bind_values(finding_insert_, 3);
      exec_reset(finding_insert_);
      finding_ids[finding.key] = last_insert_id();
      change.kind = Change::Kind::added;
      event("import", "finding", key, std::nullopt, "", "", finding.text);
      return change;
    }
    const Fields before = finding_fields(stored->finding);
    const Fields after = finding_fields(finding);
    const auto diff = changed(before, after);
    if (diff.empty()) return change;
    bind_values(finding_update_, 1);
    finding_update_.bind(10, stored->id);
    exec_reset(finding_update_);
    record_update(change, "finding", key, std::nullopt, before, after, diff);
    return change;
  }

  Change import_task(std::int64_t inspection_id, const std::string& inspection_key,
                     const model::Task& plan_task, const model::Task* stored,
                     const std::unordered_map<std::string, std::int64_t>& finding_ids) {
    model::Task task = plan_task;
    task.inspection = inspection_key;
    task.findings = sorted_unique(task.findings);
    if (task.calendar.empty()) task.calendar = calendar::kDefaultCalendar;
    const std::string key = task.full_key();
    Change change{Change::Kind::unchanged, "task", key, {}};

    std::vector<std::int64_t> links;
    for (const auto& fkey : task.findings) {
      const auto it = finding_ids.find(fkey);
      if (it == finding_ids.end()) {
        throw StorageError(say(lang_,
                               "task '{}' refers to finding '{}', which inspection '{}' "
                               "does not have",
                               "nhiệm vụ '{}' dẫn chiếu tồn tại '{}', không có trong đợt "
                               "kiểm tra '{}'",
                               key, fkey, inspection_key),
                           ExitCode::data_error);
      }
      links.push_back(it->second);
    }

    // The plan's last day is the deadline as written; an extension keeps a later one
    // in force (progress is never overwritten by an import).
    std::optional<model::Date> in_force = task.last_day;
    if (stored != nullptr && stored->extensions > 0 && stored->last_day &&
        (!in_force || *in_force < *stored->last_day)) {
      in_force = stored->last_day;
    }
    const DueColumns due = due_columns(task.due);
    const auto bind_values = [&](SQLite::Statement& q, int first) {
      q.bind(first, task.action);
      bind_id(q, first + 1, unit_id(task.report_to));
      bind_text(q, first + 2, task.target);
      q.bind(first + 3, due.form);
      q.bind(first + 4, due.text);
      bind_text(q, first + 5, due.date);
      if (due.period) {
        q.bind(first + 6, *due.period);
      } else {
        q.bind(first + 6);
      }
      bind_text(q, first + 7, due.counting);
      bind_text(q, first + 8, due.anchor);
      bind_text(q, first + 9, due.anchor_date);
      if (due.day) {
        q.bind(first + 10, *due.day);
      } else {
        q.bind(first + 10);
      }
      q.bind(first + 11, task.calendar);
      bind_text(q, first + 12, task.repeat ? std::optional<std::string>(std::string(
                                                 model::to_string(task.repeat->every)))
                                           : std::nullopt);
      bind_date(q, first + 13, task.repeat ? task.repeat->from : std::nullopt);
      bind_date(q, first + 14, task.repeat ? task.repeat->until : std::nullopt);
      bind_date(q, first + 15, in_force);
      q.bind(first + 16, task.due_provisional ? 1 : 0);
      bind_date(q, first + 17, task.last_day);
    };
    const auto write_links = [&](std::int64_t task_id, bool replace) {
      if (replace) {
        links_delete_.bind(1, task_id);
        exec_reset(links_delete_);
      }
      for (const auto finding_id : links) {
        link_insert_.bind(1, task_id);
        link_insert_.bind(2, finding_id);
        exec_reset(link_insert_);
      }
    };

    if (!stored) {
      task_insert_.bind(1, inspection_id);
      task_insert_.bind(2, task.key);
      task_insert_.bind(3, unit_id(task.assignee));
      task_insert_.bind(4, task.period);
      bind_values(task_insert_, 5);
      task_insert_.bind(23, options_.now);
      task_insert_.bind(24, options_.now);
      exec_reset(task_insert_);
      const std::int64_t id = last_insert_id();
      write_links(id, false);
      change.kind = Change::Kind::added;
      // An occurrence is made by the series' rule, not read from a file.
      event(task.period.empty() ? "import" : "repeat", "task", key, id, "", "", task.action);
      return change;
    }
    // Compared as written: the stored deadline before any extension.
    model::Task as_written = *stored;
    as_written.last_day = stored->original_last_day;
    const Fields before = task_fields(as_written);
    const Fields after = task_fields(task);
    const auto diff = changed(before, after);
    if (diff.empty()) return change;
    bind_values(task_update_, 1);
    task_update_.bind(19, options_.now);
    task_update_.bind(20, stored->id);
    exec_reset(task_update_);
    if (before[kFindingsField].identity != after[kFindingsField].identity) {
      write_links(stored->id, true);
    }
    record_update(change, "task", key, stored->id, before, after, diff);
    if (const auto progress = progress_of(*stored)) {
      std::string fields;
      for (const auto n : diff) fields += (fields.empty() ? "" : ", ") + std::string(after[n].name);
      outcome_.warnings.push_back(say(lang_,
                                      "task '{}' has progress ({}); the file changed its {}; its "
                                      "progress is kept",
                                      "nhiệm vụ '{}' đã có tiến độ ({}); tệp đã thay đổi {}; tiến "
                                      "độ vẫn được giữ nguyên",
                                      key, *progress, fields));
    }
    return change;
  }

  // --- rows the plan no longer has ----------------------------------------

  // What progress a stored task has, in words ("status 'done'", "extended", "'note' in
  // its history"); nullopt when none.
  std::optional<std::string> progress_of(const model::Task& task) {
    if (task.status != model::Status::open) {
      return fmt::format("status '{}'", model::to_string(task.status));
    }
    if (task.extensions > 0) return std::string("extended");
    task_progress_.bind(1, task.id);
    std::optional<std::string> progress;
    if (task_progress_.executeStep()) {
      progress = fmt::format("'{}' in its history", task_progress_.getColumn(0).getString());
    }
    task_progress_.reset();
    return progress;
  }

  Change missing_task(const model::Task& task) {
    const std::string key = task.full_key();
    Change change{Change::Kind::missing, "task", key, {}};
    if (!options_.prune) return change;

    if (task.status != model::Status::open) {
      outcome_.refusals.push_back(
          say(lang_, "task '{}' has progress (status '{}'); kept, not pruned",
              "nhiệm vụ '{}' đã có tiến độ (trạng thái '{}'); được giữ lại, không "
              "xóa",
              key, model::to_string(task.status)));
      return change;
    }
    task_progress_.bind(1, task.id);
    std::optional<std::string> progress;
    if (task_progress_.executeStep()) progress = task_progress_.getColumn(0).getString();
    task_progress_.reset();
    if (progress) {
      outcome_.refusals.push_back(
          say(lang_, "task '{}' has progress ('{}' in its history); kept, not pruned",
              "nhiệm vụ '{}' đã có tiến độ ('{}' trong nhật ký); được giữ lại, không "
              "xóa",
              key, *progress));
      return change;
    }
    // Its links and its reminders' references go by hand, before it: the cascades of
    // the foreign keys do not run while an upgrade is pending (foreign keys are off).
    links_delete_.bind(1, task.id);
    exec_reset(links_delete_);
    if (!reminded_unlink_) {
      reminded_unlink_.emplace(db_, "UPDATE reminder_tasks SET task_id = NULL WHERE task_id = ?");
    }
    reminded_unlink_->bind(1, task.id);
    exec_reset(*reminded_unlink_);
    task_delete_.bind(1, task.id);
    exec_reset(task_delete_);
    event("prune", "task", key, task.id, "", task.action, "");
    change.kind = Change::Kind::pruned;
    return change;
  }

  Change missing_finding(const std::string& inspection_key, const StoredFinding& stored) {
    const std::string key = inspection_key + "/" + stored.finding.key;
    Change change{Change::Kind::missing, "finding", key, {}};
    if (!options_.prune) return change;

    finding_linked_.bind(1, stored.id);
    std::optional<std::string> linked;
    if (finding_linked_.executeStep()) linked = finding_linked_.getColumn(0).getString();
    finding_linked_.reset();
    if (linked) {
      outcome_.refusals.push_back(
          say(lang_, "finding '{}' is linked to task '{}', which is kept; not pruned",
              "tồn tại '{}' gắn với nhiệm vụ '{}' vẫn được giữ lại; không xóa", key, *linked));
      return change;
    }
    // A link of a task that is gone would have gone with the finding by cascade.
    if (!finding_links_delete_) {
      finding_links_delete_.emplace(db_, "DELETE FROM task_findings WHERE finding_id = ?");
    }
    finding_links_delete_->bind(1, stored.id);
    exec_reset(*finding_links_delete_);
    finding_delete_.bind(1, stored.id);
    exec_reset(finding_delete_);
    event("prune", "finding", key, std::nullopt, "", stored.finding.text, "");
    change.kind = Change::Kind::pruned;
    return change;
  }

  // --- progress ---------------------------------------------------------------

  // Applies the entries in file order, each to the task as the entries before it left
  // it. A refused entry is an error at its place; the caller writes nothing then.
  void import_progress(const std::vector<import::ProgressEntry>& entries) {
    if (entries.empty()) return;
    end_inspections();
    const model::Date as_of = options_.as_of.value_or(options_.occurrences_until.value_or(model::Date{}));
    std::map<std::string, std::size_t>& change_index = progress_index_;  // task key → its Change
    // Only what was recorded before this import counts as "already recorded": a file
    // may do, reopen and do again on the same day.
    if (!recorded_until_) {
      SQLite::Statement last_event(db_, "SELECT coalesce(max(id), 0) FROM events");
      last_event.executeStep();
      recorded_until_ = last_event.getColumn(0).getInt64();
    }
    const std::int64_t recorded_until = *recorded_until_;
    for (const import::ProgressEntry& entry : entries) {
      const std::string& key = entry.task.key;
      auto task = task_with_key(db_, key);
      if (!task) {
        outcome_.progress_errors.push_back(
            {entry.task.pos,
             text::Message::verbatim(say(lang_, "no task '{}'; check the key with: inspectrack list tasks",
                                         "không có nhiệm vụ '{}'; hãy kiểm tra khóa bằng: inspectrack list "
                                         "tasks",
                                         key))});
        continue;
      }
      if (task->repeat && task->period.empty()) {
        outcome_.progress_errors.push_back(
            {entry.task.pos,
             text::Message::verbatim(
                 say(lang_,
                     "'{}' is a recurring task's rule; record progress on one of its periods, e.g. "
                     "'{}#…' (see: inspectrack list tasks --inspection {})",
                     "'{}' là quy định lặp lại của nhiệm vụ định kỳ; hãy ghi tiến độ cho một kỳ của nó, "
                     "ví dụ '{}#…' (xem: inspectrack list tasks --inspection {})",
                     key, key, task->inspection))});
        continue;
      }
      const model::ChangeContext context = change_context(db_, *task, as_of);
      model::ChangeCheck check = model::check_change(*task, entry.change, context);
      if (check.outcome != model::ChangeCheck::Outcome::unchanged &&
          already_recorded(db_, task->id, entry.change, check.effective, recorded_until)) {
        check.outcome = model::ChangeCheck::Outcome::unchanged;
      }
      if (check.outcome == model::ChangeCheck::Outcome::refused) {
        const import::Position& where = check.part == model::ChangeCheck::Part::date   ? entry.date_pos
                                        : check.part == model::ChangeCheck::Part::text ? entry.text_pos
                                                                                        : entry.change_pos;
        outcome_.progress_errors.push_back(
            {where.line > 0 ? where : entry.pos, text::Message("{0}: {1}", key, check.reason)});
        continue;
      }
      auto [it, inserted] = change_index.try_emplace(task->full_key(), progress_changes_.size());
      if (inserted) progress_changes_.push_back({Change::Kind::unchanged, "task", task->full_key(), {}});
      if (check.outcome == model::ChangeCheck::Outcome::unchanged) continue;
      const std::string actor = entry.by.empty() ? options_.actor : entry.by;
      const auto fields = write_change(db_, *task, check, entry.change, actor, options_.now);
      Change& change = progress_changes_[it->second];
      change.kind = Change::Kind::changed;
      change.fields.emplace_back(model::to_string(entry.change.kind));
      (void)fields;
    }
  }

  // --- calendars and recurring tasks ----------------------------------------

  // Stores the plan's calendars and the shipped one; returns the keys of stored
  // calendars whose days changed, so that deadlines counted with them move too.
  std::set<std::string> import_calendars(const std::vector<import::CalendarPlan>& calendars) {
    std::set<std::string> changed_keys;
    const auto store = [&](const calendar::CalendarSpec& spec, bool builtin,
                           const std::string& source) {
      const auto stored = read_calendar(db_, spec.key);
      Change change{Change::Kind::unchanged, "calendar", spec.key, {}};
      if (stored && builtin && !stored->builtin) return;  // an imported one replaces it
      if (stored && stored->spec == spec && stored->builtin == builtin) {
        if (!builtin) emit(std::move(change));
        return;
      }
      write_calendar(db_, spec, builtin, source);
      if (!stored) {
        change.kind = Change::Kind::added;
        event("import", "calendar", spec.key, std::nullopt, "", "", spec.name);
      } else {
        change.kind = Change::Kind::changed;
        changed_keys.insert(spec.key);
        if (stored->spec.name != spec.name) {
          change.fields.emplace_back("name");
          event("update", "calendar", spec.key, std::nullopt, "name", stored->spec.name, spec.name);
        }
        if (stored->spec.weekend != spec.weekend) {
          change.fields.emplace_back("weekend");
          event("update", "calendar", spec.key, std::nullopt, "weekend",
                weekend_text(stored->spec.weekend), weekend_text(spec.weekend));
        }
        if (stored->spec.rules != spec.rules) {
          change.fields.emplace_back("rules");
          event("update", "calendar", spec.key, std::nullopt, "rules",
                stored->spec.rules == calendar::Rules::vietnam ? "vietnam" : "none",
                spec.rules == calendar::Rules::vietnam ? "vietnam" : "none");
        }
        std::set<int> years;
        for (const auto& y : stored->spec.years) years.insert(y.year);
        for (const auto& y : spec.years) years.insert(y.year);
        for (const int year : years) {
          const std::string before = year_summary(stored->spec, year);
          const std::string after = year_summary(spec, year);
          const auto find = [year](const calendar::CalendarSpec& s) -> const calendar::YearSpec* {
            for (const auto& y : s.years) {
              if (y.year == year) return &y;
            }
            return nullptr;
          };
          const auto* a = find(stored->spec);
          const auto* b = find(spec);
          if (a != nullptr && b != nullptr && *a == *b) continue;
          const std::string name = fmt::format("year {}", year);
          change.fields.push_back(name);
          event("update", "calendar", spec.key, std::nullopt, name, before, after);
        }
        if (stored->builtin != builtin) change.fields.emplace_back("source");
      }
      if (!builtin || change.kind != Change::Kind::unchanged) {
        emit(std::move(change));
      }
    };
    for (const auto& c : calendars) store(c.spec, false, c.source);
    if (options_.shipped != nullptr) store(*options_.shipped, true, "");
    return changed_keys;
  }

  // Deadlines counted with a calendar that changed: periods (`within`), whose last
  // day depends on the days off, including recurring occurrences.
  void recompute_deadlines(const std::set<std::string>& keys) {
    if (options_.calendars == nullptr) return;
    SQLite::Statement q(db_, std::string(task_select_sql()) +
                                 " WHERE t.due_form = 'within' AND t.calendar = ?"
                                 " AND (t.repeat_every IS NULL OR t.period <> '') ORDER BY t.id");
    for (const std::string& key : keys) {
      const calendar::WorkCalendar* cal = options_.calendars->find(key);
      if (cal == nullptr) continue;
      q.bind(1, key);
      std::vector<model::Task> tasks;
      while (q.executeStep()) tasks.push_back(read_task(q));
      q.reset();
      for (const model::Task& stored : tasks) {
        const auto inspection = inspection_by_key(stored.inspection);
        calendar::Anchors anchors{inspection.to, inspection.conclusion.date, std::nullopt};
        if (!stored.period.empty() && stored.repeat) {
          if (auto period = calendar::parse_period_label(stored.repeat->every, stored.period)) {
            anchors.period_end = period->end;
          }
        }
        const auto result = calendar::last_allowed_day(stored.due, anchors, *cal);
        if (result.error != calendar::DeadlineError::none) continue;
        model::Task task = stored;
        task.last_day = result.last_day;
        task.due_provisional = result.provisional;
        const std::int64_t inspection_id = inspection_id_of(stored.inspection);
        Change change = import_task(inspection_id, stored.inspection, task, &stored,
                                    finding_ids_of(inspection_id));
        if (change.kind != Change::Kind::unchanged) emit(std::move(change));
      }
    }
  }

  // The occurrences of `series` to keep: those due by the limit, and any up to the
  // latest already made (so that an import with an earlier as-of date does not call
  // them missing).
  std::vector<model::Task> occurrences_of(const model::Task& series,
                                          const model::Inspection& inspection,
                                          const std::string& latest) {
    std::vector<model::Task> out;
    if (!series.repeat || !series.repeat->from || options_.calendars == nullptr) return out;
    const calendar::WorkCalendar* cal = options_.calendars->find(series.calendar);
    if (cal == nullptr) return out;
    std::optional<model::Date> limit = until_;
    if (!latest.empty()) {
      if (const auto p = calendar::parse_period_label(series.repeat->every, latest)) {
        // Deadlines fall within a year and a half of their period's end.
        const model::Date reach = p->end.plus_days(550);
        if (!limit || *limit < reach) limit = reach;
      }
    }
    if (!limit) return out;
    const calendar::Anchors anchors{inspection.to, inspection.conclusion.date, std::nullopt};
    const auto all = calendar::occurrences(*series.repeat, *series.repeat->from, series.due,
                                           anchors, *cal, *limit);
    out.reserve(all.size());  // no doubling of a series' copies while they are made
    for (const auto& occ : all) {
      // Nothing is owed before the series begins: a monthly report ordered on 26/4
      // with `day: 10` first falls due on 10/5.
      if (occ.last_day < *series.repeat->from) continue;
      const bool due = until_ && occ.last_day <= *until_;
      if (!due && occ.period.label > latest) continue;
      if (occ.period.label > latest) count_new_occurrence(series);
      model::Task task = series;
      task.id = 0;
      task.period = occ.period.label;
      task.last_day = occ.last_day;
      task.due_provisional = occ.provisional;
      out.push_back(std::move(task));
    }
    return out;
  }

  // Occurrences copy their series' text: a monthly series from the year 1 fanned out
  // to a province's communes would make millions of rows at once. The new ones of one
  // run are counted before each copy is made (those made before were allowed then, and
  // a database grows by a period at a time).
  void count_new_occurrence(const model::Task& series) {
    ++new_occurrences_;
    occurrence_text_ += series.action.size() + series.target.size();
    if (new_occurrences_ <= options_.max_occurrences &&
        occurrence_text_ <= options_.max_occurrence_text) {
      return;
    }
    throw StorageError(
        say(lang_,
            "the recurring task '{}' and the others would make more than {} new tracked tasks, "
            "or more than {} bytes of their text, at once (one task per period and assignee), "
            "the limit for one run; give their repeat: a later from: or an until:",
            "nhiệm vụ định kỳ '{}' cùng các nhiệm vụ khác sẽ tạo cùng lúc hơn {} nhiệm vụ theo "
            "dõi mới, hoặc hơn {} byte văn bản của chúng (mỗi kỳ và mỗi đơn vị một nhiệm vụ), vượt "
            "giới hạn cho một lần chạy; hãy cho repeat: một from: muộn hơn hoặc một until:",
            series.inspection + "/" + series.key, options_.max_occurrences,
            options_.max_occurrence_text),
        ExitCode::data_error);
  }

  // The latest of a series' stored periods that are of its current kind ("2021-Q3"
  // and "2021-12" do not compare as text once a series changes from quarterly to
  // monthly); "" when none.
  static std::string latest_period(const model::Task& series, const std::vector<std::string>& periods) {
    std::string latest;
    std::optional<calendar::ReportPeriod> best;
    if (!series.repeat) return latest;
    for (const std::string& label : periods) {
      const auto p = calendar::parse_period_label(series.repeat->every, label);
      if (p && (!best || best->start < p->start)) {
        best = p;
        latest = label;
      }
    }
    return latest;
  }

  model::Inspection inspection_by_key(const std::string& key) {
    inspection_get_.bind(1, key);
    model::Inspection out;
    if (inspection_get_.executeStep()) out = read_inspection(inspection_get_, 2);
    inspection_get_.reset();
    return out;
  }

  std::int64_t inspection_id_of(const std::string& key) {
    inspection_get_.bind(1, key);
    std::int64_t id = 0;
    if (inspection_get_.executeStep()) id = inspection_get_.getColumn(0).getInt64();
    inspection_get_.reset();
    return id;
  }

  const std::unordered_map<std::string, std::int64_t>& finding_ids_of(std::int64_t inspection_id) {
    auto [it, inserted] = finding_ids_cache_.try_emplace(inspection_id);
    if (inserted) {
      for (const auto& [fkey, f] : stored_findings(inspection_id)) it->second.emplace(fkey, f.id);
    }
    return it->second;
  }

  static std::string task_slot(const model::Task& t) {
    return t.key + "@" + t.assignee + "#" + t.period;
  }

  // --- helpers ------------------------------------------------------------

  void emit(Change change) {
    if (sink_) {
      sink_(change);
    } else {
      outcome_.changes.push_back(std::move(change));
    }
  }

  // Once, between the last inspection and the first progress entry: tasks counted
  // with a calendar the import changed get their new deadlines.
  void end_inspections() {
    if (inspections_ended_) return;
    inspections_ended_ = true;
    if (!changed_calendars_.empty()) recompute_deadlines(changed_calendars_);
  }

  std::int64_t unit_id(const std::string& key) const {
    const auto it = unit_ids_.find(key);
    if (it == unit_ids_.end()) {
      throw StorageError(
          say(lang_, "unit '{}' is not registered", "đơn vị '{}' chưa được đăng ký", key),
          ExitCode::data_error);
    }
    return it->second;
  }

  std::optional<std::int64_t> unit_id(const std::optional<std::string>& key) const {
    if (!key) return std::nullopt;
    return unit_id(*key);
  }

  std::int64_t last_insert_id() const { return db_.getLastInsertRowid(); }

  void record_update(Change& change, const char* entity, const std::string& key,
                     std::optional<std::int64_t> task_id, const Fields& before, const Fields& after,
                     const std::vector<std::size_t>& diff) {
    change.kind = Change::Kind::changed;
    for (const auto n : diff) {
      change.fields.emplace_back(after[n].name);
      event("update", entity, key, task_id, after[n].name, before[n].text, after[n].text);
    }
  }

  void event(const char* action, const char* entity, const std::string& key,
             std::optional<std::int64_t> task_id, const std::string& field,
             const std::string& before, const std::string& after) {
    event_insert_.bind(1, options_.now);
    event_insert_.bind(2, options_.actor);
    event_insert_.bind(3, action);
    event_insert_.bind(4, entity);
    event_insert_.bind(5, key);
    bind_id(event_insert_, 6, task_id);
    bind_text(event_insert_, 7, field);
    bind_text(event_insert_, 8, before);
    bind_text(event_insert_, 9, after);
    exec_reset(event_insert_);
  }

  SQLite::Database& db_;
  const ImportOptions& options_;
  Lang lang_;
  ImportOutcome outcome_;
  std::function<void(const Change&)> sink_;
  std::set<std::string> changed_calendars_;
  bool inspections_ended_ = false;
  std::vector<Change> progress_changes_;  // one per task a progress entry named, merged
  std::map<std::string, std::size_t> progress_index_;  // task key → its progress change
  std::optional<std::int64_t> recorded_until_;
  std::unordered_map<std::string, std::int64_t> unit_ids_;
  std::optional<model::Date> until_;  // occurrences due by this day are made
  std::size_t new_occurrences_ = 0;   // new occurrences of this run, so far
  std::size_t occurrence_text_ = 0;   // the bytes of action and target text they hold
  std::map<std::int64_t, std::unordered_map<std::string, std::int64_t>> finding_ids_cache_;

  SQLite::Statement unit_get_, unit_insert_, unit_update_;
  SQLite::Statement inspection_get_, inspection_insert_, inspection_update_;
  SQLite::Statement findings_get_, finding_insert_, finding_update_;
  SQLite::Statement tasks_get_, task_insert_, task_update_, links_delete_, link_insert_;
  SQLite::Statement event_insert_;
  SQLite::Statement task_progress_, task_delete_, finding_linked_, finding_delete_;
  std::optional<SQLite::Statement> reminded_unlink_, finding_links_delete_;  // prepared when pruning
};

}  // namespace

ImportOutcome apply_import(SQLite::Database& db, const import::ImportPlan& plan,
                           const ImportOptions& options, text::Lang lang) {
  Importer importer(db, options, lang);
  importer.set_until(options.occurrences_until);
  return importer.run(plan);
}

class StagedImport::Impl : public Importer {
 public:
  using Importer::Importer;
};

StagedImport::StagedImport(SQLite::Database& db, const ImportOptions& options, text::Lang lang,
                           std::function<void(const Change&)> sink)
    : impl_(std::make_unique<Impl>(db, options, lang)) {
  impl_->set_until(options.occurrences_until);
  impl_->set_sink(std::move(sink));
}
StagedImport::~StagedImport() = default;
void StagedImport::definitions(const std::vector<import::CalendarPlan>& calendars,
                               const std::vector<model::Unit>& units) {
  impl_->definitions(calendars, units);
}
void StagedImport::units(const std::vector<model::Unit>& units) { impl_->units(units); }
void StagedImport::inspection(const import::InspectionPlan& plan) { impl_->inspection(plan); }
void StagedImport::progress(const std::vector<import::ProgressEntry>& entries) { impl_->progress(entries); }
ImportOutcome StagedImport::finish() { return impl_->finish(); }

bool occurrences_pending(SQLite::Database& db, const OccurrenceOptions& options, text::Lang lang) {
  // Every report asks; most databases have no recurring task, and the index
  // tasks_series answers that at once.
  SQLite::Statement any(db, "SELECT 1 FROM tasks WHERE repeat_every IS NOT NULL AND period = '' LIMIT 1");
  if (!any.executeStep()) return false;
  ImportOptions import_options;
  import_options.calendars = options.calendars;
  Importer importer(db, import_options, lang);
  importer.set_until(options.until);
  SQLite::Statement q(db, std::string(task_select_sql()) +
                              " WHERE t.repeat_every IS NOT NULL AND t.period = ''");
  while (q.executeStep()) {
    if (!importer.pending_occurrences(read_task(q)).empty()) return true;
  }
  return false;
}

std::vector<Change> make_occurrences(SQLite::Database& db, const OccurrenceOptions& options,
                                     text::Lang lang) {
  ImportOptions import_options;
  import_options.calendars = options.calendars;
  import_options.actor = options.actor;
  import_options.now = options.now;
  return Importer(db, import_options, lang).make_occurrences(options.until);
}

}  // namespace inspectrack::storage::detail
