// template, validate, import: files in, diagnostics or an import report out.
//
//   chu-prong-2021.yaml, units-chu-prong.yaml: 27 added, 0 changed, 0 unchanged
//   + unit bau-can
//   ~ task gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@ia-me: due, last_day

#include <fmt/format.h>

#include <ostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "inspectrack/app/import.hpp"
#include "inspectrack/app/spool.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/import/diagnostic.hpp"
#include "inspectrack/model/event.hpp"
#include "inspectrack/model/lifecycle.hpp"
#include "inspectrack/text/message.hpp"
#include "inspectrack/text/visible.hpp"
#include "templates.hpp"

namespace inspectrack::cli {
namespace {


// Prints the diagnostics kept, sorted by place, each file's followed by how many
// more it had.
void print_error_list(const Context& ctx, const import::Diagnostics& diags) {
  const std::string label = text::translate(ctx.lang, text::Message("error"));
  const auto sorted = diags.sorted();
  for (std::size_t n = 0; n < sorted.size(); ++n) {
    ctx.err << import::format(sorted[n].where, label, text::translate(ctx.lang, sorted[n].message)) << "\n";
    const std::string& file = sorted[n].where.file;
    if (n + 1 < sorted.size() && sorted[n + 1].where.file == file) continue;
    if (const std::size_t more = diags.dropped(file)) {
      ctx.err << import::format(
                     {file, 0, 0}, label,
                     text::translate(ctx.lang,
                                     text::Message("{0} more error(s) in this file, not shown", more)))
              << "\n";
    }
  }
}

// Prints every diagnostic, sorted by place, and a closing count.
void print_diagnostics(const Context& ctx, const import::Diagnostics& diags) {
  print_error_list(ctx, diags);
  ctx.err << text::translate(ctx.lang, text::Message("{0} error(s); nothing was written\n", diags.size()));
}

std::string entity_word(const std::string& entity, text::Lang lang) {
  return text::translate(lang, model::entity_words(entity));
}

// A changed field in words; a progress entry names the change it made ("done").
std::string field_word(const std::string& field, text::Lang lang) {
  if (model::parse_change_kind(field)) return text::translate(lang, model::event_action_words(field));
  return text::translate(lang, model::event_field_words(field));
}

using Kind = storage::Change::Kind;

// The line an import prints for one change ("" for an unchanged row).
std::string change_line_raw(const storage::Change& c, text::Lang lang) {
  const std::string what = entity_word(c.entity, lang);
  switch (c.kind) {
    case Kind::added: return fmt::format("+ {} {}\n", what, c.key);
    case Kind::changed: {
      std::string fields;
      for (const auto& f : c.fields) fields += (fields.empty() ? "" : ", ") + field_word(f, lang);
      return fmt::format("~ {} {}: {}\n", what, c.key, fields);
    }
    case Kind::missing:
      return text::translate(
          lang, text::Message("? {0} {1}: no longer in the file; kept (--prune removes it)\n", what, c.key));
    case Kind::pruned: return text::translate(lang, text::Message("- {0} {1}: removed\n", what, c.key));
    case Kind::unchanged: break;
  }
  return {};
}

// change_line_raw() as people see it: a key written into the database by other means
// may hold control characters.
std::string change_line(const storage::Change& c, text::Lang lang) {
  return text::visible(change_line_raw(c, lang));
}

void print_summary(const Context& ctx, const std::vector<std::string>& files, const app::ChangeCounts& n,
                   bool dry_run) {
  std::string names;
  for (const auto& f : files) {
    names += (names.empty() ? "" : ", ") + text::visible(f, text::Lf::escape);
  }
  const auto count = [&](Kind kind) { return n[static_cast<std::size_t>(kind)]; };
  ctx.out << text::translate(
      ctx.lang, text::Message("{0}{1}: {2} added, {3} changed, {4} unchanged, {5} missing, {6} pruned\n",
                              dry_run ? text::Message("dry run, nothing written: ") : text::Message(), names,
                              count(Kind::added), count(Kind::changed), count(Kind::unchanged),
                              count(Kind::missing), count(Kind::pruned)));
}

void print_warnings(const Context& ctx, const std::vector<text::Message>& warnings) {
  for (const auto& w : warnings) {
    ctx.err << "inspectrack: " << text::translate(ctx.lang, text::Message("warning")) << ": "
            << text::translate(ctx.lang, w) << "\n";
  }
}

// The change lines, kept until the summary that comes before them is known.
class ChangeLines final : public app::ChangeSink {
 public:
  explicit ChangeLines(text::Lang lang) : lang_(lang) {}
  void change(const storage::Change& c) override { spool_.add(change_line(c, lang_)); }
  void restart() override { spool_.clear(); }
  void copy_to(std::ostream& out) { spool_.copy_to(out); }

 private:
  text::Lang lang_;
  app::Spool spool_;
};

app::ImportRequest import_request(const Context& ctx, const std::vector<std::string>& files) {
  return {.files = files,
          .db_path = ctx.db_path,
          .limits = ctx.limits,
          .calendar = ctx.calendar,
          .as_of = ctx.as_of,
          .now = ctx.now};
}

app::ImportServices import_services(const Context& ctx) {
  app::ImportServices services;
  services.open_store = [&ctx](storage::OpenMode mode) { return open_store(ctx, mode); };
  services.calendars = [&ctx](storage::Store* store, const std::vector<std::string>& defined) {
    return load_calendars(ctx, store, defined);
  };
  services.actor = [&ctx] { return recorded_actor(ctx); };
  return services;
}

}  // namespace

int cmd_template(const Context& ctx, const std::string& kind) {
  ctx.out << template_text(kind, ctx.lang);
  return static_cast<int>(ExitCode::ok);
}

int cmd_validate(const Context& ctx, const std::vector<std::string>& files) {
  if (ctx.db_path_refused) database_path(ctx);
  const app::ValidateResult result = app::validate_files(import_request(ctx, files), import_services(ctx));
  if (!result.diagnostics.empty()) {
    print_error_list(ctx, result.diagnostics);
    ctx.err << text::translate(ctx.lang, text::Message("{0} error(s)\n", result.diagnostics.size()));
    return static_cast<int>(ExitCode::data_error);
  }
  ctx.out << text::translate(
      ctx.lang, text::Message("ok: {0} file(s), {1} calendar(s), {2} unit(s), {3} inspection(s), {4} task(s) "
                              "after fan-out, {5} progress entr(ies)\n",
                              files.size(), result.calendars, result.units, result.inspections, result.tasks,
                              result.progress));
  return static_cast<int>(ExitCode::ok);
}

int cmd_import(const Context& ctx, const ImportOptions& options) {
  if (ctx.db_path_refused) database_path(ctx);
  app::ImportRequest request = import_request(ctx, options.files);
  request.dry_run = options.dry_run;
  request.prune = options.prune;
  ChangeLines lines(ctx.lang);
  const app::ImportResult result = app::import_files(request, import_services(ctx), lines);
  if (!result.diagnostics.empty()) {
    print_diagnostics(ctx, result.diagnostics);
    return static_cast<int>(ExitCode::data_error);
  }
  print_summary(ctx, options.files, result.counts, options.dry_run);
  lines.copy_to(ctx.out);
  print_warnings(ctx, result.warnings);
  return static_cast<int>(ExitCode::ok);
}

}  // namespace inspectrack::cli
