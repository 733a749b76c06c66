"""The bill as printed: one row per printed line with its page and line in the gutter, and a
rule between pages. Drawn with Textual's line API, so only the rows on screen are rendered —
a 300-page bill scrolls as fast as a 3-page one."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from drafter.core.layout import Line, Print

GUTTER = 9  # " 123:45  "
_WORD = re.compile(r"\S+")


def words_of(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word of a printed line: runs of non-space characters, with any
    closing punctuation left off so that “creates,” selects “creates”."""
    out = []
    for m in _WORD.finditer(text):
        start, end = m.span()
        while end - start > 1 and text[end - 1] in ",;:.”’)]":
            end -= 1
        out.append((start, end))
    return out


@dataclass(frozen=True)
class Row:
    """One screen row: a printed line, or the rule that starts a page."""

    line: Line | None
    page: int


def rows_of(pr: Print) -> list[Row]:
    rows: list[Row] = []
    page = 0
    for line in pr.lines:
        if line.page != page:
            page = line.page
            rows.append(Row(None, page))
        rows.append(Row(line, page))
    return rows


class BillView(ScrollView, can_focus=True):
    """A scrolling view of a bill's print."""

    DEFAULT_CSS = """
    BillView { background: $surface; }
    """
    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("home", "edge(0)", "Top", show=False),
        Binding("end", "edge(1)", "Bottom", show=False),
        Binding("v", "select_start", "Select words", show=False),
        Binding("shift+right", "select_extend(1)", "Select more", show=False),
        Binding("shift+left", "select_extend(-1)", "Select less", show=False),
        Binding("right", "select_move(1)", "Next word", show=False),
        Binding("left", "select_move(-1)", "Previous word", show=False),
        Binding("x", "amend('leave out')", "Leave out", show=False),
        Binding("i", "amend('before')", "Insert before", show=False),
        Binding("A", "amend('after')", "Insert after", show=False),
        Binding("r", "amend('replace')", "Replace", show=False),
    ]

    #: Index into the rows of the line the cursor is on.
    cursor: reactive[int] = reactive(0)

    class CursorMoved(Message):
        """The cursor is on another printed line."""

        def __init__(self, line: Line | None) -> None:
            self.line = line
            super().__init__()

    class AmendRequested(Message):
        """Amend in context: ``kind`` ("leave out", "before", "after", "replace") the words
        ``start``–``end`` of the printed text, all on ``line``."""

        def __init__(self, view: BillView, kind: str, line: Line, start: int, end: int) -> None:
            self.view = view
            self.kind = kind
            self.line = line
            self.start = start
            self.end = end
            super().__init__()

    class SelectionChanged(Message):
        """The selection is now ``selection`` (None: nothing selected)."""

        def __init__(self, selection: tuple[int, int] | None) -> None:
            self.selection = selection
            super().__init__()

    def __init__(self, pr: Print, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.highlights: list[tuple[int, int]] = []  # spans of Print.text to mark
        #: the selected words, as (first word, last word) indexes into the words of the
        #: cursor's line; None when nothing is selected. One line at a time: amendments
        #: cite words on a line.
        self.selection_words: tuple[int, int] | None = None
        self._drag_from: int | None = None
        self._take(pr)
        self.cursor = 1 if len(self.rows) > 1 else 0

    def _take(self, pr: Print) -> None:
        self.print = pr
        self.rows = rows_of(pr)
        self._row_of = {(r.line.page, r.line.number): i for i, r in enumerate(self.rows) if r.line}
        width = GUTTER + max((len(r.line.text) for r in self.rows if r.line), default=0) + 1
        self.virtual_size = Size(width, len(self.rows))

    def show(self, pr: Print) -> None:
        """Show another print of the bill (a new version), staying at the same page and line
        where the new print has it."""
        here = self.current_line()
        self.highlights = []
        self.selection_words = None
        self._take(pr)
        if here is None or not self.go_to(here.page, here.number):
            self.cursor = min(self.cursor, max(0, len(self.rows) - 1))
        self.refresh()

    # --- drawing -----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.size.width
        if index >= len(self.rows):
            return Strip.blank(width)
        row = self.rows[index]
        if row.line is None:
            label = f" Page {row.page} "
            rule = "─" * 3 + label + "─" * max(0, self.virtual_size.width - len(label) - 3)
            strip = Strip([Segment(rule, Style(dim=True))])
        else:
            strip = Strip(self._segments(row.line, index == self.cursor))
        return strip.crop(scroll_x, scroll_x + width).extend_cell_length(width)

    def _segments(self, line: Line, current: bool) -> list[Segment]:
        gutter_style = Style(color="bright_black", reverse=current)
        text_style = Style(bold=current)
        mark = Style(bgcolor="dark_goldenrod", color="black", bold=current)
        chosen = Style(bgcolor="blue", color="white", bold=True, underline=True)
        segments = [Segment(f"{line.page:>4}:{line.number:<3} ", gutter_style)]
        offset = 0
        text = line.text
        marks = [(a, b, mark) for a, b in self._marks_on(line)]
        if current and self.selection is not None:
            a, b = self.selection
            marks = [(a - line.start, b - line.start, chosen)] + [
                m for m in marks if m[1] <= a - line.start or m[0] >= b - line.start
            ]
        for start, end, style in sorted(marks, key=lambda m: m[0]):
            if start < offset:
                continue
            if start > offset:
                segments.append(Segment(text[offset:start], text_style))
            segments.append(Segment(text[start:end], style))
            offset = end
        segments.append(Segment(text[offset:], text_style))
        return segments

    def _marks_on(self, line: Line) -> list[tuple[int, int]]:
        """Highlighted spans that fall on this line, as offsets into ``line.text``."""
        if not self.highlights or len(line.fragments) != 1:
            return []
        out = []
        for start, end in self.highlights:
            a, b = max(start, line.start), min(end, line.end)
            if a < b:
                out.append((a - line.start, b - line.start))
        return sorted(out)

    # --- moving ------------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        if self.selection_words is not None:
            self.selection_words = None
            self.post_message(self.SelectionChanged(None))
        # repaint just the two rows that changed; scrolling repaints what it must
        width = self.size.width
        for y in (old, new):
            self.refresh(Region(0, y, width, 1).translate(-self.scroll_offset))
        row = self.rows[new] if 0 <= new < len(self.rows) else None
        self.post_message(self.CursorMoved(row.line if row else None))
        self.scroll_to_region(Region(0, new, 1, 1), animate=False, immediate=True)

    def action_move(self, delta: int) -> None:
        target = self.cursor + delta
        while 0 <= target < len(self.rows) and self.rows[target].line is None:
            target += 1 if delta > 0 else -1
        if 0 <= target < len(self.rows):
            self.cursor = target

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.size.height - 1))

    def action_edge(self, end: int) -> None:
        self.cursor = len(self.rows) - 1 if end else 1

    def current_line(self) -> Line | None:
        row = self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None
        return row.line if row else None

    def go_to(self, page: int, number: int) -> bool:
        """Put the cursor on page/line; False if the print has no such line."""
        index = self._row_of.get((page, number))
        if index is None:
            return False
        self.cursor = index
        self.scroll_to(y=max(0, index - 3), animate=False, immediate=True)
        return True

    def go_to_offset(self, offset: int) -> None:
        """Put the cursor on the line holding ``offset`` of the printed text."""
        line = self.print.line_at(offset)
        self.go_to(line.page, line.number)

    def highlight(self, spans: list[tuple[int, int]]) -> None:
        self.highlights = spans
        self.refresh()

    # --- selecting words (amend in context) ------------------------------------------------

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selected words as (start, end) offsets into the printed text, or None."""
        line = self.current_line()
        if self.selection_words is None or line is None:
            return None
        words = words_of(line.text)
        first, last = self.selection_words
        return line.start + words[first][0], line.start + words[last][1]

    def _select(self, first: int, last: int) -> None:
        self.selection_words = (min(first, last), max(first, last))
        self._refresh_cursor_row()
        self.post_message(self.SelectionChanged(self.selection))

    def _refresh_cursor_row(self) -> None:
        region = Region(0, self.cursor, self.size.width, 1).translate(-self.scroll_offset)
        self.refresh(region)

    def clear_selection(self) -> None:
        if self.selection_words is not None:
            self.selection_words = None
            self._refresh_cursor_row()
            self.post_message(self.SelectionChanged(None))

    def _words_here(self) -> list[tuple[int, int]]:
        line = self.current_line()
        if line is None or len(line.fragments) != 1:
            return []
        return words_of(line.text)

    def select(self, start: int, end: int) -> bool:
        """Select the words of the printed text ``start``–``end`` (snapped to whole words, on
        the line holding ``start``); False if there are none."""
        line = self.print.line_at(start)
        self.go_to(line.page, line.number)
        inside = [
            i
            for i, (a, b) in enumerate(self._words_here())
            if line.start + a < end and line.start + b > start
        ]
        if not inside:
            return False
        self._select(inside[0], inside[-1])
        return True

    def action_select_start(self) -> None:
        """Start (or stop) selecting: the first word of the cursor's line."""
        if self.selection_words is not None:
            self.clear_selection()
        elif self._words_here():
            self._select(0, 0)

    def action_select_extend(self, delta: int) -> None:
        words = self._words_here()
        if not words:
            return
        if self.selection_words is None:
            self._select(0, 0)
            return
        first, last = self.selection_words
        self._select(first, max(first, min(len(words) - 1, last + delta)))

    def action_select_move(self, delta: int) -> None:
        """Move the selection to the next or previous word (starting one if there is none)."""
        words = self._words_here()
        if not words:
            return
        if self.selection_words is None:
            self._select(0 if delta > 0 else len(words) - 1, 0 if delta > 0 else len(words) - 1)
            return
        first, last = self.selection_words
        at = max(0, min(len(words) - 1, (last if delta > 0 else first) + delta))
        self._select(at, at)

    def action_amend(self, kind: str) -> None:
        line = self.current_line()
        selection = self.selection
        if line is None or selection is None:
            self.notify(
                "Select words first: v, then ←/→ to move and shift+→ to take more words "
                "(or drag with the mouse)",
                severity="warning",
            )
            return
        self.post_message(self.AmendRequested(self, kind, line, *selection))

    def _word_at(self, event: events.MouseEvent) -> tuple[int, int | None]:
        """The row under the mouse, and the index of the word there (None: not on a word)."""
        row = event.y + self.scroll_offset.y
        column = event.x + self.scroll_offset.x - GUTTER
        if not 0 <= row < len(self.rows) or self.rows[row].line is None:
            return row, None
        line = self.rows[row].line
        assert line is not None
        words = words_of(line.text) if len(line.fragments) == 1 else []
        for i, (_, end) in enumerate(words):
            if column < end or (i + 1 < len(words) and column < words[i + 1][0]):
                return row, i
        return row, len(words) - 1 if words else None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        row, word = self._word_at(event)
        if word is None:
            return
        if row != self.cursor:
            self.cursor = row
        self._drag_from = word
        self._select(word, word)
        self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag_from is None:
            return
        row, word = self._word_at(event)
        if row == self.cursor and word is not None:
            self._select(self._drag_from, word)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag_from is not None:
            self._drag_from = None
            self.release_mouse()
