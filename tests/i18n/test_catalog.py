#!/usr/bin/python3
"""The catalog checks catch what they promise: catalog.py check on a small source tree
and catalog, each entry wrong in one way, must name every problem; msgfmt
--check-format (what the build runs) must refuse a numbered placeholder the
translation lacks, and lets an unnumbered {} through (hence catalog.py's own check);
catalog.py extract marks the ids python-brace-format, never c-format (a '%' in one).
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

SOURCE = r'''
void f() {
  text::Message("fine {0}", 1);
  text::Message("missing from the catalog");
  text::Message("untranslated");
  text::Message("{0}% done", 5);
  text::Message("fuzzy one");
  text::Message("swapped {0} and {1}", 1, 2);
  text::Message("auto {} placeholder", 1);
  text::Message::with_context("state", "open");
}
'''

CATALOG = r'''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

#, python-brace-format
msgid "fine {0}"
msgstr "ổn {0}"

msgid "untranslated"
msgstr ""

#, python-brace-format
msgid "{0}% done"
msgstr "xong {0}%"

#, fuzzy
msgid "fuzzy one"
msgstr "mờ"

#, python-brace-format
msgid "swapped {0} and {1}"
msgstr "đổi {1} và {1}"

#, python-brace-format
msgid "auto {} placeholder"
msgstr "tự động, không có chỗ"

msgctxt "state"
msgid "open"
msgstr "đang thực hiện"

msgid "stale"
msgstr "cũ"
'''

EXPECTED = [
    "not in the catalog: 'missing from the catalog'",
    "not translated: 'untranslated'",
    "fuzzy: 'fuzzy one'",
    "the translation's placeholders differ from the id's: 'swapped {0} and {1}'",
    "number the placeholders ({0}, {1}): 'auto {} placeholder'",
    "the translation's placeholders differ from the id's: 'auto {} placeholder'",
    "no longer used by the code: 'stale'",
]


def main():
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "src")
        os.mkdir(src)
        with open(os.path.join(src, "a.cpp"), "w", encoding="utf-8") as f:
            f.write(SOURCE)
        po = os.path.join(tmp, "vi.po")
        with open(po, "w", encoding="utf-8") as f:
            f.write(CATALOG)
        run = subprocess.run([sys.executable, "-B", os.path.join(HERE, "catalog.py"), "check", src, po],
                             capture_output=True, encoding="utf-8")
        if run.returncode != 1:
            failures.append(f"catalog.py check exited {run.returncode}, not 1")
        for e in EXPECTED:
            if e not in run.stderr:
                failures.append(f"catalog.py check did not report: {e}")
        if "'fine {0}'" in run.stderr or "[state] 'open'" in run.stderr:
            failures.append("catalog.py check reported a good entry:\n" + run.stderr)
        if run.stderr.count("\n") != len(EXPECTED):
            failures.append(f"expected {len(EXPECTED)} problems, got:\n{run.stderr}")

        pot = subprocess.run([sys.executable, "-B", os.path.join(HERE, "catalog.py"), "extract", src],
                             capture_output=True, encoding="utf-8").stdout
        if '#, python-brace-format\nmsgid "fine {0}"' not in pot or "c-format" in pot.replace("brace-format", ""):
            failures.append("the template does not mark the ids python-brace-format (msgmerge would copy "
                            "that into the catalog):\n" + pot)
        msgfmt = subprocess.run(["msgfmt", "--check-format", "-o", os.devnull, po],
                                capture_output=True, encoding="utf-8")
        if msgfmt.returncode == 0 or "argument '0'" not in msgfmt.stderr:
            failures.append("msgfmt --check-format accepted a translation without {0}:\n" + msgfmt.stderr)
        elif "found 1 fatal error" not in msgfmt.stderr:
            failures.append("msgfmt now checks {} too: catalog.py's own check may be dropped\n" + msgfmt.stderr)
    for f in failures:
        print(f, file=sys.stderr)
    print("ok" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
