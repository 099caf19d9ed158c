#pragma once
// The stream every message to the user goes through: errors, warnings, diagnostics
// and CLI11's own messages alike quote values from files, options, the environment
// and the database, and none of them may reach the terminal raw. Private to the cli
// module.

#include <ostream>
#include <streambuf>
#include <string>

namespace inspectrack::cli {

// Writes to `target` line by line, each line through text::visible: control
// characters (an escape sequence that would retitle or clear the terminal), invalid
// UTF-8 and bidirectional controls are shown as escapes; line feeds are kept. A line
// is written when its LF is; the rest when the buffer is destroyed.
class VisibleStreambuf : public std::streambuf {
 public:
  explicit VisibleStreambuf(std::ostream& target) : target_(target) {}
  VisibleStreambuf(const VisibleStreambuf&) = delete;
  VisibleStreambuf& operator=(const VisibleStreambuf&) = delete;
  ~VisibleStreambuf() override;

 protected:
  int_type overflow(int_type ch) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  // Writes the whole lines held (all that is held when `all`).
  void write_out(bool all);

  std::ostream& target_;
  std::string pending_;  // bytes not written yet: at most the start of one line
};

}  // namespace inspectrack::cli
