#include "inspectrack/text/collate.hpp"

#include <algorithm>
#include <stdexcept>

#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include "inspectrack/text/shared_library.hpp"

// ICU is loaded by the first collator (see shared_library.hpp); its headers rename
// each function for its version (ucol_open is ucol_open_72), and so the names looked
// up, through INSPECTRACK_NAME's expansion of the macro.
#define INSPECTRACK_ICU_FUNCTIONS(X) \
  X(ucol_open) X(ucol_close) X(ucol_strcollUTF8) X(ucol_getSortKey) X(u_strFromUTF8WithSub) X(u_errorName)
#define INSPECTRACK_NAME(name) INSPECTRACK_QUOTE(name)
#define INSPECTRACK_QUOTE(name) #name

namespace inspectrack::text {

namespace {

struct Icu {
#define INSPECTRACK_POINTER(name) decltype(&::name) name;
  INSPECTRACK_ICU_FUNCTIONS(INSPECTRACK_POINTER)
#undef INSPECTRACK_POINTER
};

void look_up(const SharedLibrary& library, Icu& f) {
#define INSPECTRACK_LOOKUP(name) f.name = library.function<decltype(f.name)>(INSPECTRACK_NAME(name));
  INSPECTRACK_ICU_FUNCTIONS(INSPECTRACK_LOOKUP)
#undef INSPECTRACK_LOOKUP
}

const Icu& icu() { return functions<Icu>(INSPECTRACK_ICU_SONAME, INSPECTRACK_ICU_PACKAGE, look_up); }

}  // namespace

void Collator::Close::operator()(UCollator* c) const { icu().ucol_close(c); }

Collator::Collator(Lang lang) {
  const Icu& f = icu();
  UErrorCode status = U_ZERO_ERROR;
  // "" is the root locale: the UCA order with no tailoring.
  collator_.reset(f.ucol_open(lang == Lang::vi ? "vi" : "", &status));
  if (U_FAILURE(status) || !collator_) {
    throw std::runtime_error(std::string("ICU collator: ") + f.u_errorName(status));
  }
}

Collator::~Collator() = default;
Collator::Collator(Collator&&) noexcept = default;
Collator& Collator::operator=(Collator&&) noexcept = default;

int Collator::compare(std::string_view a, std::string_view b) const {
  // Most comparisons in a sorted report are of a name with itself (rows of one unit).
  if (a == b) return 0;
  UErrorCode status = U_ZERO_ERROR;
  const UCollationResult r = icu().ucol_strcollUTF8(collator_.get(), a.data(), static_cast<int32_t>(a.size()),
                                                    b.data(), static_cast<int32_t>(b.size()), &status);
  if (U_SUCCESS(status) && r != UCOL_EQUAL) return r == UCOL_LESS ? -1 : 1;
  return a < b ? -1 : 1;
}

std::string Collator::sort_key(std::string_view s) const {
  // ICU reads UTF-16: convert, substituting U+FFFD for what is not UTF-8.
  std::u16string wide(s.size() + 1, u'\0');
  int32_t length = 0;
  UErrorCode status = U_ZERO_ERROR;
  const Icu& f = icu();
  f.u_strFromUTF8WithSub(wide.data(), static_cast<int32_t>(wide.size()), &length, s.data(),
                         static_cast<int32_t>(s.size()), 0xFFFD, nullptr, &status);
  if (U_FAILURE(status)) length = 0;
  std::string key(64, '\0');
  for (;;) {
    const int32_t needed =
        f.ucol_getSortKey(collator_.get(), wide.data(), length, reinterpret_cast<uint8_t*>(key.data()),
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
