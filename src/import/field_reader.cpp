#include "field_reader.hpp"

#include <charconv>
#include <cmath>
#include <system_error>

#include "inspectrack/text/gate.hpp"
#include "inspectrack/text/slug.hpp"
#include "inspectrack/text/suggest.hpp"
#include "inspectrack/text/utf8.hpp"

namespace inspectrack::import {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_ascii(std::string_view s) {
  for (const char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80U) return false;
  }
  return true;
}

const auto kText = text::Message("a text");
const auto kKey = text::Message("a key (lowercase ASCII, e.g. bau-can)");
const auto kDate = text::Message("a date (31/7/2021 or 2021-07-31)");
const auto kNumber = text::Message("a number");

}  // namespace

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

text::Message join_or(const std::vector<std::string>& words) {
  if (words.size() < 2) return text::Message::verbatim(words.empty() ? std::string() : words.front());
  std::string head;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    if (i > 0) head += ", ";
    head += words[i];
  }
  return text::Message("{0} or {1}", head, words.back());
}

text::Message not_a_key_message(std::string_view value, std::string_view suggestion) {
  text::Message rule = is_ascii(value) ? text::Message("keys are lowercase letters, digits, '.', '_' and '-'")
                                       : text::Message("keys are ASCII");
  if (suggestion.empty()) {
    return text::Message("'{0}' is not a key; {1}", value, rule);
  }
  return text::Message("'{0}' is not a key; {1}: did you mean '{2}'?", value, rule, suggestion);
}

text::Message fan_out_without_parent_message() {
  return text::Message(
      "the fan-out has no parent and the inspection has no scope; add parent: UNIT here or scope: UNIT to "
      "the inspection");
}

text::Message FieldReader::found(const Node& value) const {
  switch (value.type) {
    case Node::Type::null:
      return text::Message("empty");
    case Node::Type::scalar: {
      // A whole paragraph pasted in the wrong place is shown by its start.
      const std::string_view first_line =
          std::string_view(value.scalar).substr(0, value.scalar.find('\n'));
      std::string shown(text::truncate_to_width(first_line, 40));
      if (shown.size() < value.scalar.size()) shown += "…";
      return text::Message("a single value ('{0}')", shown);
    }
    case Node::Type::sequence:
      return text::Message("a list");
    case Node::Type::mapping:
      return text::Message("a mapping");
  }
  return text::Message::verbatim("");
}

void FieldReader::wrong_type(const Node& value, std::string_view field, const Phrase& expected) {
  error(value, text::Message("'{0}' must be {1}, not {2}", field, expected, found(value)));
}

void FieldReader::reject_unknown_keys(const Node& map, const std::vector<std::string>& allowed,
                                      const Phrase& where) {
  for (const auto& [key, value] : map.entries) {
    bool known = false;
    for (const std::string& a : allowed) known = known || a == key.scalar;
    if (known) continue;
    if (diags_.full(path_)) {
      error(key, text::Message("unknown key '{0}'", key.scalar));
      continue;
    }
    if (const auto near = text::nearest(key.scalar, allowed)) {
      error(key, text::Message("unknown key '{0}' {1}; did you mean '{2}'?", key.scalar, where, *near));
    } else {
      error(key, text::Message("unknown key '{0}' {1}; expected {2}", key.scalar, where, join_or(allowed)));
    }
  }
}

const Node* FieldReader::require(const Node& map, std::string_view key, const Phrase& where) {
  if (const Node* value = map.find(key)) return value;
  error(map, text::Message("missing '{0}' {1}; add {0}: …", key, where));
  return nullptr;
}

bool FieldReader::expect_mapping(const Node& value, std::string_view field, const Phrase& expected) {
  if (value.is_mapping()) return true;
  wrong_type(value, field, expected);
  return false;
}

bool FieldReader::expect_list(const Node& value, std::string_view field, const Phrase& expected) {
  if (value.is_sequence()) return true;
  wrong_type(value, field, expected);
  return false;
}

bool FieldReader::expect_scalar(const Node& value, std::string_view field, const Phrase& expected) {
  if (value.is_scalar()) return true;
  wrong_type(value, field, expected);
  return false;
}

bool FieldReader::expect_entry(const Node& item, std::string_view list, const Phrase& expected) {
  if (item.is_mapping()) return true;
  error(item, text::Message("each entry of '{0}' must be {1}, not {2}", list, expected, found(item)));
  return false;
}

std::optional<std::string> FieldReader::admit(const Node& value, std::string_view field,
                                              bool required, text::Shape shape,
                                              bool in_mail_headers) {
  if (value.is_null() && !required) return std::nullopt;
  if (!value.is_null() && !expect_scalar(value, field, kText)) return std::nullopt;
  text::Admitted admitted = text::admit(value.scalar, shape);
  if (admitted.refusal) {
    refuse(value, field, *admitted.refusal, in_mail_headers);
    return std::nullopt;
  }
  if (admitted.text.empty()) {
    if (required) {
      error(value, text::Message("'{0}' is empty; write {0}: …", field));
    }
    return std::nullopt;
  }
  return std::move(admitted.text);
}

void FieldReader::refuse(const Node& value, std::string_view field, const text::Refusal& refusal,
                         bool in_mail_headers) {
  if (refusal.problem != text::Problem::line_break) {
    error(value, text::Message("'{0}' {1}", field, text::refusal_reason(refusal)));
  } else if (in_mail_headers) {
    // In a file the fix is also how the value is written: a block scalar keeps its breaks.
    error(value, text::Message("'{0}' must be one line (it is used in e-mail headers); remove the line break "
                               "or tab, or write {0}: on a single line without | or >",
                               field));
  } else {
    error(value, text::Message("'{0}' must be one line; remove the line break or tab, or write {0}: on a "
                               "single line without | or >",
                               field));
  }
}

std::optional<std::string> FieldReader::text(const Node& value, std::string_view field,
                                             bool required) {
  return admit(value, field, required, text::Shape::multi_line, false);
}

std::optional<std::string> FieldReader::line(const Node& value, std::string_view field,
                                             bool required, bool in_mail_headers) {
  return admit(value, field, required, text::Shape::one_line, in_mail_headers);
}

std::optional<std::string> FieldReader::key(const Node& value, std::string_view field) {
  if (value.is_null()) {
    error(value, text::Message("'{0}' is empty; write {0}: followed by a key such as bau-can", field));
    return std::nullopt;
  }
  if (!expect_scalar(value, field, kKey)) return std::nullopt;
  const std::string_view written = trim(value.scalar);
  if (text::is_slug(written)) return std::string(written);
  error(value, not_a_key_message(value.scalar, text::slugify(written)));
  return std::nullopt;
}

std::optional<Ref> FieldReader::ref(const Node& value, std::string_view field) {
  if (value.is_null()) {
    error(value, text::Message("'{0}' is empty; write {0}: followed by a key such as bau-can", field));
    return std::nullopt;
  }
  if (!expect_scalar(value, field, kKey)) return std::nullopt;
  text::Admitted admitted = text::admit(value.scalar, text::Shape::one_line);
  if (admitted.refusal) {
    refuse(value, field, *admitted.refusal, false);
    return std::nullopt;
  }
  if (admitted.text.empty()) {
    error(value, text::Message("'{0}' is empty; write {0}: followed by a key such as bau-can", field));
    return std::nullopt;
  }
  return Ref{std::move(admitted.text), at(value)};
}

std::optional<std::vector<Ref>> FieldReader::refs(const Node& value, std::string_view field,
                                                  const Phrase& expected) {
  if (value.is_scalar()) {
    auto one = ref(value, field);
    if (!one) return std::nullopt;
    return std::vector<Ref>{std::move(*one)};
  }
  if (!expect_list(value, field, expected)) return std::nullopt;
  std::vector<Ref> out;
  std::map<std::string, Position> seen;
  bool ok = true;
  for (const Node& item : value.items) {
    auto one = ref(item, field);
    if (!one) {
      ok = false;
      continue;
    }
    if (const auto it = seen.find(one->key); it != seen.end()) {
      error(item, text::Message("'{0}' is listed twice in '{1}' (first at line {2})", one->key, field,
                                it->second.line));
      ok = false;
      continue;
    }
    seen.emplace(one->key, one->pos);
    out.push_back(std::move(*one));
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<model::Date> FieldReader::date(const Node& value, std::string_view field) {
  if (!expect_scalar(value, field, kDate)) return std::nullopt;
  return date_scalar(value);
}

std::optional<model::Date> FieldReader::date_scalar(const Node& value) {
  const std::string_view written = trim(value.scalar);
  const model::DateParse parsed = model::parse_date(written);
  if (parsed.date) return parsed.date;
  if (parsed.error == model::DateParseError::impossible) {
    error(value, text::Message("{0} does not exist", written));
  } else {
    error(value, text::Message("'{0}' is not a date; write 31/7/2021 or 2021-07-31", written));
  }
  return std::nullopt;
}

std::optional<int> whole_number_in(double n, int lo, int hi) {
  if (!(n >= lo && n <= hi) || n != std::trunc(n)) return std::nullopt;
  return static_cast<int>(n);
}

std::optional<double> FieldReader::number(const Node& value, std::string_view field) {
  if (!expect_scalar(value, field, kNumber)) return std::nullopt;
  std::string written(trim(value.scalar));
  // A Vietnamese decimal comma: 80,11 means 80.11.
  if (written.find('.') == std::string::npos && written.find(',') == written.rfind(',')) {
    if (const auto comma = written.find(','); comma != std::string::npos) written[comma] = '.';
  }
  std::string_view digits = written;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  double result = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), result,
                                         std::chars_format::general);
  if (ec == std::errc() && end == digits.data() + digits.size() && !digits.empty() &&
      std::isfinite(result)) {
    return result;
  }
  const std::string_view as_typed = trim(value.scalar);
  if (!as_typed.empty() && as_typed.back() == '%') {
    error(value, text::Message("'{0}' is not a number; write {1} and put '%' in unit:", as_typed,
                               trim(as_typed.substr(0, as_typed.size() - 1))));
  } else {
    error(value, text::Message("'{0}' is not a number; write it like 80.11 or 80,11", as_typed));
  }
  return std::nullopt;
}

std::optional<std::string> FieldReader::choice(const Node& value, const Phrase& what,
                                               const std::vector<std::string>& names) {
  if (!value.is_scalar()) {
    error(value, text::Message("{0} must be one of {1}, not {2}", what, join_or(names), found(value)));
    return std::nullopt;
  }
  const std::string_view written = trim(value.scalar);
  for (const std::string& name : names) {
    if (name == written) return name;
  }
  if (const auto near = text::nearest(written, names)) {
    error(value, text::Message("unknown {0} '{1}'; expected {2} (did you mean '{3}'?)", what, written,
                               join_or(names), *near));
  } else {
    error(value, text::Message("unknown {0} '{1}'; expected {2}", what, written, join_or(names)));
  }
  return std::nullopt;
}

bool FieldReader::check_unique(std::map<std::string, Position>& seen, const std::string& key,
                               const Position& where, const Phrase& what) {
  const auto [it, inserted] = seen.emplace(key, where);
  if (inserted) return true;
  error(where, text::Message("{0} '{1}' is already defined at line {2}", what, key, it->second.line));
  return false;
}

}  // namespace inspectrack::import
