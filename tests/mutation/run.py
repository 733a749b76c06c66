"""Mutation testing of drafter's core with mutmut: too slow for CI, so run by hand.

    python tests/mutation/run.py [--report] [--sample N [--seed S]] [MODULE ...]

MODULE is one of apply, resolve, wording, compare and layout (the default is all five). For
each, mutmut mutates the module, runs the fast core tests that reach each mutated function
(pyproject's [tool.mutmut] names them), and this script prints how many mutants the tests
killed, how many are listed as equivalent in tests/mutation/equivalent.txt, and how many
survived. The goal is 90% or more killed or equivalent in each module. With --report it
runs nothing and prints the figures of the last runs (after, say, ``mutmut run NAME ...`` has
run the survivors again against new tests). With --sample N it runs N mutants of each module,
drawn at random with a fixed seed, and prints the share among them with its 95% interval: a
module's whole run takes hours on two cores, a sample of a few hundred a few minutes. A
sample drawn with another --seed (the default is 23) checks that tests written for the
survivors of one sample did not only teach the suite that sample.
"""

from __future__ import annotations

import json
import math
import os
import random
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
#: each module by its short name, and where it is under drafter.core
MODULES = {
    "apply": "apply",
    "resolve": "resolve",
    "wording": "wording",
    "compare": "compare",
    "layout": "print",
}


def _metas(module: str) -> list[Path]:
    """mutmut's records of the module's mutants, in its copy of the tree: one file per
    module, so a package (wording, compare) has one for each of its modules."""
    where = REPO_ROOT / "mutants" / "drafter" / "core" / MODULES[module].replace(".", "/")
    if where.is_dir():
        return sorted(where.rglob("*.py.meta"))
    meta = where.with_name(where.name + ".py.meta")
    return [meta] if meta.exists() else []


GOAL = 0.90

#: mutmut's exit codes for a mutant's test run, as it reads them (mutmut/stats.py)
KILLED = {1, 3}
SURVIVED = {0}
TIMEOUT = {36, -24, 24, 152, 255}


def equivalents() -> dict[str, str]:
    """The mutants shown to be equivalent: one a line, the mutant's name then why it changes
    nothing a user sees. Blank lines and lines starting with # are comments."""
    found: dict[str, str] = {}
    for number, line in enumerate((HERE / "equivalent.txt").read_text("utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, reason = line.partition(" ")
        if not reason.strip():
            raise SystemExit(f"equivalent.txt line {number}: {name} has no reason")
        found[name] = reason.strip()
    return found


@dataclass
class Figures:
    """What became of one module's mutants."""

    module: str
    seconds: float | None
    killed: list[str] = field(default_factory=list)
    equivalent: list[str] = field(default_factory=list)
    survived: list[str] = field(default_factory=list)
    timeouts: list[str] = field(default_factory=list)
    other: Counter[str] = field(default_factory=Counter)  # no tests, not checked, ...
    sampled: int = 0  # with --sample: how many mutants the module has in all

    @property
    def mutants(self) -> int:
        return (
            len(self.killed)
            + len(self.equivalent)
            + len(self.survived)
            + len(self.timeouts)
            + sum(self.other.values())
        )

    @property
    def share(self) -> float:
        """Killed (a timeout is a kill: the tests did not pass) or shown equivalent."""
        caught = len(self.killed) + len(self.timeouts) + len(self.equivalent)
        return caught / self.mutants if self.mutants else 1.0


def mutmut(*args: str) -> int:
    """Runs mutmut in the repository, with hypothesis derandomized (CI=true) and the shared
    bills found from the copy of the tree mutmut works in (mutants/)."""
    env = dict(os.environ, CI="true")
    env.setdefault("DRAFTER_SHARED_DATA", str((REPO_ROOT / ".." / "shared" / "data").resolve()))
    command = [str(Path(sys.executable).parent / "mutmut"), *args]
    return subprocess.run(command, cwd=REPO_ROOT, env=env, check=False).returncode


def exit_codes(module: str) -> dict[str, int | None]:
    """mutmut's record of the module's mutants (mutants/drafter/core/MODULE.py.meta, or each
    of a package's): each mutant's name, and the exit status of its tests (None: not run)."""
    codes: dict[str, int | None] = {}
    for meta in _metas(module):
        codes.update(json.loads(meta.read_text("utf-8"))["exit_code_by_key"])
    return codes


def sample(module: str, size: int, seed: int) -> list[str]:
    """``size`` of the module's mutants, the same ones each time for the same code. mutmut
    makes every module's mutants on any run: a run of a name that matches none makes them."""
    if not _metas(module):
        mutmut("run", f"drafter.core.{MODULES[module]}.x_no_such_function")
    names = sorted(exit_codes(module))
    return sorted(random.Random(seed).sample(names, min(size, len(names))))


def wilson(caught: int, n: int) -> tuple[float, float]:
    """The 95% interval of a share seen as ``caught`` of ``n`` (Wilson's score interval)."""
    if not n:
        return 0.0, 1.0
    z, p = 1.96, caught / n
    middle = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, middle - half), min(1.0, middle + half)


def figures(
    module: str, seconds: float | None, known: dict[str, str], only: list[str] | None = None
) -> Figures:
    """What became of the module's mutants (or of ``only`` those)."""
    codes = exit_codes(module)
    if only is not None:
        codes = {name: codes[name] for name in only}
    result = Figures(module, seconds)
    for name, code in sorted(codes.items()):
        if code in KILLED:
            result.killed.append(name)
        elif code in TIMEOUT:
            result.timeouts.append(name)
        elif name in known:
            result.equivalent.append(name)
        elif code in SURVIVED:
            result.survived.append(name)
        else:
            result.other["not checked" if code is None else f"exit code {code}"] += 1
    return result


def report(all_figures: list[Figures], known: dict[str, str]) -> None:
    for f in all_figures:
        if f.survived:
            print(f"\n{f.module}: {len(f.survived)} survived (see: mutmut show NAME)")
            for name in f.survived:
                print(f"    {name}")
    stale = [n for f in all_figures for n in f.killed + f.timeouts if n in known]
    if stale:
        print("\nListed as equivalent but killed (take them out of equivalent.txt):")
        for name in stale:
            print(f"    {name}")
    print()
    header = f"{'module':<10}{'mutants':>8}{'killed':>8}{'equiv':>7}{'survived':>9}"
    print(f"{header}{'timeouts':>9}{'other':>7}{'share':>8}{'time':>8}")
    for f in all_figures:
        row = f"{f.module:<10}{f.mutants:>8}{len(f.killed):>8}{len(f.equivalent):>7}"
        row += f"{len(f.survived):>9}{len(f.timeouts):>9}{sum(f.other.values()):>7}"
        mark = "" if f.share >= GOAL else "  < 90%"
        took = "-" if f.seconds is None else f"{f.seconds / 60:.1f}m"
        print(f"{row}{f.share:>8.1%}{took:>8}{mark}")
        for what, count in sorted(f.other.items()):
            print(f"{'':<10}{count} {what}")
        if f.sampled:
            caught = len(f.killed) + len(f.timeouts) + len(f.equivalent)
            low, high = wilson(caught, f.mutants)
            print(
                f"{'':<10}a sample of {f.mutants} of {f.sampled}: 95% interval {low:.0%}-{high:.0%}"
            )


def main(argv: list[str]) -> int:
    only_report = "--report" in argv
    options = {}
    for option in ("--sample", "--seed"):
        if option in argv:
            at = argv.index(option)
            options[option] = int(argv[at + 1])
            argv = argv[:at] + argv[at + 2 :]
    size, seed = options.get("--sample", 0), options.get("--seed", 23)
    modules = [a for a in argv if a != "--report"] or list(MODULES)
    unknown = [m for m in modules if m not in MODULES]
    if unknown:
        print(f"unknown module {', '.join(unknown)}: choose from {', '.join(MODULES)}")
        return 2
    known = equivalents()
    all_figures = []
    for module in modules:
        if only_report:
            all_figures.append(figures(module, None, known))
            continue
        print(f"=== drafter.core.{MODULES[module]}", flush=True)
        start = time.monotonic()
        if size:
            names = sample(module, size, seed)
            mutmut("run", *names)
            result = figures(module, time.monotonic() - start, known, names)
            result.sampled = len(exit_codes(module))
        else:
            mutmut("run", f"drafter.core.{MODULES[module]}.*")
            result = figures(module, time.monotonic() - start, known)
        all_figures.append(result)
    report(all_figures, known)
    return 0 if all(f.share >= GOAL for f in all_figures) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
