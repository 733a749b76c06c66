"""Reading a bill's XML, in document order, into the text the print sets: words joined by single
spaces, the quotation marks the print adds put in, page/line marks where markers stand, and
(when asked) the way back from each run of text to its XML node and the start of each block."""

from __future__ import annotations

import re
import sys
from typing import Literal, NamedTuple, TypeAlias

from drafter.core.akn import AKN, CELL_TAGS, MATHML_NS, UKL, XHTML_NS
from drafter.core.etree import etree
from drafter.core.print.lines import BlockStart

Slot = Literal["text", "tail"]

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
) | frozenset(  # LawMaker's tables are XHTML, and so are the references in their cells
    f"{{{XHTML_NS}}}{t}" for t in "ref mref rref def term i b u sup sub span abbr inline".split()
)
_EOL_TAGS = frozenset({AKN + "eol", AKN + "eop"})
MATHML = f"{{{MATHML_NS}}}"
#: MathML's elements that set their parts apart (a fraction's numerator and denominator, a
#: power's base and exponent, a table's cells): the print stacks or raises them, the printed
#: text puts a space between them
_MATH_PARTED = frozenset(
    MATHML + t
    for t in "mfrac msub msup msubsup munder mover munderover mroot mmultiscripts mtable "
    "mtr".split()
)
#: MathML operators that join what stands either side of them (a decimal point, a comma in a
#: number, the invisible times of "2x") or open or close a group: set without spaces, where
#: an operator between two terms has one each side
_MATH_JOINING = frozenset(".,()[]{}|\u2061\u2062\u2063\u2064")
_MO, _MSPACE, _MATH_ROOT = MATHML + "mo", MATHML + "mspace", MATHML + "math"

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
        "clause",
        "subclause",
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


Source: TypeAlias = (
    "tuple[etree._Element, Slot, str]"  # a text node: element, "text"/"tail", as read
)
Range = tuple[int, int]  # indexes of the first piece read inside an element and past its last
#: a page/line marker read: page, line, the offset of the first word after it, and the eId of
#: the provision that word is in ("" for none)
Mark: TypeAlias = tuple[int, int, int, str]


class Stream(NamedTuple):
    """The printed text of a subtree and everything learnt while reading it."""

    text: str
    piece_starts: list[int]  # offset in text where each piece begins (only when asked)
    piece_sources: list[tuple[etree._Element, Slot, str] | None]  # None: added by the print
    marks: list[Mark]
    blocks: list[BlockStart]  # only when asked
    #: (offset, eId) each time the innermost provision changes (only when blocks are asked)
    owners: list[tuple[int, str]]
    #: the elements in :data:`SPAN_TAGS` in document order, as ``root.iter`` gives them
    #: (None for those inside a skipped element, which are not read)
    span_order: list[etree._Element | None]
    #: :meth:`Print.span_of` of each element of ``span_order``, as numbers: its start and end
    #: in ``text``, two to an element (-1, -1: nothing of it printed); see :meth:`spans`
    span_column: list[int]
    #: (offset, row) where each table cell's first word is printed: the cells of a row are
    #: printed side by side, so a cell without a marker of its own starts on the row's line
    cells: list[tuple[int, etree._Element | None]]

    def spans(self) -> dict[etree._Element, tuple[int, int]]:
        """The span of every element of ``span_order`` that prints something."""
        return spans_of(self.span_order, self.span_column)


def spans_of(
    order: list[etree._Element] | list[etree._Element | None], column: list[int]
) -> dict[etree._Element, tuple[int, int]]:
    """Elements and their spans, from a column of starts and ends as :class:`Stream` and the
    print cache keep them (in document order; -1 where nothing printed)."""
    starts, ends = column[0::2], column[1::2]
    return {
        el: (a, b)
        for el, a, b in zip(order, starts, ends, strict=True)
        if a >= 0 and el is not None
    }


_INLINE, _PROVISION, _SKIP, _QUOTE, _EOL, _SPAN, _CELL, _MATH = 1, 2, 4, 8, 16, 32, 64, 128
#: roles that few elements have: one test at each end of an element passes over them all
_RARE = _SKIP | _QUOTE | _EOL | _CELL | _MATH
#: an open element's role keeps, above these bits, where its span is in the span column
_INDEX_SHIFT = 8
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
    if tag in CELL_TAGS:
        role |= _CELL
    if tag.startswith(MATHML):  # a formula's parts run on, as words do, spaced as it sets them
        role |= _MATH | _INLINE
    return role


def read_stream(
    root: etree._Element,
    *,
    pieces: bool = False,
    blocks: bool = False,
    eol: bool = False,
    until: int = sys.maxsize,
) -> Stream:
    """Read ``root``'s subtree, in document order, into printed text.

    Words are joined by single spaces; a block (a number, a heading, a paragraph) is a word
    break, except before closing punctuation; the quotation marks the print adds around
    quoted structures and defined terms are put in, the opening one after any page/line
    marker that precedes the first word.

    ``pieces`` also records which text node each run of text came from (the way back from the
    print to the XML); ``blocks`` records where each block starts (the line breaker's input);
    ``until`` (with ``blocks``): stop at the first block that starts past that much text
    (the text read is a prefix of the whole, holding at least that much);
    ``eol`` reads the lines from ``<eol/>``/``<eop/>`` (a bill without ``<?L?>`` markers):
    the first word is on page 1, line 1, and each break starts the next line or page.
    The spans of provisions and numbers are always recorded, as :meth:`Print.span_of` would
    find them from the pieces: from the first word read inside the element to its last, with
    the print's quotation marks glued to either end.
    Loading a bill reads its body without either, so this is the hot path of every command
    that opens a print for the first time: one flat loop over lxml's own tree walker, state
    in local variables, the rare roles behind one test, nothing allocated per node that is
    not kept.
    """
    parts: list[str] = []
    piece_starts: list[int] = []
    piece_sources: list[tuple[etree._Element, Slot, str] | None] = []
    marks: list[Mark] = []
    block_starts: list[BlockStart] = []
    owners: list[tuple[int, str]] = []
    owner: etree._Element | None = None
    provisions: list[etree._Element] = []
    provision_ids: list[str] = []  # their eIds, for the lines that start in them
    open_roles: list[int] = []
    #: the first word of a print read from <eol/>/<eop/> is on page 1, line 1: those
    #: elements mark where a line ends, so the words before the first one are a line too
    pending_marks: list[tuple[int, int]] = [(1, 1)] if eol else []
    #: an <eol breakAt="n"/>: the line breaks n characters into the next word (-1: into a
    #: word that runs on from the text read up to ``held_at``)
    split = 0
    held_at = 0
    pending_blocks: list[etree._Element] = []
    span_order: list[etree._Element | None] = []
    span_column: list[int] = []
    unprinted = (-1, -1)
    unstarted: list[int] = []  # spans opened, no word read inside yet (by column index)
    unended: list[int] = []  # spans closed, quotation marks may still glue on
    cells: list[tuple[int, etree._Element | None]] = []
    cell_row: etree._Element | None = None  # the row of a cell opened, no word read in it yet
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
            if role & _RARE:
                if role & _SKIP:
                    open_roles.append(role)
                    walker.skip_subtree()  # its "end" still comes, for the tail
                    if len(el):
                        hidden = sum(1 for _ in el.iter(*SPAN_TAGS))
                        span_order += [None] * hidden
                        span_column += unprinted * hidden
                    continue
                if role & _CELL:
                    cell_row = el.getparent()
                if role & _MATH and length and not space and _math_space_before(el):
                    space = _TEXT_SPACE
                if role & _EOL and eol and _end_of_line(pending_marks, marks, tag == AKN + "eop"):
                    split = _break_at(el)
                if role & _QUOTE:
                    opening = el.get(QUOTE_ATTRS[tag][0])  # type: ignore[index]
                    if opening:
                        prefix.append(opening)
            if role & _SPAN:
                unstarted.append(len(span_column))
                role |= len(span_column) << _INDEX_SHIFT
                span_order.append(el)
                span_column += unprinted
            open_roles.append(role)
            if not role & _INLINE:
                if space != _TEXT_SPACE:
                    space = _BLOCK_SPACE
                if blocks:
                    if length > until:
                        break
                    pending_blocks.append(el)
                if role & _PROVISION:
                    provisions.append(el)
                    provision_ids.append(el.get("eId", ""))
            raw = el.text
            slot = "text"
        elif event == "end":
            role = open_roles.pop()
            if role & _RARE:
                if role & _CELL:
                    cell_row = None  # an empty cell
                if role & _MATH:
                    if el.tag == _MATH_ROOT:  # after the formula, its tail's words decide
                        space = _NO_SPACE
                    elif _math_space_after(el):
                        space = _TEXT_SPACE
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
            if role & _SPAN:
                i = role >> _INDEX_SHIFT
                if unstarted and unstarted[-1] == i:
                    unstarted.pop()  # nothing of it printed
                else:
                    unended.append(i)
            if not role & (_INLINE | _SKIP):
                if role & _PROVISION:
                    provisions.pop()
                    provision_ids.pop()
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
        if not raw:
            if not quoted:
                continue
        elif not quoted and raw.isspace():  # indentation (a lone no-break space counts too)
            # (but not between a formula's elements: MathML's whitespace is no space)
            if length and not space and not open_roles[-1] & _MATH:
                space = _TEXT_SPACE
            continue
        then = None
        if quoted:  # an empty quotation: its marks first, then its tail
            raw, then, slot = quoted, raw, None
            quoted = ""
        while raw:
            if raw.isspace():
                if length and not space and not open_roles[-1] & _MATH:
                    space = _TEXT_SPACE
                raw, then, slot = then, None, "tail"
                continue
            core = raw.strip(XML_SPACE)
            if "\n" in core or "  " in core or "\t" in core or "\r" in core:
                core = _WS.sub(" ", core)
            if not space and raw[0] in XML_SPACE and not open_roles[-1] & _MATH:
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
                for i in unended:
                    span_column[i + 1] = glued_end
                unended.clear()
            if unstarted:
                for i in unstarted:
                    span_column[i] = run_start
                unstarted.clear()
            if cell_row is not None:
                cells.append((visible, cell_row))
                cell_row = None
            if pieces:
                piece_starts.append(length)
                piece_sources.append((el, slot, raw) if slot else None)
            parts.append(core)
            length += len(core)
            last_char = core[-1]
            run_start = glued_end = length
            space = (
                _TEXT_SPACE if raw[-1] in XML_SPACE and not open_roles[-1] & _MATH else _NO_SPACE
            )
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
                    in_id = provision_ids[-1] if provision_ids else ""
                    for page, line in pending_marks:
                        marks.append((page, line, at, in_id))
                    pending_marks.clear()
            if blocks:
                for element in pending_blocks:
                    block_starts.append(BlockStart(visible, element))
                pending_blocks.clear()
                top = provisions[-1] if provisions else None
                if top is not owner:
                    owner = top
                    owners.append((visible, provision_ids[-1] if provision_ids else ""))
            raw, then, slot = then, None, "tail"
    for i in unended:
        span_column[i + 1] = glued_end
    text = "".join(parts)
    return Stream(
        text,
        piece_starts,
        piece_sources,
        marks,
        block_starts,
        owners,
        span_order,
        span_column,
        cells,
    )


def _math_space_before(el: etree._Element) -> bool:
    """Does a space go before this part of a formula, after what stands before it in the
    formula: an operator between two terms ("R × 30"), a fraction, power or root (set apart
    from the term before it), or a part of one after its first ("R D": R over D)?"""
    if el.getprevious() is None:
        return False
    parent = el.getparent()
    return (
        (parent is not None and parent.tag in _MATH_PARTED)
        or el.tag in _MATH_PARTED
        or _between_terms(el)
    )


def _math_space_after(el: etree._Element) -> bool:
    """Does a space go after this part of a formula: an operator between two terms, a
    fraction, power or root (set apart from the term after it), or a space of MathML's?"""
    return el.tag in _MATH_PARTED or el.tag == _MSPACE or _between_terms(el)


def _between_terms(el: etree._Element) -> bool:
    """Is this an operator between two terms ("a − b"), not a sign before one ("−5",
    "= −5"), nor one after ("5%"), nor one that joins (a decimal point)?"""
    if el.tag != _MO:
        return False
    before, after = el.getprevious(), el.getnext()
    if before is None or after is None or before.tag == _MO:
        return False
    shown = [el.text or ""]  # its sign, as printed: what an amendment left out is not
    for part in el:
        if part.tag not in SKIPPED_TAGS:
            shown.append("".join(part.itertext()))
        shown.append(part.tail or "")
    sign = "".join(shown).strip()
    return bool(sign) and sign not in _MATH_JOINING


def _end_of_line(
    pending_marks: list[tuple[int, int]],
    marks: list[Mark],
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
    return read_stream(element).text


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


def has_eol(root: etree._Element) -> bool:
    return next(root.iter(AKN + "eol", AKN + "eop"), None) is not None


#: The processing instruction drafter writes first in a body whose ``<?L?>`` markers it wrote:
#: its own layout (``drafter layout``, a bill as amended laid out afresh), or, with the text
#: :data:`FROM_PDF`, lines read from the House's PDF of the print (``layout --from-pdf``).
LAYOUT_PI = "drafter-layout"
FROM_PDF = "from-pdf"


def marker_origin(body: etree._Element) -> Literal["markers", "drafter", "pdf"]:
    """Who set the body's page/line markers: the House ("markers"), drafter's own layout, or
    drafter from the House's PDF (see :data:`LAYOUT_PI`)."""
    for pi in body.iterchildren(etree.ProcessingInstruction):
        if pi.target == LAYOUT_PI:  # type: ignore[attr-defined]
            return "pdf" if (pi.text or "").strip() == FROM_PDF else "drafter"
    return "markers"
