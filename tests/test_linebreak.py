"""Behaviour of drafter's own line breaker, for bills that carry no page/line markers.

The line breaker stands in for the House's typesetter, so these tests pin down the print's
conventions (which elements start a line, what runs on), the limits every line respects, and
that the page/line numbers it hands out are well formed and stable, and hold two real lines to
the House's breaks. The agreement with whole real prints is held to a floor by
``tests/test_layout_agreement.py``.
"""

from __future__ import annotations

import copy
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from drafter.core.bill import Bill
from drafter.core.print import linebreak
from drafter.core.print.linebreak import DEFAULT_MEASURE, Measure, natural_width
from drafter.core.print.lines import Line
from drafter.core.print.markers import strip_markers
from drafter.core.print.printed import read_print

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
LONG = (
    "The Secretary of State may by regulations make provision about the registration of "
    "landlords, the publication of information about them and the fees that may be charged "
    "for doing so, and may make different provision for different purposes or areas."
)


def bill(body: str) -> Bill:
    """A minimal bill with no page/line markers around ``body``."""
    return Bill.from_bytes(
        f'<akomaNtoso xmlns="{AKN}"><bill><body>{body}</body></bill></akomaNtoso>'.encode()
    )


def clause(number: int, heading: str, *subsections: str) -> str:
    subs = "".join(
        f'<subsection eId="sec_{number}__subsec_{k}"><num>({k})</num>'
        f"<content><p>{text}</p></content></subsection>"
        for k, text in enumerate(subsections, start=1)
    )
    head = f"<num>{number}</num><heading>{heading}</heading>"
    return f'<section eId="sec_{number}">{head}{subs}</section>'


def paragraphs(*texts: str) -> str:
    letters = "abcdefghij"
    return "".join(
        f'<level class="para1"><num>({letters[k]})</num><content><p>{t}</p></content></level>'
        for k, t in enumerate(texts)
    )


def starts(lines: list[Line]) -> set[int]:
    return {a for line in lines for a, _ in line.fragments}


def test_layout_is_used_for_a_bill_without_markers() -> None:
    b = bill(clause(1, "Short title", "This Act may be cited as the Example Act 2026."))
    assert b.print.source == "layout"
    assert [line.text for line in b.lines] == [
        "1 Short title",
        "(1) This Act may be cited as the Example Act 2026.",
    ]


def test_every_number_starts_a_line() -> None:
    b = bill(
        clause(1, "Registration", LONG, LONG)
        + '<section eId="sec_2"><num>2</num><heading>Exceptions</heading>'
        '<subsection eId="sec_2__subsec_1"><num>(1)</num><intro><p>The duty does not apply—</p>'
        f"</intro>{paragraphs('to a local authority,', LONG, 'to a charity.')}</subsection>"
        "</section>"
    )
    pr = b.print
    nums = [blk.offset for blk in pr.blocks if blk.element.tag == f"{{{AKN}}}num"]
    assert len(nums) == 8
    assert set(nums) <= starts(pr.lines)


def test_a_clause_heading_runs_on_after_its_number() -> None:
    b = bill(clause(7, "Meaning of “relevant landlord”", LONG))
    assert b.lines[0].text == "7 Meaning of “relevant landlord”"
    assert b.lines[1].text.startswith("(1) The Secretary of State")


def test_text_runs_on_after_its_number_and_a_subparagraph_after_a_paragraph_number() -> None:
    b = bill(
        '<hcontainer name="schedules"><hcontainer name="schedule"><num>Schedule 1</num>'
        "<heading>Consequential amendments</heading>"
        '<paragraph class="schProv1"><num>2</num><subparagraph class="schProv2"><num>(1)</num>'
        "<content><p>In section 5, omit subsection (3).</p></content></subparagraph>"
        "</paragraph></hcontainer></hcontainer>"
    )
    assert [line.text for line in b.lines] == [
        "Schedule 1",
        "Consequential amendments",
        "2 (1) In section 5, omit subsection (3).",
    ]


def test_a_definition_starts_a_line() -> None:
    b = bill(
        '<section eId="sec_9"><num>9</num><heading>Interpretation</heading>'
        "<intro><p>In this Act—</p></intro>"
        '<hcontainer name="definition"><content><p><def>“landlord”</def> includes a '
        "superior landlord;</p></content></hcontainer>"
        '<hcontainer name="definition"><content><p><def>“tenancy”</def> includes a '
        "licence.</p></content></hcontainer></section>"
    )
    assert [line.text for line in b.lines] == [
        "9 Interpretation",
        "In this Act—",
        "“landlord” includes a superior landlord;",
        "“tenancy” includes a licence.",
    ]


def test_no_line_is_wider_than_the_measure() -> None:
    """Subsection text stands 36pt in: a line may be closed up, but never past the limit."""
    m = DEFAULT_MEASURE
    b = bill(clause(1, "Registration", *([LONG] * 6)))
    room = m.width - m.level
    for line in b.lines[1:]:
        words = line.text.split(" ")
        if words[0].startswith("("):
            words = words[1:]  # the number hangs in the margin
        text = " ".join(words)
        spaces = len(words) - 1
        closest = (
            natural_width(text)
            - spaces * (m.space - m.min_space)
            - sum(len(w) - 1 for w in words) * m.letter_shrink
        )
        assert closest <= room + 1e-6, line


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(min_value=1.0, max_value=400.0), min_size=1, max_size=60),
    st.floats(min_value=60.0, max_value=415.0),
)
def test_break_keeps_within_the_measure_unless_a_word_is_longer(
    widths: list[float], room: float
) -> None:
    m = DEFAULT_MEASURE
    letters = [max(0, int(w // 5)) for w in widths]
    firsts = linebreak.break_words(widths, letters, room, room, True, m)
    assert firsts[0] == 0
    assert firsts == sorted(set(firsts))
    bounds = [*firsts, len(widths)]
    for a, b in pairwise(bounds):
        assert b > a  # every line holds at least one word
        if b - a == 1:
            continue  # a single word may be wider than the measure
        spaces = b - a - 1
        natural = sum(widths[a:b]) + spaces * m.space
        capacity = spaces * (m.space - m.min_space) + sum(letters[a:b]) * m.letter_shrink
        assert natural - capacity <= room + 1e-9


def test_a_word_longer_than_the_measure_gets_a_line_of_its_own() -> None:
    firsts = linebreak.break_words(
        [50.0, 500.0, 50.0], [4, 40, 4], 300.0, 300.0, True, DEFAULT_MEASURE
    )
    assert firsts == [0, 1, 2]


def test_layout_is_deterministic() -> None:
    body = clause(1, "Registration", *([LONG] * 30)) + clause(2, "Fees", *([LONG] * 30))
    first = bill(body).lines
    again = bill(body).lines
    assert first == again


def test_pages_are_numbered_from_one_and_lines_restart_on_each_page() -> None:
    b = bill("".join(clause(k, f"Clause {k}", *([LONG] * 8)) for k in range(1, 15)))
    lines = b.lines
    assert lines[0].page == 1
    assert lines[0].number == 1
    pages = [line.page for line in lines]
    assert pages == sorted(pages)
    assert set(pages) == set(range(1, pages[-1] + 1))
    assert pages[-1] > 3
    for page in range(1, pages[-1] + 1):
        numbers = [line.number for line in lines if line.page == page]
        assert numbers == list(range(1, len(numbers) + 1))
        if 1 < page < pages[-1]:
            assert 30 <= len(numbers) <= 50  # a full page, by height, not by count


@pytest.mark.parametrize("heading", ["Clause", LONG])
def test_a_heading_is_never_the_last_line_of_a_page(heading: str) -> None:
    """Nor is any line of a heading of several lines: it is not split across pages."""
    b = bill("".join(clause(k, f"{heading} {k}", LONG, "Short.") for k in range(1, 40)))
    lines = b.lines
    heading_lines = {a for el in b.body.iter(f"{{{AKN}}}heading") for a in _line_starts(b, el)}
    if heading == LONG:
        assert len(heading_lines) > 39 * 3  # headings of several lines each
    for line, after in pairwise(lines):
        if after.page != line.page:
            assert line.start not in heading_lines, line


def _line_starts(b: Bill, el: etree._Element) -> list[int]:
    return [line.start for line in b.lines_of(el)]


@pytest.mark.parametrize(
    "name",
    [
        "data-protection-digital-information-no2-bill-hc265",
        "renters-rights-bill-hc127",
        "social-housing-regulation-bill-hl54",
    ],
)
def test_a_page_never_starts_with_a_quotation(shared_data: Path, name: str) -> None:
    """The House's prints never begin a page with a quotation that follows other text (none
    of the 648 in the markers of the five marked bills, where about 17 would by chance): the
    words that introduce it ("insert—") go over with it. Nor does drafter's layout, of a
    bill without markers or of a marked one stripped of them."""
    body = copy.deepcopy(Bill.load(shared_data / "bills" / f"{name}.xml").body)
    assert body is not None
    strip_markers(body)
    pr = read_print(body)
    assert pr.source == "layout"
    quotations = set()
    for quotation in body.iter(f"{{{AKN}}}quotedStructure"):
        span = pr.span_of(quotation)
        if span is not None and span[1] > span[0]:
            quotations.add(span[0])
    firsts = [line for line, after in pairwise(pr.lines) if after.page != line.page]
    assert len(quotations) > 50 and len(firsts) > 40
    for line, after in pairwise(pr.lines):
        if after.page != line.page:
            assert after.start not in quotations, (after.page, after.text)


def test_the_schedules_start_a_new_page_and_later_schedules_run_on() -> None:
    def schedule(number: int) -> str:
        return (
            f'<hcontainer name="schedule"><num>Schedule {number}</num>'
            "<heading>Amendments</heading>"
            '<paragraph class="schProv1"><num>1</num><content><p>Omit section 2.</p></content>'
            "</paragraph></hcontainer>"
        )

    b = bill(
        clause(1, "Schedules", "The Schedules have effect.")
        + '<hcontainer name="schedules"><heading>Schedules</heading>'
        + schedule(1)
        + schedule(2)
        + "</hcontainer>"
    )
    heading = next(line for line in b.lines if line.text == "Schedules")
    first = next(line for line in b.lines if line.text == "Schedule 1")
    second = next(line for line in b.lines if line.text == "Schedule 2")
    assert (heading.page, heading.number) == (2, 1)
    assert (first.page, first.number) == (2, 2)
    assert second.page == 2


def test_a_narrower_measure_makes_more_lines() -> None:
    b = bill(clause(1, "Registration", *([LONG] * 5)))
    pr = b.print
    narrow = linebreak.lay_out(pr.text, pr.blocks, [], Measure(width=300.0))
    assert len(narrow) > len(pr.lines)


TABLE = (
    '<section eId="sec_1"><num>1</num><heading>Bodies</heading><subsection eId="sec_1__subsec_1">'
    "<num>(1)</num><content><p>The responsible body is—</p>"
    '<tblock class="table"><foreign><table xmlns="http://www.w3.org/1999/xhtml" cols="2">'
    f'<tbody><tr><td><p xmlns="{AKN}">Registered charity which is not a registered company</p>'
    f'</td><td><p xmlns="{AKN}">Its charity trustees within the meaning given by section 177'
    " of the Charities Act 2011</p></td></tr></tbody></table></foreign></tblock>"
    "</content></subsection></section>"
)


def test_a_table_row_sets_its_cells_side_by_side() -> None:
    b = bill(TABLE)
    pr = b.print
    side = linebreak.lay_out(pr.text, pr.blocks, [], Measure(cells_side_by_side=True))
    row = [line for line in side if len(line.fragments) > 1]
    assert row, "the row's first lines hold a piece of each cell"
    first = row[0]
    assert first.text.startswith("Registered charity")
    assert "Its charity trustees" in first.text
    cell_text = " ".join(pr.text[a:b] for line in side for a, b in line.fragments[:1])
    assert "Registered charity which is not a registered company" in cell_text
    # side by side is the default, and the marker writer writes a marker for every piece
    assert any(len(line.fragments) > 1 for line in pr.lines)


@pytest.mark.parametrize("side_by_side", [False, True])
@pytest.mark.parametrize("name", ["sustainable-aviation-fuel-bill-hc286", "sentencing-bill-hl159"])
def test_a_real_bill_laid_out_again_keeps_every_character(
    shared_data: Path, name: str, side_by_side: bool
) -> None:
    """Stripped of its markers and laid out by drafter, a real bill's lines hold exactly
    its printed text: nothing lost, nothing doubled, in order."""
    original = Bill.load(shared_data / "bills" / f"{name}.xml")
    body = copy.deepcopy(original.body)
    assert body is not None
    assert strip_markers(body) > 0
    pr = read_print(body)
    assert pr.source == "layout"
    assert pr.text == original.print.text
    lines = linebreak.lay_out(pr.text, pr.blocks, [], Measure(cells_side_by_side=side_by_side))
    pieces = sorted(span for line in lines for span in line.fragments)
    assert " ".join(pr.text[a:b] for a, b in pieces if b > a) == original.print.text
    if all(len(line.fragments) == 1 for line in lines):  # no table set side by side
        assert " ".join(line.text for line in lines) == original.print.text


def test_a_real_bill_with_no_markers_is_laid_out(shared_data: Path) -> None:
    b = Bill.load(shared_data / "bills" / "data-protection-digital-information-no2-bill-hc265.xml")
    pr = b.print
    assert pr.source == "layout"
    assert 150 <= pr.pages <= 260
    assert starts(pr.lines) >= {0}
    assert sum(len(line.text) for line in pr.lines) <= len(pr.text)


UKL = "https://www.legislation.gov.uk/namespaces/UK-AKN"


def test_real_lines_break_where_the_house_broke_them() -> None:
    """Two provisions of Bill 286 (page 2, lines 7-8, and page 8, lines 20-21), typed out
    here, break exactly where the House's print breaks them: the first line of each is full
    to within a fraction of a point, so a measure 0.1pt narrower pushes “extend” down and one
    0.3pt wider pulls “the” up. The House's lines, not drafter's earlier output, are the
    expectation."""
    body = (
        '<section eId="sec_1"><num>1</num><heading>Directions</heading>'
        '<subsection eId="sec_1__subsec_6"><num>(6)</num><content><p>The Secretary of State may '
        "by regulations amend subsection (5) so as to extend the period during which a "
        "direction may be given by up to 5 years at a time.</p></content></subsection>"
        '</section><section eId="sec_16"><num>16</num><heading>Interpretation</heading>'
        "<intro><p>In this Act\u2014</p></intro>"
        '<hcontainer class="definition" name="definition" eId="sec_16__def_M"><content><p>'
        '<def ukl:startQuote="\u201c" ukl:endQuote="\u201d">Minister of the Crown</def> has '
        "the same meaning as in the Ministers of the Crown Act 1975 (see section 8(1) of that "
        "Act);</p></content></hcontainer></section>"
    )
    root = etree.fromstring(
        f'<akomaNtoso xmlns="{AKN}" xmlns:ukl="{UKL}"><bill><body>{body}</body></bill></akomaNtoso>'
    )
    pr = read_print(root.find(f".//{{{AKN}}}body"))
    assert pr.source == "layout"
    assert [line.text for line in pr.lines] == [
        "1 Directions",
        "(6) The Secretary of State may by regulations amend subsection (5) so as to extend",
        "the period during which a direction may be given by up to 5 years at a time.",
        "16 Interpretation",
        "In this Act\u2014",
        "\u201cMinister of the Crown\u201d has the same meaning as in the Ministers of",
        "the Crown Act 1975 (see section 8(1) of that Act);",
    ]
