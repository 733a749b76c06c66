"""Files from others (a bill, a paper) that once gave a traceback: each must be refused, or
read, with one line naming the file, by the command line and by the terminal app alike; and
text from such files must reach the terminal as text, never as escape sequences."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from pathlib import Path

from drafter.tui.app import DrafterApp

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "tests" / "cases" / "clauses"
CLI_TIMEOUT = 120  # seconds: a hang fails the test instead of hanging CI


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``drafter ARGS`` in a subprocess, importing this checkout's drafter."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "drafter.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=CLI_TIMEOUT,
        check=False,
    )


def assert_one_line(proc: subprocess.CompletedProcess[str], name: str, reason: str) -> None:
    """Exit status 2 and one line on stderr naming the file and saying what is wrong."""
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("drafter: ") and name in lines[0], lines[0]
    assert reason in lines[0], lines[0]


def huge_marker_bill(tmp_path: Path) -> Path:
    """The clauses bill with one ``<?L?>`` marker's line number past 2^63."""
    text = (CASE / "bill.xml").read_text(encoding="utf-8")
    assert "<?L 1-6?>" in text
    bill = tmp_path / "huge.xml"
    bill.write_text(text.replace("<?L 1-6?>", f"<?L 1-{2**64}?>"), encoding="utf-8")
    return bill


def empty_body_bill(tmp_path: Path) -> Path:
    text = (CASE / "bill.xml").read_text(encoding="utf-8")
    emptied = re.sub(r"<body>.*</body>", "<body></body>", text, flags=re.S)
    assert emptied != text
    bill = tmp_path / "empty.xml"
    bill.write_text(emptied, encoding="utf-8")
    return bill


# --- tracebacks that must be one line ------------------------------------------------------


def test_marker_past_2_63_is_malformed_not_a_crash(tmp_path: Path) -> None:
    bill = huge_marker_bill(tmp_path)
    shown = run_cli("lines", str(bill), cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "Traceback" not in shown.stderr
    assert "1:7 " in shown.stdout  # the lines around the bad marker are still printed
    checked = run_cli("validate", str(bill), cwd=tmp_path)
    assert "Traceback" not in checked.stderr
    assert f"<?L 1-{2**64}?>" in checked.stdout + checked.stderr
    assert "no print has more than" in checked.stdout + checked.stderr


def test_marker_past_2_63_opens_in_the_app(tmp_path: Path) -> None:
    bill = huge_marker_bill(tmp_path)

    async def run() -> None:
        app = DrafterApp(str(bill))
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(200):
                if app.view is not None:
                    break
                await pilot.pause(0.05)
            assert app.view is not None, "the bill did not load"
            assert app.is_running

    asyncio.run(run())


def test_apply_to_an_empty_body_reports_each_amendment(tmp_path: Path) -> None:
    bill = empty_body_bill(tmp_path)
    out = tmp_path / "out.xml"
    proc = run_cli("apply", str(bill), str(CASE / "amendments.txt"), "-o", str(out), cwd=tmp_path)
    assert "Traceback" not in proc.stderr, proc.stderr
    said = proc.stdout + proc.stderr
    assert "0 of 2 amendments applied" in said, said
    assert f"there is no Clause 4 in {bill}" in said


def test_text_paper_nested_too_deep_is_refused(tmp_path: Path) -> None:
    lines = ["Amendment 1", "Page 1, line 6, at end insert—"]
    lines += ["    " * (d + 1) + f"({d + 1}) words" for d in range(495)]
    paper = tmp_path / "deep.txt"
    paper.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run_cli("amendments", str(paper), cwd=tmp_path)
    assert_one_line(proc, f"{paper}:", "nested more than 32 levels deep")


def test_init_where_git_cannot_make_a_repository(tmp_path: Path) -> None:
    proc = run_cli("init", "/proc/self", "--bill", str(CASE / "bill.xml"), cwd=tmp_path)
    assert_one_line(proc, "/proc/self", "cannot make a bill repository in /proc/self")
