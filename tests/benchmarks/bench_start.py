"""Benchmark: what a user waits for when a command starts, beside its peer, the two run in
alternation (so both see the same machine), medians.

    python tests/benchmarks/bench_start.py [--runs N]

- ``drafter --help`` against ``python -c "import lxml.etree"`` (goal ≤ 2×): the cost of
  starting the command line, before any bill is read.
- ``drafter diff`` of the Social Housing (Regulation) Bill HL54 → HL60, as a process, against
  ``git diff --no-index --word-diff`` of the same files: with drafter's print cache warm
  (goal ≤ 5×) and empty (goal ≤ 8×).
- The floors beside git: Python starting, with lxml, with click and lxml.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from _shared import BILLS

HL54 = BILLS / "social-housing-regulation-bill-hl54.xml"
HL60 = BILLS / "social-housing-regulation-bill-hl60.xml"
DRAFTER = os.path.join(os.path.dirname(sys.executable), "drafter")
#: Python starting, and importing what drafter's command line stands on: the part of a
#: command's time no change to drafter can take away.
FLOORS = [
    ("python -c pass", ["-c", "pass"]),
    ("python -c 'import lxml.etree'", ["-c", "import lxml.etree"]),
    ("python -c 'import click, lxml.etree'", ["-c", "import click, lxml.etree"]),
]


def _run(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):  # diff exits 1 when the bills differ
        raise SystemExit(f"{command[0]} failed: {done.stderr.decode()[-400:]}")
    return elapsed


def _alternate(
    ours: list[str], peer: list[str], runs: int, env: dict[str, str], cold: str = ""
) -> tuple[float, float]:
    """Medians of ``ours`` and ``peer`` run in turn; with ``cold``, drafter's cache folder is
    emptied before each run of ours."""
    mine, theirs = [], []
    _run(ours, env), _run(peer, env)  # the files in the page cache, for both
    for _ in range(runs):
        if cold:
            shutil.rmtree(cold, ignore_errors=True)
        mine.append(_run(ours, env))
        theirs.append(_run(peer, env))
    return statistics.median(mine), statistics.median(theirs)


def _say(what: str, peer: str, times: tuple[float, float], goal: float) -> None:
    ours, theirs = times
    ratio = ours / theirs
    verdict = "met" if ratio <= goal else "NOT met"
    print(f"{what:<34} {ours * 1000:7.1f} ms   {peer:<30} {theirs * 1000:7.1f} ms")
    print(f"{'':<34} ratio {ratio:.2f}x  (goal <= {goal:g}x: {verdict})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    cache = tempfile.mkdtemp(prefix="drafter-bench-cache-")
    env = {**os.environ, "DRAFTER_CACHE": cache}
    # as Python runs for a user: modules compiled once and kept (pip compiles the libraries'
    # at install; drafter's own are compiled on the first run here). Some machines set
    # PYTHONDONTWRITEBYTECODE, which would make every run compile drafter's source again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    try:
        help_times = _alternate(
            [DRAFTER, "--help"], [sys.executable, "-c", "import lxml.etree"], args.runs, env
        )
        _say("drafter --help", "python -c 'import lxml.etree'", help_times, 2)
        diff = [DRAFTER, "diff", str(HL54), str(HL60)]
        git = ["git", "diff", "--no-index", "--word-diff", str(HL54), str(HL60)]
        _say("drafter diff HL54 HL60 (warm)", "git diff --word-diff", _alternate(
            diff, git, args.runs, env), 5)  # fmt: skip
        _say("drafter diff HL54 HL60 (cold)", "git diff --word-diff", _alternate(
            diff, git, args.runs, env, cold=cache), 8)  # fmt: skip
        print("floors: what any command in Python with click and lxml pays before its work")
        for name, code in FLOORS:
            floor, peer = _alternate([sys.executable, *code], git, args.runs, env)
            print(f"  {name:<40} {floor * 1000:7.1f} ms   ratio {floor / peer:.2f}x git")
    finally:
        shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
