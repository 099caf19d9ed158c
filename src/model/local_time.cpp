#include "inspectrack/model/local_time.hpp"

#include <cstdlib>

#include <fmt/format.h>

namespace inspectrack::model {
namespace {

constexpr std::int64_t kDay = 86400;

// The number at s[at], `n` ASCII digits; nullopt when one is not a digit.
std::optional<int> digits(std::string_view s, std::size_t at, std::size_t n) {
  int value = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    value = value * 10 + (s[i] - '0');
  }
  return value;
}

}  // namespace

LocalTime in_utc(std::int64_t utc_seconds) {
  // Floor division: an instant before 1970 still lands on its own day.
  std::int64_t days = utc_seconds / kDay;
  std::int64_t rest = utc_seconds % kDay;
  if (rest < 0) {
    rest += kDay;
    --days;
  }
  LocalTime t;
  t.date = Date::from_days(static_cast<std::int32_t>(days));
  t.hour = static_cast<int>(rest / 3600);
  t.minute = static_cast<int>(rest % 3600 / 60);
  t.second = static_cast<int>(rest % 60);
  return t;
}

std::optional<std::int64_t> parse_utc_timestamp(std::string_view text) {
  // 2021-07-21T08:30:00Z
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z') {
    return std::nullopt;
  }
  const auto year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
  const auto hour = digits(text, 11, 2), minute = digits(text, 14, 2), second = digits(text, 17, 2);
  if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
  if (*hour > 23 || *minute > 59 || *second > 59) return std::nullopt;
  const auto date = Date::from_ymd(*year, *month, *day);
  if (!date) return std::nullopt;
  return std::int64_t{date->days()} * kDay + *hour * 3600 + *minute * 60 + *second;
}

std::string utc_offset_text(int offset_seconds) {
  if (offset_seconds == 0) return "UTC";
  const int minutes = std::abs(offset_seconds) / 60;
  return fmt::format("UTC{}{:02}:{:02}", offset_seconds < 0 ? '-' : '+', minutes / 60, minutes % 60);
}

}  // namespace inspectrack::model
