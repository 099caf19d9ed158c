#include "import_inspections.hpp"

#include <fmt/format.h>

#include <utility>

#include "inspectrack/text/message.hpp"
#include "rows.hpp"

namespace inspectrack::storage::detail {
namespace {

Fields inspection_fields(const model::Inspection& n) {
  return {field("kind", std::string(model::to_string(n.kind))),
          field("title", n.title),
          field("authority", n.authority),
          field("team", n.team),
          field("scope", n.scope.value_or("")),
          field("from", iso_or_empty(n.from)),
          field("to", iso_or_empty(n.to)),
          field("conclusion.number", n.conclusion.number),
          field("conclusion.date", iso_or_empty(n.conclusion.date)),
          field("conclusion.title", n.conclusion.title),
          field("conclusion.signed_by", n.conclusion.signed_by)};
}

std::string indicator_display(const std::optional<model::Indicator>& ind) {
  if (!ind) return {};
  std::string s = ind->name;
  if (ind->value) s += fmt::format("{}{}", s.empty() ? "" : ": ", *ind->value);
  if (ind->target) s += fmt::format("{}/ {}", s.empty() ? "" : " ", *ind->target);
  if (!ind->unit.empty()) s += (s.empty() ? "" : " ") + ind->unit;
  return s;
}

std::string indicator_identity(const std::optional<model::Indicator>& ind) {
  if (!ind) return "-\x1f-\x1f-\x1f-";
  const auto num = [](const std::optional<double>& d) {
    return d ? fmt::format("={}", *d) : std::string("-");
  };
  return fmt::format("{}\x1f{}\x1f{}\x1f{}", ind->name, num(ind->value), num(ind->target),
                     ind->unit);
}

// The columns an inspection's insert and update both write.
constexpr const char* kInspectionValues[] = {
    "kind", "title", "authority", "team", "scope_id", "from_date", "to_date", "conclusion_number",
    "conclusion_date", "conclusion_title", "conclusion_signed_by", "source_file"};

// The columns a finding's insert and update both write.
constexpr const char* kFindingValues[] = {
    "unit_id", "area", "severity", "text", "legal_basis", "indicator_name", "indicator_value",
    "indicator_target", "indicator_unit"};

Fields finding_fields(const model::Finding& f) {
  Fields fields = {field("unit", f.unit),
                   field("area", f.area),
                   field("severity", f.severity ? std::string(model::to_string(*f.severity)) : ""),
                   field("text", f.text),
                   field("legal_basis", f.legal_basis),
                   field("indicator", indicator_display(f.indicator))};
  fields.back().identity = indicator_identity(f.indicator);
  return fields;
}

}  // namespace

InspectionWriter::InspectionWriter(ImportContext& context)
    : context_(context),
      get_(context.db(),
           std::string("SELECT n.id, n.source_file, ") + kInspectionColumns + " WHERE n.key = :key"),
      insert_(context.db(), insert_sql("inspections", {"key"}, kInspectionValues)),
      update_(context.db(), update_sql("inspections", kInspectionValues)) {}

std::int64_t InspectionWriter::write(const import::InspectionPlan& plan) {
  const model::Inspection& inspection = plan.inspection;
  const std::string& key = inspection.key;
  Change change{Change::Kind::unchanged, "inspection", key, {}};

  get_.bind(":key", key);
  std::optional<std::int64_t> id;
  std::optional<model::Inspection> stored;
  std::optional<std::string> stored_source;
  if (get_.executeStep()) {
    id = get_.getColumn(0).getInt64();
    stored_source = opt_text(get_.getColumn(1));
    stored = read_inspection(get_, 2);
  }
  get_.reset();

  const auto bind_values = [&](SQLite::Statement& q) {
    q.bind(":kind", std::string(model::to_string(inspection.kind)));
    q.bind(":title", inspection.title);
    bind_text(q, ":authority", inspection.authority);
    bind_text(q, ":team", inspection.team);
    bind_int(q, ":scope_id", context_.unit_id(inspection.scope));
    bind_date(q, ":from_date", inspection.from);
    bind_date(q, ":to_date", inspection.to);
    bind_text(q, ":conclusion_number", inspection.conclusion.number);
    bind_date(q, ":conclusion_date", inspection.conclusion.date);
    bind_text(q, ":conclusion_title", inspection.conclusion.title);
    bind_text(q, ":conclusion_signed_by", inspection.conclusion.signed_by);
    bind_text(q, ":source_file", plan.source);
  };
  if (!stored) {
    insert_.bind(":key", key);
    bind_values(insert_);
    exec_reset(insert_);
    id = context_.last_insert_id();
    change.kind = Change::Kind::added;
    context_.event("import", "inspection", key, std::nullopt, "", "", inspection.title);
  } else {
    const Fields before = inspection_fields(*stored);
    const Fields after = inspection_fields(inspection);
    const auto diff = changed(before, after);
    // The source file is where the inspection was last read from, not its content:
    // it follows silently, without an event.
    if (!diff.empty() || stored_source.value_or("") != plan.source) {
      bind_values(update_);
      update_.bind(":id", static_cast<std::int64_t>(*id));
      exec_reset(update_);
    }
    if (!diff.empty()) {
      context_.record_update(change, "inspection", key, std::nullopt, before, after, diff);
    }
  }
  context_.emit(std::move(change));
  return *id;
}

model::Inspection InspectionWriter::by_key(const std::string& key) {
  get_.bind(":key", key);
  model::Inspection out;
  if (get_.executeStep()) out = read_inspection(get_, 2);
  get_.reset();
  return out;
}

std::int64_t InspectionWriter::id_of(const std::string& key) {
  get_.bind(":key", key);
  std::int64_t id = 0;
  if (get_.executeStep()) id = get_.getColumn(0).getInt64();
  get_.reset();
  return id;
}

FindingWriter::FindingWriter(ImportContext& context)
    : context_(context),
      get_(context.db(),
           std::string("SELECT f.id, ") + kFindingColumns + " WHERE f.inspection_id = :inspection_id"),
      insert_(context.db(), insert_sql("findings", {"inspection_id", "key"}, kFindingValues)),
      update_(context.db(), update_sql("findings", kFindingValues)),
      linked_(context.db(),
              "SELECT i.key || '/' || t.key || '@' || a.key FROM task_findings tf"
              " JOIN tasks t ON t.id = tf.task_id"
              " JOIN inspections i ON i.id = t.inspection_id"
              " JOIN units a ON a.id = t.assignee_id"
              " WHERE tf.finding_id = :id ORDER BY 1 LIMIT 1"),
      delete_(context.db(), "DELETE FROM findings WHERE id = :id") {}

std::map<std::string, FindingWriter::Stored> FindingWriter::stored(std::int64_t inspection_id) {
  std::map<std::string, Stored> out;
  get_.bind(":inspection_id", inspection_id);
  while (get_.executeStep()) {
    Stored f{get_.getColumn(0).getInt64(), read_finding(get_, 1)};
    out.emplace(f.finding.key, std::move(f));
  }
  get_.reset();
  return out;
}

Change FindingWriter::write(std::int64_t inspection_id, const std::string& inspection_key,
                            const model::Finding& finding, const Stored* stored, FindingIds& ids) {
  const std::string key = inspection_key + "/" + finding.key;
  Change change{Change::Kind::unchanged, "finding", key, {}};
  const auto bind_values = [&](SQLite::Statement& q) {
    q.bind(":unit_id", context_.unit_id(finding.unit));
    bind_text(q, ":area", finding.area);
    bind_text(q, ":severity",
              finding.severity ? std::string(model::to_string(*finding.severity)) : "");
    q.bind(":text", finding.text);
    bind_text(q, ":legal_basis", finding.legal_basis);
    const auto& ind = finding.indicator;
    bind_text(q, ":indicator_name", ind ? ind->name : "");
    bind_real(q, ":indicator_value", ind ? ind->value : std::nullopt);
    bind_real(q, ":indicator_target", ind ? ind->target : std::nullopt);
    bind_text(q, ":indicator_unit", ind ? ind->unit : "");
  };
  if (!stored) {
    insert_.bind(":inspection_id", inspection_id);
    insert_.bind(":key", finding.key);
    bind_values(insert_);
    exec_reset(insert_);
    ids[finding.key] = context_.last_insert_id();
    change.kind = Change::Kind::added;
    context_.event("import", "finding", key, std::nullopt, "", "", finding.text);
    return change;
  }
  const Fields before = finding_fields(stored->finding);
  const Fields after = finding_fields(finding);
  const auto diff = changed(before, after);
  if (diff.empty()) return change;
  bind_values(update_);
  update_.bind(":id", stored->id);
  exec_reset(update_);
  context_.record_update(change, "finding", key, std::nullopt, before, after, diff);
  return change;
}

Change FindingWriter::prune(const std::string& inspection_key, const Stored& stored) {
  const std::string key = inspection_key + "/" + stored.finding.key;
  Change change{Change::Kind::missing, "finding", key, {}};
  if (!context_.options().prune) return change;

  linked_.bind(":id", stored.id);
  std::optional<std::string> linked;
  if (linked_.executeStep()) linked = linked_.getColumn(0).getString();
  linked_.reset();
  if (linked) {
    context_.outcome().refusals.push_back(
        text::Message("finding '{0}' is linked to task '{1}', which is kept; not pruned", key, *linked));
    return change;
  }
  // A link of a task that is gone would have gone with the finding by cascade.
  if (!links_delete_) {
    links_delete_.emplace(context_.db(), "DELETE FROM task_findings WHERE finding_id = :id");
  }
  links_delete_->bind(":id", stored.id);
  exec_reset(*links_delete_);
  delete_.bind(":id", stored.id);
  exec_reset(delete_);
  context_.event("prune", "finding", key, std::nullopt, "", stored.finding.text, "");
  change.kind = Change::Kind::pruned;
  return change;
}

const FindingIds& FindingWriter::ids_of(std::int64_t inspection_id) {
  auto [it, inserted] = ids_cache_.try_emplace(inspection_id);
  if (inserted) {
    for (const auto& [fkey, f] : stored(inspection_id)) it->second.emplace(fkey, f.id);
  }
  return it->second;
}

}  // namespace inspectrack::storage::detail
