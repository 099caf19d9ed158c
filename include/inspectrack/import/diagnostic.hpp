#pragma once
// Errors found in input files, collected so that every one is reported, not only
// the first (SPEC §3: an import is all or nothing, and lists every error).

#include <string>
#include <vector>

namespace inspectrack::import {

// A place in a file. Lines and columns are 1-based; columns count characters
// (code points), not bytes. line == 0 means the file as a whole.
struct Position {
  std::string file;
  int line = 0;
  int column = 0;
};

struct Diagnostic {
  Position where;
  std::string message;  // in the user's language, lowercase, no final period
};

// "FILE:LINE:COLUMN: error: MESSAGE" (or "FILE: error: MESSAGE" for line 0),
// with "lỗi" for "error" in Vietnamese.
std::string format(const Diagnostic& d, bool vietnamese);

class Diagnostics {
 public:
  void error(Position where, std::string message);
  bool empty() const { return list_.empty(); }
  std::size_t size() const { return list_.size(); }
  const std::vector<Diagnostic>& list() const { return list_; }
  // Sorted by file (in the order first seen), line, column; stable otherwise.
  std::vector<Diagnostic> sorted() const;

 private:
  std::vector<Diagnostic> list_;
};

}  // namespace inspectrack::import
