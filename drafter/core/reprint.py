"""Reprint: renumber a bill as the House does at reprint, and lay it out afresh.

After agreed amendments are applied the House reprints the bill: new clauses get their
numbers, later clauses, subsections and paragraphs are renumbered, cross-references follow,
and the bill gets new page and line numbers. :func:`renumber` does the numbering on a copy of
the tree and returns what changed as data (:class:`Renumbering`); :func:`reprint` renumbers
and then lays the copy out with fresh ``<?L page-line?>`` markers
(:func:`drafter.core.print.markers.lay_out_markers`) so that the new print can be cited.

What is renumbered, in document order, skipping anything not printed (text inside ``<del>``,
elements marked removed — see :func:`is_removed`). Provisions that :mod:`drafter.core.apply`
left out are no longer in the body (they are kept in ``meta`` as ``drafter:removed``
records): those records are history and are left exactly as they are.

- clauses (``section``) 1, 2, … through the whole bill, whatever their Part;
- Schedules 1, 2, …; a bill with a single Schedule calls it "Schedule" (eId ``sched``);
- Parts of the bill 1, 2, …; Parts of a Schedule afresh in each Schedule; Chapters afresh in
  each Part;
- Schedule paragraphs 1, 2, … through the whole Schedule (across its Parts);
- subsections and Schedule sub-paragraphs (1), (2), …; paragraphs (``level`` ``para1``)
  (a), (b), …; sub-paragraphs (``para2``) (i), (ii), …; ``para3`` (A), (B), …; ``para4``
  (I), (II), … — each afresh under its parent.

Letters after (z) continue (za), (zb), … (zz), then (zza), … (and (Z), (ZA), … in capitals):
LawMaker keeps (aa) for a paragraph *inserted* after (a), so a reprint never prints (aa) for
the 27th paragraph, and a number that follows (z) sorts after it. (No House rule for 27 or
more paragraphs was found; this convention is drafter's and is the one place to change.)

Text quoted from another Act (``quotedStructure``) keeps its own numbering; only the prefix
of its eIds follows its container. Crossheadings keep their eIds (LawMaker's ``xhdg_N`` are
not kept in step with clause numbers in real prints either), apart from the prefix of a
renumbered Part or Chapter.

eIds follow LawMaker's scheme: ``sec_5``, ``sec_5__subsec_2__para_a__subpara_i``,
``sched_1__para_3__subpara_1``, ``pt_1__chp_2``, ``sched_2__pt_1``. A numbered element whose
number and parent are unchanged keeps its eId exactly (LawMaker's ``__oc_N`` suffixes
included), so renumbering a print that needs nothing is the identity. Every other element's
eId (headings ``__hdg``, ``__intro``, ``__wrapup``, definitions ``__def_…``, quoted
structures ``__qstr`` and everything inside them, table cells' ``akn:eId``) keeps its own
part and takes its renumbered ancestor's new eId as prefix. Clashes are resolved with
``__oc_N``. GUIDs never change.

Cross-references: every ``href``/``from``/``upTo`` of the form ``#eId`` (``ref``, ``rref``,
``mref`` children, ``tocItem``) and ``ukl:aliasDefinitionId`` follows its target's new eId; a
stale ``href`` is repaired through ``ukl:targetGuid`` (``ukl:fromGuid``/``ukl:upToGuid``).
The visible words of a ``ref`` follow when they state the target's number as a token:
"section 12" → "section 13", "subsection (2A)" → "subsection (3)", "12(3)(a)" → "13(3)(a)".
The number in a contents entry (``tocNum``) follows its provision. References that could not
be followed are listed in :attr:`Renumbering.problems`.

The print's metadata (bill number, stage) is left alone: the number of a new print is the
House's to assign.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from drafter.core.akn import AKN, AKN_NS, PROVENANCE_NS, UKL
from drafter.core.etree import etree
from drafter.core.print.markers import lay_out_markers
from drafter.core.print.printed import Print
from drafter.core.provisions import kind_of
from drafter.core.xml import detach

#: Namespace of drafter's provenance attributes (``drafter:amendment="NC1"``).

_D = f"{{{PROVENANCE_NS}}}"
_EID = "eId"
_AKN_EID = f"{AKN}eId"
_QSTR = AKN + "quotedStructure"
_DEL = AKN + "del"
_NUM = AKN + "num"
_ANOTE = AKN + "authorialNote"
_META = AKN + "meta"
_SCHEDULE = "schedule"


# --- the data -------------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberChange:
    """One provision whose number changed (or that got its first number)."""

    kind: str  # "clause", "subsection", "paragraph", "schedule", "part" …
    guid: str
    old_number: str  # bare: "5A", "2A", "aa", "" for "( )" or an empty num
    new_number: str  # bare: "6", "3", "b"
    old_citation: str
    new_citation: str
    old_eid: str
    new_eid: str


@dataclass(frozen=True)
class ReferenceProblem:
    """A cross-reference that renumbering could not (entirely) follow."""

    href: str
    words: str
    reason: str
    line: int  # source line of the reference in the input, 0 if unknown
    place: str = ""  # the provision it stands in, as the reprint cites it ("Clause 48(4)")

    def __str__(self) -> str:
        where = f"{self.place}: " if self.place else f"line {self.line}: " if self.line else ""
        return f"{where}reference “{self.words}” ({self.href}): {self.reason}"


@dataclass(frozen=True)
class Renumbering:
    """What :func:`renumber` did, as data."""

    #: old citation → new citation, for every provision whose citation changed
    citations: dict[str, str] = field(default_factory=dict)
    #: old eId → new eId, for every element whose eId changed
    eids: dict[str, str] = field(default_factory=dict)
    #: provisions whose own number changed, in document order
    changes: tuple[NumberChange, ...] = ()
    #: how many references (href/from/upTo/words/contents entries) were updated
    references_updated: int = 0
    #: references whose words or target renumbering could not follow
    problems: tuple[ReferenceProblem, ...] = ()
    #: references that were already broken in the input (no such eId, no such GUID; or an
    #: href and a GUID that disagree): reported, left as they were
    dangling: tuple[ReferenceProblem, ...] = ()
    #: citations of the first provision of each group left with its numbers because they
    #: are not in the House's style for that level (amending words laid out as structure)
    left_alone: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.changes or self.eids)


# --- numbering styles -----------------------------------------------------------------------


def letters(n: int, alphabet: str) -> str:
    """1 → a … 26 → z, 27 → za … 52 → zz, 53 → zza … (see the module docstring)."""
    prefix = ""
    while n > 26:
        prefix += alphabet[-1]
        n -= 26
    return prefix + alphabet[n - 1]


_ROMAN = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]


def roman(n: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


_LOWER = "abcdefghijklmnopqrstuvwxyz"
_UPPER = _LOWER.upper()


def _style(n: int, style: str) -> str:
    if style == "arabic":
        return str(n)
    if style == "alpha":
        return letters(n, _LOWER)
    if style == "ALPHA":
        return letters(n, _UPPER)
    if style == "roman":
        return roman(n)
    return roman(n).upper()


#: level classes that are numbered, with their style and eId abbreviation
_LEVELS = {
    "para1": ("alpha", "para"),
    "para2": ("roman", "subpara"),
    "para3": ("ALPHA", "subsubpara"),
    "para4": ("ROMAN", "subsubsubpara"),
}


# --- what is printed ------------------------------------------------------------------------


def is_removed(element: etree._Element) -> bool:
    """True for an element that the next print does not show: inside ``<del>``, or marked
    removed (``status="removed"``, ``drafter:removed``, ``drafter:status="removed"``)."""
    for el in _self_and_ancestors(element):
        if el.tag == _DEL:
            return True
        if el.get("status") == "removed" or el.get(_D + "status") == "removed":
            return True
        if el.get(_D + "removed") not in (None, "", "false", "no"):
            return True
    return False


def _self_and_ancestors(el: etree._Element) -> Iterator[etree._Element]:
    node: etree._Element | None = el
    while node is not None:
        yield node
        node = node.getparent()


#: the elements :func:`_marked_removed` is true of, found by libxml2 in one pass
_ALL_MARKED_REMOVED = etree.XPath(
    "descendant-or-self::akn:del | descendant-or-self::*[@status='removed'"
    " or @d:status='removed' or (@d:removed and not(@d:removed='' or @d:removed='false'"
    " or @d:removed='no'))]",
    namespaces={"akn": AKN_NS, "d": PROVENANCE_NS},
)


def _all_marked_removed(root: etree._Element) -> list[etree._Element]:
    """Every element under ``root`` (itself included) marked removed, in document order."""
    return _ALL_MARKED_REMOVED(root)  # type: ignore[no-any-return]


_WITH_GUID = etree.XPath("descendant-or-self::*[@GUID or @akn:GUID]", namespaces={"akn": AKN_NS})


def _marked_removed(el: etree._Element) -> bool:
    if el.tag == _DEL:
        return True
    if el.get("status") == "removed" or el.get(_D + "status") == "removed":
        return True
    return el.get(_D + "removed") not in (None, "", "false", "no")


# --- text segments (text and tails, skipping <del>, notes and markers) ----------------------


def _segments(el: etree._Element) -> list[tuple[etree._Element, str]]:
    """The text slots of ``el``'s printed words in order, as (node, "text"|"tail")."""
    out: list[tuple[etree._Element, str]] = [(el, "text")]

    def walk(node: etree._Element) -> None:
        for child in node:
            if isinstance(child.tag, str) and child.tag not in (_DEL, _ANOTE):
                out.append((child, "text"))
                walk(child)
            out.append((child, "tail"))

    walk(el)
    return out


def _get(node: etree._Element, slot: str) -> str:
    return (node.text if slot == "text" else node.tail) or ""


def _set(node: etree._Element, slot: str, value: str) -> None:
    if slot == "text":
        node.text = value
    else:
        node.tail = value


def _words(el: etree._Element) -> str:
    return "".join(_get(n, s) for n, s in _segments(el))


def _replace_span(el: etree._Element, start: int, end: int, new: str) -> None:
    """Replace characters [start, end) of ``_words(el)`` with ``new``, in place, keeping
    every child (markers, ``<ins>``) where it is."""
    pos = 0
    placed = False
    for node, slot in _segments(el):
        value = _get(node, slot)
        a, b = pos, pos + len(value)
        pos = b
        if b <= start and not (a == b == start and not placed and start == end):
            continue
        if a >= end and placed:
            break
        lo, hi = max(start, a) - a, min(end, b) - a
        if lo > len(value):
            continue
        if not placed:
            _set(node, slot, value[:lo] + new + value[hi:])
            placed = True
        else:
            _set(node, slot, value[:lo] + value[hi:])
    if not placed:  # empty element
        el.text = (el.text or "") + new


# --- the numbering plan ---------------------------------------------------------------------


@dataclass(eq=False)
class _Numbered:
    """One numbered provision of the bill: its numbers before and after."""

    element: etree._Element
    kind: str
    abbr: str  # eId abbreviation: sec, sched, pt, chp, para, subsec, subpara, …
    old: str  # bare number as printed before ("5A", "aa", "")
    new: str  # bare number after
    label: str  # printed label after: "6", "(b)", "Schedule 2", "Part 1"
    eid_parent: etree._Element | None  # whose eId is the prefix of this one's
    head: bool  # cited bare ("Clause 5", "paragraph 3", "Part 2"), not in brackets
    num_parent: _Numbered | None  # the provision above in the citation chain
    old_citation: str = ""
    new_citation: str = ""
    old_words: str = ""  # the num's words before, as printed
    renumber: bool = True  # False: keeps its number (not printed, or not the House's style)
    printed: bool = True


_TOP_LABEL = {"part": "Part", "chapter": "Chapter", "schedule": "Schedule"}
_NUM_PREFIX = re.compile(r"^(?:part|chapter|schedule|section|clause)\s*", re.IGNORECASE)


def _bare(label: str) -> str:
    label = _NUM_PREFIX.sub("", " ".join(label.split()))
    return label.strip().strip("()").strip()


def _num_words(el: etree._Element) -> str:
    num = el.find(_NUM)
    return " ".join(_words(num).split()) if num is not None else ""


def _term(definition: etree._Element) -> str:
    d = definition.find(f".//{AKN}def")
    return " ".join(_words(d).split()).strip("“”") if d is not None else ""


def _children(el: etree._Element) -> Iterator[etree._Element]:
    """Provisions directly under ``el`` (through intro/content/p wrappers), not into
    quotations, notes or tables."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in (_ANOTE, _META, _NUM, _DEL):
            continue
        if kind_of(child):
            yield child
        elif tag != AKN + "heading" and not tag.endswith("}table"):
            yield from _children(child)


class _Planner:
    """Decides every provision's new number, walking the body once."""

    def __init__(self, body: etree._Element) -> None:
        self.body = body
        self.plan: dict[etree._Element, _Numbered] = {}
        self.counters: dict[tuple[object, ...], int] = {}
        self.styles: dict[tuple[object, ...], bool] = {}
        self.words: dict[etree._Element, str] = {}
        self.left_alone: list[etree._Element] = []
        schedules = [
            el
            for el in body.iter(AKN + "hcontainer")
            if el.get("name") == _SCHEDULE and not _quoted(el) and not is_removed(el)
        ]
        self.single_schedule = len(schedules) == 1

    def run(self) -> dict[etree._Element, _Numbered]:
        self._visit(self.body, None, None, None, None, "")
        return self.plan

    def _in_style(self, key: tuple[object, ...], el: etree._Element, style: str) -> bool:
        """Whether the group ``el`` belongs to is numbered in the House's style for its
        level (or is new, "( )"). A group numbered otherwise — amending words laid out as
        structure, "(b)" standing alone among sub-paragraphs — is text, and keeps its
        numbers."""
        verdict = self.styles.get(key)
        if verdict is None:
            owner = key[1]
            assert isinstance(owner, etree._Element)
            members = _group(owner, el.tag, el.get("class", ""))
            pattern = _STYLE_PATTERNS[style]
            verdict = all(
                pattern.fullmatch(number) is not None
                for number in (
                    _bare(self.words.get(m) or _num_words(m))
                    for m in members
                    if not _marked_removed(m)
                )
                if number
            )
            self.styles[key] = verdict
            if not verdict and members:
                self.left_alone.append(members[0])
        return verdict

    def _count(self, key: tuple[object, ...]) -> int:
        n = self.counters.get(key, 0) + 1
        self.counters[key] = n
        return n

    def _visit(
        self,
        container: etree._Element,
        schedule: etree._Element | None,
        part: etree._Element | None,
        chapter_scope: etree._Element | None,
        parent: _Numbered | None,
        base_citation: str,  # citation prefix for steps that are not numbered ("…, definition")
    ) -> None:
        for child in _children(container):
            kind = kind_of(child)
            if child.tag == _QSTR or kind is None:
                continue
            numbered = self._number(child, kind, schedule, part, chapter_scope, parent)
            if numbered is None:  # crossheading, definition, table, unnumbered paragraph
                if kind == "definition":
                    base = parent.new_citation if parent else base_citation
                    old_base = parent.old_citation if parent else base_citation
                    term = _term(child)
                    self._visit_definition(child, schedule, parent, base, old_base, term)
                    continue
                self._visit(child, schedule, part, chapter_scope, parent, base_citation)
                continue
            self.plan[child] = numbered
            if not numbered.printed:  # not printed: what it holds keeps its numbers
                continue
            if kind == "schedule":
                self._visit(child, child, None, child, None, "")
            elif kind == "part":
                self._visit(child, schedule, child, child, None, "")
            elif kind == "chapter":
                self._visit(child, schedule, part, child, None, "")
            else:
                self._visit(child, schedule, part, chapter_scope, numbered, "")

    def _visit_definition(
        self,
        definition: etree._Element,
        schedule: etree._Element | None,
        parent: _Numbered | None,
        base: str,
        old_base: str,
        term: str,
    ) -> None:
        # paragraphs of a definition are numbered under the definition
        for child in _children(definition):
            kind = kind_of(child)
            if child.tag == _QSTR or kind is None:
                continue
            numbered = self._number(child, kind, schedule, None, None, None, scope=definition)
            if numbered is None:
                self._visit(child, schedule, None, None, parent, base)
                continue
            numbered.old_citation = (
                f"{old_base}, definition of “{term}”, paragraph ({numbered.old})"
            )
            numbered.new_citation = f"{base}, definition of “{term}”, paragraph ({numbered.new})"
            self.plan[child] = numbered
            self._visit(child, schedule, None, None, numbered, "")

    def _number(
        self,
        el: etree._Element,
        kind: str,
        schedule: etree._Element | None,
        part: etree._Element | None,
        chapter_scope: etree._Element | None,
        parent: _Numbered | None,
        scope: etree._Element | None = None,
    ) -> _Numbered | None:
        tag = el.tag
        words = _num_words(el)
        self.words[el] = words
        old = _bare(words)
        printed = not _marked_removed(el)
        head = True
        style = "arabic"
        eid_parent: etree._Element | None = None
        if kind == "clause":
            key: tuple[object, ...] = ("clause",)
            abbr = "sec"
        elif kind == "schedule":
            key, abbr = ("schedule",), "sched"
        elif kind == "part":
            key, abbr, eid_parent = ("part", schedule), "pt", schedule
        elif kind == "chapter":
            scope_el = part if part is not None else schedule
            key, abbr, eid_parent = ("chapter", scope_el), "chp", scope_el
        elif tag == AKN + "paragraph" and schedule is not None and parent is None:
            key, abbr, eid_parent = ("schpara", schedule), "para", schedule
        elif tag in (AKN + "subsection", AKN + "subparagraph", AKN + "paragraph"):
            owner = scope if scope is not None else (parent.element if parent else None)
            if owner is None:
                return None
            abbr = {"subsection": "subsec", "subparagraph": "subpara"}.get(
                etree.QName(el).localname, "para"
            )
            key, eid_parent, head = (abbr, owner), owner, False
        elif tag == AKN + "level" and el.get("class", "") in _LEVELS:
            owner = scope if scope is not None else (parent.element if parent else None)
            if owner is None:
                return None
            style, abbr = _LEVELS[el.get("class", "")]
            key, eid_parent, head = (abbr, owner), owner, False
        else:
            return None
        renumber = printed and (head or self._in_style(key, el, style))
        if renumber:
            n = self._count(key)
            new = _style(n, style)
        else:
            new = old
        if kind == "schedule":
            new = "" if self.single_schedule and printed else new
            label = f"Schedule {new}".strip()
        elif kind in _TOP_LABEL:
            label = f"{_TOP_LABEL[kind]} {new}"
        elif head:
            label = new
        else:
            label = f"({new})"
        numbered = _Numbered(
            el,
            kind,
            abbr,
            old,
            new,
            label,
            eid_parent,
            head,
            parent,
            renumber=renumber,
            printed=printed,
        )
        numbered.old_words = words
        numbered.old_citation, numbered.new_citation = self._citations(numbered, schedule, part)
        return numbered

    def _citations(
        self, n: _Numbered, schedule: etree._Element | None, part: etree._Element | None
    ) -> tuple[str, str]:
        def top(el: etree._Element | None, which: str) -> str:
            if el is None:
                return ""
            m = self.plan.get(el)
            return (m.old_citation if which == "old" else m.new_citation) if m else ""

        def sched_and_part(which: str, with_part: bool) -> str:
            bits = [top(schedule, which)]
            if with_part and part is not None:
                bits.append(top(part, which))
            return ", ".join(b for b in bits if b)

        out = []
        for which, number in (("old", n.old), ("new", n.new)):
            if n.kind == "clause":
                out.append(f"Clause {number}")
            elif n.kind == "schedule":
                out.append(f"Schedule {number}".strip())
            elif n.kind == "part":
                container = top(schedule, which)
                text = f"Part {number}"
                out.append(f"{container}, {text}" if container else text)
            elif n.kind == "chapter":
                container = sched_and_part(which, True)
                text = f"Chapter {number}"
                out.append(f"{container}, {text}" if container else text)
            elif n.head:  # a Schedule paragraph
                container = top(schedule, which)
                out.append(f"{container}, paragraph {number}" if container else number)
            else:
                p = n.num_parent
                base = (p.old_citation if which == "old" else p.new_citation) if p else ""
                out.append(f"{base}({number})")
        return out[0], out[1]


#: the numbers (bare) that belong to each style, inserted ones ("2A", "aa", "ia") included
_STYLE_PATTERNS = {
    "arabic": re.compile(r"[A-Z]*[0-9]+[A-Z]*"),
    "alpha": re.compile(r"[a-z]+"),
    "ALPHA": re.compile(r"[A-Z]+"),
    "roman": re.compile(r"(?![cdlm]$)[ivxlcdm]+[a-z]*"),
    "ROMAN": re.compile(r"(?![CDLM]$)[IVXLCDM]+[A-Z]*"),
}


def _group(owner: etree._Element, tag: object, cls: str) -> list[etree._Element]:
    """The provisions numbered together with those of ``tag``/``cls`` under ``owner``."""
    out: list[etree._Element] = []

    def walk(el: etree._Element) -> None:
        for child in _children(el):
            if child.tag == tag and child.get("class", "") == cls:
                out.append(child)
            elif kind_of(child) in ("crossheading", "unnumbered paragraph"):
                walk(child)

    walk(owner)
    return out


def _numbered_in(el: etree._Element) -> list[etree._Element]:
    return [n.getparent() for n in el.iter(_NUM) if n.getparent() is not el]  # type: ignore[misc]


def _words_unnumbered(el: etree._Element) -> str:
    """A provision's words without its own number, and without spaces (which the layout of
    its XML puts between elements as it likes)."""
    kept = (c for c in el if isinstance(c.tag, str) and c.tag != _NUM)
    return "".join("".join("".join(c.itertext()) for c in kept).split())


def _in_record(el: etree._Element) -> bool:
    """Inside one of drafter's own records (``drafter:removed`` in meta)."""
    return any(isinstance(a.tag, str) and a.tag.startswith(_D) for a in el.iterancestors())


def _quoted(el: etree._Element) -> bool:
    return any(a.tag == _QSTR for a in el.iterancestors())


def _left_out_quoted(el: etree._Element) -> bool:
    """Was ``el``, kept in drafter's record, quoted text (another Act's provision, which keeps
    its number whatever the bill does)? Its old eId says, by Akoma Ntoso's naming
    convention ("sec_24__subsec_3__qstr__sec_199A")."""
    eid = el.get(_D + "eId") or ""
    return _quoted(el) or any(part.split("_")[0] == "qstr" for part in eid.split("__"))


# --- eIds -----------------------------------------------------------------------------------


def _eid_attr(el: etree._Element) -> str | None:
    if el.get(_EID) is not None:
        return _EID
    if el.get(_AKN_EID) is not None:
        return _AKN_EID
    return None


class _Renamer:
    """Computes every element's new eId in one document-order walk."""

    def __init__(self, root: etree._Element, plan: dict[etree._Element, _Numbered]) -> None:
        self.root = root
        self.plan = plan
        self.old: dict[etree._Element, str] = {}
        self.new: dict[etree._Element, str] = {}
        self.used: set[str] = set()
        #: eIds that printed provisions will take: not printed ones must keep clear of them
        self.reserved: set[str] = set()
        self.write = True
        self.removed = set(_all_marked_removed(root))
        #: elements given an eId that the next print does not show
        self.hidden: set[etree._Element] = set()

    def run(self) -> None:
        if any(not n.printed for n in self.plan.values()):
            # a dry run first, so that what is printed gets the plain eIds
            self.write = False
            self._walk(self.root, [], False)
            self.reserved = {e for el, e in self.new.items() if el not in self.hidden}
            self.old.clear()
            self.new.clear()
            self.used.clear()
            self.write = True
        self._walk(self.root, [], False)

    def _walk(self, el: etree._Element, changed: list[tuple[str, str]], hidden: bool) -> None:
        if isinstance(el.tag, str) and el.tag.startswith(_D):
            return  # drafter's records (removed provisions kept in meta): history, left alone
        hidden = hidden or el in self.removed
        attr = _eid_attr(el)
        old = el.get(attr) if attr else None
        numbered = self.plan.get(el)
        new: str | None = None
        if numbered is not None:
            new = self._numbered_eid(numbered, old)
        elif old is not None:
            new = old
            for prefix_old, prefix_new in reversed(changed):
                if old.startswith(prefix_old + "__"):
                    new = prefix_new + old[len(prefix_old) :]
                    break
        if new is not None:
            if hidden:
                self.hidden.add(el)
            new = self._unique(new, hidden)
            if old is not None:
                self.old[el] = old
            self.new[el] = new
            if old != new and self.write:
                el.set(attr or _EID, new)
        pushed = 0
        if old is not None and new is not None and old != new:
            changed.append((old, new))
            pushed += 1
            if old.endswith("_") and new.endswith("_"):  # definitions: "…__def_term_"
                changed.append((old.rstrip("_"), new.rstrip("_")))
                pushed += 1
        for child in el:
            if isinstance(child.tag, str):
                self._walk(child, changed, hidden)
        for _ in range(pushed):
            changed.pop()

    def _prefix(self, parent: etree._Element | None) -> tuple[str, str]:
        """(old, new) eId prefix given by ``parent`` ("" for the top level)."""
        if parent is None:
            return "", ""
        old = self.old.get(parent, parent.get(_EID, ""))
        new = self.new.get(parent, old)
        if parent.get("name") == "definition":
            return old.rstrip("_"), new.rstrip("_")
        return old, new

    def _numbered_eid(self, n: _Numbered, old: str | None) -> str:
        old_prefix, new_prefix = self._prefix(n.eid_parent)
        join_old = old_prefix + "__" if old_prefix else ""
        join_new = new_prefix + "__" if new_prefix else ""
        if old is not None and n.old == n.new and old.startswith(join_old):
            return join_new + old[len(join_old) :]  # number unchanged: keep its own part
        if not n.renumber and old is not None:
            return join_new + old[len(join_old) :] if old.startswith(join_old) else old
        token = re.sub(r"[^0-9A-Za-z]", "", n.new)
        local = f"{n.abbr}_{token}" if token else n.abbr
        return join_new + local

    def _unique(self, eid: str, hidden: bool) -> str:
        if hidden and not self.write:
            return eid  # the dry run only asks what printed provisions take
        taken = self.used if not hidden else self.used | self.reserved
        if eid not in taken:
            self.used.add(eid)
            return eid
        k = 1
        while f"{eid}__oc_{k}" in taken:
            k += 1
        eid = f"{eid}__oc_{k}"
        self.used.add(eid)
        return eid


# --- numbers in <num> -----------------------------------------------------------------------


def _set_num(n: _Numbered) -> None:
    el = n.element
    num = el.find(_NUM)
    if num is None:
        num = etree.Element(_NUM)
        el.insert(0, num)
        num.tail = el.text
        el.text = None
    words = _words(num)
    core = words.strip()
    if core == n.label:
        return
    start = len(words) - len(words.lstrip())
    _replace_span(num, start, start + len(core), n.label)


# --- references -----------------------------------------------------------------------------

_REF_TAGS = frozenset({AKN + "ref", AKN + "rref", AKN + "tocItem", AKN + "noteRef"})
#: on a reference to a provision an amendment left out: the href it had, and the amendment
_CITED, _LEFT_OUT_BY = _D + "cited", _D + "leftOutBy"
_GUID_ATTRS = {"href": UKL + "targetGuid", "from": UKL + "fromGuid", "upTo": UKL + "upToGuid"}


class _References:
    def __init__(
        self,
        root: etree._Element,
        plan: dict[etree._Element, _Numbered],
        renamer: _Renamer,
        sourcelines: dict[etree._Element, int],
    ) -> None:
        self.root = root
        self.plan = plan
        self.renamer = renamer
        self.sourcelines = sourcelines
        self.by_old: dict[str, etree._Element] = {}
        for el, old in renamer.old.items():
            self.by_old.setdefault(old, el)
        self._by_guid: dict[str, etree._Element] | None = None
        self.updated = 0
        self.problems: list[ReferenceProblem] = []
        self.dangling: list[ReferenceProblem] = []

    @cached_property
    def moved(self) -> dict[etree._Element, etree._Element]:
        """Each provision an amendment left out (kept in drafter's record) that another put
        in again word for word elsewhere, and the provisions inside it, to where they now
        stand: a clause moved is left out and inserted as a new clause, and a reference to
        it follows it, as the House's reprint has it ("Schedule 1 — Section 27")."""
        moved: dict[etree._Element, etree._Element] = {}
        left_out: dict[tuple[str, str], etree._Element] = {}
        for holder in self.root.iter(_D + "removed"):
            for el in holder:
                if isinstance(el.tag, str):
                    left_out.setdefault((str(el.tag), _words_unnumbered(el)), el)
        if left_out:
            for el in self.root.iter(*{tag for tag, _ in left_out}):
                if el.get(_D + "amendment") is None or _in_record(el):
                    continue
                gone = left_out.pop((str(el.tag), _words_unnumbered(el)), None)
                if gone is None:
                    continue
                moved[gone] = el
                # the numbered provisions inside, in order (what else is inside differs:
                # references and markup an amendment's words do not carry)
                inner = [_numbered_in(gone), _numbered_in(el)]
                if len(inner[0]) == len(inner[1]):
                    moved.update(zip(*inner, strict=True))
        return moved

    @cached_property
    def left_out(self) -> dict[str, etree._Element]:
        """The provisions amendments left out, kept in drafter's record, by the eId they had."""
        return {
            eid: el
            for holder in self.root.iter(_D + "removed")
            for el in holder.iter()
            if (eid := el.get(_D + "eId"))
        }

    @cached_property
    def moved_from(self) -> dict[etree._Element, etree._Element]:
        return {to: gone for gone, to in self.moved.items()}

    @property
    def by_guid(self) -> dict[str, etree._Element]:
        if self._by_guid is None:
            self._by_guid = {}
            for el in _WITH_GUID(self.root):
                guid = el.get("GUID") or el.get(AKN + "GUID")
                if guid:
                    self._by_guid.setdefault(guid, el)
        return self._by_guid

    def run(self) -> None:
        for el in self.root.iter(*_REF_TAGS):
            if _in_record(el):
                continue
            self._reference(el)
            alias = el.get(UKL + "aliasDefinitionId")
            if alias and alias in self.by_old:
                new = self.renamer.new.get(self.by_old[alias], alias)
                if new != alias:
                    el.set(UKL + "aliasDefinitionId", new)
                    self.updated += 1

    def _problem(
        self, el: etree._Element, href: str, reason: str, *, dangling: bool = False
    ) -> None:
        words = " ".join(_words(el).split())
        line = self.sourcelines.get(el, 0)
        place = next((self.plan[a].new_citation for a in el.iterancestors() if a in self.plan), "")
        problem = ReferenceProblem(href, words, reason, line, place)
        (self.dangling if dangling else self.problems).append(problem)

    def _target(self, el: etree._Element, attr: str) -> etree._Element | None:
        """The element ``el``'s ``attr`` ("#eId") points at, by eId, else by its GUID
        attribute; the attribute is updated to the target's new eId."""
        value = el.get(attr) or ""
        if not value.startswith("#") or value == "#":
            return None  # external, or a placeholder LawMaker left empty
        target = self.by_old.get(value[1:])
        guid = el.get(_GUID_ATTRS[attr], "") if attr in _GUID_ATTRS else ""
        if guid and (target is None or (target.get("GUID") or target.get(AKN + "GUID")) != guid):
            by_guid = self.by_guid.get(guid)
            if by_guid is not None and by_guid in self.moved:  # left out, put in elsewhere
                target = by_guid = self.moved[by_guid]
                if target.get("GUID"):
                    el.set(_GUID_ATTRS[attr], target.get("GUID", ""))
            if target is None:
                target = by_guid
            elif by_guid is not None:
                self._problem(
                    el,
                    value,
                    f"its {attr} and its GUID name different provisions; the {attr} was followed",
                    dangling=True,
                )
        if target is None:  # left out by an amendment (and perhaps put in elsewhere)?
            target = self.left_out.get(value[1:])
            target = self.moved.get(target, target) if target is not None else None
        if target is None:
            self._problem(el, value, "its target is not in the bill", dangling=True)
            return None
        new = self.renamer.new.get(target, value[1:])
        if "#" + new != value:
            el.set(attr, "#" + new)
            self.updated += 1
        return target

    def _reference(self, el: etree._Element) -> None:
        tag = el.tag
        if tag == AKN + "rref":
            first = self._target(el, "from")
            last = self._target(el, "upTo")
            has_refs = el.find(AKN + "ref") is not None
            if not has_refs:
                for target in (first, last):
                    if target is not None and self._chain_changed(target):
                        self._problem(el, el.get("from", ""), "its words were not updated")
            return
        if el.get(_LEFT_OUT_BY) is not None:  # found so by an earlier reprint
            self._left_out(el)
            return
        target = self._target(el, "href")
        if target is None:
            return
        gone = _in_record(target) and target not in self.moved
        if tag == AKN + "ref" and gone and not _left_out_quoted(target):
            holder = next(a for a in target.iterancestors() if a.tag == _D + "removed")
            # its eId names another provision in the reprint: the reference no longer points
            # at it, and says what it cited, for the drafter and for the next reprint
            el.set(_CITED, el.get("href", ""))
            el.set(_LEFT_OUT_BY, holder.get("amendment", "?"))
            el.set("href", "#")
            self._left_out(el)
            return
        if tag == AKN + "tocItem":
            self._toc_number(el, target)
        elif tag == AKN + "ref":
            self._words(el, target)

    def _left_out(self, ref: etree._Element) -> None:
        self._problem(
            ref,
            ref.get(_CITED, ""),
            f"what it cites was left out by amendment {ref.get(_LEFT_OUT_BY)}: its words "
            "still cite it",
        )

    def _old_number(self, n: _Numbered) -> str:
        """``n``'s number before, as references state it: for a provision moved (left out
        and put in again), the number it had where it was left out."""
        gone = self.moved_from.get(n.element)
        return _bare(_num_words(gone)) if gone is not None else n.old

    def _toc_number(self, item: etree._Element, target: etree._Element) -> None:
        n = self.plan.get(target)
        if n is None or n.old == n.new:
            return
        for inline in item.iter(AKN + "inline"):
            if inline.get("name") == "tocNum":
                words = _words(inline)
                core = words.strip()
                if core != n.label:
                    start = len(words) - len(words.lstrip())
                    _replace_span(inline, start, start + len(core), n.label)
                    self.updated += 1
                return

    def _chain(self, target: etree._Element) -> list[_Numbered]:
        n = self.plan.get(target)
        chain: list[_Numbered] = []
        while n is not None:
            chain.insert(0, n)
            if n.head:
                break
            n = n.num_parent
        return chain

    def _chain_changed(self, target: etree._Element) -> bool:
        return any(n.old != n.new for n in self._chain(target))

    def _words(self, ref: etree._Element, target: etree._Element) -> None:
        chain = self._chain(target)
        if not chain or all(n.old == n.new for n in chain):
            return
        text = _words(ref)
        head = chain[0]
        if head.kind == "schedule" and (not head.old or not head.new):
            if re.search(r"schedule", text, re.IGNORECASE):
                self._problem(
                    ref,
                    ref.get("href", ""),
                    f"the words cannot say “{head.label}” by changing a number",
                )
            return
        old = [self._old_number(n) if n.head else f"({self._old_number(n)})" for n in chain]
        new = [n.new if n.head else f"({n.new})" for n in chain]
        for i in range(len(chain)):
            pattern = re.escape("".join(old[i:]))
            if chain[i].head:
                pattern = r"(?<![0-9A-Za-z])" + pattern
            if not old[-1].endswith(")"):
                pattern += r"(?![0-9A-Za-z])"
            matches = list(re.finditer(pattern, text))
            if matches:
                match = matches[-1]
                replacement = "".join(new[i:])
                if match.group(0) != replacement:
                    _replace_span(ref, match.start(), match.end(), replacement)
                    self.updated += 1
                return
        if re.search(r"[0-9]|\([a-zA-Z]+\)", text):
            self._problem(
                ref,
                ref.get("href", ""),
                f"the words do not state the old number; the target is now "
                f"{chain[-1].new_citation}",
            )


# --- entry points ---------------------------------------------------------------------------


def renumber(tree: etree._ElementTree) -> tuple[etree._ElementTree, Renumbering]:
    """A renumbered copy of ``tree`` and what changed (see the module docstring). The input
    is not changed. Page/line markers are left where they were: lay the result out again
    (:func:`reprint`) before citing it by page and line."""
    sourcelines: dict[etree._Element, int] = {}
    new_tree = copy.deepcopy(tree)
    # remember source lines of the input's references, for the report
    for a, b in zip(
        tree.getroot().iter(*_REF_TAGS), new_tree.getroot().iter(*_REF_TAGS), strict=True
    ):
        sourcelines[b] = a.sourceline or 0
    root = new_tree.getroot()
    body = root.find(f".//{AKN}body")
    if body is None:
        return new_tree, Renumbering()
    planner = _Planner(body)
    plan = planner.run()
    renamer = _Renamer(root, plan)
    renamer.run()
    for n in plan.values():
        if n.renumber and n.old_words != n.label:
            _set_num(n)
    refs = _References(root, plan, renamer, sourcelines)
    refs.run()

    eids = {
        old: renamer.new[el] for el, old in renamer.old.items() if renamer.new.get(el, old) != old
    }
    changes = tuple(
        NumberChange(
            kind=n.kind,
            guid=n.element.get("GUID", ""),
            old_number=n.old,
            new_number=n.new,
            old_citation=n.old_citation,
            new_citation=n.new_citation,
            old_eid=renamer.old.get(n.element, ""),
            new_eid=renamer.new.get(n.element, ""),
        )
        for n in plan.values()
        if n.old != n.new
    )
    citations = {
        n.old_citation: n.new_citation
        for n in plan.values()
        if n.old and n.old_citation != n.new_citation
    }
    return new_tree, Renumbering(
        citations=citations,
        eids=eids,
        changes=changes,
        references_updated=refs.updated,
        problems=tuple(refs.problems),
        dangling=tuple(refs.dangling),
        left_alone=tuple(plan[el].new_citation for el in planner.left_alone if el in plan),
    )


def drop_removed(tree: etree._ElementTree) -> int:
    """Remove, in place, what the next print does not show: ``<del>`` text and elements
    marked removed (keeping the text that follows them). Returns how many were removed."""
    doomed = _all_marked_removed(tree.getroot())
    marked = set(doomed)
    outer = [el for el in doomed if not any(a in marked for a in el.iterancestors())]
    for el in outer:
        detach(el)
    return len(outer)


def reprinted(
    tree: etree._ElementTree, *, keep_deletions: bool = False, earlier: Print | None = None
) -> tuple[etree._ElementTree, Renumbering]:
    """The next print of a bill and what renumbering changed: renumbered, then laid out
    with new ``<?L?>`` markers; ``earlier``: the print it follows, whose lines and pages are
    kept where their words are (as the House reprints: see
    :mod:`drafter.core.print.earlier`), else laid out afresh.

    Deleted text (``<del>``, elements marked removed) is left out of the new print unless
    ``keep_deletions``; ``<ins>`` wrappers and provenance attributes are kept. The print's
    metadata (bill number, stage) is not touched here: :func:`name_print` gives the new
    print the number the House assigns. The input is not changed."""
    renumbered, report = renumber(tree)
    if not keep_deletions:
        drop_removed(renumbered)
    lay_out_markers(renumbered, earlier)
    return renumbered, report


def name_print(tree: etree._ElementTree, bill_number: str, version: str) -> None:
    """Give a reprint its own identity in LawMaker's references: the bill number the House
    gave it ("" until it has one: the old print's would be wrong), which print it is ("As
    amended in Grand Committee"), and the House whose print it is, as its number says (a
    bill brought from the Commons is printed as "HL Bill 80" by the Lords). A bill without
    such references is left as it is; so is a devolved legislature's."""
    digits = re.sub(r"\D", "", bill_number)
    values = {"varBillNo": bill_number, "varBillNoComp": digits, "varStageVersion": version}
    house = _numbered_by(bill_number)
    for ref in tree.getroot().iterfind(f".//{AKN}references/*"):
        key = ref.get("eId", "")
        value = values.get(key)
        if value is not None:
            ref.set("showAs", value)
        elif key == "varHouse" and house and ref.get("showAs") in _WESTMINSTER:
            ref.set("showAs", house)


_WESTMINSTER = ("House of Commons", "House of Lords")


def _numbered_by(bill_number: str) -> str:
    """The House that numbers its bills so: "HL Bill 80" the Lords, "Bill 286" the Commons
    ("" for any other number)."""
    words = bill_number.casefold().split()
    if words[:2] == ["hl", "bill"]:
        return "House of Lords"
    return "House of Commons" if words[:1] == ["bill"] else ""


def reprint(
    tree: etree._ElementTree, *, keep_deletions: bool = False, earlier: Print | None = None
) -> etree._ElementTree:
    """The next print of a bill (see :func:`reprinted`, which also says what changed)."""
    return reprinted(tree, keep_deletions=keep_deletions, earlier=earlier)[0]


__all__ = [
    "NumberChange",
    "ReferenceProblem",
    "Renumbering",
    "drop_removed",
    "is_removed",
    "name_print",
    "renumber",
    "reprint",
    "reprinted",
]
