#include "inspectrack/app/maintenance.hpp"

#include <algorithm>

namespace inspectrack::app {

CheckReport check(storage::Maintenance& store) {
  CheckReport report;
  report.checks = store.check();
  report.clean = std::all_of(report.checks.begin(), report.checks.end(), [](const auto& c) { return c.count == 0; });
  return report;
}

void backup(storage::Maintenance& store, const std::string& path) { store.backup(path); }

}  // namespace inspectrack::app
