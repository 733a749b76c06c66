"""Akoma Ntoso as drafter reads and writes it, in one place: the namespaces, the Clark names of
its elements, and how LawMaker shapes provisions (the element, class and name for each kind of
unit, and the eId prefixes it numbers them with), so that apply (new provisions in a bill) and
paper (new clauses on an amendment paper) write the same XML."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
UKL_NS = "https://www.legislation.gov.uk/namespaces/UK-AKN"
XHTML_NS = "http://www.w3.org/1999/xhtml"
#: formulas in a bill (the Renters' Rights Bill's new section 4A(6))
MATHML_NS = "http://www.w3.org/1998/Math/MathML"
#: drafter's own record of what amendments did to a bill (see drafter.core.apply)
PROVENANCE_NS = "urn:drafter:provenance"
NS = {"akn": AKN_NS, "ukl": UKL_NS, "html": XHTML_NS}
#: the Clark prefix of Akoma Ntoso elements: ``AKN + "section"`` is ``{ns}section``
AKN = f"{{{AKN_NS}}}"
#: the Clark prefix of LawMaker's own attributes: ``UKL + "startQuote"``
UKL = f"{{{UKL_NS}}}"
#: a table's cells and rows, as LawMaker writes them (XHTML inside ``<foreign>``) or in
#: Akoma Ntoso's own table
CELL_TAGS = frozenset(ns + t for ns in (AKN, f"{{{XHTML_NS}}}") for t in ("td", "th"))
ROW_TAGS = frozenset(ns + "tr" for ns in (AKN, f"{{{XHTML_NS}}}"))


def akn(local: str) -> str:
    """Clark name of an Akoma Ntoso element: ``akn("section")`` -> ``{ns}section``."""
    return AKN + local


#: kind -> (element, class, hcontainer name)
ELEMENTS: dict[str, tuple[str, str, str]] = {
    "section": ("section", "prov1", ""),
    "subsection": ("subsection", "prov2", ""),
    "paragraph": ("paragraph", "schProv1", ""),
    "subparagraph": ("subparagraph", "schProv2", ""),
    "level": ("level", "para1", ""),
    "part": ("part", "group2", ""),
    "chapter": ("chapter", "group4", ""),
    "crossheading": ("hcontainer", "group7", "crossheading"),
    "definition": ("hcontainer", "definition", "definition"),
    "schedule": ("hcontainer", "sch", "schedule"),
}
#: kind -> eId prefix, as in a bill ("sec_5__subsec_2", "sched_1__para_3")
EID_PREFIX: dict[str, str] = {
    "section": "sec",
    "subsection": "subsec",
    "paragraph": "para",
    "subparagraph": "subpara",
    "part": "pt",
    "chapter": "chp",
    "crossheading": "xhdg",
    "definition": "def",
    "schedule": "sched",
}
#: depth of a ``level`` -> eId prefix: (a) para, (i) subpara, (A) subsubpara
LEVEL_EID: dict[int, str] = {1: "para", 2: "subpara", 3: "subsubpara"}
#: a roman number in brackets: "(iv)", "(xii)"
ROMAN = re.compile(r"\((?=[ivxl]+\))(?:x{0,3})(?:ix|iv|v?i{0,3})\)")

# The House's numbering: what a unit's number says it can be.
_BARE_NUM = re.compile(r"[0-9]+[A-Z]*|[A-Z]{1,2}[0-9]+[A-Z]*")
_SUBSECTION_NUM = re.compile(r"\([A-Z]{0,2}[0-9]+[A-Z]*\)")
_LETTER_NUM = re.compile(r"\([a-z]+\)")
_CAPITAL_NUM = re.compile(r"\([A-Z]+\)")
#: letters that are roman numerals too: (i) after (h), (v) after (u), (x) after (w)
_LETTER_OR_ROMAN = frozenset({"(i)", "(v)", "(x)"})


def unit_kinds(num: str) -> frozenset[str]:
    """What a unit numbered ``num`` can be: "12", "5A" or "A1" a clause (section) or a
    Schedule paragraph; "(2)", "(2A)" or "(A1)" (put in before (1)) a subsection or
    sub-paragraph; "(c)" a paragraph (level1), "(iv)" a sub-paragraph (level2), "(i)", "(v)"
    and "(x)" either, as what stands before them says; "(A)" a level3. Nothing for "( )" or
    no number: those take the kind of where they stand."""
    if _BARE_NUM.fullmatch(num):
        return frozenset({"section", "paragraph"})
    if _SUBSECTION_NUM.fullmatch(num):
        return frozenset({"subsection", "subparagraph"})
    if num in _LETTER_OR_ROMAN:
        return frozenset({"level1", "level2"})
    if ROMAN.fullmatch(num):
        return frozenset({"level2"})
    if _LETTER_NUM.fullmatch(num):
        return frozenset({"level1"})
    if _CAPITAL_NUM.fullmatch(num):
        return frozenset({"level3"})
    return frozenset()


def eid_part(text: str) -> str:
    """A number or term as it stands in an eId: letters and digits only ("(2A)" -> "2A")."""
    return re.sub(r"[^A-Za-z0-9]", "", text)


class Ids:
    """The eIds and GUIDs of the elements drafter writes, one rule for all of them.

    eIds are unique in the document: a repeat gets LawMaker's ``__oc_N``. GUIDs depend only
    on ``seed`` and the element's eId (or, for an element without one, the order it was made
    in), so that writing the same thing twice gives the same bytes; one that happens to be
    taken already gets another, so no two elements of a document share one."""

    def __init__(self, seed: str, eids: Iterable[str] = (), guids: Iterable[str] = ()) -> None:
        self.used = set(eids)
        self.guids = set(guids)
        self.namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"drafter:{seed}")
        self.made = 0

    def eid(self, wanted: str) -> str:
        eid, n = wanted, 0
        while eid in self.used:
            n += 1
            eid = f"{wanted}__oc_{n}"
        self.used.add(eid)
        return eid

    def guid(self, eid: str | None = None) -> str:
        if eid is None:
            self.made += 1
            eid = f"#{self.made}"
        guid, n = f"_{uuid.uuid5(self.namespace, eid)}", 0
        while guid in self.guids:
            n += 1
            guid = f"_{uuid.uuid5(self.namespace, f'{eid}#{n}')}"
        self.guids.add(guid)
        return guid
