#include "inspectrack/model/office.hpp"

#include <array>
#include <cctype>
#include <string>

namespace inspectrack::model {
namespace {

// In the enum's order; none is printed as nothing.
constexpr std::array<std::string_view, 6> kPrinted = {"", "TM.", "KT.", "TL.", "TUQ.", "Q."};

}  // namespace

std::string_view to_string(SigningAuthority authority) {
  return kPrinted.at(static_cast<std::size_t>(authority));
}

std::optional<SigningAuthority> parse_signing_authority(std::string_view s) {
  std::string word;
  for (const char c : s) word += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (word.empty() || word == "NONE") return SigningAuthority::none;
  if (word.back() != '.') word += '.';
  for (std::size_t i = 1; i < kPrinted.size(); ++i) {
    if (word == kPrinted[i]) return static_cast<SigningAuthority>(i);
  }
  return std::nullopt;
}

}  // namespace inspectrack::model
