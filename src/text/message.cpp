#include "inspectrack/text/message.hpp"

#include <fmt/args.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "inspectrack/catalog_vi.hpp"

namespace inspectrack::text {

namespace {

// The compiled catalog as msgfmt writes it (GNU .mo): a header, then two tables of
// (length, offset) pairs, the originals sorted bytewise, so a lookup is a binary
// search. Read here rather than through gettext(3) so that it works whatever
// locales the machine has installed.
class MoCatalog {
 public:
  explicit MoCatalog(std::string_view bytes) : bytes_(bytes) {
    if (bytes_.size() < 28) return;
    const std::uint32_t magic = raw(0);
    if (magic == 0x950412deU) {
      swapped_ = false;
    } else if (magic == 0xde120495U) {
      swapped_ = true;
    } else {
      return;
    }
    count_ = word(8);
    originals_ = word(12);
    translations_ = word(16);
    valid_ = static_cast<std::uint64_t>(originals_) + 8ULL * count_ <= bytes_.size() &&
             static_cast<std::uint64_t>(translations_) + 8ULL * count_ <= bytes_.size();
  }

  std::optional<std::string_view> find(std::string_view key) const {
    if (!valid_) return std::nullopt;
    std::uint32_t lo = 0, hi = count_;
    while (lo < hi) {
      const std::uint32_t mid = lo + (hi - lo) / 2;
      const std::string_view original = string_at(originals_ + 8 * mid);
      if (original == key) return string_at(translations_ + 8 * mid);
      if (original < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return std::nullopt;
  }

 private:
  std::uint32_t raw(std::size_t at) const {
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i)
      v = (v << 8) | static_cast<unsigned char>(bytes_[at + static_cast<std::size_t>(i)]);
    return v;
  }
  std::uint32_t word(std::size_t at) const {
    const std::uint32_t v = raw(at);
    if (!swapped_) return v;
    return (v >> 24) | ((v >> 8) & 0xff00U) | ((v << 8) & 0xff0000U) | (v << 24);
  }
  std::string_view string_at(std::size_t entry) const {
    const std::uint32_t length = word(entry);
    const std::uint32_t offset = word(entry + 4);
    if (static_cast<std::uint64_t>(offset) + length > bytes_.size()) return {};
    return bytes_.substr(offset, length);
  }

  std::string_view bytes_;
  bool swapped_ = false;
  bool valid_ = false;
  std::uint32_t count_ = 0;
  std::uint32_t originals_ = 0;
  std::uint32_t translations_ = 0;
};

const MoCatalog& vietnamese() {
  static const MoCatalog catalog(std::string_view(reinterpret_cast<const char*>(catalog_data::kVietnamese),
                                                  sizeof catalog_data::kVietnamese));
  return catalog;
}

// The wording of `m`'s id in `lang`; the id itself when there is none.
std::string_view wording(Lang lang, const Message& m) {
  if (lang == Lang::en) return m.id();
  std::string key;
  if (!m.context().empty()) {
    key.append(m.context());
    key.push_back('\x04');  // gettext's separator of a context and an id
  }
  key.append(m.id());
  const auto found = vietnamese().find(key);
  return found && !found->empty() ? *found : m.id();
}

std::string show_day(Lang lang, const Day& d) {
  return lang == Lang::vi ? fmt::format("{:02}/{:02}/{:04}", d.day, d.month, d.year)
                          : fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

std::string format_in(Lang lang, std::string_view format, const Message& m) {
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const Message::Arg& arg : m.args()) {
    std::visit(
        [&](const auto& v) {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, Message::Nested>) {
            store.push_back(translate(lang, *v));
          } else if constexpr (std::is_same_v<V, Day>) {
            store.push_back(show_day(lang, v));
          } else {
            store.push_back(v);
          }
        },
        arg);
  }
  return fmt::vformat(fmt::string_view(format.data(), format.size()), store);
}

}  // namespace

Message Message::verbatim(std::string text) {
  Message m;
  m.verbatim_ = true;
  m.args_.emplace_back(std::move(text));
  return m;
}

std::string Message::english() const { return translate(Lang::en, *this); }

bool Message::operator==(const Message& other) const {
  if (verbatim_ != other.verbatim_ || id_ != other.id_ || std::string_view(context_) != other.context_ ||
      args_.size() != other.args_.size()) {
    return false;
  }
  for (std::size_t i = 0; i < args_.size(); ++i) {
    const Arg& a = args_[i];
    const Arg& b = other.args_[i];
    if (a.index() != b.index()) return false;
    const auto* na = std::get_if<Nested>(&a);
    if (na ? !(**na == *std::get<Nested>(b)) : a != b) return false;
  }
  return true;
}

std::string translate(Lang lang, const Message& message) {
  if (message.is_verbatim()) {
    return message.args().empty() ? std::string() : std::get<std::string>(message.args().front());
  }
  const std::string_view format = wording(lang, message);
  try {
    return format_in(lang, format, message);
  } catch (const fmt::format_error&) {
    // The build and the catalog test check every wording's placeholders; a
    // catalog that still slips through shows the English rather than failing.
    if (format == message.id()) throw;
    return format_in(lang, message.id(), message);
  }
}

}  // namespace inspectrack::text
