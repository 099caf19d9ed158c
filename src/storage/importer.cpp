#include "importer.hpp"

#include <fmt/format.h>

#include <map>
#include <set>
#include <unordered_map>
#include <utility>

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
  return fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", c.form, c.text, part(c.date),
                     c.period ? "=" + std::to_string(*c.period) : "-", part(c.counting),
                     part(c.anchor), part(c.anchor_date));
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

Fields task_fields(const model::Task& t) {
  Fields fields = {field("action", t.action),
                   field("report_to", t.report_to.value_or("")),
                   field("findings", join(sorted_unique(t.findings), ", ")),
                   field("target", t.target),
                   field("due", due_display(t.due)),
                   field("last_day", iso_or_empty(t.last_day))};
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
                     "INSERT INTO tasks (inspection_id, key, assignee_id, action, report_to_id,"
                     " target, due_form, due_text, due_date, due_period, due_counting, due_anchor,"
                     " due_anchor_date, last_day, created_at, updated_at)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        task_update_(db,
                     "UPDATE tasks SET action = ?, report_to_id = ?, target = ?, due_form = ?,"
                     " due_text = ?, due_date = ?, due_period = ?, due_counting = ?,"
                     " due_anchor = ?, due_anchor_date = ?, last_day = ?, updated_at = ?"
                     " WHERE id = ?"),
        links_delete_(db, "DELETE FROM task_findings WHERE task_id = ?"),
        link_insert_(db, "INSERT INTO task_findings (task_id, finding_id) VALUES (?, ?)"),
        event_insert_(db,
                      "INSERT INTO events (at, actor, action, entity, key, task_id, field,"
                      " before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        task_progress_(db,
                       "SELECT action FROM events WHERE task_id = ?"
                       " AND action NOT IN ('import', 'update') ORDER BY id LIMIT 1"),
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
    import_units(plan.units);
    for (const auto& inspection : plan.inspections) import_inspection(inspection);
    return std::move(outcome_);
  }

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
    for (auto& c : changes) outcome_.changes.push_back(std::move(c));
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
    outcome_.changes.push_back(std::move(change));

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
    for (const auto& task : plan.tasks) {
      const std::string tkey = task.key + "@" + task.assignee;
      seen_tasks.insert(tkey);
      const auto it = tasks.find(tkey);
      task_changes.push_back(
          import_task(*id, key, task, it == tasks.end() ? nullptr : &it->second, finding_ids));
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
    for (auto& c : finding_changes) outcome_.changes.push_back(std::move(c));
    for (auto& c : task_changes) outcome_.changes.push_back(std::move(c));
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

  // Keyed by TASK@ASSIGNEE.
  std::map<std::string, model::Task> stored_tasks(std::int64_t inspection_id) {
    std::map<std::string, model::Task> out;
    tasks_get_.bind(1, inspection_id);
    while (tasks_get_.executeStep()) {
      model::Task t = read_task(tasks_get_);
      out.emplace(t.key + "@" + t.assignee, std::move(t));
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
      bind_date(q, first + 10, task.last_day);
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
      bind_values(task_insert_, 4);
      task_insert_.bind(15, options_.now);
      task_insert_.bind(16, options_.now);
      exec_reset(task_insert_);
      const std::int64_t id = last_insert_id();
      write_links(id, false);
      change.kind = Change::Kind::added;
      event("import", "task", key, id, "", "", task.action);
      return change;
    }
    const Fields before = task_fields(*stored);
    const Fields after = task_fields(task);
    const auto diff = changed(before, after);
    if (diff.empty()) return change;
    bind_values(task_update_, 1);
    task_update_.bind(12, options_.now);
    task_update_.bind(13, stored->id);
    exec_reset(task_update_);
    if (before[2].identity != after[2].identity) write_links(stored->id, true);
    record_update(change, "task", key, stored->id, before, after, diff);
    return change;
  }

  // --- rows the plan no longer has ----------------------------------------

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
    finding_delete_.bind(1, stored.id);
    exec_reset(finding_delete_);
    event("prune", "finding", key, std::nullopt, "", stored.finding.text, "");
    change.kind = Change::Kind::pruned;
    return change;
  }

  // --- helpers ------------------------------------------------------------

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
  std::unordered_map<std::string, std::int64_t> unit_ids_;

  SQLite::Statement unit_get_, unit_insert_, unit_update_;
  SQLite::Statement inspection_get_, inspection_insert_, inspection_update_;
  SQLite::Statement findings_get_, finding_insert_, finding_update_;
  SQLite::Statement tasks_get_, task_insert_, task_update_, links_delete_, link_insert_;
  SQLite::Statement event_insert_;
  SQLite::Statement task_progress_, task_delete_, finding_linked_, finding_delete_;
};

}  // namespace

ImportOutcome apply_import(SQLite::Database& db, const import::ImportPlan& plan,
                           const ImportOptions& options, text::Lang lang) {
  return Importer(db, options, lang).run(plan);
}

}  // namespace inspectrack::storage::detail
