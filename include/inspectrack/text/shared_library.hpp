#pragma once
// A shared library opened at its first use (dlopen) rather than linked: the loader
// relocates a linked library at every start, and ICU's and libxlsxwriter's (with
// libcrypto) symbol lookups cost more than the rest of a cron start together.

#include <string>

namespace inspectrack::text {

class SharedLibrary {
 public:
  // Opens `soname` (e.g. "libxlsxwriter.so.4"), which the Debian package `package`
  // provides. Throws Error (ExitCode::unavailable) naming the package when it cannot be
  // loaded. The library stays loaded for the life of the process.
  SharedLibrary(std::string soname, std::string package);

  // The address of the function `name` in the library or the libraries it needs.
  // Throws Error (ExitCode::unavailable) naming the package when there is none.
  void* symbol(const char* name) const;

  // `symbol(name)` as a pointer of the function's type.
  template <typename Function>
  Function function(const char* name) const {
    return reinterpret_cast<Function>(symbol(name));
  }

 private:
  std::string soname_;
  std::string package_;
  void* handle_;
};

// The table of function pointers `Table` that `fill` looks up in `soname`, loaded at
// the first call and kept; a call after a failure tries again. Throws as SharedLibrary.
template <typename Table>
const Table& functions(const char* soname, const char* package, void (*fill)(const SharedLibrary&, Table&)) {
  static const Table table = [&] {
    const SharedLibrary library(soname, package);
    Table t{};
    fill(library, t);
    return t;
  }();
  return table;
}

}  // namespace inspectrack::text
