// The `office:` document (src/import/office_document.cpp): the office that issues
// documents, every field's rule and each error at its line and column.
#include <doctest/doctest.h>

#include <string>

#include "import_test_support.hpp"
#include "inspectrack/import/document.hpp"
#include "inspectrack/model/office.hpp"

using import_test::parse;
using inspectrack::import::Diagnostics;
using inspectrack::import::DocumentKind;
using inspectrack::model::Office;
using inspectrack::model::SigningAuthority;

namespace {

// Lines 1–6 of the office files below; `signing:` is line 7, its fields from line 8.
const std::string kHead =
    "office:\n"
    "  key: chu-prong.noi-vu\n"
    "  body: PHÒNG NỘI VỤ\n"
    "  place: Chư Prông\n"
    "  archive: VT, NV\n"
    "  symbols: {report: BC-NV, letter: NV}\n"
    "  signing:\n";

// kHead with a plain signing (line 8), then `rest` from line 9.
std::string office_with(const std::string& rest) { return kHead + "    title: TRƯỞNG PHÒNG\n" + rest; }

}  // namespace

TEST_CASE("an office document parses into an Office") {
  Diagnostics diags;
  const auto doc = parse(
      "office:\n"
      "  key: chu-prong.ubnd\n"
      "  parent_body: \"\"\n"
      "  body: \"ỦY BAN NHÂN DÂN\\nHUYỆN CHƯ PRÔNG\"\n"
      "  place: Chư Prông\n"
      "  symbols: {report: BC-UBND, letter: UBND-NV}\n"
      "  signing:\n"
      "    authority: tm\n"
      "    on_behalf_of: ỦY BAN NHÂN DÂN\n"
      "    deputy_for: CHỦ TỊCH\n"
      "    title: PHÓ CHỦ TỊCH\n"
      "    name: Nguyễn Văn A\n"
      "  recipients:\n"
      "    - Sở Nội vụ tỉnh Gia Lai (b/c)\n"
      "    - UBND các xã, thị trấn\n"
      "  archive: VT, NV\n"
      "  unit: chu-prong\n",
      diags, inspectrack::text::Lang::en, "ubnd.yaml");
  INFO(import_test::dump(diags));
  CHECK(diags.empty());
  REQUIRE(doc.has_value());
  CHECK(doc->kind == DocumentKind::office);
  REQUIRE(doc->office.has_value());
  CHECK(doc->office->pos.line == 2);
  REQUIRE(doc->office->unit.has_value());
  CHECK(doc->office->unit->pos.line == 17);
  const Office& o = doc->office->office;
  CHECK(o.key == "chu-prong.ubnd");
  CHECK(o.parent_body == "");
  CHECK(o.body == "ỦY BAN NHÂN DÂN\nHUYỆN CHƯ PRÔNG");
  CHECK(o.place == "Chư Prông");
  CHECK(o.report_symbol == "BC-UBND");
  CHECK(o.letter_symbol == "UBND-NV");
  CHECK(o.signing.authority == SigningAuthority::tm);
  CHECK(o.signing.on_behalf_of == "ỦY BAN NHÂN DÂN");
  CHECK(o.signing.deputy_for == "CHỦ TỊCH");
  CHECK(o.signing.title == "PHÓ CHỦ TỊCH");
  CHECK(o.signing.name == "Nguyễn Văn A");
  CHECK(o.recipients == std::vector<std::string>{"Sở Nội vụ tỉnh Gia Lai (b/c)", "UBND các xã, thị trấn"});
  CHECK(o.archive == "VT, NV");
  CHECK(o.unit == "chu-prong");
}

TEST_CASE("an office's texts are NFC, and the head signing in person needs no authority") {
  Diagnostics diags;
  // "PHÒNG" with the grave accent as a combining mark (NFD).
  const auto doc = parse(office_with("  recipients: []\n"), diags);
  INFO(import_test::dump(diags));
  CHECK(diags.empty());
  REQUIRE(doc->office.has_value());
  CHECK(doc->office->office.signing.authority == SigningAuthority::none);
  CHECK(doc->office->office.recipients.empty());
  CHECK_FALSE(doc->office->office.unit.has_value());

  Diagnostics nfd;
  const auto decomposed = parse(
      "office:\n  key: k\n  body: PHO\xcc\x80NG\n  place: P\n  archive: VT\n  symbols: {report: BC, letter: "
      "L}\n  signing: {title: T}\n",
      nfd);
  CHECK(nfd.empty());
  CHECK(decomposed->office->office.body == "PHÒNG");
}

TEST_CASE("office errors, each at its line and column") {
  Diagnostics diags;
  SUBCASE("an unknown key, with the nearest") {
    parse(office_with("  recipient: []\n"), diags);
    CHECK_ONLY_ERROR(diags, 9, 3, "unknown key 'recipient' in the office; did you mean 'recipients'?");
  }
  SUBCASE("a missing required field") {
    parse(
        "office:\n  key: k\n  body: B\n  archive: VT\n  symbols: {report: BC, letter: L}\n  signing: {title: "
        "T}\n",
        diags);
    CHECK_ONLY_ERROR(diags, 2, 3, "missing 'place' in the office; add place: …");
  }
  SUBCASE("a missing symbol") {
    parse(
        "office:\n  key: k\n  body: B\n  place: P\n  archive: VT\n  symbols: {report: BC}\n  signing: "
        "{title: "
        "T}\n",
        diags);
    CHECK_ONLY_ERROR(diags, 6, 12, "missing 'letter' in 'symbols'; add letter: …");
  }
  SUBCASE("an authority not in the list, with the choices") {
    parse(kHead + "    authority: thay mặt\n    title: T\n", diags);
    CHECK_ONLY_ERROR(diags, 8, 16,
                     "unknown signing authority 'thay mặt'; expected TM., KT., TL., TUQ., Q. or none");
  }
  SUBCASE("a lower-case body, with the same in capitals") {
    parse(
        "office:\n  key: k\n  body: Phòng Nội vụ\n  place: P\n  archive: VT\n  symbols: {report: BC, "
        "letter: L}\n  signing: {title: T}\n",
        diags);
    CHECK_ONLY_ERROR(diags, 3, 9,
                     "'body' is printed upper case (Decree 30/2020/ND-CP, Appendix I); "
                     "write it in capitals: 'PHÒNG NỘI VỤ'");
  }
  SUBCASE("a lower-case title") {
    parse(kHead + "    title: Trưởng phòng\n", diags);
    CHECK_ONLY_ERROR(diags, 8, 12, "'title' is printed upper case");
  }
  SUBCASE("a lower-case parent body") {
    parse(office_with("  parent_body: UBND huyện Chư Prông\n"), diags);
    CHECK_ONLY_ERROR(diags, 9, 16, "write it in capitals: 'UBND HUYỆN CHƯ PRÔNG'");
  }
  SUBCASE("a symbol with other characters") {
    parse(
        "office:\n  key: k\n  body: B\n  place: P\n  archive: VT\n  symbols: {report: bc/nv, letter: L}\n"
        "  signing: {title: T}\n",
        diags);
    CHECK_ONLY_ERROR(diags, 6, 21, "'bc/nv' is not a document symbol");
  }
  SUBCASE("a symbol may hold Vietnamese capitals, '&' and '.'") {
    parse(
        "office:\n  key: k\n  body: B\n  place: P\n  archive: VT\n  symbols: {report: QĐ-UBND, letter: "
        "TC&KH.2}\n  signing: {title: T}\n",
        diags);
    CHECK(diags.empty());
  }
  SUBCASE("KT. without on_behalf_of") {
    parse(kHead + "    authority: KT.\n    title: PHÓ TRƯỞNG PHÒNG\n", diags);
    CHECK_ONLY_ERROR(diags, 8, 5, "missing 'on_behalf_of' in 'signing'; KT. signs for someone");
  }
  SUBCASE("on_behalf_of with Q.") {
    parse(kHead + "    authority: Q.\n    on_behalf_of: TRƯỞNG PHÒNG\n    title: PHÓ TRƯỞNG PHÒNG\n", diags);
    CHECK_ONLY_ERROR(diags, 9, 19, "'on_behalf_of' does not go with authority Q.");
  }
  SUBCASE("on_behalf_of with none") {
    parse(kHead + "    on_behalf_of: TRƯỞNG PHÒNG\n    title: T\n", diags);
    CHECK_ONLY_ERROR(diags, 8, 19, "'on_behalf_of' does not go with authority none");
  }
  SUBCASE("deputy_for without TM.") {
    parse(kHead + "    authority: KT.\n    on_behalf_of: CHỦ TỊCH\n    deputy_for: CHỦ TỊCH\n    title: T\n",
          diags);
    CHECK_ONLY_ERROR(diags, 10, 17, "'deputy_for' goes only with authority TM.");
  }
  SUBCASE("a recipient written with its dash and semicolon") {
    parse(office_with("  recipients:\n    - Sở Nội vụ\n    - \"- UBND xã;\"\n"), diags);
    CHECK_ONLY_ERROR(diags, 11, 7, "write a recipient without the leading '- ' and the ending ';'");
  }
  SUBCASE("the archive written with 'Lưu:'") {
    parse(
        "office:\n  key: k\n  body: B\n  place: P\n  archive: \"Lưu: VT, NV.\"\n  symbols: {report: BC, "
        "letter: L}\n  signing: {title: T}\n",
        diags);
    CHECK_ONLY_ERROR(diags, 5, 12, "without the word before it and the final '.'");
  }
  SUBCASE("a place with a line break") {
    parse(
        "office:\n  key: k\n  body: B\n  place: \"Chư\\nPrông\"\n  archive: VT\n  symbols: {report: BC, "
        "letter: L}\n  signing: {title: T}\n",
        diags);
    CHECK(diags.size() == 1);
    CHECK(import_test::has_error(diags, 4, 10, "'place'"));
  }
  SUBCASE("an office with another kind in its file") {
    parse(office_with("units: []\n"), diags);
    CHECK_ONLY_ERROR(diags, 9, 1, "an office goes in a file of its own; move 'units' to another file");
  }
}
