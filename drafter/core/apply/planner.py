"""Planning: what each resolution of an amendment does to the bill, before anything is changed."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from itertools import count

from drafter.core.akn import (
    AKN,
    unit_kinds,
)
from drafter.core.amendment import (
    Amendment,
    Block,
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
    Substitute,
)
from drafter.core.apply.index import PrintIndex, ancestors, inside, is_label, owner_of
from drafter.core.apply.plan import Bias, Edit
from drafter.core.apply.writer import UnitWriter, body_block, element_kind
from drafter.core.bill import CitationError, Provision
from drafter.core.etree import etree
from drafter.core.paper.lawmaker_xml import definition_term
from drafter.core.provisions import child_provisions, kind_of
from drafter.core.resolve import AmendmentError, Resolution, unplaced_place


class Planner:
    """What each resolution of an amendment does, worked out on the print: the offsets it
    touches, the provisions it removes whole, and where the structure it puts in goes. Only a
    bill with no Schedules container gets one here, for a new Schedule to go in."""

    def __init__(self, index: PrintIndex, writer: UnitWriter) -> None:
        self.bill = index.bill
        self.index = index
        self.writer = writer
        #: numbers given to new clauses and Schedules so far ("clause", "15a"): two put in
        #: after one clause are 15A and 15B
        self.new_numbers: set[tuple[str, str]] = set()

    def plan(self, seq: int, a: Amendment, r: Resolution) -> Edit:
        op = r.operation
        match op:
            case LeaveOut() | Substitute() | LeaveOutRange() | LeaveOutLines():
                start, end = self.trim(r.start, r.end)
                insert = op.insert if not isinstance(op, LeaveOut) else None
                removed = (
                    self.whole_provisions(start, end)
                    if isinstance(op, LeaveOutRange | LeaveOutLines)
                    else ()
                )
                e = Edit(seq, a, op, start, end, True, insert, removed=removed)
                if isinstance(insert, tuple):
                    return self.place_structure(e, insert, end, "after")
                return e
            case InsertBefore() | InsertAtBeginning():
                e = Edit(seq, a, op, r.start, r.start, False, op.insert, "before")
                if isinstance(op.insert, tuple):
                    return self.place_structure(e, op.insert, r.start, "before")
                return e
            case InsertAfter() | InsertAtEnd():
                e = Edit(seq, a, op, r.start, r.start, False, op.insert, "after")
                if isinstance(op.insert, tuple):
                    return self.place_structure(e, op.insert, r.start, "after")
                return e
            case LeaveOutProvisions() | LeaveOutClause() | LeaveOutSchedule():
                removed = self.whole_provisions(r.start, r.end)
                if not removed:
                    raise AmendmentError(a, "drafter found no whole provision to leave out there")
                e = Edit(seq, a, op, r.start, r.end, True, removed=removed)
                if isinstance(op, LeaveOutProvisions) and op.insert is not None:
                    blocks = op.insert if isinstance(op.insert, tuple) else (Block(text=op.insert),)
                    first = removed[0]
                    return replace(
                        e, insert=blocks, anchor=(first, "before"), new_kind=element_kind(first)
                    )
                return e
            case NewClause() | NewSchedule():
                return self.plan_new(seq, a, op, r)
        raise AmendmentError(a, f"drafter cannot apply {type(op).__name__} amendments")

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """A range without the spaces at its edges (they stay between the words left)."""
        text = self.index.pr.text
        while start < end and text[start] == " ":
            start += 1
        while end > start and text[end - 1] == " ":
            end -= 1
        return start, end

    def whole_provisions(self, start: int, end: int) -> tuple[etree._Element, ...]:
        """The largest provisions printed wholly within [start, end), in document order."""
        found: list[etree._Element] = []
        seen: set[etree._Element] = set()
        for piece in self.index.pieces_in(start, end):
            node: etree._Element | None = owner_of(piece)
            best = None
            while node is not None and node is not self.bill.body:
                if kind_of(node) not in (None, "schedules"):
                    span = self.index.span(node)
                    if span is None or not (start <= span[0] and span[1] <= end):
                        break
                    best = node
                node = node.getparent()
            if best is not None and best not in seen:
                # an earlier choice inside this one gives way to it
                found = [f for f in found if not inside(f, best)]
                seen.add(best)
                found.append(best)
        return tuple(found)

    def place_structure(self, e: Edit, blocks: tuple[Block, ...], p: int, bias: Bias) -> Edit:
        """Where inserted units go: beside the provision of their kind at the insertion
        point (or first/last among such provisions when the point is in their parent's
        opening or closing words). At the end of a provision's number or heading (a clause's
        title line) the insertion opens the provision's body: unnumbered words, or words
        leading in to units, become its own words (see :meth:`open_body`)."""
        if not blocks:
            raise AmendmentError(e.amendment, "it inserts nothing")
        first = blocks[0]
        words_only = all(
            not b.num and not b.heading and not b.children and b.table is None for b in blocks
        )
        opening = self.opening_at(p) if bias == "after" else None
        if opening is not None and not first.heading:
            kids = list(child_provisions(opening))
            if words_only or (not first.num and body_block(blocks) is not None):
                return self.open_body(e, opening, blocks)
            if first.num and _unnumbered(first.num):
                if not kids:
                    return self.open_body(e, opening, blocks)
                # "( )" at the start of a body that has units: the first of them
                return replace(e, anchor=(kids[0], "before"), new_kind=element_kind(kids[0]))
        piece = self.index.piece_at(p, bias)
        node = owner_of(piece)
        chain = [n for n in ancestors(node, self.bill.body) if kind_of(n) is not None]
        if words_only:
            # unnumbered words are words; but definitions put in beside a definition are
            # definitions of their own (“x” means …)
            holder = next((n for n in chain if kind_of(n) == "definition"), None)
            if holder is not None and all(definition_term(b.text) for b in blocks):
                return replace(e, anchor=(holder, bias), new_kind="definition")
            return replace(e, insert=" ".join(b.text for b in blocks))
        want = wanted_kinds(first.num, chain)
        for el in chain:
            if element_kind(el) in want:
                if bias == "after" and not isinstance(e.op, InsertAtEnd):
                    self.require_end_of_words(e, el, p)
                return replace(e, anchor=(el, bias), new_kind=element_kind(el))
        for el in chain:  # the point is in the words before (or after) a list of units
            kids = [c for c in child_provisions(el) if element_kind(c) in want]
            if kids:
                after_words = any(a.tag == AKN + "wrapUp" for a in ancestors(node, el))
                anchor = (kids[-1], "after") if after_words else (kids[0], "before")
                return replace(e, anchor=anchor, new_kind=element_kind(kids[0]))
        if opening is not None and body_block(blocks) is not None:
            return self.open_body(e, opening, blocks)
        raise AmendmentError(
            e.amendment,
            f"drafter cannot place the inserted {first.num or 'unit'} at "
            f"{self.index.where(p)}: no provision of that kind stands there",
        )

    def require_end_of_words(self, e: Edit, el: etree._Element, p: int) -> None:
        """Units put in after words of ``el`` (at ``p``) must come after its words: if words
        of its own follow them (before its next unit), even an "or" that joins it to the next,
        the amendment would have those run on into the list, which only a drafter can write
        (AmendmentError). "At end" of a line, and a place inside one of its units, are another
        matter: what is put in goes after all of ``el``, with a note."""
        span = self.index.span(el)
        if span is None:
            return
        end = span[1]
        for child in child_provisions(el):
            child_span = self.index.span(child)
            if child_span is None or child_span[1] < p:
                continue
            if child_span[0] < p:
                return  # inside one of its units
            end = child_span[0]
            break
        following = self.index.pr.text[p:end]
        if re.search(r"\w", following):
            words = " ".join(following.split()[:3])
            raise AmendmentError(
                e.amendment,
                f"drafter cannot put units in at {self.index.where(p)}: the words of "
                f"{self.bill.citation_of(el)} go on after it (“{words} …”); put them in at "
                "the end of its words, or leave out the words that follow and insert them "
                "with the units",
            )

    def opening_at(self, p: int) -> etree._Element | None:
        """The provision whose body begins at print offset ``p``: ``p`` stands just after the
        last word of its number or heading (the end of a clause's title line), else None."""
        i = bisect_left(self.index.starts, p) - 1
        if i < 0 or not is_label(self.index.pieces[i]):
            return None
        piece = self.index.pieces[i]
        if self.index.pr.text[p : piece.end].strip():
            return None  # inside the heading
        owner = owner_of(piece).getparent()
        if owner is None or kind_of(owner) is None:
            return None
        if i + 1 < len(self.index.pieces):
            following = self.index.pieces[i + 1]
            if is_label(following) and owner_of(following).getparent() is owner:
                return None  # its heading follows its number
        return owner

    def open_body(self, e: Edit, owner: etree._Element, blocks: tuple[Block, ...]) -> Edit:
        """The inserted structure opens ``owner``'s body. It goes in only if, once the
        amendments agreed with it are made, the provision has no words or units of its own
        left (:meth:`settle` checks): a clause whose subsections all go, and the words and
        paragraphs put in at the end of its title line, become a clause of one unnumbered
        subsection, printed as the clause's own words and paragraphs."""
        if body_block(blocks) is None:
            raise AmendmentError(
                e.amendment,
                f"drafter cannot open {self.bill.citation_of(owner)} with units that mix "
                "numbered and unnumbered ones",
            )
        return replace(e, anchor=(owner, "body"))

    def plan_new(self, seq: int, a: Amendment, op: NewClause | NewSchedule, r: Resolution) -> Edit:
        """A new clause or Schedule: where it goes (after its anchor, before it, or last) and
        its provisional number until the bill is reprinted."""
        clause = isinstance(op, NewClause)
        kind = "clause" if clause else "schedule"
        pool = self.bill.clauses if clause else self.bill.schedules
        label = "Clause" if clause else "Schedule"
        unit = op.clause if isinstance(op, NewClause) else op.schedule
        numbers = {p.number.lower() for p in pool} | {n for k, n in self.new_numbers if k == kind}
        at = r.start
        if op.before is not None:
            try:
                anchor = self.bill.find(f"{label} {op.before}".strip()).element
            except CitationError as err:
                raise AmendmentError(
                    a, f"the new {kind} is to go before {label} {op.before}, but {err}"
                ) from None
            span = self.index.span(anchor)
            at = span[0] if span else r.start
            placed = (anchor, "before")
            index = next((n for n, p in enumerate(pool) if p.element is anchor), 0)
            number = _number_before(pool, index, op.before, numbers)
        elif op.after is not None:
            anchor = self.bill.find(f"{label} {op.after}".strip()).element
            placed = (anchor, "after")
            number = _free(op.after, numbers)
        elif pool:  # the Commons form, which gives no place
            anchor_of, side = unplaced_place(pool, kind)
            placed = (anchor_of.element, side)
            if side == "before":
                number = _number_before(pool, pool.index(anchor_of), anchor_of.number, numbers)
            else:
                number = _free(anchor_of.number, numbers)
        else:
            number = "1"
            container = self.schedules_container() if not clause else self.bill.body
            assert container is not None
            placed = (container, "last-in")
        self.new_numbers.add((kind, number.lower()))
        return Edit(seq, a, op, at, at, False, (unit,), anchor=placed, new_number=number)

    def schedules_container(self) -> etree._Element:
        body = self.bill.body
        assert body is not None
        found = next(
            (el for el in body.iter(AKN + "hcontainer") if el.get("name") == "schedules"), None
        )
        if found is not None:
            return found
        found = self.writer.fresh("hcontainer", "scheds", body)
        found.set("name", "schedules")
        found.set("class", "schs")
        heading = self.writer.fresh("heading", "scheds__hdg", found)
        heading.text = "Schedules"
        return found


def wanted_kinds(num: str, chain: list[etree._Element]) -> set[str]:
    """The kinds of element an inserted unit numbered ``num`` can be."""
    kinds = unit_kinds(num.strip().lstrip("“"))
    if kinds:
        return set(kinds)
    # "( )" or no number: the kind of the innermost numbered provision at the point
    for el in chain:
        k = element_kind(el)
        if k in ("subsection", "subparagraph", "paragraph", "section") or k.startswith("level"):
            return {k}
    return set()


def _unnumbered(num: str) -> bool:
    return num.strip().lstrip("“") in ("()", "( )")


def _number_before(pool: list[Provision], index: int, anchor: str, taken: set[str]) -> str:
    """The provisional number of a clause or Schedule put in before ``pool[index]`` (numbered
    ``anchor``): after the one before it (3A before Clause 4), as the House numbers it; before
    the first, with a letter in front (A1)."""
    if index > 0:
        return _free(pool[index - 1].number, taken)
    return _free(anchor, taken, suffix=False)


def _free(base: str, taken: set[str], suffix: bool = True) -> str:
    """The first provisional number after ``base`` not taken: 12A, 12B … 12Z, then 12Z1,
    12Z2 … (as sections inserted in an Act run on: 303Z1 follows 303Z)."""
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        candidate = f"{base}{letter}" if suffix else f"{letter}{base}"
        if candidate.lower() not in taken:
            return candidate
    return next(c for n in count(1) if (c := f"{base}Z{n}").lower() not in taken)
