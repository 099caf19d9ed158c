#include "templates.hpp"

#include "inspectrack/import/shipped_calendar.hpp"
#include "inspectrack/templates_data.hpp"

namespace inspectrack::cli {

std::string_view template_text(std::string_view kind, text::Lang lang) {
  const bool vi = lang == text::Lang::vi;
  if (kind == "units") return vi ? templates::kUnitsVi : templates::kUnitsEn;
  if (kind == "progress") return vi ? templates::kProgressVi : templates::kProgressEn;
  if (kind == "office") return vi ? templates::kOfficeVi : templates::kOfficeEn;
  // The shipped calendar is the best starting point for a local one: every year it
  // lists cites its announcement.
  if (kind == "calendar") return import::shipped_calendar_yaml();
  return vi ? templates::kInspectionVi : templates::kInspectionEn;
}

}  // namespace inspectrack::cli
