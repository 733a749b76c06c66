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
