"""Benchmark: one amendment that inserts many units, from its text paper to the bill as
amended, laid out afresh — 2,000 and then 20,000 subsections put in at the end of a line of
the sample bill, and a new clause of 20,000 subsections. Prints each time and the ratio of
20,000 to 2,000 (10× is linear; 100× would be quadratic). Goal: ≤ 2 s for 20,000 units.

    python tests/benchmarks/bench_units.py
"""

from __future__ import annotations

import time
from pathlib import Path

from drafter.core.amendment import Amendment, Block, InsertAtEnd, NewClause, Operation, Target
from drafter.core.apply import apply
from drafter.core.bill import Bill
from drafter.core.paper import Paper, entry_from_amendment, read_paper_text, write_paper_text

SAMPLE = Path(__file__).resolve().parents[2] / "bills" / "crime-and-policing-bill.xml"
GOAL = 2.0


def _units(count: int) -> tuple[Block, ...]:
    return tuple(
        Block(num=f"({i + 5}A)", text=f"The court may make order {i}.") for i in range(count)
    )


def timed(bill: Bill, op: Operation, target: Target) -> float:
    """Seconds from the text paper's words to the bill as amended and laid out."""
    paper = Paper(entries=(entry_from_amendment(Amendment("1", (op,), target, ("X",))),))
    text = write_paper_text(paper)
    start = time.perf_counter()
    amendments = read_paper_text(text).amendments
    _, report = apply(bill, amendments)
    took = time.perf_counter() - start
    assert report.ok, report.text()
    return took


def main() -> None:
    bill = Bill.load(SAMPLE)
    at_end = Target(page=1, line=27)
    small = timed(bill, InsertAtEnd(_units(2_000)), at_end)
    large = timed(bill, InsertAtEnd(_units(20_000)), at_end)
    clause = timed(
        bill, NewClause(Block(heading="Orders", children=_units(20_000)), after="12"), Target()
    )
    print(f"2,000 subsections at end of a line:   {small:.2f} s")
    print(f"20,000 subsections at end of a line:  {large:.2f} s  ({large / small:.1f}× the 2,000)")
    print(f"a new clause of 20,000 subsections:   {clause:.2f} s")
    worst = max(large, clause)
    print(f"goal ≤ {GOAL:.0f} s for 20,000 units: {'met' if worst <= GOAL else 'not met'}")


if __name__ == "__main__":
    main()
