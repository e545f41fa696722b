"""Reading another desk database in one snapshot, and checking its rows as a new save is.

Merge and restore both take rows that this desk never validated: a copied location
file or a backup may be old, damaged or crafted. Every row passes the same rules as a
request saved at the desk (``records.validate_request`` with the privacy guard, known
codes, code patterns, minutes range, note length), plus what only stored rows can get
wrong: ids of the right shape, readable times between 1900 and 2100, values of the right
type, and no time further ahead of this machine's clock than ``CLOCK_SKEW``.

A problem names the row and the field, never the value: the value may be a resident's
BSN, or a formula aimed at the spreadsheet the message ends up in.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from helpdesk import clock
from helpdesk.records import (
    NOTE_MAX_CHARS,
    DeskRequest,
    FollowUp,
    GuideUse,
    ValidationError,
    validate_request,
)
from helpdesk.store import DEFAULT_NOTE_RETENTION_DAYS, SCHEMA, note_expiry_from_created
from helpdesk.taxonomy import Taxonomy, taxonomy

#: How far another desk's clock may run ahead of ours. A time later than now + this is
#: refused: "the later edit wins" would otherwise let a desk whose clock is a day ahead
#: win every conflict for a day. Five minutes covers clocks set by hand at the desk.
CLOCK_SKEW = timedelta(minutes=5)
#: A ULID as the store writes it (Crockford base 32, 26 characters).
ID_PATTERN = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}$")
FOLLOWUP_FORMAT = "%Y-%m-%dT%H:%M"
YEARS = (1900, 2100)
MAX_REPORTED = 10  # rows named in one message; the count says how many more

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
_MULTI = {"organisation": "organisations", "subject": "subjects", "barrier": "barriers"}


class SnapshotError(Exception):
    """The file is not a desk database this version can read."""


@dataclass(frozen=True)
class RowProblem:
    """One refused row: where (table, row id or position) and which fields; no values."""

    table: str
    row: str  # the request id when it has the right shape, else "#<position>"
    fields: tuple[str, ...]

    def text(self) -> str:
        where = self.row if self.table == "requests" else f"{self.table} {self.row}"
        return f"{where}: {', '.join(self.fields)}"


@dataclass(frozen=True)
class Snapshot:
    """Everything a merge or restore takes from another database, read at one moment."""

    schema_version: int
    requests: dict[str, dict]
    children: dict[str, dict[str, list[tuple]]]  # table -> request id -> rows
    tombstones: dict[str, str]  # request id -> deleted_at
    problems: list[RowProblem] = field(default_factory=list)


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def read_snapshot(conn: sqlite3.Connection, name: str, newest: int) -> Snapshot:
    """Read every request, child row and tombstone of ``conn`` in ONE read transaction.

    Separate reads could see another desk's commit in between (a request read before an
    edit, its codes after it); inside ``BEGIN`` SQLite keeps the first read's snapshot.
    """
    conn.execute("BEGIN")
    try:
        return _read(conn, name, newest)
    finally:
        conn.execute("ROLLBACK")


def _read(conn: sqlite3.Connection, name: str, newest: int) -> Snapshot:
    try:
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    except sqlite3.DatabaseError:
        raise SnapshotError(f"{name}: not a desk database (not an SQLite file)") from None
    for needed in ("requests", "request_codes", SCHEMA.table):
        if needed not in tables:
            raise SnapshotError(f"{name}: not a desk database (no table {needed})")
    version = SCHEMA.version(conn)
    if version > newest:
        raise SnapshotError(
            f"{name} was written by a newer inclusiedesk (schema {version}, this version "
            f"knows {newest}); update inclusiedesk here first"
        )
    have = set(_columns(conn, "requests"))
    if not {"id", "created_at", "updated_at", "location"} <= have:
        raise SnapshotError(f"{name}: not a desk database (requests table lacks ids or times)")
    cols = [c for c in REQUEST_COLUMNS if c in have]
    requests: dict[str, dict] = {}
    problems: list[RowProblem] = []
    for position, row in enumerate(conn.execute(f"SELECT {', '.join(cols)} FROM requests"), 1):
        data = dict.fromkeys(REQUEST_COLUMNS) | dict(zip(cols, row, strict=True))
        rid = data["id"]
        if not isinstance(rid, str) or not ID_PATTERN.match(rid) or rid in requests:
            problems.append(RowProblem("requests", f"#{position}", ("id",)))
            continue
        requests[rid] = data
    children: dict[str, dict[str, list[tuple]]] = {}
    for table, tcols in CHILD_TABLES.items():
        by_id: dict[str, list[tuple]] = {}
        if table in tables:
            for row in conn.execute(f"SELECT {', '.join(tcols)} FROM {table} ORDER BY rowid"):
                by_id.setdefault(row[0], []).append(row)
        children[table] = by_id
    tombstones: dict[str, str] = {}
    if "deletions" in tables:
        for position, (rid, deleted_at) in enumerate(
            conn.execute("SELECT request_id, deleted_at FROM deletions"), 1
        ):
            if not isinstance(rid, str) or not ID_PATTERN.match(rid):
                problems.append(RowProblem("deletions", f"#{position}", ("request_id",)))
            elif _stamp_problem(deleted_at, future_ok=False):
                problems.append(RowProblem("deletions", rid, ("deleted_at",)))
            else:
                tombstones[rid] = deleted_at
    return Snapshot(version, requests, children, tombstones, problems)


# ---------------------------------------------------------------- checking rows


def _stamp_problem(value: object, *, future_ok: bool) -> bool:
    """True when ``value`` is not a stored UTC time in 1900-2100 (or is too far ahead)."""
    if not isinstance(value, str):
        return True
    try:
        moment = clock.from_stored(value)
    except ValueError:
        return True
    if not YEARS[0] <= moment.year <= YEARS[1]:
        return True
    return not future_ok and moment > clock.utc_now() + CLOCK_SKEW


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text_or_none(value: object) -> bool:
    return value is None or isinstance(value, str)


def build_request(
    data: dict, children: dict[str, dict[str, list[tuple]]]
) -> tuple[DeskRequest | None, list[str]]:
    """The request a stored row describes, and the fields whose stored form is wrong.

    Types and times are checked here; the desk's own rules by ``check_request``.
    """
    bad: list[str] = []
    rid = data["id"]
    for name in ("created_at", "updated_at"):
        if _stamp_problem(data[name], future_ok=False):
            bad.append(name)
    if data["note_expires_at"] is not None and _stamp_problem(
        data["note_expires_at"], future_ok=True
    ):
        bad.append("note_expires_at")
    for name in ("location", "staff", "help_type", "outcome", "channel", "visitor_type"):
        if not isinstance(data[name], str):
            bad.append(name)
    for name in ("referred_to", "age_band", "minutes_source"):
        if not _text_or_none(data[name]):
            bad.append(name)
    if data["first_visit"] not in (None, 0, 1) or isinstance(data["first_visit"], float):
        bad.append("first_visit")
    if data["minutes"] is not None and not _is_int(data["minutes"]):
        bad.append("minutes")
    note = data["note"]
    if not _text_or_none(note) or (isinstance(note, str) and len(note) > NOTE_MAX_CHARS):
        bad.append("note")
        note = ""  # never run the guard over megabytes; the row is refused anyway
    codes: dict[str, list[str]] = {kind: [] for kind in _MULTI}
    for _, kind, code in children["request_codes"].get(rid, []):
        if kind not in codes or not isinstance(code, str):
            bad.append("request_codes")
            continue
        codes[kind].append(code)
    guides: list[GuideUse] = []
    for _, guide_id, step in children["request_guides"].get(rid, []):
        if not isinstance(guide_id, str) or not (step is None or _is_int(step)):
            bad.append("guides")
            continue
        guides.append(GuideUse(guide_id, step))
    followup = None
    for _, at, bring in children["followups"].get(rid, []):
        followup, ok = _followup(at, bring)
        if not ok:
            bad.append("followup")
    if bad:
        return None, sorted(set(bad))
    req = DeskRequest(
        organisations=tuple(codes["organisation"]),
        subjects=tuple(codes["subject"]),
        barriers=tuple(codes["barrier"]),
        help_type=data["help_type"],
        outcome=data["outcome"],
        location=data["location"],
        staff=data["staff"],
        referred_to=data["referred_to"],
        channel=data["channel"],
        visitor_type=data["visitor_type"],
        age_band=data["age_band"],
        first_visit=None if data["first_visit"] is None else bool(data["first_visit"]),
        minutes=data["minutes"],
        minutes_source=data["minutes_source"],
        note=note or "",
        guides=tuple(guides),
        followup=followup,
        id=rid,
        created_at=data["created_at"],
        updated_at=data["updated_at"],
        note_expires_at=data["note_expires_at"],
    )
    return req, []


def _followup(at: object, bring: object) -> tuple[FollowUp | None, bool]:
    if not isinstance(at, str) or not (bring is None or isinstance(bring, str)):
        return None, False
    try:
        moment = datetime.strptime(at, FOLLOWUP_FORMAT)
        items = json.loads(bring or "[]")
    except ValueError:
        return None, False
    if not YEARS[0] <= moment.year <= YEARS[1] or not isinstance(items, list):
        return None, False
    if not all(isinstance(i, str) and len(i) <= NOTE_MAX_CHARS for i in items):
        return None, False
    return FollowUp(moment, tuple(items)), True


def check_request(req: DeskRequest, tax: Taxonomy) -> list[str]:
    """Fields of ``req`` a new save would refuse (take-over allowed: the other desk may be
    a municipal one)."""
    try:
        validate_request(req, tax, allow_take_over=True)
    except ValidationError as exc:
        return sorted({e.field for e in exc.errors})
    return []


def with_retention(data: dict, retention_days: int, now: datetime | None = None) -> dict:
    """The row as this desk keeps it: an expired note dropped, a note without an expiry
    given one (created_at + retention), and no expiry later than now + retention."""
    moment = now or clock.utc_now()
    row = dict(data)
    if not row["note"]:
        row["note"], row["note_expires_at"] = None, None
        return row
    expiry = row["note_expires_at"] or note_expiry_from_created(row["created_at"], retention_days)
    expiry = min(expiry, clock.to_stored(moment + timedelta(days=retention_days)))
    if expiry <= clock.to_stored(moment):
        row["note"], row["note_expires_at"] = None, None
    else:
        row["note_expires_at"] = expiry
    return row


def check_snapshot(
    snapshot: Snapshot,
    retention_days: int = DEFAULT_NOTE_RETENTION_DAYS,
    tax: Taxonomy | None = None,
) -> tuple[dict[str, dict], list[RowProblem]]:
    """The rows to take (retention applied), and every problem found; take none if any.

    An expired note is dropped before the guard sees it: it is never imported, so it
    cannot make the file refused either.
    """
    problems = list(snapshot.problems)
    if snapshot.requests:  # an empty file needs no code lists
        tax = tax or taxonomy()
    rows: dict[str, dict] = {}
    for rid, data in snapshot.requests.items():
        req, bad = build_request(data, snapshot.children)
        if req is not None:
            kept = with_retention(data, retention_days)
            bad = check_request(req.with_changes(note=kept["note"] or ""), tax or taxonomy())
            rows[rid] = kept
        if bad:
            problems.append(RowProblem("requests", rid, tuple(bad)))
    return rows, problems


def report(problems: list[RowProblem]) -> str:
    """One line naming the refused rows and fields (the first ``MAX_REPORTED`` rows)."""
    shown = "; ".join(p.text() for p in problems[:MAX_REPORTED])
    more = len(problems) - MAX_REPORTED
    return shown + (f"; and {more} more" if more > 0 else "")
