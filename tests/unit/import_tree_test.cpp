#include <doctest/doctest.h>

#include <string>

#include "inspectrack/import/tree.hpp"

using inspectrack::import::Node;
using inspectrack::import::type_name;
using inspectrack::text::Lang;
using inspectrack::text::translate;

namespace {

Node scalar(const std::string& value, int line, int column) {
  Node n;
  n.type = Node::Type::scalar;
  n.scalar = value;
  n.mark = {line, column};
  return n;
}

}  // namespace

TEST_CASE("Node::find and find_key look a key up in a mapping") {
  Node map;
  map.type = Node::Type::mapping;
  map.entries.emplace_back(scalar("key", 1, 1), scalar("bau-can", 1, 6));
  map.entries.emplace_back(scalar("due", 2, 1), Node{});

  REQUIRE(map.find("key") != nullptr);
  CHECK(map.find("key")->scalar == "bau-can");
  CHECK(map.find("key")->mark.column == 6);
  REQUIRE(map.find_key("key") != nullptr);
  CHECK(map.find_key("key")->mark.column == 1);
  REQUIRE(map.find("due") != nullptr);
  CHECK(map.find("due")->is_null());
  CHECK(map.find_key("due")->mark.line == 2);
  CHECK(map.find("Key") == nullptr);
  CHECK(map.find_key("missing") == nullptr);

  SUBCASE("a non-mapping has no keys") {
    Node list;
    list.type = Node::Type::sequence;
    CHECK(list.find("key") == nullptr);
    CHECK(scalar("key", 1, 1).find("key") == nullptr);
  }
}

TEST_CASE("type_name names node types for messages") {
  CHECK(translate(Lang::en, type_name(Node::Type::null)) == "nothing");
  CHECK(translate(Lang::en, type_name(Node::Type::scalar)) == "scalar");
  CHECK(translate(Lang::en, type_name(Node::Type::sequence)) == "list");
  CHECK(translate(Lang::en, type_name(Node::Type::mapping)) == "mapping");
  CHECK(translate(Lang::vi, type_name(Node::Type::sequence)) == "danh sách");
  CHECK(translate(Lang::vi, type_name(Node::Type::null)) == "không có gì");
}
