"""The statistics engine: what the desk did, for whom, in a period (issue 5).

Plain functions over the desk database, shared by ``helpdesk stats``, the council
report, the aggregated export and the app's statistics screen.

Why it is fast: a year of a million requests is too much to scan in under a second on
a small machine, so schema 4 holds summaries: counts per UTC day (``stats_daily``) and
per UTC month (``stats_monthly``), location and coded value. Triggers only mark the
UTC days a write touched (``stats_dirty``), which keeps writes cheap; this module
recounts those days before it reads (``refresh_summaries``: milliseconds for a day's
work at the desk, once about a minute after loading a million requests).

A period is a span of *local* days whose bounds rarely fall on UTC midnight, so a count
over [since, until) adds the summary rows of the whole UTC months and days inside and
counts the raw requests of the partial days at both edges (a few hours, through the
created_at index). Results are exact in every time zone; ``raw_counts`` computes the
same figures from the raw tables only and is the reference in tests.
"""

from __future__ import annotations

import csv
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TextIO

from helpdesk import clock
from helpdesk.i18n import t
from helpdesk.stats import periods
from helpdesk.stats.cell_key import Cell
from helpdesk.stats.periods import Period
from helpdesk.stats.suppression import SOLVED, check_threshold
from helpdesk.store import MULTI_KINDS, Store, StoreError
from helpdesk.taxonomy import Taxonomy, UnknownCodeError, taxonomy

Counts = Counter[tuple[str, str]]  # (dim, code) -> count
UNKNOWN = "unknown"  # code shown for a field left empty (e.g. no age band recorded)
# dims needed for the change against the previous period
HEADLINE_DIMS = ("total", "outcome", "minutes")
_DAY_START = "T00:00:00.000000Z"
LONG_RUN_DAYS = 31  # recounting more days than this scans the table instead of the index
# (dim, SQL expression of the code) for a request's own columns; '' stands for NULL.
STATS_COLUMNS = (
    ("total", "''"),
    ("staff", "{r}.staff"),
    ("help_type", "{r}.help_type"),
    ("outcome", "{r}.outcome"),
    ("referral", "coalesce({r}.referred_to, '')"),
    ("channel", "coalesce({r}.channel, '')"),
    ("visitor_type", "coalesce({r}.visitor_type, '')"),
    ("age_band", "coalesce({r}.age_band, '')"),
    ("first_visit", "coalesce(CAST({r}.first_visit AS TEXT), '')"),
    ("minutes", "coalesce(CAST({r}.minutes AS TEXT), '')"),
)
# every dim the summary tables hold: the request's columns, its codes, its organisation set
SUMMARY_DIMS = (*(dim for dim, _ in STATS_COLUMNS), *MULTI_KINDS, "orgset")
_KEY = "coalesce(r.stats_key, 0)"  # a request's record key (cell_key.py)


class Tally:
    """Counts per (dim, code) and, beside them, the sums of the counted requests' keys."""

    def __init__(self) -> None:
        self.n: Counts = Counter()
        self.k: Counts = Counter()

    def add(self, dim: str, code: str, n: int, k: int | None) -> None:
        if n:
            self.n[(dim, code)] += n
            self.k[(dim, code)] += k or 0

    def update(self, other: Tally) -> None:
        self.n.update(other.n)
        self.k.update(other.k)

    def only(self, dims: Iterable[str]) -> Tally:
        keep = set(dims)
        out = Tally()
        out.n = Counter({key: v for key, v in self.n.items() if key[0] in keep})
        out.k = Counter({key: v for key, v in self.k.items() if key[0] in keep})
        return out

    def cell(self, dim: str, code: str) -> Cell:
        return Cell(self.n[(dim, code)], self.k[(dim, code)])


@dataclass(frozen=True)
class Minutes:
    total: int
    recorded: int  # requests with minutes filled in
    median: int | None
    p90: int | None


@dataclass(frozen=True)
class Headline:
    """The figures compared with the previous equal period."""

    period: Period
    total: int
    solved: int
    minutes_total: int
    keys: Mapping[str, int] = field(default_factory=dict)  # 'total', 'solved', 'minutes'


@dataclass(frozen=True)
class Dashboard:
    """Every figure of one period (and optionally one location), real counts, unprotected.

    Protection against small numbers is applied when the figures leave the desk
    (``helpdesk.stats.suppression``, ``to_json``); the desk's own screen may show them as is.
    """

    period: Period
    location: str | None
    total: int
    by_org: Mapping[str, int]
    by_government_level: Mapping[str, int]
    by_subject: Mapping[str, int]
    by_help_type: Mapping[str, int]
    by_channel: Mapping[str, int]
    by_outcome: Mapping[str, int]
    referrals: Mapping[str, int]
    by_age_band: Mapping[str, int]
    by_first_visit: Mapping[str, int]
    by_barrier: Mapping[str, int]
    by_location: Mapping[str, int]
    by_staff: Mapping[str, int]
    by_visitor_type: Mapping[str, int]
    minutes: Minutes
    per_week: tuple[tuple[str, int], ...]
    per_month: tuple[tuple[str, int], ...]
    previous: Headline
    # the key sums of the counted requests (cell_key.py), by 'total', 'minutes' and
    # '<breakdown>/<code>' ('by_org/svb', 'per_week/2026-W05'); never shown
    keys: Mapping[str, int] = field(default_factory=dict)

    def cell(self, name: str, code: str | None = None) -> Cell:
        """One figure with its key: ``cell('total')``, ``cell('by_org', 'svb')``."""
        if code is None:
            return Cell(getattr(self, name), self.keys.get(name, 0))
        counts = dict(getattr(self, name))
        return Cell(counts.get(code, 0), self.keys.get(f"{name}/{code}", 0))

    @property
    def solved(self) -> int:
        return self.by_outcome.get(SOLVED, 0)

    @property
    def solved_at_desk_share(self) -> float:
        return self.solved / self.total if self.total else 0.0

    @property
    def change(self) -> int:
        return self.total - self.previous.total

    @property
    def change_pct(self) -> float | None:
        prev = self.previous.total
        return round(100 * (self.total - prev) / prev, 1) if prev else None


# ------------------------------------------------------------------ summaries


def _summary_sql(where: str) -> str:
    """(day, location, dim, code, n, k) counted from the raw tables for requests r where...

    k is the sum of the requests' record keys (``stats_key``), from which
    ``cell_key`` reads the noise of a published count.
    """
    day = "substr(r.created_at, 1, 10)"
    columns = " UNION ALL ".join(
        f"SELECT {day} AS day, r.location AS location, '{dim}' AS dim, "
        f"{expr.format(r='r')} AS code, {_KEY} AS k FROM requests r WHERE {where}"
        for dim, expr in STATS_COLUMNS
    )
    return (
        f"SELECT day, location, dim, code, COUNT(*), SUM(k) FROM ({columns}) "
        f"GROUP BY 1, 2, 3, 4 UNION ALL SELECT {day}, r.location, c.kind, c.code, COUNT(*), "
        f"SUM({_KEY}) FROM requests r JOIN request_codes c ON c.request_id = r.id "
        f"WHERE {where} GROUP BY 1, 2, 3, 4 "
        "UNION ALL SELECT day, location, 'orgset', s, COUNT(*), SUM(k) FROM ("
        f"SELECT {day} AS day, r.location AS location, {_KEY} AS k, "
        "(SELECT group_concat(code, ',') FROM "
        "(SELECT code FROM request_codes WHERE request_id = r.id AND kind = 'organisation' "
        f"ORDER BY code)) AS s FROM requests r WHERE {where}) WHERE s IS NOT NULL "
        "GROUP BY 1, 2, 3, 4"
    )


def _days_between(first: str, end: str) -> int:
    return (date.fromisoformat(end) - date.fromisoformat(first)).days


def _runs(days: list[str]) -> Iterator[tuple[str, str]]:
    """Contiguous runs of sorted ISO days as (first, day after the last)."""
    start = prev = None
    for text in days:
        day = date.fromisoformat(text)
        if start is None or prev is None or day != prev + timedelta(days=1):
            if start is not None and prev is not None:
                yield start.isoformat(), (prev + timedelta(days=1)).isoformat()
            start = day
        prev = day
    if start is not None and prev is not None:
        yield start.isoformat(), (prev + timedelta(days=1)).isoformat()


def summaries_stale(source: Store | sqlite3.Connection) -> bool:
    """Has a request changed since the summaries were last counted? One lookup.

    The desk asks this when another connection wrote, so open statistics recount only
    for a change in requests, not for the statistics' own recount.
    """
    return _conn(source).execute("SELECT 1 FROM stats_dirty LIMIT 1").fetchone() is not None


def refresh_summaries(source: Store | sqlite3.Connection) -> int:
    """Recount the UTC days the triggers marked as changed; returns how many.

    Cheap when nothing changed (one lookup); after a bulk load (demo data, a big merge,
    the upgrade to schema 4) it recounts everything once, under the write lock.
    """
    conn = _conn(source)
    if conn.execute("SELECT 1 FROM stats_dirty LIMIT 1").fetchone() is None:
        return 0
    own = not conn.in_transaction
    if own:
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot update the statistics summary: {exc}") from exc
    try:
        days = [row[0] for row in conn.execute("SELECT day FROM stats_dirty ORDER BY day")]
        dims = ",".join("?" * len(SUMMARY_DIMS))
        for first, end in _runs(days):
            conn.execute(
                f"DELETE FROM stats_daily WHERE dim IN ({dims}) AND day >= ? AND day < ?",
                (*SUMMARY_DIMS, first, end),
            )
            # a long run reads most of the table: scan it in order instead of jumping
            # from the created_at index into the table a million times
            col = "+r.created_at" if _days_between(first, end) > LONG_RUN_DAYS else "r.created_at"
            conn.execute(
                "INSERT INTO stats_daily (day, location, dim, code, n, k) "
                + _summary_sql(f"{col} >= :lo AND {col} < :hi"),
                {"lo": first + _DAY_START, "hi": end + _DAY_START},
            )
        for month in sorted({d[:7] for d in days}):
            year, mon = int(month[:4]), int(month[5:7])
            nxt = date(year + mon // 12, mon % 12 + 1, 1).isoformat()
            conn.execute(
                f"DELETE FROM stats_monthly WHERE dim IN ({dims}) AND day = ?",
                (*SUMMARY_DIMS, month),
            )
            conn.execute(
                "INSERT INTO stats_monthly (day, location, dim, code, n, k) SELECT "
                "substr(day, 1, 7), location, dim, code, SUM(n), SUM(k) FROM stats_daily "
                f"WHERE dim IN ({dims}) AND day >= ? AND day < ? GROUP BY 1, 2, 3, 4",
                (*SUMMARY_DIMS, f"{month}-01", nxt),
            )
        conn.execute("DELETE FROM stats_dirty")
    except BaseException:
        if own:
            conn.execute("ROLLBACK")
        raise
    if own:
        conn.execute("COMMIT")
    return len(days)


# ------------------------------------------------------------------ counting


def _conn(source: Store | sqlite3.Connection) -> sqlite3.Connection:
    return source.conn if isinstance(source, Store) else source


def _loc(location: str | None, alias: str = "") -> tuple[str, tuple]:
    if not location:
        return "", ()
    return f" AND {alias}location = ?", (location,)


def raw_counts(
    source: Store | sqlite3.Connection, since: str, until: str, location: str | None = None
) -> Counts:
    """Counts per (dim, code) straight from the raw tables, for since <= created_at < until.

    In tests, the reference the summary must agree with.
    """
    return _raw_tally(_conn(source), since, until, location).n


def _raw_tally(
    conn: sqlite3.Connection, since: str, until: str, location: str | None = None
) -> Tally:
    """``raw_counts`` with key sums: the partial days at the edges of a period."""
    loc, loc_params = _loc(location, "r.")
    where = f"r.created_at >= ? AND r.created_at < ?{loc}"
    params = (since, until, *loc_params)
    parts = [
        f"SELECT '{dim}', {expr.format(r='r')}, COUNT(*), SUM({_KEY}) FROM requests r "
        f"WHERE {where} GROUP BY 2"
        for dim, expr in STATS_COLUMNS
    ]
    parts.append(
        f"SELECT 'location', r.location, COUNT(*), SUM({_KEY}) FROM requests r WHERE {where} "
        "GROUP BY 2"
    )
    parts.append(
        f"SELECT c.kind, c.code, COUNT(*), SUM({_KEY}) FROM request_codes c JOIN requests r "
        f"ON r.id = c.request_id WHERE {where} GROUP BY 1, 2"
    )
    parts.append(
        "SELECT 'orgset', s, COUNT(*), SUM(k) FROM (SELECT "
        f"{_KEY} AS k, (SELECT group_concat(code, ',') FROM "
        "(SELECT code FROM request_codes WHERE request_id = r.id AND kind = 'organisation' "
        f"ORDER BY code)) AS s FROM requests r WHERE {where}) WHERE s IS NOT NULL GROUP BY 2"
    )
    tally = Tally()
    for part in parts:
        for dim, code, n, k in conn.execute(part, params):
            tally.add(dim, str(code), n, k)
    return tally


def _summary_slices(first_day: str, end_day: str) -> list[tuple[str, str, str]]:
    """(table, from, to) slices covering the UTC days first_day <= day < end_day: whole
    months from ``stats_monthly`` (keys 'YYYY-MM'), the days around them from
    ``stats_daily``; a year then reads some thousands of rows instead of 200,000."""
    first, end = date.fromisoformat(first_day), date.fromisoformat(end_day)
    month0 = (
        first if first.day == 1 else date(first.year + first.month // 12, first.month % 12 + 1, 1)
    )
    month1 = date(end.year, end.month, 1)
    if month0 >= month1:
        return [("stats_daily", first_day, end_day)]
    slices = [("stats_monthly", month0.isoformat()[:7], month1.isoformat()[:7])]
    if first < month0:
        slices.append(("stats_daily", first_day, month0.isoformat()))
    if month1 < end:
        slices.append(("stats_daily", month1.isoformat(), end_day))
    return slices


def _summary_counts(
    conn: sqlite3.Connection,
    first_day: str,
    end_day: str,
    location: str | None,
    dims: Iterable[str] | None,
) -> Tally:
    """Summed summary rows of the whole UTC days first_day <= day < end_day.

    The dims are always listed so SQLite seeks (dim, day) ranges in the primary key
    instead of scanning the table.
    """
    loc, loc_params = _loc(location)
    wanted = tuple(SUMMARY_DIMS if dims is None else (d for d in dims if d in SUMMARY_DIMS))
    marks = ",".join("?" * len(wanted))
    tally = Tally()
    for table, lo, hi in _summary_slices(first_day, end_day):
        if wanted:
            for dim, code, n, k in conn.execute(
                f"SELECT dim, code, SUM(n), SUM(k) FROM {table} WHERE dim IN ({marks}) "
                f"AND day >= ? AND day < ?{loc} GROUP BY dim, code",
                (*wanted, lo, hi, *loc_params),
            ):
                tally.add(dim, code, n, k)
        if dims is None or "location" in dims:
            for place, n, k in conn.execute(
                f"SELECT location, SUM(n), SUM(k) FROM {table} WHERE dim = 'total' "
                f"AND day >= ? AND day < ?{loc} GROUP BY location",
                (lo, hi, *loc_params),
            ):
                tally.add("location", place, n, k)
    return tally


def _whole_days(since: str, until: str) -> tuple[str, str]:
    """The whole UTC days inside [since, until): first day and the day after the last."""
    first = since[:10]
    if since[10:] != _DAY_START:
        first = (date.fromisoformat(first) + timedelta(days=1)).isoformat()
    return first, until[:10]


def counts_between(
    source: Store | sqlite3.Connection,
    since: str,
    until: str,
    location: str | None = None,
    dims: Iterable[str] | None = None,
) -> Counts:
    """Exact counts per (dim, code) for since <= created_at < until (stored UTC format)."""
    return tally_between(source, since, until, location, dims).n


def tally_between(
    source: Store | sqlite3.Connection,
    since: str,
    until: str,
    location: str | None = None,
    dims: Iterable[str] | None = None,
) -> Tally:
    """``counts_between`` with the key sums that published figures need."""
    conn = _conn(source)
    refresh_summaries(conn)
    first, end = _whole_days(since, until)
    if first >= end:
        tally = _raw_tally(conn, since, until, location)
    else:
        tally = _summary_counts(conn, first, end, location, dims)
        tally.update(_raw_tally(conn, since, first + _DAY_START, location))
        tally.update(_raw_tally(conn, end + _DAY_START, until, location))
    return tally if dims is None else tally.only(dims)


def _daily_totals(
    conn: sqlite3.Connection, since: str, until: str, location: str | None
) -> dict[str, Cell]:
    loc, loc_params = _loc(location)
    first, end = _whole_days(since, until)
    return {
        day: Cell(n, k)
        for day, n, k in conn.execute(
            "SELECT day, SUM(n), SUM(k) FROM stats_daily WHERE dim = 'total' AND day >= ? "
            f"AND day < ?{loc} GROUP BY day",
            (first, end, *loc_params),
        )
    }


def _raw_total(conn: sqlite3.Connection, since: str, until: str, location: str | None) -> Cell:
    if since >= until:
        return Cell(0)
    loc, loc_params = _loc(location, "r.")
    sql = (
        f"SELECT COUNT(*), coalesce(SUM({_KEY}), 0) FROM requests r "
        f"WHERE r.created_at >= ? AND r.created_at < ?{loc}"
    )
    n, k = conn.execute(sql, (since, until, *loc_params)).fetchone()
    return Cell(n, k)


def _sum(cells: Iterable[Cell]) -> Cell:
    found = list(cells)
    return Cell(sum(c.count for c in found), sum(c.key for c in found))


def _total(
    conn: sqlite3.Connection,
    since: str,
    until: str,
    location: str | None,
    daily: dict[str, Cell],
) -> Cell:
    """Requests in [since, until) from daily totals plus raw counts at the edges."""
    first, end = _whole_days(since, until)
    if first >= end:
        return _raw_total(conn, since, until, location)
    return _sum(
        [
            *(c for day, c in daily.items() if first <= day < end),
            _raw_total(conn, since, first + _DAY_START, location),
            _raw_total(conn, end + _DAY_START, until, location),
        ]
    )


def _series(
    conn: sqlite3.Connection, period: Period, location: str | None, unit: str
) -> tuple[tuple[str, Cell], ...]:
    """Counts per ISO week or calendar month (local time), clipped to the period."""
    since, until = period.bounds()
    daily = _daily_totals(conn, since, until, location)
    out = []
    day = period.start
    while day <= period.end:
        if unit == "week":
            label = periods.iso_week_label(day)
            nxt = day + timedelta(days=7 - day.weekday())
        else:
            label = f"{day.year:04d}-{day.month:02d}"
            nxt = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        last = min(nxt - timedelta(days=1), period.end)
        lo, hi = clock.day_range(day, last)
        assert lo and hi
        out.append((label, _total(conn, lo, hi, location, daily)))
        day = nxt
    return tuple(out)


# ------------------------------------------------------------------ shaping


def _dim(
    counts: Counts, dim: str, blank: str | None = UNKNOWN, values: Counts | None = None
) -> dict[str, int]:
    """One breakdown, biggest first; '' (not recorded) becomes ``blank`` or is dropped.

    With ``values`` (a tally's key sums) the same cells add up those instead.
    """
    found: Counter[str] = Counter()
    for (d, code), n in counts.items():
        if d != dim or n <= 0 or (code == "" and blank is None):
            continue
        found[code or str(blank)] += n if values is None else values[(d, code)]
    return dict(sorted(found.items(), key=lambda kv: (-kv[1], kv[0])))


def _levels(counts: Counts, tax: Taxonomy, values: Counts | None = None) -> dict[str, int]:
    """Requests per level of government, each request once per level it touched."""
    found: Counter[str] = Counter()
    for (d, orgset), n in counts.items():
        if d != "orgset" or n <= 0:
            continue
        if values is not None:
            n = values[(d, orgset)]
        levels = set()
        for org in orgset.split(","):
            try:
                levels.add(tax.government_level(org))
            except UnknownCodeError:
                levels.add(UNKNOWN)
        for level in levels:
            found[level] += n
    return dict(sorted(found.items(), key=lambda kv: (-kv[1], kv[0])))


def _minutes_key(tally: Tally) -> int:
    """The key of the requests with minutes recorded (their minutes total's cell)."""
    return sum(k for (d, code), k in tally.k.items() if d == "minutes" and code)


def _minutes(counts: Counts) -> Minutes:
    hist = sorted((int(code), n) for (d, code), n in counts.items() if d == "minutes" and code)
    recorded = sum(n for _, n in hist)
    return Minutes(
        total=sum(m * n for m, n in hist),
        recorded=recorded,
        median=percentile(hist, 0.5),
        p90=percentile(hist, 0.9),
    )


def percentile(histogram: list[tuple[int, int]], p: float) -> int | None:
    """Nearest-rank percentile of a sorted (value, count) histogram: the smallest value
    with at least ceil(p * N) observations at or below it (the lower median for even N)."""
    total = sum(n for _, n in histogram)
    if not total:
        return None
    rank = max(1, -(-int(round(p * total * 1000)) // 1000))  # ceil without float drift
    seen = 0
    for value, n in histogram:
        seen += n
        if seen >= rank:
            return value
    return histogram[-1][0]


def headline(
    source: Store | sqlite3.Connection, period: Period, location: str | None = None
) -> Headline:
    since, until = period.bounds()
    tally = tally_between(source, since, until, location, HEADLINE_DIMS)
    return Headline(
        period=period,
        total=tally.n[("total", "")],
        solved=tally.n[("outcome", SOLVED)],
        minutes_total=_minutes(tally.n).total,
        keys={
            "total": tally.k[("total", "")],
            "solved": tally.k[("outcome", SOLVED)],
            "minutes": _minutes_key(tally),
        },
    )


def dashboard(
    source: Store | sqlite3.Connection,
    period: Period,
    location: str | None = None,
    tax: Taxonomy | None = None,
) -> Dashboard:
    """Every figure of ``period`` (and ``location``), plus the previous equal period."""
    conn = _conn(source)
    tax = tax or taxonomy()
    since, until = period.bounds()
    tally = tally_between(conn, since, until, location)
    counts = tally.n

    def breakdowns(values: Counts | None) -> dict[str, dict[str, int]]:
        """Every breakdown of the counts, or of their key sums with ``values``."""
        first = {"1": "first", "0": "returning", "": UNKNOWN}
        by_first: Counter[str] = Counter()
        for code, n in _dim(counts, "first_visit", "", values).items():
            by_first[first.get(code, code)] += n
        found = {name: _dim(counts, dim, blank, values) for name, (dim, blank) in _DIMS.items()}
        found["by_government_level"] = _levels(counts, tax, values)
        found["by_first_visit"] = dict(by_first.most_common())
        return found

    weeks = _series(conn, period, location, "week")
    months = _series(conn, period, location, "month")
    keys = {"total": tally.k[("total", "")], "minutes": _minutes_key(tally)}
    for name, cells in breakdowns(tally.k).items():
        keys.update({f"{name}/{code}": k for code, k in cells.items()})
    for name, series in (("per_week", weeks), ("per_month", months)):
        keys.update({f"{name}/{label}": c.key for label, c in series})
    return Dashboard(
        period=period,
        location=location,
        total=counts[("total", "")],
        **breakdowns(None),
        minutes=_minutes(counts),
        per_week=tuple((label, c.count) for label, c in weeks),
        per_month=tuple((label, c.count) for label, c in months),
        previous=headline(conn, period.previous(), location),
        keys=keys,
    )


# breakdown -> (summary dim, what a field left empty counts as; None: not counted)
_DIMS: dict[str, tuple[str, str | None]] = {
    "by_org": ("organisation", UNKNOWN),
    "by_subject": ("subject", UNKNOWN),
    "by_help_type": ("help_type", UNKNOWN),
    "by_channel": ("channel", UNKNOWN),
    "by_outcome": ("outcome", UNKNOWN),
    "referrals": ("referral", None),
    "by_age_band": ("age_band", UNKNOWN),
    "by_barrier": ("barrier", UNKNOWN),
    "by_location": ("location", UNKNOWN),
    "by_staff": ("staff", UNKNOWN),
    "by_visitor_type": ("visitor_type", UNKNOWN),
}


# ------------------------------------------------------------------ aggregated export

# The stable column layout of ``helpdesk export --format csv --aggregate``: one row per
# local calendar month, dimension and code. Dimensions are the categories of the
# national registration of government information points; 'total' (code '') is the
# number of requests in the month. Every count, the total included, is published as
# helpdesk.stats.suppression says ('<5', the cell-key noise); a request with two
# subjects counts in both. Months are whole: a range must start on a first and end on
# a last day of a month.
AGGREGATE_COLUMNS = ("month", "dimension", "code", "label_nl", "label_en", "count")
AGGREGATE_DIMENSIONS = {  # dimension -> (summary dim, taxonomy kind)
    "total": ("total", None),
    "subject": ("subject", "subject"),
    "organisation": ("organisation", "organisation"),
    "government_level": ("orgset", "government_level"),
    "visitor_type": ("visitor_type", "visitor_type"),
    "help_type": ("help_type", "help_type"),
}


def _as_day(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return clock.parse_day(value)


def _first_day(conn: sqlite3.Connection) -> date | None:
    row = conn.execute("SELECT MIN(created_at) FROM requests").fetchone()
    return clock.to_local(row[0]).date() if row and row[0] else None


def aggregate_rows(
    source: Store | sqlite3.Connection,
    since: date | str | None = None,
    until: date | str | None = None,
    location: str | None = None,
    threshold: int = 5,
    tax: Taxonomy | None = None,
) -> list[dict[str, object]]:
    """Monthly counts per national-registration category, protected against small numbers.

    ``since``/``until`` are local days, inclusive (date or 'YYYY-MM-DD'), the first and
    the last day of a month; by default from the first stored month to this month.
    Rows follow AGGREGATE_COLUMNS.
    """
    check_threshold(threshold)
    conn = _conn(source)
    tax = tax or taxonomy()
    start, end = _as_day(since), _as_day(until)
    periods.check_whole_months(start, end)
    start = start or _first_day(conn)
    end = end or clock.local_today()
    if start is None or start > end:
        return []
    start = start.replace(day=1)
    wanted = {dim for dim, _ in AGGREGATE_DIMENSIONS.values()}
    rows: list[dict[str, object]] = []
    day = start
    while day <= end:
        nxt = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        last = min(nxt - timedelta(days=1), end)
        lo, hi = clock.day_range(day, last)
        assert lo and hi
        tally = tally_between(conn, lo, hi, location, wanted)
        counts = tally.n
        month = f"{day.year:04d}-{day.month:02d}"
        for name, (dim, kind) in AGGREGATE_DIMENSIONS.items():
            if name == "total":
                found = {"": counts[("total", "")]}
                keys = {"": tally.k[("total", "")]}
            elif name == "government_level":
                found, keys = _levels(counts, tax), _levels(counts, tax, tally.k)
            else:
                found, keys = _dim(counts, dim), _dim(counts, dim, values=tally.k)
            order = [c.code for c in tax.codes(kind)] if kind else []
            for code in sorted(
                found, key=lambda c: (c not in order, order.index(c) if c in order else 0, c)
            ):
                n = found[code]
                if name != "total" and n <= 0:
                    continue
                rows.append(
                    {
                        "month": month,
                        "dimension": name,
                        "code": code,
                        "label_nl": _label(tax, kind, code, "nl"),
                        "label_en": _label(tax, kind, code, "en"),
                        "count": Cell(n, keys[code]).publish(threshold),
                    }
                )
        day = nxt
    return rows


def _label(tax: Taxonomy, kind: str | None, code: str, lang: str) -> str:
    if kind is None:
        return t("total", lang)
    try:
        return tax.label(kind, code, lang)
    except UnknownCodeError:
        return t("unknown", lang) if code == UNKNOWN else code


def write_aggregate_csv(rows: Iterable[Mapping[str, object]], stream: TextIO) -> None:
    """RFC 4180 CSV with the AGGREGATE_COLUMNS header, UTF-8 text, no index column."""
    writer = csv.DictWriter(stream, fieldnames=AGGREGATE_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
