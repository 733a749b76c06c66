"""Benchmark: a bill repository holding the Renters' Rights Bill (3.1 MB).

    python tests/benchmarks/bench_store.py [BILL.xml] [--versions N] [--runs R]

1. committing a version: the bill changed by one amendment (written as an apply step writes
   it, not normalised), then ``BillRepo.commit`` -- parse, normalise, atomic write, git add,
   git commit with trailers. Goal ≤ 0.5 s.
2. ``drafter log`` over 1,000 versions (the history is built with ``git fast-import``: every
   version changes the amendment paper, every 100th the bill too; only the log is timed), as
   the command a user runs (a new process) and as the store call. Goal ≤ 1 s.
3. reading any version's bill straight from git objects (``bill_at``, a version in the middle
   of the history), and the same with its print indexed. Goal ≤ 0.5 s.

Figures are medians of R runs. The git identity is set in the environment, so the benchmark
runs on a machine without a global git configuration.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _shared import RENTERS

from drafter.core import store
from drafter.core.bill import Bill
from drafter.core.files import write_atomic, xml_bytes

DEFAULT = RENTERS


def _median(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _amend(path: Path, n: int) -> None:
    """One word of the bill changed, written as an apply step writes a bill."""
    bill = Bill.load(path)
    for el in bill.root.iter():
        if isinstance(el.tag, str) and el.text and "tenancy" in el.text:
            el.text = el.text.replace("tenancy", f"tenancy{n}", 1)
            break
    write_atomic(path, xml_bytes(bill.tree))


def _history(repo: store.BillRepo, versions: int) -> None:
    """``versions`` more commits on top of HEAD, through git fast-import."""
    bill = repo.bill_path.read_bytes()
    name = repo.bill_file
    chunks: list[bytes] = []
    paper = "Bill: Renters' Rights Bill\nBill number: Bill 127\n"
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=repo.root, capture_output=True, text=True, check=True
    ).stdout.strip()
    t0 = 1_700_000_000
    for i in range(1, versions + 1):
        paper += f"\nAmendment {i}\nSponsors: A Member\nPage 1, line 5, leave out “tenancy”\n"
        p = paper.encode()
        files = [f"M 100644 inline amendments/paper.txt\ndata {len(p)}\n".encode() + p + b"\n"]
        if i % 100 == 0:
            bill = bill.replace(b"tenancy", f"tenancy-v{i}".encode(), 1)
            files.append(f"M 100644 inline {name}\ndata {len(bill)}\n".encode() + bill + b"\n")
        message = (
            f"Amendment {i} tabled\n\nDrafter-Print: Bill 127\nDrafter-Stage: As introduced\n"
            f"Drafter-Amendments: {i}\n"
        ).encode()
        chunks.append(
            b"commit refs/heads/main\n"
            + f"author Ada Drafter <ada@example.org> {t0 + i} +0000\n".encode()
            + f"committer Ada Drafter <ada@example.org> {t0 + i} +0000\n".encode()
            + f"data {len(message)}\n".encode()
            + message
            + (f"from {head}\n".encode() if i == 1 else b"")
            + b"".join(files)
            + b"\n"
        )
    subprocess.run(
        ["git", "fast-import", "--quiet"], cwd=repo.root, input=b"".join(chunks), check=True
    )
    subprocess.run(["git", "reset", "--hard", "--quiet", "main"], cwd=repo.root, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("bill", nargs="?", default=str(DEFAULT.resolve()))
    parser.add_argument("--versions", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.update(
        GIT_AUTHOR_NAME="Ada Drafter",
        GIT_AUTHOR_EMAIL="ada@example.org",
        GIT_COMMITTER_NAME="Ada Drafter",
        GIT_COMMITTER_EMAIL="ada@example.org",
    )
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        repo = store.init(Path(tmp) / "bill", args.bill)
        init_time = time.perf_counter() - start

        commits = []
        for n in range(args.runs):
            _amend(repo.bill_path, n)
            start = time.perf_counter()
            repo.commit(f"Amendment {n} agreed", [str(n)])
            commits.append(time.perf_counter() - start)
        commit_time = statistics.median(commits)

        start = time.perf_counter()
        _history(repo, args.versions - len(repo.versions()))
        build = time.perf_counter() - start
        count = len(repo.versions())

        env = dict(os.environ)
        cli = [sys.executable, "-m", "drafter.cli", "log"]

        def log_cli() -> None:
            subprocess.run(cli, cwd=repo.root, env=env, capture_output=True, check=True)

        log_cli_time = _median(log_cli, args.runs)
        log_api_time = _median(lambda: repo.versions(), args.runs)
        middle = repo.versions()[count // 2].sha
        read_time = _median(lambda: repo.bill_at(middle), args.runs)
        read_print_time = _median(lambda: repo.bill_at(middle).print.lines, args.runs)
        size = repo.bill_path.stat().st_size

    print(f"bill: {Path(args.bill).name} ({size / 1e6:.1f} MB normalised)")
    print(f"init (normalise + first version):           {init_time:6.3f} s")
    print(f"commit a version (goal ≤ 0.5 s):            {commit_time:6.3f} s")
    print(f"history of {count} versions built in          {build:6.3f} s (fast-import, untimed)")
    print(f"drafter log, {count} versions (goal ≤ 1 s):  {log_cli_time:6.3f} s  (new process)")
    print(f"  BillRepo.versions():                      {log_api_time:6.3f} s")
    print(f"bill_at(a middle version) (goal ≤ 0.5 s):   {read_time:6.3f} s")
    print(f"  bill_at + its print indexed:              {read_print_time:6.3f} s")


if __name__ == "__main__":
    main()
