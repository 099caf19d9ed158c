// libFuzzer target for the YAML import front end, as `inspectrack validate/import`
// chains it: check_source (UTF-8, NUL, BOM, size) → load_yaml (with its limits) →
// parse_document → resolve against the shipped calendar. Built four times, once per
// document kind (INSPECTRACK_FUZZ_KIND: inspection, units, progress, calendar): an
// input whose top-level keys make it a document of another kind stops after the
// loader, so that each target spends its time on its own kind (the libFuzzer of
// Clang 14 does not honour `return -1`, which would keep such inputs out of the
// corpus). run.sh gives each target the seeds of its kind.
//
// Any outcome the CLI reports as diagnostics or as an inspectrack::Error is fine;
// only crashes, sanitizer reports, timeouts, leaks and escaping exceptions that the
// CLI would report as an internal error (exit 70) are findings.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inspectrack/calendar/registry.hpp"
#include "inspectrack/calendar/work_calendar.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/import/diagnostic.hpp"
#include "inspectrack/import/document.hpp"
#include "inspectrack/import/loader.hpp"
#include "inspectrack/import/resolve.hpp"
#include "inspectrack/import/shipped_calendar.hpp"
#include "inspectrack/import/source.hpp"
#include "inspectrack/model/date.hpp"

#ifndef INSPECTRACK_FUZZ_KIND
#error "define INSPECTRACK_FUZZ_KIND to inspection, units, progress or calendar"
#endif
#ifndef INSPECTRACK_SOURCE_DIR
#error "define INSPECTRACK_SOURCE_DIR to the source tree (for the registered units)"
#endif

namespace {

using namespace inspectrack;

constexpr import::DocumentKind kKind = import::DocumentKind::INSPECTRACK_FUZZ_KIND;

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_document: %s: %s\n", what, detail.c_str());
  std::abort();
}

// A document of the source tree, which must load and resolve: a harness setup error
// otherwise (not a finding).
import::Document load_fixture(const std::string& relative) {
  import::Diagnostics diags;
  auto doc = import::load_document(std::string(INSPECTRACK_SOURCE_DIR) + "/" + relative, import::Limits{}, diags);
  if (!doc || !diags.empty()) {
    fail("fixture does not load", relative + (diags.empty() ? "" : ": " + diags.list()[0].message.english()));
  }
  return std::move(*doc);
}

// What the CLI resolves files against when a database exists: the shipped `vn`
// calendar (the default), a stored calendar (tests/data/calendars/rieng.yaml, key
// lich-rieng) and the units of the examples, so that references, fan-outs and
// deadlines of the seeds get past the "unknown unit" stage. The calendars are built
// here once: the registry shares built calendars with its copies, and building `vn`
// (two centuries of lunar holidays) for every input would be the whole run time.
const import::ResolveContext& context() {
  static const import::ResolveContext known = [] {
    import::ResolveContext c;
    c.calendars.add(import::shipped_calendar());
    std::vector<import::Document> fixtures;
    fixtures.push_back(load_fixture("tests/data/calendars/rieng.yaml"));
    fixtures.push_back(load_fixture("examples/units-chu-prong.yaml"));
    fixtures.push_back(load_fixture("examples/units-truc-ninh.yaml"));
    import::Diagnostics diags;
    auto plan = import::resolve(fixtures, c, diags);
    if (!plan || !diags.empty()) {
      fail("fixtures do not resolve", diags.empty() ? "" : diags.list()[0].message.english());
    }
    for (auto& cal : plan->calendars) c.calendars.add(std::move(cal.spec));
    c.known_units = std::move(plan->units);
    for (const auto& key : c.calendars.keys()) {
      if (c.calendars.find(key) == nullptr) fail("calendar does not build", key);
    }
    c.default_calendar = std::string(calendar::kDefaultCalendar);
    return c;
  }();
  return known;
}

// The kind parse_document gives a tree, by its top-level keys (calendar, then
// progress, then inspection, then units/findings/tasks); nullopt when it gives none.
std::optional<import::DocumentKind> kind_of(const import::Node& root) {
  if (!root.is_mapping()) return std::nullopt;
  if (root.find("calendar") != nullptr) return import::DocumentKind::calendar;
  if (root.find("progress") != nullptr) return import::DocumentKind::progress;
  if (root.find("inspection") != nullptr) return import::DocumentKind::inspection;
  if (root.find("units") != nullptr || root.find("findings") != nullptr ||
      root.find("tasks") != nullptr) {
    return import::DocumentKind::units;
  }
  return std::nullopt;
}

// Each diagnostic formatted as the CLI prints it (exercises the catalog's wording and
// its placeholders).
void format_all(const import::Diagnostics& diags, text::Lang lang) {
  std::size_t total = 0;
  for (const auto& d : diags.sorted()) total += import::format(d.where, "error", text::translate(lang, d.message)).size();
  if (!diags.empty() && total == 0) fail("empty diagnostics", "");
}

// A calendar document's spec is what deadlines are later counted with: build it and
// ask it the questions resolve and the reports ask.
void use_calendar(const calendar::CalendarSpec& spec) {
  const calendar::WorkCalendar cal(spec);
  for (const auto& year : spec.years) {
    const auto start = model::Date::from_ymd(year.year, 1, 1);
    if (!start) continue;
    (void)cal.special_days(year.year);
    (void)cal.announced(year.year);
    const model::Date end = start->plus_days(365);
    const model::Date tenth = cal.add_working_days(*start, 10);
    if (tenth <= *start || !cal.is_working_day(tenth)) {
      fail("add_working_days", spec.key + " from " + start->iso() + " gave " + tenth.iso());
    }
    (void)cal.working_days_between(*start, end);
    (void)cal.any_provisional(*start, end);
    (void)cal.next_working_day(*start);
  }
}

void run(std::string_view bytes) {
  // The language only changes how messages read: both are exercised, chosen by the input.
  const text::Lang lang = bytes.size() % 2 == 0 ? text::Lang::en : text::Lang::vi;
  const import::Limits limits;
  import::Diagnostics diags;
  const std::string path = "fuzz.yaml";

  const auto source = import::check_source(path, bytes, limits, diags);
  if (!source) {
    format_all(diags, lang);
    return;
  }
  const auto root = import::load_yaml(*source, limits, diags);
  if (!root) {
    format_all(diags, lang);
    return;
  }
  if (const auto kind = kind_of(*root); kind && *kind != kKind) return;  // another target's
  auto doc = import::parse_document(*root, path, diags);
  if (doc && doc->kind != kKind) return;
  if (!doc || !diags.empty()) {
    format_all(diags, lang);
    return;
  }
  std::vector<import::Document> documents;
  documents.push_back(std::move(*doc));
  const auto plan = import::resolve(documents, context(), diags);
  format_all(diags, lang);
  if (plan && kKind == import::DocumentKind::calendar) {
    for (const auto& c : plan->calendars) use_calendar(c.spec);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)context();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    run(bytes);
  } catch (const inspectrack::Error& e) {
    // Reported by the CLI with its exit code; only "internal error" is a bug.
    if (e.code() == inspectrack::ExitCode::software) fail("internal error (exit 70)", e.what());
  } catch (const std::exception& e) {
    fail("exception the CLI reports as an internal error (exit 70)", e.what());
  }
  return 0;
}
