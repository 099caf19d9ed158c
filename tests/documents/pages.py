#!/usr/bin/python3
"""The pages of the example report under docs/, kept true: the follow-up report of the
Chư Prông example as of 29/7/2021, written as a PDF by the binary just built, its pages
rendered to PNG by pdftoppm (docs/bao-cao-chu-prong-N.png) and its text by pdftotext
-layout (docs/bao-cao-chu-prong.txt).

Without --update (the test): the report is written again and its text and number of
pages must equal the committed ones; a change to what the report says or how it is set
fails here until the pages are made again. With --update: makes the files under docs/.

usage: pages.py INSPECTRACK_BINARY SOURCE_DIR [--update]
"""

import glob
import os
import subprocess
import sys
import tempfile

NAME = "bao-cao-chu-prong"
DPI = "60"  # enough to see the layout; a page is about 60 kB


def write_report(binary, source, folder):
    env = {k: v for k, v in os.environ.items() if not k.startswith("INSPECTRACK_")}
    env.update(LANG="C", USER="docs", INSPECTRACK_NOW="2021-07-29T01:00:00Z", TZ="Asia/Ho_Chi_Minh",
               INSPECTRACK_DB=os.path.join(folder, "docs.db"))
    examples = os.path.join(source, "examples")
    files = ["units-chu-prong.yaml", "chu-prong-2021.yaml", "tien-do-chu-prong-2021.yaml", "office-chu-prong.yaml"]
    for words in (["import", *(os.path.join(examples, f) for f in files)],
                  ["--lang", "vi", "document", "report", "--inspection", "gia-lai-cchc-2021-chu-prong", "--as-of", "2021-07-29",
                   "--chart", "--output", os.path.join(folder, NAME + ".pdf")]):
        subprocess.run([binary, *words], env=env, cwd=folder, check=True, capture_output=True, timeout=120)
    return os.path.join(folder, NAME + ".pdf")


def text_of(pdf):
    return subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True,
                          check=True).stdout


def pages_of(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


def main(binary, source, update):
    docs = os.path.join(source, "docs")
    with tempfile.TemporaryDirectory() as folder:
        pdf = write_report(binary, source, folder)
        text, pages = text_of(pdf), pages_of(pdf)
        if update:
            for old in glob.glob(os.path.join(docs, NAME + "-*.png")):
                os.remove(old)
            subprocess.run(["pdftoppm", "-png", "-r", DPI, pdf, os.path.join(docs, NAME)], check=True)
            with open(os.path.join(docs, NAME + ".txt"), "w", encoding="utf-8") as f:
                f.write(text)
            return 0
    with open(os.path.join(docs, NAME + ".txt"), encoding="utf-8") as f:
        committed = f.read()
    images = len(glob.glob(os.path.join(docs, NAME + "-*.png")))
    status = 0
    if text != committed:
        sys.stderr.write(f"docs/{NAME}.txt differs from the report written now: run\n"
                         f"  tests/documents/pages.py BINARY . --update\nand commit docs/\n")
        status = 1
    if images != pages:
        sys.stderr.write(f"docs/ has {images} pages of {NAME}, the report has {pages}: run --update\n")
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), "--update" in sys.argv[3:]))
