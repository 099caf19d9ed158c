#include "inspectrack/text/shared_library.hpp"

#include <dlfcn.h>

#include <utility>

#include "inspectrack/error.hpp"

namespace inspectrack::text {

namespace {

[[noreturn]] void fail(const std::string& soname, const std::string& package) {
  const char* why = dlerror();
  throw Error(ExitCode::unavailable,
              Message("the library {0} could not be loaded: install the package {1} ({2})", soname, package,
                      std::string(why ? why : "no reason given")));
}

}  // namespace

SharedLibrary::SharedLibrary(std::string soname, std::string package)
    : soname_(std::move(soname)), package_(std::move(package)) {
  // RTLD_NOW: a missing function is found here, not in the middle of a report.
  handle_ = dlopen(soname_.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle_) fail(soname_, package_);
}

void* SharedLibrary::symbol(const char* name) const {
  dlerror();
  void* address = dlsym(handle_, name);
  if (!address) fail(soname_, package_);
  return address;
}

}  // namespace inspectrack::text
