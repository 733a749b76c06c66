"""Export from the terminal app, driven through Pilot: ``e`` offers what the screen shows, the
file goes beside the paper by default, the document is made in a worker and a notification
gives its path; a bad path is said in the dialog, which stays open to fix it."""

from __future__ import annotations

import asyncio
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from drafter.cli import SAMPLE_BILL, SAMPLE_PAPER
from drafter.tui.app import DrafterApp
from drafter.tui.compare import CompareScreen
from drafter.tui.export import ExportScreen


@pytest.fixture
def paper(tmp_path: Path) -> Path:
    path = tmp_path / "amendments.txt"
    shutil.copy(SAMPLE_PAPER, path)
    return path


async def _until(pilot: object, done: Callable[[], bool], what: str, tries: int = 400) -> None:
    for _ in range(tries):
        if done():
            return
        await pilot.pause(0.05)  # type: ignore[attr-defined]
    raise AssertionError(f"timed out waiting for {what}")


async def _dialog(pilot: object, app: DrafterApp, *keys: str) -> ExportScreen:
    """The export dialog, opened with ``e`` once the bill is read (after ``keys``)."""
    await _until(pilot, lambda: app.view is not None, "the bill")
    for key in keys:
        await pilot.press(key)  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("e")  # type: ignore[attr-defined]
    await _until(pilot, lambda: isinstance(app.screen, ExportScreen), "the dialog")
    screen = app.screen
    assert isinstance(screen, ExportScreen)
    return screen


def _titles(screen: ExportScreen) -> list[str]:
    kinds = screen.query_one("#kinds", OptionList)
    return [str(kinds.get_option_at_index(i).prompt) for i in range(kinds.option_count)]


def test_e_exports_the_bill_as_amended_beside_the_paper(paper: Path) -> None:
    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(140, 44)) as pilot:
            screen = await _dialog(pilot, app)
            assert _titles(screen) == [
                "The bill as amended (tabled amendments)",
                "The amendment paper",
                "The bill as printed",
            ]
            path = screen.query_one("#path", Input)
            assert path.value == str(paper.parent / "crime-and-policing-bill-as-amended.pdf")
            await pilot.press("enter")  # the kind
            await pilot.press("down", "enter")  # the format: Word
            assert path.value.endswith("crime-and-policing-bill-as-amended.docx")
            await pilot.press("enter")  # export
            out = paper.parent / "crime-and-policing-bill-as-amended.docx"
            await _until(pilot, lambda: not isinstance(app.screen, ExportScreen), "the export")
            assert zipfile.is_zipfile(out)
            said = [n.message for n in app._notifications]
            assert any(str(out) in m and "9 tabled amendments" in m for m in said), said

    asyncio.run(run())


def test_the_paper_as_the_house_prints_it_from_the_amendments_screen(paper: Path) -> None:
    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(140, 44)) as pilot:
            screen = await _dialog(pilot, app, "m")
            assert _titles(screen)[0] == "The amendment paper"
            path = screen.query_one("#path", Input)
            assert path.value == str(paper.with_suffix(".pdf"))
            path.value = str(paper.parent / "for-the-clerk.html")
            path.focus()
            await pilot.press("enter")
            out = paper.parent / "for-the-clerk.html"
            await _until(pilot, out.exists, "the file")
            assert "Lord Tennant of Rye" in out.read_text(encoding="utf-8")

    asyncio.run(run())


def test_a_path_that_cannot_be_written_is_said_and_the_dialog_stays(paper: Path) -> None:
    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(140, 44)) as pilot:
            screen = await _dialog(pilot, app)
            path = screen.query_one("#path", Input)
            path.value = str(paper.parent / "no-such-folder" / "bill.pdf")
            path.focus()
            await pilot.press("enter")
            error = screen.query_one("#export-error", Static)
            await _until(pilot, lambda: "no such directory" in str(error.render()), "the error")
            assert isinstance(app.screen, ExportScreen)
            assert not (paper.parent / "no-such-folder").exists()

    asyncio.run(run())


def test_a_comparison_exports_from_the_compare_screen(paper: Path) -> None:
    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(140, 44)) as pilot:
            await _until(pilot, lambda: app.view is not None, "the bill")
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
            screen = app.screen
            assert isinstance(screen, ExportScreen)
            assert len(_titles(screen)) == 2
            await pilot.press("down")  # the list of changes only
            path = screen.query_one("#path", Input)
            assert path.value.endswith("-changes.pdf")
            await pilot.press("enter", "down", "down", "enter", "enter")  # HTML
            out = Path(path.value)
            assert out.suffix == ".html"
            await _until(pilot, out.exists, "the file")
            assert "Clause 12A" in out.read_text(encoding="utf-8")

    asyncio.run(run())


def test_a_file_that_is_there_is_replaced_only_on_a_second_enter(paper: Path) -> None:
    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(140, 44)) as pilot:
            screen = await _dialog(pilot, app)
            path = screen.query_one("#path", Input)
            there = paper.parent / "there.html"
            there.write_text("mine", encoding="utf-8")
            path.value = str(there)  # the format follows the name's extension
            await pilot.pause()
            formats = screen.query_one("#formats", OptionList)
            assert formats.highlighted == 2  # PDF, Word, HTML …
            path.focus()
            await pilot.press("enter")
            error = screen.query_one("#export-error", Static)
            await _until(pilot, lambda: "Enter again" in str(error.render()), "the question")
            assert there.read_text(encoding="utf-8") == "mine"
            await pilot.press("enter")
            await _until(pilot, lambda: not isinstance(app.screen, ExportScreen), "the export")
            assert "Respect orders" in there.read_text(encoding="utf-8")

    asyncio.run(run())


def test_the_paper_is_never_replaced_by_its_own_export(tmp_path: Path) -> None:
    from drafter.core.paper import load_paper, save_paper

    paper = tmp_path / "amendments.xml"
    save_paper(load_paper(SAMPLE_PAPER), paper)
    before = paper.read_bytes()

    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(140, 44)) as pilot:
            screen = await _dialog(pilot, app, "m")
            path = screen.query_one("#path", Input)
            path.value = str(paper)
            path.focus()
            await pilot.press("enter", "enter")  # told it is there, then told it is the paper
            error = screen.query_one("#export-error", Static)
            await _until(
                pilot,
                lambda: "is the file the paper is made from" in str(error.render()),
                "the refusal",
            )
            assert isinstance(app.screen, ExportScreen)

    asyncio.run(run())
    assert paper.read_bytes() == before


def test_in_a_bill_repository_exports_go_to_its_top_not_among_the_papers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A commit records the papers' folder: an export made there went into the history."""
    from drafter.core import store

    monkeypatch.setenv("GIT_AUTHOR_NAME", "Ada Drafter")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "ada@example.org")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Ada Drafter")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "ada@example.org")
    repo = store.init(tmp_path / "repo", SAMPLE_BILL)
    paper = repo.papers_path() / "report.txt"
    shutil.copy(SAMPLE_PAPER, paper)

    async def run() -> None:
        app = DrafterApp(repo.bill_path, paper)
        app.repo = repo
        async with app.run_test(size=(140, 44)) as pilot:
            screen = await _dialog(pilot, app)
            path = screen.query_one("#path", Input)
            assert Path(path.value).parent == repo.root.resolve()

    asyncio.run(run())
