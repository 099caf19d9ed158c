#!/usr/bin/python3
"""tr_to_catalog.py turns each kind of bilingual call site into a catalog message, on a
copy: the code it writes, the entries it adds, and the conflicts it reports.
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import catalog  # noqa: E402

BEFORE = r'''#include "inspectrack/text/lang.hpp"
#include "inspectrack/text/utf8.hpp"

void f(Lang lang) {
  out << tr(lang, "warning", "cảnh báo");
  out << fmt::format(fmt::runtime(text::tr(lang, "{} of {:>3}\n", "{} trên {:>3}\n")), a, b);
  throw UsageError(say(lang, "unknown '{}'", "không có '{}'", name));
  out << text::tr(lang, "a '{' alone", "một '{' riêng");
  out << tr(lang, "done", "hoàn thành");
}
'''

AFTER = r'''#include "inspectrack/text/lang.hpp"
#include "inspectrack/text/message.hpp"
#include "inspectrack/text/utf8.hpp"

void f(Lang lang) {
  out << text::translate(lang, text::Message("warning"));
  out << text::translate(lang, text::Message("{0} of {1:>3}\n", a, b));
  throw UsageError(text::translate(lang, text::Message("unknown '{0}'", name)));
  out << text::translate(lang, text::Message("a '{{' alone"));
  out << tr(lang, "done", "hoàn thành");
}
'''

CATALOG = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "done"\nmsgstr "đã hoàn thành"\n'

WANTED = {
    "warning": "cảnh báo",
    "{0} of {1:>3}\\n": "{0} trên {1:>3}\\n",
    "unknown '{0}'": "không có '{0}'",
    "a '{{' alone": "một '{{' riêng",
    "done": "đã hoàn thành",
}


def main():
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        code, po = os.path.join(tmp, "a.cpp"), os.path.join(tmp, "vi.po")
        with open(code, "w", encoding="utf-8") as f:
            f.write(BEFORE)
        with open(po, "w", encoding="utf-8") as f:
            f.write(CATALOG)
        run = subprocess.run([sys.executable, "-B", os.path.join(HERE, "tr_to_catalog.py"), "--po", po, code],
                             capture_output=True, encoding="utf-8")
        if run.returncode != 1 or "needs a context" not in run.stderr or "'done'" not in run.stderr:
            failures.append("the conflicting 'done' was not reported:\n" + run.stderr)
        with open(code, encoding="utf-8") as f:
            after = f.read()
        if after != AFTER:
            failures.append("the code written:\n" + after)
        with open(po, encoding="utf-8") as f:
            entries = {e["id"]: e.get("str") for e in catalog.parse_po(f.read()) if e["id"]}
        wanted = {k.replace("\\n", "\n"): v.replace("\\n", "\n") for k, v in WANTED.items()}
        if entries != wanted:
            failures.append(f"the catalog: {entries}")
        msgfmt = subprocess.run(["msgfmt", "--check", "--check-format", "-o", os.devnull, po],
                                capture_output=True, encoding="utf-8")
        if msgfmt.returncode != 0:
            failures.append("msgfmt refuses the catalog written:\n" + msgfmt.stderr)
    for f in failures:
        print(f, file=sys.stderr)
    print("ok" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
