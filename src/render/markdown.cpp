// A GitHub-flavoured markdown table, one per group under a "###" heading:
//   | Task | Due | Days late |
//   | --- | --- | ---: |
//   | t-1 | 22/07/2021 | 12 |
#include "cell.hpp"
#include "inspectrack/render/dataset.hpp"
#include "inspectrack/text/visible.hpp"

namespace inspectrack::render {

namespace {

// Pipes would end the cell and line breaks the row: "\|" and "<br>" keep both
// inside, so that a value never starts a block of its own (a heading, a list, a row);
// other control characters are shown as escapes.
std::string escape_cell(std::string_view s) {
  std::string out;
  for (const char c : text::visible_lines(s, "<br>")) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

// A heading is one line: line breaks become spaces, control characters escapes.
std::string heading_text(std::string_view s) { return text::visible_lines(s, " "); }

void append_row(std::string& out, const std::vector<std::string>& cells) {
  out += '|';
  for (const auto& c : cells) {
    out += ' ';
    out += c;
    out += " |";
  }
  out += '\n';
}

}  // namespace

std::string to_markdown(const Dataset& data, text::Lang lang) {
  if (data.rows.empty()) {
    return data.empty_message.empty() ? std::string() : data.empty_message + "\n";
  }

  const std::vector<std::size_t> shown = detail::human_columns(data);
  std::vector<std::string> headings;
  std::vector<std::string> rule;
  for (const std::size_t c : shown) {
    headings.push_back(escape_cell(data.columns[c].heading));
    rule.emplace_back(align_of(data.columns[c].type) == Align::right ? "---:" : "---");
  }

  std::string out;
  const auto groups = detail::row_groups(data, lang);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (g > 0) out += '\n';
    if (data.group_by) {
      out += "### ";
      out += heading_text(groups[g].heading);
      out += "\n\n";
    }
    append_row(out, headings);
    append_row(out, rule);
    for (std::size_t r = groups[g].begin; r < groups[g].end; ++r) {
      std::vector<std::string> cells;
      for (const std::size_t c : shown) {
        cells.push_back(escape_cell(detail::human_text(detail::cell(data.rows[r], c), data.columns[c].type, lang)));
      }
      append_row(out, cells);
    }
  }
  return out;
}

}  // namespace inspectrack::render
