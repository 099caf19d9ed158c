#pragma once
// YAML text to a Node tree. The only place (with document.cpp's callers never
// needing it) that includes yaml-cpp.

#include <optional>

#include "inspectrack/import/diagnostic.hpp"
#include "inspectrack/import/source.hpp"
#include "inspectrack/import/tree.hpp"

namespace inspectrack::import {

// Parses exactly one YAML document. Each of these is an error at its line and
// column (added to `diags`, and nullopt returned):
// a syntax error; a mapping key given twice (both places named); an anchor, an
// alias or a tag (these files are typed by hand: such features only hide mistakes);
// a second document (`---`); a quoted scalar whose closing quote is missing
// (yaml-cpp would let it swallow the rest of the file); a non-scalar mapping key;
// exceeding the nesting depth, node count or scalar length of `limits`.
// An empty file gives a null root node (the caller reports what it expected).
std::optional<Node> load_yaml(const SourceFile& source, const Limits& limits, Diagnostics& diags);

}  // namespace inspectrack::import
