"""File-based cases for apply: each directory of tests/cases/ holds ``bill.xml`` (a small
LawMaker-shaped bill laid out by drafter's own layout, so its ``<?L?>`` markers were not
numbered by hand), ``amendments.txt`` (a text paper), ``expected.txt`` (the amended bill as
printed: ``page:line text``) and ``report.json`` (the expected report, without the bill's
path). The amended bill must also validate and load again.

To make a new case: ``python -m tests.test_apply_cases new NAME`` writes the tiny bill into
tests/cases/NAME/bill.xml; write amendments.txt; ``python -m tests.test_apply_cases expect
NAME`` writes expected.txt and report.json from what apply does — read them before keeping
them."""

# ruff: noqa: E501  (the tiny bill is XML, one element a line, easier read than wrapped)
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from lxml import etree

from drafter.core.apply import apply
from drafter.core.bill import Bill
from drafter.core.files import xml_bytes
from drafter.core.layout import laid_out
from drafter.core.paper import load_paper
from drafter.core.validate import validate_bill
from drafter.core.xml import parse_bytes

CASES = Path(__file__).parent / "cases"
AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
UKL = "https://www.legislation.gov.uk/namespaces/UK-AKN"

_n = 0


def _g() -> str:
    """Stable GUIDs for the tiny bill (so that regenerating it gives the same bytes)."""
    global _n
    _n += 1
    return f'GUID="_00000000-0000-4000-8000-{_n:012d}"'


def tiny_bill_body() -> str:
    """A small bill with what apply must handle: paragraphs, a quotation of another Act, a
    table, a crossheading with one clause, a Part with one clause, a Schedule."""
    g = _g
    return f"""
<part {g()} class="group2" eId="pt_1"><num>Part 1</num><heading {g()} eId="pt_1__hdg">General</heading>
 <hcontainer {g()} class="group7" eId="pt_1__xhdg_1" name="crossheading"><heading {g()} eId="pt_1__xhdg_1__hdg">Respect orders</heading>
  <section {g()} class="prov1" eId="sec_1"><num>1</num><heading {g()} eId="sec_1__hdg">Respect orders</heading>
   <subsection {g()} class="prov2" eId="sec_1__subsec_1"><num>(1)</num>
    <intro {g()} eId="sec_1__subsec_1__intro"><p>A court may make a respect order against a person if—</p></intro>
    <level {g()} class="para1" eId="sec_1__subsec_1__para_a"><num>(a)</num><content><p>the person is aged 18 or over,</p></content></level>
    <level {g()} class="para1" eId="sec_1__subsec_1__para_b"><num>(b)</num><content><p>the person has engaged in anti-social behaviour, and</p></content></level>
    <level {g()} class="para1" eId="sec_1__subsec_1__para_c"><num>(c)</num><content><p>the court considers it just and convenient to make the order for the purpose of preventing the person from engaging in anti-social behaviour.</p></content></level>
   </subsection>
   <subsection {g()} class="prov2" eId="sec_1__subsec_2"><num>(2)</num><content><p>A respect order has effect for the period specified in the order, which must not exceed 2 years.</p></content></subsection>
   <subsection {g()} class="prov2" eId="sec_1__subsec_3"><num>(3)</num><content><p>In the opinion of the Secretary of State a respect order may be varied on the application of the person who applied for it or of the respondent to the order, and the court must hear both of them before varying it.</p></content></subsection>
  </section>
  <section {g()} class="prov1" eId="sec_2"><num>2</num><heading {g()} eId="sec_2__hdg">Applications</heading>
   <subsection {g()} class="prov2" eId="sec_2__subsec_1"><num>(1)</num><content><p>An application for a respect order may be made by a chief officer of police for a police area or by a local authority.</p></content></subsection>
   <subsection {g()} class="prov2" eId="sec_2__subsec_2"><num>(2)</num><content><p>The applicant must consult the chief officer of police for the area in which the respondent lives.</p></content></subsection>
  </section>
 </hcontainer>
 <hcontainer {g()} class="group7" eId="pt_1__xhdg_3" name="crossheading"><heading {g()} eId="pt_1__xhdg_3__hdg">Amendments of the Example Act 2000</heading>
  <section {g()} class="prov1" eId="sec_3"><num>3</num><heading {g()} eId="sec_3__hdg">Notices</heading>
   <content><p><mod>In the Example Act 2000, after section 5 insert—<quotedStructure {g()} eId="sec_3__qstr" startQuote="“" endQuote="”" ukl:context="body" ukl:docName="ukpga" ukl:indent="indent0">
    <section {g()} class="prov1" eId="sec_3__qstr__sec_5A"><num ukl:autonumber="no">5A</num><heading {g()} eId="sec_3__qstr__sec_5A__hdg">Notices</heading>
     <subsection {g()} class="prov2" eId="sec_3__qstr__sec_5A__subsec_1"><num>(1)</num><content><p>A notice under this Act must be in writing.</p></content></subsection>
     <subsection {g()} class="prov2" eId="sec_3__qstr__sec_5A__subsec_2"><num>(2)</num><content><p>A notice may be given by post to the last known address of the person.</p></content></subsection>
    </section></quotedStructure></mod></p></content>
  </section>
 </hcontainer>
 <hcontainer {g()} class="group7" eId="pt_1__xhdg_4" name="crossheading"><heading {g()} eId="pt_1__xhdg_4__hdg">Fees</heading>
  <section {g()} class="prov1" eId="sec_4"><num>4</num><heading {g()} eId="sec_4__hdg">Fees</heading>
   <content><p>The fees payable are—</p>
    <tblock {g()} class="table" eId="sec_4__tbl"><foreign><table xmlns="http://www.w3.org/1999/xhtml" cols="2"><tbody>
     <tr><td><p xmlns="{AKN}">Application for a respect order</p></td><td><p xmlns="{AKN}">fifty pounds</p></td></tr>
     <tr><td><p xmlns="{AKN}">Appeal against a respect order</p></td><td><p xmlns="{AKN}">one hundred pounds</p></td></tr>
    </tbody></table></foreign></tblock></content>
  </section>
 </hcontainer>
</part>
<part {g()} class="group2" eId="pt_2"><num>Part 2</num><heading {g()} eId="pt_2__hdg">Powers</heading>
 <section {g()} class="prov1" eId="sec_5"><num>5</num><heading {g()} eId="sec_5__hdg">Face coverings</heading>
  <content><p>A constable may require a person to remove a face covering in a locality designated under this section.</p></content>
 </section>
</part>
<part {g()} class="group2" eId="pt_3"><num>Part 3</num><heading {g()} eId="pt_3__hdg">Final provisions</heading>
 <section {g()} class="prov1" eId="sec_6"><num>6</num><heading {g()} eId="sec_6__hdg">Extent</heading>
  <content><p>This Act extends to England and Wales.</p></content>
 </section>
 <section {g()} class="prov1" eId="sec_7"><num>7</num><heading {g()} eId="sec_7__hdg">Short title</heading>
  <content><p>This Act may be cited as the Example Act 2026.</p></content>
 </section>
</part>
<hcontainer {g()} class="schs" eId="scheds" name="schedules"><heading {g()} eId="scheds__hdg">Schedules</heading>
 <hcontainer {g()} class="sch" eId="sched_1" name="schedule"><num>Schedule 1</num><heading {g()} eId="sched_1__hdg">Respect orders: supplementary</heading>
  <paragraph {g()} class="schProv1" eId="sched_1__para_1"><num>1</num>
   <subparagraph {g()} class="schProv2" eId="sched_1__para_1__subpara_1"><num>(1)</num><content><p>The court may vary a respect order.</p></content></subparagraph>
   <subparagraph {g()} class="schProv2" eId="sched_1__para_1__subpara_2"><num>(2)</num><content><p>The court may discharge a respect order.</p></content></subparagraph>
  </paragraph>
 </hcontainer>
</hcontainer>"""


def tiny_bill() -> bytes:
    """The tiny bill, laid out by drafter (fresh <?L?> markers)."""
    global _n
    _n = 0
    xml = f"""<akomaNtoso xmlns="{AKN}" xmlns:ukl="{UKL}"><bill name="ukpubb"><meta>
<identification source="#author"><FRBRWork><FRBRthis value="#w"/><FRBRuri value="#w"/><FRBRdate date="2026-01-01" name="draft"/><FRBRauthor href="#author"/><FRBRcountry value="GB-UKM"/></FRBRWork>
<FRBRExpression><FRBRthis value="#e"/><FRBRuri value="#e"/><FRBRdate date="2026-01-01" name="draft"/><FRBRauthor href="#author"/><FRBRlanguage language="eng"/></FRBRExpression>
<FRBRManifestation><FRBRthis value="#m"/><FRBRuri value="#m"/><FRBRdate date="2026-01-01" name="draft"/><FRBRauthor href="#author"/></FRBRManifestation></identification>
<references source="#author"><TLCConcept eId="varBillTitle" href="#v" showAs="Example Bill"/><TLCConcept eId="varBillNo" href="#v" showAs="HL Bill 1"/></references>
</meta><body>{tiny_bill_body()}</body></bill></akomaNtoso>"""
    return xml_bytes(laid_out(parse_bytes(xml.encode())))


def printed(bill: Bill) -> str:
    return "".join(f"{ln.page}:{ln.number} {ln.text}\n" for ln in bill.print.lines)


def run_case(directory: Path) -> tuple[Bill, Bill, dict[str, object]]:
    bill = Bill.load(directory / "bill.xml")
    paper = load_paper(directory / "amendments.txt")
    amended, report = apply(bill, paper.amendments)
    return bill, amended, report.to_json()


CASE_DIRS = sorted(p for p in CASES.iterdir() if (p / "amendments.txt").is_file())


@pytest.mark.parametrize("directory", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_case(directory: Path) -> None:
    before = (directory / "bill.xml").read_bytes()
    bill, amended, report = run_case(directory)
    assert printed(amended) == (directory / "expected.txt").read_text(encoding="utf-8")
    assert report == json.loads((directory / "report.json").read_text(encoding="utf-8"))
    # the result is a bill: valid, and drafter loads it again with the same print
    assert [p for p in validate_bill(amended) if p.severity == "error"] == []
    again = Bill.from_bytes(xml_bytes(amended.tree))
    assert printed(again) == printed(amended)
    # the input was not touched
    assert xml_bytes(bill.tree) == xml_bytes(Bill.load(directory / "bill.xml").tree)
    assert (directory / "bill.xml").read_bytes() == before


def test_the_tiny_bill_is_what_the_helper_makes() -> None:
    """Every case's bill.xml is the helper's tiny bill (or was made from it on purpose)."""
    made = tiny_bill()
    for directory in CASE_DIRS:
        assert (directory / "bill.xml").read_bytes() == made, directory.name


def _main(argv: list[str]) -> None:
    command, name = argv
    directory = CASES / name
    if command == "new":
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "bill.xml").write_bytes(tiny_bill())
        print(printed(Bill.load(directory / "bill.xml")), end="")
    elif command == "expect":
        _, amended, report = run_case(directory)
        (directory / "expected.txt").write_text(printed(amended), encoding="utf-8")
        text = json.dumps(report, ensure_ascii=False, indent=1) + "\n"
        (directory / "report.json").write_text(text, encoding="utf-8")
        print(text)
        print(printed(amended), end="")


if __name__ == "__main__":
    _main(sys.argv[1:])

_ = etree  # (lxml is what the bills are made of)
