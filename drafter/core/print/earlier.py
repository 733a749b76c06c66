"""What a new print keeps of an earlier print of the same bill.

The House does not set a reprint afresh: a line whose words did not change keeps its
breaks, and a page whose first line is still there starts with it again (pages have room to
take a line more or less). Only what an amendment changed is set again, and a page that can
no longer hold what it has runs on to a new one; later pages fall back into step once their
first lines come round. (Social Housing (Regulation) Bill: HL Bill 60, the reprint of HL Bill
54, starts 36 of its 55 pages on a line that starts a page of HL54.)

:func:`kept_lines` finds those lines: the earlier print's text is aligned with the new text
(diff-match-patch, in C), and each earlier line that lies whole in a stretch the two share,
from word to word, is kept, with its page and line there. :func:`drafter.core.print.linebreak.
lay_out` then sets the new print around them."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from typing import NamedTuple

from fast_diff_match_patch import diff as dmp_diff

from drafter.core.print.lines import Line


class KeptLine(NamedTuple):
    """A line of the earlier print that the new print keeps as it was."""

    start: int  # its span in the new print's text
    end: int
    #: its spans there: one, or one for each table cell the line holds a piece of
    fragments: tuple[tuple[int, int], ...]
    page: int  # where it stood in the earlier print
    number: int
    #: how many printed lines it took there (LawMaker leaves out the marker of a line that a
    #: text runs on to: "page 5 has no line 4"), so that the lines after it keep their numbers
    height: int
    #: it was the first line of its page …
    page_start: bool
    #: … which held this many printed lines
    page_lines: int


def kept_lines(earlier: list[Line], earlier_text: str, text: str) -> list[KeptLine]:
    """The lines of an earlier print (its lines and text) that ``text`` still has, word for
    word and in order, with the word that followed (a line is set by what fits on it), as
    spans of ``text`` (a table's line: each of its cells' pieces)."""
    runs = _shared_runs(earlier_text, text)
    if not runs:
        return []
    old_starts = [r[0] for r in runs]
    page_lines: dict[int, int] = {}
    for line in earlier:  # the number of each page's last line
        page_lines[line.page] = line.number
    kept: list[KeptLine] = []
    for k, line in enumerate(earlier):
        fragments = [(a, b) for a, b in line.fragments if b > a]
        if len(fragments) == 1:  # the word after it too: had it changed, more might fit
            a, b = fragments[0]
            word_after = earlier_text.find(" ", b + 1)
            moved = _moved(
                a, len(earlier_text) if word_after == -1 else word_after, runs, old_starts, text
            )
            spans = [(moved[0], moved[0] + b - a) if moved else None]
        else:
            spans = [_moved(a, b, runs, old_starts, text) for a, b in fragments]
        if not spans or None in spans:
            continue  # some of its words changed
        kept_spans = tuple(span for span in spans if span is not None)
        following = earlier[k + 1] if k + 1 < len(earlier) else None
        same_page = following is not None and following.page == line.page
        height = following.number - line.number if following and same_page else 1
        first = k == 0 or earlier[k - 1].page != line.page
        kept.append(
            KeptLine(
                kept_spans[0][0],
                kept_spans[-1][1],
                kept_spans,
                line.page,
                line.number,
                max(height, 1),
                first,
                page_lines[line.page],
            )
        )
    return kept


def _moved(
    a: int, b: int, runs: list[tuple[int, int, int]], old_starts: list[int], text: str
) -> tuple[int, int] | None:
    """Where the earlier print's words ``a``–``b`` stand in ``text``, if they are there
    unchanged, from word to word; else None."""
    r = bisect_right(old_starts, a) - 1
    if r < 0:
        return None
    old_start, old_end, new_start = runs[r]
    if b > old_end:
        return None
    start = new_start + a - old_start
    end = start + b - a
    if (start and text[start - 1] != " ") or (end < len(text) and text[end] != " "):
        return None  # a word of it runs on into words that changed
    return start, end


def _shared_runs(old: str, new: str) -> list[tuple[int, int, int]]:
    """The stretches the two texts share: (start, end) in ``old`` and start in ``new``."""
    runs: list[tuple[int, int, int]] = []
    i = j = 0
    # each word on a "line" of its own (the same length, so offsets hold): diff-match-patch
    # then matches words before characters, ten times faster on a big bill
    words_old, words_new = old.replace(" ", "\n"), new.replace(" ", "\n")
    for op, count in dmp_diff(words_old, words_new, timelimit=0, checklines=True, counts_only=True):
        if op == "=":
            runs.append((i, i + count, j))
            i += count
            j += count
        elif op == "-":
            i += count
        else:
            j += count
    return runs


class Carried(NamedTuple):
    """How a new print's lines stand against an earlier print's: where they were (the same
    words at the same page and line), moved (the same words elsewhere), or new."""

    kept: int
    moved: int
    new: int

    def describe(self) -> str:
        total = self.kept + self.moved + self.new
        return (
            f"{self.kept:,} of {total:,} lines where they were in the earlier print, "
            f"{self.moved:,} moved to another page or line, {self.new:,} with new words or "
            "broken anew"
        )


def carried(earlier: list[Line], lines: list[Line]) -> Carried:
    """Count, for each line of a new print, whether the earlier print had it, and where."""
    places = {(line.page, line.number): line.text for line in earlier}
    texts = Counter(line.text for line in earlier)
    kept = moved = new = 0
    for line in lines:
        if places.get((line.page, line.number)) == line.text:
            kept += 1
        elif texts[line.text] > 0:
            texts[line.text] -= 1  # each earlier line moves to one place
            moved += 1
        else:
            new += 1
    return Carried(kept, moved, new)
