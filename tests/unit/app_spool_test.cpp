#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "inspectrack/app/spool.hpp"

using inspectrack::app::Spool;

TEST_CASE("Spool: keeps text in order until it is copied, forgets it when cleared") {
  Spool spool;
  spool.add("+ unit a\n");
  spool.add("");
  spool.add("+ unit b\n");
  std::ostringstream out;
  spool.copy_to(out);
  CHECK(out.str() == "+ unit a\n+ unit b\n");

  spool.clear();
  spool.add("~ unit c: name\n");
  std::ostringstream again;
  spool.copy_to(again);
  CHECK(again.str() == "~ unit c: name\n");
}

TEST_CASE("Spool: more than its copy buffer") {
  Spool spool;
  const std::string line(1000, 'x');
  for (int i = 0; i < 200; ++i) spool.add(line + "\n");
  std::ostringstream out;
  spool.copy_to(out);
  CHECK(out.str().size() == 200 * 1001);
}
