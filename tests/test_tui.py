"""The terminal app driven through Textual's Pilot: open the sample bill, go to citations and
page/line, search, and see the core's own error messages."""

from __future__ import annotations

import asyncio

from textual.widgets import Static

from drafter.cli import SAMPLE_BILL
from drafter.core.bill import page_and_line
from drafter.tui.app import DrafterApp
from drafter.tui.bill_view import BillView


def test_page_and_line_forms() -> None:
    assert page_and_line("12:7") == (12, 7)
    assert page_and_line("page 12, line 7") == (12, 7)
    assert page_and_line("p12 l7") == (12, 7)
    assert page_and_line("12/7") == (12, 7)
    assert page_and_line("Clause 12") is None


async def _loaded(pilot: object, app: DrafterApp) -> BillView:
    for _ in range(100):
        if app.view is not None:
            break
        await asyncio.sleep(0.05)
    assert app.view is not None, "the bill did not load"
    await pilot.pause()  # type: ignore[attr-defined]
    return app.view


async def _set(pilot: object, app: DrafterApp) -> BillView:
    """The bill view once loaded and set as printed (indents and headings, read in a worker)."""
    view = await _loaded(pilot, app)
    for _ in range(100):
        if view.setting:
            break
        await asyncio.sleep(0.05)
    return view


def test_open_go_to_and_search() -> None:
    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL)
        async with app.run_test(size=(140, 40)) as pilot:
            view = await _loaded(pilot, app)
            assert app.title == "Crime and Policing Bill"
            assert "HL Bill 101" in app.sub_title
            first = view.current_line()
            assert first is not None and (first.page, first.number) == (1, 1)

            await pilot.press("g")
            await pilot.press(*"Clause 12(1)")
            await pilot.press("enter")
            await pilot.pause()
            line = view.current_line()
            assert line is not None
            assert (line.page, line.number) == (6, 5)
            assert line.text.startswith("(1) In the Sexual Offences Act 2003")
            assert "page 6, line 5" in str(app.query_one("#status", Static).render())

            await pilot.press("g")
            await pilot.press(*"8:15")
            await pilot.press("enter")
            await pilot.pause()
            line = view.current_line()
            assert line is not None and (line.page, line.number) == (8, 15)

            await pilot.press("slash")
            await pilot.press(*"purported intimate image")
            await pilot.press("enter")
            await pilot.pause()
            line = view.current_line()
            assert line is not None and "purported intimate image" in line.text
            assert view.highlights
            first_hit = (line.page, line.number)
            await pilot.press("n")
            await pilot.pause()
            again = view.current_line()
            assert again is not None and (again.page, again.number) != first_hit

    asyncio.run(run())


def test_search_ignores_case_and_counts_its_matches() -> None:
    """Issue 17, item 9: "RESPECT ORDERS" finds "respect orders", "intimate image" stops at
    "Intimate images" too, and the status line (not a notification over the editor) says
    which match of how many."""

    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL)
        async with app.run_test(size=(140, 40)) as pilot:
            view = await _loaded(pilot, app)
            assert app.bill is not None
            text = app.bill.print.text.lower()
            await pilot.press("slash", *"RESPECT ORDERS", "enter")
            await pilot.pause()
            line = view.current_line()
            assert line is not None and "respect order" in line.text.lower()
            status = str(app.query_one("#status", Static).render())
            assert f"“RESPECT ORDERS”: 1 of {text.count('respect orders')}" in status
            found = []
            for _ in range(text.count("intimate image")):
                await pilot.press("slash", *"intimate image", "enter")
                await pilot.pause()
                ((start, end),) = view.highlights
                found.append(app.bill.print.text[start:end])
            assert "Intimate image" in found and "intimate image" in found
            await pilot.press("slash", *"no such words", "enter")
            await pilot.pause()
            status = str(app.query_one("#status", Static).render())
            assert "“no such words” is not in the bill (case ignored)" in status
            assert not app._notifications

    asyncio.run(run())


def test_errors_are_the_cores_messages() -> None:
    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL)
        async with app.run_test(size=(140, 40)) as pilot:
            await _loaded(pilot, app)
            await pilot.press("g")
            await pilot.press(*"Clause 99")
            await pilot.press("enter")
            await pilot.pause()
            messages = [n.message for n in app._notifications]
            assert any(
                "there is no Clause 99" in m and "(it has clauses 1 to 24)" in m for m in messages
            )
            await pilot.press("g")
            await pilot.press(*"40:1")
            await pilot.press("enter")
            await pilot.pause()
            messages = [n.message for n in app._notifications]
            assert any("there is no page 40 (the print has pages 1 to 14)" in m for m in messages)

    asyncio.run(run())


def test_a_file_that_is_not_a_bill_closes_the_app_saying_why(tmp_path: object) -> None:
    """Not a spinner over an empty screen: the app closes with the core's message, which
    ``drafter open`` prints as the command line does (exit status 2)."""
    from pathlib import Path

    bad = Path(str(tmp_path)) / "bad.xml"
    bad.write_text("<html><body>not a bill</body></html>")

    async def run() -> None:
        app = DrafterApp(bad)
        async with app.run_test(size=(120, 30)) as pilot:
            for _ in range(60):
                if app.failed:
                    break
                await asyncio.sleep(0.05)
            await pilot.pause()
        assert app.failed is not None and "bad.xml" in app.failed and "HTML" in app.failed
        assert app.return_code == 2

    asyncio.run(run())


def test_a_paper_that_cannot_be_read_closes_the_app_rather_than_be_overwritten(
    tmp_path: object,
) -> None:
    from pathlib import Path

    paper = Path(str(tmp_path)) / "paper.xml"
    paper.write_text("<amendments>not LawMaker's</amendments>")
    before = paper.read_bytes()

    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(120, 30)) as pilot:
            for _ in range(100):
                if app.failed:
                    break
                await asyncio.sleep(0.05)
            await pilot.pause()
        assert app.failed is not None and "paper.xml" in app.failed
        assert app.failed.endswith(
            "(to draft into another paper: drafter open BILL --paper NEW.txt)"
        )
        assert app.return_code == 2

    asyncio.run(run())
    assert paper.read_bytes() == before


def test_a_paper_for_another_print_is_said_and_not_applied(tmp_path: object) -> None:
    from pathlib import Path

    from drafter.cli import SAMPLE_PAPER

    paper = Path(str(tmp_path)) / "hl60.txt"
    paper.write_text(
        SAMPLE_PAPER.read_text("utf-8").replace("HL Bill 101", "HL Bill 60"), encoding="utf-8"
    )

    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL, paper)
        async with app.run_test(size=(140, 40)) as pilot:
            await _loaded(pilot, app)
            why = f"{paper} is for HL Bill 60, but {SAMPLE_BILL} is HL Bill 101"
            said = [n.message for n in app._notifications]
            assert any(why in m and "not applied here" in m for m in said), said
            app.action_compare_amended()
            await pilot.pause()
            assert app.amended is None
            assert not any(type(s).__name__ == "CompareScreen" for s in app.screen_stack)

    asyncio.run(run())


def test_the_bill_is_set_as_printed_indented_by_level_with_headings_apart() -> None:
    """Issue 17, item 18: each line indented by its provision's depth, as the print sets it
    (and as the documents drafter exports set it), its words wrapped under that indent;
    clause, Part and crossheading lines set apart."""

    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL)
        async with app.run_test(size=(100, 40)) as pilot:
            view = await _set(pilot, app)
            depth = {place: d for place, (d, _) in view.setting.items()}
            assert depth[(6, 5)] < depth[(6, 7)] < depth[(6, 8)]  # (1), then (1), then (a)
            assert view.setting[(6, 4)][1] == "clause"
            assert view.setting[(6, 3)][1] == "crossheading"
            assert view.go_to(6, 8)
            await pilot.pause()
            y = view._ys(view.cursor).start - view.scroll_offset.y
            shown = "".join(segment.text for segment in view.render_line(y))
            assert shown[9:].startswith(" " * (2 * depth[(6, 8)]) + "(a) A intentionally")

    asyncio.run(run())


def test_go_to_shows_the_line_on_a_narrow_terminal() -> None:
    """At 80×24 (lines wrapping) Go to and search put the line they find on screen, not
    only in the status line."""

    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL)
        async with app.run_test(size=(80, 24)) as pilot:
            view = await _set(pilot, app)
            await pilot.press("g", *"Clause 12(1)", "enter")
            await pilot.pause()
            ys = view._ys(view.cursor)
            top, height = view.scroll_offset.y, view.scrollable_content_region.height
            assert top <= ys.start and ys.stop <= top + height

    asyncio.run(run())


def test_keys_pressed_after_q_open_nothing() -> None:
    """q then e (or d) at once: the app closes, rather than open a screen on an app that is
    closing (which failed with a traceback)."""

    async def run() -> None:
        app = DrafterApp(SAMPLE_BILL)
        async with app.run_test(size=(120, 30)) as pilot:
            await _loaded(pilot, app)
            await pilot.press("q", "e", "d")
            await pilot.pause()
        assert app.return_code in (0, None)

    asyncio.run(run())
