"""apply on the sample and the real bills: the new clause, immutability, provenance, the
command line, and a property test checked on plain text by string surgery."""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from drafter.cli import cli
from drafter.core.amendment import (
    Amendment,
    InsertAfter,
    InsertAtEnd,
    InsertBefore,
    LeaveOut,
    LeaveOutProvisions,
    LeaveOutRange,
    NewClause,
    Operation,
    Substitute,
    Target,
    Words,
)
from drafter.core.apply import AMENDMENT_ATTR, PROVENANCE_NS, Report, apply
from drafter.core.bill import Bill
from drafter.core.files import xml_bytes
from drafter.core.paper import load_paper
from drafter.core.print.lines import Line
from drafter.core.validate import validate_bill

from .conftest import REPO_ROOT
from .test_apply_typography import inserted_words

SAMPLE = REPO_ROOT / "bills" / "crime-and-policing-bill.xml"
SAMPLE_PAPER = REPO_ROOT / "bills" / "crime-and-policing-bill-amendments.txt"
A = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


def errors(bill: Bill) -> list[str]:
    return [str(p) for p in validate_bill(bill) if p.severity == "error"]


def test_the_solicitation_clause_goes_after_clause_12() -> None:
    bill = Bill.load(SAMPLE)
    paper = load_paper(SAMPLE_PAPER)
    amended, report = apply(bill, paper.amendments, only=["5"])
    assert report.ok and [o.number for o in report.outcomes] == ["5"]
    numbers = [c.number for c in amended.clauses]
    assert numbers[numbers.index("12") + 1] == "12A"
    new = amended.find("Clause 12A")
    assert new.heading == "Requesting the creation of purported intimate image of adult"
    assert "66F" in new.text and new.element.get(AMENDMENT_ATTR) == "5"
    assert errors(amended) == []
    again = Bill.from_bytes(xml_bytes(amended.tree))
    assert again.print.text == amended.print.text
    assert any("66F Requesting the creation" in line.text for line in again.print.lines)
    assert report.laid_out  # a new clause has no markers of its own: laid out afresh


@pytest.mark.parametrize(("before", "number"), [("4", "3A"), ("1", "A1")])
def test_a_clause_put_in_before_another_is_numbered_as_the_house_numbers_it(
    before: str, number: str
) -> None:
    from drafter.core.wording import parse_amendment

    wording = (
        f"Before Clause {before}, insert the following new Clause—\n"
        "“Guidance\n(1) The Secretary of State may issue guidance.”"
    )
    amended, report = apply(Bill.load(SAMPLE), [parse_amendment(wording, "1")])
    assert report.ok
    numbers = [c.number for c in amended.clauses]
    assert numbers[numbers.index(before) - 1] == number
    assert amended.find(f"Clause {number}").heading == "Guidance"


def test_two_clauses_put_in_after_one_clause_are_numbered_apart() -> None:
    from drafter.core.wording import parse_amendment

    wording = "After Clause 12, insert the following new Clause—\n“{0}\n(1) {0} words.”"
    amendments = [parse_amendment(wording.format(h), n) for n, h in (("1", "One"), ("2", "Two"))]
    amended, report = apply(Bill.load(SAMPLE), amendments, lay_out=False)
    assert report.ok
    assert amended.find("Clause 12A").heading == "One"
    assert amended.find("Clause 12B").heading == "Two"


def test_clauses_put_in_before_one_clause_stand_in_the_paper_s_order() -> None:
    """Three new clauses before one clause (a Commons new clause goes before the final
    provisions) came out 21C, 21B, 21A: each went in just before that clause, the last
    amendment first. They stand in the paper's order, numbered upwards, as the report says."""
    from drafter.core.wording import parse_amendment

    for wording in (
        "Before Clause 22, insert the following new Clause—\n“{0}\n(1) {0} words.”",
        "To move the following Clause—\n“{0}\n(1) {0} words.”",
    ):
        amendments = [
            parse_amendment(wording.format(heading), number)
            for number, heading in (("1", "One"), ("2", "Two"), ("3", "Three"))
        ]
        amended, report = apply(Bill.load(SAMPLE), amendments, lay_out=False)
        assert report.ok
        said = [change.new.split(":")[0] for o in report.outcomes for change in o.changes]
        assert said == ["Clause 21A", "Clause 21B", "Clause 21C"]
        shown = [(c.number, c.heading) for c in amended.clauses][-6:]
        assert shown == [
            ("21A", "One"),
            ("21B", "Two"),
            ("21C", "Three"),
            ("22", "Extent"),
            ("23", "Commencement"),
            ("24", "Short title"),
        ]


def test_words_left_out_in_a_table_cell_stay_out_when_written(shared_data: Path) -> None:
    """A table's cells are XHTML: the <del> put in there must be written as Akoma Ntoso's,
    or read back it is XHTML's own and its words print again (a user trial)."""
    from drafter.core.wording import parse_amendment

    bill = Bill.load(shared_data / "bills" / "renters-rights-bill-hc127.xml")
    wording = "Clause 4, page 6, line 32, leave out “four” and insert “six”"
    amended, report = apply(bill, [parse_amendment(wording, "1")], lay_out=False)
    assert report.ok
    again = Bill.from_bytes(xml_bytes(amended.tree))
    for b in (amended, again):
        line = b.print.line(6, 32).text
        assert "2ZB, six months beginning" in line and "four" not in line
    assert b"xmlns:ns" not in xml_bytes(amended.tree)  # one xmlns:drafter, on the root


def test_renumbered_with_reprint() -> None:
    from drafter.core.reprint import reprint

    bill = Bill.load(SAMPLE)
    amended, _ = apply(bill, load_paper(SAMPLE_PAPER).amendments, only=["5"], lay_out=False)
    reprinted = Bill(reprint(amended.tree, keep_deletions=True))
    assert reprinted.find("Clause 13").heading.startswith("Requesting the creation")
    assert reprinted.find("Clause 14").heading == "Intimate image offences: orders to delete images"
    assert errors(reprinted) == []


def test_the_input_bill_is_not_changed() -> None:
    bill = Bill.load(SAMPLE)
    before = xml_bytes(bill.tree)
    text = bill.print.text
    amended, report = apply(bill, load_paper(SAMPLE_PAPER).amendments)
    assert report.ok
    assert xml_bytes(bill.tree) == before and bill.print.text == text
    assert amended.tree is not bill.tree


def test_provenance_records_amendment_and_sponsors() -> None:
    bill = Bill.load(SAMPLE)
    amended, _ = apply(bill, load_paper(SAMPLE_PAPER).amendments)
    root = amended.root
    assert root.nsmap.get("drafter") == PROVENANCE_NS
    ins = [el for el in root.iter(f"{A}ins") if el.get(AMENDMENT_ATTR) == "1"]
    dels = [el for el in root.iter(f"{A}del") if el.get(AMENDMENT_ATTR) == "1"]
    assert [i.text.strip() for i in ins] == ["12 months"]
    assert [d.text.strip() for d in dels] == ["2 years"]
    record = root.find(f".//{{{PROVENANCE_NS}}}provenance")
    assert record is not None
    sponsors = {
        a.get("number"): a.get("sponsors") for a in record.iter(f"{{{PROVENANCE_NS}}}amendment")
    }
    assert sponsors["5"].startswith("Baroness Ashworth of Kew")
    removed = [r.get("amendment") for r in record.iter(f"{{{PROVENANCE_NS}}}removed")]
    assert {"3", "7", "9"} <= set(removed)
    # the print reads as amended: no left-out words, no removed clause
    assert "2 years. " not in amended.print.text.split("Schedule 1 makes")[0][-40:]
    with pytest.raises(Exception, match=r"there is no Clause 17"):
        amended.find("Clause 17")


def test_unknown_amendment_in_only_is_a_user_error() -> None:
    from drafter.core.apply import ApplyError

    with pytest.raises(ApplyError, match="no amendment NC9"):
        apply(Bill.load(SAMPLE), load_paper(SAMPLE_PAPER).amendments, only=["NC9"])


def test_cli_apply(tmp_path: Path) -> None:
    out = tmp_path / "amended.xml"
    runner = CliRunner()
    result = runner.invoke(
        cli,
        [
            "apply",
            str(SAMPLE),
            str(SAMPLE_PAPER),
            "--only",
            "1,5",
            "-o",
            str(out),
            "--report",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [a["number"] for a in data["amendments"]] == ["1", "5"]
    assert errors(Bill.load(out)) == []
    # without -o the report is all there is, and it says so (on stderr: the JSON stays whole)
    unwritten = runner.invoke(
        cli, ["apply", str(SAMPLE), str(SAMPLE_PAPER), "--only", "1", "--report", "json"]
    )
    assert json.loads(unwritten.stdout)["amendments"][0]["number"] == "1"
    assert unwritten.stderr == "the bill as amended was not written: give -o FILE to write it\n"
    renumbered = runner.invoke(
        cli, ["apply", str(SAMPLE), str(SAMPLE_PAPER), "--only", "5", "--renumber", "-o", str(out)]
    )
    assert renumbered.exit_code == 0, renumbered.output
    assert Bill.load(out).find("Clause 13").heading.startswith("Requesting")
    # a reprint is a new print: it does not keep the old one's number (issue 17, item 4)
    assert Bill.load(out).metadata.bill_number == ""
    assert Bill.load(out).metadata.stage == "As amended"
    named = runner.invoke(
        cli,
        [
            *("apply", str(SAMPLE), str(SAMPLE_PAPER), "--only", "5", "--renumber"),
            *("-o", str(out), "--as", "HL Bill 120", "--print", "As amended in Grand Committee"),
        ],
    )
    assert named.exit_code == 0, named.output
    reprinted = Bill.load(out).metadata
    assert (reprinted.bill_number, reprinted.stage) == (
        "HL Bill 120",
        "As amended in Grand Committee",
    )
    assert errors(Bill.load(out)) == []
    # the number says whose print it is: the Lords' sample bill, brought from the Lords, is
    # the Commons' Bill 286
    brought = runner.invoke(
        cli,
        [
            *("apply", str(SAMPLE), str(SAMPLE_PAPER), "--only", "5", "--renumber"),
            *("-o", str(out), "--as", "Bill 286", "--print", "As brought from the Lords"),
        ],
    )
    assert brought.exit_code == 0, brought.output
    assert (Bill.load(out).metadata.house, reprinted.house) == (
        "House of Commons",
        "House of Lords",
    )
    unnumbered = runner.invoke(cli, ["apply", str(SAMPLE), str(SAMPLE_PAPER), "--as", "HL Bill 9"])
    assert unnumbered.exit_code == 2 and "give --renumber too" in unnumbered.output
    # the reprint's number is not the print's own; one unlike a bill number is warned of
    reprint = ["apply", str(SAMPLE), str(SAMPLE_PAPER), "--only", "5", "--renumber", "-o"]
    own = runner.invoke(cli, [*reprint, str(tmp_path / "own.xml"), "--as", "HL  bill 101"])
    assert own.exit_code == 2 and "is the number of the print amended" in own.output
    assert not (tmp_path / "own.xml").exists()
    odd = runner.invoke(cli, [*reprint, str(tmp_path / "odd.xml"), "--as", "120"])
    assert odd.exit_code == 0 and "--as “120” does not read as a bill number" in odd.stderr


def test_cli_apply_exit_codes(tmp_path: Path) -> None:
    paper = tmp_path / "p.txt"
    paper.write_text("Amendment 1\nPage 1, line 27, leave out “3 years”\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["apply", str(SAMPLE), str(paper)])
    assert result.exit_code == 1
    assert "Amendment 1: not applied (does not fit)" in result.output
    missing = runner.invoke(cli, ["apply", str(SAMPLE), str(tmp_path / "none.txt")])
    assert missing.exit_code == 2 and missing.output.count("\n") == 1
    out = tmp_path / "o.xml"
    out.write_bytes(b"old")
    runner.invoke(cli, ["apply", str(SAMPLE), str(tmp_path / "none.txt"), "-o", str(out)])
    assert out.read_bytes() == b"old"


# --- property test on the real bills ---------------------------------------------------------

# The House's spacing: no space after an opening mark, none before a closing one. An em dash
# closes up to the word before it; one that ends inserted words opens what follows
# (“in particular—the court”), while the print's own dashes are followed by the list they
# introduce. A ’ that begins inserted words may stand apart (“’s”).
_OPENS = "([“‘"
_CLOSES = ",;:.)]—”’"
_OPEN_DASH, _APART, _JOINED = "\x02", "\x03", "\x01"
#: the space after a provision's number: the number's own, it stays whatever follows
_NUMBER_SPACE = "\x04"
_JOIN = re.compile(r"[ \x01]*\x01[ \x01]*")
#: Words put in, with and without the marks that must close up to what stands beside them.
_INSERTED = (
    "zzinserted",
    "(or a constable)",
    "“relevant person”",
    ", or a constable,",
    "[or a constable]",
    "or a constable’s",
)
#: … and words that end in a dash: only before words, where no list can follow the dash
_INSERTED_BEFORE = (*_INSERTED, "in particular—")


def house_spaced(text: str) -> str:
    """Plain text as the House prints it where words were joined (``\\x01`` marks each
    place): one space where the words either side had one (or are new words), none after an
    opening mark or before a closing one. Elsewhere the print's own text is kept exactly,
    spaces and all: nothing is folded, so that a space left doubled or lost is seen."""

    def join(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if " " not in m.group() or not before or not after or _NUMBER_SPACE in (before, after):
            return ""
        return "" if before in _OPENS + _OPEN_DASH or after in _CLOSES else " "

    joined = _JOIN.sub(join, text).replace(_OPEN_DASH, "—").replace(_APART, "’")
    return joined.replace(_NUMBER_SPACE, " ")


def _as_joined(words: str) -> str:
    """Inserted words with their opening dash and apart ’ marked for :func:`house_spaced`."""
    if words.endswith("—"):
        words = words[:-1] + _OPEN_DASH
    if words.startswith("’"):
        words = _APART + words[1:]
    return words


@pytest.mark.parametrize(
    ("joined", "printed"),
    [
        ("this section \x01, among", "this section, among"),
        ("if it is proved \x01appropriate\x01— (a)", "if it is proved appropriate— (a)"),
        ("a \x01\x01 b", "a b"),
        ("(\x01 other", "(other"),
        ("194A\x01(2)", "194A(2)"),
        ("the \x01in particular\x02\x01court", "the in particular—court"),
        ("194 and \x01\x03s\x01.", "194 and ’s."),
        ("words  as  printed ; kept \x01", "words  as  printed ; kept"),
        ("(1)\x04\x01 section 3", "(1) section 3"),
        ("(4)\x04\x01or\x01 If—", "(4) or If—"),
    ],
)
def test_the_house_spacing_of_the_oracle(joined: str, printed: str) -> None:
    assert house_spaced(joined) == printed


_LETTERS = re.compile(r"[^\W\d_]+")
_LABELS = (f"{A}num", f"{A}heading")


@dataclass(frozen=True)
class _Place:
    """A word a drafter could quote, and what stands beside it."""

    line: int  # index in the print's lines
    word: str
    start: int  # print offsets
    end: int
    kind: str  # "boundary" (at the edge of an element's text), "punctuation" or "plain"


def _places(bill: Bill) -> dict[str, list[_Place]]:
    """Every word of the text (not of a number or heading) that occurs once on its line and
    is quoted as drafters quote (not half of “vice-chairman”, “and/or” or “regulator’s”),
    where the print's own spacing beside it is the House's, sorted by what stands beside
    it; and the same by line (``"line 12"``: the words of the line, in order)."""
    pr = bill.print
    text = pr.text
    pieces = pr.text_pieces
    starts = [p.start for p in pieces]
    found: dict[str, list[_Place]] = {"boundary": [], "punctuation": [], "plain": []}
    for index, line in enumerate(pr.lines):
        if len(line.fragments) > 1:
            continue
        words = [
            m
            for m in _LETTERS.finditer(line.text)
            if not (m.start() and line.text[m.start() - 1].isalnum())
            and not (m.end() < len(line.text) and line.text[m.end()].isalnum())
        ]
        counts: dict[str, int] = {}
        for m in words:
            counts[m.group()] = counts.get(m.group(), 0) + 1
        for m in words:
            a, b = line.start + m.start(), line.start + m.end()
            before = text[a - 1] if a else " "
            after = text[b] if b < len(text) else " "
            if (
                counts[m.group()] > 1
                or before not in " " + _OPENS
                or after not in " " + _CLOSES
                or (after in "’'" and text[b + 1 : b + 2].isalpha())
                or (before == " " and text[a - 2 : a - 1] in tuple(_OPENS))
                or (after == " " and text[b + 1 : b + 2] in tuple(_CLOSES))
            ):
                continue
            piece = pieces[bisect_right(starts, a) - 1]
            owner = piece.element if piece.slot == "text" else piece.element.getparent()
            if owner is not None and owner.tag in _LABELS:
                continue  # numbers and headings are not amended by ordinary amendments
            if a == piece.start or b >= piece.end:
                kind = "boundary"
            elif before in _OPENS or after in _CLOSES:
                kind = "punctuation"
            else:
                kind = "plain"
            found[kind].append(_Place(index, m.group(), a, b, kind))
            found.setdefault(f"line {index}", []).append(found[kind][-1])
    return found


def _ends_in_words(bill: Bill, line: Line) -> bool:
    """Does the line end in words of the text, as the XML has them? Not in a number or
    heading, nor in a quotation mark the print adds (words put in at the end of a
    quotation go inside it)."""
    pieces = bill.print.text_pieces
    piece = pieces[bisect_right([p.start for p in pieces], line.end - 1) - 1]
    owner = piece.element if piece.slot == "text" else piece.element.getparent()
    return line.end <= piece.end and (owner is None or owner.tag not in _LABELS)


@pytest.fixture(scope="module")
def real_bills(shared_data: Path) -> list[Bill]:
    """The real bills, and the sample bill of this repository."""
    paths = [*sorted((shared_data / "bills").glob("*.xml")), SAMPLE]
    return [Bill.load(path) for path in paths]


_PLACES: dict[str, dict[str, list[_Place]]] = {}


def _places_of(bill: Bill) -> dict[str, list[_Place]]:
    key = str(bill.path)
    if key not in _PLACES:
        _PLACES[key] = _places(bill)
    return _PLACES[key]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_amendments_apply_as_they_say(real_bills: list[Bill], data: st.DataObject) -> None:
    """Random amendments to every real bill and the sample bill, chosen beside elements'
    edges and punctuation as much as in plain words, and beside each other, putting in words
    with brackets, quotation marks, dashes and commas: the print must be exactly the plain
    text cut and joined as the House prints it, every space included (nothing is folded)."""
    bill = data.draw(st.sampled_from(real_bills))
    places = _places_of(bill)
    pr = bill.print
    text = pr.text
    edits: list[tuple[int, int, str]] = []  # expected surgery on the plain text
    amendments: list[Amendment] = []
    spans: list[tuple[int, int]] = []  # what is left out
    ends: set[int] = set()  # where provisions left out end
    points: list[int] = []  # where words go in
    chosen: list[_Place] = []

    def free(a: int, b: int) -> bool:
        """Touching what others change is allowed (that is the point); overlapping is not,
        nor two insertions at one point, nor an insertion inside words left out or at the end
        of a provision left out (the words would go, or be pre-empted, with it)."""
        if a == b:
            return a not in points and a not in ends and all(not s < a < e for s, e in spans)
        return all(b <= s or a >= e for s, e in spans) and all(not a < p < b for p in points)

    for n in range(data.draw(st.integers(1, 6))):
        kind = data.draw(
            st.sampled_from(
                [
                    "leave out",
                    "insert after",
                    "insert before",
                    "at end",
                    "substitute",
                    "leave out from",
                    "provision",
                ]
            )
        )
        if kind == "provision":
            candidates = [
                p
                for p in bill.provisions()
                if p.kind in ("subsection", "paragraph")
                and not p.in_quotation
                and p.number
                and len([s for s in p.element.itersiblings() if s.tag == p.element.tag])
                + len([s for s in p.element.itersiblings(preceding=True) if s.tag == p.element.tag])
                > 0
            ]
            p = data.draw(st.sampled_from(candidates))
            span = bill.span_of(p.element)
            assert span is not None
            first = p.lines()[0]
            if not free(*span) or span[1] in points or first.text.find(p.num) != 0:
                continue
            amendments.append(
                Amendment(
                    str(n),
                    (LeaveOutProvisions(p.kind, (p.number,)),),
                    Target(page=first.page, line=first.number),
                )
            )
            spans.append(span)
            ends.add(span[1])
            edits.append((span[0], span[1], _JOINED))
            continue
        near = data.draw(st.sampled_from(["boundary", "punctuation", "plain", "beside"]))
        if near == "beside":  # the word next to one already chosen: the edits may meet
            if not chosen:
                continue
            other = data.draw(st.sampled_from(chosen))
            on_line = places[f"line {other.line}"]
            i = on_line.index(other) + data.draw(st.sampled_from([-1, 1]))
            if not 0 <= i < len(on_line):
                continue
            place = on_line[i]
        elif places[near]:
            place = data.draw(st.sampled_from(places[near]))
        else:
            continue
        chosen.append(place)
        word, a, b = place.word, place.start, place.end
        line = pr.lines[place.line]
        target = Target(page=line.page, line=line.number)
        inserted = data.draw(
            st.one_of(
                st.sampled_from(_INSERTED_BEFORE if kind == "insert before" else _INSERTED),
                inserted_words().filter(lambda w, k=kind: k == "insert before" or w[-1] != "—"),
            )
        )
        joined = _JOINED + _as_joined(inserted) + _JOINED
        if kind == "leave out from":  # … to a later word on the line: the words between go
            later = [
                q
                for q in places[f"line {place.line}"]
                # not across the print's quotation marks, which stay with their element
                if q.start > b + 1 and not set(text[a : q.end]) & set("“”")
            ]
            if not later:
                continue
            to = data.draw(st.sampled_from(later))
            a, b = b, to.start
            while text[a] == " ":
                a += 1
            while text[b - 1] == " ":
                b -= 1
            if not free(a, b):
                continue
            words = data.draw(st.booleans())
            op: Operation = LeaveOutRange(
                Words(word), Words(to.word), insert=inserted if words else None
            )
            spans.append((a, b))
            edits.append((a, b, joined if words else _JOINED))
        elif kind in ("leave out", "substitute"):
            if not free(a, b):
                continue
            if kind == "leave out":
                op = LeaveOut(Words(word))
                edits.append((a, b, _JOINED))
            else:
                op = Substitute(Words(word), inserted)
                edits.append((a, b, joined))
            spans.append((a, b))
        else:
            at = {"insert after": b, "insert before": a, "at end": line.end}[kind]
            if not free(at, at) or (kind == "at end" and not _ends_in_words(bill, line)):
                continue
            if kind == "insert after":
                op = InsertAfter(Words(word), inserted)
            elif kind == "insert before":
                op = InsertBefore(Words(word), inserted)
            else:  # the next line begins after a line marker: words meet across it
                op = InsertAtEnd(inserted)
            points.append(at)
            edits.append((at, at, f" {joined} "))  # new words are words apart
        amendments.append(Amendment(str(n), (op,), target))
    if not amendments:
        return
    numbered = [_after_number(bill, e, edits) for e in edits]
    assume(None not in numbered)
    edits = [_before_number(bill, e, edits) for e in numbered if e is not None]
    amended, report = apply(bill, amendments)
    assert report.ok, report.text()
    expected = text
    for a, b, new in sorted(edits, reverse=True):
        expected = expected[:a] + new + expected[b:]
    _same_print(amended.print.text, house_spaced(expected))
    assert errors(amended) == []


def _after_number(
    bill: Bill, edit: tuple[int, int, str], edits: list[tuple[int, int, str]]
) -> tuple[int, int, str] | None:
    """An edit that begins with the first word after a provision's number keeps the space
    between them: it is the number's, not a space between words. None where the edit would
    bring a closing mark up to the number (“(4) —”, “12, or”): the House has no rule for
    that, since no real amendment does it, so the test does not judge it."""
    a, b, new = edit
    pieces = bill.print.text_pieces
    piece = pieces[bisect_right([p.start for p in pieces], a - 1) - 1]
    owner = piece.element if piece.slot == "text" else piece.element.getparent()
    if not (a and bill.print.text[a - 1] == " " and owner is not None and owner.tag == f"{A}num"):
        return edit
    words = new.strip(" " + _JOINED)
    # words left out (by this edit, and by others that leave out the words after it), and
    # others put in where they end, bring those up to the number
    text, end = bill.print.text, b
    while True:
        at = len(text) - len(text[end:].lstrip(" "))
        left_out = [t for s, t, w in edits if s == at and t > s and not w.strip(" " + _JOINED)]
        if words or not left_out:
            break
        end = left_out[0]
    put_in = [w.strip(" " + _JOINED) for s, t, w in edits if s == t == end]
    following = (words or "".join(put_in) or text[end:].lstrip(" "))[:1]
    if following in _CLOSES:
        return None
    return a - 1, b, _NUMBER_SPACE + new.lstrip(" ")


def _before_number(
    bill: Bill, edit: tuple[int, int, str], edits: list[tuple[int, int, str]]
) -> tuple[int, int, str]:
    """An edit that ends a provision's words, before the next provision's number, keeps the
    break between them (printed as a space): words put in that end in a dash (“in
    particular—”) stand at the end of the line, and the next provision begins the next (unless
    it is left out too)."""
    a, b, new = edit
    text, pieces = bill.print.text, bill.print.text_pieces
    if text[b : b + 1] != " " or any(s == b + 1 for s, _, _ in edits):
        return edit
    piece = pieces[bisect_right([p.start for p in pieces], b + 1) - 1]
    owner = piece.element if piece.slot == "text" else piece.element.getparent()
    if piece.start != b + 1 or owner is None or owner.tag != f"{A}num":
        return edit
    return a, b + 1, new + _NUMBER_SPACE


def _same_print(got: str, want: str) -> None:
    """Fail with where two prints of a whole bill part, not with the whole of both."""
    if got != want:
        at = next((i for i, (g, w) in enumerate(zip(got, want, strict=False)) if g != w), len(got))
        a = max(0, at - 60)
        pytest.fail(f"printed:    …{got[a : at + 40]!r}…\nthe House: …{want[a : at + 40]!r}…")


@pytest.mark.parametrize(
    ("wording", "printed"),
    [
        # inserted words that begin with punctuation take the place of the space too
        (
            "Page 5, line 36, leave out “and 194A” and insert “, 194A and 194B”",
            "sections 193, 194, 194A and 194B.”",
        ),
        # words left out before the print's own punctuation take their space with them
        ("Page 5, line 36, leave out “and 194A”", "sections 193, 194.”"),
        # a quotation mark may stand apart: the space stays (found by the property test)
        ("Page 5, line 36, leave out “194A” and insert “’s”", "sections 193, 194 and ’s.”"),
        # an ordinary substitution keeps it
        (
            "Page 5, line 36, leave out “and 194A” and insert “or 194A”",
            "sections 193, 194 or 194A.”",
        ),
        # words in place of words glued to what follows are glued too (a user trial found
        # “section 194B (2)(a)”)
        (
            "Page 17, line 23, leave out “194A” and insert “194B”",
            "to the matters in section 194B(2)(a),",
        ),
    ],
)
def test_spaces_around_words_left_out(shared_data: Path, wording: str, printed: str) -> None:
    from drafter.core.wording import parse_amendment

    bill = Bill.load(shared_data / "bills" / "social-housing-regulation-bill-hl54.xml")
    assert bill.print.line(5, 36).text == "sections 193, 194 and 194A.”"
    amended, _report = apply(bill, [parse_amendment(wording, "1")])
    assert printed in amended.print.text


def _small_bill(words: str) -> Bill:
    """A one-clause bill whose subsection reads ``words`` (XML: references, line markers),
    printed from page 1, line 2."""
    xml = (
        f'<akomaNtoso xmlns="{A[1:-1]}" xmlns:ukl="https://www.legislation.gov.uk/namespaces/UK-AKN">'
        '<bill name="ukpubb"><meta/><body><section eId="sec_1" GUID="_1"><num><?L 1-1?>1</num>'
        '<heading>Duties</heading><subsection eId="sec_1__subsec_1" GUID="_2"><num><?L 1-2?>(1)'
        f"</num><content><p>{words}</p></content></subsection></section></body></bill></akomaNtoso>"
    )
    return Bill.from_bytes(xml.encode())


@pytest.mark.parametrize(
    "words",
    [
        '<ref href="#s">this section</ref> includes, among other things, a duty.',
        '<ref href="#s">this section </ref>includes, among other things, a duty.',
        '<ref href="#s">this section</ref> <?L 1-3?>includes, among other things, a duty.',
    ],
)
def test_words_left_out_before_a_comma_take_the_space_beside_a_reference(words: str) -> None:
    """“leave out “includes”” before a comma, the space before it in (or at the end of, or
    after) a reference: the space goes too, whichever text it was in (a random amendment
    printed “this section , among”), and is kept in the ``<del>`` so that the words struck
    through still read apart."""
    from drafter.core.wording import parse_amendment

    bill = _small_bill(words)
    line = next(ln for ln in bill.print.lines if "includes" in ln.text)
    wording = f"Page 1, line {line.number}, leave out “includes”"
    amended, report = apply(bill, [parse_amendment(wording, "1")])
    assert report.ok, report.text()
    assert "(1) this section, among other things, a duty." in amended.print.text
    (deleted,) = amended.root.iter(f"{A}del")
    assert deleted.text == " includes"


@pytest.mark.parametrize(
    ("words", "printed"),
    [
        ("it is proved— <?L 1-3?>the matter.", "it is proved appropriate— the matter."),
        ('it is <ref href="#s">proved</ref>— <?L 1-3?>the matter.', "it is proved appropriate— "),
        # the print's own space before the dash is not the House's: it goes
        ('it is <ref href="#s">proved</ref> <?L 1-3?>— the matter.', "it is proved appropriate— "),
    ],
)
def test_words_put_in_before_a_dash_close_up_to_it(words: str, printed: str) -> None:
    """“after “proved” insert “appropriate”” before an em dash: the dash stays closed up to
    the words before it (a random amendment printed “proved appropriate —”)."""
    from drafter.core.wording import parse_amendment

    amended, report = apply(
        _small_bill(words),
        [parse_amendment("Page 1, line 2, after “proved” insert “appropriate”", "1")],
    )
    assert report.ok, report.text()
    assert printed in amended.print.text


@pytest.mark.parametrize(
    "inserted", ["(or a constable)", "“or a constable”", "‘or a constable’", "[or a constable]"]
)
@pytest.mark.parametrize(
    "words",
    [
        "A chief officer of police may apply.",
        'A chief officer of <ref href="#p">police</ref> may apply.',
        'A chief officer of <ref href="#p">police </ref>may apply.',
    ],
)
def test_words_put_in_that_open_with_a_bracket_or_quote_stand_apart(
    words: str, inserted: str
) -> None:
    """Issue 23: “after “police” insert “(or a constable)”” prints “police (or a
    constable)”: an opening bracket or quotation mark that begins words put in takes a space
    before it (without the rule, “police(or a constable)”), and none inside it."""
    from drafter.core.wording import parse_amendment

    amended, report = apply(
        _small_bill(words),
        [parse_amendment(f"Page 1, line 2, after “police” insert “{inserted}”", "1")],
    )
    assert report.ok, report.text()
    assert f"(1) A chief officer of police {inserted} may apply." in amended.print.text


@pytest.mark.parametrize(
    "term",
    [
        '<def ukl:startQuote="“" ukl:endQuote="”">police</def>',
        '<quotedText startQuote="“" endQuote="”">police</quotedText>',
    ],
)
def test_words_put_in_at_the_end_of_a_line_ending_in_a_quoted_term_go_after_it(term: str) -> None:
    """“at end insert” on a line that ends in a defined term (or quoted words) puts the words
    after the closing quotation mark: they are the bill's words, not the term's (the property
    test of typography printed “police includes a constable”)."""
    from drafter.core.wording import parse_amendment

    bill = _small_bill(f"In this section {term} <?L 1-3?>means the police of any area.")
    assert bill.print.line(1, 2).text == "(1) In this section “police”"
    amended, report = apply(
        bill, [parse_amendment("Page 1, line 2, at end insert “includes a constable”", "1")]
    )
    assert report.ok, report.text()
    assert amended.print.line(1, 2).text == "(1) In this section “police” includes a constable"
    assert amended.print.line(1, 3).text == "means the police of any area."


def test_words_put_in_at_the_end_of_a_provision_left_out_are_pre_empted() -> None:
    """Words put in at the end of the last line of a paragraph that an earlier amendment
    leaves out would go in with it: they are pre-empted, not reported applied and lost (the
    property test of apply found “applied” words that were nowhere in the print)."""
    from drafter.core.wording import parse_amendment

    bill = Bill.load(SAMPLE)
    assert bill.print.line(1, 7).text.startswith("(a) ")
    paragraph = parse_amendment("Page 1, line 7, leave out paragraph (a)", "1")
    at_end = parse_amendment("Page 1, line 7, at end insert “or by a regional mayor”", "2")
    _, report = apply(bill, [paragraph, at_end])
    assert [(o.number, o.verdict) for o in report.outcomes] == [
        ("1", "applied"),
        ("2", "pre-empted"),
    ]
    assert report.outcomes[1].reason == (
        "pre-empted by amendment 1, which leaves out the provision these words would end"
    )
    # called first, the words go in, and then go out with the paragraph: both are applied
    amended, report = apply(bill, [at_end, paragraph])
    assert report.ok and "regional mayor" not in amended.print.text


def test_words_put_in_at_the_beginning_of_a_provision_left_out_are_pre_empted() -> None:
    """The mirror of the end: words put in at the beginning of a paragraph's first line go
    in after its number, inside it. When an earlier amendment leaves the paragraph out they
    are pre-empted; when a later one does, they go in and then out with it (before, they
    were moved into the words before the paragraph, where no amendment put them)."""
    from drafter.core.wording import parse_amendment

    bill = Bill.load(SAMPLE)
    paragraph = parse_amendment("Page 1, line 7, leave out paragraph (a)", "1")
    at_start = parse_amendment("Page 1, line 7, at beginning insert “save in Wales,”", "2")
    _, report = apply(bill, [paragraph, at_start])
    assert [(o.number, o.verdict) for o in report.outcomes] == [
        ("1", "applied"),
        ("2", "pre-empted"),
    ]
    assert report.outcomes[1].reason == (
        "pre-empted by amendment 1, which leaves out the provision these words would begin"
    )
    amended, report = apply(bill, [at_start, paragraph])
    assert report.ok and "save in Wales" not in amended.print.text


def test_lines_left_out_by_amendment_are_no_gap_in_the_print() -> None:
    """A bill as amended (not reprinted) is printed without the lines of a clause left out:
    validation knows why, from the provenance, and does not warn of a gap."""
    from drafter.core.wording import parse_amendment

    bill = Bill.load(REPO_ROOT / "bills" / "crime-and-policing-bill.xml")
    amendments = [
        parse_amendment("Leave out Clause 5", "1"),
        parse_amendment("Leave out Clause 6", "2"),
    ]
    amended, report = apply(bill, amendments)
    assert report.ok
    assert [p for p in validate_bill(amended) if "page/line marker" in p.message] == []
    records = amended.root.findall(f".//{{{PROVENANCE_NS}}}removed")
    assert records and all(r.get("lines") for r in records)
    # without the record, the same print has a gap that validation reports
    for record in records:
        del record.attrib["lines"]
    assert any("no page/line marker" in p.message for p in validate_bill(amended))


def test_words_left_out_from_where_an_earlier_amendment_starts_are_pre_empted() -> None:
    """Issue 23: an amendment whose words begin exactly where an agreed one's begin (and lie
    inside them) cannot be called: it is pre-empted, not in conflict. The conflicts case only
    had one that starts inside the earlier words."""
    from drafter.core.wording import parse_amendment

    bill = Bill.load(SAMPLE)
    first = parse_amendment("Page 1, line 27, leave out “2 years”", "1")
    same_start = parse_amendment("Page 1, line 27, leave out “2”", "2")
    whole = parse_amendment("Page 1, line 27, leave out “2 years” and insert “3 years”", "3")
    _, report = apply(bill, [first, same_start, whole])
    assert [(o.number, o.verdict) for o in report.outcomes] == [
        ("1", "applied"),
        ("2", "pre-empted"),
        ("3", "pre-empted"),
    ]
    assert report.outcome("2").reason == "pre-empted by amendment 1, which leaves out those words"


def test_the_same_paper_applied_twice_writes_the_same_bytes() -> None:
    """New provisions get GUIDs of their own that depend only on the amendments: the bill as
    amended is the same file each time (so a bill repository records no change that is not
    one), and a second paper gives other GUIDs."""
    bill = Bill.load(SAMPLE)
    paper = [e.amendment for e in load_paper(SAMPLE_PAPER).entries]
    first, report = apply(bill, paper)
    assert report.ok
    assert xml_bytes(first.tree) == xml_bytes(apply(bill, paper)[0].tree)
    made = _new_guids(bill, first)
    assert made  # the paper inserts new clauses
    other = apply(bill, paper[:-1])[0]
    assert _new_guids(bill, other) and _new_guids(bill, other).isdisjoint(made)


def test_a_paper_applied_to_its_own_result_gives_no_guid_twice() -> None:
    """The same new clause put in again (the same paper applied to the bill it made): its
    elements get GUIDs not already in the bill, so no two elements share one."""
    bill = Bill.load(SAMPLE)
    paper = [e.amendment for e in load_paper(SAMPLE_PAPER).entries]
    new_clauses = [a for a in paper if any(isinstance(op, NewClause) for op in a.operations)]
    assert new_clauses
    once = apply(bill, new_clauses)[0]
    twice = apply(once, new_clauses)[0]
    guids = [el.get("GUID") for el in twice.root.iter() if el.get("GUID")]
    assert len(guids) == len(set(guids))


def _new_guids(old: Bill, new: Bill) -> set[str]:
    before = {el.get("GUID") for el in old.root.iter() if el.get("GUID")}
    return {g for el in new.root.iter() if (g := el.get("GUID")) and g not in before}


def _saf(shared_data: Path) -> Bill:
    return Bill.load(shared_data / "bills" / "sustainable-aviation-fuel-bill-hc286.xml")


def test_a_new_schedule_in_a_bill_without_schedules_brings_the_schedules(
    shared_data: Path,
) -> None:
    from lxml import etree

    from drafter.core.wording import parse_amendment

    root = etree.fromstring((shared_data / "bills" / _SAF).read_bytes())
    for el in root.iter(A + "hcontainer"):
        if el.get("name") == "schedules":
            el.getparent().remove(el)
            break
    bare = Bill.from_bytes(etree.tostring(root))
    assert not bare.schedules
    wording = "To move the following Schedule— “Penalties 1 A penalty may be imposed.”"
    amended, report = apply(bare, [parse_amendment(wording, "NS1")])
    assert report.ok
    assert report.outcomes[0].changes[0].provision == "at the end"
    assert amended.print.text.endswith(
        "Sustainable Aviation Fuel Act 2025. Schedules Schedule 1 Penalties 1 A penalty may be "
        "imposed."
    )
    (schedules,) = [
        el for el in amended.tree.iter(A + "hcontainer") if el.get("name") == "schedules"
    ]
    assert (schedules.get("eId"), schedules.get("class")) == ("scheds", "schs")
    assert schedules.get("GUID", "").startswith("_")
    heading = schedules[0]
    assert (heading.tag, heading.get("eId"), "".join(heading.itertext())) == (
        A + "heading",
        "scheds__hdg",
        "Schedules",
    )
    assert heading.get("GUID", "").startswith("_")
    assert [s.citation for s in amended.schedules] == ["Schedule 1"]
    assert errors(amended) == []


_SAF = "sustainable-aviation-fuel-bill-hc286.xml"


@pytest.mark.parametrize(
    ("line", "anchor", "printed"),
    [
        (23, "“strike price”", "“strike price” (the SP) means an amount"),
        (19, "market reference price”", "“market reference price” (the SP) means an amount"),
        (6, "Act", "In this Act (the SP) “revenue certainty contract”"),
    ],
)
def test_words_put_in_after_a_closing_quotation_mark_go_outside_it(
    shared_data: Path, line: int, anchor: str, printed: str
) -> None:
    op = InsertAfter(Words(anchor), "(the SP)")
    amended, report = apply(
        _saf(shared_data), [Amendment("1", (op,), Target("1", page=1, line=line))]
    )
    assert report.ok
    assert printed in amended.print.text


def test_words_left_out_across_a_point_where_words_go_in_conflict(shared_data: Path) -> None:
    """However many places words are put in before (drafter looks them up another way from
    64 on): words put in at the end of page 4, line 6 are in the middle of lines 5 to 8."""
    from drafter.core.amendment import LeaveOutLines

    lines = [(1, n) for n in range(1, 28)] + [(2, n) for n in range(1, 34)]
    lines += [(3, n) for n in range(1, 11)] + [(4, 6)]
    inserts = [
        Amendment(str(i), (InsertAtEnd("x"),), Target(page=page, line=line))
        for i, (page, line) in enumerate(lines, 1)
    ]
    leave_out = Amendment("99", (LeaveOutLines(5, 8),), Target(page=4))
    saf = _saf(shared_data)
    for some in (inserts, inserts[-3:]):  # 71 places, and 3
        _, report = apply(saf, [*some, leave_out], lay_out=False)
        assert report.outcome("99").reason == (
            "conflicts with amendment 71, which inserts words in the middle of those this one "
            "leaves out"
        )


def test_the_report_says_what_each_amendment_did(shared_data: Path) -> None:
    """The report as `drafter apply` prints it: each change with the words it takes out and
    puts in (cut short past 80 characters), each refusal with its reason, the long title's
    edits and their conflicts (overlapping, or at the same place; merely touching is fine)."""
    from drafter.core.wording import parse_amendment

    wordings = [
        "Title, line 1, leave out “sustainable” and insert “green”",
        "Title, line 1, after “fuel” insert “and for connected purposes”",
        "Title, line 1, leave out “Make”",
        "Title, line 1, leave out “provision”",
        "Title, line 1, leave out “sustainable aviation”",
        "Title, line 1, after “fuel” insert “and biofuel”",
        "Title, line 2, leave out “fuel”",
        "Clause 1, page 1, line 3, leave out “designated counterparty” and insert “counterparty”",
        "Clause 1, page 1, line 7, leave out from “payments” to end of line 9",
        "Clause 1, page 1, line 5, at end insert “(see also section 2)”",
        "Clause 1, page 1, line 5, leave out “nuclear”",
        "Title, line 1, after “Make” insert “new”",  # where words left out end: no conflict
        "Title, line 1, leave out “fuel”",  # ending where words go in: no conflict
    ]
    amendments = [parse_amendment(w, str(n)) for n, w in enumerate(wordings, 1)]
    _, report = apply(_saf(shared_data), amendments)
    title = "the long title (preface__longtitle)"
    assert report.text().splitlines() == [
        "Amendment 1: applied",
        f"    substitute, {title}: “sustainable” → “green”",
        "Amendment 2: applied",
        f"    insert, {title}: “and for connected purposes”",
        "Amendment 3: applied",
        f"    leave out, {title}: “Make”",
        "Amendment 4: applied",
        f"    leave out, {title}: “provision”",
        "Amendment 5: not applied (conflict): it changes words of the title that amendment 1 "
        "changes",
        "Amendment 6: not applied (conflict): it changes words of the title that amendment 2 "
        "changes",
        "Amendment 7: not applied (does not fit): the long title has lines 1 to 1, not line 2 of "
        "Bill 286",
        "Amendment 8: applied",
        "    substitute, Clause 1(1) (sec_1__subsec_1): “designated counterparty” → “counterparty”",
        "Amendment 9: applied",
        "    leave out, Clause 1(2)(a) (sec_1__subsec_2__para_a): “to the producer in respect of "
        "sustainable aviation fuel sold by the producer du…”",
        "Amendment 10: applied",
        "    insert, Clause 1(1) (sec_1__subsec_1): “(see also section 2)”",
        "Amendment 11: not applied (does not fit): “nuclear” is not on page 1, line 5 of "
        "Bill 286 (nor on the lines around it)",
        "Amendment 12: applied",
        f"    insert, {title}: “new”",
        "Amendment 13: applied",
        f"    leave out, {title}: “fuel”",
        "9 of 13 amendments applied to Bill 286",
    ]
    data = json.loads(report.json())
    assert {k: v for k, v in data.items() if k != "amendments"} == {
        "bill": "Bill 286",
        "applied": 9,
        "not_applied": 4,
        "laid_out": False,
        "renumbered": False,
    }
    assert data["amendments"][0] == {
        "number": "1",
        "status": "tabled",
        "applied": True,
        "verdict": "applied",
        "reason": "",
        "sponsors": [],
        "changes": [
            {
                "action": "substitute",
                "provision": "the long title",
                "eId": "preface__longtitle",
                "old": "sustainable",
                "new": "green",
            }
        ],
        "notes": [],
    }
    assert report.json().startswith('{\n "bill": "Bill 286",\n "applied": 9,')
    assert "“nuclear”" in report.json()  # not escaped


def test_a_report_of_a_bill_laid_out_afresh_says_so(shared_data: Path) -> None:
    from drafter.core.wording import parse_amendment

    wording = "After Clause 3, insert the following new Clause— “Review (1) A review.”"
    _, report = apply(_saf(shared_data), [parse_amendment(wording, "NC1")])
    assert report.text().splitlines()[-1] == (
        "1 of 1 amendment applied to Bill 286; laid out again (drafter's own page and line numbers)"
    )


def test_a_report_of_a_bill_renumbered_says_so() -> None:
    from drafter.core.apply import Change, Outcome

    new_clause = Change("new clause", "after Clause 3", "", "", "Clause 4: Review")
    eighty = Change("leave out", "Clause 1(1)", "sec_1__subsec_1", "x" * 80)
    outcomes = (
        Outcome("NC1", "tabled", True, "applied", changes=(new_clause,), notes=("a note",)),
        Outcome("2", "tabled", True, "applied", changes=(eighty,)),
    )
    report = Report("Bill 286", outcomes, laid_out=True, renumbered=True)
    assert report.text().splitlines() == [
        "Amendment NC1: applied",
        "    new clause, after Clause 3: “Clause 4: Review”",  # no eId to show
        "    note: a note",
        "Amendment 2: applied",
        f"    leave out, Clause 1(1) (sec_1__subsec_1): “{'x' * 80}”",  # 80: not cut short
        "2 of 2 amendments applied to Bill 286; renumbered and laid out again",
    ]


def test_a_draft_amendment_is_chosen_by_its_reference_with_or_without_brackets(
    shared_data: Path,
) -> None:
    from drafter.core.apply import ApplyError

    op = LeaveOut(Words("designated"))
    drafts = [Amendment(n, (op,), Target("1", page=1, line=3)) for n in ("[HoC1]", "[HoC2]")]
    saf = _saf(shared_data)
    for name in ("HoC2", "[HoC2]", " [HoC2] "):
        _, report = apply(saf, drafts, only=[name, ""])
        assert [o.number for o in report.outcomes] == ["[HoC2]"]
    with pytest.raises(ApplyError, match=r"the paper has no amendment HoC3 \(it has \[HoC1\], "):
        apply(saf, drafts, only=["[HoC3]"])


def test_a_clause_left_out_goes_with_the_words_amended_in_it_before() -> None:
    """The Question that a clause stand part is put after the amendments to it: leaving out
    the clause after words in it were changed (or put in) leaves it out as amended, no
    conflict; taken first, it pre-empts them. Words left out across its edge still conflict."""
    from drafter.core.paper import read_paper_text

    def paper(*wordings: str) -> list[Amendment]:
        text = "".join(f"Amendment {n}\n{w}\n\n" for n, w in enumerate(wordings, 1))
        return read_paper_text("Bill: Crime and Policing Bill\n\n" + text).amendments

    bill = Bill.load(REPO_ROOT / "bills" / "crime-and-policing-bill.xml")
    words = "Page 8, line 29, leave out “inspector” and insert “superintendent”"
    put_in = "Page 8, line 34, at end insert— “(c) the protest is in a public place.”"
    clause = "Page 8, line 28, leave out Clause 17"
    amended, report = apply(bill, paper(words, put_in, clause), lay_out=False)
    assert [o.verdict for o in report.outcomes] == ["applied"] * 3
    assert amended.by_eid("sec_17") is None and bill.by_eid("sec_17") is not None
    assert "superintendent" not in amended.print.text
    _, report = apply(bill, paper(clause, words), lay_out=False)
    assert report.outcome("2").verdict == "pre-empted"
    across = "Page 8, line 26, leave out from “stolen” to “inspector” in line 29"
    _, report = apply(bill, paper(across, clause), lay_out=False)
    assert report.outcome("2").verdict == "conflict"
    # however many changes inside the clause come between (a review's find)
    also = "Page 8, line 31, leave out “protest” and insert “demonstration”"
    _, report = apply(bill, paper(across, words, put_in, also, clause), lay_out=False)
    assert report.outcome("5").verdict == "conflict", report.outcome("5")


def _applied_to_the_sample(amendments: str) -> tuple[Bill, Report]:
    """The sample bill with the amendments of a text paper (its amendments only) applied."""
    from drafter.core.paper import read_paper_text

    paper = read_paper_text("Bill: Crime and Policing Bill\n\n" + amendments)
    return apply(Bill.load(REPO_ROOT / "bills" / "crime-and-policing-bill.xml"), paper.amendments)


def test_a_unit_put_in_inside_a_provision_of_its_kind_is_noted() -> None:
    """A numbered unit put in at a place inside a provision of its kind goes in after all of
    it: the report says so, naming the words it goes after, as the place or the number is
    likely wrong (a trial's "(2A)" at the end of a line in (4)(c), which landed after (4)(d)).
    At the provision's end, nothing is said."""
    _, report = _applied_to_the_sample(
        "Amendment 1\nPage 2, line 4, at end insert—\n    (1A) A constable may apply.\n\n"
        "Amendment 2\nPage 2, line 6, at end insert—\n    (1B) A local authority may apply.\n"
    )
    assert report.outcome("1").notes == (
        "the place cited (page 2, line 4) is inside Clause 2(1): what it inserts goes in after "
        "all of it, after “(b) a local authority, or (c) a housing provider.”; check the "
        "amendment's place and number",
    )
    assert report.outcome("2").notes == ()


def test_an_amendment_whose_words_could_not_be_read_says_why_in_the_report() -> None:
    """The report (and its JSON) says what the reader expected where, not only that the
    words could not be read: a trial's "leve out" gave no reason but on stderr."""
    _, report = _applied_to_the_sample("Amendment 1\nPage 1, line 26, leve out “order”\n")
    assert report.outcome("1").reason == (
        'its words could not be read: col 18: expected "leave out", "after", "before", '
        '"at end" or "at beginning" after "line 26,"'
    )


def test_units_put_in_among_a_provisions_own_words_do_not_fit() -> None:
    """Units put in after words that their provision's own words go on from would leave those
    words to run on after the list, which only a drafter can write (the Bankruptcy (Scotland)
    bill's "after “granted” insert—(a) …", which landed after the whole subsection). At the
    end of the words they go in."""
    amended, report = _applied_to_the_sample(
        "Amendment 1\nPage 1, line 26, after “effect” insert—\n    (4A) It may be varied.\n\n"
        "Amendment 2\nPage 1, line 27, at end insert—\n    (4B) It may be discharged.\n\n"
        # (a)'s words end on line 15 but for the "or" that joins it to (b), which would have
        # to move after the new (aa): not for drafter to guess
        "Amendment 3\nPage 1, line 15, after “order,” insert—\n    (aa) bars it,\n\n"
        # at the end of a line (here (1)(b)'s last): after it
        "Amendment 4\nPage 1, line 9, at end insert—\n    (ba) it is in the public interest,\n\n"
        # at the end of a line in the middle of (2)'s words: after all of (2), with the note
        "Amendment 5\nPage 1, line 13, at end insert—\n    (2A) It is civil.\n"
    )
    assert report.outcome("1").verdict == "does not fit"
    assert report.outcome("1").reason == (
        "drafter cannot put units in at page 1, line 26: the words of Clause 1(4) go on after "
        "it (“for the period …”); put them in at the end of its words, or leave out the words "
        "that follow and insert them with the units"
    )
    assert report.outcome("2").verdict == "applied"
    assert "not exceed 2 years. (4B) It may be discharged." in amended.print.text
    assert report.outcome("3").verdict == "does not fit"
    assert "the words of Clause 1(2)(a) go on after it (“or …”)" in report.outcome("3").reason
    assert report.outcome("4").verdict == "applied"
    assert "behaviour, and (ba) it is in the public interest, (c)" in amended.print.text
    assert report.outcome("5").verdict == "applied" and report.outcome("5").notes
    assert "or both. (2A) It is civil. (3)" in amended.print.text


def test_an_amendment_the_bill_records_as_made_on_its_print_is_not_made_again() -> None:
    """A bill as amended, given its paper again (the app's comparison with the bill as
    amended, on a bill amended in place): amendment 4's words went in twice ("creates, or
    requests the creation of,, or requests the creation of,"). What the bill records as
    made on the print it still is, is not made again: known by what it does, whatever its
    number (a pull renumbers) or names (supporters are added). Another paper's amendment
    under the same number is its own; so is one on a reprint named anew."""
    from drafter.core.reprint import name_print

    paper = load_paper(SAMPLE_PAPER)
    four = next(a for a in paper.amendments if a.number == "4")
    once, _ = apply(Bill.load(SAMPLE), [four])
    again = [
        replace(four, number="3"),  # renumbered by a pull
        replace(four, sponsors=(*four.sponsors, "Baroness Ingleby of Thornton")),
    ]
    for amendment in again:
        twice, report = apply(once, [amendment])
        [outcome] = report.outcomes
        assert (outcome.applied, outcome.verdict) == (False, "already made")
        assert outcome.reason == (
            "the bill records this amendment as applied to HL Bill 101 already: made again, "
            "its words would be in twice"
        )
        assert twice.print.line(6, 8).text.count("requests the creation of") == 1
    # another paper's amendment 4, with the same names: applied
    other = replace(next(a for a in paper.amendments if a.number == "1"), number="4")
    _, report = apply(once, [replace(other, sponsors=four.sponsors)])
    assert report.outcomes[0].verdict == "applied"
    renamed = Bill(once.edited_copy().tree, once.path)
    name_print(renamed.tree, "HL Bill 120", "As amended")
    _, later = apply(Bill(renamed.tree, once.path), [four])
    assert later.outcomes[0].verdict == "applied"  # the words, on the new print, again
