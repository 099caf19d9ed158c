#include "templates.hpp"

#include "inspectrack/templates_data.hpp"

namespace inspectrack::cli {

std::string_view template_text(std::string_view kind, text::Lang lang) {
  const bool vi = lang == text::Lang::vi;
  if (kind == "units") return vi ? templates::kUnitsVi : templates::kUnitsEn;
  return vi ? templates::kInspectionVi : templates::kInspectionEn;
}

}  // namespace inspectrack::cli
