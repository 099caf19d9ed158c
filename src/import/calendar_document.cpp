#include "calendar_document.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "inspectrack/model/date.hpp"
#include "inspectrack/text/utf8.hpp"

namespace inspectrack::import {
namespace {

const std::vector<std::string> kCalendarKeys{"key", "name", "weekend", "rules", "years"};
const std::vector<std::string> kYearKeys{"year", "source", "days_off", "workdays"};
const std::vector<std::string> kDayKeys{"date", "from", "to", "name"};
const std::vector<std::string> kRuleNames{"none", "vietnam"};
const std::vector<std::string> kWeekdays{"monday", "tuesday",  "wednesday", "thursday",
                                         "friday", "saturday", "sunday"};

const auto kInCalendar = text::Message("in the calendar");
const auto kInYear = text::Message("in a year");
const auto kInDay = text::Message("in a day");
const auto kCalendarShape = text::Message("a mapping (key: …, name: …, years: …)");
const auto kYearsShape = text::Message("a list of years (- year: 2021)");
const auto kYearShape = text::Message("a mapping (year: …, source: …, days_off: …)");
const auto kDaysShape = text::Message("a list of days (- {{date: …, name: …}})");
const auto kDayShape = text::Message("a mapping ({{date: …, name: …}} or {{from: …, to: …, name: …}})");
const auto kWeekendShape = text::Message("a list of weekdays ([saturday, sunday])");

// Weekday names in English and in Vietnamese (as offices write them), to ISO 1..7.
std::optional<int> weekday_number(std::string_view word) {
  for (std::size_t i = 0; i < kWeekdays.size(); ++i) {
    if (word == kWeekdays[i]) return static_cast<int>(i) + 1;
  }
  static const std::vector<std::pair<std::string, int>> kVietnamese{
      {"thứ hai", 1}, {"thứ ba", 2}, {"thứ tư", 3},   {"thứ năm", 4},
      {"thứ sáu", 5}, {"thứ bảy", 6}, {"chủ nhật", 7}};
  const std::string folded = text::lowercase(text::nfc(word));
  for (const auto& [name, n] : kVietnamese) {
    if (folded == name) return n;
  }
  return std::nullopt;
}

class CalendarReader {
 public:
  explicit CalendarReader(FieldReader& r) : r_(r) {}

  std::optional<CalendarDocument> read(const Node& value) {
    if (!r_.expect_mapping(value, "calendar", kCalendarShape)) return std::nullopt;
    r_.reject_unknown_keys(value, kCalendarKeys, kInCalendar);
    CalendarDocument doc;
    doc.pos = r_.at(value);
    calendar::CalendarSpec& spec = doc.spec;
    if (const Node* key = r_.require(value, "key", kInCalendar)) {
      if (auto k = r_.key(*key, "key")) spec.key = std::move(*k);
    }
    if (const Node* name = r_.require(value, "name", kInCalendar)) {
      if (auto t = r_.line(*name, "name", true)) spec.name = std::move(*t);
    }
    if (const Node* weekend = value.find("weekend")) read_weekend(*weekend, spec);
    if (const Node* rules = value.find("rules"); rules != nullptr && !rules->is_null()) {
      if (auto rule = r_.choice(*rules, text::Message("calendar rules"), kRuleNames)) {
        spec.rules = *rule == "vietnam" ? calendar::Rules::vietnam : calendar::Rules::none;
      }
    }
    if (const Node* years = value.find("years"); years != nullptr && !years->is_null()) {
      read_years(*years, spec);
    }
    if (spec.key.empty()) return std::nullopt;
    return doc;
  }

 private:
  void read_weekend(const Node& value, calendar::CalendarSpec& spec) {
    if (!r_.expect_list(value, "weekend", kWeekendShape)) return;
    calendar::WeekendMask mask = 0;
    for (const Node& item : value.items) {
      if (!r_.expect_scalar(item, "weekend", kWeekendShape)) continue;
      const std::string word = std::string(trim(item.scalar));
      if (const auto n = weekday_number(word)) {
        mask = static_cast<calendar::WeekendMask>(mask | (1U << (*n - 1)));
      } else {
        // choice() reports the unknown word with the nearest weekday.
        r_.choice(item, text::Message("weekday"), kWeekdays);
      }
    }
    if (mask == 0x7F) {
      r_.error(value, text::Message("'weekend' names all seven days; a calendar needs working days"));
      return;
    }
    spec.weekend = mask;
  }

  void read_years(const Node& value, calendar::CalendarSpec& spec) {
    if (!r_.expect_list(value, "years", kYearsShape)) return;
    std::map<int, int> seen;           // year → line
    std::map<model::Date, int> days;   // date → line, across every year, off and worked
    for (const Node& item : value.items) {
      if (!r_.expect_entry(item, "years", kYearShape)) continue;
      auto year = read_year(item, spec.weekend, days);
      if (!year) continue;
      if (const auto it = seen.find(year->year); it != seen.end()) {
        r_.error(item, text::Message("year {0} is already listed at line {1}; list each year once",
                                     year->year, it->second));
        continue;
      }
      seen.emplace(year->year, item.mark.line);
      spec.years.push_back(std::move(*year));
    }
    std::sort(spec.years.begin(), spec.years.end(),
              [](const auto& a, const auto& b) { return a.year < b.year; });
  }

  std::optional<calendar::YearSpec> read_year(const Node& value, calendar::WeekendMask weekend,
                                              std::map<model::Date, int>& days) {
    r_.reject_unknown_keys(value, kYearKeys, kInYear);
    calendar::YearSpec out;
    bool ok = true;
    if (const Node* year = r_.require(value, "year", kInYear)) {
      const auto n = r_.number(*year, "year");
      const auto whole = n ? whole_number_in(*n, 1, 9999) : std::nullopt;
      if (!whole) {
        if (n) {
          r_.error(*year, text::Message("'year' must be a year such as 2021, not '{0}'", trim(year->scalar)));
        }
        ok = false;
      } else {
        out.year = *whole;
      }
    } else {
      ok = false;
    }
    if (const Node* source = r_.require(value, "source", kInYear)) {
      if (auto t = r_.text(*source, "source", true)) out.source = std::move(*t);
    }
    if (const Node* off = value.find("days_off"); off != nullptr && !off->is_null()) {
      read_days(*off, "days_off", out.year, weekend, true, out.days_off, days);
    }
    if (const Node* work = value.find("workdays"); work != nullptr && !work->is_null()) {
      read_days(*work, "workdays", out.year, weekend, false, out.workdays, days);
    }
    if (!ok) return std::nullopt;
    return out;
  }

  void read_days(const Node& value, std::string_view field, int year,
                 calendar::WeekendMask weekend, bool off, std::vector<calendar::SpecialDay>& out,
                 std::map<model::Date, int>& seen) {
    if (!r_.expect_list(value, field, kDaysShape)) return;
    for (const Node& item : value.items) {
      if (!r_.expect_entry(item, field, kDayShape)) continue;
      r_.reject_unknown_keys(item, kDayKeys, kInDay);
      std::string name;
      if (const Node* n = r_.require(item, "name", kInDay)) {
        if (auto t = r_.line(*n, "name", true)) name = std::move(*t);
      }
      std::optional<model::Date> first;
      std::optional<model::Date> last;
      const Node* date = item.find("date");
      const Node* from = item.find("from");
      const Node* to = item.find("to");
      if (date != nullptr && (from != nullptr || to != nullptr)) {
        r_.error(item, text::Message("a day has both 'date' and 'from'/'to'; write one day or a range"));
        continue;
      }
      if (date != nullptr) {
        first = last = r_.date(*date, "date");
      } else if (from != nullptr || to != nullptr) {
        if (!off) {
          r_.error(item, text::Message("list swapped working days one by one with 'date:'"));
          continue;
        }
        if (from == nullptr || to == nullptr) {
          r_.error(item, text::Message("a range needs both 'from' and 'to'"));
          continue;
        }
        first = r_.date(*from, "from");
        last = r_.date(*to, "to");
        if (first && last && (*last < *first || last->days_since(*first) > 31)) {
          r_.error(*to, text::Message("'to' must be on or after 'from' and at most 31 days later"));
          continue;
        }
      } else {
        r_.error(item, text::Message("missing 'date' in a day; add date: DATE (or from: … to: …)"));
        continue;
      }
      if (!first || !last) continue;
      const Node& where = date != nullptr ? *date : *from;
      // A Tết break may start in the last days of the year before.
      if (year != 0 && (first->year() < year - 1 || last->year() > year ||
                        (first->year() != year && last->year() != year))) {
        r_.error(where, text::Message("{0} is not in {1}; list it under year {2}", trim(where.scalar), year,
                                      first->year()));
        continue;
      }
      for (model::Date day = *first; day <= *last; day = day.plus_days(1)) {
        const bool rest = (weekend >> (day.iso_weekday() - 1)) & 1U;
        if (!off && !rest) {
          r_.error(where,
                   text::Message(
                       "{0} is already a working day; list only weekend days worked instead under workdays",
                       day.vn()));
          break;
        }
        if (const auto it = seen.find(day); it != seen.end()) {
          r_.error(where, text::Message("{0} is already listed at line {1}", day.vn(), it->second));
          break;
        }
        seen.emplace(day, where.mark.line);
        out.push_back(calendar::SpecialDay{
            day, off ? calendar::DayKind::holiday : calendar::DayKind::workday, name, false});
      }
    }
  }

  FieldReader& r_;
};

}  // namespace

std::optional<CalendarDocument> parse_calendar(FieldReader& r, const Node& value) {
  return CalendarReader(r).read(value);
}

}  // namespace inspectrack::import
