#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "inspectrack/calendar/work_calendar.hpp"
#include "inspectrack/import/shipped_calendar.hpp"
#include "inspectrack/model/date.hpp"

using inspectrack::calendar::CalendarSpec;
using inspectrack::calendar::DayKind;
using inspectrack::calendar::Rules;
using inspectrack::calendar::SpecialDay;
using inspectrack::calendar::WorkCalendar;
using inspectrack::calendar::YearSpec;
using inspectrack::import::shipped_calendar;
using inspectrack::import::shipped_calendar_yaml;
using inspectrack::model::Date;
using inspectrack::model::parse_date;

namespace {

Date d(std::string_view iso) { return parse_date(iso).date.value(); }

constexpr DayKind kOff = DayKind::holiday;
constexpr DayKind kWork = DayKind::workday;

struct Expected {
  const char* iso;
  DayKind kind;
};

// Each announced year's special days as the announcements give them, written by hand
// from the notices (see src/calendar/data/SOURCES.md), not from the YAML: the weekdays off
// (holidays, nghỉ bù, nghỉ hoán đổi) and the Saturdays worked (làm bù), in date order.
// Weekend days inside a holiday break are not listed.
const std::vector<std::pair<int, std::vector<Expected>>>& announced_years() {
  static const std::vector<std::pair<int, std::vector<Expected>>> years{
      // 4544/TB-LĐTBXH: Tết 23–29/1 (25, 26/1 are Saturday, Sunday); Labor Code 2012.
      {2020,
       {{"2020-01-01", kOff},
        {"2020-01-23", kOff},
        {"2020-01-24", kOff},
        {"2020-01-27", kOff},
        {"2020-01-28", kOff},
        {"2020-01-29", kOff},
        {"2020-04-02", kOff},
        {"2020-04-30", kOff},
        {"2020-05-01", kOff},
        {"2020-09-02", kOff}}},
      // 4875/TB-LĐTBXH: Tết 10–16/2; 1/5 a Saturday, nghỉ bù 3/5; Quốc khánh 2–3/9.
      {2021,
       {{"2021-01-01", kOff},
        {"2021-02-10", kOff},
        {"2021-02-11", kOff},
        {"2021-02-12", kOff},
        {"2021-02-15", kOff},
        {"2021-02-16", kOff},
        {"2021-04-21", kOff},
        {"2021-04-30", kOff},
        {"2021-05-03", kOff},
        {"2021-09-02", kOff},
        {"2021-09-03", kOff}}},
      // 245/VPCP-KGVX, 119/TB-LĐTBXH: Tết 31/1–4/2; nghỉ bù 3/1, 11/4, 2/5, 3/5;
      // Quốc khánh 1–2/9.
      {2022,
       {{"2022-01-03", kOff},
        {"2022-01-31", kOff},
        {"2022-02-01", kOff},
        {"2022-02-02", kOff},
        {"2022-02-03", kOff},
        {"2022-02-04", kOff},
        {"2022-04-11", kOff},
        {"2022-05-02", kOff},
        {"2022-05-03", kOff},
        {"2022-09-01", kOff},
        {"2022-09-02", kOff}}},
      // 8056/VPCP-KGVX, 5034/TB-LĐTBXH: Tết 20–26/1; Giỗ Tổ (Saturday 29/4) and 30/4
      // (Sunday) made up on 2 and 3/5; Quốc khánh 1–2/9, 2/9 made up on 4/9.
      {2023,
       {{"2023-01-02", kOff},
        {"2023-01-20", kOff},
        {"2023-01-23", kOff},
        {"2023-01-24", kOff},
        {"2023-01-25", kOff},
        {"2023-01-26", kOff},
        {"2023-05-01", kOff},
        {"2023-05-02", kOff},
        {"2023-05-03", kOff},
        {"2023-09-01", kOff},
        {"2023-09-04", kOff}}},
      // 5015/TB-LĐTBXH: Tết 8–14/2; 2450/VPCP-KGVX: 29/4 off, Saturday 4/5 worked;
      // Quốc khánh 2–3/9.
      {2024,
       {{"2024-01-01", kOff},
        {"2024-02-08", kOff},
        {"2024-02-09", kOff},
        {"2024-02-12", kOff},
        {"2024-02-13", kOff},
        {"2024-02-14", kOff},
        {"2024-04-18", kOff},
        {"2024-04-29", kOff},
        {"2024-04-30", kOff},
        {"2024-05-01", kOff},
        {"2024-05-04", kWork},
        {"2024-09-02", kOff},
        {"2024-09-03", kOff}}},
      // 6150/TB-BLĐTBXH: Tết 25/1–2/2 (weekdays 27–31/1); Saturday 26/4 worked for
      // Friday 2/5; Quốc khánh 1–2/9.
      {2025,
       {{"2025-01-01", kOff},
        {"2025-01-27", kOff},
        {"2025-01-28", kOff},
        {"2025-01-29", kOff},
        {"2025-01-30", kOff},
        {"2025-01-31", kOff},
        {"2025-04-07", kOff},
        {"2025-04-26", kWork},
        {"2025-04-30", kOff},
        {"2025-05-01", kOff},
        {"2025-05-02", kOff},
        {"2025-09-01", kOff},
        {"2025-09-02", kOff}}},
      // 12729/VPCP-KGVX: 2/1 off, Saturday 10/1 worked; 9441/TB-BNV: Tết 14–22/2
      // (weekdays 16–20/2), Quốc khánh 1–2/9 with 31/8 off and Saturday 22/8 worked;
      // Giỗ Tổ on Sunday 26/4, nghỉ bù 27/4; Ngày Văn hóa Việt Nam 24/11.
      {2026,
       {{"2026-01-01", kOff},
        {"2026-01-02", kOff},
        {"2026-01-10", kWork},
        {"2026-02-16", kOff},
        {"2026-02-17", kOff},
        {"2026-02-18", kOff},
        {"2026-02-19", kOff},
        {"2026-02-20", kOff},
        {"2026-04-27", kOff},
        {"2026-04-30", kOff},
        {"2026-05-01", kOff},
        {"2026-08-22", kWork},
        {"2026-08-31", kOff},
        {"2026-09-01", kOff},
        {"2026-09-02", kOff},
        {"2026-11-24", kOff}}},
  };
  return years;
}

std::string describe(std::string_view iso, DayKind kind) {
  return std::string(iso) + (kind == DayKind::holiday ? " off" : " worked");
}

// "2024-04-29 off, 2024-05-04 worked, …": one string, so that a failure shows the
// whole difference.
std::string describe(const std::vector<Expected>& days) {
  std::string out;
  for (const Expected& day : days) {
    if (!out.empty()) out += ", ";
    out += describe(day.iso, day.kind);
  }
  return out;
}

std::string describe(const std::vector<SpecialDay>& days) {
  std::string out;
  for (const SpecialDay& day : days) {
    if (!out.empty()) out += ", ";
    out += describe(day.date.iso(), day.kind);
  }
  return out;
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("the shipped calendar is the state-agency calendar vn") {
  const CalendarSpec& spec = shipped_calendar();
  CHECK(spec.key == "vn");
  CHECK_FALSE(spec.name.empty());
  CHECK(spec.weekend == inspectrack::calendar::kSaturdaySunday);
  CHECK(spec.rules == Rules::vietnam);
  CHECK(contains(std::string(shipped_calendar_yaml()), "key: vn"));
  SUBCASE("parsing twice gives the same object") { CHECK(&shipped_calendar() == &spec); }
}

TEST_CASE("the shipped calendar lists the announced years 2020 to 2026, each citing its notices") {
  const CalendarSpec& spec = shipped_calendar();
  std::vector<int> listed;
  for (const YearSpec& year : spec.years) listed.push_back(year.year);
  CHECK(listed == std::vector<int>{2020, 2021, 2022, 2023, 2024, 2025, 2026});

  int previous = 0;
  for (const YearSpec& year : spec.years) {
    CAPTURE(year.year);
    CHECK(year.year > previous);
    CHECK(year.year >= 2020);
    CHECK(year.year <= 2027);
    previous = year.year;
    CHECK_FALSE(year.source.empty());
    CHECK_FALSE(year.days_off.empty());
    for (const SpecialDay& day : year.days_off) {
      CAPTURE(day.date.iso());
      CHECK(day.kind == DayKind::holiday);
      CHECK_FALSE(day.name.empty());
      CHECK_FALSE(day.provisional);
    }
    for (const SpecialDay& day : year.workdays) {
      CAPTURE(day.date.iso());
      CHECK(day.kind == DayKind::workday);
      CHECK(day.date.iso_weekday() >= 6);
      CHECK_FALSE(day.name.empty());
      CHECK_FALSE(day.provisional);
    }
  }

  // The document numbers the sources give for each year.
  const std::vector<std::pair<int, std::vector<const char*>>> documents{
      {2020, {"4544/TB-LĐTBXH"}},
      {2021, {"4875/TB-LĐTBXH"}},
      {2022, {"245/VPCP-KGVX", "119/TB-LĐTBXH"}},
      {2023, {"8056/VPCP-KGVX", "5034/TB-LĐTBXH"}},
      {2024, {"5015/TB-LĐTBXH", "2450/VPCP-KGVX"}},
      {2025, {"6150/TB-BLĐTBXH"}},
      {2026, {"12729/VPCP-KGVX", "9441/TB-BNV", "28/2026/QH16"}},
  };
  const WorkCalendar calendar(spec);
  for (const auto& entry : documents) {
    const int year = entry.first;
    CAPTURE(year);
    const YearSpec* announced = calendar.announced(year);
    REQUIRE(announced != nullptr);
    CHECK(announced->year == year);
    for (const char* number : entry.second) {
      CAPTURE(number);
      CHECK(contains(announced->source, number));
    }
  }
  CHECK(calendar.announced(2019) == nullptr);
  CHECK(calendar.announced(2027) == nullptr);
}

TEST_CASE("each announced year has exactly the announced special days") {
  const WorkCalendar calendar(shipped_calendar());
  for (const auto& entry : announced_years()) {
    const int year = entry.first;
    const std::vector<Expected>& expected = entry.second;
    CAPTURE(year);
    const std::vector<SpecialDay> days = calendar.special_days(year);
    CHECK(describe(days) == describe(expected));
    CHECK(days.size() == expected.size());
    for (const SpecialDay& day : days) {
      CAPTURE(day.date.iso());
      CHECK(day.date.year() == year);
      CHECK_FALSE(day.provisional);
      CHECK_FALSE(day.name.empty());
      if (day.kind == DayKind::holiday) {
        CHECK(day.date.iso_weekday() <= 5);
        CHECK_FALSE(calendar.is_working_day(day.date));
      } else {
        CHECK(day.date.iso_weekday() >= 6);
        CHECK(calendar.is_working_day(day.date));
      }
      CHECK_FALSE(calendar.is_provisional(day.date));
    }
  }
}

TEST_CASE("swapped days: the weekday is off and the Saturday is worked") {
  const WorkCalendar calendar(shipped_calendar());
  const std::vector<std::pair<const char*, const char*>> swaps{
      {"2024-04-29", "2024-05-04"},  // 2450/VPCP-KGVX
      {"2025-05-02", "2025-04-26"},  // 6150/TB-BLĐTBXH
      {"2026-01-02", "2026-01-10"},  // 12729/VPCP-KGVX
      {"2026-08-31", "2026-08-22"},  // 9441/TB-BNV
  };
  for (const auto& swap : swaps) {
    const char* off = swap.first;
    const char* worked = swap.second;
    CAPTURE(off);
    CAPTURE(worked);
    CHECK_FALSE(calendar.is_working_day(d(off)));
    CHECK(calendar.is_working_day(d(worked)));
    const auto day_off = calendar.special_day(d(off));
    REQUIRE(day_off.has_value());
    CHECK(day_off->kind == DayKind::holiday);
    const auto day_worked = calendar.special_day(d(worked));
    REQUIRE(day_worked.has_value());
    CHECK(day_worked->kind == DayKind::workday);
  }
  SUBCASE("the weekends around them stay weekends") {
    CHECK_FALSE(calendar.is_working_day(d("2024-05-05")));
    CHECK_FALSE(calendar.is_working_day(d("2024-04-27")));
    CHECK_FALSE(calendar.is_working_day(d("2025-04-27")));
    CHECK_FALSE(calendar.is_working_day(d("2026-01-03")));
    CHECK_FALSE(calendar.is_working_day(d("2026-08-29")));
    CHECK(calendar.is_working_day(d("2024-05-06")));
  }
  SUBCASE("working days are counted across a swap") {
    // Friday 26/4/2024 → next working days: Thursday 2/5, Friday 3/5, Saturday 4/5.
    CHECK(calendar.add_working_days(d("2024-04-26"), 1) == d("2024-05-02"));
    CHECK(calendar.add_working_days(d("2024-04-26"), 3) == d("2024-05-04"));
    CHECK(calendar.working_days_between(d("2024-04-26"), d("2024-05-06")) == 4);
  }
}

TEST_CASE("the shipped calendar names days as the notices do") {
  const WorkCalendar calendar(shipped_calendar());
  const std::vector<std::pair<const char*, const char*>> names{
      {"2021-02-15", "Tết Nguyên đán"},
      {"2021-05-03", "Nghỉ bù Ngày Quốc tế Lao động"},
      {"2022-04-11", "Nghỉ bù Giỗ Tổ Hùng Vương"},
      {"2023-09-04", "Nghỉ bù Quốc khánh"},
      {"2024-04-18", "Giỗ Tổ Hùng Vương"},
      {"2024-05-04", "Làm bù cho ngày 29/4/2024"},
      {"2025-04-30", "Ngày Chiến thắng"},
      {"2026-11-24", "Ngày Văn hóa Việt Nam"},
  };
  for (const auto& entry : names) {
    const char* iso = entry.first;
    const char* name = entry.second;
    CAPTURE(iso);
    const auto day = calendar.special_day(d(iso));
    REQUIRE(day.has_value());
    CHECK(day->name == name);
  }
}

TEST_CASE("weekend days inside a Tết break are not special days") {
  const WorkCalendar calendar(shipped_calendar());
  for (const char* iso : {"2020-01-25", "2021-02-13", "2022-01-29", "2022-02-06", "2023-01-21",
                          "2024-02-10", "2025-01-25", "2025-02-02", "2026-02-14", "2026-02-22"}) {
    CAPTURE(iso);
    CHECK(d(iso).iso_weekday() >= 6);
    CHECK_FALSE(calendar.is_working_day(d(iso)));
    for (const SpecialDay& day : calendar.special_days(d(iso).year())) {
      CHECK(day.date != d(iso));
    }
  }
  // The first working day after each break.
  CHECK(calendar.next_working_day(d("2025-01-25")) == d("2025-02-03"));
  CHECK(calendar.next_working_day(d("2026-02-14")) == d("2026-02-23"));
  CHECK(calendar.next_working_day(d("2023-01-20")) == d("2023-01-27"));
}

TEST_CASE("years after the last announcement are provisional") {
  const WorkCalendar calendar(shipped_calendar());
  CHECK_FALSE(calendar.is_provisional(d("2026-12-31")));
  CHECK(calendar.is_provisional(d("2027-03-15")));
  // 1/1/2027 is a Friday: a holiday by rule, marked provisional.
  CHECK_FALSE(calendar.is_working_day(d("2027-01-01")));
  const std::vector<SpecialDay> days = calendar.special_days(2027);
  CHECK_FALSE(days.empty());
  for (const SpecialDay& day : days) {
    CAPTURE(day.date.iso());
    CHECK(day.provisional);
  }
}
