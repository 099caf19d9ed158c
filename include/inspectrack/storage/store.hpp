#pragma once
// Every storage interface in one: what a backend implements. SQLite is the embedded
// default (sqlite_store.hpp); a server database can implement the same interfaces.
// Code that needs only part of a store takes the narrow interface of its use case:
// import_store.hpp, task_changes.hpp, report_queries.hpp, reminder_store.hpp,
// maintenance.hpp.

#include "inspectrack/storage/import_store.hpp"
#include "inspectrack/storage/maintenance.hpp"
#include "inspectrack/storage/reminder_store.hpp"
#include "inspectrack/storage/report_queries.hpp"
#include "inspectrack/storage/task_changes.hpp"

namespace inspectrack::storage {

class Store : public ImportStore,
              public TaskChanges,
              public ReportQueries,
              public ReminderStore,
              public Maintenance {};

}  // namespace inspectrack::storage
