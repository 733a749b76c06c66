"""How closely drafter's own layout matches the House's prints.

Then the same for a print laid out like another print of the same bill (``drafter layout
--like``: the other print's lines and pages kept where the words are the same), for the
pairs in :data:`PAIRS`.

For each real bill that carries LawMaker's ``<?L page-line?>`` markers, strip the markers,
lay the bill out with drafter and count how many of the official line starts are also line
starts in drafter's layout, and how many also get the same page and line number; and how
many of the official pages drafter's page filling ends where the House did when started at
the official page's first line ("page ends": the page depth and
the rules for where a page may end, each page measured on its own). The measuring is
``tests/layout_agreement.py``, shared with ``tests/test_layout_agreement.py``, which fails
below today's figures. "secs" is the time the line breaker takes.

Run: ``python tests/benchmarks/bench_layout_agreement.py [-v] [--cells-run-on]
[--data DIR] [BILL ...]``. By default the bills are laid out as drafter lays them out
(:data:`drafter.core.print.linebreak.DEFAULT_MEASURE`, table cells side by side); ``--cells-run-on``
runs a row's cells on after each other instead (the layout before cells were set side by side:
the figures of issue 23, 96.9% pooled, were measured that way).
``-v`` lists, per bill, the commonest kinds of disagreement (what the official line starts
with, and the element that starts there) to show where the line breaker is wrong.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from _shared import DATA

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # this checkout's drafter, and the measuring the test shares

from drafter.core.bill import Bill  # noqa: E402
from drafter.core.print.linebreak import DEFAULT_MEASURE, Measure  # noqa: E402
from tests.layout_agreement import Agreement, measure  # noqa: E402

DEFAULT_DATA = DATA


#: consecutive prints of one bill: each is laid out like the other (``drafter layout --like``)
PAIRS = [
    ("social-housing-regulation-bill-hl60.xml", "social-housing-regulation-bill-hl54.xml"),
    ("social-housing-regulation-bill-hl54.xml", "social-housing-regulation-bill-hl60.xml"),
]


def _like_rows(data: Path, layout: Measure, header: str) -> None:
    """The same figures for a print laid out like another print of the same bill."""
    print()
    print("laid out like an earlier print (layout --like): the print, like which")
    print(header)
    print("-" * len(header))
    for name, earlier in PAIRS:
        path, like = data / "bills" / name, data / "bills" / earlier
        if not (path.exists() and like.exists()):
            continue
        r = measure(path, layout, like=Bill.load(like))
        assert r is not None
        label = f"{Path(name).stem[-4:]} like {Path(earlier).stem[-4:]}"
        print(
            f"{label:<42} {r.official_lines:>6} {r.drafter_lines:>6} "
            f"{r.official_pages:>5} {r.drafter_pages:>5} "
            f"{r.start_share:>10.1%} {r.place_share:>10.1%} {'':>10} {r.seconds:>5.2f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bills", nargs="*", type=Path, help="bills to measure (default: all)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data dir")
    parser.add_argument("-v", "--verbose", action="store_true", help="list disagreements")
    parser.add_argument(
        "--cells-run-on",
        action="store_true",
        help="run a row's table cells on, not side by side (Measure.cells_side_by_side off)",
    )
    args = parser.parse_args(argv)
    paths = args.bills or sorted((args.data / "bills").glob("*.xml"))
    layout = replace(DEFAULT_MEASURE, cells_side_by_side=not args.cells_run_on)
    if not paths:
        print(f"no bills found under {args.data / 'bills'}", file=sys.stderr)
        return 1
    header = (
        f"{'bill':<42} {'lines':>6} {'ours':>6} {'pages':>5} {'ours':>5} "
        f"{'same start':>10} {'+page/line':>10} {'page ends':>10} {'secs':>5}"
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
            f"{result.start_share:>10.1%} {result.place_share:>10.1%} "
            f"{result.page_end_share:>10.1%} {result.seconds:>5.2f}"
        )
    if results:
        starts = sum(r.starts for r in results)
        same = sum(r.same_start for r in results)
        place = sum(r.same_place for r in results)
        ended = sum(r.page_ends for r in results)
        measured = sum(r.pages_measured for r in results)
        print("-" * len(header))
        print(
            f"{'all (pooled)':<42} {'':>6} {'':>6} {'':>5} {'':>5} "
            f"{same / starts:>10.1%} {place / starts:>10.1%} {ended / measured:>10.1%}"
        )
    _like_rows(args.data, layout, header)
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
