#pragma once
// The one gate every text passes before it is stored, whether it comes from a YAML
// file, an option or the environment: valid UTF-8, NFC, trimmed, and free of the
// characters that could drive a terminal, break a mail header or make text display
// in another order than it is stored. It says what is wrong and where; the caller
// phrases that for people, naming its field or option.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "inspectrack/text/message.hpp"

namespace inspectrack::text {

// What a field may hold besides printable text.
enum class Shape {
  one_line,    // names, people, numbers of documents: no control character at all
  multi_line,  // free text (a finding, an action, a note): line feeds and tabs too
};

enum class Problem {
  invalid_utf8,       // a byte that is not part of well-formed UTF-8
  line_break,         // one_line: LF, CR, TAB, U+2028 or U+2029
  control_character,  // any other C0 (CR in multi_line too), DEL, or C1 (U+0080–U+009F)
  line_separator,     // multi_line: U+2028 or U+2029, where only LF breaks a line
  bidi_control,       // U+202A–U+202E, U+2066–U+2069 (embeddings, overrides, isolates)
};

struct Refusal {
  Problem problem = Problem::invalid_utf8;
  std::size_t offset = 0;  // of the first offending byte, in the value as given
  char32_t code_point = 0;  // the character; for invalid_utf8 the byte itself
};

struct Admitted {
  std::string text;                // trimmed and NFC; "" when the value is only spaces
  std::optional<Refusal> refusal;  // the first problem; `text` is then ""
};

// Checks `value` for a field of `shape` and makes its stored form: leading and trailing
// spaces are trimmed (ASCII space, TAB, LF, CR and every Unicode space separator, such
// as U+00A0 and U+3000, so a value made only of them is empty: "missing" where the field
// is required), then the text is NFC-normalized. Refuses invalid UTF-8 anywhere in the
// value, and inside the trimmed text: for one_line any control character (TAB
// included), U+2028 and U+2029; for multi_line every control character but LF and
// TAB, and U+2028 and U+2029; for both, the bidirectional embeddings, overrides and
// isolates ("Trojan Source": they make text display in another order than it is
// stored).
Admitted admit(std::string_view value, Shape shape);

// What a refusal says is wrong, as the end of a sentence that names the value first
// ("'head' " or "--reason: "): "holds a control character (\e); remove it". The
// character is shown as visible() shows it.
Message refusal_reason(const Refusal& refusal);

// True for the characters admit() trims: ASCII space, TAB, LF, CR and Unicode space
// separators (general category Zs).
bool is_trimmed_space(char32_t c);

}  // namespace inspectrack::text
