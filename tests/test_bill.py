"""The Bill model on real bills: metadata, counts that agree with the XML, citations both
ways, and the print read from LawMaker's page/line markers."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from drafter.core.akn import NS
from drafter.core.bill import Bill, CitationError
from drafter.core.print.markers import strip_markers, with_own_markers
from drafter.core.print.printed import Print, PrintError, XmlPlace, read_print
from drafter.core.provisions import normalise_num

BILLS = [
    "sustainable-aviation-fuel-bill-hc286.xml",
    "sentencing-bill-hl159.xml",
    "social-housing-regulation-bill-hl54.xml",
    "social-housing-regulation-bill-hl60.xml",
    "renters-rights-bill-hc127.xml",
    "data-protection-digital-information-no2-bill-hc265.xml",
]

_cache: dict[Path, Bill] = {}


def load(shared_data: Path, name: str) -> Bill:
    path = shared_data / "bills" / name
    if path not in _cache:
        _cache[path] = Bill.load(path)
    return _cache[path]


@pytest.fixture
def saf(shared_data: Path) -> Bill:
    return load(shared_data, "sustainable-aviation-fuel-bill-hc286.xml")


def test_metadata_from_lawmaker_references(saf: Bill) -> None:
    m = saf.metadata
    assert m.title == "Sustainable Aviation Fuel Bill"
    assert m.bill_number == "Bill 286"
    assert m.house == "House of Commons"
    assert m.stage == "As amended in Public Bill Committee"


def test_lords_metadata(shared_data: Path) -> None:
    m = load(shared_data, "social-housing-regulation-bill-hl60.xml").metadata
    assert (m.bill_number, m.house) == ("HL Bill 60", "House of Lords")


def _xpath_counts(tree: etree._ElementTree) -> dict[str, int]:
    """Counts read straight from the XML, independently of the Bill model."""
    not_quoted = "not(ancestor::akn:quotedStructure)"
    in_schedule = "ancestor::akn:hcontainer[@name='schedule']"
    markers = {
        pi.text.strip()
        for pi in tree.iter(etree.ProcessingInstruction)
        if pi.target == "L"  # type: ignore[union-attr]
    }
    pages = {int(m.split("-")[0]) for m in markers}
    return {
        "parts": int(
            tree.xpath(
                f"count(//akn:body//akn:part[{not_quoted} and not({in_schedule})])", namespaces=NS
            )
        ),
        "clauses": int(tree.xpath(f"count(//akn:body//akn:section[{not_quoted}])", namespaces=NS)),
        "schedules": int(
            tree.xpath(f"count(//akn:hcontainer[@name='schedule' and {not_quoted}])", namespaces=NS)
        ),
        "lines": len(markers),
        "pages": max(pages) if pages else 0,
    }


@pytest.mark.parametrize("name", BILLS)
def test_counts_agree_with_the_xml(shared_data: Path, name: str) -> None:
    bill = load(shared_data, name)
    expected = _xpath_counts(bill.tree)
    assert len(bill.parts) == expected["parts"]
    assert len(bill.clauses) == expected["clauses"]
    assert len(bill.schedules) == expected["schedules"]
    if expected["lines"]:  # a bill with markers: one printed line per distinct marker
        assert len(bill.lines) == expected["lines"]
        assert bill.print.pages == expected["pages"]
    else:  # laid out by drafter: every page full but the last
        assert bill.print.source == "layout"
        assert bill.print.pages > 0 and len(bill.lines) > 1000


@pytest.mark.parametrize("name", BILLS)
def test_every_provision_cites_back_to_itself(shared_data: Path, name: str) -> None:
    bill = load(shared_data, name)
    provisions = list(bill.provisions())
    assert len(provisions) > 200
    citations = [p.citation for p in provisions]
    assert len(set(citations)) == len(citations), "two provisions share a citation"
    for provision, citation in zip(provisions, citations, strict=True):
        assert bill.find(citation).element is provision.element, citation


@pytest.mark.parametrize("name", BILLS)
def test_provisions_of_a_kind_are_those_listed(shared_data: Path, name: str) -> None:
    """``of_kind`` finds clauses, Schedules and the rest without listing every provision:
    it must find exactly the ones the full list has (none inside a quotation)."""
    bill = load(shared_data, name)
    listed = list(bill.provisions())
    for kind in {p.kind for p in listed}:
        want = [p.element for p in listed if p.kind == kind]
        assert [p.element for p in bill.of_kind(kind)] == want, kind


def test_quoted_text_is_not_a_provision_of_the_bill(shared_data: Path) -> None:
    bill = load(shared_data, "sentencing-bill-hl159.xml")
    # Clause 1(2) inserts section 264A into the Sentencing Code: a quotation, not Clause 264A
    quotation = bill.find("Clause 1(2), quoted structure")
    assert quotation.kind == "quoted structure"
    assert quotation.text.startswith("“264A Presumption of suspended sentence order")
    assert quotation.children() == []
    with pytest.raises(CitationError, match="there is no Clause 264A"):
        bill.find("Clause 264A")
    inner = quotation.element.find(".//akn:section", NS)
    assert inner is not None
    assert bill.provision(inner).in_quotation
    assert bill.citation_of(inner) == "Clause 1(2), quoted structure"


def test_citation_forms(saf: Bill) -> None:
    assert saf.find("Clause 1(2)(b)").eid == "sec_1__subsec_2__para_b"
    assert saf.find("clause 1 (2) (b)").eid == "sec_1__subsec_2__para_b"
    assert saf.find("1(2)(b)").eid == "sec_1__subsec_2__para_b"
    assert saf.find("Schedule, paragraph 2(1)").eid == "sched__para_2__subpara_1"
    assert saf.find("Clause 1(3), definition of “strike price”").term == "strike price"
    assert saf.find("crossheading before Clause 1").heading == "Revenue certainty contracts"
    clause = saf.find("Clause 1")
    assert (clause.num, clause.number, clause.heading) == (
        "1",
        "1",
        "Direction to offer revenue certainty contract",
    )
    assert clause.guid == "_8fac53b4-789e-495b-a733-cbee436be766"
    assert [c.num for c in clause.children()] == ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]


def test_parts_and_schedule_paragraphs(shared_data: Path) -> None:
    bill = load(shared_data, "sentencing-bill-hl159.xml")
    part = bill.find("Part 2")
    assert part.heading and part.citation == "Part 2"
    para = bill.find("Schedule 1, paragraph 1")
    assert para.text.startswith("1 In section 21(2C)(b) of the Firearms Act 1968")
    renters = load(shared_data, "renters-rights-bill-hc127.xml")
    chapter = renters.parts[0].children()
    assert any(c.kind == "chapter" for c in chapter)
    first_chapter = next(c for c in chapter if c.kind == "chapter")
    assert renters.find(first_chapter.citation).element is first_chapter.element
    assert first_chapter.citation == "Part 1, Chapter 1"


@pytest.mark.parametrize(
    ("citation", "message"),
    [
        ("Clause 99", r"there is no Clause 99 .*\(it has clauses 1 to 19\)"),
        ("Clause 1(9)", r"Clause 1 has no \(9\) \(it has \(1\), \(2\), .*\(6\)\)"),
        ("Clause 1(2)(z)", r"Clause 1\(2\) has no \(z\) \(it has \(a\), \(b\), \(c\)\)"),
        ("Schedule 3", r"there is no Schedule 3 .*\(it has only schedule \(unnumbered\)\)"),
        ("Article 5 of the treaty", r"cannot read citation"),
        ("", r"empty citation"),
    ],
)
def test_bad_citations_say_what_is_missing(saf: Bill, citation: str, message: str) -> None:
    with pytest.raises(CitationError, match=message):
        saf.find(citation)


def test_a_clause_not_there_between_others_names_its_neighbours() -> None:
    """A trial's "there is no Clause 16 (it has clauses 1 to 44)" in a bill whose Clause 16
    was left out and 15A put in: the clauses either side of where it would stand."""
    bill = _bill_with_clauses("15", "15A", "17")
    with pytest.raises(CitationError) as err:
        bill.find("Clause 16")
    assert str(err.value).endswith("(it has clauses 15 to 17; 15A is followed by 17)")
    with pytest.raises(CitationError, match=r"\(it has clauses 15 to 17\)$"):
        bill.find("Clause 18")  # past the last: nothing between


def _bill_with_clauses(*numbers: str) -> Bill:
    sections = "".join(
        f'<section eId="sec_{n}"><num>{n}</num><heading>H</heading>'
        f"<content><p>Words {n}.</p></content></section>"
        for n in numbers
    )
    xml = (
        '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><bill>'
        f"<body>{sections}</body></bill></akomaNtoso>"
    )
    return Bill.from_bytes(xml.encode(), "bill.xml")


def test_normalise_num() -> None:
    assert [
        normalise_num(x) for x in ["(2)", "Schedule 2", "Part 1", "Schedule", "5A", "(aa)"]
    ] == ["2", "2", "1", "", "5A", "aa"]


# --- the print -----------------------------------------------------------------------------


def test_lines_follow_the_markers(saf: Bill) -> None:
    first = saf.lines[:6]
    assert [(ln.page, ln.number) for ln in first] == [(1, n) for n in range(1, 7)]
    assert first[0].text == "Revenue certainty contracts"
    assert first[1].text == "1 Direction to offer revenue certainty contract"
    # the marker before ")" is moved after it, as the print sets it
    assert first[2].text.endswith("(see section 4)")
    assert first[3].text.startswith("to offer to enter")
    assert first[2].eid == "sec_1__subsec_1"
    # a definition's opening quotation mark is printed on the definition's line
    line = saf.print.line(1, 19)
    assert line.text.startswith("“market reference price” means")


def test_every_marker_becomes_a_line(shared_data: Path) -> None:
    for name in BILLS[:-1]:
        bill = load(shared_data, name)
        raw = (shared_data / "bills" / name).read_text(encoding="utf-8")
        markers = set(re.findall(r"<\?L (\d+-\d+)\?>", raw))
        assert {f"{ln.page}-{ln.number}" for ln in bill.lines} == markers


def test_table_cells_share_a_line(shared_data: Path) -> None:
    bill = load(shared_data, "sentencing-bill-hl159.xml")
    line = bill.print.line(27, 25)
    # three cells of one row of a quoted table, printed side by side
    assert line.text == "“driving prohibition requirement Part 4A section 207(A1)”"
    assert len(line.fragments) == 3


def test_a_cell_without_a_marker_starts_on_its_rows_first_line(shared_data: Path) -> None:
    """Renters' Schedule 1's table begins page 182 with a row whose first cell LawMaker left
    without a marker: its words are printed on 182:1 beside the other cells, not at the end
    of 181:41, and the lines stand in the order of the print."""
    bill = load(shared_data, "renters-rights-bill-hc127.xml")
    page = [ln for ln in bill.lines if ln.page == 182][:2]
    assert [(ln.number, ln.text) for ln in page] == [
        (1, "Landlord seeking Tenancy Landlord intending to"),
        (2, "possession redevelop"),
    ]
    assert bill.print.line(181, 41).text == "Table"
    h = "http://www.w3.org/1999/xhtml"
    xml = (
        f'<akomaNtoso xmlns="{NS["akn"]}"><bill><body><section eId="sec_1"><num><?L 1-1?>1</num>'
        f'<content><p>Rates</p><foreign><table xmlns="{h}"><tr><td><p>first <?L 1-3?>cell</p>'
        "</td><td><p><?L 1-2?>second</p></td><td><p/></td></tr></table></foreign><p><?L 1-4?>after"
        "</p>"
        "</content></section></body></bill></akomaNtoso>"
    )
    lines = Bill.from_bytes(xml.encode(), "t.xml").lines
    assert [(ln.number, ln.text) for ln in lines] == [
        (1, "1 Rates"),
        (2, "first second"),
        (3, "cell"),
        (4, "after"),
    ]


def test_reverse_lookup_to_the_xml(saf: Bill) -> None:
    place = saf.print.locate(1, 4, 0)  # "to offer …" is in the tail of the <ref>section 4</ref>
    assert place.slot == "tail"
    raw = place.element.tail if place.slot == "tail" else place.element.text
    assert raw is not None and raw[place.offset :].startswith("to offer to enter")
    place = saf.print.locate(1, 3, 4)  # "The Secretary of State …"
    assert place.element.text is not None
    assert place.element.text[place.offset :].startswith("The Secretary of State")


def test_missing_page_and_line_are_reported(saf: Bill) -> None:
    with pytest.raises(PrintError, match=r"there is no page 40 \(the print has pages 1 to 10\)"):
        saf.print.line(40, 1)
    with pytest.raises(
        PrintError, match=r"there is no line 60 on page 1 \(page 1 has lines 1 to 27\)"
    ):
        saf.print.line(1, 60)


def test_a_line_the_file_has_no_marker_for_says_where_its_words_are(shared_data: Path) -> None:
    """HL Bill 54 has no markers for 5:4 and 5:5: a citation of them is told where the
    words are, not that page 5 has lines 1 to 36."""
    bill = load(shared_data, "social-housing-regulation-bill-hl54.xml")
    with pytest.raises(PrintError) as err:
        bill.print.line(5, 4)
    assert str(err.value) == (
        "page 5 has no line 4: its lines go from 3 to the next without it (line 3 ends "
        "“… to the Housing Act 1996,”.”)"
    )
    # page 9 starts at line 3 (a table's heading repeated at the top has no markers)
    with pytest.raises(PrintError, match=r"there is no line 1 on page 9 \(page 9 has lines 3 to"):
        bill.print.line(9, 1)


def test_provision_lines(saf: Bill) -> None:
    lines = saf.find("Clause 1(2)(b)").lines()
    assert [(ln.page, ln.number) for ln in lines] == [(1, 11), (1, 12), (1, 13), (1, 14)]


def test_unreadable_markers_load_and_are_reported() -> None:
    from drafter.core.validate import validate_bill

    xml = (
        b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><bill name="ukpubb">'
        b'<body><section eId="sec_1"><num>1</num><content><p><?L x-y?>text</p></content></section>'
        b"</body></bill></akomaNtoso>"
    )
    bill = Bill.from_bytes(xml, "odd.xml")
    assert bill.lines == []
    assert any("malformed page/line marker <?L x-y?>" in p.message for p in validate_bill(bill))


# --- a print, exactly -----------------------------------------------------------------------

SAMPLE = Path(__file__).parent.parent / "bills" / "crime-and-policing-bill.xml"
PRINTS = Path(__file__).parent / "__snapshots__"


def _where(place: XmlPlace) -> list[object]:
    el = place.element
    holder = (
        next((a for a in el.iterancestors() if a.get("eId")), None) if not el.get("eId") else el
    )
    eid = holder.get("eId") if holder is not None else ""
    name = etree.QName(el).localname if isinstance(el.tag, str) else "?"
    return [name, eid, place.slot, place.offset]


def _error(call: Callable[[], object]) -> str:
    try:
        call()
    except PrintError as e:
        return str(e)
    return "no error"


def _print_exactly(pr: Print) -> list[str]:
    """Every line of a print (page, number, where it stands, its provision), where in the
    XML the start, middle and end of each line are, the page and line of each line's first
    and last character, every provision's span, the text pieces and the messages for places
    the print does not have, a line each."""
    rows: list[object] = [[pr.source, pr.pages, pr.line_count, _digest(pr.text)]]
    for line in pr.lines:
        row: list[object] = [line.page, line.number, line.start, line.end, line.eid]
        if line.fragments != ((line.start, line.end),):
            row += [line.fragments, line.text]
        elif line.text != pr.text[line.start : line.end]:
            row.append(line.text)
        n = len(line.text)
        row.append([_where(pr.locate(line.page, line.number, k)) for k in (0, n // 2, n)])
        row.append([pr.position(line, k) for k in (0, n // 2, n)])
        row.append([pr.page_and_line_at(line.start), pr.page_and_line_at(max(0, line.end - 1))])
        rows.append(row)
    body = pr._root
    if body is not None:
        elements = [el for el in body.iter() if isinstance(el.tag, str) and el.get("eId")]
        rows += [[el.get("eId"), pr.span_of(el)] for el in elements]
        rows.append(_digest([[p.start, p.end, p.slot, p.raw] for p in pr.text_pieces]))
    last = pr.lines[-1] if pr.lines else None
    rows.append(
        [
            _error(lambda: pr.line(0, 1)),
            _error(lambda: pr.line(pr.pages, 999)),
            _error(lambda: pr.line(pr.pages + 1, 1)),
            _error(lambda: pr.line(1, 999)),
            _error(lambda: pr.line_at(-1)),
            _error(lambda: pr.locate(1, 1, 9999)),
            _error(lambda: pr.locate(last.page, last.number, len(last.text) + 1) if last else 0),
        ]
    )
    return [json.dumps(row, ensure_ascii=False) for row in rows]


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False).encode()).hexdigest()[:16]


def _sample_print(how: str, shared_data: Path) -> Print:
    if how == "saf-eol":
        from tests.test_print_eol import markers_to_eol

        tree = etree.parse(str(shared_data / "bills" / "sustainable-aviation-fuel-bill-hc286.xml"))
        body = tree.getroot().find(".//{*}body")
        assert body is not None
        markers_to_eol(body)
        return read_print(body)
    tree = etree.parse(str(SAMPLE))
    if how == "laid-out":
        tree = with_own_markers(tree)
    body = tree.getroot().find(".//{*}body")
    assert body is not None
    if how == "layout":
        strip_markers(body)
    return read_print(body, pieces=how == "markers-pieces")


@pytest.mark.parametrize("how", ["markers", "markers-pieces", "saf-eol", "layout", "laid-out"])
def test_print_exactly(how: str, shared_data: Path) -> None:
    """The sample bill's print read from its markers (with and without the way back to the
    XML read in the same pass), from drafter's own layout and from the markers that layout
    writes; a real bill's from ``<eol/>``/``<eop/>``. DRAFTER_UPDATE_GOLDEN=1 writes the
    files again."""
    got = _print_exactly(_sample_print(how, shared_data))
    name = "saf-eol" if how == "saf-eol" else "markers" if how.startswith("markers") else how
    golden = PRINTS / f"print_{name}.jsonl"
    if os.environ.get("DRAFTER_UPDATE_GOLDEN") and how != "markers-pieces":
        golden.write_text("\n".join(got) + "\n", encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8").splitlines()


def test_a_line_across_table_cells_maps_each_character_to_its_cell(shared_data: Path) -> None:
    """A line of a table printed side by side is its cells joined by spaces: each character
    of it, and the end of each cell, is found where the print has it."""
    pr = load(shared_data, "social-housing-regulation-bill-hl54.xml").print
    across = [line for line in pr.lines if len(line.fragments) > 1]
    assert len(across) == 11
    for line in across:
        k = 0
        for a, b in line.fragments:
            for offset in range(k, k + b - a):
                assert pr.text[pr.position(line, offset)] == line.text[offset]
            assert pr.position(line, k + b - a) == b  # just past the cell, not before the next
            k += b - a + 1


@pytest.mark.parametrize("space", ["\n", "  ", "\t", "&#13;", " \n\t "])
def test_any_run_of_xml_whitespace_prints_as_one_space(space: str) -> None:
    body = (
        f'<section eId="sec_1"><num>1</num><heading>Power{space}to make</heading>'
        f'<subsection eId="sec_1__subsec_1"><num>(1)</num><content><p>one{space}two</p>'
        "</content></subsection></section>"
    )
    bill = Bill.from_bytes(
        f'<akomaNtoso xmlns="{NS["akn"]}"><bill><body>\n{body}</body></bill></akomaNtoso>'.encode()
    )
    assert [line.text for line in bill.lines] == ["1 Power to make", "(1) one two"]
    assert bill.find("Clause 1").heading == "Power to make"


def test_a_print_with_page_breaks_alone_is_read_from_them() -> None:
    b = Bill.from_bytes(
        f'<akomaNtoso xmlns="{NS["akn"]}"><bill><body>\n<p>one <eop/>two</p></body></bill>'
        "</akomaNtoso>".encode()
    )
    assert b.print.source == "eol"
    assert [(line.page, line.number, line.text) for line in b.lines] == [
        (1, 1, "one"),
        (2, 1, "two"),
    ]


def test_no_body_is_no_print() -> None:
    pr = read_print(None)
    assert (pr.source, pr.text, pr.lines) == ("none", "", [])
