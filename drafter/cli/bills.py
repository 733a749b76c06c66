"""Commands on one bill: what it is, how it is printed, one provision, validity, layout."""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING

import click

from drafter.cli import check_output, cli, echo, echo_json, warn
from drafter.core.errors import UserError, about_file

if TYPE_CHECKING:
    from drafter.core.bill import Bill, Provision
    from drafter.core.print.lines import Line
    from drafter.core.print.printed import Print


def _margin(line: Line) -> str:
    return f"{line.page:>3}:{line.number:<3}"


@cli.command()
@click.argument("bill", type=click.Path())
def info(bill: str) -> None:
    """Title, number, house, stage and the size of a bill."""
    from drafter.core.bill import Bill

    b = Bill.load(bill)
    m = b.metadata
    pr = b.print
    rows = [
        ("Title", m.title),
        ("Bill number", m.bill_number),
        ("House", m.house),
        ("Stage", m.stage),
        ("Session", m.session),
        ("Parts", str(len(b.parts))),
        ("Sections" if m.sections else "Clauses", str(len(b.clauses))),
        ("Schedules", str(len(b.schedules))),
        ("Pages", str(pr.pages)),
        ("Lines", str(len(pr.lines))),
        (
            "Page/line from",
            {
                "markers": "the print's markers",
                "drafter": "drafter's own layout (markers drafter wrote, not the House's)",
                "pdf": "the House's PDF of the print (markers read from it by drafter)",
                "eol": "<eol/>/<eop/> markers",
                "layout": "drafter's own layout (the file has no markers)",
                "none": "nothing (no body)",
            }[pr.source],
        ),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        echo(f"{key:<{width}}  {value}")


@cli.command()
@click.argument("bill", type=click.Path())
@click.option("--page", type=int, help="Only this page.")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="A JSON list with an object per printed line: page, line, text, eId, and source "
    "(print: the House's markers; pdf: read from the House's PDF; drafter: drafter's layout).",
)
def lines(bill: str, page: int | None, as_json: bool) -> None:
    """The bill as printed: PAGE:LINE  text."""
    from drafter.core.bill import Bill
    from drafter.core.print.printed import PrintError

    b = Bill.load(bill)
    pr = b.print
    if page is not None:
        if not 1 <= page <= pr.pages:
            raise PrintError(
                f"{bill}: there is no page {page} (the print has pages 1 to {pr.pages})"
            )
        selected = pr.page_lines(page)
    else:
        selected = pr.lines
    if as_json:
        source = pr.numbered_by
        out = [
            {"page": ln.page, "line": ln.number, "text": ln.text, "eId": ln.eid, "source": source}
            for ln in selected
        ]
        echo_json(json.dumps(out, ensure_ascii=False, indent=1))
        return
    for ln in selected:
        echo(f"{_margin(ln)} {ln.text}")


@cli.command()
@click.argument("bill", type=click.Path())
@click.argument("citation", nargs=-1)
def show(bill: str, citation: tuple[str, ...]) -> None:
    """One provision as printed, with its page and line: drafter show BILL "Clause 5(2)".

    CITATION may be a page and line instead (6:8, "page 6, line 8", p6 l8): the provision
    that line is in is shown. Inside a bill repository BILL may be a version instead of a
    file (a commit, tag or print: drafter show "HL Bill 60" Clause 5). Without a citation,
    the whole bill is shown."""
    from drafter.core.bill import Bill, CitationError, page_and_line
    from drafter.core.print.printed import PrintError

    if os.path.lexists(bill):
        b = Bill.load(bill)
    else:  # a version of the bill repository here (git is imported only then)
        from drafter.core.store import load_bill_argument

        b = load_bill_argument(bill)
    if not citation:
        m = b.metadata
        echo(f"{b.path}: {' — '.join(x for x in (m.bill_number, m.stage) if x)}")
        for ln in b.print.lines:
            echo(f"{_margin(ln)} {ln.text}")
        return
    wanted = " ".join(citation)
    place = page_and_line(wanted)
    try:
        if place is None:
            _show_provision(b.find(wanted))
            return
        line = b.print.line(*place)
    except (CitationError, PrintError) as err:  # name the file once, whatever the message
        raise type(err)(about_file(b.path, str(err))) from None
    provision = _provision_at(b, line)
    if provision is None:  # a line outside every provision
        echo(f"page {line.page}, line {line.number}")
        echo(f"{_margin(line)} {line.text}")
        return
    _show_provision(provision)


def _show_provision(provision: Provision) -> None:
    printed = provision.lines()
    where = ""
    if printed:
        first, last = printed[0], printed[-1]
        where = f" — page {first.page}, line {first.number}"
        if (last.page, last.number) != (first.page, first.number):
            where += (
                f" to page {last.page}, line {last.number}"
                if last.page != first.page
                else f" to line {last.number}"
            )
    echo(f"{provision.citation}{where}  [{provision.eid}]")
    for ln in printed:
        echo(f"{_margin(ln)} {ln.text}")


def _provision_at(bill: Bill, line: Line) -> Provision | None:
    """The innermost provision a printed line is in, outside quotations (the words of a
    quoted structure belong to the provision that inserts them)."""
    from drafter.core.provisions import kind_of

    found = bill.by_eid(line.eid) if line.eid else None
    el = found.element if found is not None else None
    while el is not None and (
        kind_of(el) in (None, "quoted structure") or bill.provision(el).in_quotation
    ):
        el = el.getparent()
    return bill.provision(el) if el is not None and el is not bill.body else None


@cli.command()
@click.argument("bill", type=click.Path())
def validate(bill: str) -> None:
    """Check a bill against the Akoma Ntoso 3.0 schema and LawMaker's rules."""
    from drafter.core.bill import Bill
    from drafter.core.validate import is_valid, validate_bill

    b = Bill.load(bill)
    problems = validate_bill(b)
    for p in problems:
        echo(f"{bill}:{p}")
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if not is_valid(problems):
        echo(f"{bill}: not valid ({errors} error(s), {warnings} warning(s))", err=True)
        sys.exit(1)
    extra = f", {warnings} warning(s)" if warnings else ""
    echo(f"{bill}: valid (Akoma Ntoso 3.0 schema and LawMaker checks{extra})")


@cli.command()
@click.argument("bill", type=click.Path())
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    required=True,
    help="Where to write the bill with its new page/line markers.",
)
@click.option(
    "--from-pdf",
    "pdf",
    type=click.Path(exists=True, dir_okay=False),
    help="The House's PDF of this print: its lines, page and line numbers are taken.",
)
@click.option(
    "--like",
    "earlier",
    type=click.Path(dir_okay=False),
    help="An earlier print of the bill: its lines and pages are kept where the words are the same.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace the House's own markers, if it has them; with --like, take a print whose "
    "title is another bill's.",
)
def layout(bill: str, output: str, pdf: str | None, earlier: str | None, force: bool) -> None:
    """Write a bill with <?L page-line?> markers: where the House's PDF of the print breaks
    its lines (--from-pdf), else drafter's own layout, noted as such (--like: keeping an
    earlier print's lines and pages where its words are unchanged)."""
    from drafter.core.bill import Bill
    from drafter.core.files import write_atomic, xml_bytes
    from drafter.core.print.from_pdf import markers_from_pdf
    from drafter.core.print.markers import with_own_markers

    if pdf and earlier:
        raise click.UsageError(
            "--from-pdf takes the House's own lines from its PDF, and --like keeps an earlier "
            "print's: give one or the other"
        )
    reads = {bill: "the bill"}
    if pdf:
        reads[pdf] = "the PDF"
    if earlier:
        reads[earlier] = "the earlier print"
    check_output(output, reads, replaces=bill)  # before the work, not after it
    b = Bill.load(bill)
    if b.print.numbered_by in ("print", "pdf") and not force:  # the House's numbers
        instead = "the PDF's" if pdf else "drafter's estimate"
        raise UserError(
            f"{bill} carries the House's own page and line markers ({len(b.print.lines)} "
            f"lines): this would replace them with {instead}; give --force to do so all the "
            "same"
        )
    before = _earlier_print(bill, b, earlier, force) if earlier else None
    new = (
        markers_from_pdf(b.tree, pdf, b.metadata.bill_number)[0]
        if pdf
        else with_own_markers(b.tree, before)
    )
    write_atomic(output, xml_bytes(new))
    printed = Bill(new, output).print
    echo(f"{output}: {printed.pages} pages, {len(printed.lines)} lines")
    if before is not None:
        from drafter.core.print.earlier import carried

        echo(f"page and line: {carried(before.lines, printed.lines).describe()}")
        echo(f"page depth and spacing: {before.own_page.note}")


def _earlier_print(path: str, bill: Bill, earlier: str, force: bool) -> Print:
    """The print that ``layout --like`` keeps lines of: an earlier print of the same bill
    (aligning two different bills' words takes minutes, and keeps nothing), for a bill that
    drafter lays out (one read from its <eol/> marks keeps those)."""
    from drafter.core.bill import Bill, same_name

    if bill.print.source == "eol":
        raise UserError(
            f"{path}: its lines are its own <eol/> marks; --like lays out a bill without"
        )
    before = Bill.load(earlier)
    a, b = bill.metadata.title, before.metadata.title
    if a and b and not same_name(a, b) and not force:
        raise UserError(
            f"{earlier} is the {b}, not the {a}: --like takes an earlier print of the same "
            "bill; give --force to use it all the same"
        )
    if before.print.numbered_by == "drafter":
        warn(
            f"{earlier} has no page and line markers of the House's: the lines kept are "
            "drafter's own layout of it"
        )
    return before.print
