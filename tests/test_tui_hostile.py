"""The terminal app on hostile files (the cases of tests/test_xml_safety.py): as the bill or
as the paper, each closes the app with one line naming the file (as the command line says
it), reads no secret and opens no connection."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import pytest

from drafter.tui.app import DrafterApp
from tests.conftest import REPO_ROOT
from tests.test_xml_safety import CASES, SECRET, Case, Env, assert_no_connection, env, listener  # noqa: F401 (the fixtures)

SAMPLE = REPO_ROOT / "bills" / "crime-and-policing-bill.xml"
#: as the paper, one case of each kind (the bill side takes every case)
AS_PAPER = {
    "xxe-secret-file",
    "billion-laughs",
    "truncated",
    "binary-50mb",
    "non-akn-root",
    "utf16-hiding-doctype",
    "nesting-100000",
    "xinclude-secret-over-network",
}


async def _refused(bill: Path, paper: Path | None) -> str:
    """Why the app would not open the bill or paper: it closes at once, saying why (exit
    status 2), rather than show an empty screen or draft into a paper it could not read."""
    app = DrafterApp(bill, paper)
    async with app.run_test(size=(120, 30)) as pilot:
        for _ in range(200):
            await pilot.pause(0.02)
            if app.failed is not None or app.query("#editor"):
                break
        await pilot.pause(0.1)
    assert app.failed is not None, "the app opened a file it should have refused"
    assert app.return_code == 2
    return app.failed


def _check(message: str, name: str) -> None:
    assert "\n" not in message and name in message, message
    assert SECRET not in message and "root:x:0:0" not in message


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_hostile_bill(case: Case, env: Env, listener: socket.socket) -> None:  # noqa: F811
    bad = env.tmp / f"{case.id}.xml"
    bad.write_bytes(case.build(env))
    _check(asyncio.run(_refused(bad, None)), bad.name)
    assert_no_connection(listener)


@pytest.mark.parametrize("case", [c for c in CASES if c.id in AS_PAPER], ids=sorted(AS_PAPER))
def test_a_hostile_paper(case: Case, env: Env, listener: socket.socket) -> None:  # noqa: F811
    bad = env.tmp / f"{case.id}.xml"
    bad.write_bytes(case.build(env))
    _check(asyncio.run(_refused(SAMPLE, bad)), bad.name)
    assert_no_connection(listener)
