#pragma once
// Everything named in one import call, checked as a whole and made ready to store.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "inspectrack/calendar/registry.hpp"
#include "inspectrack/import/diagnostic.hpp"
#include "inspectrack/import/document.hpp"
#include "inspectrack/model/finding.hpp"
#include "inspectrack/model/inspection.hpp"
#include "inspectrack/model/office.hpp"
#include "inspectrack/model/task.hpp"
#include "inspectrack/model/unit.hpp"

namespace inspectrack::import {

struct InspectionPlan {
  model::Inspection inspection;
  std::string source;                    // the file it came from (stored_path)
  std::vector<model::Finding> findings;  // in file order
  std::vector<model::Task> tasks;        // one per assignee, in file order, last_day computed
  // Recurring tasks: one series per assignee (repeat set, period "", no last_day).
  // Their occurrences are made by storage, when their deadlines come within reach.
  std::vector<model::Task> series;
};

struct CalendarPlan {
  calendar::CalendarSpec spec;
  std::string source;  // the file it came from (stored_path)
};

struct ImportPlan {
  std::vector<CalendarPlan> calendars;  // calendars defined in the files
  std::vector<model::Unit> units;       // units defined in the files, parents before children
  std::vector<InspectionPlan> inspections;
  // Progress entries of the files, in file order; storage finds their tasks and
  // applies them after the inspections (all or nothing with the rest).
  std::vector<ProgressEntry> progress;
  std::vector<model::Office> offices;  // offices defined in the files, in file order
};

// What resolve() checks references against, besides the files themselves.
struct ResolveContext {
  std::vector<model::Unit> known_units;  // registered units, from the database
  std::vector<model::Office> known_offices;  // stored offices, from the database
  // Calendars by key: the shipped one and those stored; the files' calendars are
  // added on top, and deadlines are computed with them.
  calendar::CalendarRegistry calendars;
  // For tasks and inspections that name no calendar (--calendar; default "vn").
  std::string default_calendar{calendar::kDefaultCalendar};
  // max_tasks and max_task_text bound the tracked tasks each inspection fans out into.
  Limits limits;
};

// Checks references across all documents and the units already registered
// (`known_units`, from the database; may be empty): unit parents, scopes, finding
// units, assignees, report_to, fan-out parents and excepts, finding references; the
// same key defined twice with different content across files; parent cycles; an
// office's unit.
// Expands fan-outs (units of those kinds anywhere under the parent — default the
// inspection's scope —, minus
// except, in key order; an empty selection is an error) and computes every task's
// last allowed day with the task's calendar (the task's `calendar:`, else the
// inspection's, else context.default_calendar), flagging those that rely on a
// provisional day. Calendar keys must exist; a calendar defined twice differently is
// an error. More tracked tasks (a series counts once), or more bytes of their action
// and target text, than context.limits allows is an error at the task that goes over. Errors go to `diags`
// with their positions; nullopt when any.
std::optional<ImportPlan> resolve(const std::vector<Document>& documents, const ResolveContext& context,
                                  Diagnostics& diags);

// The calendars, units and offices the files define, to be stored before their
// inspections (units parents first, offices after them), each once.
struct Definitions {
  std::vector<CalendarPlan> calendars;
  std::vector<model::Unit> units;
  std::vector<model::Office> offices;
};

// How a StreamResolver knows the units and calendars the documents define.
enum class Scope {
  // As the documents come: an inspection is resolved against the definitions of the
  // database and of the documents before it, so that each file can be stored before
  // the next is read. A later document that changes a definition already given makes
  // the import start again with the whole set (Step::restart).
  as_read,
  // The whole set: every document is define()d before the first next(), so that an
  // inspection may use a unit or calendar that a later file defines.
  whole_set,
};

// What to store for one document, in this order: see StreamResolver::next().
struct Step {
  std::optional<Definitions> definitions;  // once, with the first inspection
  std::vector<model::Unit> units;          // defined by this document, not given before
  std::optional<InspectionPlan> inspection;
  // Scope::as_read: the document changes a definition already given; nothing of it
  // was taken in, and the import must be resolved again with Scope::whole_set.
  bool restart = false;
  // Offices defined by this document, not given before (stored after the units).
  std::vector<model::Office> offices;
};

// resolve() one document at a time, for an import that stores each file before it
// reads the next (and so never holds every file). Scope::as_read: next() every
// document as it comes; Scope::whole_set: define() every document, then next() each.
// remaining() gives the definitions when no inspection did; report() the problems at
// the end. The plans and problems are those resolve() gives, unless a Step says
// restart.
class StreamResolver {
 public:
  explicit StreamResolver(const ResolveContext& context, Scope scope = Scope::as_read);
  ~StreamResolver();
  StreamResolver(const StreamResolver&) = delete;
  StreamResolver& operator=(const StreamResolver&) = delete;

  // Whether `doc` defines a unit, calendar or office that is new, or differs from what
  // the database and the documents before it say.
  bool changes_definitions(const Document& doc) const;
  // Takes in the units, calendar and office `doc` defines (one defined differently
  // than in an earlier file is a problem). next() does it in Scope::as_read.
  void define(const Document& doc);
  // What to store for `doc`: the definitions known (before its inspection, the first
  // time), the units it adds after them, its inspection's plan (none when it has a
  // problem). The caller stores them only while failed() is false.
  Step next(const Document& doc);
  // The definitions, when no next() gave them (the documents had no inspection).
  std::optional<Definitions> remaining();
  // Adds every problem found to `diags`, in resolve()'s order.
  void report(Diagnostics& diags) const;
  bool failed() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace inspectrack::import
