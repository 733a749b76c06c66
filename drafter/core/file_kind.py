"""What a file holds, told by its opening: an amendment paper or a bill. Kept apart from the
paper reader so that a command given two bills (``drafter diff``) need not import it."""

from __future__ import annotations

import os
from typing import Literal


def file_kind(path: str | os.PathLike[str]) -> Literal["paper", "xml", ""]:
    """What ``path`` holds, by its opening (reading it says what is wrong with it): a
    "paper" (drafter's text, or XML whose document is an ``amendmentList``), other "xml"
    (a bill), or "" (empty, or not a regular file: a FIFO would block)."""
    if not os.path.isfile(path):
        return ""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8192)
    except OSError:
        return ""
    if not head.strip():
        return ""
    return "paper" if not is_xml(head) or b"<amendmentList" in head else "xml"


def is_xml(data: bytes) -> bool:
    """Does ``data`` open as XML does (after any byte-order mark)? A paper in drafter's text
    format never does."""
    return data.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<")
