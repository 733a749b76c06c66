"""The real ``drafter`` in a real terminal: started inside tmux (160×48, and 80×24, the
smallest terminal it is made for), driven with ``tmux send-keys`` and read back with
``tmux capture-pane -p`` — what a user sees."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.test_tui_screens import copy_sample

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
DRAFTER = Path(sys.executable).parent / "drafter"


class Terminal:
    def __init__(self, session: str) -> None:
        self.session = session
        self.columns = 160

    def tmux(self, *args: str) -> str:
        assert TMUX is not None
        # a tmux server of the test's own (-L): tests running side by side (pytest-xdist)
        # do not share one that exits when another test's last session ends
        done = subprocess.run(
            [TMUX, "-L", self.session, *args], capture_output=True, text=True, check=True
        )
        return done.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session)

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", "-t", self.session, *(["-l"] if literal else []), *keys)

    def type(self, text: str) -> None:
        self.keys(text, literal=True)

    def wait_for(self, seen: Callable[[str], bool], what: str, seconds: float = 20) -> str:
        end = time.monotonic() + seconds
        screen = ""
        while time.monotonic() < end:
            screen = self.screen()
            if seen(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; the screen:\n{screen}")


@pytest.fixture(params=[(160, 48), (80, 24)], ids=["160x48", "80x24"])
def terminal(tmp_path: Path, request: pytest.FixtureRequest) -> Terminal:
    columns, rows = request.param
    bill, paper = copy_sample(tmp_path)
    session = f"drafter-test-{uuid.uuid4().hex[:8]}"
    env = {"TERM": "xterm-256color", "COLORTERM": "truecolor"}
    assert TMUX is not None
    # the app sizes itself from COLUMNS and LINES when they are set (pytest-xdist sets them to
    # 80x24 in its workers): unset, it takes the 160x48 of its tmux window
    command = f"env -u COLUMNS -u LINES {DRAFTER} open {bill} --paper {paper}"
    subprocess.run(
        [
            TMUX,
            "-L",
            session,
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            str(columns),
            "-y",
            str(rows),
            *(a for k, v in env.items() for a in ("-e", f"{k}={v}")),
            command,
        ],
        check=True,
        cwd=tmp_path,
        env={**os.environ, **env},
    )
    term = Terminal(session)
    term.columns = columns
    try:
        yield term  # type: ignore[misc]
    finally:
        asked = [TMUX, "-L", session, "display-message", "-p", "#{socket_path}"]
        socket = subprocess.run(asked, capture_output=True, text=True, check=False).stdout.strip()
        subprocess.run([TMUX, "-L", session, "kill-server"], capture_output=True, check=False)
        if socket:
            Path(socket).unlink(missing_ok=True)  # tmux leaves its socket behind


def test_type_an_amendment_in_the_real_app(terminal: Terminal) -> None:
    # the bill, and the key hints in the footer (the footer may be drawn a moment later)
    screen = terminal.wait_for(
        lambda s: all(w in s for w in ("1:1", "Crime and Policing Bill", "Go to", "Amend")),
        "the bill and the key hints",
    )
    # every word of a long line is on screen: wrapped under its page and line, not cut
    # (issue 17, item 12), and on a narrow terminal the contents give the bill the width
    words = "(1) A court may make a respect order against a person aged 18 or over (“the"
    screen = terminal.wait_for(
        lambda s: all(word in s for word in words.split()), "the whole of line 1:5"
    )
    rows = screen.splitlines()
    at = next(i for i, row in enumerate(rows) if "1:5 " in row)
    shown = rows[at][rows[at].index("1:5") :] + " " + rows[at + 1]
    assert " ".join(shown.split()[1:]).startswith(words), screen
    assert ("Part 1 Anti-social behaviour" in screen) == (terminal.columns >= 118), screen
    # go to the line the amendment cites, then open the editor and type it
    terminal.type("g")
    terminal.wait_for(lambda s: "Go to:" in s, "the go-to prompt")
    terminal.type("6:8")
    terminal.keys("Enter")
    terminal.wait_for(lambda s: "page 6, line 8" in s, "page 6, line 8 in the status line")
    terminal.type("a")
    time.sleep(0.5)
    terminal.type("Page 6, line 8, after “creates” insert “, or requests the creation of,”")
    screen = terminal.wait_for(
        lambda s: "requests the creation of" in s, "the typed amendment on screen"
    )
    assert "Page 6, line 8" in screen
