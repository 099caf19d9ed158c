// A plain-text table aligned by display width:
//   Task   Unit             Due         Days late
//   -----  ---------------  ----------  ---------
//   t-1    UBND xã Bàu Cạn  2021-07-22         12
// On a terminal too narrow for it, text columns wrap at word boundaries:
//   t-2    Sửa chữa mái nhà  2021-07-22         12
//          văn hóa thôn 3
// and a table of more numbers than fit is printed in sections, the columns that name
// a row repeated in each.
#include <algorithm>
#include <cstdint>
#include <numeric>
#include <optional>
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
constexpr std::size_t kColumnGap = 2;
// A text column is not narrowed below this while the terminal leaves room (the main
// text, the `wrap` column, below the larger one), nor below its widest word up to
// kMaxWordFloor (a date stays whole): narrower is hard to read.
constexpr std::size_t kMinTextWidth = 8;
constexpr std::size_t kMinMainWidth = 20;
constexpr std::size_t kMaxWordFloor = 10;
// The heading of a number or a date wraps at its spaces, but not narrower than this
// when it is wider: a heading of one word a line is hard to read.
constexpr std::size_t kMinHeadingWidth = 8;
// Below that, when nothing else fits: still room for a wide character.
constexpr std::size_t kLeastTextWidth = 2;

// A cell is one line: line breaks and tabs become spaces; other control characters
// (an escape sequence would drive the terminal) are shown as escapes, as everywhere
// people read. Trailing spaces go.
std::string flatten(std::string_view s) {
  std::string out = text::visible_lines(s, " ");
  out.erase(out.find_last_not_of(' ') + 1);
  return out;
}

// The longest start of `s` at most `width` columns wide, but never empty: a character
// wider than the column goes whole.
std::string_view first_piece(std::string_view s, std::size_t width) {
  std::string_view piece = text::truncate_to_width(s, width);
  for (std::size_t w = width + 1; piece.empty() && !s.empty(); ++w) piece = text::truncate_to_width(s, w);
  return piece;
}

// `s` in lines of at most `width` columns, broken at spaces; a word wider than the
// column is broken by width, never inside a character nor between a letter and its
// marks. Every word is kept: the lines joined by spaces give the words of `s` again.
std::vector<std::string> wrap(const std::string& s, std::size_t width) {
  if (text::display_width(s) <= width) return {s};
  std::vector<std::string> lines;
  std::string line;
  std::size_t line_width = 0;
  std::size_t begin = 0;
  while (begin < s.size()) {
    std::size_t end = s.find(' ', begin);
    if (end == std::string::npos) end = s.size();
    std::string_view word(s.data() + begin, end - begin);
    begin = end + 1;
    if (word.empty()) continue;
    std::size_t word_width = text::display_width(word);
    if (!line.empty() && line_width + 1 + word_width <= width) {
      line.append(" ").append(word);
      line_width += 1 + word_width;
      continue;
    }
    if (!line.empty()) lines.push_back(std::move(line));
    while (word_width > width) {
      const std::string_view piece = first_piece(word, width);
      lines.emplace_back(piece);
      word.remove_prefix(piece.size());
      word_width = text::display_width(word);
    }
    line.assign(word);
    line_width = word_width;
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

// The widest word of `s`.
std::size_t widest_word(const std::string& s) {
  std::size_t widest = 0;
  std::size_t begin = 0;
  while (begin <= s.size()) {
    std::size_t end = s.find(' ', begin);
    if (end == std::string::npos) end = s.size();
    widest = std::max(widest, text::display_width(std::string_view(s).substr(begin, end - begin)));
    begin = end + 1;
  }
  return widest;
}

// How narrow a column may go. Numbers, dates and flags never wrap: only their
// heading may, at its spaces (`least`, by width only when nothing else fits). Text
// wraps down to `floor`, then to `least`.
struct Sizing {
  bool fixed = false;
  bool main = false;        // the `wrap` column
  std::size_t natural = 0;  // the widest of the heading and the values
  std::size_t floor = 0;
  std::size_t least = 0;
};

std::size_t total_width(const std::vector<std::size_t>& widths) {
  return std::accumulate(widths.begin(), widths.end(), std::size_t{0}) + kColumnGap * (widths.size() - 1);
}

// Narrows the columns `which` selects by up to `excess` columns in all, one column
// at a time from the widest of those above their bound. Returns what is still to take.
template <class Bound>
std::size_t take_widest(std::vector<std::size_t>& widths, const std::vector<Sizing>& sizes,
                        std::size_t excess, Bound bound) {
  while (excess > 0) {
    std::optional<std::size_t> widest;
    for (std::size_t k = 0; k < widths.size(); ++k) {
      if (widths[k] > bound(sizes[k]) && (!widest || widths[k] > widths[*widest])) widest = k;
    }
    if (!widest) break;
    --widths[*widest];
    --excess;
  }
  return excess;
}

// The text columns share what the fixed ones leave, each in proportion to its natural
// width but not below its floor.
void share_text_width(std::vector<std::size_t>& widths, const std::vector<Sizing>& sizes, std::size_t limit) {
  const std::size_t gaps = kColumnGap * (widths.size() - 1);
  std::size_t fixed = 0;
  std::size_t natural = 0;
  for (std::size_t k = 0; k < widths.size(); ++k) (sizes[k].fixed ? fixed : natural) += widths[k];
  if (natural == 0 || limit < gaps + fixed) return;
  const std::size_t room = limit - gaps - fixed;
  if (natural <= room) return;
  std::size_t given = 0;
  for (std::size_t k = 0; k < widths.size(); ++k) {
    if (sizes[k].fixed) continue;
    widths[k] = std::max(sizes[k].floor, sizes[k].natural * room / natural);
    given += widths[k];
  }
  // Rounding down leaves a few columns: to the columns furthest from their width.
  while (given < room) {
    std::optional<std::size_t> most;
    for (std::size_t k = 0; k < widths.size(); ++k) {
      if (sizes[k].fixed || widths[k] >= sizes[k].natural) continue;
      if (!most || sizes[k].natural - widths[k] > sizes[*most].natural - widths[*most]) most = k;
    }
    if (!most) break;
    ++widths[*most];
    ++given;
  }
}

// The widths that fit `limit`: the headings of numbers and dates wrap first, then the
// text columns share the rest in proportion; below their floors only when that is
// not enough. A table of numbers and dates wider than `limit` stays wider.
std::vector<std::size_t> fit_widths(const std::vector<Sizing>& sizes, std::size_t limit) {
  std::vector<std::size_t> widths;
  for (const auto& s : sizes) widths.push_back(s.natural);
  if (widths.empty() || total_width(widths) <= limit) return widths;
  std::size_t excess = total_width(widths) - limit;
  excess = take_widest(widths, sizes, excess, [](const Sizing& s) { return s.fixed ? s.floor : s.natural; });
  if (excess == 0) return widths;
  share_text_width(widths, sizes, limit);
  if (total_width(widths) <= limit) return widths;
  excess = total_width(widths) - limit;
  excess = take_widest(widths, sizes, excess, [](const Sizing& s) { return s.fixed ? s.natural : s.floor; });
  take_widest(widths, sizes, excess, [](const Sizing& s) { return s.least; });
  return widths;
}

Sizing sizing(const Column& column, const std::string& heading, std::size_t widest_value,
              std::size_t widest_words) {
  Sizing s;
  s.fixed = column.type != Type::text && column.type != Type::list;
  s.main = column.wrap;
  s.natural = std::max(text::display_width(heading), widest_value);
  if (s.fixed) {
    s.floor = std::max({widest_value, widest_word(heading), std::min(s.natural, kMinHeadingWidth)});
    s.least = std::max<std::size_t>(widest_value, 1);
  } else {
    // Room for a date or a short key on one line, when the column has them.
    const std::size_t words = std::clamp(widest_words, kMinTextWidth, kMaxWordFloor);
    s.floor = std::min(s.natural, column.wrap ? std::max(kMinMainWidth, words) : words);
    s.least = std::min(s.natural, kLeastTextWidth);
  }
  return s;
}

struct Cell {
  std::string text;
  std::string_view color;  // empty for none
};

std::string styled(std::string_view text, std::string_view color) {
  if (color.empty() || text.empty()) return std::string(text);
  std::string out(color);
  out += text;
  out += kReset;
  return out;
}

// Appends the rows of one section of a table to `out`, aligned in its columns.
class TableWriter {
 public:
  TableWriter(std::string& out, const std::vector<std::size_t>& widths, const std::vector<Align>& aligns)
      : out_(out), widths_(widths), aligns_(aligns) {}

  // One row: each cell wrapped to its column, as many lines as its tallest cell; the
  // cells that end sooner leave their column blank below.
  void row(const std::vector<Cell>& cells) {
    std::vector<std::vector<std::string>> lines;
    std::size_t height = 1;
    for (std::size_t k = 0; k < cells.size(); ++k) {
      lines.push_back(wrap(cells[k].text, widths_[k]));
      height = std::max(height, lines.back().size());
    }
    for (std::size_t i = 0; i < height; ++i) {
      std::string text;
      for (std::size_t k = 0; k < cells.size(); ++k) {
        if (k > 0) text.append(kColumnGap, ' ');
        const std::string_view part =
            i < lines[k].size() ? std::string_view(lines[k][i]) : std::string_view();
        const std::size_t visible = text::display_width(part);
        const std::size_t pad = widths_[k] > visible ? widths_[k] - visible : 0;
        if (aligns_[k] == Align::right) text.append(pad, ' ');
        text += styled(part, cells[k].color);
        if (aligns_[k] == Align::left) text.append(pad, ' ');
      }
      text.erase(text.find_last_not_of(' ') + 1);
      out_ += text;
      out_ += '\n';
    }
  }

  // A line of dashes under each column.
  void rule() {
    std::vector<Cell> cells;
    for (const std::size_t w : widths_) cells.push_back({std::string(w, '-'), ""});
    row(cells);
  }

 private:
  std::string& out_;
  const std::vector<std::size_t>& widths_;
  const std::vector<Align>& aligns_;
};

// The column sets a table is printed in, one under the other: all at once when they
// fit `limit` at their floors; else the leading columns, up to the main text (the
// `wrap` column; without one, the first text), repeat in each section and the others
// follow in order, as many as fit.
std::vector<std::vector<std::size_t>> split_columns(const std::vector<Sizing>& sizes,
                                                    std::optional<std::size_t> limit) {
  std::vector<std::size_t> all(sizes.size());
  std::iota(all.begin(), all.end(), std::size_t{0});
  const auto floors = [&](const std::vector<std::size_t>& columns) {
    std::size_t w = kColumnGap * (columns.empty() ? 0 : columns.size() - 1);
    for (const std::size_t k : columns) w += sizes[k].floor;
    return w;
  };
  if (!limit || floors(all) <= *limit) return {all};
  const auto main = std::find_if(sizes.begin(), sizes.end(), [](const Sizing& s) { return s.main; });
  const auto text = std::find_if(sizes.begin(), sizes.end(), [](const Sizing& s) { return !s.fixed; });
  const std::size_t lead = static_cast<std::size_t>((main != sizes.end() ? main : text) - sizes.begin()) + 1;
  if (lead >= sizes.size()) return {all};
  std::vector<std::vector<std::size_t>> sections;
  std::vector<std::size_t> section(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(lead));
  for (std::size_t k = lead; k < sizes.size(); ++k) {
    if (section.size() > lead && floors(section) + kColumnGap + sizes[k].floor > *limit) {
      sections.push_back(section);
      section.resize(lead);
    }
    section.push_back(k);
  }
  sections.push_back(section);
  return sections;
}

bool is_alert(const Column& column, const Value& v) {
  const auto* i = std::get_if<std::int64_t>(&v);
  return column.alert && i != nullptr && *i > 0;
}

}  // namespace

namespace {

// The columns a table shows, the row number first when the frame numbers the rows,
// and the text of each cell: a row per data row, then the totals row when there is one.
struct Grid {
  std::vector<Column> columns;
  std::vector<std::optional<std::size_t>> source;  // the dataset's column; none for the number
  std::vector<std::vector<std::string>> texts;
  std::vector<std::size_t> widest;        // the widest value of each column
  std::vector<std::size_t> widest_words;  // the widest word of a value of each column
};

Grid grid_of(const Dataset& data, const TableStyle& style) {
  Grid g;
  if (!data.frame.number_heading.empty()) {
    g.columns.push_back(Column{"", data.frame.number_heading, Type::count});
    g.source.emplace_back();
  }
  for (const std::size_t c : detail::human_columns(data)) {
    g.columns.push_back(data.columns[c]);
    g.source.emplace_back(c);
  }
  g.widest.assign(g.columns.size(), 0);
  g.widest_words.assign(g.columns.size(), 0);
  const auto add = [&](const std::vector<Value>& row, std::optional<std::size_t> number) {
    auto& line = g.texts.emplace_back();
    for (std::size_t k = 0; k < g.columns.size(); ++k) {
      if (!g.source[k]) {
        line.push_back(number ? std::to_string(*number) : std::string());
      } else {
        const Value& v = detail::cell(row, *g.source[k]);
        // A total that does not add up (a name, a key) is left blank, not "-".
        const bool blank = !number && std::holds_alternative<std::monostate>(v);
        line.push_back(blank ? std::string() : flatten(detail::human_text(v, g.columns[k].type, style.lang)));
      }
      g.widest[k] = std::max(g.widest[k], text::display_width(line.back()));
      g.widest_words[k] = std::max(g.widest_words[k], widest_word(line.back()));
    }
  };
  for (std::size_t r = 0; r < data.rows.size(); ++r) add(data.rows[r], r + 1);
  if (!data.frame.totals.empty()) add(data.frame.totals, std::nullopt);
  return g;
}

// The cells of line `r` of the grid, coloured as `style` says: numbers in alert
// columns red when positive, the totals bold.
std::vector<Cell> cells_of(const Dataset& data, const Grid& g, std::size_t r, const TableStyle& style) {
  const bool total = r >= data.rows.size();
  std::vector<Cell> cells;
  for (std::size_t k = 0; k < g.columns.size(); ++k) {
    std::string_view color;
    if (style.color && total) {
      color = kBold;
    } else if (style.color && g.source[k] &&
               is_alert(g.columns[k], detail::cell(data.rows[r], *g.source[k]))) {
      color = kRed;
    }
    cells.push_back({g.texts[r][k], color});
  }
  return cells;
}

// `line` wrapped to the terminal when there is one, each part ending with a line break.
std::string wrapped(const std::string& line, const TableStyle& style, std::string_view color) {
  std::string out;
  for (const auto& part : style.width ? wrap(line, *style.width) : std::vector<std::string>{line}) {
    out += styled(part, color);
    out += '\n';
  }
  return out;
}

// A set of the grid's columns printed together, with their widths.
struct Section {
  std::vector<std::size_t> columns;
  std::vector<std::size_t> widths;
  std::vector<Align> aligns;
};

std::vector<Section> sections_of(const Grid& g, const std::vector<Sizing>& sizes, const TableStyle& style) {
  std::vector<Section> sections;
  for (auto& columns : split_columns(sizes, style.width)) {
    Section& s = sections.emplace_back();
    std::vector<Sizing> part;
    for (const std::size_t k : columns) {
      part.push_back(sizes[k]);
      s.aligns.push_back(align_of(g.columns[k].type));
    }
    s.widths = fit_widths(part, style.width.value_or(SIZE_MAX));
    s.columns = std::move(columns);
  }
  return sections;
}

std::vector<Cell> pick(const std::vector<Cell>& cells, const Section& section) {
  std::vector<Cell> out;
  for (const std::size_t k : section.columns) out.push_back(cells[k]);
  return out;
}

// The rows under their group headings and column headings, then the totals; a table
// too wide for the terminal in sections, one under the other.
std::string table_body(const Dataset& data, const TableStyle& style) {
  const Grid g = grid_of(data, style);
  std::vector<Sizing> sizes;
  std::vector<Cell> headings;
  for (std::size_t k = 0; k < g.columns.size(); ++k) {
    const std::string heading = flatten(g.columns[k].heading);
    sizes.push_back(sizing(g.columns[k], heading, g.widest[k], g.widest_words[k]));
    headings.push_back({heading, style.color ? kBold : ""});
  }
  const std::vector<Section> sections = sections_of(g, sizes, style);
  const bool totals = style.header && g.texts.size() > data.rows.size();

  std::string out;
  const auto groups = detail::row_groups(data, style.lang);
  for (std::size_t group = 0; group < groups.size(); ++group) {
    if (data.group_by) {
      if (group > 0) out += '\n';
      out += wrapped(flatten(detail::group_heading(data, groups[group])), style, style.color ? kBold : "");
    }
    for (std::size_t part = 0; part < sections.size(); ++part) {
      if (part > 0) out += '\n';
      TableWriter writer(out, sections[part].widths, sections[part].aligns);
      if (style.header) {
        writer.row(pick(headings, sections[part]));
        writer.rule();
      }
      for (std::size_t r = groups[group].begin; r < groups[group].end; ++r) {
        writer.row(pick(cells_of(data, g, r, style), sections[part]));
      }
      if (totals && group + 1 == groups.size()) {
        writer.rule();
        writer.row(pick(cells_of(data, g, data.rows.size(), style), sections[part]));
      }
    }
  }
  return out;
}

}  // namespace

std::string to_table(const Dataset& data, const TableStyle& style) {
  std::string out;
  const auto raw = [&](const std::string& line) { out += wrapped(flatten(line), style, ""); };
  if (style.header) {
    const auto head = head_lines(data.frame, style.lang);
    for (const auto& line : head) raw(line);
    if (!head.empty()) out += '\n';
  }
  if (data.rows.empty()) {
    if (!data.empty_message.empty()) out += data.empty_message + "\n";
    return out;
  }
  out += table_body(data, style);
  if (const std::string count = detail::count_line(data, data.rows.size()); style.header && !count.empty()) {
    out += '\n';
    raw(count);
  }
  return out;
}

}  // namespace inspectrack::render
