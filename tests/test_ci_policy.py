"""On CI a skip is a failure, unless it is on the allow-list in ``conftest.py``; and missing
shared data fails the run there instead of thinning it. Each case runs pytest on a small test
file beside a copy of our ``conftest.py``, in a directory with no ``../shared`` beside it."""

from __future__ import annotations

import pytest

from tests.conftest import REPO_ROOT

pytest_plugins = ["pytester"]

TESTS = """
import pytest
from pathlib import Path
from conftest import require_shared, shared_data_dir

def test_skips():
    pytest.skip("a tool is missing")

def test_needs_shared_data(shared_data: Path):
    assert shared_data.is_dir()

def test_needs_a_shared_bill():
    require_shared(shared_data_dir() / "bills" / "x.xml")

def test_permission_denied():
    pytest.skip("allowed: it is on the list")

def test_runs():
    pass
"""


def _run(pytester: pytest.Pytester, ci: str) -> pytest.RunResult:
    conftest = (REPO_ROOT / "tests" / "conftest.py").read_text(encoding="utf-8")
    # the allowed skip, named as this directory's test is named
    conftest = conftest.replace(
        '"tests/test_xml_safety.py::test_cli_permission_denied"',
        '"test_policy.py::test_permission_denied"',
    )
    pytester.makeconftest(conftest)
    pytester.makepyfile(test_policy=TESTS)
    pytester.makeini("[pytest]\n")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CI", ci)
        return pytester.runpytest_subprocess("-p", "no:cacheprovider", "-rA")


def test_on_ci_a_skip_not_on_the_list_fails_and_says_why(pytester: pytest.Pytester) -> None:
    result = _run(pytester, "true")
    result.assert_outcomes(
        passed=1, failed=2, errors=1, skipped=1
    )  # a fixture that skips: an error
    for line in (
        "*test_skips was skipped on CI (a tool is missing); on CI a skip is a failure unless "
        "it is listed, with its reason, in CI_ALLOWED_SKIPS in tests/conftest.py*",
        "*test_needs_shared_data was skipped on CI (shared test data not found: */shared/data)*",
        "*test_needs_a_shared_bill was skipped on CI (shared test data not found: *x.xml)*",
    ):
        result.stdout.fnmatch_lines([line])
    assert result.ret == pytest.ExitCode.TESTS_FAILED


def test_off_ci_a_skip_is_a_skip(pytester: pytest.Pytester) -> None:
    result = _run(pytester, "")
    result.assert_outcomes(passed=1, skipped=4)
    assert result.ret == pytest.ExitCode.OK


def test_on_ci_a_module_skipped_at_collection_fails(pytester: pytest.Pytester) -> None:
    conftest = (REPO_ROOT / "tests" / "conftest.py").read_text(encoding="utf-8")
    pytester.makeconftest(conftest)
    pytester.makepyfile(
        test_tool='import pytest\n\npytest.importorskip("no_such_module")\n\n\ndef test_x(): ...\n'
    )
    pytester.makeini("[pytest]\n")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CI", "true")
        result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    assert result.ret != pytest.ExitCode.OK
    result.stdout.fnmatch_lines(["*test_tool.py was skipped on CI*no_such_module*"])
