"""The documents drafter exports, each written in the format its file name asks for.

- :func:`export_paper`: an amendment paper or marshalled list as the House prints it (PDF,
  HTML, Word with each amendment a revision by its proposer, or LawMaker XML);
- :func:`export_bill`: a bill as printed, or as a paper would amend it with every change
  marked and noted (PDF, HTML, Word with real tracked changes, or Akoma Ntoso);
- :func:`export_compare`: a new print whole, with what changed since an old one marked (PDF,
  HTML, Word), or only the list of changes.

Everything is made in memory first and written in one atomic step: a document that cannot be
made leaves nothing behind, and an existing file is untouched.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from drafter.core.apply import Report, apply
from drafter.core.bill import Bill
from drafter.core.compare import Changes, compare
from drafter.core.compare.papers import PaperChanges, compare_papers
from drafter.core.files import WriteError, check_writable, same_file, write_atomic, xml_bytes
from drafter.core.paper import KEELING, Paper, cited_elsewhere, write_paper_xml
from drafter.core.phrases import counted
from drafter.export.paper_doc import PrintedPaper, printed_paper
from drafter.export.printed import PrintedBill, as_amended, clean, compared
from drafter.export.templates import ExportError, environment, render

#: the formats each kind of document is written in, by file extension
_PRINTED = (".pdf", ".docx", ".html", ".xml")
FORMATS = {
    "paper": _PRINTED,
    "bill": _PRINTED,
    "keeling": _PRINTED,  # an Act as the bill would amend it: written as a bill is
    "compare": (".pdf", ".docx", ".html"),
}

Templates = str | os.PathLike[str] | None
#: told what is being done, as it is done (a front end shows it as progress)
Step = Callable[[str], None]


def _quiet(_message: str) -> None:
    pass


def format_of(
    kind: str,
    out: str | os.PathLike[str],
    sources: Collection[str | os.PathLike[str]] = (),
    templates: Templates = None,
) -> str:
    """The format ``out``'s extension asks for. ExportError, before any work, for a place no
    file can be written, a format ``kind`` is not written in, one of the ``sources`` the
    document is made from (an export never replaces what it reads), or a templates folder
    that is not whole."""
    try:
        check_writable(out)
    except WriteError as err:
        raise ExportError(str(err)) from None
    for source in sources:
        if same_file(out, source):
            raise ExportError(
                f"{out} is the file the {_KIND_NAMES[kind]} is made from: write it to "
                "another name (the export would replace it)"
            )
    suffix = Path(out).suffix.lower()
    allowed = FORMATS[kind]
    choices = f"{', '.join(allowed[:-1])} or {allowed[-1]}"
    if not suffix:
        raise ExportError(f"{out}: end the file name in {choices}: that says its format")
    if suffix not in allowed:
        raise ExportError(
            f"{out}: “{suffix}” is not a format for a {_KIND_NAMES[kind]}: "
            f"end the file name in {choices}"
        )
    if templates is not None:
        environment(templates, "commons")  # says what is missing from the folder
    return suffix


_KIND_NAMES = {
    "paper": "paper",
    "bill": "bill",
    "keeling": "Keeling schedule",
    "compare": "comparison",
}


def export_paper(
    paper: Paper,
    out: str | os.PathLike[str],
    *,
    bill: Bill | None = None,
    source: str | os.PathLike[str] = "",
    templates: Templates = None,
    today: str = "",
    step: Step = _quiet,
) -> PrintedPaper | None:
    """Write an amendment paper (read from ``source``, named in messages) as the House prints
    it, and return it as printed (None for ``.xml``). With ``bill``, the paper must be for it;
    its Lords amendments are then put under their clauses' headings."""
    sources = [f for f in (source, bill.path if bill else "") if f]
    suffix = format_of("paper", out, sources, templates)
    step("Setting the paper …")
    if bill is not None:
        _require_same_bill(paper, bill, source)
    if suffix == ".xml":
        write_atomic(out, write_paper_xml(paper, bill))
        return None
    doc = printed_paper(paper, bill)

    def word() -> bytes:
        from drafter.export.docx import paper_docx

        return paper_docx(doc, today=today or _today())

    _write_document(out, suffix, "paper.html", doc, doc.lords, word, templates, step)
    return doc


def export_bill(
    bill: Bill,
    out: str | os.PathLike[str],
    *,
    paper: Paper | None = None,
    only: Collection[str] | None = None,
    source: str | os.PathLike[str] = "",
    templates: Templates = None,
    today: str = "",
    step: Step = _quiet,
    unmade: Sequence[str] = (),
    force: bool = False,
) -> Report | None:
    """Write a bill as printed, or (with ``paper``, read from ``source``) as it would read if
    the paper's amendments (``only`` some of them) were agreed, every change marked; returns
    apply's report then. ``.xml`` writes the bill as amended in Akoma Ntoso, with drafter's
    provenance. ``unmade``: changes the document lists as not made, beside the amendments
    apply could not make (a Keeling schedule's). A paper that says it is for another bill or
    print is refused (ExportError), unless ``force``."""
    kind = "keeling" if paper is not None and paper.info.kind == KEELING else "bill"
    suffix = format_of(kind, out, [f for f in (bill.path, source) if f], templates)
    if paper is not None:
        if not force:
            _require_same_bill(paper, bill, source)
        count = len(only) if only is not None else len(paper.entries)
        step(f"Applying {counted(count, 'amendment')} …")
    if suffix == ".xml":
        if paper is None:
            write_atomic(out, xml_bytes(bill.tree))
            return None
        amended, applied = apply(bill, paper.amendments, only)
        write_atomic(out, xml_bytes(amended.tree))
        return applied
    report: Report | None = None
    if paper is None:
        step("Setting the print …")
        doc = clean(bill)
    else:
        doc, report = as_amended(bill, paper, only, today=today or _today(), unmade=unmade)
    _write_printed(out, suffix, doc, templates, today, step)
    return report


def export_compare(
    old: Bill,
    new: Bill,
    out: str | os.PathLike[str],
    *,
    changes_only: bool = False,
    changes: Changes | None = None,
    author: str = "",
    date: str = "",
    names: tuple[str, str] | None = None,
    templates: Templates = None,
    step: Step = _quiet,
) -> Changes:
    """Write the new print whole with what changed since the old one marked (``author`` and
    ``date`` say who made the new version and when: Word's revision author and date), or
    with ``changes_only`` the list of changes; ``names`` says what to call the two (see
    :func:`drafter.export.printed.compared`). ``changes`` is their comparison when it was
    made already. Returns the comparison."""
    suffix = format_of("compare", out, (old.path, new.path), templates)
    if changes is None:
        step("Comparing …")
        changes = compare(old, new)
    if changes_only:
        _write_changes(out, suffix, changes, author, date)
        return changes
    step("Marking the changes on the new print …")
    doc = compared(old, new, changes, author=author, date=date or _today(), names=names)
    _write_printed(out, suffix, doc, templates, date, step)
    return changes


def export_paper_compare(
    old: Paper,
    new: Paper,
    out: str | os.PathLike[str],
    names: tuple[str, str],
    *,
    date: str = "",
) -> PaperChanges:
    """Write what changed between two versions of a paper (``names``: what to call them):
    HTML, PDF, or Word with each change a revision (a name's by that member). Returns the
    comparison."""
    from drafter.export.paper_compare import paper_title, render_html

    suffix = format_of("compare", out, ())
    changes = compare_papers(old, new, *names)
    title = paper_title(old, new)
    if suffix == ".docx":
        from drafter.export.docx import paper_changes_docx

        when = date or new.info.date or _today()  # the new version's own date
        write_atomic(out, paper_changes_docx(changes, *names, date=when, title=title))
    else:
        _write_html_or_pdf(out, suffix, render_html(changes, *names, title), _quiet)
    return changes


def _write_printed(
    out: str | os.PathLike[str],
    suffix: str,
    doc: PrintedBill,
    templates: Templates,
    today: str,
    step: Step,
) -> None:
    def word() -> bytes:
        from drafter.export.docx import bill_docx

        return bill_docx(doc, today=today or _today())

    _write_document(out, suffix, "bill.html", doc, doc.lords, word, templates, step)


def _write_document(
    out: str | os.PathLike[str],
    suffix: str,
    template: str,
    doc: PrintedBill | PrintedPaper,
    lords: bool,
    word: Callable[[], bytes],
    templates: Templates,
    step: Step,
) -> None:
    """A document in Word (``word`` makes it), or set from ``template`` as HTML or PDF (the
    Lords' variant of the templates for a Lords document)."""
    if suffix == ".docx":
        step("Writing the Word document …")
        write_atomic(out, word())
        return
    html = render(template, templates, "lords" if lords else "commons", doc=doc)
    _write_html_or_pdf(out, suffix, html, step)


def _write_changes(
    out: str | os.PathLike[str], suffix: str, changes: Changes, author: str, date: str
) -> None:
    if suffix == ".docx":
        from drafter.export.docx import changes_docx

        write_atomic(out, changes_docx(changes, author=author, date=date or _today()))
        return
    from drafter.export.compare import render_html

    _write_html_or_pdf(out, suffix, render_html(changes), _quiet)


def _write_html_or_pdf(out: str | os.PathLike[str], suffix: str, html: str, step: Step) -> None:
    if suffix == ".html":
        write_atomic(out, html.encode("utf-8"))
        return
    from drafter.export.pdf import pdf_bytes

    step("Setting the PDF's pages …")
    write_atomic(out, pdf_bytes(html))


def _require_same_bill(paper: Paper, bill: Bill, source: str | os.PathLike[str] = "") -> None:
    why = cited_elsewhere(paper.info, str(source or "the paper"), bill)
    if why:
        raise ExportError(why)


def _today() -> str:
    return datetime.date.today().isoformat()
