"""The page/line numbers drafter gives are the ones printed in the bill's margin.

The PDF of Bill 286 prints a line number every fifth line. For every one of them, the line
``drafter lines --json`` gives at that page and line must say exactly what the PDF prints
beside the number, and each page must end where its margin numbers say it does. This checks
the marker reader end to end against the paper the House actually printed, through the CLI
the issue names. Drafter's own layout of the same bill (its markers stripped) is held to the
same margin numbers with a floor: that is what a bill without markers would be cited by.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from drafter.core.bill import Bill
from drafter.core.print.markers import strip_markers
from drafter.core.print.printed import read_print

pdfplumber = pytest.importorskip("pdfplumber")

BILL = "bills/sustainable-aviation-fuel-bill-hc286.xml"
PRINT = "prints/sustainable-aviation-fuel-bill-hc286.pdf"
WORDS = 3  # how many leading words the layout must agree on
#: drafter's own layout of Bill 286 against the 70 margin numbers: 67 whole lines the same
#: and 68 first three words (Dec 2026, 60 and 61 before the leading was measured at
#: 13.28pt); one whole line fewer fails
LAYOUT_FLOOR = 0.95

_SIZE_MARGIN = 9.0  # the margin numbers are set small …
_MARGIN_X = 500.0  # … beside the right edge of the text block
_HEADER_BOTTOM = 80.0  # the running header (with the page number) sits above this
_SAME_LINE = 3.0  # points between the vertical centres of a margin number and its line

_TRANSLATE = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "–": "-",
        "—": "-",
        "‑": "-",
        "−": "-",
        "\u00a0": " ",
    }
)


def normalise(text: str) -> str:
    """Fold the differences between PDF text and XML text that are not differences of
    wording: ligatures (NFKC), curly quotes, dashes and whitespace."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    return re.sub(r"\s+", " ", text).strip()


def first_words(text: str, n: int = WORDS) -> list[str]:
    return normalise(text).split(" ")[:n]


@dataclass(frozen=True)
class MarginLine:
    """A line of the PDF that has a number in its margin."""

    pdf_page: int  # 1-based page of the PDF file
    page: int  # page of the bill, from the running header
    number: int  # the margin number
    words: list[str]  # the line's words, left to right


def _page_number(words: list[dict[str, Any]]) -> int | None:
    """The bill page number printed in the running header, if the page has one (the cover
    and the contents pages do not, or number theirs in roman)."""
    for w in words:
        if w["top"] < _HEADER_BOTTOM and w["size"] > _SIZE_MARGIN and w["text"].isdigit():
            return int(w["text"])
    return None


def _centre(w: dict[str, Any]) -> float:
    return (float(w["top"]) + float(w["bottom"])) / 2


def read_margin_lines(path: Path) -> list[MarginLine]:
    """Every numbered line of the PDF: the margin number and the words printed beside it."""
    found: list[MarginLine] = []
    with pdfplumber.open(path) as pdf:
        for index, pdf_page in enumerate(pdf.pages, start=1):
            words = pdf_page.extract_words(extra_attrs=["size"])
            page = _page_number(words)
            if page is None:
                continue
            margins = [
                w
                for w in words
                if w["text"].isdigit()
                and abs(float(w["size"]) - _SIZE_MARGIN) < 0.5
                and float(w["x0"]) > _MARGIN_X
                and float(w["top"]) > _HEADER_BOTTOM
            ]
            body = [w for w in words if w not in margins and float(w["top"]) > _HEADER_BOTTOM]
            for m in margins:
                centre = _centre(m)
                on_line = [w for w in body if abs(_centre(w) - centre) <= _SAME_LINE]
                on_line.sort(key=lambda w: float(w["x0"]))
                found.append(MarginLine(index, page, int(m["text"]), [w["text"] for w in on_line]))
    return found


@pytest.fixture(scope="module")
def margin_lines(shared_data: Path) -> list[MarginLine]:
    return read_margin_lines(shared_data / PRINT)


@pytest.fixture(scope="module")
def drafter_lines(shared_data: Path) -> dict[tuple[int, int], str]:
    """``drafter lines BILL --json``, run once, keyed by (page, line)."""
    result = subprocess.run(
        [sys.executable, "-m", "drafter.cli", "lines", str(shared_data / BILL), "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return {(row["page"], row["line"]): row["text"] for row in json.loads(result.stdout)}


def test_pdf_has_the_margin_numbers(margin_lines: list[MarginLine]) -> None:
    """The reader found the margin: every fifth line, on each of the bill's pages, and the
    first bill page is the third page of the PDF (after the two pages of contents)."""
    assert len(margin_lines) >= 60
    assert all(m.number % 5 == 0 for m in margin_lines)
    first = min(margin_lines, key=lambda m: (m.page, m.number))
    assert (first.pdf_page, first.page, first.number) == (3, 1, 5)
    pages = sorted({m.page for m in margin_lines})
    assert pages == list(range(1, len(pages) + 1))
    for page in pages:
        numbers = [m.number for m in margin_lines if m.page == page]
        assert numbers == list(range(5, 5 * len(numbers) + 1, 5)), (page, numbers)
    assert all(m.words for m in margin_lines)


def test_every_margin_number_matches_drafter_lines(
    margin_lines: list[MarginLine], drafter_lines: dict[tuple[int, int], str]
) -> None:
    """At every numbered line, drafter's line (read from the markers) is the line the PDF
    prints there, word for word."""
    failures: list[str] = []
    for m in margin_lines:
        pdf = normalise(" ".join(m.words))
        text = drafter_lines.get((m.page, m.number))
        ours = normalise(text) if text is not None else None
        if ours != pdf:
            failures.append(
                f"page {m.page}, line {m.number} (PDF page {m.pdf_page}): "
                f"PDF {pdf!r}, drafter {ours!r}"
            )
    assert not failures, f"{len(failures)} of {len(margin_lines)} lines differ:\n" + "\n".join(
        failures
    )


def test_every_page_ends_where_its_margin_says(
    margin_lines: list[MarginLine], drafter_lines: dict[tuple[int, int], str]
) -> None:
    """Each page has as many lines as its margin numbers allow: at least its last number,
    fewer than five more (the next number would have been printed); and the pages are the
    same pages."""
    last_number: dict[int, int] = {}
    for m in margin_lines:
        last_number[m.page] = max(last_number.get(m.page, 0), m.number)
    line_count: dict[int, int] = {}
    for page, number in drafter_lines:
        line_count[page] = max(line_count.get(page, 0), number)
    assert sorted(line_count) == sorted(last_number)
    wrong = {
        page: (line_count[page], last)
        for page, last in last_number.items()
        if not last <= line_count[page] < last + 5
    }
    assert not wrong, f"pages whose line count the margin contradicts (drafter, margin): {wrong}"


@pytest.fixture(scope="module")
def laid_out_lines(shared_data: Path) -> dict[tuple[int, int], str]:
    """Drafter's own layout of Bill 286, its markers stripped, keyed by (page, line)."""
    body = copy.deepcopy(Bill.load(shared_data / BILL).body)
    assert body is not None
    strip_markers(body)
    pr = read_print(body)
    assert pr.source == "layout"
    return {(line.page, line.number): line.text for line in pr.lines}


def test_drafter_layout_agrees_with_the_margin_numbers(
    margin_lines: list[MarginLine], laid_out_lines: dict[tuple[int, int], str]
) -> None:
    """Where a bill has no markers, drafter's own page and line numbers are the ones cited:
    at the PDF's numbered lines, drafter's layout must print the same line (whole, and its
    first words) at least as often as it does today."""
    whole = leading = 0
    differ: list[str] = []
    for m in margin_lines:
        pdf = normalise(" ".join(m.words))
        ours = normalise(laid_out_lines.get((m.page, m.number), ""))
        whole += ours == pdf
        leading += first_words(ours) == first_words(pdf)
        if ours != pdf:
            differ.append(f"{m.page}-{m.number}: PDF {pdf!r}, drafter {ours!r}")
    n = len(margin_lines)
    assert whole / n >= LAYOUT_FLOOR, f"{whole} of {n} whole lines agree:\n" + "\n".join(differ)
    assert leading / n >= LAYOUT_FLOOR, f"{leading} of {n} lines start with the same words"


# --- markers read from the House's PDF (issue 24) ------------------------------------------


def _cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "drafter.cli", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


@pytest.fixture(scope="module")
def from_pdf(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Bill 286 with its markers stripped, then given them again by ``drafter layout
    --from-pdf`` from the House's PDF alone."""
    from drafter.core.files import xml_bytes

    folder = tmp_path_factory.mktemp("from-pdf")
    bare = folder / "bare.xml"
    tree = copy.deepcopy(Bill.load(shared_data / BILL).tree)
    strip_markers(tree.getroot())
    bare.write_bytes(xml_bytes(tree))
    out = folder / "from-pdf.xml"
    result = _cli("layout", bare, "--from-pdf", shared_data / PRINT, "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{out}: 10 pages, 367 lines"
    return out


def test_markers_from_the_pdf_give_every_margin_line_back(
    from_pdf: Path, margin_lines: list[MarginLine], shared_data: Path
) -> None:
    """The done-when of issue 24: with the markers stripped, the PDF gives all 70 margin
    lines back; and every one of the 367 lines is the line the House's markers make, at
    the same page and line; ``lines --json`` says the numbers come from the PDF."""
    rows = json.loads(_cli("lines", from_pdf, "--json").stdout)
    assert {row["source"] for row in rows} == {"pdf"}
    ours = {(row["page"], row["line"]): row["text"] for row in rows}
    agree = sum(
        normalise(ours.get((m.page, m.number), "")) == normalise(" ".join(m.words))
        for m in margin_lines
    )
    print(f"margin lines given back by --from-pdf: {agree} of {len(margin_lines)}")
    assert agree == len(margin_lines) == 70
    house = {(ln.page, ln.number): ln.text for ln in Bill.load(shared_data / BILL).lines}
    assert ours == house
    assert (
        subprocess.run(
            [sys.executable, "-m", "drafter.cli", "validate", str(from_pdf)], capture_output=True
        ).returncode
        == 0
    )


def test_a_pdf_of_another_print_names_the_first_line_that_is_not_the_bills(
    shared_data: Path, tmp_path: Path
) -> None:
    """The sample bill against Bill 286's PDF: refused, at the first line that is not the
    bill's, and nothing written; a file that is not a PDF says so."""
    from tests.conftest import REPO_ROOT

    out = tmp_path / "out.xml"
    sample = REPO_ROOT / "bills" / "crime-and-policing-bill.xml"
    bare = tmp_path / "bare.xml"
    tree = copy.deepcopy(Bill.load(sample).tree)
    strip_markers(tree.getroot())
    from drafter.core.files import xml_bytes

    bare.write_bytes(xml_bytes(tree))

    wrong = _cli("layout", bare, "--from-pdf", shared_data / PRINT, "-o", out)
    assert wrong.returncode == 2 and not out.exists()
    assert (
        f"{shared_data / PRINT}: page 1, line 1 (PDF page 3): “Revenue certainty contracts” "
        "is not the bill's next words" in wrong.stderr
    )
    assert "is the PDF this print of the bill?" in wrong.stderr
    not_pdf = _cli("layout", bare, "--from-pdf", sample, "-o", out)
    assert not_pdf.returncode == 2 and "cannot read it as a PDF" in not_pdf.stderr
    # the House's own markers are not replaced unless asked
    kept = _cli("layout", sample, "--from-pdf", shared_data / PRINT, "-o", out)
    assert kept.returncode == 2 and "this would replace them with the PDF's" in kept.stderr


@pytest.mark.parametrize(
    "name",
    [
        "sustainable-aviation-fuel-bill-hc286.xml",
        "sentencing-bill-hl159.xml",
        "social-housing-regulation-bill-hl54.xml",
        "social-housing-regulation-bill-hl60.xml",
        "renters-rights-bill-hc127.xml",
    ],
)
def test_every_line_of_a_house_print_is_placed_as_the_pdf_would_give_it(
    shared_data: Path, name: str
) -> None:
    """The placing of --from-pdf, fed each bill's own printed lines as a PDF gives them (a
    table row's line as one run per cell, at its column across the page): every line comes
    back where the House's markers put it, tables whose cells wrap unevenly included."""
    from drafter.core.print.from_pdf import PdfLine, place_lines

    bill = Bill.load(shared_data / "bills" / name)
    pr = bill.print

    def column(offset: int) -> float:
        """Where the cell holding ``offset`` stands across the page: 100 points a column."""
        for el in pr.place_of(offset).element.iterancestors():
            if etree.QName(el).localname in ("td", "th"):
                return 100.0 * len(list(el.itersiblings(preceding=True)))
        return 0.0

    lines = [
        PdfLine(
            0,
            ln.page,
            ln.number,
            tuple(pr.text[a:b] for a, b in ln.fragments),
            (False,) * len(ln.fragments),
            tuple(column(a) for a, _ in ln.fragments),
        )
        for ln in pr.lines
    ]
    placed = place_lines(pr.text, lines, name)
    assert [(p.page, p.number, p.start) for p in placed] == [
        (ln.page, ln.number, ln.start) for ln in pr.lines
    ]


def test_the_page_model_spaces_every_line_as_the_house_printed_it(shared_data: Path) -> None:
    """The space drafter's page model leaves above each line of Bill 286 (the lines broken
    as the House broke them) is the space above it in the House's PDF, baseline to
    baseline, within half a point: leading, the spaces above clauses, subsections,
    paragraphs and crossheadings, and below headings, in the body and in the Schedule. And
    so is each line's depth below the first line of its page, where a leading a fiftieth of
    a point out would add up (the House's is 13.28pt). How much a page holds, and so every
    page and line drafter works out itself, rests on these."""
    from drafter.core.print.from_pdf import read_pdf_lines
    from drafter.core.print.linebreak import line_advances
    from drafter.core.print.reading import read_stream

    bill = Bill.load(shared_data / BILL)
    assert bill.body is not None
    stream = read_stream(bill.body, blocks=True)
    ours = line_advances(stream.text, stream.blocks, bill.print.lines)
    baselines = {(ln.page, ln.number): ln.baseline for ln in read_pdf_lines(shared_data / PRINT)}
    house = {
        (page, number): baseline - baselines[(page, number - 1)]
        for (page, number), baseline in baselines.items()
        if (page, number - 1) in baselines
    }
    assert ours.keys() == house.keys() and len(house) == 357
    wrong = {
        place: (round(ours[place], 1), round(space, 1))
        for place, space in house.items()
        if abs(ours[place] - space) > 0.5
    }
    assert not wrong, f"lines spaced otherwise than the PDF (page, line): (drafter, House) {wrong}"
    deep: dict[tuple[int, int], tuple[float, float]] = {}
    depth = 0.0
    for page, number in sorted(house):
        depth = ours[(page, number)] + (depth if (page, number - 1) in house else 0.0)
        below_first = baselines[(page, number)] - baselines[(page, 1)]
        if abs(depth - below_first) > 0.5:
            deep.setdefault((page, number), (round(depth, 1), round(below_first, 1)))
    assert not deep, f"lines set deeper or higher than the PDF (drafter, House): {deep}"
