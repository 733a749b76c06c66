"""Benchmark: `blame` of one clause over a history of 1,000 versions, and over 100 in the same
process: the ratio shows how the cost grows (10× is linear in the versions).

The history is made with git itself (one word of another clause changed per version, so
that every version holds a new bill and the clause blamed keeps its lines from the first:
blame must walk back through all of them). Goal: ≤ 2 s for 1,000.

    python tests/benchmarks/bench_blame.py [--versions N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

from drafter.core.store import BillRepo

SAMPLE = Path(__file__).resolve().parents[2] / "bills" / "crime-and-policing-bill.xml"
GOAL = 2.0


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def history(root: Path, versions: int) -> BillRepo:
    """A bill repository whose bill changes in Clause 2 in every one of ``versions``."""
    os.environ.setdefault("GIT_AUTHOR_NAME", "Bench")
    os.environ.setdefault("GIT_AUTHOR_EMAIL", "bench@example.org")
    os.environ.setdefault("GIT_COMMITTER_NAME", "Bench")
    os.environ.setdefault("GIT_COMMITTER_EMAIL", "bench@example.org")
    repo = BillRepo.init(root, SAMPLE)
    bill = repo.bill_path
    text = bill.read_text(encoding="utf-8")
    word = "applicant"
    assert word in text
    for n in range(1, versions):
        bill.write_text(text.replace(word, f"{word}{n}", 1), encoding="utf-8")
        _git(root, "commit", "-q", "-a", "-m", f"version {n}")
    return BillRepo.open(root)


def timed(versions: int) -> tuple[float, int]:
    """Seconds to blame Clause 1 over ``versions`` versions, and the lines blamed."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = history(Path(tmp) / "repo", versions)
        start = time.perf_counter()
        rows = repo.blame("Clause 1")
        return time.perf_counter() - start, len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--versions", type=int, default=1000)
    args = parser.parse_args()
    small, _ = timed(args.versions // 10)
    large, lines = timed(args.versions)
    print(f"blame of Clause 1 ({lines} lines) over {args.versions // 10} versions: {small:.2f} s")
    print(f"blame of Clause 1 ({lines} lines) over {args.versions} versions: {large:.2f} s")
    print(f"ratio: {large / small:.1f}× for 10× the versions")
    print(f"goal ≤ {GOAL:.0f} s over {args.versions}: {'met' if large <= GOAL else 'not met'}")


if __name__ == "__main__":
    main()
