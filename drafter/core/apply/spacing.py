"""Where words left out or put in meet the words beside them (or each other), spaced as the
House prints them: worked out on the print, for all the edits at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from drafter.core.print.reading import CLOSING_PUNCTUATION

# The House's spacing where words left out or put in meet the words beside them: no space
# after an opening mark, none before a closing one. An em dash closes up to the word before
# it; one that ends inserted words opens what follows (“in particular—the court”), while the
# print's own dashes are followed by the list they introduce. A ’ that begins inserted words
# may stand apart (“’s”).
_OPENS = frozenset("([“‘")
_OPENS_WORDS = _OPENS | {"—"}
_CLOSES = CLOSING_PUNCTUATION | {"—"}
_CLOSES_WORDS = _CLOSES - {"’"}


@dataclass(frozen=True)
class Joined:
    """Words left out (``start``–``end``) or put in at one place, as spacing sees them."""

    start: int
    end: int
    words: str  # put in after what is left out ("" for none)
    fresh: bool  # put in between words, not in place of words left out
    seq: int


@dataclass
class Spacing:
    """How the words that meet at each edit are spaced (:func:`_spacing`)."""

    gone: set[int] = field(default_factory=set)  # print offsets of the spaces that go
    lead: set[int] = field(default_factory=set)  # seqs of words put in that need a space before
    trail: set[int] = field(default_factory=set)  # … and after


def spacing_of(text: str, joins: Sequence[Joined]) -> Spacing:
    """Which of the print's spaces go and where words put in need one, so that the words that
    meet at the edits (of all the amendments at once: edits side by side meet each other) are
    spaced as the House prints them. One space where the words either side had one, or where
    new words stand between words; none after an opening mark or before a closing one; and
    words that were glued stay glued ("section 194B(2)" in place of "section 194A(2)")."""
    plan = Spacing()
    order = sorted(joins, key=lambda j: (j.start, j.start != j.end, j.seq))
    clusters: list[list[Joined]] = []
    reach = -1
    for j in order:  # edits with nothing but spaces between them meet
        if clusters and not text[reach : j.start].strip(" "):
            clusters[-1].append(j)
        else:
            clusters.append([j])
        reach = max(reach, j.end)
    for cluster in clusters:
        lo, hi = cluster[0].start, max(j.end for j in cluster)
        while lo > 0 and text[lo - 1] == " ":
            lo -= 1
        while hi < len(text) and text[hi] == " ":
            hi += 1
        left, left_words = text[lo - 1 : lo], None
        spaces: list[int] = []
        between = False  # new words stand in this gap between words
        cursor = lo
        for j in cluster:
            spaces += [q for q in range(cursor, j.start) if text[q] == " "]
            cursor = max(cursor, j.end)
            if j.words:
                _gap(plan, (left, left_words), spaces, between or j.fresh, (j.words[0], j))
                spaces, between = [], j.fresh
                left, left_words = j.words[-1], j
        spaces += [q for q in range(cursor, hi) if text[q] == " "]
        _gap(plan, (left, left_words), spaces, between, (text[hi : hi + 1], None))
    return plan


def _gap(
    plan: Spacing,
    left: tuple[str, Joined | None],
    spaces: list[int],
    between: bool,
    right: tuple[str, Joined | None],
) -> None:
    """One place where words meet: the character either side (and the words put in it
    belongs to), the print's spaces there, and whether new words stand between words."""
    (before, left_words), (after, right_words) = left, right
    opens = _OPENS_WORDS if left_words else _OPENS
    closes = _CLOSES_WORDS if right_words else _CLOSES
    if not (before and after and before not in opens and after not in closes):
        plan.gone.update(spaces)
    elif between and not spaces:
        if right_words is not None:
            plan.lead.add(right_words.seq)
        elif left_words is not None:
            plan.trail.add(left_words.seq)
    # else the print's space stays, or words glued stay glued
