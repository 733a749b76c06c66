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
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Literal, NamedTuple

from lxml import etree

from drafter.core.akn import AKN, UKL, XHTML_NS
from drafter.core.collector import no_cycle_collection
from drafter.core.errors import UserError
from drafter.core.print.lines import BlockStart, Line, LineColumns
from drafter.core.xml import detach

Slot = Literal["text", "tail"]

_H = f"{{{XHTML_NS}}}"
XML_SPACE = " \t\n\r"
_WS = re.compile(r"[ \t\n\r]+")  # XML whitespace only: a no-break space is a character
MAX_MARK = 999_999_999
"""The largest page or line number a ``<?L?>`` marker may give: no print comes near it (an
export numbers drafter's own pages from 1,000,000), and a larger one (2^63 would not even fit
the print cache's columns) is a malformed marker."""

#: Elements that flow inside a sentence: no word break at their edges.
INLINE_TAGS = frozenset(
    AKN + t
    for t in [
        "ref",
        "mref",
        "rref",
        "def",
        "term",
        "i",
        "b",
        "u",
        "sup",
        "sub",
        "span",
        "inline",
        "abbr",
        "date",
        "docDate",
        "docStage",
        "docTitle",
        "docNumber",
        "quotedText",
        "mod",
        "affectedDocument",
        "noteRef",
        "ins",
        "del",
        "entity",
        "concept",
        "object",
        "location",
        "person",
        "organization",
        "role",
        "quantity",
        "event",
        "process",
        "img",
        "br",
        "eol",
        "eop",
    ]
)
_EOL_TAGS = frozenset({AKN + "eol", AKN + "eop"})
#: Elements whose text is not part of the printed lines: margin notes, and words that an
#: applied amendment has left out (``<del>``, see :mod:`drafter.core.apply`).
SKIPPED_TAGS = frozenset({AKN + "authorialNote", AKN + "meta", AKN + "del"})

#: Elements that are provisions for the purpose of "which provision is this line in".
PROVISION_TAGS = frozenset(
    AKN + t
    for t in [
        "part",
        "chapter",
        "section",
        "subsection",
        "paragraph",
        "subparagraph",
        "level",
        "hcontainer",
        "article",
        "quotedStructure",
        "tblock",
    ]
)

#: Elements whose printed span every print knows without reading the way back to the XML
#: (and keeps in the print cache): provisions and their numbers, what citing, checking and
#: comparing ask for.
SPAN_TAGS = PROVISION_TAGS | {AKN + "num"}

QUOTE_ATTRS = {
    AKN + "quotedStructure": ("startQuote", "endQuote"),
    AKN + "quotedText": ("startQuote", "endQuote"),
    AKN + "def": (UKL + "startQuote", UKL + "endQuote"),
}
#: Punctuation that closes up to the word before it (no space before it in print).
CLOSING_PUNCTUATION = frozenset(".,;:)]”’")


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
        return _raw_offset(self.raw, min(max(position, self.start), self.end) - self.start)


class PrintError(UserError):
    """A page/line or offset that the print does not have."""


_Source = tuple[etree._Element, Slot, str]  # a text node: element, "text"/"tail", as read
_Range = tuple[int, int]  # indexes of the first piece read inside an element and past its last


class _Stream(NamedTuple):
    """The printed text of a subtree and everything learnt while reading it."""

    text: str
    piece_starts: list[int]  # offset in text where each piece begins (only when asked)
    piece_sources: list[tuple[etree._Element, Slot, str] | None]  # None: added by the print
    marks: list[tuple[int, int, int, etree._Element | None]]  # page, line, offset, provision
    blocks: list[BlockStart]  # only when asked
    #: (offset, eId) each time the innermost provision changes (only when blocks are asked)
    owners: list[tuple[int, str]]
    #: the pieces read inside each element (start and end index; only with the pieces)
    ranges: dict[etree._Element, tuple[int, int]]
    #: :meth:`Print.span_of` of every element in :data:`SPAN_TAGS` that prints something
    spans: dict[etree._Element, tuple[int, int]]
    #: the elements in :data:`SPAN_TAGS` in document order, as ``root.iter`` gives them
    #: (None for those inside a skipped element, which are not read)
    span_order: list[etree._Element | None]


_INLINE, _PROVISION, _SKIP, _QUOTE, _EOL, _SPAN = 1, 2, 4, 8, 16, 32
_NO_SPACE, _TEXT_SPACE, _BLOCK_SPACE = 0, 1, 2
_EVENTS: tuple[Literal["start", "end", "comment", "pi"], ...] = ("start", "end", "comment", "pi")


def _role(tag: str) -> int:
    role = 0
    if tag in INLINE_TAGS:
        role |= _INLINE
    if tag in PROVISION_TAGS:
        role |= _PROVISION
    if tag in SKIPPED_TAGS:
        role |= _SKIP
    if tag in QUOTE_ATTRS:
        role |= _QUOTE
    if tag in _EOL_TAGS:
        role |= _EOL
    if tag in SPAN_TAGS:
        role |= _SPAN
    return role


def _read(
    root: etree._Element, *, pieces: bool = False, blocks: bool = False, eol: bool = False
) -> _Stream:
    """Read ``root``'s subtree, in document order, into printed text.

    Words are joined by single spaces; a block (a number, a heading, a paragraph) is a word
    break, except before closing punctuation; the quotation marks the print adds around
    quoted structures and defined terms are put in, the opening one after any page/line
    marker that precedes the first word.

    ``pieces`` also records which text node each run of text came from (the way back from the
    print to the XML); ``blocks`` records where each block starts (the line breaker's input);
    ``eol`` reads the lines from ``<eol/>``/``<eop/>`` (a bill without ``<?L?>`` markers):
    the first word is on page 1, line 1, and each break starts the next line or page.
    The spans of provisions and numbers are always recorded, as :meth:`Print.span_of` would
    find them from the pieces: from the first word read inside the element to its last, with
    the print's quotation marks glued to either end.
    Loading a bill reads its body without either, so this is the hot path of every command:
    one flat loop over lxml's own tree walker, state in local variables, nothing allocated per
    node that is not kept.
    """
    parts: list[str] = []
    piece_starts: list[int] = []
    piece_sources: list[tuple[etree._Element, Slot, str] | None] = []
    marks: list[tuple[int, int, int, etree._Element | None]] = []
    block_starts: list[BlockStart] = []
    owners: list[tuple[int, str]] = []
    owner: etree._Element | None = None
    provisions: list[etree._Element] = []
    open_roles: list[int] = []
    opened_at: list[int] = []  # piece count when each open element started (with pieces)
    ranges: dict[etree._Element, tuple[int, int]] = {}
    #: the first word of a print read from <eol/>/<eop/> is on page 1, line 1: those
    #: elements mark where a line ends, so the words before the first one are a line too
    pending_marks: list[tuple[int, int]] = [(1, 1)] if eol else []
    #: an <eol breakAt="n"/>: the line breaks n characters into the next word (-1: into a
    #: word that runs on from the text read up to ``held_at``)
    split = 0
    held_at = 0
    pending_blocks: list[etree._Element] = []
    spans: dict[etree._Element, tuple[int, int]] = {}
    span_starts: dict[etree._Element, int] = {}
    span_order: list[etree._Element | None] = []
    unstarted: list[etree._Element] = []  # opened, no word read inside yet
    unended: list[etree._Element] = []  # closed, quotation marks may still glue on
    run_start = 0  # where the text after the last space or word begins
    #: the end of the last word and of the marks glued after it (while no space has come
    #: since that word, run_start <= glued_end)
    glued_end = 0
    prefix: list[str] = []
    quoted = ""  # the marks of a quotation with nothing printed inside
    roles: dict[str, int] = {}
    length = 0
    last_char = " "
    space = _NO_SPACE
    closing = CLOSING_PUNCTUATION
    slot: Slot | None

    walker = etree.iterwalk(root, events=_EVENTS)
    for event, el in walker:
        if event == "start":
            tag = el.tag
            role = roles.get(tag)  # type: ignore[arg-type]
            if role is None:
                role = roles[tag] = _role(tag)  # type: ignore[index, arg-type]
            open_roles.append(role)
            if pieces:
                opened_at.append(len(piece_starts))
            if role & _SKIP:
                walker.skip_subtree()  # its "end" still comes, for the tail
                if len(el):
                    span_order += [None for _ in el.iter(*SPAN_TAGS)]
                continue
            if role & _SPAN:
                unstarted.append(el)
                span_order.append(el)
            if role & _EOL and eol and _end_of_line(pending_marks, marks, tag == AKN + "eop"):
                split = _break_at(el)
            if not role & _INLINE:
                if space != _TEXT_SPACE:
                    space = _BLOCK_SPACE
                if blocks:
                    pending_blocks.append(el)
                if role & _PROVISION:
                    provisions.append(el)
            if role & _QUOTE:
                opening = el.get(QUOTE_ATTRS[tag][0])  # type: ignore[index]
                if opening:
                    prefix.append(opening)
            raw = el.text
            slot = "text"
        elif event == "end":
            role = open_roles.pop()
            if pieces:
                first = opened_at.pop()
                if len(piece_starts) > first:
                    ranges[el] = (first, len(piece_starts))  # its own tail comes next
            if not role & _SKIP:
                if role & _SPAN:
                    if unstarted and unstarted[-1] is el:
                        unstarted.pop()  # nothing of it printed
                    else:
                        unended.append(el)
                if role & _QUOTE:
                    mark = el.get(QUOTE_ATTRS[el.tag][1])  # type: ignore[index]
                    if mark and prefix:  # nothing inside printed: the marks stand as a word
                        quoted = "".join(prefix) + mark
                        prefix.clear()
                    elif mark:  # glued to the last word
                        if pieces:
                            piece_starts.append(length)
                            piece_sources.append(None)
                        parts.append(mark)
                        length += len(mark)
                        last_char = mark[-1]
                        if run_start <= glued_end:
                            glued_end = length
                if not role & _INLINE:
                    if role & _PROVISION:
                        provisions.pop()
                    if space != _TEXT_SPACE:
                        space = _BLOCK_SPACE
            if el is root:
                break
            raw = el.tail
            slot = "tail"
        else:  # a comment or a processing instruction: only a marker counts, and its tail
            if event == "pi" and el.target == "L":  # type: ignore[attr-defined]
                on_page, _, at_line = (el.text or "").partition("-")
                try:
                    page_line = (int(on_page), int(at_line))
                except ValueError:  # not a page-line pair: validation reports it
                    page_line = (MAX_MARK + 1, 0)
                if page_line[0] <= MAX_MARK and page_line[1] <= MAX_MARK:
                    pending_marks.append(page_line)  # else malformed: validation reports it
            raw = el.tail
            slot = "tail"
        then = None
        if quoted:  # an empty quotation: its marks first, then its tail
            raw, then, slot = quoted, raw, None
            quoted = ""
        while raw:
            if raw.isspace():  # indentation (a lone no-break space counts as a space too)
                if length and not space:
                    space = _TEXT_SPACE
                raw, then, slot = then, None, "tail"
                continue
            core = raw.strip(XML_SPACE)
            if "\n" in core or "  " in core or "\t" in core or "\r" in core:
                core = _WS.sub(" ", core)
            if not space and raw[0] in XML_SPACE:
                space = _TEXT_SPACE
            if (
                space
                and length
                and last_char != " "
                and not (space == _BLOCK_SPACE and core[0] in closing and not prefix)
            ):
                if pieces:
                    piece_starts.append(length)
                    piece_sources.append(None)
                parts.append(" ")
                length += 1
                run_start = length
            visible = length
            if prefix:
                added = "".join(prefix)
                prefix.clear()
                if pieces:
                    piece_starts.append(length)
                    piece_sources.append(None)
                parts.append(added)
                length += len(added)
                if run_start <= glued_end:
                    glued_end = length
            if unended:
                for closed in unended:
                    spans[closed] = (span_starts[closed], glued_end)
                unended.clear()
            if unstarted:
                for opened in unstarted:
                    span_starts[opened] = run_start
                unstarted.clear()
            if pieces:
                piece_starts.append(length)
                piece_sources.append((el, slot, raw) if slot else None)
            parts.append(core)
            length += len(core)
            last_char = core[-1]
            run_start = glued_end = length
            space = _TEXT_SPACE if raw[-1] in XML_SPACE else _NO_SPACE
            if pending_marks:
                at = visible
                if split:  # the line broke inside this word: the next line starts after it
                    if split < 0 and visible > held_at:  # the broken word ended before this text
                        split = 0
                    else:
                        after = core.find(" ", max(split, 0))
                        if after == -1:  # … and it runs on past this text
                            split, held_at = -1, length
                        else:
                            split, at = 0, length - len(core) + after + 1
                if not split:
                    top = provisions[-1] if provisions else None
                    for page, line in pending_marks:
                        marks.append((page, line, at, top))
                    pending_marks.clear()
            if blocks:
                for element in pending_blocks:
                    block_starts.append(BlockStart(visible, element))
                pending_blocks.clear()
                top = provisions[-1] if provisions else None
                if top is not owner:
                    owner = top
                    owners.append((visible, top.get("eId", "") if top is not None else ""))
            raw, then, slot = then, None, "tail"
    for closed in unended:
        spans[closed] = (span_starts[closed], glued_end)
    text = "".join(parts)
    return _Stream(
        text, piece_starts, piece_sources, marks, block_starts, owners, ranges, spans, span_order
    )


def _end_of_line(
    pending_marks: list[tuple[int, int]],
    marks: list[tuple[int, int, int, etree._Element | None]],
    new_page: bool,
) -> bool:
    """An ``<eol/>`` or ``<eop/>`` (Akoma Ntoso: where the source's line or page ends): the
    next word starts the next line, or line 1 of the next page; True if it ended a line. A
    line that has no word yet is not ended again (only lines with text are numbered), but a
    page is: an ``<eop/>`` before the first word means the body starts on page 2."""
    if pending_marks:  # the next line has begun, and no word is on it yet
        if new_page:
            pending_marks[-1] = (pending_marks[-1][0] + 1, 1)
        return False
    page, line = marks[-1][0], marks[-1][1]
    pending_marks.append((page + 1, 1) if new_page else (page, line + 1))
    return True


def _break_at(el: etree._Element) -> int:
    """Akoma Ntoso's ``breakAt`` (``breakat`` in its drafts): an ``<eol/>`` that stands
    before a word the line breaks inside, and how many of its characters end the line. The
    word is printed, and cited, on the line where it begins (as a marker inside a word moves
    to the next word), so the next line starts after it."""
    value = el.get("breakAt") or el.get("breakat") or ""
    return int(value) if value.isdigit() and value.isascii() else 0


def printed_text(element: etree._Element | None) -> str:
    """The words of one element as the print sets them (quotation marks included, margin
    notes left out), on one line."""
    if element is None:
        return ""
    tag = element.tag
    if tag.__class__ is str and not _role(tag) & (_SKIP | _QUOTE):
        flat = _flat_text(element)
        if flat is not None:
            return flat
    return _read(element).text


def _flat_text(element: etree._Element) -> str | None:
    """The printed text of an element holding no elements (a number, most headings: text,
    perhaps around page/line markers), as :func:`_read` sets it, without reading it; None
    for anything else."""
    text = element.text
    parts = [text] if text else []
    for child in element:
        if child.tag.__class__ is str:
            return None
        tail = child.tail
        if tail:
            parts.append(tail)
    for part in parts:
        if part.isspace() and part.strip(XML_SPACE):
            return None  # a no-break space on its own: a word break, as _read has it
    core = "".join(parts).strip(XML_SPACE)
    if "\n" in core or "  " in core or "\t" in core or "\r" in core:
        core = _WS.sub(" ", core)
    return core


def is_marker(node: etree._Element) -> bool:
    """Is this node a LawMaker page/line marker ``<?L page-line?>``?"""
    return isinstance(node, etree._ProcessingInstruction) and node.target == "L"


def _has_eol(root: etree._Element) -> bool:
    return next(root.iter(AKN + "eol", AKN + "eop"), None) is not None


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
        source: Literal["markers", "eol", "layout", "none"],
        lines: list[Line] | LineColumns,
        root_of: Callable[[], etree._Element | None],
        *,
        stream: _Stream | None = None,
        span_column: list[int] | None = None,
    ) -> None:
        self.text = text
        #: where the line numbers come from: the document's markers, or our own layout
        self.source = source
        self._columns = lines if isinstance(lines, LineColumns) else None
        self._lines = None if isinstance(lines, LineColumns) else lines
        self._root_of = root_of
        self.blocks: list[BlockStart] = stream.blocks if stream is not None else []
        #: spans kept in the print cache (see :meth:`span_column`), turned into
        #: :attr:`_spans` when first asked for
        self._span_column = span_column
        self._span_order = stream.span_order if stream is not None else None
        self._known_spans = stream.spans if stream is not None else None
        self._known_pieces = (
            (stream.piece_starts, stream.piece_sources, stream.ranges)
            if stream is not None and stream.piece_starts  # read with its pieces already
            else None
        )

    @classmethod
    def read(
        cls,
        stream: _Stream,
        lines: list[Line],
        body: etree._Element,
        source: Literal["markers", "eol", "layout"],
    ) -> Print:
        """The print of ``body``, just read into ``stream`` and broken into ``lines``."""
        return cls(stream.text, source, lines, lambda: body, stream=stream)

    @classmethod
    def kept(
        cls,
        text: str,
        columns: LineColumns,
        root_of: Callable[[], etree._Element | None],
        source: Literal["markers", "eol", "layout", "none"],
        span_column: list[int],
    ) -> Print:
        """A print from the cache: its lines are made from ``columns`` and its body parsed
        (``root_of``) only when first needed."""
        return cls(text, source, columns, root_of, span_column=span_column)

    @classmethod
    def empty(cls) -> Print:
        """The print of a bill with no body: no lines."""
        return cls("", "none", [], lambda: None)

    @property
    def lines(self) -> list[Line]:
        """Every printed line, in order."""
        lines = self._lines
        if lines is None:
            assert self._columns is not None  # a print made from lines has them already
            lines = self._lines = self._columns.lines(self.text)
        return lines

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
            order = list(root.iter(*SPAN_TAGS))
            if 2 * len(order) == len(column):
                starts, ends = column[0::2], column[1::2]
                return {el: (a, b) for el, a, b in zip(order, starts, ends, strict=True) if a >= 0}
        with no_cycle_collection():
            stream = _read(root)
        if stream.text != self.text:
            raise PrintError("the bill was changed after its print was read; read the print again")
        return stream.spans

    def span_column(self) -> list[int]:
        """:attr:`_spans` as numbers the print cache can keep: start and end (-1, -1 for
        nothing printed) of each element of :data:`SPAN_TAGS`, in document order."""
        if self._root is None:
            return []
        spans = self._spans
        order = self._span_order
        if order is None:
            order = list(self._root.iter(*SPAN_TAGS))
        nothing = (-1, -1)
        return [n for el in order for n in spans.get(el, nothing)]  # type: ignore[arg-type]

    @property
    def _pieces(self) -> tuple[list[int], list[_Source | None], dict[etree._Element, _Range]]:
        """Which text node each run of :attr:`text` was read from (the way back to the XML),
        and which runs each element holds. Only lookups from the print to the XML need them,
        so a bill read for its lines alone (most commands) never pays for them; they are read
        from the tree on first use."""
        pieces = self._known_pieces
        if pieces is None:
            pieces = self._known_pieces = self._read_pieces()
        return pieces

    def _read_pieces(
        self,
    ) -> tuple[list[int], list[_Source | None], dict[etree._Element, _Range]]:
        root = self._root
        if root is None:
            return [], [], {}
        with no_cycle_collection():
            stream = _read(root, pieces=True)
        if stream.text != self.text:
            raise PrintError("the bill was changed after its print was read; read the print again")
        return stream.piece_starts, stream.piece_sources, stream.ranges

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
        return [
            TextPiece(a, b, *source)
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
        starts, sources, ranges = self._pieces
        held = ranges.get(element)
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
        return f"there is no line {number} on page {page} (page {page} has lines 1 to {last})"

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
        return XmlPlace(element, slot, _raw_offset(raw, within))


def _raw_offset(raw: str, normalized_offset: int) -> int:
    """Offset in ``raw`` of the character at ``normalized_offset`` of its stripped,
    whitespace-collapsed form."""
    i = len(raw) - len(raw.lstrip(XML_SPACE))
    seen = 0
    while i < len(raw) and seen < normalized_offset:
        if raw[i] in XML_SPACE:
            while i + 1 < len(raw) and raw[i + 1] in XML_SPACE:
                i += 1
        i += 1
        seen += 1
    return i


def _build_lines(text: str, marks: list[tuple[int, int, int, etree._Element | None]]) -> list[Line]:
    """Turn resolved markers into lines.

    A marker that falls inside a word moves to the next word, as the print does. In a table
    the cells of one row are printed side by side, so a row's markers go back to lines already
    started: such a fragment is added to that earlier line (its cells joined by a space).
    Written as list comprehensions: a 300-page bill has ten thousand lines.
    """
    if not marks:  # markers present but none readable: validation says which
        return []
    n = len(text)
    starts = [_word_start(text, m[2], n) for m in marks]
    keys = [(m[0], m[1]) for m in marks]
    texts = [text[a:b].rstrip(" ") for a, b in zip(starts, [*starts[1:], n], strict=True)]
    ends = [a + len(t) for a, t in zip(starts, texts, strict=True)]
    eid_of: dict[etree._Element | None, str] = {None: ""}
    eids = [eid_of.get(m[3]) or eid_of.setdefault(m[3], _eid(m[3])) for m in marks]
    # tuple.__new__ builds ten thousand lines in a third of the time Line(...) takes
    make = tuple.__new__
    lines: list[Line] = [
        make(Line, (k[0], k[1], a, b, t, eid, ((a, b),)))
        for k, a, b, t, eid in zip(keys, starts, ends, texts, eids, strict=True)
    ]
    first = dict(zip(reversed(keys), range(len(keys) - 1, -1, -1), strict=True))
    if len(first) == len(keys):
        return lines
    # table rows: fold each repeated marker's fragment into the line it continues
    for i, key in enumerate(keys):
        j = first[key]
        if j != i and ends[i] > starts[i]:
            line = lines[j]
            lines[j] = line._replace(
                text=f"{line.text} {lines[i].text}" if line.text else lines[i].text,
                fragments=(*line.fragments, (starts[i], ends[i])),
            )
    return [line for i, line in enumerate(lines) if first[keys[i]] == i]


def _eid(element: etree._Element | None) -> str:
    return element.get("eId", "") if element is not None else ""


def _word_start(text: str, offset: int, n: int) -> int:
    """Markers sometimes fall before closing punctuation (``</ref><?L 1-4?>) to``); the
    print keeps that punctuation on the line before."""
    if 0 < offset < n and text[offset - 1] != " " and text[offset] != " ":
        space = text.find(" ", offset, offset + 4)
        if space != -1 and not text[offset].isalnum():
            return space + 1
    return offset


def read_print(body: etree._Element | None, *, pieces: bool = False) -> Print:
    """Index the print of a bill body: markers if it has them, else our own layout. With
    ``pieces``, the way back from each run of text to the XML is read in the same pass (a
    caller that will ask for :attr:`Print.text_pieces` saves reading the tree again)."""
    if body is None:
        return Print.empty()
    markers = _has_pi_markers(body)
    if markers or _has_eol(body):
        # markers win: a bill with both is read from its <?L?> markers alone
        with no_cycle_collection():
            stream = _read(body, pieces=pieces, eol=not markers)
        with no_cycle_collection():
            lines = _build_lines(stream.text, stream.marks)
        return Print.read(stream, lines, body, "markers" if markers else "eol")
    from drafter.core.print.linebreak import lay_out  # its width tables cost 9 ms to import

    with no_cycle_collection():
        stream = _read(body, pieces=True, blocks=True)
    lines = lay_out(stream.text, stream.blocks, stream.owners)
    return Print.read(stream, lines, body, "layout")


def _has_pi_markers(body: etree._Element) -> bool:
    return any(is_marker(pi) for pi in body.iter(etree.ProcessingInstruction))


def _marker_place(pr: Print, position: int) -> XmlPlace:
    """Where a marker for a line starting at ``position`` goes: before the first character
    of XML text at or after it (the print's own quotation marks are not in the XML)."""
    index = bisect_right(pr._piece_starts, position) - 1
    if index < 0:
        index = 0
    if pr._piece_sources[index] is None or position >= pr._piece_starts[index] + len(
        _piece_text(pr, index)
    ):
        index += 1
        while index < len(pr._piece_sources) and pr._piece_sources[index] is None:
            index += 1
        if index >= len(pr._piece_sources):
            raise PrintError(f"offset {position} is past the end of the printed text")
        position = pr._piece_starts[index]
    source = pr._piece_sources[index]
    assert source is not None
    element, slot, raw = source
    return XmlPlace(element, slot, _raw_offset(raw, position - pr._piece_starts[index]))


def _piece_text(pr: Print, index: int) -> str:
    end = pr._piece_starts[index + 1] if index + 1 < len(pr._piece_starts) else len(pr.text)
    return pr.text[pr._piece_starts[index] : end]


def strip_markers(root: etree._Element) -> int:
    """Remove every ``<?L?>`` marker (keeping the text around it); returns how many."""
    markers = [pi for pi in root.iter(etree.ProcessingInstruction) if is_marker(pi)]
    for pi in markers:
        detach(pi)
    return len(markers)


def insert_markers(body: etree._Element, lines: list[Line], pr: Print) -> None:
    """Write ``<?L page-line?>`` before the first character of every line (in place)."""
    # every fragment gets its marker (table cells printed side by side repeat the line's);
    # last first, so that splitting a string leaves the earlier offsets valid
    places = sorted(
        ((a, _marker_place(pr, a), line) for line in lines for a, _ in line.fragments),
        key=lambda item: item[0],
    )
    for _, place, line in reversed(places):
        pi = etree.ProcessingInstruction("L", f"{line.page}-{line.number}")
        el = place.element
        if place.slot == "text":
            raw = el.text or ""
            el.text, pi.tail = raw[: place.offset], raw[place.offset :]
            el.insert(0, pi)
        else:
            raw = el.tail or ""
            el.tail, pi.tail = raw[: place.offset], raw[place.offset :]
            el.addnext(pi)


def with_own_markers(tree: etree._ElementTree) -> etree._ElementTree:
    """A copy of a bill with fresh page/line markers from drafter's own layout (any markers it
    had are replaced). The input tree is not changed."""
    copy = etree.ElementTree(etree.fromstring(etree.tostring(tree)))
    body = copy.getroot().find(f".//{AKN}body")
    if body is None:
        raise PrintError("the document has no <body> to lay out")
    strip_markers(body)
    pr = read_print(body)
    insert_markers(body, pr.lines, pr)
    return copy
