"""``drafter export``: documents anyone can open (PDF, Word, HTML, Akoma Ntoso)."""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable

import click

from drafter.cli import F, check_paper_is_for, cli, echo, numbers, warn
from drafter.core.errors import UserError, about_file

_TEMPLATES = click.option(
    "--templates",
    type=click.Path(file_okay=False),
    help="A templates folder of your own (copy drafter's templates/ and change it).",
)


def _out(formats: str) -> Callable[[F], F]:
    return click.option(
        "-o",
        "--output",
        required=True,
        type=click.Path(),
        help=f"The file to write: its extension says the format ({formats}).",
    )


@cli.group("export")
def export_group() -> None:
    """Write a paper, a bill (as amended) or a comparison as PDF, Word, HTML or XML."""


@export_group.command("paper")
@click.argument("paper", type=click.Path())
@click.option(
    "--bill", type=click.Path(), help="The bill the paper is for (Lords: clause headings)."
)
@_out(".pdf, .docx, .html, .xml")
@_TEMPLATES
def export_paper_command(paper: str, bill: str | None, output: str, templates: str | None) -> None:
    """An amendment paper or marshalled list as the House prints it: the heading, each
    amendment with its number, names, instruction, inserted text and explanatory statement."""
    from drafter.core.bill import Bill
    from drafter.core.paper import load_paper, place_not_in
    from drafter.core.phrases import counted, named
    from drafter.export.documents import export_paper, format_of

    format_of("paper", output, [paper, *([bill] if bill else [])], templates)  # before the work
    loaded = load_paper(paper)
    printed = Bill.load(bill) if bill else None
    doc = export_paper(loaded, output, bill=printed, source=paper, templates=templates)
    for problem in loaded.problems:
        warn(about_file(paper, problem) + " (printed as it stands)")
    for entry in loaded.entries:  # with the bill: what a clerk would send back
        if printed is not None and (why := place_not_in(printed, entry.amendment)):
            warn(f"{paper}: amendment {entry.number}: {why}")
    if doc is not None and doc.unplaced:
        one = len(doc.unplaced) == 1
        which = ("the clause of", "is") if one else ("the clauses of", "are")
        where = f"not found in {bill}" if bill else "not known: give --bill to look them up"
        warn(
            f"{paper}: printed without clause headings: {which[0]} {named(doc.unplaced)} "
            f"{which[1]} {where}"
        )
    echo(f"wrote {output}: {counted(len(loaded.entries), 'amendment')}")


@export_group.command("bill")
@click.argument("bill", type=click.Path())
@click.argument("paper", type=click.Path(), required=False)
@click.option("--only", help="Only these amendments, by number: --only 1,3,NC2.")
@click.option(
    "--force",
    is_flag=True,
    help="Apply a paper that says it is for another bill or print (its page and line "
    "references are to that print).",
)
@_out(".pdf, .docx, .html, .xml")
@_TEMPLATES
def export_bill_command(
    bill: str,
    paper: str | None,
    only: str | None,
    force: bool,
    output: str,
    templates: str | None,
) -> None:
    """A bill as printed, page and line in the margin; with PAPER, the bill as it would read if
    the paper's amendments were agreed, each change marked and noted with its amendment."""
    from drafter.core.apply import ApplyError
    from drafter.core.bill import Bill
    from drafter.core.paper import load_paper
    from drafter.core.phrases import counted
    from drafter.export.documents import export_bill, format_of

    format_of("bill", output, [bill, *([paper] if paper else [])], templates)
    if only is not None and not paper:
        raise UserError("--only picks a paper's amendments: name the PAPER after the BILL")
    if force and not paper:
        raise UserError("--force applies a paper meant for another print: name the PAPER")
    selected = numbers(only)
    loaded = load_paper(paper) if paper else None
    printed = Bill.load(bill)
    if paper and loaded is not None:  # refused, or with --force a warning, before the work
        check_paper_is_for(paper, loaded, printed, force=force)
    try:
        report = export_bill(
            printed,
            output,
            paper=loaded,
            only=selected,
            source=paper or "",
            templates=templates,
            force=force,
        )
    except ApplyError as err:
        raise ApplyError(f"{paper}: {err}") from None
    if report is None:
        echo(f"wrote {output}")
        return
    for outcome in report.outcomes:
        if not outcome.applied:
            warn(f"amendment {outcome.number} not applied ({outcome.verdict}): {outcome.reason}")
    echo(
        f"wrote {output}: {len(report.applied)} of {counted(len(report.outcomes), 'amendment')} "
        "applied"
    )


@export_group.command("compare")
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@click.option("--changes-only", is_flag=True, help="Only the list of changes, not the whole print.")
@_out(".pdf, .docx, .html")
@_TEMPLATES
def export_compare_command(
    old: str, new: str, changes_only: bool, output: str, templates: str | None
) -> None:
    """NEW whole, with what changed since OLD marked: words put in and taken out, provisions
    inserted, removed and moved, each with its page and line in both prints. OLD and NEW are
    files, or versions of the bill repository you are in (a tag, "HL Bill 60", a commit).
    Given two versions of an amendment paper: what changed on it (Word: each change a
    revision, a name's by that member)."""
    from drafter.cli import bills_to_compare, check_same_bill
    from drafter.core.file_kind import file_kind
    from drafter.export.documents import export_compare, format_of

    format_of("compare", output, [f for f in (old, new) if os.path.lexists(f)], templates)
    if file_kind(old) == file_kind(new) == "paper":
        if changes_only:
            raise UserError(
                "--changes-only: for two bills; a comparison of two papers lists only what changed"
            )
        _export_paper_compare(old, new, output)
        return
    a, b = bills_to_compare(old, new)
    author, date = _made_by(new)
    check_same_bill(old, a, new, b)
    changes = export_compare(
        a, b, output, changes_only=changes_only, author=author, date=date, templates=templates
    )
    echo(f"wrote {output}: {changes.summary()}")


def _export_paper_compare(old: str, new: str, output: str) -> None:
    """Two versions of an amendment paper: what changed on it, as HTML, PDF or Word."""
    from drafter.core.paper import load_papers
    from drafter.export.documents import export_paper_compare

    names = (os.path.basename(old), os.path.basename(new))
    changes = export_paper_compare(*load_papers(old, new), output, names)
    for warning in changes.warnings:
        warn(warning)
    echo(f"wrote {output}: {changes.summary()}")


def _made_by(arg: str) -> tuple[str, str]:
    """Who made a bill named on the command line, and when: a file's day last changed (no
    author), or a version's commit author and date in the bill repository."""
    if os.path.lexists(arg):
        return "", datetime.date.fromtimestamp(os.path.getmtime(arg)).isoformat()
    from drafter.core.store import find_repo  # imports git: only here

    store = find_repo()
    if store is None:
        return "", ""
    version = store.version(arg)
    return version.author, version.date
