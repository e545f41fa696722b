"""Opening a product's SQLite file and bringing its schema up to date, for both products.

Desks, the CLI and scans may open one file at the same moment, also a file that does not
exist yet: :func:`connect` switches it to WAL (retrying SQLite's immediate "locked") and
sets a busy timeout, so a writer waits for another writer instead of failing. Each
product lists its schema changes as numbered :class:`Migrations`; which ran is recorded
in a table of the product's own, so databases made before this module keep opening
without running anything again.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import sqlite_utils

#: Seconds a writer waits for another writer (another desk, the CLI, a parallel scan).
BUSY_TIMEOUT_S = 30.0

#: One schema change: creates or alters tables on the open database, inside the
#: runner's write transaction. Append new ones; never edit or reorder applied ones.
Migration = Callable[[sqlite_utils.Database], None]


class StoreError(Exception):
    """Raised when a database file cannot be opened or used (corrupt, locked, unwritable)."""


class SchemaTooNewError(StoreError):
    """Raised when the database was written by a newer inclusiedesk than this one."""


def connect(
    path: Path,
    *,
    autocommit: bool = True,
    synchronous: Literal["FULL", "NORMAL"] = "FULL",
    foreign_keys: bool = True,
) -> sqlite3.Connection:
    """A connection for several processes at once: WAL, busy timeout, usable from threads.

    ``autocommit`` leaves transactions to the caller (``BEGIN IMMEDIATE``); without it
    Python's sqlite3 opens one before each write, for callers that batch writes in
    ``with conn:``. ``synchronous="NORMAL"`` skips a disk sync per commit; in WAL mode
    that can lose the last commits at a power cut but never corrupts the file.
    """
    conn: sqlite3.Connection | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            path,
            timeout=BUSY_TIMEOUT_S,
            isolation_level=None if autocommit else "",
            check_same_thread=False,
        )
        _enable_wal(conn, BUSY_TIMEOUT_S)
        conn.execute(f"PRAGMA synchronous = {synchronous}")
        if foreign_keys:
            conn.execute("PRAGMA foreign_keys = ON")
    except (OSError, sqlite3.DatabaseError) as exc:
        if conn is not None:
            conn.close()
        raise StoreError(f"cannot open database {path}: {exc}") from exc
    return conn


def _enable_wal(conn: sqlite3.Connection, timeout_s: float) -> None:
    """Switch ``conn`` to WAL, retrying for up to ``timeout_s``.

    SQLite answers "database is locked" at once, without calling its busy handler,
    when another process switches the same new file to WAL at that moment (two
    desks or two scans started together on a fresh database).
    """
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def utc_stamp() -> str:
    """When a migration ran, as recorded by default: UTC, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Migrations:
    """A product's numbered schema changes and the table that records which have run.

    Version ``n`` is ``steps[n - 1]``. The table (``version`` primary key,
    ``applied_at``) is the product's own, so each product keeps the bookkeeping its
    existing databases already carry. ``stamp`` writes ``applied_at``.
    """

    table: str
    steps: Sequence[Migration]
    stamp: Callable[[], str] = utc_stamp

    @property
    def latest(self) -> int:
        """The version this code brings a database to."""
        return len(self.steps)

    def applied(self, conn: sqlite3.Connection) -> set[int]:
        """Versions recorded in ``conn``'s database; empty for a new file."""
        found = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (self.table,)
        ).fetchone()
        if not found:
            return set()
        return {version for (version,) in conn.execute(f"SELECT version FROM [{self.table}]")}

    def version(self, conn: sqlite3.Connection) -> int:
        """The highest version recorded in ``conn``'s database; 0 for a new file."""
        return max(self.applied(conn), default=0)

    def apply(
        self, db: sqlite_utils.Database, target: int | None = None, name: str | Path | None = None
    ) -> list[int]:
        """Run the missing migrations up to ``target`` (default: all); returns those run.

        An up-to-date database (every open but the first) is only read, never locked,
        so opening one to read does not wait for a running scan or desk. Otherwise the
        write lock is taken before looking again, so processes starting together on a
        new file do not both create the tables; all missing steps commit together with
        their version rows, or none do. ``name`` (default: the file's path) is the
        database as named in error messages.
        """
        target = self.latest if target is None else target
        wanted = set(range(1, target + 1))
        conn = db.conn
        try:
            if wanted <= self._checked(conn, name):
                return []
            conn.execute("BEGIN IMMEDIATE")
            try:
                missing = sorted(wanted - self._checked(conn, name))
                if missing and not db[self.table].exists():
                    db[self.table].create({"version": int, "applied_at": str}, pk="version")
                for version in missing:
                    self.steps[version - 1](db)
                    conn.execute(
                        f"INSERT INTO [{self.table}] (version, applied_at) VALUES (?, ?)",
                        (version, self.stamp()),
                    )
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise StoreError(f"cannot use database {_name(conn, name)}: {exc}") from exc
        return missing

    def refuse_newer(self, path: Path) -> None:
        """Raise SchemaTooNewError if the file at ``path`` holds a newer schema than this code.

        Read through a read-only connection before :func:`connect`, which would switch
        the file to WAL (a write): a database from a newer version must stay byte for
        byte as it was. A missing, empty or unreadable file is left to ``connect``.
        """
        try:
            if not path.is_file() or path.stat().st_size == 0:
                return
        except OSError:
            return
        try:
            conn = sqlite3.connect(readonly_uri(path), uri=True)
        except sqlite3.Error:
            return
        try:
            self._checked(conn, path)
        except sqlite3.Error:
            pass  # damaged or not a database: connect and the migration runner say so
        finally:
            conn.close()

    def _checked(self, conn: sqlite3.Connection, name: str | Path | None) -> set[int]:
        """The applied versions, after refusing a database newer than this code."""
        applied = self.applied(conn)
        current = max(applied, default=0)
        if current > self.latest:
            raise SchemaTooNewError(
                f"{_name(conn, name)} was written by a newer inclusiedesk (schema {current}, "
                f"this version knows {self.latest}); update inclusiedesk to open it"
            )
        return applied


def readonly_uri(path: Path) -> str:
    """An SQLite URI that opens ``path`` read-only, whatever its name holds.

    ``f"file:{path}?mode=ro"`` cuts a name at ``#`` or ``?`` and decodes ``%`` (SQLite
    parses it as a URI), and cannot encode a name with non-UTF-8 bytes; ``as_uri``
    percent-encodes the name's bytes, so every file name opens the file it names.
    """
    return f"{Path(path).resolve().as_uri()}?mode=ro"


def _name(conn: sqlite3.Connection, name: str | Path | None) -> str | Path:
    if name is not None:
        return name
    for _seq, schema, file in conn.execute("PRAGMA database_list"):
        if schema == "main":
            return file or ":memory:"
    return "database"
