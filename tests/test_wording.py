"""The wording parser and renderer, form by form, on real amendments from the Energy Bill
(Commons report, marshalled list) and Victims and Prisoners Bill (Public Bill Committee)
papers; and over both papers whole, against LawMaker's own ``ukl:`` attributes."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from drafter.core.akn import NS, UKL_NS, akn
from drafter.core.amendment import (
    Amendment,
    Block,
    InsertAfter,
    InsertAtBeginning,
    InsertAtEnd,
    InsertBefore,
    LeaveOut,
    LeaveOutClause,
    LeaveOutLines,
    LeaveOutProvisions,
    LeaveOutRange,
    LeaveOutSchedule,
    NewClause,
    NewSchedule,
    StandPart,
    Substitute,
    Target,
    Words,
)
from drafter.core.print.reading import printed_text
from drafter.core.wording import (
    WordingError,
    amendment_context,
    describe,
    normalise,
    parse_amendment,
    render,
    summary,
)
from drafter.core.xml import parse_file

ENERGY = "energy-bill-hc340-report-marshalled-list.xml"
VICTIMS = "victims-and-prisoners-bill-hc286-pbc-amendments.xml"
SENTENCING = "sentencing-bill-commons-report-amendments.xml"  # a draft list: references
DPDI_0721 = "data-protection-digital-information-bill-report-marshalled-list-0721.xml"
DPDI_0825 = "data-protection-digital-information-bill-report-marshalled-list-0825.xml"
#: Every real paper, and how many amendments it holds.
PAPERS = {ENERGY: 309, VICTIMS: 82, SENTENCING: 82, DPDI_0721: 2, DPDI_0825: 2}

# --- reading the real papers (a small converter; drafter.core.paper does this properly) ----


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def _text(el: etree._Element | None) -> str:
    return " ".join(printed_text(el).split())


_OWN_PARTS = {"num", "heading", "subheading", "content", "intro", "wrapUp"}


def _block(el: etree._Element) -> Block:
    """One element of a quotedStructure as a Block: number, heading, words, units inside."""
    if _local(el) in ("content", "intro", "wrapUp", "p"):
        return Block(text=_text(el))
    parts = [c for c in el if isinstance(c.tag, str)]
    return Block(
        num=_text(el.find("akn:num", NS)),
        heading=_text(el.find("akn:heading", NS)),
        text=" ".join(_text(c) for c in parts if _local(c) in ("content", "intro")),
        children=tuple(_block(c) for c in parts if _local(c) not in _OWN_PARTS),
        wrap_up=" ".join(_text(c) for c in parts if _local(c) == "wrapUp"),
    )


@dataclass(frozen=True)
class PaperAmendment:
    """One amendment as its paper has it: LawMaker's attributes, the printed wording, and the
    instruction's words without the quoted structure plus that structure as Blocks."""

    number: str
    type: str
    target_page: str
    target_provision: str
    context: str  # the "As Amendments to …" heading in force
    wording: str
    words: str
    structure: tuple[Block, ...]


def paper_amendments(path: Path) -> list[PaperAmendment]:
    tree = parse_file(path)
    out = []
    context = ""
    for body in tree.iterfind(".//akn:amendmentBody", NS):
        heading = body.find("akn:amendmentHeading/akn:block[@name='amendContext']", NS)
        if heading is not None:
            context = _text(heading)
        blocks = body.findall(".//akn:block[@name='instruction']", NS)
        words, structure = [], []
        for original in blocks:
            block = copy.deepcopy(original)
            quoted = [
                q
                for q in block.iter(akn("quotedStructure"))
                if not any(_local(a) == "quotedStructure" for a in q.iterancestors())
            ]
            for q in quoted:
                structure.extend(_block(c) for c in q if isinstance(c.tag, str))
                parent, previous = q.getparent(), q.getprevious()
                assert parent is not None
                if q.tail:
                    if previous is not None:
                        previous.tail = (previous.tail or "") + q.tail
                    else:
                        parent.text = (parent.text or "") + q.tail
                parent.remove(q)
            words.append(_text(block))

        def attr(name: str, body: etree._Element = body) -> str:
            return body.get(f"{{{UKL_NS}}}{name}", "")

        num = body.find(".//akn:num", NS)
        reference = num.get(f"{{{UKL_NS}}}dnum", "") if num is not None else ""
        out.append(
            PaperAmendment(
                number=_text(num) or f"[{reference}]",
                type=attr("type"),
                target_page=attr("targetPage"),
                target_provision=attr("targetProvision"),
                context=context,
                wording=" ".join(_text(b) for b in blocks),
                words=" ".join(words),
                structure=tuple(structure),
            )
        )
    return out


# --- one test per form, with real wordings -------------------------------------------------


def _one(text: str, number: str = "") -> Amendment:
    """Parse, check the round trip, and return the amendment."""
    amendment = parse_amendment(text, number)
    assert parse_amendment(render(amendment), number) == amendment
    return amendment


def _op(text: str) -> object:
    return _one(text).operations[0]


def test_leave_out_words() -> None:
    a = _one("Clause 65, page 58, line 13, leave out “in the opinion of the Secretary of State”")
    assert a.target == Target(clause="65", page=58, line=13)
    assert a.operations == (LeaveOut(Words("in the opinion of the Secretary of State")),)
    assert a.type == "leaveOut"
    # nested quotation marks inside the quoted words (Energy 86)
    assert _op("Clause 295, page 253, line 19, leave out “(“the 2008 Regulations”)”") == LeaveOut(
        Words("(“the 2008 Regulations”)")
    )


def test_leave_out_and_insert() -> None:
    a = _one(
        "Clause 2, page 3, line 34, leave out “a service” and insert “a monopoly service to "
        "multiple users”"
    )
    assert a.operations == (Substitute(Words("a service"), "a monopoly service to multiple users"),)
    assert a.type == "substitute"
    # Victims 34: quotation marks inside the inserted words
    assert _op(
        "Clause 22, page 18, line 11, leave out “has” and insert “and “processing” have”"
    ) == Substitute(Words("has"), "and “processing” have")
    # Energy 155: "(2) and" is words, not a new subsection
    assert _op(
        "Clause 89, page 77, line 38, leave out “(1) to” and insert “(2) and”"
    ) == Substitute(Words("(1) to"), "(2) and")


def test_insert_after_and_before() -> None:
    assert _op(
        "Clause 4, page 4, line 24, after “Attorney General” insert “and the Commissioner for "
        "Victims and Witnesses”"
    ) == InsertAfter(Words("Attorney General"), "and the Commissioner for Victims and Witnesses")
    assert _op(
        "Clause 315, page 272, line 28, after “in” insert “, or securities of,”"
    ) == InsertAfter(Words("in"), ", or securities of,")
    lords = _one("Page 4, line 7, after “creates” insert “, or requests the creation of,”")
    assert lords.target == Target(page=4, line=7)
    assert _op("Clause 1, page 2, line 3, before “the” insert “all”") == InsertBefore(
        Words("the"), "all"
    )


def test_at_beginning_and_at_end_insert_words() -> None:
    assert _op("Clause 56, page 50, line 32, at beginning insert “GB”") == InsertAtBeginning("GB")
    assert _op(
        "Clause 3, page 3, line 29, at end insert “and the Commissioner for Victims and Witnesses.”"
    ) == InsertAtEnd("and the Commissioner for Victims and Witnesses.")


def test_at_end_insert_structure() -> None:
    op = _op(
        "Clause 1, page 3, line 2, at end insert— “(aa) the interim targets, as defined in "
        "section 2 of that Act;”"
    )
    assert op == InsertAtEnd(
        (Block("(aa)", text="the interim targets, as defined in section 2 of that Act;"),)
    )
    # the brief's form, without quotation marks, reads the same
    assert parse_amendment(
        "Clause 1, page 3, line 2, at end insert— (aa) the interim targets, (ab) the final targets;"
    ).operations == (
        InsertAtEnd(
            (Block("(aa)", text="the interim targets,"), Block("(ab)", text="the final targets;"))
        ),
    )


def test_nested_structure() -> None:
    op = _op(
        "Clause 2, page 2, line 25, at end insert— “(3A) The victims’ code must make provision "
        "in relation to people who have experienced— (a) sexual abuse, or (b) bullying not "
        "falling within paragraph (a). (3B) Provision under subsection (3A) must include— "
        "(a) provision relating to the enforcement of agreements, and (b) provision about "
        "legal advice.”"
    )
    assert isinstance(op, InsertAtEnd)
    assert isinstance(op.insert, tuple)
    first, second = op.insert
    assert first.num == "(3A)" and [c.num for c in first.children] == ["(a)", "(b)"]
    assert first.children[1].text == "bullying not falling within paragraph (a)."
    assert second.num == "(3B)" and second.children[0].text.endswith("agreements, and")


def test_roman_and_letter_units() -> None:
    op = _op(
        "Clause 1, page 1, line 1, at end insert— “(h) the first; (i) the second; (j) the "
        "third— (i) inner, and (ii) inner again.”"
    )
    assert isinstance(op, InsertAtEnd) and isinstance(op.insert, tuple)
    assert [b.num for b in op.insert] == ["(h)", "(i)", "(j)"]
    assert [c.num for c in op.insert[2].children] == ["(i)", "(ii)"]


def test_words_leading_into_structure() -> None:
    # Energy 181: quoted words that run on into a new paragraph
    op = _op(
        "Clause 6, page 7, line 39, at end insert “, and (b) consider any representations "
        "which are duly made and not withdrawn.”"
    )
    assert op == InsertAtEnd(
        (
            Block(text=", and"),
            Block(
                "(b)", text="consider any representations which are duly made and not withdrawn."
            ),
        )
    )
    # Energy 183: a definition introducing its paragraphs
    op = _op(
        "Clause 246, page 206, line 17, at end insert— ““the appropriate authority” means— "
        "(a) in relation to England and Wales, the Secretary of State; (b) in relation to "
        "Scotland, the Scottish Ministers;”"
    )
    assert isinstance(op, InsertAtEnd) and isinstance(op.insert, tuple)
    (definition,) = op.insert
    assert definition.text == "“the appropriate authority” means—"
    assert [c.num for c in definition.children] == ["(a)", "(b)"]


def test_leave_out_from_to() -> None:
    assert _op(
        "Clause 91, page 80, line 31, leave out from “1986” to “or” in line 32"
    ) == LeaveOutRange(Words("1986"), Words("or"), 32)
    assert _op(
        "Clause 70, page 62, line 4, leave out from “but” to end of line 8 and insert “a "
        "description so specified”"
    ) == LeaveOutRange(Words("but"), None, 8, "a description so specified")
    # Energy 136: the range runs on to the next page
    assert _op(
        "Schedule 14, page 350, line 36, leave out from “in” to “of” in line 1 on page 351 "
        "and insert “a notice”"
    ) == LeaveOutRange(Words("in"), Words("of"), 1, "a notice", end_page=351)


def test_leave_out_from_beginning_to_end_of_line() -> None:
    assert _op(
        "Clause 259, page 218, line 26, leave out from beginning to end of line 32"
    ) == LeaveOutRange(None, None, 32)
    assert _op(
        "Clause 100, page 94, line 15, leave out from beginning to “before”"
    ) == LeaveOutRange(None, Words("before"))
    assert _op("Clause 1, page 1, line 5, leave out from “x” to end of line") == LeaveOutRange(
        Words("x"), None
    )


def test_leave_out_lines() -> None:
    a = _one("Clause 56, page 50, leave out lines 20 to 23")
    assert a.target == Target(clause="56", page=50)
    assert a.operations == (LeaveOutLines(20, 23),)
    assert _op("Clause 2, page 3, leave out lines 18 and 19") == LeaveOutLines(18, 19)
    assert _op("Clause 2, page 3, leave out line 18") == LeaveOutLines(18, 18)
    sub = _one("Clause 85, page 73, leave out lines 40 and 41 and insert “x”")
    assert sub.type == "substitute"


def test_leave_out_provisions() -> None:
    assert _op("Clause 70, page 61, line 37, leave out subsection (5)") == LeaveOutProvisions(
        "subsection", ("5",)
    )
    assert _op(
        "Clause 86, page 74, line 9, leave out paragraphs (b) and (c)"
    ) == LeaveOutProvisions("paragraph", ("b", "c"))
    assert _op(
        "Clause 83, page 72, line 3, leave out sub-paragraphs (iii) to (v) and insert “x”"
    ) == LeaveOutProvisions("sub-paragraph", ("iii", "v"), through=True, insert="x")
    assert _op(
        "Clause 228, page 189, line 9, leave out subsections (2) to (10)"
    ) == LeaveOutProvisions("subsection", ("2", "10"), through=True)
    assert _op("Clause 1, page 1, line 1, leave out paragraphs (a), (b) and (c)") == (
        LeaveOutProvisions("paragraph", ("a", "b", "c"))
    )
    assert _op("Schedule 9, page 328, line 15, leave out sub-paragraph (4)") == (
        LeaveOutProvisions("sub-paragraph", ("4",))
    )
    assert _op("Schedule 9, page 330, line 1, leave out paragraph 12") == LeaveOutProvisions(
        "paragraph", ("12",)
    )
    sub = _one(
        "Clause 15, page 12, line 16, leave out subsection (4) and insert— “(4) The service "
        "providers must comply.”"
    )
    assert sub.type == "substitute"


def test_leave_out_clause_and_schedule() -> None:
    a = _one("Page 60, line 22, leave out Clause 69")
    assert a.target == Target(page=60, line=22)
    assert a.operations == (LeaveOutClause("69"),)
    assert a.type == "leaveOutClause"
    assert _one("Leave out Clause 5").target == Target()
    assert _op("Page 300, line 1, leave out Schedule 3") == LeaveOutSchedule("3")
    assert _op("Leave out the Schedule") == LeaveOutSchedule("")


def test_schedules() -> None:
    a = _one("Schedule 9, page 328, line 9, leave out “appointed by the Secretary of State”")
    assert a.target == Target(schedule="9", page=328, line=9)
    assert _one("Schedule, page 20, line 3, leave out “x”").target == Target(
        schedule="", page=20, line=3
    )
    assert _one("Schedule 9, paragraph 4, page 328, line 9, leave out “x”").target == Target(
        schedule="9", paragraph="4", page=328, line=9
    )


def test_new_clause_commons() -> None:
    a = _one(
        "To move the following Clause— “Community benefits relating to onshore wind farms "
        "(1) Within six months the Secretary of State must lay a report. (2) The report must "
        "set out proposals for— (a) 5% of the gross revenue to be paid into funds; and (b) "
        "widening the distance.”",
        "NC1",
    )
    (op,) = a.operations
    assert isinstance(op, NewClause) and op.after is None
    assert op.clause.heading == "Community benefits relating to onshore wind farms"
    assert [u.num for u in op.clause.children] == ["(1)", "(2)"]
    assert [u.num for u in op.clause.children[1].children] == ["(a)", "(b)"]
    assert a.type == "newClause" and a.number == "NC1"


def test_new_clause_lords_and_unnumbered_body() -> None:
    op = _op(
        "After Clause 84, insert the following new Clause— “Requesting the creation of "
        "purported intimate image of adult In section 66E of the Sexual Offences Act 2003, "
        "after “creates” insert “, or requests the creation of,”.”"
    )
    assert isinstance(op, NewClause) and op.after == "84"
    assert op.clause.heading == "Requesting the creation of purported intimate image of adult"
    assert op.clause.text.startswith("In section 66E") and op.clause.children == ()
    before = _op("Before Clause 1, insert the following new Clause— “Duty (1) The duty.”")
    assert isinstance(before, NewClause) and before.before == "1"


def test_new_schedule() -> None:
    op = _op(
        "To move the following Schedule— “Amendments of the Energy Act 2013 1 The Energy Act "
        "2013 is amended as follows. 2 (1) Section 5 is amended as follows. (2) Omit "
        "subsection (3).”"
    )
    assert isinstance(op, NewSchedule)
    assert op.schedule.heading == "Amendments of the Energy Act 2013"
    assert [u.num for u in op.schedule.children] == ["1", "2"]
    assert [u.num for u in op.schedule.children[1].children] == ["(1)", "(2)"]
    after = _op("After Schedule 2, insert the following new Schedule— “Heading 1 The text.”")
    assert isinstance(after, NewSchedule) and after.after == "2"


def test_stand_part() -> None:
    a = _one("Clause 5 stand part of the Bill")
    assert a.operations == (StandPart(clause="5"),) and a.type == "clauseStandPart"
    assert parse_amendment("That Clause 5 stand part of the Bill").operations == (
        StandPart(clause="5"),
    )
    assert _op("Schedule 2 stand part of the Bill") == StandPart(schedule="2")
    assert parse_amendment("That Schedule 2 be the Second Schedule to the Bill").operations == (
        StandPart(schedule="2"),
    )


def test_occurrences() -> None:
    assert _op("Clause 1, page 2, line 5, leave out the second “and”") == LeaveOut(Words("and", 2))
    assert _op("Clause 1, page 2, line 5, after the first “the” insert “new”") == InsertAfter(
        Words("the", 1), "new"
    )
    assert _op("Clause 1, page 2, line 5, leave out from second “of” to end of line") == (
        LeaveOutRange(Words("of", 2), None)
    )
    # Victims 76, as printed ("on line" is read as "in line")
    assert parse_amendment(
        "Clause 29, page 21, line 38, leave out from beginning to the first “the” on line 39"
    ).operations == (LeaveOutRange(None, Words("the", 1), 39),)
    assert _op("Clause 1, page 2, line 5, leave out the last “or”") == LeaveOut(Words("or", -1))
    # the occurrence said after the words, as drafters also write it
    assert _op("Page 14, line 17, leave out “the” in the second place") == LeaveOut(Words("the", 2))
    assert _op(
        "Page 14, line 17, leave out “the” in the first place where it occurs and insert “a”"
    ) == Substitute(Words("the", 1), "a")
    assert _op("Page 14, line 17, after “and” where it last occurs insert “also”") == (
        InsertAfter(Words("and", -1), "also")
    )
    assert _op("Page 14, line 17, leave out “the” in the 2nd place") == LeaveOut(Words("the", 2))
    with pytest.raises(WordingError, match="one occurrence named, not two"):
        parse_amendment("Page 14, line 17, leave out the second “the” in the first place")


def test_amendments_to_amendments() -> None:
    a = _one("Line 3 of amendment 5, leave out “x” and insert “y”", "5A")
    assert a.target == Target(amendment="5", line=3)
    assert parse_amendment("As an amendment to amendment 5, line 3, leave out “x”").target == (
        Target(amendment="5", line=3)
    )
    # Victims (b): the paper's heading names the amendment ("… (Gov NC4):—")
    b = _one(
        "Line 103, at end insert— “(d) including a full statement of the victim’s rights in "
        "relation to the request.”",
        "(b)",
    )
    assert b.target == Target(line=103)
    context = "As Amendments to Edward Argar’s proposed New Clause (Information) (Gov NC4):—"
    assert amendment_context(context) == "NC4"
    assert amendment_context("As an amendment to amendment 5:—") == "5"
    assert amendment_context("Edward Argar") is None


def test_structure_given_by_the_paper() -> None:
    structure = (Block("(b)", text="consider any representations."),)
    a = parse_amendment("Clause 6, page 7, line 39, at end insert “, and", "181", structure)
    assert a.operations == (InsertAtEnd((Block(text=", and"), *structure)),)
    nc = Block(heading="Duty", children=(Block("(1)", text="The duty."),))
    b = parse_amendment("To move the following Clause—", "NC1", (nc,))
    assert b.operations == (NewClause(nc),)
    with pytest.raises(WordingError, match="one new clause"):
        parse_amendment("To move the following Clause—", "NC1", (nc, nc))
    with pytest.raises(WordingError, match="a place for the quoted structure"):
        parse_amendment("Clause 1, page 1, line 1, leave out “x”", "1", structure)


def test_structure_keeps_the_marks_of_typeset_words() -> None:
    """Units typed with straight marks alone get curly ones; units that have curly marks
    are typeset, and a straight mark among them is the bill's own."""
    typed = (Block("(a)", text='for "x" substitute "y";'), Block("(b)", text='for “x” and "y";'))
    a = parse_amendment("Page 1, line 1, at end insert—", "1", typed)
    assert a.operations == (InsertAtEnd((Block("(a)", text="for “x” substitute “y”;"), typed[1])),)


# --- normalise ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        (
            'Clause 2, page 3, line 34, leave out "a service" and insert "a monopoly service"',
            "Clause 2, page 3, line 34, leave out “a service” and insert “a monopoly service”",
        ),
        (
            "Page 4, line 7, after 'creates' insert ', or requests the creation of,'",
            "Page 4, line 7, after “creates” insert “, or requests the creation of,”",
        ),
        ("leave out ‘x’ and insert ''y''", "leave out “x” and insert “y”"),
        ("at end insert - (aa) x", "at end insert— (aa) x"),
        ("at end insert -- “(aa) x”", "at end insert— “(aa) x”"),
        ("at end insert –“(aa) x”", "at end insert— “(aa) x”"),
        ("To move the following Clause:—\n“Heading”", "To move the following Clause— “Heading”"),
        ("Clause\u00a02 ,\tpage 3 ,\n line 34", "Clause 2, page 3, line 34"),
        ("leave out “ a service ”", "leave out “a service”"),
        ("Clause 2,page 3", "Clause 2, page 3"),
        ("after “the victims' code” insert “x”", "after “the victims’ code” insert “x”"),
        ("leave out “‘By and For’ services”", "leave out “‘By and For’ services”"),
        # straight marks typed for the wording's own become curly; inside a quotation opened
        # with a curly mark they are the bill's (HL54 prints "not", HL60 “not”) and stay
        ('leave out "the "x" rule"', "leave out “the “x” rule”"),
        ('leave out “"not"” and insert ““not””', 'leave out “"not"” and insert ““not””'),
        ('after "a" insert “b "c"”', 'after “a” insert “b "c"”'),
        ("leave out “a - b” and insert “c—d”", "leave out “a - b” and insert “c—d”"),
        ("leave\u200b out", "leave out"),
    ],
)
def test_normalise(raw: str, canonical: str) -> None:
    assert normalise(raw) == canonical
    assert normalise(canonical) == canonical


# --- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Clause 2, page 3, lime 34, leave out “a”",
            'amendment 12, col 19: expected "line" after "page 3,"',
        ),
        ("", 'amendment 12, col 1: expected "Clause", "Schedule", "Page", "Line", "Title" or'),
        ("Clause X", 'amendment 12, col 7: expected a clause number, such as "5" or "5A" after'),
        (
            "Clause 2, page 3, line 34, leave out “a” and insret “b”",
            'amendment 12, col 46: expected "insert" after "leave out “a” and"',
        ),
        (
            "Clause 2, page 3, line 34, leave out “a service",
            "amendment 12, col 48: expected ” to close the quotation opened at col 38",
        ),
        (
            "Clause 2, page 3, line 34, leave out lines 20 and 23",
            'col 47: expected "to" (lines 20 and 23 are not consecutive)',
        ),
        ("Clause 2, page 3, line 34, at end insert", "expected “ or — (the inserted"),
        ("Clause 2, page 3, line 34, leave out", 'expected quoted words (“…”), "from"'),
        ("Clause 2, page 3, line 0, leave out “a”", "col 24: expected a line number (1 or more)"),
        ("Clause 2, line 3, leave out “a”", 'col 11: expected "page" after "Clause 2,"'),
        (
            "Clause 7, leave out paragraph (c)",
            'col 11: expected "page" and "line" (as in Clause 7, page 4, line 10, leave out …) '
            'after "Clause 7,"',
        ),
        ("Clause 2, page 3, line 4, delete “a”", 'expected "leave out", "after", "before"'),
        ("Clause 2, page 3, line 4, leave out “”", "expected words between the quotation marks"),
        ("To move the following Clause—", "expected the text of the new clause"),
    ],
)
def test_errors_say_where_and_what(text: str, message: str) -> None:
    with pytest.raises(WordingError) as caught:
        parse_amendment(text, "12")
    assert message in str(caught.value)
    assert isinstance(caught.value, ValueError)
    assert caught.value.expected in str(caught.value)


def test_error_without_number_and_attributes() -> None:
    with pytest.raises(WordingError) as caught:
        parse_amendment("Clause 2, page 3, lime 34")
    err = caught.value
    assert str(err) == 'col 19: expected "line" after "page 3,"'
    assert (err.offset, err.col, err.expected, err.after) == (18, 19, '"line"', "page 3,")


# --- render and describe ------------------------------------------------------------------


def test_render_is_commons_style_with_curly_quotes() -> None:
    a = Amendment(
        "4",
        (Substitute(Words("a service"), "a monopoly service"),),
        Target(clause="2", page=3, line=34),
    )
    assert render(a) == (
        "Clause 2, page 3, line 34, leave out “a service” and insert “a monopoly service”"
    )
    lords = Amendment("1", (LeaveOutClause("69"),), Target(page=60, line=22))
    assert render(lords) == "Page 60, line 22, leave out Clause 69"
    with pytest.raises(ValueError, match="one operation"):
        render(Amendment("1", ()))


def test_describe() -> None:
    a = parse_amendment("Clause 2, page 3, line 34, leave out “a service” and insert “x”")
    assert describe(a) == "substitute: replaces “a service” with “x” (Clause 2, page 3, line 34)"
    nc = parse_amendment("After Clause 84, insert the following new Clause— “Duty (1) The x.”")
    assert describe(nc) == "newClause: inserts a new clause “Duty” after Clause 84"
    assert describe(parse_amendment("Clause 5 stand part of the Bill")) == (
        "clauseStandPart: opposes the question that Clause 5 stand part of the Bill"
    )


# --- both real papers ---------------------------------------------------------------------

#: Amendments whose ``ukl:`` attributes we believe are wrong, with the reason. None so far:
#: every attribute on both papers agrees with its wording.
WRONG_ATTRIBUTES: dict[tuple[str, str], str] = {}

#: Printed wordings that are not in canonical form, and why.
NOT_CANONICAL = {
    (ENERGY, "8"): "“to the end of line 18”: canonically “to end of line 18”",
    (VICTIMS, "69"): "no comma after “line 31”",
    (VICTIMS, "70"): "no comma after “line 7”",
    (VICTIMS, "76"): "“on line 39”: canonically “in line 39”",
}

#: Printed wordings that do not match the paper's own structure, and why.
PRINT_DIFFERS_FROM_STRUCTURE = {
    (ENERGY, "216"): "printed with a stray ” before “(6A)”: the paper gives endQuote “”” to "
    "two of its three quotedStructures; the wording written from the structure closes the "
    "quotation once, at the end",
    (SENTENCING, "[HoC58]"): "printed with section 3B "
    "beside the new clause, unquoted, as LawMaker put it: read as what the clause's subsection "
    "(2) inserts, the wording quotes it there",
}


def _page_line(value: str) -> tuple[int | None, int]:
    m = re.fullmatch(r"(?:p_(\d+)__)?ln_(\d+)", value)
    assert m, f"unexpected ukl:targetPage {value!r}"
    return (int(m.group(1)) if m.group(1) else None), int(m.group(2))


def _disagreements(a: Amendment, p: PaperAmendment) -> list[str]:
    """Where the parsed amendment and the paper's ukl: attributes differ."""
    problems = []
    op = a.operations[0]
    if p.type and a.type != p.type:
        problems.append(f"type {a.type} != {p.type}")
    if p.target_page:
        line = a.target.line
        if line is None and isinstance(op, LeaveOutLines):
            line = op.first  # "Clause 56, page 50, leave out lines 20 to 23" cites line 20
        if (a.target.page, line) != _page_line(p.target_page):
            problems.append(f"page/line {a.target.page}/{line} != {p.target_page}")
    if p.target_provision:
        kind, _, value = p.target_provision.partition("_")
        if kind == "sec":
            cited = a.target.clause
            if cited is None and isinstance(op, LeaveOutClause):
                cited = op.number  # "Page 60, line 22, leave out Clause 69"
            ok = cited == value
        elif kind in ("sch", "sched"):
            ok = a.target.schedule == value
        elif kind == "amnd":
            amended = a.target.amendment
            if amended is None and a.target.page is None:
                amended = amendment_context(p.context)  # "Line 25, …" under "As Amendments to"
            ok = amended == value
        else:
            ok = False
        if not ok:
            problems.append(f"provision {a.target} != {p.target_provision}")
    return problems


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_real_papers_parse_and_agree(shared_data: Path, paper: str) -> None:
    """Every amendment parses from its words (with the paper's structure) and agrees with
    the paper's type, page, line and provision wherever the paper fills them in; its
    rendering is the paper's printed wording wherever that is already canonical."""
    amendments = paper_amendments(shared_data / "amendments" / paper)
    assert len(amendments) == PAPERS[paper]
    listed = {number for (name, number) in WRONG_ATTRIBUTES if name == paper}
    assert len(listed) < 0.01 * len(amendments)
    disagreeing, canonical = {}, 0
    for p in amendments:
        a = parse_amendment(p.words, p.number, p.structure)
        assert a.number == p.number
        if problems := _disagreements(a, p):
            disagreeing[p.number] = problems
        if render(a) == normalise(p.wording):
            canonical += 1
        else:
            assert (paper, p.number) in NOT_CANONICAL | PRINT_DIFFERS_FROM_STRUCTURE, (
                render(a),
                normalise(p.wording),
            )
    assert set(disagreeing) == listed, disagreeing
    excused = [n for n, _ in (NOT_CANONICAL | PRINT_DIFFERS_FROM_STRUCTURE) if n == paper]
    assert canonical == len(amendments) - len(excused)


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_real_printed_wordings_parse_alone(shared_data: Path, paper: str) -> None:
    """The printed wordings, structure and all, parse from text alone to the same targets
    and types, and render back to themselves wherever they are canonical."""
    for p in paper_amendments(shared_data / "amendments" / paper):
        a = parse_amendment(p.wording, p.number)
        assert not _disagreements(a, p), p.number
        with_structure = parse_amendment(p.words, p.number, p.structure)
        assert (a.target, a.type) == (with_structure.target, with_structure.type)
        if (paper, p.number) not in NOT_CANONICAL:
            assert render(a) == normalise(p.wording), p.number
        assert parse_amendment(render(a), p.number) == a, p.number


# --- each form read and written exactly (issue 23: mutation-testing survivors) --------------


@pytest.mark.parametrize(
    "wording",
    [
        "Page 40, line 2, leave out Clauses 21 to 24",
        "Page 40, line 2, leave out Clauses 21, 23 and 24",
        "The Schedule stand part of the Bill",
        "Schedule, page 9, line 4, leave out “the fee”",
        "After Schedule 2, insert the following new Schedule— “Fees 1 The fee is £5.”",
        "After schedule 2, insert— <Fees 1 The fee is £5.>",
        "Clause 2, page 3, line 4, leave out from “a” to the end of the Clause",
        "Schedule 2, page 3, line 4, leave out from “a” to the end of the Schedule",
    ],
)
def test_canonical_wordings_render_as_written(wording: str) -> None:
    assert render(parse_amendment(wording, "7")) == wording


def test_several_clauses_keep_the_scottish_parliaments_citation() -> None:
    a = Amendment(
        "3",
        (LeaveOutClause("21"), LeaveOutClause("22")),
        Target(clause="4", page=3, line=2),
        style="sp",
    )
    assert render(a).startswith("In section 4, page 3, line 2, ")


def test_a_unit_that_opens_inserted_text_without_a_full_stop() -> None:
    a = parse_amendment("Clause 2, page 3, line 4, at end insert— “(c) the fee”")
    assert a.operations == (InsertAtEnd((Block(num="(c)", text="the fee"),)),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Page 40, line 2, leave out Clauses 22 to 21",
            "col 42: expected a clause after Clause 22 ",
        ),
        (
            "Clause 2, page 3, line 4, at end insert— “ ”",
            "col 43: expected the inserted text between",
        ),
        (
            "Clause 2, page 3, line 4, leave out lines 23 to 20",
            "col 49: expected a line after line 23 ",
        ),
        (
            "Leave out “x”",
            'col 11: expected "Clause" or "Schedule" (or cite a page and line first) ',
        ),
        (
            "After Clause 5, insert the followng new Clause— “x”",
            'col 17: expected "insert the following new Clause" after',
        ),
        ("That the Title stand part", 'col 6: expected "Clause" or "Schedule" after "That"'),
        ("That Clause 5 stnd part of the Bill", 'col 15: expected "stand part of the Bill" after'),
        ("As an amendment to amendment 3, lime 4, leave out “a”", 'col 33: expected "line" after'),
        ("Title, line 0, leave out “a”", "col 13: expected a line number (1 or more) after"),
        # a bracket after the closing mark that the quoted words do not leave open
        (
            "Clause 2, page 3, line 4, leave out “(a)”) and insert “x”",
            'col 42: expected "and insert"',
        ),
        # a > after the Scottish Parliament's quotation has closed is no mark of its own
        ("In section 1, page 1, line 1, leave out <a> and insert <b>>", "col 59: expected the end"),
    ],
)
def test_more_errors_say_where_and_what(text: str, message: str) -> None:
    with pytest.raises(WordingError) as caught:
        parse_amendment(text, "7")
    assert message in str(caught.value)


def test_paper_structure_after_an_open_quotation() -> None:
    duty = Block(heading="Duty", children=(Block(num="(1)", text="The x."),))
    with pytest.raises(WordingError, match="col 31: expected ” to close the new clause after"):
        parse_amendment("To move the following Clause— “Duty", "7", (duty,))
    a = parse_amendment("Clause 2, page 3, line 4, at end insert— “, and", "7", (duty,))
    assert a.operations == (InsertAtEnd((Block(text=", and"), duty)),) and not a.warnings


def test_a_section_beside_a_new_clause_whose_last_subsection_has_no_number() -> None:
    clause = Block(
        heading="Driving",
        children=(Block(num="(1)", text="a"), Block(text="After section 5 insert—")),
    )
    inserted = Block(num="5ZA", heading="Agg", text="The court.")
    a = parse_amendment("To move the following Clause—", "7", (clause, inserted))
    assert a.warnings == (
        "read 5ZA as what subsection ( ) of the new clause inserts; "
        "quote 5ZA inside that subsection, not beside the new clause",
    )


def test_missing_closing_marks_are_read_with_exact_warnings() -> None:
    a = parse_amendment("Clause 2, page 3, line 4, before “the duty insert “x”")
    assert a.operations == (InsertBefore(Words("the duty"), "x"),)
    assert a.warnings == (
        "read “the duty” (its closing mark is missing); close the words before “insert”",
    )
    a = parse_amendment("Clause 2, page 3, line 4, leave out “week” and insert “month")
    assert a.warnings == ("read “month” (its closing mark is missing); close the words",)


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ('"a" b', "“a” b"),
        (
            "Clause 1, page 1, line 1, leave out “a” and insert 'b'",
            "Clause 1, page 1, line 1, leave out “a” and insert “b”",
        ),
        # straight marks inside a quotation (here after a nested one) are the bill's own
        (
            'Clause 1, page 1, line 1, leave out “a “b” "c" d”',
            'Clause 1, page 1, line 1, leave out “a “b” "c" d”',
        ),
    ],
)
def test_normalise_quotation_marks(raw: str, canonical: str) -> None:
    assert normalise(raw) == canonical


@pytest.mark.parametrize(
    ("wording", "said"),
    [
        ("Clause 2, page 3, line 4, before “the” insert “x”", "insert: inserts “x” before “the”"),
        (
            "Clause 2, page 3, line 4, at beginning insert “x”",
            "insert: inserts “x” at the beginning of the line",
        ),
        (
            "Clause 2, page 3, line 4, at end insert “" + "word " * 15 + "end”",
            "insert: inserts “word word word word word word word word word word word wo…” "
            "at the end of the line",
        ),
        (
            "Clause 2, page 3, line 4, at end insert— “(a) the fee; (b) the charge”",
            "insert: inserts new text (a) to (b) at the end of the line",
        ),
        ("Clause 2, page 3, line 4, leave out lines 4 to 6", "leaveOut: leaves out lines 4 to 6"),
    ],
)
def test_describe_each_insertion(wording: str, said: str) -> None:
    assert describe(parse_amendment(wording)) == f"{said} (Clause 2, page 3, line 4)"


def test_describe_a_new_clause_moved_without_an_anchor() -> None:
    a = parse_amendment("To move the following Clause— “Duty (1) The x.”")
    assert describe(a) == "newClause: inserts a new clause “Duty”"


def test_summary_exactly() -> None:
    a = parse_amendment("Clause 2, page 3, line 4, leave out “a”", "7")
    assert summary(a) == {
        "number": "7",
        "type": "leaveOut",
        "page": 3,
        "line": 4,
        "clause": "2",
        "wording": "Clause 2, page 3, line 4, leave out “a”",
    }
    two = Amendment("3", (LeaveOut(Words("a")), LeaveOut(Words("b"))), Target(clause="2"))
    assert summary(two)["wording"] == ""


def test_describe_cites_the_only_schedule() -> None:
    a = parse_amendment("Schedule, page 9, line 4, leave out “the fee”")
    assert describe(a) == "leaveOut: leaves out “the fee” (Schedule, page 9, line 4)"


def test_a_sub_paragraph_inserted_after_an_inserted_one() -> None:
    """(iaa) stands between (ia) and (ib), as (ia) between (i) and (ii): a sub-paragraph."""
    a = parse_amendment(
        "Clause 2, page 3, line 4, at end insert— “(a) x— (i) y; (ia) z; (iaa) w; (ib) v”"
    )
    (op,) = a.operations
    assert isinstance(op, InsertAtEnd) and not isinstance(op.insert, str)
    (paragraph,) = op.insert
    assert [b.num for b in paragraph.children] == ["(i)", "(ia)", "(iaa)", "(ib)"]


def test_words_to_insert_that_close_early_or_change_nothing_are_warned_of() -> None:
    """A trial's: "insert “12 months” and insert “6 months”" was read, without a word, as
    inserting “12 months” and insert “6 months”; and leaving out words to insert the same
    words was ok. Both now carry a warning (the wording is read all the same). Quotation
    marks nested inside inserted words (an amendment of another Act) are no such thing."""
    twice = parse_amendment(
        "Page 1, line 27, leave out “2 years” and insert “12 months” and insert “6 months”"
    )
    assert twice.warnings == (
        "read “12 months” and insert “6 months” as the words to insert; their quotation "
        "closes before its end: two changes are two amendments",
    )
    same = parse_amendment("Page 1, line 27, leave out “2 years” and insert “2  years”")
    assert "it changes nothing" in same.warnings[0]
    nested = parse_amendment(
        "Page 1, line 27, at end insert “in subsection (3), leave out “2” and insert “3””"
    )
    assert nested.warnings == ()
    # the end of a quotation in the bill, as drafted from an edit of it: one of the words
    closing = parse_amendment('Page 3, line 4, leave out “"), or” and insert “”), or”')
    assert closing.warnings == ()
