#include "office_document.hpp"

#include <cctype>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "inspectrack/model/office.hpp"
#include "inspectrack/text/utf8.hpp"

namespace inspectrack::import {
namespace {

const std::vector<std::string> kOfficeKeys{"key",     "parent_body", "body",    "place", "symbols",
                                           "signing", "recipients",  "archive", "unit"};
const std::vector<std::string> kSymbolKeys{"report", "letter"};
const std::vector<std::string> kSigningKeys{"authority", "on_behalf_of", "deputy_for", "title", "name"};
const std::vector<std::string> kAuthorities{"TM.", "KT.", "TL.", "TUQ.", "Q.", "none"};

const auto kInOffice = text::Message("in the office");
const auto kInSymbols = text::Message("in 'symbols'");
const auto kInSigning = text::Message("in 'signing'");
const auto kOfficeShape = text::Message("a mapping (key: …, body: …, place: …, symbols: …, signing: …)");
const auto kSymbolsShape = text::Message("a mapping ({{report: BC-NV, letter: NV}})");
const auto kSigningShape = text::Message("a mapping (authority: …, title: …, name: …)");
const auto kRecipientsShape = text::Message("a list of recipients (- …)");
const auto kRecipientShape = text::Message("a recipient");

// A number's symbol as Decree 30/2020/ND-CP writes them ("BC-UBND", "QĐ-UBND"): upper-case
// letters, digits, and the joining '-', '&' and '.'.
bool is_symbol(std::string_view s) {
  if (s.empty() || text::has_lowercase(s)) return false;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80U) continue;  // a letter such as Đ: has_lowercase judged its case
    if (!(std::isupper(u) || std::isdigit(u) || c == '-' || c == '&' || c == '.')) return false;
  }
  return true;
}

class OfficeReader {
 public:
  explicit OfficeReader(FieldReader& r) : r_(r) {}

  std::optional<OfficeDocument> read(const Node& value) {
    if (!r_.expect_mapping(value, "office", kOfficeShape)) return std::nullopt;
    r_.reject_unknown_keys(value, kOfficeKeys, kInOffice);
    OfficeDocument doc;
    doc.pos = r_.at(value);
    model::Office& office = doc.office;
    if (const Node* key = r_.require(value, "key", kInOffice)) {
      if (auto k = r_.key(*key, "key")) office.key = std::move(*k);
    }
    if (const Node* parent = value.find("parent_body"))
      office.parent_body = upper_text(*parent, "parent_body");
    if (const Node* body = r_.require(value, "body", kInOffice))
      office.body = upper_text(*body, "body", true);
    if (const Node* place = r_.require(value, "place", kInOffice)) {
      if (auto t = r_.line(*place, "place", true)) office.place = std::move(*t);
    }
    if (const Node* symbols = r_.require(value, "symbols", kInOffice)) read_symbols(*symbols, office);
    if (const Node* signing = r_.require(value, "signing", kInOffice)) read_signing(*signing, office.signing);
    if (const Node* recipients = value.find("recipients"); recipients != nullptr && !recipients->is_null()) {
      read_recipients(*recipients, office.recipients);
    }
    if (const Node* archive = r_.require(value, "archive", kInOffice)) read_archive(*archive, office);
    if (const Node* unit = value.find("unit"); unit != nullptr && !unit->is_null()) {
      if (auto ref = r_.ref(*unit, "unit")) {
        office.unit = ref->key;
        doc.unit = std::move(*ref);
      }
    }
    if (office.key.empty()) return std::nullopt;
    return doc;
  }

 private:
  // A text printed upper case (a body, a title): "" when not given or refused.
  std::string upper_text(const Node& value, std::string_view field, bool required = false,
                         bool one_line = false) {
    auto t = one_line ? r_.line(value, field, required) : r_.text(value, field, required);
    if (!t) return {};
    if (text::has_lowercase(*t)) {
      r_.error(value, text::Message("'{0}' is printed upper case (Decree 30/2020/ND-CP, Appendix I); "
                                    "write it in capitals: '{1}'",
                                    field, text::uppercase(*t)));
      return {};
    }
    return std::move(*t);
  }

  void read_symbols(const Node& value, model::Office& office) {
    if (!r_.expect_mapping(value, "symbols", kSymbolsShape)) return;
    r_.reject_unknown_keys(value, kSymbolKeys, kInSymbols);
    if (const Node* report = r_.require(value, "report", kInSymbols))
      office.report_symbol = symbol(*report, "report");
    if (const Node* letter = r_.require(value, "letter", kInSymbols))
      office.letter_symbol = symbol(*letter, "letter");
  }

  std::string symbol(const Node& value, std::string_view field) {
    auto t = r_.line(value, field, true);
    if (!t) return {};
    if (!is_symbol(*t)) {
      r_.error(value,
               text::Message("'{0}' is not a document symbol; write upper-case letters, digits, '-', '&' "
                             "or '.' as in 'BC-UBND'",
                             *t));
      return {};
    }
    return std::move(*t);
  }

  void read_signing(const Node& value, model::Signing& out);

  void read_recipients(const Node& value, std::vector<std::string>& out) {
    if (!r_.expect_list(value, "recipients", kRecipientsShape)) return;
    for (const Node& item : value.items) {
      if (!r_.expect_scalar(item, "recipients", kRecipientShape)) continue;
      auto t = r_.line(item, "recipients", true);
      if (!t) continue;
      if (t->front() == '-' || t->back() == ';' || t->back() == '.') {
        r_.error(item, text::Message("write a recipient without the leading '- ' and the ending ';' or '.': "
                                     "the document adds them"));
        continue;
      }
      out.push_back(std::move(*t));
    }
  }

  void read_archive(const Node& value, model::Office& office) {
    auto t = r_.line(value, "archive", true);
    if (!t) return;
    // The document prints "Lưu: VT, NV.": neither the word nor the dot is written.
    if (text::lowercase(t->substr(0, 4)) == "lưu" || t->back() == '.') {
      r_.error(value, text::Message("write only what is archived, as 'VT, NV', without the word before it "
                                    "and the final '.': the document adds them"));
      return;
    }
    office.archive = std::move(*t);
  }

  FieldReader& r_;
};

void OfficeReader::read_signing(const Node& value, model::Signing& out) {
  if (!r_.expect_mapping(value, "signing", kSigningShape)) return;
  r_.reject_unknown_keys(value, kSigningKeys, kInSigning);
  bool authority_known = true;
  if (const Node* authority = value.find("authority"); authority != nullptr && !authority->is_null()) {
    const auto parsed =
        authority->is_scalar() ? model::parse_signing_authority(trim(authority->scalar)) : std::nullopt;
    if (parsed) {
      out.authority = *parsed;
    } else {
      authority_known = false;
      r_.choice(*authority, text::Message("signing authority"), kAuthorities);
    }
  }
  const Node* on_behalf_of = value.find("on_behalf_of");
  if (on_behalf_of != nullptr) out.on_behalf_of = upper_text(*on_behalf_of, "on_behalf_of", false, true);
  const Node* deputy_for = value.find("deputy_for");
  if (deputy_for != nullptr) out.deputy_for = upper_text(*deputy_for, "deputy_for", false, true);
  if (const Node* title = r_.require(value, "title", kInSigning)) {
    out.title = upper_text(*title, "title", true, true);
  }
  if (const Node* name = value.find("name")) {
    if (auto t = r_.line(*name, "name", false)) out.name = std::move(*t);
  }
  if (!authority_known) return;
  using model::SigningAuthority;
  const bool for_someone = out.authority != SigningAuthority::none && out.authority != SigningAuthority::q;
  const std::string written(model::to_string(out.authority).empty() ? "none"
                                                                    : model::to_string(out.authority));
  if (for_someone && (on_behalf_of == nullptr || on_behalf_of->is_null())) {
    r_.error(value, text::Message("missing 'on_behalf_of' in 'signing'; {0} signs for someone: add "
                                  "on_behalf_of: the head's title (the body's name after TM.), upper case",
                                  written));
  } else if (!for_someone && on_behalf_of != nullptr && !on_behalf_of->is_null()) {
    r_.error(*on_behalf_of,
             text::Message("'on_behalf_of' does not go with authority {0}; remove it, or write "
                           "the authority the signer signs under (TM., KT., TL., TUQ.)",
                           written));
  }
  if (deputy_for != nullptr && !deputy_for->is_null() && out.authority != SigningAuthority::tm) {
    r_.error(*deputy_for, text::Message("'deputy_for' goes only with authority TM. (a deputy signing for a "
                                        "collective body's head); remove it"));
  }
}

}  // namespace

std::optional<OfficeDocument> parse_office(FieldReader& r, const Node& value) {
  return OfficeReader(r).read(value);
}

}  // namespace inspectrack::import
