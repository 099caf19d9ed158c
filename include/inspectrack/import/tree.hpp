#pragma once
// Our own YAML tree: plain data with positions, built from yaml-cpp's event stream
// (never from YAML::Node, which follows alias cycles and keeps duplicate keys).

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "inspectrack/text/message.hpp"

namespace inspectrack::import {

// 1-based line and column; the column counts characters (code points).
struct Mark {
  int line = 0;
  int column = 0;
};

struct Node {
  enum class Type { null, scalar, sequence, mapping };

  Type type = Type::null;
  Mark mark;              // where the node starts
  std::string scalar;     // Type::scalar: the value (NFC is NOT applied here)
  bool quoted = false;    // Type::scalar: written in quotes ("none" is then text)
  bool flow = false;      // sequence/mapping written as [..] / {..}
  std::vector<Node> items;                      // Type::sequence
  std::vector<std::pair<Node, Node>> entries;   // Type::mapping, in file order; keys are scalars

  // The destructor is defined in tree.cpp, where Node is complete: with Clang and
  // libstdc++'s C++20 std::pair, an inline one needs pair<Node, Node> before it exists.
  Node() = default;
  Node(const Node&) = default;
  Node(Node&&) noexcept = default;
  Node& operator=(const Node&) = default;
  Node& operator=(Node&&) noexcept = default;
  ~Node();

  bool is_null() const { return type == Type::null; }
  bool is_scalar() const { return type == Type::scalar; }
  bool is_sequence() const { return type == Type::sequence; }
  bool is_mapping() const { return type == Type::mapping; }

  // The value under `key` in a mapping, or nullptr.
  const Node* find(std::string_view key) const;
  // The key node (for its mark) of `key` in a mapping, or nullptr.
  const Node* find_key(std::string_view key) const;
};

// "scalar", "list", "mapping", "nothing": for messages.
text::Message type_name(Node::Type t);

}  // namespace inspectrack::import
