"""Bill repositories: every print and every amendment paper kept as versions in git.

A bill repository is an ordinary git repository that git itself reads well:

- the bill's Akoma Ntoso XML, stored with normalised formatting (one element per line where
  white space is insignificant, so that git's own diffs of a new version stay small);
- ``amendments/`` for amendment papers (the plain-text format reads best in git);
- ``.drafter.toml``, saying which file is the bill;
- ``.gitattributes`` with a textconv diff driver (``drafter textconv``) so that plain
  ``git diff`` and ``git log -p`` show the bill's printed text as ``PAGE:LINE  text``, and a
  merge driver for papers that merges amendment by amendment.

A version is a commit. What it is -- which print (bill number, stage) and which amendments
were applied to reach it -- is recorded in the commit's trailers (``Drafter-Print: HL Bill
101``, ``Drafter-Stage: …``, ``Drafter-Amendments: 1, 5``), so ``git log`` shows it too and
listing versions never loads a bill. Any version's bill is read straight from git's objects;
nothing is checked out.

Of all drafter, only ``repository`` imports git. Every failure a user can cause (a locked
index, no git identity, a detached HEAD, uncommitted changes, a conflicting pull, a corrupted
bill in history …) is a :class:`StoreError` with a one-line message.

The package: ``repository`` (the repository and its versions), ``canonical`` (the formatting a
bill is stored in), ``drivers`` (what git runs: the textconv view and the paper merge),
``finding`` (the bill a command line names) and ``errors``.
"""

from __future__ import annotations

from drafter.core.store.canonical import normalise, normalise_tree
from drafter.core.store.drivers import (
    MERGE_NOTE,
    PREFER_VARIABLE,
    RENUMBER_NOTE,
    PaperMerge,
    merge_papers,
    printed_text,
    replaying,
)
from drafter.core.store.errors import (
    BusyError,
    ConflictError,
    CorruptBillError,
    DetachedHeadError,
    IndexLockedError,
    NoIdentityError,
    NotABillRepositoryError,
    RemoteError,
    StoreError,
    UncommittedChangesError,
    UnknownRevisionError,
)
from drafter.core.store.finding import (
    bill_at,
    find_repo,
    init,
    is_revision_argument,
    load_bill_argument,
    open_repo,
)
from drafter.core.store.repository import (
    ACTS_DIR,
    AMENDMENTS_DIR,
    CONFIG_FILE,
    SCHEDULES_DIR,
    BillRepo,
    BlameLine,
    PullResult,
    Version,
    tag_name_for,
)

__all__ = [
    "ACTS_DIR",
    "AMENDMENTS_DIR",
    "CONFIG_FILE",
    "MERGE_NOTE",
    "PREFER_VARIABLE",
    "RENUMBER_NOTE",
    "SCHEDULES_DIR",
    "BillRepo",
    "BlameLine",
    "BusyError",
    "ConflictError",
    "CorruptBillError",
    "DetachedHeadError",
    "IndexLockedError",
    "NoIdentityError",
    "NotABillRepositoryError",
    "PaperMerge",
    "PullResult",
    "RemoteError",
    "StoreError",
    "UncommittedChangesError",
    "UnknownRevisionError",
    "Version",
    "bill_at",
    "find_repo",
    "init",
    "is_revision_argument",
    "load_bill_argument",
    "merge_papers",
    "normalise",
    "normalise_tree",
    "open_repo",
    "printed_text",
    "replaying",
    "tag_name_for",
]
