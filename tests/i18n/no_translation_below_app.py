#!/usr/bin/python3
"""Fails when a module below the use cases translates: a tr( call, the Lang type, or a
Vietnamese letter in code (comments aside, also SQL's -- comments in a raw string
literal: the schema's examples of data) under the directories given (default: the
ones converted to message ids). Translation belongs to app, render and cli; lower
layers return text::Message values.

  no_translation_below_app.py [ROOT] [DIR...]

Vietnamese words that are data, not messages, are allowed where ALLOWED lists them:
words the file readers accept as input and the names of the shipped holidays.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DIRS = ["src/model", "src/calendar", "src/import", "src/io", "src/storage", "include/inspectrack/model",
        "include/inspectrack/calendar", "include/inspectrack/import", "include/inspectrack/io",
        "include/inspectrack/storage"]

# (file, a string literal allowed there): data, with why.
ALLOWED = {
    # repeat: the Vietnamese spellings of the repetitions the import reads
    "src/model/repeat.cpp": {"hằng tháng", "hàng tháng", "hằng quý", "hàng quý", "6 tháng", "sáu tháng",
                             "hằng năm", "hàng năm"},
    # a period's units in Vietnamese: "10 ngày", "10 ngày làm việc"
    "include/inspectrack/calendar/deadline.hpp": {"ngày", "ngày làm việc"},
    # due: none, also written as the Vietnamese "không"
    "src/import/document.cpp": {"không", "Không", "KHÔNG"},
    # the weekday names a calendar file may use
    "src/import/calendar_document.cpp": {"thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy",
                                         "chủ nhật"},
    # the word an office file's archive line must not repeat (the document prints it)
    "src/import/office_document.cpp": {"lưu"},
    # the names of the statutory holidays of the shipped calendar
    "src/calendar/vietnam.cpp": {"Nghỉ bù ", "Tết Dương lịch", "Tết Nguyên đán", "Giỗ Tổ Hùng Vương",
                                 "Ngày Chiến thắng", "Ngày Quốc tế Lao động", "Quốc khánh",
                                 "Ngày Văn hóa Việt Nam"},
}

VIETNAMESE = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]",
                        re.IGNORECASE)
LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')
RAW_OPEN = re.compile(r'R"([^(\s"\\]{0,16})\(')


def code_of(line):
    """The line without its // comment (a // inside a string literal is kept)."""
    out, i, in_string = [], 0, False
    while i < len(line):
        c = line[i]
        if in_string:
            if c == "\\":
                out.append(line[i:i + 2])
                i += 2
                continue
            in_string = c != '"'
        elif c == '"':
            in_string = True
        elif line.startswith("//", i):
            break
        out.append(c)
        i += 1
    return "".join(out)


def sql_problem(rel, n, sql):
    """A Vietnamese letter in SQL text of a raw string literal, its -- comment aside."""
    if VIETNAMESE.search(sql.split("--", 1)[0]):
        return f"{rel}:{n}: Vietnamese text outside the catalog: {sql.strip()}"
    return None


def problems_in(root, rel):
    allowed = ALLOWED.get(rel, set())
    in_block_comment = False
    raw_close = None  # the end of the raw string literal the line is in, e.g. )sql"
    with open(os.path.join(root, rel), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if raw_close:
                end = line.find(raw_close)
                sql, line = (line, "") if end < 0 else (line[:end], line[end + len(raw_close):])
                raw_close = raw_close if end < 0 else None
                if problem := sql_problem(rel, n, sql):
                    yield problem
            elif (m := RAW_OPEN.search(code_of(line))) and f'){m.group(1)}"' not in line[m.end():]:
                raw_close = f'){m.group(1)}"'
                if problem := sql_problem(rel, n, line[m.end():]):
                    yield problem
                line = line[:m.start()]
            if in_block_comment:
                if "*/" not in line:
                    continue
                line, in_block_comment = line.split("*/", 1)[1], False
            if "/*" in line and "*/" not in line.split("/*", 1)[1]:
                line, in_block_comment = line.split("/*", 1)[0], True
            code = code_of(line)
            if re.search(r"(?<![\w.])(?:text::)?tr\(", code):
                yield f"{rel}:{n}: translates (tr): {line.strip()}"
            if re.search(r"\bLang\b", code):
                yield f"{rel}:{n}: takes a language (Lang): {line.strip()}"
            if VIETNAMESE.search(code):
                rest = LITERAL.sub(lambda m: "" if m.group(1) in allowed else m.group(0), code)
                if VIETNAMESE.search(rest):
                    yield f"{rel}:{n}: Vietnamese text outside the catalog: {line.strip()}"


def main(argv):
    root = argv[1] if len(argv) > 1 else ROOT
    dirs = argv[2:] or DIRS
    problems = []
    for d in dirs:
        for base, _, files in os.walk(os.path.join(root, d)):
            for name in sorted(files):
                if name.endswith((".cpp", ".hpp")):
                    problems += problems_in(root, os.path.relpath(os.path.join(base, name), root))
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{len(problems)} problem(s) in {', '.join(dirs)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
