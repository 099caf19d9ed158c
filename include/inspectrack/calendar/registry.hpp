#pragma once
// The calendars a command can use, by key: the shipped one, those stored in the
// database and those of the files being imported; a later one replaces an earlier
// one with the same key.

#include <functional>
#include <map>
#include <optional>
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
  // Adds the calendar `key` whose spec `load` makes on first use: the shipped one is
  // parsed only by commands that count working days, not by every report.
  void add_lazy(std::string key, std::function<CalendarSpec()> load);
  bool contains(std::string_view key) const;
  // The calendar, built on first use (building one takes a moment: the lunar
  // holidays of two centuries); nullptr when the key is unknown. Not thread-safe.
  const WorkCalendar* find(std::string_view key) const;
  const CalendarSpec* spec(std::string_view key) const;
  // Every key, sorted.
  std::vector<std::string> keys() const;

 private:
  struct Entry {
    mutable std::optional<CalendarSpec> spec;  // made by `load` when not given
    std::function<CalendarSpec()> load;
    mutable std::shared_ptr<const WorkCalendar> built;

    const CalendarSpec& get() const {
      if (!spec) spec = load();
      return *spec;
    }
  };
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace inspectrack::calendar
