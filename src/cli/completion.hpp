#pragma once
// Shell completion scripts, generated from the command line as CLI11 holds it: the
// commands, their options, the words a choice takes, file arguments. Private to the
// cli module.

#include <string>

#include <CLI/CLI.hpp>

namespace inspectrack::cli {

enum class Shell { bash, zsh };

// The completion script for `shell` of the program `root` describes (its global
// options and every command added to it). Task keys are not completed: that would
// open the database at every TAB.
std::string completion_script(Shell shell, const CLI::App& root);

}  // namespace inspectrack::cli
