"""The shared connect and migration runner (inclusiedesk.db) on real SQLite files."""

from __future__ import annotations

import multiprocessing
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from a11y.store import MIGRATIONS as SCAN_MIGRATIONS
from a11y.store import list_scans, open_db
from helpdesk.store import SCHEMA_VERSION, open_store
from inclusiedesk import db
from inclusiedesk.db import Migrations, SchemaTooNewError, StoreError, connect

FIXTURES = Path(__file__).parent.parent / "fixtures" / "db"


def _books(database: sqlite_utils.Database) -> None:
    database["books"].create({"id": int, "title": str}, pk="id")


def _authors(database: sqlite_utils.Database) -> None:
    database["books"].add_column("author", str)


TOY = Migrations("toy_migrations", [_books, _authors])


def _open(path: Path) -> sqlite_utils.Database:
    return sqlite_utils.Database(connect(path))


def _versions(path: Path, table: str) -> list[tuple[int, str]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(f"SELECT version, applied_at FROM {table} ORDER BY version").fetchall()


def test_a_new_file_gets_every_migration_in_wal_mode(tmp_path: Path) -> None:
    database = _open(tmp_path / "toy.db")
    assert TOY.apply(database) == [1, 2]
    assert database["books"].columns_dict == {"id": int, "title": str, "author": str}
    assert TOY.applied(database.conn) == {1, 2}
    assert database.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert database.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    database.close()


def test_reopening_applies_nothing_and_takes_no_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "toy.db"
    first = _open(path)
    TOY.apply(first)
    first.close()
    recorded = _versions(path, "toy_migrations")
    # Another process is writing (a running scan); opening to read must not wait for it.
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(db, "BUSY_TIMEOUT_S", 0.05)
    again = _open(path)
    assert TOY.apply(again) == []
    again.close()
    writer.execute("ROLLBACK")
    writer.close()
    assert _versions(path, "toy_migrations") == recorded


def test_migrating_step_by_step_runs_each_step_once(tmp_path: Path) -> None:
    database = _open(tmp_path / "toy.db")
    assert TOY.apply(database, target=1) == [1]
    assert TOY.version(database.conn) == 1
    assert TOY.apply(database) == [2]
    assert TOY.apply(database) == []
    database.close()


def test_a_failing_migration_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    def broken(database: sqlite_utils.Database) -> None:
        database.execute("CREATE TABLE half (x)")
        database.execute("SELECT * FROM no_such_table")

    path = tmp_path / "toy.db"
    database = _open(path)
    TOY.apply(database, target=1)
    with pytest.raises(StoreError, match="cannot use database .*toy.db: no such table"):
        Migrations("toy_migrations", [_books, broken]).apply(database)
    assert not database.conn.in_transaction
    assert "half" not in database.table_names()
    assert TOY.version(database.conn) == 1
    database.close()


def test_a_database_of_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "toy.db"
    database = _open(path)
    TOY.apply(database)
    database.execute("INSERT INTO toy_migrations VALUES (3, '2030-01-01')")
    database.close()
    sqlite3.connect(path).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    before = path.read_bytes()
    database = _open(path)
    with pytest.raises(SchemaTooNewError) as refused:
        TOY.apply(database)
    database.close()
    assert str(refused.value) == (
        f"{path} was written by a newer inclusiedesk (schema 3, this version knows 2); "
        "update inclusiedesk to open it"
    )
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_cannot_be_opened(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match=r"cannot open database .*notes\.db"):
        connect(path)


# ------------------------------------------------------------------ files of the old code
#
# Made by the code before the shared runner (commit 556cfb3), with journal_mode=DELETE
# and page_size=512 to keep them small: a desk database with one request and a scans
# database with one scan, each at schema 4 with its own version table.


def _copy(name: str, tmp_path: Path) -> Path:
    path = tmp_path / name
    shutil.copyfile(FIXTURES / name, path)
    return path


def _schema(path: Path) -> set[str]:
    """Names of the tables, indexes and triggers: none is lost or made twice."""
    with closing(sqlite3.connect(path)) as conn:
        return {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}


def test_a_desk_database_of_the_old_code_opens_without_migrating_again(tmp_path: Path) -> None:
    path = _copy("old-desk.sqlite", tmp_path)
    recorded, schema = _versions(path, "schema_migrations"), _schema(path)
    assert [v for v, _ in recorded] == [1, 2, 3, 4]
    with open_store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        [kept] = store.list_requests()
        assert (kept.organisations, kept.note) == (("digid",), "oude notitie")
    assert _versions(path, "schema_migrations")[:4] == recorded
    assert schema <= _schema(path)


def test_a_scans_database_of_the_old_code_opens_without_migrating_again(tmp_path: Path) -> None:
    path = _copy("old-scans.sqlite", tmp_path)
    recorded, schema = _versions(path, "a11y_migrations"), _schema(path)
    assert [v for v, _ in recorded] == [1, 2, 3, 4]
    [scan] = list_scans(path)
    assert scan["start_urls"] == ["https://example.org/"]
    now = _versions(path, "a11y_migrations")
    assert now[:4] == recorded
    assert [v for v, _ in now] == list(range(1, len(SCAN_MIGRATIONS) + 1))
    assert schema <= _schema(path)


# ------------------------------------------------------------------ several processes


def _open_fresh_databases(kind: str, folder: str, rounds: int, barrier: Any, errors: Any) -> None:
    """One desk (or scan) starting up: in every round it opens that round's new
    database at the same instant as the others."""
    for n in range(rounds):
        barrier.wait()
        path = Path(folder) / f"round-{n}.db"
        try:
            if kind == "desk":
                open_store(path).close()
            else:
                open_db(path).close()
        except Exception as exc:  # the test reports whatever reached the user
            errors.put(f"round {n}: {exc}")


@pytest.mark.parametrize("kind", ["desk", "scans"])
def test_six_processes_opening_one_new_database_at_the_same_instant_all_succeed(
    tmp_path: Path, kind: str
) -> None:
    # Switching a new file to WAL answered "locked" at once, without waiting, when
    # another process switched it at the same moment, and two scans both created
    # the scans tables; two processes caught the first only now and then. Sixty
    # starts of six processes catch both every time.
    ctx = multiprocessing.get_context("spawn")
    rounds, starters = 60, 6
    barrier, errors = ctx.Barrier(starters), ctx.Queue()
    procs = [
        ctx.Process(
            target=_open_fresh_databases, args=(kind, str(tmp_path), rounds, barrier, errors)
        )
        for _ in range(starters)
    ]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(timeout=300)
    found = []
    while not errors.empty():
        found.append(errors.get())
    assert found == []
    assert [proc.exitcode for proc in procs] == [0] * starters
    table, latest = (
        ("schema_migrations", SCHEMA_VERSION)
        if kind == "desk"
        else ("a11y_migrations", len(SCAN_MIGRATIONS))
    )
    for n in range(rounds):
        path = tmp_path / f"round-{n}.db"
        assert [v for v, _ in _versions(path, table)] == list(range(1, latest + 1))
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        conn.close()
