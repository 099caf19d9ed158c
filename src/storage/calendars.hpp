#pragma once
// Calendars in the tables calendars, calendar_years and calendar_days.

#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <string>
#include <vector>

#include "inspectrack/calendar/work_calendar.hpp"

namespace inspectrack::storage::detail {

struct StoredCalendar {
  calendar::CalendarSpec spec;
  bool builtin = false;
};

// The stored calendar with this key, if any.
std::optional<StoredCalendar> read_calendar(SQLite::Database& db, const std::string& key);
// Every calendar imported from a file (builtin = 0), by key.
std::vector<calendar::CalendarSpec> read_imported_calendars(SQLite::Database& db);

// Replaces (or adds) the calendar with spec.key and all its years and days.
void write_calendar(SQLite::Database& db, const calendar::CalendarSpec& spec, bool builtin,
                    const std::string& source_file);

// "saturday,sunday".
std::string weekend_text(calendar::WeekendMask mask);

// What the history says about one year of a calendar: "12 days off, 1 working day;
// SOURCE", or "" when the year is not listed.
std::string year_summary(const calendar::CalendarSpec& spec, int year);

}  // namespace inspectrack::storage::detail
