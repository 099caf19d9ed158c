#!/usr/bin/python3
"""The PDF writer's samples read back as a reader's tools read them (poppler-utils).

For each sample (written with its manifest by typeset_pdf_samples, see pdf_samples.cpp):
every page A4 (pdfinfo); every font embedded and Liberation Serif (pdffonts); the texts
in order and every Vietnamese letter intact, compared in NFC (pdftotext -bbox); no word
outside the text area (the margins of src/typeset/layout.hpp, with a small tolerance)
but the page number, which stands at the top centre (over the text area) of every page
of a document but its first; a table's header row, and the merged cells of its rows, on each page it spans.

Texts are compared without their white space: pdftotext guesses the spaces from the
gaps between glyphs, and its guess is not the writer's to test.

usage: pdf_check.py TYPESET_PDF_SAMPLES
"""
import html
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

MM = 72 / 25.4
# src/typeset/layout.hpp: A4 and the margins.
PAGE_W, PAGE_H = 210 * MM, 297 * MM
LEFT, RIGHT, TOP, BOTTOM = 30 * MM, (210 - 15) * MM, 20 * MM, (297 - 20) * MM
TOLERANCE = 1.0  # pt: poppler's word boxes are the font's ascent and descent

problems = []


def problem(message):
    problems.append(message)
    print("FAIL:", message)


def squeeze(text):
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def run(*args):
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def read_manifest(path):
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        kind, *fields = line.split("\t")
        entries.append((kind, fields))
    return entries


def words_by_page(pdf):
    """[[(text, xmin, ymin, xmax, ymax)] per page], in pdftotext's reading order."""
    out = run("pdftotext", "-bbox", str(pdf), "-")
    pages = []
    for page in re.findall(r"<page [^>]*>(.*?)</page>", out, re.S):
        pages.append([(html.unescape(w[4]), float(w[0]), float(w[1]), float(w[2]), float(w[3]))
                      for w in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                          r'yMax="([\d.]+)">(.*?)</word>', page)])
    return pages


def check_pages_a4(pdf, count):
    sizes = re.findall(r"^Page +\d+ size: +([\d.]+) x ([\d.]+) pts", run("pdfinfo", "-f", "1", "-l", str(count),
                                                                           str(pdf)), re.M)
    if len(sizes) != count:
        problem(f"{pdf.name}: pdfinfo gives {len(sizes)} page sizes for {count} pages")
    for w, h in sizes:
        if abs(float(w) - 595.28) > 0.01 or abs(float(h) - 841.89) > 0.01:
            problem(f"{pdf.name}: a page of {w} x {h} pts, not A4 (595.28 x 841.89)")


def check_fonts(pdf):
    rows = run("pdffonts", str(pdf)).splitlines()[2:]
    if not rows:
        problem(f"{pdf.name}: no font")
    for row in rows:
        name, emb = row.split()[0], row.split()[-5]
        if emb != "yes":
            problem(f"{pdf.name}: the font {name} is not embedded")
        if not name.split("+")[-1].startswith("LiberationSerif"):
            problem(f"{pdf.name}: the font {name} is not Liberation Serif")


def document_starts(pages, title):
    return [i for i, page in enumerate(pages) if squeeze(title) in squeeze("".join(w[0] for w in page))]


def check_area(pdf, pages, starts):
    """No word outside the text area; the page number in the top margin, centred."""
    number = 0
    for i, page in enumerate(pages):
        number = 1 if i in starts else number + 1
        margin = [w for w in page if w[4] < TOP - TOLERANCE]
        expected = [] if number == 1 else [str(number)]
        if [w[0] for w in margin] != expected:
            problem(f"{pdf.name} page {i + 1}: in the top margin {[w[0] for w in margin]}, not {expected}")
        for w in margin:
            if abs((w[1] + w[3]) / 2 - (LEFT + RIGHT) / 2) > TOLERANCE:
                problem(f"{pdf.name} page {i + 1}: the page number is not centred ({w[1]}..{w[3]})")
        for w in page:
            if w in margin:
                continue
            if w[1] < LEFT - TOLERANCE or w[3] > RIGHT + TOLERANCE or w[4] > BOTTOM + TOLERANCE:
                problem(f"{pdf.name} page {i + 1}: '{w[0]}' at {w[1:]} is outside the text area")


def check_order(pdf, text, pieces, kind):
    at = 0
    for piece in pieces:
        found = text.find(squeeze(piece), at)
        if found < 0:
            where = "at all" if text.find(squeeze(piece)) < 0 else "in order"
            problem(f"{pdf.name}: the {kind} '{piece}' is not found {where}")
        else:
            at = found + len(squeeze(piece))


def check_tables(pdf, pages, entries):
    headers = [f[0] for k, f in entries if k == "header"]
    rows = [f for k, f in entries if k == "row"]
    spanned = 0
    for i, page in enumerate(pages):
        text = squeeze("".join(w[0] for w in page))
        on_page = [row for row in rows if squeeze(" ".join(row[0].split()[:4])) in text]
        if not on_page:
            continue
        spanned += 1
        for heading in set(headers):
            if squeeze(heading) not in text:
                problem(f"{pdf.name} page {i + 1}: a table goes on here without its header '{heading}'")
        for row in on_page:
            for merged in row[1:]:
                if squeeze(merged) not in text:
                    problem(f"{pdf.name} page {i + 1}: the merged cell '{merged}' is not repeated here")
    return spanned


def check_sample(folder, name, min_table_pages):
    pdf = folder / f"{name}.pdf"
    entries = read_manifest(folder / f"{name}.manifest")
    pages = words_by_page(pdf)
    check_pages_a4(pdf, len(pages))
    check_fonts(pdf)
    heads = [f[0] for k, f in entries if k == "head"]
    starts = document_starts(pages, heads[0] if heads else "")
    documents = int(next(f[0] for k, f in entries if k == "documents"))
    if len(starts) != documents:
        problem(f"{pdf.name}: {documents} documents, but {len(starts)} pages start one")
    check_area(pdf, pages, starts)
    # The page numbers are out of the text's flow.
    text = squeeze("".join(w[0] for page in pages for w in page if w[4] >= TOP - TOLERANCE))
    for kind in ("head", "text", "sign", "recipient"):
        pieces = [f[0] for k, f in entries if k == kind]
        # The head's two columns interleave in reading order: only each part's words are.
        for piece in pieces if kind == "head" else []:
            check_order(pdf, text, piece.split(), kind)
        if kind != "head":
            check_order(pdf, text, pieces, kind)
    spanned = check_tables(pdf, pages, entries)
    if spanned < min_table_pages:
        problem(f"{pdf.name}: the table spans {spanned} pages, the sample wants at least {min_table_pages}")
    print(f"{name}: {len(pages)} pages, a table on {spanned} of them")


def main():
    with tempfile.TemporaryDirectory(prefix="inspectrack-pdf-") as folder:
        subprocess.run([sys.argv[1], folder], check=True)
        for name, min_table_pages in (("report", 3), ("letters", 2), ("extremes", 2)):
            check_sample(Path(folder), name, min_table_pages)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
