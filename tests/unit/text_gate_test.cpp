#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include "inspectrack/text/gate.hpp"

using inspectrack::text::admit;
using inspectrack::text::Admitted;
using inspectrack::text::is_trimmed_space;
using inspectrack::text::Problem;
using inspectrack::text::Shape;

namespace {

// The problem admit() finds, with its byte offset and character, as one string
// ("control_character@4:U+1B"), or "ok:TEXT" for an admitted value: one CHECK shows all.
std::string verdict(std::string_view value, Shape shape) {
  const Admitted a = admit(value, shape);
  if (!a.refusal) return "ok:" + a.text;
  const char* names[] = {"invalid_utf8", "line_break", "control_character", "line_separator",
                         "bidi_control"};
  char cp[16];
  std::snprintf(cp, sizeof cp, "U+%X", static_cast<unsigned>(a.refusal->code_point));
  return std::string(names[static_cast<int>(a.refusal->problem)]) + "@" +
         std::to_string(a.refusal->offset) + ":" + cp;
}

}  // namespace

TEST_CASE("admit keeps ordinary text, trimmed and NFC") {
  for (const Shape shape : {Shape::one_line, Shape::multi_line}) {
    CHECK(verdict("UBND xã Bàu Cạn", shape) == "ok:UBND xã Bàu Cạn");
    CHECK(verdict("  Phòng Nội vụ \t\n", shape) == "ok:Phòng Nội vụ");
    CHECK(verdict("Ba\u0300u Ca\u0323n", shape) == "ok:B\u00E0u C\u1EA1n");  // NFD in, NFC out
    CHECK(verdict("a\u00A0b", shape) == "ok:a\u00A0b");  // spaces inside are kept
    CHECK(verdict("back\\slash \"quoted\" 'x'", shape) == "ok:back\\slash \"quoted\" 'x'");
    CHECK(verdict("\u4E2D\u6587 \U0001F600", shape) == "ok:\u4E2D\u6587 \U0001F600");
  }
}

TEST_CASE("admit: a value of only spaces, Unicode ones included, is empty") {
  for (const Shape shape : {Shape::one_line, Shape::multi_line}) {
    CHECK(verdict("", shape) == "ok:");
    CHECK(verdict(" \t\r\n ", shape) == "ok:");
    CHECK(verdict("\u3000", shape) == "ok:");                  // IDEOGRAPHIC SPACE
    CHECK(verdict("\u00A0\u00A0", shape) == "ok:");            // NO-BREAK SPACE
    CHECK(verdict("\u2003\u202F\u205F\u1680", shape) == "ok:");  // EM, NARROW NBSP, MMSP, OGHAM
    CHECK(verdict("\u3000Tên\u00A0", shape) == "ok:Tên");
  }
  CHECK(is_trimmed_space(0x3000));
  CHECK(is_trimmed_space(0x00A0));
  CHECK_FALSE(is_trimmed_space(0x200B));  // ZERO WIDTH SPACE is a format character, not Zs
  CHECK_FALSE(is_trimmed_space('x'));
}

TEST_CASE("admit refuses invalid UTF-8 anywhere, at its first bad byte") {
  for (const Shape shape : {Shape::one_line, Shape::multi_line}) {
    CHECK(verdict("UBND\x85X", shape) == "invalid_utf8@4:U+85");  // what yaml-cpp makes of \N
    CHECK(verdict("UBND\xA0X", shape) == "invalid_utf8@4:U+A0");  // and of \_
    CHECK(verdict("bad\xff", shape) == "invalid_utf8@3:U+FF");
    CHECK(verdict("  \xC0\x80", shape) == "invalid_utf8@2:U+C0");  // overlong NUL
    CHECK(verdict("\xED\xA0\x80", shape) == "invalid_utf8@0:U+ED");  // surrogate
  }
}

TEST_CASE("admit: one-line fields refuse every control character and line break") {
  CHECK(verdict("UBND xã\r\nBcc: all@example.vn", Shape::one_line) == "line_break@8:U+D");
  CHECK(verdict("a\nb", Shape::one_line) == "line_break@1:U+A");
  CHECK(verdict("a\tb", Shape::one_line) == "line_break@1:U+9");
  CHECK(verdict("a\u2028b", Shape::one_line) == "line_break@1:U+2028");
  CHECK(verdict("a\u2029b", Shape::one_line) == "line_break@1:U+2029");
  CHECK(verdict("ab\x1b]0;PWNED\x07\x1b[2J", Shape::one_line) == "control_character@2:U+1B");
  CHECK(verdict(std::string("a\0b", 3), Shape::one_line) == "control_character@1:U+0");
  CHECK(verdict("a\x7f", Shape::one_line) == "control_character@1:U+7F");
  CHECK(verdict("a\u0085b", Shape::one_line) == "control_character@1:U+85");  // NEL, as UTF-8
  CHECK(verdict("a\u009bb", Shape::one_line) == "control_character@1:U+9B");  // CSI
  CHECK(verdict("a\x0b" "b\x0c", Shape::one_line) == "control_character@1:U+B");
}

TEST_CASE("admit: multi-line fields take LF and TAB, nothing else of the kind") {
  CHECK(verdict("dòng một\n\tdòng hai", Shape::multi_line) == "ok:dòng một\n\tdòng hai");
  CHECK(verdict("a\r\nb", Shape::multi_line) == "control_character@1:U+D");
  CHECK(verdict("a\x1b[2Jb", Shape::multi_line) == "control_character@1:U+1B");
  CHECK(verdict("a\x7f", Shape::multi_line) == "control_character@1:U+7F");
  CHECK(verdict("a\u0085b", Shape::multi_line) == "control_character@1:U+85");
  CHECK(verdict("a\u2028b", Shape::multi_line) == "line_separator@1:U+2028");
  CHECK(verdict("a\n\u2029", Shape::multi_line) == "line_separator@2:U+2029");
}

TEST_CASE("admit refuses bidirectional controls in every field") {
  for (const Shape shape : {Shape::one_line, Shape::multi_line}) {
    CHECK(verdict("abc\u202Eevil", shape) == "bidi_control@3:U+202E");  // RIGHT-TO-LEFT OVERRIDE
    CHECK(verdict("\u202Ax", shape) == "bidi_control@0:U+202A");
    CHECK(verdict("x\u2066y\u2069", shape) == "bidi_control@1:U+2066");
    CHECK(verdict("x\u2069", shape) == "bidi_control@1:U+2069");
    CHECK(verdict("x\u2065y", shape) == "ok:x\u2065y");  // unassigned neighbour: not a control
  }
}

TEST_CASE("admit gives offsets in the value as given, before trimming") {
  CHECK(verdict("\u3000  a\x1b", Shape::multi_line) == "control_character@6:U+1B");
  // A control character at an end is not trimmed away: only spaces are.
  CHECK(verdict("\x1b   ", Shape::multi_line) == "control_character@0:U+1B");
  CHECK(verdict("a\x07", Shape::one_line) == "control_character@1:U+7");
}

TEST_CASE("refusal_reason: what is wrong, in the user's language, the character shown escaped") {
  using inspectrack::text::Lang;
  using inspectrack::text::refusal_reason;
  using inspectrack::text::translate;
  const auto control = admit("Đã nhắc\x1b[2J", Shape::multi_line).refusal;
  REQUIRE(control);
  CHECK(translate(Lang::en, refusal_reason(*control)) == "holds a control character (\\e); remove it");
  CHECK(translate(Lang::vi, refusal_reason(*control)) == "chứa ký tự điều khiển (\\e); hãy bỏ ký tự này");
  const auto bad = admit("UBND \xff", Shape::one_line).refusal;
  REQUIRE(bad);
  CHECK(translate(Lang::en, refusal_reason(*bad)) == "is not UTF-8 text (byte 0xFF)");
  const auto line = admit("a\nb", Shape::one_line).refusal;
  REQUIRE(line);
  CHECK(translate(Lang::en, refusal_reason(*line)) == "must be one line; remove the line break or tab");
}
