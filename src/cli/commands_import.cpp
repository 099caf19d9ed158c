// template, validate, import: files in, diagnostics or an import report out.
//
//   chu-prong-2021.yaml, units-chu-prong.yaml: 27 added, 0 changed, 0 unchanged
//   + unit bau-can
//   ~ task gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@ia-me: due, last_day

#include <array>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <optional>
#include <thread>
#include <variant>

#include <fmt/format.h>

#include "commands.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/import/document.hpp"
#include "inspectrack/calendar/recurrence.hpp"
#include "inspectrack/import/resolve.hpp"
#include "inspectrack/import/shipped_calendar.hpp"
#include "inspectrack/storage/sqlite_store.hpp"
#include "inspectrack/text/visible.hpp"
#include "templates.hpp"

namespace inspectrack::cli {
namespace {

using text::tr;

// Prints the diagnostics kept, sorted by place, each file's followed by how many
// more it had.
void print_error_list(const Context& ctx, const import::Diagnostics& diags) {
  const char* label = tr(ctx.lang, "error", "lỗi");
  const auto sorted = diags.sorted();
  for (std::size_t n = 0; n < sorted.size(); ++n) {
    ctx.err << import::format(sorted[n].where, label, text::translate(ctx.lang, sorted[n].message)) << "\n";
    const std::string& file = sorted[n].where.file;
    if (n + 1 < sorted.size() && sorted[n + 1].where.file == file) continue;
    if (const std::size_t more = diags.dropped(file)) {
      ctx.err << import::format(
                     {file, 0, 0}, label,
                     fmt::format(fmt::runtime(tr(ctx.lang, "{} more error(s) in this file, not shown",
                                                 "còn {} lỗi khác trong tệp này, không hiển thị")),
                                 more))
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

using Kind = storage::Change::Kind;

// The line an import prints for one change ("" for an unchanged row).
std::string change_line_raw(const storage::Change& c, text::Lang lang) {
  const char* what = entity_word(c.entity, lang);
  switch (c.kind) {
    case Kind::added: return fmt::format("+ {} {}\n", what, c.key);
    case Kind::changed: {
      std::string fields;
      for (const auto& f : c.fields) fields += (fields.empty() ? "" : ", ") + f;
      return fmt::format("~ {} {}: {}\n", what, c.key, fields);
    }
    case Kind::missing:
      return fmt::format(fmt::runtime(tr(lang, "? {} {}: no longer in the file; kept (--prune removes it)\n",
                                         "? {} {}: không còn trong tệp; vẫn giữ lại (--prune để xóa)\n")),
                         what, c.key);
    case Kind::pruned:
      return fmt::format(fmt::runtime(tr(lang, "- {} {}: removed\n", "- {} {}: đã xóa\n")), what, c.key);
    case Kind::unchanged: break;
  }
  return {};
}

// change_line_raw() as people see it: a key written into the database by other means
// may hold control characters.
std::string change_line(const storage::Change& c, text::Lang lang) {
  return text::visible(change_line_raw(c, lang));
}

// How many changes of each kind (storage::Change::Kind order).
using Counts = std::array<std::size_t, 5>;

void print_summary(const Context& ctx, const std::vector<std::string>& files, const Counts& n,
                   bool dry_run) {
  std::string names;
  for (const auto& f : files) {
    names += (names.empty() ? "" : ", ") + text::visible(f, text::Lf::escape);
  }
  const auto count = [&](Kind kind) { return n[static_cast<std::size_t>(kind)]; };
  ctx.out << fmt::format(
      fmt::runtime(tr(ctx.lang, "{}{}: {} added, {} changed, {} unchanged, {} missing, {} pruned\n",
                      "{}{}: {} thêm mới, {} thay đổi, {} không đổi, {} không còn trong tệp, {} đã xóa\n")),
      dry_run ? tr(ctx.lang, "dry run, nothing written: ", "chạy thử, không ghi gì: ") : "", names,
      count(Kind::added), count(Kind::changed), count(Kind::unchanged), count(Kind::missing),
      count(Kind::pruned));
}

void print_warnings(const Context& ctx, const storage::ImportOutcome& outcome);

void print_outcome(const Context& ctx, const std::vector<std::string>& files,
                   const storage::ImportOutcome& outcome, bool dry_run) {
  Counts n{};
  for (const auto& c : outcome.changes) ++n[static_cast<std::size_t>(c.kind)];
  print_summary(ctx, files, n, dry_run);
  for (const auto& c : outcome.changes) ctx.out << change_line(c, ctx.lang);
  print_warnings(ctx, outcome);
}

void print_warnings(const Context& ctx, const storage::ImportOutcome& outcome) {
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
  if (ctx.db_path_refused) database_path(ctx);
  import::Diagnostics diags;
  Loaded loaded;
  for (const auto& file : files) {
    if (auto doc = import::load_document(file, ctx.limits, diags)) {
      loaded.documents.push_back(std::move(*doc));
    }
  }
  if (diags.empty()) {
    std::unique_ptr<storage::Store> store;
    if (std::filesystem::exists(ctx.db_path)) store = open_store(ctx, storage::OpenMode::read_only);
    loaded.plan =
        import::resolve(loaded.documents, resolve_context(ctx, store.get(), loaded.documents), diags);
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

namespace {

// Every file read and checked first, then resolved together and stored in one go:
// an import into a new database, or one whose files redefine units after an inspection.
int import_whole(const Context& ctx, const ImportOptions& options) {
  // Validate the files before touching the database, so that a bad file never
  // creates an empty database either.
  import::Diagnostics diags;
  std::vector<import::Document> documents;
  for (const auto& file : options.files) {
    if (auto doc = import::load_document(file, ctx.limits, diags)) {
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
  auto plan = import::resolve(documents, known, diags);
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
    storage::OpenOptions memory;
    memory.lang = ctx.lang;
    store = options.dry_run ? storage::open_memory(memory) : open_store(ctx, storage::OpenMode::read_write);
  }

  storage::ImportOptions store_options;
  store_options.dry_run = options.dry_run;
  store_options.prune = options.prune;
  store_options.actor = recorded_actor(ctx);
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


// --- an import into an existing database, one file at a time ------------------------

// The changes' lines, kept in a temporary file until the summary line, which must come
// first, is known: an import of a million tasks prints a million lines.
class Spool {
 public:
  Spool() : file_(std::tmpfile()) {}
  ~Spool() {
    if (file_ != nullptr) std::fclose(file_);
  }
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;

  void add(const std::string& line) {
    if (line.empty()) return;
    if (file_ == nullptr || std::fwrite(line.data(), 1, line.size(), file_) != line.size()) {
      memory_ += line;  // no temporary file: held, as an import of everything at once does
    }
  }
  void copy_to(std::ostream& out) {
    if (file_ != nullptr) {
      std::fflush(file_);
      std::rewind(file_);
      char buffer[64 * 1024];
      std::size_t n = 0;
      while ((n = std::fread(buffer, 1, sizeof buffer, file_)) > 0) {
        out.write(buffer, static_cast<std::streamsize>(n));
      }
    }
    out << memory_;
  }

 private:
  std::FILE* file_;
  std::string memory_;
};

// Documents handed from the thread that reads and parses the files to the one that
// resolves and stores them, in file order, at most `capacity` waiting: memory holds a
// few files, never all of them.
template <typename T>
class Channel {
 public:
  explicit Channel(std::size_t capacity) : capacity_(capacity) {}

  // False once the reader gave up: stop producing.
  bool push(T item) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return closed_ || queue_.size() < capacity_; });
    if (closed_) return false;
    queue_.push_back(std::move(item));
    not_empty_.notify_one();
    return true;
  }
  // The next item; nullopt when the producer is done and nothing is left.
  std::optional<T> pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return done_ || !queue_.empty(); });
    if (queue_.empty()) return std::nullopt;
    T item = std::move(queue_.front());
    queue_.pop_front();
    not_full_.notify_one();
    return item;
  }
  void done() {
    std::lock_guard lock(mutex_);
    done_ = true;
    not_empty_.notify_all();
  }
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_full_.notify_all();
  }

 private:
  std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable not_full_, not_empty_;
  std::deque<T> queue_;
  bool done_ = false;
  bool closed_ = false;
};

struct LoadedFile {
  std::string path;
  std::optional<import::Document> doc;
  import::Diagnostics diags;
  std::exception_ptr error;  // the file could not be read (66): rethrown in order
  bool progress = false;     // looks like a progress file: read at the end, when it applies
};

// Whether the file's first key is `progress:` (after a BOM, blank and comment lines).
// Only saves reading it twice: a file that says so wrongly is read at the end anyway.
bool looks_like_progress(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  char buffer[4096];
  const std::size_t n = std::fread(buffer, 1, sizeof buffer, f);
  std::fclose(f);
  std::string_view text(buffer, n);
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    const std::size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line[first] == '#') continue;
    return line.starts_with("progress:");
  }
  return false;
}

// Reads and parses the files on a thread of its own while the caller stores the ones
// before: parsing and SQLite each keep one core busy.
class Reader {
 public:
  Reader(const std::vector<std::string>& files, import::Limits limits)
      : channel_(2), thread_([this, files, limits] { run(files, limits); }) {}
  ~Reader() {
    channel_.close();
    thread_.join();
  }
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  std::optional<LoadedFile> next() { return channel_.pop(); }

  // A file the caller is done with, freed on the reader's thread (before it reads the
  // next), where it was allocated: the thread that stores has the more to do.
  // Called from a destructor: never throws (a file it cannot hand over is freed here).
  void recycle(LoadedFile&& spent) noexcept {
    try {
      std::lock_guard lock(spent_mutex_);
      spent_.push_back(std::move(spent));
    } catch (...) {
    }
  }

 private:
  void free_spent() {
    std::vector<LoadedFile> spent;
    {
      std::lock_guard lock(spent_mutex_);
      spent.swap(spent_);
    }
  }

  void run(const std::vector<std::string>& files, const import::Limits& limits) {
    for (const std::string& file : files) {
      free_spent();
      LoadedFile loaded;
      loaded.path = file;
      loaded.progress = looks_like_progress(file);
      if (!loaded.progress) {
        try {
          loaded.doc = import::load_document(file, limits, loaded.diags);
        } catch (...) {
          loaded.error = std::current_exception();
        }
      }
      const bool failed = loaded.error != nullptr;
      if (!channel_.push(std::move(loaded)) || failed) break;
    }
    channel_.done();
  }

  std::mutex spent_mutex_;
  std::vector<LoadedFile> spent_;  // recycled, not yet freed
  Channel<LoadedFile> channel_;
  std::thread thread_;  // last: starts once the members it uses are there
};


// The units `doc` defines that no file before it in the import did (`stored`: their
// keys, updated), as storage takes them: each unit is counted once, as when every file
// is resolved at once.
std::vector<model::Unit> new_units(const import::Document& doc, std::set<std::string>& stored) {
  std::vector<model::Unit> out;
  for (const auto& entry : doc.units) {
    if (!entry.unit.key.empty() && stored.insert(entry.unit.key).second) out.push_back(entry.unit);
  }
  return out;
}

// The import of import_whole(), into an existing database, holding one file (and the
// few read ahead) at a time instead of all of them; nullopt when a file redefines units
// or a calendar after an inspection was stored, which only import_whole() resolves
// the way the format says (against every file's units): everything was rolled back.
std::optional<int> import_streaming(const Context& ctx, const ImportOptions& options) {
  // The first files are read and parsed while this thread opens the database and loads
  // what the files are resolved against (every unit: 50 ms for 13,500 of them). Nothing
  // read is looked at before the database is open, so its errors still come first.
  Reader reader(options.files, ctx.limits);
  // A dry run works on a copy: not even an older schema is upgraded in the file.
  auto store = open_store(ctx, options.dry_run ? storage::OpenMode::scratch : storage::OpenMode::read_write);
  import::ResolveContext known;
  known.known_units = store->units();
  known.calendars = load_calendars(ctx, store.get());
  known.default_calendar = default_calendar(ctx);
  known.limits = ctx.limits;

  // The registry the deadlines are computed with: the files' calendars are added to it
  // once they are all known.
  calendar::CalendarRegistry calendars = known.calendars;
  storage::ImportOptions store_options;
  store_options.dry_run = options.dry_run;
  store_options.prune = options.prune;
  store_options.actor = recorded_actor(ctx);
  store_options.now = ctx.now;
  store_options.calendars = &calendars;
  store_options.shipped = &import::shipped_calendar();
  store_options.occurrences_until = ctx.as_of.plus_days(calendar::kOccurrenceHorizonDays);
  store_options.as_of = ctx.as_of;

  Counts counts{};
  Spool spool;
  auto session = store->begin_import(store_options, [&](const storage::Change& c) {
    ++counts[static_cast<std::size_t>(c.kind)];
    spool.add(change_line(c, ctx.lang));
  });

  import::StreamResolver resolver(known);
  import::Diagnostics load_errors;  // the files' own problems, in file order
  bool defined = false;             // the definitions were stored: inspections follow
  std::set<std::string> stored_units;  // the keys of the units given to the session
  const auto store_definitions = [&] {
    import::Definitions definitions = resolver.definitions();
    for (const auto& c : definitions.calendars) calendars.add(c.spec);
    for (const auto& u : definitions.units) stored_units.insert(u.key);
    if (load_errors.empty() && !resolver.failed()) {
      session->definitions(definitions.calendars, definitions.units);
    }
    defined = true;
  };
  // Progress files, in file order: a path to read at the end, or entries already read.
  std::vector<std::variant<std::string, std::vector<import::ProgressEntry>>> progress;
  while (auto loaded = reader.next()) {
    // However the iteration ends, the file goes back to the reader to be freed.
    struct Recycle {
      Reader& reader;
      LoadedFile& file;
      ~Recycle() { reader.recycle(std::move(file)); }
    } recycle{reader, *loaded};
    if (loaded->error) std::rethrow_exception(loaded->error);
    load_errors.append(loaded->diags);
    if (loaded->progress) {
      progress.emplace_back(loaded->path);
      continue;
    }
    if (!loaded->doc) continue;
    import::Document& doc = *loaded->doc;
    if (defined && resolver.changes_definitions(doc)) return std::nullopt;
    const bool clean = load_errors.empty() && !resolver.failed();
    resolver.define(doc);
    if (doc.inspection) {
      if (!defined) {
        store_definitions();
      } else if (!doc.units.empty() && clean) {
        session->units(new_units(doc, stored_units));  // known already, the same: unchanged
      }
      auto plan = resolver.inspection(doc);
      if (plan && load_errors.empty() && !resolver.failed()) session->inspection(*plan);
    } else if (defined && !doc.units.empty() && clean) {
      session->units(new_units(doc, stored_units));
    }
    if (!doc.progress.empty()) progress.emplace_back(std::move(doc.progress));
  }
  if (!defined) store_definitions();
  for (auto& p : progress) {
    std::vector<import::ProgressEntry> entries;
    if (auto* path = std::get_if<std::string>(&p)) {
      import::Diagnostics diags;
      auto doc = import::load_document(*path, ctx.limits, diags);
      load_errors.append(diags);
      if (!doc) continue;
      // Not a progress file after all: it may define units, or be an inspection.
      if (doc->kind != import::DocumentKind::progress) return std::nullopt;
      entries = std::move(doc->progress);
    } else {
      entries = std::move(std::get<std::vector<import::ProgressEntry>>(p));
    }
    if (load_errors.empty() && !resolver.failed()) session->progress(entries);
  }

  if (!load_errors.empty()) {
    print_diagnostics(ctx, load_errors);
    return static_cast<int>(ExitCode::data_error);
  }
  import::Diagnostics resolve_errors;
  resolver.report(resolve_errors);
  if (!resolve_errors.empty()) {
    print_diagnostics(ctx, resolve_errors);
    return static_cast<int>(ExitCode::data_error);
  }
  const storage::ImportOutcome outcome = session->finish();
  if (!outcome.progress_errors.empty()) {
    // A refused progress entry: the whole import was rolled back.
    import::Diagnostics refused;
    for (const auto& d : outcome.progress_errors) refused.error(d.where, d.message);
    print_diagnostics(ctx, refused);
    return static_cast<int>(ExitCode::data_error);
  }
  print_summary(ctx, options.files, counts, options.dry_run);
  spool.copy_to(ctx.out);
  print_warnings(ctx, outcome);
  return static_cast<int>(ExitCode::ok);
}

}  // namespace

int cmd_import(const Context& ctx, const ImportOptions& options) {
  if (ctx.db_path_refused) database_path(ctx);
  // An existing database takes the files one at a time, read ahead by a second thread
  // while this one stores: memory holds a few files, not all of them. A new database
  // (a refused import must not leave one behind) and --calendar (it may name a calendar
  // one of the files defines) take them all at once.
  if (std::filesystem::exists(ctx.db_path) && ctx.calendar.empty()) {
    if (const auto status = import_streaming(ctx, options)) return *status;
  }
  return import_whole(ctx, options);
}

}  // namespace inspectrack::cli
