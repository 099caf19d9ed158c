// Office Open XML (WordprocessingML, ECMA-376) written part by part into a zip with
// libzip: no Debian library writes WordprocessingML from C or C++, so the XML is ours.
// Every paragraph names a style of styles.xml (the clerk edits a style, not each
// paragraph); the only direct formatting is a run's emphasis where it differs from its
// style, a cell's alignment, the rules' lengths and the tables' geometry.
#include "docx.hpp"

#include <pango/pangocairo.h>
#include <zip.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <fmt/format.h>
#include <numeric>
#include <string_view>
#include <vector>

#include "chart.hpp"
#include "layout.hpp"
#include "writers.hpp"

namespace inspectrack::typeset {

namespace {

// --- text and units ------------------------------------------------------------------

// `text` as valid UTF-8 holding only characters XML 1.0 allows: malformed bytes and the
// forbidden characters (controls other than tab, newline and return; surrogates;
// U+FFFE, U+FFFF) are dropped, since one of them makes Word refuse the whole file.
std::string xml_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  static constexpr char32_t kLeast[] = {0, 0, 0x80, 0x800, 0x10000};
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80         ? 1
                               : (lead >> 5) == 6  ? 2
                               : (lead >> 4) == 14 ? 3
                               : (lead >> 3) == 30 ? 4
                                                   : 0;
    if (length == 0 || i + length > text.size()) {
      ++i;
      continue;
    }
    char32_t c = length == 1 ? lead : lead & (0x7F >> length);
    std::size_t k = 1;
    for (; k < length && (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80; ++k) {
      c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    if (k < length) {
      ++i;
      continue;
    }
    const bool allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
                         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
    if (allowed && c >= kLeast[length]) out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

// `text` fit for an element's content or an attribute's value in double quotes.
std::string escaped(std::string_view text) {
  std::string out;
  for (const char c : xml_safe(text)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// WordprocessingML's units: twentieths of a point (twips) for lengths, half-points for
// type sizes, English Metric Units for drawings.
long twips(double mm) { return std::lround(mm * 1440 / 25.4); }
long twips_of_points(double points) { return std::lround(points * 20); }
long half_points(double points) { return std::lround(points * 2); }
long emu(double mm) { return std::lround(mm * 36000); }

constexpr double kTextWidth = layout::kPageWidth - layout::kMarginLeft - layout::kMarginRight;  // mm
// The gap between a text and the rule drawn under it, in points.
constexpr double kRuleGap = 2;

// The width in points that `text` takes set in the PDF's face (metric-compatible with
// the .docx's Times New Roman) at `size` points, wrapped at `limit` points: what the
// rules under the issuing body, the motto and the trích yếu are measured against.
class Measure {
 public:
  Measure() : map_(pango_cairo_font_map_new()), context_(pango_font_map_create_context(map_)) {
    pango_cairo_context_set_resolution(context_, 72);
  }
  ~Measure() {
    g_object_unref(context_);
    g_object_unref(map_);
  }
  Measure(const Measure&) = delete;
  Measure& operator=(const Measure&) = delete;

  double width(const std::string& text, double size, bool bold, double limit) const {
    const std::string safe = xml_safe(text);
    PangoLayout* layout = pango_layout_new(context_);
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, layout::kPdfFont);
    pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_size(font, static_cast<int>(size * PANGO_SCALE));
    pango_layout_set_font_description(layout, font);
    pango_layout_set_width(layout, static_cast<int>(limit * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(layout, safe.data(), static_cast<int>(safe.size()));
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    pango_font_description_free(font);
    g_object_unref(layout);
    return std::min(limit, static_cast<double>(logical.width) / PANGO_SCALE);
  }

 private:
  PangoFontMap* map_;
  PangoContext* context_;
};

// --- styles ----------------------------------------------------------------------------

struct StyleSpec {
  const char* id;
  double size;  // points
  bool bold = false;
  bool italic = false;
  const char* jc = "center";
  double first_line = 0;   // mm
  double left = 0;         // mm, the indent of every line
  double before = 0;       // points
  double after = 0;        // points
  bool spaced = false;     // the body's line spacing rather than single
  bool keep_next = false;  // on the page of the paragraph after it
  double exact_line = 0;   // points; the line's height when not 0
  bool rule = false;       // a line under the paragraph
};

using namespace layout;
const StyleSpec kStyles[] = {
    {.id = "ParentBody", .size = kParentBodySize},
    {.id = "IssuingBody", .size = kBodySize, .bold = true},
    {.id = "NationalTitle", .size = kNationalTitleSize, .bold = true},
    {.id = "Motto", .size = kMottoSize, .bold = true},
    {.id = "Rule", .size = 1, .exact_line = kRuleGap, .rule = true},
    {.id = "Number", .size = kNumberSize, .before = kParagraphSpacing},
    {.id = "LetterSubject", .size = kLetterSubjectSize},
    {.id = "PlaceDate", .size = kPlaceDateSize, .italic = true, .before = kParagraphSpacing},
    {.id = "KindName",
     .size = kKindNameSize,
     .bold = true,
     .before = 2 * kParagraphSpacing,
     .keep_next = true},
    {.id = "Summary", .size = kSummarySize, .bold = true, .keep_next = true},
    {.id = "Addressees", .size = kTextSize, .before = kParagraphSpacing, .after = kParagraphSpacing},
    // Several addressees, one a line, from where the head's right column starts.
    {.id = "AddresseeItem",
     .size = kTextSize,
     .jc = "left",
     .left = kTextWidth * kLeftColumnShare,
     .after = kParagraphSpacing},
    {.id = "BodyText",
     .size = kTextSize,
     .jc = "both",
     .first_line = kFirstLineIndent,
     .after = kParagraphSpacing,
     .spaced = true},
    {.id = "Heading",
     .size = kTextSize,
     .bold = true,
     .jc = "both",
     .before = kParagraphSpacing,
     .after = kParagraphSpacing,
     .spaced = true,
     .keep_next = true},
    {.id = "ListItem",
     .size = kTextSize,
     .jc = "both",
     .first_line = kFirstLineIndent,
     .after = kParagraphSpacing,
     .spaced = true},
    {.id = "TableText", .size = kTableTextSize, .jc = "left"},
    {.id = "TableHeading", .size = kTableTextSize, .bold = true},
    {.id = "TableGroup", .size = kTableTextSize, .bold = true, .jc = "left"},
    {.id = "Chart", .size = kTextSize, .before = kParagraphSpacing, .keep_next = true},
    {.id = "ChartCaption", .size = kTableTextSize, .italic = true, .after = kParagraphSpacing},
    {.id = "SignatureTitle", .size = kTextSize, .bold = true},
    {.id = "SignatureSpace", .size = kTextSize, .exact_line = kSignatureSpace * 72 / 25.4},
    {.id = "SignerName", .size = kTextSize, .bold = true},
    {.id = "RecipientsLabel", .size = kRecipientsLabelSize, .bold = true, .italic = true, .jc = "left"},
    {.id = "Recipients", .size = kRecipientsSize, .jc = "left"},
    {.id = "PageNumber", .size = kTextSize},
    {.id = "DocumentEnd", .size = 1, .exact_line = 1},
};

const StyleSpec& style(std::string_view id) {
  for (const StyleSpec& s : kStyles) {
    if (id == s.id) return s;
  }
  throw WriteFailure(fmt::format("no paragraph style '{}'", id));
}

std::string font_properties(double size) {
  return fmt::format(R"(<w:rFonts w:ascii="{0}" w:hAnsi="{0}" w:eastAsia="{0}" w:cs="{0}"/>)"
                     R"(<w:sz w:val="{1}"/><w:szCs w:val="{1}"/>)",
                     kDocxFont, half_points(size));
}

std::string style_xml(const StyleSpec& s) {
  std::string p;
  if (s.keep_next) p += "<w:keepNext/>";
  if (s.rule) p += R"(<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="0" w:color="auto"/></w:pBdr>)";
  const std::string line =
      s.exact_line != 0
          ? fmt::format(R"(w:line="{}" w:lineRule="exact")", twips_of_points(s.exact_line))
          : fmt::format(R"(w:line="{}" w:lineRule="auto")", std::lround(240 * (s.spaced ? kLineSpacing : 1)));
  p += fmt::format(R"(<w:spacing w:before="{}" w:after="{}" {}/>)", twips_of_points(s.before),
                   twips_of_points(s.after), line);
  if (s.first_line != 0 || s.left != 0) {
    p += fmt::format(R"(<w:ind w:left="{}" w:firstLine="{}"/>)", twips(s.left), twips(s.first_line));
  }
  p += fmt::format(R"(<w:jc w:val="{}"/>)", s.jc);
  std::string r = font_properties(s.size);
  r.insert(r.find("<w:sz"), std::string(s.bold ? "<w:b/><w:bCs/>" : "") + (s.italic ? "<w:i/><w:iCs/>" : ""));
  return fmt::format(
      R"(<w:style w:type="paragraph" w:customStyle="1" w:styleId="{0}"><w:name w:val="{0}"/>)"
      R"(<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>{1}</w:pPr><w:rPr>{2}</w:rPr></w:style>)",
      s.id, p, r);
}

constexpr std::string_view kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view kXmlDeclaration = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                                             "\n";

std::string styles_part(const std::string& language) {
  std::string out = fmt::format(
      R"({0}<w:styles xmlns:w="{1}"><w:docDefaults><w:rPrDefault><w:rPr>{2})"
      R"(<w:lang w:val="{3}" w:eastAsia="{3}" w:bidi="{3}"/></w:rPr></w:rPrDefault>)"
      R"(<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>)"
      R"(</w:docDefaults>)"
      R"(<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>)"
      R"(<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>)"
      R"(<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>)"
      R"(<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>)"
      R"(<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>)",
      kXmlDeclaration, kW, font_properties(kTextSize), escaped(language));
  for (const StyleSpec& s : kStyles) out += style_xml(s);
  return out + "</w:styles>";
}

// --- paragraphs ------------------------------------------------------------------------

// A run's text: a tab and a line break are elements of their own in WordprocessingML.
std::string text_xml(std::string_view text) {
  std::string out;
  std::string chunk;
  const auto flush = [&] {
    if (!chunk.empty()) out += fmt::format(R"(<w:t xml:space="preserve">{}</w:t>)", escaped(chunk));
    chunk.clear();
  };
  for (const char c : text) {
    if (c == '\n' || c == '\t') {
      flush();
      out += c == '\n' ? "<w:br/>" : "<w:tab/>";
    } else if (c != '\r') {
      chunk += c;
    }
  }
  flush();
  return out;
}

// A run with the emphasis its style lacks. A Run's emphasis adds to its paragraph's: a
// heading's plain runs stay bold.
std::string run_xml(const Run& run, const StyleSpec& s) {
  std::string properties;
  if (run.bold && !s.bold) properties += "<w:b/><w:bCs/>";
  if (run.italic && !s.italic) properties += "<w:i/><w:iCs/>";
  const std::string text = text_xml(run.text);
  if (text.empty()) return "";
  return properties.empty() ? "<w:r>" + text + "</w:r>"
                            : "<w:r><w:rPr>" + properties + "</w:rPr>" + text + "</w:r>";
}

// A paragraph of style `id`; `properties` are the direct paragraph properties that come
// after the style (w:ind, w:jc, w:sectPr in schema order).
std::string paragraph_xml(std::string_view id, const std::vector<Run>& runs,
                          const std::string& properties = "") {
  const StyleSpec& s = style(id);
  std::string out = fmt::format(R"(<w:p><w:pPr><w:pStyle w:val="{}"/>{}</w:pPr>)", s.id, properties);
  for (const Run& run : runs) out += run_xml(run, s);
  return out + "</w:p>";
}

std::string paragraph_xml(std::string_view id, const std::string& text, const std::string& properties = "") {
  return paragraph_xml(id, std::vector<Run>{Run{.text = text}}, properties);
}

// A short rule `length` twips long centred in a column `column` twips wide.
std::string rule_xml(long length, long column) {
  const long indent = std::max(0L, (column - length) / 2);
  return paragraph_xml("Rule", std::vector<Run>{},
                       fmt::format(R"(<w:ind w:left="{0}" w:right="{0}"/>)", indent));
}

// --- tables --------------------------------------------------------------------------

// `total` twips shared in proportion to `shares`, the rounding left to the last.
std::vector<long> split(const std::vector<double>& shares, long total) {
  const double sum = std::accumulate(shares.begin(), shares.end(), 0.0);
  std::vector<long> widths;
  long given = 0;
  for (std::size_t i = 0; i + 1 < shares.size(); ++i) {
    widths.push_back(sum > 0 ? std::lround(total * shares[i] / sum)
                             : total / static_cast<long>(shares.size()));
    given += widths.back();
  }
  if (!shares.empty()) widths.push_back(total - given);
  return widths;
}

std::string borders_xml(const char* value) {
  std::string out = "<w:tblBorders>";
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"}) {
    out += fmt::format(R"(<w:{} w:val="{}" w:sz="4" w:space="0" w:color="auto"/>)", side, value);
  }
  return out + "</w:tblBorders>";
}

// The start of a table of columns `widths` (twips): ruled, or borderless with no
// margin in its cells (the head and the signature, whose columns are the page's).
std::string table_start(const std::vector<long>& widths, bool ruled) {
  const long total = std::accumulate(widths.begin(), widths.end(), 0L);
  std::string out =
      fmt::format(R"(<w:tbl><w:tblPr><w:tblW w:w="{}" w:type="dxa"/>{}<w:tblLayout w:type="fixed"/>)", total,
                  borders_xml(ruled ? "single" : "nil"));
  if (!ruled)
    out += R"(<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>)";
  out += R"(<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" )"
         R"(w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>)";
  for (const long w : widths) out += fmt::format(R"(<w:gridCol w:w="{}"/>)", w);
  return out + "</w:tblGrid>";
}

// A cell `width` twips wide holding `content` (paragraphs; a cell must hold one);
// `properties` follow w:tcW in schema order (w:gridSpan, w:vMerge).
std::string cell_xml(long width, std::string content, const std::string& properties = "") {
  if (content.empty()) content = "<w:p/>";
  return fmt::format(R"(<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/>{}</w:tcPr>{}</w:tc>)", width, properties,
                     content);
}

// A borderless table of one row per entry of `rows`, each a content per column.
std::string layout_table(const std::vector<long>& widths, const std::vector<std::vector<std::string>>& rows) {
  std::string out = table_start(widths, false);
  for (const auto& row : rows) {
    out += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
    for (std::size_t c = 0; c < widths.size(); ++c) out += cell_xml(widths[c], c < row.size() ? row[c] : "");
    out += "</w:tr>";
  }
  return out + "</w:tbl>";
}

std::string cell_text(const Table::Row& row, std::size_t column) {
  return column < row.cells.size() ? row.cells[column] : std::string();
}

// How the cell of `column` in row `r` takes part in a vertical merge: "" none, else
// the w:vMerge that starts or continues a run of the same text.
std::string merge_of(const Table& table, std::size_t r, std::size_t column) {
  if (!table.columns[column].merge_repeats || table.rows[r].group) return "";
  const std::string text = cell_text(table.rows[r], column);
  const auto same = [&](std::size_t other) {
    return other < table.rows.size() && !table.rows[other].group &&
           cell_text(table.rows[other], column) == text;
  };
  if (r > 0 && same(r - 1)) return "<w:vMerge/>";
  if (same(r + 1)) return R"(<w:vMerge w:val="restart"/>)";
  return "";
}

std::string alignment_xml(Table::Align align) {
  switch (align) {
    case Table::Align::center: return R"(<w:jc w:val="center"/>)";
    case Table::Align::right: return R"(<w:jc w:val="right"/>)";
    case Table::Align::left: break;
  }
  return "";
}

// A body table: ruled, its header row repeated on each page, no row split by a page.
std::string table_xml(const Table& table) {
  if (table.columns.empty()) return "";
  std::vector<double> shares;
  for (const Table::Column& column : table.columns) shares.push_back(column.width);
  const std::vector<long> widths = split(shares, twips(kTextWidth));
  std::string out = table_start(widths, true) + "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>";
  for (std::size_t c = 0; c < widths.size(); ++c) {
    out += cell_xml(widths[c], paragraph_xml("TableHeading", table.columns[c].heading));
  }
  out += "</w:tr>";
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const Table::Row& row = table.rows[r];
    out += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
    if (row.group) {
      out += cell_xml(twips(kTextWidth), paragraph_xml("TableGroup", cell_text(row, 0)),
                      fmt::format(R"(<w:gridSpan w:val="{}"/>)", widths.size()));
    } else {
      for (std::size_t c = 0; c < widths.size(); ++c) {
        const std::string merge = merge_of(table, r, c);
        const bool hidden = merge == "<w:vMerge/>";
        out += cell_xml(widths[c],
                        paragraph_xml("TableText", hidden ? "" : cell_text(row, c),
                                      alignment_xml(table.columns[c].align)),
                        merge);
      }
    }
    out += "</w:tr>";
  }
  return out + "</w:tbl>";
}

// --- the document ----------------------------------------------------------------------

struct Media {
  std::string name;  // under word/media/
  std::string png;
};

// The page of each document: A4, the decree's margins, the page number in the header
// from the second page (w:titlePg: the first page's header is empty), counted from 1.
std::string section_xml() {
  return fmt::format(
      R"(<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/><w:type w:val="nextPage"/>)"
      R"(<w:pgSz w:w="{}" w:h="{}"/><w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" )"
      R"(w:header="{}" w:footer="{}" w:gutter="0"/><w:pgNumType w:start="1"/><w:titlePg/></w:sectPr>)",
      twips(kPageWidth), twips(kPageHeight), twips(kMarginTop), twips(kMarginRight), twips(kMarginBottom),
      twips(kMarginLeft), twips(kMarginTop / 2), twips(kMarginBottom / 2));
}

class Body {
 public:
  explicit Body(const ChartImager& image) : image_(image) {}

  // `document`, then its section's end: the next document starts on a new page.
  void add(const Document& document, bool last) {
    xml_ += head_xml(document.heading);
    if (!document.kind_name.empty()) xml_ += paragraph_xml("KindName", document.kind_name);
    if (!document.summary.empty()) {
      xml_ += paragraph_xml("Summary", document.summary);
      xml_ += rule_xml(short_rule(document.summary, kSummarySize, twips(kTextWidth)), twips(kTextWidth));
    }
    xml_ += addressees_xml(document);
    for (const Block& block : document.body) {
      if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
        // The signature never stands alone on a page: the last paragraph keeps with it.
        const bool closing = &block == &document.body.back();
        xml_ +=
            paragraph_xml(paragraph_style(paragraph->style), paragraph->runs, closing ? "<w:keepNext/>" : "");
      } else if (const auto* table = std::get_if<Table>(&block)) {
        xml_ += table_xml(*table);
      } else {
        xml_ += chart_xml(std::get<Chart>(block));
      }
    }
    xml_ += signature_xml(document);
    xml_ += paragraph_xml("DocumentEnd", std::vector<Run>{}, last ? "" : section_xml());
    if (last) xml_ += section_xml();
  }

  const std::string& xml() const { return xml_; }
  const std::vector<Media>& media() const { return media_; }

 private:
  static const char* paragraph_style(Paragraph::Style style) {
    switch (style) {
      case Paragraph::Style::heading: return "Heading";
      case Paragraph::Style::item: return "ListItem";
      case Paragraph::Style::body: break;
    }
    return "BodyText";
  }

  // The length in twips of the rule under `text` set bold at `size` in a column
  // `column` twips wide: kShortRuleShare of the text's width.
  long short_rule(const std::string& text, double size, long column) const {
    return std::lround(kShortRuleShare * measure_.width(text, size, true, column / 20.0) * 20);
  }

  std::string head_xml(const Heading& heading) const {
    const long width = twips(kTextWidth);
    const long left = std::lround(width * kLeftColumnShare);
    const long right = width - left;
    std::string bodies;
    if (!heading.parent_body.empty()) bodies += paragraph_xml("ParentBody", heading.parent_body);
    if (!heading.body.empty()) {
      bodies += paragraph_xml("IssuingBody", heading.body);
      bodies += rule_xml(short_rule(heading.body, kBodySize, left), left);
    }
    const long motto = std::lround(measure_.width(heading.motto, kMottoSize, true, right / 20.0) * 20);
    std::string title =
        paragraph_xml("NationalTitle", heading.national_title) + paragraph_xml("Motto", heading.motto);
    if (!heading.motto.empty()) title += rule_xml(motto, right);
    std::string number;
    if (!heading.number.empty()) number += paragraph_xml("Number", heading.number);
    if (!heading.letter_subject.empty()) number += paragraph_xml("LetterSubject", heading.letter_subject);
    const std::string date = heading.place_date.empty() ? "" : paragraph_xml("PlaceDate", heading.place_date);
    return layout_table({left, right}, {{bodies, title}, {number, date}});
  }

  // "Kính gửi: X" on one line; several addressees one a line under the label, from
  // where the head's right column starts.
  static std::string addressees_xml(const Document& document) {
    const std::string label = document.addressed_label + ":";
    if (document.addressees.empty()) return "";
    if (document.addressees.size() == 1)
      return paragraph_xml("Addressees", label + " " + document.addressees[0]);
    std::string out = paragraph_xml("Addressees", label);
    for (const std::string& addressee : document.addressees) out += paragraph_xml("AddresseeItem", addressee);
    return out;
  }

  std::string chart_xml(const Chart& chart) {
    ChartImage image = image_(chart, kTextWidth);
    media_.push_back({fmt::format("chart{}.png", media_.size() + 1), std::move(image.png)});
    const long id = static_cast<long>(media_.size());
    const long cx = emu(image.width);
    const long cy = emu(image.height);
    const std::string drawing = fmt::format(
        R"(<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{0}" cy="{1}"/>)"
        R"(<wp:docPr id="{2}" name="Chart {2}" descr="{3}"/><wp:cNvGraphicFramePr>)"
        R"(<a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic>)"
        R"(<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>)"
        R"(<pic:nvPicPr><pic:cNvPr id="{2}" name="{4}"/><pic:cNvPicPr/></pic:nvPicPr>)"
        R"(<pic:blipFill><a:blip r:embed="rIdChart{2}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>)"
        R"(<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{0}" cy="{1}"/></a:xfrm>)"
        R"(<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>)"
        R"(</wp:inline></w:drawing></w:r>)",
        cx, cy, id, escaped(chart.caption), media_.back().name);
    std::string out = fmt::format(R"(<w:p><w:pPr><w:pStyle w:val="Chart"/></w:pPr>{}</w:p>)", drawing);
    if (!chart.caption.empty()) out += paragraph_xml("ChartCaption", chart.caption);
    return out;
  }

  // Nơi nhận on the left, the signature on the right, side by side on one page.
  static std::string signature_xml(const Document& document) {
    const long width = twips(kTextWidth);
    const long left = std::lround(width * kLeftColumnShare);
    std::string recipients;
    if (!document.recipients_label.empty() || !document.recipients.empty()) {
      recipients += paragraph_xml("RecipientsLabel", document.recipients_label + ":");
    }
    for (const std::string& line : document.recipients) recipients += paragraph_xml("Recipients", line);
    std::string signature;
    for (const std::string& title : document.signature.titles)
      signature += paragraph_xml("SignatureTitle", title);
    signature += paragraph_xml("SignatureSpace", std::vector<Run>{});
    signature += paragraph_xml("SignerName", document.signature.name);
    return layout_table({left, width - left}, {{recipients, signature}});
  }

  const ChartImager& image_;
  Measure measure_;
  std::string xml_;
  std::vector<Media> media_;
};

// --- the package -----------------------------------------------------------------------

constexpr std::string_view kRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr std::string_view kOfficeRelationship =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view kMainType = "application/vnd.openxmlformats-officedocument.wordprocessingml";

std::string content_types_part() {
  return fmt::format(
      R"({0}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
      R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
      R"(<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>)"
      R"(<Override PartName="/word/document.xml" ContentType="{1}.document.main+xml"/>)"
      R"(<Override PartName="/word/styles.xml" ContentType="{1}.styles+xml"/>)"
      R"(<Override PartName="/word/settings.xml" ContentType="{1}.settings+xml"/>)"
      R"(<Override PartName="/word/header1.xml" ContentType="{1}.header+xml"/>)"
      R"(<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>)"
      R"(<Override PartName="/docProps/app.xml" )"
      R"(ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>)",
      kXmlDeclaration, kMainType);
}

std::string package_relationships_part() {
  return fmt::format(
      R"({0}<Relationships xmlns="{1}">)"
      R"(<Relationship Id="rId1" Type="{2}/officeDocument" Target="word/document.xml"/>)"
      R"(<Relationship Id="rId2" Type="{1}/metadata/core-properties" Target="docProps/core.xml"/>)"
      R"(<Relationship Id="rId3" Type="{2}/extended-properties" Target="docProps/app.xml"/></Relationships>)",
      kXmlDeclaration, kRelationships, kOfficeRelationship);
}

std::string document_relationships_part(const std::vector<Media>& media) {
  std::string out =
      fmt::format(R"({0}<Relationships xmlns="{1}">)"
                  R"(<Relationship Id="rIdStyles" Type="{2}/styles" Target="styles.xml"/>)"
                  R"(<Relationship Id="rIdSettings" Type="{2}/settings" Target="settings.xml"/>)"
                  R"(<Relationship Id="rIdHeader" Type="{2}/header" Target="header1.xml"/>)",
                  kXmlDeclaration, kRelationships, kOfficeRelationship);
  for (std::size_t i = 0; i < media.size(); ++i) {
    out += fmt::format(R"(<Relationship Id="rIdChart{}" Type="{}/image" Target="media/{}"/>)", i + 1,
                       kOfficeRelationship, media[i].name);
  }
  return out + "</Relationships>";
}

std::string document_part(const std::string& body) {
  return fmt::format(
      R"({}<w:document xmlns:w="{}" xmlns:r="{}" )"
      R"(xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" )"
      R"(xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" )"
      R"(xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>{}</w:body></w:document>)",
      kXmlDeclaration, kW, kR, body);
}

// The page number, centred in the top margin: Nghị định 30/2020/NĐ-CP, Phụ lục I numbers
// the pages from 1 and shows no number on the first (w:titlePg in each section).
std::string header_part() {
  return fmt::format(
      R"({}<w:hdr xmlns:w="{}"><w:p><w:pPr><w:pStyle w:val="PageNumber"/></w:pPr>)"
      R"(<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>)"
      R"(<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r>)"
      R"(<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>)",
      kXmlDeclaration, kW);
}

std::string settings_part(const std::string& language) {
  return fmt::format(
      R"({}<w:settings xmlns:w="{}"><w:defaultTabStop w:val="720"/>)"
      R"(<w:characterSpacingControl w:val="doNotCompress"/><w:compat>)"
      R"(<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>)"
      R"(</w:compat><w:themeFontLang w:val="{}"/></w:settings>)",
      kXmlDeclaration, kW, escaped(language));
}

// No dates: the same documents give the same file.
std::string core_part(const Document& first) {
  return fmt::format(
      R"({}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" )"
      R"(xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>inspectrack</dc:creator>)"
      R"(<dc:language>{}</dc:language></cp:coreProperties>)",
      kXmlDeclaration, escaped(first.title), escaped(first.language));
}

std::string app_part() {
  return fmt::format(
      R"({}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">)"
      R"(<Application>inspectrack</Application></Properties>)",
      kXmlDeclaration);
}

struct Part {
  std::string name;
  std::string content;
};

std::string zip_reason(zip_t* zip) {
  std::string reason = zip_strerror(zip);
  zip_discard(zip);
  return reason;
}

// The parts into a zip at `path`; libzip writes it to a temporary and renames it over
// `path` at zip_close, so a failure leaves no half-written package.
void write_package(const std::string& path, const std::deque<Part>& parts) {
  int code = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (zip == nullptr) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    const std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw WriteFailure("cannot create the .docx package: " + reason);
  }
  // A fixed time (2000-01-01) for every part: the same documents give the same bytes.
  constexpr time_t kPartTime = 946684800;
  for (const Part& part : parts) {
    zip_source_t* source = zip_source_buffer(zip, part.content.data(), part.content.size(), 0);
    const zip_int64_t index =
        source == nullptr ? -1 : zip_file_add(zip, part.name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      if (source != nullptr) zip_source_free(source);
      throw WriteFailure(fmt::format("cannot add {} to the .docx package: {}", part.name, zip_reason(zip)));
    }
    zip_file_set_mtime(zip, static_cast<zip_uint64_t>(index), kPartTime, 0);
  }
  if (zip_close(zip) != 0) throw WriteFailure("cannot write the .docx package: " + zip_reason(zip));
}

}  // namespace

void write_docx(const Documents& documents, const std::string& path, const ChartImager& image) {
  if (documents.empty()) throw WriteFailure("no document to write");
  Body body(image);
  for (std::size_t i = 0; i < documents.size(); ++i) body.add(documents[i], i + 1 == documents.size());
  // The parts stay where they are until zip_close reads them (a deque never moves them).
  std::deque<Part> parts = {
      {"[Content_Types].xml", content_types_part()},
      {"_rels/.rels", package_relationships_part()},
      {"docProps/core.xml", core_part(documents.front())},
      {"docProps/app.xml", app_part()},
      {"word/document.xml", document_part(body.xml())},
      {"word/styles.xml", styles_part(documents.front().language)},
      {"word/settings.xml", settings_part(documents.front().language)},
      {"word/header1.xml", header_part()},
      {"word/_rels/document.xml.rels", document_relationships_part(body.media())},
  };
  for (const Media& media : body.media()) parts.push_back({"word/media/" + media.name, media.png});
  write_package(path, parts);
}

void write_docx(const Documents& documents, const std::string& path) {
  write_docx(documents, path, [](const Chart& chart, double width) {
    const double height = chart_height(chart, width);
    return ChartImage{.png = chart_png(chart, width, height), .width = width, .height = height};
  });
}

}  // namespace inspectrack::typeset
