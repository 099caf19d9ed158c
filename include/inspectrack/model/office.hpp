#pragma once
// The office that issues documents (cơ quan ban hành): how it is printed at the head
// of a document, who signs for it and to whom its documents go, as in an `office:`
// file (man 5).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace inspectrack::model {

// The authority under which the signer signs (Nghị định 30/2020/NĐ-CP, Điều 13):
// on behalf of a collective body (TM.), deputising for the head (KT.), by order of the
// head (TL.), by authorisation (TUQ.), acting head (Q.), or the head in person (none).
enum class SigningAuthority { none, tm, kt, tl, tuq, q };

// "TM.", "KT.", "TL.", "TUQ.", "Q."; "" for none: as printed, and as written in files.
std::string_view to_string(SigningAuthority authority);
// From a file's value: the printed forms in any case, with or without the dot, and
// "none" (or an empty value) for none.
std::optional<SigningAuthority> parse_signing_authority(std::string_view s);

// Printed as lines, upper case and bold: "{authority} {on_behalf_of}", then
// "KT. {deputy_for}" when a deputy signs on behalf of a collective body, then the title:
//   TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH
//   KT. TRƯỞNG PHÒNG / PHÓ TRƯỞNG PHÒNG          TL. CHỦ TỊCH / CHÁNH VĂN PHÒNG
//   Q. TRƯỞNG PHÒNG (Q. prefixes the title)       TRƯỞNG PHÒNG (none)
struct Signing {
  SigningAuthority authority = SigningAuthority::none;
  // The body or head the authority is exercised for, upper case: "ỦY BAN NHÂN DÂN"
  // after TM., "TRƯỞNG PHÒNG" after KT.; "" for none and Q.
  std::string on_behalf_of;
  std::string deputy_for;  // only with TM.: the head a deputy signs for, "CHỦ TỊCH"; else ""
  std::string title;       // the signer's own title, upper case: "PHÓ CHỦ TỊCH"
  std::string name;        // "Nguyễn Văn A"; "" leaves the line for the clerk to fill

  bool operator==(const Signing&) const = default;
};

struct Office {
  std::string key;
  std::string parent_body;  // cơ quan chủ quản as printed, "UBND HUYỆN CHƯ PRÔNG"; "" when none
  std::string body;         // cơ quan ban hành as printed, "PHÒNG NỘI VỤ"
  std::string place;        // the date line's place name, "Chư Prông"
  std::string report_symbol;  // a report's number symbol, "BC-UBND"
  std::string letter_symbol;  // a letter's (công văn), "UBND-NV"
  Signing signing;
  // Nơi nhận, each as it is printed without the leading "- " and the ending ";":
  // "Sở Nội vụ tỉnh Gia Lai (b/c)". The file's last entry is the archive line.
  std::vector<std::string> recipients;
  std::string archive;  // "VT, NV": printed "Lưu: VT, NV."
  // The registered unit this office is, when it is one: a letter is not addressed to it.
  std::optional<std::string> unit;

  bool operator==(const Office&) const = default;
};

}  // namespace inspectrack::model
