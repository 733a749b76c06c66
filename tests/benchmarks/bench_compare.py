"""Benchmark: drafter's comparison against `git diff --no-index --word-diff` (and, with
--xmldiff, Shoobx's xmldiff) on the same two files, timed the same way in one run.

    python tests/benchmarks/bench_compare.py [--xmldiff] [--repeat N]

Pairs: Social Housing (Regulation) Bill HL54 → HL60; the Renters' Rights Bill against a copy
with 1% of its words changed. drafter's time includes loading both files (a subprocess
running `drafter diff --format json`, as git runs as one: Python's start-up and imports count).
The subprocess may write bytecode (as an installed drafter has it, even where
PYTHONDONTWRITEBYTECODE is set) and is run once untimed first, so its bytecode and drafter's
print cache are warm, as for a drafter who has compared these bills before (their prints and
outlines kept: no parse). In process, the comparison is also timed the first time drafter
sees the files (print cache empty: parse, print, outline), and a bare lxml parse of both files
is timed, the floor a Python tool that parses them stands on; and comparing two bills made in
memory, as the TUI compares the bill as amended (nothing cached, prints read). Goals: ≥ 500×
faster than xmldiff; within 3× of git's word diff.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _shared import BILLS
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
DATA = BILLS
PY = sys.executable
DRAFTER = [PY, "-m", "drafter.cli"]


#: drafter's print cache, of our own: emptied for the first-time figures
CACHE = Path(tempfile.mkdtemp(prefix="drafter-bench-cache-"))
os.environ["DRAFTER_CACHE"] = str(CACHE)
#: the subprocess's environment: bytecode cached, as an installed drafter has it
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(
    cmd: list[str], repeat: int, warm: bool = False
) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    best = float("inf")
    out = None
    if warm:
        subprocess.run(cmd, capture_output=True, env=ENV)
    for _ in range(repeat):
        t = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, env=ENV)
        best = min(best, time.perf_counter() - t)
    assert out is not None
    return best, out


def changed_copy(src: Path, dst: Path, fraction: float, seed: int = 5) -> int:
    """Copy ``src`` with ``fraction`` of the words in its text (not tags, attributes or
    processing instructions) replaced; returns how many."""
    rng = random.Random(seed)
    data = src.read_text(encoding="utf-8")
    body = data.index("<body")
    pieces = re.split(r"(<[^>]*>)", data[body:])
    count = 0
    for k in range(0, len(pieces), 2):  # text between tags

        def swap(m: re.Match[str]) -> str:
            nonlocal count
            if rng.random() < fraction:
                count += 1
                return "zq" + m.group()[::-1]
            return m.group()

        pieces[k] = re.sub(r"[A-Za-z]{2,}", swap, pieces[k])
    dst.write_text(data[:body] + "".join(pieces), encoding="utf-8")
    return count


def strip_pis(src: Path, dst: Path) -> None:
    text = src.read_text(encoding="utf-8")
    head, sep, rest = text.partition("?>")  # keep the XML declaration
    dst.write_text(head + sep + re.sub(r"<\?(?!xml)[^?]*\?>", "", rest), encoding="utf-8")


def bench(name: str, old: Path, new: Path, repeat: int, xmldiff: bool, tmp: Path) -> None:
    print(f"\n{name}: {old.name} → {new.name}")
    t_drafter, out = timed(
        [*DRAFTER, "diff", "--format", "json", str(old), str(new)], repeat, warm=True
    )
    assert out.returncode in (0, 1), out.stderr.decode()
    import json

    summary = json.loads(out.stdout)["summary"]
    print(f"  drafter diff (JSON)        {t_drafter * 1000:8.0f} ms   {summary}")
    # in-process: the comparison alone, bills loaded
    sys.path.insert(0, str(ROOT))
    from drafter.core.bill import Bill
    from drafter.core.compare import compare
    from drafter.core.xml import parse_bytes, read_file

    t = time.perf_counter()
    a, b = Bill.load(old), Bill.load(new)
    t_load = time.perf_counter() - t
    t = time.perf_counter()
    a.outline, b.outline  # noqa: B018 (the outline is read on first use)
    t_outline = time.perf_counter() - t
    t_cmp = best = cold = bare = in_memory = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        compare(a, b)
        t_cmp = min(t_cmp, time.perf_counter() - t)
        t = time.perf_counter()
        compare(Bill.load(old), Bill.load(new))
        best = min(best, time.perf_counter() - t)
        shutil.rmtree(CACHE, ignore_errors=True)
        t = time.perf_counter()
        compare(Bill.load(old), Bill.load(new))
        cold = min(cold, time.perf_counter() - t)
        t = time.perf_counter()
        etree.parse(str(old)), etree.parse(str(new))
        bare = min(bare, time.perf_counter() - t)
        # bills made in memory (the TUI's bill as amended): no cache, prints read already
        made = [Bill(parse_bytes(read_file(path), path), path) for path in (old, new)]
        made[0].print, made[1].print
        t = time.perf_counter()
        compare(*made)
        in_memory = min(in_memory, time.perf_counter() - t)
    print(
        f"  in process: load {t_load * 1000:.0f} ms, outline {t_outline * 1000:.0f} ms, "
        f"compare {t_cmp * 1000:.0f} ms; all three {best * 1000:.0f} ms "
        f"(first time, print cache empty: {cold * 1000:.0f} ms)"
    )
    print(
        f"  in process, bills made in memory (nothing cached, prints read): compare "
        f"{in_memory * 1000:.0f} ms"
    )
    t_git, gout = timed(
        ["git", "diff", "--no-index", "--word-diff", str(old), str(new)], repeat, warm=True
    )
    t_py, _ = timed([PY, "-c", "pass"], repeat)
    t_imp, _ = timed([*DRAFTER, "--help"], repeat)
    lines = gout.stdout.count(b"\n")
    print(f"  git diff --word-diff        {t_git * 1000:8.0f} ms   ({lines} lines of output)")
    print(
        f"  (of which Python start-up   {t_py * 1000:8.0f} ms; start-up + CLI imports "
        f"{t_imp * 1000:.0f} ms)"
    )
    print(f"  drafter / git               {t_drafter / t_git:8.2f}×  (goal ≤ 3×)")
    print(f"  drafter (in process) / git  {best / t_git:8.2f}×  (first time {cold / t_git:.2f}×)")
    print(f"  bare lxml parse of both / git {bare / t_git:6.2f}×  ({bare * 1000:.0f} ms)")
    if xmldiff:
        so, sn = tmp / "old.xml", tmp / "new.xml"
        strip_pis(old, so)
        strip_pis(new, sn)
        t_x, xout = timed([str(Path(PY).parent / "xmldiff"), str(so), str(sn)], 1)
        if xout.returncode not in (0, 1):
            print(f"  xmldiff failed: {xout.stderr.decode()[-300:]}")
        else:
            print(f"  xmldiff                     {t_x * 1000:8.0f} ms")
            print(f"  xmldiff / drafter           {t_x / t_drafter:8.0f}×  (goal ≥ 500×)")
            print(f"  xmldiff / drafter in process{t_x / best:8.0f}×")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--xmldiff", action="store_true", help="Also time xmldiff (minutes).")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        bench(
            "Social Housing (Regulation) Bill",
            DATA / "social-housing-regulation-bill-hl54.xml",
            DATA / "social-housing-regulation-bill-hl60.xml",
            args.repeat,
            args.xmldiff,
            tmp,
        )
        src = DATA / "renters-rights-bill-hc127.xml"
        dst = tmp / "renters-rights-bill-1pc.xml"
        n = changed_copy(src, dst, 0.01)
        print(f"\n(Renters' Rights Bill copy: {n} words changed)")
        bench("Renters' Rights Bill, 1% of words changed", src, dst, args.repeat, False, tmp)
    shutil.rmtree(CACHE, ignore_errors=True)


if __name__ == "__main__":
    main()
