#pragma once
// The page and the type of an official document, the one place both writers (docx.cpp,
// pdf.cpp) read them from. Nghị định 30/2020/NĐ-CP, Phụ lục I gives most of them as
// ranges; LAYOUT.md beside this file quotes each rule and says which value of its range
// is chosen here and why.

namespace inspectrack::typeset::layout {

// A4 portrait, in millimetres.
inline constexpr double kPageWidth = 210;
inline constexpr double kPageHeight = 297;
// Margins (the decree: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm).
inline constexpr double kMarginTop = 20;
inline constexpr double kMarginBottom = 20;
inline constexpr double kMarginLeft = 30;
inline constexpr double kMarginRight = 15;

// The typeface: Times New Roman as the decree names it in a .docx (LibreOffice and Word
// on Linux substitute a metric-compatible face); Liberation Serif (fonts-liberation),
// metric-compatible with Times New Roman, embedded in a PDF.
inline constexpr const char* kDocxFont = "Times New Roman";
inline constexpr const char* kPdfFont = "Liberation Serif";

// Sizes in points.
inline constexpr double kParentBodySize = 13;     // cơ quan chủ quản: upper case, upright
inline constexpr double kBodySize = 13;           // cơ quan ban hành: upper case, bold
inline constexpr double kNationalTitleSize = 13;  // Quốc hiệu: upper case, bold
inline constexpr double kMottoSize = 14;          // Tiêu ngữ: bold, ruled under its full length
inline constexpr double kNumberSize = 13;         // Số, ký hiệu
inline constexpr double kPlaceDateSize = 14;      // địa danh, ngày tháng: italic
inline constexpr double kKindNameSize = 14;       // tên loại: upper case, bold
inline constexpr double kSummarySize = 14;        // trích yếu: bold
inline constexpr double kLetterSubjectSize = 12;  // a letter's "V/v …"
inline constexpr double kTextSize = 14;           // nội dung, Kính gửi, the signature block
inline constexpr double kTableTextSize = 12;      // the cells of a table
inline constexpr double kRecipientsLabelSize = 12;  // "Nơi nhận:": bold italic
inline constexpr double kRecipientsSize = 11;       // the recipients' lines
inline constexpr double kPageNumberSize = 13;       // from the second page, top centre, upright

// The body's paragraphs: the first line indented, space after each, line spacing.
inline constexpr double kFirstLineIndent = 10;   // mm (the decree: 1–1.27 cm)
inline constexpr double kParagraphSpacing = 6;   // pt after a paragraph (the decree: at least 6 pt)
inline constexpr double kLineSpacing = 1.15;     // times single (the decree: single to 1.5 lines)

// The head's two columns, as shares of the text width: the issuing body on the left,
// the national title and motto on the right.
inline constexpr double kLeftColumnShare = 0.40;
// The rule under the issuing body and under the trích yếu: this share of the text
// above it (the decree: a third to a half), centred.
inline constexpr double kShortRuleShare = 0.40;

// The space left for the signature and seal between the signer's title and name.
inline constexpr double kSignatureSpace = 25;  // mm

// Colours of a chart's series come with the Chart; its text is the table's size.
inline constexpr double kChartHeight = 80;  // mm, for up to 12 categories
inline constexpr double kChartHeightPerCategory = 6;  // mm more for each one beyond 12

}  // namespace inspectrack::typeset::layout
