"""Drafting an amendment on a bill: checking a wording (or a new clause) as it is typed,
writing the wording of an amendment made on the bill itself (amend in context), and placing
a new amendment on the paper — its number, and its place in the order of the bill.

The front ends (the terminal app's editor) call these and keep no logic of their own: parsing
is :func:`drafter.core.wording.parse_amendment` (a new clause: the paper reader,
:func:`drafter.core.paper.read_paper_text`), checking is :func:`drafter.core.resolve.resolve`,
which occurrence of some words a citation means is :func:`drafter.core.resolve.cite_words`, the
order of the bill is :func:`drafter.core.marshalling.marshalled_index`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from drafter.core.akn import unit_kinds
from drafter.core.amendment import (
    Amendment,
    Block,
    InsertAfter,
    InsertBefore,
    LeaveOut,
    LeaveOutLines,
    LeaveOutRange,
    NewClause,
    NewSchedule,
    Operation,
    Substitute,
    Target,
    Words,
)
from drafter.core.bill import Bill
from drafter.core.marshalling import bites_at, marshalled_index
from drafter.core.paper import (
    Entry,
    Paper,
    PaperError,
    entry_from_amendment,
    make_entry,
    read_paper_text,
    structure_lines,
)
from drafter.core.print.lines import Line
from drafter.core.print.reading import CLOSING_PUNCTUATION
from drafter.core.resolve import (
    AmendmentError,
    Resolution,
    cite_words,
    citing,
    fold,
    house_style,
    resolve,
)
from drafter.core.wording import WordingError, parse_amendment, render

NEW_CLAUSE_LEAD = "insert the following new Clause—"

# --- checking what is typed -----------------------------------------------------------------


@dataclass(frozen=True)
class Checked:
    """The outcome of checking a wording or a new clause: ``ok``, the message to show, and
    (when it parsed) the entry that saving would add to the paper and the spans of the print
    to mark."""

    ok: bool
    message: str
    entry: Entry | None = None
    spans: tuple[tuple[int, int], ...] = ()


def _spans(bill: Bill, resolutions: list[Resolution]) -> tuple[tuple[int, int], ...]:
    """What to mark in the bill: the words an amendment changes; for an insertion point, the
    anchor words beside it (or one character, so that the point shows)."""
    text = fold(bill.print.text)
    out: list[tuple[int, int]] = []
    for r in resolutions:
        if r.end > r.start:
            out.append((r.start, r.end))
            continue
        op = r.operation
        if isinstance(op, InsertAfter):
            words = fold(op.anchor.text)
            if text[max(0, r.start - len(words)) : r.start] == words:
                out.append((r.start - len(words), r.start))
                continue
        if isinstance(op, InsertBefore):
            words = fold(op.anchor.text)
            if text[r.start : r.start + len(words)] == words:
                out.append((r.start, r.start + len(words)))
                continue
        at = min(r.start, max(0, len(text) - 1))
        out.append((at, at + 1))
    return tuple(out)


def _sentence(reason: str) -> str:
    return reason[:1].upper() + reason[1:]


def _unpaired(bill: Bill, resolutions: list[Resolution]) -> list[str]:
    """What is wrong with the brackets an amendment's words leave in the bill: the words left
    out and the words put in in their place open (or close) different numbers of them, so
    that one is left without its pair ("leave out from “6A” to end of line 31 and insert
    “);”" leaves a “)” that closes nothing)."""
    out = []
    text = bill.print.text
    for r in resolutions:
        op = r.operation
        put_in = getattr(op, "insert", None)
        if not isinstance(op, LeaveOut | Substitute | LeaveOutRange | InsertAfter | InsertBefore):
            continue
        if put_in is not None and not isinstance(put_in, str):
            continue  # units put in: their words are not set beside these
        left_out = text[r.start : r.end] if not isinstance(op, InsertAfter | InsertBefore) else ""
        change = _bracket_balance(put_in or "") - _bracket_balance(left_out)
        if change:
            mark, pair = ("(", ")") if change > 0 else (")", "(")
            out.append(
                f"the brackets do not pair: the amendment leaves a “{mark}” with no “{pair}”; "
                "check where the words it leaves out or puts in begin and end"
            )
    return out


def check_wording(bill: Bill, wording: str, number: str) -> Checked:
    """Parse and check one amendment's wording against the bill."""
    if not wording.strip():
        return Checked(False, "Type an amendment, e.g. Page 6, line 8, after “creates” insert “…”")
    try:
        amendment = parse_amendment(wording.strip(), number)
    except WordingError as err:
        return Checked(False, str(err))
    try:
        resolutions = resolve(bill, amendment)
    except AmendmentError as err:  # not numbered yet: the clerk's reason alone
        return Checked(False, _sentence(err.reason))
    if _has_structure(amendment):
        entry = entry_from_amendment(amendment)
    else:
        entry = make_entry(number, render(amendment))  # as the House prints it: “curly” quotes
    where = bill.print.line_at(resolutions[0].start) if resolutions else None
    place = f" — page {where.page}, line {where.number}" if where else ""
    spans = _spans(bill, resolutions)
    if amendment.target.title:  # the long title stands above the print's numbered lines
        place, spans = f" — the long title, line {amendment.target.line}", ()
    warnings = [*amendment.warnings, *_unpaired(bill, resolutions)]
    if warnings:  # it fits, read as meant: say what was assumed, and how to write it
        said = ". ".join(_sentence(w) for w in warnings)  # each, as apply says them
        return Checked(True, f"⚠ {said}{place}", entry, spans)
    if bill.print.numbered_by == "drafter" and not amendment.target.title:
        return Checked(True, f"✓ ok{place} {ESTIMATE}", entry, spans)
    return Checked(True, f"✓ ok{place}", entry, spans)


#: Said of a citation of a bill whose page and line numbers are drafter's own layout.
ESTIMATE = (
    "— ⚠ drafter's own page and line: the bill has no House markers, so check them against "
    "the printed copy (or give the House's PDF: drafter layout --from-pdf)"
)


def _has_structure(amendment: Amendment) -> bool:
    """Inserted structure (units, a new clause or Schedule) rather than words only."""
    return any(
        isinstance(op, (NewClause, NewSchedule)) or isinstance(getattr(op, "insert", None), tuple)
        for op in amendment.operations
    )


def new_clause_paper(number: str, after: str, text: str) -> str:
    """A one-amendment paper in the text format for a new clause typed in the editor: the
    clause's lines (heading first, units indented under it) indented under the wording."""
    after = after.strip().removeprefix("Clause").strip()
    lead = f"After Clause {after}, {NEW_CLAUSE_LEAD}" if after else "To move the following Clause—"
    body = "\n".join(("    " + line) if line.strip() else "" for line in _under_heading(text))
    return f"Amendment {number}\n{lead}\n{body}\n"


def _under_heading(text: str) -> list[str]:
    """The typed clause's lines with everything after the heading (its first line) one step
    in from it, whatever the margin it was typed at: only the indents of the units relative
    to each other say which is inside which."""
    lines = text.expandtabs(4).splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    body = [line for line in lines[first + 1 :] if line.strip()]
    if not body:
        return [line.strip() for line in lines]
    margins = {len(line) - len(line.lstrip()) for line in body}
    units = [line[min(margins) :] if line.strip() else "" for line in lines[first + 1 :]]
    if len(margins) == 1:  # typed all at one margin: the numbers say which is inside which
        units = _nested_by_numbers(units)
    return [
        *("" for _ in lines[:first]),
        lines[first].strip(),
        *(("    " + line) if line.strip() else "" for line in units),
    ]


def _nested_by_numbers(lines: list[str]) -> list[str]:
    """Units typed at one margin, indented as their numbers nest: each kind of number met
    for the first time goes one step in ((1), then (a) inside it, then (i)); a kind met
    before goes back to its step; a line with no number stays with the line before. "(i)"
    after "(h)" is a letter, not a numeral."""
    steps: dict[frozenset[str], int] = {}
    step = 0
    letter = numeral = ""
    out = []
    for line in lines:
        text = line.strip()
        number = re.match(r"\(([^()\s]+)\)", text)
        if number is not None:
            kind = _kind_of_number(number.group(0), letter, numeral)
            step = steps.setdefault(kind, len(steps))
            inner = number.group(1)
            letter = inner if kind == {"level1"} else letter
            numeral = inner if kind == {"level2"} and inner in _ROMANS else numeral
        out.append("    " * step + text if text else "")
    return out


def typed_new_clause(entry: Entry) -> str:
    """A new clause on the paper as the new-clause editor has it typed (the inverse of
    :func:`new_clause_paper`): the text format's lines of its structure, at the margin."""
    return "\n".join(structure_lines(entry, 0)) + "\n"


#: Lines of the one-amendment paper before the clause's first line.
_PAPER_LINES_BEFORE = 2


def clause_before(bill: Bill, offset: int) -> str:
    """The number of the clause printed at ``offset``, or else of the last one before it: the
    clause after which a new clause drafted there goes ("" before the first)."""
    number = ""
    for clause in bill.clauses:
        span = bill.span_of(clause.element)
        if span is None:
            continue
        if span[0] > offset:
            break
        number = clause.number
    return number


def check_new_clause(bill: Bill, after: str, text: str, number: str) -> Checked:
    """Read a new clause typed in the paper's text format and check it against the bill.
    In the Lords every new clause is placed ("After Clause 12, insert …"); the Commons form
    ("To move the following Clause—") has none."""
    if not text.strip():
        return Checked(False, "Type the new clause: its heading, then its subsections indented")
    if not after.strip() and "lords" in bill.metadata.house.lower():
        return Checked(
            False,
            "Say after which clause the new clause goes: in the Lords each new clause is "
            "placed (After Clause 12, insert the following new Clause—)",
        )
    try:
        paper = read_paper_text(new_clause_paper(number or "1", after, text), path="new clause")
    except PaperError as err:
        line = max(1, err.line - _PAPER_LINES_BEFORE)
        return Checked(False, f"line {line}: {err.reason}")
    entry = paper.entries[0]
    entry = replace(entry, amendment=replace(entry.amendment, number=number))
    if entry.problem:
        return Checked(False, entry.problem.removeprefix("new clause: "))
    try:
        resolutions = resolve(bill, entry.amendment)
    except AmendmentError as err:  # not numbered yet: the clerk's reason alone
        return Checked(False, _sentence(err.reason))
    heading = entry.structure[0].heading if entry.structure else ""
    if not heading:  # the first line read as a unit of the clause: (3) then sits inside it
        return Checked(
            False,
            "Type the new clause's heading on its first line, then its subsections under it "
            "(every clause has a heading)",
        )
    message = f"✓ ok — new clause “{heading}”"
    nested = next(_nested_alike(entry.structure), None)
    if nested is not None:  # indented by a slip, more often than meant
        inner, outer = nested
        message += f" — ⚠ {inner} is read as inside {outer}; if it is not, indent it as {outer} is"
    return Checked(True, message, entry, _spans(bill, resolutions))


def _nested_alike(blocks: Sequence[Block]) -> Iterator[tuple[str, str]]:
    """(inner, outer) numbers of units numbered alike one inside the other ("(2)" in "(1)",
    "(b)" in "(a)"): the House never nests them so."""
    for block in blocks:
        for child in block.children:
            if block.num and child.num and _kind_of_number(child.num) == _kind_of_number(block.num):
                yield child.num, block.num
        yield from _nested_alike(block.children)


def _kind_of_number(num: str, letter_before: str = "", numeral_before: str = "") -> frozenset[str]:
    """What a unit's number makes it (:func:`~drafter.core.akn.unit_kinds`); "(i)", "(v)"
    and "(x)" are numerals after the numeral before them ("(iv)", "(ix)"), else letters
    after the letter before them ("(h)", "(u)", "(w)"), else numerals."""
    kinds = unit_kinds(num)
    if kinds == {"level1", "level2"}:
        inner = num.strip("()")
        next_numeral = _ROMANS[_ROMANS.index(numeral_before) + 1 :][:1] if numeral_before else []
        if next_numeral == [inner]:
            return frozenset({"level2"})
        follows = len(letter_before) == 1 and ord(inner) == ord(letter_before) + 1
        return frozenset({"level1" if follows else "level2"})
    return kinds


_ROMANS = "i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx".split()


# --- amend in context -----------------------------------------------------------------------


def _target_of(bill: Bill, line: Line) -> Target:
    """Page and line (with the clause or Schedule they are in, in the Commons), as the House
    cites them."""
    top = line.eid.split("__", 1)[0] if line.eid else ""
    kind, _, num = top.partition("_")
    if kind == "sec" and num:
        return citing(bill, line, clause=num)
    if kind == "sched" and num:
        return citing(bill, line, schedule=num)
    return citing(bill, line)


def _quoted(bill: Bill, target: Target, line: Line, start: int, end: int) -> tuple[Target, Words]:
    """The target and the words ``start``–``end`` as quoted on it: cited with the clause (or
    Schedule) when the clerk accepts that, else by page and line alone."""
    words = cite_words(bill, target, start, end)
    if words is None:
        target = Target(page=line.page, line=line.number)
        words = cite_words(bill, target, start, end) or Words(bill.print.text[start:end])
    return target, words


def in_context(bill: Bill, kind: str, line: Line, start: int, end: int, new: str) -> str:
    """The wording of an amendment made on the bill itself: leave out, insert before or after,
    or replace the words ``start``–``end`` (beginning on ``line``) — with ``new`` words where
    needed. ``kind`` is "leave out", "before", "after" or "replace". Cites page, line and the
    clause (or Schedule) when the clerk accepts that citation. Words over several lines are
    left out as the House does: "leave out lines 3 to 5", or "leave out from “x” to “y” in
    line 5" (x and y stay). Words that open a bracket take the bracket that closes it, just
    after them (see :func:`bracketed_end`)."""
    end = bracketed_end(bill.print.text, start, end)
    last = bill.print.line_at(max(start, end - 1))
    if last != line:
        if kind in ("leave out", "replace"):
            return _over_lines(bill, line, last, start, end, new if kind == "replace" else None)
        if kind == "before":  # the words on the first line mark the place
            end = line.end
        else:  # after: the words on the last line do
            line, start = last, last.start
    target, words = _quoted(bill, _target_of(bill, line), line, start, end)
    op: Operation
    if kind == "leave out":
        op = LeaveOut(words)
    elif kind == "before":
        op = InsertBefore(words, new)
    elif kind == "after":
        op = InsertAfter(words, new)
    else:
        op = Substitute(words, new)
    return render(Amendment("", (op,), target, style=house_style(bill)))


_OPENING_OF = {")": "(", "]": "["}


def bracketed_end(text: str, start: int, end: int) -> int:
    """``end`` moved on over the closing brackets just after the words ``start``–``end``
    that close brackets opened in them: words selected from “(demotion” to “behaviour” in
    “(demotion … behaviour);” are left out with their “)”, which a selection by words stops
    short of (the word is “behaviour”, its stops are not), and which left behind would
    close nothing."""
    while end < len(text):
        opening = _OPENING_OF.get(text[end])
        if opening is None or text.count(opening, start, end) <= text.count(text[end], start, end):
            break
        end += 1
    return end


def _bracket_balance(words: str) -> int:
    """How many more brackets ``words`` open than close."""
    return words.count("(") + words.count("[") - words.count(")") - words.count("]")


_CLOSING = " " + "".join(CLOSING_PUNCTUATION)  # what may follow the last word left out
_TOKEN = re.compile(r"\S+")


def _anchors(text: str) -> list[tuple[int, int]]:
    """Spans of the words of a printed line as the House quotes them for an anchor: a
    trailing comma, semicolon, colon or full stop left off, brackets kept whole ("(B)")."""
    return [(m.start(), m.start() + len(m.group().rstrip(",;:."))) for m in _TOKEN.finditer(text)]


def _over_lines(bill: Bill, first: Line, last: Line, start: int, end: int, new: str | None) -> str:
    """Leave out (and perhaps insert in place of) words running from ``first`` to ``last``."""
    target = _target_of(bill, first)
    op: Operation
    rest = bill.print.text[end : last.end]  # a closing comma or stop is not a word
    if not rest.strip(_CLOSING) and rest.strip():
        # "to end of line" would take the stop (or comma) after the words selected with
        # them: it is put back, so that exactly the words selected go
        new = (new or "") + rest.strip()
    if start <= first.start and not rest.strip(_CLOSING) and first.page == last.page:
        op = LeaveOutLines(first.number, last.number, new)  # the lines say which: no "line 8"
        return render(Amendment("", (op,), replace(target, line=None), style=house_style(bill)))
    before = [(a, b) for a, b in _anchors(first.text) if first.start + b <= start]
    from_words: Words | None = None
    if before:
        a, b = before[-1]
        target, from_words = _quoted(bill, target, first, first.start + a, first.start + b)
    after = [(a, b) for a, b in _anchors(last.text) if last.start + a >= end]
    if not rest.strip(_CLOSING):
        after = []  # to end of the line
    to_words: Words | None = None
    if after:
        a, b = after[0]
        on_last = Target(page=last.page, line=last.number)
        to_words = cite_words(bill, on_last, last.start + a, last.start + b) or Words(
            last.text[a:b]
        )
    op = LeaveOutRange(
        from_words,
        to_words,
        end_line=last.number,
        insert=new,
        end_page=last.page if last.page != first.page else None,
    )
    return render(Amendment("", (op,), target, style=house_style(bill)))


# --- placing a new amendment on the paper ----------------------------------------------------


def next_number(paper: Paper, prefix: str = "") -> str:
    """The next free amendment number on the paper: one more than the highest plain number,
    or (``prefix`` "NC" or "NS") than the highest new clause or new Schedule so numbered."""
    numbers = [
        int(rest)
        for e in paper.entries
        if e.number.startswith(prefix) and (rest := e.number[len(prefix) :]).isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1}"


def _numbered_apart(bill: Bill | None, paper: Paper, entry: Entry) -> str:
    """ "NC" for a new clause and "NS" for a new Schedule on a paper of the Commons, which
    numbers them apart from the other amendments (NC1, NC2 …); "" for anything else, and on
    a paper of the Lords or the Scottish Parliament, which number them with the rest."""
    ops = entry.amendment.operations
    if not ops or not isinstance(ops[0], NewClause | NewSchedule):
        return ""
    house = paper.info.house or (bill.metadata.house if bill is not None else "")
    if "Commons" not in house:
        return ""
    return "NC" if isinstance(ops[0], NewClause) else "NS"


@dataclass(frozen=True)
class Placed:
    """A paper with a new amendment on it: the paper, the amendment's number, and the number
    of the amendment it follows when it goes in among the others ("" at either end)."""

    paper: Paper
    number: str
    after: str = ""


def place_entry(bill: Bill | None, paper: Paper, entry: Entry) -> Placed:
    """``paper`` with ``entry`` added as its next free number, in the order of the bill (as
    the paper is marshalled: after every amendment that bites at or before its place). A new
    paper is given the bill's title, number and House, and the print it cites ("As brought
    from the Commons": a print, not a stage of the bill, which the bill does not say)."""
    if bill is not None and not paper.info.bill_number and not paper.info.title:
        m = bill.metadata
        info = replace(
            paper.info, title=m.title, bill_number=m.bill_number, house=m.house, version=m.stage
        )
        paper = replace(paper, info=info)
    number = next_number(paper, _numbered_apart(bill, paper, entry))
    if entry.number != number:
        entry = replace(entry, amendment=replace(entry.amendment, number=number))
    tabled = paper.entries
    at = len(tabled)
    if bill is not None:
        at = marshalled_index(bill, [e.amendment for e in tabled], entry.amendment)
    placed = replace(paper, entries=(*tabled[:at], entry, *tabled[at:]))
    after = tabled[at - 1].number if 0 < at < len(tabled) else ""
    return Placed(placed, number, after)


def replace_entry(bill: Bill | None, paper: Paper, old: Entry, new: Entry) -> Placed:
    """``paper`` with ``old`` replaced by ``new`` (its number kept): in its own place while
    that is still in the order of the bill, else moved to where it now bites (an amendment
    edited to cite another page would otherwise stand out of order on the paper)."""
    others = [e for e in paper.entries if e is not old]
    k = paper.entries.index(old)
    at = k
    if bill is not None:
        place = bites_at(bill, new.amendment)
        before = bites_at(bill, others[k - 1].amendment) if k > 0 else None
        after = bites_at(bill, others[k].amendment) if k < len(others) else None
        in_order = place is None or (
            (before is None or before <= place) and (after is None or place <= after)
        )
        if not in_order:
            at = marshalled_index(bill, [e.amendment for e in others], new.amendment)
    placed = replace(paper, entries=(*others[:at], new, *others[at:]))
    moved_after = others[at - 1].number if at != k and at > 0 else ""
    return Placed(placed, new.number, moved_after)


# --- where the paper's amendments stand in the bill -----------------------------------------


def lines_amended(bill: Bill, paper: Paper) -> dict[tuple[int, int], tuple[str, ...]]:
    """The printed lines (page, line) each of the paper's amendments touches, and which
    amendments touch each, in the paper's order. Amendments that do not fit the print are
    left out (the Amendments screen says why)."""
    found: dict[tuple[int, int], list[str]] = {}
    pr = bill.print
    if not pr.lines:
        return {}
    for entry in paper.entries:
        if entry.problem:
            continue
        try:
            resolutions = resolve(bill, entry.amendment)
        except AmendmentError:
            continue
        for r in resolutions:
            first = pr.index_of(pr.line_at(r.start))
            last = pr.index_of(pr.line_at(max(r.start, r.end - 1)))
            for line in pr.lines[first : last + 1]:
                numbers = found.setdefault((line.page, line.number), [])
                if entry.number not in numbers:
                    numbers.append(entry.number)
    return {place: tuple(numbers) for place, numbers in found.items()}
