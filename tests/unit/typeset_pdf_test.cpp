#include <doctest/doctest.h>
#include <fontconfig/fontconfig.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>

#include "../typeset/samples.hpp"
#include "temp_dir.hpp"
#include "../../src/typeset/writers.hpp"

using inspectrack::typeset::Document;
using inspectrack::typeset::Documents;
using inspectrack::typeset::write_pdf;
using inspectrack::typeset::WriteFailure;
namespace samples = inspectrack::typeset::samples;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The page count of the page tree cairo writes (one /Pages object, uncompressed).
int pages(const std::string& pdf) {
  std::smatch count;
  REQUIRE(std::regex_search(pdf, count, std::regex("/Type /Pages\\s+/Kids \\[[^\\]]*\\]\\s+/Count (\\d+)")));
  return std::stoi(count[1]);
}

// fontconfig's current configuration replaced by one holding only the fonts of `folder`
// (none of the system's files: no aliases), restored when it goes.
class OnlyFontsOf {
 public:
  OnlyFontsOf(const std::string& folder, const std::string& cache) : saved_(FcConfigReference(nullptr)) {
    FcConfig* bare = FcConfigCreate();
    const std::string config =
        "<fontconfig><dir>" + folder + "</dir><cachedir>" + cache + "</cachedir></fontconfig>";
    REQUIRE(FcConfigParseAndLoadFromMemory(bare, reinterpret_cast<const FcChar8*>(config.c_str()), FcTrue));
    REQUIRE(FcConfigSetCurrent(bare));
    FcConfigDestroy(bare);
  }
  ~OnlyFontsOf() {
    FcConfigSetCurrent(saved_);
    FcConfigDestroy(saved_);
  }
  OnlyFontsOf(const OnlyFontsOf&) = delete;
  OnlyFontsOf& operator=(const OnlyFontsOf&) = delete;

 private:
  FcConfig* saved_;
};

}  // namespace

TEST_CASE("write_pdf: A4 pages, a long table over several, each document from a new page") {
  const test_support::TempDir dir;
  write_pdf({samples::report()}, dir.file("report.pdf"));
  const std::string report = read_file(dir.file("report.pdf"));
  CHECK(report.rfind("%PDF-1.", 0) == 0);
  CHECK(report.find("%%EOF") != std::string::npos);
  CHECK(report.find("/MediaBox [ 0 0 595.275591 841.889764 ]") != std::string::npos);
  CHECK(report.find("/Creator (inspectrack)") != std::string::npos);
  CHECK(pages(report) >= 3);

  // Each letter is shorter than a page: two letters, two pages.
  write_pdf(samples::letters(), dir.file("letters.pdf"));
  CHECK(pages(read_file(dir.file("letters.pdf"))) == 2);
  Documents three = samples::letters();
  three.push_back(samples::letter("UBND xã Thăng Hưng"));
  write_pdf(three, dir.file("three.pdf"));
  CHECK(pages(read_file(dir.file("three.pdf"))) == 3);
}

TEST_CASE("write_pdf: a row or a paragraph taller than a page is split between its lines") {
  const test_support::TempDir dir;
  write_pdf({samples::extremes()}, dir.file("extremes.pdf"));
  CHECK(pages(read_file(dir.file("extremes.pdf"))) >= 4);
}

TEST_CASE("write_pdf: a document with nothing in it is still a page") {
  const test_support::TempDir dir;
  write_pdf({Document{}}, dir.file("empty.pdf"));
  CHECK(pages(read_file(dir.file("empty.pdf"))) == 1);
}

TEST_CASE("write_pdf: a file that cannot be written is a WriteFailure with the reason, and nothing left") {
  const test_support::TempDir dir;
  const std::string path = dir.file("no-such-folder/report.pdf");
  CHECK_THROWS_WITH_AS(write_pdf({samples::report()}, path), "No such file or directory", WriteFailure);
  CHECK_FALSE(std::filesystem::exists(path));
}

TEST_CASE("write_pdf: no Liberation Serif with Vietnamese letters is a WriteFailure naming the package") {
  const test_support::TempDir dir;
  const std::string path = dir.file("report.pdf");
  // Another family: DejaVu (fonts-dejavu-core, which fontconfig's own package brings).
  const std::string dejavu = "/usr/share/fonts/truetype/dejavu";
  // fonts-liberation's Liberation Serif 1.07: the family, without ơ, ư or any letter
  // with a dot below.
  const std::string liberation1 = "/usr/share/fonts/truetype/liberation";
  for (const std::string& folder : {dejavu, liberation1}) {
    CAPTURE(folder);
    if (!std::filesystem::exists(folder)) {
      MESSAGE("skipped: no " << folder);
      continue;
    }
    const OnlyFontsOf only(folder, dir.file("cache"));
    const auto reason = folder == dejavu ? doctest::Contains("fontconfig offers DejaVu")
                                         : doctest::Contains("has no Vietnamese letters");
    CHECK_THROWS_WITH_AS(write_pdf({samples::report()}, path), reason, WriteFailure);
    CHECK_THROWS_WITH_AS(write_pdf({samples::report()}, path), doctest::Contains("fonts-liberation2"),
                         WriteFailure);
    CHECK_FALSE(std::filesystem::exists(path));
  }
  // The configuration is back: the same document is written.
  write_pdf({samples::report()}, path);
  CHECK(std::filesystem::exists(path));
}

namespace {

// The text of page `page` of the PDF at `path`, as pdftotext (poppler-utils) reads it.
std::string page_text(const std::string& path, int page) {
  const std::string command =
      "pdftotext -f " + std::to_string(page) + " -l " + std::to_string(page) + " '" + path + "' -";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string text;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) text.append(buffer, n);
  REQUIRE(pclose(pipe) == 0);
  return text;
}

}  // namespace

TEST_CASE("write_pdf: the signature never stands alone on the last page: the last paragraph goes with it") {
  test_support::TempDir dir;
  // Bodies of 1 to 60 one-line paragraphs: for some of them the signature block does
  // not fit under the last paragraph, and both must then start the next page.
  for (int n = 1; n <= 60; ++n) {
    Document d = samples::letter("UBND xã Ia Boòng");
    d.body.clear();
    for (int i = 1; i < n; ++i) d.body.emplace_back(samples::prose({{"Đoạn số " + std::to_string(i) + "."}}));
    d.body.emplace_back(samples::prose({{"Đoạn kết thúc văn bản./."}}));
    const std::string path = dir.file("n" + std::to_string(n) + ".pdf");
    write_pdf({d}, path);
    const int last = pages(read_file(path));
    const std::string text = page_text(path, last);
    INFO("paragraphs: " << n << ", pages: " << last);
    CHECK(text.find("Đoạn kết thúc văn bản./.") != std::string::npos);
    CHECK(text.find(d.signature.titles.back()) != std::string::npos);
  }
}
