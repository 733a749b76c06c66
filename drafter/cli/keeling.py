"""``drafter keeling``: the amendments a bill makes to an Act (:mod:`drafter.core.keeling`)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from drafter.cli import check_output, cli, echo, echo_json

if TYPE_CHECKING:
    from drafter.core.apply import Report
    from drafter.core.bill import Bill
    from drafter.core.keeling import KeelingRow


@cli.command("keeling")
@click.argument("act", type=click.Path(), required=False)
@click.argument("bill", type=click.Path(), required=False)
@click.option(
    "--add-act",
    "add",
    type=click.Path(),
    help="In a bill repository: keep this Act beside the bill; its Keeling schedule is made "
    "again with every version (drafter commit).",
)
@click.option(
    "--table",
    is_flag=True,
    help="Print the table of amendments (what the command prints).",
)
@click.option("--json", "as_json", is_flag=True, help="The table as JSON, one object a row.")
@click.option(
    "--act-name",
    help='The Act as the bill names it ("Housing Act 2004"), when ACT\'s own title does not say.',
)
@click.option("--explain", is_flag=True, help="With each row, the bill's words that gave it.")
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="Write the Act as amended, every change marked and sourced (.pdf, .html, .docx, .xml).",
)
def keeling_command(
    act: str | None,
    bill: str | None,
    add: str | None,
    table: bool,
    as_json: bool,
    act_name: str | None,
    explain: bool,
    output: str | None,
) -> None:
    """The table of amendments BILL makes to the Act ACT: for each, the bill's provision
    that makes it, insertion, deletion or substitution, the Act's provision affected (its
    eId), where (Before, After, Replace) and whether it is a whole provision. Read from the
    bill's own words, deterministically. An amendment drafter cannot place in the Act is
    listed on stderr with the reason (exit 1), never dropped. In a bill repository,
    --add-act FILE keeps an Act beside the bill (acts/), and its Keeling schedule
    (keeling/) is made again with every version."""
    from drafter.core.bill import Bill
    from drafter.core.keeling import act_name_of, table_of_amendments

    if add:
        if act or bill or table or as_json or explain or output:
            raise click.UsageError(
                "--add-act takes the Act alone (and --act-name): drafter keeling --add-act FILE"
            )
        _add_act(add, act_name)
        return
    if not (act and bill):
        raise click.UsageError("give the Act and the bill: drafter keeling ACT BILL")
    if output:  # said before the bills are read, not after
        from drafter.export.documents import format_of

        format_of("keeling", output)  # (over the Act or the bill: said by check_output)
    the_act, the_bill = Bill.load(act), Bill.load(bill)
    name = act_name or act_name_of(the_act, the_bill)
    rows = table_of_amendments(the_act, the_bill, name)
    if output:
        _write_amended(the_act, rows, output, act, bill, name, the_bill.metadata.title)
        if not (table or as_json):
            return
    if as_json:
        made = [
            {**row.as_json(), **({"words": row.words} if explain else {})}
            | ({"problem": row.problem} if row.problem else {})
            for row in rows
        ]
        echo_json(json.dumps(made, ensure_ascii=False, indent=1))
    else:
        for row in rows:
            whole = " (whole)" if row.whole_provision else ""
            echo(
                f"{row.source:<28} {row.type_of_amendment:<13} {row.location:<8} "
                f"{row.affected_provision or '?'}{whole}"
            )
            if explain:
                echo(f"    {row.words}")
    placed = [row for row in rows if not row.problem]
    echo(
        f"{len(rows)} amendments of the {name} by the {the_bill.metadata.title or bill}; "
        f"{len(rows) - len(placed)} not placed",
        err=True,
    )
    for row in rows:
        if row.problem:
            echo(f"{bill}: {row.source}: {row.problem}: {row.words}", err=True)
    if len(placed) != len(rows):
        raise SystemExit(1)


def _write_amended(
    act: Bill,
    rows: list[KeelingRow],
    output: str,
    act_path: str,
    bill: str,
    name: str,
    by: str,
) -> None:
    """The Act as amended, written to ``output``; what could not be made said on stderr, with
    the provision of the bill and the reason (exit 1 after writing)."""
    from drafter.core.apply import apply
    from drafter.core.files import write_atomic, xml_bytes
    from drafter.core.keeling import keeling_paper
    from drafter.export.documents import export_bill
    from drafter.export.keeling_xml import keeling_xml
    from drafter.export.kept_acts import made_of

    check_output(output, {act_path: "the Act", bill: "the bill"})
    paper, left = keeling_paper(act, rows, name, by)
    report: Report | None
    if output.lower().endswith(".xml"):  # LawMaker's change markup, not drafter's provenance
        amended, report = apply(act, paper.amendments)
        made = made_of(rows, left, report)
        write_atomic(output, xml_bytes(keeling_xml(act, amended, made.reasons)))
    else:
        listed = [f"{row.source}: not made: {reason}" for row, reason in left]
        report = export_bill(act, output, paper=paper, source=act_path, unmade=listed)
        assert report is not None  # a paper was applied
        made = made_of(rows, left, report)
    echo(f"wrote {output}: {made.summary}", err=True)
    for _, _, reason in made.reasons:
        echo(f"{bill}: {reason}", err=True)
    if made.unmade:
        raise SystemExit(1)


def _add_act(file: str, name: str | None) -> None:
    """Keep the Act beside the bill of the repository here, and make its schedule now."""
    from drafter.core.store import BillRepo
    from drafter.export.kept_acts import add_act, make_schedules, said

    repo = BillRepo.open(".")
    kept, name, replaced = add_act(repo, file, name)
    how = "kept the {} as {}" if not replaced else "replaced the {} kept as {}"
    echo(how.format(name, kept.relative_to(repo.root)))
    for path, made in make_schedules(repo):
        echo(f"  Keeling schedule {path.relative_to(repo.root)}: {said(made)}")
    echo("both are recorded with the next version (drafter commit -m MESSAGE)")
