#pragma once
// The .docx writer with its chart images supplied by the caller: write_docx (writers.hpp)
// passes chart.hpp's drawing; the tests pass an image of their own.

#include <functional>
#include <string>

#include "inspectrack/typeset/document.hpp"

namespace inspectrack::typeset {

// A chart as an image: the bytes of a PNG and the size it is shown at, in millimetres.
struct ChartImage {
  std::string png;
  double width = 0;
  double height = 0;
};

// Makes the image of `chart` for a text column `width` mm wide; throws WriteFailure.
using ChartImager = std::function<ChartImage(const Chart& chart, double width)>;

// write_docx (writers.hpp) with each chart's image made by `image`. The package is
// written whole to `path` (libzip writes a temporary beside it and renames it) or not
// at all; failures are WriteFailure naming what failed.
void write_docx(const Documents& documents, const std::string& path, const ChartImager& image);

}  // namespace inspectrack::typeset
