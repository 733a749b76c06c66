"""Ruling on each amendment as the House would, against those accepted before it."""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort

from drafter.core.amendment import (
    LeaveOutClause,
    LeaveOutSchedule,
    NewClause,
    NewSchedule,
)
from drafter.core.apply.index import PrintIndex
from drafter.core.apply.plan import Edit
from drafter.core.apply.report import Verdict


class Procedure:
    """The House's rulings, on print offsets only (DESIGN.md, "Procedure"): an edit is
    pre-empted by an earlier one that leaves out its words, conflicts with one whose words it
    overlaps in part (but a whole clause or Schedule left out takes the changes made in it
    with it), and follows earlier insertions at its point in marshalled order."""

    def __init__(self, index: PrintIndex) -> None:
        self.index = index
        #: accepted ranges left out, sorted by start: (start, end, number)
        self.ranges: list[tuple[int, int, str]] = []
        #: where accepted amendments put words in (offsets, sorted), and which amendments
        self.points: dict[int, list[str]] = {}
        self.point_offsets: list[int] = []
        #: where provisions left out whole begin and end: words put in there would go in
        #: with them
        self.provision_starts: dict[int, str] = {}
        self.provision_ends: dict[int, str] = {}

    def clash(self, e: Edit, notes: list[str]) -> tuple[Verdict, str] | None:
        """The ruling when ``e`` cannot be applied after the amendments already accepted."""
        starts = [r[0] for r in self.ranges]
        if e.point:
            if isinstance(e.op, NewClause | NewSchedule):
                return None  # a new provision goes between provisions
            i = bisect_left(starts, e.start) - 1
            if i >= 0:
                s, t, number = self.ranges[i]
                if s < e.start < t:
                    return "pre-empted", (
                        f"pre-empted by amendment {number}, which leaves out the words where "
                        "this one would insert"
                    )
            if isinstance(e.insert, str) and e.start in self.provision_ends:
                return "pre-empted", (
                    f"pre-empted by amendment {self.provision_ends[e.start]}, which leaves out "
                    "the provision these words would end"
                )
            begun = self.provision_starts.get(e.start) if e.bias == "before" else None
            if isinstance(e.insert, str) and begun is not None:
                return "pre-empted", (
                    f"pre-empted by amendment {begun}, which leaves out the provision these "
                    "words would begin"
                )
            earlier = self.points.get(e.start)
            if earlier:
                notes.append(
                    f"inserted at the same point as amendment {', '.join(earlier)}; "
                    "it follows (marshalled order)"
                )
            return None
        i = bisect_left(starts, e.end)
        whole = _whole(e)
        # accepted ranges do not overlap: only the last two before its end can overlap an
        # edit, but a whole clause may hold many, and one across its edge before them
        for s, t, number in reversed(self.ranges[:i] if whole else self.ranges[max(0, i - 2) : i]):
            if whole and t <= e.start:
                break
            if s < e.end and e.start < t:
                if s <= e.start and e.end <= t:
                    return "pre-empted", (
                        f"pre-empted by amendment {number}, which leaves out those words"
                    )
                if whole and e.start <= s and t <= e.end:
                    continue  # changed words of the clause, which goes as amended
                return "conflict", (
                    f"conflicts with amendment {number}: both change the words at "
                    f"{self.index.where(max(s, e.start))}"
                )
        if whole:
            return None
        i = bisect_right(self.point_offsets, e.start)
        if i < len(self.point_offsets) and self.point_offsets[i] < e.end:
            first = self.points[self.point_offsets[i]][0]
            return "conflict", (
                f"conflicts with amendment {first}, which inserts words in the middle of those "
                "this one leaves out"
            )
        return None

    def accept(self, e: Edit) -> None:
        if e.point:
            if not isinstance(e.op, NewClause | NewSchedule):
                if e.start not in self.points:
                    insort(self.point_offsets, e.start)
                self.points.setdefault(e.start, []).append(e.number)
            return
        if _whole(e):  # what amendments before it changed inside the clause goes with it
            self.ranges = [r for r in self.ranges if not e.start <= r[0] < r[1] <= e.end]
        starts = [r[0] for r in self.ranges]
        self.ranges.insert(bisect_left(starts, e.start), (e.start, e.end, e.number))
        for el in e.removed:
            span = self.index.span(el)
            if span is not None:
                self.provision_starts.setdefault(span[0], e.number)
                self.provision_ends.setdefault(span[1], e.number)


def _whole(e: Edit) -> bool:
    """Does ``e`` leave out a whole clause or Schedule? That question is put after the
    amendments to it (the Question that the clause stand part): words they changed in it go
    with it, and are no conflict."""
    return isinstance(e.op, LeaveOutClause | LeaveOutSchedule)
