#!/usr/bin/python3
"""Turns bilingual call sites into catalog messages.

  tr_to_catalog.py [--po PO] [--dry-run] FILE...

Rewrites, in each FILE:
  fmt::format(fmt::runtime(text::tr(LANG, "en {}", "vi {}")), ARGS)  -> text::Message("en {0}", ARGS)
  say(LANG, "en {}", "vi {}", ARGS)  and  say("en {}", "vi {}", ARGS) -> text::Message("en {0}", ARGS)
  text::tr(LANG, "en", "vi")  and  tr(LANG, "en", "vi")              -> text::Message("en")
  Phrase{"en", "vi"}                                                 -> text::Message("en")
  constexpr Phrase kName{"en", "vi"}             -> const auto kName = text::Message("en")
wrapped in text::translate(LANG, …) (unless --messages-only), numbering the {}
placeholders of both wordings in order (doubling the braces of a wording that was
not formatted), and adds each pair to the
catalog PO (default src/text/po/vi.po) unless it is there. A pair whose English is
already in the catalog with another Vietnamese wording is left in the code and
reported: it needs a context (Message::with_context). What the call sites do with
the result (a std::string before, a text::Message now, translated by the caller
with text::translate) is the programmer's part: the script changes only the calls.
"""
import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import catalog  # noqa: E402

START = re.compile(
    r'fmt::format\(\s*fmt::runtime\(\s*(?:text::)?tr\(|\b(?:text::)?tr\(|(?:\b\w+(?:\.|->))?(?<![\w:])say\(|(?:constexpr\s+)?\bPhrase\s*(\w*)\{|(?:\b\w+(?:\.|->))?\btr\(\{|(?<=[(,])\s*\{(?=\s*")')


def split_args(s, i, close):
    """Top-level arguments from s[i] up to the matching `close`; returns (args, end)."""
    args, depth, start, j = [], 0, i, i
    while j < len(s):
        c = s[j]
        if c in "\"'":
            j = skip_literal(s, j)
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                args.append(s[start:j].strip())
                return args, j + 1
            depth -= 1
        elif c == "," and depth == 0:
            args.append(s[start:j].strip())
            start = j + 1
        j += 1
    raise ValueError("unbalanced call")


def skip_literal(s, j):
    quote = s[j]
    j += 1
    while s[j] != quote:
        j += 2 if s[j] == "\\" else 1
    return j + 1


def literal(arg):
    """The text of a (possibly concatenated) string literal argument, or None."""
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', arg)
    if not parts or re.sub(r'"((?:[^"\\]|\\.)*)"', "", arg).strip():
        return None
    return "".join(parts)


def number(fmt_text):
    """{} and {:spec} become {0}, {1:spec}, … (already numbered text is left)."""
    counter = iter(range(1000))
    out, i = [], 0
    while i < len(fmt_text):
        if fmt_text.startswith("{{", i) or fmt_text.startswith("}}", i):
            out.append(fmt_text[i:i + 2])
            i += 2
            continue
        if fmt_text[i] == "{":
            end = fmt_text.find("}", i)
            if end < 0:
                raise ValueError(f"unbalanced brace in {fmt_text!r}")
            field = fmt_text[i + 1:end]
            if field == "" or field.startswith(":"):
                field = f"{next(counter)}{field}"
            out.append("{" + field + "}")
            i = end + 1
            continue
        out.append(fmt_text[i])
        i += 1
    return "".join(out)


def escape_braces(text):
    """A wording shown as is becomes a format string: its braces doubled."""
    return text.replace("{", "{{").replace("}", "}}")


def po_escape(text):
    return text  # C++ and PO share \n, \t, \" and \\


def convert(source, known, added, conflicts, where, keep_lang, phrases=False):
    out, pos = [], 0
    for m in START.finditer(source):
        if m.start() < pos:
            continue
        head = m.group(0)
        try:
            args, end = split_args(source, m.end(), "}" if head.endswith("{") else ")")
        except (ValueError, IndexError):
            continue
        rest, lang, formatted = [], None, True
        if head.startswith("fmt::format"):
            lang = args[0] if args else None
            # tr(lang, en, vi)) , ARGS )
            if len(args) != 3:
                continue
            tail, end2 = split_args(source, end, ")")  # the rest of runtime( … )
            if tail != [""]:
                continue
            outer, end = split_args(source, end2, ")")
            rest = outer[1:] if outer and outer[0] == "" else outer
            pairs = args[1:]
        elif "Phrase" in head or head.endswith("{"):
            pairs, formatted = args, False
        else:
            pairs = args if literal(args[0]) is not None else args[1:]
            lang = None if pairs is args else args[0]
            if "say" in head:
                rest = pairs[2:]
            else:
                formatted = False
            pairs = pairs[:2]
        if len(pairs) != 2:
            continue
        en, vi = literal(pairs[0]), literal(pairs[1])
        if en is None or vi is None:
            continue
        try:
            en, vi = (number(en), number(vi)) if formatted else (escape_braces(en), escape_braces(vi))
        except ValueError as e:
            conflicts.append(f"{where}: {e}")
            continue
        if en in known and known[en] != vi:
            conflicts.append(f"{where}: '{en}': catalog has '{known[en]}', here '{vi}'")
            continue
        if en not in known:
            known[en] = vi
            added.append((en, vi))
        call = 'text::Message("' + en + '"' + "".join(", " + a for a in rest if a) + ")"
        if head.endswith("tr({"):
            tail, end = split_args(source, end, ")")
            if tail != [""]:
                continue
        if (head.endswith("tr({") or head.strip() == "{") and (len(args) != 2 or not phrases):
            continue
        if "Phrase" in head and m.group(1):
            call = f'const auto {m.group(1)} = text::Message("{en}")'
        if head.strip() == "{" and source[m.start()] != "{":
            call = source[m.start():m.end() - 1] + call  # the space before the brace
        if keep_lang and not head.endswith("{"):
            call = f"text::translate({lang or keep_lang}, {call})"
        out.append(source[pos:m.start()])
        out.append(call)
        pos = end
    out.append(source[pos:])
    return "".join(out)


def with_include(source):
    """The file includes text/message.hpp when it uses text::Message."""
    header = '#include "inspectrack/text/message.hpp"'
    if "text::Message(" not in source or header in source:
        return source
    includes = [m for m in re.finditer(r'^#include "[^"]+"\n', source, re.M)]
    if not includes:
        return source
    ours = [m for m in includes if m.group(0).startswith('#include "inspectrack/')] or includes
    at = ours[-1].end()
    for m in ours:
        if m.group(0) > header + "\n":
            at = m.start()
            break
    return source[:at] + header + "\n" + source[at:]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--po", default=os.path.join(catalog.ROOT, "src", "text", "po", "vi.po"))
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument("--lang", metavar="EXPR", default="lang",
                    help="the language a say(\"en\", \"vi\", …) without one is in; the call "
                         "becomes text::translate(LANG, text::Message(…)), so that the code "
                         "around it still gets a string")
    ap.add_argument("--phrases", action="store_true",
                    help='also {"en", "vi"} as an argument, and tr({"en", "vi"}): a phrase in both languages')
    ap.add_argument("--messages-only", action="store_true",
                    help="leave the calls as text::Message(…), for a layer that returns messages")
    ap.add_argument("files", nargs="+")
    opts = ap.parse_args()
    with open(opts.po, encoding="utf-8") as f:
        po_text = f.read()
    known = {e["id"]: e.get("str", "") for e in catalog.parse_po(po_text) if e["id"] and not e.get("ctxt")}
    added, conflicts = [], []
    for path in opts.files:
        with open(path, encoding="utf-8") as f:
            before = f.read()
        after = with_include(convert(before, known, added, conflicts, path,
                                     None if opts.messages_only else opts.lang, opts.phrases))
        if after != before and not opts.dry_run:
            with open(path, "w", encoding="utf-8") as f:
                f.write(after)
    entries = []
    for en, vi in added:
        flag = "#, python-brace-format\n" if catalog.placeholders(en) else ""
        entries.append(f'\n{flag}msgid "{po_escape(en)}"\nmsgstr "{po_escape(vi)}"\n')
    if entries and not opts.dry_run:
        with open(opts.po, "a", encoding="utf-8") as f:
            f.write("".join(entries))
    for c in conflicts:
        print("needs a context: " + c, file=sys.stderr)
    print(f"{len(added)} catalog entries added, {len(conflicts)} conflict(s)", file=sys.stderr)
    return 1 if conflicts else 0


if __name__ == "__main__":
    sys.exit(main())
