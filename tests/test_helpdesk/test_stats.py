"""The statistics engine on a real database with known content: every figure checked.

The machine's time zone is set to Europe/Amsterdam so local days do not start at UTC
midnight and the partial days at the edges of a period are exercised.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from builders import desk_request, without_noise

from helpdesk import clock
from helpdesk.records import DeskRequest
from helpdesk.stats import counting, periods, suppression
from helpdesk.stats.periods import PeriodError
from helpdesk.store import Store, open_store

pytestmark = pytest.mark.usefixtures("amsterdam")  # see conftest.py


def at(day: str, hh: int = 10, mm: int = 0) -> str:
    """Stored UTC time of a local day and time."""
    local = datetime.fromisoformat(f"{day}T{hh:02d}:{mm:02d}").astimezone()
    return clock.to_stored(local)


def add(store: Store, when: str, **fields: object) -> DeskRequest:
    profile = {"staff": "bc01", "age_band": "65-74", "first_visit": True}
    fields = {**profile, "barriers": ("digital-skills",), **fields}
    return store.add_request(desk_request(created_at=when, **fields))


def fill(store: Store) -> None:
    """Q3 2026: 10 requests; Q2: 3; one just after Q3 in Q4. No cell-key noise: the
    tests that fill this store are about what is counted and how it is shown."""
    add(store, at("2026-07-01", 0, 10), minutes=10)  # first minutes of the quarter
    for minutes in (20, 30, 40, 50):
        add(store, at("2026-07-15"), minutes=minutes)
    for _ in range(4):
        add(
            store,
            at("2026-09-30", 14),
            organisations=("belastingdienst", "toeslagen"),
            subjects=("tax-return",),
            help_type="referral",
            outcome="referred",
            referred_to="schuldhulp",
            channel="appointment",
            age_band="75+",
            first_visit=False,
            barriers=(),
            location="bieb-noord",
            staff="bn01",
        )
    add(
        store,
        at("2026-09-30", 23, 55),  # last minutes of the quarter
        organisations=("gemeente", "digid"),
        subjects=("passport-id", "digid-apply"),
        help_type="information",
        outcome="not-solved",
        age_band=None,
        first_visit=None,
        barriers=("language", "digital-skills"),
        visitor_type="helper-on-behalf",
        location="bieb-noord",
        staff="bn02",
        minutes=5,
    )
    add(store, at("2026-10-01", 0, 5))  # Q4
    add(store, at("2026-06-30", 23, 55))  # Q2
    add(store, at("2026-05-10"), outcome="partly-solved", minutes=7)
    add(store, at("2026-04-01", 0, 1), minutes=3)
    without_noise(store.conn)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "desk.db") as opened:
        fill(opened)
        yield opened


Q3 = periods.parse_period("2026-Q3")


def test_every_figure_of_a_known_quarter(store: Store) -> None:
    d = counting.dashboard(store, Q3)
    assert d.total == 10
    assert d.by_org == {"digid": 6, "belastingdienst": 4, "toeslagen": 4, "gemeente": 1}
    assert d.by_government_level == {"rijk": 10, "gemeente": 1}  # once per request per level
    assert d.by_subject == {"digid-apply": 6, "tax-return": 4, "passport-id": 1}
    assert d.by_help_type == {"help-along": 5, "referral": 4, "information": 1}
    assert d.by_channel == {"walk-in": 6, "appointment": 4}
    assert d.by_outcome == {"solved": 5, "referred": 4, "not-solved": 1}
    assert d.solved_at_desk_share == 0.5
    assert d.referrals == {"schuldhulp": 4}
    assert d.minutes == counting.Minutes(total=155, recorded=6, median=20, p90=50)
    assert d.by_age_band == {"65-74": 5, "75+": 4, "unknown": 1}
    assert d.by_first_visit == {"first": 5, "returning": 4, "unknown": 1}
    assert d.by_barrier == {"digital-skills": 6, "language": 1}
    assert d.by_location == {"bieb-centrum": 5, "bieb-noord": 5}
    assert d.by_staff == {"bc01": 5, "bn01": 4, "bn02": 1}
    assert d.by_visitor_type == {"resident": 9, "helper-on-behalf": 1}
    assert d.per_month == (("2026-07", 5), ("2026-08", 0), ("2026-09", 5))
    weeks = dict(d.per_week)
    assert list(weeks)[0] == "2026-W27" and list(weeks)[-1] == "2026-W40"
    assert (weeks["2026-W27"], weeks["2026-W29"], weeks["2026-W40"]) == (1, 4, 5)
    assert sum(weeks.values()) == 10


def test_previous_equal_period_and_change(store: Store) -> None:
    d = counting.dashboard(store, Q3)
    assert d.previous.period.label == "2026-Q2"
    assert (d.previous.total, d.previous.solved, d.previous.minutes_total) == (3, 2, 10)
    assert (d.change, d.change_pct) == (7, 233.3)


def test_location_filter(store: Store) -> None:
    d = counting.dashboard(store, Q3, location="bieb-noord")
    assert d.total == 5
    assert d.by_location == {"bieb-noord": 5}
    assert d.by_outcome == {"referred": 4, "not-solved": 1}
    assert d.by_government_level == {"rijk": 5, "gemeente": 1}
    assert d.per_month == (("2026-07", 0), ("2026-08", 0), ("2026-09", 5))
    assert d.previous.total == 0 and d.change_pct is None


def test_a_day_period_uses_only_raw_rows_and_agrees(store: Store) -> None:
    d = counting.dashboard(store, periods.day_range(date(2026, 9, 30), date(2026, 9, 30)))
    assert d.total == 5 and d.by_staff == {"bn01": 4, "bn02": 1}


def test_summary_matches_raw_tables_after_edits_deletes_and_purge(store: Store) -> None:
    since, until = periods.year(2026).bounds()
    assert counting.counts_between(store, since, until) == counting.raw_counts(store, since, until)
    # an edit that moves organisations, a delete, and plain SQL moving a request's day
    first = store.list_requests(location="bieb-noord")[0]
    store.update_request(first.with_changes(organisations=("uwv",), location="bieb-zuid"))
    store.delete_request(store.list_requests(location="bieb-centrum")[0].id or "")
    with store.transaction() as conn:
        conn.execute(
            "UPDATE requests SET created_at = ? WHERE id = ?",
            (at("2026-08-12"), store.list_requests(location="bieb-noord")[-1].id),
        )
        conn.execute("DELETE FROM request_codes WHERE kind = 'barrier' AND code = 'language'")
    store.purge(0, now=clock.from_stored(at("2026-07-15", 12)))
    for loc in (None, "bieb-noord", "bieb-zuid"):
        for day in ("2026-07-01", "2026-08-12", "2026-09-30"):
            lo, hi = clock.day_range(date.fromisoformat(day), date.fromisoformat(day))
            assert counting.counts_between(store, lo or "", hi or "", loc) == counting.raw_counts(
                store, lo or "", hi or "", loc
            )
        got = counting.counts_between(store, since, until, loc)
        assert got == counting.raw_counts(store, since, until, loc)
    for table in ("stats_daily", "stats_monthly"):
        zero = store.conn.execute(f"SELECT COUNT(*) FROM {table} WHERE n <= 0").fetchone()[0]
        assert zero == 0, table
    monthly = "SELECT day, location, dim, code, n FROM stats_monthly"
    rolled = (
        "SELECT substr(day, 1, 7), location, dim, code, SUM(n) FROM stats_daily GROUP BY 1, 2, 3, 4"
    )
    for a, b in ((monthly, rolled), (rolled, monthly)):
        assert store.conn.execute(f"{a} EXCEPT {b}").fetchall() == []


# ------------------------------------------------------------------ suppression


def test_suppression_edge_four_hidden_five_shown() -> None:
    assert suppression.cell(4) == "<5"
    assert suppression.cell(5) == 5
    assert suppression.cell(1) == "<5"
    assert suppression.cell(0) == 0
    assert suppression.cell(9, threshold=10) == "<10"
    assert suppression.table({"a": 4, "b": 5, "c": 0}) == {"a": "<5", "b": 5}


def test_protected_figures_follow_the_contract(store: Store) -> None:
    figures = suppression.protect(counting.dashboard(store, Q3))
    assert figures["total"] == 10  # every record key is 0 here: no noise
    assert figures["by_org"] == {
        "digid": 6,
        "belastingdienst": "<5",
        "toeslagen": "<5",
        "gemeente": "<5",
    }
    assert figures["by_location"] == {"bieb-centrum": 5, "bieb-noord": 5}
    assert figures["by_government_level"] == {"rijk": 10, "gemeente": "<5"}
    assert figures["referrals"] == {"schuldhulp": "<5"}
    assert figures["by_staff"] is None and figures["by_staff_suppressed"] is True
    assert figures["minutes"] == {"total": 155, "median": 20, "p90": 50}
    assert figures["solved_at_desk_share"] == 0.5
    assert figures["suppression_threshold"] == 5
    assert {"week": "2026-W40", "count": 5} in figures["per_week"]
    assert {"week": "2026-W27", "count": "<5"} in figures["per_week"]
    contract = {
        "period", "total", "by_org", "by_subject", "by_government_level", "by_help_type",
        "by_channel", "by_outcome", "solved_at_desk_share", "referrals", "minutes",
        "by_age_band", "by_location", "per_week", "suppression_threshold",
    }  # fmt: skip
    assert contract <= set(figures)
    low = suppression.protect(counting.dashboard(store, Q3), threshold=1)
    assert low["by_staff"] == {"bc01": 5, "bn01": 4, "bn02": 1}


def test_median_hidden_when_few_minutes_recorded(store: Store) -> None:
    figures = suppression.protect(counting.dashboard(store, Q3, location="bieb-noord"))
    # the minutes of fewer than five requests describe those residents: none shown
    assert figures["minutes"] == {"total": None, "median": None, "p90": None}


def test_percentile_nearest_rank() -> None:
    assert counting.percentile([], 0.5) is None
    assert counting.percentile([(7, 1)], 0.9) == 7
    assert counting.percentile([(1, 1), (2, 1), (3, 1), (4, 1)], 0.5) == 2
    assert counting.percentile([(m, 1) for m in range(1, 11)], 0.9) == 9


# ------------------------------------------------------------------ periods


@pytest.mark.parametrize(
    ("text", "start", "end", "previous"),
    [
        ("2026-Q3", "2026-07-01", "2026-09-30", "2026-Q2"),
        ("2026-q1", "2026-01-01", "2026-03-31", "2025-Q4"),
        ("2026-10", "2026-10-01", "2026-10-31", "2026-09"),
        ("2026-01", "2026-01-01", "2026-01-31", "2025-12"),
        ("2026", "2026-01-01", "2026-12-31", "2025"),
        ("2026-W40", "2026-09-28", "2026-10-04", "2026-W39"),
        ("2026-W01", "2025-12-29", "2026-01-04", "2025-W52"),
        ("2026-W53", "2026-12-28", "2027-01-03", "2026-W52"),
    ],
)
def test_period_parsing(text: str, start: str, end: str, previous: str) -> None:
    p = periods.parse_period(text)
    assert (p.start.isoformat(), p.end.isoformat()) == (start, end)
    assert p.previous().label == previous


@pytest.mark.parametrize("text", ["2026-13", "2026-Q5", "2025-W53", "26", "2026-10-01", "Q3"])
def test_bad_periods_are_refused(text: str) -> None:
    with pytest.raises(PeriodError):
        periods.parse_period(text)


def test_ranges_and_default_year_to_date() -> None:
    today = date(2026, 11, 28)
    ytd = periods.choose_period(today=today)
    assert (ytd.start, ytd.end, ytd.kind) == (date(2026, 1, 1), today, "ytd")
    assert (ytd.previous().start, ytd.previous().end) == (date(2025, 1, 1), date(2025, 11, 28))
    weeks = periods.choose_period(since="2026-03-09", until="2026-03-22", today=today)
    assert weeks.days == 14
    assert (weeks.previous().start, weeks.previous().end) == (date(2026, 2, 23), date(2026, 3, 8))
    months = periods.choose_period(since="2026-02-01", until="2026-03-31", today=today)
    assert (months.previous().start, months.previous().end) == (
        date(2025, 12, 1),
        date(2026, 1, 31),
    )
    # free ranges would let two requests differ by one day: whole weeks or months only
    for since, until in (("2026-03-10", "2026-03-19"), ("2026-03-01", "2026-03-30")):
        with pytest.raises(PeriodError) as refused:
            periods.choose_period(since=since, until=until, today=today)
        assert refused.value.key == "period_not_whole"
    with pytest.raises(PeriodError):
        periods.choose_period(since="2026-03-10", until="2026-03-01", today=today)
    with pytest.raises(PeriodError):
        periods.choose_period(period="2026", since="2026-01-01", today=today)
    with pytest.raises(PeriodError):
        periods.choose_period(since="10-03-2026", today=today)


# ------------------------------------------------------------------ aggregated export


def test_aggregate_rows_per_month_and_category(store: Store) -> None:
    rows = counting.aggregate_rows(store, "2026-07-01", date(2026, 9, 30))
    assert all(tuple(r) == counting.AGGREGATE_COLUMNS for r in rows)
    by_month: dict[str, set[tuple[str, str, object]]] = {}
    for r in rows:
        by_month.setdefault(str(r["month"]), set()).add((r["dimension"], r["code"], r["count"]))
    assert by_month["2026-07"] == {
        ("total", "", 5),
        ("subject", "digid-apply", 5),
        ("organisation", "digid", 5),
        ("government_level", "rijk", 5),
        ("visitor_type", "resident", 5),
        ("help_type", "help-along", 5),
    }
    assert by_month["2026-08"] == {("total", "", 0)}
    assert by_month["2026-09"] == {
        ("total", "", 5),
        ("subject", "tax-return", "<5"),
        ("subject", "digid-apply", "<5"),
        ("subject", "passport-id", "<5"),
        ("organisation", "belastingdienst", "<5"),
        ("organisation", "toeslagen", "<5"),
        ("organisation", "gemeente", "<5"),
        ("organisation", "digid", "<5"),
        ("government_level", "rijk", 5),
        ("government_level", "gemeente", "<5"),
        ("visitor_type", "resident", "<5"),
        ("visitor_type", "helper-on-behalf", "<5"),
        ("help_type", "referral", "<5"),
        ("help_type", "information", "<5"),
    }
    first = next(r for r in rows if r["dimension"] == "government_level")
    assert (first["label_nl"], first["label_en"]) == ("Rijksoverheid", "Central government")
    out = io.StringIO()
    counting.write_aggregate_csv(rows, out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "month,dimension,code,label_nl,label_en,count"
    assert lines[1] == "2026-07,total,,totaal,total,5"
    noord = counting.aggregate_rows(store, "2026-07-01", "2026-07-31", location="bieb-noord")
    assert noord == [
        {
            "month": "2026-07",
            "dimension": "total",
            "code": "",
            "label_nl": "totaal",
            "label_en": "total",
            "count": 0,
        }
    ]


def test_long_recount_scans_the_table_and_agrees(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(counting, "LONG_RUN_DAYS", 0)
    with open_store(tmp_path / "long.db") as store:
        fill(store)
        since, until = periods.year(2026).bounds()
        assert counting.refresh_summaries(store) > 0
        assert counting.refresh_summaries(store) == 0
        assert counting.counts_between(store, since, until) == counting.raw_counts(
            store, since, until
        )
        assert counting.dashboard(store, Q3).total == 10
