"""An amendment paper or marshalled list as the House prints it: the model its documents are
set from (HTML and PDF through the templates, Word).

The House's layout (DESIGN.md, "Printed documents"; LawMaker's own print of a list is in
``../shared/data/prints/``): a title block (bill, stage, date), then each amendment with its
number (or, on a list of draft amendments, its reference: "[HoC18]") and any star, the
proposer in bold with the supporters under the name in groups (six names to a group, the
proposer's included), the instruction, the inserted text set as the print sets it (numbers
hanging, the clause's heading in bold, in quotation marks), and the member's explanatory
statement under its heading. Amendments come in the paper's own order, which is its
marshalled order, except that withdrawn ones go to the end. The Lords group amendments under
the clause they amend ("Clause 5", "After Clause 12"); the Commons do not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from drafter.core.akn import AKN, CELL_TAGS, ROW_TAGS
from drafter.core.amendment import (
    Block,
    LeaveOutClause,
    LeaveOutSchedule,
    NewClause,
    NewSchedule,
    StandPart,
    Status,
)
from drafter.core.bill import Bill
from drafter.core.paper import (
    Entry,
    Paper,
    PaperInfo,
    clause_holding,
    known,
    line_bitten,
    long_date,
)
from drafter.core.wording import typeset_marks
from drafter.core.xml import parse_bytes

#: names set in one group under an amendment, the proposer's included
GROUP = 6
_OPEN, _CLOSE = "“", "”"


@dataclass(frozen=True)
class Unit:
    """One unit of inserted text as printed: its depth (0 for a new clause's heading, 1 for its
    subsections …), number, heading and words; ``after`` marks the words that follow a list
    of paragraphs (set back at the unit's own indent)."""

    depth: int
    num: str = ""
    heading: str = ""
    text: str = ""
    after: bool = False
    #: a table's rows of cells (the unit has nothing else), the first ``head`` its heading
    rows: tuple[tuple[str, ...], ...] = ()
    head: int = 0


@dataclass(frozen=True)
class PrintedAmendment:
    """One amendment as printed."""

    number: str
    star: str
    names: tuple[tuple[str, ...], ...]  # groups of names, the proposer first
    context: str
    instruction: str
    units: tuple[Unit, ...]
    after: str
    statement: tuple[str, ...]
    status: str  # "" while tabled
    #: the note on an amendment a rebase could not carry onto this print ("" for none)
    cites: str


@dataclass(frozen=True)
class Group:
    """Amendments printed under one heading ("Clause 5"; "" for none)."""

    heading: str
    amendments: tuple[PrintedAmendment, ...]


@dataclass(frozen=True)
class Statement:
    """A paragraph of another part of the paper (the order of consideration): a heading,
    or words with their number."""

    heading: bool
    num: str
    text: str
    #: a table's row: its cells' words, side by side (``text`` is them joined)
    cells: tuple[str, ...] = ()


@dataclass(frozen=True)
class PrintedPaper:
    title: str
    stage: str
    house: str
    date: str  # as printed: "Monday 4 September 2023"
    heading: str  # "(Amendment Paper)"
    notes: tuple[str, ...]
    statements: tuple[Statement, ...]
    groups: tuple[Group, ...]
    withdrawn: tuple[PrintedAmendment, ...]
    lords: bool = False  # a Lords paper: set as the Lords print theirs
    #: a Lords paper's amendments whose clause is not known (cited by page and line alone,
    #: with no bill to look the line up in, or a line the bill does not have): the paper is
    #: printed without clause headings, rather than with these under another's heading
    unplaced: tuple[str, ...] = ()

    @property
    def amendments(self) -> Iterator[PrintedAmendment]:
        """Every amendment, in printed order."""
        for group in self.groups:
            yield from group.amendments
        yield from self.withdrawn


def printed_paper(paper: Paper, bill: Bill | None = None) -> PrintedPaper:
    """The paper as the House prints it. A Lords list puts each amendment under the heading
    of its place ("Clause 5", "After Clause 12", "Title"); an amendment cited by page and
    line alone is put under its clause's with the ``bill`` the paper is for. When the place
    of any amendment is not known (no bill, or one without its line), no heading is printed:
    under the heading before it the amendment would read as amending that clause."""
    info = paper.info
    lords = "lords" in info.house.lower() or info.kind.startswith("hl")
    kept: list[tuple[str, PrintedAmendment]] = []
    withdrawn: list[PrintedAmendment] = []
    unplaced: list[str] = []
    heading = ""
    for entry in paper.entries:
        printed = _amendment(entry)
        if entry.amendment.status == Status.WITHDRAWN:
            withdrawn.append(printed)
            continue
        if lords and not entry.amendment.target.amendment:
            heading = _place_heading(entry, bill)  # "" when its place is not known
            if not heading:
                unplaced.append(entry.number)
        kept.append((heading if lords else "", printed))
    if unplaced:
        kept = [("", printed) for _, printed in kept]
    groups: list[Group] = []
    for heading, printed in kept:
        if groups and groups[-1].heading == heading:
            groups[-1] = Group(heading, (*groups[-1].amendments, printed))
        else:
            groups.append(Group(heading, (printed,)))
    return PrintedPaper(
        title=", ".join(filter(None, (known(info.title), info.title_note)))
        or (bill.metadata.title if bill else ""),
        stage=known(info.stage),
        house=info.house,
        date=long_date(info.date),
        heading=info.heading,
        notes=info.notes or _print_cited(info),
        statements=tuple(s for xml in paper.statements for s in _statements(xml)),
        groups=tuple(groups),
        withdrawn=tuple(withdrawn),
        lords=lords,
        unplaced=tuple(unplaced),
    )


def _print_cited(info: PaperInfo) -> tuple[str, ...]:
    """The legend a House's list prints under its title, for a paper typed without one: the
    print whose page and line numbers it cites (a typed paper's PDF did not say which). A
    paper LawMaker made keeps its own legend, or none."""
    if info.kind or not known(info.bill_number):
        return ()
    which = f", the bill {info.version[:1].lower()}{info.version[1:]}" if info.version else ""
    return (f"[The page and line references are to {info.bill_number}{which}.]",)


def _amendment(entry: Entry) -> PrintedAmendment:
    a = entry.amendment
    names = a.sponsors
    groups = [names[i : i + GROUP] for i in range(0, len(names), GROUP)]
    units = list(_units(entry.structure, 0 if _new_provision(entry) else 1))
    instruction = _as_printed(entry.wording)
    if units:
        # the marks around the amendment's own inserted text, as LawMaker prints them: the
        # opening one unless the words before it opened the quotation ("insert “, and—")
        if instruction.count(_OPEN) <= instruction.count(_CLOSE):
            units[0] = _opened(units[0])
        units[-1] = _closed(units[-1])
    return PrintedAmendment(
        number=a.number,
        star=entry.star,
        names=tuple(tuple(g) for g in groups),
        context=entry.context,
        instruction=instruction,
        units=tuple(units),
        after=entry.after,
        statement=tuple(p for p in a.explanatory_statement.split("\n") if p.strip()),
        status="" if a.status == Status.TABLED else str(a.status),
        cites=f"Still cites {a.cites}: not yet carried onto this print." if a.cites else "",
    )


def _as_printed(wording: str) -> str:
    """An instruction as the House prints it, however it was typed: its quotation marks and
    apostrophes curly and the right way round, its first word with a capital ("clause 1,
    page 1, … "2 years"" and "… leave out ”may“" are printed "Clause 1, page 1, … “2
    years”" and "… leave out “may”", as the check read them). The words are not otherwise
    changed."""
    printed = _TURNED_PAIR.sub(f"{_OPEN}\\1{_CLOSE}", typeset_marks(wording))
    printed = _TURNED_CLOSE.sub(_CLOSE, _TURNED_OPEN.sub(_OPEN, printed))
    return printed[:1].upper() + printed[1:]


#: quoted words typed ”…“, both marks turned, whatever the words begin with (”£5“, ”(b)“,
#: ”, and“: the check reads each as “…”; the marks one by one, below, would turn the “ only)
_TURNED_PAIR = re.compile(r"(?:^|(?<=[\s(\[—–]))”([^\s“”](?:[^“”\n]*[^\s“”])?)“(?=$|[\s.,;:)\]])")
#: a ” typed to open quoted words (after a space or the start, before a word) …
_TURNED_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–]))”(?=\w)")
#: … and a “ typed to close them (after a word or its stop, before a space, stop or the end)
_TURNED_CLOSE = re.compile(r"(?<=[\w.,;:)\]])“(?=$|[\s.,;:)\]])")


def _new_provision(entry: Entry) -> bool:
    ops = entry.amendment.operations
    return bool(ops) and isinstance(ops[0], NewClause | NewSchedule)


def _units(blocks: Sequence[Block], depth: int) -> Iterator[Unit]:
    for block in blocks:
        if block.table is not None:
            yield Unit(depth, rows=block.table.rows, head=block.table.head)
            continue
        yield Unit(depth, block.num, block.heading, block.text)
        yield from _units(block.children, depth + 1)
        if block.wrap_up:
            yield Unit(depth + (1 if block.num else 0), text=block.wrap_up, after=True)


def _opened(unit: Unit) -> Unit:
    """The opening quotation mark goes before the first thing printed: number, heading or
    words."""
    if unit.rows:
        return replace(unit, rows=_cell_marked(unit.rows, 0, 0, _OPEN))
    if unit.num:
        return replace(unit, num=_OPEN + unit.num)
    if unit.heading:
        return replace(unit, heading=_OPEN + unit.heading)
    return replace(unit, text=_OPEN + unit.text)


def _closed(unit: Unit) -> Unit:
    if unit.rows:
        return replace(unit, rows=_cell_marked(unit.rows, -1, -1, _CLOSE))
    if unit.text:
        return replace(unit, text=unit.text + _CLOSE)
    return replace(unit, heading=unit.heading + _CLOSE)


def _cell_marked(
    rows: tuple[tuple[str, ...], ...], row: int, column: int, mark: str
) -> tuple[tuple[str, ...], ...]:
    """``rows`` with ``mark`` before the first cell's words (``row`` 0) or after the last's."""
    cells = [list(r) for r in rows]
    words = cells[row][column]
    cells[row][column] = mark + words if row == 0 else words + mark
    return tuple(tuple(r) for r in cells)


def _place_heading(entry: Entry, bill: Bill | None) -> str:
    """The heading a Lords list prints an amendment under: the clause or Schedule it amends,
    or "After Clause 12" for a new clause."""
    a = entry.amendment
    op = a.operations[0] if a.operations else None
    if isinstance(op, NewClause | NewSchedule):
        noun = "Clause" if isinstance(op, NewClause) else "Schedule"
        if op.after:
            return f"After {noun} {op.after}"
        if op.before:
            return f"Before {noun} {op.before}"
        return ""
    if isinstance(op, LeaveOutClause):
        return f"Clause {op.number}"
    if isinstance(op, LeaveOutSchedule):
        return f"Schedule {op.number}".strip()
    if isinstance(op, StandPart):
        return f"Clause {op.clause}" if op.clause else f"Schedule {op.schedule or ''}".strip()
    t = a.target
    if t.clause:
        return f"Clause {t.clause}"
    if t.schedule is not None:
        return f"Schedule {t.schedule}".strip()
    if t.title:
        return "Title"
    line = line_bitten(bill, a) if bill is not None else None  # not line 1 of a page cited
    top = clause_holding(bill, line) if bill is not None and line is not None else None
    if top is None:  # LawMaker's own record of the provision, where the paper has one
        return _provision_targeted(entry.lawmaker.target_provision if entry.lawmaker else "")
    noun = "Clause" if top.kind == "clause" else "Schedule"
    return f"{noun} {top.number}".strip()


_TARGETED = re.compile(r"(sec|sch)_(\w+?)(?:__.*)?")


def _provision_targeted(eid: str) -> str:
    """The clause or Schedule LawMaker's ``targetProvision`` names ("sec_12" is Clause 12,
    "sch_2__para_3" Schedule 2); "" for anything else (an amendment's, "amnd_NC4")."""
    m = _TARGETED.fullmatch(eid)
    if m is None:
        return ""
    return f"{'Clause' if m.group(1) == 'sec' else 'Schedule'} {m.group(2)}"


def _statements(xml: str) -> Iterator[Statement]:
    """The headings and numbered paragraphs of another component of the paper (LawMaker's
    order of consideration), in order."""
    root = parse_bytes(xml.encode(), "<statement>").getroot()
    for el in root.iter(AKN + "heading", AKN + "p", *ROW_TAGS):
        if any(a.tag == AKN + "meta" or a.tag in ROW_TAGS for a in el.iterancestors()):
            continue  # a cell's words are its row's
        if el.tag in ROW_TAGS:  # a table (the witnesses a programme motion names): row by row
            cells = tuple(
                " ".join("".join(cell.itertext()).split()) for cell in el if cell.tag in CELL_TAGS
            )
            if any(cells):
                yield Statement(False, "", " ".join(c for c in cells if c), cells)
            continue
        text = " ".join("".join(el.itertext()).split())
        if not text:
            continue
        if el.tag == AKN + "heading":
            yield Statement(True, "", text)
            continue
        num = el.getprevious()
        number = ""
        if num is not None and num.tag == AKN + "num":
            number = " ".join("".join(num.itertext()).split())
        yield Statement(False, number, text)
