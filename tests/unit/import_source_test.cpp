#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "inspectrack/error.hpp"
#include "inspectrack/import/source.hpp"

using inspectrack::ExitCode;
using inspectrack::InputError;
using inspectrack::import::check_source;
using inspectrack::import::Diagnostics;
using inspectrack::import::Limits;
using inspectrack::import::read_source;
using inspectrack::text::Lang;
using inspectrack::text::translate;
using namespace std::string_literals;

namespace {

const std::string kBroken = std::string(INSPECTRACK_SOURCE_DIR) + "/tests/data/broken/";

std::string where(const Diagnostics& d) {
  REQUIRE(d.size() == 1);
  const auto& p = d.list().front().where;
  return std::to_string(p.line) + ":" + std::to_string(p.column);
}

// A diagnostic's message as a reader of `lang` sees it.
std::string text_of(const inspectrack::import::Diagnostic& d, Lang lang = Lang::en) {
  return translate(lang, d.message);
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// A file in a fresh temporary directory, removed with it.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "import_source_XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string write(const std::string& name, const std::string& bytes) const {
    const auto file = path_ / name;
    std::ofstream(file, std::ios::binary) << bytes;
    return file.string();
  }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace

TEST_CASE("check_source passes UTF-8 text through and normalizes line ends") {
  Diagnostics diags;
  const Limits limits;

  SUBCASE("plain LF text is unchanged") {
    const auto src = check_source("a.yaml", "tên: Bàu Cạn\nx: 1\n", limits, diags);
    REQUIRE(src);
    CHECK(src->path == "a.yaml");
    CHECK(src->text == "tên: Bàu Cạn\nx: 1\n");
  }
  SUBCASE("a UTF-8 BOM is removed") {
    const auto src = check_source("a.yaml", "\xEF\xBB\xBFx: 1\n", limits, diags);
    REQUIRE(src);
    CHECK(src->text == "x: 1\n");
  }
  SUBCASE("CRLF and a lone CR become LF") {
    const auto src = check_source("a.yaml", "a: 1\r\nb: 2\rc: 3\r\n\r\n", limits, diags);
    REQUIRE(src);
    CHECK(src->text == "a: 1\nb: 2\nc: 3\n\n");
  }
  SUBCASE("an empty file is fine") {
    const auto src = check_source("a.yaml", "", limits, diags);
    REQUIRE(src);
    CHECK(src->text.empty());
  }
  CHECK(diags.empty());
}

TEST_CASE("check_source refuses a file over the size limit before anything else") {
  Limits limits;
  limits.max_file_size = 10;
  Diagnostics diags;

  SUBCASE("exactly at the limit is accepted") {
    CHECK(check_source("a.yaml", "0123456789", limits, diags));
    CHECK(diags.empty());
  }
  SUBCASE("one byte more is refused, naming the limit and the option") {
    // The NUL byte would be an error too: the size is checked first.
    CHECK_FALSE(check_source("a.yaml", "0123456789\0"s, limits, diags));
    REQUIRE(diags.size() == 1);
    const auto& d = diags.list().front();
    CHECK(d.where.file == "a.yaml");
    CHECK(d.where.line == 0);
    CHECK(contains(text_of(d), "10 bytes"));
    CHECK(contains(text_of(d), "--max-file-size"));
  }
  SUBCASE("in Vietnamese") {
    CHECK_FALSE(check_source("a.yaml", "0123456789x", limits, diags));
    REQUIRE(diags.size() == 1);
    CHECK(contains(text_of(diags.list().front(), Lang::vi), "giới hạn 10 byte"));
    CHECK(contains(text_of(diags.list().front(), Lang::vi), "--max-file-size"));
  }
}

TEST_CASE("check_source reports a NUL byte at its line and character column") {
  Diagnostics diags;
  const Limits limits;

  SUBCASE("after Vietnamese text: the column counts characters") {
    const std::string bytes = "a: 1\ntên: Bàu\0Cạn\n"s;
    CHECK_FALSE(check_source("a.yaml", bytes, limits, diags));
    CHECK(where(diags) == "2:9");
    const auto& msg = text_of(diags.list().front());
    CHECK(contains(msg, "NUL byte"));
    CHECK(contains(msg, "re-save it as \"UTF-8\""));
  }
  SUBCASE("CRLF counts as one line end, a lone CR as one") {
    const std::string bytes = "a: 1\r\nb: 2\rc: \0\r\n"s;
    CHECK_FALSE(check_source("a.yaml", bytes, limits, diags));
    CHECK(where(diags) == "3:4");
  }
  SUBCASE("a BOM takes no column on line 1") {
    const std::string bytes =
        "\xEF\xBB\xBF"
        "ab\0"s;
    CHECK_FALSE(check_source("a.yaml", bytes, limits, diags));
    CHECK(where(diags) == "1:3");
  }
  SUBCASE("a UTF-16 file is caught by its NUL bytes, with the hint") {
    const std::string bytes =
        "\xFF\xFE"
        "a\0:\0"s;
    CHECK_FALSE(check_source("a.yaml", bytes, limits, diags));
    REQUIRE(diags.size() == 1);
    CHECK(contains(text_of(diags.list().front(), Lang::vi), "byte NUL"));
    CHECK(contains(text_of(diags.list().front(), Lang::vi), "UTF-16"));
  }
}

TEST_CASE("check_source reports invalid UTF-8 with a hint to re-save the file") {
  Diagnostics diags;
  const Limits limits;

  SUBCASE("a Windows-1258 byte after UTF-8 text: the column counts characters") {
    // "Đoàn" with its 'à' in the legacy code page (0xE0).
    CHECK_FALSE(check_source("a.yaml", "x: 1\nteam: Đo\xE0n\n", limits, diags));
    CHECK(where(diags) == "2:9");
    const auto& msg = text_of(diags.list().front());
    CHECK(contains(msg, "not UTF-8"));
    CHECK(contains(msg, "0xE0"));
    CHECK(contains(msg, "Windows-1258"));
    CHECK(contains(msg, "TCVN3"));
    CHECK(contains(msg, "\"UTF-8\""));
    CHECK(contains(msg, "Notepad"));
  }
  SUBCASE("in Vietnamese") {
    CHECK_FALSE(check_source("a.yaml", "a: \xC0\n", limits, diags));
    CHECK(where(diags) == "1:4");
    CHECK(contains(text_of(diags.list().front(), Lang::vi), "tệp không phải UTF-8"));
    CHECK(contains(text_of(diags.list().front(), Lang::vi), "bảng mã \"UTF-8\""));
  }
  SUBCASE("overlong forms and surrogates are invalid") {
    CHECK_FALSE(check_source("a.yaml", "a: \xC0\xAF", limits, diags));
    CHECK_FALSE(check_source("b.yaml", "a: \xED\xA0\x80", limits, diags));
    CHECK(diags.size() == 2);
  }
}

TEST_CASE("read_source reads a file and checks its bytes") {
  const TempDir dir;
  Diagnostics diags;
  const Limits limits;

  SUBCASE("a good file, CRLF and BOM removed") {
    const auto path = dir.write("ok.yaml", "\xEF\xBB\xBFunits:\r\n  - key: a\r\n");
    const auto src = read_source(path, limits, diags);
    REQUIRE(src);
    CHECK(src->path == path);
    CHECK(src->text == "units:\n  - key: a\n");
    CHECK(diags.empty());
  }
  SUBCASE("a file over the limit is refused without being read whole") {
    Limits small;
    small.max_file_size = 4;
    const auto path = dir.write("big.yaml", "a: 12345\n");
    CHECK_FALSE(read_source(path, small, diags));
    REQUIRE(diags.size() == 1);
    CHECK(diags.list().front().where.line == 0);
    CHECK(contains(text_of(diags.list().front()), "--max-file-size"));
  }
  SUBCASE("a missing file throws InputError with exit code 66") {
    const std::string path = dir.path() + "/missing.yaml";
    try {
      read_source(path, limits, diags);
      FAIL("no exception");
    } catch (const InputError& e) {
      CHECK(e.code() == ExitCode::no_input);
      CHECK(std::string(e.what()) == "cannot read '" + path + "': no such file");
    }
    try {
      read_source(path, limits, diags);
      FAIL("no exception");
    } catch (const InputError& e) {
      CHECK(translate(Lang::vi, e.message()) == "không đọc được '" + path + "': không có tệp này");
    }
  }
  SUBCASE("a directory is unreadable too") {
    try {
      read_source(dir.path(), limits, diags);
      FAIL("no exception");
    } catch (const InputError& e) {
      CHECK(e.code() == ExitCode::no_input);
      CHECK(std::string(e.what()) == "cannot read '" + dir.path() + "': it is a directory");
    }
  }
}

TEST_CASE("the broken encoding files are refused at the place of the first bad byte") {
  Diagnostics diags;
  const Limits limits;

  SUBCASE("windows-1258.yaml") {
    CHECK_FALSE(read_source(kBroken + "windows-1258.yaml", limits, diags));
    CHECK(where(diags) == "1:23");
    CHECK(contains(text_of(diags.list().front()), "Windows-1258"));
  }
  SUBCASE("invalid-utf8.yaml") {
    CHECK_FALSE(read_source(kBroken + "invalid-utf8.yaml", limits, diags));
    CHECK(where(diags) == "7:11");
  }
  SUBCASE("nul-byte.yaml") {
    CHECK_FALSE(read_source(kBroken + "nul-byte.yaml", limits, diags));
    CHECK(where(diags) == "14:21");
    CHECK(contains(text_of(diags.list().front()), "NUL"));
  }
}
