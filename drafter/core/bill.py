"""A bill over its lxml tree: metadata, provisions, citations and the print.

Thin properties over the XML, no parallel object tree: a :class:`Provision` is a view of one
element, made when asked for. Text of *another* Act quoted in an amending clause
(``quotedStructure``) is not part of this bill's provision tree; the quotation itself is.
"""

from __future__ import annotations

import copy
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from drafter.core.akn import AKN, UKL_NS, XHTML_NS
from drafter.core.errors import UserError
from drafter.core.etree import etree
from drafter.core.print import cache as print_cache
from drafter.core.print.lines import Line
from drafter.core.print.printed import Print, read_print
from drafter.core.print.reading import printed_text as _text
from drafter.core.provisions import (
    NUMBERED_STEPS,
    child_provisions,
    first_child,
    kind_of,
    normalise_num,
    provision_tree,
    provisions_of_kind,
)
from drafter.core.xml import XMLInputError, parse_bytes, read_file, require_akn_root

if TYPE_CHECKING:
    from drafter.core.outline import Outline


class CitationError(UserError, LookupError):
    """A citation that names nothing in this bill, with what the bill does have."""


@dataclass(frozen=True, eq=False)
class Provision:
    """A view of one provision element of a bill."""

    bill: Bill
    element: etree._Element

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Provision) and other.element is self.element

    def __hash__(self) -> int:
        return id(self.element)

    @property
    def kind(self) -> str:
        return kind_of(self.element) or "element"

    @property
    def eid(self) -> str:
        return self.element.get("eId", "")

    @property
    def guid(self) -> str:
        return self.element.get("GUID", "")

    @property
    def num(self) -> str:
        """The number label as printed: "(2)", "Schedule 2", "5"."""
        return _text(self.element.find(AKN + "num"))

    @property
    def number(self) -> str:
        """The bare number: "2", "5A", "aa"; "" for an unnumbered provision."""
        return normalise_num(self.num)

    @property
    def heading(self) -> str:
        return _text(self.element.find(AKN + "heading"))

    @property
    def text(self) -> str:
        """The provision's words as printed, on one line."""
        return _text(self.element)

    @property
    def term(self) -> str:
        """For a definition, the term defined."""
        return _text(self.element.find(f".//{AKN}def")).strip("“”")

    @property
    def citation(self) -> str:
        return self.bill.citation_of(self.element)

    @property
    def in_quotation(self) -> bool:
        """True for provisions of another Act quoted in an amending clause."""
        return any(a.tag == AKN + "quotedStructure" for a in self.element.iterancestors())

    def children(self) -> list[Provision]:
        """The provisions directly under this one (through intro/content wrappers)."""
        if self.element.tag == AKN + "quotedStructure":
            return []
        return [Provision(self.bill, el) for el in child_provisions(self.element)]

    def lines(self) -> list[Line]:
        """The printed lines this provision occupies."""
        return self.bill.lines_of(self.element)


@dataclass(frozen=True)
class Metadata:
    title: str
    bill_number: str
    house: str  # "House of Lords"; for a devolved legislature, the legislature
    stage: str
    session: str

    @property
    def sections(self) -> bool:
        """Does this legislature call a bill's provisions sections (the Scottish Parliament,
        the Senedd), rather than clauses (Westminster)?"""
        return self.house in _SECTIONS_LEGISLATURES


#: Legislatures whose bills have sections; LawMaker names them as the bill's author.
_SECTIONS_LEGISLATURES = frozenset({"Scottish Parliament", "Senedd Cymru", "Welsh Parliament"})


def _legislature(author: str) -> str:
    """The legislature a bill's author names, when it is one with no Houses."""
    return author if author in _SECTIONS_LEGISLATURES else ""


def same_name(a: str, b: str) -> bool:
    """Two bill numbers or titles that say the same ("HL Bill 60", "HL bill  60";
    "Renters' Rights Bill", "the Renters’ Rights Bill")."""

    def norm(text: str) -> str:
        text = text.replace("\u2019", "'").casefold().replace("[hl]", "")
        text = " ".join(text.split())
        return text.removeprefix("the ")

    return norm(a) == norm(b)


def reads_as_bill_number(text: str) -> bool:
    """Does ``text`` read as the Houses number their bills ("HL Bill 120", "Bill 286",
    "Bill 286-I")?"""
    return re.fullmatch(r"(HL )?Bill \d+[A-Z]?(-[IVX]+)?", " ".join(text.split())) is not None


class _Tree(NamedTuple):
    """A bill's parsed tree, and the elements every lookup starts from."""

    tree: etree._ElementTree
    root: etree._Element
    document: etree._Element
    body: etree._Element | None


def _tree(tree: etree._ElementTree, path: str | os.PathLike[str]) -> _Tree:
    root = require_akn_root(tree, path)
    doc = next((c for c in root if isinstance(c.tag, str)), None)
    if doc is None:
        raise XMLInputError(path, "not a bill: <akomaNtoso> is empty", 1, 1)
    return _Tree(tree, root, doc, doc.find(AKN + "body"))


def _bill_tree(tree: etree._ElementTree, path: str | os.PathLike[str]) -> _Tree:
    """:func:`_tree` of a tree that must be a bill's, with a body."""
    found = _tree(tree, path)
    if found.body is None:
        local = etree.QName(found.document).localname
        raise XMLInputError(
            path,
            f"not a bill: <{local}> has no <body> (is this an amendment paper?)",
            found.document.sourceline or 1,
            1,
        )
    return found


class _Unparsed:
    """A bill file's bytes, parsed when first needed (once, whichever thread asks first). It
    holds nothing of the bill's, so the print can ask it for the body without a reference
    cycle."""

    def __init__(self, data: bytes, path: str) -> None:
        self._data = data
        self._path = path
        self._parsed: _Tree | None = None
        self._lock = threading.Lock()

    @property
    def parsed(self) -> _Tree:
        with self._lock:
            if self._parsed is None:
                self._parsed = _bill_tree(parse_bytes(self._data, self._path), self._path)
                self._data = b""  # the tree holds it now
            return self._parsed

    def body(self) -> etree._Element | None:
        return self.parsed.body


class Bill:
    """A bill read from Akoma Ntoso XML, with its print.

    A bill read from a file whose print drafter has kept (see :mod:`drafter.core.print.cache`)
    is parsed only when something needs its tree: its print, metadata and outline come from
    the cache (those bytes were parsed and checked when the print was kept). A bill read from
    a file stands for that file's bytes: change a copy of its tree (as apply does), never the
    tree itself, or what the cache keeps for the file would not be what the file says."""

    def __init__(
        self, tree: etree._ElementTree | _Unparsed, path: str | os.PathLike[str] = "<bill>"
    ):
        self.path = str(path)
        self._indexes: dict[str, dict[str, etree._Element]] = {}
        #: where the print cache keeps this bill's print and outline (a bill read from a file)
        self._cache_place: Path | None = None
        #: the print of the tree this bill's is a copy of (see :meth:`edited_copy`)
        self._copied_print: Print | None = None
        if isinstance(tree, _Unparsed):
            self._unparsed: _Unparsed | None = tree
        else:
            self._unparsed = None
            self.tree, self.root, self.document, self.body = _tree(tree, path)

    # the tree of a bill read before, parsed on first use
    @cached_property
    def tree(self) -> etree._ElementTree:
        return self._parsed().tree

    @cached_property
    def root(self) -> etree._Element:
        return self._parsed().root

    @cached_property
    def document(self) -> etree._Element:
        return self._parsed().document

    @cached_property
    def body(self) -> etree._Element | None:
        return self._parsed().body

    def _parsed(self) -> _Tree:
        assert self._unparsed is not None, "a bill made from a tree has its tree"
        return self._unparsed.parsed

    # --- loading ---------------------------------------------------------------------------

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Bill:
        """Read and index a bill file; XMLInputError (with the place) for anything unusable."""
        return cls.from_bytes(read_file(path), path)

    @classmethod
    def from_bytes(cls, data: bytes, path: str | os.PathLike[str] = "<bill>") -> Bill:
        place = print_cache.entry(data)
        if place.is_file():  # read before: parsed when something needs the tree
            bill = cls(_Unparsed(data, str(path)), path)
        else:
            bill = cls(parse_bytes(data, path), path)
            bill.require_body()
        bill._cache_place = place
        return bill

    def require_body(self) -> None:
        if self.body is None:
            _bill_tree(self.tree, self.path)  # says why

    @cached_property
    def _kept(self) -> print_cache.Cached | None:
        """What the print cache keeps for a bill read before (None for any other bill, or
        when the entry is damaged: then it is read from the tree and kept again)."""
        if self._unparsed is None or self._cache_place is None:
            return None
        return print_cache.load(self._cache_place)

    # --- metadata --------------------------------------------------------------------------

    @cached_property
    def _references(self) -> dict[str, str]:
        kept = self._kept
        if kept is not None:
            return kept.references
        refs = self.document.find(f"{AKN}meta/{AKN}references")
        if refs is None:
            return {}
        return {el.get("eId", ""): el.get("showAs", "").strip() for el in refs}

    @cached_property
    def _doc_title(self) -> str:
        kept = self._kept
        if kept is not None:
            return kept.doc_title
        # the cover comes before the body: found there, the body (most of the tree) is not
        # searched; else the first in the document, as before
        for part in self.document:
            if part is self.body:
                break
            found = part.find(f".//{AKN}docTitle")
            if found is not None:
                return _text(found)
        return _text(self.document.find(f".//{AKN}docTitle"))

    @cached_property
    def metadata(self) -> Metadata:
        r = self._references
        title = r.get("varBillTitle", "") or self._doc_title
        return Metadata(
            title=title,
            bill_number=r.get("varBillNo", ""),
            house=r.get("varHouse", "") or _legislature(r.get("varAuthor", "")),
            stage=r.get("varStageVersion", ""),
            session=r.get("varSession", ""),
        )

    @property
    def title(self) -> str:
        return self.metadata.title

    # --- provisions ------------------------------------------------------------------------

    def provisions(self) -> Iterator[Provision]:
        """Every provision of this bill in document order (quotations as leaves)."""
        if self.body is None:
            return
        for el in provision_tree(self.body)[0]:
            yield Provision(self, el)

    def of_kind(self, kind: str) -> list[Provision]:
        """The provisions of one kind, in document order, as :meth:`provisions` lists them."""
        if self.body is None:
            return []
        return [Provision(self, el) for el in provisions_of_kind(self.body, kind)]

    @property
    def clauses(self) -> list[Provision]:
        return self.of_kind("clause")

    @property
    def schedules(self) -> list[Provision]:
        return self.of_kind("schedule")

    @property
    def parts(self) -> list[Provision]:
        """The bill's own Parts (not Parts of Schedules)."""
        return [p for p in self.of_kind("part") if _schedule_of(p.element) is None]

    def _top_level(self, kind: str) -> dict[str, etree._Element]:
        """Clauses or Schedules of this bill by lower-cased number (not quoted ones)."""
        index = self._indexes.get(kind)
        if index is None:
            index = {_num(p.element).lower(): p.element for p in self.of_kind(kind)}
            self._indexes[kind] = index
        return index

    def provision(self, element: etree._Element) -> Provision:
        return Provision(self, element)

    def by_eid(self, eid: str) -> Provision | None:
        """The element with this eId (indexed on first use)."""
        el = self._eid_index.get(eid)
        return Provision(self, el) if el is not None else None

    @cached_property
    def _eid_index(self) -> dict[str, etree._Element]:
        index: dict[str, etree._Element] = {}
        for el in self.root.iter(AKN + "*"):
            eid = el.get("eId")
            if eid is not None:
                index.setdefault(eid, el)
        return index

    # --- citations -------------------------------------------------------------------------

    def citation_of(
        self, element: etree._Element, memo: dict[etree._Element, str] | None = None
    ) -> str:
        """The citation a drafter would write for a provision: "Clause 5(2)(a)",
        "Schedule 2, paragraph 3(1)(b)", "Part 2, Chapter 1", "Clause 1(3), definition of
        “strike price”". For an element that is not a provision, its provision's citation.

        ``memo`` keeps the citations worked out (a provision's builds on its parent's), for
        many citations of a tree that does not change meanwhile."""
        el: etree._Element | None = element
        while el is not None and kind_of(el) is None:
            el = el.getparent()
        if el is None or el is self.body:
            return ""
        quotation = _outermost_quotation(el)
        if quotation is not None and quotation is not el:
            el = quotation
        return _citation(self, el, memo)

    def find(self, citation: str) -> Provision:
        """Resolve a citation to its provision; CitationError saying what is missing."""
        return Provision(self, _resolve(self, citation))

    def edited_copy(self) -> Bill:
        """A bill of a deep copy of this one's tree, to edit (as apply does). What was read
        of this print, the way back from its text to the XML above all, is carried over to
        the copy rather than read again."""
        tree = copy.deepcopy(self.tree)
        made = Bill(tree, self.path)
        known = self.__dict__.get("print")
        if known is not None:
            carried = known.for_copy(self.tree, tree)
            if carried is not None:
                made.__dict__["print"] = carried
            else:  # read again for the way back to the XML, but its lines are these
                made._copied_print = known
        return made

    # --- the print -------------------------------------------------------------------------

    def print_to_edit(self) -> Print:
        """:attr:`print`, with the way back from its text to the XML read in the same pass
        (what editing the bill needs: one read of the tree, not two) if it is read here."""
        if "print" not in self.__dict__ and (self._kept is None or self._unparsed is None):
            self.__dict__["print"] = read_print(self.body, pieces=True, like=self._copied_print)
        return self.print

    @cached_property
    def print(self) -> Print:
        """Every printed line of the bill (from its markers, or laid out by drafter). A bill
        read from a file keeps its print in the cache for next time."""
        kept, unparsed = self._kept, self._unparsed
        if kept is not None and unparsed is not None:
            text, lines, source, spans, _, _ = kept
            pr = Print.kept(text, lines, unparsed.body, source, spans)
            pr.kept_at = self._cache_place
            return pr
        pr = read_print(self.body)
        place = self._cache_place
        if place is not None and pr.source != "none":
            print_cache.save(
                place,
                pr.text,
                pr.line_columns(),
                pr.source,
                pr.span_column(),
                self._references,
                self._doc_title,
            )
            pr.kept_at = place
        return pr

    @cached_property
    def outline(self) -> Outline:
        """The bill's provisions as columns (see :mod:`drafter.core.outline`): from the cache
        for a bill read from a file whose outline was worked out before."""
        from drafter.core.outline import Outline, outline_of  # 4 ms to import: when asked

        place = self._cache_place
        if place is not None:
            kept = Outline.from_columns(print_cache.load_beside(place, ".outline"))
            if kept is not None:
                return kept
        made = outline_of(self)
        if place is not None and made.kind:
            print_cache.save_beside(place, ".outline", made.columns())
        return made

    @property
    def lines(self) -> list[Line]:
        return self.print.lines

    def lines_of(self, element: etree._Element) -> list[Line]:
        """The printed lines on which ``element``'s text stands."""
        span = self.span_of(element)
        if span is None:
            return []
        start, end = span
        pr = self.print
        if not pr.lines:
            return []
        first = pr.index_of(pr.line_at(start))
        last = pr.index_of(pr.line_at(max(start, end - 1)))
        return pr.lines[first : last + 1]

    def span_of(self, element: etree._Element) -> tuple[int, int] | None:
        """(start, end) offsets of ``element``'s printed text in ``print.text``."""
        return self.print.span_of(element)


def _outermost_quotation(el: etree._Element) -> etree._Element | None:
    """The outermost quotation holding ``el`` (``el`` itself if it is one), or None."""
    quoted = AKN + "quotedStructure"
    found = el if el.tag == quoted else None
    for ancestor in el.iterancestors(quoted):  # nearest first: the last is the outermost
        found = ancestor
    return found


def _schedule_of(el: etree._Element) -> etree._Element | None:
    for a in el.iterancestors(AKN + "hcontainer"):
        if a.get("name") == "schedule":
            return a
    return None


def _num(el: etree._Element) -> str:
    return normalise_num(_text(first_child(el, AKN + "num")))


def _provision_parent(bill: Bill, el: etree._Element) -> etree._Element | None:
    node = el.getparent()
    while node is not None and node is not bill.body:
        if kind_of(node):
            return node
        node = node.getparent()
    return None


def _ordinal_among(
    parent: etree._Element | None, el: etree._Element, kind: str, bill: Bill
) -> tuple[int, int]:
    """(position of ``el`` among its parent's provisions of ``kind``, how many there are)."""
    scope = parent if parent is not None else bill.body
    assert scope is not None
    same = [c for c in child_provisions(scope) if kind_of(c) == kind]
    return next(i for i, c in enumerate(same, 1) if c is el), len(same)


def _citation(bill: Bill, el: etree._Element, memo: dict[etree._Element, str] | None = None) -> str:
    if memo is None:
        return _citation_of(bill, el, None)
    found = memo.get(el)
    if found is None:
        found = memo[el] = _citation_of(bill, el, memo)
    return found


def _citation_of(bill: Bill, el: etree._Element, memo: dict[etree._Element, str] | None) -> str:
    kind = kind_of(el)
    parent = _provision_parent(bill, el)
    if kind == "schedules":
        return "Schedules"
    if kind == "schedule":
        number = _num(el)
        return f"Schedule {number}" if number else "Schedule"
    if kind == "clause":
        return f"{_clause_word(bill)} {_num(el)}"
    if kind in ("part", "chapter"):
        label = f"{kind.capitalize()} {_num(el)}"
        container = _container_citation(bill, parent, memo)
        return f"{container}, {label}" if container else label
    if kind == "crossheading":
        first = _first_numbered(el)
        container = _container_citation(bill, parent, memo)
        if first is not None and kind_of(first) == "clause":
            return f"crossheading before {_clause_word(bill)} {_num(first)}"
        if first is not None:
            return f"{container}, crossheading before paragraph {_num(first)}"
        heading = _text(el.find(AKN + "heading"))
        return (
            f"{container}, crossheading “{heading}”" if container else f"crossheading “{heading}”"
        )
    number = _num(el) if kind in NUMBERED_STEPS else ""
    if number:
        base = _citation(bill, parent, memo) if parent is not None else ""
        parent_kind = kind_of(parent) if parent is not None else None
        if parent_kind in NUMBERED_STEPS or parent_kind == "clause":
            return f"{base}({number})"
        if kind == "paragraph" and parent_kind in ("schedule", "part", "chapter", "crossheading"):
            sched = _container_citation(bill, parent, memo)
            return f"{sched}, paragraph {number}"
        return f"{base}, {kind} {number}" if base else f"{kind} {number}"
    # definitions, quotations, tables, unnumbered paragraphs: by their place in the parent
    base = _citation(bill, parent, memo) if parent is not None else ""
    if kind == "definition":
        label = f"definition of “{_term(el)}”"
    else:
        label = kind or "element"
        index, count = _ordinal_among(parent, el, label, bill)
        if count > 1:
            label = f"{label} {index}"
    return f"{base}, {label}" if base else label


def _clause_word(bill: Bill) -> str:
    """What the bill's legislature calls its top-level provisions: a Scottish bill has
    sections, a Westminster bill clauses."""
    return "Section" if bill.metadata.sections else "Clause"


def _container_citation(
    bill: Bill, el: etree._Element | None, memo: dict[etree._Element, str] | None = None
) -> str:
    """Citation of the Part/Chapter/Schedule that numbers live in (skipping crossheadings)."""
    while el is not None and kind_of(el) == "crossheading":
        el = _provision_parent(bill, el)
    if el is None or kind_of(el) == "schedules":
        return ""
    return _citation(bill, el, memo)


# --- resolving citations -------------------------------------------------------------------

_STEPS = re.compile(r"\(([^()]+)\)")
_NUMBERED = re.compile(
    r"^(?P<kind>clause|section|schedule|part|chapter|paragraph)\s*(?P<num>[0-9A-Z]*)"
    r"(?P<steps>(?:\s*\([^()]+\))*)$",
    re.IGNORECASE,
)
_BY_POSITION = re.compile(r"^(quoted structure|table|unnumbered paragraph)(?:\s+(\d+))?$")
_BARE_CLAUSE = re.compile(r"[0-9]+[A-Z]*(\s*\([^()]+\))*", re.IGNORECASE)
_PAGE_LINE = re.compile(
    r"^\s*(?:p(?:age)?\.?\s*)?(\d+)\s*"
    r"(?:[:/,\-]\s*(?:l(?:ine)?\.?\s*)?|l(?:ine)?\.?\s*|\s+)"
    r"(\d+)\s*$",
    re.IGNORECASE,
)


def page_and_line(text: str) -> tuple[int, int] | None:
    """A page and line as a user types them: "12:7", "12/7", "page 12, line 7", "p12 l7" ->
    (12, 7); None for anything else (a citation, say)."""
    match = _PAGE_LINE.match(text)
    return (int(match.group(1)), int(match.group(2))) if match else None


def _resolve(bill: Bill, citation: str) -> etree._Element:
    """Walk a citation down the bill, one comma-separated step at a time."""
    text = " ".join(citation.replace("\u00a0", " ").split())
    if not text:
        raise CitationError("empty citation")
    assert bill.body is not None
    if _BARE_CLAUSE.fullmatch(text):
        text = "Clause " + text
    scope = bill.body
    context = ""
    for step in _split(text):
        scope = _step(bill, scope, step, context)
        context = f"{context}, {step}" if context else step
    return scope


def _step(bill: Bill, scope: etree._Element, step: str, context: str) -> etree._Element:
    low = step.lower()
    where = context or bill.path
    if low == "schedules":
        found = next((e for e in _within(scope, "schedules")), None)
        if found is None:
            raise CitationError(f"{where} has no Schedules")
        return found
    if low.startswith("crossheading before "):
        target = _step(bill, scope, step[len("crossheading before ") :], context)
        return _crossheading_before(bill, target)
    if low.startswith("crossheading “"):
        heading = step[len("crossheading “") :].rstrip("”")
        for e in child_provisions(scope):
            if kind_of(e) == "crossheading" and _text(e.find(AKN + "heading")) == heading:
                return e
        raise CitationError(f"{where} has no {step}")
    if low.startswith("definition of"):
        term = step[len("definition of") :].strip().strip('“”"')
        for e in _walk_unquoted(scope):
            if kind_of(e) == "definition" and _term(e) == term:
                return e
        raise CitationError(f"{where} has no {step}")
    by_position = _BY_POSITION.match(low)
    if by_position:
        kind, index = by_position.group(1), int(by_position.group(2) or 1)
        same = [c for c in child_provisions(scope) if kind_of(c) == kind]
        if not 1 <= index <= len(same):
            raise CitationError(f"{where} has no {step}")
        return same[index - 1]
    return _numbered(bill, scope, step, context)


def _numbered(bill: Bill, scope: etree._Element, step: str, context: str) -> etree._Element:
    """ "Clause 5(2)(a)", "Schedule 2", "Part 1", "paragraph 3(1)(b)" within ``scope``."""
    m = _NUMBERED.match(step)
    if not m:
        raise CitationError(
            f"cannot read citation “{step}”: expected e.g. “Clause 5(2)(a)”, "
            "“Schedule 2, paragraph 3(1)(b)” or “Part 2”"
        )
    kind = {"section": "clause"}.get(m.group("kind").lower(), m.group("kind").lower())
    number = m.group("num")
    if kind in ("clause", "schedule"):  # numbered throughout the bill, whatever the Part
        index = bill._top_level(kind)
        if number.lower() not in index:
            if kind == "clause":  # as the bill's legislature cites it, whatever was typed
                kind = _clause_word(bill).lower()
                step = f"{_clause_word(bill)} {number}{m.group('steps')}"
            hint = _range_hint(kind, [_num(e) for e in index.values()], number)
            raise CitationError(f"there is no {step} in {bill.path}{hint}")
        el = index[number.lower()]
    else:
        candidates = list(_within(scope, kind))
        found = [e for e in candidates if _num(e).lower() == number.lower()]
        if not found:
            hint = _range_hint(kind, [_num(e) for e in candidates], number)
            raise CitationError(f"there is no {step} in {context or bill.path}{hint}")
        if len(found) > 1:
            raise CitationError(
                f"{step} is ambiguous in {context or bill.path}: "
                f"{len(found)} provisions have that number"
            )
        el = found[0]
    for number in _STEPS.findall(m.group("steps")):
        el = _numbered_child(bill, el, number.strip())
    return el


def _split(text: str) -> list[str]:
    """Split a citation on commas that are not inside quotation marks."""
    return [p.strip() for p in re.split(r",(?![^“]*”)", text) if p.strip()]


def _term(definition: etree._Element) -> str:
    return _text(definition.find(f".//{AKN}def")).strip("“”")


def _walk_unquoted(scope: etree._Element) -> Iterator[etree._Element]:
    for child in child_provisions(scope):
        yield child
        if child.tag != AKN + "quotedStructure":
            yield from _walk_unquoted(child)


_GROUPINGS = frozenset({"part", "chapter", "crossheading", "schedules"})


def _within(scope: etree._Element, kind: str) -> Iterator[etree._Element]:
    """Provisions of ``kind`` under ``scope``, looking through Parts, Chapters and
    crossheadings but not into numbered provisions (a clause's paragraph (a) is not a
    Schedule's paragraph 1)."""
    for child in child_provisions(scope):
        child_kind = kind_of(child)
        if child_kind == kind:
            yield child
        if child_kind in _GROUPINGS:
            yield from _within(child, kind)


def _range_hint(kind: str, have: list[str], wanted: str = "") -> str:
    """What a bill has of ``kind``, for a citation of ``wanted`` it does not have: the first
    and last, and, when ``wanted`` would stand between two (a clause left out, or numbered
    15A), those two ("it has clauses 1 to 44; 15A is followed by 17")."""
    if not have:
        return f" (it has no {kind}s)"
    if len(have) == 1:
        return f" (it has only {kind} {have[0] or '(unnumbered)'})"
    said = f"it has {kind}s {have[0]} to {have[-1]}"
    key = _number_key(wanted)
    if key is not None:
        keys = [_number_key(n) for n in have]
        later = next((i for i, k in enumerate(keys) if k is not None and k > key), None)
        if later is not None and later > 0:
            said += f"; {have[later - 1]} is followed by {have[later]}"
    return f" ({said})"


def _number_key(number: str) -> tuple[int, str] | None:
    """A plain number's place in order ("15" < "15A" < "16"); None for any other."""
    m = re.fullmatch(r"(\d+)([A-Za-z]*)", number)
    return (int(m.group(1)), m.group(2).upper()) if m else None


def _numbered_child(bill: Bill, el: etree._Element, number: str) -> etree._Element:
    kids = [c for c in child_provisions(el) if kind_of(c) in NUMBERED_STEPS]
    for c in kids:
        if _num(c) == number:
            return c
    have = [f"({_num(c)})" for c in kids if _num(c)]
    hint = f" (it has {', '.join(have)})" if have else " (it has no numbered subdivisions)"
    raise CitationError(f"{_citation(bill, el)} has no ({number}){hint}")


def _crossheading_before(bill: Bill, target: etree._Element) -> etree._Element:
    for a in target.iterancestors():
        if kind_of(a) == "crossheading":
            if _first_numbered(a) is target:
                return a
            break
    raise CitationError(f"no crossheading stands immediately before {_citation(bill, target)}")


def _first_numbered(crossheading: etree._Element) -> etree._Element | None:
    return next(
        (c for c in crossheading.iter() if kind_of(c) in ("clause", "paragraph") and _num(c)),
        None,
    )


def load(path: str | os.PathLike[str]) -> Bill:
    """Load a bill file (see :meth:`Bill.load`)."""
    return Bill.load(Path(path))


__all__ = [
    "UKL_NS",
    "XHTML_NS",
    "Bill",
    "CitationError",
    "Metadata",
    "Provision",
    "kind_of",
    "load",
    "page_and_line",
]
