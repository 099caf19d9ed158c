#pragma once
// A Chart (typeset/document.hpp) drawn with Cairo, its text set with Pango: into a PDF
// page by pdf.cpp, and as a PNG image that docx.cpp embeds.

#include <cairo.h>

#include <string>

#include "inspectrack/typeset/document.hpp"

namespace inspectrack::typeset {

// The height in millimetres a chart of `chart`'s categories takes at `width` mm.
double chart_height(const Chart& chart, double width);

// Draws `chart` (bars, axis, labels and legend, not its caption) into the box at
// (x, y) of `width` × `height`, in the units of `cr` (PDF points for pdf.cpp).
void draw_chart(cairo_t* cr, const Chart& chart, double x, double y, double width, double height);

// `chart` as the bytes of a PNG image of `width` × `height` millimetres at `dpi`.
std::string chart_png(const Chart& chart, double width, double height, int dpi = 200);

}  // namespace inspectrack::typeset
