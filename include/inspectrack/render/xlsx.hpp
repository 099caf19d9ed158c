#pragma once
// Excel workbooks (.xlsx) of a Dataset, one sheet each:
//   row 1  the title              (bold)
//   row 2  the as-of line
//   row 3  the columns' headings  (bold, frozen, with an autofilter over the table)
//   then a row per dataset row, and a totals row when the dataset declares one.
// Cells are typed: numbers, percentages, real dates; text is always a string cell,
// never a formula, whatever it starts with.

#include <cstddef>
#include <string>
#include <string_view>

#include "inspectrack/render/dataset.hpp"
#include "inspectrack/text/lang.hpp"

namespace inspectrack::render {

// What a workbook says above its table, in the reader's language.
struct SheetHead {
  std::string sheet;  // the tab's name; made valid by sheet_name()
  std::string title;  // row 1
  std::string as_of;  // row 2, e.g. "Tính đến ngày 26/07/2021"
};

// Writes `data` as a workbook to the file `path`, which it creates or truncates: the
// caller gives a fresh path (io::create_whole). The columns are the people's, in
// their order, the group column among them and a typed column in place of the people
// column it stands for (Dataset::workbook_typed). Dates are date cells shown d/m/yyyy
// in Vietnamese and yyyy-mm-dd in English, counts and reals numbers, rates percentage
// cells, lists joined with "; ", flags words in `lang`, null cells blank. The totals
// row has SUM formulas over the count columns and each rate as a formula of the
// totals, each with its value computed, for readers that do not recalculate.
// Throws Error (ExitCode::cant_create) when the workbook cannot be written or the
// rows do not fit a sheet.
void write_xlsx(const Dataset& data, const SheetHead& head, text::Lang lang, const std::string& path);

// `wanted` as a sheet name Excel accepts: each of []:*?/\ and each control character
// becomes a space, spaces and apostrophes are trimmed from both ends, at most 31
// characters are kept (never half of one), and an empty name, or "History" (which
// Excel keeps for itself), becomes "Sheet1".
std::string sheet_name(std::string_view wanted);

// The width of a column in Excel's units (characters of the default font), and
// whether its cells wrap, for cells at most `widest` display columns wide under
// `heading` (which wraps at its spaces, and leaves room for the filter's button).
struct ColumnFit {
  double width = 0;
  bool wrap = false;
};
inline constexpr double kMaxColumnWidth = 60;
ColumnFit fit_column(std::string_view heading, std::size_t widest);

// The "A1" name of a cell, from 0-based row and column ("C4" for 3, 2).
std::string cell_name(std::size_t row, std::size_t column);

}  // namespace inspectrack::render
