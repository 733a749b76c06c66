"""Pausing Python's cycle collector while drafter builds many small objects at once.

Reading a print allocates tens of thousands of small tuples, and comparing two prints a tuple
per word and per provision; none of them makes a cycle. Left running, the collector would walk
them again and again, and on a large bill that costs as much as the work itself."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause the cycle collector for the block (if it was running), and start it again after."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
