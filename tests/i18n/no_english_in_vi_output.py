#!/usr/bin/python3
"""Runs the binary on the examples, as a secretary would, and fails when a report read
by people says a word of the other language: with --lang vi, an English word the
output used to contain (a stored value such as "open", "before", "none", a field name
such as "status" or "done_on", an action such as "import"); with --lang en, a word
with Vietnamese letters that is not data (the examples' names, titles and actions).

Reports: list tasks|findings|inspections|units, show (a task, an inspection, a unit),
log, overdue, due --within 30, summary --by unit|inspection|area, remind --dry-run
and check, each as table, markdown and CSV; and the confirmations of the changes.
JSON is the machine interface (stable English keys and values): not scanned.

  no_english_in_vi_output.py BINARY SOURCE_DIR
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

# Words today's Vietnamese output used to contain, as whole words (case ignored).
ENGLISH = """
open done verified cancelled cancel reopen verify extend note import update prune repeat
before within none by day high medium low visit assessment directive province district
commune ward town department agency monthly quarterly yearly half yearly from until
status due due_text due_form done_on verified_on last_day days_late working_days_late
extensions evidence reason approved_by report_to assignee action key inspection finding
task unit calendar provisional period target true false yes no ok holiday workday
sent resent dry run already failed address working days conclusion date
""".split()

# A letter only Vietnamese writes (with its marks, in NFC): what English output must
# not show outside data.
VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]",
                        re.IGNORECASE)

EXAMPLES = ["units-chu-prong.yaml", "chu-prong-2021.yaml", "bao-cao-dinh-ky-2021.yaml"]
PROGRESS = "tien-do-chu-prong-2021.yaml"
TEXTS = {  # texts the setup gives on the command line: data, like the examples'
    "extend": "Chờ kết quả kiểm điểm",
    "approved": "Phó Chủ tịch UBND huyện",
    "done": "Báo cáo số 45/BC-UBND ngày 21/7/2021",
    "cancel": "Thị trấn đã được Đoàn kiểm tra của tỉnh kiểm tra trực tiếp",
    "note": "Đã nhắc qua điện thoại ngày 26/7/2021",
    "verify": "Đã kiểm tra tại Bộ phận Một cửa",
    "by": "Phòng Nội vụ",
    "calendar": "Lịch làm việc của cơ quan hành chính nhà nước",  # the shipped calendar's name
}


def data_strings(source):
    """Every text of the examples and of the setup: removed from the output before
    it is scanned, longest first, so that a word inside data never counts."""
    found = set(TEXTS.values())

    def walk(node):
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str) and len(node) >= 6:
            found.add(" ".join(node.split()))

    for name in EXAMPLES + [PROGRESS]:
        with open(os.path.join(source, "examples", name), encoding="utf-8") as f:
            for document in yaml.safe_load_all(f):
                walk(document)
    return sorted(found, key=len, reverse=True)


class Runner:
    def __init__(self, binary, work):
        self.binary = binary
        self.env = dict(os.environ, INSPECTRACK_DB=os.path.join(work, "test.db"), LANG="C", LC_ALL="",
                        INSPECTRACK_NOW="2021-07-26T01:00:00Z", TZ="Asia/Ho_Chi_Minh", NO_COLOR="1",
                        USER="tester")
        self.env.pop("COLUMNS", None)
        self.work = work

    def run(self, lang, args, check=True):
        result = subprocess.run([self.binary, "--lang", lang] + args, cwd=self.work, env=self.env,
                                capture_output=True, text=True, timeout=60)
        if check and result.returncode not in (0, 1):
            sys.exit(f"{' '.join(args)}: exit {result.returncode}\n{result.stderr}")
        return result.stdout + result.stderr


def setup(runner, lang):
    """The examples imported, then one change of each kind: their confirmations are
    output too."""
    out = [runner.run(lang, ["import", "--as-of", "2021-07-26"] + [f"examples/{e}" for e in EXAMPLES]),
           runner.run(lang, ["import", "--as-of", "2021-07-29", f"examples/{PROGRESS}"])]
    changes = [
        ["extend", "gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@ia-me", "--to", "5/8/2021", "--reason", TEXTS["extend"], "--approved-by", TEXTS["approved"],
         "--by", TEXTS["by"], "--as-of", "2021-07-29"],
        ["done", "gia-lai-cchc-2021-chu-prong/bao-cao-so-noi-vu@chu-prong.noi-vu", "--on", "28/7/2021", "--evidence", TEXTS["done"], "--as-of", "2021-07-29"],
        ["verify", "gia-lai-cchc-2021-chu-prong/bao-cao-so-noi-vu@chu-prong.noi-vu", "--on", "29/7/2021", "--note", TEXTS["verify"], "--as-of", "2021-07-29"],
        ["cancel", "gia-lai-cchc-2021-chu-prong/tu-kiem-tra@tt-chu-prong", "--reason", TEXTS["cancel"], "--as-of", "2021-07-29"],
        ["note", "gia-lai-cchc-2021-chu-prong/tu-kiem-tra@ia-boong", TEXTS["note"], "--as-of", "2021-07-29"],
        ["reopen", "gia-lai-cchc-2021-chu-prong/tu-kiem-tra@tt-chu-prong", "--reason", TEXTS["extend"], "--as-of", "2021-07-29"],
    ]
    for change in changes:
        out.append(runner.run(lang, change))
    return out


REPORTS = [
    ["list", "tasks"], ["list", "findings"], ["list", "inspections"], ["list", "units"],
    ["show", "gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@ia-me"], ["show", "gia-lai-cchc-2021-chu-prong"], ["show", "ia-me"],
    ["log"], ["overdue"], ["due", "--within", "30"],
    ["overdue", "--by", "inspection", "--year", "2021"], ["overdue", "--by", "report-to", "--deadline-to", "2021-08-01"],
    ["summary", "--by", "unit"], ["summary", "--by", "inspection"], ["summary", "--by", "area"],
    ["check"],
]
REMIND = ["remind", "--dry-run", "--from", "vanphong@example.vn"]


def outputs(runner, lang):
    """(what was run, its output) for every report in every format people read."""
    found = [(f"setup ({lang})", text) for text in setup(runner, lang)]
    for fmt in ("table", "markdown", "csv"):
        for report in REPORTS + [REMIND]:
            args = ["--as-of", "2021-08-20"] + report + ["--format", fmt]
            found.append((" ".join(args), runner.run(lang, args)))
    return found


# What a reminder's message says in no language: its mail headers (protocol) and the
# command it shows to copy.
HEADERS = "From|To|Cc|Subject|Date|Message-ID|MIME-Version|Content-Type|Content-Transfer-Encoding|Auto-Submitted|" \
    "Precedence|Reply-To|X-[A-Za-z-]+|List-[A-Za-z-]+"
NOT_WORDS = re.compile(rf"^(From .*|({HEADERS}): .*|[ =].*\?=|\s+<.*>|\s+inspectrack .*)$", re.MULTILINE)


def without_data(text, data):
    """The text with its data and protocol removed, its spaces collapsed (a mail wraps
    data across lines, a table pads it)."""
    text = " ".join(NOT_WORDS.sub(" ", text).split())
    for s in data:
        text = text.replace(s, " ")
    return text


def english_words(text):
    words = set(w.lower() for w in re.findall(r"\w+", text))
    return sorted(words & set(ENGLISH))


def vietnamese_words(text):
    return sorted(set(w for w in re.findall(r"\w+", text) if VIETNAMESE.search(w)))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    binary, source = os.path.abspath(sys.argv[1]), sys.argv[2]
    data = data_strings(source)
    failures = []
    for lang, find in (("vi", english_words), ("en", vietnamese_words)):
        work = tempfile.mkdtemp()
        try:
            shutil.copytree(os.path.join(source, "examples"), os.path.join(work, "examples"))
            runner = Runner(binary, work)
            for what, text in outputs(runner, lang):
                words = find(without_data(text, data))
                if words:
                    failures.append(f"--lang {lang} {what}: {', '.join(words)}")
        finally:
            shutil.rmtree(work)
    for f in failures:
        print(f)
    print(f"{len(failures)} output(s) with words of the other language")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
