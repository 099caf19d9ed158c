#pragma once
// Shared by the import tests: YAML text through the real loader into documents, and
// the Chư Prông example of inspectrack(5).

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inspectrack/import/diagnostic.hpp"
#include "inspectrack/import/document.hpp"
#include "inspectrack/import/loader.hpp"
#include "inspectrack/import/resolve.hpp"
#include "inspectrack/import/shipped_calendar.hpp"
#include "inspectrack/import/source.hpp"
#include "inspectrack/text/message.hpp"

namespace import_test {

using inspectrack::import::Diagnostic;
using inspectrack::import::Diagnostics;
using inspectrack::import::Document;

// The example of inspectrack(5): line 1 is the comment, `inspection:` is line 2.
inline constexpr std::string_view kChuProng =
    R"yaml(# chu-prong-2021.yaml — the provincial inspection of Chư Prông district, 30/6–01/7/2021
inspection:
  key: gia-lai-cchc-2021-chu-prong
  kind: visit                    # visit (default) | assessment | directive
  title: Kiểm tra công tác cải cách hành chính tại huyện Chư Prông
  authority: UBND tỉnh Gia Lai
  team: Đoàn kiểm tra công tác CCHC của tỉnh
  scope: chu-prong               # the unit whose area was inspected; fan-outs stay inside it
  from: 30/6/2021
  to: 01/7/2021
  conclusion:
    number: TB-UBND            # số/ký hiệu as written; optional, may be partial
    date: 15/7/2021            # optional
    title: Thông báo kết luận hội nghị chấn chỉnh hạn chế, yếu kém trong công tác CCHC
    signed_by: Nguyễn Tiến Tạo

units:                          # may also come from a separate units file
  - {key: chu-prong, name: UBND huyện Chư Prông, kind: district}
  - {key: noi-vu, name: Phòng Nội vụ, kind: department, parent: chu-prong, email: noivu@example.vn}
  - {key: bau-can, name: UBND xã Bàu Cạn, kind: commune, parent: chu-prong}
  - {key: binh-giao, name: UBND xã Bình Giáo, kind: commune, parent: chu-prong}
  - {key: ia-me, name: UBND xã Ia Me, kind: commune, parent: chu-prong}

findings:
  - key: niem-yet
    unit: chu-prong
    area: tthc.cong-khai
    severity: medium
    text: Việc niêm yết thủ tục hành chính chưa đúng quy định.
  - key: mot-cua-dien-tu
    unit: chu-prong
    area: hien-dai-hoa.mot-cua-dien-tu
    text: Hồ sơ đã trả đúng hạn nhưng không kết thúc trên Hệ thống Một cửa điện tử.
    tasks:                      # inline tasks: assignee defaults to the finding's unit
      - key: ket-thuc-ho-so
        action: Rà soát, kết thúc các hồ sơ đã trả kết quả trên Hệ thống Một cửa điện tử
        due: 31/7/2021

tasks:
  - key: bao-cao-khac-phuc
    action: Xây dựng kế hoạch khắc phục; kiểm điểm trách nhiệm; báo cáo kết quả khắc phục
    assignees: [bau-can, binh-giao, ia-me]
    report_to: noi-vu
    findings: [niem-yet, mot-cua-dien-tu]
    due: {before: 22/7/2021}
  - key: tu-kiem-tra
    action: Báo cáo kết quả tự kiểm tra công tác cải cách hành chính
    assignees: {kind: [commune, town], except: [bau-can, binh-giao, ia-me]}
    report_to: noi-vu
    due: {before: 25/7/2021}
  - key: quy-che-lam-viec
    action: Ban hành Quy chế làm việc của UBND xã nhiệm kỳ 2021–2026
    assignees: {kind: [commune, town]}
    due: none                   # "khẩn trương": no date was set; reported as such
)yaml";

// The language the tests read messages in: set by parse() and the tests' own loaders,
// English unless they ask.
inline inspectrack::text::Lang reading = inspectrack::text::Lang::en;

// Every test case starts reading English, whatever the one before it read.
struct ReadEnglishFirst : doctest::IReporter {
  explicit ReadEnglishFirst(const doctest::ContextOptions&) {}
  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_run_end(const doctest::TestRunStats&) override {}
  void test_case_start(const doctest::TestCaseData&) override { reading = inspectrack::text::Lang::en; }
  void test_case_reenter(const doctest::TestCaseData&) override { reading = inspectrack::text::Lang::en; }
  void test_case_end(const doctest::CurrentTestCaseStats&) override {}
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}
};
REGISTER_LISTENER("import-tests-read-english-first", 1, ReadEnglishFirst);

// A diagnostic's message as a reader of `reading` sees it.
inline std::string text_of(const Diagnostic& d) { return inspectrack::text::translate(reading, d.message); }

// YAML text → check_source → load_yaml → parse_document. The text must be valid YAML:
// these tests are about the file format, not the syntax. The messages are read in
// `lang`.
inline std::optional<Document> parse(std::string_view yaml, Diagnostics& diags,
                                     inspectrack::text::Lang lang = inspectrack::text::Lang::en,
                                     const std::string& path = "test.yaml") {
  reading = lang;
  const inspectrack::import::Limits limits;
  const auto source = inspectrack::import::check_source(path, yaml, limits, diags);
  REQUIRE(source.has_value());
  const auto root = inspectrack::import::load_yaml(*source, limits, diags);
  REQUIRE(root.has_value());
  REQUIRE(diags.empty());
  return inspectrack::import::parse_document(*root, path, diags);
}

// Every diagnostic, one per line, for failure messages.
inline std::string dump(const Diagnostics& diags) {
  std::string out;
  for (const Diagnostic& d : diags.sorted()) out += format(d.where, "error", text_of(d)) + "\n";
  return out;
}

// True when some diagnostic is at LINE:COLUMN and its message contains `fragment`.
inline bool has_error(const Diagnostics& diags, int line, int column, std::string_view fragment) {
  for (const Diagnostic& d : diags.list()) {
    if (d.where.line == line && d.where.column == column &&
        import_test::text_of(d).find(fragment) != std::string::npos) {
      return true;
    }
  }
  return false;
}

// What resolve() checks against: `known` units and the shipped calendar.
inline inspectrack::import::ResolveContext context(
    const std::vector<inspectrack::model::Unit>& known) {
  inspectrack::import::ResolveContext c;
  c.known_units = known;
  c.calendars.add(inspectrack::import::shipped_calendar());
  return c;
}

}  // namespace import_test

// Checks that `diags` holds exactly one error, at LINE:COLUMN, containing FRAGMENT.
#define CHECK_ONLY_ERROR(diags, line, column, fragment)                   \
  do {                                                                    \
    INFO(import_test::dump(diags));                                       \
    CHECK((diags).size() == 1);                                           \
    CHECK(import_test::has_error((diags), (line), (column), (fragment))); \
  } while (false)

// Checks that `diags` holds an error at LINE:COLUMN containing FRAGMENT.
#define CHECK_ERROR(diags, line, column, fragment)                        \
  do {                                                                    \
    INFO(import_test::dump(diags));                                       \
    CHECK(import_test::has_error((diags), (line), (column), (fragment))); \
  } while (false)
