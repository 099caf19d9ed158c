#pragma once
// The language of messages, headings and table dates (text::translate, from the
// catalog src/text/po/vi.po). Data is never translated.

#include <optional>
#include <string>
#include <string_view>

namespace inspectrack::text {

enum class Lang { en, vi };

// "vi"/"en" (case-insensitive); nullopt for anything else.
std::optional<Lang> parse_lang(std::string_view s);

// The language a POSIX locale value asks for: "vi*" is Vietnamese, anything
// else (including empty, "C", "POSIX") is English.
Lang lang_from_locale(std::string_view locale_value);

// Resolves LC_ALL, then LC_MESSAGES, then LANG, as setlocale(3) does: the first
// non-empty one wins. The values are passed in so that nothing here reads the
// environment.
Lang lang_from_environment(const char* lc_all, const char* lc_messages, const char* lang);

}  // namespace inspectrack::text
