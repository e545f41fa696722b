"""Notes expire as promised (issue 14, item 4): on every read whether or not ``purge``
ran, also when an edit adds the note, and in upgraded or merged older databases."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from builders import desk_request

from helpdesk import clock, desk, merge
from helpdesk.settings import Settings
from helpdesk.store import Store, open_store

if TYPE_CHECKING:
    from conftest import RunCli

NOTE = "komt terug met de brief van de gemeente"


def here() -> Store:
    return open_store(Path(os.environ["HELPDESK_DB"]))


def later(monkeypatch: pytest.MonkeyPatch, days: float) -> datetime:
    """Move this machine's clock ``days`` ahead (for the store and the CLI)."""
    moment = clock.utc_now() + timedelta(days=days)
    monkeypatch.setattr(clock, "utc_now", lambda: moment)
    return moment


def test_an_expired_note_is_not_shown_before_purge_runs(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    with here() as store:
        saved = store.add_request(desk_request(note=NOTE), note_retention_days=7)
    code, out, _ = run_cli("list", "--json")
    assert code == 0 and json.loads(out)[0]["note"] == NOTE  # within its week
    later(monkeypatch, 8)
    for argv in (
        ("list", "--json"),
        ("list",),
        ("export", "--format", "json"),
        ("export", "--format", "csv"),
    ):
        code, out, err = run_cli(*argv)
        assert code == 0, err
        assert NOTE not in out and saved.id in out
    assert json.loads(run_cli("list", "--json")[1])[0]["note"] == ""
    with here() as store:
        assert store.get_request(saved.id or "").note == ""
        # the row still holds it until purge clears it: the promise holds on read anyway
        raw = store.conn.execute("SELECT note FROM requests").fetchone()[0]
        assert raw == NOTE
        assert store.expire_notes() == 1


def test_an_expired_note_is_not_merged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = tmp_path / "noord.db"
    with open_store(other) as store:
        saved = store.add_request(desk_request(location="bieb-noord", note=NOTE), 7)
    later(monkeypatch, 8)
    with here() as store:
        assert merge.merge_file(store, other).added == 1
        raw = store.conn.execute(
            "SELECT note, note_expires_at FROM requests WHERE id = ?", (saved.id,)
        ).fetchone()
    assert raw == (None, None)


def test_a_note_added_by_an_edit_expires(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(location="bieb-centrum", staff="m12", note_retention_days=7)
    with here() as store:
        saved = desk.log_request(store, desk_request(), settings)  # no note yet
        assert store.get_request(saved.id or "").note_expires_at is None
        edited = desk.edit_request(
            store, saved.with_changes(note=NOTE), settings, expected_updated_at=saved.updated_at
        )
        assert edited.note_expires_at is not None
        assert store.get_request(saved.id or "").note == NOTE
    moment = later(monkeypatch, 8)
    with here() as store:
        assert store.get_request(saved.id or "").note == ""
        assert store.expire_notes(now=moment) == 1


def test_a_changed_note_expires_from_the_edit_an_unchanged_one_keeps_its_date(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with here() as store:
        saved = store.add_request(desk_request(note=NOTE), note_retention_days=7)
        kept = store.update_request(saved.with_changes(minutes=5), note_retention_days=7)
        assert kept.note_expires_at == saved.note_expires_at
    later(monkeypatch, 5)
    with here() as store:
        changed = store.update_request(
            kept.with_changes(note=NOTE + " (gebeld)"), note_retention_days=7
        )
        assert changed.note_expires_at is not None
        assert changed.note_expires_at > (saved.note_expires_at or "")


def _old_database(path: Path, created: datetime, version: int) -> str:
    """A desk file of schema ``version`` with one request whose note has no expiry."""
    store = open_store(path, migrate=False)
    store.migrate(target=version)
    rid = "01JB0000000000000000000D00"
    stamp = clock.to_stored(created)
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO requests (id, created_at, updated_at, location, staff, help_type, "
            "outcome, channel, visitor_type, note) VALUES (?, ?, ?, 'bieb-zuid', 'bz01', "
            "'information', 'solved', 'walk-in', 'resident', ?)",
            (rid, stamp, stamp, NOTE),
        )
        conn.execute(
            "INSERT INTO request_codes VALUES (?, 'organisation', 'svb'), "
            "(?, 'subject', 'aow-pension')",
            (rid, rid),
        )
    store.close()
    return rid


@pytest.mark.parametrize("version", [1, 5])
def test_notes_of_an_upgraded_old_database_expire(tmp_path: Path, version: int) -> None:
    path = tmp_path / "old.db"
    rid = _old_database(path, clock.utc_now() - timedelta(days=60), version)
    with open_store(path) as store:
        assert store.get_request(rid).note == ""  # 60 days old: past the 30 days
        expiry = store.conn.execute("SELECT note_expires_at FROM requests").fetchone()[0]
        assert expiry is not None
        assert store.expire_notes() == 1


def test_a_recent_note_of_an_upgraded_database_is_kept_until_its_expiry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    rid = _old_database(path, clock.utc_now() - timedelta(days=5), 5)
    with open_store(path) as store:
        assert store.get_request(rid).note == NOTE
    later(monkeypatch, 26)
    with open_store(path) as store:
        assert store.get_request(rid).note == ""


def test_merged_notes_without_an_expiry_get_one(tmp_path: Path) -> None:
    """An old location file (schema 1: no expiry column at all) merged here."""
    other = tmp_path / "old.db"
    rid = _old_database(other, clock.utc_now() - timedelta(days=5), 1)
    with here() as store:
        merge.merge_file(store, other, note_retention_days=30)
        got = store.get_request(rid)
    assert got.note == NOTE
    expected = clock.to_stored(clock.utc_now() + timedelta(days=25))
    assert got.note_expires_at is not None and got.note_expires_at[:10] == expected[:10]


def test_no_merged_note_outlives_this_desks_retention(tmp_path: Path) -> None:
    other = tmp_path / "noord.db"
    with open_store(other) as store:
        saved = store.add_request(desk_request(location="bieb-noord", note=NOTE), 3650)
    with here() as store:
        merge.merge_file(store, other, note_retention_days=7)
        got = store.get_request(saved.id or "")
    limit = clock.to_stored(clock.utc_now() + timedelta(days=7, minutes=1))
    assert got.note == NOTE and (got.note_expires_at or "") <= limit


def test_the_upgrade_touches_only_notes_without_expiry(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _old_database(path, clock.utc_now(), 5)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO requests (id, created_at, updated_at, location, staff, help_type, outcome, "
        "note, note_expires_at) SELECT '01JB0000000000000000000D01', created_at, updated_at, "
        "location, staff, help_type, outcome, 'x', '2030-01-01T00:00:00.000000Z' FROM requests"
    )
    conn.commit()
    conn.close()
    with open_store(path) as store:
        rows = dict(store.conn.execute("SELECT id, note_expires_at FROM requests"))
    assert rows["01JB0000000000000000000D01"] == "2030-01-01T00:00:00.000000Z"
