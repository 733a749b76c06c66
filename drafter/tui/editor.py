"""The amendment editor: type an amendment's wording (or a new clause) and see it checked
against the bill as you type — the target words highlighted in the bill, the core's own message
under the editor when it does not fit. Amend in context puts in the wording written from words
selected in the bill. Whatever is typed is autosaved as a draft (:mod:`drafter.tui.drafts`).

Checking is :func:`drafter.core.drafting.check_wording` (a new clause:
:func:`~drafter.core.drafting.check_new_clause`); saving is the app's: the editor sends the
entry up (:class:`~drafter.tui.messages.SaveAmendment`), the app places it on the paper it
holds and saves it, then has the bill screen empty the editor (:meth:`AmendmentEditor.clear`).
The editor keeps no copies of the core's logic and never touches the paper.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

from drafter.core.amendment import NewClause
from drafter.core.bill import Bill
from drafter.core.drafting import (
    Checked,
    check_new_clause,
    check_wording,
    clause_before,
    typed_new_clause,
)
from drafter.core.paper import Entry, reads_as_sentence
from drafter.core.wording import render
from drafter.tui import plain, shorten, show_error
from drafter.tui.bill_view import BillView
from drafter.tui.drafts import Draft, Drafts
from drafter.tui.messages import SaveAmendment

#: Seconds of quiet typing before the wording is checked.
DEBOUNCE = 0.2
#: Seconds between autosaves of the draft.
AUTOSAVE = 2.0


class WordsPrompt(ModalScreen[str | None]):
    """Ask for the words to insert (amend in context)."""

    DEFAULT_CSS = """
    WordsPrompt { align: center middle; }
    WordsPrompt > Vertical { width: 80%; height: auto; border: thick $primary; padding: 1 2;
        background: $surface; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(plain(self.question))
            yield Input(placeholder="the new words, as they will be printed", id="words")

    def on_mount(self) -> None:
        self.query_one("#words", Input).focus()

    @on(Input.Submitted, "#words")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value if event.value.strip() else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


# --- the editor panel -----------------------------------------------------------------------


class ClauseArea(TextArea):
    """The new clause's text: Tab indents a unit under the one above, Enter starts the next
    line at the same indent, and Escape goes back to the bill (as everywhere in the editor),
    not to the next field."""

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "escape":  # TextArea's own would go to the next field
            event.stop()
            event.prevent_default()
            for editor in self.ancestors:
                if isinstance(editor, AmendmentEditor):
                    editor.action_leave()
            return
        if event.key == "enter" and not self.read_only:
            event.stop()
            event.prevent_default()
            row, column = self.cursor_location
            line = self.document.get_line(row)
            indent = line[: min(len(line) - len(line.lstrip(" ")), column)]
            start, end = self.selection
            self.replace("\n" + indent, start, end, maintain_selection_offset=False)
            return
        await super()._on_key(event)


class AmendmentEditor(Vertical):
    """A panel under the bill: the wording (or a new clause) being drafted, checked live."""

    DEFAULT_CSS = """
    AmendmentEditor { height: auto; max-height: 60%; display: none;
        border-top: solid $primary; background: $panel; padding: 0 1; }
    AmendmentEditor.visible { display: block; }
    AmendmentEditor #editor-title { color: $text-muted; }
    AmendmentEditor #wording { height: 5; }
    AmendmentEditor #clause-box { height: auto; display: none; }
    AmendmentEditor.clause #clause-box { display: block; }
    AmendmentEditor.clause #wording { display: none; }
    AmendmentEditor #after-row { height: 1; margin-bottom: 1; }
    AmendmentEditor #after-row Label { padding: 0 1 0 0; }
    AmendmentEditor #after { width: 16; }
    AmendmentEditor #clause { height: 12; }
    AmendmentEditor .field-row { height: 1; margin-top: 1; }
    AmendmentEditor .field-row Label { padding: 0 1 0 0; width: 11; }
    AmendmentEditor .field-row Input { width: 1fr; }
    AmendmentEditor #check { height: auto; max-height: 4; padding: 0 1; }
    AmendmentEditor #check.ok { color: $success; }
    AmendmentEditor #check.error { color: $error; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save to paper"),
        Binding("ctrl+t", "toggle_mode", "Wording / new clause"),
        Binding("escape", "leave", "Back to bill"),
        # Tab goes round the editor's fields: out of it, typed words would run as commands
        Binding("tab", "cycle(1)", "Next field", show=False),
        Binding("shift+tab", "cycle(-1)", "Previous field", show=False),
    ]

    def __init__(self, bill: Bill, view: BillView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: the bill checked against (the bill screen's; it puts in a new version when shown)
        self.bill = bill
        #: the bill view that marks what the wording changes, and takes the keys back
        self.view = view
        self.result: Checked | None = None
        self.mode = "wording"
        #: the number of the amendment being edited ("": a new one is being drafted)
        self.editing = ""
        self._timer: Timer | None = None
        self._drafts: Drafts | None = None
        self._restoring = False

    def compose(self) -> ComposeResult:
        yield Label("Amendment — type the House's wording", id="editor-title")
        yield Static("", id="check")  # first: in sight however small the terminal
        yield TextArea(id="wording", soft_wrap=True, show_line_numbers=False)
        with Vertical(id="clause-box"):
            with Horizontal(id="after-row"):
                yield Label("After Clause")
                yield Input(placeholder="clause number", id="after", compact=True)
            yield ClauseArea(
                id="clause", soft_wrap=True, show_line_numbers=True, tab_behavior="indent"
            )
        with Horizontal(classes="field-row"):
            yield Label("Names")
            yield Input(
                placeholder="the proposer; then supporters, each after a ;",
                id="names",
                compact=True,
            )
        with Horizontal(classes="field-row"):
            yield Label("Statement")
            yield Input(
                placeholder="This amendment would … (optional)", id="statement", compact=True
            )

    def on_mount(self) -> None:
        self.set_interval(AUTOSAVE, self.autosave)
        self._fit(self.app.size.height)

    def on_resize(self) -> None:
        self._fit(self.app.size.height)

    def _fit(self, height: int) -> None:
        """The new clause's text takes what the panel (at most 60% of the screen) leaves
        after the title, check, After Clause, names and statement: they all stay in sight.
        (An app quit as the bill opens can mount the editor without its fields: none to fit.)"""
        for clause in self.query(ClauseArea):
            clause.styles.height = max(3, min(12, height * 6 // 10 - 10))

    # --- the texts ---------------------------------------------------------------------------

    @property
    def wording(self) -> TextArea:
        return self.query_one("#wording", TextArea)

    @property
    def clause(self) -> TextArea:
        return self.query_one("#clause", TextArea)

    @property
    def after(self) -> Input:
        return self.query_one("#after", Input)

    @property
    def names(self) -> Input:
        return self.query_one("#names", Input)

    @property
    def statement(self) -> Input:
        return self.query_one("#statement", Input)

    def draft(self) -> Draft:
        return Draft(
            self.wording.text,
            self.clause.text,
            self.after.value,
            self.mode,
            self.names.value,
            self.statement.value,
        )

    def restore(self, paper_path: Path) -> bool:
        """Start keeping drafts for this paper; put back the last draft. True if there was one.

        Drafts are kept only once the draft is back in full: a draft half put back is never
        saved over the whole of it."""
        drafts = Drafts(paper_path)
        draft = drafts.load()
        if drafts.problem:
            show_error(self, drafts.problem)
        if not draft.empty:
            self._restoring = True
            self.wording.load_text(draft.wording)
            self.clause.load_text(draft.new_clause)
            self.after.value = draft.after_clause
            self.names.value = draft.names
            self.statement.value = draft.statement
            self.set_mode(draft.mode if draft.mode in ("wording", "clause") else "wording")
            self._restoring = False
            self.schedule_check()
        self._drafts = drafts
        return not draft.empty

    def autosave(self) -> None:
        """Write the draft if it changed: every few seconds, on quit, after a save."""
        if self._drafts is None:
            return
        try:
            self._drafts.save(self.draft())
        except OSError as err:
            show_error(self, f"{self._drafts.path}: cannot save the draft: {err}")

    # --- showing ---------------------------------------------------------------------------

    def open(self, mode: str | None = None) -> None:
        if mode is not None:
            self.set_mode(mode)
        commons = "commons" in self.bill.metadata.house.lower()
        if self.mode == "clause" and not self.after.value.strip() and not commons:
            line = self.view.current_line()  # a new clause goes after the clause shown
            if line is not None:  # (in the Commons none is placed: "To move the following …")
                self.after.value = clause_before(self.bill, line.start)
        self.add_class("visible")
        area = self.clause if self.mode == "clause" else self.wording
        area.focus()
        area.move_cursor(area.document.end)  # go on where the words end
        self.schedule_check()

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.set_class(mode == "clause", "clause")
        title = self.query_one("#editor-title", Label)
        editing = (
            f"Editing amendment {self.editing}: ctrl+s saves it in its place — "
            if self.editing
            else ""
        )
        title.update(
            plain(
                editing
                + (
                    "New clause — heading on the first line, its subsections below it (tab "
                    "indents a unit inside the one above)  (ctrl+t: wording)"
                    if mode == "clause"
                    else "Amendment — type the House's wording  (ctrl+t: new clause)"
                )
            )
        )

    def edit(self, entry: Entry) -> None:
        """Put a saved amendment in the editor, to be changed and saved in its place: its
        wording (a new clause as typed in the new-clause editor), names and statement."""
        self.editing = entry.number
        a = entry.amendment
        clause = next((op for op in a.operations if isinstance(op, NewClause)), None)
        if clause is not None:
            self.clause.load_text(typed_new_clause(entry))
            self.after.value = clause.after or ""
            self.set_mode("clause")
        else:
            self.wording.load_text(render(a))
            self.set_mode("wording")
        self.names.value = "; ".join(a.sponsors)
        self.statement.value = a.explanatory_statement
        self.open()

    def action_toggle_mode(self) -> None:
        self.open("wording" if self.mode == "clause" else "clause")

    def action_leave(self) -> None:
        self.view.focus()

    def action_cycle(self, step: int) -> None:
        """Focus the next (or previous) field of the editor, round from the last to the
        first; Escape is the way back to the bill."""
        fields: list[Widget] = (
            [self.clause, self.after] if self.mode == "clause" else [self.wording]
        )
        fields += [self.names, self.statement]
        focused = self.app.focused
        at = next((i for i, f in enumerate(fields) if f is focused), -1)
        fields[(at + step) % len(fields)].focus()

    def set_wording(self, wording: str) -> None:
        """Put a wording in the editor (amend in context) and check it at once."""
        self.view.clear_selection()  # the highlight now shows the target
        self.set_mode("wording")
        self.wording.load_text(wording)
        self.open()
        self.wording.move_cursor(self.wording.document.end)
        self.check_now()

    # --- checking ----------------------------------------------------------------------------

    @on(TextArea.Changed)
    @on(Input.Changed, "#after")
    def _changed(self, event: TextArea.Changed | Input.Changed) -> None:
        event.stop()
        if not self._restoring:
            self.schedule_check()

    def schedule_check(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self.check_now)

    def check_now(self) -> Checked:
        """Parse and check what is in the editor; show the result and mark the bill."""
        number = ""  # numbered when saved: messages speak of "the amendment"
        if self.mode == "clause":
            result = check_new_clause(self.bill, self.after.value, self.clause.text, number)
        else:
            result = check_wording(self.bill, self.wording.text, number)
        self.result = result
        check = self.query_one("#check", Static)
        check.update(plain(result.message))  # quotes the wording and the bill's words
        check.set_class(result.ok, "ok")
        check.set_class(not result.ok, "error")
        self.view.highlight(list(result.spans))
        if result.spans:
            self.view.go_to_offset(result.spans[0][0])
        return result

    # --- saving ------------------------------------------------------------------------------

    def action_save(self) -> None:
        """Send the amendment up to be added to the paper (:class:`SaveAmendment`): the app
        numbers it, places it in the order of the bill and saves the paper."""
        result = self.check_now()
        if not result.ok or result.entry is None:
            show_error(self, f"Not saved: {result.message}")
            return
        names = tuple(n.strip() for n in self.names.value.split(";") if n.strip())
        statement = " ".join(self.statement.value.split())
        entry = result.entry
        amendment = replace(entry.amendment, sponsors=names, explanatory_statement=statement)
        self.post_message(SaveAmendment(replace(entry, amendment=amendment), self.editing))
        if not names:  # saved all the same: nothing typed is held back
            self.notify(
                "Saved with no member's name: a paper names who moves each amendment "
                "(E in the amendments list edits it)",
                severity="warning",
                timeout=6,
            )
        sentence = next((n for n in names if reads_as_sentence(n)), None)
        if sentence is not None:  # the statement typed into the names, say
            self.notify(
                f"Saved, but a name reads as a sentence: “{shorten(sentence, 60)}” — is it the "
                "explanatory statement? (E in the amendments list edits it)",
                severity="warning",
                timeout=8,
                markup=False,
            )

    def clear(self) -> None:
        """Empty the editor (the amendment is on the paper now) and its draft."""
        self.wording.load_text("")
        self.clause.load_text("")
        self.after.value = ""
        self.statement.value = ""  # the names stay: the next amendment is often theirs too
        self.editing = ""
        self.set_mode(self.mode)
        self.autosave()
        # the next amendment is typed where this one was, not into the names or statement
        (self.clause if self.mode == "clause" else self.wording).focus()
