"""Benchmark: loading and indexing the Renters' Rights Bill (3.1 MB, 9,471 page/line markers)
against a bare ``lxml.etree.parse`` of the same file, side by side in one process.

    python tests/benchmarks/bench_load.py [BILL.xml] [--runs N]

"Load and index" is what every drafter command pays before it can answer: the safe parse,
the Bill, and the print (every printed line with its text and provision). Timed twice: the
first time drafter sees the file (cold: the print is read from the tree) and every time
after (warm: the print and metadata come from drafter's cache, see
drafter/core/print/cache.py, and the tree is parsed only when a command asks for it, so the
warm figure has no parse in it). Goal: ≤ 3× the bare parse.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _shared import RENTERS, settle_heap
from lxml import etree

from drafter.core.bill import Bill
from drafter.core.print import cache as print_cache
from drafter.core.xml import read_file

DEFAULT = RENTERS


def _time(fn: Callable[[], object]) -> float:
    """Seconds to run ``fn``; what it built is released after the clock stops (freeing a
    tree is not loading it), for both sides alike. glibc puts off part of the work of
    freeing many small blocks until the next large allocation; it is done here too, so that
    it does not land in the next run's time (which run it lands in depends only on the order
    in which a bill's objects happen to be freed)."""
    gc.collect()
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    del result
    settle_heap()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bill", nargs="?", default=str(DEFAULT.resolve()))
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    path = args.bill
    cache = tempfile.mkdtemp(prefix="drafter-bench-cache-")
    os.environ["DRAFTER_CACHE"] = cache  # a cache of our own, emptied for each cold run

    def bare() -> object:
        return etree.parse(path)

    def drafter_load() -> object:
        bill = Bill.load(path)
        bill.print.lines  # noqa: B018
        return bill

    times: dict[str, list[float]] = {"bare": [], "cold": [], "warm": []}
    try:
        for _ in range(args.runs):  # interleaved, so all three see the same machine
            times["bare"].append(_time(bare))
            shutil.rmtree(cache, ignore_errors=True)
            times["cold"].append(_time(drafter_load))  # reads the print, and keeps it
            times["warm"].append(_time(drafter_load))
        Bill.load(path).outline  # noqa: B018 (kept beside the print, for comparisons)
        kept = print_cache.entry(read_file(path))
        sizes = kept.stat().st_size, kept.with_suffix(".outline").stat().st_size
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    b, cold, warm = (statistics.median(times[k]) for k in ("bare", "cold", "warm"))
    bill = Bill.load(path)
    print(
        f"bill: {Path(path).name} ({Path(path).stat().st_size / 1e6:.1f} MB, "
        f"{len(bill.lines)} printed lines, {bill.print.pages} pages)"
    )
    print(f"lxml.etree.parse (bare)           median {b * 1000:7.1f} ms  over {args.runs} runs")
    print(f"drafter load + index, first time  median {cold * 1000:7.1f} ms  ratio {cold / b:.2f}x")
    print(f"drafter load + index, again       median {warm * 1000:7.1f} ms  ratio {warm / b:.2f}x")
    print("goal: <= 3x the bare parse")
    print(f"kept in the cache: print {sizes[0] / 1e3:.0f} kB, outline {sizes[1] / 1e3:.0f} kB")


if __name__ == "__main__":
    main()
