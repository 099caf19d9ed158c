#include "inspectrack/text/utf8.hpp"

#include <atomic>
#include <cstdint>
#include <cstdlib>

#include <utf8proc.h>

namespace inspectrack::text {

namespace {

// One decoded code point; `length` is 0 when the bytes at the position are not
// well-formed UTF-8 (the caller then steps over one byte).
struct Decoded {
  char32_t code_point = 0;
  std::size_t length = 0;
};

bool is_continuation(unsigned char b) { return (b & 0xC0U) == 0x80U; }

// Strict decoding per Unicode table 3-7: the allowed second-byte ranges exclude
// overlong forms, surrogates and code points above U+10FFFF.
Decoded decode(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char b0 = byte(0);
  if (b0 < 0x80U) return {b0, 1};

  std::size_t length = 0;
  unsigned char low = 0x80U;
  unsigned char high = 0xBFU;
  char32_t cp = 0;
  if (b0 >= 0xC2U && b0 <= 0xDFU) {
    length = 2;
    cp = b0 & 0x1FU;
  } else if (b0 >= 0xE0U && b0 <= 0xEFU) {
    length = 3;
    cp = b0 & 0x0FU;
    if (b0 == 0xE0U) low = 0xA0U;
    if (b0 == 0xEDU) high = 0x9FU;
  } else if (b0 >= 0xF0U && b0 <= 0xF4U) {
    length = 4;
    cp = b0 & 0x07U;
    if (b0 == 0xF0U) low = 0x90U;
    if (b0 == 0xF4U) high = 0x8FU;
  } else {
    return {};
  }
  if (s.size() - i < length) return {};
  const unsigned char b1 = byte(1);
  if (b1 < low || b1 > high) return {};
  cp = (cp << 6) | (b1 & 0x3FU);
  for (std::size_t k = 2; k < length; ++k) {
    if (!is_continuation(byte(k))) return {};
    cp = (cp << 6) | (byte(k) & 0x3FU);
  }
  return {cp, length};
}

// Invalid bytes are shown by terminals as U+FFFD, one column each.
constexpr char32_t kReplacement = 0xFFFD;

Decoded decode_lenient(std::string_view s, std::size_t i) {
  Decoded d = decode(s, i);
  if (d.length == 0) return {kReplacement, 1};
  return d;
}

std::size_t utf8proc_width(char32_t cp) {
  const auto c = static_cast<utf8proc_int32_t>(cp);
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
      return 0;
    default:
      break;
  }
  const int w = utf8proc_charwidth(c);
  return w > 0 ? static_cast<std::size_t>(w) : 0;
}

// The widths of the first code points (Latin, Vietnamese precomposed letters up to
// U+1EF9, combining marks, punctuation), asked of utf8proc once each: a table of
// 45,000 overdue tasks measures some two million of them. Each entry holds the width
// plus one; 0 (static storage starts zeroed) is not asked yet.
constexpr char32_t kCachedWidths = 0x2000;
std::atomic<std::uint8_t> cached_widths[kCachedWidths];

std::size_t code_point_width(char32_t cp) {
  if (cp >= 0x20U && cp < 0x7FU) return 1;  // printable ASCII
  if (cp >= kCachedWidths) return utf8proc_width(cp);
  std::atomic<std::uint8_t>& cached = cached_widths[cp];
  std::uint8_t w = cached.load(std::memory_order_relaxed);
  if (w == 0) {
    w = static_cast<std::uint8_t>(utf8proc_width(cp) + 1);
    cached.store(w, std::memory_order_relaxed);
  }
  return w - 1U;
}

}  // namespace

std::optional<std::size_t> find_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const Decoded d = decode(s, i);
    if (d.length == 0) return i;
    i += d.length;
  }
  return std::nullopt;
}

std::size_t utf8_length_at(std::string_view s, std::size_t i) { return i < s.size() ? decode(s, i).length : 0; }

CodePoint code_point_at(std::string_view s, std::size_t i) {
  const Decoded d = decode(s, i);
  return {d.code_point, d.length};
}

std::size_t count_code_points(std::string_view s) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); i += decode_lenient(s, i).length) ++count;
  return count;
}

bool nfc_stable(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80U) {
      ++i;
      continue;
    }
    const Decoded d = decode(s, i);
    if (d.length == 0) return false;
    const char32_t cp = d.code_point;
    // Latin (with Latin-1 and Extended-A/B), the precomposed Vietnamese letters, and
    // dashes, quotes and the ellipsis: each is NFC by itself, of combining class 0 and
    // never the second of a composition, so any run of them is NFC already (checked
    // pair by pair against Unicode 14 when this was written).
    const bool stable = cp < 0x300 || (cp >= 0x1E00 && cp <= 0x1EFF) ||
                        (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E);
    if (!stable) return false;
    i += d.length;
  }
  return true;
}

std::string nfc(std::string_view s) {
  // Text typed by hand is nearly always precomposed already: only the rest pays for
  // utf8proc's decomposition and recomposition.
  if (s.empty() || nfc_stable(s) || find_invalid_utf8(s)) return std::string(s);
  utf8proc_uint8_t* out = nullptr;
  const utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                   static_cast<utf8proc_ssize_t>(s.size()), &out,
                   static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (n < 0) {
    std::free(out);
    return std::string(s);
  }
  std::string result(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
  std::free(out);
  return result;
}

std::size_t display_width(std::string_view s) {
  std::size_t width = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    if (const auto b = static_cast<unsigned char>(s[i]); b >= 0x20U && b < 0x7FU) {
      ++width;  // printable ASCII, most of any text
      ++i;
      continue;
    }
    const Decoded d = decode_lenient(s, i);
    width += code_point_width(d.code_point);
    i += d.length;
  }
  return width;
}

std::string_view truncate_to_width(std::string_view s, std::size_t width) {
  // Walk whole grapheme clusters so a base letter keeps its combining marks.
  std::size_t kept_end = 0;
  std::size_t kept_width = 0;
  std::size_t cluster_width = 0;
  utf8proc_int32_t state = 0;
  utf8proc_int32_t previous = -1;
  std::size_t i = 0;
  while (i < s.size()) {
    const Decoded d = decode_lenient(s, i);
    const auto cp = static_cast<utf8proc_int32_t>(d.code_point);
    if (previous >= 0 && utf8proc_grapheme_break_stateful(previous, cp, &state)) {
      if (kept_width + cluster_width > width) return s.substr(0, kept_end);
      kept_width += cluster_width;
      kept_end = i;
      cluster_width = 0;
    }
    cluster_width += code_point_width(d.code_point);
    previous = cp;
    i += d.length;
  }
  if (kept_width + cluster_width > width) return s.substr(0, kept_end);
  return s;
}

namespace {

// `s` with each code point mapped by `map`; invalid bytes copied unchanged.
std::string map_case(std::string_view s, utf8proc_int32_t (*map)(utf8proc_int32_t)) {
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(s.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {  // an invalid byte: keep it as it is
      out += static_cast<char>(*p);
      ++p;
      --left;
      continue;
    }
    utf8proc_uint8_t buf[4];
    const utf8proc_ssize_t m = utf8proc_encode_char(map(cp), buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(m));
    p += n;
    left -= n;
  }
  return out;
}

}  // namespace

std::string lowercase(std::string_view s) { return map_case(s, utf8proc_tolower); }

std::string uppercase(std::string_view s) { return map_case(s, utf8proc_toupper); }

bool has_lowercase(std::string_view s) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(s.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n > 0 && utf8proc_toupper(cp) != cp) return true;
    p += n > 0 ? n : 1;
    left -= n > 0 ? n : 1;
  }
  return false;
}

namespace {

// Whether a control or separator character starts at s[i].
bool breaking_at(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x20U || c == 0x7FU) return true;
  if (c == 0xC2U && i + 1 < s.size()) {
    const auto d = static_cast<unsigned char>(s[i + 1]);
    return d >= 0x80U && d <= 0x9FU;
  }
  if (c == 0xE2U && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80U) {
    const auto d = static_cast<unsigned char>(s[i + 2]);
    return d == 0xA8U || d == 0xA9U;
  }
  return false;
}

}  // namespace

bool has_line_breaking(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (breaking_at(s, i)) return true;
  }
  return false;
}

}  // namespace inspectrack::text
