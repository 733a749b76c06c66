"""File-based cases for apply: each directory of tests/cases/ holds ``bill.xml`` (a small
LawMaker-shaped bill laid out by drafter's own layout, so its ``<?L?>`` markers were not
numbered by hand), ``amendments.txt`` (a text paper), ``expected.txt`` (the amended bill as
printed: ``page:line text``) and ``report.json`` (the expected report, without the bill's
path). The amended bill must also validate and load again.

expected.txt is written by apply, so it is checked by something that is not apply: each case's
README says how. "string surgery": the test cuts and joins the print's plain text as each
amendment says (:func:`surgery`, with the House's spacing of the property test of apply) and
must get expected.txt; the amendments the House would not reach (pre-empted, in conflict) are
named in the README by hand. "by hand": the case makes structure (new provisions, a body laid
out again), which plain text cannot model; its expected.txt was read line by line against the
amendments, and the README says what was checked.

To make a new case: ``python -m tests.test_apply_cases new NAME`` writes the tiny bill into
tests/cases/NAME/bill.xml; write amendments.txt; ``python -m tests.test_apply_cases expect
NAME`` writes expected.txt and report.json from what apply does — read them before keeping
them, and write the case's README (how expected.txt is checked)."""

# ruff: noqa: E501  (the tiny bill is XML, one element a line, easier read than wrapped)
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from lxml import etree

from drafter.core.amendment import (
    Amendment,
    InsertAfter,
    InsertAtBeginning,
    InsertAtEnd,
    InsertBefore,
    LeaveOut,
    LeaveOutClause,
    LeaveOutLines,
    LeaveOutRange,
    StandPart,
    Status,
    Substitute,
    Words,
)
from drafter.core.apply import apply
from drafter.core.bill import Bill
from drafter.core.files import xml_bytes
from drafter.core.paper import load_paper
from drafter.core.print.markers import with_own_markers
from drafter.core.validate import validate_bill
from drafter.core.xml import parse_bytes

from .test_apply import house_spaced

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
    return laid_out_bill(tiny_bill_body(), "Example Bill", "HL Bill 1")


def laid_out_bill(body: str, title: str, number: str) -> bytes:
    """A LawMaker-shaped bill of ``body``, titled and numbered, laid out by drafter."""
    xml = f"""<akomaNtoso xmlns="{AKN}" xmlns:ukl="{UKL}"><bill name="ukpubb"><meta>
<identification source="#author"><FRBRWork><FRBRthis value="#w"/><FRBRuri value="#w"/><FRBRdate date="2026-01-01" name="draft"/><FRBRauthor href="#author"/><FRBRcountry value="GB-UKM"/></FRBRWork>
<FRBRExpression><FRBRthis value="#e"/><FRBRuri value="#e"/><FRBRdate date="2026-01-01" name="draft"/><FRBRauthor href="#author"/><FRBRlanguage language="eng"/></FRBRExpression>
<FRBRManifestation><FRBRthis value="#m"/><FRBRuri value="#m"/><FRBRdate date="2026-01-01" name="draft"/><FRBRauthor href="#author"/></FRBRManifestation></identification>
<references source="#author"><TLCConcept eId="varBillTitle" href="#v" showAs="{title}"/><TLCConcept eId="varBillNo" href="#v" showAs="{number}"/></references>
</meta><body>{body}</body></bill></akomaNtoso>"""
    return xml_bytes(with_own_markers(parse_bytes(xml.encode())))


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


# --- the independent oracle: string surgery on the print ---------------------------------------

_J = "\x01"  # where words were joined: spaced by the House's rule (test_apply.house_spaced)
_BREAK = "\n"  # between lines of the print: kept through every cut


def how_checked(directory: Path) -> tuple[str, set[str]]:
    """From the case's README: "surgery" or "by hand", and the amendments named there as not
    applied (pre-empted or in conflict: the House's order of calling, decided by hand)."""
    readme = (directory / "README").read_text(encoding="utf-8")
    how = re.search(r"^expected\.txt: (string surgery|by hand)", readme, re.M)
    assert how, f"{directory.name}/README does not say how expected.txt is checked"
    skipped = re.search(r"^not applied: (.*)$", readme, re.M)
    names = set(re.findall(r"(\w+) \(", skipped.group(1))) if skipped else set()
    return ("surgery" if how.group(1) == "string surgery" else "by hand"), names


def _find(line_text: str, words: Words) -> list[tuple[int, int]]:
    """Where the quoted words stand on the line, as whole words."""
    found = [
        (m.start(), m.end())
        for m in re.finditer(re.escape(words.text), line_text)
        if not (m.start() and line_text[m.start() - 1].isalnum())
        and not (m.end() < len(line_text) and line_text[m.end()].isalnum())
    ]
    if words.occurrence is not None:
        return [found[words.occurrence if words.occurrence < 0 else words.occurrence - 1]]
    return found


def surgery(bill: Bill, amendments: list[Amendment], skipped: set[str]) -> str:
    """expected.txt computed from the print's plain text, not by apply: words cut out and put
    in where each amendment says (anchors found on the cited line; words that are not there
    once, the amendment does not fit), joins spaced as the House spaces them; lines that held
    only a provision left out go, and a crossheading or Part left without clauses goes too."""
    pr = bill.print
    # the print as its lines' texts, one break between lines; where each line starts in it
    out = _BREAK.join(ln.text for ln in pr.lines)
    where = [0]
    for ln in pr.lines:
        where.append(where[-1] + len(ln.text) + 1)
    index = {(ln.page, ln.number): k for k, ln in enumerate(pr.lines)}
    nums = {span[0]: len(p.num) for p in bill.provisions() if (span := bill.span_of(p.element))}
    edits: list[tuple[int, int, int, str]] = []  # (start, end, order, new) in ``out``
    gone: list[etree._Element] = []  # provisions left out whole

    def words_of(k: int) -> tuple[int, int]:
        """A line's words: not the number of a provision that begins on it."""
        return where[k] + nums.get(pr.lines[k].start, -1) + 1, where[k + 1] - 1

    for am in amendments:
        if am.number in skipped:
            continue
        for op in am.operations:
            if isinstance(op, StandPart):  # negatived, the clause does not stand part: it goes
                if am.status == Status.NEGATIVED:
                    gone.append(bill.find(f"Clause {op.clause}").element)
                continue
            if am.status not in (Status.TABLED, Status.AGREED):
                continue
            if isinstance(op, LeaveOutClause):
                gone.append(bill.find(f"Clause {op.number}").element)
                continue
            page = am.target.page
            assert page is not None, am
            n = len(edits)
            if isinstance(op, LeaveOutLines):
                first, last = index[page, op.first], index[page, op.last]
                span = (pr.lines[first].start, pr.lines[last].end)
                whole = [p for p in bill.provisions() if bill.span_of(p.element) == span]
                if whole:
                    gone.append(whole[0].element)
                else:
                    edits += [(*words_of(k), n, _J) for k in range(first, last + 1)]
                continue
            assert am.target.line is not None, am
            k = index[page, am.target.line]
            text = pr.lines[k].text
            if isinstance(op, LeaveOutRange):
                start = (
                    [(0, words_of(k)[0] - where[k])] if op.start is None else _find(text, op.start)
                )
                e = index[page, op.end_line] if op.end_line else k
                end_text = pr.lines[e].text
                ends = [(len(end_text),) * 2] if op.end is None else _find(end_text, op.end)
                if len(start) != 1 or len(ends) != 1:
                    continue
                a, b = where[k] + start[0][1], where[e] + ends[0][0]
                while out[a] == " ":
                    a += 1
                while out[b - 1] == " ":
                    b -= 1
                assert isinstance(op.insert, str | None)
                edits.append((a, b, n, f"{_J}{op.insert}{_J}" if op.insert else _J))
                continue
            if isinstance(op, InsertAtEnd | InsertAtBeginning):
                point = where[k + 1] - 1 if isinstance(op, InsertAtEnd) else words_of(k)[0]
                edits.append((point, point, n, f" {_J}{op.insert}{_J} "))
                continue
            assert isinstance(op, LeaveOut | Substitute | InsertBefore | InsertAfter), (
                f"amendment {am.number} cannot be checked by string surgery"
            )
            found = _find(text, op.words if isinstance(op, LeaveOut | Substitute) else op.anchor)
            if len(found) != 1:
                continue  # the amendment does not fit
            a, b = where[k] + found[0][0], where[k] + found[0][1]
            if isinstance(op, LeaveOut):
                edits.append((a, b, n, _J))
            elif isinstance(op, Substitute):
                edits.append((a, b, n, f"{_J}{op.insert}{_J}"))
            else:
                point = a if isinstance(op, InsertBefore) else b
                edits.append((point, point, n, f" {_J}{op.insert}{_J} "))

    # later edits first, so that offsets stay good; at one point, the later amendment's
    # words go in first, so that the earlier one's stand before them
    for a, b, _n, new in sorted(edits, reverse=True):
        cut = out[a:b]
        kept = cut.rstrip(_BREAK).count(_BREAK)  # new words stand where the last words cut did
        out = out[:a] + _BREAK * kept + new + _BREAK * (cut.count(_BREAK) - kept) + out[b:]

    # provisions left out whole: their lines go, and those of a container they leave empty
    spans: list[tuple[int, int]] = []
    for el in gone:
        spans.append(bill.span_of(el) or (0, 0))
        parent = el.getparent()
        while parent is not None and parent.get("eId"):
            if not all(c in gone for c in parent.iter(f"{{{AKN}}}section")):
                break
            spans.append(bill.span_of(parent) or (0, 0))
            parent = parent.getparent()
    lines = out.split(_BREAK)
    assert len(lines) == len(pr.lines)
    printed = [house_spaced(line).strip(" ") for line in lines]  # a line has no edge spaces
    return "".join(
        f"{ln.page}:{ln.number} {printed[k]}\n"
        for k, ln in enumerate(pr.lines)
        if printed[k]  # a line whose words all went is not printed
        and not any(a <= ln.start and ln.end <= b for a, b in spans)
    )


@pytest.mark.parametrize("directory", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_expected_text_is_string_surgery_on_the_print(directory: Path) -> None:
    """expected.txt was written by apply; where plain text can say what the amended bill
    reads, string surgery on the print (not apply) must give the same text. Cases of
    structure say in their README that they were checked by hand."""
    how, skipped = how_checked(directory)
    if how == "by hand":  # … and the README must say what was read and found
        readme = (directory / "README").read_text(encoding="utf-8")
        assert len(readme.split()) > 20, f"{directory.name}/README: what was checked by hand?"
        return
    bill = Bill.load(directory / "bill.xml")
    amendments = list(load_paper(directory / "amendments.txt").amendments)
    expected = (directory / "expected.txt").read_text(encoding="utf-8")
    assert surgery(bill, amendments, skipped) == expected


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
