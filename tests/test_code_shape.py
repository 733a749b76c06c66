"""The shape of the code that import-linter cannot check: no module takes another module's
underscore names (a private name is free to change with the module that owns it)."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

from tests.conftest import REPO_ROOT

SOURCES = sorted([*(REPO_ROOT / "drafter").rglob("*.py"), *(REPO_ROOT / "tests").rglob("*.py")])


#: names the standard library documents as its own API, underscore and all
DOCUMENTED = frozenset({"os._exit"})


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _borrowed(path: Path) -> list[str]:
    """Where ``path`` imports a private name from another module, or reads one off a module
    it imported."""
    tree = ast.parse(path.read_text("utf-8"), str(path))
    found: list[str] = []
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = node.module or ""
            for alias in node.names:
                if _private(alias.name):
                    found.append(f"{path.name}:{node.lineno} imports {alias.name} from {source}")
                elif source.startswith("drafter") and _is_module(f"{source}.{alias.name}"):
                    modules.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            modules.update((a.asname or a.name).split(".")[0] for a in node.names)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and _private(node.attr)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
            and f"{node.value.id}.{node.attr}" not in DOCUMENTED
        ):
            found.append(f"{path.name}:{node.lineno} reads {node.value.id}.{node.attr}")
    return found


def test_no_module_takes_another_modules_private_names() -> None:
    borrowed = [b for path in SOURCES for b in _borrowed(path)]
    assert borrowed == []
