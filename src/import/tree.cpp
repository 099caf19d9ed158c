#include "inspectrack/import/tree.hpp"

namespace inspectrack::import {

namespace {

const std::pair<Node, Node>* find_entry(const Node& map, std::string_view key) {
  if (!map.is_mapping()) return nullptr;
  for (const auto& entry : map.entries) {
    if (entry.first.is_scalar() && entry.first.scalar == key) return &entry;
  }
  return nullptr;
}

}  // namespace

Node::~Node() = default;

const Node* Node::find(std::string_view key) const {
  const auto* entry = find_entry(*this, key);
  return entry != nullptr ? &entry->second : nullptr;
}

const Node* Node::find_key(std::string_view key) const {
  const auto* entry = find_entry(*this, key);
  return entry != nullptr ? &entry->first : nullptr;
}

text::Message type_name(Node::Type t) {
  switch (t) {
    case Node::Type::null:
      return text::Message::with_context("YAML node", "nothing");
    case Node::Type::scalar:
      return text::Message::with_context("YAML node", "scalar");
    case Node::Type::sequence:
      return text::Message::with_context("YAML node", "list");
    case Node::Type::mapping:
      return text::Message::with_context("YAML node", "mapping");
  }
  return text::Message::verbatim("?");
}

}  // namespace inspectrack::import
