"""Writing files so that nothing is ever half-written: a temporary file beside the target,
flushed to disk, then renamed over it in one step.

Only a regular file is ever replaced: a device (``-o /dev/null``), a pipe or a symbolic link
at the target is refused, because renaming over it would put a plain file in its place. A
new file gets the mode the user's umask gives it, as any other program's would. A temporary
file that a killed process left behind (``.OUT.<pid>.<random>.tmp``) is removed by the next
write beside it, once its process is gone."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Mapping
from pathlib import Path

from drafter.core.errors import UserError
from drafter.core.etree import etree


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Are ``a`` and ``b`` one file (by any name: a link, a relative path)?"""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them is not there
        return Path(a).resolve() == Path(b).resolve()


class WriteError(UserError, OSError):
    """A file that cannot be written where the user asked (no such directory, a directory in
    the way, no permission, a full disk). An OSError too, for callers that catch those."""


def check_writable(path: str | os.PathLike[str], reads: Mapping[str, str] | None = None) -> Path:
    """``path`` as a Path, if a file can be put there: its directory exists, nothing but a
    regular file that may be written stands at it, and it is none of the files the command
    ``reads`` (each named by what it is: "the bill"), which writing there would destroy;
    WriteError saying which otherwise. Front ends call it before long work whose result goes
    to ``path``; :func:`write_atomic` calls it too."""
    target = Path(path)
    for source, what in (reads or {}).items():
        if same_file(target, source):
            raise WriteError(
                f"{target} is {what} this command reads: write to another file (the output "
                "would replace it)"
            )
    directory = target.parent
    if not directory.is_dir():
        if directory.exists():
            raise WriteError(f"cannot write {target}: {directory} is not a directory")
        raise WriteError(f"{directory}: no such directory")
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return target
    except OSError as err:
        raise WriteError(f"cannot write {target}: {err.strerror or err}") from None
    if stat.S_ISDIR(mode):
        raise WriteError(f"{target} is a directory")
    if stat.S_ISLNK(mode):
        raise WriteError(
            f"cannot write {target}: it is a symbolic link, and drafter replaces only regular "
            "files (write to the file it points to)"
        )
    if not stat.S_ISREG(mode):
        raise WriteError(
            f"cannot write {target}: it is not a regular file (a device or a pipe), and "
            "drafter replaces only regular files"
        )
    if not mode & 0o222 or not os.access(target, os.W_OK):
        # replacing it would go round its permissions (a new file is renamed over it)
        raise WriteError(
            f"cannot write {target}: it is read-only; make it writable (chmod u+w) or write "
            "to another file"
        )
    return target


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; on any failure the old file is untouched.
    WriteError (one line naming the file) when it cannot be written."""
    target = check_writable(path)
    _clear_strays(target)
    tmp = target.parent / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        # 0o666 less the umask, as open() gives any new file; an old file keeps its mode
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666)
    except OSError as err:
        raise WriteError(f"cannot write {target}: {err.strerror or err}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        os.replace(tmp, target)
    except OSError as err:
        _remove(tmp)
        raise WriteError(f"cannot write {target}: {err.strerror or err}") from None
    except BaseException:
        _remove(tmp)
        raise


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _clear_strays(target: Path) -> None:
    """Remove the temporary files of earlier writes to ``target`` whose process is gone (a
    write killed before its rename). A write still under way keeps its own."""
    for stray in target.parent.glob(f".{_glob_escape(target.name)}.*.tmp"):
        parts = stray.name[len(target.name) + 2 : -len(".tmp")].split(".")
        if len(parts) != 2 or not parts[0].isdigit():
            continue
        if not _alive(int(parts[0])):
            _remove(str(stray))


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: it exists
    return True


def _remove(tmp: str | Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)


def xml_bytes(tree: etree._ElementTree) -> bytes:
    """Serialise a document as LawMaker does: UTF-8, with the XML declaration in double
    quotes (lxml's own declaration uses single quotes)."""
    return b'<?xml version="1.0" encoding="UTF-8"?>' + etree.tostring(tree, encoding="UTF-8")
