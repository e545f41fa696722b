"""Shared fixtures: every test gets its own database and settings file in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests away from the real user's database and settings."""
    monkeypatch.setenv("HELPDESK_DB", str(tmp_path / "helpdesk.db"))
    monkeypatch.setenv("HELPDESK_CONFIG", str(tmp_path / "settings.json"))
    monkeypatch.setenv("A11Y_DB", str(tmp_path / "a11y.db"))
