// The one function the typeset module exports: the binary finds it with dlsym
// (src/typeset/write.cpp) and calls it with the documents built by render.
#include <exception>
#include <string>

#include "writers.hpp"

using inspectrack::typeset::Documents;

// `format` is typeset::Format as an int (0 docx, 1 pdf). Returns true when the file
// was written; otherwise false with the reason in *error.
extern "C" __attribute__((visibility("default"))) bool inspectrack_typeset_write(const Documents* documents,
                                                                                  int format, const char* path,
                                                                                  std::string* error) {
  try {
    if (format == 0) {
      inspectrack::typeset::write_docx(*documents, path);
    } else {
      inspectrack::typeset::write_pdf(*documents, path);
    }
    return true;
  } catch (const std::exception& e) {
    *error = e.what();
  } catch (...) {
    *error = "unknown failure";
  }
  return false;
}
