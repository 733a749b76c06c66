"""Shared fixtures for drafter's tests."""

from __future__ import annotations

import os
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


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The shared data directory; skips the test if it is missing, but fails on CI (CI=true)
    where the data must be present, so that a missing checkout cannot pass silently."""
    path = shared_data_dir()
    if not path.is_dir():
        message = f"shared test data not found at {path}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


# Property tests: no per-example deadline (this machine's speed varies), and on CI a fixed
# sequence of examples, so that a run can be reproduced exactly; locally they explore freely.
from hypothesis import settings  # noqa: E402

settings.register_profile("drafter", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI", "").lower() == "true" else "drafter")


@pytest.fixture(scope="session", autouse=True)
def print_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """drafter keeps the prints it has read in a cache; the tests keep theirs in a directory
    of their own (inherited by the commands they run), never in the user's."""
    path = tmp_path_factory.mktemp("print-cache")
    os.environ["DRAFTER_CACHE"] = str(path)
    return path
