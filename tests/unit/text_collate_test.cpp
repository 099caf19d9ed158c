#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "inspectrack/text/collate.hpp"

using inspectrack::text::Collator;
using inspectrack::text::Lang;

namespace {

// Vietnamese unit names with Ă Â Đ Ê Ô Ơ Ư and the five tone marks, in the order of
// ICU's `vi` collator (checked with a separate program calling ucol_strcollUTF8, and
// by the alphabet: a ă â b c d đ e ê … o ô ơ … u ư; tones, in the order ngang,
// huyền, hỏi, ngã, sắc, nặng, decide only between names otherwise equal).
const std::vector<std::string> kVietnameseOrder = {
    "An Lão",          "Ăng Tơ",   "Ân Thi",                             // A Ă Â
    "Ba Vì",           "Bà Vì",    "Bả Vì",  "Bã Vì", "Bá Vì", "Bạ Vì",  // the tones
    "Dương Minh Châu", "Đồng Tâm", "Đức Cơ",                             // D Đ
    "Ea Kar",          "Êa Súp",                                         // E Ê
    "Ong Tre",         "Ô Môn",    "Ơ Rê",                               // O Ô Ơ
    "Tân Lập",                                                           // after Đồng Tâm, unlike bytes
    "Uông Bí",         "Ứng Hòa",                                        // U Ư
};

std::vector<std::string> shuffled(std::vector<std::string> names) {
  std::mt19937 random(17);
  std::shuffle(names.begin(), names.end(), random);
  return names;
}

}  // namespace

TEST_CASE("collate: Vietnamese names sort in the order of ICU's vi collator") {
  const Collator vi(Lang::vi);
  auto names = shuffled(kVietnameseOrder);
  REQUIRE(names != kVietnameseOrder);
  vi.sort(names);
  CHECK(names == kVietnameseOrder);

  // Bytes put every Đ, Ư and Ơ after Z: the order people must not see.
  auto bytewise = kVietnameseOrder;
  std::sort(bytewise.begin(), bytewise.end());
  CHECK(bytewise != kVietnameseOrder);
}

TEST_CASE("collate: sort keys order as compare() does") {
  const Collator vi(Lang::vi);
  for (std::size_t i = 0; i + 1 < kVietnameseOrder.size(); ++i) {
    const auto& a = kVietnameseOrder[i];
    const auto& b = kVietnameseOrder[i + 1];
    CHECK_MESSAGE(vi.compare(a, b) < 0, a << " < " << b);
    CHECK_MESSAGE(vi.compare(b, a) > 0, b << " > " << a);
    CHECK_MESSAGE(vi.sort_key(a) < vi.sort_key(b), a << " < " << b);
  }
  CHECK(vi.compare("Đồng Tâm", "Đồng Tâm") == 0);
  CHECK(vi.sort_key("") < vi.sort_key("a"));
}

TEST_CASE("collate: English uses the root collation: case and accents are secondary, Đ is a D") {
  // The order of ICU's root collator (checked as the Vietnamese list above).
  const Collator en(Lang::en);
  std::vector<std::string> names = {"cherry", "Éclair", "Banana", "apple", "eagle", "Đà Lạt", "Dover"};
  en.sort(names);
  CHECK(names == std::vector<std::string>{"apple", "Banana", "cherry", "Đà Lạt", "Dover", "eagle", "Éclair"});
  // Vietnamese: Đ is a letter of its own, after D.
  CHECK(Collator(Lang::vi).compare("Dover", "Đà Lạt") < 0);
}

TEST_CASE("collate: the order is total: texts ICU finds equal compare by bytes") {
  const Collator vi(Lang::vi);
  const std::string nfc = "\xC3\xA0";   // à
  const std::string nfd = "a\xCC\x80";  // a + combining grave
  CHECK(vi.compare(nfc, nfd) != 0);
  CHECK(vi.compare(nfc, nfd) == -vi.compare(nfd, nfc));
  // Not UTF-8: compared, not refused.
  CHECK(vi.compare("\xFF", "a") != 0);
  CHECK_FALSE(vi.sort_key("\xFF").empty());
}
