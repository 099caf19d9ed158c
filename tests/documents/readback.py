#!/usr/bin/python3
"""The follow-up report of the Chư Prông example as of 29/7/2021, read back as its reader
would: the .docx with python3-docx, the PDF with poppler's pdftotext, pdfinfo and pdffonts.

Checked, in both files: the parts in the order the decree sets them (the issuing body and
the body above it, the national title and motto, the number line with the report's symbol,
the date line, BÁO CÁO, the opening citing the inspection's conclusion, the figures of
`summary --format json` for the same selection, one table row per task with the task's
text, the signature block, Nơi nhận with the archive line last); every text as stored
(NFC) survives. In the PDF: A4 pages, every font embedded, no word outside the page's
text area (its margins, with the page number in the top margin). The same for the
reminder letter (Kính gửi the units with overdue tasks, one row per overdue task).

usage: readback.py INSPECTRACK_BINARY SOURCE_DIR
"""

import collections
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata

import docx
import docx.table
import docx.text.paragraph

failures = []
MM = 72 / 25.4  # PDF points per millimetre
A4 = (210 * MM, 297 * MM)
MARGINS = {"top": 20, "bottom": 20, "left": 30, "right": 15}  # src/typeset/layout.hpp
TOLERANCE = 1.5  # points: a glyph's box may reach past its advance


def expect(condition, message):
    if not condition:
        failures.append(message)
        sys.stderr.write(f"FAIL: {message}\n")


class Tool:
    def __init__(self, binary, folder):
        self.binary = binary
        self.folder = folder
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("INSPECTRACK_")}
        self.env.update(LANG="C", USER="readback", INSPECTRACK_NOW="2021-07-29T01:00:00Z",
                        INSPECTRACK_DB=os.path.join(folder, "test.db"), TZ="Asia/Ho_Chi_Minh")
        self.env.pop("LC_ALL", None)

    def run(self, *words):
        done = subprocess.run([self.binary, *words], env=self.env, cwd=self.folder,
                              capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(words)}: exit {done.returncode}\n{done.stderr}")
        return done.stdout


def squeeze(s):
    """NFC, one space for every run of white space: text broken into lines compares."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()


def in_order(text, parts, what):
    """Each part found in `text` after the one before it."""
    at = 0
    for part in parts:
        found = text.find(squeeze(part), at)
        expect(found >= 0, f"{what}: {part!r} not found after position {at}")
        if found >= 0:
            at = found + len(squeeze(part))


def docx_text(path):
    """The document's text in reading order: paragraphs and each table's cells, row by row,
    a merged cell once."""
    document = docx.Document(path)
    out = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(docx.text.paragraph.Paragraph(block, document).text)
        elif tag == "tbl":
            table = docx.table.Table(block, document)
            for row in table.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    out.append(cell.text)
    return document, "\n".join(out)


def task_rows(path):
    """The rows of the table whose first heading is STT, its heading row left out."""
    document = docx.Document(path)
    for table in document.tables:
        if table.rows and table.rows[0].cells[0].text.strip() == "STT":
            return len(table.rows) - 1
    return 0


def pdf_text(path):
    """The text in the order it was drawn (pdftotext -raw)."""
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", path, "-"], capture_output=True,
                          text=True, check=True).stdout


def check_pdf_pages(path, what):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    expect(size and abs(float(size[1]) - A4[0]) < 1 and abs(float(size[2]) - A4[1]) < 1,
           f"{what}: page size {size and size[0]}, not A4")
    fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    expect(rows, f"{what}: no fonts listed")
    for row in rows:
        expect(re.search(r"\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row), f"{what}: font not embedded: {row}")
        expect("LiberationSerif" in row, f"{what}: a font other than Liberation Serif: {row}")
    html = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", path, "-"], capture_output=True,
                          text=True, check=True).stdout
    left, right = MARGINS["left"] * MM, A4[0] - MARGINS["right"] * MM
    top, bottom = MARGINS["top"] * MM, A4[1] - MARGINS["bottom"] * MM
    for page, body in enumerate(re.findall(r"<page[^>]*>(.*?)</page>", html, re.S), start=1):
        for x0, y0, x1, y1, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', body):
            x0, y0, x1, y1 = map(float, (x0, y0, x1, y1))
            where = f"{what}: page {page}: {word!r} at ({x0:.1f}, {y0:.1f})–({x1:.1f}, {y1:.1f})"
            expect(left - TOLERANCE <= x0 and x1 <= right + TOLERANCE, f"{where} is outside the text width")
            page_number = word.isdigit() and y1 <= top + TOLERANCE
            expect(page_number or (top - TOLERANCE <= y0 and y1 <= bottom + TOLERANCE),
                   f"{where} is outside the text height")


def main(binary, source):
    examples = os.path.join(source, "examples")
    with tempfile.TemporaryDirectory() as folder:
        tool = Tool(binary, folder)
        tool.run("import", *(os.path.join(examples, f) for f in (
            "units-chu-prong.yaml", "chu-prong-2021.yaml", "tien-do-chu-prong-2021.yaml", "office-chu-prong.yaml")))
        selection = ["--inspection", "gia-lai-cchc-2021-chu-prong", "--as-of", "2021-07-29"]
        summary = json.loads(tool.run("summary", "--by", "inspection", "--format", "json", *selection))
        rows = summary["rows"] if isinstance(summary, dict) else summary
        expect(len(rows) == 1, f"summary: {len(rows)} rows for one inspection")
        figures = rows[0]
        db = sqlite3.connect(os.path.join(folder, "test.db"))
        tasks = db.execute("SELECT t.action FROM tasks t JOIN inspections i ON i.id = t.inspection_id "
                           "WHERE i.key = 'gia-lai-cchc-2021-chu-prong'").fetchall()
        conclusion = db.execute("SELECT conclusion_title, conclusion_signed_by FROM inspections "
                                "WHERE key = 'gia-lai-cchc-2021-chu-prong'").fetchone()
        expected = [
            "UBND HUYỆN CHƯ PRÔNG", "PHÒNG NỘI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc", "/BC-NV", "Chư Prông, ngày 29 tháng 7 năm 2021", "BÁO CÁO",
            conclusion[0], conclusion[1],
            f"Tổng số nhiệm vụ: {figures['tasks']}",
            f"hoàn thành đúng hạn: {figures['done_on_time']}",
            f"hoàn thành quá hạn: {figures['done_late']}",
            f"quá hạn chưa hoàn thành: {figures['overdue']}",
        ]
        # The signature block and Nơi nhận stand side by side after the closing "./.": either
        # may be read first.
        closing = ["TRƯỞNG PHÒNG", "Nơi nhận", "Lưu: VT, NV."]
        for ext in ("docx", "pdf"):
            path = os.path.join(folder, f"bao-cao.{ext}")
            out = tool.run("--lang", "vi", "document", "report", *selection, "--output", path)
            expect(out == "", f"{ext}: nothing on standard output")
            if ext == "docx":
                _, text = docx_text(path)
            else:
                text = pdf_text(path)
                check_pdf_pages(path, "report.pdf")
            expect(text == unicodedata.normalize("NFC", text), f"report.{ext}: text not in NFC")
            flat = squeeze(text)
            in_order(flat, expected, f"report.{ext}")
            tail = flat[flat.rfind("./.") + 3:]
            for part in closing:
                expect(part in tail, f"report.{ext}: {part!r} not after the closing ./.")
            in_order(tail, ["Nơi nhận", "Lưu: VT, NV."], f"report.{ext}: Nơi nhận")
            for action, times in collections.Counter(a for (a,) in tasks).items():
                expect(flat.count(squeeze(action)) >= times,
                       f"report.{ext}: fewer than {times} rows hold the task {action[:40]!r}…")
            if ext == "docx":
                expect(task_rows(path) == len(tasks), f"report.docx: {task_rows(path)} task rows, {len(tasks)} tasks")
        check_letter(tool, folder)
    return 1 if failures else 0


def check_letter(tool, folder):
    """The reminder letter: Kính gửi each unit with overdue tasks but the office's own, one
    row per overdue task of theirs, the request, Nơi nhận with "Như trên" first."""
    overdue = json.loads(tool.run("overdue", "--as-of", "2021-07-29", "--format", "json"))
    others = [row for row in overdue if row["assignee"] != "chu-prong.noi-vu"]
    names = sorted({row["assignee_name"] for row in others})
    expected = ["/NV", "V/v đôn đốc thực hiện nhiệm vụ khắc phục sau kiểm tra", "Kính gửi", "Thực hiện",
                f"còn {len(others)} nhiệm vụ quá hạn", "Như trên", "Lưu: VT, NV."]
    for ext in ("docx", "pdf"):
        path = os.path.join(folder, f"don-doc.{ext}")
        tool.run("--lang", "vi", "document", "reminder-letter", "--as-of", "2021-07-29", "--output", path)
        text = docx_text(path)[1] if ext == "docx" else pdf_text(path)
        if ext == "pdf":
            check_pdf_pages(path, "letter.pdf")
        flat = squeeze(text)
        expect(text == unicodedata.normalize("NFC", text), f"letter.{ext}: text not in NFC")
        in_order(flat, expected, f"letter.{ext}")
        expect(squeeze("Chư Prông, ngày 29 tháng 7 năm 2021") in flat, f"letter.{ext}: no date line")
        addressees = flat[flat.find("Kính gửi"):flat.find("Thực hiện")]
        for name in names:
            expect(re.search(re.escape(squeeze(name)) + r"[;.]", addressees), f"letter.{ext}: {name!r} not addressed")
        if ext == "docx":
            expect(task_rows(path) == len(others), f"letter.docx: {task_rows(path)} rows, {len(others)} overdue tasks")


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
