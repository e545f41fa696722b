"""The JavaScript run in checked pages (a11y/js/*.js): it parses, all of it is used, and
none of it is left in Python strings where no parser sees it.

``node --check`` is the parser; without Node.js those tests are skipped (the browser
tests still run every script for real).
"""

from __future__ import annotations

import ast
import shutil
import subprocess
from pathlib import Path

import pytest

from a11y import js

PACKAGE = Path(js.__file__).parent.parent
SCRIPTS = sorted(Path(js.__file__).parent.glob("*.js"))
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="Node.js (node) is not installed")

#: Text that only JavaScript has; a Python string holding one of these is a script.
JS_MARKERS = ("document.", "window.", "arguments[", "=>", "querySelector")


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _loads() -> set[tuple[str, ...]]:
    """Every ``js.load(...)`` call in the package, as its tuple of file names."""
    found = set()
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "load"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "js"
            ):
                assert all(isinstance(a, ast.Constant) for a in node.args), (
                    f"{path}: js.load takes literal names, so this test can see them"
                )
                found.add(tuple(a.value for a in node.args))
    return found


def _node_check(path: Path) -> None:
    result = subprocess.run(
        [NODE, "--check", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, f"{path.name}:\n{result.stderr}"


def test_there_are_scripts() -> None:
    assert len(SCRIPTS) > 10


@needs_node
@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_every_script_parses(script: Path) -> None:
    _node_check(script)


@needs_node
def test_every_loaded_combination_parses(tmp_path: Path) -> None:
    """As the browser runs them: the named files joined (helpers before a check, so a
    name declared twice fails here) and wrapped as a function body."""
    for names in sorted(_loads()):
        path = tmp_path / ("+".join(names) + ".js")
        path.write_text(js.call_expression(js.load(*names), 1), encoding="utf-8")
        _node_check(path)


def test_every_script_is_loaded() -> None:
    used = {name for names in _loads() for name in names}
    assert {p.stem for p in SCRIPTS} - used == set(), "scripts no module loads"
    assert used - {p.stem for p in SCRIPTS} == set(), "loaded scripts that do not exist"


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def test_no_javascript_left_in_python_strings() -> None:
    """A heuristic: string constants (docstrings aside) with text only JavaScript has."""
    found = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skip
                and any(m in node.value for m in JS_MARKERS)
            ):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value[:60]!r}")
    assert found == [], "JavaScript belongs in a11y/js/*.js:\n" + "\n".join(found)


def test_load_joins_files_in_order() -> None:
    helpers = js.load("check_helpers")
    both = js.load("check_helpers", "check_page")
    assert both.startswith(helpers) and both.endswith(js.load("check_page"))
