"""Commands on a bill repository: versions of a bill kept in git (drafter.core.store).

``drafter init``, ``clone``, ``commit``, ``log``, ``tag``, ``blame``, ``push``, ``pull``; the
hidden ``textconv`` and ``merge-paper`` commands are the drivers git runs for ``git diff`` of
the bill and for merging amendment papers. ``drafter diff REV1 REV2`` (drafter/cli/compare.py) and
``drafter show REV`` (drafter/cli/bills.py) read versions through
:func:`drafter.core.store.load_bill_argument`.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from drafter.cli import cli, echo, echo_json, numbers, warn
from drafter.core.errors import UserError
from drafter.core.phrases import counted, named

if TYPE_CHECKING:
    from types import ModuleType

    from drafter.core.store import BillRepo


def _store() -> ModuleType:
    """drafter.core.store, imported when a command needs it (importing git takes a fifth of
    a second, which other commands should not pay)."""
    from drafter.core import store

    return store


def _date(iso: str) -> str:
    return iso[:16].replace("T", " ")


@cli.command("init")
@click.argument("directory", default=".", type=click.Path())
@click.option("--bill", "bill", required=True, type=click.Path(), help="The bill XML.")
@click.option(
    "--shared",
    is_flag=True,
    help="A shared repository for a team (a bare git repository): each drafter clones it, "
    "and pushes to and pulls from it.",
)
def init_command(directory: str, bill: str, shared: bool) -> None:
    """Make DIRECTORY a bill repository holding BILL as its first version."""
    st = _store()
    if shared:
        first = st.BillRepo.init_shared(directory, bill)
        echo(
            f"{directory}: shared bill repository, first version {first}; each drafter "
            f"runs: drafter clone {directory} MY-COPY"
        )
        return
    repo = st.init(directory, bill)
    v = repo.version()
    echo(
        f"{repo.root}: bill repository for {v.bill_number or repo.bill_file} "
        f"({repo.bill_file}, papers in {repo.amendments_dir}/); first version {v.short}"
        + (f", tagged {v.tags[0]}" if v.tags else "")
    )


@cli.command("clone")
@click.argument("remote")
@click.argument("directory", type=click.Path())
def clone_command(remote: str, directory: str) -> None:
    """Copy a bill repository from REMOTE (a path or URL) into DIRECTORY."""
    st = _store()
    repo = st.BillRepo.clone(remote, directory)
    n = len(repo.versions())
    click.echo(f"{repo.root}: cloned from {remote} ({counted(n, 'version')})")


@cli.command("commit")
@click.option("-m", "--message", required=True, help="What this version is.")
@click.option(
    "--amendments",
    default="",
    help='The amendments applied to reach it: "1,5" or "1-69" (default: those the bill '
    "records as applied since the last version, as drafter apply writes them).",
)
@click.option("--paper", default="", help="The amendment paper they come from.")
def commit_command(message: str, amendments: str, paper: str) -> None:
    """Record the bill and amendment papers as a new version (with the Keeling schedule of
    each Act kept beside the bill, made again)."""
    from drafter.export.kept_acts import record, said

    st = _store()
    repo = st.BillRepo.open(".")
    # without --amendments, those the bill records as applied since the last version
    # (drafter apply -o in place), as the app records them
    listed = numbers(amendments, "--amendments") if amendments.strip() else None
    v, schedules = record(repo, message, listed, paper)
    what = ", ".join(x for x in (v.bill_number, v.stage, named(v.amendments)) if x)
    echo(f"{v.short} {v.subject}" + (f"  ({what})" if what else ""))
    if v.bill_number and v.bill_number in v.tags:
        echo(f"  a new print: tagged “{v.bill_number}”")
    for path, made in schedules:
        echo(f"  Keeling schedule {path.relative_to(repo.root)}: {said(made)}")
    if v.rebased:
        echo(
            f"papers carried onto the new print: {v.rebased} (drafter rebase --undo restores them)"
        )
    _warn_of_files_not_papers(repo)


def _warn_of_files_not_papers(repo: BillRepo) -> None:
    """A file in the papers' folder that does not read as a paper (notes, a scratch file) is
    recorded with the papers all the same: say so, and why, so that it is not a surprise."""
    from drafter.core.paper import load_paper

    for path in repo.papers():
        try:
            load_paper(path)
        except UserError as err:
            warn(f"{path.relative_to(repo.root)}: recorded, but not read as a paper: {err}")


@cli.command("log")
@click.argument("rev", default="HEAD")
@click.option("-n", "--max-count", type=int, default=None, help="Only the newest N versions.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per version.")
def log_command(rev: str, max_count: int | None, as_json: bool) -> None:
    """The versions of the bill, newest first: print, stage, author, date, amendments."""
    st = _store()
    repo = st.BillRepo.open(".")
    versions = repo.versions(rev, limit=max_count)
    if as_json:
        rows = [
            {
                "version": v.sha,
                "date": v.date,
                "author": v.author,
                "email": v.email,
                "message": v.subject,
                "bill_number": v.bill_number,
                "stage": v.stage,
                "amendments": list(v.amendments),
                "paper": v.paper,
                "tags": list(v.tags),
                "parents": list(v.parents),
                "rebased": v.rebased,
            }
            for v in versions
        ]
        echo_json(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    out = []
    for v in versions:
        tags = f"  [{', '.join(v.tags)}]" if v.tags else ""
        merge = "  (merge)" if v.is_merge else ""
        out.append(f"{v.short}  {_date(v.date)}  {v.author}{tags}{merge}")
        printed = " — ".join(x for x in (v.bill_number, v.stage) if x)
        if printed:
            out.append(f"    Print: {printed}")
        if v.amendments:
            out.append(f"    Applied: {named(v.amendments)}" + (f" ({v.paper})" if v.paper else ""))
        if v.rebased:
            out.append(f"    Rebased: {v.rebased}")
        out.append(f"    {v.subject}")
        out.append("")
    echo("\n".join(out).rstrip("\n"))


@cli.command("tag")
@click.argument("name")
@click.argument("rev", default="HEAD")
def tag_command(name: str, rev: str) -> None:
    """Mark a version (REV, default the newest) as a print: drafter tag "HL Bill 60"."""
    from drafter.core.bill import reads_as_bill_number, same_name

    st = _store()
    repo = st.BillRepo.open(".")
    tag = repo.tag(name, rev)
    label = f"{tag} (“{name.strip()}”)" if tag != name.strip() else tag
    echo(f"tagged {repo.resolve(rev)[:7]} as {label}")
    if rev == "HEAD" and repo.bill_file in repo.changed_files():
        warn(
            f"{repo.bill_file}: changed since that version, and not in the print tagged "
            "(record it first, drafter commit, and tag again to have the changes in it)"
        )
    own = repo.version(rev).bill_number
    if own and reads_as_bill_number(name) and not same_name(own, name):
        warn(
            f"the bill at that version says it is {own}: papers citing {name.strip()} will be "
            f"checked against its pages and lines (to give the reprint its number: drafter "
            f"apply BILL PAPER --renumber --as “{name.strip()}”)"
        )


@cli.command("blame")
@click.argument("citation", nargs=-1, required=True)
@click.option("--rev", default="HEAD", help="The version to start from.")
def blame_command(citation: tuple[str, ...], rev: str) -> None:
    """For each printed line of a provision: the version, and amendment, that last changed it."""
    st = _store()
    repo = st.BillRepo.open(".")
    rows = repo.blame(" ".join(citation), rev)
    if rev == "HEAD" and repo.bill_file in repo.changed_files():
        warn("the bill has changes not yet recorded: these are its lines as last recorded")
    table = []
    for row in rows:
        v = row.version
        label = v.tags[0] if v.tags else v.short
        amend = named(row.amendments) or ("(first version)" if not v.parents else "-")
        table.append((f"{row.page}:{row.number}", label, v.date[:10], amend, row.text))
    # columns as wide as their longest entry, so that a long tag does not push a row out
    widths = [max((len(r[i]) for r in table), default=0) for i in range(4)]
    for place, label, date, amend, text in table:
        echo(
            f"{place:<{widths[0]}}  {label:<{widths[1]}}  {date:<{widths[2]}}  "
            f"{amend:<{widths[3]}}  {text}"
        )


@cli.command("push")
@click.argument("remote", default="origin")
def push_command(remote: str) -> None:
    """Send your versions (and tags) to REMOTE: a remote's name, a path or a URL."""
    st = _store()
    repo = st.BillRepo.open(".")
    branch = repo.push(remote)
    click.echo(f"pushed {branch} to {remote}")


@cli.command("pull")
@click.argument("remote", default="origin")
@click.option(
    "--prefer",
    type=click.Choice(["mine", "theirs"]),
    default=None,
    help="Where both sides changed the same words, keep this side's (never chosen silently).",
)
def pull_command(remote: str, prefer: str | None) -> None:
    """Fetch REMOTE's versions and merge them with yours; a conflict is reported, not guessed."""
    st = _store()
    repo = st.BillRepo.open(".")
    result = repo.pull(remote, prefer or "")
    for note in result.notes:
        echo(note)
    click.echo(f"{result.kind}: now at {result.head[:7]}")


@cli.command("textconv", hidden=True)
@click.argument("path", type=click.Path())
def textconv_command(path: str) -> None:
    """git's textconv driver: the bill as printed lines, PAGE:LINE  text."""
    from drafter.core.bill import Bill

    st = _store()
    try:
        text = st.printed_text(Bill.load(path))
    except UserError as err:  # still show git something it can diff
        raw = Path(path).read_bytes().decode("utf-8", "replace")
        text = f"(drafter: not a readable bill: {err})\n{raw}"
    sys.stdout.write(text)


@cli.command("merge-paper", hidden=True)
@click.argument("base", type=click.Path())
@click.argument("ours", type=click.Path())
@click.argument("theirs", type=click.Path())
@click.argument("name", required=False, default="")
def merge_paper_command(base: str, ours: str, theirs: str, name: str) -> None:
    """git's merge driver for amendment papers: merge amendment by amendment (NAME: the
    paper's path in the repository, to say which paper)."""
    st = _store()
    from drafter.core.files import write_atomic

    def read(p: str) -> str:
        return Path(p).read_bytes().decode("utf-8", "replace")

    prefer = os.environ.get(st.PREFER_VARIABLE, "")
    mine, others = read(ours), read(theirs)
    if st.replaying():  # git's "ours" is the other side, "theirs" the drafter's own commit
        mine, others = others, mine
    merged = st.merge_papers(read(base), mine, others, prefer)
    write_atomic(ours, merged.text.encode("utf-8"))
    kept = {"mine": "yours", "theirs": "theirs"}.get(prefer, "")
    for number in merged.settled:
        echo(f"{st.MERGE_NOTE}both changed amendment {number}: kept {kept}", err=True)
    paper = f"{name}: " if name else ""
    for number, new in merged.renumbered:
        note = (
            f"{paper}your amendment {number} is now amendment {new}: the paper pulled in has "
            f"an amendment {number} of its own"
        )
        echo(st.RENUMBER_NOTE + note, err=True)
    sys.exit(1 if merged.conflicts else 0)
