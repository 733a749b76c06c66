"""drafter diff OLD NEW: what changed between two prints, or the amendments that make it."""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING

import click

from drafter.cli import bills_to_compare, check_same_bill, cli, echo
from drafter.core.terminal import safe, safe_html, safe_json

if TYPE_CHECKING:
    from drafter.core.bill import Bill

_COLOURS = {
    "del": {"fg": "red", "strikethrough": True},
    "ins": {"fg": "green", "underline": True},
    "heading": {"bold": True},
    "place": {"fg": "cyan"},
    "meta": {"dim": True},
}


def _colour(role: str, text: str) -> str:
    return click.style(text, **_COLOURS.get(role, {}))  # type: ignore[arg-type]


# A painted piece while the text is made safe: NUL can be in neither a file name nor XML.
_PAINTED = re.compile("\x00([a-z]+)\x00([^\x00]*)\x00")


def _mark(role: str, text: str) -> str:
    return f"\x00{role}\x00{text}\x00"


def _safe_colours(marked: str) -> str:
    """Text rendered with :func:`_mark` made safe, then coloured: the bills' words cannot
    command the terminal, and drafter's own colours still can."""
    out, at = [], 0
    for m in _PAINTED.finditer(marked):
        out.append(safe(marked[at : m.start()]))
        out.append(_colour(m[1], safe(m[2])))
        at = m.end()
    out.append(safe(marked[at:]))
    return "".join(out)


def diff_output(
    old: Bill,
    new: Bill,
    *,
    fmt: str = "text",
    context: int = 5,
    amendments: bool = False,
    colour: bool = False,
    side_by_side: bool = False,
) -> tuple[str, int]:
    """What ``drafter diff`` prints for two bills, and its exit status (0 identical in text,
    1 different). For front ends that have their two versions already (a git store's
    revisions)."""
    from drafter.core.compare import compare

    changes = compare(old, new)
    status = 0 if changes.identical else 1
    if amendments:
        from drafter.core.paper import Paper, PaperInfo, entry_from_amendment, write_paper_text
        from drafter.core.redraft import draft_amendments

        drafted, problems = draft_amendments(old, new)
        for problem in problems:  # the paper still goes to stdout, whole
            echo(f"warning: {problem}", err=True)
        m = old.metadata
        info = PaperInfo(title=m.title, bill_number=m.bill_number, version=m.stage, house=m.house)
        paper = Paper(info=info, entries=tuple(entry_from_amendment(a) for a in drafted))
        return safe(write_paper_text(paper)), status
    from drafter.export import compare as export

    if fmt == "json":
        return safe_json(export.render_json(changes)), status
    if fmt == "html":
        return safe_html(export.render_html(changes, side_by_side=side_by_side)), status
    if colour:
        return _safe_colours(export.render_text(changes, context, _mark)), status
    return safe(export.render_text(changes, context)), status


@cli.command()
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="How to show the changes.",
)
@click.option(
    "--context",
    type=click.IntRange(min=0),
    default=5,
    show_default=True,
    help="Unchanged words shown either side of each change (text format).",
)
@click.option(
    "--amendments",
    is_flag=True,
    help="Print the amendment paper (plain text) that turns OLD into NEW, citing OLD.",
)
@click.option("--side-by-side", is_flag=True, help="HTML: old and new in two columns.")
@click.option(
    "--color/--no-color",
    "colour",
    default=None,
    help="Colour the text format (default: when writing to a terminal, unless NO_COLOR is set).",
)
def diff(
    old: str,
    new: str,
    fmt: str,
    context: int,
    amendments: bool,
    side_by_side: bool,
    colour: bool | None,
) -> None:
    """Word-level changes between two prints of a bill, by provision, with page and line in
    both; or, given two versions of an amendment paper, what changed on it: amendments added
    and withdrawn, names, stars, status and wording. Exit status 0 when they say the same,
    1 when they differ, 2 on bad input."""
    if side_by_side and (fmt != "html" or amendments):
        raise click.UsageError("--side-by-side is for --format html")
    from drafter.core.file_kind import file_kind

    kinds = {name: file_kind(name) for name in (old, new)}
    if "paper" in kinds.values():
        bill = next((name for name, kind in kinds.items() if kind == "xml"), None)
        if bill is not None:  # a bill and a paper: say so, not "not a bill"
            raise click.UsageError(
                f"{bill} is a bill and the other a paper: drafter diff compares two bills "
                "or two papers"
            )
        given = [
            name
            for name, on in (("--amendments", amendments), ("--side-by-side", side_by_side))
            if on
        ]
        if given:
            raise click.UsageError(
                f"{' and '.join(given)}: for two bills; two papers are compared amendment by "
                "amendment"
            )
        _diff_papers(old, new, fmt, colour, context)  # reading each says what is wrong
        return
    a, b = bills_to_compare(old, new)
    check_same_bill(old, a, new, b)
    if colour is None:  # a terminal, unless NO_COLOR is set (no-color.org)
        colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    out, status = diff_output(
        a,
        b,
        fmt=fmt,
        context=context,
        amendments=amendments,
        colour=colour,
        side_by_side=side_by_side,
    )
    click.echo(out, nl=False, color=colour)  # click drops colour in a pipe unless told
    sys.exit(status)


def _diff_papers(old: str, new: str, fmt: str, colour: bool | None, context: int) -> None:
    """``drafter diff`` of two versions of an amendment paper (text or LawMaker XML)."""
    from drafter.core.compare.papers import compare_papers
    from drafter.core.paper import load_papers
    from drafter.export import paper_compare as export

    old_name, new_name = os.path.basename(old), os.path.basename(new)
    papers = load_papers(old, new)
    changes = compare_papers(*papers, old_name, new_name)
    if fmt != "text":  # the text says them itself, at its head
        for warning in changes.warnings:
            echo(f"warning: {warning}", err=True)
        for number, why in changes.unread:
            echo(f"warning: could not read amendment {number}: {why}", err=True)
    if colour is None:
        colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    if fmt == "json":
        out = safe_json(export.render_json(changes))
    elif fmt == "html":
        out = safe_html(
            export.render_html(changes, old_name, new_name, export.paper_title(*papers))
        )
    elif colour:
        out = _safe_colours(export.render_text(changes, old_name, new_name, _mark, context))
    else:
        out = safe(export.render_text(changes, old_name, new_name, context=context))
    click.echo(out, nl=False, color=colour)
    sys.exit(0 if changes.identical else 1)
