// Workbooks through libxlsxwriter, which owns the OOXML package (the zip, the XML
// parts, shared strings and styles): this file only says what goes in which cell.
#include "inspectrack/render/xlsx.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <variant>

#include <fmt/format.h>

#include "cell.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/text/message.hpp"
#include "inspectrack/text/shared_library.hpp"
#include "inspectrack/text/utf8.hpp"

// libxlsxwriter (with minizip, zlib and libcrypto) is loaded by the first workbook
// (see text/shared_library.hpp), so that no other command pays for it at start.
// clang-format off
#define INSPECTRACK_XLSXWRITER_FUNCTIONS(X) \
  X(format_set_align) X(format_set_bold) X(format_set_bottom) X(format_set_font_size) \
  X(format_set_num_format) X(format_set_text_wrap) X(format_set_top) X(lxw_strerror) \
  X(lxw_workbook_free) X(workbook_add_format) X(workbook_add_worksheet) X(workbook_close) \
  X(workbook_new) X(worksheet_autofilter) X(worksheet_fit_to_pages) X(worksheet_freeze_panes) \
  X(worksheet_repeat_rows) X(worksheet_set_column) X(worksheet_set_landscape) X(worksheet_set_paper) \
  X(worksheet_write_blank) X(worksheet_write_datetime) X(worksheet_write_formula_num) X(worksheet_write_formula_str) \
  X(worksheet_write_number) X(worksheet_write_string)
// clang-format on
#define INSPECTRACK_QUOTE(name) #name

namespace inspectrack::render {

namespace {

struct Xlsxwriter {
#define INSPECTRACK_POINTER(name) decltype(&::name) name;
  INSPECTRACK_XLSXWRITER_FUNCTIONS(INSPECTRACK_POINTER)
#undef INSPECTRACK_POINTER
};

void look_up(const text::SharedLibrary& library, Xlsxwriter& f) {
#define INSPECTRACK_LOOKUP(name) f.name = library.function<decltype(f.name)>(INSPECTRACK_QUOTE(name));
  INSPECTRACK_XLSXWRITER_FUNCTIONS(INSPECTRACK_LOOKUP)
#undef INSPECTRACK_LOOKUP
}

const Xlsxwriter& lxw() {
  return text::functions<Xlsxwriter>(INSPECTRACK_XLSXWRITER_SONAME, INSPECTRACK_XLSXWRITER_PACKAGE, look_up);
}

// Rows above the table: the title, the as-of line, then the headings.
constexpr lxw_row_t kHeadingRow = 2;
constexpr lxw_row_t kFirstRow = kHeadingRow + 1;
// Excel's most characters in a cell.
constexpr std::size_t kMaxCellChars = 32767;

// Display width of the widest line of `s`.
std::size_t widest_line(std::string_view s) {
  std::size_t widest = 0;
  for (std::size_t start = 0;;) {
    const std::size_t end = s.find('\n', start);
    widest = std::max(widest, text::display_width(s.substr(start, end - start)));
    if (end == std::string_view::npos) return widest;
    start = end + 1;
  }
}

// Valid UTF-8 of at most Excel's length (cut between characters).
std::string cell_text(std::string s) {
  s = detail::valid_utf8(std::move(s));
  if (s.size() <= kMaxCellChars) return s;
  std::size_t i = 0;
  for (std::size_t chars = 0; i < s.size() && chars < kMaxCellChars; ++chars) {
    i += std::max<std::size_t>(1, text::utf8_length_at(s, i));
  }
  s.resize(i);
  return s;
}

[[noreturn]] void fail(lxw_error error) {
  throw Error(ExitCode::cant_create, text::Message("the workbook could not be written: {0}",
                                                   text::Message::verbatim(lxw().lxw_strerror(error))));
}

void check(lxw_error error) {
  if (error != LXW_NO_ERROR) fail(error);
}

struct WorkbookClose {
  void operator()(lxw_workbook* book) const { lxw().lxw_workbook_free(book); }
};

// The cell styles of a sheet, made once per workbook.
struct Styles {
  lxw_format* title;
  lxw_format* heading;
  lxw_format* text;
  lxw_format* wrapped;
  lxw_format* number;
  lxw_format* rate;
  lxw_format* date;
  lxw_format* total;
  lxw_format* total_rate;
};

lxw_format* style(lxw_workbook* book, bool bold, const char* number_format = nullptr, bool wrap = false) {
  lxw_format* f = lxw().workbook_add_format(book);
  if (bold) lxw().format_set_bold(f);
  if (number_format != nullptr) lxw().format_set_num_format(f, number_format);
  if (wrap) lxw().format_set_text_wrap(f);
  lxw().format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
  return f;
}

Styles make_styles(lxw_workbook* book, text::Lang lang) {
  Styles s{};
  s.title = style(book, true);
  lxw().format_set_font_size(s.title, 14);
  s.heading = style(book, true, nullptr, true);
  lxw().format_set_bottom(s.heading, LXW_BORDER_THIN);
  s.text = style(book, false);
  s.wrapped = style(book, false, nullptr, true);
  s.number = style(book, false);
  s.rate = style(book, false, "0.0%");
  s.date = style(book, false, lang == text::Lang::vi ? "d/m/yyyy" : "yyyy-mm-dd");
  s.total = style(book, true);
  lxw().format_set_top(s.total, LXW_BORDER_THIN);
  s.total_rate = style(book, true, "0.0%");
  lxw().format_set_top(s.total_rate, LXW_BORDER_THIN);
  return s;
}

// The dataset columns the sheet shows, left to right: the people's, the group column
// among them, each as the column whose typed cells stand for it.
struct SheetColumn {
  std::size_t shown;  // heading from here
  std::size_t value;  // cells from here
};

std::vector<SheetColumn> sheet_columns(const Dataset& data) {
  std::vector<std::size_t> order = data.people_order;
  if (order.empty()) {
    for (std::size_t i = 0; i < data.columns.size(); ++i) order.push_back(i);
  }
  std::vector<SheetColumn> out;
  for (const std::size_t i : order) {
    if (i >= data.columns.size() || !data.columns[i].human) continue;
    SheetColumn c{i, i};
    for (const auto& [shown, typed] : data.workbook_typed) {
      if (shown == i && typed < data.columns.size()) c.value = typed;
    }
    out.push_back(c);
  }
  return out;
}

class SheetWriter {
 public:
  SheetWriter(lxw_worksheet* sheet, const Styles& styles, const Dataset& data, text::Lang lang)
      : sheet_(sheet), styles_(styles), data_(data), lang_(lang), columns_(sheet_columns(data)) {}

  void head(const SheetHead& head);
  void rows();
  void totals();
  void layout();

 private:
  const Column& value_column(std::size_t k) const { return data_.columns[columns_[k].value]; }
  void write_cell(lxw_row_t row, lxw_col_t col, const Value& v, const Column& column, bool wrap);
  void text(lxw_row_t row, lxw_col_t col, std::string s, lxw_format* format) {
    check(lxw().worksheet_write_string(sheet_, row, col, cell_text(std::move(s)).c_str(), format));
  }
  std::optional<lxw_col_t> sheet_place(std::size_t column) const;
  void rate_total(const Ratio& ratio, lxw_row_t row);

  lxw_worksheet* sheet_;
  const Styles& styles_;
  const Dataset& data_;
  text::Lang lang_;
  std::vector<SheetColumn> columns_;
  std::vector<ColumnFit> fits_;
};

void SheetWriter::head(const SheetHead& head) {
  text(0, 0, head.title, styles_.title);
  text(1, 0, head.as_of, nullptr);
  for (std::size_t k = 0; k < columns_.size(); ++k) {
    text(kHeadingRow, static_cast<lxw_col_t>(k), data_.columns[columns_[k].shown].heading, styles_.heading);
  }
}

void SheetWriter::write_cell(lxw_row_t row, lxw_col_t col, const Value& v, const Column& column, bool wrap) {
  lxw_format* const plain = wrap ? styles_.wrapped : styles_.text;
  if (const auto* s = std::get_if<std::string>(&v)) {
    // A string cell, never a formula: "=…" typed by someone stays text.
    text(row, col, *s, plain);
  } else if (const auto* i = std::get_if<std::int64_t>(&v)) {
    check(lxw().worksheet_write_number(sheet_, row, col, static_cast<double>(*i), styles_.number));
  } else if (const auto* d = std::get_if<double>(&v)) {
    if (std::isfinite(*d)) {
      check(lxw().worksheet_write_number(sheet_, row, col, *d,
                                         column.type == Type::rate ? styles_.rate : styles_.number));
    }
  } else if (const auto* date = std::get_if<model::Date>(&v)) {
    // Excel's dates start in 1900; an earlier one is written as people read it.
    if (date->year() < 1900) {
      text(row, col, detail::human_text(v, column.type, lang_), plain);
    } else {
      lxw_datetime when{date->year(), date->month(), date->day(), 0, 0, 0};
      check(lxw().worksheet_write_datetime(sheet_, row, col, &when, styles_.date));
    }
  } else if (const auto* list = std::get_if<std::vector<std::string>>(&v)) {
    text(row, col, detail::join(*list, "; "), plain);
  } else if (std::holds_alternative<bool>(v)) {
    text(row, col, detail::human_text(v, column.type, lang_), plain);
  }
}

void SheetWriter::rows() {
  // Widths first: they say which columns wrap.
  std::vector<std::size_t> widest(columns_.size(), 0);
  for (const auto& row : data_.rows) {
    for (std::size_t k = 0; k < columns_.size(); ++k) {
      const Value& v = detail::cell(row, columns_[k].value);
      if (std::holds_alternative<std::monostate>(v)) continue;
      widest[k] = std::max(widest[k], widest_line(detail::human_text(v, value_column(k).type, lang_)));
    }
  }
  for (std::size_t k = 0; k < columns_.size(); ++k) {
    fits_.push_back(fit_column(data_.columns[columns_[k].shown].heading, widest[k]));
  }
  if (data_.rows.empty()) {
    text(kFirstRow, 0, data_.empty_message, nullptr);
    return;
  }
  for (std::size_t r = 0; r < data_.rows.size(); ++r) {
    const auto row = static_cast<lxw_row_t>(kFirstRow + r);
    for (std::size_t k = 0; k < columns_.size(); ++k) {
      write_cell(row, static_cast<lxw_col_t>(k), detail::cell(data_.rows[r], columns_[k].value),
                 value_column(k), fits_[k].wrap);
    }
  }
}

std::optional<lxw_col_t> SheetWriter::sheet_place(std::size_t column) const {
  for (std::size_t k = 0; k < columns_.size(); ++k) {
    if (columns_[k].value == column) return static_cast<lxw_col_t>(k);
  }
  return std::nullopt;
}

// The sum of a count column, computed as the formula will be.
double column_sum(const Dataset& data, std::size_t column) {
  double sum = 0;
  for (const auto& row : data.rows) {
    if (const auto* i = std::get_if<std::int64_t>(&detail::cell(row, column))) sum += static_cast<double>(*i);
  }
  return sum;
}

void SheetWriter::rate_total(const Ratio& ratio, lxw_row_t row) {
  const auto rate = sheet_place(ratio.rate);
  const auto numerator = sheet_place(ratio.numerator);
  if (!rate || !numerator || ratio.denominator.empty()) return;
  std::string denominator;
  double den = 0;
  for (const std::size_t d : ratio.denominator) {
    const auto place = sheet_place(d);
    if (!place) return;
    if (!denominator.empty()) denominator += '+';
    denominator += cell_name(row, *place);
    den += column_sum(data_, d);
  }
  // As the report: no rate when nothing was done.
  const std::string formula =
      fmt::format("=IF(({0})=0,\"\",{1}/({0}))", denominator, cell_name(row, *numerator));
  if (den == 0) {
    check(lxw().worksheet_write_formula_str(sheet_, row, *rate, formula.c_str(), styles_.total_rate, ""));
  } else {
    check(lxw().worksheet_write_formula_num(sheet_, row, *rate, formula.c_str(), styles_.total_rate,
                                            column_sum(data_, ratio.numerator) / den));
  }
}

void SheetWriter::totals() {
  if (!data_.totals || data_.rows.empty() || columns_.empty()) return;
  const auto row = static_cast<lxw_row_t>(kFirstRow + data_.rows.size());
  const auto last = static_cast<std::size_t>(row - 1);
  for (std::size_t k = 0; k < columns_.size(); ++k) {
    const auto col = static_cast<lxw_col_t>(k);
    if (value_column(k).type == Type::count) {
      const std::string formula = fmt::format("=SUM({}:{})", cell_name(kFirstRow, k), cell_name(last, k));
      check(lxw().worksheet_write_formula_num(sheet_, row, col, formula.c_str(), styles_.total,
                                              column_sum(data_, columns_[k].value)));
    } else if (value_column(k).type != Type::rate) {
      check(lxw().worksheet_write_blank(sheet_, row, col, styles_.total));
    }
  }
  for (const Ratio& ratio : *data_.totals) rate_total(ratio, row);
  if (value_column(0).type != Type::count) {
    text(row, 0, text::translate(lang_, text::Message::with_context("the totals row of a workbook", "Total")),
         styles_.total);
  }
}

void SheetWriter::layout() {
  for (std::size_t k = 0; k < fits_.size(); ++k) {
    const auto col = static_cast<lxw_col_t>(k);
    check(lxw().worksheet_set_column(sheet_, col, col, fits_[k].width, nullptr));
  }
  lxw().worksheet_freeze_panes(sheet_, kFirstRow, 0);
  if (!columns_.empty()) {
    const auto last = static_cast<lxw_row_t>(kHeadingRow + data_.rows.size());
    check(lxw().worksheet_autofilter(sheet_, kHeadingRow, 0, last,
                                     static_cast<lxw_col_t>(columns_.size() - 1)));
  }
  // On paper: A4 across, as wide as one page, the headings on every page.
  lxw().worksheet_set_landscape(sheet_);
  lxw().worksheet_set_paper(sheet_, 9);
  lxw().worksheet_fit_to_pages(sheet_, 1, 0);
  check(lxw().worksheet_repeat_rows(sheet_, kHeadingRow, kHeadingRow));
}

}  // namespace

std::string sheet_name(std::string_view wanted) {
  std::string name;
  for (std::size_t i = 0; i < wanted.size();) {
    const text::CodePoint c = text::code_point_at(wanted, i);
    const std::size_t length = std::max<std::size_t>(1, c.length);
    const bool bad = c.length == 0 || c.value < 0x20 || c.value == 0x7F ||
                     std::u32string_view(U"[]:*?/\\").find(c.value) != std::u32string_view::npos;
    name.append(bad ? std::string_view(" ") : wanted.substr(i, length));
    i += length;
  }
  const auto trim = [](std::string& s) {
    const auto first = s.find_first_not_of(" '");
    s = first == std::string::npos ? std::string() : s.substr(first, s.find_last_not_of(" '") - first + 1);
  };
  trim(name);
  if (text::count_code_points(name) > LXW_SHEETNAME_MAX) {
    std::size_t i = 0;
    for (std::size_t chars = 0; chars < LXW_SHEETNAME_MAX; ++chars) i += text::utf8_length_at(name, i);
    name.resize(i);
    trim(name);
  }
  if (name.empty() || text::lowercase(name) == "history") return "Sheet1";
  return name;
}

ColumnFit fit_column(std::string_view heading, std::size_t widest) {
  // The heading wraps at its spaces, but not to less than 10 columns a line; and the
  // filter's button takes about two.
  std::size_t longest_word = 0;
  for (std::size_t start = 0;;) {
    const std::size_t end = heading.find(' ', start);
    longest_word = std::max(longest_word, text::display_width(heading.substr(start, end - start)));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  const std::size_t heading_width =
      std::min(text::display_width(heading), std::max<std::size_t>(longest_word, 10));
  const double wanted = static_cast<double>(std::max(widest + 1, heading_width + 3));
  return ColumnFit{std::min(wanted, kMaxColumnWidth), wanted > kMaxColumnWidth};
}

std::string cell_name(std::size_t row, std::size_t column) {
  std::string letters;
  for (std::size_t n = column + 1; n > 0; n = (n - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return fmt::format("{}{}", letters, row + 1);
}

void write_xlsx(const Dataset& data, const SheetHead& head, text::Lang lang, const std::string& path) {
  if (data.rows.size() + kFirstRow + 1 > LXW_ROW_MAX) {
    throw Error(ExitCode::cant_create,
                text::Message("{0} rows do not fit a sheet (at most {1}): write CSV instead",
                              data.rows.size(), LXW_ROW_MAX - kFirstRow - 1));
  }
  std::unique_ptr<lxw_workbook, WorkbookClose> book(lxw().workbook_new(path.c_str()));
  if (!book) fail(LXW_ERROR_MEMORY_MALLOC_FAILED);
  const Styles styles = make_styles(book.get(), lang);
  lxw_worksheet* sheet = lxw().workbook_add_worksheet(book.get(), sheet_name(head.sheet).c_str());
  if (sheet == nullptr) fail(LXW_ERROR_SHEETNAME_ALREADY_USED);
  SheetWriter writer(sheet, styles, data, lang);
  writer.head(head);
  writer.rows();
  writer.totals();
  writer.layout();
  // workbook_close writes the file and frees the workbook, whatever it returns.
  const lxw_error closed = lxw().workbook_close(book.release());
  if (closed != LXW_NO_ERROR) fail(closed);
}

}  // namespace inspectrack::render
