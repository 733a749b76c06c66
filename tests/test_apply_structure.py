"""The exact XML apply writes for inserted structure (issue 23's mutation survivors): the tag,
class, eId, GUID and name of each new element and its children, the defined terms of a new
definition, a quotation of units, a Part in a new Schedule, a unit put into a Schedule, and the
drafter: provenance of what was left out. Written by apply and read against the amendments by
hand: each eId follows its parent's, each class is its kind's (schedule kinds in a Schedule)."""

# ruff: noqa: E501  (the expected XML is one element a line)
from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from drafter.core.apply import AMENDMENT_ATTR, apply
from drafter.core.bill import Bill
from drafter.core.paper import load_paper

from .test_apply_cases import AKN, tiny_bill

PAPER = """\
Amendment 1
After Clause 1, insert the following new Clause—
    # Interim respect orders
        (1) A court may make an interim respect order if—
            (a) the person—
                (i) lives in England, or
                (ii) lives in Wales, and
            (b) the court thinks fit.
        (2) In this section—
            “interim order” means an order under this section;
            “court” means the High Court.
        (3) In the Example Act 2000, after section 5A insert—
            “5B # Records
                A person who gives a notice must keep a copy of it.”

Amendment 2
Page 1, line 10, at end insert—
    (d) the person—
        (i) lives in England, or
        (ii) lives in Wales.

Amendment 4
After Schedule 1, insert the following new Schedule—
    # Interim orders: procedure
        Part 1 # Applications
            1 An application for an interim respect order may be made without notice.
        2 The court must hold a full hearing within 28 days.

Amendment 5
Page 3, line 5, at end insert—
    (3) The court may suspend a respect order.

Amendment 6
Page 1, line 19, leave out subsection (2)

Amendment 7
Page 3, line 4, at end insert—
    1A The court may end a respect order.

Amendment 8
Page 1, line 17, at end insert—
    The applicant must give notice.
    Notice must be in writing.

Amendment 9
Page 2, line 20, leave out Clause 6
"""

_NS = ' xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0" xmlns:drafter="urn:drafter:provenance" xmlns:ukl="https://www.legislation.gov.uk/namespaces/UK-AKN"'
_MARKER = re.compile(r"<\?L [^?]*\?>")


@pytest.fixture
def amended(tmp_path: Path) -> tuple[Bill, str]:
    """Applied afresh for each test (not once a module): mutmut knows which code a test
    reaches only from what runs during it."""
    d = tmp_path
    (d / "bill.xml").write_bytes(tiny_bill())
    (d / "amendments.txt").write_text(PAPER, encoding="utf-8")
    bill, report = apply(Bill.load(d / "bill.xml"), load_paper(d / "amendments.txt").amendments)
    return bill, report.text()


def _written(bill: Bill) -> dict[str, str]:
    """Each outermost new element, by its amendment: its XML without layout's line markers."""
    out = {}
    for el in bill.document.iter(f"{{{AKN}}}*"):
        number = el.get(AMENDMENT_ATTR)
        parent = el.getparent()
        if number is None or (parent is not None and parent.get(AMENDMENT_ATTR) is not None):
            continue
        el = etree.fromstring(etree.tostring(el, with_tail=False))
        el.tail = None
        out[number] = _MARKER.sub("", etree.tostring(el, encoding=str)).replace(_NS, "")
    return out


def _provenance(bill: Bill) -> str:
    prov = bill.document.find(f".//{{{AKN}}}proprietary")
    assert prov is not None
    return etree.tostring(prov, encoding=str).replace(
        _NS.replace("xmlns:drafter", "xmlns:ukl").split(" xmlns:ukl")[0], ""
    )


#: each outermost new element, by the amendment that made it
WRITTEN = {
    "1": '<section GUID="_efe9d4d4-6347-52e1-bbe8-6632ff8d6b59" eId="sec_1A" class="prov1" drafter:amendment="1"><num>1A</num><heading GUID="_fc8afdbf-f0e6-5c63-9987-0ac133245fea" eId="sec_1A__hdg">Interim respect orders</heading><subsection GUID="_348bf110-557f-5de9-8090-6c06f13b11d1" eId="sec_1A__subsec_1" class="prov2"><num>(1)</num><intro GUID="_bb0a8d18-e5c6-57a8-a10a-494f6353e5e7" eId="sec_1A__subsec_1__intro"><p>A court may make an interim respect order if—</p></intro><level GUID="_3858d6a3-5407-54d8-9883-8e1b2b346aba" eId="sec_1A__subsec_1__para_a" class="para1"><num>(a)</num><intro GUID="_716328ba-b29b-5998-b401-9687e1c44044" eId="sec_1A__subsec_1__para_a__intro"><p>the person—</p></intro><level GUID="_bc572486-e8a1-5e4e-8dce-f83293916042" eId="sec_1A__subsec_1__para_a__subpara_i" class="para2"><num>(i)</num><content><p>lives in England, or</p></content></level><level GUID="_00932152-26a9-5d01-bca6-69b6a1fe3f08" eId="sec_1A__subsec_1__para_a__subpara_ii" class="para2"><num>(ii)</num><content><p>lives in Wales, and</p></content></level></level><level GUID="_9b638caa-1522-5e34-9b2e-f7c9d1d2d671" eId="sec_1A__subsec_1__para_b" class="para1"><num>(b)</num><content><p>the court thinks fit.</p></content></level></subsection><subsection GUID="_874dcd44-783f-5cd8-8d68-f69a1e0d5236" eId="sec_1A__subsec_2" class="prov2"><num>(2)</num><intro GUID="_f025f49d-2630-582c-81e1-07b2fdc9cf90" eId="sec_1A__subsec_2__intro"><p>In this section—</p></intro><hcontainer GUID="_027047a7-7089-5b5a-bfe6-35fc882895c4" eId="sec_1A__subsec_2__def_interimorder_" class="definition" name="definition"><content><p><def GUID="_8d39fbc6-2af6-52ae-a648-f8bcea914e60" eId="sec_1A__subsec_2__def_interimorder" ukl:startQuote="“" ukl:endQuote="”">interim order</def> means an order under this section;</p></content></hcontainer><hcontainer GUID="_ac2961c0-285a-5433-946d-b8d683162ca2" eId="sec_1A__subsec_2__def_court_" class="definition" name="definition"><content><p><def GUID="_48be04f3-ecc6-5aa2-8dd6-89e172b563cd" eId="sec_1A__subsec_2__def_court" ukl:startQuote="“" ukl:endQuote="”">court</def> means the High Court.</p></content></hcontainer></subsection><subsection GUID="_0d81042c-3447-5b35-bb2c-14045f17e3ee" eId="sec_1A__subsec_3" class="prov2"><num>(3)</num><content><p><mod>In the Example Act 2000, after section 5A insert—<quotedStructure GUID="_32eac41d-3e46-545d-9934-68739ac9a6fc" eId="sec_1A__subsec_3__qstr" startQuote="“" endQuote="”"><section GUID="_f96418ee-584a-5729-9af4-eb4f6b9553da" eId="sec_1A__subsec_3__qstr__sec_5B" class="prov1"><num>5B</num><heading GUID="_1199112a-8f62-56cb-ac8c-b6252a26e934" eId="sec_1A__subsec_3__qstr__sec_5B__hdg">Records</heading><content><p>A person who gives a notice must keep a copy of it.</p></content></section></quotedStructure></mod></p></content></subsection></section>',
    "2": '<level GUID="_5f7bbd6e-6f89-5ae9-b591-0b2cc445cff6" eId="sec_1__subsec_1__para_d" class="para1" drafter:amendment="2"><num>(d)</num><intro GUID="_72aa7e3c-31dd-5817-b219-f7c5ca6a5383" eId="sec_1__subsec_1__para_d__intro"><p>the person—</p></intro><level GUID="_1f097e37-3d6f-5a0f-9cd5-169855a97efd" eId="sec_1__subsec_1__para_d__subpara_i" class="para2"><num>(i)</num><content><p>lives in England, or</p></content></level><level GUID="_533f5dde-7306-597f-96f0-fc47aed56a74" eId="sec_1__subsec_1__para_d__subpara_ii" class="para2"><num>(ii)</num><content><p>lives in Wales.</p></content></level></level>',
    "4": '<hcontainer GUID="_58475cfa-f045-5ae4-accf-d17d4306911d" eId="sched_1A" class="sch" name="schedule" drafter:amendment="4"><num>Schedule 1A</num><heading GUID="_c78e5807-e043-57f2-8cb6-baf42ab12acc" eId="sched_1A__hdg">Interim orders: procedure</heading><part GUID="_57fb1f32-8784-5650-b6dc-b5c22fda9233" eId="sched_1A__pt_1" class="schGroup2"><num>Part 1</num><heading GUID="_6b7dd50a-ebcd-51df-987f-a54b88fc8f87" eId="sched_1A__pt_1__hdg">Applications</heading><paragraph GUID="_dc8d2d08-4e6d-5507-aa22-30f32d5854b6" eId="sched_1A__pt_1__para_1" class="schProv1"><num>1</num><content><p>An application for an interim respect order may be made without notice.</p></content></paragraph></part><paragraph GUID="_3d249ecb-ef2e-55e8-87d8-8f99c6ebef77" eId="sched_1A__para_2" class="schProv1"><num>2</num><content><p>The court must hold a full hearing within 28 days.</p></content></paragraph></hcontainer>',
    "5": '<subparagraph GUID="_24afa954-a6e6-5614-bcd3-bab9e9380b87" eId="sched_1__para_1__subpara_3" class="schProv2" drafter:amendment="5"><num>(3)</num><content><p>The court may suspend a respect order.</p></content></subparagraph>',
    "7": '<paragraph GUID="_2b8a4675-7bea-5ece-b0f1-0ff5213311dd" eId="sched_1__para_1A" class="schProv1" drafter:amendment="7"><num>1A</num><content><p>The court may end a respect order.</p></content></paragraph>',
    "8": '<ins drafter:amendment="8"> The applicant must give notice. Notice must be in writing.</ins>',
}

PROVENANCE = '<proprietary xmlns:ukl="https://www.legislation.gov.uk/namespaces/UK-AKN" xmlns:drafter="urn:drafter:provenance" source="#drafter"><drafter:provenance><drafter:amendment number="1" sponsors="" status="tabled" print="HL Bill 1" made="8db4a45ef53b6431"/><drafter:amendment number="2" sponsors="" status="tabled" print="HL Bill 1" made="ac5ff1f6b5367865"/><drafter:amendment number="4" sponsors="" status="tabled" print="HL Bill 1" made="9d5e86abf679f660"/><drafter:amendment number="5" sponsors="" status="tabled" print="HL Bill 1" made="4a032b1f0623bcdf"/><drafter:amendment number="6" sponsors="" status="tabled" print="HL Bill 1" made="ee675578367e32a2"/><drafter:amendment number="7" sponsors="" status="tabled" print="HL Bill 1" made="d94d893f8e8357aa"/><drafter:amendment number="8" sponsors="" status="tabled" print="HL Bill 1" made="7893bd9b605b3312"/><drafter:amendment number="9" sponsors="" status="tabled" print="HL Bill 1" made="264947ad5527619d"/><drafter:removed amendment="9" parent="pt_3" after="pt_3__hdg" lines="2-20 2-21"><section GUID="_00000000-0000-4000-8000-000000000038" class="prov1" drafter:eId="sec_6"><num>6</num><heading GUID="_00000000-0000-4000-8000-000000000039" drafter:eId="sec_6__hdg">Extent</heading>\n  <content><p>This Act extends to England and Wales.</p></content>\n </section></drafter:removed><drafter:removed amendment="6" parent="sec_2" after="sec_2__subsec_1" lines="1-19 1-20"><subsection GUID="_00000000-0000-4000-8000-000000000017" class="prov2" drafter:eId="sec_2__subsec_2"><num>(2)</num><content><p>The applicant must consult the chief officer of police for the area in which the respondent lives.</p></content></subsection></drafter:removed></drafter:provenance></proprietary>'


@pytest.mark.parametrize("number", sorted(WRITTEN))
def test_inserted_structure_is_written_exactly(amended: tuple[Bill, str], number: str) -> None:
    assert _written(amended[0])[number] == WRITTEN[number]


def test_the_provenance_is_written_exactly(amended: tuple[Bill, str]) -> None:
    """Each applied amendment, and the subsection left out: its parent, the eId it came after,
    the lines it was printed on, its eIds kept as drafter:eId."""
    assert _provenance(amended[0]) == PROVENANCE


def test_the_report(amended: tuple[Bill, str]) -> None:
    assert amended[1] == REPORT


REPORT = "Amendment 1: applied\n    new clause, after Clause 1: “Clause 1A: Interim respect orders (1) A court may make an interim respect order…”\nAmendment 2: applied\n    insert provision, Clause 1(1)(c) (sec_1__subsec_1__para_c): “(d) the person— (i) lives in England, or (ii) lives in Wales.”\nAmendment 4: applied\n    new Schedule, after Schedule 1: “Schedule 1A: Interim orders: procedure Part 1 Applications 1 An application for…”\nAmendment 5: applied\n    insert provision, Schedule 1, paragraph 1(2) (sched_1__para_1__subpara_2): “(3) The court may suspend a respect order.”\nAmendment 6: applied\n    leave out provision, Clause 2(2) (sec_2__subsec_2): “(2) The applicant must consult the chief officer of police for the area in whic…”\nAmendment 7: applied\n    insert provision, Schedule 1, paragraph 1(1) (sched_1__para_1__subpara_1): “1A The court may end a respect order.”\n    note: the place cited (page 3, line 4) is inside Schedule 1, paragraph 1: what it inserts goes in after all of it, after “(2) The court may discharge a respect order.”; check the amendment's place and number\nAmendment 8: applied\n    insert, Clause 2(1) (sec_2__subsec_1): “The applicant must give notice. Notice must be in writing.”\nAmendment 9: applied\n    leave out provision, Clause 6 (sec_6): “6 Extent This Act extends to England and Wales.”\n8 of 8 amendments applied to HL Bill 1; laid out again (drafter's own page and line numbers)"


TABLES = """\
Amendment 1
After Clause 1, insert the following new Clause—
    # Fees
        (1) The fees are as follows—
            |# Application | Fee |
            | A respect order | £100 |
            | An interim order | £50 |
        (2) In the Example Act 2000, in the table in section 5, at the end insert—
            “| Variation | £25 |”
"""


def test_a_table_is_written_as_lawmaker_writes_one(tmp_path: Path) -> None:
    """A table in a new clause goes into its unit's content after the words, as an XHTML
    table with its heading row in ``thead``; rows put into another Act's table are the
    quotation's content. The print reads the cells in order, row by row."""
    (tmp_path / "bill.xml").write_bytes(tiny_bill())
    (tmp_path / "paper.txt").write_text(TABLES, encoding="utf-8")
    paper = load_paper(tmp_path / "paper.txt")
    bill, report = apply(Bill.load(tmp_path / "bill.xml"), paper.amendments)
    assert [o.applied for o in report.outcomes] == [True]
    html = "{http://www.w3.org/1999/xhtml}"
    clause = next(s for s in bill.body.iter(f"{{{AKN}}}section") if s.get("eId") == "sec_1A")
    own, quoted = clause.iter(f"{{{AKN}}}tblock")
    assert [etree.QName(c).localname for c in own.getparent()] == ["p", "tblock"]
    assert own.getparent().getparent().get("eId") == "sec_1A__subsec_1"
    assert [len(own.findall(f".//{html}{part}/{html}tr")) for part in ("thead", "tbody")] == [1, 2]
    assert quoted.getparent().getparent().tag == f"{{{AKN}}}quotedStructure"
    printed = " ".join(bill.print.text.split())
    assert (
        "(1) The fees are as follows— Application Fee A respect order £100 An interim order £50"
        in printed
    )
    assert "at the end insert— “Variation £25”" in printed
