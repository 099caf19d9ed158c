#include "inspectrack/text/collate.hpp"

#include <algorithm>
#include <stdexcept>

#include <unicode/ucol.h>
#include <unicode/ustring.h>

namespace inspectrack::text {

void Collator::Close::operator()(UCollator* c) const { ucol_close(c); }

Collator::Collator(Lang lang) {
  UErrorCode status = U_ZERO_ERROR;
  // "" is the root locale: the UCA order with no tailoring.
  collator_.reset(ucol_open(lang == Lang::vi ? "vi" : "", &status));
  if (U_FAILURE(status) || !collator_) {
    throw std::runtime_error(std::string("ICU collator: ") + u_errorName(status));
  }
}

Collator::~Collator() = default;
Collator::Collator(Collator&&) noexcept = default;
Collator& Collator::operator=(Collator&&) noexcept = default;

int Collator::compare(std::string_view a, std::string_view b) const {
  // Most comparisons in a sorted report are of a name with itself (rows of one unit).
  if (a == b) return 0;
  UErrorCode status = U_ZERO_ERROR;
  const UCollationResult r = ucol_strcollUTF8(collator_.get(), a.data(), static_cast<int32_t>(a.size()),
                                              b.data(), static_cast<int32_t>(b.size()), &status);
  if (U_SUCCESS(status) && r != UCOL_EQUAL) return r == UCOL_LESS ? -1 : 1;
  return a < b ? -1 : 1;
}

std::string Collator::sort_key(std::string_view s) const {
  // ICU reads UTF-16: convert, substituting U+FFFD for what is not UTF-8.
  std::u16string wide(s.size() + 1, u'\0');
  int32_t length = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strFromUTF8WithSub(wide.data(), static_cast<int32_t>(wide.size()), &length, s.data(),
                       static_cast<int32_t>(s.size()), 0xFFFD, nullptr, &status);
  if (U_FAILURE(status)) length = 0;
  std::string key(64, '\0');
  for (;;) {
    const int32_t needed =
        ucol_getSortKey(collator_.get(), wide.data(), length, reinterpret_cast<uint8_t*>(key.data()),
                        static_cast<int32_t>(key.size()));
    if (needed <= static_cast<int32_t>(key.size())) {
      key.resize(needed > 0 ? static_cast<std::size_t>(needed - 1) : 0);  // without its final NUL
      return key;
    }
    key.resize(static_cast<std::size_t>(needed));
  }
}

void Collator::sort(std::vector<std::string>& names) const {
  std::sort(names.begin(), names.end(),
            [this](const std::string& a, const std::string& b) { return compare(a, b) < 0; });
}

}  // namespace inspectrack::text
