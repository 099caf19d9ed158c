// The start-up floor of `bench/run`: a program that does nothing, linked with the
// same shared libraries as inspectrack (the loader maps and relocates each of them
// before main; ICU and libxlsxwriter, which inspectrack opens only when a command
// uses them, are not among them), so that the difference to `inspectrack --version` is what inspectrack
// itself does before it can answer.
#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <utf8proc.h>
#include <yaml-cpp/yaml.h>

#include <cstdio>

int main(int argc, char** argv) {
  // Referenced, never called: keeps every library needed even without --no-as-needed.
  if (argc > 1000) {
    SQLite::Database db(argv[0]);
    YAML::Load(argv[0]);
    std::puts(fmt::format("{}", utf8proc_version()).c_str());
    std::puts(sqlite3_libversion());
  }
  return 0;
}
