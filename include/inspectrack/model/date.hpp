#pragma once
// A calendar date (no time, no zone): deadlines are days, as orders write them.

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace inspectrack::model {

class Date {
 public:
  // 1970-01-01.
  constexpr Date() = default;

  // nullopt when the day does not exist (30/02/2021) or the year is outside 1..9999.
  static std::optional<Date> from_ymd(int year, int month, int day);
  // Days since 1970-01-01 (negative before).
  static constexpr Date from_days(std::int32_t days) { return Date(days); }

  constexpr std::int32_t days() const { return days_; }
  int year() const;
  int month() const;  // 1..12
  int day() const;    // 1..31
  // ISO weekday: 1 = Monday … 7 = Sunday.
  int iso_weekday() const;

  constexpr Date plus_days(std::int32_t n) const { return Date(days_ + n); }
  // Whole days from `other` to this date (positive when this date is later).
  constexpr std::int32_t days_since(Date other) const { return days_ - other.days_; }

  // 2021-07-22
  std::string iso() const;
  // 22/07/2021, as Vietnamese tables show dates.
  std::string vn() const;

  constexpr auto operator<=>(const Date&) const = default;

 private:
  constexpr explicit Date(std::int32_t days) : days_(days) {}
  std::int32_t days_ = 0;
};

enum class DateParseError {
  format,      // not one of the accepted spellings
  impossible,  // well-formed but no such day (30/02/2021, 2021-13-01)
};

struct DateParse {
  std::optional<Date> date;
  DateParseError error = DateParseError::format;  // meaningful only without a date
};

// Accepts "2021-07-22" (ISO, zero-padded), "22/7/2021" and "22/07/2021" (Vietnamese
// day/month/year, day and month with one or two digits, four-digit year).
// Surrounding whitespace is not accepted: callers trim.
DateParse parse_date(std::string_view s);

// All of `s` as an unsigned decimal of min_digits..max_digits ASCII digits ("07" is 7),
// or nullopt: no sign, no space, nothing after.
std::optional<int> parse_digits(std::string_view s, std::size_t min_digits, std::size_t max_digits);

}  // namespace inspectrack::model
