#include "inspectrack/storage/sqlite_store.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <optional>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "calendars.hpp"
#include "check.hpp"
#include "importer.hpp"
#include "lifecycle.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/io/files.hpp"
#include "inspectrack/text/message.hpp"
#include "reminders.hpp"
#include "rows.hpp"
#include "schema.hpp"

namespace inspectrack::storage {
namespace {

namespace fs = std::filesystem;
using detail::kEventColumns;
using detail::kFindingColumns;
using detail::kInspectionColumns;
using detail::kOfficeColumns;
using detail::kUnitColumns;
using detail::read_event;
using detail::read_finding;
using detail::read_inspection;
using detail::read_office;
using detail::read_task;
using detail::read_unit;

constexpr int kWalAttempts = 5;        // tries of the switch to WAL after a first commit
constexpr int kWalBusyTimeoutMs = 100;  // how long each try waits for readers to finish
constexpr int kOpenAttempts = 3;       // opens of a new file another process removed meanwhile

// ---------------------------------------------------------------------------
// Errors

// SQLiteCpp reports extended codes on some paths and -1 for its own errors.
int primary_code(const SQLite::Exception& e) {
  const int code = e.getErrorCode();
  return code < 0 ? code : code & 0xff;
}

bool is_busy(const SQLite::Exception& e) {
  const int code = primary_code(e);
  return code == SQLITE_BUSY || code == SQLITE_LOCKED;
}

StorageError not_ours(const std::string& path) {
  return StorageError(text::Message("'{0}' is not an inspectrack database", path),
                      ExitCode::no_input);
}

StorageError newer_schema(const std::string& path, int version) {
  return StorageError(text::Message("database '{0}' was written by a newer inspectrack (schema version "
                                    "{1}; this one knows up to {2}); upgrade inspectrack",
                                    path, version, current_schema_version()),
                      ExitCode::no_input);
}

StorageError empty_database(const std::string& path) {
  return StorageError(text::Message("database '{0}' is empty; import a file first", path),
                      ExitCode::no_input);
}

StorageError does_not_exist(const std::string& path) {
  return StorageError(text::Message("database '{0}' does not exist; import a file first, or give --db",
                                    path),
                      ExitCode::no_input);
}

StorageError busy(const std::string& path) {
  return StorageError(text::Message("database '{0}' is busy; try again later", path),
                      ExitCode::temp_fail);
}

// The name SQLite is given for the file at `path`. SQLite reads a name starting with
// "file:" as a URI (this build has SQLITE_USE_URI: "file:x.db?vfs=unix-none" would
// turn locking off), and ":memory:" and "" as private databases; "./" in front of a
// relative path leaves it the same file and none of those.
std::string sqlite_filename(const std::string& path) {
  if (path.empty() || path.front() == '/') return path;
  return "./" + path;
}

// SQLite creates and writes `path`-wal, -shm and -journal as it needs them, following a
// link put there and creating whatever it points to. Each must be absent or a regular
// file; `what` names the file they belong to ("database 'x.db'", "backup 'y.db'").
void refuse_unsafe_companions(const std::string& path, const text::Message& what) {
  std::vector<std::string> bases{path};
  std::error_code ec;
  // SQLite names them after the database's real path when it is reached through a link.
  if (const fs::path real = fs::canonical(path, ec); !ec && real.string() != path) bases.push_back(real.string());
  for (const auto& base : bases) {
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
      const auto problem = io::check_regular_or_absent(base + suffix);
      if (!problem) continue;
      throw StorageError(
          problem->refusal == io::Refusal::link
              ? text::Message("{0}: '{1}' is a symbolic link; SQLite would write its journal through it: "
                              "remove it",
                              what, problem->path)
              : text::Message("{0}: '{1}' is not a regular file; SQLite keeps its journal there: remove it",
                              what, problem->path),
          ExitCode::cant_create);
    }
  }
}

StorageError disk_full(const std::string& path) {
  return StorageError(text::Message("database '{0}': the disk is full, so the change was not saved; free "
                                    "some space and run the command again",
                                    path),
                      ExitCode::io_error);
}

// The database file, or the folder SQLite keeps its -wal and -shm files in, cannot be
// written by this user: nothing was written, and running the command again will not
// help until the permissions (or a read-only mount) change. 73, as for a database
// that cannot be created.
StorageError read_only(const std::string& path, bool folder) {
  if (folder) {
    return StorageError(text::Message("database '{0}' cannot be written: its folder is not writable (SQLite "
                                      "keeps its -wal and -shm files beside it); nothing was written",
                                      path),
                        ExitCode::cant_create);
  }
  return StorageError(text::Message("database '{0}' is read-only (check the permissions of the file and its "
                                    "folder, or a read-only disk); nothing was written",
                                    path),
                      ExitCode::cant_create);
}

// SQLite keeps the errno of the last failed system call of a connection (for I/O and
// open errors): ENOSPC says that an I/O error (extending the -shm file, say) was a
// full disk.
int system_errno(SQLite::Database& db) { return sqlite3_system_errno(db.getHandle()); }

StorageError to_storage_error(const SQLite::Exception& e, const std::string& path,
                              int sys_errno = 0) {
  switch (primary_code(e)) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return busy(path);
    case SQLITE_FULL:
      return disk_full(path);
    case SQLITE_IOERR:
      if (sys_errno == ENOSPC || sys_errno == EDQUOT) return disk_full(path);
      if (sys_errno != 0) {
        return StorageError(text::Message("database '{0}': {1} ({2})", path,
                                          e.what(), std::strerror(sys_errno)),
                            ExitCode::io_error);
      }
      break;
    case SQLITE_READONLY:
      // The file was removed or renamed while this process had it open (a new
      // database whose first import another process gave up): running again creates it.
      if (e.getExtendedErrorCode() == SQLITE_READONLY_DBMOVED) return busy(path);
      return read_only(path, e.getExtendedErrorCode() == SQLITE_READONLY_DIRECTORY);
    case SQLITE_NOTADB:
      return not_ours(path);
    case SQLITE_CANTOPEN:
    case SQLITE_PERM: {
      // SQLite says only "unable to open database file"; the system says why.
      const bool unreadable = ::access(path.c_str(), R_OK) != 0;
      return StorageError(text::Message("cannot open database '{0}': {1}", path,
                                        unreadable ? std::strerror(errno) : e.what()),
                          ExitCode::no_input);
    }
    default:
      break;
  }
  return StorageError(text::Message("database '{0}': {1}", path, e.what()),
                      ExitCode::io_error);
}

// Runs `f` on `db`, turning SQLite's exceptions into StorageError with the
// connection's errno (which is gone once the connection is).
template <typename F>
auto on_connection(SQLite::Database& db, const std::string& path, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const SQLite::Exception& e) {
    throw to_storage_error(e, path, system_errno(db));
  }
}

// Every row `q` selects, each as `read` makes it.
template <typename Read>
auto all_rows(SQLite::Statement& q, Read read) -> std::vector<decltype(read(q))> {
  std::vector<decltype(read(q))> out;
  while (q.executeStep()) out.push_back(read(q));
  return out;
}

// The first row `q` selects, as `read` makes it; none when it selects nothing.
template <typename Read>
auto first_row(SQLite::Statement& q, Read read) -> std::optional<decltype(read(q))> {
  if (!q.executeStep()) return std::nullopt;
  return read(q);
}

void bind_filter(SQLite::Statement& q, const TaskFilter& filter) {
  if (filter.unit) q.bind(":unit", *filter.unit);
  if (filter.inspection) q.bind(":inspection", *filter.inspection);
  if (filter.report_to) q.bind(":report_to", *filter.report_to);
  if (filter.status) q.bind(":status", std::string(model::to_string(*filter.status)));
  if (filter.area) q.bind(":area", *filter.area);
  detail::bind_ranges(q, filter.deadline, filter.concluded, filter.dated);
}

void bind_filter(SQLite::Statement& q, const FindingFilter& filter) {
  if (filter.unit) q.bind(":unit", *filter.unit);
  if (filter.inspection) q.bind(":inspection", *filter.inspection);
  if (filter.area) q.bind(":area", *filter.area);
  detail::bind_ranges(q, {}, filter.concluded, filter.dated);
}

// ---------------------------------------------------------------------------
// The connection, and the one way a store writes

// How many references `PRAGMA foreign_key_check` finds broken.
std::int64_t broken_references(SQLite::Database& db) {
  SQLite::Statement q(db, "SELECT count(*) FROM pragma_foreign_key_check");
  q.executeStep();
  return q.getColumn(0).getInt64();
}

// A store's connection and what it knows of the file; the store and its import
// session write through it.
struct Connection {
  Connection(std::string file_path, int timeout_ms)
      : path(std::move(file_path)), busy_timeout_ms(timeout_ms) {}
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A pending upgrade is rolled back (a file this process created for it is removed
  // first, while the lock still keeps others out); a -wal that was there before and
  // was not written to is left as it is, not checkpointed into the database.
  ~Connection() {
    if (!db) return;
    sqlite3* handle = db->getHandle();
    if (sqlite3_get_autocommit(handle) == 0) {
      if (remove_unless_committed) ::unlink(sqlite_filename(path).c_str());
      try {
        db->exec("ROLLBACK");
      } catch (const SQLite::Exception&) {
        // Closing the connection rolls it back all the same.
      }
    }
    if (!committed && wal_existed) sqlite3_db_config(handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
  }

  sqlite3* handle() const { return db->getHandle(); }

  // Throws when SQLite rolled back a pending upgrade after an error: what the store
  // would read or write next is the old schema.
  void usable() const {
    if (!lost) return;
    throw StorageError(text::Message("database '{0}': its upgrade was undone by an earlier error; nothing "
                                     "was written: run the command again",
                                     path),
                       ExitCode::io_error);
  }

  // Before the commit of a pending upgrade, which ran with foreign keys off: the
  // upgrade and the change together must not break a reference that was whole.
  void check_references() {
    if (upgrade_from == 0 || broken_references(*db) <= broken_before) return;
    SQLite::Statement fk(*db, "PRAGMA foreign_key_check");
    fk.executeStep();
    throw StorageError(text::Message("database '{0}': upgrading it to schema version {1} with this change "
                                     "would break a reference in table '{2}'; nothing was written",
                                     path, current_schema_version(), fk.getColumn(0).getString()),
                       ExitCode::data_error);
  }

  // Something was committed: the file is kept, and switched to WAL when it is not yet.
  void committed_change() {
    committed = true;
    remove_unless_committed = false;
    if (!wal && !wal_tried) switch_to_wal();
  }

  // The pending upgrade was committed with the first change.
  void upgraded() {
    pending = false;
    if (upgrade_from > 0) db->exec("PRAGMA foreign_keys = ON");
    committed_change();
  }

  // The pending upgrade could not be committed: undone, and the store unusable.
  void abandon_upgrade() noexcept {
    pending = false;
    lost = true;
    if (sqlite3_get_autocommit(handle()) != 0) return;
    try {
      db->exec("ROLLBACK");
    } catch (const SQLite::Exception&) {
      // Closing the connection rolls it back all the same.
    }
  }

  // The switch needs the file alone for a moment: it is tried a few times, briefly,
  // and left to the next writer when readers keep it busy (or it fails: the change is
  // committed either way).
  void switch_to_wal() noexcept {
    wal_tried = true;
    try {
      db->setBusyTimeout(kWalBusyTimeoutMs);
      for (int attempt = 1; attempt <= kWalAttempts; ++attempt) {
        try {
          SQLite::Statement q(*db, "PRAGMA journal_mode = WAL");
          wal = q.executeStep() && q.getColumn(0).getString() == "wal";
          break;
        } catch (const SQLite::Exception& e) {
          if (!is_busy(e)) break;
          std::this_thread::sleep_for(std::chrono::milliseconds(50 * attempt));
        }
      }
      if (wal) db->exec("PRAGMA synchronous = NORMAL");
    } catch (const SQLite::Exception&) {
      // Left to the next writer: the change is committed either way.
    }
    try {
      db->setBusyTimeout(busy_timeout_ms);
    } catch (const SQLite::Exception&) {
      // sqlite3_busy_timeout() cannot fail on an open connection.
    }
  }

  std::unique_ptr<SQLite::Database> db;
  std::string path;  // as the user gave it, for messages
  int busy_timeout_ms;
  // An upgrade is pending: a write transaction (BEGIN IMMEDIATE) holds the migration
  // steps, or a new database's schema, uncommitted.
  bool pending = false;
  int upgrade_from = 0;              // the schema version the pending upgrade started from
  std::int64_t broken_before = 0;    // references broken before it (a file edited by hand)
  bool lost = false;                 // SQLite rolled the pending upgrade back after an error
  bool remove_unless_committed = false;  // a file this process created for the upgrade
  bool wal = true;        // in WAL mode (or needs no switch: in memory, read only)
  bool wal_tried = false;
  bool committed = false;            // a change was committed
  bool wal_existed = false;          // a non-empty -wal was there before the connection opened
};

// One write of the store: BEGIN IMMEDIATE … COMMIT, taking the write lock before the
// first read (a deferred BEGIN would read, then fail at once with SQLITE_BUSY when it
// tries to write). With an upgrade pending it is a savepoint of the upgrade's
// transaction instead; a commit that changed something commits the upgrade with it,
// one that changed nothing rolls back to the savepoint, and the upgrade stays pending.
// Destroyed without commit() it rolls back what it did.
class WriteTransaction {
 public:
  explicit WriteTransaction(Connection& c) : c_(c) {
    c_.usable();
    changes_before_ = sqlite3_total_changes64(c_.handle());
    c_.db->exec(c_.pending ? "SAVEPOINT store_write" : "BEGIN IMMEDIATE");
    open_ = true;
  }
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  ~WriteTransaction() {
    if (open_) roll_back();
  }

  void commit() {
    const bool changed = sqlite3_total_changes64(c_.handle()) != changes_before_;
    if (!c_.pending) {
      c_.db->exec("COMMIT");
      open_ = false;
      if (changed) c_.committed_change();
      return;
    }
    if (!changed) {
      roll_back();
      return;
    }
    c_.check_references();
    open_ = false;
    try {
      c_.db->exec("RELEASE store_write");
      c_.db->exec("COMMIT");
    } catch (const SQLite::Exception&) {
      // The change is part of the upgrade's transaction now: both go.
      c_.abandon_upgrade();
      throw;
    }
    c_.upgraded();
  }

 private:
  void roll_back() noexcept {
    open_ = false;
    try {
      if (sqlite3_get_autocommit(c_.handle()) != 0) {
        // SQLite ended the transaction itself after an error (a full disk, say).
        if (c_.pending) c_.abandon_upgrade();
        return;
      }
      c_.db->exec(c_.pending ? "ROLLBACK TO store_write; RELEASE store_write" : "ROLLBACK");
    } catch (const SQLite::Exception&) {
      if (c_.pending) c_.abandon_upgrade();
    }
  }

  Connection& c_;
  sqlite3_int64 changes_before_ = 0;
  bool open_ = false;
};

// ---------------------------------------------------------------------------
// The store

class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<Connection> connection, const OpenOptions& options, int version)
      : conn_(std::move(connection)),
        db_(conn_->db.get()),
        path_(conn_->path),
        file_mode_(options.file_mode),
        name_order_(options.name_order),
        version_(version) {
    detail::register_name_order(conn_->handle(), options.name_order);
  }

  std::unique_ptr<ImportSession> begin_import(const ImportOptions& options,
                                              std::function<void(const Change&)> sink) override;

  ChangeOutcome change_task(std::int64_t id, const model::TaskChange& change,
                            const ChangeOptions& options) override {
    return guarded([&] {
      WriteTransaction tx(*conn_);
      SQLite::Statement q(*db_, std::string(detail::task_select_sql()) + " WHERE t.id = :id");
      q.bind(":id", id);
      if (!q.executeStep()) {
        throw StorageError(text::Message("no task with id {0}", id),
                           ExitCode::no_input);
      }
      ChangeOutcome out;
      out.before = read_task(q);
      q.reset();
      auto context = detail::change_context(*db_, out.before, options.as_of);
      // From the command line a note may repeat an earlier one (a weekly reminder call);
      // only progress files, imported again, must not add it twice.
      context.notes.clear();
      const model::ChangeCheck check = model::check_change(out.before, change, context);
      out.outcome = check.outcome;
      out.after = out.before;
      if (check.outcome == model::ChangeCheck::Outcome::refused) {
        out.reason = check.reason;
        return out;
      }
      if (check.outcome == model::ChangeCheck::Outcome::apply) {
        out.fields = detail::write_change(*db_, out.before, check, change, options.actor, options.now);
        out.after = check.after;
        tx.commit();
      }
      return out;
    });
  }

  bool older_schema() override { return conn_->pending || version_ < current_schema_version(); }

  std::vector<calendar::CalendarSpec> calendars() override {
    return guarded([&] { return detail::read_imported_calendars(*db_); });
  }

  bool occurrences_pending(const OccurrenceOptions& options) override {
    return guarded([&] { return detail::occurrences_pending(*db_, options); });
  }

  std::vector<Change> make_occurrences(const OccurrenceOptions& options) override {
    return guarded([&] {
      WriteTransaction tx(*conn_);
      std::vector<Change> changes = detail::make_occurrences(*db_, options);
      tx.commit();
      return changes;
    });
  }

  std::vector<model::Office> offices() override {
    if (version_ < 7) return {};  // read as it is: an older database has none
    return guarded([&] {
      SQLite::Statement q = statement(std::string("SELECT ") + kOfficeColumns + " ORDER BY o.key");
      return all_rows(q, [](const SQLite::Statement& row) { return read_office(row, 0); });
    });
  }

  std::vector<model::Unit> units() override {
    return guarded([&] {
      SQLite::Statement q =
          statement(std::string("SELECT ") + kUnitColumns + " ORDER BY u.name COLLATE name_order, u.key");
      return all_rows(q, [](const SQLite::Statement& row) { return read_unit(row, 0); });
    });
  }

  std::vector<model::Inspection> inspections() override {
    return guarded([&] {
      SQLite::Statement q(*db_, std::string("SELECT ") + kInspectionColumns + " ORDER BY n.key");
      return all_rows(q, [](const SQLite::Statement& row) { return read_inspection(row, 0); });
    });
  }

  std::vector<model::Finding> findings(const FindingFilter& filter) override {
    return guarded([&] {
      std::string sql = std::string("SELECT ") + kFindingColumns + " WHERE 1 = 1";
      if (filter.unit) sql += " AND u.key = :unit";
      if (filter.inspection) sql += " AND i.key = :inspection";
      if (filter.area) {
        sql += " AND (f.area = :area OR substr(f.area, 1, length(:area) + 1) = :area || '.')";
      }
      sql += detail::inspection_ranges_sql("f.inspection_id", filter.concluded, filter.dated);
      sql += " ORDER BY i.key, f.key";
      SQLite::Statement q(*db_, sql);
      bind_filter(q, filter);
      return all_rows(q, [](const SQLite::Statement& row) { return read_finding(row, 0); });
    });
  }

  std::vector<model::Task> tasks(const TaskFilter& filter) override {
    return guarded([&] {
      SQLite::Statement q = statement(detail::task_query_sql(filter, detail::TaskRange::all));
      bind_filter(q, filter);
      return all_rows(q, read_task);
    });
  }

  std::vector<model::Task> overdue(model::Date as_of, const TaskFilter& filter) override {
    return guarded([&] {
      SQLite::Statement q = statement(detail::task_query_sql(filter, detail::TaskRange::overdue));
      bind_filter(q, filter);
      q.bind(":as_of", as_of.iso());
      return all_rows(q, read_task);
    });
  }

  void each_overdue(model::Date as_of, const TaskFilter& filter, const TaskSink& sink) override {
    guarded([&] {
      SQLite::Statement q = statement(detail::task_query_sql(filter, detail::TaskRange::overdue));
      bind_filter(q, filter);
      q.bind(":as_of", as_of.iso());
      each_task(q, sink);
    });
  }

  void each_due_between(model::Date from, model::Date to, const TaskFilter& filter,
                        const TaskSink& sink) override {
    guarded([&] {
      SQLite::Statement q = statement(detail::task_query_sql(filter, detail::TaskRange::due_between));
      bind_filter(q, filter);
      q.bind(":from", from.iso());
      q.bind(":to", to.iso());
      each_task(q, sink);
    });
  }

  void each_tally(Grouping by, const TaskFilter& filter,
                  const std::function<void(const TaskTally&)>& sink) override {
    guarded([&] {
      SQLite::Statement q(*db_, detail::task_tally_sql(by, filter));
      bind_filter(q, filter);
      TaskTally tally;
      while (q.executeStep()) {
        detail::read_tally(q, tally);
        sink(tally);
      }
    });
  }

  std::vector<std::pair<std::int64_t, std::int64_t>> finding_counts(
      Grouping by, const FindingFilter& filter) override {
    return guarded([&] {
      SQLite::Statement q(*db_, detail::finding_count_sql(by, filter));
      bind_filter(q, filter);
      std::vector<std::pair<std::int64_t, std::int64_t>> out;
      while (q.executeStep()) out.emplace_back(q.getColumn(0).getInt64(), q.getColumn(1).getInt64());
      return out;
    });
  }

  std::vector<GroupName> group_names(Grouping by) override {
    return guarded([&] {
      SQLite::Statement q = statement(
          by == Grouping::unit ? "SELECT id, key, name FROM units ORDER BY name COLLATE name_order, key"
                               : "SELECT id, key, title FROM inspections ORDER BY key");
      std::vector<GroupName> out;
      while (q.executeStep()) {
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), detail::text_of(q.getColumn(2))});
      }
      return out;
    });
  }

  bool any_overdue(model::Date as_of, const TaskFilter& filter) override {
    return guarded([&] {
      SQLite::Statement q(*db_, detail::task_exists_sql(filter, detail::TaskRange::overdue));
      bind_filter(q, filter);
      q.bind(":as_of", as_of.iso());
      return q.executeStep();
    });
  }

  std::vector<model::Task> due_between(model::Date from, model::Date to,
                                       const TaskFilter& filter) override {
    return guarded([&] {
      SQLite::Statement q = statement(detail::task_query_sql(filter, detail::TaskRange::due_between));
      bind_filter(q, filter);
      q.bind(":from", from.iso());
      q.bind(":to", to.iso());
      return all_rows(q, read_task);
    });
  }

  std::optional<model::Task> task(std::int64_t id) override {
    return guarded([&] {
      SQLite::Statement q(*db_, std::string(detail::task_select_sql()) + " WHERE t.id = :id");
      q.bind(":id", id);
      return first_row(q, read_task);
    });
  }

  std::optional<model::Task> task_by_key(const std::string& key_or_prefix) override {
    return guarded([&]() -> std::optional<model::Task> {
      if (auto t = detail::task_with_key(*db_, key_or_prefix)) return t;
      if (key_or_prefix.empty()) return std::nullopt;
      SQLite::Statement q(*db_, std::string(detail::task_select_sql()) +
                                    " WHERE substr(i.key || '/' || t.key || '@' || a.key ||"
                                    " CASE t.period WHEN '' THEN '' ELSE '#' || t.period END, 1,"
                                    " length(:prefix)) = :prefix"
                                    " AND (t.repeat_every IS NULL OR t.period <> '') LIMIT 2");
      q.bind(":prefix", key_or_prefix);
      auto found = all_rows(q, read_task);
      if (found.size() != 1) return std::nullopt;
      return std::move(found.front());
    });
  }

  KeyMatches task_keys_with_prefix(const std::string& prefix, std::size_t limit) override {
    return guarded([&] {
      constexpr const char* kKey =
          "i.key || '/' || t.key || '@' || a.key || CASE t.period WHEN '' THEN '' ELSE '#' || t.period END";
      SQLite::Statement q(*db_,
                          std::string("SELECT ") + kKey + ", count(*) OVER () FROM tasks t" +
                              " JOIN inspections i ON i.id = t.inspection_id"
                              " JOIN units a ON a.id = t.assignee_id"
                              " WHERE substr(" +
                              kKey +
                              ", 1, length(:prefix)) = :prefix"
                              " AND (t.repeat_every IS NULL OR t.period <> '') ORDER BY 1 LIMIT :limit");
      q.bind(":prefix", prefix);
      q.bind(":limit", static_cast<std::int64_t>(limit));
      KeyMatches matches;
      while (q.executeStep()) {
        matches.keys.push_back(q.getColumn(0).getString());
        matches.count = static_cast<std::size_t>(q.getColumn(1).getInt64());
      }
      return matches;
    });
  }

  std::optional<model::Unit> unit(const std::string& key) override {
    return guarded([&] {
      SQLite::Statement q(*db_, std::string("SELECT ") + kUnitColumns + " WHERE u.key = :key");
      q.bind(":key", key);
      return first_row(q, [](const SQLite::Statement& row) { return read_unit(row, 0); });
    });
  }

  std::optional<model::Inspection> inspection(const std::string& key) override {
    return guarded([&] {
      SQLite::Statement q(*db_, std::string("SELECT ") + kInspectionColumns + " WHERE n.key = :key");
      q.bind(":key", key);
      return first_row(q, [](const SQLite::Statement& row) { return read_inspection(row, 0); });
    });
  }

  std::optional<model::Finding> finding(const std::string& inspection,
                                        const std::string& key) override {
    return guarded([&] {
      SQLite::Statement q(
          *db_, std::string("SELECT ") + kFindingColumns + " WHERE i.key = :inspection AND f.key = :key");
      q.bind(":inspection", inspection);
      q.bind(":key", key);
      return first_row(q, [](const SQLite::Statement& row) { return read_finding(row, 0); });
    });
  }

  std::vector<UndatedOpen> undated_open(const std::optional<std::string>& unit) override {
    return guarded([&] { return detail::read_undated_open(*db_, unit); });
  }

  std::vector<model::Reminder> reminders(model::Date from) override {
    if (version_ < 3) return {};
    return guarded([&] { return detail::read_reminders(*db_, version_, from, std::nullopt); });
  }

  std::vector<model::Reminder> sending_reminders(const std::optional<std::string>& unit) override {
    if (version_ < 3) return {};
    return guarded([&] { return detail::read_sending(*db_, version_, unit); });
  }

  std::optional<std::int64_t> claim_reminder(
      const model::Reminder& reminder,
      const std::function<bool(const std::vector<model::Reminder>&)>& wanted) override {
    return guarded([&]() -> std::optional<std::int64_t> {
      WriteTransaction tx(*conn_);
      if (!wanted(detail::read_reminders(*db_, version_, reminder.day, reminder.unit))) return std::nullopt;
      const auto id = detail::insert_reminder(*db_, version_, reminder);
      if (!id) {
        throw StorageError(text::Message("no unit '{0}'", reminder.unit),
                           ExitCode::no_input);
      }
      tx.commit();
      return id;
    });
  }

  std::optional<model::Reminder> take_over_reminder(
      std::int64_t id, const model::Claimant& claimant, const std::string& transport,
      const std::string& target, const std::function<bool(const model::Reminder&)>& wanted) override {
    if (version_ < 5) return std::nullopt;  // nothing kept to deliver again
    return guarded([&]() -> std::optional<model::Reminder> {
      WriteTransaction tx(*conn_);
      auto found = detail::read_reminder_by_id(*db_, version_, id);
      if (!found || found->status != model::Reminder::Status::sending || !wanted(*found)) return std::nullopt;
      detail::set_claimant(*db_, id, claimant);
      detail::set_delivery(*db_, id, transport, target);
      tx.commit();
      return found;
    });
  }

  bool drop_reminder(std::int64_t id, const std::function<bool(const model::Reminder&)>& wanted) override {
    if (version_ < 3) return false;
    return guarded([&] {
      WriteTransaction tx(*conn_);
      const auto found = detail::read_reminder_by_id(*db_, version_, id);
      if (!found || found->status != model::Reminder::Status::sending || !wanted(*found)) return false;
      detail::delete_reminder(*db_, id);
      tx.commit();
      return true;
    });
  }

  void reminder_sent(std::int64_t id, const std::string& sent_at) override {
    guarded([&] {
      WriteTransaction tx(*conn_);
      detail::mark_reminder_sent(*db_, version_, id, sent_at);
      tx.commit();
    });
  }

  void reminder_failed(std::int64_t id) override {
    guarded([&] {
      WriteTransaction tx(*conn_);
      if (version_ >= 5) {
        detail::set_claimant(*db_, id, std::nullopt);
      } else {
        detail::delete_reminder(*db_, id);
      }
      tx.commit();
    });
  }

  std::vector<CheckResult> check() override {
    return guarded([&] {
      // One read transaction: every check sees the same state (a pending upgrade's
      // transaction is one already).
      std::optional<SQLite::Transaction> tx;
      if (!conn_->pending) tx.emplace(*db_, SQLite::TransactionBehavior::DEFERRED);
      return detail::run_checks(*db_, version_);
    });
  }

  void backup(const std::string& path) override {
    // Never over an existing file (an older backup, or the database itself) nor through
    // a link; the copy has the mode a new database gets (owner only by default), and so
    // have the journal files SQLite makes beside it while it writes.
    refuse_unsafe_companions(path, text::Message("cannot create backup '{0}'", path));
    if (io::Opened made = io::create_new(path, file_mode_); !made) {
      throw StorageError(text::Message("cannot create backup '{0}': {1}", path,
                                       io::describe(*made.failure, path)),
                         ExitCode::cant_create);
    }
    try {
      SQLite::Database copy(sqlite_filename(path), SQLite::OPEN_READWRITE);
      SQLite::Backup(copy, *db_).executeStep(-1);
      SQLite::Statement q(copy, "PRAGMA integrity_check");
      if (!q.executeStep() || q.getColumn(0).getString() != "ok") {
        throw SQLite::Exception("the copy failed its integrity check", SQLITE_CORRUPT);
      }
    } catch (const SQLite::Exception& e) {
      std::error_code ignored;
      for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ignored);
      throw StorageError(text::Message("backup '{0}' failed: {1}", path,
                                       e.what()),
                         primary_code(e) == SQLITE_BUSY ? ExitCode::temp_fail : ExitCode::io_error);
    }
  }

  std::vector<model::Event> events(std::optional<std::int64_t> task_id) override {
    return guarded([&] {
      SQLite::Statement q(*db_, std::string("SELECT ") + kEventColumns +
                                    (task_id ? " WHERE task_id = :task_id ORDER BY id" : " ORDER BY id"));
      if (task_id) q.bind(":task_id", *task_id);
      return all_rows(q, read_event);
    });
  }

  std::vector<model::Event> events_for(const std::string& entity, const std::string& key) override {
    return guarded([&] {
      SQLite::Statement q(*db_, std::string("SELECT ") + kEventColumns +
                                    " WHERE entity = :entity AND key = :key AND task_id IS NULL ORDER BY id");
      q.bind(":entity", entity);
      q.bind(":key", key);
      return all_rows(q, read_event);
    });
  }

 private:
  // Runs `f`, turning SQLite's exceptions into the tool's StorageError.
  template <typename F>
  auto guarded(F&& f) -> decltype(f()) {
    conn_->usable();
    return on_connection(*db_, path_, std::forward<F>(f));
  }

  // `sql` prepared. When it orders by names, their comparison is called once first,
  // here: its first call may load a library and throw (OpenOptions::name_order), which
  // must not happen inside SQLite's sort.
  SQLite::Statement statement(const std::string& sql) {
    if (name_order_ && sql.find(detail::kNameOrder) != std::string::npos) name_order_("", "");
    return SQLite::Statement(*db_, sql);
  }

  // Reads each row into the same Task, so that its strings keep their buffers.
  static void each_task(SQLite::Statement& q, const TaskSink& sink) {
    model::Task task;
    while (q.executeStep()) {
      detail::read_task_into(q, task);
      sink(task);
    }
  }

  std::unique_ptr<Connection> conn_;
  SQLite::Database* db_;  // conn_'s
  std::string path_;
  unsigned file_mode_;  // of a backup
  NameOrder name_order_;
  // The schema version reads see: a report may read an older one (kOldestReadableVersion);
  // a store that writes sees the current one, its upgrade pending or not.
  int version_ = 0;
};

// The write transaction and the staged importer of one import.
class SqliteImportSession final : public ImportSession {
 public:
  SqliteImportSession(Connection& connection, const ImportOptions& options,
                      std::function<void(const Change&)> sink)
      : conn_(connection), db_(*connection.db), options_(options), path_(connection.path) {
    guarded([&] {
      tx_.emplace(conn_);
      importer_.emplace(db_, options_, std::move(sink));
    });
  }

  void definitions(const std::vector<import::CalendarPlan>& calendars,
                   const std::vector<model::Unit>& units) override {
    guarded([&] { importer_->definitions(calendars, units); });
  }
  void units(const std::vector<model::Unit>& units) override {
    guarded([&] { importer_->units(units); });
  }
  void offices(const std::vector<model::Office>& offices) override {
    guarded([&] { importer_->offices(offices); });
  }
  void inspection(const import::InspectionPlan& plan) override {
    guarded([&] { importer_->inspection(plan); });
  }
  void progress(const std::vector<import::ProgressEntry>& entries) override {
    guarded([&] { importer_->progress(entries); });
  }
  ImportOutcome finish() override {
    return guarded([&] {
      ImportOutcome outcome = importer_->finish();
      importer_.reset();  // its statements are finalized before the commit or the rollback
      if (!options_.dry_run && outcome.progress_errors.empty()) tx_->commit();
      tx_.reset();
      return outcome;
    });
  }

 private:
  template <typename F>
  auto guarded(F&& f) -> decltype(f()) {
    conn_.usable();
    return on_connection(db_, path_, std::forward<F>(f));
  }

  Connection& conn_;
  SQLite::Database& db_;
  ImportOptions options_;  // a copy: the session outlives the caller's options
  std::string path_;
  // Declared in this order so that the importer goes first, then the transaction
  // rolls back what was not committed.
  std::optional<WriteTransaction> tx_;
  std::optional<detail::StagedImport> importer_;
};

std::unique_ptr<ImportSession> SqliteStore::begin_import(const ImportOptions& options,
                                                         std::function<void(const Change&)> sink) {
  return std::make_unique<SqliteImportSession>(*conn_, options, std::move(sink));
}

// ---------------------------------------------------------------------------
// Opening, creating and migrating

struct Probe {
  int version = 0;
  std::int32_t application_id = 0;
  bool has_tables = false;
  bool wal = false;  // in WAL mode
};

// One statement, so one snapshot: read separately, the values could straddle
// another connection's creation of the schema. The journal mode only matters to a
// connection that writes (`writing`), which switches the file to WAL.
Probe probe(SQLite::Database& db, bool writing = false) {
  SQLite::Statement q(db, writing ? "SELECT (SELECT user_version FROM pragma_user_version),"
                                    " (SELECT application_id FROM pragma_application_id),"
                                    " EXISTS (SELECT 1 FROM sqlite_master),"
                                    " (SELECT journal_mode FROM pragma_journal_mode) = 'wal'"
                                  : "SELECT (SELECT user_version FROM pragma_user_version),"
                                    " (SELECT application_id FROM pragma_application_id),"
                                    " EXISTS (SELECT 1 FROM sqlite_master)");
  q.executeStep();
  Probe p;
  p.version = q.getColumn(0).getInt();
  p.application_id = q.getColumn(1).getInt();
  p.has_tables = q.getColumn(2).getInt() != 0;
  p.wal = writing && q.getColumn(3).getInt() != 0;
  return p;
}

// Refuses what is not ours or is too new; an empty database is ours to create.
void check(const Probe& p, const std::string& path) {
  if (p.application_id != 0 && p.application_id != detail::kApplicationId) {
    throw not_ours(path);
  }
  if (p.version > current_schema_version()) throw newer_schema(path, p.version);
  if (p.version == 0 && p.has_tables) throw not_ours(path);
}

StorageError cannot_create(const std::string& path, const text::Message& why) {
  return StorageError(text::Message("cannot create database '{0}': {1}", path, why),
                      ExitCode::cant_create);
}

// Creates the folders and an empty file with `mode` (the -wal and -shm files SQLite
// adds take the same mode; folders made get io::folder_mode of it). Another process
// may win the race to create it: that is fine, unless what is there is not a file.
// True when this process created the file.
bool create_file(const std::string& path, unsigned mode) {
  const fs::path file(path);
  if (file.has_parent_path()) {
    if (auto problem = io::make_folders(file.parent_path().string(), io::folder_mode(mode))) {
      throw cannot_create(path, io::describe(*problem));
    }
  }
  io::Opened made = io::create_new(path, mode);
  if (made) return true;
  if (made.failure->refusal == io::Refusal::exists) return false;
  if (made.failure->refusal == io::Refusal::link) {
    throw cannot_create(path, text::Message("it is a symbolic link; create the database with --db naming the "
                                            "real path, or remove the link"));
  }
  throw cannot_create(path, io::describe(*made.failure, path));
}

// True when the file the connection opened is no longer at its path: removed (or
// replaced) by another process after this one opened it.
bool file_moved(SQLite::Database& db) {
  int moved = 0;
  if (sqlite3_file_control(db.getHandle(), "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK) {
    return false;
  }
  return moved != 0;
}

bool non_empty_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
}

// Makes `c`, just opened on its file, ready to write: a database at the current schema
// gets its connection settings; an older or empty one its pending upgrade, in a write
// transaction taken now and left open. Nothing is written to the file. False when the
// file was removed meanwhile (the caller opens it again). `created`: this process
// created the file; a pending upgrade of it that is never committed removes it.
bool prepare_for_writing(Connection& c, OpenMode mode, bool created) {
  SQLite::Database& db = *c.db;
  // Read first: a database we must refuse is left as it was. (Reading rolls back the
  // -journal of a process that stopped in the middle of a commit in rollback-journal
  // mode, as any SQLite writer does; a read-only connection could not, and the
  // database would stay unreadable.)
  Probe p = probe(db, true);
  check(p, c.path);
  if (p.version == 0 && mode == OpenMode::update) throw empty_database(c.path);
  c.wal = p.wal;
  // In rollback-journal mode only FULL is safe from a power cut; WAL needs NORMAL.
  if (p.wal) db.exec("PRAGMA synchronous = NORMAL");
  // A large import touches more pages than the default 2 MiB cache holds; spilling
  // them to the WAL in mid-transaction costs a third of its time.
  db.exec("PRAGMA cache_size = -32768");
  if (p.version == current_schema_version()) {
    db.exec("PRAGMA foreign_keys = ON");
    return true;
  }
  // Foreign keys cannot change inside a transaction: they are off for the steps of an
  // older database (a step may rebuild a table, which must not cascade; the references
  // are checked before the commit instead), on for a new one.
  const bool steps = p.version > 0;
  db.exec(steps ? "PRAGMA foreign_keys = OFF" : "PRAGMA foreign_keys = ON");
  try {
    db.exec("BEGIN IMMEDIATE");
  } catch (const SQLite::Exception&) {
    // A new file removed while this connection waited for the lock: SQLite, starting
    // the write of an empty database, fails to reach it by its name.
    if (file_moved(db)) return false;
    throw;
  }
  try {
    if (file_moved(db)) {
      db.exec("ROLLBACK");
      return false;
    }
    // Read again under the write lock: another process may have upgraded it meanwhile.
    p = probe(db, true);
    check(p, c.path);
    if (p.version == current_schema_version()) {
      db.exec("ROLLBACK");
      db.exec("PRAGMA foreign_keys = ON");
      c.wal = p.wal;
      return true;
    }
    if ((p.version > 0) != steps) {
      db.exec("ROLLBACK");
      return false;
    }
    if (steps) c.broken_before = broken_references(db);
    detail::upgrade(db, p.version);
    c.pending = true;
    c.upgrade_from = p.version;
    c.remove_unless_committed = created && p.version == 0;
    c.wal = p.wal;
    return true;
  } catch (...) {
    if (sqlite3_get_autocommit(db.getHandle()) == 0) {
      try {
        db.exec("ROLLBACK");
      } catch (const SQLite::Exception&) {
        // Closing the connection rolls it back all the same.
      }
    }
    throw;
  }
}

// A connection ready to write to the database at `path` (created when missing and the
// mode allows it), with its upgrade pending when it needs one.
std::unique_ptr<Connection> connect_for_writing(const std::string& path, const OpenOptions& options,
                                                bool exists) {
  for (int attempt = 1;; ++attempt) {
    const bool created = !exists && create_file(path, options.file_mode);
    auto c = std::make_unique<Connection>(path, options.busy_timeout_ms);
    c->wal_existed = non_empty_file(path + "-wal");
    c->db = std::make_unique<SQLite::Database>(sqlite_filename(path), SQLite::OPEN_READWRITE,
                                               options.busy_timeout_ms);
    const bool ready =
        on_connection(*c->db, path, [&] { return prepare_for_writing(*c, options.mode, created); });
    if (ready) return c;
    if (attempt == kOpenAttempts) throw busy(path);
    std::error_code ec;
    exists = fs::exists(path, ec);
    if (!exists && options.mode == OpenMode::update) throw does_not_exist(path);
  }
}

// A private copy in memory of the database `file` holds.
std::unique_ptr<SQLite::Database> memory_copy(SQLite::Database& file) {
  auto memory = std::make_unique<SQLite::Database>(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  SQLite::Backup(*memory, file).executeStep(-1);
  return memory;
}

// A private database in memory, brought from schema version `from` to the current one
// and committed there (a copy is nobody else's: its upgrade need not wait for a write).
std::unique_ptr<Connection> memory_connection(std::unique_ptr<SQLite::Database> db, int from,
                                              const std::string& path) {
  auto c = std::make_unique<Connection>(path, 0);
  c->db = std::move(db);
  on_connection(*c->db, path, [&] {
    if (from < current_schema_version()) {
      c->db->exec("PRAGMA foreign_keys = OFF");
      SQLite::Transaction tx(*c->db, SQLite::TransactionBehavior::IMMEDIATE);
      detail::upgrade(*c->db, from);
      tx.commit();
    }
    c->db->exec("PRAGMA foreign_keys = ON");
  });
  return c;
}

// `path` as an SQLite URI filename ("file:" and the path, '%', '?' and '#' escaped).
std::string uri_of(const std::string& path, std::string_view query) {
  std::string uri = "file:";
  for (const char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    } else {
      uri += c;
    }
  }
  uri += '?';
  uri += query;
  return uri;
}

// Reading a WAL database needs its -shm file, which SQLite creates beside it when it
// is missing; in a folder this user cannot write (a backup on a read-only disk,
// another user's folder) that fails with SQLITE_READONLY_DIRECTORY. With neither a
// -wal nor a -shm file no connection has the database open and the file holds all of
// it: it is then read as immutable, without locks. Returns nullptr when it cannot be.
std::unique_ptr<SQLite::Database> open_immutable(const std::string& path, const OpenOptions& options) {
  std::error_code ec;
  if (fs::exists(path + "-wal", ec) || fs::exists(path + "-shm", ec)) return nullptr;
  return std::make_unique<SQLite::Database>(uri_of(path, "immutable=1"),
                                            SQLite::OPEN_READONLY | SQLite::OPEN_URI,
                                            options.busy_timeout_ms);
}

// A process that stopped in the middle of a commit in rollback-journal mode (a
// database not yet switched to WAL) leaves a hot -journal, which only a connection
// that may write rolls back: one is opened for that alone. Rolling it back writes the
// database back to its last committed state.
void roll_back(const std::string& path, const OpenOptions& options) {
  try {
    SQLite::Database db(sqlite_filename(path), SQLite::OPEN_READWRITE, options.busy_timeout_ms);
    on_connection(db, path, [&] { probe(db); });
  } catch (const StorageError& e) {
    if (e.code() != ExitCode::cant_create) throw;
    throw StorageError(text::Message("cannot read database '{0}': a process stopped while writing it, and "
                                     "undoing its unfinished change ('{1}-journal') needs permission to "
                                     "write the database; run inspectrack once as a user who may",
                                     path, path),
                       ExitCode::no_input);
  }
}

// A connection for a command that only reads. Reading a WAL database makes SQLite
// create its -wal and -shm files; only a connection that may write removes them
// again when it is the last to close, so that a report leaves the folder as it found
// it. The connection is therefore opened for writing where the file allows it, with
// query_only set: SQLite refuses every statement that would write. Where the file is
// write-protected SQLite opens it read-only by itself. A -wal that holds frames when
// it opens (a writer stopped before its checkpoint) is read, never checkpointed into
// the database: closing leaves it and the -shm as they are.
std::unique_ptr<SQLite::Database> open_for_reading(const std::string& path,
                                                   const OpenOptions& options) {
  const bool wal_existed = non_empty_file(path + "-wal");
  auto db = std::make_unique<SQLite::Database>(sqlite_filename(path), SQLite::OPEN_READWRITE,
                                               options.busy_timeout_ms);
  if (wal_existed) sqlite3_db_config(db->getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
  db->exec("PRAGMA query_only = ON");
  return db;
}

// A database opened for reading, with its probe; one this program must refuse (not
// ours, too new) is refused. In a folder this user cannot write it is read immutable
// (see open_immutable); a hot -journal is rolled back first. `rolled_back`: it was
// already (then it is not tried again).
struct ReadConnection {
  std::unique_ptr<SQLite::Database> db;
  Probe probe;
};

ReadConnection connect_for_reading(const std::string& path, const OpenOptions& options,
                                   bool rolled_back = false) {
  auto db = open_for_reading(path, options);
  Probe p;
  try {
    p = probe(*db);
  } catch (const SQLite::Exception& e) {
    if (e.getExtendedErrorCode() == SQLITE_READONLY_ROLLBACK && !rolled_back) {
      db.reset();
      roll_back(path, options);
      return connect_for_reading(path, options, true);
    }
    if (e.getExtendedErrorCode() != SQLITE_READONLY_DIRECTORY) {
      throw to_storage_error(e, path, system_errno(*db));
    }
    db = open_immutable(path, options);
    if (!db) {
      throw StorageError(text::Message("cannot read database '{0}': another process has it open, and "
                                       "SQLite cannot create its -shm file because the folder is not "
                                       "writable; try again when that process is done",
                                       path),
                         ExitCode::no_input);
    }
    on_connection(*db, path, [&] { p = probe(*db); });
  }
  check(p, path);
  return {std::move(db), p};
}

std::unique_ptr<Connection> open_read_only(const std::string& path, const OpenOptions& options,
                                           int& version) {
  ReadConnection r = connect_for_reading(path, options);
  const Probe& p = r.probe;
  if (p.version == 0) throw empty_database(path);
  if (p.version < detail::kOldestReadableVersion) {
    throw StorageError(text::Message("database '{0}' has schema version {1} and needs version {2}; run "
                                     "a command that writes to it, such as import, to upgrade it",
                                     path, p.version, current_schema_version()),
                       ExitCode::no_input);
  }
  version = p.version;
  auto c = std::make_unique<Connection>(path, options.busy_timeout_ms);
  c->db = std::move(r.db);
  return c;
}

// A dry run, or a report on an older database: a database at the current schema is
// opened as for writing (the import rolls back what it did; nothing at all is
// written), or copied into memory when this user may only read it; an older one (or
// an empty file) is copied into memory and upgraded there, so that the file keeps its
// version. A database this program must refuse is refused first, untouched.
std::unique_ptr<Connection> open_scratch(const std::string& path, const OpenOptions& options) {
  ReadConnection r = connect_for_reading(path, options);
  const Probe& p = r.probe;
  if (p.version == current_schema_version()) {
    try {
      OpenOptions update = options;
      update.mode = OpenMode::update;
      auto c = connect_for_writing(path, update, true);
      if (sqlite3_db_readonly(c->handle(), "main") != 1) return c;
    } catch (const StorageError& e) {
      // A database this user may only read: the dry run works on a copy.
      if (e.code() != ExitCode::cant_create) throw;
    }
  }
  std::unique_ptr<SQLite::Database> copy;
  on_connection(*r.db, path, [&] { copy = memory_copy(*r.db); });
  r.db.reset();
  return memory_connection(std::move(copy), p.version, path);
}

}  // namespace

int current_schema_version() { return detail::migrations().back().to_version; }

std::unique_ptr<Store> open_sqlite(const std::string& path, const OpenOptions& options) {
  if (path.empty()) {
    throw StorageError(text::Message("no database file given"),
                       ExitCode::usage);
  }
  try {
    std::unique_ptr<Connection> c;
    int version = current_schema_version();  // what a store that writes reads
    refuse_unsafe_companions(path, text::Message("database '{0}'", path));
    std::error_code ec;
    const bool exists = fs::exists(path, ec);
    if (!exists && options.mode != OpenMode::read_write) throw does_not_exist(path);
    // A folder, a FIFO or a device is no database: SQLite would read a device as an
    // empty database and write its journal beside it (/dev/null-journal).
    if (struct stat info {}; exists && ::stat(path.c_str(), &info) == 0 && !S_ISREG(info.st_mode)) {
      const bool writes = options.mode == OpenMode::read_write || options.mode == OpenMode::update;
      throw StorageError(text::Message("'{0}' is not a database file: {1}",
                                       path,
                                       S_ISDIR(info.st_mode)
                                       ? text::Message("it is a folder")
                                       : text::Message("it is a FIFO, a device or a socket")),
                         writes ? ExitCode::cant_create : ExitCode::no_input);
    }
    switch (options.mode) {
      case OpenMode::read_only: c = open_read_only(path, options, version); break;
      case OpenMode::scratch: c = open_scratch(path, options); break;
      case OpenMode::read_write:
      case OpenMode::update: c = connect_for_writing(path, options, exists); break;
    }
    return std::make_unique<SqliteStore>(std::move(c), options, version);
  } catch (const SQLite::Exception& e) {
    throw to_storage_error(e, path);
  }
}

std::unique_ptr<Store> open_memory(const OpenOptions& options) {
  const std::string name = ":memory:";
  try {
    auto db = std::make_unique<SQLite::Database>(name, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    return std::make_unique<SqliteStore>(memory_connection(std::move(db), 0, name), options,
                                         current_schema_version());
  } catch (const SQLite::Exception& e) {
    throw to_storage_error(e, name);
  }
}

}  // namespace inspectrack::storage
