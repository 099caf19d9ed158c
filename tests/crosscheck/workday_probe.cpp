// Answers working-day queries for numpy_busday.py, one line per query.
//
//   workday_probe CALENDAR_FILE < queries
//
// CALENDAR_FILE lines: `rest 0000011` (Monday … Sunday, 1 = weekly rest day),
// `off YYYY-MM-DD`, `work YYYY-MM-DD` (each day's year becomes a listed year),
// `rules none` (the default) or `rules vietnam`.
// Queries: `add YYYY-MM-DD N` prints the N-th working day after the date (ISO);
// `count YYYY-MM-DD YYYY-MM-DD` prints the working days in (first, second];
// `days YYYY` prints the year's special days on one line, each as `YYYY-MM-DD:off`
// or `YYYY-MM-DD:work`, separated by spaces (an empty line when there is none).
// Exit status 2 on a malformed line.

#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>

#include "inspectrack/calendar/work_calendar.hpp"

using inspectrack::calendar::CalendarSpec;
using inspectrack::calendar::DayKind;
using inspectrack::calendar::WorkCalendar;
using inspectrack::calendar::YearSpec;
using inspectrack::model::Date;

namespace {

bool parse_day(const std::string& s, Date& out) {
  const auto parsed = inspectrack::model::parse_date(s);
  if (!parsed.date) return false;
  out = *parsed.date;
  return true;
}

int fail(const std::string& what, const std::string& line) {
  std::cerr << "workday_probe: " << what << ": '" << line << "'\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: workday_probe CALENDAR_FILE < queries\n";
    return 2;
  }
  std::ifstream file(argv[1]);
  if (!file) {
    std::cerr << "workday_probe: cannot read '" << argv[1] << "'\n";
    return 2;
  }
  CalendarSpec spec;
  spec.key = "probe";
  std::map<int, YearSpec> years;
  std::string line;
  while (std::getline(file, line)) {
    std::istringstream in(line);
    std::string kind, value;
    if (!(in >> kind >> value)) continue;
    if (kind == "rest") {
      if (value.size() != 7 || value.find_first_not_of("01") != std::string::npos) {
        return fail("bad rest mask", line);
      }
      spec.weekend = 0;
      for (std::size_t i = 0; i < 7; ++i) {
        if (value[i] == '1') spec.weekend = static_cast<std::uint8_t>(spec.weekend | (1U << i));
      }
      continue;
    }
    if (kind == "rules") {
      if (value != "none" && value != "vietnam") return fail("bad rules", line);
      spec.rules = value == "vietnam" ? inspectrack::calendar::Rules::vietnam
                                      : inspectrack::calendar::Rules::none;
      continue;
    }
    Date day;
    if (!parse_day(value, day) || (kind != "off" && kind != "work")) return fail("bad line", line);
    YearSpec& year = years[day.year()];
    year.year = day.year();
    if (kind == "off") {
      year.days_off.push_back({day, DayKind::holiday, "off", false});
    } else {
      year.workdays.push_back({day, DayKind::workday, "work", false});
    }
  }
  for (auto& [number, year] : years) spec.years.push_back(std::move(year));
  const WorkCalendar calendar(std::move(spec));

  std::ios::sync_with_stdio(false);
  std::string out;
  while (std::getline(std::cin, line)) {
    std::istringstream in(line);
    std::string op, first, second;
    if (!(in >> op >> first) || (!(in >> second) && op != "days")) return fail("bad query", line);
    Date a;
    if (op != "days" && !parse_day(first, a)) return fail("bad date", line);
    if (op == "add") {
      int n = 0;
      try {
        n = std::stoi(second);
      } catch (const std::exception&) {
        return fail("bad count", line);
      }
      out += calendar.add_working_days(a, n).iso();
    } else if (op == "count") {
      Date b;
      if (!parse_day(second, b)) return fail("bad date", line);
      out += std::to_string(calendar.working_days_between(a, b));
    } else if (op == "days") {
      int year = 0;
      try {
        year = std::stoi(first);
      } catch (const std::exception&) {
        return fail("bad year", line);
      }
      const char* separator = "";
      for (const auto& day : calendar.special_days(year)) {
        out += separator + day.date.iso() + (day.kind == DayKind::holiday ? ":off" : ":work");
        separator = " ";
      }
    } else {
      return fail("unknown query", line);
    }
    out += '\n';
  }
  std::cout << out;
  return 0;
}
