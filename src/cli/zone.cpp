#include "zone.hpp"

#include <ctime>

namespace inspectrack::cli {

model::LocalTime machine_local_time(std::int64_t utc_seconds) {
  const auto when = static_cast<std::time_t>(utc_seconds);
  std::tm tm{};
  if (localtime_r(&when, &tm) == nullptr) return model::in_utc(utc_seconds);
  const auto date = model::Date::from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  if (!date) return model::in_utc(utc_seconds);
  return model::LocalTime{*date, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(tm.tm_gmtoff)};
}

}  // namespace inspectrack::cli
