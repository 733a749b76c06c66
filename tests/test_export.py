"""``drafter export`` as a user runs it, and what its documents say: the bill as amended marks
each change where the print has it and names its amendment and proposer; a comparison marks
words and provisions put in and taken out with their places in both prints; every bad input
gives one line, and nothing is half-written."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from drafter.core.akn import AKN_NS
from drafter.core.apply import apply
from drafter.core.bill import Bill
from drafter.core.compare import compare
from drafter.core.paper import Paper, load_paper, make_entry, read_paper_text, write_paper_xml
from drafter.core.reprint import reprinted
from drafter.export.documents import export_bill, export_paper
from drafter.export.paper_doc import PrintedPaper, printed_paper
from drafter.export.printed import PrintedBill, PrintedLine, as_amended, clean, compared
from drafter.export.templates import TEMPLATES, ExportError
from tests.conftest import REPO_ROOT, require_shared, shared_bill_names, shared_data_dir

SAMPLE_BILL = REPO_ROOT / "bills" / "crime-and-policing-bill.xml"
SAMPLE_PAPER = REPO_ROOT / "bills" / "crime-and-policing-bill-amendments.txt"


def drafter(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "drafter.cli", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
    )


def _line(lines: tuple[PrintedLine, ...], page: int, number: int) -> PrintedLine:
    return next(ln for ln in lines if ln.page == page and ln.number == number and ln.in_print)


# --- what the documents say ------------------------------------------------------------------


def test_the_clean_print_is_the_print_line_for_line() -> None:
    bill = Bill.load(SAMPLE_BILL)
    doc = clean(bill)
    assert [(ln.page, ln.number) for ln in doc.lines] == [
        (ln.page, ln.number) for ln in bill.print.lines
    ]
    assert [ln.text for ln in doc.lines] == [ln.text for ln in bill.print.lines]
    first = _line(doc.lines, 1, 5)
    assert [r.text for r in first.hang] == ["(1)\t"] and first.depth == 1
    assert _line(doc.lines, 1, 4).role == "clause"
    assert _line(doc.lines, 1, 1).role == "part"


def test_quoted_provisions_stand_where_the_print_sets_them() -> None:
    """A quotation starts the print's scheme again from the words quoting it: section 66E,
    inserted by clause 12(1), has its heading a step in from the clause's, its subsections at
    its text (two steps) and their paragraphs a step further, as the core's layout sets them."""
    lines = clean(Bill.load(SAMPLE_BILL)).lines

    def starting(words: str) -> PrintedLine:
        return next(ln for ln in lines if ln.text.startswith(words))

    heading = starting("“66E Creating purported intimate image")
    assert (heading.role, heading.depth) == ("clause", 1)
    assert starting("(1) A person (A) commits an offence if").depth == 2
    assert starting("(a) A intentionally creates a purported").depth == 3
    assert starting("(1) In the Sexual Offences Act 2003, after section 66D").depth == 1


def test_the_bill_as_amended_marks_each_change_where_the_print_has_it() -> None:
    bill, paper = Bill.load(SAMPLE_BILL), load_paper(SAMPLE_PAPER)
    doc, report = as_amended(bill, paper, ["1", "4", "5", "7"])
    assert report.ok and doc.subtitle == "As amended by amendments 1, 4, 5 and 7"
    notes = {n.label: n for n in doc.notes}
    # amendment 1: page 1, line 27, leave out “2 years” and insert “12 months”
    line = _line(doc.lines, 1, 27)
    marked = [(r.text.strip(), r.mark, doc.notes[r.note].label) for r in line.runs if r.mark]
    assert marked == [
        ("2 years", "del", "Amendment 1"),
        ("12 months", "ins", "Amendment 1"),
    ]
    assert [doc.notes[n].text for n in line.notes] == ["Amendment 1 (Lord Aldwick of Selsey)"]
    # amendment 4 puts words in on the line the paper cites
    line = _line(doc.lines, 6, 8)
    assert any(r.mark == "ins" and "requests the creation of" in r.text for r in line.runs)
    assert notes["Amendment 4"].author == "Lord Tennant of Rye"
    # amendment 5's new clause: lines of its own, every word inserted, numbered by drafter
    new = [ln for ln in doc.lines if ln.numbering == "drafter"]
    assert new and all(r.mark == "ins" for ln in new for r in (*ln.hang, *ln.runs))
    assert "12A Requesting the creation of purported intimate image of adult" in new[0].text
    # amendment 7 leaves out Clause 17: its lines stay, at their place in the print, struck
    # with its crossheading, which it leaves empty
    gone = [ln for ln in doc.lines if ln.page == 8 and ln.number >= 27 and ln.in_print]
    assert gone[0].text == "Face coverings at protests" and gone[0].role == "crossheading"
    assert gone[1].text == "17 Power to require removal of face coverings"
    assert all(r.mark == "del" for ln in gone for r in (*ln.hang, *ln.runs))


def test_a_bill_amended_before_is_printed_and_amended_again_with_only_the_new_changes() -> None:
    """A bill amended before (a reprint keeps the marks of the amendments that made it) prints
    as it reads: its print, and a comparison of it with itself, mark nothing; as amended by
    a later paper, only that paper's change is marked, and the words and the clause the
    earlier amendments left out are not shown again."""
    bill, paper = Bill.load(SAMPLE_BILL), load_paper(SAMPLE_PAPER)
    amended, report = apply(bill, paper.amendments, ["1", "7"])
    assert report.ok

    def marked(doc: PrintedBill) -> set[str]:
        runs = (r for ln in doc.lines for r in (*ln.hang, *ln.runs) if r.mark)
        return {doc.notes[r.note].label if r.note >= 0 else r.text.strip() for r in runs}

    assert marked(clean(amended)) == set()
    assert marked(compared(amended, amended, compare(amended, amended))) == set()
    again, report = as_amended(amended, paper, ["4"])
    assert report.ok and marked(again) == {"Amendment 4"}
    line = _line(again.lines, 1, 27).text
    assert "12 months" in line and "2 years" not in line, line
    assert not any("removal of face coverings" in ln.text for ln in again.lines)
    # a reprint whose one amendment left out a clause keeps no mark in its text, only the
    # record of what went; Clause 3, now Clause 2, is not put back struck through
    first = bill.find("Clause 2").lines()[0]
    left_out = read_paper_text(
        f"Amendment 9\nPage {first.page}, line {first.number}, leave out Clause 2\n"
    )
    made = apply(bill, left_out.amendments)[0]
    reprint = Bill(reprinted(made.tree, keep_deletions=True)[0], "reprint.xml")  # --renumber's
    later, report = as_amended(reprint, paper, ["1"])
    assert report.ok and marked(later) == {"Amendment 1"}
    assert "Page and line numbers are those of" not in " ".join(later.legend)  # drafter's


def _margin_notes(tmp_path: Path, amendments: str) -> list[etree._Element]:
    """The margin notes of the sample bill as amended by a text paper's amendments (HTML)."""
    paper = tmp_path / "paper.txt"
    paper.write_text("Bill: Crime and Policing Bill\n\n" + amendments, encoding="utf-8")
    out = tmp_path / "amended.html"
    export_bill(Bill.load(SAMPLE_BILL), out, paper=load_paper(paper), source=paper)
    return list(etree.parse(str(out), etree.HTMLParser()).xpath("//span[@class='note']"))


def test_changes_on_one_line_share_its_margin_note(tmp_path: Path) -> None:
    """Three amendments to one line: the margin names each once, in one note (notes set one
    over another could not be read), and the tooltip says each in full."""
    notes = _margin_notes(
        tmp_path,
        "Amendment 1\nSponsors: Lord Aldwick of Selsey\n"
        "Page 1, line 24, leave out “any conflict” and insert “a conflict”\n\n"
        "Amendment 2\nSponsors: Baroness Quarrie of Dunmore\n"
        "Page 1, line 24, leave out “other court order” and insert “order of a court”\n\n"
        "Amendment 3\nPage 1, line 24, leave out “or” and insert “nor”\n",
    )
    assert [n.text for n in notes] == ["Amendment 1; Amendment 2; Amendment 3"]
    assert notes[0].get("title").splitlines() == [
        "Amendment 1 (Lord Aldwick of Selsey)",
        "Amendment 2 (Baroness Quarrie of Dunmore)",
        "Amendment 3",
    ]


def test_a_margin_note_that_would_run_into_the_next_is_its_label_alone(tmp_path: Path) -> None:
    """Notes on lines one after another: the first, whose names would wrap down into the
    second (as a trial's “Amendment 2 (Baroness Example)” did over “Amendment 7”), is its
    label alone, the tooltip in full; a note with room below it keeps its names."""
    notes = _margin_notes(
        tmp_path,
        "Amendment 1\nSponsors: Baroness Quarrie of Dunmore\n"
        "Page 1, line 24, leave out “any conflict” and insert “a conflict”\n\n"
        "Amendment 2\nSponsors: Lord Aldwick of Selsey\n"
        "Page 1, line 25, leave out “injunction” and insert “order”\n\n"
        "Amendment 3\nSponsors: Lord Aldwick of Selsey\n"
        "Page 2, line 4, leave out “police area” and insert “police force”\n",
    )
    assert [(n.text, n.get("title")) for n in notes] == [
        ("Amendment 1", "Amendment 1 (Baroness Quarrie of Dunmore)"),
        ("Amendment 2 (Lord Aldwick of Selsey)", "Amendment 2 (Lord Aldwick of Selsey)"),
        ("Amendment 3 (Lord Aldwick of Selsey)", "Amendment 3 (Lord Aldwick of Selsey)"),
    ]


def test_the_bill_as_amended_names_its_amendments_in_the_order_of_their_numbers() -> None:
    """A paper drafted in the app is in the order of the bill, its numbers in the order they
    were taken: the title read “As amended by amendments 10, 1 and 4”."""
    bill, paper = Bill.load(SAMPLE_BILL), load_paper(SAMPLE_PAPER)
    first, fourth = paper.entry("1"), paper.entry("4")
    renumbered = replace(first, amendment=replace(first.amendment, number="10"))
    entries = (renumbered, paper.entry("2"), fourth)
    doc, report = as_amended(bill, replace(paper, entries=entries))
    assert [o.number for o in report.applied] == ["10", "2", "4"]
    assert doc.subtitle == "As amended by amendments 2, 4 and 10"


def test_amendments_not_applied_are_listed_in_the_document() -> None:
    bill, paper = Bill.load(SAMPLE_BILL), load_paper(SAMPLE_PAPER)
    wrong = make_entry("99", "Page 1, line 5, leave out “a magistrates’ court”")
    doc, report = as_amended(bill, replace(paper, entries=(*paper.entries[:1], wrong)))
    assert [o.number for o in report.applied] == ["1"]
    assert len(doc.not_applied) == 1
    assert doc.not_applied[0].startswith("Amendment 99: not applied (does not fit)")
    # a document for others names the bill by its print, not by a file on this machine
    missing = make_entry("98", "Clause 99, page 1, line 5, leave out “court”")
    doc, _ = as_amended(bill, replace(paper, entries=(missing,)))
    assert doc.not_applied == (
        "Amendment 98: not applied (does not fit): there is no Clause 99 in HL Bill 101 (it "
        "has clauses 1 to 24)",
    )
    # listed after the bill, said at its head: 35 of them at the head of the Sentencing Bill
    # pushed its first page onto a second sheet
    assert doc.legend[-1] == "Not applied: 1, listed at the end, each with why."
    from drafter.export.templates import render

    page = render("bill.html", None, "lords", doc=doc)
    last = page.rindex('class="sheet page"')
    assert page.index("Amendment 98: not applied") > last


def test_a_comparison_marks_words_and_provisions_with_both_places(shared_data: Path) -> None:
    old = Bill.load(shared_data / "bills" / "social-housing-regulation-bill-hl54.xml")
    new = Bill.load(shared_data / "bills" / "social-housing-regulation-bill-hl60.xml")
    changes = compare(old, new)
    doc = compared(old, new, changes)
    assert doc.subtitle == "HL Bill 60, compared with HL Bill 54"
    in_print = [ln for ln in doc.lines if ln.in_print]
    assert [(ln.page, ln.number) for ln in in_print] == [
        (ln.page, ln.number) for ln in new.print.lines
    ]
    taken_out = [ln for ln in doc.lines if ln.numbering == "old"]
    # Clause 15(1) to (4) of HL Bill 54 went: struck through, on HL Bill 54's lines
    assert taken_out and all(r.mark == "del" for ln in taken_out for r in ln.runs)
    assert any(
        "The Housing and Regeneration Act 2008 is amended as follows" in ln.text for ln in taken_out
    )
    margins = [doc.notes[n].margin for ln in doc.lines for n in ln.notes]
    assert "taken out 13:10→—" in margins
    assert any(m.startswith("inserted —→") for m in margins)
    assert any(m.startswith("words ") for m in margins)


def test_the_bill_as_amended_of_a_bill_amended_before_does_not_make_them_again() -> None:
    """A bill committed as amended, exported as amended by the same paper: the app's PDF
    read "“, safe, energy efficient, energy efficient”" (a trial), though apply said the
    amendment was already made. The marks are settled; the record of what was made stays."""
    bill, paper = Bill.load(SAMPLE_BILL), load_paper(SAMPLE_PAPER)
    once, _ = apply(bill, paper.amendments, ["4"])
    doc, report = as_amended(once, paper)
    assert "4" not in [o.number for o in report.applied]
    text = " ".join("".join(r.text for r in ln.runs) for ln in doc.lines)
    assert text.count("requests the creation of") == 1
    assert any(n.startswith("Amendment 4: not applied (already made)") for n in doc.not_applied)


def test_a_paper_typed_on_a_keyboard_is_printed_as_the_house_sets_it() -> None:
    """Straight quotation marks and apostrophes, and a first word in lower case, are what a
    keyboard gives: the printed paper sets them as the House does (a typed paper came out
    with "2 years" in straight marks). Nothing else of the wording changes."""
    paper = read_paper_text(
        "Bill: Crime and Policing Bill\n\nAmendment 1\n"
        'clause 1, page 1, line 27, leave out "2 years" and insert "the court\'s term"\n'
    )
    [printed] = printed_paper(paper).amendments
    assert printed.instruction == (
        "Clause 1, page 1, line 27, leave out “2 years” and insert “the court’s term”"
    )


def test_a_lords_list_in_lawmaker_xml_is_headed_by_its_own_record_without_the_bill(
    tmp_path: Path,
) -> None:
    """LawMaker's XML says the provision each amendment targets: printed without the bill,
    the list keeps its clause headings (found in review: all were lost)."""
    bill, paper = Bill.load(SAMPLE_BILL), load_paper(SAMPLE_PAPER)
    xml = tmp_path / "paper.xml"
    xml.write_bytes(write_paper_xml(paper, bill))
    with_bill = [g.heading for g in printed_paper(paper, bill).groups]
    assert [g.heading for g in printed_paper(load_paper(xml)).groups] == with_bill


def test_a_typed_paper_says_which_print_its_page_and_line_numbers_cite() -> None:
    """A paper typed with its print named and no legend of its own: the printed paper says
    which print its numbers cite, as the House's lists do (a trial's PDF did not)."""
    typed = "Bill: Crime and Policing Bill\nBill number: HL Bill 101\n{}\nAmendment 1\n"
    typed += "Page 1, line 27, leave out “2 years”\n"
    plain = printed_paper(read_paper_text(typed.format("")))
    assert plain.notes == ("[The page and line references are to HL Bill 101.]",)
    staged = printed_paper(read_paper_text(typed.format("Print: As amended in Committee\n")))
    assert staged.notes == (
        "[The page and line references are to HL Bill 101, the bill as amended in Committee.]",
    )
    assert printed_paper(load_paper(SAMPLE_PAPER)).notes == load_paper(SAMPLE_PAPER).info.notes


def test_quotation_marks_typed_back_to_front_are_printed_the_right_way_round() -> None:
    """The check reads ”may“ as “may” (with a warning each way): the printed paper sets it
    so too, not with the slip the drafter typed. Marks the right way round, and a quotation
    inside quoted words, are left as they are."""
    paper = read_paper_text(
        "Bill: Crime and Policing Bill\n\nAmendment 1\n"
        "Clause 1, page 1, line 27, leave out ”may“ and insert ”must“\n\n"
        "Amendment 2\n"
        "Clause 1, page 1, line 28, leave out “the” and insert “the “relevant” (see below)”\n"
    )
    first, second = printed_paper(paper).amendments
    assert first.instruction == "Clause 1, page 1, line 27, leave out “may” and insert “must”"
    assert second.instruction == (
        "Clause 1, page 1, line 28, leave out “the” and insert “the “relevant” (see below)”"
    )


def test_quotation_marks_typed_back_to_front_are_turned_as_a_pair() -> None:
    """Quoted words typed ”…“ that begin with no letter (£5, (b), “, and”): the check
    reads each as “…”, and the printed paper must turn both marks, not the closing one
    alone (which printed ”£5”, two closing marks)."""
    paper = read_paper_text(
        "Bill: Crime and Policing Bill\n\nAmendment 1\n"
        "Clause 1, page 1, line 27, leave out ”£5“ and insert ”£10“\n\n"
        "Amendment 2\nClause 1, page 1, line 28, leave out ”(b) or“\n\n"
        "Amendment 3\nClause 1, page 1, line 29, at end insert ”, and“\n"
    )
    printed = [a.instruction for a in printed_paper(paper).amendments]
    assert printed == [
        "Clause 1, page 1, line 27, leave out “£5” and insert “£10”",
        "Clause 1, page 1, line 28, leave out “(b) or”",
        "Clause 1, page 1, line 29, at end insert “, and”",
    ]


def test_lords_lists_print_amendments_under_their_clauses() -> None:
    bill, paper = Bill.load(SAMPLE_BILL), load_paper(SAMPLE_PAPER)
    doc = printed_paper(paper, bill)
    assert doc.lords
    headings = [g.heading for g in doc.groups]
    assert headings[:2] == ["Clause 1", "Clause 2"]
    assert "After Clause 12" in headings
    assert "Clause 17" in headings
    # names in groups of six, the proposer first
    five = next(a for a in doc.amendments if a.number == "5")
    assert five.names[0][:2] == ("Baroness Ashworth of Kew", "Lord Tennant of Rye")
    assert five.units[0].heading.startswith("“Requesting")
    assert five.units[-1].text.endswith("”")


HL60 = "social-housing-regulation-bill-hl60.xml"


def _lords_paper(*wordings: str) -> Paper:
    """A Lords paper of HL Bill 60 with an amendment of each wording, numbered from 1."""
    head = "Bill number: HL Bill 60\nHouse: House of Lords\n"
    text = "".join(f"\nAmendment {n}\n{w}\n" for n, w in enumerate(wordings, 1))
    return read_paper_text(head + text)


def _headings(doc: PrintedPaper) -> dict[str, str]:
    return {a.number: g.heading for g in doc.groups for a in g.amendments}


def _provisions(xml: bytes) -> dict[str, str]:
    ukl = "{https://www.legislation.gov.uk/namespaces/UK-AKN}"
    found = {}
    for body in etree.fromstring(xml).iter(f"{{{AKN_NS}}}amendmentBody"):
        num = body.find(f".//{{{AKN_NS}}}num")
        assert num is not None
        found["".join(num.itertext()).strip()] = body.get(f"{ukl}targetProvision", "")
    return found


def test_lines_left_out_are_placed_by_their_first_line_not_the_page_s(shared_data: Path) -> None:
    """HL Bill 60's page 13, lines 12 to 14 are Clause 15(a) to (c), and page 2, line 20 is
    in Clause 3: an amendment leaving them out is headed and targeted there, not at the clause
    of the page's first line (Clause 13, Clause 2)."""
    bill = Bill.load(require_shared(shared_data / "bills" / HL60))
    paper = _lords_paper(
        "Page 13, leave out lines 12 to 14",
        "Page 2, leave out line 20",
        "Page 13, leave out from beginning of line 20 to end of line 21",
        "Page 13, line 12, leave out paragraph (a)",
    )
    assert _headings(printed_paper(paper, bill)) == {
        "1": "Clause 15",
        "2": "Clause 3",
        "3": "Clause 16",
        "4": "Clause 15",
    }
    assert _provisions(write_paper_xml(paper, bill)) == {
        "1": "sec_15",
        "2": "sec_3",
        "3": "sec_16",
        "4": "sec_15",
    }


@pytest.mark.parametrize("name", shared_bill_names())
def test_a_line_left_out_is_placed_as_the_line_cited_is(name: str) -> None:
    """On every bill, "Page P, leave out line L" goes under the heading, and gets the
    ``ukl:targetProvision``, of "Page P, line L, leave out line L": the last line of each
    page, whose clause is often not the page's first."""
    bill = Bill.load(require_shared(shared_data_dir() / "bills" / name))
    last = {line.page: line.number for line in bill.print.lines}
    wordings = [
        w
        for page, n in sorted(last.items())
        for w in (f"Page {page}, leave out line {n}", f"Page {page}, line {n}, leave out line {n}")
    ]
    paper = _lords_paper(*wordings)
    headings = _headings(printed_paper(paper, bill))
    provisions = _provisions(write_paper_xml(paper, bill))
    pairs = [(str(n), str(n + 1)) for n in range(1, len(wordings), 2)]
    assert [headings[a] for a, _ in pairs] == [headings[b] for _, b in pairs]
    assert [provisions[a] for a, _ in pairs] == [provisions[b] for _, b in pairs]
    assert any(headings.values())


def _grouped(doc: PrintedPaper) -> list[tuple[str, list[str]]]:
    return [(g.heading, [a.number for a in g.amendments]) for g in doc.groups]


def test_a_lords_list_whose_clauses_are_not_all_known_prints_no_clause_headings() -> None:
    """Without the bill, an amendment cited by page and line alone has no known clause:
    printed after amendment 1's heading it would read as amending Clause 99. A list that
    cannot head every amendment heads none (and says why); one that can keeps its headings."""
    cited = (
        "Clause 99, page 2, line 1, leave out “persons”",
        "Leave out Clause 16",
        "Title, line 1, leave out “and”",
    )
    paper = _lords_paper(*cited)
    doc = printed_paper(paper)
    assert _grouped(doc) == [("Clause 99", ["1"]), ("Clause 16", ["2"]), ("Title", ["3"])]
    assert doc.unplaced == ()
    paper = _lords_paper(*cited[:2], "Page 13, line 10, leave out “2008”", "Page 37, line 9")
    doc = printed_paper(paper)
    assert _grouped(doc) == [("", ["1", "2", "3", "4"])]
    assert doc.unplaced == ("3", "4")


def test_with_the_bill_a_heading_above_clauses_is_placed_with_the_clause_it_heads(
    shared_data: Path,
) -> None:
    """HL Bill 60's page 1, line 1 is the crossheading above Clause 1; page 60 is not in it
    (it has 55 pages), so that amendment's clause is not known, and no heading is printed."""
    bill = Bill.load(require_shared(shared_data / "bills" / HL60))
    paper = _lords_paper("Page 1, line 1, leave out “The”", "Page 1, line 2, leave out “1”")
    assert _grouped(printed_paper(paper, bill)) == [("Clause 1", ["1", "2"])]
    paper = _lords_paper("Page 2, line 12, leave out “may”", "Page 60, line 3, leave out “the”")
    doc = printed_paper(paper, bill)
    assert _grouped(doc) == [("", ["1", "2"])]
    assert doc.unplaced == ("2",)


def test_export_says_a_lords_list_is_printed_without_headings(tmp_path: Path) -> None:
    paper = tmp_path / "blank.txt"
    paper.write_text(
        "Bill number: HL Bill 60\nHouse: House of Lords\n\n"
        "Amendment 8\nClause 99, page 2, line 1, leave out “persons”\n\n"
        "Amendment 9\nPage 13, line 10, leave out “2008”\n\n"
        "Amendment 10\nPage 37, line 9, leave out “2022”\n",
        encoding="utf-8",
    )
    done = drafter("export", "paper", str(paper), "-o", str(tmp_path / "blank.html"))
    assert done.returncode == 0, done.stderr
    assert done.stderr == (
        f"warning: {paper}: printed without clause headings: the clauses of amendments 9, 10 "
        "are not known: give --bill to look them up\n"
    )
    assert 'class="place"' not in (tmp_path / "blank.html").read_text(encoding="utf-8")


def test_a_place_the_bill_does_not_have_is_said(shared_data: Path) -> None:
    """With the bill, each place an amendment cites is looked up: a clause or Schedule it
    names (in its citation, as the clause it leaves out, or as a new clause's anchor), its page
    and line, and that the line is in the clause it names."""
    from drafter.core.paper import place_not_in

    bill = Bill.load(require_shared(shared_data / "bills" / HL60))
    said = {
        "Clause 99, page 2, line 1, leave out “persons”": "there is no Clause 99 in",
        "Leave out Clause 45": "there is no Clause 45 in",
        "Clause 99 stand part": "there is no Clause 99 in",
        "Page 60, line 3, leave out “regulator”": "page 60, line 3 is not in HL Bill 60: ",
        "Page 13, leave out lines 70 to 72": "page 13, line 70 is not in HL Bill 60: ",
        "Clause 16, page 13, line 12, leave out paragraph (a)": (
            "page 13, line 12 is not in Clause 16 of HL Bill 60 (it is in Clause 15)"
        ),
        "Clause 15, page 13, line 12, leave out paragraph (a)": "",
        "Schedule 3, page 45, line 5, leave out “the”": "",
        "Page 13, leave out lines 12 to 14": "",
        "Leave out Clause 16": "",
        "Title, line 1, leave out “and”": "",
    }
    paper = _lords_paper(*said)
    got = {e.wording: place_not_in(bill, e.amendment) for e in paper.entries}
    assert {w: got[w][: len(start)] for w, start in said.items()} == said


def test_export_with_the_bill_warns_of_a_clause_it_does_not_have(
    shared_data: Path, tmp_path: Path
) -> None:
    """Amendment 8 cites Clause 99, which HL Bill 60 does not have: it is printed under its
    heading as written, and the export says so, naming the paper and the amendment."""
    bill = require_shared(shared_data / "bills" / HL60)
    paper = tmp_path / "report.txt"
    paper.write_text(
        "Bill number: HL Bill 60\nHouse: House of Lords\n\n"
        "Amendment 1\nPage 13, leave out lines 12 to 14\n\n"
        "Amendment 8\nClause 99, page 2, line 1, leave out “persons”\n",
        encoding="utf-8",
    )
    for out in ("paper.html", "paper.xml"):
        done = drafter(
            "export", "paper", str(paper), "--bill", str(bill), "-o", str(tmp_path / out)
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr.startswith(
            f"warning: {paper}: amendment 8: there is no Clause 99 in {bill} (it has clauses 1"
        )
        assert done.stderr.count("\n") == 1
    html = (tmp_path / "paper.html").read_text(encoding="utf-8")
    assert [h.split("<")[0] for h in html.split('class="place">')[1:]] == ["Clause 15", "Clause 99"]


def test_an_amendment_a_rebase_could_not_carry_says_which_print_it_cites(tmp_path: Path) -> None:
    paper = load_paper(SAMPLE_PAPER)
    stuck = replace(paper.entries[1].amendment, cites="HL Bill 101")
    moved = replace(paper.entries[1], amendment=stuck)
    paper = replace(paper, entries=(paper.entries[0], moved, *paper.entries[2:]))
    said = [a.cites for a in printed_paper(paper).amendments]
    assert said[1] == "Still cites HL Bill 101: not yet carried onto this print."
    assert [s for i, s in enumerate(said) if i != 1] == [""] * (len(said) - 1)
    export_paper(paper, tmp_path / "paper.html")
    assert said[1] in (tmp_path / "paper.html").read_text()
    export_paper(paper, tmp_path / "paper.docx")
    with zipfile.ZipFile(tmp_path / "paper.docx") as docx:
        words = "".join(etree.fromstring(docx.read("word/document.xml")).itertext())
    assert said[1] in words


# --- the command line --------------------------------------------------------------------------


def test_export_writes_every_format(tmp_path: Path) -> None:
    for out in ("amended.pdf", "amended.docx", "amended.html", "amended.xml"):
        done = drafter(
            "export",
            "bill",
            str(SAMPLE_BILL),
            str(SAMPLE_PAPER),
            "--only",
            "4,5",
            "-o",
            str(tmp_path / out),
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"wrote {tmp_path / out}: 2 of 2 amendments applied"
    assert (tmp_path / "amended.pdf").read_bytes().startswith(b"%PDF")
    assert b"drafter:amendment" in (tmp_path / "amended.xml").read_bytes()
    for out in ("paper.pdf", "paper.docx", "paper.html", "paper.xml"):
        done = drafter(
            "export",
            "paper",
            str(SAMPLE_PAPER),
            "--bill",
            str(SAMPLE_BILL),
            "-o",
            str(tmp_path / out),
        )
        assert done.returncode == 0, done.stderr
    assert load_paper(tmp_path / "paper.xml").amendments == load_paper(SAMPLE_PAPER).amendments


def test_export_compare_of_two_versions_in_a_bill_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    made = drafter("init", str(repo), "--bill", str(SAMPLE_BILL))
    assert made.returncode == 0, made.stderr
    env_git = ["git", "-C", str(repo), "-c", "user.name=Jane Clerk", "-c", "user.email=j@x"]
    amended = tmp_path / "amended.xml"
    assert (
        drafter(
            "apply", str(SAMPLE_BILL), str(SAMPLE_PAPER), "--only", "4", "-o", str(amended)
        ).returncode
        == 0
    )
    bill_file = next(p for p in repo.glob("*.xml"))
    shutil.copy(amended, bill_file)
    subprocess.run([*env_git, "commit", "-qam", "Amendment 4 agreed"], check=True)
    out = tmp_path / "changes.docx"
    done = drafter("export", "compare", "HEAD~1", "HEAD", "-o", str(out), cwd=repo)
    assert done.returncode == 0, done.stderr
    assert "1 word change in 1 provision" in done.stdout
    import zipfile

    with zipfile.ZipFile(out) as z:
        document = z.read("word/document.xml").decode()
    assert 'w:author="Jane Clerk"' in document


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["bill", str(SAMPLE_BILL), "-o", "{tmp}/bill.txt"], "“.txt” is not a format for a bill"),
        (
            ["compare", str(SAMPLE_BILL), str(SAMPLE_BILL), "-o", "{tmp}/c.xml"],
            "end the file name in .pdf, .docx or .html",
        ),
        (
            ["bill", str(SAMPLE_BILL), "-o", "{tmp}/no-such-dir/bill.pdf"],
            "no-such-dir: no such directory",
        ),
        (["bill", str(SAMPLE_BILL), "-o", "{tmp}"], "is a directory"),
        (["bill", str(SAMPLE_BILL), "--force", "-o", "{tmp}/b.pdf"], "name the PAPER"),
        (
            ["paper", str(SAMPLE_PAPER), "-o", "{tmp}/p.pdf", "--templates", "{tmp}/none"],
            "no such templates folder",
        ),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    tmp_path: Path, args: list[str], said: str
) -> None:
    before = sorted(tmp_path.iterdir())
    done = drafter("export", *[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert done.returncode == 2
    assert said in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert sorted(tmp_path.iterdir()) == before


def test_a_paper_for_another_bill_is_refused_unless_forced(
    tmp_path: Path, shared_data: Path
) -> None:
    """As apply does: refused, saying how to go on (--force), and written with a warning when
    forced (the Sentencing Bill's Commons report paper is a draft list LawMaker calls the
    “Criminal Justice amendments EG test Bill”, citing the Sentencing Bill's print)."""
    saf = shared_data / "bills" / "sustainable-aviation-fuel-bill-hc286.xml"
    done = drafter("export", "bill", str(saf), str(SAMPLE_PAPER), "-o", str(tmp_path / "x.pdf"))
    assert done.returncode == 2
    assert f"{SAMPLE_PAPER} is for HL Bill 101, but" in done.stderr and "Bill 286" in done.stderr
    assert "give --force" in done.stderr
    assert not (tmp_path / "x.pdf").exists()
    bill = shared_data / "bills" / "sentencing-bill-hl159.xml"
    paper = shared_data / "amendments" / "sentencing-bill-commons-report-amendments.xml"
    out = tmp_path / "x.html"
    forced = drafter(
        "export", "bill", str(bill), str(paper), "--only", "HoC58", "--force", "-o", str(out)
    )
    assert forced.returncode == 0, forced.stderr
    assert "warning: " in forced.stderr and "to another print" in forced.stderr
    assert "1 of 1 amendment applied" in forced.stdout
    assert "aggravating factor for sentencing" in out.read_text(encoding="utf-8")


def test_templates_of_your_own_and_what_is_missing_from_them(tmp_path: Path) -> None:
    mine = tmp_path / "templates"
    shutil.copytree(TEMPLATES, mine)
    (mine / "bill.css").write_text(
        (mine / "bill.css").read_text() + "\n.l.clause { color: #123456; }\n", encoding="utf-8"
    )
    out = tmp_path / "bill.html"
    export_bill(Bill.load(SAMPLE_BILL), out, templates=mine)
    assert "#123456" in out.read_text(encoding="utf-8")
    (mine / "bill.html").unlink()
    with pytest.raises(ExportError, match=r"not a complete templates folder .*bill\.html"):
        export_bill(Bill.load(SAMPLE_BILL), tmp_path / "again.html", templates=mine)
    assert not (tmp_path / "again.html").exists()


def test_a_font_the_machine_lacks_is_said_before_anything_is_written(tmp_path: Path) -> None:
    mine = tmp_path / "templates"
    shutil.copytree(TEMPLATES, mine)
    css = mine / "print.css"
    css.write_text(
        css.read_text() + '\nbody { font-family: "Drafter Nonesuch Serif", serif; }\n',
        encoding="utf-8",
    )
    out = tmp_path / "bill.pdf"
    out.write_bytes(b"what was there before")
    from drafter.export.pdf import installed_families

    if installed_families() is None:
        pytest.skip("this machine cannot list its fonts (no fc-list)")
    with pytest.raises(ExportError, match="“Drafter Nonesuch Serif” is installed"):
        export_bill(Bill.load(SAMPLE_BILL), out, templates=mine)
    assert out.read_bytes() == b"what was there before"


def test_a_draft_list_written_as_xml_is_valid_and_keeps_its_references(
    tmp_path: Path, shared_data: Path
) -> None:
    from lxml import etree

    from drafter.core.validate import schema_problems
    from drafter.export.documents import export_paper

    source = shared_data / "amendments" / "sentencing-bill-commons-report-amendments.xml"
    out = tmp_path / "list.xml"
    export_paper(load_paper(source), out)
    assert schema_problems(etree.parse(str(out))) == []
    again = load_paper(out)
    assert [e.number for e in again.entries][:3] == ["[HoC18]", "[HoC19]", "[HoC20]"]
    assert again.amendments == load_paper(source).amendments


def test_an_export_never_replaces_what_it_is_made_from(tmp_path: Path) -> None:
    paper = tmp_path / "paper.xml"
    shutil.copy(SAMPLE_PAPER, tmp_path / "paper.txt")
    assert drafter("export", "paper", str(tmp_path / "paper.txt"), "-o", str(paper)).returncode == 0
    before = paper.read_bytes()
    done = drafter("export", "paper", str(paper), "-o", str(paper))
    assert done.returncode == 2
    assert "is the file the paper is made from" in done.stderr
    assert paper.read_bytes() == before
    bill = tmp_path / "bill.xml"
    shutil.copy(SAMPLE_BILL, bill)
    done = drafter("export", "bill", str(bill), "-o", str(bill))
    assert done.returncode == 2 and "is the file the bill is made from" in done.stderr
    assert bill.read_bytes() == SAMPLE_BILL.read_bytes()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--only", ""], "names no amendment"),
        (["--only", "99"], "the paper has no amendment 99"),
    ],
)
def test_only_names_amendments_of_the_paper(tmp_path: Path, args: list[str], said: str) -> None:
    done = drafter(
        "export", "bill", str(SAMPLE_BILL), str(SAMPLE_PAPER), *args, "-o", str(tmp_path / "a.pdf")
    )
    assert done.returncode == 2
    assert said in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "a.pdf").exists()


def test_templates_given_for_word_must_be_whole_too(tmp_path: Path) -> None:
    out = tmp_path / "paper.docx"
    done = drafter(
        "export", "paper", str(SAMPLE_PAPER), "-o", str(out), "--templates", str(tmp_path / "none")
    )
    assert done.returncode == 2 and "no such templates folder" in done.stderr
    assert not out.exists()


def test_a_table_put_in_is_printed_as_a_table(tmp_path: Path) -> None:
    """In the paper's HTML (and so its PDF) a table an amendment puts in is a table, its
    heading row bold and the quotation's marks on its first and last cells; in Word, a row
    to a line, its cells set apart by tabs."""
    case = REPO_ROOT / "tests" / "cases" / "inserted-tables"
    paper = load_paper(case / "amendments.txt")
    export_paper(paper, tmp_path / "paper.html")
    html = (tmp_path / "paper.html").read_text()
    assert '<tr class="head"><td>Application</td><td>Fee</td></tr>' in html
    assert "<tr><td>A respect order</td><td>£100</td></tr>" in html
    assert "<tr><td>“Variation</td><td>£25””</td></tr>" in html  # its quotation, then the paper's
    export_paper(paper, tmp_path / "paper.docx")
    with zipfile.ZipFile(tmp_path / "paper.docx") as docx:
        document = etree.fromstring(docx.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    rows = [
        "".join(t.text or "\t" for t in p.iter(w + "t", w + "tab")) for p in document.iter(w + "p")
    ]
    assert "A respect order\t£100" in rows


def test_new_lines_carry_the_numbers_apply_gives_them() -> None:
    """The lines an amendment puts in are numbered by drafter (shown apart from the print's):
    with the numbers apply gives them when it lays the bill as amended out again, following
    on from the print's lines before them (new Clause 12A after page 6, line 30)."""
    from drafter.core.apply import apply

    bill, paper = Bill.load(SAMPLE_BILL), load_paper(SAMPLE_PAPER)
    doc, _ = as_amended(bill, paper)
    new = [ln for ln in doc.lines if ln.numbering == "drafter"]
    laid, report = apply(bill, paper.amendments)
    assert report.laid_out
    assert len(new) > 20
    ours = iter(laid.print.lines)  # the same words, in order
    for line in new:
        same = next(ln for ln in ours if ln.text == line.text)
        assert (line.page, line.number) == (same.page, same.number), line.text
    heading = next(ln for ln in new if ln.text.startswith("12A Requesting"))
    assert (heading.page, heading.number) == (6, 31)


def test_each_word_edit_of_a_comparison_is_noted_where_it_stands(shared_data: Path) -> None:
    """A comparison's margin note on changed words gives their own page:line in both prints,
    on the line where they stand: a provision long enough to run over pages (a quoted Part
    of HL Bill 60) has edits pages from its start, and each is noted at its own place."""
    old = Bill.load(shared_data / "bills" / "social-housing-regulation-bill-hl54.xml")
    new = Bill.load(shared_data / "bills" / "social-housing-regulation-bill-hl60.xml")
    changes = compare(old, new)
    doc = compared(old, new, changes)
    edits = [e for c in changes.changes if c.kind == "changed" and not c.moved for e in c.edits]
    noted = [
        (doc.notes[n].margin, (line.page, line.number))
        for line in doc.lines
        if line.in_print
        for n in line.notes
        if doc.notes[n].margin.startswith("words ")
    ]
    assert len(noted) == len(edits) > 50
    assert all(margin.endswith(f"→{page}:{number}") for margin, (page, number) in noted)
    assert ("words 25:29→28:22", (28, 22)) in noted  # in the quoted Part that starts at 27:23


def test_a_table_s_line_sets_each_cell_s_words_in_its_own_column(shared_data: Path) -> None:
    """A cell's words run on over lines on which the cells beside it have none: each line of
    a table sets its words in their own column, as wide as the table's (LawMaker's
    templateColumns when it gives them), the others left empty, in HTML, PDF and Word."""
    doc = clean(Bill.load(shared_data / "bills" / "renters-rights-bill-hc127.xml"))

    def columns(page: int, number: int) -> list[tuple[float, str]]:
        line = _line(doc.lines, page, number)
        return [(w, "".join(r.text for r in runs).strip()) for w, runs in line.table_cells]

    assert [text for _, text in columns(6, 37)] == ["", "date of the service of the notice"]
    assert [text for _, text in columns(6, 36)] == [
        "5E, 5F, 5G, 8, 10, 11, 18",
        "four weeks beginning with the",
    ]
    welsh = columns(75, 5)  # ukl:templateColumns="25 50 25"
    assert welsh == [(25.0, ""), (50.0, "D-C i fod â phersonau o dan 18 oed"), (25.0, "")]
    assert _line(doc.lines, 75, 10).widths == ()  # the text after the table


def test_a_cell_spanning_columns_takes_their_widths() -> None:
    """A cell with a colspan sets its words across the columns it spans (a review's find:
    it was squeezed into its first column's width)."""
    from drafter.export.printed import Run

    words = (Run("Ground specified in notice and period"),)
    across = PrintedLine(1, 1, words, columns=(0,), spans=(2,), widths=(43.6, 56.4))
    assert across.table_cells == [(100.0, words)]
    middle = PrintedLine(1, 1, words, columns=(1,), spans=(1,), widths=(25.0, 50.0, 25.0))
    assert middle.table_cells == [(25.0, ()), (50.0, words), (25.0, ())]


def test_a_table_in_a_papers_motion_is_kept_as_rows(shared_data: Path) -> None:
    """A trial found the Victims and Prisoners Bill's programme motion printing its table
    of witnesses one cell to a line: its rows are kept as rows, each cell's words apart."""
    paper = load_paper(
        shared_data / "amendments" / "victims-and-prisoners-bill-hc286-pbc-amendments.xml"
    )
    rows = [s.cells for s in printed_paper(paper).statements if s.cells]
    assert rows[0] == ("Date", "Time", "Witness")
    assert rows[1] == (
        "Tuesday 20 June",
        "Until no later than 9.55 am",
        "Domestic Abuse Commissioner",
    )
    assert len(rows) > 15 and all(len(row) == 3 for row in rows)
