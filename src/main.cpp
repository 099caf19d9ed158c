// The executable: hand argv, the standard streams and the environment to cli::run.
#include <iostream>
#include <string>
#include <vector>

#include "inspectrack/cli/run.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  return inspectrack::cli::run(args, std::cout, std::cerr, inspectrack::cli::read_environment());
}
