#include <doctest/doctest.h>

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <ios>
#include <string>
#include <vector>

#include "inspectrack/text/utf8.hpp"

using inspectrack::text::count_code_points;
using inspectrack::text::display_width;
using inspectrack::text::find_invalid_utf8;
using inspectrack::text::nfc;
using inspectrack::text::nfc_stable;
using inspectrack::text::truncate_to_width;

namespace {

// "Bàu Cạn" typed with precomposed letters and with combining marks.
const std::string kNfc = "B\u00E0u C\u1EA1n";
const std::string kNfd = "Ba\u0300u Ca\u0323n";

}  // namespace

TEST_CASE("find_invalid_utf8 accepts well-formed text") {
  CHECK_FALSE(find_invalid_utf8("").has_value());
  CHECK_FALSE(find_invalid_utf8("plain ascii").has_value());
  CHECK_FALSE(find_invalid_utf8(kNfc).has_value());
  CHECK_FALSE(find_invalid_utf8(kNfd).has_value());
  CHECK_FALSE(find_invalid_utf8("\u4E2D\u6587").has_value());
  CHECK_FALSE(find_invalid_utf8("\U0001F600 \U0010FFFF").has_value());
  CHECK_FALSE(find_invalid_utf8(std::string("a\0b", 3)).has_value());
}

TEST_CASE("find_invalid_utf8 gives the offset of the first bad sequence") {
  SUBCASE("overlong two-byte NUL") { CHECK(find_invalid_utf8("ab\xC0\x80") == 2U); }
  SUBCASE("overlong three-byte form") { CHECK(find_invalid_utf8("\xE0\x80\xAF") == 0U); }
  SUBCASE("overlong four-byte form") { CHECK(find_invalid_utf8("x\xF0\x8F\xBF\xBF") == 1U); }
  SUBCASE("surrogate") { CHECK(find_invalid_utf8("ok \xED\xA0\x80") == 3U); }
  SUBCASE("truncated sequence at the end") { CHECK(find_invalid_utf8("abc\xE1\x80") == 3U); }
  SUBCASE("truncated sequence before ASCII") { CHECK(find_invalid_utf8("\xE1\x80z") == 0U); }
  SUBCASE("lead byte F5") { CHECK(find_invalid_utf8("a\xF5\x80\x80\x80") == 1U); }
  SUBCASE("above U+10FFFF") { CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == 0U); }
  SUBCASE("stray continuation byte") { CHECK(find_invalid_utf8("\xC3\xA0\x80") == 2U); }
  SUBCASE("Windows-1258 byte") { CHECK(find_invalid_utf8("x\xE0y") == 1U); }
}

TEST_CASE("count_code_points") {
  CHECK(count_code_points("") == 0);
  CHECK(count_code_points(kNfc) == 7);
  CHECK(count_code_points(kNfd) == 9);
  CHECK(count_code_points("\U0001F600") == 1);
  CHECK(count_code_points("a\xFF\xFE") == 3);
}

TEST_CASE("nfc composes decomposed Vietnamese") {
  CHECK(kNfd != kNfc);
  CHECK(nfc(kNfd) == kNfc);
  CHECK(nfc(kNfc) == kNfc);
  CHECK(nfc("") == "");
  SUBCASE("two marks on one letter: e + circumflex + dot below") {
    CHECK(nfc("e\u0302\u0323") == "\u1EC7");
    CHECK(nfc("e\u0323\u0302") == "\u1EC7");
  }
  SUBCASE("invalid input is returned unchanged") {
    const std::string bad = "a\u0300\xC0\x80";
    CHECK(nfc(bad) == bad);
  }
}

namespace {

void append_utf8(std::string& out, char32_t c) {
  utf8proc_uint8_t buf[4];
  const auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(c), buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

}  // namespace

TEST_CASE("nfc_stable: text that NFC leaves alone, recognised without normalizing") {
  CHECK(nfc_stable(""));
  CHECK(nfc_stable("UBND xã Bàu Cạn – Phòng Nội vụ “ủy ban”…"));
  CHECK(nfc_stable(kNfc));
  CHECK_FALSE(nfc_stable(kNfd));                // combining marks
  CHECK_FALSE(nfc_stable("\u2000"));            // EN QUAD: NFC makes it U+2002
  CHECK_FALSE(nfc_stable("\u212B"));            // ANGSTROM SIGN: NFC makes it Å
  CHECK_FALSE(nfc_stable("\u1100\u1161"));      // Hangul jamo compose
  CHECK_FALSE(nfc_stable("a\xC0\x80"));          // not UTF-8
  SUBCASE("every stable text is what utf8proc's NFC makes of it") {
    // Each character of the stable ranges alone and next to a sample of the others.
    std::vector<char32_t> stable;
    for (char32_t c = 1; c < 0x2060; ++c) {
      std::string one;
      append_utf8(one, c);
      if (nfc_stable(one)) stable.push_back(c);
    }
    CHECK(stable.size() > 1000);
    const auto utf8proc_nfc = [](const std::string& s) {
      utf8proc_uint8_t* out = nullptr;
      const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                  static_cast<utf8proc_ssize_t>(s.size()), &out,
                                  static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
      std::string result(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
      std::free(out);
      return result;
    };
    std::size_t checked = 0;
    for (std::size_t i = 0; i < stable.size(); ++i) {
      for (std::size_t j = i % 5; j < stable.size(); j += 5) {
        std::string s;
        append_utf8(s, stable[i]);
        append_utf8(s, stable[j]);
        if (utf8proc_nfc(s) != s) FAIL("not NFC: " << static_cast<unsigned>(stable[i]) << ", " << static_cast<unsigned>(stable[j]));
        ++checked;
      }
    }
    CHECK(checked > 200'000);
  }
}

TEST_CASE("display_width") {
  CHECK(display_width("") == 0);
  CHECK(display_width("abc") == 3);
  SUBCASE("Vietnamese takes one column per letter in NFC and NFD") {
    CHECK(display_width("UBND x\u00E3 B\u00E0u C\u1EA1n") == 15);
    CHECK(display_width("UBND xa\u0303 Ba\u0300u Ca\u0323n") == 15);
    CHECK(display_width(kNfc) == display_width(kNfd));
  }
  SUBCASE("East Asian wide characters take two columns") {
    CHECK(display_width("\u4E2D") == 2);
    CHECK(display_width("a\u4E2D\u6587b") == 6);
  }
  SUBCASE("control characters take none") {
    CHECK(display_width("a\tb\n") == 2);
    CHECK(display_width("\x1b") == 0);
  }
  SUBCASE("an invalid byte takes one column") { CHECK(display_width("a\xFF") == 2); }
}

namespace {

std::string utf8_of(char32_t cp) {
  std::string out;
  const auto add = [&](unsigned v) { out += static_cast<char>(v); };
  if (cp < 0x80U) {
    add(cp);
  } else if (cp < 0x800U) {
    add(0xC0U | (cp >> 6));
    add(0x80U | (cp & 0x3FU));
  } else if (cp < 0x10000U) {
    add(0xE0U | (cp >> 12));
    add(0x80U | ((cp >> 6) & 0x3FU));
    add(0x80U | (cp & 0x3FU));
  } else {
    add(0xF0U | (cp >> 18));
    add(0x80U | ((cp >> 12) & 0x3FU));
    add(0x80U | ((cp >> 6) & 0x3FU));
    add(0x80U | (cp & 0x3FU));
  }
  return out;
}

// The rule display_width implements, asked of utf8proc directly.
std::size_t reference_width(char32_t cp) {
  const auto c = static_cast<utf8proc_int32_t>(cp);
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
      return 0;
    default:
      return static_cast<std::size_t>(std::max(utf8proc_charwidth(c), 0));
  }
}

}  // namespace

TEST_CASE("display_width: the ASCII and cached fast paths give utf8proc's widths") {
  // Twice each: the first asks utf8proc and fills the cache, the second reads it.
  for (int pass = 0; pass < 2; ++pass) {
    for (char32_t cp = 0; cp < 0x3000; ++cp) {
      if (cp >= 0xD800 && cp < 0xE000) continue;  // surrogates are not UTF-8
      INFO("U+" << std::hex << static_cast<unsigned>(cp));
      REQUIRE(display_width(utf8_of(cp)) == reference_width(cp));
    }
  }
  CHECK(display_width(utf8_of(0x1F600)) == reference_width(0x1F600));  // beyond the cache
}

TEST_CASE("truncate_to_width") {
  CHECK(truncate_to_width("abcdef", 3) == "abc");
  CHECK(truncate_to_width("abc", 3) == "abc");
  CHECK(truncate_to_width("abc", 10) == "abc");
  CHECK(truncate_to_width("abc", 0) == "");
  SUBCASE("combining marks stay with their base") {
    CHECK(truncate_to_width(kNfd, 2) == "Ba\u0300");
    CHECK(truncate_to_width(kNfd, 1) == "B");
    CHECK(truncate_to_width("e\u0302\u0323x", 1) == "e\u0302\u0323");
    CHECK(truncate_to_width(kNfd, 7) == kNfd);
    CHECK(truncate_to_width(kNfd, 6) == "Ba\u0300u Ca\u0323");
  }
  SUBCASE("a wide character is not split") {
    CHECK(truncate_to_width("a\u4E2D", 2) == "a");
    CHECK(truncate_to_width("a\u4E2D", 3) == "a\u4E2D");
  }
  SUBCASE("multi-byte characters are kept whole") {
    CHECK(truncate_to_width(kNfc, 2) == "B\u00E0");
  }
}

TEST_CASE("has_lowercase finds a letter with an upper-case form, Vietnamese ones too") {
  CHECK_FALSE(inspectrack::text::has_lowercase("ỦY BAN NHÂN DÂN\nHUYỆN CHƯ PRÔNG"));
  CHECK_FALSE(inspectrack::text::has_lowercase("UBND-NV 2021 & (B/C)"));
  CHECK(inspectrack::text::has_lowercase("Phòng Nội vụ"));
  CHECK(inspectrack::text::has_lowercase("PHÒNG NỘI Vụ"));
  CHECK(inspectrack::text::has_lowercase("đ"));
  CHECK_FALSE(inspectrack::text::has_lowercase("\xff"));
}

TEST_CASE("uppercase raises Vietnamese letters, đ included") {
  CHECK(inspectrack::text::uppercase("Phòng Nội vụ huyện Chư Prông") == "PHÒNG NỘI VỤ HUYỆN CHƯ PRÔNG");
  CHECK(inspectrack::text::uppercase("đ (b/c)") == "Đ (B/C)");
}

TEST_CASE("lowercase folds Vietnamese capitals") {
  CHECK(inspectrack::text::lowercase("NGÀY LÀM VIỆC") == "ngày làm việc");
  CHECK(inspectrack::text::lowercase("Đoàn Kiểm Tra") == "đoàn kiểm tra");
  CHECK(inspectrack::text::lowercase("abc\xff") == "abc\xff");
}

TEST_CASE("has_line_breaking finds control characters and line separators") {
  using inspectrack::text::has_line_breaking;
  CHECK_FALSE(has_line_breaking("UBND xã Bàu Cạn – Ngày 1/7"));
  CHECK(has_line_breaking("a\nb"));
  CHECK(has_line_breaking("a\rb"));
  CHECK(has_line_breaking("a\tb"));
  CHECK(has_line_breaking("a\xc2\x85"));
  CHECK(has_line_breaking("\xe2\x80\xa8"));
  CHECK_FALSE(has_line_breaking("\xe2\x80\xa7"));  // U+2027 HYPHENATION POINT
  CHECK_FALSE(has_line_breaking("\xc2\xa0"));       // a no-break space is text
}
