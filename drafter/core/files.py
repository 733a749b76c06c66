"""Writing files so that nothing is ever half-written: a temporary file beside the target,
flushed to disk, then renamed over it in one step."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from lxml import etree

from drafter.core.errors import UserError


class WriteError(UserError, OSError):
    """A file that cannot be written where the user asked (no such directory, a directory in
    the way, no permission, a full disk). An OSError too, for callers that catch those."""


def check_writable(path: str | os.PathLike[str]) -> Path:
    """``path`` as a Path, if a file can be put there: its directory exists and it is not a
    directory itself; WriteError saying which otherwise. Front ends call it before long work
    whose result goes to ``path``; :func:`write_atomic` calls it too."""
    target = Path(path)
    directory = target.parent
    if not directory.is_dir():
        if directory.exists():
            raise WriteError(f"cannot write {target}: {directory} is not a directory")
        raise WriteError(f"{directory}: no such directory")
    if target.is_dir():
        raise WriteError(f"{target} is a directory")
    return target


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; on any failure the old file is untouched.
    WriteError (one line naming the file) when it cannot be written."""
    target = check_writable(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as err:
        raise WriteError(f"cannot write {target}: {err.strerror or err}") from None
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
    except OSError as err:
        _remove(tmp)
        raise WriteError(f"cannot write {target}: {err.strerror or err}") from None
    except BaseException:
        _remove(tmp)
        raise


def _remove(tmp: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)


def xml_bytes(tree: etree._ElementTree) -> bytes:
    """Serialise a document as LawMaker does: UTF-8, with the XML declaration in double
    quotes (lxml's own declaration uses single quotes)."""
    return b'<?xml version="1.0" encoding="UTF-8"?>' + etree.tostring(tree, encoding="UTF-8")
