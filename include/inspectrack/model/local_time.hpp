#pragma once
// A moment of the history as people read it: the day and time on the clocks where
// they are, and how far those clocks are from UTC. The history stores UTC; only what
// people read is local.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "inspectrack/model/date.hpp"

namespace inspectrack::model {

struct LocalTime {
  Date date;
  int hour = 0;            // 0..23
  int minute = 0;          // 0..59
  int second = 0;          // 0..60 (a leap second, where a zone counts one)
  int offset_seconds = 0;  // local time minus UTC: +25200 in Việt Nam

  bool operator==(const LocalTime&) const = default;
};

// The local time of a UTC instant (seconds since 1970-01-01T00:00:00Z) in one zone.
// The command line gives the machine's (TZ, else the system's zone); tests give a fixed one.
using Zone = std::function<LocalTime(std::int64_t utc_seconds)>;

// The zone UTC, worked out without the C library: offset 0.
LocalTime in_utc(std::int64_t utc_seconds);

// Seconds since 1970-01-01T00:00:00Z of a stored time "2021-07-21T08:30:00Z"
// (the history's form); nullopt for any other text or an impossible day or time.
std::optional<std::int64_t> parse_utc_timestamp(std::string_view text);

// How far a zone is from UTC, as a heading says it: "UTC+07:00", "UTC-09:30", and
// "UTC" for an offset of 0.
std::string utc_offset_text(int offset_seconds);

}  // namespace inspectrack::model
