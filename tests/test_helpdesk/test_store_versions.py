"""The store's guards for several desks on one file: versions, restore, change detection."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from helpdesk.records import DeskRequest, FollowUp, GuideUse
from helpdesk.store import BusyError, ConflictError, NotFoundError, open_store


def request(**changes: object) -> DeskRequest:
    from datetime import datetime

    base = DeskRequest(
        organisations=("belastingdienst", "toeslagen"),
        subjects=("allowance",),
        help_type="help-along",
        outcome="solved",
        location="bieb-centrum",
        staff="m01",
        minutes=7,
        guides=(GuideUse("digid-aanvragen", 3),),
        followup=FollowUp(datetime(2026, 12, 9, 10, 30), ("Paspoort", "Brief")),
    )
    return base.with_changes(**changes)


def test_an_edit_based_on_an_old_version_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    with open_store(path) as desk_a, open_store(path) as desk_b:
        saved = desk_a.add_request(request())
        # desk B saves first, from the same version
        newer = desk_b.update_request(
            saved.with_changes(outcome="not-solved"), expected_updated_at=saved.updated_at
        )
        with pytest.raises(ConflictError) as caught:
            desk_a.update_request(
                saved.with_changes(outcome="partly-solved"), expected_updated_at=saved.updated_at
            )
        assert caught.value.current.outcome == "not-solved"
        assert caught.value.current.updated_at == newer.updated_at
        assert desk_a.get_request(saved.id or "").outcome == "not-solved"
        # from the version now stored, the edit goes through
        desk_a.update_request(
            saved.with_changes(outcome="partly-solved"), expected_updated_at=newer.updated_at
        )
        assert desk_b.get_request(saved.id or "").outcome == "partly-solved"


def test_an_edit_of_a_deleted_request_says_not_found(tmp_path: Path) -> None:
    with open_store(tmp_path / "desk.db") as store:
        saved = store.add_request(request())
        store.delete_request(saved.id or "")
        with pytest.raises(NotFoundError):
            store.update_request(saved, expected_updated_at=saved.updated_at)


def test_restore_puts_a_deleted_request_back_as_it_was(tmp_path: Path) -> None:
    with open_store(tmp_path / "desk.db") as store:
        saved = store.add_request(request(note="kwam voor de toeslag"))
        store.delete_request(saved.id or "")
        assert store.count_requests() == 0
        store.restore_request(saved)
        back = store.get_request(saved.id or "")
        assert back.with_changes(updated_at=None) == saved.with_changes(updated_at=None)
        assert back.guides == saved.guides and back.followup == saved.followup
        assert (back.updated_at or "") > (saved.updated_at or "")  # newer than its deletion
        tombstones = store.conn.execute("SELECT COUNT(*) FROM deletions").fetchone()[0]
        assert tombstones == 0
        assert [e.action for e in store.audit_trail()][-1] == "restore"


def test_data_version_changes_only_when_another_connection_writes(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    with open_store(path) as desk_a, open_store(path) as desk_b:
        before = desk_a.data_version()
        desk_a.add_request(request())
        assert desk_a.data_version() == before  # its own write: it knows already
        desk_b.add_request(request())
        assert desk_a.data_version() != before


def test_a_held_write_lock_gives_busy_after_a_short_wait_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    path = tmp_path / "desk.db"
    with open_store(path) as store:
        blocker = sqlite3.connect(path, isolation_level=None)
        try:
            blocker.execute("BEGIN IMMEDIATE")
            with store.lock_wait(0.05), pytest.raises(BusyError):
                store.add_request(request())
            blocker.execute("COMMIT")
        finally:
            blocker.close()
        assert store.count_requests() == 0
        store.add_request(request())  # the usual wait again once the lock is free
        assert store.count_requests() == 1
