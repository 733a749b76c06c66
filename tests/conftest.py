"""Shared fixtures for drafter's tests."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

#: The repository root (the directory holding pyproject.toml).
REPO_ROOT = Path(__file__).resolve().parents[1]


def shared_data_dir() -> Path:
    """Where the real bills, prints and amendment papers live: ``../shared/data`` beside the
    repository (they are Parliamentary copyright, so the repository does not hold them), or
    where DRAFTER_SHARED_DATA says (the mutation tests run in a copy of the tree elsewhere)."""
    if os.environ.get("DRAFTER_SHARED_DATA"):
        return Path(os.environ["DRAFTER_SHARED_DATA"]).resolve()
    return (REPO_ROOT / ".." / "shared" / "data").resolve()


def modules_loaded(code: str, env: dict[str, str] | None = None) -> list[str]:
    """The modules a fresh Python has loaded once it has run ``code`` (what a command, or
    importing a module, costs at start-up)."""
    marker = "--- modules loaded ---"
    listing = f"\nimport sys\nprint({marker!r}, *sorted(sys.modules), sep='\\n')\n"
    done = subprocess.run(
        [sys.executable, "-c", code + listing], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout.rpartition(marker)[2].split()


def on_ci() -> bool:
    """CI sets ``CI=true``: there every test must run, and the shared data must be there."""
    return os.environ.get("CI", "").lower() == "true"


#: The real bills in ``../shared/data/bills`` (see its README). Cases are made for each of
#: these whether or not the data is there, so that missing data shows as a skip (a failure on
#: CI) rather than as fewer cases; bills put beside them are tested too.
SHARED_BILLS = (
    "data-protection-digital-information-no2-bill-hc265.xml",
    "renters-rights-bill-hc127.xml",
    "sentencing-bill-hl159.xml",
    "social-housing-regulation-bill-hl54.xml",
    "social-housing-regulation-bill-hl60.xml",
    "sustainable-aviation-fuel-bill-hc286.xml",
)


def shared_bill_names() -> list[str]:
    """The names of the shared bills to make cases for: those listed, and any others there."""
    there = {p.name for p in (shared_data_dir() / "bills").glob("*.xml")}
    return sorted(there | set(SHARED_BILLS))


def require_shared(path: Path) -> Path:
    """``path`` inside the shared data; skips the test if it is missing (a failure on CI)."""
    if not path.exists():
        pytest.skip(f"shared test data not found: {path}")
    return path


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The shared data directory; skips the test if it is missing (a failure on CI)."""
    return require_shared(shared_data_dir())


#: The only skips allowed on CI, by test (its node id without parameters), each with its
#: reason. Any other skip on CI fails the run: a test that cannot run on CI does not protect
#: anything, and a missing tool or missing data must not pass for a green run.
CI_ALLOWED_SKIPS = {
    "tests/test_xml_safety.py::test_cli_permission_denied": (
        "CI runs as root, who can read any file; test_cli_permission_denied_simulated "
        "makes the operating system refuse instead"
    ),
}


def _skip_is_a_failure(report: pytest.TestReport | pytest.CollectReport, nodeid: str) -> None:
    """On CI, turn a skip not on :data:`CI_ALLOWED_SKIPS` into a failure that says why."""
    if not (on_ci() and report.skipped) or hasattr(report, "wasxfail"):
        return
    if nodeid.split("[", 1)[0] in CI_ALLOWED_SKIPS:
        return
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    reason = reason.removeprefix("Skipped: ")
    report.outcome = "failed"
    report.longrepr = (
        f"{nodeid} was skipped on CI ({reason}); on CI a skip is a failure unless it is "
        "listed, with its reason, in CI_ALLOWED_SKIPS in tests/conftest.py"
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item) -> Iterator[None]:
    outcome = yield
    _skip_is_a_failure(outcome.get_result(), item.nodeid)  # type: ignore[attr-defined]


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Iterator[None]:
    outcome = yield
    _skip_is_a_failure(outcome.get_result(), collector.nodeid)  # type: ignore[attr-defined]


def pytest_report_header() -> str:
    where = shared_data_dir()
    found = "found" if where.is_dir() else "MISSING"
    return f"shared data: {where} ({found}); CI={'true' if on_ci() else 'false'}"


# Property tests: no per-example deadline (this machine's speed varies), and on CI a fixed
# sequence of examples, so that a run can be reproduced exactly; locally they explore freely.
# Either way a failure prints the blob for @reproduce_failure, to run that example again.
from hypothesis import settings  # noqa: E402

settings.register_profile("drafter", deadline=None, print_blob=True)
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("ci" if on_ci() else "drafter")


@pytest.fixture(scope="session", autouse=True)
def print_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """drafter keeps the prints it has read in a cache; the tests keep theirs in a directory
    of their own (inherited by the commands they run), never in the user's."""
    path = tmp_path_factory.mktemp("print-cache")
    os.environ["DRAFTER_CACHE"] = str(path)
    return path
