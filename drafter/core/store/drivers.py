"""What git runs for a bill repository: the textconv view of a bill (``git diff`` and ``git log
-p`` show its printed lines) and the merge of amendment papers, amendment by amendment."""

from __future__ import annotations

import os
import re
import shlex
import sys
from dataclasses import dataclass

from drafter.core.bill import Bill


def driver_command(sub: str) -> str:
    """How git should run a hidden drafter command: this Python (by its full path) running
    ``-m drafter.cli SUB``. Not ``drafter SUB``: git runs it with the PATH of whoever runs
    git, where drafter may not be (a plain ``git pull`` outside the virtual environment),
    and a merge driver git cannot find leaves one side's paper as the merge, silently
    dropping the other side's amendments. Each drafter command that finds another command
    recorded (a virtual environment moved) records its own (see ``_drivers_installed``)."""
    return f"{shlex.quote(sys.executable)} -m drafter.cli {sub}"


def printed_text(bill: Bill) -> str:
    """The bill as git's textconv driver shows it: a short heading, then every printed line
    as ``PAGE:LINE  text``."""
    m = bill.metadata
    out = [f"Bill: {m.title}", f"Bill number: {m.bill_number}", f"Stage: {m.stage}", ""]
    out.extend(f"{ln.page}:{ln.number}  {ln.text}" for ln in bill.print.lines)
    return "\n".join(out) + "\n"


# --- merging amendment papers (text format) ------------------------------------------------------

_AMENDMENT_HEAD = re.compile(r"Amendment\s+(\S+)")


def _paper_blocks(text: str) -> tuple[str, list[tuple[str, str]]]:
    """(heading, [(number, block)]) of a text paper: blocks are separated by blank lines and
    an amendment's block starts with ``Amendment NUMBER``."""
    chunks = [c.strip("\n") for c in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n"))]
    heading: list[str] = []
    blocks: list[tuple[str, str]] = []
    for chunk in chunks:
        if not chunk.strip():
            continue
        m = _AMENDMENT_HEAD.match(chunk)
        if m:
            blocks.append((m.group(1), chunk))
        elif blocks:  # text that is not an amendment stays with the one before it
            number, block = blocks[-1]
            blocks[-1] = (number, block + "\n\n" + chunk)
        else:
            heading.append(chunk)
    return "\n\n".join(heading), blocks


def _pick(
    base: str | None, ours: str | None, theirs: str | None, prefer: str = ""
) -> tuple[str | None, bool]:
    """Three-way choice for one unit: (result, conflict). ``prefer`` ("mine", "theirs")
    settles a unit both sides changed."""
    if ours == theirs:
        return ours, False
    if ours == base:
        return theirs, False
    if theirs == base:
        return ours, False
    if prefer:
        return (ours if prefer == "mine" else theirs), False
    return ours, True


#: The environment variable through which ``drafter pull --prefer`` reaches the paper merge
#: driver (git passes ``-X ours``/``-X theirs`` to its own merges only).
PREFER_VARIABLE = "DRAFTER_MERGE_PREFER"
#: How the driver's notes on what it did begin on stderr, for ``pull`` to pass on and to
#: record in the merge (said again to whoever pulls it) …
MERGE_NOTE = "drafter merged a paper: "
#: … and its notes for the one pulling alone: their own amendments it renumbered
RENUMBER_NOTE = "drafter renumbered an amendment: "


@dataclass(frozen=True)
class PaperMerge:
    text: str
    conflicts: tuple[str, ...]  # amendment numbers (or "heading") changed on both sides
    #: (number, new number) of amendments both sides added under one number: ours (not yet
    #: shared: the other side's is, and may be cited already) is given the next free
    #: number, so that neither drafter's amendment is lost
    renumbered: tuple[tuple[str, str], ...] = ()
    #: amendments both sides changed, settled by ``prefer``
    settled: tuple[str, ...] = ()


#: what git keeps in its directory while it replays commits (a rebase), one per backend
REBASING = ("rebase-merge", "rebase-apply")


def replaying() -> bool:
    """Is git, in the repository of the working directory (where it runs a merge driver),
    replaying commits onto others (``git pull --rebase``, ``git rebase``)? Its "ours" is
    then the other side, onto which the drafter's own commits are replayed: "theirs"."""
    import subprocess

    try:
        found = subprocess.run(
            ["git", "rev-parse", *(arg for name in REBASING for arg in ("--git-path", name))],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return False
    return any(os.path.isdir(path) for path in found.stdout.splitlines())


def merge_papers(base: str, ours: str, theirs: str, prefer: str = "") -> PaperMerge:
    """Merge three versions of a text amendment paper amendment by amendment: an amendment
    added, changed or removed on one side is taken; one changed differently on both sides is
    a conflict, written with git's conflict markers, unless ``prefer`` ("mine", "theirs")
    says whose to keep. Two different amendments added under one number are both kept, ours
    under the next free number."""
    b_head, b_blocks = _paper_blocks(base)
    o_head, o_blocks = _paper_blocks(ours)
    t_head, t_blocks = _paper_blocks(theirs)
    b_map, t_map = dict(b_blocks), dict(t_blocks)
    o_blocks, renumbered = _renumber_ours(b_map, t_map, o_blocks)
    o_map = dict(o_blocks)
    conflicts: list[str] = []

    def marked(o: str | None, t: str | None) -> str:
        return f"<<<<<<< ours\n{o or ''}\n=======\n{t or ''}\n>>>>>>> theirs"

    head, clash = _pick(b_head, o_head, t_head, prefer)
    if clash:
        conflicts.append("heading")
        head = marked(o_head, t_head)
    # order: ours, with amendments only theirs has placed after their predecessor in theirs
    # (so one of theirs that took the number of one of ours comes before it)
    order = [n for n, _ in o_blocks]
    for i, (number, _) in enumerate(t_blocks):
        if number in order:
            continue
        before = next(
            (t_blocks[j][0] for j in range(i - 1, -1, -1) if t_blocks[j][0] in order), None
        )
        order.insert(order.index(before) + 1 if before is not None else 0, number)
    out = [head] if head else []
    settled: list[str] = []
    for number in order:
        mine, their = o_map.get(number), t_map.get(number)
        result, clash = _pick(b_map.get(number), mine, their, prefer)
        if prefer and _pick(b_map.get(number), mine, their)[1]:
            settled.append(number)
        if clash:
            conflicts.append(number)
            result = marked(o_map.get(number), t_map.get(number))
        if result is not None:
            out.append(result)
    return PaperMerge("\n\n".join(out) + "\n", tuple(conflicts), tuple(renumbered), tuple(settled))


_NUMBER = re.compile(r"^(\D*)(\d+)$")


def _renumber_ours(
    base: dict[str, str], theirs: dict[str, str], ours: list[tuple[str, str]]
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Our blocks, an amendment both sides added under one number (with other words)
    moved to the next number free on both sides ("10" -> "11", "NC2" -> "NC3")."""
    taken = set(base) | set(theirs) | {n for n, _ in ours}
    out: list[tuple[str, str]] = []
    renumbered: list[tuple[str, str]] = []
    for number, block in ours:
        m = _NUMBER.match(number)
        if number in base or number not in theirs or theirs[number] == block or m is None:
            out.append((number, block))
            continue
        prefix, n = m.group(1), int(m.group(2))
        while f"{prefix}{n}" in taken:
            n += 1
        new = f"{prefix}{n}"
        taken.add(new)
        renumbered.append((number, new))
        out.append((new, _AMENDMENT_HEAD.sub(f"Amendment {new}", block, count=1)))
    return out, renumbered
