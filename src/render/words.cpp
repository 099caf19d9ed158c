#include "inspectrack/render/words.hpp"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

namespace inspectrack::render {

using text::Message;

text::Day day_of(model::Date date) { return text::Day{date.year(), date.month(), date.day()}; }

Message days_count(int n, bool working) {
  if (working) return n == 1 ? Message("{0} working day", n) : Message("{0} working days", n);
  return n == 1 ? Message("{0} day", n) : Message("{0} days", n);
}

namespace {

// Where a period counted from an anchor starts: "from the end of the period".
Message counted_from(const model::Due& due) {
  using Anchor = model::Due::Anchor;
  switch (due.anchor) {
    case Anchor::date: return due.anchor_date ? Message("from {0}", day_of(*due.anchor_date)) : Message();
    case Anchor::inspection_to: return Message("from the end of the inspection");
    case Anchor::conclusion_date: return Message("from the date of the conclusion");
    case Anchor::period_end: return Message("from the end of the period");
  }
  return Message();
}

}  // namespace

Message due_words(const model::Due& due) {
  using Form = model::Due::Form;
  const auto on = [&](Message m) { return due.date ? std::move(m) : Message::verbatim(due.text); };
  const text::Day day = due.date ? day_of(*due.date) : text::Day{};
  switch (due.form) {
    case Form::date: return on(Message("on {0}", day));
    case Form::by: return on(Message("by {0}", day));
    case Form::before: return on(Message("before {0}", day));
    case Form::day: return Message("day {0} of each period's last month", due.day);
    case Form::within:
      return Message("within {0} {1}",
                     days_count(due.period, due.counting == model::Due::Counting::working_days),
                     counted_from(due));
    case Form::none: return Message("no deadline");
  }
  return Message::verbatim(due.text);
}

Message due_form_words(model::Due::Form form) {
  using Form = model::Due::Form;
  switch (form) {
    case Form::date: return Message("on a date");
    case Form::by: return Message("by a date");
    case Form::before: return Message("before a date");
    case Form::within: return Message("within a period");
    case Form::day: return Message("a day of each period");
    case Form::none: break;
  }
  return Message("no deadline");
}

Message status_words(model::Status status) {
  switch (status) {
    case model::Status::open: return Message("open");
    case model::Status::done: return Message("done");
    case model::Status::verified: return Message("verified");
    case model::Status::cancelled: break;
  }
  return Message("cancelled");
}

Message severity_words(model::Severity severity) {
  switch (severity) {
    case model::Severity::low: return Message::with_context("severity", "low");
    case model::Severity::medium: return Message::with_context("severity", "medium");
    case model::Severity::high: break;
  }
  return Message::with_context("severity", "high");
}

Message inspection_kind_words(model::InspectionKind kind) {
  switch (kind) {
    case model::InspectionKind::visit: return Message("inspection visit");
    case model::InspectionKind::assessment: return Message("assessment");
    case model::InspectionKind::directive: break;
  }
  return Message("directive");
}

Message unit_kind_words(model::UnitKind kind) {
  switch (kind) {
    case model::UnitKind::province: return Message("province");
    case model::UnitKind::district: return Message("district");
    case model::UnitKind::commune: return Message("commune");
    case model::UnitKind::ward: return Message("ward");
    case model::UnitKind::town: return Message("town");
    case model::UnitKind::department: return Message("department");
    case model::UnitKind::agency: break;
  }
  return Message("agency");
}

namespace {

Message every_words(model::Repeat::Every every) {
  switch (every) {
    case model::Repeat::Every::monthly: return Message("monthly");
    case model::Repeat::Every::quarterly: return Message("quarterly");
    case model::Repeat::Every::half_yearly: return Message("every six months");
    case model::Repeat::Every::yearly: break;
  }
  return Message("yearly");
}

}  // namespace

Message repeat_words(const model::Repeat& repeat) {
  Message every = every_words(repeat.every);
  if (repeat.from && repeat.until) {
    return Message("{0} from {1} until {2}", std::move(every), day_of(*repeat.from), day_of(*repeat.until));
  }
  if (repeat.from) return Message("{0} from {1}", std::move(every), day_of(*repeat.from));
  if (repeat.until) return Message("{0} until {1}", std::move(every), day_of(*repeat.until));
  return every;
}

}  // namespace inspectrack::render

namespace inspectrack::render {

namespace {

bool is_date_field(std::string_view field) {
  return field == "done_on" || field == "verified_on" || field == "last_day" || field == "from" ||
         field == "to" || field == "conclusion.date";
}

// "quarterly from 2021-07-01 until 2022-06-30", as the history stores a rule.
std::optional<Message> stored_repeat_words(const std::string& value) {
  const std::size_t space = value.find(' ');
  const auto every = model::parse_repeat_every(std::string_view(value).substr(0, space));
  if (!every) return std::nullopt;
  model::Repeat repeat{*every, std::nullopt, std::nullopt};
  std::string_view rest =
      space == std::string::npos ? std::string_view() : std::string_view(value).substr(space + 1);
  const auto take = [&rest](std::string_view word, std::optional<model::Date>& into) {
    if (rest.substr(0, word.size()) != word) return;
    rest.remove_prefix(word.size());
    into = model::parse_date(rest.substr(0, 10)).date;
    rest.remove_prefix(std::min<std::size_t>(rest.size(), 11));
  };
  take("from ", repeat.from);
  take("until ", repeat.until);
  if (!rest.empty()) return std::nullopt;
  return repeat_words(repeat);
}

std::optional<Message> stored_value_words(std::string_view field, const std::string& value) {
  if (field == "status") {
    if (const auto s = model::parse_status(value)) return status_words(*s);
  } else if (field == "severity") {
    if (const auto s = model::parse_severity(value)) return severity_words(*s);
  } else if (field == "kind") {
    if (const auto k = model::parse_inspection_kind(value)) return inspection_kind_words(*k);
    if (const auto k = model::parse_unit_kind(value)) return unit_kind_words(*k);
  } else if (field == "provisional") {
    if (value == "yes") return Message("yes");
    if (value == "no") return Message("no");
  } else if (field == "repeat") {
    return stored_repeat_words(value);
  }
  return std::nullopt;
}

}  // namespace

std::string event_value_words(std::string_view field, const std::string& value, text::Lang lang) {
  if (value.empty()) return value;
  if (is_date_field(field)) {
    if (const auto d = model::parse_date(value).date) return lang == text::Lang::vi ? d->vn() : d->iso();
  }
  if (const auto words = stored_value_words(field, value)) return text::translate(lang, *words);
  return value;
}

}  // namespace inspectrack::render
