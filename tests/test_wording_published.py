"""Wordings as LawMaker published them on real papers, each form built on the same pattern
as a real one (not copied): ranges across pages and to the end of a provision, the long
title, the Scottish Parliament's forms, several clauses at once, and the quotation-mark
slips that real papers carry, read as meant with a warning that says how to write them."""

from __future__ import annotations

import pytest

from drafter.core.amendment import (
    Block,
    InsertAfter,
    InsertAtEnd,
    LeaveOut,
    LeaveOutClause,
    LeaveOutProvisions,
    LeaveOutRange,
    NewClause,
    Substitute,
    Target,
    Words,
)
from drafter.core.wording import WordingError, parse_amendment, render, summary


def _read(text: str) -> tuple[object, ...]:
    """The operations, target, style and warnings of a wording; its canonical rendering must
    read back as the same amendment, with no warning."""
    a = parse_amendment(text, "7")
    again = parse_amendment(render(a), "7")
    assert again == a and again.warnings == ()
    return a.operations, a.target, a.style, a.warnings


def test_a_range_that_runs_onto_the_next_page() -> None:
    ops, target, _, warnings = _read(
        "Schedule 4, page 120, leave out from beginning of line 30 to end of line 6 on page 121 "
        "and insert “the new words”"
    )
    assert target == Target(schedule="4", page=120)
    assert ops == (
        LeaveOutRange(None, None, end_line=6, insert="the new words", end_page=121, start_line=30),
    )
    assert warnings == ()
    a = parse_amendment(
        "Schedule 4, page 120, leave out from beginning of line 30 to end of line 6 on page 121"
    )
    assert (summary(a)["page"], summary(a)["line"]) == (120, 30)  # LawMaker's targetPage


def test_a_range_to_the_end_of_a_provision() -> None:
    ops, _, _, _ = _read(
        "Clause 9, page 7, line 3, leave out from “may” to the end of subsection (2)"
    )
    assert ops == (LeaveOutRange(Words("may"), None, end_of=("subsection", "(2)")),)
    ops, _, _, _ = _read(
        "Clause 9, page 7, line 3, leave out from “may” to the end of paragraph (b)"
    )
    assert ops == (LeaveOutRange(Words("may"), None, end_of=("paragraph", "(b)")),)
    ops, _, _, _ = _read(
        "Clause 9, page 7, line 3, leave out from “may” to the end of the subsection"
    )
    assert ops == (LeaveOutRange(Words("may"), None, end_of=("subsection", "")),)


def test_the_long_title() -> None:
    ops, target, _, _ = _read("Title, line 3, at end insert “and to make provision about ferries”")
    assert target == Target(line=3, title=True)
    assert ops == (InsertAtEnd("and to make provision about ferries"),)
    ops, target, _, _ = _read("Title, line 1, leave out “harbours” and insert “ports”")
    assert ops == (Substitute(Words("harbours"), "ports"),)
    assert summary(parse_amendment("Title, line 1, leave out “harbours”"))["title"] is True


def test_scottish_parliament_forms() -> None:
    ops, target, style, _ = _read(
        "In section 4, page 3, line 12, leave out <must> and insert <may>"
    )
    assert (ops, target, style) == (
        (Substitute(Words("must"), "may"),),
        Target(clause="4", page=3, line=12),
        "sp",
    )
    assert render(parse_amendment("In section 4, page 3, line 12, leave out <must>")) == (
        "In section 4, page 3, line 12, leave out <must>"
    )
    ops, _, _, _ = _read("In section 2, page 2, line 20, after <body> insert <, or office-holder,>")
    assert ops == (InsertAfter(Words("body"), ", or office-holder,"),)
    # the bill's own quotation marks stand inside the angle brackets
    ops, _, _, _ = _read("In schedule 1, page 9, line 4, leave out <“the 2019 Act”>")
    assert ops == (LeaveOut(Words("“the 2019 Act”")),)
    ops, _, _, _ = _read("In section 6, page 5, line 2, leave out subsection (4)")
    assert ops == (LeaveOutProvisions("subsection", ("4",)),)
    ops, _, style, _ = _read("Leave out section 11")
    assert (ops, style) == ((LeaveOutClause("11"),), "sp")
    ops, target, _, _ = _read("In the long title, page 1, line 2, leave out <and>")
    assert target == Target(page=1, line=2, title=True)
    ops, _, _, _ = _read(
        "After section 8, insert— <Review of fees (1) The Scottish Ministers must review the fees.>"
    )
    (new,) = ops
    assert isinstance(new, NewClause) and new.after == "8"
    assert new.clause.heading == "Review of fees"
    # after a section numbered with two digits, or with a letter, just the same
    for after in ("18", "13A"):
        (new,) = _read(f"After section {after}, insert— <Review (1) Fees.>")[0]
        assert isinstance(new, NewClause) and (new.after, new.clause.heading) == (after, "Review")
    a = parse_amendment("In section 4, page 3, line 12, leave out <must>")
    assert parse_amendment("Clause 4, page 3, line 12, leave out “must”").operations == a.operations


def test_several_clauses_left_out_at_once() -> None:
    ops, target, _, _ = _read("Page 40, line 2, leave out Clauses 21 and 22")
    assert ops == (LeaveOutClause("21"), LeaveOutClause("22"))
    assert target == Target(page=40, line=2)
    ops, _, _, _ = _read("Page 40, line 2, leave out Clauses 21 to 24")
    assert ops == tuple(LeaveOutClause(str(n)) for n in range(21, 25))
    with pytest.raises(WordingError, match="a range runs between plain numbers"):
        parse_amendment("Page 40, line 2, leave out Clauses 21A to 24")


@pytest.mark.parametrize(
    ("printed", "meant", "assumed"),
    [
        # a closing mark inside the quoted words, before the bracket they close
        (
            "Clause 12, page 9, line 4, leave out “(the harbour authority”)",
            LeaveOut(Words("(the harbour authority)")),
            "read “(the harbour authority)”, with the “)” after the closing mark",
        ),
        # a missing closing mark, before the words the wording goes on with
        (
            "Clause 12, page 9, line 4, leave out “7(2) and insert “5(1)”",
            Substitute(Words("7(2)"), "5(1)"),
            "read “7(2)” (its closing mark is missing)",
        ),
        # a doubled closing mark
        (
            "Clause 12, page 9, line 4, after “notice”” insert “in writing”",
            InsertAfter(Words("notice"), "in writing"),
            "read “notice”, not a second ” after it",
        ),
        # a closing mark used to open
        (
            "Clause 12, page 9, line 4, at end insert ”, or by electronic means”",
            InsertAtEnd(", or by electronic means"),
            "read the ” that opens the quotation as “",
        ),
        # an opening mark used to close
        (
            "Clause 12, page 9, line 4, after “notice“ insert “in writing”",
            InsertAfter(Words("notice"), "in writing"),
            "read the “ that closes the quotation as ”",
        ),
        # the last closing mark missing altogether
        (
            "Clause 12, page 9, line 4, leave out “week” and insert “month",
            Substitute(Words("week"), "month"),
            "read “month” (its closing mark is missing)",
        ),
    ],
)
def test_quotation_mark_slips_are_read_with_a_warning(
    printed: str, meant: object, assumed: str
) -> None:
    a = parse_amendment(printed, "7")
    assert a.operations == (meant,)
    assert len(a.warnings) == 1 and a.warnings[0].startswith(assumed)
    assert "; " in a.warnings[0]  # … and how to write it plainly
    canonical = parse_amendment(render(a), "7")
    assert canonical == a and canonical.warnings == ()


def test_quotations_typed_back_to_front_are_read_with_one_warning_each_way() -> None:
    """Both marks of each quotation the wrong way round (a trial's ”may“): read, each slip
    said once, however many quotations have it."""
    a = parse_amendment("Page 2, line 12, leave out ”may“ and insert ”must“", "1")
    assert a.operations == (Substitute(Words("may"), "must"),)
    assert [w.split(";")[0] for w in a.warnings] == [
        "read the ” that opens the quotation as “",
        "read the “ that closes the quotation as ”",
    ]


def test_balanced_nested_quotation_marks_are_no_slip() -> None:
    a = parse_amendment("Clause 3, page 2, line 1, leave out “(“the 2008 Act”)” and insert “x”")
    assert a.operations == (Substitute(Words("(“the 2008 Act”)"), "x"),)
    assert a.warnings == ()


def test_a_new_clause_whose_quotation_closed_early() -> None:
    """LawMaker sometimes puts the section a new clause inserts beside the new clause, not in
    it: the section is read as what the clause's last subsection inserts, quoted there (as
    it is printed, and so that apply and a reprint take it for another Act's section, not
    a clause of the bill)."""
    clause = Block(
        heading="Driving offences",
        children=(
            Block(num="(1)", text="The Road Traffic Act 1988 is amended as follows."),
            Block(num="(2)", text="After section 5 insert—"),
        ),
    )
    inserted = Block(num="5ZA", heading="Aggravating factor", text="The court must treat it so.")
    a = parse_amendment("To move the following Clause—", "NC9", (clause, inserted))
    (op,) = a.operations
    assert isinstance(op, NewClause)
    assert op.clause.children[-1].children == (
        Block(num="“5ZA", heading="Aggravating factor", text="The court must treat it so.”"),
    )
    assert a.warnings and a.warnings[0].startswith("read 5ZA as what subsection (2)")
    # one that has its quotation marks already keeps them, once
    marked = Block(num="“5ZA", heading="Aggravating factor", text="The court must treat it so.”")
    (op,) = parse_amendment("To move the following Clause—", "NC9", (clause, marked)).operations
    assert isinstance(op, NewClause) and op.clause.children[-1].children == (marked,)
    with pytest.raises(WordingError, match="one new clause in the quoted structure, not 2"):
        parse_amendment("To move the following Clause—", "NC9", (inserted, inserted))


def test_quoted_words_that_hold_the_grammars_words_are_no_slip() -> None:
    """A quotation the bill opens inside the quoted words is not a missing closing mark: only
    what the grammar goes on with after those words (“insert” after an anchor, “and insert”
    after words left out, “to” in a range) can show one."""
    a = parse_amendment("Clause 1, page 1, line 1, after “the duty to “consult” insert “x”")
    assert a.operations == (InsertAfter(Words("the duty to “consult"), "x"),) and not a.warnings
    a = parse_amendment(
        "Clause 1, page 1, line 1, leave out “references to “the Board” and insert “x”"
    )
    assert a.operations == (Substitute(Words("references to “the Board"), "x"),)
    a = parse_amendment("Clause 1, page 1, line 1, leave out from “3(2) to “the end”")
    assert a.operations == (LeaveOutRange(Words("3(2)"), Words("the end")),)
    assert a.warnings == ("read “3(2)” (its closing mark is missing); close the words before “to”",)


def test_angle_brackets_quote_only_in_the_scottish_parliaments_wording() -> None:
    a = parse_amendment("Clause 1, page 1, line 1, leave out “less than <5” and insert “under 5”")
    assert a.style == "" and a.operations == (Substitute(Words("less than <5"), "under 5"),)
    with pytest.raises(WordingError):  # a Westminster wording does not quote in < >
        parse_amendment("Clause 1, page 1, line 1, leave out <a>")
    # a quotation holding < itself keeps curly marks, so that it reads back the same
    a = parse_amendment("In section 1, page 1, line 1, leave out <fewer> and insert <“x < 5”>")
    assert render(a) == "In section 1, page 1, line 1, leave out <fewer> and insert ““x < 5””"
    assert parse_amendment(render(a)) == a


def test_doubled_marks_on_both_sides_are_read_alike() -> None:
    a = parse_amendment("Clause 1, page 1, line 1, leave out “Authority”” and insert “Board””")
    assert a.operations == (Substitute(Words("Authority"), "Board"),)
    assert len(a.warnings) == 2


def test_a_range_from_another_line_than_the_one_cited_is_refused() -> None:
    with pytest.raises(WordingError, match="beginning of line 2"):
        parse_amendment("Page 2, line 2, leave out from beginning of line 5 to end of line 6")
    with pytest.raises(WordingError, match="in the order of the bill"):
        parse_amendment("Page 3, line 4, leave out Clauses 19 and 18")
    a = parse_amendment("Leave out Clauses 18 and 19")
    assert parse_amendment(render(a)) == a


def test_a_wording_longer_than_any_amendment_is_refused_at_once() -> None:
    """The longest wording on the real papers is a new clause of some 60,000 characters; one
    of millions is not an amendment, and is refused without being read."""
    from drafter.core.wording.parser import MAX_WORDING

    huge = "Clause 1, page 1, line 1, leave out ‘" + "a’ b ‘" * (MAX_WORDING // 6 + 1)
    with pytest.raises(WordingError, match="a wording of at most 1,000,000 characters"):
        parse_amendment(huge, "7")
