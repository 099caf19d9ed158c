#include "chart.hpp"

#include <fmt/format.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "layout.hpp"
#include "writers.hpp"

namespace inspectrack::typeset {
namespace {

constexpr double kPointsPerMm = 72 / 25.4;
// How many categories layout::kChartHeight is made for (layout.hpp: "for up to 12").
constexpr std::size_t kCategoriesInBaseHeight = 12;
// Under the chart its caption: two lines of table text and the space around them.
constexpr double kCaptionRoom = 20;   // mm
constexpr double kInset = 1;          // pt kept clear inside the box, for half a rule and a glyph's overhang
constexpr double kGap = 4;            // pt between a label and what it labels
constexpr double kTick = 3;           // pt, an axis tick's length
constexpr double kBarShare = 0.7;     // of a category's row, the rest parts the bars
constexpr double kLabelShare = 0.35;  // of the width at most, for the categories' names
constexpr double kSwatchShare = 0.7;  // of a line's height, the side of a legend's swatch
constexpr double kRuleWidth = 0.5;    // pt
constexpr double kRuleGrey = 0.2;     // the axis and the segments' outlines
constexpr double kGridGrey = 0.8;     // the grid lines, light enough to read the bars over
constexpr int kMaxImageSide = 32767;  // pixels, the largest image Cairo makes

struct GObjectUnref {
  void operator()(gpointer object) const { g_object_unref(object); }
};
using Layout = std::unique_ptr<PangoLayout, GObjectUnref>;

// Text in layout::kPdfFont laid out for `cr` without hinting, so that the PDF and the
// PNG of a chart break and place their text alike at any resolution.
class Typesetter {
 public:
  explicit Typesetter(cairo_t* cr) : context_(pango_cairo_create_context(cr)) {
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context_.get(), options);
    cairo_font_options_destroy(options);
  }

  // `text` on one line at `size` points, or in `width` points on at most `lines` lines,
  // ellipsized past them.
  Layout layout(const std::string& text, double size, double width = -1, int lines = 1) const {
    Layout layout(pango_layout_new(context_.get()));
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, layout::kPdfFont);
    pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
    pango_layout_set_font_description(layout.get(), font);
    pango_font_description_free(font);
    pango_layout_set_single_paragraph_mode(layout.get(), TRUE);
    pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
    if (width >= 0) {
      pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
      pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height(layout.get(), -lines);
      pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
    }
    return layout;
  }

  // The height of a line at `size` points.
  double line(double size) const { return extent(layout("0", size).get()).height; }

  struct Extent {
    double x, y, width, height;
  };
  // The logical box (the advance and the line's height) or the ink of `layout`.
  static Extent extent(PangoLayout* layout, bool ink = false) {
    PangoRectangle ink_box, logical_box;
    pango_layout_get_extents(layout, &ink_box, &logical_box);
    const PangoRectangle& r = ink ? ink_box : logical_box;
    return {double(r.x) / PANGO_SCALE, double(r.y) / PANGO_SCALE, double(r.width) / PANGO_SCALE,
            double(r.height) / PANGO_SCALE};
  }

 private:
  std::unique_ptr<PangoContext, GObjectUnref> context_;
};

void show(cairo_t* cr, PangoLayout* layout, double x, double y) {
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
}

void set_colour(cairo_t* cr, unsigned rgb) {
  cairo_set_source_rgb(cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0, (rgb & 0xFF) / 255.0);
}

// A filled rectangle outlined with a thin dark rule, so that a pale colour still shows.
void outlined(cairo_t* cr, unsigned rgb, double x, double y, double width, double height) {
  cairo_rectangle(cr, x, y, width, height);
  set_colour(cr, rgb);
  cairo_fill_preserve(cr);
  cairo_set_source_rgb(cr, kRuleGrey, kRuleGrey, kRuleGrey);
  cairo_set_line_width(cr, kRuleWidth);
  cairo_stroke(cr);
}

void rule(cairo_t* cr, double grey, double x0, double y0, double x1, double y1) {
  cairo_set_source_rgb(cr, grey, grey, grey);
  cairo_set_line_width(cr, kRuleWidth);
  cairo_move_to(cr, x0, y0);
  cairo_line_to(cr, x1, y1);
  cairo_stroke(cr);
}

std::string number(double value) { return fmt::format("{:.0f}", value); }

// A series' value for the category at `index`: 0 when it has none or a negative one.
double value_of(const Chart::Series& series, std::size_t index) {
  return index < series.values.size() ? std::max(series.values[index], 0) : 0;
}

std::vector<double> totals_of(const Chart& chart) {
  std::vector<double> totals(chart.categories.size(), 0);
  for (const auto& series : chart.series) {
    for (std::size_t i = 0; i < totals.size(); ++i) totals[i] += value_of(series, i);
  }
  return totals;
}

// The smallest of 1, 2, 5 × 10^n that is at least `at_least` (and at least 1: the
// ticks count tasks).
double nice_step(double at_least) {
  if (at_least <= 1) return 1;
  const double power = std::pow(10, std::floor(std::log10(at_least)));
  for (double factor : {1.0, 2.0, 5.0, 10.0}) {
    if (factor * power >= at_least * (1 - 1e-12)) return factor * power;
  }
  return 10 * power;
}

// Where the bars go, and the scale of their axis.
struct Plot {
  double left, top, width, height;  // the bars' area; the axis' labels hang under it
  double box_left, box_right;       // what the labels stay within
  double pitch;                     // a category's row
  double text_size;                 // of the categories' names, the values and the totals
  double step, max;                 // the value axis: 0, step, 2 × step, … max
};

// The axis' step: the smallest nice one whose labels, centred on their ticks, leave a
// gap between them even when the last one is pushed back inside the box.
void choose_axis(const Typesetter& type, double max_total, Plot& plot) {
  double step = nice_step(max_total / 10);
  for (;;) {
    plot.step = step;
    plot.max = std::max(step, std::ceil(max_total / step) * step);
    const double ticks = plot.max / step;
    const double label =
        Typesetter::extent(type.layout(number(plot.max), layout::kTableTextSize).get()).width;
    if (ticks <= 1 || plot.width / ticks >= 1.5 * label + kGap) return;
    step = nice_step(step * 1.01);
  }
}

std::optional<Plot> plan(const Typesetter& type, const Chart& chart, double x, double y, double width,
                         double height) {
  const double line = type.line(layout::kTableTextSize);
  Plot plot{};
  plot.box_left = x;
  plot.box_right = x + width;
  plot.top = y;
  plot.height = height - line - kTick;
  if (plot.height <= 0) return std::nullopt;
  plot.pitch = plot.height / static_cast<double>(chart.categories.size());
  plot.text_size = layout::kTableTextSize * std::min(1.0, plot.pitch / line);

  double label = 0;
  for (const auto& category : chart.categories) {
    label = std::max(label, Typesetter::extent(type.layout(category, plot.text_size).get()).width);
  }
  const std::vector<double> totals = totals_of(chart);
  const double max_total = *std::max_element(totals.begin(), totals.end());
  const double total = Typesetter::extent(type.layout(number(max_total), plot.text_size).get()).width;
  plot.left = x + std::min(label, kLabelShare * width) + kGap;
  plot.width = plot.box_right - total - kGap - plot.left;
  if (plot.width <= 0) return std::nullopt;
  choose_axis(type, max_total, plot);
  return plot;
}

// The grid, the axis and its labels: 0 to plot.max in plot.step.
void draw_axis(cairo_t* cr, const Typesetter& type, const Plot& plot) {
  const double bottom = plot.top + plot.height;
  const auto ticks = static_cast<long long>(std::llround(plot.max / plot.step));
  for (long long k = 0; k <= ticks; ++k) {
    const double value = static_cast<double>(k) * plot.step;
    const double at = plot.left + plot.width * value / plot.max;
    if (k > 0) rule(cr, kGridGrey, at, plot.top, at, bottom);
    rule(cr, kRuleGrey, at, bottom, at, bottom + kTick);
    Layout label = type.layout(number(value), layout::kTableTextSize);
    const double label_width = Typesetter::extent(label.get()).width;
    const double left = std::clamp(at - label_width / 2, plot.box_left, plot.box_right - label_width);
    show(cr, label.get(), left, bottom + kTick);
  }
  rule(cr, kRuleGrey, plot.left, plot.top, plot.left, bottom);
  rule(cr, kRuleGrey, plot.left, bottom, plot.left + plot.width, bottom);
}

// The category's name in the room left of its bar, wrapped onto the lines its row holds.
void draw_category(cairo_t* cr, const Typesetter& type, const Plot& plot, const std::string& name,
                   double row_top) {
  const double room = plot.left - kGap - plot.box_left;
  const int lines = std::max(1, static_cast<int>(plot.pitch / type.line(plot.text_size)));
  Layout label = type.layout(name, plot.text_size, room, lines);
  const double label_height = Typesetter::extent(label.get()).height;
  show(cr, label.get(), plot.box_left, row_top + (plot.pitch - label_height) / 2);
}

// The bar of the category at `index`: its segments, their values where they fit, its total.
void draw_bar(cairo_t* cr, const Typesetter& type, const Chart& chart, const Plot& plot, std::size_t index) {
  const double row_top = plot.top + static_cast<double>(index) * plot.pitch;
  const double thickness = kBarShare * plot.pitch;
  const double middle = row_top + plot.pitch / 2;
  draw_category(cr, type, plot, chart.categories[index], row_top);
  double end = plot.left;
  for (const auto& series : chart.series) {
    const double value = value_of(series, index);
    if (value <= 0) continue;
    const double length = plot.width * value / plot.max;
    outlined(cr, series.rgb, end, middle - thickness / 2, length, thickness);
    Layout label = type.layout(number(value), plot.text_size);
    const auto ink = Typesetter::extent(label.get(), true);
    if (ink.width + kGap <= length && ink.height + 2 * kInset <= thickness) {
      show(cr, label.get(), end + length / 2 - (ink.x + ink.width / 2), middle - (ink.y + ink.height / 2));
    }
    end += length;
  }
  double total = 0;
  for (const auto& series : chart.series) total += value_of(series, index);
  Layout label = type.layout(number(total), plot.text_size);
  show(cr, label.get(), end + kGap, middle - Typesetter::extent(label.get()).height / 2);
}

// The legend centred in lines across the top of the box; returns the height it takes
// with the gap under it.
double draw_legend(cairo_t* cr, const Typesetter& type, const Chart& chart, double x, double y,
                   double width) {
  const double line = type.line(layout::kTableTextSize);
  const double swatch = kSwatchShare * line;
  const double room = width - swatch - kGap / 2;
  if (chart.series.empty() || room <= 0) return 0;
  std::vector<Layout> names;
  std::vector<std::vector<std::size_t>> lines(1);
  std::vector<double> line_widths(1, 0);
  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    names.push_back(type.layout(chart.series[i].name, layout::kTableTextSize, room));
    const double item = swatch + kGap / 2 + Typesetter::extent(names.back().get()).width;
    const double after = line_widths.back() + (lines.back().empty() ? 0 : 2 * kGap) + item;
    if (!lines.back().empty() && after > width) {
      lines.emplace_back();
      line_widths.push_back(0);
    }
    line_widths.back() += (lines.back().empty() ? 0 : 2 * kGap) + item;
    lines.back().push_back(i);
  }
  for (std::size_t l = 0; l < lines.size(); ++l) {
    const double top = y + static_cast<double>(l) * line;
    double at = x + (width - line_widths[l]) / 2;
    for (std::size_t i : lines[l]) {
      outlined(cr, chart.series[i].rgb, at, top + (line - swatch) / 2, swatch, swatch);
      show(cr, names[i].get(), at + swatch + kGap / 2, top);
      at += swatch + kGap / 2 + Typesetter::extent(names[i].get()).width + 2 * kGap;
    }
  }
  return static_cast<double>(lines.size()) * line + kGap;
}

}  // namespace

double chart_height(const Chart& chart, double /*width*/) {
  const std::size_t beyond = chart.categories.size() > kCategoriesInBaseHeight
                                 ? chart.categories.size() - kCategoriesInBaseHeight
                                 : 0;
  const double tallest = layout::kPageHeight - layout::kMarginTop - layout::kMarginBottom - kCaptionRoom;
  return std::min(layout::kChartHeight + static_cast<double>(beyond) * layout::kChartHeightPerCategory,
                  tallest);
}

void draw_chart(cairo_t* cr, const Chart& chart, double x, double y, double width, double height) {
  if (chart.categories.empty() || !(width > 2 * kInset) || !(height > 2 * kInset)) return;
  cairo_save(cr);
  cairo_rectangle(cr, x, y, width, height);
  cairo_clip(cr);
  cairo_new_path(cr);
  const Typesetter type(cr);
  const double inner_width = width - 2 * kInset;
  const double legend = draw_legend(cr, type, chart, x + kInset, y + kInset, inner_width);
  if (const auto plot =
          plan(type, chart, x + kInset, y + kInset + legend, inner_width, height - 2 * kInset - legend)) {
    draw_axis(cr, type, *plot);
    for (std::size_t i = 0; i < chart.categories.size(); ++i) draw_bar(cr, type, chart, *plot, i);
  }
  cairo_restore(cr);
}

std::string chart_png(const Chart& chart, double width, double height, int dpi) {
  const double pixels_wide = std::round(width / 25.4 * dpi);
  const double pixels_high = std::round(height / 25.4 * dpi);
  if (!(pixels_wide >= 1 && pixels_high >= 1 && pixels_wide <= kMaxImageSide &&
        pixels_high <= kMaxImageSide)) {
    throw WriteFailure(fmt::format("a chart of {:g} by {:g} mm at {} dpi is not a size an image can have",
                                   width, height, dpi));
  }
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, static_cast<int>(pixels_wide),
                                 static_cast<int>(pixels_high)),
      cairo_surface_destroy);
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()), cairo_destroy);
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  cairo_paint(cr.get());
  cairo_scale(cr.get(), dpi / 72.0, dpi / 72.0);
  draw_chart(cr.get(), chart, 0, 0, width * kPointsPerMm, height * kPointsPerMm);
  cairo_surface_flush(surface.get());
  std::string png;
  cairo_status_t status = cairo_status(cr.get());
  if (status == CAIRO_STATUS_SUCCESS) {
    status = cairo_surface_write_to_png_stream(
        surface.get(),
        [](void* closure, const unsigned char* data, unsigned int length) {
          static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
          return CAIRO_STATUS_SUCCESS;
        },
        &png);
  }
  if (status != CAIRO_STATUS_SUCCESS) {
    throw WriteFailure(std::string("the chart's image cannot be made: ") + cairo_status_to_string(status));
  }
  return png;
}

}  // namespace inspectrack::typeset
