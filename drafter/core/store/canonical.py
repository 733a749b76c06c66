"""The normalised formatting a bill is stored in: one element per line where white space is
insignificant, so that git's own diffs of a new version stay small."""

from __future__ import annotations

import os

from drafter.core.etree import etree
from drafter.core.files import xml_bytes
from drafter.core.print.reading import INLINE_TAGS
from drafter.core.xml import parse_bytes

_XML_SPACE_ATTR = "{http://www.w3.org/XML/1998/namespace}space"
_INDENT = "  "
_ASCII_SPACE = " \t\r\n"


def _blank(text: str | None) -> bool:
    return text is None or not text.strip(_ASCII_SPACE)


def _element_only(el: etree._Element) -> bool:
    """True when white space between ``el``'s children means nothing: ``el`` is a block and
    every child is a block element (or a processing instruction or comment), with nothing but
    ASCII white space around them. drafter's reader (``reading.read_stream``) never reads such white
    space as a word break that was not already there, so re-indenting it keeps the print."""
    if el.tag in INLINE_TAGS or not _blank(el.text):
        return False
    for child in el:
        tag = child.tag
        if isinstance(tag, str):
            if tag in INLINE_TAGS:
                return False
        elif not isinstance(child, etree._ProcessingInstruction | etree._Comment):
            return False  # an entity reference: leave it be
        if not _blank(child.tail):
            return False
    return True


def _reindent(el: etree._Element, depth: int) -> None:
    if el.get(_XML_SPACE_ATTR) == "preserve":
        return
    children = list(el)
    if not children:
        return
    if _element_only(el):
        inner = "\n" + _INDENT * (depth + 1)
        el.text = inner
        for child in children:
            child.tail = inner
        children[-1].tail = "\n" + _INDENT * depth
    for child in children:
        if isinstance(child.tag, str):
            _reindent(child, depth + 1)


def normalise_tree(tree: etree._ElementTree) -> bytes:
    """Serialise a bill deterministically: one element per line, indented by depth, wherever
    white space is insignificant; text, attributes, processing instructions (``<?L?>``) and
    comments exactly as they were. Changes ``tree``'s insignificant white space in place."""
    root = tree.getroot()
    _reindent(root, 0)
    root.tail = None
    return xml_bytes(tree) + b"\n"


def normalise(data: bytes, path: str | os.PathLike[str] = "<bill>") -> bytes:
    """The normalised form of a bill file's bytes (see :func:`normalise_tree`)."""
    return normalise_tree(parse_bytes(data, path))
