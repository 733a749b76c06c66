"""The model of an amendment paper: its metadata, its entries, and building entries from words.

A :class:`Paper` is the paper's metadata (bill, print, House, stage, date) and its amendments in
paper order. Each :class:`Entry` keeps the amendment's words as the paper prints them — the
instruction up to any inserted structure, the structure as :class:`~drafter.core.amendment.Block`
units, and any words after it — beside the :class:`~drafter.core.amendment.Amendment` that
:func:`drafter.core.wording.parse_amendment` reads from them. Papers are written from the
words, never re-rendered from the meaning, so that what the House printed is what we write back.

Quotation marks: the marks that open and close an amendment's own inserted structure are not
part of the units (they are not inserted into the bill) and are put back when a paper is
written. Marks *inside* inserted text are text: a new clause that inserts a subsection into an
Act holds its quotation as printed, the opening mark before the first quoted unit's number
(``“(3A)``) and the closing mark after the last quoted words (``… Act.”;``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

from drafter.core.amendment import Amendment, Block, NewClause, NewSchedule, Status
from drafter.core.bill import Bill, same_name
from drafter.core.errors import UserError
from drafter.core.etree import etree
from drafter.core.phrases import named
from drafter.core.wording import WordingError, amendment_context, parse_amendment, render

OPEN, CLOSE = "“", "”"


class PaperError(UserError, ValueError):
    """A paper drafter cannot read or write, with the file, line and amendment concerned."""

    def __init__(
        self, path: str, reason: str, line: int = 0, amendment: str = "", column: int = 0
    ) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        self.amendment = amendment
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        where += f":{self.column}" if self.line and self.column else ""
        about = f"amendment {self.amendment}: " if self.amendment else ""
        return f"{where}: {about}{self.reason}"


# --- the model -------------------------------------------------------------------------------


def known(value: str) -> str:
    """A value LawMaker filled in; "" for one still holding a placeholder ("Bill #varX")."""
    return "" if "#var" in value else value


def another_bill(info: PaperInfo, title: str, bill_number: str) -> tuple[str, str] | None:
    """When a paper says it is for another bill than the one with this ``title`` and
    ``bill_number``: what it says ("HL Bill 54", or "the Energy Bill" when only titles can
    be compared) and what the bill is, said alike; None when nothing says so."""
    number, named = known(info.bill_number), known(info.title)
    if number and bill_number:
        return None if same_name(number, bill_number) else (number, bill_number)
    if named and title and not same_name(named, title):
        return f"the {named}", f"the {title}"
    return None


def cited_elsewhere(info: PaperInfo, paper_name: str, bill: Bill) -> str | None:
    """Why a paper's amendments cannot be applied to ``bill``: the paper says it is for
    another bill, or another print of this one, so its page and line references are to that
    print. None when nothing says so."""
    if info.kind == KEELING:  # made from the Act itself, titled by the name the bill gives it
        return None
    m = bill.metadata
    differ = another_bill(info, m.title, m.bill_number)
    if differ is None:
        return None
    return (
        f"{paper_name} is for {differ[0]}, but {bill.path} is {differ[1]}: its page and line "
        "references are to another print"
    )


def is_reference(number: str) -> bool:
    """Is this a draft amendment's reference ("[HoC18]") rather than a number? A list of
    draft amendments carries LawMaker's reference until it is marshalled and numbered."""
    return len(number) > 2 and number[0] == "[" and number[-1] == "]"


#: the kind of paper a Keeling schedule's changes make (drafter's own: the amendments are the
#: provisions of a bill that amend an Act, named by their citation, "s. 28(2)(a)")
KEELING = "keeling"


def reads_as_sentence(name: str) -> bool:
    """Does a member's name read as a sentence (an explanatory statement typed among the
    names)? A member is named in a few words, "Baroness Ashworth of Kew", "The Lord Bishop of
    St Albans", never with a full stop at the end."""
    return len(name.split()) > 8 or name.rstrip().endswith(".")


@dataclass(frozen=True)
class PaperInfo:
    """What the paper says about itself (LawMaker keeps these as ``TLC`` references)."""

    title: str = ""  # the bill: "Energy Bill [HL]"
    bill_number: str = ""  # the print cited: "Bill 340", "HL Bill 101"
    version: str = ""  # which print that is: "As amended in Public Bill Committee"
    house: str = ""  # "House of Commons"
    stage: str = ""  # "Report Stage", "Grand Committee"
    date: str = ""  # publication date, ISO: "2023-09-04"
    session: str = ""  # "58/3"
    project: str = ""  # LawMaker's project id: "UK000258"
    kind: str = ""  # LawMaker's document type: hcamnd, hcmarsh, hlamnd, hlmarsh (or KEELING)
    heading: str = ""  # the list's own heading: "(Amendment Paper)"
    #: what the list's title adds after the bill's: "As Amended" (a Commons report list's
    #: "Energy Bill [HL], As Amended")
    title_note: str = ""
    notes: tuple[str, ...] = ()  # the legend under it


@dataclass(frozen=True)
class LawMaker:
    """Attributes LawMaker recorded for an amendment, as read from its XML. They are written
    back unchanged; an entry without them (typed, or changed) has them computed instead."""

    type: str = ""
    target_page: str = ""
    target_provision: str = ""
    dnum: str = ""  # LawMaker's internal number for the amendment ("OPC952", "HoC138")


@dataclass(frozen=True)
class Entry:
    """One amendment on a paper: its meaning and the words it is printed in.

    ``wording`` is the instruction up to any inserted structure ("Clause 1, page 3, line 2, at
    end insert—", or "… at end insert “, and" when the quotation opens in the words); the whole
    instruction when there is none. ``structure`` holds the inserted units, ``after`` any words
    after them. ``context`` is the heading printed above it ("As Amendments to … (Gov NC4):—").
    ``amends`` names the amendment this one amends when neither its words nor a heading above
    it do. ``problem`` says why the words could not be parsed (the amendment then has no
    operations), with the file, line and amendment ("paper.txt:36: amendment 11, col 17:
    expected …"); ``problem_reason`` says it without them ("col 17: expected …"), for a list
    that names the amendment itself."""

    amendment: Amendment
    wording: str
    structure: tuple[Block, ...] = ()
    after: str = ""
    star: str = ""  # ☆ / ★ beside the number (LawMaker's statusIndicator)
    member_in_charge: str = ""  # "gov" for a government amendment
    context: str = ""
    amends: str = ""
    sort_key: str = ""  # LawMaker's targetSortKey when given; "" = computed when written
    lawmaker: LawMaker | None = None
    problem: str = ""
    problem_reason: str = ""

    @property
    def number(self) -> str:
        return self.amendment.number


@dataclass(frozen=True)
class Paper:
    """An amendment paper or marshalled list: metadata and amendments in paper order.
    ``statements`` keeps LawMaker's other components (the order of consideration) as XML, so
    that an XML paper is written back whole; the text format does not hold them."""

    info: PaperInfo = field(default_factory=PaperInfo)
    entries: tuple[Entry, ...] = ()
    statements: tuple[str, ...] = ()

    @property
    def amendments(self) -> tuple[Amendment, ...]:
        """The amendments, in paper order."""
        return tuple(e.amendment for e in self.entries)

    def statement_titles(self) -> list[str]:
        """What each of the paper's other components is, by its opening words ("Order of the
        House [15 May 2023]"): what a text paper written from it leaves out."""
        titles = []
        for statement in self.statements:
            words = " ".join("".join(etree.fromstring(statement).itertext()).split())
            end = words.find("]") + 1
            titles.append(words[:end] if 0 < end <= 80 else " ".join(words.split()[:8]) + " …")
        return titles

    @property
    def problems(self) -> tuple[str, ...]:
        """Why some amendments' words could not be parsed, one message each."""
        return tuple(e.problem for e in self.entries if e.problem)

    def entry(self, number: str) -> Entry:
        """The entry for amendment ``number``; KeyError if the paper has none."""
        for e in self.entries:
            if e.number == number:
                return e
        raise KeyError(number)


# --- building entries ------------------------------------------------------------------------


def make_entry(
    number: str,
    wording: str,
    structure: tuple[Block, ...] = (),
    *,
    after: str = "",
    sponsors: tuple[str, ...] = (),
    explanatory_statement: str = "",
    status: Status = Status.TABLED,
    star: str = "",
    member_in_charge: str = "",
    context: str = "",
    amends: str = "",
    context_amends: str | None = None,
    sort_key: str = "",
    lawmaker: LawMaker | None = None,
    cites: str = "",
    strict: bool = False,
    where: tuple[str, int] = ("<paper>", 0),
) -> Entry:
    """An entry from a paper's words: parse them, then add what the paper says around them.

    An amendment citing a line with neither page nor amendment ("Line 25, at end insert—")
    amends the one that ``amends`` names, else the one named by its ``context`` heading or
    the last such heading above it (``context_amends``). With ``strict`` a wording that does
    not parse raises :class:`PaperError` at ``where`` (path, line); otherwise the entry
    records the problem."""
    path, line = where
    if context:
        context_amends = amendment_context(context) or context_amends
    problem = problem_reason = ""
    try:
        parsed = parse_amendment(wording, number, structure or None)
    except WordingError as err:
        if strict:
            raise PaperError(path, f"{err}", line) from None
        problem = f"{path}:{line}: {err}" if line else f"{path}: {err}"
        problem_reason = str(WordingError(err.text, err.offset, err.expected))  # no number
        parsed = Amendment(number, (), unread=problem_reason)
    target = parsed.target
    if (
        target.amendment is None
        and target.page is None
        and target.line is not None
        and context_amends
    ):
        target = replace(target, amendment=context_amends)
    if amends and target.amendment != amends:
        target = replace(target, amendment=amends)
    else:
        amends = ""
    amendment = replace(
        parsed,
        number=number,
        target=target,
        sponsors=sponsors,
        explanatory_statement=explanatory_statement,
        status=status,
        cites=cites,
    )
    return Entry(
        amendment=amendment,
        wording=wording,
        structure=structure,
        after=after,
        star=star,
        member_in_charge=member_in_charge,
        context=context,
        amends=amends,
        sort_key=sort_key,
        lawmaker=lawmaker,
        problem=problem,
        problem_reason=problem_reason,
    )


def entry_from_amendment(amendment: Amendment) -> Entry:
    """An entry for an amendment built in code: its canonical words, with inserted structure
    kept as units (so that a paper written from it holds a real ``quotedStructure``)."""
    structure = _structure_of(amendment)
    wording = render(amendment)
    if structure:
        # The rendered words end "…—" or "…— “<structure on one line>”": find the lead-in that
        # reads back, with the units, as this very amendment.
        for cut in reversed([m.end() for m in re.finditer("—", wording)]):
            lead = wording[:cut]
            try:
                again = parse_amendment(lead, amendment.number, structure)
            except WordingError:
                continue
            if _same_meaning(again, amendment):
                wording = lead
                break
        else:
            structure = ()
    entry = make_entry(
        amendment.number,
        wording,
        structure,
        sponsors=amendment.sponsors,
        explanatory_statement=amendment.explanatory_statement,
        status=amendment.status,
        amends=amendment.target.amendment or "",
    )
    return replace(entry, amendment=amendment)


def _same_meaning(a: Amendment, b: Amendment) -> bool:
    return a.operations == b.operations and a.target == b.target


def _structure_of(amendment: Amendment) -> tuple[Block, ...]:
    if len(amendment.operations) != 1:
        return ()
    op = amendment.operations[0]
    if isinstance(op, NewClause):
        return (op.clause,)
    if isinstance(op, NewSchedule):
        return (op.schedule,)
    inserted = getattr(op, "insert", None)
    if isinstance(inserted, tuple):
        return inserted
    return ()


#: the statuses of an amendment whose question was never put: it pre-empts nothing
_NOT_PUT = frozenset({Status.WITHDRAWN, Status.NOT_MOVED, Status.NOT_CALLED})


def same_as(amendments: Sequence[Amendment]) -> dict[str, str]:
    """Each amendment that does what an amendment before it on the paper does (the same
    words at the same place, whoever's names it bears), to the number of the first that
    does. The House takes one of them: the others are pre-empted when it is made. Names
    added to the first, not a second amendment, are how a member supports it. The place is
    that of the print cited (an amendment still citing an older print cites another); an
    amendment withdrawn, not moved or not called pre-empts nothing."""
    first: dict[tuple[object, ...], str] = {}
    repeats: dict[str, str] = {}
    for a in amendments:
        if not a.operations:  # not read: nothing to compare
            continue
        if a.status in _NOT_PUT:
            continue
        earlier = first.setdefault((a.target, a.cites, a.operations), a.number)
        if earlier != a.number:
            repeats[a.number] = earlier
    return repeats


class NotOnPaper(UserError, ValueError):
    """Amendments were picked by number that the paper does not have."""


def select(amendments: Sequence[Amendment], only: Collection[str] | None) -> list[Amendment]:
    """The amendments ``only`` names, in the paper's order (all when None). A draft amendment
    is named by its reference, with or without brackets: [HoC18], HoC18. NotOnPaper names
    the numbers the paper lacks, and the numbers it has."""
    if only is None:
        return list(amendments)
    wanted = [_unbracketed(n.strip()) for n in only if n.strip()]
    have = {_unbracketed(a.number) for a in amendments}
    missing = [n for n in wanted if n not in have]
    if missing:
        listed = [a.number for a in amendments]
        shown = ", ".join(listed[:20]) + (f" … ({len(listed)} in all)" if len(listed) > 20 else "")
        raise NotOnPaper(f"the paper has no {named(missing)} (it has {shown or 'none'})")
    keep = set(wanted)
    return [a for a in amendments if _unbracketed(a.number) in keep]


def _unbracketed(number: str) -> str:
    return number[1:-1] if number.startswith("[") and number.endswith("]") else number
