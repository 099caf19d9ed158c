#include "inspectrack/import/loader.hpp"

#include <fmt/core.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <optional>
#include <istream>
#include <streambuf>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "inspectrack/text/utf8.hpp"

namespace inspectrack::import {

namespace {

// One file's worth of errors is enough to act on; an alias bomb or a generated
// file must not produce millions of lines. One short of what Diagnostics keeps, so
// that the line saying parsing stopped is kept too.
constexpr std::size_t kMaxErrors = Diagnostics::kMaxPerFile - 1;

// Thrown out of the event handler (through yaml-cpp, which holds nothing that
// leaks) to stop parsing once nothing more can be trusted or a limit is hit.
struct StopParsing {};

// Byte offsets to 1-based lines and character columns (yaml-cpp's marks count
// bytes; editors count characters). The index keeps the line and column at every
// kStep-th byte, not the start of every line: a file of 16 million empty lines
// must not need 128 MiB of index, and any offset is at most kStep bytes of counting
// away from a checkpoint, whatever the order of the questions (in file order, as the
// parser asks, it is the bytes since the last question).
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) : text_(text) {
    checkpoints_.reserve(text.size() / kStep + 1);
    Place place;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (i % kStep == 0) checkpoints_.push_back(place);
      step(place, text[i]);
    }
    if (text.size() % kStep == 0) checkpoints_.push_back(place);
  }

  // The start of the line holding byte `pos`.
  std::size_t line_start(std::size_t pos) const {
    pos = std::min(pos, text_.size());
    const std::size_t nl = pos == 0 ? std::string_view::npos : text_.rfind('\n', pos - 1);
    return nl == std::string_view::npos ? 0 : nl + 1;
  }

  // 0-based line holding byte `pos`.
  std::size_t line_of(std::size_t pos) const { return locate(pos).line; }

  Mark mark_at(std::size_t pos) const {
    const Place place = locate(pos);
    return Mark{static_cast<int>(place.line) + 1, static_cast<int>(place.column) + 1};
  }

 private:
  static constexpr std::size_t kStep = 512;

  struct Place {
    std::size_t line = 0;    // 0-based
    std::size_t column = 0;  // characters since the start of the line
  };

  // Counting code points: every byte that does not continue a UTF-8 sequence
  // starts one, so a checkpoint may fall inside a character.
  static void step(Place& place, char c) {
    if (c == '\n') {
      ++place.line;
      place.column = 0;
    } else if ((static_cast<unsigned char>(c) & 0xC0u) != 0x80u) {
      ++place.column;
    }
  }

  // The parser asks in file order: counting goes on from the last answer when it lies
  // between the checkpoint and `pos`, so that each byte is counted about once.
  Place locate(std::size_t pos) const {
    pos = std::min(pos, text_.size());
    const std::size_t k = pos / kStep;
    std::size_t from = k * kStep;
    Place place = checkpoints_[k];
    if (last_pos_ <= pos && last_pos_ > from) {
      from = last_pos_;
      place = last_;
    }
    for (std::size_t i = from; i < pos; ++i) step(place, text_[i]);
    last_pos_ = pos;
    last_ = place;
    return place;
  }

  std::string_view text_;
  std::vector<Place> checkpoints_;
  mutable std::size_t last_pos_ = 0;  // the last offset located, and its place
  mutable Place last_;
};

// yaml-cpp reads from an istream: this one reads the file's text where it is, where
// an istringstream would first copy all of it.
class ViewBuffer : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view text) {
    // The get area is only read from: streambuf merely wants char*.
    char* begin = const_cast<char*>(text.data());
    setg(begin, begin, begin + text.size());
  }
};

std::size_t offset_of(const YAML::Mark& m) {
  return m.pos < 0 ? 0 : static_cast<std::size_t>(m.pos);
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n'; }

// Where the quoted scalar opening at `open` closes, or nullopt when its closing
// quote is missing: yaml-cpp then lets it run to the end of the file.
std::optional<std::size_t> closing_quote(std::string_view text, std::size_t open) {
  const char quote = text[open];
  for (std::size_t i = open + 1; i < text.size(); ++i) {
    const char c = text[i];
    if (quote == '"') {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        return i;
      }
    } else if (c == '\'') {
      if (i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;
      } else {
        return i;
      }
    }
  }
  return std::nullopt;
}

// Whether a line, taken into a quoted scalar, looks like YAML structure: a list
// item ("- ") or a mapping entry ("key:").
bool looks_like_structure(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  line.remove_prefix(i);
  if (line == "-" || line.starts_with("- ")) return true;
  std::size_t k = 0;
  while (k < line.size() && (std::isalnum(static_cast<unsigned char>(line[k])) != 0 ||
                             line[k] == '_' || line[k] == '-' || line[k] == '.')) {
    ++k;
  }
  return k > 0 && k < line.size() && line[k] == ':' && (k + 1 == line.size() || line[k + 1] == ' ');
}

// The word starting at `pos` (a tag such as "!foo"), up to a space or a flow
// indicator.
std::string_view word_at(std::string_view text, std::size_t pos) {
  std::size_t end = pos;
  while (end < text.size() && !is_space(text[end]) && text[end] != ',' && text[end] != '[' &&
         text[end] != ']' && text[end] != '{' && text[end] != '}') {
    ++end;
  }
  return text.substr(pos, end - pos);
}

// yaml-cpp's parser recurses once per nesting level. Flow brackets cost one byte
// each, so a small file can nest thousands deep: find that before yaml-cpp runs.
// Quotes are recognised only where a quoted scalar may start, so an apostrophe in
// plain text ("it's") does not hide the brackets after it.
std::optional<std::size_t> find_deep_flow(std::string_view text, int max_depth) {
  int depth = 0;
  char quote = 0;
  bool comment = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const char prev = i == 0 ? '\n' : text[i - 1];
    if (comment) {
      comment = c != '\n';
    } else if (quote == '"') {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        quote = 0;
      }
    } else if (quote == '\'') {
      if (c == '\'') {
        if (i + 1 < text.size() && text[i + 1] == '\'') {
          ++i;
        } else {
          quote = 0;
        }
      }
    } else if (c == '#' && is_space(prev)) {
      comment = true;
    } else if ((c == '"' || c == '\'') &&
               (is_space(prev) || prev == '[' || prev == '{' || prev == ',' || prev == ':')) {
      quote = c;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

std::string lower_first(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

text::Message depth_message(int max_depth) {
  return text::Message(
      "lists and mappings nested more than {0} levels deep, the nesting limit; these files need only a few "
      "levels: check the indentation and the brackets",
      max_depth);
}

text::Message alias_message(std::string_view name) {
  return text::Message("aliases ('*{0}') are not allowed in these files; write the value out in full", name);
}

// The file is valid UTF-8 (source.cpp checks), so a scalar that is not can only have
// been made so by an escape: yaml-cpp writes \N (U+0085) and \_ (U+00A0) as the bare
// bytes 0x85 and 0xA0.
text::Message escape_message(unsigned char byte) {
  const char* escape = byte == 0x85 ? "\\N" : byte == 0xA0 ? "\\_" : nullptr;
  if (escape != nullptr) {
    return text::Message(
        "the escape {0} is not supported in these files; write the character itself instead of the escape",
        escape);
  }
  return text::Message(
      "an escape in this value makes byte 0x{0:02X}, which is not UTF-8; write the character itself instead "
      "of the escape",
      byte);
}

// yaml-cpp's wording, with a hint for the mistakes people make most by hand.
// `after_quote`: the error comes right after a closing quote.
text::Message syntax_message(const std::string& yaml_message, bool after_quote) {
  text::Message hint = text::Message::verbatim("");
  if (after_quote) {
    hint = text::Message(
        "; text follows the closing quote: quote the whole value, and inside it write a ' as '' (in '...') "
        "or a \" as \\\" (in \"...\")");
  } else if (yaml_message == YAML::ErrorMsg::FLOW_END) {
    hint = text::Message("; this closing bracket has no opening one");
  } else if (yaml_message == YAML::ErrorMsg::MAP_VALUE) {
    hint = text::Message("; a value that contains ': ' must be quoted, or this line is indented wrongly");
  } else if (yaml_message == YAML::ErrorMsg::END_OF_SEQ_FLOW) {
    hint = text::Message("; a '[' is missing its closing ']'");
  } else if (yaml_message == YAML::ErrorMsg::END_OF_MAP_FLOW) {
    hint = text::Message("; a '{{' is missing its closing '}}'");
  } else if (yaml_message == YAML::ErrorMsg::BLOCK_ENTRY) {
    hint = text::Message("; check the indentation of this '-' item");
  }
  return text::Message::with_context("YAML syntax error", "{0}{1}", lower_first(yaml_message), hint);
}

// Builds our Node tree from yaml-cpp's events with an explicit stack, checking
// every rule that yaml-cpp itself does not enforce.
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const SourceFile& source, const LineIndex& lines, const Limits& limits, Diagnostics& diags)
      : source_(source), lines_(lines), limits_(limits), diags_(diags) {}

  std::optional<Node>& root() { return root_; }

  // A quoted scalar that ran on over lines that look like YAML: the likely cause
  // of a later syntax error.
  struct RunawayQuote {
    Mark open;
    int closed_on_line = 0;
  };
  const std::optional<RunawayQuote>& runaway_quote() const { return runaway_quote_; }

  void OnDocumentStart(const YAML::Mark& /*mark*/) override {}
  void OnDocumentEnd() override {}

  // yaml-cpp announces each anchor, with its name, just before the node it marks.
  void OnAnchor(const YAML::Mark& mark, const std::string& name) override {
    anchor_names_.push_back(name);
    anchor_error(mark, name);
  }

  // An alias bomb holds dozens of anchors and aliases: name the first few, then
  // say once that more follow, rather than burying the other errors.
  bool report_anchor_or_alias(const YAML::Mark& mark) {
    ++anchor_alias_errors_;
    if (anchor_alias_errors_ <= kMaxAnchorAliasErrors) return true;
    if (anchor_alias_errors_ == kMaxAnchorAliasErrors + 1) {
      error(mark, text::Message("more anchors or aliases follow from here; remove them all"));
    }
    return false;
  }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    count_node(mark);
    check_anchor(mark, anchor);
    Node node;
    node.mark = null_mark(mark);
    add(std::move(node));
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    count_node(mark);
    const std::string name =
        anchor >= 1 && anchor <= anchor_names_.size() ? anchor_names_[anchor - 1] : "";
    if (report_anchor_or_alias(mark)) error(mark, alias_message(name));
    Node node;
    node.mark = lines_.mark_at(offset_of(mark));
    add(std::move(node));
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    count_node(mark);
    check_anchor(mark, anchor);
    check_tag(mark, tag);
    const std::size_t pos = offset_of(mark);
    const char first = pos < source_.text.size() ? source_.text[pos] : '\0';
    Node node;
    node.type = Node::Type::scalar;
    node.mark = lines_.mark_at(pos);
    node.quoted = first == '"' || first == '\'';
    if (node.quoted) check_closing_quote(mark, pos);
    if (value.size() > limits_.max_scalar) {
      error(mark, text::Message("value longer than {0} bytes, the limit for one value; shorten it",
                                limits_.max_scalar));
    } else if (const auto bad = text::find_invalid_utf8(value)) {
      error(mark, escape_message(static_cast<unsigned char>(value[*bad])));
    } else {
      node.scalar = value;  // not a refused one: it may be megabytes
    }
    add(std::move(node));
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    check_anchor(mark, anchor);
    start_collection(mark, tag, style, Node::Type::sequence);
  }

  void OnSequenceEnd() override { end_collection(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    check_anchor(mark, anchor);
    start_collection(mark, tag, style, Node::Type::mapping);
  }

  void OnMapEnd() override { end_collection(); }

 private:
  struct Frame {
    Node node;
    std::optional<Node> key;                         // mapping: the key awaiting its value
    std::unordered_map<std::string, int> key_lines;  // mapping: keys seen, with their lines
  };

  void error(const YAML::Mark& mark, text::Message message) {
    error_at(lines_.mark_at(offset_of(mark)), std::move(message));
  }

  void error_at(Mark where, text::Message message) {
    if (++errors_ > kMaxErrors) {
      diags_.error(Position{source_.path, where.line, where.column},
                   text::Message("too many errors; stopping here"));
      throw StopParsing{};
    }
    diags_.error(Position{source_.path, where.line, where.column}, std::move(message));
  }

  void anchor_error(const YAML::Mark& mark, const std::string& name) {
    if (!report_anchor_or_alias(mark)) return;
    error(mark, text::Message("anchors ('&{0}') are not allowed in these files; write the value out in full",
                              name));
  }

  // Anchors are reported by OnAnchor; this catches one that was not announced.
  void check_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor > anchor_names_.size()) {
      anchor_names_.resize(anchor);
      anchor_error(mark, "");
    }
  }

  void count_node(const YAML::Mark& mark) {
    if (++nodes_ > limits_.max_nodes) {
      error(mark, text::Message(
                      "more than {0} values in the file, the limit for one file; split it into several files",
                      limits_.max_nodes));
      throw StopParsing{};
    }
  }

  void check_closing_quote(const YAML::Mark& mark, std::size_t open) {
    const auto close = closing_quote(source_.text, open);
    if (!close) {
      error(mark,
            text::Message("unclosed quote: the text runs to the end of the file; add the closing quote"));
      // Everything after this point was swallowed into the scalar: any further
      // message would only confuse.
      throw StopParsing{};
    }
    // A quote closed lines later, by the next quote in the file (often one in a
    // comment), swallows the lines between; the syntax error that usually
    // follows is reported far from the cause. Remember the first such scalar.
    if (runaway_quote_) return;
    const std::string_view text = source_.text;
    for (std::size_t nl = text.find('\n', open); nl != std::string_view::npos && nl < *close;
         nl = text.find('\n', nl + 1)) {
      const std::size_t start = nl + 1;
      const std::size_t end = std::min(text.find('\n', start), text.size());
      if (looks_like_structure(text.substr(start, end - start))) {
        runaway_quote_ =
            RunawayQuote{lines_.mark_at(open), static_cast<int>(lines_.line_of(*close)) + 1};
        return;
      }
    }
  }

  // yaml-cpp reports "?" for a plain node and "!" for a quoted scalar, a block
  // scalar or the non-specific tag "!" written by hand; anything else was written.
  void check_tag(const YAML::Mark& mark, const std::string& tag) {
    const std::size_t pos = offset_of(mark);
    const bool written_bang = pos < source_.text.size() && source_.text[pos] == '!';
    if (tag == "?" || (tag == "!" && !written_bang)) return;
    const std::string shown = written_bang ? std::string(word_at(source_.text, pos)) : tag;
    error(mark, text::Message("tags ('{0}') are not allowed in these files; remove the tag", shown));
  }

  // An empty value has no text of its own: yaml-cpp marks it at the next token,
  // often on the next line. Point at its key instead, or just after what precedes it.
  Mark null_mark(const YAML::Mark& mark) const {
    const std::string_view text = source_.text;
    std::size_t pos = std::min(offset_of(mark), text.size());
    const std::string_view rest = text.substr(pos);
    const bool written = rest.starts_with('~') || rest.starts_with("null") ||
                         rest.starts_with("Null") || rest.starts_with("NULL");
    if (written) return lines_.mark_at(pos);
    if (!stack_.empty() && stack_.back().node.is_mapping() && stack_.back().key) {
      return stack_.back().key->mark;
    }
    while (pos > 0 && is_space(text[pos - 1])) --pos;
    return lines_.mark_at(pos);
  }

  void start_collection(const YAML::Mark& mark, const std::string& tag,
                        YAML::EmitterStyle::value style, Node::Type type) {
    count_node(mark);
    check_tag(mark, tag);
    if (static_cast<int>(stack_.size()) + 1 > limits_.max_depth) {
      error(mark, depth_message(limits_.max_depth));
      throw StopParsing{};
    }
    Frame frame;
    frame.node.type = type;
    frame.node.mark = lines_.mark_at(offset_of(mark));
    frame.node.flow = style == YAML::EmitterStyle::Flow;
    stack_.push_back(std::move(frame));
  }

  void end_collection() {
    Node node = std::move(stack_.back().node);
    stack_.pop_back();
    add(std::move(node));
  }

  void add(Node node) {
    if (stack_.empty()) {
      root_ = std::move(node);
      return;
    }
    Frame& top = stack_.back();
    if (top.node.is_sequence()) {
      top.node.items.push_back(std::move(node));
    } else if (top.key) {
      top.node.entries.emplace_back(std::move(*top.key), std::move(node));
      top.key.reset();
    } else {
      check_key(top, node);
      top.key = std::move(node);
    }
  }

  void check_key(Frame& map, const Node& key) {
    if (key.is_scalar()) {
      const auto [seen, inserted] = map.key_lines.emplace(key.scalar, key.mark.line);
      if (!inserted) {
        error_at(key.mark,
                 text::Message("key '{0}' given twice (first at line {1})", key.scalar, seen->second));
      }
    } else if (key.is_null()) {
      error_at(key.mark, text::Message("a mapping key is missing: write 'key: value'"));
    } else {
      error_at(key.mark,
               text::Message("a mapping key must be a single value, not a {0}", type_name(key.type)));
    }
  }

  const SourceFile& source_;
  const LineIndex& lines_;
  const Limits& limits_;
  Diagnostics& diags_;
  std::vector<Frame> stack_;
  std::optional<Node> root_;
  std::optional<RunawayQuote> runaway_quote_;
  std::vector<std::string> anchor_names_;  // by anchor id - 1, as yaml-cpp numbers them
  static constexpr std::size_t kMaxAnchorAliasErrors = 4;
  std::size_t anchor_alias_errors_ = 0;
  std::size_t nodes_ = 0;
  std::size_t errors_ = 0;
};

// Handles the start of a second document only to learn where it is.
class SecondDocumentProbe : public YAML::EventHandler {
 public:
  std::optional<YAML::Mark> start;

  void OnDocumentStart(const YAML::Mark& mark) override {
    start = mark;
    throw StopParsing{};
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// The column of the first tab in the indentation of the line holding `pos`.
std::optional<std::size_t> indentation_tab(std::string_view text, const LineIndex& lines,
                                           std::size_t pos) {
  for (std::size_t i = lines.line_start(pos); i < text.size(); ++i) {
    if (text[i] == '\t') return i;
    if (text[i] != ' ') break;
  }
  return std::nullopt;
}

text::Message second_document_message(bool after_marker) {
  if (after_marker) {
    return text::Message(
        "a second YAML document starts here; a file holds one document: remove the '---' line or split the "
        "file");
  }
  // yaml-cpp ends a document silently where the structure breaks (a top-level
  // list followed by a key, or a '...' line): what follows is not a new document
  // on purpose.
  return text::Message(
      "the YAML document ended before this line, so this starts a second one; check the indentation of this "
      "line and of the lines above it");
}

void report_syntax_error(const SourceFile& source, const LineIndex& lines, const YAML::Exception& e,
                         const std::optional<TreeBuilder::RunawayQuote>& runaway, Diagnostics& diags) {
  auto report = [&](std::size_t pos, text::Message message) {
    const Mark m = lines.mark_at(pos);
    diags.error(Position{source.path, m.line, m.column}, std::move(message));
  };
  if (runaway) {
    diags.error(Position{source.path, runaway->open.line, runaway->open.column},
                text::Message("the quote opened here is not closed on its line: the text runs on to line {0} "
                              "and takes in the lines between; add the closing quote",
                              runaway->closed_on_line));
  }
  if (e.mark.is_null()) {
    diags.error(Position{source.path, 0, 0}, syntax_message(e.msg, false));
    return;
  }
  const std::string_view text = source.text;
  const std::size_t pos = std::min(offset_of(e.mark), text.size());
  if (const auto tab = indentation_tab(text, lines, pos)) {
    report(*tab, text::Message("tabs are not allowed for indentation in YAML; use spaces"));
    return;
  }
  // yaml-cpp refuses an alias to an unknown anchor before it reports the alias.
  if (e.msg == YAML::ErrorMsg::UNKNOWN_ANCHOR && pos < text.size() && text[pos] == '*') {
    report(pos, alias_message(word_at(text, pos + 1)));
    return;
  }
  std::size_t before = pos;
  while (before > 0 && (text[before - 1] == ' ' || text[before - 1] == '\t')) --before;
  const bool after_quote = before > 0 && pos < text.size() && !is_space(text[pos]) &&
                           (text[before - 1] == '"' || text[before - 1] == '\'');
  report(pos, syntax_message(e.msg, after_quote));
}

}  // namespace

std::optional<Node> load_yaml(const SourceFile& source, const Limits& limits, Diagnostics& diags) {
  const std::size_t errors_before = diags.size();
  const LineIndex lines(source.text);
  auto report = [&](std::size_t pos, text::Message message) {
    const Mark m = lines.mark_at(pos);
    diags.error(Position{source.path, m.line, m.column}, std::move(message));
  };

  if (const auto deep = find_deep_flow(source.text, limits.max_depth)) {
    report(*deep, depth_message(limits.max_depth));
    return std::nullopt;
  }

  ViewBuffer buffer(source.text);
  std::istream stream(&buffer);
  YAML::Parser parser(stream);
  TreeBuilder builder(source, lines, limits, diags);
  bool has_document = false;
  try {
    has_document = parser.HandleNextDocument(builder);
    if (has_document) {
      SecondDocumentProbe probe;
      bool second = false;
      try {
        second = parser.HandleNextDocument(probe);
      } catch (const StopParsing&) {
        second = true;
      }
      if (second) {
        const std::size_t start = probe.start ? offset_of(*probe.start) : source.text.size();
        report(start, second_document_message(source.text.substr(start).starts_with("---")));
      }
    }
  } catch (const StopParsing&) {
    // The reason is already in diags.
  } catch (const YAML::DeepRecursion& e) {
    report(offset_of(e.mark), depth_message(limits.max_depth));
  } catch (const YAML::Exception& e) {
    report_syntax_error(source, lines, e, builder.runaway_quote(), diags);
  }

  if (diags.size() != errors_before) return std::nullopt;
  if (!has_document) return Node{};
  return std::move(builder.root());
}

}  // namespace inspectrack::import
