"""How closely drafter's own layout matches the House's prints: the measuring shared by
``tests/test_layout_agreement.py`` (which holds it to a floor) and
``tests/benchmarks/bench_layout_agreement.py`` (which prints it).

For a real bill that carries LawMaker's ``<?L page-line?>`` markers, strip the markers, lay
the bill out with drafter (:func:`drafter.core.print.linebreak.lay_out`, reached through
:func:`drafter.core.print.printed.read_print`) and count how many of the official line starts are
also line starts in drafter's layout, and how many also get the same page and line number.
Both layouts cut the same printed text stream, so a line start is an offset in it (a table
line has a start for each cell it holds).
"""

from __future__ import annotations

import copy
import time
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from lxml import etree

from drafter.core.bill import Bill
from drafter.core.print import linebreak
from drafter.core.print.earlier import kept_lines
from drafter.core.print.linebreak import DEFAULT_MEASURE, Measure, lay_out
from drafter.core.print.lines import Line
from drafter.core.print.markers import strip_markers
from drafter.core.print.printed import Print, read_print


@dataclass(frozen=True)
class Agreement:
    """One bill's figures."""

    name: str
    official_lines: int
    drafter_lines: int
    official_pages: int
    drafter_pages: int
    starts: int  # official line starts (one per line, one per table cell on a line)
    same_start: int  # … that are also drafter line starts
    same_place: int  # … that drafter also puts at the same page and line number
    seconds: float  # to lay the bill out
    #: the official pages that, filled by drafter from the official page's first line, end
    #: where the official page ends …
    page_ends: int
    #: … of these pages
    pages_measured: int
    missed: Counter[str]  # official starts drafter does not have, by kind
    extra: Counter[str]  # drafter starts the print does not have, by kind

    @property
    def start_share(self) -> float:
        return self.same_start / self.starts if self.starts else 0.0

    @property
    def place_share(self) -> float:
        return self.same_place / self.starts if self.starts else 0.0

    @property
    def page_end_share(self) -> float:
        return self.page_ends / self.pages_measured if self.pages_measured else 0.0


def starts_of(lines: list[Line]) -> dict[int, tuple[int, int]]:
    """Offset of every line (and table-cell fragment) start -> (page, line)."""
    out: dict[int, tuple[int, int]] = {}
    for line in lines:
        for a, _ in line.fragments or ((line.start, line.end),):
            out.setdefault(a, (line.page, line.number))
    return out


def pages_ended(ours: Print, official: Print, layout: Measure) -> tuple[int, int]:
    """How many of the official pages drafter's page filling ends where the House ended
    them, each begun at the official page's first line (so that one page's error does not
    carry to the next), and of how many (all but the last). This measures the page depth
    and the rules for where a page may end rather than the line breaks, though each page is
    filled with drafter's own lines: a page whose first line is not a line of drafter's
    counts as missed."""
    lines = official.lines
    starts = [
        line.start for k, line in enumerate(lines) if k == 0 or line.page != lines[k - 1].page
    ]
    ends = linebreak.page_ends(ours.text, ours.blocks, starts, layout)
    ended = sum(1 for start, following in pairwise(starts) if ends.get(start, -1) == following)
    return ended, len(starts) - 1


def _kinds(pr: Print) -> dict[int, str]:
    """What begins at each block offset: the innermost block there, with its parent."""
    out: dict[int, str] = {}
    for b in pr.blocks:
        el = b.element
        name = etree.QName(el).localname
        parent = el.getparent()
        if parent is not None:
            name = f"{etree.QName(parent).localname}/{name}"
        out[b.offset] = name  # the last block at an offset is the innermost
    return out


def measure(
    source: Path | Bill, layout: Measure = DEFAULT_MEASURE, like: Bill | None = None
) -> Agreement | None:
    """Compare the official print of one bill (a file, or a bill loaded already) with
    drafter's layout of it (``like``: laid out keeping an earlier print's lines where its
    words are, as ``drafter layout --like``); None for a bill without markers."""
    bill = Bill.load(source) if isinstance(source, Path) else source
    name = Path(bill.path).stem
    official = bill.print
    if official.source != "markers":
        return None
    body = copy.deepcopy(bill.body)
    assert body is not None
    strip_markers(body)
    earlier = like.print if like is not None else None
    ours = read_print(body, earlier=earlier)  # what drafter does with a bill without markers
    # the page read_print set it with: the earlier print's own, fitted (not timed below)
    page = earlier.own_page.measure if earlier is not None else DEFAULT_MEASURE
    if layout == DEFAULT_MEASURE:
        layout = page
    began = time.perf_counter()
    kept = kept_lines(earlier.lines, earlier.text, ours.text) if earlier else []
    lines = lay_out(ours.text, ours.blocks, [], layout, kept)  # the line breaker, timed
    seconds = time.perf_counter() - began
    if layout == page:
        assert starts_of(lines) == starts_of(ours.lines)
    if ours.text != official.text:
        raise ValueError(f"{name}: the printed text changed when the markers were removed")
    assert ours.source == "layout"
    theirs = starts_of(official.lines)
    mine = starts_of(lines)
    same_start = sum(1 for a in theirs if a in mine)
    same_place = sum(1 for a, place in theirs.items() if mine.get(a) == place)
    # laid out like an earlier print, pages follow that print's: nothing of the depth to see
    ended, pages_measured = pages_ended(ours, official, layout) if like is None else (0, 0)
    # the blocks come from our reading: a print read from its markers need not list them
    kinds = _kinds(ours)
    missed = Counter(kinds.get(a, "flow") for a in theirs if a not in mine)
    extra = Counter(kinds.get(a, "flow") for a in mine if a not in theirs)
    return Agreement(
        name,
        len(official.lines),
        len(lines),
        official.pages,
        lines[-1].page if lines else 0,
        len(theirs),
        same_start,
        same_place,
        seconds,
        ended,
        pages_measured,
        missed,
        extra,
    )
