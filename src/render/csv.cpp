// RFC 4180 with CRLF line ends, for scripts and spreadsheets:
//   key,title,due,assignees
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

// A ';' separator is for a spreadsheet that reads 0,5 as a number, and 0.5 as text.
std::string field_text(const Value& v, char separator) {
  struct Visitor {
    char point;
    std::string operator()(std::monostate) const { return {}; }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(std::int64_t i) const { return fmt::format("{}", i); }
    std::string operator()(double d) const {
      return std::isfinite(d) ? detail::format_decimal(d, 4, point) : std::string();
    }
    std::string operator()(const std::string& s) const { return make_inert(s); }
    std::string operator()(const model::Date& d) const { return d.iso(); }
    std::string operator()(const std::vector<std::string>& list) const {
      return make_inert(detail::join(list, ";"));
    }
  };
  return std::visit(Visitor{separator == ';' ? ',' : '.'}, v);
}

}  // namespace

namespace detail {

void append_csv_header(std::string& out, const Dataset& data, const std::vector<std::size_t>& shown, bool bom,
                       bool header, char separator) {
  if (bom) out += kBom;
  if (!header) return;
  for (std::size_t k = 0; k < shown.size(); ++k) {
    if (k > 0) out += separator;
    out += quoted(data.columns[shown[k]].key, separator);
  }
  out += kLineEnd;
}

void append_csv_row(std::string& out, const std::vector<std::size_t>& shown, const std::vector<Value>& row,
                    char separator) {
  for (std::size_t k = 0; k < shown.size(); ++k) {
    if (k > 0) out += separator;
    out += quoted(field_text(cell(row, shown[k]), separator), separator);
  }
  out += kLineEnd;
}

}  // namespace detail

std::string to_csv(const Dataset& data, bool bom, bool header, char separator) {
  const std::vector<std::size_t> shown = detail::csv_columns(data);
  std::string out;
  detail::append_csv_header(out, data, shown, bom, header, separator);
  for (const auto& row : data.rows) detail::append_csv_row(out, shown, row, separator);
  return out;
}

}  // namespace inspectrack::render
