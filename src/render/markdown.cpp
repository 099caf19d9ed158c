// A GitHub-flavoured markdown table, one per group under a "###" heading:
//   | Task | Due | Days late |
//   | --- | --- | ---: |
//   | t-1 | 22/07/2021 | 12 |
#include "cell.hpp"
#include "inspectrack/render/dataset.hpp"

namespace inspectrack::render {

namespace {

// Pipes would end the cell and line breaks the row: "\|" and "<br>" keep both
// inside; other control characters become spaces.
std::string escape_cell(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '|') {
      out += "\\|";
    } else if (c == '\r' || c == '\n') {
      out += "<br>";
      if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else if (static_cast<unsigned char>(c) < 0x20U || c == '\x7F') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

// A heading is one line: line breaks and control characters become spaces.
std::string heading_text(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20U || c == '\x7F') c = ' ';
  }
  return out;
}

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
    rule.emplace_back(data.columns[c].align == Align::right ? "---:" : "---");
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
        cells.push_back(escape_cell(detail::human_text(detail::cell(data.rows[r], c), lang)));
      }
      append_row(out, cells);
    }
  }
  return out;
}

}  // namespace inspectrack::render
