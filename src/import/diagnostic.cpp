#include "inspectrack/import/diagnostic.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cstddef>
#include <unordered_map>
#include <utility>

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
