"""Benchmark: ``drafter rebase`` of 300 amendments drafted at random against HL54 (every form,
as tests/test_rebase_random.py draws them) onto HL60, against ``drafter diff`` of the same two
prints, its peer: both as the commands a user runs, with the prints seen before (drafter's
print cache warm), best of N, side by side in one run. The carrying alone, in process, is
timed too. Goal: the command ≤ 1 s.

    python tests/benchmarks/bench_rebase.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _shared import BILLS

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from drafter.core.bill import Bill  # noqa: E402
from drafter.core.paper import Paper, entry_from_amendment, write_paper_text  # noqa: E402
from drafter.core.rebase import rebase  # noqa: E402
from tests.test_rebase_random import random_amendments  # noqa: E402

OLD = BILLS / "social-housing-regulation-bill-hl54.xml"
NEW = BILLS / "social-housing-regulation-bill-hl60.xml"
DRAFTER = [sys.executable, "-m", "drafter.cli"]
#: bytecode cached, as an installed drafter has it
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def best_run(cmd: list[str], repeat: int) -> float:
    subprocess.run(cmd, capture_output=True, env=ENV)  # warm: bytecode and print cache
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=ENV)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    old = Bill.load(OLD)
    paper = Paper(entries=tuple(entry_from_amendment(a) for a in random_amendments(old)))
    path = Path(tempfile.mkdtemp(prefix="drafter-bench-rebase-")) / "paper.txt"
    path.write_text(write_paper_text(paper), encoding="utf-8")

    in_process = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        rebase(paper, Bill.load(OLD), Bill.load(NEW))
        in_process = min(in_process, time.perf_counter() - start)
    command = best_run(
        [*DRAFTER, "rebase", str(path), "--from", str(OLD), "--to", str(NEW), "--report", "json"],
        args.repeat,
    )
    diff = best_run([*DRAFTER, "diff", str(OLD), str(NEW), "--format", "json"], args.repeat)
    print(f"HL54 → HL60, {len(paper.entries)} amendments, best of {args.repeat}:")
    print(f"  rebase, in process (prints loaded)   {in_process * 1000:8.1f} ms")
    print(f"  drafter rebase (command)             {command * 1000:8.1f} ms  (goal ≤ 1000 ms)")
    print(f"  drafter diff (command, the peer)     {diff * 1000:8.1f} ms")
    print(f"  ratio rebase / diff                  {command / diff:8.2f}×")


if __name__ == "__main__":
    main()
