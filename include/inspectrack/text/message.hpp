#pragma once
// A message to the user as an id and arguments, translated only where it is shown.
// The id is the English text, a fmt format string with numbered placeholders
// ("unknown unit '{0}'") checked against the arguments at compile time; the
// Vietnamese wording is in the catalog (src/text/po/vi.po), looked up by that id.

#include <fmt/format.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "inspectrack/text/lang.hpp"

namespace inspectrack::text {

// A calendar day inside a message: 2021-07-31 in English, 31/07/2021 in
// Vietnamese, as each language's readers write dates.
struct Day {
  int year = 1970;
  int month = 1;
  int day = 1;
  bool operator==(const Day&) const = default;
};

class Message {
 public:
  using Nested = std::shared_ptr<const Message>;
  using Arg = std::variant<std::string, std::int64_t, std::uint64_t, double, Day, Nested>;

  // A message with arguments; `id` must be a string literal (the catalog key).
  template <typename... Args>
  Message(fmt::format_string<Args...> id, Args&&... args) : id_(view(id)), verbatim_(false) {
    args_.reserve(sizeof...(Args));
    (args_.push_back(to_arg(std::forward<Args>(args))), ...);
  }

  // The same, in a catalog context, for a short id that reads differently elsewhere
  // ("open" as a task's state in a sentence).
  template <typename... Args>
  static Message with_context(const char* context, fmt::format_string<Args...> id, Args&&... args) {
    Message m(id, std::forward<Args>(args)...);
    m.context_ = context;
    return m;
  }

  // No text: shown as "" in every language.
  Message() = default;

  // Text already in its final form (a system's own message, or wording a module
  // not yet converted translated itself): shown as is in every language.
  static Message verbatim(std::string text);

  std::string_view id() const { return id_; }
  std::string_view context() const { return context_; }
  bool is_verbatim() const { return verbatim_; }
  const std::vector<Arg>& args() const { return args_; }

  // The message in English (what() of an error, logs, tests).
  std::string english() const;

  bool operator==(const Message& other) const;

 private:
  static std::string_view view(fmt::string_view id) { return {id.data(), id.size()}; }

  template <typename T>
  static Arg to_arg(T&& value) {
    using V = std::remove_cvref_t<T>;
    if constexpr (std::is_same_v<V, Message>) {
      return std::make_shared<const Message>(std::forward<T>(value));
    } else if constexpr (std::is_same_v<V, Day>) {
      return value;
    } else if constexpr (std::is_same_v<V, bool>) {
      static_assert(!std::is_same_v<V, bool>, "a message argument is a word, not a bool");
    } else if constexpr (std::is_integral_v<V> && std::is_signed_v<V>) {
      return static_cast<std::int64_t>(value);
    } else if constexpr (std::is_integral_v<V>) {
      return static_cast<std::uint64_t>(value);
    } else if constexpr (std::is_floating_point_v<V>) {
      return static_cast<double>(value);
    } else if constexpr (std::is_convertible_v<const V&, std::string_view>) {
      return std::string(std::string_view(value));
    } else {
      return fmt::format("{}", std::forward<T>(value));  // the same in every language (fmt::join)
    }
  }

  std::string_view id_;
  const char* context_ = "";
  bool verbatim_ = true;
  std::vector<Arg> args_;
};

// The message in `lang`: the catalog's wording of its id (the id itself in
// English, or when the catalog lacks it), with nested messages and days shown in
// `lang` too.
std::string translate(Lang lang, const Message& message);

}  // namespace inspectrack::text

// So that fmt checks placeholders of ids that take a nested message or a day; the
// text they format to at run time comes from translate(), never from these.
template <>
struct fmt::formatter<inspectrack::text::Message> : fmt::formatter<std::string_view> {
  auto format(const inspectrack::text::Message& m, fmt::format_context& ctx) const {
    return fmt::formatter<std::string_view>::format(m.english(), ctx);
  }
};

template <>
struct fmt::formatter<inspectrack::text::Day> : fmt::formatter<std::string_view> {
  auto format(const inspectrack::text::Day& d, fmt::format_context& ctx) const {
    return fmt::formatter<std::string_view>::format(fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day),
                                                    ctx);
  }
};
