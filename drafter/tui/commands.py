"""The command palette (Ctrl+P): an entry for every action of the app, by name.

The entries are the actions the app has — its ``action_*`` methods, found by looking, so an
action added to :class:`~drafter.tui.app.DrafterApp` gets an entry without touching this file
— with better names and the key that does the same, for the ones listed in :data:`KNOWN`."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from functools import partial

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider

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
    "commit": ("Commit…", "record the bill (as amended) as a new version"),
    "tag": ("Tag a print…", "name a version as a print (HL Bill 60)"),
    "export": ("Export…", "the bill, as amended, the paper or a comparison: PDF, Word, HTML"),
    "help": ("Help", "every key and what it does"),
    "quit": ("Quit", "leave drafter (drafts are kept)"),
}

#: actions that are not commands of their own (they need an argument or a state)
SKIP = frozenset({"prompt", "search_next", "close_prompt", "close", "dismiss"})


def _title(action: str) -> str:
    return action.replace("_", " ").capitalize()


def _own_actions(app: App[object]) -> Iterator[str]:
    """The no-argument ``action_*`` methods the drafter app defines (not Textual's)."""
    for klass in type(app).__mro__:
        if klass.__module__.startswith("textual"):
            break
        for name, member in vars(klass).items():
            if not name.startswith("action_") or not callable(member):
                continue
            params = list(inspect.signature(member).parameters.values())[1:]
            if any(p.default is inspect.Parameter.empty for p in params):
                continue
            yield name.removeprefix("action_")


def commands(app: App[object]) -> list[tuple[str, str, str]]:
    """(title, help, action) for every action: the known ones first, then any other."""
    out: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    own = set(_own_actions(app))
    for action, (title, help_text) in KNOWN.items():
        base = action.split("(")[0]
        if not app.check_action(base, ()):
            continue  # not here: the bill screen's actions while another screen is on top
        if base in own or hasattr(app, f"action_{base}"):
            out.append((title, help_text + _key_for(app, action), action))
            seen.add(base if "(" not in action else action)
    # every other key of the app, under its footer name
    listed = {action for _t, _h, action in out}
    for binding in getattr(type(app), "BINDINGS", []):
        action = getattr(binding, "action", "")
        base = action.split("(")[0]
        if not action or action in listed or base in listed or not app.check_action(base, ()):
            continue
        if base in SKIP - {"prompt", "search_next"}:
            continue
        out.append((binding.description or _title(base), _key_for(app, action)[3:], action))
        listed.add(action)
        seen.add(base)
    for action in sorted(own):
        if action in seen or action in SKIP or not app.check_action(action, ()):
            continue
        out.append((_title(action), _key_for(app, action).removeprefix(" — "), action))
    return out


def _key_for(app: App[object], action: str) -> str:
    for binding in getattr(type(app), "BINDINGS", []):
        key = getattr(binding, "key", None)
        if key and getattr(binding, "action", None) == action:
            from drafter.tui.help import key_label

            return f" — key {key_label(key)}"
    return ""


class DrafterCommands(Provider):
    """Every drafter action, by name."""

    async def discover(self) -> Hits:
        for title, help_text, action in commands(self.app):
            yield DiscoveryHit(title, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in commands(self.app):
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self.app.run_action, action),
                    help=help_text,
                )
