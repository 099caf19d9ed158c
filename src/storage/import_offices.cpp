#include "import_offices.hpp"

#include <optional>
#include <string>

#include "rows.hpp"

namespace inspectrack::storage::detail {
namespace {

// The columns an office's insert and update both write.
constexpr const char* kOfficeValues[] = {
    "parent_body", "body",  "place",  "report_symbol", "letter_symbol", "authority", "on_behalf_of",
    "deputy_for",  "title", "signer", "recipients",    "archive",       "unit_id"};

// As the history shows them: the recipients one per line, as stored.
Fields office_fields(const model::Office& o) {
  return {field("parent_body", o.parent_body),
          field("body", o.body),
          field("place", o.place),
          field("report_symbol", o.report_symbol),
          field("letter_symbol", o.letter_symbol),
          field("authority", std::string(model::to_string(o.signing.authority))),
          field("on_behalf_of", o.signing.on_behalf_of),
          field("deputy_for", o.signing.deputy_for),
          field("title", o.signing.title),
          field("signer", o.signing.name),
          field("recipients", join_recipients(o.recipients)),
          field("archive", o.archive),
          field("unit", o.unit.value_or(""))};
}

}  // namespace

OfficeWriter::OfficeWriter(ImportContext& context)
    : context_(context),
      get_(context.db(), std::string("SELECT o.id, ") + kOfficeColumns + " WHERE o.key = :key"),
      insert_(context.db(), insert_sql("offices", {"key"}, kOfficeValues)),
      update_(context.db(), update_sql("offices", kOfficeValues)) {}

void OfficeWriter::write(const std::vector<model::Office>& offices) {
  for (const model::Office& office : offices) context_.emit(write_one(office));
}

Change OfficeWriter::write_one(const model::Office& office) {
  Change change{Change::Kind::unchanged, "office", office.key, {}};
  get_.bind(":key", office.key);
  std::optional<std::int64_t> id;
  std::optional<model::Office> stored;
  if (get_.executeStep()) {
    id = get_.getColumn(0).getInt64();
    stored = read_office(get_, 1);
  }
  get_.reset();

  const auto bind_values = [&](SQLite::Statement& q) {
    bind_text(q, ":parent_body", office.parent_body);
    q.bind(":body", office.body);
    q.bind(":place", office.place);
    q.bind(":report_symbol", office.report_symbol);
    q.bind(":letter_symbol", office.letter_symbol);
    bind_text(q, ":authority", std::string(model::to_string(office.signing.authority)));
    bind_text(q, ":on_behalf_of", office.signing.on_behalf_of);
    bind_text(q, ":deputy_for", office.signing.deputy_for);
    q.bind(":title", office.signing.title);
    bind_text(q, ":signer", office.signing.name);
    bind_text(q, ":recipients", join_recipients(office.recipients));
    q.bind(":archive", office.archive);
    bind_int(q, ":unit_id", context_.unit_id(office.unit));
  };
  if (!stored) {
    insert_.bind(":key", office.key);
    bind_values(insert_);
    exec_reset(insert_);
    change.kind = Change::Kind::added;
    context_.event("import", "office", office.key, std::nullopt, "", "", office.body);
    return change;
  }
  const Fields before = office_fields(*stored);
  const Fields after = office_fields(office);
  const auto diff = changed(before, after);
  if (diff.empty()) return change;
  bind_values(update_);
  update_.bind(":id", static_cast<std::int64_t>(*id));
  exec_reset(update_);
  context_.record_update(change, "office", office.key, std::nullopt, before, after, diff);
  return change;
}

}  // namespace inspectrack::storage::detail
