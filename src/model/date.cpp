#include "inspectrack/model/date.hpp"

#include <charconv>

#include <fmt/format.h>

namespace inspectrack::model {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
constexpr std::int32_t days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Civil {
  int y, m, d;
};

constexpr Civil civil_from_days(std::int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = yoe + era * 400;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp + (mp < 10 ? 3 : -9);
  return {y + (m <= 2 ? 1 : 0), m, d};
}

constexpr bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

constexpr int days_in_month(int y, int m) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}


}  // namespace

std::optional<Date> Date::from_ymd(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12) return std::nullopt;
  if (day < 1 || day > days_in_month(year, month)) return std::nullopt;
  return Date(days_from_civil(year, month, day));
}

int Date::year() const { return civil_from_days(days_).y; }
int Date::month() const { return civil_from_days(days_).m; }
int Date::day() const { return civil_from_days(days_).d; }

int Date::iso_weekday() const {
  // 1970-01-01 was a Thursday (4).
  const int r = ((days_ % 7) + 7) % 7;  // 0 = Thursday
  return (r + 3) % 7 + 1;
}

std::string Date::iso() const {
  const Civil c = civil_from_days(days_);
  return fmt::format("{:04}-{:02}-{:02}", c.y, c.m, c.d);
}

std::string Date::vn() const {
  const Civil c = civil_from_days(days_);
  return fmt::format("{:02}/{:02}/{:04}", c.d, c.m, c.y);
}

std::optional<int> parse_digits(std::string_view s, std::size_t min_digits, std::size_t max_digits) {
  if (s.size() < min_digits || s.size() > max_digits) return std::nullopt;
  int value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

DateParse parse_date(std::string_view s) {
  DateParse result;
  std::optional<int> y, m, d;
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
    y = parse_digits(s.substr(0, 4), 4, 4);
    m = parse_digits(s.substr(5, 2), 2, 2);
    d = parse_digits(s.substr(8, 2), 2, 2);
  } else {
    const auto first = s.find('/');
    const auto second = first == std::string_view::npos ? first : s.find('/', first + 1);
    if (second == std::string_view::npos || s.find('/', second + 1) != std::string_view::npos) {
      return result;
    }
    d = parse_digits(s.substr(0, first), 1, 2);
    m = parse_digits(s.substr(first + 1, second - first - 1), 1, 2);
    y = parse_digits(s.substr(second + 1), 4, 4);
  }
  if (!y || !m || !d) return result;
  result.date = Date::from_ymd(*y, *m, *d);
  if (!result.date) result.error = DateParseError::impossible;
  return result;
}

}  // namespace inspectrack::model
