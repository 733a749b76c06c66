"""How closely drafter's own layout matches the House's prints.

For each real bill that carries LawMaker's ``<?L page-line?>`` markers, strip the markers,
lay the bill out with drafter (:func:`drafter.core.linebreak.lay_out`, reached through
:func:`drafter.core.layout.read_print`) and count how many of the official line starts are
also line starts in drafter's layout, and how many also get the same page and line number.
Both layouts cut the same printed text stream, so a line start is an offset in it (a table
line has a start for each cell it holds). "secs" is the time the line breaker takes.

Run: ``python tests/benchmarks/bench_layout_agreement.py [-v] [--cells-side-by-side]
[--data DIR] [BILL ...]``.
``-v`` lists, per bill, the commonest kinds of disagreement (what the official line starts
with, and the element that starts there) to show where the line breaker is wrong.
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from _shared import DATA
from lxml import etree

from drafter.core.bill import Bill
from drafter.core.layout import Line, Print, read_print, strip_markers
from drafter.core.linebreak import DEFAULT_MEASURE, Measure, lay_out

DEFAULT_DATA = DATA


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
    missed: Counter[str]  # official starts drafter does not have, by kind
    extra: Counter[str]  # drafter starts the print does not have, by kind

    @property
    def start_share(self) -> float:
        return self.same_start / self.starts if self.starts else 0.0

    @property
    def place_share(self) -> float:
        return self.same_place / self.starts if self.starts else 0.0


def _starts(lines: list[Line]) -> dict[int, tuple[int, int]]:
    """Offset of every line (and table-cell fragment) start -> (page, line)."""
    out: dict[int, tuple[int, int]] = {}
    for line in lines:
        for a, _ in line.fragments or ((line.start, line.end),):
            out.setdefault(a, (line.page, line.number))
    return out


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


def measure(path: Path, layout: Measure = DEFAULT_MEASURE) -> Agreement | None:
    """Compare the official print of one bill with drafter's layout of it."""
    bill = Bill.load(path)
    official = bill.print
    if official.source != "markers":
        return None
    body = copy.deepcopy(bill.body)
    assert body is not None
    strip_markers(body)
    ours = read_print(body)  # what drafter does with a bill that has no markers
    began = time.perf_counter()
    lines = lay_out(ours.text, ours.blocks, [], layout)  # the line breaker alone, timed
    seconds = time.perf_counter() - began
    if layout == DEFAULT_MEASURE:
        assert _starts(lines) == _starts(ours.lines)
    if ours.text != official.text:
        raise SystemExit(f"{path.name}: the printed text changed when the markers were removed")
    assert ours.source == "layout"
    theirs = _starts(official.lines)
    mine = _starts(lines)
    same_start = sum(1 for a in theirs if a in mine)
    same_place = sum(1 for a, place in theirs.items() if mine.get(a) == place)
    # the blocks come from our reading: a print read from its markers need not list them
    kinds = _kinds(ours)
    missed = Counter(kinds.get(a, "flow") for a in theirs if a not in mine)
    extra = Counter(kinds.get(a, "flow") for a in mine if a not in theirs)
    return Agreement(
        path.stem,
        len(official.lines),
        len(lines),
        official.pages,
        lines[-1].page if lines else 0,
        len(theirs),
        same_start,
        same_place,
        seconds,
        missed,
        extra,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bills", nargs="*", type=Path, help="bills to measure (default: all)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data dir")
    parser.add_argument("-v", "--verbose", action="store_true", help="list disagreements")
    parser.add_argument(
        "--cells-side-by-side",
        action="store_true",
        help="set table cells side by side (Measure.cells_side_by_side)",
    )
    args = parser.parse_args(argv)
    paths = args.bills or sorted((args.data / "bills").glob("*.xml"))
    layout = replace(DEFAULT_MEASURE, cells_side_by_side=args.cells_side_by_side)
    if not paths:
        print(f"no bills found under {args.data / 'bills'}", file=sys.stderr)
        return 1
    header = (
        f"{'bill':<42} {'lines':>6} {'ours':>6} {'pages':>5} {'ours':>5} "
        f"{'same start':>10} {'+page/line':>10} {'secs':>5}"
    )
    print(header)
    print("-" * len(header))
    results: list[Agreement] = []
    for path in paths:
        result = measure(path, layout)
        if result is None:
            print(f"{path.stem:<42} (no markers: nothing to compare)")
            continue
        results.append(result)
        print(
            f"{result.name:<42} {result.official_lines:>6} {result.drafter_lines:>6} "
            f"{result.official_pages:>5} {result.drafter_pages:>5} "
            f"{result.start_share:>10.1%} {result.place_share:>10.1%} {result.seconds:>5.2f}"
        )
    if results:
        starts = sum(r.starts for r in results)
        same = sum(r.same_start for r in results)
        place = sum(r.same_place for r in results)
        print("-" * len(header))
        print(
            f"{'all (pooled)':<42} {'':>6} {'':>6} {'':>5} {'':>5} "
            f"{same / starts:>10.1%} {place / starts:>10.1%}"
        )
    if args.verbose:
        for r in results:
            print(f"\n{r.name}: official starts drafter misses / drafter starts not official")
            for (kind, n), (kind2, n2) in zip(
                r.missed.most_common(8) + [("", 0)] * 8, r.extra.most_common(8), strict=False
            ):
                print(f"  {n:>6} {kind:<36} {n2:>6} {kind2}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
