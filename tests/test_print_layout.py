"""Reading a print, what the rest of drafter asks of it: the words of one element as printed,
the way back from a printed offset to the XML text, and what a lookup of a line that is not
there says."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from lxml import etree

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
