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

import pytest

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


# --- escape sequences and bidi controls from files and from git ----------------------------

ESC_TITLE = "\x1b]0;pwned\x07"  # retitles a terminal
ESC_CLEAR = "\x1b[2J"  # clears the screen
CSI_C1 = "\x9b31m"  # the one-byte form of ESC [
RLO = "\u202e"  # right-to-left override
RAW = (ESC_TITLE, ESC_CLEAR, "\x1b", "\x07", "\x9b", RLO)


def assert_shown_safely(text: str, *visible: str) -> None:
    """No raw control or bidi character in ``text``; each of ``visible`` printed instead."""
    for raw in RAW:
        assert raw not in text, repr(text)
    for shown in visible:
        assert shown in text, text


def hostile_paper(tmp_path: Path) -> Path:
    paper = tmp_path / "hostile.txt"
    paper.write_text(
        "Amendment 1\n"
        f"Sponsors: Evil {ESC_CLEAR}Person\n"
        f"Page 1, line 6, leave out “aged {ESC_TITLE} 18” and insert “{RLO}over {CSI_C1}”\n",
        encoding="utf-8",
    )
    return paper


def test_amendments_shows_a_papers_controls_as_escapes(tmp_path: Path) -> None:
    proc = run_cli("amendments", str(hostile_paper(tmp_path)), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert_shown_safely(proc.stdout + proc.stderr, "\\x1b]0;pwned\\x07", "\\u202e", "\\x9b31m")


def test_amendments_json_keeps_the_value_and_escapes_the_controls(tmp_path: Path) -> None:
    import json

    proc = run_cli("amendments", str(hostile_paper(tmp_path)), "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert_shown_safely(proc.stdout, "\\u202e", "\\u009b")
    (row,) = json.loads(proc.stdout)
    assert ESC_TITLE in row["wording"] and RLO in row["wording"] and CSI_C1 in row["wording"]


def test_apply_report_shows_controls_as_escapes(tmp_path: Path) -> None:
    out = tmp_path / "out.xml"
    paper = hostile_paper(tmp_path)
    proc = run_cli("apply", str(CASE / "bill.xml"), str(paper), "-o", str(out), cwd=tmp_path)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert_shown_safely(proc.stdout + proc.stderr, "\\x1b]0;pwned\\x07")


def test_parse_shows_controls_as_escapes(tmp_path: Path) -> None:
    wording = f"Page 1, line 6, leave out “{ESC_CLEAR}aged” and insert “{RLO}over”"
    proc = run_cli("parse", wording, cwd=tmp_path)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert_shown_safely(proc.stdout + proc.stderr, "\\x1b[2J", "\\u202e")


def test_lines_shows_bidi_overrides_in_bill_text(tmp_path: Path) -> None:
    text = (CASE / "bill.xml").read_text(encoding="utf-8")
    assert "the person is aged 18 or over," in text
    bill = tmp_path / "bidi.xml"
    bill.write_text(text.replace("aged 18", f"aged {RLO}81\u2066"), encoding="utf-8")
    proc = run_cli("lines", str(bill), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert_shown_safely(proc.stdout, "aged \\u202e81\\u2066")
    assert "\u2066" not in proc.stdout


def test_log_shows_a_hostile_author_and_tag_message_as_escapes(tmp_path: Path) -> None:
    import shutil

    repo = tmp_path / "repo"
    bill = tmp_path / "bill.xml"
    shutil.copy(CASE / "bill.xml", bill)
    who = {
        "GIT_AUTHOR_NAME": f"Mal{ESC_TITLE}lory",
        "GIT_AUTHOR_EMAIL": "m@example.org",
        "GIT_COMMITTER_NAME": "Mallory",
        "GIT_COMMITTER_EMAIL": "m@example.org",
    }
    env = {**os.environ, "PYTHONPATH": str(ROOT), **who}
    made = subprocess.run(
        [sys.executable, "-m", "drafter.cli", "init", str(repo), "--bill", str(bill)],
        env=env,
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    subprocess.run(
        ["git", "tag", "-a", "print-1", "-m", f"HL Bill 1 {ESC_CLEAR}{RLO}"],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
    )
    proc = run_cli("log", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    assert_shown_safely(proc.stdout, "Mal\\x1b]0;pwned\\x07lory", "HL Bill 1 \\x1b[2J\\u202e")


def test_diff_in_colour_escapes_the_bills_controls_and_keeps_its_own_colours(
    tmp_path: Path,
) -> None:
    text = (CASE / "bill.xml").read_text(encoding="utf-8")
    new = tmp_path / "new.xml"
    new.write_text(text.replace("aged 18", f"aged {CSI_C1}{RLO}21"), encoding="utf-8")
    for colour in ("--color", "--no-color"):
        proc = run_cli("diff", str(CASE / "bill.xml"), str(new), colour, cwd=tmp_path)
        assert proc.returncode == 1, proc.stderr
        assert "\x9b" not in proc.stdout and RLO not in proc.stdout, proc.stdout
        assert "\\x9b31m\\u202e21" in proc.stdout, proc.stdout
        assert ("\x1b[" in proc.stdout) == (colour == "--color")  # drafter's own colours


# --- the terminal app: words from files are words, not Rich markup -------------------------


async def _until(pilot: object, done: object, what: str) -> None:
    for _ in range(200):
        if done():  # type: ignore[operator]
            return
        await pilot.pause(0.05)  # type: ignore[attr-defined]
    raise AssertionError(f"timed out waiting for {what}")


def test_app_shows_markup_in_a_bills_headings_as_words(tmp_path: Path) -> None:
    from textual.widgets import Tree

    text = (CASE / "bill.xml").read_text(encoding="utf-8")
    assert ">Respect orders</heading>" in text
    bill = tmp_path / "markup.xml"
    hostile = f"[/]Respect [bold]orders{RLO}"
    text = text.replace('showAs="Example Bill"', 'showAs="[/]Example [b]Bill"')
    bill.write_text(text.replace(">Respect orders</heading>", f">{hostile}</heading>", 1))

    async def run() -> None:
        app = DrafterApp(str(bill))
        async with app.run_test(size=(140, 40)) as pilot:
            await _until(pilot, lambda: app.view is not None, "the bill to load")
            await pilot.pause()
            tree = app.query_one("#contents", Tree)
            labels, nodes = [], list(tree.root.children)
            while nodes:
                node = nodes.pop()
                labels.append(str(node.label))
                nodes.extend(node.children)
            assert "[/]Respect [bold]orders\\u202e" in labels, labels
            assert str(tree.root.label) == app.title == "[/]Example [b]Bill"
            assert app.is_running

    asyncio.run(run())


def test_app_shows_a_papers_markup_and_controls_as_words(tmp_path: Path) -> None:
    from textual.widgets import DataTable

    from drafter.tui.amendments import AmendmentsScreen

    paper = tmp_path / "hostile.txt"
    paper.write_text(
        "Amendment 1\n"
        f"Sponsors: [/]Evil {CSI_C1}[HoC18]\n"
        "Page 1, line 6, leave out “aged 18” and insert “aged 21”\n",
        encoding="utf-8",
    )

    async def run() -> None:
        app = DrafterApp(str(CASE / "bill.xml"), paper)
        async with app.run_test(size=(160, 44)) as pilot:
            await _until(pilot, lambda: bool(app.query("#editor")), "the bill to load")
            await pilot.press("m")
            await _until(pilot, lambda: isinstance(app.screen, AmendmentsScreen), "the list")
            await pilot.pause()
            table = app.screen.query_one(DataTable)
            assert str(table.get_row_at(0)[2]) == "[/]Evil \\x9b31m[HoC18]"
            assert app.is_running

    asyncio.run(run())


def test_app_error_naming_markup_is_said_plainly_as_the_app_closes(tmp_path: Path) -> None:
    paper = tmp_path / "[b]nested[i].txt"  # the error names the file
    lines = ["Amendment 1", "Page 1, line 6, at end insert—"]
    lines += ["    " * (d + 1) + f"({d + 1}) words" for d in range(40)]
    paper.write_text("\n".join(lines) + "\n", encoding="utf-8")

    async def run() -> None:
        app = DrafterApp(str(CASE / "bill.xml"), paper)
        async with app.run_test(size=(140, 40)) as pilot:
            await _until(pilot, lambda: app.failed is not None, "the error")
            await pilot.pause()
        # a paper that cannot be read closes the app (drafting into it would overwrite it);
        # the message is printed as text, never read as markup
        assert app.failed is not None
        assert str(paper) in app.failed and "nested more than 32" in app.failed
        assert "\n" not in app.failed
        assert not app._notifications

    asyncio.run(run())


def test_app_shows_bidi_and_c1_controls_in_bill_text_as_replacement_characters(
    tmp_path: Path,
) -> None:
    text = (CASE / "bill.xml").read_text(encoding="utf-8")
    bill = tmp_path / "bidi.xml"
    bill.write_text(text.replace("aged 18", f"aged {RLO}81{CSI_C1}"), encoding="utf-8")

    async def run() -> None:
        app = DrafterApp(str(bill))
        async with app.run_test(size=(140, 40)) as pilot:
            await _until(pilot, lambda: app.view is not None, "the bill to load")
            await pilot.pause()
            view = app.view
            assert view is not None
            (line,) = [ln for ln in view.print.lines if RLO in ln.text]
            shown = "".join(s.text for s in view._segments(line, False, 0, len(line.text)))
            assert "aged \ufffd81\ufffd31m" in shown, shown
            assert RLO not in shown and "\x9b" not in shown

    asyncio.run(run())


def test_compare_screen_shows_bidi_and_c1_controls_as_replacement_characters(
    tmp_path: Path,
) -> None:
    from drafter.core.bill import Bill
    from drafter.core.compare import compare
    from drafter.tui.compare import tracked

    text = (CASE / "bill.xml").read_text(encoding="utf-8")
    new = text.replace("aged 18", f"aged {RLO}21{CSI_C1}")
    old_bill = Bill.from_bytes(text.encode(), tmp_path / "old.xml")
    new_bill = Bill.from_bytes(new.encode(), tmp_path / "new.xml")
    (change,) = compare(old_bill, new_bill).changes
    for side in ("both", "old", "new"):
        shown = tracked(change, side).plain
        assert RLO not in shown and "\x9b" not in shown, shown
    assert "\ufffd21\ufffd31m" in tracked(change).plain


def test_history_shows_a_hostile_author_and_tag_message_as_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from drafter.core import store
    from drafter.tui.history import HistoryScreen

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", f"[/]Mal{ESC_CLEAR}lory")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "m@example.org")
    bill = tmp_path / "bill.xml"
    shutil.copy(CASE / "bill.xml", bill)
    repo = store.init(tmp_path / "repo", bill)
    subprocess.run(
        ["git", "tag", "-a", "print-1", "-m", f"[bold]HL Bill 1{RLO}"],
        cwd=repo.root,
        check=True,
        capture_output=True,
    )
    app = DrafterApp(repo.bill_path)
    app.repo = repo

    async def run() -> None:
        async with app.run_test(size=(160, 44)) as pilot:
            await _until(pilot, lambda: app.view is not None, "the bill to load")
            await pilot.press("h")
            await _until(
                pilot,
                lambda: isinstance(app.screen, HistoryScreen) and app.screen.versions,
                "the history",
            )
            await pilot.pause()
            row = [str(cell) for cell in app.screen.query_one("#versions").get_row_at(0)]  # type: ignore[attr-defined]
            assert "[/]Mal\\x1b[2Jlory" in row, row
            assert "HL Bill 1, [bold]HL Bill 1\\u202e" in row, row  # init's tag, then this
            assert app.is_running

    asyncio.run(run())


def test_export_dialog_shows_a_bills_number_as_words(tmp_path: Path) -> None:
    from textual.widgets import OptionList

    from drafter.tui.compare import CompareScreen
    from drafter.tui.export import ExportScreen

    text = (CASE / "bill.xml").read_text(encoding="utf-8")
    assert 'showAs="HL Bill 1"' in text
    bill = tmp_path / "bill.xml"
    bill.write_text(text.replace('showAs="HL Bill 1"', 'showAs="[/]HL Bill 1"'), encoding="utf-8")
    paper = tmp_path / "amendments.txt"
    paper.write_text((CASE / "amendments.txt").read_text(encoding="utf-8"), encoding="utf-8")

    async def run() -> None:
        app = DrafterApp(str(bill), paper)
        async with app.run_test(size=(140, 44)) as pilot:
            await _until(pilot, lambda: app.view is not None, "the bill to load")
            await pilot.press("d")
            await pilot.pause()
            await pilot.press("enter")  # the bill as amended
            await _until(
                pilot,
                lambda: isinstance(app.screen, CompareScreen) and app.screen.bills is not None,
                "the comparison",
            )
            await pilot.pause()
            await pilot.press("e")
            await _until(pilot, lambda: isinstance(app.screen, ExportScreen), "the dialog")
            kinds = app.screen.query_one("#kinds", OptionList)
            titles = [str(kinds.get_option_at_index(i).prompt) for i in range(kinds.option_count)]
            assert any("[/]HL Bill 1" in title for title in titles), titles
            assert app.is_running

    asyncio.run(run())
