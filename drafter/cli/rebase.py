"""``drafter rebase``: a paper carried onto a new print of its bill, and what became of each
amendment (:mod:`drafter.core.rebase`)."""

from __future__ import annotations

import json
import sys
from collections import Counter

import click

from drafter.cli import check_paper_is_for, cli, echo, echo_json, warn_readings
from drafter.core.bill import Bill
from drafter.core.errors import about_file

#: what each verdict is called in the report: for one amendment, and in the count of several
_SAID = {
    "unchanged": ("unchanged", "unchanged"),
    "re-cited": ("re-cited", "re-cited"),
    "needs-redrafting": ("needs redrafting", "need redrafting"),
    "provision-gone": ("provision gone", "provision gone"),
    "already-made": ("already made", "already made"),
}


@cli.command("rebase")
@click.argument("paper", type=click.Path())
@click.option("--from", "old", required=True, type=click.Path(), help="The print PAPER cites.")
@click.option("--to", "new", required=True, type=click.Path(), help="The new print to cite.")
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="Write the paper cited against NEW here (atomically; LawMaker XML for .xml, else text).",
)
@click.option(
    "--report",
    "report_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How the report is printed.",
)
def rebase_command(paper: str, old: str, new: str, output: str | None, report_format: str) -> None:
    """Cite every amendment on PAPER against the new print NEW of the bill it cites (OLD):
    unchanged, re-cited (new page, line or number, same words), needs redrafting (with the
    reason and what the new print has), provision gone, or already made. The paper keeps
    every amendment, in marshalled order for NEW. Exit 1 if any needs redrafting or its
    provision is gone."""
    from drafter.core.files import check_writable
    from drafter.core.paper import load_paper, save_paper
    from drafter.core.rebase import rebase

    if output:
        check_writable(output)
    loaded = load_paper(paper)
    old_bill, new_bill = Bill.load(old), Bill.load(new)
    check_paper_is_for(paper, loaded, old_bill, force=None)
    for problem in loaded.problems:
        echo(about_file(paper, problem), err=True)
    warn_readings(paper, loaded)
    carried_paper, carried = rebase(loaded, old_bill, new_bill)
    if output:
        save_paper(carried_paper, output, new_bill)
    counts = Counter(c.verdict for c in carried)
    if report_format == "json":
        echo_json(json.dumps([c.as_json() for c in carried], ensure_ascii=False, indent=1))
    else:
        for c in carried:
            echo(f"Amendment {c.number}: {_SAID[c.verdict][0]}")
            if c.new != c.old:
                echo(f"    was: {c.old}\n    now: {c.new}")
            if c.reason:
                echo(f"    {c.reason}")
        said = ", ".join(f"{n} {_SAID[v][n > 1]}" for v in _SAID if (n := counts[v]))
        echo(f"{len(carried)} amendments: {said or 'none'}")
    if not output:
        echo("the paper cited against the new print was not written: give -o FILE", err=True)
    if counts["needs-redrafting"] or counts["provision-gone"]:
        sys.exit(1)
