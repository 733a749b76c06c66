"""The print: every printed line of a bill, and the way back from page/line to the XML.

A bill's body is read once, in document order, into one flat string of printed text (words
separated by single spaces, quotation marks that the print adds put in). Each printed line is
a slice of that string. Line starts come from the ``<?L page-line?>`` processing instructions
LawMaker writes, or from ``<eol/>``/``<eop/>``, or — for a bill with neither — from our own
line breaker (:mod:`drafter.core.linebreak`). Pieces of the string remember which text node
they came from, so a (page, line, offset) resolves to the exact place in the XML.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Literal

from lxml import etree

from drafter.core.xml import AKN_NS, UKL_NS, XHTML_NS

Slot = Literal["text", "tail"]

_A = f"{{{AKN_NS}}}"
_H = f"{{{XHTML_NS}}}"
_WS = re.compile(r"\s+")

#: Elements that flow inside a sentence: no word break at their edges.
INLINE_TAGS = frozenset(
    _A + t
    for t in (
        "ref mref rref def term i b u sup sub span inline abbr date docDate docStage docTitle "
        "docNumber quotedText mod affectedDocument noteRef ins del entity concept object "
        "location person organization role quantity event process img br"
    ).split()
)
#: Elements whose text is not part of the printed lines (margin notes).
SKIPPED_TAGS = frozenset({_A + "authorialNote", _A + "meta"})

#: Elements that are provisions for the purpose of "which provision is this line in".
PROVISION_TAGS = frozenset(
    _A + t
    for t in (
        "part chapter section subsection paragraph subparagraph level hcontainer article "
        "quotedStructure tblock"
    ).split()
)

_QUOTE_ATTRS = {
    _A + "quotedStructure": ("startQuote", "endQuote"),
    _A + "quotedText": ("startQuote", "endQuote"),
    _A + "def": (f"{{{UKL_NS}}}startQuote", f"{{{UKL_NS}}}endQuote"),
}
_CLOSING_PUNCTUATION = frozenset(".,;:)]”’")


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line: where it stands in the print and what it says."""

    page: int
    number: int
    start: int  # offset of the first character in Print.text
    end: int  # offset just past the last character of the first fragment
    text: str
    eid: str  # eId of the innermost provision holding the first character
    #: (start, end) spans of Print.text on this line: one, or one per table cell
    fragments: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class XmlPlace:
    """An exact point in the XML: ``offset`` characters into ``element.text`` or ``.tail``."""

    element: etree._Element
    slot: Slot
    offset: int


@dataclass(frozen=True, slots=True)
class BlockStart:
    """Where a block element's first printed character falls; the line breaker's input."""

    offset: int
    element: etree._Element
    depth: int  # number of enclosing provisions: a proxy for the print's indent


class PrintError(Exception):
    """A page/line or offset that the print does not have."""


class _Stream:
    """Builds the printed text of a subtree in one pass."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.last_char = " "
        self.space: Literal["", "text", "block"] = ""
        self.prefix: list[str] = []
        # pieces: offset in stream -> (owner element, slot, raw string); generated text has none
        self.piece_starts: list[int] = []
        self.piece_sources: list[tuple[etree._Element, Slot, str] | None] = []
        self.provisions: list[etree._Element] = []
        self.pending_marks: list[tuple[int, int]] = []
        self.pending_blocks: list[tuple[etree._Element, int]] = []
        self.marks: list[tuple[int, int, int, etree._Element | None]] = []
        self.blocks: list[BlockStart] = []

    def _append(self, s: str, source: tuple[etree._Element, Slot, str] | None) -> None:
        self.piece_starts.append(self.length)
        self.piece_sources.append(source)
        self.parts.append(s)
        self.length += len(s)
        self.last_char = s[-1]

    def emit(self, raw: str | None, owner: etree._Element, slot: Slot) -> None:
        if not raw:
            return
        text = _WS.sub(" ", raw)
        core = text.strip(" ")
        if not core:
            if self.length and not self.space:
                self.space = "text"
            return
        if text[0] == " " and self.length and self.space != "block":
            self.space = "text"
        if self.space and self.length and self.last_char != " ":
            if not (self.space == "block" and core[0] in _CLOSING_PUNCTUATION and not self.prefix):
                self._append(" ", None)
        self.space = ""
        visible = self.length
        if self.prefix:
            self._append("".join(self.prefix), None)
            self.prefix.clear()
        # Where the raw string's first non-space character sits, for the way back to the XML.
        self._append(core, (owner, slot, raw))
        if text[-1] == " ":
            self.space = "text"
        if self.pending_marks or self.pending_blocks:
            self._resolve(visible)

    def _resolve(self, offset: int) -> None:
        top = self.provisions[-1] if self.provisions else None
        for page, line in self.pending_marks:
            self.marks.append((page, line, offset, top))
        self.pending_marks.clear()
        for element, depth in self.pending_blocks:
            self.blocks.append(BlockStart(offset, element, depth))
        self.pending_blocks.clear()

    def generated(self, s: str) -> None:
        """Text the print adds (closing quotation marks): glued to what precedes it."""
        if s:
            self._append(s, None)


def _walk(root: etree._Element, stream: _Stream) -> None:
    """Feed ``root``'s subtree into ``stream``: text, markers, provisions and blocks."""
    emit = stream.emit
    provisions = stream.provisions
    skipping: etree._Element | None = None
    for event, el in etree.iterwalk(root, events=("start", "end", "pi", "comment")):
        if skipping is not None:
            if event == "end" and el is skipping:
                skipping = None
                emit(el.tail, el, "tail")
            continue
        if event == "pi":
            if el.target == "L":  # type: ignore[union-attr]
                _mark(stream, el.text or "")
            emit(el.tail, el, "tail")
            continue
        if event == "comment":
            emit(el.tail, el, "tail")
            continue
        tag = el.tag
        if event == "start":
            if tag in SKIPPED_TAGS:
                skipping = el
                continue
            if tag == _A + "eol" or tag == _A + "eop":
                _eol(stream, new_page=tag == _A + "eop")
            inline = tag in INLINE_TAGS
            if not inline:
                if stream.space != "text":
                    stream.space = "block"
                stream.pending_blocks.append((el, len(provisions)))
            if tag in PROVISION_TAGS:
                provisions.append(el)
            quotes = _QUOTE_ATTRS.get(tag)
            if quotes:
                opening = el.get(quotes[0])
                if opening:
                    stream.prefix.append(opening)
            emit(el.text, el, "text")
        else:  # end
            quotes = _QUOTE_ATTRS.get(tag)
            if quotes:
                closing = el.get(quotes[1])
                if closing:
                    stream.generated(closing)
            if tag in PROVISION_TAGS:
                provisions.pop()
            if tag not in INLINE_TAGS and stream.space != "text":
                stream.space = "block"
            if el is not root:
                emit(el.tail, el, "tail")


_MARK = re.compile(r"\s*(\d+)\s*-\s*(\d+)\s*$")


def _mark(stream: _Stream, value: str) -> None:
    match = _MARK.match(value)
    if not match:
        return  # not a page-line marker; validation reports it
    page, line = int(match.group(1)), int(match.group(2))
    stream.pending_marks.append((page, line))


def _eol(stream: _Stream, new_page: bool) -> None:
    if stream.marks or stream.pending_marks:
        last = stream.pending_marks[-1] if stream.pending_marks else stream.marks[-1][:2]
        page, line = last[0], last[1]
    else:
        page, line = 1, 0
        stream.pending_marks.append((1, 1))
    nxt = (page + 1, 1) if new_page else (page, line + 1)
    stream.pending_marks.append(nxt)


def _has_eol(root: etree._Element) -> bool:
    return next(root.iter(_A + "eol", _A + "eop"), None) is not None


@dataclass(frozen=True, slots=True)
class _Piece:
    start: int
    source: tuple[etree._Element, Slot, str] | None


class Print:
    """The printed lines of one bill, and lookups between lines, text and XML."""

    def __init__(
        self,
        text: str,
        lines: list[Line],
        piece_starts: list[int],
        piece_sources: list[tuple[etree._Element, Slot, str] | None],
        blocks: list[BlockStart],
        source: Literal["markers", "eol", "layout", "none"],
    ) -> None:
        self.text = text
        self.lines = lines
        self.blocks = blocks
        #: where the line numbers come from: the document's markers, or our own layout
        self.source = source
        self._piece_starts = piece_starts
        self._piece_sources = piece_sources
        spans = sorted(
            (a, i) for i, line in enumerate(lines) for a, _ in (line.fragments or ((line.start, line.end),))
        )
        self._fragment_starts = [a for a, _ in spans]
        self._fragment_lines = [i for _, i in spans]
        self._by_place = {(line.page, line.number): i for i, line in enumerate(lines)}

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
        index = bisect_right(self._fragment_starts, offset) - 1
        if index < 0:
            raise PrintError(f"offset {offset} comes before the first printed line")
        return self.lines[self._fragment_lines[index]]

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
    i = len(raw) - len(raw.lstrip())
    seen = 0
    while i < len(raw) and seen < normalized_offset:
        if raw[i].isspace():
            while i + 1 < len(raw) and raw[i + 1].isspace():
                i += 1
        i += 1
        seen += 1
    return i


def _build_lines(
    text: str, marks: list[tuple[int, int, int, etree._Element | None]]
) -> list[Line]:
    """Turn resolved markers into lines.

    A marker that falls inside a word moves to the next word, as the print does. In a table
    the cells of one row are printed side by side, so a row's markers go back to lines already
    started: such a fragment is added to that earlier line (its cells joined by a space).
    """
    n = len(text)
    order: list[tuple[int, int]] = []
    first_eid: dict[tuple[int, int], str] = {}
    spans: dict[tuple[int, int], list[tuple[int, int]]] = {}
    fragments: list[tuple[int, tuple[int, int]]] = []
    for page, number, offset, provision in marks:
        if 0 < offset < n and text[offset - 1] != " " and text[offset] != " ":
            space = text.find(" ", offset)
            if space != -1 and space - offset <= 3 and not text[offset].isalnum():
                offset = space + 1
        key = (page, number)
        if key not in first_eid:
            order.append(key)
            first_eid[key] = provision.get("eId", "") if provision is not None else ""
            spans[key] = []
        fragments.append((offset, key))
    for i, (start, key) in enumerate(fragments):
        end = fragments[i + 1][0] if i + 1 < len(fragments) else n
        end = max(start, end)
        while end > start and text[end - 1] == " ":
            end -= 1
        if end > start or not spans[key]:
            spans[key].append((start, end))
    lines: list[Line] = []
    for key in order:
        parts = tuple(spans[key])
        start, end = parts[0]
        line_text = " ".join(text[a:b] for a, b in parts if b > a)
        lines.append(Line(key[0], key[1], start, end, line_text, first_eid[key], parts))
    return lines


def read_print(body: etree._Element | None) -> Print:
    """Index the print of a bill body: markers if it has them, else our own layout."""
    stream = _Stream()
    if body is None:
        return Print("", [], [], [], [], "none")
    _walk(body, stream)
    text = "".join(stream.parts)
    if stream.marks:
        source: Literal["markers", "eol", "layout", "none"] = (
            "eol" if _has_eol(body) and not _has_pi_markers(body) else "markers"
        )
        lines = _build_lines(text, stream.marks)
    else:
        from drafter.core.linebreak import lay_out

        source = "layout"
        lines = lay_out(text, stream.blocks, _provision_eids(stream))
    return Print(text, lines, stream.piece_starts, stream.piece_sources, stream.blocks, source)


def _has_pi_markers(body: etree._Element) -> bool:
    return any(pi.target == "L" for pi in body.iter(etree.ProcessingInstruction))  # type: ignore[union-attr]


def _provision_eids(stream: _Stream) -> list[tuple[int, str]]:
    """(offset, eId) of the innermost provision at each block start, in order."""
    out: list[tuple[int, str]] = []
    for block in stream.blocks:
        el: etree._Element | None = block.element
        while el is not None and el.tag not in PROVISION_TAGS:
            el = el.getparent()
        out.append((block.offset, el.get("eId", "") if el is not None else ""))
    return out


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
    markers = [pi for pi in root.iter(etree.ProcessingInstruction) if pi.target == "L"]  # type: ignore[union-attr]
    for pi in markers:
        _remove_keeping_tail(pi)
    return len(markers)


def _remove_keeping_tail(node: etree._Element) -> None:
    parent = node.getparent()
    assert parent is not None
    tail = node.tail or ""
    previous = node.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(node)


def insert_markers(body: etree._Element, lines: list[Line], pr: Print) -> None:
    """Write ``<?L page-line?>`` before the first character of every line (in place)."""
    places = [(_marker_place(pr, a), line) for line in lines for a, _ in line.fragments[:1]]
    # last first, so that splitting a string leaves the earlier offsets valid
    for place, line in reversed(places):
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


def laid_out(tree: etree._ElementTree) -> etree._ElementTree:
    """A copy of a bill with fresh page/line markers from drafter's own layout (any markers it
    had are replaced). The input tree is not changed."""
    copy = etree.ElementTree(etree.fromstring(etree.tostring(tree)))
    body = copy.getroot().find(f".//{_A}body")
    if body is None:
        raise PrintError("the document has no <body> to lay out")
    strip_markers(body)
    pr = read_print(body)
    insert_markers(body, pr.lines, pr)
    return copy
