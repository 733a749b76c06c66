"""Benchmark: the table of amendments the Renters' Rights Bill makes to the Housing Act 2004
(``drafter keeling ACT BILL``), beside ``drafter apply`` of as many amendments to the same
bill, in this process, best of N. Both files are read as the command reads them (drafter's
print cache warm, as for files seen before). Goal (issue 20): the table and the Act as
amended together in 5 s or less. The Act as amended is timed as drafter makes it (the changes
as amendments, applied, set as the printed document); writing the PDF is WeasyPrint's.

    python tests/benchmarks/bench_keeling.py [--repeat N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _shared import DATA, RENTERS, best

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from drafter.core.amendment import Amendment, InsertAtEnd, Target
from drafter.core.apply import apply
from drafter.core.bill import Bill
from drafter.core.keeling import act_name_of, keeling_paper, table_of_amendments
from drafter.export.printed import as_amended

ACT = DATA / "keeling" / "housing-act-2004" / "act.xml"


def table() -> int:
    act, bill = Bill.load(ACT), Bill.load(RENTERS)
    return len(table_of_amendments(act, bill, act_name_of(act, bill)))


def act_as_amended() -> int:
    act, bill = Bill.load(ACT), Bill.load(RENTERS)
    rows = table_of_amendments(act, bill, act_name_of(act, bill))
    paper, _ = keeling_paper(act, rows)
    _, report = as_amended(act, paper)
    return len(report.applied)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    table()  # imports and the print cache warm
    took, rows = best(table, args.repeat)
    both, made_changes = best(act_as_amended, args.repeat)
    bill = Bill.load(RENTERS)
    lines = [ln for ln in bill.print.lines if ln.text.strip()][:rows]
    amendments = [
        Amendment(str(n), (InsertAtEnd("and"),), Target(page=ln.page, line=ln.number))
        for n, ln in enumerate(lines, 1)
    ]

    def applied() -> int:
        return len(apply(Bill.load(RENTERS), amendments, lay_out=False)[1].outcomes)

    applied()
    apply_took, made = best(applied, args.repeat)
    print(f"Housing Act 2004 amended by the Renters' Rights Bill, best of {args.repeat}:")
    print(f"  table of amendments        {took * 1000:8.1f} ms  {rows} rows")
    print(f"  table and Act as amended   {both * 1000:8.1f} ms  {made_changes} amendments made")
    print("  (goal: ≤ 5 s together)")
    print(f"  drafter apply, {made} amendments {apply_took * 1000:8.1f} ms")
    print(f"  ratio                      {took / apply_took:8.2f}×")


if __name__ == "__main__":
    main()
