#pragma once
// Reading an input file and checking its bytes before any YAML parser sees them.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "inspectrack/import/diagnostic.hpp"

namespace inspectrack::import {

// What one input may cost. A file typed by hand stays far below each (an inspection
// of a district holds a few thousand values and a few hundred tracked tasks); a
// generated or hostile one is refused with the limit named, before it can take much
// memory or time: with every limit reached, validate and import stay under 100 MiB
// (tests/limits/peak_memory.py measures it).
struct Limits {
  std::size_t max_file_size = 16u * 1024u * 1024u;  // bytes; --max-file-size
  int max_depth = 64;                               // nesting of mappings/sequences
  std::size_t max_nodes = 200'000;                  // values (scalars, lists, mappings) in a file
  std::size_t max_scalar = 1u * 1024u * 1024u;      // bytes in one scalar
  // Tracked tasks of one inspection (one file), after fan-out, and the bytes of text
  // they hold: each tracked task keeps its own copy of its action and target, so a
  // long text fanned out to many units is multiplied. A directive to every commune of
  // the country fans out to some 10,600 tasks a line.
  std::size_t max_tasks = 100'000;
  std::size_t max_task_text = 32u * 1024u * 1024u;
  // New occurrences of recurring tasks made by one command (an import, or a report
  // whose horizon reaches them), and their text: a series from a distant past fanned
  // out to many units must not make millions of rows at once.
  std::size_t max_occurrences = 100'000;
  std::size_t max_occurrence_text = 32u * 1024u * 1024u;
};

// A file's text ready for the YAML parser: valid UTF-8, no NUL, BOM removed, CRLF
// (and lone CR) turned into LF so that line numbers match what editors show.
struct SourceFile {
  std::string path;  // as given on the command line; used in messages
  std::string text;
};

// Checks bytes that claim to be a YAML file named `path`. Problems (NUL byte,
// invalid UTF-8 — with a hint that the file looks like Windows-1258/TCVN3 and should be
// re-saved as UTF-8 —, over the size limit) are added to `diags` at their line and
// column, and nullopt is returned.
std::optional<SourceFile> check_source(const std::string& path, std::string_view bytes, const Limits& limits,
                                       Diagnostics& diags);

// Reads `path` ("-" is standard input is NOT supported) and calls check_source.
// A missing or unreadable file throws InputError with ExitCode::no_input.
std::optional<SourceFile> read_source(const std::string& path, const Limits& limits, Diagnostics& diags);

}  // namespace inspectrack::import
