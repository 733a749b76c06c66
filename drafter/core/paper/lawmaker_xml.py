"""LawMaker's ``amendmentList`` XML: reading a paper from it, the attributes LawMaker records
for an amendment (``ukl:type``, ``ukl:targetPage``, ``ukl:targetProvision``,
``ukl:targetSortKey``) computed when a paper has none, and writing a paper as it."""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from drafter.core.akn import (
    AKN_NS,
    EID_PREFIX,
    ELEMENTS,
    LEVEL_EID,
    UKL_NS,
    Ids,
    akn,
    eid_part,
    unit_kinds,
)
from drafter.core.amendment import (
    Amendment,
    Block,
    LeaveOutClause,
    LeaveOutSchedule,
    NewClause,
    NewSchedule,
    StandPart,
    Status,
    cited_line,
    heading_first,
)
from drafter.core.etree import etree
from drafter.core.files import xml_bytes
from drafter.core.paper.model import (
    CLOSE,
    OPEN,
    Entry,
    LawMaker,
    Paper,
    PaperError,
    PaperInfo,
    is_reference,
    make_entry,
)
from drafter.core.paper.places import clause_holding, line_bitten
from drafter.core.paper.xml_text import (
    leading_tables,
    local_name,
    opens_quotation,
    quotation_of,
    raw_words,
    squash_space,
    ukl_name,
    units_of,
    words_of,
    write_table,
)
from drafter.core.wording import amendment_context
from drafter.core.xml import parse_bytes, parse_file, require_akn_root

if TYPE_CHECKING:
    from drafter.core.bill import Bill

_XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
#: drafter's own marks on a paper (LawMaker has no word for them): ``drafter:cites``, the print
#: an amendment still cites when a rebase could not carry it onto the paper's
DRAFTER_NS = "urn:drafter:paper"
_CITES = f"{{{DRAFTER_NS}}}cites"


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


#: amendments read, by their XML and what else reading them depends on (see
#: :func:`read_paper`)
EntriesRead = dict[tuple[object, ...], "Entry"]


def read_paper(
    path: str | os.PathLike[str], *, strict: bool = False, shared: EntriesRead | None = None
) -> Paper:
    """Read a LawMaker amendment paper or marshalled list (``amendmentList`` XML). Wordings
    that do not parse are kept with their problem (see :attr:`Paper.problems`), or raise
    :class:`PaperError` with ``strict``. ``shared``: the amendments read from another
    version of the list, by their XML; one this list has word for word is not read again
    (two versions of a list share most)."""
    return _paper_from_tree(parse_file(path), str(path), strict, shared)


def paper_from_xml(data: bytes, path: str = "<paper>", *, strict: bool = False) -> Paper:
    """:func:`read_paper` for XML already in memory."""
    return _paper_from_tree(parse_bytes(data, path), path, strict, None)


def _paper_from_tree(
    tree: etree._ElementTree, path: str, strict: bool, shared: EntriesRead | None
) -> Paper:
    root = require_akn_root(tree, path)
    doc = next((c for c in root if isinstance(c.tag, str)), None)
    if doc is None or local_name(doc) != "amendmentList":
        found = f"<{local_name(doc)}>" if doc is not None else "nothing"
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
        if local_name(component) != "component":
            continue
        amendment = component.find(akn("amendment"))
        if amendment is None:
            statements.append(etree.tostring(component, encoding="unicode", with_tail=False))
            continue
        try:
            entry = (
                _entry(component, amendment, refs, path, strict, context_amends)
                if shared is None
                else _shared_entry(shared, component, amendment, refs, path, strict, context_amends)
            )
            if entry.number in seen:
                line = amendment.sourceline or 0
                raise PaperError(path, "the paper holds this amendment twice", line, entry.number)
        except PaperError as err:
            if strict:
                raise
            # one amendment drafter cannot read does not cost the paper: it is listed in its
            # place with the reason, and the others read, check and apply
            entry = _unreadable(err, len(entries) + 1, seen)
        if entry.context:
            context_amends = amendment_context(entry.context) or context_amends
        seen.add(entry.number)
        entries.append(entry)
    return Paper(info=info, entries=tuple(entries), statements=tuple(statements))


_PLACEHOLDER = re.compile(rb'href="#([^"]*)"')


def _shared_entry(
    shared: EntriesRead,
    component: etree._Element,
    amendment: etree._Element,
    refs: dict[str, str],
    path: str,
    strict: bool,
    context_amends: str | None,
) -> Entry:
    """:func:`_entry`, or the entry read before from the same XML (entries are immutable;
    one that could not be read, whose message names its file and line, is not shared)."""
    xml = etree.tostring(component, with_tail=False)
    filled = tuple((name, refs.get(name.decode(), "")) for name in _PLACEHOLDER.findall(xml))
    key = (xml, filled, context_amends, strict)
    entry = shared.get(key)
    if entry is None:
        entry = _entry(component, amendment, refs, path, strict, context_amends)
        if not entry.problem:
            shared[key] = entry
    return entry


def _unreadable(err: PaperError, position: int, seen: set[str]) -> Entry:
    """An entry for an amendment whose XML cannot be read, named by its number when it has
    one (a second one of a number is "12 (again)"), else by its place on the paper ("[#3]")."""
    number = err.amendment or f"[#{position}]"
    while number in seen:
        number += " (again)"
    return Entry(
        amendment=Amendment(number, (), unread=err.reason),
        wording="",
        problem=str(err),
        problem_reason=err.reason,
    )


def _info(doc: etree._Element, refs: dict[str, str]) -> PaperInfo:
    values = {name: refs.get(ref, "") for ref, name in _INFO_REFS.items()}
    preface = doc.find(akn("preface"))
    heading = title_note = ""
    notes: tuple[str, ...] = ()
    if preface is not None:
        # The preface repeats stage and date (with a placeholder date when there is none):
        # read it only for a paper whose references do not say.
        if "varStageVersion" not in refs:
            values["stage"] = words_of(preface.find(f".//{akn('docStage')}"), refs)
        if "varPublishDate" not in refs:
            date = preface.find(f".//{akn('docDate')}")
            values["date"] = date.get("date", "") if date is not None else ""
        for block in preface.iterfind(akn("block")):
            if block.get("name") == "listType":
                heading = words_of(block, refs)
            title_ref = block.find(f"{akn('affectedDocument')}/{akn('ref')}")
            if block.get("name") == "title" and title_ref is not None:
                title_note = " ".join((title_ref.tail or "").split()).lstrip(", ")
        for container in preface.iterfind(akn("blockContainer")):
            if container.get("class") == "legend":
                notes += tuple(words_of(p, refs) for p in container if local_name(p) == "p")
    kind = refs["varDocType"] if "varDocType" in refs else doc.get("name", "")
    return PaperInfo(**values, kind=kind, heading=heading, notes=notes, title_note=title_note)


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
    number = words_of(num_el, refs)
    dnum = num_el.get(ukl_name("dnum"), "") if num_el is not None else ""
    if not number and dnum:
        # a list of draft amendments: until it is marshalled an amendment has only LawMaker's
        # reference, printed in brackets ("[HoC18]")
        number = f"[{dnum}]"
    if not number and (eid := amendment.get("eId") or body.get("eId") or "").startswith("amnd_"):
        number = f"[{eid.removeprefix('amnd_')}]"  # LawMaker names it in its eId
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
            context = words_of(block, refs)
        else:
            for person in block:
                if local_name(person) in ("docIntroducer", "docProponent"):
                    name = words_of(person, refs)
                    if name:
                        sponsors.append(name)
    statement = "\n".join(
        words_of(p, refs)
        for container in body.iterfind(f"{akn('amendmentJustification')}/{akn('blockContainer')}")
        for p in container
        if local_name(p) == "p"
    )
    status = Status.TABLED
    for step in amendment.iterfind(f"{akn('meta')}/{akn('workflow')}/{akn('step')}"):
        status = _STATUS_OUTCOMES.get(step.get("outcome", ""), status)
    provision = body.get(ukl_name("targetProvision"), "")
    lawmaker = LawMaker(
        type=body.get(ukl_name("type"), ""),
        target_page=body.get(ukl_name("targetPage"), ""),
        target_provision=provision,
        dnum=dnum,
    )
    return make_entry(
        number,
        wording,
        structure,
        after=after,
        sponsors=tuple(sponsors),
        explanatory_statement=statement,
        status=status,
        star=component.get(ukl_name("statusIndicator"), ""),
        member_in_charge=body.get(ukl_name("memberInCharge"), ""),
        context=context,
        amends=provision.removeprefix("amnd_") if provision.startswith("amnd_") else "",
        context_amends=context_amends,
        sort_key=body.get(ukl_name("targetSortKey"), ""),
        lawmaker=lawmaker,
        cites=body.get(_CITES, ""),
        strict=strict,
        where=(path, (instruction.sourceline or line)),
    )


def _instruction(block: etree._Element, refs: dict[str, str]) -> tuple[str, tuple[Block, ...], str]:
    """An instruction's words before its inserted structure, the structure, and the words
    after it. LawMaker splits one quotation into several quotedStructures where the kind of
    unit changes; they are one run of units here."""
    host = block.find(akn("mod"))
    if host is None or host.find(akn("quotedStructure")) is None:
        return words_of(block, refs), (), ""
    lead: list[str] = [block.text or "", host.text or ""]
    pending: list[str] = []
    units: list[Block] = []
    seen = False
    for child in host:
        if local_name(child) == "quotedStructure":
            if seen and squash_space("".join(pending)):
                units.append(Block(text=squash_space("".join(pending))))
            pending = []
            units.extend(units_of(child, refs))
            seen = True
        elif isinstance(child.tag, str):
            (pending if seen else lead).append(raw_words(child, refs))
        if child.tail:
            (pending if seen else lead).append(child.tail)
    pending.append(host.tail or "")
    for later in host.itersiblings():
        pending.append(raw_words(later, refs) if isinstance(later.tag, str) else "")
        pending.append(later.tail or "")
    return squash_space("".join(lead)), tuple(units), squash_space("".join(pending))


# --- LawMaker's attributes, computed ---------------------------------------------------------


def _computed_type(entry: Entry) -> str:
    return entry.amendment.type if entry.amendment.operations else "unknown"


def _computed_targets(entry: Entry) -> tuple[str, str]:
    """``ukl:targetPage`` and ``ukl:targetProvision`` from the amendment's citation."""
    a = entry.amendment
    t = a.target
    op = a.operations[0] if a.operations else None
    line = cited_line(a)
    page = ""
    if t.amendment is not None or (t.title and t.page is None):
        page = f"ln_{line}" if line is not None else ""  # a line of the amendment, or title
    elif t.page is not None:
        page = f"p_{t.page}__ln_{line}" if line is not None else f"p_{t.page}"
    provision = ""
    if t.amendment is not None:
        provision = f"amnd_{eid_part(t.amendment)}"
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
    """Type, target page and target provision to write: LawMaker's own when read (and not
    cleared, as by a rebase onto another print), else computed; with the bill, a citation
    by page and line alone ("Page 4, line 7, …", the Lords' style) gets the clause or
    Schedule printed on that line."""
    lm = entry.lawmaker
    if lm is not None and (lm.target_page or lm.target_provision):
        return lm.type, lm.target_page, lm.target_provision
    page, provision = _computed_targets(entry)
    target = entry.amendment.target
    if not provision and bill is not None and target.amendment is None:
        line = line_bitten(bill, entry.amendment)
        held = clause_holding(bill, line) if line is not None else None
        if held is not None:  # a heading's line: the clause it heads, as a Lords list has it
            top = held.element.get("eId", "")
            provision = "sch_" + top.removeprefix("sched_") if top.startswith("sched_") else top
    return (lm.type if lm is not None and lm.type else _computed_type(entry)), page, provision


_NEW_TYPES = frozenset({"newClause", "newSchedule"})


def computed_sort_keys(entries: Sequence[Entry]) -> list[str]:
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
    computed = computed_sort_keys(paper.entries)
    return [e.sort_key or c for e, c in zip(paper.entries, computed, strict=True)]


# --- writing XML -----------------------------------------------------------------------------

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def long_date(iso: str, *, weekday: bool = True) -> str:
    """ "2023-09-04" as the House prints a date: "Monday 4 September 2023" (without the
    ``weekday``, "4 September 2023"; the text of anything else, as it is)."""
    try:
        d = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    day = f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
    return f"{_DAYS[d.weekday()]} {day}" if weekday else day


def _sub(parent: etree._Element, local: str, text: str = "", **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, akn(local))
    for key, value in attrs.items():
        el.set(ukl_name(key[4:]) if key.startswith("ukl_") else key, value)
    if text:
        el.text = text
    return el


def _identified(
    parent: etree._Element, local: str, ids: Ids, eid: str, text: str = "", **attrs: str
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
    ids = Ids(info.project or info.title or "paper")
    nsmap = {None: AKN_NS, "ukl": UKL_NS, "xsi": _XSI_NS}
    if any(e.amendment.cites for e in paper.entries):
        nsmap["drafter"] = DRAFTER_NS
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


def _paper_meta(doc: etree._Element, info: PaperInfo, ids: Ids) -> None:
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


def _paper_preface(doc: etree._Element, info: PaperInfo, ids: Ids) -> None:
    preface = _identified(doc, "preface", ids, "preface")
    stage = _sub(preface, "block", name="stage")
    _sub(stage, "docStage", info.stage).tail = ": "
    date = _sub(stage, "docDate", date=info.date or "9999-12-31")
    _sub(
        date,
        "ref",
        long_date(info.date),
        **{"class": "placeholder", "href": "#varPublishDate", "ukl_dateFormat": "EEEE d MMMM yyyy"},
    )
    title = _sub(preface, "block", name="title")
    affected = _sub(title, "affectedDocument", href="#varBillTitle")
    placeholder = _sub(affected, "ref", **{"class": "placeholder", "href": "#varBillTitle"})
    placeholder.tail = f", {info.title_note}" if info.title_note else None
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
    ids: Ids,
    bill: Bill | None,
) -> None:
    a = entry.amendment
    base = ids.eid(f"amnd_{eid_part(a.number) or 'x'}")
    component = _sub(collection, "component", **{"class": "amendment"})
    if entry.star:
        component.set(ukl_name("statusIndicator"), entry.star)
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
    if a.cites:  # not LawMaker's: drafter's own mark, in its own namespace
        body.set(_CITES, a.cites)
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
    num = _sub(tblock, "num", "" if is_reference(a.number) else a.number)
    if entry.lawmaker is not None and entry.lawmaker.dnum:
        num.set(ukl_name("dnum"), entry.lawmaker.dnum)
    elif is_reference(a.number):
        num.set(ukl_name("dnum"), a.number[1:-1])
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


def definition_term(text: str) -> tuple[str, str] | None:
    """“term” and the words after it, when ``text`` starts with a defined term."""
    if not text.startswith(OPEN):
        return None
    depth = 0
    for pos, ch in enumerate(text):
        depth += 1 if ch == OPEN else -1 if ch == CLOSE else 0
        if depth == 0:
            return text[1:pos], text[pos + 1 :]
    return None


def written_as(b: Block, parent: str | None, schedule: bool) -> str:
    """Which element a unit is written as: from its number and where it stands."""
    num = b.num
    if b.table is not None:
        return "table"
    if re.match(r"(?i)part\b", num):
        return "part"
    if re.match(r"(?i)chapter\b", num):
        return "chapter"
    if re.match(r"(?i)schedule\b", num):
        return "schedule"
    if not num:
        if b.heading:
            # Over numbered clauses (or Schedule paragraphs) a heading is a crossheading.
            if b.children and all("section" in unit_kinds(c.num) for c in b.children):
                return "crossheading"
            return "paragraph" if schedule else "section"
        if definition_term(b.text) is not None:
            return "definition"
        # A clause with one unnumbered subsection (or words after its subsections).
        return "subsection" if parent == "section" else "level"
    kinds = unit_kinds(num)
    if "section" in kinds:
        return "paragraph" if schedule or parent == "schedule" else "section"
    if ("subsection" in kinds or num in ("()", "( )")) and parent not in (
        "subsection",
        "subparagraph",
        "level",
        "definition",
    ):
        return "subparagraph" if schedule or parent == "paragraph" else "subsection"
    return "level"


def level_class(num: str, depth: int) -> str:
    """The class of a level unit: by its depth ("para1" …), or LawMaker's unnumbered
    paragraph for one without a number, which a reprint leaves without one."""
    return f"para{depth}" if num else "unnumberedParagraph"


def unit_depth(b: Block, parent_depth: int) -> int:
    if parent_depth:
        return parent_depth + 1
    kinds = unit_kinds(b.num)
    return 3 if "level3" in kinds else 2 if kinds == {"level2"} else 1


def _write_inserted(
    instruction: etree._Element, entry: Entry, schedule: bool, base: str, ids: Ids
) -> None:
    """``<mod>`` words ``<quotedStructure>``… ``<inline name="AppendText">``: one
    quotedStructure per run of units of the same kind, as LawMaker splits them; the
    quotation opens on the first (unless the words opened it) and closes on the last."""
    mod = _sub(instruction, "mod", entry.wording)
    op = entry.amendment.operations[0] if entry.amendment.operations else None
    runs: list[list[tuple[Block, str]]] = []
    for b in entry.structure:
        kind = written_as(b, None, schedule)
        whole = len(entry.structure) == 1 and kind != "table"  # a new clause or Schedule
        if whole and isinstance(op, NewClause):
            kind = "section"
        elif whole and isinstance(op, NewSchedule):
            kind = "schedule"
        if kind == "level" and not b.num and not b.heading and not b.children:
            kind = "wrapup"
        if runs and runs[-1][-1][1] == kind and kind != "wrapup":
            runs[-1].append((b, kind))
        else:
            runs.append([(b, kind)])
    opened = opens_quotation(entry.wording)
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
        if run[0][1] == "table":  # rows put into another Act's table
            _write_tables(_sub(qs, "content"), [b for b, _ in run], qs_eid, ids)
            continue
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
    ids: Ids,
) -> None:
    if kind == "table":  # rows quoted from another Act's table: the quotation's content
        content = parent.find(akn("content"))
        _write_tables(_sub(parent, "content") if content is None else content, [b], base, ids)
        return
    tag, cls, name = ELEMENTS[kind]
    depth = 0
    if kind == "level":
        depth = unit_depth(b, level_depth)
        cls = level_class(b.num, depth)
        prefix = LEVEL_EID.get(depth, f"para{depth}")
    else:
        prefix = _EID_PREFIX[kind]
        if kind in ("part", "crossheading") and schedule:
            cls = "sch" + cls[0].upper() + cls[1:]
    term = definition_term(b.text) if kind == "definition" else None
    label = eid_part(re.sub(r"(?i)^(part|chapter|schedule)\s+", "", b.num))
    if kind == "definition" and term is not None:
        label = eid_part(term[0]).lower() + "_"
    eid = ids.eid(f"{base}__{prefix}_{label}" if label else f"{base}__{prefix}")
    attrs = {"GUID": ids.guid(eid), "class": cls, "eId": eid}
    if name:
        attrs["name"] = name
    el = _sub(parent, tag, **attrs)
    if b.num or kind == "section":
        _sub(el, "num", b.num)
    if b.heading:
        heading = _identified(el, "heading", ids, f"{eid}__hdg", b.heading)
        if heading_first(b):  # a subsection's: above its number
            el.insert(0, heading)
    child_schedule = schedule or kind in ("schedule", "paragraph")
    quoted = quotation_of(b)
    if quoted is not None:
        units, after, mark = quoted
        p = _sub(_sub(el, "content"), "p")
        mod = _sub(p, "mod", b.text)
        qs_eid = ids.eid(f"{eid}__qstr")
        qs = _sub(
            mod,
            "quotedStructure",
            GUID=ids.guid(qs_eid),
            eId=qs_eid,
            endQuote=CLOSE,
            startQuote=mark,
            ukl_context="body",
            ukl_docName="ukpga",
            ukl_indent="indent0",
        )
        for unit in units:
            _write_unit(qs, unit, written_as(unit, None, False), False, qs_eid, 0, ids)
        _sub(mod, "inline", after, name="AppendText")
    elif b.children:
        tables, units = leading_tables(b.children)
        if not units and not b.wrap_up:  # words and tables: the unit's content
            content = _sub(el, "content")
            if b.text:
                _write_p(content, b.text, kind, eid, ids)
            _write_tables(content, tables, eid, ids)
            return
        if b.text or tables:
            intro = _identified(el, "intro", ids, f"{eid}__intro")
            if b.text:
                _write_p(intro, b.text, kind, eid, ids)
            _write_tables(intro, tables, eid, ids)
        for child in units:
            child_kind = written_as(child, kind, child_schedule)
            if child_kind == "table":
                raise PaperError(
                    "<paper>", f"a unit ({b.num or b.heading}) has a table after its units"
                )
            # an unnumbered paragraph's units stand by their own numbers, as a definition's do
            _write_unit(el, child, child_kind, child_schedule, eid, depth if b.num else 0, ids)
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


def _write_tables(parent: etree._Element, tables: Sequence[Block], eid: str, ids: Ids) -> None:
    for b in tables:
        assert b.table is not None
        write_table(_identified(parent, "tblock", ids, f"{eid}__tbl"), b.table)


def _write_p(parent: etree._Element, text: str, kind: str, eid: str, ids: Ids) -> None:
    p = _sub(parent, "p")
    term = definition_term(text) if kind == "definition" else None
    if term is None:
        p.text = text
        return
    defined = _identified(
        p, "def", ids, eid.removesuffix("_"), term[0], ukl_endQuote=CLOSE, ukl_startQuote=OPEN
    )
    defined.tail = term[1]
