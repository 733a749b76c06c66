"""The drafter command line: the only entry point. Every command calls the core; an error a
user can cause (a :class:`~drafter.core.errors.UserError`) is printed as one line naming the
file and place, with exit status 2. Commands live in modules by subject and register
themselves on :data:`cli`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from drafter.core.errors import UserError

F = TypeVar("F", bound=Callable[..., Any])


def user_errors(func: F) -> F:
    """Turn the errors a user can cause into one clear line and exit status 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UserError as err:
            click.echo(f"drafter: {err}", err=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


SAMPLE_BILL = Path(__file__).resolve().parents[2] / "bills" / "crime-and-policing-bill.xml"
SAMPLE_PAPER = SAMPLE_BILL.with_name("crime-and-policing-bill-amendments.txt")


@click.group(invoke_without_command=True)
@click.version_option(package_name="drafter")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Draft, check and apply amendments to UK parliamentary bills.

    With no command, opens the terminal app on our sample bill."""
    if ctx.invoked_subcommand is None:
        _open_app(SAMPLE_BILL, paper=SAMPLE_PAPER)


def _open_app(path: Path, store: Any = None, paper: Path | None = None) -> None:
    if not path.exists():
        raise click.ClickException(f"{path}: no such file (try: drafter open BILL.xml)")
    from drafter.tui.app import run  # deferred: the command line starts without Textual

    run(path, store, paper)


@cli.command("open")
@click.argument("path", type=click.Path())
@click.option(
    "--paper",
    type=click.Path(dir_okay=False),
    help="The amendment paper to draft into (created on the first save if it does not exist).",
)
@user_errors
def open_command(path: str, paper: str | None) -> None:
    """Open a bill in the terminal app: a bill file, or a bill repository (a directory made
    by drafter init), whose history the app then shows."""
    if Path(path).is_dir():
        from drafter.core.store import BillRepo  # imports git: only when needed

        store = BillRepo.open(path)
        _open_app(store.bill_path, store, Path(paper) if paper else None)
        return
    _open_app(Path(path), paper=Path(paper) if paper else None)


def main() -> None:
    cli(prog_name="drafter")


# the command modules register their commands on `cli` when imported
from drafter.cli import apply, bills, compare, papers, repo  # noqa: E402,F401
