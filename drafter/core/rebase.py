"""A paper carried onto a new print of its bill: every amendment cited against the new print,
or said to need redrafting, with the reason and the evidence (``drafter rebase``).

Each amendment is resolved against the old print, and what it touches is followed into the new
print as a comparison follows it: the provisions matched as :mod:`drafter.core.compare` matches
them (GUID, number, heading, words), then the words by a word diff of the clause or Schedule
holding them. The amendment is cited again only where every word it quotes or stands beside is
unchanged in the new print, and the new wording is checked by resolving it against the new print
at exactly that place. Otherwise drafter says why and what the words became; it never guesses.

Verdicts:

- ``unchanged``: the same page and line (and clause);
- ``re-cited``: a new page, line, clause or provision number, the same words;
- ``needs-redrafting``: the words changed, moved to where they cannot be cited the same way, or
  now stand more than once on the line;
- ``provision-gone``: the provision (or clause) it amends is not in the new print;
- ``already-made``: the new print already reads as the amendment would make it.
"""

from __future__ import annotations

import contextlib
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property

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
)
from drafter.core.bill import Bill
from drafter.core.collector import no_cycle_collection
from drafter.core.compare.matching import match_provisions
from drafter.core.compare.sides import Side
from drafter.core.compare.words import diff_words
from drafter.core.errors import UserError
from drafter.core.long_title import (
    TitleError,
    edit_in_context,
    title_edits,
    title_line_count,
    title_text,
)
from drafter.core.marshalling import marshalled_order
from drafter.core.paper import Entry, Paper, entry_from_amendment
from drafter.core.print.lines import Line
from drafter.core.resolve import cite_words, citing, fold, ordinal, resolve, unplaced_offset
from drafter.core.wording import render
from drafter.core.wording.render import block_words

UNCHANGED = "unchanged"
RE_CITED = "re-cited"
NEEDS_REDRAFTING = "needs-redrafting"
PROVISION_GONE = "provision-gone"
ALREADY_MADE = "already-made"
VERDICTS = (UNCHANGED, RE_CITED, NEEDS_REDRAFTING, PROVISION_GONE, ALREADY_MADE)

#: what each verdict is called: for one amendment, and in the count of several
SAID = {
    UNCHANGED: ("unchanged", "unchanged"),
    RE_CITED: ("re-cited", "re-cited"),
    NEEDS_REDRAFTING: ("needs redrafting", "need redrafting"),
    PROVISION_GONE: ("provision gone", "provision gone"),
    ALREADY_MADE: ("already made", "already made"),
}


def verdict_counts(verdicts: Iterable[str]) -> str:
    """How many got each verdict, as a report says it: "3 unchanged, 4 re-cited, 1 needs
    redrafting" ("" for none)."""
    counts = Counter(verdicts)
    return ", ".join(f"{n} {SAID[v][n > 1]}" for v in VERDICTS if (n := counts[v]))


#: a word, or a mark of punctuation on its own ("safe," is two: a comma put in after "safe"
#: leaves the word as it was)
_WORD = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class Carried:
    """What became of one amendment: its verdict, its wording before and after (the same when
    it could not be carried), and the reason and evidence for any verdict but the first two."""

    number: str
    verdict: str
    old: str
    new: str
    reason: str = ""
    #: the page and line of the new print the reason points to (where the words went)
    place: tuple[int, int] | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "number": self.number,
            "verdict": self.verdict,
            "old": self.old,
            "new": self.new,
            "reason": self.reason,
            "place": list(self.place) if self.place else None,
        }


class _NotCarried(Exception):
    def __init__(self, verdict: str, reason: str) -> None:
        super().__init__(reason)
        self.verdict = verdict
        self.reason = reason


def rebase(paper: Paper, old: Bill, new: Bill) -> tuple[Paper, list[Carried]]:
    """``paper`` (citing ``old``) cited against ``new``, in marshalled order for ``new``, and
    what became of each amendment, in the paper's order. Amendments that cannot be carried
    keep their old wording (a drafter redrafts them); amendments to an amendment follow it."""
    with no_cycle_collection():
        carrier = _Carrier(old, new)
        entries: list[Entry] = []
        report: list[Carried] = []
        by_number: dict[str, Carried] = {}
        for entry in paper.entries:
            a = entry.amendment
            parent = by_number.get(a.target.amendment or "")
            if a.target.amendment is not None:
                verdict = parent.verdict if parent is not None else UNCHANGED
                reason = f"it amends amendment {a.target.amendment}, and follows it"
                carried = Carried(a.number, verdict, entry.wording, entry.wording, reason)
                moved = entry
            else:
                carried, moved = carrier.carry(entry)
            by_number[a.number] = carried
            report.append(carried)
            entries.append(moved)
        ordered = [entries[i] for i in marshalled_order(new, [e.amendment for e in entries])]
    m = new.metadata
    was = old.metadata.bill_number
    notes = paper.info.notes
    if was and m.bill_number:  # "[The page and line references are to HL Bill 101, the …]"
        now = f"{m.bill_number}, the bill {m.stage[:1].lower()}{m.stage[1:]}" if m.stage else ""
        said = rf"\b{re.escape(was)}\b(,[^\].]*)?"
        notes = tuple(re.sub(said, now or m.bill_number, n) for n in notes)
    info = replace(
        paper.info,
        bill_number=m.bill_number,  # the print it cites now ("" for a reprint not yet named)
        version=m.stage or paper.info.version,
        notes=notes,
    )
    return replace(paper, info=info, entries=tuple(ordered)), report


class _Carrier:
    """The two prints, matched once, and the word diffs of their clauses made as needed."""

    def __init__(self, old: Bill, new: Bill) -> None:
        self.old, self.new = old, new
        self.a, self.b = Side(old), Side(new)
        self.m = match_provisions(self.a, self.b)[0]
        #: the place in the new print the last reason pointed to
        self.place: tuple[int, int] | None = None
        self.diffs: dict[tuple[int, int], _WordMap] = {}

    def carry(self, entry: Entry) -> tuple[Carried, Entry]:
        a = entry.amendment
        self.place = None
        try:
            moved = self.moved(a)
        except _NotCarried as no:
            said = Carried(
                a.number, no.verdict, entry.wording, entry.wording, no.reason, self.place
            )
            # kept as it was, saying which print its page and line are of: nothing takes it
            # as cited against the new one
            cites = a.cites or self.old.metadata.bill_number or "the print before"
            return said, replace(entry, amendment=replace(a, cites=cites))
        if moved.target == a.target and moved.operations == a.operations:
            return Carried(a.number, UNCHANGED, entry.wording, entry.wording), entry
        new_entry = _entry_like(entry, moved)
        return Carried(a.number, RE_CITED, entry.wording, new_entry.wording), new_entry

    def moved(self, a: Amendment) -> Amendment:
        """``a`` cited against the new print, checked there; _NotCarried saying why not."""
        if a.target.title:
            return self.title(a)
        try:
            resolved = resolve(self.old, a)
        except UserError as err:
            raise _NotCarried(
                NEEDS_REDRAFTING, f"it does not fit the old print either: {err}"
            ) from None
        ops: list[Operation] = []
        spans: list[tuple[int, int]] = []
        target = a.target
        for k, r in enumerate(resolved):
            op, span, cited = self.operation(r.operation, r.start, r.end, a)
            ops.append(op)
            spans.append(span)
            if k == 0 and cited is not None:
                target = cited
        moved = replace(a, operations=tuple(ops), target=target)
        self.check(moved, spans)
        return moved

    def title(self, a: Amendment) -> Amendment:
        """An amendment to the long title, which is not in the print's text: it has lines of
        its own, set from its words. It is made if the new print's title reads, around each
        of its changes, as it would make it (other amendments may have changed the title
        too); else it carries as it is if it fits the new title, or cites the one other line
        its words are on."""
        try:
            edits = title_edits(self.old.root, a)
        except TitleError as err:
            raise _NotCarried(
                NEEDS_REDRAFTING, f"it does not fit the old print's long title: {err}"
            ) from None
        old, new = title_text(self.old.root), title_text(self.new.root)
        made = [edit_in_context(old, e) for e in edits]
        if all(m in new for m in made) and not all(m in old for m in made):
            raise _NotCarried(ALREADY_MADE, f"the new print's long title already reads “{made[0]}”")
        try:
            title_edits(self.new.root, a)
            return a
        except TitleError as err:
            why = f"in the new print's long title, {err}"
        lines = range(1, title_line_count(self.new.root) + 1)
        fits = []
        for line in lines:
            cited = replace(a, target=replace(a.target, line=line))
            with contextlib.suppress(TitleError):
                title_edits(self.new.root, cited)
                fits.append(cited)
        if len(fits) == 1:
            return fits[0]
        raise _NotCarried(NEEDS_REDRAFTING, why)

    def check(self, moved: Amendment, spans: list[tuple[int, int]]) -> None:
        """The new wording must bite in the new print exactly where the old one's words went."""
        try:
            got = [(r.start, r.end) for r in resolve(self.new, moved)]
        except UserError as err:
            raise _NotCarried(NEEDS_REDRAFTING, f"cited again it does not fit: {err}") from None
        if got != spans:
            where = self.where(spans[0][0]) if spans else "the new print"
            raise _NotCarried(
                NEEDS_REDRAFTING,
                f"cited again it would bite elsewhere than its words went ({where})",
            )

    # --- one operation ---------------------------------------------------------------------

    def operation(
        self, op: Operation, start: int, end: int, a: Amendment
    ) -> tuple[Operation, tuple[int, int], Target | None]:
        """``op`` as it reads against the new print, the span it must bite on there, and the
        target citing that place (None for operations that carry their own place)."""
        if isinstance(op, (NewClause, NewSchedule)):
            return self.new_unit(op, start)
        if isinstance(op, (LeaveOutClause, LeaveOutSchedule, StandPart)):
            return self.whole_unit(op, start, end, a)
        if isinstance(op, LeaveOutProvisions):
            return self.provisions(op, start, end, a)
        quoted = _quoted(op, start, end)
        ns, ne = self.follow(quoted, (start, end), op)
        shift = ns - quoted[0]
        span = (start + shift, end + shift)
        line = self.new.print.line_at(span[0] if span[0] < len(self.new.print.text) else ns)
        target = self.target_at(line, span[0], a)
        if isinstance(op, LeaveOutLines):
            return self.lines(op, span, target), span, target
        if isinstance(op, LeaveOutRange):
            moved_range, cited = self.range(op, span, a)
            return moved_range, span, cited
        if span[0] == span[1] and (made := self.inserted_already(op, span[0])):
            raise _NotCarried(ALREADY_MADE, made)
        if isinstance(op, (LeaveOut, Substitute, InsertBefore, InsertAfter)):
            return self.words(op, target, (ns, ne)), span, target
        if isinstance(op, (InsertAtBeginning, InsertAtEnd)):
            return op, span, target
        raise _NotCarried(NEEDS_REDRAFTING, f"drafter cannot yet carry “{render(a)}”")

    def follow(
        self, quoted: tuple[int, int], changed: tuple[int, int], op: Operation
    ) -> tuple[int, int]:
        """Where the old print's ``quoted`` words (those an amendment quotes or stands beside)
        stand in the new print: the same words, found through the matched provision and a
        word diff of its clause or Schedule. ``changed`` is what ``op`` changes there (a point
        for an insertion), for the evidence that the new print already has the change."""
        start, end = quoted
        # a point (at the end of a line) belongs with the words before it
        i = self.provision_at(start if end > start else max(start - 1, 0))
        if i < 0:
            raise _NotCarried(NEEDS_REDRAFTING, "its place is in no provision of the old print")
        top = self.a.top(i)
        j = self.m.get(top, -1) if top >= 0 else -1
        citation = self.a.citations[i] if i >= 0 else "its provision"
        if j < 0:
            raise _NotCarried(
                PROVISION_GONE,
                f"{self.a.citations[top] if top >= 0 else citation} of the old print is not in "
                "the new print",
            )
        # words not quoted (lines, and between a range's ends) may be renumbered by a reprint
        unquoted = isinstance(op, (LeaveOutLines, LeaveOutRange))
        mapped = self.diff(top, j).map(start, end, renumbered_too=unquoted)
        if isinstance(mapped, tuple):
            return mapped  # the words stand as they were, whatever became of their provision
        made = self.made(op, changed[0], changed[1], top, j)
        if made:
            raise _NotCarried(ALREADY_MADE, made)
        if self.m.get(i, -1) < 0:
            raise _NotCarried(
                PROVISION_GONE, f"{citation} of the old print is not in the new print"
            )
        near = self.diff(top, j).near(start)
        where = self.where(near)
        if end <= start:
            around = self.new.print.text[max(near - 50, 0) : near + 50].split()[1:-1]
            raise _NotCarried(
                NEEDS_REDRAFTING,
                f"the words either side of its place in {citation} are not as they were: the "
                f"new print reads “{' '.join(around)}” there ({where})",
            )
        old_words = " ".join(self.old.print.text[start:end].split())
        line = self.new.print.line_at(min(near, max(len(self.new.print.text) - 1, 0)))
        times = _plain(line.text).count(_plain(old_words)) if old_words else 0
        if times > 1:
            raise _NotCarried(
                NEEDS_REDRAFTING,
                f"“{old_words}” now stands {times} times on {where}, and the words around it "
                f"changed: say which one",
            )
        nearby = _plain(self.new.print.text[max(near - 120, 0) : near + 120 + len(old_words)])
        if old_words and _plain(old_words) in nearby:
            there = " ".join(self.new.print.text[max(near - 40, 0) : near + 80].split()[1:-1])
            raise _NotCarried(
                NEEDS_REDRAFTING,
                f"the words beside “{old_words}” in {citation} changed: the new print reads "
                f"“{there}” there ({where}); cite it again by hand",
            )
        became = " ".join(mapped.split()[:12]) + (" …" if len(mapped.split()) > 12 else "")
        now = f"there it reads “{became}”" if mapped else "nothing stands in their place"
        raise _NotCarried(
            NEEDS_REDRAFTING,
            f"the words “{old_words}” of {citation} are no longer in the new print: {now} "
            f"({where})",
        )

    def made(self, op: Operation, start: int, end: int, top: int, j: int) -> str:
        """The evidence that the new print already reads as ``op`` would make it ("" if not):
        the old words either side of the place (three words each, with the marks between),
        with the change made between them, stand in the new clause or Schedule."""
        inserted = _inserted_words(op)
        if inserted is None:
            return ""
        text = self.old.print.text
        # the words either side, within the provision the change is in (the next one may
        # have changed, or be new)
        i = self.provision_at(start if end > start else max(start - 1, 0))
        while i >= 0 and (inner := self.a.span[i]) and start <= inner[0] and inner[1] <= end:
            i = self.a.parent[i]  # a provision left out whole: the words about it
        lo, hi = (self.a.span[i] if i >= 0 else None) or self.a.span[top] or (0, len(text))
        before = text[_words_back(text, lo, start, _EVIDENCE) : start]
        after = text[end : _words_on(text, end, hi, _EVIDENCE)]
        said = before, inserted, after  # as the old print has them, to show
        span = self.b.span[j]
        new_text = self.new.print.text[span[0] : span[1]] if span else ""
        if isinstance(op, (LeaveOutProvisions, LeaveOutLines)) or isinstance(
            getattr(op, "insert", None), tuple
        ):  # units left out or put in: a reprint renumbers those about them
            before, inserted, after = (_NUMBER.sub(" ", t) for t in (before, inserted, after))
            new_text = _NUMBER.sub(" ", new_text)
        plain_new = _plain(new_text)
        lead, put, tail = _plain(before), _plain(inserted), _plain(after)
        # words put in stand apart from those either side, or (in place of words left out
        # that stood close up to them: "194A(2)" → "194B(2)") as those did
        for space in (" ", "") if end > start else (" ",):
            made = _plain(f"{before}{space}{inserted}{space}{after}")
            if len(made.split()) < _EVIDENCE:  # too few words to show anything
                return ""
            # the words either side may hold numbers a reprint renumbered; what is put in, not
            pattern = re.escape(made)
            if put and made.startswith(lead) and made.endswith(tail) and lead and tail:
                middle = made[len(lead) : len(made) - len(tail)]
                pattern = _any_number(lead) + re.escape(middle) + _any_number(tail)
            if re.search(pattern, plain_new):
                shown = _plain(space.join(said)).split()[-12:]
                return f"the new print already reads “{' '.join(shown)}”"
        return ""

    def inserted_already(self, op: Operation, at: int) -> str:
        """The evidence that what ``op`` inserts at the new print's offset ``at`` is already
        there ("" if not). Units are compared by their words: a reprint renumbers them."""
        inserted = _inserted_words(op)
        if not inserted:
            return ""
        following = self.new.print.text[at : at + 2 * len(inserted) + 40]
        if isinstance(getattr(op, "insert", None), tuple):
            following, inserted = _NUMBER.sub(" ", following), _NUMBER.sub(" ", inserted)
        if _plain(following).startswith(_plain(inserted)):
            return f"the new print already has “{' '.join(inserted.split()[:12])}” there"
        return ""

    def words(
        self,
        op: LeaveOut | Substitute | InsertBefore | InsertAfter,
        target: Target,
        new: tuple[int, int],
    ) -> Operation:
        """A words operation with the occurrence its words have on the new line."""
        words = op.anchor if isinstance(op, (InsertBefore, InsertAfter)) else op.words
        cited = cite_words(self.new, target, new[0], new[1])
        if cited is None:
            raise _NotCarried(NEEDS_REDRAFTING, f"the words “{words.text}” do not fit there")
        if cited.occurrence != words.occurrence and (cited.occurrence or 0) > 0:
            raise _NotCarried(
                NEEDS_REDRAFTING,
                f"“{words.text}” now stands more than once on {self.where(new[0])}: "
                f"the one it meant is the {ordinal(cited.occurrence or 1)} “{words.text}”",
            )
        words = replace(words, occurrence=cited.occurrence)
        if isinstance(op, (InsertBefore, InsertAfter)):
            return replace(op, anchor=words)
        return replace(op, words=words)

    def lines(self, op: LeaveOutLines, span: tuple[int, int], target: Target) -> LeaveOutLines:
        pr = self.new.print
        first, last = pr.line_at(span[0]), pr.line_at(max(span[0], span[1] - 1))
        if first.page != last.page:
            raise _NotCarried(NEEDS_REDRAFTING, "the lines left out now run over a page")
        return replace(op, first=first.number, last=last.number)

    def range(
        self, op: LeaveOutRange, span: tuple[int, int], a: Amendment
    ) -> tuple[LeaveOutRange, Target]:
        """ "leave out from “x” to “y” in line N": the lines its ends stand on in the new print.
        An end word may begin the line after the words left out end (or the start word end
        the line before they begin), so the lines either side are tried, and the one that
        bites on exactly these words is kept."""
        pr = self.new.print
        text_end = max(len(pr.text) - 1, 0)

        def lines_near(offset: int) -> list[Line]:
            found: list[Line] = []
            for at in (offset, offset - 1, offset + 1, offset - 2):
                line = pr.line_at(min(max(at, 0), text_end))
                if line not in found:
                    found.append(line)
            return found

        first: tuple[LeaveOutRange, Target] | None = None
        for start_line in lines_near(span[0]):
            for end_line in lines_near(span[1]):
                changes: dict[str, object] = {}
                if op.start_line is not None:
                    changes["start_line"] = start_line.number
                if op.end_line is not None or op.end_page is not None:
                    same = (end_line.page, end_line.number) == (start_line.page, start_line.number)
                    changes["end_line"] = None if same else end_line.number
                    changes["end_page"] = (
                        end_line.page if end_line.page != start_line.page else None
                    )
                moved = replace(op, **changes)  # type: ignore[arg-type]
                target = self.target_at(start_line, span[0], a)
                if op.start_line is not None:
                    target = replace(target, line=None)
                first = first or (moved, target)
                try:
                    got = resolve(self.new, replace(a, operations=(moved,), target=target))
                except UserError:
                    continue
                if [(r.start, r.end) for r in got] == [span]:
                    return moved, target
        assert first is not None
        return first

    def provisions(
        self, op: LeaveOutProvisions, start: int, end: int, a: Amendment
    ) -> tuple[Operation, tuple[int, int], Target | None]:
        """ "leave out subsection (5)": the same provisions under their new numbers."""
        olds = [self.provision_starting(start, op.kind, n) for n in op.numbers]
        news = [self.m.get(i, -1) for i in olds]
        gone = [
            self.a.citations[i] if i >= 0 else f"{op.kind} ({n})"
            for i, n, j in zip(olds, op.numbers, news, strict=True)
            if j < 0
        ]
        said = f"{', '.join(gone)} of the old print {'is' if len(gone) == 1 else 'are'} not in "
        if gone and op.insert is None and len(gone) == len(news):
            top = self.a.top(olds[0])
            made = self.made(op, start, end, top, self.m.get(top, -1)) if top >= 0 else ""
            if made and self.m.get(top, -1) >= 0:
                raise _NotCarried(ALREADY_MADE, f"{said}the new print: {made}")
        if gone:
            raise _NotCarried(PROVISION_GONE, f"{said}the new print")
        numbers = tuple(self.b.number_of(j) for j in news)
        spans = [self.b.span[j] for j in news]
        if any(s is None for s in spans):
            raise _NotCarried(NEEDS_REDRAFTING, "its provisions print nothing in the new print")
        begin = (spans[0] or (0, 0))[0]
        finish = (spans[-1] or (0, 0))[1]
        if isinstance(op.insert, tuple):  # already put in their place, as a reprint numbers
            now = _NUMBER.sub(" ", self.new.print.text[begin:finish])
            wanted = _NUMBER.sub(" ", " ".join(block_words(b) for b in op.insert))
            if _plain(now) == _plain(wanted):
                raise _NotCarried(
                    ALREADY_MADE,
                    f"the new print's {op.kind} ({numbers[0]}) already reads as it would put "
                    f"in: “{' '.join(wanted.split()[:12])} …”",
                )
        line = self.new.print.line_at(begin)
        moved = replace(op, numbers=numbers)
        return moved, (begin, finish), self.target_at(line, begin, a)

    def whole_unit(
        self, op: Operation, start: int, end: int, a: Amendment
    ) -> tuple[Operation, tuple[int, int], Target | None]:
        """A clause or Schedule left out (or opposed): the same one, renumbered."""
        i = self.provision_at(start)
        top = self.a.top(i) if i >= 0 else -1
        j = self.m.get(top, -1) if top >= 0 else -1
        if j < 0:
            said = self.a.citations[top] if top >= 0 else "its clause or Schedule"
            gone = f"{said} of the old print is not in the new print"
            # opposing a clause that is gone opposes nothing; leaving it out is done
            raise _NotCarried(PROVISION_GONE if isinstance(op, StandPart) else ALREADY_MADE, gone)
        number = self.b.number_of(j)
        span = self.b.span[j] or (0, 0)
        if isinstance(op, (LeaveOutClause, LeaveOutSchedule)):
            moved: Operation = replace(op, number=number)
        else:
            assert isinstance(op, StandPart)
            moved = replace(
                op,
                clause=number if op.clause is not None else None,
                schedule=number if op.schedule is not None else None,
            )
        has_place = a.target.page is not None and a.target.line is not None
        target = self.target_at(self.new.print.line_at(span[0]), span[0], a) if has_place else None
        return moved, (span[0], span[1]) if end > start else (span[0], span[0]), target

    def new_unit(
        self, op: NewClause | NewSchedule, start: int
    ) -> tuple[Operation, tuple[int, int], Target | None]:
        """A new clause or Schedule: already in the new print, or put after the same anchor,
        renumbered."""
        kind = "clause" if isinstance(op, NewClause) else "schedule"
        unit = op.clause if isinstance(op, NewClause) else op.schedule
        for j in range(len(self.b)):
            if self.b.kind[j] == kind and unit.heading and self.b.heading[j] == unit.heading:
                raise _NotCarried(
                    ALREADY_MADE,
                    f"the new print has {self.b.citations[j]}, “{unit.heading}”",
                )
        anchor = op.after or op.before
        if anchor is None:
            return op, self.new_place(kind), None
        label = "Clause" if kind == "clause" else "Schedule"
        try:
            element = self.old.find(f"{label} {anchor}".strip()).element
        except UserError:
            raise _NotCarried(
                NEEDS_REDRAFTING, f"{label} {anchor} is not in the old print"
            ) from None
        i = self.a.index.get(element, -1)
        j = self.m.get(i, -1)
        if j < 0:
            raise _NotCarried(
                PROVISION_GONE, f"{label} {anchor}, which it follows, is not in the new print"
            )
        number = self.b.number_of(j)
        span = self.b.span[j] or (0, 0)
        if op.after is not None:
            return replace(op, after=number), (span[1], span[1]), None
        return replace(op, before=number), (span[0], span[0]), None

    def new_place(self, kind: str) -> tuple[int, int]:
        """Where a new clause or Schedule with no place of its own goes in the new print, as
        apply places it (:func:`~drafter.core.resolve.unplaced_place`)."""
        pool = self.new.clauses if kind == "clause" else self.new.schedules
        text_end = len(self.new.print.text)
        if not pool:
            return text_end, text_end
        at = unplaced_offset(self.new, pool, kind, text_end)
        return at, at

    # --- places ----------------------------------------------------------------------------

    def target_at(self, line: Line, offset: int, a: Amendment) -> Target:
        """The target citing ``line`` as ``a``'s target cited its line (Lords or Commons form,
        with its clause or Schedule renumbered)."""
        t = a.target
        if t.title:
            return t
        clause = schedule = None
        k = self.new_provision_at(offset)
        top = self.b.top(k) if k >= 0 else -1
        if top >= 0 and t.clause is not None and self.b.kind[top] == "clause":
            clause = self.b.number_of(top)
        if top >= 0 and t.schedule is not None and self.b.kind[top] == "schedule":
            schedule = self.b.number_of(top)
        cited = citing(self.new, line, clause, schedule)
        if t.clause is None and t.schedule is None:
            cited = replace(cited, clause=None, schedule=None)
        if t.paragraph is not None:
            cited = replace(cited, paragraph=t.paragraph)
        if t.line is None:  # "Page 20, leave out lines 11 and 12": the form it was typed in
            cited = replace(cited, line=None)
        return replace(cited, amendment=None)

    def provision_at(self, offset: int) -> int:
        return _innermost(self.a, self._starts_a, offset)

    def new_provision_at(self, offset: int) -> int:
        return _innermost(self.b, self._starts_b, offset)

    @cached_property
    def _starts_a(self) -> list[tuple[int, int]]:
        return _starts(self.a)

    @cached_property
    def _starts_b(self) -> list[tuple[int, int]]:
        return _starts(self.b)

    def provision_starting(self, offset: int, kind: str, number: str) -> int:
        """The old provision of ``kind`` numbered ``number`` nearest after ``offset``."""
        best = -1
        for i in range(len(self.a)):
            span = self.a.span[i]
            if self.a.kind[i] != kind or span is None or self.a.number_of(i) != number:
                continue
            if span[0] >= offset - 200 and (
                best < 0 or abs(span[0] - offset) < abs((self.a.span[best] or (0, 0))[0] - offset)
            ):
                best = i
        return best

    def where(self, offset: int) -> str:
        """Where ``offset`` of the new print stands, as a reason says it (and kept as the
        place the reason points to)."""
        line = self.new.print.line_at(min(offset, max(len(self.new.print.text) - 1, 0)))
        self.place = (line.page, line.number)
        return f"page {line.page}, line {line.number} of the new print"

    def diff(self, i: int, j: int) -> _WordMap:
        """The word diff of old clause or Schedule ``i`` and new ``j``, made once."""
        if (i, j) not in self.diffs:
            self.diffs[i, j] = _WordMap(self.old, self.a, i, self.new, self.b, j)
        return self.diffs[i, j]


class _WordMap:
    """The words of one old clause or Schedule against its match in the new print: which old
    words stand unchanged in the new one, and where."""

    def __init__(self, old: Bill, a: Side, i: int, new: Bill, b: Side, j: int) -> None:
        sa, sb = a.span[i] or (0, 0), b.span[j] or (0, 0)
        self.old_text, self.new_text = old.print.text, new.print.text
        self.old_words = [m.span() for m in _WORD.finditer(self.old_text, sa[0], sa[1])]
        self.new_words = [m.span() for m in _WORD.finditer(self.new_text, sb[0], sb[1])]
        ta = [_token(self.old_text[s:e]) for s, e in self.old_words]
        tb = [_token(self.new_text[s:e]) for s, e in self.new_words]
        self.ops = diff_words(ta, tb)
        self.starts = [s for s, _ in self.old_words]

    def map(self, start: int, end: int, renumbered_too: bool = False) -> tuple[int, int] | str:
        """The new print's offsets of the old words ``start``–``end`` when every one of them
        (and, for a point, the words either side) is unchanged; else what the new print has in
        their place (the nearest candidate). The words beside them may be numbers a reprint
        renumbered; with ``renumbered_too`` the words themselves may be."""
        first = bisect_right(self.starts, start) - 1
        last = bisect_right(self.starts, max(start, end - 1)) - 1
        if end <= start:  # a point: the words either side of it must stand together
            last = first + 1
        first = max(first, 0)
        last = min(last, len(self.old_words) - 1)
        # the words beside them too: a diff may pair "(a)" with another "(a)" where a list
        # was relettered, and only the words around it tell
        lo, hi = max(first - _CONTEXT, 0), min(last + _CONTEXT, len(self.old_words) - 1)
        mapped: dict[int, int] = {}
        for kind, i1, i2, j1, j2 in self.ops:
            own = first <= i2 - 1 and i1 <= last  # the change touches the words themselves
            beside = not own and self.same_marks(i1, i2, j1, j2)  # “not” for "not" beside them
            if (
                kind == "equal"
                or beside
                or ((renumbered_too or not own) and self.renumbered(i1, i2, j1, j2))
            ):
                for k in range(max(i1, lo), min(i2, hi + 1)):
                    mapped[k] = j1 + k - i1
        if all(k in mapped for k in range(lo, hi + 1)) and all(
            mapped[k + 1] == mapped[k] + 1 for k in range(lo, hi)
        ):
            ns = self.new_words[mapped[first]][0] + (start - self.old_words[first][0])
            ne = self.new_words[mapped[last]][1] - (self.old_words[last][1] - end)
            if end <= start:
                ns = ne = self.new_words[mapped[first]][0] + (start - self.old_words[first][0])
            was, now = fold(self.old_text[start:end]), fold(self.new_text[ns:ne])
            if renumbered_too:
                was, now = _NUMERAL.sub("#", was), _NUMERAL.sub("#", now)
            if was == now:
                return ns, ne
        return self.became(first, last)

    def renumbered(self, i1: int, i2: int, j1: int, j2: int) -> bool:
        """Is the change old words ``i1``–``i2`` → new ``j1``–``j2`` numbers for numbers, one
        for one, as a reprint renumbers a cross-reference ("section 13" → "section 14")?"""
        if i2 - i1 != j2 - j1:
            return False
        pairs = zip(self.old_words[i1:i2], self.new_words[j1:j2], strict=True)
        return all(
            _NUMERAL.fullmatch(self.old_text[a:b]) and _NUMERAL.fullmatch(self.new_text[c:d])
            for (a, b), (c, d) in pairs
        )

    def same_marks(self, i1: int, i2: int, j1: int, j2: int) -> bool:
        """Is the change old words ``i1``–``i2`` → new ``j1``–``j2`` only a kind of mark for
        another (straight quotation marks made curly)?"""
        if i2 - i1 != j2 - j1:
            return False
        pairs = zip(self.old_words[i1:i2], self.new_words[j1:j2], strict=True)
        return all(
            _marks(self.old_text[a:b]) == _marks(self.new_text[c:d]) for (a, b), (c, d) in pairs
        )

    def near(self, start: int) -> int:
        """The new print's offset of the last unchanged word before old offset ``start``."""
        first = bisect_right(self.starts, start) - 1
        at = self.new_words[0][0] if self.new_words else 0
        for kind, i1, i2, j1, _ in self.ops:
            if i1 > first:
                break
            if kind == "equal":
                at = self.new_words[j1 + min(first, i2 - 1) - i1][1]
        return at

    def became(self, first: int, last: int) -> str:
        """The new words standing where old words ``first``–``last`` were."""
        for _kind, i1, i2, j1, j2 in self.ops:
            if i1 <= last and first < max(i2, i1 + 1) and _kind != "equal":
                words = self.new_words[j1:j2]
                if not words:
                    return ""
                return " ".join(self.new_text[words[0][0] : words[-1][1]].split())
        return ""


#: every quotation mark as one: which kind of mark stands beside an amendment's words is not
#: a change to them
_ONE_MARK = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "`": "'"})


def _any_number(text: str) -> str:
    """``text`` as a pattern in which each number may be any number, and each unit's label
    in brackets ("(b)", "(2)") any label: a reprint renumbers and reletters them."""
    pattern, at = [], 0
    for m in _RENUMBERED.finditer(text):
        pattern.append(re.escape(text[at : m.start()]))
        pattern.append(r"\(\w{1,5}\)" if m.group().startswith("(") else r"\d+[A-Z]{0,3}")
        at = m.end()
    pattern.append(re.escape(text[at:]))
    return "".join(pattern)


#: a number, or a unit's label in brackets, as a reprint may change it beside a change
_RENUMBERED = re.compile(r"\b\d+[A-Z]{0,3}\b|\(\w{1,5}\)")


def _marks(text: str) -> str:
    return text.translate(_ONE_MARK)


def _token(word: str) -> str:
    """A word as the diff compares it: exactly (a straight mark made curly is a change), soft
    hyphens aside."""
    return word.replace("\xad", "")


_NUMERAL = re.compile(r"\b\d+[A-Z]{0,3}\b")


def _starts(side: Side) -> list[tuple[int, int]]:
    return sorted((span[0], i) for i in range(len(side)) if (span := side.span[i]))


def _innermost(side: Side, starts: list[tuple[int, int]], offset: int) -> int:
    """The innermost provision whose printed span holds ``offset`` (-1 for none)."""
    k = bisect_right(starts, (offset, len(side))) - 1
    while k >= 0:
        i = starts[k][1]
        span = side.span[i]
        if span and span[0] <= offset < max(span[1], span[0] + 1):
            # a later-starting provision inside it holds the offset more closely
            return i
        k -= 1
    return -1


def _quoted(op: Operation, start: int, end: int) -> tuple[int, int]:
    """The words an operation needs unchanged: those it quotes, or those it stands beside."""
    if isinstance(op, InsertBefore):
        return start, start + len(op.anchor.text)
    if isinstance(op, InsertAfter):
        return max(start - len(op.anchor.text), 0), start
    return start, end


#: words (and marks) either side of an amendment's own that must stand unchanged with them
#: for it to be cited again
_CONTEXT = 2


#: spaces inside brackets and quotation marks and before closing punctuation: spacing, which
#: the print sets (words put in before a comma bring no space of their own)
_SPACING = re.compile(r"(?<=[(\[“‘])\s+|\s+(?=[)\],.;:”’])")


def _plain(text: str) -> str:
    """Words as compared: one kind of each mark and space, and no spacing around marks."""
    return _SPACING.sub("", " ".join(fold(text).replace("\xad", "").split()))


#: words either side of a change that must stand around it, changed, in the new print for
#: it to count as already made
_EVIDENCE = 3

#: a word as evidence counts words: one that begins with a letter (not a unit's number)
_WORD_CHARS = re.compile(r"[^\W\d_][\w’-]*")


def _words_back(text: str, lo: int, start: int, n: int) -> int:
    """Where the ``n`` words before ``start`` begin (not before ``lo``)."""
    found = [m.start() for m in _WORD_CHARS.finditer(text, max(lo, start - 40 * n), start)]
    return found[-n] if len(found) >= n else lo


def _words_on(text: str, end: int, hi: int, n: int) -> int:
    """Where the ``n`` words after ``end`` end (not after ``hi``)."""
    found = [m.end() for m in _WORD_CHARS.finditer(text, end, min(hi, end + 40 * n))]
    return found[n - 1] if len(found) >= n else hi


#: a number standing alone, as a unit's is printed: "(aa)", "(2A)", "12", "A1"
_NUMBER = re.compile(r"(?<!\S)(?:\(\w{1,5}\)|\d+[A-Z]{0,3}|[A-Z]{1,2}\d+)(?!\S)")


def _inserted_words(op: Operation) -> str | None:
    """The words an operation puts in, as printed ("" for none: a leave out), or None for
    an operation that is not a change of words in place."""
    if isinstance(op, LeaveOut):
        return ""
    inserted = getattr(op, "insert", None)
    if isinstance(op, (LeaveOutRange, LeaveOutLines, LeaveOutProvisions)) and inserted is None:
        return ""
    if isinstance(inserted, str):
        return inserted
    if isinstance(inserted, tuple):
        return " ".join(block_words(b) for b in inserted)
    return None


def _entry_like(entry: Entry, moved: Amendment) -> Entry:
    """``entry`` with ``moved``'s wording, keeping what the paper says about it."""
    fresh = entry_from_amendment(moved)
    lawmaker = entry.lawmaker
    if lawmaker is not None:  # where it bites is computed again, for the new print
        lawmaker = replace(lawmaker, target_page="", target_provision="")
    return replace(
        entry,
        amendment=replace(moved, warnings=()),
        wording=fresh.wording,
        structure=fresh.structure,
        sort_key="",
        lawmaker=lawmaker,
        problem="",
        problem_reason="",
    )
