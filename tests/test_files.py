"""Writing files from outside input safely: only a regular file is replaced (never a device,
a pipe or a link), a new file gets the user's umask, and a temporary file left by a killed
write is cleared by the next one. A drafts file is read only when it is a regular file of a
draft's size, and the app says so and stays up when it is not."""

from __future__ import annotations

import asyncio
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.core.files import WriteError, write_atomic
from drafter.tui.drafts import MAX_DRAFT_BYTES, Draft, Drafts, drafts_path
from tests.conftest import REPO_ROOT


def test_a_symbolic_link_at_the_target_is_not_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.xml"
    real.write_bytes(b"old")
    link = tmp_path / "out.xml"
    link.symlink_to(real)
    with pytest.raises(WriteError, match=r"out\.xml: it is a symbolic link"):
        write_atomic(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"old"


def test_a_device_or_a_pipe_at_the_target_is_not_replaced(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(WriteError, match="not a regular file"):
        write_atomic(pipe, b"new")
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    with pytest.raises(WriteError, match="/dev/null: it is not a regular file"):
        write_atomic("/dev/null", b"new")
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


def test_the_cli_refuses_to_write_over_a_device(tmp_path: Path) -> None:
    bill = REPO_ROOT / "bills" / "crime-and-policing-bill.xml"
    paper = REPO_ROOT / "bills" / "crime-and-policing-bill-amendments.txt"
    pipe = tmp_path / "out.xml"
    os.mkfifo(pipe)
    out = subprocess.run(
        [sys.executable, "-m", "drafter.cli", "apply", str(bill), str(paper), "-o", str(pipe)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 2
    assert out.stderr.strip() == (
        f"drafter: cannot write {pipe}: it is not a regular file (a device or a pipe), and "
        "drafter replaces only regular files"
    )


def test_a_new_file_gets_the_users_umask(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        write_atomic(tmp_path / "private.xml", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "private.xml").stat().st_mode) == 0o600
    kept = tmp_path / "kept.xml"
    kept.write_bytes(b"x")
    kept.chmod(0o640)
    write_atomic(kept, b"y")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640  # an old file keeps its mode


def test_a_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    """A file made read-only (chmod a-w) was replaced all the same: drafter writes a new file
    and renames it over the old, which its permissions do not stop. Refused, by its mode
    (so that the test holds as root too, whom the system lets write anything)."""
    kept = tmp_path / "kept.pdf"
    kept.write_bytes(b"the clerk's copy")
    kept.chmod(0o444)
    with pytest.raises(WriteError) as err:
        write_atomic(kept, b"new")
    assert str(err.value) == (
        f"cannot write {kept}: it is read-only; make it writable (chmod u+w) or write to "
        "another file"
    )
    assert kept.read_bytes() == b"the clerk's copy"
    kept.chmod(0o644)
    write_atomic(kept, b"new")
    assert kept.read_bytes() == b"new"


def test_a_killed_writes_temporary_file_is_cleared_by_the_next(tmp_path: Path) -> None:
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead = int(gone.stdout)  # a process that has ended
    stray = tmp_path / f".out.xml.{dead}.deadbeef.tmp"
    stray.write_bytes(b"half")
    live = tmp_path / f".out.xml.{os.getpid()}.cafef00d.tmp"  # a write still under way
    live.write_bytes(b"busy")
    other = tmp_path / f".other.xml.{dead}.deadbeef.tmp"
    other.write_bytes(b"not ours")
    write_atomic(tmp_path / "out.xml", b"done")
    assert not stray.exists()
    assert live.exists() and other.exists()
    assert (tmp_path / "out.xml").read_bytes() == b"done"


def test_a_drafts_file_that_is_not_a_draft_is_neither_read_nor_written(tmp_path: Path) -> None:
    paper = tmp_path / "amendments.txt"
    zero = drafts_path(paper)
    zero.symlink_to("/dev/zero")
    drafts = Drafts(paper)
    assert drafts.load() == Draft()
    assert "not a regular file" in drafts.problem and str(zero) in drafts.problem
    assert drafts.save(Draft(wording="Page 1, line 1, leave out “x”")) is False
    assert zero.is_symlink()
    big = tmp_path / "big.txt"
    drafts_path(big).write_bytes(b"{" + b" " * MAX_DRAFT_BYTES + b"}")
    sized = Drafts(big)
    assert sized.load() == Draft() and "more than a draft can be" in sized.problem


def test_the_app_says_so_and_stays_up(tmp_path: Path) -> None:
    from drafter.tui.app import DrafterApp

    paper = tmp_path / "amendments.txt"
    shutil.copy(REPO_ROOT / "bills" / "crime-and-policing-bill-amendments.txt", paper)
    drafts_path(paper).symlink_to("/dev/zero")

    async def run() -> None:
        app = DrafterApp(REPO_ROOT / "bills" / "crime-and-policing-bill.xml", paper)
        async with app.run_test(size=(140, 40)) as pilot:
            for _ in range(100):
                await pilot.pause(0.05)
                if app.query("#editor"):
                    break
            await pilot.pause(0.2)
            messages = [n.message for n in app._notifications]
            assert any("not a regular file" in m and ".drafts.json" in m for m in messages)
            assert all("\n" not in m for m in messages)
            await pilot.press("a", *"Page 1, line 5")  # and the app goes on
            assert app.is_running

    asyncio.run(run())
