"""The bill repository: versions of a bill and its amendment papers as git commits, with
what each version is in the commit's trailers. The only module of drafter that imports git."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import tomllib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

import git

from drafter.core.apply.provenance import applied_in, marked_anywhere, marked_in
from drafter.core.bill import Bill, CitationError, Provision
from drafter.core.errors import UserError, about_file
from drafter.core.etree import etree
from drafter.core.files import write_atomic
from drafter.core.repo_paths import UnsafePathError, repository_path
from drafter.core.store.canonical import normalise
from drafter.core.store.drivers import (
    MERGE_NOTE,
    PREFER_VARIABLE,
    REBASING,
    RENUMBER_NOTE,
    driver_command,
)
from drafter.core.store.errors import (
    BusyError,
    ConflictError,
    CorruptBillError,
    DetachedHeadError,
    IndexLockedError,
    NoIdentityError,
    NotABillRepositoryError,
    RemoteError,
    StoreError,
    UncommittedChangesError,
    UnknownRevisionError,
)
from drafter.core.xml import XMLInputError, parse_bytes, read_file

if TYPE_CHECKING:
    from drafter.core.paper import Paper
    from drafter.core.rebase import Carried

CONFIG_FILE = ".drafter.toml"
IGNORE_FILE = ".gitignore"
#: what never enters a version: the app's unsaved drafts beside each paper, and the temporary
#: files of an interrupted atomic write
NEVER_RECORDED = ("*.drafts.json", ".*.tmp")
AMENDMENTS_DIR = "amendments"
#: the Acts the bill amends, kept beside it (``drafter keeling --add-act``), and the Keeling
#: schedule of each (the Act as the bill would amend it), made again with every version
ACTS_DIR = "acts"
SCHEDULES_DIR = "keeling"
DIFF_DRIVER = "drafter"
PAPER_MERGE_DRIVER = "drafter-paper"
INITIAL_BRANCH = "main"

TRAILER_PRINT = "Drafter-Print"
TRAILER_STAGE = "Drafter-Stage"
TRAILER_AMENDMENTS = "Drafter-Amendments"
TRAILER_PAPER = "Drafter-Paper"
TRAILER_REBASED = "Drafter-Rebased"
#: what a merge settled of amendments both sides changed (--prefer): said again to whoever
#: pulls it
TRAILER_MERGED = "Drafter-Merged"
#: the paper merge driver's command (%P: the paper's path, to name it)
_MERGE_DRIVER = "merge-paper %O %A %B %P"

#: .drafter.toml is a few lines
_MAX_CONFIG_BYTES = 64 * 1024


#: the lock file (in .git) that drafter's own operations on a repository take, one at a time
LOCK_FILE = "drafter.lock"
#: how long a second drafter waits for the first before it is told to try again
LOCK_WAIT_SECONDS = 10.0


def _try_lock(fd: int) -> bool:
    """Take an exclusive lock on an open file without waiting; False when another holds it.
    The system drops the lock when its holder's process ends, so none is left stale."""
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


# --- versions ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    """One version of the bill: a commit and what its trailers say about it."""

    sha: str
    short: str
    parents: tuple[str, ...]
    author: str
    email: str
    date: str  # ISO 8601, the author's own time zone
    subject: str
    bill_number: str = ""
    stage: str = ""
    amendments: tuple[str, ...] = ()
    paper: str = ""
    tags: tuple[str, ...] = field(default=())  # display names ("HL Bill 60")
    #: what became of the papers' amendments when this version brought a new print
    #: ("3 unchanged, 4 re-cited, 1 needs redrafting"), "" when it did not
    rebased: str = ""

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1


@dataclass(frozen=True)
class BlameLine:
    """Who last changed one printed line of a provision."""

    page: int
    number: int
    text: str
    version: Version
    #: the amendments that changed the line: of those the version says it applied, the ones
    #: whose marks (words put in or left out, provisions inserted) stand on the line; all of
    #: them when the bill carries no marks of theirs to tell by (it was reprinted clean, or
    #: changed by hand)
    amendments: tuple[str, ...]


@dataclass(frozen=True)
class PullResult:
    kind: str  # "up to date", "fast-forward", "merged"
    head: str
    notes: tuple[str, ...] = ()  # what the merge of papers did that the user should know


_FIELD = "%x1f"
_LOG_FORMAT = _FIELD.join(
    [
        "%H",
        "%h",
        "%P",
        "%an",
        "%ae",
        "%aI",
        "%s",
        *(
            f"%(trailers:key={key},valueonly,separator=%x1e)"
            for key in (
                TRAILER_PRINT,
                TRAILER_STAGE,
                TRAILER_AMENDMENTS,
                TRAILER_PAPER,
                TRAILER_REBASED,
            )
        ),
    ]
)


def _amendment_list(value: str) -> tuple[str, ...]:
    return tuple(a for a in (p.strip() for p in re.split(r"[,\x1e]", value)) if a)


def tag_name_for(display: str) -> str:
    """A git tag name for a print's display name: "HL Bill 60" -> "HL-Bill-60"."""
    name = re.sub(r"[^A-Za-z0-9._]+", "-", display.strip()).strip("-.")
    name = re.sub(r"\.{2,}", ".", name).removesuffix(".lock")
    if not name:
        raise StoreError(f"cannot make a tag name from “{display}”: use letters and digits")
    return name


def _first_line(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith(("hint:", "cmdline:", "stderr:", "stdout:")):
            return line.removeprefix("error: ").removeprefix("fatal: ")
    return text.strip()


def _git_message(err: git.GitCommandError) -> str:
    """git's reason: its first ``fatal:`` or ``error:`` line (git may say what it was doing
    first, as clone's "Cloning into …" does), else its first line."""
    stderr = err.stderr if isinstance(err.stderr, str) else str(err.stderr)
    stderr = stderr.strip().removeprefix("stderr:").strip().strip("'")
    for line in stderr.splitlines():
        line = line.strip()
        if line.startswith(("fatal: ", "error: ")):
            return _first_line(line)
    return _first_line(stderr) or str(err)


#: git's remote helpers ("ext::COMMAND", "fd::17", "ext://…") can run commands or read a file
#: descriptor: never from a name given to drafter
_UNSAFE_REMOTE = re.compile(r"([A-Za-z0-9][A-Za-z0-9+.-]*|)::|ext://", re.IGNORECASE)


def _check_remote_name(remote: str) -> None:
    """Refuse a remote that git would read as an option or run through a remote helper."""
    if remote.startswith("-"):
        raise RemoteError(
            f"{remote}: refused: a remote cannot begin with '-' (git would read it as an option)"
        )
    if _UNSAFE_REMOTE.match(remote):
        raise RemoteError(
            f"{remote}: refused: git's remote helpers (such as ext:: and fd::) can run "
            "commands; use a path, an ssh or https URL, or a remote's name"
        )


#: git's line for a ref it did not push: " ! [remote rejected] main -> main (reason)"
_REJECTED = re.compile(
    r"^\s*!\s*\[(?:remote )?rejected\]\s+\S+\s*->\s*(?P<ref>\S+)"
    r"\s+\((?P<reason>[^)]*)\)",
    re.MULTILINE,
)


def _push_refused(remote: str, err: git.GitCommandError) -> RemoteError:
    """Why git did not push, in one line: "pull first" only when the remote has versions
    this repository lacks (a non-fast-forward); otherwise the reason git gave."""
    refused = list(_REJECTED.finditer(str(err.stderr)))
    if not refused:
        return RemoteError(f"cannot push to {remote}: {_git_message(err)}")
    if any(r["reason"] in ("fetch first", "non-fast-forward") for r in refused):
        return RemoteError(
            f"{remote} has versions you do not have: run drafter pull {remote} first, "
            "then push again"
        )
    ref, reason = refused[0]["ref"], refused[0]["reason"]
    if reason == "branch is currently checked out":
        reason = f"branch {ref} is currently checked out there (push to a bare repository)"
    else:
        reason = f"{ref}: {reason}"
    return RemoteError(f"{remote} refused the push: {reason}")


def _check_identity(cmd: git.Git) -> None:
    """Refuse to record anything when git does not know the drafter's name and e-mail
    (git would otherwise guess them from the machine, or fail half-way)."""

    def configured(key: str) -> str:
        try:
            return str(cmd.config("--get", key)).strip()
        except git.GitCommandError:
            return ""

    env = os.environ
    name = (env.get("GIT_AUTHOR_NAME") and env.get("GIT_COMMITTER_NAME")) or configured("user.name")
    email = (
        (env.get("GIT_AUTHOR_EMAIL") and env.get("GIT_COMMITTER_EMAIL"))
        or configured("user.email")
        or env.get("EMAIL", "")
    )
    missing = [w for w, v in (("user.name", name), ("user.email", email)) if not v]
    if missing:
        raise NoIdentityError(
            f"git does not know who you are ({' and '.join(missing)} not set): run "
            'git config --global user.name "Your Name" and '
            "git config --global user.email you@example.org"
        )


# --- the repository ---------------------------------------------------------------------------


class BillRepo:
    """A bill repository: the bill's versions, read from and written to git."""

    def __init__(self, repo: git.Repo, bill_file: str, amendments_dir: str = AMENDMENTS_DIR):
        self.repo = repo
        # A repository from someone else may carry hooks (in .git/hooks, or named by its own
        # config): drafter's git commands run none of them, whatever the repository says.
        repo.git.update_environment(**_NO_HOOKS)
        assert repo.working_tree_dir is not None
        self.root = Path(repo.working_tree_dir)
        self.bill_file = bill_file
        self.amendments_dir = amendments_dir

    # --- opening and creating ----------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str] = ".") -> BillRepo:
        """The bill repository holding ``path`` (searching upwards, as git does)."""
        where = Path(path)
        try:
            repo = git.Repo(where, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise NotABillRepositoryError(
                f"{where} is not a bill repository (not a git repository): "
                "create one with drafter init DIR --bill BILL"
            ) from None
        if repo.bare or repo.working_tree_dir is None:
            raise NotABillRepositoryError(
                f"{where} is a bare git repository, not a bill repository: clone it first "
                "(drafter clone)"
            )
        root = Path(repo.working_tree_dir)
        config = root / CONFIG_FILE
        if not os.path.lexists(config):
            raise NotABillRepositoryError(
                f"{root} is a git repository but not a bill repository (no {CONFIG_FILE}): "
                "create one with drafter init DIR --bill BILL"
            )
        config = repository_path(root, CONFIG_FILE, max_bytes=_MAX_CONFIG_BYTES)
        try:
            settings = tomllib.loads(config.read_text(encoding="utf-8"))
            bill_file = str(settings["bill"]["file"])
            amendments = str(settings["bill"].get("amendments", AMENDMENTS_DIR))
        except (tomllib.TOMLDecodeError, KeyError, TypeError, UnicodeDecodeError) as err:
            raise NotABillRepositoryError(
                f'{config}: not a drafter configuration ({err}); it needs [bill] file = "BILL.xml"'
            ) from None
        return cls(repo, bill_file, amendments)

    @classmethod
    def init(cls, directory: str | os.PathLike[str], bill_path: str | os.PathLike[str]) -> BillRepo:
        """Make ``directory`` a bill repository holding the bill at ``bill_path`` (normalised),
        and record it as the first version."""
        target = Path(directory)
        if (target / CONFIG_FILE).exists():
            raise StoreError(f"{target} is already a bill repository ({CONFIG_FILE} exists)")
        source = Path(bill_path)
        data = read_file(source)
        bill = Bill.from_bytes(data, source)
        name = source.name if source.suffix.lower() == ".xml" else source.name + ".xml"
        _check_identity(git.Git())
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            what = "is a file, not a directory" if target.is_file() else err.strerror
            raise StoreError(f"cannot make a bill repository in {target}: {what}") from None
        # the rule for every path written on the repository's behalf, before any is written
        dest = repository_path(target, name)
        for written in (AMENDMENTS_DIR, f"{AMENDMENTS_DIR}/.gitkeep", CONFIG_FILE):
            repository_path(target, written, directory=written == AMENDMENTS_DIR)
        for written in (".gitattributes", ".gitignore"):
            repository_path(target, written)
        if dest.exists() and dest.resolve() != source.resolve():
            raise UncommittedChangesError(
                f"{dest} already exists: drafter init will not overwrite it"
            )
        try:
            repo = git.Repo(target)
            if Path(repo.working_tree_dir or "").resolve() != target.resolve():
                raise git.InvalidGitRepositoryError
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            try:
                try:
                    repo = git.Repo.init(target, initial_branch=INITIAL_BRANCH)
                except git.GitCommandError:  # a git without --initial-branch
                    repo = git.Repo.init(target)
            except git.GitCommandError as err:  # git cannot make one there (/proc/self)
                reason = _git_message(err)
                raise StoreError(
                    f"cannot make a bill repository in {directory}: {reason}"
                ) from None
        store = cls(repo, name)
        store._check_can_commit()
        write_atomic(dest, normalise(data, source))  # a tree of its own (see Bill)
        (target / AMENDMENTS_DIR).mkdir(exist_ok=True)
        keep = target / AMENDMENTS_DIR / ".gitkeep"
        if not any((target / AMENDMENTS_DIR).iterdir()):
            write_atomic(keep, b"")
        write_atomic(
            target / CONFIG_FILE,
            (
                "# drafter bill repository\n[bill]\n"
                f"file = {json.dumps(name)}\namendments = {json.dumps(AMENDMENTS_DIR)}\n"
            ).encode(),
        )
        ignore = target / IGNORE_FILE
        kept = ignore.read_bytes() if ignore.exists() else b""
        wanted = [p for p in NEVER_RECORDED if p.encode() not in kept.splitlines()]
        if wanted:
            heading = "# drafter: unpublished drafts and unfinished writes are never recorded\n"
            write_atomic(
                ignore,
                kept
                + (b"\n" if kept and not kept.endswith(b"\n") else b"")
                + (heading + "".join(f"{p}\n" for p in wanted)).encode(),
            )
        write_atomic(
            target / ".gitattributes",
            (
                f"/{name} diff={DIFF_DRIVER}\n/{AMENDMENTS_DIR}/*.txt merge={PAPER_MERGE_DRIVER}\n"
            ).encode(),
        )
        store.install_drivers()
        store.commit(f"Bill as received: {bill.metadata.bill_number or name}")
        if bill.metadata.bill_number:  # the first version is a print: mark it as one
            store.tag(bill.metadata.bill_number)
        return store

    @classmethod
    def init_shared(
        cls, directory: str | os.PathLike[str], bill_path: str | os.PathLike[str]
    ) -> str:
        """Make ``directory`` a shared bill repository: a bare git repository (no working
        copy, so that everyone can push to it) holding the bill at ``bill_path`` as its first
        version. Each drafter clones it (:meth:`clone` sets up the clone's drivers: git keeps
        them per clone, and a bare repository merges nothing). Returns the first version's
        short id."""
        import tempfile

        target = Path(directory)
        if target.exists() and any(target.iterdir()):
            raise StoreError(f"{target} is not empty: a shared repository starts in a new folder")
        with tempfile.TemporaryDirectory(prefix="drafter-shared-") as work:
            first = cls.init(Path(work) / "bill", bill_path)
            try:
                git.Repo.clone_from(first.root, target, bare=True)
            except git.GitCommandError as err:
                raise StoreError(
                    f"cannot make a shared repository in {target}: {_git_message(err)}"
                ) from None
            return first.version().short

    @classmethod
    def clone(cls, remote: str, directory: str | os.PathLike[str]) -> BillRepo:
        """Clone a bill repository from a path or URL and set up its drivers."""
        _check_remote_name(remote)
        try:
            git.Repo.clone_from(remote, Path(directory))
        except git.GitCommandError as err:
            raise RemoteError(f"cannot clone {remote}: {_git_message(err)}") from None
        except (git.UnsafeProtocolError, git.UnsafeOptionError) as err:
            raise RemoteError(f"{remote}: refused: {err}") from None
        store = cls.open(directory)
        store.install_drivers()
        return store

    def install_drivers(self) -> None:
        """Set this clone's git configuration for the textconv and paper merge drivers
        (git's configuration is per clone, so every clone needs it once)."""
        with self.repo.config_writer() as cw:
            cw.set_value(f'diff "{DIFF_DRIVER}"', "textconv", driver_command("textconv"))
            cw.set_value(f'diff "{DIFF_DRIVER}"', "cachetextconv", "true")
            cw.set_value(
                f'merge "{PAPER_MERGE_DRIVER}"', "name", "drafter: amendment papers, by amendment"
            )
            cw.set_value(
                f'merge "{PAPER_MERGE_DRIVER}"',
                "driver",
                driver_command(_MERGE_DRIVER),
            )

    def _drivers_installed(self) -> bool:
        """Has this clone git's drivers, as this drafter runs them (see
        :func:`~drafter.core.store.drivers.driver_command`)?"""
        reader = self.repo.config_reader("repository")
        wanted = {
            (f'diff "{DIFF_DRIVER}"', "textconv"): driver_command("textconv"),
            (f'merge "{PAPER_MERGE_DRIVER}"', "driver"): driver_command(_MERGE_DRIVER),
        }
        return all(
            reader.has_option(section, name) and reader.get_value(section, name) == command
            for (section, name), command in wanted.items()
        )

    # --- state checks ------------------------------------------------------------------

    @property
    def bill_path(self) -> Path:
        """The working bill file, checked by the repository path rule (a cloned repository's
        configuration must not send drafter to a file outside it)."""
        return repository_path(self.root, self.bill_file)

    def papers_path(self) -> Path:
        """The papers' directory, checked by the repository path rule."""
        return repository_path(self.root, self.amendments_dir, directory=True)

    def papers(self) -> list[Path]:
        """The amendment papers kept in the repository (text or LawMaker XML), the most
        recently changed first."""
        folder = self.papers_path()
        if not folder.is_dir():
            return []
        found = [p for p in folder.iterdir() if p.suffix in (".txt", ".xml") and p.is_file()]
        return sorted(found, key=lambda p: (-p.stat().st_mtime, p.name))

    def acts(self) -> list[Path]:
        """The Acts kept beside the bill (``acts/*.xml``), by name; each checked by the
        repository path rule."""
        folder = repository_path(self.root, ACTS_DIR, directory=True)
        if not folder.is_dir():
            return []
        names = sorted(p.name for p in folder.iterdir() if p.suffix == ".xml")
        return [repository_path(self.root, f"{ACTS_DIR}/{name}") for name in names]

    def recorded(self, folder: str) -> list[str]:
        """The names of the files in ``folder`` in the last version ([] before the first)."""
        if not self.repo.head.is_valid():
            return []
        try:
            listed = self.repo.git.ls_tree("-z", "--name-only", "HEAD", "--", f"{folder}/")
        except git.GitCommandError as err:
            raise self._translate(err, f"list {folder}/") from None
        return [PurePosixPath(name).name for name in listed.split("\0") if name]

    def working_paper(self) -> Path:
        """The paper to draft into: the one in the papers' directory (of several, the one
        changed last), else a new one there named after the bill (the directory is made if
        a clone lacks it: git keeps no empty directories)."""
        papers = self.papers()
        if papers:
            return papers[0]
        folder = self.papers_path()
        folder.mkdir(exist_ok=True)
        return folder / f"{Path(self.bill_file).stem}-amendments.txt"

    @contextmanager
    def _locked(self, doing: str) -> Iterator[None]:
        """Hold ``.git/drafter.lock`` while ``doing`` (say "committing"): git locks its index
        only for one command at a time, so two drafters' add-then-commit could otherwise mix,
        one version taking the other's paper under its own message."""
        path = Path(self.repo.git_dir) / LOCK_FILE
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(path, flags, 0o666)
        except OSError as err:
            raise StoreError(
                f"cannot record anything in {self.root}: drafter cannot write its lock {path} "
                f"({err.strerror or err}; is the repository read-only for you?)"
            ) from None
        try:
            deadline = time.monotonic() + LOCK_WAIT_SECONDS
            while not _try_lock(fd):
                if time.monotonic() >= deadline:
                    os.lseek(fd, 0, os.SEEK_SET)
                    holder = os.read(fd, 200).decode("utf-8", "replace").strip()
                    raise BusyError(
                        f"another drafter is {holder or 'working'} in {self.root}; try again"
                    )
                time.sleep(0.05)
            os.ftruncate(fd, 0)  # say what this drafter is doing, for the one that waits
            os.write(fd, doing.encode())
            yield
        finally:
            os.close(fd)  # drops the lock

    def _check_unlocked(self) -> None:
        lock = Path(self.repo.git_dir) / "index.lock"
        if lock.exists():
            raise IndexLockedError(
                f"the git index of {self.root} is locked ({lock} exists): another git command "
                "may be running; if none is, delete that file and try again"
            )

    def _check_nothing_unfinished(self) -> None:
        """Refuse to record over a merge, rebase or cherry-pick that git left unfinished (a
        plain ``git pull`` stopped at a conflict): its files are one side's, or hold
        conflict markers, and a version made of them would drop the other side's work."""
        git_dir = Path(self.repo.git_dir)
        for marker, what, undo in (
            ("MERGE_HEAD", "merge", "git merge --abort"),
            *((state, "rebase", "git rebase --abort") for state in REBASING),
            ("CHERRY_PICK_HEAD", "cherry-pick", "git cherry-pick --abort"),
            ("REVERT_HEAD", "revert", "git revert --abort"),
        ):
            if (git_dir / marker).exists():
                out = self.repo.git.diff("--name-only", "-z", "--diff-filter=U")
                unmerged = [name for name in out.split("\0") if name]
                stopped = f": it stopped at a conflict in {', '.join(unmerged)}" if unmerged else ""
                raise StoreError(
                    f"a git {what} is not finished in {self.root}{stopped}; drafter records "
                    f"nothing over it. Undo it ({undo}), then use drafter pull, which merges "
                    "papers amendment by amendment and names any conflict"
                )

    def _check_branch(self, doing: str) -> str:
        try:
            return self.repo.active_branch.name
        except TypeError:
            sha = self.repo.head.commit.hexsha[:7]
            raise DetachedHeadError(
                f"HEAD is detached (at {sha}): drafter {doing} only on a branch; run "
                "git switch BRANCH (or git switch -c NEW-BRANCH) first"
            ) from None

    def _check_identity(self) -> None:
        _check_identity(self.repo.git)

    def _check_can_commit(self) -> None:
        self._check_unlocked()
        self._check_nothing_unfinished()
        if self.repo.head.is_valid():
            self._check_branch("records versions")
        self._check_identity()

    def changed_files(self) -> list[str]:
        """Tracked files with uncommitted changes (staged or not)."""
        out = self.repo.git.status("--porcelain", "-z", "--untracked-files=no")
        return [entry[3:] for entry in out.split("\0") if len(entry) > 3]

    def keeps(self, path: str | os.PathLike[str]) -> bool:
        """Is the file at ``path`` recorded in the last version as it stands now (so that
        replacing it loses nothing: git has it)?"""
        try:
            relative = Path(path).resolve().relative_to(Path(self.root).resolve())
        except ValueError:  # outside the repository
            return False
        try:
            self.repo.git.ls_files("--error-unmatch", "--", str(relative))
        except git.GitCommandError:  # not tracked
            return False
        return not self.repo.git.status("--porcelain", "--", str(relative))

    def _check_clean(self, doing: str) -> None:
        changed = self.changed_files()
        if changed:
            shown = ", ".join(changed[:3]) + (" …" if len(changed) > 3 else "")
            raise UncommittedChangesError(
                f"uncommitted changes to {shown}: {doing} would overwrite them; record them "
                "first (drafter commit -m MESSAGE) or discard them (git restore FILE)"
            )

    # --- revisions ---------------------------------------------------------------------

    def resolve(self, rev: str) -> str:
        """The commit a revision names: a commit, branch, tag, or a tag's display name
        ("HL Bill 60")."""
        candidates = [rev]
        try:
            slug = tag_name_for(rev)
        except StoreError:
            slug = ""
        if slug and slug != rev:
            candidates.append(slug)
        for candidate in candidates:
            if candidate.startswith("-"):
                continue
            try:
                return str(
                    self.repo.git.rev_parse("--verify", "--quiet", f"{candidate}^{{commit}}")
                ).strip()
            except git.GitCommandError:
                continue
        raise UnknownRevisionError(
            f"{rev}: no such version in {self.root} (see drafter log for versions and tags)"
        )

    def bill_bytes_at(self, rev: str = "HEAD") -> tuple[str, bytes]:
        """(commit, the bill file's bytes) at a revision, straight from git's objects."""
        sha = self.resolve(rev)
        commit = self.repo.commit(sha)
        try:
            blob = commit.tree / self.bill_file
        except KeyError:
            raise CorruptBillError(
                f"revision {sha[:7]} (“{commit.summary!s}”) has no {self.bill_file}"
            ) from None
        return sha, bytes(blob.data_stream.read())

    def bill_at(self, rev: str = "HEAD") -> Bill:
        """The bill as it was at a revision, without checking anything out."""
        sha, data = self.bill_bytes_at(rev)
        label = f"{rev}:{self.bill_file}"
        try:
            return Bill.from_bytes(data, label)
        except XMLInputError as err:
            summary = self.repo.commit(sha).summary
            raise CorruptBillError(
                f"revision {sha[:7]} (“{summary!s}”): {self.bill_file} is not a readable bill: "
                f"{err.reason}" + (f" (line {err.line})" if err.line else "")
            ) from None

    def papers_changed(self, old: str, new: str) -> list[str]:
        """The names of the papers that differ between two revisions (added, changed or
        taken out), in name order."""
        try:
            listed = self.repo.git.diff(
                "-z", "--name-only", self.resolve(old), self.resolve(new), "--",
                f"{self.amendments_dir}/",
            )  # fmt: skip
        except git.GitCommandError as err:
            raise self._translate(err, "compare the papers") from None
        return sorted(PurePosixPath(n).name for n in listed.split("\0") if n)

    def paper_at(self, rev: str, name: str) -> Paper | None:
        """The paper ``name`` (in the papers' directory) as it was at a revision; None when
        that version has no such paper."""
        from drafter.core.paper import paper_from_bytes

        sha = self.resolve(rev)
        path = f"{self.amendments_dir}/{name}"
        try:
            blob = self.repo.commit(sha).tree / path
        except KeyError:
            return None
        return paper_from_bytes(bytes(blob.data_stream.read()), f"{sha[:7]}:{path}")

    # --- listing versions --------------------------------------------------------------

    def _tags(self) -> dict[str, list[str]]:
        """commit -> display names of the tags on it (the tag message, or the tag name)."""
        out = self.repo.git.for_each_ref(
            "refs/tags",
            "--format=%(refname:short)%1f%(objecttype)%1f%(objectname)%1f%(*objectname)"
            "%1f%(contents:subject)",
        )
        tags: dict[str, list[str]] = {}
        for row in out.splitlines():
            name, kind, obj, peeled, subject = (row.split("\x1f") + [""] * 5)[:5]
            commit = peeled if kind == "tag" else obj
            tags.setdefault(commit, []).append(subject.strip() if kind == "tag" else name)
        return tags

    def print_named(self, bill_number: str) -> Version | None:
        """The version tagged as the print ``bill_number`` ("HL Bill 101"): the print a paper
        that names it cites; None when no version is tagged so."""
        from drafter.core.bill import same_name

        if not bill_number:
            return None
        for version in self.versions():
            if any(same_name(tag, bill_number) for tag in version.tags):
                return version
        return None

    def versions(self, rev: str = "HEAD", limit: int | None = None) -> list[Version]:
        """Versions newest first, from one ``git log`` (no bill is loaded)."""
        if not self.repo.head.is_valid():
            return []
        args = ["-z", f"--format={_LOG_FORMAT}"]
        if limit is not None:
            args.append(f"--max-count={limit}")
        out = self.repo.git.log(*args, self.resolve(rev), "--")
        tags = self._tags()
        versions = []
        for record in out.split("\0"):
            if not record.strip():
                continue
            f = record.strip("\n").split("\x1f")
            sha = f[0]
            versions.append(
                Version(
                    sha=sha,
                    short=f[1],
                    parents=tuple(f[2].split()),
                    author=f[3],
                    email=f[4],
                    date=f[5],
                    subject=f[6],
                    bill_number=f[7].split("\x1e")[-1].strip(),
                    stage=f[8].split("\x1e")[-1].strip(),
                    amendments=_amendment_list(f[9]),
                    paper=f[10].split("\x1e")[-1].strip(),
                    tags=tuple(tags.get(sha, ())),
                    rebased=f[11].split("\x1e")[-1].strip(),
                )
            )
        return versions

    def version(self, rev: str = "HEAD") -> Version:
        return self.versions(rev, limit=1)[0]

    # --- recording versions ------------------------------------------------------------

    def applied_since(self, bill: Bill, rev: str = "HEAD") -> list[str]:
        """The numbers of the amendments ``bill`` (the working bill) records as applied
        (:func:`~drafter.core.apply.provenance.applied_in`) that the bill at ``rev`` does
        not: what a commit of the working copy applied, when the caller does not say."""
        if not self.repo.head.is_valid():
            return []
        before = Counter(applied_in(self.bill_at(rev)))
        numbers: list[str] = []
        for record in applied_in(bill):
            if before[record]:
                before[record] -= 1
            elif record[0] not in numbers:
                numbers.append(record[0])
        return numbers

    def commit(
        self,
        message: str,
        amendments: Sequence[str] | None = None,
        paper: str = "",
        *,
        before_recording: Callable[[], object] | None = None,
    ) -> Version:
        """Record the working bill and papers as a new version. The bill must parse; it is
        normalised (atomically) before it is stored; its bill number and stage, and the
        amendments applied (None: those the bill records as applied since the last version,
        :meth:`applied_since`), go in the commit's trailers. ``before_recording`` runs once the
        version can be recorded, with the repository locked: what is made from the bill
        (the Keeling schedules of the Acts kept beside it) is made then."""
        message = message.strip()
        if not message:
            raise StoreError("a version needs a message: drafter commit -m MESSAGE")
        with self._locked("committing"):
            return self._commit(message, amendments, paper, before_recording)

    def _commit(
        self,
        message: str,
        amendments: Sequence[str] | None,
        paper: str,
        before_recording: Callable[[], object] | None,
    ) -> Version:
        self._check_can_commit()
        if before_recording is not None:
            before_recording()
        if not self._drivers_installed():
            self.install_drivers()
        # every path is checked before anything is written
        bill_path = self.bill_path
        papers = self.papers_path()
        data = read_file(bill_path)
        bill = Bill.from_bytes(data, bill_path)
        if amendments is None:
            amendments = self.applied_since(bill)
        normalised = normalise(data, bill_path)  # a tree of its own (see Bill)
        if normalised != data:
            write_atomic(bill_path, normalised)
        paths = [self.bill_file, CONFIG_FILE, ".gitattributes"]
        if os.path.lexists(self.root / IGNORE_FILE):
            paths.append(IGNORE_FILE)
        rebased = self._rebase_papers(bill, paper)
        before = self.version("HEAD").bill_number if self.repo.head.is_valid() else ""
        if papers.exists():
            paths.append(self.amendments_dir)
        # the Acts and their schedules: as they are, or gone (recorded before, now not there)
        kept = [
            d for d in (ACTS_DIR, SCHEDULES_DIR) if (self.root / d).is_dir() or self.recorded(d)
        ]
        paths += kept
        # an explicit pathspec: drafts never enter the index, .gitignore or not
        paths += [f":(exclude,glob)**/{pattern}" for pattern in NEVER_RECORDED]
        try:
            self.repo.git.add("-A", "--", *paths)
            self._unrecord_drafts()
            if self.repo.head.is_valid():
                staged = self.repo.git.diff("--cached", "--name-only", "HEAD")
                if not staged.strip():
                    folders = ", ".join(f"{d}/" for d in (self.amendments_dir, *kept))
                    raise StoreError(
                        f"nothing to record: {self.bill_file} and {folders} are as in the "
                        "last version"
                    )
            m = bill.metadata
            trailers = []
            if m.bill_number:
                trailers.append(f"{TRAILER_PRINT}: {_one_line(m.bill_number)}")
            if m.stage:
                trailers.append(f"{TRAILER_STAGE}: {_one_line(m.stage)}")
            numbers = [a.strip() for a in amendments if a.strip()]
            if numbers:
                trailers.append(f"{TRAILER_AMENDMENTS}: {', '.join(numbers)}")
            if paper:
                trailers.append(f"{TRAILER_PAPER}: {_one_line(paper)}")
            if rebased:
                trailers.append(f"{TRAILER_REBASED}: {rebased}")
            self.repo.git.commit("--quiet", "--no-verify", "-m", _with_trailers(message, trailers))
        except git.GitCommandError as err:
            raise self._translate(err, "record a version") from None
        self._tag_new_print(before, m.bill_number)
        return self.version("HEAD")

    def _tag_new_print(self, before: str, bill_number: str) -> None:
        """A version that is a new print (another bill number than the version before) is
        tagged as that print, as init tags the first: ``diff "HL Bill 54" "HL Bill 60"`` then
        finds both. A print already tagged elsewhere is left as it is."""
        from drafter.core.bill import same_name

        if not before or not bill_number or same_name(before, bill_number):
            return
        try:
            if self._tag_target(tag_name_for(bill_number)) is None:
                self.tag(bill_number)
        except StoreError:  # a number no tag can be named by: the version stands untagged
            return

    def _rebase_papers(self, bill: Bill, made_by: str = "") -> str:
        """A new print (another bill number or stage than the last version's): every paper
        in the papers' directory that cites the last print, cited against the new one
        (:mod:`drafter.core.rebase`), written in place; what became of their amendments,
        counted ("" when the print is the same). The paper whose amendments made the new
        print (``made_by``, the commit's ``--paper``) is the record of that stage: it is
        left as it is. Every paper is read and carried before any is written."""
        from drafter.core.paper import cited_elsewhere, known, load_paper, save_paper
        from drafter.core.rebase import rebase, verdict_counts

        if not self.repo.head.is_valid():
            return ""
        old = self.bill_at("HEAD")
        if _print_of(old) == _print_of(bill):
            return ""
        carried = []
        verdicts: list[str] = []
        skipped: list[str] = []
        for path in self.papers():
            if made_by and path.name == Path(made_by).name:
                skipped.append(f"{path.name} (its amendments made this print)")
                continue
            try:
                paper = load_paper(path)
            except UserError:  # notes kept beside the papers: not a paper to carry
                skipped.append(f"{path.name} (not read as a paper)")
                continue
            if cited_elsewhere(paper.info, path.name, old) is not None:
                skipped.append(
                    f"{path.name} (it cites {known(paper.info.bill_number) or 'another print'})"
                )
                continue  # it cites another print: left as it is, and said
            moved, report = rebase(paper, old, bill)
            carried.append((path, moved))
            verdicts += [c.verdict for c in report]
        for path, moved in carried:
            save_paper(moved, path, bill)
        said = verdict_counts(verdicts) or ("" if not skipped else "no paper carried")
        if skipped:
            said += f"; not carried: {', '.join(skipped)}"
        return said

    def last_rebase(self, paper_path: Path) -> list[Carried]:
        """What became of each amendment of ``paper_path`` when the newest version that
        rebased papers carried it onto its print (made again from that version and the one
        before it: git keeps both); [] when no version rebased it."""
        from drafter.core.paper import paper_from_bytes
        from drafter.core.rebase import rebase

        rebasing = next((v for v in self.versions() if v.rebased), None)
        if rebasing is None:
            return []
        commit = self.repo.commit(rebasing.sha)
        name = f"{self.amendments_dir}/{paper_path.name}"
        try:
            before, after = commit.parents[0].tree / name, commit.tree / name
        except KeyError:
            return []
        if before.binsha == after.binsha:
            return []
        paper = paper_from_bytes(bytes(before.data_stream.read()), name)
        old = self.bill_at(commit.parents[0].hexsha)
        return rebase(paper, old, self.bill_at(rebasing.sha))[1]

    def undo_rebase(self) -> tuple[Version, list[str]]:
        """The papers as they were before the newest version that rebased them, written back
        into the working tree (recorded by the next commit). Refused while the papers have
        changes not yet recorded: nothing typed is lost."""
        with self._locked("restoring papers"):
            rebasing = next((v for v in self.versions() if v.rebased), None)
            if rebasing is None:
                raise StoreError("no version of this bill rebased its papers: nothing to undo")
            commit = self.repo.commit(rebasing.sha)
            parent = commit.parents[0]
            carried = {}  # the papers the rebase changed, as they were before it
            for path in self.papers():
                name = f"{self.amendments_dir}/{path.name}"
                try:
                    before, after = parent.tree / name, commit.tree / name
                except KeyError:
                    continue
                if before.binsha != after.binsha:
                    carried[path] = (name, bytes(before.data_stream.read()))
            if all(path.read_bytes() == data for path, (_, data) in carried.items()):
                raise StoreError(
                    f"the papers are already as they were before {rebasing.short} "
                    f"({rebasing.subject})"
                )
            mine = [f for f in self.changed_files() if f.startswith(f"{self.amendments_dir}/")]
            if mine:
                raise UncommittedChangesError(
                    f"uncommitted changes to {', '.join(mine[:3])}: record them first "
                    "(drafter commit -m MESSAGE); undoing the rebase would overwrite them"
                )
            for path, (_, data) in carried.items():
                write_atomic(path, data)
            return rebasing, [name for name, _ in carried.values()]

    def _unrecord_drafts(self) -> None:
        """Drafts that an earlier drafter recorded leave the index (the files stay), so the
        new version no longer holds them."""
        spec = [f":(glob)**/{pattern}" for pattern in NEVER_RECORDED]
        tracked = [p for p in self.repo.git.ls_files("-z", "--", *spec).split("\0") if p]
        if tracked:
            self.repo.git.rm("--cached", "--quiet", "--", *(f":(literal){p}" for p in tracked))

    def tag(self, display: str, rev: str = "HEAD") -> str:
        """Mark a version as a print: an annotated tag named after ``display`` ("HL Bill 60"
        -> ``HL-Bill-60``) whose message keeps the display name. Returns the tag's name.
        Marking a version again with its own print is a no-op (``init`` already tags the
        first print); a print already marking another version is refused."""
        name = tag_name_for(display)
        sha = self.resolve(rev)
        existing = self._tag_target(name)
        if existing == sha:
            return name
        self._check_identity()
        if existing is not None:
            raise StoreError(f"tag {name} already exists (on version {existing[:7]})")
        try:
            self.repo.git.check_ref_format(f"refs/tags/{name}")
            self.repo.git.tag("-a", name, "-m", display.strip(), sha)
        except git.GitCommandError as err:
            raise self._translate(err, f"tag {display}") from None
        return name

    def _tag_target(self, name: str) -> str | None:
        try:
            return str(self.repo.git.rev_parse("--verify", "--quiet", f"refs/tags/{name}^{{}}"))
        except git.GitCommandError:
            return None

    def _translate(self, err: git.GitCommandError, doing: str) -> StoreError:
        text = _git_message(err)
        if "index.lock" in str(err.stderr) and "File exists" in str(err.stderr):
            return IndexLockedError(
                f"the git index of {self.root} is locked (.git/index.lock exists): another git "
                "command may be running; if none is, delete that file and try again"
            )
        if "tell me who you are" in str(err.stderr) or "empty ident" in str(err.stderr):
            return NoIdentityError(
                "git does not know who you are: run git config --global user.name "
                '"Your Name" and git config --global user.email you@example.org'
            )
        return StoreError(f"cannot {doing}: {text}")

    # --- blame -------------------------------------------------------------------------

    def blame(self, citation: str, rev: str = "HEAD") -> list[BlameLine]:
        """For each printed line of a provision at ``rev``: the version, and the amendments
        it applied, that last changed it. Walks the versions back from ``rev``, following
        the provision by its GUID (stable across prints) or its citation, and compares its
        printed lines by text: a line belongs to the version that has it while none of its
        parents does (through a merge, the line is followed into the parent that had it)."""
        head = self.bill_at(rev)
        try:
            provision = head.find(citation)
        except CitationError as err:
            raise CitationError(about_file(head.path, str(err))) from None
        guid = provision.guid
        by_sha = {v.sha: v for v in self.versions(rev)}
        blobs: dict[str, str] = self._bill_blobs(list(by_sha))
        cache: dict[str, set[str]] = {}

        def texts(sha: str) -> set[str]:
            blob = blobs.get(sha)
            if blob is None:
                blob = blobs[sha] = self._bill_blob(sha)
            if blob not in cache:
                cache[blob] = self._provision_texts(sha, guid, citation) if blob else set()
            return cache[blob]

        marked: dict[str, bytes | None] = {}

        def same(a: str, b: str) -> bool:
            """Do versions ``a`` and ``b`` hold the provision in the same XML (its page and
            line markers included)? Then they print the same lines, and neither need be
            printed: a parse is a small part of reading a print."""
            for sha in (a, b):
                blob = blobs.get(sha)
                if blob is None:
                    blob = blobs[sha] = self._bill_blob(sha)
                if blob not in marked:
                    marked[blob] = self._provision_xml(blob, guid) if blob and guid else None
            first, second = marked[blobs[a]], marked[blobs[b]]
            return first is not None and first == second

        def owner(text: str) -> Version:
            # follow the line back through any parent that already had it (so a merge
            # passes it on to the side that made it); the first version without such a
            # parent changed it
            sha = self.resolve(rev)
            while True:
                parent = next(
                    (p for p in by_sha[sha].parents if same(sha, p) or text in texts(p)), None
                )
                if parent is None:
                    return by_sha[sha]
                sha = parent

        with_marks = marked_anywhere(head)
        rows = []
        for ln in provision.lines():
            v = owner(ln.text)
            numbers = v.amendments
            if with_marks.intersection(numbers):  # the marks say which of them changed it
                on_line = marked_in(head, ln.start, ln.end)
                # those marked here, and those that leave no mark (words left out): the rest
                # are marked where they made their change, elsewhere
                numbers = tuple(n for n in numbers if n in on_line or n not in with_marks)
            rows.append(BlameLine(ln.page, ln.number, ln.text, v, numbers))
        return rows

    def _provision_xml(self, blob: str, guid: str) -> bytes | None:
        """The XML of the element with ``guid`` in the bill held in git's object ``blob``
        (None if none): read straight from the object store, no command run. Its bytes are
        cut from the file where they can be told for sure; else the file is parsed."""
        try:
            data = self.repo.odb.stream(bytes.fromhex(blob)).read()
        except ValueError:
            return None
        cut = element_bytes(data, guid)
        if cut is not None:
            return cut
        try:
            tree = parse_bytes(data, f"{blob[:7]}:{self.bill_file}")
        except XMLInputError:
            return None
        el = next(iter(tree.xpath("//*[@GUID=$g]", g=guid)), None)
        return etree.tostring(el, with_tail=False) if isinstance(el, etree._Element) else None

    def _bill_blobs(self, shas: list[str]) -> dict[str, str]:
        """The bill file's object id in each of ``shas`` ("" where it has none): read in one
        git command, not a lookup per version."""
        if not shas:
            return {}
        query = "".join(f"{sha}:{self.bill_file}\n" for sha in shas)
        done = subprocess.run(
            ["git", "cat-file", "--batch-check"],
            cwd=self.root,
            input=query,
            capture_output=True,
            text=True,
            check=False,
        )
        answers = done.stdout.splitlines()
        if done.returncode != 0 or len(answers) != len(shas):
            return {}  # each is looked up on its own instead
        return {
            sha: answer.split(" ", 1)[0]
            if answer.endswith(tuple("0123456789")) and " blob " in answer
            else ""
            for sha, answer in zip(shas, answers, strict=True)
        }

    def _bill_blob(self, sha: str) -> str:
        try:
            return str((self.repo.commit(sha).tree / self.bill_file).hexsha)
        except KeyError:
            return ""

    def _provision_texts(self, sha: str, guid: str, citation: str) -> set[str]:
        try:
            bill = self.bill_at(sha)
        except CorruptBillError:
            return set()
        found: Provision | None = None
        if guid:
            el = next(iter(bill.root.xpath("//*[@GUID=$g]", g=guid)), None)
            if isinstance(el, etree._Element):
                found = bill.provision(el)
        if found is None:
            try:
                found = bill.find(citation)
            except CitationError:
                return set()
        return {ln.text for ln in found.lines()}

    # --- sharing -----------------------------------------------------------------------

    def push(self, remote: str = "origin") -> str:
        """Send this branch's versions and tags to ``remote`` (a remote's name, a path or a
        URL). Returns the branch pushed."""
        branch = self._check_branch("pushes")
        self._check_remote(remote)
        named = remote in [r.name for r in self.repo.remotes]
        try:
            args = ["--follow-tags", "--", remote, f"{branch}:{branch}"]
            if named:
                args.insert(0, "--set-upstream")
            self.repo.git.push(*args)
        except git.GitCommandError as err:
            raise _push_refused(remote, err) from None
        return branch

    def _check_remote(self, remote: str) -> None:
        _check_remote_name(remote)
        if remote in [r.name for r in self.repo.remotes]:
            return
        if "://" in remote or re.match(r"^[\w.-]+@[\w.-]+:", remote) or Path(remote).exists():
            return
        raise RemoteError(
            f"{remote}: no such remote (this repository has "
            f"{', '.join(r.name for r in self.repo.remotes) or 'none'}) and no such path"
        )

    def pull(self, remote: str = "origin", prefer: str = "") -> PullResult:
        """Fetch ``remote``'s versions of this branch and merge them. Refuses to start over
        uncommitted changes; when both sides changed the same text, nothing is merged and
        the places are reported, unless ``prefer`` is "mine" or "theirs" (then git keeps
        that side's words where both changed them)."""
        with self._locked("pulling"):
            return self._pull(remote, prefer)

    def _pull(self, remote: str, prefer: str) -> PullResult:
        branch = self._check_branch("pulls")
        self._check_unlocked()
        self._check_nothing_unfinished()
        self._check_identity()
        self._check_clean("pulling")
        self._check_remote(remote)
        if not self._drivers_installed():
            self.install_drivers()
        try:
            try:
                self.repo.git.fetch("--quiet", "--tags", "--", remote, branch)
            except git.GitCommandError as err:
                if "couldn't find remote ref" not in str(err.stderr):
                    raise
                self.repo.git.fetch("--quiet", "--tags", "--", remote, "HEAD")
        except git.GitCommandError as err:
            raise RemoteError(f"cannot fetch from {remote}: {_git_message(err)}") from None
        theirs = str(self.repo.git.rev_parse("FETCH_HEAD^{commit}")).strip()
        ours = self.repo.head.commit.hexsha
        if self._is_ancestor(theirs, ours):
            return PullResult("up to date", ours)
        if self._is_ancestor(ours, theirs):
            try:
                self.repo.git.merge("--ff-only", "--quiet", theirs)
            except git.GitCommandError as err:
                raise self._translate(err, f"pull from {remote}") from None
            return PullResult("fast-forward", theirs, self._merged_since(ours, theirs))
        strategy = {"": [], "mine": ["-X", "ours"], "theirs": ["-X", "theirs"]}[prefer]
        try:
            # git's -X reaches its own merges; the papers' driver is told through the env
            _, _, said = self.repo.git.merge(
                "--no-ff",
                "--no-commit",
                "--quiet",
                *strategy,
                theirs,
                env={PREFER_VARIABLE: prefer},
                with_extended_output=True,
            )
        except git.GitCommandError as err:
            conflicted = self._conflicted()
            amendments = self._conflicted_amendments(conflicted)
            self._abort_merge()
            if conflicted:
                raise self._conflict(remote, ours, theirs, conflicted, amendments) from None
            raise self._translate(err, f"pull from {remote}") from None
        # a clean textual merge must still be a readable bill
        try:
            merged = Bill.from_bytes(read_file(self.bill_path), self.bill_path)
        except UserError as err:
            self._abort_merge()
            raise ConflictError(
                f"merging {remote}'s versions gives a bill that does not parse ({err}); "
                "nothing was merged"
            ) from None
        lines = said.splitlines()
        notes = tuple(n.removeprefix(MERGE_NOTE) for n in lines if n.startswith(MERGE_NOTE))
        try:
            notes += self._carry_onto_merged_print(ours, theirs, merged)
        except UserError:
            self._abort_merge()
            raise
        renumbered = tuple(
            n.removeprefix(RENUMBER_NOTE) for n in lines if n.startswith(RENUMBER_NOTE)
        )
        try:
            # the print merged, as every version says it (drafter log, History)
            m = merged.metadata
            trailers = [f"{TRAILER_PRINT}: {_one_line(m.bill_number)}"] if m.bill_number else []
            trailers += [f"{TRAILER_STAGE}: {_one_line(m.stage)}"] if m.stage else []
            trailers += [f"{TRAILER_MERGED}: {_one_line(n)}" for n in notes]
            message = f"Merge {remote} {branch}" + (
                "\n\n" + "\n".join(trailers) if trailers else ""
            )
            self.repo.git.commit("--quiet", "--no-verify", "-m", message)
        except git.GitCommandError as err:
            self._abort_merge()
            raise self._translate(err, f"pull from {remote}") from None
        said_before = self._merged_since(ours, theirs)
        return PullResult("merged", self.repo.head.commit.hexsha, said_before + notes + renumbered)

    def _carry_onto_merged_print(self, ours: str, theirs: str, merged: Bill) -> tuple[str, ...]:
        """A merge of a new print (one side committed a reprint, which carried its papers
        onto it) with amendments the other side added against the print before: those
        amendments, in the merged papers, cited against the new print as that commit would
        have cited them (:func:`drafter.core.rebase.rebase`; one that cannot be carried keeps
        its wording and says which print it cites). The reprint's own choices stand: a paper
        it did not carry (the one whose amendments made it, one citing another print) still
        cites the print before, and so do the amendments added to it. What became of them,
        by paper."""
        from drafter.core.paper import cited_elsewhere, load_paper, paper_from_bytes, save_paper
        from drafter.core.rebase import rebase, verdict_counts

        now = _print_of(merged)
        prints = {sha: self._print_at(sha) for sha in (ours, theirs)}
        fresh = [sha for sha, printed in prints.items() if printed == now]
        if len(fresh) != 1:  # the same print on both sides (or neither's): nothing to carry
            return ()
        stale = theirs if fresh[0] == ours else ours
        old = self.bill_at(stale)
        trees = self.repo.commit(fresh[0]).tree, self.repo.commit(stale).tree

        def version_of(tree: git.Tree, name: str) -> Paper | None:
            try:
                return paper_from_bytes(bytes((tree / name).data_stream.read()), name)
            except KeyError:  # not on that side
                return None

        said: list[str] = []
        for path in self.papers():
            name = f"{self.amendments_dir}/{path.name}"
            try:
                paper = load_paper(path)
                kept, added_to = (version_of(tree, name) for tree in trees)
            except UserError:  # not a paper (notes kept beside them): merged as text
                continue
            if added_to is None or cited_elsewhere(added_to.info, name, old) is not None:
                continue  # nothing added against the print before
            if kept is not None and cited_elsewhere(paper.info, name, merged) is not None:
                continue  # the reprint left this paper on the print before: so are its additions
            known = {(e.amendment.number, e.wording) for e in kept.entries} if kept else set()
            added = [e for e in paper.entries if (e.amendment.number, e.wording) not in known]
            if not added:
                continue
            moved, report = rebase(replace(paper, entries=tuple(added)), old, merged)
            if kept is None:  # all of it from the side of the print before
                paper = moved
            else:
                carried = {e.amendment.number: e for e in moved.entries}
                paper = replace(
                    paper,
                    entries=tuple(
                        carried.get(e.amendment.number, e) if e in added else e
                        for e in paper.entries
                    ),
                )
            save_paper(paper, path, merged)
            self.repo.git.add("--", name)
            counts = verdict_counts(c.verdict for c in report)
            said.append(
                f"{name}: amendments added against {_print_name(old)} "
                f"carried onto {_print_name(merged)}: {counts}"
            )
        return tuple(said)

    def _print_at(self, rev: str) -> tuple[str, str]:
        """The print a version is of, as its record says (without reading its bill), else
        as its bill says."""
        v = self.version(rev)
        return (v.bill_number, v.stage) if v.bill_number else _print_of(self.bill_at(rev))

    def _merged_since(self, ours: str, theirs: str) -> tuple[str, ...]:
        """What merges among the versions pulled settled of amendments both sides changed, as
        the one who merged was told: the amendments may be this user's own, pushed before."""
        out = self.repo.git.log(
            "-z",
            f"--format=%h%x1f%an%x1f%(trailers:key={TRAILER_MERGED},valueonly,separator=%x1e)",
            f"{ours}..{theirs}",
            "--",
        )
        notes: list[str] = []
        for record in reversed(out.split("\0")):  # oldest first
            if record.count("\x1f") != 2:
                continue
            short, author, said = record.strip("\n").split("\x1f")
            for note in filter(None, (n.strip() for n in said.split("\x1e"))):
                notes.append(f"{author} merged ({short}): {note}")
        return tuple(notes)

    def _is_ancestor(self, older: str, newer: str) -> bool:
        try:
            self.repo.git.merge_base("--is-ancestor", older, newer)
        except git.GitCommandError:
            return False
        return True

    def _conflicted(self) -> list[str]:
        out = self.repo.git.diff("--name-only", "--diff-filter=U")
        return [p for p in out.splitlines() if p]

    def _abort_merge(self) -> None:
        try:
            self.repo.git.merge("--abort")
        except git.GitCommandError:
            self.repo.git.reset("--hard", "--quiet", "HEAD")

    def _conflicted_amendments(self, files: list[str]) -> dict[str, list[str]]:
        """For conflicted papers: the amendments both sides changed (from the markers the
        paper merge driver wrote)."""
        found: dict[str, list[str]] = {}
        for name in files:
            if name == self.bill_file:
                continue
            try:
                text = repository_path(self.root, name).read_text(
                    encoding="utf-8", errors="replace"
                )
            except (OSError, UnsafePathError):
                continue
            numbers = re.findall(r"^<<<<<<< [^\n]*\n(?:Amendment\s+(\S+))?", text, re.M)
            found[name] = [n if n else "heading" for n in numbers]
        return found

    def _conflict(
        self,
        remote: str,
        ours: str,
        theirs: str,
        files: list[str],
        amendments: dict[str, list[str]],
    ) -> ConflictError:
        hint = (
            f"resolve with drafter pull {remote} --prefer mine (or --prefer theirs) to keep one "
            f"side's words where both changed them, or merge by hand: git merge FETCH_HEAD"
        )
        if self.bill_file in files:
            places = self._both_changed(ours, theirs)
            where = f" ({'; '.join(places)})" if places else ""
            others = [f for f in files if f != self.bill_file]
            also = f" and {', '.join(others)}" if others else ""
            return ConflictError(
                f"both you and {remote} changed the bill {self.bill_file}{where}{also}: "
                f"nothing was merged; {hint}"
            )
        described = []
        for name in files:
            numbers = [n for n in amendments.get(name, []) if n != "heading"]
            if numbers:
                which = "amendment" if len(numbers) == 1 else "amendments"
                described.append(f"{which} {', '.join(numbers)} in {name}")
            else:
                described.append(name)
        return ConflictError(
            f"both you and {remote} changed {'; '.join(described)}: nothing was merged; {hint}"
        )

    def _both_changed(self, ours: str, theirs: str) -> list[str]:
        """The innermost provisions whose text both sides changed, with where they begin."""
        try:
            base = str(self.repo.git.merge_base(ours, theirs)).strip()
            texts = [_provision_texts(self.bill_at(r)) for r in (base, ours, theirs)]
        except (UserError, git.GitCommandError):
            return []
        b, o, t = texts
        both = [
            key for key in o[1] if o[0].get(key) != b[0].get(key) and t[0].get(key) != b[0].get(key)
        ]
        cited = [o[1][key][0] for key in both]
        innermost = [
            key
            for key, citation in zip(both, cited, strict=True)
            if not any(
                c != citation and c.startswith((citation + "(", citation + ",")) for c in cited
            )
        ]
        places = [f"{o[1][key][0]}{o[1][key][1]}" for key in innermost]
        return places[:3] + (["…"] if len(places) > 3 else [])


_GROUPS = frozenset({"part", "chapter", "crossheading", "schedules"})


def _provision_texts(bill: Bill) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """Each provision's text (quotations are part of the provision quoting them), and its
    citation with the page and line it begins on."""
    texts: dict[str, str] = {}
    labels: dict[str, tuple[str, str]] = {}
    for p in bill.provisions():
        if p.in_quotation or p.kind in _GROUPS:
            continue
        key = p.guid or p.citation
        texts[key] = p.text
        printed = p.lines()
        labels[key] = (
            p.citation,
            f", page {printed[0].page}, line {printed[0].number}" if printed else "",
        )
    return texts, labels


def _with_trailers(message: str, trailers: list[str]) -> str:
    """A commit message with git trailers ("Print: HL Bill 54") after a blank line."""
    return message + ("\n\n" + "\n".join(trailers) if trailers else "")


def _one_line(text: str) -> str:
    return " ".join(text.split())


_NO_HOOKS = {
    "GIT_CONFIG_COUNT": "1",
    "GIT_CONFIG_KEY_0": "core.hooksPath",
    "GIT_CONFIG_VALUE_0": os.devnull,
}

_OTHER_PI = re.compile(rb"<\?(?!L[ ?])")  # a processing instruction but LawMaker's <?L …?>


def element_bytes(data: bytes, guid: str) -> bytes | None:
    """The bytes of the one element whose GUID is ``guid``, from its ``<`` to its end tag, cut
    from the file as written; None where that cannot be told for sure without a parse (the
    GUID twice, comments, CDATA or a processing instruction that could hide a tag)."""
    needle = b'GUID="' + guid.encode() + b'"'
    at = data.find(needle)
    if at < 0 or data.find(needle, at + 1) >= 0:
        return None
    start = data.rfind(b"<", 0, at)
    name = re.match(rb"<([A-Za-z_][\w:.-]*)", data[start : start + 200])
    if start < 0 or name is None or b">" in data[start:at]:
        return None
    tag = re.escape(name.group(1))
    depth = 0
    for m in re.finditer(rb"<" + tag + rb"(?=[\s/>])[^>]*?(/?)>|</" + tag + rb"\s*>", data[start:]):
        if m.group(0).startswith(b"</"):
            depth -= 1
        elif not m.group(1):
            depth += 1
        elif depth == 0:
            return data[start : start + m.end()]  # an empty element
        if depth == 0:
            region = data[start : start + m.end()]
            hidden = b"<!" in region or _OTHER_PI.search(region) is not None
            return None if hidden else region
    return None


def _print_of(bill: Bill) -> tuple[str, str]:
    """A print, as versions tell prints apart: its bill number and stage."""
    return bill.metadata.bill_number, bill.metadata.stage


def _print_name(bill: Bill) -> str:
    return bill.metadata.bill_number or bill.metadata.stage or "the print"
