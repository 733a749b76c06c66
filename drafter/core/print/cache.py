"""Prints already read, kept on disk by content: opening a bill again costs no parse.

Reading a bill's print walks every node of its body in Python, which takes longer than
libxml2 takes to parse the file. What it produces (the printed text and its lines) depends
only on the bill's bytes and on drafter's reader, so it is kept in the user's cache
directory under a hash of both, as Python keeps bytecode. The lines are kept, the spans of
provisions and numbers as a column of offsets in document order (see
:meth:`Print.span_column`), and the bill's metadata; the rest of the way back from the print
to the XML holds elements of one parsed tree, and is read again when a lookup needs it. A
bill whose print is kept is parsed only when something needs its tree (see
:meth:`drafter.core.bill.Bill.from_bytes`).

Beside a print, its outline (see :mod:`drafter.core.outline`: the provisions, as a
comparison reads them) and the page it is set to (see
:attr:`drafter.core.print.printed.Print.own_page`: what a bill laid out again from it is set
to) are kept the same way once they have been worked out.

The cache can make drafter faster, never wrong or broken: an entry is checked against its
own digest when read, anything missing, unreadable or damaged is a miss, and a failed write
is ignored. Nor can anyone else make it lie: the cache is used only while its directories
are the user's own and private (mode 0700, made so when drafter makes them) and its entries
the user's own regular files; otherwise every lookup is a miss and nothing is written.
``DRAFTER_CACHE`` names the directory (default: ``$XDG_CACHE_HOME/drafter`` or
``~/.cache/drafter``).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import stat
import sys
import time
import unicodedata
from array import array
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from drafter.core.print.lines import LineColumns, Numbering

_FORMAT = 5
_DIGEST = 32  # bytes of SHA-256, in front of each entry's payload
_KEEP = 200  # entries kept; the oldest go first


def directory() -> Path:
    """Where cached prints are kept."""
    named = os.environ.get("DRAFTER_CACHE")
    if named:
        return Path(named)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "drafter"


@cache
def _reader_fingerprint() -> bytes:
    """A hash of the code that reads and lays out prints and fits their page, and of what it
    stands on (Python and its Unicode tables, which say what a word and a space are; lxml,
    whose wheels carry their libxml2): change any, and old entries are simply never found
    again. lxml's package gives its version without loading lxml itself, which a warm run
    never needs (an lxml built on the system's libxml2 keeps its version when libxml2 is
    upgraded: clear the cache then, should libxml2 ever read a file differently)."""
    digest = hashlib.sha256()
    import lxml

    digest.update(repr((sys.version, unicodedata.unidata_version)).encode())
    digest.update(repr(lxml.__version__).encode())  # type: ignore[attr-defined]  # not in its stubs
    core = Path(__file__).parent.parent
    for module in (
        "akn.py",
        "xml.py",
        "bill.py",
        "provisions.py",
        "outline.py",
        "print/reading.py",
        "print/printed.py",
        "print/linebreak.py",
        "print/earlier.py",  # the lines a print's page is fitted on (Print.own_page)
        "print/lines.py",
        "print/cache.py",
    ):
        digest.update((core / module).read_bytes())
    return digest.digest()


def entry(data: bytes) -> Path:
    """The cache file for the print of a bill file holding ``data``."""
    key = hashlib.sha256(_reader_fingerprint())
    key.update(data)
    return directory() / "prints" / f"{key.hexdigest()[:40]}.print"


class Cached(NamedTuple):
    text: str
    lines: LineColumns
    source: Numbering
    span_column: list[int]
    #: the bill's ``<references>``, by eId (see :attr:`Bill.metadata`)
    references: dict[str, str]
    #: the words of its ``<docTitle>``
    doc_title: str


def writable() -> bool:
    """Can prints be kept (the cache directory is, or can be made, the user's own and
    private)?"""
    return _private(directory() / "prints", make=True)


def _private(folder: Path, make: bool = False) -> bool:
    """Are ``folder`` and the cache directory above it the user's own, and no one else's to
    write or read (mode 0700)? With ``make``, they are made so when missing, and a directory
    of the user's own that others may open is closed to them."""
    for place in (folder.parent, folder):
        try:
            info = place.lstat()
        except FileNotFoundError:
            if not make:
                return False
            try:
                place.mkdir(mode=0o700, parents=True, exist_ok=True)
                info = place.lstat()
            except OSError:
                return False
        except OSError:
            return False
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            return False
        if info.st_mode & 0o077:
            if not make:
                return False
            try:
                place.chmod(0o700)
            except OSError:
                return False
    return True


def _read(place: Path) -> Any:
    """What is kept at ``place``, if it is there whole and is what was written there (None if
    not): each entry names its own key, so one put in another's place is a miss; and only
    the user's own file in the user's own private cache is read."""
    if not _private(place.parent):
        return None
    try:
        fd = os.open(place, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
            return None
        try:
            blob = fh.read()
        except OSError:
            return None
    payload = blob[_DIGEST:]
    if hashlib.sha256(payload).digest() != blob[:_DIGEST]:
        return None
    try:
        key, kept = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    return kept if key == place.stem else None


def load(place: Path) -> Cached | None:
    """The print kept at ``place`` (see :func:`entry`), if there is one and it is sound."""
    kept = _read(place)
    try:
        version, source, text, columns, eid_names, tables, spans, references, title = kept
        if version != _FORMAT or not isinstance(text, str):
            return None
        if not (isinstance(references, dict) and isinstance(title, str)):
            return None
        pages, numbers, starts, ends, eids = (unpack_ints(column) for column in columns)
        span_column = unpack_ints(spans)
        names = [eid_names[i] for i in eids]
    except (EOFError, ValueError, TypeError, IndexError):
        return None
    if not len(pages) == len(numbers) == len(starts) == len(ends) == len(names):
        return None
    if not (isinstance(tables, dict) and all(0 <= i < len(pages) for i in tables)):
        return None
    lines = LineColumns(pages, numbers, starts, ends, names, tables)
    return Cached(text, lines, source, span_column, references, title)


def save(
    place: Path,
    text: str,
    lines: LineColumns,
    source: Numbering,
    spans: list[int],
    references: dict[str, str],
    doc_title: str,
) -> None:
    """Keep a print at ``place`` for next time; any failure to write is ignored."""
    eid_names = sorted(set(lines.eids))
    index = {name: i for i, name in enumerate(eid_names)}
    columns = [
        pack_ints(lines.pages),
        pack_ints(lines.numbers),
        pack_ints(lines.starts),
        pack_ints(lines.ends),
        pack_ints([index[eid] for eid in lines.eids]),
    ]
    _write(
        place,
        (
            _FORMAT,
            source,
            text,
            columns,
            eid_names,
            lines.tables,
            pack_ints(spans),
            references,
            doc_title,
        ),
    )


#: what is kept beside a print, each in a file of its own named by its suffix: the print's
#: outline (:mod:`drafter.core.outline`), and the page it is set to
#: (:attr:`drafter.core.print.printed.Print.own_page`)
BESIDE = (".outline", ".page")


def load_beside(place: Path, kind: str) -> object:
    """What is kept beside the print kept at ``place`` as ``kind`` (one of :data:`BESIDE`),
    as :func:`save_beside` was given it; None if nothing is."""
    kept = _read(place.with_suffix(kind))
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == _FORMAT:
        return kept[1]
    return None


def save_beside(place: Path, kind: str, kept: tuple[Any, ...]) -> None:
    """Keep ``kept`` (what marshal can write) beside the print kept at ``place``, as ``kind``
    (one of :data:`BESIDE`)."""
    _write(place.with_suffix(kind), (_FORMAT, kept))


def _write(place: Path, kept: Any) -> None:
    """Keep ``kept`` at ``place``, whole or not at all; any failure to write is ignored."""
    payload = marshal.dumps((place.stem, kept))
    if not _private(place.parent, make=True):
        return  # someone else's, or open to others: drafter keeps nothing there
    try:
        fd, tmp = _new_file(place.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(hashlib.sha256(payload).digest())
                fh.write(payload)
            os.replace(tmp, place)  # whole or not at all; no fsync: a lost entry is a miss
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        _prune(place.parent)
    except OSError:
        return


def _new_file(folder: Path) -> tuple[int, Path]:
    """A new file of the user's own in ``folder`` (mode 0600), open for writing, under a name
    no one else can have taken: what ``tempfile.mkstemp`` does, without the 5 ms that
    importing ``tempfile`` (and ``shutil``, ``random``, the compression modules) costs a
    command that writes its first print."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    for name in ("O_NOFOLLOW", "O_CLOEXEC", "O_BINARY"):
        flags |= getattr(os, name, 0)
    while True:
        tmp = folder / f".{os.urandom(8).hex()}.tmp"
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:  # one chance in 2^64: another name
            continue


def pack_ints(numbers: list[int], code: str = "q") -> bytes:
    """A column of numbers as bytes to keep (``code``: the array type; "i" for four bytes)."""
    return array(code, numbers).tobytes()


def unpack_ints(packed: bytes, code: str = "q") -> list[int]:
    """The numbers :func:`pack_ints` kept; ValueError or TypeError if they are not that."""
    column = array(code)
    column.frombytes(packed)
    return column.tolist()


#: seconds after which a temporary file of a write cut short (a reader stopped) is removed
_STALE = 3600


def _prune(folder: Path) -> None:
    files = list(folder.iterdir())  # one listing, after every write
    now = time.time()
    for unfinished in (p for p in files if p.name.startswith(".") and p.suffix == ".tmp"):
        with contextlib.suppress(OSError):
            if now - unfinished.lstat().st_mtime > _STALE:
                unfinished.unlink()
    entries = [p for p in files if p.suffix == ".print"]  # what is beside goes with it
    printed = {p.stem for p in entries}
    for orphan in (p for p in files if p.suffix in BESIDE and p.stem not in printed):
        with contextlib.suppress(OSError):
            orphan.unlink()
    if len(entries) <= _KEEP:
        return
    by_age = sorted(entries, key=lambda p: p.stat().st_mtime)
    for old in by_age[: len(entries) - _KEEP]:
        for kept in (old, *(old.with_suffix(kind) for kind in BESIDE)):
            with contextlib.suppress(OSError):
                kept.unlink()
