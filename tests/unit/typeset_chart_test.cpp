// The bar chart (src/typeset/chart.cpp), checked on its pixels: drawn into an image
// surface at one pixel per point (or more), the colours of its segments measured along
// the bars' rows.
#include <doctest/doctest.h>

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "../../src/typeset/chart.hpp"
#include "../../src/typeset/layout.hpp"
#include "../../src/typeset/writers.hpp"

// Fontconfig keeps its configuration and caches until the process ends, unreachable
// to LeakSanitizer, and has no safe way to drop them (FcFini asserts when Pango's
// font-loading thread still holds a cache): its allocations are not counted as leaks.
// A leak of the chart's own objects (Pango layouts, Cairo surfaces) is still reported.
extern "C" const char* __lsan_default_suppressions();
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }

namespace typeset = inspectrack::typeset;
using typeset::Chart;

namespace {

constexpr unsigned kWhite = 0xFFFFFF;
constexpr unsigned kRed = 0xFF0000;
constexpr unsigned kGreen = 0x00FF00;
constexpr unsigned kBlue = 0x0000FF;

// An opaque image, read as 0xRRGGBB per pixel.
class Image {
 public:
  Image(int width, int height)
      : surface_(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height), cairo_surface_destroy) {}
  explicit Image(cairo_surface_t* surface) : surface_(surface, cairo_surface_destroy) {}
  cairo_surface_t* surface() const { return surface_.get(); }
  int width() const { return cairo_image_surface_get_width(surface_.get()); }
  int height() const { return cairo_image_surface_get_height(surface_.get()); }
  unsigned at(int x, int y) const {
    const unsigned char* row =
        cairo_image_surface_get_data(surface_.get()) +
        static_cast<std::ptrdiff_t>(y) * cairo_image_surface_get_stride(surface_.get());
    std::uint32_t argb;
    std::memcpy(&argb, row + 4 * x, 4);
    return argb & 0xFFFFFF;
  }
  // How many pixels of row `y` have exactly `rgb`.
  int count(int y, unsigned rgb) const {
    int n = 0;
    for (int x = 0; x < width(); ++x) n += at(x, y) == rgb;
    return n;
  }
  int first(int y, unsigned rgb) const {
    for (int x = 0; x < width(); ++x) {
      if (at(x, y) == rgb) return x;
    }
    return -1;
  }

 private:
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface_;
};

// `chart` drawn on white into a `width` × `height` point box inset by `inset` points on
// every side of the image, at `scale` pixels per point.
Image draw(const Chart& chart, double width, double height, double inset = 0, double scale = 1) {
  Image image(static_cast<int>((width + 2 * inset) * scale), static_cast<int>((height + 2 * inset) * scale));
  cairo_t* cr = cairo_create(image.surface());
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, scale, scale);
  typeset::draw_chart(cr, chart, inset, inset, width, height);
  CHECK(cairo_status(cr) == CAIRO_STATUS_SUCCESS);
  cairo_destroy(cr);
  cairo_surface_flush(image.surface());
  return image;
}

// The row where `rgb` covers most pixels: through the middle of a bar, clear of its digits.
int fullest_row(const Image& image, unsigned rgb) {
  int best = 0;
  for (int y = 0; y < image.height(); ++y) {
    if (image.count(y, rgb) > image.count(best, rgb)) best = y;
  }
  return best;
}

struct Bar {
  int top = 0, bottom = 0;  // its first and last row
  int length = 0;           // the most pixels of the colour in one of its rows
};

// The runs of rows in which `rgb` appears, top to bottom, less the first: the legend's
// swatch above the bars. One per bar when `rgb` is one series' colour.
std::vector<Bar> bar_rows(const Image& image, unsigned rgb) {
  std::vector<Bar> found;
  bool inside = false;
  for (int y = 0; y < image.height(); ++y) {
    const int n = image.count(y, rgb);
    if (n > 0 && !inside) found.push_back({y, y, 0});
    if (n > 0) found.back() = {found.back().top, y, std::max(found.back().length, n)};
    inside = n > 0;
  }
  REQUIRE_FALSE(found.empty());
  found.erase(found.begin());
  return found;
}

std::vector<int> bars(const Image& image, unsigned rgb) {
  std::vector<int> lengths;
  for (const Bar& bar : bar_rows(image, rgb)) lengths.push_back(bar.length);
  return lengths;
}

// Whether every pixel outside the box inset by `inset` pixels is white.
bool margin_white(const Image& image, int inset) {
  for (int y = 0; y < image.height(); ++y) {
    for (int x = 0; x < image.width(); ++x) {
      const bool in_box = x >= inset && x < image.width() - inset && y >= inset && y < image.height() - inset;
      if (!in_box && image.at(x, y) != kWhite) return false;
    }
  }
  return true;
}

bool painted(const Image& image) {
  for (int y = 0; y < image.height(); ++y) {
    if (image.count(y, kWhite) != image.width()) return true;
  }
  return false;
}

Chart units(int count, std::vector<int> on_time, std::vector<int> late = {}) {
  Chart chart;
  for (int i = 0; i < count; ++i) chart.categories.push_back("UBND xã số " + std::to_string(i + 1));
  chart.series.push_back({"Đúng hạn", kRed, std::move(on_time)});
  chart.series.push_back({"Quá hạn", kBlue, std::move(late)});
  return chart;
}

// Luma as ITU-R BT.601 weighs the channels, 0 to 255.
double grey(unsigned rgb) {
  return 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
}

// WCAG 2's contrast ratio of black text on `rgb`: (L + 0.05) / 0.05, L its relative luminance.
double contrast_with_black(unsigned rgb) {
  const auto linear = [](unsigned channel) {
    const double c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  };
  const double luminance =
      0.2126 * linear((rgb >> 16) & 0xFF) + 0.7152 * linear((rgb >> 8) & 0xFF) + 0.0722 * linear(rgb & 0xFF);
  return (luminance + 0.05) / 0.05;
}

}  // namespace

TEST_CASE("chart_height is the base height up to 12 categories, more beyond, at most a page's text") {
  namespace layout = typeset::layout;
  CHECK(typeset::chart_height(units(0, {}), 160) == layout::kChartHeight);
  CHECK(typeset::chart_height(units(12, {}), 160) == layout::kChartHeight);
  CHECK(typeset::chart_height(units(13, {}), 160) == layout::kChartHeight + layout::kChartHeightPerCategory);
  const double text_height = layout::kPageHeight - layout::kMarginTop - layout::kMarginBottom;
  CHECK(typeset::chart_height(units(60, {}), 160) < text_height);
  CHECK(typeset::chart_height(units(60, {}), 160) == typeset::chart_height(units(600, {}), 160));
}

TEST_CASE("a bar's segments are as long as their values, in the series' order") {
  Chart chart;
  chart.categories = {"UBND thị trấn Chư Prông"};
  chart.series = {{"a", kRed, {2}}, {"b", kGreen, {6}}, {"c", kBlue, {4}}};
  const Image image = draw(chart, 450, 200);
  const int row = fullest_row(image, kGreen);
  const double unit = image.count(row, kGreen) / 6.0;
  CHECK(unit > 20);
  CHECK(image.count(row, kRed) == doctest::Approx(2 * unit).epsilon(0.05));
  CHECK(image.count(row, kBlue) == doctest::Approx(4 * unit).epsilon(0.05));
  CHECK(image.first(row, kRed) < image.first(row, kGreen));
  CHECK(image.first(row, kGreen) < image.first(row, kBlue));
}

TEST_CASE("the bars follow the categories' order, top to bottom") {
  const Image image = draw(units(3, {1, 3, 2}), 450, 200);
  const std::vector<int> lengths = bars(image, kRed);
  REQUIRE(lengths.size() == 3);
  CHECK(lengths[1] == doctest::Approx(3 * lengths[0]).epsilon(0.05));
  CHECK(lengths[2] == doctest::Approx(2 * lengths[0]).epsilon(0.05));
}

TEST_CASE("a bar's length is its share of the axis, which the largest total fills most of") {
  // Totals 7 and 3 on an axis of 0..7 or 0..8: the longer bar at least 7/8 of the longest possible.
  const Image image = draw(units(2, {4, 3}, {3}), 450, 200);
  const std::vector<int> red = bars(image, kRed);
  const std::vector<int> blue = bars(image, kBlue);
  REQUIRE(red.size() == 2);
  REQUIRE(blue.size() == 1);
  CHECK(red[0] == doctest::Approx(4.0 / 3 * red[1]).epsilon(0.05));
  CHECK(blue[0] == doctest::Approx(red[1]).epsilon(0.05));
}

TEST_CASE("nothing is painted outside the chart's box") {
  constexpr int kInset = 30;
  Chart chart = units(3, {5, 0, 2}, {1, 4, 0});
  bool empty = false;
  double width = 450;
  double height = 226;
  SUBCASE("an ordinary chart") {}
  SUBCASE("long names, wrapped or cut") {
    chart.categories[0] = std::string(40, 'W');
    chart.categories[1] = "Ủy ban nhân dân thị trấn Chư Prông, huyện Chư Prông, tỉnh Gia Lai, nước Việt Nam";
    chart.series[0].name = std::string(200, 'M');
  }
  SUBCASE("no categories") {
    chart = Chart{};
    empty = true;
  }
  SUBCASE("no series") { chart.series.clear(); }
  SUBCASE("all values 0") { chart = units(4, {0, 0, 0, 0}, {0, 0, 0, 0}); }
  SUBCASE("one huge value among small ones") { chart = units(5, {2147483647, 1, 2, 0, 1}, {2147483647, 3}); }
  SUBCASE("60 categories") {
    std::vector<int> values(60);
    for (int i = 0; i < 60; ++i) values[static_cast<std::size_t>(i)] = i % 7;
    chart = units(60, values, values);
    height = typeset::chart_height(chart, 160) * 72 / 25.4;
  }
  SUBCASE("series shorter or longer than the categories, negative values") {
    chart.series[0].values = {3};
    chart.series[1].values = {1, -5, 2, 9, 9, 9};
  }
  SUBCASE("a box too small for the text") {
    width = 40;
    height = 20;
  }
  const Image image = draw(chart, width, height, kInset);
  CHECK(margin_white(image, kInset));
  CHECK(painted(image) != empty);
}

TEST_CASE("60 categories each get a bar of their own") {
  std::vector<int> values(60, 1);
  values[7] = 3;
  const Chart chart = units(60, values);
  const double points_per_mm = 72 / 25.4;
  const Image image =
      draw(chart, 160 * points_per_mm, typeset::chart_height(chart, 160) * points_per_mm, 0, 2);
  const std::vector<int> lengths = bars(image, kRed);
  REQUIRE(lengths.size() == 60);
  CHECK(lengths[7] == doctest::Approx(3 * lengths[0]).epsilon(0.05));
}

TEST_CASE("a long name wraps onto the lines its row holds, then is cut, never into the next row") {
  Chart chart = units(3, {1, 1, 1});
  for (auto& name : chart.categories)
    name = "Ủy ban nhân dân " + name + ", huyện Chư Prông, tỉnh Gia Lai" + name;
  // Rows of about two lines each; a name needs five at the width it gets.
  const Image image = draw(chart, 300, 130, 0, 2);
  const std::vector<Bar> rows = bar_rows(image, kRed);
  REQUIRE(rows.size() == 3);
  const int label_right = image.first(rows[0].top + 1, kRed) - 2;
  for (std::size_t i = 0; i + 1 < rows.size(); ++i) {
    const int between = (rows[i].bottom + rows[i + 1].top) / 2;
    int ink = 0;
    for (int x = 0; x < label_right; ++x) ink += image.at(x, between) != kWhite;
    CHECK(ink == 0);
  }
  // Each name is drawn on more than one line: its ink, within its row, is taller than
  // one line's 12 pt (24 pixels here) and a half.
  const int pitch = rows[1].top - rows[0].top;
  for (const Bar& row : rows) {
    const int middle = (row.top + row.bottom) / 2;
    int top = image.height();
    int bottom = -1;
    for (int y = std::max(0, middle - pitch / 2); y < std::min(image.height(), middle + pitch / 2); ++y) {
      for (int x = 0; x < label_right; ++x) {
        if (image.at(x, y) == kWhite) continue;
        top = std::min(top, y);
        bottom = std::max(bottom, y);
      }
    }
    CHECK(bottom - top > 1.5 * typeset::layout::kTableTextSize * 2);
  }
}

TEST_CASE("chart_png is a PNG of the size asked, at the dpi asked") {
  const std::string png = typeset::chart_png(units(3, {1, 2, 3}, {2}), 160, 80, 150);
  REQUIRE(png.size() > 8);
  CHECK(png.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
  struct Reader {
    const std::string* bytes;
    std::size_t at = 0;
  } reader{&png};
  Image image(cairo_image_surface_create_from_png_stream(
      [](void* closure, unsigned char* data, unsigned int length) {
        auto* r = static_cast<Reader*>(closure);
        if (r->bytes->size() - r->at < length) return CAIRO_STATUS_READ_ERROR;
        std::memcpy(data, r->bytes->data() + r->at, length);
        r->at += length;
        return CAIRO_STATUS_SUCCESS;
      },
      &reader));
  REQUIRE(cairo_surface_status(image.surface()) == CAIRO_STATUS_SUCCESS);
  CHECK(image.width() == 945);  // 160 mm / 25.4 × 150
  CHECK(image.height() == 472);
  CHECK(image.at(0, 0) == kWhite);
  CHECK(bars(image, kRed).size() == 3);
}

TEST_CASE("chart_png refuses a size no image can have") {
  const Chart chart = units(1, {1});
  CHECK_THROWS_AS(typeset::chart_png(chart, 0, 80), typeset::WriteFailure);
  CHECK_THROWS_AS(typeset::chart_png(chart, 160, -1), typeset::WriteFailure);
  CHECK_THROWS_AS(typeset::chart_png(chart, 160, 80, 0), typeset::WriteFailure);
  CHECK_THROWS_AS(typeset::chart_png(chart, 1e6, 80), typeset::WriteFailure);
}

TEST_CASE("the outcomes' colours stay apart when printed in grey and bear black digits") {
  const std::vector<unsigned> in_order = {typeset::kOnTimeColour, typeset::kDoneLateColour,
                                          typeset::kInProgressColour, typeset::kOverdueColour};
  for (std::size_t i = 0; i < in_order.size(); ++i) {
    CHECK(contrast_with_black(in_order[i]) >= 4.5);
    CHECK(grey(in_order[i]) <= 245);  // not white: the outline alone would show it
    for (std::size_t j = i + 1; j < in_order.size(); ++j) {
      CHECK(std::abs(grey(in_order[i]) - grey(in_order[j])) >= 40);
    }
  }
}
