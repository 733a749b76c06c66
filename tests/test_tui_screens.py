"""The terminal app's Compare, History and Help screens and its command palette, driven
through Textual's Pilot."""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Static

from drafter.cli import SAMPLE_BILL
from drafter.core import store
from drafter.core.apply import apply
from drafter.core.bill import Bill
from drafter.core.files import write_atomic, xml_bytes
from drafter.core.paper import load_paper
from drafter.tui.app import DrafterApp
from drafter.tui.commands import commands
from drafter.tui.compare import CompareScreen
from drafter.tui.help import HelpScreen, help_table
from drafter.tui.history import HistoryScreen

SAMPLE_PAPER = SAMPLE_BILL.with_name("crime-and-policing-bill-amendments.txt")
SIZE = (160, 48)


@pytest.fixture
def git_identity(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(tmp_path, monkeypatch)


def isolate_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No global or system git configuration; an explicit identity and fixed dates (the
    history snapshot shows them)."""
    home = tmp_path / "home"
    home.mkdir()
    for key in list(os.environ):
        if key.startswith("GIT_") or key == "EMAIL":
            monkeypatch.delenv(key)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "Ada Drafter")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "ada@example.org")
        monkeypatch.setenv(f"GIT_{who}_DATE", "2026-11-26T10:00:00+00:00")


def copy_sample(directory: Path) -> tuple[Path, Path]:
    """The sample bill and paper, copied (the app writes drafts beside the paper)."""
    directory.mkdir(parents=True, exist_ok=True)
    bill = directory / SAMPLE_BILL.name
    paper = directory / SAMPLE_PAPER.name
    shutil.copy(SAMPLE_BILL, bill)
    shutil.copy(SAMPLE_PAPER, paper)
    return bill, paper


def apply_numbers(path: Path, numbers: list[str]) -> None:
    """Apply amendments of the sample paper to the bill file, as drafter apply -o would."""
    amended, report = apply(Bill.load(path), load_paper(SAMPLE_PAPER).amendments, only=numbers)
    assert report.ok
    write_atomic(path, xml_bytes(amended.tree))


def make_repo(directory: Path) -> store.BillRepo:
    """A bill repository: the bill as received, amendment 1 applied, amendment 4 applied, the
    last tagged as a print."""
    bill, _paper = copy_sample(directory.parent / "source")
    repo = store.BillRepo.init(directory, bill)
    apply_numbers(repo.bill_path, ["1"])
    repo.commit("Amendment 1 agreed", ["1"])
    apply_numbers(repo.bill_path, ["4"])
    repo.commit("Amendment 4 agreed", ["4"])
    repo.tag("HL Bill 120")
    return repo


async def until(pilot: Any, ready: Callable[[], object], what: str, seconds: float = 10) -> None:
    """Wait (pumping the app) until ``ready()`` is true."""
    for _ in range(int(seconds / 0.05)):
        await pilot.pause()
        if ready():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


async def loaded(pilot: Any, app: DrafterApp) -> None:
    await until(pilot, lambda: app.view is not None, "the bill to load")


def messages(app: DrafterApp) -> list[str]:
    return [n.message for n in app._notifications]


def run(app: DrafterApp, body: Callable[[Any], Awaitable[None]]) -> None:
    async def go() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot, app)
            await body(pilot)

    asyncio.run(go())


async def compared(pilot: Any, app: DrafterApp) -> CompareScreen:
    await until(
        pilot,
        lambda: isinstance(app.screen, CompareScreen) and app.screen.changes is not None,
        "the comparison",
    )
    screen = app.screen
    assert isinstance(screen, CompareScreen)
    return screen


# --- compare ------------------------------------------------------------------------------


def test_compare_the_bill_with_the_bill_as_amended(tmp_path: Path) -> None:
    bill, _ = copy_sample(tmp_path)
    paper = tmp_path / "only-4.txt"
    text = SAMPLE_PAPER.read_text(encoding="utf-8")
    head, rest = text.split("\nAmendment 1\n", 1)
    four = "Amendment 4\n" + rest.split("\nAmendment 4\n", 1)[1].split("\nAmendment 5\n")[0]
    paper.write_text(head + "\n" + four + "\n", encoding="utf-8")
    app = DrafterApp(bill, paper)

    async def body(pilot: Any) -> None:
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("enter")  # the first choice: the bill and the bill as amended
        screen = await compared(pilot, app)
        assert screen.changes is not None and len(screen.changes.changes) == 1
        change = screen.current_change
        assert change is not None and change.citation.startswith("Clause 12(1)")
        assert [e.new for e in change.edits] == [", or requests the creation of,"]
        shown = str(screen.query_one("#change-0").render())
        assert "or requests the creation of" in shown and "page 6, line 8" in shown
        assert "Change 1 of 1: Clause 12(1)" in str(screen.query_one("#compare-status").render())
        assert any("Applied tabled amendment 4" in m for m in messages(app))
        assert app.amended is not None and app.amended[1] == ["4"]
        await pilot.press("s")
        await pilot.pause()
        assert screen.side_by_side
        assert "(side by side)" in str(screen.query_one("#compare-status").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]

    run(app, body)


def test_compare_moves_from_change_to_change(tmp_path: Path) -> None:
    bill, paper = copy_sample(tmp_path)
    app = DrafterApp(bill, paper)

    async def body(pilot: Any) -> None:
        app.action_compare_amended()
        screen = await compared(pilot, app)
        assert screen.changes is not None
        total = len(screen.changes.changes)
        assert total == 9
        assert screen.current == 0
        await pilot.press("n", "n")
        await pilot.pause()
        assert screen.current == 2
        await pilot.press("p")
        await pilot.pause()
        assert screen.current == 1
        await pilot.press("p", "p")
        await pilot.pause()
        assert screen.current == 0
        assert any("This is the first change" in m for m in messages(app))
        # by clause: pick the new clause from the list
        by_clause = screen.query_one("#by-clause")
        by_clause.focus()
        index = next(
            i for i, ch in enumerate(screen.changes.changes) if ch.citation == "Clause 12A"
        )
        by_clause.highlighted = by_clause.get_option_index(f"opt-{index}")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert screen.current == index
        current = screen.current_change
        assert current is not None and current.kind == "inserted"

    run(app, body)


def test_compare_l_hides_and_shows_the_list_by_clause(tmp_path: Path) -> None:
    """l did nothing to be seen: it gave the keys to the list of changes by clause, which
    has them from the start. It hides the list where the list has the keys (the changes
    take the whole width) and otherwise shows it and gives it them."""
    from textual.containers import VerticalScroll
    from textual.widgets import OptionList

    bill, paper = copy_sample(tmp_path)
    app = DrafterApp(bill, paper)

    async def body(pilot: Any) -> None:
        app.action_compare_amended()
        screen = await compared(pilot, app)
        by_clause = screen.query_one("#by-clause", OptionList)
        changes = screen.query_one("#changes", VerticalScroll)
        await pilot.pause()
        assert by_clause.display and by_clause.has_focus
        narrow = changes.size.width
        await pilot.press("l")
        await pilot.pause()
        assert not by_clause.display and changes.has_focus
        assert changes.size.width > narrow
        await pilot.press("n")  # the keys still move from change to change
        await pilot.pause()
        assert screen.current == 1
        await pilot.press("l")
        await pilot.pause()
        assert by_clause.display and by_clause.has_focus and changes.size.width == narrow
        changes.focus()  # shown, but without the keys: l gives it them
        await pilot.press("l")
        await pilot.pause()
        assert by_clause.display and by_clause.has_focus

    run(app, body)


def test_compare_on_a_narrow_terminal_gives_the_changes_the_room(tmp_path: Path) -> None:
    """At 80 columns the list by clause took 40 and left the changes the other 40, and the
    status line was cut after the count of provisions moved. The list takes a third, the
    changes the rest, and the status line wraps to show the whole summary."""
    from textual.containers import VerticalScroll
    from textual.geometry import Region
    from textual.widgets import OptionList, Static

    bill, paper = copy_sample(tmp_path)
    app = DrafterApp(bill, paper)

    async def go() -> None:
        async with app.run_test(size=(80, 30)) as pilot:
            await loaded(pilot, app)
            app.action_compare_amended()
            screen = await compared(pilot, app)
            await pilot.pause()
            by_clause = screen.query_one("#by-clause", OptionList)
            changes = screen.query_one("#changes", VerticalScroll)
            assert changes.size.width > 80 // 2 > by_clause.size.width
            status = screen.query_one("#compare-status", Static)
            assert status.size.height == 2
            shown = " ".join(
                "".join(s.text for s in line).strip()
                for line in status.render_lines(Region(0, 0, *status.size))
            )
            assert shown.endswith("(inline)") and "renumbered" in shown

    asyncio.run(go())


def test_compare_two_files_and_a_missing_one(tmp_path: Path) -> None:
    bill, paper = copy_sample(tmp_path)
    amended = tmp_path / "amended.xml"
    shutil.copy(bill, amended)
    apply_numbers(amended, ["1"])
    app = DrafterApp(bill, paper)

    async def body(pilot: Any) -> None:
        await pilot.press("d")
        await pilot.pause()
        chooser = app.screen
        chooser.query_one("#old").value = str(bill)  # type: ignore[attr-defined]
        chooser.query_one("#new").focus()
        await pilot.press(*str(amended), "enter")
        screen = await compared(pilot, app)
        change = screen.current_change
        assert change is not None and change.citation == "Clause 1(4)"
        assert [(e.old, e.new) for e in change.edits] == [("2 years", "12 months")]
        await pilot.press("escape", "d")
        await pilot.pause()
        chooser = app.screen
        # the two compared last are offered again
        assert chooser.query_one("#old").value == str(bill)  # type: ignore[attr-defined]
        assert chooser.query_one("#new").value == str(amended)  # type: ignore[attr-defined]
        chooser.query_one("#new").value = ""  # type: ignore[attr-defined]
        chooser.query_one("#new").focus()
        await pilot.press(*"nowhere.xml", "enter")
        await pilot.pause()
        # said in the dialog, which stays open for the name to be put right
        assert app.screen is chooser
        error = str(chooser.query_one("#chooser-error").render())
        assert error == "nowhere.xml: no such file"
        chooser.query_one("#new").value = ""  # type: ignore[attr-defined]
        await pilot.pause()
        assert str(chooser.query_one("#chooser-error").render()) == ""  # not said of the new
        await pilot.press(*str(amended), "enter")
        await compared(pilot, app)

    run(app, body)


# --- history --------------------------------------------------------------------------------


async def history(pilot: Any, app: DrafterApp, n: int) -> HistoryScreen:
    await pilot.press("h")
    await until(
        pilot,
        lambda: isinstance(app.screen, HistoryScreen) and len(app.screen.versions) == n,
        f"{n} versions in the history",
    )
    screen = app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


def test_history_lists_versions_and_compares_two(tmp_path: Path, git_identity: None) -> None:
    repo = make_repo(tmp_path / "repo")
    app = DrafterApp(repo.bill_path)
    app.repo = repo

    async def body(pilot: Any) -> None:
        screen = await history(pilot, app, 3)
        subjects = [v.subject for v in screen.versions]
        assert subjects == [
            "Amendment 4 agreed",
            "Amendment 1 agreed",
            "Bill as received: HL Bill 101",
        ]
        assert screen.versions[0].tags == ("HL Bill 120",)
        assert screen.versions[0].amendments == ("4",)
        table = screen.query_one("#versions")
        row = [str(cell) for cell in table.get_row_at(0)]  # type: ignore[attr-defined]
        assert "HL Bill 120" in row and "Ada Drafter" in row and "4" in row
        assert "Grand Committee" in row or screen.versions[0].stage in row
        # End and Home go to the oldest version and back to the newest
        table_cursor = screen.query_one("#versions").cursor_row  # type: ignore[attr-defined]
        assert table_cursor == 0
        await pilot.press("end")
        assert screen.query_one("#versions").cursor_row == 2  # type: ignore[attr-defined]
        await pilot.press("home")
        assert screen.query_one("#versions").cursor_row == 0  # type: ignore[attr-defined]
        # mark the oldest and the newest, compare them
        await pilot.press("space")  # the newest (the cursor starts there)
        await pilot.press("down", "down", "space")
        await pilot.pause()
        assert len(screen.marked) == 2
        await pilot.press("d")
        compare = await compared(pilot, app)
        assert compare.changes is not None
        cited = [c.citation for c in compare.changes.changes]
        assert cited[0] == "Clause 1(4)" and any(c.startswith("Clause 12(1)") for c in cited)
        assert compare.versions.old_name == "HL Bill 101"  # init tagged the first print
        assert compare.versions.new_name == "HL Bill 120"

    run(app, body)


def test_history_records_the_bill_as_amended(tmp_path: Path, git_identity: None) -> None:
    """The bill as amended in the app (by the paper's amendment 5) is what History's commit
    records, with the amendment's number; then the app shows the file committed and holds no
    amended bill any more. The screen is given these and answers with a message."""
    repo = make_repo(tmp_path / "repo")
    paper = tmp_path / "five.txt"
    text = SAMPLE_PAPER.read_text(encoding="utf-8")
    head, rest = text.split("\nAmendment 1\n", 1)
    five = "Amendment 5\n" + rest.split("\nAmendment 5\n", 1)[1].split("\nAmendment 6\n")[0]
    paper.write_text(head + "\n" + five + "\n", encoding="utf-8")
    app = DrafterApp(repo.bill_path, paper)
    app.repo = repo

    async def body(pilot: Any) -> None:
        app.action_compare_amended()
        await compared(pilot, app)
        assert app.amended is not None and app.amended[1] == ["5"]
        shown = app.bill
        await pilot.press("escape")
        screen = await history(pilot, app, 3)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"Amendment 5 agreed", "enter")
        await until(pilot, lambda: len(screen.versions) == 4, "the new version")
        assert screen.versions[0].amendments == ("5",)
        await until(pilot, lambda: app.bill is not shown, "the committed bill shown")
        assert app.amended is None
        assert app.bill is not None and app.bill.find("Clause 12A") is not None

    run(app, body)


def test_history_commit_and_tag(tmp_path: Path, git_identity: None) -> None:
    repo = make_repo(tmp_path / "repo")
    apply_numbers(repo.bill_path, ["2"])  # an uncommitted change in the working copy
    app = DrafterApp(repo.bill_path)
    app.repo = repo

    async def body(pilot: Any) -> None:
        screen = await history(pilot, app, 3)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"Amendment 2 agreed", "enter")
        await until(pilot, lambda: len(screen.versions) == 4, "the new version")
        assert screen.versions[0].subject == "Amendment 2 agreed"
        assert any("Recorded version" in m and "Amendment 2 agreed" in m for m in messages(app))
        await pilot.press("t")
        await pilot.pause()
        # the version says HL Bill 101, which tags the first version: not offered again
        from textual.widgets import Input

        assert app.screen.query_one(Input).value == ""
        await pilot.press(*(["backspace"] * 20), *"HL Bill 130", "enter")
        await until(pilot, lambda: screen.versions[0].tags == ("HL Bill 130",), "the tag")
        # a print that already marks another version: the core's message, shown the one way
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*(["backspace"] * 20), *"HL Bill 101", "enter")
        await until(
            pilot,
            lambda: any("tag HL-Bill-101 already exists" in m for m in messages(app)),
            "the error",
        )
        # nothing more to record
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"Again", "enter")
        await until(pilot, lambda: any("nothing to record" in m for m in messages(app)), "error")

    run(app, body)


def test_history_records_the_amendments_the_working_copy_was_amended_by(
    tmp_path: Path, git_identity: None
) -> None:
    """The working copy committed from History with its paper: a paper alone records no
    amendments; the bill amended outside the app (drafter apply -o, in place) records those
    the bill says were applied since the last version, as drafter commit --amendments
    would. The app passed none: the column stayed empty."""
    repo = make_repo(tmp_path / "repo")
    paper = repo.papers_path() / SAMPLE_PAPER.name
    shutil.copy(SAMPLE_PAPER, paper)
    app = DrafterApp(repo.bill_path, paper)
    app.repo = repo

    async def commit(pilot: Any, screen: HistoryScreen, message: str) -> None:
        count = len(screen.versions)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*message, "enter")
        await until(pilot, lambda: len(screen.versions) == count + 1, "the new version")

    async def body(pilot: Any) -> None:
        screen = await history(pilot, app, 3)
        await commit(pilot, screen, "The paper tabled")
        assert screen.versions[0].amendments == () and screen.versions[0].paper == paper.name
        apply_numbers(repo.bill_path, ["2", "5"])  # amendments 1 and 4: in the last version
        await commit(pilot, screen, "Amendments 2 and 5 agreed")
        assert screen.versions[0].amendments == ("2", "5")
        assert any("(amendments 2, 5)" in m for m in messages(app))
        table = screen.query_one("#versions", DataTable)
        assert "2, 5" in [str(cell) for cell in table.get_row_at(0)]

    run(app, body)


def test_history_shows_a_new_versions_amendments_whole(tmp_path: Path, git_identity: None) -> None:
    """Listed again after a commit, the version just recorded shows every amendment it
    applied, even when the screen is painted before the table measures its new rows (as
    when the commit dialog closes): the Amendments column kept its old width, and
    "2, 3, 5, 6, 7, 8" showed as "2, 3, 5, 6"."""
    repo = make_repo(tmp_path / "repo")
    app = DrafterApp(repo.bill_path)
    app.repo = repo

    async def body(pilot: Any) -> None:
        screen = await history(pilot, app, 3)
        apply_numbers(repo.bill_path, ["2", "3", "5", "6", "7", "8"])
        repo.commit("Agreed on report", ["2", "3", "5", "6", "7", "8"])
        screen.show_versions(repo.versions())
        table = screen.query_one("#versions", DataTable)
        table.render_line(1)  # a paint before the table's next idle
        await pilot.pause()
        await pilot.pause()
        row = "".join(segment.text for segment in table.render_line(1))
        assert "Agreed on report" in row and "2, 3, 5, 6, 7, 8" in row, row

    run(app, body)


def test_history_needs_a_repository(tmp_path: Path) -> None:
    bill, paper = copy_sample(tmp_path)
    app = DrafterApp(bill, paper)

    async def body(pilot: Any) -> None:
        await pilot.press("h")
        await pilot.pause()
        assert not isinstance(app.screen, HistoryScreen)
        assert any("not opened from a bill repository" in m for m in messages(app))

    run(app, body)


# --- help and the command palette -------------------------------------------------------------


def help_key_shown(app: DrafterApp) -> bool:
    """Is the footer's "? Help" on screen whole: inside the footer, left of the command
    palette's key (docked at its right)?"""
    from textual.widgets import Footer

    footer = app.screen.query_one(Footer)
    keys = list(footer.children)
    helps = [k for k in keys if getattr(k, "action", "") == "help"]
    palette = [k for k in keys if k.has_class("-command-palette")]
    right = palette[0].region.x if palette else footer.region.right
    return len(helps) == 1 and footer.region.x <= helps[0].region.x < helps[0].region.right <= right


def keys_whole(app: DrafterApp) -> bool:
    """Is every key the footer shows whole, none cut at its edge or under the palette's?"""
    from textual.widgets import Footer

    footer = app.screen.query_one(Footer)
    keys = [k for k in footer.children if k.display]
    palette = [k for k in keys if k.has_class("-command-palette")]
    right = palette[0].region.x if palette else footer.region.right
    return all(k.region.right <= right for k in keys if k not in palette)


@pytest.mark.parametrize("width", [80, 90, 160])
def test_help_is_in_the_footer_at_any_width(tmp_path: Path, width: int) -> None:
    """At 90 columns the footer cut off its last key, "? Help" (an app key, listed
    after the screen's): it now leads, on the bill, the amendments and Compare. At 80 the
    last key shown was cut mid-word ("w New claus"): only whole keys are shown."""
    from drafter.tui.amendments import AmendmentsScreen

    bill, paper = copy_sample(tmp_path)
    app = DrafterApp(bill, paper)

    async def go() -> None:
        async with app.run_test(size=(width, 30)) as pilot:
            await loaded(pilot, app)
            await pilot.pause()
            assert help_key_shown(app), "the bill screen"
            await until(pilot, lambda: keys_whole(app), "the bill screen: keys whole")
            await pilot.press("m")
            await until(pilot, lambda: isinstance(app.screen, AmendmentsScreen), "the list")
            await pilot.pause()
            assert help_key_shown(app), "the amendments"
            await until(pilot, lambda: keys_whole(app), "the amendments: keys whole")
            await pilot.press("escape")
            await pilot.pause()
            app.action_compare_amended()
            await compared(pilot, app)
            await pilot.pause()
            assert help_key_shown(app), "Compare"
            await until(pilot, lambda: keys_whole(app), "Compare: keys whole")
            await pilot.press("question_mark")
            await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")

    asyncio.run(go())


def test_help_lists_every_key(tmp_path: Path) -> None:
    bill, paper = copy_sample(tmp_path)
    app = DrafterApp(bill, paper)

    async def body(pilot: Any) -> None:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        from rich.console import Console

        console = Console(width=150, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
        console.print(help_table(app))
        shown = console.export_text()
        for binding in DrafterApp.BINDINGS:
            assert getattr(binding, "description") in shown  # noqa: B009
        for words in ("Next change", "Side by side", "Mark to compare", "Tag a print", "Ctrl+P"):
            assert words in shown
        # and what the margin shows beside the words: ≈ is drafter's own layout
        assert "12:7≈" in shown and "drafter's own layout" in shown and "▌" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)

    run(app, body)


def test_palette_has_every_action(tmp_path: Path) -> None:
    bill, paper = copy_sample(tmp_path)
    app = DrafterApp(bill, paper)

    async def body(pilot: Any) -> None:
        titles = {title: action for title, _help, action in commands(app)}
        for title in (
            "Go to…",
            "Search…",
            "Compare…",
            "History",
            "Commit…",
            "Tag a print…",
            "Help",
        ):
            assert title in titles
        own = {
            name.removeprefix("action_")
            for klass in type(app).__mro__[:-1]
            if klass.__module__.startswith("drafter")
            for name in vars(klass)
            if name.startswith("action_")
        }
        listed = {a.split("(")[0] for a in titles.values()}
        assert own - listed <= {"close_prompt"}, own - listed
        # through the palette itself: type, pick, and the action runs
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Help")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen")

    run(app, body)


def test_a_change_that_only_moved_says_its_words_are_the_same() -> None:
    from dataclasses import replace

    from drafter.core.compare import Change, Place, ProvisionRef
    from drafter.tui.compare import tracked

    ref = ProvisionRef("Clause 15(2)(a)", "paragraph", "(a)", "", "", "", Place(13, 12))
    moved = Change("changed", ref, replace(ref, citation="Clause 15(a)"), moved=True)
    for side in ("both", "old", "new"):
        assert tracked(moved, side).plain == "(the same words)"


def test_the_list_on_a_bill_as_amended_says_which_amendments_are_made(tmp_path: Path) -> None:
    """On the bill as amended by amendments 1 and 4 (as committed from the app), amendment 1
    was "✗ not on page 1, line 27" (its "2 years" are "12 months" there now) and 4 "✓ ok",
    beside "already made" in the next column. The bill records them: they are made."""
    from drafter.tui.amendments import AmendmentsScreen

    paper = load_paper(SAMPLE_PAPER)
    made = [a for a in paper.amendments if a.number in ("1", "4")]
    amended, _ = apply(Bill.load(SAMPLE_BILL), made)
    bill = tmp_path / "amended.xml"
    write_atomic(bill, xml_bytes(amended.tree))
    copy = tmp_path / SAMPLE_PAPER.name
    shutil.copy(SAMPLE_PAPER, copy)
    app = DrafterApp(bill, copy)

    async def body(pilot: Any) -> None:
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, AmendmentsScreen), "the amendments")
        table = app.screen.query_one(DataTable)
        checks = [str(table.get_row_at(i)[4]) for i in range(table.row_count)]
        assert checks == ["✓ made", "✓ ok", "✓ ok", "✓ made", *["✓ ok"] * 5]

    run(app, body)


def test_the_agreed_amendments_previewed_are_saved_and_committed(
    tmp_path: Path, git_identity: None
) -> None:
    """Issue 17, item 3: without leaving the app, the bill as amended by the agreed
    amendments (previewed from the Amendments screen) is saved to a file (s) and committed
    with their numbers (c)."""
    from drafter.tui.amendments import AmendmentsScreen, PreviewScreen

    repo = make_repo(tmp_path / "repo")
    paper = tmp_path / "paper.txt"
    paper.write_text(
        SAMPLE_PAPER.read_text(encoding="utf-8").replace(
            "Amendment 5\n", "Amendment 5\nStatus: agreed\n", 1
        ),
        encoding="utf-8",
    )
    app = DrafterApp(repo.bill_path, paper)
    app.repo = repo

    async def body(pilot: Any) -> None:
        await loaded(pilot, app)
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, AmendmentsScreen), "the amendments")
        assert app.paper is not None
        agreed = [e.number for e in app.paper.entries if e.amendment.status == "agreed"]
        assert agreed == ["5"]
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, PreviewScreen), "the preview")
        await until(pilot, lambda: app.amended is not None, "the bill as amended")
        assert app.amended is not None and app.amended[1] == agreed
        # s: save it as a file, beside the bill by default
        await pilot.press("s")
        await pilot.pause()
        saved = repo.bill_path.with_name(f"{repo.bill_path.stem}-amended.xml")
        await pilot.press("enter")
        await until(pilot, saved.exists, "the bill as amended to be written")
        assert Bill.load(saved).print.text == app.amended[0].print.text
        # saved again to the same file: asked before it is written over; no keeps it
        from drafter.tui.ask import Ask

        saved.write_bytes(b"mine")
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, Ask), "asked to replace it")
        await pilot.press("n", "enter")
        await pilot.pause()
        assert saved.read_bytes() == b"mine"
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, Ask), "asked to replace it")
        await pilot.press("y", "enter")
        await until(pilot, lambda: saved.read_bytes() != b"mine", "the file replaced")
        assert Bill.load(saved).print.text == app.amended[0].print.text
        # c: commit it, with the amendments' numbers (History opens, asking the message)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, Ask), "the commit message asked")
        await pilot.press(*"Agreed in committee", "enter")
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        await until(pilot, lambda: len(screen.versions) == 4, "the new version")
        assert list(screen.versions[0].amendments) == agreed
        assert Bill.load(repo.bill_path).print.text == Bill.load(saved).print.text

    run(app, body)


# --- a paper carried onto a new print (issue 19) ------------------------------------------


def test_amendments_flag_the_last_rebase_and_open_one_to_redraft_where_its_words_went(
    tmp_path: Path, git_identity: None
) -> None:
    """A reprint committed in a bill repository carries the paper onto it; the amendments
    screen flags each verdict, and editing the one whose words the new print changed opens it
    in the editor, the bill at the place its words went, the reason said."""
    from drafter.core.reprint import name_print, reprint
    from drafter.tui.amendments import AmendmentsScreen
    from drafter.tui.editor import AmendmentEditor

    repo = store.BillRepo.init(tmp_path / "repo", copy_sample(tmp_path / "in")[0])
    paper_file = repo.papers_path() / SAMPLE_PAPER.name
    shutil.copy(SAMPLE_PAPER, paper_file)
    repo.commit("The marshalled list")
    amended, _ = apply(
        Bill.load(repo.bill_path), load_paper(paper_file).amendments, only=["5"], lay_out=False
    )
    tree = reprint(amended.tree)
    name_print(tree, "HL Bill 120", "As amended")
    data = xml_bytes(tree).replace(b"intentionally creates a", b"intentionally makes a")
    repo.bill_path.write_bytes(data)
    assert repo.commit("Reprint", ["5"]).rebased
    app = DrafterApp(repo.bill_path, paper_file)
    app.repo = repo

    async def body(pilot: Any) -> None:
        await pilot.press("m")
        await until(
            pilot,
            lambda: isinstance(app.screen, AmendmentsScreen) and app.screen.verdicts,
            "the verdicts",
        )
        screen = app.screen
        assert isinstance(screen, AmendmentsScreen)
        table = screen.query_one(DataTable)
        flags = [str(table.get_row_at(i)[4]) for i in range(table.row_count)]
        assert flags[3] == "✎ needs redrafting"  # amendment 4: “creates” is now “makes”
        assert flags[4] == "✓ already made" and flags[6] == "↻ re-cited"
        table.move_cursor(row=3)
        await pilot.pause()
        assert "there it reads “makes”" in str(screen.query_one("#detail", Static).render())
        await pilot.press("E")
        editor = app.screen.query_one(AmendmentEditor)
        await until(
            pilot, lambda: "after “creates” insert" in editor.wording.text, "the old wording"
        )
        assert app.bill_screen is not None and "page 6, line 8" in str(
            app.bill_screen.status.render()
        )
        said = [n.title for n in app._notifications]
        assert "Amendment 4 needs redrafting" in said
        # redrafted on the new print and saved: it no longer cites the old one
        editor.wording.text = (
            "Page 6, line 8, after “makes” insert “, or requests the creation of,”"
        )
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "“makes”" in paper_file.read_text(encoding="utf-8"), "saved")
        await pilot.press("escape", "m")
        await until(
            pilot,
            lambda: isinstance(app.screen, AmendmentsScreen) and app.screen.verdicts,
            "the verdicts again",
        )
        table = app.screen.query_one(DataTable)
        assert str(table.get_row_at(3)[4]) == "✎ redrafted"
        assert str(table.get_row_at(3)[5]) == "✓ ok"

    run(app, body)


# --- an Act kept beside the bill ----------------------------------------------------------------


def test_k_shows_the_act_kept_beside_the_bill_as_the_clause_would_amend_it(
    tmp_path: Path, git_identity: None
) -> None:
    """On a clause that amends an Act the repository keeps, k puts the clause beside the Act
    as amended, at the provision it changes, with each change the clause makes listed; on a
    clause that amends no Act kept, it says so."""
    from drafter.export.kept_acts import add_act
    from drafter.tui.bill_view import BillView
    from drafter.tui.keeling import KeelingScreen
    from tests.conftest import require_shared, shared_data_dir

    folder = require_shared(shared_data_dir() / "keeling" / "bankruptcy-scotland-act-2016")
    repo = store.init(tmp_path / "repo", folder / "bill.xml")
    add_act(repo, folder / "act.xml")
    app = DrafterApp(repo.bill_path)
    app.repo = repo

    async def body(pilot: Any) -> None:
        assert app.bill_screen is not None
        assert app.bill_screen.go_to("Clause 2(2)(a)")
        await pilot.press("k")
        await until(
            pilot,
            lambda: isinstance(app.screen, KeelingScreen) and bool(app.screen.query("#act")),
            "the Act",
            60,
        )
        screen = app.screen
        assert isinstance(screen, KeelingScreen)
        await pilot.pause()
        assert screen.act == "Bankruptcy (Scotland) Act 2016"
        changes = str(screen.query_one("#changes", Static).render())
        said = " ".join(changes.split())
        assert "s. 2(2)(a) (sec_29__subsec_4__para_a): in paragraph (a), after “debtor”" in said
        act = screen.query_one("#act", BillView)
        current = act.current_line()
        assert current is not None and current.eid == "sec_29__subsec_4__para_a"
        inserted = screen.amended.print.text.find("(where the debtor is not the petitioner)")
        assert inserted > 0 and any(a <= inserted < b for a, b in act.highlights)
        await pilot.press("escape")
        assert app.bill_screen.go_to("Clause 1")
        await pilot.press("k")
        await until(pilot, lambda: any("amends no Act" in m for m in messages(app)), "the note", 60)

    run(app, body)


# --- two versions of a paper ------------------------------------------------------------------


def test_papers_compared_from_the_dialog_and_from_history(
    tmp_path: Path, git_identity: None
) -> None:
    """Compare (d) given two papers shows what changed on the paper; in History, p shows
    the paper as recorded in the cursor's version beside the version before."""
    from drafter.tui.paper_compare import PaperCompareScreen

    repo = make_repo(tmp_path / "repo")
    folder = repo.root / "amendments"
    folder.mkdir(exist_ok=True)
    paper = folder / SAMPLE_PAPER.name
    text = SAMPLE_PAPER.read_text(encoding="utf-8")
    paper.write_text(text, encoding="utf-8")
    repo.commit("The paper as tabled")
    named = text.replace(
        "Sponsors: Lord Aldwick of Selsey\n",
        "Sponsors: Lord Aldwick of Selsey; Lord Tennant of Rye\n",
        1,
    )
    paper.write_text(named, encoding="utf-8")
    repo.commit("A name added to amendment 1")
    before = tmp_path / "before.txt"
    before.write_text(text, encoding="utf-8")
    app = DrafterApp(repo.bill_path, paper)
    app.repo = repo

    def report() -> str:
        screen = app.screen
        assert isinstance(screen, PaperCompareScreen)
        return str(screen.query_one("#report", Static).render())

    async def body(pilot: Any) -> None:
        await pilot.press("d")
        await pilot.pause()
        chooser = app.screen
        chooser.query_one("#old").value = str(before)  # type: ignore[attr-defined]
        chooser.query_one("#new").value = str(paper)  # type: ignore[attr-defined]
        chooser.query_one("#new").focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, PaperCompareScreen), "the papers")
        assert "names changed on 1" in report() and "added Lord Tennant of Rye" in report()
        await pilot.press("escape")
        screen = await history(pilot, app, 5)
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, PaperCompareScreen), "the paper")
        assert "Amendment 1: added Lord Tennant of Rye" in report()
        assert screen is not app.screen

    run(app, body)
