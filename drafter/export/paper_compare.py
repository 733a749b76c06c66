"""What changed between two versions of an amendment paper, written out: as text for the
terminal (word changes as git's --word-diff marks them), as JSON, and as an HTML page.
The comparison itself is :mod:`drafter.core.compare.papers`."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from drafter.core.compare.papers import PaperChanges, Segments, Shift, marked, spaced
from drafter.core.paper import long_date
from drafter.export.compare import page_head

if TYPE_CHECKING:
    from drafter.core.paper import Paper

#: paints a piece of text by its role ("del", "ins", "heading", "meta"); the identity by default
Style = Callable[[str, str], str]


def _plain(_role: str, text: str) -> str:
    return text


def _one_line(about: str) -> str:
    """An amendment's proposer and words, clipped to a terminal's line."""
    return about if len(about) <= 90 else about[:89].rstrip() + "…"


def _star(star: str) -> str:
    return star or "no star"


def _clipped(words: str, context: int | None, before: bool, after: bool) -> str:
    """Unchanged words with ``context`` words kept next to the changes ``before`` and
    ``after`` them, the rest elided ("…"); all of them when ``context`` is None."""
    parts = words.split(" ")
    if context is None or len(parts) <= 2 * context + 1:
        return words
    head = parts[:context] if before else []
    tail = parts[len(parts) - context :] if after and context else []
    return " ".join([*head, "…", *tail])


def _painted(segments: Segments, style: Style, context: int | None = None) -> str:
    shown = []
    pieces = spaced(segments)
    for i, (kind, space, words) in enumerate(pieces):
        if kind == "=":
            words = _clipped(words, context, before=i > 0, after=i < len(pieces) - 1)
            shown.append(space + words)
        elif kind == "-":
            shown.append(space + style("del", f"[-{words}-]"))
        else:
            shown.append(space + style("ins", f"{{+{words}+}}"))
    return "".join(shown)


def render_text(
    changes: PaperChanges,
    old_name: str,
    new_name: str,
    style: Style | None = None,
    context: int | None = None,
) -> str:
    """The comparison as the terminal shows it: the counts, then each kind of change (with
    ``context`` unchanged words either side of a change of wording, else all of them)."""
    paint = style or _plain
    out = [paint("heading", f"{old_name} → {new_name}: {changes.summary()}")]
    out += [paint("meta", f"warning: {w}") for w in changes.warnings]
    out += [paint("meta", f"could not read amendment {n}: {why}") for n, why in changes.unread]
    for title, numbers, role in (
        ("Added", changes.added, "ins"),
        ("Removed (withdrawn, or no longer on the list)", changes.removed, "del"),
    ):
        if numbers:
            out += ["", paint("heading", title)]
            out += [
                f"  Amendment {paint(role, n)}  {_one_line(changes.about.get(n, ''))}".rstrip()
                for n in numbers
            ]
    if changes.names:
        out += ["", paint("heading", "Names")]
        for n in changes.names:
            said = [paint("ins", f"added {'; '.join(n.added)}")] if n.added else []
            said += [paint("del", f"removed {'; '.join(n.removed)}")] if n.removed else []
            if n.proposer:
                said.append(f"proposer {n.proposer[0]} → {n.proposer[1]}")
            out.append(f"  Amendment {n.number}: " + "; ".join(said))
    for title, shifts, shown in (
        ("Stars", changes.stars, _star),
        ("Status", changes.status, str),
    ):
        if shifts:
            out += ["", paint("heading", title)]
            out += [f"  Amendment {s.number}: {shown(s.old)} → {shown(s.new)}" for s in shifts]
    for title, reworded, which in (
        ("Wording", changes.reworded, "diff"),
        ("Explanatory statements", changes.restated, "statement"),
    ):
        if reworded:
            out += ["", paint("heading", title)]
            out += [
                f"  Amendment {r.number}: {_painted(getattr(r, which), paint, context)}"
                for r in reworded
            ]
    return "\n".join(out) + "\n"


def _shift(s: Shift) -> dict[str, str]:
    return {"number": s.number, "old": s.old, "new": s.new}


def to_data(changes: PaperChanges) -> dict[str, Any]:
    """The comparison as data: the keys the JSON format has."""
    return {
        "added": list(changes.added),
        "removed": list(changes.removed),
        "names": [
            {"number": n.number, "added": list(n.added), "removed": list(n.removed)}
            | ({"proposer": {"old": n.proposer[0], "new": n.proposer[1]}} if n.proposer else {})
            for n in changes.names
        ],
        "stars": [_shift(s) for s in changes.stars],
        "status": [_shift(s) for s in changes.status],
        "changed": [
            {"number": r.number, "diff": marked(r.diff)}
            | ({"statement": marked(r.statement)} if r.statement else {})
            for r in changes.changed
        ],
        "about": changes.about,
        "warnings": list(changes.warnings),
        "unread": [{"number": n, "problem": why} for n, why in changes.unread],
    }


def render_json(changes: PaperChanges) -> str:
    return json.dumps(to_data(changes), ensure_ascii=False, indent=1) + "\n"


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _html_diff(segments: Segments) -> str:
    tags = {"=": "{}", "-": "<del>{}</del>", "+": "<ins>{}</ins>"}
    return "".join(space + tags[kind].format(_e(words)) for kind, space, words in spaced(segments))


_CSS = """
body { font-family: "Open Sans", sans-serif; max-width: 60em; margin: 2em auto; }
del { color: #a00; } ins { color: #060; text-decoration: underline; }
h2 { font-size: 1.1em; border-bottom: 1px solid #ccc; } .warning { color: #a60; }
td { vertical-align: top; padding: .2em .8em .2em 0; }
"""


def paper_title(old: Paper, new: Paper) -> str:
    """What a document of the comparison is headed: the bill and stage, as the new paper
    says them, and the days of the two ("Data Protection … Bill, Report Stage: 21 July 2023
    → 25 August 2023"); "" when the paper does not name its bill."""
    info = new.info
    if not info.title:
        return ""
    title = f"{info.title}, {info.stage}" if info.stage else info.title
    if old.info.date and info.date and old.info.date != info.date:
        title += (
            f": {long_date(old.info.date, weekday=False)} → {long_date(info.date, weekday=False)}"
        )
    return title


def render_html(changes: PaperChanges, old_name: str, new_name: str, title: str = "") -> str:
    """A standalone HTML page of the comparison (names of files without their folders),
    headed ``title`` (:func:`paper_title`) when there is one."""
    out = page_head(title or f"{old_name} → {new_name}", _CSS)
    if title:
        out.append(f"<p>{_e(old_name)} → {_e(new_name)}</p>")
    out.append(f"<p>{_e(changes.summary())}</p>")
    out += [f'<p class="warning">{_e(w)}</p>' for w in changes.warnings]
    out += [
        f'<p class="warning">could not read amendment {_e(n)}: {_e(why)}</p>'
        for n, why in changes.unread
    ]
    for heading, numbers in (
        ("Added", changes.added),
        ("Removed (withdrawn, or no longer on the list)", changes.removed),
    ):
        if numbers:
            out.append(f"<h2>{heading}</h2><table>")
            out += [
                f"<tr><td>Amendment {_e(n)}</td><td>{_e(changes.about.get(n, ''))}</td></tr>"
                for n in numbers
            ]
            out.append("</table>")
    if changes.names:
        out.append("<h2>Names</h2><table>")
        for n in changes.names:
            # said in words too: a copy printed in black and white loses the colours
            added = "".join(f"added <ins>{_e(name)}</ins><br>" for name in n.added)
            removed = "".join(f"removed <del>{_e(name)}</del><br>" for name in n.removed)
            lead = f"proposer: {_e(n.proposer[0])} → {_e(n.proposer[1])}" if n.proposer else ""
            out.append(f"<tr><td>Amendment {_e(n.number)}</td><td>{added}{removed}{lead}</td></tr>")
        out.append("</table>")
    for heading, shifts, shown in (
        ("Stars", changes.stars, _star),
        ("Status", changes.status, str),
    ):
        if shifts:
            out.append(f"<h2>{heading}</h2><table>")
            out += [
                f"<tr><td>Amendment {_e(s.number)}</td><td>{_e(shown(s.old))} → "
                f"{_e(shown(s.new))}</td></tr>"
                for s in shifts
            ]
            out.append("</table>")
    if changes.changed:
        words = any(r.diff for r in changes.changed)
        statements = any(r.statement for r in changes.changed)
        kinds = ["Wording"] * words + ["Explanatory statements"] * statements
        out.append(f"<h2>{' and '.join(kinds).capitalize()}</h2>")
        for r in changes.changed:
            out.append(f"<h3>Amendment {_e(r.number)}</h3>")
            if r.diff:
                out.append(f"<p>{_html_diff(r.diff)}</p>")
            if r.statement:
                out.append(f"<p><i>Explanatory statement:</i> {_html_diff(r.statement)}</p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


__all__ = ["paper_title", "render_html", "render_json", "render_text", "to_data"]
