"""The cell-key method itself: bounded, unbiased, consistent noise (helpdesk/stats/cell_key.py)."""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import TYPE_CHECKING

from builders import desk_request

from helpdesk.stats import cell_key, counting, periods, suppression
from helpdesk.stats.cell_key import KEY_SPACE, Cell
from helpdesk.store import open_store

if TYPE_CHECKING:
    from conftest import RunCli


def test_noise_is_bounded_and_right_on_average() -> None:
    rng = random.Random(4)
    draws = [cell_key.noise(rng.randrange(KEY_SPACE)) for _ in range(20_000)]
    assert set(draws) == {-2, -1, 0, 1, 2}
    assert abs(sum(draws) / len(draws)) < 0.03  # figures stay right on average
    assert 0.37 < draws.count(0) / len(draws) < 0.43


def test_small_counts_hidden_large_ones_never_below_the_threshold() -> None:
    rng = random.Random(5)
    for count in range(0, 40):
        for _ in range(50):
            value = Cell(count, rng.randrange(KEY_SPACE)).publish(5)
            if count == 0:
                assert value == 0
            elif count < 5:
                assert value == "<5"
            else:
                assert isinstance(value, int) and value >= 5 and abs(value - count) <= 2
    assert Cell(3, 12345).publish(1) == 3  # threshold 1: protection off, exact


def test_the_same_requests_give_the_same_figure_and_others_do_not(tmp_path: Path) -> None:
    """Asking twice, or for the same requests in another period, gives nothing new."""
    with open_store(tmp_path / "desk.db") as store:
        for day in range(1, 29):  # 28 requests in February 2026
            store.add_request(desk_request(created_at=f"2026-02-{day:02d}T10:00:00.000000Z"))
        keys = [row[0] for row in store.conn.execute("SELECT stats_key FROM requests")]
        assert None not in keys and len(set(keys)) == 28  # every request got its own key
        month = suppression.protect(counting.dashboard(store, periods.month(2026, 2)))
        quarter = suppression.protect(counting.dashboard(store, periods.quarter(2026, 1)))
        again = suppression.protect(counting.dashboard(store, periods.month(2026, 2)))
        assert month["total"] == quarter["total"] == again["total"]  # the same 28 requests
        assert abs(month["total"] - 28) <= 2
        # over many different sets of requests the noise really varies
        values = {
            suppression.protect(counting.dashboard(store, periods.week(2026, w)))["total"]
            for w in range(6, 10)
        }
        assert all(isinstance(v, int) and 5 <= v <= 9 for v in values)


def test_an_upgraded_database_gives_every_request_a_key(tmp_path: Path) -> None:
    with open_store(tmp_path / "desk.db") as store:
        for day in range(1, 8):
            store.add_request(desk_request(created_at=f"2026-03-{day:02d}T10:00:00.000000Z"))
        conn = store.conn
        conn.execute("UPDATE requests SET stats_key = NULL")  # as before migration 7
        conn.execute("DELETE FROM schema_migrations WHERE version = 7")
        conn.execute("DROP TRIGGER stats_key_fill")
        for table in ("stats_daily", "stats_monthly"):
            conn.execute(f"ALTER TABLE {table} DROP COLUMN k")
        conn.execute("ALTER TABLE requests DROP COLUMN stats_key")
        conn.commit()
    with open_store(tmp_path / "desk.db") as store:
        keys = [row[0] for row in store.conn.execute("SELECT stats_key FROM requests")]
        assert len(keys) == 7 and None not in keys
        store.add_request(desk_request(created_at="2026-03-09T10:00:00.000000Z"))
        assert (
            store.conn.execute("SELECT COUNT(*) FROM requests WHERE stats_key IS NULL").fetchone()[
                0
            ]
            == 0
        )
        tally = counting.tally_between(
            store, "2026-03-01T00:00:00.000000Z", "2026-04-01T00:00:00.000000Z"
        )
        assert tally.k[("total", "")] == sum(
            row[0] for row in store.conn.execute("SELECT stats_key FROM requests")
        )


def test_record_keys_never_leave_the_desk(run_cli: RunCli) -> None:
    """Whoever knows the keys can take the noise off: no export or listing shows them."""
    with open_store(Path(os.environ["HELPDESK_DB"])) as store:
        store.add_request(desk_request())
        key = str(store.conn.execute("SELECT stats_key FROM requests").fetchone()[0])
    for argv in (
        ("list", "--json"),
        ("export", "--format", "json"),
        ("export", "--format", "csv"),
        ("export", "--format", "csv", "--aggregate"),
        ("stats", "--json"),
    ):
        code, out, err = run_cli(*argv)
        assert code == 0, err
        assert "stats_key" not in out and key not in out, argv
