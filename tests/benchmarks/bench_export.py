"""Benchmark: exported documents against WeasyPrint setting plain HTML of the same words (the
floor: no export can be faster than the renderer it uses), in one process.

- The PDF of the Renters' Rights Bill as amended by 100 amendments, against WeasyPrint
  setting each printed line as a plain paragraph. Goal: <= 1.5x the floor.
- The Word document of the same. Goal: <= 5 s.
- The PDF of the Energy Bill's marshalled list (309 amendments), against WeasyPrint setting
  its printed paragraphs plain. Goal: <= 1.5x the floor.

Run: ``python tests/benchmarks/bench_export.py`` (best of ``--runs N``, default 2).
"""

from __future__ import annotations

import argparse
import html
import sys
import tempfile
from pathlib import Path

import pdfplumber
import weasyprint
from _shared import DATA, RENTERS
from bench_apply import generate
from bench_parse import best_of

from drafter.core.bill import Bill
from drafter.core.paper import Paper, PaperInfo, entry_from_amendment, load_paper
from drafter.export.documents import export_bill, export_paper
from drafter.export.paper_doc import printed_paper
from drafter.export.printed import as_amended

ENERGY = DATA / "amendments" / "energy-bill-hc340-report-marshalled-list.xml"


def plain_pdf(paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return bytes(weasyprint.HTML(string=f"<html><body>{body}</body></html>").write_pdf())


def pages(path: Path) -> int:
    return len(pdfplumber.open(path).pages)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=2)
    runs = parser.parse_args().runs
    if not RENTERS.exists() or not ENERGY.exists():
        sys.exit(f"not found: {RENTERS} or {ENERGY}")
    out = Path(tempfile.mkdtemp(prefix="bench-export-"))

    bill = Bill.load(RENTERS)
    amendments = generate(bill, 100)
    paper = Paper(PaperInfo(), tuple(entry_from_amendment(a) for a in amendments))
    doc, report = as_amended(bill, paper)
    lines = [line.text for line in doc.lines]
    # the same paragraphs: each block of printed lines (a provision's words from its number
    # to the next, a heading) as one paragraph; and, kinder, each printed line as one
    paragraphs = [
        " ".join(line.text for line in block.lines) for page in doc.pages() for block in page.blocks
    ]
    print(
        f"Renters' Rights Bill, {len(report.applied)} of {len(amendments)} amendments applied: "
        f"{len(lines)} printed lines in {len(paragraphs)} paragraphs"
    )
    floor = best_of(runs, lambda: plain_pdf(paragraphs))
    floor_lines = best_of(runs, lambda: plain_pdf(lines))
    ours = best_of(runs, lambda: export_bill(bill, out / "amended.pdf", paper=paper))
    print(
        f"  PDF as amended: {ours:.2f} s, {pages(out / 'amended.pdf')} pages; plain HTML of the "
        f"same paragraphs: {floor:.2f} s, ratio {ours / floor:.2f}x "
        f"(goal <= 1.5x: {'met' if ours <= 1.5 * floor else 'NOT met'}); of the same lines as "
        f"paragraphs: {floor_lines:.2f} s, ratio {ours / floor_lines:.2f}x"
    )
    word = best_of(runs, lambda: export_bill(bill, out / "amended.docx", paper=paper))
    print(f"  Word as amended: {word:.2f} s (goal <= 5 s: {'met' if word <= 5 else 'NOT met'})")

    energy = load_paper(ENERGY)
    printed = printed_paper(energy)
    paragraphs = [
        text
        for a in printed.amendments
        for text in (
            *(" ".join(g) for g in a.names),
            a.number,
            a.instruction,
            *(" ".join(x for x in (u.num, u.heading, u.text) if x) for u in a.units),
            *a.statement,
        )
    ]
    floor = best_of(runs, lambda: plain_pdf(paragraphs))
    ours = best_of(runs, lambda: export_paper(energy, out / "energy.pdf"))
    print(f"Energy Bill marshalled list, {len(energy.entries)} amendments")
    print(
        f"  PDF: {ours:.2f} s, {pages(out / 'energy.pdf')} pages; plain HTML of the same "
        f"paragraphs: {floor:.2f} s; ratio {ours / floor:.2f}x "
        f"(goal <= 1.5x: {'met' if ours <= 1.5 * floor else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
