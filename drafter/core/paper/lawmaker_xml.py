"""Amendment papers: LawMaker's ``amendmentList`` XML, and a plain-text paper a drafter types.

A :class:`Paper` is the paper's metadata (bill, print, House, stage, date) and its amendments in
paper order. Each :class:`Entry` keeps the amendment's words as the paper prints them — the
instruction up to any inserted structure, the structure as :class:`~drafter.core.amendment.Block`
units, and any words after it — beside the :class:`~drafter.core.amendment.Amendment` that
:func:`drafter.core.wording.parse_amendment` reads from them. Papers are written from the
words, never re-rendered from the meaning, so that what the House printed is what we write back.

Quotation marks: the marks that open and close an amendment's own inserted structure are not
part of the units (they are not inserted into the bill) and are put back when a paper is
written. Marks *inside* inserted text are text: a new clause that inserts a subsection into an
Act holds its quotation as printed, the opening mark before the first quoted unit's number
(``“(3A)``) and the closing mark after the last quoted words (``… Act.”;``).

The plain-text format is documented in README.md ("Amendment papers"). It and the XML carry
the same things, so each converts to the other without loss; what only LawMaker's XML holds
(its tabling history, member ids, cross-reference links, the paper's own page/line markers) is
listed in :class:`LawMaker` or not kept, and is said so in README.md.
"""

from __future__ import annotations

import datetime
import os
import re
import stat
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from drafter.core.amendment import (
    Amendment,
    Block,
    LeaveOutClause,
    LeaveOutLines,
    LeaveOutSchedule,
    NewClause,
    NewSchedule,
    StandPart,
    Status,
)
from drafter.core.errors import UserError
from drafter.core.files import write_atomic, xml_bytes
from drafter.core.lawmaker import EID_PREFIX, ELEMENTS, LEVEL_EID, ROMAN
from drafter.core.wording import WordingError, amendment_context, parse_amendment, render
from drafter.core.xml import (
    AKN_NS,
    MAX_BYTES,
    UKL_NS,
    XMLInputError,
    akn,
    parse_bytes,
    parse_file,
    require_akn_root,
)

if TYPE_CHECKING:
    from drafter.core.bill import Bill

__all__ = [
    "Entry",
    "LawMaker",
    "Paper",
    "PaperError",
    "PaperInfo",
    "entry_from_amendment",
    "load_paper",
    "make_entry",
    "paper_from_xml",
    "read_paper",
    "read_paper_text",
    "save_paper",
    "sort_keys",
    "write_paper_text",
    "write_paper_xml",
]

OPEN, CLOSE = "“", "”"
_XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"


def _ukl(local: str) -> str:
    return f"{{{UKL_NS}}}{local}"


class PaperError(UserError, ValueError):
    """A paper drafter cannot read or write, with the file, line and amendment concerned."""

    def __init__(self, path: str, reason: str, line: int = 0, amendment: str = "") -> None:
        self.path = path
        self.reason = reason
        self.line = line
        self.amendment = amendment
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        about = f"amendment {self.amendment}: " if self.amendment else ""
        return f"{where}: {about}{self.reason}"


# --- the model -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PaperInfo:
    """What the paper says about itself (LawMaker keeps these as ``TLC`` references)."""

    title: str = ""  # the bill: "Energy Bill [HL]"
    bill_number: str = ""  # the print cited: "Bill 340", "HL Bill 101"
    version: str = ""  # which print that is: "As amended in Public Bill Committee"
    house: str = ""  # "House of Commons"
    stage: str = ""  # "Report Stage", "Grand Committee"
    date: str = ""  # publication date, ISO: "2023-09-04"
    session: str = ""  # "58/3"
    project: str = ""  # LawMaker's project id: "UK000258"
    kind: str = ""  # LawMaker's document type: hcamnd, hcmarsh, hlamnd, hlmarsh
    heading: str = ""  # the list's own heading: "(Amendment Paper)"
    notes: tuple[str, ...] = ()  # the legend under it


@dataclass(frozen=True)
class LawMaker:
    """Attributes LawMaker recorded for an amendment, as read from its XML. They are written
    back unchanged; an entry without them (typed, or changed) has them computed instead."""

    type: str = ""
    target_page: str = ""
    target_provision: str = ""
    dnum: str = ""  # LawMaker's internal number for the amendment ("OPC952", "HoC138")


@dataclass(frozen=True)
class Entry:
    """One amendment on a paper: its meaning and the words it is printed in.

    ``wording`` is the instruction up to any inserted structure ("Clause 1, page 3, line 2, at
    end insert—", or "… at end insert “, and" when the quotation opens in the words); the whole
    instruction when there is none. ``structure`` holds the inserted units, ``after`` any words
    after them. ``context`` is the heading printed above it ("As Amendments to … (Gov NC4):—").
    ``amends`` names the amendment this one amends when neither its words nor a heading above
    it do. ``problem`` says why the words could not be parsed (the amendment then has no
    operations), with the file, line and amendment ("paper.txt:36: amendment 11, col 17:
    expected …"); ``problem_reason`` says it without them ("col 17: expected …"), for a list
    that names the amendment itself."""

    amendment: Amendment
    wording: str
    structure: tuple[Block, ...] = ()
    after: str = ""
    star: str = ""  # ☆ / ★ beside the number (LawMaker's statusIndicator)
    member_in_charge: str = ""  # "gov" for a government amendment
    context: str = ""
    amends: str = ""
    sort_key: str = ""  # LawMaker's targetSortKey when given; "" = computed when written
    lawmaker: LawMaker | None = None
    problem: str = ""
    problem_reason: str = ""

    @property
    def number(self) -> str:
        return self.amendment.number


@dataclass(frozen=True)
class Paper:
    """An amendment paper or marshalled list: metadata and amendments in paper order.
    ``statements`` keeps LawMaker's other components (the order of consideration) as XML, so
    that an XML paper is written back whole; the text format does not hold them."""

    info: PaperInfo = field(default_factory=PaperInfo)
    entries: tuple[Entry, ...] = ()
    statements: tuple[str, ...] = ()

    @property
    def amendments(self) -> tuple[Amendment, ...]:
        """The amendments, in paper order."""
        return tuple(e.amendment for e in self.entries)

    @property
    def problems(self) -> tuple[str, ...]:
        """Why some amendments' words could not be parsed, one message each."""
        return tuple(e.problem for e in self.entries if e.problem)

    def entry(self, number: str) -> Entry:
        """The entry for amendment ``number``; KeyError if the paper has none."""
        for e in self.entries:
            if e.number == number:
                return e
        raise KeyError(number)


# --- building entries ------------------------------------------------------------------------


def make_entry(
    number: str,
    wording: str,
    structure: tuple[Block, ...] = (),
    *,
    after: str = "",
    sponsors: tuple[str, ...] = (),
    explanatory_statement: str = "",
    status: Status = Status.TABLED,
    star: str = "",
    member_in_charge: str = "",
    context: str = "",
    amends: str = "",
    context_amends: str | None = None,
    sort_key: str = "",
    lawmaker: LawMaker | None = None,
    strict: bool = False,
    where: tuple[str, int] = ("<paper>", 0),
) -> Entry:
    """An entry from a paper's words: parse them, then add what the paper says around them.

    An amendment citing a line with neither page nor amendment ("Line 25, at end insert—")
    amends the one that ``amends`` names, else the one named by its ``context`` heading or
    the last such heading above it (``context_amends``). With ``strict`` a wording that does
    not parse raises :class:`PaperError` at ``where`` (path, line); otherwise the entry
    records the problem."""
    path, line = where
    if context:
        context_amends = amendment_context(context) or context_amends
    problem = problem_reason = ""
    try:
        parsed = parse_amendment(wording, number, structure or None)
    except WordingError as err:
        if strict:
            raise PaperError(path, f"{err}", line) from None
        parsed = Amendment(number, ())
        problem = f"{path}:{line}: {err}" if line else f"{path}: {err}"
        problem_reason = str(WordingError(err.text, err.offset, err.expected))  # no number
    target = parsed.target
    if (
        target.amendment is None
        and target.page is None
        and target.line is not None
        and context_amends
    ):
        target = replace(target, amendment=context_amends)
    if amends and target.amendment != amends:
        target = replace(target, amendment=amends)
    else:
        amends = ""
    amendment = replace(
        parsed,
        number=number,
        target=target,
        sponsors=sponsors,
        explanatory_statement=explanatory_statement,
        status=status,
    )
    return Entry(
        amendment=amendment,
        wording=wording,
        structure=structure,
        after=after,
        star=star,
        member_in_charge=member_in_charge,
        context=context,
        amends=amends,
        sort_key=sort_key,
        lawmaker=lawmaker,
        problem=problem,
        problem_reason=problem_reason,
    )


def entry_from_amendment(amendment: Amendment) -> Entry:
    """An entry for an amendment built in code: its canonical words, with inserted structure
    kept as units (so that a paper written from it holds a real ``quotedStructure``)."""
    structure = _structure_of(amendment)
    wording = render(amendment)
    if structure:
        # The rendered words end "…—" or "…— “<structure on one line>”": find the lead-in that
        # reads back, with the units, as this very amendment.
        for cut in reversed([m.end() for m in re.finditer("—", wording)]):
            lead = wording[:cut]
            try:
                again = parse_amendment(lead, amendment.number, structure)
            except WordingError:
                continue
            if _same_meaning(again, amendment):
                wording = lead
                break
        else:
            structure = ()
    entry = make_entry(
        amendment.number,
        wording,
        structure,
        sponsors=amendment.sponsors,
        explanatory_statement=amendment.explanatory_statement,
        status=amendment.status,
        amends=amendment.target.amendment or "",
    )
    return replace(entry, amendment=amendment)


def _same_meaning(a: Amendment, b: Amendment) -> bool:
    return a.operations == b.operations and a.target == b.target


def _structure_of(amendment: Amendment) -> tuple[Block, ...]:
    if len(amendment.operations) != 1:
        return ()
    op = amendment.operations[0]
    if isinstance(op, NewClause):
        return (op.clause,)
    if isinstance(op, NewSchedule):
        return (op.schedule,)
    inserted = getattr(op, "insert", None)
    if isinstance(inserted, tuple):
        return inserted
    return ()


# --- text of XML -----------------------------------------------------------------------------

_SPACE = re.compile(r"[ \t\r\n]+")  # not \s: non-breaking spaces are the bill's own


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _marks(el: etree._Element) -> tuple[str, str]:
    """The quotation marks an inline element stands for (``def``, ``quotedText``)."""
    start = el.get(_ukl("startQuote"), el.get("startQuote", ""))
    end = el.get(_ukl("endQuote"), el.get("endQuote", ""))
    return start, end


def _gather(el: etree._Element, refs: dict[str, str], out: list[str]) -> None:
    """The printed words of ``el`` (without its tail): processing instructions (page/line
    markers) are skipped, quotation marks that LawMaker keeps as attributes put back, and
    placeholders (the bill's title) filled in."""
    if el.text:
        out.append(el.text)
    for child in el:
        if isinstance(child.tag, str):
            if (
                _local(child) == "ref"
                and child.get("class") == "placeholder"
                and not (child.text or len(child))
            ):
                out.append(refs.get((child.get("href") or "").lstrip("#"), ""))
            else:
                start, end = _marks(child)
                out.append(start)
                _gather(child, refs, out)
                out.append(end)
        if child.tail:
            out.append(child.tail)


def _raw(el: etree._Element, refs: dict[str, str]) -> str:
    """An inline element's words with its quotation marks, spacing untouched."""
    start, end = _marks(el)
    out: list[str] = [start]
    _gather(el, refs, out)
    out.append(end)
    return "".join(out)


def _text(el: etree._Element | None, refs: dict[str, str]) -> str:
    if el is None:
        return ""
    out: list[str] = []
    _gather(el, refs, out)
    return _squash("".join(out))


def _paragraphs(el: etree._Element | None, refs: dict[str, str]) -> str:
    """The text of a container of ``<p>``: one paragraph each, joined by spaces."""
    if el is None:
        return ""
    ps = [c for c in el if _local(c) == "p"]
    if not ps:
        return _text(el, refs)
    return _squash(" ".join(_text(p, refs) for p in ps))


# --- blocks from XML -------------------------------------------------------------------------

_NOT_UNITS = frozenset({"num", "heading", "subheading", "intro", "content", "wrapUp"})


def _units(container: etree._Element, refs: dict[str, str]) -> list[Block]:
    """The units inside a quotedStructure (or a provision): one Block each. A wrapUp standing
    alone in a quotedStructure (words after the units of an earlier one) is an unnumbered
    unit of its own."""
    blocks: list[Block] = []
    for child in container:
        local = _local(child)
        if not local or local in _NOT_UNITS - {"wrapUp"}:
            continue
        if local == "wrapUp":
            blocks.append(Block(text=_paragraphs(child, refs)))
        elif local == "p":
            blocks.append(Block(text=_text(child, refs)))
        else:
            blocks.append(_block(child, refs))
    return blocks


def _block(el: etree._Element, refs: dict[str, str]) -> Block:
    num = _text(el.find(akn("num")), refs)
    heading = _text(el.find(akn("heading")), refs)
    content = el.find(akn("content"))
    if content is not None:
        ps = [c for c in content if _local(c) == "p"]
        if len(ps) == 1:
            nested = _nested_quotation(ps[0], refs)
            if nested is not None:
                text, children = nested
                return Block(num=num, heading=heading, text=text, children=children)
        return Block(num=num, heading=heading, text=_paragraphs(content, refs))
    text = _paragraphs(el.find(akn("intro")), refs)
    children = tuple(_block(c, refs) for c in el if _local(c) and _local(c) not in _NOT_UNITS)
    wrap_up = _paragraphs(el.find(akn("wrapUp")), refs)
    return Block(num=num, heading=heading, text=text, children=children, wrap_up=wrap_up)


def _nested_quotation(
    p: etree._Element, refs: dict[str, str]
) -> tuple[str, tuple[Block, ...]] | None:
    """A paragraph that quotes structure ("After clause 37 insert— “37A …”"): its words, and
    the quoted units with their quotation marks printed on them."""
    mod = p.find(akn("mod"))
    if mod is None or mod.find(akn("quotedStructure")) is None:
        return None
    lead: list[str] = [p.text or ""]
    units: list[Block] = []
    trailing: list[str] = []  # words after the last quotation so far
    seen = False
    if mod.text:
        lead.append(mod.text)
    for child in mod:
        if _local(child) == "quotedStructure":
            if units and trailing:
                units[-1] = _suffixed(units[-1], "".join(trailing))
            trailing = []
            quoted = _units(child, refs)
            if quoted:
                quoted[0] = _prefixed(quoted[0], child.get("startQuote", ""))
                quoted[-1] = _suffixed(quoted[-1], child.get("endQuote", ""))
                units.extend(quoted)
            seen = True
        elif isinstance(child.tag, str):
            (trailing if seen else lead).append(_raw(child, refs))
        if child.tail and not (_local(child) == "quotedStructure" and not child.tail.strip()):
            (trailing if seen else lead).append(child.tail)  # (white space after one: layout)
    trailing.append(mod.tail or "")
    for later in mod.itersiblings():
        trailing.append(_raw(later, refs) if isinstance(later.tag, str) else "")
        trailing.append(later.tail or "")
    if units and _squash("".join(trailing)):
        units[-1] = _suffixed(units[-1], "".join(trailing))
    return _squash("".join(lead)), tuple(units)


# Quotation marks on units: the opening mark goes on the first thing printed (number, else
# heading, else words), the closing mark after the last (wrap-up, else the last unit's last
# words, else the unit's own words, heading or number).

Slot = tuple[int | str, ...]


def _first_slot(b: Block) -> Slot:
    return ("num",) if b.num else ("heading",) if b.heading else ("text",)


def _last_slot(b: Block) -> Slot:
    if b.wrap_up:
        return ("wrap_up",)
    if b.children:
        return (len(b.children) - 1, *_last_slot(b.children[-1]))
    if b.text:
        return ("text",)
    return ("heading",) if b.heading else ("num",) if b.num else ("text",)


def _get(b: Block, slot: Slot) -> str:
    head, *rest = slot
    if isinstance(head, int):
        return _get(b.children[head], tuple(rest))
    value: str = getattr(b, head)
    return value


def _set(b: Block, slot: Slot, value: str) -> Block:
    head, *rest = slot
    if isinstance(head, int):
        kids = list(b.children)
        kids[head] = _set(kids[head], tuple(rest), value)
        return replace(b, children=tuple(kids))
    if head == "num":
        return replace(b, num=value)
    if head == "heading":
        return replace(b, heading=value)
    if head == "wrap_up":
        return replace(b, wrap_up=value)
    return replace(b, text=value)


def _prefixed(b: Block, mark: str) -> Block:
    slot = _first_slot(b)
    return _set(b, slot, mark + _get(b, slot)) if mark else b


def _suffixed(b: Block, words: str) -> Block:
    slot = _last_slot(b)
    joined = _squash(_get(b, slot) + words)
    return _set(b, slot, joined)


def _printed(b: Block, at: Slot = ()) -> Iterator[tuple[Slot, str]]:
    """Every string of a unit in the order it is printed, with where it lives."""
    for name in ("num", "heading", "text"):
        yield (*at, name), getattr(b, name)
    for i, child in enumerate(b.children):
        yield from _printed(child, (*at, i))
    yield (*at, "wrap_up"), b.wrap_up


_AFTER_QUOTE = re.compile(r"[^\w“”]*(?:\b(?:and|or)\b[^\w“”]*)?")


def _quotation(children: tuple[Block, ...]) -> tuple[tuple[Block, ...], str] | None:
    """If ``children`` are one quotation as :func:`_nested_quotation` reads them — opening mark
    on the first, its matching closing mark in the last words, nothing but punctuation (or
    "and"/"or") after it — the units without the marks, and the words after the closing mark."""
    if not children:
        return None
    first = (0, *_first_slot(children[0]))
    last = (len(children) - 1, *_last_slot(children[-1]))
    if not _get_in(children, first).startswith(OPEN):
        return None
    depth = 0
    for i, child in enumerate(children):
        for slot, text in _printed(child, (i,)):
            for pos, ch in enumerate(text):
                if ch == OPEN:
                    depth += 1
                elif ch == CLOSE:
                    depth -= 1
                    if depth == 0:
                        rest = text[pos + 1 :]
                        if slot != last or not _AFTER_QUOTE.fullmatch(rest):
                            return None
                        before = text[:pos]
                        if before != before.rstrip():
                            return None  # the mark is glued to the words it closes
                        units = list(children)
                        units[0] = _set(units[0], first[1:], _get_in(children, first)[1:])
                        last_text = _get_in(tuple(units), last)
                        cut = len(last_text) - len(rest) - 1
                        units[-1] = _set(units[-1], last[1:], last_text[:cut])
                        return tuple(units), rest  # (read back, it follows the mark as is)
    return None


def _get_in(blocks: tuple[Block, ...], slot: Slot) -> str:
    head = slot[0]
    assert isinstance(head, int)
    return _get(blocks[head], slot[1:])


# --- reading XML -----------------------------------------------------------------------------

_STATUS_OUTCOMES = {
    "#agreed": Status.AGREED,
    "#negatived": Status.NEGATIVED,
    "#withdrawn": Status.WITHDRAWN,
    "#notMoved": Status.NOT_MOVED,
    "#notCalled": Status.NOT_CALLED,
}
_OUTCOME_OF = {status: outcome for outcome, status in _STATUS_OUTCOMES.items()}

_INFO_REFS = {
    "varBillTitle": "title",
    "varBillNo": "bill_number",
    "varBillStageVersion": "version",
    "varHouse": "house",
    "varStageVersion": "stage",
    "varPublishDate": "date",
    "varSession": "session",
    "varProjectId": "project",
}


def read_paper(path: str | os.PathLike[str], *, strict: bool = False) -> Paper:
    """Read a LawMaker amendment paper or marshalled list (``amendmentList`` XML). Wordings
    that do not parse are kept with their problem (see :attr:`Paper.problems`), or raise
    :class:`PaperError` with ``strict``."""
    return _paper_from_tree(parse_file(path), str(path), strict)


def paper_from_xml(data: bytes, path: str = "<paper>", *, strict: bool = False) -> Paper:
    """:func:`read_paper` for XML already in memory."""
    return _paper_from_tree(parse_bytes(data, path), path, strict)


def _paper_from_tree(tree: etree._ElementTree, path: str, strict: bool) -> Paper:
    root = require_akn_root(tree, path)
    doc = next((c for c in root if isinstance(c.tag, str)), None)
    if doc is None or _local(doc) != "amendmentList":
        found = f"<{_local(doc)}>" if doc is not None else "nothing"
        raise PaperError(path, f"not an amendment paper: expected <amendmentList>, found {found}")
    refs: dict[str, str] = {}
    meta = doc.find(akn("meta"))
    if meta is not None:
        for references in meta.iterfind(akn("references")):
            for ref in references:
                if isinstance(ref.tag, str) and ref.get("eId"):
                    refs[ref.get("eId", "")] = ref.get("showAs", "")
    info = _info(doc, refs)
    entries: list[Entry] = []
    statements: list[str] = []
    body = doc.find(akn("collectionBody"))
    context_amends: str | None = None
    seen: set[str] = set()
    for component in body if body is not None else ():
        if _local(component) != "component":
            continue
        amendment = component.find(akn("amendment"))
        if amendment is None:
            statements.append(etree.tostring(component, encoding="unicode", with_tail=False))
            continue
        entry = _entry(component, amendment, refs, path, strict, context_amends)
        if entry.context:
            context_amends = amendment_context(entry.context) or context_amends
        if entry.number in seen:
            line = amendment.sourceline or 0
            raise PaperError(path, "the paper holds this amendment twice", line, entry.number)
        seen.add(entry.number)
        entries.append(entry)
    return Paper(info=info, entries=tuple(entries), statements=tuple(statements))


def _info(doc: etree._Element, refs: dict[str, str]) -> PaperInfo:
    values = {name: refs.get(ref, "") for ref, name in _INFO_REFS.items()}
    preface = doc.find(akn("preface"))
    heading = ""
    notes: tuple[str, ...] = ()
    if preface is not None:
        # The preface repeats stage and date (with a placeholder date when there is none):
        # read it only for a paper whose references do not say.
        if "varStageVersion" not in refs:
            values["stage"] = _text(preface.find(f".//{akn('docStage')}"), refs)
        if "varPublishDate" not in refs:
            date = preface.find(f".//{akn('docDate')}")
            values["date"] = date.get("date", "") if date is not None else ""
        for block in preface.iterfind(akn("block")):
            if block.get("name") == "listType":
                heading = _text(block, refs)
        for container in preface.iterfind(akn("blockContainer")):
            if container.get("class") == "legend":
                notes += tuple(_text(p, refs) for p in container if _local(p) == "p")
    kind = refs["varDocType"] if "varDocType" in refs else doc.get("name", "")
    return PaperInfo(**values, kind=kind, heading=heading, notes=notes)


def _entry(
    component: etree._Element,
    amendment: etree._Element,
    refs: dict[str, str],
    path: str,
    strict: bool,
    context_amends: str | None,
) -> Entry:
    line = amendment.sourceline or 0
    body = amendment.find(akn("amendmentBody"))
    if body is None:
        raise PaperError(path, "an <amendment> without <amendmentBody>", line)
    content = body.find(akn("amendmentContent"))
    num_el = content.find(f".//{akn('num')}") if content is not None else None
    number = _text(num_el, refs)
    if not number:
        raise PaperError(path, "an amendment without a number (<num>)", line)
    instruction = body.find(f".//{akn('block')}[@name='instruction']")
    if instruction is None:
        raise PaperError(path, 'no instruction (<block name="instruction">)', line, number)
    wording, structure, after = _instruction(instruction, refs)
    if not wording:
        raise PaperError(path, "the instruction has no words", line, number)
    context = ""
    sponsors: list[str] = []
    heading = body.find(akn("amendmentHeading"))
    for block in heading.iterfind(akn("block")) if heading is not None else ():
        if block.get("name") == "amendContext":
            context = _text(block, refs)
        else:
            for person in block:
                if _local(person) in ("docIntroducer", "docProponent"):
                    name = _text(person, refs)
                    if name:
                        sponsors.append(name)
    statement = "\n".join(
        _text(p, refs)
        for container in body.iterfind(f"{akn('amendmentJustification')}/{akn('blockContainer')}")
        for p in container
        if _local(p) == "p"
    )
    status = Status.TABLED
    for step in amendment.iterfind(f"{akn('meta')}/{akn('workflow')}/{akn('step')}"):
        status = _STATUS_OUTCOMES.get(step.get("outcome", ""), status)
    provision = body.get(_ukl("targetProvision"), "")
    lawmaker = LawMaker(
        type=body.get(_ukl("type"), ""),
        target_page=body.get(_ukl("targetPage"), ""),
        target_provision=provision,
        dnum=num_el.get(_ukl("dnum"), "") if num_el is not None else "",
    )
    return make_entry(
        number,
        wording,
        structure,
        after=after,
        sponsors=tuple(sponsors),
        explanatory_statement=statement,
        status=status,
        star=component.get(_ukl("statusIndicator"), ""),
        member_in_charge=body.get(_ukl("memberInCharge"), ""),
        context=context,
        amends=provision.removeprefix("amnd_") if provision.startswith("amnd_") else "",
        context_amends=context_amends,
        sort_key=body.get(_ukl("targetSortKey"), ""),
        lawmaker=lawmaker,
        strict=strict,
        where=(path, (instruction.sourceline or line)),
    )


def _instruction(block: etree._Element, refs: dict[str, str]) -> tuple[str, tuple[Block, ...], str]:
    """An instruction's words before its inserted structure, the structure, and the words
    after it. LawMaker splits one quotation into several quotedStructures where the kind of
    unit changes; they are one run of units here."""
    host = block.find(akn("mod"))
    if host is None or host.find(akn("quotedStructure")) is None:
        return _text(block, refs), (), ""
    lead: list[str] = [block.text or "", host.text or ""]
    pending: list[str] = []
    units: list[Block] = []
    seen = False
    for child in host:
        if _local(child) == "quotedStructure":
            if seen and _squash("".join(pending)):
                units.append(Block(text=_squash("".join(pending))))
            pending = []
            units.extend(_units(child, refs))
            seen = True
        elif isinstance(child.tag, str):
            (pending if seen else lead).append(_raw(child, refs))
        if child.tail:
            (pending if seen else lead).append(child.tail)
    pending.append(host.tail or "")
    for later in host.itersiblings():
        pending.append(_raw(later, refs) if isinstance(later.tag, str) else "")
        pending.append(later.tail or "")
    return _squash("".join(lead)), tuple(units), _squash("".join(pending))


# --- LawMaker's attributes, computed ---------------------------------------------------------


def _computed_type(entry: Entry) -> str:
    return entry.amendment.type if entry.amendment.operations else "unknown"


def _computed_targets(entry: Entry) -> tuple[str, str]:
    """``ukl:targetPage`` and ``ukl:targetProvision`` from the amendment's citation."""
    a = entry.amendment
    t = a.target
    op = a.operations[0] if a.operations else None
    line = t.line
    if line is None and isinstance(op, LeaveOutLines):
        line = op.first
    page = ""
    if t.amendment is not None:
        page = f"ln_{line}" if line is not None else ""
    elif t.page is not None:
        page = f"p_{t.page}__ln_{line}" if line is not None else f"p_{t.page}"
    provision = ""
    if t.amendment is not None:
        provision = f"amnd_{_eid_part(t.amendment)}"
    elif t.clause is not None:
        provision = f"sec_{t.clause}"
    elif t.schedule is not None:
        provision = f"sch_{t.schedule}" if t.schedule else "sch"
    elif isinstance(op, LeaveOutClause):
        provision = f"sec_{op.number}"
    elif isinstance(op, LeaveOutSchedule):
        provision = f"sch_{op.number}" if op.number else "sch"
    elif isinstance(op, NewClause | NewSchedule) and (op.after or op.before):
        # "After Clause 84, insert the following new Clause—" bites at its anchor.
        anchor = op.after or op.before
        kind = "sec" if isinstance(op, NewClause) else "sch"
        provision = f"{kind}_{anchor}"
    elif isinstance(op, StandPart):
        if op.clause is not None:
            provision = f"sec_{op.clause}"
        elif op.schedule is not None:
            provision = f"sch_{op.schedule}" if op.schedule else "sch"
    return page, provision


def _targets(entry: Entry, bill: Bill | None = None) -> tuple[str, str, str]:
    """Type, target page and target provision to write: LawMaker's own when read, else
    computed; with the bill, a citation by page and line alone ("Page 4, line 7, …", the
    Lords' style) gets the clause or Schedule printed on that line."""
    if entry.lawmaker is not None:
        lm = entry.lawmaker
        return lm.type, lm.target_page, lm.target_provision
    page, provision = _computed_targets(entry)
    target = entry.amendment.target
    if not provision and bill is not None and target.page is not None and target.amendment is None:
        provision = _provision_on(bill, target.page, target.line)
    return _computed_type(entry), page, provision


def _provision_on(bill: Bill, page: int, line: int | None) -> str:
    """The clause (``sec_5``) or Schedule (``sch_2``) printed on a line, as papers cite it."""
    from drafter.core.layout import PrintError

    try:
        eid = bill.print.line(page, line or 1).eid
    except PrintError:
        return ""
    top = eid.split("__", 1)[0]
    return "sch_" + top.removeprefix("sched_") if top.startswith("sched_") else top


_NEW_TYPES = frozenset({"newClause", "newSchedule"})


def _computed_sort_keys(entries: Sequence[Entry]) -> list[str]:
    """LawMaker's ``targetSortKey`` scheme, learnt from its papers: a Commons new clause or
    Schedule (NC12, NS3) is keyed by its number ("A" then two digits; "0" then two digits
    for the government's, which come first); amendments that bite at the same place are
    keyed "01", "02" … in paper order; other amendments (Lords new clauses, numbered with
    the rest, among them) have no key."""
    keys = [""] * len(entries)
    places: dict[tuple[str, str], list[int]] = {}
    for i, entry in enumerate(entries):
        kind, page, provision = _targets(entry)
        if kind in _NEW_TYPES and (m := re.fullmatch(r"N[CS]([0-9]+)", entry.number)):
            prefix = "0" if entry.member_in_charge == "gov" else "A"
            keys[i] = f"{prefix}{int(m.group(1)):02d}"
        elif page:
            places.setdefault((provision, page), []).append(i)
    for group in places.values():
        if len(group) > 1:
            for n, i in enumerate(group, 1):
                keys[i] = f"{n:02d}"
    return keys


def sort_keys(paper: Paper) -> list[str]:
    """The ``ukl:targetSortKey`` of each entry as written: its own, else the computed one."""
    computed = _computed_sort_keys(paper.entries)
    return [e.sort_key or c for e, c in zip(paper.entries, computed, strict=True)]


# --- writing XML -----------------------------------------------------------------------------

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def _long_date(iso: str) -> str:
    try:
        d = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{_DAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1]} {d.year}"


def _eid_part(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", text)


class _Ids:
    """Fresh eIds, unique in the document (LawMaker's "__oc_N" for repeats), and GUIDs that
    depend only on the paper and the eId, so that writing a paper twice gives the same
    bytes."""

    def __init__(self, seed: str) -> None:
        self.used: set[str] = set()
        self.namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"drafter:{seed}")

    def eid(self, wanted: str) -> str:
        eid, n = wanted, 0
        while eid in self.used:
            n += 1
            eid = f"{wanted}__oc_{n}"
        self.used.add(eid)
        return eid

    def guid(self, eid: str) -> str:
        return f"_{uuid.uuid5(self.namespace, eid)}"


def _sub(parent: etree._Element, local: str, text: str = "", **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, akn(local))
    for key, value in attrs.items():
        el.set(_ukl(key[4:]) if key.startswith("ukl_") else key, value)
    if text:
        el.text = text
    return el


def _identified(
    parent: etree._Element, local: str, ids: _Ids, eid: str, text: str = "", **attrs: str
) -> etree._Element:
    eid = ids.eid(eid)
    return _sub(parent, local, text, GUID=ids.guid(eid), eId=eid, **attrs)


def write_paper_xml(paper: Paper, bill: Bill | None = None) -> bytes:
    """The paper as LawMaker Akoma Ntoso (``amendmentList``), valid against the Akoma Ntoso
    3.0 schema: fresh eIds and GUIDs, ``ukl:type``, ``ukl:targetPage``,
    ``ukl:targetProvision`` and ``ukl:targetSortKey`` filled in, inserted structure as
    ``quotedStructure`` with section, subsection and level elements. ``bill`` (the print the
    paper cites) lets page-and-line citations name their clause in ``ukl:targetProvision``."""
    if not paper.entries:
        raise PaperError("<paper>", "nothing to write: an amendment paper needs an amendment")
    info = paper.info
    ids = _Ids(info.project or info.title or "paper")
    nsmap = {None: AKN_NS, "ukl": UKL_NS, "xsi": _XSI_NS}
    root = etree.Element(akn("akomaNtoso"), nsmap=nsmap)
    root.set(f"{{{_XSI_NS}}}schemaLocation", f"{AKN_NS} ../schemas/akomantoso30.xsd")
    kind = info.kind or ("hlamnd" if "Lords" in info.house else "hcamnd")
    doc = _sub(root, "amendmentList", contains="originalVersion", name=kind)
    _paper_meta(doc, info, ids)
    _paper_preface(doc, info, ids)
    collection = _sub(doc, "collectionBody")
    keys = sort_keys(paper)
    amended = {e.amendment.target.amendment for e in paper.entries} - {None}
    house = "hl" if kind.startswith("hl") else "hc"
    for entry, key in zip(paper.entries, keys, strict=True):
        _write_entry(collection, entry, key, entry.number in amended, info, house, ids, bill)
    # Laid out as LawMaker's own files are: white space between elements only (never inside
    # words), which readers of the words ignore.
    etree.indent(root, space=" ")
    for quotation in root.iter(akn("quotedStructure")):
        quotation.tail = None  # the words after a quotation follow its closing mark directly
    data = xml_bytes(etree.ElementTree(root))
    if not paper.statements:
        return data
    # The other components go in as the text they were read as: moving their elements into
    # this tree would make libxml2 re-home their namespaces, and it gets the AKN <p> inside an
    # XHTML table wrong on the second pass.
    for statement in paper.statements:
        parse_bytes(statement.encode("utf-8"), "<statement>")  # well-formed, or refused
    end = data.rindex(b"</collectionBody>")
    extra = "".join(f" {statement}\n  " for statement in paper.statements).encode("utf-8")
    return data[:end] + extra + data[end:]


def _frbr(parent: etree._Element, local: str, items: Sequence[tuple[str, dict[str, str]]]) -> None:
    group = _sub(parent, local)
    for name, attrs in items:
        _sub(group, name, **attrs)


def _paper_meta(doc: etree._Element, info: PaperInfo, ids: _Ids) -> None:
    meta = _sub(doc, "meta")
    ident = _sub(meta, "identification", source="#source")
    date = info.date or "9999-01-01"
    author = {"href": "#varAuthor"}
    _frbr(
        ident,
        "FRBRWork",
        [
            ("FRBRthis", {"value": "#varWork"}),
            ("FRBRuri", {"value": "#varWorkUri"}),
            ("FRBRdate", {"date": date, "name": "published"}),
            ("FRBRauthor", author),
            ("FRBRcountry", {"value": "GB"}),
            ("FRBRnumber", {"value": "#varListNo"}),
        ],
    )
    _frbr(
        ident,
        "FRBRExpression",
        [
            ("FRBRthis", {"value": "#varExpression"}),
            ("FRBRuri", {"value": "#varExpressionUri"}),
            ("FRBRdate", {"date": date, "name": "published"}),
            ("FRBRauthor", author),
            ("FRBRlanguage", {"language": "eng"}),
        ],
    )
    _frbr(
        ident,
        "FRBRManifestation",
        [
            ("FRBRthis", {"value": "#varManifestation"}),
            ("FRBRuri", {"value": "#varManifestationUri"}),
            ("FRBRdate", {"date": date, "name": "published"}),
            ("FRBRauthor", author),
            ("FRBRformat", {"value": "application/akn+xml"}),
        ],
    )
    references = _sub(meta, "references", source="#author")
    concept = {"varBillTitle", "varHouse", "varPublishDate", "varBillNo", "varSession"}
    for ref, name in _INFO_REFS.items():
        tag = "TLCConcept" if ref in concept else "TLCProcess"
        _identified(references, tag, ids, ref, href="#varOntologies", showAs=getattr(info, name))
    author_name = info.house or "House of Commons"
    _identified(
        references, "TLCOrganization", ids, "varAuthor", href="#varOntologies", showAs=author_name
    )
    _identified(
        references, "TLCConcept", ids, "varDocType", href="#varOntologies", showAs=info.kind
    )
    ontology = "http://legislation.gov.uk/ontologies/legis"
    _identified(references, "TLCConcept", ids, "varOntologies", href=ontology, showAs=ontology)


def _paper_preface(doc: etree._Element, info: PaperInfo, ids: _Ids) -> None:
    preface = _identified(doc, "preface", ids, "preface")
    stage = _sub(preface, "block", name="stage")
    _sub(stage, "docStage", info.stage).tail = ": "
    date = _sub(stage, "docDate", date=info.date or "9999-12-31")
    _sub(
        date,
        "ref",
        _long_date(info.date),
        **{"class": "placeholder", "href": "#varPublishDate", "ukl_dateFormat": "EEEE d MMMM yyyy"},
    )
    title = _sub(preface, "block", name="title")
    affected = _sub(title, "affectedDocument", href="#varBillTitle")
    _sub(affected, "ref", **{"class": "placeholder", "href": "#varBillTitle"})
    if info.heading:
        _sub(preface, "block", info.heading, name="listType")
    if info.notes:
        legend = _sub(preface, "blockContainer", **{"class": "legend"})
        for note in info.notes:
            _sub(legend, "p", note)


def _write_entry(
    collection: etree._Element,
    entry: Entry,
    sort_key: str,
    line_numbered: bool,
    info: PaperInfo,
    house: str,
    ids: _Ids,
    bill: Bill | None,
) -> None:
    a = entry.amendment
    base = ids.eid(f"amnd_{_eid_part(a.number) or 'x'}")
    component = _sub(collection, "component", **{"class": "amendment"})
    if entry.star:
        component.set(_ukl("statusIndicator"), entry.star)
    amendment = _sub(component, "amendment", name=f"{house}amnd")
    meta = _sub(amendment, "meta")
    ident = _sub(meta, "identification", source="#ldapp")
    blank = {"value": ""}
    undated = {"date": "9999-01-01", "name": ""}
    _frbr(
        ident,
        "FRBRWork",
        [
            ("FRBRthis", blank),
            ("FRBRuri", blank),
            ("FRBRdate", undated),
            ("FRBRauthor", {"href": ""}),
            ("FRBRcountry", {"value": "GB-UKM"}),
        ],
    )
    _frbr(
        ident,
        "FRBRExpression",
        [
            ("FRBRthis", blank),
            ("FRBRuri", blank),
            ("FRBRdate", undated),
            ("FRBRauthor", {"href": ""}),
            ("FRBRlanguage", {"language": "eng"}),
        ],
    )
    _frbr(
        ident,
        "FRBRManifestation",
        [
            ("FRBRthis", blank),
            ("FRBRuri", blank),
            ("FRBRdate", undated),
            ("FRBRauthor", {"href": ""}),
            ("FRBRformat", {"value": "application/akn+xml"}),
        ],
    )
    workflow = _sub(meta, "workflow", source="#ldapp")
    when = f"{info.date}T00:00:00" if info.date else "9999-01-01T00:00:00"
    _identified(
        workflow, "step", ids, f"{base}__step", by="#proponent", date=when, outcome="#tabled"
    )
    if a.status in _OUTCOME_OF:
        _identified(
            workflow,
            "step",
            ids,
            f"{base}__step",
            by="#parliament",
            date=when,
            outcome=_OUTCOME_OF[a.status],
        )
    people: list[str] = []
    if a.sponsors:
        references = _sub(meta, "references", source="#author")
        for n, name in enumerate(a.sponsors, 1):
            person = f"{base}#person-{n}"
            people.append(person)
            _sub(
                references,
                "TLCPerson",
                GUID=ids.guid(person),
                eId=ids.eid(person),
                href="#" + re.sub(r"\s+", "_", name),
                showAs=name,
                ukl_class="varProposer" if n == 1 else "varSupporters",
            )
    preface = _identified(amendment, "preface", ids, f"{base}__fnt")
    title = _sub(preface, "block", name="title")
    affected = _sub(title, "affectedDocument", href="#varBillTitle")
    _sub(affected, "ref", **{"class": "placeholder", "href": "#varBillTitle"})
    affected.tail = " — "
    _sub(title, "docStage", info.stage)

    kind, page, provision = _targets(entry, bill)
    attrs = {"ukl_location": ""}
    if line_numbered:
        attrs["ukl_lineNumber"] = "true"
    if entry.member_in_charge:
        attrs["ukl_memberInCharge"] = entry.member_in_charge
    attrs |= {"ukl_targetPage": page, "ukl_targetProvision": provision}
    if sort_key:
        attrs["ukl_targetSortKey"] = sort_key
    attrs["ukl_type"] = kind
    body = _sub(amendment, "amendmentBody", GUID=ids.guid(base), eId=base, **attrs)
    if entry.context or people:
        heading = _identified(body, "amendmentHeading", ids, f"{base}__hdg")
        if entry.context:
            _sub(heading, "block", entry.context, name="amendContext")
        if people:
            proposer = _sub(heading, "block", name="proposer")
            _sub(proposer, "docIntroducer", a.sponsors[0], refersTo=people[0])
        if len(people) > 1:
            supporters = _sub(heading, "block", name="supporters")
            for name, person in zip(a.sponsors[1:], people[1:], strict=True):
                _sub(supporters, "docProponent", name, refersTo=person)
    content = _identified(body, "amendmentContent", ids, f"{base}__cont")
    tblock = _sub(content, "tblock")
    num = _sub(tblock, "num", a.number)
    if entry.lawmaker is not None and entry.lawmaker.dnum:
        num.set(_ukl("dnum"), entry.lawmaker.dnum)
    instruction = _sub(tblock, "block", name="instruction")
    if entry.structure:
        schedule = isinstance(a.operations[0] if a.operations else None, NewSchedule) or (
            a.target.schedule is not None
        )
        _write_inserted(instruction, entry, schedule, f"{base}__cont__qstr", ids)
    else:
        instruction.text = entry.wording
    if a.explanatory_statement:
        justification = _sub(body, "amendmentJustification")
        container = _sub(justification, "blockContainer", **{"class": "explanatoryStatement"})
        _identified(container, "heading", ids, f"{base}__hdg", "Member's explanatory statement")
        for paragraph in a.explanatory_statement.split("\n"):
            _sub(container, "p", paragraph)


# Units and the elements that hold them.

# amendment papers number a Schedule's eId "sch_N" (the Energy Bill paper), bills "sched_N"
_EID_PREFIX = {**EID_PREFIX, "schedule": "sch"}
_BARE_NUM = re.compile(r"[0-9]+[A-Z]*|[A-Z]{1,2}[0-9]+[A-Z]*")
_SUBSECTION_NUM = re.compile(r"\(\s?\)|\([0-9]+[A-Z]*\)")


def _definition_term(text: str) -> tuple[str, str] | None:
    """“term” and the words after it, when ``text`` starts with a defined term."""
    if not text.startswith(OPEN):
        return None
    depth = 0
    for pos, ch in enumerate(text):
        depth += 1 if ch == OPEN else -1 if ch == CLOSE else 0
        if depth == 0:
            return text[1:pos], text[pos + 1 :]
    return None


def _kind(b: Block, parent: str | None, schedule: bool) -> str:
    """Which element a unit is written as: from its number and where it stands."""
    num = b.num
    if re.match(r"(?i)part\b", num):
        return "part"
    if re.match(r"(?i)chapter\b", num):
        return "chapter"
    if re.match(r"(?i)schedule\b", num):
        return "schedule"
    if not num:
        if b.heading:
            # Over numbered clauses (or Schedule paragraphs) a heading is a crossheading.
            if b.children and all(_BARE_NUM.fullmatch(c.num) for c in b.children):
                return "crossheading"
            return "paragraph" if schedule else "section"
        if _definition_term(b.text) is not None:
            return "definition"
        # A clause with one unnumbered subsection (or words after its subsections).
        return "subsection" if parent == "section" else "level"
    if _BARE_NUM.fullmatch(num):
        return "paragraph" if schedule or parent == "schedule" else "section"
    if _SUBSECTION_NUM.fullmatch(num) and parent not in (
        "subsection",
        "subparagraph",
        "level",
        "definition",
    ):
        return "subparagraph" if schedule or parent == "paragraph" else "subsection"
    return "level"


def _level_depth(b: Block, parent_depth: int) -> int:
    if parent_depth:
        return parent_depth + 1
    if re.fullmatch(r"\([A-Z]+\)", b.num):
        return 3
    if ROMAN.fullmatch(b.num) and len(b.num) > 3:
        return 2
    return 1


def _write_inserted(
    instruction: etree._Element, entry: Entry, schedule: bool, base: str, ids: _Ids
) -> None:
    """``<mod>`` words ``<quotedStructure>``… ``<inline name="AppendText">``: one
    quotedStructure per run of units of the same kind, as LawMaker splits them; the
    quotation opens on the first (unless the words opened it) and closes on the last."""
    mod = _sub(instruction, "mod", entry.wording)
    op = entry.amendment.operations[0] if entry.amendment.operations else None
    runs: list[list[tuple[Block, str]]] = []
    for b in entry.structure:
        kind = _kind(b, None, schedule)
        if len(entry.structure) == 1 and isinstance(op, NewClause):
            kind = "section"
        elif len(entry.structure) == 1 and isinstance(op, NewSchedule):
            kind = "schedule"
        if kind == "level" and not b.num and not b.heading and not b.children:
            kind = "wrapup"
        if runs and runs[-1][-1][1] == kind and kind != "wrapup":
            runs[-1].append((b, kind))
        else:
            runs.append([(b, kind)])
    opened = entry.wording.count(OPEN) > entry.wording.count(CLOSE)
    for n, run in enumerate(runs):
        start = "" if n or opened else OPEN
        end = CLOSE if n == len(runs) - 1 else ""
        qs_eid = ids.eid(base if n == 0 else f"{base}__oc_{n}")
        qs = _sub(
            mod,
            "quotedStructure",
            GUID=ids.guid(qs_eid),
            eId=qs_eid,
            endQuote=end,
            startQuote=start,
            ukl_context="schedule" if schedule else "body",
            ukl_docName="ukpga",
            ukl_indent="indent0",
        )
        for b, kind in run:
            if kind == "wrapup":
                wrap = _identified(qs, "wrapUp", ids, f"{qs_eid}__wrapup")
                _sub(wrap, "p", b.text)
            else:
                _write_unit(qs, b, kind, schedule, qs_eid, 0, ids)
    _sub(mod, "inline", entry.after, name="AppendText")


def _write_unit(
    parent: etree._Element,
    b: Block,
    kind: str,
    schedule: bool,
    base: str,
    level_depth: int,
    ids: _Ids,
) -> None:
    tag, cls, name = ELEMENTS[kind]
    depth = 0
    if kind == "level":
        depth = _level_depth(b, level_depth)
        cls = f"para{depth}"
        prefix = LEVEL_EID.get(depth, f"para{depth}")
    else:
        prefix = _EID_PREFIX[kind]
        if kind in ("part", "crossheading") and schedule:
            cls = "sch" + cls[0].upper() + cls[1:]
    term = _definition_term(b.text) if kind == "definition" else None
    label = _eid_part(re.sub(r"(?i)^(part|chapter|schedule)\s+", "", b.num))
    if kind == "definition" and term is not None:
        label = _eid_part(term[0]).lower() + "_"
    eid = ids.eid(f"{base}__{prefix}_{label}" if label else f"{base}__{prefix}")
    attrs = {"GUID": ids.guid(eid), "class": cls, "eId": eid}
    if name:
        attrs["name"] = name
    el = _sub(parent, tag, **attrs)
    if b.num or kind == "section":
        _sub(el, "num", b.num)
    if b.heading:
        _identified(el, "heading", ids, f"{eid}__hdg", b.heading)
    child_schedule = schedule or kind in ("schedule", "paragraph")
    quoted = _quotation(b.children) if b.children and not b.wrap_up else None
    if quoted is not None:
        units, after = quoted
        p = _sub(_sub(el, "content"), "p")
        mod = _sub(p, "mod", b.text)
        qs_eid = ids.eid(f"{eid}__qstr")
        qs = _sub(
            mod,
            "quotedStructure",
            GUID=ids.guid(qs_eid),
            eId=qs_eid,
            endQuote=CLOSE,
            startQuote=OPEN,
            ukl_context="body",
            ukl_docName="ukpga",
            ukl_indent="indent0",
        )
        for unit in units:
            _write_unit(qs, unit, _kind(unit, None, False), False, qs_eid, 0, ids)
        _sub(mod, "inline", after, name="AppendText")
    elif b.children:
        if b.text:
            _write_p(_identified(el, "intro", ids, f"{eid}__intro"), b.text, kind, eid, ids)
        for child in b.children:
            child_kind = _kind(child, kind, child_schedule)
            _write_unit(el, child, child_kind, child_schedule, eid, depth, ids)
        if b.wrap_up:
            _sub(_identified(el, "wrapUp", ids, f"{eid}__wrapup"), "p", b.wrap_up)
    else:
        if b.wrap_up:
            raise PaperError(
                "<paper>",
                f"a unit ({b.num or b.heading or b.text[:30]}) has words after its "
                "units (a wrap-up) but no units",
            )
        _write_p(_sub(el, "content"), b.text, kind, eid, ids)


def _write_p(parent: etree._Element, text: str, kind: str, eid: str, ids: _Ids) -> None:
    p = _sub(parent, "p")
    term = _definition_term(text) if kind == "definition" else None
    if term is None:
        p.text = text
        return
    defined = _identified(
        p, "def", ids, eid.removesuffix("_"), term[0], ukl_endQuote=CLOSE, ukl_startQuote=OPEN
    )
    defined.tail = term[1]


# --- the text format -------------------------------------------------------------------------

_HEADER = (
    ("Bill", "title"),
    ("Bill number", "bill_number"),
    ("Print", "version"),
    ("House", "house"),
    ("Stage", "stage"),
    ("Date", "date"),
    ("Session", "session"),
    ("Project", "project"),
    ("Paper", "kind"),
    ("Heading", "heading"),
)
_HEADER_FIELDS = dict(_HEADER)
_FIELDS = ("Context", "Sponsors", "Sort key", "Status", "To amendment", "Explanatory statement")
_LABEL = re.compile(r"([A-Z][a-z]*(?: [a-z]+){0,2}):(?: (.*))?$")
_AMENDMENT = re.compile(r"Amendment(?: (\S+))?(.*)$")
_AMENDMENT_LINE = re.compile(r"Amendment [^\s“”]+(?: [☆★])?(?: \[[^\]]*\])?$")
_STARS = "☆★"
_INDENT = "    "

# A number at the start of a structure line: "(1)" "(2A)" "(aa)" "(iv)" "( )" "37A" "A1"
# "Part 2" "Chapter 3A" "Schedule 1", with the opening mark of a quotation before it.
_LINE_NUM = re.compile(
    r"“?(?:\([^()\s]{1,8}\)|\( ?\)|(?:Part|Chapter|Schedule) [0-9A-Z]{1,6}"
    r"|[0-9]{1,4}[A-Z]{0,3}|[A-Z]{1,2}[0-9]{1,4}[A-Z]{0,3})(?= |$)"
)
_BRACED = re.compile(r"\{([^{}]*)\}(?= |$)")
_NEW_UNIT = re.compile(r"(?i)\bfollowing (?:new )?(?:clause|schedule) *[—–-]? *$")


def write_paper_text(paper: Paper) -> str:
    """The paper in drafter's plain-text format (README.md, "Amendment papers")."""
    out: list[str] = []
    info = paper.info
    for label, name in _HEADER:
        value = getattr(info, name)
        if value:
            out.append(f"{label}: {value}")
    out.extend(f"Note: {note}" for note in info.notes)
    # The key a text paper would get without "Sort key:" (its LawMaker attributes are not in
    # the text), so that a key is written exactly when reading the text back needs it.
    computed = _computed_sort_keys([replace(e, lawmaker=None) for e in paper.entries])
    for entry, key in zip(paper.entries, computed, strict=True):
        if out:
            out.append("")
        out.extend(_entry_lines(entry, key))
    return "\n".join(out) + "\n" if out else ""


def _entry_lines(entry: Entry, computed_key: str) -> list[str]:
    a = entry.amendment
    head = f"Amendment {a.number}"
    if entry.star:
        head += f" {entry.star}"
    if entry.member_in_charge:
        tag = "government" if entry.member_in_charge == "gov" else entry.member_in_charge
        head += f" [{tag}]"
    lines = [head]
    if entry.context:
        lines.append(f"Context: {entry.context}")
    if a.sponsors:
        lines.append("Sponsors: " + "; ".join(a.sponsors))
    if entry.sort_key and entry.sort_key != computed_key:
        lines.append(f"Sort key: {entry.sort_key}")
    if entry.amends:
        lines.append(f"To amendment: {entry.amends}")
    lines.append(entry.wording)
    structure = entry.structure
    if _quotation(structure) is not None:
        # Units that would read back as quoted as a whole: quote them, as the paper does,
        # so that reading takes off these marks and not the units' own.
        units = list(structure)
        units[0] = _prefixed(units[0], OPEN)
        units[-1] = _suffixed(units[-1], CLOSE)
        structure = tuple(units)
    # A new clause's first line is read as its heading: a clause without one says so ({}).
    headless = _NEW_UNIT.search(entry.wording) is not None and len(structure) == 1
    for b in structure:
        plain_first = headless and not b.num and not b.heading
        lines.extend(_unit_lines(b, 1, explicit=plain_first))
    if entry.after:
        lines.append(entry.after)
    lines.extend(f"Explanatory statement: {p}" for p in a.explanatory_statement.split("\n") if p)
    if a.status is not Status.TABLED:
        lines.append(f"Status: {a.status.value}")
    return lines


def _unit_lines(b: Block, depth: int, explicit: bool) -> list[str]:
    """One line per unit (number, then heading or words), units inside indented under it."""
    indent = _INDENT * depth
    if (b.num and not _LINE_NUM.fullmatch(b.num)) or (explicit and not b.num):
        num = "{" + b.num + "}"
    else:
        num = b.num
    lines: list[str] = []
    under = depth + 1
    if b.heading:
        lines.append(indent + (num + " " if num else "") + "# " + b.heading)
        if b.text:
            lines.append(_INDENT * under + _escaped(b.text, numbered=False))
            under += 1
    elif num:
        lines.append(indent + num + (" " + _escaped(b.text, numbered=True) if b.text else ""))
    else:
        lines.append(indent + _escaped(b.text, numbered=False))
    for i, child in enumerate(b.children):
        first_plain = i == 0 and b.heading and not b.text and not child.num and not child.heading
        lines.extend(_unit_lines(child, under, explicit=bool(first_plain)))
    if b.wrap_up:
        lines.append(_INDENT * under + "... " + b.wrap_up)
    return lines


def _escaped(text: str, numbered: bool) -> str:
    """Words as written on a unit's line: a backslash in front when they would otherwise read
    as a number, a heading (#), a wrap-up (...) or an escape."""
    special = text.startswith(("# ", "... ", "\\")) or text in ("#", "...")
    if not numbered:
        special = (
            special
            or not text  # a line of spaces would read as the blank line between amendments
            or bool(_LINE_NUM.match(text))
            or bool(_BRACED.match(text))
            or text.startswith(OPEN + "#")
        )
    return "\\" + text if special else text


# Reading the text format.


@dataclass
class _Line:
    number: int
    depth: int
    text: str  # without the indentation


@dataclass
class _Node:
    line: _Line
    num: str = ""
    heading: str = ""
    text: str = ""
    headed: bool = False
    plain: bool = False  # unnumbered, unheaded, not explicit: may be a headed unit's words
    wrap: bool = False
    kids: list[_Node] = field(default_factory=list)


def read_paper_text(
    source: str | os.PathLike[str], *, path: str | None = None, strict: bool = False
) -> Paper:
    """Read a plain-text paper from a file (a path, or a string naming an existing file), or
    from the text itself. Mistakes in its layout raise :class:`PaperError` naming the file,
    line and amendment; wordings that do not parse are kept with their problem (see
    :attr:`Paper.problems`), or raise with ``strict``."""
    if isinstance(source, os.PathLike) or (
        "\n" not in source and (os.path.isfile(source) or source.lower().endswith((".txt", ".xml")))
    ):
        name = path or os.fspath(source)
        text = _read_text(source, name)
    else:
        name = path or "<text>"
        text = source
    return _TextReader(name, text, strict).paper()


def _read_text(source: str | os.PathLike[str], name: str) -> str:
    data = _read_bytes(source, name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise PaperError(name, "not valid UTF-8 here; save the paper as UTF-8", line) from None
    return text.removeprefix("\ufeff")


def _read_bytes(source: str | os.PathLike[str], name: str) -> bytes:
    try:
        info = os.stat(source)
    except FileNotFoundError:
        raise PaperError(name, "no such file") from None
    except OSError as err:
        raise PaperError(name, f"cannot open: {err.strerror or err}") from None
    if stat.S_ISDIR(info.st_mode):
        raise PaperError(name, "is a directory, not a paper")
    if not stat.S_ISREG(info.st_mode):
        raise PaperError(name, "not a regular file (a device, pipe or socket?)")
    if info.st_size > MAX_BYTES:
        raise PaperError(name, f"refused: the file is larger than {MAX_BYTES // 2**20} MB")
    try:
        return Path(source).read_bytes()
    except OSError as err:
        raise PaperError(name, f"cannot read: {err.strerror or err}") from None


class _TextReader:
    def __init__(self, path: str, text: str, strict: bool) -> None:
        self.path = path
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.strict = strict

    def fail(self, line: int, reason: str, amendment: str = "") -> PaperError:
        return PaperError(self.path, reason, line, amendment)

    def paper(self) -> Paper:
        groups: list[list[tuple[int, str]]] = []
        current: list[tuple[int, str]] = []
        for n, raw in enumerate(self.lines, 1):
            if "\t" in raw:
                raw = raw.expandtabs(4)
            if raw.strip():
                current.append((n, raw.rstrip()))
            elif current:
                groups.append(current)
                current = []
        if current:
            groups.append(current)
        info = PaperInfo()
        if groups and not groups[0][0][1].startswith("Amendment"):
            info = self.header(groups.pop(0))
        entries: list[Entry] = []
        seen: dict[str, int] = {}
        context_amends: str | None = None
        for group in groups:
            entry = self.entry(group, context_amends)
            first = group[0][0]
            if entry.number in seen:
                raise self.fail(
                    first,
                    f"a second amendment {entry.number} (the first is on line "
                    f"{seen[entry.number]})",
                    entry.number,
                )
            seen[entry.number] = first
            if entry.context:
                context_amends = amendment_context(entry.context) or context_amends
            entries.append(entry)
        return Paper(info=info, entries=tuple(entries))

    def header(self, group: list[tuple[int, str]]) -> PaperInfo:
        values: dict[str, str] = {}
        notes: list[str] = []
        for n, line in group:
            m = _LABEL.match(line)
            if _AMENDMENT_LINE.match(line):
                raise self.fail(
                    n, "put a blank line between the paper's heading and this amendment"
                )
            if line[:1].isspace() or not m:
                raise self.fail(
                    n,
                    f"expected “Amendment <number>” to start an amendment, or a heading line "
                    f"such as “Bill: …”; found “{_clip(line)}”",
                )
            label, value = m.group(1), (m.group(2) or "").strip()
            if label == "Note":
                notes.append(value)
                continue
            if label not in _HEADER_FIELDS:
                known = ", ".join([lbl for lbl, _ in _HEADER] + ["Note"])
                if label in _FIELDS:
                    raise self.fail(n, f"“{label}:” belongs in an amendment, after its number")
                raise self.fail(n, f"unknown heading field “{label}:” (expected one of {known})")
            name = _HEADER_FIELDS[label]
            if name in values:
                raise self.fail(n, f"“{label}:” is given twice")
            values[name] = value
        return PaperInfo(**values, notes=tuple(notes))

    def entry(self, group: list[tuple[int, str]], context_amends: str | None) -> Entry:
        first, head = group[0]
        m = _AMENDMENT.match(head)
        if not m or not head.startswith("Amendment"):
            raise self.fail(
                first,
                f"expected “Amendment <number>” to start an amendment (amendments are "
                f"separated by blank lines); found “{_clip(head)}”",
            )
        number = m.group(1) or ""
        if not number:
            raise self.fail(first, "“Amendment” without a number (e.g. “Amendment 4”)")
        star, member = self.flags(m.group(2), first, number)
        fields: dict[str, tuple[int, str]] = {}
        statement: list[str] = []
        wording: list[str] = []
        after: list[str] = []
        structure: list[_Line] = []
        wording_line = 0
        # Fields may come anywhere after the number; the words (wording, inserted structure,
        # words after it) must stand together.
        state = "fields"  # -> wording -> structure -> after -> done (a field after the words)
        last_field = ""
        for n, line in group[1:]:
            width = len(line) - len(line.lstrip(" "))
            body = line.strip()
            if width:
                if last_field:
                    if last_field == "Explanatory statement":
                        statement[-1] += " " + body
                    else:
                        ln, value = fields[last_field]
                        fields[last_field] = (ln, f"{value} {body}")
                    continue
                if state not in ("wording", "structure"):
                    raise self.fail(
                        n,
                        "an indented line (inserted structure) that does not follow the "
                        "amendment's words: units go on the lines straight after them",
                        number,
                    )
                state = "structure"
                structure.append(_Line(n, width, body))
                continue
            label = _LABEL.match(body)
            if label:
                name, value = label.group(1), (label.group(2) or "").strip()
                if name not in _FIELDS:
                    known = ", ".join(_FIELDS)
                    raise self.fail(n, f"unknown field “{name}:” (expected one of {known})", number)
                last_field = name
                if state != "fields":
                    state = "done"
                if name == "Explanatory statement":
                    statement.append(value)
                    continue
                if name in fields:
                    raise self.fail(n, f"“{name}:” is given twice", number)
                fields[name] = (n, value)
                continue
            last_field = ""
            if _AMENDMENT_LINE.match(body):
                raise self.fail(
                    n, "amendments are separated by blank lines: put one before this line", number
                )
            if state == "done":
                raise self.fail(
                    n,
                    "more words after the fields that follow the amendment's words: an "
                    "amendment's words go together, on the lines after its number and sponsors",
                    number,
                )
            if state in ("fields", "wording"):
                if state == "fields":
                    wording_line = n
                state = "wording"
                wording.append(body)
            else:
                state = "after"
                after.append(body)
        if not wording:
            raise self.fail(
                first,
                "no wording: after the number and sponsors, write the amendment's words (e.g. "
                "“Clause 2, page 3, line 34, leave out “a service””)",
                number,
            )
        sponsors: tuple[str, ...] = ()
        if "Sponsors" in fields:
            n, value = fields["Sponsors"]
            sponsors = tuple(s.strip() for s in value.split(";"))
            if not value or any(not s for s in sponsors):
                raise self.fail(
                    n, "an empty name in “Sponsors:” (names are separated by “;”)", number
                )
        status = Status.TABLED
        if "Status" in fields:
            n, value = fields["Status"]
            try:
                status = Status(value.lower())
            except ValueError:
                known = ", ".join(s.value for s in Status)
                raise self.fail(
                    n, f"unknown status “{value}” (expected one of: {known})", number
                ) from None
        for name in ("Sort key", "To amendment", "Context"):
            if name in fields and not fields[name][1]:
                raise self.fail(fields[name][0], f"“{name}:” with nothing after it", number)
        sort_key = fields.get("Sort key", (0, ""))[1]
        if " " in sort_key:
            raise self.fail(
                fields["Sort key"][0], f"a sort key is one word, not “{sort_key}”", number
            )
        lead = " ".join(wording)
        units = self.structure(structure, number, _NEW_UNIT.search(lead) is not None)
        return make_entry(
            number,
            lead,
            units,
            after=" ".join(after),
            sponsors=sponsors,
            explanatory_statement="\n".join(statement),
            status=status,
            star=star,
            member_in_charge=member,
            context=fields.get("Context", (0, ""))[1],
            amends=fields.get("To amendment", (0, ""))[1],
            context_amends=context_amends,
            sort_key=sort_key,
            strict=self.strict,
            where=(self.path, wording_line),
        )

    def flags(self, rest: str, line: int, number: str) -> tuple[str, str]:
        star, member = "", ""
        for token in re.findall(r"\[[^\]]*\]|\S+", rest):
            if token in _STARS and not star:
                star = token
            elif token.startswith("[") and not member:
                inner = token[1:-1].strip()
                member = "gov" if inner == "government" else inner
                if not member:
                    raise self.fail(line, "empty “[]” after the number", number)
            else:
                raise self.fail(
                    line,
                    f"unexpected “{token}” after the number (expected ☆ or ★, or “[government]”)",
                    number,
                )
        return star, member

    # Inserted structure: indentation gives the tree.

    def structure(self, lines: list[_Line], number: str, new_unit: bool) -> tuple[Block, ...]:
        """The inserted units. A new clause's first line is its heading even without "#"
        (as it is printed); quotation marks around the whole insertion, as printed on the
        paper, are taken off (they are not part of what is inserted)."""
        if not lines:
            return ()
        roots = self.tree(lines, number)
        if new_unit and len(roots) == 1 and roots[0].plain and not roots[0].heading:
            roots[0].headed, roots[0].heading, roots[0].text = True, roots[0].text, ""
            roots[0].plain = False
        units = tuple(self.block(node, number) for node in roots)
        quoted = _quotation(units)
        if quoted is not None and not quoted[1]:
            units = quoted[0]
        return units

    def tree(self, lines: list[_Line], number: str) -> list[_Node]:
        widths: list[int] = []
        roots: list[_Node] = []
        stack: list[_Node] = []
        for line in lines:
            width = line.depth
            while widths and width < widths[-1]:
                widths.pop()
                if not widths:
                    raise self.fail(
                        line.number,
                        "this line's indentation matches no line above it (indent each level "
                        "of units by the same amount, 4 spaces)",
                        number,
                    )
            if not widths or width > widths[-1]:
                if widths and not stack:
                    raise self.fail(line.number, "inconsistent indentation", number)
                widths.append(width)
            elif width != widths[-1]:
                raise self.fail(
                    line.number,
                    "this line's indentation matches no line above it (indent each level of "
                    "units by the same amount, 4 spaces)",
                    number,
                )
            depth = len(widths) - 1
            node = self.node(line, number)
            del stack[depth:]
            if depth == 0:
                if node.wrap:
                    raise self.fail(
                        line.number, "a wrap-up (“... ”) must be indented under its unit", number
                    )
                roots.append(node)
            else:
                if len(stack) < depth:
                    raise self.fail(line.number, "indented further than the line above", number)
                stack[depth - 1].kids.append(node)
            stack.append(node)
        return roots

    def node(self, line: _Line, number: str) -> _Node:
        text = line.text
        node = _Node(line)
        if text.startswith("... ") or text == "...":
            node.wrap = True
            node.text = text[4:].strip()
            return node
        explicit = False
        if m := _BRACED.match(text):
            node.num, text, explicit = m.group(1).strip(), text[m.end() :].lstrip(), True
        elif m := _LINE_NUM.match(text):
            node.num, text = m.group(), text[m.end() :].lstrip()
        mark = OPEN if text.startswith(OPEN + "#") and not node.num and not explicit else ""
        if text[len(mark) :].startswith("# ") or text[len(mark) :] == "#":
            node.headed = True
            node.heading = mark + text[len(mark) + 2 :].strip()
            return node
        if text.startswith("\\"):
            text = text[1:]
        node.text = text.strip()
        node.plain = not node.num and not explicit
        return node

    def block(self, node: _Node, number: str) -> Block:
        kids = list(node.kids)
        text = node.text
        if node.headed and kids and kids[0].plain and not kids[0].wrap:
            words = kids.pop(0)
            text = words.text
            kids = words.kids + kids
        wrap_up = ""
        units: list[Block] = []
        for i, kid in enumerate(kids):
            if kid.wrap:
                if i != len(kids) - 1:
                    raise self.fail(
                        kid.line.number,
                        "a wrap-up (“... ”) must come after the last unit",
                        number,
                    )
                if not units:
                    raise self.fail(
                        kid.line.number,
                        "a wrap-up (“... ”) follows units; this one has none above it",
                        number,
                    )
                wrap_up = kid.text
            else:
                units.append(self.block(kid, number))
        return Block(
            num=node.num, heading=node.heading, text=text, children=tuple(units), wrap_up=wrap_up
        )


def _clip(text: str, width: int = 60) -> str:
    text = text.strip()
    return text if len(text) <= width else text[: width - 1] + "…"


# --- files -----------------------------------------------------------------------------------


def load_paper(path: str | os.PathLike[str], *, strict: bool = False) -> Paper:
    """Read a paper in either format, told apart by its content: XML starts with "<"."""
    name = os.fspath(path)
    data = _read_bytes(path, name)
    start = data.removeprefix(b"\xef\xbb\xbf").lstrip()
    if start.startswith(b"<"):
        try:
            return read_paper(path, strict=strict)
        except XMLInputError as err:
            raise PaperError(name, err.reason, err.line) from None
    return read_paper_text(Path(path), path=name, strict=strict)


def save_paper(paper: Paper, path: str | os.PathLike[str], bill: Bill | None = None) -> None:
    """Write a paper atomically: Akoma Ntoso for a ``.xml`` file (``bill`` as for
    :func:`write_paper_xml`), the text format otherwise."""
    if os.fspath(path).lower().endswith(".xml"):
        data = write_paper_xml(paper, bill)
    else:
        data = write_paper_text(paper).encode("utf-8")
    write_atomic(path, data)
