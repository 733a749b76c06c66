"""The Acts a bill repository keeps beside its bill (``acts/``), and the Keeling schedule of
each (``keeling/``): the Act as the working bill would amend it, in LawMaker's change markup,
made again with every version so that git's history holds what each print did to each Act."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.core.apply import Report, apply
from drafter.core.bill import Bill
from drafter.core.errors import UserError
from drafter.core.files import write_atomic, xml_bytes
from drafter.core.keeling import (
    KeelingError,
    KeelingRow,
    act_name_of,
    acts_amended,
    keeling_paper,
    table_of_amendments,
)
from drafter.core.repo_paths import repository_path
from drafter.core.store import ACTS_DIR, SCHEDULES_DIR, BillRepo
from drafter.core.xml import read_file
from drafter.export.keeling_xml import keeling_xml

if TYPE_CHECKING:
    from drafter.core.store import Version


@dataclass(frozen=True)
class Made:
    """What a Keeling schedule holds of the changes the bill makes to its Act: how many there
    are, the bill's provisions whose change was not made, and why (one line each)."""

    total: int
    unmade: frozenset[str] = frozenset()
    #: each change not made: the bill's provision, the Act's provisions it would change
    #: (eIds, comma-separated), and what was not made and why
    reasons: tuple[tuple[str, str, str], ...] = ()

    @property
    def summary(self) -> str:
        said = f"{self.total - len(self.unmade)} of {self.total} changes made"
        return said + (f"; {len(self.unmade)} not made" if self.unmade else "")


def made_of(rows: list[KeelingRow], left: list[tuple[KeelingRow, str]], report: Report) -> Made:
    """The changes made and not made: a row is made when every amendment it gave was
    ("s. 28(3) [2]" is one of s. 28(3)'s)."""
    failed = [o for o in report.outcomes if not o.applied]
    unmade = {row.source for row, _ in left} | {o.number.split(" [")[0] for o in failed}
    # a provision of the bill may make changes in more than one place: all of them
    at: dict[str, list[str]] = {}
    words: dict[str, list[str]] = {}
    for row in rows:
        for kept, value in ((at, row.affected_provision), (words, row.words)):
            if value not in kept.setdefault(row.source, []):
                kept[row.source].append(value)
    reasons = [
        (row.source, row.affected_provision, f"{row.source}: not made: {why}: {row.words}")
        for row, why in left
    ]
    for o in failed:  # said as a row left is: with the bill's words, and where in the Act
        source = o.number.split(" [")[0]
        eids = ",".join(at.get(source, []))
        said = f"{o.number}: not made: {o.reason}" + (f" (in the Act's {eids})" if eids else "")
        if words.get(source):
            said += ": " + " / ".join(words[source])
        reasons.append((source, eids, said))
    return Made(len(rows), frozenset(unmade), tuple(reasons))


def amended_act(
    act: Bill, bill: Bill, name: str, rows: list[KeelingRow] | None = None
) -> tuple[Bill, Made]:
    """The Act as ``bill`` would amend it (apply's result, each change numbered by the
    bill's provision that makes it), and what of it was made; ``rows``: the table of
    amendments, when it has been read already."""
    if rows is None:
        rows = table_of_amendments(act, bill, name)
    paper, left = keeling_paper(act, rows, name, bill.metadata.title)
    amended, report = apply(act, paper.amendments)
    return amended, made_of(rows, left, report)


#: an Act's name as a file of the repository: the words of a title, nothing a file system or
#: a terminal reads otherwise ("Renting Homes (Wales) Act 2016", "Children's Act 1989")
_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 (),'&.-]{0,120} Act \d{4}")


def add_act(
    repo: BillRepo, file: str | os.PathLike[str], name: str | None = None
) -> tuple[Path, str, bool]:
    """Keep the Act ``file`` beside the bill, as ``acts/<its name>.xml``: ``name`` as the bill
    names it, else found. The bill must amend it (KeelingError names the Acts it does).
    Returns where it went, the Act's name, and whether it replaced one kept before."""
    data = read_file(file)
    act = Bill.from_bytes(data, file)
    bill = Bill.load(repo.bill_path)
    named = acts_amended(act, bill)
    name = name or act_name_of(act, bill)
    if name not in named:
        amends = "; ".join(named) or "no Act"
        raise KeelingError(f"{repo.bill_file} does not amend the {name}; it amends: {amends}")
    if not _FILE_NAME.fullmatch(name):
        raise KeelingError(f"the {name} cannot be kept under that name: it is not an Act's name")
    rows = table_of_amendments(act, bill, name)
    if all(row.problem for row in rows):  # none found in the file: it is another Act
        raise KeelingError(
            f"{file}: none of the {len(rows)} amendments {repo.bill_file} makes to the {name} "
            "is found in it: is it that Act?"
        )
    folder = repository_path(repo.root, ACTS_DIR, directory=True)
    folder.mkdir(exist_ok=True)
    target = repository_path(repo.root, f"{ACTS_DIR}/{name}.xml")
    replaced = target.exists()
    write_atomic(target, data)
    return target, name, replaced


#: a schedule made, or why it was not
MadeOrWhy = Made | str


def make_schedules(repo: BillRepo) -> list[tuple[Path, MadeOrWhy]]:
    """The Keeling schedule of every Act the repository keeps, made again from the working
    bill and written to ``keeling/<the Act's name>.xml``; for an Act whose schedule cannot
    be made, why (its schedule is left as it was). The schedule of an Act taken out of
    ``acts/`` since the last version is removed (no other file in ``keeling/`` is)."""
    acts = repo.acts()
    kept = {path.name for path in acts}
    for name in repo.recorded(ACTS_DIR):
        stale = repository_path(repo.root, f"{SCHEDULES_DIR}/{name}")
        if name not in kept and stale.is_file():
            stale.unlink()
    if not acts:
        return []
    bill = Bill.load(repo.bill_path)
    repository_path(repo.root, SCHEDULES_DIR, directory=True).mkdir(exist_ok=True)
    out: list[tuple[Path, MadeOrWhy]] = []
    for path in acts:
        target = repository_path(repo.root, f"{SCHEDULES_DIR}/{path.name}")
        try:
            act = Bill.load(path)
            amended, made = amended_act(act, bill, path.stem)
            write_atomic(target, xml_bytes(keeling_xml(act, amended, made.reasons)))
        except UserError as err:
            out.append((target, f"not made again: {err}"))
            continue
        out.append((target, made))
    return out


def record(
    repo: BillRepo,
    message: str,
    amendments: list[str] | None,
    paper: str,
    bill: bytes | None = None,
) -> tuple[Version, list[tuple[Path, MadeOrWhy]]]:
    """A new version of the bill and its papers, with the Keeling schedule of each Act kept
    beside it made again first, once the version can be recorded (see
    :meth:`BillRepo.commit`). ``bill``: the bill to record (the bill as amended), written
    over the working copy's only then: a version that cannot be recorded (a merge left
    unfinished, another drafter committing) leaves the working copy as it was."""
    schedules: list[tuple[Path, MadeOrWhy]] = []

    def remake() -> None:
        if bill is not None:
            write_atomic(repo.bill_path, bill)
        schedules.extend(make_schedules(repo))

    version = repo.commit(message, amendments, paper, before_recording=remake)
    return version, schedules


def said(schedule: MadeOrWhy) -> str:
    """A schedule's line in what a command says: what was made, or why it was not."""
    return schedule.summary if isinstance(schedule, Made) else schedule


__all__ = ["Made", "add_act", "amended_act", "made_of", "make_schedules", "record", "said"]
