#pragma once
// The machine's time zone, as the C library knows it. Private to the cli module.

#include <cstdint>

#include "inspectrack/model/local_time.hpp"

namespace inspectrack::cli {

// The local time of a UTC instant in the zone TZ names, else the system's
// (/etc/localtime), else UTC, through localtime_r: the zone tzset() last read, which
// read_environment() calls once. Changes nothing; an instant the C library cannot
// convert is given in UTC.
model::LocalTime machine_local_time(std::int64_t utc_seconds);

}  // namespace inspectrack::cli
