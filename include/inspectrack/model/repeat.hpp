#pragma once
// A recurring task (periodic CCHC reports): how often it recurs and over which dates.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inspectrack/model/date.hpp"

namespace inspectrack::model {

struct Repeat {
  enum class Every { monthly, quarterly, half_yearly, yearly };

  Every every = Every::quarterly;
  std::optional<Date> from;   // the first period is the one holding this day
  std::optional<Date> until;  // the last period is the one holding this day

  bool operator==(const Repeat&) const = default;
};

// "monthly", "quarterly", "half-yearly", "yearly": in files, the database and JSON.
std::string_view to_string(Repeat::Every every);
// Also the Vietnamese words: "hằng tháng", "hằng quý", "6 tháng", "hằng năm" (NFC or NFD,
// any case); nullopt otherwise.
std::optional<Repeat::Every> parse_repeat_every(std::string_view s);
const std::vector<std::string>& repeat_every_names();

// "quarterly from 2021-07-01 until 2022-12-31" (dates ISO): how the history, JSON and
// CSV show a rule.
std::string describe(const Repeat& repeat);

}  // namespace inspectrack::model
