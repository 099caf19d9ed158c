#pragma once
// Text made safe to show to people. Whatever a database written by hand or an old
// version holds, nothing shown on a terminal, in a mail or in a markdown file may
// drive the terminal (an escape sequence retitling it, clearing it or writing the
// clipboard), hide text or reorder it: such characters are shown as escapes instead.
// Machine formats (JSON, CSV) keep exact values and escape them their own way.

#include <string>
#include <string_view>

namespace inspectrack::text {

// Whether visible() keeps line feeds (text shown on several lines) or escapes them
// (a value that must stay on one line, such as a file name stored with a record).
enum class Lf { keep, escape };

// `s` with every character that could act on a terminal or hide from the reader
// written as an escape: ESC as \e, TAB \t, CR \r, LF \n (only with Lf::escape), other
// C0 controls and DEL as \xHH (\x07), C1 controls (U+0080–U+009F), U+2028, U+2029
// and the bidirectional controls U+202A–U+202E and U+2066–U+2069 as \u{HH} (\u{85},
// \u{202e}), and each byte that is not part of valid UTF-8 as \xHH (\xff). Everything
// else is copied as it is, backslashes included: values in messages are quoted, and
// the exact value is in the JSON output.
std::string visible(std::string_view s, Lf lf = Lf::keep);

// For a layout that draws line breaks itself (a table cell, a markdown cell, a value
// lined up under its heading): each line break (LF, CR LF, a lone CR, U+2028, U+2029)
// becomes `line_break`, each TAB a space, and everything else is as visible() shows it.
std::string visible_lines(std::string_view s, std::string_view line_break);

// `s` on one line, for names in mail headers and subjects: visible_lines(s, " ") with
// each run of spaces made one and the ends trimmed.
std::string single_line(std::string_view s);

// How visible() shows the character `c`, for a message that names one: "\e", "\t",
// "\x07", "\u{85}", "\u{202e}"; any other character as itself (UTF-8).
std::string visible_character(char32_t c);

}  // namespace inspectrack::text
