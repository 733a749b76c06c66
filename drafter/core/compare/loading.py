"""Reading the prints to compare, all at once.

A comparison reads each bill's print and outline (see :mod:`drafter.core.outline`); a bill
read before has them in the print cache, and a new print is read from its tree, which takes
longer than libxml2 takes to parse it. Two new prints are independent work, so on a machine
with a core to spare each but the first is read in a process of its own (a fork: no start-up
cost, nothing to send), which keeps what it read in the print cache; this process reads the
first meanwhile, then loads the others from the cache. A diff of two new prints of a big bill
then takes about the time of one.

Nothing rests on a reader: if it fails, or the cache cannot be written, the bill is read here
as though it had never been tried, and anything wrong with it is said here, in the order the
bills were named. When this process stops with an error (or Ctrl+C), its readers are stopped
too: their work is not waited for; when it is killed, the kernel stops them (on Linux).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterable, Sequence

from drafter.core.bill import Bill
from drafter.core.print import cache as print_cache
from drafter.core.xml import XMLInputError, read_file

#: signals held back while a reader is forked, until it is in the reader's own hands
_HELD = frozenset({signal.SIGINT, signal.SIGTERM})


def load_to_compare(paths: Sequence[str | os.PathLike[str]]) -> list[Bill]:
    """The bills at ``paths``, as :meth:`Bill.load` reads them, each with its print and
    outline read (the new ones at once, see the module)."""
    try:
        data = [read_file(path) for path in paths]
    except XMLInputError:  # each parsed in turn, so that what is wrong is said in order
        return [_read(bill) for bill in [Bill.load(path) for path in paths]]
    places = [print_cache.entry(blob) for blob in data]
    new = [i for i, place in enumerate(places) if place not in places[:i] and not place.is_file()]
    elsewhere = new[1 : _cores()] if len(new) > 1 and _can_fork() else []
    readers = _fork_readers([(data[i], paths[i]) for i in elsewhere])
    try:
        bills = []
        for i, (blob, path) in enumerate(zip(data, paths, strict=True)):
            if i in elsewhere:
                _wait(readers)  # read beside the ones before: now in the cache
            bills.append(_read(Bill.from_bytes(blob, path)))
    except BaseException:  # an error to say, or the user gave up: the readers' work is not wanted
        for pid in readers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        raise
    finally:
        _wait(readers)
    return bills


def _read(bill: Bill) -> Bill:
    bill.outline  # noqa: B018 (and the print it stands on)
    return bill


def _can_fork() -> bool:
    """Can a forked reader run beside this process, and keep what it reads? Only where fork
    is safe (no other thread: a fork copies only this one, and any lock another held), and
    with a cache it can write."""
    if not hasattr(os, "fork") or sys.platform == "darwin":  # macOS's own libraries: no fork
        return False
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return False
    return print_cache.writable()


def _cores() -> int:
    """The cores this process may run on: one reader for each but its own."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _fork_readers(work: list[tuple[bytes, str | os.PathLike[str]]]) -> list[int]:
    """Start a reader for each bill in ``work``; their process ids."""
    pids = []
    for blob, path in work:
        for stream in (sys.stdout, sys.stderr):  # nothing buffered is written twice
            if stream is not None:
                with contextlib.suppress(Exception):  # closed: nothing waits in it
                    stream.flush()
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
        parent = os.getpid()
        try:
            pid = os.fork()
            if pid == 0:
                _read_and_keep(blob, path, held, parent)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        pids.append(pid)
    return pids


def _read_and_keep(
    blob: bytes, path: str | os.PathLike[str], signals: Iterable[int], parent: int
) -> None:
    """In a forked reader: read the bill's print and outline into the cache, say nothing,
    and leave without running anything of the process it was forked from (``signals``: the
    mask to restore, inside the ``try``: Ctrl+C ends the reader here, never in the caller;
    ``parent``: that process, which the reader does not outlive)."""
    status = 1
    try:
        _end_with(parent)
        signal.pthread_sigmask(signal.SIG_SETMASK, signals)
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1), os.dup2(quiet, 2)
        Bill.from_bytes(blob, path).outline  # noqa: B018 (kept in the cache as it is read)
        status = 0
    finally:
        os._exit(status)


#: prctl(2)'s option that has the kernel signal a process when its parent ends
_PR_SET_PDEATHSIG = 1


def _end_with(parent: int) -> None:
    """Have the kernel end this reader when ``parent`` ends, however it ends (a SIGTERM or
    SIGKILL runs none of its clean-up): the reader's work is for it alone. Linux only, and
    best effort: elsewhere, or if the kernel refuses, such a reader finishes its bill and
    keeps it in the cache, as before."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes  # only in a reader

    try:
        prctl = ctypes.CDLL(None).prctl
    except (OSError, AttributeError):  # no C library to ask
        return
    prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it ended before the kernel was told
        os._exit(1)


def _wait(pids: list[int]) -> None:
    """Wait for every reader in ``pids`` to end, taking each off the list once it has."""
    while pids:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pids[-1], 0)
        pids.pop()
