"""The Compare screen: two versions of a bill as tracked changes.

Any two versions — two files, two revisions of a bill repository, or the bill and the bill as
amended by its paper — are loaded and compared by the core (:func:`drafter.core.compare.compare`)
in a worker, with a progress bar. The changes are shown inline (insertions green and
underlined, deletions red and struck through) or side by side (``s``); ``n``/``p`` move from
change to change; the list on the left is the changed provisions, by clause, to jump to
(``l`` hides it, to give the changes the width, and shows it again).

The rendering follows :mod:`drafter.export.compare`'s HTML renderer (a change's own words from
its ``segments``), as Rich text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Header, Input, Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from drafter.core.amendment import Amendment, Status
from drafter.core.apply import apply
from drafter.core.bill import Bill
from drafter.core.compare import Change, Changes, Place, ProvisionRef, compare
from drafter.core.errors import UserError
from drafter.core.phrases import counted, named
from drafter.core.terminal import safe, safe_cells
from drafter.tui import KeysFooter, plain, show_error

if TYPE_CHECKING:
    from drafter.core.store import BillRepo, Version

INS = "bold green underline"
DEL = "red strike"
#: unchanged runs longer than this many words are cut to their first and last few
LONG_RUN = 30
EDGE = 12

#: A loader returns (old bill, new bill, a note to show) and may report progress with
#: ``step(message)``; it runs in a worker thread.
Loader = Callable[[Callable[[str], None]], tuple[Bill, Bill, str]]


@dataclass(frozen=True)
class Versions:
    """What to compare: names for the two sides, and how to load them."""

    old_name: str
    new_name: str
    load: Loader
    #: who made the new version and when (a repository's commit), for what is exported
    author: str = ""
    date: str = ""


def _trim(text: str, first: bool, last: bool) -> str:
    """An unchanged run, cut in the middle when long (keeping the words next to changes)."""
    words = text.split(" ")
    if len(words) <= LONG_RUN or (first and last):
        return text
    if first:
        return "… " + " ".join(words[-EDGE:])
    if last:
        return " ".join(words[:EDGE]) + " …"
    return " ".join(words[:EDGE]) + " … " + " ".join(words[-EDGE:])


def tracked(change: Change, side: str = "both") -> Text:
    """A change's own words as tracked changes: ``side`` "old" shows the deletions, "new"
    the insertions, "both" shows both (inline). Control and bidi characters show as U+FFFD."""
    if change.kind == "inserted":
        return Text("") if side == "old" else Text(safe_cells(change.text), style=INS)
    if change.kind == "removed":
        return Text("") if side == "new" else Text(safe_cells(change.text), style=DEL)
    out = Text()
    segments = change.segments
    if not segments:  # moved or renumbered only: its words are the same
        return Text("(the same words)", style="dim")
    for index, (op, words) in enumerate(segments):
        lead = " " if words.startswith(" ") else ""
        if op == "=":
            out.append(safe_cells(_trim(words, index == 0, index == len(segments) - 1)))
        elif op == "-" and side != "new":
            out.append(lead)
            out.append(safe_cells(words.strip()), style=DEL)
        elif op == "+" and side != "old":
            if side == "both" and index and segments[index - 1][0] == "-":
                lead = " "
            out.append(lead)
            out.append(safe_cells(words.strip()), style=INS)
    return out


def _where(ref: ProvisionRef | None, place: Place | None = None) -> str:
    if ref is None:
        return "—"
    place = place or ref.place
    return f"{ref.citation}, page {place.page}, line {place.line}" if place else ref.citation


def heading(change: Change) -> str:
    """Where a change stands in both prints, and what kind of change it is."""
    edit = change.edits[0] if change.edits else None
    old = _where(change.old, edit.old_place if edit else None)
    new = _where(change.new, edit.new_place if edit else None)
    flags: list[str] = [change.kind] if change.kind != "changed" else []
    if change.moved:
        flags.append("moved")
    if change.renumbered and change.old and change.new:
        flags.append(f"renumbered {change.old.num} → {change.new.num}")
    return f"{old}  →  {new}" + (f"   [{', '.join(flags)}]" if flags else "")


#: in the list of changes: a provision put in (cited in the new version) or left out (old)
_KIND_MARK = {"inserted": "+", "removed": "−"}


def short_place(change: Change) -> str:
    ref = change.new or change.old
    edit = change.edits[0] if change.edits else None
    place = (edit.new_place or edit.old_place) if edit else (ref.place if ref else None)
    return f"p{place.page} l{place.line}" if place else ""


class ChangeView(Static):
    """One change: where it is, then its words inline or side by side."""

    DEFAULT_CSS = """
    ChangeView { padding: 0 1 1 1; }
    ChangeView.current { background: $boost; border-left: thick $accent; }
    """

    def __init__(self, change: Change, names: tuple[str, str], index: int) -> None:
        super().__init__(id=f"change-{index}")
        self.change = change
        self.names = names
        self.side_by_side = False

    def render_change(self) -> RenderableType:
        title = plain(heading(self.change), style="bold")
        if not self.side_by_side:
            return Text.assemble(title, "\n", tracked(self.change))
        grid = Table(expand=True, show_edge=False, box=None, padding=(0, 1))
        grid.add_column(plain(self.names[0]), ratio=1)
        grid.add_column(plain(self.names[1]), ratio=1)
        grid.add_row(tracked(self.change, "old"), tracked(self.change, "new"))
        table = Table.grid(expand=True)
        table.add_row(title)
        table.add_row(grid)
        return table

    def show(self, side_by_side: bool) -> None:
        self.side_by_side = side_by_side
        self.update(self.render_change())


class CompareScreen(Screen[None]):
    """Tracked changes between two versions, change by change."""

    BINDINGS = [
        Binding("n", "step(1)", "Next change"),
        Binding("p", "step(-1)", "Previous change"),
        Binding("s", "toggle_side", "Side by side"),
        Binding("l", "toggle_list", "By clause"),
        Binding("escape", "app.pop_screen", "Back"),
    ]
    DEFAULT_CSS = """
    CompareScreen #compare-main { height: 1fr; }
    CompareScreen #by-clause {
        width: 35%; min-width: 32; max-width: 56; border-right: solid $primary-background;
    }
    CompareScreen #changes { height: 1fr; }
    CompareScreen #compare-status {
        height: auto; max-height: 3; background: $primary-background; padding: 0 1;
    }
    CompareScreen #progress { height: 3; padding: 1 2; }
    CompareScreen #progress-label { padding: 0 2; }
    """

    def __init__(self, versions: Versions) -> None:
        super().__init__()
        self.versions = versions
        self.names = (versions.old_name, versions.new_name)  # as told, till the bills are read
        self.changes: Changes | None = None
        #: the two bills compared, once read (what an export of the comparison is made from)
        self.bills: tuple[Bill, Bill] | None = None
        self.current = -1
        self.side_by_side = False
        self.note = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(
            plain(f"Comparing {self.versions.old_name} with {self.versions.new_name} …"),
            id="progress-label",
        )
        yield ProgressBar(total=4, show_eta=False, id="progress")
        with Horizontal(id="compare-main"):
            yield OptionList(id="by-clause")
            yield VerticalScroll(id="changes")
        yield Static("", id="compare-status")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = "Compare"
        self.sub_title = f"{self.versions.old_name} → {self.versions.new_name}"
        self.query_one("#compare-main").display = False
        self.run_compare()

    # --- the work, in a worker ----------------------------------------------------------

    def _step(self, message: str) -> None:
        self.query_one("#progress-label", Label).update(plain(message))
        self.query_one("#progress", ProgressBar).advance(1)

    @work(thread=True, exclusive=True, group="compare")
    def run_compare(self) -> None:
        def step(message: str) -> None:
            self.app.call_from_thread(self._step, message)

        try:
            old, new, note = self.versions.load(step)
            step("Comparing …")
            changes = compare(old, new)
        except UserError as err:
            self.app.call_from_thread(self._failed, str(err))
            return
        a, b = old.metadata.bill_number, new.metadata.bill_number
        if a and b and a != b:  # two prints: their numbers say best which is which
            self.names = (a, b)
        self.bills = (old, new)
        self.app.call_from_thread(self.show_changes, changes, note)

    def _failed(self, message: str) -> None:
        self.query_one("#progress-label", Label).update(plain(message))
        self.query_one("#progress", ProgressBar).display = False
        show_error(self, message)

    # --- showing ------------------------------------------------------------------------

    def show_changes(self, changes: Changes, note: str = "") -> None:
        self.changes = changes
        self.note = note
        self.query_one("#progress", ProgressBar).display = False
        self.query_one("#progress-label").display = False
        self.query_one("#compare-main").display = True
        names = self.names
        self.sub_title = f"{names[0]} → {names[1]}"
        by_clause = self.query_one("#by-clause", OptionList)
        pane = self.query_one("#changes", VerticalScroll)
        views: list[Static] = []
        context = None
        options: list[Option | None] = []
        for index, change in enumerate(changes.changes):
            if change.context != context:
                context = change.context
                views.append(Static(Text(context or "(outside the clauses)", style="bold u")))
                options.append(
                    Option(Text(context or "(outside the clauses)", style="bold"), disabled=True)
                )
            view = ChangeView(change, names, index)
            view.show(self.side_by_side)
            views.append(view)
            options.append(
                Option(
                    plain(
                        f"{_KIND_MARK.get(change.kind, ' ')} {short_place(change):<9} "
                        f"{change.citation}"
                    ),
                    id=f"opt-{index}",
                )
            )
        if not changes.changes:
            views.append(Static("The two versions say the same words."))
        pane.mount_all(views)
        by_clause.add_options(options)
        if changes.changes:
            self.go(0)
        else:
            self._update_status()
        if note:
            self.app.notify(safe(note), title="Compare", timeout=6, markup=False)

    def _update_status(self) -> None:
        assert self.changes is not None
        mode = "side by side" if self.side_by_side else "inline"
        summary = self.changes.summary()
        if self.current >= 0:
            change = self.changes.changes[self.current]
            where = f"Change {self.current + 1} of {len(self.changes.changes)}: {change.citation}"
        else:
            where = "No changes"
        self.query_one("#compare-status", Static).update(plain(f"{where}    {summary}    ({mode})"))

    def go(self, index: int) -> None:
        """Make change ``index`` the current one and scroll to it."""
        if self.changes is None or not self.changes.changes:
            return
        index = max(0, min(index, len(self.changes.changes) - 1))
        if self.current >= 0 and self.current != index:
            self.query_one(f"#change-{self.current}").remove_class("current")
        self.current = index
        view = self.query_one(f"#change-{index}", ChangeView)
        view.add_class("current")
        self.query_one("#changes", VerticalScroll).scroll_to_widget(
            view, animate=False, top=True, immediate=True
        )
        by_clause = self.query_one("#by-clause", OptionList)
        with by_clause.prevent(OptionList.OptionHighlighted):
            by_clause.highlighted = by_clause.get_option_index(f"opt-{index}")
        self._update_status()

    @property
    def current_change(self) -> Change | None:
        if self.changes is None or self.current < 0:
            return None
        return self.changes.changes[self.current]

    def action_step(self, delta: int) -> None:
        if self.changes is None:
            return
        if not self.changes.changes:
            show_error(self, "The two versions say the same words: no changes")
            return
        target = self.current + delta
        if not 0 <= target < len(self.changes.changes):
            self.app.notify(
                "No more changes" if delta > 0 else "This is the first change",
                title="Compare",
                timeout=3,
            )
            return
        self.go(target)

    def action_toggle_side(self) -> None:
        self.side_by_side = not self.side_by_side
        for view in self.query(ChangeView):
            view.show(self.side_by_side)
        if self.changes is not None:
            self._update_status()
            if self.current >= 0:
                self.go(self.current)

    def action_toggle_list(self) -> None:
        """The list of changes by clause: to it, or away. The list has the keys from the
        start, so only going to it did nothing to be seen; now, where it has them, it is
        hidden, and the changes take the whole width (a third more); else it is shown, and
        takes the keys."""
        by_clause = self.query_one("#by-clause", OptionList)
        if by_clause.display and by_clause.has_focus:
            by_clause.display = False
            self.query_one("#changes", VerticalScroll).focus()
        else:
            by_clause.display = True
            by_clause.focus()

    @on(OptionList.OptionSelected, "#by-clause")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id.startswith("opt-"):
            self.go(int(option_id[4:]))


# --- choosing what to compare -------------------------------------------------------------


class CompareChooser(ModalScreen[tuple[str, str] | None]):
    """Ask which two versions to compare: the bill as amended, or two files or revisions."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("a", "amended", "Bill as amended", show=False),
    ]
    DEFAULT_CSS = """
    CompareChooser { align: center middle; }
    CompareChooser > Vertical { width: 90; height: auto; border: thick $accent;
        background: $surface; padding: 1 2; }
    CompareChooser Input { margin: 0 0 1 0; }
    CompareChooser #choices { height: auto; max-height: 6; margin: 0 0 1 0; }
    CompareChooser #chooser-error { color: $error; }
    """

    def __init__(
        self,
        can_amend: bool,
        old_default: str = "",
        new_default: str = "",
        files_only: bool = False,
    ) -> None:
        super().__init__()
        self.can_amend = can_amend
        self.old_default = old_default
        self.new_default = new_default
        #: outside a bill repository only files can be compared: a name that is not there
        #: is said here, and the dialog stays open
        self.files_only = files_only

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("[b]Compare…[/b]")
            if self.can_amend:
                choices = OptionList(id="choices")
                choices.add_option(
                    Option("The bill and the bill as amended by its paper", id="amended")
                )
                choices.add_option(Option("Two files or revisions (below)", id="two"))
                yield choices
            if self.files_only:
                yield Label("Old: a bill file, or an amendment paper to compare with another")
            else:
                yield Label(
                    "Old: a file, or a revision of the bill repository (HEAD~1, HL Bill 60)"
                )
            yield Input(self.old_default, id="old", select_on_focus=False)
            yield Label(
                "New: a file" + ("" if self.files_only else " or a revision") + "; Enter compares"
            )
            yield Input(self.new_default, id="new", select_on_focus=False)
            yield Static("", id="chooser-error")

    def on_mount(self) -> None:
        if self.can_amend:  # Enter takes the first choice
            self.query_one("#choices", OptionList).highlighted = 0
        else:  # nothing to choose: straight to the version still missing
            self.query_one("#new" if self.old_default else "#old", Input).focus()

    def action_amended(self) -> None:
        if self.can_amend:
            self.dismiss(("amended", ""))

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "amended":
            self.dismiss(("amended", ""))
        else:
            self.query_one("#old", Input).focus()

    @on(Input.Submitted, "#old")
    def _old(self) -> None:
        self.query_one("#new", Input).focus()

    @on(Input.Changed)
    def _typed(self) -> None:
        self.query_one("#chooser-error", Static).update("")  # said of what was there before

    @on(Input.Submitted, "#new")
    def _new(self) -> None:
        old = self.query_one("#old", Input).value.strip()
        new = self.query_one("#new", Input).value.strip()
        if not (old and new):
            self.query_one("#old" if not old else "#new", Input).focus()
            return
        if self.files_only:
            for name, value in (("#old", old), ("#new", new)):
                if not Path(value).expanduser().is_file():
                    self.query_one("#chooser-error", Static).update(plain(f"{value}: no such file"))
                    self.query_one(name, Input).focus()
                    return
        self.dismiss((old, new))


# --- what to compare: loaders that run in the worker ----------------------------------------


def amended_versions(
    bill: Bill,
    amendments: Sequence[Amendment],
    paper_name: str,
    done: Callable[[Bill, list[str]], None] | None = None,
) -> Versions:
    """The bill, and the bill as amended by the paper's agreed amendments (or, when none is
    agreed yet, by every amendment still tabled). ``done(amended, numbers)`` is told the
    result (in the worker thread)."""
    agreed = [a for a in amendments if a.status is Status.AGREED]
    chosen = agreed or [a for a in amendments if a.status is Status.TABLED]
    which = "agreed" if agreed else "tabled"
    name = bill.metadata.bill_number or Path(bill.path).name

    def load(step: Callable[[str], None]) -> tuple[Bill, Bill, str]:
        step(f"Applying {counted(len(chosen), which + ' amendment')} from {paper_name} …")
        amended, report = apply(bill, chosen)
        step("Laying out the bill as amended …")
        amended.print  # noqa: B018  (laid out here, in the worker)
        numbers = [o.number for o in report.applied]
        if done is not None:
            done(amended, numbers)
        failed = [o.number for o in report.outcomes if not o.applied]
        note = f"Applied {which} {named(numbers) or 'amendments: none'}"
        if failed:
            note += f"; not applied: {', '.join(failed)} (see the amendments screen)"
        return bill, amended, note

    return Versions(name, f"{name} as amended", load)


def argument_versions(old: str, new: str, cwd: str | Path = ".") -> Versions:
    """Two bills named as on the command line: files, or revisions of the bill repository at
    ``cwd`` (:func:`drafter.core.store.load_bill_argument`)."""

    def load(step: Callable[[str], None]) -> tuple[Bill, Bill, str]:
        from drafter.core.store import load_bill_argument  # imports git: only when needed

        step(f"Reading {old} …")
        a = load_bill_argument(old, cwd)
        a.print  # noqa: B018
        step(f"Reading {new} …")
        b = load_bill_argument(new, cwd)
        b.print  # noqa: B018
        return a, b, ""

    return Versions(old, new, load)


def revision_versions(repo: BillRepo, old: Version, new: Version) -> Versions:
    """Two versions from a bill repository's history."""

    def label(v: Version) -> str:
        return v.tags[0] if v.tags else v.short

    def load(step: Callable[[str], None]) -> tuple[Bill, Bill, str]:
        step(f"Reading version {label(old)} …")
        a = repo.bill_at(old.sha)
        a.print  # noqa: B018
        step(f"Reading version {label(new)} …")
        b = repo.bill_at(new.sha)
        b.print  # noqa: B018
        return a, b, ""

    return Versions(label(old), label(new), load, author=new.author, date=new.date)
