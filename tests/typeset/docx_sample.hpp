#pragma once
// The sample the .docx tests write: a report and a letter in Vietnamese, one file, with
// every kind of block, a table long enough to span pages, every Vietnamese letter, and
// texts that XML must escape. A chart's image is a plain PNG drawn here with Cairo, so
// that these tests check the embedding, not the chart (typeset_chart_test does).

#include <cairo.h>

#include <string>

#include "../../src/typeset/docx.hpp"
#include "inspectrack/typeset/document.hpp"

namespace docx_sample {

using namespace inspectrack::typeset;

// Every letter of Vietnamese, lower then upper case, each precomposed (NFC).
inline constexpr const char* kLetters =
    "aàáảãạ ăằắẳẵặ âầấẩẫậ bcdđ eèéẻẽẹ êềếểễệ ghiìíỉĩị klmn oòóỏõọ ôồốổỗộ ơờớởỡợ pqrst "
    "uùúủũụ ưừứửữự vx yỳýỷỹỵ AÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ BCDĐ EÈÉẺẼẸ ÊỀẾỂỄỆ GHIÌÍỈĨỊ KLMN OÒÓỎÕỌ "
    "ÔỒỐỔỖỘ ƠỜỚỞỠỢ PQRST UÙÚỦŨỤ ƯỪỨỬỮỰ VX YỲÝỶỸỴ";

// The tasks of the report's table: units in groups of three rows, enough to span pages.
inline constexpr int kTableRows = 45;

inline Heading heading(const std::string& number, const std::string& subject) {
  Heading h;
  h.parent_body = "UBND HUYỆN CHƯ PRÔNG";
  h.body = "PHÒNG NỘI VỤ";
  h.number = number;
  h.place_date = "Chư Prông, ngày 29 tháng 7 năm 2021";
  h.letter_subject = subject;
  return h;
}

inline Table table() {
  Table t;
  t.columns = {{"STT", 0.9, Table::Align::center},
               {"Đơn vị", 2, Table::Align::left, true},
               {"Nhiệm vụ", 4},
               {"Thời hạn", 1.6, Table::Align::center},
               {"Kết quả", 2}};
  t.rows.push_back({{"UBND các xã, thị trấn"}, true});
  for (int i = 1; i <= kTableRows; ++i) {
    t.rows.push_back({{std::to_string(i), "UBND xã Ia Boòng " + std::to_string((i - 1) / 3 + 1),
                       "Rà soát, cập nhật thủ tục hành chính số " + std::to_string(i), "Trước 28/7/2021",
                       i % 4 == 0 ? "Quá hạn 3 ngày" : "Đã hoàn thành ngày 20/7/2021 (đúng hạn)"}});
  }
  return t;
}

inline Chart chart() {
  return Chart{.caption = "Biểu đồ 1. Nhiệm vụ của từng đơn vị theo kết quả",
               .categories = {"UBND xã Ia Boòng", "UBND thị trấn Chư Prông"},
               .series = {{"Đúng hạn", 0x2b6cb0, {3, 5}}, {"Quá hạn", 0xc53030, {1, 0}}}};
}

inline Document report() {
  Document d;
  d.title = "Báo cáo kết quả khắc phục";
  d.heading = heading("Số:      /BC-NV", "");
  d.kind_name = "BÁO CÁO";
  d.summary = "Kết quả khắc phục tồn tại, hạn chế sau kiểm tra công tác cải cách hành chính";
  d.body.emplace_back(Paragraph{Paragraph::Style::heading, {{"I. KẾT QUẢ THỰC HIỆN"}}});
  d.body.emplace_back(Paragraph{Paragraph::Style::body,
                                {{"Thực hiện Kết luận số 12/KL-SNV "},
                                 {"của Sở Nội vụ", true},
                                 {" ("},
                                 {"nghiêng", false, true},
                                 {"), "},
                                 {"chữ & ký hiệu <x> \"trích\" \x01"
                                  "bỏ"},
                                 {"."}}});
  d.body.emplace_back(Paragraph{Paragraph::Style::body, {{kLetters}}});
  d.body.emplace_back(std::in_place_type<Chart>, chart());
  d.body.emplace_back(Paragraph{Paragraph::Style::heading, {{"II. CHI TIẾT TỪNG NHIỆM VỤ"}}});
  d.body.emplace_back(std::in_place_type<Table>, table());
  d.body.emplace_back(Paragraph{Paragraph::Style::heading, {{"III. ĐƠN VỊ CÒN NHIỆM VỤ QUÁ HẠN"}}});
  d.body.emplace_back(Paragraph{Paragraph::Style::item, {{"- UBND xã Ia Boòng 2: 1 nhiệm vụ quá hạn."}}});
  d.signature = {{"KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"}, "Nguyễn Văn Ấn"};
  d.recipients = {"- Sở Nội vụ tỉnh Gia Lai;", "- Lưu: VT, NV."};
  return d;
}

inline Document letter() {
  Document d;
  d.title = "Đôn đốc thực hiện nhiệm vụ khắc phục";
  d.heading = heading("Số:      /UBND-NV", "V/v đôn đốc thực hiện nhiệm vụ khắc phục sau kiểm tra");
  d.addressees = {"- UBND xã Ia Boòng;", "- UBND thị trấn Chư Prông."};
  d.body.emplace_back(
      Paragraph{Paragraph::Style::body, {{"Đề nghị các đơn vị khẩn trương hoàn thành nhiệm vụ./."}}});
  d.signature = {{"TL. CHỦ TỊCH", "TRƯỞNG PHÒNG NỘI VỤ"}, "Trần Thị Bích"};
  d.recipients = {"- Như trên;", "- Lưu: VT, NV."};
  return d;
}

inline Documents documents() { return {report(), letter()}; }

// A PNG of `width` × `height` mm at 50 dpi: a frame and one bar, enough to be seen.
inline std::string png(double width, double height) {
  const int w = static_cast<int>(width / 25.4 * 50);
  const int h = static_cast<int>(height / 25.4 * 50);
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0.17, 0.42, 0.69);
  cairo_rectangle(cr, w * 0.1, h * 0.4, w * 0.6, h * 0.2);
  cairo_fill(cr);
  cairo_destroy(cr);
  std::string bytes;
  cairo_surface_write_to_png_stream(
      surface,
      [](void* closure, const unsigned char* data, unsigned int length) {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
      },
      &bytes);
  cairo_surface_destroy(surface);
  return bytes;
}

// The height the sample's charts are shown at, in millimetres.
inline constexpr double kChartHeight = 60;

inline ChartImage image(const Chart&, double width) {
  return {png(width, kChartHeight), width, kChartHeight};
}

}  // namespace docx_sample
