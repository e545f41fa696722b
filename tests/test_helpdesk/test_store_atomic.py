"""A save that fails half-way leaves nothing behind.

The SIGKILL test only catches a non-atomic save when a kill happens to land between two
statements of one save (it did in 2 of 4 runs when we broke the transaction on purpose).
This makes the same guarantee deterministic: the last statement of a save (its audit
line) fails with a disk error, and nothing of the save may stay.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from builders import desk_request

import helpdesk.store as store_mod
from helpdesk.records import DeskRequest
from helpdesk.store import StoreError, open_store


def _request() -> DeskRequest:
    return desk_request(barriers=("language",), note="verzoek")


def _failing_audit(*_args: object, **_kwargs: object) -> None:
    raise sqlite3.OperationalError("disk I/O error (simulated)")


def test_add_that_fails_at_its_last_statement_saves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(tmp_path / "desk.db") as store:
        monkeypatch.setattr(store_mod, "_audit", _failing_audit)
        with pytest.raises(StoreError):
            store.add_request(_request())
        assert store.count_requests() == 0
        assert store.db["request_codes"].count == 0


def test_edit_that_fails_at_its_last_statement_keeps_the_old_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(tmp_path / "desk.db") as store:
        saved = store.add_request(_request())
        monkeypatch.setattr(store_mod, "_audit", _failing_audit)
        with pytest.raises(StoreError):
            store.update_request(saved.with_changes(outcome="referred-out", note="x"))
        assert store.get_request(saved.id) == saved
