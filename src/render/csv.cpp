// RFC 4180 with CRLF line ends, for spreadsheets, in the chosen language:
//   Khóa,Tiêu đề,Hạn cuối,Đơn vị
//   t-1,"Sửa mái, lợp lại",2021-07-22,ubnd-bau-can;phong-noi-vu
#include <cmath>
#include <variant>

#include <fmt/format.h>

#include "cell.hpp"
#include "inspectrack/render/dataset.hpp"

namespace inspectrack::render {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kLineEnd = "\r\n";

// A spreadsheet runs a text cell starting with = + - @ as a formula, and skips a
// tab, CR or LF before one; the "'" makes it plain text (OWASP "CSV injection").
// Only text cells: numbers (days_late, counts, rates) are written as numbers, so a
// negative one stays a number, and none of them is text that could hold a formula.
// Texts typed by hand are trimmed at import, but a note or evidence from the command
// line may start with a tab or a line break.
std::string make_inert(std::string s) {
  if (!s.empty() && std::string_view("=+-@\t\r\n").find(s.front()) != std::string_view::npos) {
    s.insert(s.begin(), '\'');
  }
  return s;
}

std::string quoted(std::string field, char separator) {
  field = detail::valid_utf8(std::move(field));
  const char special[] = {'"', separator, '\r', '\n', '\0'};
  if (field.find_first_of(special) == std::string::npos) return field;
  std::string out = "\"";
  for (const char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

// A field as a reader of the language reads it: yes/no in words, a rate as a
// percentage ("33,3%" in Vietnamese, "33.3%" in English), a number with the language's
// decimal separator (a comma also whenever the separator is ';': such a spreadsheet reads
// 0,5 as a number and 0.5 as text); dates stay ISO, which Excel reads as dates in every locale.
std::string field_text(const Value& v, Type type, text::Lang lang, char separator) {
  struct Visitor {
    Type type;
    text::Lang lang;
    char point;
    std::string operator()(std::monostate) const { return {}; }
    std::string operator()(bool b) const { return detail::human_text(b, type, lang); }
    std::string operator()(std::int64_t i) const { return fmt::format("{}", i); }
    std::string operator()(double d) const {
      if (!std::isfinite(d)) return {};
      if (type == Type::rate) return detail::human_text(d, type, lang);
      return detail::format_decimal(d, 4, point);
    }
    std::string operator()(const std::string& s) const { return make_inert(s); }
    std::string operator()(const model::Date& d) const { return d.iso(); }
    std::string operator()(const std::vector<std::string>& list) const {
      return make_inert(detail::join(list, ";"));
    }
  };
  return std::visit(Visitor{type, lang, separator == ';' || lang == text::Lang::vi ? ',' : '.'}, v);
}

}  // namespace

namespace detail {

void append_csv_header(std::string& out, const Dataset& data, const std::vector<std::size_t>& shown, bool bom,
                       bool header, char separator) {
  if (bom) out += kBom;
  if (!header) return;
  for (std::size_t k = 0; k < shown.size(); ++k) {
    if (k > 0) out += separator;
    // Headings in the chosen language: a secretary opens CSV in Excel.
    const Column& column = data.columns[shown[k]];
    out += quoted(column.heading.empty() ? column.key : column.heading, separator);
  }
  out += kLineEnd;
}

void append_csv_row(std::string& out, const Dataset& data, const std::vector<std::size_t>& shown,
                    const std::vector<Value>& row, char separator) {
  for (std::size_t k = 0; k < shown.size(); ++k) {
    if (k > 0) out += separator;
    out += quoted(field_text(cell(row, shown[k]), data.columns[shown[k]].type, data.lang, separator), separator);
  }
  out += kLineEnd;
}

}  // namespace detail

std::string to_csv(const Dataset& data, bool bom, bool header, char separator) {
  const std::vector<std::size_t> shown = detail::csv_columns(data);
  std::string out;
  detail::append_csv_header(out, data, shown, bom, header, separator);
  for (const auto& row : data.rows) detail::append_csv_row(out, data, shown, row, separator);
  return out;
}

}  // namespace inspectrack::render
