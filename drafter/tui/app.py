"""The drafter terminal app. It calls the same core functions as the command line and keeps
no copies of its own: the bill is a :class:`~drafter.core.bill.Bill`, the page and line
numbers come from its print, citations are resolved by the core.

Loading runs in a worker so the screen paints at once; every error a user can cause is shown
the same way, as a notification with the core's own message.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Input, LoadingIndicator, Static, Tree
from textual.widgets.tree import TreeNode

from drafter.core.bill import Bill, Provision, page_and_line
from drafter.core.errors import UserError
from drafter.core.paper import Paper, load_paper
from drafter.core.resolve import fold
from drafter.core.terminal import safe
from drafter.tui import plain
from drafter.tui.bill_view import BillView
from drafter.tui.commands import DrafterCommands
from drafter.tui.editor import AmendmentEditor

if TYPE_CHECKING:
    from drafter.core.store import BillRepo

CONTENTS_KINDS = frozenset({"part", "chapter", "crossheading", "clause", "schedules", "schedule"})


class DrafterApp(App[None]):
    """Read a bill as printed; go to any citation or page and line; search."""

    TITLE = "drafter"
    CSS = """
    #main { height: 1fr; }
    #contents { width: 38; border-right: solid $primary-background; }
    #prompt { dock: bottom; display: none; }
    #prompt.visible { display: block; }
    #bill { height: 1fr; }
    #status { height: 1; background: $primary-background; padding: 0 1; }
    """
    BINDINGS = [
        Binding("g", "prompt('go')", "Go to"),
        Binding("slash", "prompt('search')", "Search"),
        Binding("n", "search_next(1)", "Next match"),
        Binding("N", "search_next(-1)", "Previous match"),
        Binding("c", "toggle_contents", "Contents"),
        Binding("escape", "close_prompt", "Close", show=False),
        Binding("q", "quit", "Quit"),
        Binding("a", "editor('wording')", "Amend"),
        Binding("w", "editor('clause')", "New clause"),
        Binding("m", "amendments", "Amendments"),
        Binding("d", "compare", "Compare"),
        Binding("h", "history", "History"),
        Binding("e", "export", "Export"),
        Binding("question_mark,f1", "help", "Help"),
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
        self.view: BillView | None = None
        self.status = Static("", id="status")
        self.prompt_mode = ""
        self.search_text = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield LoadingIndicator(id="loading")
        yield Footer()

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
            self.call_from_thread(self.show_error, str(err))
            return
        paper = Paper()
        if self.paper_path is not None and self.paper_path.exists():
            try:
                paper = load_paper(self.paper_path)
            except UserError as err:
                self.call_from_thread(self.show_error, str(err))
        self.paper = paper
        self.call_from_thread(self.show_bill, bill)

    def show_error(self, message: str) -> None:
        """The one way errors reach the user: the core's message, as a notification."""
        self.notify(safe(message), title="drafter", severity="error", timeout=6, markup=False)

    def show_bill(self, bill: Bill) -> None:
        self.query_one("#loading").remove()
        view = self.view = BillView(bill.print, id="bill")
        contents: Tree[Provision] = Tree(plain(bill.metadata.title or "Contents"), id="contents")
        self._describe(bill, contents)
        main = Horizontal(contents, Vertical(view, self.status), id="main")
        footer = self.query_one(Footer)
        self.mount(main, before=footer)
        self.mount(Input(id="prompt"), before=footer)
        view.focus()
        self._update_status()
        self._mount_editor(footer)

    def replace_bill(self, bill: Bill) -> None:
        """Show a new version of the bill (as committed) in place of the one shown."""
        if self.view is None:
            return
        contents = self.query_one("#contents", Tree)
        contents.clear()
        self._describe(bill, contents)
        self.view.show(bill.print)
        self._update_status()

    def _describe(self, bill: Bill, contents: Tree[Provision]) -> None:
        """Make ``bill`` the one shown: its title, number and stage, and its contents."""
        self.bill = bill
        m = bill.metadata
        self.title = safe(m.title or "drafter")
        self.sub_title = safe(" · ".join(x for x in (m.bill_number, m.stage) if x))
        self._fill_contents(contents, bill)

    def _fill_contents(self, tree: Tree[Provision], bill: Bill) -> None:
        tree.root.expand()
        nodes: dict[object, TreeNode[Provision]] = {None: tree.root}
        for provision in bill.provisions():
            if provision.kind not in CONTENTS_KINDS:
                continue
            parent = provision.element.getparent()
            while parent is not None and parent not in nodes:
                parent = parent.getparent()
            node = nodes.get(parent, tree.root)
            label = " ".join(x for x in (provision.num, provision.heading) if x)
            if provision.kind == "crossheading":
                label = provision.heading
            added = node.add(plain(label or provision.citation), data=provision, expand=False)
            if provision.kind == "clause":
                added.allow_expand = False
            nodes[provision.element] = added

    # --- the status line -------------------------------------------------------------------

    @on(BillView.CursorMoved)
    def _cursor_moved(self, event: BillView.CursorMoved) -> None:
        self._update_status()

    def _update_status(self) -> None:
        if self.bill is None or self.view is None:
            return
        current = self.view.current_line()
        if current is None:
            self.status.update("", layout=False)
            return
        here = self.bill.by_eid(current.eid) if current.eid else None
        where = here.citation if here is not None else ""
        self.status.update(
            plain(f"page {current.page}, line {current.number}    {where}"), layout=False
        )

    # --- contents --------------------------------------------------------------------------

    @on(Tree.NodeSelected, "#contents")
    def _contents_selected(self, event: Tree.NodeSelected[Provision]) -> None:
        provision = event.node.data
        if provision is None or self.bill is None:
            return
        span = self.bill.span_of(provision.element)
        if span is not None:
            assert self.view is not None
            self.view.go_to_offset(span[0])
            self.view.focus()

    def action_toggle_contents(self) -> None:
        if self.query("#contents"):
            contents = self.query_one("#contents")
            contents.display = not contents.display

    # --- go to and search ------------------------------------------------------------------

    def action_prompt(self, mode: str) -> None:
        if self.bill is None:
            return
        self.prompt_mode = mode
        prompt = self.query_one("#prompt", Input)
        prompt.placeholder = (
            "Go to: a citation (Clause 5(2)(a), Schedule 1, paragraph 3) or page:line (12:7)"
            if mode == "go"
            else "Search the bill for words"
        )
        prompt.value = self.search_text if mode == "search" else ""
        prompt.add_class("visible")
        prompt.focus()

    def action_close_prompt(self) -> None:
        if self.query("#prompt"):
            self.query_one("#prompt").remove_class("visible")
        if self.view is not None:
            self.view.focus()

    @on(Input.Submitted, "#prompt")
    def _prompt_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        self.action_close_prompt()
        if not value:
            return
        if self.prompt_mode == "go":
            self.go_to(value)
        else:
            self.search_text = value
            self.action_search_next(1)

    def go_to(self, where: str) -> bool:
        """Go to a page and line, or to a citation; say why not if it is not there."""
        assert self.bill is not None and self.view is not None
        view = self.view
        place = page_and_line(where)
        if place is not None:
            if view.go_to(*place):
                return True
            try:
                self.bill.print.line(*place)
            except UserError as err:
                self.show_error(str(err))
            return False
        try:
            provision = self.bill.find(where)
        except UserError as err:
            self.show_error(str(err))
            return False
        span = self.bill.span_of(provision.element)
        if span is None:
            self.show_error(f"{provision.citation} prints nothing")
            return False
        view.go_to_offset(span[0])
        view.highlight([span])
        return True

    def action_search_next(self, direction: int) -> None:
        if self.bill is None or self.view is None or not self.search_text:
            return
        view = self.view
        text = fold(self.bill.print.text)
        needle = fold(self.search_text)
        current = view.current_line()
        here = current.end if current is not None else 0
        if direction > 0:
            found = text.find(needle, here)
            if found == -1:
                found = text.find(needle)  # wrap round
        else:
            start = current.start if current is not None else len(text)
            found = text.rfind(needle, 0, max(0, start))
            if found == -1:
                found = text.rfind(needle)
        if found == -1:
            self.show_error(f"“{self.search_text}” is not in the bill")
            return
        view.highlight([(found, found + len(needle))])
        view.go_to_offset(found)

    # --- compare, history, help (drafter.tui.compare, .history, .help) ---------------------

    def action_compare(self) -> None:
        """Ask which two versions to compare, then show them as tracked changes."""
        from drafter.tui.compare import CompareChooser

        can_amend = self.bill is not None and bool(getattr(self.paper, "entries", ()))
        old = str(self.bill_path) if self.repo is None else "HEAD~1"
        new = "" if self.repo is None else "HEAD"
        chooser = CompareChooser(can_amend, old, new, files_only=self.repo is None)
        self.push_screen(chooser, self._compare_chosen)

    def _compare_chosen(self, choice: tuple[str, str] | None) -> None:
        from drafter.tui.compare import CompareScreen, argument_versions

        if choice is None:
            return
        if choice[0] == "amended":
            self.action_compare_amended()
            return
        cwd = self.repo.root if self.repo is not None else Path.cwd()
        self.push_screen(CompareScreen(argument_versions(*choice, cwd=cwd)))

    def action_compare_amended(self) -> None:
        """The bill beside the bill as amended by its paper."""
        from drafter.tui.compare import CompareScreen, amended_versions

        paper = self.paper
        if self.bill is None or paper is None or not paper.entries:
            self.show_error("there is no amendment paper open to apply (drafter open BILL PAPER)")
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
            self.show_error(
                f"{self.bill_path} was not opened from a bill repository: history needs one "
                "(drafter open DIR; create one with drafter init DIR --bill BILL)"
            )
            return
        self.push_screen(HistoryScreen(self.repo, then))

    def action_commit(self) -> None:
        self.action_history("commit")

    def action_tag(self) -> None:
        self.action_history("tag")

    def action_export(self) -> None:
        """Write what the screen shows (the bill, as amended, the paper, a comparison) as a
        PDF, Word or HTML document (:mod:`drafter.tui.export`)."""
        from drafter.tui.export import ExportScreen, kinds_for

        kinds = kinds_for(self)
        if not kinds:
            self.show_error("nothing to export yet: wait until the bill (or comparison) is read")
            return
        self.push_screen(ExportScreen(kinds, self.paper_file.parent.resolve()))

    def action_help(self) -> None:
        from drafter.tui.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    #: actions that work on the bill screen only: hidden from the footer (and the palette)
    #: while another screen (compare, history, help …) is on top
    BILL_SCREEN_ACTIONS = frozenset(
        {"prompt", "search_next", "toggle_contents", "close_prompt", "editor", "amendments"}
    )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in self.BILL_SCREEN_ACTIONS and len(self.screen_stack) > 1)

    # --- drafting: the amendment editor, amend in context, the Amendments screen -----------
    # (drafter.tui.editor, drafter.tui.amendments)

    @property
    def paper_file(self) -> Path:
        """Where the paper is saved: the one opened, else ``<bill>-amendments.txt`` beside
        the bill."""
        if self.paper_path is not None:
            return self.paper_path
        return self.bill_path.with_name(f"{self.bill_path.stem}-amendments.txt")

    def _mount_editor(self, footer: Footer) -> None:
        editor = AmendmentEditor(id="editor")
        self.mount(editor, before=footer)
        self.call_after_refresh(self._restore_draft, editor)

    def _restore_draft(self, editor: AmendmentEditor) -> None:
        if editor.restore(self.paper_file):
            editor.add_class("visible")  # shown, but keys still go to the bill
            self.notify(
                "Your draft from last time is back in the editor: a to go on with it",
                title="Draft",
            )
        if self.view is not None and self.focused is None:
            self.view.focus()

    def action_editor(self, mode: str) -> None:
        if self.query("#editor"):
            self.query_one("#editor", AmendmentEditor).open(mode)

    def action_amendments(self) -> None:
        if self.bill is None:
            return
        from drafter.tui.amendments import AmendmentsScreen

        self.push_screen(AmendmentsScreen())

    @on(BillView.AmendRequested)
    def _amend_in_context(self, event: BillView.AmendRequested) -> None:
        if event.view is self.view and self.query("#editor"):
            editor = self.query_one("#editor", AmendmentEditor)
            editor.amend_in_context(event.kind, event.line, event.start, event.end)

    async def action_quit(self) -> None:
        if self.query("#editor"):
            self.query_one("#editor", AmendmentEditor).autosave()
        await super().action_quit()


def run(
    bill_path: str | Path, repo: BillRepo | None = None, paper: str | Path | None = None
) -> None:
    app = DrafterApp(bill_path, paper)
    app.repo = repo
    app.run()
