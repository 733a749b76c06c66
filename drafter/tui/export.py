"""Export from the terminal app (``e``, or "Export…" in the palette): the kind of document and
its format are picked from what the screen shows (the bill, its paper, a comparison); the file
goes beside the paper unless told otherwise. The document is made in a worker, with its steps
as progress, and a notification gives the path; an error leaves the dialog open to fix it.

The documents are :mod:`drafter.export.documents`'s: what the command line writes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from drafter.core.amendment import Status
from drafter.core.errors import UserError
from drafter.core.phrases import counted
from drafter.core.terminal import safe
from drafter.export.documents import (
    FORMATS,
    Step,
    export_bill,
    export_compare,
    export_paper,
)
from drafter.tui import plain
from drafter.tui.compare import CompareScreen

if TYPE_CHECKING:
    from textual.screen import Screen

    from drafter.core.bill import Bill
    from drafter.core.paper import Paper

#: what each format is called in the dialog, by its extension
#: (Word: the bill as amended and comparisons as tracked changes, a paper as the House prints it)
FORMAT_NAMES = {".pdf": "PDF", ".docx": "Word", ".html": "HTML", ".xml": "XML"}


@dataclass(frozen=True)
class Choice:
    """A document the screen can export: its name, the formats it is written in, the file
    name it takes by default (without extension), and how it is made: ``make(path, step)``
    writes it and says what it wrote."""

    title: str
    formats: tuple[str, ...]
    stem: str
    make: Callable[[Path, Step], str]


def kinds_for(
    screen: Screen[object], bill: Bill | None, paper: Paper | None, bill_path: Path, source: Path
) -> list[Choice]:
    """What can be exported from ``screen``, the screen on top: a comparison from the
    Compare screen; else the bill, the bill as amended by the paper (saved at ``source``) and
    the paper (the paper first on the Amendments screen)."""
    from drafter.tui.amendments import AmendmentsScreen

    if isinstance(screen, CompareScreen):
        return _comparison(screen)
    if bill is None:
        return []
    kinds: list[Choice] = []
    stem = bill_path.stem
    entries = paper.entries if paper is not None else ()
    if paper is not None and entries:
        agreed = [e.number for e in entries if e.amendment.status is Status.AGREED]
        chosen = agreed or [e.number for e in entries if e.amendment.status is Status.TABLED]
        which = "agreed" if agreed else "tabled"

        def amended(path: Path, step: Step) -> str:
            report = export_bill(bill, path, paper=paper, only=chosen, source=source, step=step)
            done = len(report.applied) if report is not None else 0
            return f"{path}: the bill as amended by {counted(done, f'{which} amendment')}"

        def paper_as_printed(path: Path, step: Step) -> str:
            export_paper(paper, path, bill=bill, source=source, step=step)
            return f"{path}: {counted(len(entries), 'amendment')}"

        kinds.append(
            Choice(
                f"The bill as amended ({which} amendments)",
                FORMATS["bill"],
                f"{stem}-as-amended",
                amended,
            )
        )
        paper_kind = Choice("The amendment paper", FORMATS["paper"], source.stem, paper_as_printed)
        if isinstance(screen, AmendmentsScreen):
            kinds.insert(0, paper_kind)
        else:
            kinds.append(paper_kind)

    def bill_as_printed(path: Path, step: Step) -> str:
        export_bill(bill, path, step=step)
        return f"{path}: the bill as printed"

    kinds.append(Choice("The bill as printed", FORMATS["bill"], f"{stem}-printed", bill_as_printed))
    return kinds


def _comparison(screen: CompareScreen) -> list[Choice]:
    """The comparison on the screen, whole or as its list of changes."""
    if screen.bills is None or screen.changes is None:
        return []
    old, new = screen.bills
    names, versions, changes = screen.names, screen.versions, screen.changes
    stem = _file_name(f"{names[0]}-to-{names[1]}")

    def write(path: Path, step: Step, *, changes_only: bool) -> str:
        export_compare(
            old,
            new,
            path,
            changes_only=changes_only,
            changes=changes,
            author=versions.author,
            date=versions.date,
            names=names,
            step=step,
        )
        return f"{path}: {changes.summary()}"

    offered = (
        (f"{names[1]} compared with {names[0]}, whole", "", False),
        ("The list of changes only", "-changes", True),
    )
    return [
        Choice(title, FORMATS["compare"], stem + ending, partial(write, changes_only=only))
        for title, ending, only in offered
    ]


def _file_name(text: str) -> str:
    """A name fit for a file: "HL Bill 54-to-HL Bill 60" -> "HL-Bill-54-to-HL-Bill-60"."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "comparison"


class ExportScreen(ModalScreen[None]):
    """Which document, which format, where: Enter moves on, and on the file name exports."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen #export { width: 80; height: auto; border: thick $primary; padding: 1 2;
        background: $surface; }
    ExportScreen OptionList { height: auto; max-height: 6; margin-bottom: 1; }
    ExportScreen #export-progress { display: none; margin-top: 1; }
    ExportScreen #export-progress.busy { display: block; }
    ExportScreen #export-error { color: $error; height: auto; }
    """

    def __init__(self, kinds: list[Choice], directory: Path) -> None:
        super().__init__()
        self.kinds = kinds
        self.directory = directory
        self.kind = kinds[0]
        self.suffix = kinds[0].formats[0]
        #: the file name last suggested: one the user typed instead is kept
        self.suggested = self._default_path()
        #: a file name that is there already, once told so: Enter again replaces it
        self.confirmed = ""
        self.busy = False  # a document is being made

    def compose(self) -> ComposeResult:
        with Vertical(id="export"):
            yield Label("[b]Export[/b] — which document (Enter to go on)")
            titles = [plain(k.title) for k in self.kinds]  # may name prints: not markup
            yield OptionList(
                *[Option(title, id=f"kind-{i}") for i, title in enumerate(titles)], id="kinds"
            )
            yield Label("Format")
            yield OptionList(id="formats")
            yield Label("File (Enter exports)")
            yield Input(self.suggested, id="path", select_on_focus=False)
            yield Label("", id="export-step")
            yield ProgressBar(
                total=None, show_eta=False, show_percentage=False, id="export-progress"
            )
            yield Static("", id="export-error")

    def on_mount(self) -> None:
        kinds = self.query_one("#kinds", OptionList)
        kinds.highlighted = 0
        self._offer_formats()
        kinds.focus()

    def _default_path(self) -> str:
        return str(self.directory / f"{self.kind.stem}{self.suffix}")

    def _offer_formats(self) -> None:
        formats = self.query_one("#formats", OptionList)
        formats.clear_options()
        formats.add_options([Option(FORMAT_NAMES[s], id=f"fmt{s}") for s in self.kind.formats])
        if self.suffix not in self.kind.formats:
            self.suffix = self.kind.formats[0]
        formats.highlighted = self.kind.formats.index(self.suffix)
        self._suggest()

    def _suggest(self) -> None:
        path = self.query_one("#path", Input)
        if path.value == self.suggested:
            path.value = self.suggested = self._default_path()
        elif Path(path.value).name:  # a name of the user's own: kept, in the format chosen
            path.value = str(Path(path.value).with_suffix(self.suffix))

    @on(OptionList.OptionHighlighted, "#kinds")
    def _kind_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.kind = self.kinds[event.option_index]
        self._offer_formats()

    @on(OptionList.OptionSelected, "#kinds")
    def _kind_chosen(self) -> None:
        self.query_one("#formats").focus()

    @on(OptionList.OptionHighlighted, "#formats")
    def _format_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.suffix = self.kind.formats[event.option_index]
        self._suggest()

    @on(OptionList.OptionSelected, "#formats")
    def _format_chosen(self) -> None:
        self.query_one("#path").focus()

    @on(Input.Changed, "#path")
    def _typed(self, event: Input.Changed) -> None:
        """The file name's extension says the format: the list follows it."""
        self.confirmed = ""
        suffix = Path(event.value.strip()).suffix.lower()
        if suffix in self.kind.formats and suffix != self.suffix:
            self.suffix = suffix
            formats = self.query_one("#formats", OptionList)
            with formats.prevent(OptionList.OptionHighlighted):
                formats.highlighted = self.kind.formats.index(suffix)

    @on(Input.Submitted, "#path")
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value or self.busy:
            return
        path = Path(value).expanduser()
        if path.exists() and self.confirmed != value:
            self.confirmed = value  # a second Enter replaces it
            self.query_one("#export-error", Static).update(
                plain(f"{path} is there already: Enter again to replace it, or change the name")
            )
            return
        self.query_one("#export-error", Static).update("")
        self.query_one("#export-progress").add_class("busy")
        self.busy = True
        self.export(self.kind, path)

    @work(thread=True, exclusive=True, group="export")
    def export(self, kind: Choice, path: Path) -> None:
        def step(message: str) -> None:
            self.app.call_from_thread(self._step, message)

        try:
            said = kind.make(path, step)
        except UserError as err:
            self.app.call_from_thread(self._failed, str(err))
            return
        except Exception as err:  # not the user's doing: say so, and keep the app
            message = f"{path}: the document could not be made ({type(err).__name__}: {err})"
            self.app.call_from_thread(self._failed, message)
            return
        self.app.call_from_thread(self._done, said)

    def _step(self, message: str) -> None:
        self.query_one("#export-step", Label).update(plain(message))
        self.query_one("#export-progress", ProgressBar).advance(1)

    def _failed(self, message: str) -> None:
        self.busy = False
        self.query_one("#export-progress").remove_class("busy")
        self.query_one("#export-step", Label).update("")
        self.query_one("#export-error", Static).update(plain(message))
        self.query_one("#path", Input).focus()
        self.app.notify(safe(message), title="Export", severity="error", timeout=6, markup=False)

    def _done(self, said: str) -> None:
        self.app.notify(safe(f"Wrote {said}"), title="Export", timeout=8, markup=False)
        self.dismiss(None)
