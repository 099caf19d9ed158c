#pragma once
// UTF-8 validation, NFC normalization and terminal display width.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace inspectrack::text {

// Byte offset of the first byte that is not part of well-formed UTF-8 (overlong
// forms, surrogates and code points above U+10FFFF are ill-formed), or nullopt
// when the whole string is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view s);

// Number of code points in valid UTF-8 (counts bytes of invalid sequences one by one).
std::size_t count_code_points(std::string_view s);

// The length in bytes of the valid UTF-8 sequence starting at byte `i` of `s`, or 0
// when the bytes there are not one (or i is past the end).
std::size_t utf8_length_at(std::string_view s, std::size_t i);

// The character starting at byte `i` of `s` (i < s.size()) and its length in bytes;
// length 0 when the bytes there are not well-formed UTF-8.
struct CodePoint {
  char32_t value = 0;
  std::size_t length = 0;
};
CodePoint code_point_at(std::string_view s, std::size_t i);

// NFC-normalized copy of valid UTF-8 text. Invalid input is returned unchanged.
std::string nfc(std::string_view s);
// True when `s` is valid UTF-8 made only of characters that no normalization changes
// and that never combine with a neighbour (ASCII, Latin, precomposed Vietnamese
// letters, common punctuation): nfc(s) == s without computing it. False says nothing.
bool nfc_stable(std::string_view s);

// Lowercase copy (Unicode simple case mapping: "NGÀY" → "ngày"). Invalid bytes are
// copied unchanged.
std::string lowercase(std::string_view s);
// Uppercase copy, the same way ("Phòng Nội vụ" → "PHÒNG NỘI VỤ").
std::string uppercase(std::string_view s);
// True when `s` holds a letter that has an upper-case form ("Phòng", "ủy"): what a
// text printed upper case must not hold. Invalid bytes are skipped.
bool has_lowercase(std::string_view s);

// True when `s` holds a control character (C0, tab included, DEL, C1 such as NEL) or
// a line or paragraph separator (U+2028, U+2029): what must never reach a mail header.
bool has_line_breaking(std::string_view s);

// Columns the text takes in a terminal: combining marks take 0, East Asian wide
// characters 2, everything else 1. Control characters count 0.
std::size_t display_width(std::string_view s);

// The longest prefix of `s` whose display width is at most `width`, never cutting a
// character or separating a base letter from its combining marks.
std::string_view truncate_to_width(std::string_view s, std::size_t width);

}  // namespace inspectrack::text
