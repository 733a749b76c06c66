"""Drafting on the sample bill (drafter.core.drafting), without the terminal app: the wording
amend in context writes, which occurrence of repeated words it cites (resolve's rule, asked of
resolve once: cite_words), checking a typed wording, and where a new amendment goes on the
paper and with what number."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafter.cli import SAMPLE_BILL, SAMPLE_PAPER
from drafter.core.amendment import Amendment, LeaveOut, Target, Words
from drafter.core.bill import Bill
from drafter.core.drafting import (
    bracketed_end,
    check_wording,
    in_context,
    next_number,
    place_entry,
)
from drafter.core.paper import Paper, load_paper, make_entry
from drafter.core.print.lines import Line
from drafter.core.resolve import cite_words, resolve
from drafter.core.wording import parse_amendment

SOLICITATION = "Page 6, line 8, after “creates” insert “, or requests the creation of,”"


@pytest.fixture(scope="module")
def bill() -> Bill:
    return Bill.load(SAMPLE_BILL)


def _word(bill: Bill, line: Line, words: str) -> tuple[int, int]:
    """The offsets in the print of ``words`` on ``line`` (the first time they are there)."""
    at = bill.print.text.index(words, line.start, line.end + 1)
    return at, at + len(words)


# --- amend in context -----------------------------------------------------------------------


def test_insert_after_a_word(bill: Bill) -> None:
    line = bill.print.line(6, 8)
    start, end = _word(bill, line, "creates")
    wording = in_context(bill, "after", line, start, end, ", or requests the creation of,")
    assert wording == SOLICITATION
    (r,) = resolve(bill, parse_amendment(wording))
    assert r.start == r.end == end


def test_leave_out_insert_before_and_replace(bill: Bill) -> None:
    line = bill.print.line(6, 8)
    start, end = _word(bill, line, "intentionally creates")
    assert in_context(bill, "leave out", line, start, end, "") == (
        "Page 6, line 8, leave out “intentionally creates”"
    )
    assert in_context(bill, "before", line, start, end, "knowingly or") == (
        "Page 6, line 8, before “intentionally creates” insert “knowingly or”"
    )
    assert in_context(bill, "replace", line, start, end, "makes") == (
        "Page 6, line 8, leave out “intentionally creates” and insert “makes”"
    )


def test_words_over_lines_are_left_out_as_the_house_does(bill: Bill) -> None:
    pr = bill.print
    first, last = pr.line(6, 8), pr.line(6, 10)
    assert in_context(bill, "leave out", first, first.start, last.end, "") == (
        "Page 6, leave out lines 8 to 10"
    )
    start, _ = _word(bill, first, "intentionally")
    _, end = _word(bill, pr.line(6, 9), "person")
    assert in_context(bill, "leave out", first, start, end, "") == (
        "Page 6, line 8, leave out from “A” to “(B)” in line 9"
    )
    assert in_context(bill, "leave out", first, start, pr.line(6, 9).end, "") == (
        "Page 6, line 8, leave out from “A” to end of line 9"
    )


def test_words_to_the_last_word_of_a_line_leave_its_stop(bill: Bill) -> None:
    """Issue 17, item 6: "immaterial … image" over lines 13 and 14 of page 6, without the
    full stop after "image": "to end of line 14" would take the stop too, so it is put back,
    and the bill as amended keeps it (and prints no empty line where line 14 was)."""
    from drafter.core.apply import apply

    pr = bill.print
    first, last = pr.line(6, 13), pr.line(6, 14)
    start = pr.text.index("immaterial", first.start)
    end = pr.text.index("image", last.start) + len("image")
    wording = in_context(bill, "leave out", first, start, end, "")
    assert wording == "Page 6, line 13, leave out from “is” to end of line 14 and insert “.”"
    amended, report = apply(bill, [parse_amendment(wording, "1")])
    assert report.ok
    assert amended.print.line(6, 13).text == "(2) For the purposes of this section it is."
    assert [ln.number for ln in amended.print.page_lines(6)][12:14] == [13, 15]
    # the whole of line 14 selected, stop and all: nothing is put back
    assert in_context(bill, "leave out", first, start, last.end, "") == (
        "Page 6, line 13, leave out from “is” to end of line 14"
    )


def test_words_that_open_a_bracket_are_left_out_with_the_bracket_that_closes_it(
    shared_data: Path,
) -> None:
    """A trial selected “(demotion … anti-social behaviour” over two lines (a selection by
    words stops before “);”) and was given “leave out from “6A” to end of line 31 and insert
    “);””, marked ✓ ok: the bill as amended read “omit section 6A);”. The “)” goes with the
    words that open it; the “;” is put back."""
    renters = Bill.load(shared_data / "bills" / "renters-rights-bill-hc127.xml")
    text = renters.print.text
    first, last = renters.print.line(2, 30), renters.print.line(2, 31)
    start = text.index("(demotion", first.start)
    end = text.index("behaviour", last.start) + len("behaviour")
    assert bracketed_end(text, start, end) == end + 1  # with its ")", not the ";"
    wording = in_context(renters, "leave out", first, start, end, "")
    assert wording == (
        "Clause 2, page 2, line 30, leave out from “6A” to end of line 31 and insert “;”"
    )
    assert check_wording(renters, wording, "").message == "✓ ok — page 2, line 30"
    # typed as the trial's was, it is said
    wrong = wording.replace("insert “;”", "insert “);”")
    assert check_wording(renters, wrong, "").message == (
        "⚠ The brackets do not pair: the amendment leaves a “)” with no “(”; check where the "
        "words it leaves out or puts in begin and end — page 2, line 30"
    )


def test_bracketed_end_takes_only_the_brackets_the_words_open() -> None:
    text = "see (section 6A [of the Act]); and (b)"
    assert bracketed_end(text, 4, text.index("Act") + 3) == text.index(";")  # "])" both
    assert bracketed_end(text, 5, text.index("6A") + 2) == text.index("6A") + 2  # none open
    assert bracketed_end(text, 0, 3) == 3  # nothing after it closes anything


def test_a_repeated_word_is_cited_by_its_occurrence(bill: Bill) -> None:
    line = bill.print.line(2, 8)
    assert line.text.startswith("the chief officer of police for the police area in which the")
    for n, ordinal in enumerate(("first", "second", "third")):
        start = line.start + [m.start() for m in re.finditer(r"\bthe\b", line.text)][n]
        wording = in_context(bill, "leave out", line, start, start + 3, "")
        assert wording == f"Page 2, line 8, leave out the {ordinal} “the”"
        (r,) = resolve(bill, parse_amendment(wording))
        assert (r.start, r.end) == (start, start + 3)  # the words selected, and only those
    start, end = _word(bill, line, "police area")  # once on the line: no occurrence
    assert in_context(bill, "leave out", line, start, end, "") == (
        "Page 2, line 8, leave out “police area”"
    )


# --- cite_words: resolve's rule for which occurrence, asked once ---------------------------


def test_cite_words_agrees_with_resolve_on_every_word_of_a_page(bill: Bill) -> None:
    checked = 0
    for line in bill.print.lines:
        if line.page != 6:
            continue
        target = Target(page=line.page, line=line.number)
        for m in re.finditer(r"[A-Za-z]+", line.text):
            start, end = line.start + m.start(), line.start + m.end()
            words = cite_words(bill, target, start, end)
            if words is None:  # part of a longer word (“creat” in “creates”): not citable
                continue
            (r,) = resolve(bill, Amendment("", (LeaveOut(words),), target))
            assert (r.start, r.end) == (start, end), (line.number, m.group(), words)
            checked += 1
    assert checked > 100


def test_cite_words_says_none_when_the_line_does_not_hold_the_words(bill: Bill) -> None:
    line = bill.print.line(6, 8)
    start, end = _word(bill, line, "creates")
    assert cite_words(bill, Target(page=6, line=8), start, end) == Words("creates")
    assert cite_words(bill, Target(page=6, line=9), start, end) is None  # another line
    assert cite_words(bill, Target(page=6, line=8), start + 1, end) is None  # “reates”
    assert cite_words(bill, Target(page=99, line=1), start, end) is None  # no such page
    assert cite_words(bill, Target(clause="1", page=6, line=8), start, end) is None


# --- checking what is typed -----------------------------------------------------------------


def test_check_wording(bill: Bill) -> None:
    typed = SOLICITATION.replace("“", '"').replace("”", '"')
    ok = check_wording(bill, typed, "")
    assert ok.ok and ok.message == "✓ ok — page 6, line 8"
    assert ok.entry is not None and ok.entry.wording == SOLICITATION  # as the House prints it
    assert [bill.print.text[a:b] for a, b in ok.spans] == ["creates"]
    wrong = check_wording(bill, "Page 6, line 9, after “creates” insert “x”", "")
    assert not wrong.ok and wrong.message.startswith("“creates” is not on page 6, line 9")


def test_every_assumption_of_a_wording_is_said(bill: Bill) -> None:
    """Quotation marks typed back to front are read with one assumption each way: the
    check says both, not the first alone (the drafter fixes one and is told of the other
    only then)."""
    checked = check_wording(bill, "Page 6, line 8, leave out ”creates“ and insert “makes”", "")
    assert checked.ok, checked.message
    assert checked.message == (
        "⚠ Read the ” that opens the quotation as “; write “ to open quoted words. "
        "Read the “ that closes the quotation as ”; write ” to close quoted words"
        " — page 6, line 8"
    )


# --- placing a new amendment on the paper ---------------------------------------------------


def test_a_new_amendment_goes_in_the_order_of_the_bill() -> None:
    bill = Bill.load(SAMPLE_BILL)
    paper = load_paper(SAMPLE_PAPER)
    assert next_number(paper) == "10"
    placed = place_entry(bill, paper, make_entry("", SOLICITATION))
    assert placed.number == "10"
    # after amendment 4, which bites at the same words, before 5
    assert [e.number for e in placed.paper.entries] == "1 2 3 4 10 5 6 7 8 9".split()
    assert placed.after == "4"
    assert placed.paper.entry("10").wording == SOLICITATION
    assert placed.paper.info == paper.info  # the paper says whose bill it is already
    assert [e.number for e in paper.entries] == [str(n) for n in range(1, 10)]  # unchanged


def test_the_commons_number_new_clauses_and_new_schedules_apart(shared_data: Path) -> None:
    """A trial drafting new clauses on the Renters' Rights Bill (a Commons bill) had them
    numbered 6 and 7, among the other amendments: the Commons number them NC1, NC2 … (and
    new Schedules NS1 …). The Lords number them with the rest (the sample's amendment 5)."""
    renters = Bill.load(shared_data / "bills" / "renters-rights-bill-hc127.xml")
    clause = "To move the following Clause—\n“{0}\n(1) {0} words.”"
    schedule = "To move the following Schedule—\n“Schedule\nIts heading\n1 Its words.”"
    paper = Paper()
    numbers = []
    for wording in (
        clause.format("One"),
        "Clause 2, page 2, line 30, leave out “6A”",
        clause.format("Two"),
        schedule,
    ):
        entry = make_entry("", wording)
        assert entry.problem == "", entry.problem
        placed = place_entry(renters, paper, entry)
        paper = placed.paper
        numbers.append(placed.number)
    assert numbers == ["NC1", "1", "NC2", "NS1"]
    lords = place_entry(
        Bill.load(SAMPLE_BILL), load_paper(SAMPLE_PAPER), make_entry("", clause.format("Three"))
    )
    assert lords.number == "10"


def test_the_first_amendment_on_a_new_paper(bill: Bill) -> None:
    placed = place_entry(bill, Paper(), make_entry("7", SOLICITATION))
    assert placed.number == "1" and placed.after == ""
    assert [e.number for e in placed.paper.entries] == ["1"]
    info = placed.paper.info
    assert info.title == "Crime and Policing Bill" and info.bill_number == "HL Bill 101"
    # the print it cites, not a stage: the bill does not say at which stage it is amended
    assert (info.version, info.stage) == ("As brought from the Commons", "")
    # one that goes before every other: at the start, so it follows none
    first = place_entry(bill, placed.paper, make_entry("", "Page 1, line 6, leave out “Part”"))
    assert first.after == ""


def test_a_new_clause_typed_at_the_margin_is_read_under_its_heading() -> None:
    """Only the units' indents relative to each other say which is inside which: typed all
    at the margin, or the first indented and the next not, the subsections are the clause's."""
    from drafter.core.drafting import check_new_clause

    bill = Bill.load(SAMPLE_BILL)
    for typed in (
        "Review\n(1) One.\n(2) Two.\n",
        "Review\n    (1) One.\n(2) Two.\n",
        "  Review\n\t(1) One—\n\t    (a) x, and\n        (b) y.\n    (2) Two.\n",
    ):
        checked = check_new_clause(bill, "12", typed, "")
        assert checked.message == "✓ ok — new clause “Review”", typed
        assert checked.entry is not None
        assert [u.num for u in checked.entry.structure[0].children] == ["(1)", "(2)"]
    # typed all at the margin, paragraphs nest by their numbers: (a) in (1), (i) in (a),
    # but "(i)" after "(h)" is the next letter
    flat = "Review\n(1) One—\n(h) x,\n(i) y—\n(i) first, and\n(ii) second.\n(2) Two.\n"
    checked = check_new_clause(bill, "12", flat, "")
    assert checked.ok and checked.entry is not None
    one, two = checked.entry.structure[0].children
    assert [u.num for u in one.children] == ["(h)", "(i)"] and two.num == "(2)"
    assert [u.num for u in one.children[1].children] == ["(i)", "(ii)"]
    # "(v)" after "(iv)" is the next numeral, even under "(u)"
    romans = "Review\n(1) One—\n(u) x—\n(i) a,\n(ii) b,\n(iii) c,\n(iv) d, and\n(v) e.\n"
    checked = check_new_clause(bill, "12", romans, "")
    assert checked.entry is not None
    (u,) = checked.entry.structure[0].children[0].children
    assert [p.num for p in u.children] == ["(i)", "(ii)", "(iii)", "(iv)", "(v)"]


def test_a_new_clause_typed_without_a_heading_is_asked_for_one() -> None:
    """A trial typed "(1) …" then "(3) …" at one indent: the first line was read as the
    clause, headed “”, with (3) inside it, and passed as ✓ ok with advice it could not
    follow. Every clause has a heading: the check asks for it."""
    from drafter.core.drafting import check_new_clause

    checked = check_new_clause(
        Bill.load(SAMPLE_BILL), "6", "(1) A registered provider must report.\n(3) Skipped.\n", ""
    )
    assert not checked.ok
    assert checked.message == (
        "Type the new clause's heading on its first line, then its subsections under it "
        "(every clause has a heading)"
    )


def test_a_citation_of_drafter_s_own_layout_says_it_is_an_estimate() -> None:
    """A bill with no House markers is cited by drafter's own layout: the check says so, and
    points to the House's PDF; a bill with the House's markers is cited plainly."""
    import copy

    from drafter.core.drafting import ESTIMATE
    from drafter.core.files import xml_bytes
    from drafter.core.print.markers import strip_markers

    house = Bill.load(SAMPLE_BILL)
    tree = copy.deepcopy(house.tree)
    strip_markers(tree.getroot())
    laid_out = Bill.from_bytes(xml_bytes(tree), "laid-out.xml")
    assert laid_out.print.numbered_by == "drafter" and house.print.numbered_by == "print"
    line = laid_out.print.line(1, 27)
    word = line.text.split()[-1]
    wording = f"Page 1, line 27, leave out “{word}”"
    estimated = check_wording(laid_out, wording, "1")
    assert estimated.ok and estimated.message.endswith(ESTIMATE), estimated.message
    assert "drafter layout --from-pdf" in estimated.message
    plain = check_wording(
        house, f"Page 1, line 27, leave out “{house.print.line(1, 27).text.split()[-1]}”", "1"
    )
    assert plain.ok and ESTIMATE not in plain.message


def test_an_amendment_edited_to_bite_elsewhere_moves_to_its_place() -> None:
    """A trial's: amendment 2, edited to cite page 8, stayed between 1 and 3 (page 2): the
    paper was out of the order of the bill. Edited in place it stays where it is; edited to
    bite elsewhere it moves to where it now bites, its number kept."""
    from drafter.core.drafting import replace_entry

    bill, paper = Bill.load(SAMPLE_BILL), load_paper(SAMPLE_PAPER)
    two = paper.entry("2")
    assert two is not None
    same_place = make_entry("2", "Page 2, line 4, at end insert “, or”")
    kept = replace_entry(bill, paper, two, same_place)
    assert [e.number for e in kept.paper.entries] == [e.number for e in paper.entries]
    elsewhere = make_entry("2", "Page 8, line 29, leave out “inspector”")
    moved = replace_entry(bill, paper, two, elsewhere)
    order = [e.number for e in moved.paper.entries]
    assert order == ["1", "3", "4", "5", "6", "7", "2", "8", "9"], order  # 7: Clause 17, line 28
    assert moved.after == "7"
