// A plain-text table aligned by display width:
//   Task   Unit             Due         Days late
//   -----  ---------------  ----------  ---------
//   t-1    UBND xã Bàu Cạn  2021-07-22         12
#include <algorithm>
#include <variant>

#include "cell.hpp"
#include "inspectrack/render/dataset.hpp"
#include "inspectrack/text/utf8.hpp"
#include "inspectrack/text/visible.hpp"

namespace inspectrack::render {

namespace {

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kRed = "\x1b[31m";
constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kEllipsis = "\u2026";
constexpr std::size_t kColumnGap = 2;
// The wrap column never shrinks below this: narrower is unreadable.
constexpr std::size_t kMinShrunkWidth = 10;

// A cell is one line: line breaks and tabs become spaces; other control characters
// (an escape sequence would drive the terminal) are shown as escapes, as everywhere
// people read. Trailing spaces go.
std::string flatten(std::string_view s) {
  std::string out = text::visible_lines(s, " ");
  out.erase(out.find_last_not_of(' ') + 1);
  return out;
}

// `s` cut to `width` columns with "…" as the last one when it does not fit; a
// space just before the "…" goes.
std::string fit(const std::string& s, std::size_t width) {
  if (text::display_width(s) <= width) return s;
  if (width == 0) return {};
  std::string out(text::truncate_to_width(s, width - 1));
  out.erase(out.find_last_not_of(' ') + 1);
  out += kEllipsis;
  return out;
}

struct Cell {
  std::string text;
  std::string_view color;  // empty for none
};

std::string styled(const Cell& c) {
  if (c.color.empty() || c.text.empty()) return c.text;
  std::string out(c.color);
  out += c.text;
  out += kReset;
  return out;
}

// Shrinks the wrap column (else the widest) so that the table fits `limit`, but
// not below kMinShrunkWidth.
void shrink(const Dataset& data, const std::vector<std::size_t>& shown,
            std::vector<std::size_t>& widths, std::size_t limit) {
  if (shown.empty()) return;
  std::size_t total = kColumnGap * (shown.size() - 1);
  for (const std::size_t w : widths) total += w;
  if (total <= limit) return;
  std::size_t victim = 0;
  const auto wrap = std::find_if(shown.begin(), shown.end(),
                                 [&](std::size_t c) { return data.columns[c].wrap; });
  if (wrap != shown.end()) {
    victim = static_cast<std::size_t>(wrap - shown.begin());
  } else {
    const auto widest = std::max_element(widths.begin(), widths.end());
    victim = static_cast<std::size_t>(widest - widths.begin());
  }
  std::size_t& w = widths[victim];
  if (w <= kMinShrunkWidth) return;
  w = std::max(kMinShrunkWidth, w - std::min(w, total - limit));
}

class TableWriter {
 public:
  TableWriter(const std::vector<std::size_t>& widths, const std::vector<Align>& aligns)
      : widths_(widths), aligns_(aligns) {}

  void line(const std::vector<Cell>& cells) {
    std::string text;
    for (std::size_t k = 0; k < cells.size(); ++k) {
      if (k > 0) text.append(kColumnGap, ' ');
      const std::size_t visible = text::display_width(cells[k].text);
      const std::size_t pad = widths_[k] > visible ? widths_[k] - visible : 0;
      if (aligns_[k] == Align::right) text.append(pad, ' ');
      text += styled(cells[k]);
      if (aligns_[k] == Align::left) text.append(pad, ' ');
    }
    text.erase(text.find_last_not_of(' ') + 1);
    out_ += text;
    out_ += '\n';
  }

  void raw(std::string_view text) {
    out_ += text;
    out_ += '\n';
  }

  std::string take() && { return std::move(out_); }

 private:
  const std::vector<std::size_t>& widths_;
  const std::vector<Align>& aligns_;
  std::string out_;
};

bool is_alert(const Column& column, const Value& v) {
  const auto* i = std::get_if<std::int64_t>(&v);
  return column.alert && i != nullptr && *i > 0;
}

}  // namespace

std::string to_table(const Dataset& data, const TableStyle& style) {
  if (data.rows.empty()) {
    return data.empty_message.empty() ? std::string() : data.empty_message + "\n";
  }

  const std::vector<std::size_t> shown = detail::human_columns(data);
  std::vector<std::string> headings;
  std::vector<Align> aligns;
  std::vector<std::size_t> widths;
  for (const std::size_t c : shown) {
    headings.push_back(flatten(data.columns[c].heading));
    aligns.push_back(align_of(data.columns[c].type));
    widths.push_back(text::display_width(headings.back()));
  }
  std::vector<std::vector<std::string>> texts;
  texts.reserve(data.rows.size());
  for (const auto& row : data.rows) {
    auto& line = texts.emplace_back();
    for (std::size_t k = 0; k < shown.size(); ++k) {
      line.push_back(flatten(detail::human_text(detail::cell(row, shown[k]), data.columns[shown[k]].type, style.lang)));
      widths[k] = std::max(widths[k], text::display_width(line.back()));
    }
  }
  if (style.width) shrink(data, shown, widths, *style.width);
  const auto fitted = [&](const std::string& s, std::size_t width) {
    return style.width ? fit(s, width) : s;
  };

  std::vector<Cell> heading_cells;
  std::vector<Cell> rule_cells;
  for (std::size_t k = 0; k < shown.size(); ++k) {
    heading_cells.push_back({fitted(headings[k], widths[k]), style.color ? kBold : ""});
    rule_cells.push_back({std::string(widths[k], '-'), ""});
  }

  TableWriter writer(widths, aligns);
  const auto groups = detail::row_groups(data, style.lang);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (data.group_by) {
      if (g > 0) writer.raw("");
      const Cell heading{fitted(flatten(groups[g].heading), style.width.value_or(0)),
                         style.color ? kBold : ""};
      writer.raw(styled(heading));
    }
    writer.line(heading_cells);
    writer.line(rule_cells);
    for (std::size_t r = groups[g].begin; r < groups[g].end; ++r) {
      std::vector<Cell> cells;
      for (std::size_t k = 0; k < shown.size(); ++k) {
        const Column& column = data.columns[shown[k]];
        const bool red = style.color && is_alert(column, detail::cell(data.rows[r], shown[k]));
        cells.push_back({fitted(texts[r][k], widths[k]), red ? kRed : ""});
      }
      writer.line(cells);
    }
  }
  return std::move(writer).take();
}

}  // namespace inspectrack::render
