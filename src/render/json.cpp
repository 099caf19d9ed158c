// One object per line, keys in column order, for scripts:
//   [
//     {"key": "t-1", "due": "2021-07-22", "assignees": ["ubnd-bau-can"], "done_on": null}
//   ]
#include <cmath>
#include <variant>

#include <fmt/format.h>

#include "cell.hpp"
#include "inspectrack/render/dataset.hpp"
#include "inspectrack/text/utf8.hpp"

namespace inspectrack::render {

namespace {

// Escapes one run of valid UTF-8. U+2028 and U+2029 are legal in JSON but end
// lines in JavaScript, so they are escaped too.
void append_escaped(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20U) {
          out += fmt::format("\\u{:04x}", c);
        } else if (c == 0xE2U && i + 2 < s.size() && s[i + 1] == '\x80' &&
                   (s[i + 2] == '\xA8' || s[i + 2] == '\xA9')) {
          out += s[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
          i += 2;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
}

std::string json_value(const Value& v) {
  struct Visitor {
    std::string operator()(std::monostate) const { return "null"; }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(std::int64_t i) const { return fmt::format("{}", i); }
    std::string operator()(double d) const {
      return std::isfinite(d) ? fmt::format("{}", d) : std::string("null");
    }
    std::string operator()(const std::string& s) const { return json_quote(s); }
    std::string operator()(const model::Date& d) const { return json_quote(d.iso()); }
    std::string operator()(const std::vector<std::string>& list) const {
      std::string out = "[";
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (i > 0) out += ", ";
        out += json_quote(list[i]);
      }
      out += ']';
      return out;
    }
  };
  return std::visit(Visitor{}, v);
}

}  // namespace

std::string json_quote(const std::string& s) {
  // Bytes that are not UTF-8 would make the whole document invalid: each becomes U+FFFD.
  std::string out = "\"";
  std::string_view rest(s);
  while (!rest.empty()) {
    const auto bad = text::find_invalid_utf8(rest);
    append_escaped(out, rest.substr(0, bad.value_or(rest.size())));
    if (!bad) break;
    out += "\\ufffd";
    rest.remove_prefix(*bad + 1);
  }
  out += '"';
  return out;
}

std::string to_json_object(const Dataset& data, std::size_t row) {
  static const std::vector<Value> kNoValues;
  const std::vector<Value>& values = row < data.rows.size() ? data.rows[row] : kNoValues;
  std::string out = "{";
  bool first = true;
  for (const std::size_t c : detail::machine_columns(data)) {
    if (!first) out += ", ";
    first = false;
    out += json_quote(data.columns[c].key);
    out += ": ";
    out += json_value(detail::cell(values, c));
  }
  out += '}';
  return out;
}

std::string to_json(const Dataset& data) {
  if (data.rows.empty()) return "[]\n";
  std::string out = "[\n";
  for (std::size_t r = 0; r < data.rows.size(); ++r) {
    if (r > 0) out += ",\n";
    out += "  ";
    out += to_json_object(data, r);
  }
  out += "\n]\n";
  return out;
}

}  // namespace inspectrack::render
