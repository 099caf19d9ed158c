#include "rows.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>

namespace inspectrack::storage::detail {
namespace {

// A value the schema's CHECK constraints should have kept out (the file was edited
// by hand): reported like any other database error.
[[noreturn]] void bad_value(const SQLite::Column& column) {
  throw SQLite::Exception(
      fmt::format("invalid value '{}' in column {}", column.getString(), column.getName()),
      SQLITE_CORRUPT);
}

std::optional<double> opt_real(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getDouble();
}

// The column's text without copying it (valid until the next step).
std::string_view view_of(const SQLite::Column& c) {
  const char* text = c.getText();
  return {text, static_cast<std::size_t>(c.getBytes())};
}

}  // namespace

std::optional<model::Date> date_of(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  const auto parsed = model::parse_date(view_of(c));
  if (!parsed.date) bad_value(c);
  return parsed.date;
}

namespace {

template <typename T>
T enum_of(const SQLite::Column& c, std::optional<T> (*parse)(std::string_view)) {
  const auto value = parse(view_of(c));
  if (!value) bad_value(c);
  return *value;
}

// Overwrites `out` with the column's text ("" for NULL), reusing its buffer.
void assign_text(std::string& out, const SQLite::Column& c) { out.assign(view_of(c)); }

void assign_opt_text(std::optional<std::string>& out, const SQLite::Column& c) {
  if (c.isNull()) {
    out.reset();
  } else if (out) {
    out->assign(view_of(c));
  } else {
    out.emplace(view_of(c));
  }
}

// The keys joined with ',' by group_concat, sorted, into `out`.
void assign_keys(std::vector<std::string>& out, std::string_view joined) {
  std::size_t n = 0;
  std::size_t start = 0;
  while (start < joined.size()) {
    auto end = joined.find(',', start);
    if (end == std::string_view::npos) end = joined.size();
    if (n < out.size()) {
      out[n].assign(joined.substr(start, end - start));
    } else {
      out.emplace_back(joined.substr(start, end - start));
    }
    ++n;
    start = end + 1;
  }
  out.resize(n);
  std::sort(out.begin(), out.end());
}

// Due::Counting and Due::Anchor have no names in the model: they are stored only.
std::string_view counting_name(model::Due::Counting c) {
  return c == model::Due::Counting::working_days ? "working_days" : "calendar_days";
}

std::optional<model::Due::Counting> parse_counting(std::string_view s) {
  if (s == "calendar_days") return model::Due::Counting::calendar_days;
  if (s == "working_days") return model::Due::Counting::working_days;
  return std::nullopt;
}

std::string_view anchor_name(model::Due::Anchor a) {
  switch (a) {
    case model::Due::Anchor::date:
      return "date";
    case model::Due::Anchor::inspection_to:
      return "inspection_to";
    case model::Due::Anchor::conclusion_date:
      return "conclusion_date";
    case model::Due::Anchor::period_end:
      return "period_end";
  }
  return "date";
}

std::optional<model::Due::Anchor> parse_anchor(std::string_view s) {
  if (s == "date") return model::Due::Anchor::date;
  if (s == "inspection_to") return model::Due::Anchor::inspection_to;
  if (s == "conclusion_date") return model::Due::Anchor::conclusion_date;
  if (s == "period_end") return model::Due::Anchor::period_end;
  return std::nullopt;
}

}  // namespace

std::vector<std::string> split_emails(const std::string& joined) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= joined.size()) {
    auto end = joined.find(',', start);
    if (end == std::string::npos) end = joined.size();
    auto first = joined.find_first_not_of(' ', start);
    if (first != std::string::npos && first < end) {
      auto last = joined.find_last_not_of(' ', end - 1);
      out.push_back(joined.substr(first, last - first + 1));
    }
    start = end + 1;
  }
  return out;
}

void bind_text(SQLite::Statement& q, const char* name, const std::string& value) {
  if (value.empty()) {
    q.bind(name);
  } else {
    q.bind(name, value);
  }
}

void bind_text(SQLite::Statement& q, const char* name, const std::optional<std::string>& value) {
  if (value) {
    q.bind(name, *value);
  } else {
    q.bind(name);
  }
}

void bind_date(SQLite::Statement& q, const char* name, const std::optional<model::Date>& date) {
  if (date) {
    q.bind(name, date->iso());
  } else {
    q.bind(name);
  }
}

void bind_int(SQLite::Statement& q, const char* name, std::optional<std::int64_t> value) {
  if (value) {
    q.bind(name, static_cast<std::int64_t>(*value));
  } else {
    q.bind(name);
  }
}

void bind_real(SQLite::Statement& q, const char* name, std::optional<double> value) {
  if (value) {
    q.bind(name, *value);
  } else {
    q.bind(name);
  }
}

std::string text_of(const SQLite::Column& c) { return c.isNull() ? std::string() : c.getString(); }

std::optional<std::string> opt_text(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getString();
}

std::string iso_or_empty(const std::optional<model::Date>& date) {
  return date ? date->iso() : std::string();
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (item.empty()) continue;
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::vector<std::string> sorted_unique(std::vector<std::string> keys) {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

DueColumns due_columns(const model::Due& due) {
  DueColumns c;
  c.form = std::string(model::to_string(due.form));
  c.text = due.text;
  switch (due.form) {
    case model::Due::Form::date:
    case model::Due::Form::by:
    case model::Due::Form::before:
      if (due.date) c.date = due.date->iso();
      break;
    case model::Due::Form::within:
      c.period = due.period;
      c.counting = std::string(counting_name(due.counting));
      c.anchor = std::string(anchor_name(due.anchor));
      if (due.anchor == model::Due::Anchor::date && due.anchor_date) {
        c.anchor_date = due.anchor_date->iso();
      }
      break;
    case model::Due::Form::day:
      c.day = due.day;
      break;
    case model::Due::Form::none:
      break;
  }
  return c;
}

model::Unit read_unit(const SQLite::Statement& q, int first) {
  model::Unit u;
  u.key = q.getColumn(first).getString();
  u.name = q.getColumn(first + 1).getString();
  u.kind = enum_of(q.getColumn(first + 2), &model::parse_unit_kind);
  u.parent = opt_text(q.getColumn(first + 3));
  u.emails = split_emails(text_of(q.getColumn(first + 4)));
  u.head = text_of(q.getColumn(first + 5));
  return u;
}

std::string join_recipients(const std::vector<std::string>& recipients) { return join(recipients, "\n"); }

std::vector<std::string> split_recipients(const std::string& joined) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < joined.size()) {
    const std::size_t end = std::min(joined.find('\n', start), joined.size());
    out.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

namespace {

// NULL (read as "") is none; any other text must be an authority as printed.
std::optional<model::SigningAuthority> stored_authority(std::string_view s) {
  if (s.empty()) return model::SigningAuthority::none;
  const auto authority = model::parse_signing_authority(s);
  if (!authority || model::to_string(*authority) != s) return std::nullopt;
  return authority;
}

}  // namespace

model::Office read_office(const SQLite::Statement& q, int first) {
  model::Office o;
  o.key = q.getColumn(first).getString();
  o.parent_body = text_of(q.getColumn(first + 1));
  o.body = text_of(q.getColumn(first + 2));
  o.place = text_of(q.getColumn(first + 3));
  o.report_symbol = text_of(q.getColumn(first + 4));
  o.letter_symbol = text_of(q.getColumn(first + 5));
  o.signing.authority = enum_of(q.getColumn(first + 6), &stored_authority);
  o.signing.on_behalf_of = text_of(q.getColumn(first + 7));
  o.signing.deputy_for = text_of(q.getColumn(first + 8));
  o.signing.title = text_of(q.getColumn(first + 9));
  o.signing.name = text_of(q.getColumn(first + 10));
  o.recipients = split_recipients(text_of(q.getColumn(first + 11)));
  o.archive = text_of(q.getColumn(first + 12));
  o.unit = opt_text(q.getColumn(first + 13));
  return o;
}

model::Inspection read_inspection(const SQLite::Statement& q, int first) {
  model::Inspection n;
  n.key = q.getColumn(first).getString();
  n.kind = enum_of(q.getColumn(first + 1), &model::parse_inspection_kind);
  n.title = text_of(q.getColumn(first + 2));
  n.authority = text_of(q.getColumn(first + 3));
  n.team = text_of(q.getColumn(first + 4));
  n.scope = opt_text(q.getColumn(first + 5));
  n.from = date_of(q.getColumn(first + 6));
  n.to = date_of(q.getColumn(first + 7));
  n.conclusion.number = text_of(q.getColumn(first + 8));
  n.conclusion.date = date_of(q.getColumn(first + 9));
  n.conclusion.title = text_of(q.getColumn(first + 10));
  n.conclusion.signed_by = text_of(q.getColumn(first + 11));
  return n;
}

model::Finding read_finding(const SQLite::Statement& q, int first) {
  model::Finding f;
  f.inspection = q.getColumn(first).getString();
  f.key = q.getColumn(first + 1).getString();
  f.unit = q.getColumn(first + 2).getString();
  f.area = text_of(q.getColumn(first + 3));
  if (!q.getColumn(first + 4).isNull()) {
    f.severity = enum_of(q.getColumn(first + 4), &model::parse_severity);
  }
  f.text = text_of(q.getColumn(first + 5));
  f.legal_basis = text_of(q.getColumn(first + 6));
  model::Indicator ind;
  ind.name = text_of(q.getColumn(first + 7));
  ind.value = opt_real(q.getColumn(first + 8));
  ind.target = opt_real(q.getColumn(first + 9));
  ind.unit = text_of(q.getColumn(first + 10));
  if (!ind.name.empty() || ind.value || ind.target || !ind.unit.empty()) f.indicator = ind;
  return f;
}

model::Task read_task(const SQLite::Statement& q) {
  model::Task t;
  read_task_into(q, t);
  return t;
}

void read_task_into(const SQLite::Statement& q, model::Task& t) {
  t.id = q.getColumn(0).getInt64();
  assign_text(t.inspection, q.getColumn(1));
  assign_text(t.key, q.getColumn(2));
  assign_text(t.assignee, q.getColumn(3));
  assign_text(t.action, q.getColumn(4));
  assign_opt_text(t.report_to, q.getColumn(5));
  assign_text(t.target, q.getColumn(6));
  t.due.form = enum_of(q.getColumn(7), &model::parse_due_form);
  assign_text(t.due.text, q.getColumn(8));
  t.due.date = date_of(q.getColumn(9));
  t.due.period = 0;
  t.due.counting = model::Due::Counting::calendar_days;
  t.due.anchor = model::Due::Anchor::date;
  t.due.anchor_date.reset();
  if (t.due.form == model::Due::Form::within) {
    t.due.period = q.getColumn(10).getInt();
    if (!q.getColumn(11).isNull()) t.due.counting = enum_of(q.getColumn(11), &parse_counting);
    if (!q.getColumn(12).isNull()) t.due.anchor = enum_of(q.getColumn(12), &parse_anchor);
    t.due.anchor_date = date_of(q.getColumn(13));
  }
  t.last_day = date_of(q.getColumn(14));
  t.status = enum_of(q.getColumn(15), &model::parse_status);
  t.done_on = date_of(q.getColumn(16));
  assign_text(t.assignee_name, q.getColumn(17));
  assign_text(t.report_to_name, q.getColumn(18));
  assign_text(t.inspection_title, q.getColumn(19));
  assign_keys(t.findings, view_of(q.getColumn(20)));
  assign_text(t.period, q.getColumn(21));
  t.due.day = t.due.form == model::Due::Form::day ? q.getColumn(22).getInt() : 0;
  assign_text(t.calendar, q.getColumn(23));
  if (!q.getColumn(24).isNull()) {
    model::Repeat repeat;
    repeat.every = enum_of(q.getColumn(24), &model::parse_repeat_every);
    repeat.from = date_of(q.getColumn(25));
    repeat.until = date_of(q.getColumn(26));
    t.repeat = repeat;
  } else {
    t.repeat.reset();
  }
  t.due_provisional = q.getColumn(27).getInt() != 0;
  t.original_last_day = date_of(q.getColumn(28));
  t.extensions = q.getColumn(29).getInt();
  t.done_deadline = date_of(q.getColumn(30));
  t.verified_on = date_of(q.getColumn(31));
}

void read_tally(const SQLite::Statement& q, TaskTally& t) {
  t.group = q.getColumn(0).getInt64();
  t.status = enum_of(q.getColumn(1), &model::parse_status);
  t.last_day = date_of(q.getColumn(2));
  t.done_on = date_of(q.getColumn(3));
  t.done_deadline = date_of(q.getColumn(4));
}

model::Event read_event(const SQLite::Statement& q) {
  model::Event e;
  e.id = q.getColumn(0).getInt64();
  e.at = text_of(q.getColumn(1));
  e.actor = text_of(q.getColumn(2));
  e.action = text_of(q.getColumn(3));
  e.entity = text_of(q.getColumn(4));
  e.key = text_of(q.getColumn(5));
  e.task_id = q.getColumn(6).isNull() ? 0 : q.getColumn(6).getInt64();
  e.field = text_of(q.getColumn(7));
  e.before = text_of(q.getColumn(8));
  e.after = text_of(q.getColumn(9));
  e.effective = text_of(q.getColumn(10));
  return e;
}

std::string reminder_columns(int version) {
  return std::string("r.id, u.key, r.day, r.sent_at, r.status, r.transport, r.target, r.message_id,"
                     " r.to_addrs, r.cc_addrs, r.actor, ") +
         (version >= 5 ? "r.claimant, r.message" : "NULL, NULL") +
         " FROM reminders r JOIN units u ON u.id = r.unit_id";
}

model::Reminder read_reminder(const SQLite::Statement& q) {
  model::Reminder r;
  r.id = q.getColumn(0).getInt64();
  r.unit = text_of(q.getColumn(1));
  r.day = *date_of(q.getColumn(2));
  r.sent_at = text_of(q.getColumn(3));
  r.status = enum_of(q.getColumn(4), &model::parse_reminder_status);
  r.transport = text_of(q.getColumn(5));
  r.target = text_of(q.getColumn(6));
  r.message_id = text_of(q.getColumn(7));
  r.to = split_emails(text_of(q.getColumn(8)));
  r.cc = split_emails(text_of(q.getColumn(9)));
  r.actor = text_of(q.getColumn(10));
  if (!q.getColumn(11).isNull()) r.claimant = model::parse_claimant(q.getColumn(11).getString());
  if (!q.getColumn(12).isNull()) r.message = q.getColumn(12).getString();
  return r;
}

model::RemindedTask read_reminded_task(const SQLite::Statement& q, int first) {
  model::RemindedTask t;
  if (!q.getColumn(first).isNull()) t.task_id = q.getColumn(first).getInt64();
  t.task_key = text_of(q.getColumn(first + 1));
  const std::string state = q.getColumn(first + 2).getString();
  if (state == "overdue") {
    t.state = model::RemindedTask::State::overdue;
  } else if (state == "due") {
    t.state = model::RemindedTask::State::due;
  } else if (state == "undated") {
    t.state = model::RemindedTask::State::undated;
  } else {
    bad_value(q.getColumn(first + 2));
  }
  t.last_day = date_of(q.getColumn(first + 3));
  t.days_late = q.getColumn(first + 4).getInt();
  t.escalated = q.getColumn(first + 5).getInt() != 0;
  return t;
}

}  // namespace inspectrack::storage::detail
