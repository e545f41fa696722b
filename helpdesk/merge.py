"""Merging the databases of other desk locations into this one (``helpdesk merge``).

Desks of a network often run on separate machines; the manager copies their database
files and merges them here, so the statistics cover the whole network. Requests carry
a ULID and an updated-at time, which makes merging idempotent:

* a request not known here is added, with its codes, guides and follow-up;
* a request known here is replaced when the other copy was updated later, and left
  alone otherwise (same time: unchanged), so merging the same file twice adds nothing;
* a tombstone (a deletion) in the other file deletes the request here and is copied,
  so a deletion travels on to the next merge; a request deleted here is never brought
  back by an older copy elsewhere: a deleted request stays deleted (a resident may
  have asked for it).

The other file is opened read-only and read in one snapshot (one read transaction),
then checked before anything changes: a file that is not a desk database, or was
written by a newer inclusiedesk, is refused, and so is a file with any row a new save
at this desk would refuse (``row_check``: privacy guard, known codes, dates, lengths,
minutes, id shapes, a clock more than ``row_check.CLOCK_SKEW`` ahead); the message
names each such row and field, never a value. Each file is merged in one transaction:
all of it or nothing.

Retention travels with the rows: an expired note is not imported, a note without an
expiry gets one (created + this desk's retention), and no note is kept longer than
this desk's retention from now. Purged requests leave tombstones like deleted ones.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from helpdesk import row_check
from helpdesk.i18n import t
from helpdesk.row_check import CHILD_TABLES, RowProblem, Snapshot
from helpdesk.store import DEFAULT_NOTE_RETENTION_DAYS, SCHEMA_VERSION, Store
from inclusiedesk.db import readonly_uri


class MergeError(Exception):
    """Raised by merge_file when the other file cannot be merged; nothing was changed.

    ``problems`` lists the refused rows (row id and fields, never values). With a
    message ``key`` the CLI shows it in the desk's language (``localized``); ``str`` is
    English."""

    def __init__(
        self,
        message: str,
        problems: list[RowProblem] | None = None,
        key: str | None = None,
        fields: dict[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.problems = problems or []
        self.key, self.fields = key, fields or {}

    def localized(self, lang: str) -> str:
        return t(self.key, lang, **self.fields) if self.key else str(self)


@dataclass(frozen=True)
class MergeResult:
    path: Path
    added: int
    updated: int
    deleted: int
    unchanged: int


def _open_read_only(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise MergeError(f"{path}: no such file")
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True)
        conn.isolation_level = None  # our own BEGIN: one read transaction for the snapshot
        conn.execute("PRAGMA query_only = ON")
        return conn
    except sqlite3.Error as exc:
        raise MergeError(f"{path}: cannot open read-only: {exc}") from None


def read_checked(
    path: Path, retention_days: int = DEFAULT_NOTE_RETENTION_DAYS
) -> tuple[Snapshot, dict[str, dict]]:
    """The other file's snapshot and its rows as this desk would keep them.

    Raises MergeError, naming every refused row, when any row is not valid.
    """
    with closing(_open_read_only(path)) as other:
        try:
            source = row_check.read_snapshot(other, str(path), SCHEMA_VERSION)
        except row_check.SnapshotError as exc:
            raise MergeError(str(exc)) from None
        except sqlite3.DatabaseError as exc:
            raise MergeError(f"{path}: not a usable desk database: {exc}") from None
    rows, problems = row_check.check_snapshot(source, retention_days)
    if problems:
        key = "data_checks.merge_refused"
        fields = {"name": str(path), "n": len(problems), "rows": row_check.report(problems)}
        raise MergeError(t(key, "en", **fields), problems, key, fields)
    return source, rows


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _local_versions(conn: sqlite3.Connection, ids: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        found.update(
            conn.execute(f"SELECT id, updated_at FROM requests WHERE id IN ({marks})", chunk)
        )
    return found


def _local_tombstones(conn: sqlite3.Connection, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        found.update(
            row[0]
            for row in conn.execute(
                f"SELECT request_id FROM deletions WHERE request_id IN ({marks})", chunk
            )
        )
    return found


def _delete(conn: sqlite3.Connection, request_id: str) -> None:
    for table in CHILD_TABLES:
        conn.execute(f"DELETE FROM {table} WHERE request_id = ?", (request_id,))
    conn.execute("DELETE FROM requests WHERE id = ?", (request_id,))


def _insert(conn: sqlite3.Connection, row: dict, source: Snapshot) -> None:
    cols = list(row)
    conn.execute(
        f"INSERT INTO requests ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        [row[c] for c in cols],
    )
    for table, tcols in CHILD_TABLES.items():
        rows = source.children[table].get(row["id"], [])
        if rows:
            conn.executemany(
                f"INSERT OR REPLACE INTO {table} ({', '.join(tcols)}) "
                f"VALUES ({', '.join('?' * len(tcols))})",
                rows,
            )


def merge_file(
    store: Store,
    path: Path,
    actor: str = "",
    note_retention_days: int = DEFAULT_NOTE_RETENTION_DAYS,
) -> MergeResult:
    """Merge one other desk database into ``store``; MergeError leaves nothing changed.

    ``note_retention_days``: this desk's retention (the settings'), applied to the notes
    taken in. "Later edit wins" compares ``updated_at`` only after every time in the
    other file was refused if it lies more than ``row_check.CLOCK_SKEW`` ahead of this
    machine's clock, so a desk whose clock runs ahead cannot win conflicts with it.
    """
    if store.path.exists() and path.exists() and path.resolve() == store.path.resolve():
        raise MergeError(f"{path}: is this desk's own database")
    source, rows = read_checked(path, note_retention_days)
    added = updated = deleted = unchanged = 0
    with store.transaction() as conn:
        ids = list(rows)
        local = _local_versions(conn, ids + list(source.tombstones))
        gone = _local_tombstones(conn, ids)
        for rid, row in rows.items():
            if rid in source.tombstones or rid in gone:
                unchanged += rid in gone  # deleted here: stays deleted
                continue
            if rid not in local:
                _insert(conn, row, source)
                added += 1
            elif (row["updated_at"] or "") > (local[rid] or ""):
                _delete(conn, rid)
                _insert(conn, row, source)
                updated += 1
            else:
                unchanged += 1
        for rid, deleted_at in source.tombstones.items():
            if rid in local:
                _delete(conn, rid)
                deleted += 1
            conn.execute(
                "INSERT OR IGNORE INTO deletions (request_id, deleted_at) VALUES (?, ?)",
                (rid, deleted_at),
            )
    result = MergeResult(path, added, updated, deleted, unchanged)
    store.record_audit(
        actor,
        "merge",
        f"{path.name}: added {added}, updated {updated}, deleted {deleted}, unchanged {unchanged}",
    )
    return result
