"""The bill as printed: one row per printed line with its page and line in the gutter, and a
rule between pages. Drawn with Textual's line API, so only the rows on screen are rendered —
a 300-page bill scrolls as fast as a 3-page one."""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from drafter.core.layout import Line, Print

GUTTER = 9  # " 123:45  "


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
    ]

    #: Index into the rows of the line the cursor is on.
    cursor: reactive[int] = reactive(0)

    class CursorMoved(Message):
        """The cursor is on another printed line."""

        def __init__(self, line: Line | None) -> None:
            self.line = line
            super().__init__()

    def __init__(self, pr: Print, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.print = pr
        self.rows = rows_of(pr)
        self._row_of = {(r.line.page, r.line.number): i for i, r in enumerate(self.rows) if r.line}
        width = GUTTER + max((len(r.line.text) for r in self.rows if r.line), default=0) + 1
        self.virtual_size = Size(width, len(self.rows))
        self.highlights: list[tuple[int, int]] = []  # spans of Print.text to mark
        self.cursor = 1 if len(self.rows) > 1 else 0

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
        segments = [Segment(f"{line.page:>4}:{line.number:<3} ", gutter_style)]
        offset = 0
        text = line.text
        for start, end in self._marks_on(line):
            if start > offset:
                segments.append(Segment(text[offset:start], text_style))
            segments.append(Segment(text[start:end], mark))
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
