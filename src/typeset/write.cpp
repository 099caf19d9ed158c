// The way into the typeset module from the binary: find the module, load it at the
// first document (text::SharedLibrary), call its one function.
#include "inspectrack/typeset/write.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>

#include "inspectrack/error.hpp"
#include "inspectrack/text/message.hpp"
#include "inspectrack/text/shared_library.hpp"

namespace inspectrack::typeset {

namespace {

using WriteFunction = bool (*)(const Documents*, int, const char*, std::string*);

struct Module {
  WriteFunction write = nullptr;
};

void look_up(const text::SharedLibrary& library, Module& module) {
  module.write = library.function<WriteFunction>("inspectrack_typeset_write");
}

// The module beside the running program (a build tree, or a copy installed with it),
// else where `make install` puts it.
std::string module_path() {
  std::error_code ignored;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ignored);
  if (!self.empty()) {
    const std::filesystem::path beside = self.parent_path() / INSPECTRACK_TYPESET_MODULE_NAME;
    if (std::filesystem::exists(beside, ignored)) return beside.string();
  }
  return INSPECTRACK_TYPESET_MODULE_PATH;
}

const Module& module() {
  static const std::string path = module_path();
  return text::functions<Module>(path.c_str(), INSPECTRACK_PACKAGE, look_up);
}

bool ends_with_folded(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         std::equal(suffix.begin(), suffix.end(), s.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                    [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); });
}

}  // namespace

std::optional<Format> format_of(std::string_view path) {
  if (ends_with_folded(path, ".docx")) return Format::docx;
  if (ends_with_folded(path, ".pdf")) return Format::pdf;
  return std::nullopt;
}

void write(const Documents& documents, Format format, const std::string& path) {
  std::string reason;
  if (!module().write(&documents, format == Format::docx ? 0 : 1, path.c_str(), &reason)) {
    throw Error(ExitCode::cant_create, text::Message("{0} could not be written: {1}", path, reason));
  }
}

}  // namespace inspectrack::typeset
