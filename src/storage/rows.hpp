#pragma once
// Moving values between the model and SQLite rows: "not given" is NULL in the
// database and "" or nullopt in the model; dates are ISO text.

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inspectrack/model/date.hpp"
#include "inspectrack/model/due.hpp"
#include "inspectrack/model/event.hpp"
#include "inspectrack/model/finding.hpp"
#include "inspectrack/model/inspection.hpp"
#include "inspectrack/model/office.hpp"
#include "inspectrack/model/reminder.hpp"
#include "inspectrack/model/task.hpp"
#include "inspectrack/model/unit.hpp"
#include "inspectrack/storage/report_queries.hpp"

namespace inspectrack::storage::detail {

// Each binds the SQL parameter `name` (":name"), or NULL for a value not given.
// Binds NULL for "" (the value was not given).
void bind_text(SQLite::Statement& q, const char* name, const std::string& value);
// Binds NULL for nullopt; "" stays "".
void bind_text(SQLite::Statement& q, const char* name, const std::optional<std::string>& value);
void bind_date(SQLite::Statement& q, const char* name, const std::optional<model::Date>& date);
void bind_int(SQLite::Statement& q, const char* name, std::optional<std::int64_t> value);
void bind_real(SQLite::Statement& q, const char* name, std::optional<double> value);

// The column's ISO date; nullopt for NULL. Throws SQLite::Exception for any other text.
std::optional<model::Date> date_of(const SQLite::Column& c);
// "" for NULL.
std::string text_of(const SQLite::Column& c);
std::optional<std::string> opt_text(const SQLite::Column& c);

// "" for nullopt.
std::string iso_or_empty(const std::optional<model::Date>& date);
// The non-empty items joined with `separator`.
std::string join(const std::vector<std::string>& items, std::string_view separator);
std::vector<std::string> sorted_unique(std::vector<std::string> keys);
// The addresses of a column that joins them with ', '.
std::vector<std::string> split_emails(const std::string& joined);

// A deadline as its eight columns: only the parts its form uses are set.
struct DueColumns {
  std::string form;
  std::string text;
  std::optional<std::string> date;
  std::optional<int> period;
  std::optional<std::string> counting;
  std::optional<std::string> anchor;
  std::optional<std::string> anchor_date;
  std::optional<int> day;
};

DueColumns due_columns(const model::Due& due);

// Each reader takes the columns listed beside it, starting at column `first`; a
// value the schema's CHECK constraints would refuse (a file edited by hand) throws
// SQLite::Exception with SQLITE_CORRUPT.

inline constexpr const char* kUnitColumns =
    "u.key, u.name, u.kind, p.key, u.emails, u.head"
    " FROM units u LEFT JOIN units p ON p.id = u.parent_id";
model::Unit read_unit(const SQLite::Statement& q, int first);

// Version 7 and later.
inline constexpr const char* kOfficeColumns =
    "o.key, o.parent_body, o.body, o.place, o.report_symbol, o.letter_symbol, o.authority,"
    " o.on_behalf_of, o.deputy_for, o.title, o.signer, o.recipients, o.archive, u.key"
    " FROM offices o LEFT JOIN units u ON u.id = o.unit_id";
model::Office read_office(const SQLite::Statement& q, int first);
// Nơi nhận as the column keeps them, one per line, and back.
std::string join_recipients(const std::vector<std::string>& recipients);
std::vector<std::string> split_recipients(const std::string& joined);

inline constexpr const char* kInspectionColumns =
    "n.key, n.kind, n.title, n.authority, n.team, s.key, n.from_date, n.to_date,"
    " n.conclusion_number, n.conclusion_date, n.conclusion_title, n.conclusion_signed_by"
    " FROM inspections n LEFT JOIN units s ON s.id = n.scope_id";
model::Inspection read_inspection(const SQLite::Statement& q, int first);

inline constexpr const char* kFindingColumns =
    "i.key, f.key, u.key, f.area, f.severity, f.text, f.legal_basis, f.indicator_name,"
    " f.indicator_value, f.indicator_target, f.indicator_unit"
    " FROM findings f JOIN inspections i ON i.id = f.inspection_id"
    " JOIN units u ON u.id = f.unit_id";
model::Finding read_finding(const SQLite::Statement& q, int first);

// The columns of task_select_sql() (schema.hpp), from column 0.
model::Task read_task(const SQLite::Statement& q);
// The same into `t`, every field overwritten (its strings reuse their buffers).
void read_task_into(const SQLite::Statement& q, model::Task& t);
// The columns of task_tally_sql() (schema.hpp).
void read_tally(const SQLite::Statement& q, TaskTally& t);

inline constexpr const char* kEventColumns =
    "id, at, actor, action, entity, key, task_id, field, before, after, effective FROM events";
model::Event read_event(const SQLite::Statement& q);

// A reminder without its tasks, and one of its tasks. Before schema version 5 the
// claimant and the message are read as NULL.
std::string reminder_columns(int version);
model::Reminder read_reminder(const SQLite::Statement& q);
inline constexpr const char* kRemindedTaskColumns =
    "reminder_id, task_id, task_key, state, last_day, days_late, escalated FROM reminder_tasks";
model::RemindedTask read_reminded_task(const SQLite::Statement& q, int first);

}  // namespace inspectrack::storage::detail
