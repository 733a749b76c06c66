"""The print: every printed line of a bill, and the way back from page/line to the XML.

A bill's body is read once, in document order, into one flat string of printed text (words
separated by single spaces, quotation marks that the print adds put in). Each printed line is
a slice of that string. Line starts come from the ``<?L page-line?>`` processing instructions
LawMaker writes, or from ``<eol/>``/``<eop/>``, or — for a bill with neither — from our own
line breaker (:mod:`drafter.core.print.linebreak`). Pieces of the string remember which text node
they came from, so a (page, line, offset) resolves to the exact place in the XML.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Literal, NamedTuple

from drafter.core.akn import AKN
from drafter.core.collector import no_cycle_collection
from drafter.core.errors import UserError
from drafter.core.etree import etree
from drafter.core.print import cache as print_cache
from drafter.core.print.lines import BlockStart, Line, LineColumns, Numbering
from drafter.core.print.reading import (
    SPAN_TAGS,
    XML_SPACE,
    Mark,
    Range,
    Slot,
    Source,
    Stream,
    has_eol,
    is_marker,
    marker_origin,
    read_stream,
    spans_of,
)

if TYPE_CHECKING:
    from pathlib import Path

    from drafter.core.print.linebreak import PageFit

_MARKS = "“”‘’\"'"
#: where a text node's offsets and the printed text's part: two or more XML whitespace
#: characters in a row, which the print sets as one space
_COLLAPSING = re.compile(r"[ \t\n\r]{2}")


@dataclass(frozen=True, slots=True)
class XmlPlace:
    """An exact point in the XML: ``offset`` characters into ``element.text`` or ``.tail``."""

    element: etree._Element
    slot: Slot
    offset: int


class TextPiece(NamedTuple):
    """One run of XML text as printed: ``start``–``end`` in :attr:`Print.text`, and the node
    (``element.text`` or ``element.tail``) it was read from, as it was read (``raw``)."""

    start: int
    end: int
    element: etree._Element
    slot: Slot
    raw: str

    def raw_offset(self, position: int) -> int:
        """Offset in ``raw`` of print offset ``position`` (clamped to this piece)."""
        return raw_offset_of(self.raw, min(max(position, self.start), self.end) - self.start)


class PrintError(UserError):
    """A page/line or offset that the print does not have."""


class Print:
    """The printed lines of one bill, and lookups between lines, text and XML.

    A print is made one of three ways: :meth:`read` from a body just read, :meth:`kept`
    from the print cache before its bill is parsed, or :meth:`empty` for a bill with no
    body. What the first reading found (the spans of provisions, and the pieces when they
    were read too) is kept; whatever was not read yet is read from the tree when first asked
    for."""

    def __init__(
        self,
        text: str,
        source: Numbering | Literal["none"],
        lines: list[Line] | LineColumns,
        root_of: Callable[[], etree._Element | None],
        *,
        stream: Stream | None = None,
        span_column: list[int] | None = None,
    ) -> None:
        self.text = text
        #: where the line numbers come from: the document's markers, or our own layout
        self.source = source
        self._columns = lines if isinstance(lines, LineColumns) else None
        self._lines = None if isinstance(lines, LineColumns) else lines
        self._root_of = root_of
        self.blocks: list[BlockStart] = stream.blocks if stream is not None else []
        #: spans as a column (see :meth:`span_column`), as the print cache keeps them or as
        #: the first reading found them, turned into :attr:`_spans` when first asked for
        self._span_column = stream.span_column if stream is not None else span_column
        self._span_order = stream.span_order if stream is not None else None
        self._known_spans: dict[etree._Element, tuple[int, int]] | None = None
        self._known_pieces = (
            (stream.piece_starts, stream.piece_sources)
            if stream is not None and stream.piece_starts  # read with its pieces already
            else None
        )
        #: where the print cache keeps this print, if it does: what is worked out from it
        #: later (:attr:`own_page`) is kept beside it (set by the bill that keeps it)
        self.kept_at: Path | None = None

    @property
    def numbered_by(self) -> Literal["print", "pdf", "drafter"]:
        """Whose page and line numbers these are: the House's print (its markers), the
        House's PDF (read by ``drafter layout --from-pdf``), or drafter's own layout, an
        estimate that may differ from the House's print."""
        if self.source in ("markers", "eol"):
            return "print"
        return "pdf" if self.source == "pdf" else "drafter"

    @cached_property
    def own_page(self) -> PageFit:
        """The page depth and spacing this print is set to, fitted to its own pages when they
        are the House's (its markers or its PDF; see
        :func:`drafter.core.print.linebreak.measure_of`), else drafter's default: the page
        a reprint of the bill is set to."""
        from drafter.core.print.linebreak import DEFAULT_MEASURE, PageFit

        place = self.kept_at
        if place is not None:
            kept = PageFit.from_kept(print_cache.load_beside(place, ".page"))
            if kept is not None:
                return kept
        fit = self._fitted_page()
        if fit is None:  # not what the kept bytes say: nothing to keep for them
            return PageFit(
                DEFAULT_MEASURE, "drafter's standard page (the earlier print's tree has changed)"
            )
        if place is not None:
            print_cache.save_beside(place, ".page", fit.to_kept())
        return fit

    def _fitted_page(self) -> PageFit | None:
        """:attr:`own_page` worked out; None if the tree is no longer the one the print was
        read from (edited in place since)."""
        from drafter.core.print.linebreak import DEFAULT_MEASURE, PageFit, fitted_end, measure_of

        if self.numbered_by == "drafter":
            return PageFit(
                DEFAULT_MEASURE, "drafter's standard page (the earlier print is drafter's layout)"
            )
        root = self._root
        if root is None:
            return PageFit(
                DEFAULT_MEASURE, "drafter's standard page (the earlier print has no body)"
            )
        lines = self.lines
        end = fitted_end(lines, len(self.text))
        with no_cycle_collection():  # only as far as the pages it is fitted to
            stream = read_stream(root, blocks=True, until=end)
        if len(stream.text) < end or not self.text.startswith(stream.text):
            return None
        return measure_of(stream.text, stream.blocks, lines)

    @classmethod
    def read(
        cls,
        stream: Stream,
        lines: list[Line] | LineColumns,
        body: etree._Element,
        source: Numbering,
    ) -> Print:
        """The print of ``body``, just read into ``stream`` and broken into ``lines``."""
        return cls(stream.text, source, lines, lambda: body, stream=stream)

    @classmethod
    def kept(
        cls,
        text: str,
        columns: LineColumns,
        root_of: Callable[[], etree._Element | None],
        source: Numbering | Literal["none"],
        span_column: list[int],
    ) -> Print:
        """A print from the cache: its lines are made from ``columns`` and its body parsed
        (``root_of``) only when first needed."""
        return cls(text, source, columns, root_of, span_column=span_column)

    @classmethod
    def empty(cls) -> Print:
        """The print of a bill with no body: no lines."""
        return cls("", "none", [], lambda: None)

    def for_copy(self, tree: etree._ElementTree, copy: etree._ElementTree) -> Print | None:
        """This print for ``copy``, a copy of the tree it was read from (``tree``), made from
        what was read here rather than by reading the copy again; None when there is less to
        carry than to read (the way back to the XML was not read here, or the print was laid
        out by drafter)."""
        pieces, root = self._known_pieces, self._root
        if pieces is None or root is None or self.blocks:
            return None
        twin = dict(zip(tree.iter(), copy.iter(), strict=True))  # each node to its copy
        starts, sources = pieces
        try:
            sources = [None if s is None else (twin[s[0]], s[1], s[2]) for s in sources]
            spans = {twin[el]: span for el, span in self._spans.items()}
            order = self._span_order
            if order is not None:
                order = [None if el is None else twin[el] for el in order]
            copied_root = twin[root]
        except KeyError:  # not a copy of this print's tree
            return None
        lines = self._lines if self._lines is not None else self._columns
        assert lines is not None
        made = Print(self.text, self.source, lines, lambda: copied_root)
        made._known_spans, made._span_order = spans, order
        made._known_pieces = (list(starts), sources)
        return made

    @property
    def lines(self) -> list[Line]:
        """Every printed line, in order."""
        lines = self._lines
        if lines is None:
            assert self._columns is not None  # a print made from lines has them already
            lines = self._lines = self._columns.lines(self.text)
        return lines

    def line_columns(self) -> LineColumns:
        """The lines as columns, as the print cache keeps them."""
        if self._columns is not None:
            return self._columns
        lines = self.lines
        return LineColumns(
            [line.page for line in lines],
            [line.number for line in lines],
            [line.start for line in lines],
            [line.end for line in lines],
            [line.eid for line in lines],
            {i: line.fragments for i, line in enumerate(lines) if line.fragments[1:]},
        )

    @property
    def line_count(self) -> int:
        return len(self._columns.starts) if self._columns is not None else len(self.lines)

    @cached_property
    def _root(self) -> etree._Element | None:
        return self._root_of()

    @property
    def _spans(self) -> dict[etree._Element, tuple[int, int]]:
        """The spans of the elements in :data:`SPAN_TAGS`: as the first reading found them,
        from the print cache's column if this print came from there, else read again."""
        spans = self._known_spans
        if spans is None:
            spans = self._known_spans = self._read_spans()
        return spans

    def _read_spans(self) -> dict[etree._Element, tuple[int, int]]:
        root = self._root
        if root is None:
            return {}
        column = self._span_column
        if column is not None:
            order = self._span_order
            if order is None:
                order = self._span_order = list(root.iter(*SPAN_TAGS))
            if 2 * len(order) == len(column):
                return spans_of(order, column)
        with no_cycle_collection():
            stream = read_stream(root)
        if stream.text != self.text:
            raise PrintError("the bill was changed after its print was read; read the print again")
        return stream.spans()

    @cached_property
    def number_spans(self) -> list[tuple[int, int]]:
        """Where each provision's printed number ("12", "(1)", "(a)") stands in :attr:`text`,
        in order: no amendment cuts through one, so words a drafter selects do not start on
        one and drafted amendments do not quote part of one."""
        return sorted(self.numbered)

    @cached_property
    def numbered(self) -> dict[tuple[int, int], tuple[int, int]]:
        """Each printed number's span -> the span of the provision it numbers, both without
        the quotation marks a quotation's first and last units carry (“163A, … business.”)."""
        spans, text = self._spans, self.text

        def unmarked(a: int, b: int) -> tuple[int, int]:
            while a < b and text[a] in _MARKS:
                a += 1
            while b > a and text[b - 1] in _MARKS:
                b -= 1
            return a, b

        out = {}
        for el, span in spans.items():
            if el.tag == AKN + "num":
                owner = el.getparent()
                whole = spans.get(owner) if owner is not None else None
                out[unmarked(*span)] = unmarked(*(whole or span))
        return out

    def number_at(self, start: int, end: int) -> tuple[int, int] | None:
        """The first printed number that the text ``start``–``end`` (or, if they are equal,
        the point ``start``) runs into, or None."""
        spans = self.number_spans
        k = bisect_right(spans, (start, len(self.text) + 1)) - 1
        for a, b in spans[max(0, k) : k + 2]:
            if (a < end and start < b) if end > start else a < start < b:
                return a, b
        return None

    def span_column(self) -> list[int]:
        """:attr:`_spans` as numbers the print cache can keep: start and end (-1, -1 for
        nothing printed) of each element of :data:`SPAN_TAGS`, in document order."""
        if self._root is None:
            return []
        spans = self._known_spans
        order = self._span_order
        column = self._span_column
        if spans is None and column is not None and order is not None:
            return column  # as first read: the spans are made from it, not it from them
        spans = self._spans
        if order is None:
            order = list(self._root.iter(*SPAN_TAGS))
        nothing = (-1, -1)
        return [n for el in order for n in spans.get(el, nothing)]  # type: ignore[arg-type]

    @property
    def _pieces(self) -> tuple[list[int], list[Source | None]]:
        """Where each run of :attr:`text` starts, and which text node it was read from (the
        way back to the XML). Only lookups from the print to the XML need them, so a bill
        read for its lines alone (most commands) never pays for them; they are read from the
        tree on first use."""
        pieces = self._known_pieces
        if pieces is None:
            pieces = self._known_pieces = self._read_pieces()
        return pieces

    def _read_pieces(self) -> tuple[list[int], list[Source | None]]:
        root = self._root
        if root is None:
            return [], []
        with no_cycle_collection():
            stream = read_stream(root, pieces=True)
        if stream.text != self.text:
            raise PrintError("the bill was changed after its print was read; read the print again")
        return stream.piece_starts, stream.piece_sources

    @cached_property
    def _piece_of(self) -> dict[tuple[etree._Element, Slot], int]:
        """The piece read from each text node (the way back, turned round): an element's
        pieces are found from it when a span is asked for (:meth:`_piece_range`), not
        recorded for every element as the print is read (a fifth of that reading)."""
        return {(s[0], s[1]): i for i, s in enumerate(self._piece_sources) if s is not None}

    def _piece_range(self, element: etree._Element) -> Range | None:
        """The index of the first piece read from inside ``element`` and one past its last
        (its words, and its descendants' words and tails, not its own tail); None when none
        was."""
        piece_of = self._piece_of
        first = last = -1
        for node in element.iter():
            for slot in ("text", "tail"):
                i = piece_of.get((node, slot))
                if i is None or (slot == "tail" and node is element):
                    continue
                if first < 0 or i < first:
                    first = i
                last = max(last, i)
        return (first, last + 1) if first >= 0 else None

    @property
    def _piece_starts(self) -> list[int]:
        return self._pieces[0]

    @property
    def _piece_sources(self) -> list[tuple[etree._Element, Slot, str] | None]:
        return self._pieces[1]

    @cached_property
    def _fragments(self) -> tuple[list[int], list[int]]:
        """Fragment starts in text order, and the index of the line each belongs to."""
        columns = self._columns
        if columns is not None:  # without making the lines
            starts, tables = columns.starts, columns.tables
            if not tables and starts == sorted(starts):
                return starts, list(range(len(starts)))
            spans = sorted(
                [(a, i) for i, a in enumerate(starts) if i not in tables]
                + [(a, i) for i, fragments in tables.items() for a, _ in fragments]
            )
        else:
            spans = sorted((a, i) for i, line in enumerate(self.lines) for a, _ in line.fragments)
        return [a for a, _ in spans], [i for _, i in spans]

    @cached_property
    def text_pieces(self) -> list[TextPiece]:
        """Every piece of printed text that comes from the XML (not the print's own spaces
        and quotation marks), in print order: what apply edits."""
        starts, sources = self._piece_starts, self._piece_sources
        ends = [*starts[1:], len(self.text)][: len(starts)]  # no pieces: an empty body
        make = tuple.__new__  # a big bill has hundreds of thousands: a third of the time
        return [
            make(TextPiece, (a, b, *source))
            for a, b, source in zip(starts, ends, sources, strict=True)
            if source is not None
        ]

    def spans(self, elements: list[etree._Element]) -> list[tuple[int, int] | None]:
        """:meth:`span_of` for many elements at once."""
        return [self.span_of(el) for el in elements]

    def span_of(self, element: etree._Element) -> tuple[int, int] | None:
        """(start, end) offsets in :attr:`text` of everything printed inside ``element``
        (None when nothing of it is printed)."""
        if element.tag in SPAN_TAGS:
            return self._spans.get(element)
        return self._span_from_pieces(element)

    def _span_from_pieces(self, element: etree._Element) -> tuple[int, int] | None:
        starts, sources = self._pieces
        held = self._piece_range(element)
        if held is None:
            return None
        first, last = held[0], held[1] - 1
        while first <= last and sources[first] is None:
            first += 1
        while last >= first and sources[last] is None:
            last -= 1
        if first > last:  # only the print's own spaces and quotation marks
            return None
        text = self.text
        count = len(starts)

        def end_of(i: int) -> int:
            return starts[i + 1] if i + 1 < count else len(text)

        # … and the opening ones, which stand just before its first word
        while first > 0 and sources[first - 1] is None and text[starts[first - 1]] != " ":
            first -= 1
        # the print's closing quotation marks belong to the element they close
        while last + 1 < count and sources[last + 1] is None and text[starts[last + 1]] != " ":
            last += 1
        return starts[first], end_of(last)

    @cached_property
    def _by_place(self) -> dict[tuple[int, int], int]:
        return {(line.page, line.number): i for i, line in enumerate(self.lines)}

    @property
    def pages(self) -> int:
        return self.lines[-1].page if self.lines else 0

    def line(self, page: int, number: int) -> Line:
        """The line printed at page ``page``, line ``number``; PrintError if there is none."""
        index = self._by_place.get((page, number))
        if index is None:
            raise PrintError(self._no_such_line(page, number))
        return self.lines[index]

    def _no_such_line(self, page: int, number: int) -> str:
        if not self.lines:
            return "the bill has no printed lines"
        if page < 1 or page > self.pages:
            return f"there is no page {page} (the print has pages 1 to {self.pages})"
        on_page = self.page_lines(page)
        last = on_page[-1].number if on_page else 0
        before = max(
            (ln for ln in on_page if ln.number < number), key=lambda ln: ln.number, default=None
        )
        if before is not None and number < last:  # a gap in the page's numbers
            return (
                f"page {page} has no line {number}: its lines go from {before.number} to the "
                f"next without it (line {before.number} ends “{_tail_words(before.text)}”)"
            )
        first = on_page[0].number if on_page else 1
        return f"there is no line {number} on page {page} (page {page} has lines {first} to {last})"

    def page_lines(self, page: int) -> list[Line]:
        """Every line printed on one page, in order."""
        return [line for line in self.lines if line.page == page]

    def line_at(self, offset: int) -> Line:
        """The printed line holding the character at ``offset`` of :attr:`text`."""
        return self.lines[self._line_index_at(offset)]

    def page_and_line_at(self, offset: int) -> tuple[int, int]:
        """:meth:`line_at`'s page and line number, without making the lines to say it."""
        i = self._line_index_at(offset)
        columns = self._columns
        if columns is not None:
            return columns.pages[i], columns.numbers[i]
        line = self.lines[i]
        return line.page, line.number

    def _line_index_at(self, offset: int) -> int:
        starts, owners = self._fragments
        index = bisect_right(starts, offset) - 1
        if index < 0:
            raise PrintError(f"offset {offset} comes before the first printed line")
        return owners[index]

    def index_of(self, line: Line) -> int:
        return self._by_place[(line.page, line.number)]

    def locate(self, page: int, number: int, offset: int = 0) -> XmlPlace:
        """The exact XML place of character ``offset`` of page/line: element, slot, index."""
        line = self.line(page, number)
        if not 0 <= offset <= len(line.text):
            raise PrintError(
                f"page {page}, line {number} has {len(line.text)} characters; "
                f"there is no offset {offset}"
            )
        return self.place_of(self.position(line, offset))

    @staticmethod
    def position(line: Line, offset: int) -> int:
        """Offset in :attr:`text` of character ``offset`` of ``line.text``."""
        for a, b in line.fragments or ((line.start, line.end),):
            if offset <= b - a:
                return a + offset
            offset -= b - a + 1  # the space that joins table cells
        return line.end

    def place_of(self, position: int) -> XmlPlace:
        """The XML place of one character of :attr:`text` (generated text maps to its
        nearest source piece)."""
        index = bisect_right(self._piece_starts, position) - 1
        while index >= 0 and self._piece_sources[index] is None:
            index -= 1
        if index < 0:
            index = next(i for i, s in enumerate(self._piece_sources) if s is not None)
            position = self._piece_starts[index]
        source = self._piece_sources[index]
        assert source is not None
        element, slot, raw = source
        within = max(0, position - self._piece_starts[index])
        return XmlPlace(element, slot, raw_offset_of(raw, within))


def raw_offset_of(raw: str, normalized_offset: int) -> int:
    """Offset in ``raw`` of the character at ``normalized_offset`` of its stripped,
    whitespace-collapsed form."""
    i = len(raw) - len(raw.lstrip(XML_SPACE))
    if _COLLAPSING.search(raw, i) is None:  # each character stands for itself (most text)
        return min(i + max(normalized_offset, 0), len(raw))
    seen = 0
    while i < len(raw) and seen < normalized_offset:
        if raw[i] in XML_SPACE:
            while i + 1 < len(raw) and raw[i + 1] in XML_SPACE:
                i += 1
        i += 1
        seen += 1
    return i


def _line_columns(
    text: str, marks: list[Mark], cells: Sequence[tuple[int, etree._Element | None]] = ()
) -> LineColumns:
    """Turn resolved markers into lines, as columns (the form the print cache keeps them
    in; a :class:`Line` is made only when asked for).

    A marker that falls inside a word moves to the next word, as the print does. In a table
    the cells of one row are printed side by side, so a row's markers go back to lines already
    started: such a fragment is added to that earlier line (its cells joined by a space).
    A line with no words (in a bill as amended, every word on it was left out) is not
    printed: the lines after it keep their numbers.
    Written as list comprehensions: a 300-page bill has ten thousand lines.
    """
    if not marks:  # markers present but none readable: validation says which
        return LineColumns([], [], [], [], [], {})
    if cells:
        marks = _cells_on_their_rows_line(marks, cells)
    n = len(text)
    starts = [_word_start(text, m[2], n) for m in marks]
    ends = [a + len(text[a:b].rstrip(" ")) for a, b in zip(starts, [*starts[1:], n], strict=True)]
    eids = [m[3] for m in marks]
    keys = [(m[0], m[1]) for m in marks]
    first = dict(zip(reversed(keys), range(len(keys) - 1, -1, -1), strict=True))
    if len(first) == len(keys):
        kept = [i for i, (a, b) in enumerate(zip(starts, ends, strict=True)) if b > a]
        tables: dict[int, tuple[tuple[int, int], ...]] = {}
    else:  # table rows: each repeated marker's fragment goes to the line it continues
        fragments: dict[int, list[tuple[int, int]]] = {}
        for i, key in enumerate(keys):
            j = first[key]
            if j != i and ends[i] > starts[i]:
                fragments.setdefault(j, [(starts[j], ends[j])]).append((starts[i], ends[i]))
        kept = [
            i
            for i, key in enumerate(keys)
            if first[key] == i and (ends[i] > starts[i] or i in fragments)
        ]
        tables = {k: tuple(fragments[i]) for k, i in enumerate(kept) if i in fragments}
    return LineColumns(
        [marks[i][0] for i in kept],
        [marks[i][1] for i in kept],
        [starts[i] for i in kept],
        [ends[i] for i in kept],
        [eids[i] for i in kept],
        tables,
    )


def _cells_on_their_rows_line(
    marks: list[Mark], cells: Sequence[tuple[int, etree._Element | None]]
) -> list[Mark]:
    """A table row's cells are printed side by side, each from the row's first line. LawMaker
    sometimes leaves the marker out at a cell's start (a row that begins a page, with its
    marker in the second cell): that cell is given the first line its row's other cells
    start on, so its words are not read as the end of the line before the table."""
    at = {m[2]: m for m in marks}
    rows: dict[etree._Element | None, list[int]] = {}
    for offset, row in cells:
        rows.setdefault(row, []).append(offset)
    added: list[Mark] = []
    for starts in rows.values():
        marked = [at[o] for o in starts if o in at]
        if marked and len(marked) < len(starts):
            first = min(marked, key=lambda m: (m[0], m[1]))
            added += [(first[0], first[1], o, first[3]) for o in starts if o not in at]
    return sorted(marks + added, key=lambda m: m[2]) if added else marks


def _tail_words(text: str, count: int = 5) -> str:
    words = text.split()
    return ("… " if len(words) > count else "") + " ".join(words[-count:])


def _word_start(text: str, offset: int, n: int) -> int:
    """Markers sometimes fall before closing punctuation (``</ref><?L 1-4?>) to``); the
    print keeps that punctuation on the line before."""
    if 0 < offset < n and text[offset - 1] != " " and text[offset] != " ":
        space = text.find(" ", offset, offset + 4)
        if space != -1 and not text[offset].isalnum():
            return space + 1
    return offset


@no_cycle_collection()  # a node's worth of small objects for every node of the body
def read_print(
    body: etree._Element | None,
    *,
    pieces: bool = False,
    like: Print | None = None,
    earlier: Print | None = None,
) -> Print:
    """Index the print of a bill body: markers if it has them, else our own layout. With
    ``pieces``, the way back from each run of text to the XML is read in the same pass (a
    caller that will ask for :attr:`Print.text_pieces` saves reading the tree again).
    ``like``: the print of the tree ``body``'s is a copy of; when the words read are its
    words, its lines are taken rather than broken again. ``earlier``: an earlier print of
    the bill, whose lines and pages our own layout keeps where its words are unchanged (see
    :mod:`drafter.core.print.earlier`)."""
    if body is None:
        return Print.empty()
    markers = _has_pi_markers(body)
    source: Numbering = marker_origin(body) if markers else "eol" if has_eol(body) else "layout"
    if source == "layout":
        stream = read_stream(body, pieces=True, blocks=True)
    else:  # markers win: a bill with both is read from its <?L?> markers alone
        stream = read_stream(body, pieces=pieces, eol=not markers)
    if like is not None and like.source == source and like.text == stream.text:
        lines = like._lines if like._lines is not None else like._columns
        assert lines is not None
        return Print(stream.text, source, lines, lambda: body, stream=stream)
    if source == "layout":
        from drafter.core.print.earlier import kept_lines  # as lay_out: only for a layout
        from drafter.core.print.linebreak import DEFAULT_MEASURE, lay_out  # 9 ms of tables

        kept = kept_lines(earlier.lines, earlier.text, stream.text) if earlier else []
        measure = earlier.own_page.measure if earlier else DEFAULT_MEASURE
        lines = lay_out(stream.text, stream.blocks, stream.owners, measure, kept)
        return Print.read(stream, lines, body, source)
    columns = _line_columns(stream.text, stream.marks, stream.cells)
    return Print.read(stream, columns, body, source)


def _has_pi_markers(body: etree._Element) -> bool:
    return any(is_marker(pi) for pi in body.iter(etree.ProcessingInstruction))
