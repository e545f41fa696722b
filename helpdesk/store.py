"""The desk database: schema, migrations and every query, in one place.

SQLite in WAL mode with a busy timeout lets two desk apps and the CLI write to one file
at once; every write runs in a ``BEGIN IMMEDIATE`` transaction so a writer waits for
the lock instead of failing half-way. Requests carry a ULID and an updated-at time
because databases of several locations are merged later.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from pathlib import Path

import sqlite_utils
from ulid import ULID

from helpdesk import clock
from helpdesk.records import DeskRequest, FollowUp, GuideUse
from inclusiedesk.db import Migration, Migrations, StoreError, connect
from inclusiedesk.db import SchemaTooNewError as SchemaTooNewError  # raised by open_store

MULTI_KINDS = ("organisation", "subject", "barrier")  # kinds stored in request_codes
_MULTI_FIELDS = {"organisation": "organisations", "subject": "subjects", "barrier": "barriers"}


class NotFoundError(StoreError):
    """Raised when a request id does not exist."""


class ConflictError(StoreError):
    """An edit was based on a version of the request that another desk changed since.

    ``current`` is the request as stored now, so the desk can offer to load it.
    """

    def __init__(self, message: str, current: DeskRequest) -> None:
        super().__init__(message)
        self.current = current


class BusyError(StoreError):
    """Another connection held the write lock for longer than this one would wait."""


# ---------------------------------------------------------------- migrations


def _migration_1(db: sqlite_utils.Database) -> None:
    """The first schema: requests with their coded fields, multi-valued codes, guides, follow-ups."""
    db["requests"].create(
        {
            "id": str,
            "created_at": str,
            "updated_at": str,
            "location": str,
            "staff": str,
            "help_type": str,
            "outcome": str,
            "referred_to": str,
            "channel": str,
            "visitor_type": str,
            "age_band": str,
            "first_visit": int,
            "minutes": int,
            "note": str,
        },
        pk="id",
        not_null={"created_at", "updated_at", "location", "staff", "help_type", "outcome"},
    )
    db["request_codes"].create(
        {"request_id": str, "kind": str, "code": str},
        pk=("request_id", "kind", "code"),
        foreign_keys=[("request_id", "requests", "id")],
    )
    db["request_guides"].create(
        {"request_id": str, "guide_id": str, "step_reached": int},
        pk=("request_id", "guide_id"),
        foreign_keys=[("request_id", "requests", "id")],
    )
    db["followups"].create(
        {"request_id": str, "at": str, "bring": str},
        pk="request_id",
        foreign_keys=[("request_id", "requests", "id")],
    )
    db["requests"].create_index(["created_at"])
    db["requests"].create_index(["location", "created_at"])
    db["request_codes"].create_index(["kind", "code"])
    db["followups"].create_index(["at"])


def _migration_2(db: sqlite_utils.Database) -> None:
    """Notes expire before the coded fields do; deletions leave a tombstone for merging."""
    db["requests"].add_column("note_expires_at", str)
    db.execute(
        "CREATE INDEX idx_requests_note_expires ON requests(note_expires_at) "
        "WHERE note_expires_at IS NOT NULL"
    )
    db["deletions"].create({"request_id": str, "deleted_at": str}, pk="request_id")


def _migration_3(db: sqlite_utils.Database) -> None:
    """An audit trail of who changed what, kept apart from the data so purges never erase it."""
    db["audit_log"].create(
        {"seq": int, "at": str, "staff": str, "action": str, "request_id": str, "detail": str},
        pk="seq",
        not_null={"at", "action"},
    )
    db["audit_log"].create_index(["at"])


# ---------------------------------------------------------------- statistics summary
#
# Migration 4 adds summaries that ``helpdesk/stats/counting.py`` keeps: counts per UTC day
# (``stats_daily``) and per UTC month (``stats_monthly``, day = 'YYYY-MM'), location and
# coded value, so the statistics of a year of a million requests read some thousands of
# small rows instead of every request. Writes stay cheap: triggers only note which UTC
# days changed (``stats_dirty``), whatever wrote them (store, merge, purge, demo data,
# plain SQL); the statistics engine recounts those days before it reads.

_STATS_DIRTY_DAY = (
    "INSERT OR IGNORE INTO stats_dirty (day) VALUES (substr({r}.created_at, 1, 10));\n"
)
_STATS_DIRTY_CODE = (
    "INSERT OR IGNORE INTO stats_dirty (day) "
    "SELECT substr(created_at, 1, 10) FROM requests WHERE id = {c}.request_id;\n"
)
# the triggers a bulk insert pauses (``Store.stats_triggers_paused``); the others stay
_STATS_INSERT_TRIGGERS = ("stats_request_insert", "stats_code_insert")


def _migration_4(db: sqlite_utils.Database) -> None:
    """Statistics summaries and the change log of days that keeps them exact."""
    for table in ("stats_daily", "stats_monthly"):
        db.execute(
            f"CREATE TABLE {table} (day TEXT NOT NULL, location TEXT NOT NULL, "
            "dim TEXT NOT NULL, code TEXT NOT NULL, n INTEGER NOT NULL, "
            "PRIMARY KEY (dim, day, location, code)) WITHOUT ROWID"
        )
    db.execute("CREATE TABLE stats_dirty (day TEXT PRIMARY KEY) WITHOUT ROWID")
    triggers = {
        "stats_request_insert": ("AFTER INSERT ON requests", _STATS_DIRTY_DAY.format(r="NEW")),
        "stats_request_delete": ("AFTER DELETE ON requests", _STATS_DIRTY_DAY.format(r="OLD")),
        "stats_request_update": (
            "AFTER UPDATE OF created_at, location, staff, help_type, outcome, referred_to, "
            "channel, visitor_type, age_band, first_visit, minutes ON requests",
            _STATS_DIRTY_DAY.format(r="OLD") + _STATS_DIRTY_DAY.format(r="NEW"),
        ),
        "stats_code_insert": ("AFTER INSERT ON request_codes", _STATS_DIRTY_CODE.format(c="NEW")),
        "stats_code_delete": ("AFTER DELETE ON request_codes", _STATS_DIRTY_CODE.format(c="OLD")),
        "stats_code_update": (
            "AFTER UPDATE ON request_codes",
            _STATS_DIRTY_CODE.format(c="OLD") + _STATS_DIRTY_CODE.format(c="NEW"),
        ),
    }
    for name, (when, body) in triggers.items():
        db.execute(f"CREATE TRIGGER {name} {when} FOR EACH ROW BEGIN\n{body}END")
    # what is already stored gets counted by the first statistics run
    db.execute(
        "INSERT OR IGNORE INTO stats_dirty (day) SELECT DISTINCT substr(created_at, 1, 10) "
        "FROM requests"
    )


def _migration_5(db: sqlite_utils.Database) -> None:
    """Whether a request's minutes were measured by the desk's timer or typed by staff.

    Rows saved before stay NULL: nobody knows any more where their minutes came from.
    """
    db["requests"].add_column("minutes_source", str)


#: The settings' default note retention; notes that reached this database without an
#: expiry (saved before migration 2, or merged from such a file) expire this long after
#: they were created.
DEFAULT_NOTE_RETENTION_DAYS = 30


def note_expiry_from_created(created_at: str, retention_days: int) -> str:
    """When a note written at ``created_at`` (stored format) expires.

    A creation time that cannot be read gives an expiry of now: such a note is not kept.
    """
    try:
        start = clock.from_stored(created_at)
    except (TypeError, ValueError):
        start = clock.utc_now() - timedelta(days=retention_days)
    return clock.to_stored(start + timedelta(days=retention_days))


def _migration_6(db: sqlite_utils.Database) -> None:
    """Notes that never got an expiry expire after the default retention from creation.

    Before this, notes saved without an expiry (older databases, merged files) were kept
    for ever; a note past that date is cleared on the next read and the next purge.
    """
    rows = db.execute(
        "SELECT id, created_at FROM requests WHERE note IS NOT NULL AND note_expires_at IS NULL"
    ).fetchall()
    db.conn.executemany(
        "UPDATE requests SET note_expires_at = ? WHERE id = ?",
        [
            (note_expiry_from_created(created, DEFAULT_NOTE_RETENTION_DAYS), rid)
            for rid, created in rows
        ],
    )


# 32 random bits from SQLite's own generator (seeded by the operating system)
_RANDOM_KEY = "(random() & 4294967295)"


def _migration_7(db: sqlite_utils.Database) -> None:
    """A secret random record key per request, summed per cell in the summaries.

    The statistics publish every count with the cell-key method
    (``helpdesk/stats/cell_key.py``): the noise of a count comes from the sum of its
    requests' keys. A trigger gives every new row a key whatever wrote it (store, merge,
    plain SQL); bulk loads may bring their own. Keys are never read out or exported.
    """
    db.execute("ALTER TABLE requests ADD COLUMN stats_key INTEGER")
    db.execute(f"UPDATE requests SET stats_key = {_RANDOM_KEY}")
    db.execute(
        "CREATE TRIGGER stats_key_fill AFTER INSERT ON requests FOR EACH ROW "
        f"WHEN NEW.stats_key IS NULL BEGIN\nUPDATE requests SET stats_key = {_RANDOM_KEY} "
        "WHERE rowid = NEW.rowid;\nEND"
    )
    for table in ("stats_daily", "stats_monthly"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN k INTEGER NOT NULL DEFAULT 0")
    db.execute(
        "INSERT OR IGNORE INTO stats_dirty (day) SELECT DISTINCT substr(created_at, 1, 10) "
        "FROM requests"
    )


MIGRATIONS: tuple[Migration, ...] = (
    _migration_1,
    _migration_2,
    _migration_3,
    _migration_4,
    _migration_5,
    _migration_6,
    _migration_7,
)
#: The desk has recorded its versions in ``schema_migrations`` since the first release.
SCHEMA = Migrations("schema_migrations", MIGRATIONS, stamp=clock.now_stored)
AUDIT_ACTIONS = ("create", "edit", "delete", "purge", "expire-notes", "merge", "restore")
SCHEMA_VERSION = SCHEMA.latest


# ---------------------------------------------------------------- rows


@dataclass(frozen=True)
class AuditEntry:
    """One change: who (staff code), what and when; never the contents of a note."""

    seq: int
    at: str
    staff: str
    action: str
    request_id: str | None
    detail: str


def _request_row(req: DeskRequest) -> dict:
    return {
        "id": req.id,
        "created_at": req.created_at,
        "updated_at": req.updated_at,
        "location": req.location,
        "staff": req.staff,
        "help_type": req.help_type,
        "outcome": req.outcome,
        "referred_to": req.referred_to,
        "channel": req.channel,
        "visitor_type": req.visitor_type,
        "age_band": req.age_band,
        "first_visit": None if req.first_visit is None else int(req.first_visit),
        "minutes": req.minutes,
        "minutes_source": req.minutes_source,
        "note": req.note or None,
        "note_expires_at": req.note_expires_at if req.note else None,
    }


_REQUEST_COLUMNS = tuple(_request_row(DeskRequest((), (), "", "", "", "")).keys())


class Store:
    """An open desk database. Use ``open_store``; close it (or use ``with``) when done."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path
        self.db = sqlite_utils.Database(conn)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the write lock up front (waits, never half-fails)."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise BusyError(f"database is busy: {exc}") from exc
            raise StoreError(f"database is busy or read-only: {exc}") from exc
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise StoreError(f"the database refused the change, nothing was saved: {exc}") from exc
        except BaseException:
            self._rollback()
            raise

    @contextmanager
    def lock_wait(self, seconds: float) -> Iterator[None]:
        """Writes in this block wait at most ``seconds`` for another writer's lock.

        Then ``transaction`` raises ``BusyError`` instead of waiting the connection's full
        busy timeout, so the desk can say "busy" and try again without freezing.
        """
        before = self.conn.execute("PRAGMA busy_timeout").fetchone()[0]
        self.conn.execute(f"PRAGMA busy_timeout = {max(0, int(seconds * 1000))}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {int(before)}")

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    @contextmanager
    def stats_triggers_paused(self) -> Iterator[sqlite3.Connection]:
        """Insert many new rows inside ``transaction()`` without the per-row trigger cost.

        Every added request and code fires a trigger that marks its UTC day in
        ``stats_dirty`` (a lookup and an insert per row): for a million demo rows that
        costs more than the rows themselves. Here the two INSERT triggers are dropped,
        and on leaving the block the days of the added rows are marked in two set-wise
        statements and the triggers are recreated from their own stored SQL, so
        ``stats_dirty`` and the schema end exactly as the triggers would have left them.

        Safe when interrupted: DDL is transactional in SQLite, so an error, a Ctrl-C or
        a killed process before COMMIT rolls back the rows and the DROP together; no
        committed state ever lacks a trigger. Updates and deletes in the block still
        fire their own triggers; only inserts are counted this way.
        """
        conn = self.conn
        if not conn.in_transaction:
            raise StoreError("stats_triggers_paused needs an open write transaction")
        marks = ",".join("?" * len(_STATS_INSERT_TRIGGERS))
        saved = conn.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})",
            _STATS_INSERT_TRIGGERS,
        ).fetchall()
        # rows added from here get larger rowids (SQLite takes max(rowid) + 1)
        last_request = conn.execute("SELECT coalesce(max(rowid), 0) FROM requests").fetchone()[0]
        last_code = conn.execute("SELECT coalesce(max(rowid), 0) FROM request_codes").fetchone()[0]
        for name, _ in saved:
            conn.execute(f"DROP TRIGGER {name}")
        yield conn
        conn.execute(
            "INSERT OR IGNORE INTO stats_dirty (day) SELECT DISTINCT substr(created_at, 1, 10) "
            "FROM requests WHERE rowid > ?",
            (last_request,),
        )
        # codes added to requests that were there before the block
        conn.execute(
            "INSERT OR IGNORE INTO stats_dirty (day) SELECT DISTINCT substr(created_at, 1, 10) "
            "FROM requests WHERE rowid <= ? AND id IN "
            "(SELECT request_id FROM request_codes WHERE rowid > ?)",
            (last_request, last_code),
        )
        for _, sql in saved:
            conn.execute(sql)

    # ------------------------------------------------------------ schema

    def schema_version(self) -> int:
        return SCHEMA.version(self.conn)

    def migrate(self, target: int = SCHEMA_VERSION) -> None:
        """Bring the schema up to ``target``; see :meth:`inclusiedesk.db.Migrations.apply`."""
        SCHEMA.apply(self.db, target, name=self.path)

    # ------------------------------------------------------------ writes

    def add_request(self, req: DeskRequest, note_retention_days: int | None = None) -> DeskRequest:
        """Save a new, validated request; returns it with id and timestamps set.

        A note expires ``note_retention_days`` from now (default: the settings' default).
        """
        now = clock.utc_now()
        if note_retention_days is None:
            note_retention_days = DEFAULT_NOTE_RETENTION_DAYS
        stamped = req.with_changes(
            id=req.id or str(ULID.from_datetime(now)),
            created_at=req.created_at or clock.to_stored(now),
            updated_at=clock.to_stored(now),
            note_expires_at=_note_expiry(now, note_retention_days),
        )
        with self.transaction() as conn:
            _insert(conn, stamped)
            _audit(conn, stamped.staff, "create", stamped.id)
        return stamped

    def update_request(
        self,
        req: DeskRequest,
        actor: str | None = None,
        expected_updated_at: str | None = None,
        note_retention_days: int | None = None,
    ) -> DeskRequest:
        """Replace a request's fields; created_at stays as first saved.

        A note keeps its expiry while it is unchanged; a note added or changed by the edit
        (or one that never had an expiry) expires ``note_retention_days`` from now
        (default: the settings' default), so an edit never makes a note live for ever.

        ``expected_updated_at``: the version the edit started from. When the stored
        request was changed since (another desk saved it), nothing is written and
        ``ConflictError`` says so, so a later save never silently overwrites an earlier one.
        """
        if not req.id:
            raise NotFoundError("cannot update a request without an id")
        with self.transaction() as conn:
            old = self._get(req.id)
            if expected_updated_at is not None and old.updated_at != expected_updated_at:
                raise ConflictError(f"request {req.id!r} was changed since it was read", old)
            now = clock.utc_now()
            expiry = old.note_expires_at
            if req.note != old.note or expiry is None:
                days = DEFAULT_NOTE_RETENTION_DAYS
                expiry = _note_expiry(
                    now, days if note_retention_days is None else note_retention_days
                )
            stamped = req.with_changes(
                created_at=old.created_at,
                updated_at=clock.to_stored(now),
                note_expires_at=expiry if req.note else None,
            )
            _delete_rows(conn, req.id)
            _insert(conn, stamped)
            changed = _changed_fields(old, stamped)
            _audit(conn, actor or stamped.staff, "edit", req.id, ", ".join(changed))
        return stamped

    def delete_request(self, request_id: str, actor: str = "") -> None:
        with self.transaction() as conn:
            old = self._get(request_id)
            _delete_rows(conn, request_id)
            conn.execute(
                "INSERT OR REPLACE INTO deletions (request_id, deleted_at) VALUES (?, ?)",
                (request_id, clock.now_stored()),
            )
            _audit(conn, actor or old.staff, "delete", request_id)

    def restore_request(self, req: DeskRequest, actor: str = "") -> DeskRequest:
        """Put a just-deleted request back as it was (undo at the desk).

        Same id, creation time, fields, guides and follow-up; the tombstone goes, and the
        update time is now, so a merge elsewhere treats the request as newer than its
        deletion. Raises StoreError when a request with this id exists.
        """
        if not req.id:
            raise NotFoundError("cannot restore a request without an id")
        stamped = req.with_changes(updated_at=clock.now_stored())
        with self.transaction() as conn:
            _insert(conn, stamped)
            conn.execute("DELETE FROM deletions WHERE request_id = ?", (req.id,))
            _audit(conn, actor or req.staff, "restore", req.id)
        return stamped

    def data_version(self) -> int:
        """SQLite's ``PRAGMA data_version``: changes when another connection commits.

        Costs no table read, so the desk asks it every second to notice other desks.
        """
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def purge(self, older_than_days: int, now: datetime | None = None, actor: str = "") -> int:
        """Delete requests created more than ``older_than_days`` ago; returns how many.

        Each purged request leaves a deletion marker, as a deletion at the desk does, so a
        merge of another location's copy never brings it back (and the marker travels on).
        """
        moment = now or clock.utc_now()
        cutoff = clock.to_stored(moment - timedelta(days=older_than_days))
        with self.transaction() as conn:
            sub = "SELECT id FROM requests WHERE created_at < ?"
            conn.execute(
                f"INSERT OR REPLACE INTO deletions (request_id, deleted_at) SELECT id, ? FROM ({sub})",
                (clock.to_stored(moment), cutoff),
            )
            for table in ("request_codes", "request_guides", "followups"):
                conn.execute(f"DELETE FROM {table} WHERE request_id IN ({sub})", (cutoff,))
            count = conn.execute("DELETE FROM requests WHERE created_at < ?", (cutoff,)).rowcount
            detail = f"{count} request(s) created before {cutoff[:10]} ({older_than_days} days)"
            _audit(conn, actor, "purge", None, detail)
            return count

    def count_older_than(self, older_than_days: int, now: datetime | None = None) -> int:
        cutoff = clock.to_stored((now or clock.utc_now()) - timedelta(days=older_than_days))
        sql = "SELECT COUNT(*) FROM requests WHERE created_at < ?"
        return self.conn.execute(sql, (cutoff,)).fetchone()[0]

    def expire_notes(self, now: datetime | None = None) -> int:
        """Clear notes whose retention has run out; the coded fields stay for statistics."""
        stamp = clock.to_stored(now or clock.utc_now())
        with self.transaction() as conn:
            count = conn.execute(
                "UPDATE requests SET note = NULL, note_expires_at = NULL "
                "WHERE note_expires_at IS NOT NULL AND note_expires_at <= ?",
                (stamp,),
            ).rowcount
            if count:
                _audit(conn, "", "expire-notes", None, f"{count} note(s) cleared")
            return count

    def record_audit(self, staff: str, action: str, detail: str = "") -> None:
        """Log an action that changes the database as a whole (merge, restore)."""
        with self.transaction() as conn:
            _audit(conn, staff, action, None, detail)

    def audit_trail(self, since: str | None = None, until: str | None = None) -> list[AuditEntry]:
        """The audit log, oldest first, for a manager's review."""
        clause, params = _where("at", since, until)
        sql = f"SELECT seq, at, staff, action, request_id, detail FROM audit_log {clause} ORDER BY seq"
        return [AuditEntry(*row) for row in self.conn.execute(sql, params)]

    # ------------------------------------------------------------ reads

    def get_request(self, request_id: str) -> DeskRequest:
        return self._get(request_id)

    def _get(self, request_id: str) -> DeskRequest:
        found = self._load("WHERE r.id = ?", (request_id,))
        if not found:
            raise NotFoundError(f"no request with id {request_id!r}")
        return found[0]

    def list_requests(
        self,
        since: str | None = None,
        until: str | None = None,
        location: str | None = None,
        limit: int | None = None,
    ) -> list[DeskRequest]:
        """Requests with since <= created_at < until (stored-format bounds), newest first."""
        clause, params = _where("r.created_at", since, until, {"r.location": location})
        clause += " ORDER BY r.created_at DESC, r.id DESC"
        if limit:
            clause += f" LIMIT {int(limit)}"
        return self._load(clause, tuple(params))

    def upcoming_followups(self, after: datetime, location: str | None = None) -> list[DeskRequest]:
        """Requests with a follow-up at or after ``after`` (naive local), soonest first."""
        params: list[object] = [after.strftime("%Y-%m-%dT%H:%M")]
        clause = "WHERE r.id IN (SELECT request_id FROM followups WHERE at >= ?)"
        if location:
            clause += " AND r.location = ?"
            params.append(location)
        found = [r for r in self._load(clause, tuple(params)) if r.followup]  # not invalid ones
        return sorted(found, key=lambda r: r.followup.at if r.followup else after)

    def count_requests(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM requests").fetchone()[0]

    def _load(self, clause: str, params: tuple) -> list[DeskRequest]:
        """Requests as stored, except that a note past its expiry reads as no note.

        Retention holds on every read (desk list, ``list --json``, export, slips),
        whether or not ``purge``/``expire_notes`` has cleared it yet; merge and restore
        apply the same rule to the rows they take in (``row_check.with_retention``).
        """
        now = clock.now_stored()
        cols = ", ".join(f"r.{c}" for c in _REQUEST_COLUMNS)
        rows = self.conn.execute(f"SELECT {cols} FROM requests r {clause}", params).fetchall()
        if not rows:
            return []
        ids = [row[0] for row in rows]
        codes: dict[str, dict[str, list[str]]] = {i: {k: [] for k in MULTI_KINDS} for i in ids}
        guides: dict[str, list[GuideUse]] = {i: [] for i in ids}
        followups: dict[str, FollowUp] = {}
        extra: dict[str, dict[str, str]] = {}
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            for rid, kind, code in self.conn.execute(
                f"SELECT request_id, kind, code FROM request_codes WHERE request_id IN ({marks}) "
                "ORDER BY rowid",
                chunk,
            ):
                codes[rid][kind].append(code)
            for rid, gid, step in self.conn.execute(
                f"SELECT request_id, guide_id, step_reached FROM request_guides "
                f"WHERE request_id IN ({marks}) ORDER BY rowid",
                chunk,
            ):
                guides[rid].append(GuideUse(gid, step))
            for rid, at, bring in self.conn.execute(
                f"SELECT request_id, at, bring FROM followups WHERE request_id IN ({marks})", chunk
            ):
                followup = _stored_followup(at, bring)
                if followup is None:  # a bad stored date: the request loads, marked
                    extra.setdefault(rid, {})["followup"] = "invalid"
                else:
                    followups[rid] = followup
        result = []
        for row in rows:
            data = dict(zip(_REQUEST_COLUMNS, row, strict=True))
            if data["note_expires_at"] is not None and data["note_expires_at"] <= now:
                data["note"], data["note_expires_at"] = None, None
            rid = data["id"]
            result.append(
                DeskRequest(
                    organisations=tuple(codes[rid]["organisation"]),
                    subjects=tuple(codes[rid]["subject"]),
                    barriers=tuple(codes[rid]["barrier"]),
                    guides=tuple(guides[rid]),
                    followup=followups.get(rid),
                    first_visit=None if data["first_visit"] is None else bool(data["first_visit"]),
                    note=data["note"] or "",
                    extra=extra.get(rid, {}),
                    **{k: data[k] for k in _REQUEST_COLUMNS if k not in ("first_visit", "note")},
                )
            )
        return result

    # ------------------------------------------------------------ desk list sync

    def request_versions(
        self, since: str | None = None, until: str | None = None, location: str | None = None
    ) -> dict[str, str]:
        """Id -> updated_at of the requests ``list_requests`` would return, loading none.

        The desk list asks this after each save and loads only the requests that are new
        or changed since it last looked, instead of the whole day's list.
        """
        clause, params = _where("created_at", since, until, {"location": location})
        sql = f"SELECT id, updated_at FROM requests {clause}"
        return {rid: updated or "" for rid, updated in self.conn.execute(sql, params)}

    def get_requests(self, request_ids: list[str]) -> list[DeskRequest]:
        """The requests with these ids that exist, newest first."""
        found: list[DeskRequest] = []
        for chunk in _chunks(request_ids, 500):
            marks = ",".join("?" * len(chunk))
            found += self._load(f"WHERE r.id IN ({marks})", tuple(chunk))
        return sorted(found, key=lambda r: (r.created_at or "", r.id or ""), reverse=True)


def _stored_followup(at: str, bring: str | None) -> FollowUp | None:
    """A stored follow-up, or None when its date is unreadable or out of range.

    Saves refuse such dates; one that got in anyway (an old version, a crafted merge)
    must not crash every list, export and the desk app, which would read it all day.
    """
    try:
        when = datetime.strptime(at or "", "%Y-%m-%dT%H:%M")
        things = json.loads(bring or "[]")
    except (ValueError, TypeError):
        return None
    if not clock.in_range(when) or not isinstance(things, list):
        return None
    return FollowUp(when, tuple(str(item) for item in things))


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _note_expiry(now: datetime, retention_days: int | None) -> str | None:
    return None if retention_days is None else clock.to_stored(now + timedelta(days=retention_days))


def _insert(conn: sqlite3.Connection, req: DeskRequest) -> None:
    row = _request_row(req)
    conn.execute(
        f"INSERT INTO requests ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
        tuple(row.values()),
    )
    conn.executemany(
        "INSERT OR IGNORE INTO request_codes (request_id, kind, code) VALUES (?, ?, ?)",
        [
            (req.id, kind, code)
            for kind in MULTI_KINDS
            for code in getattr(req, _MULTI_FIELDS[kind])
        ],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO request_guides (request_id, guide_id, step_reached) VALUES (?, ?, ?)",
        [(req.id, g.guide_id, g.step_reached) for g in req.guides],
    )
    if req.followup:
        conn.execute(
            "INSERT INTO followups (request_id, at, bring) VALUES (?, ?, ?)",
            (
                req.id,
                req.followup.at.strftime("%Y-%m-%dT%H:%M"),
                json.dumps(list(req.followup.bring), ensure_ascii=False),
            ),
        )


def readable_detail(detail: str) -> str:
    """An audit detail may name a file whose name is not UTF-8 (merge, restore): such
    bytes arrive as surrogates, which SQLite cannot store; keep them readable instead."""
    return detail.encode("utf-8", "backslashreplace").decode("utf-8")


def _audit(
    conn: sqlite3.Connection,
    staff: str,
    action: str,
    request_id: str | None,
    detail: str = "",
) -> None:
    assert action in AUDIT_ACTIONS, action
    detail = readable_detail(detail)
    conn.execute(
        "INSERT INTO audit_log (at, staff, action, request_id, detail) VALUES (?, ?, ?, ?, ?)",
        (clock.now_stored(), staff, action, request_id, detail),
    )


def _changed_fields(old: DeskRequest, new: DeskRequest) -> list[str]:
    """Names of the fields an edit changed; the audit trail records names, never values."""
    skip = {"updated_at", "created_at", "note_expires_at", "extra"}
    return [
        f.name
        for f in fields(DeskRequest)
        if f.name not in skip and getattr(old, f.name) != getattr(new, f.name)
    ]


def _delete_rows(conn: sqlite3.Connection, request_id: str) -> None:
    for table in ("request_codes", "request_guides", "followups"):
        conn.execute(f"DELETE FROM {table} WHERE request_id = ?", (request_id,))
    conn.execute("DELETE FROM requests WHERE id = ?", (request_id,))


def open_store(path: Path, migrate: bool = True) -> Store:
    """Open (creating or upgrading as needed) the desk database at ``path``.

    Durable commits (the default ``synchronous=FULL``) and enforced foreign keys: a
    saved request must survive a power cut at the desk.
    """
    SCHEMA.refuse_newer(path)  # before connect: a newer file stays byte for byte as it was
    store = Store(connect(path), path)
    try:
        if migrate:
            store.migrate()
    except StoreError:
        store.close()
        raise
    return store


def _where(
    column: str, since: str | None, until: str | None, equal: dict[str, str | None] | None = None
) -> tuple[str, list[str]]:
    """``WHERE`` for since <= column < until (stored-format bounds) and each given
    column = value; empty when nothing narrows the query."""
    where, params = [], []
    if since:
        where.append(f"{column} >= ?")
        params.append(since)
    if until:
        where.append(f"{column} < ?")
        params.append(until)
    for name, value in (equal or {}).items():
        if value:
            where.append(f"{name} = ?")
            params.append(value)
    return ("WHERE " + " AND ".join(where)) if where else "", params
