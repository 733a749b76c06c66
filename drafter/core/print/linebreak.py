"""Lay out a bill that has no page/line markers, the way its print would be set.

LawMaker's prints are set by an XSL-FO formatter (RenderX XEP) in Book Antiqua 11pt, justified,
on A4. The rules below were read off a print's PDF and off the markers of real bills, and
``tests/benchmarks/bench_layout_agreement.py`` checks them: it strips the markers from real
bills, lays them out again and counts how many of LawMaker's line starts we reproduce.

* Which elements start a line: every number (Part, Chapter, Clause, subsection, paragraph,
  Schedule) except one that follows another number ("2 (1) The …"); a clause's heading runs on
  after its number; a Part's, Chapter's or Schedule's heading, a crossheading, a definition, a
  new paragraph of text and a table row each start a line; text runs on after its number.
* Where a line's text stands: numbers hang in the margin; text indents 36pt a level (a clause's
  text and its subsections at 36pt, paragraphs at 72pt …, a Schedule's paragraphs at 48pt); a
  definition hangs 12pt; a quotation starts the scheme again from the text that quotes it;
  a table's cells stand side by side in columns shared out by their contents (when
  ``Measure.cells_side_by_side``; see there).
* How a block breaks: only at spaces, and one line at a time, each taking the break that needs
  the least change of word spacing — stretching the spaces, or closing up spaces and then
  letters, which costs more ("best fit": it beats a whole-paragraph optimum on the prints).
* How a page fills: a fixed height, not a fixed number of lines. Clauses, subsections,
  paragraphs and headings have space above them; a block leaves no single line at the foot or
  head of a page (orphans and widows); a heading is never the last line of a page, nor the
  line before a quotation (the prints never end a page there: "insert—" goes over with what
  it inserts); the Schedules start a page (later Schedules run on). The page depth is
  measured on a House of Commons print; other prints differ, so page numbers are an
  approximation where line breaks are not.

* After an earlier print (a reprint, ``drafter layout --like``): a line whose words the
  earlier print had is kept as it was, table rows included, and a page that starts where one
  of its pages started holds what that page held, within a line; only the rest is set by the
  rules above (see :mod:`drafter.core.print.earlier`).

Widths are Book Antiqua's advance widths (the font the prints embed), so no font files are
needed. Deterministic: the same bill always gets the same page and line numbers.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import astuple, dataclass, field, replace
from functools import lru_cache
from itertools import pairwise
from typing import Literal, NamedTuple, TypeAlias

from drafter.core.akn import AKN, CELL_TAGS, ROW_TAGS, XHTML_NS
from drafter.core.etree import etree
from drafter.core.print.earlier import KeptLine, kept_lines
from drafter.core.print.lines import BlockStart, Line

_H = f"{{{XHTML_NS}}}"

Font = Literal["regular", "bold", "italic"]


def _widths(spec: str) -> dict[str, int]:
    """A width table from ``"width:characters width:characters …"`` (1/1000 em)."""
    table: dict[str, int] = {}
    for item in spec.split():
        width, chars = item.split(":", 1)
        for ch in chars:
            table[ch] = int(width)
    return table


_SHARED = (
    "250:,.:; 500:0123456789£#$_§ 1000:—… 606:+<=>×/\\|~^•− 747:@© 840:% 400:°"
    " 371:\" 278:!' 333:()[]{}‘’- 500:–"
)
#: Book Antiqua (Palatino's metrics) as embedded in LawMaker's PDFs, 1/1000 em.
_REGULAR = _widths(
    _SHARED + " 444:c“”? 479:e 500:az 553:b 611:dELB 333:fJ 556:gkyF 582:hn 291:il 234:j"
    " 883:m 546:o 601:p 560:q 395:r 424:s 326:t 603:u 565:v 834:w 516:x 778:AU&"
    " 709:C 774:D 763:G 832:H 337:I 726:K 946:M 831:N 786:OQ 604:P 668:R 525:S 613:T"
    " 722:V 1000:W 667:XYZ"
)
_BOLD = _widths(
    _SHARED + " 500:aexz“” 611:bdhnpquELPk 444:cs 389:frIJ 556:goyFv 333:ilt:;j"
    " 889:m 833:wDHNGOQ 778:AUKV 667:BTXYZ 722:CR 1000:MW 611:S"
)
_ITALIC = _widths(
    _SHARED + " 444:aozk 463:bq 407:c 500:dghpvxy 389:ers 278:fijl 778:m 556:nu 333:tIJ"
    " 722:wAGXV 611:BEPT 667:CKRYZ 778:DHNOQU 556:LFS 944:MW 296:/"
)
_FONTS: dict[Font, dict[str, int]] = {"regular": _REGULAR, "bold": _BOLD, "italic": _ITALIC}
_LIGATURES = (("fi", 19), ("fl", 16))  # what a ligature saves over its two letters


#: Space around blocks, beyond the leading, in points (from Bill 286's PDF), by name: above a
#: block that starts a line, named by its tag (a clause is a "section") or class, "para" for
#: a paragraph, sub-paragraph or list item, "schedule heading"; and below a heading, which
#: decides the space to what follows it ("after section": a clause heading).
SPACING = {
    "section": 17.9,
    "article": 17.9,
    "subsection": 8.0,
    "part": 17.3,
    "chapter": 17.3,
    "wrapUp": 2.0,
    "tblock": 2.0,
    "tr": 2.0,
    "quotedStructure": 8.0,  # not in Bill 286: chosen on the marked prints that quote
    "schProv1": 11.4,
    "schProv2": 6.0,
    "EUProv2": 8.0,
    "group7": 17.3,  # a crossheading among clauses …
    "schGroup7": 11.3,  # … and in a Schedule
    "definition": 2.0,
    "para": 2.0,
    "schedule heading": 12.0,
    "after section": 8.1,
    "after crossheading": 17.3,
    "after schedule crossheading": 11.4,  # a Schedule's crossheadings sit closer
    "after schedule": 11.7,
    "after heading": 12.0,
}


@dataclass(frozen=True)
class Measure:
    """The geometry of a LawMaker print, in points (A4, Book Antiqua 11pt, set by XEP).

    Measured on the PDF of Bill 286 (HC, 2025); the justification figures are fitted to the
    markers of five real bills by the agreement benchmark.
    """

    width: float = 415.3  # the text block: 72pt to 487.3pt across the page
    size: float = 11.0  # body type size
    level: float = 36.0  # indent per level of provision
    cell_padding: float = 3.0  # each side of a table cell's text
    #: Set a table row's cells side by side, as the print does, so that one printed line
    #: holds a piece of each cell. Off until the marker writer (:func:`drafter.core.print.
    #: markers.insert_markers`) writes a marker for every piece of a line:
    #: until then a bill laid out this way would not read back the same. Off, a row's cells
    #: run on after each other.
    cells_side_by_side: bool = True
    # justification (see break_words)
    space: float = 3.8  # the word space XEP aims for
    min_space: float = 3.05  # how far it will close up word spaces …
    letter_shrink: float = 0.2  # … and then each pair of letters
    shrink_cost: float = 1.3  # closing a line up by 1pt looks as bad as opening it by 1.3pt
    # the page, from its top edge
    leading: float = 13.28  # baseline to baseline (LawMaker's amendment papers too)
    page_top: float = 99.2  # where the first line of a page stands
    schedule_page_top: float = 110.2  # a Schedule's running head takes two lines
    first_page_top: float = 325.0  # below the title and enacting words (not in the body: fitted)
    page_bottom: float = 757.0  # the lowest a line may stand
    #: the space around blocks (see :data:`SPACING`), as (name, points) pairs
    spacing: tuple[tuple[str, float], ...] = tuple(SPACING.items())


DEFAULT_MEASURE = Measure()

_HEADING_RUNS_ON = frozenset({AKN + "section", AKN + "article"})
_BREAKING = frozenset(
    AKN + t for t in "p intro content wrapUp tblock subsection level paragraph subparagraph".split()
) | {_H + "tr"}
_NUM = AKN + "num"
_BODY = AKN + "body"
_HEADING = AKN + "heading"
_QUOTED = AKN + "quotedStructure"
_HCONTAINER = AKN + "hcontainer"


def _starts_line(elements: Sequence[BlockStart], after_num: bool) -> bool:
    """Does a group of blocks that begin at one offset begin a printed line?"""
    tags = {b.element.tag for b in elements}
    if _NUM in tags:
        # "2 (1) The …": a sub-paragraph's number runs on after its paragraph's number
        return not after_num
    if _HEADING in tags:
        heading = next(b.element for b in elements if b.element.tag == _HEADING)
        parent = heading.getparent()
        return not (after_num and parent is not None and parent.tag in _HEADING_RUNS_ON)
    if after_num:
        return False
    for b in elements:
        el = b.element
        if el.tag == _HCONTAINER and el.get("name") == "definition":
            return True
        if el.tag == _H + "td" or el.tag == AKN + "td":
            return el.getprevious() is None
    return bool(tags & _BREAKING)


# --- where text stands on the line -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Style:
    """How the lines of one block are set."""

    left: float  # left edge of its lines, from the left of the text block
    first: float  # left edge of its first line (a definition hangs)
    font: Font = "regular"
    centred: bool = False


#: Elements that hold text but do not move it.
_PLAIN = frozenset(AKN + t for t in "content intro wrapUp p mod num heading".split())
_PARA = re.compile(r"(?:para|schPara)\d$")


#: where a provision's lines start, after the provisions above it: (base, left, hang) in
#: points, as :func:`_indented` works them out
_Indent: TypeAlias = tuple[float, float, float]


class _Above:
    """The elements above each block in the body, and how far they indent it, worked out
    once for each element in a layout: blocks share most of their ancestors, so a block's are
    its parent's and itself (a bill of ten thousand lines has a few thousand elements above
    its blocks, each of them above hundreds)."""

    def __init__(self, measure: Measure) -> None:
        self._level = measure.level
        self._chains: dict[etree._Element, tuple[etree._Element, ...]] = {}
        self._indents: dict[etree._Element, _Indent] = {}

    def chain(self, el: etree._Element | None) -> tuple[etree._Element, ...]:
        """``el`` and its ancestors inside the body, outermost first."""
        if el is None or el.tag == _BODY:
            return ()
        found = self._chains.get(el)
        if found is None:
            found = self._chains[el] = (*self.chain(el.getparent()), el)
        return found

    def indent(self, el: etree._Element | None) -> _Indent:
        """(base, left, hang) for the text of ``el``: :func:`_indented` by each provision
        from the body down to ``el``."""
        if el is None or el.tag == _BODY:
            return (0.0, 0.0, 0.0)
        found = self._indents.get(el)
        if found is None:
            found = _indented(self.indent(el.getparent()), el, self._level)
            self._indents[el] = found
        return found

    def style(self, el: etree._Element) -> _Style:
        """Where the text of ``el`` stands on the line, from the provisions around it."""
        base, left, hang = self.indent(el)
        if el.tag in (_HEADING, _NUM):
            parent = el.getparent()
            if parent is not None and parent.tag in _HEADING_RUNS_ON:
                return _Style(base + 30.0, base + 30.0, "bold")
            if parent is not None and parent.get("name") == "crossheading":
                if _in_schedule_style(parent):
                    return _Style(base, base, "italic")
                return _Style(base, base, "italic", centred=True)
            return _Style(base, base, "regular", centred=True)
        return _Style(left, left - hang)


def _indented(indent: _Indent, node: etree._Element, level: float) -> _Indent:
    """``indent`` moved on by one element on the way down to a block: a provision indents
    its text a level (a quotation from where the text quoting it stands), a definition hangs
    its first line; elements that only hold text do not move it."""
    tag = node.tag
    if tag in _PLAIN:
        return indent
    base, left, _ = indent
    cls = node.get("class") or ""
    hang = 0.0
    if tag == _QUOTED:
        base = left
        left = base + level
    elif tag in (AKN + "section", AKN + "article", AKN + "subsection") or cls == "EUProv2":
        left = base + level
    elif cls in ("schProv1", "schProv2"):
        left = base + 48.0
    elif _PARA.match(cls) or tag == AKN + "item":
        left += level
    elif tag == _HCONTAINER and node.get("name") == "definition":
        if not _opens_quotation(node):
            left += level
        hang = 12.0
    elif cls == "unnumberedParagraph" and not _opens_quotation(node):
        left += level
    return base, left, hang


def text_left(el: etree._Element, measure: Measure = DEFAULT_MEASURE) -> float:
    """Where the printed lines of the text directly in ``el`` start, in points from the left
    of the text block (where a clause's number stands), as this layout and the House's prints
    set them: for front ends that set the printed lines themselves."""
    return _Above(measure).style(el).left


def _opens_quotation(node: etree._Element) -> bool:
    """Is this the first level of a quotation (which is indented already)?"""
    parent = node.getparent()
    return parent is not None and parent.tag == _QUOTED


def _hangs(num: etree._Element) -> bool:
    """Does this number stand in the margin, outside the measure of its text?"""
    parent = num.getparent()
    if parent is None:
        return False
    return parent.tag not in (AKN + "part", AKN + "chapter", _HCONTAINER) or (
        parent.get("name") == "definition"
    )


# --- the space above a block ---------------------------------------------------------------

#: the tags whose space above a block is their own (see :data:`SPACING`)
_SPACED_TAGS = {
    AKN + t: t
    for t in "section article subsection part chapter wrapUp tblock quotedStructure".split()
} | {_H + "tr": "tr"}
#: the classes (or hcontainer names) whose space above a block is their own
_SPACED_CLASSES = frozenset("schProv1 schProv2 EUProv2 group7 schGroup7 definition".split())
_AFTER_HEADING = {
    "section": "after section",
    "crossheading": "after crossheading",
    "schedule": "after schedule",
}

#: the names (see :data:`SPACING`) of the spaces that meet above a line: the largest counts
Gap = tuple[str, ...]


def _space_above(el: etree._Element) -> str | None:
    """The name of the space above a block that ``el`` starts, if it has one."""
    name = _SPACED_TAGS.get(str(el.tag))
    if name is not None:
        return name
    cls = el.get("class") or el.get("name") or ""
    if cls in _SPACED_CLASSES:
        return cls
    if _PARA.match(cls) or cls == "unnumberedParagraph" or el.tag == AKN + "item":
        return "para"
    if el.tag == _HEADING:
        parent = el.getparent()
        if parent is not None and parent.get("name") == "schedule":
            return "schedule heading"
    return None


def _space_below(heading: etree._Element) -> str:
    parent = heading.getparent()
    if parent is None:
        return "after heading"
    if parent.tag in _HEADING_RUNS_ON:
        return "after section"
    if parent.get("name") == "crossheading" and _in_schedule_style(parent):
        return "after schedule crossheading"
    return _AFTER_HEADING.get(parent.get("name") or "", "after heading")


def _in_schedule_style(el: etree._Element) -> bool:
    """Is ``el`` set as a Schedule's (LawMaker's classes "schGroup7", "schProv1" …), in the
    Schedules or quoted in a clause?"""
    return (el.get("class") or "").startswith("sch")


def _gap(previous: etree._Element | None, current: etree._Element, above: _Above) -> Gap:
    """The spaces above a line whose first block is ``current``, after text in ``previous``.

    Spaces of the blocks that end and begin between them resolve to the largest, as in
    XSL-FO; below a heading, the heading's own space decides, and above a quotation, the
    quotation's own. Named, not measured, so that a print's own spacing can be put in (see
    :func:`measure_of`)."""
    if previous is None:
        return ()
    before = above.chain(current)
    after = above.chain(previous)
    shared = 0  # the elements holding both: the chains' common start
    for down, up in zip(before, after, strict=False):
        if down is not up:
            break
        shared += 1
    for el in after[shared:]:
        if el.tag == _HEADING:
            return (_space_below(el),)
    names = {_space_above(el) for el in before[shared:]}
    if "quotedStructure" in names:
        return ("quotedStructure",)  # whatever it quotes: a section, a paragraph, a definition
    return tuple(sorted(name for name in names if name is not None))


class _GapColumn(NamedTuple):
    """The different gaps of some rows, and each row's as an index into them: fitting a page
    to a print tries a thousand measures on the same rows, and the space above each row is
    then worked out once for each gap, not for each row."""

    gaps: list[Gap]
    of_row: list[int]


def _gap_column(rows: Sequence[_Row]) -> _GapColumn:
    ids: dict[Gap, int] = {}
    of_row = [ids.setdefault(row.gap, len(ids)) for row in rows]
    return _GapColumn(list(ids), of_row)


def _gap_points(
    rows: Sequence[_Row], measure: Measure, column: _GapColumn | None = None
) -> list[float]:
    """The space above each row, in points, by ``measure``'s spacing (``column``: the rows'
    :func:`_gap_column`, if it is known)."""
    gaps, of_row = column or _gap_column(rows)
    spacing = dict(measure.spacing)
    points = [max((spacing[name] for name in gap), default=0.0) for gap in gaps]
    return list(map(points.__getitem__, of_row))


def _starts_schedules(group: Sequence[BlockStart], above: _Above) -> bool:
    """Do the Schedules (not quoted ones) begin with this group of blocks? The prints start
    them on a new page ("Schedules" at the head of it, Schedule 1 straight after); later
    Schedules run on (HL Bill 159: Schedules 79-1, Schedule 1 79-2, Schedule 2 81-3)."""
    return any(
        b.element.tag == _HCONTAINER
        and b.element.get("name") == "schedules"
        and not any(node.tag == _QUOTED for node in above.chain(b.element))
        for b in group
    )


def _in_schedules(el: etree._Element, above: _Above) -> bool:
    """Is this text in the Schedules (which a two-line running head tops)?"""
    return any(
        node.tag == _HCONTAINER and node.get("name") == "schedules" for node in above.chain(el)
    )


def _cell_of(el: etree._Element, above: _Above) -> etree._Element | None:
    """The table cell holding ``el``, if it is in one (a quotation's table counts)."""
    for node in reversed(above.chain(el)):
        if node.tag in CELL_TAGS:
            return node
        if node.tag == _QUOTED:
            return None
    return None


# --- blocks ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Segment:
    """Text between two forced line breaks, set in one style: one block of the print."""

    start: int  # its first character (a hanging number, if it has one)
    body: int  # the first character that takes room on the line
    end: int
    style: _Style
    gap: Gap = ()  # the spaces above its first line, beyond the leading
    keep: bool = False  # a heading: keep with what follows
    new_page: bool = False  # the Schedules start here
    schedule: bool = False  # in the Schedules
    row: etree._Element | None = None  # a table row, whose cells stand side by side …
    cells: list[int] = field(default_factory=list)  # … starting at these offsets


def _segments(text: str, blocks: Sequence[BlockStart], measure: Measure) -> list[_Segment]:
    """Cut the printed text at the forced breaks, and style each piece."""
    segments: list[_Segment] = []
    above = _Above(measure)
    current: _Segment | None = None
    hanging = False  # the current segment has had only numbers so far
    previous_was_num = False
    last: etree._Element | None = None  # where the text before this group stands
    i = 0
    n = len(blocks)
    while i < n:
        j = i
        offset = blocks[i].offset
        while j < n and blocks[j].offset == offset:
            j += 1
        group = blocks[i:j]
        innermost = group[-1].element
        is_num = innermost.tag == _NUM
        cell = _cell_of(innermost, above) if measure.cells_side_by_side else None
        if (
            current is not None
            and cell is not None
            and current.row is not None
            and cell.getparent() is current.row
        ):  # the row goes on: a cell, or more of one
            if any(b.element is cell for b in group):
                current.cells.append(offset)
            previous_was_num = is_num
            last = innermost
            i = j
            continue
        if current is None or _starts_line(group, previous_was_num) or cell is not None:
            if current is not None:
                current.end = offset
            current = _Segment(offset, offset, len(text), above.style(innermost))
            current.gap = _gap(last, innermost, above)
            current.keep = innermost.tag == _HEADING or (is_num and not _hangs(innermost))
            current.new_page = _starts_schedules(group, above)
            current.schedule = _in_schedules(innermost, above)
            if cell is not None:
                current.row = cell.getparent()
                current.cells.append(offset)
                current.style = above.style(cell)
            segments.append(current)
            hanging = is_num and _hangs(innermost)
            if hanging:
                current.body = -1  # decided by what follows the number
        elif hanging and not is_num:  # "2 (1)": both numbers hang; text follows them
            current.body = offset
            current.style = above.style(innermost)
            current.keep = innermost.tag == _HEADING
            hanging = False
        previous_was_num = is_num
        last = innermost
        i = j
    if not segments or segments[0].start != 0:
        first_end = segments[0].start if segments else len(text)
        segments.insert(0, _Segment(0, 0, first_end, _Style(0.0, 0.0)))
    for seg in segments:
        if seg.body < 0:  # a number with nothing after it
            seg.body = seg.start
    return segments


# --- lines -----------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def _width(word: str, font: Font) -> int:
    """Width of one word in 1/1000 em, worked out once: a bill's words are a few thousand
    words used again and again."""
    return _word_width(word, _FONTS[font])


def _word_width(word: str, table: dict[str, int]) -> int:
    """Width of one word in 1/1000 em."""
    total = 0
    for ch in word:
        w = table.get(ch)
        if w is None:
            w = table.get(unicodedata.normalize("NFKD", ch)[:1], 500)
        total += w
    for pair, saving in _LIGATURES:
        if pair in word:
            total -= saving * word.count(pair)
    return total


def natural_width(text: str, font: Font = "regular", measure: Measure = DEFAULT_MEASURE) -> float:
    """Width in points of ``text`` set on one line at the word space XEP aims for."""
    words = [w for w in text.split(" ") if w]
    letters = sum(_width(w, font) for w in words) * measure.size / 1000.0
    return letters + measure.space * max(0, len(words) - 1)


def break_words(
    widths: Sequence[float],
    letters: Sequence[int],
    first_avail: float,
    avail: float,
    justified: bool,
    m: Measure,
) -> list[int]:
    """Indices of the words that begin each line of one block.

    Each line in turn takes the number of words whose justification costs least: opening
    the spaces costs what it adds per space; closing them up costs ``shrink_cost`` times as
    much, and only goes as far as ``min_space`` and ``letter_shrink`` allow. A last line is
    set loose. Ragged (centred) lines take what fits."""
    starts: list[int] = []
    n = len(widths)
    i = 0
    while i < n:
        starts.append(i)
        room = first_avail if len(starts) == 1 else avail
        best_k = i + 1
        best_cost = float("inf")
        total = 0.0
        gaps = 0
        k = i
        while k < n:
            total += widths[k]
            gaps += letters[k]
            spaces = k - i
            natural = total + spaces * m.space
            k += 1
            if natural <= room:
                if k == n or not justified:
                    best_k, best_cost = k, 0.0
                    continue
                cost = (room - natural) / spaces if spaces else 1e6
            else:
                if not justified or spaces == 0:
                    break
                capacity = spaces * (m.space - m.min_space) + gaps * m.letter_shrink
                over = natural - room
                if over > capacity:
                    break
                cost = m.shrink_cost * over / spaces
            if cost <= best_cost:
                best_k, best_cost = k, cost
        i = best_k
    return starts


@dataclass(frozen=True, slots=True)
class _Row:
    """One line before it has a page: what it holds and what the page needs to know."""

    fragments: tuple[tuple[int, int], ...]  # spans of the text: one, or one per table cell
    segment: int  # index of its block
    gap: Gap  # the spaces above it, beyond the leading
    keep: bool  # must not be the last line of a page
    new_page: bool
    schedule: bool
    #: a line of an earlier print kept as it was (see :mod:`drafter.core.print.earlier`)
    kept: KeptLine | None = None
    #: how many printed lines it takes (a kept line: as many as it took): a field, not worked
    #: out on each look, as fitting a print's page looks at each row a thousand times
    height: int = 1


def _block_lines(
    text: str, start: int, body: int, end: int, style: _Style, room: float, m: Measure
) -> list[tuple[int, int]]:
    """The lines of one block, as spans of ``text``: ``start`` to ``body`` hangs in the
    margin; ``room`` is the measure of its text."""
    font = style.font
    scale = m.size / 1000.0
    words: list[int] = []  # offsets of the words that take room on the line
    widths: list[float] = []
    letters: list[int] = []
    pos = body
    for word in text[body:end].split(" "):
        if word:
            words.append(pos)
            widths.append(_width(word, font) * scale)
            letters.append(len(word) - 1)
        pos += len(word) + 1
    firsts = [start]
    if words:
        hang = style.left - style.first
        breaks = break_words(widths, letters, room + hang, room, not style.centred, m)
        firsts.extend(words[b] for b in breaks[1:])
    spans: list[tuple[int, int]] = []
    for k, a in enumerate(firsts):
        b = firsts[k + 1] if k + 1 < len(firsts) else end
        while b > a and text[b - 1] == " ":
            b -= 1
        spans.append((a, b))
    return spans


def title_lines(text: str, measure: Measure = DEFAULT_MEASURE) -> list[str]:
    """A paragraph of plain text set justified across the whole measure, as a long title is
    printed: its lines. The title is not in the body, so the print's markers do not number
    it and amendments cite these lines ("Title, line 9")."""
    words = [w for w in text.split(" ") if w]
    scale = measure.size / 1000.0
    widths = [_width(w, "regular") * scale for w in words]
    letters = [len(w) - 1 for w in words]
    starts = break_words(widths, letters, measure.width, measure.width, True, measure)
    return [" ".join(words[a:b]) for a, b in pairwise([*starts, len(words)])]


def _rows(
    text: str, segments: list[_Segment], measure: Measure, kept: Sequence[KeptLine] = ()
) -> list[_Row]:
    """Break every block into lines; a table row's cells share theirs; a line kept from an
    earlier print stays as it was, and only the words between kept lines are broken."""
    rows: list[_Row] = []
    kept_starts = [k.start for k in kept]
    columns: dict[tuple[int, float], list[float]] = {}
    for index, seg in enumerate(segments):
        if seg.end <= seg.start:
            continue
        style = seg.style
        room = measure.width - style.left
        inside = _kept_inside(kept, kept_starts, seg, cells=seg.row is not None)
        kept_at: dict[int, KeptLine] = {}
        if seg.row is not None and _covers_row(text, seg, inside):
            lines = [line.fragments for line in inside]
            kept_at = {line.start: line for line in inside}
        elif seg.row is not None:
            table = table_of(seg.row)
            key = (id(table), room)
            if key not in columns:
                columns[key] = _column_widths(table, room, measure)
            widths = columns[key]
            edges = [*seg.cells, seg.end]
            cell_style = _Style(0.0, 0.0, centred=not _justified(seg.row))
            cells = [
                _block_lines(
                    text,
                    a,
                    a,
                    b,
                    cell_style,
                    widths[min(k, len(widths) - 1)] - 2 * measure.cell_padding,
                    measure,
                )
                for k, (a, b) in enumerate(pairwise(edges))
                if b > a
            ]
            if seg.cells[0] > seg.start or not cells:  # text before the cells
                cells.insert(0, [(seg.start, seg.cells[0] if cells else seg.end)])
            lines = [
                tuple(c[k] for c in cells if k < len(c)) for k in range(max(len(c) for c in cells))
            ]
        else:
            if inside:
                lines, kept_at = _around_kept(text, seg, inside, room, measure)
            else:
                lines = [
                    (span,)
                    for span in _block_lines(
                        text, seg.start, seg.body, seg.end, style, room, measure
                    )
                ]
        for k, fragments in enumerate(lines):
            first = k == 0
            kept_line = kept_at.get(fragments[0][0])
            rows.append(
                _Row(
                    fragments,
                    index,
                    seg.gap if first else (),
                    seg.keep,
                    seg.new_page and first,
                    seg.schedule,
                    kept_line,
                    kept_line.height if kept_line is not None else 1,
                )
            )
    return rows


def _kept_inside(
    kept: Sequence[KeptLine], starts: list[int], seg: _Segment, cells: bool = False
) -> list[KeptLine]:
    """The kept lines that lie whole in one block (one that starts after its hanging number,
    where this layout would start a line, is set again); ``cells``: a table row's lines
    (each holding a piece of one or more cells), else lines of text."""
    if not kept:
        return []
    i = bisect_right(starts, seg.start - 1)
    out: list[KeptLine] = []
    while i < len(kept) and kept[i].start < seg.end:
        line = kept[i]
        if (
            line.end <= seg.end
            and (cells or len(line.fragments) == 1)
            and not seg.start < line.start < seg.body
        ):
            out.append(line)
        i += 1
    return out


def _covers_row(text: str, seg: _Segment, inside: list[KeptLine]) -> bool:
    """Are a table row's words all on the kept lines ``inside`` it? Then the row keeps them;
    else it is set again."""
    if not inside:
        return False
    at = seg.start
    for a, b in sorted(f for line in inside for f in line.fragments):
        if text[at:a].strip():
            return False
        at = max(at, b)
    return not text[at : seg.end].strip()


def _around_kept(
    text: str, seg: _Segment, inside: list[KeptLine], room: float, measure: Measure
) -> tuple[list[tuple[tuple[int, int], ...]], dict[int, KeptLine]]:
    """The lines of a block that holds kept lines. A kept line stands as it was where the
    block's lines reach it: at the block's start, or straight after another kept line.
    From a line whose words changed, the rest of the block is set again (as the House sets
    a paragraph again from its first change), until a line so set starts where a kept line
    does: the block is back in step with the earlier print, and its lines are kept again."""
    by_start = {line.start: line for line in inside}
    spans: list[tuple[int, int]] = []
    used: dict[int, KeptLine] = {}
    continued = _Style(seg.style.left, seg.style.left, seg.style.font, seg.style.centred)
    at = seg.start
    while at < seg.end:
        while at < seg.end and text[at] == " ":
            at += 1
        if at >= seg.end:
            break
        line = by_start.get(at)
        if line is not None:
            spans.append((line.start, line.end))
            used[line.start] = line
            at = line.end
            continue
        if at == seg.start:
            lines = _block_lines(text, at, seg.body, seg.end, seg.style, room, measure)
        else:
            lines = _block_lines(text, at, at, seg.end, continued, room, measure)
        at = seg.end
        for k, (a, b) in enumerate(lines):
            if k and a in by_start:
                at = a  # back in step
                break
            spans.append((a, b))
    return [(span,) for span in spans], used


def table_of(node_in_it: etree._Element) -> etree._Element:
    """The table a row (or cell) belongs to; the element itself if it stands in none."""
    node = node_in_it.getparent()
    while node is not None and etree.QName(node).localname != "table":
        node = node.getparent()
    return node if node is not None else node_in_it


def _column_widths(table: etree._Element, room: float, m: Measure) -> list[float]:
    """Widths of a table's columns, as an automatic table layout shares out ``room``: each
    column at least its longest word, the rest in proportion to how much more it needs to
    set its longest cell on one line."""
    scale = m.size / 1000.0
    longest: list[float] = []  # per column: the longest word …
    widest: list[float] = []  # … and the longest cell, set on one line
    for row in table.iter(*ROW_TAGS):
        for k, cell in enumerate(c for c in row if c.tag in CELL_TAGS):
            words = " ".join("".join(cell.itertext()).split()).split(" ")
            sizes = [_width(w, "regular") * scale for w in words]
            one_line = sum(sizes) + m.space * max(0, len(sizes) - 1)
            if k == len(longest):
                longest.append(0.0)
                widest.append(0.0)
            pad = 2 * m.cell_padding
            longest[k] = max(longest[k], max(sizes, default=0.0) + pad)
            widest[k] = max(widest[k], one_line + pad)
    if not longest:
        return [room]
    if sum(widest) <= room:
        spare = (room - sum(widest)) / len(widest)
        return [w + spare for w in widest]
    spare = max(0.0, room - sum(longest))
    extra = [w - s for w, s in zip(widest, longest, strict=True)]
    total = sum(extra) or 1.0
    return [s + spare * e / total for s, e in zip(longest, extra, strict=True)]


def _justified(row: etree._Element) -> bool:
    """Cells are set ragged unless their table body says "justify"."""
    group = row.getparent()
    return group is not None and "justify" in (group.get("class") or "")


def _paginate(rows: list[_Row], measure: Measure) -> list[int]:
    """Index of the first row of every page.

    A page fills to a fixed height. With lines kept from an earlier print, a page that
    starts where one of its pages started holds, as there, everything up to the next such
    page, if that is within a line of what the earlier page held; a full page with more
    than that holds as many lines as it did. Otherwise the text flows on from page to page,
    and falls back into step at the first page of the earlier print that comes round when a
    page is nearly full."""
    firsts: list[int] = []
    gaps = _gap_points(rows, measure)
    n = len(rows)
    i = 0
    while i < n:
        firsts.append(i)
        kept = rows[i].kept
        if kept is not None and kept.page_start:
            j = i + 1
            while j < n and not _starts_page(rows[j]):
                j += 1
            lines = kept.number - 1 + sum(row.height for row in rows[i:j])
            if abs(lines - kept.page_lines) <= _PAGE_SLACK:
                i = j
                continue
            if lines > kept.page_lines and j < n and not rows[j].new_page:
                # pushed on, from a page the next page's start shows was full: it holds as
                # many lines as it did
                j, held = i, kept.number - 1
                while held + rows[j].height <= kept.page_lines:
                    held += rows[j].height
                    j += 1
                i = _settle(rows, i, j)
                continue
        i = _page_end(rows, i, measure, gaps, first_page=len(firsts) == 1)
    return firsts


def page_ends(
    text: str,
    blocks: Sequence[BlockStart],
    starts: Sequence[int],
    measure: Measure = DEFAULT_MEASURE,
) -> dict[int, int | None]:
    """Where drafter would end a page begun at each of ``starts`` (offsets in ``text`` where
    pages of a print begin): the offset of the line that would begin the next page (None
    after the last line). Offsets that begin no line of drafter's are left out. For measuring
    the page depth and the rules for where a page may end on a print's own pages, each begun
    where the print begins it, so that one page's error does not carry to the next."""
    rows = _rows(text, _segments(text, blocks, measure), measure)
    gaps = _gap_points(rows, measure)
    row_at = {row.fragments[0][0]: k for k, row in enumerate(rows)}
    ends: dict[int, int | None] = {}
    for start in starts:
        first = row_at.get(start)
        if first is not None:
            end = _page_end(rows, first, measure, gaps, first_page=first == 0)
            ends[start] = rows[end].fragments[0][0] if end < len(rows) else None
    return ends


def line_advances(
    text: str, blocks: Sequence[BlockStart], lines: list[Line], measure: Measure = DEFAULT_MEASURE
) -> dict[tuple[int, int], float]:
    """How far below the line above it, baseline to baseline (the leading and the space
    between them, in points), drafter's page model sets each line of a print that starts a
    row below another on its page, keyed by (page, line), with the lines broken as the
    print broke them (``lines``): the model's spacing, to hold against the House's PDF."""
    kept = kept_lines(lines, text, text)
    rows = _rows(text, _segments(text, blocks, measure), measure, kept)
    gaps = _gap_points(rows, measure)
    advances: dict[tuple[int, int], float] = {}
    for k in range(1, len(rows)):
        line, above = rows[k].kept, rows[k - 1].kept
        if line is not None and above is not None and line.page == above.page:
            advances[(line.page, line.number)] = measure.leading + gaps[k]
    return advances


def _page_end(
    rows: list[_Row],
    first: int,
    measure: Measure,
    gaps: list[float],
    first_page: bool = False,
    in_step: bool = True,
) -> int:
    """Index of the row after the last one that goes on a page starting at row ``first``
    (``gaps``: the space above each row, see :func:`_gap_points`): the page fills to a
    fixed height, and its break moves up to where the prints may end a page (see
    :func:`_settle`). With lines kept from an earlier print (and ``in_step``), it stops short
    where one of that print's pages starts on a nearly full page (back in step)."""
    if first_page:
        top = measure.first_page_top
    else:
        top = measure.schedule_page_top if rows[first].schedule else measure.page_top
    room = measure.page_bottom - top
    n = len(rows)
    leading = measure.leading
    # below the first line, whose space above is dropped at a page's head
    depth = leading * (rows[first].height - 1)
    j = first + 1
    while j < n and not rows[j].new_page:
        if in_step and _starts_page(rows[j]) and depth > room - _IN_STEP * leading:
            break  # nearly full where a page of the earlier print starts: back in step
        depth += leading * rows[j].height + gaps[j]
        if depth > room:
            break
        j += 1
    if j < n and not _starts_page(rows[j]):
        j = _settle(rows, first, j)
    return j


#: how many lines more or fewer than the earlier print's page a kept page may hold
_PAGE_SLACK = 1
#: how near the foot of a page (in lines) a page of the earlier print may start the next one
_IN_STEP = 4


def _starts_page(row: _Row) -> bool:
    """The Schedules start a page, and so does a line that started a page of the earlier
    print and is kept."""
    return row.new_page or (row.kept is not None and row.kept.page_start)


def _settle(rows: list[_Row], first: int, cut: int) -> int:
    """Move a page break (before row ``cut``) up to the nearest place where the prints may
    end a page. If there is none after the page's first line, the page is as full as it
    can be and the break stays where it is (pulling it back to the first line would leave a
    page of one line); a page always holds at least one row."""
    for k in range(cut, first, -1):
        if _may_break(rows, k):
            return k
    return max(cut, first + 1)


def _may_break(rows: list[_Row], k: int) -> bool:
    """May a page end before row ``k``? Not after a heading's line (a heading of several
    lines is not split either), nor before a quotation (the words that introduce it go with
    it), nor inside a block unless it leaves at least two of its lines on each page
    (:data:`_BLOCK_SIDE`)."""
    before, after = rows[k - 1], rows[k]
    if before.keep:
        return False
    if before.segment != after.segment:  # a quotation begins where its space above does
        return "quotedStructure" not in after.gap
    segment = after.segment
    above = 1
    while above < _BLOCK_SIDE and k - above - 1 >= 0 and rows[k - above - 1].segment == segment:
        above += 1
    below = 1
    while below < _BLOCK_SIDE and k + below < len(rows) and rows[k + below].segment == segment:
        below += 1
    return above >= _BLOCK_SIDE and below >= _BLOCK_SIDE


#: the fewest lines of a block the prints leave at the foot of a page or carry to the next
_BLOCK_SIDE = 2


# --- the page, as a print of the bill sets it ---------------------------------------------


class PageFit(NamedTuple):
    """The page a print is set to (see :func:`measure_of`), and what a report says of it."""

    measure: Measure
    note: str

    def to_kept(self) -> tuple[object, ...]:
        """The fit as the print cache keeps it (see :meth:`from_kept`)."""
        return astuple(self.measure), self.note

    @classmethod
    def from_kept(cls, kept: object) -> PageFit | None:
        """The fit :meth:`to_kept` gave, if ``kept`` is one: figures of the kinds a measure
        holds, a note (else None)."""
        if not (isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[1], str)):
            return None
        figures = kept[0]
        if not _shaped_like(figures, astuple(DEFAULT_MEASURE)):
            return None
        return cls(Measure(*figures), kept[1])


def _shaped_like(value: object, model: object) -> bool:
    """Is ``value`` made as ``model`` is: its tuples as long, its values of the same types?"""
    if isinstance(model, tuple):
        return (
            isinstance(value, tuple)
            and len(value) == len(model)
            and all(map(_shaped_like, value, model))
        )
    return type(value) is type(model)


def measure_of(
    text: str, blocks: Sequence[BlockStart], lines: list[Line], measure: Measure = DEFAULT_MEASURE
) -> PageFit:
    """The measure of a print (its text, the blocks read from it and its own lines): the
    page depth, leading and spacing of ``measure`` fitted to its pages, each filled from its
    first line ending where the print ended it. Prints differ in these (the Renters' Rights
    Bill's pages hold less than those of Bill 286, whose PDF the defaults were measured on),
    and a reprint is set as the print before it was.

    The fit is kept only if it holds on pages it was not fitted to: fitted on the odd pages
    and tried on the even, and the other way round, it must end more of them where they
    ended than ``measure`` does; else it would be fitting those pages, not the print. Each
    figure stays within what prints differ by (:data:`_CALIBRATION_BOUNDS`), so that the
    fit cannot make up for what the model lacks. Too few pages to tell
    (:data:`_CALIBRATION_PAGES`): ``measure`` as it is."""
    end = fitted_end(lines, len(text))
    text = text[:end]
    kept = kept_lines([line for line in lines if line.start < end], text, text)
    shown = [block for block in blocks if block.offset < end]
    rows = _rows(text, _segments(text, shown, measure), measure, kept)
    pages = _whole_pages(rows)
    if len(pages) < _CALIBRATION_PAGES:
        return PageFit(
            measure,
            f"drafter's standard page (the earlier print has only {len(pages)} whole pages to "
            "measure its own on)",
        )
    gaps = _gap_column(rows)
    by_default = _ended(rows, gaps, pages, measure)
    odd, even = pages[0::2], pages[1::2]
    held_out = _ended(rows, gaps, even, _fitted(rows, gaps, odd, measure)) + _ended(
        rows, gaps, odd, _fitted(rows, gaps, even, measure)
    )
    if held_out <= by_default:
        return PageFit(
            measure,
            "drafter's standard page (the earlier print's own, measured on half its pages, did "
            "no better than drafter's on the other half)",
        )
    fitted = _fitted(rows, gaps, pages, measure)
    return PageFit(
        fitted,
        f"the earlier print's own, measured on its first {len(pages)} whole pages (set with it, "
        f"{_ended(rows, gaps, pages, fitted)} of them end where the House ended them; {by_default} "
        "with drafter's standard page)",
    )


#: the fewest pages of a print to fit its page to, and the most it is fitted on (its first
#: pages after the first: the fit takes half a second to a second for 80)
_CALIBRATION_PAGES = 10
_FITTED_PAGES = 80


def fitted_end(lines: list[Line], length: int) -> int:
    """Where in a print's text (of ``length``) the pages :func:`measure_of` fits it to end:
    its first pages are enough, and a long bill's would take seconds to break into lines."""
    return next((line.start for line in lines if line.page > _FITTED_PAGES + 2), length)


#: the changes tried to each figure at each turn, in points (a tenth of that for the
#: leading): big ones first reach a print whose page is two lines shorter, small ones settle
_CALIBRATION_STEPS = (-8.0, -4.0, -2.0, -1.0, -0.5, 0.5, 1.0, 2.0, 4.0, 8.0)
#: how far a fitted figure may stray from drafter's measure, in points: a page by two lines,
#: a Schedule's running head by one, the leading by a third of a point, a space by 4
_CALIBRATION_BOUNDS = {"leading": 0.3, "page_bottom": 26.6, "schedule_page_top": 13.3}
_SPACE_BOUND = 4.0


def _whole_pages(rows: list[_Row]) -> list[tuple[int, int]]:
    """The pages of the print whose lines ``rows`` keep that are kept whole, as (first row,
    first row of the next page): but its first page (its top is the title's) and any page
    the Schedules end (its depth is not what ends it)."""
    starts = [k for k, row in enumerate(rows) if row.kept is not None and row.kept.page_start]
    pages: list[tuple[int, int]] = []
    for first, following in pairwise(starts):
        kept, after = rows[first].kept, rows[following].kept
        assert kept is not None and after is not None
        if kept.page == 1 or rows[following].new_page or after.page != kept.page + 1:
            continue
        if all(
            row.kept is not None and row.kept.page == kept.page for row in rows[first:following]
        ):
            pages.append((first, following))
    return pages


def _ended(
    rows: list[_Row], gaps: _GapColumn, pages: list[tuple[int, int]], measure: Measure
) -> int:
    """How many of ``pages`` a page filled by ``measure`` from its first row ends where it
    ended."""
    return _fit_score(rows, gaps, pages, measure)[0]


def _fit_score(
    rows: list[_Row], gaps: _GapColumn, pages: list[tuple[int, int]], measure: Measure
) -> tuple[int, int]:
    """How well ``measure`` fills ``pages``: how many of them end where they ended, then
    (negated) how many rows off the others end, so that of two measures that end as many
    pages right the one nearer on the rest is taken, not the first tried."""
    points = _gap_points(rows, measure, gaps)
    ends = [_page_end(rows, first, measure, points, in_step=False) for first, _ in pages]
    right = sum(end == following for end, (_, following) in zip(ends, pages, strict=True))
    off = sum(abs(end - following) for end, (_, following) in zip(ends, pages, strict=True))
    return right, -off


def _fitted(
    rows: list[_Row], gaps: _GapColumn, pages: list[tuple[int, int]], measure: Measure
) -> Measure:
    """``measure`` with its leading, page depth and spacing changed, one figure at a time,
    while that fills ``pages`` better (:func:`_fit_score`; two rounds at most)."""
    used = sorted(
        {name for first, following in pages for row in rows[first:following] for name in row.gap}
    )
    figures = ["leading", "page_bottom", "schedule_page_top", *used]
    best_measure, best = measure, _fit_score(rows, gaps, pages, measure)
    for _ in range(2):  # a second round, as a figure's best can move once the others have
        improved = False
        for figure in figures:
            scale = 0.1 if figure == "leading" else 1.0
            for step in _CALIBRATION_STEPS:
                trial = _changed(best_measure, figure, step * scale, measure)
                if trial is None:
                    continue
                score = _fit_score(rows, gaps, pages, trial)
                if score > best:
                    best_measure, best, improved = trial, score, True
        if not improved:
            break
    return best_measure


def _changed(measure: Measure, figure: str, by: float, origin: Measure) -> Measure | None:
    """``measure`` with one figure (a field, or a space of its spacing) changed by ``by``
    points; None where that would take it further from ``origin`` than
    :data:`_CALIBRATION_BOUNDS` allows, below nothing, or a Schedule's page top above the
    others'."""
    if figure in _CALIBRATION_BOUNDS:
        value = getattr(measure, figure) + by
        if abs(value - getattr(origin, figure)) > _CALIBRATION_BOUNDS[figure]:
            return None
        if figure == "schedule_page_top" and value < measure.page_top:
            return None
        return replace(measure, **{figure: value})
    spacing = dict(measure.spacing)
    value = spacing[figure] + by
    if value < 0 or abs(value - dict(origin.spacing)[figure]) > _SPACE_BOUND:
        return None
    spacing[figure] = value
    return replace(measure, spacing=tuple(spacing.items()))


def lay_out(
    text: str,
    blocks: Sequence[BlockStart],
    provisions: Sequence[tuple[int, str]],
    measure: Measure = DEFAULT_MEASURE,
    kept: Sequence[KeptLine] = (),
) -> list[Line]:
    """Break ``text`` into printed lines and pages, as LawMaker's print would; ``kept``:
    lines of an earlier print to keep as they were (see :mod:`drafter.core.print.earlier`),
    a page starting again at each kept line that started one, with the number it had."""
    rows = _rows(text, _segments(text, blocks, measure), measure, kept)
    firsts = set(_paginate(rows, measure))
    offsets = [offset for offset, _ in provisions]
    lines: list[Line] = []
    page = 0
    number = 0
    height = 1
    for k, row in enumerate(rows):
        if k in firsts:
            page += 1
            number = 0
            height = 1
            if row.kept is not None and row.kept.page_start:
                number = row.kept.number - 1  # a page may start at line 2 (a table's head)
        number += height
        height = row.height
        start, end = row.fragments[0]
        line_text = " ".join(text[a:b] for a, b in row.fragments if b > a)
        p = bisect_right(offsets, start) - 1
        eid = provisions[p][1] if p >= 0 else ""
        lines.append(Line(page, number, start, end, line_text, eid, row.fragments))
    return lines
