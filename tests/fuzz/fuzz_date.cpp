// libFuzzer target for model::parse_date (dates in YAML files, --as-of, the database).
// Any parse result is fine; a crash, a sanitizer report or a broken round trip is a
// finding: a date that parses must be a real day of 1..9999 that reads back the same
// from each way it is written (ISO, Vietnamese) and from its year, month and day.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "inspectrack/model/date.hpp"

namespace {

using inspectrack::model::Date;
using inspectrack::model::parse_date;

[[noreturn]] void fail(const char* what, std::string_view input, const Date& d) {
  std::fprintf(stderr, "fuzz_date: %s: input '%.*s' parsed as %s (days %d)\n", what,
               static_cast<int>(input.size()), input.data(), d.iso().c_str(),
               static_cast<int>(d.days()));
  std::abort();
}

void check(std::string_view input) {
  const auto parsed = parse_date(input);
  if (!parsed.date) return;
  const Date d = *parsed.date;
  if (d.year() < 1 || d.year() > 9999) fail("year outside 1..9999", input, d);
  if (d.month() < 1 || d.month() > 12 || d.day() < 1 || d.day() > 31) {
    fail("month or day out of range", input, d);
  }
  if (d.iso_weekday() < 1 || d.iso_weekday() > 7) fail("weekday out of range", input, d);
  if (Date::from_ymd(d.year(), d.month(), d.day()) != d) fail("from_ymd round trip", input, d);

  const std::string iso = d.iso();
  const auto again = parse_date(iso);
  if (!again.date || *again.date != d) fail("parse_date(iso()) round trip", input, d);
  const std::string vn = d.vn();
  const auto again_vn = parse_date(vn);
  if (!again_vn.date || *again_vn.date != d) fail("parse_date(vn()) round trip", input, d);

  // The neighbouring days are real days too, and one day apart.
  if (d.year() < 9999 || d.month() < 12 || d.day() < 31) {
    const Date next = d.plus_days(1);
    if (next.days_since(d) != 1 || Date::from_ymd(next.year(), next.month(), next.day()) != next) {
      fail("next day", input, d);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  check(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
