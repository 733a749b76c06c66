"""Amendment papers: LawMaker XML and the plain-text format, read, written and converted.

The real papers in ../shared/data/amendments are the first test: each must survive
read → write → read and XML → text → XML with the same amendments, and what drafter writes
must be valid Akoma Ntoso. Hand-written text papers check the format a drafter types, and its
error messages.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from drafter.core.akn import NS, UKL_NS
from drafter.core.amendment import (
    Amendment,
    Block,
    InsertAtEnd,
    LeaveOutRange,
    NewClause,
    Status,
    Substitute,
    Table,
    Target,
    Words,
)
from drafter.core.paper import (
    Entry,
    Paper,
    PaperError,
    entry_from_amendment,
    load_paper,
    make_entry,
    paper_from_xml,
    read_paper,
    read_paper_text,
    same_as,
    save_paper,
    sort_keys,
    write_paper_text,
    write_paper_xml,
)
from drafter.core.validate import akn_schema
from drafter.core.xml import parse_bytes, parse_file
from tests.conftest import REPO_ROOT

ENERGY = "amendments/energy-bill-hc340-report-marshalled-list.xml"
VICTIMS = "amendments/victims-and-prisoners-bill-hc286-pbc-amendments.xml"
SENTENCING = "amendments/sentencing-bill-commons-report-amendments.xml"  # draft: references
DPDI = "amendments/data-protection-digital-information-bill-report-marshalled-list-0825.xml"
REAL = [
    pytest.param(ENERGY, 309, id="energy"),
    pytest.param(VICTIMS, 82, id="victims"),
    pytest.param(SENTENCING, 82, id="sentencing"),
    pytest.param(DPDI, 2, id="dpdi"),
]
SAMPLE_XML = REPO_ROOT / "bills" / "crime-and-policing-bill-amendments.xml"
SAMPLE_TEXT = REPO_ROOT / "bills" / "crime-and-policing-bill-amendments.txt"
SAMPLE_BILL = REPO_ROOT / "bills" / "crime-and-policing-bill.xml"


def _words(e: Entry) -> tuple[object, ...]:
    """Everything both formats hold for an entry."""
    return (e.amendment, e.wording, e.structure, e.after, e.star, e.member_in_charge,
            e.context, e.amends)  # fmt: skip


def _assert_valid(xml: bytes) -> etree._ElementTree:
    tree = parse_bytes(xml)
    schema = akn_schema()
    assert schema.validate(tree), [f"{e.line}: {e.message}" for e in schema.error_log][:5]
    return tree


def _ukl(body: etree._Element, name: str) -> str | None:
    return body.get(f"{{{UKL_NS}}}{name}")


def _bodies(xml: bytes) -> dict[str, etree._Element]:
    root = parse_bytes(xml).getroot()
    out = {}
    for body in root.iterfind(".//akn:amendmentBody", NS):
        num = body.find(".//akn:num", NS)
        assert num is not None
        out["".join(num.itertext()).strip()] = body
    return out


# --- the real papers ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_papers(shared_data: Path) -> dict[str, Paper]:
    return {name: read_paper(shared_data / name) for name in (ENERGY, VICTIMS, SENTENCING, DPDI)}


@pytest.mark.parametrize(("name", "count"), REAL)
def test_real_paper_reads_every_amendment(
    real_papers: dict[str, Paper], name: str, count: int
) -> None:
    paper = real_papers[name]
    assert len(paper.amendments) == count
    assert paper.problems == ()
    assert all(a.operations and a.sponsors for a in paper.amendments)
    assert len({a.number for a in paper.amendments}) == count


@pytest.mark.parametrize(("name", "count"), REAL)
def test_real_paper_read_write_read(real_papers: dict[str, Paper], name: str, count: int) -> None:
    paper = real_papers[name]
    xml = write_paper_xml(paper)
    _assert_valid(xml)
    again = paper_from_xml(xml)
    assert again.amendments == paper.amendments
    assert [_words(e) for e in again.entries] == [_words(e) for e in paper.entries]
    assert again.info == paper.info
    assert len(again.statements) == len(paper.statements)  # the order of consideration
    # LawMaker's own attributes are written back as read.
    assert [e.lawmaker for e in again.entries] == [e.lawmaker for e in paper.entries]
    assert write_paper_xml(again) == xml  # nothing drifts, and GUIDs are stable


@pytest.mark.parametrize(("name", "count"), REAL)
def test_real_paper_text_round_trips(real_papers: dict[str, Paper], name: str, count: int) -> None:
    paper = real_papers[name]
    text = write_paper_text(paper)
    from_text = read_paper_text(text)
    assert from_text.amendments == paper.amendments  # XML -> text
    assert [_words(e) for e in from_text.entries] == [_words(e) for e in paper.entries]
    assert from_text.info == paper.info
    assert sort_keys(from_text) == sort_keys(paper)
    xml = write_paper_xml(from_text)
    _assert_valid(xml)
    back = paper_from_xml(xml)
    assert back.amendments == paper.amendments  # XML -> text -> XML
    assert write_paper_text(back) == text  # text -> XML -> text
    assert text.count("\n\nAmendment ") == count


@pytest.mark.parametrize(("name", "count"), REAL)
def test_computed_attributes_agree_with_lawmaker(
    shared_data: Path, real_papers: dict[str, Paper], name: str, count: int
) -> None:
    """A text paper carries no LawMaker attributes: written to XML, they are computed from the
    wording, and agree with what LawMaker recorded. Sort keys agree wherever LawMaker gave
    one; where it left amendments at the same place without a key, drafter fills one in."""
    original = _bodies((shared_data / name).read_bytes())
    written = _bodies(write_paper_xml(read_paper_text(write_paper_text(real_papers[name]))))
    assert original.keys() == written.keys()
    for number, body in original.items():
        for attribute in ("type", "targetPage", "targetProvision", "memberInCharge"):
            assert _ukl(written[number], attribute) == _ukl(body, attribute), (number, attribute)
        key = _ukl(body, "targetSortKey")
        if key is not None:
            assert _ukl(written[number], "targetSortKey") == key, number


def test_energy_paper_details(real_papers: dict[str, Paper]) -> None:
    paper = real_papers[ENERGY]
    assert paper.info.title == "Energy Bill [HL]"
    assert paper.info.bill_number == "Bill 340"
    assert paper.info.house == "House of Commons"
    assert paper.info.stage == "Report Stage"
    assert paper.info.date == "2023-09-04"

    nc52 = paper.entry("NC52")
    assert nc52.member_in_charge == "gov" and nc52.sort_key == "052"
    assert nc52.amendment.sponsors == ("Secretary Claire Coutinho",)
    (op,) = nc52.amendment.operations
    assert isinstance(op, NewClause)
    assert op.clause.heading.startswith("Revenue certainty scheme")
    assert [c.num for c in op.clause.children] == ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]
    definitions = op.clause.children[5].children
    assert definitions[0].text.startswith("“aviation turbine fuel” has the meaning")

    four = paper.entry("4").amendment
    assert four.sponsors == ("David Duguid", "Alan Brown", "Martin Vickers")
    assert four.operations == (
        Substitute(Words("a service"), "a monopoly service to multiple users"),
    )
    assert four.explanatory_statement.startswith("This amendment would exclude")
    assert four.status is Status.TABLED

    # A quotation opened in the words and closed after the units.
    two_oh_one = paper.entry("201")
    assert two_oh_one.wording.endswith("at end insert “, and")
    assert [b.num for b in two_oh_one.structure] == ["(b)", "(5A)"]

    # Words after a list of paragraphs, in a quotedStructure of their own.
    assert paper.entry("204").structure[-1] == Block(
        text="and must consider any representations duly made and not withdrawn."
    )
    assert paper.entry("180").star == "☆"


def test_nested_quotation_keeps_its_marks(real_papers: dict[str, Paper]) -> None:
    """Amendment 102 inserts a Part whose paragraph A2 inserts a clause into regulations:
    the inner quotation is text of the bill, printed with its marks."""
    part = real_papers[ENERGY].entry("102").structure[0]
    assert part.num == "Part A1"
    a2 = part.children[1]
    assert a2.text == "After clause 37 insert—"
    quoted = a2.children[0]
    assert (quoted.num, quoted.heading) == ("“37A", "Change in control of Licensee")
    assert quoted.children[-1].text.endswith("clause 37(4).”")
    # Written back, the marks become a quotedStructure again.
    xml = write_paper_xml(Paper(entries=(real_papers[ENERGY].entry("102"),)))
    inner = parse_bytes(xml).getroot().findall(".//akn:quotedStructure//akn:quotedStructure", NS)
    assert inner and inner[0].get("startQuote") == "“" and inner[0].get("endQuote") == "”"
    assert inner[0].find("akn:section/akn:num", NS).text == "37A"  # type: ignore[union-attr]


def test_amendments_to_an_amendment(real_papers: dict[str, Paper]) -> None:
    paper = real_papers[VICTIMS]
    a, b = paper.entry("(a)"), paper.entry("(b)")
    assert a.context.startswith("As Amendments to Edward Argar’s proposed New Clause")
    assert a.amendment.target == Target(line=25, amendment="NC4")
    assert b.amendment.target == Target(line=103, amendment="NC4")
    assert a.amends == b.amends == ""  # the heading says it: no "To amendment:" needed
    bodies = _bodies(write_paper_xml(paper))
    assert _ukl(bodies["(a)"], "targetPage") == "ln_25"
    assert _ukl(bodies["(b)"], "targetProvision") == "amnd_NC4"
    assert _ukl(bodies["NC4"], "lineNumber") == "true"


def test_new_clause_written_as_structure(real_papers: dict[str, Paper]) -> None:
    body = _bodies(write_paper_xml(real_papers[ENERGY]))["NC52"]
    qs = body.find(".//akn:quotedStructure", NS)
    assert qs is not None
    assert (qs.get("startQuote"), qs.get("endQuote")) == ("“", "”")
    section = qs.find("akn:section", NS)
    assert section is not None and section.get("class") == "prov1"
    assert section.find("akn:heading", NS) is not None
    subsections = section.findall("akn:subsection", NS)
    assert [s.findtext("akn:num", namespaces=NS) for s in subsections][:2] == ["(1)", "(2)"]
    levels = subsections[3].findall("akn:level", NS)
    assert [lv.get("class") for lv in levels] == ["para1", "para1", "para1"]
    eids = [e.get("eId") for e in parse_bytes(write_paper_xml(real_papers[ENERGY])).iter()]
    eids = [e for e in eids if e]
    assert len(eids) == len(set(eids)), "eIds are unique"


def test_units_are_written_as_their_numbers_say() -> None:
    """“(A1)”, put in before subsection (1), is a subsection as (2A) is (it was written as a
    paragraph); a new clause's “(ii)” under “(a)” a level 2, its “(A)” a level 3."""
    structure = (
        Block(
            heading="Consent",
            children=(
                Block(num="(A1)", text="This section applies in England."),
                Block(
                    num="(1)",
                    text="A person commits an offence if—",
                    children=(
                        Block(
                            num="(a)",
                            text="the person—",
                            children=(
                                Block(num="(i)", text="asks, or"),
                                Block(
                                    num="(ii)",
                                    text="pays, for—",
                                    children=(Block(num="(A)", text="an image."),),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    )
    e = make_entry("1", "After Clause 2, insert the following new Clause—", structure)
    body = _bodies(write_paper_xml(Paper(entries=(e,))))["1"]
    section = body.find(".//akn:section", NS)
    assert section is not None
    units = [
        (etree.QName(el).localname, el.get("class"), el.findtext("akn:num", namespaces=NS))
        for el in section.iter(f"{{{NS['akn']}}}subsection", f"{{{NS['akn']}}}level")
    ]
    assert units == [
        ("subsection", "prov2", "(A1)"),
        ("subsection", "prov2", "(1)"),
        ("level", "para1", "(a)"),
        ("level", "para2", "(i)"),
        ("level", "para2", "(ii)"),
        ("level", "para3", "(A)"),
    ]


def test_sort_keys_follow_lawmakers_scheme() -> None:
    def entry(number: str, wording: str, gov: bool = False) -> Entry:
        structure = (Block(heading="Heading", text="Text."),) if number.startswith("NC") else ()
        e = make_entry(number, wording, structure, sponsors=("A Member",))
        return replace(e, member_in_charge="gov" if gov else "")

    paper = Paper(
        entries=(
            entry("NC3", "To move the following Clause—", gov=True),
            entry("7", "After Clause 2, insert the following new Clause—"),
            entry("NC1", "To move the following Clause—"),
            entry("1", "Clause 2, page 3, line 4, leave out “a”"),
            entry("2", "Clause 2, page 3, line 4, leave out “b”"),
            entry("3", "Clause 2, page 3, line 9, leave out “c”"),
        )
    )
    assert sort_keys(paper) == ["003", "", "A01", "01", "02", ""]
    bodies = _bodies(write_paper_xml(paper))
    assert _ukl(bodies["3"], "targetSortKey") is None


# --- the sample paper -------------------------------------------------------------------------


def test_sample_paper_round_trips() -> None:
    if not SAMPLE_XML.exists():
        pytest.skip("no sample paper yet")
    paper = read_paper(SAMPLE_XML)
    assert paper.problems == ()
    xml = write_paper_xml(paper)
    _assert_valid(xml)
    text = write_paper_text(paper)
    assert read_paper_text(text).amendments == paper.amendments
    assert write_paper_text(paper_from_xml(write_paper_xml(read_paper_text(text)))) == text


def test_sample_text_paper_is_the_xml() -> None:
    """bills/…-amendments.txt is the drafter's working copy of the sample paper."""
    if not SAMPLE_TEXT.exists():
        pytest.skip("no sample text paper yet")
    text = load_paper(SAMPLE_TEXT)
    assert text.problems == ()
    assert write_paper_text(text) == SAMPLE_TEXT.read_text(encoding="utf-8")
    if not SAMPLE_XML.exists():
        return
    assert text.amendments == load_paper(SAMPLE_XML).amendments
    # Written out with the bill it cites, the working copy is the sample paper again.
    from drafter.core.bill import Bill

    written = _bodies(write_paper_xml(text, Bill.load(SAMPLE_BILL)))
    sample = _bodies(SAMPLE_XML.read_bytes())
    assert written.keys() == sample.keys()
    for number, body in sample.items():
        for attribute in ("type", "targetPage", "targetProvision", "targetSortKey"):
            assert _ukl(written[number], attribute) == _ukl(body, attribute), (number, attribute)


def test_bill_fills_in_the_provision_of_a_page_citation() -> None:
    if not SAMPLE_BILL.exists():
        pytest.skip("no sample bill")
    from drafter.core.bill import Bill

    paper = read_paper_text(
        "Amendment 1\nSponsors: Lord Aldwick of Selsey\nPage 1, line 1, leave out “Respect”\n\n"
        "Amendment 2\nSponsors: Lord Aldwick of Selsey\nPage 6, line 2, leave out “Sexual”\n\n"
        "Amendment 3\nSponsors: Lord Aldwick of Selsey\nPage 6, line 8, leave out “creates”\n"
    )
    bill = Bill.load(SAMPLE_BILL)
    assert _ukl(_bodies(write_paper_xml(paper))["1"], "targetProvision") == ""
    # a line of a clause names the clause; a line of a heading above clauses (Part 1's, Part
    # 4's "Sexual offences") the clause it heads, as a Lords list prints it, and as LawMaker
    # writes it ("sec_12", never a Part's own eId)
    written = _bodies(write_paper_xml(paper, bill))
    assert [_ukl(written[n], "targetProvision") for n in "123"] == ["sec_1", "sec_12", "sec_12"]


# --- text papers typed by hand --------------------------------------------------------------

HAND = """\
Bill: Crime and Policing Bill
Bill number: HL Bill 101
House: House of Lords
Stage: Grand Committee
Date: 2026-11-26

Amendment 1
Sponsors: Lord Aldwick of Selsey
Page 1, line 27, leave out "2 years" and insert "12 months"
Explanatory statement: This amendment would reduce the maximum duration of a respect order
    from two years to 12 months.

Amendment 5 ★ [government]
Sponsors: Baroness Owen of Alderley Edge; Lord Pannick;
    Lord Tennant of Rye
After Clause 12, insert the following new Clause—
    Requesting the creation of purported intimate image
        (1) A person (A) commits an offence if—
            (a) A intentionally requests another person to create an image of a third person (B),
            (b) B does not consent to the creation of the image, and
            (c) A does not reasonably believe that B consents.
        (2) In this section—
            “purported intimate image” has the same meaning as in section 66E;
            “request” includes—
                (a) encourage, and
                (b) pay for,
                ... whether or not the request is acted on.
Status: withdrawn
"""


def test_hand_typed_new_clause() -> None:
    paper = read_paper_text(HAND, strict=True)
    assert paper.info.title == "Crime and Policing Bill"
    assert paper.info.date == "2026-11-26"
    first, nc = paper.amendments
    assert first.operations == (Substitute(Words("2 years"), "12 months"),)
    assert first.target == Target(page=1, line=27)
    assert first.explanatory_statement == (
        "This amendment would reduce the maximum duration of a respect order from two years "
        "to 12 months."
    )
    assert nc.sponsors == ("Baroness Owen of Alderley Edge", "Lord Pannick", "Lord Tennant of Rye")
    assert nc.status is Status.WITHDRAWN
    assert paper.entries[1].star == "★" and paper.entries[1].member_in_charge == "gov"
    (op,) = nc.operations
    assert isinstance(op, NewClause) and op.after == "12"
    clause = op.clause
    # The first line of a new clause is its heading, "#" or not.
    assert clause.heading == "Requesting the creation of purported intimate image"
    assert clause.num == "" and clause.text == ""
    one, two = clause.children
    assert one.num == "(1)" and one.text == "A person (A) commits an offence if—"
    assert [c.num for c in one.children] == ["(a)", "(b)", "(c)"]
    assert two.children[0] == Block(
        text="“purported intimate image” has the same meaning as in section 66E;"
    )
    request = two.children[1]
    assert [c.num for c in request.children] == ["(a)", "(b)"]
    assert request.wrap_up == "whether or not the request is acted on."


def test_hand_typed_paper_to_xml_and_back() -> None:
    paper = read_paper_text(HAND, strict=True)
    xml = write_paper_xml(paper)
    tree = _assert_valid(xml)
    body = _bodies(xml)["5"]
    assert _ukl(body, "type") == "newClause"
    assert _ukl(body, "targetSortKey") is None  # a Lords new clause: numbered in place
    assert _ukl(body, "targetProvision") == "sec_12"  # its anchor
    assert _ukl(body, "memberInCharge") == "gov"
    section = body.find(".//akn:quotedStructure/akn:section", NS)
    assert section is not None
    assert section.findtext("akn:heading", namespaces=NS) == (
        "Requesting the creation of purported intimate image"
    )
    assert len(section.findall("akn:subsection", NS)) == 2
    assert len(section.findall("akn:subsection/akn:level", NS)) == 3
    definitions = section.findall("akn:subsection/akn:hcontainer[@name='definition']", NS)
    assert len(definitions) == 2
    assert definitions[0].findtext("akn:content/akn:p/akn:def", namespaces=NS) == (
        "purported intimate image"
    )
    assert definitions[1].find("akn:wrapUp", NS) is not None
    steps = [s.get("outcome") for s in tree.getroot().iterfind(".//akn:step", NS)]
    assert "#withdrawn" in steps
    back = paper_from_xml(xml)
    assert back.amendments == paper.amendments
    # Canonical text: curly quotes kept as typed words, "#" heading, fields joined.
    text = write_paper_text(back)
    assert "    # Requesting the creation of purported intimate image\n" in text
    assert "Sponsors: Baroness Owen of Alderley Edge; Lord Pannick; Lord Tennant of Rye\n" in text
    assert read_paper_text(text).amendments == paper.amendments
    assert write_paper_text(read_paper_text(text)) == text


def test_pasted_quotation_marks_are_taken_off() -> None:
    typed = (
        "Amendment 6\nSponsors: Lord Pannick\nPage 5, line 18, at end insert—\n"
        "    “(aa) the interim targets, and\n"
        "    (ab) the “carbon budget”;”\n"
    )
    entry = read_paper_text(typed, strict=True).entries[0]
    assert entry.structure == (
        Block(num="(aa)", text="the interim targets, and"),
        Block(num="(ab)", text="the “carbon budget”;"),
    )
    assert entry.amendment.operations == (InsertAtEnd(entry.structure),)
    assert "    (aa) the interim targets, and\n" in write_paper_text(Paper(entries=(entry,)))


def test_readme_example_reads() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Amendment papers") :]
    example = re.search(r"```\n(Bill: .*?)```", section, re.S)
    assert example is not None
    paper = read_paper_text(example.group(1), strict=True)
    assert [a.number for a in paper.amendments] == ["4", "5"]
    op = paper.amendments[1].operations[0]
    assert isinstance(op, NewClause)
    clause = op.clause
    assert clause.text == "In the Sexual Offences Act 2003, after section 66E insert—"
    assert clause.children[0].num == "“66F"
    _assert_valid(write_paper_xml(paper))
    text = write_paper_text(paper)
    assert write_paper_text(read_paper_text(text)) == text


def test_fields_sort_key_context_and_to_amendment() -> None:
    typed = (
        "Amendment 12\nSort key: 07\nSponsors: A Member\n"
        "Clause 2, page 3, line 4, leave out “a”\n\n"
        "Amendment 12A\nContext: As an amendment to amendment 12:—\nSponsors: B Member\n"
        "Line 1, leave out “a” and insert “b”\n\n"
        "Amendment 12B\nTo amendment: 7\nSponsors: C Member\nLine 2, leave out “c”\n"
    )
    paper = read_paper_text(typed, strict=True)
    assert paper.entries[0].sort_key == "07"
    assert paper.amendments[1].target == Target(line=1, amendment="12")
    assert paper.amendments[2].target == Target(line=2, amendment="7")
    text = write_paper_text(paper)
    assert "Sort key: 07" in text and "To amendment: 7" in text
    assert write_paper_text(paper_from_xml(write_paper_xml(paper))) == text


def test_entry_from_amendment_built_in_code() -> None:
    clause = Block(
        heading="Duty to report",
        children=(
            Block(num="(1)", text="The Secretary of State must report annually."),
            Block(num="(2)", text="The report must be laid before Parliament."),
        ),
    )
    amendment = Amendment("NC9", (NewClause(clause, after="12"),), sponsors=("Lord Pannick",))
    entry = entry_from_amendment(amendment)
    assert entry.structure == (clause,)
    assert entry.wording.endswith("new Clause—")
    paper = Paper(entries=(entry,))
    xml = write_paper_xml(paper)
    _assert_valid(xml)
    assert parse_bytes(xml).getroot().find(".//akn:quotedStructure/akn:section", NS) is not None
    assert paper_from_xml(xml).amendments == (amendment,)


def test_unparsable_wording_is_kept_or_refused() -> None:
    typed = "Amendment 3\nSponsors: A Member\nClause 2, page three, leave out “x”\n"
    paper = read_paper_text(typed, path="paper.txt")
    (problem,) = paper.problems
    assert problem.startswith("paper.txt:3: amendment 3, col ")
    assert paper.amendments[0].operations == ()
    assert write_paper_text(paper) == typed  # the words are kept as typed
    with pytest.raises(PaperError, match=r"^paper\.txt:3: amendment 3, col \d+: expected"):
        read_paper_text(typed, path="paper.txt", strict=True)


# Quotation marks are text: the text paper keeps each as written.

MARKS = """\
Amendment 1
Page 3, line 32, leave out “"not"” and insert ““not””

Amendment 2
Page 41, line 14, leave out from “insert” to end of line and insert ““, or”

Amendment 3
Page 24, line 24, leave out “", or” and insert ““, or”

Amendment 4
Page 36, line 28, leave out ““company’s“” and insert ““company’s””

Amendment 5
Page 2, line 3, leave out “the ‘relevant’ body” and insert “the ‘appropriate’ body”

Amendment 6
Page 4, line 7, at end insert “, or
    (c) the provider has failed to meet a standard under section “‘194A’”.
"""


def test_quotation_marks_survive_the_text_paper() -> None:
    """Read then write gives the paper as typed; write then read gives the same amendments.
    Straight marks inside the quoted words stay straight, an opening mark stays opening (an
    insertion that begins “, or” too), and ‘…’ inside “…” stay as they are."""
    paper = read_paper_text(MARKS, strict=True)
    assert write_paper_text(paper) == MARKS
    ops = [a.operations[0] for a in paper.amendments]
    assert ops[0] == Substitute(Words('"not"'), "“not”")
    assert isinstance(ops[1], LeaveOutRange) and ops[1].insert == "“, or"
    assert ops[2] == Substitute(Words('", or'), "“, or")
    assert ops[3] == Substitute(Words("“company’s“"), "“company’s”")
    assert ops[4] == Substitute(Words("the ‘relevant’ body"), "the ‘appropriate’ body")
    assert ops[5] == InsertAtEnd(
        (
            Block(text=", or"),
            Block(
                num="(c)",
                text="the provider has failed to meet a standard under section “‘194A’”.",
            ),
        )
    )
    # written from the amendments alone (their House wording), and read back
    built = Paper(entries=tuple(entry_from_amendment(a) for a in paper.amendments))
    again = read_paper_text(write_paper_text(built), strict=True)
    assert again.amendments == paper.amendments
    assert paper_from_xml(write_paper_xml(built)).amendments == paper.amendments


# Property: any structure of units survives text and XML.

# Words that look like the format's own marks: numbers, "#", "...", "\\", braces, loose
# quotation marks.
_word = st.sampled_from(
    ["the", "State", "must", "(b)", "2", "“x”", "“", "”", "x”;", "and", "—", "#", "# ", "...",
     "\\", "{1}", "{}", "“(a)", "“#", "Part", "a\u00a0b", "‘x’", "‘", "’", '"x"', '"', "“‘x’”"]
)  # fmt: skip
# A unit that opens with "“ " or closes with " ”" is not one the House prints (the quotation
# marks of an inserted unit hug its words), and XML cannot tell such a space from layout.
_text = (
    st.lists(_word, min_size=0, max_size=5)
    .map(lambda words: " ".join(" ".join(words).split()))
    .filter(lambda t: not (t.startswith("“ ") or t.endswith(" ”")))
)
_num = st.sampled_from(
    ["", "", "(1)", "(2A)", "(a)", "(ii)", "( )", "12", "A1", "Part 2", "Chapter 1", "1.",
     "“(3A)", "(1ZA))", "x y"]
)  # fmt: skip


@st.composite
def _table(draw: st.DrawFn) -> Block:
    """A table: a unit of its own, printed before a unit's units (or quoted on its own)."""
    cell = st.one_of(_text, st.just("a|b"), st.just("x \\|"))
    columns = draw(st.integers(1, 3))
    row = st.lists(cell, min_size=columns, max_size=columns).map(tuple)
    rows = draw(st.lists(row, min_size=1, max_size=3))
    return Block(table=Table(tuple(rows), draw(st.integers(0, len(rows)))))


def _blocks(depth: int) -> st.SearchStrategy[tuple[Block, ...]]:
    if depth == 0:
        return st.just(())

    @st.composite
    def block(draw: st.DrawFn) -> Block:
        children = draw(_blocks(depth - 1))
        wrap = draw(_text) if children else ""
        return Block(
            num=draw(_num),
            heading=draw(st.one_of(st.just(""), _text)),
            text=draw(_text),
            children=children,
            wrap_up=wrap,
        )

    tables = st.lists(_table(), max_size=1)
    units = st.lists(block(), min_size=0, max_size=3)
    return st.tuples(tables, units).map(lambda made: (*made[0], *made[1]))


_LEADS = st.sampled_from(
    [
        "Clause 1, page 1, line 1, at end insert—",
        "To move the following Clause—",
        "Clause 1, page 1, line 1, at end insert “, and",
    ]
)


@settings(max_examples=300, deadline=None)
@given(structure=_blocks(3).filter(bool), lead=_LEADS)
# a quotation whose closing mark is all of its last unit's words: taken off, put back on the
# unit's number ("(1)”")
@example(
    structure=(Block(children=(Block(text="“(a)"), Block(num="(1)", text="”"))),),
    lead="Clause 1, page 1, line 1, at end insert—",
)
def test_any_structure_round_trips(structure: tuple[Block, ...], lead: str) -> None:
    """Whatever the units say, text and XML give them back exactly."""
    entry = make_entry("7", lead, structure)
    paper = Paper(entries=(entry,))
    text = write_paper_text(paper)
    from_text = read_paper_text(text)
    assert from_text.entries[0].structure == structure, text
    assert write_paper_text(from_text) == text
    xml = write_paper_xml(paper)
    assert akn_schema().validate(parse_bytes(xml))
    assert paper_from_xml(xml).entries[0].structure == structure


def test_a_table_quoted_in_a_unit_is_written_as_lawmaker_xml_and_read_back() -> None:
    """Rows put into another Act's table, quoted inside a new clause's subsection: the
    quotation's content in the XML paper, and the same units read back."""
    paper = load_paper(REPO_ROOT / "tests" / "cases" / "inserted-tables" / "amendments.txt")
    xml = write_paper_xml(paper)
    assert akn_schema().validate(parse_bytes(xml))
    assert paper_from_xml(xml).amendments == paper.amendments


@pytest.mark.parametrize(
    ("rows", "said"),
    [
        ("| a | b |\n        | c |", "this row of a table has 1 cell, its first row 2"),
        ("| a | b", "this row of a table does not end with “ |”"),
        ("| a | b |\n        |# c | d |", "a heading row (“|#”) after the table's other rows"),
    ],
)
def test_a_table_typed_wrong_is_refused_with_its_line(rows: str, said: str) -> None:
    text = f"Amendment 1\nPage 1, line 1, at end insert—\n    (2) The fees are—\n        {rows}\n"
    with pytest.raises(PaperError, match=re.escape(said)):
        read_paper_text(text, strict=True)


# --- files ------------------------------------------------------------------------------------


def test_load_and_save_pick_the_format(tmp_path: Path) -> None:
    paper = read_paper_text(HAND)
    xml_path, text_path = tmp_path / "paper.xml", tmp_path / "paper.txt"
    save_paper(paper, xml_path)
    save_paper(paper, text_path)
    assert xml_path.read_bytes().startswith(b"<?xml")
    assert text_path.read_text(encoding="utf-8") == write_paper_text(paper)
    assert load_paper(xml_path).amendments == paper.amendments
    assert load_paper(text_path).amendments == paper.amendments
    assert read_paper_text(str(text_path)).amendments == paper.amendments
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    parse_file(xml_path)  # the safe parser accepts what we write


# --- errors -----------------------------------------------------------------------------------


def _error(text: str) -> str:
    with pytest.raises(PaperError) as caught:
        read_paper_text(text, path="paper.txt")
    return str(caught.value)


def test_error_malformed_block() -> None:
    message = _error("Bill: X\n\nAmendment 1\nPage 1, line 2, leave out “a”\n\nClause 2, page 3\n")
    assert message == (
        "paper.txt:6: expected “Amendment <number>” to start an amendment (amendments are "
        "separated by blank lines); found “Clause 2, page 3”"
    )


def test_error_unknown_status() -> None:
    message = _error("Amendment 4\nSponsors: A\nPage 1, line 2, leave out “a”\nStatus: pending\n")
    assert message == (
        "paper.txt:4: amendment 4: unknown status “pending” (expected one of: tabled, agreed, "
        "negatived, withdrawn, not moved, not called)"
    )


def test_error_block_without_wording() -> None:
    message = _error("Amendment 1\nPage 1, line 2, leave out “a”\n\nAmendment 2\nSponsors: A\n")
    assert message.startswith("paper.txt:4: amendment 2: no wording:")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Amendment 1\nSponsor: A\nPage 1, line 2, leave out “a”\n",
         "paper.txt:2: amendment 1: unknown field “Sponsor:”"),
        ("Bil: X\n\nAmendment 1\nPage 1, line 2, leave out “a”\n",
         "paper.txt:1: unknown heading field “Bil:”"),
        ("Amendment\nPage 1, line 2, leave out “a”\n",
         "paper.txt:1: “Amendment” without a number"),
        ("Amendment 1 ✓\nPage 1, line 2, leave out “a”\n",
         "paper.txt:1: amendment 1: unexpected “✓” after the number"),
        ("Amendment 1\nPage 1, line 2, leave out “a”\n\n"
         "Amendment 1\nPage 1, line 3, leave out “b”\n",
         "paper.txt:4: amendment 1: a second amendment 1 (the first is on line 1)"),
        ("Amendment 1\n    (a) x\nPage 1, line 2, at end insert—\n",
         "paper.txt:2: amendment 1: an indented line (inserted structure) that does not follow"),
        ("Amendment 1\nPage 1, line 2, at end insert—\n        (a) x\n    (b) y\n",
         "paper.txt:4: amendment 1: this line's indentation matches no line above it"),
        ("Amendment 1\nPage 1, line 2, at end insert—\n    (a) x\n        ... y\n",
         "paper.txt:4: amendment 1: a wrap-up (“... ”) follows units; this one has none above it"),
        ("Amendment 1\nPage 1, line 2, leave out “a”\nStatus: agreed\nPage 1, line 3\n",
         "paper.txt:4: amendment 1: more words after the fields"),
        ("Amendment 1\nSponsors: A;; B\nPage 1, line 2, leave out “a”\n",
         "paper.txt:2: amendment 1: an empty name in “Sponsors:”"),
        ("Amendment 1\nStatus: agreed\nStatus: agreed\nPage 1, line 2, leave out “a”\n",
         "paper.txt:3: amendment 1: “Status:” is given twice"),
        ("Bill: X\nAmendment 1\nPage 1, line 2, leave out “a”\n",
         "paper.txt:2: put a blank line between the paper's heading and this amendment"),
        ("Amendment 1\nPage 1, line 2, leave out “a”\nAmendment 2\nPage 1, line 3, leave out “b”\n",
         "paper.txt:3: amendment 1: amendments are separated by blank lines"),
    ],
)  # fmt: skip
def test_error_messages(text: str, expected: str) -> None:
    assert _error(text).startswith(expected)


def test_error_files(tmp_path: Path) -> None:
    with pytest.raises(PaperError, match="no such file"):
        load_paper(tmp_path / "missing.txt")
    with pytest.raises(PaperError, match="no such file"):
        read_paper_text("missing.txt")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Amendment 1\nPage 1, line 2, leave out \xff\n")
    with pytest.raises(PaperError, match=r"bad\.txt:2: not valid UTF-8"):
        load_paper(bad)
    with pytest.raises(PaperError, match="is a directory"):
        load_paper(tmp_path)
    broken = tmp_path / "broken.xml"
    broken.write_text("<akomaNtoso", encoding="utf-8")
    with pytest.raises(PaperError, match=r"broken\.xml"):
        load_paper(broken)
    with pytest.raises(PaperError, match="nothing to write"):
        write_paper_xml(Paper())


def test_a_bill_is_not_a_paper() -> None:
    if not SAMPLE_BILL.exists():
        pytest.skip("no sample bill")
    with pytest.raises(
        PaperError, match=r"not an amendment paper: expected <amendmentList>, found <bill>"
    ):
        read_paper(SAMPLE_BILL)


def test_types_on_the_real_papers_cover_lawmakers(real_papers: dict[str, Paper]) -> None:
    """The papers hold every LawMaker type the issue names but the Schedule ones."""
    kinds = Counter(e.lawmaker.type for p in real_papers.values() for e in p.entries if e.lawmaker)
    assert {"insert", "leaveOut", "substitute", "newClause", "leaveOutClause"} <= set(kinds)


def test_one_unreadable_amendment_does_not_cost_the_paper() -> None:
    """An amendment whose XML drafter cannot read (no instruction, a number twice) is listed in
    its place with the reason; one with no number at all is named by LawMaker's eId; the
    others read as ever. With strict, the first such amendment refuses the paper."""
    tree = parse_file(SAMPLE_XML)
    amendments = tree.findall(".//akn:amendment", NS)
    second = amendments[1].find(".//akn:block[@name='instruction']", NS)
    assert second is not None
    second.set("name", "somethingElse")  # no instruction left
    third_num = amendments[2].find(".//akn:num", NS)
    assert third_num is not None
    third_num.text = "1"  # a number the paper already has
    fourth_num = amendments[3].find(".//akn:num", NS)
    assert fourth_num is not None
    fourth_num.text = ""  # no number, nor reference: LawMaker's eId names it
    fourth_num.attrib.pop(f"{{{UKL_NS}}}dnum", None)
    amendments[3].find("akn:amendmentBody", NS).set("eId", "amnd_XYZ7")  # type: ignore[union-attr]
    data = etree.tostring(tree, encoding="utf-8")
    paper = paper_from_xml(data, "broken.xml")
    numbers = [e.number for e in paper.entries]
    assert numbers == ["1", "2", "1 (again)", "[XYZ7]", "5", "6", "7", "8", "9"]
    assert paper.entry("2").problem.endswith('no instruction (<block name="instruction">)')
    assert (
        "amendment 2:" in paper.entry("2").problem and paper.entry("2").amendment.operations == ()
    )
    assert "the paper holds this amendment twice" in paper.entry("1 (again)").problem
    assert paper.entry("[XYZ7]").amendment.operations  # read, by its reference
    assert sum(1 for e in paper.entries if e.problem) == 2
    with pytest.raises(PaperError, match="no instruction"):
        paper_from_xml(data, "broken.xml", strict=True)


def test_a_report_list_titled_as_amended_is_printed_so(
    real_papers: dict[str, Paper], tmp_path: Path
) -> None:
    """A Commons report list is headed "Energy Bill [HL], As Amended": what its title adds
    to the bill's is read, kept through both formats and printed (a trial's export of the
    Data Protection list dropped it)."""
    from drafter.export.documents import export_paper

    paper = real_papers[ENERGY]
    assert paper.info.title_note == "As Amended"
    for name in ("again.txt", "again.xml"):
        save_paper(paper, tmp_path / name)
        assert load_paper(tmp_path / name).info.title_note == "As Amended"
    export_paper(paper, tmp_path / "list.html")
    assert "<h1>Energy Bill [HL], As Amended — Report Stage</h1>" in (
        tmp_path / "list.html"
    ).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("empty.xml", b"", "empty file: expected a LawMaker amendment paper"),
        ("blank.xml", b" \n\n", "empty file: expected a LawMaker amendment paper"),
        ("words.xml", b"Amendment 1\n", "not XML: expected a LawMaker amendment paper"),
        ("list.pdf", b"%PDF-1.7\n...", "a PDF file, not an amendment paper"),
        ("list.docx", b"PK\x03\x04...", "a ZIP archive (a Word .docx?), not an amendment paper"),
    ],
)
def test_a_file_that_is_no_paper_is_refused_for_what_it_is(
    tmp_path: Path, name: str, data: bytes, said: str
) -> None:
    """An empty .xml file was read as a text paper with no amendments ("0 amendments",
    and a comparison with it listed every amendment as added), and a Word file or a PDF
    was "not valid UTF-8". Each is refused, saying what it is."""
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(PaperError) as err:
        load_paper(path)
    assert str(err.value).startswith(f"{path}:1: {said}")


def test_an_empty_text_paper_is_a_paper_with_no_amendments(tmp_path: Path) -> None:
    """A text paper made empty, to be drafted into (the app saves the first amendment to
    it), is read as a paper with none yet."""
    path = tmp_path / "new.txt"
    path.write_bytes(b"")
    assert load_paper(path).entries == ()


def test_same_as_compares_only_amendments_that_could_both_be_made_at_one_place() -> None:
    """Amendment 2 repeats amendment 1. Amendment 3 cites the page and line of an older
    print (a rebase could not carry it on): another place, whatever its numbers. Amendment 5
    repeats amendment 4, which was withdrawn: it can still be moved, nothing pre-empts it."""
    wording = "Clause 1, page 1, line 27, leave out “may”"
    paper = read_paper_text(
        "Bill: Crime and Policing Bill\n\n"
        f"Amendment 1\n{wording}\n\n"
        f"Amendment 2\n{wording}\n\n"
        f"Amendment 3\nCites: HL Bill 54\n{wording}\n\n"
        "Amendment 4\nClause 1, page 1, line 28, leave out “the”\nStatus: withdrawn\n\n"
        "Amendment 5\nClause 1, page 1, line 28, leave out “the”\n"
    )
    assert paper.entry("3").amendment.cites == "HL Bill 54"
    assert paper.entry("4").amendment.status == "withdrawn"
    assert same_as(paper.amendments) == {"2": "1"}
