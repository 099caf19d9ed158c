#pragma once
// "Did you mean …?" suggestions.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace inspectrack::text {

// Levenshtein distance in code points.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word`, if it is close enough to be a plausible typo
// (distance at most max(1, len/3)); ties go to the earlier candidate.
std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace inspectrack::text
