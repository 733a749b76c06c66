"""Snapshots of the terminal app's main screens at a fixed size (160×48): the bill, Compare
(the bill and the bill as amended by amendment 4), History (a bill repository made with fixed
dates) and Help. No clocks, no random: the same SVG every run.

    pytest tests/test_tui_snapshots.py --snapshot-update   # after a deliberate change; LOOK
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from drafter.tui.app import DrafterApp
from tests.test_tui_screens import SIZE, copy_sample, isolate_git, loaded, make_repo, until

pytest.importorskip("pytest_textual_snapshot")


def _paper_with_4(directory: Path) -> tuple[Path, Path]:
    bill, paper = copy_sample(directory)
    text = paper.read_text(encoding="utf-8")
    head, rest = text.split("\nAmendment 1\n", 1)
    four = "Amendment 4\n" + rest.split("\nAmendment 4\n", 1)[1].split("\nAmendment 5\n")[0]
    paper.write_text(head + "\n" + four + "\n", encoding="utf-8")
    return bill, paper


def test_bill_screen(snap_compare: Any, tmp_path: Path) -> None:
    bill, paper = _paper_with_4(tmp_path / "bill")
    app = DrafterApp(bill, paper)

    async def ready(pilot: Any) -> None:
        await loaded(pilot, app)
        await pilot.press("g", *"Clause 12(1)", "enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=ready)


def test_compare_screen(snap_compare: Any, tmp_path: Path) -> None:
    bill, paper = _paper_with_4(tmp_path / "bill")
    app = DrafterApp(bill, paper)

    async def ready(pilot: Any) -> None:
        from drafter.tui.compare import CompareScreen

        await loaded(pilot, app)
        app.action_compare_amended()
        await until(
            pilot,
            lambda: isinstance(app.screen, CompareScreen) and app.screen.changes is not None,
            "the comparison",
        )
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=ready)


def test_history_screen(snap_compare: Any, tmp_path: Path, git_identity: None) -> None:
    repo = make_repo(tmp_path / "repo")
    app = DrafterApp(repo.bill_path)
    app.repo = repo

    async def ready(pilot: Any) -> None:
        from drafter.tui.history import HistoryScreen

        await loaded(pilot, app)
        await pilot.press("h")
        await until(
            pilot,
            lambda: isinstance(app.screen, HistoryScreen) and len(app.screen.versions) == 3,
            "the history",
        )
        await pilot.press("space")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=ready)


def test_help_screen(snap_compare: Any, tmp_path: Path) -> None:
    bill, paper = _paper_with_4(tmp_path / "bill")
    app = DrafterApp(bill, paper)

    async def ready(pilot: Any) -> None:
        await loaded(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=ready)


@pytest.fixture
def git_identity(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(tmp_path, monkeypatch)
