#include <doctest/doctest.h>

#include "inspectrack/model/office.hpp"

using namespace inspectrack::model;

TEST_CASE("signing authorities are printed as Nghị định 30/2020 writes them, and read back") {
  CHECK(to_string(SigningAuthority::none) == "");
  CHECK(to_string(SigningAuthority::tm) == "TM.");
  CHECK(to_string(SigningAuthority::kt) == "KT.");
  CHECK(to_string(SigningAuthority::tl) == "TL.");
  CHECK(to_string(SigningAuthority::tuq) == "TUQ.");
  CHECK(to_string(SigningAuthority::q) == "Q.");
  for (const auto a : {SigningAuthority::tm, SigningAuthority::kt, SigningAuthority::tl,
                       SigningAuthority::tuq, SigningAuthority::q}) {
    CHECK(parse_signing_authority(to_string(a)) == a);
  }
}

TEST_CASE("a signing authority is read in any case, with or without its dot") {
  CHECK(parse_signing_authority("kt") == SigningAuthority::kt);
  CHECK(parse_signing_authority("Tm.") == SigningAuthority::tm);
  CHECK(parse_signing_authority("TUQ") == SigningAuthority::tuq);
  CHECK(parse_signing_authority("none") == SigningAuthority::none);
  CHECK(parse_signing_authority("None") == SigningAuthority::none);
  CHECK(parse_signing_authority("") == SigningAuthority::none);
}

TEST_CASE("an unknown signing authority is not guessed") {
  CHECK_FALSE(parse_signing_authority("KT.."));
  CHECK_FALSE(parse_signing_authority("T.M."));
  CHECK_FALSE(parse_signing_authority("thay mặt"));
  CHECK_FALSE(parse_signing_authority("."));
}

TEST_CASE("offices are equal only when every field is") {
  Office a;
  a.key = "chu-prong.noi-vu";
  a.body = "PHÒNG NỘI VỤ";
  a.recipients = {"Sở Nội vụ tỉnh Gia Lai (b/c)"};
  Office b = a;
  CHECK(a == b);
  b.signing.name = "Nguyễn Văn A";
  CHECK_FALSE(a == b);
}
