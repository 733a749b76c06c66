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

from drafter.core.bill import Bill, page_and_line
from drafter.core.drafting import bracketed_end
from drafter.core.errors import UserError
from drafter.core.phrases import named
from drafter.core.print.lines import Line
from drafter.core.print.printed import Print
from drafter.core.terminal import safe_cells
from drafter.tui.messages import AmendmentsOnLine

GUTTER = 9  # " 123:45  "
_WORD = re.compile(r"\S+")


def words_of(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word of a printed line: runs of non-space characters, with any
    closing punctuation left off so that “creates,” selects “creates”; a bracket or
    quotation mark closing one opened in the word stays ("(B)," selects "(B)")."""
    out = []
    for m in _WORD.finditer(text):
        start, end = m.span()
        while end - start > 1 and text[end - 1] in ",;:.”’)]":
            opening = _OPENING_OF.get(text[end - 1])
            if opening and opening in text[start : end - 1]:
                break
            end -= 1
        out.append((start, end))
    return out


_OPENING_OF = {")": "(", "]": "[", "”": "“", "’": "‘"}
#: the roles of lines the print sets apart (see drafter.export.printed)
_HEADINGS = frozenset({"part", "crossheading", "clause", "schedule"})


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


def wrapped(text: str, width: int) -> list[tuple[int, int]]:
    """The pieces of a printed line set on screen lines ``width`` wide: broken at spaces
    (a word longer than the width is cut), each piece as (start, end) in ``text``."""
    if len(text) <= width:
        return [(0, len(text))]
    pieces = []
    start = 0
    while len(text) - start > width:
        cut = text.rfind(" ", start, start + width + 1)
        if cut <= start:
            cut = start + width
        pieces.append((start, cut))
        start = cut + 1 if cut < len(text) and text[cut] == " " else cut
    pieces.append((start, len(text)))
    return pieces


def line_setting(bill: Bill) -> dict[tuple[int, int], tuple[int, str]]:
    """How the print sets each of the bill's lines (page, line) -> (depth, role), for
    :meth:`BillView.set_layout`: worked out as the documents drafter exports set them (half
    a second on a big bill: call it in a worker)."""
    from drafter.export.printed import clean

    return {(ln.page, ln.number): (ln.depth, ln.role) for ln in clean(bill).lines}


class BillView(ScrollView, can_focus=True):
    """A scrolling view of a bill's print: one printed line to a row, its page and line in
    the gutter; a line wider than the view wraps on to the screen lines under it, with the
    gutter left blank there, so that nothing is cut at any width."""

    DEFAULT_CSS = """
    BillView { background: $surface; }
    """
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("home", "edge(0)", "Top", show=False),
        Binding("end", "edge(1)", "Bottom", show=False),
        Binding("v", "select_start", "Select words", show=False),
        Binding("shift+right", "select_extend(1)", "Select more", show=False),
        Binding("shift+left", "select_extend(-1)", "Select less", show=False),
        Binding("shift+down", "select_lines(1)", "Select to the next line", show=False),
        Binding("shift+up", "select_lines(-1)", "Select to the line before", show=False),
        Binding("right", "select_move(1)", "Next word", show=False),
        Binding("left", "select_move(-1)", "Previous word", show=False),
        Binding("x", "amend('leave out')", "Leave out", show=False),
        Binding("i", "amend('before')", "Insert before", show=False),
        Binding("A", "amend('after')", "Insert after", show=False),
        Binding("r", "amend('replace')", "Replace", show=False),
        Binding("enter", "amendments_here", "Amendments on this line", show=False),
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
        ``start``–``end`` of the printed text, which begin on ``line``."""

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
        #: the selection: where it started and where it now ends, each a (row, word index on
        #: that row's line); None when nothing is selected. It may run over several lines.
        self.selection_points: tuple[tuple[int, int], tuple[int, int]] | None = None
        self._drag_from: tuple[int, int] | None = None
        self._extending = False  # the cursor moves with the selection's end
        #: the selection was taken by whole lines (shift+↓): it ends where its last line
        #: ends, closing punctuation and all; taken by words, it ends at the last word
        self._whole_lines = False
        #: the paper's amendments on each printed line (page, line): marked in the gutter,
        #: their numbers after the line's words
        self.amended: dict[tuple[int, int], tuple[str, ...]] = {}
        #: how each printed line is set (page, line) -> (depth, role): indented by its
        #: provision's depth as the print indents it, headings set in bold (see
        #: :meth:`set_layout`; until then every line stands at the margin)
        self.setting: dict[tuple[int, int], tuple[int, str]] = {}
        self._take(pr)
        self.cursor = 1 if len(self.rows) > 1 else 0

    def _take(self, pr: Print) -> None:
        self.print = pr
        self.rows = rows_of(pr)
        self._row_of = {(r.line.page, r.line.number): i for i, r in enumerate(self.rows) if r.line}
        self._lay_out(self._room())

    def _lay_out(self, width: int) -> None:
        """Set the rows on screen lines ``width`` wide: ``_screen`` holds each screen line's
        row and the piece of its line's text, ``_first_y`` each row's first screen line."""
        self._screen: list[tuple[int, int, int]] = []
        self._first_y: list[int] = []
        for i, row in enumerate(self.rows):
            self._first_y.append(len(self._screen))
            if row.line is None:
                self._screen.append((i, 0, 0))
            else:
                room = max(20, width - GUTTER - self._indent(row.line)) if width else 10**6
                self._screen += [(i, a, b) for a, b in wrapped(row.line.text, room)]
        self._laid_width = width
        self.virtual_size = Size(width, len(self._screen))

    def _room(self) -> int:
        """The columns the lines are set in: the view's, less its scrollbar's."""
        return self.scrollable_content_region.width if self.size.width else 0

    def _indent(self, line: Line) -> int:
        depth, _ = self.setting.get((line.page, line.number), (0, ""))
        return 2 * min(depth, 8)

    def go_to_place(self, bill: Bill, where: str) -> str:
        """Show a page and line ("6:8"), or a provision by its citation, marked; "" when
        shown, else why not. ``bill`` is the bill whose print this view shows."""
        place = page_and_line(where)
        if place is not None:
            if self.go_to(*place):
                return ""
            try:
                bill.print.line(*place)
            except UserError as err:
                return str(err)
            return f"page {place[0]}, line {place[1]} is not shown here"
        try:
            provision = bill.find(where)
        except UserError as err:
            return str(err)
        span = bill.span_of(provision.element)
        if span is None:
            return f"{provision.citation} prints nothing"
        self.go_to_offset(span[0])
        self.highlight([span])
        return ""

    def set_layout(self, setting: dict[tuple[int, int], tuple[int, str]]) -> None:
        """Set the lines as the print sets them (see :attr:`setting`)."""
        self.setting = setting
        self._lay_out(self._room())
        self.scroll_to_row(self.cursor)
        self.refresh()

    def on_resize(self) -> None:
        if self._room() != self._laid_width:
            self._lay_out(self._room())
            self.scroll_to_row(self.cursor)
            self.refresh()

    def _ys(self, row: int) -> range:
        """The screen lines of ``row``."""
        if not 0 <= row < len(self.rows):
            return range(0)
        end = self._first_y[row + 1] if row + 1 < len(self.rows) else len(self._screen)
        return range(self._first_y[row], end)

    def scroll_to_row(self, row: int) -> None:
        ys = self._ys(row)
        if ys:
            self.scroll_to_region(Region(0, ys.start, 1, len(ys)), animate=False, immediate=True)

    def show(self, pr: Print) -> None:
        """Show another print of the bill (a new version), staying at the same page and line
        where the new print has it."""
        here = self.current_line()
        self.highlights = []
        self.selection_points = None
        self.setting, self.amended = {}, {}  # the old print's: set again for this one
        self._take(pr)
        if here is None or not self.go_to(here.page, here.number):
            self.cursor = min(self.cursor, max(0, len(self.rows) - 1))
        self.refresh()

    # --- drawing -----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.size.width
        if index >= len(self._screen):
            return Strip.blank(width)
        i, a, b = self._screen[index]
        row = self.rows[i]
        if row.line is None:
            label = f" Page {row.page} "
            rule = "─" * 3 + label + "─" * max(0, width - len(label) - 3)
            strip = Strip([Segment(rule, Style(dim=True))])
        else:
            strip = Strip(self._segments(row.line, i == self.cursor, a, b))
        return strip.crop(0, width).extend_cell_length(width)

    def _segments(
        self, line: Line, current: bool, piece_start: int, piece_end: int
    ) -> list[Segment]:
        """One screen line of ``line``: its page and line (on the first piece only), and the
        piece of its text from ``piece_start`` to ``piece_end``, marked."""
        gutter_style = Style(color="bright_black", reverse=current)
        text_style = Style(bold=current)
        mark = Style(bgcolor="dark_goldenrod", color="black", bold=current)
        chosen = Style(bgcolor="blue", color="white", bold=True, underline=True)
        numbers = self.amended.get((line.page, line.number), ())
        _, role = self.setting.get((line.page, line.number), (0, ""))
        if role in _HEADINGS:  # set apart, as the print sets them
            text_style = text_style + Style(bold=True, italic=role == "crossheading")
        # ≈: the page and line are drafter's own layout, an estimate, not the House's print
        after = "≈" if self.print.numbered_by == "drafter" else " "
        gutter = f"{line.page:>4}:{line.number:<3}{after}" if piece_start == 0 else " " * GUTTER
        segments = [Segment(gutter, gutter_style if piece_start == 0 else Style())]
        if numbers and piece_start == 0 and gutter[0] == " ":  # the paper amends this line
            segments = [Segment("▌", Style(color="dark_orange")), Segment(gutter[1:], gutter_style)]
        segments.append(Segment(" " * self._indent(line)))
        offset = 0
        # the bill's words, never the terminal's commands
        text = safe_cells(line.text[piece_start:piece_end])
        marks = [(a, b, mark) for a, b in self._marks_on(line)]
        selection = self.selection
        if selection is not None and len(line.fragments) == 1:
            a, b = max(selection[0], line.start) - line.start, min(selection[1], line.end)
            b -= line.start
            if a < b:
                marks = [(a, b, chosen)] + [m for m in marks if m[1] <= a or m[0] >= b]
        # as offsets into this piece
        marks = [
            (max(a, piece_start) - piece_start, min(b, piece_end) - piece_start, style)
            for a, b, style in marks
            if a < piece_end and b > piece_start
        ]
        for start, end, style in sorted(marks, key=lambda m: m[0]):
            if start < offset:
                continue
            if start > offset:
                segments.append(Segment(text[offset:start], text_style))
            segments.append(Segment(text[start:end], style))
            offset = end
        segments.append(Segment(text[offset:], text_style))
        if numbers and piece_end == len(line.text):
            segments.append(Segment(f"   ◂ {named(numbers)}", Style(color="dark_orange")))
        return segments

    def mark_amended(self, amended: dict[tuple[int, int], tuple[str, ...]]) -> None:
        """Mark the lines the paper's amendments touch (see :attr:`amended`)."""
        self.amended = amended
        self.refresh()

    def action_amendments_here(self) -> None:
        line = self.current_line()
        numbers = self.amended.get((line.page, line.number), ()) if line is not None else ()
        if line is None or not numbers:
            self.notify("No amendment on the paper touches this line", timeout=3)
            return
        self.post_message(AmendmentsOnLine(line.page, line.number, numbers))

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
        if self.selection_points is not None and not self._extending:
            self.selection_points = None
            self.refresh()
            self.post_message(self.SelectionChanged(None))
        # repaint just the two rows that changed; scrolling repaints what it must
        width = self.size.width
        for row_index in (old, new):
            ys = self._ys(row_index)
            if ys:
                region = Region(0, ys.start, width, len(ys))
                self.refresh(region.translate(-self.scroll_offset))
        row = self.rows[new] if 0 <= new < len(self.rows) else None
        self.post_message(self.CursorMoved(row.line if row else None))
        self.scroll_to_row(new)

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
        # a little of what goes before it stays in sight (screen lines: rows may wrap)
        self.scroll_to(y=max(0, self._first_y[index] - 3), animate=False, immediate=True)
        return True

    def go_to_offset(self, offset: int) -> None:
        """Put the cursor on the line holding ``offset`` of the printed text."""
        line = self.print.line_at(offset)
        self.go_to(line.page, line.number)

    def highlight(self, spans: list[tuple[int, int]]) -> None:
        self.highlights = spans
        self.refresh()

    # --- selecting words (amend in context) ------------------------------------------------

    def _words_on(self, row: int) -> list[tuple[int, int]]:
        """The words of the printed line at ``row`` (none for a page rule or a table row)."""
        line = self.rows[row].line if 0 <= row < len(self.rows) else None
        if line is None or len(line.fragments) != 1:
            return []
        return words_of(line.text)

    def _first_word(self, row: int) -> int:
        """Where selecting words on ``row`` starts: after the provision's number, which no
        amendment cuts (selecting whole lines takes it)."""
        line = self.rows[row].line
        words = self._words_on(row)
        if line is None or len(words) < 2:
            return 0
        a, b = words[0]
        return 1 if self.print.number_at(line.start + a, line.start + b) is not None else 0

    def _offset(self, point: tuple[int, int], end: bool) -> int:
        row, word = point
        line = self.rows[row].line
        assert line is not None
        a, b = self._words_on(row)[word]
        return line.start + (b if end else a)

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selected words as (start, end) offsets into the printed text, or None."""
        if self.selection_points is None:
            return None
        first, last = sorted(self.selection_points)
        end = self._offset(last, end=True)
        line = self.rows[last[0]].line
        if self._whole_lines and line is not None and last[1] == len(self._words_on(last[0])) - 1:
            end = line.end
        start = self._offset(first, end=False)
        return start, bracketed_end(self.print.text, start, end)  # "(a … b" takes its ")"

    def _select(
        self, anchor: tuple[int, int], end: tuple[int, int], *, whole_lines: bool = False
    ) -> None:
        """Select from ``anchor`` to ``end`` (row, word), the cursor following ``end``."""
        self.selection_points = (anchor, end)
        self._whole_lines = whole_lines
        if end[0] != self.cursor:
            self._extending = True
            try:
                self.cursor = end[0]
            finally:
                self._extending = False
        self.refresh()
        self.post_message(self.SelectionChanged(self.selection))

    def clear_selection(self) -> None:
        if self.selection_points is not None:
            self.selection_points = None
            self.refresh()
            self.post_message(self.SelectionChanged(None))

    def _words_here(self) -> list[tuple[int, int]]:
        return self._words_on(self.cursor)

    def _row_with_words(self, row: int, step: int) -> int | None:
        """The next row from ``row`` (``step`` 1 down, -1 up) with words on it, past page rules
        and table rows; None at the end of the print."""
        nxt = row + step
        while 0 <= nxt < len(self.rows) and not self._words_on(nxt):
            nxt += step
        return nxt if 0 <= nxt < len(self.rows) else None

    def _step(self, point: tuple[int, int], delta: int) -> tuple[int, int]:
        """The word ``delta`` words on from ``point``, across lines (and page rules); the
        first or last word of the print at its ends."""
        row, word = point
        while delta:
            words = self._words_on(row)
            if 0 <= word + delta < len(words):
                return row, word + delta
            step = 1 if delta > 0 else -1
            nxt = self._row_with_words(row, step)
            if nxt is None:
                return row, word
            delta -= step
            row, word = nxt, 0 if step > 0 else len(self._words_on(nxt)) - 1
        return row, word

    def select(self, start: int, end: int) -> bool:
        """Select the words of the printed text ``start``–``end`` (snapped to whole words,
        over as many lines as they run); False if there are none."""
        points: list[tuple[int, int]] = []
        for line in self.print.lines[self.print.index_of(self.print.line_at(start)) :]:
            if line.start >= end:
                break
            row = self._row_of.get((line.page, line.number))
            if row is None:
                continue
            points += [
                (row, i)
                for i, (a, b) in enumerate(self._words_on(row))
                if line.start + a < end and line.start + b > start
            ]
        if not points:
            return False
        first = self.rows[points[0][0]].line
        assert first is not None
        self.go_to(first.page, first.number)
        self._select(points[0], points[-1])
        return True

    def action_select_start(self) -> None:
        """Start (or stop) selecting: the first word of the cursor's line after its number."""
        if self.selection_points is not None:
            self.clear_selection()
        elif self._words_here():
            first = (self.cursor, self._first_word(self.cursor))
            self._select(first, first)

    def action_select_extend(self, delta: int) -> None:
        """Take one more word (or one fewer), on to the next line if need be."""
        if not self._words_here():
            return
        if self.selection_points is None:
            self.action_select_start()
            return
        anchor, end = self.selection_points
        self._select(anchor, self._step(end, delta))

    def action_select_lines(self, delta: int) -> None:
        """Take the selection on to the end of the next line (or back to the line before)."""
        if self.selection_points is None:
            if not self._words_here():
                return
            self.selection_points = ((self.cursor, 0), (self.cursor, 0))
        anchor, (row, _) = self.selection_points
        if anchor[1] == self._first_word(anchor[0]):  # whole lines take the number too
            anchor = (anchor[0], 0)
        step = 1 if delta > 0 else -1
        nxt = self._row_with_words(row, step)
        if nxt is None:
            return
        self._select(
            anchor, (nxt, len(self._words_on(nxt)) - 1 if step > 0 else 0), whole_lines=True
        )

    def action_select_move(self, delta: int) -> None:
        """Move the selection to the next or previous word (starting one if there is none)."""
        words = self._words_here()
        if not words:
            return
        if self.selection_points is None:
            at = (self.cursor, self._first_word(self.cursor) if delta > 0 else len(words) - 1)
        else:
            first, last = sorted(self.selection_points)
            at = self._step(last if delta > 0 else first, delta)
        self._select(at, at)

    def action_amend(self, kind: str) -> None:
        selection = self.selection
        line = self.print.line_at(selection[0]) if selection is not None else None
        if line is None or selection is None:
            self.notify(
                "Select words first: v, then ←/→ to move, shift+→ to take more words and "
                "shift+↓ more lines (or drag with the mouse)",
                severity="warning",
            )
            return
        self.post_message(self.AmendRequested(self, kind, line, *selection))

    def _word_at(self, event: events.MouseEvent) -> tuple[int, int | None]:
        """The row under the mouse, and the index of the word there (None: not on a word)."""
        y = event.y + self.scroll_offset.y
        if not 0 <= y < len(self._screen):
            return -1, None
        row, piece_start, _ = self._screen[y]
        if self.rows[row].line is None:
            return row, None
        column = event.x - GUTTER - self._indent(self.rows[row].line) + piece_start  # type: ignore[arg-type]
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
        self._drag_from = (row, word)
        self._select((row, word), (row, word))
        self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag_from is None:
            return
        row, word = self._word_at(event)
        if word is not None:
            self._select(self._drag_from, (row, word))

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag_from is not None:
            self._drag_from = None
            self.release_mouse()
