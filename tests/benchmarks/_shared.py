"""Where the benchmarks find the real bills and papers: ``../shared/data`` beside the
repository (as tests/conftest.py says for the tests). Imported by the benchmark scripts,
which run with this folder on ``sys.path``."""

import contextlib
import ctypes
import gc
import time
from collections.abc import Callable
from pathlib import Path

DATA = (Path(__file__).resolve().parents[2] / ".." / "shared" / "data").resolve()
BILLS = DATA / "bills"
RENTERS = BILLS / "renters-rights-bill-hc127.xml"


def best(job: Callable[[], int], repeat: int) -> tuple[float, int]:
    """The fastest of ``repeat`` runs of ``job`` (seconds), and what its last run made."""
    times, made = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        made = job()
        times.append(time.perf_counter() - start)
    return min(times), made


def settle_heap() -> None:
    """Finish freeing what earlier runs let go of, before a clock starts: glibc puts off part
    of the work of freeing many small blocks (a bill's tree and print are millions) until the
    next large allocation, which would otherwise land in whichever run comes next."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing put off to do
        ctypes.CDLL("libc.so.6").malloc_trim(0)
