"""The command line as a user runs it: a real process, real bills, exit codes and messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def drafter(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "drafter.cli", *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def saf(shared_data: Path) -> str:
    return str(shared_data / "bills" / "sustainable-aviation-fuel-bill-hc286.xml")


def test_info(saf: str) -> None:
    out = drafter("info", saf)
    assert out.returncode == 0, out.stderr
    fields = dict(line.split("  ", 1) for line in out.stdout.splitlines())
    fields = {k.strip(): v.strip() for k, v in fields.items()}
    assert fields["Title"] == "Sustainable Aviation Fuel Bill"
    assert fields["Bill number"] == "Bill 286"
    assert fields["House"] == "House of Commons"
    assert fields["Stage"] == "As amended in Public Bill Committee"
    assert (fields["Parts"], fields["Clauses"], fields["Schedules"]) == ("0", "19", "1")
    assert (fields["Pages"], fields["Lines"]) == ("10", "367")


def test_lines_json(saf: str) -> None:
    out = drafter("lines", saf, "--json")
    assert out.returncode == 0, out.stderr
    lines = json.loads(out.stdout)
    assert len(lines) == 367
    assert lines[2] == {
        "page": 1,
        "line": 3,
        "text": "(1) The Secretary of State may direct the designated counterparty (see section 4)",
        "eId": "sec_1__subsec_1",
    }
    assert all(set(x) == {"page", "line", "text", "eId"} for x in lines)


def test_lines_one_page(saf: str) -> None:
    out = drafter("lines", saf, "--page", "2")
    assert out.returncode == 0
    rows = out.stdout.splitlines()
    assert rows[0].split() == [
        "2:1",
        "(b)",
        "the",
        "period",
        "within",
        "which",
        "the",
        "designated",
        "counterparty",
        "must",
        "comply",
    ]
    assert all(r.lstrip().startswith("2:") for r in rows)
    missing = drafter("lines", saf, "--page", "99")
    assert missing.returncode != 0
    assert "there is no page 99 (the print has pages 1 to 10)" in missing.stderr


def test_show(saf: str) -> None:
    out = drafter("show", saf, "Clause 2(3)")
    assert out.returncode == 0, out.stderr
    assert (
        out.stdout.splitlines()[0] == "Clause 2(3) — page 2, line 14 to line 15  [sec_2__subsec_3]"
    )
    assert "not yet accepted lapses." in out.stdout
    bad = drafter("show", saf, "Clause 42")
    assert bad.returncode == 2
    assert bad.stderr.strip() == (
        f"drafter: {saf}: there is no Clause 42 in {saf} (it has clauses 1 to 19)"
    )


def test_validate(saf: str, tmp_path: Path) -> None:
    ok = drafter("validate", saf)
    assert ok.returncode == 0
    assert "valid" in ok.stdout
    broken = Path(saf).read_text(encoding="utf-8").replace("<?L 1-5?>", "<?L 1-9?>", 1)
    duplicate = broken.replace('eId="sec_2"', 'eId="sec_1"', 1)
    bad = tmp_path / "bad.xml"
    bad.write_text(duplicate, encoding="utf-8")
    out = drafter("validate", str(bad))
    assert out.returncode == 1
    assert "error: duplicate eId “sec_1”" in out.stdout
    assert "error: page/line marker 1-6 is out of order (it comes after 1-9)" in out.stdout
    assert "not valid" in out.stderr


def test_schema_errors_are_reported(saf: str, tmp_path: Path) -> None:
    text = Path(saf).read_text(encoding="utf-8").replace("<num>", "<numero>", 1)
    text = text.replace("</num>", "</numero>", 1)
    bad = tmp_path / "schema.xml"
    bad.write_text(text, encoding="utf-8")
    out = drafter("validate", str(bad))
    assert out.returncode == 1
    assert "schema:" in out.stdout and "numero" in out.stdout


def test_layout_writes_markers_for_a_bill_without_them(shared_data: Path, tmp_path: Path) -> None:
    source = shared_data / "bills" / "data-protection-digital-information-no2-bill-hc265.xml"
    target = tmp_path / "laid-out.xml"
    out = drafter("layout", str(source), "-o", str(target))
    assert out.returncode == 0, out.stderr
    assert drafter("validate", str(target)).returncode == 0
    before = json.loads(drafter("lines", str(source), "--json").stdout)
    after = json.loads(drafter("lines", str(target), "--json").stdout)
    assert before == after  # the markers written say exactly what drafter laid out
    assert "Page/line from  the print's markers" in drafter("info", str(target)).stdout
