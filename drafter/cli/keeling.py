"""``drafter keeling``: the amendments a bill makes to an Act (:mod:`drafter.core.keeling`)."""

from __future__ import annotations

import json

import click

from drafter.cli import cli, echo, echo_json


@cli.command("keeling")
@click.argument("act", type=click.Path())
@click.argument("bill", type=click.Path())
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
def keeling_command(
    act: str, bill: str, table: bool, as_json: bool, act_name: str | None, explain: bool
) -> None:
    """The table of amendments BILL makes to the Act ACT: for each, the bill's provision
    that makes it, insertion, deletion or substitution, the Act's provision affected (its
    eId), where (Before, After, Replace) and whether it is a whole provision. Read from the
    bill's own words, deterministically. An amendment drafter cannot place in the Act is
    listed on stderr with the reason (exit 1), never dropped."""
    from drafter.core.bill import Bill
    from drafter.core.keeling import act_name_of, table_of_amendments

    the_act, the_bill = Bill.load(act), Bill.load(bill)
    name = act_name or act_name_of(the_act, the_bill)
    rows = table_of_amendments(the_act, the_bill, name)
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
