"""The one safe XML parser for drafter.

Bills come from outside; a hostile file must never read local files, reach the network or
blow up memory. We refuse any document type declaration outright (Akoma Ntoso never needs
one, and every entity attack lives there), never expand entities, never load a DTD, never
follow XInclude or stylesheets, and keep processing instructions, because ``<?L page-line?>``
carries the print.

Before libxml2 sees a byte we decide the encoding ourselves (UTF-8, or a declared
ASCII-compatible one) and scan the prolog -- everything before the root element -- for a
``<!DOCTYPE``, so that no encoding trick or long leading comment can slip a DTD past us. After
parsing we check again (no DTD, no XInclude), so the refusal never rests on one check alone.
"""

from __future__ import annotations

import os
import re
import stat

from drafter.core.akn import AKN_NS, akn
from drafter.core.errors import UserError
from drafter.core.etree import etree

#: The largest file drafter reads (a real bill is a few MB; the largest known is about 10 MB).
MAX_BYTES = 256 * 1024 * 1024
#: libxml2's nesting limit without XML_PARSE_HUGE (we never set ``huge_tree``).
MAX_DEPTH = 256

_SNIFF_BYTES = 64 * 1024
_XINCLUDE_NS = ("http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude")
_UTF8_BOM = b"\xef\xbb\xbf"
# Byte-order marks and the first bytes of "<?" / "<x" in the wide encodings we refuse.
_WIDE_SIGNATURES = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
    (b"\x00\x00\x00<", "UTF-32"),
    (b"<\x00\x00\x00", "UTF-32"),
    (b"\x00<", "UTF-16"),
    (b"<\x00", "UTF-16"),
)
_FILE_SIGNATURES = (
    (b"%PDF-", "a PDF file", ""),
    (b"PK\x03\x04", "a ZIP archive (a Word .docx?)", ""),
    (b"\x1f\x8b", "gzip-compressed data", " (decompress it first)"),
    (b"\xd0\xcf\x11\xe0", "a Microsoft Office file", ""),
)


def other_kind(data: bytes, expected: str = "an XML document") -> str:
    """What a file that opens with ``data`` is when it is plainly not text ("a PDF file, not
    an XML document"), or "" (it may be text: reading it says what is wrong)."""
    for signature, what, advice in _FILE_SIGNATURES:
        if data.startswith(signature):
            return f"{what}, not {expected}{advice}"
    return ""


# Declared encodings drafter reads: all ASCII-compatible, so the byte-level prolog scan sees
# exactly the markup libxml2 will see. Keys are lower case without "-", "_" or spaces.
_ENCODINGS = {
    "utf8": "UTF-8",
    "usascii": "US-ASCII",
    "ascii": "US-ASCII",
    "iso88591": "ISO-8859-1",
    "latin1": "ISO-8859-1",
    "l1": "ISO-8859-1",
    "iso885915": "ISO-8859-15",
    "latin9": "ISO-8859-15",
    "windows1252": "windows-1252",
    "cp1252": "windows-1252",
}
_XML_DECL_ENCODING = re.compile(
    rb"<\?xml[ \t\r\n][^>]*?\bencoding[ \t\r\n]*=[ \t\r\n]*([\"'])(.*?)\1", re.DOTALL
)
# One item of the prolog: optional white space, then a comment or a processing instruction.
_PROLOG_ITEM = re.compile(rb"[ \t\r\n]*(?:<!--.*?-->|<\?.*?\?>)", re.DOTALL)
_PROLOG_SPACE = re.compile(rb"[ \t\r\n]*")
_NAME = re.compile(rb"[^ \t\r\n/>]+")
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_LIBXML_PLACE = re.compile(r",? line \d+, column \d+$")


def _escaped(text: str) -> str:
    """A file name on one line: control characters shown as ``\\xNN``."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def _one_line(text: str) -> str:
    """A message on one line, whatever libxml2 put in it."""
    return _escaped(" ".join(text.split()))


class XMLInputError(UserError):
    """A file that drafter refuses to read, with the place that made it refuse."""

    def __init__(self, path: str | os.PathLike[str], reason: str, line: int = 0, column: int = 0):
        self.path = str(path)
        self.reason = reason
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f":{self.line}:{self.column}" if self.line else ""
        return f"{_escaped(self.path)}{where}: {_one_line(self.reason)}"


def _parser(encoding: str) -> etree.XMLParser:
    # A parser is not thread-safe across concurrent parses; make one per call (cheap).
    return etree.XMLParser(
        encoding=encoding,  # we decided it; libxml2 must not guess (EBCDIC, UTF-7, ...)
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        remove_pis=False,
        remove_comments=False,
        huge_tree=False,  # keeps libxml2's limits on depth and single text nodes
        collect_ids=False,
    )


def _skip_space(data: bytes, pos: int) -> int:
    space = _PROLOG_SPACE.match(data, pos)
    return space.end() if space else pos


def _sourceline(element: etree._Element) -> int:
    line = element.sourceline
    return line if isinstance(line, int) else 0


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


def _too_big(path: str | os.PathLike[str], size: int) -> XMLInputError:
    return XMLInputError(
        path,
        f"refused: the file is {_megabytes(size)}; drafter reads bill files of up to "
        f"{_megabytes(MAX_BYTES)}",
    )


def _sniff(path: str | os.PathLike[str], data: bytes) -> str:
    """Refuse what is not plainly an XML document, before libxml2 sees it; return the
    encoding to parse it in."""
    if len(data) > MAX_BYTES:
        raise _too_big(path, len(data))
    head = data[:_SNIFF_BYTES]
    if not head.strip(b" \t\r\n\f\v") and not data.strip(b" \t\r\n\f\v"):
        what = "empty file" if not data else "the file holds only white space"
        raise XMLInputError(path, f"{what}: expected an Akoma Ntoso XML document", 1, 1)
    for signature, encoding in _WIDE_SIGNATURES:
        if head.startswith(signature):
            raise XMLInputError(
                path,
                f"refused: the file is {encoding}-encoded; bill files must be UTF-8 "
                "(save it again as UTF-8)",
                1,
                1,
            )
    what = other_kind(head)
    if what:
        raise XMLInputError(path, what, 1, 1)

    bom = head.startswith(_UTF8_BOM)
    start = len(_UTF8_BOM) if bom else 0
    first = _skip_space(data, start)
    looks_xml = data[first : first + 1] == b"<"
    control = _CONTROL.search(head, start)
    if control and (not looks_xml or head[control.start()] == 0):
        if looks_xml:
            line, col = _line_col(head, control.start())
            raise XMLInputError(path, "binary data (a NUL byte) in the XML", line, col)
        raise XMLInputError(path, "binary data, not an XML document", 1, 1)
    if not looks_xml:
        raise XMLInputError(path, "not an XML document (it does not start with '<')", 1, 1)

    encoding = "UTF-8"
    declared = _XML_DECL_ENCODING.match(head, start)
    if declared:
        name = declared.group(2).decode("ascii", "replace")
        key = re.sub(r"[-_ ]", "", name.lower())
        line, col = _line_col(head, declared.start(2))
        if key not in _ENCODINGS:
            raise XMLInputError(
                path,
                f'refused: the file declares encoding "{name}"; bill files must be UTF-8',
                line,
                col,
            )
        encoding = _ENCODINGS[key]
        if bom and encoding != "UTF-8":
            raise XMLInputError(
                path,
                f'the file starts with a UTF-8 byte-order mark but declares encoding "{name}"',
                line,
                col,
            )
    _check_prolog(path, data, start)
    return encoding


def _check_prolog(path: str | os.PathLike[str], data: bytes, pos: int) -> None:
    """Walk the comments and processing instructions before the root element; refuse a
    ``<!DOCTYPE`` (wherever in the prolog it is) and an HTML page. Anything unexpected is
    left to libxml2, which reports it as not well-formed."""
    while True:
        item = _PROLOG_ITEM.match(data, pos)
        if item is None:
            break
        pos = item.end()
    pos = _skip_space(data, pos)
    if data[pos : pos + 9].upper() == b"<!DOCTYPE":
        line, col = _line_col(data, pos)
        name = _NAME.match(data, _skip_space(data, pos + 9))
        if name and name.group().lower() == b"html":
            raise XMLInputError(
                path,
                "an HTML page (<!DOCTYPE html>), not an Akoma Ntoso XML document",
                line,
                col,
            )
        raise XMLInputError(
            path,
            "refused: the document declares a DTD (<!DOCTYPE>); entity declarations are not "
            "allowed in bill files",
            line,
            col,
        )
    if data[pos : pos + 1] == b"<":
        name = _NAME.match(data, pos + 1)
        if name and name.group().lower() in (b"html", b"html:html", b"xhtml:html"):
            line, col = _line_col(data, pos)
            raise XMLInputError(
                path, "an HTML page (<html>), not an Akoma Ntoso XML document", line, col
            )


def _syntax_reason(err: etree.XMLSyntaxError, encoding: str) -> str:
    """libxml2's message, in words a drafter can act on."""
    message = " ".join((err.msg or "").split())
    # libxml2 appends its own ", line N, column M"; we print the place once, up front.
    message = _LIBXML_PLACE.sub("", message).rstrip(" ,")
    code = getattr(err, "code", 0)

    def is_code(name: str) -> bool:  # the codes lxml knows depend on its libxml2
        return code != 0 and code == getattr(etree.ErrorTypes, name, None)

    if "Excessive depth" in message or ("depth" in message and "nest" in message):
        return f"refused: elements nested too deeply (over {MAX_DEPTH} levels)"
    if is_code("ERR_ENTITY_LOOP") or "amplification" in message:
        return "refused: entity expansion"
    if "Text node too long" in message:
        return "refused: a run of text longer than 10 MB (libxml2's safety limit)"
    if is_code("ERR_RESOURCE_LIMIT") or "limit exceeded" in message.lower():
        return f"refused: too large to parse safely ({message})"
    if is_code("ERR_INVALID_ENCODING") or "Invalid bytes in character encoding" in message:
        if encoding == "UTF-8":
            return "not valid UTF-8 here; bill files must be saved as UTF-8"
        return f"bytes that are not valid {encoding} here"
    if is_code("ERR_INVALID_CHAR") and "Char 0x0 " in message:
        return "binary data (a NUL byte), not XML text"
    undefined = re.fullmatch(r"Entity '([^']*)' not defined", message)
    if undefined:
        return (
            f"not well-formed XML: undefined entity &{undefined.group(1)}; (XML defines only "
            "&amp; &lt; &gt; &quot; &apos;: write the character itself, or a numeric "
            "reference such as &#233;)"
        )
    mismatch = re.fullmatch(r"Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)", message)
    if mismatch:
        opened, line, closed = mismatch.groups()
        return (
            f"not well-formed XML: <{opened}> (opened on line {line}) is not closed before "
            f"</{closed}>"
        )
    premature = re.fullmatch(r"Premature end of data in tag (\S+) line (\d+)", message)
    if premature:
        opened, line = premature.groups()
        return (
            f"not well-formed XML: the file ends before <{opened}> (opened on line {line}) "
            "is closed"
        )
    return f"not well-formed XML: {message or 'cannot be parsed'}"


def _qualified(element: etree._Element) -> str:
    local = etree.QName(element).localname
    return f"{element.prefix}:{local}" if element.prefix else local


def _check_tree(path: str | os.PathLike[str], tree: etree._ElementTree) -> None:
    """Defence in depth: what the prolog scan refused must not be in the tree either."""
    info = tree.docinfo
    if info.internalDTD is not None or info.doctype:
        raise XMLInputError(
            path,
            "refused: the document declares a DTD (<!DOCTYPE>); entity declarations are not "
            "allowed in bill files",
        )
    include = next(tree.getroot().iter(*(f"{{{ns}}}*" for ns in _XINCLUDE_NS)), None)
    if include is not None:
        raise XMLInputError(
            path,
            f"refused: <{_qualified(include)}> (XInclude); drafter never pulls other files "
            "into a bill",
            _sourceline(include),
            1 if _sourceline(include) else 0,
        )


def parse_bytes(data: bytes, path: str | os.PathLike[str] = "<input>") -> etree._ElementTree:
    """Parse XML bytes safely; raise XMLInputError naming ``path``, line and column."""
    encoding = _sniff(path, data)
    try:
        root = etree.fromstring(data, _parser(encoding))
    except etree.XMLSyntaxError as err:
        line, col = err.position if err.position else (0, 0)
        raise XMLInputError(path, _syntax_reason(err, encoding), line, col) from None
    except (etree.LxmlError, ValueError) as err:
        raise XMLInputError(path, f"cannot be parsed: {err}") from None
    tree = root.getroottree()
    _check_tree(path, tree)
    return tree


def read_file(path: str | os.PathLike[str]) -> bytes:
    """A regular file's bytes; XMLInputError (one line) for anything else."""
    # Open without blocking (a FIFO would otherwise wait for a writer for ever), then look at
    # what was opened, not at what the name pointed to a moment earlier.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except (FileNotFoundError, NotADirectoryError):
        raise XMLInputError(path, "no such file") from None
    except IsADirectoryError:
        raise XMLInputError(path, "is a directory, not an XML file") from None
    except PermissionError:
        raise XMLInputError(path, "permission denied: drafter cannot read this file") from None
    except OSError as err:
        raise XMLInputError(path, f"cannot open: {err.strerror or err}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise XMLInputError(path, "is a directory, not an XML file")
        if not stat.S_ISREG(info.st_mode):
            raise XMLInputError(path, "not a regular file (a device, pipe or socket?)")
        if info.st_size > MAX_BYTES:
            raise _too_big(path, info.st_size)
        f = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with f:
        try:
            # the size is known: asking for MAX_BYTES would allocate that much up front
            data = f.read(info.st_size + 1)
            if len(data) > info.st_size:  # it grew while we read it
                data += f.read(MAX_BYTES + 1 - len(data))
            return data
        except OSError as err:
            raise XMLInputError(path, f"cannot read: {err.strerror or err}") from None


def parse_file(path: str | os.PathLike[str]) -> etree._ElementTree:
    """Read and parse one file safely; every failure is an XMLInputError with its place."""
    return parse_bytes(read_file(path), path)


def require_akn_root(tree: etree._ElementTree, path: str | os.PathLike[str]) -> etree._Element:
    """The root must be ``<akomaNtoso>`` in the Akoma Ntoso 3.0 namespace."""
    root = tree.getroot()
    if root.tag != akn("akomaNtoso"):
        qname = etree.QName(root)
        found = f"<{qname.localname}>" + (
            f" in namespace {qname.namespace}" if qname.namespace else ""
        )
        if qname.localname == "akomaNtoso":
            found += f" (Akoma Ntoso 3.0 is {AKN_NS})"
        raise XMLInputError(
            path,
            f"not Akoma Ntoso: root element is {found}, expected <akomaNtoso>",
            _sourceline(root) or 1,
            1,
        )
    return root


def detach(node: etree._Element) -> None:
    """Take a node out of its tree, leaving its tail text where it stood."""
    parent = node.getparent()
    if parent is None:
        return
    tail = node.tail
    if tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    node.tail = None
    parent.remove(node)
