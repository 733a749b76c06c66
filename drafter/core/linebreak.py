"""Lay out a bill that has no page/line markers, the way its print would be set.

The conventions are read off LawMaker's own prints (and checked against them by
``tests/benchmarks/bench_layout_agreement.py``): every number (Part, Chapter, Clause,
subsection, paragraph, Schedule) starts a line; a clause's heading runs on after its number;
a Part's or Schedule's heading, a crossheading, a definition, a new paragraph of text and a
table row each start a line; text runs on after its number. Lines are filled to a measure
that narrows with the indent, and pages hold a fixed number of lines. Deterministic: the same
bill always gets the same page and line numbers.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from drafter.core.xml import AKN_NS, XHTML_NS

if TYPE_CHECKING:
    from drafter.core.layout import BlockStart, Line

_A = f"{{{AKN_NS}}}"
_H = f"{{{XHTML_NS}}}"


@dataclass(frozen=True)
class Measure:
    """The page geometry, in characters and lines."""

    width: int = 82  # characters on a full-width line of body text
    indent: int = 4  # characters lost per level of nesting
    min_width: int = 40
    lines_per_page: int = 40


DEFAULT_MEASURE = Measure()

_HEADING_RUNS_ON = frozenset({_A + "section", _A + "article"})
_BREAKING = frozenset(
    _A + t for t in "p intro content wrapUp tblock subsection level paragraph subparagraph".split()
) | {_H + "tr"}


def _starts_line(elements: Sequence[BlockStart], after_num: bool) -> bool:
    """Does a group of blocks that begin at one offset begin a printed line?"""
    tags = {b.element.tag for b in elements}
    if _A + "num" in tags:
        return True
    if _A + "heading" in tags:
        heading = next(b.element for b in elements if b.element.tag == _A + "heading")
        parent = heading.getparent()
        return not (after_num and parent is not None and parent.tag in _HEADING_RUNS_ON)
    if after_num:
        return False
    for b in elements:
        el = b.element
        if el.tag == _A + "hcontainer" and el.get("name") == "definition":
            return True
        if el.tag == _H + "td":
            return el.getprevious() is None
    return bool(tags & _BREAKING)


def lay_out(
    text: str,
    blocks: Sequence[BlockStart],
    provisions: Sequence[tuple[int, str]],
    measure: Measure = DEFAULT_MEASURE,
) -> list[Line]:
    """Break ``text`` into printed lines at the forced breaks and to the measure."""
    from drafter.core.layout import Line

    # Forced breaks: offset -> indent depth of the line that starts there.
    forced: list[tuple[int, int]] = []
    i = 0
    previous_was_num = False
    while i < len(blocks):
        j = i
        while j < len(blocks) and blocks[j].offset == blocks[i].offset:
            j += 1
        group = blocks[i:j]
        if _starts_line(group, previous_was_num):
            forced.append((group[0].offset, min(b.depth for b in group)))
        # the text that follows is a number's text if the innermost block here is a num
        previous_was_num = group[-1].element.tag == _A + "num"
        i = j
    if not forced or forced[0][0] != 0:
        forced.insert(0, (0, 0))

    starts: list[int] = []
    n = len(text)
    for k, (start, depth) in enumerate(forced):
        end = forced[k + 1][0] if k + 1 < len(forced) else n
        width = max(measure.min_width, measure.width - measure.indent * max(0, depth - 1))
        pos = start
        while pos < end:
            starts.append(pos)
            if end - pos <= width:
                break
            cut = text.rfind(" ", pos, pos + width + 1)
            if cut <= pos:  # one word longer than the measure
                cut = text.find(" ", pos + width)
                if cut == -1 or cut >= end:
                    break
            pos = cut + 1

    offsets = [offset for offset, _ in provisions]
    lines: list[Line] = []
    per_page = measure.lines_per_page
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else n
        line_text = text[start:end].rstrip(" ")
        p = bisect_right(offsets, start) - 1
        eid = provisions[p][1] if p >= 0 else ""
        lines.append(
            Line(
                k // per_page + 1,
                k % per_page + 1,
                start,
                start + len(line_text),
                line_text,
                eid,
                ((start, start + len(line_text)),),
            )
        )
    return lines
