// template, validate, import: files in, diagnostics or an import report out.
//
//   chu-prong-2021.yaml, units-chu-prong.yaml: 27 added, 0 changed, 0 unchanged
//   + unit bau-can
//   ~ task gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@ia-me: due, last_day

#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "commands.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/import/document.hpp"
#include "inspectrack/calendar/recurrence.hpp"
#include "inspectrack/import/resolve.hpp"
#include "inspectrack/import/shipped_calendar.hpp"
#include "inspectrack/storage/sqlite_store.hpp"
#include "templates.hpp"

namespace inspectrack::cli {
namespace {

using text::tr;

// Prints the diagnostics kept, sorted by place, each file's followed by how many
// more it had.
void print_error_list(const Context& ctx, const import::Diagnostics& diags) {
  const bool vi = ctx.lang == text::Lang::vi;
  const auto sorted = diags.sorted();
  for (std::size_t n = 0; n < sorted.size(); ++n) {
    ctx.err << import::format(sorted[n], vi) << "\n";
    const std::string& file = sorted[n].where.file;
    if (n + 1 < sorted.size() && sorted[n + 1].where.file == file) continue;
    if (const std::size_t more = diags.dropped(file)) {
      ctx.err << import::format(
                     {{file, 0, 0},
                      fmt::format(fmt::runtime(tr(ctx.lang,
                                                  "{} more error(s) in this file, not shown",
                                                  "còn {} lỗi khác trong tệp này, không hiển thị")),
                                  more)},
                     vi)
              << "\n";
    }
  }
}

// Prints every diagnostic, sorted by place, and a closing count.
void print_diagnostics(const Context& ctx, const import::Diagnostics& diags) {
  print_error_list(ctx, diags);
  ctx.err << fmt::format(fmt::runtime(tr(ctx.lang, "{} error(s); nothing was written\n",
                                         "{} lỗi; không ghi gì vào cơ sở dữ liệu\n")),
                         diags.size());
}

struct Loaded {
  std::vector<import::Document> documents;
  std::optional<import::ImportPlan> plan;
};

// Loads and resolves every file against `known_units`; prints diagnostics.
// The keys of the calendars the files define.
std::vector<std::string> calendar_keys(const std::vector<import::Document>& documents) {
  std::vector<std::string> keys;
  for (const auto& doc : documents) {
    if (doc.calendar) keys.push_back(doc.calendar->spec.key);
  }
  return keys;
}

// What the files are resolved against: the units and calendars of `store` (when
// there is a database) and the shipped calendar.
import::ResolveContext resolve_context(const Context& ctx, storage::Store* store,
                                       const std::vector<import::Document>& documents) {
  import::ResolveContext known;
  if (store != nullptr) known.known_units = store->units();
  known.calendars = load_calendars(ctx, store, calendar_keys(documents));
  known.default_calendar = default_calendar(ctx);
  known.limits = ctx.limits;
  return known;
}

const char* entity_word(const std::string& entity, text::Lang lang) {
  if (entity == "unit") return tr(lang, "unit", "đơn vị");
  if (entity == "inspection") return tr(lang, "inspection", "đợt kiểm tra");
  if (entity == "finding") return tr(lang, "finding", "tồn tại");
  if (entity == "task") return tr(lang, "task", "nhiệm vụ");
  if (entity == "calendar") return tr(lang, "calendar", "lịch");
  return entity.c_str();
}

void print_outcome(const Context& ctx, const std::vector<std::string>& files,
                   const storage::ImportOutcome& outcome, bool dry_run) {
  using Kind = storage::Change::Kind;
  std::string names;
  for (const auto& f : files) names += (names.empty() ? "" : ", ") + f;
  ctx.out << fmt::format(
      fmt::runtime(tr(ctx.lang, "{}{}: {} added, {} changed, {} unchanged, {} missing, {} pruned\n",
                      "{}{}: {} thêm mới, {} thay đổi, {} không đổi, {} không còn trong tệp, {} đã xóa\n")),
      dry_run ? tr(ctx.lang, "dry run, nothing written: ", "chạy thử, không ghi gì: ") : "", names,
      outcome.count(Kind::added), outcome.count(Kind::changed), outcome.count(Kind::unchanged),
      outcome.count(Kind::missing), outcome.count(Kind::pruned));
  for (const auto& c : outcome.changes) {
    const char* what = entity_word(c.entity, ctx.lang);
    switch (c.kind) {
      case Kind::added: ctx.out << fmt::format("+ {} {}\n", what, c.key); break;
      case Kind::changed: {
        std::string fields;
        for (const auto& f : c.fields) fields += (fields.empty() ? "" : ", ") + f;
        ctx.out << fmt::format("~ {} {}: {}\n", what, c.key, fields);
        break;
      }
      case Kind::missing:
        ctx.out << fmt::format(
            fmt::runtime(tr(ctx.lang, "? {} {}: no longer in the file; kept (--prune removes it)\n",
                            "? {} {}: không còn trong tệp; vẫn giữ lại (--prune để xóa)\n")),
            what, c.key);
        break;
      case Kind::pruned:
        ctx.out << fmt::format(fmt::runtime(tr(ctx.lang, "- {} {}: removed\n", "- {} {}: đã xóa\n")), what,
                               c.key);
        break;
      case Kind::unchanged: break;
    }
  }
  for (const auto& w : outcome.warnings) {
    ctx.err << "inspectrack: " << tr(ctx.lang, "warning", "cảnh báo") << ": " << w << "\n";
  }
  for (const auto& r : outcome.refusals) {
    ctx.err << "inspectrack: " << tr(ctx.lang, "warning", "cảnh báo") << ": " << r << "\n";
  }
}

}  // namespace

int cmd_template(const Context& ctx, const std::string& kind) {
  ctx.out << template_text(kind, ctx.lang);
  return static_cast<int>(ExitCode::ok);
}

int cmd_validate(const Context& ctx, const std::vector<std::string>& files) {
  // References are checked against the units already registered when a database
  // exists; validate never creates or writes one.
  import::Diagnostics diags;
  Loaded loaded;
  for (const auto& file : files) {
    if (auto doc = import::load_document(file, ctx.lang, ctx.limits, diags)) {
      loaded.documents.push_back(std::move(*doc));
    }
  }
  if (diags.empty()) {
    std::unique_ptr<storage::Store> store;
    if (std::filesystem::exists(ctx.db_path)) store = open_store(ctx, storage::OpenMode::read_only);
    loaded.plan = import::resolve(loaded.documents, resolve_context(ctx, store.get(), loaded.documents),
                                  ctx.lang, diags);
  }
  if (!diags.empty()) {
    print_error_list(ctx, diags);
    ctx.err << fmt::format(fmt::runtime(tr(ctx.lang, "{} error(s)\n", "{} lỗi\n")), diags.size());
    return static_cast<int>(ExitCode::data_error);
  }
  std::size_t tasks = 0;
  for (const auto& i : loaded.plan->inspections) tasks += i.tasks.size() + i.series.size();
  ctx.out << fmt::format(
      fmt::runtime(tr(ctx.lang,
                      "ok: {} file(s), {} calendar(s), {} unit(s), {} inspection(s), {} task(s) after "
                      "fan-out, {} progress entr(ies)\n",
                      "hợp lệ: {} tệp, {} lịch, {} đơn vị, {} đợt kiểm tra, {} nhiệm vụ sau khi phân cho từng "
                      "đơn vị, {} mục tiến độ\n")),
      files.size(), loaded.plan->calendars.size(), loaded.plan->units.size(),
      loaded.plan->inspections.size(), tasks, loaded.plan->progress.size());
  return static_cast<int>(ExitCode::ok);
}

int cmd_import(const Context& ctx, const ImportOptions& options) {
  // Validate the files before touching the database, so that a bad file never
  // creates an empty database either.
  import::Diagnostics diags;
  std::vector<import::Document> documents;
  for (const auto& file : options.files) {
    if (auto doc = import::load_document(file, ctx.lang, ctx.limits, diags)) {
      documents.push_back(std::move(*doc));
    }
  }
  if (!diags.empty()) {
    print_diagnostics(ctx, diags);
    return static_cast<int>(ExitCode::data_error);
  }

  // An existing database gives the units already registered; a new one is created
  // only once the whole import is known to be valid.
  std::unique_ptr<storage::Store> store;
  // A dry run works on a copy: not even an older schema is upgraded in the file.
  if (std::filesystem::exists(ctx.db_path)) {
    store = open_store(ctx, options.dry_run ? storage::OpenMode::scratch : storage::OpenMode::read_write);
  }
  const import::ResolveContext known = resolve_context(ctx, store.get(), documents);
  auto plan = import::resolve(documents, known, ctx.lang, diags);
  if (!plan) {
    print_diagnostics(ctx, diags);
    return static_cast<int>(ExitCode::data_error);
  }
  if (!store && !plan->progress.empty() && plan->inspections.empty()) {
    // Progress is recorded on imported tasks: with no database there are none, and a
    // refused file must not leave an empty database behind.
    throw StorageError(
        fmt::format(fmt::runtime(tr(ctx.lang,
                                    "database '{}' does not exist; a progress file records "
                                    "progress on imported tasks: import the inspection files first",
                                    "cơ sở dữ liệu '{}' không tồn tại; tệp tiến độ ghi tiến độ cho "
                                    "các nhiệm vụ đã nhập: hãy nhập các tệp đợt kiểm tra trước")),
                    ctx.db_path),
        ExitCode::no_input);
  }
  if (!store) {
    // A dry run against no database compares with an empty one.
    store = options.dry_run ? storage::open_sqlite(":memory:", {storage::OpenMode::read_write})
                            : open_store(ctx, storage::OpenMode::read_write);
  }

  storage::ImportOptions store_options;
  store_options.dry_run = options.dry_run;
  store_options.prune = options.prune;
  store_options.actor = ctx.actor;
  store_options.now = ctx.now;
  // The registry the deadlines were computed with, the files' calendars included.
  calendar::CalendarRegistry calendars = known.calendars;
  for (const auto& c : plan->calendars) calendars.add(c.spec);
  store_options.calendars = &calendars;
  store_options.shipped = &import::shipped_calendar();
  store_options.occurrences_until = ctx.as_of.plus_days(calendar::kOccurrenceHorizonDays);
  store_options.as_of = ctx.as_of;
  const auto outcome = store->import(*plan, store_options);
  if (!outcome.progress_errors.empty()) {
    // A refused progress entry: the whole import was rolled back.
    import::Diagnostics refused;
    for (const auto& d : outcome.progress_errors) refused.error(d.where, d.message);
    print_diagnostics(ctx, refused);
    return static_cast<int>(ExitCode::data_error);
  }
  print_outcome(ctx, options.files, outcome, options.dry_run);
  return static_cast<int>(ExitCode::ok);
}

}  // namespace inspectrack::cli
