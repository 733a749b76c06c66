"""The Acts a bill repository keeps beside its bill (``acts/``), and the Keeling schedule of
each (``keeling/``): the Act as the working bill would amend it, in LawMaker's change markup,
made again with every version so that git's history holds what each print did to each Act."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.core.apply import Report, apply
from drafter.core.bill import Bill
from drafter.core.files import write_atomic, xml_bytes
from drafter.core.keeling import (
    KeelingError,
    KeelingRow,
    act_name_of,
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
    at = {row.source: row.affected_provision for row in rows}
    reasons = [
        (row.source, row.affected_provision, f"{row.source}: not made: {why}: {row.words}")
        for row, why in left
    ]
    for o in failed:
        source = o.number.split(" [")[0]
        reasons.append((source, at.get(source, ""), f"{o.number}: not made: {o.reason}"))
    return Made(len(rows), frozenset(unmade), tuple(reasons))


def amended_act(act: Bill, bill: Bill, name: str) -> tuple[Bill, Made]:
    """The Act as ``bill`` would amend it (apply's result, each change numbered by the
    bill's provision that makes it), and what of it was made."""
    rows = table_of_amendments(act, bill, name)
    paper, left = keeling_paper(act, rows)
    amended, report = apply(act, paper.amendments)
    return amended, made_of(rows, left, report)


def add_act(
    repo: BillRepo, file: str | os.PathLike[str], name: str | None = None
) -> tuple[Path, str]:
    """Keep the Act ``file`` beside the bill, as ``acts/<its name>.xml``: ``name`` as the bill
    names it, else found (KeelingError names the Acts the bill amends when it cannot be).
    Returns where it went and the Act's name."""
    data = read_file(file)
    act = Bill.from_bytes(data, file)
    name = name or act_name_of(act, Bill.load(repo.bill_path))
    if "/" in name or name.startswith("."):
        raise KeelingError(f"{name!r} cannot name a file of the repository: give the Act's name")
    folder = repository_path(repo.root, ACTS_DIR, directory=True)
    folder.mkdir(exist_ok=True)
    target = repository_path(repo.root, f"{ACTS_DIR}/{name}.xml")
    write_atomic(target, data)
    return target, name


def make_schedules(repo: BillRepo) -> list[tuple[Path, Made]]:
    """The Keeling schedule of every Act the repository keeps, made again from the working
    bill and written to ``keeling/<the Act's name>.xml``; that of an Act taken out of
    ``acts/`` is removed."""
    acts = repo.acts()
    folder = repository_path(repo.root, SCHEDULES_DIR, directory=True)
    if folder.is_dir():  # the schedule of an Act no longer kept goes with it
        kept = {path.name for path in acts}
        for stale in folder.glob("*.xml"):
            if stale.name not in kept:
                repository_path(repo.root, f"{SCHEDULES_DIR}/{stale.name}").unlink()
    if not acts:
        return []
    bill = Bill.load(repo.bill_path)
    folder.mkdir(exist_ok=True)
    out = []
    for path in acts:
        act = Bill.load(path)
        amended, made = amended_act(act, bill, path.stem)
        target = repository_path(repo.root, f"{SCHEDULES_DIR}/{path.name}")
        write_atomic(target, xml_bytes(keeling_xml(act, amended, made.reasons)))
        out.append((target, made))
    return out


def record(
    repo: BillRepo, message: str, amendments: list[str], paper: str
) -> tuple[Version, list[tuple[Path, Made]]]:
    """A new version of the bill and its papers, with the Keeling schedule of each Act kept
    beside it made again first (see :meth:`BillRepo.commit`)."""
    schedules = make_schedules(repo)
    return repo.commit(message, amendments, paper), schedules


__all__ = ["Made", "add_act", "amended_act", "made_of", "make_schedules", "record"]
