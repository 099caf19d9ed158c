#include <doctest/doctest.h>

#include <string>

#include "inspectrack/text/visible.hpp"

using inspectrack::text::Lf;
using inspectrack::text::single_line;
using inspectrack::text::visible;
using inspectrack::text::visible_character;
using inspectrack::text::visible_lines;

TEST_CASE("visible leaves text alone") {
  CHECK(visible("") == "");
  CHECK(visible("UBND xã Bàu Cạn – số 72/TB-UBND") == "UBND xã Bàu Cạn – số 72/TB-UBND");
  CHECK(visible("dòng một\ndòng hai\n") == "dòng một\ndòng hai\n");
  CHECK(visible("back\\slash \\e stays") == "back\\slash \\e stays");
  CHECK(visible("\u00A0\u3000\u4E2D\U0001F600") == "\u00A0\u3000\u4E2D\U0001F600");
}

TEST_CASE("visible escapes what would drive a terminal") {
  // A key from a hostile file: retitle the terminal, ring, clear the screen.
  CHECK(visible("ab\x1b]0;PWNED\x07\x1b[2J") == "ab\\e]0;PWNED\\x07\\e[2J");
  // OSC 52: write the clipboard.
  CHECK(visible("\x1b]52;c;cm0gLXJmIH4=\x07") == "\\e]52;c;cm0gLXJmIH4=\\x07");
  CHECK(visible("a\tb\rc") == "a\\tb\\rc");
  CHECK(visible(std::string("\0\x01\x7f", 3)) == "\\x00\\x01\\x7f");
  CHECK(visible("a\u0085b\u009b31m") == "a\\u{85}b\\u{9b}31m");  // C1: NEL, CSI
  CHECK(visible("a\u2028b\u2029") == "a\\u{2028}b\\u{2029}");
  CHECK(visible("x\u202Ey\u2066z") == "x\\u{202e}y\\u{2066}z");
}

TEST_CASE("visible shows each invalid byte as \\xHH") {
  CHECK(visible("UBND\x85X") == "UBND\\x85X");
  CHECK(visible("\xff\xfe") == "\\xff\\xfe");
  CHECK(visible("\xE1\x80z") == "\\xe1\\x80z");  // truncated sequence
}

TEST_CASE("visible with Lf::escape keeps a value on one line") {
  CHECK(visible("dir\nname.yaml", Lf::escape) == "dir\\nname.yaml");
  CHECK(visible("a\x1b", Lf::escape) == "a\\e");
}

TEST_CASE("visible is its own fixed point") {
  const std::string hostile = "a\x1b[31m\xff\u0085\u202E\t\r\n\u2028";
  CHECK(visible(visible(hostile)) == visible(hostile));
}

TEST_CASE("visible_lines: line breaks become the layout's own, tabs spaces") {
  CHECK(visible_lines("a\nb\r\nc\rd\u2028e\u2029f", "<br>") == "a<br>b<br>c<br>d<br>e<br>f");
  CHECK(visible_lines("a\tb", "<br>") == "a b");
  CHECK(visible_lines("# x\n| a | b |", "<br>") == "# x<br>| a | b |");
  CHECK(visible_lines("a\x1b[2Jb\n", " ") == "a\\e[2Jb ");
  CHECK(visible_lines("one\ntwo", "\n    ") == "one\n    two");
}

TEST_CASE("single_line: line breaks become one space, control characters escapes") {
  CHECK(single_line("UBND xã Bàu Cạn") == "UBND xã Bàu Cạn");
  CHECK(single_line("UBND xã\r\nBcc: all@example.vn") == "UBND xã Bcc: all@example.vn");
  CHECK(single_line("  a \t\t b\n") == "a b");
  CHECK(single_line("a\xe2\x80\xa8" "b\xe2\x80\xa9") == "a b");  // U+2028, U+2029
  CHECK(single_line("a\x7f" "b\x1b" "c") == "a\\x7fb\\ec");
  CHECK(single_line("a\xc2\x85" "b") == "a\\u{85}b");  // NEL is shown, not obeyed
  CHECK(single_line("\xc2\xa0") == "\xc2\xa0");  // a no-break space is text
  CHECK(single_line("").empty());
}

TEST_CASE("visible_character names one character as visible() shows it") {
  CHECK(visible_character(0x1B) == "\\e");
  CHECK(visible_character('\t') == "\\t");
  CHECK(visible_character('\n') == "\\n");
  CHECK(visible_character(0x07) == "\\x07");
  CHECK(visible_character(0x85) == "\\u{85}");
  CHECK(visible_character(0x202E) == "\\u{202e}");
  CHECK(visible_character(0x1EA1) == "\u1EA1");
}
