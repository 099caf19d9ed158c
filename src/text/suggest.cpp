#include "inspectrack/text/suggest.hpp"

#include <algorithm>
#include <numeric>

#include "inspectrack/text/utf8.hpp"

namespace inspectrack::text {

namespace {

// Code points of `s`; a byte that is not valid UTF-8 stands for itself.
std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const CodePoint c = code_point_at(s, i);
    if (c.length == 0) {
      out.push_back(static_cast<char32_t>(0xDC00 + static_cast<unsigned char>(s[i])));  // never a real code point
      ++i;
    } else {
      out.push_back(c.value);
      i += c.length;
    }
  }
  return out;
}

std::size_t distance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  return distance(code_points(a), code_points(b));
}

std::optional<std::string> nearest(std::string_view word,
                                   const std::vector<std::string>& candidates) {
  // A word or candidate this long was not mistyped from the other: no suggestion,
  // and no quadratic distance over megabytes of a generated file.
  constexpr std::size_t kLongest = 64;
  if (word.size() > 4 * kLongest) return std::nullopt;
  const std::u32string w = code_points(word);
  if (w.size() > kLongest) return std::nullopt;
  const std::size_t limit = std::max<std::size_t>(1, w.size() / 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    if (candidate.size() > 4 * kLongest) continue;
    const std::u32string c = code_points(candidate);
    // The distance is at least the difference in length.
    if (c.size() > kLongest || (c.size() > w.size() ? c.size() - w.size() : w.size() - c.size()) >=
                                   best_distance) {
      continue;
    }
    const std::size_t d = distance(w, c);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

}  // namespace inspectrack::text
