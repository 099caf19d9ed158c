// document report|reminder-letter: an official document written to a new .docx or PDF
// file. It reads as the reports do, lets app gather and render word the document,
// and typeset write it.

#include <optional>
#include <string>

#include "commands.hpp"
#include "inspectrack/app/document.hpp"
#include "inspectrack/calendar/recurrence.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/render/document.hpp"
#include "inspectrack/typeset/write.hpp"

namespace inspectrack::cli {
namespace {

// What the command selects, from whom, and the days it names, as the use cases take them.
struct Selection {
  app::ReportRequest request;
  std::optional<std::string> office;
  std::optional<model::Date> date, reply_by;
};

typeset::Documents documents(const Context& ctx, const DocumentOptions& o, const Selection& s) {
  // A report sees the occurrences of recurring tasks a report sees.
  auto [store, calendars] = open_for_report(ctx, ctx.as_of.plus_days(calendar::kOccurrenceHorizonDays));
  if (o.kind == DocumentOptions::Kind::report) {
    const auto data = app::report_document(*store, calendars, s.request, s.office);
    return render::report_document(data, {o.chart, s.date}, ctx.lang);
  }
  const auto data = app::letter_document(*store, calendars, s.request, s.office);
  return render::letter_document(data, {o.per_unit, s.reply_by, s.date}, ctx.lang);
}

}  // namespace

int cmd_document(const Context& ctx, const DocumentOptions& o) {
  const auto format = typeset::format_of(o.output);
  if (!format) {
    throw UsageError(
        text::Message("--output '{0}': a document is written as .docx or .pdf: end the file's "
                      "name with one of them",
                      o.output));
  }
  refuse_existing(o.output);
  // The options are checked before the database is opened: a typo costs nothing.
  const Selection s{
      {ctx.as_of, to_task_filter(o.filter), to_finding_filter(o.filter), app::Sort::unit, std::nullopt},
      o.office.empty() ? std::nullopt : std::optional<std::string>(o.office),
      day_option("--date", o.date),
      day_option("--reply-by", o.reply_by)};
  const typeset::Documents docs = documents(ctx, o, s);
  create_file(ctx, o.output, [&](const std::string& temporary) { typeset::write(docs, *format, temporary); });
  return static_cast<int>(ExitCode::ok);
}

}  // namespace inspectrack::cli
