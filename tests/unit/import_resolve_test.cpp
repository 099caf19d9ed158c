#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "import_test_support.hpp"
#include "inspectrack/import/resolve.hpp"

using import_test::kChuProng;
using inspectrack::import::Diagnostics;
using inspectrack::import::Document;
using inspectrack::import::ImportPlan;
using inspectrack::import::load_document;
using inspectrack::import::resolve;
using inspectrack::import::Definitions;
using inspectrack::import::InspectionPlan;
using inspectrack::import::Scope;
using inspectrack::import::Step;
using inspectrack::import::StreamResolver;
using inspectrack::model::Date;
using inspectrack::model::Task;
using inspectrack::model::Unit;
using inspectrack::model::UnitKind;
using inspectrack::text::Lang;

namespace {

Date ymd(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

Unit unit(std::string key, std::string name, UnitKind kind, std::string parent = "") {
  Unit u;
  u.key = std::move(key);
  u.name = std::move(name);
  u.kind = kind;
  if (!parent.empty()) u.parent = std::move(parent);
  return u;
}

// The units of Chư Prông already in the database beyond the five the example
// defines, and a neighbouring district whose communes a fan-out must not reach.
std::vector<Unit> registered() {
  return {
      unit("chu-prong", "UBND huyện Chư Prông", UnitKind::district),
      unit("ia-drang", "UBND xã Ia Drang", UnitKind::commune, "chu-prong"),
      unit("thi-tran-chu-prong", "UBND thị trấn Chư Prông", UnitKind::town, "chu-prong"),
      unit("ia-phin", "UBND xã Ia Phìn", UnitKind::commune, "chu-prong"),
      unit("tai-chinh", "Phòng Tài chính - Kế hoạch", UnitKind::department, "chu-prong"),
      unit("chu-se", "UBND huyện Chư Sê", UnitKind::district),
      unit("ia-blang", "UBND xã Ia Blang", UnitKind::commune, "chu-se"),
  };
}

// Each (path, text) parsed through the real loader, then resolved together.
std::optional<ImportPlan> resolve_texts(
    const std::vector<std::pair<std::string, std::string>>& files, const std::vector<Unit>& known,
    Diagnostics& diags, Lang lang = Lang::en) {
  std::vector<Document> docs;
  for (const auto& [path, text] : files) {
    auto doc = import_test::parse(text, diags, lang, path);
    REQUIRE(doc.has_value());
    docs.push_back(std::move(*doc));
  }
  INFO(import_test::dump(diags));
  REQUIRE(diags.empty());
  return resolve(docs, import_test::context(known), diags);
}

std::optional<ImportPlan> resolve_one(const std::string& text, const std::vector<Unit>& known,
                                      Diagnostics& diags) {
  return resolve_texts({{"test.yaml", text}}, known, diags);
}

std::vector<std::string> assignees_of(const ImportPlan& plan, const std::string& task) {
  std::vector<std::string> out;
  for (const Task& t : plan.inspections.at(0).tasks) {
    if (t.key == task) out.push_back(t.assignee);
  }
  return out;
}

const Task& first_task(const ImportPlan& plan, const std::string& key) {
  const auto& tasks = plan.inspections.at(0).tasks;
  const auto it =
      std::find_if(tasks.begin(), tasks.end(), [&](const Task& t) { return t.key == key; });
  REQUIRE(it != tasks.end());
  return *it;
}

std::vector<std::string> keys_of(const std::vector<Unit>& units) {
  std::vector<std::string> out;
  for (const Unit& u : units) out.push_back(u.key);
  return out;
}

// Lines 1–7: an inspection scoped to district d, with communes c1 and c2.
const std::string kBase =
    "inspection: {key: k, title: T, scope: d, to: 1/7/2021}\n"
    "units:\n"
    "  - {key: d, name: Huyện D, kind: district}\n"
    "  - {key: c1, name: Xã Một, kind: commune, parent: d}\n"
    "  - {key: c2, name: Xã Hai, kind: commune, parent: d}\n"
    "findings:\n"
    "  - {key: f, unit: c1, text: T}\n";

// kBase plus one task whose assignees start on line 11, column 16.
std::string with_assignees(const std::string& assignees) {
  return kBase + "tasks:\n  - key: t\n    action: A\n    assignees: " + assignees +
         "\n    due: none\n";
}

}  // namespace

TEST_CASE("the Chư Prông example resolves to the expected tasks") {
  Diagnostics diags;
  const auto plan =
      resolve_texts({{"chu-prong-2021.yaml", std::string(kChuProng)}}, registered(), diags);
  INFO(import_test::dump(diags));
  REQUIRE(plan.has_value());
  CHECK(keys_of(plan->units) ==
        std::vector<std::string>{"chu-prong", "noi-vu", "bau-can", "binh-giao", "ia-me"});
  REQUIRE(plan->inspections.size() == 1);
  const auto& insp = plan->inspections[0];
  CHECK(insp.source == "chu-prong-2021.yaml");
  CHECK(insp.inspection.key == "gia-lai-cchc-2021-chu-prong");
  CHECK(insp.findings.size() == 2);

  CHECK(assignees_of(*plan, "bao-cao-khac-phuc") ==
        std::vector<std::string>{"bau-can", "binh-giao", "ia-me"});
  for (const Task& t : insp.tasks) {
    if (t.key != "bao-cao-khac-phuc") continue;
    CHECK(t.inspection == "gia-lai-cchc-2021-chu-prong");
    CHECK(t.last_day == ymd(2021, 7, 21));
    CHECK(t.report_to == std::optional<std::string>("noi-vu"));
    CHECK(t.findings == std::vector<std::string>{"mot-cua-dien-tu", "niem-yet"});
    CHECK(t.due.text == "before: 22/7/2021");
    CHECK(t.action ==
          "Xây dựng kế hoạch khắc phục; kiểm điểm trách nhiệm; báo cáo kết quả khắc phục");
  }

  // Every registered commune or town under chu-prong, except the three, in key order;
  // Ia Blang lies in another district.
  CHECK(assignees_of(*plan, "tu-kiem-tra") ==
        std::vector<std::string>{"ia-drang", "ia-phin", "thi-tran-chu-prong"});
  CHECK(first_task(*plan, "tu-kiem-tra").last_day == ymd(2021, 7, 24));

  CHECK(assignees_of(*plan, "quy-che-lam-viec") ==
        std::vector<std::string>{"bau-can", "binh-giao", "ia-drang", "ia-me", "ia-phin",
                                 "thi-tran-chu-prong"});
  CHECK_FALSE(first_task(*plan, "quy-che-lam-viec").last_day.has_value());
  CHECK(first_task(*plan, "quy-che-lam-viec").due.form == inspectrack::model::Due::Form::none);

  CHECK(assignees_of(*plan, "ket-thuc-ho-so") == std::vector<std::string>{"chu-prong"});
  const Task& ket_thuc = first_task(*plan, "ket-thuc-ho-so");
  CHECK(ket_thuc.findings == std::vector<std::string>{"mot-cua-dien-tu"});
  CHECK(ket_thuc.last_day == ymd(2021, 7, 31));
  CHECK_FALSE(ket_thuc.report_to.has_value());
  CHECK(insp.tasks.size() == 3 + 3 + 6 + 1);
}

TEST_CASE("units come parents first") {
  Diagnostics diags;
  const auto plan = resolve_one(
      "units:\n  - {key: xa, name: Xã, kind: commune, parent: huyen}\n"
      "  - {key: huyen, name: Huyện, kind: district, parent: tinh}\n"
      "  - {key: tinh, name: Tỉnh, kind: province}\n"
      "  - {key: phong, name: Phòng, kind: department, parent: huyen}\n",
      {}, diags);
  REQUIRE(plan.has_value());
  CHECK(keys_of(plan->units) == std::vector<std::string>{"tinh", "huyen", "xa", "phong"});
  CHECK(plan->inspections.empty());
}

TEST_CASE("units in a file override registered ones") {
  Diagnostics diags;
  const auto plan = resolve_one(
      "units:\n  - {key: ia-phin, name: UBND xã Ia Phìn mới, kind: commune, parent: chu-se}\n",
      registered(), diags);
  REQUIRE(plan.has_value());
  REQUIRE(plan->units.size() == 1);
  CHECK(plan->units[0].name == "UBND xã Ia Phìn mới");
  CHECK(plan->units[0].parent == std::optional<std::string>("chu-se"));

  // The edit counts for fan-outs in the same call: ia-phin has moved to Chư Sê.
  Diagnostics more;
  const auto moved = resolve_texts(
      {{"units.yaml", "units:\n  - {key: ia-phin, name: Ia Phìn, kind: commune, parent: chu-se}\n"},
       {"visit.yaml",
        "inspection: {key: k, title: T, scope: chu-se}\ntasks:\n"
        "  - {key: t, action: A, assignees: {kind: commune}, due: none}\n"}},
      registered(), more);
  REQUIRE(moved.has_value());
  CHECK(assignees_of(*moved, "t") == std::vector<std::string>{"ia-blang", "ia-phin"});
}

TEST_CASE("the same unit in two files") {
  Diagnostics diags;
  SUBCASE("with the same content is fine") {
    const auto plan =
        resolve_texts({{"a.yaml", "units:\n  - {key: d, name: D, kind: district}\n"},
                       {"b.yaml", "# again\nunits:\n  - {key: d, name: D, kind: district}\n"}},
                      {}, diags);
    REQUIRE(plan.has_value());
    CHECK(plan->units.size() == 1);
  }
  SUBCASE("with different content is an error at the second") {
    const auto plan =
        resolve_texts({{"a.yaml", "units:\n  - {key: d, name: D, kind: district}\n"},
                       {"b.yaml", "# again\nunits:\n  - {key: d, name: D, kind: town}\n"}},
                      {}, diags);
    CHECK_FALSE(plan.has_value());
    CHECK_ONLY_ERROR(diags, 3, 5, "unit 'd' is defined differently in 'a.yaml' (line 2)");
    CHECK(diags.list()[0].where.file == "b.yaml");
  }
}

TEST_CASE("the same inspection in two files is an error at the second") {
  Diagnostics diags;
  const auto plan = resolve_texts({{"a.yaml", "inspection: {key: k, title: T}\n"},
                                   {"b.yaml", "\ninspection:\n  key: k\n  title: U\n"}},
                                  {}, diags);
  CHECK_FALSE(plan.has_value());
  CHECK_ONLY_ERROR(diags, 3, 3, "inspection 'k' is also defined in 'a.yaml' (line 1)");
  CHECK(diags.list()[0].where.file == "b.yaml");
}

TEST_CASE("parent cycles") {
  Diagnostics diags;
  SUBCASE("within a file") {
    const auto plan = resolve_one(
        "units:\n  - {key: a, name: A, kind: district, parent: b}\n"
        "  - {key: b, name: B, kind: district, parent: a}\n",
        {}, diags);
    CHECK_FALSE(plan.has_value());
    CHECK_ONLY_ERROR(diags, 2, 47, "unit 'a' is its own ancestor (a → b → a); fix its parent");
  }
  SUBCASE("its own parent") {
    resolve_one("units:\n  - {key: a, name: A, kind: district, parent: a}\n", {}, diags);
    CHECK_ONLY_ERROR(diags, 2, 47, "unit 'a' is its own ancestor (a → a)");
  }
  SUBCASE("through a registered unit") {
    resolve_one(
        "units:\n  - {key: chu-prong, name: UBND huyện Chư Prông, kind: district, parent: "
        "ia-drang}\n",
        registered(), diags);
    CHECK_ONLY_ERROR(diags, 2, 74,
                     "unit 'chu-prong' is its own ancestor (chu-prong → ia-drang → chu-prong)");
  }
}

TEST_CASE("unit references") {
  Diagnostics diags;
  SUBCASE("an unknown key suggests the nearest registered one") {
    resolve_one(with_assignees("[c1, c22]"), {}, diags);
    CHECK_ONLY_ERROR(diags, 11, 21, "unknown unit 'c22'; did you mean 'c2'?");
  }
  SUBCASE("an unknown key with nothing near") {
    resolve_one(with_assignees("phong-noi-vu"), {}, diags);
    CHECK_ONLY_ERROR(
        diags, 11, 16,
        "unknown unit 'phong-noi-vu'; define it under units: or import the units file first");
  }
  SUBCASE("a key with Vietnamese letters") {
    resolve_one(with_assignees("bàu-cạn"), registered(), diags);
    // bau-can is not registered here: the nearest registered key is offered only when close.
    CHECK_ONLY_ERROR(diags, 11, 16,
                     "'bàu-cạn' is not a key; keys are ASCII: did you mean 'bau-can'?");
  }
  SUBCASE("a key with Vietnamese letters, registered under its slug") {
    resolve_texts(
        {{"t.yaml",
          "units:\n  - {key: bau-can, name: UBND xã Bàu Cạn, kind: commune, parent: chu-prong}\n"
          "  - {key: x, name: X, kind: agency, parent: bàu-cạn}\n"}},
        registered(), diags);
    CHECK_ONLY_ERROR(diags, 3, 45,
                     "'bàu-cạn' is not a key; keys are ASCII: did you mean 'bau-can'?");
  }
  SUBCASE("a unit's name instead of its key") {
    resolve_one(with_assignees("[c1, Xã Hai]"), {}, diags);
    CHECK_ONLY_ERROR(diags, 11, 21, "'Xã Hai' is a unit's name; write its key 'c2'");
  }
  SUBCASE("a unit's name typed in NFD") {
    resolve_one(with_assignees("\"Xa\u0303 Hai\""), {}, diags);
    CHECK_ONLY_ERROR(diags, 11, 16, "is a unit's name; write its key 'c2'");
  }
  SUBCASE("report_to, scope, finding units and parents are all checked") {
    resolve_one(
        "inspection: {key: k, title: T, scope: dd}\n"
        "units:\n  - {key: d, name: D, kind: district, parent: tinh}\n"
        "findings:\n  - {key: f, unit: c9, text: T}\n"
        "tasks:\n  - {key: t, action: A, assignees: d, report_to: noi-vu, due: none}\n",
        {}, diags);
    INFO(import_test::dump(diags));
    CHECK(diags.size() == 4);
    CHECK_ERROR(diags, 1, 39, "unknown unit 'dd'; did you mean 'd'?");
    CHECK_ERROR(diags, 3, 47, "unknown unit 'tinh'");
    CHECK_ERROR(diags, 5, 20, "unknown unit 'c9'");
    CHECK_ERROR(diags, 7, 50, "unknown unit 'noi-vu'");
  }
  SUBCASE("an inline task's unit, its finding's, is reported once, at the finding") {
    resolve_one(
        "inspection: {key: k, title: T}\n"
        "findings:\n  - {key: f, unit: xa-a, text: T,\n     tasks: [{key: t, action: A, due: none}]}\n",
        {}, diags);
    INFO(import_test::dump(diags));
    CHECK_ONLY_ERROR(diags, 3, 20, "unknown unit 'xa-a'");
  }
  SUBCASE("registered units can be referred to") {
    const auto plan = resolve_one(
        "inspection: {key: k, title: T}\ntasks:\n"
        "  - {key: t, action: A, assignees: ia-drang, report_to: chu-prong, due: none}\n",
        registered(), diags);
    REQUIRE(plan.has_value());
    CHECK(plan->units.empty());
    CHECK(assignees_of(*plan, "t") == std::vector<std::string>{"ia-drang"});
  }
}

TEST_CASE("fan-outs") {
  Diagnostics diags;
  SUBCASE("default parent is the scope; explicit parents reach any depth") {
    const auto plan = resolve_one(
        "inspection: {key: k, title: T, scope: chu-se}\n"
        "units:\n  - {key: to-1, name: Tổ 1, kind: agency, parent: ia-blang}\n"
        "tasks:\n  - {key: a, action: A, assignees: {kind: commune}, due: none}\n"
        "  - {key: b, action: B, assignees: {kind: [agency, commune], parent: chu-se}, due: "
        "none}\n",
        registered(), diags);
    REQUIRE(plan.has_value());
    CHECK(assignees_of(*plan, "a") == std::vector<std::string>{"ia-blang"});
    CHECK(assignees_of(*plan, "b") == std::vector<std::string>{"ia-blang", "to-1"});
  }
  SUBCASE("the selection is in key order, whatever the depth") {
    const auto plan = resolve_one(
        "inspection: {key: k, title: T, scope: chu-se}\n"
        "units:\n  - {key: zz-to, name: Tổ Z, kind: agency, parent: chu-se}\n"
        "  - {key: aa-to, name: Tổ A, kind: agency, parent: ia-blang}\n"
        "  - {key: mm-to, name: Tổ M, kind: agency, parent: aa-to}\n"
        "tasks:\n  - {key: a, action: A, assignees: {kind: [agency, commune]}, due: none}\n",
        registered(), diags);
    REQUIRE(plan.has_value());
    CHECK(assignees_of(*plan, "a") ==
          std::vector<std::string>{"aa-to", "ia-blang", "mm-to", "zz-to"});
  }
  SUBCASE("a parent in a cycle is reported, and the fan-out ends") {
    resolve_one(
        "inspection: {key: k, title: T}\n"
        "units:\n  - {key: p1, name: P1, kind: district, parent: p2}\n"
        "  - {key: p2, name: P2, kind: district, parent: p1}\n"
        "  - {key: c, name: C, kind: commune, parent: p1}\n"
        "tasks:\n  - {key: a, action: A, assignees: {kind: [commune, district], parent: p1}, due: none}\n",
        {}, diags);
    INFO(import_test::dump(diags));
    CHECK(diags.size() == 1);
    CHECK(import_test::dump(diags).find("its own ancestor") != std::string::npos);
  }
  SUBCASE("except removes units") {
    const auto plan = resolve_one(with_assignees("{kind: commune, except: c2}"), {}, diags);
    REQUIRE(plan.has_value());
    CHECK(assignees_of(*plan, "t") == std::vector<std::string>{"c1"});
  }
  SUBCASE("an empty selection") {
    resolve_one(with_assignees("{kind: [commune, town], except: [c1, c2]}"), {}, diags);
    CHECK_ONLY_ERROR(
        diags, 11, 16,
        "the fan-out {kind: [commune, town], parent: d, except: [c1, c2]} selects no registered "
        "unit; register the units first (units: …)");
  }
  SUBCASE("an empty selection, as the format describes it") {
    resolve_one(
        "inspection: {key: k, title: T}\nunits:\n  - {key: chu-prong, name: C, kind: district}\n"
        "tasks:\n  - key: t\n    action: A\n    assignees: {kind: [commune, town], parent: "
        "chu-prong}\n"
        "    due: none\n",
        {}, diags);
    CHECK_ONLY_ERROR(
        diags, 7, 16,
        "the fan-out {kind: [commune, town], parent: chu-prong} selects no registered unit; "
        "register the units first (units: …)");
  }
  SUBCASE("unknown parent and except") {
    resolve_one(with_assignees("{kind: commune, parent: dd, except: [c3]}"), {}, diags);
    INFO(import_test::dump(diags));
    CHECK(diags.size() == 2);
    CHECK_ERROR(diags, 11, 40, "unknown unit 'dd'; did you mean 'd'?");
    CHECK_ERROR(diags, 11, 53, "unknown unit 'c3'");
  }
  SUBCASE("neither parent nor scope, in a document built without parse_document's check") {
    auto doc = import_test::parse(with_assignees("{kind: commune}"), diags);
    REQUIRE(doc.has_value());
    doc->inspection->scope.reset();
    doc->inspection->inspection.scope.reset();
    CHECK_FALSE(resolve({*doc}, import_test::context({}), diags).has_value());
    CHECK_ONLY_ERROR(diags, 11, 16, "the fan-out has no parent and the inspection has no scope");
  }
}

TEST_CASE("explicit assignees keep their order") {
  Diagnostics diags;
  const auto plan = resolve_one(with_assignees("[c2, d, c1]"), {}, diags);
  REQUIRE(plan.has_value());
  CHECK(assignees_of(*plan, "t") == std::vector<std::string>{"c2", "d", "c1"});
}

TEST_CASE("task findings") {
  Diagnostics diags;
  const std::string two = kBase +
                          "  - key: e\n    unit: c2\n    text: U\n    tasks:\n"
                          "      - {key: i, action: I, findings: [f, e], due: none}\n";
  SUBCASE("sorted and unique, with the inline task's own finding") {
    const auto plan = resolve_one(two, {}, diags);
    REQUIRE(plan.has_value());
    const Task& task = first_task(*plan, "i");
    CHECK(task.assignee == "c2");
    CHECK(task.findings == std::vector<std::string>{"e", "f"});
  }
  SUBCASE("an unknown finding") {
    resolve_one(
        two + "tasks:\n  - {key: t, action: A, assignees: d, findings: [e, fx], due: none}\n", {},
        diags);
    CHECK_ONLY_ERROR(diags, 14, 53, "unknown finding 'fx' in inspection 'k'; did you mean 'f'?");
  }
  SUBCASE("a finding of another file") {
    resolve_texts(
        {{"a.yaml",
          "inspection: {key: a, title: A}\nfindings:\n  - {key: only-in-a, unit: d, text: T}\n"
          "units:\n  - {key: d, name: D, kind: district}\n"},
         {"b.yaml",
          "inspection: {key: b, title: B}\ntasks:\n"
          "  - {key: t, action: A, assignees: d, findings: only-in-a, due: none}\n"}},
        {}, diags);
    CHECK_ONLY_ERROR(diags, 3, 49, "unknown finding 'only-in-a' in inspection 'b'");
  }
}

TEST_CASE("last allowed days") {
  Diagnostics diags;
  const auto due = [&](const std::string& inspection, const std::string& d) {
    return resolve_one(inspection +
                           "\nunits:\n  - {key: d, name: D, kind: district}\ntasks:\n"
                           "  - key: t\n    action: A\n    assignees: d\n    due: " +
                           d + "\n",
                       {}, diags);
  };
  SUBCASE("within days from the conclusion") {
    const auto plan = due("inspection: {key: k, title: T, conclusion: {date: 15/7/2021}}",
                          "{within: 15 ngày, from: conclusion.date}");
    REQUIRE(plan.has_value());
    CHECK(first_task(*plan, "t").last_day == ymd(2021, 7, 30));
  }
  SUBCASE("within days from the end of the visit") {
    const auto plan = due("inspection: {key: k, title: T, to: 1/7/2021}",
                          "{within: 10 days, from: inspection.to}");
    REQUIRE(plan.has_value());
    // 11/7/2021 is a Sunday: the period ends on Monday (Civil Code art. 148).
    CHECK(first_task(*plan, "t").last_day == ymd(2021, 7, 12));
  }
  SUBCASE("within working days from the conclusion, with the shipped calendar") {
    const auto plan = due("inspection: {key: k, title: T, conclusion: {date: 15/7/2021}}",
                          "{within: 15 working days, from: conclusion.date}");
    REQUIRE(plan.has_value());
    CHECK(first_task(*plan, "t").last_day == ymd(2021, 8, 5));
    CHECK(first_task(*plan, "t").calendar == "vn");
    CHECK_FALSE(first_task(*plan, "t").due_provisional);
  }
  SUBCASE("working days across the Tết break of 2021") {
    const auto plan = due("inspection: {key: k, title: T, conclusion: {date: 5/2/2021}}",
                          "{within: 10 ngày làm việc, from: conclusion.date}");
    REQUIRE(plan.has_value());
    CHECK(first_task(*plan, "t").last_day == ymd(2021, 2, 26));
  }
  SUBCASE("a year not announced yet makes the deadline provisional") {
    const auto plan = due("inspection: {key: k, title: T, conclusion: {date: 5/1/2031}}",
                          "{within: 30 working days, from: conclusion.date}");
    REQUIRE(plan.has_value());
    CHECK(first_task(*plan, "t").due_provisional);
  }
  SUBCASE("by is that day") {
    const auto plan = due("inspection: {key: k, title: T}", "{by: 22/7/2021}");
    REQUIRE(plan.has_value());
    CHECK(first_task(*plan, "t").last_day == ymd(2021, 7, 22));
  }
  SUBCASE("from the conclusion date, which is missing") {
    CHECK_FALSE(due("inspection: {key: k, title: T, conclusion: {number: TB}}",
                    "{within: 15 days, from: conclusion.date}")
                    .has_value());
    CHECK_ONLY_ERROR(diags, 8, 10,
                     "'from: conclusion.date' but the inspection has no conclusion date");
  }
  SUBCASE("from the end of the visit, which is missing") {
    due("inspection: {key: k, title: T}", "{within: 15 days, from: inspection.to}");
    CHECK_ONLY_ERROR(diags, 8, 10, "'from: inspection.to' but the inspection has no 'to' date");
  }
}

TEST_CASE("no plan when parse_document found errors") {
  Diagnostics diags;
  auto doc = import_test::parse(with_assignees("c1"), diags);
  REQUIRE(doc.has_value());
  diags.error({"test.yaml", 1, 1}, inspectrack::text::Message::verbatim("an earlier error"));
  CHECK_FALSE(resolve({*doc}, import_test::context({}), diags).has_value());
  CHECK(diags.size() == 1);
}

TEST_CASE("resolve messages in Vietnamese") {
  Diagnostics diags;
  std::vector<Document> docs;
  docs.push_back(*import_test::parse(with_assignees("[c1, Xã Hai]"), diags, Lang::vi));
  CHECK_FALSE(resolve(docs, import_test::context({}), diags).has_value());
  CHECK_ONLY_ERROR(diags, 11, 21, "'Xã Hai' là tên đơn vị; hãy viết mã của nó 'c2'");
}

namespace {

// The `quoted` items of one column of a Markdown table row.
std::vector<std::string> backticked(const std::string& column) {
  std::vector<std::string> out;
  for (auto open = column.find('`'); open != std::string::npos;) {
    const auto close = column.find('`', open + 1);
    out.push_back(column.substr(open + 1, close - open - 1));
    open = column.find('`', close + 1);
  }
  return out;
}

std::vector<std::string> split_row(const std::string& row) {
  std::vector<std::string> cells;
  std::size_t start = 1;
  for (auto bar = row.find('|', start); bar != std::string::npos; bar = row.find('|', start)) {
    cells.push_back(row.substr(start, bar - start));
    start = bar + 1;
  }
  return cells;
}

}  // namespace

TEST_CASE("tests/data/broken/README.md gives the errors of the semantic broken files") {
  const std::string dir = std::string(INSPECTRACK_SOURCE_DIR) + "/tests/data/broken/";
  const std::vector<std::string> mine = {"unknown-key.yaml",
                                         "missing-title.yaml",
                                         "missing-due.yaml",
                                         "wrong-type.yaml",
                                         "impossible-date.yaml",
                                         "bad-date-format.yaml",
                                         "by-and-before.yaml",
                                         "unknown-unit.yaml",
                                         "unknown-finding.yaml",
                                         "duplicate-task-key.yaml",
                                         "non-ascii-key.yaml",
                                         "unit-name-as-key.yaml",
                                         "bad-severity.yaml",
                                         "bad-kind.yaml",
                                         "unknown-calendar.yaml",
                                         "within-without-from.yaml",
                                         "fan-out-without-scope.yaml",
                                         "empty-fan-out.yaml",
                                         "bad-email.yaml",
                                         "email-injection.yaml",
                                         "name-line-break.yaml",
                                         "escape-line-separator.yaml",
                                         "escape-paragraph-separator.yaml",
                                         "key-terminal-escape.yaml",
                                         "blank-action.yaml",
                                         "progress-file.yaml",
                                         "several-errors.yaml"};
  std::ifstream readme(dir + "README.md");
  REQUIRE(readme);
  std::size_t checked = 0;
  std::string row;
  while (std::getline(readme, row)) {
    if (row.rfind("| `", 0) != 0) continue;
    const std::vector<std::string> cells = split_row(row);
    if (cells.size() != 4) continue;
    const std::string file = backticked(cells[0]).at(0);
    if (std::find(mine.begin(), mine.end(), file) == mine.end()) continue;
    CAPTURE(file);
    const std::vector<std::string> messages = backticked(cells[2]);
    const std::vector<std::string> places = backticked(cells[3]);
    REQUIRE(messages.size() == places.size());

    Diagnostics diags;
    const auto doc = load_document(dir + file, {}, diags);
    if (diags.empty()) {
      REQUIRE(doc.has_value());
      resolve({*doc}, import_test::context({}), diags);
    }
    const auto found = diags.sorted();
    INFO(import_test::dump(diags));
    REQUIRE(found.size() == places.size());
    for (std::size_t i = 0; i < found.size(); ++i) {
      CHECK(found[i].where.file == dir + file);
      CHECK(std::to_string(found[i].where.line) + ":" + std::to_string(found[i].where.column) ==
            places[i]);
      CHECK(import_test::text_of(found[i]).rfind(messages[i], 0) == 0);
    }
    ++checked;
  }
  CHECK(checked == mine.size());
}

TEST_CASE("the broken files are the Chư Prông example with one defect: fixed, it imports cleanly") {
  const std::string path =
      std::string(INSPECTRACK_SOURCE_DIR) + "/tests/data/broken/unknown-key.yaml";
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto typo = text.find("sevrity:");
  REQUIRE(typo != std::string::npos);
  text.replace(typo, 8, "severity:");
  Diagnostics diags;
  const auto plan = resolve_texts({{"fixed.yaml", text}}, {}, diags);
  INFO(import_test::dump(diags));
  REQUIRE(plan.has_value());
  CHECK(assignees_of(*plan, "tu-kiem-tra") == std::vector<std::string>{"ia-drang", "thi-tran"});
}

namespace {

using inspectrack::calendar::CalendarSpec;
using inspectrack::import::ResolveContext;

// A calendar with one announced year.
CalendarSpec test_calendar(const std::string& key, inspectrack::calendar::WeekendMask weekend,
                           const std::vector<Date>& days_off) {
  CalendarSpec spec;
  spec.key = key;
  spec.name = "Lịch " + key;
  spec.weekend = weekend;
  inspectrack::calendar::YearSpec year;
  year.year = 2021;
  year.source = "TB " + key;
  for (const Date d : days_off) {
    year.days_off.push_back({d, inspectrack::calendar::DayKind::holiday, "Nghỉ", false});
  }
  spec.years.push_back(year);
  return spec;
}

// Like resolve_texts, with a context of the caller's.
std::optional<ImportPlan> resolve_in(const std::vector<std::pair<std::string, std::string>>& files,
                                     const ResolveContext& context, Diagnostics& diags) {
  std::vector<Document> docs;
  for (const auto& [path, text] : files) {
    auto doc = import_test::parse(text, diags, Lang::en, path);
    REQUIRE(doc.has_value());
    docs.push_back(std::move(*doc));
  }
  INFO(import_test::dump(diags));
  REQUIRE(diags.empty());
  return resolve(docs, context, diags);
}

// Units d (district) with communes c1 and c2, lines 2–5 after the inspection line.
const std::string kUnits =
    "units:\n"
    "  - {key: d, name: Huyện D, kind: district}\n"
    "  - {key: c1, name: Xã Một, kind: commune, parent: d}\n"
    "  - {key: c2, name: Xã Hai, kind: commune, parent: d}\n";

// A calendar file: `calendar:` on line 1, its value on line 2, column 3.
std::string calendar_file(const std::string& key, const std::string& day_off) {
  return "calendar:\n  key: " + key + "\n  name: Lịch " + key +
         "\n  years:\n    - year: 2021\n      source: TB\n      days_off:\n        - {date: " +
         day_off + ", name: Nghỉ}\n";
}

const Task* find_task(const std::vector<Task>& tasks, const std::string& key,
                      const std::string& assignee) {
  for (const Task& t : tasks) {
    if (t.key == key && t.assignee == assignee) return &t;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a task's calendar: its own, else the inspection's, else the default") {
  // Thursday 15/7/2021 + 10 working days: 25/7 in a calendar without rest days, 29/7 in
  // vn (no holiday in July), 30/7 with Friday 16/7 off.
  ResolveContext context = import_test::context({});
  context.calendars.add(test_calendar("a", 0, {}));
  context.calendars.add(test_calendar("b", inspectrack::calendar::kSaturdaySunday,
                                      {ymd(2021, 7, 16)}));
  context.default_calendar = "b";
  const std::string due = "{within: 10 working days, from: conclusion.date}";
  const auto task = [&](const std::string& key, const std::string& calendar) {
    return "  - {key: " + key + ", action: A, assignees: c1, due: " + due +
           (calendar.empty() ? "" : ", calendar: " + calendar) + "}\n";
  };
  Diagnostics diags;
  const auto plan = resolve_in(
      {{"with.yaml", "inspection: {key: with, title: T, conclusion: {date: 15/7/2021}, "
                     "calendar: a}\n" +
                         kUnits + "tasks:\n" + task("own", "vn") + task("inherited", "")},
       {"without.yaml",
        "inspection: {key: without, title: T, conclusion: {date: 15/7/2021}}\ntasks:\n" +
            task("own", "a") + task("default", "")}},
      context, diags);
  INFO(import_test::dump(diags));
  REQUIRE(plan.has_value());
  REQUIRE(plan->inspections.size() == 2);
  const auto& with = plan->inspections[0].tasks;
  const auto& without = plan->inspections[1].tasks;
  REQUIRE(with.size() == 2);
  REQUIRE(without.size() == 2);
  CHECK(with[0].calendar == "vn");
  CHECK(with[0].last_day == ymd(2021, 7, 29));
  CHECK(with[1].calendar == "a");
  CHECK(with[1].last_day == ymd(2021, 7, 25));
  CHECK(without[0].calendar == "a");
  CHECK(without[0].last_day == ymd(2021, 7, 25));
  CHECK(without[1].calendar == "b");
  CHECK(without[1].last_day == ymd(2021, 7, 30));
  CHECK(plan->calendars.empty());  // none defined in the files
}

TEST_CASE("unknown calendars are errors at the calendar named") {
  Diagnostics diags;
  const std::string head =
      "inspection: {key: k, title: T, conclusion: {date: 15/7/2021}}\n" + kUnits + "tasks:\n";
  SUBCASE("a task's, with the nearest key") {
    CHECK_FALSE(resolve_one(head +
                                "  - {key: t, action: A, assignees: c1, calendar: vm, due: "
                                "31/7/2021}\n",
                            {}, diags)
                    .has_value());
    CHECK_ONLY_ERROR(diags, 7, 50, "unknown calendar 'vm'; did you mean 'vn'?");
  }
  SUBCASE("an inspection's, reported once for all its tasks") {
    resolve_one("inspection: {key: k, title: T, calendar: co-quan}\n" + kUnits +
                    "tasks:\n  - {key: t, action: A, assignees: c1, due: 31/7/2021}\n"
                    "  - {key: u, action: A, assignees: c2, due: 31/7/2021}\n",
                {}, diags);
    CHECK_ONLY_ERROR(diags, 1, 42,
                     "unknown calendar 'co-quan'; known calendars: vn; import a calendar: file "
                     "to add one");
  }
  SUBCASE("the default, at the task's due") {
    ResolveContext context = import_test::context({});
    context.default_calendar = "khac";
    CHECK_FALSE(resolve_in({{"test.yaml", head + "  - key: t\n    action: A\n    assignees: c1\n"
                                                 "    due: 31/7/2021\n"}},
                           context, diags)
                    .has_value());
    CHECK_ONLY_ERROR(diags, 10, 10, "unknown calendar 'khac'; known calendars: vn");
  }
  SUBCASE("even for a task without a deadline") {
    resolve_one(head + "  - {key: t, action: A, assignees: c1, calendar: lich, due: none}\n", {},
                diags);
    CHECK_ONLY_ERROR(diags, 7, 50, "unknown calendar 'lich'");
  }
}

TEST_CASE("a calendar defined in one file serves the tasks of another") {
  // Friday 16/7/2021 off: 10 working days after 15/7 end on 30/7 instead of 29/7.
  const std::string inspection =
      "inspection: {key: k, title: T, conclusion: {date: 15/7/2021}}\n" + kUnits +
      "tasks:\n  - {key: t, action: A, assignees: c1, calendar: co-quan, "
      "due: {within: 10 working days, from: conclusion.date}}\n";
  const std::string cal = calendar_file("co-quan", "16/7/2021");
  Diagnostics diags;
  std::optional<ImportPlan> plan;
  SUBCASE("calendar file first") {
    plan = resolve_texts({{"co-quan.yaml", cal}, {"k.yaml", inspection}}, {}, diags);
  }
  SUBCASE("calendar file last") {
    plan = resolve_texts({{"k.yaml", inspection}, {"co-quan.yaml", cal}}, {}, diags);
  }
  SUBCASE("the same calendar twice, written the same way") {
    plan = resolve_texts({{"co-quan.yaml", cal}, {"k.yaml", inspection}, {"copy.yaml", cal}}, {},
                         diags);
  }
  INFO(import_test::dump(diags));
  REQUIRE(plan.has_value());
  REQUIRE(plan->calendars.size() == 1);
  CHECK(plan->calendars[0].source == "co-quan.yaml");
  CHECK(plan->calendars[0].spec.key == "co-quan");
  CHECK(plan->calendars[0].spec.name == "Lịch co-quan");
  REQUIRE(plan->calendars[0].spec.years.size() == 1);
  CHECK(plan->calendars[0].spec.years[0].days_off.at(0).date == ymd(2021, 7, 16));
  const Task& t = first_task(*plan, "t");
  CHECK(t.calendar == "co-quan");
  CHECK(t.last_day == ymd(2021, 7, 30));
}

TEST_CASE("a calendar file replaces a known calendar of the same key") {
  // The files' calendars are added on top of the context's: vn with 16/7/2021 off.
  Diagnostics diags;
  const auto plan = resolve_texts(
      {{"vn.yaml", calendar_file("vn", "16/7/2021")},
       {"k.yaml", "inspection: {key: k, title: T, conclusion: {date: 15/7/2021}}\n" + kUnits +
                      "tasks:\n  - {key: t, action: A, assignees: c1, "
                      "due: {within: 10 working days, from: conclusion.date}}\n"}},
      {}, diags);
  INFO(import_test::dump(diags));
  REQUIRE(plan.has_value());
  CHECK(first_task(*plan, "t").calendar == "vn");
  CHECK(first_task(*plan, "t").last_day == ymd(2021, 7, 30));
}

TEST_CASE("the same calendar defined differently in two files is an error at the second") {
  Diagnostics diags;
  const auto plan = resolve_texts({{"a.yaml", calendar_file("co-quan", "16/7/2021")},
                                   {"b.yaml", calendar_file("co-quan", "19/7/2021")}},
                                  {}, diags);
  CHECK_FALSE(plan.has_value());
  INFO(import_test::dump(diags));
  REQUIRE(diags.size() == 1);
  CHECK(diags.list()[0].where.file == "b.yaml");
  CHECK(import_test::has_error(
      diags, 2, 3, "calendar 'co-quan' is also defined, differently, in 'a.yaml'; define it once"));
}

TEST_CASE("recurring tasks become series, one per assignee, starting at a known date") {
  Diagnostics diags;
  const auto plan_with = [&](const std::string& inspection, const std::string& repeat) {
    return resolve_one(inspection + "\n" + kUnits +
                           "tasks:\n  - key: bao-cao-quy\n    action: Báo cáo CCHC quý\n"
                           "    assignees: [c1, c2]\n    repeat: " +
                           repeat + "\n    due: {day: 15}\n",
                       {}, diags);
  };
  SUBCASE("from the conclusion date, else the end, else the start of the inspection") {
    const std::string dates[] = {"from: 1/6/2021, to: 3/6/2021, conclusion: {date: 15/7/2021}",
                                 "from: 1/6/2021, to: 3/6/2021", "from: 1/6/2021"};
    const Date expected[] = {ymd(2021, 7, 15), ymd(2021, 6, 3), ymd(2021, 6, 1)};
    for (int n = 0; n < 3; ++n) {
      CAPTURE(dates[n]);
      const auto plan = plan_with("inspection: {key: k, title: T, " + dates[n] + "}", "quarterly");
      INFO(import_test::dump(diags));
      REQUIRE(plan.has_value());
      const auto& insp = plan->inspections.at(0);
      CHECK(insp.tasks.empty());
      REQUIRE(insp.series.size() == 2);
      for (const Task& s : insp.series) {
        REQUIRE(s.repeat.has_value());
        CHECK(s.repeat->every == inspectrack::model::Repeat::Every::quarterly);
        CHECK(s.repeat->from == expected[n]);
        CHECK_FALSE(s.repeat->until.has_value());
        CHECK(s.period.empty());
        CHECK_FALSE(s.last_day.has_value());
        CHECK(s.due.form == inspectrack::model::Due::Form::day);
        CHECK(s.due.day == 15);
        CHECK(s.calendar == "vn");
        CHECK(s.inspection == "k");
        CHECK(s.action == "Báo cáo CCHC quý");
      }
      CHECK(insp.series[0].assignee == "c1");
      CHECK(insp.series[1].assignee == "c2");
    }
  }
  SUBCASE("repeat.from as written wins") {
    const auto plan =
        plan_with("inspection: {key: k, title: T, conclusion: {date: 15/7/2021}}",
                  "{every: monthly, from: 1/1/2022, until: 31/12/2022}");
    REQUIRE(plan.has_value());
    const Task* s = find_task(plan->inspections.at(0).series, "bao-cao-quy", "c2");
    REQUIRE(s != nullptr);
    CHECK(s->repeat->from == ymd(2022, 1, 1));
    CHECK(s->repeat->until == ymd(2022, 12, 31));
  }
  SUBCASE("a plain task beside a series stays a task") {
    const auto plan = resolve_one(
        "inspection: {key: k, title: T, conclusion: {date: 15/7/2021}}\n" + kUnits +
            "tasks:\n  - {key: once, action: A, assignees: c1, due: 31/7/2021}\n"
            "  - {key: often, action: B, assignees: c1, repeat: monthly, due: {day: 5}}\n",
        {}, diags);
    INFO(import_test::dump(diags));
    REQUIRE(plan.has_value());
    const auto& insp = plan->inspections.at(0);
    REQUIRE(insp.tasks.size() == 1);
    CHECK(insp.tasks[0].key == "once");
    CHECK_FALSE(insp.tasks[0].repeat.has_value());
    CHECK(insp.tasks[0].last_day == ymd(2021, 7, 31));
    REQUIRE(insp.series.size() == 1);
    CHECK(insp.series[0].key == "often");
    CHECK(insp.series[0].repeat->from == ymd(2021, 7, 15));
  }
  SUBCASE("without any date there is no first period") {
    CHECK_FALSE(plan_with("inspection: {key: k, title: T}", "quarterly").has_value());
    CHECK_ONLY_ERROR(diags, 10, 13, "a repeating task needs a first period");
  }
  SUBCASE("a date in repeat is enough") {
    const auto plan =
        plan_with("inspection: {key: k, title: T}", "{every: yearly, from: 1/1/2021}");
    INFO(import_test::dump(diags));
    REQUIRE(plan.has_value());
    CHECK(plan->inspections.at(0).series.at(0).repeat->from == ymd(2021, 1, 1));
  }
}

TEST_CASE("a recurring task due within N days of each period's end resolves") {
  // The period's end is known only per occurrence: resolve() makes the series and
  // leaves the deadlines to storage.
  Diagnostics diags;
  std::string due;
  SUBCASE("from the period's end, implied") { due = "{within: 10 working days}"; }
  SUBCASE("from: period.end") { due = "{within: 10 working days, from: period.end}"; }
  const auto plan = resolve_one(
      "inspection: {key: k, title: T, conclusion: {date: 15/7/2021}}\n" + kUnits +
          "tasks:\n  - {key: often, action: B, assignees: c1, repeat: quarterly, due: " + due +
          "}\n",
      {}, diags);
  INFO(import_test::dump(diags));
  REQUIRE(plan.has_value());
  const auto& insp = plan->inspections.at(0);
  CHECK(insp.tasks.empty());
  REQUIRE(insp.series.size() == 1);
  CHECK(insp.series[0].due.form == inspectrack::model::Due::Form::within);
  CHECK(insp.series[0].due.anchor == inspectrack::model::Due::Anchor::period_end);
  CHECK(insp.series[0].due.counting == inspectrack::model::Due::Counting::working_days);
  CHECK_FALSE(insp.series[0].last_day.has_value());
  CHECK(insp.series[0].repeat->from == ymd(2021, 7, 15));
}

namespace {

// Communes c1, c2 and `communes` more under d, and `tasks` tasks fanned out to
// every commune, each with an action of `action_bytes` bytes.
std::optional<ImportPlan> resolve_fan_out(int communes, int tasks, std::size_t action_bytes,
                                          const inspectrack::import::Limits& limits,
                                          Diagnostics& diags) {
  std::string text =
      "inspection: {key: k, title: T, scope: d}\n"
      "units:\n"
      "  - {key: d, name: Huyện D, kind: district}\n"
      "  - {key: c1, name: Xã Một, kind: commune, parent: d}\n"
      "  - {key: c2, name: Xã Hai, kind: commune, parent: d}\n";
  for (int n = 3; n < 3 + communes; ++n) {
    text += "  - {key: c" + std::to_string(n) + ", name: X" + std::to_string(n) +
            ", kind: commune, parent: d}\n";
  }
  text += "tasks:\n";
  for (int n = 0; n < tasks; ++n) {
    text += "  - {key: t" + std::to_string(n) + ", action: " + std::string(action_bytes, 'a') +
            ", assignees: {kind: commune}, due: none}\n";
  }
  auto doc = import_test::parse(text, diags);
  REQUIRE(doc.has_value());
  auto context = import_test::context({});
  context.limits = limits;
  return resolve({*doc}, context, diags);
}

Document parsed(const std::string& path, const std::string& text) {
  Diagnostics diags;
  auto doc = import_test::parse(text, diags, Lang::en, path);
  INFO(import_test::dump(diags));
  REQUIRE(doc.has_value());
  return std::move(*doc);
}

}  // namespace

TEST_CASE("limits on the tracked tasks a fan-out makes") {
  Diagnostics diags;
  inspectrack::import::Limits limits;
  limits.max_tasks = 10;
  limits.max_task_text = 100;
  SUBCASE("at the count limit") {
    // c1, c2 and 3 more communes, 2 tasks: 10 tracked tasks.
    const auto plan = resolve_fan_out(3, 2, 1, limits, diags);
    INFO(import_test::dump(diags));
    REQUIRE(plan.has_value());
    CHECK(plan->inspections.at(0).tasks.size() == 10);
  }
  SUBCASE("one task over the count limit is named, once") {
    resolve_fan_out(3, 4, 1, limits, diags);
    CHECK_ONLY_ERROR(diags, 12, 37,
                     "task 't2' (5 assignee(s)) brings this inspection to more than 10 tracked "
                     "tasks, the limit for one inspection; narrow the fan-out, or split the "
                     "orders into inspections of their own");
  }
  SUBCASE("text multiplied by the fan-out") {
    limits.max_tasks = 1000;
    CHECK(resolve_fan_out(3, 1, 20, limits, diags).has_value());  // 5 × 20 bytes
    const auto plan = resolve_fan_out(3, 1, 21, limits, diags);
    CHECK_FALSE(plan.has_value());
    CHECK_ONLY_ERROR(diags, 10, 57,
                     "task 't0' (5 assignee(s), each with its own copy of its 21 bytes of action "
                     "and target) brings the text of this inspection's tracked tasks to more "
                     "than 100 bytes, the limit for one inspection; shorten the action or narrow "
                     "the fan-out");
  }
  SUBCASE("each inspection has the limit to itself: a consolidation of many files is not refused") {
    auto first = import_test::parse(
        "inspection: {key: k, title: T, scope: d}\n"
        "units:\n"
        "  - {key: d, name: Huyện D, kind: district}\n"
        "  - {key: c1, name: Xã Một, kind: commune, parent: d}\n"
        "  - {key: c2, name: Xã Hai, kind: commune, parent: d}\n"
        "tasks:\n"
        "  - {key: t0, action: A, assignees: {kind: commune}, due: none}\n"
        "  - {key: t1, action: A, assignees: {kind: commune}, due: none}\n",
        diags);
    REQUIRE(first.has_value());
    std::vector<inspectrack::import::Document> docs{*first};
    for (int n = 2; n <= 6; ++n) {
      auto other = import_test::parse(
          "inspection: {key: k" + std::to_string(n) + ", title: T, scope: d}\ntasks:\n"
          "  - {key: t0, action: A, assignees: {kind: commune}, due: none}\n"
          "  - {key: t1, action: A, assignees: {kind: commune}, due: none}\n",
          diags);
      REQUIRE(other.has_value());
      docs.push_back(*other);
    }
    auto context = import_test::context({});
    limits.max_tasks = 4;  // each inspection has 4; the import 24
    context.limits = limits;
    const auto plan = resolve(docs, context, diags);
    INFO(import_test::dump(diags));
    REQUIRE(plan.has_value());
    CHECK(plan->inspections.size() == 6);
    std::size_t tasks = 0;
    for (const auto& i : plan->inspections) tasks += i.tasks.size();
    CHECK(tasks == 24);
  }
  SUBCASE("the defaults allow a directive to every commune of the country") {
    const inspectrack::import::Limits defaults;
    CHECK(defaults.max_tasks >= 10'600 * 9);
    CHECK(resolve_fan_out(1200, 30, 200, defaults, diags).has_value());
    CHECK(diags.empty());
  }
}

TEST_CASE("a chain of 20,000 units resolves in linear time, without recursion") {
  // Each unit the parent of the next, listed children first: a walk per unit or a
  // recursive sort would take 20,000² steps or 20,000 stack frames.
  constexpr int kUnits = 20'000;
  std::string text =
      "inspection: {key: k, title: T, scope: d}\nunits:\n";
  for (int n = kUnits - 1; n >= 1; --n) {
    text += "  - {key: u" + std::to_string(n) + ", name: U" + std::to_string(n) +
            ", kind: commune, parent: u" + std::to_string(n - 1) + "}\n";
  }
  text += "  - {key: u0, name: U0, kind: commune, parent: d}\n"
          "  - {key: d, name: D, kind: district}\n"
          "tasks:\n  - {key: t, action: A, assignees: {kind: commune}, due: none}\n";
  Diagnostics diags;
  SUBCASE("fans out to all of them, parents first") {
    const auto plan = resolve_one(text, {}, diags);
    INFO(import_test::dump(diags));
    REQUIRE(plan.has_value());
    CHECK(plan->inspections.at(0).tasks.size() == kUnits);
    REQUIRE(plan->units.size() == kUnits + 1);
    CHECK(plan->units.front().key == "d");
    CHECK(plan->units.at(1).key == "u0");
    CHECK(plan->units.back().key == "u" + std::to_string(kUnits - 1));
  }
  SUBCASE("a cycle at its end is reported once, at the first of its units in the file") {
    const std::string last = "u" + std::to_string(kUnits - 1);
    std::string cyclic = text;
    const std::string from = "{key: u0, name: U0, kind: commune, parent: d}";
    cyclic.replace(cyclic.find(from), from.size(),
                   "{key: u0, name: U0, kind: commune, parent: " + last + "}");
    cyclic.erase(cyclic.find("tasks:"));
    resolve_one(cyclic, {}, diags);
    REQUIRE(diags.size() == 1);
    CHECK(diags.list().front().where.line == 3);
    CHECK(import_test::text_of(diags.list().front())
              .starts_with("unit '" + last + "' is its own ancestor (" + last + " → u" +
                           std::to_string(kUnits - 2) + " → "));
  }
}

TEST_CASE("StreamResolver: what changes the definitions") {
  StreamResolver resolver(import_test::context(registered()));
  // The registered units, given again the same way: nothing new.
  CHECK_FALSE(resolver.changes_definitions(parsed(
      "same.yaml", "units:\n  - {key: ia-drang, name: UBND xã Ia Drang, kind: commune, parent: chu-prong}\n")));
  CHECK(resolver.changes_definitions(parsed(
      "renamed.yaml", "units:\n  - {key: ia-drang, name: UBND xã Ia Đrăng, kind: commune, parent: chu-prong}\n")));
  CHECK(resolver.changes_definitions(parsed(
      "moved.yaml", "units:\n  - {key: ia-drang, name: UBND xã Ia Drang, kind: commune, parent: chu-se}\n")));
  const Document added = parsed("new.yaml", "units:\n  - {key: ia-mo, name: UBND xã Ia Mơ, kind: commune, parent: chu-prong}\n");
  CHECK(resolver.changes_definitions(added));
  resolver.define(added);
  CHECK_FALSE(resolver.changes_definitions(added));  // known now
  const Document calendar = parsed("cal.yaml", "calendar:\n  key: rieng\n  name: Riêng\n  weekend: [sunday]\n");
  CHECK(resolver.changes_definitions(calendar));
  resolver.define(calendar);
  CHECK_FALSE(resolver.changes_definitions(calendar));
  CHECK(resolver.changes_definitions(parsed("plain.yaml", kBase)));  // kBase defines d, c1 and c2
}

TEST_CASE("StreamResolver gives resolve()'s plans and problems, one document at a time") {
  const std::vector<std::pair<std::string, std::string>> files = {
      {"units.yaml", "units:\n  - {key: chu-se.noi-vu, name: Phòng Nội vụ, kind: department, parent: chu-se}\n"},
      {"a.yaml", with_assignees("{kind: commune}")},
      {"b.yaml", "inspection: {key: k2, title: T2, scope: chu-se}\n"
                 "tasks:\n  - {key: t, action: A, assignees: {kind: [commune, department]}, due: 31/7/2021}\n"
                 "  - {key: u, action: B, assignees: [ia-blangg], due: none}\n"},
      {"c.yaml", "inspection: {key: k, title: T again}\n"},
  };
  std::vector<Document> docs;
  for (const auto& [path, text] : files) docs.push_back(parsed(path, text));
  Diagnostics batch;
  CHECK_FALSE(resolve(docs, import_test::context(registered()), batch).has_value());

  StreamResolver stream(import_test::context(registered()));
  std::vector<InspectionPlan> plans;
  for (const Document& doc : docs) {
    Step step = stream.next(doc);
    CHECK_FALSE(step.restart);
    if (step.definitions) {
      CHECK(doc.path == "a.yaml");  // with the first inspection
      CHECK(keys_of(step.definitions->units) == std::vector<std::string>{"chu-se.noi-vu", "d", "c1", "c2"});
    }
    if (step.inspection) plans.push_back(std::move(*step.inspection));
  }
  CHECK_FALSE(stream.remaining().has_value());
  Diagnostics streamed;
  stream.report(streamed);
  CHECK(stream.failed());
  CHECK(import_test::dump(streamed) == import_test::dump(batch));
  REQUIRE(batch.size() == 2);  // the unknown unit of b.yaml, k defined again in c.yaml
  // a.yaml resolved, b.yaml had a problem, c.yaml is a second definition of k.
  REQUIRE(plans.size() == 1);
  CHECK(assignees_of(ImportPlan{{}, {}, plans, {}, {}}, "t") == std::vector<std::string>{"c1", "c2"});

  SUBCASE("without the problems, the plans are resolve()'s") {
    docs.pop_back();
    docs.back() = parsed("b.yaml", "inspection: {key: k2, title: T2, scope: chu-se}\n"
                                   "tasks:\n  - {key: t, action: A, assignees: {kind: [commune, department]}, due: 31/7/2021}\n");
    Diagnostics none;
    const auto plan = resolve(docs, import_test::context(registered()), none);
    REQUIRE(plan.has_value());
    StreamResolver again(import_test::context(registered()));
    std::vector<InspectionPlan> one_by_one;
    for (const Document& doc : docs) {
      Step step = again.next(doc);
      if (step.inspection) one_by_one.push_back(std::move(*step.inspection));
    }
    CHECK_FALSE(again.failed());
    REQUIRE(one_by_one.size() == plan->inspections.size());
    for (std::size_t i = 0; i < one_by_one.size(); ++i) {
      CHECK(one_by_one[i].inspection.key == plan->inspections[i].inspection.key);
      REQUIRE(one_by_one[i].tasks.size() == plan->inspections[i].tasks.size());
      for (std::size_t t = 0; t < one_by_one[i].tasks.size(); ++t) {
        CHECK(one_by_one[i].tasks[t].full_key() == plan->inspections[i].tasks[t].full_key());
        CHECK(one_by_one[i].tasks[t].last_day == plan->inspections[i].tasks[t].last_day);
      }
    }
    CHECK(assignees_of(ImportPlan{{}, {}, {one_by_one[1]}, {}, {}}, "t") ==
          std::vector<std::string>{"chu-se.noi-vu", "ia-blang"});
  }
}

TEST_CASE("StreamResolver scopes: a unit a later file defines") {
  // The inspection comes first and assigns a task to a unit only the second file defines.
  const std::vector<Document> docs = {
      parsed("a.yaml", with_assignees("[c3]")),
      parsed("units.yaml", "units:\n  - {key: c3, name: Xã Ba, kind: commune, parent: chu-se}\n"),
  };
  SUBCASE("as read: the task's unit is unknown, and the later file asks for a restart") {
    StreamResolver stream(import_test::context(registered()), Scope::as_read);
    const Step first = stream.next(docs[0]);
    CHECK_FALSE(first.inspection.has_value());
    CHECK(stream.failed());
    const Step second = stream.next(docs[1]);
    CHECK(second.restart);
    CHECK_FALSE(second.definitions.has_value());
    CHECK(second.units.empty());
  }
  SUBCASE("the whole set: every definition is known before the first inspection") {
    StreamResolver whole(import_test::context(registered()), Scope::whole_set);
    for (const Document& doc : docs) whole.define(doc);
    Step first = whole.next(docs[0]);
    CHECK_FALSE(whole.failed());
    REQUIRE(first.definitions.has_value());
    CHECK(keys_of(first.definitions->units) == std::vector<std::string>{"d", "c1", "c2", "c3"});
    REQUIRE(first.inspection.has_value());
    CHECK(first.inspection->tasks.size() == 1);
    const Step second = whole.next(docs[1]);
    CHECK_FALSE(second.restart);
    CHECK(second.units.empty());  // given with the definitions
    CHECK_FALSE(whole.remaining().has_value());
  }
}

TEST_CASE("StreamResolver: units defined after the definitions were given are given once") {
  StreamResolver stream(import_test::context(registered()), Scope::as_read);
  CHECK(stream.next(parsed("a.yaml", with_assignees("[c1]"))).definitions.has_value());
  // The same units again, the same way: no restart, and nothing given twice.
  const Step again = stream.next(parsed("units.yaml", "units:\n  - {key: c1, name: Xã Một, kind: commune, parent: d}\n"));
  CHECK_FALSE(again.restart);
  CHECK(again.units.empty());
  CHECK_FALSE(stream.remaining().has_value());
}

TEST_CASE("StreamResolver: the definitions of documents without an inspection") {
  StreamResolver stream(import_test::context(registered()));
  const Step step = stream.next(parsed("units.yaml", "units:\n  - {key: c3, name: Xã Ba, kind: commune, parent: chu-se}\n"));
  CHECK_FALSE(step.definitions.has_value());
  const auto definitions = stream.remaining();
  REQUIRE(definitions.has_value());
  CHECK(keys_of(definitions->units) == std::vector<std::string>{"c3"});
}

namespace {

// An office file: `unit:` on line 3 (value at column 9) when given.
std::string office_file(const std::string& key, const std::string& unit, const std::string& body = "B") {
  std::string text = "office:\n  key: " + key + "\n";
  if (!unit.empty()) text += "  unit: " + unit + "\n";
  return text + "  body: " + body +
         "\n  place: P\n  archive: VT\n  symbols: {report: BC, letter: L}\n  signing: {title: T}\n";
}

}  // namespace

TEST_CASE("offices are definitions: their unit is checked against the files and the database") {
  Diagnostics diags;
  SUBCASE("a unit of a units file or of the database") {
    const auto plan = resolve_texts({{"o.yaml", office_file("o", "d")},
                                     {"p.yaml", office_file("p", "tai-chinh")},
                                     {"u.yaml", "units:\n  - {key: d, name: Huyện D, kind: district}\n"}},
                                    registered(), diags);
    INFO(import_test::dump(diags));
    REQUIRE(plan.has_value());
    REQUIRE(plan->offices.size() == 2);
    CHECK(plan->offices[0].key == "o");
    CHECK(plan->offices[0].unit == "d");
    CHECK(plan->offices[1].unit == "tai-chinh");
  }
  SUBCASE("a unit that exists nowhere") {
    CHECK_FALSE(resolve_one(office_file("o", "tai-chin"), registered(), diags).has_value());
    CHECK_ONLY_ERROR(diags, 3, 9, "unknown unit 'tai-chin'; did you mean 'tai-chinh'?");
  }
  SUBCASE("the same office twice, the same way, is one definition") {
    const auto plan = resolve_texts({{"a.yaml", office_file("o", "")}, {"b.yaml", office_file("o", "")}},
                                    registered(), diags);
    REQUIRE(plan.has_value());
    CHECK(plan->offices.size() == 1);
  }
  SUBCASE("the same office defined differently") {
    CHECK_FALSE(resolve_texts({{"a.yaml", office_file("o", "")}, {"b.yaml", office_file("o", "", "C")}},
                              registered(), diags)
                    .has_value());
    CHECK_ONLY_ERROR(diags, 2, 3, "office 'o' is also defined, differently, in 'a.yaml'; define it once");
    CHECK(diags.list().at(0).where.file == "b.yaml");
  }
}

TEST_CASE("an office already stored is no change of definitions, a new or edited one is") {
  auto context = import_test::context(registered());
  Diagnostics diags;
  const auto doc = import_test::parse(office_file("o", ""), diags);
  REQUIRE(doc.has_value());
  context.known_offices.push_back(doc->office->office);
  StreamResolver stream(context);
  CHECK_FALSE(stream.changes_definitions(*doc));
  const auto edited = import_test::parse(office_file("o", "", "C"), diags);
  CHECK(stream.changes_definitions(*edited));
  const auto other = import_test::parse(office_file("p", ""), diags);
  CHECK(stream.changes_definitions(*other));
}
