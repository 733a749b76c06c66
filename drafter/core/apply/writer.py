"""Writing the provisions that amendments put in."""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from drafter.core.akn import (
    AKN,
    EID_PREFIX,
    ELEMENTS,
    LEVEL_EID,
    UKL,
    Ids,
    eid_part,
)
from drafter.core.amendment import Block, heading_first
from drafter.core.bill import Bill
from drafter.core.etree import etree
from drafter.core.paper.lawmaker_xml import definition_term, level_class, unit_depth, written_as
from drafter.core.paper.xml_text import leading_tables, quotation_of, write_table
from drafter.core.provisions import normalise_num

#: the elements a new unit is written as, by kind (words after units: a level of their own)
UNIT_ELEMENTS = {**ELEMENTS, "wrapup": ("level", "para1", "")}


class UnitWriter:
    """New provisions written into a bill: a unit of the kind its number says, its words and
    units, with eIds in LawMaker's scheme and GUIDs that are the same each time the same
    amendments are applied."""

    def __init__(self, bill: Bill, seed: str) -> None:
        self.bill = bill
        #: what makes the GUIDs of new elements this writer's own (see :attr:`ids`)
        self.seed = seed

    @functools.cached_property
    def ids(self) -> Ids:
        """The eIds and GUIDs of new elements: unique in the bill, and the same each time the
        same amendments are applied (so that applying a paper twice writes the same bytes)."""
        taken = list(self.bill.root.iter(AKN + "*"))
        eids = (el.get("eId", "") for el in taken)
        guids = (el.get("GUID", "") for el in taken)
        return Ids(self.seed, eids, guids)

    def fresh(self, tag: str, wanted: str, parent: etree._Element | None = None) -> etree._Element:
        """A new element with a fresh eId (``wanted``, or ``wanted__oc_N``) and its GUID."""
        eid = self.ids.eid(wanted)
        attrs = {"GUID": self.ids.guid(eid), "eId": eid}
        if parent is None:
            return etree.Element(AKN + tag, attrs)
        return etree.SubElement(parent, AKN + tag, attrs)

    def write_unit(
        self,
        b: Block,
        kind: str,
        schedule: bool,
        base: str,
        depth: int,
        *,
        num: str | None = None,
        prefix: str | None = None,
    ) -> etree._Element:
        if kind == "table":  # a table standing among units: an unnumbered level holds it
            el = self.fresh("level", f"{base}__para_new" if base else "para_new")
            el.set("class", f"para{depth or 1}")
            self.write_tables(etree.SubElement(el, AKN + "content"), (b,), el.attrib["eId"])
            return el
        tag, default_cls, name = UNIT_ELEMENTS[kind]
        shown = b.num if num is None else num
        if kind == "level":
            depth = depth or unit_depth(b, 0)
            default_cls = level_class(shown, depth)
            prefix = prefix or LEVEL_EID.get(depth, f"para{depth}")
        else:
            prefix = prefix or EID_PREFIX[kind]
            if kind in ("part", "crossheading") and schedule:
                default_cls = "sch" + default_cls[0].upper() + default_cls[1:]
        label = eid_part(normalise_num(shown))
        term = definition_term(b.text) if kind == "definition" else None
        if term is not None:
            label = eid_part(term[0]).lower() + "_"
        wanted = f"{prefix}_{label}" if label else f"{prefix}_new"
        el = self.fresh(tag, f"{base}__{wanted}" if base else wanted)
        eid = el.attrib["eId"]
        el.set("class", default_cls)
        if name:
            el.set("name", name)
        if shown or kind == "section":
            etree.SubElement(el, AKN + "num").text = shown
        if b.heading:
            heading = self.fresh("heading", f"{eid}__hdg", el)
            heading.text = b.heading
            if heading_first(replace(b, num=shown)):  # a subsection's: above its number
                el.insert(0, heading)
        # an unnumbered paragraph's units stand by their own numbers, as a definition's do
        self.write_body(el, b, kind, schedule, eid, depth if shown else 0)
        return el

    def write_body(
        self,
        el: etree._Element,
        b: Block,
        kind: str,
        schedule: bool,
        eid: str,
        depth: int,
    ) -> None:
        """``b``'s words and units as the body of ``el`` (a unit of ``kind``): its content, or
        its intro, units and wrap-up; a quotation of units as a ``mod`` with its
        ``quotedStructure``."""
        child_schedule = schedule or kind == "paragraph"  # a new Schedule comes with schedule
        if b.table is not None:
            self.write_tables(etree.SubElement(el, AKN + "content"), (b,), eid)
            return
        quoted = quotation_of(b)
        if quoted is not None:
            units, after, mark = quoted
            p = etree.SubElement(etree.SubElement(el, AKN + "content"), AKN + "p")
            mod = etree.SubElement(p, AKN + "mod")
            mod.text = b.text
            qs = self.fresh("quotedStructure", f"{eid}__qstr", mod)
            qs.set("startQuote", mark)
            qs.set("endQuote", "”")
            qs_eid = qs.attrib["eId"]  # fresh() gives every new element one
            tables, units = leading_tables(units)
            if tables:  # rows put into another Act's table
                self.write_tables(etree.SubElement(qs, AKN + "content"), tables, qs_eid)
            for unit in units:
                qs.append(self.write_unit(unit, written_as(unit, None, False), False, qs_eid, 0))
            if after.strip():
                qs.tail = after
        elif b.children:
            tables, units = leading_tables(b.children)
            if not units and not b.wrap_up:  # words and tables: the unit's content
                content = etree.SubElement(el, AKN + "content")
                if b.text:
                    self.write_p(content, b.text, kind, eid)
                self.write_tables(content, tables, eid)
                return
            if b.text or tables:
                intro = self.fresh("intro", f"{eid}__intro", el)
                if b.text:
                    self.write_p(intro, b.text, kind, eid)
                self.write_tables(intro, tables, eid)
            for child in units:
                child_kind = written_as(child, kind, child_schedule)
                el.append(
                    self.write_unit(
                        child,
                        child_kind,
                        child_schedule,
                        eid,
                        depth + 1 if child_kind == "level" and depth else 0,
                    )
                )
            if b.wrap_up:
                wrap = self.fresh("wrapUp", f"{eid}__wrapup", el)
                etree.SubElement(wrap, AKN + "p").text = b.wrap_up
        else:
            self.write_p(etree.SubElement(el, AKN + "content"), b.text or " ", kind, eid)

    def write_tables(self, parent: etree._Element, tables: tuple[Block, ...], eid: str) -> None:
        for b in tables:
            assert b.table is not None
            write_table(self.fresh("tblock", f"{eid}__tbl", parent), b.table)

    def write_p(self, parent: etree._Element, text: str, kind: str, eid: str) -> None:
        p = etree.SubElement(parent, AKN + "p")
        term = definition_term(text) if kind == "definition" else None
        if term is None:
            p.text = text
            return
        defined = self.fresh("def", eid.removesuffix("_"), p)
        defined.set(UKL + "startQuote", "“")
        defined.set(UKL + "endQuote", "”")
        defined.text = term[0]
        defined.tail = term[1]


def element_kind(el: etree._Element) -> str:
    """The kind of element a new sibling is made as: "level1"… or the bill kind.
    legislation.gov.uk holds the lettered levels as paragraph, subparagraph, clause and
    subclause: those are levels too, whatever the element is called."""
    name = etree.QName(el).localname
    if name in ("level", "clause", "subclause") or (name in _LETTERED and _lettered(el)):
        return f"level{depth_of(el)}"
    return name


def unit_kind(el: etree._Element) -> str:
    """The kind :meth:`UnitWriter.write_unit` writes for an element like ``el``."""
    kind = el.get("name", "") if el.tag == AKN + "hcontainer" else etree.QName(el).localname
    return kind if kind in UNIT_ELEMENTS else "level"


#: the level each of legislation.gov.uk's names holds when it carries no class
_LETTERED = {"paragraph": 1, "subparagraph": 2, "clause": 3, "subclause": 4}


def depth_of(el: etree._Element) -> int:
    cls = el.get("class", "")
    if cls.startswith("para") and cls[4:].isdigit():
        return int(cls[4:])
    return _LETTERED.get(etree.QName(el).localname, 1)


def _lettered(el: etree._Element) -> bool:
    """Is ``el`` numbered "(a)", "(ia)" (a level), not "5" or "(2)" (a Schedule's
    paragraph or sub-paragraph)?"""
    num = el.find(AKN + "num")
    return num is not None and re.match(r"\s*\(\s*[a-z]", "".join(num.itertext())) is not None


def in_schedule(el: etree._Element) -> bool:
    """Is ``el`` a Schedule, or in one?"""
    return any(
        a.tag == AKN + "hcontainer" and a.get("name") == "schedule"
        for a in (el, *el.iterancestors())
    )


def body_block(blocks: tuple[Block, ...]) -> Block | None:
    """Inserted structure as the one unnumbered unit it makes when it opens a provision's
    body: unnumbered words (leading in to units, or alone), or units with numbers; None when
    it is not that."""
    if not blocks or any(b.heading for b in blocks):
        return None
    first, rest = blocks[0], blocks[1:]
    if len(blocks) == 1 and not first.num:
        return first
    if any(b.table is not None for b in blocks):
        return None
    if all(not b.num and not b.children and not b.wrap_up for b in blocks):
        return Block(text=" ".join(b.text for b in blocks))
    if not first.num and not first.children and not first.wrap_up:
        if all(b.num for b in rest):  # "insert “In … — (a) …”": words, then units
            return Block(text=first.text, children=rest)
        return None
    if all(b.num for b in blocks):
        return Block(children=blocks)
    return None


#: the elements that hold a provision's own words
BODY_WORDS = frozenset({AKN + "intro", AKN + "content", AKN + "wrapUp"})
