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
    assert "0 of 5 amendments fit HL Bill 101" in listing.stderr


def test_a_broken_paper_names_file_and_line(tmp_path: Path) -> None:
    paper = tmp_path / "broken.txt"
    paper.write_text("Amendment 1\nStatus: pending\nPage 1, line 2, leave out “x”\n")
    out = drafter("amendments", str(paper))
    assert out.returncode == 2
    assert out.stderr.startswith(f"drafter: {paper}:2: amendment 1: unknown status “pending”")
