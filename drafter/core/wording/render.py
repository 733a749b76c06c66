"""An amendment written back in the House's canonical wording, described in plain words,
and summarised as a row (what `drafter parse` prints)."""

from __future__ import annotations

import re

from drafter.core.amendment import (
    Amendment,
    Block,
    InsertAfter,
    InsertAtBeginning,
    InsertAtEnd,
    InsertBefore,
    Inserted,
    LeaveOut,
    LeaveOutClause,
    LeaveOutLines,
    LeaveOutProvisions,
    LeaveOutRange,
    LeaveOutSchedule,
    NewClause,
    NewSchedule,
    Operation,
    StandPart,
    Substitute,
    Target,
    Words,
    cited_line,
    operation_type,
)
from drafter.core.wording.normalise import CLOSE, DASH, OPEN
from drafter.core.wording.parser import ORDINALS


def _ordinal(n: int) -> str:
    if n == -1:
        return "last"
    if 1 <= n <= len(ORDINALS):
        return ORDINALS[n - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _words(w: Words, article: bool = True) -> str:
    quoted = f"{OPEN}{w.text}{CLOSE}"
    if w.occurrence is None:
        return quoted
    return f"{'the ' if article else ''}{_ordinal(w.occurrence)} {quoted}"


def block_words(block: Block) -> str:
    """A unit's words as printed, on one line (what an amendment inserting it puts in)."""
    return _block_text(block)


def _block_text(block: Block) -> str:
    """A unit on one line as printed: a subsection's heading stands above its number, a
    section's or Schedule paragraph's after it."""
    if block.num.startswith("(") and block.heading:
        parts = [block.heading, block.num, block.text]
    else:
        parts = [block.num, block.heading, block.text]
    if block.table is not None:
        parts += block.table.cells
    parts += [_block_text(child) for child in block.children]
    parts.append(block.wrap_up)
    return " ".join(p for p in parts if p)


def _is_lead(block: Block) -> bool:
    """An unnumbered bare text block: the words that lead in to units in a quotation."""
    lone_words = not (block.num or block.heading or block.children or block.wrap_up)
    return lone_words and block.table is None and bool(block.text)


def _inserted(ins: Inserted) -> str:
    """'insert “words”', 'insert— “(a) …”', or 'insert “lead-in (a) …”' (no dash: words
    that run on into units, as the papers print them)."""
    if isinstance(ins, str):
        return f"insert {OPEN}{ins}{CLOSE}"
    body = " ".join(_block_text(b) for b in ins)
    if len(ins) > 1 and _is_lead(ins[0]):
        return f"insert {OPEN}{body}{CLOSE}"
    return f"insert{DASH} {OPEN}{body}{CLOSE}"


def _and_insert(ins: Inserted | None) -> str:
    return "" if ins is None else " and " + _inserted(ins)


def _provisions(op: LeaveOutProvisions) -> str:
    def num(n: str) -> str:
        return n if op.kind == "paragraph" and n[:1].isdigit() else f"({n})"

    nums = [num(n) for n in op.numbers]
    kind = op.kind if len(nums) == 1 else op.kind + "s"
    if len(nums) == 1:
        listed = nums[0]
    elif op.through:
        listed = f"{nums[0]} to {nums[-1]}"
    else:
        listed = ", ".join(nums[:-1]) + " and " + nums[-1]
    return f"{kind} {listed}"


def _lines(op: LeaveOutLines) -> str:
    if op.first == op.last:
        return f"line {op.first}"
    joint = "and" if op.last == op.first + 1 else "to"
    return f"lines {op.first} {joint} {op.last}"


def _range(op: LeaveOutRange, style: str = "") -> str:
    start = "beginning" if op.start is None else _words(op.start, article=False)
    if op.start_line is not None:
        start = f"beginning of line {op.start_line}"
    if op.end_of is not None:
        kind, num = op.end_of
        if style == "sp":
            kind = "section" if kind == "clause" else kind
        elif kind in ("clause", "schedule"):
            kind = kind.capitalize()
        named = f"{kind} {num}" if num else f"the {kind}"
        return f"leave out from {start} to the end of {named}"
    if op.end is None:
        end = "end of line" + ("" if op.end_line is None else f" {op.end_line}")
    else:
        end = _words(op.end) + ("" if op.end_line is None else f" in line {op.end_line}")
    if op.end_page is not None and op.end_line is not None:
        end += f" on page {op.end_page}"
    return f"leave out from {start} to {end}"


def _action(op: Operation, style: str = "") -> str:
    match op:
        case LeaveOut():
            return f"leave out {_words(op.words)}"
        case Substitute():
            return f"leave out {_words(op.words)} and {_inserted(op.insert)}"
        case InsertBefore():
            return f"before {_words(op.anchor)} {_inserted(op.insert)}"
        case InsertAfter():
            return f"after {_words(op.anchor)} {_inserted(op.insert)}"
        case InsertAtBeginning():
            return f"at beginning {_inserted(op.insert)}"
        case InsertAtEnd():
            return f"at end {_inserted(op.insert)}"
        case LeaveOutRange():
            return _range(op, style) + _and_insert(op.insert)
        case LeaveOutLines():
            return f"leave out {_lines(op)}" + _and_insert(op.insert)
        case LeaveOutProvisions():
            return f"leave out {_provisions(op)}" + _and_insert(op.insert)
        case LeaveOutClause():
            return f"leave out Clause {op.number}"
        case LeaveOutSchedule():
            return f"leave out Schedule {op.number}" if op.number else "leave out the Schedule"
    raise TypeError(f"not an operation on cited words: {op!r}")


def _target(t: Target, style: str = "") -> list[str]:
    if t.amendment is not None and t.page is None:
        return [f"Line {t.line} of amendment {t.amendment}" if t.line else "Amendment"]
    parts: list[str] = []
    if style == "sp":
        if t.title:
            parts.append("In the long title")
        elif t.clause is not None:
            parts.append(f"In section {t.clause}")
        elif t.schedule is not None:
            parts.append(f"In schedule {t.schedule}" if t.schedule else "In the schedule")
    elif t.title:
        parts.append("Title")
    elif t.clause is not None:
        parts.append(f"Clause {t.clause}")
    elif t.schedule is not None:
        parts.append(f"Schedule {t.schedule}" if t.schedule else "Schedule")
        if t.paragraph is not None:
            parts.append(f"paragraph {t.paragraph}")
    if t.page is not None:
        parts.append(f"page {t.page}")
    if t.line is not None:
        parts.append(f"line {t.line}")
    return parts


def _clauses(ops: tuple[Operation, ...]) -> str | None:
    """ "leave out Clauses 18 and 19", "… Clauses 18 to 20": several clauses left out by one
    amendment; None unless ``ops`` are that."""
    numbers = [op.number for op in ops if isinstance(op, LeaveOutClause)]
    if len(ops) < 2 or len(numbers) != len(ops):
        return None
    run = all(n.isdigit() for n in numbers) and [int(n) for n in numbers] == list(
        range(int(numbers[0]), int(numbers[0]) + len(numbers))
    )
    if len(numbers) > 2 and run:
        return f"leave out Clauses {numbers[0]} to {numbers[-1]}"
    return f"leave out Clauses {', '.join(numbers[:-1])} and {numbers[-1]}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def render(amendment: Amendment) -> str:
    """The amendment in the House's canonical wording: Commons style when a clause is cited
    ("Clause 2, page 3, line 34, leave out “a service” and insert “…”"), curly quotes, an em
    dash before structure, structure on one line."""
    wording = _render(amendment)
    return _as_angles(wording) if amendment.style == "sp" else wording


def _render(amendment: Amendment) -> str:
    sp = amendment.style == "sp"
    if several := _clauses(amendment.operations):
        return _capital(", ".join([*_target(amendment.target, amendment.style), several]))
    if len(amendment.operations) != 1:
        raise ValueError(
            f"amendment {amendment.number or '(unnumbered)'}: one operation has one wording; "
            f"this has {len(amendment.operations)}"
        )
    op = amendment.operations[0]
    match op:
        case NewClause() | NewSchedule() if sp and (op.after or op.before):
            kind = "section" if isinstance(op, NewClause) else "schedule"
            block = op.clause if isinstance(op, NewClause) else op.schedule
            where = f"After {kind} {op.after}" if op.after else f"Before {kind} {op.before}"
            return f"{where}, insert{DASH} {OPEN}{_block_text(block)}{CLOSE}"
        case LeaveOutClause() if sp:
            parts = _target(amendment.target, amendment.style)
            return _capital(", ".join([*parts, f"leave out section {op.number}"]))
        case NewClause() | NewSchedule():
            kind = "Clause" if isinstance(op, NewClause) else "Schedule"
            block = op.clause if isinstance(op, NewClause) else op.schedule
            if op.after is not None:
                head = f"After {kind} {op.after}, insert the following new {kind}"
            elif op.before is not None:
                head = f"Before {kind} {op.before}, insert the following new {kind}"
            else:
                head = f"To move the following {kind}"
            return f"{head}{DASH} {OPEN}{_block_text(block)}{CLOSE}"
        case StandPart():
            if op.clause is not None:
                return f"Clause {op.clause} stand part of the Bill"
            subject = f"Schedule {op.schedule}" if op.schedule else "The Schedule"
            return f"{subject} stand part of the Bill"
    parts = _target(amendment.target, amendment.style)
    action = _action(op, amendment.style)
    if not parts:
        return _capital(action)
    return _capital(", ".join(parts)) + ", " + action


# --- describe -----------------------------------------------------------------------------


def _short(ins: Inserted | None) -> str:
    if ins is None:
        return ""
    if isinstance(ins, str):
        text = ins if len(ins) <= 60 else ins[:57].rstrip() + "…"
        return f"{OPEN}{text}{CLOSE}"
    units = [b.num for b in ins if b.num]
    if not units:
        return "new text"
    return "new text " + (units[0] if len(units) == 1 else f"{units[0]} to {units[-1]}")


def _where(t: Target) -> str:
    parts = _target(t)
    return f" ({', '.join(parts)})" if parts else ""


def describe(amendment: Amendment) -> str:
    """One line saying what the amendment does, for people reading a list of them."""
    if not amendment.operations:
        return "does nothing (no operation)"
    op = amendment.operations[0]
    what: str
    clause = "section" if amendment.style == "sp" else "clause"  # a Scottish bill's word
    match op:
        case LeaveOut():
            what = f"leaves out {_words(op.words)}"
        case Substitute():
            what = f"replaces {_words(op.words)} with {_short(op.insert)}"
        case InsertBefore():
            what = f"inserts {_short(op.insert)} before {_words(op.anchor)}"
        case InsertAfter():
            what = f"inserts {_short(op.insert)} after {_words(op.anchor)}"
        case InsertAtBeginning():
            what = f"inserts {_short(op.insert)} at the beginning of the line"
        case InsertAtEnd():
            what = f"inserts {_short(op.insert)} at the end of the line"
        case LeaveOutRange():
            what = "leaves out the words " + _range(op).removeprefix("leave out ")
            what += " (the words named stay)" if op.start or op.end else ""
            what += f" and inserts {_short(op.insert)}" if op.insert is not None else ""
        case LeaveOutLines():
            what = f"leaves out {_lines(op)}"
            what += f" and inserts {_short(op.insert)}" if op.insert is not None else ""
        case LeaveOutProvisions():
            what = f"leaves out {_provisions(op)}"
            what += f" and inserts {_short(op.insert)}" if op.insert is not None else ""
        case LeaveOutClause() if several := _clauses(amendment.operations):
            what = several.replace("leave out", "leaves out")
        case LeaveOutClause():
            what = f"leaves out {clause.capitalize()} {op.number}"
        case LeaveOutSchedule():
            what = f"leaves out Schedule {op.number}".rstrip()
        case NewClause() | NewSchedule():
            kind = clause if isinstance(op, NewClause) else "Schedule"
            block = op.clause if isinstance(op, NewClause) else op.schedule
            title = f" {OPEN}{block.heading}{CLOSE}" if block.heading else ""
            anchor = (
                f" after {kind.capitalize()} {op.after}"
                if op.after is not None
                else f" before {kind.capitalize()} {op.before}"
                if op.before is not None
                else ""
            )
            what = f"inserts a new {kind}{title}{anchor}"
        case StandPart():
            subject = f"Clause {op.clause}" if op.clause is not None else f"Schedule {op.schedule}"
            what = f"opposes the question that {subject.rstrip()} stand part of the Bill"
    return f"{operation_type(op)}: {what}{_where(amendment.target)}"


# --- summary ------------------------------------------------------------------------------


def summary(amendment: Amendment) -> dict[str, str | int | None]:
    """The amendment as JSON-ready data: number, ``type`` (LawMaker's ``ukl:type`` names),
    the page and line it bites on, its clause (or Schedule and paragraph), and the canonical
    wording. Page, line and provision are where it bites, as LawMaker's ``targetPage`` and
    ``targetProvision`` record them: "leave out lines 20 to 23" bites on line 20, "leave out
    Clause 69" on Clause 69."""
    target = amendment.target
    op = amendment.operations[0] if amendment.operations else None
    line = cited_line(amendment)
    clause, schedule = target.clause, target.schedule
    if clause is None and schedule is None:
        if isinstance(op, LeaveOutClause):
            clause = op.number
        elif isinstance(op, LeaveOutSchedule):
            schedule = op.number
        elif isinstance(op, StandPart):
            clause, schedule = op.clause, op.schedule
    out: dict[str, str | int | None] = {
        "number": amendment.number,
        "type": amendment.type,
        "page": target.page,
        "line": line,
    }
    if schedule is not None:
        out["schedule"] = schedule
        out["paragraph"] = target.paragraph
    else:
        out["clause"] = clause
    if target.amendment is not None:
        out["amendment"] = target.amendment
    if target.title:
        out["title"] = True
    try:
        out["wording"] = render(amendment)
    except ValueError:  # several operations no one wording says
        out["wording"] = ""
    return out


def _as_angles(text: str) -> str:
    """The wording's own quotation marks (the outermost) as the Scottish Parliament's < >;
    a quotation holding < or > itself keeps “…”, so that it reads back the same."""
    chars = list(text)
    depth, opened = 0, -1
    for i, ch in enumerate(text):
        if ch == OPEN:
            if depth == 0:
                opened = i
            depth += 1
        elif ch == CLOSE and depth:
            depth -= 1
            if depth == 0 and not re.search("[<>]", text[opened + 1 : i]):
                chars[opened], chars[i] = "<", ">"
    return "".join(chars)
