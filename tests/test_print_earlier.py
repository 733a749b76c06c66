"""A print laid out after an earlier one keeps its lines and pages where the words are the
same, as the House does at a reprint (drafter.core.print.earlier)."""

from __future__ import annotations

import copy
import random
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter.core.apply import apply
from drafter.core.bill import Bill
from drafter.core.files import xml_bytes
from drafter.core.paper import read_paper_text
from drafter.core.print.earlier import carried
from drafter.core.print.linebreak import DEFAULT_MEASURE, measure_of, page_ends
from drafter.core.print.lines import Line
from drafter.core.print.markers import strip_markers
from drafter.core.print.printed import read_print
from drafter.core.print.reading import read_stream
from drafter.core.reprint import reprint

SAMPLE = Path(__file__).resolve().parents[1] / "bills" / "crime-and-policing-bill.xml"
MARKED = [
    "renters-rights-bill-hc127.xml",
    "sentencing-bill-hl159.xml",
    "social-housing-regulation-bill-hl54.xml",
    "social-housing-regulation-bill-hl60.xml",
    "sustainable-aviation-fuel-bill-hc286.xml",
]


def _places(bill: Bill) -> dict[tuple[int, int], str]:
    return {(line.page, line.number): line.text for line in bill.lines}


def _rows(lines: list[Line]) -> list[tuple[int, int, str]]:
    return [(line.page, line.number, line.text) for line in lines]


def _at_their_place(ours: list[Line], theirs: Bill) -> int:
    places = _places(theirs)
    return sum(1 for line in ours if places.get((line.page, line.number)) == line.text)


@pytest.mark.parametrize("name", MARKED)
def test_a_print_laid_out_like_itself_is_itself(shared_data: Path, name: str) -> None:
    """Nothing changed, nothing moves: every line, table rows included, at its own page and
    line, though drafter's own layout alone puts most of them elsewhere."""
    bill = Bill.load(shared_data / "bills" / name)
    body = copy.deepcopy(bill.body)
    assert body is not None
    strip_markers(body)
    again = read_print(body, earlier=bill.print)
    assert _rows(again.lines) == _rows(bill.lines)
    assert carried(bill.lines, again.lines) == (len(bill.lines), 0, 0)


def test_a_reprint_keeps_what_the_house_keeps(shared_data: Path, tmp_path: Path) -> None:
    """Issue 24's goal, as a drafter would reach it: the amendments that make HL60, drafted
    from the two prints (``diff --amendments``), applied to HL54 and reprinted (``apply
    --renumber``). The pages before the first change are HL60's own, line for line (pages 1
    to 7; on page 9 the House set a table's head row again, on one line where HL54 had two),
    and at least 95% of HL60's lines stand at HL60's page and line; laid out afresh, fewer
    do. The House re-sets the pages from the first change to where its breaks fall into step
    again: each ends where HL60's does only if drafter's page (HL54's own, see
    :func:`drafter.core.print.linebreak.measure_of`) holds what the House's held, to a
    fraction of a point, and one that does not moves every line after it, to that place."""
    bills = shared_data / "bills"
    hl54, hl60 = (
        bills / "social-housing-regulation-bill-hl54.xml",
        bills / "social-housing-regulation-bill-hl60.xml",
    )
    runner = CliRunner()
    drafted = runner.invoke(cli, ["diff", str(hl54), str(hl60), "--amendments"])
    assert drafted.exit_code == 1, drafted.output  # they differ
    paper = tmp_path / "hl60.txt"
    paper.write_text(drafted.output, encoding="utf-8")
    out = tmp_path / "reprint.xml"
    applied = runner.invoke(cli, ["apply", str(hl54), str(paper), "--renumber", "-o", str(out)])
    assert applied.exit_code == 0, applied.output
    assert "69 of 69 amendments applied" in applied.output
    # what the amendments leave out, they replace or stop citing: no reference is left behind
    assert "in the reprint" not in applied.output
    ours, new = Bill.load(out), Bill.load(hl60)
    share = _at_their_place(ours.lines, new) / len(new.lines)
    print(f"HL60's lines at HL60's page and line: {share:.1%}")
    assert share >= 0.95
    first_pages = [row for row in _rows(new.lines) if row[0] <= 7]
    assert [row for row in _rows(ours.lines) if row[0] <= 7] == first_pages
    tabled = read_paper_text(paper.read_text(encoding="utf-8"))
    amended, report = apply(Bill.load(hl54), tabled.amendments, lay_out=False)
    assert report.ok
    afresh = Bill.from_bytes(xml_bytes(reprint(amended.tree)), "afresh.xml")
    assert _at_their_place(afresh.lines, new) < share * len(new.lines)


def test_a_print_s_own_page_is_fitted_and_holds_beyond_the_pages_fitted(
    shared_data: Path,
) -> None:
    """The Renters' Rights Bill's pages hold less than those of Bill 286, whose PDF
    drafter's default page was measured on. Fitted to its own first eighty pages, drafter's
    page ends where the House ended more of its later pages, which the fit never saw."""
    bill = Bill.load(shared_data / "bills" / "renters-rights-bill-hc127.xml")
    fitted = bill.print.own_page.measure
    assert fitted != DEFAULT_MEASURE
    assert bill.body is not None
    stream = read_stream(bill.body, blocks=True)
    lines = bill.print.lines
    firsts = [line for k, line in enumerate(lines) if k == 0 or line.page != lines[k - 1].page]
    starts = [line.start for line in firsts]
    later = [(a.start, b.start) for a, b in pairwise(firsts) if a.page > 82]
    assert len(later) > 150
    default_ends = page_ends(stream.text, stream.blocks, starts, DEFAULT_MEASURE)
    fitted_ends = page_ends(stream.text, stream.blocks, starts, fitted)
    by_default = sum(default_ends.get(a) == b for a, b in later)
    by_fit = sum(fitted_ends.get(a) == b for a, b in later)
    assert by_fit > by_default + len(later) // 20, (by_default, by_fit)


def test_a_print_s_page_is_fitted_from_its_first_pages_read_alone(shared_data: Path) -> None:
    """Fitting a print's page reads its tree only as far as the pages it is fitted to: the
    text read so far is the print's own, its blocks those of the whole reading, and the fit
    the same as from the whole."""
    bill = Bill.load(shared_data / "bills" / "renters-rights-bill-hc127.xml")
    assert bill.body is not None
    whole = read_stream(bill.body, blocks=True)
    for until in (0, 1000, len(whole.text) // 3):
        part = read_stream(bill.body, blocks=True, until=until)
        assert len(part.text) >= until and whole.text.startswith(part.text)
        assert len(part.text) < len(whole.text)
        assert part.blocks == whole.blocks[: len(part.blocks)]
    assert bill.print.own_page == measure_of(whole.text, whole.blocks, bill.print.lines)


def test_a_page_is_fitted_only_to_enough_of_the_house_s_pages(shared_data: Path) -> None:
    """Bill 286's ten pages are too few to fit a page to, a print of drafter's own layout
    says nothing of the House's, and our sample's fourteen pages, fitted by halves, do no
    better on the half they were not fitted to: each leaves drafter's default page as it
    is, and says why."""
    bills = shared_data / "bills"
    saf = Bill.load(bills / "sustainable-aviation-fuel-bill-hc286.xml")
    assert saf.print.own_page == (
        DEFAULT_MEASURE,
        "drafter's standard page (the earlier print has only 7 whole pages to measure its own on)",
    )
    body = copy.deepcopy(saf.body)
    assert body is not None
    strip_markers(body)
    assert read_print(body).own_page.note == (
        "drafter's standard page (the earlier print is drafter's layout)"
    )
    sample = Bill.load(SAMPLE).print.own_page
    assert sample.measure == DEFAULT_MEASURE and "did no better" in sample.note


def test_layout_like_an_earlier_print_says_what_it_kept(shared_data: Path, tmp_path: Path) -> None:
    """HL60 without its markers, laid out like HL54: the command says how many lines kept
    their place, and the markers it writes put most of HL60's lines where the House did."""
    hl54 = shared_data / "bills" / "social-housing-regulation-bill-hl54.xml"
    hl60 = Bill.load(shared_data / "bills" / "social-housing-regulation-bill-hl60.xml")
    bare = tmp_path / "hl60-bare.xml"
    tree = copy.deepcopy(hl60.tree)
    strip_markers(tree.getroot())
    bare.write_bytes(xml_bytes(tree))
    out = tmp_path / "hl60-like-hl54.xml"
    result = CliRunner().invoke(cli, ["layout", str(bare), "--like", str(hl54), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "page and line: " in result.output and "where they were in the earlier print" in (
        result.output
    )
    assert "page depth and spacing: the earlier print's own, measured on its first " in (
        result.output
    )
    laid = Bill.load(out)
    assert laid.print.numbered_by == "drafter"
    assert _at_their_place(laid.lines, hl60) > len(hl60.lines) // 2
    both = CliRunner().invoke(
        cli, ["layout", str(bare), "--like", str(hl54), "--from-pdf", str(hl54), "-o", str(out)]
    )
    assert both.exit_code == 2 and "give one or the other" in both.output


def test_layout_like_a_print_of_another_bill_is_refused(shared_data: Path, tmp_path: Path) -> None:
    """Aligning two different bills' words would take a minute and keep nothing: refused,
    naming both, unless --force."""
    bills = shared_data / "bills"
    bare = tmp_path / "saf-bare.xml"
    tree = copy.deepcopy(Bill.load(bills / "sustainable-aviation-fuel-bill-hc286.xml").tree)
    strip_markers(tree.getroot())
    bare.write_bytes(xml_bytes(tree))
    other = bills / "social-housing-regulation-bill-hl54.xml"
    out = tmp_path / "out.xml"
    refused = CliRunner().invoke(cli, ["layout", str(bare), "--like", str(other), "-o", str(out)])
    assert refused.exit_code == 2 and not out.exists()
    assert "is the Social Housing (Regulation) Bill [HL], not the Sustainable Aviation" in (
        refused.output
    )


def test_each_earlier_line_is_counted_as_moved_once() -> None:
    def line(page: int, number: int, text: str) -> Line:
        return Line(page, number, 0, len(text), text, "", ((0, len(text)),))

    earlier = [line(1, 1, "and"), line(1, 2, "x")]
    now = [line(1, 1, "y"), line(1, 2, "and"), line(1, 3, "and"), line(2, 1, "and")]
    assert carried(earlier, now) == (0, 1, 3)


def test_apply_that_lays_the_bill_out_again_says_how_many_lines_kept_their_place(
    tmp_path: Path,
) -> None:
    """A new clause has no lines of its own: the bill is laid out again, after its own print,
    and the report ends saying how far its page and line numbers are still the old ones
    (on stdout, with the report), and what page it was set to."""
    root = Path(__file__).resolve().parents[1] / "bills"
    out = tmp_path / "amended.xml"
    result = CliRunner().invoke(
        cli,
        [
            "apply",
            str(root / "crime-and-policing-bill.xml"),
            str(root / "crime-and-policing-bill-amendments.txt"),
            "--only",
            "5",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    said, page = result.stdout.splitlines()[-2:]
    assert said.startswith("page and line: ") and "where they were in the earlier print" in said
    assert page.startswith("page depth and spacing: drafter's standard page (")
    kept = int(said.removeprefix("page and line: ").split(" of ")[0].replace(",", ""))
    before, after = Bill.load(root / "crime-and-policing-bill.xml"), Bill.load(out)
    assert kept == carried(before.lines, after.lines).kept > len(before.lines) // 10


@pytest.mark.parametrize("seed", range(12))
def test_a_print_laid_out_after_random_edits_is_a_print(shared_data: Path, seed: int) -> None:
    """Words left out, put in and changed at random places of the SAF bill, then laid out
    after its own print: every word on exactly one line, lines in order with their numbers
    rising on each page, pages in order from 1; the lines before the first edit are the
    print's own; and a line whose words and neighbours did not change keeps its place."""
    rng = random.Random(seed)
    bill = Bill.load(shared_data / "bills" / "sustainable-aviation-fuel-bill-hc286.xml")
    assert bill.body is not None
    body = copy.deepcopy(bill.body)
    original = dict(zip(body.iter(), bill.body.iter(), strict=True))  # in the print read
    strip_markers(body)
    texts = [el for el in body.iter() if isinstance(el.tag, str) and (el.text or "").strip()]
    edited = sorted(rng.sample(range(len(texts)), 6))
    for k in edited:
        words = texts[k].text.split() if texts[k].text else []
        at = rng.randrange(len(words) + 1)
        roll = rng.random()
        if roll < 0.3 and words:
            del words[min(at, len(words) - 1)]
        elif roll < 0.6:
            words[at:at] = ["inserted"] * rng.randint(1, 40)
        elif words:
            words[min(at, len(words) - 1)] = "altered"
        texts[k].text = " ".join(words) + " "
    laid = read_print(body, earlier=bill.print)
    text = laid.text
    assert " ".join(line.text for line in laid.lines).split() == text.split()
    places = [(line.page, line.number) for line in laid.lines]
    assert places == sorted(places) and len(set(places)) == len(places)
    assert laid.lines[0].page == 1
    assert {line.page for line in laid.lines} == set(range(1, laid.lines[-1].page + 1))
    spans = [bill.print.span_of(original[texts[k]]) for k in edited]
    first = min(span[0] for span in spans if span is not None)
    before = [line for line in bill.lines if line.end < first - 80]
    assert _rows(laid.lines[: len(before)]) == _rows(before)


def test_layout_like_is_refused_for_a_bill_read_from_its_eol_marks(tmp_path: Path) -> None:
    """A bill whose lines are its own ``<eol/>`` marks is not laid out by drafter: --like
    would be silently ignored, so it is refused."""
    akn = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
    source = tmp_path / "eol.xml"
    source.write_text(
        f'<akomaNtoso xmlns="{akn}"><bill><meta><identification source="#x"/></meta><body>'
        "<section><num>1</num><content><p>Words<eol/>more words</p></content></section>"
        "</body></bill></akomaNtoso>",
        encoding="utf-8",
    )
    out = tmp_path / "out.xml"
    result = CliRunner().invoke(
        cli, ["layout", str(source), "--like", str(source), "--force", "-o", str(out)]
    )
    assert result.exit_code == 2 and not out.exists()
    assert "its lines are its own <eol/> marks" in result.output
