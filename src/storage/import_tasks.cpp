#include "import_tasks.hpp"

#include <fmt/format.h>

#include <cstring>
#include <utility>

#include "inspectrack/calendar/registry.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/model/event.hpp"
#include "inspectrack/model/lifecycle.hpp"
#include "inspectrack/text/message.hpp"
#include "rows.hpp"
#include "schema.hpp"

namespace inspectrack::storage::detail {
namespace {

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

// The fields an import compares and the history names.
Fields task_fields(const model::Task& t) {
  return {field("action", t.action),
          field("report_to", t.report_to.value_or("")),
          field("findings", join(sorted_unique(t.findings), ", ")),
          field("target", t.target),
          Field{"due", due_display(t.due), due_identity(t.due)},
          field("calendar", t.calendar),
          field("repeat", t.repeat ? model::describe(*t.repeat) : std::string()),
          field("last_day", iso_or_empty(t.last_day)),
          field("provisional", t.due_provisional ? "yes" : "no")};
}

bool names(const std::vector<std::size_t>& diff, const Fields& fields, const char* name) {
  for (const auto n : diff) {
    if (std::strcmp(fields[n].name, name) == 0) return true;
  }
  return false;
}

// The columns a task's insert and update both write.
constexpr const char* kTaskValues[] = {
    "action",       "report_to_id", "target",       "due_form",        "due_text",
    "due_date",     "due_period",   "due_counting", "due_anchor",      "due_anchor_date",
    "due_day",      "calendar",     "repeat_every", "repeat_from",     "repeat_until",
    "last_day",     "due_provisional", "original_last_day", "updated_at"};

}  // namespace

TaskWriter::TaskWriter(ImportContext& context)
    : context_(context),
      get_(context.db(), std::string(task_select_sql()) + " WHERE t.inspection_id = :inspection_id"),
      insert_(context.db(),
              insert_sql("tasks", {"inspection_id", "key", "assignee_id", "period", "created_at"}, kTaskValues)),
      update_(context.db(), update_sql("tasks", kTaskValues)),
      links_delete_(context.db(), "DELETE FROM task_findings WHERE task_id = :task_id"),
      link_insert_(context.db(),
                   "INSERT INTO task_findings (task_id, finding_id) VALUES (:task_id, :finding_id)"),
      progress_(context.db(),
                "SELECT action FROM events WHERE task_id = :task_id"
                " AND action NOT IN ('import', 'update', 'repeat') ORDER BY id LIMIT 1"),
      delete_(context.db(), "DELETE FROM tasks WHERE id = :id") {}

std::map<std::string, model::Task> TaskWriter::stored(std::int64_t inspection_id) {
  std::map<std::string, model::Task> out;
  get_.bind(":inspection_id", inspection_id);
  while (get_.executeStep()) {
    model::Task t = read_task(get_);
    out.emplace(slot(t), std::move(t));
  }
  get_.reset();
  return out;
}

std::string TaskWriter::slot(const model::Task& t) {
  return t.key + "@" + t.assignee + "#" + t.period;
}

std::vector<std::int64_t> TaskWriter::links_of(const model::Task& task,
                                               const std::string& inspection_key,
                                               const FindingIds& findings) const {
  std::vector<std::int64_t> links;
  for (const auto& fkey : task.findings) {
    const auto it = findings.find(fkey);
    if (it == findings.end()) {
      throw StorageError(text::Message("task '{0}' refers to finding '{1}', which inspection '{2}' "
                                       "does not have",
                                       task.full_key(), fkey, inspection_key),
                         ExitCode::data_error);
    }
    links.push_back(it->second);
  }
  return links;
}

void TaskWriter::write_links(std::int64_t task_id, const std::vector<std::int64_t>& links,
                             bool replace) {
  if (replace) {
    links_delete_.bind(":task_id", task_id);
    exec_reset(links_delete_);
  }
  for (const auto finding_id : links) {
    link_insert_.bind(":task_id", task_id);
    link_insert_.bind(":finding_id", finding_id);
    exec_reset(link_insert_);
  }
}

void TaskWriter::bind_values(SQLite::Statement& q, const model::Task& task,
                             const std::optional<model::Date>& in_force) {
  const DueColumns due = due_columns(task.due);
  q.bind(":action", task.action);
  bind_int(q, ":report_to_id", context_.unit_id(task.report_to));
  bind_text(q, ":target", task.target);
  q.bind(":due_form", due.form);
  q.bind(":due_text", due.text);
  bind_text(q, ":due_date", due.date);
  bind_int(q, ":due_period", due.period);
  bind_text(q, ":due_counting", due.counting);
  bind_text(q, ":due_anchor", due.anchor);
  bind_text(q, ":due_anchor_date", due.anchor_date);
  bind_int(q, ":due_day", due.day);
  q.bind(":calendar", task.calendar);
  bind_text(q, ":repeat_every", task.repeat ? std::optional<std::string>(std::string(
                                                  model::to_string(task.repeat->every)))
                                            : std::nullopt);
  bind_date(q, ":repeat_from", task.repeat ? task.repeat->from : std::nullopt);
  bind_date(q, ":repeat_until", task.repeat ? task.repeat->until : std::nullopt);
  bind_date(q, ":last_day", in_force);
  q.bind(":due_provisional", task.due_provisional ? 1 : 0);
  bind_date(q, ":original_last_day", task.last_day);
  q.bind(":updated_at", context_.options().now);
}

Change TaskWriter::write(std::int64_t inspection_id, const std::string& inspection_key,
                         const model::Task& plan_task, const model::Task* stored,
                         const FindingIds& findings) {
  model::Task task = plan_task;
  task.inspection = inspection_key;
  task.findings = sorted_unique(task.findings);
  if (task.calendar.empty()) task.calendar = calendar::kDefaultCalendar;
  const std::vector<std::int64_t> links = links_of(task, inspection_key, findings);

  // The plan's last day is the deadline as written; an extension keeps a later one
  // in force (progress is never overwritten by an import).
  std::optional<model::Date> in_force = task.last_day;
  if (stored != nullptr && stored->extensions > 0 && stored->last_day &&
      (!in_force || *in_force < *stored->last_day)) {
    in_force = stored->last_day;
  }
  if (stored != nullptr) return update(task, *stored, links, in_force);

  const std::string key = task.full_key();
  insert_.bind(":inspection_id", inspection_id);
  insert_.bind(":key", task.key);
  insert_.bind(":assignee_id", context_.unit_id(task.assignee));
  insert_.bind(":period", task.period);
  insert_.bind(":created_at", context_.options().now);
  bind_values(insert_, task, in_force);
  exec_reset(insert_);
  const std::int64_t id = context_.last_insert_id();
  write_links(id, links, false);
  // An occurrence is made by the series' rule, not read from a file.
  context_.event(task.period.empty() ? "import" : "repeat", "task", key, id, "", "", task.action);
  return Change{Change::Kind::added, "task", key, {}};
}

Change TaskWriter::update(const model::Task& task, const model::Task& stored,
                          const std::vector<std::int64_t>& links,
                          const std::optional<model::Date>& in_force) {
  const std::string key = task.full_key();
  Change change{Change::Kind::unchanged, "task", key, {}};
  // Compared as written: the stored deadline before any extension.
  model::Task as_written = stored;
  as_written.last_day = stored.original_last_day;
  const Fields before = task_fields(as_written);
  const Fields after = task_fields(task);
  const auto diff = changed(before, after);
  if (diff.empty()) return change;
  bind_values(update_, task, in_force);
  update_.bind(":id", stored.id);
  exec_reset(update_);
  if (names(diff, after, "findings")) write_links(stored.id, links, true);
  context_.record_update(change, "task", key, stored.id, before, after, diff);
  if (const auto progress = progress_of(stored)) {
    std::optional<text::Message> fields;
    for (const auto n : diff) {
      text::Message field = model::event_field_words(after[n].name);
      fields = fields ? text::Message("{0}, {1}", std::move(*fields), std::move(field)) : std::move(field);
    }
    context_.outcome().warnings.push_back(
        text::Message("task '{0}' has progress ({1}); the file changed its {2}; its progress is kept", key,
                      *progress, *fields));
  }
  return change;
}

std::optional<std::string> TaskWriter::first_progress(std::int64_t task_id) {
  progress_.bind(":task_id", task_id);
  std::optional<std::string> action;
  if (progress_.executeStep()) action = progress_.getColumn(0).getString();
  progress_.reset();
  return action;
}

// "done", "extended", "note in its history", in words.
std::optional<text::Message> TaskWriter::progress_of(const model::Task& task) {
  if (task.status != model::Status::open) return model::status_phrase(task.status);
  if (task.extensions > 0) return text::Message::with_context("a task's progress", "extended");
  if (const auto action = first_progress(task.id)) {
    return text::Message("{0} in its history", model::event_action_words(*action));
  }
  return std::nullopt;
}

Change TaskWriter::prune(const model::Task& task) {
  const std::string key = task.full_key();
  Change change{Change::Kind::missing, "task", key, {}};
  if (!context_.options().prune) return change;

  if (task.status != model::Status::open || first_progress(task.id)) {
    auto without_extension = task;
    without_extension.extensions = 0;
    context_.outcome().refusals.push_back(text::Message("task '{0}' has progress ({1}); kept, not pruned",
                                                        key, *progress_of(without_extension)));
    return change;
  }
  // Its links and its reminders' references go by hand, before it: the cascades of
  // the foreign keys do not run while an upgrade is pending (foreign keys are off).
  links_delete_.bind(":task_id", task.id);
  exec_reset(links_delete_);
  if (!reminded_unlink_) {
    reminded_unlink_.emplace(context_.db(),
                             "UPDATE reminder_tasks SET task_id = NULL WHERE task_id = :task_id");
  }
  reminded_unlink_->bind(":task_id", task.id);
  exec_reset(*reminded_unlink_);
  delete_.bind(":id", task.id);
  exec_reset(delete_);
  context_.event("prune", "task", key, task.id, "", task.action, "");
  change.kind = Change::Kind::pruned;
  return change;
}

}  // namespace inspectrack::storage::detail
