#include "inspectrack/text/visible.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <iterator>
#include <optional>

#include "inspectrack/text/utf8.hpp"

namespace inspectrack::text {

namespace {

// Characters above ASCII that are shown escaped: C1 controls, the line and paragraph
// separators, and the bidirectional controls.
bool escaped_above_ascii(char32_t c) {
  return (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

void append_ascii_escape(std::string& out, unsigned char c) {
  switch (c) {
    case 0x1B: out += "\\e"; break;
    case '\t': out += "\\t"; break;
    case '\r': out += "\\r"; break;
    case '\n': out += "\\n"; break;
    default: fmt::format_to(std::back_inserter(out), "\\x{:02x}", c); break;
  }
}

bool is_line_separator(std::string_view s, std::size_t i) {
  return s.substr(i, 2) == "\xE2\x80" && i + 2 < s.size() &&
         (s[i + 2] == '\xA8' || s[i + 2] == '\xA9');
}

// The one walk behind visible() and visible_lines(): with a `line_break`, line breaks
// become it and tabs spaces; without one, LF is kept or escaped as `lf` says.
std::string show(std::string_view s, Lf lf, std::optional<std::string_view> line_break) {
  std::string out;
  out.reserve(s.size());
  std::size_t plain = 0;  // start of the run not yet copied
  const auto copy_run = [&](std::size_t end) { out.append(s.data() + plain, end - plain); };
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c >= 0x20U && c < 0x7FU) || (c == '\n' && !line_break && lf == Lf::keep)) {
      ++i;
      continue;
    }
    copy_run(i);
    if (line_break && (c == '\n' || c == '\r' || is_line_separator(s, i))) {
      out += *line_break;
      i += c == '\r' && i + 1 < s.size() && s[i + 1] == '\n' ? 2 : c == 0xE2U ? 3 : 1;
    } else if (line_break && c == '\t') {
      out += ' ';
      ++i;
    } else if (c < 0x80U) {
      append_ascii_escape(out, c);
      ++i;
    } else if (const CodePoint cp = code_point_at(s, i); cp.length == 0) {
      fmt::format_to(std::back_inserter(out), "\\x{:02x}", c);
      ++i;
    } else if (escaped_above_ascii(cp.value)) {
      fmt::format_to(std::back_inserter(out), "\\u{{{:x}}}", static_cast<std::uint32_t>(cp.value));
      i += cp.length;
    } else {
      out.append(s.data() + i, cp.length);
      i += cp.length;
    }
    plain = i;
  }
  copy_run(s.size());
  return out;
}

}  // namespace

std::string visible(std::string_view s, Lf lf) { return show(s, lf, std::nullopt); }

std::string visible_lines(std::string_view s, std::string_view line_break) {
  return show(s, Lf::keep, line_break);
}

std::string single_line(std::string_view s) {
  const std::string spaced = visible_lines(s, " ");
  std::string out;
  out.reserve(spaced.size());
  bool space = false;
  for (const char c : spaced) {
    if (c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string visible_character(char32_t c) {
  std::string utf8;
  if (c < 0x80) {
    utf8 += static_cast<char>(c);
  } else if (c < 0x800) {
    utf8 += static_cast<char>(0xC0 | (c >> 6));
    utf8 += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    utf8 += static_cast<char>(0xE0 | (c >> 12));
    utf8 += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    utf8 += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    utf8 += static_cast<char>(0xF0 | (c >> 18));
    utf8 += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    utf8 += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    utf8 += static_cast<char>(0x80 | (c & 0x3F));
  }
  return visible(utf8, Lf::escape);
}

}  // namespace inspectrack::text
