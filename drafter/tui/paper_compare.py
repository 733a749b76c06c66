"""Two versions of an amendment paper compared, as clerks check each new list against the
last: the counts, then the amendments added and withdrawn, names, stars, status and wording
(:mod:`drafter.core.compare.papers`), coloured as the command line colours them."""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from drafter.core.compare.papers import compare_papers
from drafter.core.paper import Paper
from drafter.core.terminal import safe
from drafter.export.paper_compare import render_text
from drafter.tui import KeysFooter

_STYLES = {"del": "red strike", "ins": "green underline", "heading": "bold", "meta": "dim"}
# a painted piece of the report while it is made: NUL is in neither a file name nor a paper
_PAINTED = re.compile("\x00([a-z]+)\x00([^\x00]*)\x00")


def _mark(role: str, text: str) -> str:
    return f"\x00{role}\x00{text}\x00"


def coloured(marked: str) -> Text:
    """The report as rich text: its words made safe, drafter's own colours put on."""
    out, at = Text(), 0
    for m in _PAINTED.finditer(marked):
        out.append(safe(marked[at : m.start()]))
        out.append(safe(m[2]), style=_STYLES.get(m[1], ""))
        at = m.end()
    out.append(safe(marked[at:]))
    return out


class PaperCompareScreen(Screen[None]):
    """``old`` and ``new``, two versions of a paper (named ``old_name``, ``new_name``)."""

    DEFAULT_CSS = """
    PaperCompareScreen #paper-changes { height: 1fr; padding: 0 1; }
    """
    BINDINGS = [Binding("escape,q", "close", "Back")]

    def __init__(self, old: Paper, new: Paper, old_name: str, new_name: str) -> None:
        super().__init__()
        self.changes = compare_papers(old, new, old_name, new_name)
        self.names = old_name, new_name

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="paper-changes"):
            yield Static(coloured(render_text(self.changes, *self.names, _mark)), id="report")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = "Compare papers"
        self.sub_title = safe(f"{self.names[0]} → {self.names[1]}")
        self.query_one("#paper-changes").focus()

    def action_close(self) -> None:
        self.dismiss()
