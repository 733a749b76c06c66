"""The vocabulary of amendments: small immutable values, one per operation the House uses.

An :class:`Amendment` is what a drafter tables: a number, sponsors, an optional explanatory
statement, a status, *where* it bites (:class:`Target`, as cited: clause, page, line) and
*what* it does (one or more operations). The operations mirror the House's own wording forms
(see DESIGN.md): the parser in :mod:`drafter.core.wording` reads them from words and the
renderer writes them back; :mod:`drafter.core.paper` reads and writes them as papers; apply
and compare build on them. Values only: nothing here knows about a bill.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

#: the quotation marks the House's papers use
OPEN, CLOSE = "“", "”"


class Status(StrEnum):
    """Where an amendment stands in the House."""

    TABLED = "tabled"
    AGREED = "agreed"
    NEGATIVED = "negatived"
    WITHDRAWN = "withdrawn"
    NOT_MOVED = "not moved"
    NOT_CALLED = "not called"


@dataclass(frozen=True)
class Words:
    """Words quoted from the bill (“a service”), with the occurrence on the line when the
    House has to say which one ("the second “and”"; -1 for "the last “and”")."""

    text: str
    occurrence: int | None = None


@dataclass(frozen=True)
class Table:
    """A table in inserted structure (a table in a new clause, or entries put into a table of
    another Act): each row's cells, as words; the first ``head`` rows are its heading."""

    rows: tuple[tuple[str, ...], ...]
    head: int = 0

    @property
    def cells(self) -> list[str]:
        """Every cell's words, as printed: row by row."""
        return [cell for row in self.rows for cell in row]


@dataclass(frozen=True)
class Block:
    """One unit of inserted structure: a new clause, subsection, paragraph, Schedule
    paragraph … with its number as printed ("(aa)", "(2A)", "( )", "" when unnumbered), its
    heading (new clauses and Schedules), its own words and the units inside it.
    ``wrap_up`` holds words that follow the units (text after a list of paragraphs).
    A table is a unit of its own (``table``, and nothing else): one printed after a unit's
    words is its first child; rows put into another Act's table are a quotation's unit."""

    num: str = ""
    heading: str = ""
    text: str = ""
    children: tuple[Block, ...] = ()
    wrap_up: str = ""
    table: Table | None = None


#: What an amendment puts in: words in quotation marks, or structure after an em dash.
Inserted = str | tuple[Block, ...]


# Where a unit's words stand, to put quotation marks on units: the opening mark goes on the
# first thing printed (number, else heading, else words, else a table's first cell), the
# closing mark after the last (wrap-up, else the last unit's last words, else the last cell of
# the unit's table, else the unit's own words, heading or number).

#: A string of a unit: a field's name, a child's index then the slot in it, or
#: ("cell", row, column)
Slot = tuple[int | str, ...]


def heading_first(b: Block) -> bool:
    """Is ``b``'s heading printed above its number, as a subsection's is (not beside it, as a
    clause's is)?"""
    return bool(b.heading) and b.num.startswith(("(", OPEN + "("))


def first_slot(b: Block) -> Slot:
    """Where the first thing printed of ``b`` stands."""
    if b.num and not heading_first(b):
        return ("num",)
    if b.heading:
        return ("heading",)
    return ("cell", 0, 0) if b.table is not None else ("text",)


def last_slot(b: Block) -> Slot:
    """Where the last thing printed of ``b`` stands."""
    if b.wrap_up:
        return ("wrap_up",)
    if b.children:
        return (len(b.children) - 1, *last_slot(b.children[-1]))
    if b.table is not None:
        rows = b.table.rows
        return ("cell", len(rows) - 1, len(rows[-1]) - 1)
    if b.text:
        return ("text",)
    if b.heading and not heading_first(b):
        return ("heading",)
    return ("num",) if b.num else ("text",)


def slot_text(b: Block, slot: Slot) -> str:
    """The string of ``b`` at ``slot``."""
    head, *rest = slot
    if isinstance(head, int):
        return slot_text(b.children[head], tuple(rest))
    if head == "cell" and b.table is not None:
        row, column = rest
        return b.table.rows[int(row)][int(column)]
    value: str = getattr(b, head)
    return value


def with_slot_text(b: Block, slot: Slot, value: str) -> Block:
    """``b`` with ``value`` as its string at ``slot``."""
    head, *rest = slot
    if isinstance(head, int):
        kids = list(b.children)
        kids[head] = with_slot_text(kids[head], tuple(rest), value)
        return replace(b, children=tuple(kids))
    if head == "cell" and b.table is not None:
        r, c = (int(x) for x in rest)
        rows = [list(row) for row in b.table.rows]
        rows[r][c] = value
        return replace(b, table=replace(b.table, rows=tuple(tuple(row) for row in rows)))
    if head == "num":
        return replace(b, num=value)
    if head == "heading":
        return replace(b, heading=value)
    if head == "wrap_up":
        return replace(b, wrap_up=value)
    return replace(b, text=value)


def quoted(units: tuple[Block, ...]) -> tuple[Block, ...]:
    """``units`` as one quotation: the opening mark before the first thing printed, the
    closing mark after the last."""
    if not units:
        return units
    first, last = first_slot(units[0]), last_slot(units[-1])
    marked = [with_slot_text(units[0], first, OPEN + slot_text(units[0], first)), *units[1:]]
    marked[-1] = with_slot_text(marked[-1], last, slot_text(marked[-1], last) + CLOSE)
    return tuple(marked)


# --- operations on words of a cited line -----------------------------------------------------


@dataclass(frozen=True)
class LeaveOut:
    """leave out “x”"""

    words: Words


@dataclass(frozen=True)
class Substitute:
    """leave out “x” and insert “y”"""

    words: Words
    insert: Inserted


@dataclass(frozen=True)
class InsertBefore:
    """before “x” insert “y”"""

    anchor: Words
    insert: Inserted


@dataclass(frozen=True)
class InsertAfter:
    """after “x” insert “y”"""

    anchor: Words
    insert: Inserted


@dataclass(frozen=True)
class InsertAtBeginning:
    """at beginning insert “y” (before the cited line's first word)"""

    insert: Inserted


@dataclass(frozen=True)
class InsertAtEnd:
    """at end insert “y” / at end insert— (aa) … (after the cited line's last word)"""

    insert: Inserted


@dataclass(frozen=True)
class LeaveOutRange:
    """leave out from “x” to “y” [in line N] [and insert …]. The anchors stay; only the words
    between them go. ``start`` None means "from beginning" (of the cited line); ``end`` None
    means "to end of line N" (``end_line``, or the cited line when it is None). ``end_page``
    is set when the range runs on to another page ("to “of” in line 1 on page 351").
    ``start_line`` is the line named in "from beginning of line 31" (the citation then names
    only the page); ``end_of`` the provision named in "to the end of subsection (1)", as
    (kind, number), number "" for "to the end of the subsection"."""

    start: Words | None
    end: Words | None
    end_line: int | None = None
    insert: Inserted | None = None
    end_page: int | None = None
    start_line: int | None = None
    end_of: tuple[str, str] | None = None


@dataclass(frozen=True)
class LeaveOutLines:
    """leave out lines 20 to 23 [and insert …] / leave out line 4"""

    first: int
    last: int
    insert: Inserted | None = None


# --- operations on provisions ---------------------------------------------------------------


@dataclass(frozen=True)
class LeaveOutProvisions:
    """leave out subsection (5) / paragraphs (b) and (c) / paragraphs (b) to (d)
    [and insert …]. ``numbers`` as written, without brackets; ``through`` is True for a range
    ("(b) to (d)": numbers holds the two ends)."""

    kind: str  # "subsection", "paragraph", "sub-paragraph"
    numbers: tuple[str, ...]
    through: bool = False
    insert: Inserted | None = None


@dataclass(frozen=True)
class LeaveOutClause:
    """leave out Clause 69"""

    number: str


@dataclass(frozen=True)
class LeaveOutSchedule:
    """leave out Schedule 3"""

    number: str


@dataclass(frozen=True)
class NewClause:
    """To move the following Clause— (Commons) / After Clause 84, insert the following new
    Clause— (Lords). ``clause`` holds the heading and the subsections."""

    clause: Block
    after: str | None = None  # the anchor clause's number, when the wording names one
    before: str | None = None  # "Before Clause 1, insert the following new Clause—"


@dataclass(frozen=True)
class NewSchedule:
    """To move the following Schedule— / After Schedule 2, insert the following new
    Schedule—"""

    schedule: Block
    after: str | None = None
    before: str | None = None


@dataclass(frozen=True)
class StandPart:
    """Notice of opposition: the clause (or Schedule) "stand part of the Bill"."""

    clause: str | None = None
    schedule: str | None = None


Operation = (
    LeaveOut
    | Substitute
    | InsertBefore
    | InsertAfter
    | InsertAtBeginning
    | InsertAtEnd
    | LeaveOutRange
    | LeaveOutLines
    | LeaveOutProvisions
    | LeaveOutClause
    | LeaveOutSchedule
    | NewClause
    | NewSchedule
    | StandPart
)


@dataclass(frozen=True)
class Target:
    """Where an amendment bites, as the wording cites it. ``amendment`` is set for an
    amendment to an amendment ("Line 3 of amendment 5"): ``line`` is then a line of that
    amendment, and there is no page. A line with neither page nor amendment ("Line 25, at end
    insert—") is a line of the amendment that the paper's heading names ("As Amendments to …
    (Gov NC4):—"); the paper reader fills ``amendment`` in from that heading."""

    clause: str | None = None
    schedule: str | None = None  # "" for the only, unnumbered Schedule
    page: int | None = None
    line: int | None = None
    amendment: str | None = None
    paragraph: str | None = None  # "Schedule 9, paragraph 4, page …": the Schedule paragraph
    title: bool = False  # "Title, line 9, …": a line of the long title, not of the body


@dataclass(frozen=True)
class Amendment:
    """One amendment as tabled. ``style`` is the wording's house style: "" for Westminster's,
    "sp" for the Scottish Parliament's ("In section 1, page 1, line 8, leave out <x>").
    ``warnings`` say what the reader assumed where the printed words were ambiguous (a
    misplaced quotation mark), and how to write them unambiguously; they are not part of
    what the amendment means, so they play no part in equality."""

    number: str
    operations: tuple[Operation, ...]
    target: Target = field(default_factory=Target)
    sponsors: tuple[str, ...] = ()
    explanatory_statement: str = ""
    status: Status = Status.TABLED
    style: str = ""
    warnings: tuple[str, ...] = field(default=(), compare=False)
    #: the print whose pages and lines it cites, when not the paper's own: an amendment that
    #: a rebase could not carry onto the paper's new print keeps the old citation, and says so
    cites: str = ""
    #: why its words could not be read, when they could not ("col 3: expected …"; it then
    #: has no operations)
    unread: str = field(default="", compare=False)

    @property
    def type(self) -> str:
        """LawMaker's ``ukl:type`` for this amendment (its first operation)."""
        return operation_type(self.operations[0]) if self.operations else "unknown"


def cited_line(amendment: Amendment) -> int | None:
    """The line an amendment bites on, as LawMaker's ``targetPage`` records it: the line its
    citation names, else the first of "leave out lines 20 to 23", else the one "leave out
    from beginning of line 31" names."""
    line = amendment.target.line
    op = amendment.operations[0] if amendment.operations else None
    if line is None and isinstance(op, LeaveOutLines):
        return op.first
    if line is None and isinstance(op, LeaveOutRange):
        return op.start_line
    return line


def operation_type(op: Operation) -> str:
    """LawMaker's ``ukl:type`` names where one applies, else a descriptive camelCase name."""
    match op:
        case LeaveOut():
            return "leaveOut"
        case Substitute():
            return "substitute"
        case InsertBefore() | InsertAfter() | InsertAtBeginning() | InsertAtEnd():
            return "insert"
        case LeaveOutRange() | LeaveOutLines() | LeaveOutProvisions():
            return "leaveOut" if op.insert is None else "substitute"
        case LeaveOutClause():
            return "leaveOutClause"
        case LeaveOutSchedule():
            return "leaveOutSchedule"
        case NewClause():
            return "newClause"
        case NewSchedule():
            return "newSchedule"
        case StandPart():
            return "clauseStandPart" if op.clause is not None else "scheduleStandPart"
    raise TypeError(f"not an operation: {op!r}")
