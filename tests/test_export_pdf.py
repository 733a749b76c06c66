"""PDFs checked against the House's own prints, read back with pdfplumber as a reader would:
the clean print of the Sustainable Aviation Fuel Bill has every numbered line start with the
words the official print's does, and a list of draft amendments exported from its XML has
LawMaker's print's amendments, order, names, wording and explanatory statements."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import weasyprint

from drafter.core.bill import Bill
from drafter.core.paper import load_paper
from drafter.export import pdf as pdf_module
from drafter.export.documents import export_bill, export_paper
from drafter.export.printed import clean
from drafter.export.templates import render
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.skipif(
    pdf_module.installed_families() is not None
    and "tex gyre pagella" not in (pdf_module.installed_families() or ())
    and "book antiqua" not in (pdf_module.installed_families() or ()),
    reason="no Palatino-like font installed (on Debian: apt install fonts-texgyre)",
)


def numbered_lines(path: Path, words: int = 3) -> dict[tuple[int, int], str]:
    """(page, line) -> the first ``words`` words of every line numbered in the margin, the
    page read from the running head's number at the top of each page."""
    found: dict[tuple[int, int], str] = {}
    with pdfplumber.open(path) as pdf:
        page_number = None
        for page in pdf.pages:
            all_words = page.extract_words(x_tolerance=1.5)
            head = [w for w in all_words if w["top"] < 90 and w["text"].isdigit()]
            if head:
                page_number = int(head[0]["text"])
            if page_number is None:
                continue
            margin = [
                w
                for w in all_words
                if w["top"] >= 90 and w["text"].isdigit() and w["x0"] > page.width * 0.83
            ]
            for m in margin:
                middle = (m["top"] + m["bottom"]) / 2
                beside = sorted(
                    (
                        w
                        for w in all_words
                        if w is not m
                        and w["x1"] < m["x0"]
                        and w["top"] - 4 <= middle <= w["bottom"] + 4
                    ),
                    key=lambda w: w["x0"],
                )
                found[(page_number, int(m["text"]))] = " ".join(w["text"] for w in beside[:words])
    return found


def test_the_clean_print_numbers_its_lines_as_the_official_print(
    tmp_path: Path, shared_data: Path
) -> None:
    out = tmp_path / "saf.pdf"
    export_bill(Bill.load(shared_data / "bills" / "sustainable-aviation-fuel-bill-hc286.xml"), out)
    official = numbered_lines(shared_data / "prints" / "sustainable-aviation-fuel-bill-hc286.pdf")
    ours = numbered_lines(out)
    assert len(official) == 70  # every fifth line of the print, page by page
    wrong = {place: (words, ours.get(place)) for place, words in official.items()}
    wrong = {place: pair for place, pair in wrong.items() if pair[0] != pair[1]}
    assert wrong == {}


def wrapped_lines(bill: Bill) -> list[str]:
    """The printed lines of the bill's PDF that WeasyPrint has to set on more than one line
    of the page (a block of printed lines taking more line boxes than it has lines), read
    from WeasyPrint's layout of the pages."""
    doc = clean(bill)
    html = render("bill.html", None, "lords" if doc.lords else "commons", doc=doc)
    boxes: dict[object, int] = {}
    blocks: dict[object, object] = {}

    def walk(box: object) -> None:
        element = getattr(box, "element", None)
        classes = (element.get("class") or "").split() if element is not None else []
        if "lines" in classes and type(box).__name__ == "BlockBox":
            lines = sum(type(c).__name__ == "LineBox" for c in box.children)  # type: ignore[attr-defined]
            boxes[id(element)] = boxes.get(id(element), 0) + lines
            blocks[id(element)] = element
            return
        for child in getattr(box, "children", None) or ():
            walk(child)

    for page in weasyprint.HTML(string=html).render().pages:
        walk(page._page_box)  # WeasyPrint's layout tree of the page
    wrapped = []
    for key, element in blocks.items():
        text = "".join(element.itertext())  # type: ignore[attr-defined]
        if boxes[key] > text.count("\n") + 1:
            wrapped.append(" ".join(text.split()))
    return wrapped


def test_each_printed_line_is_one_line_of_the_pdf(shared_data: Path) -> None:
    """Quoted text stands where the print sets it (a quotation starts again from the words
    quoting it), so that the House's lines fit: none is broken in two. One line of HL Bill 54
    does not fit: LawMaker's XML has no markers for lines 5-4 and 5-5, so "5-3" holds three
    lines' words. (Its two opening marks are the print's: the quotation's and the defined
    term's, ““housing ombudsman” means … 1996,”.)"""
    assert wrapped_lines(Bill.load(REPO_ROOT / "bills" / "crime-and-policing-bill.xml")) == []
    hl54 = Bill.load(shared_data / "bills" / "social-housing-regulation-bill-hl54.xml")
    assert [line[:20] for line in wrapped_lines(hl54)] == ["““housing ombudsman”"]


_REFERENCE = re.compile(r"\[HoC\d+\]")
_INSTRUCTION = re.compile(r"^\.?\s*(To move|Clause \d|Page \d|Schedule \d|Title)")


def amendments_printed(path: Path) -> dict[str, tuple[list[str], list[str], list[str]]]:
    """Each amendment of a printed list of draft amendments, in order: reference -> the words
    of its names, of its instruction and inserted text, and of its explanatory statement.
    Page numbers (alone at the foot) are dropped, and a word broken at a hyphen across two
    lines is read whole."""
    lines: list[str] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            text_lines = (page.extract_text(x_tolerance=1.5) or "").splitlines()
            if text_lines and text_lines[-1].strip().isdigit():
                text_lines = text_lines[:-1]
            lines.extend(text_lines)
    parts: dict[str, dict[str, list[str]]] = {}
    current = ""
    part = "names"
    for raw in lines:
        line = raw.replace("_", " ").strip()  # LawMaker's rule reads as "_"
        found = _REFERENCE.search(line)
        if found:
            current = found.group(0)
            parts[current] = {"names": [line[: found.start()]], "body": [], "statement": []}
            part = "names"
            continue
        if not current or not line:
            continue
        if part == "names" and _INSTRUCTION.match(line):
            part = "body"
        if line.startswith("Member's explanatory statement"):
            part = "statement"
            continue
        parts[current][part].append(line.lstrip(". ") if part == "body" else line)

    def words(texts: list[str]) -> list[str]:
        return re.sub(r"(\w)- (\w)", r"\1-\2", " ".join(texts)).split()

    return {
        ref: (words(p["names"]), words(p["body"]), words(p["statement"]))
        for ref, p in parts.items()
    }


def test_a_draft_list_prints_as_lawmaker_prints_it(tmp_path: Path, shared_data: Path) -> None:
    paper = load_paper(shared_data / "amendments" / "sentencing-bill-commons-report-amendments.xml")
    out = tmp_path / "list.pdf"
    export_paper(paper, out)
    theirs = amendments_printed(
        shared_data / "prints" / "sentencing-bill-commons-report-amendments.pdf"
    )
    ours = amendments_printed(out)
    assert list(ours) == list(theirs) == [e.number for e in paper.entries]
    for ref, (names, body, statement) in theirs.items():
        assert ours[ref][0] == names, f"{ref}: names"
        assert ours[ref][1] == body, f"{ref}: wording"
        assert ours[ref][2] == statement, f"{ref}: explanatory statement"


def test_a_number_wider_than_its_room_is_followed_by_a_space(tmp_path: Path) -> None:
    """A hanging number takes the words to their place; one wider than its room (“(2A) in a
    quotation, which hangs 30pt out) is followed by a word space, as in print, not run into
    the words after it ("“(2A)This") nor set far from them."""
    out = tmp_path / "sample.pdf"
    export_bill(Bill.load(REPO_ROOT / "bills" / "crime-and-policing-bill.xml"), out)
    with pdfplumber.open(out) as pdf:
        lines = [
            sorted(words, key=lambda w: w["x0"])
            for page in pdf.pages
            for words in _by_line(page.extract_words(x_tolerance=1.5))
        ]
    glued = [w["text"] for line in lines for w in line if re.match(r"“?\(\w+\)\w", w["text"])]
    assert glued == []
    wide = [line for line in lines if line[0]["text"] in ("“(2A)", "“(11)")]
    assert len(wide) == 2
    for number, first, *_ in wide:
        assert 2.5 <= first["x0"] - number["x1"] <= 6, (number["text"], first["text"])


def _by_line(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Words on one line of the page together (their tops within a point)."""
    lines: dict[int, list[dict[str, Any]]] = {}
    for word in words:
        lines.setdefault(round(word["top"]), []).append(word)
    return list(lines.values())


def test_a_section_a_new_clause_inserts_stands_within_the_clause(tmp_path: Path) -> None:
    """In a paper, a section quoted in a new clause (“66F, inserted by new Clause 12A) hangs
    its number at the words quoting it, not out to the left of the clause; and each level of
    quoted text stands further in, however deep (as the Energy Bill's list goes, six levels)."""
    out = tmp_path / "paper.pdf"
    export_paper(
        load_paper(REPO_ROOT / "bills" / "crime-and-policing-bill-amendments.txt"),
        out,
        bill=Bill.load(REPO_ROOT / "bills" / "crime-and-policing-bill.xml"),
    )
    with pdfplumber.open(out) as pdf:
        words = [w for page in pdf.pages for w in page.extract_words(x_tolerance=1.5)]
    quoting = next(
        w for w in words if w["text"] == "In" and words[words.index(w) + 1]["text"] == "the"
    )
    number = next(w for w in words if w["text"] == "“66F")
    assert abs(number["x0"] - quoting["x0"]) < 2, (number, quoting)


def test_every_depth_of_quoted_text_in_a_real_list_has_its_indent(shared_data: Path) -> None:
    """The Energy Bill's marshalled list quotes text six levels deep: each level a paper
    prints has an indent of its own in the paper's style (a level without one fell back to
    the first level's)."""
    from drafter.export.paper_doc import printed_paper

    paper = load_paper(shared_data / "amendments" / "energy-bill-hc340-report-marshalled-list.xml")
    units = [u for a in printed_paper(paper).amendments for u in a.units]
    depths = {u.depth for u in units}
    headings = {u.depth for u in units if u.heading and not u.text and u.depth}
    assert max(depths) >= 6 and max(headings) >= 4
    css = (REPO_ROOT / "templates" / "paper.css").read_text(encoding="utf-8")
    indents = {int(d) for d in re.findall(r"\.u\.d(\d+) \{ padding-left", css)}
    assert {d for d in depths if d != 1} <= indents  # the first level is .u's own
    quoted = {int(d) for d in re.findall(r"\.u\.hd\.d(\d+) \{ padding-left", css)}
    assert headings <= quoted


def _one_line_paper(house: str) -> str:
    """A paper of forty one-line amendments, explanatory statements on the 1st, 20th and
    40th (a tester's: pages held 1, 14, 5, 14 and 6 amendments)."""
    head = f"Bill: Social Housing (Regulation) Bill [HL]\nBill number: HL Bill 60\nHouse: {house}\n"
    amendments = []
    for n in range(1, 41):
        text = f"Amendment {n}\nSponsors: Lord Best\n"
        text += "Page 2, line 12, leave out “may” and insert “must”\n"
        if n in (1, 20, 40):
            text += "Explanatory statement: This amendment would require payment.\n"
        amendments.append(text)
    return head + "\n" + "\n".join(amendments)


@pytest.mark.parametrize("house", ["House of Lords", "House of Commons"])
def test_a_page_of_a_paper_breaks_between_amendments_and_fills(tmp_path: Path, house: str) -> None:
    """An amendment's names and instruction are kept with what follows them in that
    amendment, not with the next amendment: a paper of one-line amendments fills each page
    (each instruction held to the next amendment's names left a page break only after a
    statement, and pages with the title alone or an amendment or two)."""
    from drafter.core.paper.text_format import read_paper_text

    out = tmp_path / "paper.pdf"
    export_paper(read_paper_text(_one_line_paper(house)), out)
    with pdfplumber.open(out) as pdf:
        per_page = [(page.extract_text() or "").count("leave out") for page in pdf.pages]
    assert sum(per_page) == 40
    assert min(per_page[:-1]) >= 8, per_page


def test_an_instruction_is_never_the_last_line_of_a_page(tmp_path: Path, shared_data: Path) -> None:
    """A page may break between amendments, but not between an instruction and the start
    of the text it puts in: in a real list, no page ends with "… insert—"."""
    paper = load_paper(
        shared_data / "amendments" / "victims-and-prisoners-bill-hc286-pbc-amendments.xml"
    )
    out = tmp_path / "list.pdf"
    export_paper(paper, out)
    with pdfplumber.open(out) as pdf:
        ends = []
        for page in pdf.pages:
            lines = [line for line in (page.extract_text() or "").splitlines() if line.strip()]
            body = lines[:-1] if lines and lines[-1].strip().isdigit() else lines
            ends.append(body[-1].strip() if body else "")
    assert len(ends) > 20
    # (a page may break inside the text put in: after "(3A) … including—", say)
    assert [end for end in ends if re.search(r"(insert|Clause|Schedule)—$", end)] == []


def test_a_print_page_that_new_text_runs_past_heads_its_further_pages(tmp_path: Path) -> None:
    """New text can make a page of the bill as amended run to more than one sheet of paper;
    each further sheet has the bill's short title and the page it continues at its head, where
    the print has its head, so that a page read on its own says what it is."""
    subsections = "\n".join(
        f"        ({n}) The Secretary of State must publish a report on the operation of the "
        f"provision made by section 66E for the year numbered {n}."
        for n in range(1, 41)
    )
    paper = tmp_path / "paper.txt"
    paper.write_text(
        "Amendment 1\nSponsors: Lord Tennant of Rye\n"
        "After Clause 12, insert the following new Clause—\n"
        f"    # Reports on deepfake offences\n{subsections}\n",
        encoding="utf-8",
    )
    bill = Bill.load(REPO_ROOT / "bills" / "crime-and-policing-bill.xml")
    out = tmp_path / "amended.pdf"
    report = export_bill(bill, out, paper=load_paper(paper), source=paper)
    assert report is not None and [o.number for o in report.applied] == ["1"]
    with pdfplumber.open(out) as pdf:
        heads = []
        for page in pdf.pages:
            top = min(w["top"] for w in page.extract_words())
            line = [w for w in page.extract_words() if w["top"] - top < 3]
            heads.append(" ".join(w["text"] for w in sorted(line, key=lambda w: w["x0"])))
    title = bill.metadata.title
    continued = [i for i, head in enumerate(heads) if head.endswith("(continued)")]
    assert len(continued) >= 2  # forty subsections: two more sheets at least
    for i in continued:
        previous = heads[i - 1].removesuffix(" (continued)")
        assert heads[i] == f"{title} {previous.rsplit(' ', 1)[1]} (continued)"
    assert all(h.startswith(title) for h in heads[1:])  # the cover's is under the House's
