"""``helpdesk restore`` against incomplete and crafted backups (issue 14, item 3).

A restore checks the backup's schema against the one this version makes (nothing extra,
nothing missing) and its rows as a merge does, and is all or nothing: when any step
fails, the live database file is byte-for-byte what it was, and the message says so.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from builders import desk_request

from helpdesk import backup as backup_module
from helpdesk.records import DeskRequest
from helpdesk.store import SCHEMA_VERSION, open_store

if TYPE_CHECKING:
    from conftest import RunCli

FIXTURES = Path(__file__).parent.parent / "fixtures" / "db"


def request(**changes: object) -> DeskRequest:
    return desk_request(organisations=("svb",), subjects=("aow-pension",), **changes)


def live() -> Path:
    return Path(os.environ["HELPDESK_DB"])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def live_desk() -> list[str]:
    """A live database with two requests, every connection closed (WAL checkpointed)."""
    with open_store(live()) as store:
        ids = [store.add_request(request()).id or "" for _ in range(2)]
    return ids


def crafted_backup(tmp_path: Path, *statements: str) -> Path:
    """A real backup of a desk with one request and a note, then changed with plain SQL."""
    source = tmp_path / "elsewhere.db"
    with open_store(source) as store:
        store.add_request(request(note="komt volgende week terug"))
    target = tmp_path / "backup.db"
    backup_module.backup(source, target)
    conn = sqlite3.connect(target)
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()
    return target


def refused(run_cli: RunCli, bad: Path, *words: str) -> str:
    ids = live_desk()
    before = digest(live())
    code, out, err = run_cli("restore", str(bad), "--yes")
    assert code == 2, (out, err)
    assert len(err.strip().splitlines()) == 1, err
    for word in words:
        assert word in err, err
    assert digest(live()) == before
    with open_store(live()) as store:
        assert sorted(r.id for r in store.list_requests()) == sorted(ids)
    return err


def test_a_backup_missing_a_table_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    bad = crafted_backup(tmp_path, "DROP TABLE followups")
    refused(run_cli, bad, "missing table followups")


def test_a_trigger_that_copies_notes_to_a_hidden_table_is_refused(
    run_cli: RunCli, tmp_path: Path
) -> None:
    bad = crafted_backup(
        tmp_path,
        "CREATE TABLE stats_cache (note TEXT)",
        "CREATE TRIGGER stats_keep AFTER INSERT ON requests BEGIN "
        "INSERT INTO stats_cache VALUES (NEW.note); END",
    )
    refused(run_cli, bad, "extra table stats_cache", "extra trigger stats_keep")
    with open_store(live()) as store:
        names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        assert "stats_keep" not in names and "stats_cache" not in names
        store.add_request(request(note="nieuwe notitie"))
        assert "stats_cache" not in {
            r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")
        }


@pytest.mark.parametrize(
    ("statements", "words"),
    [
        (("CREATE VIEW everything AS SELECT * FROM requests",), "extra view everything"),
        (("ALTER TABLE requests ADD COLUMN resident_name TEXT",), "table requests differs"),
        (("DROP INDEX idx_requests_created_at",), "missing index idx_requests_created_at"),
        (
            (
                "DROP TRIGGER stats_request_insert",
                "CREATE TRIGGER stats_request_insert AFTER INSERT ON requests BEGIN "
                "DELETE FROM audit_log; END",
            ),
            "trigger stats_request_insert differs",
        ),
        (("DELETE FROM schema_migrations WHERE version = 3",), "does not list versions"),
    ],
    ids=["view", "column", "index", "changed-trigger", "migrations"],
)
def test_any_schema_difference_is_refused(
    run_cli: RunCli, tmp_path: Path, statements: tuple[str, ...], words: str
) -> None:
    refused(run_cli, crafted_backup(tmp_path, *statements), words)


def test_a_backup_with_invalid_rows_is_refused_per_row(run_cli: RunCli, tmp_path: Path) -> None:
    bad = crafted_backup(
        tmp_path,
        "UPDATE requests SET note = 'bsn 111222333, tel 06-12345678'",
        "UPDATE request_codes SET code = '=HYPERLINK(\"http://x.test\")' WHERE kind = 'subject'",
    )
    with sqlite3.connect(bad) as conn:
        (rid,) = conn.execute("SELECT id FROM requests").fetchone()
    err = refused(run_cli, bad, rid, "note", "subjects")
    assert "111222333" not in err and "HYPERLINK" not in err


def test_a_failed_last_step_leaves_the_live_file_byte_for_byte_unchanged(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check after the copy fails: the replacing transaction rolls back, and the
    message says the database is unchanged (which it is, to the byte)."""
    good = crafted_backup(tmp_path)

    def fails(conn: sqlite3.Connection) -> None:
        raise backup_module.BackupError("check after copy failed")

    monkeypatch.setattr(backup_module, "_check_restored", fails)
    ids = live_desk()
    before = digest(live())
    code, out, err = run_cli("restore", str(good), "--yes")
    assert code == 2 and "de database is niet veranderd" in err and "restored" not in out
    assert digest(live()) == before
    with open_store(live()) as store:
        assert sorted(r.id for r in store.list_requests()) == sorted(ids)
        assert "restore" not in [e.action for e in store.audit_trail()]
    code, _, err = run_cli("--lang", "en", "restore", str(good), "--yes")
    assert (
        code == 2 and "restore failed (check after copy failed); the database is unchanged" in err
    )
    assert digest(live()) == before
    assert not list(live().parent.glob(".restore-*"))  # the staging copy is gone


def test_a_failing_statement_in_the_replacement_rolls_everything_back(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real SQL error half-way (the audit table is gone from the copy after its check)."""
    good = crafted_backup(tmp_path)
    real = backup_module._close_wal

    def sabotage(path: Path) -> None:
        real(path)
        with sqlite3.connect(path) as conn:
            conn.execute("DROP TABLE audit_log")

    monkeypatch.setattr(backup_module, "_close_wal", sabotage)
    ids = live_desk()
    before = digest(live())
    code, _, err = run_cli("restore", str(good), "--yes")
    assert code == 2 and "de database is niet veranderd" in err, err
    assert digest(live()) == before
    with open_store(live()) as store:
        assert sorted(r.id for r in store.list_requests()) == sorted(ids)


def test_a_good_restore_says_so_and_the_desk_works_after(run_cli: RunCli, tmp_path: Path) -> None:
    good = crafted_backup(tmp_path)
    live_desk()
    code, out, err = run_cli("restore", str(good), "--yes")
    assert code == 0, err
    assert f"restored 1 request(s) from {good}" in out
    with open_store(live()) as store:
        assert store.count_requests() == 1
        assert store.list_requests()[0].note == "komt volgende week terug"
        store.add_request(request())
        assert backup_module.schema_differences(store.conn, SCHEMA_VERSION) == []
        assert [e.action for e in store.audit_trail()][-2:] == ["restore", "create"]


def test_an_older_desk_file_restores_and_its_notes_get_an_expiry(
    run_cli: RunCli, tmp_path: Path
) -> None:
    old = tmp_path / "old backup #1?.sqlite"  # '#' and '?' in the name work too
    shutil.copy(FIXTURES / "old-desk.sqlite", old)
    with sqlite3.connect(old) as conn:
        count = conn.execute("SELECT COUNT(*) FROM requests").fetchone()[0]
    code, out, err = run_cli("restore", str(old), "--yes")
    assert code == 0, err
    with open_store(live()) as store:
        assert store.count_requests() == count
        missing = store.conn.execute(
            "SELECT COUNT(*) FROM requests WHERE note IS NOT NULL AND note_expires_at IS NULL"
        ).fetchone()[0]
        assert missing == 0


@pytest.mark.parametrize("check", [backup_module.check_backup])
def test_checking_only_changes_nothing(
    run_cli: RunCli, tmp_path: Path, check: Callable[[Path], object]
) -> None:
    good = crafted_backup(tmp_path)
    before = digest(good)
    check(good)
    code, out, _ = run_cli("restore", str(good))  # without --yes, no terminal: only checks
    assert code == 0 and "nothing restored" in out
    assert digest(good) == before
