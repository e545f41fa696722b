"""Consistent copies of the desk database, and restoring one safely.

SQLite's online backup API copies a consistent snapshot while desk apps keep writing,
so a backup never needs the desk to close.

A restore trusts nothing in the file. It copies the backup to a private staging file
and checks that copy (so what is checked is what is restored): a healthy SQLite file;
exactly the schema this version creates at the backup's schema version (every table,
column, index, trigger and view compared with a freshly made database; nothing extra,
nothing missing, so a crafted trigger is refused); every row valid as a merge checks
it (``row_check``). The staging copy is then upgraded, retention is applied to its
notes, and its contents replace the live database's in ONE write transaction that is
checked again before it commits. Either the new contents are in place and checked, or
the transaction rolls back and the live database is exactly as it was; the message
says which. A copy of the previous database is kept beside it either way.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from helpdesk import clock, row_check
from helpdesk.i18n import t
from helpdesk.store import (
    DEFAULT_NOTE_RETENTION_DAYS,
    SCHEMA,
    SCHEMA_VERSION,
    open_store,
    readable_detail,
)
from inclusiedesk.db import SchemaTooNewError, StoreError, connect, readonly_uri


class BackupError(StoreError):
    """Raised when a backup cannot be written or a file is not fit to restore."""


class BackupRefused(BackupError):
    """A refusal of the restore checks, shown by the CLI in the desk's language
    (``localized``); ``str`` is English. Names tables, rows and fields, never values."""

    def __init__(self, key: str, **fields: object) -> None:
        super().__init__(t(key, "en", **fields))
        self.key, self.fields = key, fields

    def localized(self, lang: str) -> str:
        return t(self.key, lang, **self.fields)


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
        conn = _read_only(path)
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


def _read_only(path: Path) -> sqlite3.Connection:
    """Open ``path`` read-only, whatever its name holds (``#``, ``?``, ``%``, odd bytes)."""
    return sqlite3.connect(readonly_uri(path), uri=True)


# ---------------------------------------------------------------- the exact schema

_NAME = re.compile(r"^[A-Za-z0-9_]{1,64}$")


def _schema_of(conn: sqlite3.Connection, schema: str = "main") -> dict[tuple[str, str], str]:
    """(type, name) -> its SQL with whitespace folded, for every object that is not SQLite's own."""
    rows = conn.execute(
        f"SELECT type, name, tbl_name, sql FROM {schema}.sqlite_master "
        "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    )
    return {
        (kind, name): f"{table}: {' '.join((sql or '').split())}" for kind, name, table, sql in rows
    }


@cache
def _reference_schema(version: int) -> dict[tuple[str, str], str]:
    """The schema this code creates at ``version``, from a fresh database made for it."""
    with tempfile.TemporaryDirectory(prefix="inclusiedesk-schema-") as folder:
        store = open_store(Path(folder) / "reference.db", migrate=False)
        try:
            store.migrate(target=version)
            return _schema_of(store.conn)
        finally:
            store.close()


def schema_differences(conn: sqlite3.Connection, version: int, schema: str = "main") -> list[str]:
    """What differs from this version's schema at ``version``: extra, missing or changed
    objects, and a migration record that is not exactly 1..version. Empty when equal."""
    expected, found = _reference_schema(version), _schema_of(conn, schema)

    def named(key: tuple[str, str]) -> str:
        kind, name = key
        return f"{kind} {name}" if _NAME.match(name) else f"{kind} with an unusual name"

    problems = [f"extra {named(k)}" for k in sorted(found.keys() - expected.keys())]
    problems += [f"missing {named(k)}" for k in sorted(expected.keys() - found.keys())]
    problems += [
        f"{named(k)} differs"
        for k in sorted(found.keys() & expected.keys())
        if found[k] != expected[k]
    ]
    if not problems:
        applied = {v for (v,) in conn.execute(f"SELECT version FROM {schema}.{SCHEMA.table}")}
        if applied != set(range(1, version + 1)):
            problems.append(f"{SCHEMA.table} does not list versions 1 to {version}")
    return problems


def check_backup(path: Path, retention_days: int = DEFAULT_NOTE_RETENTION_DAYS) -> BackupInfo:
    """Everything a restore checks before it changes anything; raise BackupError saying why not.

    Healthy file (``inspect``), exactly our schema at its version, every row valid as a
    merge checks it. Messages name tables, rows and fields, never a stored value.
    """
    info = inspect(path)
    try:
        with closing(_read_only(path)) as conn:
            conn.isolation_level = None
            differences = schema_differences(conn, info.schema_version)
            if differences:
                raise BackupRefused(
                    "data_checks.schema_refused",
                    name=str(path),
                    version=info.schema_version,
                    differences="; ".join(differences[:10]),
                )
            snapshot = row_check.read_snapshot(conn, str(path), SCHEMA_VERSION)
    except row_check.SnapshotError as exc:
        raise BackupError(str(exc)) from None
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a readable database: {exc}") from exc
    _, problems = row_check.check_snapshot(snapshot, retention_days)
    if problems:
        raise BackupRefused(
            "data_checks.restore_rows_refused",
            name=str(path),
            n=len(problems),
            rows=row_check.report(problems),
        )
    return info


# ---------------------------------------------------------------- restore


def restore(
    source: Path,
    db_path: Path,
    actor: str = "",
    note_retention_days: int = DEFAULT_NOTE_RETENTION_DAYS,
) -> tuple[BackupInfo, Path | None]:
    """Replace the database's contents with ``source`` after checking it, all or nothing.

    Returns what was restored and the path of the copy of the previous database. A
    BackupError before the copy of the previous database means nothing was touched; one
    after it says "the database is unchanged": the replacing transaction rolled back.
    """
    check_backup(source, note_retention_days)  # refuse early, before any copy is made
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        workdir = Path(tempfile.mkdtemp(prefix=".restore-", dir=db_path.parent))
    except OSError as exc:
        raise BackupError(
            f"cannot write in {db_path.parent}: {exc.strerror}; nothing restored"
        ) from None
    try:
        staging = workdir / "staging.db"
        _copy(source, staging)
        checked = check_backup(staging, note_retention_days)  # restore what was checked
        info = replace(checked, path=source)
        with open_store(staging) as store:  # upgrades an older backup to this version's schema
            _apply_retention(store.conn, note_retention_days)
            differences = schema_differences(store.conn, SCHEMA_VERSION)
        if differences:
            raise BackupError(
                f"{source} did not upgrade cleanly: {'; '.join(differences)}; nothing restored"
            )
        _close_wal(staging)
        safety: Path | None = None
        if db_path.exists():
            stamp = clock.utc_now().strftime("%Y%m%dT%H%M%SZ")
            safety = db_path.with_name(f"{db_path.stem}.before-restore-{stamp}{db_path.suffix}")
            for n in range(2, 100):  # two restores in one second keep both copies
                if not safety.exists():
                    break
                safety = db_path.with_name(
                    f"{db_path.stem}.before-restore-{stamp}-{n}{db_path.suffix}"
                )
            backup(db_path, safety)
        try:
            _replace_contents(
                db_path, staging, actor, f"{info.requests} request(s) from {source.name}"
            )
        except (sqlite3.Error, StoreError) as exc:
            raise _Unchanged(exc, safety) from exc
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return info, safety


class _Unchanged(BackupRefused):
    """The replacing transaction failed and rolled back: the live database is as it was."""

    def __init__(self, cause: Exception, safety: Path | None) -> None:
        super().__init__("data_checks.restore_failed", reason=" ".join(str(cause).split()), kept="")
        self.safety = safety

    def localized(self, lang: str) -> str:
        kept = t("data_checks.kept", lang, path=self.safety) if self.safety else ""
        return t(self.key, lang, **{**self.fields, "kept": kept})

    def __str__(self) -> str:
        return self.localized("en")


def _copy(source: Path, target: Path) -> None:
    """A consistent copy of ``source`` (read-only) as one self-contained file."""
    try:
        with closing(_read_only(source)) as src, closing(sqlite3.connect(target)) as dest:
            src.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.Error as exc:
        raise BackupError(f"cannot read {source}: {exc}") from exc


def _close_wal(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")


def _apply_retention(conn: sqlite3.Connection, retention_days: int) -> None:
    """Notes in the staging copy as a merge would take them: expired ones cleared, no
    note without an expiry, none kept longer than the retention from now."""
    rows = conn.execute(
        "SELECT id, created_at, note, note_expires_at FROM requests WHERE note IS NOT NULL"
    ).fetchall()
    changes = []
    for rid, created_at, note, expires in rows:
        kept = row_check.with_retention(
            {"created_at": created_at, "note": note, "note_expires_at": expires}, retention_days
        )
        if (kept["note"], kept["note_expires_at"]) != (note, expires):
            changes.append((kept["note"], kept["note_expires_at"], rid))
    if changes:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("UPDATE requests SET note = ?, note_expires_at = ? WHERE id = ?", changes)
        conn.execute("COMMIT")


def _replace_contents(db_path: Path, staging: Path, actor: str, detail: str) -> None:
    """In one write transaction on the live file: drop its objects, recreate them from
    ``staging``, copy the rows, keep the audit entries written since the backup, add the
    restore's own, check, commit. Any error rolls it all back.

    Through the live connection (not a file rename), so desks that have the file open
    see the restored contents at their next read instead of a stale deleted file.
    """
    conn = connect(db_path)
    try:
        conn.execute("ATTACH DATABASE ? AS incoming", (str(staging),))
        # tables are dropped and filled in any order; _check_restored runs the foreign
        # key check over the result before COMMIT
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("BEGIN IMMEDIATE")
        try:
            carried = _later_audit(conn)
            for kind in ("view", "trigger", "table"):
                for (name,) in conn.execute(
                    "SELECT name FROM main.sqlite_master WHERE type = ? "
                    "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
                    (kind,),
                ).fetchall():
                    conn.execute(f'DROP {kind.upper()} IF EXISTS main."{name}"')
            objects = conn.execute(
                "SELECT type, name, sql FROM incoming.sqlite_master WHERE sql IS NOT NULL "
                "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid"
            ).fetchall()
            order = {"table": 0, "index": 1, "trigger": 2, "view": 3}
            for kind, name, sql in sorted(objects, key=lambda o: order[o[0]]):
                conn.execute(sql)  # unqualified: created in main
                if kind == "table":
                    conn.execute(f'INSERT INTO main."{name}" SELECT * FROM incoming."{name}"')
            conn.executemany(
                "INSERT INTO audit_log (at, staff, action, request_id, detail) VALUES (?, ?, ?, ?, ?)",
                [*carried, (clock.now_stored(), actor, "restore", None, readable_detail(detail))],
            )
            _check_restored(conn)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    finally:
        conn.close()


def _later_audit(conn: sqlite3.Connection) -> list[tuple]:
    """The live trail's entries written after the backup's last one: the trail is never lost."""
    has_log = conn.execute(
        "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = 'audit_log'"
    ).fetchone()
    if not has_log:
        return []
    return conn.execute(
        "SELECT at, staff, action, request_id, detail FROM main.audit_log "
        "WHERE at > (SELECT COALESCE(MAX(at), '') FROM incoming.audit_log) ORDER BY seq"
    ).fetchall()


def _check_restored(conn: sqlite3.Connection) -> None:
    """The last step before COMMIT: the live schema is exactly ours, every table holds
    what the checked copy holds, foreign keys and pages are sound."""
    differences = schema_differences(conn, SCHEMA_VERSION)
    if differences:
        raise BackupError("; ".join(differences))
    for (name,) in conn.execute(
        "SELECT name FROM incoming.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    ).fetchall():
        if name == "audit_log":
            continue
        mine = conn.execute(f'SELECT COUNT(*) FROM main."{name}"').fetchone()[0]
        theirs = conn.execute(f'SELECT COUNT(*) FROM incoming."{name}"').fetchone()[0]
        if mine != theirs:
            raise BackupError(f"table {name} holds {mine} rows after the copy, not {theirs}")
    if conn.execute("PRAGMA main.foreign_key_check").fetchone() is not None:
        raise BackupError("a row refers to a request that is not there")
    status = conn.execute("PRAGMA main.quick_check").fetchone()[0]
    if status != "ok":
        raise BackupError("the copy is damaged")
