"""Drafting in the terminal app, driven through Pilot: the amendment editor checking as you
type, amend in context on words selected in the bill, the new-clause editor, the Amendments
screen (statuses saved to the paper, the agreed ones applied and previewed) and drafts that
survive a restart. Each test works on a copy of the sample paper."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static

from drafter.cli import SAMPLE_BILL, SAMPLE_PAPER
from drafter.core.amendment import Status
from drafter.core.paper import load_paper, reads_as_sentence
from drafter.tui.amendments import AmendmentsScreen, PreviewScreen
from drafter.tui.app import DrafterApp
from drafter.tui.bill_view import BillView
from drafter.tui.drafts import Draft, Drafts, drafts_path
from drafter.tui.editor import AmendmentEditor

SOLICITATION = "Page 6, line 8, after “creates” insert “, or requests the creation of,”"
#: as typed on a keyboard: straight quotation marks, which the wording parser reads as curly
TYPED = SOLICITATION.replace("“", '"').replace("”", '"')


@pytest.fixture
def paper(tmp_path: Path) -> Path:
    path = tmp_path / "amendments.txt"
    shutil.copy(SAMPLE_PAPER, path)
    return path


async def _until(pilot: object, done: Callable[[], bool], what: str) -> None:
    for _ in range(200):
        if done():
            return
        await pilot.pause(0.05)  # type: ignore[attr-defined]
    raise AssertionError(f"timed out waiting for {what}")


async def _ready(pilot: object, app: DrafterApp) -> tuple[BillView, AmendmentEditor]:
    await _until(pilot, lambda: bool(app.query("#editor")), "the bill to load")
    await pilot.pause()  # type: ignore[attr-defined]
    assert app.view is not None
    return app.view, app.query_one("#editor", AmendmentEditor)


async def _checked(pilot: object, editor: AmendmentEditor) -> str:
    await pilot.pause(0.3)  # type: ignore[attr-defined]  # the debounce
    await pilot.pause()  # type: ignore[attr-defined]
    assert editor.result is not None
    return editor.result.message


async def _typed(pilot: object, app: DrafterApp, wording: str) -> tuple[AmendmentEditor, str]:
    """The app loaded, the editor opened (a) with ``wording`` in it: the editor, and what
    the check says of it."""
    _, editor = await _ready(pilot, app)
    await pilot.press("a")  # type: ignore[attr-defined]
    editor.wording.load_text(wording)
    return editor, await _checked(pilot, editor)


def _message(editor: AmendmentEditor) -> str:
    return str(editor.query_one("#check", Static).render())


def test_sample_opens_with_its_paper(paper: Path) -> None:
    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(140, 40)) as pilot:
            await _ready(pilot, app)
            assert app.paper is not None
            assert [e.number for e in app.paper.entries] == [str(n) for n in range(1, 10)]

    asyncio.run(run())


def test_typed_amendment_checked_and_highlighted_then_saved(paper: Path) -> None:
    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(140, 40)) as pilot:
            view, editor = await _ready(pilot, app)
            await pilot.press("a")
            assert editor.has_class("visible") and editor.wording.has_focus
            await pilot.press(*TYPED)
            assert (await _checked(pilot, editor)).startswith("✓ ok")
            assert "page 6, line 8" in _message(editor)
            text = app.bill.print.text  # type: ignore[union-attr]
            assert [text[a:b] for a, b in view.highlights] == ["creates"]
            line = view.current_line()
            assert line is not None and (line.page, line.number) == (6, 8)

            # a wrong one: the clerk's message, in place
            editor.wording.load_text("Page 6, line 9, after “creates” insert “, or requests,”")
            message = await _checked(pilot, editor)
            assert message.startswith("“creates” is not on page 6, line 9"), message
            assert "line 8" in message  # the clerk says where the words are
            assert editor.query_one("#check").has_class("error")
            assert view.highlights == []

            # a parse error, with its column
            editor.wording.load_text("Page 6, line, after")
            assert "col " in await _checked(pilot, editor)

            editor.wording.load_text(TYPED)  # straight quotes: saved as the House prints
            await _checked(pilot, editor)
            await pilot.press("ctrl+s")
            await pilot.pause()
            saved = load_paper(paper)
            # in the order of the bill: after amendment 4, which bites at the same words
            assert [e.number for e in saved.entries] == "1 2 3 4 10 5 6 7 8 9".split()
            assert saved.entry("10").wording == SOLICITATION
            assert editor.wording.text == ""
            # … and does what amendment 4 does already: saved, and said
            said = [str(n.message) for n in app._notifications]
            assert any(m.startswith("Amendment 10 does what amendment 4 does") for m in said)

    asyncio.run(run())


def test_amend_in_context(paper: Path) -> None:
    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(140, 40)) as pilot:
            view, editor = await _ready(pilot, app)
            assert view.go_to(6, 8)
            # v selects the line's first word after the paragraph number "(a)", which no
            # amendment cuts; → moves word by word to “creates”
            await pilot.press("v")
            selection = view.selection
            assert selection is not None
            assert app.bill.print.text[slice(*selection)] == "A"  # type: ignore[union-attr]
            status = app.screen.query_one("#status", Static)
            assert "x leave out · i insert before · A insert after · r replace" in str(
                status.render()
            )  # the keys that amend the words selected, while they are selected
            await pilot.press("v")  # v again drops the selection
            assert view.selection is None
            assert "x leave out" not in str(status.render())
            for page, number, first in ((6, 4, "Creating"), (6, 6, "Creating"), (6, 9, "person")):
                assert view.go_to(page, number)
                await pilot.press("v")  # after a clause's or a quoted section's number
                selection = view.selection
                assert selection is not None
                assert app.bill.print.text[slice(*selection)] == first  # type: ignore[union-attr]
                await pilot.press("v")
            assert view.go_to(6, 8)
            await pilot.press("v")
            words = ["A", "intentionally", "creates"]
            for _ in words[1:]:
                await pilot.press("right")
            selection = view.selection
            assert selection is not None
            assert app.bill.print.text[slice(*selection)] == "creates"  # type: ignore[union-attr]
            await pilot.press("A")
            await pilot.pause()
            await pilot.press(*", or requests the creation of,")
            await pilot.press("enter")
            await pilot.pause()
            assert editor.wording.text == (
                "Page 6, line 8, after “creates” insert “, or requests the creation of,”"
            )
            assert editor.result is not None and editor.result.ok

            # leave out two words, selected with shift+→
            await pilot.press("escape")  # from the editor back to the bill
            assert view.has_focus
            assert view.go_to(6, 8)
            await pilot.press("v", "right", "shift+right")
            await pilot.press("x")
            await pilot.pause()
            assert editor.wording.text == ("Page 6, line 8, leave out “intentionally creates”")
            assert editor.result is not None and editor.result.ok

    asyncio.run(run())


def test_amend_in_context_over_lines(paper: Path) -> None:
    """Words selected over several lines are left out as the House does: whole lines by
    number, else from the word before to the word after (which both stay)."""

    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(140, 40)) as pilot:
            view, editor = await _ready(pilot, app)
            pr = app.bill.print  # type: ignore[union-attr]
            assert view.go_to(6, 8)
            # v, then shift+↓ twice: lines 8 to 10, whole
            await pilot.press("v", "shift+down", "shift+down")
            selection = view.selection
            assert selection is not None and selection[0] == pr.line(6, 8).start
            assert pr.line(6, 10).text.endswith(pr.text[selection[1] - 4 : pr.line(6, 10).end])
            current = view.current_line()
            assert current is not None and (current.page, current.number) == (6, 10)
            await pilot.press("x")
            await pilot.pause()
            assert editor.wording.text == "Page 6, leave out lines 8 to 10"
            assert editor.result is not None and editor.result.ok

            # from the third word of line 8, shift+→ on past the end of the line
            await pilot.press("escape")
            assert view.go_to(6, 8)
            await pilot.press("v", "right")
            words_left = len(pr.line(6, 8).text.split()) - 3
            await pilot.press(*["shift+right"] * (words_left + 1))
            selection = view.selection
            assert selection is not None
            assert pr.text[slice(*selection)] == (
                "intentionally creates a purported intimate image of another person"
            )
            await pilot.press("x")
            await pilot.pause()
            assert editor.wording.text == ("Page 6, line 8, leave out from “A” to “(B)” in line 9")
            assert editor.result is not None and editor.result.ok
            # one word more takes the rest of line 9, but for its comma, which stays: it was
            # not selected (issue 17, item 6)
            await pilot.press("escape")
            assert view.go_to(6, 8)
            await pilot.press("v", "right", *["shift+right"] * (words_left + 2), "x")
            await pilot.pause()
            assert editor.wording.text == (
                "Page 6, line 8, leave out from “A” to end of line 9 and insert “,”"
            )
            assert editor.result is not None and editor.result.ok

            # moving the cursor drops the selection
            await pilot.press("escape", "down")
            assert view.selection is None

    asyncio.run(run())


def test_repeated_word_is_cited_by_occurrence(paper: Path) -> None:
    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(140, 40)) as pilot:
            view, editor = await _ready(pilot, app)
            bill = app.bill
            assert bill is not None
            line = next(
                ln for ln in bill.print.lines if ln.text.count(" the ") >= 2 and ln.page > 1
            )
            second = line.text.index(" the ", line.text.index(" the ") + 1) + 1
            assert view.select(line.start + second, line.start + second + 3)
            await pilot.press("x")
            await pilot.pause()
            assert "leave out the " in editor.wording.text
            assert "“the”" in editor.wording.text
            assert editor.result is not None and editor.result.ok, editor.result
            # the core resolves the wording to exactly the words selected
            start = line.start + second
            assert list(editor.result.spans) == [(start, start + 3)]

    asyncio.run(run())


def test_new_clause_editor(paper: Path) -> None:
    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(140, 40)) as pilot:
            _, editor = await _ready(pilot, app)
            await pilot.press("w")
            assert editor.has_class("clause") and editor.clause.has_focus
            editor.after.value = "12"
            editor.clause.load_text(
                "# Requesting the creation of purported intimate image of adult\n"
                "    (1) A person commits an offence if the person requests another person "
                "to create a purported intimate image of an adult.\n"
                "    (2) It is immaterial whether or not the image is created.\n"
            )
            message = await _checked(pilot, editor)
            assert message.startswith("✓ ok — new clause “Requesting the creation"), message
            editor.after.value = "99"
            message = await _checked(pilot, editor)
            assert "Clause 99" in message and not editor.result.ok  # type: ignore[union-attr]
            editor.after.value = "12"
            await _checked(pilot, editor)
            await pilot.press("ctrl+s")
            await pilot.pause()
            entry = load_paper(paper).entry("10")
            assert entry.wording == "After Clause 12, insert the following new Clause—"
            assert entry.structure[0].heading.startswith("Requesting the creation")
            assert len(entry.structure[0].children) == 2

    asyncio.run(run())


async def _the_list(pilot: object, app: DrafterApp) -> tuple[AmendmentsScreen, DataTable[str]]:
    """The app loaded and its amendments list opened (m): the screen and its table."""
    await _ready(pilot, app)
    await pilot.press("m")  # type: ignore[attr-defined]
    await _until(pilot, lambda: isinstance(app.screen, AmendmentsScreen), "the list")
    screen = app.screen
    assert isinstance(screen, AmendmentsScreen)
    return screen, screen.query_one(DataTable)


def test_the_amendments_list_fits_itself_to_a_resized_terminal(paper: Path) -> None:
    """Opened at 80 columns and widened to 200, the list kept its wording cut to what 80
    columns had room for ("Page 1, line 27, l…"); narrowed, the columns it had ran off the
    screen. The wording is cut again to the new width, the row kept."""

    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(80, 30)) as pilot:
            _, table = await _the_list(pilot, app)
            await pilot.press("down", "down")
            narrow = str(table.get_row_at(0)[1])
            await pilot.resize_terminal(200, 40)
            await pilot.pause()
            wide = str(table.get_row_at(0)[1])
            assert len(wide) > len(narrow) and wide.startswith(narrow.rstrip("…"))
            assert table.cursor_row == 2
            await pilot.resize_terminal(80, 30)
            await pilot.pause()
            assert str(table.get_row_at(0)[1]) == narrow

    asyncio.run(run())


def test_every_column_of_the_amendments_list_is_in_sight(tmp_path: Path) -> None:
    """The cut words shared the width as if it were 7/5 of itself: with long names, a
    message and a note, “If all are applied” ran off even 200 columns."""
    names = "; ".join(f"Lord Example of Somewhere {n}" for n in range(6))
    paper = tmp_path / "long.txt"
    paper.write_text(
        "Bill: Crime and Policing Bill\nBill number: HL Bill 101\nHouse: House of Lords\n\n"
        f"Amendment 1\nSponsors: {names}\n"
        "Page 6, line 8, leave out “intentionally creates a purported intimate image”\n\n"
        f"Amendment 2\nSponsors: {names}\n"
        "Page 6, line 8, leave out “intentionally creates a purported intimate image”\n\n"
        f"Amendment 3\nSponsors: {names}\n"
        "Page 6, line 9, leave out “intentionally creates a purported intimate image”\n",
        encoding="utf-8",
    )

    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(120, 40)) as pilot:
            screen, table = await _the_list(pilot, app)
            await _until(pilot, lambda: bool(screen.notes), "the survey's notes")
            for width in (120, 160, 200):
                await pilot.resize_terminal(width, 40)
                await pilot.pause()
                await pilot.pause()
                assert table.virtual_size.width <= table.size.width, width

    asyncio.run(run())


def test_amendments_screen_status_and_preview(paper: Path) -> None:
    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(160, 44)) as pilot:
            await _ready(pilot, app)
            await pilot.press("m")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, AmendmentsScreen)
            table = screen.query_one(DataTable)
            assert table.row_count == 9
            numbers = [str(table.get_row_at(i)[0]) for i in range(9)]
            assert numbers == [str(n) for n in range(1, 10)]
            assert all(screen.checks[n] == "ok" for n in numbers), screen.checks
            assert all(str(table.get_row_at(i)[4]) == "✓ ok" for i in range(9))
            # each row shows the start of its wording, to find an amendment by its words
            assert str(table.get_row_at(0)[1]).startswith("Page 1, line 27, leave out “2 years”")
            # End and Home go to the last and first amendment
            await pilot.press("end")
            assert table.cursor_row == 8
            await pilot.press("home")
            assert table.cursor_row == 0

            # amendment 4 is agreed: saved to the paper at once
            table.move_cursor(row=3)
            await pilot.press("a")
            await pilot.pause()
            assert load_paper(paper).entry("4").amendment.status == Status.AGREED
            assert str(table.get_row_at(3)[3]) == "agreed"

            await pilot.press("p")
            await _until(pilot, lambda: isinstance(app.screen, PreviewScreen), "the preview")
            preview = app.screen
            assert isinstance(preview, PreviewScreen)
            assert preview.report.applied[0].number == "4"
            view = preview.query_one(BillView)
            line = view.current_line()
            assert line is not None
            assert "creates, or requests the creation of, a purported" in line.text
            text = preview.amended.print.text
            assert [text[a:b] for a, b in view.highlights] == [", or requests the creation of,"]
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen

            # amendment 5, a new clause, is agreed too: the whole clause is marked as put in
            # (issue 17, item 8)
            table.move_cursor(row=4)
            await pilot.press("a")
            await pilot.pause()
            await pilot.press("p")
            await _until(pilot, lambda: isinstance(app.screen, PreviewScreen), "the preview")
            preview = app.screen
            assert isinstance(preview, PreviewScreen)
            view = preview.query_one(BillView)
            text = preview.amended.print.text
            marked = [text[a:b] for a, b in view.highlights]
            assert any(m.startswith("12A Requesting the creation of purported") for m in marked)
            # set as printed, indented by level, like the bill
            await _until(pilot, lambda: bool(view.setting), "the preview's setting")
            assert max(depth for depth, _ in view.setting.values()) >= 2
            # tab goes to a report longer than its pane, to read all of it, and back
            report = preview.query_one("#report")
            report.styles.max_height = 1
            await pilot.pause()
            await pilot.press("tab")
            assert report.has_focus
            await pilot.press("tab")
            assert view.has_focus
            # g goes to a provision of the bill as amended; typed words are not commands
            await pilot.press("g", *"Clause 12A", "enter")
            await pilot.pause()
            assert isinstance(app.screen, PreviewScreen) and view.has_focus
            line = view.current_line()
            assert line is not None and "12A Requesting the creation" in line.text
            await pilot.press("escape")

    asyncio.run(run())


def test_drafts_survive_a_restart(paper: Path) -> None:
    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(140, 40)) as pilot:
            _, editor = await _ready(pilot, app)
            await pilot.press("a")
            await pilot.press(*'Page 6, line 8, after "creates" insert "half-typed')
            await pilot.press("escape")
            await pilot.press("q")  # quitting saves the draft
        assert drafts_path(paper).exists()

        again = DrafterApp(SAMPLE_BILL, paper)
        async with again.run_test(size=(140, 40)) as pilot:
            _, editor = await _ready(pilot, again)
            await _until(pilot, lambda: editor.has_class("visible"), "the draft to come back")
            assert editor.wording.text == 'Page 6, line 8, after "creates" insert "half-typed'
            message = await _checked(pilot, editor)
            assert message.startswith("⚠ Read “half-typed” (its closing mark is missing)")
            # keys still go to the bill: a opens the editor, typing goes on at the end
            assert again.view is not None and again.view.has_focus
            await pilot.press("a", *'"')
            assert editor.wording.text == 'Page 6, line 8, after "creates" insert "half-typed"'
            said = [str(n.message) for n in again._notifications]
            assert "Your draft from last time is back in the editor: a to go on with it" in said

    asyncio.run(run())


def test_a_new_clause_draft_comes_back_saying_its_own_key(paper: Path) -> None:
    """A new clause's draft came back saying “a to go on with it”; a opens the wording
    editor, w the new clause's."""
    Drafts(paper).save(Draft(new_clause="# Half a clause", mode="clause"))

    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(140, 40)) as pilot:
            _, editor = await _ready(pilot, app)
            await _until(pilot, lambda: editor.has_class("visible"), "the draft to come back")
            said = [str(n.message) for n in app._notifications]
            assert "Your draft from last time is back in the editor: w to go on with it" in said

    asyncio.run(run())


def test_drafts_file_is_atomic_and_tolerant(tmp_path: Path) -> None:
    paper = tmp_path / "p.txt"
    drafts = Drafts(paper)
    assert drafts.load() == Draft()
    assert drafts.save(Draft(wording="Page 1"))
    assert not drafts.save(Draft(wording="Page 1"))  # unchanged: not written again
    assert Drafts(paper).load().wording == "Page 1"
    assert not list(tmp_path.glob("*.tmp"))
    drafts.path.write_text("{not json", encoding="utf-8")
    assert Drafts(paper).load() == Draft()  # a broken draft never stops the app
    drafts.save(Draft())
    assert not drafts.path.exists()


def test_autosave_while_typing(paper: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("drafter.tui.editor.AUTOSAVE", 0.1)

    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(140, 40)) as pilot:
            _, editor = await _ready(pilot, app)
            await pilot.press("a", *"Page 1")
            await _until(pilot, lambda: Drafts(paper).load().wording == "Page 1", "the autosave")
            assert Drafts(paper).load().wording == "Page 1"
            assert editor.wording.text == "Page 1"
            _ = app.query_one("#prompt", Input)

    asyncio.run(run())


def test_a_new_clause_is_typed_as_a_drafter_types_it(paper: Path) -> None:
    """Enter keeps the indent of the line above, Tab indents, a subsection indented by a
    slip under the one before is pointed out, and Escape goes back to the bill."""

    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(140, 40)) as pilot:
            view, editor = await _ready(pilot, app)
            await pilot.press("w")
            editor.after.value = "12"
            await pilot.press(*"Review", "enter", "tab", *"(1) One.", "enter", *"(2) Two.")
            assert editor.clause.text == "Review\n    (1) One.\n    (2) Two."
            assert (await _checked(pilot, editor)) == "✓ ok — new clause “Review”"
            await pilot.press("enter", "tab", *"(3) Three.")
            message = await _checked(pilot, editor)
            assert message.endswith(
                "⚠ (3) is read as inside (2); if it is not, indent it as (2) is"
            )
            await pilot.press("escape")
            await pilot.pause()
            assert view.has_focus

    asyncio.run(run())


def test_on_a_small_terminal_the_check_the_names_and_the_status_stay_in_sight(
    paper: Path,
) -> None:
    """At 80×24: the new-clause editor keeps its check, names and statement on screen; Escape
    from the bill closes the panel (the draft is kept); the amendments list keeps Status and
    Check within the width."""

    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(80, 24)) as pilot:
            view, editor = await _ready(pilot, app)
            await pilot.press("w", *"Review", "enter", "tab", *"(1) One.")
            await _checked(pilot, editor)
            for part in ("#check", "#names", "#statement"):
                region = editor.query_one(part).region
                assert region.height and region.bottom <= 24, (part, region)
            await pilot.press("escape")  # to the bill …
            assert view.has_focus and editor.has_class("visible")
            await pilot.press("escape")  # … and the panel closes
            await pilot.pause()
            assert not editor.has_class("visible")
            await pilot.press("w")  # the draft is still there
            assert editor.clause.text.startswith("Review")
            await pilot.press("escape", "escape", "m")
            await _until(pilot, lambda: isinstance(app.screen, AmendmentsScreen), "the list")
            await pilot.pause()
            table = app.screen.query_one(DataTable)
            widths = [c.get_render_width(table) for c in table.ordered_columns[:5]]
            assert sum(widths) <= 80, widths  # No., Wording, Sponsors, Status, Check

    asyncio.run(run())


async def _new_clause_editor_at(pilot: object, app: DrafterApp, place: str) -> AmendmentEditor:
    """The app loaded, the bill gone to ``place`` ("6:1"), the new-clause editor opened (w)."""
    _, editor = await _ready(pilot, app)
    await pilot.press("g", *place, "enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("w")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    return editor


def test_the_new_clause_editor_places_the_clause_where_the_bill_is_shown(paper: Path) -> None:
    """Issue 17, item 1: the After Clause field is filled with the clause at the cursor (or
    the last before it: page 6 opens Part 4, after Clause 11), and what is saved is the
    Lords form with that placement; an empty field is not saved as the Commons form."""

    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(140, 40)) as pilot:
            editor = await _new_clause_editor_at(pilot, app, "6:1")
            assert editor.after.value == "11"
            editor.clause.load_text(
                "# Requesting the creation of purported intimate image of adult\n"
                "    (1) A person commits an offence if the person requests another person "
                "to create a purported intimate image of an adult.\n"
            )
            editor.after.value = ""
            message = await _checked(pilot, editor)
            assert message.startswith("Say after which clause the new clause goes"), message
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert load_paper(paper).entries[-1].number == "9"  # nothing saved
            editor.after.value = "11"
            await _checked(pilot, editor)
            await pilot.press("ctrl+s")
            await pilot.pause()
            entry = load_paper(paper).entry("10")
            assert entry.wording == "After Clause 11, insert the following new Clause—"

    asyncio.run(run())


def test_a_new_clause_to_a_commons_bill_is_in_the_commons_form(
    tmp_path: Path, shared_data: Path
) -> None:
    """The Commons places no new clause ("To move the following Clause—"): on a Commons
    bill the After Clause field is not filled from the cursor, and what is saved is the
    Commons form (a trial's new clause to the Sustainable Aviation Fuel Bill was saved as
    "After Clause 6, insert …", the Lords form)."""
    bill = tmp_path / "saf.xml"
    shutil.copy(shared_data / "bills" / "sustainable-aviation-fuel-bill-hc286.xml", bill)
    saved = tmp_path / "saf-amendments.txt"

    async def run() -> None:
        app = DrafterApp(bill, saved)
        async with app.run_test(size=(140, 40)) as pilot:
            editor = await _new_clause_editor_at(pilot, app, "5:1")
            assert editor.after.value == ""
            editor.clause.load_text(
                "# Annual report on the levy\n"
                "    (1) The Secretary of State must report on the levy each year.\n"
            )
            assert (await _checked(pilot, editor)).startswith("✓ ok")
            await pilot.press("ctrl+s")
            await _until(pilot, saved.exists, "the paper saved")
            assert load_paper(saved).entries[0].wording == "To move the following Clause—"

    asyncio.run(run())


def test_lines_the_paper_amends_are_marked_and_say_which_amendments(paper: Path) -> None:
    """Issue 17, item 17: a mark in the gutter and the numbers after the words, on every
    line an amendment on the paper touches; Enter there shows the amendments; a new one
    saved is marked at once."""

    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(140, 40)) as pilot:
            view, editor = await _ready(pilot, app)
            await _until(pilot, lambda: bool(view.amended), "the marks")
            assert view.amended[(6, 8)] == ("4",)
            assert view.amended[(1, 27)] == ("1",)
            await pilot.press("g", *"6:8", "enter")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            said = [n.message for n in app._notifications]
            assert any(
                m.startswith("Amendment 4 (Lord Tennant of Rye): Page 6, line 8, after")
                for m in said
            ), said
            # an amendment saved from the editor is marked with the rest
            await pilot.press("a")
            await pilot.press(*'Page 1, line 27, leave out "2 years" and insert "1 year"')
            await _checked(pilot, editor)
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: "10" in view.amended.get((1, 27), ()), "the new mark")
            assert view.amended[(1, 27)] == ("1", "10")

    asyncio.run(run())


def test_an_amendment_is_saved_with_its_names_and_explanatory_statement(paper: Path) -> None:
    """Issue 17, item 14: the proposer, supporters and a member's explanatory statement are
    typed in the editor and saved on the paper; the names stay for the next amendment."""

    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(140, 40)) as pilot:
            _, editor = await _ready(pilot, app)
            await pilot.press("a")
            await pilot.press(*TYPED)
            editor.names.value = "Baroness Ashworth of Kew; Lord Tennant of Rye"
            editor.statement.value = "This amendment would make   requesting an offence."
            await _checked(pilot, editor)
            await pilot.press("ctrl+s")
            await _until(
                pilot,
                lambda: any(e.number == "10" for e in load_paper(paper).entries),
                "the save",
            )
            saved = load_paper(paper).entry("10").amendment
            assert saved.sponsors == ("Baroness Ashworth of Kew", "Lord Tennant of Rye")
            assert saved.explanatory_statement == "This amendment would make requesting an offence."
            await pilot.pause()
            assert editor.names.value == "Baroness Ashworth of Kew; Lord Tennant of Rye"
            assert editor.statement.value == ""

    asyncio.run(run())


def test_a_statement_typed_among_the_names_is_said_when_saved(paper: Path) -> None:
    """A trial's Tab went astray and the explanatory statement went into Names: it was saved
    as a member's name without a word. It is still saved (nothing typed is lost), and the
    app says that a name reads as a sentence."""

    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(140, 40)) as pilot:
            _, editor = await _ready(pilot, app)
            await pilot.press("a")
            await pilot.press(*TYPED)
            editor.names.value = (
                "Lord Tennant of Rye; This amendment would make requesting an offence."
            )
            await _checked(pilot, editor)
            await pilot.press("ctrl+s")
            await _until(
                pilot,
                lambda: any(e.number == "10" for e in load_paper(paper).entries),
                "the save",
            )
            saved = load_paper(paper).entry("10").amendment
            assert saved.sponsors[1] == "This amendment would make requesting an offence."
            said = [str(n.message) for n in app._notifications]
            assert any("a name reads as a sentence: “This amendment would" in m for m in said)
            # a Lords title of seven words is a name
            assert not reads_as_sentence("The Lord Bishop of St Albans")

    asyncio.run(run())


def test_a_saved_amendment_is_shown_edited_and_withdrawn_from_the_amendments_screen(
    paper: Path,
) -> None:
    """Issue 17, item 15: on the Amendments screen, Enter shows where an amendment bites,
    E puts it in the editor (saved in its place, number and status kept; e is Export on
    every screen), and Delete
    withdraws it (kept on the paper, marked withdrawn)."""

    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(160, 44)) as pilot:
            view, editor = await _ready(pilot, app)
            await pilot.press("m")
            await _until(pilot, lambda: isinstance(app.screen, AmendmentsScreen), "the list")
            table = app.screen.query_one(DataTable)
            table.move_cursor(row=3)  # amendment 4: page 6, line 8
            await pilot.press("enter")
            await _until(pilot, lambda: not isinstance(app.screen, AmendmentsScreen), "the bill")
            line = view.current_line()
            assert line is not None and (line.page, line.number) == (6, 8)
            assert view.highlights
            # the list opens again at the amendment last shown
            await pilot.press("m")
            await _until(pilot, lambda: isinstance(app.screen, AmendmentsScreen), "the list")
            assert app.screen.query_one(DataTable).cursor_row == 3
            # E: amendment 1 in the editor, changed, saved in its place
            app.screen.query_one(DataTable).move_cursor(row=0)
            await pilot.press("E")  # e is Export, on every screen
            await _until(pilot, lambda: editor.editing == "1", "the editor")
            assert (
                editor.wording.text == "Page 1, line 27, leave out “2 years” and insert “12 months”"
            )
            assert editor.names.value == "Lord Aldwick of Selsey"
            editor.wording.load_text("Page 1, line 27, leave out “2 years” and insert “6 months”")
            await _checked(pilot, editor)
            await pilot.press("ctrl+s")
            await _until(
                pilot, lambda: "6 months" in load_paper(paper).entry("1").wording, "the save"
            )
            saved = load_paper(paper)
            assert [e.number for e in saved.entries] == [str(n) for n in range(1, 10)]
            assert saved.entry("1").amendment.sponsors == ("Lord Aldwick of Selsey",)
            # Delete: withdrawn, kept on the paper
            await pilot.press("escape", "m")
            await _until(pilot, lambda: isinstance(app.screen, AmendmentsScreen), "the list")
            app.screen.query_one(DataTable).move_cursor(row=1)
            await pilot.press("delete")
            await pilot.pause()
            assert load_paper(paper).entry("2").amendment.status == Status.WITHDRAWN
            # D: one drafted by mistake taken off the paper, once the user says so; ctrl+z
            # has it back (a trial's: withdrawing was the only way, and kept it on the paper)
            list_screen = app.screen
            list_screen.query_one(DataTable).move_cursor(row=2)
            await pilot.press("D")
            await pilot.pause()
            await pilot.press("n", "enter")
            await _until(pilot, lambda: app.screen is list_screen, "the answer")

            def numbers() -> list[str]:
                return [e.number for e in load_paper(paper).entries]

            assert "3" in numbers()
            await pilot.press("D")
            await pilot.pause()
            await pilot.press("backspace", "y", "enter")
            await _until(pilot, lambda: "3" not in numbers(), "the removal")
            assert numbers()[:3] == ["1", "2", "4"]
            await pilot.press("ctrl+z")
            await _until(pilot, lambda: "3" in numbers(), "the undo")

    asyncio.run(run())


def test_changes_to_the_paper_are_undone_and_done_again(paper: Path) -> None:
    """Issue 17, item 16: ctrl+z puts the paper back as it was before each change made in
    the app (an amendment saved, a status changed), back to when it was opened, saving it
    each time; ctrl+y makes the change again."""
    original = paper.read_bytes()

    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(160, 44)) as pilot:
            view, editor = await _ready(pilot, app)
            await pilot.press("a", *TYPED)
            await _checked(pilot, editor)
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: len(load_paper(paper).entries) == 10, "the save")
            after_save = paper.read_bytes()
            await pilot.press("escape", "m")
            await _until(pilot, lambda: isinstance(app.screen, AmendmentsScreen), "the list")
            app.screen.query_one(DataTable).move_cursor(row=0)
            await pilot.press("a")  # amendment 1 agreed
            await pilot.pause()
            assert load_paper(paper).entry("1").amendment.status == Status.AGREED
            # undone and done again in the list itself, which shows it at once
            table = app.screen.query_one(DataTable)
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert load_paper(paper).entry("1").amendment.status == Status.TABLED
            assert str(table.get_row_at(0)[3]) == "tabled"
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert str(table.get_row_at(0)[3]) == "agreed"
            await pilot.press("escape")
            await pilot.pause()
            view.focus()
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert load_paper(paper).entry("1").amendment.status == Status.TABLED
            assert paper.read_bytes() == after_save
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert paper.read_bytes() == original
            await pilot.press("ctrl+z")  # nothing more: it was opened so
            await pilot.pause()
            assert paper.read_bytes() == original
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert paper.read_bytes() == after_save
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert load_paper(paper).entry("1").amendment.status == Status.AGREED

    asyncio.run(run())


def test_tab_goes_round_the_editor_and_never_out_into_the_bill(paper: Path) -> None:
    """Tab from the last field of the editor goes back to the wording: out of it, the next
    words typed would run as the bill's commands (h, m, a, q …)."""

    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(140, 40)) as pilot:
            _, editor = await _ready(pilot, app)
            await pilot.press("a")
            assert editor.wording.has_focus
            await pilot.press("tab")
            assert editor.names.has_focus
            await pilot.press("tab")
            assert editor.statement.has_focus
            await pilot.press("tab")
            assert editor.wording.has_focus
            await pilot.press("shift+tab")
            assert editor.statement.has_focus
            await pilot.press(*"This amendment would help")
            assert editor.statement.value == "This amendment would help"
            assert isinstance(app.screen, type(app.bill_screen))

    asyncio.run(run())


def test_a_bill_laid_out_by_drafter_marks_its_numbers_as_an_estimate(
    paper: Path, tmp_path: Path
) -> None:
    """A bill without the House's markers: each line's page and line carry ≈ in the gutter,
    the status line says whose layout it is, and a citation checked says it is drafter's."""
    import copy

    from drafter.core.bill import Bill
    from drafter.core.files import xml_bytes
    from drafter.core.print.markers import strip_markers

    tree = copy.deepcopy(Bill.load(SAMPLE_BILL).tree)
    strip_markers(tree.getroot())
    bare = tmp_path / "bare.xml"
    bare.write_bytes(xml_bytes(tree))

    async def run() -> None:
        app = DrafterApp(bare, paper)
        async with app.run_test(size=(140, 40)) as pilot:
            view, editor = await _ready(pilot, app)
            assert view.go_to(1, 27)
            await pilot.pause()
            row = view.render_line(view.cursor - view.scroll_offset.y).text
            assert row[1:].startswith("  1:27 ≈  not exceed"), row  # ▌: the paper amends it
            status = str(app.screen.query_one("#status", Static).render())
            assert status.startswith("page 1, line 27 (drafter's layout)")
            word = app.bill.print.line(1, 27).text.split()[-1]  # type: ignore[union-attr]
            await pilot.press("a", *f'Page 1, line 27, leave out "{word}"')
            assert "drafter's own page and line" in await _checked(pilot, editor)

    asyncio.run(run())


def test_an_amendment_is_not_saved_into_a_paper_for_another_print(tmp_path: Path) -> None:
    """A trial's: the paper opened is for another bill or print (its header says so), and
    an amendment typed against this one was added to it. Now saving is refused, saying why,
    the paper is as it was, and what was typed stays in the editor."""
    paper = tmp_path / "hl60.txt"
    paper.write_text(
        SAMPLE_PAPER.read_text("utf-8").replace("HL Bill 101", "HL Bill 60"), encoding="utf-8"
    )
    before = paper.read_bytes()

    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(140, 40)) as pilot:
            editor, message = await _typed(pilot, app, SOLICITATION)
            assert message.startswith("✓ ok")
            await pilot.press("ctrl+s")
            await pilot.pause()
            said = [n.message for n in app._notifications]
            assert any("is not written into it" in m for m in said), said
            assert editor.wording.text == SOLICITATION

    asyncio.run(run())
    assert paper.read_bytes() == before


def test_after_saving_the_next_amendment_is_typed_in_the_wording(paper: Path) -> None:
    """Saved from the statement box, the editor is ready for the next amendment's wording:
    the cursor is back in it, not left in the names or statement."""

    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(140, 40)) as pilot:
            editor, _ = await _typed(pilot, app, SOLICITATION)
            editor.statement.focus()
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: editor.wording.text == "", "the save")
            assert app.focused is editor.wording

    asyncio.run(run())


def test_a_quit_as_the_bill_opens_keeps_the_last_draft(
    paper: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An app closed while the bill opens can mount the editor without its fields (Textual
    mounts nothing into a closing screen). It still closes cleanly, and the draft from last
    time stays on disk for the next start."""
    Drafts(paper).save(Draft(wording='Page 6, line 8, after "creates" insert "half-typed'))
    monkeypatch.setattr(AmendmentEditor, "compose", lambda self: iter(()))

    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(140, 40)) as pilot:
            await _until(pilot, lambda: bool(app.query("#editor")), "the bill to load")
            await pilot.pause()
            await pilot.press("q")

    asyncio.run(run())
    assert Drafts(paper).load().wording == 'Page 6, line 8, after "creates" insert "half-typed'


def test_a_bill_opened_again_without_a_paper_drafts_on_in_the_one_saved_before(
    tmp_path: Path,
) -> None:
    """Opened with no paper named, the app saves into ``<bill>-amendments.txt``; opened so
    again, it reads that paper and adds to it (a trial lost the first session's amendments
    to the second's first save, which wrote a paper of one)."""
    bill = tmp_path / "bill.xml"
    shutil.copy(SAMPLE_BILL, bill)
    saved = tmp_path / "bill-amendments.txt"

    async def draft(wording: str) -> None:
        app = DrafterApp(bill)
        async with app.run_test(size=(140, 40)) as pilot:
            _, message = await _typed(pilot, app, wording)
            assert message.startswith("✓ ok"), message
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: saved.exists() and wording in saved.read_text(), "save")

    first, second = (
        "Page 1, line 27, leave out “2 years” and insert “3 years”",
        "Page 1, line 26, leave out “specified” and insert “stated”",
    )
    asyncio.run(draft(first))
    asyncio.run(draft(second))
    assert sorted(e.wording for e in load_paper(saved).entries) == [second, first]


def test_the_paper_a_bill_opened_without_one_drafts_into(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beside the bill; in the current folder when the bill's cannot be written (a trial's
    drafts and exports went into the read-only folder of published bills); for drafter's
    sample, the user's copy of its paper."""
    from drafter.cli import default_paper

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    bill = tmp_path / "bills" / "bill.xml"
    bill.parent.mkdir()
    assert default_paper(bill) == tmp_path / "bills" / "bill-amendments.txt"
    here = tmp_path / "work"
    here.mkdir()
    monkeypatch.chdir(here)
    monkeypatch.setattr("os.access", lambda path, mode: Path(path) != bill.parent)
    assert default_paper(bill) == here / "bill-amendments.txt"
    assert default_paper(SAMPLE_BILL) == tmp_path / "data" / "drafter" / SAMPLE_PAPER.name
