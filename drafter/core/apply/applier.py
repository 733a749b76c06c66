"""Applying amendments: each one resolved, planned and ruled on, then every accepted edit
made on a copy of the bill, from the end backwards."""

from __future__ import annotations

import copy
import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from itertools import pairwise
from typing import Any

from lxml import etree

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
    Status,
    Substitute,
)
from drafter.core.apply.plan import Bias, Edit
from drafter.core.apply.procedure import Procedure
from drafter.core.apply.provenance import mark, record_provenance
from drafter.core.apply.report import ApplyError, Change, Outcome, Report, Verdict
from drafter.core.apply.spacing import Joined, Spacing, spacing_of
from drafter.core.apply.writer import UNIT_ELEMENTS, UnitWriter
from drafter.core.bill import Bill, CitationError
from drafter.core.long_title import (
    LONG_TITLE_EID,
    TitleEdit,
    TitleError,
    title_edits,
    title_text,
    write_title,
)
from drafter.core.print.layout import (
    QUOTE_ATTRS,
    SKIPPED_TAGS,
    XML_SPACE,
    Print,
    Slot,
    TextPiece,
    with_own_markers,
)
from drafter.core.provisions import child_provisions, kind_of
from drafter.core.resolve import AmendmentError, Resolution, resolve
from drafter.core.xml import detach

#: Statuses that are applied.
APPLIED_STATUSES = frozenset({Status.TABLED, Status.AGREED})
_WS = " \t\n\r"
#: What stands for XML whitespace that is to go while the tree is edited (one character for
#: one, so that offsets into the XML text stay valid); taken out when the editing is done.
_GONE = "\ue000"


# --- apply --------------------------------------------------------------------------------


def apply(
    bill: Bill,
    amendments: Sequence[Amendment],
    only: Collection[str] | None = None,
    *,
    lay_out: bool | None = None,
) -> tuple[Bill, Report]:
    """The bill as amended, and the report. ``only`` selects amendments by number; the input
    bill is not changed. ``lay_out``: None lays the result out afresh only when provisions
    were inserted; True or False forces it."""
    selected = _select(amendments, only)
    tree = copy.deepcopy(bill.tree)
    work = Bill(tree, bill.path)
    work.require_body()
    applier = _Applier(work, _seed(selected))
    outcomes = [applier.rule(seq, a) for seq, a in enumerate(selected)]
    outcomes = applier.settle(outcomes)
    applier.edit()
    write_title(tree.getroot(), [e for e, _ in applier.title])
    record_provenance(work, selected, outcomes, applier.removed)
    inserted = applier.inserted_structure
    relaid = inserted if lay_out is None else lay_out
    if relaid:
        tree = with_own_markers(tree)
    new_bill = Bill(tree, bill.path)
    label = bill.metadata.bill_number or bill.path
    return new_bill, Report(label, tuple(outcomes), laid_out=relaid)


def _seed(amendments: Sequence[Amendment]) -> str:
    """The amendments applied, as a seed for the GUIDs of what they put in: the same paper
    gives the same GUIDs, another paper others."""
    made = repr([(a.number, a.target, a.operations) for a in amendments])
    return hashlib.sha256(made.encode()).hexdigest()


def _select(amendments: Sequence[Amendment], only: Collection[str] | None) -> list[Amendment]:
    if only is None:
        return list(amendments)
    # a draft amendment is named by its reference, with or without brackets: [HoC18], HoC18
    wanted = [_unbracketed(n.strip()) for n in only if n.strip()]
    have = {_unbracketed(a.number) for a in amendments}
    missing = [n for n in wanted if n not in have]
    if missing:
        listed = [a.number for a in amendments]
        shown = ", ".join(listed[:20]) + (f" … ({len(listed)} in all)" if len(listed) > 20 else "")
        raise ApplyError(
            f"the paper has no amendment {', '.join(missing)} (it has {shown or 'none'})"
        )
    keep = set(wanted)
    return [a for a in amendments if _unbracketed(a.number) in keep]


def _unbracketed(number: str) -> str:
    return number[1:-1] if number.startswith("[") and number.endswith("]") else number


class _Applier:
    """Plans each amendment's edits on the print, has :class:`Procedure` rule on them, and
    makes the accepted ones in the XML."""

    def __init__(self, bill: Bill, seed: str) -> None:
        self.bill = bill
        self.pr: Print = bill.print
        self.pieces: list[TextPiece] = self.pr.text_pieces
        self.starts = [p.start for p in self.pieces]
        self.ends = [p.end for p in self.pieces]
        self.edits: list[Edit] = []
        #: the House's rulings on the edits accepted so far
        self.procedure = Procedure(self.pr)
        #: writes the provisions that amendments put in
        self.writer = UnitWriter(bill, seed)
        self.removed: list[tuple[str, etree._Element, str, str]] = []
        self.inserted_structure = False
        #: numbers given to new clauses and Schedules so far ("clause", "15a"): two put in
        #: after one clause are 15A and 15B
        self.new_numbers: set[tuple[str, str]] = set()
        # keyed by element (which keeps the lxml proxy, and so its identity, alive)
        self._span_cache: dict[etree._Element, tuple[int, int] | None] = {}
        #: edits to the long title accepted so far, with the amendment's number
        self.title: list[tuple[TitleEdit, str]] = []
        self.label = bill.metadata.bill_number or bill.path
        self.spacing = Spacing()
        #: the elements holding whitespace marked as going (:meth:`mark_gone`)
        self.blanked: list[etree._Element] = []

    # --- ruling ----------------------------------------------------------------------------

    def rule(self, seq: int, a: Amendment) -> Outcome:
        status = Status(a.status)

        def outcome(verdict: Verdict, reason: str, applied: bool = False, **kw: Any) -> Outcome:
            return Outcome(
                a.number, status.value, applied, verdict, reason, sponsors=a.sponsors, **kw
            )

        stand_part = [op for op in a.operations if isinstance(op, StandPart)]
        if stand_part and status is Status.NEGATIVED:
            ops: tuple[Operation, ...] = tuple(
                LeaveOutClause(op.clause) if op.clause else LeaveOutSchedule(op.schedule or "")
                for op in stand_part
            )
            a = replace(a, operations=ops)
        elif status not in APPLIED_STATUSES:
            return outcome(
                "not moved",
                f"its status is “{status.value}”: only tabled and agreed amendments are applied",
            )
        elif stand_part:
            what = (
                f"Clause {stand_part[0].clause}"
                if stand_part[0].clause
                else f"Schedule {stand_part[0].schedule}".strip()
            )
            return outcome(
                "notice",
                f"a notice of opposition to {what} standing part of the Bill, not an amendment "
                "to its text (the clause is left out only when the Question is negatived: "
                "mark it “Status: negatived”)",
            )
        if a.target.title:
            return self.rule_title(a, outcome)
        try:
            resolutions = resolve(self.bill, a)
            edits = [self.plan(seq, a, r) for r in resolutions]
        except AmendmentError as err:  # the report names the amendment: the reason alone
            return outcome("does not fit", err.reason)
        notes: list[str] = []
        for e in edits:
            ruling = self.procedure.clash(e, notes)
            if ruling is not None:
                return outcome(ruling[0], ruling[1])
        changes = [self.change(e) for e in edits]
        for e in edits:
            self.procedure.accept(e)
        self.edits.extend(edits)
        return outcome("applied", "", True, changes=tuple(changes), notes=tuple(notes))

    def rule_title(self, a: Amendment, outcome: Callable[..., Outcome]) -> Outcome:
        """An amendment to the long title: its edits, unless they touch words an earlier one
        changes (the title's words are as printed; the edits are made at the end)."""
        try:
            edits = title_edits(self.bill.root, a)
        except TitleError as err:
            return outcome("does not fit", f"{err} of {self.label}")
        for e in edits:
            for earlier, number in self.title:
                if (e.start < earlier.end and earlier.start < e.end) or e.start == earlier.start:
                    return outcome(
                        "conflict", f"it changes words of the title that amendment {number} changes"
                    )
        text = title_text(self.bill.root)
        changes = tuple(
            Change(
                "substitute"
                if e.insert and e.end > e.start
                else "insert"
                if e.insert
                else "leave out",
                "the long title",
                LONG_TITLE_EID,
                text[e.start : e.end],
                e.insert,
            )
            for e in edits
        )
        self.title.extend((e, a.number) for e in edits)
        return outcome("applied", "", True, changes=changes)

    # --- planning: what each resolution does, in XML ---------------------------------------

    def plan(self, seq: int, a: Amendment, r: Resolution) -> Edit:
        op = r.operation
        match op:
            case LeaveOut() | Substitute() | LeaveOutRange() | LeaveOutLines():
                start, end = self.trim(r.start, r.end)
                insert = op.insert if not isinstance(op, LeaveOut) else None
                e = Edit(seq, a, op, start, end, True, insert)
                if isinstance(op, LeaveOutRange | LeaveOutLines):
                    e.removed = self.whole_provisions(start, end)
                if isinstance(insert, tuple):
                    self.place_structure(e, insert, end, "after")
                return e
            case InsertBefore() | InsertAtBeginning():
                e = Edit(seq, a, op, r.start, r.start, False, op.insert, "before")
                if isinstance(op.insert, tuple):
                    self.place_structure(e, op.insert, r.start, "before")
                return e
            case InsertAfter() | InsertAtEnd():
                e = Edit(seq, a, op, r.start, r.start, False, op.insert, "after")
                if isinstance(op.insert, tuple):
                    self.place_structure(e, op.insert, r.start, "after")
                return e
            case LeaveOutProvisions() | LeaveOutClause() | LeaveOutSchedule():
                e = Edit(seq, a, op, r.start, r.end, True)
                e.removed = self.whole_provisions(r.start, r.end)
                if not e.removed:
                    raise AmendmentError(a, "drafter found no whole provision to leave out there")
                if isinstance(op, LeaveOutProvisions) and op.insert is not None:
                    blocks = op.insert if isinstance(op.insert, tuple) else (Block(text=op.insert),)
                    e.insert = blocks
                    first = e.removed[0]
                    e.anchor = (first, "before")
                    e.new_kind = _element_kind(first)
                return e
            case NewClause() | NewSchedule():
                return self.plan_new(seq, a, op, r)
        raise AmendmentError(a, f"drafter cannot apply {type(op).__name__} amendments")

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """A range without the spaces at its edges (they stay between the words left)."""
        text = self.pr.text
        while start < end and text[start] == " ":
            start += 1
        while end > start and text[end - 1] == " ":
            end -= 1
        return start, end

    def span(self, el: etree._Element) -> tuple[int, int] | None:
        if el not in self._span_cache:
            self._span_cache[el] = self.pr.span_of(el)
        return self._span_cache[el]

    def pieces_in(self, start: int, end: int) -> list[TextPiece]:
        lo = bisect_right(self.ends, start)
        hi = bisect_left(self.starts, end)
        return self.pieces[lo:hi]

    def whole_provisions(self, start: int, end: int) -> list[etree._Element]:
        """The largest provisions printed wholly within [start, end), in document order."""
        found: list[etree._Element] = []
        seen: set[etree._Element] = set()
        for piece in self.pieces_in(start, end):
            node: etree._Element | None = _owner(piece)
            best = None
            while node is not None and node is not self.bill.body:
                if kind_of(node) not in (None, "schedules"):
                    span = self.span(node)
                    if span is None or not (start <= span[0] and span[1] <= end):
                        break
                    best = node
                node = node.getparent()
            if best is not None and best not in seen:
                # an earlier choice inside this one gives way to it
                found = [f for f in found if not _inside(f, best)]
                seen.add(best)
                found.append(best)
        return found

    def piece_at(self, p: int, bias: Bias, words: bool = False) -> TextPiece:
        """The piece of XML text where an insertion at print offset ``p`` goes: the one
        holding the character before ``p`` ("after"), or the one at ``p`` ("before"; words
        put in at the beginning of a line go after its provision number)."""
        if bias == "after":
            i = bisect_left(self.starts, p) - 1
            if i < 0:
                i = 0
        else:
            i = bisect_right(self.ends, p)
            if words:
                while i + 1 < len(self.pieces) and _is_label(self.pieces[i]):
                    i += 1
            if i >= len(self.pieces):
                i = len(self.pieces) - 1
        return self.pieces[i]

    def place_structure(self, e: Edit, blocks: tuple[Block, ...], p: int, bias: Bias) -> None:
        """Where inserted units go: beside the provision of their kind at the insertion
        point (or first/last among such provisions when the point is in their parent's
        opening or closing words). At the end of a provision's number or heading (a clause's
        title line) the insertion opens the provision's body: unnumbered words, or words
        leading in to units, become its own words (see :meth:`open_body`)."""
        if not blocks:
            raise AmendmentError(e.amendment, "it inserts nothing")
        first = blocks[0]
        words_only = all(not b.num and not b.heading and not b.children for b in blocks)
        opening = self.opening_at(p) if bias == "after" else None
        if opening is not None and not first.heading:
            kids = list(child_provisions(opening))
            if words_only or (not first.num and _body_block(blocks) is not None):
                self.open_body(e, opening, blocks)
                return
            if first.num and _unnumbered(first.num):
                if not kids:
                    self.open_body(e, opening, blocks)
                    return
                # "( )" at the start of a body that has units: the first of them
                e.anchor = (kids[0], "before")
                e.new_kind = _element_kind(kids[0])
                return
        if words_only:
            e.insert = " ".join(b.text for b in blocks)  # unnumbered words: words
            return
        piece = self.piece_at(p, bias)
        node = _owner(piece)
        chain = [n for n in _ancestors(node, self.bill.body) if kind_of(n) is not None]
        want = wanted_kinds(first.num, chain)
        for el in chain:
            if _element_kind(el) in want:
                e.anchor = (el, bias)
                e.new_kind = _element_kind(el)
                return
        for el in chain:  # the point is in the words before (or after) a list of units
            kids = [c for c in child_provisions(el) if _element_kind(c) in want]
            if kids:
                after_words = any(a.tag == AKN + "wrapUp" for a in _ancestors(node, el))
                e.anchor = (kids[-1], "after") if after_words else (kids[0], "before")
                e.new_kind = _element_kind(kids[0])
                return
        if opening is not None and _body_block(blocks) is not None:
            self.open_body(e, opening, blocks)
            return
        raise AmendmentError(
            e.amendment,
            f"drafter cannot place the inserted {first.num or 'unit'} at "
            f"{self.procedure.where(p)}: no provision of that kind stands there",
        )

    def opening_at(self, p: int) -> etree._Element | None:
        """The provision whose body begins at print offset ``p``: ``p`` stands just after the
        last word of its number or heading (the end of a clause's title line), else None."""
        i = bisect_left(self.starts, p) - 1
        if i < 0 or not _is_label(self.pieces[i]):
            return None
        piece = self.pieces[i]
        if self.pr.text[p : piece.end].strip():
            return None  # inside the heading
        owner = _owner(piece).getparent()
        if owner is None or kind_of(owner) is None:
            return None
        if i + 1 < len(self.pieces):
            following = self.pieces[i + 1]
            if _is_label(following) and _owner(following).getparent() is owner:
                return None  # its heading follows its number
        return owner

    def open_body(self, e: Edit, owner: etree._Element, blocks: tuple[Block, ...]) -> None:
        """The inserted structure opens ``owner``'s body. It goes in only if, once the
        amendments agreed with it are made, the provision has no words or units of its own
        left (:meth:`settle` checks): a clause whose subsections all go, and the words and
        paragraphs put in at the end of its title line, become a clause of one unnumbered
        subsection, printed as the clause's own words and paragraphs."""
        if _body_block(blocks) is None:
            raise AmendmentError(
                e.amendment,
                f"drafter cannot open {self.bill.citation_of(owner)} with units that mix "
                "numbered and unnumbered ones",
            )
        e.anchor = (owner, "body")

    def settle(self, outcomes: list[Outcome]) -> list[Outcome]:
        """Once every amendment is ruled on: an insertion that opens a provision's body
        (:meth:`open_body`) fits only if the amendments agreed leave that provision nothing
        of its own — else it does not fit, and nothing of it is made."""
        gone: set[etree._Element] = {el for e in self.edits for el in e.removed}
        failed: dict[int, str] = {}
        opened: dict[etree._Element, str] = {}
        for e in self.edits:
            if e.anchor is None or e.anchor[1] != "body":
                continue
            owner = e.anchor[0]
            left = [k for k in child_provisions(owner) if not any(_inside(k, g) for g in gone)]
            words = [c for c in owner if c.tag in _BODY_WORDS]
            if left or words or owner in opened:
                what = (
                    f"its {kind_of(left[0])} {self.bill.citation_of(left[0])}"
                    if left
                    else f"the text amendment {opened[owner]} puts there"
                    if owner in opened
                    else "its own words"
                )
                failed[e.seq] = (
                    "drafter cannot begin "
                    f"{self.bill.citation_of(owner)} with the inserted text at "
                    f"{self.procedure.where(e.start)}: {what} would still stand after it (the text "
                    "goes in there only when the amendments agreed leave the provision "
                    "nothing of its own)"
                )
            else:
                opened[owner] = e.number
        if not failed:
            return outcomes
        self.edits = [e for e in self.edits if e.seq not in failed]
        return [
            replace(o, applied=False, verdict="does not fit", reason=failed[seq], changes=())
            if seq in failed
            else o
            for seq, o in enumerate(outcomes)
        ]

    def plan_new(self, seq: int, a: Amendment, op: NewClause | NewSchedule, r: Resolution) -> Edit:
        clause = isinstance(op, NewClause)
        kind = "clause" if clause else "schedule"
        pool = self.bill.clauses if clause else self.bill.schedules
        label = "Clause" if clause else "Schedule"
        unit = op.clause if isinstance(op, NewClause) else op.schedule
        e = Edit(seq, a, op, r.start, r.start, False, (unit,))
        numbers = {p.number.lower() for p in pool} | {n for k, n in self.new_numbers if k == kind}
        if op.before is not None:
            try:
                anchor = self.bill.find(f"{label} {op.before}".strip()).element
            except CitationError as err:
                raise AmendmentError(
                    a, f"the new {kind} is to go before {label} {op.before}, but {err}"
                ) from None
            span = self.span(anchor)
            e.start = e.end = span[0] if span else r.start
            e.anchor = (anchor, "before")
            # numbered after the clause before it (3A before Clause 4), as the House numbers
            # it; before the first, with a letter in front (A1)
            at = next((n for n, p in enumerate(pool) if p.element is anchor), 0)
            if at > 0:
                e.new_number = _free(pool[at - 1].number, numbers)
            else:
                e.new_number = _free(op.before, numbers, suffix=False)
        elif op.after is not None:
            anchor = self.bill.find(f"{label} {op.after}".strip()).element
            e.anchor = (anchor, "after")
            e.new_number = _free(op.after, numbers)
        elif pool:
            e.anchor = (pool[-1].element, "after")
            e.new_number = _free(pool[-1].number, numbers)
        else:
            e.new_number = "1"
            container = self.schedules_container() if not clause else self.bill.body
            assert container is not None
            e.anchor = (container, "last-in")
        self.new_numbers.add((kind, e.new_number.lower()))
        return e

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

    # --- the report's changes --------------------------------------------------------------

    def change(self, e: Edit) -> Change:
        text = self.pr.text
        old = text[e.start : e.end] if e.delete else ""
        new = _printed_insert(e.insert)
        op = e.op
        if isinstance(op, NewClause | NewSchedule):
            what = "new clause" if isinstance(op, NewClause) else "new Schedule"
            assert e.anchor is not None
            anchor_el, how = e.anchor
            citation = self.bill.citation_of(anchor_el)
            where = f"{how} {citation}" if how in ("after", "before") else "at the end"
            label = "Clause" if isinstance(op, NewClause) else "Schedule"
            return Change(what, where, "", "", f"{label} {e.new_number}: {new}")
        if e.removed:
            citations = "; ".join(self.bill.citation_of(el) for el in e.removed)
            eids = "; ".join(el.get("eId", "") for el in e.removed)
            action = "leave out provision" if e.insert is None else "substitute provision"
            if isinstance(op, LeaveOutRange | LeaveOutLines):
                action = "leave out" if e.insert is None else "substitute"
                citations = self.citation_at(e.start)
                eids = self.eid_at(e.start)
            return Change(action, citations, eids, old, new)
        if e.delete:
            action = "leave out" if e.insert is None else "substitute"
        else:
            action = "insert provision" if e.anchor is not None else "insert"
        at = e.start if e.delete or e.bias == "before" else max(0, e.start - 1)
        return Change(action, self.citation_at(at), self.eid_at(at), old, new)

    def citation_at(self, offset: int) -> str:
        piece = self.piece_at(offset + 1, "after") if self.pieces else None
        return self.bill.citation_of(piece.element) if piece is not None else ""

    def eid_at(self, offset: int) -> str:
        piece = self.piece_at(offset + 1, "after") if self.pieces else None
        if piece is None:
            return ""
        node: etree._Element | None = piece.element
        while node is not None and (not isinstance(node.tag, str) or kind_of(node) is None):
            node = node.getparent()
        return node.get("eId", "") if node is not None else ""

    # --- editing ---------------------------------------------------------------------------

    def edit(self) -> None:
        """Make every accepted edit, from the end of the document backwards. The spacing of
        all of them is settled first, on the print, where edits side by side can be seen to
        meet; the whitespace that goes is marked in the XML before any of it is cut."""

        def order(e: Edit) -> tuple[int, int, int]:
            return (-e.start, 0 if e.delete else 1, -e.seq)

        self.spacing = spacing_of(self.pr.text, self.joins())
        for q in sorted(self.spacing.gone | self.spaces_left_out()):
            self.mark_gone(q)
        edits = sorted(self.edits, key=order)
        for e in edits:
            number = e.number
            if isinstance(e.op, NewClause | NewSchedule):
                self.insert_new(e)
                continue
            if e.removed:
                if e.insert is not None and e.anchor is not None:
                    self.insert_units(e)
                text_pieces = [
                    p
                    for p in self.pieces_in(e.start, e.end)
                    if not any(_inside(_owner(p), r) for r in e.removed) and not _is_label(p)
                ]
                # words put in go after the words left out that stay in the XML, not at the
                # end of a provision that goes (they would go with it)
                kept_end = min(e.end, text_pieces[-1].end) if text_pieces else e.start
                self.insert_words_after_range(e, kept_end)
                if text_pieces:
                    self.wrap_deleted(text_pieces, e.start, e.end, number)
                continue
            if e.delete:
                if e.anchor is not None:
                    self.insert_units(e)
                else:
                    self.insert_words_after_range(e, e.end)
                pieces = self.pieces_in(e.start, e.end)
                if isinstance(e.op, LeaveOutRange | LeaveOutLines):
                    pieces = [p for p in pieces if not _is_label(p)]
                self.wrap_deleted(pieces, e.start, e.end, number)
                continue
            if e.anchor is not None:
                self.insert_units(e)
            elif isinstance(e.insert, str):
                closing = self.quotation_closed_at(e)
                if closing is not None:
                    self.insert_after_element(closing, self.spaced(e))
                else:
                    self.insert_words(e.start, self.spaced(e), self.bias(e))
        # provisions go last: units another amendment puts in beside them, or in the Part
        # they leave empty, must find them still there
        for e in edits:  # the last first, so that each records the one before it
            for el in reversed(e.removed):
                self.remove(el, e.number)
        self.take_out_gone()

    def quotation_closed_at(self, e: Edit) -> etree._Element | None:
        """The quoted element after which ``e``'s words go: its anchor takes in a closing
        quotation mark that the print adds (“local authority”), so not in it; or they go at
        the end of a line that ends in a defined term or quoted words (the bill's words, not
        the term's; at the end of a quoted provision they stay in the quotation)."""
        if isinstance(e.op, InsertAtEnd):
            quoted = self.quoted_element_closing_at(e.start)
            inline = quoted is not None and quoted.tag in (AKN + "def", AKN + "quotedText")
            return quoted if inline else None
        return self.quoted_element_closing_at(e.start) if isinstance(e.op, InsertAfter) else None

    def bias(self, e: Edit) -> Bias:
        """Where words put in at ``e.start`` go: after an anchor that takes in an opening
        quotation mark, inside the quotation, after the mark; else as ``e`` says."""
        last = e.op.anchor.text.rstrip()[-1:] if isinstance(e.op, InsertAfter) else ""
        return "before" if last and last in "“‘" else e.bias

    def joins(self) -> list[Joined]:
        """The words every accepted edit leaves out and puts in, where they meet the print."""
        joins = []
        for e in self.edits:
            if isinstance(e.op, NewClause | NewSchedule):
                continue
            words = e.insert.strip() if isinstance(e.insert, str) else ""
            if e.delete:
                joins.append(Joined(e.start, e.end, words, False, e.seq))
            elif words and e.anchor is None:
                p = e.start
                if self.quotation_closed_at(e) is None:  # as insert_words puts them
                    bias = self.bias(e)
                    piece = self.piece_at(p, bias, words=bias == "before")
                    p = min(max(p, piece.start), piece.end)
                joins.append(Joined(p, p, words, True, e.seq))
        return joins

    def spaces_left_out(self) -> set[int]:
        """The print's spaces between the texts of words left out: they go with the words
        (a space inside one text goes in its ``<del>``)."""
        text = self.pr.text
        found: set[int] = set()
        for e in self.edits:
            if not e.delete or (e.removed and not isinstance(e.op, LeaveOutRange | LeaveOutLines)):
                continue  # whole provisions: their spaces go with them
            pieces = self.pieces_in(e.start, e.end)
            for a, b in pairwise(pieces):
                found.update(q for q in range(a.end, b.start) if text[q] == " ")
        return found

    def spaced(self, e: Edit) -> etree._Element:
        """The ``<ins>`` of the words ``e`` puts in, with the spaces :func:`_spacing` gave them."""
        assert isinstance(e.insert, str)
        lead = " " if e.seq in self.spacing.lead else ""
        trail = " " if e.seq in self.spacing.trail else ""
        ins = mark(etree.Element(AKN + "ins"), e.number)
        ins.text = lead + e.insert.strip() + trail
        return ins

    def mark_gone(self, q: int) -> None:
        """Mark the XML whitespace that prints as the space at print offset ``q``: a run of it
        inside one text, or the end of the text before, the start of the text after and the
        whitespace-only texts between them (a break between blocks prints as a space
        whatever the XML holds: the print leaves it out only before closing punctuation)."""
        i = bisect_right(self.starts, q) - 1
        if i >= 0 and q < self.pieces[i].end:
            piece = self.pieces[i]
            a = b = piece.raw_offset(q)
            while b < len(piece.raw) and piece.raw[b] in _WS:
                b += 1
            self.blank(piece.element, piece.slot, a, b)
            return
        before = self.pieces[i] if i >= 0 else None
        after = self.pieces[i + 1] if i + 1 < len(self.pieces) else None
        if before is not None:
            self.blank(before.element, before.slot, len(before.raw.rstrip(_WS)), len(before.raw))
        if after is not None:
            self.blank(after.element, after.slot, 0, len(after.raw) - len(after.raw.lstrip(_WS)))
        if before is not None and after is not None:
            for node, slot in _slots_between(before, after):
                self.blank(node, slot, 0, len(_slot(node, slot)))

    def blank(self, node: etree._Element, slot: Slot, a: int, b: int) -> None:
        """Mark the whitespace in ``node``'s text (or tail) from ``a`` to ``b`` as going."""
        value = _slot(node, slot)
        if a >= b or not value[a:b] or value[a:b].strip(_WS):
            return
        value = value[:a] + _GONE * (b - a) + value[b:]
        if slot == "text":
            node.text = value
            self.blanked.append(node)
        else:
            node.tail = value
            parent = node.getparent()
            self.blanked.append(parent if parent is not None else node)

    def take_out_gone(self) -> None:
        """Take out the whitespace marked as going: a ``<del>`` keeps one space for it (shown
        struck through, the words left out still read apart), any other text none."""
        for top in [*self.blanked, *(r[1] for r in self.removed)]:
            for node in top.iter():
                if isinstance(node.tag, str) and node.text and _GONE in node.text:
                    kept = " " if node.tag == AKN + "del" else ""
                    node.text = re.sub(f"{_GONE}+", kept, node.text)
                if node.tail and _GONE in node.tail:
                    node.tail = node.tail.replace(_GONE, "")

    def quoted_element_closing_at(self, p: int) -> etree._Element | None:
        """The element whose closing quotation mark (added by the print, not in the XML text)
        is the character just before print offset ``p``, if there is one."""
        piece = self.piece_at(p, "after")
        printed = " ".join(piece.raw.strip(XML_SPACE).split())
        if p <= piece.start + len(printed) or self.pr.text[p - 1] not in "”’":
            return None
        node: etree._Element | None = _owner(piece)
        while node is not None and node is not self.bill.body:
            attrs = QUOTE_ATTRS.get(str(node.tag))
            if attrs and node.get(attrs[1]):
                return node
            node = node.getparent()
        return None

    def insert_after_element(self, el: etree._Element, ins: etree._Element) -> None:
        """Put ``ins`` in straight after ``el`` (at the start of its tail)."""
        current = el.tail or ""
        el.tail, ins.tail = None, current or None
        el.addnext(ins)

    def insert_words_after_range(self, e: Edit, p: int) -> None:
        """The words ``e`` puts in for those it leaves out, at print offset ``p``."""
        if isinstance(e.insert, str) and e.insert.strip():
            self.insert_words(p, self.spaced(e), "after")

    def insert_words(self, p: int, ins: etree._Element, bias: Bias) -> None:
        """Put ``ins`` in at print offset ``p``."""
        piece = self.piece_at(p, bias, words=bias == "before")
        q = min(max(p, piece.start), piece.end)
        self.split_in(piece, piece.raw_offset(q), ins)

    def split_in(self, piece: TextPiece, offset: int, new: etree._Element) -> None:
        """Put ``new`` into the piece's text node at ``offset``."""
        node = piece.element
        if piece.slot == "text":
            current = node.text or ""
            node.text, new.tail = current[:offset], current[offset:] or None
            node.insert(0, new)
        else:
            current = node.tail or ""
            node.tail, new.tail = current[:offset], current[offset:] or None
            node.addnext(new)

    def wrap_deleted(self, pieces: list[TextPiece], start: int, end: int, number: str) -> None:
        """Wrap the words of [start, end) in ``<del>``, piece by piece, last first, with the
        spaces beside them that go (:meth:`mark_gone`): a space that stood in another text
        is kept in the ``<del>`` as one, so that struck through the words still read apart."""
        gone = self.spacing.gone
        for n, piece in enumerate(reversed(pieces)):
            node = piece.element
            current = (node.text if piece.slot == "text" else node.tail) or ""
            a = piece.raw_offset(start)
            b = min(piece.raw_offset(end), len(current))
            first = n == len(pieces) - 1 and start - 1 in gone and piece.start <= start
            last = n == 0 and end in gone and end <= piece.end
            if first or start < piece.start:  # the space before the words goes too
                while a > 0 and current[a - 1] in _WS + _GONE:
                    a -= 1
            if last or piece.end < end:  # … or after them
                while b < len(current) and current[b] in _WS + _GONE:
                    b += 1
            if a >= b:
                continue
            deleted = mark(etree.Element(AKN + "del"), number)
            words = current[a:b]
            if first and words[0] not in _WS + _GONE:
                words = " " + words
            if last and words[-1] not in _WS + _GONE:
                words += " "
            deleted.text = words
            rest = current[b:] or None
            if piece.slot == "text":
                node.text = current[:a]
                deleted.tail = rest
                node.insert(0, deleted)
            else:
                node.tail = current[:a]
                deleted.tail = rest
                node.addnext(deleted)

    def remove(self, el: etree._Element, number: str) -> None:
        parent = el.getparent()
        if parent is None:
            return
        previous = el.getprevious()
        while previous is not None and not isinstance(previous.tag, str):
            previous = previous.getprevious()
        self.removed.append(
            (
                number,
                el,
                parent.get("eId", ""),
                previous.get("eId", "") if previous is not None else "",
            )
        )
        detach(el)
        self.tidy(parent, number)

    def tidy(self, parent: etree._Element, number: str) -> None:
        """After a removal: no empty crossheading, Part or Chapter; a provision whose list
        is gone keeps its opening words as content."""
        kind = kind_of(parent)
        left = list(child_provisions(parent))
        if kind in ("crossheading", "part", "chapter", "schedules") and not left:
            self.remove(parent, number)
            return
        intro = parent.find(AKN + "intro")
        if intro is not None and not left:
            intro.tag = AKN + "content"
            wrap = parent.find(AKN + "wrapUp")
            if wrap is not None:
                for child in list(wrap):
                    intro.append(child)
                detach(wrap)

    def insert_units(self, e: Edit) -> None:
        assert e.anchor is not None and isinstance(e.insert, tuple)
        anchor, how = e.anchor
        self.inserted_structure = True
        if how == "body":
            self.fill_body(anchor, e)
            return
        made = [self.build(b, e, anchor) for b in e.insert]
        self.put(anchor, how, made)

    def put(self, anchor: etree._Element, how: str, made: list[etree._Element]) -> None:
        if how == "after":
            for el in reversed(made):
                _add_after(anchor, el)
        elif how == "before":
            for el in made:
                anchor.addprevious(el)
        else:  # "last-in"
            for el in made:
                anchor.append(el)

    def insert_new(self, e: Edit) -> None:
        assert e.anchor is not None and isinstance(e.insert, tuple)
        self.inserted_structure = True
        block = e.insert[0]
        anchor, how = e.anchor
        clause = isinstance(e.op, NewClause)
        num = e.new_number if clause else f"Schedule {e.new_number}"
        el = self.writer.write_unit(
            block, "section" if clause else "schedule", not clause, "", 0, num=num
        )
        mark(el, e.number)
        self.put(anchor, how, [el])

    def fill_body(self, owner: etree._Element, e: Edit) -> None:
        """Write the inserted words and units as ``owner``'s body (its words as ``<ins>``, its
        units marked as inserted)."""
        assert isinstance(e.insert, tuple)
        block = _body_block(e.insert)
        assert block is not None
        kind = _unit_kind(owner)
        depth = _depth(owner) if kind == "level" else 0
        before = set(owner)
        schedule = _in_schedule(owner)
        self.writer.write_body(owner, block, kind, schedule, owner.get("eId", ""), depth)
        for child in owner:
            if child in before:
                continue
            if child.tag in _BODY_WORDS:
                for p in child.findall(AKN + "p"):
                    ins = mark(etree.Element(AKN + "ins"), e.number)
                    ins.text, p.text = p.text, None
                    ins.extend(list(p))
                    p.append(ins)
            elif kind_of(child) is not None:
                mark(child, e.number)

    # --- writing new provisions --------------------------------------------------------------

    def build(self, b: Block, e: Edit, sibling: etree._Element) -> etree._Element:
        """A new unit of the sibling's kind (``level`` para1 …), eIds after the sibling's."""
        sib_eid = sibling.get("eId", "")
        base, _, last = sib_eid.rpartition("__")
        if not sib_eid:  # eIds are optional in Akoma Ntoso: the nearest one above, then
            base = next((a.get("eId", "") for a in sibling.iterancestors() if a.get("eId")), "")
        prefix = last.split("_")[0] if last else "para"
        kind = e.new_kind
        depth = _depth(sibling) if kind.startswith("level") else 0
        el = self.writer.write_unit(
            b,
            "level" if kind.startswith("level") else kind,
            _in_schedule(sibling),
            base,
            depth,
            prefix=prefix,
        )
        return mark(el, e.number)

    # --- provenance ------------------------------------------------------------------------


# --- helpers ------------------------------------------------------------------------------


def _slot(node: etree._Element, slot: Slot) -> str:
    return (node.text if slot == "text" else node.tail) or ""


def _slots_between(before: TextPiece, after: TextPiece) -> list[tuple[etree._Element, Slot]]:
    """The texts and tails in document order between two pieces of the print, which hold
    nothing printed (whitespace, or words in elements the print skips, which are passed
    over); none when the pieces are far apart (a break between blocks)."""
    node, slot = before.element, before.slot
    found: list[tuple[etree._Element, Slot]] = []
    for _ in range(32):
        if slot == "text" and isinstance(node.tag, str) and node.tag not in SKIPPED_TAGS:
            if len(node):
                node, slot = node[0], "text"
            else:
                slot = "tail"
        elif slot == "text":
            slot = "tail"
        elif (following := node.getnext()) is not None:
            node, slot = following, "text"
        elif (parent := node.getparent()) is not None:
            node, slot = parent, "tail"
        else:
            return []
        if node is after.element and slot == after.slot:
            return found
        if slot == "tail" or (isinstance(node.tag, str) and node.tag not in SKIPPED_TAGS):
            found.append((node, slot))
    return []


def _free(base: str, taken: set[str], suffix: bool = True) -> str:
    """The first provisional number after ``base`` not taken: 12A, 12B …"""
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        candidate = f"{base}{letter}" if suffix else f"{letter}{base}"
        if candidate.lower() not in taken:
            return candidate
    return f"{base}Z1"


def _element_kind(el: etree._Element) -> str:
    """The kind of element a new sibling is made as: "level1"… or the bill kind."""
    tag = el.tag
    if tag == AKN + "level":
        return f"level{_depth(el)}"
    return etree.QName(el).localname


def wanted_kinds(num: str, chain: list[etree._Element]) -> set[str]:
    """The kinds of element an inserted unit numbered ``num`` can be."""
    kinds = unit_kinds(num.strip().lstrip("“"))
    if kinds:
        return set(kinds)
    # "( )" or no number: the kind of the innermost numbered provision at the point
    for el in chain:
        k = _element_kind(el)
        if k in ("subsection", "subparagraph", "paragraph", "section") or k.startswith("level"):
            return {k}
    return set()


_BODY_WORDS = frozenset({AKN + "intro", AKN + "content", AKN + "wrapUp"})


def _unnumbered(num: str) -> bool:
    return num.strip().lstrip("“") in ("()", "( )")


def _body_block(blocks: tuple[Block, ...]) -> Block | None:
    """Inserted structure as the one unnumbered unit it makes when it opens a provision's
    body: unnumbered words (leading in to units, or alone), or units with numbers; None when
    it is not that."""
    if not blocks or any(b.heading for b in blocks):
        return None
    first, rest = blocks[0], blocks[1:]
    if len(blocks) == 1 and not first.num:
        return first
    if all(not b.num and not b.children and not b.wrap_up for b in blocks):
        return Block(text=" ".join(b.text for b in blocks))
    if not first.num and not first.children and not first.wrap_up:
        if all(b.num for b in rest):  # "insert “In … — (a) …”": words, then units
            return Block(text=first.text, children=rest)
        return None
    if all(b.num for b in blocks):
        return Block(children=blocks)
    return None


def _unit_kind(el: etree._Element) -> str:
    """The kind :meth:`UnitWriter.write_unit` writes for an element like ``el``."""
    kind = el.get("name", "") if el.tag == AKN + "hcontainer" else etree.QName(el).localname
    return kind if kind in UNIT_ELEMENTS else "level"


def _depth(el: etree._Element) -> int:
    cls = el.get("class", "")
    return int(cls[4:]) if cls.startswith("para") and cls[4:].isdigit() else 1


def _ancestors(node: etree._Element | None, stop: etree._Element | None) -> list[etree._Element]:
    out = []
    while node is not None and node is not stop:
        if isinstance(node.tag, str):
            out.append(node)
        node = node.getparent()
    return out


def _in_schedule(el: etree._Element) -> bool:
    """Is ``el`` a Schedule, or in one?"""
    return any(
        a.tag == AKN + "hcontainer" and a.get("name") == "schedule"
        for a in (el, *el.iterancestors())
    )


def _inside(el: etree._Element, container: etree._Element) -> bool:
    node: etree._Element | None = el
    while node is not None:
        if node is container:
            return True
        node = node.getparent()
    return False


def _owner(piece: TextPiece) -> etree._Element:
    if piece.slot == "text":
        return piece.element
    parent = piece.element.getparent()
    return parent if parent is not None else piece.element


def _is_label(piece: TextPiece) -> bool:
    """A provision's number or heading (words put in or left out never touch them)."""
    return _owner(piece).tag in (AKN + "num", AKN + "heading")


def _add_after(anchor: etree._Element, el: etree._Element) -> None:
    """Put ``el`` right after ``anchor``, leaving ``anchor``'s tail with it."""
    tail = anchor.tail
    anchor.addnext(el)
    anchor.tail = tail
    el.tail = tail


def _printed_insert(insert: Inserted | None) -> str:
    if insert is None:
        return ""
    if isinstance(insert, str):
        return insert
    return " ".join(_printed_block(b) for b in insert)


def _printed_block(b: Block) -> str:
    parts = [b.num, b.heading, b.text, *(_printed_block(c) for c in b.children), b.wrap_up]
    return " ".join(p for p in parts if p)
