#pragma once
// An official document (văn bản hành chính) as plain data: what a page says and how
// each part is set, in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I (see
// src/typeset/LAYOUT.md for the decree's rules and the sizes chosen within them).
// The words are final: render builds a Document in the reader's language; typeset
// writes it as .docx (typeset/docx.cpp) or PDF (typeset/pdf.cpp) and decides nothing
// of what it says. Every text is UTF-8 in NFC.

#include <string>
#include <variant>
#include <vector>

namespace inspectrack::typeset {

// A stretch of text with one emphasis.
struct Run {
  std::string text;
  bool bold = false;
  bool italic = false;
};

// A paragraph of the body (nội dung): justified, the first line indented.
struct Paragraph {
  enum class Style {
    body,     // a paragraph of prose
    heading,  // a section's heading ("I. KẾT QUẢ …"): bold, not indented
    item,     // an item of a list ("- UBND xã Ia Boòng: 2 nhiệm vụ quá hạn"): indented like body
  };
  Style style = Style::body;
  std::vector<Run> runs;
};

// A table of the body, its header row repeated on every page it spans.
struct Table {
  enum class Align { left, center, right };
  struct Column {
    std::string heading;
    double width = 1;  // relative to the other columns'
    Align align = Align::left;
    // A run of rows with the same text in this column shows it once, in one cell merged
    // down the run ("Đơn vị" over a unit's tasks); a page break starts a new cell that
    // repeats the text.
    bool merge_repeats = false;
  };
  struct Row {
    std::vector<std::string> cells;  // one per column
    // A group's heading ("UBND xã Ia Boòng"): its first cell spans the whole row, bold.
    bool group = false;
  };
  std::vector<Column> columns;
  std::vector<Row> rows;
};

// A bar chart (biểu đồ), drawn by the tool: for each category (a unit) one stacked bar
// of the series' values (outcomes: đúng hạn, quá hạn, …), with a legend.
struct Chart {
  struct Series {
    std::string name;        // the legend's label
    unsigned rgb = 0x000000;  // the bars' colour, 0xRRGGBB
    std::vector<int> values;  // one per category, >= 0
  };
  std::string caption;                  // under the chart: "Biểu đồ 1. …"
  std::vector<std::string> categories;  // the bars' labels
  std::vector<Series> series;
};

// The colours of a chart's series for a unit's tasks by outcome, in the order render
// stacks them. Office printers are mostly monochrome, so the four differ above all in
// lightness: as grey (luma, 0.299 R + 0.587 G + 0.114 B, the colour-to-grey weighting of
// ITU-R BT.601) they are 200, 157, 244 and 111 of 255, no two closer than 43. Black
// digits on each keep WCAG 2's minimum contrast for text, 4.5:1 (the red, the darkest,
// 4.67:1), and every segment and swatch is outlined, so that even the palest shows on
// white paper.
inline constexpr unsigned kOnTimeColour = 0xAADEA2;      // done on time: light green, grey 200
inline constexpr unsigned kDoneLateColour = 0x86A0C8;    // done late: greyish blue, grey 157
inline constexpr unsigned kInProgressColour = 0xFFF8C0;  // open, not late: pale yellow, grey 244
inline constexpr unsigned kOverdueColour = 0xD0483C;     // overdue, not done: red, grey 111

using Block = std::variant<Paragraph, Table, Chart>;

// The head of the first page: the issuing body on the left (ô 2), the national title
// and motto on the right (ô 1), the number and symbol under the body (ô 3), the place
// and date under the motto (ô 4).
struct Heading {
  std::string parent_body;  // cơ quan chủ quản, upper case; "" when none
  std::string body;         // cơ quan ban hành, upper case, bold, ruled under
  std::string national_title = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
  std::string motto = "Độc lập - Tự do - Hạnh phúc";
  std::string number;       // "Số:      /BC-UBND": the number left blank for the clerk
  std::string place_date;   // "Chư Prông, ngày 29 tháng 7 năm 2021": italic
  // A letter's (công văn) subject, under the number: "V/v đôn đốc …"; "" for other kinds.
  std::string letter_subject;
};

// The signature block (ô 7) on the right under the body, and the recipients (ô 9b) on
// the left, side by side.
struct Signature {
  std::vector<std::string> titles;  // upper case, bold: "KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"
  std::string name;                 // bold, below the space for the signature and seal
};

struct Document {
  // For the file's properties (title, language) and the PDF's metadata.
  std::string title;
  std::string language = "vi-VN";  // BCP 47

  Heading heading;
  std::string kind_name;  // "BÁO CÁO" (ô 5a), centred bold upper case; "" for a letter
  std::string summary;    // trích yếu under the kind name, bold, ruled under; "" for a letter
  // "Kính gửi:" and the addressees, centred under the head; none for a report.
  std::string addressed_label = "Kính gửi";
  std::vector<std::string> addressees;
  std::vector<Block> body;
  Signature signature;
  std::string recipients_label = "Nơi nhận";  // bold italic
  std::vector<std::string> recipients;        // each line as printed: "- Sở Nội vụ tỉnh Gia Lai;"
};

// Several documents written into one file, each starting on a new page (one letter
// per unit); a file of one document is a vector of one.
using Documents = std::vector<Document>;

}  // namespace inspectrack::typeset
