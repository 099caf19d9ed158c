#pragma once
// A Chart (typeset/document.hpp) drawn with Cairo, its text set with Pango: into a PDF
// page by pdf.cpp, and as a PNG image that docx.cpp embeds.
//
// The drawing: one horizontal bar per category, top to bottom in the categories' order
// (a unit's name gets the room left of its bar), the series stacked left to right in
// their order, each segment's value inside it when it fits, the bar's total after it;
// a value axis of whole numbers under the bars with light grid lines; the legend above.
// Text is black Liberation Serif at the table's size, rules thin and dark.

#include <cairo.h>

#include <string>

#include "inspectrack/typeset/document.hpp"

namespace inspectrack::typeset {

// The height in millimetres a chart of `chart`'s categories takes at `width` mm:
// layout::kChartHeight for up to 12 categories, layout::kChartHeightPerCategory more
// for each one beyond, never more than a page's text height less room for the caption
// (beyond that the bars' labels get smaller). The width does not change it.
double chart_height(const Chart& chart, double width);

// Draws `chart` (bars, axis, labels and legend, not its caption) into the box at
// (x, y) of `width` × `height`, in the units of `cr`, which must be points (PDF points
// for pdf.cpp; chart_png scales to them). Nothing is painted outside the box (it is
// the clip). A chart without categories draws nothing: a writer leaves it out. Values
// below 0 count as 0, and so do values a series lacks for the last categories; an axis
// whose bars are all 0 runs from 0 to 1. Bars too thin for a line of text get smaller
// labels; a label too long for its room is wrapped, then ellipsized.
void draw_chart(cairo_t* cr, const Chart& chart, double x, double y, double width, double height);

// `chart` as the bytes of a PNG image of `width` × `height` millimetres at `dpi`
// (width / 25.4 × dpi pixels wide, rounded), on white, drawn as by draw_chart.
// Throws WriteFailure when the size is not positive or too large for an image, or
// when Cairo fails.
std::string chart_png(const Chart& chart, double width, double height, int dpi = 200);

}  // namespace inspectrack::typeset
