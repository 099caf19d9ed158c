#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "import_test_support.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/import/document.hpp"

using import_test::kChuProng;
using import_test::parse;
using inspectrack::ExitCode;
using inspectrack::InputError;
using inspectrack::import::Diagnostics;
using inspectrack::import::DocumentKind;
using inspectrack::import::load_document;
using inspectrack::model::Date;
using inspectrack::model::Due;
using inspectrack::model::InspectionKind;
using inspectrack::model::Severity;
using inspectrack::model::UnitKind;
using inspectrack::text::Lang;

namespace {

Date ymd(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

// Lines 1–4 of most test files below; what a test adds starts on line 5.
const std::string kHead = "inspection:\n  key: k\n  title: T\n  scope: d\n";

// A valid top-level task around `due`, which starts on line 9, column 10.
std::string task_with_due(const std::string& due) {
  return kHead + "tasks:\n  - key: t\n    action: A\n    assignees: d\n    due: " + due + "\n";
}

}  // namespace

TEST_CASE("the Chư Prông example parses into model values") {
  Diagnostics diags;
  const auto doc = parse(kChuProng, diags, Lang::en, "chu-prong-2021.yaml");
  INFO(import_test::dump(diags));
  REQUIRE(diags.empty());
  REQUIRE(doc.has_value());
  CHECK(doc->path == "chu-prong-2021.yaml");
  CHECK(doc->kind == DocumentKind::inspection);
  REQUIRE(doc->inspection.has_value());

  const auto& insp = doc->inspection->inspection;
  CHECK(insp.key == "gia-lai-cchc-2021-chu-prong");
  CHECK(insp.kind == InspectionKind::visit);
  CHECK(insp.title == "Kiểm tra công tác cải cách hành chính tại huyện Chư Prông");
  CHECK(insp.authority == "UBND tỉnh Gia Lai");
  CHECK(insp.team == "Đoàn kiểm tra công tác CCHC của tỉnh");
  CHECK(insp.scope == std::optional<std::string>("chu-prong"));
  CHECK(insp.from == ymd(2021, 6, 30));
  CHECK(insp.to == ymd(2021, 7, 1));
  CHECK(insp.conclusion.number == "TB-UBND");
  CHECK(insp.conclusion.date == ymd(2021, 7, 15));
  CHECK(insp.conclusion.signed_by == "Nguyễn Tiến Tạo");
  REQUIRE(doc->inspection->scope.has_value());
  CHECK(doc->inspection->scope->pos.line == 8);
  CHECK(doc->inspection->scope->pos.column == 10);

  REQUIRE(doc->units.size() == 5);
  const auto& noi_vu = doc->units[1];
  CHECK(noi_vu.unit.key == "noi-vu");
  CHECK(noi_vu.unit.name == "Phòng Nội vụ");
  CHECK(noi_vu.unit.kind == UnitKind::department);
  CHECK(noi_vu.unit.parent == std::optional<std::string>("chu-prong"));
  CHECK(noi_vu.unit.emails == std::vector<std::string>{"noivu@example.vn"});
  CHECK(noi_vu.pos.line == 19);
  CHECK(noi_vu.pos.column == 5);
  CHECK(noi_vu.parent_pos.line == 19);
  CHECK(noi_vu.parent_pos.column == 65);
  CHECK_FALSE(doc->units[0].unit.parent.has_value());

  REQUIRE(doc->inspection->findings.size() == 2);
  const auto& niem_yet = doc->inspection->findings[0];
  CHECK(niem_yet.finding.inspection == "gia-lai-cchc-2021-chu-prong");
  CHECK(niem_yet.finding.key == "niem-yet");
  CHECK(niem_yet.finding.unit == "chu-prong");
  CHECK(niem_yet.finding.area == "tthc.cong-khai");
  CHECK(niem_yet.finding.severity == Severity::medium);
  CHECK(niem_yet.finding.text == "Việc niêm yết thủ tục hành chính chưa đúng quy định.");
  CHECK(niem_yet.unit_pos.line == 26);
  CHECK(niem_yet.unit_pos.column == 11);
  CHECK_FALSE(doc->inspection->findings[1].finding.severity.has_value());

  // Top-level tasks first, then inline ones.
  const auto& tasks = doc->inspection->tasks;
  REQUIRE(tasks.size() == 4);
  CHECK(tasks[0].key == "bao-cao-khac-phuc");
  CHECK(tasks[1].key == "tu-kiem-tra");
  CHECK(tasks[2].key == "quy-che-lam-viec");
  CHECK(tasks[3].key == "ket-thuc-ho-so");

  const auto& bao_cao = tasks[0];
  CHECK_FALSE(bao_cao.assignees.fan_out);
  REQUIRE(bao_cao.assignees.keys.size() == 3);
  CHECK(bao_cao.assignees.keys[0].key == "bau-can");
  CHECK(bao_cao.assignees.keys[2].key == "ia-me");
  CHECK(bao_cao.assignees.pos.line == 42);
  CHECK(bao_cao.assignees.pos.column == 16);
  REQUIRE(bao_cao.report_to.has_value());
  CHECK(bao_cao.report_to->key == "noi-vu");
  CHECK(bao_cao.report_to->pos.line == 43);
  CHECK(bao_cao.report_to->pos.column == 16);
  REQUIRE(bao_cao.findings.size() == 2);
  CHECK(bao_cao.findings[0].key == "niem-yet");
  CHECK(bao_cao.findings[0].pos.column == 16);
  CHECK(bao_cao.due.form == Due::Form::before);
  CHECK(bao_cao.due.date == ymd(2021, 7, 22));
  CHECK(bao_cao.due.text == "before: 22/7/2021");
  CHECK(bao_cao.due_pos.line == 45);
  CHECK(bao_cao.due_pos.column == 10);

  const auto& tu_kiem_tra = tasks[1];
  CHECK(tu_kiem_tra.assignees.fan_out);
  CHECK(tu_kiem_tra.assignees.kinds == std::vector<UnitKind>{UnitKind::commune, UnitKind::town});
  CHECK_FALSE(tu_kiem_tra.assignees.parent.has_value());
  REQUIRE(tu_kiem_tra.assignees.except.size() == 3);
  CHECK(tu_kiem_tra.assignees.except[1].key == "binh-giao");
  CHECK(tu_kiem_tra.assignees.pos.line == 48);
  CHECK(tu_kiem_tra.assignees.pos.column == 16);

  CHECK(tasks[2].due.form == Due::Form::none);
  CHECK(tasks[2].due.text == "none");
  CHECK_FALSE(tasks[2].report_to.has_value());

  const auto& ket_thuc = tasks[3];
  CHECK(ket_thuc.pos.line == 35);
  CHECK(ket_thuc.pos.column == 9);
  CHECK(ket_thuc.action ==
        "Rà soát, kết thúc các hồ sơ đã trả kết quả trên Hệ thống Một cửa điện tử");
  REQUIRE(ket_thuc.assignees.keys.size() == 1);
  CHECK(ket_thuc.assignees.keys[0].key == "chu-prong");
  CHECK(ket_thuc.assignees.keys[0].pos.line == 31);
  REQUIRE(ket_thuc.findings.size() == 1);
  CHECK(ket_thuc.findings[0].key == "mot-cua-dien-tu");
  CHECK(ket_thuc.due.form == Due::Form::date);
  CHECK(ket_thuc.due.date == ymd(2021, 7, 31));
  CHECK(ket_thuc.due.text == "31/7/2021");
}

TEST_CASE("a file must start with inspection: or units:") {
  Diagnostics diags;
  SUBCASE("an empty file") {
    CHECK_FALSE(parse("", diags).has_value());
    CHECK_ONLY_ERROR(diags, 1, 1,
                     "the file is empty; an inspection file starts with 'inspection:'");
  }
  SUBCASE("only comments") {
    CHECK_FALSE(parse("# nothing yet\n\n", diags).has_value());
    CHECK_ONLY_ERROR(diags, 1, 1, "the file is empty");
  }
  SUBCASE("a list") {
    CHECK_FALSE(parse("\n- key: a\n", diags).has_value());
    CHECK_ONLY_ERROR(diags, 1, 1,
                     "a file must start with a key: 'inspection:' for an inspection file");
    CHECK(import_test::text_of(diags.list()[0]).find("starts with a list") != std::string::npos);
  }
  SUBCASE("a single value") {
    CHECK_FALSE(parse("hello\n", diags).has_value());
    CHECK_ONLY_ERROR(diags, 1, 1, "this one starts with a single value");
  }
}

TEST_CASE("unknown top-level keys") {
  Diagnostics diags;
  SUBCASE("a typo of inspection") {
    CHECK_FALSE(parse("inspecton:\n  key: k\n", diags).has_value());
    CHECK_ONLY_ERROR(
        diags, 1, 1,
        "unknown top-level key 'inspecton'; expected inspection, units, calendar, progress or office "
        "(did you mean 'inspection'?)");
  }
  SUBCASE("beside a valid inspection") {
    const auto doc = parse(kHead + "notes: x\n", diags);
    CHECK(doc.has_value());
    CHECK_ONLY_ERROR(
        diags, 5, 1,
        "unknown top-level key 'notes'; expected inspection, units, calendar, progress or office");
  }
}

TEST_CASE("a progress file is a document of its own kind") {
  // The entries themselves: import_progress_document_test.cpp.
  Diagnostics diags;
  const auto doc =
      parse("# a commune's report\nprogress:\n  - task: a/b@c\n    done: 21/7/2021\n", diags);
  CHECK(diags.empty());
  REQUIRE(doc.has_value());
  CHECK(doc->kind == DocumentKind::progress);
  CHECK(doc->progress.size() == 1);
  CHECK_FALSE(doc->inspection.has_value());
}

TEST_CASE("a units file") {
  Diagnostics diags;
  const auto doc = parse("units:\n  - {key: d, name: D, kind: district}\n", diags);
  CHECK(diags.empty());
  REQUIRE(doc.has_value());
  CHECK(doc->kind == DocumentKind::units);
  CHECK_FALSE(doc->inspection.has_value());
  REQUIRE(doc->units.size() == 1);
  CHECK(doc->units[0].unit.kind == UnitKind::district);
}

TEST_CASE("findings and tasks need an inspection in the same file") {
  Diagnostics diags;
  const auto doc =
      parse("units:\n  - {key: d, name: D, kind: district}\nfindings:\n  - key: f\n", diags);
  REQUIRE(doc.has_value());
  CHECK(doc->kind == DocumentKind::units);
  CHECK_ONLY_ERROR(diags, 3, 1, "'findings' belongs to an inspection; add inspection:");
}

TEST_CASE("unknown keys are reported at the key with the nearest valid key") {
  Diagnostics diags;
  SUBCASE("in a finding") {
    parse(kHead + "findings:\n  - key: f\n    unit: d\n    sevrity: high\n    text: T\n", diags);
    CHECK_ONLY_ERROR(diags, 8, 5, "unknown key 'sevrity' in a finding; did you mean 'severity'?");
  }
  SUBCASE("in the inspection") {
    parse("inspection:\n  key: k\n  title: T\n  autority: UBND\n", diags);
    CHECK_ONLY_ERROR(diags, 4, 3,
                     "unknown key 'autority' in the inspection; did you mean 'authority'?");
  }
  SUBCASE("in the conclusion") {
    parse(kHead + "  conclusion: {numbr: 12/TB}\n", diags);
    CHECK_ONLY_ERROR(diags, 5, 16, "unknown key 'numbr' in the conclusion; did you mean 'number'?");
  }
  SUBCASE("in a unit") {
    parse("units:\n  - {key: d, nam: D, name: D, kind: district}\n", diags);
    CHECK_ONLY_ERROR(diags, 2, 14, "unknown key 'nam' in a unit; did you mean 'name'?");
  }
  SUBCASE("in a task, a fan-out and a due") {
    parse(kHead +
              "tasks:\n  - key: t\n    action: A\n    asignee: x\n"
              "    assignees: {kind: commune, exept: [a]}\n    due: {befor: 1/8/2021}\n",
          diags);
    INFO(import_test::dump(diags));
    CHECK(diags.size() == 3);
    CHECK_ERROR(diags, 8, 5, "unknown key 'asignee' in a task; did you mean 'assignees'?");
    CHECK_ERROR(diags, 9, 32, "unknown key 'exept' in a fan-out; did you mean 'except'?");
    CHECK_ERROR(diags, 10, 11, "unknown key 'befor' in a due; did you mean 'before'?");
  }
  SUBCASE("nothing near: the valid keys are listed") {
    parse(kHead + "findings:\n  - {key: f, unit: d, text: T, zzzzzz: 1}\n", diags);
    CHECK_ONLY_ERROR(diags, 6, 32,
                     "unknown key 'zzzzzz' in a finding; expected key, unit, area, severity, text, "
                     "legal_basis, indicator or tasks");
  }
}

TEST_CASE("missing required keys are reported at their mapping") {
  Diagnostics diags;
  SUBCASE("title of the inspection") {
    const auto doc = parse("# header\ninspection:\n  key: k\n  kind: visit\n", diags);
    CHECK(doc.has_value());
    CHECK_ONLY_ERROR(diags, 3, 3, "missing 'title' in the inspection; add title: …");
  }
  SUBCASE("key of the inspection") {
    parse("inspection: {title: T}\n", diags);
    CHECK_ONLY_ERROR(diags, 1, 13, "missing 'key' in the inspection; add key: …");
  }
  SUBCASE("kind and name of a unit") {
    parse("units:\n  - {key: d}\n", diags);
    INFO(import_test::dump(diags));
    CHECK(diags.size() == 2);
    CHECK_ERROR(diags, 2, 5, "missing 'name' in a unit; add name: …");
    CHECK_ERROR(diags, 2, 5, "missing 'kind' in a unit; add kind: …");
  }
  SUBCASE("unit and text of a finding") {
    parse(kHead + "findings:\n  - key: f\n", diags);
    INFO(import_test::dump(diags));
    CHECK(diags.size() == 2);
    CHECK_ERROR(diags, 6, 5, "missing 'unit' in a finding");
    CHECK_ERROR(diags, 6, 5, "missing 'text' in a finding");
  }
  SUBCASE("action and assignees of a task") {
    parse(kHead + "tasks:\n  - key: t\n    due: none\n", diags);
    INFO(import_test::dump(diags));
    CHECK(diags.size() == 2);
    CHECK_ERROR(diags, 6, 5, "missing 'action' in a task; add action: …");
    CHECK_ERROR(diags, 6, 5, "missing 'assignees' in a task; add assignees: …");
  }
}

TEST_CASE("wrong types say what was expected and what was found") {
  Diagnostics diags;
  SUBCASE("findings given a mapping") {
    parse(kHead + "findings:\n  key: f\n  unit: d\n", diags);
    CHECK_ONLY_ERROR(diags, 6, 3,
                     "'findings' must be a list of findings (- key: …), not a mapping");
  }
  SUBCASE("units given a single value") {
    parse("units: chu-prong\n", diags);
    CHECK_ONLY_ERROR(
        diags, 1, 8,
        "'units' must be a list of units (- key: …, name: …, kind: …), not a single value "
        "('chu-prong')");
  }
  SUBCASE("a long value is shown by its start") {
    parse(kHead + "findings: Việc niêm yết thủ tục hành chính chưa đúng quy định\n", diags);
    CHECK_ONLY_ERROR(diags, 5, 11,
                     "'findings' must be a list of findings (- key: …), not a single value ('Việc "
                     "niêm yết thủ tục hành chính chưa đú…')");
  }
  SUBCASE("a title given a list") {
    parse("inspection:\n  key: k\n  title: [a, b]\n", diags);
    CHECK_ONLY_ERROR(diags, 3, 10, "'title' must be a text, not a list");
  }
  SUBCASE("an entry of tasks given a single value") {
    parse(kHead + "tasks:\n  - t\n", diags);
    CHECK_ONLY_ERROR(diags, 6, 5,
                     "each entry of 'tasks' must be a mapping (key: …, action: …, due: …), not a "
                     "single value ('t')");
  }
  SUBCASE("the inspection given a list") {
    parse("inspection:\n  - key: k\n", diags);
    CHECK_ONLY_ERROR(diags, 2, 3, "'inspection' must be a mapping (key: …, title: …), not a list");
  }
  SUBCASE("a key given a mapping") {
    parse("inspection:\n  key: {a: b}\n  title: T\n", diags);
    CHECK_ONLY_ERROR(diags, 2, 8,
                     "'key' must be a key (lowercase ASCII, e.g. bau-can), not a mapping");
  }
}

TEST_CASE("texts are trimmed, NFC-normalized, and may be numbers") {
  Diagnostics diags;
  SUBCASE("a number is a text") {
    const auto doc = parse("inspection:\n  key: k\n  title: 2021\n", diags);
    CHECK(diags.empty());
    CHECK(doc->inspection->inspection.title == "2021");
  }
  SUBCASE("an NFD-typed name becomes the NFC bytes") {
    // "UBND xã Bàu Cạn" typed with combining marks, as some Windows keyboards do.
    const auto doc = parse(
        "units:\n  - key: bau-can\n    name: \"UBND xa\u0303 Ba\u0300u Ca\u0323n\"\n"
        "    kind: commune\n",
        diags);
    CHECK(diags.empty());
    REQUIRE(doc->units.size() == 1);
    CHECK(doc->units[0].unit.name == "UBND x\u00E3 B\u00E0u C\u1EA1n");
  }
  SUBCASE("surrounding spaces go") {
    const auto doc = parse("inspection:\n  key: k\n  title: \"  Kiểm tra  \"\n", diags);
    CHECK(doc->inspection->inspection.title == "Kiểm tra");
  }
  SUBCASE("an empty required text is an error") {
    parse("inspection:\n  key: k\n  title: \"  \"\n", diags);
    CHECK_ONLY_ERROR(diags, 3, 10, "'title' is empty; write title: …");
  }
  SUBCASE("a required text with no value is an error at its key") {
    parse("inspection:\n  key: k\n  title:\n", diags);
    CHECK_ONLY_ERROR(diags, 3, 3, "'title' is empty");
  }
}

TEST_CASE("every text passes the gate: spaces-only is empty, control characters are refused") {
  Diagnostics diags;
  SUBCASE("a required text of only Unicode spaces is empty") {
    parse("inspection:\n  key: k\n  title: \"\u3000\u00A0 \"\n", diags);
    CHECK_ONLY_ERROR(diags, 3, 10, "'title' is empty; write title: …");
  }
  SUBCASE("Unicode spaces around a text go") {
    const auto doc = parse("inspection:\n  key: k\n  title: \"\u3000Kiểm tra\u00A0\"\n", diags);
    CHECK(diags.empty());
    CHECK(doc->inspection->inspection.title == "Kiểm tra");
  }
  SUBCASE("a multi-line text keeps its line feeds and tabs") {
    const auto doc = parse(kHead + "findings:\n  - key: f\n    unit: d\n    text: \"a\\n\\tb\"\n", diags);
    CHECK(diags.empty());
    CHECK(doc->inspection->findings.at(0).finding.text == "a\n\tb");
  }
  SUBCASE("an escape character in a multi-line text") {
    parse(kHead + "findings:\n  - key: f\n    unit: d\n    text: \"a\\e[2Jb\"\n", diags);
    CHECK_ONLY_ERROR(diags, 8, 11, "'text' holds a control character (\\e); remove it");
  }
  SUBCASE("a line separator in a multi-line text") {
    parse(kHead + "findings:\n  - key: f\n    unit: d\n    text: \"a\\Lb\"\n", diags);
    CHECK_ONLY_ERROR(diags, 8, 11, "'text' holds a line separator (\\u{2028}); write an ordinary line break");
  }
  SUBCASE("a tab in a one-line text") {
    parse("inspection:\n  key: k\n  title: T\n  authority: \"UBND\\ttỉnh\"\n", diags);
    CHECK_ONLY_ERROR(diags, 4, 14, "'authority' must be one line; remove the line break or tab");
  }
  SUBCASE("a C1 control written as an escape") {
    parse("inspection:\n  key: k\n  title: \"x\\x9b31m\"\n", diags);
    CHECK_ONLY_ERROR(diags, 3, 10, "'title' holds a control character (\\u{9b})");
  }
  SUBCASE("a bidirectional override") {
    parse("units:\n  - {key: u, name: \"abc\u202Efed\", kind: commune}\n", diags);
    CHECK_ONLY_ERROR(diags, 2, 20, "'name' holds a bidirectional control (\\u{202e})");
  }
  SUBCASE("a reference") {
    parse("inspection:\n  key: k\n  title: T\n  scope: \"d\\e\"\n", diags);
    CHECK_ONLY_ERROR(diags, 4, 10, "'scope' holds a control character (\\e)");
  }
  SUBCASE("a reference of only spaces") {
    parse("inspection:\n  key: k\n  title: T\n  scope: \"\u3000\"\n", diags);
    CHECK_ONLY_ERROR(diags, 4, 10, "'scope' is empty; write scope: followed by a key");
  }
}

TEST_CASE("defined keys must be slugs") {
  Diagnostics diags;
  SUBCASE("Vietnamese letters") {
    parse("units:\n  - {key: bàu-cạn, name: UBND xã Bàu Cạn, kind: commune}\n", diags);
    CHECK_ONLY_ERROR(diags, 2, 11,
                     "'bàu-cạn' is not a key; keys are ASCII: did you mean 'bau-can'?");
  }
  SUBCASE("capitals and spaces") {
    parse("inspection:\n  key: Chu Prong 2021\n  title: T\n", diags);
    CHECK_ONLY_ERROR(
        diags, 2, 8,
        "'Chu Prong 2021' is not a key; keys are lowercase letters, digits, '.', '_' and "
        "'-': did you mean 'chu-prong-2021'?");
  }
  SUBCASE("an entry with a bad key is left out") {
    const auto doc = parse(
        "units:\n  - {key: Bau, name: B, kind: commune}\n  - {key: d, name: D, kind: district}\n",
        diags);
    CHECK(diags.size() == 1);
    REQUIRE(doc->units.size() == 1);
    CHECK(doc->units[0].unit.key == "d");
  }
}

TEST_CASE("enumerations suggest the nearest value") {
  Diagnostics diags;
  SUBCASE("severity") {
    parse(kHead + "findings:\n  - {key: f, unit: d, text: T, severity: hgh}\n", diags);
    CHECK_ONLY_ERROR(diags, 6, 42,
                     "unknown severity 'hgh'; expected low, medium or high (did you mean 'high'?)");
  }
  SUBCASE("unit kind") {
    parse("units:\n  - {key: a, name: A, kind: comune}\n", diags);
    CHECK_ONLY_ERROR(diags, 2, 29,
                     "unknown unit kind 'comune'; expected province, district, commune, ward, "
                     "town, department or agency (did you mean 'commune'?)");
  }
  SUBCASE("inspection kind, with nothing near") {
    parse("inspection:\n  key: k\n  title: T\n  kind: hội nghị\n", diags);
    CHECK_ONLY_ERROR(diags, 4, 9,
                     "unknown inspection kind 'hội nghị'; expected visit, assessment or directive");
  }
  SUBCASE("the inspection kind defaults to visit") {
    const auto doc = parse("inspection:\n  key: k\n  title: T\n  kind: directive\n", diags);
    CHECK(doc->inspection->inspection.kind == InspectionKind::directive);
    const auto plain = parse("inspection:\n  key: k\n  title: T\n", diags);
    CHECK(plain->inspection->inspection.kind == InspectionKind::visit);
    CHECK(diags.empty());
  }
}

TEST_CASE("dates") {
  Diagnostics diags;
  SUBCASE("three spellings, quoted or not") {
    const auto doc = parse(
        "inspection:\n  key: k\n  title: T\n  from: 2021-06-30\n  to: \"01/7/2021\"\n"
        "  conclusion: {date: 15/07/2021}\n",
        diags);
    CHECK(diags.empty());
    const auto& insp = doc->inspection->inspection;
    CHECK(insp.from == ymd(2021, 6, 30));
    CHECK(insp.to == ymd(2021, 7, 1));
    CHECK(insp.conclusion.date == ymd(2021, 7, 15));
  }
  SUBCASE("an impossible date") {
    parse("inspection:\n  key: k\n  title: T\n  from: 30/02/2021\n", diags);
    CHECK_ONLY_ERROR(diags, 4, 9, "30/02/2021 does not exist");
  }
  SUBCASE("another format") {
    parse("inspection:\n  key: k\n  title: T\n  from: 31-07-2021\n", diags);
    CHECK_ONLY_ERROR(diags, 4, 9, "'31-07-2021' is not a date; write 31/7/2021 or 2021-07-31");
  }
  SUBCASE("a date must be a scalar") {
    parse("inspection:\n  key: k\n  title: T\n  from: [30, 6, 2021]\n", diags);
    CHECK_ONLY_ERROR(diags, 4, 9, "'from' must be a date (31/7/2021 or 2021-07-31), not a list");
  }
  SUBCASE("to before from") {
    parse("inspection:\n  key: k\n  title: T\n  from: 30/6/2021\n  to: 1/6/2021\n", diags);
    CHECK_ONLY_ERROR(diags, 5, 7, "'to' (1/6/2021) is before 'from' (30/6/2021)");
  }
}

TEST_CASE("the conclusion") {
  Diagnostics diags;
  SUBCASE("every part is optional") {
    const auto doc = parse(kHead + "  conclusion: {number: TB-UBND}\n", diags);
    CHECK(diags.empty());
    CHECK(doc->inspection->inspection.conclusion.number == "TB-UBND");
    CHECK_FALSE(doc->inspection->inspection.conclusion.date.has_value());
  }
  SUBCASE("it must be a mapping") {
    parse(kHead + "  conclusion: 12/TB-UBND\n", diags);
    CHECK_ONLY_ERROR(diags, 5, 15,
                     "'conclusion' must be a mapping (number: …, date: …, title: …, signed_by: …)");
  }
}

TEST_CASE("unit e-mail addresses") {
  Diagnostics diags;
  SUBCASE("one address or a list, trimmed") {
    const auto doc = parse(
        "units:\n  - {key: a, name: A, kind: agency, email: \" a@x.vn \"}\n"
        "  - {key: b, name: B, kind: agency, email: [b@x.vn, c@y.gov.vn]}\n",
        diags);
    CHECK(diags.empty());
    CHECK(doc->units[0].unit.emails == std::vector<std::string>{"a@x.vn"});
    CHECK(doc->units[1].unit.emails == std::vector<std::string>{"b@x.vn", "c@y.gov.vn"});
  }
  SUBCASE("not an address") {
    parse("units:\n  - {key: a, name: A, kind: agency, email: [ok@x.vn, noivu@example]}\n", diags);
    CHECK_ONLY_ERROR(
        diags, 2, 54,
        "'noivu@example' is not an e-mail address; write one address like name@example.vn");
  }
  SUBCASE("a display name or a line break could forge a header") {
    parse(
        "units:\n  - key: a\n    name: A\n    kind: agency\n"
        "    email: [\"Phòng <a@x.vn>\", \"a@x.vn\\nBcc: all@x.vn\"]\n",
        diags);
    INFO(import_test::dump(diags));
    CHECK(diags.size() == 2);
    CHECK_ERROR(diags, 5, 13, "is not an e-mail address");
    CHECK_ERROR(diags, 5, 31, "is not an e-mail address");
  }
  SUBCASE("several addresses in one string") {
    parse("units:\n  - key: a\n    name: A\n    kind: agency\n    email: a@x.vn, b@x.vn\n", diags);
    CHECK_ONLY_ERROR(
        diags, 5, 12,
        "'a@x.vn, b@x.vn' holds several addresses; write them as a list: [a@x.vn, b@x.vn]");
  }
}

TEST_CASE("keys defined twice in a file: the second is reported, naming the first line") {
  Diagnostics diags;
  SUBCASE("units") {
    const auto doc = parse(
        "units:\n  - {key: a, name: A, kind: commune}\n  - {key: b, name: B, kind: commune}\n"
        "  - {key: a, name: A2, kind: commune}\n",
        diags);
    CHECK_ONLY_ERROR(diags, 4, 11, "unit 'a' is already defined at line 2");
    CHECK(doc->units.size() == 2);
  }
  SUBCASE("findings") {
    parse(kHead + "findings:\n  - {key: f, unit: d, text: T}\n  - {key: f, unit: d, text: U}\n",
          diags);
    CHECK_ONLY_ERROR(diags, 7, 11, "finding 'f' is already defined at line 6");
  }
  SUBCASE("tasks, top-level and inline, in file order") {
    const auto doc = parse(kHead +
                               "findings:\n  - key: f\n    unit: d\n    text: T\n    tasks:\n"
                               "      - {key: t, action: A, due: none}\n"
                               "tasks:\n  - {key: t, action: B, assignees: d, due: none}\n",
                           diags);
    CHECK_ONLY_ERROR(diags, 12, 11, "task 't' is already defined at line 10");
    CHECK(doc->inspection->tasks.size() == 1);
  }
}

TEST_CASE("findings: area, severity and indicator") {
  Diagnostics diags;
  SUBCASE("an indicator with a decimal point and a decimal comma") {
    const auto doc = parse(
        kHead +
            "findings:\n  - key: f\n    unit: d\n    text: T\n    legal_basis: Nghị định 61/2018\n"
            "    indicator: {name: Chỉ số CCHC, value: 80.11, target: \"85,5\", unit: điểm}\n",
        diags);
    CHECK(diags.empty());
    const auto& f = doc->inspection->findings[0].finding;
    CHECK(f.legal_basis == "Nghị định 61/2018");
    REQUIRE(f.indicator.has_value());
    CHECK(f.indicator->name == "Chỉ số CCHC");
    CHECK(f.indicator->value == doctest::Approx(80.11));
    CHECK(f.indicator->target == doctest::Approx(85.5));
    CHECK(f.indicator->unit == "điểm");
  }
  SUBCASE("a value with a percent sign") {
    parse(
        kHead + "findings:\n  - {key: f, unit: d, text: T, indicator: {value: 12%, unit: \"%\"}}\n",
        diags);
    CHECK_ONLY_ERROR(diags, 6, 51, "'12%' is not a number; write 12 and put '%' in unit:");
  }
  SUBCASE("a value that is not a number") {
    parse(kHead + "findings:\n  - {key: f, unit: d, text: T, indicator: {target: cao}}\n", diags);
    CHECK_ONLY_ERROR(diags, 6, 52, "'cao' is not a number; write it like 80.11 or 80,11");
  }
  SUBCASE("an area code that is not a slug") {
    parse(kHead + "findings:\n  - {key: f, unit: d, text: T, area: TTHC công khai}\n", diags);
    CHECK_ONLY_ERROR(diags, 6, 38,
                     "'TTHC công khai' is not an area code; codes are lowercase ASCII like "
                     "tthc.cong-khai: did you mean 'tthc-cong-khai'?");
  }
}

TEST_CASE("assignees") {
  Diagnostics diags;
  const auto task = [&](const std::string& assignees) {
    return parse(kHead + "tasks:\n  - key: t\n    action: A\n    assignees: " + assignees +
                     "\n    due: none\n",
                 diags);
  };
  SUBCASE("one key") {
    const auto doc = task("bau-can");
    CHECK(diags.empty());
    const auto& a = doc->inspection->tasks[0].assignees;
    REQUIRE(a.keys.size() == 1);
    CHECK(a.keys[0].key == "bau-can");
    CHECK(a.keys[0].pos.line == 8);
    CHECK(a.keys[0].pos.column == 16);
  }
  SUBCASE("a list keeps its order") {
    const auto doc = task("[ia-me, bau-can]");
    const auto& a = doc->inspection->tasks[0].assignees;
    REQUIRE(a.keys.size() == 2);
    CHECK(a.keys[0].key == "ia-me");
    CHECK(a.keys[1].key == "bau-can");
  }
  SUBCASE("a key listed twice") {
    task("[ia-me, bau-can, ia-me]");
    CHECK_ONLY_ERROR(diags, 8, 33, "'ia-me' is listed twice in 'assignees' (first at line 8)");
  }
  SUBCASE("an empty list") {
    task("[]");
    CHECK_ONLY_ERROR(diags, 8, 16, "'assignees' is an empty list; name at least one unit");
  }
  SUBCASE("a fan-out with one kind and a parent") {
    const auto doc = task("{kind: ward, parent: chu-se, except: ia-blang}");
    CHECK(diags.empty());
    const auto& a = doc->inspection->tasks[0].assignees;
    CHECK(a.fan_out);
    CHECK(a.kinds == std::vector<UnitKind>{UnitKind::ward});
    REQUIRE(a.parent.has_value());
    CHECK(a.parent->key == "chu-se");
    CHECK(a.parent->pos.column == 37);
    REQUIRE(a.except.size() == 1);
    CHECK(a.except[0].key == "ia-blang");
  }
  SUBCASE("a fan-out without kind") {
    task("{parent: d}");
    CHECK_ONLY_ERROR(diags, 8, 16, "missing 'kind' in a fan-out; add kind: …");
  }
  SUBCASE("a fan-out with an unknown kind") {
    task("{kind: [commune, twn]}");
    CHECK_ONLY_ERROR(diags, 8, 33, "unknown unit kind 'twn'");
  }
  SUBCASE("a fan-out with neither parent nor scope") {
    parse(
        "inspection: {key: k, title: T}\ntasks:\n  - key: t\n    action: A\n"
        "    assignees: {kind: commune}\n    due: none\n",
        diags);
    CHECK_ONLY_ERROR(diags, 5, 16,
                     "the fan-out has no parent and the inspection has no scope; add parent: UNIT");
  }
  SUBCASE("a fan-out with a parent needs no scope") {
    parse(
        "inspection: {key: k, title: T}\ntasks:\n  - key: t\n    action: A\n"
        "    assignees: {kind: commune, parent: d}\n    due: none\n",
        diags);
    CHECK(diags.empty());
  }
  SUBCASE("inline tasks default to the finding's unit, or say otherwise") {
    const auto doc =
        parse(kHead +
                  "findings:\n  - key: f\n    unit: ia-me\n    text: T\n    tasks:\n"
                  "      - {key: a, action: A, due: none}\n"
                  "      - {key: b, action: B, assignees: [d], findings: f, due: none}\n",
              diags);
    CHECK(diags.empty());
    const auto& tasks = doc->inspection->tasks;
    REQUIRE(tasks.size() == 2);
    REQUIRE(tasks[0].assignees.keys.size() == 1);
    CHECK(tasks[0].assignees.keys[0].key == "ia-me");
    CHECK(tasks[0].assignees.pos.line == 10);
    CHECK(tasks[1].assignees.keys[0].key == "d");
    // Listing its own finding again is fine: resolve() makes the list unique.
    CHECK(tasks[1].findings.size() == 2);
    CHECK(tasks[0].findings.size() == 1);
    CHECK(tasks[0].findings[0].key == "f");
  }
}

TEST_CASE("due forms") {
  Diagnostics diags;
  const auto due_of = [&](const std::string& due) {
    const auto doc = parse(task_with_due(due), diags);
    REQUIRE(doc.has_value());
    REQUIRE(doc->inspection->tasks.size() == 1);
    return doc->inspection->tasks[0].due;
  };
  SUBCASE("a date") {
    const Due due = due_of("31/7/2021");
    CHECK(diags.empty());
    CHECK(due.form == Due::Form::date);
    CHECK(due.date == ymd(2021, 7, 31));
    CHECK(due.text == "31/7/2021");
  }
  SUBCASE("none, in any case, or không") {
    for (const char* word : {"none", "None", "NONE", "không", "Không"}) {
      const Due due = due_of(word);
      CHECK(due.form == Due::Form::none);
      CHECK(due.text == word);
    }
    CHECK(diags.empty());
  }
  SUBCASE("none in quotes is text") {
    due_of("\"none\"");
    CHECK_ONLY_ERROR(diags, 9, 10,
                     "'none' in quotes is text, not a deadline; write due: none without quotes");
  }
  SUBCASE("by and before") {
    const Due by = due_of("{by: 2021-07-22}");
    CHECK(by.form == Due::Form::by);
    CHECK(by.date == ymd(2021, 7, 22));
    CHECK(by.text == "by: 2021-07-22");
    const Due before = due_of("{before: 22/7/2021}");
    CHECK(before.form == Due::Form::before);
    CHECK(before.text == "before: 22/7/2021");
    CHECK(diags.empty());
  }
  SUBCASE("both by and before") {
    due_of("{by: 22/7/2021, before: 23/7/2021}");
    CHECK_ONLY_ERROR(diags, 9, 26, "a due has both 'by' and 'before'; write only one of them");
  }
  SUBCASE("within days from a date") {
    const Due due = due_of("{within: 10 days, from: 15/7/2021}");
    CHECK(diags.empty());
    CHECK(due.form == Due::Form::within);
    CHECK(due.period == 10);
    CHECK(due.counting == Due::Counting::calendar_days);
    CHECK(due.anchor == Due::Anchor::date);
    CHECK(due.anchor_date == ymd(2021, 7, 15));
    CHECK(due.text == "within: 10 days, from: 15/7/2021");
  }
  SUBCASE("within ngày from the conclusion or the end of the visit") {
    const Due due = due_of("{within: 15 ngày, from: conclusion.date}");
    CHECK(due.anchor == Due::Anchor::conclusion_date);
    CHECK(due.period == 15);
    CHECK(due.text == "within: 15 ngày, from: conclusion.date");
    CHECK(due_of("{within: 5 days, from: inspection.to}").anchor == Due::Anchor::inspection_to);
    CHECK(diags.empty());
  }
  SUBCASE("within working days, in Vietnamese or English") {
    const Due due = due_of("{within: 15 ngày làm việc, from: conclusion.date}");
    CHECK(due.counting == Due::Counting::working_days);
    CHECK(due.period == 15);
    CHECK(due_of("{within: 10 Working Days, from: 1/7/2021}").counting == Due::Counting::working_days);
    CHECK(diags.empty());
  }
  SUBCASE("day and period.end belong to repeating tasks") {
    due_of("{day: 15}");
    CHECK_ONLY_ERROR(diags, 9, 10, "'day' is for a repeating task");
  }
  SUBCASE("within without from") {
    due_of("{within: 15 days}");
    CHECK_ONLY_ERROR(diags, 9, 10, "'within' needs 'from:'");
    CHECK(import_test::text_of(diags.list()[0]).find("from: conclusion.date") != std::string::npos);
  }
  SUBCASE("a from that is nearly an anchor") {
    due_of("{within: 15 days, from: conclusion.day}");
    CHECK_ONLY_ERROR(diags, 9, 34, "did you mean 'conclusion.date'?");
  }
  SUBCASE("a from that is a bad date") {
    due_of("{within: 15 days, from: 15.7.2021}");
    CHECK_ONLY_ERROR(diags, 9, 34, "'15.7.2021' is not a date");
  }
  SUBCASE("not a period") {
    due_of("{within: mười ngày, from: conclusion.date}");
    CHECK_ONLY_ERROR(diags, 9, 19, "'mười ngày' is not a period; write '10 days' or '10 working days'");
  }
  SUBCASE("from without within") {
    due_of("{before: 1/8/2021, from: conclusion.date}");
    CHECK_ONLY_ERROR(diags, 9, 29, "'from' goes with 'within', not with 'before'");
  }
  SUBCASE("a bad date") {
    due_of("31-07-2021");
    CHECK_ONLY_ERROR(diags, 9, 10, "'31-07-2021' is not a date; write 31/7/2021 or 2021-07-31");
  }
  SUBCASE("a list") {
    due_of("[31/7/2021]");
    CHECK_ONLY_ERROR(
        diags, 9, 10,
        "'due' must be a date, {before: DATE}, {within: …, from: …} or none, not a list");
  }
  SUBCASE("no due at all") {
    parse(kHead + "tasks:\n  - key: t\n    action: A\n    assignees: d\n", diags);
    CHECK_ONLY_ERROR(diags, 6, 5,
                     "task 't' has no due; write a date, {before: DATE}, {within: …} or none");
  }
  SUBCASE("an empty due") {
    parse(kHead + "tasks:\n  - key: t\n    action: A\n    assignees: d\n    due:\n", diags);
    CHECK_ONLY_ERROR(diags, 9, 5, "task 't' has no due");
  }
}

TEST_CASE("every error in a file is reported, not only the first") {
  Diagnostics diags;
  const auto doc = parse(kHead +
                             "units:\n  - {key: d, name: D, kind: distrct}\n"
                             "findings:\n  - {key: f, unit: d, text: T, severity: hgh}\n"
                             "tasks:\n  - {key: t, action: A, assignees: d, due: 30/02/2021}\n",
                         diags);
  REQUIRE(doc.has_value());
  INFO(import_test::dump(diags));
  CHECK(diags.size() == 3);
  CHECK_ERROR(diags, 6, 29, "unknown unit kind 'distrct'");
  CHECK_ERROR(diags, 8, 42, "unknown severity 'hgh'");
  CHECK_ERROR(diags, 10, 44, "30/02/2021 does not exist");
  // The rest was still read.
  CHECK(doc->units.size() == 1);
  CHECK(doc->inspection->findings.size() == 1);
  CHECK(doc->inspection->tasks.size() == 1);
}

TEST_CASE("messages in Vietnamese") {
  Diagnostics diags;
  parse(kHead + "findings:\n  - {key: f, unit: d, sevrity: high, text: T}\n", diags, Lang::vi);
  CHECK_ONLY_ERROR(
      diags, 6, 23,
      "khóa 'sevrity' không hợp lệ trong một tồn tại, hạn chế (finding); có phải ý bạn là "
      "'severity'?");
  Diagnostics more;
  parse("inspection:\n  key: k\n", more, Lang::vi);
  CHECK_ONLY_ERROR(more, 2, 3, "thiếu 'title' trong đợt kiểm tra (inspection); thêm title: …");
}

TEST_CASE("load_document reads a file") {
  const auto path = std::filesystem::temp_directory_path() / "inspectrack-load-document-test.yaml";
  {
    std::ofstream out(path, std::ios::binary);
    out << "\xEF\xBB\xBFunits:\r\n  - {key: d, name: D, kind: sevrity}\r\n";
  }
  Diagnostics diags;
  const auto doc = load_document(path.string(), {}, diags);
  std::filesystem::remove(path);
  REQUIRE(doc.has_value());
  CHECK_ONLY_ERROR(diags, 2, 29, "unknown unit kind 'sevrity'");
  CHECK(diags.list()[0].where.file == path.string());

  Diagnostics none;
  try {
    load_document((std::filesystem::temp_directory_path() / "inspectrack-no-such-file.yaml").string(), {},
                  none);
    FAIL("no exception");
  } catch (const InputError& e) {
    CHECK(e.code() == ExitCode::no_input);
  }
}
