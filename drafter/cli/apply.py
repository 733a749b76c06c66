"""``drafter apply``: the bill as amended by a paper's amendments, and what became of each."""

from __future__ import annotations

import dataclasses
import sys
from importlib.util import find_spec
from typing import TYPE_CHECKING, Any

import click

from drafter.cli import (
    check_output,
    check_paper_is_for,
    cli,
    echo,
    echo_json,
    numbers,
    warn,
    warn_readings,
)
from drafter.core.errors import UserError, about_file

if TYPE_CHECKING:
    from drafter.core.bill import Bill

#: ``--renumber`` is offered once :mod:`drafter.core.reprint` exists.
HAS_REPRINT = find_spec("drafter.core.reprint") is not None


def _apply_command(func: Any) -> Any:
    func = click.option(
        "--report",
        "report_format",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help="How the report is printed.",
    )(func)
    func = click.option(
        "-o", "--output", type=click.Path(), help="Write the amended bill here (atomically)."
    )(func)
    if HAS_REPRINT:
        func = click.option(
            "--print",
            "version",
            default="As amended",
            show_default=True,
            help='With --renumber: which print the reprint is ("As amended in Grand Committee").',
        )(func)
        func = click.option(
            "--as",
            "bill_number",
            default="",
            help='With --renumber: the bill number the House gave the reprint ("HL Bill 120"); '
            "without it the reprint has none (the old print's would be wrong).",
        )(func)
        func = click.option(
            "--renumber",
            is_flag=True,
            help="Reprint: number new clauses, renumber the rest and lay the bill out afresh.",
        )(func)
    func = click.option("--only", help="Apply only these amendments, by number: --only 1,3,NC2.")(
        func
    )
    func = click.option(
        "--force",
        is_flag=True,
        help="Apply a paper that says it is for another bill or print (its page and line "
        "references are to that print).",
    )(func)
    return func


@cli.command("apply")
@click.argument("bill", type=click.Path())
@click.argument("paper", type=click.Path())
@_apply_command
def apply_command(
    bill: str,
    paper: str,
    only: str | None,
    output: str | None,
    report_format: str,
    force: bool,
    renumber: bool = False,
    bill_number: str = "",
    version: str = "As amended",
) -> None:
    """Apply the amendments on PAPER (LawMaker XML or a text paper) to BILL: print the
    report, write the amended bill with -o; exit 1 if any selected amendment could not be
    applied."""
    from drafter.core.apply import apply
    from drafter.core.bill import Bill
    from drafter.core.files import write_atomic, xml_bytes
    from drafter.core.paper import load_paper

    if (bill_number or version != "As amended") and not renumber:
        raise click.UsageError("--as and --print name a reprint: give --renumber too")
    if output:  # before the work, not after it
        check_output(output, {bill: "the bill", paper: "the amendment paper"}, replaces=bill)
    loaded = load_paper(paper)
    printed = Bill.load(bill)
    if bill_number:
        _check_reprint_number(bill_number, printed)
    check_paper_is_for(paper, loaded, printed, force=force)
    for problem in loaded.problems:  # why its words could not be read, before the report
        echo(about_file(paper, problem), err=True)
    warn_readings(paper, loaded)
    selected = numbers(only)
    amended, report = apply(
        printed, loaded.amendments, selected, lay_out=False if renumber else None
    )
    if renumber:
        from drafter.core.reprint import name_print, reprinted

        tree, renumbering = reprinted(amended.tree, keep_deletions=True, earlier=printed.print)
        for reference in renumbering.problems:  # words the drafter must put right by hand
            warn(f"in the reprint, {reference}")
        name_print(tree, bill_number, version)
        amended = Bill(tree, bill)
        problems = tuple(str(reference) for reference in renumbering.problems)
        report = dataclasses.replace(
            report, renumbered=True, laid_out=True, reprint_problems=problems
        )
    if output:
        write_atomic(output, xml_bytes(amended.tree))
    if report_format == "json":
        echo_json(report.json())
    else:
        echo(report.text())
        if report.laid_out:  # how far the new page and line numbers are the old ones
            from drafter.core.print.earlier import carried

            echo(f"page and line: {carried(printed.lines, amended.lines).describe()}")
            echo(f"page depth and spacing: {printed.print.own_page.note}")
    if not output:  # the report reads as if the bill were written: say that it is not
        echo("the bill as amended was not written: give -o FILE to write it", err=True)
    if not report.ok:
        sys.exit(1)


def _check_reprint_number(number: str, printed: Bill) -> None:
    """The number given to a reprint (--as): not the print's own, which the reprint would
    then share with the print it replaces; and a warning for one that does not read as the
    Houses number bills ("HL Bill 120", "Bill 286")."""
    from drafter.core.bill import reads_as_bill_number

    own = printed.metadata.bill_number
    if own and " ".join(number.split()).casefold() == " ".join(own.split()).casefold():
        raise UserError(
            f"--as “{number}” is the number of the print amended: the reprint needs the "
            "number the House gives it (or leave --as out until it has one)"
        )
    if not reads_as_bill_number(number):
        warn(
            f"--as “{number}” does not read as a bill number (“HL Bill 120” in the Lords, "
            "“Bill 286” in the Commons): the reprint is numbered so all the same"
        )
