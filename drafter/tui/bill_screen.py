"""The bill screen: the bill as printed, its contents, go to and search, and the amendment
editor under it. It is the app's first screen (the one under every other), so it is there while
the bill is read: it takes where the paper is saved (for the editor's drafts) through its
constructor, and the bill from the app once it is read (:meth:`BillScreen.show`). What it
cannot do with the bill alone goes up to the app as a message (:mod:`drafter.tui.messages`):
saving an amendment to the paper, the Amendments screen. Its keys are its own, so they are
active only while it is the screen on top.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Input, LoadingIndicator, Static, Tree
from textual.widgets.tree import TreeNode

from drafter.core.bill import Bill, Provision
from drafter.core.drafting import in_context
from drafter.core.provisions import kind_of
from drafter.core.resolve import fold, folded_print
from drafter.tui import KeysFooter, plain, show_error
from drafter.tui.bill_view import BillView
from drafter.tui.editor import AmendmentEditor, WordsPrompt
from drafter.tui.messages import ShowAmendments, ShowKeeling

CONTENTS_KINDS = frozenset({"part", "chapter", "crossheading", "clause", "schedules", "schedule"})
#: the narrowest terminal on which the contents are shown beside the bill at first: the
#: contents take 38 columns, a printed line with its page and line some 80
WIDE = 118


#: The keys that amend the words selected, said on the status line while a selection lasts.
SELECTION_KEYS = "selected: x leave out · i insert before · A insert after · r replace · v ends"


class BillScreen(Screen[None]):
    """Read a bill as printed; go to any citation or page and line; search; draft."""

    #: DEFAULT_CSS (scoped to this screen), not CSS: Textual does not load the CSS class
    #: variable of an app's default screen, which this is
    DEFAULT_CSS = """
    #main { height: 1fr; }
    #contents { width: 38; border-right: solid $primary-background; }
    #prompt { dock: bottom; display: none; }
    #prompt.visible { display: block; }
    #bill { height: 1fr; }
    #status { height: 1; background: $primary-background; padding: 0 1; }
    """
    #: The keys of the bill screen. Quit is the app's too: it is listed here so that the
    #: footer (and Help) show it where it always stood, before the drafting keys.
    BINDINGS = [
        Binding("g", "prompt('go')", "Go to"),
        Binding("slash", "prompt('search')", "Search"),
        # in Help, not in the footer: on a narrow terminal it has room for the main keys only
        Binding("n", "search_next(1)", "Next match", show=False),
        Binding("N", "search_next(-1)", "Previous match", show=False),
        Binding("c", "toggle_contents", "Contents"),
        Binding("escape", "close_prompt", "Close", show=False),
        Binding("q", "quit", "Quit"),
        Binding("a", "editor('wording')", "Amend"),
        Binding("w", "editor('clause')", "New clause"),
        Binding("m", "amendments", "Amendments"),
        # in Help: an Act kept beside the bill (drafter keeling --add-act) as this clause
        # would amend it
        Binding("k", "keeling", "Act as amended", show=False),
    ]
    #: the command palette lists this screen's actions while it is on top
    PALETTE = True
    #: when nothing has focus (as the bill is first shown, or a dialog closes) Textual gives
    #: it to the first widget it can: that must be the bill, never the hidden go-to prompt,
    #: which would take the user's first key as text
    AUTO_FOCUS = "#bill"

    def __init__(self, paper_file: Path) -> None:
        super().__init__()
        #: where the paper is saved: the editor keeps its drafts beside it
        self.paper_file = paper_file
        #: the bill shown, the view of it and the editor under it (None until it is read)
        self.bill: Bill | None = None
        self.view: BillView | None = None
        self.editor: AmendmentEditor | None = None
        self.status = Static("", id="status")
        self.prompt_mode = ""
        self.search_text = ""
        #: what the last search found, said on the status line (not in a notification,
        #: which would cover the editor)
        self.search_note = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield LoadingIndicator(id="loading")
        yield KeysFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Once the app is quitting, this screen's keys open nothing either."""
        return not getattr(self.app, "quitting", False)

    def show(self, bill: Bill) -> None:
        """Show ``bill``: the one read when the app starts, or a new version of it (as
        committed) in place of the one shown."""
        self.bill = bill
        if self.view is not None and self.editor is not None:
            self.editor.bill = bill
            shown: Tree[Provision] = self.query_one("#contents", Tree)
            shown.clear()
            self._fill_contents(shown, bill)
            self.view.show(bill.print)
            self._update_status()
            return
        self.query_one("#loading").remove()
        view = self.view = BillView(bill.print, id="bill")
        contents: Tree[Provision] = Tree(plain(bill.metadata.title or "Contents"), id="contents")
        self._fill_contents(contents, bill)
        # on a narrow terminal the bill's lines need the width: contents are a key away (c)
        contents.display = self.app.size.width >= WIDE
        main = Horizontal(contents, Vertical(view, self.status), id="main")
        footer = self.query_one(KeysFooter)
        self.mount(main, before=footer)
        self.mount(Input(id="prompt"), before=footer)
        view.focus()
        self._update_status()
        editor = self.editor = AmendmentEditor(bill, view, id="editor")
        self.mount(editor, before=footer)
        self.call_after_refresh(self._restore_draft, editor)

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

    @on(BillView.SelectionChanged)
    def _selection_changed(self, event: BillView.SelectionChanged) -> None:
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
        note = f"    {self.search_note}" if self.search_note else ""
        estimate = " (drafter's layout)" if self.bill.print.numbered_by == "drafter" else ""
        said = f"page {current.page}, line {current.number}{estimate}    {where}{note}"
        if self.view.selection is not None:  # what can be done with the words selected,
            said = f"{SELECTION_KEYS}    page {current.page}, line {current.number}"  # first
        self.status.update(plain(said), layout=False)

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
        """Escape: close the go-to or search prompt, back to the bill; from the bill, close
        the editor's panel (its draft is kept: a or w brings it back)."""
        prompt = self.query("#prompt")
        open_prompt = bool(prompt) and prompt.first().has_class("visible")
        if prompt:
            prompt.first().remove_class("visible")
        view, editor = self.view, self.editor
        if view is None:
            return
        if view.has_focus and not open_prompt and editor is not None:
            editor.autosave()
            editor.remove_class("visible")
        view.focus()

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
        self.search_note = ""
        problem = self.view.go_to_place(self.bill, where)
        if problem:
            show_error(self, problem)
        return not problem

    def action_search_next(self, direction: int) -> None:
        """Go to the next (or previous) place the words are printed, whatever their case,
        round from the end to the start; the status line says which of how many it is."""
        if self.bill is None or self.view is None or not self.search_text:
            return
        view = self.view
        needle = re.compile(re.escape(fold(self.search_text)), re.IGNORECASE)
        hits = [m.span() for m in needle.finditer(folded_print(self.bill.print))]
        if not hits:
            self.search_note = f"“{self.search_text}” is not in the bill (case ignored)"
            self._update_status()
            return
        current = view.current_line()
        starts = [a for a, _ in hits]
        if direction > 0:
            i = bisect_left(starts, current.end if current is not None else 0) % len(hits)
        else:
            i = (bisect_left(starts, current.start if current is not None else 0) - 1) % len(hits)
        found, end = hits[i]
        self.search_note = f"“{self.search_text}”: {i + 1} of {len(hits)}"
        view.highlight([(found, end)])
        view.go_to_offset(found)
        self._update_status()

    # --- drafting: the amendment editor, amend in context, the Amendments screen -----------

    def _restore_draft(self, editor: AmendmentEditor) -> None:
        if not editor.children:  # the app closed as the bill opened: the draft stays on disk
            return
        if editor.restore(self.paper_file):
            editor.add_class("visible")  # shown, but keys still go to the bill
            key = "w" if editor.mode == "clause" else "a"  # the key that opens that editor
            self.notify(
                f"Your draft from last time is back in the editor: {key} to go on with it",
                title="Draft",
            )
        if self.view is not None:  # at start, keys go to the bill (not to the contents)
            self.view.focus()

    def save_draft(self) -> None:
        """Write the editor's draft now (the app is quitting)."""
        if self.editor is not None:
            self.editor.autosave()

    async def action_quit(self) -> None:
        await self.app.action_quit()  # which saves the draft

    def amendment_saved(self) -> None:
        """The editor's amendment is on the paper now: empty the editor (and its draft)."""
        if self.editor is not None:
            self.editor.clear()
            self.editor.check_now()

    def action_editor(self, mode: str) -> None:
        if self.editor is not None:
            self.editor.open(mode)

    def action_amendments(self) -> None:
        if self.bill is not None:
            self.post_message(ShowAmendments())

    def action_keeling(self) -> None:
        """The clause (or Schedule paragraph) under the cursor: what it does to an Act kept
        beside the bill, shown by the app (which has the repository)."""
        if self.bill is None or self.view is None:
            return
        current = self.view.current_line()
        here = self.bill.by_eid(current.eid) if current is not None and current.eid else None
        if here is None:
            show_error(self, "Put the cursor on a clause that amends an Act, then k")
            return
        top = here.element
        for el in (here.element, *here.element.iterancestors()):
            if kind_of(el) in ("clause", "paragraph") and el.get("eId"):
                top = el  # the outermost: the bill's own clause, not one it quotes
        provision = self.bill.by_eid(top.get("eId", ""))
        citation = provision.citation if provision is not None else here.citation
        self.post_message(ShowKeeling(top.get("eId", ""), citation))

    @on(BillView.AmendRequested)
    def _amend_in_context(self, event: BillView.AmendRequested) -> None:
        editor, bill = self.editor, self.bill
        if event.view is not self.view or editor is None or bill is None:
            return
        kind, line, start, end = event.kind, event.line, event.start, event.end
        selected = bill.print.text[start:end]
        if kind == "leave out":
            editor.set_wording(in_context(bill, kind, line, start, end, ""))
            return
        question = {
            "before": f"Insert before “{selected}”:",
            "after": f"Insert after “{selected}”:",
            "replace": f"Leave out “{selected}” and insert:",
        }[kind]

        def done(new: str | None) -> None:
            if new:
                editor.set_wording(in_context(bill, kind, line, start, end, new))

        self.app.push_screen(WordsPrompt(question), done)
