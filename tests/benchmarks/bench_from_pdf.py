"""Benchmark: ``drafter layout --from-pdf`` on a PDF of some 280 pages, beside pdfplumber's own
extraction of the same PDF's words (the peer the issue names as the floor), in one process.
drafter reads the words with PDFium (pypdfium2), which is why it can come in under it.

    python tests/benchmarks/bench_from_pdf.py [--copies N] [--repeat N]

There is no House PDF of 250 pages here, so one is made of the House's own: the PDF of the
Sustainable Aviation Fuel Bill (Bill 286, 14 pages) joined to itself N times with poppler's
pdfunite, and the bill's body (its markers stripped) repeated N times to match. Every line of
every copy is read, numbered and placed. Goal: <= 10 s.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _shared import DATA
from lxml import etree

from drafter.core.bill import Bill
from drafter.core.print.from_pdf import markers_from_pdf
from drafter.core.print.markers import strip_markers

BILL = DATA / "bills" / "sustainable-aviation-fuel-bill-hc286.xml"
PRINT = DATA / "prints" / "sustainable-aviation-fuel-bill-hc286.pdf"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("pdfunite") is None:
        sys.exit("needs poppler's pdfunite (Debian: poppler-utils)")
    import pdfplumber

    folder = Path(tempfile.mkdtemp(prefix="drafter-bench-pdf-"))
    try:
        pdf = folder / "joined.pdf"
        subprocess.run(["pdfunite", *[str(PRINT)] * args.copies, str(pdf)], check=True)
        tree = copy.deepcopy(Bill.load(BILL).tree)
        strip_markers(tree.getroot())
        body = tree.getroot().find(".//{*}body")
        assert body is not None
        units = list(body)
        for _ in range(args.copies - 1):
            body.extend(copy.deepcopy(u) for u in units)

        def extract() -> int:
            with pdfplumber.open(str(pdf)) as document:
                return sum(len(p.extract_words(extra_attrs=["size"])) for p in document.pages)

        def ours() -> int:
            return markers_from_pdf(etree.ElementTree(tree.getroot()), pdf, "Bill 286")[1]

        floor, drafter = [], []
        words = lines = 0
        for _ in range(args.repeat):  # interleaved: both see the same machine
            start = time.perf_counter()
            words = extract()
            floor.append(time.perf_counter() - start)
            start = time.perf_counter()
            lines = ours()
            drafter.append(time.perf_counter() - start)
        with pdfplumber.open(str(pdf)) as document:
            pages = len(document.pages)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    f, d = min(floor), min(drafter)
    print(f"PDF: Bill 286 x {args.copies}: {pages} pages, {words:,} words, {lines:,} lines placed")
    print(f"pdfplumber extract_words (floor)   best {f:6.2f} s  of {args.repeat}")
    print(f"drafter layout --from-pdf          best {d:6.2f} s  ratio {d / f:.2f}x")
    print("goal: <= 10 s")


if __name__ == "__main__":
    main()
