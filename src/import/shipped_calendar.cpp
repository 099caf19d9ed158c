#include "inspectrack/import/shipped_calendar.hpp"

#include <fmt/format.h>

#include "inspectrack/calendar_data.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/import/document.hpp"
#include "inspectrack/import/loader.hpp"
#include "inspectrack/import/source.hpp"

namespace inspectrack::import {
namespace {

constexpr const char* kShippedPath = "<shipped>/calendars/vn.yaml";

calendar::CalendarSpec parse_shipped() {
  Diagnostics diags;
  const Limits limits;
  std::optional<Document> doc;
  if (auto source = check_source(kShippedPath, calendar_data::kVietnam, limits, diags)) {
    if (auto root = load_yaml(*source, limits, diags)) {
      doc = parse_document(*root, kShippedPath, diags);
    }
  }
  if (!diags.empty() || !doc || !doc->calendar) {
    std::string why = diags.empty() ? "not a calendar" : diags.list().front().message.english();
    if (!diags.empty()) {
      const Position& at = diags.list().front().where;
      why = fmt::format("{}:{}: {}", at.line, at.column, why);
    }
    throw Error(ExitCode::software, "the shipped calendar does not parse: " + why);
  }
  return std::move(doc->calendar->spec);
}

}  // namespace

std::string_view shipped_calendar_yaml() { return calendar_data::kVietnam; }

const calendar::CalendarSpec& shipped_calendar() {
  static const calendar::CalendarSpec spec = parse_shipped();
  return spec;
}

}  // namespace inspectrack::import
