// Where a report goes: standard output, or a new file named with --output, as text
// or as an Excel workbook.

#include <array>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string_view>
#include <system_error>

#include "context.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/io/files.hpp"
#include "inspectrack/render/xlsx.hpp"
#include "inspectrack/text/message.hpp"
#include "inspectrack/text/visible.hpp"

namespace inspectrack::cli {
namespace {

text::Message cannot_create(const std::string& path, const text::Message& why) {
  return text::Message::with_context("a report's file", "cannot create '{0}': {1}",
                                     text::visible(path, text::Lf::escape), why);
}

// Runs `make`, which makes the new file `path` (io::create_whole); throws the Error (73)
// of a file it could not make, naming it.
void create(const std::string& path, const std::function<std::optional<io::Failure>()>& make) {
  std::optional<io::Failure> failure;
  try {
    failure = make();
  } catch (const Error& e) {
    throw Error(e.code(), cannot_create(path, e.message()));
  }
  if (failure) throw Error(ExitCode::cant_create, cannot_create(path, io::describe(*failure, path)));
}

// Sends what is written to `stream` to `buffer` while it lives.
class Redirect {
 public:
  Redirect(std::ostream& stream, std::streambuf* buffer) : stream_(stream), saved_(stream.rdbuf(buffer)) {}
  ~Redirect() { stream_.rdbuf(saved_); }
  Redirect(const Redirect&) = delete;
  Redirect& operator=(const Redirect&) = delete;

 private:
  std::ostream& stream_;
  std::streambuf* saved_;
};

// A workbook's sheet name, for each report that can be one, and its title for the
// reports that carry none in their frame (the others take the frame's, with its filters).
struct Names {
  std::string_view report;  // ReportOptions::name
  text::Message sheet;
  std::optional<text::Message> title;
};

const Names& names_of(std::string_view report) {
  using text::Message;
  static const std::array kNames = {
      Names{"overdue", Message::with_context("a sheet name", "Overdue"), std::nullopt},
      Names{"due", Message::with_context("a sheet name", "Due soon"), std::nullopt},
      Names{"summary unit", Message::with_context("a sheet name", "Summary"), std::nullopt},
      Names{"summary inspection", Message::with_context("a sheet name", "Summary"), std::nullopt},
      Names{"summary area", Message::with_context("a sheet name", "Summary"), std::nullopt},
      Names{"list tasks", Message::with_context("a sheet name", "Tasks"), std::nullopt},
      Names{"list findings", Message::with_context("a sheet name", "Findings"), std::nullopt},
      Names{"list inspections", Message::with_context("a sheet name", "Inspections"), std::nullopt},
      Names{"list units", Message::with_context("a sheet name", "Units"), std::nullopt},
      Names{"calendar", Message::with_context("a sheet name", "Days off"),
            Message::with_context("a workbook's title", "Days off and swapped working days")},
      Names{"check", Message::with_context("a sheet name", "Check"),
            Message::with_context("a workbook's title", "Database check")},
      // Not "History": Excel keeps that sheet name for itself.
      Names{"log", Message::with_context("a sheet name", "Log"),
            Message::with_context("a workbook's title", "History of changes")},
  };
  for (const Names& n : kNames) {
    if (n.report == report) return n;
  }
  return kNames.front();
}

render::SheetHead workbook_head(const Context& ctx, std::string_view report) {
  const Names& names = names_of(report);
  const text::Day as_of{ctx.as_of.year(), ctx.as_of.month(), ctx.as_of.day()};
  return {
      text::translate(ctx.lang, names.sheet), names.title ? text::translate(ctx.lang, *names.title) : std::string(),
      text::translate(ctx.lang, text::Message::with_context("a workbook's date line", "As of {0}", as_of))};
}

}  // namespace

int run_report(const Context& ctx, const ReportOptions& report,
               const std::function<int(const Context&)>& handle) {
  if (report.workbook && !report.output) {
    throw UsageError(
        text::Message("--format xlsx needs --output FILE: a workbook is never written to a terminal"));
  }
  if (report.separator != ',' && (report.workbook || report.format != render::Format::csv)) {
    throw UsageError(text::Message("--sep is CSV's separator: give --format csv too"));
  }
  Context styled = ctx;
  styled.style.separator = report.separator;
  if (!report.output) return handle(styled);
  // A file is read later, whole: tables as wide as their text, no colour.
  Context& to_file = styled;
  to_file.style.width.reset();
  to_file.style.color = false;
  if (report.workbook) return handle(to_file);
  std::ostringstream buffer;
  int code = 0;
  {
    const Redirect redirect(ctx.out, buffer.rdbuf());
    code = handle(to_file);
  }
  const std::string text = std::move(buffer).str();
  const std::string& path = *report.output;
  create(path, [&] { return io::create_whole(path, ctx.file_mode, std::string_view(text)); });
  return code;
}

void emit(const Context& ctx, const render::Dataset& data, const ReportOptions& report) {
  if (!report.workbook) {
    ctx.out << render::render(data, report.format, report_style(ctx, report), report.bom);
    return;
  }
  render::SheetHead head = workbook_head(ctx, report.name);
  // The report's own title, with its filters, as the table and markdown write it.
  if (head.title.empty()) head.title = data.frame.title;
  create_file(ctx, *report.output,
              [&](const std::string& temporary) { render::write_xlsx(data, head, ctx.lang, temporary); });
}

void refuse_existing(const std::string& path) {
  std::error_code ignored;
  if (std::filesystem::symlink_status(path, ignored).type() != std::filesystem::file_type::not_found) {
    throw Error(ExitCode::cant_create,
                cannot_create(path, io::describe({io::Refusal::exists, 0, path}, path)));
  }
}

void create_file(const Context& ctx, const std::string& path,
                 const std::function<void(const std::string& temporary)>& write) {
  create(path, [&] {
    return io::create_whole(path, ctx.file_mode,
                            [&](const std::string& temporary) -> std::optional<io::Failure> {
                              write(temporary);
                              return std::nullopt;
                            });
  });
}

}  // namespace inspectrack::cli
