#include "inspectrack/render/dataset.hpp"

#include <cmath>
#include <optional>
#include <utility>
#include <variant>

#include <fmt/format.h>

#include "cell.hpp"
#include "inspectrack/render/words.hpp"
#include "inspectrack/text/message.hpp"
#include "inspectrack/text/utf8.hpp"

namespace inspectrack::render {

Align align_of(Type type) {
  switch (type) {
    case Type::count:
    case Type::real:
    case Type::rate:
      return Align::right;
    case Type::text:
    case Type::date:
    case Type::flag:
    case Type::list:
      break;
  }
  return Align::left;
}

namespace detail {

std::string format_decimal(double v, int max_decimals, char point) {
  std::string s = fmt::format("{:.{}f}", v, max_decimals);
  if (const auto dot = s.find('.'); dot != std::string::npos) {
    const auto last = s.find_last_not_of('0');
    s.erase(last == dot ? dot : last + 1);
    if (last != dot) s[dot] = point;
  }
  if (s == "-0") s = "0";
  return s;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

std::string valid_utf8(std::string field) {
  std::optional<std::size_t> bad = text::find_invalid_utf8(field);
  if (!bad) return field;
  std::string out(field, 0, *bad);
  for (std::size_t i = *bad; i < field.size();) {
    const std::size_t length = text::utf8_length_at(field, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(field, i, length);
      i += length;
    }
  }
  return out;
}

const Value& cell(const std::vector<Value>& row, std::size_t column) {
  static const Value kNull;
  return column < row.size() ? row[column] : kNull;
}

std::string human_text(const Value& v, Type type, text::Lang lang) {
  struct Visitor {
    Type type;
    text::Lang lang;
    std::string operator()(std::monostate) const { return "-"; }
    std::string operator()(bool b) const {
      return b ? text::translate(lang, text::Message("yes")) : text::translate(lang, text::Message("no"));
    }
    std::string operator()(std::int64_t i) const { return fmt::format("{}", i); }
    std::string operator()(double d) const {
      if (!std::isfinite(d)) return "-";
      const char point = lang == text::Lang::vi ? ',' : '.';
      // "75%", "66,7%": as the provinces write a rate.
      if (type == Type::rate) return format_decimal(d * 100, 1, point) + "%";
      return format_decimal(d, 2, point);
    }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(const model::Date& d) const {
      return lang == text::Lang::vi ? d.vn() : d.iso();
    }
    std::string operator()(const std::vector<std::string>& list) const { return join(list, ", "); }
  };
  return std::visit(Visitor{type, lang}, v);
}

std::vector<std::size_t> human_columns(const Dataset& data) {
  std::vector<std::size_t> out;
  const auto take = [&](std::size_t i) {
    if (i < data.columns.size() && data.columns[i].human && data.group_by != i) out.push_back(i);
  };
  if (data.people_order.empty()) {
    for (std::size_t i = 0; i < data.columns.size(); ++i) take(i);
  } else {
    for (const std::size_t i : data.people_order) take(i);
  }
  return out;
}

std::vector<std::size_t> machine_columns(const Dataset& data) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < data.columns.size(); ++i) {
    if (data.columns[i].machine && !data.columns[i].words) out.push_back(i);
  }
  return out;
}

std::vector<std::size_t> csv_columns(const Dataset& data) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < data.columns.size(); ++i) {
    if (data.columns[i].machine && !data.columns[i].raw) out.push_back(i);
  }
  return out;
}

std::vector<RowGroup> row_groups(const Dataset& data, text::Lang lang) {
  std::vector<RowGroup> groups;
  if (data.rows.empty()) return groups;
  if (!data.group_by) return {RowGroup{"", 0, data.rows.size()}};
  const std::size_t column = *data.group_by;
  std::size_t begin = 0;
  for (std::size_t i = 1; i <= data.rows.size(); ++i) {
    if (i == data.rows.size() || cell(data.rows[i], column) != cell(data.rows[begin], column)) {
      groups.push_back(RowGroup{human_text(cell(data.rows[begin], column), data.columns[column].type, lang), begin, i});
      begin = i;
    }
  }
  return groups;
}

std::string group_heading(const Dataset& data, const RowGroup& group) {
  if (!data.frame.group_counts) return group.heading;
  return fmt::format("{} ({})", group.heading, group.end - group.begin);
}

std::string count_line(const Dataset& data, std::size_t rows) {
  return data.frame.count_line ? data.frame.count_line(rows) : std::string();
}

}  // namespace detail

std::vector<std::string> head_lines(const Frame& frame, text::Lang lang) {
  std::vector<std::string> lines;
  if (!frame.title.empty()) lines.push_back(frame.title);
  if (frame.as_of) lines.push_back(text::translate(lang, text::Message("As of {0}", day_of(*frame.as_of))));
  return lines;
}

std::string render(const Dataset& data, Format format, const TableStyle& style, bool bom) {
  switch (format) {
    case Format::table:
      return to_table(data, style);
    case Format::csv: return to_csv(data, bom, style.header, style.separator);
    case Format::json:
      return to_json(data);
    case Format::markdown: return to_markdown(data, style.lang, style.header);
  }
  return to_table(data, style);
}

RowStream::RowStream(std::ostream& out, Dataset header, Format format, const TableStyle& style,
                     bool bom)
    : out_(out), data_(std::move(header)), format_(format), style_(style), bom_(bom) {
  machine_ = format == Format::csv ? detail::csv_columns(data_) : detail::machine_columns(data_);
  std::vector<std::vector<Value>> first = std::move(data_.rows);
  data_.rows.clear();
  for (const auto& row : first) add(row);
}

void RowStream::add(const std::vector<Value>& row) {
  switch (format_) {
    case Format::json:
      buffer_ += rows_ == 0 ? "[\n  " : ",\n  ";
      detail::append_json_object(buffer_, data_, machine_, row);
      break;
    case Format::csv:
      if (rows_ == 0) detail::append_csv_header(buffer_, data_, machine_, bom_, style_.header, style_.separator);
      detail::append_csv_row(buffer_, data_, machine_, row, style_.separator);
      break;
    case Format::table:
    case Format::markdown:
      data_.rows.push_back(row);
      break;
  }
  ++rows_;
  flush(64 * 1024);
}

void RowStream::finish() {
  switch (format_) {
    case Format::json:
      buffer_ += rows_ == 0 ? "[]\n" : "\n]\n";
      break;
    case Format::csv:
      if (rows_ == 0) detail::append_csv_header(buffer_, data_, machine_, bom_, style_.header, style_.separator);
      break;
    case Format::table:
    case Format::markdown:
      buffer_ = render(data_, format_, style_, bom_);
      break;
  }
  flush(0);
}

void RowStream::flush(std::size_t above) {
  if (buffer_.size() < above || buffer_.empty()) return;
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

}  // namespace inspectrack::render
