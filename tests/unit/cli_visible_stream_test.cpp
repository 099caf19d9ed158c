// The stream every message to the user goes through: what reaches the terminal.

#include <doctest/doctest.h>

#include <ostream>
#include <sstream>
#include <string>

#include "../../src/cli/visible_stream.hpp"

using inspectrack::cli::VisibleStreambuf;

TEST_CASE("visible stream: a control character in a value is shown as an escape, line feeds kept") {
  std::ostringstream target;
  {
    VisibleStreambuf buffer(target);
    std::ostream out(&buffer);
    out << "inspectrack: unknown unit 'xa\x1b]0;owned\x07'\n" << "second line\n";
  }
  CHECK(target.str() == "inspectrack: unknown unit 'xa\\e]0;owned\\x07'\nsecond line\n");
}

TEST_CASE("visible stream: a line is written when its line feed is, the rest when the buffer goes") {
  std::ostringstream target;
  {
    VisibleStreambuf buffer(target);
    std::ostream out(&buffer);
    out << "whole line\npart";
    CHECK(target.str() == "whole line\n");
    out << std::flush;  // a flush writes whole lines only
    CHECK(target.str() == "whole line\n");
  }
  CHECK(target.str() == "whole line\npart");
}

TEST_CASE("visible stream: a character written byte by byte is not split into invalid bytes") {
  std::ostringstream target;
  {
    VisibleStreambuf buffer(target);
    std::ostream out(&buffer);
    const std::string word = "Đồng Tâm\n";
    for (char c : word) out.put(c);
  }
  CHECK(target.str() == "Đồng Tâm\n");
}
