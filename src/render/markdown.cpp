// A GitHub-flavoured markdown table, one per group under a "###" heading:
//   | Task | Due | Days late |
//   | --- | --- | ---: |
//   | t-1 | 22/07/2021 | 12 |
#include <optional>
#include <variant>

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

// The table of each group, numbered when the frame says so, and the totals row.
std::string markdown_body(const Dataset& data, text::Lang lang, bool header) {
  const std::vector<std::size_t> shown = detail::human_columns(data);
  const bool numbered = !data.frame.number_heading.empty();
  std::vector<std::string> headings;
  std::vector<std::string> rule;
  if (numbered) {
    headings.push_back(escape_cell(data.frame.number_heading));
    rule.emplace_back("---:");
  }
  for (const std::size_t c : shown) {
    headings.push_back(escape_cell(data.columns[c].heading));
    rule.emplace_back(align_of(data.columns[c].type) == Align::right ? "---:" : "---");
  }
  // A total that does not add up (a name, a key) is left blank, not "-".
  const auto cells_of = [&](const std::vector<Value>& row, std::optional<std::size_t> number) {
    std::vector<std::string> cells;
    if (numbered) cells.push_back(number ? std::to_string(*number) : std::string());
    for (const std::size_t c : shown) {
      const Value& v = detail::cell(row, c);
      const bool blank = !number && std::holds_alternative<std::monostate>(v);
      cells.push_back(blank ? std::string() : escape_cell(detail::human_text(v, data.columns[c].type, lang)));
    }
    return cells;
  };

  std::string out;
  const auto groups = detail::row_groups(data, lang);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (g > 0) out += '\n';
    if (data.group_by) {
      out += "### ";
      out += heading_text(detail::group_heading(data, groups[g]));
      out += "\n\n";
    }
    append_row(out, headings);
    append_row(out, rule);
    for (std::size_t r = groups[g].begin; r < groups[g].end; ++r)
      append_row(out, cells_of(data.rows[r], r + 1));
  }
  if (header && !data.frame.totals.empty()) append_row(out, cells_of(data.frame.totals, std::nullopt));
  return out;
}

}  // namespace

std::string to_markdown(const Dataset& data, text::Lang lang, bool header) {
  std::string out;
  if (header) {
    const auto head = head_lines(data.frame, lang);
    for (std::size_t i = 0; i < head.size(); ++i) {
      out += i == 0 && !data.frame.title.empty() ? "## " + heading_text(head[i]) : escape_cell(head[i]);
      out += "\n\n";
    }
  }
  if (data.rows.empty()) {
    if (!data.empty_message.empty()) out += data.empty_message + "\n";
    return out;
  }
  out += markdown_body(data, lang, header);
  if (const std::string count = detail::count_line(data, data.rows.size()); header && !count.empty()) {
    out += '\n' + escape_cell(count) + '\n';
  }
  return out;
}

}  // namespace inspectrack::render
