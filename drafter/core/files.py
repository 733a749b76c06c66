"""Writing files so that nothing is ever half-written: a temporary file beside the target,
flushed to disk, then renamed over it in one step."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from lxml import etree


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; on any failure the old file is untouched."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def xml_bytes(tree: etree._ElementTree) -> bytes:
    """Serialise a document as LawMaker does: UTF-8, with the XML declaration in double
    quotes (lxml's own declaration uses single quotes)."""
    return b'<?xml version="1.0" encoding="UTF-8"?>' + etree.tostring(tree, encoding="UTF-8")
