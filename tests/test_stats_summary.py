"""The trigger-kept summaries agree with the raw tables after any sequence of writes.

Hypothesis drives adds, edits (codes, location, day), deletes, plain-SQL changes and
purges on a real database file; afterwards every count the engine reads from the
summaries must equal the count computed from the raw rows.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpdesk import clock, periods, stats
from helpdesk.records import DeskRequest
from helpdesk.store import open_store

ORGS = ("digid", "belastingdienst", "toeslagen", "gemeente", "bank")
SUBJECTS = ("digid-apply", "tax-return", "allowance", "moving")
BARRIERS = ("language", "digital-skills", "no-device")
PLACES = ("bieb-centrum", "bieb-noord")
START = date(2026, 1, 1)


@pytest.fixture(autouse=True)
def amsterdam(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def moment(day: int, minute: int) -> str:
    """A local time within 2026, often close to midnight (the edges that matter)."""
    local = datetime.combine(START + timedelta(days=day), datetime.min.time()) + timedelta(
        minutes=minute
    )
    return clock.to_stored(local.astimezone())


subsets = st.lists(st.sampled_from(ORGS), min_size=1, max_size=3, unique=True)
when = st.tuples(st.integers(0, 364), st.sampled_from((0, 5, 59, 60, 61, 600, 1380, 1439)))
add = st.builds(
    lambda w, orgs, subs, bars, place, minutes, age: (
        "add",
        DeskRequest(
            organisations=tuple(orgs),
            subjects=tuple(subs),
            barriers=tuple(bars),
            help_type="help-along",
            outcome="solved",
            location=place,
            staff="s1",
            minutes=minutes,
            age_band=age,
            created_at=moment(*w),
        ),
    ),
    when,
    subsets,
    st.lists(st.sampled_from(SUBJECTS), min_size=1, max_size=2, unique=True),
    st.lists(st.sampled_from(BARRIERS), max_size=2, unique=True),
    st.sampled_from(PLACES),
    st.one_of(st.none(), st.integers(1, 60)),
    st.one_of(st.none(), st.sampled_from(("65-74", "75+"))),
)
change = st.tuples(
    st.sampled_from(("edit", "delete", "move", "drop-code", "purge")),
    st.integers(0, 50),
    subsets,
    st.sampled_from(PLACES),
    when,
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=st.lists(st.one_of(add, add, change), min_size=1, max_size=12))
def test_summaries_match_raw_rows(tmp_path_factory: pytest.TempPathFactory, ops: list) -> None:
    path = tmp_path_factory.mktemp("summary") / "desk.db"
    with open_store(path) as store:
        for op in ops:
            ids = [r.id for r in store.list_requests()]
            if op[0] == "add":
                store.add_request(op[1])
                continue
            kind, pick, orgs, place, w = op
            if not ids:
                continue
            rid = ids[pick % len(ids)] or ""
            if kind == "edit":
                old = store.get_request(rid)
                store.update_request(old.with_changes(organisations=tuple(orgs), location=place))
            elif kind == "delete":
                store.delete_request(rid)
            elif kind == "move":
                with store.transaction() as conn:
                    conn.execute(
                        "UPDATE requests SET created_at = ?, location = ? WHERE id = ?",
                        (moment(*w), place, rid),
                    )
            elif kind == "drop-code":
                with store.transaction() as conn:
                    conn.execute(
                        "DELETE FROM request_codes WHERE request_id = ? AND kind = 'organisation' "
                        "AND code = (SELECT MIN(code) FROM request_codes WHERE request_id = ? "
                        "AND kind = 'organisation')",
                        (rid, rid),
                    )
            else:
                store.purge(0, now=clock.from_stored(moment(w[0], 0)))
        for period in (periods.year(2026), periods.parse_period("2026-Q2"), periods.month(2026, 3)):
            since, until = period.bounds()
            for place in (None, *PLACES):
                assert stats.counts_between(store, since, until, place) == stats.raw_counts(
                    store, since, until, place
                )
        rolled = (
            "SELECT substr(day, 1, 7), location, dim, code, SUM(n) FROM stats_daily "
            "GROUP BY 1, 2, 3, 4"
        )
        monthly = "SELECT day, location, dim, code, n FROM stats_monthly"
        for a, b in ((monthly, rolled), (rolled, monthly)):
            assert store.conn.execute(f"{a} EXCEPT {b}").fetchall() == []
        for table in ("stats_daily", "stats_monthly"):
            assert store.conn.execute(f"SELECT COUNT(*) FROM {table} WHERE n <= 0").fetchone() == (
                0,
            )
