#include <doctest/doctest.h>

#include <string>

#include "inspectrack/error.hpp"
#include "inspectrack/text/shared_library.hpp"

using inspectrack::Error;
using inspectrack::ExitCode;
using inspectrack::text::SharedLibrary;

TEST_CASE("shared_library: a library the system has gives its functions") {
  // libc is always loaded; its soname on glibc systems.
  const SharedLibrary libc("libc.so.6", "libc6");
  using Strlen = std::size_t (*)(const char*);
  CHECK(libc.function<Strlen>("strlen")("năm") == 4);
}

TEST_CASE("shared_library: a missing library names the package to install") {
  try {
    SharedLibrary("libinspectrack-nowhere.so.0", "inspectrack-nowhere0");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::unavailable);
    const std::string what = e.what();
    CHECK(what.find("the library libinspectrack-nowhere.so.0 could not be loaded: install the package "
                    "inspectrack-nowhere0 (") == 0);
    CHECK(what.find("libinspectrack-nowhere.so.0: cannot open shared object file") != std::string::npos);
  }
}

TEST_CASE("shared_library: a missing function names the package too") {
  const SharedLibrary libc("libc.so.6", "libc6");
  try {
    libc.symbol("inspectrack_no_such_function");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::unavailable);
    CHECK(std::string(e.what()).find("install the package libc6 (") != std::string::npos);
    CHECK(std::string(e.what()).find("inspectrack_no_such_function") != std::string::npos);
  }
}

namespace {
struct Libc {
  std::size_t (*strlen)(const char*);
};
int fills = 0;
}  // namespace

TEST_CASE("shared_library: functions() fills its table at the first call only") {
  const auto fill = [](const SharedLibrary& library, Libc& table) {
    ++fills;
    table.strlen = library.function<std::size_t (*)(const char*)>("strlen");
  };
  const Libc& first = inspectrack::text::functions<Libc>("libc.so.6", "libc6", fill);
  const Libc& second = inspectrack::text::functions<Libc>("libc.so.6", "libc6", fill);
  CHECK(&first == &second);
  CHECK(fills == 1);
  CHECK(second.strlen("Đ") == 2);
}
