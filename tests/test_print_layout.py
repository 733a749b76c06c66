"""Reading a print, what the rest of drafter asks of it: the words of one element as printed,
the way back from a printed offset to the XML text, and what a lookup of a line that is not
there says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from lxml import etree

from drafter.core.apply import apply
from drafter.core.bill import Bill
from drafter.core.paper import read_paper_text
from drafter.core.print.printed import Print, PrintError, TextPiece, raw_offset_of, read_print
from drafter.core.print.reading import printed_text

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
UKL = "https://www.legislation.gov.uk/namespaces/UK-AKN"


def _el(xml: str) -> etree._Element:
    return etree.fromstring(xml.replace("<x", f'<x xmlns="{AKN}" xmlns:ukl="{UKL}"', 1))


@pytest.mark.parametrize(
    ("xml", "printed"),
    [
        ("<num>(2)</num>", "(2)"),
        ("<heading>Offences\n      of   requesting</heading>", "Offences of requesting"),
        # a defined term with no elements inside: the print adds its quotation marks
        ('<def ukl:startQuote="“" ukl:endQuote="”">deepfake</def>', "“deepfake”"),
        # a margin note is not printed, even as an element of words alone
        ("<authorialNote>Inserted by the Lords</authorialNote>", ""),
        ("<p>a <b>bold</b> word</p>", "a bold word"),
        # a table cell's references are XHTML's, as LawMaker writes them: still inline
        (
            '<p xmlns="http://www.w3.org/1999/xhtml"><ref>section 16J</ref><ref>(1)</ref></p>',
            "section 16J(1)",
        ),
    ],
)
def test_the_words_of_one_element_as_printed(xml: str, printed: str) -> None:
    element = etree.fromstring(f'<wrap xmlns="{AKN}" xmlns:ukl="{UKL}">{xml}</wrap>')[0]
    assert printed_text(element) == printed


def test_a_printed_offset_maps_back_into_text_with_runs_of_whitespace() -> None:
    """A piece's raw XML text can hold newlines and indents the print sets as one space:
    apply cuts the XML where the printed offset falls."""
    raw = "the\n      person   who"
    piece = TextPiece(10, 24, _el("<x/>"), "text", raw)
    assert piece.raw_offset(10) == 0
    assert piece.raw_offset(14) == raw.index("person")
    assert piece.raw_offset(20) == raw.index(" ", raw.index("person"))
    assert piece.raw_offset(21) == raw.index("who")
    assert piece.raw_offset(99) == len(raw)


def test_a_line_that_is_not_there() -> None:
    empty = Print.empty()
    with pytest.raises(PrintError, match=r"^the bill has no printed lines$"):
        empty.line(1, 1)


_EMPTY_TERM = (
    "<x><p>In this section<?L 1-1?> “vehicle” has the meaning, and"
    '<?L 1-2?> <def ukl:startQuote="“" ukl:endQuote="”"/> has the same meaning'
    ' (see <def ukl:startQuote="“" ukl:endQuote="”"></def>), as'
    ' <def ukl:startQuote="“" ukl:endQuote="”">road</def> does.</p></x>'
)


@pytest.mark.parametrize("pieces", [False, True])
def test_a_quotation_with_nothing_inside_prints_its_marks_in_place(pieces: bool) -> None:
    """A defined term whose words were all left out still prints its quotation marks, where
    the term stood (opening before closing), on the line of the marker before it, spaced as
    a word of its own."""
    pr = read_print(_el(_EMPTY_TERM), pieces=pieces)
    assert pr.text == (
        "In this section “vehicle” has the meaning, and “” has the same meaning (see “”), "
        "as “road” does."
    )
    assert pr.line(1, 2).text == "“” has the same meaning (see “”), as “road” does."
    # the way back to the XML skips the print's marks and finds the words around them
    has = pr.text.index("has the same")
    assert pr.place_of(has).element.tag == f"{{{AKN}}}def"
    assert pr.place_of(has).slot == "tail"


def test_lines_of_a_provision_without_an_eid_name_none() -> None:
    """eIds are optional in Akoma Ntoso: a line laid out in a provision that has none names
    no provision, rather than one that is not there."""
    body = _el(
        '<x><section eId="sec_1"><num>1</num><heading>Requests</heading><content><p>A person'
        "</p></content></section><section><num>2</num><heading>Orders</heading><content><p>"
        "An order</p></content></section></x>"
    )
    lines = read_print(body).lines
    assert [(line.text, line.eid) for line in lines] == [
        ("1 Requests", "sec_1"),
        ("A person", "sec_1"),
        ("2 Orders", ""),
        ("An order", ""),
    ]


@given(st.text(alphabet=" \t\n\r\u00a0ab.", max_size=16), st.data())
def test_a_printed_character_is_found_in_its_raw_text(raw: str, data: st.DataObject) -> None:
    """raw_offset_of, which places every marker drafter writes: the character at a printed
    offset is that character in the XML text, and a printed space is the first of the run of
    whitespace it stands for."""
    printed = re.sub(r"[ \t\n\r]+", " ", raw.strip(" \t\n\r"))
    assume(printed)
    n = data.draw(st.integers(0, len(printed) - 1))
    at = raw_offset_of(raw, n)
    if printed[n] == " ":
        assert raw[at] in " \t\n\r" and raw[at - 1] not in " \t\n\r"
    else:
        assert raw[at] == printed[n]


_MATH = "http://www.w3.org/1998/Math/MathML"


@pytest.mark.parametrize(
    ("formula", "printed"),
    [
        # the Renters' Rights Bill's: R over D, times 30.42 (its decimal point an operator)
        (
            "<mfrac>\n <mi>R</mi>\n <mi>D</mi>\n</mfrac>\n<mo>×</mo>\n<mn>30</mn>\n<mo>.</mo>"
            "\n<mn>42</mn>",
            "is R D × 30.42 a day",
        ),
        ("<mrow><mo>−</mo><mn>5</mn></mrow>", "is −5 a day"),  # a sign before a number
        ("<mi>A</mi><mo>=</mo><mo>−</mo><mn>5</mn>", "is A = −5 a day"),  # … after another
        ("<mn>5</mn><mo>%</mo>", "is 5% a day"),  # one after a number
        ("<mn>2</mn><mo>\u2062</mo><mi>x</mi>", "is 2\u2062x a day"),  # invisible times
        ("<mi>A</mi><mo>=</mo><msup><mi>x</mi><mn>2</mn></msup>", "is A = x 2 a day"),
        # a fraction or power is set apart from the terms either side of it
        ("<mfrac><mi>A</mi><mi>B</mi></mfrac><mi>C</mi>", "is A B C a day"),
        ("<mn>2</mn><msup><mi>x</mi><mn>2</mn></msup>", "is 2 x 2 a day"),
        ("<mi>x</mi><mspace width='1em'/><mi>y</mi>", "is x y a day"),  # MathML's own space
        # words an amendment put in keep their spaces, inside a formula too
        (f'<mn>42<ins xmlns="{AKN}"> + 1</ins></mn>', "is 42 + 1 a day"),
    ],
)
def test_a_formula_is_printed_as_its_parts_are_set(formula: str, printed: str) -> None:
    """MathML's whitespace between elements is no space of the text: a number broken at its
    decimal point reads whole, an operator between two terms is spaced, and the parts of a
    fraction or power (set one above the other) are words apart."""
    element = etree.fromstring(
        f'<p xmlns="{AKN}">is <math xmlns="{_MATH}">{formula}</math> a day</p>'
    )
    assert printed_text(element) == printed


def test_a_formula_on_a_real_bill_is_read_and_amended_as_printed(shared_data: Path) -> None:
    """The Renters' Rights Bill prints the formula of new section 4A(6) on page 2, line 15:
    its number is cited as printed, and amended so."""
    bill = Bill.load(shared_data / "bills/renters-rights-bill-hc127.xml")
    assert bill.print.line(2, 15).text == "R D × 30.42"
    for amendment, amended_line in [
        ("leave out “30.42” and insert “30.44”", "R D × 30.44"),
        ("leave out “×” and insert “multiplied by”", "R D multiplied by 30.42"),
        ("leave out “×”", "R D 30.42"),
        ("after “30.42” insert “+ 1”", "R D × 30.42 + 1"),
        ("at end insert “plus 1”", "R D × 30.42 plus 1"),
    ]:
        paper = read_paper_text(f"Amendment 1\nClause 1, page 2, line 15, {amendment}\n")
        amended, report = apply(bill, paper.amendments)
        assert report.ok, report.text()
        assert amended.print.line(2, 15).text == amended_line, amendment
