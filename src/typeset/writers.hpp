#pragma once
// The writers inside the typeset module (see typeset/write.hpp for the way in).

#include <stdexcept>
#include <string>

#include "inspectrack/typeset/document.hpp"

namespace inspectrack::typeset {

// What a writer throws when the file cannot be written; its what() is shown to the
// user after the file's name, so it says what went wrong in plain words.
struct WriteFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Office Open XML (WordprocessingML) through libzip: named styles rather than direct
// formatting, tables whose header row repeats, A4 with the decree's margins.
void write_docx(const Documents& documents, const std::string& path);

// PDF typeset with Pango and Cairo, Liberation Serif embedded.
void write_pdf(const Documents& documents, const std::string& path);

}  // namespace inspectrack::typeset
