"""Two new prints to compare are read at once, one of them in a forked reader that keeps what
it reads in the print cache: the comparison is the same as read one after the other, and
nothing rests on the reader (a bill it cannot read is read here, and what is wrong said)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter.core.compare import compare, loading
from drafter.core.print import cache as print_cache
from drafter.core.xml import read_file
from drafter.export.compare import render_text

from .conftest import REPO_ROOT, shared_data_dir

BILLS = shared_data_dir() / "bills"
HL54 = BILLS / "social-housing-regulation-bill-hl54.xml"
HL60 = BILLS / "social-housing-regulation-bill-hl60.xml"

#: load_to_compare in a process of its own (a fork needs a process with one thread and a
#: cache of its own), counting the readers it forks and printing the comparison
_LOAD = """
import os, sys
from drafter.core.compare import compare, loading
from drafter.export.compare import render_text
forks = []
fork = os.fork
def counted():
    pid = fork()
    if pid:
        forks.append(pid)
    return pid
os.fork = counted
old, new = loading.load_to_compare(sys.argv[1:])
print(len(forks))
print(render_text(compare(old, new), 5))
"""


def _load_in_a_process(cache: Path, *paths: Path) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-c", _LOAD, *map(str, paths)],
        capture_output=True,
        text=True,
        env={**os.environ, "DRAFTER_CACHE": str(cache)},
        check=True,
    )
    forks, _, said = done.stdout.partition("\n")
    return int(forks), said


def _one_after_the_other(old: Path, new: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DRAFTER_CACHE", str(cache))
    monkeypatch.setattr(loading, "_cores_to_spare", lambda: False)
    a, b = loading.load_to_compare([old, new])
    return render_text(compare(a, b), 5) + "\n"


@pytest.mark.skipif(not hasattr(os, "fork") or len(os.sched_getaffinity(0)) < 2, reason="one core")
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


def test_a_bill_the_reader_cannot_read_is_read_and_reported_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader's failure says nothing; the diff says what is wrong, as it always has."""
    monkeypatch.setenv("DRAFTER_CACHE", str(tmp_path / "cache"))
    broken = tmp_path / "broken.xml"
    broken.write_bytes(b"<akomaNtoso><bill><body><p>no end")
    sample = REPO_ROOT / "bills" / "crime-and-policing-bill.xml"
    result = CliRunner().invoke(cli, ["diff", str(sample), str(broken)])
    assert result.exit_code == 2
    assert "broken.xml" in result.output and "line 1" in result.output
    with pytest.raises(ChildProcessError):  # and no reader is left behind
        os.waitpid(-1, os.WNOHANG)
