#include "inspectrack/model/event.hpp"

#include <vector>

namespace inspectrack::model {

using text::Message;

Message entity_words(std::string_view entity) {
  if (entity == "unit") return Message("unit");
  if (entity == "inspection") return Message("inspection");
  if (entity == "finding") return Message::with_context("a kind of record", "finding");
  if (entity == "task") return Message("task");
  if (entity == "calendar") return Message("calendar");
  if (entity == "office") return Message("office");
  return Message::verbatim(std::string(entity));
}

Message event_action_words(std::string_view action) {
  if (action == "import") return Message::with_context("a change in the history", "imported");
  if (action == "update") return Message::with_context("a change in the history", "updated");
  if (action == "prune") return Message::with_context("a change in the history", "removed");
  if (action == "repeat") return Message::with_context("a change in the history", "new occurrence");
  if (action == "done") return Message::with_context("a change in the history", "done");
  if (action == "extend") return Message::with_context("a change in the history", "extended");
  if (action == "cancel") return Message::with_context("a change in the history", "cancelled");
  if (action == "reopen") return Message::with_context("a change in the history", "reopened");
  if (action == "verify") return Message::with_context("a change in the history", "verified");
  if (action == "note") return Message::with_context("a change in the history", "note");
  return Message::verbatim(std::string(action));
}

namespace {

struct FieldWords {
  std::string_view field;
  Message words;
};

// A field under the heading its column has in the reports, where it has one.
const std::vector<FieldWords>& field_words() {
  static const std::vector<FieldWords> kWords = {
      {"status", Message("Status")},
      {"done_on", Message("Done on")},
      {"verified_on", Message("Verified on")},
      {"last_day", Message("Last day")},
      {"extensions", Message("Extensions")},
      {"evidence", Message("Evidence")},
      {"reason", Message("Reason")},
      {"note", Message::with_context("a field in the history", "Note")},
      {"approved_by", Message("Approved by")},
      {"action", Message("Action")},
      {"area", Message("Area")},
      {"authority", Message("Authority")},
      {"calendar", Message("Calendar")},
      {"emails", Message("E-mail")},
      {"findings", Message("Findings")},
      {"from", Message("From")},
      {"to", Message("To")},
      {"head", Message("Head")},
      {"indicator", Message("Indicator")},
      {"kind", Message("Kind")},
      {"legal_basis", Message("Legal basis")},
      {"name", Message("Name")},
      {"parent", Message("Parent")},
      {"provisional", Message("Provisional")},
      {"repeat", Message("Repeats")},
      {"report_to", Message("Report to")},
      {"scope", Message("Scope")},
      {"severity", Message("Severity")},
      {"target", Message("Target")},
      {"team", Message("Team")},
      {"text", Message("Text")},
      {"title", Message("Title")},
      {"unit", Message("Unit")},
      {"due", Message("Deadline")},
      {"conclusion.number", Message("Document")},
      {"conclusion.date", Message("Dated")},
      {"conclusion.title", Message("Document title")},
      {"conclusion.signed_by", Message("Signed by")},
      {"parent_body", Message("Parent body")},
      {"body", Message("Issuing body")},
      {"place", Message("Place")},
      {"report_symbol", Message("Report symbol")},
      {"letter_symbol", Message("Letter symbol")},
      {"on_behalf_of", Message("On behalf of")},
      {"deputy_for", Message("Deputy for")},
      {"signer", Message("Signer")},
      {"recipients", Message("Recipients")},
      {"archive", Message("Archive")},
  };
  return kWords;
}

}  // namespace

Message event_field_words(std::string_view field) {
  for (const auto& f : field_words()) {
    if (f.field == field) return f.words;
  }
  return Message::verbatim(std::string(field));
}

}  // namespace inspectrack::model
