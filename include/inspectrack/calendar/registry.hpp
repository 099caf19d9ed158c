#pragma once
// The calendars a command can use, by key: the shipped one, those stored in the
// database and those of the files being imported; a later one replaces an earlier
// one with the same key.

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "inspectrack/calendar/work_calendar.hpp"

namespace inspectrack::calendar {

// The key of the shipped Vietnamese state-agency calendar, the default.
inline constexpr std::string_view kDefaultCalendar = "vn";

class CalendarRegistry {
 public:
  // Adds `spec`, replacing a calendar with the same key.
  void add(CalendarSpec spec);
  bool contains(std::string_view key) const;
  // The calendar, built on first use (building one takes a moment: the lunar
  // holidays of two centuries); nullptr when the key is unknown. Not thread-safe.
  const WorkCalendar* find(std::string_view key) const;
  const CalendarSpec* spec(std::string_view key) const;
  // Every key, sorted.
  std::vector<std::string> keys() const;

 private:
  struct Entry {
    CalendarSpec spec;
    mutable std::shared_ptr<const WorkCalendar> built;
  };
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace inspectrack::calendar
