// One object per line, keys in column order, for scripts:
//   [
//     {"key": "t-1", "due": "2021-07-22", "assignees": ["ubnd-bau-can"], "done_on": null}
//   ]
#include <cmath>
#include <iterator>
#include <variant>

#include <fmt/format.h>

#include "cell.hpp"
#include "inspectrack/render/dataset.hpp"
#include "inspectrack/text/utf8.hpp"

namespace inspectrack::render {

namespace {

// A JSON string literal of `s`: '"' and '\\' escaped, control characters as
// escapes (DEL and the C1 controls too: legal in JSON, but a terminal showing the
// document may act on them), U+2028 and U+2029 escaped too (legal in JSON, but they
// end lines in JavaScript), and each byte that is not part of valid UTF-8 replaced
// by U+FFFD, so that one bad byte cannot make the whole document invalid. Runs of
// plain text are copied at once: reports write millions of these.
void append_quoted(std::string& out, std::string_view s) {
  out += '"';
  std::size_t plain = 0;  // start of the run not yet copied
  const auto copy_run = [&](std::size_t end) { out.append(s.data() + plain, end - plain); };
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20U && c < 0x7FU && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    if (c < 0x80U) {
      copy_run(i);
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: fmt::format_to(std::back_inserter(out), "\\u{:04x}", c); break;
      }
      plain = ++i;
      continue;
    }
    const std::size_t length = text::utf8_length_at(s, i);
    if (length == 0) {
      copy_run(i);
      out += "\\ufffd";
      plain = ++i;
    } else if (length == 2 && c == 0xC2U && static_cast<unsigned char>(s[i + 1]) < 0xA0U) {
      copy_run(i);
      fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned char>(s[i + 1]));
      plain = i += 2;
    } else if (length == 3 && c == 0xE2U && s[i + 1] == '\x80' && (s[i + 2] == '\xA8' || s[i + 2] == '\xA9')) {
      copy_run(i);
      out += s[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      plain = i += 3;
    } else {
      i += length;
    }
  }
  copy_run(s.size());
  out += '"';
}

void append_value(std::string& out, const Value& v) {
  struct Visitor {
    std::string& out;
    void operator()(std::monostate) const { out += "null"; }
    void operator()(bool b) const { out += b ? "true" : "false"; }
    void operator()(std::int64_t i) const { fmt::format_to(std::back_inserter(out), "{}", i); }
    void operator()(double d) const {
      if (std::isfinite(d)) {
        fmt::format_to(std::back_inserter(out), "{}", d);
      } else {
        out += "null";
      }
    }
    void operator()(const std::string& s) const { append_quoted(out, s); }
    void operator()(const model::Date& d) const {
      out += '"';
      out += d.iso();
      out += '"';
    }
    void operator()(const std::vector<std::string>& list) const {
      out += '[';
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (i > 0) out += ", ";
        append_quoted(out, list[i]);
      }
      out += ']';
    }
  };
  std::visit(Visitor{out}, v);
}

}  // namespace

std::string json_quote(const std::string& s) {
  std::string out;
  append_quoted(out, s);
  return out;
}

namespace detail {

void append_json_object(std::string& out, const Dataset& data, const std::vector<std::size_t>& machine,
                        const std::vector<Value>& values) {
  out += '{';
  bool first = true;
  for (const std::size_t c : machine) {
    if (!first) out += ", ";
    first = false;
    append_quoted(out, data.columns[c].key);
    out += ": ";
    append_value(out, cell(values, c));
  }
  out += '}';
}

}  // namespace detail

std::string to_json_object(const Dataset& data, std::size_t row) {
  static const std::vector<Value> kNoValues;
  const std::vector<Value>& values = row < data.rows.size() ? data.rows[row] : kNoValues;
  std::string out;
  detail::append_json_object(out, data, detail::machine_columns(data), values);
  return out;
}

std::string to_json(const Dataset& data) {
  if (data.rows.empty()) return "[]\n";
  const std::vector<std::size_t> machine = detail::machine_columns(data);
  std::string out = "[\n";
  for (std::size_t r = 0; r < data.rows.size(); ++r) {
    if (r > 0) out += ",\n";
    out += "  ";
    detail::append_json_object(out, data, machine, data.rows[r]);
  }
  out += "\n]\n";
  return out;
}

}  // namespace inspectrack::render
