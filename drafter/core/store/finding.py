"""Finding the bill a command line names: a file, or a version in the bill repository that
holds the working directory."""

from __future__ import annotations

import os

from drafter.core.bill import Bill
from drafter.core.store.errors import NotABillRepositoryError, UnknownRevisionError
from drafter.core.store.repository import BillRepo


def init(directory: str | os.PathLike[str], bill_path: str | os.PathLike[str]) -> BillRepo:
    """Make a bill repository (see :meth:`BillRepo.init`)."""
    return BillRepo.init(directory, bill_path)


def open_repo(path: str | os.PathLike[str] = ".") -> BillRepo:
    return BillRepo.open(path)


def bill_at(repo: BillRepo | str | os.PathLike[str], rev: str) -> Bill:
    """A version's bill, read from git's objects: ``repo`` is a BillRepo or a directory."""
    store = repo if isinstance(repo, BillRepo) else BillRepo.open(repo)
    return store.bill_at(rev)


def find_repo(cwd: str | os.PathLike[str] = ".") -> BillRepo | None:
    """The bill repository holding ``cwd``, or None."""
    try:
        return BillRepo.open(cwd)
    except NotABillRepositoryError:
        return None


def load_bill_argument(arg: str, cwd: str | os.PathLike[str] = ".") -> Bill:
    """A bill named on the command line: an existing file is read as a file; otherwise,
    inside a bill repository, ``arg`` is a revision (commit, branch, tag or a tag's display
    name) and that version's bill is read from git. This is the hook for ``drafter diff``
    and ``drafter show``."""
    if os.path.lexists(arg):
        return Bill.load(arg)
    store = find_repo(cwd)
    if store is None:
        return Bill.load(arg)  # reports "no such file"
    try:
        return store.bill_at(arg)
    except UnknownRevisionError:
        raise UnknownRevisionError(
            f"{arg}: no such file, and no such version in the bill repository {store.root}"
        ) from None


def is_revision_argument(arg: str, cwd: str | os.PathLike[str] = ".") -> bool:
    """True when ``arg`` is not a file but a revision of the bill repository holding ``cwd``."""
    if os.path.lexists(arg):
        return False
    store = find_repo(cwd)
    if store is None:
        return False
    try:
        store.resolve(arg)
    except UnknownRevisionError:
        return False
    return True
