// Writes the sample documents as PDF into a folder, each beside a manifest of what it
// says, for pdf_check.py to read back with poppler-utils. A manifest's line is a kind
// and a text, tab-separated: `head` (the head's parts), `text` (the title, addressees,
// paragraphs and captions in order), `header` (a table's column heading), `row` (a
// table row's longest cell, then its cells in merge_repeats columns), `sign` and
// `recipient`, `documents` (how many).
#include <fstream>
#include <iostream>
#include <variant>

#include "samples.hpp"
#include "../../src/typeset/writers.hpp"

using namespace inspectrack::typeset;

#if defined(__SANITIZE_ADDRESS__)
// fontconfig 2.14.1 (Debian 12) loses 288 bytes while it parses the system's
// configuration, once a process, under Pango's first font: not ours to fix, and
// LeakSanitizer would fail every run that sets text.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
#endif

namespace {

std::string words(const std::vector<Run>& runs) {
  std::string all;
  for (const Run& run : runs) all += run.text;
  return all;
}

void table(std::ostream& out, const Table& t) {
  for (const Table::Column& column : t.columns) out << "header\t" << column.heading << '\n';
  for (const Table::Row& row : t.rows) {
    std::string longest;
    for (const std::string& cell : row.cells) longest = cell.size() > longest.size() ? cell : longest;
    if (row.group) continue;
    out << "row\t" << longest;
    for (std::size_t c = 0; c < t.columns.size() && c < row.cells.size(); ++c) {
      if (t.columns[c].merge_repeats) out << '\t' << row.cells[c];
    }
    out << '\n';
  }
}

void manifest(std::ostream& out, const Documents& documents) {
  out << "documents\t" << documents.size() << '\n';
  for (const Document& d : documents) {
    const Heading& h = d.heading;
    for (const std::string* part : {&h.parent_body, &h.body, &h.national_title, &h.motto, &h.number,
                                    &h.place_date, &h.letter_subject}) {
      if (!part->empty()) out << "head\t" << *part << '\n';
    }
    for (const std::string* part : {&d.kind_name, &d.summary}) {
      if (!part->empty()) out << "text\t" << *part << '\n';
    }
    for (const std::string& addressee : d.addressees) out << "text\t" << addressee << '\n';
    for (const Block& block : d.body) {
      if (const auto* p = std::get_if<Paragraph>(&block)) out << "text\t" << words(p->runs) << '\n';
      if (const auto* t = std::get_if<Table>(&block)) table(out, *t);
      if (const auto* c = std::get_if<Chart>(&block)) out << "text\t" << c->caption << '\n';
    }
    for (const std::string& title : d.signature.titles) out << "sign\t" << title << '\n';
    out << "sign\t" << d.signature.name << '\n';
    out << "recipient\t" << d.recipients_label << ":\n";
    for (const std::string& line : d.recipients) out << "recipient\t" << line << '\n';
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: typeset_pdf_samples FOLDER\n";
    return 64;
  }
  const std::string folder = argv[1];
  try {
    for (const std::string name : {"report", "letters", "extremes"}) {
      const Documents documents = name == "report"    ? Documents(1, samples::report())
                                  : name == "letters" ? samples::letters()
                                                      : Documents(1, samples::extremes());
      write_pdf(documents, folder + "/" + name + ".pdf");
      std::ofstream out(folder + "/" + name + ".manifest");
      manifest(out, documents);
    }
  } catch (const WriteFailure& e) {
    std::cerr << "typeset_pdf_samples: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
