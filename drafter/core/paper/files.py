"""Papers as files: loading either format (told apart by content) and saving atomically."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.core.file_kind import is_xml
from drafter.core.files import write_atomic
from drafter.core.paper.lawmaker_xml import EntriesRead, paper_from_xml, read_paper, write_paper_xml
from drafter.core.paper.model import Paper, PaperError
from drafter.core.paper.text_format import read_paper_bytes, read_paper_text, write_paper_text
from drafter.core.xml import XMLInputError, other_kind

if TYPE_CHECKING:
    from drafter.core.bill import Bill

# --- files -----------------------------------------------------------------------------------


def paper_beside(bill: Path) -> Path:
    """The paper a bill opened without one drafts into, and opens again next time:
    ``<bill>-amendments.txt`` beside the bill, or in the current folder when the bill's
    cannot be written (a bill opened from a shared or read-only place)."""
    folder = bill.parent if os.access(bill.parent, os.W_OK) else Path.cwd()
    return folder / f"{bill.stem}-amendments.txt"


def load_paper(
    path: str | os.PathLike[str], *, strict: bool = False, shared: EntriesRead | None = None
) -> Paper:
    """Read a paper in either format, told apart by its content: XML starts with "<".
    ``shared``: see :func:`~drafter.core.paper.lawmaker_xml.read_paper`."""
    name = os.fspath(path)
    data = read_paper_bytes(path, name)
    what = other_kind(data, "an amendment paper (LawMaker XML, or drafter's text format)")
    if what:
        raise PaperError(name, what, 1)
    if name.lower().endswith(".xml") and not is_xml(data):  # a text paper is a .txt
        said = "empty file" if not data.strip() else "not XML"
        raise PaperError(name, f"{said}: expected a LawMaker amendment paper", 1)
    if is_xml(data):
        try:
            return read_paper(path, strict=strict, shared=shared)
        except XMLInputError as err:
            raise PaperError(name, err.reason, err.line, column=err.column) from None
    return read_paper_text(Path(path), path=name, strict=strict)


def load_papers(old: str | os.PathLike[str], new: str | os.PathLike[str]) -> tuple[Paper, Paper]:
    """Two versions of a paper, to compare: an amendment they have word for word is read
    once."""
    shared: EntriesRead = {}
    return load_paper(old, shared=shared), load_paper(new, shared=shared)


def paper_from_bytes(data: bytes, name: str) -> Paper:
    """A paper in either format from its bytes (as git keeps it), ``name`` for messages."""
    if is_xml(data):
        try:
            return paper_from_xml(data, name)
        except XMLInputError as err:
            raise PaperError(name, err.reason, err.line, column=err.column) from None
    return read_paper_text(data.decode("utf-8-sig", "replace"), path=name)


def save_paper(paper: Paper, path: str | os.PathLike[str], bill: Bill | None = None) -> None:
    """Write a paper atomically: Akoma Ntoso for a ``.xml`` file (``bill`` as for
    :func:`write_paper_xml`), the text format otherwise."""
    if os.fspath(path).lower().endswith(".xml"):
        data = write_paper_xml(paper, bill)
    else:
        data = write_paper_text(paper).encode("utf-8")
    write_atomic(path, data)
