"""300 amendments drafted at random against HL54, of every form, carried onto HL60 (issue 19):
each one drafter carries (unchanged or re-cited) must make in HL60 the very change it made in
HL54 — the same words out, the same words in, between the same words — and the count of each
verdict is printed."""

from __future__ import annotations

import os
import random
import re
from collections import Counter
from difflib import SequenceMatcher

from drafter.core.amendment import (
    Amendment,
    Block,
    InsertAfter,
    InsertBefore,
    LeaveOut,
    LeaveOutLines,
    LeaveOutProvisions,
    LeaveOutRange,
    NewClause,
    Operation,
    Substitute,
)
from drafter.core.apply import apply
from drafter.core.bill import Bill
from drafter.core.paper import Paper, entry_from_amendment
from drafter.core.print.reading import printed_text
from drafter.core.rebase import rebase
from drafter.core.resolve import check, cite_words, citing, resolve
from tests.conftest import require_shared, shared_data_dir

COUNT = 300
SEED = int(os.environ.get("DRAFTER_REBASE_SEED", "19"))
WORD = re.compile(r"[\w’]+")
NUMERAL = re.compile(r"\b\d+[A-Z]{0,3}\b")
FORMS = ("leave out", "substitute", "after", "before", "range", "lines", "provision", "clause")


def _load(name: str) -> Bill:
    return Bill.load(require_shared(shared_data_dir() / "bills" / name))


def _draw(old: Bill, rng: random.Random, number: int) -> Amendment | None:
    """One amendment of a random form at a random place of the bill's body (None when the
    place drawn does not suit the form)."""
    pr = old.print
    form = rng.choice(FORMS)
    if form == "clause":
        after = rng.choice(old.clauses).number
        unit = Block(heading=f"Zqreview {number}", text=f"The zqminister must review {number}.")
        return Amendment(str(number), (NewClause(unit, after=after),))
    if form == "provision":
        provision = rng.choice([p for p in old.provisions() if p.kind == "subsection"])
        span = old.span_of(provision.element)
        if span is None or provision.in_quotation:
            return None
        line = pr.line_at(span[0])
        op: Operation = LeaveOutProvisions("subsection", (provision.number,))
        return Amendment(str(number), (op,), citing(old, line))
    line = rng.choice(pr.lines)
    words = list(WORD.finditer(line.text))
    if len(words) < 3:
        return None
    target = citing(old, line)
    if form == "lines":
        return Amendment(str(number), (LeaveOutLines(line.number, line.number),), target)
    i = rng.randrange(len(words) - 1)
    n = min(rng.choice((1, 1, 2, 3)), len(words) - i)
    start, end = line.start + words[i].start(), line.start + words[i + n - 1].end()
    cited = cite_words(old, target, start, end)
    if cited is None:
        return None
    if form == "range":
        far = line.start + words[-1].start()
        last = cite_words(old, target, far, line.start + words[-1].end())
        if last is None or far <= end:
            return None
        return Amendment(str(number), (LeaveOutRange(cited, last),), target)
    new_words = f"zqnew{number}"
    ops = {
        "leave out": LeaveOut(cited),
        "substitute": Substitute(cited, new_words),
        "after": InsertAfter(cited, new_words),
        "before": InsertBefore(cited, new_words),
    }
    return Amendment(str(number), (ops[form],), target)


def random_amendments(old: Bill) -> list[Amendment]:
    """COUNT amendments of every form drawn (with SEED) against ``old``, each one fitting it."""
    rng = random.Random(SEED)
    out: list[Amendment] = []
    number = 0
    while len(out) < COUNT:
        number += 1
        a = _draw(old, rng, number)
        if a is not None and check(old, a) == "ok":
            out.append(a)
    return out


def _top(bill: Bill, a: Amendment) -> str:
    """The GUID of the clause or Schedule ``a`` bites in."""
    r = resolve(bill, a)[0]
    at = r.start if r.start < len(bill.print.text) else r.start - 1
    for p in bill.clauses + bill.schedules:
        span = bill.span_of(p.element)
        if span and span[0] <= at < span[1]:
            return p.element.get("GUID") or ""
    return ""


def _words(bill: Bill, guid: str) -> list[str]:
    for p in bill.clauses + bill.schedules:
        if p.element.get("GUID") == guid:
            return printed_text(p.element).split()
    return []


def _change(before: list[str], after: list[str]) -> list[tuple[int, str, str]]:
    """What turned ``before`` into ``after``: where each change begins in ``before`` (a word
    index), and its words out and in."""
    sm = SequenceMatcher(None, before, after, autojunk=False)
    return [
        (i1, " ".join(before[i1:i2]), " ".join(after[j1:j2]))
        for kind, i1, i2, j1, j2 in sm.get_opcodes()
        if kind != "equal"
    ]


def _carried_over(old: list[str], new: list[str]) -> dict[int, int]:
    """Each word index of the old clause that the new one keeps, and its index there."""
    sm = SequenceMatcher(None, old, new, autojunk=False)
    out = {}
    for kind, i1, i2, j1, _ in sm.get_opcodes():
        if kind == "equal":
            out.update({i: j1 + i - i1 for i in range(i1, i2 + 1)})
    return out


def _marks(text: str) -> str:
    """Words as the change is compared: one kind of quotation mark, and no spacing (a print's
    straight mark is spaced as it may open or close)."""
    return "".join(text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})).split())


def _unnumbered(changes: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    return [(i, NUMERAL.sub("#", out), NUMERAL.sub("#", put)) for i, out, put in changes]


def _guid_at(bill: Bill, a: Amendment) -> str:
    """The GUID of the provision an amendment leaving out provisions names."""
    eid = resolve(bill, a)[0].eid
    return next((el.get("GUID", "") for el in bill.root.iter() if el.get("eId") == eid), "")


def test_random_amendments_carried_onto_the_next_print_make_the_same_change() -> None:
    old = _load("social-housing-regulation-bill-hl54.xml")
    new = _load("social-housing-regulation-bill-hl60.xml")
    drawn = random_amendments(old)
    paper = Paper(entries=tuple(entry_from_amendment(a) for a in drawn))
    carried_paper, carried = rebase(paper, old, new)
    counts = Counter(c.verdict for c in carried)
    forms = Counter(type(a.operations[0]).__name__ for a in drawn)
    print(f"\n{COUNT} amendments (seed {SEED}), by form: {dict(forms)}")
    print(f"verdicts: {dict(counts)}")
    assert len(carried) == COUNT
    assert counts["unchanged"] + counts["re-cited"] > COUNT // 2
    by_number = {e.number: e.amendment for e in carried_paper.entries}
    wrong = []
    for a, c in zip(drawn, carried, strict=True):
        if c.verdict not in ("unchanged", "re-cited"):
            assert c.reason, c
            continue
        moved = by_number[a.number]
        first = a.operations[0]
        if isinstance(first, NewClause):  # after the same clause, as the new print numbers it
            anchor = old.find(f"Clause {first.after}").element.get("GUID")
            again = moved.operations[0]
            assert isinstance(again, NewClause)
            assert new.find(f"Clause {again.after}").element.get("GUID") == anchor
            continue
        if isinstance(first, LeaveOutProvisions):  # the same provision, whatever it says
            if _guid_at(old, a) != _guid_at(new, moved):
                wrong.append((c.old, c.new, "another provision", ""))
            continue
        guid = _top(old, a)
        made_old, _ = apply(old, [a], lay_out=False)
        made_new, _ = apply(new, [moved], lay_out=False)
        before_old, before_new = _words(old, guid), _words(new, guid)
        was = _change(before_old, _words(made_old, guid))
        now = _change(before_new, _words(made_new, guid))
        over = _carried_over(before_old, before_new)
        # the same words out and in, where the old place went in the new clause (lines and
        # the words inside a range are not quoted: a reprint may have renumbered them)
        # (the kind of quotation mark beside the words is not the amendment's change)
        expected = [(over.get(i, -1), out, put) for i, out, put in was]
        if isinstance(first, (LeaveOutLines, LeaveOutRange)):
            expected, now = _unnumbered(expected), _unnumbered(now)
        expected = [(i, _marks(out), _marks(put)) for i, out, put in expected]
        now = [(i, _marks(out), _marks(put)) for i, out, put in now]
        if expected != now:
            wrong.append((c.old, c.new, str(expected), str(now)))
    assert wrong == []
