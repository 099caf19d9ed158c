#pragma once
// One source of findings and orders (đợt kiểm tra): a visit, an index assessment or
// a directive.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inspectrack/model/date.hpp"

namespace inspectrack::model {

enum class InspectionKind { visit, assessment, directive };

std::string_view to_string(InspectionKind kind);
std::optional<InspectionKind> parse_inspection_kind(std::string_view s);
const std::vector<std::string>& inspection_kind_names();

// The conclusion document (thông báo kết luận, công văn, chỉ thị…). Every part is
// optional: orders are often typed in before their number is known.
struct Conclusion {
  std::string number;     // số/ký hiệu as written, may be partial ("TB-UBND")
  std::optional<Date> date;
  std::string title;      // trích yếu
  std::string signed_by;

  bool operator==(const Conclusion&) const = default;
};

struct Inspection {
  std::string key;
  InspectionKind kind = InspectionKind::visit;
  std::string title;
  std::string authority;             // who ordered it (UBND tỉnh Gia Lai)
  std::string team;                  // who inspected
  std::optional<std::string> scope;  // unit key whose area was inspected
  std::optional<Date> from;
  std::optional<Date> to;
  Conclusion conclusion;

  bool operator==(const Inspection&) const = default;

  // The day an office files the inspection under (its year is the inspection's year):
  // the conclusion's date (a directive's is its own), else the first day of the visit;
  // nullopt when it has neither.
  std::optional<Date> dated() const { return conclusion.date ? conclusion.date : from; }
};

}  // namespace inspectrack::model
