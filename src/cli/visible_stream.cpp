#include "visible_stream.hpp"

#include "inspectrack/text/visible.hpp"

namespace inspectrack::cli {

VisibleStreambuf::~VisibleStreambuf() {
  try {
    write_out(true);
    target_.flush();
  } catch (...) {
    // A destructor must not throw; a stream that failed has nobody left to tell.
  }
}

VisibleStreambuf::int_type VisibleStreambuf::overflow(int_type ch) {
  if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
  pending_ += traits_type::to_char_type(ch);
  if (traits_type::to_char_type(ch) == '\n') write_out(false);
  return ch;
}

std::streamsize VisibleStreambuf::xsputn(const char* s, std::streamsize n) {
  pending_.append(s, static_cast<std::size_t>(n));
  write_out(false);
  return n;
}

int VisibleStreambuf::sync() {
  // Only whole lines: a flush in the middle of a character must not split it.
  write_out(false);
  target_.flush();
  return target_ ? 0 : -1;
}

void VisibleStreambuf::write_out(bool all) {
  const std::size_t end = all ? pending_.size() : pending_.rfind('\n') + 1;  // npos + 1 == 0
  if (end == 0) return;
  target_ << text::visible(std::string_view(pending_).substr(0, end));
  pending_.erase(0, end);
}

}  // namespace inspectrack::cli
