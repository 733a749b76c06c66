"""Where an amendment bites in a print — or exactly why it does not fit the bill.

Resolving checks an amendment as a Public Bill Office clerk would: the page and line exist,
the cited clause holds that line, the quoted words stand where the form says and exactly once
(or the occurrence named), a cited subsection or paragraph begins at that line, a new
clause's anchor exists. The result is the stretch of printed text the amendment changes,
as offsets into ``bill.print.text``: what apply changes and what the TUI highlights.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Literal
from weakref import WeakKeyDictionary

from drafter.core.amendment import (
    Amendment,
    InsertAfter,
    InsertAtBeginning,
    InsertAtEnd,
    InsertBefore,
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
)
from drafter.core.bill import Bill, CitationError, Provision
from drafter.core.errors import UserError
from drafter.core.etree import etree
from drafter.core.long_title import LONG_TITLE_EID, TitleError, title_edits
from drafter.core.print.lines import Line
from drafter.core.print.printed import Print, PrintError
from drafter.core.provisions import provisions_of_kind

_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
]
_SPACES = re.compile(r"\s+")
# One character for one character, so that offsets in folded text are offsets in the print.
# (No character put in is one taken out, so replacing them one kind at a time is the same as
# translating them all at once, and, done in C a kind at a time, some twenty times faster on
# a whole print than str.translate with a table.)
_FOLD = tuple(
    {"'": "’", "`": "’", '"': "”", "–": "—", "\u00a0": " ", "\u202f": " "}.items()
) + tuple((chr(c), " ") for c in range(0x2000, 0x200B))
_folded: WeakKeyDictionary[Print, str] = WeakKeyDictionary()


class AmendmentError(UserError, ValueError):
    """An amendment that does not fit the bill, with the clerk's reason."""

    def __init__(self, amendment: Amendment, reason: str):
        self.amendment = amendment
        self.reason = reason
        label = f"Amendment {amendment.number}" if amendment.number else "The amendment"
        super().__init__(f"{label}: {reason}")


@dataclass(frozen=True)
class Resolution:
    """What an amendment touches in the print: ``start``–``end`` offsets into
    ``bill.print.text`` (equal for an insertion point), the provision it falls in, and the
    printed line it cites."""

    amendment: Amendment
    operation: Operation
    start: int
    end: int
    eid: str
    line: Line | None


def ordinal(n: int) -> str:
    if n == -1:
        return "last"
    return _ORDINALS[n - 1] if 1 <= n <= len(_ORDINALS) else f"{n}th"


def fold(text: str) -> str:
    """Text as compared: one kind of space, one kind of each quotation mark and dash
    (character for character)."""
    for was, now in _FOLD:
        if was in text:
            text = text.replace(was, now)
    return text


def folded_print(pr: Print) -> str:
    """:func:`fold` of a print's text, kept for as long as the print is."""
    text = _folded.get(pr)
    if text is None:
        text = _folded[pr] = fold(pr.text)
    return text


class _Resolver:
    def __init__(self, bill: Bill, amendment: Amendment):
        self.bill = bill
        self.a = amendment
        self.pr = bill.print
        self.text = folded_print(self.pr)
        m = bill.metadata
        self.print_name = m.bill_number or bill.path

    def fail(self, reason: str) -> AmendmentError:
        return AmendmentError(self.a, reason)

    # --- places -----------------------------------------------------------------------------

    def where(self, line: Line | None = None) -> str:
        t = self.a.target
        if line is not None:
            return f"page {line.page}, line {line.number} of {self.print_name}"
        return f"page {t.page}, line {t.line} of {self.print_name}"

    def cited_line(self, line_number: int | None = None) -> Line:
        """The line cited: the target's, or ``line_number`` of the target's page (a range
        "from beginning of line 31" names its line itself)."""
        t = self.a.target
        number = t.line if t.line is not None else line_number
        if t.page is None or number is None:
            raise self.fail("it cites no page and line")
        try:
            line = self.pr.line(t.page, number)
        except PrintError as err:
            raise self.fail(f"{err} of {self.print_name}") from None
        provision = self.cited_provision()
        if provision is not None and line not in provision.lines():
            raise self.not_in(line, provision)
        return line

    def not_in(self, line: Line, provision: Provision) -> AmendmentError:
        """The cited line is not in the provision cited: say where it is."""
        holder = self.provision_of(line)
        extra = f" (it is in {holder})" if holder else ""
        return self.fail(
            f"page {line.page}, line {line.number} is not in {provision.citation} of "
            f"{self.print_name}{extra}"
        )

    def cited_provision(self) -> Provision | None:
        t = self.a.target
        citation = None
        if t.clause:
            citation = f"Clause {t.clause}"
        elif t.schedule is not None:
            citation = f"Schedule {t.schedule}".strip()
        if citation is None:
            return None
        try:
            return self.bill.find(citation)
        except CitationError as err:
            raise self.fail(str(err)) from None

    def provision_of(self, line: Line) -> str:
        top = line.eid.split("__")[0]
        found = self.bill.by_eid(top)
        return found.citation if found is not None else ""

    # --- words -----------------------------------------------------------------------------

    def occurrences(self, words: str, start: int, end: int) -> list[int]:
        """Offsets of ``words`` beginning within [start, end), as whole words."""
        needle = _SPACES.sub(" ", fold(words)).strip()
        if not needle:
            raise self.fail("it quotes no words")
        found = []
        i = self.text.find(needle, start)
        while i != -1 and i < end:
            before = self.text[i - 1] if i > 0 else " "
            after_i = i + len(needle)
            after = self.text[after_i] if after_i < len(self.text) else " "
            if not (before.isalnum() and needle[0].isalnum()) and not (
                after.isalnum() and needle[-1].isalnum()
            ):
                found.append(i)
            i = self.text.find(needle, i + 1)
        return found

    def find(self, words: Words, line: Line, after: int | None = None) -> tuple[int, int]:
        """The (start, end) of the quoted words beginning on ``line`` (after ``after``)."""
        begin = line.start if after is None else max(line.start, after)
        hits = self.hits(words.text, line, begin)
        width = len(_SPACES.sub(" ", fold(words.text)).strip())
        if words.occurrence:
            nth = len(hits) if words.occurrence == -1 else words.occurrence  # -1: the last
            if not hits or len(hits) < nth:
                have = f"only {len(hits)}" if hits else "none"
                raise self.fail(
                    f"there is no {ordinal(words.occurrence)} “{words.text}” on "
                    f"{self.where(line)} ({have})"
                )
            at = hits[nth - 1]
            return at, at + width
        if len(hits) == 1:
            return hits[0], hits[0] + width
        if not hits:
            raise self.fail(
                f"“{words.text}” is not on {self.where(line)}{self.elsewhere(words, line)}"
            )
        raise self.fail(
            f"“{words.text}” occurs {len(hits)} times on {self.where(line)}: say which, "
            f"e.g. the {ordinal(1)} “{words.text}” or the {ordinal(2)} “{words.text}”"
        )

    def hits(self, text: str, line: Line, begin: int) -> list[int]:
        """Where ``text`` begins on ``line``, at or after ``begin``, in printed order. A table
        row's line holds one fragment per cell: the words may be in any of them."""
        return [
            h
            for a, b in line.fragments or ((line.start, line.end),)
            if b >= begin
            for h in self.occurrences(text, max(a, begin), b + 1)
        ]

    def elsewhere(self, words: Words, line: Line) -> str:
        """Where the words are instead: on the cited line in other capitals, and on a nearby
        line of the same page, else anywhere (both, when both: either may be meant)."""
        said = (
            [f"“{other}” is: the capitals differ"] if (other := self.capitals(words, line)) else []
        )
        index = self.pr.index_of(line)
        near = self.pr.lines[max(0, index - 5) : index + 6]
        for ln in sorted(near, key=lambda ln: abs(self.pr.index_of(ln) - index)):
            if ln is not line and self.occurrences(words.text, ln.start, ln.end + 1):
                on_page = ln.page == line.page
                said.append(
                    f"it is on line {ln.number}"
                    if on_page
                    else f"it is on page {ln.page}, line {ln.number}"
                )
                break
        return f" ({'; '.join(said)})" if said else " (nor on the lines around it)"

    def capitals(self, words: Words, line: Line) -> str:
        """The words as ``line`` has them in other capitals ("" when it does not)."""
        needle = _SPACES.sub(" ", fold(words.text)).strip()
        start = r"(?<!\w)" if needle[:1].isalnum() else ""
        end = r"(?!\w)" if needle[-1:].isalnum() else ""
        other_capitals = re.compile(start + re.escape(needle) + end, re.IGNORECASE)
        for a, b in line.fragments or ((line.start, line.end),):
            found = other_capitals.search(self.text, a, b + 1)
            if found is not None:
                return self.pr.text[found.start() : found.end()]
        return ""

    # --- operations ------------------------------------------------------------------------

    def resolve(self, op: Operation) -> Resolution:
        match op:
            case LeaveOut(words=words) | Substitute(words=words):
                line = self.cited_line()
                start, end = self.find(words, line)
                return self.result(op, start, end, line)
            case InsertBefore(anchor=anchor):
                line = self.cited_line()
                start, _ = self.find(anchor, line)
                return self.result(op, start, start, line)
            case InsertAfter(anchor=anchor):
                line = self.cited_line()
                _, end = self.find(anchor, line)
                return self.result(op, end, end, line)
            case InsertAtBeginning():
                line = self.cited_line()
                return self.result(op, line.start, line.start, line)
            case InsertAtEnd():
                line = self.cited_line()
                return self.result(op, line.end, line.end, line)
            case LeaveOutRange():
                return self.range(op)
            case LeaveOutLines(first=first, last=last):
                return self.lines(op, first, last)
            case LeaveOutProvisions():
                return self.provisions(op)
            case LeaveOutClause(number=number) | StandPart(clause=number) if number:
                return self.whole(op, f"Clause {number}")
            case LeaveOutSchedule(number=number):
                return self.whole(op, f"Schedule {number}".strip())
            case StandPart(schedule=schedule) if schedule is not None:
                return self.whole(op, f"Schedule {schedule}".strip())
            case NewClause(after=after):
                return self.new_provision(op, after, "clause")
            case NewSchedule(after=after):
                return self.new_provision(op, after, "schedule")
        raise self.fail(f"drafter cannot resolve {type(op).__name__} amendments")

    def result(self, op: Operation, start: int, end: int, line: Line | None) -> Resolution:
        line_at = self.pr.line_at(start) if self.pr.lines else None
        return Resolution(self.a, op, start, end, line_at.eid if line_at else "", line)

    def range(self, op: LeaveOutRange) -> Resolution:
        line = self.cited_line(op.start_line)
        start = line.start if op.start is None else self.find(op.start, line)[1]
        if op.end_of is not None:
            return self.result(op, start, self.end_of(op.end_of, start), line)
        end_line = line
        end_page = line.page if op.end_page is None else op.end_page
        if op.end_line is not None and (op.end_line, end_page) != (line.number, line.page):
            try:
                end_line = self.pr.line(end_page, op.end_line)
            except PrintError as err:
                raise self.fail(f"{err} of {self.print_name}") from None
            if self.pr.index_of(end_line) < self.pr.index_of(line):
                raise self.fail(
                    f"page {end_page}, line {op.end_line} comes before page {line.page}, line "
                    f"{line.number}: “to” must come after “from”"
                )
        end = end_line.end if op.end is None else self.range_end(op.end, end_line, start, op)
        if end < start:
            raise self.fail(
                f"“{op.end.text if op.end else ''}” comes before the words it runs from "
                f"on {self.where(line)}"
            )
        return self.result(op, start, end, line)

    def range_end(self, words: Words, line: Line, start: int, op: LeaveOutRange) -> int:
        """Where the words a range runs to begin, after where it runs from; the reason, if
        they stand only before it on the line ("from “on” to “for”" where "for" comes first)."""
        try:
            return self.find(words, line, after=start)[0]
        except AmendmentError as not_after:
            if op.start is None:
                raise
            try:
                self.find(words, line)
            except AmendmentError:
                raise not_after from None  # not on the line at all: that reason stands
            raise self.fail(
                f"“{words.text}” comes before “{op.start.text}” on {self.where(line)}: the "
                "words a range runs to must come after those it runs from"
            ) from None

    def end_of(self, named: tuple[str, str], start: int) -> int:
        """Where "to the end of subsection (1)" ends: the end of the provision of that kind
        (and number) that holds the words the range runs from."""
        kind, printed = named
        label = f"{kind} {printed}".strip()
        number = printed.strip("()")
        pieces = self.pr.text_pieces
        at = bisect_right([piece.start for piece in pieces], start) - 1
        el: etree._Element | None = pieces[at].element if at >= 0 else None
        while el is not None:
            p = Provision(self.bill, el)
            if p.kind == kind and (not number or p.number == number):
                span = self.bill.span_of(el)
                if span is not None and span[0] <= start <= span[1]:
                    return span[1]
            el = el.getparent()
        raise self.fail(f"the words it runs from are not in {label} on {self.where()}")

    def lines(self, op: LeaveOutLines, first: int, last: int) -> Resolution:
        t = self.a.target
        page = t.page
        if page is None:
            raise self.fail("it cites no page")
        try:
            a = self.pr.line(page, first)
            b = self.pr.line(page, last)
        except PrintError as err:
            raise self.fail(f"{err} of {self.print_name}") from None
        provision = self.cited_provision()
        if provision is not None:
            held = provision.lines()
            for ln in (a, b):
                if ln not in held:
                    raise self.not_in(ln, provision)
        if self.pr.index_of(b) < self.pr.index_of(a):
            raise self.fail(f"line {last} comes before line {first}")
        return self.result(op, a.start, b.end, a)

    def provisions(self, op: LeaveOutProvisions) -> Resolution:
        line = self.cited_line()
        # the provisions named must be ones whose number is printed at the cited line or,
        # for a list, the first of them begins there
        candidates = self.numbered_at(line, op.kind)
        first_number = op.numbers[0]
        first = next((p for p in candidates if p.number == first_number), None)
        if first is None:
            here = ", ".join(f"({p.number})" for p in candidates) or "none"
            quoted = ""
            if self.quoted_label_at(line, first_number):
                quoted = (
                    f"; the ({first_number}) there is quoted text, words the bill puts into "
                    "another Act: leave out its lines, or its words"
                )
            raise self.fail(
                f"no {op.kind} ({first_number}) begins on {self.where(line)} "
                f"({op.kind}s beginning there: {here}){quoted}"
            )
        siblings = [
            Provision(self.bill, el)
            for el in first.element.itersiblings()
            if el.tag == first.element.tag
        ]
        chosen = [first]
        wanted = list(op.numbers[1:])
        for sib in siblings:
            if not wanted:
                break
            if op.through:
                chosen.append(sib)
                if sib.number == wanted[-1]:
                    wanted = []
            elif sib.number == wanted[0]:
                chosen.append(sib)
                wanted.pop(0)
        if wanted:
            missing = ", ".join(f"({n})" for n in wanted)
            raise self.fail(f"{first.citation} has no following {op.kind} {missing}")
        spans = [self.bill.span_of(p.element) for p in chosen]
        starts = [s[0] for s in spans if s]
        ends = [s[1] for s in spans if s]
        return self.result(op, min(starts), max(ends), line)

    def quoted_label_at(self, line: Line, number: str) -> bool:
        """Does ``line`` begin with the label ``(number)`` of quoted text (a provision the
        bill puts into another Act, which no amendment leaves out as the bill's own)?"""
        if not re.match(rf"[“‘]?\({re.escape(number)}\)", line.text):
            return False
        provision = self.bill.by_eid(line.eid) if line.eid else None  # the line's, innermost
        return provision is not None and provision.in_quotation

    def numbered_at(self, line: Line, kind: str) -> list[Provision]:
        """Provisions of ``kind`` whose printed text begins on ``line``."""
        container = self.cited_provision()
        root = container.element if container else self.bill.body
        if root is None:
            return []
        out = []
        for el in provisions_of_kind(root, kind):  # none in a quotation
            span = self.bill.span_of(el)
            if span and line.start <= span[0] <= line.end:
                out.append(Provision(self.bill, el))
        return out

    def whole(self, op: Operation, citation: str) -> Resolution:
        try:
            provision = self.bill.find(citation)
        except CitationError as err:
            raise self.fail(str(err)) from None
        span = self.bill.span_of(provision.element)
        if span is None:
            raise self.fail(f"{citation} prints nothing in {self.print_name}")
        t = self.a.target
        line = None
        if t.page is not None and t.line is not None and op is self.a.operations[0]:
            try:
                line = self.pr.line(t.page, t.line)
            except PrintError as err:
                raise self.fail(f"{err} of {self.print_name}") from None
            first = provision.lines()[0]
            if line is not first:
                raise self.fail(
                    f"{citation} begins on page {first.page}, line {first.number} of "
                    f"{self.print_name}, not on page {line.page}, line {line.number}"
                )
        return self.result(op, span[0], span[1], line)

    def new_provision(self, op: Operation, after: str | None, kind: str) -> Resolution:
        if after is not None:
            if kind == "clause" and self.bill.metadata.sections:
                kind = "section"  # a Scottish bill's provisions
            citation = f"{kind.capitalize()} {after}".strip()
            try:
                anchor = self.bill.find(citation)
            except CitationError as err:
                raise self.fail(f"the new {kind} is to go after {citation}, but {err}") from None
            span = self.bill.span_of(anchor.element)
            at = span[1] if span else 0
            return self.result(op, at, at, None)
        pool = self.bill.clauses if kind == "clause" else self.bill.schedules
        if not pool:
            return self.result(op, len(self.pr.text), len(self.pr.text), None)
        at = unplaced_offset(self.bill, pool, kind, len(self.pr.text))
        return self.result(op, at, at, None)


Side = Literal["after", "before"]

#: the words of the headings of the clauses that close a bill: "Extent", "Commencement",
#: "Short title", "Extent, commencement and short title" …
_CLOSING_WORDS = frozenset({"extent", "commencement", "short", "title", "and", "application"})


def unplaced_place(pool: list[Provision], kind: str) -> tuple[Provision, Side]:
    """Where a clause or Schedule (``kind``) tabled in the Commons form goes among ``pool``
    ("To move the following Clause—": the House adds it to the bill, and the reprint places
    it): after the last Schedule; a clause before those that close the bill, which a reprint
    keeps last and which begin, in the order the drafters set them, with its extent (else
    its commencement, else its short title); after the last clause of a bill with none."""
    if kind == "clause":
        closing = [p for p in pool if _closes(p.heading)]
        for opening in ("extent", "commencement", "short title"):
            found = [p for p in closing if opening in p.heading.lower()]
            if found:
                return found[-1], "before"
    return pool[-1], "after"


def unplaced_offset(bill: Bill, pool: list[Provision], kind: str, end: int) -> int:
    """The print offset where :func:`unplaced_place` puts a new clause or Schedule (``end``
    when its anchor prints nothing)."""
    anchor, side = unplaced_place(pool, kind)
    span = bill.span_of(anchor.element)
    return (span[0] if side == "before" else span[1]) if span else end


def _closes(heading: str) -> bool:
    words = heading.replace(",", " ").lower().split()
    return bool(words) and set(words) <= _CLOSING_WORDS


def house_style(bill: Bill) -> str:
    """The style of wording the bill's legislature tables amendments in: "sp" for the
    Scottish Parliament's ("In section 1, page 1, line 8, leave out <x>"), else ""."""
    return "sp" if bill.metadata.house == "Scottish Parliament" else ""


def citing(
    bill: Bill, line: Line, clause: str | None = None, schedule: str | None = None
) -> Target:
    """How the House cites ``line`` of this bill in an amendment: the Commons names the clause
    (or Schedule) first ("Clause 2, page 3, line 4, …"); the Lords starts at the page ("Page 3,
    line 4, …"), the marshalled list's heading naming the clause."""
    lords = "Lords" in bill.metadata.house or bill.metadata.bill_number.startswith("HL")
    if house_style(bill) == "sp":  # "In section 1, page 1, line 8, …"
        return Target(clause=clause, schedule=schedule, page=line.page, line=line.number)
    if lords or (clause is None and schedule is None):
        return Target(page=line.page, line=line.number)
    return Target(clause=clause, schedule=schedule, page=line.page, line=line.number)


def resolve(bill: Bill, amendment: Amendment) -> list[Resolution]:
    """Resolve every operation of an amendment against the bill's print; AmendmentError
    saying exactly what does not fit."""
    resolver = _Resolver(bill, amendment)
    if amendment.cites and amendment.cites != bill.metadata.bill_number:
        raise resolver.fail(
            f"it cites {amendment.cites}, not {resolver.print_name}: drafter rebase did not "
            "carry it onto this print (its report says why)"
        )
    if amendment.target.amendment is not None:
        raise resolver.fail(
            f"it amends amendment {amendment.target.amendment}, not the bill: check it against "
            "that amendment"
        )
    if not amendment.operations:
        raise resolver.fail(
            f"its words could not be read: {amendment.unread}"
            if amendment.unread
            else "its words could not be read (the paper says why)"
        )
    if amendment.target.title:
        return _title(resolver, amendment)
    return [resolver.resolve(op) for op in amendment.operations]


def _title(resolver: _Resolver, amendment: Amendment) -> list[Resolution]:
    """An amendment to the long title: checked against the title's own lines. The title is
    not in the print's text; it is decided last, so it bites at the print's end."""
    try:
        title_edits(resolver.bill.root, amendment)
    except TitleError as err:
        raise resolver.fail(f"{err} of {resolver.print_name}") from None
    end = len(resolver.pr.text)
    return [
        Resolution(amendment, op, end, end, LONG_TITLE_EID, None) for op in amendment.operations
    ]


def check(bill: Bill, amendment: Amendment) -> str:
    """ "ok", or the reason the amendment does not fit the bill."""
    try:
        resolve(bill, amendment)
    except AmendmentError as err:
        return str(err)
    return "ok"


def occurrences_on(bill: Bill, text: str, line: Line, begin: int) -> list[int]:
    """Where ``text`` begins on ``line`` as whole words, at or after ``begin`` (offsets into
    ``bill.print.text``, every cell of a table row), as :func:`resolve` counts them to find
    which occurrence an amendment means."""
    return _Resolver(bill, Amendment("", (), Target())).hits(text, line, begin)


def cite_words(bill: Bill, target: Target, start: int, end: int) -> Words | None:
    """How an amendment citing ``target`` quotes the printed words ``start``–``end``
    (offsets into ``bill.print.text``): the words alone when the cited line holds them once,
    with their occurrence ("the second “the”") when it holds them more than once, counting
    as :func:`resolve` counts (whole words, every cell of a table row). None when the target
    does not fit the bill or its line does not hold these words at ``start``."""
    text = bill.print.text[start:end]
    resolver = _Resolver(bill, Amendment("", (LeaveOut(Words(text)),), target))
    try:
        line = resolver.cited_line()
        hits = resolver.hits(text, line, line.start)
    except AmendmentError:
        return None
    if start not in hits:
        return None
    return Words(text) if len(hits) == 1 else Words(text, hits.index(start) + 1)
