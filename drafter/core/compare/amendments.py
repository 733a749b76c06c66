"""Amendments from a comparison: the House wording, citing the *old* print, that turns one
print of a bill into the next (:class:`Drafter`; :mod:`drafter.core.redraft` checks the
draft by applying it, and drafts coarser where it does not come out as the new print).

Kept apart from the rest of :mod:`drafter.core.compare` so that comparing alone (``drafter
diff``) does not import the amendment model and the resolver.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import cached_property

from drafter.core.akn import AKN, UKL
from drafter.core.amendment import (
    Amendment,
    Block,
    InsertAfter,
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
    Substitute,
    Target,
    Words,
)
from drafter.core.compare.matching import has_ancestor_in, match_provisions, moved_provisions
from drafter.core.compare.sides import Side, Token, new_token
from drafter.core.compare.words import Op, diff_words, token_slice
from drafter.core.etree import etree
from drafter.core.outline import TOKEN
from drafter.core.paper.xml_text import block_of, quotation_in, table_of
from drafter.core.print.lines import Line
from drafter.core.provisions import kind_of, normalise_num
from drafter.core.resolve import (
    AmendmentError,
    check,
    citing,
    occurrences_on,
    resolve,
)
from drafter.core.wording import WordingError, normalised_blocks, parse_amendment, render

WORD = re.compile(r"\w")

#: More words than this go as "leave out from “a” to “b”" (the House's practice).
QUOTE_IN_FULL = 5


_STEP_KINDS = {"subsection", "paragraph", "sub-paragraph"}


@dataclass
class _Draft:
    at: tuple[int, int]  # where it bites in the old print (offset), then order
    candidates: list[Amendment]


class Drafter:
    """Writes the amendments, citing the old print, that turn ``old`` into ``new``."""

    def __init__(self, a: Side, b: Side) -> None:
        self.a = a
        self.b = b
        self.piece_starts = [p.start for p in a.pr.text_pieces]
        self.m, _ = match_provisions(a, b)
        self.moved = moved_provisions(a, b, self.m)
        self.problems: list[str] = []
        #: old provisions put in again whole, not by words (see :meth:`coarsen`)
        self.whole: set[int] = set()
        #: old clauses and Schedules whose words a reprint's renumbering seemed to change,
        #: drafted as amendments after all (see :meth:`coarsen`)
        self.renumbered_by_words: set[int] = set()
        #: the old clause or Schedule each drafted amendment bites in, by number
        self.tops: dict[str, int] = {}
        #: old clauses and Schedules where no amendment could be drafted as the rules want
        self.unfit: set[int] = set()
        self.tried: dict[int, int] = {}  # how coarse each old clause or Schedule now is
        self.fitted: dict[Amendment, bool] = {}  # :meth:`fit`'s answers
        #: old clauses and Schedules where quoted units go in by lines before the provision
        #: of the bill holding them goes in whole (see :meth:`coarsen`)
        self.units_first: set[int] = set()
        #: old clauses and Schedules where a reference's renumbering was left to the reprint
        self.skipped: dict[int, bool] = {}

    # -- targets and words --

    def target(self, i: int, offset: int) -> Target:
        """Target for old provision ``i`` (its clause or Schedule) at the line of ``offset``."""
        line = self.a.line(offset)
        t = self.a.top(i)
        if t >= 0 and self.a.kind[t] == "clause":
            return citing(self.a.bill, line, clause=self.a.number[t])
        if t >= 0 and self.a.kind[t] == "schedule":
            return citing(self.a.bill, line, schedule=self.a.number[t])
        return citing(self.a.bill, line)

    def words(self, start: int, end: int, line: Line, after: int | None = None) -> Words:
        """The old print's words at [start, end), with the occurrence on ``line`` if they are
        not unique there (as :func:`~drafter.core.resolve.occurrences_on` counts them)."""
        text = self.a.text[start:end]
        begin = line.start if after is None else max(line.start, after)
        hits = occurrences_on(self.a.bill, text, line, begin)
        if len(hits) <= 1 or start not in hits:
            return Words(text)
        return Words(text, hits.index(start) + 1)

    # -- the whole job --

    def coarsen(self, tops: set[int]) -> set[int]:
        """Draft these old clauses and Schedules (which did not come out as the new print has
        them) one step coarser:

        1. the references that a reprint seemed to renumber amended after all (if any were
           left to it);
        2. each changed provision's quoted units that differ put in again by their lines;
        3. the provision of the bill holding each change put in again whole;
        4. the whole clause (or Schedule) left out and put in again.

        Returns those that cannot go coarser."""
        a = self.a
        spent = set()
        for t in tops:
            step = self.tried[t] = self.tried.get(t, 0) + 1
            if step == 1 and t not in self.renumbered_by_words and self.skipped.get(t):
                self.renumbered_by_words.add(t)
            elif step <= 2:
                self.tried[t] = 2
                self.units_first.add(t)
                self.whole.update(
                    i for i in self.m if a.top(i) == t and a.own[i] != self.b.own[self.m[i]]
                )
            elif step == 3:
                self.units_first.discard(t)
            elif step == 4 and t in self.m:
                del self.m[t]
            else:
                spent.add(t)
        return spent

    def top_at(self, offset: int) -> int:
        """The old clause or Schedule holding print offset ``offset`` (-1 for none)."""
        k = bisect_left(self.top_starts, (offset + 1,)) - 1
        return self.top_spans[k][2] if k >= 0 and offset < self.top_spans[k][1] else -1

    @cached_property
    def top_spans(self) -> list[tuple[int, int, int]]:
        a = self.a
        return sorted(
            (span[0], span[1], i)
            for i in range(len(a))
            if a.kind[i] in ("clause", "schedule") and a.top(i) == i and (span := a.span[i])
        )

    @cached_property
    def top_starts(self) -> list[tuple[int]]:
        return [(s,) for s, _, _ in self.top_spans]

    def cuts_a_number(self, amendment: Amendment) -> bool | None:
        """Does the amendment cut through a provision's number: quote part of one, or one
        with words around it (“. (6”), or put words in inside one? A number is changed
        whole (“(6)” → “(7)” in a quotation, which a reprint does not renumber), with its
        provision, or by the reprint. None if it does not fit the old print at all."""
        try:
            resolved = resolve(self.a.bill, amendment)
        except AmendmentError:
            return None
        if any(isinstance(op, _BY_NAME) for op in amendment.operations):
            return False
        pr = self.a.pr
        for r in resolved:
            if r.start == r.end and pr.number_at(r.start - 1, r.start) is not None:
                return True  # words put in just after a number would go into it
            number = pr.number_at(r.start, r.end)
            if number is None or number == (r.start, r.end):
                continue
            owner = pr.numbered.get(number)  # the provision it numbers, left out whole?
            if owner is None or not (r.start <= owner[0] and owner[1] <= r.end):
                return True
        return False

    def run(self) -> list[Amendment]:
        """The amendments as drafted from the matching as it now stands."""
        a, b, m = self.a, self.b, self.m
        self.problems, self.tops, self.unfit, self.skipped = [], {}, set(), {}
        drafts: list[_Draft] = []
        gone = {i for i in range(len(a)) if i not in m} | self.moved
        outer_gone = [i for i in sorted(gone) if not has_ancestor_in(a, i, gone)]
        for run in self.sibling_runs(outer_gone):
            together = self.removal_of_run(run) if len(run) > 1 else None
            drafts.extend([together] if together else [self.removal(i) for i in run])
        new_to_old = {j: i for i, j in m.items() if i not in self.moved}
        fresh = {j for j in range(len(b)) if j not in new_to_old}
        # provisions whose whole body is new: it goes in as one unit at the end of the title
        opened = {
            j: i
            for j, i in new_to_old.items()
            if i not in gone
            and not has_ancestor_in(a, i, gone)
            and self.opens_body(i, j, gone, fresh)
        }
        for j, i in opened.items():
            drafts.append(self.body(i, j))
        outer = [
            j
            for j in sorted(fresh)
            if not has_ancestor_in(b, j, fresh) and b.parent[j] not in opened
        ]
        groups: list[list[int]] = []
        for j in outer:
            prev = groups[-1][-1] if groups else -1
            if (
                prev >= 0
                and b.parent[prev] == b.parent[j]
                and b.kind[j] not in ("clause", "schedule")
                and b.kind[prev] == b.kind[j]
                and _next_sibling(b, prev) == j
            ):
                groups[-1].append(j)
            else:
                groups.append([j])
        for group in groups:
            d = self.insertion(group, new_to_old)
            if d is not None:
                drafts.append(d)
        whole: list[tuple[tuple[int, int], _Draft]] = []  # provisions put in again whole
        for i, j in sorted(m.items()):
            if i in gone or has_ancestor_in(a, i, gone):
                continue
            if a.own[i] == b.own[j] or j in opened:
                continue
            if i not in self.whole:
                units = self.quoted_units(i, j)  # new units of a quotation go in as units
                if units and all(self.fits(d) for d in units):
                    drafts.extend(units)
                    continue
                edits = self.word_edits(i, j)
                if all(self.fits(d) for d in edits):
                    drafts.extend(edits)
                    continue
            else:
                edits = self.word_edits(i, j)
            # what words cannot carry: the provision of the bill holding it put in again
            # whole, else a quotation's units that differ by their lines (or the other way
            # round, once the self-check has found the first way wanting)
            first = a.top(i) in self.units_first
            by_units = self.quoted_by_lines(i, j) if first else None
            again = self.replacement(i) if by_units is None else None
            if again is None and by_units is None and not first:
                by_units = self.quoted_by_lines(i, j)
            if by_units is not None:
                drafts.extend(by_units)
            elif again is None:
                drafts.extend(edits)
            elif not any(s <= again[0][0] < e for (s, e), _ in whole):
                whole.append(again)
        if whole:  # nothing else may touch what goes in again whole
            drafts = [d for d in drafts if not any(s <= d.at[0] <= e for (s, e), _ in whole)]
            drafts.extend(d for _, d in whole)
        drafts.sort(key=lambda d: d.at)
        out: list[Amendment] = []
        for d in drafts:
            number = str(len(out) + 1)
            chosen = None
            # the first that fits the old print, one that a paper carries as written first
            for cand in sorted(d.candidates, key=lambda c: not _reads_back(c)):
                cand = _numbered(cand, number)
                if self.fit(cand):
                    chosen = cand
                    break
            self.tops[number] = self.top_at(d.at[0])
            if chosen is None:
                chosen = _numbered(d.candidates[0], number)
                self.unfit.add(self.tops[number])
                reason = check(a.bill, chosen)
                if reason == "ok":
                    reason = f"Amendment {number}: it would cut through a provision's number"
                self.problems.append(reason)
            if not _reads_back(chosen):
                self.problems.append(
                    f"Amendment {number}: its inserted words read back as numbered units, so "
                    "a paper cannot carry it as written; check it by hand"
                )
            out.append(chosen)
        return out

    def fit(self, amendment: Amendment) -> bool:
        """Does the amendment read back as written, check against the old print, and leave
        every number whole? (Asked again of the chosen one when it is numbered.)"""
        key = replace(amendment, number="")
        known = self.fitted.get(key)
        if known is None:
            known = self.fitted[key] = self.fits_print(key)
        return known

    def fits_print(self, amendment: Amendment) -> bool:
        return (
            _reads_back(amendment)
            and not _units_as_words(amendment)
            and self.cuts_a_number(amendment) is False
        )

    def fits(self, draft: _Draft) -> bool:
        return any(self.fit(c) for c in draft.candidates)

    # -- provisions left out --

    def sibling_runs(self, gone: list[int]) -> list[list[int]]:
        """``gone`` in runs of numbered steps of one kind that follow one another under one
        parent (subsections (3) and (4)); anything else on its own."""
        a = self.a
        runs: list[list[int]] = []
        for i in gone:
            last = runs[-1][-1] if runs else -1
            if (
                last >= 0
                and a.kind[i] in _STEP_KINDS
                and a.kind[i] == a.kind[last]
                and a.number[i]
                and a.number[last]
                and _next_sibling(a, last) == i
            ):
                runs[-1].append(i)
            else:
                runs.append([i])
        return runs

    def removal_of_run(self, run: list[int]) -> _Draft | None:
        """Provisions following one another left out by one amendment, as a drafter writes it
        ("leave out subsections (3) and (4)", "leave out paragraphs (b) to (d)"); None if
        that does not check against the old print."""
        a = self.a
        first = run[0]
        numbers = tuple(a.number[i] for i in run)
        through = len(run) > 2
        op = LeaveOutProvisions(
            a.kind[first], (numbers[0], numbers[-1]) if through else numbers, through
        )
        span = a.span[first] or (0, 0)
        amendment = Amendment("", (op,), self.target(first, span[0]))
        if check(a.bill, amendment) != "ok":
            return None
        return _Draft((span[0], 0), [amendment])

    def removal(self, i: int) -> _Draft:
        a = self.a
        span = a.span[i] or (0, 0)
        kind = a.kind[i]
        cands: list[Amendment] = []
        tgt = self.target(i, span[0])
        lines = self.whole_lines(span)
        if _in_quotation(a, i):  # another Act's provision: not cited by the bill's numbers
            if lines is not None:
                cands.append(self.lines_left_out(lines))
        elif kind == "clause":
            cands.append(
                Amendment("", (LeaveOutClause(a.number[i]),), Target(page=tgt.page, line=tgt.line))
            )
        elif kind == "schedule":
            cands.append(
                Amendment(
                    "", (LeaveOutSchedule(a.number[i]),), Target(page=tgt.page, line=tgt.line)
                )
            )
        elif kind in _STEP_KINDS and a.number[i]:
            cands.append(Amendment("", (LeaveOutProvisions(kind, (a.number[i],)),), tgt))
        elif clauses := self.clauses_under(i):
            # a crossheading with its clauses: leaving them out takes it too ("Page 1, line 4,
            # leave out Clauses 1 and 2"), cited on the first clause's line
            first = self.target(clauses[0], (a.span[clauses[0]] or span)[0])
            cands.append(
                Amendment(
                    "",
                    tuple(LeaveOutClause(a.number[c]) for c in clauses),
                    Target(page=first.page, line=first.line),
                )
            )
        toks = list(_span_tokens(a.text, span))
        if toks:
            cands.extend(self.word_candidates(i, toks, 0, len(toks), "", None))
        return _Draft((span[0], 0), cands)

    def clauses_under(self, i: int) -> list[int]:
        """The numbered clauses that are all old provision ``i`` holds (a crossheading's),
        in order; [] when it holds anything else, or none."""
        a = self.a
        held = a.children[i]
        if held and all(a.kind[c] == "clause" and a.number[c] for c in held):
            return held
        return []

    def replacement(self, i: int) -> tuple[tuple[int, int], _Draft] | None:
        """The nearest numbered subsection or paragraph holding old provision ``i``, left out
        and put in again as the new print has it ("leave out subsection (6) and insert—
        “(6) …”"): for changes that words cannot carry, such as numbered units in inserted
        words. None if there is no such provision."""
        a = self.a
        k = i
        while k >= 0 and _in_quotation(a, k):  # not the bill's own: cited by its lines
            if a.kind[k] != "quoted structure" and a.number[k] and k in self.m:
                by_lines = self.replacement_by_lines(k)
                if by_lines is not None:
                    return by_lines
            k = a.parent[k]
        while k >= 0 and not (a.kind[k] in _STEP_KINDS and a.number[k] and k in self.m):
            k = a.parent[k]
        span = a.span[k] if k >= 0 else None
        if span is None:
            return None
        unit = self.block(self.m[k], numbered=True)
        op = LeaveOutProvisions(a.kind[k], (a.number[k],), insert=(unit,))
        return span, _Draft((span[0], 0), [Amendment("", (op,), self.target(k, span[0]))])

    def whole_lines(self, span: tuple[int, int]) -> tuple[Line, Line] | None:
        """The first and last printed lines of ``span`` when it fills them (nothing else of
        the print on them; the quotation marks that a quotation prints on its first and last
        units are theirs, and stay when the units go). Else None: words after a quotation's
        last unit ("”;") would go with the lines."""
        first, last = self.a.line(span[0]), self.a.line(span[1] - 1)
        if first.start != span[0] or last.end != span[1]:
            return None
        return first, last

    def lines_left_out(self, lines: tuple[Line, Line], insert: tuple[Block, ...] = ()) -> Amendment:
        """Leave out whole printed lines (and put units in their place): "Page 7, leave out
        lines 12 and 13 and insert— …", or over a page break "Page 25, line 37, leave out
        from beginning to end of line 4 on page 26 and insert— …"."""
        first, last = lines
        target = citing(self.a.bill, first)
        op: Operation
        if first.page == last.page:
            op = LeaveOutLines(first.number, last.number, insert or None)
            return Amendment("", (op,), replace(target, line=None))
        op = LeaveOutRange(
            None, None, end_line=last.number, end_page=last.page, insert=insert or None
        )
        return Amendment("", (op,), target)

    def by_lines(self, span: tuple[int, int] | None, blocks: tuple[Block, ...]) -> _Draft | None:
        """The print's ``span`` left out by its lines and ``blocks`` put in its place ("Page 7,
        leave out lines 12 and 13 and insert— “(d) …”"), when it stands on lines of its own;
        else None."""
        lines = self.whole_lines(span) if span is not None else None
        if span is None or lines is None:
            return None
        return _Draft((span[0], 0), [self.lines_left_out(lines, blocks)])

    def replacement_by_lines(self, k: int) -> tuple[tuple[int, int], _Draft] | None:
        """Quoted unit ``k`` left out by its lines and put in again as the new print has it."""
        span = self.a.span[k]
        draft = self.by_lines(span, (self.block(self.m[k], True),))
        return None if span is None or draft is None else (span, draft)

    def quoted_by_lines(self, i: int, j: int) -> list[_Draft] | None:
        """Old quotation ``i`` made into new quotation ``j`` unit by unit: the quoted units
        that differ (split, joined, renumbered, new or gone) left out by their lines and the
        new ones put in as structure ("Page 26, leave out lines 4 to 19 and insert— “(4) …
        (5) …”"); units with the same words but for changes within are looked into. None
        when a unit that differs does not stand on lines of its own (as the first and last
        units, which carry the quotation marks, do not)."""
        a, b = self.a, self.b
        if a.kind[i] != "quoted structure" or b.kind[j] != "quoted structure":
            return None
        drafts: list[_Draft] = []
        if not self.units_by_lines(a.elements[i], b.elements[j], drafts):
            return None
        return drafts

    def units_by_lines(
        self, old: etree._Element, new: etree._Element, drafts: list[_Draft]
    ) -> bool:
        a = self.a
        olds, news = _units_in(old), _units_in(new)
        if not olds or not news:
            return False
        old_refs, new_refs = a.bill._references, self.b.bill._references

        def printed(el: etree._Element, refs: dict[str, str]) -> str:
            return " ".join(_unit_words(el, refs)) + " " + block_of(el, refs).num

        wa = [printed(u, old_refs) for u in olds]
        wb = [printed(u, new_refs) for u in news]
        matcher = SequenceMatcher(None, wa, wb, False)
        for kind, i1, i2, j1, j2 in matcher.get_opcodes():
            if kind == "equal":
                continue
            if (
                kind == "replace"
                and i2 - i1 == j2 - j1
                and all(
                    _unit_words(o, old_refs) == _unit_words(n, new_refs)
                    or self.units_by_lines(o, n, [])
                    for o, n in zip(olds[i1:i2], news[j1:j2], strict=True)
                )
            ):
                for o, n in zip(olds[i1:i2], news[j1:j2], strict=True):
                    if not self.units_by_lines(o, n, drafts) and not self.unit_again(o, n, drafts):
                        return False
                continue
            blocks = tuple(block_of(n, new_refs) for n in news[j1:j2])
            if i2 > i1:
                first, last = a.pr.span_of(olds[i1]), a.pr.span_of(olds[i2 - 1])
                draft = self.by_lines((first[0], last[1]) if first and last else None, blocks)
                if draft is None:
                    return False
                drafts.append(draft)
            else:  # new units only: at the end of the unit before
                before = a.pr.span_of(olds[i1 - 1]) if i1 > 0 else None
                if before is None or self.whole_lines(before) is None:
                    return False
                line = a.line(before[1] - 1)
                end = before[1]
                while end > before[0] and a.text[end - 1] in _CLOSING_MARKS:
                    end -= 1
                op: Operation = InsertAtEnd(blocks)
                if end < line.end:  # the quotation's last unit: inside its closing mark
                    op = InsertAfter(
                        self.words(a.text.rfind(" ", before[0], end) + 1, end, line), blocks
                    )
                amendment = Amendment("", (op,), citing(a.bill, line))
                drafts.append(_Draft((before[1], 1), [amendment]))
        return True

    def unit_again(self, old: etree._Element, new: etree._Element, drafts: list[_Draft]) -> bool:
        """One quoted unit left out by its lines and put in again as the new print has it."""
        draft = self.by_lines(self.a.pr.span_of(old), (block_of(new, self.b.bill._references),))
        if draft is not None:
            drafts.append(draft)
        return draft is not None

    # -- a body put in whole --

    def opens_body(self, i: int, j: int, gone: set[int], fresh: set[int]) -> bool:
        """Old provision ``i`` has no words of its own but its title, and all its units go;
        its counterpart ``j`` has the same title and a body that is all new (words and units
        that the old print does not have there). Such a body goes in whole at the end of the
        title line ("line 9, at end insert— “In the … Act— (a) …”"): as words after the title
        they would amend the title, which ordinary amendments do not."""
        a, b = self.a, self.b
        heading = _squashed(a.heading[i])
        if not heading or _squashed(b.heading[j]) != heading or _squashed(a.own[i]) != heading:
            return False
        if not _squashed(b.own[j]).startswith(heading) or _squashed(b.own[j]) == heading:
            return False
        if any(c not in gone for c in a.children[i]):
            return False
        return all(c in fresh for c in b.children[j]) and bool(a.tokens(i))

    def body(self, i: int, j: int) -> _Draft:
        """New provision ``j``'s body, put in at the end of old provision ``i``'s title."""
        point = self.a.tokens(i)[-1].end
        unit = replace(self.block(j, numbered=False), heading="")
        return _Draft((point, 1 + j), self.insert_at(i, point, (unit,)))

    # -- provisions put in --

    def insertion(self, group: list[int], new_to_old: dict[int, int]) -> _Draft | None:
        a, b = self.a, self.b
        j = group[0]
        kind = b.kind[j]
        if kind in ("clause", "schedule"):
            # after the nearest earlier clause (Schedule) of the new print that the old has
            pool = [k for k in range(len(b)) if b.kind[k] == kind]
            pos = pool.index(j)
            after = before = None
            for k in reversed(pool[:pos]):
                if k in new_to_old:
                    after = a.number[new_to_old[k]]
                    break
            # the first under its crossheading (or Part): it goes before the clause that
            # follows it there, so that it stands under that heading, not above it
            parent = b.parent[j]
            group = [k for k in (b.children[parent] if parent >= 0 else []) if b.kind[k] == kind]
            if after is None or (group and group[0] == j and b.kind[parent] != kind):
                for k in pool[pos + 1 :]:
                    if k in new_to_old:
                        before = a.number[new_to_old[k]]
                        after = None
                        break
            block = self.block(j, numbered=False)
            op: Operation = (
                NewClause(block, after=after, before=before)
                if kind == "clause"
                else NewSchedule(block, after=after, before=before)
            )
            at = 0
            for k in pool[:pos]:
                if k in new_to_old:
                    at = (a.span[new_to_old[k]] or (0, 0))[1]
            return _Draft((at, 1 + j), [Amendment("", (op,))])
        # the old offset before which the new provision goes: after the previous sibling's
        # counterpart, else before the next one's, else at the end of the parent's words
        parent = b.parent[j]
        sibs = b.children[parent] if parent >= 0 else []
        point = None
        holder = -1
        if j in sibs:
            pos = sibs.index(j)
            for k in reversed(sibs[:pos]):
                if k in new_to_old and a.span[new_to_old[k]]:
                    holder = new_to_old[k]
                    point = (a.span[holder] or (0, 0))[1]
                    break
            if point is None:
                for k in sibs[pos + len(group) :]:
                    if k in new_to_old and a.span[new_to_old[k]]:
                        holder = new_to_old[k]
                        point = (a.span[holder] or (0, 0))[0]
                        break
        if point is None and parent in new_to_old:
            holder = new_to_old[parent]
            toks = a.tokens(holder)
            first_child = next(
                (c for c in a.children[holder] if a.span[c]), None
            )  # before the parent's first old child, if it has one
            if first_child is not None:
                point = (a.span[first_child] or (0, 0))[0]
            elif toks:
                point = toks[-1].end
        if point is None or holder < 0:
            self.problems.append(f"no place in the old print for {b.citation(j)}")
            return None
        blocks = tuple(self.block(k, numbered=True) for k in group)
        return _Draft((point, 1 + j), self.insert_at(holder, point, blocks))

    def insert_at(self, i: int, point: int, what: tuple[Block, ...] | str) -> list[Amendment]:
        """Amendments putting ``what`` in at offset ``point`` of the old print (within or
        beside old provision ``i``)."""
        a = self.a
        text = a.text
        cands: list[Amendment] = []
        # at a line start: "at end insert" on the line before
        k = point
        while k > 0 and text[k - 1] == " ":
            k -= 1
        prev_line = a.line(max(0, k - 1))
        if prev_line.end == k or prev_line.end == point:
            tgt = self.target(i, prev_line.start)
            cands.append(Amendment("", (InsertAtEnd(what),), tgt))
        # after the word before the point
        before = _last_token_before(text, k)
        if before is not None:
            s, e = before
            line = a.line(s)
            cands.append(
                Amendment("", (InsertAfter(self.words(s, e, line), what),), self.target(i, s))
            )
        after = _first_token_after(text, point)
        if after is not None:
            s, e = after
            line = a.line(s)
            cands.append(
                Amendment("", (InsertBefore(self.words(s, e, line), what),), self.target(i, s))
            )
        return cands

    def block(self, j: int, numbered: bool) -> Block:
        """New provision ``j`` as a unit of inserted structure. Units that it quotes (another
        Act's text: “(k) energy demand.”) are its units too, with their quotation marks
        printed on them, as the papers print them and :mod:`drafter.core.paper` reads them.
        Its words are as a paper gives them back (a figure space in the print is a space)."""
        return normalised_blocks((self.unit(j, numbered),))[0]

    def unit(self, j: int, numbered: bool) -> Block:
        b = self.b
        if b.kind[j] == "quoted structure":
            return Block(text=b.full_text(j))
        if b.kind[j] == "table":
            table = table_of(b.elements[j], b.bill._references)
            if table is not None:
                return Block(table=table)
        num = b.num[j] if numbered else ""
        heading = b.heading[j]
        quoted = self.quoting(j)
        if quoted is not None:
            return Block(num=num, heading=heading, text=quoted[0], children=quoted[1])
        segs = b.segments[j]
        kids = [c for c in b.children[j] if b.span[c]]
        first_kid = b.span[kids[0]][0] if kids else None  # type: ignore[index]
        intro = [b.text[s:e] for s, e in segs if first_kid is None or s < first_kid]
        wrap = [b.text[s:e] for s, e in segs if first_kid is not None and s >= first_kid]
        words = " ".join(intro)
        if heading and words.startswith(heading):
            words = words[len(heading) :].strip()
        return Block(
            num=num,
            heading=heading,
            text=words,
            children=tuple(self.unit(c, True) for c in kids),
            wrap_up=" ".join(wrap),
        )

    def quoting(self, j: int) -> tuple[str, tuple[Block, ...]] | None:
        """When new provision ``j``'s words quote structure ("in subsection (2), at the end
        insert— “(k) energy demand.”;"): the words before the quotation, and the quoted
        units with the marks (and the words after the closing mark) printed on them."""
        b = self.b
        kids = [c for c in b.children[j] if b.span[c]]
        if not kids or any(b.kind[c] != "quoted structure" for c in kids):
            return None
        content = b.elements[j].find(AKN + "content")
        paragraphs = [] if content is None else content.findall(AKN + "p")
        if not paragraphs:
            return None
        return quotation_in(paragraphs, b.bill._references)

    # -- units put in inside a quotation --

    def quoted_units(self, i: int, j: int) -> list[_Draft] | None:
        """Old quotation ``i`` turned into new quotation ``j`` where words cannot carry the
        change and no numbered provision of the bill holds it (a quotation standing directly
        in a clause without subsections): the quoted units that the new print has and the old
        does not go in as structure where they stand ("line 18, at end insert— (6) …"), and
        the rest as words ("leave out “(7)” and insert “(8)”"), as a drafter writes it. None
        when there are no such units, or the rest still cannot be carried by words."""
        a, b = self.a, self.b
        if a.kind[i] != "quoted structure" or b.kind[j] != "quoted structure":
            return None
        refs = b.bill._references
        units = _inserted_units(a.elements[i], b.elements[j], a.bill._references, refs)
        if not units:
            return None
        tb = b.tokens(j)
        first: dict[int, Block] = {}  # first token of each unit -> the unit
        masked: set[int] = set()
        for el in units:
            k1, k2 = _unit_tokens(b, el, b.elements[j], tb)
            if k1 >= k2:
                return None
            first[k1] = block_of(el, refs)
            masked.update(range(k1, k2))
        # the new tokens without the units; a new segment after each, so that no words run
        # across one
        kept: list[Token] = []
        at: dict[int, list[Block]] = {}  # kept tokens before a place -> the units there
        segment, last = -1, -1
        for k, t in enumerate(tb):
            if k in first:
                at.setdefault(len(kept), []).append(first[k])
                last = -1
            if k in masked:
                continue
            if t.segment != last:
                segment, last = segment + 1, t.segment
            kept.append(new_token(Token, (t.start, t.end, t.text, segment)))
        edits = self.word_edits(i, j, kept)
        if not all(any(_reads_back(c) for c in d.candidates) for d in edits):
            return None
        ta = a.tokens(i)
        ops = diff_words([t.text for t in ta], [t.text for t in kept])
        old_of = {
            j1 + n: i1 + n for kind, i1, _, j1, j2 in ops if kind == "equal" for n in range(j2 - j1)
        }
        inserted_at = {op[3] for op in ops if op[0] == "insert"}
        for place, blocks in at.items():
            # beside words that stay: after the one before, else before the one after (words
            # put in just after the units would go in before them)
            if place - 1 in old_of and place not in inserted_at:
                point = ta[old_of[place - 1]].end
            elif place in old_of:
                point = ta[old_of[place]].start
            else:
                return None
            line = a.line(point)
            if a.text[point : line.end].strip() == b.elements[j].get("endQuote"):
                point = line.end  # the quotation's last line: "at end insert—"
            edits.append(_Draft((point, 1), self.insert_at(i, point, tuple(blocks))))
        return edits

    # -- words changed in a matched provision --

    def word_edits(self, i: int, j: int, tb: list[Token] | None = None) -> list[_Draft]:
        """Amendments of words turning old provision ``i``'s words into new provision ``j``'s
        (or into the new tokens ``tb``, when some of its words go in otherwise)."""
        a, b = self.a, self.b
        ta = a.tokens(i)
        if tb is None:
            tb = b.tokens(j)
        ops = _joined(diff_words(self.as_reprinted(i, ta), [t.text for t in tb]), ta)
        whole: list[Op] = []
        for op in _whole_quotations(ops, ta, tb, a.text, b.text):
            whole.extend([op] if op in ops or self.on_one_line(ta, op) else _within(ops, op))
        if whole != ops:
            drafts = self.drafts_of(i, ta, tb, whole)
            if all(any(_reads_back(c) for c in d.candidates) for d in drafts):
                return drafts
        return self.drafts_of(i, ta, tb, ops)

    def on_one_line(self, ta: list[Token], op: Op) -> bool:
        """Do the old words of ``op`` stand on one printed line? (Words left out across a
        line break may leave the line's space behind: “( “the 12 …”.)"""
        _, i1, i2, _, _ = op
        return i2 <= i1 or self.a.line(ta[i1].start) == self.a.line(ta[i2 - 1].end - 1)

    def drafts_of(self, i: int, ta: list[Token], tb: list[Token], ops: list[Op]) -> list[_Draft]:
        """The amendments making the changes ``ops`` (of ``ta`` into ``tb``), one draft each."""
        b = self.b
        out: list[_Draft] = []
        for k, (kind, i1, i2, j1, j2) in enumerate(ops):
            if kind == "equal" or (kind == "replace" and self.renumbered(i, ta[i1:i2], tb[j1:j2])):
                continue
            if kind == "replace" and _bracketed(ta, i1, i2) and _bracketed(tb, j1, j2):
                i1, i2, j1, j2 = i1 - 1, i2 + 1, j1 - 1, j2 + 1
            elif kind != "insert" and not _has_word(ta, i1, i2) and not _has_word(tb, j1, j2):
                # a lone quotation mark or comma is no quotation: take in the next word (or
                # the one before) from the unchanged words around it
                right = ops[k + 1][2] - ops[k + 1][1] if k + 1 < len(ops) else 0
                left = ops[k - 1][2] - ops[k - 1][1] if k > 0 else 0
                n = 0
                while n < right and n < 3 and ta[i2 + n].segment == ta[i1].segment:
                    n += 1
                    if WORD.match(ta[i2 + n - 1].text):
                        break
                if n and _has_word(ta, i2, i2 + n):
                    i2, j2 = i2 + n, j2 + n
                else:
                    n = 0
                    while n < left and n < 3 and ta[i1 - n - 1].segment == ta[i1].segment:
                        n += 1
                        if WORD.match(ta[i1 - n].text):
                            break
                    if n and _has_word(ta, i1 - n, i1):
                        i1, j1 = i1 - n, j1 - n
            new_words = token_slice(b.text, tb, j1, j2)
            # split the old range where it crosses a child provision
            pieces = _by_segment(ta, i1, i2)
            for n, (p1, p2) in enumerate(pieces):
                put = new_words if n == len(pieces) - 1 else ""
                if p2 > p1:
                    at = ta[p1].start
                    out.append(_Draft((at, 0), self.word_candidates(i, ta, p1, p2, put, None)))
                elif put:
                    point = ta[p1 - 1].end if p1 > 0 else (ta[0].start if ta else 0)
                    out.append(_Draft((point, 0), self.insertion_words(i, ta, p1, put)))
        return out

    @cached_property
    def numbers_changed(self) -> dict[str, tuple[str, str]]:
        """Each provision that the new print numbers otherwise, by GUID: its number in the old
        print and in the new."""
        old = {g: normalise_num(n) for g, n in zip(self.a.guid, self.a.num, strict=True) if g}
        new = {g: normalise_num(n) for g, n in zip(self.b.guid, self.b.num, strict=True) if g}
        return {g: (old[g], new[g]) for g in old.keys() & new.keys() if old[g] != new[g]}

    def as_reprinted(self, i: int, ta: list[Token]) -> list[str]:
        """Old provision ``i``'s words as a reprint prints them: a number in a cross-reference
        to a provision of this bill that the new print numbers otherwise, as it numbers it
        ("sections 30 to 32" → "sections 29 to 31", where a clause before them moved away).
        Such changes are not amendments (unless the self-check found otherwise for this
        clause: :meth:`coarsen`)."""
        words = [t.text for t in ta]
        top = self.a.top(i)
        changed = self.numbers_changed
        if not changed or top in self.renumbered_by_words:
            return words
        last: dict[etree._Element, tuple[int, str]] = {}
        for k, t in enumerate(ta):
            ref = self.own_reference(t) if t.text.isalnum() else None
            if ref is None:
                continue
            numbers = changed.get(ref.get(UKL + "targetGuid", ""))
            if numbers is not None and numbers[0] == t.text:
                last[ref] = (k, numbers[1])  # its own number is the last ("3(3)": the second)
        for k, number in last.values():
            words[k] = number
            self.skipped[top] = True
        return words

    def renumbered(self, i: int, old: list[Token], new: list[Token]) -> bool:
        """Is this the number in a cross-reference that a reprint renumbers by itself
        ("section 24" → "section 25")? Such changes are not amendments (unless the
        self-check found otherwise for this clause: :meth:`coarsen`)."""
        top = self.a.top(i)
        if top in self.renumbered_by_words:
            return False
        if not all(_NUMBERISH.fullmatch(t.text) for t in (*old, *new)):
            return False
        if any(self.own_reference(t) is None for t in old):
            return False
        self.skipped[top] = True
        return True

    def own_reference(self, t: Token) -> etree._Element | None:
        """The cross-reference old token ``t`` stands in, when it is to a provision of this
        bill: not to another Act, or to one the bill quotes (which a reprint does not
        renumber)."""
        piece = self.a.pr.text_pieces[bisect_right(self.piece_starts, t.start) - 1]
        owner = piece.element if piece.slot == "text" else piece.element.getparent()
        if owner is None:
            return None
        ref = owner if owner.tag == _REF else next(owner.iterancestors(_REF), None)
        href = ref.get("href", "") if ref is not None else ""
        return ref if href.startswith("#") and "__qstr" not in href else None

    def insertion_words(self, i: int, ta: list[Token], p: int, put: str) -> list[Amendment]:
        a = self.a
        cands: list[Amendment] = []
        if p > 0:
            s, e = _anchor_before(ta, p)
            line = a.line(s)
            cands.append(
                Amendment("", (InsertAfter(self.words(s, e, line), put),), self.target(i, s))
            )
        if p < len(ta):
            s, e = _anchor_after(ta, p)
            line = a.line(s)
            cands.append(
                Amendment("", (InsertBefore(self.words(s, e, line), put),), self.target(i, s))
            )
        if not ta:
            span = a.span[i]
            if span:
                cands.extend(self.insert_at(i, span[1], put))
        return cands

    def numbered_between(self, start: int, end: int) -> bool:
        """Does a provision's number stand between print offsets ``start`` and ``end``?"""
        pieces = self.a.pr.text_pieces
        for k in range(bisect_left(self.piece_starts, start), len(pieces)):
            piece = pieces[k]
            if piece.start >= end:
                return False
            owner = piece.element if piece.slot == "text" else piece.element.getparent()
            if owner is not None and owner.tag == AKN + "num":
                return True
        return False

    def word_candidates(
        self, i: int, ta: list[Token], p1: int, p2: int, put: str, _unused: None
    ) -> list[Amendment]:
        """Leave out tokens [p1, p2) of old provision ``i`` (and put ``put`` in their place):
        quoted in full up to five words, else from … to …; the other form as a fallback."""
        a = self.a
        ins = put or None
        s, e = ta[p1].start, ta[p2 - 1].end
        line = a.line(s)
        tgt = self.target(i, s)
        full_words = self.words(s, e, line)
        full: Amendment = Amendment(
            "",
            (Substitute(full_words, put) if put else LeaveOut(full_words),),
            tgt,
        )
        ranged: list[Amendment] = []
        nwords = sum(1 for t in ta[p1:p2] if WORD.match(t.text))
        # from “x” to “y”: anchors in the same segment
        start_anchor = None
        if p1 > 0 and ta[p1 - 1].segment == ta[p1].segment:
            start_anchor = _anchor_before(ta, p1)
        end_anchor = None
        if p2 < len(ta) and ta[p2].segment == ta[p2 - 1].segment:
            end_anchor = _anchor_after(ta, p2)
        first_line = a.line(s)
        last_line = a.line(e - 1)
        start_w: Words | None = None
        cite_from: int | None = None
        if start_anchor is not None:
            sl = a.line(start_anchor[0])
            start_w = self.words(start_anchor[0], start_anchor[1], sl)
            cite_from = start_anchor[0]
            from_ok = True
        else:
            from_ok = first_line.start == s  # "from beginning" of the cited line
            cite_from = s
        end_w: Words | None = None
        end_line_obj = last_line
        if end_anchor is not None:
            end_line_obj = a.line(end_anchor[0])
            after = start_anchor[1] if start_anchor is not None else first_line.start
            end_w = self.words(end_anchor[0], end_anchor[1], end_line_obj, after=after)
            to_ok = True
        else:
            to_ok = last_line.end == e  # "to end of line N"
        # a range keeps the numbers of the provisions it runs across (apply leaves labels
        # alone), so words that run into another provision are quoted in full
        if from_ok and to_ok and not self.numbered_between(s, e) and cite_from is not None:
            cl = a.line(cite_from)
            end_line = end_line_obj.number if end_line_obj is not cl else None
            end_page = end_line_obj.page if end_line_obj.page != cl.page else None
            if end_page is not None:
                end_line = end_line_obj.number
            ranged.append(
                Amendment(
                    "",
                    (
                        LeaveOutRange(
                            start_w, end_w, end_line=end_line, insert=ins, end_page=end_page
                        ),
                    ),
                    self.target(i, cite_from),
                )
            )
        if nwords > QUOTE_IN_FULL:
            return [*ranged, full]
        return [full, *ranged]


_CLOSING_MARKS = "”’\"'"
_NUMBERISH = re.compile(r"[0-9]+[A-Z]*|[()]")
_REF = AKN + "ref"

#: operations that name whole provisions rather than quote words
_BY_NAME = (LeaveOutProvisions, LeaveOutClause, LeaveOutSchedule, NewClause, NewSchedule)


#: a provision's number standing as words: at the start of inserted words, or after a stop,
#: semicolon, colon or dash ("— (a)", "; (f)")
_NUMBER_AS_WORDS = re.compile(r"(?:^|[.;:—]\s*)[“‘\"]?\([a-zA-Z0-9]{1,5}\)(?=\s|$)")


def _units_as_words(amendment: Amendment) -> bool:
    """Does the amendment put a new provision in as words (“(f)”, “— (a) the …”)? New
    provisions go in as structure, or with a provision put in again whole."""
    return any(
        isinstance(words := getattr(op, "insert", None), str)
        and _NUMBER_AS_WORDS.search(words)
        and not (isinstance(op, Substitute) and _NUMBER_AS_WORDS.match(op.words.text))
        for op in amendment.operations
    )


def _in_quotation(side: Side, i: int) -> bool:
    k = side.parent[i]
    while k >= 0:
        if side.kind[k] == "quoted structure":
            return True
        k = side.parent[k]
    return False


def _reads_back(amendment: Amendment) -> bool:
    """Does this amendment's wording read back as the same amendment? Inserted words that
    look like numbered units (“— (a) to the registered provider”) are read as structure, and
    quoted words whose own quotation marks do not pair up (a print's “ where ” was meant)
    may end the quotation early or late, so such words cannot be carried by words. Words that
    are only a quotation mark (“””) cannot be quoted at all."""
    try:
        again = parse_amendment(render(amendment), amendment.number)
    except WordingError:
        return False
    inserted = [getattr(op, "insert", None) for op in amendment.operations]
    must_match = any(isinstance(words, str) for words in inserted) or any(
        _QUOTE_MARKS.search(w.text) for op in amendment.operations for w in _quoted(op)
    )
    return again == amendment or not must_match


_QUOTE_MARKS = re.compile('[“”"]')


def _quoted(op: Operation) -> Iterator[Words]:
    """The bill's words an operation quotes (anchors, words left out)."""
    for value in vars(op).values():
        if isinstance(value, Words):
            yield value


def _inserted_units(
    old: etree._Element, new: etree._Element, old_refs: dict[str, str], new_refs: dict[str, str]
) -> list[etree._Element]:
    """The numbered units inside ``new`` (a quotation, or a unit of one) that have no
    counterpart among ``old``'s units. Units are matched by their words without their own
    numbers (so a unit renumbered is the same unit); among units that differ, each old one
    goes with the next new one that has most of its words, and those are looked into."""
    olds, news = _units_in(old), _units_in(new)
    if not olds:
        return []  # units that would open a body of words, not stand beside units
    wa = [_unit_words(u, old_refs) for u in olds]
    wb = [_unit_words(u, new_refs) for u in news]
    out: list[etree._Element] = []
    matcher = SequenceMatcher(None, [" ".join(w) for w in wa], [" ".join(w) for w in wb], False)
    for kind, i1, i2, j1, j2 in matcher.get_opcodes():
        if kind not in ("insert", "replace") or i2 - i1 > j2 - j1:
            continue
        pairs = _pairs(wa[i1:i2], wb[j1:j2])
        if pairs is None:
            continue
        partner = {n: i1 + x for x, n in enumerate(pairs)}
        for n, y in enumerate(news[j1:j2]):
            if n in partner:
                out.extend(_inserted_units(olds[partner[n]], y, old_refs, new_refs))
            elif block_of(y, new_refs).num.strip():
                out.append(y)
    return out


def _pairs(olds: list[list[str]], news: list[list[str]]) -> list[int] | None:
    """For each old unit's words, the new unit it goes with: the first after the last one
    taken that has most of its words (all in order when there are as many); None if one has
    none."""
    if len(olds) == len(news):
        return list(range(len(news)))
    out: list[int] = []
    k = 0
    for words in olds:
        while k < len(news) and SequenceMatcher(None, words, news[k], False).ratio() < 0.5:
            k += 1
        if k == len(news):
            return None
        out.append(k)
        k += 1
    return out


def _units_in(el: etree._Element) -> list[etree._Element]:
    """The units standing directly in ``el`` (not those of quotations in its words)."""
    return [
        c
        for c in el
        if isinstance(c.tag, str) and kind_of(c) not in (None, "quoted structure", "table")
    ]


def _unit_words(el: etree._Element, refs: dict[str, str]) -> list[str]:
    """A unit's printed words, without its own number (with those of the units in it)."""

    def printed(b: Block) -> str:
        inner = (f"{c.num} {printed(c)}" for c in b.children)
        cells = b.table.cells if b.table is not None else []
        return " ".join([b.heading, b.text, *cells, *inner, b.wrap_up])

    return TOKEN.findall(printed(block_of(el, refs)))


def _unit_tokens(
    side: Side, el: etree._Element, quotation: etree._Element, toks: list[Token]
) -> tuple[int, int]:
    """Tokens [k1, k2) of ``quotation``'s own tokens that print its unit ``el``, without the
    quotation's own marks (printed on its first and last units)."""
    span = side.pr.span_of(el)
    outer = side.pr.span_of(quotation)
    if span is None or outer is None:
        return 0, 0
    starts = [t.start for t in toks]
    k1, k2 = bisect_left(starts, span[0]), bisect_left(starts, span[1])
    if k1 < k2 and span[0] == outer[0] and toks[k1].text == quotation.get("startQuote"):
        k1 += 1
    if k1 < k2 and span[1] == outer[1] and toks[k2 - 1].text == quotation.get("endQuote"):
        k2 -= 1
    return k1, k2


#: unchanged words between two changes that a drafter takes into one amendment
_JOIN_ACROSS = 2
#: the longest quotation (in tokens, its marks included) taken in whole for a change of its
#: marks; a longer one keeps to the words beside the mark
_WHOLE_QUOTATION = 12
_MARKS = frozenset('“”"')
_OPENS_AFTER = frozenset(" ([{—–-“‘/")


def _partners(toks: list[Token], text: str) -> dict[int, int]:
    """Each quotation mark's partner among ``toks`` (opening to closing and back), within a
    segment. A straight mark opens after a space, bracket or dash and closes elsewhere."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    segment = -1
    for k, t in enumerate(toks):
        if t.segment != segment:
            stack, segment = [], t.segment
        if t.text not in _MARKS:
            continue
        if t.text == "“" or (t.text == '"' and (t.start == 0 or text[t.start - 1] in _OPENS_AFTER)):
            stack.append(k)
        elif stack:
            opening = stack.pop()
            pairs[opening], pairs[k] = k, opening
    return pairs


def _reach(pairs: dict[int, int], a: int, b: int) -> tuple[int, int]:
    """Tokens [a, b) and the short quotations whose marks stand in them."""
    lo, hi = a, b
    for k in range(a, b):
        other = pairs.get(k)
        if other is not None and abs(other - k) < _WHOLE_QUOTATION:
            lo, hi = min(lo, k, other), max(hi, k + 1, other + 1)
    return lo, hi


def _whole_quotations(
    ops: list[Op], ta: list[Token], tb: list[Token], a_text: str, b_text: str
) -> list[Op]:
    """A change of quotation marks takes in the words they quote, up to the other mark, as a
    drafter quotes them: “leave out “"107(6)"” and insert ““107(6)”””, not a lone “"107” and
    “6A)"”. Changes that a quotation so taken in reaches go with it."""
    pa, pb = _partners(ta, a_text), _partners(tb, b_text)
    out = list(ops)
    k = 0
    while k < len(out):
        kind, i1, i2, j1, j2 = out[k]
        lo_i, hi_i = _reach(pa, i1, i2)
        lo_j, hi_j = _reach(pb, j1, j2)
        if kind == "equal" or (lo_i, hi_i, lo_j, hi_j) == (i1, i2, j1, j2):
            k += 1
            continue
        if (i1 > lo_i or j1 > lo_j) and k > 0:
            pkind, pi1, pi2, pj1, pj2 = out[k - 1]
            n = max(i1 - lo_i, j1 - lo_j)
            if pkind == "equal" and pi2 - pi1 > n:
                out[k - 1] = ("equal", pi1, pi2 - n, pj1, pj2 - n)
                out[k] = (kind, i1 - n, i2, j1 - n, j2)
            else:  # the whole of the run before goes in
                out[k - 1 : k + 1] = [(kind, pi1, i2, pj1, j2)]
                k -= 1
            out[k] = _kind_of(out[k])
            continue
        if (i2 < hi_i or j2 < hi_j) and k + 1 < len(out):
            nkind, ni1, ni2, nj1, nj2 = out[k + 1]
            n = max(hi_i - i2, hi_j - j2)
            if nkind == "equal" and ni2 - ni1 > n:
                out[k + 1] = ("equal", ni1 + n, ni2, nj1 + n, nj2)
                out[k] = (kind, i1, i2 + n, j1, j2 + n)
            else:
                out[k : k + 2] = [(kind, i1, ni2, j1, nj2)]
            out[k] = _kind_of(out[k])
            continue
        k += 1  # at an end of the text: as far as it goes
    return out


def _within(ops: list[Op], outer: Op) -> list[Op]:
    """The changes of ``ops`` that ``outer`` took in, with the unchanged words between them
    (those at either end cut to ``outer``)."""
    _, lo_i, hi_i, lo_j, hi_j = outer
    out: list[Op] = []
    for kind, i1, i2, j1, j2 in ops:
        if kind != "equal":
            if lo_i <= i1 and i2 <= hi_i and lo_j <= j1 and j2 <= hi_j:
                out.append((kind, i1, i2, j1, j2))
            continue
        a, b = max(i1, lo_i), min(i2, hi_i)
        if a < b:
            out.append(("equal", a, b, j1 + a - i1, j1 + b - i1))
    return out


def _kind_of(op: Op) -> Op:
    _, i1, i2, j1, j2 = op
    kind = "replace" if i2 > i1 and j2 > j1 else "delete" if i2 > i1 else "insert"
    return (kind, i1, i2, j1, j2)


def _joined(ops: list[Op], ta: list[Token]) -> list[Op]:
    """Changes a word or two apart, in one run of words, go as one: “a housing provider” to
    “a registered provider of social housing” is “leave out “housing provider” and insert
    “registered provider of social housing””, not an insertion after “a” and a second
    amendment leaving out “provider”."""
    out: list[Op] = []
    for op in ops:
        if op[0] != "equal" and len(out) >= 2 and out[-1][0] == "equal" and out[-2][0] != "equal":
            gap, prev = out[-1], out[-2]
            if (
                gap[2] - gap[1] <= _JOIN_ACROSS
                and len({t.segment for t in ta[prev[1] : op[2]]}) == 1
            ):
                out[-2:] = [("replace", prev[1], op[2], prev[3], op[4])]
                continue
        out.append(op)
    return out


def _squashed(text: str) -> str:
    return " ".join(text.split())


def _next_sibling(side: Side, i: int) -> int:
    p = side.parent[i]
    sibs = side.children[p] if p >= 0 else [k for k in range(len(side)) if side.parent[k] < 0]
    pos = sibs.index(i)
    return sibs[pos + 1] if pos + 1 < len(sibs) else -1


def _numbered(a: Amendment, number: str) -> Amendment:
    return replace(a, number=number)


def _has_word(t: list[Token], a: int, b: int) -> bool:
    return any(WORD.match(x.text) for x in t[a:b])


def _bracketed(t: list[Token], a: int, b: int) -> bool:
    """Tokens [a, b) are one short label in brackets, "(b)": quote it with them."""
    return (
        b == a + 1
        and a > 0
        and b < len(t)
        and t[a - 1].text == "("
        and t[b].text == ")"
        and len(t[a].text) <= 4
        and t[a - 1].segment == t[a].segment == t[b].segment
    )


def _span_tokens(text: str, span: tuple[int, int]) -> Iterator[Token]:
    for m in TOKEN.finditer(text, span[0], span[1]):
        yield new_token(Token, (*m.span(), m.group(), 0))


def _by_segment(ta: list[Token], i1: int, i2: int) -> list[tuple[int, int]]:
    if i2 <= i1:
        return [(i1, i2)]
    out = []
    k = i1
    while k < i2:
        e = k
        while e + 1 < i2 and ta[e + 1].segment == ta[k].segment:
            e += 1
        out.append((k, e + 1))
        k = e + 1
    return out


def _anchor_before(ta: list[Token], p: int) -> tuple[int, int]:
    """The words just before token ``p``: back to a word (so that an anchor is not a bare
    comma), within the segment."""
    k = p - 1
    seg = ta[k].segment
    while k > 0 and not WORD.match(ta[k].text) and ta[k - 1].segment == seg and p - k < 3:
        k -= 1
    if k > 0 and _bracketed(ta, k, k + 1) and k + 1 < p:  # “(a)”, not “a)”
        k -= 1
    return ta[k].start, ta[p - 1].end


def _anchor_after(ta: list[Token], p: int) -> tuple[int, int]:
    k = p
    seg = ta[k].segment
    while k + 1 < len(ta) and not WORD.match(ta[k].text) and ta[k + 1].segment == seg and k - p < 2:
        k += 1
    if k > p and _bracketed(ta, k, k + 1):  # “(b)”, not “(b”
        k += 1
    return ta[p].start, ta[k].end


def _last_token_before(text: str, point: int) -> tuple[int, int] | None:
    found = None
    for m in TOKEN.finditer(text, max(0, point - 80), point):
        found = m
    if found is None:
        return None
    # a whole word, not a bare mark
    return found.start(), found.end()


def _first_token_after(text: str, point: int) -> tuple[int, int] | None:
    m = TOKEN.search(text, point, min(len(text), point + 80))
    return (m.start(), m.end()) if m else None
