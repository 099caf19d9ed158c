#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "import_test_support.hpp"
#include "inspectrack/calendar/work_calendar.hpp"
#include "inspectrack/import/document.hpp"
#include "inspectrack/model/due.hpp"
#include "inspectrack/model/repeat.hpp"

using import_test::parse;
using inspectrack::calendar::CalendarSpec;
using inspectrack::calendar::DayKind;
using inspectrack::calendar::kSaturdaySunday;
using inspectrack::calendar::Rules;
using inspectrack::calendar::SpecialDay;
using inspectrack::calendar::WeekendMask;
using inspectrack::import::Diagnostics;
using inspectrack::import::DocumentKind;
using inspectrack::model::Date;
using inspectrack::model::Due;
using inspectrack::model::Repeat;
using inspectrack::text::Lang;

namespace {

Date ymd(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

// Bit (iso_weekday - 1) for each day given.
WeekendMask mask_of(std::initializer_list<int> iso_weekdays) {
  WeekendMask mask = 0;
  for (const int d : iso_weekdays) mask = static_cast<WeekendMask>(mask | (1U << (d - 1)));
  return mask;
}

// The calendar a document defines; fails the test when it defines none.
CalendarSpec spec_of(const std::string& yaml, Diagnostics& diags) {
  const auto doc = parse(yaml, diags);
  INFO(import_test::dump(diags));
  REQUIRE(doc.has_value());
  REQUIRE(doc->calendar.has_value());
  return doc->calendar->spec;
}

// Lines 1–4 of the calendar files below; the year list starts on line 5.
const std::string kCalendarHead = "calendar:\n  key: co-quan\n  name: Lịch cơ quan\n  years:\n";

// kCalendarHead with one year 2021 (line 5) whose source is line 6 and whose
// `days_off:`/`workdays:` lines follow from line 7.
std::string year_2021(const std::string& lists) {
  return kCalendarHead + "    - year: 2021\n      source: TB 1\n" + lists;
}

// Lines 1–4 of the inspection files below; the task list starts on line 5.
const std::string kHead = "inspection:\n  key: k\n  title: T\n  scope: d\n";

// A top-level task: `repeat:` on line 9 (value at column 13), `due:` on line 10
// (value at column 10).
std::string repeating_task(const std::string& repeat, const std::string& due) {
  return kHead + "tasks:\n  - key: t\n    action: A\n    assignees: d\n    repeat: " + repeat +
         "\n    due: " + due + "\n";
}

}  // namespace

TEST_CASE("a calendar document parses into a CalendarSpec") {
  Diagnostics diags;
  const std::string yaml =
      "calendar:\n"
      "  key: co-quan\n"
      "  name: Lịch cơ quan\n"
      "  weekend: [thứ bảy, Chủ Nhật]\n"
      "  rules: vietnam\n"
      "  years:\n"
      "    - year: 2022\n"
      "      source: TB 2\n"
      "      days_off:\n"
      "        - {date: 2022-01-03, name: Nghỉ bù}\n"
      "    - year: 2021\n"
      "      source: \"Thông báo số 5205/TB-LĐTBXH\"\n"
      "      days_off:\n"
      "        - {date: 1/1/2021, name: Tết Dương lịch}\n"
      "        - {from: 10/2/2021, to: 16/2/2021, name: Tết Nguyên đán}\n"
      "      workdays:\n"
      "        - {date: 8/5/2021, name: Làm bù}\n";
  const auto doc = parse(yaml, diags, Lang::en, "co-quan.yaml");
  INFO(import_test::dump(diags));
  CHECK(diags.empty());
  REQUIRE(doc.has_value());
  CHECK(doc->kind == DocumentKind::calendar);
  CHECK(doc->path == "co-quan.yaml");
  CHECK_FALSE(doc->inspection.has_value());
  CHECK(doc->units.empty());
  REQUIRE(doc->calendar.has_value());
  CHECK(doc->calendar->pos.file == "co-quan.yaml");
  CHECK(doc->calendar->pos.line == 2);
  CHECK(doc->calendar->pos.column == 3);

  const CalendarSpec& spec = doc->calendar->spec;
  CHECK(spec.key == "co-quan");
  CHECK(spec.name == "Lịch cơ quan");
  CHECK(spec.weekend == kSaturdaySunday);
  CHECK(spec.rules == Rules::vietnam);
  // Years come sorted, whatever their order in the file.
  REQUIRE(spec.years.size() == 2);
  CHECK(spec.years[0].year == 2021);
  CHECK(spec.years[1].year == 2022);
  CHECK(spec.years[0].source == "Thông báo số 5205/TB-LĐTBXH");
  CHECK(spec.years[1].source == "TB 2");

  // The range is expanded to each of its days, the weekend days inside it included.
  std::vector<SpecialDay> off{{ymd(2021, 1, 1), DayKind::holiday, "Tết Dương lịch", false}};
  for (int d = 10; d <= 16; ++d) {
    off.push_back({ymd(2021, 2, d), DayKind::holiday, "Tết Nguyên đán", false});
  }
  CHECK(spec.years[0].days_off == off);
  CHECK(spec.years[0].workdays ==
        std::vector<SpecialDay>{{ymd(2021, 5, 8), DayKind::workday, "Làm bù", false}});
  CHECK(spec.years[1].days_off ==
        std::vector<SpecialDay>{{ymd(2022, 1, 3), DayKind::holiday, "Nghỉ bù", false}});
  CHECK(spec.years[1].workdays.empty());
}

TEST_CASE("calendar defaults and spellings") {
  Diagnostics diags;
  SUBCASE("no weekend, rules or years: Saturday and Sunday, rules none") {
    const CalendarSpec spec = spec_of("calendar:\n  key: a\n  name: A\n", diags);
    CHECK(spec.weekend == kSaturdaySunday);
    CHECK(spec.rules == Rules::none);
    CHECK(spec.years.empty());
  }
  SUBCASE("rules none, written") {
    CHECK(spec_of("calendar: {key: a, name: A, rules: none}\n", diags).rules == Rules::none);
  }
  SUBCASE("English weekday names") {
    CHECK(spec_of("calendar: {key: a, name: A, weekend: [friday]}\n", diags).weekend ==
          mask_of({5}));
    CHECK(spec_of("calendar: {key: a, name: A, weekend: [sunday, monday]}\n", diags).weekend ==
          mask_of({7, 1}));
  }
  SUBCASE("Vietnamese weekday names, any case, NFD too") {
    CHECK(spec_of("calendar: {key: a, name: A, weekend: [chủ nhật]}\n", diags).weekend ==
          mask_of({7}));
    CHECK(spec_of("calendar: {key: a, name: A, weekend: [Thứ Bảy]}\n", diags).weekend ==
          mask_of({6}));
    // "thứ hai" with decomposed accents (as macOS writes file names and some editors text).
    CHECK(spec_of("calendar: {key: a, name: A, weekend: [thu\xCC\x9B\xCC\x81 hai]}\n", diags)
              .weekend == mask_of({1}));
    CHECK(spec_of("calendar: {key: a, name: A, weekend: [thứ ba, thứ tư, thứ năm, thứ sáu]}\n",
                  diags)
              .weekend == mask_of({2, 3, 4, 5}));
  }
  SUBCASE("an empty weekend: every day is worked") {
    CHECK(spec_of("calendar: {key: a, name: A, weekend: []}\n", diags).weekend == 0);
  }
  SUBCASE("a name is NFC-normalized") {
    // "Lịch" with a decomposed dot below.
    CHECK(spec_of("calendar: {key: a, name: \"Li\xCC\xA3" "ch\"}\n", diags).name ==
          "Lịch");
  }
  SUBCASE("a Tết break may start in the last days of the year before") {
    const CalendarSpec spec =
        spec_of(year_2021("      days_off:\n"
                          "        - {from: 30/12/2020, to: 2/1/2021, name: Tết}\n"),
                diags);
    REQUIRE(spec.years.size() == 1);
    REQUIRE(spec.years[0].days_off.size() == 4);
    CHECK(spec.years[0].days_off.front().date == ymd(2020, 12, 30));
    CHECK(spec.years[0].days_off.back().date == ymd(2021, 1, 2));
  }
  SUBCASE("weekend days worked follow the calendar's own weekend, written after the years") {
    const CalendarSpec spec = spec_of(
        "calendar:\n  key: a\n  name: A\n  years:\n    - year: 2021\n      source: S\n"
        "      workdays:\n        - {date: 11/7/2021, name: Làm bù}\n  weekend: [sunday]\n",
        diags);
    CHECK(spec.weekend == mask_of({7}));
    REQUIRE(spec.years.size() == 1);
    CHECK(spec.years[0].workdays.size() == 1);
  }
  CHECK(diags.empty());
}

TEST_CASE("calendar errors, each at its line and column") {
  Diagnostics diags;
  SUBCASE("an unknown key in the calendar") {
    parse("calendar:\n  key: a\n  name: A\n  weeknd: [sunday]\n", diags);
    CHECK_ONLY_ERROR(diags, 4, 3,
                     "unknown key 'weeknd' in the calendar; did you mean 'weekend'?");
  }
  SUBCASE("an unknown key in a year") {
    parse(kCalendarHead + "    - year: 2021\n      source: S\n      holidays: []\n", diags);
    CHECK_ONLY_ERROR(diags, 7, 7,
                     "unknown key 'holidays' in a year; expected year, source, days_off or "
                     "workdays");
  }
  SUBCASE("an unknown key in a day") {
    parse(year_2021("      days_off:\n        - {date: 1/1/2021, name: X, kind: holiday}\n"),
          diags);
    CHECK_ONLY_ERROR(diags, 8, 37, "unknown key 'kind' in a day");
  }
  SUBCASE("a missing key") {
    const auto doc = parse("calendar:\n  name: A\n", diags);
    CHECK_ONLY_ERROR(diags, 2, 3, "missing 'key' in the calendar; add key: …");
    REQUIRE(doc.has_value());
    CHECK_FALSE(doc->calendar.has_value());
  }
  SUBCASE("a key that is not a slug") {
    parse("calendar:\n  key: Cơ quan\n  name: A\n", diags);
    CHECK_ONLY_ERROR(diags, 2, 8,
                     "'Cơ quan' is not a key; keys are ASCII: did you mean 'co-quan'?");
  }
  SUBCASE("a missing source") {
    parse(kCalendarHead + "    - year: 2021\n      days_off: []\n", diags);
    CHECK_ONLY_ERROR(diags, 5, 7, "missing 'source' in a year; add source: …");
  }
  SUBCASE("a year that is not a year") {
    parse(kCalendarHead + "    - year: 2021.5\n      source: S\n", diags);
    CHECK_ONLY_ERROR(diags, 5, 13, "'year' must be a year such as 2021, not '2021.5'");
  }
  SUBCASE("a year too large for an int (found by fuzz_calendar: was undefined behaviour)") {
    parse(kCalendarHead + "    - year: 24444444444444444444444444444444444444444444444444444444444444444444444444444444021\n      source: S\n", diags);
    CHECK_ONLY_ERROR(diags, 5, 13,
                     "'year' must be a year such as 2021, not "
                     "'24444444444444444444444444444444444444444444444444444444444444444444444444444444021'");
  }
  SUBCASE("a year of 1e300 and of -1e300") {
    parse(kCalendarHead + "    - year: 1e300\n      source: S\n", diags);
    CHECK_ONLY_ERROR(diags, 5, 13, "'year' must be a year such as 2021, not '1e300'");
    diags = Diagnostics{};
    parse(kCalendarHead + "    - year: -1e300\n      source: S\n", diags);
    CHECK_ONLY_ERROR(diags, 5, 13, "'year' must be a year such as 2021, not '-1e300'");
  }
  SUBCASE("a year given twice") {
    const CalendarSpec spec =
        spec_of(kCalendarHead +
                    "    - year: 2021\n      source: S\n    - year: 2021\n      source: T\n",
                diags);
    CHECK_ONLY_ERROR(diags, 7, 7, "year 2021 is already listed at line 5; list each year once");
    REQUIRE(spec.years.size() == 1);
    CHECK(spec.years[0].source == "S");
  }
  SUBCASE("a day outside its year") {
    parse(year_2021("      days_off:\n        - {date: 1/1/2022, name: Tết}\n"), diags);
    CHECK_ONLY_ERROR(diags, 8, 18, "1/1/2022 is not in 2021; list it under year 2022");
  }
  SUBCASE("a range wholly in the year before") {
    parse(year_2021("      days_off:\n        - {from: 28/12/2020, to: 31/12/2020, name: X}\n"),
          diags);
    CHECK_ONLY_ERROR(diags, 8, 18, "28/12/2020 is not in 2021; list it under year 2020");
  }
  SUBCASE("'to' before 'from'") {
    parse(year_2021("      days_off:\n        - {from: 16/2/2021, to: 10/2/2021, name: Tết}\n"),
          diags);
    CHECK_ONLY_ERROR(diags, 8, 33,
                     "'to' must be on or after 'from' and at most 31 days later");
  }
  SUBCASE("a range longer than a month") {
    parse(year_2021("      days_off:\n        - {from: 1/1/2021, to: 2/2/2021, name: X}\n"),
          diags);
    CHECK_ONLY_ERROR(diags, 8, 32,
                     "'to' must be on or after 'from' and at most 31 days later");
  }
  SUBCASE("a range without 'to'") {
    parse(year_2021("      days_off:\n        - {from: 1/1/2021, name: X}\n"), diags);
    CHECK_ONLY_ERROR(diags, 8, 11, "a range needs both 'from' and 'to'");
  }
  SUBCASE("both 'date' and 'from'") {
    parse(year_2021("      days_off:\n        - {date: 1/1/2021, from: 1/1/2021, name: X}\n"),
          diags);
    CHECK_ONLY_ERROR(diags, 8, 11, "a day has both 'date' and 'from'/'to'");
  }
  SUBCASE("a day without a date") {
    parse(year_2021("      days_off:\n        - {name: X}\n"), diags);
    CHECK_ONLY_ERROR(diags, 8, 11, "missing 'date' in a day");
  }
  SUBCASE("a day without a name") {
    parse(year_2021("      days_off:\n        - {date: 1/1/2021}\n"), diags);
    CHECK_ONLY_ERROR(diags, 8, 11, "missing 'name' in a day; add name: …");
  }
  SUBCASE("an impossible date") {
    parse(year_2021("      days_off:\n        - {date: 30/2/2021, name: X}\n"), diags);
    CHECK_ONLY_ERROR(diags, 8, 18, "30/2/2021 does not exist");
  }
  SUBCASE("a workday that is a weekday") {
    // 5/5/2021 is a Wednesday.
    parse(year_2021("      workdays:\n        - {date: 5/5/2021, name: Làm bù}\n"), diags);
    CHECK_ONLY_ERROR(diags, 8, 18,
                     "05/05/2021 is already a working day; list only weekend days worked "
                     "instead under workdays");
  }
  SUBCASE("the same date twice, in days_off and workdays") {
    // 9/1/2021 is a Saturday: a valid workday, but already listed as a day off.
    parse(year_2021("      days_off:\n        - {date: 9/1/2021, name: A}\n"
                    "      workdays:\n        - {date: 2021-01-09, name: B}\n"),
          diags);
    CHECK_ONLY_ERROR(diags, 10, 18, "09/01/2021 is already listed at line 8");
  }
  SUBCASE("a day inside a range listed again") {
    parse(year_2021("      days_off:\n        - {from: 10/2/2021, to: 16/2/2021, name: Tết}\n"
                    "        - {date: 12/2/2021, name: Mùng 1}\n"),
          diags);
    CHECK_ONLY_ERROR(diags, 9, 18, "12/02/2021 is already listed at line 8");
  }
  SUBCASE("a range for workdays") {
    parse(year_2021("      workdays:\n        - {from: 8/5/2021, to: 9/5/2021, name: Làm bù}\n"),
          diags);
    CHECK_ONLY_ERROR(diags, 8, 11, "list swapped working days one by one with 'date:'");
  }
  SUBCASE("a calendar mixed with an inspection in one file") {
    const auto doc = parse("calendar:\n  key: a\n  name: A\ninspection:\n  key: k\n  title: T\n",
                           diags);
    CHECK_ONLY_ERROR(diags, 4, 1,
                     "a calendar goes in a file of its own; move 'inspection' to another file");
    REQUIRE(doc.has_value());
    CHECK(doc->kind == DocumentKind::calendar);
    CHECK_FALSE(doc->inspection.has_value());
  }
  SUBCASE("a calendar mixed with units in one file") {
    parse("units:\n  - {key: d, name: D, kind: district}\ncalendar: {key: a, name: A}\n", diags);
    CHECK_ONLY_ERROR(diags, 1, 1,
                     "a calendar goes in a file of its own; move 'units' to another file");
  }
  SUBCASE("a weekend of all seven days") {
    const CalendarSpec spec = spec_of(
        "calendar:\n  key: a\n  name: A\n  weekend: [monday, tuesday, wednesday, thursday, "
        "friday, saturday, sunday]\n",
        diags);
    CHECK_ONLY_ERROR(diags, 4, 12,
                     "'weekend' names all seven days; a calendar needs working days");
    CHECK(spec.weekend == kSaturdaySunday);
  }
  SUBCASE("an unknown weekday, with the nearest one") {
    parse("calendar:\n  key: a\n  name: A\n  weekend: [saturday, sundy]\n", diags);
    CHECK_ONLY_ERROR(diags, 4, 23,
                     "unknown weekday 'sundy'; expected monday, tuesday, wednesday, thursday, "
                     "friday, saturday or sunday (did you mean 'sunday'?)");
  }
  SUBCASE("weekend is not a list") {
    parse("calendar:\n  key: a\n  name: A\n  weekend: sunday\n", diags);
    CHECK_ONLY_ERROR(diags, 4, 12, "'weekend' must be a list of weekdays ([saturday, sunday])");
  }
  SUBCASE("unknown rules, with the nearest") {
    parse("calendar:\n  key: a\n  name: A\n  rules: vietnma\n", diags);
    CHECK_ONLY_ERROR(diags, 4, 10,
                     "unknown calendar rules 'vietnma'; expected none or vietnam (did you mean "
                     "'vietnam'?)");
  }
  SUBCASE("years is not a list") {
    parse("calendar:\n  key: a\n  name: A\n  years: 2021\n", diags);
    CHECK_ONLY_ERROR(diags, 4, 10, "'years' must be a list of years (- year: 2021)");
  }
  SUBCASE("several errors are all reported") {
    parse(year_2021("      days_off:\n        - {date: 1/1/2022, name: A}\n"
                    "      workdays:\n        - {date: 5/5/2021, name: B}\n") +
              "  colour: red\n",
          diags);
    INFO(import_test::dump(diags));
    CHECK(diags.size() == 3);
    CHECK(import_test::has_error(diags, 8, 18, "is not in 2021"));
    CHECK(import_test::has_error(diags, 10, 18, "is already a working day"));
    CHECK(import_test::has_error(diags, 11, 3, "unknown key 'colour'"));
  }
}

TEST_CASE("calendar errors in Vietnamese") {
  Diagnostics diags;
  parse("calendar:\n  key: a\n  name: A\n  weekend: [thứ bảy, chủ nhật, thứ hai, thứ ba, thứ tư, "
        "thứ năm, thứ sáu]\n",
        diags, Lang::vi);
  CHECK_ONLY_ERROR(diags, 4, 12, "'weekend' gồm cả bảy ngày; lịch phải có ngày làm việc");
}

TEST_CASE("repeat: the period of a recurring task") {
  Diagnostics diags;
  const auto task_of = [&](const std::string& repeat, const std::string& due) {
    const auto doc = parse(repeating_task(repeat, due), diags);
    REQUIRE(doc.has_value());
    REQUIRE(doc->inspection.has_value());
    REQUIRE(doc->inspection->tasks.size() == 1);
    return doc->inspection->tasks[0];
  };
  SUBCASE("a word") {
    const auto task = task_of("quarterly", "{day: 15}");
    REQUIRE(task.repeat.has_value());
    CHECK(*task.repeat == Repeat{Repeat::Every::quarterly, std::nullopt, std::nullopt});
    CHECK(task.repeat_pos.line == 9);
    CHECK(task.repeat_pos.column == 13);
    CHECK(task.due.form == Due::Form::day);
    CHECK(task.due.day == 15);
    CHECK(task.due.text == "day: 15");
    CHECK(diags.empty());
  }
  SUBCASE("each word, in English and Vietnamese") {
    CHECK(task_of("monthly", "{day: 5}").repeat->every == Repeat::Every::monthly);
    CHECK(task_of("half-yearly", "{day: 5}").repeat->every == Repeat::Every::half_yearly);
    CHECK(task_of("yearly", "{day: 5}").repeat->every == Repeat::Every::yearly);
    CHECK(task_of("hằng quý", "{day: 15}").repeat->every == Repeat::Every::quarterly);
    CHECK(task_of("Hằng tháng", "{day: 5}").repeat->every == Repeat::Every::monthly);
    CHECK(task_of("6 tháng", "{day: 5}").repeat->every == Repeat::Every::half_yearly);
    CHECK(task_of("hằng năm", "{day: 5}").repeat->every == Repeat::Every::yearly);
    CHECK(diags.empty());
  }
  SUBCASE("a mapping with from and until") {
    const auto task =
        task_of("{every: monthly, from: 1/7/2021, until: 31/12/2022}", "{day: 31}");
    REQUIRE(task.repeat.has_value());
    CHECK(task.repeat->every == Repeat::Every::monthly);
    CHECK(task.repeat->from == ymd(2021, 7, 1));
    CHECK(task.repeat->until == ymd(2022, 12, 31));
    CHECK(task.due.day == 31);
    CHECK(diags.empty());
  }
  SUBCASE("a mapping with only every") {
    const auto task = task_of("{every: yearly}", "{day: 1}");
    REQUIRE(task.repeat.has_value());
    CHECK(task.repeat->every == Repeat::Every::yearly);
    CHECK_FALSE(task.repeat->from.has_value());
    CHECK_FALSE(task.repeat->until.has_value());
    CHECK(task.due.day == 1);
    CHECK(diags.empty());
  }
  SUBCASE("an unknown word, with the nearest") {
    const auto task = task_of("quartely", "{day: 15}");
    CHECK_FALSE(task.repeat.has_value());
    CHECK_ONLY_ERROR(diags, 9, 13,
                     "unknown repetition 'quartely'; expected monthly, quarterly, half-yearly or "
                     "yearly (did you mean 'quarterly'?)");
  }
  SUBCASE("until before from") {
    task_of("{every: quarterly, from: 1/7/2021, until: 1/1/2021}", "{day: 15}");
    CHECK_ONLY_ERROR(diags, 9, 55, "'until' (1/1/2021) is before 'from' (1/7/2021)");
  }
  SUBCASE("a mapping without every") {
    task_of("{from: 1/7/2021}", "{day: 15}");
    CHECK_ONLY_ERROR(diags, 9, 13, "missing 'every' in a repeat");
  }
  SUBCASE("an unknown key in the mapping") {
    task_of("{every: monthly, to: 1/7/2022}", "{day: 15}");
    CHECK_ONLY_ERROR(diags, 9, 30, "unknown key 'to' in a repeat");
  }
  SUBCASE("a bad date") {
    task_of("{every: monthly, from: 31/6/2021}", "{day: 15}");
    CHECK_ONLY_ERROR(diags, 9, 36, "31/6/2021 does not exist");
  }
  SUBCASE("a list") {
    task_of("[monthly]", "{day: 15}");
    CHECK_ONLY_ERROR(diags, 9, 13, "'repeat' must be monthly, quarterly, half-yearly, yearly or");
  }
}

TEST_CASE("due rules of a recurring task") {
  Diagnostics diags;
  const auto due_of = [&](const std::string& due) {
    const auto doc = parse(repeating_task("quarterly", due), diags);
    REQUIRE(doc.has_value());
    REQUIRE(doc->inspection.has_value());
    REQUIRE(doc->inspection->tasks.size() == 1);
    return doc->inspection->tasks[0].due;
  };
  SUBCASE("a day of the month, 1 to 31") {
    CHECK(due_of("{day: 1}").day == 1);
    CHECK(due_of("{day: 31}").day == 31);
    CHECK(diags.empty());
  }
  SUBCASE("day 32") {
    due_of("{day: 32}");
    CHECK_ONLY_ERROR(diags, 10, 16, "'day' must be a day of the month, 1 to 31, not '32'");
  }
  SUBCASE("day 0") {
    due_of("{day: 0}");
    CHECK_ONLY_ERROR(diags, 10, 16, "'day' must be a day of the month, 1 to 31, not '0'");
  }
  SUBCASE("a day too large for an int") {
    due_of("{day: 1e82}");
    CHECK_ONLY_ERROR(diags, 10, 16, "'day' must be a day of the month, 1 to 31, not '1e82'");
  }
  SUBCASE("day is not a number") {
    due_of("{day: mười lăm}");
    CHECK_ONLY_ERROR(diags, 10, 16, "'mười lăm' is not a number");
  }
  SUBCASE("day with from") {
    due_of("{day: 15, from: conclusion.date}");
    CHECK_ONLY_ERROR(diags, 10, 20, "'from' goes with 'within', not with 'day'");
  }
  SUBCASE("day and within together") {
    due_of("{day: 15, within: 10 days}");
    CHECK_ONLY_ERROR(diags, 10, 20, "a due has both 'day' and 'within'");
  }
  SUBCASE("a fixed date") {
    due_of("31/7/2021");
    CHECK_ONLY_ERROR(diags, 10, 10, "a repeating task needs a deadline for each period");
  }
  SUBCASE("before a date") {
    due_of("{before: 31/7/2021}");
    CHECK_ONLY_ERROR(diags, 10, 10, "a repeating task needs a deadline for each period");
  }
  SUBCASE("none") {
    due_of("none");
    CHECK_ONLY_ERROR(diags, 10, 10, "a repeating task needs a deadline for each period");
  }
  SUBCASE("within without from runs from each period's end") {
    const Due due = due_of("{within: 10 working days}");
    CHECK(due.form == Due::Form::within);
    CHECK(due.period == 10);
    CHECK(due.counting == Due::Counting::working_days);
    CHECK(due.anchor == Due::Anchor::period_end);
    CHECK_FALSE(due.anchor_date.has_value());
    CHECK(diags.empty());
  }
  SUBCASE("within from period.end, written") {
    const Due due = due_of("{within: 15 ngày, from: period.end}");
    CHECK(due.anchor == Due::Anchor::period_end);
    CHECK(due.counting == Due::Counting::calendar_days);
    CHECK(due.period == 15);
    CHECK(diags.empty());
  }
  SUBCASE("within from the conclusion date") {
    due_of("{within: 10 days, from: conclusion.date}");
    CHECK_ONLY_ERROR(diags, 10, 10,
                     "on a repeating task, 'within' runs from the end of each period; remove "
                     "'from'");
  }
  SUBCASE("within from a date") {
    due_of("{within: 10 days, from: 1/7/2021}");
    CHECK_ONLY_ERROR(diags, 10, 10,
                     "on a repeating task, 'within' runs from the end of each period");
  }
}

TEST_CASE("due rules that need a recurring task") {
  Diagnostics diags;
  const std::string head = kHead + "tasks:\n  - key: t\n    action: A\n    assignees: d\n    due: ";
  SUBCASE("day") {
    parse(head + "{day: 15}\n", diags);
    CHECK_ONLY_ERROR(diags, 9, 10, "'day' is for a repeating task");
  }
  SUBCASE("from period.end") {
    parse(head + "{within: 10 days, from: period.end}\n", diags);
    CHECK_ONLY_ERROR(diags, 9, 34, "'period.end' is for a repeating task");
  }
  SUBCASE("a task calendar is read as a reference") {
    const auto doc = parse(kHead + "tasks:\n  - key: t\n    action: A\n    assignees: d\n"
                                   "    calendar: co-quan\n    due: 1/8/2021\n",
                           diags);
    CHECK(diags.empty());
    REQUIRE(doc.has_value());
    const auto& task = doc->inspection->tasks.at(0);
    REQUIRE(task.calendar.has_value());
    CHECK(task.calendar->key == "co-quan");
    CHECK(task.calendar->pos.line == 9);
    CHECK(task.calendar->pos.column == 15);
    CHECK_FALSE(task.repeat.has_value());
  }
  SUBCASE("an inspection calendar is read as a reference") {
    const auto doc = parse("inspection:\n  key: k\n  title: T\n  calendar: co-quan\n", diags);
    CHECK(diags.empty());
    REQUIRE(doc.has_value());
    REQUIRE(doc->inspection->calendar.has_value());
    CHECK(doc->inspection->calendar->key == "co-quan");
    CHECK(doc->inspection->calendar->pos.line == 4);
    CHECK(doc->inspection->calendar->pos.column == 13);
  }
}

TEST_CASE("a day listed under two years is an error at the second") {
  // Year 2021 may start its Tết break in the last days of 2020, but a day is listed once.
  Diagnostics diags;
  parse(kCalendarHead +
            "    - year: 2020\n      source: S\n      days_off:\n"
            "        - {date: 31/12/2020, name: Nghỉ cuối năm}\n"
            "    - year: 2021\n      source: T\n      days_off:\n"
            "        - {from: 30/12/2020, to: 1/1/2021, name: Tết}\n",
        diags);
  CHECK_ONLY_ERROR(diags, 12, 18, "31/12/2020 is already listed at line 8");
}
