#pragma once
// The one shape every report is rendered from: typed columns and rows. A report is
// turned into a Dataset (views.hpp) and a Dataset into text by one function per format.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "inspectrack/model/date.hpp"
#include "inspectrack/text/lang.hpp"

namespace inspectrack::render {

enum class Format { table, csv, json, markdown };

// null, boolean, integer, real, text, date, list of texts.
using Value = std::variant<std::monostate, bool, std::int64_t, double, std::string, model::Date,
                           std::vector<std::string>>;

// What a column holds, for the renderers to align and format it: a count, a real or a
// rate is a number (a rate a fraction, 0.75, that people read as "75%"), a date a date.
// A cell of any type may be null.
enum class Type {
  text,   // std::string
  count,  // std::int64_t
  real,   // double
  rate,   // double, a fraction
  date,   // model::Date
  flag,   // bool
  list,   // std::vector<std::string>
};

enum class Align { left, right };

// Numbers right, the rest left.
Align align_of(Type type);

struct Column {
  std::string key;      // stable machine name: the JSON field and the CSV header
  std::string heading;  // in the user's language, for table and markdown
  Type type = Type::text;
  bool human = true;    // shown in table and markdown
  bool machine = true;  // present in JSON and CSV
  bool wrap = false;    // table: the main text, kept wider than the others when the terminal is narrow
  bool alert = false;   // table with colour: positive integers in red
  // A value with words for people ("open", "before: 22/7/2021") is two columns: the raw
  // one JSON carries (`raw`), then the words table, markdown, CSV and `show` take
  // (`words`), with the same key and heading.
  bool raw = false;
  bool words = false;
};

// A rate that is one count column over the sum of others (on-time rate = done on time
// / (done on time + done late)): a workbook's totals row works it out from the totals.
struct Ratio {
  std::size_t rate = 0;
  std::size_t numerator = 0;
  std::vector<std::size_t> denominator;
};

// What people's formats (table, markdown, a workbook) say around a report's rows; CSV
// and JSON carry the rows only. A report's view makes it (views.hpp); all empty is a
// bare table.
struct Frame {
  std::string title;                 // what the report is, and its filters, in the user's language
  std::optional<model::Date> as_of;  // the day the report is for: "As of 2021-07-26"
  std::string number_heading;        // a first column numbering the rows ("No.", "STT"); none when empty
  bool group_counts = false;         // a group's heading ends with its number of rows: "Bàu Cạn (3)"
  std::vector<Value> totals;         // a last row under a rule, a cell per column (Total); none when empty
  // The line under the rows, given how many there are ("Total: 12 overdue tasks"); none when empty.
  std::function<std::string(std::size_t rows)> count_line;
};

struct Dataset {
  text::Lang lang = text::Lang::en;  // of the headings and words: CSV formats rates in it
  std::vector<Column> columns;
  std::vector<std::vector<Value>> rows;  // each row has columns.size() values
  // Table and markdown: rows are shown under a heading line per distinct value of
  // this column (rows must already be ordered by it); the column itself is hidden.
  std::optional<std::size_t> group_by;
  // Table and markdown: the order people read the columns in, when it is not the
  // columns' own (which scripts keep: CSV fields keep their places).
  std::vector<std::size_t> people_order;
  // Table and markdown: said instead of an empty table.
  std::string empty_message;
  // Workbook: people columns shown by the typed cell of another column (a date cell for
  // a date people read with its marks): {people column, typed column}.
  std::vector<std::pair<std::size_t, std::size_t>> workbook_typed;
  // Workbook: a totals row under the rows, each count column summed and these rates
  // worked out from the totals; none when the rows' counts do not add up to a whole.
  std::optional<std::vector<Ratio>> totals;
  Frame frame;
};

// The frame's lines above the rows: the title and "As of …" in `lang` (dates as the
// tables write them), those that are set.
std::vector<std::string> head_lines(const Frame& frame, text::Lang lang);

struct TableStyle {
  text::Lang lang = text::Lang::en;           // dates: ISO in English, 22/07/2021 in Vietnamese
  std::optional<std::size_t> width;           // terminal width; nullopt = one line per row
  bool color = false;
  // false (--no-header): no title, as-of, column headings, totals nor count line, for
  // scripts; in CSV no header row. Markdown keeps its heading row (its tables need one).
  bool header = true;
  char separator = ',';                       // CSV's field separator: ',' or ';'
};

// Aligned by display width (Vietnamese combining marks take no column). When `width`
// is set and the table is wider, the headings of numbers and dates wrap at their
// spaces, then every text column narrows in proportion to its natural width (the
// `wrap` column not below 20 columns, the others not below 8, unless nothing else
// fits) and wraps at word boundaries, a word wider than its column broken by width.
// When even that is too wide (a summary's many counts), the table is printed in
// sections one under the other, the leading columns up to the text naming a row
// repeated in each. Nothing is cut, and no line is wider than `width` unless one
// column's numbers or dates alone are. Without a width every row is one line.
std::string to_table(const Dataset& data, const TableStyle& style);
// RFC 4180: CRLF line ends, fields quoted when needed; a leading UTF-8 BOM when `bom`;
// the header row of column keys unless `header` is false.
// A cell that starts with '=', '+', '-', '@', TAB or CR gets a leading "'" so that
// spreadsheets take it as text. Dates ISO; lists joined with ";"; null empty.
// `separator` ';' is for spreadsheets set to a language that writes 0,5: fields are
// quoted when they hold a ';' (not a ','), and decimals are written with a comma.
std::string to_csv(const Dataset& data, bool bom, bool header = true, char separator = ',');
// An array of objects with the machine columns as keys, in column order; dates ISO;
// one object per line inside the array; ends with a newline.
std::string to_json(const Dataset& data);
// A GitHub-flavoured markdown table (pipes escaped), dates in the user's language,
// under the frame's title ("## ") and as-of line, with its row numbers, totals row and
// count line; `header` false leaves out the frame.
std::string to_markdown(const Dataset& data, text::Lang lang, bool header = true);

std::string render(const Dataset& data, Format format, const TableStyle& style, bool bom);

// Writes a dataset to a stream row by row, the same bytes as render() of the whole:
// JSON and CSV as each row comes (so a report of a million rows is never held in
// memory), table and markdown at finish() (their column widths need every row).
class RowStream {
 public:
  // `header` gives the columns, group_by and empty message; rows it already has come first.
  RowStream(std::ostream& out, Dataset header, Format format, const TableStyle& style, bool bom);
  void add(const std::vector<Value>& row);
  // Writes the rest; call once, after the last row.
  void finish();
  std::size_t rows() const { return rows_; }

 private:
  void flush(std::size_t above);

  std::ostream& out_;
  Dataset data_;
  Format format_;
  TableStyle style_;
  bool bom_;
  std::vector<std::size_t> machine_;
  std::string buffer_;
  std::size_t rows_ = 0;
};

// JSON string literal for `s` (quotes included), escaping per RFC 8259; valid UTF-8
// passes through unescaped.
std::string json_quote(const std::string& s);

}  // namespace inspectrack::render
