"""The Amendments screen: the paper's amendments in marshalled (paper) order with number,
sponsors, status, whether each fits the bill, and what applying them all would do (conflicts
and pre-emption marked, from :func:`drafter.core.apply.apply`'s report). Statuses are changed
with single keys and saved to the paper at once; ``p`` applies the agreed amendments and
shows the bill as amended. In a bill repository whose newest print carried the paper onto it
(``drafter rebase``), a column flags what became of each amendment, and editing one that
needs redrafting opens it at the place in the new print its words went.

The screen takes the bill, the paper and where the paper is saved in; a paper it has saved
goes back to the app, which holds the current one, as :class:`~drafter.tui.messages.PaperSaved`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, LoadingIndicator, Static

from drafter.core.amendment import Status
from drafter.core.apply import Report, apply
from drafter.core.apply.provenance import made_in_this_print, made_key, put_in_spans
from drafter.core.bill import Bill
from drafter.core.errors import UserError
from drafter.core.paper import Entry, Paper, save_paper
from drafter.core.rebase import SAID, Carried
from drafter.core.resolve import check
from drafter.core.terminal import safe
from drafter.tui import KeysFooter, Rows, plain, shorten, show_error
from drafter.tui.bill_view import BillView, line_setting
from drafter.tui.messages import BillAmended, EditAmendment, GoToAmendment, PaperSaved

if TYPE_CHECKING:
    from drafter.core.store import BillRepo

#: Keys that set a status, and the status they set.
STATUS_KEYS = {
    "t": Status.TABLED,
    "a": Status.AGREED,
    "n": Status.NEGATIVED,
    "w": Status.WITHDRAWN,
    "o": Status.NOT_MOVED,
    "c": Status.NOT_CALLED,
}

#: the flag of each verdict of a rebase, before its name
VERDICT_FLAGS = {
    "unchanged": "=",
    "re-cited": "↻",
    "needs-redrafting": "✎",
    "provision-gone": "∅",
    "already-made": "✓",
}


def check_entry(bill: Bill, entry: Entry) -> str:
    """ "ok", or why the amendment does not fit (its words, or the bill)."""
    if entry.problem:
        return entry.problem
    if entry.amendment.target.amendment is not None:
        return f"ok (amends amendment {entry.amendment.target.amendment})"
    return check(bill, entry.amendment)


#: The check of an amendment the bill records as made: its words are not looked for in a
#: bill that they have changed already ("2 years" is not on the line that now says
#: "12 months").
MADE = "ok: already made (the bill records it as applied)"


def check_entries(bill: Bill, entries: tuple[Entry, ...]) -> dict[str, str]:
    """:func:`check_entry` of each amendment, by number; :data:`MADE` for those the bill
    records as made (a bill as amended, committed from the app)."""
    made = made_in_this_print(bill)
    return {
        e.number: MADE if not e.problem and made_key(e.amendment) in made else check_entry(bill, e)
        for e in entries
    }


#: The survey's word for an amendment that applies with the rest as it stands.
APPLIES = "✓ applies"


def apply_notes(report: Report) -> dict[str, str]:
    """Per amendment, what applying the whole paper would do to it: it applies, or a
    conflict, pre-emption, … (not moved: nothing to say)."""
    out = {}
    for o in report.outcomes:
        if not o.applied and o.verdict not in ("not moved",):
            # the reason may begin with the verdict ("pre-empted by amendment 3, …")
            said = o.reason if o.reason.startswith(o.verdict) else f"{o.verdict}: {o.reason}"
            out[o.number] = said if o.reason else o.verdict
        elif o.notes:
            out[o.number] = "; ".join(o.notes)
        elif o.applied:
            out[o.number] = APPLIES
    return out


class AmendmentsScreen(Screen[None]):
    """The marshalled list: statuses changed here are saved to the paper."""

    DEFAULT_CSS = """
    AmendmentsScreen #amendments { height: 1fr; }
    AmendmentsScreen #detail { height: auto; max-height: 8; border-top: solid $primary;
        padding: 0 1; }
    AmendmentsScreen #applying { height: 3; display: none; }
    AmendmentsScreen #applying.busy { display: block; }
    """
    BINDINGS = [
        Binding("a", "status('a')", "Agreed"),
        Binding("n", "status('n')", "Negatived"),
        Binding("w", "status('w')", "Withdrawn"),
        Binding("o", "status('o')", "Not moved"),
        Binding("c", "status('c')", "Not called", show=False),
        Binding("t", "status('t')", "Tabled"),
        Binding("delete", "status('w')", "Withdraw", show=False),
        Binding("D", "remove", "Remove", show=False),
        Binding("enter", "go_to", "Show in bill"),
        # e is Export on every screen: Edit is the capital
        Binding("E", "edit", "Edit"),
        Binding("p", "preview", "Apply agreed & preview"),
        Binding("escape,m", "close", "Bill"),
    ]

    def __init__(
        self,
        bill: Bill,
        paper: Paper,
        paper_file: Path,
        *,
        at: str = "",
        repo: BillRepo | None = None,
    ) -> None:
        """``at``: the amendment the list opens at (the one last shown or edited); ``repo``:
        the bill repository, whose last rebase of the paper is shown."""
        super().__init__()
        self.at = at
        self.repo = repo
        #: what became of each amendment when the paper was carried onto this print
        self.verdicts: dict[str, Carried] = {}
        self.bill = bill
        #: the paper as this screen last saved it (the app is sent each one it saves)
        self.paper = paper
        self.paper_file = paper_file
        self.notes: dict[str, str] = {}
        self.checks: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            table = Rows(id="amendments", cursor_type="row", zebra_stripes=True)
            yield table
            yield LoadingIndicator(id="applying")
            yield Static("", id="detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Amendments — {self.paper_file.name}"
        table = self.query_one(DataTable)
        self._columns(table)
        self.checks = check_entries(self.bill, self.paper.entries)
        self.fill()
        numbers = [e.number for e in self.paper.entries]
        if self.at in numbers:
            table.move_cursor(row=numbers.index(self.at))
        table.focus()
        self.survey()
        if self.repo is not None:
            self.find_verdicts(self.repo)

    @work(thread=True, exclusive=True, group="verdicts")
    def find_verdicts(self, repo: BillRepo) -> None:
        """What the last rebase made of each amendment (read from git, in a worker)."""
        try:
            carried = repo.last_rebase(self.paper_file)
        except (UserError, OSError) as err:
            self.app.call_from_thread(show_error, self, f"the last rebase: {err}")
            return
        if carried:
            self.app.call_from_thread(self._found_verdicts, {c.number: c for c in carried})

    def _found_verdicts(self, verdicts: dict[str, Carried]) -> None:
        self.verdicts = verdicts
        self._refill()

    def on_resize(self) -> None:
        """The wording, names and messages share the screen's width: cut again to the new
        one, in columns made again (a table keeps the widths its rows once gave it)."""
        if self.query(DataTable):
            self._refill()

    def _refill(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        self._columns(table)
        self.fill()
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def _columns(self, table: DataTable[str]) -> None:
        """The columns: what became of each amendment on the new print beside its status,
        when the paper was carried onto it."""
        table.add_columns("No.", "Wording", "Sponsors", "Status")
        if self.verdicts:
            table.add_column("New print")
        table.add_columns("Check", "If all are applied")

    def fill(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        # the wording, names and the two messages share what the screen's width leaves them,
        # so that every column stays in sight (the detail under the list says it all); they
        # were given 7/5 of it, and "If all are applied" ran off even 200 columns
        room = max(self.app.size.width - (56 if self.verdicts else 40), 40)
        wording, names, said = room // 3, room // 6, room // 4
        for e in self.paper.entries:
            a = e.amendment
            sponsors = shorten("; ".join(a.sponsors), names)
            result = self.checks.get(e.number, "")
            mark = "✓ ok" if result.startswith("ok") else "✗ " + shorten(result, said)
            if result == MADE:
                mark = "✓ made"
            if a.warnings and result.startswith("ok"):  # read with an assumption: say so
                mark = "⚠ " + shorten(a.warnings[0], said)
            cells = [e.number, shorten(e.wording, wording), sponsors, a.status]
            if self.verdicts:
                carried = self.verdicts.get(e.number)
                cells.append(_flag(carried, e) if carried is not None else "")
            cells += [mark, shorten(self.notes.get(e.number, ""), said)]
            # from the paper: "[HoC18]" is a number, not markup
            table.add_row(*(plain(c) for c in cells), key=e.number)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        self._show_detail()

    @work(thread=True, exclusive=True, group="survey")
    def survey(self) -> None:
        """Apply every amendment still in play, to mark conflicts and pre-emption."""
        bill, paper = self.bill, self.paper
        if not paper.entries:
            return
        try:  # only the report: the bill as amended is not shown, so not laid out again
            _, report = apply(bill, paper.amendments, lay_out=False)
        except UserError as err:
            self.app.call_from_thread(show_error, self, str(err))
            return
        self.app.call_from_thread(self._surveyed, apply_notes(report))

    def _surveyed(self, notes: dict[str, str]) -> None:
        self.notes = notes
        self.fill()

    @on(DataTable.RowHighlighted)
    def _show_detail(self, event: DataTable.RowHighlighted | None = None) -> None:
        entry = self.current()
        detail = self.query_one("#detail", Static)
        if entry is None:
            detail.update("The paper has no amendments yet: press escape, then a to draft one.")
            return
        lines = [f"Amendment {entry.number}: {shorten(entry.wording, 200)}"]
        result = self.checks.get(entry.number, "")
        if result and not result.startswith("ok"):
            lines.append(f"✗ {result}")
        lines.extend(f"⚠ {reading}" for reading in entry.amendment.warnings)
        if self.notes.get(entry.number, APPLIES) != APPLIES:
            lines.append(f"⚠ {self.notes[entry.number]}")
        carried = self.verdicts.get(entry.number)
        if carried is not None:
            lines.append(f"New print: {_flag(carried, entry)}")
            if carried.new != carried.old:
                lines.append(f"  was: {shorten(carried.old, 190)}")
            if carried.reason:
                lines.append(f"  {carried.reason}")
        detail.update(plain("\n".join(lines)))  # words, not markup: "[HoC18]" is a number

    def current(self) -> Entry | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return self.paper.entry(str(row_key.value))

    def action_status(self, key: str) -> None:
        """Set the highlighted amendment's status and save the paper."""
        entry = self.current()
        paper = self.paper
        if entry is None:
            return
        status = STATUS_KEYS[key]
        changed = replace(entry, amendment=replace(entry.amendment, status=status))
        updated = replace(paper, entries=tuple(changed if e is entry else e for e in paper.entries))
        self.save(
            updated, f"amendment {entry.number} {status}", f"Amendment {entry.number}: {status}"
        )

    def action_remove(self) -> None:
        """Take the highlighted amendment off the paper altogether, once the user says so:
        one drafted by mistake (withdrawing keeps an amendment on the paper, printed as
        withdrawn). Ctrl+Z has it back."""
        entry = self.current()
        if entry is None:
            return
        from drafter.tui.ask import Ask

        def answered(answer: str | None) -> None:
            if not (answer or "").strip().lower().startswith("y"):
                self.notify(f"Amendment {entry.number} is still on the paper", timeout=4)
                return
            kept = tuple(e for e in self.paper.entries if e is not entry)
            said = f"Amendment {entry.number} removed from the paper (ctrl+z has it back)"
            self.save(replace(self.paper, entries=kept), f"amendment {entry.number} removed", said)

        self.app.push_screen(
            Ask(f"Remove amendment {entry.number} from the paper altogether? (y/n)", "n", ""),
            answered,
        )

    def save(self, updated: Paper, what: str, said: str) -> None:
        """Save the paper as ``updated`` (``what`` changed, for undo), and show it."""
        path = self.paper_file
        try:
            save_paper(updated, path)
        except (UserError, OSError) as err:
            show_error(self, f"{path}: not saved: {err}")
            return
        self.paper = updated
        self.post_message(PaperSaved(updated, what))
        self.fill()
        self.notify(safe(f"{said} (saved to {path.name})"), markup=False)
        self.survey()

    def show_paper(self, paper: Paper) -> None:
        """The paper changed under this screen (an undo or redo): list it as it now is,
        each amendment checked again (its words may be other words now)."""
        self.paper = paper
        self.checks = check_entries(self.bill, paper.entries)
        self.fill()
        self.survey()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_go_to()

    def action_go_to(self) -> None:
        """Back to the bill, at the place the highlighted amendment bites."""
        entry = self.current()
        if entry is not None:
            self.app.post_message(GoToAmendment(entry.number))
            self.dismiss()

    def action_edit(self) -> None:
        """Back to the bill, with the highlighted amendment in the editor to change it; one
        that needs redrafting opens at the place in the new print its words went, with the
        reason and the nearest wording said."""
        entry = self.current()
        if entry is None:
            return
        carried = self.verdicts.get(entry.number)
        place = ""
        if carried is not None and carried.verdict == "needs-redrafting" and entry.amendment.cites:
            place = f"{carried.place[0]}:{carried.place[1]}" if carried.place else ""
            self.app.notify(
                safe(carried.reason),
                title=f"Amendment {entry.number} needs redrafting",
                timeout=15,
                markup=False,
            )
        self.app.post_message(EditAmendment(entry.number, place))
        self.dismiss()

    def action_preview(self) -> None:
        agreed = [e.number for e in self.paper.entries if e.amendment.status == Status.AGREED]
        if not agreed:
            show_error(self, "No amendment is agreed: mark one agreed with a, then p")
            return
        self.query_one("#applying").add_class("busy")
        self.apply_agreed(agreed)

    @work(thread=True, exclusive=True, group="apply")
    def apply_agreed(self, agreed: list[str]) -> None:
        bill, paper = self.bill, self.paper
        try:
            amended, report = apply(bill, paper.amendments, only=agreed)
            amended.print  # lay out in the worker  # noqa: B018
        except UserError as err:
            self.app.call_from_thread(self._applied_failed, str(err))
            return
        self.app.call_from_thread(self._applied, amended, report)

    def _applied_failed(self, message: str) -> None:
        self.query_one("#applying").remove_class("busy")
        show_error(self, message)

    def _applied(self, amended: Bill, report: Report) -> None:
        self.query_one("#applying").remove_class("busy")
        self.app.push_screen(PreviewScreen(amended, report))

    def action_close(self) -> None:
        self.dismiss()


def _flag(carried: Carried, entry: Entry) -> str:
    """The verdict's flag; one the rebase could not carry that no longer cites the old print
    has been redrafted since."""
    if carried.verdict not in ("unchanged", "re-cited") and not entry.amendment.cites:
        return "✎ redrafted"
    return f"{VERDICT_FLAGS[carried.verdict]} {SAID[carried.verdict][0]}"


class PreviewScreen(Screen[None]):
    """The bill as amended by the agreed amendments, with the report's summary above it."""

    DEFAULT_CSS = """
    PreviewScreen #report { height: auto; max-height: 8; padding: 0 1;
        border-bottom: solid $primary; }
    PreviewScreen #report:focus { border-bottom: solid $accent; }
    PreviewScreen #amended { height: 1fr; }
    """
    BINDINGS = [
        Binding("s", "app.save_amended", "Save as…"),
        Binding("c", "app.commit", "Commit"),
        Binding("g", "go", "Go to"),
        Binding("tab", "report", "Report / bill"),
        Binding("escape,q", "close", "Back"),
    ]

    def __init__(self, amended: Bill, report: Report) -> None:
        super().__init__()
        self.amended = amended
        self.report = report

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="report"):  # focused (tab), the arrows scroll it
            yield Static(plain(self.report.text()))
        yield BillView(self.amended.print, id="amended")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "The bill as amended (preview, not saved: s saves it, c commits it)"
        self.post_message(BillAmended(self.amended, [o.number for o in self.report.applied]))
        view = self.query_one("#amended", BillView)
        spans = put_in_spans(self.amended)  # words and provisions alike, as marked
        if spans:
            view.highlight(spans)
            view.go_to_offset(spans[0][0])
            # again once the view has its size, so that it scrolls there
            self.call_after_refresh(view.go_to_offset, spans[0][0])
        view.focus()
        self.set_lines()

    @work(thread=True, exclusive=True, group="setting")
    def set_lines(self) -> None:
        """Indent the bill as amended as the print would (as the bill screen is set)."""
        setting = line_setting(self.amended)
        self.app.call_from_thread(self.query_one("#amended", BillView).set_layout, setting)

    def action_go(self) -> None:
        """Go to a page and line, or a provision, of the bill as amended."""
        from drafter.tui.ask import Ask

        def answered(where: str | None) -> None:
            view = self.query_one("#amended", BillView)
            problem = view.go_to_place(self.amended, where or "") if where else ""
            if problem:
                show_error(self, problem)
            view.focus()

        self.app.push_screen(
            Ask("Go to (page:line, or a citation such as Clause 12A):", "6:8", ""), answered
        )

    def action_report(self) -> None:
        """Move between the report (to read it all) and the bill as amended."""
        report = self.query_one("#report", VerticalScroll)
        if report.has_focus:
            self.query_one("#amended").focus()
        elif report.allow_focus():  # it has more than it shows
            report.focus()
        else:
            self.notify("The whole report is shown, above the bill", timeout=3)

    def action_close(self) -> None:
        self.dismiss()
