"""Commands on amendments: read a wording, list and check an amendment paper."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

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
from drafter.core.errors import about_file
from drafter.core.phrases import counted, named

if TYPE_CHECKING:
    from drafter.core.bill import Bill
    from drafter.core.paper import Entry, Paper
    from drafter.core.store import BillRepo, Version


@cli.command("parse")
@click.argument("wording", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object: number, type, place.")
@click.option("--number", default="", help="The amendment's number, for messages and JSON.")
def parse_wording(wording: tuple[str, ...], as_json: bool, number: str) -> None:
    """Read an amendment's wording: its canonical form and what it does."""
    from drafter.core.wording import describe, parse_amendment, render, summary

    amendment = parse_amendment(" ".join(wording), number)
    if as_json:
        row: dict[str, object] = dict(summary(amendment))
        if amendment.warnings:
            row["warnings"] = list(amendment.warnings)
        echo_json(json.dumps(row, ensure_ascii=False, indent=1))
        return
    echo(render(amendment))
    echo(f"amendment {number}: {describe(amendment)}" if number else describe(amendment))
    for reading in amendment.warnings:
        echo(f"warning: {reading}", err=True)


@cli.command()
@click.argument("paper", type=click.Path())
@click.option("--bill", type=click.Path(), help="Check each amendment against this print.")
@click.option("--json", "as_json", is_flag=True, help="A JSON list with an object per amendment.")
@click.option("--only", help="Only these amendments, by number or reference: --only 1,3,NC2.")
def amendments(paper: str, bill: str | None, as_json: bool, only: str | None) -> None:
    """List the amendments on a paper (LawMaker XML or a text paper); with --bill, check each
    against the print and exit 1 if any does not fit."""
    from drafter.core.apply.provenance import made_in_this_print, made_key
    from drafter.core.paper import NotOnPaper, load_paper, same_as, select
    from drafter.core.resolve import AmendmentError, resolve
    from drafter.core.wording import summary

    loaded = load_paper(paper)
    try:
        picked = {id(a) for a in select(loaded.amendments, numbers(only))}
    except NotOnPaper as err:
        raise NotOnPaper(f"{paper}: {err}") from None
    # what repeats what is a question of the whole paper: --only 2 still says 2 repeats 1
    repeated = same_as(loaded.amendments)
    loaded = replace(loaded, entries=tuple(e for e in loaded.entries if id(e.amendment) in picked))
    shown = {e.number for e in loaded.entries}
    repeats = {later: first for later, first in repeated.items() if later in shown}
    printed, made = _bill_to_check(loaded, bill, paper) if bill else (None, {})
    if bill and printed is not None:
        check_paper_is_for(paper, loaded, printed, force=None)
        if printed.print.numbered_by == "drafter":
            warn(
                f"{bill}: its page and line numbers are drafter's own layout (it has no House "
                "markers): a paper cites the printed copy's, which may differ; give the "
                "House's PDF with drafter layout --from-pdf"
            )
    # a bill as amended records the amendments it was amended by: their words are not looked
    # for in it ("2 years" is not on the line that says "12 months" now)
    recorded = made_in_this_print(printed) if printed is not None else set()
    rows = []
    for entry in loaded.entries:
        row: dict[str, object] = dict(summary(entry.amendment))
        if entry.amendment.warnings:
            row["warnings"] = list(entry.amendment.warnings)
        if entry.number in repeats:
            row["same_as"] = repeats[entry.number]
        if entry.problem:  # its words could not be read: say why
            row["check"] = entry.problem_reason or entry.problem
        elif made_key(entry.amendment) in recorded:
            row["check"], row["made"] = "ok", made.get(_plain_number(entry.number), "this bill")
        elif printed is not None:
            try:
                resolved = resolve(printed, entry.amendment)
            except AmendmentError as err:
                row["check"] = str(err)
            else:
                row["check"] = "ok"
                if row.get("clause", "") is None:  # Lords style: the bill says which clause
                    row["clause"] = _clause_of(printed, resolved[0].eid)
            if _plain_number(entry.number) in made:
                row["made"] = made[_plain_number(entry.number)]
        rows.append(row)
    failures = sum(1 for r in rows if r.get("check", "ok") != "ok")
    if as_json:
        echo_json(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for problem in loaded.problems:
            echo(about_file(paper, problem), err=True)
        warn_readings(paper, loaded)
        for later, first in repeats.items():
            warn(
                f"{paper}: amendment {later} does what amendment {first} does (the same words "
                "at the same place): only one can be made, the other is pre-empted"
            )
        for entry, r in zip(loaded.entries, rows, strict=True):
            # the number leads the row: the message need not say it again
            check = str(r.get("check", "")).removeprefix(f"Amendment {entry.number}: ")
            verdict = f"  [{check}]" if "check" in r else ""
            if check == "ok" and "made" in r:
                verdict = f"  [ok: already made, in {r['made']}]"
            wording = str(r["wording"] or (entry.wording if entry.problem else r["type"]))
            if len(wording) > 110:
                wording = wording[:109] + "…"
            flag = " !" if entry.amendment.warnings else ""
            echo(f"{r['number']:>6}{flag:2}{wording}{verdict}")
        echo(_counts(loaded.entries, failures, printed, bill), err=True)
    if failures or loaded.problems:
        sys.exit(1)


def _bill_to_check(paper: Paper, bill: str, paper_path: str) -> tuple[Bill, dict[str, str]]:
    """The print to check a paper against, and the paper's amendments already made in the
    bill since that print (number: the version that made them). The print is ``bill`` (a
    file, or a version of the bill repository the command runs in); but when the repository
    has the print the paper cites tagged, and ``bill`` is another print (a reprint since) or
    has amendments of the paper agreed since, that print, from history: the paper's page and
    line references are to it."""
    from drafter.core.bill import same_name
    from drafter.core.paper import known
    from drafter.core.store.finding import find_repo, load_bill_argument

    given = load_bill_argument(bill)
    cited = known(paper.info.bill_number) or given.metadata.bill_number
    # the repository that holds the bill file (or, for a version, the one run in)
    is_file = os.path.lexists(bill)
    repo = find_repo(os.path.dirname(os.path.abspath(bill)) if is_file else ".")
    version = repo.print_named(cited) if repo is not None else None
    if version is None or repo is None:
        return given, {}
    made = _made_since(repo, version, "HEAD" if is_file else bill, paper_path)
    if same_name(cited, given.metadata.bill_number):
        if not made:
            return given, {}
        warn(
            f"{bill} has {named(list(made))} of this paper made since {cited} was printed: "
            f"checked against {cited} as printed (version {version.short}) from the "
            "repository's history"
        )
    else:
        warn(
            f"{bill} is {given.metadata.bill_number or 'another print'}, but the paper cites "
            f"{cited}: checked against {cited} (version {version.short}) from the repository's "
            "history; its amendments are to be carried onto the new print"
        )
    return repo.bill_at(version.sha), made


def _made_since(repo: BillRepo, printed: Version, rev: str, paper_path: str) -> dict[str, str]:
    """The amendments of the paper at ``paper_path`` that versions after ``printed`` up to
    ``rev`` record as made (``drafter commit --amendments``): number, and the version."""
    paper = Path(paper_path).resolve()
    # a version that names no paper: this one's, when it is the only paper there is
    only_paper = [p.resolve() for p in repo.papers()] == [paper]
    made: dict[str, str] = {}
    for version in repo.versions(rev):
        if version.sha == printed.sha:
            return made
        named = {(folder / version.paper).resolve() for folder in (repo.root, repo.papers_path())}
        if (paper in named) if version.paper else only_paper:
            for number in version.amendments:
                made.setdefault(_plain_number(number), version.short)
    return {}  # the print is not in this version's history: nothing known


def _plain_number(number: str) -> str:
    """An amendment's number as a version records it: "[HoC18]" is "HoC18"."""
    return number.strip().strip("[]")


def _counts(entries: Sequence[Entry], failures: int, printed: Bill | None, path: str | None) -> str:
    """The paper in one line: how many amendments were read, read with a warning, could not
    be read; with a bill, how many were checked against it and how many do not fit."""
    unreadable = sum(1 for e in entries if e.problem)
    warned = sum(1 for e in entries if e.amendment.warnings)
    line = (
        f"{counted(len(entries), 'amendment')}: read {len(entries) - unreadable}, with "
        f"warnings {warned}, unreadable {unreadable}"
    )
    if printed is None:
        return line
    checked = len(entries) - unreadable
    fitting = checked - (failures - unreadable)
    against = printed.metadata.bill_number or path
    return f"{line}, checked {checked}, not fitting {checked - fitting} (against {against})"


def _clause_of(bill: Bill, eid: str) -> str | None:
    top = bill.by_eid(eid.split("__")[0]) if eid else None
    return top.number if top is not None and top.kind == "clause" else None


@cli.group("paper")
def paper_group() -> None:
    """Amendment papers as files: convert between the text format and LawMaker XML."""


@paper_group.command("convert")
@click.argument("paper", type=click.Path())
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(),
    help="The paper to write: LawMaker XML for .xml, the text format for .txt.",
)
@click.option(
    "--bill", type=click.Path(), help="The bill the paper is for (Lords: clause headings)."
)
def convert_command(paper: str, output: str, bill: str | None) -> None:
    """Write PAPER (LawMaker XML or a text paper) in the other format (or the same),
    every amendment, name, status and statement kept. Refused when an amendment cannot be
    read: it could not be written back as it stands."""
    from pathlib import Path

    from drafter.core.bill import Bill
    from drafter.core.errors import UserError
    from drafter.core.paper import load_paper, save_paper
    from drafter.core.phrases import counted

    if Path(output).suffix.lower() not in (".xml", ".txt"):
        raise click.UsageError(f"{output}: write a paper as .xml (LawMaker) or .txt (text)")
    check_output(output, {paper: "the paper", **({bill: "the bill"} if bill else {})}, paper)
    loaded = load_paper(paper)
    if loaded.problems:
        for problem in loaded.problems:
            echo(about_file(paper, problem), err=True)
        raise UserError(
            f"{paper}: {len(loaded.problems)} amendment(s) cannot be read, so the paper cannot "
            "be written again as it stands: nothing written"
        )
    printed = Bill.load(bill) if bill else None
    save_paper(loaded, output, printed)
    echo(f"wrote {output}: {counted(len(loaded.entries), 'amendment')}")
    if Path(output).suffix.lower() == ".txt" and loaded.statements:
        warn(
            f"not in {output}: {'; '.join(loaded.statement_titles())} (the rest of {paper}): "
            "the text format keeps the amendments only"
        )
