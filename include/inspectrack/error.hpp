#pragma once
// The small family of exceptions that code which cannot continue throws.
// Only cli::run catches them and maps each to an exit code.

#include <stdexcept>
#include <string>

namespace inspectrack {

// Exit codes: sysexits(3), as the man page's EXIT STATUS lists them.
enum class ExitCode : int {
  ok = 0,
  found = 1,          // --exit-code and something was found
  usage = 64,         // EX_USAGE
  data_error = 65,    // EX_DATAERR: invalid input data
  no_input = 66,      // EX_NOINPUT: input file or database missing/unreadable
  software = 70,      // EX_SOFTWARE: internal error
  cant_create = 73,   // EX_CANTCREAT: cannot create output
  io_error = 74,      // EX_IOERR: I/O or database error
  temp_fail = 75,     // EX_TEMPFAIL: database busy, try again later
};

// Base of every error the tool throws on purpose. The message is already in the
// user's language, lowercase, without a final period.
class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& message)
      : std::runtime_error(message), code_(code) {}
  ExitCode code() const noexcept { return code_; }

 private:
  ExitCode code_;
};

// Bad input data (65) or a missing/unreadable input file (66).
class InputError : public Error {
 public:
  explicit InputError(const std::string& message, ExitCode code = ExitCode::data_error)
      : Error(code, message) {}
};

// The database could not be opened, read or written (66, 74, 75).
class StorageError : public Error {
 public:
  explicit StorageError(const std::string& message, ExitCode code = ExitCode::io_error)
      : Error(code, message) {}
};

// The command line is wrong (64).
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(ExitCode::usage, message) {}
};

}  // namespace inspectrack
