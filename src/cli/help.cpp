#include "help.hpp"

#include <algorithm>
#include <charconv>
#include <memory>
#include <string_view>

#include <fmt/format.h>

#include "inspectrack/text/message.hpp"
#include "inspectrack/text/suggest.hpp"
#include "inspectrack/text/utf8.hpp"

namespace inspectrack::cli {
namespace {

using text::Message;

std::string lower_ascii(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::string quoted_list(const std::vector<std::string>& words) {
  std::vector<std::string> quoted;
  quoted.reserve(words.size());
  for (const auto& w : words) quoted.push_back("'" + w + "'");
  return fmt::format("{}", fmt::join(quoted, ", "));
}

// The words after CLI11's "…not expected: ", in the order they were typed (CLI11
// lists them last first).
std::vector<std::string> unexpected_words(const std::string& what) {
  constexpr std::string_view kMark = "expected: ";
  const auto at = what.find(kMark);
  std::vector<std::string> words;
  if (at == std::string::npos) return words;
  std::string_view rest = std::string_view(what).substr(at + kMark.size());
  while (!rest.empty()) {
    const auto space = rest.find(' ');
    words.emplace_back(rest.substr(0, space));
    if (space == std::string_view::npos) break;
    rest.remove_prefix(space + 1);
  }
  std::reverse(words.begin(), words.end());
  return words;
}

// The long options `app` and the commands parsed under it take, "--name".
std::vector<std::string> option_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : app.get_options()) {
    for (const auto& name : opt->get_lnames()) names.push_back("--" + name);
  }
  for (const CLI::App* sub : app.get_subcommands()) {
    const auto more = option_names(*sub);
    names.insert(names.end(), more.begin(), more.end());
  }
  return names;
}

std::string extras_message(const std::string& what, const CLI::App& app, text::Lang lang) {
  const std::vector<std::string> words = unexpected_words(what);
  if (words.empty()) return {};
  const std::string& first = words.front();
  if (first.size() > 1 && first[0] == '-') {
    std::string message = text::translate(lang, Message("unknown option '{0}'", first));
    if (const auto near = text::nearest(first, option_names(app))) {
      message += text::translate(lang, Message("; did you mean '{0}'?", *near));
    }
    return message;
  }
  if (words.size() == 1) return text::translate(lang, Message("unexpected argument '{0}'", first));
  return text::translate(lang, Message("unexpected arguments: {0}", quoted_list(words)));
}

// "NAME: …" or "NAME is required": the NAME.
std::string name_before(const std::string& what, std::string_view end) {
  const auto at = what.find(end);
  return at == std::string::npos ? std::string() : what.substr(0, at);
}

}  // namespace

HelpFormatter::HelpFormatter(text::Lang lang) {
  const auto label = [&](const char* key, const Message& message) {
    this->label(key, text::translate(lang, message));
  };
  label("Usage", Message::with_context("in --help", "Usage"));
  label("OPTIONS", Message::with_context("in --help", "OPTIONS"));
  label("SUBCOMMAND", Message::with_context("in --help", "COMMAND"));
  label("Positionals", Message::with_context("in --help", "Arguments"));
  label("REQUIRED", Message::with_context("in --help", "REQUIRED"));
  label("TEXT", Message::with_context("in --help", "TEXT"));
  label("INT", Message::with_context("in --help", "INT"));
  label("UINT", Message::with_context("in --help", "UINT"));
  column_width(30);
}

std::string HelpFormatter::make_option_opts(const CLI::Option* opt) const {
  if (opt->get_type_size() == 0) return {};
  const std::string type = opt->get_type_name();
  const auto colon = type.find(':');
  std::string out = " " + get_label(type.substr(0, colon));
  if (colon != std::string::npos) out += type.substr(colon);
  if (opt->get_expected_max() == CLI::detail::expected_max_vector_size) out += " ...";
  if (opt->get_required()) out += " " + get_label("REQUIRED");
  return out;
}

std::string HelpFormatter::make_option(const CLI::Option* opt, bool is_positional) const {
  const std::string name = make_option_name(opt, is_positional) + make_option_opts(opt);
  const std::size_t width = text::display_width(name);
  std::string out = "  " + name;
  const std::string description = make_option_desc(opt);
  if (!description.empty()) {
    if (width + 2 >= get_column_width()) {
      out += "\n" + std::string(get_column_width(), ' ');
    } else {
      out += std::string(get_column_width() - width - 2, ' ');
    }
    out += description;
  }
  return out + "\n";
}

void speak(CLI::App& app, text::Lang lang) {
  app.formatter(std::make_shared<HelpFormatter>(lang));
  app.option_defaults()->group(text::translate(lang, Message::with_context("in --help", "Options")));
  app.group(text::translate(lang, Message::with_context("in --help", "Commands")));
  app.set_help_flag("-h,--help", text::translate(lang, Message("Print this help and exit")));
}

CLI::Validator one_of(text::Lang lang, const std::vector<std::string>& words, bool ignore_case) {
  const auto check = [lang, words, ignore_case](std::string& value) -> std::string {
    const bool found = std::any_of(words.begin(), words.end(), [&](const std::string& word) {
      return ignore_case ? lower_ascii(word) == lower_ascii(value) : word == value;
    });
    if (found) return {};
    // Quoted, so that a choice of punctuation (--sep ';') reads as a value, not as the sentence's.
    std::vector<std::string> quoted;
    for (const auto& word : words) quoted.push_back(fmt::format("'{}'", word));
    std::string message =
        text::translate(lang, Message("'{0}' is not one of {1}", value, fmt::join(quoted, ", ")));
    if (const auto near = text::nearest(ignore_case ? lower_ascii(value) : value, words)) {
      message += text::translate(lang, Message("; did you mean '{0}'?", *near));
    }
    return message;
  };
  return CLI::Validator(check, fmt::format("{{{}}}", fmt::join(words, ",")));
}

CLI::Validator number_from(text::Lang lang, long long min, long long max) {
  const auto check = [lang, min, max](std::string& value) -> std::string {
    long long n = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (!value.empty() && ec == std::errc() && end == value.data() + value.size() && n >= min && n <= max) {
      return {};
    }
    return text::translate(lang, Message("'{0}' is not a whole number from {1} to {2}", value, min, max));
  };
  return CLI::Validator(check, fmt::format("[{}-{}]", min, max));
}

std::string parse_error_message(const CLI::ParseError& error, const CLI::App& app, text::Lang lang) {
  const std::string what = error.what();
  std::string message;
  if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
    message = extras_message(what, app, lang);
  } else if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr) {
    if (what.starts_with("A subcommand")) {
      message = text::translate(lang, Message("a command is required"));
    } else if (const std::string name = name_before(what, " is required"); !name.empty()) {
      message = text::translate(lang, Message("{0} is required", name));
    }
  } else if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr) {
    if (const std::string name = name_before(what, ": "); !name.empty()) {
      message = text::translate(lang, Message("{0} needs a value", name));
    }
  } else if (dynamic_cast<const CLI::ConversionError*>(&error) != nullptr) {
    // "Could not convert: NAME = VALUE"
    constexpr std::string_view kMark = "Could not convert: ";
    if (const auto eq = what.find(" = "); what.starts_with(kMark) && eq != std::string::npos) {
      message =
          text::translate(lang, Message("{0}: '{1}' is not a value it takes",
                                        what.substr(kMark.size(), eq - kMark.size()), what.substr(eq + 3)));
    }
  } else if (dynamic_cast<const CLI::ValidationError*>(&error) != nullptr) {
    message = what;  // "NAME: " and our check's own message, already in `lang`
  }
  if (message.empty()) message = what;
  // CLI11's own messages are English and capitalized; ours are lowercase.
  if (!message.empty() && message[0] >= 'A' && message[0] <= 'Z') {
    message[0] = static_cast<char>(message[0] - 'A' + 'a');
  }
  return message;
}

}  // namespace inspectrack::cli
