#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "import_test_support.hpp"
#include "inspectrack/import/document.hpp"
#include "inspectrack/model/lifecycle.hpp"

using import_test::parse;
using inspectrack::import::Diagnostics;
using inspectrack::import::DocumentKind;
using inspectrack::import::load_document;
using inspectrack::import::ProgressEntry;
using inspectrack::model::Date;
using inspectrack::model::TaskChange;
using inspectrack::text::Lang;
using Kind = inspectrack::model::TaskChange::Kind;

namespace {

Date ymd(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

// The example of inspectrack(5): `progress:` is line 1.
const std::string kSpecExample =
    "progress:\n"
    "  - task: gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@bau-can\n"
    "    done: 21/7/2021\n"
    "    evidence: Báo cáo số 45/BC-UBND ngày 21/7/2021\n"
    "  - task: gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@ia-me\n"
    "    extend: {to: 05/8/2021, reason: Chờ kết quả kiểm điểm, approved_by: Phó Chủ tịch UBND "
    "huyện}\n";

// One entry for task k/t@u, written on line 2; `rest` is the rest of the entry, its
// lines indented by four spaces, starting on line 3.
std::string entry(const std::string& rest) { return "progress:\n  - task: k/t@u\n" + rest; }

// The only entry a progress file holds; fails the test when it holds another number.
ProgressEntry only_entry(const std::string& yaml, Diagnostics& diags) {
  const auto doc = parse(yaml, diags);
  INFO(import_test::dump(diags));
  REQUIRE(diags.empty());
  REQUIRE(doc.has_value());
  CHECK(doc->kind == DocumentKind::progress);
  REQUIRE(doc->progress.size() == 1);
  return doc->progress.front();
}

// The change of the only entry of a progress file.
TaskChange change_of(const std::string& yaml) {
  Diagnostics diags;
  return only_entry(yaml, diags).change;
}

}  // namespace

TEST_CASE("the progress example of inspectrack(5) parses into two changes") {
  Diagnostics diags;
  const auto doc = parse(kSpecExample, diags, Lang::en, "bao-cao.yaml");
  INFO(import_test::dump(diags));
  REQUIRE(diags.empty());
  REQUIRE(doc.has_value());
  CHECK(doc->kind == DocumentKind::progress);
  CHECK(doc->path == "bao-cao.yaml");
  CHECK_FALSE(doc->inspection.has_value());
  CHECK(doc->units.empty());
  REQUIRE(doc->progress.size() == 2);

  const ProgressEntry& done = doc->progress[0];
  CHECK(done.task.key == "gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@bau-can");
  CHECK(done.task.pos.file == "bao-cao.yaml");
  CHECK(done.task.pos.line == 2);
  CHECK(done.task.pos.column == 11);
  CHECK(done.pos.line == 2);
  CHECK(done.pos.column == 5);
  CHECK(done.change.kind == Kind::done);
  CHECK(done.change.on == ymd(2021, 7, 21));
  CHECK_FALSE(done.change.to.has_value());
  CHECK(done.change.text == "Báo cáo số 45/BC-UBND ngày 21/7/2021");
  CHECK(done.change.approved_by.empty());
  CHECK(done.by.empty());

  const ProgressEntry& extend = doc->progress[1];
  CHECK(extend.task.key == "gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@ia-me");
  CHECK(extend.pos.line == 5);
  CHECK(extend.change.kind == Kind::extend);
  CHECK(extend.change.to == ymd(2021, 8, 5));
  CHECK_FALSE(extend.change.on.has_value());
  CHECK(extend.change.text == "Chờ kết quả kiểm điểm");
  CHECK(extend.change.approved_by == "Phó Chủ tịch UBND huyện");
}

TEST_CASE("each shape of a change") {
  SUBCASE("done: DATE") {
    const TaskChange c = change_of(entry("    done: 2021-07-21\n"));
    CHECK(c.kind == Kind::done);
    CHECK(c.on == ymd(2021, 7, 21));
    CHECK(c.text.empty());
  }
  SUBCASE("done: {on: DATE, evidence: TEXT}") {
    const TaskChange c = change_of(entry("    done: {on: 21/07/2021, evidence: BC 45}\n"));
    CHECK(c.kind == Kind::done);
    CHECK(c.on == ymd(2021, 7, 21));
    CHECK(c.text == "BC 45");
  }
  SUBCASE("done as a block mapping with an empty evidence") {
    const TaskChange c = change_of(entry("    done:\n      on: 21/7/2021\n      evidence:\n"));
    CHECK(c.on == ymd(2021, 7, 21));
    CHECK(c.text.empty());
  }
  SUBCASE("extend without approved_by") {
    const TaskChange c = change_of(entry("    extend: {to: 5/8/2021, reason: Chờ họp}\n"));
    CHECK(c.kind == Kind::extend);
    CHECK(c.to == ymd(2021, 8, 5));
    CHECK(c.text == "Chờ họp");
    CHECK(c.approved_by.empty());
  }
  SUBCASE("cancel: REASON") {
    const TaskChange c = change_of(entry("    cancel: Không còn phù hợp\n"));
    CHECK(c.kind == Kind::cancel);
    CHECK(c.text == "Không còn phù hợp");
    CHECK_FALSE(c.on.has_value());
  }
  SUBCASE("cancel: {reason: REASON}") {
    const TaskChange c = change_of(entry("    cancel: {reason: Đã sáp nhập}\n"));
    CHECK(c.kind == Kind::cancel);
    CHECK(c.text == "Đã sáp nhập");
  }
  SUBCASE("reopen: REASON") {
    const TaskChange c = change_of(entry("    reopen: Báo cáo chưa đủ\n"));
    CHECK(c.kind == Kind::reopen);
    CHECK(c.text == "Báo cáo chưa đủ");
  }
  SUBCASE("reopen: {reason: REASON}") {
    const TaskChange c = change_of(entry("    reopen:\n      reason: Báo cáo chưa đủ\n"));
    CHECK(c.kind == Kind::reopen);
    CHECK(c.text == "Báo cáo chưa đủ");
  }
  SUBCASE("verify: DATE") {
    const TaskChange c = change_of(entry("    verify: 2/8/2021\n"));
    CHECK(c.kind == Kind::verify);
    CHECK(c.on == ymd(2021, 8, 2));
    CHECK(c.text.empty());
  }
  SUBCASE("verify: {on: DATE, note: TEXT}") {
    const TaskChange c = change_of(entry("    verify: {on: 2/8/2021, note: Đã kiểm tra}\n"));
    CHECK(c.kind == Kind::verify);
    CHECK(c.on == ymd(2021, 8, 2));
    CHECK(c.text == "Đã kiểm tra");
  }
  SUBCASE("note: TEXT") {
    const TaskChange c = change_of(entry("    note: '  Đã nhắc qua điện thoại  '\n"));
    CHECK(c.kind == Kind::note);
    CHECK(c.text == "Đã nhắc qua điện thoại");
  }
}

TEST_CASE("the task key, who reported and the texts of an entry") {
  Diagnostics diags;
  SUBCASE("by, and a one-line entry") {
    const ProgressEntry e =
        only_entry("progress:\n  - {task: k/t@u, note: x, by: Nguyễn Văn A}\n", diags);
    CHECK(e.task.key == "k/t@u");
    CHECK(e.task.pos.line == 2);
    CHECK(e.task.pos.column == 12);
    CHECK(e.by == "Nguyễn Văn A");
  }
  SUBCASE("an empty by is not given") {
    CHECK(only_entry(entry("    note: x\n    by:\n"), diags).by.empty());
  }
  SUBCASE("a period of a recurring task") {
    const ProgressEntry e =
        only_entry("progress:\n  - {task: k/bao-cao-quy@xa-a#2021-Q3, done: 15/10/2021}\n", diags);
    CHECK(e.task.key == "k/bao-cao-quy@xa-a#2021-Q3");
  }
  SUBCASE("texts are NFC-normalized") {
    // "Bàu Cạn" with its tone marks as combining characters (NFD).
    const std::string nfd = "Ba\xcc\x80u Ca\xcc\xa3n";
    const ProgressEntry e = only_entry(
        entry("    done: {on: 21/7/2021, evidence: " + nfd + "}\n    by: " + nfd + "\n"), diags);
    CHECK(e.change.text == "Bàu Cạn");
    CHECK(e.by == "Bàu Cạn");
  }
  SUBCASE("entries stay in file order, the same task more than once") {
    const auto doc = parse(
        "progress:\n  - {task: k/t@u, done: 21/7/2021}\n  - {task: k/t@u, verify: 22/7/2021}\n"
        "  - {task: k/t@v, note: x}\n",
        diags);
    REQUIRE(diags.empty());
    REQUIRE(doc->progress.size() == 3);
    CHECK(doc->progress[0].change.kind == Kind::done);
    CHECK(doc->progress[1].change.kind == Kind::verify);
    CHECK(doc->progress[2].task.key == "k/t@v");
  }
}

TEST_CASE("errors in the progress list") {
  Diagnostics diags;
  SUBCASE("an empty list") {
    const auto doc = parse("progress: []\n", diags);
    CHECK_ONLY_ERROR(diags, 1, 11, "the progress list is empty; add an entry for each change");
    REQUIRE(doc.has_value());
    CHECK(doc->kind == DocumentKind::progress);
    CHECK(doc->progress.empty());
  }
  SUBCASE("nothing after progress:") {
    parse("# report\nprogress:\n", diags);
    CHECK_ONLY_ERROR(diags, 2, 1, "the progress list is empty");
  }
  SUBCASE("a mapping instead of a list") {
    parse("progress:\n  task: k/t@u\n  done: 21/7/2021\n", diags);
    CHECK_ONLY_ERROR(diags, 2, 3,
                     "'progress' must be a list of changes (- task: …, done: …), not a mapping");
  }
  SUBCASE("an entry that is not a mapping") {
    const auto doc = parse("progress:\n  - k/t@u\n  - {task: k/t@v, note: x}\n", diags);
    CHECK_ONLY_ERROR(diags, 2, 5,
                     "each entry of 'progress' must be a mapping (task: …, done: …), not a single "
                     "value ('k/t@u')");
    REQUIRE(doc.has_value());
    REQUIRE(doc->progress.size() == 1);
    CHECK(doc->progress[0].task.key == "k/t@v");
  }
}

TEST_CASE("errors in the task key") {
  Diagnostics diags;
  SUBCASE("no task") {
    parse("progress:\n  - done: 21/7/2021\n", diags);
    CHECK_ONLY_ERROR(diags, 2, 5, "missing 'task' in a progress entry; add task: …");
  }
  SUBCASE("an empty task") {
    parse("progress:\n  - task:\n    done: 21/7/2021\n", diags);
    CHECK_ONLY_ERROR(diags, 2, 5,
                     "'task' is empty; write task: INSPECTION/TASK@UNIT, e.g. "
                     "gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@bau-can");
  }
  SUBCASE("the task key without its unit") {
    parse("progress:\n  - task: gia-lai/bao-cao\n    done: 21/7/2021\n", diags);
    CHECK_ONLY_ERROR(diags, 2, 11,
                     "'gia-lai/bao-cao' is not a task key; write INSPECTION/TASK@UNIT (and #PERIOD "
                     "for a recurring task), e.g. "
                     "gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@bau-can");
  }
  SUBCASE("a task key with an empty period") {
    parse("progress:\n  - {task: 'k/t@u#', note: x}\n", diags);
    CHECK_ONLY_ERROR(diags, 2, 12, "'k/t@u#' is not a task key");
  }
  SUBCASE("a unit's name in the key, with the key to write") {
    parse("progress:\n  - task: k/t@Bàu Cạn\n    note: x\n", diags);
    CHECK_ONLY_ERROR(diags, 2, 11,
                     "'k/t@Bàu Cạn' is not a key; keys are ASCII: did you mean 'k/t@bau-can'?");
  }
  SUBCASE("a list") {
    parse("progress:\n  - task: [k/t@u, k/t@v]\n    note: x\n", diags);
    CHECK_ONLY_ERROR(diags, 2, 11,
                     "'task' must be a task key (INSPECTION/TASK@UNIT), not a list");
  }
}

TEST_CASE("errors in the change of an entry") {
  Diagnostics diags;
  SUBCASE("no change") {
    parse(entry("    by: Nguyễn Văn A\n"), diags);
    CHECK_ONLY_ERROR(diags, 2, 5,
                     "nothing to record for task 'k/t@u'; add one of done, extend, cancel, reopen, "
                     "verify or note");
  }
  SUBCASE("no change and no task") {
    parse("progress:\n  - by: A\n", diags);
    CHECK(diags.size() == 2);
    CHECK_ERROR(diags, 2, 5, "missing 'task'");
    CHECK_ERROR(diags, 2, 5,
                "an entry has no change; add one of done, extend, cancel, reopen, verify or note");
  }
  SUBCASE("two changes: the error is at the second") {
    const auto doc = parse(entry("    done: 21/7/2021\n    note: x\n"), diags);
    CHECK_ONLY_ERROR(diags, 4, 5,
                     "an entry has both 'done' and 'note'; write one change per entry (repeat the "
                     "task in another entry)");
    REQUIRE(doc.has_value());
    CHECK(doc->progress.empty());
  }
  SUBCASE("three changes: two errors") {
    parse("progress:\n  - {task: k/t@u, cancel: x, reopen: y, note: z}\n", diags);
    CHECK(diags.size() == 2);
    CHECK_ERROR(diags, 2, 30, "an entry has both 'cancel' and 'reopen'");
    CHECK_ERROR(diags, 2, 41, "an entry has both 'cancel' and 'note'");
  }
  SUBCASE("evidence with another change") {
    parse(entry("    extend: {to: 5/8/2021, reason: r}\n    evidence: BC 45\n"), diags);
    CHECK_ONLY_ERROR(diags, 4, 5, "'evidence' goes with 'done', not with 'extend'");
  }
  SUBCASE("evidence in done and beside it") {
    parse(entry("    done: {on: 21/7/2021, evidence: a}\n    evidence: b\n"), diags);
    CHECK_ONLY_ERROR(diags, 4, 5, "'evidence' is given twice, in 'done' and beside it; keep one");
  }
  SUBCASE("an unknown key, with the nearest one") {
    parse(entry("    done: 21/7/2021\n    evidense: BC 45\n"), diags);
    CHECK_ONLY_ERROR(diags, 4, 5,
                     "unknown key 'evidense' in a progress entry; did you mean 'evidence'?");
  }
  SUBCASE("a typo of the change itself") {
    parse(entry("    don: 21/7/2021\n"), diags);
    CHECK(diags.size() == 2);
    CHECK_ERROR(diags, 3, 5, "unknown key 'don' in a progress entry; did you mean 'done'?");
    CHECK_ERROR(diags, 2, 5, "nothing to record for task 'k/t@u'");
  }
  SUBCASE("a list as evidence") {
    parse(entry("    done: 21/7/2021\n    evidence: [a, b]\n"), diags);
    CHECK_ONLY_ERROR(diags, 4, 15, "'evidence' must be a text, not a list");
  }
}

TEST_CASE("errors in done and verify") {
  Diagnostics diags;
  SUBCASE("done with no day") {
    parse(entry("    done:\n"), diags);
    CHECK_ONLY_ERROR(diags, 3, 5, "'done' is empty; write the day, e.g. done: 21/7/2021");
  }
  SUBCASE("done on a day written otherwise") {
    parse(entry("    done: 21-07-2021\n"), diags);
    CHECK_ONLY_ERROR(diags, 3, 11, "'21-07-2021' is not a date; write 31/7/2021 or 2021-07-31");
  }
  SUBCASE("done on an impossible day") {
    parse(entry("    done: 30/2/2021\n"), diags);
    CHECK_ONLY_ERROR(diags, 3, 11, "30/2/2021 does not exist");
  }
  SUBCASE("done as a list") {
    parse(entry("    done: [21/7/2021]\n"), diags);
    CHECK_ONLY_ERROR(diags, 3, 11,
                     "'done' must be a date or {on: DATE, evidence: …}, not a list");
  }
  SUBCASE("done without on") {
    parse(entry("    done: {evidence: BC 45}\n"), diags);
    CHECK_ONLY_ERROR(diags, 3, 11, "missing 'on' in 'done'; add on: …");
  }
  SUBCASE("an unknown key in done") {
    parse(entry("    done: {on: 21/7/2021, evidance: BC 45}\n"), diags);
    CHECK_ONLY_ERROR(diags, 3, 27, "unknown key 'evidance' in 'done'; did you mean 'evidence'?");
  }
  SUBCASE("verify with no day") {
    parse(entry("    verify:\n"), diags);
    CHECK_ONLY_ERROR(diags, 3, 5, "'verify' is empty; write the day, e.g. verify: 21/7/2021");
  }
  SUBCASE("verify without on") {
    parse(entry("    verify: {note: ok}\n"), diags);
    CHECK_ONLY_ERROR(diags, 3, 13, "missing 'on' in 'verify'; add on: …");
  }
  SUBCASE("verify on an empty on") {
    parse(entry("    verify: {on: , note: ok}\n"), diags);
    CHECK_ONLY_ERROR(diags, 3, 14, "'on' is empty; write the day, e.g. on: 21/7/2021");
  }
  SUBCASE("an unknown key in verify") {
    parse(entry("    verify: {on: 2/8/2021, notes: ok}\n"), diags);
    CHECK_ONLY_ERROR(diags, 3, 28, "unknown key 'notes' in 'verify'; did you mean 'note'?");
  }
}

TEST_CASE("errors in extend, cancel, reopen and note") {
  Diagnostics diags;
  SUBCASE("extend without to") {
    parse(entry("    extend: {reason: r}\n"), diags);
    CHECK_ONLY_ERROR(diags, 3, 13, "missing 'to' in 'extend'; add to: …");
  }
  SUBCASE("extend without a reason") {
    parse(entry("    extend: {to: 5/8/2021}\n"), diags);
    CHECK_ONLY_ERROR(diags, 3, 13, "missing 'reason' in 'extend'; add reason: …");
  }
  SUBCASE("extend with an empty reason") {
    parse(entry("    extend:\n      to: 5/8/2021\n      reason: '  '\n"), diags);
    CHECK_ONLY_ERROR(diags, 5, 15, "'reason' is empty; write reason: …");
  }
  SUBCASE("extend to a bad date") {
    parse(entry("    extend: {to: 5/13/2021, reason: r}\n"), diags);
    CHECK_ONLY_ERROR(diags, 3, 18, "5/13/2021 does not exist");
  }
  SUBCASE("extend written as a date") {
    parse(entry("    extend: 5/8/2021\n"), diags);
    CHECK_ONLY_ERROR(diags, 3, 13,
                     "'extend' must be a mapping ({to: DATE, reason: …, approved_by: …}), not a "
                     "single value ('5/8/2021')");
  }
  SUBCASE("an unknown key in extend") {
    parse(entry("    extend: {to: 5/8/2021, reason: r, aproved_by: PCT}\n"), diags);
    CHECK_ONLY_ERROR(diags, 3, 39,
                     "unknown key 'aproved_by' in 'extend'; did you mean 'approved_by'?");
  }
  SUBCASE("cancel with no reason") {
    parse(entry("    cancel:\n"), diags);
    CHECK_ONLY_ERROR(diags, 3, 5, "'cancel' is empty; write cancel: …");
  }
  SUBCASE("cancel as a mapping without reason") {
    parse(entry("    cancel: {reasons: x}\n"), diags);
    CHECK(diags.size() == 2);
    CHECK_ERROR(diags, 3, 14, "unknown key 'reasons' in 'cancel'; did you mean 'reason'?");
    CHECK_ERROR(diags, 3, 13, "missing 'reason' in 'cancel'; add reason: …");
  }
  SUBCASE("reopen as a list") {
    parse(entry("    reopen: [a]\n"), diags);
    CHECK_ONLY_ERROR(diags, 3, 13, "'reopen' must be a reason or {reason: …}, not a list");
  }
  SUBCASE("reopen with an empty reason") {
    parse(entry("    reopen: {reason: ''}\n"), diags);
    CHECK_ONLY_ERROR(diags, 3, 22, "'reason' is empty; write reason: …");
  }
  SUBCASE("an empty note") {
    parse(entry("    note: ''\n"), diags);
    CHECK_ONLY_ERROR(diags, 3, 11, "'note' is empty; write note: …");
  }
  SUBCASE("a note as a mapping") {
    parse(entry("    note: {text: x}\n"), diags);
    CHECK_ONLY_ERROR(diags, 3, 11, "'note' must be a text, not a mapping");
  }
  SUBCASE("a note of only ideographic spaces") {
    parse(entry("    note: \"\u3000\u3000\"\n"), diags);
    CHECK_ONLY_ERROR(diags, 3, 11, "'note' is empty; write note: …");
  }
  SUBCASE("a note of several lines, with an escape sequence") {
    parse(entry("    note: |\n      dòng một\n      \x1b]52;c;eA==\x07\n"), diags);
    CHECK_ONLY_ERROR(diags, 3, 11, "'note' holds a control character (\\e); remove it");
  }
  SUBCASE("who approved, on two lines") {
    parse(entry("    extend: {to: 5/8/2021, reason: r, approved_by: \"Phó\\nChủ tịch\"}\n"), diags);
    CHECK_ONLY_ERROR(diags, 3, 52, "'approved_by' must be one line");
  }
  SUBCASE("who reported, with a bidirectional isolate") {
    parse(entry("    note: x\n    by: \"A\u2067B\"\n"), diags);
    CHECK_ONLY_ERROR(diags, 4, 9, "'by' holds a bidirectional control (\\u{2067})");
  }
}

TEST_CASE("every broken entry is reported, the good ones are kept") {
  Diagnostics diags;
  const auto doc = parse(
      "progress:\n"
      "  - {task: k/t@u, done: 31/6/2021}\n"
      "  - {task: k/t@v, note: ok}\n"
      "  - {task: k/t, cancel: x}\n",
      diags);
  INFO(import_test::dump(diags));
  CHECK(diags.size() == 2);
  CHECK_ERROR(diags, 2, 25, "31/6/2021 does not exist");
  CHECK_ERROR(diags, 4, 12, "'k/t' is not a task key");
  REQUIRE(doc.has_value());
  REQUIRE(doc->progress.size() == 1);
  CHECK(doc->progress[0].task.key == "k/t@v");
}

TEST_CASE("progress errors in Vietnamese") {
  Diagnostics diags;
  SUBCASE("two changes") {
    parse(entry("    done: 21/7/2021\n    extend: {to: 5/8/2021, reason: r}\n"), diags,
          Lang::vi);
    CHECK_ONLY_ERROR(diags, 4, 5,
                     "một mục có cả 'done' và 'extend'; mỗi mục chỉ ghi một thay đổi (ghi nhiệm "
                     "vụ lại ở một mục khác)");
  }
  SUBCASE("an empty list") {
    parse("progress: []\n", diags, Lang::vi);
    CHECK_ONLY_ERROR(diags, 1, 11, "danh sách tiến độ trống");
  }
  SUBCASE("a malformed key") {
    parse("progress:\n  - {task: k/t, note: x}\n", diags, Lang::vi);
    CHECK_ONLY_ERROR(diags, 2, 12,
                     "'k/t' không phải là mã nhiệm vụ; hãy viết ĐỢT_KIỂM_TRA/NHIỆM_VỤ@ĐƠN_VỊ");
  }
}

TEST_CASE("a progress file holds nothing else") {
  Diagnostics diags;
  SUBCASE("with an inspection") {
    const auto doc = parse(
        "inspection:\n  key: k\n  title: T\nprogress:\n  - {task: k/t@u, note: x}\n", diags);
    CHECK_ONLY_ERROR(diags, 1, 1,
                     "progress goes in a file of its own; move 'inspection' to another file");
    REQUIRE(doc.has_value());
    CHECK(doc->kind == DocumentKind::progress);
    CHECK_FALSE(doc->inspection.has_value());
  }
  SUBCASE("with units, findings and tasks") {
    parse("progress:\n  - {task: k/t@u, note: x}\nunits: []\nfindings: []\ntasks: []\n", diags);
    CHECK(diags.size() == 3);
    CHECK_ERROR(diags, 3, 1, "move 'units' to another file");
    CHECK_ERROR(diags, 4, 1, "move 'findings' to another file");
    CHECK_ERROR(diags, 5, 1, "move 'tasks' to another file");
  }
  SUBCASE("with a calendar") {
    const auto doc =
        parse("calendar: {key: a, name: A}\nprogress:\n  - {task: k/t@u, note: x}\n", diags);
    CHECK_ONLY_ERROR(diags, 2, 1,
                     "a calendar goes in a file of its own; move 'progress' to another file");
    REQUIRE(doc.has_value());
    CHECK(doc->kind == DocumentKind::calendar);
  }
}

TEST_CASE("the tool agrees with the schema on the progress cases of tests/schema") {
  // tests/schema/reject.txt lists the broken ones for progress.schema.json.
  const std::filesystem::path dir =
      std::filesystem::path(INSPECTRACK_SOURCE_DIR) / "tests" / "schema" / "cases";
  std::size_t broken = 0;
  for (const auto& file : std::filesystem::directory_iterator(dir)) {
    const std::string name = file.path().filename().string();
    if (name.rfind("progress-", 0) != 0) continue;
    CAPTURE(name);
    Diagnostics diags;
    const auto doc = load_document(file.path().string(), {}, diags);
    INFO(import_test::dump(diags));
    if (name == "progress-every-shape.yaml") {
      CHECK(diags.empty());
      REQUIRE(doc.has_value());
      CHECK(doc->progress.size() == 12);
    } else {
      CHECK(diags.size() == 1);
      ++broken;
    }
  }
  CHECK(broken == 12);
}
