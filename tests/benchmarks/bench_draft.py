"""Benchmark: drafting the amendments that turn HL54 into HL60 (``drafter diff --amendments``),
with the self-check (apply in memory, renumber, compare, redraft coarser) against the draft
alone, as drafter drafted before it checked itself. Both load the two prints as the command
does (drafter's print cache warm, as for bills seen before) and run in this process, side by
side, best of N. Goal: the self-check costs no more than the draft (ratio ≤ 2×).

    python tests/benchmarks/bench_draft.py [--repeat N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _shared import BILLS, best

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from drafter.core.bill import Bill
from drafter.core.collector import no_cycle_collection
from drafter.core.compare.amendments import Drafter
from drafter.core.compare.sides import Side
from drafter.core.redraft import draft_amendments

OLD = BILLS / "social-housing-regulation-bill-hl54.xml"
NEW = BILLS / "social-housing-regulation-bill-hl60.xml"


def draft_alone() -> int:
    old, new = Bill.load(OLD), Bill.load(NEW)
    with no_cycle_collection():
        return len(Drafter(Side(old), Side(new)).run())


def draft_checked() -> int:
    amendments, problems = draft_amendments(Bill.load(OLD), Bill.load(NEW))
    assert problems == [], problems
    return len(amendments)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    draft_alone()  # the print cache and imports warm, as for bills seen before
    alone, n_alone = best(draft_alone, args.repeat)
    checked, n_checked = best(draft_checked, args.repeat)
    print(f"HL54 → HL60, best of {args.repeat}:")
    print(f"  draft alone (before the self-check) {alone * 1000:8.1f} ms  {n_alone} amendments")
    print(f"  draft, self-checked                 {checked * 1000:8.1f} ms  {n_checked} amendments")
    print(f"  ratio                               {checked / alone:8.2f}×  (goal ≤ 2×)")


if __name__ == "__main__":
    main()
