#include "inspectrack/app/spool.hpp"

namespace inspectrack::app {

Spool::Spool() : file_(std::tmpfile()) {}

Spool::~Spool() {
  if (file_ != nullptr) std::fclose(file_);
}

void Spool::add(const std::string& text) {
  if (text.empty()) return;
  if (file_ == nullptr || std::fwrite(text.data(), 1, text.size(), file_) != text.size()) {
    memory_ += text;  // no temporary file: held, as an import of everything at once does
  }
}

void Spool::clear() {
  if (file_ != nullptr) std::fclose(file_);
  file_ = std::tmpfile();
  memory_.clear();
}

void Spool::copy_to(std::ostream& out) {
  if (file_ != nullptr) {
    std::fflush(file_);
    std::rewind(file_);
    char buffer[64 * 1024];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, file_)) > 0) {
      out.write(buffer, static_cast<std::streamsize>(n));
    }
  }
  out << memory_;
}

}  // namespace inspectrack::app
