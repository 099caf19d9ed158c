#pragma once
// Sample documents for the writers' tests: a report with every kind of block and a table
// long enough to span pages, and two letters in one file. Their words are made up in the
// shape of the Chư Prông example; the tests read them back from the files written.

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "inspectrack/typeset/document.hpp"

namespace inspectrack::typeset::samples {

// Every letter of Vietnamese, lower and upper case, each vowel with its five tones.
inline constexpr const char* kEveryLetter =
    "a à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ b c d đ e è é ẻ ẽ ẹ ê ề ế ể ễ ệ g h i ì í ỉ ĩ ị k l m n "
    "o ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ ơ ờ ớ ở ỡ ợ p q r s t u ù ú ủ ũ ụ ư ừ ứ ử ữ ự v x y ỳ ý ỷ ỹ ỵ "
    "A À Á Ả Ã Ạ Ă Ằ Ắ Ẳ Ẵ Ặ Â Ầ Ấ Ẩ Ẫ Ậ B C D Đ E È É Ẻ Ẽ Ẹ Ê Ề Ế Ể Ễ Ệ G H I Ì Í Ỉ Ĩ Ị K L M N "
    "O Ò Ó Ỏ Õ Ọ Ô Ồ Ố Ổ Ỗ Ộ Ơ Ờ Ớ Ở Ỡ Ợ P Q R S T U Ù Ú Ủ Ũ Ụ Ư Ừ Ứ Ử Ữ Ự V X Y Ỳ Ý Ỷ Ỹ Ỵ";

inline Heading district_heading(std::string number, std::string subject = "") {
  Heading h;
  h.parent_body = "UBND HUYỆN CHƯ PRÔNG";
  h.body = "PHÒNG NỘI VỤ";
  h.number = std::move(number);
  h.place_date = "Chư Prông, ngày 29 tháng 7 năm 2021";
  h.letter_subject = std::move(subject);
  return h;
}

inline Signature deputy() { return {{"KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"}, "Nguyễn Thị Hồng Nhung"}; }

// The units' tasks: `units` groups of `tasks` rows, the unit's name merged down its rows.
inline Table task_table(int units, int tasks) {
  Table t;
  t.columns = {{"STT", 0.8, Table::Align::center},
               {"Đơn vị", 2.2, Table::Align::left, true},
               {"Nhiệm vụ", 4.5},
               {"Thời hạn", 1.8, Table::Align::center},
               {"Kết quả", 1.8},
               {"Ghi chú", 1.4}};
  int n = 0;
  for (int u = 1; u <= units; ++u) {
    const std::string unit = "UBND xã Ia Boòng " + std::to_string(u);
    t.rows.push_back({{"Nhóm " + std::to_string(u) + ": các xã phía Nam"}, true});
    for (int k = 1; k <= tasks; ++k) {
      ++n;
      t.rows.push_back(
          {{std::to_string(n), unit,
            "Nhiệm vụ số " + std::to_string(n) +
                ": rà soát, bổ sung hồ sơ cán bộ, công chức cấp xã "
                "theo Kết luận thanh tra",
            "trước ngày 28/7/2021", n % 3 == 0 ? "Quá hạn" : "Đúng hạn", n % 5 == 0 ? "Chưa báo cáo" : ""}});
    }
  }
  return t;
}

// Moved in after an empty one: GCC 12 takes a moved variant's vectors for uninitialized.
template <class T>
void add(Document& d, T block) {
  d.body.emplace_back(std::in_place_type<T>);
  std::get<T>(d.body.back()) = std::move(block);
}

inline Paragraph prose(std::vector<Run> runs) { return {Paragraph::Style::body, std::move(runs)}; }

inline Document report() {
  Document d;
  d.title = "Báo cáo kết quả khắc phục sau thanh tra";
  d.heading = district_heading("Số:      /BC-PNV");
  d.kind_name = "BÁO CÁO";
  d.summary = "Kết quả thực hiện Kết luận thanh tra số 12/KL-SNV ngày 15/4/2021 của Sở Nội vụ tỉnh Gia Lai";
  d.body.push_back(
      prose({{"Thực hiện "},
             {"Kết luận thanh tra số 12/KL-SNV", true},
             {" ngày 15/4/2021 của Giám đốc Sở Nội vụ, Phòng Nội vụ huyện Chư Prông báo cáo kết quả "
              "khắc phục các tồn tại, hạn chế đến ngày 29/7/2021 như sau:",
              false, false}}));
  d.body.push_back(Paragraph{Paragraph::Style::heading, {{"I. KẾT QUẢ THỰC HIỆN"}}});
  d.body.push_back(prose({{"Tổng số nhiệm vụ: 24; hoàn thành đúng hạn: 14; "},
                          {"quá hạn: 8", false, true},
                          {"; tỷ lệ đúng hạn 58,3%. Các chữ cái tiếng Việt: "},
                          {kEveryLetter}}));
  d.body.push_back(Paragraph{Paragraph::Style::item, {{"- UBND xã Ia Boòng: 2 nhiệm vụ quá hạn;"}}});
  d.body.push_back(Paragraph{Paragraph::Style::item, {{"- UBND xã Ia Phìn: 1 nhiệm vụ chưa thực hiện."}}});
  add(d, task_table(6, 8));
  Chart chart;
  chart.caption = "Biểu đồ 1. Nhiệm vụ của từng đơn vị theo kết quả";
  chart.categories = {"Ia Boòng", "Ia Phìn", "Thăng Hưng"};
  chart.series = {{"Đúng hạn", 0x2e7d32, {3, 4, 2}}, {"Quá hạn", 0xc62828, {2, 0, 1}}};
  add(d, chart);
  d.body.push_back(Paragraph{Paragraph::Style::heading, {{"II. ĐỀ XUẤT, KIẾN NGHỊ"}}});
  d.body.push_back(
      prose({{"Đề nghị Sở Nội vụ tiếp tục hướng dẫn các đơn vị hoàn thành các nhiệm vụ còn lại "
              "trong quý III năm 2021."}}));
  d.signature = deputy();
  d.recipients = {"- Sở Nội vụ tỉnh Gia Lai;", "- Chủ tịch UBND huyện;", "- Lưu: VT, NV."};
  return d;
}

inline Document letter(const std::string& unit) {
  Document d;
  d.title = "Đôn đốc thực hiện nhiệm vụ khắc phục";
  d.heading = district_heading("Số:      /PNV-TTr", "V/v đôn đốc thực hiện nhiệm vụ khắc phục sau kiểm tra");
  d.addressees = {unit, "Văn phòng HĐND và UBND huyện"};
  d.body.push_back(prose({{"Đến ngày 29/7/2021, " + unit +
                           " còn nhiệm vụ quá hạn theo Kết luận thanh tra số "
                           "12/KL-SNV. Phòng Nội vụ đề nghị đơn vị khẩn trương hoàn thành và báo cáo kết quả "
                           "trước ngày 10/8/2021."}}));
  add(d, task_table(1, 2));
  d.signature = deputy();
  d.recipients = {"- Như trên;", "- Lưu: VT, NV."};
  return d;
}

// What no real document holds but a writer must survive: a paragraph longer than a page,
// a table row taller than a page, more recipients than fit beside the signature.
inline Document extremes() {
  Document d;
  d.title = "Trường hợp biên";
  d.heading = district_heading("Số:      /TB-PNV");
  d.heading.parent_body = "";
  d.kind_name = "THÔNG BÁO";
  d.summary = "Kiểm tra các trường hợp biên của trình bày";
  std::string sentence = "Đoạn văn dài hơn một trang giấy được chia giữa các dòng sang trang sau. ";
  std::string long_text;
  for (int i = 0; i < 70; ++i) long_text += sentence;
  d.body.push_back(prose({{long_text}}));
  Table t;
  t.columns = {{"STT", 0.8, Table::Align::center}, {"Nội dung", 6}, {"Ghi chú", 2}};
  std::string tall;
  for (int i = 0; i < 200; ++i) tall += "Ô cao hơn một trang " + std::to_string(i + 1) + ". ";
  t.rows.push_back({{"1", "Nội dung ngắn ở hàng đầu", ""}});
  t.rows.push_back({{"2", tall, "Hàng được chia theo dòng"}});
  t.rows.push_back({{"3", "Hàng cuối cùng của bảng", ""}});
  add(d, t);
  d.signature = {{"TRƯỞNG PHÒNG"}, "Trần Văn Bình"};
  for (int i = 1; i <= 30; ++i) d.recipients.push_back("- UBND xã số " + std::to_string(i) + ";");
  d.recipients.push_back("- Lưu: VT.");
  return d;
}

inline Documents letters() { return {letter("UBND xã Ia Boòng"), letter("UBND xã Ia Phìn")}; }

}  // namespace inspectrack::typeset::samples
