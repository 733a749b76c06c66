"""Benchmark: parsing the wording of all 309 amendments on the Energy Bill's Commons report
marshalled list.

    python tests/benchmarks/bench_parse.py [PAPER.xml] [--runs N]

Two figures, best of N runs: parsing alone (the wordings, new clauses' full text included,
extracted from the XML beforehand), and extraction plus parsing (safe XML parse of the paper,
the printed wording of each amendment's instruction, then the parse). Goal: ≤ 0.2 s in total.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable
from pathlib import Path

from _shared import DATA

from drafter.core.akn import NS
from drafter.core.print.reading import printed_text
from drafter.core.wording import parse_amendment
from drafter.core.xml import parse_file

DEFAULT = DATA / "amendments" / "energy-bill-hc340-report-marshalled-list.xml"
GOAL = 0.2


def extract(path: Path) -> list[tuple[str, str]]:
    """(number, printed wording) of every amendment on the paper."""
    tree = parse_file(path)
    out = []
    for body in tree.iterfind(".//akn:amendmentBody", NS):
        num = body.find(".//akn:num", NS)
        number = "".join(num.itertext()).strip() if num is not None else ""
        blocks = body.findall(".//akn:block[@name='instruction']", NS)
        out.append((number, " ".join(printed_text(b) for b in blocks)))
    return out


def parse_all(wordings: list[tuple[str, str]]) -> int:
    chars = 0
    for number, text in wordings:
        parse_amendment(text, number)
        chars += len(text)
    return chars


def best_of(runs: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paper", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    wordings = extract(args.paper)
    chars = parse_all(wordings)  # warm up, and check every wording parses
    parse_only = best_of(args.runs, lambda: parse_all(wordings))
    with_extraction = best_of(args.runs, lambda: parse_all(extract(args.paper)))

    n = len(wordings)
    print(f"{args.paper.name}: {n} amendments, {chars:,} characters of wording")
    print(
        f"parse only:              {parse_only:.4f} s  "
        f"({parse_only / n * 1e6:.0f} µs per amendment)"
    )
    print(f"extract from XML + parse: {with_extraction:.4f} s")
    verdict = "met" if with_extraction <= GOAL else "NOT met"
    print(f"goal ≤ {GOAL} s in total: {verdict} (best of {args.runs} runs)")


if __name__ == "__main__":
    main()
