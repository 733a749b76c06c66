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

from drafter.core.compare.words import diff_words
from drafter.core.outline import TOKEN
from drafter.core.paper import Entry, Paper, structure_lines

#: a word diff as segments: ("=", words kept), ("-", words left out), ("+", words put in)
Segments = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class NamesChanged:
    """Names added to and taken off an amendment (its proposer and supporters)."""

    number: str
    added: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True)
class Shift:
    """A star or a status, as it was and as it is ("" for no star)."""

    number: str
    old: str
    new: str


@dataclass(frozen=True)
class Reworded:
    """An amendment whose words changed: the word diff of its text, and of its explanatory
    statement (empty when that did not change)."""

    number: str
    diff: Segments
    statement: Segments = ()


@dataclass(frozen=True)
class PaperChanges:
    """Everything that changed from ``old`` to ``new`` (two versions of a paper)."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    names: tuple[NamesChanged, ...]
    stars: tuple[Shift, ...]
    status: tuple[Shift, ...]
    changed: tuple[Reworded, ...]
    #: what the checks found: another bill, the wrong order, a number twice
    warnings: tuple[str, ...]
    #: amendments whose words could not be read, with why (compared by what could be)
    unread: tuple[str, ...]

    @property
    def identical(self) -> bool:
        return not (
            self.added or self.removed or self.names or self.stars or self.status or self.changed
        )

    def summary(self) -> str:
        """The counts, in one line: "2 added, 1 withdrawn, names changed on 3, …"."""
        parts = [
            f"{len(self.added)} added",
            f"{len(self.removed)} withdrawn",
            f"names changed on {len(self.names)}",
            f"{len(self.stars)} star{'s' if len(self.stars) != 1 else ''} changed",
            f"{len(self.status)} status{'es' if len(self.status) != 1 else ''} changed",
            f"{len(self.changed)} reworded",
        ]
        return ", ".join(parts)


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
        if added or removed:
            names.append(NamesChanged(number, added, removed))
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
            statement = word_diff(before_said, said) if before_said != said else ()
            if _differs(text) or _differs(statement):
                changed.append(Reworded(number, text, statement))
    unread = [
        f"{name}: {e.problem}" for name, paper in ((old_name, old), (new_name, new))
        for e in paper.entries if e.problem
    ]  # fmt: skip
    return PaperChanges(
        added=tuple(n for n in after if n not in before),
        removed=tuple(n for n in before if n not in after),
        names=tuple(names),
        stars=tuple(stars),
        status=tuple(status),
        changed=tuple(changed),
        warnings=tuple(warnings),
        unread=tuple(unread),
    )


def wording_of(entry: Entry) -> str:
    """An amendment's words as printed: its instruction, what it puts in, what follows."""
    lines = [entry.wording, *structure_lines(entry, 0), entry.after]
    return " ".join(" ".join(line.split()) for line in lines if line.strip())


def word_diff(old: str, new: str) -> Segments:
    """The word diff of two texts, as segments (words joined by single spaces)."""
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    out: list[tuple[str, str]] = []
    for kind, i1, i2, j1, j2 in diff_words(a, b):
        if kind in ("equal",):
            out.append(("=", _joined(a[i1:i2])))
            continue
        if kind in ("delete", "replace"):
            out.append(("-", _joined(a[i1:i2])))
        if kind in ("insert", "replace"):
            out.append(("+", _joined(b[j1:j2])))
    return tuple(out)


def spaced(segments: Segments) -> list[tuple[str, str, str]]:
    """The segments with the space each is printed after ("" after an opening bracket or
    quotation mark, before punctuation, and at the start): (kind, space, words)."""
    out: list[tuple[str, str, str]] = []
    last = ""
    for kind, words in segments:
        if not words:
            continue
        glued = not last or last[-1] in "([“‘" or words[0] in ".,;:)]”’"
        out.append((kind, "" if glued else " ", words))
        last = words
    return out


def marked(segments: Segments) -> str:
    """A word diff as git's --word-diff writes it: [-left out-]{+put in+}."""
    shown = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}
    return "".join(space + shown[kind].format(words) for kind, space, words in spaced(segments))


_NO_SPACE_BEFORE = re.compile(r" (?=[.,;:)\]”’])")
_NO_SPACE_AFTER = re.compile(r"(?<=[(\[“‘]) ")


def _joined(words: list[str]) -> str:
    """Tokens as words are printed: a space between them, none inside brackets and quotes
    or before punctuation."""
    return _NO_SPACE_AFTER.sub("", _NO_SPACE_BEFORE.sub("", " ".join(words)))


def _differs(segments: Segments) -> bool:
    return any(kind != "=" for kind, _ in segments)


def _names(entry: Entry) -> list[str]:
    return [" ".join(name.split()) for name in entry.amendment.sponsors if name.strip()]


def _by_number(paper: Paper, name: str, warnings: list[str]) -> dict[str, Entry]:
    """The paper's amendments by number; a number the paper has twice is said (the first
    is compared)."""
    found: dict[str, Entry] = {}
    for entry in paper.entries:
        if entry.number in found:
            warnings.append(f"{name} has amendment {entry.number} twice: the first is compared")
            continue
        found[entry.number] = entry
    return found


def _checks(old: Paper, new: Paper, old_name: str, new_name: str) -> list[str]:
    """LawChecker's checks on a pair of papers: for the same bill, and in date order."""
    out = []
    a, b = old.info, new.info
    if a.title and b.title and _bill(a.title) != _bill(b.title):
        out.append(f"{old_name} is for the {a.title}, but {new_name} is for the {b.title}")
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
