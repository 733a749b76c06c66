"""What changed between two versions of an amendment paper, as the Public Bill Office checks
each new list against the last: amendments added and withdrawn, names added and removed,
stars, status, and wording (a word diff, the explanatory statement apart).

Amendments are matched by number (a draft list's reference, "[HoC18]", is its number). The
checks LawChecker makes are made too: both papers for the same bill, the old one not the
newer by its date, and an amendment whose words cannot be read reported, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.core.bill import same_name
from drafter.core.compare.words import diff_words
from drafter.core.outline import TOKEN
from drafter.core.paper import Entry, Paper, known, structure_lines
from drafter.core.phrases import counted
from drafter.core.resolve import fold

#: a word diff as segments: ("=", words kept), ("-", words left out), ("+", words put in)
Segments = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class NamesChanged:
    """Names added to and taken off an amendment, and its proposer (the first name) when
    that changed: (as it was, as it is)."""

    number: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    proposer: tuple[str, str] | None = None


@dataclass(frozen=True)
class Shift:
    """A star or a status, as it was and as it is ("" for no star)."""

    number: str
    old: str
    new: str


@dataclass(frozen=True)
class Reworded:
    """An amendment whose words changed: the word diff of its text, and of its explanatory
    statement (each empty when it did not change)."""

    number: str
    diff: Segments
    statement: Segments = ()


@dataclass(frozen=True)
class PaperChanges:
    """Everything that changed from ``old`` to ``new`` (two versions of a paper)."""

    added: tuple[str, ...]
    #: no longer on the paper (withdrawn, or disposed of and left off a marshalled list)
    removed: tuple[str, ...]
    names: tuple[NamesChanged, ...]
    stars: tuple[Shift, ...]
    status: tuple[Shift, ...]
    changed: tuple[Reworded, ...]
    #: what the checks found: another bill or print, the wrong order, a number twice
    warnings: tuple[str, ...]
    #: amendments whose words could not be read: (number, why); compared by what could be
    unread: tuple[tuple[str, str], ...]
    #: each amendment added or removed: its proposer and its words, whole
    about: dict[str, str]

    @property
    def identical(self) -> bool:
        return not (
            self.added or self.removed or self.names or self.stars or self.status or self.changed
        )

    @property
    def reworded(self) -> tuple[Reworded, ...]:
        return tuple(r for r in self.changed if r.diff)

    @property
    def restated(self) -> tuple[Reworded, ...]:
        return tuple(r for r in self.changed if r.statement)

    def summary(self) -> str:
        """The counts, in one line: "2 added, 1 removed, names changed on 3, …"."""
        return ", ".join(
            [
                f"{len(self.added)} added",
                f"{len(self.removed)} removed",
                f"names changed on {len(self.names)}",
                counted(len(self.stars), "star") + " changed",
                f"{len(self.status)} status{'es' if len(self.status) != 1 else ''} changed",
                f"{len(self.reworded)} reworded",
                counted(len(self.restated), "statement") + " changed",
            ]
        )


def compare_papers(
    old: Paper, new: Paper, old_name: str = "the old paper", new_name: str = "the new paper"
) -> PaperChanges:
    """What changed from ``old`` to ``new``, amendment by amendment (names for messages)."""
    warnings = [*_checks(old, new, old_name, new_name)]
    before = _by_number(old, old_name, warnings)
    after = _by_number(new, new_name, warnings)
    names: list[NamesChanged] = []
    stars: list[Shift] = []
    status: list[Shift] = []
    changed: list[Reworded] = []
    for number, entry in after.items():
        was = before.get(number)
        if was is None:
            continue
        old_names, new_names = _names(was), _names(entry)
        added = tuple(n for n in new_names if n not in old_names)
        removed = tuple(n for n in old_names if n not in new_names)
        lead = (old_names[:1] or [""])[0], (new_names[:1] or [""])[0]
        proposer = lead if lead[0] != lead[1] and all(lead) else None
        if added or removed or proposer:
            names.append(NamesChanged(number, added, removed, proposer))
        if was.star != entry.star:
            stars.append(Shift(number, was.star, entry.star))
        if was.amendment.status is not entry.amendment.status:
            status.append(Shift(number, was.amendment.status.value, entry.amendment.status.value))
        before_words, words = wording_of(was), wording_of(entry)
        before_said, said = (
            was.amendment.explanatory_statement,
            entry.amendment.explanatory_statement,
        )
        if before_words != words or before_said != said:  # most are as they were: no diff
            text = word_diff(before_words, words)
            statement = word_diff(before_said, said)
            if _differs(text) or _differs(statement):
                changed.append(
                    Reworded(
                        number,
                        text if _differs(text) else (),
                        statement if _differs(statement) else (),
                    )
                )
    unread = dict.fromkeys(  # the same amendment unread on both sides is said once
        (e.number, e.problem) for paper in (old, new) for e in paper.entries if e.problem
    )
    gone = tuple(n for n in before if n not in after)
    came = tuple(n for n in after if n not in before)
    about = {n: _about(before[n]) for n in gone} | {n: _about(after[n]) for n in came}
    return PaperChanges(
        added=came,
        removed=gone,
        names=tuple(names),
        stars=tuple(stars),
        status=tuple(status),
        changed=tuple(changed),
        warnings=tuple(warnings),
        unread=tuple(unread),
        about=about,
    )


def wording_of(entry: Entry) -> str:
    """An amendment's words as printed: its instruction, what it puts in, what follows."""
    lines = [entry.wording, *structure_lines(entry, 0), entry.after]
    # a heading's mark in the text format ("# Review …") is not printed
    return " ".join(" ".join(line.split()).removeprefix("# ") for line in lines if line.strip())


def _about(entry: Entry) -> str:
    """Its proposer and its words, whole: a document shows them all, a terminal clips them."""
    who = entry.amendment.sponsors[0] if entry.amendment.sponsors else ""
    words = wording_of(entry)
    return f"{who}: {words}" if who else words


def word_diff(old: str, new: str) -> Segments:
    """The word diff of two texts, as segments of their own words, each with the space
    before it as the text has it. Words are compared with their typography folded: a
    straight quotation mark for a curly one is no change of wording."""
    a, b = list(TOKEN.finditer(old)), list(TOKEN.finditer(new))
    ops = diff_words([fold(m.group()) for m in a], [fold(m.group()) for m in b])

    def text(source: str, tokens: list[re.Match[str]], i: int, j: int) -> str:
        start = tokens[i - 1].end() if i else tokens[i].start()
        return source[start : tokens[j - 1].end()]

    out: list[tuple[str, str]] = []
    for kind, i1, i2, j1, j2 in ops:
        if kind == "equal":
            out.append(("=", text(new, b, j1, j2)))
            continue
        if i2 > i1:
            out.append(("-", text(old, a, i1, i2)))
        if j2 > j1:
            out.append(("+", text(new, b, j1, j2)))
    return tuple(out)


def spaced(segments: Segments) -> list[tuple[str, str, str]]:
    """The segments with the space each is printed after (one space, or none), and its
    words: (kind, space, words)."""
    out: list[tuple[str, str, str]] = []
    for kind, words in segments:
        stripped = words.lstrip()
        if stripped:
            out.append((kind, " " if len(stripped) < len(words) and out else "", stripped))
    return out


def marked(segments: Segments) -> str:
    """A word diff as git's --word-diff writes it: [-left out-]{+put in+}."""
    shown = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}
    return "".join(space + shown[kind].format(words) for kind, space, words in spaced(segments))


def _differs(segments: Segments) -> bool:
    return any(kind != "=" for kind, _ in segments)


def _names(entry: Entry) -> list[str]:
    return [" ".join(name.split()) for name in entry.amendment.sponsors if name.strip()]


def _by_number(paper: Paper, name: str, warnings: list[str]) -> dict[str, Entry]:
    """The paper's amendments by number (an amendment to an amendment by both: "(a) to
    NC4"); a number the paper has twice is said (the first is compared)."""
    found: dict[str, Entry] = {}
    for entry in paper.entries:
        amends = entry.amendment.target.amendment
        number = f"{entry.number} to {amends}" if amends else entry.number
        if number in found:
            warnings.append(f"{name} has amendment {number} twice: the first is compared")
            continue
        found[number] = entry
    return found


def _checks(old: Paper, new: Paper, old_name: str, new_name: str) -> list[str]:
    """LawChecker's checks on a pair of papers: for the same bill, and in date order."""
    out = []
    a, b = old.info, new.info
    titles = known(a.title), known(b.title)  # not LawMaker's placeholders ("Bill #varX")
    numbers = known(a.bill_number), known(b.bill_number)
    if all(titles) and _bill(titles[0]) != _bill(titles[1]):
        out.append(f"{old_name} is for the {titles[0]}, but {new_name} is for the {titles[1]}")
    if all(numbers) and not same_name(*numbers):
        out.append(
            f"{old_name} cites {numbers[0]} and {new_name} cites {numbers[1]}: the same page "
            "and line cite other words in each"
        )
    if a.date and b.date and a.date > b.date:
        out.append(
            f"{old_name} ({a.date}) is newer than {new_name} ({b.date}): are they the wrong "
            "way round?"
        )
    return out


def _bill(title: str) -> str:
    """A bill's title as two papers for it may give it ("Energy Bill [HL]", "Energy Bill")."""
    return " ".join(re.sub(r"\[HL\]", "", title, flags=re.I).split()).casefold()


__all__ = [
    "NamesChanged",
    "PaperChanges",
    "Reworded",
    "Shift",
    "compare_papers",
    "marked",
    "spaced",
    "word_diff",
    "wording_of",
]
