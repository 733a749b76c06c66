"""The Textual terminal app: a front end over drafter.core, started by the command line."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message_pump import MessagePump
from textual.widgets import DataTable, Footer

from drafter.core.terminal import safe


def plain(text: object, style: str = "") -> Text:
    """Text from a file or from git (a wording, a heading, an author, an error naming them),
    shown as it is: never read as Rich markup ("[HoC18]" is a paper's number, not a style),
    and its control and bidi characters made visible."""
    return Text(safe(text), style=style)


def shorten(text: str, width: int = 60) -> str:
    """``text`` on one line of at most ``width`` characters, cut with "…" (a table cell)."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def show_error(node: MessagePump, message: str) -> None:
    """The one way errors reach the user: the core's message, as a notification."""
    node.app.notify(safe(message), title="drafter", severity="error", timeout=6, markup=False)


class Rows(DataTable[str]):
    """A list of rows (amendments, versions): Home and End go to the first and last row, as
    a drafter expects, not only scroll there."""

    BINDINGS = [
        Binding("home", "edge(0)", "First row", show=False),
        Binding("end", "edge(1)", "Last row", show=False),
    ]

    def action_edge(self, last: int) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1 if last else 0)


#: the actions whose key leads the footer
FIRST_KEYS = ("help", "app.help")


class KeysFooter(Footer):
    """The footer, with Help's key first, and only the keys it has room for, whole. A
    footer too narrow for its keys cut off the last, and Help, an app key, came last: at 90
    columns the bill screen lost "? Help", the one key that lists all the others; and at 80
    the last key shown was cut mid-word ("w New claus")."""

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        first = [key for key in keys if getattr(key, "action", "") in FIRST_KEYS]
        yield from first
        yield from (key for key in keys if key not in first)
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        for key in self.query_children("FooterKey"):
            key.display = True  # laid out again at the new width, then fitted
        self.call_after_refresh(self._fit)

    def _fit(self, tries: int = 10) -> None:
        """Hide the keys that would be cut at the footer's edge (or under the command
        palette's key, docked at the right), and those after them; keys not laid out yet
        are fitted a refresh later."""
        keys = list(self.query_children("FooterKey"))
        if tries and any(key.display and not key.region for key in keys):
            self.call_after_refresh(self._fit, tries - 1)
            return
        docked = [key for key in keys if key.has_class("-command-palette")]
        edge = self.region.right - sum(key.outer_size.width for key in docked)
        cut = False
        for key in keys:
            if key in docked:
                continue
            cut = cut or key.region.right > edge
            key.display = not cut
