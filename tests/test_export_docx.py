"""Word documents with real tracked changes: read back from the docx's own XML, "accept all"
gives the amended (or new) text and "reject all" the original, word for word; every change is
a revision with its author and date; LibreOffice opens every document drafter writes."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from drafter.core.apply import apply
from drafter.core.bill import Bill
from drafter.core.compare import compare
from drafter.core.paper import Paper, PaperInfo, load_paper, make_entry
from drafter.export.documents import export_bill, export_compare, export_paper
from drafter.export.docx import bill_docx, paper_docx
from drafter.export.paper_doc import printed_paper
from drafter.export.printed import as_amended, compared

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "bills" / "crime-and-policing-bill.xml"
SAMPLE_PAPER = REPO / "bills" / "crime-and-policing-bill-amendments.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: the paragraph styles that hold the bill's printed lines (not the title block)
LINE_STYLES = ("Provision", "ClauseHeading", "PartHeading", "ScheduleHeading", "Crossheading")


def _paragraphs(data: bytes) -> list[etree._Element]:
    with zipfile.ZipFile(_bytes_io(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return list(root.iter(W + "p"))


def _bytes_io(data: bytes):  # type: ignore[no-untyped-def]
    import io

    return io.BytesIO(data)


def _style(p: etree._Element) -> str:
    found = p.find(f"{W}pPr/{W}pStyle")
    return found.get(W + "val", "") if found is not None else ""


def _words(data: bytes, *, accept: bool, styles: tuple[str, ...] = LINE_STYLES) -> list[str]:
    """The words of the document's lines with every change accepted (or rejected), as Word
    would leave them: a rejected insertion and an accepted deletion are gone; line numbers
    (the "Line Number" character style) are not words of the bill."""
    gone, kept_deleted = (W + "del", False) if accept else (W + "ins", True)
    words: list[str] = []
    for p in _paragraphs(data):
        if not _style(p).startswith(styles):
            continue
        words.append(" ")
        for r in p.iter(W + "r"):
            if any(a.tag == gone for a in r.iterancestors()):
                continue
            style = r.find(f"{W}rPr/{W}rStyle")
            if style is not None and style.get(W + "val") == "LineNumber":
                continue
            for t in r.iter(W + "t", W + "delText"):
                if t.tag == W + "delText" and not kept_deleted:
                    continue
                words.append(t.text or "")
            words.append(" " * len(list(r.iter(W + "tab"))))
    return " ".join("".join(words).split()).split()


def _print_words(bill: Bill) -> list[str]:
    """The words of a bill's printed lines, in order (a table's cells row by row)."""
    return " ".join(line.text for line in bill.print.lines).split()


def _unspaced(text: str) -> list[str]:
    return re.sub(r" ([,.;:)\]”’])", r"\1", text).split()


#: papers whose changes meet: provisions next to each other left out by two amendments, words
#: left out of one line and put in on the next, a new clause beside a clause left out
MEETING = [
    ("Page 2, line 10, leave out subsection (3)", "Page 2, line 14, leave out subsection (4)"),
    ("Page 2, line 14, leave out subsection (4)", "Page 2, line 10, leave out subsection (3)"),
    ("Page 1, line 27, leave out “2 years”", "Page 2, line 1, at end insert “, and Schedule 2”"),
    (
        "Page 8, line 28, leave out Clause 17",
        "After Clause 16, insert the following new Clause— “Stop and search (1) A constable may "
        "search a person.”",
    ),
]


@pytest.mark.parametrize("wordings", [None, *MEETING])
def test_accepting_every_change_gives_the_bill_as_amended_and_rejecting_the_original(
    wordings: tuple[str, ...] | None,
) -> None:
    bill, paper = Bill.load(SAMPLE), load_paper(SAMPLE_PAPER)
    if wordings is not None:
        paper = Paper(paper.info, tuple(make_entry(str(n), w) for n, w in enumerate(wordings, 1)))
    doc, report = as_amended(bill, paper)
    assert report.ok
    data = bill_docx(doc)
    amended, _ = apply(bill, paper.amendments)
    assert _words(data, accept=True) == _print_words(amended)
    assert _words(data, accept=False) == _print_words(bill)


def test_each_change_is_a_revision_by_its_amendments_proposer_on_the_papers_date() -> None:
    bill, paper = Bill.load(SAMPLE), load_paper(SAMPLE_PAPER)
    doc, _ = as_amended(bill, paper, ["4", "5"])
    root_ps = _paragraphs(bill_docx(doc))
    revisions = [el for p in root_ps for el in p.iter(W + "ins", W + "del")]
    authors = {el.get(W + "author") for el in revisions}
    assert authors == {"Lord Tennant of Rye", "Baroness Ashworth of Kew"}
    assert {el.get(W + "date") for el in revisions} == {f"{paper.info.date}T00:00:00Z"}
    inserted = "".join(
        t.text or "" for p in root_ps for ins in p.iter(W + "ins") for t in ins.iter(W + "t")
    )
    assert ", or requests the creation of," in inserted
    assert "Requesting the creation of purported intimate image of adult" in inserted


def test_a_comparison_accepted_is_the_new_print_and_rejected_the_old(shared_data: Path) -> None:
    old = Bill.load(shared_data / "bills" / "social-housing-regulation-bill-hl54.xml")
    new = Bill.load(shared_data / "bills" / "social-housing-regulation-bill-hl60.xml")
    changes = compare(old, new)
    doc = compared(old, new, changes, author="Jane Clerk", date="2023-03-01")
    data = bill_docx(doc)
    assert _words(data, accept=True) == _print_words(new)
    # Rejected, words that were taken out across the end of a printed line leave the words
    # either side on two lines (paragraphs here), so that punctuation after them may stand at
    # the start of a line. A quotation mark changed (HL54's "not" is HL60's “not”) is a change
    # of words: rejected, the old print's marks stand.
    rejected = _unspaced(" ".join(_words(data, accept=False)))
    assert rejected == _unspaced(" ".join(_print_words(old)))
    revisions = [el for p in _paragraphs(data) for el in p.iter(W + "ins", W + "del")]
    assert {el.get(W + "author") for el in revisions} == {"Jane Clerk"}


def test_a_paper_in_word_is_plain_words_as_the_house_prints_them(shared_data: Path) -> None:
    """An amendment paper is the House's print, not a change to anything: its Word document
    holds no revisions (each amendment a tracked insertion opened the paper in colour, with
    revision bars), and has every amendment's number, proposer and words. Tracked changes
    are for the bill as amended and for comparisons."""
    paper = load_paper(shared_data / "amendments" / "sentencing-bill-commons-report-amendments.xml")
    data = paper_docx(printed_paper(paper))
    with zipfile.ZipFile(_bytes_io(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    assert sum(1 for _ in root.iter(W + "ins", W + "del", W + "delText")) == 0
    amendment_styles = ("Amendment", "Inserted", "Statement", "Explanatory")
    words = " ".join(_words(data, accept=True, styles=amendment_styles))
    for entry in paper.entries:
        assert entry.number in words
        assert " ".join(entry.wording.split()) in words
    proposers = [
        p.find(f".//{W}t").text  # the name, before the tab to the number
        for p in _paragraphs(data)
        if _style(p) == "AmendmentProposer"
    ]
    assert proposers == [e.amendment.sponsors[0] for e in paper.entries]


def _paper_layout(data: bytes) -> tuple[str, dict[str, etree._Element]]:
    """A paper's Word document: the body's font, and each paper style by its id."""
    with zipfile.ZipFile(_bytes_io(data)) as z:
        styles = etree.fromstring(z.read("word/styles.xml"))
    by_id = {s.get(W + "styleId"): s for s in styles.iter(W + "style")}
    fonts = by_id["Normal"].find(f"{W}rPr/{W}rFonts")
    return (fonts.get(W + "ascii") if fonts is not None else ""), by_id


def _on(toggle: etree._Element | None) -> bool:
    """Is a toggle property (``w:b``, ``w:smallCaps``) on?"""
    return toggle is not None and toggle.get(W + "val", "true") not in ("0", "false")


def test_a_lords_paper_in_word_is_set_as_its_pdf() -> None:
    """A Lords paper in Word as the Lords print it (and its PDF is set): a serif face, the
    names in small capitals set to the right, the amendment's number in the margin before
    its instruction (not far out on the right of the proposer's name)."""
    paper = load_paper(SAMPLE_PAPER)
    data = paper_docx(printed_paper(paper))
    font, styles = _paper_layout(data)
    assert font == "Palatino Linotype"
    for name in ("AmendmentProposer", "AmendmentSupporter"):
        assert styles[name].find(f"{W}pPr/{W}jc").get(W + "val") == "right"
        assert _on(styles[name].find(f"{W}rPr/{W}smallCaps"))
        assert not _on(styles[name].find(f"{W}rPr/{W}b"))
    paragraphs = _paragraphs(data)
    proposers = [p for p in paragraphs if _style(p) == "AmendmentProposer"]
    assert proposers and all(p.find(f".//{W}tab") is None for p in proposers)
    numbered = [p for p in paragraphs if _style(p) == "AmendmentNumberedInstruction"]
    assert len(numbered) == len(paper.entries)
    for p, entry in zip(numbered, paper.entries, strict=True):
        first = next(r for r in p.iter(W + "r") if r.find(f"{W}t") is not None)
        assert "".join(t.text or "" for t in first.iter(W + "t")) == entry.number
        assert _on(first.find(f"{W}rPr/{W}b"))  # the number in bold
        assert " ".join(entry.wording.split()) in " ".join(
            "".join(t.text or "" for t in p.iter(W + "t")).split()
        )
    indent = styles["AmendmentNumberedInstruction"].find(f"{W}pPr/{W}ind")
    assert int(indent.get(W + "hanging")) > 0  # the number hangs out in the margin


def test_a_commons_paper_in_word_keeps_the_commons_layout(shared_data: Path) -> None:
    """A Commons paper in Word as its PDF: LawMaker's sans-serif face, the proposer in bold
    on the left, the number far out on the right of the name."""
    paper = load_paper(shared_data / "amendments" / "sentencing-bill-commons-report-amendments.xml")
    data = paper_docx(printed_paper(paper))
    font, styles = _paper_layout(data)
    assert font == "Arial"
    assert _on(styles["AmendmentProposer"].find(f"{W}rPr/{W}b"))
    assert styles["AmendmentProposer"].find(f"{W}pPr/{W}jc") is None
    proposers = [p for p in _paragraphs(data) if _style(p) == "AmendmentProposer"]
    assert all(p.find(f".//{W}tab") is not None for p in proposers)


def test_the_document_uses_named_styles_for_headings_and_provisions() -> None:
    doc, _ = as_amended(Bill.load(SAMPLE), load_paper(SAMPLE_PAPER))
    styles = {_style(p) for p in _paragraphs(bill_docx(doc))}
    assert {"PartHeading", "Crossheading", "ClauseHeading", "Provision1", "Provision2"} <= styles
    with zipfile.ZipFile(_bytes_io(bill_docx(doc))) as z:
        styles_xml = etree.fromstring(z.read("word/styles.xml"))
    part = next(s for s in styles_xml.iter(W + "style") if s.get(W + "styleId") == "PartHeading")
    assert part.find(f"{W}pPr/{W}outlineLvl").get(W + "val") == "0"


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_every_document_drafter_writes(tmp_path: Path, shared_data: Path) -> None:
    bills, papers = shared_data / "bills", shared_data / "amendments"
    written = {
        "paper.docx": lambda out: export_paper(load_paper(SAMPLE_PAPER), out),
        "draft-list.docx": lambda out: export_paper(
            load_paper(papers / "sentencing-bill-commons-report-amendments.xml"), out
        ),
        "clean.docx": lambda out: export_bill(Bill.load(SAMPLE), out),
        "amended.docx": lambda out: export_bill(
            Bill.load(SAMPLE), out, paper=load_paper(SAMPLE_PAPER)
        ),
        "compare.docx": lambda out: export_compare(
            Bill.load(bills / "social-housing-regulation-bill-hl54.xml"),
            Bill.load(bills / "social-housing-regulation-bill-hl60.xml"),
            out,
        ),
        "changes.docx": lambda out: export_compare(
            Bill.load(bills / "social-housing-regulation-bill-hl54.xml"),
            Bill.load(bills / "social-housing-regulation-bill-hl60.xml"),
            out,
            changes_only=True,
        ),
    }
    for name, write in written.items():
        write(tmp_path / name)
    profile = tmp_path / "profile"
    result = subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *[str(tmp_path / name) for name in written],
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    for name in written:
        pdf = tmp_path / "pdf" / name.replace(".docx", ".pdf")
        assert pdf.is_file() and pdf.stat().st_size > 1000, (name, result.stdout, result.stderr)
        assert pdf.read_bytes().startswith(b"%PDF")


def test_a_line_put_in_or_left_out_goes_whole_with_its_number_and_tabs() -> None:
    """A paragraph whose end is a revision has every run in that revision: accepting or
    rejecting it leaves no line number or tab behind on the next line."""
    bill, paper = Bill.load(SAMPLE), load_paper(SAMPLE_PAPER)
    doc, _ = as_amended(bill, paper)
    whole = 0
    for p in _paragraphs(bill_docx(doc)):
        end = p.find(f"{W}pPr/{W}rPr")
        revision = (
            next((el.tag for el in end if el.tag in (W + "ins", W + "del")), None)
            if end is not None
            else None
        )
        if revision is None:
            continue
        whole += 1
        runs = [r for r in p.iter(W + "r") if r.getparent().tag != W + "rPr"]
        assert all(r.getparent().tag == revision for r in runs), etree.tostring(p)[:300]
    assert whole > 20  # the new clause's lines, Clause 17's …


def test_many_amendments_make_a_document_word_opens(tmp_path: Path) -> None:
    """Word holds a document's title to 255 characters: a title naming many amendments is
    cut, not refused."""
    bill = Bill.load(SAMPLE)
    wordings = [f"Page 1, line {n}, at end insert “, or”" for n in range(5, 25)]
    paper = Paper(PaperInfo(), tuple(make_entry(str(n), w) for n, w in enumerate(wordings, 1)))
    doc, report = as_amended(bill, paper)
    assert len(report.applied) == 20 and doc.subtitle == "As amended by 20 amendments"
    data = bill_docx(replace(doc, subtitle="As amended by " + ", ".join(map(str, range(200)))))
    with zipfile.ZipFile(_bytes_io(data)) as z:
        core = z.read("docProps/core.xml").decode()
    assert "python-docx" not in core and "<dc:title>" in core


def test_a_number_too_wide_for_its_tab_is_followed_by_a_space() -> None:
    """A hanging number ends in the tab that takes the words to their indent; one too wide
    for that (“(2A), hanging with its quotation mark) ends in a space, or Word's tab would
    take the words on to its next default stop, far from their number."""
    from drafter.export.printed import clean

    paragraphs = _paragraphs(bill_docx(clean(Bill.load(SAMPLE))))

    def after(number: str) -> list[str]:
        """What follows each paragraph's hanging number ``number``: "tab" or its text."""
        found = []
        for p in paragraphs:
            runs = [r for r in p.iter(W + "r") if _run_style(r) == "ProvisionNumber"]
            if runs and "".join(t.text or "" for t in runs[-1].iter(W + "t")).strip() == number:
                last = runs[-1]
                found.append(
                    "tab"
                    if last.find(W + "tab") is not None
                    else "".join(t.text or "" for t in last.iter(W + "t"))
                )
        return found

    assert after("(2A)") == ["(2A) "]  # “ is a run of its own, before the number
    assert after("(11)") == ["(11) "]
    assert set(after("(1)")) == {"tab"} and len(after("(1)")) > 20


def _run_style(r: etree._Element) -> str:
    found = r.find(f"{W}rPr/{W}rStyle")
    return found.get(W + "val", "") if found is not None else ""


def test_every_fifth_line_has_its_number_in_the_margin_headings_too(shared_data: Path) -> None:
    """The margin numbers every fifth line of each page, as the print does: a Part's,
    Schedule's or crossheading's line too (they stand in the middle of the measure by a
    centring tab, so that their number can stand in the margin)."""
    from drafter.export.printed import clean

    for bill in (
        Bill.load(SAMPLE),
        Bill.load(shared_data / "bills" / "social-housing-regulation-bill-hl60.xml"),
    ):
        doc = clean(bill)
        wanted = [str(line.number) for line in doc.lines if line.numbered]
        numbers = [
            "".join(t.text or "" for t in r.iter(W + "t"))
            for p in _paragraphs(bill_docx(doc))
            if _style(p).startswith(LINE_STYLES)
            for r in p.iter(W + "r")
            if _run_style(r) == "LineNumber"
        ]
        assert numbers == wanted
        headings = [
            ln for ln in doc.lines if ln.numbered and ln.role != "text" and ln.role != "clause"
        ]
        assert headings, bill.path


def test_each_page_of_the_print_is_headed_with_its_own_number() -> None:
    """Each page of the print starts a page of the document, headed with the bill's title and
    the print's number of the page, not Word's count of sheets: a page of the bill as
    amended that Word needs two sheets for (new Clause 12A on page 6) does not move the
    numbers of the pages after it."""
    doc, _ = as_amended(Bill.load(SAMPLE), load_paper(SAMPLE_PAPER))
    heads = [
        "".join(t.text or "" for t in p.iter(W + "t"))
        for p in _paragraphs(bill_docx(doc))
        if _style(p) == "RunningHead"
    ]
    pages = sorted({line.page for line in doc.lines if line.in_print})
    assert heads == [f"{doc.title}{page}" for page in pages]  # the tab is not a w:t


def test_a_renumbered_number_keeps_its_tab(shared_data: Path) -> None:
    """A comparison shows a renumbered provision's old number struck out before its new one:
    each keeps its tab (a review's find: measured together, the two were too wide for the
    room, and the new number lost its tab for a space). A quoted number ("“163B") may be
    too wide for its room on its own, and is followed by a space by design."""
    old = Bill.load(shared_data / "bills" / "social-housing-regulation-bill-hl54.xml")
    new = Bill.load(shared_data / "bills" / "social-housing-regulation-bill-hl60.xml")
    doc = compared(old, new, compare(old, new))
    renumbered = 0
    for p in _paragraphs(bill_docx(doc)):
        numbers = [r for r in p.iter(W + "r") if _run_style(r) == "ProvisionNumber"]
        inserted = [r for r in numbers if r.getparent().tag == W + "ins"]
        quoted = any("“" in "".join(t.text or "" for t in r.iter(W + "t")) for r in numbers)
        if inserted and any(r.getparent().tag == W + "del" for r in numbers) and not quoted:
            renumbered += 1
            assert inserted[-1].find(W + "tab") is not None
    assert renumbered >= 5


def test_a_papers_deepest_quoted_text_stands_further_in_in_word(shared_data: Path) -> None:
    """The Energy Bill's list quotes text six levels deep: in Word each level has a style
    set further in than the one above it (a review's find: levels past 5 shared level 5's)."""
    paper = load_paper(shared_data / "amendments" / "energy-bill-hc340-report-marshalled-list.xml")
    styles = {_style(p) for p in _paragraphs(paper_docx(printed_paper(paper)))}
    assert "Inserted6" in styles
