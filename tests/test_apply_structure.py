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
        el = etree.fromstring(etree.tostring(el))
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
    "1": '<section GUID="_c8a15230-f55b-5847-9829-fda8027d027e" eId="sec_1A" class="prov1" drafter:amendment="1"><num>1A</num><heading GUID="_a9ea01bf-c4eb-5b7f-9e19-06757581f113" eId="sec_1A__hdg">Interim respect orders</heading><subsection GUID="_de5ca91d-e405-5d0f-ad77-6dae97d40cf4" eId="sec_1A__subsec_1" class="prov2"><num>(1)</num><intro GUID="_47a0fa63-1f5b-55bb-9426-8260d669282b" eId="sec_1A__subsec_1__intro"><p>A court may make an interim respect order if—</p></intro><level GUID="_54271816-0541-52dd-b974-5d79934a3c79" eId="sec_1A__subsec_1__para_a" class="para1"><num>(a)</num><intro GUID="_9c5b1536-a651-5734-b856-fa7c1c2fffe3" eId="sec_1A__subsec_1__para_a__intro"><p>the person—</p></intro><level GUID="_92514d29-0301-5887-b73f-c32452e02c6c" eId="sec_1A__subsec_1__para_a__subpara_i" class="para2"><num>(i)</num><content><p>lives in England, or</p></content></level><level GUID="_be5e8c1f-1dd0-51b1-95a3-83e984214904" eId="sec_1A__subsec_1__para_a__subpara_ii" class="para2"><num>(ii)</num><content><p>lives in Wales, and</p></content></level></level><level GUID="_37ae00c4-b5a2-5391-8445-d57fa391b7e3" eId="sec_1A__subsec_1__para_b" class="para1"><num>(b)</num><content><p>the court thinks fit.</p></content></level></subsection><subsection GUID="_be5a5719-8fa6-5622-b794-ffd2941d0548" eId="sec_1A__subsec_2" class="prov2"><num>(2)</num><intro GUID="_04c28e1a-c0ea-5e02-97ea-b560f2681b37" eId="sec_1A__subsec_2__intro"><p>In this section—</p></intro><hcontainer GUID="_18d25019-0882-5086-8b7d-3302d495e49b" eId="sec_1A__subsec_2__def_interimorder_" class="definition" name="definition"><content><p><def GUID="_8baba933-9223-5771-95b8-c3753e2d07a9" eId="sec_1A__subsec_2__def_interimorder" ukl:startQuote="“" ukl:endQuote="”">interim order</def> means an order under this section;</p></content></hcontainer><hcontainer GUID="_51ee332b-c4a3-5b72-b598-b4d43ff66b1a" eId="sec_1A__subsec_2__def_court_" class="definition" name="definition"><content><p><def GUID="_7e1385f5-7a25-54cd-ac2b-b8028391830f" eId="sec_1A__subsec_2__def_court" ukl:startQuote="“" ukl:endQuote="”">court</def> means the High Court.</p></content></hcontainer></subsection><subsection GUID="_bd2fdf19-9a98-5883-8a3c-39731c28b4cb" eId="sec_1A__subsec_3" class="prov2"><num>(3)</num><content><p><mod>In the Example Act 2000, after section 5A insert—<quotedStructure GUID="_8590225d-380d-56d6-aa73-5e66e88aba45" eId="sec_1A__subsec_3__qstr" startQuote="“" endQuote="”"><section GUID="_404ec3f8-ea47-589e-9257-5be2d4af7da9" eId="sec_1A__subsec_3__qstr__sec_5B" class="prov1"><num>5B</num><heading GUID="_b5367dbf-2be6-5941-92af-85c0bc7eaaf8" eId="sec_1A__subsec_3__qstr__sec_5B__hdg">Records</heading><content><p>A person who gives a notice must keep a copy of it.</p></content></section></quotedStructure></mod></p></content></subsection></section>',
    "2": '<level GUID="_ac9870f0-fafc-511d-bb8d-b55169a3e8a4" eId="sec_1__subsec_1__para_d" class="para1" drafter:amendment="2"><num>(d)</num><intro GUID="_bcba12d0-f944-58ba-abd4-7f72ac12fe04" eId="sec_1__subsec_1__para_d__intro"><p>the person—</p></intro><level GUID="_93d15a0c-d6f7-53e4-bf1b-e5889af76c7d" eId="sec_1__subsec_1__para_d__subpara_i" class="para2"><num>(i)</num><content><p>lives in England, or</p></content></level><level GUID="_7000a001-a969-5b91-af01-e882dbe6eddc" eId="sec_1__subsec_1__para_d__subpara_ii" class="para2"><num>(ii)</num><content><p>lives in Wales.</p></content></level></level>',
    "4": '<hcontainer GUID="_079f82e5-739e-5ea9-93a6-66e4d53b422e" eId="sched_1A" class="sch" name="schedule" drafter:amendment="4"><num>Schedule 1A</num><heading GUID="_52ae27cb-585d-55e5-a410-5478fd3684eb" eId="sched_1A__hdg">Interim orders: procedure</heading><part GUID="_a6e44cb5-be10-5c50-9e76-1bc88c3e532e" eId="sched_1A__pt_1" class="schGroup2"><num>Part 1</num><heading GUID="_3f38782b-bbfb-50a8-a7d7-cceccba5a201" eId="sched_1A__pt_1__hdg">Applications</heading><paragraph GUID="_a3223d1d-54ba-52a7-93ee-463c82f113bb" eId="sched_1A__pt_1__para_1" class="schProv1"><num>1</num><content><p>An application for an interim respect order may be made without notice.</p></content></paragraph></part><paragraph GUID="_28978884-df2b-5624-9a27-9d72f1dbfd02" eId="sched_1A__para_2" class="schProv1"><num>2</num><content><p>The court must hold a full hearing within 28 days.</p></content></paragraph></hcontainer>',
    "5": '<subparagraph GUID="_12bd22ac-ed95-56c7-be78-0f1a4ebad1c3" eId="sched_1__para_1__subpara_3" class="schProv2" drafter:amendment="5"><num>(3)</num><content><p>The court may suspend a respect order.</p></content></subparagraph>',
}

PROVENANCE = '<proprietary xmlns:ukl="https://www.legislation.gov.uk/namespaces/UK-AKN" xmlns:drafter="urn:drafter:provenance" source="#drafter"><drafter:provenance><drafter:amendment number="1" sponsors="" status="tabled"/><drafter:amendment number="2" sponsors="" status="tabled"/><drafter:amendment number="4" sponsors="" status="tabled"/><drafter:amendment number="5" sponsors="" status="tabled"/><drafter:amendment number="6" sponsors="" status="tabled"/><drafter:removed amendment="6" parent="sec_2" after="sec_2__subsec_1" lines="1-19 1-20"><subsection GUID="_00000000-0000-4000-8000-000000000017" class="prov2" drafter:eId="sec_2__subsec_2"><num>(2)</num><content><p>The applicant must consult the chief officer of police for the area in which the respondent lives.</p></content></subsection></drafter:removed></drafter:provenance></proprietary>'


@pytest.mark.parametrize("number", sorted(WRITTEN))
def test_inserted_structure_is_written_exactly(amended: tuple[Bill, str], number: str) -> None:
    assert _written(amended[0])[number] == WRITTEN[number]


def test_the_provenance_is_written_exactly(amended: tuple[Bill, str]) -> None:
    """Each applied amendment, and the subsection left out: its parent, the eId it came after,
    the lines it was printed on, its eIds kept as drafter:eId."""
    assert _provenance(amended[0]) == PROVENANCE


def test_the_report(amended: tuple[Bill, str]) -> None:
    assert amended[1] == REPORT


REPORT = "Amendment 1: applied\n    new clause, after Clause 1: “Clause 1A: Interim respect orders (1) A court may make an interim respect order…”\nAmendment 2: applied\n    insert provision, Clause 1(1)(c) (sec_1__subsec_1__para_c): “(d) the person— (i) lives in England, or (ii) lives in Wales.”\nAmendment 4: applied\n    new Schedule, after Schedule 1: “Schedule 1A: Interim orders: procedure Part 1 Applications 1 An application for…”\nAmendment 5: applied\n    insert provision, Schedule 1, paragraph 1(2) (sched_1__para_1__subpara_2): “(3) The court may suspend a respect order.”\nAmendment 6: applied\n    leave out provision, Clause 2(2) (sec_2__subsec_2): “(2) The applicant must consult the chief officer of police for the area in whic…”\n5 of 5 amendments applied to HL Bill 1; laid out afresh (drafter's own page and line numbers)"
