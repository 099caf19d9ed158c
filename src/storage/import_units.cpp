#include "import_units.hpp"

#include <optional>
#include <string>
#include <unordered_map>

#include "inspectrack/error.hpp"
#include "inspectrack/text/message.hpp"
#include "rows.hpp"

namespace inspectrack::storage::detail {
namespace {

// The columns a unit's insert and update both write.
constexpr const char* kUnitValues[] = {"name", "kind", "parent_id", "head", "emails"};

Fields unit_fields(const model::Unit& u) {
  return {field("name", u.name), field("kind", std::string(model::to_string(u.kind))),
          field("parent", u.parent.value_or("")), field("head", u.head),
          field("emails", join(u.emails, ", "))};
}

}  // namespace

UnitWriter::UnitWriter(ImportContext& context)
    : context_(context),
      get_(context.db(), std::string("SELECT u.id, ") + kUnitColumns + " WHERE u.key = :key"),
      insert_(context.db(), insert_sql("units", {"key"}, kUnitValues)),
      update_(context.db(), update_sql("units", kUnitValues)) {}

void UnitWriter::write(const std::vector<model::Unit>& units) {
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t n = 0; n < units.size(); ++n) index.emplace(units[n].key, n);
  std::vector<int> state(units.size(), 0);  // 0 to do, 1 in progress, 2 done
  std::vector<Change> changes(units.size());

  // Parents come first in a plan; should one come later, it is stored first anyway.
  const auto visit = [&](auto&& self, std::size_t n) -> void {
    if (state[n] == 2) return;
    if (state[n] == 1) {
      throw StorageError(text::Message("unit '{0}' is among its own parents", units[n].key),
                         ExitCode::data_error);
    }
    state[n] = 1;
    if (units[n].parent) {
      if (auto it = index.find(*units[n].parent); it != index.end()) self(self, it->second);
    }
    changes[n] = write_one(units[n]);
    state[n] = 2;
  };
  for (std::size_t n = 0; n < units.size(); ++n) visit(visit, n);
  for (auto& c : changes) context_.emit(std::move(c));
}

Change UnitWriter::write_one(const model::Unit& unit) {
  Change change{Change::Kind::unchanged, "unit", unit.key, {}};
  get_.bind(":key", unit.key);
  std::optional<std::int64_t> id;
  std::optional<model::Unit> stored;
  if (get_.executeStep()) {
    id = get_.getColumn(0).getInt64();
    stored = read_unit(get_, 1);
  }
  get_.reset();

  const auto bind_values = [&](SQLite::Statement& q) {
    q.bind(":name", unit.name);
    q.bind(":kind", std::string(model::to_string(unit.kind)));
    bind_int(q, ":parent_id", context_.unit_id(unit.parent));
    bind_text(q, ":head", unit.head);
    bind_text(q, ":emails", join(unit.emails, ", "));
  };
  if (!stored) {
    insert_.bind(":key", unit.key);
    bind_values(insert_);
    exec_reset(insert_);
    context_.add_unit(unit.key, context_.last_insert_id());
    change.kind = Change::Kind::added;
    context_.event("import", "unit", unit.key, std::nullopt, "", "", unit.name);
    return change;
  }
  const Fields before = unit_fields(*stored);
  const Fields after = unit_fields(unit);
  const auto diff = changed(before, after);
  if (diff.empty()) return change;
  bind_values(update_);
  update_.bind(":id", static_cast<std::int64_t>(*id));
  exec_reset(update_);
  context_.record_update(change, "unit", unit.key, std::nullopt, before, after, diff);
  return change;
}

}  // namespace inspectrack::storage::detail
