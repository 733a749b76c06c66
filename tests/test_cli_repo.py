"""The bill repository commands, run as a drafter runs them (apply simulated, as in
tests/test_store.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from drafter.cli import cli
from tests.test_store import (  # noqa: F401  (isolated_git is an autouse fixture)
    BILL,
    SAMPLE,
    amendment_1,
    amendment_4,
    isolated_git,
)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def bill_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "bill"
    result = run("init", str(root), "--bill", str(SAMPLE))
    assert result.exit_code == 0, result.output
    assert "bill repository for HL Bill 101" in result.output
    monkeypatch.chdir(root)
    return root


def test_commit_log_tag_show_diff_blame(bill_repo: Path) -> None:
    from drafter.core.store import BillRepo

    repo = BillRepo.open(bill_repo)
    assert run("tag", "HL Bill 101").output.startswith("tagged ")
    amendment_1(repo)
    amendment_4(repo)
    result = run("commit", "-m", "Amendments 1 and 4 agreed", "--amendments", "1,4")
    assert result.exit_code == 0, result.output
    assert "amendments 1, 4" in result.output
    tagged = run("tag", "HL Bill 120").output
    assert "as HL-Bill-120 (“HL Bill 120”)" in tagged
    # the bill as amended still says HL Bill 101: a paper citing HL Bill 120 would be checked
    # against these pages and lines, not the House's reprint
    assert "warning: the bill at that version says it is HL Bill 101" in tagged

    log = run("log").output
    assert log.splitlines()[0].endswith("Ada Drafter  [HL Bill 120]")
    assert "    Print: HL Bill 101 — As brought from the Commons" in log
    assert "    Applied: amendments 1, 4" in log
    rows = json.loads(run("log", "--json").output)
    assert [r["amendments"] for r in rows] == [["1", "4"], []]
    assert rows[0]["tags"] == ["HL Bill 120"]

    shown = run("show", "HL Bill 101", "Clause", "1(4)").output
    assert shown.splitlines()[0] == "Clause 1(4) — page 1, line 26 to line 27  [sec_1__subsec_4]"
    assert "  1:27  not exceed 2 years." in shown
    assert "not exceed 12 months." in run("show", "HEAD", "Clause 1(4)").output
    assert (
        "HL-Bill-120:crime-and-policing-bill.xml: HL Bill 101" in run("show", "HL-Bill-120").output
    )
    # a file still works as before
    assert "not exceed 12 months." in run("show", BILL, "Clause 1(4)").output

    # drafter diff (the compare engine) reads versions through the store
    diff = run("diff", "HL Bill 101", "HL Bill 120")
    assert diff.exit_code == 1, diff.output  # 1: they differ
    assert "Clause 1(4)" in diff.output and "12 months" in diff.output
    assert "requests the creation of" in diff.output
    assert run("diff", "HL Bill 120", "HEAD").exit_code == 0  # the same version

    blame = run("blame", "Clause", "1(4)").output.splitlines()
    assert blame[0].split()[:4] == ["1:26", "HL", "Bill", "101"]
    assert "(first version)" in blame[0]
    assert blame[1].split()[:3] == ["1:27", "HL", "Bill"]
    assert "amendments 1, 4" in blame[1] and blame[1].endswith("not exceed 12 months.")


def test_push_pull_through_the_cli(
    bill_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared.git"
    subprocess.run(["git", "init", "--bare", "--quiet", "-b", "main", str(shared)], check=True)
    assert run("push", str(shared)).output == f"pushed main to {shared}\n"
    assert run("clone", str(shared), str(tmp_path / "ben")).exit_code == 0
    from drafter.core.store import BillRepo

    amendment_1(BillRepo.open(bill_repo))
    assert run("commit", "-m", "Amendment 1", "--amendments", "1").exit_code == 0
    assert run("push", str(shared)).exit_code == 0
    monkeypatch.chdir(tmp_path / "ben")
    result = run("pull")
    assert result.output.startswith("fast-forward: now at ")
    assert "Applied: amendment 1" in run("log").output


def test_push_to_a_clone_with_its_branch_checked_out(
    bill_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("clone", str(bill_repo), str(tmp_path / "ben")).exit_code == 0
    monkeypatch.chdir(tmp_path / "ben")
    from drafter.core.store import BillRepo

    amendment_1(BillRepo.open("."))
    assert run("commit", "-m", "Amendment 1", "--amendments", "1").exit_code == 0
    result = CliRunner().invoke(cli, ["push"])
    assert result.exit_code == 2
    assert result.output == (
        "drafter: origin refused the push: branch main is currently checked out there "
        "(push to a bare repository)\n"
    )


def test_errors_are_one_line_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("log")
    assert result.exit_code == 2
    assert result.output == (
        "drafter: . is not a bill repository (not a git repository): create one with "
        "drafter init DIR --bill BILL\n"
    )
    result = run("show", "HEAD", "Clause 1")
    assert result.exit_code == 2
    assert result.output == "drafter: HEAD: no such file\n"


def test_unknown_version_in_a_bill_repository(bill_repo: Path) -> None:
    result = run("show", "HL Bill 9", "Clause 1")
    assert result.exit_code == 2
    assert result.output.startswith(
        "drafter: HL Bill 9: no such file, and no such version in the bill repository "
    )
    assert run("commit", "-m", "nothing").output.startswith("drafter: nothing to record")
    blame = CliRunner().invoke(cli, ["blame", "Clause", "99"])
    assert blame.exit_code == 2
    assert blame.output == (  # the file named once
        f"drafter: there is no Clause 99 in HEAD:{BILL} (it has clauses 1 to 24)\n"
    )


def test_textconv_command(bill_repo: Path) -> None:
    out = run("textconv", BILL).output.splitlines()
    assert out[:3] == [
        "Bill: Crime and Policing Bill",
        "Bill number: HL Bill 101",
        "Stage: As brought from the Commons",
    ]
    assert "1:27  not exceed 2 years." in out
    broken = bill_repo / "broken.xml"
    broken.write_text("<akomaNtoso>")
    assert run("textconv", str(broken)).output.startswith("(drafter: not a readable bill:")


def test_blame_credits_each_line_to_the_amendment_that_changed_it(bill_repo: Path) -> None:
    """A version that applied amendments 1 and 4 (with drafter apply, whose marks say which
    words each put in) credits each line to the one that changed it, not to both; and the
    columns line up whatever the length of a tag."""
    from drafter.core.store import BillRepo
    from tests.test_store import apply_sample

    repo = BillRepo.open(bill_repo)
    run("tag", "HL Bill 101")
    apply_sample(repo, ["1", "4"])
    assert run("commit", "-m", "Agreed", "--amendments", "1,4").exit_code == 0
    run("tag", "HL Bill 120 as amended in Grand Committee")
    order = run("blame", "Clause", "1(4)").output.splitlines()
    assert order[1].split("  ")[3].strip() == "amendment 1"
    offence = run("blame", "Clause", "12(1)").output.splitlines()
    changed = [row for row in offence if "amendment" in row]
    assert len(changed) == 1 and "amendment 4 " in changed[0]
    assert "creates, or requests the creation of, a" in changed[0]
    # the text of every row starts in the same column
    texts = _texts(repo, "Clause 12(1)")
    starts = {row.index(text) for row, text in zip(offence, texts, strict=True)}
    assert len(starts) == 1


def _texts(repo: object, citation: str) -> list[str]:
    from drafter.core.store import BillRepo

    assert isinstance(repo, BillRepo)
    return [ln.text for ln in repo.bill_at("HEAD").find(citation).lines()]


def test_the_app_on_a_repository_drafts_into_its_paper(
    bill_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 17, item 2: ``drafter REPO`` drafted into a new paper at the repository's root.
    It drafts into the paper kept in amendments/ (of several, the one changed last, and it
    says so), or a new one there."""
    import os
    import shutil

    import drafter.tui.app

    opened: list[tuple[object, ...]] = []
    monkeypatch.setattr(drafter.tui.app, "run", lambda *args: opened.append(args))
    shutil.rmtree(bill_repo / "amendments")  # as if a clone had lost it
    assert run("open", ".").exit_code == 0
    assert (bill_repo / "amendments").is_dir()
    assert opened[-1][2] == bill_repo / "amendments" / "crime-and-policing-bill-amendments.txt"

    papers = bill_repo / "amendments"
    shutil.copy(SAMPLE.with_name("crime-and-policing-bill-amendments.txt"), papers / "gc.txt")
    shutil.copy(SAMPLE.with_name("crime-and-policing-bill-amendments.txt"), papers / "old.txt")
    os.utime(papers / "old.txt", (1_000_000_000, 1_000_000_000))
    said = CliRunner().invoke(cli, ["open", "."])
    assert opened[-1][2] == papers / "gc.txt"
    assert "drafting into gc.txt, the paper changed last (also: old.txt)" in said.stderr
    assert run("open", ".", "--paper", "amendments/old.txt").exit_code == 0
    assert opened[-1][2] == Path("amendments/old.txt")


def test_a_shared_repository_for_a_team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 17, item 20: drafter init --shared makes a bare repository everyone can push
    to (a push to one made by plain init is refused: its branch is checked out); two
    drafters clone it, one records a version and pushes, the other pulls and sees it."""
    from tests.test_store import apply_sample

    shared = tmp_path / "shared"
    made = run("init", "--shared", str(shared), "--bill", str(SAMPLE))
    assert made.exit_code == 0, made.output
    assert f"drafter clone {shared} MY-COPY" in made.output
    assert run("clone", str(shared), str(tmp_path / "ada")).output.endswith("(1 version)\n")
    run("clone", str(shared), str(tmp_path / "ben"))
    from drafter.core.store import BillRepo

    monkeypatch.chdir(tmp_path / "ada")
    apply_sample(BillRepo.open("."), ["1"])
    assert run("commit", "-m", "Amendment 1 agreed", "--amendments", "1").exit_code == 0
    assert run("push").output == "pushed main to origin\n"
    monkeypatch.chdir(tmp_path / "ben")
    assert run("pull").exit_code == 0
    log = run("log").output
    assert "Amendment 1 agreed" in log and "Applied: amendment 1" in log
    assert run("init", "--shared", str(shared), "--bill", str(SAMPLE)).exit_code == 2


def test_a_paper_is_checked_against_the_print_it_cites(bill_repo: Path) -> None:
    """Issue 17, item 21: once the repository holds a reprint, a paper tabled against the
    print before is checked against that print, from history (the reprint moved its
    pages and lines), and the user is told so."""
    import shutil

    run("tag", "HL Bill 101")
    paper = SAMPLE.with_name("crime-and-policing-bill-amendments.txt")
    reprint = run(
        "apply", BILL, str(paper), "--only", "5,7", "--renumber", "--as", "HL Bill 120", "-o", BILL
    )
    assert reprint.exit_code == 0, reprint.output
    assert run("commit", "-m", "Reprinted", "--amendments", "5,7").exit_code == 0
    run("tag", "HL Bill 120")
    shutil.copy(paper, bill_repo / "amendments" / paper.name)
    checked = CliRunner().invoke(cli, ["amendments", f"amendments/{paper.name}", "--bill", BILL])
    assert checked.exit_code == 0, checked.output
    assert "the paper cites HL Bill 101: checked against HL Bill 101" in checked.stderr
    assert checked.stderr.splitlines()[-1].endswith("not fitting 0 (against HL Bill 101)")


def test_a_paper_some_of_whose_amendments_are_made_is_checked_against_its_print(
    bill_repo: Path,
) -> None:
    """Amendments agreed and made in the bill (recorded with --amendments) move the lines
    after them: the paper is checked against the print it cites, from history, and those
    made are said to be made, in which version (a trial's check of the paper after 1, 2 and
    7 were made said “may” was on another line)."""
    run("tag", "HL Bill 101")
    paper = SAMPLE.with_name("crime-and-policing-bill-amendments.txt")
    shutil.copy(paper, bill_repo / "amendments" / paper.name)
    run("commit", "-m", "Tabled")
    assert run("apply", BILL, str(paper), "--only", "1,2", "-o", BILL).exit_code == 0
    assert run("commit", "-m", "Agreed", "--amendments", "1,2").exit_code == 0
    from drafter.core.store import BillRepo

    made = BillRepo.open(".").version().short
    checked = CliRunner().invoke(cli, ["amendments", f"amendments/{paper.name}", "--bill", BILL])
    assert checked.exit_code == 0, checked.output
    assert (
        f"{BILL} has amendments 1, 2 of this paper made since HL Bill 101 was printed: "
        "checked against HL Bill 101 as printed"
    ) in checked.stderr
    rows = checked.stdout.splitlines()
    assert rows[0].startswith("     1") and rows[0].endswith(f"[ok: already made, in {made}]")
    assert rows[1].endswith(f"[ok: already made, in {made}]") and rows[2].endswith("[ok]")
    assert checked.stderr.splitlines()[-1].endswith("not fitting 0 (against HL Bill 101)")
    # with a second paper, a version that names none is not taken to be either's: the bill
    # itself still records what it was amended by, as apply would find
    shutil.copy(paper, bill_repo / "amendments" / "drafts.txt")
    again = CliRunner().invoke(cli, ["amendments", f"amendments/{paper.name}", "--bill", BILL])
    assert made not in again.stdout
    rows = again.stdout.splitlines()
    assert rows[0].endswith("[ok: already made, in this bill]")
    assert rows[1].endswith("[ok: already made, in this bill]")


def test_a_file_among_the_papers_that_is_not_one_is_said_when_recorded(bill_repo: Path) -> None:
    """Notes kept in the papers' folder go into the version with the papers (they are the
    drafter's), but the commit says they were not read as a paper (a trial's scratch file
    went in without a word)."""
    (bill_repo / "amendments" / "notes.txt").write_text("Ask about clause 4.\n", encoding="utf-8")
    done = CliRunner().invoke(cli, ["commit", "-m", "Notes"])
    assert done.exit_code == 0, done.output
    assert "warning: amendments/notes.txt: recorded, but not read as a paper: " in done.stderr
    shutil.copy(
        SAMPLE.with_name("crime-and-policing-bill-amendments.txt"), bill_repo / "amendments"
    )
    again = CliRunner().invoke(cli, ["commit", "-m", "A paper"])
    assert again.stderr.count("not read as a paper") == 1  # the notes; the paper is one
    # a new print carries the papers onto it, and passes the notes by, saying so
    paper = SAMPLE.with_name("crime-and-policing-bill-amendments.txt")
    run("apply", BILL, str(paper), "--only", "5", "--renumber", "--as", "HL Bill 120", "-o", BILL)
    reprinted = run("commit", "-m", "Reprinted", "--amendments", "5")
    assert reprinted.exit_code == 0, reprinted.output
    assert "not carried: notes.txt (not read as a paper)" in reprinted.output


def test_blame_credits_words_left_out_to_the_amendment_that_left_them_out(bill_repo: Path) -> None:
    """A version that made amendments 1 and 6: the lines of Clause 16(1)(c), from whose end
    6 leaves out words across a line end, are 6's alone (a trial saw "-" on such a line: a
    left-out word leaves only a <del>, before or after the words still printed)."""
    paper = SAMPLE.with_name("crime-and-policing-bill-amendments.txt")
    assert run("apply", BILL, str(paper), "--only", "1,6", "-o", BILL).exit_code == 0
    # what the bill says was applied to it is recorded, as the app records it, without
    # --amendments
    assert "(HL Bill 101, As brought from the Commons, amendments 1, 6)" in (
        run("commit", "-m", "Agreed").output
    )
    rows = run("blame", "Clause 16(1)").output.splitlines()
    assert rows[-2].startswith("8:15") and rows[-1].startswith("8:16")
    assert all("  amendment 6  " in r for r in rows[-2:]), rows
    assert "amendment 1" in run("blame", "Clause 1(4)").output.splitlines()[-1]


def test_tag_and_blame_say_what_is_not_yet_recorded(bill_repo: Path) -> None:
    """A print tagged, or a provision blamed, with the bill changed since the last version:
    the tag is of that version, the lines as it has them, and each says so (a trial tagged
    HL Bill 60 over changes not committed, with no word)."""
    from drafter.core.store import BillRepo

    amendment_1(BillRepo.open(bill_repo))
    runner = CliRunner()
    tagged = runner.invoke(cli, ["tag", "HL Bill 120"])
    assert tagged.exit_code == 0, tagged.output
    assert f"warning: {BILL}: changed since that version, and not in the print tagged" in (
        tagged.stderr
    )
    blamed = runner.invoke(cli, ["blame", "Clause 1(4)"])
    assert blamed.exit_code == 0 and "not exceed 2 years." in blamed.stdout
    assert "warning: the bill has changes not yet recorded" in blamed.stderr
    run("commit", "-m", "Amendment 1 agreed", "--amendments", "1")
    assert "changed since" not in runner.invoke(cli, ["tag", "HL Bill 121"]).stderr


def test_a_new_print_goes_over_the_bill_only_when_git_keeps_the_old(bill_repo: Path) -> None:
    """-o over the bill a command reads: in a bill repository, where the bill is recorded as
    it stands, git keeps it (the new print is then committed as the next version); with
    changes not yet recorded, they would be lost: refused, and the file left as it was."""
    paper = str(SAMPLE.with_name("crime-and-policing-bill-amendments.txt"))
    bill = bill_repo / BILL
    bill.write_bytes(bill.read_bytes().replace(b"2 years", b"3 years", 1))  # not recorded
    edited = bill.read_bytes()
    refused = run("apply", BILL, paper, "--only", "5", "--renumber", "-o", BILL)
    assert refused.exit_code == 2
    assert f"{BILL} is the bill this command reads" in refused.output
    assert bill.read_bytes() == edited
    assert run("commit", "-m", "Three years").exit_code == 0
    # a paper git keeps is not the bill's to replace: the bill never goes over it
    shutil.copy(paper, bill_repo / "amendments" / "tabled.txt")
    assert run("commit", "-m", "The paper").exit_code == 0
    tabled = bill_repo / "amendments" / "tabled.txt"
    over = run("apply", BILL, str(tabled), "-o", str(tabled))
    assert over.exit_code == 2 and "is the amendment paper this command reads" in over.output
    assert tabled.read_bytes() == Path(paper).read_bytes()
    written = run("apply", BILL, paper, "--only", "5", "--renumber", "-o", BILL)
    assert written.exit_code == 0, written.output
    assert bill.read_bytes() != edited and b"Requesting the creation" in bill.read_bytes()
