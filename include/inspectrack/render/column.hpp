#pragma once
// A report's columns, each declared once: its machine key, its heading, its type, who
// sees it and how it reads a row. The Dataset every renderer takes is built by walking
// the list, so a column added to a report's list shows in every format, and no code
// anywhere names a column by its position.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "inspectrack/model/date.hpp"
#include "inspectrack/render/dataset.hpp"
#include "inspectrack/text/lang.hpp"

namespace inspectrack::render {

// Who sees a column: people (table, markdown), scripts (JSON, CSV; `show` lists their
// columns under the headings), both, or neither (a column a view of the report leaves out).
enum class Audience { none, people, scripts, both };

// In a table, the main text, which keeps more width than the other text columns when
// the terminal is narrow (`wrap`),
// or a count shown in red when positive and colour is on (`alert`).
enum class Mark { none, wrap, alert };

// Sets `cell` to the column's value for `row`, in `lang` where it has words. A cell
// keeps its value from the previous row: setters below reuse a text's buffer.
template <class Row>
using Fill = void (*)(Value& cell, const Row& row, text::Lang lang);

template <class Row>
struct ColumnDef {
  std::string key;      // stable: the JSON field and CSV header; names a people-only column too
  std::string heading;  // in the user's language
  Type type = Type::text;
  Audience audience = Audience::both;
  Fill<Row> fill = nullptr;
  Mark mark = Mark::none;
  // The value in words (a status, a deadline, a kind) for table, markdown, CSV and
  // `show`; `fill` then gives the raw value for JSON only.
  Fill<Row> words = nullptr;
};

// Cell setters for Fill functions: each reuses the cell's buffer when it already holds
// that type, and an absent value (nullopt, or "" for set_nonempty_text) is null.
void set_null(Value& cell);
void set_text(Value& cell, std::string_view s);
void set_nonempty_text(Value& cell, std::string_view s);
void set_optional_text(Value& cell, const std::optional<std::string>& s);
void set_count(Value& cell, std::int64_t n);
void set_real(Value& cell, const std::optional<double>& d);
void set_flag(Value& cell, bool b);
void set_date(Value& cell, const std::optional<model::Date>& d);
void set_list(Value& cell, const std::vector<std::string>& items);

// `v` as a cell of its type: a text, an optional text, a flag, a count, a date, an
// optional real or a list of texts.
template <class T>
void set_value(Value& cell, const T& v) {
  if constexpr (std::is_same_v<T, std::string>) {
    set_text(cell, v);
  } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
    set_optional_text(cell, v);
  } else if constexpr (std::is_same_v<T, bool>) {
    set_flag(cell, v);
  } else if constexpr (std::is_integral_v<T>) {
    set_count(cell, v);
  } else if constexpr (std::is_same_v<T, model::Date> || std::is_same_v<T, std::optional<model::Date>>) {
    set_date(cell, v);
  } else if constexpr (std::is_same_v<T, std::optional<double>>) {
    set_real(cell, v);
  } else {
    static_assert(std::is_same_v<T, std::vector<std::string>>, "no cell holds this type");
    set_list(cell, v);
  }
}

// A Fill that reads the member at `Path`, followed from the row (`&TaskRow::task,
// &model::Task::key`), as set_value() does.
template <auto... Path, class Row>
void field(Value& cell, const Row& row, text::Lang /*lang*/) {
  set_value(cell, (row .* ... .* Path));
}

// A Fill that reads the text at `Path`, null when it is "" (a value not given).
template <auto... Path, class Row>
void nonempty(Value& cell, const Row& row, text::Lang /*lang*/) {
  set_nonempty_text(cell, (row .* ... .* Path));
}

// A Fill that reads the enumeration at `Path` by its stable name (its to_string).
template <auto... Path, class Row>
void named(Value& cell, const Row& row, text::Lang /*lang*/) {
  set_text(cell, to_string((row .* ... .* Path)));
}

// A rate column worked out from count columns, by their keys (Ratio in a Dataset).
struct RatioOf {
  std::string rate;
  std::string numerator;
  std::vector<std::string> denominator;
};

// The columns of a report over rows of type `Row`, in the order JSON and CSV write them
// (people see theirs in the same order unless people_first() says otherwise).
template <class Row>
class ColumnSet {
 public:
  ColumnSet(text::Lang lang, std::vector<ColumnDef<Row>> columns, std::string empty_message = {})
      : lang_(lang), columns_(std::move(columns)), empty_message_(std::move(empty_message)) {}

  // Appends a column: it is last for scripts and for people.
  void add(ColumnDef<Row> column) { columns_.push_back(std::move(column)); }
  // Table and markdown: rows under a heading per value of column `key`, which is then
  // not shown; the rows must come ordered by it.
  void group_by(std::string key) { group_ = std::move(key); }
  // Table and markdown (and a workbook): what the report says around its rows.
  void frame(Frame f) { frame_ = std::move(f); }
  // Table and markdown: people read the columns `keys` first, in that order, then
  // their other columns in the list's order. JSON and CSV keep the list's order.
  void people_first(std::vector<std::string> keys) { people_first_ = std::move(keys); }
  // Workbook: the column `typed` in place of the people column `shown`.
  void in_workbook(std::string shown, std::string typed) {
    typed_.emplace_back(std::move(shown), std::move(typed));
  }
  // Workbook: a totals row, each count column summed and `rates` worked out from the totals.
  void totals(std::vector<RatioOf> rates) { totals_ = std::move(rates); }

  const std::vector<ColumnDef<Row>>& columns() const { return columns_; }
  text::Lang lang() const { return lang_; }

  // The columns without rows: what RowStream takes before its first add().
  Dataset header() const {
    Dataset data;
    data.lang = lang_;
    data.columns.reserve(columns_.size());
    std::vector<std::size_t> shown;  // per column of the list: where people and CSV read it
    for (const auto& c : columns_) {
      const bool wrap = c.mark == Mark::wrap;
      const bool alert = c.mark == Mark::alert;
      if (c.words != nullptr) {
        data.columns.push_back(
            Column{c.key, c.heading, c.type, false, for_scripts(c), false, false, true, false});
        data.columns.push_back(
            Column{c.key, c.heading, c.type, shown_to_people(c), for_scripts(c), wrap, alert, false, true});
      } else {
        data.columns.push_back(
            Column{c.key, c.heading, c.type, shown_to_people(c), for_scripts(c), wrap, alert});
      }
      shown.push_back(data.columns.size() - 1);
      if (group_ && c.key == *group_) data.group_by = shown.back();
    }
    data.empty_message = empty_message_;
    for (const std::size_t i : people_order()) data.people_order.push_back(shown[i]);
    if (!data.people_order.empty()) {
      for (std::size_t i = 0; i < data.columns.size(); ++i) {
        if (data.columns[i].raw) data.people_order.push_back(i);
      }
    }
    // A column of the list by its key, as the Dataset holds it: its people cell, or its
    // typed value (`raw`) where it has words; one past the last when the list has no `key`.
    const auto at = [&](const std::string& key, bool raw) {
      const std::size_t i = index(key);
      if (i >= shown.size()) return data.columns.size();
      return raw && columns_[i].words != nullptr ? shown[i] - 1 : shown[i];
    };
    for (const auto& [people, typed] : typed_) data.workbook_typed.emplace_back(at(people, false), at(typed, true));
    if (totals_) {
      data.totals.emplace();
      for (const auto& r : *totals_) {
        Ratio ratio{at(r.rate, true), at(r.numerator, true), {}};
        for (const auto& key : r.denominator) ratio.denominator.push_back(at(key, true));
        data.totals->push_back(std::move(ratio));
      }
    }
    data.frame = frame_;
    return data;
  }

  // One row's cells, one per column. `for_people` false leaves null the cells only
  // people see (JSON and CSV never show them: not worth formatting); cells no one sees
  // are null either way.
  void fill(std::vector<Value>& cells, const Row& row, bool for_people = true) const {
    std::size_t n = 0;
    for (const auto& c : columns_) n += c.words != nullptr ? 2 : 1;
    cells.resize(n);
    std::size_t i = 0;
    for (const auto& c : columns_) {
      const bool wanted = for_scripts(c) || (for_people && shown_to_people(c));
      if (wanted) {
        c.fill(cells[i], row, lang_);
      } else {
        set_null(cells[i]);
      }
      ++i;
      if (c.words == nullptr) continue;
      if (wanted) {
        c.words(cells[i], row, lang_);
      } else {
        set_null(cells[i]);
      }
      ++i;
    }
  }

  std::vector<Value> row(const Row& row, bool for_people = true) const {
    std::vector<Value> cells;
    fill(cells, row, for_people);
    return cells;
  }

  // The header with a row for each of `rows`, in order.
  Dataset dataset(const std::vector<Row>& rows) const {
    Dataset data = header();
    data.rows.reserve(rows.size());
    for (const auto& r : rows) data.rows.push_back(row(r));
    return data;
  }

 private:
  // Indexes of every column: people_first_ ones first; empty when it names none.
  std::vector<std::size_t> people_order() const {
    std::vector<std::size_t> order;
    if (people_first_.empty()) return order;
    std::vector<bool> placed(columns_.size(), false);
    for (const auto& key : people_first_) {
      for (std::size_t i = 0; i < columns_.size(); ++i) {
        if (columns_[i].key == key && !placed[i]) {
          order.push_back(i);
          placed[i] = true;
        }
      }
    }
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if (!placed[i]) order.push_back(i);
    }
    return order;
  }

  // The place of the column `key`, which the report declares (one past the last when
  // it does not: a mistake the render tests catch).
  std::size_t index(const std::string& key) const {
    std::size_t i = 0;
    while (i < columns_.size() && columns_[i].key != key) ++i;
    return i;
  }

  static bool shown_to_people(const ColumnDef<Row>& c) {
    return c.audience == Audience::people || c.audience == Audience::both;
  }
  static bool for_scripts(const ColumnDef<Row>& c) {
    return c.audience == Audience::scripts || c.audience == Audience::both;
  }

  text::Lang lang_;
  std::vector<ColumnDef<Row>> columns_;
  std::string empty_message_;
  std::optional<std::string> group_;
  std::vector<std::string> people_first_;
  std::vector<std::pair<std::string, std::string>> typed_;
  std::optional<std::vector<RatioOf>> totals_;
  Frame frame_;
};

}  // namespace inspectrack::render
