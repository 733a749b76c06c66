"""How LawMaker shapes provisions in Akoma Ntoso: the element, class and name for each kind
of unit, and the eId prefixes it numbers them with. One table, so that apply (new provisions
in a bill) and paper (new clauses on an amendment paper) write the same XML."""

from __future__ import annotations

import re

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
