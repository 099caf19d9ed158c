#include "inspectrack/app/import.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <optional>
#include <utility>
#include <variant>

#include "inspectrack/calendar/recurrence.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/import/document.hpp"
#include "inspectrack/import/resolve.hpp"
#include "inspectrack/import/shipped_calendar.hpp"
#include "reader.hpp"

namespace inspectrack::app {
namespace {

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
import::ResolveContext resolve_context(const ImportRequest& request, const ImportServices& services,
                                       storage::Store* store, const std::vector<std::string>& defined) {
  import::ResolveContext known;
  if (store != nullptr) {
    known.known_units = store->units();
    known.known_offices = store->offices();
  }
  known.calendars = services.calendars(store, defined);
  if (!request.calendar.empty()) known.default_calendar = request.calendar;
  known.limits = request.limits;
  return known;
}

// The staged import session, given what the resolver makes while nothing failed, and
// counting the changes it makes.
class Staging {
 public:
  Staging(storage::Store& store, const ImportRequest& request, const ImportServices& services,
          const calendar::CalendarRegistry& known, ChangeSink& sink)
      : calendars_(known) {
    storage::ImportOptions options;
    options.dry_run = request.dry_run;
    options.prune = request.prune;
    options.actor = services.actor();
    options.now = request.now;
    // The registry the deadlines were computed with: the files' calendars are added
    // as they are known.
    options.calendars = &calendars_;
    options.shipped = &import::shipped_calendar();
    options.occurrences_until = request.as_of.plus_days(calendar::kOccurrenceHorizonDays);
    options.as_of = request.as_of;
    session_ = store.begin_import(options, [this, &sink](const storage::Change& c) {
      ++counts_[static_cast<std::size_t>(c.kind)];
      sink.change(c);
    });
  }
  Staging(const Staging&) = delete;
  Staging& operator=(const Staging&) = delete;

  // Stores what `step` gives when `clean` (else only learns its calendars: nothing
  // will be written).
  void take(const import::Step& step, bool clean) {
    if (step.definitions) {
      for (const auto& c : step.definitions->calendars) calendars_.add(c.spec);
      if (clean) {
        session_->definitions(step.definitions->calendars, step.definitions->units);
        session_->offices(step.definitions->offices);
      }
    }
    if (!clean) return;
    if (!step.units.empty()) session_->units(step.units);
    if (!step.offices.empty()) session_->offices(step.offices);
    if (step.inspection) session_->inspection(*step.inspection);
  }
  void progress(const std::vector<import::ProgressEntry>& entries) { session_->progress(entries); }

  // Commits (unless a dry run); a refused progress entry rolls everything back and
  // makes the diagnostics.
  ImportResult finish() {
    const storage::ImportOutcome outcome = session_->finish();
    ImportResult result;
    for (const auto& d : outcome.progress_errors) result.diagnostics.error(d.where, d.message);
    if (!result.diagnostics.empty()) return result;
    result.counts = counts_;
    result.warnings = outcome.warnings;
    result.warnings.insert(result.warnings.end(), outcome.refusals.begin(), outcome.refusals.end());
    return result;
  }

 private:
  calendar::CalendarRegistry calendars_;
  ChangeCounts counts_{};
  std::unique_ptr<storage::ImportSession> session_;  // last: it uses calendars_
};

ImportResult refused(import::Diagnostics diagnostics) {
  ImportResult result;
  result.diagnostics = std::move(diagnostics);
  return result;
}

// Every problem of the files at once, each once, the files in the order given: their
// own (syntax, fields: `read`) and those of what they name (unknown units, findings,
// calendars: `resolved`), so that fixing the first never reveals more.
import::Diagnostics all_problems(const ImportRequest& request, import::Diagnostics read,
                                 const import::Diagnostics& resolved) {
  read.append_new(resolved);
  read.order_files(request.files);
  return read;
}

// --- each file stored as it comes (import::Scope::as_read) ----------------------------

// A progress file: a path to read at the end, or the entries already read.
using Progress = std::variant<std::string, std::vector<import::ProgressEntry>>;

// One import into an existing database, holding one file (and the few read ahead) at a
// time; nullopt when a file changes a definition after an inspection was stored, which
// only the whole set resolves the way the format says: everything was rolled back.
class AsRead {
 public:
  AsRead(const ImportRequest& request, const ImportServices& services, ChangeSink& sink)
      // The first files are read and parsed while this thread opens the database and
      // loads what the files are resolved against (every unit: 50 ms for 13,500 of
      // them). Nothing read is looked at before the database is open, so its errors
      // still come first.
      : request_(request),
        reader_(request.files, request.limits, /*defer_progress=*/true),
        store_(services.open_store(request.dry_run ? storage::OpenMode::scratch
                                                   : storage::OpenMode::read_write)),
        known_(resolve_context(request, services, store_.get(), {})),
        staging_(*store_, request, services, known_.calendars, sink),
        resolver_(known_, import::Scope::as_read) {}

  std::optional<ImportResult> run() {
    while (auto loaded = reader_.next()) {
      // However the iteration ends, the file goes back to the reader to be freed.
      struct Recycle {
        Reader& reader;
        LoadedFile& file;
        ~Recycle() { reader.recycle(std::move(file)); }
      } recycle{reader_, *loaded};
      if (loaded->error) std::rethrow_exception(loaded->error);
      load_errors_.append(loaded->diags);
      if (loaded->progress) {
        progress_.emplace_back(loaded->path);
      } else if (loaded->doc && !take(*loaded->doc)) {
        return std::nullopt;
      }
    }
    if (auto definitions = resolver_.remaining()) {
      staging_.take({std::move(definitions), {}, {}, false, {}}, clean());
    }
    if (!apply_progress()) return std::nullopt;
    import::Diagnostics resolve_errors;
    resolver_.report(resolve_errors);
    if (!clean()) return refused(all_problems(request_, std::move(load_errors_), resolve_errors));
    return staging_.finish();
  }

 private:
  bool clean() const { return load_errors_.empty() && !resolver_.failed(); }

  // Resolves and stores `doc`; false when the import must start again.
  bool take(import::Document& doc) {
    const import::Step step = resolver_.next(doc);
    if (step.restart) return false;
    staging_.take(step, clean());
    if (!doc.progress.empty()) progress_.emplace_back(std::move(doc.progress));
    return true;
  }

  // The progress files, in file order, after every inspection; false when one was
  // not a progress file after all (it may define units, or be an inspection).
  bool apply_progress() {
    for (auto& p : progress_) {
      std::vector<import::ProgressEntry> entries;
      if (auto* path = std::get_if<std::string>(&p)) {
        import::Diagnostics diags;
        auto doc = import::load_document(*path, request_.limits, diags);
        load_errors_.append(diags);
        if (!doc) continue;
        if (doc->kind != import::DocumentKind::progress) return false;
        entries = std::move(doc->progress);
      } else {
        entries = std::move(std::get<std::vector<import::ProgressEntry>>(p));
      }
      if (clean()) staging_.progress(entries);
    }
    return true;
  }

  const ImportRequest& request_;
  Reader reader_;
  std::unique_ptr<storage::Store> store_;
  import::ResolveContext known_;
  Staging staging_;  // after store_: the session goes first
  import::StreamResolver resolver_;
  import::Diagnostics load_errors_;  // the files' own problems, in file order
  std::vector<Progress> progress_;
};

// --- the whole set first (import::Scope::whole_set) -----------------------------------

struct Held {
  std::vector<import::Document> documents;
  import::Diagnostics diags;  // the files' own problems
};

// Every file read and checked, in order; the first that cannot be read is thrown.
Held read_all(const ImportRequest& request) {
  Held held;
  Reader reader(request.files, request.limits, /*defer_progress=*/false);
  while (auto loaded = reader.next()) {
    if (loaded->error) std::rethrow_exception(loaded->error);
    held.diags.append(loaded->diags);
    if (loaded->doc) held.documents.push_back(std::move(*loaded->doc));
  }
  return held;
}

// The steps of every document, each file's definitions known before the first
// inspection; a last step with the definitions when no document had an inspection.
std::vector<import::Step> resolve_whole_set(const std::vector<import::Document>& documents,
                                            const import::ResolveContext& known,
                                            import::Diagnostics& diags) {
  import::StreamResolver resolver(known, import::Scope::whole_set);
  for (const auto& doc : documents) resolver.define(doc);
  std::vector<import::Step> steps;
  for (const auto& doc : documents) steps.push_back(resolver.next(doc));
  if (auto definitions = resolver.remaining()) steps.push_back({std::move(definitions), {}, {}, false, {}});
  resolver.report(diags);
  return steps;
}

bool any_inspection(const std::vector<import::Step>& steps) {
  for (const auto& step : steps) {
    if (step.inspection) return true;
  }
  return false;
}

bool any_progress(const std::vector<import::Document>& documents) {
  for (const auto& doc : documents) {
    if (!doc.progress.empty()) return true;
  }
  return false;
}

// The database, created only once the whole import is known to be valid.
std::unique_ptr<storage::Store> open_new(const ImportRequest& request, const ImportServices& services,
                                         bool progress_only) {
  if (progress_only) {
    // Progress is recorded on imported tasks: with no database there are none, and a
    // refused file must not leave an empty database behind.
    throw StorageError(text::Message("database '{0}' does not exist; a progress file records progress on "
                                     "imported tasks: import the inspection files first",
                                     request.db_path),
                       ExitCode::no_input);
  }
  if (!request.dry_run) return services.open_store(storage::OpenMode::read_write);
  // A dry run against no database compares with an empty one.
  return storage::open_memory(storage::OpenOptions{});
}

ImportResult import_whole_set(const ImportRequest& request, const ImportServices& services,
                              ChangeSink& sink) {
  // The files are checked before a database is made, so that a bad file never
  // creates an empty database either.
  Held held = read_all(request);
  std::unique_ptr<storage::Store> store;
  // A dry run works on a copy: not even an older schema is upgraded in the file.
  if (std::filesystem::exists(request.db_path)) {
    store = services.open_store(request.dry_run ? storage::OpenMode::scratch : storage::OpenMode::read_write);
  }
  const import::ResolveContext known =
      resolve_context(request, services, store.get(), calendar_keys(held.documents));
  import::Diagnostics diags;
  const std::vector<import::Step> steps = resolve_whole_set(held.documents, known, diags);
  if (!held.diags.empty() || !diags.empty()) {
    return refused(all_problems(request, std::move(held.diags), diags));
  }
  if (!store) store = open_new(request, services, any_progress(held.documents) && !any_inspection(steps));
  Staging staging(*store, request, services, known.calendars, sink);
  for (const auto& step : steps) staging.take(step, true);
  for (const auto& doc : held.documents) {
    if (!doc.progress.empty()) staging.progress(doc.progress);
  }
  return staging.finish();
}

// Discards the changes of a dry run nobody shows.
class NoChanges final : public ChangeSink {
 public:
  void change(const storage::Change&) override {}
  void restart() override {}
};

// What import would refuse of the progress entries of a valid set: the whole set
// imported as a dry run into a copy in memory of the database (or into an empty one,
// when the files bring the inspections), rolled back. Storage alone knows which
// changes a task's history allows, so the check is the import itself.
import::Diagnostics progress_refusals(const ImportRequest& request, const ImportServices& services,
                                      const import::ResolveContext& known,
                                      const std::vector<import::Step>& steps,
                                      const std::vector<import::Document>& documents) {
  ImportRequest dry = request;
  dry.dry_run = true;
  ImportServices quiet = services;
  quiet.actor = [] { return std::string(); };  // nothing is recorded
  std::unique_ptr<storage::Store> copy = std::filesystem::exists(request.db_path)
                                             ? services.open_store(storage::OpenMode::scratch)
                                             : storage::open_memory(storage::OpenOptions{});
  NoChanges sink;
  Staging staging(*copy, dry, quiet, known.calendars, sink);
  for (const auto& step : steps) staging.take(step, true);
  for (const auto& doc : documents) {
    if (!doc.progress.empty()) staging.progress(doc.progress);
  }
  return staging.finish().diagnostics;
}

}  // namespace

ImportResult import_files(const ImportRequest& request, const ImportServices& services,
                          ChangeSink& sink) {
  // An existing database takes the files one at a time; a new one, and --calendar,
  // take the whole set (see import.hpp).
  if (std::filesystem::exists(request.db_path) && request.calendar.empty()) {
    if (auto result = AsRead(request, services, sink).run()) return std::move(*result);
    sink.restart();
  }
  return import_whole_set(request, services, sink);
}

ValidateResult validate_files(const ImportRequest& request, const ImportServices& services) {
  ValidateResult result;
  Held held = read_all(request);
  // References are checked against the units already registered when a database
  // exists; validate never creates or writes one.
  std::unique_ptr<storage::Store> store;
  if (std::filesystem::exists(request.db_path)) store = services.open_store(storage::OpenMode::read_only);
  const import::ResolveContext known =
      resolve_context(request, services, store.get(), calendar_keys(held.documents));
  import::Diagnostics resolved;
  const auto steps = resolve_whole_set(held.documents, known, resolved);
  if (!held.diags.empty() || !resolved.empty()) {
    result.diagnostics = all_problems(request, std::move(held.diags), resolved);
    return result;
  }
  for (const auto& step : steps) {
    if (step.definitions) {
      result.calendars += step.definitions->calendars.size();
      result.units += step.definitions->units.size();
    }
    if (!step.inspection) continue;
    ++result.inspections;
    result.tasks += step.inspection->tasks.size() + step.inspection->series.size();
  }
  for (const auto& doc : held.documents) result.progress += doc.progress.size();
  // Progress with no database and no inspection to record it on is only read: import
  // refuses it for the missing database, which validate does not need.
  if (result.progress > 0 && (store || any_inspection(steps))) {
    result.diagnostics = progress_refusals(request, services, known, steps, held.documents);
  }
  return result;
}

}  // namespace inspectrack::app
