#include <doctest/doctest.h>

#include "inspectrack/model/task.hpp"
#include "inspectrack/model/unit.hpp"

using namespace inspectrack::model;

TEST_CASE("a task's full key is INSPECTION/TASK@ASSIGNEE") {
  Task t;
  t.inspection = "gia-lai-cchc-2021-chu-prong";
  t.key = "bao-cao-khac-phuc";
  t.assignee = "bau-can";
  CHECK(t.full_key() == "gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@bau-can");
  const auto k = parse_task_key(t.full_key());
  REQUIRE(k);
  CHECK(k->inspection == t.inspection);
  CHECK(k->task == t.key);
  CHECK(k->assignee == t.assignee);
}

TEST_CASE("parse_task_key rejects other shapes") {
  for (const char* s : {"", "a", "a/b", "a@b", "/b@c", "a/@c", "a/b@", "a@b/c"}) {
    CAPTURE(s);
    CHECK_FALSE(parse_task_key(s));
  }
}

TEST_CASE("enum names round trip") {
  for (const auto& name : status_names()) CHECK(to_string(*parse_status(name)) == name);
  for (const auto& name : unit_kind_names()) CHECK(to_string(*parse_unit_kind(name)) == name);
  CHECK_FALSE(parse_status("Open"));
  CHECK_FALSE(parse_unit_kind("xa"));
}
