"""Where in a bill a paper's amendment bites: the printed line it cites, and the clause or
Schedule that holds that line (a Lords list prints the amendment under that clause's heading;
LawMaker's ``ukl:targetProvision`` names it); and whether the bill has the place it cites."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.core.amendment import (
    Amendment,
    LeaveOutClause,
    LeaveOutSchedule,
    NewClause,
    NewSchedule,
    StandPart,
    cited_line,
)
from drafter.core.provisions import kind_of

if TYPE_CHECKING:
    from drafter.core.bill import Bill, Provision
    from drafter.core.print.lines import Line

_TOPS = ("clause", "schedule")


def line_bitten(bill: Bill, amendment: Amendment) -> Line | None:
    """The printed line of ``bill`` that an amendment cited by page bites on: the line its
    citation names, else the first of the lines it leaves out ("Page 13, leave out lines 12 to
    14" bites on line 12, not on the page's first line); None when it names no page and line,
    or the print has no such line. Where a paper puts an amendment (its clause heading, its
    ``ukl:targetProvision``) is worked out from this line."""
    from drafter.core.print.printed import PrintError

    page, number = amendment.target.page, cited_line(amendment)
    if page is None or number is None or amendment.target.title:
        return None
    try:
        return bill.print.line(page, number)
    except PrintError:
        return None


def clause_holding(bill: Bill, line: Line) -> Provision | None:
    """The clause or Schedule a printed line is in: the outermost one (not a section of
    another Act quoted in it). A heading printed above clauses (a Part's, a crossheading,
    "Schedules") heads the clause or Schedule printed next, as a list in the bill's order
    puts an amendment to it; None when no clause or Schedule follows."""
    printed = bill.print
    for ln in printed.lines[printed.index_of(line) :]:
        found = bill.by_eid(ln.eid)
        if found is None:
            continue
        el = found.element
        tops = [a for a in (el, *el.iterancestors()) if kind_of(a) in _TOPS]
        if tops:
            return bill.provision(tops[-1])
    return None


def place_not_in(bill: Bill, amendment: Amendment) -> str:
    """Why ``bill`` does not have the place an amendment cites: a clause or Schedule it names
    ("there is no Clause 99 in …", for "Clause 99, page 2, …", "Leave out Clause 99", "After
    Clause 99, insert …"), its page and line, or a line that is not in the clause it names;
    "" when the bill has it. An amendment to another amendment, or to the long title, cites
    no place of the bill's print."""
    from drafter.core.bill import CitationError
    from drafter.core.print.printed import PrintError

    t = amendment.target
    if t.amendment is not None or t.title:
        return ""
    name = bill.metadata.bill_number or str(bill.path)
    cited = [c for c in (_cited(amendment), *_named_by_operation(amendment)) if c]
    provisions = []
    for citation in dict.fromkeys(cited):
        try:
            provisions.append(bill.find(citation))
        except CitationError as err:
            return str(err)
    number = cited_line(amendment)
    if t.page is None or number is None:
        return ""
    try:
        line = bill.print.line(t.page, number)
    except PrintError as err:
        return f"page {t.page}, line {number} is not in {name}: {err}"
    if _cited(amendment) and line not in provisions[0].lines():
        holder = clause_holding(bill, line)
        it_is = f" (it is in {holder.citation})" if holder is not None else ""
        where = f"page {line.page}, line {line.number}"
        return f"{where} is not in {provisions[0].citation} of {name}{it_is}"
    return ""


def _cited(amendment: Amendment) -> str:
    """The clause or Schedule an amendment's citation names ("Clause 5, page 2, line 1")."""
    t = amendment.target
    if t.clause:
        return f"Clause {t.clause}"
    return f"Schedule {t.schedule}".strip() if t.schedule is not None else ""


def _named_by_operation(amendment: Amendment) -> list[str]:
    """The clauses or Schedules an amendment's operation names: the one it leaves out or
    stands part, or a new one's anchor."""
    op = amendment.operations[0] if amendment.operations else None
    match op:
        case LeaveOutClause():
            return [f"Clause {op.number}"]
        case LeaveOutSchedule():
            return [f"Schedule {op.number}".strip()]
        case StandPart():
            return [f"Clause {op.clause}" if op.clause else f"Schedule {op.schedule or ''}".strip()]
        case NewClause() | NewSchedule():
            noun = "Clause" if isinstance(op, NewClause) else "Schedule"
            anchor = op.after or op.before
            return [f"{noun} {anchor}"] if anchor else []
    return []
