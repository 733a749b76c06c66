"""The amendment editor: type an amendment's wording (or a new clause) and see it checked
against the bill as you type — the target words highlighted in the bill, the core's own message
under the editor when it does not fit. Amend in context builds the wording from words selected
in the bill. Whatever is typed is autosaved as a draft (:mod:`drafter.tui.drafts`).

Parsing is :func:`drafter.core.wording.parse_amendment` (a new clause: the paper reader,
:func:`drafter.core.paper.read_paper_text`), checking is :func:`drafter.core.resolve.resolve`,
saving is :func:`drafter.core.paper.save_paper`: the editor keeps no copies of their logic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Label, Static, TextArea

from drafter.core.amendment import (
    Amendment,
    InsertAfter,
    InsertBefore,
    LeaveOut,
    LeaveOutLines,
    LeaveOutRange,
    NewClause,
    NewSchedule,
    Operation,
    Substitute,
    Target,
    Words,
)
from drafter.core.bill import Bill
from drafter.core.errors import UserError
from drafter.core.layout import CLOSING_PUNCTUATION, Line
from drafter.core.marshalling import marshalled_index
from drafter.core.paper import (
    Entry,
    Paper,
    PaperError,
    entry_from_amendment,
    make_entry,
    read_paper_text,
    save_paper,
)
from drafter.core.resolve import AmendmentError, Resolution, citing, fold, house_style, resolve
from drafter.core.wording import WordingError, parse_amendment, render
from drafter.tui import plain
from drafter.tui.drafts import Draft, Drafts

if TYPE_CHECKING:
    from drafter.tui.app import DrafterApp

#: Seconds of quiet typing before the wording is checked.
DEBOUNCE = 0.2
#: Seconds between autosaves of the draft.
AUTOSAVE = 2.0
NEW_CLAUSE_LEAD = "insert the following new Clause—"


@dataclass(frozen=True)
class Checked:
    """The outcome of checking what is in the editor: ``ok``, the message to show, and (when
    it parsed) the entry that Save would add to the paper and the spans to highlight."""

    ok: bool
    message: str
    entry: Entry | None = None
    spans: tuple[tuple[int, int], ...] = ()


def next_number(paper: Paper) -> str:
    """The next free amendment number on the paper: one more than the highest plain number."""
    numbers = [int(e.number) for e in paper.entries if e.number.isdigit()]
    return str(max(numbers, default=0) + 1)


def _spans(bill: Bill, resolutions: list[Resolution]) -> tuple[tuple[int, int], ...]:
    """What to mark in the bill: the words an amendment changes; for an insertion point, the
    anchor words beside it (or one character, so that the point shows)."""
    text = fold(bill.print.text)
    out: list[tuple[int, int]] = []
    for r in resolutions:
        if r.end > r.start:
            out.append((r.start, r.end))
            continue
        op = r.operation
        if isinstance(op, InsertAfter):
            words = fold(op.anchor.text)
            if text[max(0, r.start - len(words)) : r.start] == words:
                out.append((r.start - len(words), r.start))
                continue
        if isinstance(op, InsertBefore):
            words = fold(op.anchor.text)
            if text[r.start : r.start + len(words)] == words:
                out.append((r.start, r.start + len(words)))
                continue
        at = min(r.start, max(0, len(text) - 1))
        out.append((at, at + 1))
    return tuple(out)


def _sentence(reason: str) -> str:
    return reason[:1].upper() + reason[1:]


def check_wording(bill: Bill, wording: str, number: str) -> Checked:
    """Parse and check one amendment's wording against the bill."""
    if not wording.strip():
        return Checked(False, "Type an amendment, e.g. Page 6, line 8, after “creates” insert “…”")
    try:
        amendment = parse_amendment(wording.strip(), number)
    except WordingError as err:
        return Checked(False, str(err))
    try:
        resolutions = resolve(bill, amendment)
    except AmendmentError as err:  # not numbered yet: the clerk's reason alone
        return Checked(False, _sentence(err.reason))
    if _has_structure(amendment):
        entry = entry_from_amendment(amendment)
    else:
        entry = make_entry(number, render(amendment))  # as the House prints it: “curly” quotes
    where = bill.print.line_at(resolutions[0].start) if resolutions else None
    place = f" — page {where.page}, line {where.number}" if where else ""
    spans = _spans(bill, resolutions)
    if amendment.target.title:  # the long title stands above the print's numbered lines
        place, spans = f" — the long title, line {amendment.target.line}", ()
    if amendment.warnings:  # it fits, read as meant: say what was assumed, and how to write it
        return Checked(True, f"⚠ {_sentence(amendment.warnings[0])}{place}", entry, spans)
    return Checked(True, f"✓ ok{place}", entry, spans)


def _has_structure(amendment: Amendment) -> bool:
    """Inserted structure (units, a new clause or Schedule) rather than words only."""
    return any(
        isinstance(op, (NewClause, NewSchedule)) or isinstance(getattr(op, "insert", None), tuple)
        for op in amendment.operations
    )


def new_clause_paper(number: str, after: str, text: str) -> str:
    """A one-amendment paper in the text format for a new clause typed in the editor: the
    clause's lines (heading first, units indented under it) indented under the wording."""
    after = after.strip().removeprefix("Clause").strip()
    lead = f"After Clause {after}, {NEW_CLAUSE_LEAD}" if after else "To move the following Clause—"
    body = "\n".join(("    " + line) if line.strip() else "" for line in text.splitlines())
    return f"Amendment {number}\n{lead}\n{body}\n"


#: Lines of the one-amendment paper before the clause's first line.
_PAPER_LINES_BEFORE = 2


def check_new_clause(bill: Bill, after: str, text: str, number: str) -> Checked:
    """Read a new clause typed in the paper's text format and check it against the bill."""
    if not text.strip():
        return Checked(False, "Type the new clause: its heading, then its subsections indented")
    try:
        paper = read_paper_text(new_clause_paper(number or "1", after, text), path="new clause")
    except PaperError as err:
        line = max(1, err.line - _PAPER_LINES_BEFORE)
        return Checked(False, f"line {line}: {err.reason}")
    entry = paper.entries[0]
    entry = replace(entry, amendment=replace(entry.amendment, number=number))
    if entry.problem:
        return Checked(False, entry.problem.removeprefix("new clause: "))
    try:
        resolutions = resolve(bill, entry.amendment)
    except AmendmentError as err:  # not numbered yet: the clerk's reason alone
        return Checked(False, _sentence(err.reason))
    heading = entry.structure[0].heading if entry.structure else ""
    return Checked(True, f"✓ ok — new clause “{heading}”", entry, _spans(bill, resolutions))


# --- amend in context ---------------------------------------------------------------------


def _probe(bill: Bill, target: Target, words: Words) -> int | None:
    """Where the core finds ``words`` on the cited line (None: not there, or not once)."""
    try:
        return resolve(bill, Amendment("", (LeaveOut(words),), target))[0].start
    except AmendmentError:
        return None


def cited_words(bill: Bill, target: Target, start: int, end: int) -> Words | None:
    """The words ``start``–``end`` of the print as the House quotes them on the cited line:
    with the occurrence ("the second “the”") when they appear there more than once. The core
    decides which occurrence is which; None if it finds these words nowhere on the line."""
    text = bill.print.text[start:end]
    if _probe(bill, target, Words(text)) == start:
        return Words(text)
    for occurrence in range(1, 21):
        found = _probe(bill, target, Words(text, occurrence))
        if found == start:
            return Words(text, occurrence)
        if found is None:
            break
    return None


def _target_of(bill: Bill, line: Line) -> Target:
    """Page and line (with the clause or Schedule they are in, in the Commons), as the House
    cites them."""
    top = line.eid.split("__", 1)[0] if line.eid else ""
    kind, _, num = top.partition("_")
    if kind == "sec" and num:
        return citing(bill, line, clause=num)
    if kind == "sched" and num:
        return citing(bill, line, schedule=num)
    return citing(bill, line)


def in_context(bill: Bill, kind: str, line: Line, start: int, end: int, new: str) -> str:
    """The wording of an amendment made on the bill itself: leave out, insert before or after,
    or replace the words ``start``–``end`` (beginning on ``line``) — with ``new`` words where
    needed. Cites page, line and the clause (or Schedule) when the clerk accepts that
    citation. Words over several lines are left out as the House does: "leave out lines 3 to
    5", or "leave out from “x” to “y” in line 5" (x and y stay)."""
    last = bill.print.line_at(max(start, end - 1))
    if last != line:
        if kind in ("leave out", "replace"):
            return _over_lines(bill, line, last, start, end, new if kind == "replace" else None)
        if kind == "before":  # the words on the first line mark the place
            end = line.end
        else:  # after: the words on the last line do
            line, start = last, last.start
    target = _target_of(bill, line)
    words = cited_words(bill, target, start, end)
    if words is None:
        target = Target(page=line.page, line=line.number)
        words = cited_words(bill, target, start, end) or Words(bill.print.text[start:end])
    op: Operation
    if kind == "leave out":
        op = LeaveOut(words)
    elif kind == "before":
        op = InsertBefore(words, new)
    elif kind == "after":
        op = InsertAfter(words, new)
    else:
        op = Substitute(words, new)
    return render(Amendment("", (op,), target, style=house_style(bill)))


_CLOSING = " " + "".join(CLOSING_PUNCTUATION)  # what may follow the last word left out


def _anchors(text: str) -> list[tuple[int, int]]:
    """Spans of the words of a printed line as the House quotes them for an anchor: a
    trailing comma, semicolon, colon or full stop left off, brackets kept whole ("(B)")."""
    return [(m.start(), m.start() + len(m.group().rstrip(",;:."))) for m in _TOKEN.finditer(text)]


_TOKEN = re.compile(r"\S+")


def _over_lines(bill: Bill, first: Line, last: Line, start: int, end: int, new: str | None) -> str:
    """Leave out (and perhaps insert in place of) words running from ``first`` to ``last``."""
    target = _target_of(bill, first)
    op: Operation
    rest = bill.print.text[end : last.end]  # a closing comma or stop is not a word
    if start <= first.start and not rest.strip(_CLOSING) and first.page == last.page:
        op = LeaveOutLines(first.number, last.number, new)  # the lines say which: no "line 8"
        return render(Amendment("", (op,), replace(target, line=None), style=house_style(bill)))
    before = [(a, b) for a, b in _anchors(first.text) if first.start + b <= start]
    from_words: Words | None = None
    if before:
        a, b = before[-1]
        from_words = cited_words(bill, target, first.start + a, first.start + b)
        if from_words is None:
            target = Target(page=first.page, line=first.number)
            from_words = cited_words(bill, target, first.start + a, first.start + b)
        from_words = from_words or Words(first.text[a:b])
    after = [(a, b) for a, b in _anchors(last.text) if last.start + a >= end]
    if not rest.strip(_CLOSING):
        after = []  # to end of the line
    to_words: Words | None = None
    if after:
        a, b = after[0]
        on_last = Target(page=last.page, line=last.number)
        to_words = cited_words(bill, on_last, last.start + a, last.start + b) or Words(
            last.text[a:b]
        )
    op = LeaveOutRange(
        from_words,
        to_words,
        end_line=last.number,
        insert=new,
        end_page=last.page if last.page != first.page else None,
    )
    return render(Amendment("", (op,), target, style=house_style(bill)))


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
    AmendmentEditor #after-row { height: 3; }
    AmendmentEditor #after-row Label { padding: 1 1 0 0; }
    AmendmentEditor #after { width: 16; }
    AmendmentEditor #clause { height: 12; }
    AmendmentEditor #check { height: auto; max-height: 4; padding: 0 1; }
    AmendmentEditor #check.ok { color: $success; }
    AmendmentEditor #check.error { color: $error; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save to paper"),
        Binding("ctrl+t", "toggle_mode", "Wording / new clause"),
        Binding("escape", "leave", "Back to bill"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.result: Checked | None = None
        self.mode = "wording"
        self._timer: Timer | None = None
        self._drafts: Drafts | None = None
        self._restoring = False

    @property
    def drafter(self) -> DrafterApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Label("Amendment — type the House's wording", id="editor-title")
        yield TextArea(id="wording", soft_wrap=True, show_line_numbers=False)
        with Vertical(id="clause-box"):
            with Horizontal(id="after-row"):
                yield Label("After Clause")
                yield Input(placeholder="12", id="after")
            yield TextArea(
                id="clause", soft_wrap=False, show_line_numbers=True, tab_behavior="indent"
            )
        yield Static("", id="check")

    def on_mount(self) -> None:
        self.set_interval(AUTOSAVE, self.autosave)

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

    def draft(self) -> Draft:
        return Draft(self.wording.text, self.clause.text, self.after.value, self.mode)

    def restore(self, paper_path: Path) -> bool:
        """Start keeping drafts for this paper; put back the last draft. True if there was one."""
        self._drafts = Drafts(paper_path)
        draft = self._drafts.load()
        if self._drafts.problem:
            self.drafter.show_error(self._drafts.problem)
        if draft.empty:
            return False
        self._restoring = True
        self.wording.load_text(draft.wording)
        self.clause.load_text(draft.new_clause)
        self.after.value = draft.after_clause
        self.set_mode(draft.mode if draft.mode in ("wording", "clause") else "wording")
        self._restoring = False
        self.schedule_check()
        return True

    def autosave(self) -> None:
        """Write the draft if it changed: every few seconds, on quit, after a save."""
        if self._drafts is None:
            return
        try:
            self._drafts.save(self.draft())
        except OSError as err:
            self.drafter.show_error(f"{self._drafts.path}: cannot save the draft: {err}")

    # --- showing ---------------------------------------------------------------------------

    def open(self, mode: str | None = None) -> None:
        if mode is not None:
            self.set_mode(mode)
        self.add_class("visible")
        area = self.clause if self.mode == "clause" else self.wording
        area.focus()
        area.move_cursor(area.document.end)  # go on where the words end
        self.schedule_check()

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.set_class(mode == "clause", "clause")
        title = self.query_one("#editor-title", Label)
        title.update(
            "New clause — heading on the first line, its subsections indented under it"
            "  (ctrl+t: wording)"
            if mode == "clause"
            else "Amendment — type the House's wording  (ctrl+t: new clause)"
        )

    def action_toggle_mode(self) -> None:
        self.open("wording" if self.mode == "clause" else "clause")

    def action_leave(self) -> None:
        if self.drafter.view is not None:
            self.drafter.view.focus()

    def set_wording(self, wording: str) -> None:
        """Put a wording in the editor (amend in context) and check it at once."""
        if self.drafter.view is not None:
            self.drafter.view.clear_selection()  # the highlight now shows the target
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

    def check_now(self) -> Checked | None:
        """Parse and check what is in the editor; show the result and mark the bill."""
        app = self.drafter
        if app.bill is None:
            return None
        number = ""  # numbered when saved: messages speak of "the amendment"
        if self.mode == "clause":
            result = check_new_clause(app.bill, self.after.value, self.clause.text, number)
        else:
            result = check_wording(app.bill, self.wording.text, number)
        self.result = result
        check = self.query_one("#check", Static)
        check.update(plain(result.message))  # quotes the wording and the bill's words
        check.set_class(result.ok, "ok")
        check.set_class(not result.ok, "error")
        if app.view is not None:
            app.view.highlight(list(result.spans))
            if result.spans:
                app.view.go_to_offset(result.spans[0][0])
        return result

    # --- saving ------------------------------------------------------------------------------

    def action_save(self) -> None:
        """Add the amendment to the paper (the next free number), in the order of the bill,
        and write the paper."""
        app = self.drafter
        result = self.check_now()
        if result is None:
            return
        if not result.ok or result.entry is None:
            app.show_error(f"Not saved: {result.message}")
            return
        paper = app.paper or Paper()
        if not paper.info.bill_number and not paper.info.title:  # a new paper: whose bill
            m = app.bill.metadata if app.bill is not None else None
            if m is not None:
                paper = replace(
                    paper,
                    info=replace(
                        paper.info,
                        title=m.title,
                        bill_number=m.bill_number,
                        house=m.house,
                        stage=m.stage,
                    ),
                )
        entry = result.entry
        number = next_number(paper)
        if entry.number != number:
            entry = replace(entry, amendment=replace(entry.amendment, number=number))
        tabled = paper.entries
        at = len(tabled)
        if app.bill is not None:  # in the order of the bill, as the paper is marshalled
            at = marshalled_index(app.bill, [e.amendment for e in tabled], entry.amendment)
        updated = replace(paper, entries=(*tabled[:at], entry, *tabled[at:]))
        path = app.paper_file
        try:
            save_paper(updated, path)
        except (UserError, OSError) as err:
            app.show_error(f"{path}: not saved: {err}")
            return
        app.paper = updated
        self.wording.load_text("")
        self.clause.load_text("")
        self.after.value = ""
        self.autosave()
        where = f", after amendment {tabled[at - 1].number}" if 0 < at < len(tabled) else ""
        app.notify(f"Amendment {number} added to {path.name}{where}", title="Saved", markup=False)
        self.check_now()

    # --- amend in context --------------------------------------------------------------------

    def amend_in_context(self, kind: str, line: Line, start: int, end: int) -> None:
        app = self.drafter
        if app.bill is None:
            return
        bill = app.bill
        selected = bill.print.text[start:end]
        if kind == "leave out":
            self.set_wording(in_context(bill, kind, line, start, end, ""))
            return
        question = {
            "before": f"Insert before “{selected}”:",
            "after": f"Insert after “{selected}”:",
            "replace": f"Leave out “{selected}” and insert:",
        }[kind]

        def done(new: str | None) -> None:
            if new:
                self.set_wording(in_context(bill, kind, line, start, end, new))

        app.push_screen(WordsPrompt(question), done)
