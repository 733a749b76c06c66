"""``drafter parse`` as a user runs it: a real process, canonical wording out, JSON, and a
one-line message with exit status 2 for wording that does not fit."""

from __future__ import annotations

import json
import subprocess
import sys


def drafter(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "drafter.cli", *args], capture_output=True, text=True, timeout=60
    )


def test_parse_prints_canonical_wording_and_description() -> None:
    out = drafter(
        "parse",
        'Clause 2 , page 3, line 34, leave out "a service" and insert "a monopoly service"',
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "Clause 2, page 3, line 34, leave out “a service” and insert “a monopoly service”",
        "substitute: replaces “a service” with “a monopoly service” (Clause 2, page 3, line 34)",
    ]


def test_parse_with_number() -> None:
    out = drafter("parse", "--number", "9", "Page 60, line 22, leave out Clause 69")
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "Page 60, line 22, leave out Clause 69",
        "amendment 9: leaveOutClause: leaves out Clause 69 (page 60, line 22)",
    ]


def test_parse_json() -> None:
    out = drafter(
        "parse", "--json", "--number", "144", "Clause 56, page 50, leave out lines 20 to 23"
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {
        "number": "144",
        "type": "leaveOut",
        "page": 50,
        "line": 20,
        "clause": "56",
        "wording": "Clause 56, page 50, leave out lines 20 to 23",
    }


def test_parse_json_schedule_new_clause_and_amendment_to_amendment() -> None:
    schedule = json.loads(
        drafter(
            "parse", "--json", "Schedule 9, page 328, line 15, leave out sub-paragraph (4)"
        ).stdout
    )
    assert schedule == {
        "number": "",
        "type": "leaveOut",
        "page": 328,
        "line": 15,
        "schedule": "9",
        "paragraph": None,
        "wording": "Schedule 9, page 328, line 15, leave out sub-paragraph (4)",
    }
    nc = json.loads(
        drafter(
            "parse", "--json", "--number", "NC1", "To move the following Clause— “Duty (1) X.”"
        ).stdout
    )
    assert (nc["type"], nc["page"], nc["line"], nc["clause"]) == ("newClause", None, None, None)
    sub = json.loads(drafter("parse", "--json", "Line 3 of amendment 5, leave out “x”").stdout)
    assert (sub["type"], sub["line"], sub["amendment"]) == ("leaveOut", 3, "5")


def test_parse_error_is_one_line_and_exit_2() -> None:
    out = drafter("parse", "--number", "12", "Clause 2, page 3, lime 34, leave out “a”")
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr.strip() == 'drafter: amendment 12, col 19: expected "line" after "page 3,"'
    assert "Traceback" not in out.stderr
