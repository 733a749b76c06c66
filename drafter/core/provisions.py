"""What kind of provision an element is, and the tree of a bill's provisions: the rules that
the bill, its outline, apply and compare all read a bill's structure by."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.core.akn import AKN
from drafter.core.etree import etree
from drafter.core.print.reading import SKIPPED_TAGS

_LEVEL_KINDS = {
    "para1": "paragraph",
    "para2": "sub-paragraph",
    "para3": "sub-sub-paragraph",
    "para4": "sub-sub-sub-paragraph",
}
_HCONTAINER_KINDS = {
    "crossheading": "crossheading",
    "schedule": "schedule",
    "schedules": "schedules",
    "definition": "definition",
}
_TAG_KINDS = {
    AKN + "part": "part",
    AKN + "chapter": "chapter",
    AKN + "section": "clause",
    AKN + "article": "article",
    AKN + "subsection": "subsection",
    AKN + "paragraph": "paragraph",
    AKN + "subparagraph": "sub-paragraph",
    # an Act as legislation.gov.uk serves it names the fifth and sixth levels so ("(A)", "(I)")
    AKN + "clause": "sub-sub-paragraph",
    AKN + "subclause": "sub-sub-sub-paragraph",
    AKN + "quotedStructure": "quoted structure",
}


def kind_of(element: etree._Element) -> str | None:
    """The provision kind of an element ("clause", "subsection", …), or None."""
    tag = element.tag
    kind = _TAG_KINDS.get(tag)  # type: ignore[arg-type]
    if kind:
        return kind
    if tag == AKN + "level":
        cls = element.get("class", "")
        return _LEVEL_KINDS.get(cls, "unnumbered paragraph" if "unnumbered" in cls else "paragraph")
    if tag == AKN + "hcontainer":
        return _HCONTAINER_KINDS.get(element.get("name", ""))
    if tag == AKN + "tblock" and element.get("class") == "table":
        return "table"
    return None


#: kinds of provision numbered in brackets under a clause or paragraph ("(2)", "(a)", "(i)")
NUMBERED_STEPS = frozenset(
    {"subsection", "paragraph", "sub-paragraph", "sub-sub-paragraph", "sub-sub-sub-paragraph"}
)
_NUM_PREFIX = re.compile(r"^(?:part|chapter|schedule|section|clause|article)\s*", re.IGNORECASE)


def normalise_num(label: str) -> str:
    """ "(2)" -> "2", "Schedule 2" -> "2", "Part 1" -> "1", "Schedule" -> ""."""
    label = _NUM_PREFIX.sub("", label.strip())
    return label.strip().strip("()").strip()


def child_provisions(element: etree._Element) -> Iterator[etree._Element]:
    for child in element:
        if not isinstance(child.tag, str) or child.tag in SKIPPED_TAGS:
            continue
        if kind_of(child):
            yield child
        elif child.tag != AKN + "num" and child.tag != AKN + "heading":
            # wrappers (intro, content, p, mod, blockContainer, foreign …) hold no numbering
            yield from child_provisions(child)


#: tags an element must have to be a provision (see :func:`kind_of`)
_KIND_TAGS = (*_TAG_KINDS, AKN + "level", AKN + "hcontainer", AKN + "tblock")
#: elements whose insides hold no provisions of the bill (see :func:`child_provisions`)
_CLOSED_TAGS = SKIPPED_TAGS | {AKN + "num", AKN + "heading"}


def provision_tree(body: etree._Element) -> tuple[list[etree._Element], list[str], list[int]]:
    """Every provision under ``body`` in document order, as :meth:`Bill.provisions` lists
    them (quotations as leaves; nothing inside numbers, headings or skipped elements), with
    its kind and the index of its parent provision in the list (-1 for none).

    Only elements that can be provisions are visited (lxml finds them), each climbing to its
    nearest listed or closed ancestor: a provision's ancestors come before it."""
    elements: list[etree._Element] = []
    kinds: list[str] = []
    parents: list[int] = []
    #: for each provision met, the parent its provisions have: its index if it is listed and
    #: not a quotation, else -2 (nothing inside it is listed)
    held: dict[etree._Element, int] = {}
    quoted = AKN + "quotedStructure"
    for el in body.iter(*_KIND_TAGS):
        kind = kind_of(el)
        if kind is None:
            continue  # a wrapper: its provisions climb through it
        parent = -1
        node = el.getparent()
        while node is not None and node is not body:
            found = held.get(node)
            if found is not None:
                parent = found
                break
            if node.tag in _CLOSED_TAGS:
                parent = -2
                break
            node = node.getparent()
        if parent == -2:
            held[el] = -2
            continue
        held[el] = -2 if el.tag == quoted else len(elements)
        elements.append(el)
        kinds.append(kind)
        parents.append(parent)
    return elements, kinds, parents


def provisions_of_kind(body: etree._Element, kind: str) -> list[etree._Element]:
    """The provisions of one kind that :func:`provision_tree` lists, found without walking
    every provision: one listed there has no quotation or closed element above it (clauses
    and Schedules are asked for often, and are few among a bill's provisions)."""
    level = AKN + "level"
    tags = [tag for tag, k in _TAG_KINDS.items() if k == kind]
    if kind in _LEVEL_KINDS.values() or kind == "unnumbered paragraph":
        tags.append(level)
    if kind in _HCONTAINER_KINDS.values():
        tags.append(AKN + "hcontainer")
    if kind == "table":
        tags.append(AKN + "tblock")
    shut = _CLOSED_TAGS | {AKN + "quotedStructure"}
    found = []
    for el in body.iter(*tags):
        if kind_of(el) != kind:
            continue
        node = el.getparent()
        while node is not None and node is not body and node.tag not in shut:
            node = node.getparent()
        if node is None or node is body:
            found.append(el)
    return found


def first_child(el: etree._Element, tag: str) -> etree._Element | None:
    """``el.find(tag)`` for a tag name: ``el``'s first child with that tag (most often its
    first child), found without ElementPath's parsing of a path."""
    if len(el):
        first = el[0]
        if first.tag == tag:
            return first
        for child in el:
            if child.tag == tag:
                return child
    return None
