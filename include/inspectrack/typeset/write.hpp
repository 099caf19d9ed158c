#pragma once
// Writing official documents to a file: .docx (Office Open XML) or PDF. The writers
// live in a module of their own (inspectrack-typeset.so: Pango, Cairo and libzip),
// loaded at the first document, so that no other command pays for those libraries at
// start (see ARCHITECTURE.md, "Libraries loaded at first use").

#include <optional>
#include <string>
#include <string_view>

#include "inspectrack/typeset/document.hpp"

namespace inspectrack::typeset {

enum class Format { docx, pdf };

// The format a file's name asks for by its extension, ".docx" or ".pdf" in any case;
// none for another name.
std::optional<Format> format_of(std::string_view path);

// Writes `documents`, each from a new page, to the file `path` as `format`; the file
// is created or truncated: the caller gives a fresh path (io::create_whole). Throws
// Error: ExitCode::unavailable when the module or a library it needs cannot be
// loaded (naming the package), ExitCode::cant_create when the file cannot be written.
void write(const Documents& documents, Format format, const std::string& path);

}  // namespace inspectrack::typeset
