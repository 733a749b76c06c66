"""The whole story, through Textual's Pilot: open the sample bill with an (empty) amendment
paper from a bill repository; draft the solicitation amendment (Clause 12: after “creates”
insert “, or requests the creation of,”) by typing it and by amend in context; see it
checked; save it to the paper; apply it and compare; commit the bill as amended; see the new
version in the history — asserting on the messages and the state at each step."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Static, TextArea

from drafter.core import store
from drafter.tui.app import DrafterApp
from drafter.tui.compare import CompareScreen
from drafter.tui.history import HistoryScreen
from tests.test_tui_screens import SIZE, copy_sample, isolate_git, loaded, messages, until

#: as typed on a keyboard: straight quotes (Pilot cannot press “ ”; the tmux test types them)
WORDING = 'Page 6, line 8, after "creates" insert ", or requests the creation of,"'
NEW_WORDS = ", or requests the creation of,"


def test_the_whole_story(tmp_path: Path, git_identity: None) -> None:
    source, _ = copy_sample(tmp_path / "source")
    repo = store.BillRepo.init(tmp_path / "repo", source)
    paper = tmp_path / "repo" / "amendments" / "grand-committee.txt"  # made on the first save
    app = DrafterApp(repo.bill_path, paper)
    app.repo = repo

    async def story() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot, app)
            assert app.title == "Crime and Policing Bill"
            assert app.view is not None

            # 1. by typing: the editor checks it as it is typed
            await pilot.press("a")
            await pilot.pause()
            wording = app.query_one("#wording", TextArea)
            assert wording.has_focus
            await pilot.press(*WORDING)
            await until(
                pilot,
                lambda: (
                    getattr(app.query_one("#editor"), "result", None) is not None
                    and app.query_one("#editor").result.ok
                ),  # type: ignore[attr-defined]
                "the typed amendment to check: "
                + repr(wording.text)
                + str(app.query_one("#check", Static).render()),
            )
            check = str(app.query_one("#check", Static).render())
            assert check, "the check says nothing"
            assert app.view.highlights, "the target words are not marked in the bill"
            # 2. by amend in context: the same amendment, from the words in the bill
            wording.load_text("")
            await pilot.press("escape")
            await pilot.pause()
            app.view.focus()
            assert app.bill_screen is not None and app.bill_screen.go_to("6:8")
            line = app.view.current_line()
            assert line is not None and "creates" in line.text
            await pilot.press("v")
            for _ in range(20):
                sel = app.view.selection
                if (
                    sel
                    and app.bill is not None
                    and app.bill.print.text[sel[0] : sel[1]] == "creates"
                ):
                    break
                await pilot.press("right")
            await pilot.press("A")  # insert after the selected words
            await pilot.pause()
            await pilot.press(*NEW_WORDS, "enter")
            await until(
                pilot,
                lambda: "creates" in app.query_one("#wording", TextArea).text,
                "the wording written from the selection",
            )
            written = app.query_one("#wording", TextArea).text
            assert "Page 6, line 8, after “creates” insert" in written, written
            assert NEW_WORDS in written, written
            await until(
                pilot,
                lambda: (
                    app.query_one("#editor").result is not None  # type: ignore[attr-defined]
                    and app.query_one("#editor").result.ok
                ),  # type: ignore[attr-defined]
                "the amend-in-context wording to check",
            )
            # 3. save it to the paper
            app.query_one("#wording", TextArea).focus()
            await pilot.press("ctrl+s")
            await until(pilot, lambda: any("added to" in m for m in messages(app)), "save")
            assert app.paper is not None and len(app.paper.entries) == 1
            assert paper.exists()
            # a new paper says whose bill it is
            assert app.paper.info.bill_number == "HL Bill 101"
            assert "Bill number: HL Bill 101" in paper.read_text(encoding="utf-8")
            await pilot.press("escape")
            await pilot.pause()

            # 4. apply it and compare: the bill beside the bill as amended
            app.action_compare_amended()
            await until(
                pilot,
                lambda: isinstance(app.screen, CompareScreen) and app.screen.changes is not None,
                "the comparison",
            )
            compare = app.screen
            assert isinstance(compare, CompareScreen) and compare.changes is not None
            assert [c.citation for c in compare.changes.changes] == [
                "Clause 12(1), quoted structure"
            ]
            change = compare.current_change
            assert change is not None and [e.new for e in change.edits] == [NEW_WORDS]
            assert any("Applied tabled amendment 1" in m for m in messages(app))
            assert app.amended is not None and app.amended[1] == ["1"]
            await pilot.press("escape")
            await pilot.pause()

            # 5. commit the bill as amended, and see it in the history
            await pilot.press("h")
            await until(
                pilot,
                lambda: isinstance(app.screen, HistoryScreen) and len(app.screen.versions) == 1,
                "the history",
            )
            history = app.screen
            assert isinstance(history, HistoryScreen)
            await pilot.press("c")
            await pilot.pause()
            await pilot.press(*"Amendment 1 agreed in Grand Committee", "enter")
            await until(pilot, lambda: len(history.versions) == 2, "the new version")
            newest = history.versions[0]
            assert newest.subject == "Amendment 1 agreed in Grand Committee"
            assert newest.amendments == ("1",)
            assert newest.paper == paper.name
            assert any("Recorded version" in m and "Amendment 1 agreed" in m for m in messages(app))
            assert app.amended is None
            assert NEW_WORDS in store.printed_text(repo.bill_at("HEAD"))
            assert NEW_WORDS not in store.printed_text(repo.bill_at("HEAD~1"))
            # and the bill on screen is now the version just recorded
            await until(
                pilot,
                lambda: app.bill is not None and NEW_WORDS in app.bill.print.text,
                "the committed bill on screen",
            )
            assert app.view is not None and app.view.print is app.bill.print

    asyncio.run(story())


@pytest.fixture
def git_identity(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(tmp_path, monkeypatch)


def test_the_whole_story_of_a_team(tmp_path: Path, git_identity: None) -> None:
    """Issue 17's story, end to end: a shared repository; a drafter's clone; an amendment
    drafted with its names and statement, edited, the edit undone and done again; agreed,
    applied and previewed; the bill as amended saved to a file and committed; pushed; and
    another clone of the shared repository sees it."""
    from textual.widgets import DataTable

    from drafter.core.amendment import Status
    from drafter.core.bill import Bill
    from drafter.core.paper import load_paper
    from drafter.tui.amendments import AmendmentsScreen, PreviewScreen
    from drafter.tui.ask import Ask

    source, _ = copy_sample(tmp_path / "source")
    shared = tmp_path / "shared"
    store.BillRepo.init_shared(shared, source)
    mine = store.BillRepo.clone(str(shared), tmp_path / "ada")
    paper = mine.working_paper()
    app = DrafterApp(mine.bill_path, paper)
    app.repo = mine

    async def story() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot, app)
            editor = app.query_one("#editor")
            # draft it, with the peer's name and a statement
            await pilot.press("a", *WORDING)
            editor.names.value = "Baroness Owen of Alderley Edge"  # type: ignore[attr-defined]
            editor.statement.value = "This amendment would make requesting an offence."  # type: ignore[attr-defined]
            await until(pilot, lambda: editor.result is not None and editor.result.ok, "ok")  # type: ignore[attr-defined]
            await pilot.press("ctrl+s")
            await until(pilot, lambda: paper.exists(), "the paper")
            assert load_paper(paper).entry("1").amendment.sponsors == (
                "Baroness Owen of Alderley Edge",
            )
            # edit it from the Amendments screen, then undo the edit and do it again
            await pilot.press("escape", "m")
            await until(pilot, lambda: isinstance(app.screen, AmendmentsScreen), "the list")
            await pilot.press("E")
            await until(pilot, lambda: editor.editing == "1", "the editor")  # type: ignore[attr-defined]
            editor.wording.load_text(WORDING.replace("the creation of", "the making of"))  # type: ignore[attr-defined]
            await until(pilot, lambda: editor.result is not None and editor.result.ok, "ok")  # type: ignore[attr-defined]
            await pilot.press("ctrl+s")
            await until(pilot, lambda: "making" in load_paper(paper).entry("1").wording, "edit")
            await pilot.press("escape")
            app.view.focus()  # type: ignore[union-attr]
            await pilot.press("ctrl+z")
            await until(pilot, lambda: "making" not in load_paper(paper).entry("1").wording, "undo")
            await pilot.press("ctrl+y")
            await until(pilot, lambda: "making" in load_paper(paper).entry("1").wording, "redo")
            # agree it, apply and preview; save the bill as amended; commit it
            await pilot.press("m")
            await until(pilot, lambda: isinstance(app.screen, AmendmentsScreen), "the list")
            app.screen.query_one(DataTable).move_cursor(row=0)
            await pilot.press("a")
            await until(
                pilot,
                lambda: load_paper(paper).entry("1").amendment.status == Status.AGREED,
                "agreed",
            )
            await pilot.press("p")
            await until(pilot, lambda: isinstance(app.screen, PreviewScreen), "the preview")
            await until(pilot, lambda: app.amended is not None, "the bill as amended")
            await pilot.press("s", "enter")
            saved = mine.bill_path.with_name(f"{mine.bill_path.stem}-amended.xml")
            await until(pilot, saved.exists, "the bill as amended, saved")
            await pilot.press("c")
            await until(pilot, lambda: isinstance(app.screen, Ask), "the commit message")
            await pilot.press(*"Amendment 1 agreed", "enter")
            history = app.screen
            assert isinstance(history, HistoryScreen)
            await until(pilot, lambda: len(history.versions) == 2, "the new version")

    asyncio.run(story())
    mine.push()
    theirs = store.BillRepo.clone(str(shared), tmp_path / "ben")
    newest = theirs.versions()[0]
    assert newest.subject == "Amendment 1 agreed" and newest.amendments == ("1",)
    text = Bill.load(theirs.bill_path).print.text
    assert "creates, or requests the making of, a purported" in text
    assert (theirs.papers_path() / paper.name).exists()
