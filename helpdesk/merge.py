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

The other file is opened read-only and checked before anything changes: a file that is
not a desk database, or was written by a newer inclusiedesk, is refused. Each file is
merged in one transaction: all of it or nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from helpdesk.store import SCHEMA, SCHEMA_VERSION, Store

# Columns copied per table; a column an older file lacks is left empty here.
REQUEST_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "location",
    "staff",
    "help_type",
    "outcome",
    "referred_to",
    "channel",
    "visitor_type",
    "age_band",
    "first_visit",
    "minutes",
    "minutes_source",
    "note",
    "note_expires_at",
)
CHILD_TABLES = {
    "request_codes": ("request_id", "kind", "code"),
    "request_guides": ("request_id", "guide_id", "step_reached"),
    "followups": ("request_id", "at", "bring"),
}
REQUIRED_TABLES = ("requests", "request_codes", SCHEMA.table)


class MergeError(Exception):
    """Raised by merge_file when the other file cannot be merged; nothing was changed."""


@dataclass(frozen=True)
class MergeResult:
    path: Path
    added: int
    updated: int
    deleted: int
    unchanged: int


@dataclass(frozen=True)
class _Source:
    requests: dict[str, dict]
    children: dict[str, dict[str, list[tuple]]]  # table -> request id -> rows
    tombstones: dict[str, str]  # request id -> deleted_at


def _open_read_only(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise MergeError(f"{path}: no such file")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        conn.execute("PRAGMA query_only = ON")
        return conn
    except sqlite3.Error as exc:
        raise MergeError(f"{path}: cannot open read-only: {exc}") from None


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def _read(conn: sqlite3.Connection, path: Path) -> _Source:
    """Everything to merge from the other file, after checking it is a desk database."""
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError:
        raise MergeError(f"{path}: not a desk database (not an SQLite file)") from None
    missing = [t for t in REQUIRED_TABLES if t not in tables]
    if missing:
        raise MergeError(f"{path}: not a desk database (no table {missing[0]})")
    version = SCHEMA.version(conn)
    if version > SCHEMA_VERSION:
        raise MergeError(
            f"{path} was written by a newer inclusiedesk (schema {version}, this version "
            f"knows {SCHEMA_VERSION}); update inclusiedesk here first"
        )
    have = set(_columns(conn, "requests"))
    if not {"id", "created_at", "updated_at", "location"} <= have:
        raise MergeError(f"{path}: not a desk database (requests table lacks ids or times)")
    cols = [c for c in REQUEST_COLUMNS if c in have]
    requests = {
        row[0]: dict(zip(cols, row, strict=True))
        for row in conn.execute(f"SELECT {', '.join(cols)} FROM requests")
    }
    children: dict[str, dict[str, list[tuple]]] = {}
    for table, tcols in CHILD_TABLES.items():
        by_id: dict[str, list[tuple]] = {}
        if table in tables:
            for row in conn.execute(f"SELECT {', '.join(tcols)} FROM {table} ORDER BY rowid"):
                by_id.setdefault(row[0], []).append(row)
        children[table] = by_id
    tombstones: dict[str, str] = {}
    if "deletions" in tables:
        tombstones = dict(conn.execute("SELECT request_id, deleted_at FROM deletions"))
    return _Source(requests, children, tombstones)


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


def _insert(conn: sqlite3.Connection, row: dict, source: _Source) -> None:
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


def merge_file(store: Store, path: Path, actor: str = "") -> MergeResult:
    """Merge one other desk database into ``store``; MergeError leaves nothing changed."""
    if store.path.exists() and path.exists() and path.resolve() == store.path.resolve():
        raise MergeError(f"{path}: is this desk's own database")
    with closing(_open_read_only(path)) as other:
        try:
            source = _read(other, path)
        except sqlite3.DatabaseError as exc:
            raise MergeError(f"{path}: not a usable desk database: {exc}") from None
    added = updated = deleted = unchanged = 0
    with store.transaction() as conn:
        ids = list(source.requests)
        local = _local_versions(conn, ids + list(source.tombstones))
        gone = _local_tombstones(conn, ids)
        for rid, row in source.requests.items():
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
