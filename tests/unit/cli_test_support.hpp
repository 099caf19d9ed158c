#pragma once
// The command line run in-process, with string streams and an environment of its own
// (a database in a temporary directory, the clock of the history pinned, English):
// shared by the cli unit tests.

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "inspectrack/cli/run.hpp"
#include "temp_dir.hpp"

namespace test_support {

// What one run printed and returned.
struct Ran {
  int status = -1;
  std::string out, err;
};

// examples/NAME in the source tree.
inline std::string example(const std::string& name) {
  return std::string(INSPECTRACK_SOURCE_DIR) + "/examples/" + name;
}

class Cli {
 public:
  Cli() {
    env.inspectrack_db = dir.file("test.db");
    env.home = dir.path().string();
    env.user = "tester";
    env.now = "2021-07-26T01:00:00Z";
    env.lang = "C";
  }

  // Runs `inspectrack WORDS…`.
  Ran run(std::vector<std::string> words) const {
    words.insert(words.begin(), "inspectrack");
    std::ostringstream out, err;
    Ran ran;
    ran.status = inspectrack::cli::run(words, out, err, env);
    ran.out = out.str();
    ran.err = err.str();
    return ran;
  }

  // Runs `inspectrack WORDS…`, which must succeed (exit 0) with nothing on stderr.
  Ran ok(const std::vector<std::string>& words) const {
    Ran ran = run(words);
    INFO(ran.err);
    CHECK(ran.status == 0);
    CHECK(ran.err.empty());
    return ran;
  }

  // The units and inspection of Chư Prông imported, as of 2021-07-26.
  void import_chu_prong() const {
    const Ran ran = run({"import", "--as-of", "2021-07-26", example("units-chu-prong.yaml"),
                         example("chu-prong-2021.yaml")});
    INFO(ran.err);
    REQUIRE(ran.status == 0);
  }

  TempDir dir;
  inspectrack::cli::Environment env;
};

// The two lines of a usage error: its message, then where to read the usage.
inline std::string usage_error(const std::string& message) {
  return "inspectrack: error: " + message +
         "\nRun 'inspectrack --help' (or 'inspectrack COMMAND --help') for usage.\n";
}

// `words` then --as-of 2021-07-26.
inline std::vector<std::string> as_of(std::vector<std::string> words) {
  words.insert(words.end(), {"--as-of", "2021-07-26"});
  return words;
}

// A usage error (exit 64) saying `message`, with nothing on stdout.
inline void check_usage_error(const Ran& ran, const std::string& message) {
  CHECK(ran.status == 64);
  CHECK(ran.out.empty());
  CHECK(ran.err == usage_error(message));
}

inline bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace test_support
