"""The drafter command line: the only entry point. Every command calls the core; an error a
user can cause (a :class:`~drafter.core.errors.UserError`) is printed as one line naming the
file and place, with exit status 2. Commands live in modules by subject and register
themselves on :data:`cli` when imported; a command imports only its own module (see
:data:`COMMAND_MODULES`)."""

from __future__ import annotations

import contextlib
import errno
import gc
import importlib
import os
import re
import signal
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from drafter.core.errors import UserError
from drafter.core.terminal import safe, safe_json

if TYPE_CHECKING:
    from drafter.core.bill import Bill
    from drafter.core.paper import Paper

F = TypeVar("F", bound=Callable[..., Any])


def echo(text: str = "", *, err: bool = False, nl: bool = True) -> None:
    """Print a line that may hold text from a file or from git (a wording, an author, a tag
    message): made :func:`~drafter.core.terminal.safe`, so it cannot command the terminal."""
    click.echo(safe(text), err=err, nl=nl)


def echo_json(dumped: str) -> None:
    """Print JSON text, its controls and bidi characters as ``\\uXXXX`` escapes (see
    :func:`~drafter.core.terminal.safe_json`): the same value, safe on a terminal."""
    click.echo(safe_json(dumped))


#: No paper has more amendments than this: a longer range is a slip (1-69 typed 1-6900).
_LONGEST_RANGE = 5000


def numbers(only: str | None, option: str = "--only") -> list[str] | None:
    """The amendments a list names ("1,3,NC2", "1-69, 72": a range of numbers is each of
    them), or None when it is not given; UserError for a list that names none."""
    if only is None:
        return None
    picked: list[str] = []
    for item in (n.strip() for n in only.split(",")):
        run = re.fullmatch(r"(\d+)\s*(?:-|–|to)\s*(\d+)", item)
        if run and int(run.group(2)) - int(run.group(1)) > _LONGEST_RANGE:
            raise UserError(f"{option}: the range “{item}” names more amendments than a paper has")
        if run and int(run.group(1)) <= int(run.group(2)):
            picked += [str(n) for n in range(int(run.group(1)), int(run.group(2)) + 1)]
        elif run:
            raise UserError(f"{option}: the range “{item}” runs backwards")
        elif item:
            picked.append(item)
    if not picked:
        raise UserError(f"{option} “{only}” names no amendment (give numbers: {option} 1,3,NC2)")
    return picked


def warn(message: str) -> None:
    """One line on stderr about something odd that is not an error: the command goes on."""
    echo(f"warning: {message}", err=True)


def warn_readings(paper_path: str, paper: Paper) -> None:
    """Say, for each amendment whose printed words were read with an assumption (a misplaced
    quotation mark), what was assumed and how to write it plainly."""
    for entry in paper.entries:
        for reading in entry.amendment.warnings:
            echo(f"{paper_path}: amendment {entry.number}: warning: {reading}", err=True)


def check_paper_is_for(
    paper_path: str, paper: Paper, bill: Bill, *, force: bool | None, doing: str = "apply"
) -> None:
    """A paper that says it is for another bill (or print) than ``bill``: its page and line
    references are to that print. Checking it (``force`` None) warns; applying it is refused
    unless ``force``, and then warns."""
    from drafter.core.paper import cited_elsewhere

    why = cited_elsewhere(paper.info, paper_path, bill)
    if why is None:
        return
    if force is False:
        raise UserError(f"{why}; to {doing} it anyway, give --force")
    warn(why)


def check_same_bill(old_path: str, old: Bill, new_path: str, new: Bill) -> None:
    """Warn when two prints compared are of different bills (their titles differ)."""
    from drafter.core.bill import same_name

    a, b = old.metadata.title, new.metadata.title
    if a and b and not same_name(a, b):
        warn(f"{old_path} is the {a} and {new_path} the {b}: compared anyway")


def check_output(output: str, reads: dict[str, str], replaces: str | None = None) -> None:
    """Refuse, before any work, an output file that cannot be written, or that is one of the
    files the command ``reads`` (each named by what it is), which writing would destroy.
    ``replaces``: the one it makes a new version of (the bill a reprint is of, the paper a
    rebase carries), which it may write over where its bill repository has it recorded as
    it stands (git keeps it; the new version is then committed)."""
    from drafter.core.files import check_writable, same_file

    kept = replaces is not None and same_file(output, replaces) and _kept(replaces)
    check_writable(output, {f: what for f, what in reads.items() if not (kept and f == replaces)})


def _kept(path: str) -> bool:
    from drafter.core.store import find_repo  # imports git: only for an output over an input

    store = find_repo(os.path.dirname(os.path.abspath(path)))
    return store is not None and store.keeps(path)


def bill_or_version(arg: str) -> Bill:
    """A bill file, or (inside a bill repository) a version: drafter diff "HL Bill 60" HEAD."""
    from drafter.core.bill import Bill

    if os.path.lexists(arg):
        return Bill.load(arg)
    from drafter.core.store import load_bill_argument  # imports git: only when needed

    return load_bill_argument(arg)


def bills_to_compare(old: str, new: str) -> tuple[Bill, Bill]:
    """Two bills (files or versions) that a command compares: two files are read at once,
    where they are new prints (see :mod:`drafter.core.compare.loading`)."""
    if os.path.lexists(old) and os.path.lexists(new):
        from drafter.core.compare.loading import load_to_compare

        a, b = load_to_compare([old, new])
        return a, b
    return bill_or_version(old), bill_or_version(new)


SAMPLE_BILL = Path(__file__).resolve().parents[2] / "bills" / "crime-and-policing-bill.xml"
SAMPLE_PAPER = SAMPLE_BILL.with_name("crime-and-policing-bill-amendments.txt")


#: the module (``drafter.cli.<module>``) that registers each command: a command imports its
#: own module only, not the others' and all they import (some 6 ms of every start)
COMMAND_MODULES = {
    "amendments": "papers",
    "apply": "apply",
    "blame": "repo",
    "clone": "repo",
    "commit": "repo",
    "diff": "compare",
    "export": "export",
    "info": "bills",
    "init": "repo",
    "keeling": "keeling",
    "layout": "bills",
    "lines": "bills",
    "log": "repo",
    "merge-paper": "repo",
    "paper": "papers",
    "parse": "papers",
    "pull": "repo",
    "push": "repo",
    "rebase": "rebase",
    "show": "bills",
    "tag": "repo",
    "textconv": "repo",
    "validate": "bills",
}


class _Commands(click.Group):
    """drafter's commands. A bill given where the command belongs ("drafter bill.xml") is
    opened in the terminal app, as ``drafter open bill.xml``; a path that is not there gets a
    hint, rather than click's "No such command"."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if _a_path(name) and not ctx.resilient_parsing and self.get_command(ctx, name) is None:
            opener = self.get_command(ctx, "open")
            if os.path.exists(name) and opener is not None:
                return "open", opener, args
            echo(
                f"drafter: no command “{name}”, and no such file; to open a bill in the "
                f"terminal app: drafter open BILL.xml",
                err=True,
            )
            ctx.exit(2)
        if name and self.get_command(ctx, name) is None:
            self.list_commands(ctx)  # all registered: click suggests the nearest ("shwo")
        return super().resolve_command(ctx, args)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if module is not None:
            importlib.import_module(f"drafter.cli.{module}")
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        for module in sorted(set(COMMAND_MODULES.values())):
            importlib.import_module(f"drafter.cli.{module}")
        return super().list_commands(ctx)

    def invoke(self, ctx: click.Context) -> Any:
        """Every command runs here: an error the user can cause (a
        :class:`~drafter.core.errors.UserError`) becomes one line and exit status 2."""
        try:
            return super().invoke(ctx)
        except UserError as err:
            echo(f"drafter: {err}", err=True)
            ctx.exit(2)
        except OSError as err:
            if err.errno not in _OUTPUT_FAILED:
                raise
            # the output drafter prints could not be written (files go through write_atomic,
            # which says which file): a full disk under ``> out.html``
            with contextlib.suppress(OSError):
                echo(f"drafter: cannot write the output: {err.strerror}", err=True)
            ctx.exit(2)


#: what writing to standard output can fail with, the command's work done
_OUTPUT_FAILED = frozenset(
    getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO") if hasattr(errno, name)
)


def _a_path(name: str) -> bool:
    """A file or directory, or something written like one ("bills/x.xml")."""
    return bool(name) and (
        os.path.lexists(name) or re.search(r"[/\\]|\.xml$", name, re.IGNORECASE) is not None
    )


@click.group(cls=_Commands, invoke_without_command=True)
@click.version_option(package_name="drafter")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Draft, check and apply amendments to UK parliamentary bills.

    With no command, opens the terminal app on our sample bill."""
    if ctx.invoked_subcommand is None:
        _open_app(SAMPLE_BILL)


def sample_paper_copy() -> Path:
    """The copy of the sample paper the app drafts into when opened on the sample: in the
    user's data directory (``$XDG_DATA_HOME/drafter``), made the first time, so that what is
    drafted there is kept and the sample in the checkout is never written over."""
    data = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    copy = Path(data) / "drafter" / SAMPLE_PAPER.name
    if not copy.exists():
        from drafter.core.files import write_atomic

        copy.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(copy, SAMPLE_PAPER.read_bytes())
    return copy


def default_paper(bill: Path) -> Path:
    """The paper a bill opened without one drafts into, and opens again next time: for the
    sample, the user's copy (:func:`sample_paper_copy`); else the one beside the bill
    (:func:`~drafter.core.paper.paper_beside`)."""
    if bill.resolve() == SAMPLE_BILL:
        return sample_paper_copy()
    from drafter.core.paper import paper_beside

    return paper_beside(bill)


def _open_app(path: Path, store: Any = None, paper: Path | None = None) -> None:
    if not path.exists():
        raise click.ClickException(f"{path}: no such file (try: drafter open BILL.xml)")
    from drafter.core.files import check_writable
    from drafter.tui.app import run  # deferred: the command line starts without Textual

    paper = paper or default_paper(path)
    check_writable(paper)  # now, not at the first save after an hour's drafting
    run(path, store, paper)


@cli.command("open")
@click.argument("path", type=click.Path())
@click.argument("paper_given", metavar="[PAPER]", required=False, type=click.Path())
@click.option(
    "--paper",
    type=click.Path(),
    help="The amendment paper to draft into, as PAPER does.",
)
def open_command(path: str, paper_given: str | None, paper: str | None) -> None:
    """Open a bill in the terminal app: a bill file, or a bill repository (a directory made
    by drafter init), whose history the app then shows. PAPER: the amendment paper to draft
    into (made on the first save if it is not there); without one, BILL-amendments.txt beside
    the bill (here, when the bill's folder cannot be written), drafted on when opened again."""
    if paper_given and paper and paper_given != paper:
        raise click.UsageError(f"two papers: {paper_given} and --paper {paper}; give one")
    paper = paper or paper_given
    if Path(path).is_dir():
        from drafter.core.store import BillRepo  # imports git: only when needed

        store = BillRepo.open(path)
        drafted = Path(paper) if paper else store.working_paper()
        others = [p for p in store.papers() if p != drafted]
        if not paper and others:
            names = ", ".join(p.name for p in others)
            warn(
                f"drafting into {drafted.name}, the paper changed last (also: {names}); "
                "give --paper to draft into another"
            )
        _open_app(store.bill_path, store, drafted)
        return
    _open_app(Path(path), paper=Path(paper) if paper else None)


def main() -> None:
    if hasattr(signal, "SIGPIPE"):
        # output piped into a reader that has read enough (drafter lines … | head) ends the
        # command quietly, as it ends cat or git, not as an error
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        cli(prog_name="drafter")
    finally:
        # Python's last act before it ends is a cycle collection over every object still
        # alive: the modules, and the bills a command read. Nothing of drafter's waits on
        # it (files are closed as they are written), and frozen objects are passed over:
        # some 7 ms of a diff of two prints, seen before or new (alternated, one-off).
        gc.freeze()
