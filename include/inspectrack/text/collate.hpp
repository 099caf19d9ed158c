#pragma once
// The order of people's names in a language: the Unicode Collation Algorithm with
// CLDR's tailoring, by ICU. Vietnamese: Ă Â after A, Đ after D, Ê after E, Ô Ơ after
// O, Ư after U, tone marks compared only when the letters are equal.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "inspectrack/text/lang.hpp"

struct UCollator;

namespace inspectrack::text {

class Collator {
 public:
  // Vietnamese uses ICU's `vi` collation, English the root collation. Throws
  // std::runtime_error only when ICU has no data for it (a broken installation).
  explicit Collator(Lang lang);
  ~Collator();
  Collator(Collator&&) noexcept;
  Collator& operator=(Collator&&) noexcept;
  Collator(const Collator&) = delete;
  Collator& operator=(const Collator&) = delete;

  // Negative, zero or positive as `a` sorts before, with or after `b` (UTF-8; an
  // invalid byte counts as U+FFFD). Texts equal in the collation but not in bytes
  // (NFC against NFD) compare by their bytes, so that the order is total.
  int compare(std::string_view a, std::string_view b) const;
  // A byte string whose memcmp order is compare()'s order, ties by bytes aside.
  std::string sort_key(std::string_view s) const;
  bool operator()(std::string_view a, std::string_view b) const { return compare(a, b) < 0; }

  // Sorts `names` in place by compare().
  void sort(std::vector<std::string>& names) const;

 private:
  struct Close {
    void operator()(UCollator* c) const;
  };
  std::unique_ptr<UCollator, Close> collator_;
};

}  // namespace inspectrack::text
