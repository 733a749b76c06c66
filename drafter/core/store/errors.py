"""The failures a user can cause in a bill repository, each a :class:`StoreError` with a
one-line message."""

from __future__ import annotations

from drafter.core.errors import UserError


class StoreError(UserError):
    """A bill repository operation that cannot be done as asked."""


class NotABillRepositoryError(StoreError):
    """The directory is not (inside) a bill repository."""


class IndexLockedError(StoreError):
    """Another git process holds ``.git/index.lock``."""


class NoIdentityError(StoreError):
    """git does not know who the drafter is (user.name / user.email)."""


class DetachedHeadError(StoreError):
    """HEAD is not on a branch, so a new version would belong to no branch."""


class UncommittedChangesError(StoreError):
    """The working files have changes that an operation would overwrite."""


class UnknownRevisionError(StoreError):
    """A revision that names no version."""


class CorruptBillError(StoreError):
    """A version whose bill file is missing or does not parse."""


class BusyError(StoreError):
    """Another drafter holds the repository's lock for one of drafter's own operations."""


class ConflictError(StoreError):
    """Both sides of a pull changed the same thing; nothing was merged."""


class RemoteError(StoreError):
    """A push or pull that git could not do."""
