"""Words and units read out of XML elements: the printed text of an element (quotation marks
kept as attributes put back, placeholders filled in), the units of a ``quotedStructure`` as
:class:`~drafter.core.amendment.Block` values, and the quotation marks printed on units (shared
with the writers of both formats)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from lxml import etree

from drafter.core.akn import UKL, akn
from drafter.core.amendment import Block
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
    markers) are skipped, quotation marks that LawMaker keeps as attributes put back, and
    placeholders (the bill's title) filled in."""
    if el.text:
        out.append(el.text)
    for child in el:
        if isinstance(child.tag, str):
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
    """The text of a container of ``<p>``: one paragraph each, joined by spaces."""
    if el is None:
        return ""
    ps = [c for c in el if local_name(c) == "p"]
    if not ps:
        return words_of(el, refs)
    return squash_space(" ".join(words_of(p, refs) for p in ps))


# --- blocks from XML -------------------------------------------------------------------------

_NOT_UNITS = frozenset({"num", "heading", "subheading", "intro", "content", "wrapUp"})


def units_of(container: etree._Element, refs: dict[str, str]) -> list[Block]:
    """The units inside a quotedStructure (or a provision): one Block each. A wrapUp standing
    alone in a quotedStructure (words after the units of an earlier one) is an unnumbered
    unit of its own."""
    blocks: list[Block] = []
    for child in container:
        local = local_name(child)
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
        if len(ps) == 1:
            nested = nested_quotation(ps[0], refs)
            if nested is not None:
                text, children = nested
                return Block(num=num, heading=heading, text=text, children=children)
        return Block(num=num, heading=heading, text=_paragraphs(content, refs))
    text = _paragraphs(el.find(akn("intro")), refs)
    children = tuple(
        block_of(c, refs) for c in el if local_name(c) and local_name(c) not in _NOT_UNITS
    )
    wrap_up = _paragraphs(el.find(akn("wrapUp")), refs)
    return Block(num=num, heading=heading, text=text, children=children, wrap_up=wrap_up)


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


# Quotation marks on units: the opening mark goes on the first thing printed (number, else
# heading, else words), the closing mark after the last (wrap-up, else the last unit's last
# words, else the unit's own words, heading or number).

Slot = tuple[int | str, ...]


def _first_slot(b: Block) -> Slot:
    return ("num",) if b.num else ("heading",) if b.heading else ("text",)


def _last_slot(b: Block) -> Slot:
    if b.wrap_up:
        return ("wrap_up",)
    if b.children:
        return (len(b.children) - 1, *_last_slot(b.children[-1]))
    if b.text:
        return ("text",)
    return ("heading",) if b.heading else ("num",) if b.num else ("text",)


def _get(b: Block, slot: Slot) -> str:
    head, *rest = slot
    if isinstance(head, int):
        return _get(b.children[head], tuple(rest))
    value: str = getattr(b, head)
    return value


def _set(b: Block, slot: Slot, value: str) -> Block:
    head, *rest = slot
    if isinstance(head, int):
        kids = list(b.children)
        kids[head] = _set(kids[head], tuple(rest), value)
        return replace(b, children=tuple(kids))
    if head == "num":
        return replace(b, num=value)
    if head == "heading":
        return replace(b, heading=value)
    if head == "wrap_up":
        return replace(b, wrap_up=value)
    return replace(b, text=value)


def prefixed(b: Block, mark: str) -> Block:
    slot = _first_slot(b)
    return _set(b, slot, mark + _get(b, slot)) if mark else b


def suffixed(b: Block, words: str) -> Block:
    slot = _last_slot(b)
    joined = squash_space(_get(b, slot) + words)
    return _set(b, slot, joined)


def _printed(b: Block, at: Slot = ()) -> Iterator[tuple[Slot, str]]:
    """Every string of a unit in the order it is printed, with where it lives."""
    for name in ("num", "heading", "text"):
        yield (*at, name), getattr(b, name)
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
    first = (0, *_first_slot(children[0]))
    last = (len(children) - 1, *_last_slot(children[-1]))
    if not opened and not _get_in(children, first).startswith(OPEN):
        return None
    depth = 1 if opened else 0
    for i, child in enumerate(children):
        for slot, text in _printed(child, (i,)):
            for pos, ch in enumerate(text):
                if ch == OPEN:
                    depth += 1
                elif ch == CLOSE:
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
                            units[0] = _set(units[0], first[1:], _get_in(children, first)[1:])
                        last_text = _get_in(tuple(units), last)
                        cut = len(last_text) - len(rest) - 1
                        units[-1] = _set(units[-1], last[1:], last_text[:cut])
                        if (0, *_first_slot(units[0])) != first or (
                            len(units) - 1,
                            *_last_slot(units[-1]),
                        ) != last:
                            # a mark that was all of its number or words ("(1) ”"): put
                            # back, it would land on another string (the number)
                            return None
                        return tuple(units), rest  # (read back, it follows the mark as is)
    return None


def quotation_of(b: Block) -> tuple[tuple[Block, ...], str, str] | None:
    """If ``b``'s units are one quotation (:func:`split_quotation`): the units without their
    marks, the words after the closing mark, and the opening mark as the quotation carries it:
    "“", or "" where it stands in ``b``'s own words before the units (after “may” insert
    “— (a) …”, as LawMaker writes a quotation that opens with words)."""
    if not b.children or b.wrap_up:
        return None
    opened = b.text.count(OPEN) > b.text.count(CLOSE)
    split = split_quotation(b.children, opened)
    return None if split is None else (*split, "" if opened else OPEN)


def _get_in(blocks: tuple[Block, ...], slot: Slot) -> str:
    head = slot[0]
    assert isinstance(head, int)
    return _get(blocks[head], slot[1:])
