"""Benchmark: loading and indexing the Renters' Rights Bill (3.1 MB, 9,471 page/line markers)
against a bare ``lxml.etree.parse`` of the same file, side by side in one process.

    python tests/benchmarks/bench_load.py [BILL.xml] [--runs N]

"Load and index" is what every drafter command pays before it can answer: the safe parse,
the Bill, and the print (every printed line with its text and provision). Goal: ≤ 3× the bare
parse.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from drafter.core.bill import Bill

DEFAULT = (
    Path(__file__).resolve().parents[2]
    / ".."
    / "shared"
    / "data"
    / "bills"
    / "renters-rights-bill-hc127.xml"
)


def _time(fn: Callable[[], object]) -> float:
    """Seconds to run ``fn``; what it built is released after the clock stops (freeing a
    tree is not loading it), for both sides alike."""
    gc.collect()
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    del result
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bill", nargs="?", default=str(DEFAULT.resolve()))
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    path = args.bill

    def bare() -> object:
        return etree.parse(path)

    def drafter_load() -> object:
        bill = Bill.load(path)
        bill.print.lines  # noqa: B018
        return bill

    bare_times: list[float] = []
    load_times: list[float] = []
    for _ in range(args.runs):  # interleaved, so both see the same machine
        bare_times.append(_time(bare))
        load_times.append(_time(drafter_load))
    b, d = statistics.median(bare_times), statistics.median(load_times)
    bill = Bill.load(path)
    print(
        f"bill: {Path(path).name} ({Path(path).stat().st_size / 1e6:.1f} MB, "
        f"{len(bill.lines)} printed lines, {bill.print.pages} pages)"
    )
    print(f"lxml.etree.parse (bare)      median {b * 1000:7.1f} ms  over {args.runs} runs")
    print(f"drafter load + index         median {d * 1000:7.1f} ms  over {args.runs} runs")
    print(f"ratio drafter / bare parse   {d / b:.2f}x   (goal: <= 3x)")


if __name__ == "__main__":
    main()
