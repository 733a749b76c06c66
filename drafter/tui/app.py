"""The drafter terminal app. It calls the same core functions as the command line and keeps
no copies of its own: the bill is a :class:`~drafter.core.bill.Bill`, the page and line
numbers come from its print, citations are resolved by the core.

The app holds the current bill and paper, and nothing else does: each screen takes what it
shows through its constructor (the bill screen, :mod:`drafter.tui.bill_screen`, the first,
is there while the bill is read and is given it once read) and gives results back through
``dismiss`` or a message (:mod:`drafter.tui.messages`), which the app acts on.

Loading runs in a worker so the screen paints at once; every error a user can cause is shown
the same way, as a notification with the core's own message. A bill or paper that cannot be
read closes the app with that message (as the command line says it, exit status 2): there
is nothing to show, and drafting into a paper that could not be read would overwrite it.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from drafter.core.bill import Bill
from drafter.core.drafting import lines_amended, place_entry, replace_entry
from drafter.core.errors import UserError
from drafter.core.files import check_writable, write_atomic, xml_bytes
from drafter.core.paper import (
    Entry,
    Paper,
    cited_elsewhere,
    load_paper,
    load_papers,
    paper_beside,
    same_as,
    save_paper,
)
from drafter.core.phrases import named
from drafter.core.resolve import resolve
from drafter.core.terminal import safe
from drafter.tui import show_error
from drafter.tui.bill_screen import BillScreen
from drafter.tui.bill_view import BillView, line_setting
from drafter.tui.commands import DrafterCommands
from drafter.tui.messages import (
    AmendmentsOnLine,
    BillAmended,
    BillCommitted,
    EditAmendment,
    GoToAmendment,
    PaperSaved,
    SaveAmendment,
    ShowAmendments,
    ShowKeeling,
    ShowPaperChanges,
)

if TYPE_CHECKING:
    from drafter.core.store import BillRepo


class DrafterApp(App[None]):
    """Read a bill as printed; go to any citation or page and line; search."""

    TITLE = "drafter"
    #: The keys that work on every screen; the bill screen has its own
    #: (:attr:`BillScreen.BINDINGS <drafter.tui.bill_screen.BillScreen.BINDINGS>`).
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("d", "compare", "Compare"),
        Binding("h", "history", "History"),
        Binding("e", "export", "Export"),
        Binding("question_mark,f1", "help", "Help"),
        # the editor's text has its own undo while it has the keys; these undo the paper
        Binding("ctrl+z", "undo", "Undo a change to the paper", show=False),
        Binding("ctrl+y", "redo", "Redo a change to the paper", show=False),
    ]
    COMMANDS = App.COMMANDS | {DrafterCommands}
    #: the bill repository the bill was opened from (``drafter open DIR``), for history
    repo: BillRepo | None = None
    #: the bill as amended by the paper and the amendments applied, when compared: what
    #: a commit records
    amended: tuple[Bill, list[str]] | None = None

    def __init__(self, bill_path: str | Path, paper_path: str | Path | None = None) -> None:
        super().__init__()
        self.bill_path = Path(bill_path)
        #: the amendment paper drafted against the bill (None: none named; saving then
        #: writes ``paper_file``); ``paper`` is what it holds, empty if it does not exist yet
        self.paper_path = Path(paper_path) if paper_path is not None else None
        self.paper: Paper | None = None
        self.bill: Bill | None = None
        #: the screen that shows the bill, once it is read
        self.bill_screen: BillScreen | None = None
        #: why the bill or paper could not be opened (the app then closes at once)
        self.failed: str | None = None
        #: q was pressed: the app is closing, and takes no more commands
        self.quitting = False
        #: the amendment last shown or edited from the Amendments screen: the list opens
        #: at it again
        self.last_amendment = ""
        #: the paper as it was before each change made here (and what the change was),
        #: back to when the app was opened; and the changes undone, to be done again
        self.undone: list[tuple[Paper, str]] = []
        self.changes: list[tuple[Paper, str]] = []
        #: why the paper's amendments are not applied to this bill (it says it is for
        #: another bill or print), None when they can be
        self.cited_elsewhere: str | None = None
        #: the two files or versions compared last: the Compare dialog offers them again
        self.last_compared: tuple[str, str] | None = None

    @property
    def view(self) -> BillView | None:
        """The bill screen's view of the bill (None until it is shown)."""
        return self.bill_screen.view if self.bill_screen is not None else None

    def get_default_screen(self) -> Screen[None]:
        """The bill screen: the first, under every other; it shows the bill once read."""
        self.bill_screen = BillScreen(self.paper_file)
        return self.bill_screen

    def on_mount(self) -> None:
        self.sub_title = str(self.bill_path)
        self.load_bill()

    @work(thread=True, exclusive=True)
    def load_bill(self) -> None:
        try:
            bill = Bill.load(self.bill_path)
            # read the print, and parse the tree (a bill read before is parsed when first
            # needed, and the contents need it), in the worker, not on the UI thread
            bill.print, bill.body  # noqa: B018
        except UserError as err:
            self.call_from_thread(self.fail, str(err))
            return
        paper = Paper()
        # the paper named; else the one saved to before, drafted on (not written over), but
        # never drafter's sample paper beside its sample bill
        saved_before = self.bill_path.parent.resolve() != _SAMPLES
        if (self.paper_path is not None or saved_before) and self.paper_file.exists():
            try:
                paper = load_paper(self.paper_file)
            except UserError as err:  # not written over: said, with the way round it
                why = f"{err} (to draft into another paper: drafter open BILL --paper NEW.txt)"
                self.call_from_thread(self.fail, why)
                return
            self.cited_elsewhere = cited_elsewhere(paper.info, str(self.paper_file), bill)
        self.paper = paper
        self.call_from_thread(self.show_bill, bill)
        if self.cited_elsewhere:
            why = f"{self.cited_elsewhere}: its amendments are not applied here"
            self.call_from_thread(self.show_error, why)

    def fail(self, message: str) -> None:
        """The bill or paper cannot be opened: close, saying why (see :func:`run`)."""
        self.failed = message
        # after the screen has painted once: closing while it still mounts leaves Textual's
        # own start-up half done (a warning on the terminal, and another exit status)
        self.call_after_refresh(self.exit, return_code=2)

    def show_error(self, message: str) -> None:
        """The one way errors reach the user: the core's message, as a notification."""
        show_error(self, message)

    def show_bill(self, bill: Bill) -> None:
        """The bill is read: show it on the bill screen."""
        self._describe(bill)
        if self.bill_screen is not None:
            self.bill_screen.show(bill)
        self.set_lines(bill)
        self.mark_paper()

    @work(thread=True, exclusive=True, group="setting")
    def set_lines(self, bill: Bill) -> None:
        """Set the bill's lines as the print sets them (indents, headings): worked out in a
        worker, as the documents drafter exports set them (half a second on a big bill)."""
        setting = line_setting(bill)
        view = self.view
        if view is not None and self.bill is bill:
            self.call_from_thread(view.set_layout, setting)

    @work(thread=True, exclusive=True, group="marks")
    def mark_paper(self) -> None:
        """Mark in the bill view the lines the paper's amendments touch (resolved here, in a
        worker: a long paper takes a moment)."""
        bill, paper = self.bill, self.paper
        if bill is None or paper is None or self.cited_elsewhere:
            return
        amended = lines_amended(bill, paper)
        view = self.view
        if view is not None:
            self.call_from_thread(view.mark_amended, amended)

    @on(AmendmentsOnLine)
    def _amendments_on_line(self, message: AmendmentsOnLine) -> None:
        """The amendments on the line the user pressed Enter on, as the paper has them."""
        if self.paper is None:
            return
        said = []
        for number in message.numbers:
            entry = next((e for e in self.paper.entries if e.number == number), None)
            if entry is not None:
                sponsors = (
                    f" ({'; '.join(entry.amendment.sponsors)})" if entry.amendment.sponsors else ""
                )
                said.append(f"Amendment {number}{sponsors}: {entry.wording}")
        self.notify(
            "\n".join(said),
            title=f"Page {message.page}, line {message.line}",
            timeout=12,
            markup=False,
        )

    def replace_bill(self, bill: Bill) -> None:
        """Show a new version of the bill (as committed) in place of the one shown."""
        if self.bill_screen is None or self.bill_screen.view is None:
            return
        self._describe(bill)
        self.bill_screen.show(bill)
        self.set_lines(bill)
        self.mark_paper()

    def _describe(self, bill: Bill) -> None:
        """Make ``bill`` the current one: its title, number and stage above it."""
        self.bill = bill
        m = bill.metadata
        self.title = safe(m.title or "drafter")
        self.sub_title = safe(" · ".join(x for x in (m.bill_number, m.stage) if x))

    # --- compare, history, help (drafter.tui.compare, .history, .help) ---------------------

    def action_compare(self) -> None:
        """Ask which two versions to compare, then show them as tracked changes."""
        from drafter.tui.compare import CompareChooser

        can_amend = self.bill is not None and bool(getattr(self.paper, "entries", ()))
        old = str(self.bill_path) if self.repo is None else "HEAD~1"
        new = "" if self.repo is None else "HEAD"
        old, new = self.last_compared or (old, new)  # what was compared last, to change
        chooser = CompareChooser(can_amend, old, new, files_only=self.repo is None)
        self.push_screen(chooser, self._compare_chosen)

    def _compare_chosen(self, choice: tuple[str, str] | None) -> None:
        from drafter.tui.compare import CompareScreen, argument_versions

        if choice is None:
            return
        if choice[0] == "amended":
            self.action_compare_amended()
            return
        self.last_compared = choice
        cwd = self.repo.root if self.repo is not None else Path.cwd()
        from drafter.core.file_kind import file_kind

        files = [Path(name).expanduser() for name in choice]
        files = [f if f.is_absolute() else cwd / f for f in files]
        if all(file_kind(f) == "paper" for f in files):  # two versions of an amendment paper
            self.compare_paper_files(files[0], files[1])
            return
        self.push_screen(CompareScreen(argument_versions(*choice, cwd=cwd)))

    @work(thread=True, exclusive=True, group="compare-papers")
    def compare_paper_files(self, old: Path, new: Path) -> None:
        """Two versions of a paper, read in this worker, then shown compared."""
        try:
            papers = load_papers(old, new)
        except UserError as err:
            self.call_from_thread(self.show_error, str(err))
            return
        self.post_message(ShowPaperChanges(*papers, old.name, new.name))

    @on(ShowPaperChanges)
    def _show_paper_changes(self, message: ShowPaperChanges) -> None:
        from drafter.tui.paper_compare import PaperCompareScreen

        self.push_screen(
            PaperCompareScreen(message.old, message.new, message.old_name, message.new_name)
        )

    def action_compare_amended(self) -> None:
        """The bill beside the bill as amended by its paper."""
        from drafter.tui.compare import CompareScreen, amended_versions

        paper = self.paper
        if self.bill is None or paper is None or not paper.entries:
            self.show_error("there is no amendment paper open to apply (drafter open BILL PAPER)")
            return
        if self.cited_elsewhere:
            self.show_error(f"{self.cited_elsewhere}: its amendments are not applied here")
            return
        name = self.paper_file.name

        def done(bill: Bill, numbers: list[str]) -> None:
            self.amended = (bill, numbers)

        versions = amended_versions(self.bill, paper.amendments, name, done)
        self.push_screen(CompareScreen(versions))

    def action_history(self, then: str = "") -> None:
        """The versions of the bill repository."""
        from drafter.tui.history import HistoryScreen

        if self.repo is None:
            needs = {"commit": "committing", "tag": "tagging"}.get(then, "history")
            self.show_error(
                f"{self.bill_path} was not opened from a bill repository: {needs} needs one "
                "(drafter open DIR; create one with drafter init DIR --bill BILL)"
            )
            return
        self.push_screen(
            HistoryScreen(
                self.repo,
                then,
                amended=self.amended,
                paper_name=self.paper_file.name,
                shown=self.bill_path,
            )
        )

    def action_commit(self) -> None:
        self.action_history("commit")

    def action_tag(self) -> None:
        self.action_history("tag")

    def action_export(self) -> None:
        """Write what the screen shows (the bill, as amended, the paper, a comparison) as a
        PDF, Word or HTML document (:mod:`drafter.tui.export`)."""
        from drafter.tui.export import ExportScreen, kinds_for

        kinds = kinds_for(self.screen, self.bill, self.paper, self.bill_path, self.paper_file)
        if not kinds:
            self.show_error("nothing to export yet: wait until the bill (or comparison) is read")
            return
        # beside the paper; in a bill repository, at its top, not among the papers that a
        # commit records (a trial's Word export went into the history)
        folder = self.repo.root if self.repo is not None else self.paper_file.parent
        self.push_screen(ExportScreen(kinds, Path(folder).resolve()))

    def action_help(self) -> None:
        from drafter.tui.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # --- the paper: amendments saved from the editor, statuses from the Amendments screen --

    @property
    def paper_file(self) -> Path:
        """Where the paper is saved: the one opened, else the one beside the bill (the
        command line names one: :func:`drafter.cli.default_paper`)."""
        if self.paper_path is not None:
            return self.paper_path
        return paper_beside(self.bill_path)

    @on(SaveAmendment)
    def _save_amendment(self, message: SaveAmendment) -> None:
        """Add the editor's amendment to the paper (the next free number), in the order of
        the bill, and write the paper; an amendment edited goes back in its own place."""
        if self.cited_elsewhere:  # its header says another bill or print: not this one's
            self.show_error(
                f"{self.cited_elsewhere}: an amendment to this print is not written into it "
                "(open the bill with a paper of its own: drafter open BILL --paper NEW.txt); "
                "what you typed is kept"
            )
            return
        if message.replaces:
            self._save_edited(message.replaces, message.entry)
            return
        placed = place_entry(self.bill, self.paper or Paper(), message.entry)
        if not self._write(placed.paper):
            return
        self._changed(placed.paper, f"amendment {placed.number} added")
        where = f", after amendment {placed.after}" if placed.after else ""
        self.notify(
            f"Amendment {placed.number} added to {self.paper_file.name}{where}",
            title="Saved",
            markup=False,
        )
        self._warn_if_repeated(placed.paper, placed.number)
        if self.bill_screen is not None:
            self.bill_screen.amendment_saved()

    def _warn_if_repeated(self, paper: Paper, number: str) -> None:
        """Say so when the amendment just saved does what another on the paper does: saved
        all the same (nothing typed is held back), but the House would take only one."""
        repeats = same_as(paper.amendments)
        other = repeats.get(number) or next((n for n, f in repeats.items() if f == number), None)
        if other is None:
            return
        self.notify(
            f"Amendment {number} does what amendment {other} does (the same words at the same "
            f"place): only one can be made. A member supports amendment {other} by adding "
            "their name to it (E in the amendments list edits it)",
            severity="warning",
            timeout=10,
            markup=False,
        )

    def _save_edited(self, number: str, new: Entry) -> None:
        """Amendment ``number`` as changed in the editor: its number, status and place on
        the paper kept, its wording, names and statement new."""
        paper = self.paper or Paper()
        old = next((e for e in paper.entries if e.number == number), None)
        if old is None:
            self.show_error(f"amendment {number} is no longer on the paper: not saved")
            return
        amendment = replace(new.amendment, number=number, status=old.amendment.status)
        changed = replace(old, amendment=amendment, wording=new.wording, structure=new.structure)
        placed = replace_entry(self.bill, paper, old, changed)
        if not self._write(placed.paper):
            return
        self._changed(placed.paper, f"amendment {number} changed")
        moved = ""
        if [e.number for e in placed.paper.entries].index(number) != paper.entries.index(old):
            moved = (
                f", and moved to its place in the order of the bill, after amendment {placed.after}"
                if placed.after
                else ", and moved to the start of the paper, in the order of the bill"
            )
        self.notify(
            f"Amendment {number} changed in {self.paper_file.name}{moved}",
            title="Saved",
            markup=False,
        )
        self._warn_if_repeated(placed.paper, number)
        if self.bill_screen is not None:
            self.bill_screen.amendment_saved()

    @on(GoToAmendment)
    def _go_to_amendment(self, message: GoToAmendment) -> None:
        """Show where the amendment bites: its words or place marked, the view there."""
        self.last_amendment = message.number
        entry = self.paper.entry(message.number) if self.paper is not None else None
        view = self.view
        if entry is None or self.bill is None or view is None:
            return
        try:
            spans = [
                (r.start, max(r.end, r.start + 1)) for r in resolve(self.bill, entry.amendment)
            ]
        except UserError as err:
            self.show_error(str(err))
            return
        view.highlight(spans)
        view.go_to_offset(spans[0][0])
        view.focus()

    @on(EditAmendment)
    def _edit_amendment(self, message: EditAmendment) -> None:
        self.last_amendment = message.number
        entry = self.paper.entry(message.number) if self.paper is not None else None
        editor = self.bill_screen.editor if self.bill_screen is not None else None
        if entry is not None and editor is not None:
            editor.edit(entry)
            if message.place and self.bill_screen is not None:
                self.bill_screen.go_to(message.place)

    @on(BillAmended)
    def _bill_amended(self, message: BillAmended) -> None:
        self.amended = (message.bill, message.numbers)

    def action_save_amended(self) -> None:
        """Write the bill as amended (the preview of the agreed amendments, or the comparison
        with the bill as amended) to a file: asked for, beside the bill by default."""
        from drafter.tui.ask import Ask

        if self.amended is None:
            self.show_error(
                "there is no bill as amended to save: agree amendments and preview them (m, "
                "then a and p), or compare with the bill as amended"
            )
            return
        bill, numbers = self.amended
        # beside the bill; but beside the paper when the bill's folder is drafter's samples or
        # cannot be written
        folder = self.bill_path.parent
        if folder.resolve() == _SAMPLES or not os.access(folder, os.W_OK):
            folder = self.paper_file.parent
        suggested = folder / f"{self.bill_path.stem}-amended.xml"
        self.push_screen(
            Ask(
                f"Save the bill as amended by {named(numbers)} as:",
                str(suggested),
                str(suggested),
            ),
            lambda path: self._save_amended(bill, path),
        )

    def _save_amended(self, bill: Bill, path: str | None, replace: bool = False) -> None:
        from drafter.tui.ask import Ask

        if not path:
            return
        target = Path(path).expanduser()
        if target.resolve() == self.bill_path.resolve():
            self.show_error(
                f"{target} is the bill opened: save the bill as amended beside it (in a bill "
                "repository, commit it instead)"
            )
            return
        if target.exists() and not replace:  # a file of someone's: not written over unasked

            def answered(answer: str | None) -> None:
                if (answer or "").strip().lower().startswith("y"):
                    self._save_amended(bill, path, replace=True)
                else:
                    self.notify(f"Not saved: {target} is as it was", timeout=4, markup=False)

            self.push_screen(Ask(f"{target} exists: replace it? (y/n)", "n", ""), answered)
            return
        try:
            check_writable(target)
            write_atomic(target, xml_bytes(bill.tree))
        except UserError as err:
            self.show_error(str(err))
            return
        self.notify(f"Wrote the bill as amended to {target}", title="Saved", markup=False)

    @on(BillCommitted)
    def _bill_committed(self, message: BillCommitted) -> None:
        self.amended = None
        if message.bill is not None:
            self.replace_bill(message.bill)

    @on(PaperSaved)
    def _paper_saved(self, message: PaperSaved) -> None:
        self._changed(message.paper, message.what)

    def _write(self, paper: Paper) -> bool:
        """Save ``paper`` to the paper file; say why not, and False, if it cannot be."""
        try:
            save_paper(paper, self.paper_file)
        except (UserError, OSError) as err:
            self.show_error(f"{self.paper_file}: not saved: {err}")
            return False
        return True

    def _changed(self, paper: Paper, what: str) -> None:
        """The paper is now ``paper`` (saved): the one before can be had back (ctrl+z)."""
        if self.paper is not None:
            self.changes.append((self.paper, what))
        self.undone.clear()
        self.paper = paper
        self.mark_paper()

    def action_undo(self) -> None:
        """Put the paper back as it was before the last change made here, and save it."""
        self._step(self.changes, self.undone, "Undone")

    def action_redo(self) -> None:
        """Make again the last change undone, and save the paper."""
        self._step(self.undone, self.changes, "Done again")

    def _step(
        self, source: list[tuple[Paper, str]], dest: list[tuple[Paper, str]], said: str
    ) -> None:
        from drafter.tui.amendments import AmendmentsScreen

        screen = self.screen
        if not isinstance(screen, BillScreen | AmendmentsScreen):
            self.show_error("go back to the bill to undo or redo a change to the paper")
            return
        if not source or self.paper is None:
            self.notify(f"Nothing to {'undo' if said == 'Undone' else 'redo'}", timeout=3)
            return
        paper, what = source[-1]
        if not self._write(paper):
            return
        source.pop()
        dest.append((self.paper, what))
        self.paper = paper
        self.mark_paper()
        if isinstance(screen, AmendmentsScreen):
            screen.show_paper(paper)
        self.notify(f"{said}: {what} ({self.paper_file.name} saved)", markup=False)

    @on(ShowAmendments)
    def _show_amendments(self) -> None:
        from drafter.tui.amendments import AmendmentsScreen

        if self.bill is None:
            return
        self.push_screen(
            AmendmentsScreen(
                self.bill,
                self.paper or Paper(),
                self.paper_file,
                at=self.last_amendment,
                repo=self.repo,
            )
        )

    @on(ShowKeeling)
    def _show_keeling(self, message: ShowKeeling) -> None:
        try:
            acts = self.repo.acts() if self.repo is not None else []
        except UserError as err:  # a cloned repository's acts/ that drafter will not read
            self.show_error(str(err))
            return
        if not acts:
            self.show_error(
                "No Act is kept beside this bill: in its bill repository, keep one with "
                "drafter keeling --add-act FILE"
            )
            return
        self.notify(
            f"Reading what {message.citation} does to the Acts kept …", timeout=3, markup=False
        )
        self.keeling(message.eid, message.citation, acts)

    @work(thread=True, exclusive=True, group="keeling")
    def keeling(self, eid: str, citation: str, acts: list[Path]) -> None:
        """The first Act kept that the clause ``eid`` amends, as the bill would amend it (in
        this worker: it applies every change the bill makes to the Act)."""
        from drafter.core.keeling import table_of_amendments
        from drafter.export.kept_acts import amended_act
        from drafter.tui.keeling import KeelingScreen

        bill = self.bill
        if bill is None:
            return
        here = bill.by_eid(eid)
        within = {el.get("eId") for el in here.element.iter()} if here is not None else {eid}
        try:
            for path in acts:
                act = Bill.load(path)
                rows = table_of_amendments(act, bill, path.stem)
                mine = [r for r in rows if r.source_eid in within]
                if not mine:
                    continue
                amended, made = amended_act(act, bill, path.stem, rows)
                amended.print  # laid out here, not on the UI thread  # noqa: B018
                sources = {r.source for r in mine}
                unmade = [reason for source, _, reason in made.reasons if source in sources]
                screen = KeelingScreen(bill, eid, path.stem, amended, mine, unmade)
                self.call_from_thread(self.push_screen, screen)  # it reads nothing until shown
                return
        except UserError as err:
            self.call_from_thread(self.show_error, str(err))
            return
        kept = ", ".join(path.stem for path in acts)
        self.call_from_thread(
            self.show_error, f"{citation} amends no Act kept beside the bill (kept: {kept})"
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Nothing more is opened once quitting has begun (a key pressed just after q would
        open a screen on an app already closing)."""
        return not self.quitting

    async def action_quit(self) -> None:
        self.quitting = True
        if self.bill_screen is not None:
            self.bill_screen.save_draft()
        await super().action_quit()


def run(
    bill_path: str | Path, repo: BillRepo | None = None, paper: str | Path | None = None
) -> None:
    app = DrafterApp(bill_path, paper)
    app.repo = repo
    app.run()
    if app.failed:
        print(f"drafter: {safe(app.failed)}", file=sys.stderr)
        sys.exit(2)


#: drafter's own sample bills (the command line drafts the sample into a copy of its paper)
_SAMPLES = (Path(__file__).resolve().parents[2] / "bills").resolve()
