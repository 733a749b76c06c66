"""Word documents whose changes are real revisions: words put in are ``w:ins`` and words left
out ``w:del``, each with its author and date, so that a reader can accept or reject each one
in Word or LibreOffice. python-docx builds the document; it does not write revisions, so
:class:`_Writer` wraps the runs it makes in them (a few lines of lxml). An amendment paper
changes nothing: it is plain words, set as the House prints it (as its PDF is).

The styles are named and structural, not direct formatting: "Part Heading", "Clause Heading"
(outline levels, so they show in Word's navigation pane), "Provision 0" … "Provision 7" by
indent, "Line Number" and "Provision Number" for the margin and hanging numbers; on a paper,
"Amendment Proposer", "Amendment Supporter", "Amendment Instruction" (a Lords amendment's
first one "Amendment Numbered Instruction", its number hanging before it), "Inserted Heading",
"Inserted 1" …, "Explanatory Statement". A bill is set one paragraph per printed line, so that
each line keeps its page and line number in the margin; a page of the print starts a page.
A change's margin note is a Word comment by the change's author.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import replace
from typing import cast

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.shared import Length, Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run as DocxRun

from drafter.core.compare import Change, Changes, ProvisionRef
from drafter.core.compare.papers import PaperChanges, spaced
from drafter.core.etree import etree
from drafter.core.print.linebreak import DEFAULT_MEASURE, natural_width
from drafter.export.paper_doc import PrintedAmendment, PrintedPaper
from drafter.export.printed import PrintedBill, PrintedLine, Run

#: Book Antiqua, the House's face, is Palatino's twin; Palatino Linotype comes with Windows,
#: and fontconfig finds a Palatino (TeX Gyre Pagella, P052) for it elsewhere
_SERIF = "Palatino Linotype"
_SANS = "Arial"
#: words set this far in for each level of provision, and their number this far before them
_STEP = Pt(36)
#: (the print's is 25pt; Word sets a number a little wider, and a quotation mark may go
#: before it)
_HANG = Pt(28)
_CLAUSE_HANG = Pt(27)  # a clause's number, before its heading
_LINE_NUMBER_AT = Mm(-12)
#: the body's type size in a bill's document
_BILL_SIZE = 10.5
_MAX_DEPTH = 7
#: a Lords amendment's number, in the margin before its instruction: set right, ending this
#: far before the words (the PDF's)
_LORDS_NUMBER_END = Pt(-8)
#: the deepest level of inserted text a paper sets further in (the Energy Bill's list goes
#: to 6); deeper ones stand at this level
_DEEPEST_INSERTED = 8


def bill_docx(doc: PrintedBill, *, today: str = "") -> bytes:
    """A printed bill (clean, as amended, compared) as a Word document."""
    w = _Writer(_SERIF, today, size=_BILL_SIZE)  # under the print's: Word's lines fit
    w.bill_styles()
    w.describe(f"{doc.title} — {doc.subtitle}" if doc.subtitle else doc.title, doc.bill_number)
    first = next((line.page for line in doc.lines if line.in_print), 1)
    w.page_head(doc.title, first, page_break=False)
    if doc.kind == "keeling":  # an Act as a bill would amend it: its name, no bill's cover
        w.para("Act Title", doc.title)
    else:
        _bill_cover(w, doc)
    if doc.subtitle:
        w.para("Bill Subtitle", doc.subtitle)
    for text in doc.legend:
        w.para("Legend", text)
    page = first
    for line in doc.lines:
        if line.in_print and line.page != page:
            w.page_head(doc.title, line.page, page_break=True)
            page = line.page
        w.printed_line(doc, line)
    if doc.not_applied:  # after the bill, as the PDF has them
        w.para("Bill Subtitle", "Not applied").paragraph_format.page_break_before = True
        for text in doc.not_applied:
            w.para("Legend", text)
    return w.save()


def _bill_cover(w: _Writer, doc: PrintedBill) -> None:
    """A bill's cover: its print, "A BILL TO", its long title and enacting words."""
    if doc.stage:
        w.para("Bill Print", f"[{doc.stage.upper()}]")
    w.para("Bill Stage", "A")
    w.para("Bill Word", "BILL")
    w.para("Bill Stage", "TO")
    if doc.long_title_runs:  # amended: its changes as revisions
        title = w.para("Long Title")
        for run in doc.long_title_runs:
            w.text(doc, title, run)
    elif doc.long_title:
        w.para("Long Title", doc.long_title)
    if doc.enacting:
        w.para("Enacting Formula", doc.enacting)


def paper_docx(doc: PrintedPaper, *, today: str = "") -> bytes:
    """An amendment paper as a Word document, as the House prints it and its PDF is set:
    plain words, no revisions (a paper changes nothing; tracked changes are for the bill as
    amended and for comparisons). The Commons' in LawMaker's sans-serif face, the proposer in
    bold with the number far out on the right; the Lords' in a serif face, the names in small
    capitals on the right, the number in the margin before the instruction."""
    w = _Writer(_SERIF if doc.lords else _SANS, today)
    w.paper_styles(lords=doc.lords)
    title = doc.title + (f" — {doc.stage}" if doc.stage else "")
    w.describe(title, doc.heading)
    w.para("Paper Title", title)
    for text in (doc.date, doc.heading):  # centred under the title, as printed
        if text:
            w.para("Paper Date", text)
    for text in filter(None, doc.notes):
        w.para("Legend", text)
    for s in doc.statements:
        if s.heading:
            w.para("Statement Heading", s.text)
        elif s.cells:  # a table's row: its cells a tab apart
            w.para("Explanatory Statement", "\t".join(s.cells))
        else:
            w.para("Explanatory Statement", f"{s.num}\t{s.text}" if s.num else s.text)
    for group in doc.groups:
        if group.heading:
            w.para("Place Heading", group.heading)
        for a in group.amendments:
            w.amendment(a, lords=doc.lords)
    if doc.withdrawn:
        w.para("Place Heading", "Withdrawn after tabling")
        for a in doc.withdrawn:
            w.amendment(a, lords=doc.lords)
    return w.save()


def changes_docx(changes: Changes, *, author: str = "", date: str = "") -> bytes:
    """The list of changes between two prints (``drafter diff``'s), as a Word document: each
    changed provision under a heading with its place in both prints, its words with the
    changes as revisions by ``author`` (the new version's), dated ``date``."""
    w = _Writer(_SERIF, date)
    w.changes_styles()
    who = author or changes.new_name
    w.describe(f"{changes.new_name} compared with {changes.old_name}")
    w.para("Paper Title", f"{changes.new_name} compared with {changes.old_name}")
    w.para("Legend", changes.summary())
    for change in changes.changes:
        w.para("Change Heading", _change_heading(change))
        p = w.para("Change Words")
        if change.kind == "changed":
            for op, text in change.segments:
                run = p.add_run(text)
                if op != "=":
                    w.mark_run(run, "ins" if op == "+" else "del", who, w.today)
        else:
            run = p.add_run(change.text)
            mark = "ins" if change.kind == "inserted" else "del"
            w.mark_run(run, mark, who, w.today)
            w.mark_paragraph(p, mark, who, w.today)
    return w.save()


def paper_changes_docx(
    changes: PaperChanges, old_name: str, new_name: str, *, date: str = "", title: str = ""
) -> bytes:
    """What changed between two versions of a paper, as a Word document: a name added or
    taken off is a revision by that member; words put in or left out are revisions by the
    new version (``new_name``), dated ``date``. Headed ``title`` when there is one."""
    w = _Writer(_SERIF, date)
    w.changes_styles()
    versions = f"{old_name} → {new_name}"
    w.describe(title or versions)
    w.para("Paper Title", title or versions)
    if title:
        w.para("Legend", versions)
    w.para("Legend", changes.summary())
    for heading, numbers in (
        ("Added", changes.added),
        ("Removed (withdrawn, or no longer on the list)", changes.removed),
    ):
        if numbers:
            w.para("Change Heading", heading)
            for number in numbers:
                about = changes.about.get(number, "")
                w.para("Change Words", f"Amendment {number}  {about}".rstrip())
    for n in changes.names:
        w.para("Change Heading", f"Amendment {n.number}: names")
        for name, mark in [*((a, "ins") for a in n.added), *((r, "del") for r in n.removed)]:
            p = w.para("Change Words")
            w.mark_run(p.add_run(name), mark, name, w.today)  # the member's own revision
        if n.proposer:
            w.para("Change Words", f"Proposer: {n.proposer[0]} → {n.proposer[1]}")
    for heading, shifts in (("star", changes.stars), ("status", changes.status)):
        for s in shifts:
            w.para("Change Heading", f"Amendment {s.number}: {heading}")
            p = w.para("Change Words")
            # what was there, struck out, and what is, put in: a star taken off is the star
            # deleted, not the words "no star" inserted
            for mark, value in (("del", s.old), ("ins", s.new)):
                if value:
                    w.mark_run(p.add_run(value), mark, new_name, w.today)
            if not (s.old and s.new):
                p.add_run(" (taken off)" if s.old else " (added)")
    for r in changes.changed:
        for label, segments in (("wording", r.diff), ("explanatory statement", r.statement)):
            if not any(kind != "=" for kind, _ in segments):
                continue
            w.para("Change Heading", f"Amendment {r.number}: {label}")
            p = w.para("Change Words")
            for kind, space, words in spaced(segments):
                if space:
                    p.add_run(space)
                run = p.add_run(words)
                if kind != "=":
                    w.mark_run(run, "ins" if kind == "+" else "del", new_name, w.today)
    return w.save()


def _change_heading(change: Change) -> str:
    def at(ref: ProvisionRef | None) -> str:
        return f"page {ref.place.page}, line {ref.place.line}" if ref and ref.place else "—"

    flags = [f for f, on in (("moved", change.moved), ("renumbered", change.renumbered)) if on]
    what = change.kind + (f" ({', '.join(flags)})" if flags else "")
    return f"{change.citation}: {what}; {at(change.old)} → {at(change.new)}"


#: the least room (points) a hanging number leaves before the words for its tab to be kept
_NUMBER_GAP = 6.0


def _fits(number: tuple[Run, ...], room: Length) -> bool:
    """Does a hanging number (with any quotation mark before it) leave a word space and more
    in its room? One that does not is followed by a space: past the tab stop, a tab would take
    the words on to Word's next default stop, far from their number. Measured with the
    print's widths (Word's font may set it a little wider: hence the margin)."""
    text = "".join(run.text for run in number).strip()
    return natural_width(text) * _BILL_SIZE / DEFAULT_MEASURE.size <= float(room.pt) - _NUMBER_GAP


class _Writer:
    """A python-docx document, with revisions."""

    def __init__(self, font: str, today: str, size: float = 11) -> None:
        self.document = Document()
        self.today = today or datetime.date.today().isoformat()
        self.revision = 0
        self.style_ids: dict[str, str] = {}
        #: the body's section properties: paragraphs go before them
        self.end = self.document.element.body.sectPr
        normal = self.document.styles["Normal"]
        normal.font.name = font
        normal.font.size = Pt(size)
        normal.paragraph_format.space_after = Pt(0)
        section = self.document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        # the print's measure: 146.4mm of words (width()), line numbers in the left margin
        section.left_margin, section.right_margin = Mm(30), Mm(33.6)
        section.top_margin = section.bottom_margin = Mm(22)

    def para(self, style: str, text: str = "") -> Paragraph:
        """A new paragraph at the end of the document, in a named style (its id looked up
        once: python-docx looks a style up by name each time, and a bill has ten thousand
        lines)."""
        p = cast(CT_P, OxmlElement("w:p"))
        self.end.addprevious(p)
        paragraph = Paragraph(p, self.document._body)
        p.style = self.style_id(style)
        if text:
            paragraph.add_run(text)
        return paragraph

    def run(self, p: Paragraph, text: str, style: str | None = None) -> DocxRun:
        made = p.add_run(text)
        if style:
            made._r.style = self.style_id(style)
        return made

    def style_id(self, name: str) -> str:
        found = self.style_ids.get(name)
        if found is None:
            found = self.style_ids[name] = str(self.document.styles[name].style_id)
        return found

    def describe(self, title: str, subject: str = "") -> None:
        """The document's own properties (Word's File > Info), in place of python-docx's."""
        props = self.document.core_properties
        props.title, props.subject = _clipped(title), _clipped(subject)
        props.author = props.last_modified_by = "drafter"
        props.comments = "Exported by drafter"
        props.created = props.modified = datetime.datetime.now(datetime.UTC).replace(
            microsecond=0, tzinfo=None
        )
        props.revision = 1

    def page_head(self, title: str, page: int, *, page_break: bool) -> None:
        """The head of a page of the print, at the top of it: the bill's short title, and the
        print's number of the page, not Word's (a page of the print that Word sets on two
        sheets keeps its number, and the pages after it theirs)."""
        head = self.para("Running Head", f"{title}\t{page}")
        fmt = head.paragraph_format
        fmt.tab_stops.add_tab_stop(self.width(), WD_TAB_ALIGNMENT.RIGHT)
        fmt.keep_with_next = True
        fmt.page_break_before = page_break

    def save(self) -> bytes:
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()

    # --- styles --------------------------------------------------------------------------

    def style(
        self,
        name: str,
        *,
        size: float | None = None,
        bold: bool = False,
        italic: bool = False,
        centre: bool = False,
        outline: int | None = None,
        before: float = 0,
        after: float = 0,
        keep: bool = False,
    ) -> None:
        style = self.document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self.document.styles["Normal"]
        style.font.bold = bold
        style.font.italic = italic
        if size:
            style.font.size = Pt(size)
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        fmt.keep_with_next = keep
        if centre:
            fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if outline is not None:
            level = OxmlElement("w:outlineLvl")
            level.set(qn("w:val"), str(outline))
            style.element.get_or_add_pPr().append(level)

    def character_style(
        self, name: str, *, size: float | None = None, italic: bool = False
    ) -> None:
        style = self.document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        style.font.italic = italic
        if size:
            style.font.size = Pt(size)

    def bill_styles(self) -> None:
        self.style("Running Head", size=9, italic=True, after=9)
        self.style("Bill Print", size=12, centre=True, after=6)
        self.style("Bill Stage", size=9, centre=True, after=6)
        self.style("Bill Word", size=30, bold=True, centre=True, after=6)
        self.style("Act Title", size=18, bold=True, centre=True, before=6, after=3)
        self.style("Enacting Formula", after=6)
        self.style("Long Title", size=12, before=6, after=6)
        self.style("Bill Subtitle", size=12, italic=True, after=6)
        self.style("Legend", size=8, after=3)
        self.style("Part Heading", bold=True, outline=0, before=7, keep=True)
        self.style("Schedule Heading", bold=True, outline=0, before=5, keep=True)
        self.style("Crossheading", italic=True, outline=1, before=7, keep=True)
        for depth in range(_MAX_DEPTH + 1):
            heading = f"Clause Heading {depth}" if depth else "Clause Heading"
            self.style(
                heading,
                bold=True,
                outline=2 if depth == 0 else None,
                before=7 if depth == 0 else 0,
                keep=True,
            )
            self.style(f"Provision {depth}")
            # the words at their indent, the line's number out in the margin, and a tab stop
            # for the hanging number (a clause's heading stands where its number's words do)
            for name, hang in ((f"Provision {depth}", _HANG), (heading, _CLAUSE_HANG)):
                fmt = self.document.styles[name].paragraph_format
                text_at = _STEP * depth + (_CLAUSE_HANG if name == heading else 0)
                fmt.left_indent = text_at
                fmt.first_line_indent = _LINE_NUMBER_AT - text_at
                fmt.tab_stops.add_tab_stop(max(text_at - hang, 0), WD_TAB_ALIGNMENT.LEFT)
                fmt.tab_stops.add_tab_stop(text_at, WD_TAB_ALIGNMENT.LEFT)
        # a heading set in the middle of the measure by a centring tab stop, not by centring
        # the paragraph: so that its line's number stands out in the margin as others do
        for name in ("Part Heading", "Schedule Heading", "Crossheading"):
            fmt = self.document.styles[name].paragraph_format
            fmt.left_indent = Pt(0)
            fmt.first_line_indent = _LINE_NUMBER_AT
            fmt.tab_stops.add_tab_stop(Pt(0), WD_TAB_ALIGNMENT.LEFT)
            fmt.tab_stops.add_tab_stop(Length(self.width() // 2), WD_TAB_ALIGNMENT.CENTER)
        self.character_style("Line Number", size=8, italic=True)
        self.character_style("Provision Number")

    def changes_styles(self) -> None:
        self.style("Paper Title", size=16, bold=True, after=12)
        self.style("Legend", size=9, after=6)
        self.style("Change Heading", bold=True, before=10, after=3, keep=True, outline=1)
        self.style("Change Words", after=3)

    def paper_styles(self, *, lords: bool = False) -> None:
        self.style("Paper Title", size=21, bold=True, centre=True, after=12)
        self.style("Place Heading", bold=True, centre=True, before=14, keep=True)
        self.style("Paper Date", centre=True, after=3)
        self.style("Legend", size=9, after=3)
        names = 10 if lords else 9.5
        self.style("Amendment Proposer", size=names, bold=not lords, before=18, keep=True)
        self.style("Amendment Supporter", size=names, keep=True)
        self.style("Amendment Instruction", size=10.5, before=10, after=6, keep=True)
        if lords:  # the names in small capitals on the right; the number before the words
            for name in ("Amendment Proposer", "Amendment Supporter"):
                style = self.document.styles[name]
                style.font.small_caps = True
                style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            self.style("Amendment Numbered Instruction", size=10.5, before=10, after=6, keep=True)
            fmt = self.document.styles["Amendment Numbered Instruction"].paragraph_format
            fmt.left_indent, fmt.first_line_indent = Pt(0), Pt(-40)
            fmt.tab_stops.add_tab_stop(_LORDS_NUMBER_END, WD_TAB_ALIGNMENT.RIGHT)
            fmt.tab_stops.add_tab_stop(Pt(0), WD_TAB_ALIGNMENT.LEFT)
        self.style("Inserted Heading", bold=True, after=4)
        for depth in range(1, _DEEPEST_INSERTED + 1):
            self.style(f"Inserted {depth}", after=3)
            fmt = self.document.styles[f"Inserted {depth}"].paragraph_format
            fmt.left_indent = Pt(53 + 36 * (depth - 1))
            fmt.first_line_indent = -_HANG
            fmt.tab_stops.add_tab_stop(fmt.left_indent, WD_TAB_ALIGNMENT.LEFT)
        self.document.styles["Inserted Heading"].paragraph_format.left_indent = Pt(47)
        self.style(
            "Statement Heading",
            size=9.5,
            bold=not lords,
            italic=lords,
            before=12,
            after=6,
            keep=True,
        )
        self.style("Explanatory Statement", size=9.5, after=3)

    # --- a bill -----------------------------------------------------------------------------

    def printed_line(self, doc: PrintedBill, line: PrintedLine) -> None:
        depth = min(line.depth, _MAX_DEPTH)
        if line.role == "clause":
            style = f"Clause Heading {depth}" if depth else "Clause Heading"
        elif line.role == "part":
            style = "Part Heading"
        elif line.role == "schedule":
            style = "Schedule Heading"
        elif line.role == "crossheading":
            style = "Crossheading"
        else:
            style = f"Provision {depth}"
        p = self.para(style)
        centred = line.role in ("part", "schedule", "crossheading")
        furniture: list[DocxRun] = []  # the line's number and tabs: not words of the bill
        made: list[tuple[DocxRun, Run]] = []
        number = str(line.number) if line.numbered else ""
        label = f"({line.page}:{number})" if number and not line.in_print else number
        if label:
            furniture.append(self.run(p, label, "Line Number"))
        furniture.append(p.add_run("\t\t" if centred else "\t"))  # centred: to the middle
        if not centred:
            room = _CLAUSE_HANG if line.role == "clause" else _HANG
            # an old number struck out before the new one has a tab of its own (see below)
            shown = [r for r in line.hang_boxes[0][0] if r.mark != "del"] if line.hang else []
            spaced_number = len(line.hang_boxes) == 1 and not _fits(tuple(shown), room)
            for i, run in enumerate(line.hang):  # each number ends in its tab
                nxt = line.hang[i + 1] if i + 1 < len(line.hang) else None
                if run.mark == "del" and nxt is not None and nxt.mark == "ins":
                    # an old number taken out for a new one: each has its tab, so that either
                    # taken alone (the change rejected, or accepted) stands as it should
                    run = replace(run, text=run.text.rstrip() + "\t")
                elif spaced_number and run.text.endswith("\t"):
                    run = replace(run, text=run.text.rstrip("\t") + " ")
                made.append((self.text(doc, p, run, "Provision Number"), run))
            if not line.hang:
                furniture.append(p.add_run("\t"))
        if line.widths:  # a table's line: each column's words at its own tab stop
            left = int(_STEP) * depth  # the words' indent, and what is left of the measure
            width_left = int(self.width()) - left
            at = 0.0
            for column, (width, runs) in enumerate(line.table_cells):
                if column:
                    p.paragraph_format.tab_stops.add_tab_stop(
                        Length(int(left + width_left * at / 100)), WD_TAB_ALIGNMENT.LEFT
                    )
                    furniture.append(p.add_run("\t"))
                at += width
                made.extend((self.text(doc, p, run), run) for run in runs)
        else:
            made.extend((self.text(doc, p, run), run) for run in line.runs)
        marks = {run.mark for run in (*line.hang, *line.runs)}
        if len(marks) == 1 and "" not in marks:  # a whole line put in or left out: all of it
            first = next(r for r in (*line.hang, *line.runs))
            author, date = self.author(doc, first), self.date(doc, first)
            for extra in furniture:
                self.mark_run(extra, first.mark, author, date)
            self.mark_paragraph(p, first.mark, author, date)
        for n in line.notes:
            anchored = [made_run for made_run, run in made if run.note == n]
            note = doc.notes[n]
            if anchored:
                self.document.add_comment(anchored, note.text, author=note.author or "drafter")

    def text(self, doc: PrintedBill, p: Paragraph, run: Run, style: str | None = None) -> DocxRun:
        made = self.run(p, run.text, style)
        classes = run.style.split()
        if "i" in classes or (
            "hd" in classes and p.style is not None and p.style.name.startswith("Provision")
        ):
            made.italic = True
        if "b" in classes:
            made.bold = True
        if "sc" in classes:
            made.font.small_caps = True
        if "sup" in classes:
            made.font.superscript = True
        if "sub" in classes:
            made.font.subscript = True
        if run.mark:
            self.mark_run(made, run.mark, self.author(doc, run), self.date(doc, run))
        return made

    def author(self, doc: PrintedBill, run: Run) -> str:
        return (doc.notes[run.note].author if run.note >= 0 else "") or "drafter"

    def date(self, doc: PrintedBill, run: Run) -> str:
        return (doc.notes[run.note].date if run.note >= 0 else "") or self.today

    # --- a paper ----------------------------------------------------------------------------

    def amendment(self, a: PrintedAmendment, *, lords: bool = False) -> None:
        """One amendment, as its House prints it (see :func:`paper_docx`)."""
        number = f"{a.star} {a.number}" if a.star else a.number
        for g, group in enumerate(a.names):
            for n, name in enumerate(group):
                first = g == 0 and n == 0
                if first and not lords:  # the number far out on the right of the name
                    p = self.para("Amendment Proposer", f"{name}\t{number}")
                    p.paragraph_format.tab_stops.add_tab_stop(self.width(), WD_TAB_ALIGNMENT.RIGHT)
                    continue
                p = self.para("Amendment Proposer" if first else "Amendment Supporter", name)
                if not first and n == 0 and not lords:
                    p.paragraph_format.space_before = Pt(6)
        if not a.names and not lords:
            p = self.para("Amendment Proposer", f"\t{number}")
            p.paragraph_format.tab_stops.add_tab_stop(self.width(), WD_TAB_ALIGNMENT.RIGHT)
        if a.context:
            self.run(self.para("Amendment Instruction"), a.context).italic = True
        if lords:
            p = self.para("Amendment Numbered Instruction", "\t")
            self.run(p, number).bold = True
            self.run(p, f"\t{a.instruction}")
        else:
            self.para("Amendment Instruction", a.instruction)
        for u in a.units:
            if u.rows:  # a table put in: a row to a line, its cells set apart by tabs
                depth = min(max(u.depth, 1), _DEEPEST_INSERTED)
                for row in u.rows:
                    self.para(f"Inserted {depth}", "\t".join(row))
                continue
            if u.heading and not u.num and not u.text:
                self.para("Inserted Heading", u.heading)
                continue
            depth = min(max(u.depth, 1), _DEEPEST_INSERTED)
            p = self.para(f"Inserted {depth}")
            if u.num:
                p.add_run(u.num)
            p.add_run("\t")
            if u.heading:
                p.add_run(u.heading).bold = True
                if u.text:
                    p.add_run().add_break(WD_BREAK.LINE)
            p.add_run(u.text)
        if a.after:
            self.para("Amendment Instruction", a.after)
        if a.statement:
            self.para("Statement Heading", "Member's explanatory statement")
            for text in a.statement:
                self.para("Explanatory Statement", text)
        if a.status:
            self.para("Explanatory Statement", a.status.capitalize())
        if a.cites:
            self.para("Explanatory Statement", a.cites)

    def width(self) -> Length:
        """The width of the text on the page."""
        section = self.document.sections[0]
        page, left, right = section.page_width, section.left_margin, section.right_margin
        assert page is not None and left is not None and right is not None  # set in __init__
        return Length(page - left - right)

    # --- revisions --------------------------------------------------------------------------

    def _revision(self, mark: str, author: str, date: str) -> etree._Element:
        self.revision += 1
        element = OxmlElement(f"w:{mark}")
        element.set(qn("w:id"), str(self.revision))
        element.set(qn("w:author"), author)
        element.set(qn("w:date"), _timestamp(date))
        return element

    def mark_run(self, run: DocxRun, mark: str, author: str, date: str) -> None:
        """Wrap one run in a revision: ``ins`` (put in) or ``del`` (left out)."""
        r: etree._Element = run._r
        revision = self._revision(mark, author, date)
        r.addprevious(revision)
        revision.append(r)
        if mark == "del":
            for t in r.iter(qn("w:t")):
                t.tag = qn("w:delText")

    def mark_paragraph(self, p: Paragraph, mark: str, author: str, date: str) -> None:
        """Mark a paragraph's end as put in or left out, so that accepting or rejecting the
        change takes the whole paragraph with its words."""
        ppr: etree._Element = p._p.get_or_add_pPr()
        props: etree._Element | None = ppr.find(qn("w:rPr"))
        if props is None:
            props = OxmlElement("w:rPr")
            ppr.append(props)
        props.append(self._revision(mark, author, date))


def _clipped(text: str, limit: int = 255) -> str:
    """A property Word holds to ``limit`` characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _timestamp(date: str) -> str:
    """An ISO date, or date and time with any offset, as Word's revision date in UTC
    ("2023-09-04T00:00:00Z"); today's for anything else (a paper's date is free text)."""
    try:
        when = datetime.datetime.fromisoformat(date.replace("Z", "+00:00"))
    except ValueError:
        when = datetime.datetime.now(datetime.UTC)
    if when.tzinfo is not None:
        when = when.astimezone(datetime.UTC).replace(tzinfo=None)
    return when.replace(microsecond=0).isoformat() + "Z"
