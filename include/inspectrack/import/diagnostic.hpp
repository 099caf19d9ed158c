#pragma once
// Errors found in input files, collected so that every one is reported, not only
// the first (an import is all or nothing, and lists every error).

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "inspectrack/text/message.hpp"

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
  text::Message message;  // lowercase, no final period
};

// "FILE:LINE:COLUMN: LABEL: MESSAGE" (or "FILE: LABEL: MESSAGE" for line 0), with
// the label ("error") and the message already in the reader's language.
std::string format(const Position& where, std::string_view label, std::string_view message);

// Every error is counted; the first kMaxPerFile of each file are kept, so that a
// generated file with 200,000 bad values gives a page of messages, not 26 MB.
class Diagnostics {
 public:
  static constexpr std::size_t kMaxPerFile = 100;

  void error(Position where, text::Message message);
  // Adds `other`'s errors: those it kept, and the count of those it did not.
  void append(const Diagnostics& other);
  // append(), leaving out each error of `other` already here (the same place and
  // message): a file's own problems and those found resolving it may overlap.
  void append_new(const Diagnostics& other);
  // Puts the errors kept in the order of `files` (stable within a file; a file not
  // among them after those that are), so that sorted() lists the files in that order.
  void order_files(const std::vector<std::string>& files);
  bool empty() const { return count_ == 0; }
  // Every error reported, kept or not.
  std::size_t size() const { return count_; }
  // The errors kept.
  const std::vector<Diagnostic>& list() const { return list_; }
  // Errors of `file` not kept.
  std::size_t dropped(const std::string& file) const;
  // Whether `file` has its kMaxPerFile errors already: a caller may then skip work
  // (such as a "did you mean") that only serves a message nobody will see.
  bool full(const std::string& file) const;
  // The kept ones, sorted by file (in the order first seen), line, column; stable
  // otherwise.
  std::vector<Diagnostic> sorted() const;

 private:
  std::vector<Diagnostic> list_;
  std::map<std::string, std::size_t> per_file_;  // errors counted, by file
  std::size_t count_ = 0;
};

}  // namespace inspectrack::import
