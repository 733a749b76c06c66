"""Benchmark: 1,000 generated amendments (valid, non-overlapping, spread over the bill)
applied to the Renters' Rights Bill. Prints the total and per-amendment time; the goal is
2 s in total. Beside it, one new clause applied to the same bill: an amendment that inserts
a provision lays the bill out again on the page fitted to its print (``Print.own_page``),
timed the first time (an empty print cache: the page is fitted) and again (a bill opened
again: the page kept). Run: ``python tests/benchmarks/bench_apply.py``."""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from pathlib import Path

from drafter.core.amendment import Amendment, InsertAfter, LeaveOut, Substitute, Target, Words
from drafter.core.apply import apply
from drafter.core.bill import Bill
from drafter.core.paper import paper_from_bytes

BILL = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "bills"
WORD = re.compile(r"[A-Za-z]{5,}")


def generate(bill: Bill, count: int = 1000) -> list[Amendment]:
    """One amendment on every n-th line: a word that occurs once on it is left out,
    substituted or has words inserted after it."""
    lines = [ln for ln in bill.print.lines if len(ln.fragments) == 1]
    step = max(1, len(lines) // count)
    out: list[Amendment] = []
    for i in range(0, len(lines), step):
        line = lines[i]
        words = WORD.findall(line.text)
        unique = [w for w in words if words.count(w) == 1 and line.text.count(w) == 1]
        if not unique:
            continue
        word = Words(unique[len(out) % len(unique)])
        target = Target(page=line.page, line=line.number)
        op = [LeaveOut(word), Substitute(word, "replacement"), InsertAfter(word, "inserted")][
            len(out) % 3
        ]
        out.append(Amendment(str(len(out) + 1), (op,), target))
        if len(out) == count:
            break
    return out


NEW_CLAUSE = """Bill: Renters' Rights Bill
Bill number: Bill 127

Amendment 1
After Clause 12, insert the following new Clause—
    # Review of the operation of this Chapter
        (1) The Secretary of State must review the operation of this Chapter within two years.
        (2) The Secretary of State must publish a report of the review.
"""


def main() -> None:
    path = (BILL / "renters-rights-bill-hc127.xml").resolve()
    if not path.exists():
        sys.exit(f"not found: {path}")
    os.environ["DRAFTER_CACHE"] = tempfile.mkdtemp(prefix="drafter-bench-cache-")  # empty
    bill = Bill.load(path)
    amendments = generate(bill)
    start = time.perf_counter()
    _, report = apply(bill, amendments)
    total = time.perf_counter() - start
    applied = len(report.applied)
    print(f"{len(amendments)} amendments, {applied} applied, to {path.name}")
    print(f"total {total:.3f} s, {total / len(amendments) * 1000:.3f} ms per amendment")
    print("goal: <= 2 s in total:", "met" if total <= 2.0 else "NOT met")
    if applied != len(amendments):
        print(report.text()[:2000])
    new_clause = paper_from_bytes(NEW_CLAUSE.encode(), "new-clause.txt").amendments
    for when in ("first time", "again"):
        bill = Bill.load(path)  # the page fitted the first time, then taken from the cache
        start = time.perf_counter()
        _, report = apply(bill, new_clause)
        took = time.perf_counter() - start
        assert report.laid_out and len(report.applied) == 1, report.text()
        print(f"one new clause, {when:<10}  {took:.3f} s   {took / total:.2f}x the 1,000 "
              "amendments (laid out again)")  # fmt: skip


if __name__ == "__main__":
    main()
