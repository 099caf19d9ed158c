#include "reader.hpp"

#include <algorithm>
#include <cstdio>
#include <string_view>

namespace inspectrack::app {

bool looks_like_progress(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  char buffer[4096];
  const std::size_t n = std::fread(buffer, 1, sizeof buffer, f);
  std::fclose(f);
  std::string_view text(buffer, n);
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    const std::size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line[first] == '#') continue;
    return line.starts_with("progress:");
  }
  return false;
}

Reader::Reader(const std::vector<std::string>& files, const import::Limits& limits,
               bool defer_progress)
    : channel_(2),
      thread_([this, files, limits, defer_progress] { run(files, limits, defer_progress); }) {}

Reader::~Reader() {
  channel_.close();
  thread_.join();
}

void Reader::recycle(LoadedFile&& spent) noexcept {
  try {
    std::lock_guard lock(spent_mutex_);
    spent_.push_back(std::move(spent));
  } catch (...) {
  }
}

void Reader::free_spent() {
  std::vector<LoadedFile> spent;
  std::lock_guard lock(spent_mutex_);
  spent.swap(spent_);
  // `spent` goes out of scope after the lock is released (declared before it).
}

void Reader::run(const std::vector<std::string>& files,
                 const import::Limits& limits, bool defer_progress) {
  for (const std::string& file : files) {
    free_spent();
    LoadedFile loaded;
    loaded.path = file;
    loaded.progress = defer_progress && looks_like_progress(file);
    if (!loaded.progress) {
      try {
        loaded.doc = import::load_document(file, limits, loaded.diags);
      } catch (...) {
        loaded.error = std::current_exception();
      }
    }
    const bool failed = loaded.error != nullptr;
    if (!channel_.push(std::move(loaded)) || failed) break;
  }
  channel_.done();
}

}  // namespace inspectrack::app
