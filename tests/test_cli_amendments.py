"""`drafter amendments`: the sample paper checks clean against the sample bill, and wrong
amendments get the clerk's message and a failing exit code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT

BILL = REPO_ROOT / "bills" / "crime-and-policing-bill.xml"
PAPER_TEXT = REPO_ROOT / "bills" / "crime-and-policing-bill-amendments.txt"
PAPER_XML = REPO_ROOT / "bills" / "crime-and-policing-bill-amendments.xml"


def drafter(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "drafter.cli", *args], capture_output=True, text=True, timeout=120
    )


def test_sample_paper_checks_clean_in_both_formats() -> None:
    for paper in (PAPER_TEXT, PAPER_XML):
        out = drafter("amendments", str(paper), "--bill", str(BILL), "--json")
        assert out.returncode == 0, out.stdout + out.stderr
        rows = json.loads(out.stdout)
        assert [r["number"] for r in rows] == [str(n) for n in range(1, 10)]
        assert all(r["check"] == "ok" for r in rows)
        solicitation = rows[4]
        assert solicitation["type"] == "newClause"
        assert (
            "Requesting the creation of purported intimate image of adult"
            in (solicitation["wording"])
        )


def test_a_bill_as_amended_says_which_of_the_papers_amendments_it_has_made(
    tmp_path: Path,
) -> None:
    """Checked against the bill as amended by amendments 1 and 4, amendment 1 was "not on
    page 1, line 27" (its "2 years" are "12 months" there now) and failed the check, and 4
    was ok, as though it could be made again. The bill records what it was amended by: those
    are said to be made, and the rest are checked as before."""
    amended = tmp_path / "amended.xml"
    out = drafter("apply", str(BILL), str(PAPER_TEXT), "--only", "1,4", "-o", str(amended))
    assert out.returncode == 0, out.stderr
    out = drafter("amendments", str(PAPER_TEXT), "--bill", str(amended))
    assert out.returncode == 0, out.stdout + out.stderr
    verdicts = [line.rsplit("  [", 1)[1].rstrip("]") for line in out.stdout.splitlines()]
    made = "ok: already made, in this bill"
    assert verdicts == [made, "ok", "ok", made, "ok", "ok", "ok", "ok", "ok"]
    rows = json.loads(
        drafter("amendments", str(PAPER_TEXT), "--bill", str(amended), "--json").stdout
    )
    assert [r.get("made") for r in rows[:4]] == ["this bill", None, None, "this bill"]


def test_only_some_amendments_are_listed_and_checked() -> None:
    out = drafter("amendments", str(PAPER_TEXT), "--bill", str(BILL), "--only", "5, 4")
    assert out.returncode == 0, out.stderr
    assert [line.split()[0] for line in out.stdout.splitlines()] == ["4", "5"]
    assert "read 2, with warnings 0, unreadable 0, checked 2, not fitting 0" in out.stderr
    missing = drafter("amendments", str(PAPER_TEXT), "--only", "44")
    assert missing.returncode == 2
    assert f"{PAPER_TEXT}: the paper has no amendment 44 (it has 1, 2, 3" in missing.stderr


def test_lords_wording_gets_its_clause_from_the_bill() -> None:
    rows = json.loads(drafter("amendments", str(PAPER_TEXT), "--bill", str(BILL), "--json").stdout)
    deepfake = next(r for r in rows if r["number"] == "4")
    assert (deepfake["page"], deepfake["line"], deepfake["clause"]) == (6, 8, "12")


WRONG = """Bill: Crime and Policing Bill

Amendment 21
Sponsors: Lord Example
Page 6, line 9, after “creates” insert “, or requests the creation of,”

Amendment 22
Sponsors: Lord Example
Page 6, line 8, leave out “deepfake”

Amendment 23
Sponsors: Lord Example
Page 6, line 8, after “a” insert “sexually explicit”

Amendment 24
Sponsors: Lord Example
Clause 40, page 6, line 8, leave out “creates”

Amendment 25
Sponsors: Lord Example
After Clause 84, insert the following new Clause—
    # Review
        (1) The Secretary of State must review the operation of section 66E.
"""


def test_wrong_amendments_say_why(tmp_path: Path) -> None:
    paper = tmp_path / "wrong.txt"
    paper.write_text(WRONG, encoding="utf-8")
    out = drafter("amendments", str(paper), "--bill", str(BILL), "--json")
    assert out.returncode == 1
    checks = {r["number"]: r["check"] for r in json.loads(out.stdout)}
    assert checks["21"] == (
        "Amendment 21: “creates” is not on page 6, line 9 of HL Bill 101 (it is on line 8)"
    )
    assert checks["22"] == (
        "Amendment 22: “deepfake” is not on page 6, line 8 of HL Bill 101 "
        "(nor on the lines around it)"
    )
    assert checks["23"].startswith("Amendment 23: “a” occurs 2 times on page 6, line 8")
    assert "the second “a”" in checks["23"]
    assert checks["24"].startswith("Amendment 24: there is no Clause 40 in ")
    assert checks["25"].startswith(
        "Amendment 25: the new clause is to go after Clause 84, but there is no Clause 84"
    )
    listing = drafter("amendments", str(paper), "--bill", str(BILL))
    assert listing.returncode == 1
    assert (
        "read 5, with warnings 0, unreadable 0, checked 5, not fitting 5 (against HL Bill 101)"
        in listing.stderr
    )


def test_a_broken_paper_names_file_and_line(tmp_path: Path) -> None:
    paper = tmp_path / "broken.txt"
    paper.write_text("Amendment 1\nStatus: pending\nPage 1, line 2, leave out “x”\n")
    out = drafter("amendments", str(paper))
    assert out.returncode == 2
    assert out.stderr.startswith(f"drafter: {paper}:2: amendment 1: unknown status “pending”")


TYPOS = """Bill: Crime and Policing Bill
Bill number: HL Bill 101

Amendment 11
Sponsors: Lord Example
Page 1, line 5, afterr “well-managed” insert “x”

Amendment 12
Sponsors: Lord Example
Page 1, line 27, leave out “2 years” and insert “12 months

Amendment 13
Sponsors: Lord Example
Page 1, line 27, leave out “2 years” and insert “12 months”
"""


def test_words_that_do_not_parse_are_listed_with_the_reason(tmp_path: Path) -> None:
    paper = tmp_path / "typos.txt"
    paper.write_text(TYPOS, encoding="utf-8")
    out = drafter("amendments", str(paper), "--bill", str(BILL))
    assert out.returncode == 1
    rows = out.stdout.splitlines()
    assert rows[0].startswith(
        "    11  Page 1, line 5, afterr “well-managed” insert “x”  [col 17: expected "
    )
    # a closing mark missing at the very end: read, with a warning that says so
    assert rows[1].startswith("    12 !Page 1, line 27, leave out “2 years” and insert “12 months”")
    assert "no wording" not in out.stdout
    assert rows[2].endswith("[ok]")
    problems = out.stderr.splitlines()
    assert problems[0].startswith(f"{paper}:6: amendment 11, col 17: expected ")
    assert problems[1] == (
        f"{paper}: amendment 12: warning: read “12 months” (its closing mark is missing); "
        "close the words"
    )
    assert all(line.count(str(paper)) <= 1 for line in problems)
    assert problems[-1] == (
        "3 amendments: read 2, with warnings 1, unreadable 1, checked 2, not fitting 0 "
        "(against HL Bill 101)"
    )
    checks = {
        r["number"]: r["check"]
        for r in json.loads(drafter("amendments", str(paper), "--bill", str(BILL), "--json").stdout)
    }
    assert checks["11"] == (
        'col 17: expected "leave out", "after", "before", "at end" or "at beginning" '
        'after "line 5,"'
    )
    assert checks["12"] == "ok"
    assert checks["13"] == "ok"


def test_a_paper_for_another_bill_is_warned_of_and_not_applied_unless_forced(
    tmp_path: Path,
) -> None:
    """Checking a paper against another print warns; applying it is refused (its page and
    line references are to that print) unless the user says --force."""
    paper = tmp_path / "hl60.txt"
    paper.write_text(TYPOS.replace("HL Bill 101", "HL Bill 60"), encoding="utf-8")
    why = (
        f"{paper} is for HL Bill 60, but {BILL} is HL Bill 101: its page and line references "
        "are to another print"
    )
    listed = drafter("amendments", str(paper), "--bill", str(BILL))
    assert listed.stderr.splitlines()[0] == f"warning: {why}"
    out = tmp_path / "amended.xml"
    refused = drafter("apply", str(BILL), str(paper), "--only", "13", "-o", str(out))
    assert refused.returncode == 2
    assert refused.stderr == f"drafter: {why}; to apply it anyway, give --force\n"
    assert refused.stdout == "" and not out.exists()
    applied = drafter("apply", str(BILL), str(paper), "--only", "13", "--force")
    assert applied.returncode == 0, applied.stderr  # forced: a warning, not an error
    assert applied.stderr.splitlines()[0] == f"warning: {why}"
    # and the words that could not be read, which its report calls "no wording"
    assert applied.stderr.splitlines()[1].startswith(f"{paper}:6: amendment 11, col 17: ")
    untitled = tmp_path / "energy.txt"
    untitled.write_text("Bill: Energy Bill [HL]\n" + TYPOS.split("\n", 2)[2], encoding="utf-8")
    out = drafter("amendments", str(untitled), "--bill", str(BILL))
    assert out.stderr.splitlines()[0] == (
        f"warning: {untitled} is for the Energy Bill [HL], but {BILL} is the Crime and "
        "Policing Bill: its page and line references are to another print"
    )
    same = drafter("amendments", str(PAPER_TEXT), "--bill", str(BILL))
    assert "warning:" not in same.stderr


def test_a_paper_converts_between_the_text_format_and_lawmaker_xml(tmp_path: Path) -> None:
    """Issue 17, item 19: drafter paper convert. Text to LawMaker XML and back gives the
    same paper, byte for byte; a paper with an amendment that cannot be read is not
    converted (it would not be written back as it stands), nor written over itself."""
    xml, text = tmp_path / "paper.xml", tmp_path / "paper.txt"
    done = drafter("paper", "convert", str(PAPER_TEXT), "-o", str(xml), "--bill", str(BILL))
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"wrote {xml}: 9 amendments\n"
    assert drafter("paper", "convert", str(xml), "-o", str(text)).returncode == 0
    assert text.read_bytes() == PAPER_TEXT.read_bytes()
    typos = tmp_path / "typos.txt"
    typos.write_text(TYPOS, encoding="utf-8")
    refused = drafter("paper", "convert", str(typos), "-o", str(tmp_path / "typos.xml"))
    assert refused.returncode == 2 and "nothing written" in refused.stderr
    assert not (tmp_path / "typos.xml").exists()
    same = drafter("paper", "convert", str(text), "-o", str(text))
    assert same.returncode == 2 and "is the paper this command reads" in same.stderr
    assert drafter("paper", "convert", str(text), "-o", str(tmp_path / "p.pdf")).returncode == 2


def test_a_paper_converted_to_text_says_what_the_text_format_leaves_out(
    tmp_path: Path, shared_data: Path
) -> None:
    """A LawMaker paper holds more than amendments: the Victims and Prisoners Bill's
    committee paper opens with the Orders of the House and of the Committee (two pages of
    motions and a table of witnesses). The text format keeps the amendments only, and a trial
    converted the paper to text and back without a word of what went. Now it is said; to XML,
    which keeps them, nothing is."""
    paper = shared_data / "amendments" / "victims-and-prisoners-bill-hc286-pbc-amendments.xml"
    text = tmp_path / "victims.txt"
    done = drafter("paper", "convert", str(paper), "-o", str(text))
    assert done.returncode == 0, done.stderr
    assert done.stderr == (
        f"warning: not in {text}: Order of the House [15 May 2023]; Order of the Committee "
        f"[20 June, as amended 22 June 2023] (the rest of {paper}): the text format keeps the "
        "amendments only\n"
    )
    again = drafter("paper", "convert", str(paper), "-o", str(tmp_path / "victims.xml"))
    assert again.returncode == 0 and again.stderr == ""


def test_an_amendment_that_repeats_another_is_said(tmp_path: Path) -> None:
    """Two amendments that leave out the same words at the same place, in different names:
    only one can be made. The check says which repeats which, in text and JSON."""
    paper = tmp_path / "repeats.txt"
    paper.write_text(
        "Bill: Crime and Policing Bill\n\n"
        "Amendment 1\nSponsors: Lord Example\n"
        "Page 6, line 8, after “creates” insert “, or requests the creation of,”\n\n"
        "Amendment 2\nSponsors: Baroness Example\n"
        "Page 6, line 8, after “creates” insert “, or requests the creation of,”\n\n"
        "Amendment 3\nSponsors: Lord Example\n"
        "Page 6, line 8, after “creates” insert “, or asks for the creation of,”\n",
        encoding="utf-8",
    )
    out = drafter("amendments", str(paper), "--bill", str(BILL))
    assert out.returncode == 0, out.stderr
    assert f"{paper}: amendment 2 does what amendment 1 does" in out.stderr
    assert "amendment 3 does" not in out.stderr
    rows = json.loads(drafter("amendments", str(paper), "--json").stdout)
    assert [r.get("same_as") for r in rows] == [None, "1", None]
    # listed alone, amendment 2 still repeats amendment 1, which is on the paper
    alone = drafter("amendments", str(paper), "--only", "2")
    assert f"{paper}: amendment 2 does what amendment 1 does" in alone.stderr
    rows = json.loads(drafter("amendments", str(paper), "--only", "2", "--json").stdout)
    assert [r.get("same_as") for r in rows] == ["1"]
