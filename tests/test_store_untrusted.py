"""Bill repositories from others (issue 15): a cloned repository cannot send drafter outside
itself, drafts never enter history, remotes cannot be options, and two drafters committing at
once do not mix their versions. Every untrusted repository is built here, with real git."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import git as gitlib
import pytest

from drafter.core import store
from drafter.core.errors import UserError
from drafter.core.repo_paths import RULE, UnsafePathError, repository_path
from drafter.core.store import repository
from tests.conftest import REPO_ROOT
from tests.test_store import (  # noqa: F401  (isolated_git is an autouse fixture)
    SAMPLE,
    amendment_1,
    git,
    isolated_git,
)


@pytest.fixture
def repo(tmp_path: Path) -> store.BillRepo:
    return store.init(tmp_path / "bill", SAMPLE)


def head(repo: store.BillRepo) -> str:
    return repo.repo.head.commit.hexsha


def unnormalised_bill(path: Path) -> bytes:
    """A readable bill whose formatting drafter's commit would rewrite."""
    data = SAMPLE.read_bytes()
    assert store.normalise(data) != data
    path.write_bytes(data)
    return data


def sent_by_another(repo: store.BillRepo, tmp_path: Path, name: str) -> store.BillRepo:
    """``repo`` as someone else's, committed with git as it stands and cloned."""
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "--quiet", "--no-verify", "-m", "as sent")
    return store.BillRepo.clone(str(repo.root), tmp_path / name)


# --- 1. one rule for every path drafter reads or writes on a repository's behalf --------------


@pytest.mark.parametrize("named", ["absolute", "climbing"])
def test_a_configured_bill_outside_the_repository_is_never_written(
    repo: store.BillRepo, tmp_path: Path, named: str
) -> None:
    outside = tmp_path / "elsewhere" / "bill.xml"
    outside.parent.mkdir()
    before = unnormalised_bill(outside)
    name = str(outside) if named == "absolute" else "../elsewhere/bill.xml"
    (repo.root / store.CONFIG_FILE).write_text(f'[bill]\nfile = "{name}"\n')
    theirs = sent_by_another(repo, tmp_path, "mine")
    (theirs.root / store.CONFIG_FILE).write_text(f'[bill]\nfile = "{name}"\n')
    for victim in (repo, theirs):
        victim = store.BillRepo.open(victim.root)
        was = head(victim)
        with pytest.raises(UserError) as refused:
            victim.commit("Amendment 1 agreed")
        assert outside.read_bytes() == before  # not re-indented
        assert isinstance(refused.value, UnsafePathError)
        assert str(refused.value).startswith(f"{name}: refused: ")
        assert str(refused.value).endswith(RULE)
        assert "\n" not in str(refused.value)
        assert head(victim) == was
        # the app's history commit writes through the same path
        with pytest.raises(UnsafePathError):
            victim.bill_path  # noqa: B018


def test_a_bill_that_is_a_symlink_out_is_neither_copied_nor_published(
    repo: store.BillRepo, tmp_path: Path
) -> None:
    outside = tmp_path / "private.xml"
    before = unnormalised_bill(outside)
    bill = repo.root / repo.bill_file
    bill.unlink()
    bill.symlink_to(outside)
    theirs = sent_by_another(repo, tmp_path, "clone")
    link = theirs.root / theirs.bill_file
    assert link.is_symlink()
    was = head(theirs)
    with pytest.raises(UnsafePathError, match=rf"^{theirs.bill_file}: refused: it leads outside"):
        theirs.commit("Amendment 1 agreed")
    assert link.is_symlink() and os.readlink(link) == str(outside)
    assert outside.read_bytes() == before
    assert head(theirs) == was
    tree = theirs.repo.head.commit.tree / theirs.bill_file
    assert tree.mode == 0o120000  # still a link in history, never the private content


def test_a_symlink_inside_the_repository_is_refused_too(repo: store.BillRepo) -> None:
    bill = repo.root / repo.bill_file
    (repo.root / "real.xml").write_bytes(bill.read_bytes())
    bill.unlink()
    bill.symlink_to("real.xml")
    with pytest.raises(UnsafePathError, match="it is a symbolic link"):
        repo.commit("Amendment 1 agreed")
    assert bill.is_symlink()


def test_papers_directory_that_leads_out_is_refused(repo: store.BillRepo, tmp_path: Path) -> None:
    outside = tmp_path / "their-papers"
    outside.mkdir()
    papers = repo.root / store.AMENDMENTS_DIR
    for f in papers.iterdir():
        f.unlink()
    papers.rmdir()
    papers.symlink_to(outside)
    amendment_1(repo)
    before = (repo.root / repo.bill_file).read_bytes()
    with pytest.raises(UnsafePathError, match=r"^amendments: refused: it leads outside"):
        repo.commit("Amendment 1 agreed")
    assert (repo.root / repo.bill_file).read_bytes() == before


def test_the_rule(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "amendments").mkdir()
    (root / "bill.xml").write_bytes(b"<x/>")
    assert repository_path(root, "bill.xml") == root / "bill.xml"
    assert repository_path(root, "new.xml") == root / "new.xml"  # to be created inside
    assert repository_path(root, "amendments", directory=True) == root / "amendments"
    drafts = root / "amendments" / ".p.txt.drafts.json"
    drafts.symlink_to("/dev/zero")  # a cloned repository's drafts
    (root / "big").write_bytes(b"x" * 11)
    os.mkfifo(root / "fifo")
    refused = {
        "/etc/passwd": "not a name relative to",
        "../x.xml": "it leads outside",
        ".git/config": "it is inside git's own directory",
        "amendments/.p.txt.drafts.json": "it leads outside",
        "fifo": "it is not a regular file",
        "amendments": "it is not a regular file",
        "big": "it is 11 bytes, more than the limit of 10",
        "": "not a name relative to",
    }
    for name, why in refused.items():
        with pytest.raises(UnsafePathError) as err:
            repository_path(root, name, max_bytes=10)
        assert str(err.value).startswith(f"{name}: refused: {why}")
        assert str(err.value).endswith(RULE)
    drafts.unlink()
    drafts.symlink_to("../bill.xml")  # inside, but a link: still refused
    with pytest.raises(UnsafePathError, match="it is a symbolic link"):
        repository_path(root, "amendments/.p.txt.drafts.json")


# --- 2. drafts are never recorded -----------------------------------------------------------


def test_drafts_never_enter_a_version(repo: store.BillRepo) -> None:
    ignored = (repo.root / ".gitignore").read_text()
    assert "*.drafts.json" in ignored.splitlines()
    assert ".gitignore" in git(repo.root, "ls-files").splitlines()
    papers = repo.root / store.AMENDMENTS_DIR
    (papers / "p.txt").write_text("Amendment 1\n")
    (papers / ".p.txt.drafts.json").write_text('{"unpublished": true}')
    (papers / ".p.txt.abc123.tmp").write_text("half written")
    (repo.root / ".gitignore").unlink()  # the pathspec holds without it
    repo.commit("Paper")
    recorded = git(repo.root, "ls-tree", "-r", "--name-only", "HEAD").splitlines()
    assert "amendments/p.txt" in recorded
    assert not [p for p in recorded if p.endswith((".drafts.json", ".tmp"))]


def test_drafts_an_earlier_drafter_recorded_leave_the_next_version(repo: store.BillRepo) -> None:
    drafts = repo.root / store.AMENDMENTS_DIR / ".p.txt.drafts.json"
    drafts.write_text("{}")
    git(repo.root, "add", "-f", str(drafts))
    git(repo.root, "commit", "--quiet", "-m", "drafts recorded by an old drafter")
    amendment_1(repo)
    repo.commit("Amendment 1 agreed")
    recorded = git(repo.root, "ls-tree", "-r", "--name-only", "HEAD").splitlines()
    assert "amendments/.p.txt.drafts.json" not in recorded
    assert drafts.exists()  # the drafter's unsaved work stays on disk


# --- 3. remotes are never options, nor commands ----------------------------------------------


@pytest.mark.parametrize("doing", ["pull", "push"])
def test_a_remote_is_never_read_as_an_option(
    repo: store.BillRepo, tmp_path: Path, doing: str
) -> None:
    marker = tmp_path / "ran"
    option = "--upload-pack" if doing == "pull" else "--receive-pack"
    remote = f"{option}=touch {marker};://"
    with pytest.raises(store.RemoteError) as refused:
        getattr(repo, doing)(remote)
    assert not marker.exists()
    assert str(refused.value) == (
        f"{remote}: refused: a remote cannot begin with '-' (git would read it as an option)"
    )


def test_the_cli_refuses_an_option_as_a_remote(repo: store.BillRepo, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    for args in (
        ["pull", "--", f"--upload-pack=touch {marker};://"],
        ["push", "--", f"--receive-pack=touch {marker};://"],
    ):
        done = run_cli(repo.root, *args)
        assert done.returncode == 2, done.stderr
        assert not marker.exists()
        assert len(done.stderr.splitlines()) == 1
        assert "refused: a remote cannot begin with '-'" in done.stderr


@pytest.mark.parametrize("remote", ["ext::sh -c touch% {marker}", "fd::17", "EXT::x", "ext://x"])
def test_a_remote_helper_is_refused_in_one_line(tmp_path: Path, remote: str) -> None:
    marker = tmp_path / "ran"
    remote = remote.format(marker=marker)
    done = run_cli(tmp_path, "clone", remote, str(tmp_path / "copy"))
    assert done.returncode == 2, done.stderr
    assert not marker.exists()
    assert done.stderr.splitlines() == [
        f"drafter: {remote}: refused: git's remote helpers (such as ext:: and fd::) can run "
        "commands; use a path, an ssh or https URL, or a remote's name"
    ]


def test_a_failed_clone_gives_gits_reason(tmp_path: Path) -> None:
    """git says "Cloning into …" before its reason, for a URL that is not a repository."""
    empty = tmp_path / "not-a-repository"
    empty.mkdir()
    url = empty.as_uri()
    with pytest.raises(store.RemoteError) as failed:
        store.BillRepo.clone(url, tmp_path / "copy")
    assert str(failed.value) == (
        f"cannot clone {url}: '{empty}' does not appear to be a git repository"
    )


def run_cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """drafter as a user runs it: a process of its own, its one-line error on stderr."""
    return subprocess.run(
        [sys.executable, "-m", "drafter.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        check=False,
    )


# --- 4. one drafter at a time ----------------------------------------------------------------


def slow_git(tmp_path: Path) -> Path:
    """A directory whose ``git`` is the real one, except that ``git commit`` first marks that
    the paper is staged and then waits: the moment another drafter could slip in."""
    real = shutil.which("git")
    assert real is not None
    bin_dir = tmp_path / "slow-git"
    bin_dir.mkdir()
    script = bin_dir / "git"
    script.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = commit ] && [ -n "$DRAFTER_TEST_STAGED" ]; then\n'
        '  : > "$DRAFTER_TEST_STAGED"\n'
        "  sleep 2\n"
        "fi\n"
        f'exec "{real}" "$@"\n'
    )
    script.chmod(0o755)
    return bin_dir


def files_of(repo: store.BillRepo, subject: str) -> list[str]:
    """The files the version with this subject changed."""
    sha = git(repo.root, "log", "--format=%H", f"--grep=^{subject}$").split()
    assert len(sha) == 1, (subject, sha)
    return git(repo.root, "diff-tree", "--no-commit-id", "--name-only", "-r", sha[0]).split()


def test_two_drafters_committing_at_once_each_record_their_own_paper(
    repo: store.BillRepo, tmp_path: Path
) -> None:
    papers = repo.root / store.AMENDMENTS_DIR
    staged = tmp_path / "a-staged"
    (papers / "a.txt").write_text("Amendment 1\n")
    slow = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "PATH": f"{slow_git(tmp_path)}{os.pathsep}{os.environ['PATH']}",
        "GIT_PYTHON_GIT_EXECUTABLE": "git",
        "DRAFTER_TEST_STAGED": str(staged),
    }
    first = subprocess.Popen(
        [sys.executable, "-m", "drafter.cli", "commit", "-m", "Paper A", "--paper", "a.txt"],
        cwd=repo.root,
        env=slow,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    while not staged.exists():  # A has staged its paper and is about to commit
        assert first.poll() is None, first.communicate()
        time.sleep(0.02)
    (papers / "b.txt").write_text("Amendment 2\n")
    second = run_cli(repo.root, "commit", "-m", "Paper B", "--paper", "b.txt")
    _out, err = first.communicate()
    assert first.returncode == 0, err
    assert files_of(repo, "Paper A") == ["amendments/a.txt"]
    if second.returncode == 0:
        assert files_of(repo, "Paper B") == ["amendments/b.txt"]
    else:  # a machine so slow that B stopped waiting: told plainly, nothing recorded
        assert second.stderr.splitlines() == [
            f"drafter: another drafter is committing in {repo.root}; try again"
        ]


def test_a_drafter_that_cannot_wait_is_told_plainly(
    repo: store.BillRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(repository, "LOCK_WAIT_SECONDS", 0.0)
    other = store.BillRepo.open(repo.root)
    amendment_1(repo)
    was = head(repo)
    with other._locked("pulling"), pytest.raises(store.BusyError) as busy:
        repo.commit("Amendment 1 agreed")
    assert str(busy.value) == f"another drafter is pulling in {repo.root}; try again"
    assert head(repo) == was
    repo.commit("Amendment 1 agreed")  # the lock is gone with its holder
    assert head(repo) != was


def test_a_read_only_repository_is_not_told_to_delete_a_missing_lock(
    repo: store.BillRepo,
) -> None:
    """git's words when it cannot create index.lock because .git is not writable."""
    lock = Path(repo.repo.git_dir) / "index.lock"
    err = git_error(
        f"fatal: Unable to create '{lock}': Permission denied",
    )
    message = str(repo._translate(err, "record a version"))
    assert "delete" not in message
    assert message == f"cannot record a version: Unable to create '{lock}': Permission denied"
    held = git_error(f"fatal: Unable to create '{lock}': File exists.\n\nAnother git process")
    assert isinstance(repo._translate(held, "record a version"), store.IndexLockedError)


def git_error(stderr: str) -> gitlib.GitCommandError:
    return gitlib.GitCommandError(["git", "commit"], 128, stderr.encode())


# --- hooks a repository carries --------------------------------------------------------------


@pytest.mark.parametrize("where", ["hooks folder", "core.hooksPath"])
def test_a_repositorys_hooks_never_run(repo: store.BillRepo, tmp_path: Path, where: str) -> None:
    """A repository handed over whole (a folder, an archive) may carry hooks, in .git/hooks or
    wherever its own config points: drafter's commits run none of them."""
    ran = tmp_path / "hook-ran"
    hooks = repo.root / ".git" / "hooks" if where == "hooks folder" else tmp_path / "their-hooks"
    hooks.mkdir(parents=True, exist_ok=True)
    for name in ("pre-commit", "prepare-commit-msg", "commit-msg", "post-commit"):
        hook = hooks / name
        hook.write_text(f"#!/bin/sh\necho {name} >> {ran}\n", encoding="utf-8")
        hook.chmod(0o755)
    if where == "core.hooksPath":
        git(repo.root, "config", "core.hooksPath", str(hooks))
    again = store.BillRepo.open(repo.root)
    amendment_1(again)
    before = head(again)
    again.commit("Amendment 1 agreed", amendments=["1"])
    assert head(again) != before  # the version was made …
    assert not ran.exists()  # … and no hook ran
    git(repo.root, "commit", "--allow-empty", "-q", "-m", "by hand")  # git itself runs them
    assert ran.exists()
