"""HTML documents stand alone (one file, CSS inside, nothing fetched) and open in a real
browser: headless Chromium renders each kind, with no console error, to a screenshot with
the document on it."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from drafter.core.bill import Bill
from drafter.core.paper import load_paper
from drafter.export.documents import export_bill, export_compare, export_paper
from tests.conftest import REPO_ROOT

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "bills" / "crime-and-policing-bill.xml"
SAMPLE_PAPER = REPO / "bills" / "crime-and-policing-bill-amendments.txt"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _documents(shared_data: Path) -> dict[str, tuple[Callable[[Path], object], str]]:
    """Each kind of HTML drafter writes, and words that must be on it."""
    bills = shared_data / "bills"
    hl54, hl60 = (
        bills / "social-housing-regulation-bill-hl54.xml",
        bills / "social-housing-regulation-bill-hl60.xml",
    )
    return {
        "paper": (lambda out: export_paper(load_paper(SAMPLE_PAPER), out), "Lord Tennant of Rye"),
        "marshalled": (
            lambda out: export_paper(
                load_paper(
                    shared_data / "amendments" / "energy-bill-hc340-report-marshalled-list.xml"
                ),
                out,
            ),
            "Order of the House",
        ),
        "bill": (lambda out: export_bill(Bill.load(SAMPLE), out), "Respect orders"),
        "amended": (
            lambda out: export_bill(Bill.load(SAMPLE), out, paper=load_paper(SAMPLE_PAPER)),
            "requests the creation of",
        ),
        "compare": (
            lambda out: export_compare(Bill.load(hl54), Bill.load(hl60), out),
            "HL Bill 60, compared with HL Bill 54",
        ),
        "changes": (
            lambda out: export_compare(Bill.load(hl54), Bill.load(hl60), out, changes_only=True),
            "HL Bill 60",
        ),
    }


def test_every_html_document_stands_alone(tmp_path: Path, shared_data: Path) -> None:
    for name, (write, words) in _documents(shared_data).items():
        out = tmp_path / f"{name}.html"
        write(out)
        html = out.read_text(encoding="utf-8")
        assert words in html, name
        assert "<style>" in html, name
        # nothing to fetch: no stylesheet, script, image or font from elsewhere
        assert not re.search(r"<(link|script|img)\b|@import|url\(", html), name


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_chromium_renders_every_kind_without_a_console_error(
    tmp_path: Path, shared_data: Path
) -> None:
    for name, (write, words) in _documents(shared_data).items():
        out = tmp_path / f"{name}.html"
        write(out)
        shot = tmp_path / f"{name}.png"
        flags = [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--enable-logging=stderr",
            "--v=0",
            "--hide-scrollbars",
            "--window-size=1200,1600",
        ]
        shown = subprocess.run(
            [*flags, f"--screenshot={shot}", out.as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert shown.returncode == 0, (name, shown.stderr[-2000:])
        console = [line for line in shown.stderr.splitlines() if "CONSOLE" in line]
        assert console == [], (name, console)
        assert _png_size(shot) == (1200, 1600), name
        # a blank page compresses to a few kilobytes; a page of print does not
        assert shot.stat().st_size > 30_000, name
        dom = subprocess.run(
            [*flags, "--dump-dom", out.as_uri()], capture_output=True, text=True, timeout=120
        )
        assert words in dom.stdout, name


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_a_bill_printed_from_the_browser_heads_each_page_with_its_number(tmp_path: Path) -> None:
    """Printed from a browser (which sets no running heads of its own from the page's
    styles), each page of the bill's HTML carries the bill's short title and the print's
    page number at its head, as the PDF does."""
    import pdfplumber

    html, printed = tmp_path / "bill.html", tmp_path / "printed.pdf"
    bill = Bill.load(REPO_ROOT / "bills" / "crime-and-policing-bill.xml")
    export_bill(bill, html)
    done = subprocess.run(
        [
            str(CHROMIUM),
            *("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"),
            *("--disable-background-networking", "--disable-component-update"),
            *("--disable-sync", f"--user-data-dir={tmp_path / 'profile'}"),
            *("--no-pdf-header-footer", f"--print-to-pdf={printed}", html.as_uri()),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    with pdfplumber.open(printed) as pdf:
        heads = [
            " ".join(w["text"] for w in page.extract_words() if w["top"] < 60) for page in pdf.pages
        ]
    assert heads == [f"Crime and Policing Bill {n}" for n in range(1, bill.print.pages + 1)]


def test_a_mark_is_on_the_words_not_the_space_before_them(tmp_path: Path) -> None:
    """Words put in after a word are underlined from their first letter: a trial saw the
    underline of “reasonably” start on the space before it. (Words left out keep the space
    before them under the strike: it goes with them, or the words after stand apart.)"""
    from drafter.core.paper import read_paper_text

    paper = read_paper_text(
        "Bill: Crime and Policing Bill\n\nAmendment 1\n"
        "Page 6, line 8, after “intentionally” insert “and knowingly”\n"
    )
    out = tmp_path / "amended.html"
    export_bill(Bill.load(SAMPLE), out, paper=paper)
    html = out.read_text(encoding="utf-8")
    assert re.search(r"intentionally <ins[^>]*>and knowingly</ins> creates", html)
    assert not re.search(r"<ins\b[^>]*> ", html)
