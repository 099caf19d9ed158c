// The help and the usage errors, in both languages: CLI11's own words through our
// formatter and catalog, its errors mapped to our messages.

#include <doctest/doctest.h>

#include <regex>
#include <set>
#include <string>
#include <vector>

#include "cli_test_support.hpp"
#include "inspectrack/text/utf8.hpp"

using test_support::Cli;
using test_support::Ran;

namespace {

const std::vector<std::string> kCommands = {
    "template", "validate", "import",   "list",  "show",   "overdue",   "due",    "summary",
    "calendar", "workdays", "deadline", "done",  "extend", "cancel",    "reopen", "verify",
    "note",     "log",      "remind",   "check", "backup", "completion"};

// The help as a reader reads it: without what is typed as it is whatever the language
// (option names, the words of a choice, quoted examples, variables, the program's name).
std::string prose(const std::string& help) {
  static const std::regex kept(R"((^|\s)-[-A-Za-z,]+|\{[^}]*\}|"[^"]*"|\$[A-Z_]+\S*|inspectrack)");
  return std::regex_replace(help, kept, " ");
}

// Words the English help used to have (CLI11's and ours); none may be left in Vietnamese.
const std::set<std::string> kEnglish = {
    "Usage",  "Options", "Subcommands", "SUBCOMMAND",  "OPTIONS",   "COMMAND", "Commands", "REQUIRED",
    "TEXT",   "INT",     "UINT",        "Positionals", "Arguments", "Print",   "help",     "message",
    "exit",   "Display", "version",     "information", "the",       "of",      "or",       "and",
    "with",   "this",    "only",        "for",         "from",      "else",    "default",  "day",
    "days",   "number",  "Who",         "What",        "Why",       "The",     "Only",     "Task",
    "task",   "Show",    "Open",        "Check",       "List",      "Mark",    "Copy",     "Mail",
    "Count",  "Grant",   "Cancel",      "Record",      "Add",       "Import",  "Refuse",   "Start",
    "Output", "format",  "Group",       "Exit",        "Send",      "Also",    "Append",   "Deliver",
    "Pipe",   "Seconds", "Sender",      "Database",    "Language",  "Colour",  "Working",  "Milliseconds",
    "Octal",  "kind",    "files",       "what",        "id",        "year",    "period",   "text",
    "file",   "to",      "INSPECTION",  "TASK",        "UNIT",      "FINDING", "ASSIGNEE", "FILE",
    "key"};

std::string english_words(const std::string& text) {
  std::string found;
  // A word runs over letters, ASCII or not: "toàn" is not "to".
  std::string word;
  for (const char c : prose(text) + " ") {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
      word += c;
      continue;
    }
    if (kEnglish.contains(word)) found += word + " ";
    word.clear();
  }
  return found;
}

// Letters outside ASCII left once the typed words are taken out: Vietnamese ones.
bool has_non_ascii(const std::string& text) {
  for (const char c : prose(text)) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

std::vector<std::vector<std::string>> every_help() {
  std::vector<std::vector<std::string>> all = {{"--help"}};
  for (const auto& c : kCommands) all.push_back({c, "--help"});
  return all;
}

}  // namespace

TEST_CASE("help: --help of the program and of every command is all Vietnamese with --lang vi or LANG=vi") {
  Cli cli;
  Cli vi_locale;
  vi_locale.env.lang = "vi_VN.UTF-8";
  for (auto words : every_help()) {
    const std::string command = words[0];
    CAPTURE(command);
    const Ran by_locale = vi_locale.ok(words);
    words.insert(words.begin(), {"--lang", "vi"});
    const Ran ran = cli.ok(words);
    CHECK(english_words(ran.out) == "");
    CHECK(has_non_ascii(ran.out));
    CHECK(by_locale.out == ran.out);
  }
}

TEST_CASE("help: --help in English has no Vietnamese but the examples it quotes") {
  const Cli cli;
  for (const auto& words : every_help()) {
    CAPTURE(words[0]);
    const Ran ran = cli.ok(words);
    CHECK_FALSE(has_non_ascii(ran.out));
    CHECK(test_support::has(ran.out, "Usage: inspectrack"));
  }
}

TEST_CASE("help: the descriptions line up by display width, Vietnamese labels included") {
  const Cli cli;
  const Ran ran = cli.ok({"--lang", "vi", "--help"});
  const auto at = ran.out.find("  --db CHỮ");
  REQUIRE(at != std::string::npos);
  const std::string line = ran.out.substr(at, ran.out.find('\n', at) - at);
  const auto description = line.find("Tệp cơ sở dữ liệu");
  REQUIRE(description != std::string::npos);
  CHECK(inspectrack::text::display_width(line.substr(0, description)) == 30);
}

TEST_CASE("help: CLI11's errors are ours, in both languages, exit 64 with the hint") {
  struct Case {
    std::vector<std::string> words;
    std::string en, vi;
  };
  const std::vector<Case> cases = {
      {{"overdue", "--frmat", "csv"},
       "unknown option '--frmat'; did you mean '--format'?",
       "không có tùy chọn '--frmat'; có phải là '--format'?"},
      {{"log", "1", "2"}, "unexpected argument '2'", "thừa đối số '2'"},
      {{"log", "1", "2", "3"}, "unexpected arguments: '2', '3'", "thừa các đối số: '2', '3'"},
      {{"overdue", "--unit"}, "--unit needs a value", "--unit cần một giá trị"},
      {{"cancel", "3"}, "--reason is required", "thiếu --reason"},
      {{"show"}, "id is required", "thiếu mã"},
      {{"list", "taks"},
       "what: 'taks' is not one of 'tasks', 'findings', 'inspections', 'units'; did you mean 'tasks'?",
       "loại: 'taks' không thuộc các giá trị 'tasks', 'findings', 'inspections', 'units'; có phải là 'tasks'?"},
      {{"overdue", "--within", "x"}, "unknown option '--within'", "không có tùy chọn '--within'"},
      {{"remind", "--within", "400"},
       "--within: '400' is not a whole number from 0 to 365",
       "--within: '400' không phải số nguyên từ 0 đến 365"},
      {{"remind", "--sendmail-timeout", "soon"},
       "--sendmail-timeout: 'soon' is not a value it takes",
       "--sendmail-timeout: không nhận giá trị 'soon'"},
      {{}, "a command is required", "cần một lệnh"},
  };
  const Cli en;
  Cli vi;
  vi.env.lang = "vi_VN.UTF-8";
  for (const Case& c : cases) {
    CAPTURE(c.en);
    test_support::check_usage_error(en.run(c.words), c.en);
    const Ran ran = vi.run(c.words);
    CHECK(ran.status == 64);
    CHECK(ran.err == "inspectrack: lỗi: " + c.vi +
                         "\nXem 'inspectrack --help' (hoặc 'inspectrack LỆNH --help') để biết cách dùng.\n");
  }
}
