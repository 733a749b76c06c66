"""Benchmark: drafter on a bill ten times the Renters' Rights Bill (its body repeated ten
times: some 31 MB, the size of a big Finance Bill with its Schedules), beside a bare
``lxml.etree.parse`` in the same process.

    python tests/benchmarks/bench_big.py [--copies N]

Prints, each beside its peer:
- apply with no amendment (goal ≤ 1× the bill's first load) and with 1,000 (goal ≤ 2 s);
- a first (cold) diff of two such bills, one with 1% of its words changed, against a bare
  parse of both (goal ≤ 4×), and the diff's peak memory (it must not grow), measured in a
  process of its own. The diff reads its bills as ``drafter diff`` does
  (:func:`drafter.core.compare.loading.load_to_compare`): on a machine with two cores, the
  new print in a forked reader beside it, whose own peak is printed too, and the peak of the
  two together (what the machine must have).

Each copy of the body keeps the print's page and line markers, its pages moved on past the
copies before it, and its eIds made unique, so that the big bill is a well-formed print.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from _shared import RENTERS, settle_heap
from bench_apply import generate
from lxml import etree

from drafter.core.apply import apply
from drafter.core.bill import Bill

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
WORD = re.compile(r"\b[a-z]{6,}\b")


def big_bill(copies: int, out: Path, change: float = 0.0, seed: int = 1) -> None:
    """The Renters' Rights Bill with its body's provisions repeated ``copies`` times; with
    ``change``, that share of its longer words changed (one in a hundred: 0.01)."""
    tree = etree.parse(str(RENTERS))
    body = tree.getroot().find(f".//{AKN}body")
    assert body is not None
    originals = list(body)
    pages = max(
        int((pi.text or "0-0").partition("-")[0])
        for pi in body.iter(etree.ProcessingInstruction)
        if pi.target == "L"
    )
    for n in range(1, copies):
        for child in originals:
            copy = etree.fromstring(etree.tostring(child))
            for el in copy.iter():
                if isinstance(el, etree._ProcessingInstruction) and el.target == "L":
                    page, _, line = (el.text or "").partition("-")
                    el.text = f"{int(page) + n * pages}-{line}"
                elif isinstance(el.tag, str):
                    for attr in ("eId", "GUID"):
                        if el.get(attr):
                            el.set(attr, f"{el.get(attr)}_c{n}")
            copy.tail = child.tail
            body.append(copy)
    if change:
        rng = random.Random(seed)
        for el in body.iter(f"{AKN}p"):
            if el.text and rng.random() < change * 10:
                el.text = WORD.sub(
                    lambda m: m.group(0)[::-1] if rng.random() < 0.1 else m.group(0), el.text
                )
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")


def _timed(job):  # type: ignore[no-untyped-def]
    settle_heap()  # what freeing the last run's bill put off is not this run's time
    start = time.perf_counter()
    made = job()
    return time.perf_counter() - start, made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="drafter-bench-big-"))
    cache = folder / "cache"
    os.environ["DRAFTER_CACHE"] = str(cache)
    try:
        old, new = folder / "big.xml", folder / "big-changed.xml"
        big_bill(args.copies, old)
        big_bill(args.copies, new, change=0.01)
        size = old.stat().st_size / 1e6
        print(f"bill: the Renters' Rights Bill's body x{args.copies} ({size:.1f} MB)")

        bares, loads, zeros = [], [], []
        for _ in range(args.runs):  # interleaved: each sees the machine as the others do
            bares.append(_timed(lambda: etree.parse(str(old)))[0])
            shutil.rmtree(cache, ignore_errors=True)
            took, bill = _timed(lambda: _loaded(old))
            loads.append(took)
            zeros.append(_timed(partial(apply, bill, []))[0])
        bare, load, zero = map(statistics.median, (bares, loads, zeros))
        print(f"bare lxml parse              {bare:7.2f} s   (medians of {args.runs} runs)")
        print(f"first load + index           {load:7.2f} s   ratio {load / bare:.2f}x")
        print(f"apply, no amendment          {zero:7.2f} s   {zero / load:.2f}x the first load "
              "(goal <= 1x)")  # fmt: skip
        amendments = generate(bill)
        many, (_, report) = _timed(lambda: apply(bill, amendments))
        print(f"apply, {len(amendments)} amendments       {many:7.2f} s   "
              f"({len(report.applied)} applied; goal <= 2 s)")  # fmt: skip
        bill = amendments = report = None  # type: ignore[assignment]  # the diffs' memory alone

        bares, diffs = [], []
        for _ in range(3):  # in turn, each in a process of its own; the cache emptied for each
            bares.append(json.loads(_run(_BARE, old, new))["seconds"])
            shutil.rmtree(cache, ignore_errors=True)
            diffs.append(json.loads(_run(_DIFF, old, new)))
        bare_both = statistics.median(bares)
        diff = sorted(diffs, key=lambda d: d["seconds"])[1]  # the median run
        print(f"bare parse of both           {bare_both:7.2f} s   (median of 3 runs)")
        ratio = diff["seconds"] / bare_both
        print(f"cold diff of the two         {diff['seconds']:7.2f} s   ratio {ratio:.2f}x "
              f"(goal <= 4x; median of 3, run in turn); {diff['changes']} changes")  # fmt: skip
        print(f"peak memory of the cold diff {diff['peak_mib']:7.0f} MiB", end="")
        if diff["reader_mib"]:  # the new print read beside it, in a process of its own
            print(f" (its reader of the new print {diff['reader_mib']:.0f} MiB)")
        else:
            print()
        shutil.rmtree(cache, ignore_errors=True)
        together = _memory_together(old, new)
        print(f"  the two together           {together:7.0f} MiB   (peak of their summed PSS, "
              "sampled in a run of its own)")  # fmt: skip
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run(code: str, *paths: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, *map(str, paths)],
        capture_output=True, text=True, check=True, env={**os.environ},
    )  # fmt: skip
    return done.stdout


def _memory_together(*paths: Path) -> float:
    """The peak, in MiB, of the memory a cold diff and its reader use together: their
    proportional set sizes summed (pages they share counted once), sampled every 20 ms."""
    diff = subprocess.Popen(
        [sys.executable, "-c", _DIFF, *map(str, paths)], stdout=subprocess.DEVNULL
    )
    peak = 0
    while diff.poll() is None:
        try:
            children = Path(f"/proc/{diff.pid}/task/{diff.pid}/children").read_text().split()
        except OSError:
            children = []
        peak = max(peak, sum(_pss_kib(pid) for pid in [str(diff.pid), *children]))
        time.sleep(0.02)
    return peak / 1024


def _pss_kib(pid: str) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:  # ended, or not Linux
        return 0
    sizes = [int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")]
    return sizes[0] if sizes else 0


def _loaded(path: Path) -> Bill:
    bill = Bill.load(path)
    bill.print.lines  # noqa: B018
    return bill


#: the peer: a bare parse of both bills, in a process of its own as the diff is
_BARE = """
import json, sys, time
from lxml import etree
start = time.perf_counter()
trees = [etree.parse(path) for path in sys.argv[1:3]]
print(json.dumps({"seconds": time.perf_counter() - start}))
"""

#: a cold diff in a process of its own, so that its peak memory is its own. Linux carries a
#: process's ``ru_maxrss`` across exec, so a child started from this benchmark (holding a big
#: bill) would report this process's size: the child's own high-water mark is ``VmHWM``.
_DIFF = """
import json, resource, sys, time
from drafter.core.compare import compare
from drafter.core.compare.loading import load_to_compare
start = time.perf_counter()
changes = compare(*load_to_compare(sys.argv[1:3]))
seconds = time.perf_counter() - start
try:
    with open("/proc/self/status") as status:
        hwm = next(line for line in status if line.startswith("VmHWM:"))
    peak = int(hwm.split()[1]) / 1024
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
reader = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mib": peak, "reader_mib": reader,
                  "changes": len(changes.changes)}))
"""


if __name__ == "__main__":
    main()
