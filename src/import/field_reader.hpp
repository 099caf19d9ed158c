#pragma once
// Reading one field of a YAML mapping into a value, reporting what is wrong at its
// position: the building blocks of document.cpp. Private to the import module.

#include <fmt/format.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "inspectrack/import/diagnostic.hpp"
#include "inspectrack/import/document.hpp"
#include "inspectrack/import/tree.hpp"
#include "inspectrack/model/date.hpp"
#include "inspectrack/text/gate.hpp"
#include "inspectrack/text/message.hpp"

namespace inspectrack::import {

// A phrase inside a message, e.g. where a field sits ("in a finding") or what a value
// must be ("a list of tasks (- key: …)").
using Phrase = text::Message;

// Leading and trailing ASCII whitespace removed.
std::string_view trim(std::string_view s);

// "a, b or c".
text::Message join_or(const std::vector<std::string>& words);

// `n` as an int when it is a whole number in [lo, hi]; nullopt otherwise (a fraction,
// out of range, or too large for an int: the range is checked before converting).
std::optional<int> whole_number_in(double n, int lo, int hi);

class FieldReader {
 public:
  FieldReader(std::string path, Diagnostics& diags) : path_(std::move(path)), diags_(diags) {}

  const std::string& path() const { return path_; }
  // Every error reported so far (to tell whether a part of the file had one).
  std::size_t errors() const { return diags_.size(); }
  Position at(const Node& node) const { return {path_, node.mark.line, node.mark.column}; }

  void error(const Node& where, text::Message message) { diags_.error(at(where), std::move(message)); }
  void error(Position where, text::Message message) { diags_.error(std::move(where), std::move(message)); }

  // Reports every key of `map` not in `allowed`, at the key, with the nearest
  // allowed key as a suggestion.
  void reject_unknown_keys(const Node& map, const std::vector<std::string>& allowed, const Phrase& where);

  // The value under `key`; nullptr after reporting it missing at the mapping
  // ("missing 'title' in the inspection; add title: …").
  const Node* require(const Node& map, std::string_view key, const Phrase& where);

  // True when `value` is a mapping/list; otherwise reports "'FIELD' must be
  // EXPECTED, not FOUND" at the value.
  bool expect_mapping(const Node& value, std::string_view field, const Phrase& expected);
  bool expect_list(const Node& value, std::string_view field, const Phrase& expected);
  // Same for a scalar: "'FIELD' must be EXPECTED, not a list".
  bool expect_scalar(const Node& value, std::string_view field, const Phrase& expected);
  // True when an entry of the list `list` is a mapping; otherwise reports "each
  // entry of 'LIST' must be EXPECTED, not FOUND".
  bool expect_entry(const Node& item, std::string_view list, const Phrase& expected);

  // A text of several lines (a finding, an action, a note): a scalar through
  // text::admit (multi_line): trimmed, also of Unicode spaces, and NFC-normalized;
  // invalid UTF-8, a control character other than LF and TAB, U+2028/U+2029 or a
  // bidirectional control is reported. A null value is "not given" (nullopt) unless
  // `required`, when it is reported like an empty text; so is a value made only of
  // spaces.
  std::optional<std::string> text(const Node& value, std::string_view field, bool required);

  // A text that must stay on one line (a name, a person, a document number): as
  // text(), through text::admit (one_line), so that a line break, a tab or any other
  // control character inside it is reported too; `in_mail_headers` says why in the
  // message.
  std::optional<std::string> line(const Node& value, std::string_view field, bool required,
                                  bool in_mail_headers = false);

  // A key being defined (key: …): must be a slug; otherwise reports it with the
  // slug to use instead. Returns the key as written when it is valid.
  std::optional<std::string> key(const Node& value, std::string_view field);

  // A reference to a key defined elsewhere: a scalar through text::admit (one_line).
  // Whether it names anything is resolve()'s job.
  std::optional<Ref> ref(const Node& value, std::string_view field);
  // A reference or a list of references; duplicates in the list are reported.
  std::optional<std::vector<Ref>> refs(const Node& value, std::string_view field, const Phrase& expected);

  // A date scalar (31/7/2021, 31/07/2021, 2021-07-31).
  std::optional<model::Date> date(const Node& value, std::string_view field);
  // The same for a scalar already known to be one.
  std::optional<model::Date> date_scalar(const Node& value);

  // A number: a YAML number, or a string with a decimal comma ("80,11").
  std::optional<double> number(const Node& value, std::string_view field);

  // One of `names` (exact match); otherwise "unknown WHAT 'x'; expected a, b or c
  // (did you mean 'b'?)". Returns the name matched.
  std::optional<std::string> choice(const Node& value, const Phrase& what,
                                    const std::vector<std::string>& names);

  // Records `key` defined at `where` and returns true; when it was defined before,
  // reports it at `where` naming the first line ("WHAT 'x' is already defined at
  // line 12") and returns false.
  bool check_unique(std::map<std::string, Position>& seen, const std::string& key, const Position& where,
                    const Phrase& what);

 private:
  std::optional<std::string> admit(const Node& value, std::string_view field, bool required,
                                   text::Shape shape, bool in_mail_headers);
  // Reports what text::admit refused in `value`.
  void refuse(const Node& value, std::string_view field, const text::Refusal& refusal,
              bool in_mail_headers);
  text::Message found(const Node& value) const;
  void wrong_type(const Node& value, std::string_view field, const Phrase& expected);

  std::string path_;
  Diagnostics& diags_;
};

// "'bàu-cạn' is not a key; keys are ASCII: did you mean 'bau-can'?" with
// `suggestion` (may be "" for none).
text::Message not_a_key_message(std::string_view value, std::string_view suggestion);

// Reported by parse_document and, for documents built otherwise, by resolve().
text::Message fan_out_without_parent_message();

}  // namespace inspectrack::import
