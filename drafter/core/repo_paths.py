"""The one rule for every path drafter reads or writes on a bill repository's behalf.

A bill repository is often a clone of someone else's, so the names in it (``.drafter.toml``'s
bill file, the papers, the drafts beside them) are not trusted: a name could be absolute,
climb out with ``..``, or be a symbolic link to a file elsewhere, and drafter would then
rewrite or publish that file. :func:`repository_path` is the rule, checked before anything is
read or written: the path is named relative to the repository, resolves inside it (not in
``.git``), is not itself a symbolic link, is a regular file (or a directory, when asked for
one) if it exists, and is no larger than a limit. It imports no git, so the app's drafts can
use it too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePath

from drafter.core.errors import UserError
from drafter.core.xml import MAX_BYTES

RULE = "drafter reads and writes only regular files inside the bill repository"


class UnsafePathError(UserError):
    """A path in a bill repository that would lead drafter outside it, or to something that is
    not a regular file."""


def repository_path(
    root: str | os.PathLike[str],
    name: str | os.PathLike[str],
    *,
    directory: bool = False,
    max_bytes: int = MAX_BYTES,
) -> Path:
    """``root / name`` when it obeys the rule (see the module); otherwise UnsafePathError
    naming the file and the rule. A path that does not exist yet is allowed (it will be
    created inside)."""
    shown = os.fspath(name)
    where = f"the bill repository {os.fspath(root)}"

    def refuse(why: str) -> UnsafePathError:
        return UnsafePathError(f"{shown}: refused: {why}; {RULE}")

    relative = PurePath(shown)
    if not shown.strip() or relative.is_absolute() or relative.drive:
        raise refuse(f"not a name relative to {where}")
    real_root = Path(os.path.realpath(root))
    path = Path(root) / relative
    real = Path(os.path.realpath(path))
    if real == real_root or not real.is_relative_to(real_root):
        raise refuse(f"it leads outside {where} (through .. or a symbolic link)")
    if real.relative_to(real_root).parts[0] == ".git":
        raise refuse("it is inside git's own directory .git")
    try:
        info = path.lstat()
    except FileNotFoundError:
        return path
    except OSError as err:
        raise refuse(f"cannot look at it ({err.strerror or err})") from None
    if stat.S_ISLNK(info.st_mode):
        raise refuse("it is a symbolic link")
    if directory:
        if not stat.S_ISDIR(info.st_mode):
            raise refuse("it is not a directory")
        return path
    if not stat.S_ISREG(info.st_mode):
        raise refuse("it is not a regular file")
    if info.st_size > max_bytes:
        raise refuse(f"it is {info.st_size} bytes, more than the limit of {max_bytes}")
    return path


__all__ = ["RULE", "UnsafePathError", "repository_path"]
