"""A paper carried onto a new print (``drafter rebase``, issue 19): the sample paper across a
reprint of the sample bill, each verdict on a hand-made new print, and the command line."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from drafter.cli import SAMPLE_BILL, SAMPLE_PAPER
from drafter.core.apply import apply
from drafter.core.bill import Bill
from drafter.core.files import xml_bytes
from drafter.core.paper import Paper, load_paper, read_paper_text, save_paper, write_paper_text
from drafter.core.rebase import rebase
from drafter.core.reprint import name_print, reprint
from drafter.core.resolve import check
from tests.conftest import require_shared, shared_data_dir


def _sample() -> tuple[Bill, Paper]:
    return Bill.load(SAMPLE_BILL), load_paper(SAMPLE_PAPER)


def _reprinted(bill: Bill, paper: Paper, only: list[str]) -> Bill:
    """The bill as amended by ``only`` and reprinted, as ``apply --renumber`` makes it."""
    amended, report = apply(bill, paper.amendments, only, lay_out=False)
    assert report.ok
    tree = reprint(amended.tree)
    name_print(tree, "", "As amended")
    return Bill.from_bytes(xml_bytes(tree), "reprint.xml")


def _edited(bill: Bill, old: str, new: str) -> Bill:
    """``bill`` with the first text node holding ``old`` reading ``new`` there instead."""
    tree = copy.deepcopy(bill.tree)
    for node in tree.getroot().iter():
        for attr in ("text", "tail"):
            value = getattr(node, attr)
            if isinstance(value, str) and old in value:
                setattr(node, attr, value.replace(old, new, 1))
                return Bill.from_bytes(xml_bytes(tree), "edited.xml")
    raise AssertionError(f"“{old}” is not in the bill")


def _verdicts(paper: Paper, old: Bill, new: Bill) -> dict[str, str]:
    return {c.number: c.verdict for c in rebase(paper, old, new)[1]}


def test_the_sample_paper_across_a_reprint_is_re_cited() -> None:
    """Two amendments agreed and the bill reprinted (the new clause now Clause 13): those two
    are already made, those after the new clause are re-cited to new pages, lines and clause
    numbers, the Schedule's (whose pages start afresh, as the Schedules start a page) stands
    as it was, and every carried amendment fits the reprint where the old one fitted the
    old."""
    bill, paper = _sample()
    new = _reprinted(bill, paper, ["1", "5"])
    carried_paper, carried = rebase(paper, bill, new)
    verdicts = {c.number: c.verdict for c in carried}
    assert verdicts == {
        "1": "already-made",
        "2": "unchanged",
        "3": "unchanged",
        "4": "unchanged",
        "5": "already-made",
        "6": "re-cited",
        "7": "re-cited",
        "8": "re-cited",  # beside “section 13”, which the reprint made “section 14”
        "9": "unchanged",
    }
    words = {c.number: c.new for c in carried}
    assert words["7"].endswith("leave out Clause 18")
    assert words["6"].endswith("leave out from “warrant” to “without” in line 33")
    for entry in carried_paper.entries:
        if verdicts[entry.number] in ("unchanged", "re-cited"):
            assert check(new, entry.amendment) == "ok", entry.wording
        else:  # kept as it was, marked as citing the old print: nothing applies it here
            assert entry.amendment.cites == "HL Bill 101"
            assert check(new, entry.amendment).startswith(
                f"Amendment {entry.number}: it cites HL Bill 101, not "
            )
            assert check(bill, entry.amendment) == "ok"  # where it still fits
    # the paper is written and read back as it stands, citing the reprint
    back = read_paper_text(write_paper_text(carried_paper))
    assert back.problems == ()
    assert [e.wording for e in back.entries] == [e.wording for e in carried_paper.entries]
    assert back.amendments == carried_paper.amendments  # the marks "Cites: HL Bill 101" too


def test_words_changed_need_redrafting_with_what_the_new_print_has() -> None:
    bill, paper = _sample()
    new = _edited(bill, "intentionally creates", "intentionally makes")
    carried = {c.number: c for c in rebase(paper, bill, new)[1]}
    four = carried["4"]  # after “creates” insert “, or requests the creation of,”
    assert four.verdict == "needs-redrafting"
    assert "“creates”" in four.reason and "makes" in four.reason
    assert "page 6, line 8 of the new print" in four.reason
    assert four.new == four.old  # kept as it was, for the drafter


def test_words_now_twice_on_the_line_are_not_guessed() -> None:
    bill, paper = _sample()
    new = _edited(bill, "intimate image of another", "intimate image he creates of another")
    four = {c.number: c for c in rebase(paper, bill, new)[1]}["4"]
    assert four.verdict == "needs-redrafting"
    assert "more than once" in four.reason and "the first “creates”" in four.reason


def test_a_provision_left_out_of_the_new_print_is_gone() -> None:
    bill, paper = _sample()
    tree = copy.deepcopy(bill.tree)
    gone = bill.find("Clause 1(4)").element
    eid = gone.get("eId")
    (target,) = [el for el in tree.getroot().iter() if el.get("eId") == eid]
    target.getparent().remove(target)  # type: ignore[union-attr]
    new = Bill.from_bytes(xml_bytes(tree), "edited.xml")
    one = {c.number: c for c in rebase(paper, bill, new)[1]}["1"]
    assert one.verdict == "provision-gone"
    assert "Clause 1(4)" in one.reason


def test_an_amendment_to_the_long_title_is_carried_by_the_title_s_own_lines() -> None:
    """The long title is not in the print's text: it has lines of its own. A trial's title
    amendment, carried onto the very print it cites, was said to need redrafting ("the words
    … do not fit there"). It stands as it is where the new title holds its words; is made
    where the new title reads, around its change, as it would make it, whatever else
    changed the title; cites the other line its words now stand on; and needs redrafting,
    saying why, where its words are gone."""
    bill, _ = _sample()
    paper = read_paper_text(
        "Bill: Crime and Policing Bill\n\n"
        "Amendment 20\nTitle, line 1, after “behaviour;” insert "
        "“to make provision about nuisance;”\n\n"
        "Amendment 21\nTitle, line 1, leave out “offensive weapons” and insert “knives”\n"
    )
    assert paper.problems == ()
    assert _verdicts(paper, bill, bill) == {"20": "unchanged", "21": "unchanged"}
    both = _reprinted(bill, paper, ["20", "21"])
    assert _verdicts(paper, bill, both) == {"20": "already-made", "21": "already-made"}
    # 20 made pushes “offensive weapons” on to line 2 of the title
    carried = {c.number: c for c in rebase(paper, bill, _reprinted(bill, paper, ["20"]))[1]}
    assert carried["20"].verdict == "already-made"
    assert carried["21"].verdict == "re-cited"
    assert carried["21"].new == "Title, line 2, leave out “offensive weapons” and insert “knives”"
    gone = _edited(bill, "offensive weapons;", "firearms;")
    said = {c.number: c for c in rebase(paper, bill, gone)[1]}
    assert said["21"].verdict == "needs-redrafting"
    assert said["21"].reason == (
        "in the new print's long title, “offensive weapons” is not on line 1 of the title"
    )


def test_a_new_clause_follows_its_anchor_and_amendments_to_amendments_their_parent() -> None:
    bill, paper = _sample()
    extra = read_paper_text(
        "Amendment 10\n"
        "After Clause 14, insert the following new Clause—\n"
        "    # Review\n"
        "        The Secretary of State must review the operation of section 13.\n\n"
        "Amendment 7A\n"
        "Line 1 of amendment 7, leave out “Clause 17”\n"
    )
    assert extra.problems == ()
    paper = Paper(info=paper.info, entries=paper.entries + extra.entries)
    new = _reprinted(bill, load_paper(SAMPLE_PAPER), ["5"])
    carried_paper, carried = rebase(paper, bill, new)
    by_number = {c.number: c for c in carried}
    assert by_number["10"].verdict == "re-cited"
    assert by_number["10"].new.startswith("After Clause 15, insert the following new Clause—")
    assert by_number["7A"].verdict == by_number["7"].verdict == "re-cited"
    order = [e.number for e in carried_paper.entries]
    assert order.index("7A") == order.index("7") + 1  # it stays with its parent


def test_a_commons_new_clause_is_carried_and_marshalled_after_the_clauses() -> None:
    """The Commons form names no place: rebase checks it where apply puts it (before the
    bill's extent, commencement and short title) and carries it unchanged; a marshalled
    paper still takes it after the amendments to every clause, as the House does."""
    from drafter.core.marshalling import marshalled_order

    bill, paper = _sample()
    extra = read_paper_text(
        "Amendment NC1\n"
        "To move the following Clause—\n"
        "    # Review\n"
        "        The Secretary of State must review the operation of section 13.\n"
    )
    short_title = read_paper_text(
        "Amendment 9\nPage 11, line 16, leave out “2026” and insert “2027”\n"
    )
    both = Paper(info=paper.info, entries=extra.entries + short_title.entries)
    _, carried = rebase(both, bill, bill)
    assert [c.verdict for c in carried] == ["unchanged", "unchanged"], carried
    assert marshalled_order(bill, both.amendments) == [1, 0]


def _rebase_cli(new: str, *more: str) -> subprocess.CompletedProcess[str]:
    """``drafter rebase`` of the sample paper from the sample bill onto ``new``."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "drafter.cli",
            "rebase",
            str(SAMPLE_PAPER),
            "--from",
            str(SAMPLE_BILL),
            "--to",
            new,
            *more,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_command_line_reports_and_writes_the_paper(tmp_path: Path) -> None:
    bill, paper = _sample()
    new_path = tmp_path / "reprint.xml"
    new_path.write_bytes(xml_bytes(_reprinted(bill, paper, ["1", "5"]).tree))
    out = tmp_path / "rebased.txt"
    run = _rebase_cli(str(new_path), "-o", str(out), "--report", "json")
    assert run.returncode == 0, run.stderr
    rows = json.loads(run.stdout)
    keys = {"number", "verdict", "old", "new", "reason", "place"}
    assert [set(r) for r in rows] == [keys] * 9
    assert sum(r["verdict"] == "re-cited" for r in rows) == 3
    written = load_paper(out)
    assert len(written.entries) == 9
    assert written.info.version == "As amended"
    # the report in words, and exit 1 when something needs the drafter
    edited = _edited(bill, "intentionally creates", "intentionally makes")
    new_path.write_bytes(xml_bytes(edited.tree))
    run = _rebase_cli(str(new_path))
    assert run.returncode == 1
    assert "Amendment 4: needs redrafting" in run.stdout
    assert run.stdout.rstrip().endswith("9 amendments: 8 unchanged, 1 needs redrafting")
    assert "give -o FILE" in run.stderr


@pytest.fixture(autouse=True)
def _no_xml_noise() -> None:
    etree.clear_error_log()


def test_a_lawmaker_paper_is_carried_with_its_targets_computed_for_the_new_print(
    tmp_path: Path,
) -> None:
    """A LawMaker XML paper keeps its format and each amendment's LawMaker number; where an
    amendment bites (targetPage) is LawMaker's own for one left as it was, and worked out
    again on the new print for one re-cited."""
    bill, paper = _sample()
    source = tmp_path / "paper.xml"
    save_paper(paper, source, bill)
    read = load_paper(source)
    new = _reprinted(bill, paper, ["1", "5"])
    carried_paper, _ = rebase(read, bill, new)
    out = tmp_path / "rebased.xml"
    save_paper(carried_paper, out, new)

    def targets(path: Path) -> dict[str, str]:
        root = etree.parse(str(path)).getroot()
        found = {}
        for el in root.iter():
            page = el.get("{https://www.legislation.gov.uk/namespaces/UK-AKN}targetPage")
            num = next(el.iter("{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}num"), None)
            if page is not None and num is not None:
                found["".join(num.itertext()).strip()] = page
        return found

    before, after = targets(source), targets(out)
    assert before["7"] == "p_8__ln_28"  # leave out Clause 17: now Clause 18, on page 9
    assert after["7"] == "p_9__ln_8"
    assert before["2"] == after["2"] == "p_2__ln_4"  # unchanged
    written = load_paper(out)
    assert written.entries[6].wording == "Page 9, line 8, leave out Clause 18"
    assert [e.amendment.cites for e in written.entries].count("HL Bill 101") == 2  # 1 and 5
    assert written.amendments == carried_paper.amendments


def test_ranges_and_insertions_already_made_or_moved_over_a_line_end() -> None:
    """What a trial found: a range left out, and words put in at the end of a line, that
    the reprint already has are already made; a range whose end word now begins the next
    line is re-cited to it."""
    bill, paper = _sample()
    made = _verdicts(paper, bill, _reprinted(bill, paper, ["2", "6", "9"]))
    assert made["6"] == "already-made"  # leave out from “warrant” to “without”
    made = _verdicts(paper, bill, _reprinted(bill, paper, ["3", "7", "8"]))
    assert made["8"] == "already-made"  # at end insert— (c) sections 9 and 10.
    assert made["7"] == "already-made" and made["3"] == "already-made"
    extra = read_paper_text(
        "Amendment 23\n"
        "Page 10, line 4, leave out from “amend” to “passed” in line 5 and insert “change "
        "any enactment”\n"
    )
    new = _reprinted(bill, paper, ["4", "5"])  # the new clause before it: on new lines
    carried = rebase(extra, bill, new)[1][0]
    assert carried.verdict == "re-cited", carried.reason
    first = next(line for line in new.lines if line.text.endswith("revoke any enactment"))
    last = next(line for line in new.lines if line.text.startswith("passed or made before"))
    assert (first.page, first.number + 1) == (last.page, last.number) != (10, 4 + 1)
    assert carried.new == (
        f"Page {first.page}, line {first.number}, leave out from “amend” to “passed” in line "
        f"{last.number} and insert “change any enactment”"
    )


def test_a_paper_for_another_bill_or_print_is_refused_unless_forced(tmp_path: Path) -> None:
    shared = require_shared(shared_data_dir() / "bills" / "social-housing-regulation-bill-hl54.xml")
    run = _rebase_cli(str(shared))
    assert run.returncode == 2
    assert "the Crime and Policing Bill and" in run.stderr and "give --force" in run.stderr
    other = tmp_path / "other.txt"
    other.write_text(
        SAMPLE_PAPER.read_text(encoding="utf-8").replace("HL Bill 101", "HL Bill 99", 1),
        encoding="utf-8",
    )
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "drafter.cli",
            "rebase",
            str(other),
            "--from",
            str(SAMPLE_BILL),
            "--to",
            str(SAMPLE_BILL),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2 and "to carry it anyway, give --force" in run.stderr


def test_words_twice_where_they_stood_and_marks_made_curly_beside_them() -> None:
    bill, paper = _sample()
    twice = _edited(bill, "not exceed 2 years.", "not exceed 2 years or 2 years.")
    one = {c.number: c for c in rebase(paper, bill, twice)[1]}["1"]
    assert one.verdict == "needs-redrafting"
    assert "“2 years” now stands 2 times on page 1, line 27" in one.reason
    # HL54 → HL60 made "not" curly-quoted beside “the end”: the amendment is as it was
    old = Bill.load(
        require_shared(shared_data_dir() / "bills" / "social-housing-regulation-bill-hl54.xml")
    )
    new = Bill.load(
        require_shared(shared_data_dir() / "bills" / "social-housing-regulation-bill-hl60.xml")
    )
    typed = read_paper_text(
        "Amendment 2\nPage 3, line 32, leave out “the end” and insert “the end of the subsection”\n"
    )
    assert _verdicts(typed, old, new) == {"2": "unchanged"}


def test_what_a_second_trial_found_on_hl54_to_hl60() -> None:
    """Words still where they were though their paragraph was folded into the clause; an
    insertion at the end of a line before a crossheading; a change the new print made in a
    renumbered Schedule paragraph; and the reason when only the words beside changed."""
    old = Bill.load(
        require_shared(shared_data_dir() / "bills" / "social-housing-regulation-bill-hl54.xml")
    )
    new = Bill.load(
        require_shared(shared_data_dir() / "bills" / "social-housing-regulation-bill-hl60.xml")
    )
    typed = read_paper_text(
        "Amendment 5\n"
        "Page 13, line 11, leave out “non-profit” and insert “charitable”\n\n"
        "Amendment 22\n"
        "Page 49, line 32, leave out “or safety” and insert “, safety or energy efficiency”\n\n"
        "Amendment 27\n"
        "Page 1, line 10, at end insert—\n"
        "    (d) after paragraph (d) insert—\n"
        "        “(e) to ensure that registered providers consider the energy efficiency of "
        "their stock.”\n\n"
        "Amendment 7\n"
        "Page 16, line 29, after “informing” insert “promptly”\n\n"
        "Amendment 16\n"
        "Page 20, leave out lines 11 and 12\n"
    )
    assert typed.problems == ()
    carried = {c.number: c for c in rebase(typed, old, new)[1]}
    assert carried["5"].verdict == "unchanged"
    assert carried["22"].verdict == "already-made"
    assert carried["27"].verdict == "unchanged"
    seven = carried["7"]
    assert seven.verdict == "needs-redrafting"
    assert seven.reason.startswith("the words beside “informing” in Clause 19(2)")
    assert "(page 18, line 5 of the new print)" in seven.reason
    assert carried["16"].new == "Page 22, leave out lines 19 and 20"  # in the form typed


def test_the_amendments_that_made_hl60_are_already_made_in_it() -> None:
    """What a third trial found: the paper drafted from HL54 to HL60 (drafter diff
    --amendments) carried onto HL60 itself. Words put in where words close up to the next
    ("194A(2)" made "194B(2)") and a paragraph the reprint relettered beside the change
    ("(b)" now "(c)") are evidence that the change is made, as words spaced apart are."""
    from drafter.core.redraft import draft_amendments
    from drafter.core.wording import render

    shared = shared_data_dir() / "bills"
    old = Bill.load(require_shared(shared / "social-housing-regulation-bill-hl54.xml"))
    new = Bill.load(require_shared(shared / "social-housing-regulation-bill-hl60.xml"))
    amendments, problems = draft_amendments(old, new)
    assert problems == [] and len(amendments) == 69
    paper = read_paper_text("".join(f"Amendment {a.number}\n{render(a)}\n\n" for a in amendments))
    carried = rebase(paper, old, new)[1]
    verdicts = [c.verdict for c in carried]
    assert verdicts.count("already-made") >= 62
    close_up = next(c for c in carried if c.old.startswith("Page 17, line 23, leave out “194A”"))
    assert close_up.verdict == "already-made"
    assert "section 194B(2)(a), (b) about" in close_up.reason
