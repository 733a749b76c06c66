"""A print's lines, as the reading of a print and the line breaker both give them: the model
that the rest of drafter reads page and line from."""

from __future__ import annotations

from typing import Literal, NamedTuple

from drafter.core.collector import no_cycle_collection
from drafter.core.etree import etree

#: Where a print's lines come from: the House's ``<?L?>`` markers; markers drafter wrote (its
#: own layout, or read from the House's PDF, see ``reading.LAYOUT_PI``); ``<eol/>``/``<eop/>``;
#: or drafter's layout of a body with none of them.
Numbering = Literal["markers", "drafter", "pdf", "eol", "layout"]


class Line(NamedTuple):
    """One printed line: where it stands in the print and what it says."""

    page: int
    number: int
    start: int  # offset of the first character in Print.text
    end: int  # offset just past the last character of the first fragment
    text: str
    eid: str  # eId of the innermost provision holding the first character
    #: (start, end) spans of Print.text on this line: one, or one per table cell
    fragments: tuple[tuple[int, int], ...] = ()


class LineColumns(NamedTuple):
    """Printed lines as columns, as the print cache keeps them: a :class:`Print` made from
    them makes its :class:`Line`\\ s only when they are asked for (a comparison asks only
    where a few words stand)."""

    pages: list[int]
    numbers: list[int]
    starts: list[int]
    ends: list[int]
    eids: list[str]
    #: the fragments of lines across table cells printed side by side, by line
    tables: dict[int, tuple[tuple[int, int], ...]]

    def lines(self, text: str) -> list[Line]:
        make = tuple.__new__  # as layout builds them: ten thousand lines in a few milliseconds
        with no_cycle_collection():
            lines = [
                make(Line, (p, n, a, b, text[a:b], e, ((a, b),)))
                for p, n, a, b, e in zip(
                    self.pages, self.numbers, self.starts, self.ends, self.eids, strict=True
                )
            ]
        for i, fragments in self.tables.items():
            lines[i] = lines[i]._replace(
                text=" ".join(text[a:b] for a, b in fragments if b > a), fragments=fragments
            )
        return lines


class BlockStart(NamedTuple):
    """Where a block element's first printed character falls; the line breaker's input."""

    offset: int
    element: etree._Element
