#include "chart.hpp"

#include "writers.hpp"

namespace inspectrack::typeset {

double chart_height(const Chart&, double) { return 0; }
void draw_chart(cairo_t*, const Chart&, double, double, double, double) {}
std::string chart_png(const Chart&, double, double, int) { throw WriteFailure("charts are not drawn yet"); }

}  // namespace inspectrack::typeset
