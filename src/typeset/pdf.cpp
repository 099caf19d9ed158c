// A PDF of official documents set with Pango (shaping and line breaking of Vietnamese's
// stacked marks, justification) and drawn with Cairo (which embeds the font as a subset).
// The pages are laid out here: a cursor goes down the text area; a paragraph or a table
// row that does not fit goes on to the next page, split between its lines.
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <strings.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "chart.hpp"
#include "layout.hpp"
#include "writers.hpp"

namespace inspectrack::typeset {

namespace {

using namespace layout;

// Points (the PDF's unit) from millimetres.
constexpr double pt(double mm) { return mm * 72 / 25.4; }

// What the decree leaves to the drafter: the strokes and the small gaps between parts.
constexpr double kRuleStroke = 0.6;   // pt, the rules of the head and the table's borders
constexpr double kRuleGap = 2;        // pt between a text and the rule under it
constexpr double kCellPadding = 1.5;  // mm inside a table's cell
constexpr double kPartSpacing = 12;   // pt between the head, the title, Kính gửi and the body
constexpr double kSignatureGap = 12;  // pt between the body and the signature

struct GObjectUnref {
  void operator()(gpointer p) const { g_object_unref(p); }
};
using Layout = std::unique_ptr<PangoLayout, GObjectUnref>;

struct Style {
  double size = kTextSize;
  bool bold = false;
  bool italic = false;
  PangoAlignment align = PANGO_ALIGN_LEFT;
  bool justify = false;
  double indent = 0;   // pt, the first line's
  double spacing = 1;  // times single
};

double to_pt(int units) { return pango_units_to_double(units); }

double height(PangoLayout* l) {
  PangoRectangle logical;
  pango_layout_get_extents(l, nullptr, &logical);
  return to_pt(logical.height);
}

// The width of the widest line, for the rules sized to their text.
double text_width(PangoLayout* l) {
  PangoRectangle logical;
  pango_layout_get_extents(l, nullptr, &logical);
  return to_pt(logical.width);
}

// The height (Pango units) where the lines of `l` that fit in `room` points from `from`
// end; with `force`, at least one line even when it does not fit.
int fit(PangoLayout* l, int from, double room, bool force) {
  std::unique_ptr<PangoLayoutIter, decltype(&pango_layout_iter_free)> it(pango_layout_get_iter(l),
                                                                         pango_layout_iter_free);
  int to = from;
  do {
    int y0 = 0, y1 = 0;
    pango_layout_iter_get_line_yrange(it.get(), &y0, &y1);
    if (y0 < from) continue;
    if (to_pt(y1 - from) > room && !(force && to == from)) break;
    to = y1;
  } while (pango_layout_iter_next_line(it.get()));
  return to;
}

// Draws the lines of `l` between the heights `from` and `to` (Pango units), the top of the
// first at `y`.
void draw_lines(cairo_t* cr, PangoLayout* l, double x, double y, int from, int to) {
  std::unique_ptr<PangoLayoutIter, decltype(&pango_layout_iter_free)> it(pango_layout_get_iter(l),
                                                                         pango_layout_iter_free);
  do {
    int y0 = 0, y1 = 0;
    pango_layout_iter_get_line_yrange(it.get(), &y0, &y1);
    if (y0 < from) continue;
    if (y1 > to) break;
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it.get(), nullptr, &logical);
    cairo_move_to(cr, x + to_pt(logical.x), y + to_pt(pango_layout_iter_get_baseline(it.get()) - from));
    pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(it.get()));
  } while (pango_layout_iter_next_line(it.get()));
}

// Where the last line of `l` ends (Pango units): what fit() reaches when all is set.
int end_of(PangoLayout* l) {
  std::unique_ptr<PangoLayoutIter, decltype(&pango_layout_iter_free)> it(pango_layout_get_iter(l),
                                                                         pango_layout_iter_free);
  int y0 = 0, y1 = 0;
  do {
    pango_layout_iter_get_line_yrange(it.get(), &y0, &y1);
  } while (pango_layout_iter_next_line(it.get()));
  return y1;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string all;
  for (const std::string& line : lines) all += (all.empty() ? "" : "\n") + line;
  return all;
}

PangoAlignment alignment(Table::Align align) {
  switch (align) {
    case Table::Align::left: return PANGO_ALIGN_LEFT;
    case Table::Align::center: return PANGO_ALIGN_CENTER;
    case Table::Align::right: return PANGO_ALIGN_RIGHT;
  }
  return PANGO_ALIGN_LEFT;
}

// The file the surface writes to, with the first error it met; removed unless closed
// whole (a PDF cut short is no document).
struct Output {
  explicit Output(const std::string& name) : path(name), file(std::fopen(name.c_str(), "wb")) {
    if (file == nullptr) throw WriteFailure(std::strerror(errno));
  }
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;
  ~Output() {
    if (file == nullptr) return;
    std::fclose(file);
    std::remove(path.c_str());
  }
  void close() {
    const bool flushed = std::fflush(file) == 0 && std::ferror(file) == 0;
    const int flush_error = errno;
    const bool closed = std::fclose(file) == 0;
    const int close_error = errno;
    file = nullptr;
    if (flushed && closed) return;
    std::remove(path.c_str());
    throw WriteFailure(std::strerror(flushed ? close_error : flush_error));
  }
  std::string path;
  std::FILE* file;
  int error = 0;
};

cairo_status_t write_bytes(void* closure, const unsigned char* data, unsigned int length) {
  auto* out = static_cast<Output*>(closure);
  if (std::fwrite(data, 1, length, out->file) == length) return CAIRO_STATUS_SUCCESS;
  if (out->error == 0) out->error = errno != 0 ? errno : EIO;
  return CAIRO_STATUS_WRITE_ERROR;
}

// Every precomposed letter of Vietnamese beyond Latin-1 and Latin Extended-A's.
constexpr const char* kVietnameseLetters =
    "ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
    "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ";

// The first letter of kVietnameseLetters that `font` has no glyph for, "" if none.
std::string missing_letter(PangoFont* font) {
  const char* p = kVietnameseLetters;
  while (*p != '\0') {
    const char* next = g_utf8_next_char(p);
    if (!pango_font_has_char(font, g_utf8_get_char(p))) return std::string(p, next);
    p = next;
  }
  return "";
}

// Pango falls back silently to any face fontconfig offers, letter by letter: a document
// in another face (other widths), or with Vietnamese letters from another face (the
// fonts-liberation package's version 1 has none of them), must not leave without a word.
void require_font(PangoContext* context) {
  for (const PangoWeight weight : {PANGO_WEIGHT_NORMAL, PANGO_WEIGHT_BOLD}) {
    for (const PangoStyle style : {PANGO_STYLE_NORMAL, PANGO_STYLE_ITALIC}) {
      std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)> wanted(
          pango_font_description_new(), pango_font_description_free);
      pango_font_description_set_family(wanted.get(), kPdfFont);
      pango_font_description_set_weight(wanted.get(), weight);
      pango_font_description_set_style(wanted.get(), style);
      pango_font_description_set_size(wanted.get(), static_cast<int>(kTextSize * PANGO_SCALE));
      std::unique_ptr<PangoFont, GObjectUnref> font(pango_context_load_font(context, wanted.get()));
      std::string family = "no font at all";
      if (font) {
        std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)> found(
            pango_font_describe(font.get()), pango_font_description_free);
        const char* name = pango_font_description_get_family(found.get());
        family = name != nullptr ? name : "";
      }
      if (strcasecmp(family.c_str(), kPdfFont) != 0) {
        throw WriteFailure(
            fmt::format("the typeface {} is not installed (fontconfig offers {} instead); "
                        "install the package fonts-liberation2",
                        kPdfFont, family));
      }
      if (const std::string letter = missing_letter(font.get()); !letter.empty()) {
        throw WriteFailure(
            fmt::format("the typeface {} found has no Vietnamese letters such as '{}'; "
                        "install the package fonts-liberation2",
                        kPdfFont, letter));
      }
    }
  }
}

// A context of `fonts` for a PDF, its font checked.
PangoContext* fonts_context(PangoFontMap* fonts) {
  PangoContext* context = pango_font_map_create_context(fonts);
  // Points are the PDF's user units: a font size in points is that many units.
  pango_cairo_context_set_resolution(context, 72);
  // Unhinted outlines and unrounded positions: a PDF is scaled by its reader.
  std::unique_ptr<cairo_font_options_t, decltype(&cairo_font_options_destroy)> options(
      cairo_font_options_create(), cairo_font_options_destroy);
  cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options(context, options.get());
  pango_context_set_round_glyph_positions(context, FALSE);
  try {
    require_font(context);
  } catch (...) {
    g_object_unref(context);
    throw;
  }
  return context;
}

// A table's cell on the page: its text, where it stands, and how far its text is set.
struct Cell {
  Layout text;
  double x = 0;
  double width = 0;
  bool merged = false;  // repeats the cell above in a merge_repeats column
  int from = 0;         // Pango units of its text already set
};

class Writer {
 public:
  explicit Writer(const std::string& path);
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void document(const Document& document, bool first);
  void finish();

 private:
  Layout set(const std::vector<Run>& runs, const Style& style, double width) const;
  Layout set(const std::string& text, const Style& style, double width) const {
    return set(std::vector<Run>{{text}}, style, width);
  }
  double put(PangoLayout* l, double x, double y);
  double rule_under(PangoLayout* l, double x, double y, double column, double share);
  void flow(PangoLayout* l, double x);
  void new_page();
  bool fresh() const { return y_ <= top_; }

  void head(const Heading& heading);
  void title(const Document& document);
  void addressed(const Document& document);
  // `keep`: the room what follows needs on the same page (the last paragraph's closing).
  void paragraph(const Paragraph& paragraph, double keep = 0);
  void chart(const Chart& chart);
  // Ô 7 (the signer, right) and ô 9b (Nơi nhận, left), set before the body is written
  // so that its last paragraph can keep their room.
  struct Closing {
    Layout titles, name, label, recipients;
    double signature = 0;  // the signer's column: titles, the space to sign, the name
    double together = 0;   // the taller of the two columns
  };
  Closing set_closing(const Document& document) const;
  void closing(const Closing& closing);

  void table(const Table& table);
  std::vector<Cell> cells(const Table& table, const std::vector<std::string>& texts, bool header) const;
  std::vector<Cell> cells(const Table& table, std::size_t row) const;
  void row(std::vector<Cell>& cells, std::vector<Cell>& header, bool& first_on_page);
  void table_head(std::vector<Cell>& header);
  void break_table(std::vector<Cell>& header);
  void segment(std::vector<Cell>& cells, const std::vector<int>& to, bool first_on_page);
  void line(double x0, double y0, double x1, double y1);

  // Declared in the order they are made: destroyed the other way round.
  std::unique_ptr<PangoFontMap, GObjectUnref> fonts_;
  std::unique_ptr<PangoContext, GObjectUnref> context_;
  Output out_;
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface_;
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr_;
  const double left_ = pt(kMarginLeft);
  const double width_ = pt(kPageWidth - kMarginLeft - kMarginRight);
  const double top_ = pt(kMarginTop);
  const double bottom_ = pt(kPageHeight - kMarginBottom);
  double y_ = 0;
  int page_ = 0;  // of the document being written, from 1
};

// The fonts are checked before the file is made.
Writer::Writer(const std::string& path)
    : fonts_(pango_cairo_font_map_new()),
      context_(fonts_context(fonts_.get())),
      out_(path),
      surface_(cairo_pdf_surface_create_for_stream(write_bytes, &out_, pt(kPageWidth), pt(kPageHeight)),
               cairo_surface_destroy),
      cr_(cairo_create(surface_.get()), cairo_destroy) {
  if (cairo_status(cr_.get()) != CAIRO_STATUS_SUCCESS) {
    throw WriteFailure(cairo_status_to_string(cairo_status(cr_.get())));
  }
  cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATOR, "inspectrack");
}

void Writer::finish() {
  cr_.reset();
  cairo_surface_finish(surface_.get());
  if (out_.error != 0) throw WriteFailure(std::strerror(out_.error));
  const cairo_status_t status = cairo_surface_status(surface_.get());
  if (status != CAIRO_STATUS_SUCCESS) throw WriteFailure(cairo_status_to_string(status));
  out_.close();
}

Layout Writer::set(const std::vector<Run>& runs, const Style& style, double width) const {
  std::string text;
  std::unique_ptr<PangoAttrList, decltype(&pango_attr_list_unref)> attributes(pango_attr_list_new(),
                                                                              pango_attr_list_unref);
  const auto mark = [&](PangoAttribute* attribute, std::size_t start) {
    attribute->start_index = static_cast<guint>(start);
    attribute->end_index = static_cast<guint>(text.size());
    pango_attr_list_insert(attributes.get(), attribute);
  };
  for (const Run& run : runs) {
    const std::size_t start = text.size();
    text += run.text;
    if (run.bold) mark(pango_attr_weight_new(PANGO_WEIGHT_BOLD), start);
    if (run.italic) mark(pango_attr_style_new(PANGO_STYLE_ITALIC), start);
  }
  // A word cut at the end of a line gets no hyphen: Vietnamese words are syllables.
  mark(pango_attr_insert_hyphens_new(FALSE), 0);
  Layout l(pango_layout_new(context_.get()));
  std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)> font(
      pango_font_description_new(), pango_font_description_free);
  pango_font_description_set_family(font.get(), kPdfFont);
  pango_font_description_set_size(font.get(), static_cast<int>(style.size * PANGO_SCALE));
  if (style.bold) pango_font_description_set_weight(font.get(), PANGO_WEIGHT_BOLD);
  if (style.italic) pango_font_description_set_style(font.get(), PANGO_STYLE_ITALIC);
  pango_layout_set_font_description(l.get(), font.get());
  pango_layout_set_text(l.get(), text.data(), static_cast<int>(text.size()));
  pango_layout_set_attributes(l.get(), attributes.get());
  pango_layout_set_width(l.get(), pango_units_from_double(width));
  pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(l.get(), style.align);
  pango_layout_set_justify(l.get(), style.justify);
  pango_layout_set_indent(l.get(), pango_units_from_double(style.indent));
  pango_layout_set_line_spacing(l.get(), static_cast<float>(style.spacing));
  return l;
}

// Sets `l` whole with its top left at (x, y); returns its height.
double Writer::put(PangoLayout* l, double x, double y) {
  cairo_move_to(cr_.get(), x, y);
  pango_cairo_show_layout(cr_.get(), l);
  return height(l);
}

void Writer::line(double x0, double y0, double x1, double y1) {
  cairo_set_line_width(cr_.get(), kRuleStroke);
  cairo_move_to(cr_.get(), x0, y0);
  cairo_line_to(cr_.get(), x1, y1);
  cairo_stroke(cr_.get());
}

// A rule `share` of the text of `l` long, centred in the column at x, under the text that
// ends at y; returns the height it takes.
double Writer::rule_under(PangoLayout* l, double x, double y, double column, double share) {
  const double length = text_width(l) * share;
  const double middle = x + column / 2;
  line(middle - length / 2, y + kRuleGap, middle + length / 2, y + kRuleGap);
  return 2 * kRuleGap;
}

// Sets `l` from the cursor at x, going on to the next pages as needed.
void Writer::flow(PangoLayout* l, double x) {
  const int end = end_of(l);
  int from = 0;
  for (;;) {
    const int to = fit(l, from, bottom_ - y_, fresh());
    draw_lines(cr_.get(), l, x, y_, from, to);
    y_ += to_pt(to - from);
    from = to;
    if (from >= end) return;
    new_page();
  }
}

// The decree numbers the pages from the second, at the top centre in the top margin.
void Writer::new_page() {
  cairo_show_page(cr_.get());
  ++page_;
  y_ = top_;
  Layout number = set(std::to_string(page_), {.size = kPageNumberSize, .align = PANGO_ALIGN_CENTER}, width_);
  put(number.get(), left_, (top_ - height(number.get())) / 2);
}

void Writer::document(const Document& document, bool first) {
  // Cairo 1.16 writes no /Lang: a document's language is not in the file.
  if (first) {
    cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_TITLE, document.title.c_str());
  } else {
    cairo_show_page(cr_.get());
  }
  page_ = 1;
  y_ = top_;
  head(document.heading);
  title(document);
  addressed(document);
  y_ += kPartSpacing;
  const Closing end = set_closing(document);
  for (std::size_t i = 0; i < document.body.size(); ++i) {
    const Block& block = document.body[i];
    const bool last = i + 1 == document.body.size();
    if (const auto* p = std::get_if<Paragraph>(&block))
      paragraph(*p, last ? kSignatureGap + end.together : 0);
    if (const auto* t = std::get_if<Table>(&block)) table(*t);
    if (const auto* c = std::get_if<Chart>(&block)) chart(*c);
  }
  closing(end);
}

// Ô 1 to ô 4: the issuing body left, the national title and motto right, each ruled
// under; the number under the body and the place and date under the motto on one line.
void Writer::head(const Heading& heading) {
  const double left_width = width_ * kLeftColumnShare;
  const double right_x = left_ + left_width;
  const double right_width = width_ - left_width;
  const Style centred{.align = PANGO_ALIGN_CENTER};
  double left_y = y_;
  if (!heading.parent_body.empty()) {
    left_y += put(
        set(heading.parent_body, {.size = kParentBodySize, .align = PANGO_ALIGN_CENTER}, left_width).get(),
        left_, left_y);
  }
  Layout body = set(heading.body, {.size = kBodySize, .bold = true, .align = PANGO_ALIGN_CENTER}, left_width);
  left_y += put(body.get(), left_, left_y);
  left_y += rule_under(body.get(), left_, left_y, left_width, kShortRuleShare);
  double right_y = y_;
  right_y += put(set(heading.national_title,
                     {.size = kNationalTitleSize, .bold = true, .align = PANGO_ALIGN_CENTER}, right_width)
                     .get(),
                 right_x, right_y);
  Layout motto =
      set(heading.motto, {.size = kMottoSize, .bold = true, .align = PANGO_ALIGN_CENTER}, right_width);
  right_y += put(motto.get(), right_x, right_y);
  right_y += rule_under(motto.get(), right_x, right_y, right_width, 1);
  // The number and the date share a baseline.
  Layout number = set(heading.number, {.size = kNumberSize, .align = centred.align}, left_width);
  Layout date =
      set(heading.place_date, {.size = kPlaceDateSize, .italic = true, .align = centred.align}, right_width);
  const double row = std::max(left_y, right_y) + kRuleGap;
  const double baseline =
      std::max(to_pt(pango_layout_get_baseline(number.get())), to_pt(pango_layout_get_baseline(date.get())));
  const double number_y = row + baseline - to_pt(pango_layout_get_baseline(number.get()));
  const double date_y = row + baseline - to_pt(pango_layout_get_baseline(date.get()));
  left_y = number_y + put(number.get(), left_, number_y);
  right_y = date_y + put(date.get(), right_x, date_y);
  if (!heading.letter_subject.empty()) {
    left_y +=
        put(set(heading.letter_subject, {.size = kLetterSubjectSize, .align = PANGO_ALIGN_CENTER}, left_width)
                .get(),
            left_, left_y);
  }
  y_ = std::max(left_y, right_y);
}

// Ô 5a and 5b: the kind name and the trích yếu, centred bold, a short rule under.
void Writer::title(const Document& document) {
  if (document.kind_name.empty() && document.summary.empty()) return;
  y_ += kPartSpacing;
  if (!document.kind_name.empty()) {
    y_ += put(
        set(document.kind_name, {.size = kKindNameSize, .bold = true, .align = PANGO_ALIGN_CENTER}, width_)
            .get(),
        left_, y_);
  }
  if (!document.summary.empty()) {
    Layout summary =
        set(document.summary, {.size = kSummarySize, .bold = true, .align = PANGO_ALIGN_CENTER}, width_);
    y_ += put(summary.get(), left_, y_);
    y_ += rule_under(summary.get(), left_, y_, width_, kShortRuleShare);
  }
}

// "Kính gửi:" and one addressee on one line, centred; several addressees one a line,
// aligned after the label.
void Writer::addressed(const Document& document) {
  if (document.addressees.empty()) return;
  y_ += kPartSpacing;
  const std::string label = document.addressed_label + ":";
  if (document.addressees.size() == 1) {
    y_ += put(set(label + " " + document.addressees.front(), {.align = PANGO_ALIGN_CENTER}, width_).get(),
              left_, y_);
    return;
  }
  Layout head = set(label + " ", {}, width_);
  const double label_width = text_width(head.get());
  Layout names = set(joined(document.addressees), {}, width_ - label_width);
  const double x = left_ + std::max(0.0, (width_ - label_width - text_width(names.get())) / 2);
  put(head.get(), x, y_);
  flow(names.get(), x + label_width);
}

void Writer::paragraph(const Paragraph& paragraph, double keep) {
  Style style{.justify = true, .indent = pt(kFirstLineIndent), .spacing = kLineSpacing};
  if (paragraph.style == Paragraph::Style::heading) {
    style.bold = true;
    style.indent = 0;
  }
  Layout l = set(paragraph.runs, style, width_);
  // A section's heading does not end a page: it goes on with two lines' room under it.
  if (paragraph.style == Paragraph::Style::heading && !fresh() &&
      y_ + height(l.get()) * (1 + 2.0 / pango_layout_get_line_count(l.get())) > bottom_) {
    new_page();
  }
  // The signature never stands alone on a page: the last paragraph goes with it when
  // both fit on a page of their own.
  const double with_next = height(l.get()) + kParagraphSpacing + keep;
  if (keep > 0 && !fresh() && y_ + with_next > bottom_ && top_ + with_next <= bottom_) new_page();
  flow(l.get(), left_);
  y_ += kParagraphSpacing;
}

// The chart and its caption on one page.
void Writer::chart(const Chart& chart) {
  const double box = pt(chart_height(chart, kPageWidth - kMarginLeft - kMarginRight));
  Layout caption =
      set(chart.caption, {.size = kTableTextSize, .italic = true, .align = PANGO_ALIGN_CENTER}, width_);
  if (y_ + box + height(caption.get()) > bottom_ && !fresh()) new_page();
  if (box > 0) {
    cairo_save(cr_.get());
    draw_chart(cr_.get(), chart, left_, y_, width_, box);
    cairo_restore(cr_.get());
    y_ += box;
  }
  flow(caption.get(), left_);
  y_ += kParagraphSpacing;
}

// The cells of a row of `texts`, one per column.
std::vector<Cell> Writer::cells(const Table& table, const std::vector<std::string>& texts,
                                bool header) const {
  const double pad = pt(kCellPadding);
  const double total =
      std::accumulate(table.columns.begin(), table.columns.end(), 0.0,
                      [](double sum, const Table::Column& c) { return sum + std::max(c.width, 0.0); });
  std::vector<Cell> out;
  double x = left_;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const Table::Column& column = table.columns[c];
    const double width =
        total > 0 ? width_ * std::max(column.width, 0.0) / total : width_ / table.columns.size();
    const Style style{.size = kTableTextSize,
                      .bold = header,
                      .align = header ? PANGO_ALIGN_CENTER : alignment(column.align)};
    out.push_back(
        {set(c < texts.size() ? texts[c] : std::string(), style, std::max(width - 2 * pad, 1.0)), x, width});
    x += width;
  }
  return out;
}

// The cells of the table's row `index`: a group's heading is one bold cell across the row.
std::vector<Cell> Writer::cells(const Table& table, std::size_t index) const {
  const Table::Row& row = table.rows[index];
  if (row.group) {
    const std::string text = row.cells.empty() ? std::string() : row.cells.front();
    std::vector<Cell> out;
    out.push_back(
        {set(text, {.size = kTableTextSize, .bold = true}, width_ - 2 * pt(kCellPadding)), left_, width_});
    return out;
  }
  std::vector<Cell> out = cells(table, row.cells, false);
  const Table::Row* above = index > 0 && !table.rows[index - 1].group ? &table.rows[index - 1] : nullptr;
  for (std::size_t c = 0; c < out.size() && above != nullptr; ++c) {
    out[c].merged = table.columns[c].merge_repeats && c < row.cells.size() && c < above->cells.size() &&
                    row.cells[c] == above->cells[c];
  }
  return out;
}

double cells_height(const std::vector<Cell>& cells) {
  double most = 0;
  for (const Cell& cell : cells) most = std::max(most, to_pt(end_of(cell.text.get())));
  return most + 2 * pt(kCellPadding);
}

// Sets the lines of `cells` from their `from` to `to` as a stretch of their row, ruled
// round; a merged cell has no rule above and shows its text only at the top of a page.
void Writer::segment(std::vector<Cell>& cells, const std::vector<int>& to, bool first_on_page) {
  const double pad = pt(kCellPadding);
  double h = 0;
  for (std::size_t i = 0; i < cells.size(); ++i) h = std::max(h, to_pt(to[i] - cells[i].from));
  h += 2 * pad;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    Cell& cell = cells[i];
    if (!cell.merged || first_on_page) line(cell.x, y_, cell.x + cell.width, y_);
    line(cell.x, y_, cell.x, y_ + h);
    draw_lines(cr_.get(), cell.text.get(), cell.x + pad, y_ + pad, cell.from, to[i]);
    cell.from = to[i];
  }
  line(left_ + width_, y_, left_ + width_, y_ + h);
  y_ += h;
}

// The header row, at the table's start and at the top of each page it goes on to.
void Writer::table_head(std::vector<Cell>& header) {
  std::vector<int> to;
  for (Cell& cell : header) {
    cell.from = 0;
    to.push_back(end_of(cell.text.get()));
  }
  segment(header, to, true);
}

void Writer::break_table(std::vector<Cell>& header) {
  line(left_, y_, left_ + width_, y_);
  new_page();
  table_head(header);
}

// Sets one row: whole on this page, else whole on the next; a row taller than a page is
// split between its lines.
void Writer::row(std::vector<Cell>& cells, std::vector<Cell>& header, bool& first_on_page) {
  for (;;) {
    const double room = bottom_ - y_ - 2 * pt(kCellPadding);
    std::vector<int> to;
    bool whole = true;
    for (Cell& cell : cells) {
      const bool shown = !cell.merged || first_on_page;
      to.push_back(shown ? fit(cell.text.get(), cell.from, room, first_on_page) : cell.from);
      whole = whole && (!shown || to.back() >= end_of(cell.text.get()));
    }
    if (whole || first_on_page) {
      segment(cells, to, first_on_page);
      first_on_page = false;
      if (whole) return;
    }
    break_table(header);
    first_on_page = true;
  }
}

void Writer::table(const Table& table) {
  if (table.columns.empty()) return;
  std::vector<std::string> headings;
  for (const Table::Column& column : table.columns) headings.push_back(column.heading);
  std::vector<Cell> header = cells(table, headings, true);
  const double first_row = table.rows.empty() ? 0 : cells_height(cells(table, 0));
  if (y_ + cells_height(header) + first_row > bottom_ && !fresh()) new_page();
  table_head(header);
  bool first_on_page = true;
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    std::vector<Cell> row_cells = cells(table, i);
    // A group's heading does not stay alone at the foot of a page.
    if (table.rows[i].group && i + 1 < table.rows.size() && !first_on_page &&
        y_ + cells_height(row_cells) + cells_height(cells(table, i + 1)) > bottom_) {
      break_table(header);
      first_on_page = true;
    }
    row(row_cells, header, first_on_page);
  }
  line(left_, y_, left_ + width_, y_);
  y_ += kParagraphSpacing;
}

Writer::Closing Writer::set_closing(const Document& document) const {
  const double left_width = width_ * kLeftColumnShare;
  const double right_width = width_ - left_width;
  const Style signer{.bold = true, .align = PANGO_ALIGN_CENTER};
  Closing c{set(joined(document.signature.titles), signer, right_width),
            set(document.signature.name, signer, right_width),
            set(document.recipients_label + ":", {.size = kRecipientsLabelSize, .bold = true, .italic = true},
                left_width),
            set(joined(document.recipients), {.size = kRecipientsSize}, left_width)};
  c.signature = height(c.titles.get()) + pt(kSignatureSpace) + height(c.name.get());
  c.together = std::max(c.signature, height(c.label.get()) + height(c.recipients.get()));
  return c;
}

// The signer beside Nơi nhận, on one page when they fit on one.
void Writer::closing(const Closing& c) {
  const double right_x = left_ + width_ * kLeftColumnShare;
  y_ += kSignatureGap;
  if (y_ + c.together > bottom_ && !fresh()) new_page();
  const double top = y_;
  const int page = page_;
  put(c.titles.get(), right_x, top);
  put(c.name.get(), right_x, top + c.signature - height(c.name.get()));
  y_ += put(c.label.get(), left_, y_);
  flow(c.recipients.get(), left_);
  if (page_ == page) y_ = std::max(y_, top + c.signature);
}

}  // namespace

void write_pdf(const Documents& documents, const std::string& path) {
  Writer writer(path);
  bool first = true;
  for (const Document& document : documents) {
    writer.document(document, first);
    first = false;
  }
  writer.finish();
}

}  // namespace inspectrack::typeset
