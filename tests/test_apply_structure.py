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
    "1": '<section GUID="_e52222f1-2883-5e28-aff9-13ed6f1de175" eId="sec_1A" class="prov1" drafter:amendment="1"><num>1A</num><heading GUID="_fb0b45e0-cd4d-528b-8eea-e994448e200c" eId="sec_1A__hdg">Interim respect orders</heading><subsection GUID="_cb36bbe6-c89f-52f4-b578-8f0aeab43bcd" eId="sec_1A__subsec_1" class="prov2"><num>(1)</num><intro GUID="_51472912-810a-518b-9e5f-7afcbbe4f5a5" eId="sec_1A__subsec_1__intro"><p>A court may make an interim respect order if—</p></intro><level GUID="_9bed67c1-c081-5196-8b3f-2c6683a10c33" eId="sec_1A__subsec_1__para_a" class="para1"><num>(a)</num><intro GUID="_57c3f183-765e-54fb-92df-28ba108426c7" eId="sec_1A__subsec_1__para_a__intro"><p>the person—</p></intro><level GUID="_f4366f9a-e075-5a80-98d8-b737b9af4f08" eId="sec_1A__subsec_1__para_a__subpara_i" class="para2"><num>(i)</num><content><p>lives in England, or</p></content></level><level GUID="_f69d87ab-cff3-5ca2-a5a7-c036bbe076bc" eId="sec_1A__subsec_1__para_a__subpara_ii" class="para2"><num>(ii)</num><content><p>lives in Wales, and</p></content></level></level><level GUID="_6af75e93-01e9-5df9-844d-c63f2532af50" eId="sec_1A__subsec_1__para_b" class="para1"><num>(b)</num><content><p>the court thinks fit.</p></content></level></subsection><subsection GUID="_1e51144e-2a52-5f51-bd60-adb44692e4fd" eId="sec_1A__subsec_2" class="prov2"><num>(2)</num><intro GUID="_db80aeca-056e-54c9-8af1-07cadc98a638" eId="sec_1A__subsec_2__intro"><p>In this section—</p></intro><hcontainer GUID="_ec5d1c1e-558c-5483-a6d6-c26da37e9425" eId="sec_1A__subsec_2__def_interimorder_" class="definition" name="definition"><content><p><def GUID="_caa22b0a-11f6-5c6d-a171-5017b5659e77" eId="sec_1A__subsec_2__def_interimorder" ukl:startQuote="“" ukl:endQuote="”">interim order</def> means an order under this section;</p></content></hcontainer><hcontainer GUID="_c1bbe7d5-6a8f-59ee-9584-4cb61be0ccd3" eId="sec_1A__subsec_2__def_court_" class="definition" name="definition"><content><p><def GUID="_fd976447-c07d-55d7-b9ff-dc8282fc729b" eId="sec_1A__subsec_2__def_court" ukl:startQuote="“" ukl:endQuote="”">court</def> means the High Court.</p></content></hcontainer></subsection><subsection GUID="_a5829ee7-abf1-50d4-8d99-c50e038a47ee" eId="sec_1A__subsec_3" class="prov2"><num>(3)</num><content><p><mod>In the Example Act 2000, after section 5A insert—<quotedStructure GUID="_5271c774-ded6-5ebb-a8c1-3f1bcd2419f8" eId="sec_1A__subsec_3__qstr" startQuote="“" endQuote="”"><section GUID="_5e1cd33a-e01b-586b-bff3-b83f269ab3c2" eId="sec_1A__subsec_3__qstr__sec_5B" class="prov1"><num>5B</num><heading GUID="_8a387631-71c1-5458-b46e-c18d3e02c04d" eId="sec_1A__subsec_3__qstr__sec_5B__hdg">Records</heading><content><p>A person who gives a notice must keep a copy of it.</p></content></section></quotedStructure></mod></p></content></subsection></section>',
    "2": '<level GUID="_a66bd04c-ea30-5ff0-962c-b673991f4ac2" eId="sec_1__subsec_1__para_d" class="para1" drafter:amendment="2"><num>(d)</num><intro GUID="_e480a19e-57de-5329-a431-37c106d84790" eId="sec_1__subsec_1__para_d__intro"><p>the person—</p></intro><level GUID="_a22669a0-d6b0-5ecf-9a54-9f536240ba59" eId="sec_1__subsec_1__para_d__subpara_i" class="para2"><num>(i)</num><content><p>lives in England, or</p></content></level><level GUID="_c94041d1-e4ba-5b94-9b1f-680aadcc1fe1" eId="sec_1__subsec_1__para_d__subpara_ii" class="para2"><num>(ii)</num><content><p>lives in Wales.</p></content></level></level>',
    "4": '<hcontainer GUID="_4bb3de13-f36a-5323-b3be-40709f044759" eId="sched_1A" class="sch" name="schedule" drafter:amendment="4"><num>Schedule 1A</num><heading GUID="_d2cc9897-4e3b-5f4b-aed4-d4a3810469ec" eId="sched_1A__hdg">Interim orders: procedure</heading><part GUID="_24f0b42e-f635-5aa5-af33-18c2bcad93f5" eId="sched_1A__pt_1" class="schGroup2"><num>Part 1</num><heading GUID="_0d338625-ed54-532e-8fd6-37337a1ad6c0" eId="sched_1A__pt_1__hdg">Applications</heading><paragraph GUID="_75e89425-5a7c-53ef-958d-914d67650768" eId="sched_1A__pt_1__para_1" class="schProv1"><num>1</num><content><p>An application for an interim respect order may be made without notice.</p></content></paragraph></part><paragraph GUID="_7e264d2f-fb03-5878-b0bf-c1e111e649d5" eId="sched_1A__para_2" class="schProv1"><num>2</num><content><p>The court must hold a full hearing within 28 days.</p></content></paragraph></hcontainer>',
    "5": '<subparagraph GUID="_8e82bde9-506f-5431-b41b-54f7dd8c0346" eId="sched_1__para_1__subpara_3" class="schProv2" drafter:amendment="5"><num>(3)</num><content><p>The court may suspend a respect order.</p></content></subparagraph>',
    "7": '<paragraph GUID="_1c0ae37d-deab-5e4e-86d6-225572b58ba9" eId="sched_1__para_1A" class="schProv1" drafter:amendment="7"><num>1A</num><content><p>The court may end a respect order.</p></content></paragraph>',
    "8": '<ins drafter:amendment="8"> The applicant must give notice. Notice must be in writing.</ins>',
}

PROVENANCE = '<proprietary xmlns:ukl="https://www.legislation.gov.uk/namespaces/UK-AKN" xmlns:drafter="urn:drafter:provenance" source="#drafter"><drafter:provenance><drafter:amendment number="1" sponsors="" status="tabled"/><drafter:amendment number="2" sponsors="" status="tabled"/><drafter:amendment number="4" sponsors="" status="tabled"/><drafter:amendment number="5" sponsors="" status="tabled"/><drafter:amendment number="6" sponsors="" status="tabled"/><drafter:amendment number="7" sponsors="" status="tabled"/><drafter:amendment number="8" sponsors="" status="tabled"/><drafter:removed amendment="6" parent="sec_2" after="sec_2__subsec_1" lines="1-19 1-20"><subsection GUID="_00000000-0000-4000-8000-000000000017" class="prov2" drafter:eId="sec_2__subsec_2"><num>(2)</num><content><p>The applicant must consult the chief officer of police for the area in which the respondent lives.</p></content></subsection></drafter:removed></drafter:provenance></proprietary>'


@pytest.mark.parametrize("number", sorted(WRITTEN))
def test_inserted_structure_is_written_exactly(amended: tuple[Bill, str], number: str) -> None:
    assert _written(amended[0])[number] == WRITTEN[number]


def test_the_provenance_is_written_exactly(amended: tuple[Bill, str]) -> None:
    """Each applied amendment, and the subsection left out: its parent, the eId it came after,
    the lines it was printed on, its eIds kept as drafter:eId."""
    assert _provenance(amended[0]) == PROVENANCE


def test_the_report(amended: tuple[Bill, str]) -> None:
    assert amended[1] == REPORT


REPORT = "Amendment 1: applied\n    new clause, after Clause 1: “Clause 1A: Interim respect orders (1) A court may make an interim respect order…”\nAmendment 2: applied\n    insert provision, Clause 1(1)(c) (sec_1__subsec_1__para_c): “(d) the person— (i) lives in England, or (ii) lives in Wales.”\nAmendment 4: applied\n    new Schedule, after Schedule 1: “Schedule 1A: Interim orders: procedure Part 1 Applications 1 An application for…”\nAmendment 5: applied\n    insert provision, Schedule 1, paragraph 1(2) (sched_1__para_1__subpara_2): “(3) The court may suspend a respect order.”\nAmendment 6: applied\n    leave out provision, Clause 2(2) (sec_2__subsec_2): “(2) The applicant must consult the chief officer of police for the area in whic…”\nAmendment 7: applied\n    insert provision, Schedule 1, paragraph 1(1) (sched_1__para_1__subpara_1): “1A The court may end a respect order.”\nAmendment 8: applied\n    insert, Clause 2(1) (sec_2__subsec_1): “The applicant must give notice. Notice must be in writing.”\n7 of 7 amendments applied to HL Bill 1; laid out afresh (drafter's own page and line numbers)"
