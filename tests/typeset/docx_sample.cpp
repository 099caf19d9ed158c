// Writes the .docx sample (docx_sample.hpp) to the file named by its one argument, for
// docx_check.py.
#include <exception>
#include <iostream>

#include "docx_sample.hpp"

// Fontconfig (under Pango, which measures the head's rules) keeps its configuration and
// caches until the process ends and has no safe way to drop them: its allocations are
// not counted as leaks in the sanitizer build. Leaks of the writer's own objects still are.
extern "C" const char* __lsan_default_suppressions();
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: typeset_docx_sample FILE.docx\n";
    return 64;
  }
  try {
    inspectrack::typeset::write_docx(docx_sample::documents(), argv[1], docx_sample::image);
  } catch (const std::exception& e) {
    std::cerr << "typeset_docx_sample: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
