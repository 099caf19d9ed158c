#include "inspectrack/render/column.hpp"

#include <variant>

namespace inspectrack::render {

namespace {

// The cell's text, made a text first when it held something else.
std::string& text_cell(Value& cell) {
  if (!std::holds_alternative<std::string>(cell)) cell.emplace<std::string>();
  return std::get<std::string>(cell);
}

}  // namespace

void set_null(Value& cell) { cell = std::monostate{}; }

void set_text(Value& cell, std::string_view s) { text_cell(cell).assign(s); }

void set_nonempty_text(Value& cell, std::string_view s) {
  if (s.empty()) {
    set_null(cell);
  } else {
    set_text(cell, s);
  }
}

void set_optional_text(Value& cell, const std::optional<std::string>& s) {
  if (s) {
    set_text(cell, *s);
  } else {
    set_null(cell);
  }
}

void set_count(Value& cell, std::int64_t n) { cell = n; }

void set_real(Value& cell, const std::optional<double>& d) {
  if (d) {
    cell = *d;
  } else {
    set_null(cell);
  }
}

void set_flag(Value& cell, bool b) { cell = b; }

void set_date(Value& cell, const std::optional<model::Date>& d) {
  if (d) {
    cell = *d;
  } else {
    set_null(cell);
  }
}

void set_list(Value& cell, const std::vector<std::string>& items) {
  if (!std::holds_alternative<std::vector<std::string>>(cell)) cell.emplace<std::vector<std::string>>();
  std::get<std::vector<std::string>>(cell) = items;
}

}  // namespace inspectrack::render
