"""The forms real papers use, checked and applied on real bills: a range across pages, a range
to the end of a provision, the long title (decided and listed last), several clauses left out
at once, the Scottish Parliament's bills, and draft amendments named by reference."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.core.akn import AKN
from drafter.core.apply import apply
from drafter.core.bill import Bill
from drafter.core.etree import etree
from drafter.core.long_title import title_text
from drafter.core.marshalling import marshalled_index
from drafter.core.paper import load_paper
from drafter.core.reprint import reprinted
from drafter.core.resolve import AmendmentError, resolve
from drafter.core.wording import parse_amendment
from tests.test_cli_amendments import drafter

HL159 = "bills/sentencing-bill-hl159.xml"
RENTERS = "bills/renters-rights-bill-hc127.xml"
SENTENCING_PAPER = "amendments/sentencing-bill-commons-report-amendments.xml"


@pytest.fixture(scope="module")
def hl159(shared_data: Path) -> Bill:
    return Bill.load(shared_data / HL159)


@pytest.fixture(scope="module")
def renters(shared_data: Path) -> Bill:
    return Bill.load(shared_data / RENTERS)


def test_a_range_across_a_page_ends_on_the_page_it_names(hl159: Bill) -> None:
    pr = hl159.print
    last_of_1 = pr.page_lines(1)[-1].number
    a = parse_amendment(
        f"Page 1, leave out from beginning of line {last_of_1 - 1} to end of line 2 on page 2"
    )
    (r,) = resolve(hl159, a)
    assert pr.text[r.start : r.end] == pr.text[pr.line(1, last_of_1 - 1).start : pr.line(2, 2).end]
    with pytest.raises(AmendmentError, match="there is no line 99 on page 2"):
        resolve(
            hl159,
            parse_amendment(
                "Page 1, leave out from beginning of line 3 to end of line 99 on page 2"
            ),
        )
    with pytest.raises(AmendmentError, match="comes before"):
        resolve(
            hl159,
            parse_amendment(
                "Page 2, leave out from beginning of line 3 to end of line 2 on page 1"
            ),
        )


def test_a_range_to_the_end_of_a_subsection(hl159: Bill) -> None:
    pr = hl159.print
    line = next(ln for ln in pr.lines if "This section applies where" in pr.text[ln.start : ln.end])
    cited = f"Page {line.page}, line {line.number}, leave out from “applies”"
    a = parse_amendment(f"{cited} to the end of subsection (1)")
    (r,) = resolve(hl159, a)
    left_out = pr.text[r.start : r.end]
    assert left_out.startswith(" where") and "(2)" not in left_out
    assert pr.text[r.end : r.end + 5].strip().startswith("(2)")
    with pytest.raises(AmendmentError, match="not in subsection \\(9\\)"):
        resolve(
            hl159,
            parse_amendment(f"{cited} to the end of subsection (9)"),
        )


def test_the_long_title_is_amended_and_decided_last(renters: Bill) -> None:
    line = renters.find("Clause 1").lines()[1]
    word = renters.print.text[line.start : line.end].split()[-1]
    body = parse_amendment(
        f"Clause 1, page {line.page}, line {line.number}, leave out “{word}”", "1"
    )
    assert resolve(renters, body)
    title = parse_amendment("Title, line 2, after “tenancies;” insert “regulating deposits;”", "2")
    clash = parse_amendment("Title, line 4, leave out “for connected purposes”", "3")
    also = parse_amendment("Title, line 1, leave out “rented homes” and insert “homes let”", "5")
    nowhere = parse_amendment("Title, line 9, leave out “homes”", "4")
    assert resolve(renters, title)[0].start == len(renters.print.text)  # it bites last
    assert marshalled_index(renters, [title], body) == 0
    assert marshalled_index(renters, [body], title) == 1
    overlap = parse_amendment("Title, line 1, leave out “homes”", "6")
    amended, report = apply(renters, [title, clash, nowhere, also, overlap])
    verdicts = [(o.number, o.verdict) for o in report.outcomes]
    assert verdicts == [
        ("2", "applied"),
        ("3", "applied"),
        ("4", "does not fit"),
        ("5", "applied"),
        ("6", "conflict"),
    ]
    assert "the long title has lines 1 to 4, not line 9" in report.outcome("4").reason
    amended_title = title_text(amended.tree.getroot())
    assert amended_title.startswith("Make provision changing the law about homes let, including")
    assert "shorthold tenancies; regulating deposits; imposing obligations" in amended_title
    assert amended_title.endswith("supported accommodation; and.")
    assert title_text(renters.tree.getroot()).endswith("and for connected purposes.")  # unchanged


def test_several_clauses_left_out_by_one_amendment(hl159: Bill) -> None:
    first = hl159.find("Clause 2").lines()[0]
    a = parse_amendment(f"Page {first.page}, line {first.number}, leave out Clauses 2 and 3", "9")
    amended, report = apply(hl159, [a])
    assert report.ok, report.text()
    assert {c.provision for c in report.outcome("9").changes} == {"Clause 2", "Clause 3"}
    assert [c.number for c in amended.clauses][:2] == ["1", "4"]


def test_a_draft_list_is_read_whole_and_named_by_reference(shared_data: Path) -> None:
    paper = shared_data / SENTENCING_PAPER
    listed = drafter("amendments", str(paper))
    rows = listed.stdout.splitlines()
    assert len(rows) == 82 and rows[0].startswith("[HoC18]")
    assert any(r.startswith("[HoC58] !To move the following Clause—") for r in rows)
    assert listed.stderr.splitlines()[-1] == (
        "82 amendments: read 82, with warnings 1, unreadable 0"
    )
    as_json = json.loads(drafter("amendments", str(paper), "--json").stdout)
    assert {r["number"]: r["type"] for r in as_json}["[HoC61]"] == "leaveOutClause"
    # --only names a draft amendment by its reference, brackets or none. LawMaker's sample
    # list calls its bill "Criminal Justice amendments EG test Bill" while citing the
    # Sentencing Bill's print: applying it takes --force, and says why
    refused = drafter("apply", str(shared_data / HL159), str(paper), "--only", "HoC97")
    assert refused.returncode == 2 and "give --force" in refused.stderr
    for name in ("HoC97", "[HoC97]"):
        out = drafter("apply", str(shared_data / HL159), str(paper), "--only", name, "--force")
        assert out.returncode == 0, out.stderr
        assert "Amendment [HoC97]: applied" in out.stdout


def test_a_scottish_parliament_bill_has_sections(shared_data: Path) -> None:
    bill = shared_data / "keeling/bankruptcy-scotland-act-2016/bill.xml"
    info = drafter("info", str(bill)).stdout
    assert "House           Scottish Parliament" in info
    assert "Sections        19" in info and "Clauses" not in info
    loaded = Bill.load(bill)
    # its provisions are cited as the Parliament cites them, in a diff and on the status line
    assert loaded.citation_of(loaded.find("Section 2A(6)").element) == "Section 2A(6)"
    line = loaded.find("Clause 1").lines()[1]
    word = loaded.print.text[line.start : line.end].split()[-1]
    a = parse_amendment(f"In section 1, page {line.page}, line {line.number}, leave out <{word}>")
    assert a.style == "sp"
    (r,) = resolve(loaded, a)
    assert loaded.print.text[r.start : r.end] == word


def test_a_scottish_bill_is_amended_in_its_own_words(shared_data: Path) -> None:
    """Drafting on a Scottish Parliament bill writes the Parliament's wording."""
    from drafter.core.drafting import in_context

    loaded = Bill.load(shared_data / "keeling/bankruptcy-scotland-act-2016/bill.xml")
    line = loaded.find("Clause 2").lines()[1]
    text = loaded.print.text
    start = line.start + text[line.start : line.end].index(" ") + 1
    end = text.index(" ", start)
    wording = in_context(loaded, "replace", line, start, end, "new words")
    word = text[start:end]
    assert wording == (
        f"In section 2, page {line.page}, line {line.number}, leave out <{word}> and insert "
        "<new words>"
    )
    assert resolve(loaded, parse_amendment(wording))


def test_the_editor_checks_a_title_amendment_against_the_title() -> None:
    from drafter.core.drafting import check_wording
    from tests.conftest import REPO_ROOT

    sample = Bill.load(REPO_ROOT / "bills" / "crime-and-policing-bill.xml")
    ok = check_wording(sample, "Title, line 1, leave out “anti-social”", "1")
    assert ok.ok and ok.message == "✓ ok — the long title, line 1"
    assert ok.spans == ()  # nothing in the body to highlight
    wrong = check_wording(sample, "Title, line 1, leave out “firearms”", "1")
    assert not wrong.ok and wrong.message.startswith("“firearms” is not on line 1 of the title")


def test_the_bill_as_amended_marks_the_long_titles_changes() -> None:
    from drafter.core.paper import read_paper_text
    from drafter.export.printed import as_amended
    from tests.conftest import REPO_ROOT

    sample = Bill.load(REPO_ROOT / "bills" / "crime-and-policing-bill.xml")
    paper = read_paper_text(
        "Bill: Crime and Policing Bill\n\nAmendment 1\nSponsors: Lord Example\n"
        "Title, line 1, leave out “anti-social behaviour” and insert “anti-social conduct”\n"
    )
    doc, report = as_amended(sample, paper)
    assert report.ok
    marked = [(r.text, r.mark) for r in doc.long_title_runs if r.mark]
    assert marked == [("behaviour", "del"), ("conduct", "ins")]
    assert all(
        doc.notes[r.note].text == "Amendment 1 (Lord Example)"
        for r in doc.long_title_runs
        if r.mark
    )
    assert "".join(r.text for r in doc.long_title_runs if r.mark != "del").startswith(
        "Make provision about anti-social conduct;"
    )


def test_a_section_that_lawmaker_put_beside_a_new_clause_is_applied_as_quoted(
    shared_data: Path, hl159: Bill
) -> None:
    """[HoC58]'s new clause ends "(2) After section 3A, insert—", and LawMaker put section 3B
    of the Road Traffic Act beside the clause, not in it. It is applied as what subsection (2)
    inserts: a quotation, printed in quotation marks, that a reprint leaves alone (not a
    clause 3B of the bill, nor its words numbered as subsections)."""
    paper = load_paper(shared_data / SENTENCING_PAPER)
    amended, report = apply(hl159, paper.amendments, only=["[HoC58]"])
    assert report.ok, report.text()
    (section,) = [c for c in amended.body.iter(AKN + "section") if _num(c) == "3B"]
    assert section.getparent().tag == AKN + "quotedStructure"
    assert "“3B Causing death" in amended.print.text
    assert "so aggravated.”" in amended.print.text
    reprint, _ = reprinted(amended.tree)
    numbers = [c.number for c in Bill(reprint).clauses]
    assert "3B" not in numbers and len(numbers) == len(hl159.clauses) + 1


def _num(element: etree._Element) -> str:
    num = element.find(AKN + "num")
    return "".join(num.itertext()).strip() if num is not None else ""
