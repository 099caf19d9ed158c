#!/usr/bin/python3
"""Workbooks read back as Excel reads them (openpyxl): `summary --by unit`, `overdue`
and `overdue --by report-to` of the Chư Prông examples, in Vietnamese and in English,
against the same reports in JSON, and every report of texts that start like formulas.

Checked: the sheet's name, the title and as-of rows, the header row bold and frozen, the
autofilter over the table, the widths capped, date cells typed as dates with the
language's number format, counts as integers, the on-time rate as a percentage, and the
summary's total row: its formulas evaluated here from the cells they name equal the
totals of the JSON rows, and so do the values cached with them. Texts that start with
= + - @ are string cells holding exactly the text; the only formulas are the totals.

usage: readback.py INSPECTRACK_BINARY SOURCE_DIR
"""

import datetime
import json
import os
import re
import subprocess
import sys
import tempfile

import openpyxl

failures = []


def expect(condition, message):
    if not condition:
        failures.append(message)
        sys.stderr.write(f"FAIL: {message}\n")


class Tool:
    def __init__(self, binary, folder):
        self.binary = binary
        self.folder = folder
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("INSPECTRACK_")}
        self.env.update(LANG="C", USER="readback", INSPECTRACK_NOW="2021-07-26T01:00:00Z",
                        INSPECTRACK_DB=os.path.join(folder, "test.db"))
        self.env.pop("LC_ALL", None)

    def run(self, *words):
        done = subprocess.run([self.binary, "--as-of", "2021-07-26", *words], env=self.env,
                              cwd=self.folder, capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(words)}: exit {done.returncode}\n{done.stderr}")
        return done.stdout

    def workbook(self, name, *words):
        path = os.path.join(self.folder, name)
        out = self.run(*words, "--format", "xlsx", "--output", path)
        expect(out == "", f"{name}: nothing on standard output")
        return openpyxl.load_workbook(path), openpyxl.load_workbook(path, data_only=True)


LANGS = {
    "vi": {"summary": "Tổng hợp", "summary_title": "Tổng hợp theo đơn vị", "overdue": "Quá hạn",
           "overdue_title": "Nhiệm vụ quá hạn", "as_of": "Tính đến ngày 26/07/2021", "total": "Tổng cộng",
           "date_format": "d/m/yyyy"},
    "en": {"summary": "Summary", "summary_title": "Summary by unit", "overdue": "Overdue",
           "overdue_title": "Overdue tasks", "as_of": "As of 2021-07-26", "total": "Total",
           "date_format": "yyyy-mm-dd"},
}

# The English heading of each JSON field a workbook shows.
SUMMARY_HEADINGS = {
    "group": "Unit", "name": "Name", "findings": "Findings", "tasks": "Tasks", "open": "Open",
    "overdue": "Overdue", "done_on_time": "Done on time", "done_late": "Done late",
    "no_deadline": "No deadline", "on_time_rate": "On-time rate", "cancelled": "Cancelled",
    "open_in_time": "Open, in time", "verified": "Verified", "overdue_1_7": "Overdue 1–7 days",
    "overdue_8_30": "8–30", "overdue_31_90": "31–90", "overdue_over_90": "> 90",
}
COUNTS = [k for k in SUMMARY_HEADINGS if k not in ("group", "name", "on_time_rate")]


def columns_by_heading(ws):
    return {ws.cell(3, c).value: c for c in range(1, ws.max_column + 1)}


def check_frame(ws, lang, sheet, title, rows, what):
    words = LANGS[lang]
    expect(ws.title == words[sheet], f"{what}: sheet named {ws.title!r}")
    expect(ws["A1"].value == words[title] and ws["A1"].font.b, f"{what}: title {ws['A1'].value!r}")
    expect(ws["A2"].value == words["as_of"], f"{what}: as-of row {ws['A2'].value!r}")
    last = openpyxl.utils.get_column_letter(ws.max_column)
    expect(all(ws.cell(3, c).font.b for c in range(1, ws.max_column + 1)), f"{what}: header row bold")
    expect(ws.freeze_panes == "A4", f"{what}: frozen at {ws.freeze_panes}, not below the header")
    expect(ws.auto_filter.ref == f"A3:{last}{3 + rows}", f"{what}: autofilter {ws.auto_filter.ref}")
    for letter, dim in ws.column_dimensions.items():
        expect(dim.width is not None and dim.width <= 61, f"{what}: column {letter} {dim.width} wide")


def check_totals(ws, cached, n, json_rows, columns, lang, what):
    """The total row: each count a =SUM over its column, the rate from the totals."""
    row = 4 + n
    expect(ws.cell(row, 1).value == LANGS[lang]["total"], f"{what}: total row label {ws.cell(row, 1).value!r}")
    totals = {}
    for key in COUNTS:
        col = columns[key]
        letter = openpyxl.utils.get_column_letter(col)
        formula = ws.cell(row, col).value
        expect(formula == f"=SUM({letter}4:{letter}{row - 1})", f"{what}: {key} total is {formula!r}")
        m = re.fullmatch(r"=SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)", str(formula))
        if not m:
            continue
        evaluated = sum(ws[f"{m[1]}{r}"].value for r in range(int(m[2]), int(m[4]) + 1))
        expected = sum(r[key] for r in json_rows)
        expect(evaluated == expected, f"{what}: {key} total evaluates to {evaluated}, not {expected}")
        expect(cached.cell(row, col).value == expected, f"{what}: {key} total cached {cached.cell(row, col).value}")
        expect(ws.cell(row, col).font.b, f"{what}: {key} total bold")
        totals[ws.cell(row, col).coordinate] = expected
    formula = ws.cell(row, columns["on_time_rate"]).value
    m = re.fullmatch(r'=IF\(\(([A-Z]+\d+)\+([A-Z]+\d+)\)=0,"",([A-Z]+\d+)/\(\1\+\2\)\)', str(formula))
    expect(m is not None, f"{what}: rate total is {formula!r}")
    on_time = sum(r["done_on_time"] for r in json_rows)
    done = on_time + sum(r["done_late"] for r in json_rows)
    if m:
        den = totals[m[1]] + totals[m[2]]
        evaluated = "" if den == 0 else totals[m[3]] / den
        expect(evaluated == on_time / done, f"{what}: rate total evaluates to {evaluated}")
    rate = cached.cell(row, columns["on_time_rate"])
    expect(abs(rate.value - on_time / done) < 1e-12, f"{what}: rate total cached {rate.value}")
    expect("%" in rate.number_format, f"{what}: rate total format {rate.number_format!r}")


def check_summary(tool, lang, positions):
    what = f"summary --lang {lang}"
    json_rows = json.loads(tool.run("--lang", lang, "summary", "--by", "unit", "--format", "json"))
    ws, cached = tool.workbook(f"summary-{lang}.xlsx", "--lang", lang, "summary", "--by", "unit")
    ws, cached = ws.active, cached.active
    n = len(json_rows)
    check_frame(ws, lang, "summary", "summary_title", n, what)
    columns = columns_by_heading(ws)
    if lang == "en":
        positions.update({key: columns.get(heading) for key, heading in SUMMARY_HEADINGS.items()})
        expect(None not in positions.values(), f"{what}: headings {sorted(columns)}")
    else:
        expect(ws.cell(3, positions["on_time_rate"]).value == "Tỷ lệ đúng hạn", f"{what}: headings in Vietnamese")
    expect(ws.max_row == 4 + n, f"{what}: {ws.max_row} rows for {n} units and a total")
    for i, expected in enumerate(json_rows):
        row = 4 + i
        expect(ws.cell(row, positions["group"]).value == expected["group"], f"{what}: row {row} is {expected['group']}")
        for key in COUNTS:
            value = ws.cell(row, positions[key]).value
            expect(type(value) is int and value == expected[key], f"{what}: {expected['group']} {key} = {value!r}")
        rate = ws.cell(row, positions["on_time_rate"])
        if expected["on_time_rate"] is None:
            expect(rate.value is None, f"{what}: {expected['group']} rate {rate.value!r}, not blank")
        else:
            expect(abs(rate.value - expected["on_time_rate"]) < 1e-12 and rate.number_format == "0.0%",
                   f"{what}: {expected['group']} rate {rate.value!r} {rate.number_format!r}")
    check_totals(ws, cached, n, json_rows, positions, lang, what)


def check_overdue(tool, lang):
    what = f"overdue --lang {lang}"
    json_rows = json.loads(tool.run("--lang", lang, "overdue", "--format", "json"))
    ws, _ = tool.workbook(f"overdue-{lang}.xlsx", "--lang", lang, "overdue")
    ws = ws.active
    check_frame(ws, lang, "overdue", "overdue_title", len(json_rows), what)
    headings = [ws.cell(3, c).value for c in range(1, ws.max_column + 1)]
    last_day = "Hạn cuối" if lang == "vi" else "Last day"
    late = "Số ngày làm việc trễ" if lang == "vi" else "Working days late"
    unit = "Đơn vị" if lang == "vi" else "Unit"
    expect({"ID", last_day, late, unit} <= set(headings), f"{what}: headings {headings}")
    if not {"ID", last_day, late, unit} <= set(headings):
        return
    by_id = {ws.cell(r, headings.index("ID") + 1).value: r for r in range(4, ws.max_row + 1)}
    expect(len(by_id) == len(json_rows), f"{what}: {len(by_id)} rows for {len(json_rows)} tasks")
    for task in json_rows:
        row = by_id.get(task["id"])
        if row is None:
            expect(False, f"{what}: task {task['id']} missing")
            continue
        due = ws.cell(row, headings.index(last_day) + 1)
        expect(isinstance(due.value, datetime.datetime) and due.value.date().isoformat() == task["due"],
               f"{what}: task {task['id']} last day {due.value!r}, not the date {task['due']}")
        expect(due.number_format == LANGS[lang]["date_format"], f"{what}: date format {due.number_format!r}")
        days = ws.cell(row, headings.index(late) + 1).value
        expect(type(days) is int and days == task["working_days_late"], f"{what}: task {task['id']} late {days!r}")
        expect(task["assignee"] in ws.cell(row, headings.index(unit) + 1).value, f"{what}: task {task['id']} unit")
    long_text = [c for c in ws[4] if isinstance(c.value, str) and len(c.value) > 60]
    expect(long_text and all(c.alignment.wrap_text for c in long_text), f"{what}: long text wraps")


def check_grouped(tool, lang):
    """overdue --by report-to: a flat sheet, for the autofilter, the group its column
    after the ID, the rows in the order of the JSON report; the title says the grouping."""
    what = f"overdue --by report-to --lang {lang}"
    words = ("--lang", lang, "overdue", "--by", "report-to")
    json_rows = json.loads(tool.run(*words, "--format", "json"))
    ws = tool.workbook(f"overdue-by-{lang}.xlsx", *words)[0].active
    title = "Nhiệm vụ quá hạn theo đơn vị nhận báo cáo" if lang == "vi" else "Overdue tasks by unit reported to"
    expect(ws["A1"].value == title, f"{what}: title {ws['A1'].value!r}")
    expect(ws.auto_filter.ref is not None, f"{what}: an autofilter")
    headings = [ws.cell(3, c).value for c in range(1, ws.max_column + 1)]
    report_to = "Báo cáo về" if lang == "vi" else "Report to"
    if "ID" not in headings:
        expect(False, f"{what}: headings {headings}")
        return
    at = headings.index("ID") + 1
    expect(headings[at:at + 1] == [report_to] and headings.count(report_to) == 1,
           f"{what}: headings {headings}")
    ids = [ws.cell(r, at).value for r in range(4, ws.max_row + 1)]
    expect(ids == [t["id"] for t in json_rows], f"{what}: rows {ids}, JSON {[t['id'] for t in json_rows]}")
    nobody = "Không báo cáo về đơn vị nào" if lang == "vi" else "No unit to report to"
    for r, task in zip(range(4, ws.max_row + 1), json_rows):
        group = ws.cell(r, at + 1).value
        wanted = nobody if task["report_to"] is None else f"({task['report_to']})"
        expect(wanted in group, f"{what}: task {task['id']} under {group!r}")


def check_formulas_stay_text(binary, source):
    """Every report of texts that start like formulas: string cells, exactly the text."""
    with tempfile.TemporaryDirectory() as folder:
        tool = Tool(binary, folder)
        tool.run("import", os.path.join(source, "tests/data/hostile/csv-formulas.yaml"))
        tool.run("note", "1", "=2+2")
        tool.run("done", "2", "--on", "21/7/2021", "--evidence", "-1+1 (số liệu)")
        reports = [("list", "units"), ("list", "inspections"), ("list", "findings"), ("list", "tasks"),
                   ("overdue",), ("summary", "--by", "unit"), ("log",)]
        seen = set()
        for i, words in enumerate(reports):
            ws = tool.workbook(f"hostile-{i}.xlsx", *words)[0].active
            for row in ws.iter_rows(min_row=4):
                for c in row:
                    text = c.value if isinstance(c.value, str) else ""
                    if c.data_type == "f":
                        expect(words[0] == "summary" and c.row == ws.max_row and text.startswith(("=SUM(", "=IF(")),
                               f"{' '.join(words)}: {c.coordinate} is a formula: {text!r}")
                    elif text[:1] in ("=", "+", "-", "@"):
                        expect(c.data_type == "s", f"{' '.join(words)}: {c.coordinate} is {c.data_type}")
                        seen.add(text[:1])
                    expect(not text.startswith("'"), f"{' '.join(words)}: {c.coordinate} {text!r} quoted")
        expect(seen >= {"=", "+", "-", "@"}, f"hostile texts seen: {sorted(seen)}")


def main():
    binary, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory() as folder:
        tool = Tool(binary, folder)
        tool.run("import", os.path.join(source, "examples/units-chu-prong.yaml"),
                 os.path.join(source, "examples/chu-prong-2021.yaml"))
        # One task done on time and one late, so that the on-time rate is a number.
        tool.run("done", "4", "--on", "20/7/2021")
        tool.run("done", "5", "--on", "23/7/2021")
        positions = {}
        for lang in ("en", "vi"):
            check_summary(tool, lang, positions)
            check_overdue(tool, lang)
            check_grouped(tool, lang)
    check_formulas_stay_text(binary, source)
    if failures:
        print(f"{len(failures)} failed")
        return 1
    print("all workbook checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
