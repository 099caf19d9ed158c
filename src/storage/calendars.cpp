#include "calendars.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <array>
#include <string_view>

#include "inspectrack/model/date.hpp"
#include "rows.hpp"

namespace inspectrack::storage::detail {
namespace {

constexpr std::array<std::string_view, 7> kWeekdays{"monday", "tuesday",  "wednesday", "thursday",
                                                     "friday", "saturday", "sunday"};

calendar::WeekendMask parse_weekend(const std::string& text) {
  calendar::WeekendMask mask = 0;
  for (std::size_t n = 0; n < kWeekdays.size(); ++n) {
    std::size_t start = 0;
    while (start <= text.size()) {
      const std::size_t comma = text.find(',', start);
      const std::string_view word =
          std::string_view(text).substr(start, (comma == std::string::npos ? text.size() : comma) - start);
      if (word == kWeekdays[n]) mask = static_cast<calendar::WeekendMask>(mask | (1U << n));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return mask;
}

model::Date date_column(const SQLite::Column& c) {
  const auto parsed = model::parse_date(c.getString());
  if (!parsed.date) throw SQLite::Exception("calendar_days holds a date that is not ISO", SQLITE_CORRUPT);
  return *parsed.date;
}

calendar::CalendarSpec read_spec(SQLite::Database& db, std::int64_t id, std::string key,
                                 std::string name, const std::string& weekend,
                                 const std::string& rules) {
  calendar::CalendarSpec spec;
  spec.key = std::move(key);
  spec.name = std::move(name);
  spec.weekend = parse_weekend(weekend);
  spec.rules = rules == "vietnam" ? calendar::Rules::vietnam : calendar::Rules::none;
  SQLite::Statement years(db, "SELECT year, source FROM calendar_years WHERE calendar_id = :id ORDER BY year");
  years.bind(":id", id);
  while (years.executeStep()) {
    calendar::YearSpec y;
    y.year = years.getColumn(0).getInt();
    y.source = years.getColumn(1).getString();
    spec.years.push_back(std::move(y));
  }
  // Days keep the order they were written in, which is insertion (rowid) order.
  SQLite::Statement days(db,
                         "SELECT year, date, kind, name FROM calendar_days WHERE calendar_id = :id"
                         " ORDER BY rowid");
  days.bind(":id", id);
  while (days.executeStep()) {
    const int year = days.getColumn(0).getInt();
    calendar::SpecialDay day;
    day.date = date_column(days.getColumn(1));
    day.kind = days.getColumn(2).getString() == "workday" ? calendar::DayKind::workday
                                                          : calendar::DayKind::holiday;
    day.name = days.getColumn(3).getString();
    for (auto& y : spec.years) {
      if (y.year != year) continue;
      (day.kind == calendar::DayKind::workday ? y.workdays : y.days_off).push_back(day);
      break;
    }
  }
  return spec;
}

}  // namespace

std::string weekend_text(calendar::WeekendMask mask) {
  std::string out;
  for (std::size_t n = 0; n < kWeekdays.size(); ++n) {
    if (((mask >> n) & 1U) == 0) continue;
    if (!out.empty()) out += ',';
    out += kWeekdays[n];
  }
  return out;
}

std::optional<StoredCalendar> read_calendar(SQLite::Database& db, const std::string& key) {
  SQLite::Statement q(db, "SELECT id, name, weekend, rules, builtin FROM calendars WHERE key = :key");
  q.bind(":key", key);
  if (!q.executeStep()) return std::nullopt;
  const std::int64_t id = q.getColumn(0).getInt64();
  StoredCalendar out;
  out.builtin = q.getColumn(4).getInt() != 0;
  out.spec = read_spec(db, id, key, q.getColumn(1).getString(), q.getColumn(2).getString(),
                       q.getColumn(3).getString());
  return out;
}

std::vector<calendar::CalendarSpec> read_imported_calendars(SQLite::Database& db) {
  std::vector<calendar::CalendarSpec> out;
  SQLite::Statement q(db,
                      "SELECT id, key, name, weekend, rules FROM calendars WHERE builtin = 0"
                      " ORDER BY key");
  while (q.executeStep()) {
    out.push_back(read_spec(db, q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                            q.getColumn(2).getString(), q.getColumn(3).getString(),
                            q.getColumn(4).getString()));
  }
  return out;
}

void write_calendar(SQLite::Database& db, const calendar::CalendarSpec& spec, bool builtin,
                    const std::string& source_file) {
  // Its years and days go first, by hand: the cascade of the foreign key does not run
  // while an upgrade is pending (foreign keys are off then).
  for (const char* sql : {"DELETE FROM calendar_years WHERE calendar_id IN (SELECT id FROM calendars WHERE key = :key)",
                          "DELETE FROM calendar_days WHERE calendar_id IN (SELECT id FROM calendars WHERE key = :key)",
                          "DELETE FROM calendars WHERE key = :key"}) {
    SQLite::Statement del(db, sql);
    del.bind(":key", spec.key);
    del.exec();
  }
  SQLite::Statement ins(db,
                        "INSERT INTO calendars (key, name, weekend, rules, builtin, source_file)"
                        " VALUES (:key, :name, :weekend, :rules, :builtin, :source_file)");
  ins.bind(":key", spec.key);
  ins.bind(":name", spec.name);
  ins.bind(":weekend", weekend_text(spec.weekend));
  ins.bind(":rules", spec.rules == calendar::Rules::vietnam ? "vietnam" : "none");
  ins.bind(":builtin", builtin ? 1 : 0);
  bind_text(ins, ":source_file", source_file);
  ins.exec();
  const std::int64_t id = db.getLastInsertRowid();
  SQLite::Statement year_ins(db, "INSERT INTO calendar_years (calendar_id, year, source) VALUES (:id, :year, :source)");
  SQLite::Statement day_ins(db,
                            "INSERT INTO calendar_days (calendar_id, year, date, kind, name)"
                            " VALUES (:id, :year, :date, :kind, :name)");
  for (const auto& y : spec.years) {
    year_ins.bind(":id", id);
    year_ins.bind(":year", y.year);
    year_ins.bind(":source", y.source);
    year_ins.exec();
    year_ins.reset();
    for (const auto* list : {&y.days_off, &y.workdays}) {
      for (const auto& day : *list) {
        day_ins.bind(":id", id);
        day_ins.bind(":year", y.year);
        day_ins.bind(":date", day.date.iso());
        day_ins.bind(":kind", day.kind == calendar::DayKind::workday ? "workday" : "holiday");
        day_ins.bind(":name", day.name);
        day_ins.exec();
        day_ins.reset();
      }
    }
  }
}

std::string year_summary(const calendar::CalendarSpec& spec, int year) {
  for (const auto& y : spec.years) {
    if (y.year != year) continue;
    return fmt::format("{} days off, {} working days; {}", y.days_off.size(), y.workdays.size(),
                       y.source);
  }
  return {};
}

}  // namespace inspectrack::storage::detail
