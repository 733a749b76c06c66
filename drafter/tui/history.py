"""The History screen: the versions of a bill repository, newest first, from one ``git log``
(:meth:`drafter.core.store.BillRepo.versions` — no bill is loaded to list them): stage, bill
number, author, date, the amendments each applied and the prints tagged on them. Record a new
version (``c``), tag a print (``t``), and compare any two (mark with space, then ``d``).

Everything that touches git runs in a worker; errors are the core's messages, shown the app's
one way (``show_error``). The screen takes what it records (the bill as amended, the paper's
name, the bill shown) in through its constructor, and tells the app of a commit with
:class:`~drafter.tui.messages.BillCommitted`: it never reaches into the app.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, LoadingIndicator, Static

from drafter.core.bill import Bill
from drafter.core.errors import UserError
from drafter.core.files import xml_bytes
from drafter.core.phrases import counted, named
from drafter.tui import KeysFooter, Rows, plain, shorten, show_error
from drafter.tui.ask import Ask
from drafter.tui.compare import CompareScreen, revision_versions
from drafter.tui.messages import BillCommitted, ShowPaperChanges

if TYPE_CHECKING:
    from drafter.core.store import BillRepo, Version

#: what tells versions apart first, so that a narrow terminal shows it: when, which print,
#: what was done; then the print's own details
COLUMNS = ("", "Version", "Date", "Print", "Message", "Amendments", "Stage", "Bill", "Author")


def date_of(iso: str) -> str:
    """ "2026-11-26T10:31:02+00:00" -> "2026-11-26 10:31"."""
    return iso[:16].replace("T", " ")


def _set_columns(table: DataTable[str], rows: list[list[Text]]) -> None:
    """The table's columns, each as wide as its widest cell. Measured here, not left to the
    table: a table re-measures its columns only once idle and keeps what it painted before,
    so a version listed after a commit showed its amendments cut to the column's old width
    (Textual issue 4470)."""
    table.add_column(COLUMNS[0], key="mark", width=3)  # "[1]", "[2]" when marked
    for index, label in enumerate(COLUMNS[1:], start=1):
        width = max([cell_len(label), *(row[index].cell_len for row in rows)])
        table.add_column(label, width=width)


class HistoryScreen(Screen[None]):
    """The bill repository's versions; commit, tag, compare."""

    BINDINGS = [
        Binding("space", "mark", "Mark to compare"),
        Binding("d", "compare", "Compare marked"),
        Binding("p", "compare_paper", "Paper vs before"),
        Binding("c", "commit", "Commit"),
        Binding("t", "tag", "Tag a print"),
        Binding("r", "refresh", "Refresh", show=False),
        Binding("escape", "app.pop_screen", "Back"),
    ]
    DEFAULT_CSS = """
    HistoryScreen #versions { height: 1fr; }
    HistoryScreen #history-status { height: 1; background: $primary-background; padding: 0 1; }
    """

    def __init__(
        self,
        repo: BillRepo,
        then: str = "",
        *,
        amended: tuple[Bill, list[str]] | None = None,
        paper_name: str = "",
        shown: Path | None = None,
    ) -> None:
        """``amended``: the bill as amended and the amendments applied, recorded with the
        next commit; ``paper_name``: the paper recorded with it; ``shown``: the bill file the
        app shows, read again once a commit writes it."""
        super().__init__()
        self.repo = repo
        self.amended = amended
        self.paper_name = paper_name
        self.shown = shown
        self.versions: list[Version] = []
        self.marked: list[str] = []  # shas, in the order marked
        self.then = then  # an action to run once listed ("commit", "tag")

    def compose(self) -> ComposeResult:
        yield Header()
        yield LoadingIndicator(id="history-loading")
        table = Rows(id="versions", cursor_type="row", zebra_stripes=True)
        _set_columns(table, [])
        yield table
        yield Static("", id="history-status")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = "History"
        self.sub_title = f"{self.repo.root.name}/{self.repo.bill_file}"
        self.list_versions()

    # --- listing ------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="history")
    def list_versions(self) -> None:
        try:
            versions = self.repo.versions()
        except UserError as err:
            self.app.call_from_thread(show_error, self, str(err))
            versions = []
        self.app.call_from_thread(self.show_versions, versions)

    def show_versions(self, versions: list[Version]) -> None:
        self.versions = versions
        for loading in self.query("#history-loading"):
            loading.remove()
        table = self.query_one("#versions", DataTable)
        row = table.cursor_row
        rows = [self._cells(v) for v in versions]
        table.clear(columns=True)
        _set_columns(table, rows)
        for v, cells in zip(versions, rows, strict=True):
            table.add_row(*cells, key=v.sha)
        if versions:
            table.move_cursor(row=min(max(row, 0), len(versions) - 1))
        table.focus()
        self._update_status()
        then, self.then = self.then, ""
        if then:
            self.call_later(self.run_action, then)

    def _cells(self, v: Version) -> list[Text]:
        mark = f"[{self.marked.index(v.sha) + 1}]" if v.sha in self.marked else ""
        cells = [
            mark,
            v.short,
            date_of(v.date),
            ", ".join(v.tags),
            shorten(v.subject, 40),
            ", ".join(v.amendments),
            v.stage,
            v.bill_number,
            v.author,
        ]
        return [plain(cell) for cell in cells]  # from git: an author, a tag message

    def _update_status(self) -> None:
        n = len(self.versions)
        marked = len(self.marked)
        hint = (
            "space marks a version; d compares the two marked (or the marked one with the cursor's)"
            if marked < 2
            else "d compares the two marked versions"
        )
        self.query_one("#history-status", Static).update(
            plain(f"{counted(n, 'version')} in {self.repo.root.name}; {marked} marked.    {hint}")
        )

    def cursor_version(self) -> Version | None:
        table = self.query_one("#versions", DataTable)
        if not self.versions or table.cursor_row < 0:
            return None
        return self.versions[min(table.cursor_row, len(self.versions) - 1)]

    def _by_sha(self, sha: str) -> Version:
        return next(v for v in self.versions if v.sha == sha)

    # --- marking and comparing ------------------------------------------------------------

    def action_mark(self) -> None:
        v = self.cursor_version()
        if v is None:
            return
        if v.sha in self.marked:
            self.marked.remove(v.sha)
        else:
            self.marked.append(v.sha)
            self.marked = self.marked[-2:]
        table = self.query_one("#versions", DataTable)
        for version in self.versions:
            table.update_cell(version.sha, "mark", self._cells(version)[0])
        self._update_status()

    def pair(self) -> tuple[Version, Version] | None:
        """The two versions to compare, older first: the two marked; or the marked one and
        the cursor's; or the cursor's and the one before it."""
        shas = list(self.marked)
        cursor = self.cursor_version()
        if len(shas) < 2 and cursor is not None and cursor.sha not in shas:
            shas.append(cursor.sha)
        if len(shas) == 1:
            index = self.versions.index(self._by_sha(shas[0]))
            if index + 1 < len(self.versions):
                shas.append(self.versions[index + 1].sha)
        if len(shas) < 2:
            return None
        a, b = (self._by_sha(s) for s in shas[:2])
        order = {v.sha: i for i, v in enumerate(self.versions)}  # newest first
        return (a, b) if order[a.sha] > order[b.sha] else (b, a)

    def action_compare(self) -> None:
        pair = self.pair()
        if pair is None:
            show_error(
                self,
                "compare needs two versions: mark two with space (the repository has "
                f"{len(self.versions)})",
            )
            return
        self.app.push_screen(CompareScreen(revision_versions(self.repo, *pair)))

    def action_compare_paper(self) -> None:
        """A paper as recorded in the cursor's version (or the two marked) beside the
        version before: what changed on it, as clerks check each new list. The paper that
        changed between them; of several, the one open in the app."""
        pair = self.pair()
        if pair is None:
            show_error(self, "compare a paper needs a version before this one")
            return
        self.paper_versions(*pair)

    @work(thread=True, exclusive=True, group="history")
    def paper_versions(self, old: Version, new: Version) -> None:
        from drafter.core.paper import Paper

        try:
            changed = self.repo.papers_changed(old.sha, new.sha)
            name = self.paper_name if self.paper_name in changed or not changed else changed[0]
            if not name:
                raise UserError(f"no paper in amendments/ changed from {old.short} to {new.short}")
            before, after = self.repo.paper_at(old.sha, name), self.repo.paper_at(new.sha, name)
        except UserError as err:
            self.app.call_from_thread(show_error, self, str(err))
            return
        if after is None:
            said = f"{name} is not in version {new.short} (taken out of amendments/)"
            self.app.call_from_thread(show_error, self, said)
            return
        labels = (f"{name} at {old.short}", f"{name} at {new.short}")
        self.post_message(ShowPaperChanges(before or Paper(), after, *labels))

    # --- recording ------------------------------------------------------------------------

    def action_commit(self) -> None:
        amended = self.amended
        what = (
            f"the bill as amended by {named(amended[1])}"
            if amended is not None and amended[1]
            else f"the working copy of {self.repo.bill_file} and its papers"
        )
        self.app.push_screen(
            Ask(f"Commit {what}. Message:", "what this version is, e.g. Amendments agreed"),
            self._commit,
        )

    def _commit(self, message: str | None) -> None:
        if message:
            self.commit(message)

    @work(thread=True, exclusive=True, group="history")
    def commit(self, message: str) -> None:
        from drafter.export.kept_acts import record, said  # the schedules' apply and export

        amended = self.amended
        numbers: list[str] | None = None  # the working copy: what the bill records
        written: bytes | None = None
        if amended is not None:
            written, numbers = xml_bytes(amended[0].tree), amended[1]
        try:
            version, schedules = record(self.repo, message, numbers, self.paper_name, written)
        except UserError as err:
            self.app.call_from_thread(show_error, self, str(err))
            return
        if amended is not None:
            self.amended = None
            self.post_message(BillCommitted(self._committed_bill()))
        made = "".join(f"\nKeeling schedule {p.stem}: {said(m)}" for p, m in schedules)
        applied = f" ({named(version.amendments)})" if version.amendments else ""
        self.app.call_from_thread(
            self.notify,
            f"Recorded version {version.short}: {version.subject}{applied}{made}",
            title="History",
            markup=False,
        )
        self.app.call_from_thread(self.list_versions)

    def _committed_bill(self) -> Bill | None:
        """The bill file just committed, read again (in this worker) when it is the one the
        app shows; else None."""
        if self.shown is None or self.shown.resolve() != Path(self.repo.bill_path).resolve():
            return None
        try:
            bill = Bill.load(self.repo.bill_path)
            bill.print, bill.body  # noqa: B018  (read and parsed here, not on the UI thread)
        except UserError as err:
            self.app.call_from_thread(show_error, self, str(err))
            return None
        return bill

    def action_tag(self) -> None:
        v = self.cursor_version()
        if v is None:
            show_error(self, "there is no version to tag")
            return
        # the print it says it is, unless a version is tagged so already (a bill as amended
        # that still says the print it was amended from)
        taken = v.bill_number and self.repo.print_named(v.bill_number) is not None
        self.app.push_screen(
            Ask(
                f"Tag version {v.short} (“{v.subject}”) as a print. Name:",
                "HL Bill 60",
                "" if taken else v.bill_number,
            ),
            lambda name: self._tag(v, name),
        )

    def _tag(self, v: Version, name: str | None) -> None:
        if name:
            self.tag(v, name)

    @work(thread=True, exclusive=True, group="history")
    def tag(self, v: Version, name: str) -> None:
        try:
            tag = self.repo.tag(name, v.sha)
        except UserError as err:
            self.app.call_from_thread(show_error, self, str(err))
            return
        self.app.call_from_thread(
            self.notify, f"Tagged {v.short} as {name} ({tag})", title="History"
        )
        self.app.call_from_thread(self.list_versions)

    def action_refresh(self) -> None:
        self.list_versions()
