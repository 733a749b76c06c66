"""What git runs for a bill repository: the textconv view of a bill (``git diff`` and ``git log
-p`` show its printed lines) and the merge of amendment papers, amendment by amendment."""

from __future__ import annotations

import re
import shlex
import shutil
import sys
from dataclasses import dataclass

from drafter.core.bill import Bill


def driver_command(sub: str) -> str:
    """How git should run a hidden drafter command: ``drafter SUB`` when ``drafter`` is on the
    PATH, otherwise this Python running ``-m drafter.cli``."""
    if shutil.which("drafter"):
        return f"drafter {sub}"
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


def _pick(base: str | None, ours: str | None, theirs: str | None) -> tuple[str | None, bool]:
    """Three-way choice for one unit: (result, conflict)."""
    if ours == theirs:
        return ours, False
    if ours == base:
        return theirs, False
    if theirs == base:
        return ours, False
    return ours, True


@dataclass(frozen=True)
class PaperMerge:
    text: str
    conflicts: tuple[str, ...]  # amendment numbers (or "heading") changed on both sides


def merge_papers(base: str, ours: str, theirs: str) -> PaperMerge:
    """Merge three versions of a text amendment paper amendment by amendment: an amendment
    added, changed or removed on one side is taken; one changed differently on both sides is
    a conflict, written with git's conflict markers."""
    b_head, b_blocks = _paper_blocks(base)
    o_head, o_blocks = _paper_blocks(ours)
    t_head, t_blocks = _paper_blocks(theirs)
    b_map, o_map, t_map = dict(b_blocks), dict(o_blocks), dict(t_blocks)
    conflicts: list[str] = []

    def marked(o: str | None, t: str | None) -> str:
        return f"<<<<<<< ours\n{o or ''}\n=======\n{t or ''}\n>>>>>>> theirs"

    head, clash = _pick(b_head, o_head, t_head)
    if clash:
        conflicts.append("heading")
        head = marked(o_head, t_head)
    # order: ours, with amendments only theirs has placed after their predecessor in theirs
    order = [n for n, _ in o_blocks]
    for i, (number, _) in enumerate(t_blocks):
        if number in order:
            continue
        before = next(
            (t_blocks[j][0] for j in range(i - 1, -1, -1) if t_blocks[j][0] in order), None
        )
        order.insert(order.index(before) + 1 if before is not None else 0, number)
    out = [head] if head else []
    for number in order:
        result, clash = _pick(b_map.get(number), o_map.get(number), t_map.get(number))
        if clash:
            conflicts.append(number)
            result = marked(o_map.get(number), t_map.get(number))
        if result is not None:
            out.append(result)
    return PaperMerge("\n\n".join(out) + "\n", tuple(conflicts))
