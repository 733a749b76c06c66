"""Renderers of a comparison (:class:`drafter.core.compare.Changes`): pure functions from the
result to text.

Terminal text
    One block per clause or Schedule (its heading as context), one line per change, with the
    page/line in both prints: ``p12 l7 → p13 l9``. Words are marked ``[-left out-]`` and
    ``{+put in+}`` (as ``git diff --word-diff`` does); pass ``style`` to colour them instead.

JSON (``format: "drafter-compare/1"``; keys are stable, new keys may be added)::

    {
      "format": "drafter-compare/1",
      "old": "HL Bill 54", "new": "HL Bill 60",
      "identical": false,
      "summary": {"inserted": 11, "removed": 3, "changed": 109, "moved": 7,
                  "renumbered": 53, "edits": 78},
      "changes": [
        {"kind": "changed",                 # "inserted" | "removed" | "changed"
         "context": "Clause 1 — Fundamental objectives",
         "old": {"citation": "Clause 1(a)", "kind": "paragraph", "num": "(a)",
                 "heading": "", "eId": "sec_1__para_a", "GUID": "_6bd8…",
                 "page": 1, "line": 5},     # null for an inserted provision
         "new": {…same keys…},              # null for a removed provision
         "moved": false, "renumbered": false,
         "text": "",                        # the words of an inserted/removed provision
         "edits": [{"type": "insert",       # "insert" | "delete" | "replace"
                    "old": "", "new": ", energy efficient",
                    "old_place": {"page": 1, "line": 5},
                    "new_place": {"page": 1, "line": 5}}]}
      ],
      "notes": [{"kind": "eid", "citation": "Clause 18", "old": "sec_16", "new": "sec_18"}],
      "layout_shifts": 393                  # provisions unchanged but printed elsewhere
    }

HTML
    A standalone page: every change with its provision's own words as inline tracked changes
    (``<del>``/``<ins>``), or (``side_by_side=True``) old and new in two columns.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from drafter.core.compare import Change, Changes, Edit, Place, ProvisionRef

#: style(role, text) -> text: roles "del", "ins", "heading", "place", "meta"
Style = Callable[[str, str], str]


def _plain(_role: str, text: str) -> str:
    return text


def _where(p: Place | None) -> str:
    return f"p{p.page} l{p.line}" if p else "—"


def _places(old: Place | None, new: Place | None) -> str:
    return f"{_where(old)} → {_where(new)}"


def _context_words(change: Change, edit_index: int, n: int, style: Style) -> str:
    """One edit with up to ``n`` unchanged words either side (from the change's segments)."""
    segs = change.segments
    k = -1
    hits = 0
    for idx, (op, _text) in enumerate(segs):
        if op != "=" and (idx == 0 or segs[idx - 1][0] == "="):
            if hits == edit_index:
                k = idx
                break
            hits += 1
    if k < 0:
        e = change.edits[edit_index]
        return _mark_edit(e, style)
    end = k
    while end < len(segs) and segs[end][0] != "=":
        end += 1
    before = segs[k - 1][1] if k > 0 else ""
    after = segs[end][1] if end < len(segs) else ""
    left_words = before.split(" ")
    left = " ".join(left_words[-n:]) if n > 0 else ""
    right_m = re.match(r"(?:\s*\S+){0," + str(n) + "}", after)
    right = right_m.group(0) if right_m else ""
    middle = ""
    for idx, (op, text) in enumerate(segs[k:end]):
        mark = ("[-", "-]", "del") if op == "-" else ("{+", "+}", "ins")
        lead = " " if text.startswith(" ") and not (idx and op == "+") else ""
        middle += lead + style(mark[2], f"{mark[0]}{text.strip()}{mark[1]}")
    pre = ("… " if len(left_words) > n else "") + left.lstrip()
    post = right + (" …" if len(after) > len(right) else "")
    if not pre or pre.endswith(" "):  # no word before the change to keep it apart from
        middle = middle.lstrip(" ")
    return f"{pre}{middle}{post}"


def _mark_edit(e: Edit, style: Style) -> str:
    out = []
    if e.old:
        out.append(style("del", f"[-{e.old}-]"))
    if e.new:
        out.append(style("ins", f"{{+{e.new}+}}"))
    return "".join(out)


def _cite(ref: ProvisionRef | None) -> str:
    return ref.citation if ref else "—"


def render_text(changes: Changes, context: int = 5, style: Style | None = None) -> str:
    """The comparison for a terminal, grouped under clause headings."""
    st = style or _plain
    out: list[str] = [
        st("meta", f"--- {changes.old_name}"),
        st("meta", f"+++ {changes.new_name}"),
    ]
    current = None
    for ch in changes.changes:
        if ch.context != current:
            current = ch.context
            out.append("")
            out.append(st("heading", ch.context or "(outside the clauses)"))
        if ch.kind == "inserted":
            assert ch.new is not None
            out.append(
                f"  {st('place', _places(None, ch.new.place))}  {ch.new.citation} inserted: "
                + st("ins", "{+" + _short(ch.text, 30 + 10 * context) + "+}")
            )
            continue
        if ch.kind == "removed":
            assert ch.old is not None
            out.append(
                f"  {st('place', _places(ch.old.place, None))}  {ch.old.citation} removed: "
                + st("del", "[-" + _short(ch.text, 30 + 10 * context) + "-]")
            )
            continue
        old, new = ch.old, ch.new
        assert old is not None and new is not None
        flags = []
        if ch.renumbered:
            flags.append(f"renumbered {old.num} → {new.num}")
        if ch.moved:
            flags.append("moved")
        label = old.citation if old.citation == new.citation else f"{old.citation} → {new.citation}"
        if flags:
            out.append(
                f"  {st('place', _places(old.place, new.place))}  {label}: {', '.join(flags)}"
            )
        for n, e in enumerate(ch.edits):
            out.append(
                f"  {st('place', _places(e.old_place, e.new_place))}  {label}: "
                + _context_words(ch, n, context, st)
            )
    out.append("")
    out.append(st("meta", changes.summary()))
    kinds: dict[str, int] = {}
    for note in changes.notes:
        kinds[note.kind] = kinds.get(note.kind, 0) + 1
    other = [f"{v} {k}" for k, v in sorted(kinds.items())]
    if changes.layout_shifts:
        other.append(f"{changes.layout_shifts} provisions printed on other lines")
    if other:
        out.append(st("meta", "Not text changes: " + ", ".join(other) + "."))
    return "\n".join(out) + "\n"


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# --- JSON -------------------------------------------------------------------------------------


def _ref(ref: ProvisionRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {
        "citation": ref.citation,
        "kind": ref.kind,
        "num": ref.num,
        "heading": ref.heading,
        "eId": ref.eid,
        "GUID": ref.guid,
        "page": ref.place.page if ref.place else None,
        "line": ref.place.line if ref.place else None,
    }


def _place(p: Place | None) -> dict[str, int] | None:
    return {"page": p.page, "line": p.line} if p else None


def to_data(changes: Changes) -> dict[str, Any]:
    """The comparison as plain data (the JSON document)."""
    c = changes.counts()
    return {
        "format": "drafter-compare/1",
        "old": changes.old_name,
        "new": changes.new_name,
        "identical": changes.identical,
        "summary": {
            k: c[k]
            for k in ("inserted", "removed", "changed", "moved", "renumbered", "edits", "worded")
        },
        "changes": [
            {
                "kind": ch.kind,
                "context": ch.context,
                "old": _ref(ch.old),
                "new": _ref(ch.new),
                "moved": ch.moved,
                "renumbered": ch.renumbered,
                "text": ch.text,
                "edits": [
                    {
                        "type": e.type,
                        "old": e.old,
                        "new": e.new,
                        "old_place": _place(e.old_place),
                        "new_place": _place(e.new_place),
                    }
                    for e in ch.edits
                ],
            }
            for ch in changes.changes
        ],
        "notes": [
            {"kind": n.kind, "citation": n.citation, "old": n.old, "new": n.new}
            for n in changes.notes
        ],
        "layout_shifts": changes.layout_shifts,
    }


def render_json(changes: Changes) -> str:
    import json  # here, as html below: a text diff, the common case, needs neither

    return json.dumps(to_data(changes), ensure_ascii=False, indent=1) + "\n"


# --- HTML -------------------------------------------------------------------------------------

_CSS = """
body { font-family: "Book Antiqua", "Palatino Linotype", "TeX Gyre Pagella", "P052", Palatino,
  Georgia, "DejaVu Serif", serif; max-width: 70em; margin: 2em auto; }
h1 { font-size: 1.3em; } h2 { font-size: 1.1em; margin-top: 1.5em; border-bottom: 1px solid #ccc; }
.change { margin: .6em 0 .6em 1em; } .where { color: #666; font-size: .85em; }
del { background: #fdd; color: #900; } ins { background: #dfd; color: #060; text-decoration: none; }
table.sbs { width: 100%; border-collapse: collapse; } table.sbs td { vertical-align: top;
  width: 50%; padding: .3em .6em; border-top: 1px solid #eee; }
.flag { font-size: .8em; background: #eef; padding: 0 .3em; }
"""


def _e(text: str) -> str:
    import html

    return html.escape(text, quote=False)


def page_head(title: str, css: str) -> list[str]:
    """The start of a standalone HTML page of a comparison: its title, style and heading."""
    return [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_e(title)}</title><style>{css}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
    ]


def _inline(ch: Change, side: str = "both") -> str:
    if ch.kind == "inserted":
        return "" if side == "old" else f"<ins>{_e(ch.text)}</ins>"
    if ch.kind == "removed":
        return "" if side == "new" else f"<del>{_e(ch.text)}</del>"
    parts = []
    for op, text in ch.segments:
        lead = " " if text.startswith(" ") else ""
        if op == "=":
            parts.append(_e(text))
        elif op == "-" and side != "new":
            parts.append(f"{lead}<del>{_e(text.strip())}</del>")
        elif op == "+" and side == "new":
            parts.append(f"{lead}<ins>{_e(text.strip())}</ins>")
        elif op == "+" and side != "old":
            lead = "" if parts and parts[-1].endswith("</del>") else lead
            parts.append(f"{lead}<ins>{_e(text.strip())}</ins>")
    return "".join(parts)


def render_html(changes: Changes, side_by_side: bool = False) -> str:
    """A standalone HTML page of the comparison: inline tracked changes, or two columns. A
    page is sent to others: it names files without the folders they are in on this
    machine."""
    old_name, new_name = _without_folders(changes.old_name), _without_folders(changes.new_name)
    out = page_head(f"{old_name} → {new_name}", _CSS)
    out.append(f"<p>{_e(changes.summary())}</p>")
    current = None
    for ch in changes.changes:
        if ch.context != current:
            if side_by_side and current is not None:
                out.append("</table>")
            current = ch.context
            out.append(f"<h2>{_e(ch.context or '(outside the clauses)')}</h2>")
            if side_by_side:
                out.append(
                    f'<table class="sbs"><tr><th>{_e(old_name)}</th><th>{_e(new_name)}</th></tr>'
                )
        flags: list[str] = []
        if ch.kind != "changed":
            flags.append(ch.kind)
        if ch.moved:
            flags.append("moved")
        if ch.renumbered:
            flags.append("renumbered")
        flag_html = "".join(f' <span class="flag">{f}</span>' for f in flags)
        first = ch.edits[0] if ch.edits else None  # where the words change, as the text says
        old_where = _ref_where(ch.old, first.old_place if first else None)
        new_where = _ref_where(ch.new, first.new_place if first else None)
        if side_by_side:
            out.append(
                f'<tr><td><div class="where">{old_where}{flag_html}</div>{_inline(ch, "old")}'
                f'</td><td><div class="where">{new_where}</div>{_inline(ch, "new")}</td></tr>'
            )
        else:
            out.append(
                f'<div class="change"><div class="where">{old_where} → {new_where}{flag_html}'
                f"</div>{_inline(ch)}</div>"
            )
    if side_by_side and current is not None:
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _ref_where(ref: ProvisionRef | None, at: Place | None = None) -> str:
    """The provision's citation and where it is printed: at the first change in its words
    when there is one (``at``), else where it begins."""
    if ref is None:
        return "—"
    where = at or ref.place
    place = f", page {where.page}, line {where.line}" if where else ""
    return _e(f"{ref.citation}{place}")


def _without_folders(name: str) -> str:
    """A file's name alone, without its folders: ``HL Bill 101 (/home/a/bills/x.xml)`` is
    ``HL Bill 101 (x.xml)``."""
    return re.sub(r"[^\s()]*[/\\]", "", name)
