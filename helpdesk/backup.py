"""Consistent copies of the desk database, and restoring one safely.

SQLite's online backup API copies a consistent snapshot while desk apps keep writing,
so a backup never needs the desk to close. A restore first proves the file is a healthy
desk database this version can open, and keeps the current database beside it, so a
wrong file never replaces good data.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from helpdesk import clock
from helpdesk.store import SCHEMA, SCHEMA_VERSION, Store, open_store
from inclusiedesk.db import SchemaTooNewError, StoreError, connect, readonly_uri


class BackupError(StoreError):
    """Raised when a backup cannot be written or a file is not fit to restore."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    requests: int
    schema_version: int


def backup(db_path: Path, target: Path) -> BackupInfo:
    """Write a consistent snapshot of ``db_path`` to ``target`` (which must not exist)."""
    if target.exists():
        raise BackupError(f"{target} already exists; choose a new file name")
    if not db_path.exists():
        raise BackupError(f"there is no database at {db_path}")
    partial = target.with_name(target.name + ".partial")
    with open_store(db_path) as store:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            dest = sqlite3.connect(partial)
        except (OSError, sqlite3.Error) as exc:
            raise BackupError(f"cannot write {target}: {exc}") from None
        try:
            store.conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        except sqlite3.Error as exc:
            dest.close()
            partial.unlink(missing_ok=True)
            raise BackupError(f"backup failed: {exc}") from exc
        dest.close()
    partial.replace(target)
    return inspect(target)


def inspect(path: Path) -> BackupInfo:
    """Check that ``path`` is a healthy desk database; raise BackupError saying why not."""
    if not path.is_file():
        raise BackupError(f"{path} is not a file")
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True)
        try:
            status = conn.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if status != "ok":
                # SQLite lists every problem on its own line; the first says enough.
                first = " ".join(str(status).split("\n", 1)[0].split())
                raise BackupError(f"{path} is damaged (integrity check: {first})")
            if not {SCHEMA.table, "requests"} <= tables:
                raise BackupError(f"{path} is not an inclusiedesk database")
            version = SCHEMA.version(conn)
            count = conn.execute("SELECT COUNT(*) FROM requests").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a readable database: {exc}") from exc
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(f"{path} is from a newer inclusiedesk (schema {version})")
    return BackupInfo(path=path, requests=count, schema_version=version)


def restore(source: Path, db_path: Path, actor: str = "") -> tuple[BackupInfo, Path | None]:
    """Replace the database with ``source`` after checking it; returns the safety copy's path."""
    info = inspect(source)
    safety: Path | None = None
    if db_path.exists():
        stamp = clock.utc_now().strftime("%Y%m%dT%H%M%SZ")
        safety = db_path.with_name(f"{db_path.stem}.before-restore-{stamp}{db_path.suffix}")
        backup(db_path, safety)
    src = sqlite3.connect(readonly_uri(source), uri=True)
    dest = connect(db_path)
    try:
        src.backup(dest)  # takes the write lock, so live desks wait rather than interleave
    except sqlite3.Error as exc:
        raise BackupError(f"restore failed, the database is unchanged: {exc}") from exc
    finally:
        src.close()
        dest.close()
    with open_store(db_path) as store:  # upgrades an older backup to this version's schema
        if safety:
            _carry_over_audit(store, safety)
        store.record_audit(actor, "restore", f"{info.requests} request(s) from {source.name}")
    return info, safety


def _carry_over_audit(store: Store, previous: Path) -> None:
    """Keep the audit entries written after the backup was made: the trail is never lost."""
    store.conn.execute("ATTACH DATABASE ? AS previous", (readonly_uri(previous),))
    try:
        with store.transaction() as conn:
            conn.execute(
                "INSERT INTO audit_log (at, staff, action, request_id, detail) "
                "SELECT at, staff, action, request_id, detail FROM previous.audit_log "
                "WHERE at > (SELECT COALESCE(MAX(at), '') FROM main.audit_log) ORDER BY seq"
            )
    finally:
        store.conn.execute("DETACH DATABASE previous")
