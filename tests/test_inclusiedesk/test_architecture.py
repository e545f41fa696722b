"""The dependency rules of ARCHITECTURE.md, checked on the source so they stay true.

A rule broken once quietly becomes the pattern the next change copies, so each rule is a
test: the shared base imports neither product; the checker never imports the desk or
Textual; the desk reaches the checker only through the names ``a11y/__init__.py``
exports; widgets never import screens; and no module imports another module's private
names. The imports are read with ``ast``, so imports inside functions count too.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

import a11y

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("inclusiedesk", "a11y", "helpdesk")


@dataclass(frozen=True)
class Import:
    """One imported module (and the names taken from it) at one place in the source."""

    source: str  # 'helpdesk/app.py:12'
    module: str  # 'a11y.store'
    names: tuple[str, ...]  # ('build_report',) for 'from a11y.store import build_report'


def _imports(path: Path) -> list[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[Import] = []
    rel = path.relative_to(ROOT).as_posix()
    for node in ast.walk(tree):
        where = f"{rel}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            found += [Import(where, alias.name, ()) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(Import(where, node.module, tuple(a.name for a in node.names)))
    return found


def _modules(package: str) -> list[Path]:
    # The content links (inclusiedesk/data, inclusiedesk/guides) hold no Python.
    return sorted(p for p in (ROOT / package).rglob("*.py") if "data" not in p.parts)


def _all_imports(package: str) -> list[Import]:
    return [imp for path in _modules(package) for imp in _imports(path)]


def _top(module: str) -> str:
    return module.split(".", 1)[0]


def test_the_source_is_where_the_rules_look() -> None:
    """Guards the guards: an empty scan would make every rule below pass."""
    assert len(_modules("helpdesk")) > 30 and len(_modules("a11y")) > 20
    assert any(imp.module == "a11y" for imp in _all_imports("helpdesk"))


def test_the_shared_base_imports_neither_product() -> None:
    bad = [i for i in _all_imports("inclusiedesk") if _top(i.module) in ("a11y", "helpdesk")]
    assert bad == []


@pytest.mark.parametrize("forbidden", ["helpdesk", "textual"])
def test_the_checker_never_imports_the_desk_or_textual(forbidden: str) -> None:
    assert [i for i in _all_imports("a11y") if _top(i.module) == forbidden] == []


def test_the_desk_uses_only_the_checkers_public_names() -> None:
    public = set(a11y.__all__)
    bad = [
        i
        for i in _all_imports("helpdesk")
        if _top(i.module) == "a11y" and (i.module != "a11y" or not set(i.names) <= public)
    ]
    assert bad == [], "import only `a11y` or names from a11y.__all__"


def test_widgets_never_import_screens() -> None:
    widgets = [
        imp
        for path in _modules("helpdesk")
        if "widgets" in path.parts
        for imp in _imports(path)
        if imp.module.startswith("helpdesk.screens")
    ]
    assert widgets == []


def test_no_module_imports_another_modules_private_names() -> None:
    bad = [
        i
        for package in PACKAGES
        for i in _all_imports(package)
        if _top(i.module) in PACKAGES
        and any(part.startswith("_") and not part.startswith("__") for part in i.module.split("."))
        or _top(i.module) in PACKAGES
        and any(name.startswith("_") and not name.startswith("__") for name in i.names)
    ]
    assert bad == []
