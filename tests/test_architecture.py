"""The core is importable without any user interface: the layering the design depends on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT, modules_loaded


def test_core_imports_no_ui() -> None:
    loaded = modules_loaded(
        "import drafter.core.bill, drafter.core.print.printed, drafter.core.print.markers, "
        "drafter.core.validate, drafter.core.xml, drafter.core.files"
    )
    bad = [
        m
        for m in loaded
        if m.split(".")[0] in {"textual", "rich", "click"}
        or m.startswith(("drafter.tui", "drafter.export", "drafter.cli"))
    ]
    assert bad == []


def test_import_linter_contract_holds() -> None:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    lint = subprocess.run([str(lint_imports)], capture_output=True, text=True, cwd=REPO_ROOT)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert "core is free of UI and front ends KEPT" in lint.stdout


def test_tui_modules_import_downwards() -> None:
    """No import cycles among the terminal app's modules (app, screens, editor): the layers
    contract in pyproject.toml."""
    lint_imports = Path(sys.executable).parent / "lint-imports"
    lint = subprocess.run([str(lint_imports)], capture_output=True, text=True, cwd=REPO_ROOT)
    assert "tui modules import downwards: no cycles KEPT" in lint.stdout, lint.stdout
