"""The drafter command line: the only entry point. Every command calls the core; errors a user
can cause are printed as one line naming the file and place, with a non-zero exit."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from drafter.core.bill import Bill, CitationError
from drafter.core.layout import Line, PrintError
from drafter.core.paper import PaperError
from drafter.core.wording import WordingError
from drafter.core.xml import XMLInputError

F = TypeVar("F", bound=Callable[..., Any])


def _user_errors(func: F) -> F:
    """Turn the errors a user can cause into one clear line and exit status 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except XMLInputError as err:
            click.echo(f"drafter: {err}", err=True)
            sys.exit(2)
        except (CitationError, PrintError, PaperError, WordingError) as err:
            click.echo(f"drafter: {err}", err=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


@click.group(invoke_without_command=True)
@click.version_option(package_name="drafter")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Draft, check and apply amendments to UK parliamentary bills."""
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


def _margin(line: Line) -> str:
    return f"{line.page:>3}:{line.number:<3}"


@cli.command()
@click.argument("bill", type=click.Path())
@_user_errors
def info(bill: str) -> None:
    """Title, number, house, stage and the size of a bill."""
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
        ("Clauses", str(len(b.clauses))),
        ("Schedules", str(len(b.schedules))),
        ("Pages", str(pr.pages)),
        ("Lines", str(len(pr.lines))),
        (
            "Page/line from",
            {
                "markers": "the print's markers",
                "eol": "<eol/>/<eop/> markers",
                "layout": "drafter's own layout (the file has no markers)",
                "none": "nothing (no body)",
            }[pr.source],
        ),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        click.echo(f"{key:<{width}}  {value}")


@cli.command()
@click.argument("bill", type=click.Path())
@click.option("--page", type=int, help="Only this page.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per printed line.")
@_user_errors
def lines(bill: str, page: int | None, as_json: bool) -> None:
    """The bill as printed: PAGE:LINE  text."""
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
        out = [
            {"page": ln.page, "line": ln.number, "text": ln.text, "eId": ln.eid} for ln in selected
        ]
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    for ln in selected:
        click.echo(f"{_margin(ln)} {ln.text}")


@cli.command()
@click.argument("bill", type=click.Path())
@click.argument("citation", nargs=-1, required=True)
@_user_errors
def show(bill: str, citation: tuple[str, ...]) -> None:
    """One provision as printed, with its page and line: drafter show BILL "Clause 5(2)"."""
    b = Bill.load(bill)
    wanted = " ".join(citation)
    try:
        provision = b.find(wanted)
    except CitationError as err:
        raise CitationError(f"{bill}: {err}") from None
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
    click.echo(f"{provision.citation}{where}  [{provision.eid}]")
    for ln in printed:
        click.echo(f"{_margin(ln)} {ln.text}")


@cli.command()
@click.argument("bill", type=click.Path())
@_user_errors
def validate(bill: str) -> None:
    """Check a bill against the Akoma Ntoso 3.0 schema and LawMaker's rules."""
    from drafter.core.validate import is_valid, validate_bill

    b = Bill.load(bill)
    problems = validate_bill(b)
    for p in problems:
        click.echo(f"{bill}:{p}")
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if not is_valid(problems):
        click.echo(f"{bill}: not valid ({errors} error(s), {warnings} warning(s))", err=True)
        sys.exit(1)
    extra = f", {warnings} warning(s)" if warnings else ""
    click.echo(f"{bill}: valid (Akoma Ntoso 3.0 schema and LawMaker checks{extra})")


@cli.command()
@click.argument("bill", type=click.Path())
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    required=True,
    help="Where to write the bill with its new page/line markers.",
)
@_user_errors
def layout(bill: str, output: str) -> None:
    """Lay a bill out afresh and write it with <?L page-line?> markers."""
    from drafter.core.files import write_atomic, xml_bytes
    from drafter.core.layout import laid_out

    b = Bill.load(bill)
    new = laid_out(b.tree)
    write_atomic(output, xml_bytes(new))
    printed = Bill(new, output).print
    click.echo(f"{output}: {printed.pages} pages, {len(printed.lines)} lines")


@cli.command("parse")
@click.argument("wording", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object: number, type, place.")
@click.option("--number", default="", help="The amendment's number, for messages and JSON.")
def parse_wording(wording: tuple[str, ...], as_json: bool, number: str) -> None:
    """Read an amendment's wording: its canonical form and what it does."""
    from drafter.core.wording import WordingError, describe, parse_amendment, render, summary

    try:
        amendment = parse_amendment(" ".join(wording), number)
    except WordingError as err:
        click.echo(f"drafter: {err}", err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps(summary(amendment), ensure_ascii=False, indent=1))
        return
    click.echo(render(amendment))
    click.echo(f"amendment {number}: {describe(amendment)}" if number else describe(amendment))


@cli.command()
@click.argument("paper", type=click.Path())
@click.option("--bill", type=click.Path(), help="Check each amendment against this print.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per amendment.")
@_user_errors
def amendments(paper: str, bill: str | None, as_json: bool) -> None:
    """List the amendments on a paper (LawMaker XML or a text paper); with --bill, check each
    against the print and exit 1 if any does not fit."""
    from drafter.core.paper import load_paper
    from drafter.core.resolve import AmendmentError, resolve
    from drafter.core.wording import summary

    loaded = load_paper(paper)
    printed = Bill.load(bill) if bill else None
    rows = []
    for amendment in loaded.amendments:
        row: dict[str, object] = dict(summary(amendment))
        if printed is not None:
            try:
                resolved = resolve(printed, amendment)
            except AmendmentError as err:
                row["check"] = str(err)
            else:
                row["check"] = "ok"
                if row.get("clause", "") is None:  # Lords style: the bill says which clause
                    row["clause"] = _clause_of(printed, resolved[0].eid)
        rows.append(row)
    failures = sum(1 for r in rows if r.get("check", "ok") != "ok")
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for problem in loaded.problems:
            click.echo(f"{paper}: {problem}", err=True)
        for r in rows:
            verdict = f"  [{r['check']}]" if "check" in r else ""
            wording = str(r["wording"] or r["type"])
            if len(wording) > 110:
                wording = wording[:109] + "…"
            click.echo(f"{r['number']:>6}  {wording}{verdict}")
        if printed is not None:
            fits = len(rows) - failures
            click.echo(
                f"{fits} of {len(rows)} amendments fit {printed.metadata.bill_number or bill}",
                err=True,
            )
    if failures or loaded.problems:
        sys.exit(1)


def _clause_of(bill: Bill, eid: str) -> str | None:
    top = bill.by_eid(eid.split("__")[0]) if eid else None
    return top.number if top is not None and top.kind == "clause" else None


def main() -> None:
    cli(prog_name="drafter")


if __name__ == "__main__":
    main()
