#pragma once
// Text kept until what must come before it is known: an import's change lines wait
// for its summary line, and an import of a million tasks prints a million lines.

#include <cstdio>
#include <ostream>
#include <string>

namespace inspectrack::app {

// Lines kept in a temporary file (in memory when none can be made).
class Spool {
 public:
  Spool();
  ~Spool();
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;

  // Keeps `text` after what was added before.
  void add(const std::string& text);
  // Forgets everything added.
  void clear();
  // Writes everything added, in order, to `out`.
  void copy_to(std::ostream& out);

 private:
  std::FILE* file_;
  std::string memory_;
};

}  // namespace inspectrack::app
