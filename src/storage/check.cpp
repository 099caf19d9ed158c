#include "check.hpp"

#include <sqlite3.h>

#include <string>
#include <utility>

#include "inspectrack/text/message.hpp"

namespace inspectrack::storage::detail {
namespace {

constexpr std::size_t kListed = 20;

struct Invariant {
  const char* name;
  text::Message description;  // what must hold
  const char* sql;            // one text column per row that breaks it
  int since = 1;    // the schema version that has the tables it reads
  // More rows that break it, from schema version `more_since` on (columns it added).
  const char* more = nullptr;
  int more_since = 0;
};

// Each query returns one line per row that breaks the invariant.
const Invariant kInvariants[] = {
    {"task_status", text::Message("a task's status agrees with its dates (done and verified have a done day, "
                                  "verified a verification day, open and cancelled neither)"),
     "SELECT 'task ' || id || ': status ' || status || ', done_on ' || coalesce(done_on, 'none') ||"
     " ', verified_on ' || coalesce(verified_on, 'none') FROM tasks"
     " WHERE (status IN ('done', 'verified')) <> (done_on IS NOT NULL)"
     "    OR (status = 'verified') <> (verified_on IS NOT NULL)"
     " ORDER BY id"},
    {"task_deadline", text::Message("a task's deadline agrees with how it was written (none written: none "
                                    "until one is granted; not extended: the one written; extended: a later "
                                    "one)"),
     "SELECT 'task ' || id || ': due ' || due_form || ', last_day ' || coalesce(last_day, 'none') ||"
     " ', extensions ' || extensions || ', original ' || coalesce(original_last_day, 'none')"
     " FROM tasks"
     " WHERE (due_form = 'none' AND original_last_day IS NOT NULL)"
     "    OR (extensions = 0 AND last_day IS NOT original_last_day)"
     "    OR (extensions > 0 AND (last_day IS NULL OR last_day < original_last_day))"
     " ORDER BY id"},
    {"fan_out", text::Message("the tasks one written task fanned out to share its action, deadline, unit "
                              "reported to, target and findings"),
     "SELECT 'inspection ' || i.key || ', task ' || g.key || coalesce(' #' || nullif(g.period, ''), '')"
     " || ': ' || substr(CASE WHEN g.actions > 1 THEN ', the action' ELSE '' END"
     " || CASE WHEN g.deadlines > 1 THEN ', the deadline' ELSE '' END"
     " || CASE WHEN g.report_tos > 1 THEN ', the unit reported to' ELSE '' END"
     " || CASE WHEN g.targets > 1 THEN ', the target' ELSE '' END"
     " || CASE WHEN g.findings > 1 THEN ', the findings' ELSE '' END, 3)"
     " || CASE WHEN (g.actions > 1) + (g.deadlines > 1) + (g.report_tos > 1) + (g.targets > 1)"
     "              + (g.findings > 1) > 1 THEN ' differ' ELSE ' differs' END"
     " || ' among its ' || g.n || ' assignees'"
     " FROM (SELECT t.inspection_id, t.key, t.period, count(*) AS n,"
     "        count(DISTINCT t.action) AS actions, count(DISTINCT t.due_text) AS deadlines,"
     "        count(DISTINCT coalesce(t.report_to_id, 0)) AS report_tos,"
     "        count(DISTINCT coalesce(t.target, '')) AS targets,"
     "        count(DISTINCT coalesce((SELECT group_concat(finding_id) FROM (SELECT tf.finding_id"
     "          FROM task_findings tf WHERE tf.task_id = t.id ORDER BY tf.finding_id)), '')) AS findings"
     "       FROM tasks t GROUP BY t.inspection_id, t.key, t.period) g"
     " JOIN inspections i ON i.id = g.inspection_id"
     " WHERE g.actions > 1 OR g.deadlines > 1 OR g.report_tos > 1 OR g.targets > 1 OR g.findings > 1"
     " ORDER BY i.key, g.key, g.period"},
    {"task_findings", text::Message("a task is linked only to findings of its own inspection"),
     "SELECT 'task ' || t.id || ' (inspection ' || t.inspection_id || ') linked to finding ' ||"
     " f.id || ' (inspection ' || f.inspection_id || ')'"
     " FROM task_findings tf JOIN tasks t ON t.id = tf.task_id JOIN findings f ON f.id = tf.finding_id"
     " WHERE f.inspection_id <> t.inspection_id ORDER BY t.id"},
    {"occurrences", text::Message("each occurrence of a recurring task has its rule"),
     "SELECT 'task ' || o.id || ' (period ' || o.period || ') has no recurring rule'"
     " FROM tasks o WHERE o.period <> '' AND NOT EXISTS (SELECT 1 FROM tasks s"
     " WHERE s.inspection_id = o.inspection_id AND s.key = o.key AND s.assignee_id = o.assignee_id"
     " AND s.period = '' AND s.repeat_every IS NOT NULL) ORDER BY o.id"},
    {"task_history", text::Message("every task has the event that made it, and every task event names a task "
                                   "that exists or was pruned"),
     "SELECT 'task ' || t.id || ' has no import or repeat event' FROM tasks t"
     " WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.task_id = t.id"
     "                   AND e.action IN ('import', 'repeat'))"
     " UNION ALL"
     " SELECT 'event ' || min(e.id) || ' names task ' || e.task_id || ', which neither exists nor was"
     " pruned' FROM events e"
     " WHERE e.task_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.id = e.task_id)"
     " AND NOT EXISTS (SELECT 1 FROM events p WHERE p.task_id = e.task_id AND p.action = 'prune')"
     " GROUP BY e.task_id"},
    {"event_tasks",
     text::Message("each task event carries the id and key of its task, and no other event a task id"),
     "SELECT 'event ' || e.id || ' (' || e.entity || ' ' || e.key || ') ' || CASE"
     " WHEN e.entity = 'task' AND e.task_id IS NULL THEN 'names no task'"
     " WHEN e.entity <> 'task' THEN 'names task ' || e.task_id"
     " ELSE 'names task ' || e.task_id || ', whose key is ' || k.full_key END"
     " FROM events e LEFT JOIN (SELECT t.id, i.key || '/' || t.key || '@' || a.key ||"
     "   CASE WHEN t.period <> '' THEN '#' || t.period ELSE '' END AS full_key"
     "   FROM tasks t JOIN inspections i ON i.id = t.inspection_id JOIN units a ON a.id = t.assignee_id) k"
     "   ON k.id = e.task_id"
     " WHERE (e.entity = 'task' AND e.task_id IS NULL) OR (e.entity <> 'task' AND e.task_id IS NOT NULL)"
     "    OR k.full_key <> e.key"
     " ORDER BY e.id",
     2},
    {"unit_parents", text::Message("no unit is its own ancestor"),
     "WITH RECURSIVE up(start, id, depth) AS ("
     " SELECT id, parent_id, 1 FROM units WHERE parent_id IS NOT NULL"
     " UNION ALL SELECT up.start, u.parent_id, up.depth + 1 FROM up JOIN units u ON u.id = up.id"
     " WHERE u.parent_id IS NOT NULL AND up.id <> up.start AND up.depth < 1000)"
     " SELECT DISTINCT 'unit ' || (SELECT key FROM units WHERE id = start) || ' is its own ancestor'"
     " FROM up WHERE id = start"},
    // A reminder the tool never writes. One 'sending' is no problem, whether its run is
    // at work or stopped (killed, or its delivery failed): the next run of remind
    // delivers its kept message again; one from before version 5, without a message,
    // it removes and plans anew.
    {"reminders", text::Message("each reminder lists its tasks; a sent one keeps neither its message nor a "
                                "claimant, and one being sent by a run keeps its message"),
     "SELECT 'reminder ' || r.id || ' to ' || u.key || ' for ' || r.day || ' lists no task'"
     " FROM reminders r JOIN units u ON u.id = r.unit_id"
     " WHERE NOT EXISTS (SELECT 1 FROM reminder_tasks t WHERE t.reminder_id = r.id)",
     3,
     "SELECT 'reminder ' || r.id || ' to ' || u.key || ' for ' || r.day || CASE"
     " WHEN r.status = 'sent' THEN ' was sent but still holds its '"
     "   || CASE WHEN r.message IS NOT NULL AND r.claimant IS NOT NULL THEN 'message and claimant'"
     "      WHEN r.message IS NOT NULL THEN 'message' ELSE 'claimant' END"
     " ELSE ' is being sent by ' || r.claimant || ' but holds no message' END"
     " FROM reminders r JOIN units u ON u.id = r.unit_id"
     " WHERE (r.status = 'sent' AND (r.message IS NOT NULL OR r.claimant IS NOT NULL))"
     "    OR (r.status = 'sending' AND r.claimant IS NOT NULL AND r.message IS NULL)",
     5},
};

CheckResult collect(SQLite::Database& db, const char* name, text::Message description, const std::string& sql,
                    bool skip_ok) {
  CheckResult result;
  result.name = name;
  result.description = std::move(description);
  try {
    SQLite::Statement q(db, sql);
    while (q.executeStep()) {
      const std::string line = q.getColumn(0).getString();
      if (skip_ok && line == "ok") continue;
      ++result.count;
      if (result.problems.size() < kListed) result.problems.push_back(line);
    }
  } catch (const SQLite::Exception& e) {
    // A damaged file can stop a query half-way: that is a problem of this check, and
    // the other checks still run.
    const int code = e.getErrorCode() & 0xff;
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_NOMEM) throw;
    ++result.count;
    result.problems.push_back(std::string("could not be checked: ") + e.what());
  }
  return result;
}

}  // namespace

std::vector<CheckResult> run_checks(SQLite::Database& db, int version) {
  std::vector<CheckResult> out;
  out.push_back(collect(db, "integrity",
                        text::Message("SQLite: the database file is intact (PRAGMA integrity_check)"),
                        "PRAGMA integrity_check", true));
  out.push_back(collect(
      db, "foreign_keys", text::Message("SQLite: every reference points to a row (PRAGMA foreign_key_check)"),
      "SELECT \"table\" || ' row ' || coalesce(rowid, '?') || ' refers to a missing row of ' || parent"
      " FROM pragma_foreign_key_check",
      false));
  for (const Invariant& inv : kInvariants) {
    if (version < inv.since) continue;
    std::string sql = inv.sql;
    if (inv.more != nullptr && version >= inv.more_since) sql += std::string(" UNION ALL ") + inv.more;
    out.push_back(collect(db, inv.name, inv.description, sql, false));
  }
  return out;
}

}  // namespace inspectrack::storage::detail
