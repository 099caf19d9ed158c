#include <doctest/doctest.h>

#include "inspectrack/model/due.hpp"

using namespace inspectrack::model;

TEST_CASE("every due form's name reads back as that form") {
  for (Due::Form f : {Due::Form::date, Due::Form::by, Due::Form::before, Due::Form::within,
                      Due::Form::none, Due::Form::day}) {
    CAPTURE(to_string(f));
    CHECK(parse_due_form(to_string(f)) == f);
  }
  // The database and JSON hold these exact words: a rename breaks stored data.
  CHECK(to_string(Due::Form::before) == "before");
  CHECK(to_string(Due::Form::within) == "within");
}

TEST_CASE("a due form is read exactly: no other case, no spaces, no other word") {
  CHECK_FALSE(parse_due_form("Before"));
  CHECK_FALSE(parse_due_form(" before"));
  CHECK_FALSE(parse_due_form("trước"));
  CHECK_FALSE(parse_due_form(""));
}
