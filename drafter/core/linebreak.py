"""Lay out a bill that has no page/line markers, the way its print would be set.

LawMaker's prints are set by an XSL-FO formatter (RenderX XEP) in Book Antiqua 11pt on a
415pt measure, justified. The conventions below are read off those prints and checked against
them by ``tests/benchmarks/bench_layout_agreement.py``, which strips the markers from real
bills and compares our line starts with LawMaker's:

* which elements start a line: every number (Part, Chapter, Clause, subsection, paragraph,
  Schedule) except one that follows another number ("2 (1) The …"); a clause's heading runs on
  after its number; a Part's, Chapter's or Schedule's heading, a crossheading, a definition, a
  new paragraph of text and a table row each start a line; text runs on after its number;
* where a line's text stands: numbers hang in the margin, text indents 36pt a level (a clause's
  text and its subsections at 36pt, paragraphs at 72pt …; a Schedule's paragraphs at 48pt), a
  definition hangs 12pt, a quotation starts the scheme again from the text that quotes it;
* how a paragraph breaks: only at spaces; each line takes the break that needs the least
  change of word spacing (stretching, or shrinking spaces and letters, which costs more) — a
  "best fit", one line at a time, which is what XEP does;
* pages hold a fixed height, not a fixed number of lines: space before a clause, subsection or
  paragraph uses part of it; a heading is never the last thing on a page.

Widths are Book Antiqua's advance widths (the font embedded in the prints), so the layout
needs no font files. Deterministic: the same bill always gets the same page and line numbers.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from lxml import etree

from drafter.core.xml import AKN_NS, XHTML_NS

if TYPE_CHECKING:
    from drafter.core.layout import BlockStart, Line

_A = f"{{{AKN_NS}}}"
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
#: Book Antiqua (Palatino metrics), as embedded in LawMaker's PDFs.
_REGULAR = _widths(
    _SHARED + " 444:c“”? 479:e 500:az 553:b 611:dELB 333:fJ 556:gkyF 582:hn 291:il 234:j"
    " 883:m 546:o 601:p 560:q 395:r 424:s 326:t 603:u 565:v 834:w 516:x 778:AU&"
    " 709:C 774:D 763:G 832:H 337:I 726:K 946:M 831:N 786:OQ 604:P 668:R 525:S 613:T"
    " 722:V 1000:W 667:XYZ"
)
_BOLD = _widths(
    _SHARED + " 500:aexz“” 611:bdhnpquELP 444:cs 389:frI 556:goyFv 333:ilt:; 333:j 611:k"
    " 889:m 833:wDHNGOQ 778:AUKV 667:BTXYZ 722:CR 389:J 1000:MW 611:S"
)
_ITALIC = _widths(
    _SHARED + " 444:aoz 463:bq 407:c 500:dghpvxy 389:ers 278:fijl 444:k 778:m 556:nu 333:t"
    " 722:wAGXV 611:BEPT 667:CKRYZ 778:DHNOQU 333:IJ 556:LFS 944:MW 296:/"
)
_FONTS: dict[Font, dict[str, int]] = {"regular": _REGULAR, "bold": _BOLD, "italic": _ITALIC}
_LIGATURES = (("fi", 19), ("fl", 16))  # what the ligature saves over its two letters


@dataclass(frozen=True)
class Measure:
    """The geometry of a LawMaker print, in points (A4, Book Antiqua 11pt, set by XEP)."""

    width: float = 415.3  # the text block: 72pt to 487.3pt on the page
    size: float = 11.0  # body type size
    space: float = 3.74  # the word space XEP aims for in justified text
    min_space: float = 2.75  # the narrowest word space it will set
    letter_shrink: float = 0.12  # how far it will close up each pair of letters
    shrink_cost: float = 1.5  # shrinking a line looks worse than stretching it by as much
    level: float = 36.0  # indent per level of provision
    stretch: float = 3.74
    line_penalty: float = 10.0
    total_fit: bool = True
    lines_per_page: int = 40  # used when nothing better is known (see Page)


DEFAULT_MEASURE = Measure()

_HEADING_RUNS_ON = frozenset({_A + "section", _A + "article"})
_BREAKING = frozenset(
    _A + t for t in "p intro content wrapUp tblock subsection level paragraph subparagraph".split()
) | {_H + "tr"}
_NUM = _A + "num"


def _starts_line(elements: Sequence[BlockStart], after_num: bool) -> bool:
    """Does a group of blocks that begin at one offset begin a printed line?"""
    tags = {b.element.tag for b in elements}
    if _NUM in tags:
        # "2 (1) The …": a sub-paragraph's number runs on after its paragraph's number
        return not after_num
    if _A + "heading" in tags:
        heading = next(b.element for b in elements if b.element.tag == _A + "heading")
        parent = heading.getparent()
        return not (after_num and parent is not None and parent.tag in _HEADING_RUNS_ON)
    if after_num:
        return False
    for b in elements:
        el = b.element
        if el.tag == _A + "hcontainer" and el.get("name") == "definition":
            return True
        if el.tag == _H + "td" or el.tag == _A + "td":
            return el.getprevious() is None
    return bool(tags & _BREAKING)


@dataclass(frozen=True, slots=True)
class _Style:
    """How the lines of one block are set."""

    left: float  # left edge of its lines, from the left of the text block
    first: float  # left edge of its first line (a definition hangs)
    font: Font = "regular"
    centred: bool = False


#: Elements that hold text but do not move it.
_PLAIN = frozenset(_A + t for t in "content intro wrapUp p mod num heading".split())
_PARA = re.compile(r"(?:para|schPara)(\d)$")


def _style(el: etree._Element, measure: Measure) -> _Style:
    """Where the text of ``el`` stands on the line, from the provisions around it."""
    chain: list[etree._Element] = []
    node: etree._Element | None = el
    while node is not None and node.tag != _A + "body":
        chain.append(node)
        node = node.getparent()
    chain.reverse()
    level = measure.level
    base = 0.0  # where the provisions of this text begin: the page, or the text quoting them
    left = 0.0
    hang = 0.0
    for node in chain:
        tag = node.tag
        cls = node.get("class") or ""
        if tag in _PLAIN:
            continue
        hang = 0.0
        if tag == _A + "quotedStructure":
            base = left
            left = base + level
        elif tag in (_A + "section", _A + "article", _A + "subsection"):
            left = base + level
        elif cls in ("schProv1", "schProv2"):
            left = base + 48.0
        elif cls == "EUProv2":
            left = base + level
        elif _PARA.match(cls) or tag == _A + "item":
            left += level
        elif tag == _A + "hcontainer" and node.get("name") == "definition":
            left += level
            hang = 12.0
    if el.tag in (_A + "heading", _NUM):
        parent = el.getparent()
        ptag = parent.tag if parent is not None else ""
        pname = parent.get("name", "") if parent is not None else ""
        if ptag in _HEADING_RUNS_ON:
            return _Style(base + 30.0, base + 30.0, "bold")
        if pname == "crossheading":
            if (parent.get("class") or "").startswith("sch"):  # type: ignore[union-attr]
                return _Style(base, base, "italic")
            return _Style(base, base, "italic", centred=True)
        return _Style(base, base, "regular", centred=True)
    return _Style(left, left - hang)


@dataclass(slots=True)
class _Segment:
    """Text between two forced line breaks, set in one style."""

    start: int  # its first character (a hanging number, if it has one)
    body: int  # the first character that takes room on the line
    end: int
    style: _Style


def _segments(text: str, blocks: Sequence[BlockStart], measure: Measure) -> list[_Segment]:
    """Cut the printed text at the forced breaks, and style each piece."""
    segments: list[_Segment] = []
    current: _Segment | None = None
    hanging = False  # the current segment has had only numbers so far
    previous_was_num = False
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
        if current is None or _starts_line(group, previous_was_num):
            if current is not None:
                current.end = offset
            current = _Segment(offset, offset, len(text), _style(innermost, measure))
            segments.append(current)
            hanging = is_num
            if is_num and _hangs(innermost):
                current.body = -1  # decided by what follows the number
            else:
                hanging = False
        elif hanging:
            if is_num:
                pass  # "2 (1)": both numbers hang
            else:
                current.body = offset
                current.style = _style(innermost, measure)
                hanging = False
        previous_was_num = is_num
        i = j
    if not segments or segments[0].start != 0:
        first_end = segments[0].start if segments else len(text)
        segments.insert(0, _Segment(0, 0, first_end, _Style(0.0, 0.0)))
    for seg in segments:
        if seg.body < 0:  # a number with nothing after it
            seg.body = seg.start
    return segments


def _hangs(num: etree._Element) -> bool:
    """Does this number stand in the margin, outside the measure of its text?"""
    parent = num.getparent()
    if parent is None:
        return False
    return parent.tag not in (_A + "part", _A + "chapter", _A + "hcontainer") or (
        parent.get("name") == "definition"
    )


def _word_width(word: str, table: dict[str, int]) -> int:
    """Width of one word in 1/1000 em."""
    total = 0
    for ch in word:
        w = table.get(ch)
        if w is None:
            base = unicodedata.normalize("NFKD", ch)[:1]
            w = table.get(base, 500)
        total += w
    for pair, saving in _LIGATURES:
        if pair in word:
            total -= saving * word.count(pair)
    return total


def _break(
    widths: Sequence[float],
    letters: Sequence[int],
    first_avail: float,
    avail: float,
    justified: bool,
    m: Measure,
) -> list[int]:
    """Indices of the words that begin each line of one block."""
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
                    best_k, best_cost = k, 0.0  # a last line, or a ragged one, just fits
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


def _break_total(
    widths: Sequence[float],
    letters: Sequence[int],
    first_avail: float,
    avail: float,
    justified: bool,
    m: Measure,
) -> list[int]:
    """Indices of the words that begin each line of one block: Knuth and Plass's total fit."""
    n = len(widths)
    if not justified:
        return _break(widths, letters, first_avail, avail, justified, m)
    inf = float("inf")
    cost = [inf] * (n + 1)
    back = [0] * (n + 1)
    cost[0] = 0.0
    stretch = m.stretch
    for i in range(n):
        if cost[i] == inf:
            continue
        room = first_avail if i == 0 else avail
        total = 0.0
        gaps = 0
        for j in range(i, n):
            total += widths[j]
            gaps += letters[j]
            spaces = j - i
            natural = total + spaces * m.space
            last = j == n - 1
            if natural <= room:
                if last:
                    ratio = 0.0
                elif spaces == 0:
                    ratio = 10.0
                else:
                    ratio = (room - natural) / (spaces * stretch)
            else:
                capacity = spaces * (m.space - m.min_space) + gaps * m.letter_shrink
                over = natural - room
                if over > capacity or capacity <= 0:
                    if spaces == 0:
                        ratio = 10.0  # a word longer than the measure: it has to go somewhere
                    else:
                        break
                else:
                    ratio = m.shrink_cost * over / capacity
            badness = 100.0 * ratio**3
            demerits = (m.line_penalty + badness) ** 2
            c = cost[i] + demerits
            if c < cost[j + 1]:
                cost[j + 1] = c
                back[j + 1] = i
    starts: list[int] = []
    k = n
    while k > 0:
        k = back[k]
        starts.append(k)
    starts.reverse()
    return starts


def lay_out(
    text: str,
    blocks: Sequence[BlockStart],
    provisions: Sequence[tuple[int, str]],
    measure: Measure = DEFAULT_MEASURE,
) -> list[Line]:
    """Break ``text`` into printed lines at the forced breaks and to the measure."""
    from drafter.core.layout import Line

    scale = measure.size / 1000.0
    starts: list[int] = []
    for seg in _segments(text, blocks, measure):
        if seg.end <= seg.start:
            continue
        table = _FONTS[seg.style.font]
        words: list[int] = []  # offsets of the words that take room on the line
        widths: list[float] = []
        letters: list[int] = []
        pos = seg.body
        body = text[seg.body : seg.end]
        for word in body.split(" "):
            if word:
                words.append(pos)
                widths.append(_word_width(word, table) * scale)
                letters.append(len(word) - 1)
            pos += len(word) + 1
        if not words:
            starts.append(seg.start)
            continue
        style = seg.style
        breaker = _break_total if measure.total_fit else _break
        breaks = breaker(
            widths,
            letters,
            measure.width - style.first,
            measure.width - style.left,
            not style.centred,
            measure,
        )
        starts.append(seg.start)
        starts.extend(words[b] for b in breaks[1:])

    offsets = [offset for offset, _ in provisions]
    lines: list[Line] = []
    per_page = measure.lines_per_page
    n = len(text)
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else n
        line_text = text[start:end].rstrip(" ")
        p = bisect_right(offsets, start) - 1
        eid = provisions[p][1] if p >= 0 else ""
        lines.append(
            Line(
                k // per_page + 1,
                k % per_page + 1,
                start,
                start + len(line_text),
                line_text,
                eid,
                ((start, start + len(line_text)),),
            )
        )
    return lines
