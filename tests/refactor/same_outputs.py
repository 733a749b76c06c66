"""Does a change leave what drafter prints and writes byte for byte the same?

For a move of code (issue 16: "a move, not a rewrite"), run drafter's commands on every real
bill and paper in ``../shared/data`` and on our sample, once with the code at BEFORE and once
with the code at AFTER, and compare their output, exit status and written files byte for byte:
``lines --json``, ``amendments --json``, ``apply`` (with and without ``--renumber``), ``diff``
in all three formats, ``diff --amendments``, and papers and a comparison exported as XML.

Run: ``python tests/refactor/same_outputs.py [BEFORE [AFTER]]``. BEFORE is a git revision
(default ``HEAD``); AFTER is a revision or, by default, the working tree. Exit 0 when every
output is the same, 1 when any differs (each difference is listed).
"""

from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
SAMPLE = ROOT / "bills" / "crime-and-policing-bill.xml"
SAMPLE_PAPERS = sorted((ROOT / "bills").glob("crime-and-policing-bill-amendments.*"))
HL54 = DATA / "bills" / "social-housing-regulation-bill-hl54.xml"
HL60 = DATA / "bills" / "social-housing-regulation-bill-hl60.xml"
#: the files a command writes, named relative to its working directory (so that both sides
#: print the same name)
OUT, OUT_HTML = "out.xml", "out.html"


@dataclass(frozen=True)
class Run:
    """One command's result: what it printed, its exit status, and the file it wrote."""

    stdout: bytes
    stderr: bytes
    status: int
    written: bytes | None


def commands(work: Path) -> dict[str, list[str]]:
    """Each command to compare, by a name that says what it is. It runs in ``work``, and
    writes a file only to :data:`OUT` or :data:`OUT_HTML` there."""
    bills = [*sorted((DATA / "bills").glob("*.xml")), SAMPLE]
    papers = [*sorted((DATA / "amendments").glob("*.xml")), *SAMPLE_PAPERS]
    todo: dict[str, list[str]] = {}
    for bill in bills:
        todo[f"lines --json {bill.name}"] = ["lines", "--json", str(bill)]
    for paper in papers:
        todo[f"amendments --json {paper.name}"] = ["amendments", "--json", str(paper)]
    for paper in papers:
        todo[f"export paper {paper.name} (LawMaker XML)"] = [
            "export",
            "paper",
            str(paper),
            "-o",
            "{}",
        ]
    for paper in SAMPLE_PAPERS:
        todo[f"amendments --json --bill sample {paper.name}"] = [
            "amendments", "--json", "--bill", str(SAMPLE), str(paper),
        ]  # fmt: skip
    hl54_to_hl60 = work / "hl54-to-hl60.txt"
    pairs = [(SAMPLE, paper) for paper in SAMPLE_PAPERS] + [(HL54, hl54_to_hl60)]
    for bill, paper in pairs:
        for extra in ([], ["--renumber"]):
            name = f"apply {' '.join(extra)} {bill.name} {paper.name}".replace("  ", " ")
            todo[name] = ["apply", *extra, "--report", "json", str(bill), str(paper), "-o", OUT]
    for form in ("text", "json", "html"):
        todo[f"diff --format {form} HL54 HL60"] = [
            "diff", "--format", form, "--no-color", str(HL54), str(HL60),
        ]  # fmt: skip
    todo["diff --amendments HL54 HL60"] = ["diff", "--amendments", str(HL54), str(HL60)]
    todo["export compare HL54 HL60 (HTML)"] = [
        "export", "compare", str(HL54), str(HL60), "-o", OUT_HTML,
    ]  # fmt: skip
    return todo


def checkout(revision: str, into: Path) -> Path:
    """The tree of ``revision`` (its ``drafter`` package and templates) under ``into``."""
    into.mkdir(parents=True)
    archive = into / "tree.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "-C", str(ROOT), "archive", revision], stdout=out, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    archive.unlink()
    return into


def run_all(code: Path, work: Path, paper_source: Path | None) -> dict[str, Run]:
    """Every command with the drafter found in ``code``, with a print cache of its own (so
    both sides read every print afresh)."""
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(code), "DRAFTER_CACHE": str(work / "cache")}
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    paper = work / "hl54-to-hl60.txt"
    if paper_source is None:  # this side writes the paper that apply takes on both sides
        made = subprocess.run(
            [sys.executable, "-m", "drafter.cli", "diff", "--amendments", str(HL54), str(HL60)],
            capture_output=True, env=env, check=False,
        )  # fmt: skip
        paper.write_bytes(made.stdout)
    else:
        paper.write_bytes(paper_source.read_bytes())
    results: dict[str, Run] = {}
    for name, args in commands(work).items():
        for written_name in (OUT, OUT_HTML):
            (work / written_name).unlink(missing_ok=True)
        done = subprocess.run(
            [sys.executable, "-m", "drafter.cli", *args],
            capture_output=True, env=env, cwd=work, check=False,
        )  # fmt: skip
        out = next((work / n for n in (OUT, OUT_HTML) if n in args), None)
        written = out.read_bytes() if out is not None and out.exists() else None
        results[name] = Run(done.stdout, done.stderr, done.returncode, written)
    return results


def differences(before: dict[str, Run], after: dict[str, Run]) -> list[str]:
    """A short account of each command whose results differ."""
    found = []
    for name, old in before.items():
        new = after[name]
        for part in ("status", "stdout", "stderr", "written"):
            a, b = getattr(old, part), getattr(new, part)
            if a == b:
                continue
            if isinstance(a, bytes) and isinstance(b, bytes):
                lines = difflib.unified_diff(
                    a.decode("utf-8", "replace").splitlines(),
                    b.decode("utf-8", "replace").splitlines(),
                    "before", "after", lineterm="", n=1,
                )  # fmt: skip
                detail = "\n".join(list(lines)[:12])
            else:
                detail = f"{a!r} -> {b!r}"
            found.append(f"{name}: {part} differs\n{detail}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", nargs="?", default="HEAD")
    parser.add_argument("after", nargs="?", help="a revision (default: the working tree)")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"shared data not found at {DATA}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="drafter-same-") as tmp:
        base = Path(tmp)
        old_code = checkout(args.before, base / "before-code")
        new_code = checkout(args.after, base / "after-code") if args.after else ROOT
        before = run_all(old_code, base / "before", None)
        after = run_all(new_code, base / "after", base / "before" / "hl54-to-hl60.txt")
    found = differences(before, after)
    for item in found:
        print(item, end="\n\n")
    same = len(before) - len({f.split(": ", 1)[0] for f in found})
    print(f"{same} of {len(before)} commands give the same output, status and files")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
