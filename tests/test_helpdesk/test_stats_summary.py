"""The trigger-kept summaries agree with the raw tables after any sequence of writes.

Hypothesis drives adds, edits (codes, location, day), deletes, plain-SQL changes and
purges on a real database file; afterwards every count the engine reads from the
summaries must equal the count computed from the raw rows.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpdesk import clock, demo_data
from helpdesk.records import DeskRequest
from helpdesk.stats import counting, periods
from helpdesk.store import Store, open_store

ORGS = ("digid", "belastingdienst", "toeslagen", "gemeente", "bank")
SUBJECTS = ("digid-apply", "tax-return", "allowance", "moving")
BARRIERS = ("language", "digital-skills", "no-device")
PLACES = ("bieb-centrum", "bieb-noord")
START = date(2026, 1, 1)


pytestmark = pytest.mark.usefixtures("amsterdam")  # see conftest.py


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
                assert counting.counts_between(store, since, until, place) == counting.raw_counts(
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


# ------------------------------------------------------------------ demo data's bulk path

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
# one request stored before the demo rows, on a day the demo rows also fall on
EARLIER = DeskRequest(
    organisations=("bank",),
    subjects=("moving",),
    help_type="help-along",
    outcome="solved",
    location="bieb-noord",
    staff="s1",
    id="01JA0000000000000000000001",
    created_at=clock.to_stored(datetime(2026, 6, 3, 9, 30, tzinfo=UTC)),
)
SUMMARY_TABLES = ("stats_daily", "stats_monthly", "stats_dirty")


def _snapshot(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Everything the statistics keep, plus the triggers that keep it."""
    found = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in SUMMARY_TABLES}
    found["triggers"] = sorted(
        conn.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
    )
    return found


def _full_recount(store: Store) -> None:
    """Throw the summaries away and count every stored day again."""
    with store.transaction() as conn:
        conn.execute("DELETE FROM stats_daily")
        conn.execute("DELETE FROM stats_monthly")
        conn.execute(
            "INSERT OR IGNORE INTO stats_dirty (day) "
            "SELECT DISTINCT substr(created_at, 1, 10) FROM requests"
        )
    counting.refresh_summaries(store)


def test_demo_data_leaves_what_the_triggers_and_a_full_recount_would(tmp_path: Path) -> None:
    with open_store(tmp_path / "bulk.db") as bulk, open_store(tmp_path / "slow.db") as slow:
        for store in (bulk, slow):
            store.add_request(EARLIER)
            # the same record key in both, so their key sums can be compared
            store.conn.execute("UPDATE requests SET stats_key = 7")
            counting.refresh_summaries(store)
        audit_before = [(e.action, e.request_id) for e in bulk.audit_trail()]

        result = demo_data.generate(bulk, 3000, seed=5, now=NOW)
        assert result.rows == 3000 and bulk.count_requests() == 3001
        after_bulk = _snapshot(bulk.conn)
        assert after_bulk["stats_dirty"] == []  # recounted before the load committed
        # demo rows are not desk work: no audit entries, as before the bulk path
        assert [(e.action, e.request_id) for e in bulk.audit_trail()] == audit_before

        # the slow path: the same rows through plain inserts, every trigger firing
        slow.conn.execute("ATTACH DATABASE ? AS bulk", (str(tmp_path / "bulk.db"),))
        with slow.transaction() as conn:
            conn.execute(
                "INSERT INTO requests SELECT * FROM bulk.requests WHERE id != ?", (EARLIER.id,)
            )
            conn.execute(
                "INSERT INTO request_codes SELECT * FROM bulk.request_codes WHERE request_id != ?",
                (EARLIER.id,),
            )
        slow.conn.execute("DETACH DATABASE bulk")
        assert len(slow.conn.execute("SELECT * FROM stats_dirty").fetchall()) > 300
        counting.refresh_summaries(slow)
        assert _snapshot(slow.conn) == after_bulk

        _full_recount(bulk)
        assert _snapshot(bulk.conn) == after_bulk


def test_logging_after_demo_data_still_updates_the_summaries(tmp_path: Path) -> None:
    with open_store(tmp_path / "desk.db") as store:
        demo_data.generate(store, 500, seed=2, now=NOW)
        triggers = {
            row[0]
            for row in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
        assert {"stats_request_insert", "stats_code_insert"} <= triggers and len(triggers) == 7

        added = store.add_request(EARLIER)
        assert store.conn.execute("SELECT day FROM stats_dirty").fetchall() == [("2026-06-03",)]
        store.update_request(added.with_changes(organisations=("bank", "gemeente")))
        june = periods.month(2026, 6)
        since, until = june.bounds()
        counts = counting.counts_between(store, since, until)
        assert counts == counting.raw_counts(store, since, until)
        assert counts[("organisation", "gemeente")] >= 1
        assert counts[("orgset", "bank,gemeente")] == 1


def test_an_interrupted_bulk_insert_leaves_the_triggers_and_summaries(tmp_path: Path) -> None:
    with open_store(tmp_path / "desk.db") as store:
        store.add_request(EARLIER)
        counting.refresh_summaries(store)
        before = _snapshot(store.conn)
        with (
            pytest.raises(KeyboardInterrupt),
            store.transaction() as conn,
            store.stats_triggers_paused(),
        ):
            conn.execute(
                "INSERT INTO requests (id, created_at, updated_at, location, staff, help_type, "
                "outcome) SELECT 'x' || id, created_at, updated_at, location, staff, help_type, "
                "outcome FROM requests"
            )
            raise KeyboardInterrupt  # Ctrl-C half-way through a load
        assert _snapshot(store.conn) == before and store.count_requests() == 1


def test_codes_added_to_an_older_request_in_a_bulk_insert_are_counted(tmp_path: Path) -> None:
    with open_store(tmp_path / "desk.db") as store:
        store.add_request(EARLIER)
        counting.refresh_summaries(store)
        with store.transaction() as conn, store.stats_triggers_paused():
            conn.execute(
                "INSERT INTO request_codes (request_id, kind, code) VALUES (?, 'barrier', 'language')",
                (EARLIER.id,),
            )
        assert store.conn.execute("SELECT day FROM stats_dirty").fetchall() == [("2026-06-03",)]
        since, until = periods.month(2026, 6).bounds()
        assert counting.counts_between(store, since, until)[("barrier", "language")] == 1


def test_a_killed_demo_load_leaves_no_rows_and_every_trigger(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    open_store(db).close()
    env = dict(os.environ, HELPDESK_DB=str(db))
    proc = subprocess.Popen(
        [sys.executable, "-m", "helpdesk.cli", "demo-data", "--rows", "300000"],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    wal = db.with_name(db.name + "-wal")
    deadline = time.monotonic() + 120
    # kill it once the transaction has written pages, well before it can commit
    while time.monotonic() < deadline and (not wal.exists() or wal.stat().st_size < 2_000_000):
        assert proc.poll() is None, "the load finished before it could be killed"
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT COUNT(*) FROM requests").fetchone()[0] == 0
    triggers = conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'")
    assert triggers.fetchone()[0] == 7
    conn.close()
