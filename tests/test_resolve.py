"""Checking amendments against a real print, as a clerk would: what fits, and the exact
message for what does not."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from drafter.core.akn import NS
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
from drafter.core.bill import Bill
from drafter.core.resolve import (
    AmendmentError,
    check,
    cite_words,
    occurrences_on,
    resolve,
    unplaced_place,
)
from tests.conftest import REPO_ROOT


@pytest.fixture(scope="module")
def saf(shared_data: Path) -> Bill:
    return Bill.load(shared_data / "bills" / "sustainable-aviation-fuel-bill-hc286.xml")


def amend(
    op: object,
    clause: str | None = "1",
    page: int | None = 1,
    line: int | None = 3,
    number: str = "12",
) -> Amendment:
    return Amendment(number, (op,), Target(clause=clause, page=page, line=line))  # type: ignore[arg-type]


def words_at(bill: Bill, a: Amendment) -> str:
    (r,) = resolve(bill, a)
    return bill.print.text[r.start : r.end]


def test_words_on_the_cited_line(saf: Bill) -> None:
    # page 1, line 3: "(1) The Secretary of State may direct the designated counterparty …"
    a = amend(Substitute(Words("designated counterparty"), "counterparty"))
    assert words_at(saf, a) == "designated counterparty"
    assert check(saf, a) == "ok"


def test_words_may_run_onto_the_next_line(saf: Bill) -> None:
    a = amend(LeaveOut(Words("(see section 4) to offer")))
    assert words_at(saf, a) == "(see section 4) to offer"


def test_words_on_another_line_say_where(saf: Bill) -> None:
    a = amend(LeaveOut(Words("enter into")))  # it is on line 4, not 3
    assert check(saf, a) == (
        "Amendment 12: “enter into” is not on page 1, line 3 of Bill 286 (it is on line 4)"
    )


def test_words_nowhere_near(saf: Bill) -> None:
    a = amend(LeaveOut(Words("nuclear power")))
    assert check(saf, a) == (
        "Amendment 12: “nuclear power” is not on page 1, line 3 of Bill 286 "
        "(nor on the lines around it)"
    )


def test_ambiguous_words_ask_which(saf: Bill) -> None:
    # page 1, line 4: "to offer to enter into a revenue certainty contract with a producer of"
    a = amend(InsertAfter(Words("to"), "agree"), line=4)
    message = check(saf, a)
    assert message.startswith("Amendment 12: “to” occurs 2 times on page 1, line 4 of Bill 286")
    assert "the second “to”" in message
    second = amend(InsertAfter(Words("to", occurrence=2), "agree"), line=4)
    (r,) = resolve(saf, second)
    assert saf.print.text[r.start :].startswith(" enter into")
    third = amend(InsertAfter(Words("to", occurrence=3), "agree"), line=4)
    assert check(saf, third) == (
        "Amendment 12: there is no third “to” on page 1, line 4 of Bill 286 (only 2)"
    )
    # case matters: "The Secretary" on line 3 is not "the"
    assert check(saf, amend(InsertAfter(Words("the"), "new"))) == "ok"


def test_whole_words_only(saf: Bill) -> None:
    # "State" is a word on line 3; "tate" is not
    assert check(saf, amend(LeaveOut(Words("tate")))).startswith(
        "Amendment 12: “tate” is not on page 1, line 3"
    )


def test_missing_clause_page_and_line(saf: Bill) -> None:
    assert check(saf, amend(LeaveOut(Words("the")), clause="42")) == (
        f"Amendment 12: there is no Clause 42 in {saf.path} (it has clauses 1 to 19)"
    )
    assert check(saf, amend(LeaveOut(Words("the")), page=30)) == (
        "Amendment 12: there is no page 30 (the print has pages 1 to 10) of Bill 286"
    )
    assert check(saf, amend(LeaveOut(Words("the")), line=45)) == (
        "Amendment 12: there is no line 45 on page 1 (page 1 has lines 1 to 27) of Bill 286"
    )


def test_line_outside_the_cited_clause(saf: Bill) -> None:
    a = amend(LeaveOut(Words("designated counterparty")), clause="2")
    assert check(saf, a) == (
        "Amendment 12: page 1, line 3 is not in Clause 2 of Bill 286 (it is in Clause 1)"
    )


def test_at_end_of_line(saf: Bill) -> None:
    (r,) = resolve(saf, amend(InsertAtEnd("and"), line=10))  # line 10 is "price,"
    assert r.start == r.end
    assert saf.print.text[: r.start].endswith("price,")


def test_leave_out_from_to(saf: Bill) -> None:
    # page 1, lines 7–8: "(a) the designated counterparty to make payments to the producer in /
    # respect of sustainable aviation fuel …": "from “payments” to “respect”" keeps both
    a = amend(LeaveOutRange(Words("payments"), Words("respect"), end_line=8), line=7)
    assert words_at(saf, a) == " to the producer in "
    backwards = amend(LeaveOutRange(Words("payments"), Words("counterparty")), line=7)
    assert "“counterparty” comes before “payments” on page 1, line 7" in check(saf, backwards)


def test_leave_out_to_end_of_line(saf: Bill) -> None:
    a = amend(LeaveOutRange(Words("payments"), None, end_line=8), line=7)
    assert words_at(saf, a) == (
        " to the producer in respect of sustainable aviation fuel sold by the producer during a"
    )


def test_leave_out_lines(saf: Bill) -> None:
    a = amend(LeaveOutLines(11, 14), line=None)
    text = words_at(saf, a)
    assert text.startswith("(b) the producer to make payments") and text.endswith("price, and")
    wrong = amend(LeaveOutLines(11, 14), clause="2", line=None)
    assert check(saf, wrong) == (
        "Amendment 12: page 1, line 11 is not in Clause 2 of Bill 286 (it is in Clause 1)"
    )


def test_leave_out_provisions(saf: Bill) -> None:
    a = amend(LeaveOutProvisions("paragraph", ("b",)), line=11)
    assert words_at(saf, a).startswith("(b) the producer")
    both = amend(LeaveOutProvisions("paragraph", ("b", "c")), line=11)
    assert words_at(saf, both).endswith("reference price.")
    through = amend(LeaveOutProvisions("paragraph", ("a", "c"), through=True), line=7)
    assert words_at(saf, through).startswith("(a) the designated")
    (r,) = resolve(saf, a)
    assert r.line is not None and (r.line.page, r.line.number) == (1, 11)
    missing = amend(LeaveOutProvisions("paragraph", ("b", "x", "y")), line=11)
    assert check(saf, missing) == (
        "Amendment 12: Clause 1(2)(b) has no following paragraph (x), (y)"
    )
    wrong = amend(LeaveOutProvisions("subsection", ("3",)), line=11)
    assert check(saf, wrong) == (
        "Amendment 12: no subsection (3) begins on page 1, line 11 of Bill 286 "
        "(subsections beginning there: none)"
    )


def test_a_quoted_provision_left_out_as_the_bill_s_own_says_why_not() -> None:
    """Section 66E(1), quoted by Clause 12 of the sample, begins page 6, line 7: it is words
    the bill puts into the Sexual Offences Act, not a subsection of the bill. A trial's
    "leave out paragraph (ca)" of such text was told no paragraph (ca) begins there, though
    the line begins with it; the message now says why."""
    bill = Bill.load(REPO_ROOT / "bills" / "crime-and-policing-bill.xml")
    quoted = amend(LeaveOutProvisions("subsection", ("1",)), clause="12", page=6, line=7)
    assert check(bill, quoted) == (
        "Amendment 12: no subsection (1) begins on page 6, line 7 of HL Bill 101 "
        "(subsections beginning there: none); the (1) there is quoted text, words the bill "
        "puts into another Act: leave out its lines, or its words"
    )


def test_leave_out_clause(saf: Bill) -> None:
    a = amend(LeaveOutClause("2"), clause=None, page=2, line=9)
    assert words_at(saf, a).startswith("2 Notice of directions and revocation")
    wrong = amend(LeaveOutClause("2"), clause=None, page=2, line=10)
    assert check(saf, wrong) == (
        "Amendment 12: Clause 2 begins on page 2, line 9 of Bill 286, not on page 2, line 10"
    )


def test_new_clause_anchor(saf: Bill) -> None:
    nc = NewClause(Block(heading="Review", children=(Block("(1)", text="A review."),)), after="3")
    assert check(saf, amend(nc, clause=None, page=None, line=None, number="NC1")) == "ok"
    missing = NewClause(Block(heading="Review"), after="84")
    assert check(saf, amend(missing, clause=None, page=None, line=None, number="NC1")) == (
        "Amendment NC1: the new clause is to go after Clause 84, but there is no Clause 84 in "
        f"{saf.path} (it has clauses 1 to 19)"
    )


def test_amendment_error_carries_the_amendment(saf: Bill) -> None:
    a = amend(LeaveOut(Words("nuclear")))
    with pytest.raises(AmendmentError) as caught:
        resolve(saf, a)
    assert caught.value.amendment is a


def test_the_last_occurrence_is_the_last_on_the_line() -> None:
    """ "the last “the”" is the last of the line's, not the one before it; and where the words
    are not on the line at all, the clerk's reason, not a traceback."""
    from drafter.core.bill import Bill
    from drafter.core.resolve import AmendmentError, resolve
    from drafter.core.wording import parse_amendment
    from tests.conftest import REPO_ROOT

    bill = Bill.load(REPO_ROOT / "bills" / "crime-and-policing-bill.xml")
    line = bill.print.line(
        1, 8
    )  # "(b) the court is satisfied, on the balance of …, that the respondent"
    text = bill.print.text[line.start : line.end]
    last = text.rindex(" the ") + 1
    (r,) = resolve(bill, parse_amendment("Page 1, line 8, leave out the last “the”"))
    assert r.start - line.start == last
    with pytest.raises(AmendmentError, match="there is no last “zebra” on page 1, line 8"):
        resolve(bill, parse_amendment("Page 1, line 8, leave out the last “zebra”"))


def test_an_unnumbered_amendment_is_the_amendment(saf: Bill) -> None:
    assert check(saf, amend(LeaveOut(Words("nuclear")), number="")) == (
        "The amendment: “nuclear” is not on page 1, line 3 of Bill 286 (nor on the lines around it)"
    )


def test_occurrences_past_the_tenth_are_numbered(saf: Bill) -> None:
    assert check(saf, amend(LeaveOut(Words("the", occurrence=10)))) == (
        "Amendment 12: there is no tenth “the” on page 1, line 3 of Bill 286 (only 1)"
    )
    assert check(saf, amend(LeaveOut(Words("the", occurrence=11)))) == (
        "Amendment 12: there is no 11th “the” on page 1, line 3 of Bill 286 (only 1)"
    )


@pytest.mark.parametrize(
    ("line", "words", "where"),
    [
        (3, "Revenue", "(it is on line 1)"),  # the print's first line
        (9, "calculated", "(nor on the lines around it)"),  # six lines on: too far
        (9, "direct", "(nor on the lines around it)"),  # six lines back: too far
        (9, "a", "(it is on line 8)"),  # the last word of line 8
        (7, "period", "(it is on line 9)"),  # the first word of line 9
        # the nearest line that has it, not the first: "strike" is on lines 9, 13 and 16
        (12, "strike", "(it is on line 13)"),
        # on the line, but in other capitals: said, not "nor on the lines around it"
        (9, "Strike price", "(“strike price” is: the capitals differ)"),
        # both: either may be meant (a trial's “the” on a line of “The regulator”)
        (6, "in", "(“In” is: the capitals differ; it is on line 7)"),
    ],
)
def test_words_not_on_the_line_are_looked_for_within_five_lines(
    saf: Bill, line: int, words: str, where: str
) -> None:
    assert check(saf, amend(LeaveOut(Words(words)), line=line)) == (
        f"Amendment 12: “{words}” is not on page 1, line {line} of Bill 286 {where}"
    )


def test_words_on_the_previous_page_say_which_page(saf: Bill) -> None:
    # page 2, line 1 is "(b) the period within which …"; "name" is on page 1, line 27
    assert check(saf, amend(LeaveOut(Words("name")), page=2, line=1)) == (
        "Amendment 12: “name” is not on page 2, line 1 of Bill 286 (it is on page 1, line 27)"
    )


def test_a_line_outside_any_clause_names_what_holds_it(saf: Bill) -> None:
    assert check(saf, amend(LeaveOut(Words("Designated")), page=2, line=33)) == (
        "Amendment 12: page 2, line 33 is not in Clause 1 of Bill 286 "
        "(it is in crossheading before Clause 4)"
    )


def test_leave_out_to_the_end_of_a_subsection(saf: Bill) -> None:
    # page 1, lines 3–5: "(1) The Secretary of State may direct … a producer of / sustainable
    # aviation fuel."
    def range_(start: Words | None, line: int) -> Amendment:
        op = LeaveOutRange(start, None, end_of=("subsection", "(1)"))
        return amend(op, line=line)

    assert words_at(saf, range_(Words("producer of"), 4)) == " sustainable aviation fuel."
    a = range_(Words("producer of"), 4)
    (r,) = resolve(saf, a)
    assert r.operation is a.operations[0]
    assert r.line is not None and (r.line.page, r.line.number) == (1, 4)
    whole = words_at(saf, range_(None, 3))
    assert whole.startswith("(1) The Secretary") and whole.endswith("aviation fuel.")
    assert words_at(saf, range_(Words("fuel."), 5)) == ""
    assert check(
        saf, amend(LeaveOutRange(Words("means"), None, end_of=("subsection", "(1)")), line=6)
    ) == (
        "Amendment 12: the words it runs from are not in subsection (1) on page 1, line 6 of "
        "Bill 286"
    )


def test_leave_out_lines_needs_a_page_and_lines_in_order(saf: Bill) -> None:
    (r,) = resolve(saf, amend(LeaveOutLines(11, 14), line=None))
    assert r.line is not None and (r.line.page, r.line.number) == (1, 11)
    assert check(saf, amend(LeaveOutLines(11, 14), page=None, line=None)) == (
        "Amendment 12: it cites no page"
    )
    assert check(saf, amend(LeaveOutLines(11, 40), line=None)) == (
        "Amendment 12: there is no line 40 on page 1 (page 1 has lines 1 to 27) of Bill 286"
    )
    assert check(saf, amend(LeaveOutLines(14, 11), line=None)) == (
        "Amendment 12: line 11 comes before line 14"
    )


def test_leave_out_a_clause_that_is_not_there(saf: Bill) -> None:
    (r,) = resolve(saf, amend(LeaveOutClause("2"), clause=None, page=None, line=None))
    assert r.line is None  # no line cited
    (r,) = resolve(saf, amend(LeaveOutClause("2"), clause=None, page=2, line=9))
    assert r.line is not None and (r.line.page, r.line.number) == (2, 9)
    assert check(saf, amend(LeaveOutClause("42"), clause=None, page=None, line=None)) == (
        f"Amendment 12: there is no Clause 42 in {saf.path} (it has clauses 1 to 19)"
    )
    assert check(saf, amend(LeaveOutClause("2"), clause=None, page=30, line=1)) == (
        "Amendment 12: there is no page 30 (the print has pages 1 to 10) of Bill 286"
    )


def test_new_clauses_and_schedules_go_at_the_end_of_their_kind(saf: Bill) -> None:
    def at(bill: Bill, op: object) -> tuple[str, str]:
        (r,) = resolve(bill, amend(op, clause=None, page=None, line=None, number="NC1"))
        assert r.start == r.end and r.line is None
        return bill.print.text[r.start - 20 : r.start], bill.print.text[r.start : r.start + 20]

    # without an anchor (the Commons form): before the bill's extent, commencement and short
    # title (17-19), which stay last; after the last Schedule
    review = Block(heading="Review")
    assert at(saf, NewClause(review)) == ("ble transport fuel. ", "17 Extent This Act e")
    assert at(saf, NewSchedule(review)) == ("e Consolidated Fund.", "")
    assert at(saf, NewClause(review, after="3")) == (" Secretary of State.", " Designated counterp")
    # a bill with no Schedule: a new one goes at its end
    root = etree.fromstring(Path(saf.path).read_bytes())
    for schedule in root.iter(f"{{{NS['akn']}}}hcontainer"):
        if schedule.get("name") == "schedule":
            schedule.getparent().remove(schedule)
            break
    bare = Bill.from_bytes(etree.tostring(root))
    assert not bare.schedules
    assert at(bare, NewSchedule(review)) == (bare.print.text[-20:], "")
    missing = NewSchedule(Block(heading="Penalties"), after="7")
    assert check(saf, amend(missing, clause=None, page=None, line=None, number="NS1")) == (
        "Amendment NS1: the new schedule is to go after Schedule 7, but there is no Schedule 7 "
        f"in {saf.path} (it has only schedule (unnumbered))"
    )


@pytest.mark.parametrize(
    ("headings", "place"),
    [
        (["Offences", "Extent", "Commencement", "Short title"], (1, "before")),
        (["Offences", "Interpretation", "Extent, commencement and short title"], (2, "before")),
        (["Offences", "Commencement and short title"], (1, "before")),
        (["Offences", "Short title"], (1, "before")),
        # the Data Protection bill's and the Renters' Rights Bill's: transitional provision
        # among them (and clauses of their own) does not move the new clause past them
        (["Interpretation", "Extent", "Commencement", "Transitional provision", "Short title"],
         (1, "before")),
        (["Rent", "Extent", "Commencement", "Existing tenancies", "Short title"], (1, "before")),
        # a heading that only mentions commencement is the bill's own provision
        (["Offences", "Power to make provision about commencement"], (1, "after")),
        (["Offences", "Application", "Review"], (2, "after")),
        (["Offences", ""], (1, "after")),  # a clause without a heading closes nothing
    ],
)  # fmt: skip
def test_a_new_clause_with_no_place_goes_before_the_clauses_that_close_the_bill(
    headings: list[str], place: tuple[int, str]
) -> None:
    from types import SimpleNamespace

    clauses = [SimpleNamespace(heading=h) for h in headings]
    anchor, side = unplaced_place(clauses, "clause")  # type: ignore[arg-type]
    assert (clauses.index(anchor), side) == place
    assert unplaced_place(clauses, "schedule") == (clauses[-1], "after")  # type: ignore[arg-type]


def test_the_long_title_bites_at_the_end_of_the_print(shared_data: Path) -> None:
    from drafter.core.long_title import LONG_TITLE_EID
    from drafter.core.wording import parse_amendment

    renters = Bill.load(shared_data / "bills" / "renters-rights-bill-hc127.xml")
    title = parse_amendment("Title, line 2, after “tenancies;” insert “regulating deposits;”", "2")
    (r,) = resolve(renters, title)
    assert (r.amendment, r.operation) == (title, title.operations[0])
    assert (r.start, r.end, r.eid, r.line) == (
        len(renters.print.text),
        len(renters.print.text),
        LONG_TITLE_EID,
        None,
    )


@pytest.mark.parametrize(
    ("line", "words"),
    [
        (4, "a r"),  # "a revenue": the quoted words end inside a word
        (3, "of S"),  # "of State"
        (3, "Secretar"),
        (5, "l."),  # "fuel.": they begin inside one
    ],
)
def test_quoted_words_are_whole_words_at_both_ends(saf: Bill, line: int, words: str) -> None:
    assert check(saf, amend(LeaveOut(Words(words)), line=line)) == (
        f"Amendment 12: “{words}” is not on page 1, line {line} of Bill 286 "
        "(nor on the lines around it)"
    )


def test_words_at_either_end_of_the_print(saf: Bill) -> None:
    first = Amendment("12", (LeaveOut(Words("evenue")),), Target(page=1, line=1))
    assert check(saf, first) == (
        "Amendment 12: “evenue” is not on page 1, line 1 of Bill 286 (nor on the lines around it)"
    )
    last = Amendment(
        "12", (LeaveOut(Words("Consolidated Fund.")),), Target(schedule="", page=10, line=36)
    )
    assert words_at(saf, last) == "Consolidated Fund."
    assert check(saf, amend(LeaveOut(Words("  ")))) == "Amendment 12: it quotes no words"


def test_a_range_may_run_to_the_words_just_after(saf: Bill) -> None:
    # page 1, line 6: In this Act “revenue certainty contract” means …
    a = amend(LeaveOutRange(Words("revenue certainty contract"), Words("”")), line=6)
    (r,) = resolve(saf, a)
    assert r.start == r.end and saf.print.text[r.start :].startswith("” means")
    assert r.operation is a.operations[0]
    assert r.line is not None and (r.line.page, r.line.number) == (1, 6)


def test_citing_a_line_in_each_house_s_style(saf: Bill, shared_data: Path) -> None:
    from drafter.core.resolve import citing

    line = saf.print.line(1, 3)
    assert citing(saf, line, clause="1") == Target(clause="1", page=1, line=3)
    assert citing(saf, line, schedule="") == Target(schedule="", page=1, line=3)
    assert citing(saf, line) == Target(page=1, line=3)
    lords = Bill.load(shared_data / "bills" / "social-housing-regulation-bill-hl54.xml")
    assert citing(lords, lords.print.line(1, 3), clause="1") == Target(page=1, line=3)
    sp = Bill.load(shared_data / "keeling/bankruptcy-scotland-act-2016/bill.xml")
    assert citing(sp, sp.print.line(1, 3), schedule="1") == Target(schedule="1", page=1, line=3)


def test_a_missing_occurrence_says_how_many_there_are_on_its_line(saf: Bill) -> None:
    assert check(saf, amend(LeaveOut(Words("nuclear", occurrence=2)))) == (
        "Amendment 12: there is no second “nuclear” on page 1, line 3 of Bill 286 (none)"
    )
    # the words a range runs to are looked for on their own line, and named there
    a = amend(LeaveOutRange(Words("payments"), Words("respect", 2), end_line=8), line=7)
    assert check(saf, a) == (
        "Amendment 12: there is no second “respect” on page 1, line 8 of Bill 286 (only 1)"
    )


def test_the_clerk_s_other_reasons(saf: Bill) -> None:
    def says(a: Amendment) -> str:
        return check(saf, a).removeprefix("Amendment 12: ")

    no_page = amend(LeaveOut(Words("the")), page=None)
    assert says(no_page) == "it cites no page and line"
    schedule = Amendment("12", (LeaveOut(Words("the")),), Target(schedule="", page=1, line=3))
    assert says(schedule) == "page 1, line 3 is not in Schedule of Bill 286 (it is in Clause 1)"
    # the words a range runs to are looked for, and named, on their own line
    to_zebra = amend(LeaveOutRange(Words("payments"), Words("zebra"), end_line=8), line=7)
    assert says(to_zebra) == (
        "“zebra” is not on page 1, line 8 of Bill 286 (nor on the lines around it)"
    )
    to_the = amend(LeaveOutRange(Words("payments"), Words("the"), end_line=9), line=7)
    assert says(to_the).startswith("“the” occurs 2 times on page 1, line 9 of Bill 286: say ")
    assert says(amend(LeaveOutClause(""), clause=None)) == (
        "drafter cannot resolve LeaveOutClause amendments"
    )
    on_an_amendment = Amendment("12", (LeaveOut(Words("the")),), Target(amendment="5"))
    assert says(on_an_amendment) == (
        "it amends amendment 5, not the bill: check it against that amendment"
    )
    unread = Amendment("12", (), Target(clause="1", page=1, line=3))
    assert says(unread) == "its words could not be read (the paper says why)"


def test_a_resolution_names_its_amendment_operation_provision_and_line(saf: Bill) -> None:
    # page 1, line 3: "(1) The Secretary of State may direct the designated counterparty …"
    line = saf.print.line(1, 3)
    ops = [
        (LeaveOut(Words("designated")), "designated"),
        (Substitute(Words("designated"), "chosen"), "designated"),
        (InsertBefore(Words("designated"), "duly"), ""),
        (InsertAfter(Words("designated"), "duly"), ""),
        (InsertAtBeginning("Subject to section 2,"), ""),
        (InsertAtEnd("and"), ""),
    ]
    for op, words in ops:
        a = amend(op)
        (r,) = resolve(saf, a)
        assert (r.amendment, r.operation, r.line, r.eid) == (a, op, line, "sec_1__subsec_1")
        assert saf.print.text[r.start : r.end] == words
    for op in (LeaveOutSchedule(""), StandPart(schedule="")):
        (r,) = resolve(saf, amend(op, clause=None, page=None, line=None))
        assert (r.operation, r.eid) == (op, "sched")
        assert saf.print.text[r.start : r.end].startswith("Schedule Financial penalties")
        assert saf.print.text[r.start : r.end].endswith("Consolidated Fund.")


def test_which_occurrence_is_counted_in_one_place(saf: Bill) -> None:
    """The occurrences of some words on a line, as resolve counts them, are what cite_words
    (amend in context) and drafting from a comparison both cite by."""
    pr = saf.print
    line = next(ln for ln in pr.lines if f" {ln.text} ".count(" the ") >= 2)
    hits = occurrences_on(saf, "the", line, line.start)
    assert len(hits) >= 2 and all(pr.text[h : h + 3] == "the" for h in hits)
    target = Target(page=line.page, line=line.number)
    assert cite_words(saf, target, hits[1], hits[1] + 3) == Words("the", 2)
    assert occurrences_on(saf, "the", line, hits[0] + 1) == hits[1:]
    assert all(not pr.text[h - 1].isalpha() and not pr.text[h + 3].isalpha() for h in hits)


def test_a_range_whose_words_run_backwards_on_one_line_says_so(saf: Bill) -> None:
    """What a trial found: "from “counterparty” to “designated”" on page 1, line 3, where
    “designated” comes first, was said not to be on the line at all."""
    backwards = amend(LeaveOutRange(Words("counterparty"), Words("designated")))
    assert check(saf, backwards) == (
        "Amendment 12: “designated” comes before “counterparty” on page 1, line 3 of Bill 286: "
        "the words a range runs to must come after those it runs from"
    )
    elsewhere = amend(LeaveOutRange(Words("counterparty"), Words("nuclear")))
    assert "“nuclear” is not on page 1, line 3" in check(saf, elsewhere)
    forwards = amend(LeaveOutRange(Words("designated"), Words("counterparty")))
    assert check(saf, forwards) == "ok"
