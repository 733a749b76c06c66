"""What a clause does to an Act kept beside the bill (``drafter keeling --add-act``): the
clause as printed beside the Act as the bill would amend it, the words put in marked, at the
provision the clause changes; above them, each change the clause makes and any not made."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, Static

from drafter.core.apply.provenance import put_in_spans
from drafter.core.bill import Bill
from drafter.core.keeling import KeelingRow
from drafter.core.terminal import safe
from drafter.tui import KeysFooter, plain
from drafter.tui.bill_view import BillView


class KeelingScreen(Screen[None]):
    """The clause ``eid`` of ``bill`` beside ``act`` (its name) as ``amended`` by the bill;
    ``rows``: the changes the clause makes to it; ``unmade``: those not made, and why."""

    DEFAULT_CSS = """
    KeelingScreen #changes { height: auto; max-height: 10; padding: 0 1;
        border-bottom: solid $primary; }
    KeelingScreen #clause, KeelingScreen #act { width: 1fr; height: 1fr; }
    KeelingScreen #clause { border-right: solid $primary-background; }
    """
    BINDINGS = [
        Binding("tab", "switch", "Other side"),
        Binding("escape,q", "close", "Back"),
    ]

    def __init__(
        self,
        bill: Bill,
        eid: str,
        act: str,
        amended: Bill,
        rows: list[KeelingRow],
        unmade: list[str],
    ) -> None:
        super().__init__()
        self.bill, self.eid, self.act, self.amended = bill, eid, act, amended
        self.rows, self.unmade = rows, unmade

    def compose(self) -> ComposeResult:
        yield Header()
        said = [
            f"{row.source} ({row.affected_provision or 'not found in the Act'}): "
            + " ".join(row.words.split())
            for row in self.rows
        ]
        said += [f"not made: {reason}" for reason in self.unmade]
        yield Static(plain("\n".join(said)), id="changes")
        with Horizontal():
            yield BillView(self.bill.print, id="clause")
            yield BillView(self.amended.print, id="act")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = safe(
            f"The {self.act} as the bill would amend it (right), beside the clause"
        )
        clause = self.query_one("#clause", BillView)
        here = self.bill.by_eid(self.eid)
        span = self.bill.span_of(here.element) if here is not None else None
        if span is not None:
            clause.highlight([span])
            clause.go_to_offset(span[0])
            self.call_after_refresh(clause.go_to_offset, span[0])
        act = self.query_one("#act", BillView)
        put_in = put_in_spans(self.amended)
        if put_in:
            act.highlight(put_in)
        first = self._first_changed()
        if first is not None:
            act.go_to_offset(first)
            self.call_after_refresh(act.go_to_offset, first)  # once it has its size
        act.focus()

    def _first_changed(self) -> int | None:
        """Where the first provision the clause changes begins in the Act as amended."""
        for row in self.rows:
            for eid in row.affected_provision.split(","):
                found = self.amended.by_eid(eid) if eid else None
                span = self.amended.span_of(found.element) if found is not None else None
                if span is not None:
                    return span[0]
        return None

    def action_switch(self) -> None:
        other = "#clause" if self.focused is self.query_one("#act") else "#act"
        self.query_one(other, BillView).focus()

    def action_close(self) -> None:
        self.dismiss()
