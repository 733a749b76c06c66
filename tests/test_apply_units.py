"""Units put in and left out where the House would, in a bill of each kind of unit: a clause
first in a bill without Parts, paragraphs (a) to (h) with sub-paragraphs (i) to (iv) and
words after them, a defined term in the text, and a Schedule in Parts. The amended bill is
checked as printed, and the XML of what apply makes (the class of each new unit says its
level, and a Part of a Schedule holds paragraphs, not clauses) is read against the
amendments by hand. Issue 23's mutation survivors of apply led to each amendment here."""

# ruff: noqa: E501  (the bill is XML, one element a line)
from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from drafter.core.akn import PROVENANCE_NS, unit_kinds
from drafter.core.amendment import InsertAtEnd
from drafter.core.apply import ApplyError, Report, apply
from drafter.core.apply.planner import wanted_kinds
from drafter.core.bill import Bill
from drafter.core.paper import load_paper
from drafter.core.xml import parse_bytes

from .test_apply_cases import AKN, laid_out_bill, printed


def _units_body() -> str:
    n = iter(range(1, 1000))

    def g() -> str:
        return f'GUID="_00000000-0000-4000-9000-{next(n):012d}"'

    paragraphs = "".join(
        f'\n    <level {g()} class="para1" eId="sec_2__subsec_1__para_{x}"><num>({x})</num><content><p>the person {what},</p></content></level>'
        for x, what in zip(
            "bcdefgh",
            (
                "knew of the request",
                "was paid",
                "acted alone",
                "acted in private",
                "kept a copy",
                "shared a copy",
                "was over 18",
            ),
            strict=True,
        )
    )
    return f"""
<section {g()} class="prov1" eId="sec_1"><num>1</num><heading {g()} eId="sec_1__hdg">Purpose</heading>
 <content><p>This Act is about images made to deceive.</p></content>
</section>
<section {g()} class="prov1" eId="sec_2"><num>2</num><heading {g()} eId="sec_2__hdg">Requesting a deepfake</heading>
 <subsection {g()} class="prov2" eId="sec_2__subsec_1"><num>(1)</num>
  <intro {g()} eId="sec_2__subsec_1__intro"><p>A person commits an offence if—</p></intro>
  <level {g()} class="para1" eId="sec_2__subsec_1__para_a"><num>(a)</num>
   <intro {g()} eId="sec_2__subsec_1__para_a__intro"><p>the person asks another to make an image that—</p></intro>
   <level {g()} class="para2" eId="sec_2__subsec_1__para_a__subpara_i"><num>(i)</num><content><p>shows an adult,</p></content></level>
   <level {g()} class="para2" eId="sec_2__subsec_1__para_a__subpara_ii"><num>(ii)</num><content><p>is sexually explicit,</p></content></level>
   <level {g()} class="para2" eId="sec_2__subsec_1__para_a__subpara_iii"><num>(iii)</num><content><p>appears to be real, and</p></content></level>
   <level {g()} class="para2" eId="sec_2__subsec_1__para_a__subpara_iv"><num>(iv)</num><content><p>is made without consent,</p></content></level>
  </level>{paragraphs}
  <wrapUp {g()} eId="sec_2__subsec_1__wrapup"><p>and the person does not reasonably believe that the adult consents.</p></wrapUp>
 </subsection>
 <subsection {g()} class="prov2" eId="sec_2__subsec_2"><num>(2)</num><content><p>A prosecution needs the consent of <term {g()} eId="sec_2__subsec_2__term_1" refersTo="#dpp">the Director of Public Prosecutions</term> or the Attorney General, given in writing.</p></content></subsection>
 <subsection {g()} class="prov2" eId="sec_2__subsec_3"><num>(3)</num>
  <intro {g()} eId="sec_2__subsec_3__intro"><p>It is a defence that the person—</p></intro>
  <level {g()} class="para1" eId="sec_2__subsec_3__para_a"><num>(a)</num><content><p>withdrew the request, or</p></content></level>
  <level {g()} class="para1" eId="sec_2__subsec_3__para_b"><num>(b)</num><content><p>destroyed the image.</p></content></level>
 </subsection>
 <subsection {g()} class="prov2" eId="sec_2__subsec_4"><num>(4)</num><content><p>A person guilty of an offence is liable to a fine.</p></content></subsection>
 <subsection {g()} class="prov2" eId="sec_2__subsec_5"><num>(5)</num><content><p>Proceedings may be brought by a constable (<term {g()} eId="sec_2__subsec_5__term_1" refersTo="#officer">the investigating officer</term> or another).</p></content></subsection>
</section>
<section {g()} class="prov1" eId="sec_3"><num>3</num><heading {g()} eId="sec_3__hdg">Short title</heading>
 <content><p>This Act may be cited as the Deepfakes Act 2026.</p></content>
</section>
<hcontainer {g()} class="schs" eId="scheds" name="schedules"><heading {g()} eId="scheds__hdg">Schedules</heading>
 <hcontainer {g()} class="sch" eId="sched_1" name="schedule"><num>Schedule 1</num><heading {g()} eId="sched_1__hdg">Procedure</heading>
  <part {g()} class="schGroup2" eId="sched_1__pt_1"><num>Part 1</num><heading {g()} eId="sched_1__pt_1__hdg">Reports</heading>
   <paragraph {g()} class="schProv1" eId="sched_1__para_1"><num>1</num><content><p>A report of an offence may be made to a constable.</p></content></paragraph>
  </part>
  <part {g()} class="schGroup2" eId="sched_1__pt_2"><num>Part 2</num><heading {g()} eId="sched_1__pt_2__hdg">Records</heading>
   <paragraph {g()} class="schProv1" eId="sched_1__para_2"><num>2</num><content><p>A record of each report must be kept.</p></content></paragraph>
  </part>
 </hcontainer>
 <hcontainer {g()} class="sch" eId="sched_2" name="schedule"><num>Schedule 2</num><heading {g()} eId="sched_2__hdg">Forfeiture</heading>
  <paragraph {g()} class="schProv1" eId="sched_2__para_1"><num>1</num><content><p>A court may order an image to be forfeited.</p></content></paragraph>
 </hcontainer>
</hcontainer>"""


def units_bill(body: str | None = None) -> bytes:
    """The bill (or another body), laid out by drafter (fresh <?L?> markers)."""
    return laid_out_bill(body or _units_body(), "Deepfakes Bill", "HL Bill 2")


def _apply(tmp_path: Path, paper: str, body: str | None = None) -> tuple[Bill, Report]:
    (tmp_path / "bill.xml").write_bytes(units_bill(body))
    (tmp_path / "amendments.txt").write_text(paper, encoding="utf-8")
    bill = Bill.load(tmp_path / "bill.xml")
    return apply(bill, load_paper(tmp_path / "amendments.txt").amendments)


PAPER = """\
Amendment 1
Sponsors: Baroness Owen of Alderley Edge; Lord Pannick
Leave out Clause 1

Amendment 2
Page 1, line 9, at end insert—
    (v) is shared—
        (A) online, or
        (B) in print,

Amendment 3
Page 1, line 16, at end insert—
    (i) the person was paid,

Amendment 4
Page 1, line 17, at end insert—
    (j) the person was warned,

Amendment 5
Page 1, line 10, before “knew” insert “at any time”

Amendment 6
Page 1, line 10, leave out “knew of” and insert “made”

Amendment 7
Page 1, line 18, leave out “the Director of Public Prosecutions or”

Amendment 8
Page 1, line 21, leave out paragraphs (a) and (b)

Amendment 9
Page 1, line 23, at beginning insert “Subject to subsection (3),”

Amendment 10
Schedule 1, page 3, line 9, leave out paragraph 2

Amendment 11
Schedule 1, page 3, line 8, at end insert—
    2 A record of each report and appeal must be kept.

Amendment 12
Page 1, line 23, before “is liable” insert “, on conviction,”

Amendment 13
Page 1, line 23, at end insert—
    ( ) The court may order the image to be destroyed.

Amendment 14
Before Clause 3, insert the following new Clause—
    # Time limit
        A prosecution must begin within 2 years.

Amendment 15
Schedule 2, page 3, line 12, leave out paragraph 1

Amendment 16
Schedule 2, page 3, line 11, at end insert—
    A court may order—
        (a) an image to be forfeited, or
        (b) an image to be destroyed.

Amendment 17
Page 1, line 24, leave out “the investigating officer”
"""

#: read against PAPER by hand: (v) is a sub-paragraph after (iv), with (A) and (B) below it;
#: (i) after (h) is a paragraph (a letter, not a roman numeral, after (h)); (j), put in at the
#: end of the words after the paragraphs, follows the last of them; the words before “knew”
#: stand before those put in for “knew of”; the space before “or” goes with it; paragraph 2
#: of the Schedule, put in when the old one goes, keeps Part 2 standing; words that begin
#: with a comma, put in before words, take the place of the space before them; a subsection
#: numbered “( )” follows (4); the new clause before Clause 3 is 2A; Schedule 2, its one
#: paragraph gone, is the words and paragraphs put in at the end of its title.
PRINTED = """\
1:1 2 Requesting a deepfake
1:2 (1) A person commits an offence if—
1:3 (a) the person asks another to make an image that—
1:4 (i) shows an adult,
1:5 (ii) is sexually explicit,
1:6 (iii) appears to be real, and
1:7 (iv) is made without consent,
1:8 (v) is shared—
1:9 (A) online, or
1:10 (B) in print,
1:11 (b) the person at any time made the request,
1:12 (c) the person was paid,
1:13 (d) the person acted alone,
1:14 (e) the person acted in private,
1:15 (f) the person kept a copy,
1:16 (g) the person shared a copy,
1:17 (h) the person was over 18,
1:18 (i) the person was paid,
1:19 (j) the person was warned,
1:20 and the person does not reasonably believe that the adult consents.
1:21 (2) A prosecution needs the consent of the Attorney General, given in writing.
1:22 (3) It is a defence that the person—
1:23 (4) Subject to subsection (3), A person guilty of an offence, on conviction, is liable
1:24 to a fine.
1:25 ( ) The court may order the image to be destroyed.
1:26 (5) Proceedings may be brought by a constable (or another).
2:1 2A Time limit
2:2 A prosecution must begin within 2 years.
2:3 3 Short title
2:4 This Act may be cited as the Deepfakes Act 2026.
3:1 Schedules
3:2 Schedule 1
3:3 Procedure
3:4 Part 1
3:5 Reports
3:6 1 A report of an offence may be made to a constable.
3:7 Part 2
3:8 Records
3:9 2 A record of each report and appeal must be kept.
3:10 Schedule 2
3:11 Forfeiture
3:12 A court may order—
3:13 (a) an image to be forfeited, or
3:14 (b) an image to be destroyed.
"""

_NOISE = re.compile(r'<\?L [^?]*\?>| xmlns(:\w+)?="[^"]*"| GUID="[^"]*"')


def _xml(bill: Bill, eid: str) -> str:
    """The element with ``eId`` as written, without namespaces, GUIDs, line markers or the
    indenting between elements (which prints as nothing)."""
    el = bill.document.find(f".//*[@eId='{eid}']")
    assert el is not None, eid
    xml = _NOISE.sub("", etree.tostring(el, encoding=str, with_tail=False))
    return re.sub(r">\n\s*<", "><", xml)


#: each change where the report says it is: an insertion at the beginning of a line is cited
#: at the provision that line begins, one at the end at the provision it ends
REPORT = (
    "Amendment 1: applied\n"
    "    leave out provision, Clause 1 (sec_1): “1 Purpose This Act is about images made to deceive.”\n"
    "Amendment 2: applied\n"
    "    insert provision, Clause 2(1)(a)(iv) (sec_2__subsec_1__para_a__subpara_iv): “(v) is shared— (A) online, or (B) in print,”\n"
    "Amendment 3: applied\n"
    "    insert provision, Clause 2(1)(h) (sec_2__subsec_1__para_h): “(i) the person was paid,”\n"
    "Amendment 4: applied\n"
    "    insert provision, Clause 2(1) (sec_2__subsec_1): “(j) the person was warned,”\n"
    "Amendment 5: applied\n"
    "    insert, Clause 2(1)(b) (sec_2__subsec_1__para_b): “at any time”\n"
    "Amendment 6: applied\n"
    "    substitute, Clause 2(1)(b) (sec_2__subsec_1__para_b): “knew of” → “made”\n"
    "Amendment 7: applied\n"
    "    leave out, Clause 2(2) (sec_2__subsec_2): “the Director of Public Prosecutions or”\n"
    "Amendment 8: applied\n"
    "    leave out provision, Clause 2(3)(a); Clause 2(3)(b) (sec_2__subsec_3__para_a; sec_2__subsec_3__para_b): “(a) withdrew the request, or (b) destroyed the image.”\n"
    "Amendment 9: applied\n"
    "    insert, Clause 2(4) (sec_2__subsec_4): “Subject to subsection (3),”\n"
    "Amendment 10: applied\n"
    "    leave out provision, Schedule 1, Part 2, paragraph 2 (sched_1__para_2): “2 A record of each report must be kept.”\n"
    "Amendment 11: applied\n"
    "    insert provision, Schedule 1, Part 2 (sched_1__pt_2): “2 A record of each report and appeal must be kept.”\n"
    "Amendment 12: applied\n"
    "    insert, Clause 2(4) (sec_2__subsec_4): “, on conviction,”\n"
    "Amendment 13: applied\n"
    "    insert provision, Clause 2(4) (sec_2__subsec_4): “( ) The court may order the image to be destroyed.”\n"
    "Amendment 14: applied\n"
    "    new clause, before Clause 3: “Clause 2A: Time limit A prosecution must begin within 2 years.”\n"
    "Amendment 15: applied\n"
    "    leave out provision, Schedule 2, paragraph 1 (sched_2__para_1): “1 A court may order an image to be forfeited.”\n"
    "Amendment 16: applied\n"
    "    insert provision, Schedule 2 (sched_2): “A court may order— (a) an image to be forfeited, or (b) an image to be destroye…”\n"
    "Amendment 17: applied\n"
    "    leave out, Clause 2(5) (sec_2__subsec_5): “the investigating officer”\n"
    "17 of 17 amendments applied to HL Bill 2; laid out again (drafter's own page and line numbers)"
)


def test_every_amendment_applies_where_the_report_says(tmp_path: Path) -> None:
    _, report = _apply(tmp_path, PAPER)
    assert report.text() == REPORT


def test_the_bill_as_amended_reads_as_the_amendments_say(tmp_path: Path) -> None:
    bill, _ = _apply(tmp_path, PAPER)
    assert printed(bill) == PRINTED


@pytest.mark.parametrize(
    ("eid", "xml"),
    [
        (  # a sub-paragraph's class and eId follow (iv)'s; its own units are a level deeper
            "sec_2__subsec_1__para_a__subpara_v",
            '<level eId="sec_2__subsec_1__para_a__subpara_v" class="para2" drafter:amendment="2"><num>(v)</num><intro eId="sec_2__subsec_1__para_a__subpara_v__intro"><p>is shared—</p></intro><level eId="sec_2__subsec_1__para_a__subpara_v__subsubpara_A" class="para3"><num>(A)</num><content><p>online, or</p></content></level><level eId="sec_2__subsec_1__para_a__subpara_v__subsubpara_B" class="para3"><num>(B)</num><content><p>in print,</p></content></level></level>',
        ),
        (
            "sec_2__subsec_1__para_i",
            '<level eId="sec_2__subsec_1__para_i" class="para1" drafter:amendment="3"><num>(i)</num><content><p>the person was paid,</p></content></level>',
        ),
        (
            "sec_2__subsec_1__para_j",
            '<level eId="sec_2__subsec_1__para_j" class="para1" drafter:amendment="4"><num>(j)</num><content><p>the person was warned,</p></content></level>',
        ),
        (  # the space before “or” goes inside the <del>: struck through, the words read apart
            "sec_2__subsec_2",
            '<subsection class="prov2" eId="sec_2__subsec_2"><num>(2)</num><content><p>A prosecution needs the consent of <term eId="sec_2__subsec_2__term_1" refersTo="#dpp"><del drafter:amendment="7">the Director of Public Prosecutions</del></term><del drafter:amendment="7"> or</del> the Attorney General, given in writing.</p></content></subsection>',
        ),
        (  # its paragraphs gone, the words that led in to them are its content
            "sec_2__subsec_3",
            '<subsection class="prov2" eId="sec_2__subsec_3"><num>(3)</num><content eId="sec_2__subsec_3__intro"><p>It is a defence that the person—</p></content></subsection>',
        ),
        (  # a Schedule's paragraph, not a clause, though it is put in at the end of a Part's title
            "sched_1__pt_2",
            '<part class="schGroup2" eId="sched_1__pt_2"><num>Part 2</num><heading eId="sched_1__pt_2__hdg">Records</heading><paragraph eId="sched_1__para_2__oc_1" class="schProv1" drafter:amendment="11"><num>2</num><content><p>A record of each report and appeal must be kept.</p></content></paragraph></part>',
        ),
        (  # the comma's words take the place of the space before “is”
            "sec_2__subsec_4",
            '<subsection class="prov2" eId="sec_2__subsec_4"><num>(4)</num><content><p><ins drafter:amendment="9">Subject to subsection (3), </ins>A person guilty of an offence<ins drafter:amendment="12">, on conviction, </ins>is liable to a fine.</p></content></subsection>',
        ),
        (  # the space after the words left out goes with them, after an opening bracket
            "sec_2__subsec_5",
            '<subsection class="prov2" eId="sec_2__subsec_5"><num>(5)</num><content><p>Proceedings may be brought by a constable (<term eId="sec_2__subsec_5__term_1" refersTo="#officer"><del drafter:amendment="17">the investigating officer </del></term>or another).</p></content></subsection>',
        ),
        (  # a unit numbered “( )” has no number for its eId: it is a new one
            "sec_2__subsec_new",
            '<subsection eId="sec_2__subsec_new" class="prov2" drafter:amendment="13"><num>( )</num><content><p>The court may order the image to be destroyed.</p></content></subsection>',
        ),
        (  # a Schedule's own words and paragraphs: paragraphs (a) and (b), not sub-paragraphs
            "sched_2",
            '<hcontainer class="sch" eId="sched_2" name="schedule"><num>Schedule 2</num><heading eId="sched_2__hdg">Forfeiture</heading><intro eId="sched_2__intro"><p><ins drafter:amendment="16">A court may order—</ins></p></intro><level eId="sched_2__para_a" class="para1" drafter:amendment="16"><num>(a)</num><content><p>an image to be forfeited, or</p></content></level><level eId="sched_2__para_b" class="para1" drafter:amendment="16"><num>(b)</num><content><p>an image to be destroyed.</p></content></level></hcontainer>',
        ),
    ],
)
def test_what_apply_writes(tmp_path: Path, eid: str, xml: str) -> None:
    bill, _ = _apply(tmp_path, PAPER)
    assert _xml(bill, eid) == xml


def test_the_first_clause_of_a_bill_left_out_is_recorded_with_nothing_before_it(
    tmp_path: Path,
) -> None:
    """A provision left out is put back in the marked-up bill after the element its record
    names: the first clause of a bill without Parts stood after none, and goes back first."""
    bill, _ = _apply(tmp_path, PAPER)
    records = {
        r.get("amendment"): dict(r.attrib)
        for r in bill.document.iter(f"{{{PROVENANCE_NS}}}removed")
    }
    assert records["1"] == {"amendment": "1", "parent": "", "lines": "1-1 1-2"}
    # paragraphs (a) and (b) left out together: each records the one before it, so that the
    # marked-up bill puts them back in their order
    left_out = [
        r for r in bill.document.iter(f"{{{PROVENANCE_NS}}}removed") if r.get("amendment") == "8"
    ]
    assert sorted(r.get("after") for r in left_out) == [
        "sec_2__subsec_3__intro",
        "sec_2__subsec_3__para_a",
    ]
    (first,) = (
        a for a in bill.document.iter(f"{{{PROVENANCE_NS}}}amendment") if a.get("number") == "1"
    )
    assert first.get("sponsors") == "Baroness Owen of Alderley Edge; Lord Pannick"


def test_units_put_in_for_lines_left_out_and_at_the_beginning_of_a_line(tmp_path: Path) -> None:
    """“leave out lines … and insert—” units: the new paragraphs stand where the old ones
    stood; “at beginning insert—” a subsection: before the subsection that line begins."""
    paper = """\
Amendment 1
Page 1, leave out lines 21 and 22 and insert—
    (a) withdrew the request,
    (b) destroyed the image, or
    (c) reported the request.

Amendment 2
Page 1, line 23, at beginning insert—
    (3A) A constable may seize an image.
"""
    bill, report = _apply(tmp_path, paper)
    assert report.ok
    assert printed(bill).splitlines()[19:24] == [
        "1:20 (3) It is a defence that the person—",
        "1:21 (a) withdrew the request,",
        "1:22 (b) destroyed the image, or",
        "1:23 (c) reported the request.",
        "1:24 (3A) A constable may seize an image.",
    ]
    assert _xml(bill, "sec_2__subsec_3__para_c") == (
        '<level eId="sec_2__subsec_3__para_c" class="para1" drafter:amendment="1"><num>(c)</num>'
        "<content><p>reported the request.</p></content></level>"
    )
    assert _xml(bill, "sec_2__subsec_3A") == (
        '<subsection eId="sec_2__subsec_3A" class="prov2" drafter:amendment="2"><num>(3A)</num>'
        "<content><p>A constable may seize an image.</p></content></subsection>"
    )


def test_words_and_units_put_in_beside_others(tmp_path: Path) -> None:
    """Words put in before words that an earlier amendment leaves out stand before those put
    in for them; words that end in a dash close up to the word after; a Part of a Schedule
    whose one paragraph goes, opened by words and paragraphs, holds paragraphs (a Schedule's,
    numbered 1 and 2), not clauses."""
    paper = """\
Amendment 1
Page 1, line 10, leave out “knew of” and insert “made”

Amendment 2
Page 1, line 10, before “knew” insert “at any time”

Amendment 3
Page 1, line 14, before “kept” insert “in particular—”

Amendment 4
Schedule 1, page 3, line 6, leave out paragraph 1

Amendment 5
Schedule 1, page 3, line 5, at end insert—
    A report may be made—
        1 to a constable, or
        2 to the Director of Public Prosecutions.
"""
    bill, report = _apply(tmp_path, paper)
    assert report.ok, report.text()
    lines = printed(bill).splitlines()
    assert lines[9] == "1:10 (b) the person at any time made the request,"
    assert lines[13] == "1:14 (f) the person in particular—kept a copy,"
    assert lines[30:36] == [
        "3:4 Part 1",
        "3:5 Reports",
        "3:6 A report may be made—",
        "3:7 1 to a constable, or",
        "3:8 2 to the Director of Public Prosecutions.",
        "3:9 Part 2",
    ]
    part = _xml(bill, "sched_1__pt_1")
    assert '<paragraph eId="sched_1__pt_1__para_2" class="schProv1" drafter:amendment="5">' in part


def test_a_chapter_left_empty_goes(tmp_path: Path) -> None:
    body = """
<chapter eId="chp_1"><num>Chapter 1</num><heading>Offences</heading>
 <section eId="sec_1"><num>1</num><heading>Offence</heading><content><p>It is an offence to request a deepfake.</p></content></section>
</chapter>
<section eId="sec_2"><num>2</num><heading>Extent</heading><content><p>This Act extends to England and Wales.</p></content></section>"""
    bill, report = _apply(tmp_path, "Amendment 1\nLeave out Clause 1\n", body)
    assert report.ok
    assert printed(bill) == "1:5 2 Extent\n1:6 This Act extends to England and Wales.\n"


def test_the_bill_is_laid_out_afresh_only_when_asked(tmp_path: Path) -> None:
    """New structure is laid out afresh unless the caller says not to (the TUI's amended view
    keeps the print's own lines); words alone are laid out afresh when asked."""
    (tmp_path / "bill.xml").write_bytes(units_bill())
    (tmp_path / "paper.txt").write_text(PAPER, encoding="utf-8")
    bill, amendments = (
        Bill.load(tmp_path / "bill.xml"),
        load_paper(tmp_path / "paper.txt").amendments,
    )
    assert apply(bill, amendments)[1].laid_out
    kept, report = apply(bill, amendments, lay_out=False)
    assert not report.laid_out and "laid out again" not in report.text()
    assert kept.print.line(1, 10).text == "(b) the person at any time made the request,"
    words = [a for a in amendments if a.number in ("5", "6")]
    assert not apply(bill, words)[1].laid_out
    assert apply(bill, words, lay_out=True)[1].laid_out


def test_words_put_in_for_words_and_provisions_left_out(tmp_path: Path) -> None:
    """Words put in for a range that ends with whole provisions go after the words left out
    that stay in the XML (they were lost with the last provision, though reported applied);
    for whole provisions alone, after the words before them. The spaces between the texts
    of words left out are kept in the <del>s, so that struck through they read apart."""
    paper = """\
Amendment 1
Page 1, line 20, leave out from “that” to end of line 22 and insert “the person withdrew the request.”

Amendment 2
Page 1, line 18, leave out “needs the consent of the Director of Public Prosecutions”

Amendment 3
Page 1, leave out lines 6 to 9 and insert “shows an adult doing a sexual act,”
"""
    bill, report = _apply(tmp_path, paper)
    assert report.ok, report.text()
    lines = printed(bill).splitlines()
    assert (
        lines[4]
        == "1:5 (a) the person asks another to make an image that—shows an adult doing a sexual act,"
    )
    assert [line for line in lines if line.startswith(("1:18", "1:19", "1:20"))] == [
        "1:18 (2) A prosecution or the",
        "1:19 Attorney General, given in writing.",
        "1:20 (3) It is a defence that the person withdrew the request.",
    ]
    assert _xml(bill, "sec_2__subsec_3") == (
        '<subsection class="prov2" eId="sec_2__subsec_3"><num>(3)</num><content eId="sec_2__subsec_3__intro"><p>It is a defence that <del drafter:amendment="1">the person—</del><ins drafter:amendment="1">the person withdrew the request.</ins></p></content></subsection>'
    )
    assert (
        '<p>A prosecution <del drafter:amendment="2">needs the consent of </del><term eId="sec_2__subsec_2__term_1" refersTo="#dpp"><del drafter:amendment="2">the Director of Public Prosecutions</del></term> or the Attorney General, given in writing.</p>'
        in _xml(bill, "sec_2__subsec_2")
    )


def test_schedules_all_left_out_and_a_new_one_put_in(tmp_path: Path) -> None:
    """With every Schedule left out, the Schedules heading goes too; a new Schedule of words
    leading in to paragraphs (a) and (b) has them as level-1 paragraphs."""
    paper = """\
Amendment 1
Leave out Schedule 1

Amendment 2
Leave out Schedule 2
"""
    bill, report = _apply(tmp_path, paper)
    assert report.ok, report.text()
    assert printed(bill).splitlines()[-1] == "2:2 This Act may be cited as the Deepfakes Act 2026."
    paper += """
Amendment 3
After Schedule 2, insert the following new Schedule—
    # Costs
        A court may order—
            (a) costs, or
            (b) damages.
"""
    bill, report = _apply(tmp_path, paper)
    assert report.ok, report.text()
    assert printed(bill).splitlines()[-6:] == [
        "3:1 Schedules",
        "3:2 Schedule 2A",
        "3:3 Costs",
        "3:4 A court may order—",
        "3:5 (a) costs, or",
        "3:6 (b) damages.",
    ]
    assert '<level eId="sched_2A__para_a" class="para1">' in _xml(bill, "sched_2A")


def test_a_bill_without_eids(tmp_path: Path) -> None:
    body = """
<section><num>1</num><heading>Offence</heading>
 <subsection><num>(1)</num><intro><p>A person commits an offence if the person—</p></intro>
  <level><num>(a)</num><content><p>asks for an image, or</p></content></level>
  <level><num>(b)</num><content><p>pays for it.</p></content></level>
 </subsection>
</section>"""
    paper = "Amendment 1\nPage 1, line 4, at end insert—\n    (c) shares it.\n"
    bill, report = _apply(tmp_path, paper, body)
    assert report.ok, report.text()
    assert printed(bill).splitlines()[-1] == "1:5 (c) shares it."
    assert bill.document.find(f".//{{{AKN}}}level[@eId='para_c']") is not None


def test_a_new_schedule_goes_into_an_empty_schedules_container(tmp_path: Path) -> None:
    body = """
<section eId="sec_1"><num>1</num><heading>Costs</heading><content><p>Schedule 1 has effect.</p></content></section>
<hcontainer eId="scheds" name="schedules"><heading>Schedules</heading></hcontainer>"""
    paper = """\
Amendment 1
Insert the following new Schedule—
    # Costs
        1 A court may order costs.
"""
    bill, report = _apply(tmp_path, paper, body)
    assert report.ok, report.text()
    assert printed(bill).splitlines()[2:] == [
        "2:1 Schedules",
        "2:2 Schedule 1",
        "2:3 Costs",
        "2:4 1 A court may order costs.",
    ]


def test_words_left_out_side_by_side(tmp_path: Path) -> None:
    """Words left out by two amendments that meet before a comma take both spaces with them;
    words left out that end where a comma left out begins do not conflict; a word left out
    between two that stay keeps the spaces either side of it out of its <del>, and words left
    out up to an inline element keep the space before it out of theirs."""
    paper = """\
Amendment 1
Page 1, line 12, leave out “acted”

Amendment 2
Page 1, line 12, leave out “alone”

Amendment 3
Page 1, line 13, leave out “in private”

Amendment 4
Page 1, line 13, leave out “,”

Amendment 5
Page 1, line 18, leave out “or”

Amendment 6
Page 1, line 18, leave out “needs the consent of”
"""
    bill, report = _apply(tmp_path, paper)
    assert report.ok, report.text()
    assert printed(bill).splitlines()[11:13] == [
        "1:12 (d) the person,",
        "1:13 (e) the person acted",
    ]
    xml = _xml(bill, "sec_2__subsec_2")
    assert '</term> <del drafter:amendment="5">or</del> the Attorney' in xml
    assert '<p>A prosecution <del drafter:amendment="6">needs the consent of</del> <term' in xml


def test_words_leading_in_to_units_written_level_with_them(tmp_path: Path) -> None:
    """“insert— In … — (a) … (b) …” with the units at the words' own indent (as a paper
    read from LawMaker gives them): the words lead in to the units all the same."""
    paper = """\
Amendment 1
Schedule 2, page 3, line 12, leave out paragraph 1

Amendment 2
Schedule 2, page 3, line 11, at end insert—
    A court may order—
    (a) an image to be forfeited, or
    (b) an image to be destroyed.
"""
    bill, report = _apply(tmp_path, paper)
    assert report.ok, report.text()
    assert printed(bill).splitlines()[-3:] == [
        "3:12 A court may order—",
        "3:13 (a) an image to be forfeited, or",
        "3:14 (b) an image to be destroyed.",
    ]


def test_a_bill_without_meta_gets_one_for_its_provenance(tmp_path: Path) -> None:
    (tmp_path / "bill.xml").write_bytes(
        f'<akomaNtoso xmlns="{AKN}"><bill><body>'
        '<section eId="sec_1"><num>1</num><heading>Extent</heading>'
        "<content><p>This Act extends to England and Wales.</p></content></section>"
        "</body></bill></akomaNtoso>".encode()
    )
    (tmp_path / "paper.txt").write_text(
        "Amendment 1\nPage 1, line 2, leave out “and Wales”\n", encoding="utf-8"
    )
    bill = Bill.load(tmp_path / "bill.xml")
    amended, report = apply(bill, load_paper(tmp_path / "paper.txt").amendments)
    assert report.ok, report.text()
    assert amended.document[0].tag == f"{{{AKN}}}meta"
    (record,) = amended.document[0].iter(f"{{{PROVENANCE_NS}}}amendment")
    assert record.get("number") == "1"


def test_only_names_amendments_the_paper_has(tmp_path: Path) -> None:
    """The message lists the paper's amendments, the first 20 and how many in all."""
    (tmp_path / "bill.xml").write_bytes(units_bill())
    paper = "\n".join(f"Amendment {n}\nPage 1, line 2, leave out “made”\n" for n in range(1, 22))
    (tmp_path / "paper.txt").write_text(paper, encoding="utf-8")
    bill, amendments = (
        Bill.load(tmp_path / "bill.xml"),
        load_paper(tmp_path / "paper.txt").amendments,
    )
    with pytest.raises(ApplyError) as twenty_one:
        apply(bill, amendments, only=["99"])
    listed = ", ".join(str(n) for n in range(1, 21))
    assert str(twenty_one.value) == f"the paper has no amendment 99 (it has {listed} … (21 in all))"
    with pytest.raises(ApplyError) as twenty:
        apply(bill, amendments[:20], only=["99"])
    assert str(twenty.value) == f"the paper has no amendment 99 (it has {listed})"


def test_a_schedule_that_does_not_stand_part_and_new_clauses_numbered_after_others(
    tmp_path: Path,
) -> None:
    """“Schedule 2 stand part”, negatived, leaves Schedule 2 out; new clauses put in after
    Clause 2 where a Clause 2A stands are 2B and 2C (a provisional number is never taken)."""
    body = _units_body().replace('eId="sec_3"><num>3</num>', 'eId="sec_2A"><num>2A</num>')
    paper = """\
Amendment 1
Status: negatived
Schedule 2 stand part of the Bill

Amendment 2
After Clause 2, insert the following new Clause—
    # Time limit
        A prosecution must begin within 2 years.

Amendment 3
After Clause 2, insert the following new Clause—
    # Jurisdiction
        Proceedings may be brought in any court.
"""
    bill, report = _apply(tmp_path, paper, body)
    assert report.ok, report.text()
    assert "Schedule 2" not in bill.print.text
    assert [c.number for c in bill.clauses] == ["1", "2", "2B", "2C", "2A"]


_PLAIN = """
<section eId="sec_1"><num>1</num><heading>Offence</heading>
 <subsection eId="sec_1__subsec_1"><num>(1)</num>
  <intro><p>A person commits an offence if the person—</p></intro>
  <level eId="sec_1__subsec_1__para_a"><num>(a)</num><content><p>asks for an image,</p></content></level>
  <!-- paragraph (b) was added on Report -->
  <level eId="sec_1__subsec_1__para_b"><num>(b)</num><content><p>pays for it, or</p></content></level>
  <level><num>(c)</num><content><p>shares it.</p></content></level>
 </subsection>
</section>"""


def test_units_without_classes_or_eids(tmp_path: Path) -> None:
    """Akoma Ntoso from elsewhere than LawMaker: levels without a class, one without an
    eId, a comment between two. New paragraphs are level 1, named from the nearest eId; the
    record of (b) left out names the element before it, not the comment; (a)'s names none,
    for the words before it have no eId."""
    paper = """\
Amendment 1
Page 1, line 3, at end insert—
    (aa) offers to pay for an image,

Amendment 2
Page 1, line 4, leave out paragraph (b)

Amendment 3
Page 1, line 5, at end insert—
    (d) keeps it.

Amendment 4
Page 1, line 3, leave out paragraph (a)
"""
    bill, report = _apply(tmp_path, paper, _PLAIN)
    assert report.ok, report.text()
    assert printed(bill).splitlines()[2:] == [
        "1:3 (aa) offers to pay for an image,",
        "1:4 (c) shares it.",
        "1:5 (d) keeps it.",
    ]
    xml = _xml(bill, "sec_1__subsec_1")
    assert '<level eId="sec_1__subsec_1__para_aa" class="para1" drafter:amendment="1">' in xml
    assert '<level eId="sec_1__subsec_1__para_d" class="para1" drafter:amendment="3">' in xml
    records = {r.get("amendment"): r for r in bill.document.iter(f"{{{PROVENANCE_NS}}}removed")}
    assert records["2"].get("after") == "sec_1__subsec_1__para_aa"
    assert "after" not in records["4"].attrib  # the words before it have no eId


def test_structure_that_cannot_be_placed_is_reported_where_it_would_go(tmp_path: Path) -> None:
    paper = """\
Amendment 1
Page 1, line 1, at end insert—
    ( ) The purpose is to protect adults.
    It is not to limit satire.

Amendment 2
Schedule 1, page 3, line 5, at end insert—
    # Notices
        A notice must be in writing.

Amendment 3
Before Schedule 9, insert the following new Schedule—
    # Costs
        1 A court may order costs.

Amendment 4
Before Clause 9, insert the following new Clause—
    # Costs
        A court may order costs.
"""
    _, report = _apply(tmp_path, paper)
    assert report.outcomes[2].reason.startswith(
        "the new schedule is to go before Schedule 9, but there is no Schedule 9 in "
    )
    assert report.outcomes[3].reason.startswith(
        "the new clause is to go before Clause 9, but there is no Clause 9 in "
    )
    assert [(o.verdict, o.reason) for o in report.outcomes[:2]] == [
        (
            "does not fit",
            "drafter cannot open Clause 1 with units that mix numbered and unnumbered ones",
        ),
        (
            "does not fit",
            "drafter cannot place the inserted unit at page 3, line 5: no provision of that "
            "kind stands there",
        ),
    ]


def test_an_amendment_made_in_code_that_inserts_nothing(tmp_path: Path) -> None:
    """The paper's reader refuses a dash with nothing after it; an amendment built in code
    can still have one, and is told so."""
    (tmp_path / "paper.txt").write_text(
        "Amendment 1\nPage 1, line 23, at end insert—\n    (5) The court may fine.\n",
        encoding="utf-8",
    )
    (amendment,) = load_paper(tmp_path / "paper.txt").amendments
    (op,) = amendment.operations
    assert isinstance(op, InsertAtEnd)
    empty = replace(amendment, operations=(replace(op, insert=()),))
    (tmp_path / "bill.xml").write_bytes(units_bill())
    _, report = apply(Bill.load(tmp_path / "bill.xml"), [empty])
    assert [(o.verdict, o.reason) for o in report.outcomes] == [
        ("does not fit", "it inserts nothing")
    ]


@pytest.mark.parametrize(
    ("num", "kinds"),
    [
        ("5A", {"section", "paragraph"}),
        ("“12", {"section", "paragraph"}),
        ("A1", {"section", "paragraph"}),
        ("(2A)", {"subsection", "subparagraph"}),
        ("(A1)", {"subsection", "subparagraph"}),
        ("(c)", {"level1"}),
        ("(aa)", {"level1"}),
        # a letter or a roman numeral: (i) after (h), (v) after (u), (x) after (w)
        ("(i)", {"level1", "level2"}),
        ("(v)", {"level1", "level2"}),
        ("(x)", {"level1", "level2"}),
        ("(ii)", {"level2"}),
        ("(iv)", {"level2"}),
        ("(xiv)", {"level2"}),
        ("(A)", {"level3"}),
        ("(AB)", {"level3"}),
        ("( )", set()),
        ("", set()),
    ],
)
def test_the_kinds_a_number_can_be(num: str, kinds: set[str]) -> None:
    """Where a unit put in goes depends on what its number can number (the House's
    numbering: (i), (v) and (x) are letters or roman numerals, as what stands there says);
    apply reads a quoted unit's number without its opening quote."""
    assert unit_kinds(num.lstrip("“")) == kinds
    assert wanted_kinds(num, []) == kinds


def test_an_unnumbered_unit_is_of_the_kind_of_the_provision_it_is_put_in() -> None:
    root = etree.fromstring(
        f'<section xmlns="{AKN}"><subsection><level class="para2"><p/></level></subsection></section>'
    )
    level = root[0][0]
    chain = [level, root[0], root]
    assert wanted_kinds("( )", chain) == {"level2"}
    assert wanted_kinds("( )", chain[1:]) == {"subsection"}
    assert wanted_kinds("", [etree.fromstring(f'<part xmlns="{AKN}"/>')]) == set()


if __name__ == "__main__":  # python -m tests.test_apply_units: the bill as printed
    sys.stdout.write(printed(Bill(parse_bytes(units_bill()), Path("b.xml"))))


def test_new_clauses_after_the_26th_after_one_clause_are_numbered_on(tmp_path: Path) -> None:
    """New clauses after Clause 2 run 2A … 2Z, then 2Z1, 2Z2 (as sections inserted in an Act
    do: 303Z1 follows 303Z), each number once, so that each can be cited."""
    paper = "\n".join(
        f"Amendment {n}\nAfter Clause 2, insert the following new Clause—\n"
        f"    # Review number {n}\n        The Secretary of State must review it.\n"
        for n in range(1, 30)
    )
    bill, report = _apply(tmp_path, paper, _units_body())
    assert report.ok, report.text()
    letters = [f"2{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    assert [c.number for c in bill.clauses] == ["1", "2", *letters, "2Z1", "2Z2", "2Z3", "3"]
    assert bill.find("Clause 2Z3").heading == "Review number 29"
