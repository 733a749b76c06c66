"""Words and units read out of XML elements: the printed text of an element (quotation marks
kept as attributes put back, placeholders filled in), the units of a ``quotedStructure`` as
:class:`~drafter.core.amendment.Block` values, and the quotation marks printed on units (shared
with the writers of both formats)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.core.akn import UKL, XHTML_NS, akn
from drafter.core.amendment import (
    Block,
    Slot,
    Table,
    first_slot,
    heading_first,
    last_slot,
    slot_text,
    with_slot_text,
)
from drafter.core.etree import etree
from drafter.core.paper.model import CLOSE, OPEN


def ukl_name(local: str) -> str:
    return UKL + local


# --- text of XML -----------------------------------------------------------------------------

_SPACE = re.compile(r"[ \t\r\n]+")  # not \s: non-breaking spaces are the bill's own


def squash_space(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def local_name(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _marks(el: etree._Element) -> tuple[str, str]:
    """The quotation marks an inline element stands for (``def``, ``quotedText``)."""
    start = el.get(ukl_name("startQuote"), el.get("startQuote", ""))
    end = el.get(ukl_name("endQuote"), el.get("endQuote", ""))
    return start, end


def _gather(el: etree._Element, refs: dict[str, str], out: list[str]) -> None:
    """The printed words of ``el`` (without its tail): processing instructions (page/line
    markers) and notes (the reference beside a Schedule's number) are skipped, as the print
    skips them, quotation marks that LawMaker keeps as attributes put back, and
    placeholders (the bill's title) filled in."""
    if el.text:
        out.append(el.text)
    for child in el:
        if isinstance(child.tag, str) and local_name(child) != "authorialNote":
            if (
                local_name(child) == "ref"
                and child.get("class") == "placeholder"
                and not (child.text or len(child))
            ):
                out.append(refs.get((child.get("href") or "").lstrip("#"), ""))
            else:
                start, end = _marks(child)
                out.append(start)
                _gather(child, refs, out)
                out.append(end)
        if child.tail:
            out.append(child.tail)


def raw_words(el: etree._Element, refs: dict[str, str]) -> str:
    """An inline element's words with its quotation marks, spacing untouched."""
    start, end = _marks(el)
    out: list[str] = [start]
    _gather(el, refs, out)
    out.append(end)
    return "".join(out)


def words_of(el: etree._Element | None, refs: dict[str, str]) -> str:
    if el is None:
        return ""
    out: list[str] = []
    _gather(el, refs, out)
    return squash_space("".join(out))


def _paragraphs(el: etree._Element | None, refs: dict[str, str]) -> str:
    """The text of a container of ``<p>``: one paragraph each, joined by spaces (not the
    words of the tables beside them, which are units of their own)."""
    if el is None:
        return ""
    ps = [c for c in el if local_name(c) == "p"]
    if not ps:
        return "" if any(_holds_table(c) for c in el) else words_of(el, refs)
    return squash_space(" ".join(words_of(p, refs) for p in ps))


# --- tables ----------------------------------------------------------------------------------

_XHTML = f"{{{XHTML_NS}}}"


def _cell_words(cell: etree._Element, refs: dict[str, str]) -> str:
    """A cell's words: its paragraphs (each a word break, as printed) and any words beside
    them."""
    parts = [cell.text or ""]
    for child in cell:
        if isinstance(child.tag, str):
            parts.append(words_of(child, refs))
        parts.append(child.tail or "")
    return squash_space(" ".join(parts))


def _holds_table(el: etree._Element) -> bool:
    return local_name(el) == "tblock" and next(el.iter(_XHTML + "table"), None) is not None


def table_of(tblock: etree._Element, refs: dict[str, str]) -> Table | None:
    """The table a ``tblock`` holds (an XHTML table in ``foreign``), each cell as its words;
    None for a tblock that holds no table (a formula)."""
    table = next(tblock.iter(_XHTML + "table"), None)
    if table is None:
        return None
    head = table.find(_XHTML + "thead")
    rows = [
        tuple(_cell_words(cell, refs) for cell in tr if local_name(cell) in ("td", "th"))
        for tr in table.iter(_XHTML + "tr")
    ]
    if not rows:
        return None
    return Table(tuple(rows), len(head.findall(_XHTML + "tr")) if head is not None else 0)


def tables_in(el: etree._Element | None, refs: dict[str, str]) -> tuple[Block, ...]:
    """The tables standing in ``el`` (a unit's ``content`` or ``intro``, a quotation's
    ``content``), each a unit of its own: printed after the unit's words, before its units."""
    if el is None:
        return ()
    tables = (table_of(c, refs) for c in el if local_name(c) == "tblock")
    return tuple(Block(table=t) for t in tables if t is not None)


def leading_tables(children: tuple[Block, ...]) -> tuple[tuple[Block, ...], tuple[Block, ...]]:
    """A unit's tables printed before its units (what its ``content`` or ``intro`` holds
    after its words), and the units."""
    n = 0
    while n < len(children) and children[n].table is not None:
        n += 1
    return children[:n], children[n:]


def write_table(tblock: etree._Element, table: Table) -> None:
    """``table`` into ``tblock`` as LawMaker writes one: an XHTML table in ``foreign``, its
    heading rows in ``thead``, each cell's words in an Akoma Ntoso ``p``."""
    tblock.set("class", "table")
    foreign = etree.SubElement(tblock, akn("foreign"))
    columns = str(max(len(row) for row in table.rows))
    html = etree.SubElement(
        foreign,
        _XHTML + "table",
        {"class": "allBorders tableleft width100", "cols": columns},
        nsmap={None: XHTML_NS},
    )
    for part, rows in (("thead", table.rows[: table.head]), ("tbody", table.rows[table.head :])):
        if rows:
            section = etree.SubElement(html, _XHTML + part, {"class": "left"})
            for row in rows:
                tr = etree.SubElement(section, _XHTML + "tr")
                for cell in row:
                    etree.SubElement(etree.SubElement(tr, _XHTML + "td"), akn("p")).text = cell


# --- blocks from XML -------------------------------------------------------------------------

_NOT_UNITS = frozenset({"num", "heading", "subheading", "intro", "content", "wrapUp"})


def units_of(container: etree._Element, refs: dict[str, str]) -> list[Block]:
    """The units inside a quotedStructure (or a provision): one Block each. A wrapUp standing
    alone in a quotedStructure (words after the units of an earlier one) is an unnumbered
    unit of its own."""
    blocks: list[Block] = []
    for child in container:
        local = local_name(child)
        if local == "content" and container.tag == akn("quotedStructure"):
            # words quoted as a body of their own (a definition put in: ““landlord” is …”),
            # and rows of another Act's table ("before entry 1 insert— “A1 …”")
            for part in child:
                table = table_of(part, refs) if local_name(part) == "tblock" else None
                if table is not None:
                    blocks.append(Block(table=table))
                elif local_name(part) == "p":
                    blocks.append(Block(text=words_of(part, refs)))
            continue
        if not local or local in _NOT_UNITS - {"wrapUp"}:
            continue
        if local == "wrapUp":
            blocks.append(Block(text=_paragraphs(child, refs)))
        elif local == "p":
            blocks.append(Block(text=words_of(child, refs)))
        else:
            blocks.append(block_of(child, refs))
    return blocks


def block_of(el: etree._Element, refs: dict[str, str]) -> Block:
    num = words_of(el.find(akn("num")), refs)
    heading = words_of(el.find(akn("heading")), refs)
    content = el.find(akn("content"))
    if content is not None:
        ps = [c for c in content if local_name(c) == "p"]
        tables = tables_in(content, refs)
        if ps and not tables:
            nested = quotation_in(ps, refs)
            if nested is not None:
                text, children = nested
                return Block(num=num, heading=heading, text=text, children=children)
        return Block(num=num, heading=heading, text=_paragraphs(content, refs), children=tables)
    intro = el.find(akn("intro"))
    text = _paragraphs(intro, refs)
    children = tables_in(intro, refs) + tuple(
        block_of(c, refs) for c in el if local_name(c) and local_name(c) not in _NOT_UNITS
    )
    wrap_up = _paragraphs(el.find(akn("wrapUp")), refs)
    return Block(num=num, heading=heading, text=text, children=children, wrap_up=wrap_up)


def quotation_in(
    ps: list[etree._Element], refs: dict[str, str]
) -> tuple[str, tuple[Block, ...]] | None:
    """:func:`nested_quotation` of a unit's paragraphs: the last quotes structure, and those
    before it (“omit the “and” … and insert—”, set as a paragraph of its own) are words
    leading in to it."""
    *before, last = ps
    nested = nested_quotation(last, refs)
    if nested is None or any(p.find(akn("mod")) is not None for p in before):
        return None
    lead = " ".join([*(words_of(p, refs) for p in before), nested[0]])
    return squash_space(lead), nested[1]


def nested_quotation(
    p: etree._Element, refs: dict[str, str]
) -> tuple[str, tuple[Block, ...]] | None:
    """A paragraph that quotes structure ("After clause 37 insert— “37A …”"): its words, and
    the quoted units with their quotation marks printed on them."""
    mod = p.find(akn("mod"))
    if mod is None or mod.find(akn("quotedStructure")) is None:
        return None
    lead: list[str] = [p.text or ""]
    units: list[Block] = []
    trailing: list[str] = []  # words after the last quotation so far
    seen = False
    if mod.text:
        lead.append(mod.text)
    for child in mod:
        if local_name(child) == "quotedStructure":
            if units and trailing:
                units[-1] = suffixed(units[-1], "".join(trailing))
            trailing = []
            quoted = units_of(child, refs)
            if quoted:
                quoted[0] = prefixed(quoted[0], child.get("startQuote", ""))
                quoted[-1] = suffixed(quoted[-1], child.get("endQuote", ""))
                units.extend(quoted)
            seen = True
        elif isinstance(child.tag, str):
            (trailing if seen else lead).append(raw_words(child, refs))
        if child.tail and not (local_name(child) == "quotedStructure" and not child.tail.strip()):
            (trailing if seen else lead).append(child.tail)  # (white space after one: layout)
    trailing.append(mod.tail or "")
    for later in mod.itersiblings():
        trailing.append(raw_words(later, refs) if isinstance(later.tag, str) else "")
        trailing.append(later.tail or "")
    if units and squash_space("".join(trailing)):
        units[-1] = suffixed(units[-1], "".join(trailing))
    return squash_space("".join(lead)), tuple(units)


def prefixed(b: Block, mark: str) -> Block:
    slot = first_slot(b)
    return with_slot_text(b, slot, mark + slot_text(b, slot)) if mark else b


def suffixed(b: Block, words: str) -> Block:
    slot = last_slot(b)
    joined = squash_space(slot_text(b, slot) + words)
    return with_slot_text(b, slot, joined)


def _printed(b: Block, at: Slot = ()) -> Iterator[tuple[Slot, str]]:
    """Every string of a unit in the order it is printed, with where it lives."""
    for name in ("heading", "num", "text") if heading_first(b) else ("num", "heading", "text"):
        yield (*at, name), getattr(b, name)
    for r, row in enumerate(b.table.rows if b.table is not None else ()):
        for c, cell in enumerate(row):
            yield (*at, "cell", r, c), cell
    for i, child in enumerate(b.children):
        yield from _printed(child, (*at, i))
    yield (*at, "wrap_up"), b.wrap_up


_AFTER_QUOTE = re.compile(r"[^\w“”]*(?:\b(?:and|or)\b[^\w“”]*)?")


def split_quotation(
    children: tuple[Block, ...], opened: bool = False
) -> tuple[tuple[Block, ...], str] | None:
    """If ``children`` are one quotation as :func:`nested_quotation` reads them — opening mark
    on the first, its matching closing mark in the last words, nothing but punctuation (or
    "and"/"or") after it — the units without the marks, and the words after the closing mark.
    ``opened``: the opening mark stands in the words before the units, not on the first."""
    if not children:
        return None
    first = (0, *first_slot(children[0]))
    last = (len(children) - 1, *last_slot(children[-1]))
    if not opened and not _get_in(children, first).startswith(OPEN):
        return None
    depth = 1 if opened else 0
    for i, child in enumerate(children):
        for slot, text in _printed(child, (i,)):
            for pos, ch in enumerate(text):
                if ch == OPEN:
                    depth += 1
                elif ch == CLOSE or (depth > 1 and _straight_close(text, pos)):
                    depth -= 1
                    if depth == 0:
                        rest = text[pos + 1 :]
                        if slot != last or not _AFTER_QUOTE.fullmatch(rest):
                            return None
                        before = text[:pos]
                        if before != before.rstrip():
                            return None  # the mark is glued to the words it closes
                        units = list(children)
                        if not opened:
                            units[0] = with_slot_text(
                                units[0], first[1:], _get_in(children, first)[1:]
                            )
                        last_text = _get_in(tuple(units), last)
                        cut = len(last_text) - len(rest) - 1
                        units[-1] = with_slot_text(units[-1], last[1:], last_text[:cut])
                        if (0, *first_slot(units[0])) != first or (
                            len(units) - 1,
                            *last_slot(units[-1]),
                        ) != last:
                            # a mark that was all of its number or words ("(1) ”"): put
                            # back, it would land on another string (the number)
                            return None
                        return tuple(units), rest  # (read back, it follows the mark as is)
    return None


def _straight_close(text: str, pos: int) -> bool:
    """A straight mark at ``pos`` that closes a quotation opened with a curly one: LawMaker
    prints some quoted definitions so (“board members")."""
    return text[pos] == '"' and pos > 0 and not text[pos - 1].isspace()


def opens_quotation(words: str) -> bool:
    """Do ``words`` open a quotation they do not close (after “may” insert “— (a) …)?"""
    depth = 0
    for pos, ch in enumerate(words):
        if ch == OPEN:
            depth += 1
        elif depth and (ch == CLOSE or _straight_close(words, pos)):
            depth -= 1
    return depth > 0


def quotation_of(b: Block) -> tuple[tuple[Block, ...], str, str] | None:
    """If ``b``'s units are one quotation (:func:`split_quotation`): the units without their
    marks, the words after the closing mark, and the opening mark as the quotation carries it:
    "“", or "" where it stands in ``b``'s own words before the units (after “may” insert
    “— (a) …”, as LawMaker writes a quotation that opens with words). Words that open a
    quotation before units with a mark of their own (substitute “In … there is substituted—
    “(a) … column.””) quote the units' quotation: it opens on the first unit, as any does."""
    if not b.children or b.wrap_up:
        return None
    opened = opens_quotation(b.text)
    split = split_quotation(b.children, opened)
    if split is None:
        return None
    units, after = split
    first = first_slot(units[0])
    if opened and slot_text(units[0], first).startswith(OPEN):
        unmarked = with_slot_text(units[0], first, slot_text(units[0], first)[1:])
        return (unmarked, *units[1:]), after, OPEN
    return units, after, "" if opened else OPEN


def _get_in(blocks: tuple[Block, ...], slot: Slot) -> str:
    head = slot[0]
    assert isinstance(head, int)
    return slot_text(blocks[head], slot[1:])
