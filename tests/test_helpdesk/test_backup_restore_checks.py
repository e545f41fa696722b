"""A backup holds everything saved before it started, and a restore refuses a damaged or
too-new file without touching the database.

The existing consistency test only checks that each copy is self-consistent; a plain file
copy of a WAL database is consistent too, but misses every save still in the -wal file.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from builders import desk_request

from helpdesk.records import DeskRequest
from helpdesk.store import open_store

if TYPE_CHECKING:
    from conftest import RunCli


def request() -> DeskRequest:
    return desk_request(
        organisations=("svb",), subjects=("aow-pension",), help_type="information", staff="k7"
    )


def test_backup_while_a_desk_is_open_holds_every_saved_request(
    run_cli: RunCli, tmp_path: Path
) -> None:
    db = Path(os.environ["HELPDESK_DB"])
    target = tmp_path / "copy.db"
    with open_store(db) as desk:  # the app stays open all day: its saves sit in the WAL
        saved = {desk.add_request(request()).id for _ in range(25)}
        code, _, err = run_cli("backup", "-o", str(target))
        assert code == 0, err
        conn = sqlite3.connect(target)
        in_copy = {row[0] for row in conn.execute("SELECT id FROM requests")}
        conn.close()
    assert in_copy == saved
    assert not Path(str(target) + "-wal").exists()  # one self-contained file


def _damaged_copy(tmp_path: Path) -> Path:
    """A desk database that still opens but fails PRAGMA integrity_check."""
    bad = tmp_path / "damaged.db"
    with open_store(bad) as store:
        for _ in range(200):
            store.add_request(request().with_changes(note="x" * 300))
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn = sqlite3.connect(bad)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    conn = sqlite3.connect(bad)
    conn.execute("PRAGMA writable_schema = ON")
    # forget an index in the schema: its pages stay behind, unused. The file still opens
    # and reads; only PRAGMA integrity_check notices.
    conn.execute("DELETE FROM sqlite_master WHERE name = 'idx_requests_created_at'")
    conn.commit()
    conn.close()
    check = sqlite3.connect(bad)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    check.close()
    return bad


def _newer_copy(tmp_path: Path) -> Path:
    newer = tmp_path / "newer.db"
    with open_store(newer) as store:
        store.add_request(request())
        store.conn.execute("INSERT INTO schema_migrations VALUES (99, '2030-01-01')")
    sqlite3.connect(newer).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    return newer


@pytest.mark.parametrize("make", [_damaged_copy, _newer_copy], ids=["damaged", "newer"])
def test_restore_refuses_a_damaged_or_newer_backup_and_changes_nothing(
    run_cli: RunCli, tmp_path: Path, make
) -> None:
    db = Path(os.environ["HELPDESK_DB"])
    with open_store(db) as store:
        kept = store.add_request(request())
    bad = make(tmp_path)
    code, _, err = run_cli("restore", str(bad), "--yes")
    assert code == 2, err
    with open_store(db) as store:
        assert [r.id for r in store.list_requests()] == [kept.id]
        assert store.schema_version() < 99
    assert not list(tmp_path.glob("*.before-restore-*"))
    # SQLite's integrity report runs over several lines; the user gets one.
    assert len(err.strip().splitlines()) == 1, err
