"""The command line as a user runs it: a real process, real bills, exit codes and messages."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, modules_loaded

SAMPLE_BILL = REPO_ROOT / "bills" / "crime-and-policing-bill.xml"
SAMPLE_PAPER = REPO_ROOT / "bills" / "crime-and-policing-bill-amendments.txt"


def drafter(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "drafter.cli", *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def saf(shared_data: Path) -> str:
    return str(shared_data / "bills" / "sustainable-aviation-fuel-bill-hc286.xml")


def test_info(saf: str) -> None:
    out = drafter("info", saf)
    assert out.returncode == 0, out.stderr
    fields = dict(line.split("  ", 1) for line in out.stdout.splitlines())
    fields = {k.strip(): v.strip() for k, v in fields.items()}
    assert fields["Title"] == "Sustainable Aviation Fuel Bill"
    assert fields["Bill number"] == "Bill 286"
    assert fields["House"] == "House of Commons"
    assert fields["Stage"] == "As amended in Public Bill Committee"
    assert (fields["Parts"], fields["Clauses"], fields["Schedules"]) == ("0", "19", "1")
    assert (fields["Pages"], fields["Lines"]) == ("10", "367")


def test_lines_json(saf: str) -> None:
    out = drafter("lines", saf, "--json")
    assert out.returncode == 0, out.stderr
    lines = json.loads(out.stdout)
    assert len(lines) == 367
    assert lines[2] == {
        "page": 1,
        "line": 3,
        "text": "(1) The Secretary of State may direct the designated counterparty (see section 4)",
        "eId": "sec_1__subsec_1",
        "source": "print",  # the House's own markers
    }
    assert all(set(x) == {"page", "line", "text", "eId", "source"} for x in lines)


def test_lines_one_page(saf: str) -> None:
    out = drafter("lines", saf, "--page", "2")
    assert out.returncode == 0
    rows = out.stdout.splitlines()
    assert rows[0].split() == [
        "2:1",
        "(b)",
        "the",
        "period",
        "within",
        "which",
        "the",
        "designated",
        "counterparty",
        "must",
        "comply",
    ]
    assert all(r.lstrip().startswith("2:") for r in rows)
    missing = drafter("lines", saf, "--page", "99")
    assert missing.returncode != 0
    assert "there is no page 99 (the print has pages 1 to 10)" in missing.stderr


def test_show(saf: str) -> None:
    out = drafter("show", saf, "Clause 2(3)")
    assert out.returncode == 0, out.stderr
    assert (
        out.stdout.splitlines()[0] == "Clause 2(3) — page 2, line 14 to line 15  [sec_2__subsec_3]"
    )
    assert "not yet accepted lapses." in out.stdout
    bad = drafter("show", saf, "Clause 42")
    assert bad.returncode == 2
    assert bad.stderr == f"drafter: there is no Clause 42 in {saf} (it has clauses 1 to 19)\n"
    unreadable = drafter("show", saf, "page 5")
    assert unreadable.stderr.startswith(f"drafter: {saf}: cannot read citation “page 5”")


def test_show_a_page_and_line(saf: str) -> None:
    """As the terminal app's "go to": the provision the line is in."""
    for place in (["2:15"], ["page 2, line 15"], ["p2", "l15"], ["page", "2,", "line", "15"]):
        out = drafter("show", saf, *place)
        assert out.returncode == 0, out.stderr
        rows = out.stdout.splitlines()
        assert rows[0] == "Clause 2(3) — page 2, line 14 to line 15  [sec_2__subsec_3]"
        assert [r[:7] for r in rows[1:]] == ["  2:14 ", "  2:15 "]
    # a line of words that an amendment inserts belongs to the provision inserting them
    quoted = drafter("show", str(SAMPLE_BILL), "6:8").stdout.splitlines()
    assert quoted[0] == "Clause 12(1) — page 6, line 5 to line 29  [sec_12__subsec_1]"
    missing = drafter("show", saf, "2:99")
    assert missing.returncode == 2
    assert missing.stderr == (
        f"drafter: {saf}: there is no line 99 on page 2 (page 2 has lines 1 to 36)\n"
    )


def test_a_bill_where_the_command_belongs(monkeypatch: pytest.MonkeyPatch) -> None:
    """``drafter BILL.xml`` opens the bill, as ``drafter open BILL.xml`` does."""
    from click.testing import CliRunner

    import drafter.cli as cli_module

    opened: list[tuple[Path, Path | None]] = []
    monkeypatch.setattr(
        cli_module, "_open_app", lambda path, store=None, paper=None: opened.append((path, paper))
    )
    result = CliRunner().invoke(cli_module.cli, [str(SAMPLE_BILL), "--paper", str(SAMPLE_PAPER)])
    assert result.exit_code == 0, result.output
    assert opened == [(SAMPLE_BILL, SAMPLE_PAPER)]
    # the paper after the bill, as a drafter first types it
    for args in (
        ["open", str(SAMPLE_BILL), str(SAMPLE_PAPER)],
        [str(SAMPLE_BILL), str(SAMPLE_PAPER)],
    ):
        result = CliRunner().invoke(cli_module.cli, args)
        assert result.exit_code == 0, result.output
        assert opened[-1] == (SAMPLE_BILL, SAMPLE_PAPER)
    both = CliRunner().invoke(
        cli_module.cli, ["open", str(SAMPLE_BILL), "a.txt", "--paper", "b.txt"]
    )
    assert both.exit_code == 2 and "two papers: a.txt and --paper b.txt; give one" in both.output
    missing = drafter("no/such/bill.xml")  # a path that is not there: a hint, no traceback
    assert missing.returncode == 2
    assert missing.stderr == (
        "drafter: no command “no/such/bill.xml”, and no such file; to open a bill in the "
        "terminal app: drafter open BILL.xml\n"
    )
    typo = drafter("shwo")  # not a file: click's own message, with its suggestion
    assert typo.returncode == 2 and "Did you mean 'show'?" in typo.stderr


def test_output_where_no_file_can_be_written(tmp_path: Path) -> None:
    """-o into a missing directory, or onto a directory: one line, exit 2, nothing done."""
    missing = tmp_path / "missing"
    for args in (
        ["apply", str(SAMPLE_BILL), str(SAMPLE_PAPER), "--only", "3"],
        ["layout", str(SAMPLE_BILL)],
    ):
        out = drafter(*args, "-o", str(missing / "x.xml"))
        assert (out.returncode, out.stdout) == (2, ""), out.stderr
        assert out.stderr == f"drafter: {missing}: no such directory\n"
        out = drafter(*args, "-o", str(tmp_path))
        assert (out.returncode, out.stdout) == (2, ""), out.stderr
        assert out.stderr == f"drafter: {tmp_path} is a directory\n"
    on_a_file = drafter("layout", str(SAMPLE_BILL), "-o", str(SAMPLE_PAPER / "x.xml"))
    assert on_a_file.stderr == (
        f"drafter: cannot write {SAMPLE_PAPER / 'x.xml'}: {SAMPLE_PAPER} is not a directory\n"
    )
    paper = drafter("open", str(SAMPLE_BILL), "--paper", str(missing / "p.txt"))
    assert (paper.returncode, paper.stderr) == (2, f"drafter: {missing}: no such directory\n")
    assert list(tmp_path.iterdir()) == []
    # the paper a bill opened without one drafts into, checked at once too
    bill = tmp_path / "bill.xml"
    shutil.copy(SAMPLE_BILL, bill)
    (tmp_path / "bill-amendments.txt").mkdir()
    paper = drafter("open", str(bill))
    assert (paper.returncode, paper.stderr) == (
        2,
        f"drafter: {tmp_path / 'bill-amendments.txt'} is a directory\n",
    )


def test_diff_of_two_bills_warns(saf: str, shared_data: Path) -> None:
    hl54 = str(shared_data / "bills" / "social-housing-regulation-bill-hl54.xml")
    hl60 = hl54.replace("hl54", "hl60")
    out = drafter("diff", hl54, saf)
    assert out.returncode == 1
    assert out.stderr == (
        f"warning: {hl54} is the Social Housing (Regulation) Bill [HL] and {saf} the "
        "Sustainable Aviation Fuel Bill: compared anyway\n"
    )
    assert drafter("diff", hl54, hl60).stderr == ""  # two prints of one bill


def test_validate(saf: str, tmp_path: Path) -> None:
    ok = drafter("validate", saf)
    assert ok.returncode == 0
    assert "valid" in ok.stdout
    broken = Path(saf).read_text(encoding="utf-8").replace("<?L 1-5?>", "<?L 1-9?>", 1)
    duplicate = broken.replace('eId="sec_2"', 'eId="sec_1"', 1)
    bad = tmp_path / "bad.xml"
    bad.write_text(duplicate, encoding="utf-8")
    out = drafter("validate", str(bad))
    assert out.returncode == 1
    assert "error: duplicate eId “sec_1”" in out.stdout
    assert "error: page/line marker 1-6 is out of order (it comes after 1-9)" in out.stdout
    assert "not valid" in out.stderr


def test_schema_errors_are_reported(saf: str, tmp_path: Path) -> None:
    text = Path(saf).read_text(encoding="utf-8").replace("<num>", "<numero>", 1)
    text = text.replace("</num>", "</numero>", 1)
    bad = tmp_path / "schema.xml"
    bad.write_text(text, encoding="utf-8")
    out = drafter("validate", str(bad))
    assert out.returncode == 1
    assert "schema:" in out.stdout and "numero" in out.stdout


def test_layout_writes_markers_for_a_bill_without_them(shared_data: Path, tmp_path: Path) -> None:
    source = shared_data / "bills" / "data-protection-digital-information-no2-bill-hc265.xml"
    target = tmp_path / "laid-out.xml"
    out = drafter("layout", str(source), "-o", str(target))
    assert out.returncode == 0, out.stderr
    assert drafter("validate", str(target)).returncode == 0
    before = json.loads(drafter("lines", str(source), "--json").stdout)
    after = json.loads(drafter("lines", str(target), "--json").stdout)
    assert before == after  # the markers written say exactly what drafter laid out
    # … and are never taken for the House's
    info = drafter("info", str(target)).stdout
    assert "Page/line from  drafter's own layout (markers drafter wrote" in info
    again = tmp_path / "again.xml"
    assert drafter("layout", str(target), "-o", str(again)).returncode == 0
    assert again.read_text(encoding="utf-8").count("<?drafter-layout") == 1


def test_layout_will_not_replace_the_houses_markers_unless_forced(
    shared_data: Path, tmp_path: Path
) -> None:
    source = shared_data / "bills" / "sustainable-aviation-fuel-bill-hc286.xml"
    target = tmp_path / "laid-out.xml"
    out = drafter("layout", str(source), "-o", str(target))
    assert out.returncode == 2 and not target.exists()
    assert f"{source} carries the House's own page and line markers (367 lines)" in out.stderr
    assert "give --force" in out.stderr
    assert drafter("layout", str(source), "-o", str(target), "--force").returncode == 0
    assert "drafter's own layout" in drafter("info", str(target)).stdout


def test_diff_colours_a_pipe_when_asked_and_names_two_copies_of_one_print(
    tmp_path: Path,
) -> None:
    copy = tmp_path / "copy.xml"
    copy.write_text(
        SAMPLE_BILL.read_text(encoding="utf-8").replace("2 years", "12 months", 1),
        encoding="utf-8",
    )
    plain = drafter("diff", str(SAMPLE_BILL), str(copy))  # a pipe: no colour by default
    assert plain.returncode == 1 and "\x1b[" not in plain.stdout
    coloured = drafter("diff", "--color", str(SAMPLE_BILL), str(copy))
    assert coloured.returncode == 1 and "\x1b[31m" in coloured.stdout  # words left out, red
    # both are HL Bill 101: the header says which file is which
    assert f"--- HL Bill 101 ({SAMPLE_BILL})" in plain.stdout
    assert f"+++ HL Bill 101 ({copy})" in plain.stdout
    assert plain.stdout.rstrip().endswith(
        "1 word change in 1 provision; 0 inserted, 0 removed, 0 moved, 0 renumbered."
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full to fill")
def test_output_to_a_full_disk_is_one_line_not_a_traceback() -> None:
    """``drafter diff … > out.html`` on a full disk ended in a Python traceback (OSError 28)."""
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "drafter.cli", "lines", str(SAMPLE_BILL)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert done.returncode == 2
    assert done.stderr == "drafter: cannot write the output: No space left on device\n"


def test_diff_side_by_side_is_for_html() -> None:
    wrong = drafter("diff", "--side-by-side", str(SAMPLE_BILL), str(SAMPLE_BILL))
    assert wrong.returncode == 2
    assert "--side-by-side is for --format html" in wrong.stderr


def test_diff_on_a_terminal_colours_unless_no_color_is_set(tmp_path: Path) -> None:
    import os
    import pty

    copy = tmp_path / "copy.xml"
    copy.write_text(
        SAMPLE_BILL.read_text(encoding="utf-8").replace("2 years", "12 months", 1),
        encoding="utf-8",
    )

    def on_a_terminal(**env: str) -> bytes:
        main, terminal = pty.openpty()
        try:
            subprocess.run(
                [sys.executable, "-m", "drafter.cli", "diff", str(SAMPLE_BILL), str(copy)],
                stdout=terminal,
                stderr=subprocess.DEVNULL,
                env={k: v for k, v in os.environ.items() if k != "NO_COLOR"} | env,
                timeout=120,
            )
            return os.read(main, 65536)  # a few hundred bytes: the terminal holds them
        finally:
            os.close(main)
            os.close(terminal)

    assert b"\x1b[" in on_a_terminal()
    assert b"\x1b[" not in on_a_terminal(NO_COLOR="1")


def test_output_read_only_in_part_ends_the_command_quietly(shared_data: Path) -> None:
    """``drafter lines BILL | head``: when the reader closes the pipe, drafter stops as cat
    and git do (by SIGPIPE), with nothing on stderr; not with an error status of its own.
    (A long bill: its lines are more than a pipe holds.)"""
    import signal

    renters = shared_data / "bills" / "renters-rights-bill-hc127.xml"
    proc = subprocess.Popen(
        [sys.executable, "-m", "drafter.cli", "lines", str(renters)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # as head does, having read its line
    err = proc.stderr.read()
    proc.wait(timeout=60)
    assert first.startswith(b"  1:1")
    assert proc.returncode == -signal.SIGPIPE
    assert err == b""


def test_the_sample_is_drafted_into_a_copy_of_its_paper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 17, item 13: the README's first command opened the app on the sample paper in
    the checkout, which the first save wrote over. It drafts into a copy in the user's data
    directory, made once and then kept."""
    from click.testing import CliRunner

    import drafter.tui.app
    from drafter.cli import SAMPLE_PAPER, cli

    opened: list[tuple[object, ...]] = []
    monkeypatch.setattr(drafter.tui.app, "run", lambda *args: opened.append(args))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    sample = SAMPLE_PAPER.read_bytes()
    assert CliRunner().invoke(cli, []).exit_code == 0
    copy = tmp_path / "drafter" / SAMPLE_PAPER.name
    assert opened[-1][2] == copy and copy.read_bytes() == sample
    copy.write_bytes(
        sample + b"\nAmendment 10\nPage 1, line 6, leave out \xe2\x80\x9cPart\xe2\x80\x9d\n"
    )
    assert CliRunner().invoke(cli, []).exit_code == 0
    assert b"Amendment 10" in copy.read_bytes()  # what was drafted is kept
    assert SAMPLE_PAPER.read_bytes() == sample


@pytest.mark.parametrize(
    ("command", "over", "what"),
    [
        (["apply", "{bill}", "{paper}", "--renumber", "-o", "{paper}"], "paper", "amendment paper"),
        (["apply", "{bill}", "{paper}", "-o", "{bill}"], "bill", "bill"),
        (["layout", "{bill}", "--force", "-o", "{bill}"], "bill", "bill"),
        (
            ["rebase", "{paper}", "--from", "{bill}", "--to", "{bill}", "-o", "{paper}"],
            "paper",
            "paper",
        ),
        (["paper", "convert", "{paper}", "-o", "{paper}"], "paper", "paper"),
        (["keeling", "{act}", "{amending}", "-o", "{act}"], "act", "Act"),
    ],
)
def test_output_over_a_file_the_command_reads_is_refused(
    tmp_path: Path, shared_data: Path, command: list[str], over: str, what: str
) -> None:
    """-o naming a file the command reads (the bill, the paper) would replace it with the
    output: refused before any work, naming the file and what it is, and nothing written."""
    keeling = shared_data / "keeling" / "bankruptcy-scotland-act-2016"
    sources = {
        "bill": SAMPLE_BILL,
        "paper": SAMPLE_PAPER,
        "act": keeling / "act.xml",
        "amending": keeling / "bill.xml",
    }
    files = {name: tmp_path / f"{name}{source.suffix}" for name, source in sources.items()}
    for name, path in files.items():
        path.write_bytes(sources[name].read_bytes())
    before = {name: path.read_bytes() for name, path in files.items()}
    args = [arg.format(**{name: str(path) for name, path in files.items()}) for arg in command]
    run = drafter(*args)
    assert run.returncode == 2, run.stderr
    assert f"{files[over]} is the {what} this command reads" in run.stderr
    assert {name: path.read_bytes() for name, path in files.items()} == before


def test_each_command_imports_only_its_own_module() -> None:
    """A command loads its own module, named in COMMAND_MODULES; every command a module
    registers is named there, so none goes missing from ``drafter COMMAND``."""
    import click

    from drafter.cli import COMMAND_MODULES, cli

    diff = "import click\nfrom drafter.cli import cli\ncli.get_command(click.Context(cli), 'diff')"
    assert [m for m in modules_loaded(diff) if m.startswith("drafter.cli.")] == [
        "drafter.cli.compare"
    ]
    ctx = click.Context(cli)
    names = cli.list_commands(ctx)
    assert sorted(set(COMMAND_MODULES) - set(names)) == []
    wrong = [
        n
        for n in names
        if n != "open"
        and COMMAND_MODULES.get(n) != cli.get_command(ctx, n).callback.__module__.rpartition(".")[2]
    ]
    assert wrong == []
    # a command module missing from the map would never be imported: its commands would vanish
    modules = {p.stem for p in (REPO_ROOT / "drafter" / "cli").glob("*.py")}
    assert set(COMMAND_MODULES.values()) == modules - {"__init__", "__main__"}
