// The official documents in words: the head as Nghị định 30/2020 prints it (the date
// line's leading zeros, the blank number), the signature's lines for each authority,
// and the report and letter built from their data, block by block, in both languages.
#include <doctest/doctest.h>

#include <string>
#include <variant>
#include <vector>

#include "inspectrack/render/document.hpp"

using namespace inspectrack;
using model::Date;
using text::Lang;

namespace {

Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

model::Office office() {
  model::Office o;
  o.key = "noi-vu";
  o.parent_body = "UBND HUYỆN CHƯ PRÔNG";
  o.body = "PHÒNG NỘI VỤ";
  o.place = "Chư Prông";
  o.report_symbol = "BC-NV";
  o.letter_symbol = "NV";
  o.signing = {model::SigningAuthority::kt, "TRƯỞNG PHÒNG", "", "PHÓ TRƯỞNG PHÒNG", "Nguyễn Văn A"};
  o.recipients = {"Sở Nội vụ tỉnh Gia Lai (b/c)", "UBND huyện (b/c)"};
  o.archive = "VT, NV";
  return o;
}

model::Inspection inspection() {
  model::Inspection i;
  i.key = "gia-lai";
  i.title = "Kiểm tra công tác cải cách hành chính";
  i.authority = "UBND tỉnh Gia Lai";
  i.conclusion.title = "Thông báo kết luận";
  i.conclusion.signed_by = "Nguyễn Tiến Tạo";
  return i;
}

// A task of `unit` with one outcome bucket set, as app fills it.
render::DocumentTask task(const std::string& key, const std::string& unit, int report::SummaryRow::*bucket,
                          int days_late = 0) {
  render::DocumentTask t;
  t.row.task.inspection = "gia-lai";
  t.row.task.key = key;
  t.row.task.assignee = unit;
  t.row.task.action = "Làm " + key;
  t.row.task.due.form = model::Due::Form::before;
  t.row.task.due.date = d(2021, 7, 22);
  t.row.days_late = days_late;
  t.outcome.tasks = 1;
  t.outcome.*bucket = 1;
  if (bucket == &report::SummaryRow::done_on_time) {
    t.row.task.status = model::Status::done;
    t.row.task.done_on = d(2021, 7, 20);
  }
  return t;
}

render::UnitTasks unit(const std::string& key, const std::string& name,
                       std::vector<render::DocumentTask> tasks) {
  render::UnitTasks u;
  u.unit.key = key;
  u.unit.name = name;
  for (const auto& t : tasks) {
    u.counts.tasks += 1;
    u.counts.done_on_time += t.outcome.done_on_time;
    u.counts.overdue += t.outcome.overdue;
    u.counts.open_in_time += t.outcome.open_in_time;
  }
  u.tasks = std::move(tasks);
  return u;
}

render::ReportDocumentData report_data() {
  render::ReportDocumentData data;
  data.source.office = office();
  data.source.office_name = "Phòng Nội vụ";
  data.source.as_of = d(2021, 7, 29);
  data.source.inspections = {inspection()};
  data.units = {
      unit("ia-boong", "UBND xã Ia Boòng",
           {task("a", "ia-boong", &report::SummaryRow::done_on_time),
            task("b", "ia-boong", &report::SummaryRow::overdue, 3)}),
      unit("thang-hung", "UBND xã Thăng Hưng", {task("c", "thang-hung", &report::SummaryRow::open_in_time)})};
  std::vector<report::SummaryRow> rows;
  for (const auto& u : data.units) rows.push_back(u.counts);
  data.total = report::total(rows);
  return data;
}

std::string text_of(const typeset::Block& block) {
  if (const auto* p = std::get_if<typeset::Paragraph>(&block)) {
    std::string out;
    for (const auto& r : p->runs) out += r.text;
    return out;
  }
  if (std::holds_alternative<typeset::Table>(block)) return "<table>";
  return "<chart>";
}

std::vector<std::string> texts(const typeset::Document& doc) {
  std::vector<std::string> out;
  for (const auto& b : doc.body) out.push_back(text_of(b));
  return out;
}

}  // namespace

TEST_CASE("the date line has a leading zero for a day below 10 and the months 1 and 2") {
  CHECK(render::place_date("Chư Prông", d(2021, 2, 5), Lang::vi) == "Chư Prông, ngày 05 tháng 02 năm 2021");
  CHECK(render::place_date("Chư Prông", d(2021, 7, 29), Lang::vi) == "Chư Prông, ngày 29 tháng 7 năm 2021");
  CHECK(render::place_date("Chư Prông", d(2021, 1, 10), Lang::vi) == "Chư Prông, ngày 10 tháng 01 năm 2021");
  CHECK(render::place_date("Chư Prông", d(2021, 3, 9), Lang::vi) == "Chư Prông, ngày 09 tháng 3 năm 2021");
  CHECK(render::place_date("Chư Prông", d(2021, 12, 31), Lang::vi) == "Chư Prông, ngày 31 tháng 12 năm 2021");
  CHECK(render::place_date("Chư Prông", d(2021, 7, 29), Lang::en) == "Chư Prông, 29 July 2021");
  CHECK(render::place_date("Chư Prông", d(2021, 2, 5), Lang::en) == "Chư Prông, 5 February 2021");
}

TEST_CASE("the number line leaves the number blank for the clerk") {
  CHECK(render::number_line("BC-NV", Lang::vi) == "Số:      /BC-NV");
  CHECK(render::number_line("BC-NV", Lang::en) == "No.:      /BC-NV");
}

TEST_CASE("the signature's lines for each authority") {
  using A = model::SigningAuthority;
  CHECK(render::signing_lines({A::none, "", "", "TRƯỞNG PHÒNG", ""}) ==
        std::vector<std::string>{"TRƯỞNG PHÒNG"});
  CHECK(render::signing_lines({A::q, "", "", "TRƯỞNG PHÒNG", ""}) ==
        std::vector<std::string>{"Q. TRƯỞNG PHÒNG"});
  CHECK(render::signing_lines({A::kt, "TRƯỞNG PHÒNG", "", "PHÓ TRƯỞNG PHÒNG", ""}) ==
        std::vector<std::string>{"KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"});
  CHECK(render::signing_lines({A::tl, "CHỦ TỊCH", "", "CHÁNH VĂN PHÒNG", ""}) ==
        std::vector<std::string>{"TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"});
  CHECK(render::signing_lines({A::tuq, "CHỦ TỊCH", "", "TRƯỞNG PHÒNG NỘI VỤ", ""}) ==
        std::vector<std::string>{"TUQ. CHỦ TỊCH", "TRƯỞNG PHÒNG NỘI VỤ"});
  CHECK(render::signing_lines({A::tm, "ỦY BAN NHÂN DÂN", "", "CHỦ TỊCH", ""}) ==
        std::vector<std::string>{"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"});
  CHECK(render::signing_lines({A::tm, "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", ""}) ==
        std::vector<std::string>{"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"});
}

TEST_CASE("the report: head, opening, figures, table, late units, closing, signature and recipients") {
  const auto docs = render::report_document(report_data(), {}, Lang::vi);
  REQUIRE(docs.size() == 1);
  const auto& doc = docs.front();
  CHECK(doc.language == "vi-VN");
  CHECK(doc.heading.parent_body == "UBND HUYỆN CHƯ PRÔNG");
  CHECK(doc.heading.body == "PHÒNG NỘI VỤ");
  CHECK(doc.heading.national_title == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  CHECK(doc.heading.motto == "Độc lập - Tự do - Hạnh phúc");
  CHECK(doc.heading.number == "Số:      /BC-NV");
  CHECK(doc.heading.place_date == "Chư Prông, ngày 29 tháng 7 năm 2021");
  CHECK(doc.heading.letter_subject.empty());
  CHECK(doc.kind_name == "BÁO CÁO");
  CHECK(doc.summary == "Kết quả khắc phục tồn tại, hạn chế sau đợt “Kiểm tra công tác cải cách hành chính”");
  CHECK(doc.addressees.empty());
  const std::vector<std::string> expected = {
      "Thực hiện kết luận sau đợt “Kiểm tra công tác cải cách hành chính” của UBND tỉnh Gia Lai (trích yếu: "
      "“Thông báo kết luận”; người ký: Nguyễn Tiến Tạo), Phòng Nội vụ báo cáo kết quả khắc phục tồn tại, hạn "
      "chế "
      "tính đến ngày 29/7/2021 như sau:",
      "I. KẾT QUẢ KHẮC PHỤC",
      "Tổng số nhiệm vụ: 3; đã hoàn thành đúng hạn: 1; hoàn thành quá hạn: 0; đang thực hiện trong hạn: 1; "
      "quá "
      "hạn chưa hoàn thành: 1; chưa có thời hạn: 0; đã hủy: 0; tỷ lệ hoàn thành đúng hạn: 100%.",
      "II. KẾT QUẢ THỰC HIỆN TỪNG NHIỆM VỤ",
      "<table>",
      "III. CÁC ĐƠN VỊ CÒN NHIỆM VỤ QUÁ HẠN",
      "- UBND xã Ia Boòng: 1 nhiệm vụ quá hạn.",
      "Trên đây là báo cáo kết quả khắc phục tồn tại, hạn chế sau kiểm tra./."};
  CHECK(texts(doc) == expected);
  const auto& table = std::get<typeset::Table>(doc.body[4]);
  REQUIRE(table.columns.size() == 6);
  CHECK(table.columns[0].heading == "STT");
  CHECK(table.columns[1].heading == "Đơn vị");
  CHECK(table.columns[1].merge_repeats);
  CHECK(table.columns[4].heading == "Kết quả");
  REQUIRE(table.rows.size() == 3);
  CHECK(table.rows[0].cells == std::vector<std::string>{"1", "UBND xã Ia Boòng", "Làm a",
                                                        "trước ngày 22/07/2021",
                                                        "Đã hoàn thành ngày 20/7/2021 (đúng hạn)", ""});
  CHECK(table.rows[1].cells[4] == "Quá hạn 3 ngày");
  CHECK(table.rows[2].cells[0] == "3");
  CHECK(table.rows[2].cells[4] == "Đang thực hiện");
  CHECK(doc.signature.titles == std::vector<std::string>{"KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"});
  CHECK(doc.signature.name == "Nguyễn Văn A");
  CHECK(doc.recipients_label == "Nơi nhận");
  CHECK(doc.recipients ==
        std::vector<std::string>{"- Sở Nội vụ tỉnh Gia Lai (b/c);", "- UBND huyện (b/c);", "- Lưu: VT, NV."});
}

TEST_CASE("the report's opening reads well without the conclusion's number, date or office name") {
  auto data = report_data();
  data.source.office_name.clear();
  data.source.inspections.front().conclusion = {};
  data.source.inspections.front().authority.clear();
  const auto doc = render::report_document(data, {}, Lang::vi).front();
  CHECK(texts(doc).front() ==
        "Thực hiện kết luận sau đợt “Kiểm tra công tác cải cách hành chính”, kết quả khắc phục tồn tại, hạn "
        "chế "
        "tính đến ngày 29/7/2021 như sau:");
  data.source.inspections.front().conclusion.number = "12/TB-UBND";
  data.source.inspections.front().conclusion.date = d(2021, 7, 5);
  const auto numbered = render::report_document(data, {}, Lang::vi).front();
  CHECK(texts(numbered).front().starts_with(
      "Thực hiện kết luận sau đợt “Kiểm tra công tác cải cách hành chính” (số 12/TB-UBND; ngày 5/7/2021),"));
}

TEST_CASE("the report's chart: a bar per unit, the series mapped from the summary's counts") {
  render::ReportDocumentOptions options;
  options.chart = true;
  options.date = d(2021, 8, 2);
  const auto doc = render::report_document(report_data(), options, Lang::vi).front();
  CHECK(doc.heading.place_date == "Chư Prông, ngày 02 tháng 8 năm 2021");
  REQUIRE(doc.body.size() == 9);
  const auto& chart = std::get<typeset::Chart>(doc.body[3]);
  CHECK(chart.categories == std::vector<std::string>{"UBND xã Ia Boòng", "UBND xã Thăng Hưng"});
  REQUIRE(chart.series.size() == 4);
  CHECK(chart.series[0].name == "Hoàn thành đúng hạn");
  CHECK(chart.series[0].values == std::vector<int>{1, 0});
  CHECK(chart.series[1].values == std::vector<int>{0, 0});
  CHECK(chart.series[2].name == "Đang thực hiện");
  CHECK(chart.series[2].values == std::vector<int>{0, 1});
  CHECK(chart.series[3].name == "Quá hạn chưa hoàn thành");
  CHECK(chart.series[3].values == std::vector<int>{1, 0});
  CHECK(chart.caption ==
        "Biểu đồ 1. Nhiệm vụ của từng đơn vị theo kết quả thực hiện tính đến ngày 29/7/2021");
}

TEST_CASE("the report with no task done says so instead of a rate, and no late unit") {
  auto data = report_data();
  data.units.erase(data.units.begin());
  data.total = report::total({data.units.front().counts});
  const auto doc = render::report_document(data, {}, Lang::vi).front();
  const auto lines = texts(doc);
  CHECK(lines[2].ends_with("tỷ lệ hoàn thành đúng hạn: chưa có nhiệm vụ hoàn thành."));
  CHECK(lines[6] == "Không có đơn vị nào còn nhiệm vụ quá hạn.");
}

TEST_CASE("the report in English keeps the official layout and the Vietnamese abbreviations") {
  const auto doc = render::report_document(report_data(), {}, Lang::en).front();
  CHECK(doc.language == "en-US");
  CHECK(doc.heading.national_title == "SOCIALIST REPUBLIC OF VIET NAM");
  CHECK(doc.heading.motto == "Independence - Freedom - Happiness");
  CHECK(doc.heading.place_date == "Chư Prông, 29 July 2021");
  CHECK(doc.kind_name == "REPORT");
  CHECK(doc.recipients_label == "Recipients");
  CHECK(doc.recipients.back() == "- Archived: VT, NV.");
  CHECK(texts(doc)[2] ==
        "Tasks in all: 3; done on time: 1; done late: 0; open within their deadline: 1; overdue and not "
        "done: 1; "
        "open with no deadline: 0; cancelled: 0; on-time rate: 100%.");
}

TEST_CASE("the letter: its subject, the units addressed, the overdue tasks and the request") {
  render::LetterDocumentData data;
  data.source = report_data().source;
  data.units = {
      unit("ia-boong", "UBND xã Ia Boòng", {task("b", "ia-boong", &report::SummaryRow::overdue, 3)}),
      unit("thang-hung", "UBND xã Thăng Hưng",
           {task("c", "thang-hung", &report::SummaryRow::overdue, 7),
            task("d", "thang-hung", &report::SummaryRow::overdue, 1)})};
  data.overdue = 3;
  const auto docs = render::letter_document(data, {}, Lang::vi);
  REQUIRE(docs.size() == 1);
  const auto& doc = docs.front();
  CHECK(doc.heading.number == "Số:      /NV");
  CHECK(doc.heading.letter_subject == "V/v đôn đốc thực hiện nhiệm vụ khắc phục sau kiểm tra");
  CHECK(doc.kind_name.empty());
  CHECK(doc.addressed_label == "Kính gửi");
  CHECK(doc.addressees == std::vector<std::string>{"- UBND xã Ia Boòng;", "- UBND xã Thăng Hưng."});
  const auto lines = texts(doc);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].ends_with(", tính đến ngày 29/7/2021 còn 3 nhiệm vụ quá hạn chưa hoàn thành, cụ thể:"));
  CHECK(lines[2] ==
        "Đề nghị các đơn vị khẩn trương hoàn thành các nhiệm vụ trên và báo cáo kết quả về Phòng Nội vụ./.");
  const auto& table = std::get<typeset::Table>(doc.body[1]);
  REQUIRE(table.rows.size() == 3);
  CHECK(table.columns.back().heading == "Số ngày quá hạn");
  CHECK(table.rows[1].cells ==
        std::vector<std::string>{"2", "UBND xã Thăng Hưng", "Làm c", "trước ngày 22/07/2021", "7 ngày"});
  CHECK(doc.recipients.front() == "- Như trên;");
  CHECK(doc.recipients.back() == "- Lưu: VT, NV.");

  render::LetterDocumentOptions per_unit;
  per_unit.per_unit = true;
  per_unit.reply_by = d(2021, 8, 5);
  const auto letters = render::letter_document(data, per_unit, Lang::vi);
  REQUIRE(letters.size() == 2);
  CHECK(letters[1].addressees == std::vector<std::string>{"UBND xã Thăng Hưng"});
  CHECK(std::get<typeset::Table>(letters[1].body[1]).rows.size() == 2);
  CHECK(
      texts(letters[1])[2] ==
      "Đề nghị UBND xã Thăng Hưng khẩn trương hoàn thành các nhiệm vụ trên, báo cáo kết quả về Phòng Nội vụ "
      "trước ngày 5/8/2021./.");
}
