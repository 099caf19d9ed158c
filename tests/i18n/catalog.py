#!/usr/bin/python3
"""The message catalogs against the code.

  catalog.py extract [SRC]      the template (.pot) of every message id in SRC
                                (default: the repository's src/), on stdout
  catalog.py update [SRC]       merges that template into src/text/po/vi.po (msgmerge)
  catalog.py check [SRC] [PO]   fails (exit 1) on a message of the code missing from
                                the catalog, an untranslated or fuzzy entry, an entry
                                the code no longer uses, an id with an unnumbered {}
                                placeholder, and a translation whose placeholders
                                differ from its id's (msgfmt skips {} ones)

Message ids are the first argument of text::Message(...) and the second of
Message::with_context(CONTEXT, ...): xgettext finds them with these keywords.
"""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KEYWORDS = ["--keyword=", "--keyword=Message:1", "--keyword=with_context:1c,2",
            "--flag=Message:1:python-brace-format",
            "--flag=with_context:2:python-brace-format"]


def sources(src):
    out = []
    for base, _, files in os.walk(src):
        out += [os.path.join(base, f) for f in files if f.endswith((".cpp", ".hpp"))]
    return sorted(out)


def extract(src):
    cmd = ["xgettext", "--language=C++", "--from-code=UTF-8",
           "--sort-by-file", "--add-location=file", "-o", "-"] + KEYWORDS + sources(src)
    pot = subprocess.run(cmd, check=True, capture_output=True, encoding="utf-8").stdout
    return "\n\n".join(brace_flags(block) for block in pot.split("\n\n"))


def brace_flags(block):
    """xgettext applies no python-brace-format flag to C++ and guesses c-format from a
    '%': an entry's flags become python-brace-format when its id has a placeholder."""
    lines = [line for line in block.split("\n") if not line.startswith("#,")]
    flags = set()
    for line in block.split("\n"):
        if line.startswith("#,"):
            flags |= {f.strip() for f in line[2:].split(",")} - {"c-format", "possible-c-format"}
    entry = parse_po(block)
    if entry and entry[0]["id"] and placeholders(entry[0]["id"]):
        flags.add("python-brace-format")
    if flags:
        at = next(i for i, line in enumerate(lines) if not line.startswith("#"))
        lines.insert(at, "#, " + ", ".join(sorted(flags)))
    return "\n".join(lines)


def unquote(s):
    s = s.strip()
    assert s.startswith('"') and s.endswith('"'), s
    body = s[1:-1]
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(m.group(1), m.group(1)),
                  body)


def parse_po(text):
    """Entries as dicts: ctxt, id, str, flags, line. Obsolete (#~) entries are skipped."""
    entries, cur, field, line_no = [], None, None, 0

    def flush():
        if cur is not None and "id" in cur:
            entries.append(cur)

    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith("#~") or not line.strip():
            continue
        if line.startswith("#,"):
            if cur is None or "id" in cur:
                flush()
                cur = {"flags": set(), "line": n}
            cur["flags"] |= {f.strip() for f in line[2:].split(",")}
            field = None
            continue
        if line.startswith("#"):
            continue
        m = re.match(r'(msgctxt|msgid|msgstr)\s+(".*")$', line)
        if m:
            key = {"msgctxt": "ctxt", "msgid": "id", "msgstr": "str"}[m.group(1)]
            if cur is None or (key == "ctxt" and ("id" in cur or "ctxt" in cur)) or (key == "id" and "id" in cur):
                flush()
                cur = {"flags": set(), "line": n}
            cur[key] = unquote(m.group(2))
            field = key
            continue
        if line.startswith('"') and field:
            cur[field] += unquote(line)
    flush()
    return entries


def placeholders(fmt_text):
    """The sorted argument names of a fmt string's replacement fields ('' for {})."""
    names, i = [], 0
    while i < len(fmt_text):
        c = fmt_text[i]
        if fmt_text.startswith("{{", i) or fmt_text.startswith("}}", i):
            i += 2
            continue
        if c == "{":
            end = fmt_text.find("}", i)
            if end < 0:
                return None
            names.append(re.split(r"[:!]", fmt_text[i + 1:end], maxsplit=1)[0])
            i = end + 1
            continue
        i += 1
    return sorted(names)


def check(src, po_path):
    with open(po_path, encoding="utf-8") as f:
        catalog = [e for e in parse_po(f.read()) if e["id"]]
    used = [e for e in parse_po(extract(src)) if e["id"]]
    problems = []
    known = {(e.get("ctxt"), e["id"]): e for e in catalog}
    wanted = {(e.get("ctxt"), e["id"]) for e in used}
    for key in sorted(wanted - set(known), key=str):
        problems.append(f"not in the catalog: {show(key)}")
    for key, e in known.items():
        where = f"{po_path}:{e['line']}"
        if key not in wanted:
            problems.append(f"{where}: no longer used by the code: {show(key)}")
        if "fuzzy" in e["flags"]:
            problems.append(f"{where}: fuzzy: {show(key)}")
        if not e.get("str"):
            problems.append(f"{where}: not translated: {show(key)}")
            continue
        ids = placeholders(e["id"])
        if ids is None or "" in ids:
            problems.append(f"{where}: number the placeholders ({{0}}, {{1}}): {show(key)}")
        if placeholders(e["str"]) != ids:
            problems.append(f"{where}: the translation's placeholders differ from the id's: {show(key)}")
        if ids and "python-brace-format" not in e["flags"]:
            problems.append(f"{where}: mark it '#, python-brace-format': {show(key)}")
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{len(catalog)} catalog entries, {len(wanted)} messages in the code, {len(problems)} problem(s)")
    return 1 if problems else 0


def show(key):
    ctxt, msgid = key
    return (f"[{ctxt}] " if ctxt else "") + repr(msgid)


def main(argv):
    if len(argv) < 2 or argv[1] not in ("extract", "update", "check"):
        print(__doc__, file=sys.stderr)
        return 64
    src = argv[2] if len(argv) > 2 else os.path.join(ROOT, "src")
    po = argv[3] if len(argv) > 3 else os.path.join(ROOT, "src", "text", "po", "vi.po")
    if argv[1] == "extract":
        sys.stdout.write(extract(src))
        return 0
    if argv[1] == "update":
        with tempfile.NamedTemporaryFile("w", suffix=".pot", encoding="utf-8") as pot:
            pot.write(extract(src))
            pot.flush()
            subprocess.run(["msgmerge", "--quiet", "--update", "--backup=none", "--no-fuzzy-matching",
                            "--no-location", po, pot.name], check=True)
        return 0
    return check(src, po)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
