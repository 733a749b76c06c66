"""Applying amendments: each one resolved, planned and ruled on, then every accepted edit
made on a copy of the bill, from the end backwards."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from typing import Any

from drafter.core.amendment import (
    Amendment,
    Block,
    Inserted,
    LeaveOutClause,
    LeaveOutLines,
    LeaveOutRange,
    LeaveOutSchedule,
    NewClause,
    NewSchedule,
    Operation,
    StandPart,
    Status,
)
from drafter.core.apply.index import PrintIndex, inside
from drafter.core.apply.patcher import Patcher
from drafter.core.apply.plan import Edit
from drafter.core.apply.planner import Planner
from drafter.core.apply.procedure import Procedure
from drafter.core.apply.provenance import made_in_this_print, made_key, record_provenance
from drafter.core.apply.report import ApplyError, Change, Outcome, Report, Verdict
from drafter.core.apply.writer import BODY_WORDS, UnitWriter
from drafter.core.bill import Bill
from drafter.core.collector import no_cycle_collection
from drafter.core.etree import etree
from drafter.core.long_title import (
    LONG_TITLE_EID,
    TitleEdit,
    TitleError,
    title_edits,
    title_text,
    write_title,
)
from drafter.core.paper import NotOnPaper, select
from drafter.core.print.markers import lay_out_markers
from drafter.core.provisions import child_provisions, kind_of
from drafter.core.resolve import AmendmentError, resolve

#: Statuses that are applied.
APPLIED_STATUSES = frozenset({Status.TABLED, Status.AGREED})


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
    # a big bill's copy, print and pieces are hundreds of thousands of objects, none of
    # them garbage: the cycle collector would only walk them again and again
    with no_cycle_collection():
        try:
            selected = select(amendments, only)
        except NotOnPaper as err:
            raise ApplyError(str(err)) from None
        return _apply(bill, selected, lay_out)


def _apply(bill: Bill, selected: list[Amendment], lay_out: bool | None) -> tuple[Bill, Report]:
    work = bill.edited_copy()
    work.require_body()
    tree = work.tree
    if selected:  # the print and its way back to the XML in one pass, before ruling asks
        work.print_to_edit()
    applier = _Applier(work, _seed(selected))
    outcomes = [applier.rule(seq, a) for seq, a in enumerate(selected)]
    outcomes = applier.settle(outcomes)
    patcher = Patcher(applier.index, applier.writer, applier.edits)
    patcher.edit()
    write_title(tree.getroot(), [e for e, _ in applier.title])
    record_provenance(work, selected, outcomes, patcher.removed, patcher.marked)
    inserted = patcher.inserted_structure
    relaid = inserted if lay_out is None else lay_out
    if relaid:
        lay_out_markers(tree, earlier=bill.print)  # the House's lines where it can
    new_bill = Bill(tree, bill.path)
    label = bill.metadata.bill_number or bill.path
    return new_bill, Report(label, tuple(outcomes), laid_out=relaid)


def _seed(amendments: Sequence[Amendment]) -> str:
    """The amendments applied, as a seed for the GUIDs of what they put in: the same paper
    gives the same GUIDs, another paper others."""
    made = repr([(a.number, a.target, a.operations) for a in amendments])
    # units that are not tables are seeded as they were before a unit could be one, so that
    # a paper applied again gives the GUIDs it gave before
    made = made.replace(", table=None)", ")")
    return hashlib.sha256(made.encode()).hexdigest()


class _Applier:
    """Plans each amendment's edits (:class:`Planner`), rules on them as the House would
    (:class:`Procedure`, :meth:`settle`), reports what each one changes, and has the
    accepted ones made (:class:`Patcher`)."""

    def __init__(self, bill: Bill, seed: str) -> None:
        self.bill = bill
        self.index = PrintIndex(bill)
        #: writes the provisions that amendments put in
        self.writer = UnitWriter(bill, seed)
        self.planner = Planner(self.index, self.writer)
        #: the House's rulings on the edits accepted so far
        self.procedure = Procedure(self.index)
        #: the edits accepted so far, in the order they were ruled on
        self.edits: list[Edit] = []
        #: edits to the long title accepted so far, with the amendment's number
        self.title: list[tuple[TitleEdit, str]] = []
        self.label = bill.metadata.bill_number or bill.path
        #: the amendments already applied to this print (a bill as amended, applied again)
        self.made = made_in_this_print(bill)

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
        if made_key(a) in self.made:
            return outcome(
                "already made",
                f"the bill records this amendment as applied to {self.label} already: made "
                "again, its words would be in twice",
            )
        if a.target.title:
            return self.rule_title(a, outcome)
        try:
            resolutions = resolve(self.bill, a)
            edits = [self.planner.plan(seq, a, r) for r in resolutions]
        except AmendmentError as err:  # the report names the amendment: the reason alone
            return outcome("does not fit", err.reason)
        notes: list[str] = []
        for e in edits:
            ruling = self.procedure.clash(e, notes)
            if ruling is not None:
                return outcome(ruling[0], ruling[1])
            notes.extend(self.passed_over(e))
        changes = [self.change(e) for e in edits]
        for e in edits:
            self.procedure.accept(e)
        self.edits.extend(edits)
        return outcome("applied", "", True, changes=tuple(changes), notes=tuple(notes))

    def passed_over(self, e: Edit) -> list[str]:
        """A unit put in at a place inside a provision of its kind goes in after all of that
        provision: say so when words of it stood after the place cited ("at end of line 3"
        in paragraph (c) of subsection (4), for a new subsection: it follows (4)(d)), which
        is where the amendment's number or place is likely wrong."""
        numbered = isinstance(e.insert, tuple) and bool(e.insert) and bool(e.insert[0].num)
        if e.anchor is None or e.anchor[1] != "after" or e.delete or not numbered:
            return []
        anchor = e.anchor[0]
        span = self.index.span(anchor)
        if span is None or not self.index.pr.text[e.start : span[1]].strip():
            return []
        skipped = " ".join(self.index.pr.text[e.start : span[1]].split())
        shown = skipped if len(skipped) <= 60 else skipped[:57].rstrip() + "…"
        return [
            f"the place cited ({self.index.where(e.start)}) is inside "
            f"{self.bill.citation_of(anchor)}: what it inserts goes in after all of it, after "
            f"“{shown}”; check the amendment's place and number"
        ]

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
            left = [k for k in child_provisions(owner) if not any(inside(k, g) for g in gone)]
            words = [c for c in owner if c.tag in BODY_WORDS]
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
                    f"{self.index.where(e.start)}: {what} would still stand after it (the text "
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

    def change(self, e: Edit) -> Change:
        text = self.index.pr.text
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
        piece = self.index.piece_at(offset + 1, "after") if self.index.pieces else None
        return self.bill.citation_of(piece.element) if piece is not None else ""

    def eid_at(self, offset: int) -> str:
        piece = self.index.piece_at(offset + 1, "after") if self.index.pieces else None
        if piece is None:
            return ""
        node: etree._Element | None = piece.element
        while node is not None and (not isinstance(node.tag, str) or kind_of(node) is None):
            node = node.getparent()
        return node.get("eId", "") if node is not None else ""


def _printed_insert(insert: Inserted | None) -> str:
    if insert is None:
        return ""
    if isinstance(insert, str):
        return insert
    return " ".join(_printed_block(b) for b in insert)


def _printed_block(b: Block) -> str:
    cells = b.table.cells if b.table is not None else []
    parts = [b.num, b.heading, b.text, *cells, *(_printed_block(c) for c in b.children)]
    parts.append(b.wrap_up)
    return " ".join(p for p in parts if p)
