"""Benchmark: comparing two versions of an amendment paper, drafter beside LawChecker (the
House of Commons' own comparer), the same pair in the same run, in alternation.

    python tests/benchmarks/bench_paper_compare.py [--runs N]

The pair: the Energy Bill's marshalled list (309 amendments) and a next version with 30
names added and 10 amendments withdrawn (tests/paper_pairs.py). drafter reads both papers
(as for the first time each run: an amendment the two share word for word is read once),
compares them and writes its HTML report; LawChecker's Report reads, compares and builds its
HTML report. Goal: drafter ≤ 0.3 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _shared import DATA

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests.paper_pairs

from drafter.core.compare.papers import compare_papers
from drafter.core.paper import load_papers
from drafter.export.paper_compare import render_html
from tests.paper_pairs import next_version

ENERGY = DATA / "amendments" / "energy-bill-hc340-report-marshalled-list.xml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    try:
        from lawchecker.compare_amendment_documents import Report
    except ImportError:
        sys.exit("LawChecker is not installed: pip install ../shared/vendor/lawchecker")
    new = Path(tempfile.mkdtemp(prefix="drafter-bench-papers-")) / "next.xml"
    next_version(ENERGY, new)

    def ours() -> str:
        changes = compare_papers(*load_papers(ENERGY, new))
        return render_html(changes, ENERGY.name, new.name)

    def theirs() -> object:
        return Report(ENERGY, new)

    mine, lawchecker = [], []
    for _ in range(args.runs):
        for job, times in ((ours, mine), (theirs, lawchecker)):
            start = time.perf_counter()
            job()
            times.append(time.perf_counter() - start)
    a, b = statistics.median(mine), statistics.median(lawchecker)
    changes = compare_papers(*load_papers(ENERGY, new))
    print(f"pair: {ENERGY.name} (309 amendments) and a next version: {changes.summary()}")
    print(f"drafter (read, compare, HTML)     median {a * 1000:7.1f} ms over {args.runs} runs")
    print(f"LawChecker Report                 median {b * 1000:7.1f} ms   ratio {a / b:.2f}x")
    print(f"goal: drafter <= 0.3 s: {'met' if a <= 0.3 else 'NOT met'}")


if __name__ == "__main__":
    main()
