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

constexpr Phrase kInCalendar{"in the calendar", "trong lịch (calendar)"};
constexpr Phrase kInYear{"in a year", "trong một năm (years)"};
constexpr Phrase kInDay{"in a day", "trong một ngày"};
constexpr Phrase kCalendarShape{"a mapping (key: …, name: …, years: …)",
                                "một ánh xạ (key: …, name: …, years: …)"};
constexpr Phrase kYearsShape{"a list of years (- year: 2021)",
                             "một danh sách năm (- year: 2021)"};
constexpr Phrase kYearShape{"a mapping (year: …, source: …, days_off: …)",
                            "một ánh xạ (year: …, source: …, days_off: …)"};
constexpr Phrase kDaysShape{"a list of days (- {date: …, name: …})",
                            "một danh sách ngày (- {date: …, name: …})"};
constexpr Phrase kDayShape{"a mapping ({date: …, name: …} or {from: …, to: …, name: …})",
                           "một ánh xạ ({date: …, name: …} hoặc {from: …, to: …, name: …})"};
constexpr Phrase kWeekendShape{"a list of weekdays ([saturday, sunday])",
                               "một danh sách thứ trong tuần ([saturday, sunday])"};

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
      if (auto rule = r_.choice(*rules, {"calendar rules", "quy tắc lịch"}, kRuleNames)) {
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
        r_.choice(item, {"weekday", "thứ trong tuần"}, kWeekdays);
      }
    }
    if (mask == 0x7F) {
      r_.error(value, r_.say("'weekend' names all seven days; a calendar needs working days",
                             "'weekend' gồm cả bảy ngày; lịch phải có ngày làm việc"));
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
        r_.error(item, r_.say("year {} is already listed at line {}; list each year once",
                              "năm {} đã có ở dòng {}; mỗi năm chỉ ghi một lần", year->year,
                              it->second));
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
          r_.error(*year, r_.say("'year' must be a year such as 2021, not '{}'",
                                 "'year' phải là một năm như 2021, không phải '{}'",
                                 trim(year->scalar)));
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
        r_.error(item, r_.say("a day has both 'date' and 'from'/'to'; write one day or a range",
                              "một ngày có cả 'date' và 'from'/'to'; hãy viết một ngày hoặc một "
                              "khoảng"));
        continue;
      }
      if (date != nullptr) {
        first = last = r_.date(*date, "date");
      } else if (from != nullptr || to != nullptr) {
        if (!off) {
          r_.error(item, r_.say("list swapped working days one by one with 'date:'",
                                "hãy ghi từng ngày làm bù bằng 'date:'"));
          continue;
        }
        if (from == nullptr || to == nullptr) {
          r_.error(item, r_.say("a range needs both 'from' and 'to'",
                                "một khoảng cần cả 'from' và 'to'"));
          continue;
        }
        first = r_.date(*from, "from");
        last = r_.date(*to, "to");
        if (first && last && (*last < *first || last->days_since(*first) > 31)) {
          r_.error(*to, r_.say("'to' must be on or after 'from' and at most 31 days later",
                               "'to' phải từ ngày 'from' trở đi và không quá 31 ngày"));
          continue;
        }
      } else {
        r_.error(item, r_.say("missing 'date' in a day; add date: DATE (or from: … to: …)",
                              "thiếu 'date' trong một ngày; hãy thêm date: NGÀY (hoặc from: … "
                              "to: …)"));
        continue;
      }
      if (!first || !last) continue;
      const Node& where = date != nullptr ? *date : *from;
      // A Tết break may start in the last days of the year before.
      if (year != 0 && (first->year() < year - 1 || last->year() > year ||
                        (first->year() != year && last->year() != year))) {
        r_.error(where, r_.say("{} is not in {}; list it under year {}",
                               "{} không thuộc năm {}; hãy ghi nó trong năm {}",
                               trim(where.scalar), year, first->year()));
        continue;
      }
      for (model::Date day = *first; day <= *last; day = day.plus_days(1)) {
        const bool rest = (weekend >> (day.iso_weekday() - 1)) & 1U;
        if (!off && !rest) {
          r_.error(where, r_.say("{} is already a working day; list only weekend days worked "
                                 "instead under workdays",
                                 "{} vốn là ngày làm việc; trong workdays chỉ ghi ngày nghỉ cuối "
                                 "tuần phải làm bù",
                                 day.vn()));
          break;
        }
        if (const auto it = seen.find(day); it != seen.end()) {
          r_.error(where, r_.say("{} is already listed at line {}", "{} đã được ghi ở dòng {}",
                                 day.vn(), it->second));
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
