#pragma once
// A loaded YAML tree turned into model values, with the positions needed to report
// later reference errors (unknown unit, unknown finding) at their line.

#include <optional>
#include <string>
#include <vector>

#include "inspectrack/calendar/work_calendar.hpp"
#include "inspectrack/import/diagnostic.hpp"
#include "inspectrack/import/source.hpp"
#include "inspectrack/import/tree.hpp"
#include "inspectrack/model/finding.hpp"
#include "inspectrack/model/inspection.hpp"
#include "inspectrack/model/lifecycle.hpp"
#include "inspectrack/model/office.hpp"
#include "inspectrack/model/task.hpp"
#include "inspectrack/model/unit.hpp"

namespace inspectrack::import {

enum class DocumentKind { inspection, units, progress, calendar, office };

// A key written in the file, where it was written.
struct Ref {
  std::string key;
  Position pos;
};

struct UnitEntry {
  model::Unit unit;     // name NFC-normalized; emails trimmed
  Position pos;         // the entry
  Position parent_pos;  // the parent value, when given
  bool partial = false;  // the entry had an error: a field is missing or its default
};

struct FindingEntry {
  model::Finding finding;  // inspection key filled in
  Position pos;
  Position unit_pos;
};

// Who a task is for: an explicit list, or a fan-out over registered units.
struct Assignees {
  std::vector<Ref> keys;                    // explicit list (or the finding's unit for inline tasks)
  bool fan_out = false;
  std::vector<model::UnitKind> kinds;       // fan-out: the kinds selected
  std::optional<Ref> parent;                // fan-out: `parent:`; default is the inspection's scope
  std::vector<Ref> except;                  // fan-out: `except:`
  Position pos;                             // the assignees value (or the task for inline tasks)
  // An inline task written without assignees: its finding's unit, whose key is
  // checked (and an error reported) with the finding.
  bool finding_unit = false;
};

struct TaskEntry {
  std::string key;
  Position pos;                    // the task entry
  std::string action;              // NFC
  Assignees assignees;
  std::optional<Ref> report_to;
  std::vector<Ref> findings;       // `findings:` refs; inline tasks get their finding here
  std::string target;              // NFC; "" when none
  model::Due due;
  Position due_pos;
  std::optional<Ref> calendar;        // `calendar:` of the task
  std::optional<model::Repeat> repeat;  // a recurring task
  Position repeat_pos;
};

struct InspectionDocument {
  model::Inspection inspection;    // texts NFC-normalized
  Position pos;
  std::optional<Ref> scope;
  std::optional<Ref> calendar;     // `calendar:` of the inspection
  std::vector<FindingEntry> findings;
  std::vector<TaskEntry> tasks;    // top-level tasks, then inline tasks in file order
  // `findings:` had an error: a finding may be missing, and a task that names it is
  // not told it names none.
  bool findings_partial = false;
};

// One line of a `progress:` file: a change to one task.
//   - task: INSPECTION/TASK@UNIT[#PERIOD]
//     done: 21/7/2021            # or done: {on: 21/7/2021, evidence: …}
//     evidence: Báo cáo số 45/BC-UBND ngày 21/7/2021
//     by: Nguyễn Văn A           # optional: who reported it (else the importer)
//   - task: …
//     extend: {to: 5/8/2021, reason: …, approved_by: …}
//   - {task: …, cancel: REASON}  # or cancel: {reason: …}; reopen the same way
//   - {task: …, verify: 2/8/2021} # or verify: {on: …, note: …}
//   - {task: …, note: TEXT}
struct ProgressEntry {
  Ref task;                 // the task's full key as written
  model::TaskChange change;
  std::string by;           // "" when not given
  Position pos;             // the entry
  // Where a refusal of the change is reported: the change's key (done:, extend: …),
  // its day (the date written, or on:/to:), its text (reason or note).
  Position change_pos, date_pos, text_pos;
};

// A working-day calendar, as `calendar:` writes it.
struct CalendarDocument {
  calendar::CalendarSpec spec;  // years ascending, names NFC
  Position pos;                 // the `calendar:` value
};

// The office that issues documents, as `office:` writes it.
struct OfficeDocument {
  model::Office office;     // texts NFC; office.unit as written, checked by resolve()
  Position pos;             // the `office:` value
  std::optional<Ref> unit;  // `unit:`, where it was written
};

struct Document {
  std::string path;
  DocumentKind kind = DocumentKind::units;
  std::vector<UnitEntry> units;                  // `units:` of either kind of document
  std::optional<InspectionDocument> inspection;  // DocumentKind::inspection
  std::optional<CalendarDocument> calendar;      // DocumentKind::calendar
  std::optional<OfficeDocument> office;          // DocumentKind::office
  std::vector<ProgressEntry> progress;           // DocumentKind::progress, in file order
  // The file had errors: what they concern is missing (an entry, a date, a scope), so
  // what follows from it (a deadline, a fan-out's parent) is not judged again.
  bool partial = false;
};

// Checks one tree against the file format and converts it. Every problem
// found — unknown key (with the nearest valid one), missing required key, wrong type,
// bad or impossible date, both `by` and `before`, malformed or non-ASCII key (with the
// slug to use instead), duplicate keys within the file, bad enum values — is added to
// `diags`; nullopt when the document cannot be used at all, else what could be read
// (Document::partial when anything could not). References to units and
// findings are checked later, by resolve(), against everything being imported.
std::optional<Document> parse_document(const Node& root, const std::string& path, Diagnostics& diags);

// read_source + load_yaml + parse_document. A missing file throws InputError (66).
std::optional<Document> load_document(const std::string& path, const Limits& limits, Diagnostics& diags);

}  // namespace inspectrack::import
