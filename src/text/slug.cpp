#include "inspectrack/text/slug.hpp"

#include <array>

#include <utf8proc.h>

#include "inspectrack/text/utf8.hpp"

namespace inspectrack::text {

namespace {

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

bool is_slug_char(char c) { return is_lower_alnum(c) || c == '.' || c == '_' || c == '-'; }

bool is_mark(utf8proc_int32_t cp) {
  const utf8proc_category_t category = utf8proc_category(cp);
  return category == UTF8PROC_CATEGORY_MN || category == UTF8PROC_CATEGORY_MC ||
         category == UTF8PROC_CATEGORY_ME;
}

// The slug character for one code point of the compatibility decomposition, or
// '-' when it has none.
char slug_char(utf8proc_int32_t cp) {
  if (cp == 0x0110 || cp == 0x0111) return 'd';  // Đ, đ have no decomposition
  if (cp >= 'A' && cp <= 'Z') return static_cast<char>(cp - 'A' + 'a');
  if (cp < 0x80 && is_slug_char(static_cast<char>(cp))) return static_cast<char>(cp);
  return '-';
}

class SlugBuilder {
 public:
  void add(char c) {
    if (c == '-' && !out_.empty() && out_.back() == '-') return;
    out_.push_back(c);
  }

  // Leading and trailing '-', '.', '_' go so that the slug starts with [a-z0-9].
  std::string finish() && {
    const auto begin = out_.find_first_not_of("-._");
    if (begin == std::string::npos) return {};
    const auto end = out_.find_last_not_of("-._");
    return out_.substr(begin, end - begin + 1);
  }

 private:
  std::string out_;
};

}  // namespace

bool is_slug(std::string_view s) {
  if (s.empty() || !is_lower_alnum(s.front())) return false;
  for (const char c : s) {
    if (!is_slug_char(c)) return false;
  }
  return true;
}

std::string slugify(std::string_view s) {
  SlugBuilder slug;
  for (std::size_t i = 0; i < s.size();) {
    const CodePoint c = code_point_at(s, i);
    if (c.length == 0) {
      slug.add('-');
      ++i;
      continue;
    }
    i += c.length;
    std::array<utf8proc_int32_t, 32> parts{};
    int boundclass = 0;
    const utf8proc_ssize_t n = utf8proc_decompose_char(
        static_cast<utf8proc_int32_t>(c.value), parts.data(), static_cast<utf8proc_ssize_t>(parts.size()),
        static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT), &boundclass);
    if (n < 0 || n > static_cast<utf8proc_ssize_t>(parts.size())) {
      slug.add('-');
      continue;
    }
    for (utf8proc_ssize_t k = 0; k < n; ++k) {
      const auto part = parts[static_cast<std::size_t>(k)];
      if (!is_mark(part)) slug.add(slug_char(part));
    }
  }
  return std::move(slug).finish();
}

}  // namespace inspectrack::text
