"""A bill as printed, line by line, with words marked: the model every exported print is set
from.

Three documents share it: the clean print (:func:`clean`), the bill as a paper would amend it,
every change marked (:func:`as_amended`), and the new print compared with the old
(:func:`compared`). Each is a :class:`PrintedBill`: its printed lines in order, each with its
page and line, its indent, and its words as runs, some of them marked inserted or left out and
tied to a :class:`Note` that says which amendment (or which comparison) made the change. The
renderers (HTML and PDF through the templates, Word) only set these out.

Where the lines come from: the core's print (:mod:`drafter.core.print.printed`) of a tree, so that a
line here is exactly a line that ``drafter lines`` shows and an amendment cites. What each
word is (a number, a heading, italic, words put in or left out) is read from the XML element
it came from (:attr:`Print.text_pieces`).

- **As amended**: the tree apply makes (``lay_out=False``, so that the print's own markers
  stay), with words left out (``<del>``, which a print skips) made visible, and provisions
  left out put back where they stood, from the bill itself, markers and all. New provisions
  have no markers: they take drafter's own layout of the bill as amended, written into the
  same tree on pages numbered apart (:data:`_OWN_PAGES`), and are shown as drafter's numbers.
- **Compared**: the new print's own tree; what changed is marked by offsets into its text,
  from compare's spans, and the words and provisions that went are put in where they stood.
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_right
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import cached_property
from itertools import pairwise
from pathlib import Path
from typing import Literal, NamedTuple

from drafter.core.akn import AKN, CELL_TAGS, PROVENANCE_NS, ROW_TAGS, UKL_NS
from drafter.core.apply import AMENDMENT_ATTR, Report, apply, settled
from drafter.core.bill import Bill
from drafter.core.compare import Change, Changes, Edit, Place
from drafter.core.etree import etree
from drafter.core.long_title import LONG_TITLE_EID
from drafter.core.paper import KEELING, Paper
from drafter.core.print.linebreak import DEFAULT_MEASURE, table_of, text_left
from drafter.core.print.markers import with_own_markers
from drafter.core.print.printed import Print, TextPiece, read_print
from drafter.core.print.reading import is_marker
from drafter.core.provisions import kind_of

Mark = Literal["", "ins", "del"]
#: whose page and line a line carries: the print's, drafter's own layout's (new text), or the
#: old print's (in a comparison, a provision taken out)
Numbering = Literal["print", "drafter", "old"]
Role = Literal["text", "clause", "part", "crossheading", "schedule", "definition"]
Kind = Literal["bill", "amended", "compare", "keeling"]

_D = f"{{{PROVENANCE_NS}}}"
#: Set on elements of the marked tree whose words are shown left out (``del``).
SHOWN_LEFT_OUT = _D + "shown"
#: Pages of drafter's own layout are written into the marked tree this far above the
#: print's, so that its line "7-2" is never taken for the print's own page 7, line 2.
_OWN_PAGES = 1_000_000
_OPENING_MARKS = frozenset("“‘([")


@dataclass(frozen=True)
class Run:
    """Words set alike: ``style`` holds classes ("num", "hd" for a heading, "i", "b", "sc",
    "sup", "sub"); ``mark`` says whether they were put in or left out, ``note`` which
    :class:`Note` (an index into :attr:`PrintedBill.notes`, -1 for none)."""

    text: str
    style: str = ""
    mark: Mark = ""
    note: int = -1


@dataclass(frozen=True)
class PrintedLine:
    """One printed line. ``hang`` is the number (or numbers: "2 (1)" in a Schedule) set in the
    margin before the words, each ending in the tab that takes the words to their place;
    ``numbering`` says whose page and line the line carries; ``notes`` are the changes that
    start on this line. A ``definition`` line starts a definition, which hangs."""

    page: int
    number: int
    runs: tuple[Run, ...]
    role: Role = "text"
    depth: int = 0
    hang: tuple[Run, ...] = ()
    numbering: Numbering = "print"
    notes: tuple[int, ...] = ()
    #: set in a Schedule (its paragraphs stand otherwise than a clause's)
    schedule: bool = False
    #: the hang is a Schedule paragraph's number, further out than a sub-paragraph's
    paragraph: bool = False
    #: a table's row: where each cell after the first starts among ``runs`` …
    cells: tuple[int, ...] = ()
    #: … the column each of its cells stands in, and the widths of the table's columns (per
    #: cent of the table's): a line of a table sets its words in their columns, the columns
    #: it has no words in left empty
    columns: tuple[int, ...] = ()
    widths: tuple[float, ...] = ()
    #: how many columns each of its cells spans (one, but for a cell with a colspan)
    spans: tuple[int, ...] = ()

    @property
    def text(self) -> str:
        """The line's words as read, numbers included (words left out too)."""
        hang = "".join(r.text for r in self.hang)
        return " ".join(f"{hang} {''.join(r.text for r in self.runs)}".split())

    @property
    def table_cells(self) -> list[tuple[float, tuple[Run, ...]]]:
        """A table's line, column by column: each column's width (per cent) and the words it
        has on this line (none in a column whose cell is empty here)."""
        bounds = [0, *self.cells, len(self.runs)]
        words: dict[int, tuple[Run, ...]] = {}
        spans: dict[int, int] = {}
        for k, column in enumerate(self.columns):
            words[column] = words.get(column, ()) + self.runs[bounds[k] : bounds[k + 1]]
            spans[column] = max(spans.get(column, 1), self.spans[k] if self.spans else 1)
        out: list[tuple[float, tuple[Run, ...]]] = []
        column = 0
        while column < len(self.widths):
            span = spans.get(column, 1)
            out.append((sum(self.widths[column : column + span]), words.get(column, ())))
            column += span
        return out

    @property
    def hang_boxes(self) -> list[tuple[tuple[Run, ...], int]]:
        """The hang as the page sets it: each number (with the marks before it) without its
        tab, and how many tab stops it takes. A box, not a tab, takes the words to their place
        in HTML and PDF: a number wider than its room ("“(6A)") is then followed by a space,
        as in print, where a tab would run the words into it (WeasyPrint) or far past it
        (browsers)."""
        boxes: list[tuple[tuple[Run, ...], int]] = []
        box: list[Run] = []
        for run in self.hang:
            stops = len(run.text) - len(run.text.rstrip("\t"))
            box.append(replace(run, text=run.text.rstrip("\t")) if stops else run)
            if stops:
                boxes.append((tuple(box), stops))
                box = []
        if box:
            boxes.append((tuple(box), 1))
        return boxes

    @property
    def in_print(self) -> bool:
        """Does the line stand in the print the document's margin numbers are from?"""
        return self.numbering == "print"

    @property
    def numbered(self) -> bool:
        """Is the line's number shown in the margin? Every fifth line of a page, as the print
        numbers them."""
        return self.number % 5 == 0


@dataclass(frozen=True)
class Note:
    """One change's margin note: what made it (``label``: "Amendment 4"), who (``author``,
    Word's revision author) and when (``date``, ISO), and the note itself."""

    label: str
    author: str
    date: str
    text: str
    #: what the margin has room for (``text`` when it fits)
    short: str = ""

    @property
    def margin(self) -> str:
        return self.short or self.text


@dataclass(frozen=True)
class Block:
    """Lines set alike, one under another: a provision's words from its number (which hangs
    before the first line) to the next number, or a heading. What a document sets as one
    paragraph, its printed lines kept."""

    lines: tuple[PrintedLine, ...]

    @property
    def first(self) -> PrintedLine:
        return self.lines[0]


@dataclass(frozen=True)
class Page:
    """The lines printed on one page of the print (new text set among them included), in
    blocks."""

    number: int
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class PrintedBill:
    """A bill as printed, ready to be set out: what the document is, its title block, a legend
    (what the marks mean, where the numbers come from) and its lines."""

    kind: Kind
    title: str
    bill_number: str
    house: str
    stage: str
    subtitle: str
    long_title: str
    enacting: str
    legend: tuple[str, ...]
    lines: tuple[PrintedLine, ...]
    notes: tuple[Note, ...] = ()
    #: amendments that were not applied, one line each (the bill as amended)
    not_applied: tuple[str, ...] = ()
    #: the long title with its changes marked, when amendments change it (else empty)
    long_title_runs: tuple[Run, ...] = ()

    @property
    def lords(self) -> bool:
        return "lords" in self.house.lower()

    def margin_note(self, line: PrintedLine) -> tuple[str, str]:
        """What the margin beside ``line`` says, and in full (a reader's tooltip). The margin
        has room for one note: several changes on one line share it, each named by its label
        alone ("Amendment 1; Amendment 3"), so that they are not set over each other; the
        word edits of one change, by their places. A note that would run down into the next
        line's note is its labels alone too ("Amendment 2", not "Amendment 2 (Baroness
        Example)")."""
        notes = [self.notes[n] for n in line.notes]
        full = "\n".join(dict.fromkeys(note.text for note in notes))
        margins = list(dict.fromkeys(note.margin for note in notes))
        names = list(dict.fromkeys(note.label for note in notes))
        labels = "; ".join(names)
        shown = "; ".join(margins) if len(margins) == 1 or len(names) == 1 else labels
        room = self._note_room.get(id(line))
        if room is not None and _note_lines(shown) > room:
            return labels, full
        return shown, full

    @cached_property
    def _note_room(self) -> dict[int, int]:
        """For each line with a note and another note below it on its page: how many lines
        of a note fit down to that one (by id of the line)."""
        room: dict[int, int] = {}
        for page in self.pages():
            lines = [line for block in page.blocks for line in block.lines]
            noted = [i for i, line in enumerate(lines) if line.notes]
            for i, j in pairwise(noted):
                room[id(lines[i])] = int((j - i) * _LINE_PT / _NOTE_LINE_PT)
        return room

    def pages(self) -> list[Page]:
        """The lines page by page, in blocks: lines of drafter's own layout (new text, or in
        a comparison text taken out) stay on the page of the print they are set in."""
        pages: list[Page] = []
        blocks: list[Block] = []
        lines: list[PrintedLine] = []
        number = 0
        for line in self.lines:
            if line.in_print and line.page != number and (lines or blocks):
                if lines:
                    blocks.append(Block(tuple(lines)))
                pages.append(Page(number, tuple(blocks)))
                blocks, lines = [], []
            if line.in_print or not number:
                number = line.page if line.in_print else number or 1
            if lines and _starts_block(lines[-1], line):
                blocks.append(Block(tuple(lines)))
                lines = []
            lines.append(line)
        if lines:
            blocks.append(Block(tuple(lines)))
        if blocks:
            pages.append(Page(number, tuple(blocks)))
        return pages


#: a printed line's height, and a margin note's line's, and how many letters a note's line
#: holds, as bill.css sets them (13.3pt, 7.5pt; 18.4mm of 6.5pt sans)
_LINE_PT, _NOTE_LINE_PT, _NOTE_LETTERS = 13.3, 7.5, 16


def _note_lines(text: str) -> int:
    """How many lines a margin note of ``text`` takes, its words wrapped as bill.css sets
    them (about)."""
    lines, width = 1, 0
    for word in text.split():
        if width and width + 1 + len(word) > _NOTE_LETTERS:
            lines, width = lines + 1, len(word)
        else:
            width += len(word) + (1 if width else 0)
    return lines


def _starts_block(before: PrintedLine, line: PrintedLine) -> bool:
    """Does ``line`` start a block of its own: a number or a definition of its own, or set
    otherwise than the line before (another indent, role or numbering; a definition's later
    lines go on in its block); each line of a centred heading, and a table's row."""
    carried_on = before.role == "definition" and line.role == "text"
    return (
        bool(line.hang)
        or line.role == "definition"
        or (line.role != before.role and not carried_on)
        or line.depth != before.depth
        or line.numbering != before.numbering
        or line.schedule != before.schedule
        or line.role in ("part", "crossheading", "schedule")
        or bool(line.cells or before.cells)
    )


# --- the clean print -------------------------------------------------------------------------


def clean(bill: Bill) -> PrintedBill:
    """The bill as printed, page and line as its print has them."""
    pr = bill.print
    lines = _Setter(pr).lines()
    return _document(bill, "bill", "", lines, _legend_of_numbers(bill, pr))


# --- the bill as amended ---------------------------------------------------------------------


def as_amended(
    bill: Bill,
    paper: Paper,
    only: Collection[str] | None = None,
    *,
    today: str = "",
    unmade: Sequence[str] = (),
) -> tuple[PrintedBill, Report]:
    """The bill as it would read if the paper's amendments (``only`` some) were agreed, every
    change marked and noted with its amendment and sponsor; and apply's report. A bill whose
    lines are drafter's own layout (no House markers: an Act, an older print) is given them
    as markers first, so that its lines stay lines beside the new provisions' (which are
    laid out as markers too). A bill amended before (a reprint keeps the marks of the
    amendments that made it) is read as it prints: only this paper's changes are marked."""
    # a Keeling schedule's changes are named by the provisions of the bill that make them
    keeling = paper.info.kind == KEELING
    numbers = (  # of the bill as given, before it is settled
        ["Page and line numbers are drafter's own layout of the Act."]
        if keeling and bill.print.source in ("layout", "none")
        else _legend_of_numbers(bill, bill.print)
    )
    bill = settled(bill)
    if bill.print.source in ("layout", "none"):
        bill = Bill(with_own_markers(bill.tree), bill.path)
    amended, report = apply(bill, paper.amendments, only, lay_out=False)
    date = paper.info.date or today
    notes: list[Note] = []
    note_of: dict[str, int] = {}
    for outcome in report.applied:
        sponsor = outcome.sponsors[0] if outcome.sponsors else ""
        label = outcome.number if keeling else f"Amendment {outcome.number}"
        note_of[outcome.number] = len(notes)
        notes.append(Note(label, sponsor, date, f"{label} ({sponsor})" if sponsor else label))
    tree, own = marked_tree(bill, amended)
    pr = read_print(tree.getroot().find(f".//{AKN}body"), pieces=True)
    lines = _Setter(pr, note_of).lines()
    applied = [o.number for o in report.applied]
    if keeling:  # an Act as a bill would amend it (the command says how many changes it made)
        subtitle = paper.info.heading or "As amended"
    elif not applied:
        subtitle = "No amendment applied"
    elif len(applied) > 12:  # too many to list: the margin notes name each
        subtitle = f"As amended by {len(applied)} amendments"
    else:
        subtitle = f"As amended by {_listed('amendment', _by_number(applied))}"
    legend = [
        "Words inserted are underlined and words left out are struck through; the note in "
        + (
            "the margin names the provision of the bill that makes each change."
            if keeling
            else "the margin names the amendment that makes each change and its proposer."
        ),
        *numbers,
    ]
    if own:
        legend.append(
            "New text has no place in the print: its lines are numbered (page:line), in grey, "
            "by drafter's own layout of the bill as amended."
        )
    # a document for others names the bill by its print, not by a file on this machine
    here, named = str(bill.path), bill.metadata.bill_number or Path(bill.path).name
    not_applied = tuple(
        f"{'' if keeling else 'Amendment '}{o.number}: not applied ({o.verdict})"
        f"{': ' + o.reason.replace(here, named) if o.reason else ''}"
        for o in report.outcomes
        if not o.applied
    ) + tuple(unmade)
    if not_applied:  # listed after the bill: at its head, they would push its first page on
        legend.append(f"Not applied: {len(not_applied)}, listed at the end, each with why.")
    doc = _document(bill, "amended", subtitle, lines, legend, tuple(notes))
    if keeling:  # not a bill: the Act, by the name the bill gives it, with no bill's cover
        doc = replace(doc, kind="keeling", title=paper.info.title or doc.title, stage="")
    title = _long_title(amended)
    runs = _title_runs(doc.long_title, title, report, note_of) if title != doc.long_title else ()
    return replace(doc, not_applied=not_applied, long_title_runs=runs), report


def _title_runs(old: str, new: str, report: Report, note_of: dict[str, int]) -> tuple[Run, ...]:
    """The long title with the words left out and put in marked, each change noted with the
    amendment to the title that makes it."""
    changes = [(o.number, c) for o in report.applied for c in o.changes if c.eid == LONG_TITLE_EID]

    def note(words: str, side: str) -> int:
        for number, change in changes:
            if len(changes) == 1 or (words.strip() and words.strip() in getattr(change, side)):
                return note_of.get(number, -1)
        return -1

    def tokens(text: str) -> list[str]:  # words, spaces and punctuation, each its own
        return [t for t in re.split(r"(\s+|[^\w\s’'-])", text) if t]

    a, b = tokens(old), tokens(new)
    runs: list[Run] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(Run("".join(a[i1:i2])))
            continue
        if i2 > i1:
            gone = "".join(a[i1:i2])
            runs.append(Run(gone, mark="del", note=note(gone, "old")))
        if j2 > j1:
            put = "".join(b[j1:j2])
            runs.append(Run(put, mark="ins", note=note(put, "new")))
    return tuple(runs)


def marked_tree(bill: Bill, amended: Bill) -> tuple[etree._ElementTree, bool]:
    """A copy of apply's result whose print reads every change: words left out shown (as a
    ``span`` marked :data:`SHOWN_LEFT_OUT`), provisions left out put back where they stood,
    and new provisions laid out by drafter. Also: were any provisions new?"""
    tree = copy.deepcopy(amended.tree)
    body = tree.getroot().find(f".//{AKN}body")
    assert body is not None  # apply required it
    for deleted in list(body.iter(AKN + "del")):
        number = deleted.get(AMENDMENT_ATTR)
        if number is None:
            continue
        deleted.tag = AKN + "span"
        deleted.set(SHOWN_LEFT_OUT, number)
    _put_back_removed(bill, tree, body)
    new = _new_provisions(body)
    if new:
        _lay_out_new(bill, amended, new)
    return tree, bool(new)


def _put_back_removed(bill: Bill, tree: etree._ElementTree, body: etree._Element) -> None:
    """Provisions an amendment left out, put back from the bill (with their page/line markers)
    where they stood, marked left out. One that stood after another left out goes back once
    that one is back."""
    by_eid = {el.get("eId"): el for el in body.iter() if el.get("eId")}
    pending = list(tree.getroot().iter(_D + "removed"))
    while pending:
        ready = [h for h in pending if not h.get("after") or h.get("after") in by_eid]
        for holder in ready or pending:  # none ready: what is left goes first in its parent
            _put_back(bill, holder, body, by_eid)
        pending = [h for h in pending if h not in (ready or pending)]


def _put_back(
    bill: Bill,
    holder: etree._Element,
    body: etree._Element,
    by_eid: dict[str | None, etree._Element],
) -> None:
    removed = next((c for c in holder if isinstance(c.tag, str)), None)
    if removed is None or _shown_already(by_eid.get(removed.get(_D + "eId"))):
        return  # back already, with a larger provision it stood in
    original = _original_of(bill, removed)
    parent = by_eid.get(holder.get("parent")) if holder.get("parent") else body
    if original is None or parent is None:
        return
    shown = copy.deepcopy(original)
    shown.tail = None
    shown.set(SHOWN_LEFT_OUT, holder.get("amendment", ""))
    after = by_eid.get(holder.get("after")) if holder.get("after") else None
    if after is not None and after.getparent() is parent:
        after.addnext(shown)
    else:
        _put_first(parent, shown)
    for el in shown.iter():
        if el.get("eId"):
            by_eid.setdefault(el.get("eId"), el)


def _shown_already(el: etree._Element | None) -> bool:
    """Is ``el`` part of a provision put back as left out? (An eId alone does not say: a new
    provision may have taken the eId of one left out.)"""
    while el is not None:
        if el.get(SHOWN_LEFT_OUT) is not None:
            return True
        el = el.getparent()
    return False


def _original_of(bill: Bill, removed: etree._Element) -> etree._Element | None:
    """The bill's own element for a provision apply left out (its eId was kept aside as
    ``drafter:eId``; its GUID stays)."""
    eid = removed.get(_D + "eId")
    if eid:
        found = bill.by_eid(eid)
        if found is not None:
            return found.element
    guid = removed.get("GUID")
    if guid and bill.body is not None:
        return next((el for el in bill.body.iter() if el.get("GUID") == guid), None)
    return None


def _put_first(parent: etree._Element, child: etree._Element) -> None:
    """Put ``child`` first among ``parent``'s provisions: after its number, heading and any
    opening words."""
    at = 0
    for i, el in enumerate(parent):
        if isinstance(el.tag, str) and el.tag in (AKN + "num", AKN + "heading", AKN + "intro"):
            at = i + 1
    parent.insert(at, child)


def _new_provisions(body: etree._Element) -> list[etree._Element]:
    """The outermost provisions an amendment put in."""
    found = []
    for el in body.iter(AKN + "*"):
        if el.get(AMENDMENT_ATTR) is None or kind_of(el) is None:
            continue
        if any(a.get(AMENDMENT_ATTR) is not None and kind_of(a) for a in el.iterancestors()):
            continue
        found.append(el)
    return found


def _lay_out_new(bill: Bill, amended: Bill, new: list[etree._Element]) -> None:
    """Write drafter's own layout of the bill as amended into each new provision (in place),
    its pages moved up by :data:`_OWN_PAGES`: set after ``bill``'s print, keeping its lines
    where the words are its own (as apply lays the bill out), so that a new provision's lines
    follow on from the printed lines before it, and carry the numbers apply gives them."""
    laid = with_own_markers(amended.tree, bill.print)
    by_guid = {
        el.get("GUID"): el for el in laid.getroot().iter(AKN + "*") if el.get(AMENDMENT_ATTR)
    }
    for el in new:
        twin = by_guid.get(el.get("GUID"))
        if twin is None:
            continue
        made = copy.deepcopy(twin)
        made.tail = el.tail
        for pi in made.iter(etree.ProcessingInstruction):
            if is_marker(pi):
                page, _, line = (pi.text or "").partition("-")
                pi.text = f"{int(page) + _OWN_PAGES}-{line}"
        parent = el.getparent()
        if parent is not None:
            parent.replace(el, made)


# --- a comparison ----------------------------------------------------------------------------


def compared(
    old: Bill,
    new: Bill,
    changes: Changes,
    *,
    author: str = "",
    date: str = "",
    names: tuple[str, str] | None = None,
) -> PrintedBill:
    """The new print whole, with what changed since the old one marked: words put in, words
    and provisions that went (where they stood), and a note on each change with its page and
    line in both prints. ``author`` and ``date`` say who made the new version, and when;
    ``names`` what to call the two (by default their bill numbers, and file names when the
    numbers are the same)."""
    old_name, new_name = names or (_name(old, new), _name(new, old))
    notes: list[Note] = []
    marks = _Marks()
    old_pr, text = old.print, new.print.text
    gone = [c.old_span for c in changes.changes if c.kind == "removed" and c.old_span]
    moved = [c.old_span for c in changes.changes if c.moved and c.old_span]
    who = author or new_name
    for change in changes.changes:

        def noted(margin: str, change: Change = change) -> int:
            notes.append(Note(change.citation, who, date, f"{change.citation}: {margin}", margin))
            return len(notes) - 1

        if change.kind == "changed" and change.edits and not change.moved:
            # each word edit its own note, with its own place: a long provision (a quoted
            # Part) has edits pages apart, and its start is not where any of them stands
            for edit in change.edits:
                note = noted(_edit_note(edit))
                start, end = edit.new_span
                if edit.new:
                    marks.spans.append((start, end, note))
                if edit.old:
                    marks.points.append(_went_from(old_pr.text, start, edit.old_span, note))
            if change.renumbered and change.old and change.new and change.new_span:
                _mark_renumbering(marks, text, old_pr.text, change, noted(_note_on(change)))
            continue
        note = noted(_note_on(change))
        if change.kind == "inserted" and change.new_span:
            marks.spans.append((*change.new_span, note))
        elif change.kind == "removed" and change.stood is not None and change.old_span:
            if not any(_within(change.old_span, m) for m in moved):  # shown with what moved
                marks.removed.append((change.stood, change.old_span, note))
        elif change.moved and change.new_span:
            # taken out where it stood (unless a provision taken out holds it), put in where
            # it stands now: rejecting every change gives the old print back, word for word
            marks.spans.append((*change.new_span, note))
            held = change.old_span and any(_within(change.old_span, g) for g in gone)
            if change.stood is not None and change.old_span and not held:
                marks.removed.append((change.stood, change.old_span, note))
        elif change.kind == "changed":
            if change.renumbered and change.old and change.new and change.new_span:
                _mark_renumbering(marks, text, old_pr.text, change, note)
            elif change.new_span:
                marks.touched.append((change.new_span[0], note))
    marks.settle()
    lines = _Setter(new.print, marks=marks, old=old_pr).lines()
    legend = [
        f"The words of {new_name} compared with {old_name}: words put in are underlined and "
        "words taken out are struck through, where they stood; provisions taken out carry "
        f"their page and line in {old_name}, in brackets. The note in the margin gives each "
        f"change's page:line in both. {changes.summary()}",
        *_legend_of_numbers(new, new.print),
    ]
    subtitle = f"{new_name}, compared with {old_name}"
    return _document(new, "compare", subtitle, lines, legend, tuple(notes))


def _name(bill: Bill, other: Bill) -> str:
    """What to call a print: its number, with its file's name when the other has the same."""
    number = bill.metadata.bill_number
    file = Path(bill.path).name
    if not number:
        return file
    return f"{number} ({file})" if number == other.metadata.bill_number else number


def _note_on(change: Change) -> str:
    """What a comparison's margin note says: the change, and its place in each print."""

    def at(place: Place | None) -> str:
        return f"{place.page}:{place.line}" if place else "—"

    old_at = at(change.old.place) if change.old else "—"
    new_at = at(change.new.place) if change.new else "—"
    what = {"inserted": "inserted", "removed": "taken out"}.get(change.kind, "changed")
    if change.kind == "changed":
        flags = [f for f, on in (("moved", change.moved), ("renumbered", change.renumbered)) if on]
        if change.edits:
            flags.insert(0, "words")
        what = ", ".join(flags) or what
    return f"{what} {old_at}→{new_at}"


def _edit_note(edit: Edit) -> str:
    """A word edit's margin note: where it stands in each print."""
    old_at = f"{edit.old_place.page}:{edit.old_place.line}" if edit.old_place else "—"
    new_at = f"{edit.new_place.page}:{edit.new_place.line}" if edit.new_place else "—"
    return f"words {old_at}→{new_at}"


def _within(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _mark_renumbering(marks: _Marks, text: str, old_text: str, change: Change, note: int) -> None:
    """A provision's new number put in, and its old one shown taken out, where the number
    stands: the start of its span."""
    assert change.old is not None and change.new is not None and change.new_span is not None
    start = change.new_span[0]
    number = change.new.num
    found = text.find(number, start, start + len(number) + 2) if number else -1
    if found < 0:
        marks.touched.append((start, note))
        return
    marks.spans.append((found, found + len(number), note))
    if change.old.num and change.old_span:
        at = change.old_span[0]
        went = _went_from(old_text, found, (at, at + len(change.old.num)), note)
        marks.points.append(went._replace(space_before=False))


class _Went(NamedTuple):
    """Words that went, to be shown where they stood in the new print (``at``), and whether
    the old print had a space before and after them."""

    at: int
    words: str
    note: int
    space_before: bool
    space_after: bool


def _went_from(old_text: str, at: int, old_span: tuple[int, int], note: int) -> _Went:
    start, end = old_span
    return _Went(
        at,
        old_text[start:end],
        note,
        start > 0 and old_text[start - 1] == " ",
        end < len(old_text) and old_text[end] == " ",
    )


class _Marks:
    """What a comparison marks on the new print, by offset into its text."""

    def __init__(self) -> None:
        #: words put in: (start, end, note)
        self.spans: list[tuple[int, int, int]] = []
        #: words that went, shown where they stood
        self.points: list[_Went] = []
        self.point_offsets: list[int] = []  # their offsets (settled)
        self.span_starts: frozenset[int] = frozenset()  # where the words put in start
        #: provisions that went: (offset where they stood, span in the old print, note)
        self.removed: list[tuple[int, tuple[int, int], int]] = []
        #: provisions moved or renumbered only: (offset, note), noted on their first line
        self.touched: list[tuple[int, int]] = []

    def settle(self) -> None:
        """In order, and each word marked once: what lies inside a provision marked whole
        (inserted, or moved here) is that provision's change, not another."""
        self.spans.sort(key=lambda span: (span[0], -span[1]))  # the widest first
        whole: list[tuple[int, int, int]] = []
        for span in self.spans:
            if whole and span[0] < whole[-1][1]:
                continue
            whole.append(span)
        self.spans = whole
        starts = [a for a, _, _ in whole]

        def inside(at: int) -> bool:
            k = bisect_right(starts, at - 1) - 1  # the last span starting before ``at``
            return k >= 0 and at < whole[k][1]

        self.points = sorted((w for w in self.points if not inside(w.at)), key=lambda w: w.at)
        self.point_offsets = [w.at for w in self.points]
        self.span_starts = frozenset(starts)


# --- setting lines ---------------------------------------------------------------------------


class _Context(NamedTuple):
    """What the words inside one element are: marked, styled, and where they stand."""

    mark: Mark
    note: int
    style: str
    role: Role
    schedule: bool = False  # inside a Schedule
    term: bool = False  # the term a definition starts with
    went: bool = False  # words of an old print shown where they stood (a comparison)
    paragraph_number: bool = False  # a Schedule paragraph's number ("2" of "2 (1) …")


_PLAIN = _Context("", -1, "", "text")
_WENT = _Context("del", -1, "", "text", went=True)
#: A Schedule's paragraphs stand this much further in than a clause's subsections (the
#: templates add it to the Schedule's lines)
_SCHEDULE_INSET = 12.0
#: the role of a line that starts with the number or heading of such an element
_HEADING_ROLES: dict[str, Role] = {
    AKN + "section": "clause",
    AKN + "article": "clause",
    AKN + "paragraph": "clause",  # a Schedule's paragraph, numbered as a clause is
    AKN + "part": "part",
    AKN + "chapter": "part",
}
_HCONTAINER_ROLES: dict[str, Role] = {
    "crossheading": "crossheading",
    "schedule": "schedule",
    "schedules": "schedule",
}
_INLINE_STYLES = {"i": "i", "b": "b", "sup": "sup", "sub": "sub", "u": "u"}


class _Setter:
    """Sets a print's lines as :class:`PrintedLine`\\ s: each run styled from the element its
    words came from, marked from the marked tree (``note_of`` numbers the amendments' notes)
    or from a comparison's offsets (``marks``, with the ``old`` print for what went)."""

    def __init__(
        self,
        pr: Print,
        note_of: dict[str, int] | None = None,
        *,
        marks: _Marks | None = None,
        old: Print | None = None,
    ) -> None:
        self.pr = pr
        self.text = pr.text
        self.note_of = note_of or {}
        self.marks = marks
        self.old = old
        self.pieces: list[TextPiece] = pr.text_pieces if pr.text else []
        self.starts = [p.start for p in self.pieces]
        self.contexts: dict[etree._Element, _Context] = {}
        #: the note of the marked words the last line set ends with (-1: it ends unmarked)
        self.carried = -1
        #: where each fragment of a line starts, in the text's order: words that went at the
        #: end of one are shown before the next (a table's cells are not in line order)
        self.fragment_starts = sorted(a for line in pr.lines for a, _ in line.fragments)
        #: a setter of the old print, for the provisions that went (made when first needed)
        self._old_setter: _Setter | None = None
        #: where the core's layout sets each provision's text (points), as asked for
        self.lefts: dict[etree._Element, float] = {}
        #: the widths of each table's columns (per cent), as asked for
        self.widths: dict[etree._Element, tuple[float, ...]] = {}

    def lines(self) -> list[PrintedLine]:
        lines = self.pr.lines
        out: list[PrintedLine] = []
        removed = sorted(self.marks.removed) if self.marks else []
        touched = sorted(self.marks.touched) if self.marks else []
        r = t = 0
        for line in lines:
            first = line.fragments[0][0] if line.fragments else line.start
            while r < len(removed) and removed[r][0] <= first:
                out.extend(self._removed(removed[r]))
                r += 1
            notes: list[int] = []
            while t < len(touched) and touched[t][0] < line.end:
                notes.append(touched[t][1])
                t += 1
            out.append(self._line(line.page, line.number, line.fragments, notes))
        for item in removed[r:]:
            out.extend(self._removed(item))
        return out

    def _line(
        self,
        page: int,
        number: int,
        fragments: tuple[tuple[int, int], ...],
        notes: list[int],
        end: int | None = None,
    ) -> PrintedLine:
        """One line from its fragments of the print's text (``end``: where the text set on
        it ends, when it is cut short)."""
        runs: list[Run] = []
        contexts: list[_Context] = []
        for k, (a, b) in enumerate(fragments):
            if k:
                runs.append(_CELL)  # cells of a table row, side by side
                contexts.append(_PLAIN)
            # words that went, where they stood at the very end of the fragment, go here
            after = bisect_right(self.fragment_starts, a)
            stop = (
                self.fragment_starts[after] if after < len(self.fragment_starts) else len(self.text)
            )
            stop = stop if end is None else min(stop, end)
            for run, ctx in self._runs(a, b, stop):
                runs.append(run)
                contexts.append(ctx)
        worded = [c for r, c in zip(runs, contexts, strict=True) if r.text.strip()]
        first = next((c for c in worded if not c.went), worded[0] if worded else _PLAIN)
        hang: list[Run] = []
        paragraph = False
        if first.role not in ("part", "crossheading", "schedule"):
            hang, paragraph = _hang(runs, contexts, first.schedule)
        lead = next((c for r, c in zip(runs, contexts, strict=True) if r.text.strip()), first)
        role: Role = "definition" if lead.term else lead.role
        own = page > _OWN_PAGES
        every = [*hang, *runs]
        started = [
            r.note for i, r in enumerate(every) if r.note >= 0 and _starts(every, i, self.carried)
        ]
        marked = [r.note for r in every if r.text.strip() and r.note >= 0]
        self.carried = marked[-1] if marked and runs and runs[-1].note >= 0 else -1
        merged, cells = _cells(runs)
        columns, spans, widths = self._columns(fragments)
        return PrintedLine(
            page=page - _OWN_PAGES if own else page,
            number=number,
            runs=merged,
            role=role,
            depth=self._depth(fragments, role, first.schedule),
            hang=tuple(hang),
            numbering="drafter" if own else "print",
            notes=tuple(dict.fromkeys([*notes, *started])),
            schedule=first.schedule,
            paragraph=paragraph,
            cells=cells,
            columns=columns,
            widths=widths,
            spans=spans,
        )

    def _columns(
        self, fragments: tuple[tuple[int, int], ...]
    ) -> tuple[tuple[int, ...], tuple[int, ...], tuple[float, ...]]:
        """For a line of a table: the column of each of its fragments (a cell's words on the
        line) and how many it spans, and the widths of the table's columns; nothing for a
        line of no table."""
        cells = [cell for a, b in fragments if (cell := self._cell_at(a, b)) is not None]
        if not cells or len(cells) != len(fragments):
            return (), (), ()
        table = table_of(cells[0])
        widths = self.widths.get(table)
        if widths is None:
            widths = self.widths[table] = _widths(table)
        columns = tuple(min(_column_of(c), len(widths) - 1) for c in cells)
        return columns, tuple(_colspan(c) for c in cells), widths

    def _cell_at(self, a: int, b: int) -> etree._Element | None:
        """The table cell the words of the print's text [a, b) stand in, if any."""
        k = max(0, bisect_right(self.starts, a) - 1)
        while k < len(self.pieces) and self.pieces[k].start < b:
            piece = self.pieces[k]
            if piece.end > a:
                node: etree._Element | None = (
                    piece.element if piece.slot == "text" else piece.element.getparent()
                )
                while node is not None:
                    if node.tag in CELL_TAGS:
                        return node
                    if node.tag in ROW_TAGS:
                        return None
                    node = node.getparent()
                return None
            k += 1
        return None

    def _runs(self, a: int, b: int, stop: int) -> Iterator[tuple[Run, _Context]]:
        """The runs of print text [a, b), each with its context; words that went at a point
        in [a, stop) come where they stood."""
        points = self._points_in(a, stop)
        cuts = sorted({w.at for w in points if a < w.at < b})
        p = 0
        for x, y, ctx in self._resolve_gaps(list(self._segments(a, b))):
            for u, v in _cut(x, y, cuts):
                while p < len(points) and points[p].at <= u:
                    yield from self._went(points[p], u)
                    p += 1
                for s, e, mark, note in self._split_by_spans(u, v, ctx):
                    yield Run(self.text[s:e], ctx.style, mark, note), ctx
        for point in points[p:]:
            yield from self._went(point, b)

    def _segments(self, a: int, b: int) -> Iterator[_Segment]:
        """[a, b) cut where the pieces of XML text begin and end: (start, end, context,
        piece), the context and piece None for the print's own spaces and quotation marks."""
        pieces, n = self.pieces, len(self.pieces)
        k = max(0, bisect_right(self.starts, a) - 1)
        pos = a
        while pos < b:
            while k < n and pieces[k].end <= pos:
                k += 1
            if k < n and pieces[k].start <= pos:
                end = min(b, pieces[k].end)
                yield pos, end, self._context(pieces[k]), pieces[k]
            else:
                end = min(b, pieces[k].start) if k < n else b
                yield pos, end, None, None
            pos = end

    def _resolve_gaps(self, segments: list[_Segment]) -> list[tuple[int, int, _Context]]:
        """The print's own text takes the context of the words it belongs to: an opening
        quotation mark the next words', a closing one (or punctuation) the last words'. A
        space is marked inside a stretch of words marked alike, and with words marked on one
        side when it was theirs in the XML (`` 2 years`` left out, the space before with it)."""
        out: list[tuple[int, int, _Context]] = []
        for i, (x, y, ctx, _) in enumerate(segments):
            if ctx is not None:
                out.append((x, y, ctx))
                continue
            before = next((s for s in reversed(segments[:i]) if s[2] is not None), None)
            after = next((s for s in segments[i + 1 :] if s[2] is not None), None)
            was, comes = before[2] if before else None, after[2] if after else None
            words = self.text[x:y].strip()
            if words and words[0] in _OPENING_MARKS:
                found = comes or was or _PLAIN
            elif words:
                found = was or comes or _PLAIN
            else:
                found = _space_of(before, after)
            out.append((x, y, found))
        return out

    def _split_by_spans(
        self, x: int, y: int, ctx: _Context
    ) -> Iterator[tuple[int, int, Mark, int]]:
        """[x, y) cut where a comparison's spans of words put in begin and end."""
        spans = self.marks.spans if self.marks else []
        if not spans:
            yield x, y, ctx.mark, ctx.note
            return
        k = bisect_right(spans, (x, 1 << 62, 0)) - 1
        k = max(k, 0)
        pos = x
        while pos < y:
            while k < len(spans) and spans[k][1] <= pos:
                k += 1
            if k < len(spans) and spans[k][0] <= pos < spans[k][1]:
                end = min(y, spans[k][1])
                yield pos, end, "ins", spans[k][2]
            else:
                end = min(y, spans[k][0]) if k < len(spans) else y
                yield pos, end, ctx.mark, ctx.note
            pos = end

    def _depth(self, fragments: tuple[tuple[int, int], ...], role: Role, schedule: bool) -> int:
        """The step (36pt) a line's words stand at: where the core's layout, which the House's
        prints agree with, sets the text of the provision the line belongs to (a quotation
        starts again from the words quoting it). A clause's heading stands one step out from
        its text; a Schedule's lines are set in by :data:`_SCHEDULE_INSET` besides."""
        provision = self._provision_at(fragments)
        if provision is None:
            return 0
        left = self.lefts.get(provision)
        if left is None:
            left = self.lefts[provision] = text_left(provision)
        if schedule:
            left -= _SCHEDULE_INSET
        steps = round(left / DEFAULT_MEASURE.level)
        return max(0, steps - 1 if role == "clause" else steps)

    def _provision_at(self, fragments: tuple[tuple[int, int], ...]) -> etree._Element | None:
        """The element whose text the line's first words are: a number's or heading's line
        is its provision's."""
        text, pieces = self.text, self.pieces
        for a, b in fragments:
            k = max(0, bisect_right(self.starts, a) - 1)
            while k < len(pieces) and pieces[k].start < b:
                piece = pieces[k]
                if text[max(a, piece.start) : min(b, piece.end)].strip():
                    holder = piece.element if piece.slot == "text" else piece.element.getparent()
                    if holder is not None and holder.tag in (AKN + "num", AKN + "heading"):
                        holder = holder.getparent()
                    return holder
                k += 1
        return None

    def _points_in(self, a: int, stop: int) -> list[_Went]:
        marks = self.marks
        if marks is None or not marks.points:
            return []
        lo = bisect_right(marks.point_offsets, a - 1)
        hi = bisect_right(marks.point_offsets, stop - 1)
        found = marks.points[lo:hi]
        if stop == len(self.text):  # what went at the very end of the print
            found += [w for w in marks.points[hi:] if w.at == stop]
        return found

    def _went(self, point: _Went, at: int) -> Iterator[tuple[Run, _Context]]:
        """Words that went, shown where they stood. A space the old print had beside them
        goes with them, where the new print has none (taking the change back brings it back,
        making it takes it away); none after them when words put in take their place."""
        text = self.text
        words = point.words.strip()
        before = text[at - 1] if at > 0 else " "
        after = text[at] if at < len(text) else " "
        replaced = self.marks is not None and at in self.marks.span_starts
        if point.space_before and before != " ":
            words = " " + words
        if point.space_after and after != " " and not replaced:
            words += " "
        yield Run(words, "", "del", point.note), _WENT._replace(note=point.note)

    def _removed(self, item: tuple[int, tuple[int, int], int]) -> list[PrintedLine]:
        """A provision that went, its lines as the old print set them, struck through; the
        line numbers are the old print's."""
        old = self.old
        if old is None:
            return []
        _, (start, end), note = item
        if self._old_setter is None:
            self._old_setter = _Setter(old)
        setter = self._old_setter
        made: list[PrintedLine] = []
        first = old.index_of(old.line_at(start)) if old.lines else 0
        for line in old.lines[first:]:
            a, b = line.start, line.end
            if a >= end:
                break
            if b <= start:
                continue
            fragments = tuple((max(x, start), min(y, end)) for x, y in line.fragments)
            printed = setter._line(line.page, line.number, fragments, [], end=min(b, end))
            made.append(
                replace(
                    printed,
                    runs=tuple(replace(r, mark="del", note=note) for r in printed.runs),
                    hang=tuple(replace(r, mark="del", note=note) for r in printed.hang),
                    numbering="old",
                    notes=(note,) if not made else (),
                )
            )
        return made

    # --- what the words are -----------------------------------------------------------------

    def _context(self, piece: TextPiece) -> _Context:
        holder = piece.element if piece.slot == "text" else piece.element.getparent()
        if holder is None:
            return _PLAIN
        return self._context_of(holder)

    def _context_of(self, el: etree._Element) -> _Context:
        found = self.contexts.get(el)
        if found is not None:
            return found
        chain = [el]
        parent = el.getparent()
        while parent is not None and parent not in self.contexts:
            chain.append(parent)
            parent = parent.getparent()
        ctx = self.contexts[parent] if parent is not None else _PLAIN
        for node in reversed(chain):
            ctx = self._derive(ctx, node)
            self.contexts[node] = ctx
        return ctx

    def _derive(self, ctx: _Context, el: etree._Element) -> _Context:
        tag = el.tag
        if not isinstance(tag, str):
            return ctx
        mark, note, style, role, schedule, term, went, paragraph_number = ctx
        local = tag.rpartition("}")[2]
        kind = kind_of(el)
        shown = el.get(SHOWN_LEFT_OUT)
        number = el.get(AMENDMENT_ATTR)
        if shown is not None:
            mark, note = "del", self.note_of.get(shown, -1)
        elif number is not None and self.note_of and (local == "ins" or kind is not None):
            # only a document that marks amendments (the bill as amended) marks them: a print,
            # and a comparison of two, show the words a reprint's amendments put in plain
            mark, note = "ins", self.note_of.get(number, -1)
        parent = el.getparent()
        if kind == "schedule":
            schedule = True
        if local in ("num", "heading", "subheading"):
            role = _heading_role(parent)
            paragraph_number = local == "num" and getattr(parent, "tag", "") == AKN + "paragraph"
            style = f"{style} {'num' if local == 'num' else 'hd'}".strip()
        elif kind is not None:
            role = "text"
        term = local == "def" and _starts_definition(el)
        if local in _INLINE_STYLES:
            style = f"{style} {_INLINE_STYLES[local]}".strip()
        elif local == "inline" and el.get("name") == "smallCaps":
            style = f"{style} sc".strip()
        return _Context(mark, note, style, role, schedule, term, went, paragraph_number)


def _starts_definition(term: etree._Element) -> bool:
    """Is this defined term the first words of a definition (which then hangs)?"""
    p = term.getparent()
    if p is None or term.getprevious() is not None or (p.text or "").strip():
        return False
    holder = next(p.iterancestors(AKN + "hcontainer"), None)
    return holder is not None and holder.get("name") == "definition"


def _heading_role(owner: etree._Element | None) -> Role:
    """The role of a line that starts with ``owner``'s number or heading."""
    if owner is None:
        return "text"
    if owner.tag == AKN + "hcontainer":
        return _HCONTAINER_ROLES.get(owner.get("name", ""), "text")
    return _HEADING_ROLES.get(owner.tag, "text")  # type: ignore[arg-type]


_Segment = tuple[int, int, "_Context | None", "TextPiece | None"]


def _space_of(before: _Segment | None, after: _Segment | None) -> _Context:
    """The context of a space the print sets between two runs of XML text."""
    was = before[2] if before is not None else None
    comes = after[2] if after is not None else None
    base = (was or comes or _PLAIN)._replace(style="")
    if was is not None and comes is not None and (was.mark, was.note) == (comes.mark, comes.note):
        return base
    raw_before = before[3].raw if before is not None and before[3] is not None else ""
    raw_after = after[3].raw if after is not None and after[3] is not None else ""
    ends_spaced = raw_before[-1:].isspace()
    starts_spaced = raw_after[:1].isspace()
    if comes is not None and comes.mark and starts_spaced and not ends_spaced:
        return comes._replace(style="")
    if was is not None and was.mark and ends_spaced and not starts_spaced:
        return was._replace(style="")
    return base._replace(mark="", note=-1)


def _cut(x: int, y: int, cuts: list[int]) -> Iterator[tuple[int, int]]:
    """[x, y) cut at each of ``cuts`` (sorted) that falls inside it."""
    start = x
    for at in cuts[bisect_right(cuts, x) :]:
        if at >= y:
            break
        yield start, at
        start = at
    yield start, y


#: a table row's cells are set side by side: this marks where a cell starts among the runs
_CELL = Run("\x1f")


def _hang(runs: list[Run], contexts: list[_Context], schedule: bool) -> tuple[list[Run], bool]:
    """Take the numbers that start a line off its runs, each ending in the tab that takes
    what follows to its place: any opening quotation mark with the number ("“66E"); in a
    Schedule, a paragraph's number and its sub-paragraph's ("2", "(1)"), and a paragraph's
    number alone takes the words two places on. Also: is it a Schedule paragraph's?"""
    k = 0  # past opening quotation marks, and an old number shown taken out ("18 20 …")
    while k < len(runs) and (_opening_only(runs[k]) or contexts[k].went):
        k += 1
    if k >= len(runs) or "num" not in runs[k].style.split():
        return [], False
    taken = k + 1
    second = taken
    while second < len(runs) and not runs[second].text.strip():
        second += 1
    paragraph = schedule and contexts[k].paragraph_number
    if paragraph and second < len(runs) and "num" in runs[second].style.split():
        taken = second + 1
    hang = [r for r in runs[:taken] if r.text.strip() and r is not _CELL]
    del runs[:taken], contexts[:taken]
    nums = [i for i, r in enumerate(hang) if "num" in r.style.split() and not _opening_only(r)]
    tabs = "\t\t" if paragraph and len(nums) == 1 else "\t"
    for i in nums:
        end = tabs if i == nums[-1] else "\t"
        hang[i] = replace(hang[i], text=hang[i].text.strip() + end)
    return hang, paragraph


_TEMPLATE_COLUMNS = f"{{{UKL_NS}}}templateColumns"


def _column_of(cell: etree._Element) -> int:
    """Which column a cell begins in: the columns its row's cells before it span."""
    return sum(
        _colspan(before) for before in cell.itersiblings(preceding=True) if before.tag in CELL_TAGS
    )


def _colspan(cell: etree._Element) -> int:
    span = cell.get("colspan", "1")
    return int(span) if span.isdigit() and int(span) > 0 else 1


def _widths(table: etree._Element) -> tuple[float, ...]:
    """A table's column widths, per cent of its width: LawMaker's own (``templateColumns``,
    "25 50 25"), else each column an equal share (the print's own widths are not in the
    XML; an estimate from the words set a header cell too narrow for its line)."""
    given = (table.get(_TEMPLATE_COLUMNS) or "").split()
    if given and all(_is_number(w) for w in given) and sum(float(w) for w in given) > 0:
        total = sum(float(w) for w in given)
        return tuple(round(100 * float(w) / total, 2) for w in given)
    columns = max(
        (sum(_colspan(c) for c in row if c.tag in CELL_TAGS) for row in table.iter(*ROW_TAGS)),
        default=1,
    )
    return tuple(round(100 / columns, 2) for _ in range(max(columns, 1)))


def _is_number(text: str) -> bool:
    try:
        return float(text) >= 0
    except ValueError:
        return False


def _cells(runs: list[Run]) -> tuple[tuple[Run, ...], tuple[int, ...]]:
    """The runs without a table's cell marks, trimmed and merged, and where each cell after
    the first starts among them."""
    merged: list[Run] = []
    cells: list[int] = []
    for part in _split_cells(runs):
        if merged or cells:
            cells.append(len(merged))
        merged.extend(_merged(_trimmed(part)))
    return tuple(merged), tuple(cells)


def _split_cells(runs: list[Run]) -> Iterator[list[Run]]:
    part: list[Run] = []
    for run in runs:
        if run is _CELL:
            yield part
            part = []
        else:
            part.append(run)
    yield part


def _opening_only(run: Run) -> bool:
    """A run of nothing but space and opening quotation marks."""
    return run is not _CELL and all(c in _OPENING_MARKS or c.isspace() for c in run.text)


def _starts(runs: list[Run], i: int, carried: int) -> bool:
    """Does run ``i`` start a stretch of words marked for its note? The stretch of the line
    before (``carried``, its note) goes on into this one when nothing unmarked comes first."""
    j = i - 1
    while j >= 0 and not runs[j].text.strip():
        j -= 1
    return runs[i].note != (runs[j].note if j >= 0 else carried)


def _trimmed(runs: list[Run]) -> list[Run]:
    while runs and not runs[0].text.strip():
        runs.pop(0)
    while runs and not runs[-1].text.strip():
        runs.pop()
    return runs


def _merged(runs: Sequence[Run]) -> tuple[Run, ...]:
    """Neighbouring runs set alike, as one."""
    out: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if out and (out[-1].style, out[-1].mark, out[-1].note) == (run.style, run.mark, run.note):
            out[-1] = Run(out[-1].text + run.text, run.style, run.mark, run.note)
        else:
            out.append(run)
    return tuple(out)


# --- the document ----------------------------------------------------------------------------


def _document(
    bill: Bill,
    kind: Kind,
    subtitle: str,
    lines: list[PrintedLine],
    legend: Sequence[str],
    notes: tuple[Note, ...] = (),
) -> PrintedBill:
    m = bill.metadata
    return PrintedBill(
        kind=kind,
        title=m.title or bill.path,
        bill_number=m.bill_number,
        house=m.house,
        stage=m.stage,
        subtitle=subtitle,
        long_title=_long_title(bill),
        enacting=_enacting(bill),
        legend=tuple(legend),
        lines=tuple(lines),
        notes=notes,
    )


def _long_title(bill: Bill) -> str:
    """The long title's words ("Make provision about …"): the last paragraph of the preface's
    ``longTitle`` (the ones before it are "A", "Bill", "to")."""
    long_title = bill.document.find(f".//{AKN}longTitle")
    if long_title is None:
        return ""
    paragraphs = [" ".join("".join(p.itertext()).split()) for p in long_title.iter(AKN + "p")]
    words = [p for p in paragraphs if p.lower() not in ("a", "bill", "to")]
    return " ".join(words)


def _enacting(bill: Bill) -> str:
    """The enacting formula ("Be it enacted by the King's most Excellent Majesty …")."""
    formula = bill.document.find(f".//{AKN}formula")
    return " ".join("".join(formula.itertext()).split()) if formula is not None else ""


def _legend_of_numbers(bill: Bill, pr: Print) -> list[str]:
    """Where the page and line numbers come from."""
    name = bill.metadata.bill_number or "the print"
    if bill.root.find(f".//{_D}provenance") is not None:
        return [
            f"This is {name} as amended by drafter: its page and line numbers are drafter's "
            "own layout, not a print of the House."
        ]
    if pr.source in ("markers", "eol", "pdf"):
        return [f"Page and line numbers are those of {name}, as printed."]
    return [
        f"{name} was published without page and line numbers: they are drafter's own "
        "layout of it, and may differ from the printed copy."
    ]


def _by_number(numbers: Sequence[str]) -> list[str]:
    """Amendment numbers as a list of them reads: numbered ones in order of their numbers (a
    paper is in the order of the bill: “4, 1, 3 and 6”), then the rest as they were."""
    order = {n: (0, int(n), 0) if n.isdigit() else (1, 0, i) for i, n in enumerate(numbers)}
    return sorted(numbers, key=order.__getitem__)


def _listed(noun: str, numbers: Sequence[str]) -> str:
    if len(numbers) == 1:
        return f"{noun} {numbers[0]}"
    return f"{noun}s {', '.join(numbers[:-1])} and {numbers[-1]}"
