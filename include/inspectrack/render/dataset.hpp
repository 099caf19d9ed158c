#pragma once
// The one shape every report is rendered from: typed columns and rows. A report is
// turned into a Dataset (views.hpp) and a Dataset into text by one function per format.

#include <cstddef>
#include <cstdint>
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
  bool wrap = false;    // table: the column that gives up width when the terminal is narrow
  bool alert = false;   // table with colour: positive integers in red
};

// A rate that is one count column over the sum of others (on-time rate = done on time
// / (done on time + done late)): a workbook's totals row works it out from the totals.
struct Ratio {
  std::size_t rate = 0;
  std::size_t numerator = 0;
  std::vector<std::size_t> denominator;
};

struct Dataset {
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
};

struct TableStyle {
  text::Lang lang = text::Lang::en;           // dates: ISO in English, 22/07/2021 in Vietnamese
  std::optional<std::size_t> width;           // terminal width; nullopt = never truncate
  bool color = false;
  char separator = ',';                       // CSV's field separator: ',' or ';'
};

// Aligned by display width (Vietnamese combining marks take no column). When `width`
// is set, the `wrap` column (else the widest) is truncated with "…" to fit.
std::string to_table(const Dataset& data, const TableStyle& style);
// RFC 4180: CRLF line ends, fields quoted when needed; a leading UTF-8 BOM when `bom`.
// A cell that starts with '=', '+', '-', '@', TAB or CR gets a leading "'" so that
// spreadsheets take it as text. Dates ISO; lists joined with ";"; null empty.
// `separator` ';' is for spreadsheets set to a language that writes 0,5: fields are
// quoted when they hold a ';' (not a ','), and decimals are written with a comma.
std::string to_csv(const Dataset& data, bool bom, char separator = ',');
// An array of objects with the machine columns as keys, in column order; dates ISO;
// one object per line inside the array; ends with a newline.
std::string to_json(const Dataset& data);
// A GitHub-flavoured markdown table (pipes escaped), dates in the user's language.
std::string to_markdown(const Dataset& data, text::Lang lang);

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
