"""The messages the app's screens and widgets send up to the app. A screen takes its data in
through its constructor and gives results back as one of these (or through ``dismiss``); only
the app holds the current bill and paper, so it is the app that acts on them."""

from __future__ import annotations

from textual.message import Message

from drafter.core.bill import Bill
from drafter.core.paper import Entry, Paper


class SaveAmendment(Message):
    """The editor has an amendment that fits the bill: add it to the paper (numbered, in
    the order of the bill) and save the paper; or, when it ``replaces`` an amendment being
    edited, put it in that one's place, with its number and status."""

    def __init__(self, entry: Entry, replaces: str = "") -> None:
        super().__init__()
        self.entry = entry
        self.replaces = replaces


class GoToAmendment(Message):
    """Show where amendment ``number`` bites in the bill."""

    def __init__(self, number: str) -> None:
        super().__init__()
        self.number = number


class EditAmendment(Message):
    """Put amendment ``number`` in the editor, to be changed and saved in its place; with the
    bill shown at ``place`` ("12:7", page and line) when it is given."""

    def __init__(self, number: str, place: str = "") -> None:
        super().__init__()
        self.number = number
        self.place = place


class PaperSaved(Message):
    """The paper was changed (``what``: an amendment's status) and saved: it is now the
    current paper."""

    def __init__(self, paper: Paper, what: str = "the paper changed") -> None:
        super().__init__()
        self.paper = paper
        self.what = what


class AmendmentsOnLine(Message):
    """Enter on a printed line the paper amends: show those amendments (``numbers``)."""

    def __init__(self, page: int, line: int, numbers: tuple[str, ...]) -> None:
        super().__init__()
        self.page = page
        self.line = line
        self.numbers = numbers


class ShowAmendments(Message):
    """The bill screen asks for the Amendments screen (the current paper's marshalled list)."""


class BillAmended(Message):
    """The bill as amended by some of the paper's amendments was made (the preview of the
    agreed ones): what Save the bill as amended writes and Commit records."""

    def __init__(self, bill: Bill, numbers: list[str]) -> None:
        super().__init__()
        self.bill = bill
        self.numbers = numbers


class BillCommitted(Message):
    """The History screen recorded the bill as amended: the app no longer holds an amended
    bill to record, and shows ``bill`` (the file just committed, read again) when it is the
    one on screen."""

    def __init__(self, bill: Bill | None) -> None:
        super().__init__()
        self.bill = bill


class ShowKeeling(Message):
    """Show what the bill's provision ``eid`` (a clause, or a Schedule's paragraph: the one
    under the cursor, cited ``citation``) does to an Act kept beside the bill."""

    def __init__(self, eid: str, citation: str) -> None:
        super().__init__()
        self.eid = eid
        self.citation = citation


class ShowPaperChanges(Message):
    """Show what changed from ``old`` to ``new``, two versions of an amendment paper."""

    def __init__(self, old: Paper, new: Paper, old_name: str, new_name: str) -> None:
        super().__init__()
        self.old, self.new = old, new
        self.old_name, self.new_name = old_name, new_name
