// The executable: hand argv, the standard streams and the environment to cli::run.
#include <iostream>
#include <string>
#include <vector>

#include "inspectrack/cli/run.hpp"

#if defined(__SANITIZE_ADDRESS__)
// Fontconfig, which the typeset module brings, keeps its configuration for the life of
// the process and loses 288 bytes parsing the system's: not ours to free, and freeing
// them (FcFini) while Cairo still holds fonts aborts. LeakSanitizer leaves them out.
extern "C" const char* __lsan_default_suppressions();
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
// …and says nothing of them: the end-to-end tests compare standard error.
extern "C" const char* __lsan_default_options();
extern "C" const char* __lsan_default_options() { return "print_suppressions=0"; }
#endif

int main(int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  return inspectrack::cli::run(args, std::cout, std::cerr, inspectrack::cli::read_environment());
}
