"""``drafter rebase``: a paper carried onto a new print of its bill, and what became of each
amendment (:mod:`drafter.core.rebase`)."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter

import click

from drafter.cli import (
    bills_to_compare,
    check_output,
    check_paper_is_for,
    cli,
    echo,
    echo_json,
    warn_readings,
)
from drafter.core.errors import UserError, about_file
from drafter.core.phrases import counted


@cli.command("rebase")
@click.argument("paper", type=click.Path(), required=False)
@click.option(
    "--from",
    "old",
    type=click.Path(),
    help='The print PAPER cites: a file, or in a bill repository a version ("HL Bill 101").',
)
@click.option("--to", "new", type=click.Path(), help="The new print to cite (likewise).")
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
@click.option(
    "--force",
    is_flag=True,
    help="Carry a paper that says it cites another print than OLD, or onto another bill.",
)
@click.option(
    "--undo",
    is_flag=True,
    help="In a bill repository: the papers as they were before the last commit that "
    "rebased them (recorded by your next commit).",
)
def rebase_command(
    paper: str | None,
    old: str | None,
    new: str | None,
    output: str | None,
    report_format: str,
    force: bool,
    undo: bool,
) -> None:
    """Cite every amendment on PAPER against the new print NEW of the bill it cites (OLD):
    unchanged, re-cited (new page, line or number, same words), needs redrafting (with the
    reason and what the new print has), provision gone, or already made. The paper keeps
    every amendment, in marshalled order for NEW. Exit 1 if any needs redrafting or its
    provision is gone.

    In a bill repository, drafter commit does this to every paper in amendments/ when the
    bill committed is a new print; drafter rebase --undo puts the papers back as they were."""
    from drafter.core.bill import same_name

    if undo:
        if paper or old or new or output or force:
            raise click.UsageError("--undo takes nothing else: run it in the bill repository")
        _undo()
        return
    if not (paper and old and new):
        raise click.UsageError("give PAPER, --from OLD and --to NEW (or --undo)")
    from drafter.core.paper import load_paper, save_paper
    from drafter.core.rebase import SAID, rebase, verdict_counts

    if output:
        reads = {paper: "the paper", old: "the old print", new: "the new print"}
        readable = {f: what for f, what in reads.items() if os.path.lexists(f)}
        check_output(output, readable, replaces=paper)
    loaded = load_paper(paper)
    old_bill, new_bill = bills_to_compare(old, new)
    check_paper_is_for(paper, loaded, old_bill, force=force, doing="carry")
    a, b = old_bill.metadata.title, new_bill.metadata.title
    if a and b and not same_name(a, b) and not force:
        raise UserError(
            f"{old} is the {a} and {new} the {b}: a paper is carried onto a print of its own "
            "bill; to carry it anyway, give --force"
        )
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
            echo(f"Amendment {c.number}: {SAID[c.verdict][0]}")
            if c.new != c.old:
                echo(f"    was: {c.old}\n    now: {c.new}")
            if c.reason:
                echo(f"    {c.reason}")
        said = verdict_counts(c.verdict for c in carried) or "none"
        echo(f"{counted(len(carried), 'amendment')}: {said}")
    if not output:
        echo("the paper cited against the new print was not written: give -o FILE", err=True)
    if counts["needs-redrafting"] or counts["provision-gone"]:
        sys.exit(1)


def _undo() -> None:
    from drafter.core.store import BillRepo

    version, restored = BillRepo.open(".").undo_rebase()
    if not restored:
        echo(f"{version.short} {version.subject}: no paper to restore")
        return
    echo(
        f"restored as they were before {version.short} ({version.subject}): "
        f"{', '.join(restored)}; record them with drafter commit -m MESSAGE"
    )
