#include "inspectrack/import/diagnostic.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cstddef>
#include <map>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

namespace inspectrack::import {

std::string format(const Position& where, std::string_view label, std::string_view message) {
  if (where.line <= 0) {
    return fmt::format("{}: {}: {}", where.file, label, message);
  }
  if (where.column <= 0) {
    return fmt::format("{}:{}: {}: {}", where.file, where.line, label, message);
  }
  return fmt::format("{}:{}:{}: {}: {}", where.file, where.line, where.column, label, message);
}

void Diagnostics::error(Position where, text::Message message) {
  ++count_;
  if (++per_file_[where.file] > kMaxPerFile) return;
  list_.push_back(Diagnostic{std::move(where), std::move(message)});
}

void Diagnostics::append(const Diagnostics& other) {
  for (const Diagnostic& d : other.list_) error(d.where, d.message);
  for (const auto& [file, counted] : other.per_file_) {
    const std::size_t dropped = other.dropped(file);
    per_file_[file] += dropped;
    count_ += dropped;
  }
}

void Diagnostics::append_new(const Diagnostics& other) {
  // By place, so that two long lists are not compared error by error.
  std::multimap<std::tuple<std::string_view, int, int>, const text::Message*> here;
  for (const Diagnostic& d : list_)
    here.emplace(std::tuple(std::string_view(d.where.file), d.where.line, d.where.column), &d.message);
  std::vector<Diagnostic> fresh;
  for (const Diagnostic& d : other.list_) {
    const auto [first, last] =
        here.equal_range(std::tuple(std::string_view(d.where.file), d.where.line, d.where.column));
    if (std::none_of(first, last, [&](const auto& mine) { return *mine.second == d.message; }))
      fresh.push_back(d);
  }
  for (Diagnostic& d : fresh) error(std::move(d.where), std::move(d.message));
  for (const auto& [file, counted] : other.per_file_) {
    const std::size_t unkept = other.dropped(file);
    per_file_[file] += unkept;
    count_ += unkept;
  }
}

void Diagnostics::order_files(const std::vector<std::string>& files) {
  std::unordered_map<std::string_view, std::size_t> rank;
  for (const std::string& file : files) rank.emplace(file, rank.size());
  const auto rank_of = [&](const Diagnostic& d) {
    const auto it = rank.find(d.where.file);
    return it == rank.end() ? files.size() : it->second;
  };
  std::stable_sort(list_.begin(), list_.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return rank_of(a) < rank_of(b); });
}

std::size_t Diagnostics::dropped(const std::string& file) const {
  const auto it = per_file_.find(file);
  return it == per_file_.end() || it->second <= kMaxPerFile ? 0 : it->second - kMaxPerFile;
}

bool Diagnostics::full(const std::string& file) const {
  const auto it = per_file_.find(file);
  return it != per_file_.end() && it->second >= kMaxPerFile;
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  // Files keep the order in which they were first reported (the command-line
  // order, as the caller checks them), not alphabetical order.
  std::unordered_map<std::string, std::size_t> file_rank;
  for (const auto& d : list_) file_rank.emplace(d.where.file, file_rank.size());
  std::vector<Diagnostic> out = list_;
  std::stable_sort(out.begin(), out.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    const std::size_t fa = file_rank.at(a.where.file);
    const std::size_t fb = file_rank.at(b.where.file);
    if (fa != fb) return fa < fb;
    if (a.where.line != b.where.line) return a.where.line < b.where.line;
    return a.where.column < b.where.column;
  });
  return out;
}

}  // namespace inspectrack::import
