#pragma once
// The small family of exceptions that code which cannot continue throws.
// Only cli::run catches them and maps each to an exit code.

#include <stdexcept>
#include <string>
#include <utility>

#include "inspectrack/text/message.hpp"

namespace inspectrack {

// Exit codes: sysexits(3), as the man page's EXIT STATUS lists them.
enum class ExitCode : int {
  ok = 0,
  found = 1,         // --exit-code and something was found
  usage = 64,        // EX_USAGE
  data_error = 65,   // EX_DATAERR: invalid input data
  no_input = 66,     // EX_NOINPUT: input file or database missing/unreadable
  unavailable = 69,  // EX_UNAVAILABLE: a library the command needs is not installed
  software = 70,     // EX_SOFTWARE: internal error
  cant_create = 73,  // EX_CANTCREAT: cannot create output
  io_error = 74,     // EX_IOERR: I/O or database error
  temp_fail = 75,    // EX_TEMPFAIL: database busy, try again later
};

// Base of every error the tool throws on purpose. The message is lowercase, without
// a final period; what() is its English, the command line shows it translated.
class Error : public std::runtime_error {
 public:
  Error(ExitCode code, text::Message message)
      : std::runtime_error(message.english()), code_(code), message_(std::move(message)) {}
  // Wording a module still translates itself, shown as is in every language.
  Error(ExitCode code, const std::string& text) : Error(code, text::Message::verbatim(text)) {}
  ExitCode code() const noexcept { return code_; }
  const text::Message& message() const noexcept { return message_; }

 private:
  ExitCode code_;
  text::Message message_;
};

// Bad input data (65) or a missing/unreadable input file (66).
class InputError : public Error {
 public:
  explicit InputError(text::Message message, ExitCode code = ExitCode::data_error)
      : Error(code, std::move(message)) {}
  explicit InputError(const std::string& text, ExitCode code = ExitCode::data_error) : Error(code, text) {}
};

// The database could not be opened, read or written (66, 74, 75).
class StorageError : public Error {
 public:
  explicit StorageError(text::Message message, ExitCode code = ExitCode::io_error)
      : Error(code, std::move(message)) {}
  explicit StorageError(const std::string& text, ExitCode code = ExitCode::io_error) : Error(code, text) {}
};

// The command line is wrong (64).
class UsageError : public Error {
 public:
  explicit UsageError(text::Message message) : Error(ExitCode::usage, std::move(message)) {}
  explicit UsageError(const std::string& text) : Error(ExitCode::usage, text) {}
};

}  // namespace inspectrack
