"""Opening a SQLite file that several processes may create at the same moment."""

from __future__ import annotations

import sqlite3
import time


def enable_wal(conn: sqlite3.Connection, timeout_s: float) -> None:
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
