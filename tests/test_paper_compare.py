"""Comparing two versions of an amendment paper, as clerks do each sitting day: against
LawChecker (the House of Commons' own comparer, hoc-ppu/lawchecker) on real lists, and by
hand-made pairs that make every kind of change, as text papers and as LawMaker XML."""

from __future__ import annotations

import html
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from drafter.core.amendment import Status
from drafter.core.compare.papers import PaperChanges, compare_papers, marked
from drafter.core.paper import Paper, load_paper, read_paper_text, save_paper
from drafter.export.paper_compare import paper_title
from tests.conftest import REPO_ROOT, require_shared, shared_data_dir
from tests.paper_pairs import next_version

AMENDMENTS = shared_data_dir() / "amendments"
DPDI = "data-protection-digital-information-bill-report-marshalled-list-{}.xml"
SAMPLE_PAPER = REPO_ROOT / "bills" / "crime-and-policing-bill-amendments.txt"


def _lawchecker(old: Path, new: Path) -> dict[str, object]:
    """What LawChecker's SupDocument finds between two lists: amendments added and removed,
    names added and removed on each amendment on both, and each one's star on both."""
    pytest.importorskip(
        "lawchecker", reason="LawChecker: pip install ../shared/vendor/lawchecker (.ci/run does)"
    )
    from lawchecker.compare_amendment_documents import SupDocument

    a, b = SupDocument(old), SupDocument(new)
    kept = [n for n in b if n in a]

    def star(s: object) -> str:
        return "" if str(s) == "No Star" else str(s)

    names = {}
    for n in kept:
        added = [x for x in b[n].names if x not in a[n].names]
        removed = [x for x in a[n].names if x not in b[n].names]
        if added or removed:
            names[n] = (added, removed)
    return {
        "added": set(b) - set(a),
        "removed": set(a) - set(b),
        "names": names,
        "stars": {n: (star(a[n].star), star(b[n].star)) for n in kept if a[n].star != b[n].star},
    }


def _ours(changes: PaperChanges) -> dict[str, object]:
    return {
        "added": set(changes.added),
        "removed": set(changes.removed),
        "names": {n.number: (list(n.added), list(n.removed)) for n in changes.names},
        "stars": {s.number: (s.old, s.new) for s in changes.stars},
    }


def test_agrees_with_lawchecker_on_two_lists_of_the_dpdi_bill() -> None:
    old = require_shared(AMENDMENTS / DPDI.format("0721"))
    new = require_shared(AMENDMENTS / DPDI.format("0825"))
    theirs = _lawchecker(old, new)
    ours = compare_papers(load_paper(old), load_paper(new))
    assert _ours(ours) == theirs
    # what they found: eight names added to NC1, and NC2's star gone
    assert ours.names[0].number == "NC1" and len(ours.names[0].added) == 8
    assert [(s.number, s.old, s.new) for s in ours.stars] == [("NC2", "★", "")]
    assert ours.warnings == () and ours.unread == ()


def test_agrees_with_lawchecker_on_the_energy_bills_list_and_its_next_version(
    tmp_path: Path,
) -> None:
    """309 amendments; the next version has 30 names added and 10 amendments withdrawn."""
    old = require_shared(AMENDMENTS / "energy-bill-hc340-report-marshalled-list.xml")
    new = tmp_path / "next.xml"
    added, gone = next_version(old, new)
    theirs = _lawchecker(old, new)
    ours = compare_papers(load_paper(old), load_paper(new))
    assert _ours(ours) == theirs
    assert set(ours.removed) == set(gone) and len(gone) == 10
    assert {n.number: list(n.added) for n in ours.names} == added
    assert not ours.added and not ours.changed and not ours.status


# --- every kind of change, in a text paper and in LawMaker XML ----------------------------------


def _pair() -> tuple[Paper, Paper]:
    """The sample paper, and a next version of it making one change of each kind."""
    old = read_paper_text(SAMPLE_PAPER)
    entries = {e.number: e for e in old.entries}

    def with_amendment(number: str, **changes: object) -> None:
        e = entries[number]
        entries[number] = replace(e, amendment=replace(e.amendment, **changes))  # type: ignore[arg-type]

    with_amendment("2", sponsors=("Baroness Quarrie of Dunmore", "Lord Aldwick of Selsey"))
    entries["3"] = replace(entries["3"], star="★")
    with_amendment("4", status=Status.WITHDRAWN)
    entries["1"] = replace(
        entries["1"], wording=entries["1"].wording.replace("“12 months”", "“18 months”")
    )
    with_amendment(
        "6",
        explanatory_statement=entries["6"].amendment.explanatory_statement.replace(
            "any warrant", "every warrant"
        ),
    )
    kept = [e for n, e in entries.items() if n != "7"]
    new_one = replace(
        entries["1"], amendment=replace(entries["1"].amendment, number="12"), star="★"
    )
    new = replace(old, entries=(*kept, new_one))
    return old, new


def _check_every_kind(changes: PaperChanges) -> None:
    assert changes.added == ("12",)
    assert changes.removed == ("7",)
    assert [(n.number, n.added, n.removed) for n in changes.names] == [
        ("2", ("Lord Aldwick of Selsey",), ("Lord Pemberton of Hale",))
    ]
    assert [(s.number, s.old, s.new) for s in changes.stars] == [("3", "", "★")]
    assert [(s.number, s.old, s.new) for s in changes.status] == [("4", "tabled", "withdrawn")]
    reworded = {r.number: r for r in changes.changed}
    assert set(reworded) == {"1", "6"}
    assert "[-12-]{+18+}" in marked(reworded["1"].diff) and not reworded["1"].statement
    assert "[-any-] {+every+}" in marked(reworded["6"].statement)
    assert reworded["6"].diff == ()  # only its statement changed
    assert changes.summary() == (
        "1 added, 1 removed, names changed on 1, 1 star changed, 1 status changed, "
        "1 reworded, 1 statement changed"
    )
    assert changes.about["7"].startswith("Lord ") and changes.about["12"].startswith("Lord ")


@pytest.mark.parametrize("suffix", [".txt", ".xml"])
def test_every_kind_of_change_is_found(tmp_path: Path, suffix: str) -> None:
    """As text papers, and as LawMaker XML written and read back."""
    old, new = _pair()
    paths = tmp_path / f"old{suffix}", tmp_path / f"new{suffix}"
    save_paper(old, paths[0])
    save_paper(new, paths[1])
    _check_every_kind(compare_papers(load_paper(paths[0]), load_paper(paths[1])))


def test_the_comparison_as_a_document_reads_in_black_and_white() -> None:
    """A trial printed the comparison: an amendment added was cut off mid-word, names added
    and removed showed only as green underline and red strike-through (lost on a copy in
    black and white), and a change of explanatory statement stood under "Wording". Now a
    document has each amendment's words whole, says "added" and "removed", and heads the
    changes by what changed; the terminal keeps to a line."""
    from drafter.export.paper_compare import render_html, render_text

    old, new = _pair()
    five = next(e for e in old.entries if e.number == "5")  # a new clause: long words
    new = replace(
        new, entries=(*new.entries, replace(five, amendment=replace(five.amendment, number="13")))
    )
    changes = compare_papers(old, new)
    page = render_html(changes, "old.txt", "new.txt")
    assert len(changes.about["13"]) > 500  # whole: the new clause, with its proposer
    assert f"<td>{html.escape(changes.about['13'], quote=False)}</td>" in page
    assert "added <ins>Lord Aldwick of Selsey</ins>" in page
    assert "removed <del>Lord Pemberton of Hale</del>" in page
    assert "<h2>Wording and explanatory statements</h2>" in page
    only_statement = replace(changes, changed=tuple(r for r in changes.changed if not r.diff))
    assert "<h2>Explanatory statements</h2>" in render_html(only_statement, "a", "b")
    text = render_text(changes, "old.txt", "new.txt")
    assert all(len(line) <= 110 for line in text.splitlines() if "Amendment 13 " in line)


def test_the_same_paper_has_no_changes_and_the_checks_say_what_is_amiss(tmp_path: Path) -> None:
    old, new = _pair()
    same = compare_papers(old, old)
    assert same.identical and same.summary().startswith("0 added, 0 removed")
    other = replace(new, info=replace(new.info, title="Sentencing Bill", date="2026-11-01"))
    twice = replace(other, entries=(*other.entries, other.entries[0]))
    checked = compare_papers(old, twice, "old.txt", "new.txt")
    assert checked.warnings == (
        "old.txt is for the Crime and Policing Bill, but new.txt is for the Sentencing Bill",
        "old.txt (2026-11-26) is newer than new.txt (2026-11-01): are they the wrong way round?",
        "new.txt has amendment 1 twice: the first is compared",
    )


def test_a_placeholder_lawmaker_left_unfilled_is_no_bill_number() -> None:
    """A draft list from LawMaker names its bill "Bill #varBillNoComp" (a template's
    placeholder): compared with another list, it was said to cite “Bill #varBillNoComp”.
    A placeholder says nothing, and nothing is said of it."""
    old, new = _pair()
    unfilled = replace(new, info=replace(new.info, bill_number="Bill #varBillNoComp"))
    other = replace(new, info=replace(new.info, bill_number="HL Bill 54"))
    assert compare_papers(old, unfilled, "old.txt", "new.txt").warnings == ()
    assert compare_papers(old, other, "old.txt", "new.txt").warnings == (
        f"old.txt cites {old.info.bill_number} and new.txt cites HL Bill 54: the same page and "
        "line cite other words in each",
    )


def test_an_amendment_that_cannot_be_read_is_said_and_still_compared(tmp_path: Path) -> None:
    old_text = SAMPLE_PAPER.read_text()
    broken = old_text.replace(
        "Page 1, line 27, leave out “2 years” and insert “12 months”",
        "Page 1, line 27, leave out and insert “12 months”",
    )
    (tmp_path / "old.txt").write_text(old_text)
    (tmp_path / "new.txt").write_text(broken)
    changes = compare_papers(
        load_paper(tmp_path / "old.txt"), load_paper(tmp_path / "new.txt"), "old", "new"
    )
    [(number, why)] = changes.unread
    assert number == "1" and why.startswith(str(tmp_path / "new.txt"))
    assert [r.number for r in changes.changed] == ["1"]  # its words, as written, compared


def test_drafter_diff_of_two_papers(tmp_path: Path) -> None:
    """The command: the summary, JSON with the issue's keys, HTML, and exit 1 (0 when the
    same); a warning on stderr when the papers are the wrong way round."""
    old, new = _pair()
    a, b = tmp_path / "old.txt", tmp_path / "new.xml"
    save_paper(old, a)
    save_paper(new, b)

    def drafter(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "drafter.cli", "diff", *args],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    text = drafter(str(a), str(b))
    assert text.returncode == 1, text.stderr
    assert text.stdout.startswith("old.txt → new.xml: 1 added, 1 removed")
    assert "  Amendment 3: no star → ★" in text.stdout
    data = json.loads(drafter(str(a), str(b), "--format", "json").stdout)
    assert set(data) >= {"added", "removed", "names", "stars", "status", "changed"}
    assert data["status"] == [{"number": "4", "old": "tabled", "new": "withdrawn"}]
    assert data["changed"][0]["number"] == "1" and "{+18+}" in data["changed"][0]["diff"]
    page = drafter(str(a), str(b), "--format", "html").stdout
    assert "<ins>Lord Aldwick of Selsey</ins>" in page and "<del>12</del>" in page
    same = drafter(str(a), str(a))
    assert same.returncode == 0 and "0 added, 0 removed" in same.stdout
    dpdi = [require_shared(AMENDMENTS / DPDI.format(d)) for d in ("0825", "0721")]
    backwards = drafter(*map(str, dpdi))
    assert "warning: " in backwards.stdout and "are they the wrong way round?" in backwards.stdout
    as_json = drafter(*map(str, dpdi), "--format", "json")
    assert "are they the wrong way round?" in as_json.stderr  # stdout is the data


def test_the_comparison_exported_with_names_as_the_members_revisions(tmp_path: Path) -> None:
    """drafter export compare OLD-PAPER NEW-PAPER: HTML and PDF show what changed; in Word
    each change is a tracked revision, a name's by that member."""
    import zipfile

    old, new = _pair()
    a, b = tmp_path / "old.txt", tmp_path / "new.txt"
    save_paper(old, a)
    save_paper(new, b)
    for suffix in (".html", ".pdf", ".docx"):
        out = tmp_path / f"changes{suffix}"
        done = subprocess.run(
            [sys.executable, "-m", "drafter.cli", "export", "compare", str(a), str(b),
             "-o", str(out)],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(f"wrote {out}: 1 added, 1 removed")
    assert "<ins>Lord Aldwick of Selsey</ins>" in (tmp_path / "changes.html").read_text()
    assert (tmp_path / "changes.pdf").read_bytes().startswith(b"%PDF")
    with zipfile.ZipFile(tmp_path / "changes.docx") as docx:
        body = docx.read("word/document.xml").decode()
    assert '<w:ins w:id="1" w:author="Lord Aldwick of Selsey"' in body
    assert 'w:author="Lord Pemberton of Hale"' in body  # his name taken off: a deletion
    assert 'w:author="new.txt"' in body  # the wording's changes
    # amendment 3's star put on is the star inserted, not the words "no star" struck out
    assert "no star" not in body and "★</w:t>" in body and " (added)" in body


def test_a_bad_paper_is_named_and_a_bill_is_not_compared_with_a_paper(tmp_path: Path) -> None:
    def drafter(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "drafter.cli", "diff", *args],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    paper = str(SAMPLE_PAPER)
    missing = drafter(paper, str(tmp_path / "missing.txt"))
    assert missing.returncode == 2 and "missing.txt: no such file" in missing.stderr
    (tmp_path / "empty.txt").write_text("")
    empty = drafter(paper, str(tmp_path / "empty.txt"))  # a paper with nothing on it
    assert empty.returncode == 1 and "0 added, 9 removed" in empty.stdout
    bill = str(REPO_ROOT / "bills" / "crime-and-policing-bill.xml")
    for args in ((bill, paper), (paper, bill)):
        mixed = drafter(*args)
        assert mixed.returncode == 2
        assert "is a bill and the other a paper" in mixed.stderr, mixed.stderr


def test_a_comparison_of_two_lists_is_headed_by_their_bill_stage_and_days(
    tmp_path: Path,
) -> None:
    """The document says what it compares as the lists say it, not by their file names;
    --changes-only (which picks the list of changes out of a whole bill) is refused, not
    ignored, and an option for bills given to two papers is named."""
    old, new = (require_shared(AMENDMENTS / DPDI.format(d)) for d in ("0721", "0825"))
    assert paper_title(load_paper(old), load_paper(new)) == (
        "Data Protection and Digital Information (No. 2) Bill, Report Stage: 21 July 2023 → "
        "25 August 2023"
    )
    out = tmp_path / "changes.html"
    export = [sys.executable, "-m", "drafter.cli", "export", "compare", str(old), str(new)]
    done = subprocess.run([*export, "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "<h1>Data Protection and Digital Information (No. 2) Bill, Report Stage: 21" in (
        out.read_text(encoding="utf-8")
    )
    only = subprocess.run(
        [*export, "--changes-only", "-o", str(tmp_path / "c.pdf")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert only.returncode == 2 and "--changes-only: for two bills" in only.stderr
    diff = [sys.executable, "-m", "drafter.cli", "diff", "--format", "html", "--side-by-side"]
    both = subprocess.run([*diff, str(old), str(new)], capture_output=True, text=True, timeout=120)
    assert both.returncode == 2 and "--side-by-side: for two bills;" in both.stderr
