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

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from drafter.core.akn import AKN
from drafter.core.amendment import Block
from drafter.core.bill import Bill
from drafter.core.errors import UserError
from drafter.core.etree import etree
from drafter.core.paper.xml_text import units_of, words_of
from drafter.core.provisions import kind_of, normalise_num

#: how deep a provision of each kind stands under a section
_SECTION_LEVEL = {"subsection": 1, "paragraph": 2, "sub-paragraph": 3}
_LABEL = r"(?:\d+[A-Z]*|\([0-9A-Za-z]+\))(?:\([0-9A-Za-z]+\))*"
_LABELS = rf"{_LABEL}(?:\s*(?:,|and|or|to)\s*{_LABEL})*"
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
_QUOTED_WORDS = re.compile(_QUOTE)
#: a verb of amendment: words that change the Act, read or not
_AMENDING = re.compile(r"\b(?:insert|omit|substitut|repeal|leave out)\w*", re.IGNORECASE)
#: the groups of :data:`_OPERATION` that name a provision: its kind and numbers
_NAMED_GROUPS = (
    ("kind", "labels"),
    ("endkind", "endlabels"),
    ("kind2", "labels2"),
    ("forkind", "forlabels"),
    ("omitkind", "omitlabels"),
)
#: what a provision does, in the order its words say it: each alternative one form
_OPERATION = re.compile(
    rf"""
      (?P<where>after|before) \s+
        (?: (?P<kind>{_KINDS})s? \s* (?P<labels>{_LABELS})
          | that\ (?P<thatkind>{_KINDS})
          | {_QUOTE} ) [^“]*? \binsert\b
    | at\ the\ (?P<end>end|beginning)
        (?: \ of\ (?P<kind2>{_KINDS})s? \s* (?P<labels2>{_LABELS}) )? [^“]*? \binsert\b
    | at\ the\ appropriate\ place [^“]*? \binsert\b
    | \bfor \s+
        (?: (?P<forkind>{_KINDS})s? \s* (?P<forlabels>{_LABELS})
          | (?P<fortitle>the\ (?:title|heading|italic\ heading)\b [^“]*?)
          | {_QUOTE} (?: \ to\ (?:{_QUOTE}|the\ end[^“]*?) )? [^“]*?
          | the\ words [^“]*? (?:{_QUOTE} [^“]*?)*
          | the\ definition\ of\ {_QUOTE} [^“]*?
        ) ,? \s* substitute\b
    | \bomit \s+
        (?: (?P<omitkind>{_KINDS})s? \s* (?P<omitlabels>{_LABELS})
          | (?:the\ )? {_QUOTE} (?P<omitend>\ at\ the\ end\ of\ (?P<endkind>{_KINDS})
                \s* (?P<endlabels>{_LABELS}))?
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
    #: what the words do, to make the change: the operation's words ("for “x” substitute"),
    #: the words after them (what is put in, “…” for structure), the units put in, and the
    #: kind and numbers of the provisions it names ("subsection", ("3",))
    operation: str = field(default="", compare=False)
    rest: str = field(default="", compare=False)
    structure: tuple[Block, ...] = field(default=(), compare=False)
    named_kind: str = field(default="", compare=False)
    named: tuple[str, ...] = field(default=(), compare=False)

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
        self.by_labels: dict[tuple[str, ...], str] = {}
        self.elements: dict[str, etree._Element] = {}
        if act.body is not None:
            self._walk(act.body, ())

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
            elif not (path[:1] and path[0][0] == "schedule"):  # a Schedule's Parts are not cited
                if kind == "part" and label:
                    here = (("part", label),)
                elif kind == "chapter" and label and path[:1] and path[0][0] == "part":
                    here = (*path[:1], ("chapter", label))
            eid = child.get("eId")
            if eid:
                self.elements.setdefault(eid, child)
                if here != path:
                    self.by_labels.setdefault(_labels_of(here), eid)
            self._walk(child, here)

    def find(self, path: Path) -> str:
        """The provision at ``path``, matched by its numbers: the kinds the words give
        (a "paragraph (2)" of a section that LawMaker holds as a level) are the bill's. The
        cross-heading "before section 28" is the one whose first section is 28."""
        if path[:1] and path[0][0] == "crossheading":
            section = self.elements.get(self.by_labels.get(("section", path[0][1]), ""))
            holder = section.getparent() if section is not None else None
            first = (
                next((c for c in holder if kind_of(c) in ("clause", "section")), None)
                if holder is not None
                else None
            )
            if holder is None or kind_of(holder) != "crossheading" or first is not section:
                return ""
            return holder.get("eId", "")
        return self.by_labels.get(_labels_of(path), "")

    def holds(self, row: KeelingRow) -> bool:
        """Does the provision ``row`` changes hold the words the bill quotes from it (“for
        “£100” substitute …”)? Another Act's section 52(2) would not."""
        searched = re.split(r"\b(?:substitute|insert)\b", row.operation)[0]
        quoted = re.findall(r"“([^”]*)”", searched)
        if not quoted:
            return True
        return all(
            words in " ".join(words_of(self.elements[eid], {}).split())
            for eid in row.affected_provision.split(",")
            if eid in self.elements
            for words in quoted
        )

    def heading(self, eid: str) -> str:
        """The eId of the heading of the provision ``eid``: its own where the file gives one
        (LawMaker's "sec_215B__hdg"), else the provision's (legislation.gov.uk gives a
        heading none)."""
        el = self.elements.get(eid)
        heading = el.find(AKN + "heading") if el is not None else None
        return (heading.get("eId") if heading is not None else None) or eid


@dataclass
class _Clause:
    """What a clause (or a run of Schedule paragraphs under one heading) has said so far, for
    the provisions after it: the Act it amends, the Act it last named ("that Act"), and the
    section or Schedule it last named ("of that section")."""

    act: str = ""
    last_act: str = ""
    root: Path = ()
    #: the provision the last change named ("after that paragraph insert")
    last: Path = ()


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
                clause.root = ()  # a paragraph names its own section ("59 Omit section 75")
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
        if act and not ops and _AMENDING.search(_QUOTED_WORDS.sub("“…”", plain)):
            # it amends, in words drafter does not read: listed, never dropped
            self.rows.append(self.unread(el, words, act))
        if ops and act:
            # words that name no section or Schedule are in the one the clause last named
            paths = tuple(p if _rooted(p) else clause.root + p for p in (path, *also))
            quotations = iter(_own_quotations(el))
            for n, op in enumerate(ops):
                end = ops[n + 1].start() if n + 1 < len(ops) else len(plain)
                rest = plain[op.end() : end]
                structure: tuple[Block, ...] = ()
                lead = re.match(r"\s*[—–-]?\s*“([^“”]*)“…”", rest)  # “to— (a) … (b) …”
                if re.match(r"\s*[—–-]?\s*“…”", rest) or lead is not None:
                    quoted = next(quotations, None)
                    if quoted is not None:
                        structure = tuple(units_of(quoted, self.bill._references))
                    if lead is not None and lead.group(1).strip() and structure:
                        # words leading in to the units, put in with them
                        structure = (Block(text=lead.group(1).strip()), *structure)
                row = self.row(el, words, plain, op, paths, clause)
                self.rows.append(replace(row, act=act, rest=rest, structure=structure))
        for child in _provisions(el):
            self.provision(child, clause, path, also, act)

    def act_of(self, words: str, clause: _Clause, above: str) -> str:
        """The Act the words are about: one they name, "that Act", the one the provisions
        above are about, or the one the clause said it amends."""
        unquoted = _QUOTED_WORDS.sub("“…”", words)  # an Act its quoted words name is not it
        named = _ACT.search(unquoted)
        if named is not None:
            name = _act_name(named)
            clause.last_act = name
            if re.search(r"\bis (?:amended|modified)\b", unquoted[named.end() :]):
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
        chapter = re.search(r"\bChapter (\w+) of Part (\w+)", lead)
        if chapter is not None:  # "the heading of Chapter 2 of Part 1"
            part = (("part", chapter.group(2).lower()), ("chapter", chapter.group(1).lower()))
            heading = re.search(r"\bheading\b", lead[: chapter.start()]) is not None
            return (*part, *((("heading", ""),) if heading else ())), ()
        before = re.search(r"\bitalic heading before section (\w+)", lead)
        if before is not None:
            return (("crossheading", before.group(1).lower()), ("heading", "")), ()
        for named in _NAMED.finditer(lead):
            kind = named.group("kind").lower()
            labels = _labels(named.group("labels"))
            base = path if _rooted(path) else clause.root + path
            also = tuple(_descend(base, kind, label) for label in labels[1:])
            path = _descend(base, kind, labels[0])
        if _rooted(path):
            clause.root = path[:1]
        if re.search(r"\b(?:the|its) (?:title|heading)\b", lead, re.IGNORECASE):
            path = (*path, ("heading", ""))  # what follows changes the heading's words
        return path, also

    def unread(self, el: etree._Element, words: str, act: str) -> KeelingRow:
        return KeelingRow(
            source=_source(self.bill.citation_of(el)),
            source_eid=el.get("eId", ""),
            type_of_amendment="",
            affected_provision="",
            location="",
            whole_provision=False,
            words=words,
            problem="drafter cannot read what its words do to the Act",
            act=act,
        )

    def row(
        self,
        el: etree._Element,
        words: str,
        plain: str,
        op: re.Match[str],
        paths: tuple[Path, ...],
        clause: _Clause,
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
        heading = paths[0][-1:] == (("heading", ""),)
        paths = tuple(p[:-1] if p[-1:] == (("heading", ""),) else p for p in paths)
        targets = list(paths)
        whole = False
        named = _labels(labels or "")
        if op.group("thatkind"):  # "after that paragraph insert": the one named last
            kind = op.group("thatkind").lower()
            at = [i for i, (k, _) in enumerate(clause.last) if k == kind]
            last = clause.last[: at[-1] + 1] if at else paths[0]
            targets = [last]
            named = [f"({last[-1][1]})"] if last else []
        elif kind:
            kind = kind.lower()
            targets = [_descend(paths[0], kind, label) for label in named]
            quoted_words = "“" in text and not text.startswith("at the")
            whole = kind in ("section", "schedule") and not quoted_words
        inside = re.search(rf"\bin\ (?P<kind>{_KINDS})\s*(?P<label>{_LABEL})", op.group(0))
        if not kind and inside is not None:  # "for the definition of “x” in subsection (8)"
            targets = [_descend(paths[0], inside.group("kind").lower(), inside.group("label"))]
        clause.last = targets[0] if targets else ()
        eids = [self.index.find(t) for t in targets]
        if op.group("fortitle") or op.group("becomes") or heading:
            eids = [self.index.heading(e) for e in eids]
        problem = ""
        if not all(eids):
            missing = ", ".join(_cited(t) for t, e in zip(targets, eids, strict=True) if not e)
            problem = f"the Act has no {missing}"
        return KeelingRow(
            source=_source(self.bill.citation_of(el)),
            source_eid=el.get("eId", ""),
            type_of_amendment=type_,
            affected_provision=",".join(e for e in eids if e),
            location=location,
            whole_provision=whole,
            words=words,
            problem=problem,
            operation=op.group(0),
            named_kind=(kind or "").lower(),
            named=tuple(named) if kind else (),
        )


def _without_descriptions(words: str) -> str:
    """``words`` without the descriptions in brackets after a provision's number ("section 32
    (application under section 31: further procedure)"), which name other provisions; a
    bracketed number ("(1)", "(a)") stays."""
    out: list[str] = []
    depth = 0
    start = 0
    quoted = 0  # brackets inside quotation marks are the Act's words
    for i, ch in enumerate(words):
        if ch in "“”" and depth == 0:
            quoted += 1 if ch == "“" else -1
            out.append(ch)
        elif quoted > 0 and depth == 0:
            out.append(ch)
        elif ch == "(":
            if depth == 0:
                start = i
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                group = words[start : i + 1]
                name_part = re.fullmatch(r"\((?:[A-Z][a-z]+(?: and| of)? ?)+\)", group)
                if " " in group.strip() and "“" not in group and not name_part:
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
    """The provisions a list names, each whole: "(a) and (b)" -> ["(a)", "(b)"]; "2(2)" ->
    ["2(2)"] (one provision, nested); "(3) to (6)" -> all four; "9(4) and (5)" -> ["9(4)",
    "9(5)"] (a later bracket stands beside the first's last)."""
    out: list[str] = []
    parts = [p.strip() for p in re.split(r"\s*(?:,|\band\b|\bor\b)\s*", text.strip())]
    for part in (p for p in parts if p):
        span = re.fullmatch(r"(.*?)\s*\bto\b\s*(.*)", part)
        items = _range(span.group(1), span.group(2)) if span else [part]
        for item in items:
            if out and item.startswith("(") and not out[0].startswith("("):
                head = re.sub(r"\([^()]*\)$", "", out[0])  # "9(4)" -> "9"
                item = head + item
            out.append(item)
    return out


def _range(first: str, last: str) -> list[str]:
    """ "(3)", "(6)" -> "(3)" … "(6)"; "(a)", "(c)" -> "(a)", "(b)", "(c)"; other ranges
    as their ends."""
    a, b = first.strip("()"), last.strip("()")
    bracket = first.startswith("(")
    if a.isdigit() and b.isdigit() and int(a) <= int(b) <= int(a) + 50:
        values = [str(n) for n in range(int(a), int(b) + 1)]
    elif len(a) == len(b) == 1 and a.isalpha() and b.isalpha() and a <= b:
        values = [chr(c) for c in range(ord(a), ord(b) + 1)]
    else:
        return [first, last]
    return [f"({v})" if bracket else v for v in values]


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
    elif path and path[0][0] == "schedule":
        # a Schedule's paragraph 2, its sub-paragraph (2), paragraph (a), sub-paragraph (i)
        order = ["paragraph", "sub-paragraph", "paragraph", "sub-paragraph"]
        if label[:1].isdigit():
            depth = 1
        elif kind == "sub-paragraph":
            depth = 2 if first.isdigit() else 4
        else:
            depth = 3
        out = (*path[:depth], (kind, first))
        kinds = order[depth:]
    else:
        depth = _SECTION_LEVEL.get(kind, len(path))
        out = (*path[:depth], (kind, first))
        order = ["subsection", "paragraph", "sub-paragraph"]
        kinds = order[order.index(kind) + 1 :] if kind in order else []
    for next_kind, part in zip(kinds, rest, strict=False):
        out = (*out, (next_kind, part.lower()))
    return out


def _rooted(path: Path) -> bool:
    """Does ``path`` start at a section, a Schedule, a Part or a cross-heading?"""
    return bool(path) and path[0][0] in ("section", "schedule", "part", "crossheading")


def _labels_of(path: Path) -> tuple[str, ...]:
    """A path by its numbers alone, under its section or Schedule."""
    if not path:
        return ()
    (kind, label), *rest = path
    return (kind, label, *(number for _, number in rest))


def _cited(path: Path) -> str:
    """ "section 16A(1)(a)", "Schedule 1, paragraph 5(1)": a path as the words cite it."""
    if not path:
        return "provision named"
    (kind, label), *rest = path
    parts = [f"({number})" for _, number in rest]
    if kind == "schedule" and rest:
        return f"Schedule {label.upper()}, paragraph {rest[0][1]}" + "".join(parts[1:])
    return f"{'Schedule' if kind == 'schedule' else kind} {label.upper()}" + "".join(parts)


def _source(citation: str) -> str:
    """The bill's citation as the tables give it: "Clause 28(2)(a)" -> "s. 28(2)(a)",
    "Schedule 2, paragraph 61(a)" -> "para. 61(a) of schedule 2"."""
    for word in ("Clause ", "Section "):
        if citation.startswith(word):
            return "s. " + citation.removeprefix(word)
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


def _own_quotations(el: etree._Element) -> list[etree._Element]:
    """The quotations of structure in a provision's own words, in order."""
    return [
        quoted
        for holder in el
        if holder.tag in (AKN + "intro", AKN + "content", AKN + "wrapUp")
        for quoted in holder.iter(AKN + "quotedStructure")
        if next(quoted.iterancestors(AKN + "quotedStructure"), None) is None
    ]


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


@functools.lru_cache(maxsize=2)
def _read(act: Bill, bill: Bill) -> tuple[_ActIndex, tuple[KeelingRow, ...]]:
    """The amendments ``bill`` makes to every Act it names, placed in ``act``: read once for
    finding which Act the file is and for its table."""
    reader = _Reader(act, bill)
    return reader.index, tuple(reader.read())


def table_of_amendments(act: Bill, bill: Bill, act_name: str) -> list[KeelingRow]:
    """Every amendment ``bill`` makes to ``act`` (named in the bill's words ``act_name``), in
    the bill's order; KeelingError if the bill amends no Act so named."""
    _, rows = _read(act, bill)
    found = [row for row in rows if row.act == act_name]
    if not found:
        amended = "; ".join(dict.fromkeys(row.act for row in rows)) or "no Act"
        raise KeelingError(f"{bill.path} does not amend the {act_name} (it amends: {amended})")
    return found


class KeelingError(UserError):
    """The Act cannot be matched to what the bill amends."""


def acts_amended(act: Bill, bill: Bill) -> list[str]:
    """The Acts the bill's words amend ("The Housing Act 2004 is amended as follows", "In
    section 40(4) of the Housing and Planning Act 2016, …"), in the order it first does."""
    return list(dict.fromkeys(row.act for row in _read(act, bill)[1]))


def act_name_of(act: Bill, bill: Bill) -> str:
    """The name the bill's words give ``act``: its own title when it is an Act's ("Housing
    Act 2004"), else the Act the bill amends whose provisions it finds in ``act`` (LawMaker
    holds an Act for Keeling work under a working title)."""
    title = re.sub(r"^(?:The|the) ", "", act.metadata.title.strip())
    if re.fullmatch(r".+ Act \d{4}", title):
        return title
    if act.print.source in ("markers", "pdf"):  # the House's print of a bill, with page and line
        raise KeelingError(
            f"{act.path} is a print of a bill (the {title}), not an Act: give the Act first, "
            "then the bill that amends it"
        )
    index, rows = _read(act, bill)
    candidates = list(dict.fromkeys(row.act for row in rows))
    fitting = {}
    for name in candidates:
        amending = [row for row in rows if row.act == name]
        placed = [row for row in amending if not row.problem]
        # most of its amendments find their provision in the file, and most of those that
        # quote the Act's words find them there: at least three, as evidence (a file
        # already amended in places, or set otherwise, does not hold them all)
        quoting = [row for row in placed if _QUOTED_WORDS.search(row.operation)]
        held = sum(map(index.holds, quoting))
        if 2 * len(placed) >= len(amending) and held >= 3 and 4 * held >= 3 * len(quoting):
            fitting[name] = held
    best = max(fitting.values(), default=0)
    found = [name for name, count in fitting.items() if count == best]
    if len(found) != 1:
        named = "; ".join(candidates) or "no Act"
        raise KeelingError(
            f"cannot tell which Act {act.path} is (its title is “{act.metadata.title}”); "
            f"{bill.path} amends: {named}; say which with --act-name"
        )
    return found[0]
