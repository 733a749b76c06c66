"""Two new prints to compare are read at once, one of them in a forked reader that keeps what
it reads in the print cache: the comparison is the same as read one after the other, and
nothing rests on the reader (a bill it cannot read is read here, and what is wrong said, in
the order the bills were named; a reader is never left behind)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter.core.compare import compare, loading
from drafter.core.print import cache as print_cache
from drafter.core.xml import read_file
from drafter.export.compare import render_text

from .conftest import REPO_ROOT, shared_data_dir

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or sys.platform == "darwin", reason="bills are read in turn here"
)

BILLS = shared_data_dir() / "bills"
HL54 = BILLS / "social-housing-regulation-bill-hl54.xml"
HL60 = BILLS / "social-housing-regulation-bill-hl60.xml"
SAMPLE = REPO_ROOT / "bills" / "crime-and-policing-bill.xml"

#: load_to_compare in a process of its own (a fork needs a process with one thread and a
#: cache of its own) as on a machine with two cores, counting the readers it forks and
#: printing the comparison; with "kill" as the last argument, each reader is killed at once
_LOAD = """
import os, signal, sys
from drafter.core.compare import compare, loading
from drafter.export.compare import render_text
loading._cores = lambda: 2
kill = sys.argv[-1] == "kill"
forks = []
fork = os.fork
def counted():
    pid = fork()
    if pid:
        forks.append(pid)
        if kill:
            os.kill(pid, signal.SIGKILL)
    return pid
os.fork = counted
old, new = loading.load_to_compare(sys.argv[1:3])
print(len(forks))
print(render_text(compare(old, new), 5))
"""


def _load_in_a_process(cache: Path, *paths: Path, kill: bool = False) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-c", _LOAD, *map(str, paths), "kill" if kill else "keep"],
        capture_output=True,
        text=True,
        env={**os.environ, "DRAFTER_CACHE": str(cache)},
        check=True,
    )
    forks, _, said = done.stdout.partition("\n")
    return int(forks), said


def _one_after_the_other(old: Path, new: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DRAFTER_CACHE", str(cache))
    monkeypatch.setattr(loading, "_cores", lambda: 1)
    a, b = loading.load_to_compare([old, new])
    return render_text(compare(a, b), 5) + "\n"


def test_two_new_prints_are_read_at_once_and_compare_as_read_in_turn(
    shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    forks, said = _load_in_a_process(cache, HL54, HL60)
    assert forks == 1  # HL60 was read by a reader of its own …
    monkeypatch.setenv("DRAFTER_CACHE", str(cache))
    for path in (HL54, HL60):  # … which kept its print and outline for this process
        place = print_cache.entry(read_file(path))
        assert place.is_file() and place.with_suffix(".outline").is_file()
    assert said == _one_after_the_other(HL54, HL60, tmp_path / "alone", monkeypatch)
    # read before: nothing to read, no reader
    assert _load_in_a_process(cache, HL54, HL60) == (0, said)


def test_a_print_read_before_or_twice_needs_no_reader(shared_data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert _load_in_a_process(cache, HL54, HL54)[0] == 0  # one print, read once
    assert _load_in_a_process(cache, HL54, HL60)[0] == 0  # only HL60 is new: read here


def test_no_reader_without_a_cache_to_keep_what_it_reads(
    shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file, not a folder")
    forks, said = _load_in_a_process(not_a_folder, HL54, HL60)
    assert forks == 0
    assert said == _one_after_the_other(HL54, HL60, tmp_path / "alone", monkeypatch)


def test_a_reader_killed_is_read_for_here(
    shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forks, said = _load_in_a_process(tmp_path / "cache", HL54, HL60, kill=True)
    assert forks == 1
    assert said == _one_after_the_other(HL54, HL60, tmp_path / "alone", monkeypatch)


def test_a_diff_with_its_error_stream_closed_still_prints_the_changes(
    shared_data: Path, tmp_path: Path
) -> None:
    """The readers are forked with what waits in stdout and stderr written first; a closed
    stream has nothing waiting (and is no error)."""
    env = {**os.environ, "DRAFTER_CACHE": str(tmp_path / "cache")}
    runs = [
        subprocess.run(
            [sys.executable, "-m", "drafter.cli", "diff", str(HL54), str(HL60)],
            capture_output=True,
            text=True,
            env=env,
            preexec_fn=(lambda: os.close(2)) if closed else None,
        )
        for closed in (True, False)  # the first reads both prints, the second the cache
    ]
    assert [r.returncode for r in runs] == [1, 1]
    assert runs[0].stdout == runs[1].stdout and "Clause 1" in runs[0].stdout


@pytest.fixture
def readers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[int]:
    """The readers forked in this test (and an empty cache, so the prints are new)."""
    monkeypatch.setenv("DRAFTER_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(loading, "_cores", lambda: 2)
    forked: list[int] = []
    fork = os.fork

    def recorded() -> int:
        pid = fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recorded)
    return forked


def _none_left(pids: list[int]) -> bool:
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue  # waited for already
        return False
    return True


@pytest.mark.parametrize("broken_first", [True, False])
def test_a_bill_that_cannot_be_read_is_reported_here_and_no_reader_is_left(
    tmp_path: Path, readers: list[int], broken_first: bool
) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_bytes(b"<akomaNtoso><bill><body><p>no end")
    pair = [str(broken), str(SAMPLE)] if broken_first else [str(SAMPLE), str(broken)]
    result = CliRunner().invoke(cli, ["diff", *pair])
    assert result.exit_code == 2
    assert "broken.xml:1:" in result.output and "not well-formed" in result.output
    assert len(readers) == 1 and _none_left(readers)


def test_what_is_wrong_is_said_in_the_order_the_bills_were_named(
    tmp_path: Path, readers: list[int]
) -> None:
    """A bill that does not parse, named first, is reported before a second that cannot even
    be opened, as when the two were read in turn."""
    broken = tmp_path / "broken.xml"
    broken.write_bytes(b"<akomaNtoso><bill><body><p>no end")
    result = CliRunner().invoke(cli, ["diff", str(broken), str(tmp_path)])
    assert result.exit_code == 2
    assert "broken.xml:1:" in result.output and "directory" not in result.output
    assert readers == []


def test_a_file_that_cannot_be_opened_is_said_before_any_print_is_read(
    tmp_path: Path, readers: list[int]
) -> None:
    """The first bill is parsed (its errors come first), but its print is not read only to be
    thrown away: the second cannot be opened."""
    folder = tmp_path / "a-folder.xml"
    folder.mkdir()
    result = CliRunner().invoke(cli, ["diff", str(SAMPLE), str(folder)])
    assert result.exit_code == 2 and "a-folder.xml: is a directory" in result.output
    assert not print_cache.entry(read_file(SAMPLE)).is_file()


def test_an_exported_comparison_of_two_new_prints_reads_them_at_once(
    shared_data: Path, tmp_path: Path, readers: list[int]
) -> None:
    out = tmp_path / "changes.html"
    result = CliRunner().invoke(cli, ["export", "compare", str(HL54), str(HL60), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(readers) == 1 and _none_left(readers)
    assert "wrote" in result.output and "Clause 1" in out.read_text()


#: load_to_compare in a process of its own whose reader is still reading (it waits a minute)
#: when the process is killed; it prints the reader's process id
_KILLED_WHILE_READING = """
import os, sys, time
from drafter.core.bill import Bill
from drafter.core.compare import loading
loading._cores = lambda: 2
parent = os.getpid()
read = Bill.from_bytes
def slow(*args, **kwargs):
    if os.getpid() != parent:
        time.sleep(60)
    return read(*args, **kwargs)
Bill.from_bytes = slow
fork = os.fork
def told():
    pid = fork()
    if pid:
        print(pid, flush=True)
    return pid
os.fork = told
loading.load_to_compare(sys.argv[1:3])
"""


def _running(pid: int) -> bool:
    """Is ``pid`` a process that has not ended (one ended but not yet waited for by whoever
    took it in is a zombie: it has ended)?"""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel ends it on Linux")
def test_a_reader_ends_when_the_diff_is_killed(tmp_path: Path) -> None:
    """A diff stopped by SIGTERM (a timeout, an editor closing) runs none of its clean-up:
    the kernel ends its reader with it, rather than leave it reading a bill for no one."""
    diff = subprocess.Popen(
        [sys.executable, "-c", _KILLED_WHILE_READING, str(HL54), str(HL60)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "DRAFTER_CACHE": str(tmp_path / "cache")},
    )
    assert diff.stdout is not None
    reader = 0
    try:
        reader = int(diff.stdout.readline())
        diff.send_signal(signal.SIGTERM)
        diff.wait(timeout=30)
        deadline = time.monotonic() + 10
        while _running(reader) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _running(reader)
    finally:
        diff.kill()
        diff.wait()
        if reader and _running(reader):  # this test's failure: leave nothing reading
            with contextlib.suppress(ProcessLookupError):
                os.kill(reader, signal.SIGKILL)
