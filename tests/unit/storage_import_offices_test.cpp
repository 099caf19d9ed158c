// The offices an import writes (src/storage/import_offices.cpp), through the Store API.
#include <doctest/doctest.h>

#include "import_plan.hpp"
#include "inspectrack/error.hpp"
#include "storage_import_support.hpp"

using namespace test_support;
using inspectrack::model::Office;
using inspectrack::model::SigningAuthority;

namespace {

Office noi_vu() {
  Office o;
  o.key = "noi-vu";
  o.parent_body = "UBND HUYỆN";
  o.body = "PHÒNG NỘI VỤ";
  o.place = "Chư Prông";
  o.report_symbol = "BC-NV";
  o.letter_symbol = "NV";
  o.signing.title = "TRƯỞNG PHÒNG";
  o.recipients = {"Sở Nội vụ (b/c)", "UBND các xã, thị trấn"};
  o.archive = "VT, NV";
  o.unit = "huyen";
  return o;
}

}  // namespace

TEST_CASE("an office is added, read back whole, left unchanged, then updated field by field") {
  auto store = memory_store();
  auto plan = small_plan();
  plan.offices = {noi_vu()};
  auto first = import_plan(*store, plan, at("2021-07-20T08:00:00Z"));
  CHECK(change_of(first, "office", "noi-vu").kind == Change::Kind::added);
  CHECK(history(*store, "office", "noi-vu") == std::vector<std::string>{"import :  -> PHÒNG NỘI VỤ"});
  CHECK(store->offices() == plan.offices);

  auto again = import_plan(*store, plan, at("2021-07-21T08:00:00Z"));
  CHECK(change_of(again, "office", "noi-vu").kind == Change::Kind::unchanged);

  Office& o = plan.offices[0];
  o.body = "ỦY BAN NHÂN DÂN\nHUYỆN CHƯ PRÔNG";
  o.signing = {SigningAuthority::kt, "CHỦ TỊCH", "", "PHÓ CHỦ TỊCH", "Nguyễn Văn A"};
  o.recipients.pop_back();
  o.unit.reset();
  auto edited = import_plan(*store, plan, at("2021-07-22T08:00:00Z"));
  const Change c = change_of(edited, "office", "noi-vu");
  CHECK(c.kind == Change::Kind::changed);
  CHECK(c.fields == std::vector<std::string>{"body", "authority", "on_behalf_of", "title", "signer",
                                             "recipients", "unit"});
  CHECK(history(*store, "office", "noi-vu").at(2) == "update authority:  -> KT.");
  CHECK(store->offices() == plan.offices);
}

TEST_CASE("offices are read by key, each authority as printed") {
  auto store = memory_store();
  auto plan = small_plan();
  for (const auto a : {SigningAuthority::q, SigningAuthority::tm, SigningAuthority::tuq}) {
    Office o = noi_vu();
    o.key = "o-" + std::to_string(static_cast<int>(a));
    o.signing.authority = a;
    o.recipients.clear();
    plan.offices.insert(plan.offices.begin(), o);
  }
  import_plan(*store, plan, at("2021-07-20T08:00:00Z"));
  const auto read = store->offices();
  REQUIRE(read.size() == 3);
  CHECK(read[0].key == "o-1");
  CHECK(read[0].signing.authority == SigningAuthority::tm);
  CHECK(read[1].signing.authority == SigningAuthority::tuq);
  CHECK(read[2].signing.authority == SigningAuthority::q);
  CHECK(read[2].recipients.empty());
}

TEST_CASE("an office whose unit is not registered is refused and nothing is written") {
  auto store = memory_store();
  auto plan = small_plan();
  plan.offices = {noi_vu()};
  plan.offices[0].unit = "tinh";
  CHECK_THROWS_AS(import_plan(*store, plan, at("2021-07-20T08:00:00Z")), inspectrack::StorageError);
  CHECK(store->offices().empty());
  CHECK(store->units().empty());
}
