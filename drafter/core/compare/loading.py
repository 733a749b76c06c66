"""Reading the prints to compare, all at once.

A comparison reads each bill's print and outline (see :mod:`drafter.core.outline`); a bill
read before has them in the print cache, and a new print is read from its tree, which takes
longer than libxml2 takes to parse it. Two new prints are independent work, so on a machine
with a core to spare each but the first is read in a process of its own (a fork: no start-up
cost, nothing to send), which keeps what it read in the print cache; this process reads the
first meanwhile, then loads the others from the cache. A diff of two new prints of a big bill
then takes about the time of one.

Nothing rests on the helper: if it fails, or the cache cannot be written, the bill is read
here as though it had never been tried, and anything wrong with it is said here.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence

from drafter.core.bill import Bill
from drafter.core.print import cache as print_cache
from drafter.core.xml import read_file


def load_to_compare(paths: Sequence[str | os.PathLike[str]]) -> list[Bill]:
    """The bills at ``paths``, as :meth:`Bill.load` reads them, each with its print and
    outline read (the new ones at once, see the module)."""
    data = [read_file(path) for path in paths]  # a file that cannot be read: said first
    places = [print_cache.entry(blob) for blob in data]
    new = [i for i, place in enumerate(places) if place not in places[:i] and not place.is_file()]
    elsewhere = new[1:] if len(new) > 1 and _cores_to_spare() else []
    helpers = _fork_readers([(data[i], paths[i]) for i in elsewhere])
    try:
        bills = []
        for i, (blob, path) in enumerate(zip(data, paths, strict=True)):
            if i in elsewhere:
                _wait(helpers)  # read beside the ones before: now in the cache
            bill = Bill.from_bytes(blob, path)
            bill.outline  # noqa: B018 (and the print it stands on)
            bills.append(bill)
    finally:
        _wait(helpers)
    return bills


def _cores_to_spare() -> bool:
    """Can a forked reader run beside this process, and keep what it reads? Only where fork
    is safe (no other thread: a fork copies only this one, and any lock another held), with
    more than one core, and a cache it can write."""
    if not hasattr(os, "fork") or sys.platform == "darwin":  # macOS's own libraries: no fork
        return False
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) > 1 and print_cache.writable()


def _fork_readers(work: list[tuple[bytes, str | os.PathLike[str]]]) -> list[int]:
    """Start a reader for each bill in ``work``; their process ids."""
    pids = []
    for blob, path in work:
        sys.stdout.flush(), sys.stderr.flush()  # nothing buffered is written twice
        pid = os.fork()
        if pid == 0:
            _read_and_keep(blob, path)
        pids.append(pid)
    return pids


def _read_and_keep(blob: bytes, path: str | os.PathLike[str]) -> None:
    """In a forked reader: read the bill's print and outline into the cache, say nothing,
    and leave without running anything of the process it was forked from."""
    status = 1
    try:
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1), os.dup2(quiet, 2)
        Bill.from_bytes(blob, path).outline  # noqa: B018 (kept in the cache as it is read)
        status = 0
    finally:
        os._exit(status)


def _wait(pids: list[int]) -> None:
    """Wait for every reader in ``pids`` to end (and empty the list)."""
    while pids:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pids.pop(), 0)
