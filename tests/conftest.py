"""Shared fixtures: every test gets its own database and settings file in tmp_path.

Tests that need headless Chromium carry the ``browser`` marker, so
``python -m pytest -m "not browser"`` runs the rest on a machine without a browser.
A fixture that starts Chromium asks for :func:`needs_browser`, and every test using it
is marked here; a test that starts Chromium itself is marked in its own file.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pytest

from a11y.i18n import set_cli_lang


class RunCli(Protocol):
    """The ``run_cli`` fixture: ``run_cli("list", "--json")`` -> (exit code, stdout, stderr)."""

    def __call__(self, *argv: str) -> tuple[int, str, str]: ...


@pytest.fixture(scope="session")
def needs_browser() -> None:
    """Asked for by fixtures that start Chromium: marks their tests ``browser``."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``browser`` every test that reaches :func:`needs_browser` through its fixtures."""
    for item in items:
        if "needs_browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def isolated_desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests away from the real user's database and settings."""
    monkeypatch.setenv("HELPDESK_DB", str(tmp_path / "helpdesk.db"))
    monkeypatch.setenv("HELPDESK_CONFIG", str(tmp_path / "settings.json"))
    monkeypatch.setenv("A11Y_DB", str(tmp_path / "a11y.db"))
    # Printed pages stay in tmp_path and never reach a real printer or browser.
    monkeypatch.setenv("INCLUSIEDESK_PRINT_DIR", str(tmp_path / "print"))
    monkeypatch.setenv("INCLUSIEDESK_PRINT", "save")


@pytest.fixture(autouse=True)
def dutch_command_lines() -> Iterator[None]:
    """Every test starts with the a11y command speaking Dutch: ``a11y.i18n.cli_lang`` is one
    value per process (a run speaks one language), so a test that ran ``--lang en`` would
    otherwise leave English behind for the next test that calls the crawler directly.
    (Here rather than in a ``tests/test_a11y/conftest.py``: a second module named
    ``conftest`` would shadow this one for the tests that import from it.)"""
    set_cli_lang("nl")
    yield
    set_cli_lang("nl")


@pytest.fixture
def amsterdam(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run in Europe/Amsterdam, so local days do not start at UTC midnight.

    The statistics count local days over UTC summaries; only a time zone off UTC (with
    summer time) exercises the partial days at the edges of a period.
    """
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> RunCli:
    """Call ``helpdesk ARGV…`` in-process, as a user would, and return what they would see.

    In-process (through ``helpdesk.cli.main``, not a subprocess) so a CLI test costs
    milliseconds and shares the isolated database and settings above; argparse's own
    exits (usage errors, ``--help``) become an exit code like any other refusal.
    """
    from helpdesk.cli import main  # imported here so the a11y tests never load the desk

    def run(*argv: str) -> tuple[int, str, str]:
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run
