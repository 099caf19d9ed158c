#pragma once
// Helpers the renderers share: turning values into cell text and finding the
// columns and row groups each format shows.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "inspectrack/render/dataset.hpp"

namespace inspectrack::render::detail {

// `v` with at most `max_decimals` decimals, trailing zeros dropped ("0.5", "1"),
// `point` as the decimal separator. Callers handle NaN and infinities.
std::string format_decimal(double v, int max_decimals, char point);

std::string join(const std::vector<std::string>& items, std::string_view separator);

// `field` with each byte that is not part of valid UTF-8 (a text written into the
// database by other means) as U+FFFD, as in JSON: files stay UTF-8 for what reads them.
std::string valid_utf8(std::string field);

// The value of column `column` in `row`; null when the row is too short.
const Value& cell(const std::vector<Value>& row, std::size_t column);

// Cell text for people (table, markdown): "-" for null, yes/no, dates and decimal
// separators in `lang`, lists joined with ", ", a rate as a percentage ("66,7%").
std::string human_text(const Value& v, Type type, text::Lang lang);

// Indexes of the columns table and markdown show, in people_order: human ones except
// the group column.
std::vector<std::size_t> human_columns(const Dataset& data);
// Indexes of the columns JSON carries: raw values.
std::vector<std::size_t> machine_columns(const Dataset& data);
// Indexes of the columns CSV carries, in the same places: values in words.
std::vector<std::size_t> csv_columns(const Dataset& data);

struct RowGroup {
  std::string heading;  // human text of the group value; empty without group_by
  std::size_t begin = 0;
  std::size_t end = 0;  // one past the last row
};

// Runs of consecutive rows with the same group value, in order; a single group of
// every row when the dataset has no group_by. Empty when there are no rows.
std::vector<RowGroup> row_groups(const Dataset& data, text::Lang lang);

// A group's heading as people read it: with its number of rows when the frame says so.
std::string group_heading(const Dataset& data, const RowGroup& group);

// The frame's line under the rows (its count line for `rows`), empty for none.
std::string count_line(const Dataset& data, std::size_t rows);

// One row as a JSON object, `{"id": 1, "key": "x"}`, appended to `out`: the columns
// `machine` (machine_columns(data)) of `values`.
void append_json_object(std::string& out, const Dataset& data, const std::vector<std::size_t>& machine,
                        const std::vector<Value>& values);
// CSV: the header line (after a BOM when `bom`; only the BOM when not `header`), and
// one row, each with its CRLF, fields separated by `separator` (see to_csv).
void append_csv_header(std::string& out, const Dataset& data, const std::vector<std::size_t>& shown, bool bom,
                       bool header, char separator);
void append_csv_row(std::string& out, const Dataset& data, const std::vector<std::size_t>& shown,
                    const std::vector<Value>& row, char separator);

}  // namespace inspectrack::render::detail

namespace inspectrack::render {

// Row `row` of `data` as one JSON object on one line, `{"id": 1, "key": "x"}`:
// the machine columns in order, as to_json writes each array element.
std::string to_json_object(const Dataset& data, std::size_t row);

}  // namespace inspectrack::render
