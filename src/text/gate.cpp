#include "inspectrack/text/gate.hpp"

#include <fmt/format.h>
#include <utf8proc.h>

#include "inspectrack/text/utf8.hpp"
#include "inspectrack/text/visible.hpp"

namespace inspectrack::text {

namespace {

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

bool is_bidi_control(char32_t c) { return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069); }

// The problem `c` makes inside a trimmed value of `shape`, or nullopt.
std::optional<Problem> problem_of(char32_t c, Shape shape) {
  const bool one_line = shape == Shape::one_line;
  if (c == '\n' || c == '\t') {
    if (one_line) return Problem::line_break;
    return std::nullopt;
  }
  if (c == '\r' && one_line) return Problem::line_break;
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return Problem::control_character;
  if (c == 0x2028 || c == 0x2029) return one_line ? Problem::line_break : Problem::line_separator;
  if (is_bidi_control(c)) return Problem::bidi_control;
  return std::nullopt;
}

}  // namespace

bool is_trimmed_space(char32_t c) {
  if (c < 0x80) return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  return utf8proc_category(static_cast<utf8proc_int32_t>(c)) == UTF8PROC_CATEGORY_ZS;
}

Admitted admit(std::string_view value, Shape shape) {
  Admitted out;
  if (const auto bad = find_invalid_utf8(value)) {
    out.refusal = Refusal{Problem::invalid_utf8, *bad, static_cast<unsigned char>(value[*bad])};
    return out;
  }

  std::size_t begin = 0;
  std::size_t end = value.size();
  while (begin < end) {
    const CodePoint c = code_point_at(value, begin);
    if (!is_trimmed_space(c.value)) break;
    begin += c.length;
  }
  while (end > begin) {
    std::size_t start = end - 1;
    while (start > begin && is_continuation(value[start])) --start;
    if (!is_trimmed_space(code_point_at(value, start).value)) break;
    end = start;
  }

  for (std::size_t i = begin; i < end;) {
    const auto byte = static_cast<unsigned char>(value[i]);
    if (byte >= 0x20U && byte < 0x7FU) {  // printable ASCII, most of any text
      ++i;
      continue;
    }
    const CodePoint c = code_point_at(value, i);
    if (const auto problem = problem_of(c.value, shape)) {
      out.refusal = Refusal{*problem, i, c.value};
      return out;
    }
    i += c.length;
  }
  out.text = nfc(value.substr(begin, end - begin));
  return out;
}

Message refusal_reason(const Refusal& refusal) {
  const std::string shown = visible_character(refusal.code_point);
  switch (refusal.problem) {
    case Problem::invalid_utf8:
      return Message("is not UTF-8 text (byte 0x{0:02X})", static_cast<unsigned>(refusal.code_point));
    case Problem::line_break:
      return Message("must be one line; remove the line break or tab");
    case Problem::control_character:
      return Message("holds a control character ({0}); remove it", shown);
    case Problem::line_separator:
      return Message("holds a line separator ({0}); write an ordinary line break instead", shown);
    case Problem::bidi_control:
      return Message(
          "holds a bidirectional control ({0}), which makes text display in another order than it is stored; "
          "remove it",
          shown);
  }
  return Message::verbatim("");
}

}  // namespace inspectrack::text
