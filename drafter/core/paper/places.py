"""Where in a bill a paper's amendment bites: the printed line it cites, and the clause or
Schedule that holds that line (a Lords list prints the amendment under that clause's heading;
LawMaker's ``ukl:targetProvision`` names it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.core.amendment import Amendment, cited_line
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
