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

constexpr Phrase kText{"a text", "một đoạn văn bản"};
constexpr Phrase kKey{"a key (lowercase ASCII, e.g. bau-can)",
                      "một mã (chữ thường ASCII, ví dụ bau-can)"};
constexpr Phrase kDate{"a date (31/7/2021 or 2021-07-31)", "một ngày (31/7/2021 hoặc 2021-07-31)"};
constexpr Phrase kNumber{"a number", "một số"};

}  // namespace

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string join_or(const std::vector<std::string>& words, text::Lang lang) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? text::tr(lang, " or ", " hoặc ") : ", ";
    out += words[i];
  }
  return out;
}

std::string not_a_key_message(std::string_view value, std::string_view suggestion,
                              text::Lang lang) {
  const char* rule = is_ascii(value)
                         ? text::tr(lang, "keys are lowercase letters, digits, '.', '_' and '-'",
                                    "mã chỉ gồm chữ thường, chữ số, '.', '_' và '-'")
                         : text::tr(lang, "keys are ASCII", "mã chỉ dùng chữ ASCII (không dấu)");
  if (suggestion.empty()) {
    return fmt::format(
        fmt::runtime(text::tr(lang, "'{}' is not a key; {}", "'{}' không phải là mã; {}")), value,
        rule);
  }
  return fmt::format(fmt::runtime(text::tr(lang, "'{}' is not a key; {}: did you mean '{}'?",
                                           "'{}' không phải là mã; {}: có phải ý bạn là '{}'?")),
                     value, rule, suggestion);
}

std::string fan_out_without_parent_message(text::Lang lang) {
  return text::tr(
      lang,
      "the fan-out has no parent and the inspection has no scope; add parent: UNIT here or "
      "scope: UNIT to the inspection",
      "nhóm đơn vị không có parent và đợt kiểm tra không có scope; hãy thêm parent: ĐƠN_VỊ ở "
      "đây hoặc scope: ĐƠN_VỊ vào đợt kiểm tra");
}

std::string FieldReader::found(const Node& value) const {
  switch (value.type) {
    case Node::Type::null:
      return tr({"empty", "để trống"});
    case Node::Type::scalar: {
      // A whole paragraph pasted in the wrong place is shown by its start.
      const std::string_view first_line =
          std::string_view(value.scalar).substr(0, value.scalar.find('\n'));
      std::string shown(text::truncate_to_width(first_line, 40));
      if (shown.size() < value.scalar.size()) shown += "…";
      return say("a single value ('{}')", "một giá trị đơn ('{}')", shown);
    }
    case Node::Type::sequence:
      return tr({"a list", "một danh sách"});
    case Node::Type::mapping:
      return tr({"a mapping", "một ánh xạ (mapping)"});
  }
  return {};
}

void FieldReader::wrong_type(const Node& value, std::string_view field, Phrase expected) {
  error(value, say("'{}' must be {}, not {}", "'{}' phải là {}, không phải {}", field, tr(expected),
                   found(value)));
}

void FieldReader::reject_unknown_keys(const Node& map, const std::vector<std::string>& allowed,
                                      Phrase where) {
  for (const auto& [key, value] : map.entries) {
    bool known = false;
    for (const std::string& a : allowed) known = known || a == key.scalar;
    if (known) continue;
    if (diags_.full(path_)) {
      error(key, say("unknown key '{}'", "khóa '{}' không hợp lệ", key.scalar));
      continue;
    }
    if (const auto near = text::nearest(key.scalar, allowed)) {
      error(key,
            say("unknown key '{}' {}; did you mean '{}'?",
                "khóa '{}' không hợp lệ {}; có phải ý bạn là '{}'?", key.scalar, tr(where), *near));
    } else {
      error(key, say("unknown key '{}' {}; expected {}",
                     "khóa '{}' không hợp lệ {}; các khóa được dùng: {}", key.scalar, tr(where),
                     join_or(allowed, lang_)));
    }
  }
}

const Node* FieldReader::require(const Node& map, std::string_view key, Phrase where) {
  if (const Node* value = map.find(key)) return value;
  error(map, say("missing '{0}' {1}; add {0}: …", "thiếu '{0}' {1}; thêm {0}: …", key, tr(where)));
  return nullptr;
}

bool FieldReader::expect_mapping(const Node& value, std::string_view field, Phrase expected) {
  if (value.is_mapping()) return true;
  wrong_type(value, field, expected);
  return false;
}

bool FieldReader::expect_list(const Node& value, std::string_view field, Phrase expected) {
  if (value.is_sequence()) return true;
  wrong_type(value, field, expected);
  return false;
}

bool FieldReader::expect_scalar(const Node& value, std::string_view field, Phrase expected) {
  if (value.is_scalar()) return true;
  wrong_type(value, field, expected);
  return false;
}

bool FieldReader::expect_entry(const Node& item, std::string_view list, Phrase expected) {
  if (item.is_mapping()) return true;
  error(item, say("each entry of '{}' must be {}, not {}",
                  "mỗi mục của '{}' phải là {}, không phải {}", list, tr(expected), found(item)));
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
      error(value, say("'{0}' is empty; write {0}: …", "'{0}' để trống; hãy viết {0}: …", field));
    }
    return std::nullopt;
  }
  return std::move(admitted.text);
}

void FieldReader::refuse(const Node& value, std::string_view field, const text::Refusal& refusal,
                         bool in_mail_headers) {
  if (refusal.problem != text::Problem::line_break) {
    error(value, fmt::format("'{}' {}", field, text::refusal_reason(refusal, lang_)));
  } else if (in_mail_headers) {
    // In a file the fix is also how the value is written: a block scalar keeps its breaks.
    error(value, say("'{0}' must be one line (it is used in e-mail headers); remove the line "
                     "break or tab, or write {0}: on a single line without | or >",
                     "'{0}' phải viết trên một dòng (được dùng trong tiêu đề thư điện tử); hãy "
                     "bỏ dấu xuống dòng hoặc tab, hoặc viết {0}: trên một dòng, không dùng | hay >",
                     field));
  } else {
    error(value, say("'{0}' must be one line; remove the line break or tab, or write {0}: "
                     "on a single line without | or >",
                     "'{0}' phải viết trên một dòng; hãy bỏ dấu xuống dòng hoặc tab, hoặc "
                     "viết {0}: trên một dòng, không dùng | hay >",
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
    error(value, say("'{0}' is empty; write {0}: followed by a key such as bau-can",
                     "'{0}' để trống; hãy viết {0}: và một mã, ví dụ bau-can", field));
    return std::nullopt;
  }
  if (!expect_scalar(value, field, kKey)) return std::nullopt;
  const std::string_view written = trim(value.scalar);
  if (text::is_slug(written)) return std::string(written);
  error(value, not_a_key_message(value.scalar, text::slugify(written), lang_));
  return std::nullopt;
}

std::optional<Ref> FieldReader::ref(const Node& value, std::string_view field) {
  if (value.is_null()) {
    error(value, say("'{0}' is empty; write {0}: followed by a key such as bau-can",
                     "'{0}' để trống; hãy viết {0}: và một mã, ví dụ bau-can", field));
    return std::nullopt;
  }
  if (!expect_scalar(value, field, kKey)) return std::nullopt;
  text::Admitted admitted = text::admit(value.scalar, text::Shape::one_line);
  if (admitted.refusal) {
    refuse(value, field, *admitted.refusal, false);
    return std::nullopt;
  }
  if (admitted.text.empty()) {
    error(value, say("'{0}' is empty; write {0}: followed by a key such as bau-can",
                     "'{0}' để trống; hãy viết {0}: và một mã, ví dụ bau-can", field));
    return std::nullopt;
  }
  return Ref{std::move(admitted.text), at(value)};
}

std::optional<std::vector<Ref>> FieldReader::refs(const Node& value, std::string_view field,
                                                  Phrase expected) {
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
      error(item, say("'{}' is listed twice in '{}' (first at line {})",
                      "'{}' được liệt kê hai lần trong '{}' (lần đầu ở dòng {})", one->key, field,
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
    error(value, say("{} does not exist", "không có ngày {}", written));
  } else {
    error(value, say("'{}' is not a date; write 31/7/2021 or 2021-07-31",
                     "'{}' không phải là ngày; hãy viết 31/7/2021 hoặc 2021-07-31", written));
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
    error(value, say("'{}' is not a number; write {} and put '%' in unit:",
                     "'{}' không phải là số; hãy viết {} và ghi '%' ở unit:", as_typed,
                     trim(as_typed.substr(0, as_typed.size() - 1))));
  } else {
    error(value, say("'{}' is not a number; write it like 80.11 or 80,11",
                     "'{}' không phải là số; hãy viết như 80.11 hoặc 80,11", as_typed));
  }
  return std::nullopt;
}

std::optional<std::string> FieldReader::choice(const Node& value, Phrase what,
                                               const std::vector<std::string>& names) {
  if (!value.is_scalar()) {
    error(value, say("{} must be one of {}, not {}", "{} phải là một trong {}, không phải {}",
                     tr(what), join_or(names, lang_), found(value)));
    return std::nullopt;
  }
  const std::string_view written = trim(value.scalar);
  for (const std::string& name : names) {
    if (name == written) return name;
  }
  if (const auto near = text::nearest(written, names)) {
    error(value, say("unknown {} '{}'; expected {} (did you mean '{}'?)",
                     "{} '{}' không hợp lệ; cần một trong {} (có phải ý bạn là '{}'?)", tr(what),
                     written, join_or(names, lang_), *near));
  } else {
    error(value, say("unknown {} '{}'; expected {}", "{} '{}' không hợp lệ; cần một trong {}",
                     tr(what), written, join_or(names, lang_)));
  }
  return std::nullopt;
}

bool FieldReader::check_unique(std::map<std::string, Position>& seen, const std::string& key,
                               const Position& where, Phrase what) {
  const auto [it, inserted] = seen.emplace(key, where);
  if (inserted) return true;
  error(where, say("{} '{}' is already defined at line {}", "{} '{}' đã được khai báo ở dòng {}",
                   tr(what), key, it->second.line));
  return false;
}

}  // namespace inspectrack::import
