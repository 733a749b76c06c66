"""The Help screen: every key and what it does, gathered from the bindings themselves (the
app's and the bill screen's, the bill view's and each screen's), so it cannot drift from what
the keys do."""

from __future__ import annotations

import importlib
import inspect
import re

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Header, Static

from drafter.tui import KeysFooter
from drafter.tui.bill_screen import BillScreen

#: The modules whose screens and widgets have keys of their own, in the order shown; a
#: module that does not exist (yet) is left out.
MODULES = (
    "drafter.tui",
    "drafter.tui.bill_view",
    "drafter.tui.editor",
    "drafter.tui.amendments",
    "drafter.tui.compare",
    "drafter.tui.history",
    "drafter.tui.ask",
)

KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "escape": "Esc",
    "space": "Space",
    "enter": "Enter",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "ctrl+p": "Ctrl+P",
}


def key_label(keys: str) -> str:
    """ "pagedown,space" -> "PgDn, Space"."""
    out = []
    for key in keys.split(","):
        key = key.strip()
        out.append(
            KEY_NAMES.get(
                key,
                key.upper()
                if key.startswith("f") and key[1:].isdigit()
                else key.replace("shift+", "Shift+").replace("ctrl+", "Ctrl+"),
            )
        )
    return ", ".join(out)


def _bindings(owner: type[DOMNode]) -> list[Binding]:
    raw: list[BindingType] = list(owner.__dict__.get("BINDINGS", []))
    out = []
    for b in raw:
        if isinstance(b, Binding):
            out.append(b)
        elif isinstance(b, tuple):
            out.append(Binding(*b))
    return [b for b in out if b.description]


def sections(app: App[object]) -> list[tuple[str, list[Binding]]]:
    """(title, bindings) for the app and every screen or widget of ours that has keys. The
    first are the bill screen's keys, then the app's (which work on every screen), in the
    order of their bindings (the footer puts Help's first)."""
    first = _bindings(BillScreen)
    keys = {b.key for b in first}
    first += [b for b in _bindings(type(app)) if b.key not in keys]
    found: list[tuple[str, list[Binding]]] = [("Everywhere / bill screen", first)]
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != name or not issubclass(cls, DOMNode):
                continue
            bindings = _bindings(cls)
            if bindings:
                # the docstring's first sentence, up to its first colon
                sentence = " ".join((cls.__doc__ or cls.__name__).strip().split("\n\n")[0].split())
                title = re.split(r"[:.;](?:\s|$)", sentence)[0]
                found.append((title, bindings))
    return found


def _section(title: str) -> Table:
    table = Table(
        title=title,
        title_justify="left",
        title_style="bold underline",
        show_header=False,
        box=None,
        padding=(0, 2, 0, 0),
        min_width=90,
    )
    table.add_column("Key", style="bold cyan", width=16, no_wrap=True)
    table.add_column("What it does")
    return table


def help_table(app: App[object]) -> Group:
    """Every key, section by section, then the command palette."""
    tables: list[RenderableType] = []
    for title, bindings in sections(app):
        table = _section(title)
        for b in bindings:
            table.add_row(key_label(b.key), b.description)
        tables.append(table)
        tables.append(Text(""))
    palette = _section("Command palette")
    palette.add_row("Ctrl+P", "every action by name: type a few letters of it")
    tables += [palette, Text("")]
    margin = _section("The bill's margin")
    for mark, meaning in MARGIN:
        margin.add_row(mark, meaning)
    tables.append(margin)
    return Group(*tables)


#: what the bill view shows beside a line's words (see drafter.tui.bill_view)
MARGIN = (
    ("12:7", "page and line, as the House's print numbers them"),
    ("12:7≈", "page and line of drafter's own layout: an estimate, not the House's print"),
    ("▌", "a line the paper amends"),
    ("◂ 3, 7", "the amendments on that line, after its words"),
)


class HelpScreen(Screen[None]):
    """Every key and what it does."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "app.pop_screen", "Close help"),
    ]
    DEFAULT_CSS = """
    HelpScreen #help { padding: 1 2; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static(help_table(self.app), id="help")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = "Help"
        self.sub_title = "every key; Ctrl+P for the command palette"
