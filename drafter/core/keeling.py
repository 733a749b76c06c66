"""Keeling schedules: the amendments a bill makes to an Act, found in the bill's own words.

A bill amends an Act in the same grammar an amendment paper amends a bill, with the Act's
vocabulary: "In section 212 of the Housing Act 2004, in subsection (1), for “shorthold”
substitute “assured”". Each provision of the bill is read with what the provisions above it
(and the ones before it in the same clause) have said: which Act ("Chapter 4 of Part 6 of the
Housing Act 2004 is amended as follows"), which section ("In section 212—") and which
subsection ("in subsection (1),"). Its own words then say what it does: insert, omit,
substitute or repeal, and where.

:func:`table_of_amendments` gives one :class:`KeelingRow` per change, as LawMaker's Keeling
research tables have them (``source``, ``source_eid``, ``type_of_amendment``,
``affected_provision``, ``location``, ``whole_provision``). A provision that amends the Act in a
way drafter cannot place is listed with its problem, never dropped. No model and no network:
the same bill and Act give the same table, and each row keeps the words that gave it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from lxml import etree

from drafter.core.akn import AKN
from drafter.core.bill import Bill
from drafter.core.errors import UserError
from drafter.core.paper.xml_text import words_of
from drafter.core.provisions import kind_of, normalise_num

#: how deep a provision of each kind stands under a section, and under a Schedule
_SECTION_LEVEL = {"subsection": 1, "paragraph": 2, "sub-paragraph": 3}
_SCHEDULE_LEVEL = {"paragraph": 1, "sub-paragraph": 2}
_LABEL = r"(?:\d+[A-Z]*|\([0-9A-Za-z]+\))(?:\([0-9A-Za-z]+\))*"
_LABELS = rf"{_LABEL}(?:\s*(?:,|and|or)\s*{_LABEL})*"
_KINDS = r"section|subsection|paragraph|sub-paragraph|Schedule|schedule"
#: a provision the words name: "section 212", "subsection (8)", "paragraph 2(2)",
#: "paragraphs (a) and (b)", "Schedule 1"
_NAMED = re.compile(rf"\b(?P<kind>{_KINDS})s?\s*(?P<labels>{_LABELS})", re.IGNORECASE)
_PLAIN_LABEL = re.compile(r"[0-9A-Za-z]+")
_UNIT_KINDS = ("subsection", "paragraph", "sub-paragraph", "sub-sub-paragraph")
#: an Act named: "the Housing Act 2004", "the Bankruptcy (Scotland) Act 2016"
_ACT_WORD = r"(?:[A-Z][A-Za-z’'-]*|\((?:Scotland|Wales|Northern\ Ireland)\)|and|of)"
_ACT = re.compile(rf"\b(?P<act>{_ACT_WORD}(?:,?\ {_ACT_WORD})*\ Act\ \d{{4}})", re.VERBOSE)
_QUOTE = r"“[^”]*”"
#: the groups of :data:`_OPERATION` that name a provision: its kind and numbers
_NAMED_GROUPS = (
    ("kind", "labels"),
    ("kind2", "labels2"),
    ("forkind", "forlabels"),
    ("omitkind", "omitlabels"),
)
#: what a provision does, in the order its words say it: each alternative one form
_OPERATION = re.compile(
    rf"""
      (?P<where>after|before) \s+
        (?: (?P<kind>{_KINDS})s? \s* (?P<labels>{_LABELS}) | {_QUOTE} ) [^“]*? \binsert\b
    | at\ the\ (?P<end>end|beginning)
        (?: \ of\ (?P<kind2>{_KINDS})s? \s* (?P<labels2>{_LABELS}) )? [^“]*? \binsert\b
    | at\ the\ appropriate\ place [^“]*? \binsert\b
    | \bfor \s+
        (?: (?P<forkind>{_KINDS})s? \s* (?P<forlabels>{_LABELS})
          | (?P<fortitle>the\ (?:title|heading|italic\ heading)\b [^“]*?)
          | {_QUOTE} (?: \ to\ (?:{_QUOTE}|the\ end[^“]*?) )? [^“]*?
          | the\ words [^“]*? (?:{_QUOTE})? [^“]*?
        ) \s* substitute\b
    | \bomit \s+
        (?: (?P<omitkind>{_KINDS})s? \s* (?P<omitlabels>{_LABELS})
          | {_QUOTE}
          | the\ (?:definition|words|entry|entries)\b )
    | \b(?:are|is)\ repealed\b
    | (?P<becomes>\b(?:title|heading)\b [^“]*? \bbecomes\b)
    """,
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class KeelingRow:
    """One amendment the bill makes to the Act."""

    source: str  # "s. 28(2)(a)", "para. 59 of schedule 2"
    source_eid: str
    type_of_amendment: str  # insertion, deletion, substitution
    affected_provision: str  # the Act's eId ("" when it could not be placed)
    location: str  # Before, After, Replace, Each_Place
    whole_provision: bool
    #: the bill's words that gave the row (--explain)
    words: str = ""
    #: why drafter could not place it in the Act ("" when it did)
    problem: str = ""
    #: the Act the bill's words amend
    act: str = ""

    def as_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "source_eid": self.source_eid,
            "type_of_amendment": self.type_of_amendment,
            "affected_provision": self.affected_provision,
            "location": self.location,
            "whole_provision": self.whole_provision,
        }


Path = tuple[tuple[str, str], ...]  # ("section", "212"), ("subsection", "1") …


class _ActIndex:
    """The Act's provisions by the path the bill's words give them: (("section", "212"),
    ("subsection", "1")) -> "sec_212__subsec_1"."""

    def __init__(self, act: Bill) -> None:
        self.eids: dict[Path, str] = {}
        self.elements: dict[str, etree._Element] = {}
        if act.body is not None:
            self._walk(act.body, ())
        self.by_labels: dict[tuple[str, ...], str] = {}
        for path, eid in self.eids.items():
            self.by_labels.setdefault(_labels_of(path), eid)

    def _walk(self, el: etree._Element, path: Path) -> None:
        for child in el:
            if not isinstance(child.tag, str) or child.tag == AKN + "quotedStructure":
                continue
            kind = kind_of(child)
            here = path
            num = child.find(AKN + "num")
            label = normalise_num(words_of(num, {})).lower() if num is not None else ""
            if kind in ("clause", "section") and label:
                here = (("section", label),)  # cited without its Part or Chapter
            elif kind == "schedule":
                here = (("schedule", label),)
            elif kind in _UNIT_KINDS and label:
                here = (*path, (kind, label))
            if here != path and child.get("eId"):
                self.eids.setdefault(here, child.get("eId", ""))
                self.elements.setdefault(child.get("eId", ""), child)
            self._walk(child, here)

    def find(self, path: Path) -> str:
        """The provision at ``path``, matched by its numbers: the kinds the words give
        (a "paragraph (2)" of a section that LawMaker holds as a level) are the bill's."""
        return self.by_labels.get(_labels_of(path), "")

    def holds(self, row: KeelingRow) -> bool:
        """Does the provision ``row`` changes hold the words the bill quotes from it (“for
        “£100” substitute …”)? Another Act's section 52(2) would not."""
        quoted = re.search(r"(?:for|omit|after|before)\s+“([^”]*)”", row.words)
        if quoted is None:
            return True
        return all(
            quoted.group(1) in " ".join(words_of(self.elements[eid], {}).split())
            for eid in row.affected_provision.split(",")
            if eid in self.elements
        )

    def heading(self, eid: str) -> str:
        """The eId of the heading of the provision ``eid`` (as LawMaker names it)."""
        return f"{eid}__hdg" if eid else ""


@dataclass
class _Clause:
    """What a clause (or a run of Schedule paragraphs under one heading) has said so far, for
    the provisions after it: the Act it amends, the Act it last named ("that Act"), and the
    section or Schedule it last named ("of that section")."""

    act: str = ""
    last_act: str = ""
    root: Path = ()


class _Reader:
    def __init__(self, act: Bill, bill: Bill) -> None:
        self.index = _ActIndex(act)
        self.bill = bill
        self.rows: list[KeelingRow] = []

    def read(self) -> list[KeelingRow]:
        for top in (*self.bill.clauses, *self.bill.schedules):
            if kind_of(top.element) != "schedule":
                self.provision(top.element, _Clause(), (), (), "")
                continue
            # a Schedule's paragraphs share what their heading and the paragraphs before
            # them said ("58 The Housing Act 2004 is amended as follows. 59 Omit section 75.")
            heading: etree._Element | None = None
            clause = _Clause()
            for para in _provisions(top.element):
                parent = para.getparent()
                if parent is not None and parent is not heading:
                    heading, clause = parent, _Clause()
                    named = _ACT.search(_heading_words(parent))
                    if named is not None:
                        clause.act = clause.last_act = _act_name(named)
                self.provision(para, clause, (), (), "")
        return self.rows

    def provision(
        self, el: etree._Element, clause: _Clause, path: Path, also: tuple[Path, ...], act: str
    ) -> None:
        """Read ``el``, in what the provisions above it said (``path``, ``also``, ``act``),
        then its units in what it says."""
        words = _own_words(el, self.bill)
        plain = _without_descriptions(words)
        act = self.act_of(plain, clause, act)
        path, also = self.path_of(plain, clause, path, also)
        ops = list(_OPERATION.finditer(plain))
        if ops and act:
            # words that name no section or Schedule are in the one the clause last named
            paths = tuple(p if _rooted(p) else clause.root + p for p in (path, *also))
            for op in ops:
                self.rows.append(replace(self.row(el, words, plain, op, paths), act=act))
        for child in _provisions(el):
            self.provision(child, clause, path, also, act)

    def act_of(self, words: str, clause: _Clause, above: str) -> str:
        """The Act the words are about: one they name, "that Act", the one the provisions
        above are about, or the one the clause said it amends."""
        named = _ACT.search(words)
        if named is not None:
            name = _act_name(named)
            clause.last_act = name
            if re.search(r"\bis (?:amended|modified)\b", words[named.end() :]):
                clause.act = name
            return name
        if "that Act" in words:
            return clause.last_act
        return above or clause.act

    def path_of(
        self, words: str, clause: _Clause, path: Path, also: tuple[Path, ...]
    ) -> tuple[Path, tuple[Path, ...]]:
        """The provision of the Act the words are in, and any others beside it ("in
        paragraphs (a) and (b)"): what they name before saying what they do ("In section
        212, in subsection (1), for …"). Words that name no section or Schedule are in the
        one the clause last named."""
        first = _OPERATION.search(words)
        lead = words[: first.start()] if first else words
        for named in _NAMED.finditer(lead):
            kind = named.group("kind").lower()
            labels = _labels(named.group("labels"))
            if len(labels) > 1 and kind not in ("paragraph", "sub-paragraph"):
                continue
            base = path if _rooted(path) else clause.root + path
            also = tuple(_descend(base, kind, label) for label in labels[1:])
            path = _descend(base, kind, labels[0])
        if _rooted(path):
            clause.root = path[:1]
        return path, also

    def row(
        self,
        el: etree._Element,
        words: str,
        plain: str,
        op: re.Match[str],
        paths: tuple[Path, ...],
    ) -> KeelingRow:
        text = op.group(0)
        kind, labels = next(
            ((op.group(k), op.group(n)) for k, n in _NAMED_GROUPS if op.group(k)), ("", "")
        )
        text = text.lower()
        if op.group("becomes"):
            type_, location = "substitution", "Replace"
        elif text.startswith(("after", "before")) or text.startswith("at the"):
            type_, location = "insertion", "After"
            if text.startswith("before") or op.group("end") == "beginning":
                location = "Before"
        elif text.startswith("for"):
            type_, location = "substitution", "Replace"
        else:
            type_, location = "deletion", "Replace"
        targets = list(paths)
        whole = False
        if kind:
            kind = kind.lower()
            targets = [_descend(paths[0], kind, label) for label in _labels(labels or "")]
            whole = kind in ("section", "schedule") and not text.startswith("at the")
        eids = [self.index.find(t) for t in targets]
        lead = plain[: op.start()].lower()
        heading = re.search(r"\bthe (?:title|heading)\b", lead)
        if op.group("fortitle") or op.group("becomes") or heading:
            eids = [self.index.heading(e) for e in eids]
        problem = ""
        if not all(eids):
            missing = ", ".join(_cited(t) for t, e in zip(targets, eids, strict=True) if not e)
            problem = f"the Act has no {missing or 'provision named'}"
        return KeelingRow(
            source=_source(self.bill.citation_of(el)),
            source_eid=el.get("eId", ""),
            type_of_amendment=type_,
            affected_provision=",".join(e for e in eids if e),
            location=location,
            whole_provision=whole,
            words=words,
            problem=problem,
        )


def _without_descriptions(words: str) -> str:
    """``words`` without the descriptions in brackets after a provision's number ("section 32
    (application under section 31: further procedure)"), which name other provisions; a
    bracketed number ("(1)", "(a)") stays."""
    out: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(words):
        if ch == "(":
            if depth == 0:
                start = i
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                group = words[start : i + 1]
                if " " in group.strip() and "“" not in group:
                    out.append(" ")
                else:
                    out.append(group)
        elif depth == 0:
            out.append(ch)
    if depth:
        out.append(words[start:])
    return re.sub(r" {2,}", " ", "".join(out)).replace(" ,", ",")


def _act_name(named: re.Match[str]) -> str:
    return re.sub(r"^(?:The|the) ", "", named.group("act"))


def _heading_words(el: etree._Element) -> str:
    heading = el.find(AKN + "heading")
    return "" if heading is None else " ".join(words_of(heading, {}).split())


def _labels(text: str) -> list[str]:
    """ "(a) and (b)" -> ["a", "b"]; "2(2)" -> ["2(2)"] (one provision, nested)."""
    parts = re.split(r"\s*(?:,|\band\b|\bor\b)\s*", text.strip())
    return [p for p in (q.strip() for q in parts) if p]


def _descend(path: Path, kind: str, label: str) -> Path:
    """``path`` narrowed to the provision the words name: a section or Schedule starts a new
    path; a subsection or paragraph replaces what stands at or below its depth."""
    first, *rest = _PLAIN_LABEL.findall(label) or [""]
    first = first.lower()
    if kind == "section":
        out: Path = (("section", first),)
        kinds = ["subsection", "paragraph", "sub-paragraph"]
    elif kind == "schedule":
        return (("schedule", first),)
    else:
        in_schedule = bool(path) and path[0][0] == "schedule"
        levels = _SCHEDULE_LEVEL if in_schedule and label[:1].isdigit() else _SECTION_LEVEL
        if in_schedule and not label[:1].isdigit():
            levels = {"paragraph": 3, "sub-paragraph": 4}
        depth = levels.get(kind, len(path))
        out = (*path[:depth], (kind, first))
        order = ["subsection", "paragraph", "sub-paragraph"]
        kinds = order[order.index(kind) + 1 :] if kind in order else []
        if in_schedule and label[:1].isdigit():
            kinds = ["sub-paragraph", "paragraph", "sub-paragraph"]
    for next_kind, part in zip(kinds, rest, strict=False):
        out = (*out, (next_kind, part.lower()))
    return out


def _rooted(path: Path) -> bool:
    """Does ``path`` start at a section or Schedule?"""
    return bool(path) and path[0][0] in ("section", "schedule")


def _labels_of(path: Path) -> tuple[str, ...]:
    """A path by its numbers alone, under its section or Schedule."""
    if not path:
        return ()
    (kind, label), *rest = path
    return (kind, label, *(number for _, number in rest))


def _cited(path: Path) -> str:
    return " ".join(f"{k} {v}" for k, v in path)


def _source(citation: str) -> str:
    """The bill's citation as the tables give it: "Clause 28(2)(a)" -> "s. 28(2)(a)",
    "Schedule 2, paragraph 61(a)" -> "para. 61(a) of schedule 2"."""
    if citation.startswith("Clause "):
        return "s. " + citation.removeprefix("Clause ")
    m = re.match(r"Schedule (\S*),(?: Part \S+,)? paragraph (.+)", citation)
    if m:
        number = f" {m.group(1)}" if m.group(1) else ""
        return f"para. {m.group(2)} of schedule{number}"
    return citation


def _provisions(el: etree._Element) -> Iterator[etree._Element]:
    """The provisions standing in ``el`` (not in its quotations), through headings."""
    for child in el:
        if not isinstance(child.tag, str) or child.tag == AKN + "quotedStructure":
            continue
        kind = kind_of(child)
        if kind in ("crossheading", "part", "chapter"):
            yield from _provisions(child)
        elif kind is not None and kind not in ("table", "quoted structure"):
            yield child


def _own_words(el: etree._Element, bill: Bill) -> str:
    """A provision's own words (not its units'), with each quotation of structure as “…”."""
    parts: list[str] = []
    for holder in el:
        if holder.tag not in (AKN + "intro", AKN + "content", AKN + "wrapUp"):
            continue
        for p in holder.iter(AKN + "p"):
            if next(p.iterancestors(AKN + "quotedStructure"), None) is not None:
                continue
            copy = etree.fromstring(etree.tostring(p, with_tail=False))
            for quoted in copy.iter(AKN + "quotedStructure"):
                quoted.clear()
                quoted.text = "…"
            parts.append(words_of(copy, bill._references).replace("…", "“…”"))
    return " ".join(parts)


def table_of_amendments(act: Bill, bill: Bill, act_name: str) -> list[KeelingRow]:
    """Every amendment ``bill`` makes to ``act`` (named in the bill's words ``act_name``), in
    the bill's order."""
    return [row for row in _Reader(act, bill).read() if row.act == act_name]


class KeelingError(UserError):
    """The Act cannot be matched to what the bill amends."""


def acts_amended(bill: Bill) -> list[str]:
    """The Acts the bill's words say it amends ("The Housing Act 2004 is amended as
    follows", "In section 40(4) of the Housing and Planning Act 2016, …"), in order."""
    names: dict[str, None] = {}
    for p in bill.provisions():
        words = _without_descriptions(_own_words(p.element, bill))
        for named in _ACT.finditer(words):
            if _OPERATION.search(words) or re.search(r"\bis (?:amended|modified)\b", words):
                names.setdefault(_act_name(named), None)
    return list(names)


def act_name_of(act: Bill, bill: Bill) -> str:
    """The name the bill's words give ``act``: its own title when it is an Act's ("Housing
    Act 2004"), else the Act the bill amends whose provisions it finds in ``act`` (LawMaker
    holds an Act for Keeling work under a working title)."""
    title = re.sub(r"^(?:The|the) ", "", act.metadata.title.strip())
    if re.fullmatch(r".+ Act \d{4}", title):
        return title
    candidates = acts_amended(bill)
    reader = _Reader(act, bill)
    rows = reader.read()
    fitting = {}
    for name in candidates:
        amending = [row for row in rows if row.act == name]
        placed = [row for row in amending if not row.problem]
        # most of its amendments find their provision in the file, and nearly all that
        # quote the Act's words find them there (an Act's typography is not a bill's)
        held = sum(map(reader.index.holds, placed))
        if 2 * len(placed) >= len(amending) > 0 and 10 * held >= 9 * len(placed):
            fitting[name] = held
    best = max(fitting.values(), default=0)
    found = [name for name, count in fitting.items() if count == best]
    if len(found) != 1:
        named = ", ".join(candidates) or "none"
        raise KeelingError(
            f"cannot tell which Act the file is (its title is “{act.metadata.title}”); the "
            f"bill amends: {named}; say which with --act-name"
        )
    return found[0]
