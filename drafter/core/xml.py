"""The one safe XML parser for drafter, and the Akoma Ntoso namespaces.

Bills come from outside; a hostile file must never read local files, reach the network or
blow up memory. We refuse any document type declaration outright (Akoma Ntoso never needs
one, and every entity attack lives there), never expand entities, never load a DTD, and keep
processing instructions, because ``<?L page-line?>`` carries the print.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from lxml import etree

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
UKL_NS = "https://www.legislation.gov.uk/namespaces/UK-AKN"
XHTML_NS = "http://www.w3.org/1999/xhtml"
NS = {"akn": AKN_NS, "ukl": UKL_NS, "html": XHTML_NS}

_SNIFF_BYTES = 64 * 1024
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


def akn(local: str) -> str:
    """Clark name of an Akoma Ntoso element: ``akn("section")`` -> ``{ns}section``."""
    return f"{{{AKN_NS}}}{local}"


class XMLInputError(Exception):
    """A file that drafter refuses to read, with the place that made it refuse."""

    def __init__(self, path: str | os.PathLike[str], reason: str, line: int = 0, column: int = 0):
        self.path = str(path)
        self.reason = reason
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f":{self.line}:{self.column}" if self.line else ""
        return f"{self.path}{where}: {self.reason}"


def _parser() -> etree.XMLParser:
    # A parser is not thread-safe across concurrent parses; make one per call (cheap).
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        remove_pis=False,
        remove_comments=False,
        huge_tree=False,  # keeps libxml2's limits on depth and single text nodes
        collect_ids=False,
    )


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def _sniff(path: str | os.PathLike[str], head: bytes) -> None:
    """Refuse empty, binary and DTD-bearing input before libxml2 sees it."""
    if not head.strip():
        raise XMLInputError(path, "empty file: expected an Akoma Ntoso XML document", 1, 1)
    stripped = head.lstrip(b"\xef\xbb\xbf")
    nul = stripped.find(b"\x00")
    if nul >= 0 and not stripped.startswith((b"\xff\xfe", b"\xfe\xff")):
        line, col = _line_col(head, nul)
        raise XMLInputError(path, "binary data, not an XML document", line, col)
    if not stripped.lstrip().startswith(b"<"):
        raise XMLInputError(path, "not an XML document (it does not start with '<')", 1, 1)
    doctype = _DOCTYPE.search(head)
    if doctype:
        line, col = _line_col(head, doctype.start())
        raise XMLInputError(
            path,
            "refused: the document declares a DTD (<!DOCTYPE>); entity declarations are not "
            "allowed in bill files",
            line,
            col,
        )


def parse_bytes(data: bytes, path: str | os.PathLike[str] = "<input>") -> etree._ElementTree:
    """Parse XML bytes safely; raise XMLInputError naming ``path``, line and column."""
    _sniff(path, data[:_SNIFF_BYTES])
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as err:
        line, col = err.position if err.position else (0, 0)
        message = err.msg or "not well-formed XML"
        # libxml2 appends its own ", line N, column M"; we print the place once, up front.
        message = re.sub(r",? line \d+, column \d+$", "", message)
        if "Excessive depth" in message or "depth" in message and "nest" in message:
            message = "refused: elements nested too deeply (over 256 levels)"
        elif "Detected an entity reference loop" in message or "amplification" in message:
            message = "refused: entity expansion"
        raise XMLInputError(path, f"not well-formed XML: {message}", line, col) from None
    return root.getroottree()


def parse_file(path: str | os.PathLike[str]) -> etree._ElementTree:
    """Read and parse one file safely; every failure is an XMLInputError with its place."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except IsADirectoryError:
        raise XMLInputError(path, "is a directory, not an XML file") from None
    except FileNotFoundError:
        raise XMLInputError(path, "no such file") from None
    except PermissionError:
        raise XMLInputError(path, "permission denied") from None
    except OSError as err:
        raise XMLInputError(path, f"cannot read: {err.strerror}") from None
    return parse_bytes(data, path)


def require_akn_root(tree: etree._ElementTree, path: str | os.PathLike[str]) -> etree._Element:
    """The root must be ``<akomaNtoso>`` in the Akoma Ntoso 3.0 namespace."""
    root = tree.getroot()
    if root.tag != akn("akomaNtoso"):
        qname = etree.QName(root)
        found = f"<{qname.localname}>" + (f" in namespace {qname.namespace}" if qname.namespace else "")
        raise XMLInputError(
            path, f"not Akoma Ntoso: root element is {found}, expected <akomaNtoso>",
            root.sourceline or 1, 1,
        )
    return root
