// Working-day commands for clerks drafting an order: calendar, workdays, deadline.
// They need no database; when one exists, the calendars imported into it are used.

#include <filesystem>

#include <fmt/format.h>

#include "commands.hpp"
#include "inspectrack/calendar/deadline.hpp"
#include "inspectrack/calendar/lunar.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/render/views.hpp"
#include "inspectrack/text/message.hpp"
#include "inspectrack/text/visible.hpp"

namespace inspectrack::cli {
namespace {


// The calendar named by --calendar (else the default), from the shipped and stored ones.
struct ChosenCalendar {
  calendar::CalendarRegistry registry;
  const calendar::WorkCalendar* calendar = nullptr;
};

ChosenCalendar choose_calendar(const Context& ctx) {
  ChosenCalendar out;
  std::unique_ptr<storage::Store> store;
  // A --db that names no file is an error here too, not the shipped calendar alone.
  if (ctx.db_path_refused) database_path(ctx);
  if (!ctx.db_path.empty() && std::filesystem::exists(ctx.db_path)) {
    try {
      store = open_store(ctx, storage::OpenMode::read_only);
    } catch (const StorageError& e) {
      // The shipped calendar still answers; calendars imported there cannot.
      if (e.code() == ExitCode::temp_fail) throw;
      ctx.err << "inspectrack: " << text::translate(ctx.lang, text::Message("warning")) << ": "
              << text::translate(ctx.lang, e.message()) << "; "
              << text::translate(ctx.lang, text::Message("using the shipped calendar only")) << "\n";
    }
  }
  out.registry = load_calendars(ctx, store.get());
  out.calendar = out.registry.find(default_calendar(ctx));
  return out;
}

model::Date parse_day(const std::string& what, const std::string& text) {
  const auto parsed = model::parse_date(text);
  if (parsed.date) return *parsed.date;
  throw UsageError(text::Message("{0} '{1}' is not a date; write 2021-02-05 or 5/2/2021", what, text));
}

std::string show_date(const Context& ctx, model::Date d) {
  return ctx.lang == text::Lang::vi ? d.vn() : d.iso();
}

std::string json_bool(bool b) { return b ? "true" : "false"; }

// The days off and swapped working days in [from, to], for the explanations.
std::vector<calendar::SpecialDay> special_days_between(const calendar::WorkCalendar& cal,
                                                       model::Date from, model::Date to) {
  std::vector<calendar::SpecialDay> out;
  for (int year = from.year(); year <= to.year(); ++year) {
    for (auto& day : cal.special_days(year)) {
      if (day.date >= from && day.date <= to) out.push_back(std::move(day));
    }
  }
  return out;
}

std::string days_json(const std::vector<calendar::SpecialDay>& days) {
  std::string out = "[";
  for (std::size_t n = 0; n < days.size(); ++n) {
    const auto& d = days[n];
    out += fmt::format("{}{{\"date\": \"{}\", \"kind\": \"{}\", \"name\": {}, \"provisional\": {}}}",
                       n == 0 ? "" : ", ", d.date.iso(),
                       d.kind == calendar::DayKind::holiday ? "holiday" : "workday",
                       render::json_quote(d.name), json_bool(d.provisional));
  }
  return out + "]";
}

void list_days(const Context& ctx, const std::vector<calendar::SpecialDay>& days) {
  for (const auto& d : days) {
    ctx.out << fmt::format(
        "  {} {} — {}{}\n", show_date(ctx, d.date), render::weekday_name(d.date, ctx.lang),
        d.kind == calendar::DayKind::holiday
            ? text::single_line(d.name)
            : text::single_line(d.name) + text::translate(ctx.lang, text::Message(" (working day)")),
        d.provisional ? text::translate(ctx.lang, text::Message(" (provisional)")) : "");
  }
}

void provisional_note(const Context& ctx) {
  ctx.out << text::translate(
      ctx.lang, text::Message("provisional: a year the government has not announced yet; its holidays are "
                              "computed from the Vietnamese lunar calendar and may change\n"));
}

// Unlisted years after the lunar calendar's range have the solar holidays only.
std::string lunar_missing(const Context& ctx, calendar::YearRange years) {
  const std::string which =
      years.first == years.last
          ? text::translate(ctx.lang, text::Message::with_context("one year", "{0}", years.first))
          : text::translate(ctx.lang,
                            text::Message::with_context("years", "{0} to {1}", years.first, years.last));
  return text::translate(ctx.lang,
                         text::Message("the lunar holidays (Tết Nguyên đán, Giỗ Tổ Hùng Vương) cannot be "
                                       "computed for {0}: the lunar calendar covers {1} to {2}",
                                       which, calendar::kLunarFirstYear, calendar::kLunarLastYear));
}

void warn_lunar_missing(const Context& ctx, std::optional<calendar::YearRange> years) {
  if (!years) return;
  ctx.err << "inspectrack: " << text::translate(ctx.lang, text::Message("warning")) << ": "
          << lunar_missing(ctx, *years)
          << text::translate(ctx.lang, text::Message("; only the solar holidays are counted")) << "\n";
}

}  // namespace

int cmd_calendar(const Context& ctx, std::optional<int> year, const ReportOptions& report) {
  const ChosenCalendar chosen = choose_calendar(ctx);
  const int y = year.value_or(ctx.as_of.year());
  const auto days = chosen.calendar->special_days(y);
  const auto first = model::Date::from_ymd(y, 1, 1);
  const auto last = model::Date::from_ymd(y, 12, 31);
  const std::optional<calendar::YearRange> no_lunar =
      first && last ? chosen.calendar->lunar_holidays_missing(first->plus_days(-1), *last)
                    : std::nullopt;
  const bool human = !report.workbook &&
                     (report.format == render::Format::table || report.format == render::Format::markdown);
  if (human) {
    const calendar::YearSpec* announced = chosen.calendar->announced(y);
    ctx.out << fmt::format("{} — {} {}\n", text::single_line(chosen.calendar->spec().name),
                           text::translate(ctx.lang, text::Message("year")), y);
    if (announced != nullptr) {
      ctx.out << text::translate(ctx.lang, text::Message("as announced in: "))
              << text::visible(announced->source) << "\n\n";
    } else if (no_lunar) {
      ctx.out << text::translate(ctx.lang,
                                 text::Message("not announced yet: public holidays computed by the Labor "
                                               "Code 2019, the solar ones only (provisional)\n"))
              << lunar_missing(ctx, *no_lunar) << "\n\n";
    } else if (chosen.calendar->spec().rules == calendar::Rules::vietnam) {
      ctx.out << text::translate(
          ctx.lang, text::Message("not announced yet: public holidays computed by the Labor Code 2019 and "
                                  "the Vietnamese lunar calendar (provisional)\n\n"));
    } else {
      ctx.out << "\n";
    }
  }
  emit(ctx, render::calendar_dataset(days, ctx.lang), report);
  warn_lunar_missing(ctx, no_lunar);
  return static_cast<int>(ExitCode::ok);
}

int cmd_workdays(const Context& ctx, const std::string& from_text, const std::string& to_text,
                 const ReportOptions& report) {
  const ChosenCalendar chosen = choose_calendar(ctx);
  const calendar::WorkCalendar& cal = *chosen.calendar;
  model::Date from = parse_day("FROM", from_text);
  model::Date to = parse_day("TO", to_text);
  if (to < from) std::swap(from, to);
  // Both ends count: the working days of a month are those from its 1st to its last.
  const int working = cal.working_days_between(from.plus_days(-1), to);
  const int calendar_days = to.days_since(from) + 1;
  const bool provisional = cal.any_provisional(from.plus_days(-1), to);
  const auto days = special_days_between(cal, from, to);
  warn_lunar_missing(ctx, cal.lunar_holidays_missing(from.plus_days(-1), to));
  if (report.format == render::Format::json) {
    ctx.out << fmt::format(
        "{{\"from\": \"{}\", \"to\": \"{}\", \"working_days\": {}, \"calendar_days\": {}, "
        "\"calendar\": {}, \"provisional\": {}, \"special_days\": {}}}\n",
        from.iso(), to.iso(), working, calendar_days, render::json_quote(cal.key()),
        json_bool(provisional), days_json(days));
    return static_cast<int>(ExitCode::ok);
  }
  ctx.out << text::translate(
      ctx.lang, text::Message("{0} working days from {1} to {2} ({3} calendar days, both ends counted)\n",
                              working, show_date(ctx, from), show_date(ctx, to), calendar_days));
  list_days(ctx, days);
  if (provisional) provisional_note(ctx);
  return static_cast<int>(ExitCode::ok);
}

int cmd_deadline(const Context& ctx, const std::string& from_text, const std::string& period_text,
                 const ReportOptions& report) {
  const ChosenCalendar chosen = choose_calendar(ctx);
  const calendar::WorkCalendar& cal = *chosen.calendar;
  const model::Date from = parse_day("FROM", from_text);
  const auto period = calendar::parse_period(period_text);
  if (!period) {
    throw UsageError(text::Message(
        "'{0}' is not a period; write \"10 working days\" or \"15 days\" (\"10 ngày làm việc\", \"15 ngày\")",
        period_text));
  }
  model::Due due;
  due.form = model::Due::Form::within;
  due.period = period->count;
  due.counting = period->counting;
  due.anchor = model::Due::Anchor::date;
  due.anchor_date = from;
  const auto result = calendar::last_allowed_day(due, {}, cal);
  if (!result.last_day) {
    throw UsageError(text::Message("the deadline falls outside the years 1 to 9999"));
  }
  const model::Date last = *result.last_day;
  const bool working = period->counting == model::Due::Counting::working_days;
  // Art. 148 moved a calendar-day period that ended on a day off.
  const bool rolled = !working && last != from.plus_days(period->count);
  const auto days = special_days_between(cal, from.plus_days(1), last);
  warn_lunar_missing(ctx, cal.lunar_holidays_missing(from, last));
  if (report.format == render::Format::json) {
    ctx.out << fmt::format(
        "{{\"from\": \"{}\", \"period\": {}, \"counting\": \"{}\", \"last_day\": \"{}\", "
        "\"moved_to_working_day\": {}, \"calendar\": {}, \"provisional\": {}, \"special_days\": {}}}\n",
        from.iso(), period->count, working ? "working_days" : "calendar_days", last.iso(),
        json_bool(rolled), render::json_quote(cal.key()), json_bool(result.provisional),
        days_json(days));
    return static_cast<int>(ExitCode::ok);
  }
  ctx.out << text::translate(ctx.lang, text::Message("last day: {0} ({1})\n", show_date(ctx, last),
                                                     render::weekday_name(last, ctx.lang)));
  ctx.out << text::translate(
      ctx.lang,
      text::Message("{0} {1} from {2}: the day it runs from is not counted (Civil Code 2015, art. 147)\n",
                    period->count, working ? text::Message("working days") : text::Message("days"),
                    show_date(ctx, from)));
  if (rolled) {
    ctx.out << text::translate(
        ctx.lang,
        text::Message("{0} is not a working day, so the period ends on the next working day (art. 148)\n",
                      show_date(ctx, from.plus_days(period->count))));
  }
  list_days(ctx, days);
  if (result.provisional) provisional_note(ctx);
  return static_cast<int>(ExitCode::ok);
}

}  // namespace inspectrack::cli
