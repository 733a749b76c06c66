"""The command palette (Ctrl+P): an entry for every action of the app, by name.

The entries are the actions the app has, and the screen the palette is opened on when that
screen lists its own (the bill screen: ``PALETTE = True``) — their ``action_*`` methods, found by
looking, so an action added to :class:`~drafter.tui.app.DrafterApp` or
:class:`~drafter.tui.bill_screen.BillScreen` gets an entry without touching this file — with
better names and the key that does the same, for the ones listed in :data:`KNOWN`."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from functools import partial

from textual.app import App
from textual.binding import BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.screen import Screen

#: action -> (title, help). Actions that take arguments are listed with them.
KNOWN: dict[str, tuple[str, str]] = {
    "prompt('go')": ("Go to…", "a citation (Clause 5(2)(a)) or page:line (12:7)"),
    "prompt('search')": ("Search…", "find words in the bill"),
    "search_next(1)": ("Next match", "the next place the searched words are"),
    "search_next(-1)": ("Previous match", "the previous place the searched words are"),
    "toggle_contents": ("Show/hide contents", "the Parts, clauses and Schedules"),
    "editor('wording')": ("Draft an amendment…", "type its wording; it is checked as you type"),
    "editor('clause')": ("Draft a new clause…", "a new clause and where it goes"),
    "amendments": ("Amendments (marshalled list)", "statuses, checks, apply the agreed"),
    "compare": ("Compare…", "two versions as tracked changes: files, revisions, as amended"),
    "compare_amended": ("Compare with the bill as amended", "apply the paper, show the changes"),
    "history": ("History", "the versions in the bill repository"),
    "commit": ("Commit…", "record the bill (as amended, once previewed) as a new version"),
    "save_amended": ("Save the bill as amended…", "write the bill as amended to a file"),
    "tag": ("Tag a print…", "name a version as a print (HL Bill 60)"),
    "export": ("Export…", "the bill, as amended, the paper or a comparison: PDF, Word, HTML"),
    "help": ("Help", "every key and what it does"),
    "quit": ("Quit", "leave drafter (drafts are kept)"),
}

#: actions that are not commands of their own (they need an argument or a state)
SKIP = frozenset({"prompt", "search_next", "close_prompt", "close", "dismiss"})


def _title(action: str) -> str:
    return action.replace("_", " ").capitalize()


def _own_actions(node: DOMNode) -> Iterator[str]:
    """The no-argument ``action_*`` methods drafter defines on ``node`` (not Textual's)."""
    for klass in type(node).__mro__:
        if klass.__module__.startswith("textual"):
            break
        for name, member in vars(klass).items():
            if not name.startswith("action_") or not callable(member):
                continue
            params = list(inspect.signature(member).parameters.values())[1:]
            if any(p.default is inspect.Parameter.empty for p in params):
                continue
            yield name.removeprefix("action_")


def _namespaces(app: App[object], screen: Screen[object] | None) -> list[DOMNode]:
    """Where the palette's actions are: the screen it is opened on, when that screen lists
    its actions (the bill screen), and the app."""
    screen = app.screen if screen is None else screen
    return [screen, app] if getattr(screen, "PALETTE", False) else [app]


def _bindings(namespaces: list[DOMNode]) -> list[BindingType]:
    return [b for node in namespaces for b in getattr(type(node), "BINDINGS", [])]


def _action(binding: BindingType) -> str:
    """A binding's action as the palette names it: the app's without its ``app.``."""
    return str(getattr(binding, "action", "")).removeprefix("app.")


def commands(app: App[object], screen: Screen[object] | None = None) -> list[tuple[str, str, str]]:
    """(title, help, action) for every action of the app and of ``screen`` (the screen on
    top, if not given): the known ones first, then any other."""
    spaces = _namespaces(app, screen)
    bindings = _bindings(spaces)
    out: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    own = {action for node in spaces for action in _own_actions(node)}
    for action, (title, help_text) in KNOWN.items():
        base = action.split("(")[0]
        if base in own or any(hasattr(node, f"action_{base}") for node in spaces):
            out.append((title, help_text + _key_for(bindings, action), action))
            seen.add(base if "(" not in action else action)
    # every other key, under its footer name
    listed = {action for _t, _h, action in out}
    for binding in bindings:
        action = _action(binding)
        base = action.split("(")[0]
        if not action or action in listed or base in listed:
            continue
        if base in SKIP - {"prompt", "search_next"}:
            continue
        description = getattr(binding, "description", "")
        out.append((description or _title(base), _key_for(bindings, action)[3:], action))
        listed.add(action)
        seen.add(base)
    for action in sorted(own):
        if action in seen or action in SKIP:
            continue
        out.append((_title(action), _key_for(bindings, action).removeprefix(" — "), action))
    return out


def owner(app: App[object], screen: Screen[object] | None, action: str) -> DOMNode:
    """The screen or app whose action ``action`` is."""
    base = action.split("(")[0]
    spaces = _namespaces(app, screen)
    return next((node for node in spaces if hasattr(node, f"action_{base}")), app)


def _key_for(bindings: list[BindingType], action: str) -> str:
    for binding in bindings:
        key = getattr(binding, "key", None)
        if key and _action(binding) == action:
            from drafter.tui.help import key_label

            return f" — key {key_label(key)}"
    return ""


class DrafterCommands(Provider):
    """Every drafter action, by name."""

    async def discover(self) -> Hits:
        for title, help_text, action in commands(self.app, self.screen):
            run = partial(self.app.run_action, action, owner(self.app, self.screen, action))
            yield DiscoveryHit(title, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in commands(self.app, self.screen):
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self.app.run_action, action, owner(self.app, self.screen, action)),
                    help=help_text,
                )
