"""Papers as files: loading either format (told apart by content) and saving atomically."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.core.files import write_atomic
from drafter.core.paper.lawmaker_xml import paper_from_xml, read_paper, write_paper_xml
from drafter.core.paper.model import Paper, PaperError
from drafter.core.paper.text_format import read_paper_bytes, read_paper_text, write_paper_text
from drafter.core.xml import XMLInputError

if TYPE_CHECKING:
    from drafter.core.bill import Bill

# --- files -----------------------------------------------------------------------------------


def load_paper(path: str | os.PathLike[str], *, strict: bool = False) -> Paper:
    """Read a paper in either format, told apart by its content: XML starts with "<"."""
    name = os.fspath(path)
    data = read_paper_bytes(path, name)
    start = data.removeprefix(b"\xef\xbb\xbf").lstrip()
    if start.startswith(b"<"):
        try:
            return read_paper(path, strict=strict)
        except XMLInputError as err:
            raise PaperError(name, err.reason, err.line) from None
    return read_paper_text(Path(path), path=name, strict=strict)


def looks_like_paper(path: str | os.PathLike[str]) -> bool:
    """Is ``path`` a file that reads as a paper rather than a bill: plain text (drafter's
    format), or XML whose document is an ``amendmentList``? (Its opening is enough to tell;
    reading it says what is wrong with it.)"""
    if not os.path.isfile(path):  # not a regular file (a FIFO would block): not a paper
        return False
    try:
        with open(path, "rb") as fh:
            head = fh.read(8192)
    except OSError:
        return False
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return bool(start) and (not start.startswith(b"<") or b"<amendmentList" in head)


def paper_from_bytes(data: bytes, name: str) -> Paper:
    """A paper in either format from its bytes (as git keeps it), ``name`` for messages."""
    start = data.removeprefix(b"\xef\xbb\xbf").lstrip()
    if start.startswith(b"<"):
        try:
            return paper_from_xml(data, name)
        except XMLInputError as err:
            raise PaperError(name, err.reason, err.line) from None
    return read_paper_text(data.decode("utf-8-sig", "replace"), path=name)


def save_paper(paper: Paper, path: str | os.PathLike[str], bill: Bill | None = None) -> None:
    """Write a paper atomically: Akoma Ntoso for a ``.xml`` file (``bill`` as for
    :func:`write_paper_xml`), the text format otherwise."""
    if os.fspath(path).lower().endswith(".xml"):
        data = write_paper_xml(paper, bill)
    else:
        data = write_paper_text(paper).encode("utf-8")
    write_atomic(path, data)
