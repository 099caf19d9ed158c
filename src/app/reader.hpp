#pragma once
// The files of an import read and parsed on a thread of their own, handed over in
// order. Private to the app module.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "inspectrack/import/document.hpp"
#include "inspectrack/import/source.hpp"

namespace inspectrack::app {

// Items handed from one thread to another, in order, at most `capacity` waiting.
template <typename T>
class Channel {
 public:
  explicit Channel(std::size_t capacity) : capacity_(capacity) {}

  // False once the consumer gave up (close()): stop producing.
  bool push(T item) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return closed_ || queue_.size() < capacity_; });
    if (closed_) return false;
    queue_.push_back(std::move(item));
    not_empty_.notify_one();
    return true;
  }
  // The next item; nullopt when the producer is done and nothing is left.
  std::optional<T> pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return done_ || !queue_.empty(); });
    if (queue_.empty()) return std::nullopt;
    T item = std::move(queue_.front());
    queue_.pop_front();
    not_full_.notify_one();
    return item;
  }
  // The producer has nothing more.
  void done() {
    std::lock_guard lock(mutex_);
    done_ = true;
    not_empty_.notify_all();
  }
  // The consumer wants nothing more.
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_full_.notify_all();
  }

 private:
  std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable not_full_, not_empty_;
  std::deque<T> queue_;
  bool done_ = false;
  bool closed_ = false;
};

struct LoadedFile {
  std::string path;
  std::optional<import::Document> doc;
  import::Diagnostics diags;
  std::exception_ptr error;  // the file could not be read (66): rethrown in order
  bool progress = false;     // looks like a progress file: left to be read at the end
};

// Whether the file's first key is `progress:` (after a BOM, blank and comment lines).
// Only saves reading it twice: a file that says so wrongly is read at the end anyway.
bool looks_like_progress(const std::string& path);

// Reads and parses `files` on a thread of its own, a couple of files ahead of the
// caller: parsing and SQLite each keep one core busy, and memory holds a few files,
// never all of them. With `defer_progress`, a file that looks like a progress file
// is not read (LoadedFile::progress): its entries apply after every inspection, so
// it is read when they do. Reading stops after a file that could not be read.
class Reader {
 public:
  Reader(const std::vector<std::string>& files, const import::Limits& limits,
         bool defer_progress);
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  // The next file, in the order given; nullopt after the last.
  std::optional<LoadedFile> next() { return channel_.pop(); }

  // A file the caller is done with, freed on the reader's thread (before it reads the
  // next), where it was allocated: the thread that stores has the more to do.
  // Never throws (a file it cannot hand over is freed here).
  void recycle(LoadedFile&& spent) noexcept;

 private:
  void free_spent();
  void run(const std::vector<std::string>& files, const import::Limits& limits,
           bool defer_progress);

  std::mutex spent_mutex_;
  std::vector<LoadedFile> spent_;  // recycled, not yet freed
  Channel<LoadedFile> channel_;
  std::thread thread_;  // last: starts once the members it uses are there
};

}  // namespace inspectrack::app
