"""The print read from ``<eol/>``/``<eop/>``: the Akoma Ntoso way of recording a source's
line and page breaks, the second of the three ways drafter finds a bill's lines.

In Akoma Ntoso an ``<eol/>`` marks where a line of the original *ends* and an ``<eop/>``
where a page ends, so the words before the first break are line 1 of page 1, and every word of
the body lies on a printed line. A print that lost the words before the first break would let
no amendment cite them; these tests pin that down on small bills and on a real one whose
LawMaker markers are turned into ``<eol/>``/``<eop/>``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from drafter.core.bill import Bill
from drafter.core.print.printed import read_print
from drafter.core.print.reading import is_marker
from drafter.core.validate import unprinted_problems, validate_bill

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
SAF = "bills/sustainable-aviation-fuel-bill-hc286.xml"


def bill(body: str) -> Bill:
    """A minimal bill around ``body`` (on its own XML line, so problems name line 2)."""
    return Bill.from_bytes(
        f'<akomaNtoso xmlns="{AKN}"><bill><body>\n{body}</body></bill></akomaNtoso>'.encode()
    )


def placed(b: Bill) -> list[tuple[int, int, str]]:
    return [(line.page, line.number, line.text) for line in b.lines]


def test_the_words_before_the_first_eol_are_line_1() -> None:
    """The bug issue 23 names: with one ``<eol/>`` the words before it were on no line."""
    b = bill("<p>one two <eol/>three four</p>")
    assert b.print.source == "eol"
    assert placed(b) == [(1, 1, "one two"), (1, 2, "three four")]


def test_eop_starts_the_next_page_at_line_1() -> None:
    b = bill(
        '<section eId="sec_1"><num>1</num><heading>Title</heading><eol/>'
        "<subsection><content><p>first line <eol/>second line <eop/>third line</p></content>"
        "</subsection></section>"
    )
    assert placed(b) == [
        (1, 1, "1 Title"),
        (1, 2, "first line"),
        (1, 3, "second line"),
        (2, 1, "third line"),
    ]


def test_a_break_before_any_word_numbers_no_empty_line() -> None:
    """Only lines with text are numbered; a page is a page even if nothing is on it yet."""
    assert placed(bill("<p><eol/>a <eol/><eol/>b</p>")) == [(1, 1, "a"), (1, 2, "b")]
    assert placed(bill("<p>a <eol/><eop/>b</p>")) == [(1, 1, "a"), (2, 1, "b")]
    assert placed(bill("<eop/><p>a <eol/>b</p>")) == [(2, 1, "a"), (2, 2, "b")]


def test_every_word_of_the_body_lies_on_a_line() -> None:
    b = bill("<p>alpha <eol/>beta gamma <eop/>delta</p><p>epsilon <eol/>zeta</p>")
    assert " ".join(line.text for line in b.lines) == b.print.text
    assert [p for p in validate_bill(b) if not p.message.startswith("schema")] == []


def test_markers_win_over_eol() -> None:
    """A bill with both is read from its ``<?L?>`` markers; the ``<eol/>``\\ s add nothing."""
    b = bill("<p><?L 1-1?>one <eol/>two <?L 1-2?>three</p>")
    assert b.print.source == "markers"
    assert placed(b) == [(1, 1, "one two"), (1, 2, "three")]


def test_validate_reports_words_before_the_first_marker() -> None:
    """Where words can still lie on no line: before a print's first ``<?L?>`` marker."""
    b = bill("<p>lost words <?L 1-1?>kept words</p>")
    problems = unprinted_problems(b)
    assert set(problems) <= set(validate_bill(b))
    assert [(p.line, p.severity) for p in problems] == [(2, "error")]
    assert "2 words of the body lie on no printed line" in problems[0].message
    assert "“lost words”" in problems[0].message
    assert unprinted_problems(bill("<p><?L 1-1?>all words <?L 1-2?>printed</p>")) == []


def markers_to_eol(body: etree._Element) -> int:
    """Replace LawMaker's markers by ``<eol/>``/``<eop/>`` where they stood: the first marker
    goes (line 1 of page 1 needs none), a marker for a new page becomes ``<eop/>``, any other
    ``<eol/>``. Returns how many breaks were written."""
    markers = [pi for pi in body.iter(etree.ProcessingInstruction) if is_marker(pi)]
    written = 0
    previous: tuple[int, int] | None = None
    for pi in markers:
        page, line = (int(n) for n in (pi.text or "").split("-"))
        parent = pi.getparent()
        assert parent is not None
        if previous is None:
            assert (page, line) == (1, 1)
            replacement = None
        elif page != previous[0]:
            assert line == 1
            replacement = etree.Element(f"{{{AKN}}}eop")
        else:
            assert line == previous[1] + 1  # no table rows: cells side by side repeat a line
            replacement = etree.Element(f"{{{AKN}}}eol")
        previous = (page, line)
        tail = pi.tail
        if replacement is None:
            before = pi.getprevious()
            if before is None:
                parent.text = (parent.text or "") + (tail or "")
            else:
                before.tail = (before.tail or "") + (tail or "")
            parent.remove(pi)
        else:
            replacement.tail = tail
            parent.replace(pi, replacement)
            written += 1
    return written


@pytest.fixture(scope="module")
def saf(shared_data: Path) -> Bill:
    return Bill.load(shared_data / SAF)


def test_a_real_bill_read_from_eol_is_its_marker_print(saf: Bill) -> None:
    """Bill 286 with its 367 markers turned into breaks prints the same lines: page, line and
    text."""
    assert saf.body is not None
    body = etree.fromstring(etree.tostring(saf.body))
    assert markers_to_eol(body) == 366
    assert not any(is_marker(pi) for pi in body.iter(etree.ProcessingInstruction))
    ours = read_print(body)
    assert ours.source == "eol"
    assert ours.text == saf.print.text
    theirs = [(line.page, line.number, line.text) for line in saf.print.lines]
    assert [(line.page, line.number, line.text) for line in ours.lines] == theirs
    assert (ours.pages, len(ours.lines)) == (10, 367)


def test_a_word_broken_across_lines_stays_on_the_line_it_begins() -> None:
    """Akoma Ntoso puts an ``<eol breakAt="n"/>`` before a word the line breaks inside; the
    word is cited on the line where it begins, so the next line starts after it."""
    assert placed(bill('<p>one two <eol breakAt="3"/>three four</p>')) == [
        (1, 1, "one two three"),
        (1, 2, "four"),
    ]
    assert placed(bill('<p>one <eol breakAt="3"/>thr<i>ee</i> four</p>')) == [
        (1, 1, "one three"),
        (1, 2, "four"),
    ]
    assert placed(bill('<p>one <eol breakAt="2"/>two</p><p>six</p>')) == [
        (1, 1, "one two"),
        (1, 2, "six"),
    ]
    assert placed(bill('<p>a <eol breakAt="x"/>b c</p>')) == [(1, 1, "a"), (1, 2, "b c")]
    # the drafts of Akoma Ntoso spelt it breakat
    assert placed(bill('<p>one two <eol breakat="3"/>three four</p>')) == [
        (1, 1, "one two three"),
        (1, 2, "four"),
    ]
