#include "inspectrack/render/document.hpp"

#include <array>
#include <cstddef>
#include <utility>

#include <fmt/format.h>

#include "cell.hpp"
#include "inspectrack/render/words.hpp"
#include "inspectrack/text/message.hpp"
#include "inspectrack/text/utf8.hpp"

namespace inspectrack::render {
namespace {

using text::Message;
using typeset::Paragraph;
using typeset::Run;
using typeset::Table;

// A note longer than this (in letters) is left to the history: a table cell is no place for it.
constexpr std::size_t kShortNote = 120;

std::string say(text::Lang lang, const Message& m) { return text::translate(lang, m); }

const char* english_month(int month) {
  static constexpr std::array<const char*, 12> kMonths = {"January",   "February", "March",    "April",
                                                          "May",       "June",     "July",     "August",
                                                          "September", "October",  "November", "December"};
  return kMonths[static_cast<std::size_t>(month - 1)];
}

// A day inside a document's prose: "20/7/2021", as offices write it; "20 July 2021".
std::string body_day(model::Date date, text::Lang lang) {
  if (lang == text::Lang::vi) return fmt::format("{}/{}/{}", date.day(), date.month(), date.year());
  return fmt::format("{} {} {}", date.day(), english_month(date.month()), date.year());
}

Paragraph paragraph(std::string text, Paragraph::Style style = Paragraph::Style::body) {
  Paragraph p;
  p.style = style;
  p.runs.push_back(Run{std::move(text)});
  return p;
}

Paragraph heading(text::Lang lang, const Message& m) {
  return paragraph(say(lang, m), Paragraph::Style::heading);
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  return fmt::format("{}", fmt::join(parts, separator));
}

// The office's name inside a sentence: its unit's name, else its body as printed.
const std::string& office_in_sentence(const DocumentSource& source) {
  return source.office_name.empty() ? source.office.body : source.office_name;
}

typeset::Heading heading_of(const DocumentSource& source, const std::string& symbol,
                            std::optional<model::Date> date, text::Lang lang) {
  typeset::Heading h;
  h.parent_body = source.office.parent_body;
  h.body = source.office.body;
  h.national_title = say(lang, Message("SOCIALIST REPUBLIC OF VIET NAM"));
  h.motto = say(lang, Message("Independence - Freedom - Happiness"));
  h.number = number_line(symbol, lang);
  h.place_date = place_date(source.office.place, date.value_or(source.as_of), lang);
  return h;
}

// Nơi nhận: "- Như trên;" first in a letter (its addressees), the office's own
// recipients, then the archive line.
std::vector<std::string> recipients_of(const model::Office& office, bool as_above, text::Lang lang) {
  std::vector<std::string> lines;
  if (as_above) lines.push_back(say(lang, Message("- As above;")));
  for (const auto& r : office.recipients) lines.push_back(fmt::format("- {};", r));
  if (!office.archive.empty()) lines.push_back(say(lang, Message("- Archived: {0}.", office.archive)));
  return lines;
}

// The head, signature and recipients every document of `source` has.
typeset::Document frame_of(const DocumentSource& source, const std::string& symbol,
                           std::optional<model::Date> date, bool as_above, text::Lang lang) {
  typeset::Document doc;
  doc.language = lang == text::Lang::vi ? "vi-VN" : "en-US";
  doc.heading = heading_of(source, symbol, date, lang);
  doc.addressed_label = say(lang, Message::with_context("a letter's addressees", "To"));
  doc.signature.titles = signing_lines(source.office.signing);
  doc.signature.name = source.office.signing.name;
  doc.recipients_label = say(lang, Message::with_context("a document's recipients", "Recipients"));
  doc.recipients = recipients_of(source.office, as_above, lang);
  return doc;
}

// One inspection and its conclusion, with only the parts of its provenance known.
std::string conclusion_of(const model::Inspection& i, text::Lang lang) {
  const std::string& title = i.title.empty() ? i.key : i.title;
  std::string text = i.authority.empty()
                         ? say(lang, Message("the conclusion after “{0}”", title))
                         : say(lang, Message("the conclusion after “{0}” by {1}", title, i.authority));
  std::vector<std::string> known;
  const auto& c = i.conclusion;
  if (!c.number.empty())
    known.push_back(say(lang, Message::with_context("a conclusion's number", "No. {0}", c.number)));
  if (c.date) known.push_back(say(lang, Message("dated {0}", body_day(*c.date, lang))));
  if (!c.title.empty()) known.push_back(say(lang, Message("subject: “{0}”", c.title)));
  if (!c.signed_by.empty()) known.push_back(say(lang, Message("signed by {0}", c.signed_by)));
  if (!known.empty()) text += " (" + join(known, "; ") + ")";
  return text;
}

// "Thực hiện kết luận sau đợt “…” của …": what the document answers to.
std::string pursuant_to(const DocumentSource& source, text::Lang lang) {
  std::vector<std::string> conclusions;
  for (const auto& i : source.inspections) conclusions.push_back(conclusion_of(i, lang));
  if (conclusions.empty()) return say(lang, Message("Pursuant to the conclusions of the inspections"));
  return say(lang, Message("Pursuant to {0}", join(conclusions, "; ")));
}

// A task's action as the table shows it: an occurrence of a recurring task with its period.
std::string action_of(const model::Task& task) {
  return task.period.empty() ? task.action : fmt::format("{} ({})", task.action, task.period);
}

// Kết quả: the task's outcome on the day, as the figures count it.
std::string result_of(const DocumentTask& t, text::Lang lang) {
  const auto& task = t.row.task;
  const auto& o = t.outcome;
  if (o.cancelled) return say(lang, Message::with_context("a task's result", "Cancelled"));
  if (o.done_on_time || o.done_late) {
    const bool late = o.done_late > 0;
    if (!task.done_on) return say(lang, late ? Message("Done (late)") : Message("Done (on time)"));
    const std::string day = body_day(*task.done_on, lang);
    return say(lang, late ? Message("Done on {0} (late)", day) : Message("Done on {0} (on time)", day));
  }
  if (o.overdue) return say(lang, Message("Overdue by {0}", days_count(t.row.days_late, false)));
  return say(lang, Message::with_context("a task's result", "In progress"));
}

// Ghi chú: the unit reported to, and the latest note when it is short.
std::string notes_of(const DocumentTask& t, text::Lang lang) {
  std::vector<std::string> notes;
  const auto& task = t.row.task;
  if (task.report_to) {
    const std::string& to = task.report_to_name.empty() ? *task.report_to : task.report_to_name;
    notes.push_back(say(lang, Message("Reports to {0}", to)));
  }
  if (!t.note.empty() && text::count_code_points(t.note) <= kShortNote) notes.push_back(t.note);
  return join(notes, "; ");
}

Table::Column column(text::Lang lang, const Message& name, double width,
                     Table::Align align = Table::Align::left, bool merge = false) {
  return {say(lang, name), width, align, merge};
}

// STT | Đơn vị | Nhiệm vụ | Thời hạn, then `last` (the report's Kết quả and Ghi chú, the
// letter's days overdue): one row per task, the unit merged down its tasks.
Table task_table(const std::vector<UnitTasks>& units, text::Lang lang, std::vector<Table::Column> last,
                 void (*cells)(const DocumentTask&, text::Lang, std::vector<std::string>&)) {
  Table table;
  table.columns = {
      column(lang, Message::with_context("a document's column", "No."), 0.8, Table::Align::center),
      column(lang, Message::with_context("a document's column", "Unit"), 1.6, Table::Align::left, true),
      column(lang, Message::with_context("a document's column", "Task"), 3.2),
      column(lang, Message::with_context("a document's column", "Deadline"), 1.6)};
  for (auto& c : last) table.columns.push_back(std::move(c));
  int n = 0;
  for (const auto& u : units) {
    for (const auto& t : u.tasks) {
      Table::Row row;
      row.cells = {std::to_string(++n), u.unit.name, action_of(t.row.task),
                   say(lang, due_words(t.row.task.due))};
      cells(t, lang, row.cells);
      table.rows.push_back(std::move(row));
    }
  }
  return table;
}

void report_cells(const DocumentTask& t, text::Lang lang, std::vector<std::string>& cells) {
  cells.push_back(result_of(t, lang));
  cells.push_back(notes_of(t, lang));
}

void letter_cells(const DocumentTask& t, text::Lang lang, std::vector<std::string>& cells) {
  cells.push_back(say(lang, days_count(t.row.days_late, false)));
}

// I. the figures: those of `summary` for the same selection.
Paragraph figures(const report::SummaryRow& total, text::Lang lang) {
  const std::string rate = total.on_time_rate
                               ? detail::human_text(Value(*total.on_time_rate), Type::rate, lang)
                               : say(lang, Message("no task done yet"));
  return paragraph(
      say(lang, Message("Tasks in all: {0}; done on time: {1}; done late: {2}; open within their "
                        "deadline: {3}; overdue and not done: {4}; open with no deadline: {5}; "
                        "cancelled: {6}; on-time rate: {7}.",
                        total.tasks, total.done_on_time, total.done_late, total.open_in_time, total.overdue,
                        total.no_deadline, total.cancelled, rate)));
}

// The bar chart: per unit, its tasks by outcome (the cancelled left out). "In progress"
// holds the open tasks not late, with or without a deadline.
typeset::Chart chart_of(const ReportDocumentData& data, text::Lang lang) {
  typeset::Chart chart;
  chart.caption = say(
      lang, Message("Chart 1. Each unit's tasks by outcome as of {0}", body_day(data.source.as_of, lang)));
  chart.series = {
      {say(lang, Message("Done on time")), typeset::kOnTimeColour, {}},
      {say(lang, Message("Done late")), typeset::kDoneLateColour, {}},
      {say(lang, Message::with_context("a task's result", "In progress")), typeset::kInProgressColour, {}},
      {say(lang, Message("Overdue, not done")), typeset::kOverdueColour, {}}};
  for (const auto& u : data.units) {
    chart.categories.push_back(u.unit.name);
    chart.series[0].values.push_back(u.counts.done_on_time);
    chart.series[1].values.push_back(u.counts.done_late);
    chart.series[2].values.push_back(u.counts.open_in_time + u.counts.no_deadline);
    chart.series[3].values.push_back(u.counts.overdue);
  }
  return chart;
}

// III. the units still late, one item each.
std::vector<typeset::Block> late_units(const ReportDocumentData& data, text::Lang lang) {
  std::vector<typeset::Block> blocks;
  std::vector<const UnitTasks*> late;
  for (const auto& u : data.units) {
    if (u.counts.overdue > 0) late.push_back(&u);
  }
  if (late.empty()) {
    blocks.emplace_back(paragraph(say(lang, Message("No unit has an overdue task."))));
    return blocks;
  }
  for (std::size_t i = 0; i < late.size(); ++i) {
    const auto& u = *late[i];
    const Message line = u.counts.overdue == 1
                             ? Message("- {0}: {1} overdue task", u.unit.name, u.counts.overdue)
                             : Message("- {0}: {1} overdue tasks", u.unit.name, u.counts.overdue);
    blocks.emplace_back(
        paragraph(say(lang, line) + (i + 1 < late.size() ? ";" : "."), Paragraph::Style::item));
  }
  return blocks;
}

// The trích yếu: the inspection's title quoted as it is, when there is one.
std::string report_subject(const DocumentSource& source, text::Lang lang) {
  if (source.inspections.size() == 1) {
    const auto& i = source.inspections.front();
    return say(lang, Message("Results of remedying the shortcomings found by “{0}”",
                             i.title.empty() ? i.key : i.title));
  }
  return say(lang, Message("Results of remedying the shortcomings found by inspections"));
}

std::string report_opening(const DocumentSource& source, text::Lang lang) {
  const std::string day = body_day(source.as_of, lang);
  if (source.office_name.empty()) {
    return say(lang, Message("{0}, the results of remedying the shortcomings as of {1} are as follows:",
                             pursuant_to(source, lang), day));
  }
  return say(lang, Message("{0}, {1} reports the results of remedying the shortcomings as of {2} as follows:",
                           pursuant_to(source, lang), source.office_name, day));
}

// Đề nghị …: what the letter asks of its addressees (`unit`: the one addressee, else
// "" for the units).
std::string request_of(const DocumentSource& source, const std::string& unit,
                       std::optional<model::Date> reply_by, text::Lang lang) {
  const std::string& office = office_in_sentence(source);
  if (reply_by) {
    const std::string day = body_day(*reply_by, lang);
    return say(lang, unit.empty()
                         ? Message("The units are requested to complete these tasks promptly and report "
                                   "the results to {0} by {1}./.",
                                   office, day)
                         : Message("{0} is requested to complete the work listed above promptly and report the "
                                   "results to {1} by {2}./.",
                                   unit, office, day));
  }
  return say(lang, unit.empty()
                       ? Message("The units are requested to complete these tasks promptly and report the "
                                 "results to {0}./.",
                                 office)
                       : Message("{0} is requested to complete the work listed above promptly and report the "
                                 "results to {1}./.",
                                 unit, office));
}

// One letter to `units` (all of them, or one with --per-unit).
typeset::Document letter_to(const DocumentSource& source, const std::vector<UnitTasks>& units,
                            const LetterDocumentOptions& options, text::Lang lang) {
  typeset::Document doc = frame_of(source, source.office.letter_symbol, options.date, true, lang);
  doc.heading.letter_subject = say(lang, Message("Re: urging the remedial tasks after the inspection"));
  doc.title = doc.heading.letter_subject;
  doc.kind_name.clear();
  doc.summary.clear();
  std::size_t tasks = 0;
  for (std::size_t i = 0; i < units.size(); ++i) {
    tasks += units[i].tasks.size();
    if (units.size() == 1) {
      doc.addressees.push_back(units[i].unit.name);
    } else {
      doc.addressees.push_back(fmt::format("- {}{}", units[i].unit.name, i + 1 < units.size() ? ";" : "."));
    }
  }
  const std::string day = body_day(source.as_of, lang);
  const std::string lead = pursuant_to(source, lang);
  doc.body.emplace_back(paragraph(say(
      lang,
      tasks == 1
          ? Message("{0}, as of {1}, {2} task is overdue and not done, as follows:", lead, day, tasks)
          : Message("{0}, as of {1}, {2} tasks are overdue and not done, as follows:", lead, day, tasks))));
  doc.body.emplace_back(task_table(
      units, lang,
      {column(lang, Message::with_context("a document's column", "Days overdue"), 1.2, Table::Align::center)},
      letter_cells));
  doc.body.emplace_back(paragraph(request_of(
      source, units.size() == 1 ? units.front().unit.name : std::string(), options.reply_by, lang)));
  return doc;
}

}  // namespace

std::string place_date(const std::string& place, model::Date date, text::Lang lang) {
  // Phụ lục I: a day below 10 and the months 1 and 2 are written with a leading zero.
  std::string day = std::to_string(date.day());
  std::string month = std::to_string(date.month());
  if (lang == text::Lang::vi) {
    if (date.day() < 10) day = "0" + day;
    if (date.month() < 3) month = "0" + month;
  } else {
    month = english_month(date.month());
  }
  return say(lang, Message::with_context("a document's place and date", "{0}, {1} {2} {3}", place, day, month,
                                         std::to_string(date.year())));
}

std::string number_line(const std::string& symbol, text::Lang lang) {
  return say(
      lang, Message::with_context("a document's number, left blank for the clerk", "No.:      /{0}", symbol));
}

typeset::Documents report_document(const ReportDocumentData& data, const ReportDocumentOptions& options,
                                   text::Lang lang) {
  typeset::Document doc = frame_of(data.source, data.source.office.report_symbol, options.date, false, lang);
  doc.kind_name = say(lang, Message("REPORT"));
  doc.summary = report_subject(data.source, lang);
  doc.title = say(lang, Message("Report: {0}", doc.summary));
  doc.addressees.clear();
  auto& body = doc.body;
  body.emplace_back(paragraph(report_opening(data.source, lang)));
  body.emplace_back(heading(lang, Message("I. RESULTS")));
  body.emplace_back(figures(data.total, lang));
  if (options.chart) body.emplace_back(chart_of(data, lang));
  body.emplace_back(heading(lang, Message("II. THE TASKS AND THEIR RESULTS")));
  body.emplace_back(task_table(data.units, lang,
                               {column(lang, Message::with_context("a document's column", "Result"), 1.8),
                                column(lang, Message::with_context("a document's column", "Notes"), 1.4)},
                               report_cells));
  body.emplace_back(heading(lang, Message("III. UNITS WITH OVERDUE TASKS")));
  for (auto& block : late_units(data, lang)) body.push_back(std::move(block));
  body.emplace_back(
      paragraph(say(lang, Message("This is the report on the results of remedying the shortcomings "
                                  "found by the inspection./."))));
  return {std::move(doc)};
}

typeset::Documents letter_document(const LetterDocumentData& data, const LetterDocumentOptions& options,
                                   text::Lang lang) {
  if (!options.per_unit) return {letter_to(data.source, data.units, options, lang)};
  typeset::Documents letters;
  for (const auto& unit : data.units) letters.push_back(letter_to(data.source, {unit}, options, lang));
  return letters;
}

std::vector<std::string> signing_lines(const model::Signing& signing) {
  using model::SigningAuthority;
  const std::string authority(model::to_string(signing.authority));
  switch (signing.authority) {
    case SigningAuthority::none: return {signing.title};
    case SigningAuthority::q: return {authority + " " + signing.title};
    default: break;
  }
  std::vector<std::string> lines{authority + " " + signing.on_behalf_of};
  if (signing.authority == SigningAuthority::tm && !signing.deputy_for.empty()) {
    lines.push_back(std::string(model::to_string(SigningAuthority::kt)) + " " + signing.deputy_for);
  }
  lines.push_back(signing.title);
  return lines;
}

}  // namespace inspectrack::render
